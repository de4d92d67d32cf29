/* responder.c: a responder's making, its grid, voices, notes and controls
 * (see drumswarm.h).  The answer is in responder-answer.c, the playing of a
 * bar in responder-play.c, learning in responder-learn.c. */
#include "autoconfig.h"

#include "src/responder/responder-private.h"

#include "src/responder/general.h"
#include "src/rhythm/anchors.h"
#include "src/rhythm/kit.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ds-responder-error-quark, ds_responder_error)

/* The knobs are the reward's kinds of term, one to one. */
G_STATIC_ASSERT ((int) DS_KNOB_LOOP == (int) DS_REWARD_KIND_LOOP);
G_STATIC_ASSERT ((int) DS_KNOB_COMPLEXITY == (int) DS_REWARD_KIND_COMPLEXITY);
G_STATIC_ASSERT ((int) DS_KNOB_DENSITY == (int) DS_REWARD_KIND_DENSITY);
G_STATIC_ASSERT ((int) DS_KNOB_INTERPLAY == (int) DS_REWARD_KIND_INTERPLAY);
G_STATIC_ASSERT ((int) DS_KNOB_STYLE == (int) DS_REWARD_KIND_STYLE);
G_STATIC_ASSERT ((int) DS_KNOB_ANCHORS == (int) DS_REWARD_KIND_ANCHORS);
G_STATIC_ASSERT ((int) DS_N_KNOBS == (int) DS_REWARD_N_KINDS);

/* The default number of tries of an answer: enough for the knobs to choose
 * among, few enough for a 64-step bar well inside a JACK period (see
 * `drumswarm bench --workload answer-64`). */
#define DEFAULT_TRIES 4

const char *
ds_responder_version (void)
{
  return PACKAGE_VERSION;
}

/* The steps of a bar of SIGNATURE at the steps per whole note of the model's
 * first bar, or 0 when they are not a whole number. */
static guint
steps_like_model (const DsMeter *model, const DsSignature *signature)
{
  const DsBar *bar = ds_meter_bar (model, 0);
  guint64 per_whole = (guint64) bar->steps * bar->signature.denominator;

  if (per_whole % bar->signature.numerator != 0)
    return 0;
  per_whole /= bar->signature.numerator;
  if (per_whole * signature->numerator % signature->denominator != 0)
    return 0;
  return (guint) (per_whole * signature->numerator / signature->denominator);
}

/* The responder's bar: METER (NULL: the model's first bar's) of STEPS steps. */
static DsMeter *
make_grid (const DsMeter *model, const char *meter, guint steps, GError **error)
{
  g_autoptr (DsMeter) grid = ds_meter_new ();
  DsSignature signature;

  if (meter == NULL)
    signature = ds_meter_bar (model, 0)->signature;
  else if (!ds_meter_parse_signature (meter, &signature, error))
    {
      g_prefix_error (error, "meter '%s': ", meter);
      return NULL;
    }
  if (steps == 0 && (steps = steps_like_model (model, &signature)) == 0)
    {
      g_autofree char *text = ds_signature_to_string (&signature);

      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER,
                   "a bar of %s holds no whole number of the model's steps; give the steps "
                   "a bar", text);
      return NULL;
    }
  if (steps > DS_PATTERN_MAX_STEPS)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER,
                   "%u steps a bar is more than the %u a responder plays", steps,
                   DS_PATTERN_MAX_STEPS);
      return NULL;
    }
  if (!ds_meter_add_bar (grid, &signature, steps, error))
    {
      g_autofree char *text = ds_signature_to_string (&signature);

      g_prefix_error (error, "meter %s, %u steps: ", text, steps);
      return NULL;
    }
  return g_steal_pointer (&grid);
}

/* Every voice's notes in the kit table (src/rhythm/kit.c; the first is the one
 * it plays); agents of a voice the kit does not know cannot sound and do not
 * play until ds_responder_set_notes gives them notes. */
static void
init_notes (DsResponder *r)
{
  const DsStage *stage = r->model->stage;

  G_STATIC_ASSERT (DS_KIT_MAX_NOTES <= DS_RESPONDER_MAX_NOTES);
  memset (r->note_voice, -1, sizeof r->note_voice);
  for (guint v = 0; v < r->n_voices; v++)
    {
      const DsKitVoice *kit = ds_kit_find (ds_stage_voice_name (stage, v));

      r->n_notes[v] = kit != NULL ? kit->n_notes : 0;
      for (guint i = 0; i < r->n_notes[v]; i++)
        r->notes[v][i] = kit->notes[i].note;
      for (guint i = 0; i < r->n_notes[v]; i++)
        if (r->note_voice[r->notes[v][i]] < 0)
          r->note_voice[r->notes[v][i]] = (gint8) v;
      r->playing[v] = ds_stage_is_agent (stage, v) && r->n_notes[v] > 0;
    }
}

DsResponder *
ds_responder_new_for_model (DsModel *model, const char *meter, guint steps, GError **error)
{
  g_autoptr (DsModel) owned = model;
  g_autoptr (DsMeter) grid = make_grid (ds_stage_meter (model->stage), meter, steps, error);
  DsResponder *r;

  if (grid == NULL)
    return NULL;
  r = g_new0 (DsResponder, 1);
  r->model = g_steal_pointer (&owned);
  r->grid = g_steal_pointer (&grid);
  r->meter_text = ds_meter_to_string (r->grid);
  r->steps = ds_meter_length (r->grid);
  r->length = ds_stage_length (r->model->stage);
  r->n_voices = ds_stage_n_voices (r->model->stage);
  init_notes (r);
  for (guint v = 0; v < r->n_voices; v++)
    for (guint k = 0; k < DS_N_KNOBS; k++)
      r->knobs[v][k] = ds_reward_kind_scale (ds_stage_reward (r->model->stage), v,
                                             (DsRewardKind) k);
  r->tries = DEFAULT_TRIES;
  ds_anchors_mask (ds_stage_meter (r->model->stage), DS_ANCHORS_BEAT, r->beats);
  /* as many steps as the grid has, but no more than the agents' training
   * episodes had: beyond them they play where they never learnt */
  r->iterations = MIN (r->length, ds_stage_episode_length (r->model->stage));
  r->seed = 1;
  r->scratch = ds_responder_scratch_new (r);
  r->cells = g_new0 (DsResponderCell, (gsize) r->n_voices * r->steps);
  r->groove_sum = g_new0 (double, r->steps);
  r->groove_n = g_new0 (guint, r->steps);
  r->learn_patterns = g_array_new (FALSE, FALSE, sizeof (DsPattern));
  return r;
}

DsResponder *
ds_responder_new (const char *model_path, const char *meter, guint steps, GError **error)
{
  DsModel *model;

  if (model_path == NULL)
    return ds_general_responder_new (meter, steps, NULL, error);
  model = ds_model_load (model_path, error);
  if (model == NULL)
    return NULL;
  return ds_responder_new_for_model (model, meter, steps, error);
}

void
ds_responder_free (DsResponder *r)
{
  if (r == NULL)
    return;
  ds_responder_scratch_free (r->scratch);
  g_free (r->cells);
  g_free (r->groove_sum);
  g_free (r->groove_n);
  g_array_unref (r->learn_patterns);
  ds_bars_free (r->learn_bars);
  g_free (r->meter_text);
  ds_meter_free (r->grid);
  ds_model_free (r->model);
  g_free (r);
}

DsResponderScratch *
ds_responder_scratch_new (const DsResponder *r)
{
  DsResponderScratch *w = g_new0 (DsResponderScratch, 1);

  w->actor = ds_swarm_actor_new (r->model->swarm, DS_RESPONDER_ROWS);
  return w;
}

void
ds_responder_scratch_free (DsResponderScratch *w)
{
  if (w == NULL)
    return;
  ds_swarm_actor_free (w->actor);
  g_free (w);
}

DsModel *
ds_responder_model (const DsResponder *r)
{
  return r->model;
}

const DsStage *
ds_responder_stage (const DsResponder *r)
{
  return r->model->stage;
}

const char *
ds_responder_meter (const DsResponder *r)
{
  return r->meter_text;
}

guint
ds_responder_steps (const DsResponder *r)
{
  return r->steps;
}

guint
ds_responder_n_voices (const DsResponder *r)
{
  return r->n_voices;
}

const char *
ds_responder_voice_name (const DsResponder *r, guint voice)
{
  g_return_val_if_fail (voice < r->n_voices, NULL);
  return ds_stage_voice_name (r->model->stage, voice);
}

gboolean
ds_responder_voice_is_agent (const DsResponder *r, guint voice)
{
  g_return_val_if_fail (voice < r->n_voices, FALSE);
  return ds_stage_is_agent (r->model->stage, voice);
}

int
ds_responder_find_voice (const DsResponder *r, const char *name)
{
  return name != NULL ? ds_stage_find_voice (r->model->stage, name) : -1;
}

guint
ds_responder_voice_note (const DsResponder *r, guint voice)
{
  g_return_val_if_fail (voice < r->n_voices, 0);
  return r->n_notes[voice] > 0 ? r->notes[voice][0] : 0;
}

gboolean
ds_responder_set_notes (DsResponder *r, guint voice, const uint8_t *notes, guint n_notes,
                        GError **error)
{
  if (voice >= r->n_voices || n_notes == 0 || n_notes > DS_RESPONDER_MAX_NOTES)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                   voice >= r->n_voices ? "no voice %u (the responder has %u)"
                                        : "voice %u: give 1 to %u notes",
                   voice, voice >= r->n_voices ? r->n_voices : DS_RESPONDER_MAX_NOTES);
      return FALSE;
    }
  for (guint i = 0; i < n_notes; i++)
    {
      int other = notes[i] <= 127 ? r->note_voice[notes[i]] : -1;

      if (notes[i] > 127 || (other >= 0 && (guint) other != voice))
        {
          g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                       notes[i] > 127 ? "voice %s: %u is not a MIDI note (0 to 127)"
                                      : "voice %s: note %u is voice %s's",
                       ds_responder_voice_name (r, voice), notes[i],
                       other >= 0 ? ds_responder_voice_name (r, (guint) other) : "");
          return FALSE;
        }
    }
  for (guint n = 0; n < 128; n++)
    if (r->note_voice[n] == (gint8) voice)
      r->note_voice[n] = -1;
  for (guint i = 0; i < n_notes; i++)
    {
      r->notes[voice][i] = notes[i];
      r->note_voice[notes[i]] = (gint8) voice;
    }
  r->n_notes[voice] = n_notes;
  return TRUE;
}

void
ds_responder_set_temperature (DsResponder *r, double temperature)
{
  r->temperature = temperature > 0.0 && isfinite (temperature) ? temperature : 0.0;
}

gboolean
ds_responder_set_playing (DsResponder *r, guint voice, gboolean playing)
{
  if (voice >= r->n_voices || !ds_stage_is_agent (r->model->stage, voice)
      || (playing && r->n_notes[voice] == 0))
    return FALSE;
  r->playing[voice] = playing;
  return TRUE;
}

gboolean
ds_responder_get_playing (const DsResponder *r, guint voice)
{
  return voice < r->n_voices && r->playing[voice];
}

gboolean
ds_responder_set_knob (DsResponder *r, int voice, DsKnob knob, double weight)
{
  DsReward *reward = ds_stage_edit_reward (r->model->stage);

  if (voice < -1 || voice >= (int) r->n_voices || (guint) knob >= DS_N_KNOBS
      || !(weight >= 0.0 && weight <= DS_RESPONDER_MAX_KNOB))
    return FALSE;
  for (guint v = 0; v < r->n_voices; v++)
    if (voice < 0 || (guint) voice == v)
      {
        r->knobs[v][knob] = weight;
        ds_reward_set_kind_scale (reward, v, (DsRewardKind) knob, weight);
      }
  return TRUE;
}

double
ds_responder_get_knob (const DsResponder *r, guint voice, DsKnob knob)
{
  g_return_val_if_fail (voice < r->n_voices && (guint) knob < DS_N_KNOBS, 1.0);
  return r->knobs[voice][knob];
}

void
ds_responder_set_seed (DsResponder *r, uint64_t seed)
{
  r->seed = seed;
  r->bar = 0;
}

gboolean
ds_responder_set_tries (DsResponder *r, guint tries)
{
  if (tries < 1 || tries > DS_RESPONDER_MAX_TRIES)
    return FALSE;
  r->tries = tries;
  return TRUE;
}

gboolean
ds_responder_set_polish (DsResponder *r, guint toggles, guint min_changes)
{
  if (toggles > DS_RESPONDER_MAX_POLISH)
    return FALSE;
  r->polish = toggles;
  r->min_changes = min_changes;
  return TRUE;
}

void
ds_responder_set_iterations (DsResponder *r, guint iterations)
{
  r->iterations = iterations;
}

void
ds_responder_set_from_empty (DsResponder *r, gboolean from_empty)
{
  r->from_empty = from_empty;
}
