/* responder-learn.c: responders that learn from bars they are given, copies,
 * weights taken from another, and saving (see drumswarm.h).
 *
 * A responder learns as `drumswarm session` does, from the same pieces: the
 * config a session writes (one bar of the grid, the voices, the session's
 * training defaults), the bars as the agents' starts and contexts
 * (ds_bars_train_on), and training iterations of the swarm.  All of it
 * allocates and takes time: it belongs on a thread other than the one that
 * answers.
 */
#include "autoconfig.h"

#include "src/responder/responder-private.h"

#include "src/rhythm/resample.h"

#include <string.h>

/* Fewer stages and a larger step than `train`'s defaults give more updates in
 * the same time, and on one loop 240 iterations of 128 episodes bring the
 * agents within a few per cent of coordinate search (measured on the example
 * loops: see drumswarm(1)). */
const char *const ds_responder_train_defaults[DS_RESPONDER_N_TRAIN_DEFAULTS][2] = {
  { "stages", "128" },
  { "learning-rate", "0.001" },
  { "episodes", "30720" },
};

/* The steps of a bar of SIGNATURE at 4 a quarter note (8 a quarter for N/32). */
static guint
default_steps (const DsSignature *signature)
{
  guint per_whole = signature->denominator == 32 ? 32 : 16;

  if (per_whole * signature->numerator % signature->denominator != 0)
    return 0;
  return per_whole * signature->numerator / signature->denominator;
}

DsResponder *
ds_responder_new_untrained (const char *meter, guint steps, const char *voices, uint64_t seed,
                            GError **error)
{
  g_autoptr (GString) text = g_string_new ("[stage]\n");
  g_autofree char *signature_text = NULL;
  DsSignature signature;
  DsConfig *config;
  DsModel *model;

  if (!ds_meter_parse_signature (meter != NULL ? meter : "4/4", &signature, error))
    return NULL; /* the message names the meter */
  if (steps == 0)
    steps = default_steps (&signature);
  if (steps == 0 || steps > 64)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER,
                   "a responder learns on 1 to 64 steps a bar (got %u)", steps);
      return NULL;
    }
  signature_text = ds_signature_to_string (&signature);
  g_string_append_printf (text, "meter = %s\nlength = %u\nbars = 1\nvoices = %s\n"
                          "context-library = 0.25\n[train]\n", signature_text, steps,
                          voices != NULL ? voices : "kick,snare,hat");
  for (guint i = 0; i < DS_RESPONDER_N_TRAIN_DEFAULTS; i++)
    g_string_append_printf (text, "%s = %s\n", ds_responder_train_defaults[i][0],
                            ds_responder_train_defaults[i][1]);
  config = ds_config_load_data (text->str, "(responder)", error);
  model = config != NULL ? ds_model_new (config, seed, error) : NULL;
  if (model == NULL)
    return NULL;
  return ds_responder_new_for_model (model, signature_text, steps, error);
}

DsResponder *
ds_responder_copy (const DsResponder *r)
{
  const DsConfig *config = r->model->config;
  g_autoptr (GError) error = NULL;
  DsConfig *again = ds_config_load_data (ds_config_text (config), ds_config_name (config),
                                         &error);
  DsModel *model = again != NULL ? ds_model_new (again, 1, &error) : NULL;
  DsResponder *copy;

  /* the config was read once already: it reads again */
  g_return_val_if_fail (model != NULL, NULL);
  copy = ds_responder_new_for_model (model, r->meter_text, r->steps, &error);
  g_return_val_if_fail (copy != NULL, NULL);
  if (!ds_swarm_copy_weights (copy->model->swarm, r->model->swarm))
    g_return_val_if_reached (copy);
  memcpy (copy->notes, r->notes, sizeof r->notes);
  memcpy (copy->n_notes, r->n_notes, sizeof r->n_notes);
  memcpy (copy->note_voice, r->note_voice, sizeof r->note_voice);
  memcpy (copy->playing, r->playing, sizeof r->playing);
  for (guint v = 0; v < r->n_voices; v++)
    for (guint k = 0; k < DS_N_KNOBS; k++)
      ds_responder_set_knob (copy, (int) v, (DsKnob) k, r->knobs[v][k]);
  copy->temperature = r->temperature;
  copy->tries = r->tries;
  copy->iterations = r->iterations;
  copy->polish = r->polish;
  copy->min_changes = r->min_changes;
  copy->from_empty = r->from_empty;
  copy->seed = r->seed;
  copy->bar = r->bar;
  g_array_append_vals (copy->learn_patterns, r->learn_patterns->data, r->learn_patterns->len);
  return copy;
}

gboolean
ds_responder_add_bar (DsResponder *r, const DsHit *hits, guint n_hits, GError **error)
{
  DsPattern played[DS_VOICES_MAX];

  if (n_hits > 0 && hits == NULL)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                   "%u hits given as NULL", n_hits);
      return FALSE;
    }
  ds_responder_quantise (r, hits, n_hits, played);
  /* the window of the last bars: the oldest makes room */
  if (ds_responder_n_bars (r) >= DS_RESPONDER_MAX_LEARN_BARS)
    g_array_remove_range (r->learn_patterns, 0, r->n_voices);
  for (guint v = 0; v < r->n_voices; v++)
    {
      DsPattern p;

      ds_resample_pattern (&played[v], r->length, &p);
      g_array_append_val (r->learn_patterns, p);
    }
  return TRUE;
}

guint
ds_responder_n_bars (const DsResponder *r)
{
  return r->learn_patterns->len / r->n_voices;
}

gboolean
ds_responder_learn (DsResponder *r, uint64_t episodes, GError **error)
{
  guint n_bars = ds_responder_n_bars (r);
  DsSwarm *swarm = r->model->swarm;
  guint64 target;

  if (n_bars == 0)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                   "no bars to learn from: add some with ds_responder_add_bar");
      return FALSE;
    }
  ds_bars_free (r->learn_bars);
  r->learn_bars = ds_bars_new (n_bars, r->n_voices, r->length);
  memcpy (r->learn_bars->patterns, r->learn_patterns->data,
          (gsize) n_bars * r->n_voices * sizeof (DsPattern));
  if (!ds_bars_train_on (r->model->stage, r->learn_bars, &r->sampler, r->seed, error)
      || !ds_swarm_prepare_training (swarm, error))
    return FALSE;
  target = ds_swarm_episodes (swarm) + episodes;
  while (ds_swarm_episodes (swarm) < target)
    {
      DsSwarmStats stats;

      ds_swarm_iterate (swarm, &stats);
    }
  return TRUE;
}

gboolean
ds_responder_take_weights (DsResponder *r, const DsResponder *source)
{
  const DsStage *a = r->model->stage, *b = source->model->stage;

  if (r->n_voices != source->n_voices || r->length != source->length
      || ds_stage_n_agents (a) != ds_stage_n_agents (b))
    return FALSE;
  for (guint v = 0; v < r->n_voices; v++)
    if (strcmp (ds_stage_voice_name (a, v), ds_stage_voice_name (b, v)) != 0
        || ds_stage_is_agent (a, v) != ds_stage_is_agent (b, v))
      return FALSE;
  return ds_swarm_copy_weights (r->model->swarm, source->model->swarm);
}

gboolean
ds_responder_save (const DsResponder *r, const char *path, GError **error)
{
  return ds_model_save (r->model, path, error);
}
