/* cmd-session.c: `drumswarm session`: the whole job with no model given.
 *
 * Import the loop, train a swarm on it (one agent per voice, the grid one bar
 * of the loop's meter, the loop's bars as the starts and contexts of the
 * training episodes; a loop of several meters is learnt in parts, a swarm for
 * the bars of each meter), starting from the bundled general model of that
 * meter (src/responder/general.h), so that a short fine-tuning suffices, or,
 * with --from-scratch or where the general model cannot serve (another meter,
 * other voices or networks, other mixes: a config's, the controls', said in a
 * notice), from fresh agents; let the agents answer every bar, export the
 * answer with the loop's tempo, meter and feel, and print what was done: the grids
 * before and after, each agent voice's score and improvement, its similarity to
 * the loop's own voice, and how close it came to coordinate search and how far
 * above a random policy.  The config (-c) sets the reward mixes and training;
 * without one, the defaults of drumswarm.conf(5) apply.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "agents/model.h"
#include "midi/cli-options.h"
#include "midi/drum-map.h"
#include "midi/export.h"
#include "midi/import.h"
#include "midi/loop-bars.h"
#include "src/responder/answer-phrase.h"
#include "src/responder/answer-play.h"
#include "src/responder/general.h"
#include "src/responder/responder-private.h"
#include "src/cli/cli.h"
#include "src/cli/cli-controls.h"
#include "src/cli/command.h"
#include "midi/corpus.h"
#include "src/base/file.h"
#include "src/rhythm/kit.h"
#include "src/session/plot.h"
#include "src/session/training.h"

/* Bars on which the report runs coordinate search and the random policy. */
#define SESSION_SEARCH_BARS 8
/* Episodes a session fine-tunes the general model for, unless --episodes. */
#define SESSION_FINE_TUNE_EPISODES 2048
/* A fill bar's polish: toggles at most, and cells changed at least. */
#define SESSION_FILL_POLISH 32
#define SESSION_FILL_CHANGES 6

typedef struct {
  char *output, *agents, *from, *log_path, *plot_path;
  gint64 episodes;
  int threads, iterations, tries, variations, fill_every;
  gboolean quiet, from_scratch;
  DsCliControls controls;
  FILE *report; /* stdout, or stderr when an output goes there */
} SessionArgs;

static void
session_args_clear (SessionArgs *args)
{
  ds_cli_controls_clear (&args->controls);
  g_free (args->output);
  g_free (args->agents);
  g_free (args->from);
  g_free (args->log_path);
  g_free (args->plot_path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionArgs, session_args_clear)

static gboolean
locked_any (const DsControls *controls)
{
  for (guint i = 0; i < controls->n_voices; i++)
    if (controls->voices[i].lock)
      return TRUE;
  return FALSE;
}

/* The agents: --agents, else the config's, else every voice (the config's or
 * VOICES, the loop's), without the locked ones; NULL when none is left. */
static char *
unlocked_agents (const DsConfig *user, const char *voices, const SessionArgs *args)
{
  g_autofree char *configured = NULL, *defaults = ds_kit_default_voices ();
  g_auto (GStrv) names = NULL;
  GString *out = g_string_new (NULL);
  const char *list = args->agents;

  if (list == NULL && user != NULL)
    {
      const char *key = ds_config_has_key (user, "stage", "agents")   ? "agents"
                        : ds_config_has_key (user, "stage", "voices") ? "voices"
                                                                      : NULL;

      if (key != NULL && ds_config_get_string (user, "stage", key, NULL, &configured, NULL))
        list = configured;
    }
  if (list == NULL)
    list = voices != NULL ? voices : defaults;
  names = g_strsplit (list, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const DsControlsVoice *v = ds_controls_voice (&args->controls.controls,
                                                    g_strstrip (names[i]));

      if (v == NULL || !v->lock)
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", names[i]);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The config a session trains with: the user's (or none) with the grid of the
 * loop, its voices and the agents written over the [stage] group. */
static DsConfig *
session_config (const DsConfig *user, const DsMeter *grid, const DsLoop *loop,
                const SessionArgs *args, gboolean loop_input, GError **error)
{
  g_autoptr (GString) text = g_string_new (user != NULL ? ds_config_text (user) : "");
  g_autofree char *meter = ds_signature_to_string (&ds_meter_bar (grid, 0)->signature);
  g_autofree char *voices = NULL;

  /* the voices are the loop's, as --voices or [midi] voices chose them: never more */
  if (user == NULL || !ds_config_has_key (user, "stage", "voices"))
    {
      GString *names = g_string_new (NULL);

      for (guint v = 0; v < ds_loop_n_voices (loop); v++)
        g_string_append_printf (names, "%s%s", v > 0 ? "," : "", ds_loop_voice_name (loop, v));
      voices = g_string_free (names, FALSE);
    }
  g_string_append_printf (text, "\n[stage]\nmeter = %s\nlength = %u\nbars = 1\n", meter,
                          ds_meter_length (grid));
  if (voices != NULL)
    g_string_append_printf (text, "voices = %s\n", voices);
  if (args->agents != NULL || locked_any (&args->controls.controls))
    {
      g_autofree char *agents = unlocked_agents (user, voices, args);

      if (agents == NULL)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "--lock leaves no agent to play");
          return NULL;
        }
      g_string_append_printf (text, "agents = %s\n", agents);
    }
  if (user == NULL || !ds_config_has_key (user, "stage", "context-library"))
    g_string_append (text, "context-library = 0.25\n");
  if (loop_input && (user == NULL || !ds_config_has_key (user, "stage", "loop-input")))
    g_string_append (text, "loop-input = true\n");
  g_string_append (text, "[train]\n");
  for (guint i = 0; i < DS_RESPONDER_N_TRAIN_DEFAULTS; i++)
    if (user == NULL || !ds_config_has_key (user, "train", ds_responder_train_defaults[i][0]))
      g_string_append_printf (text, "%s = %s\n", ds_responder_train_defaults[i][0],
                              ds_responder_train_defaults[i][1]);
  return ds_config_load_data (text->str, user != NULL ? ds_config_name (user) : "(defaults)",
                              error);
}

/* That AGENTS (--agents, or NULL) names voices of the session's CONFIG: said
 * here, as the stage's own message would point at a line the session wrote. */
static gboolean
check_agents (const DsConfig *config, const char *agents, GError **error)
{
  g_autofree char *voices = NULL, *defaults = ds_kit_default_voices ();
  g_auto (GStrv) names = NULL, stage = NULL;

  if (agents == NULL)
    return TRUE;
  if (!ds_config_get_string (config, "stage", "voices", defaults, &voices, error))
    return FALSE;
  stage = g_strsplit (voices, ",", -1);
  for (guint i = 0; stage[i] != NULL; i++)
    g_strstrip (stage[i]);
  names = g_strsplit (agents, ",", -1);
  if (names[0] == NULL)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                   "--agents names no voice (the session's voices: %s)", voices);
      return FALSE;
    }
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) stage, g_strstrip (names[i])))
      {
        g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                     "--agents: '%s' is not one of the session's voices (%s)", names[i], voices);
        return FALSE;
      }
  return TRUE;
}

/* The first bars of ANSWER (on the model's grid) that fit in one pattern, as voices. */
static void
answer_voices (const DsStage *stage, const DsBars *answer, DsVoices *voices,
               GArray *starts)
{
  guint L = answer->length, n_bars = MAX (1u, MIN (answer->n_bars, DS_PATTERN_MAX_STEPS / L));

  ds_voices_init (voices);
  for (guint v = 0; v < answer->n_voices; v++)
    {
      DsPattern joined;

      ds_pattern_init (&joined, n_bars * L);
      for (guint b = 0; b < n_bars; b++)
        for (guint k = 0; k < L; k++)
          if (ds_pattern_get (&ds_bars_get (answer, b)[v], k))
            ds_pattern_set_accent (&joined, b * L + k,
                                   ds_pattern_get_accent (&ds_bars_get (answer, b)[v], k));
      ds_voices_add (voices, ds_stage_voice_name (stage, v), &joined, NULL);
    }
  for (guint b = 0; b < n_bars; b++)
    {
      guint start = b * L;
      g_array_append_val (starts, start);
    }
}

static gboolean
write_plot (const char *path, const char *name, const DsStage *stage,
            const DsBars *answer, const GArray *curve, GError **error)
{
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *title = g_strdup_printf ("drumswarm session: %s", name);
  DsPlotSeries series = { "mean final score of the training episodes",
                          (const double *) (gpointer) curve->data, curve->len };
  DsVoices voices;

  answer_voices (stage, answer, &voices, starts);
  return ds_plot_write (path, title, &series, 1, &voices, (const guint *) (gpointer) starts->data,
                        starts->len, error);
}

/* CONTROLS without the style and anchors weights. */
static DsControls
without_weights (const DsControls *controls)
{
  DsControls rest = *controls;

  rest.style_weight = rest.anchors_weight = -1.0;
  return rest;
}

/* The controls' mixes: every voice's mix of MODEL's stage rewritten; with
 * SCALES, the style and anchors weights turn the scales of those kinds of
 * term instead (the same weights, the mixes' texts kept: a fine-tuning of
 * the general model, which learnt those texts, holds under them). */
static gboolean
apply_controls (DsModel *model, const DsControls *controls, gboolean scales, GError **error)
{
  DsReward *reward = ds_stage_edit_reward (model->stage);
  const char *names[DS_VOICES_MAX];
  guint n = ds_stage_n_voices (model->stage);
  DsControls mixes = scales ? without_weights (controls) : *controls;

  for (guint v = 0; v < n; v++)
    names[v] = ds_stage_voice_name (model->stage, v);
  if (!ds_controls_check_voices (controls, names, n, error))
    return FALSE;
  for (guint v = 0; v < n; v++)
    if (ds_reward_has_mix (reward, v))
      {
        g_autofree char *mix = NULL;

        if (scales && controls->style_weight >= 0)
          ds_reward_set_kind_scale (reward, v, DS_REWARD_KIND_STYLE, controls->style_weight);
        if (scales && controls->anchors_weight >= 0)
          ds_reward_set_kind_scale (reward, v, DS_REWARD_KIND_ANCHORS, controls->anchors_weight);
        if (!ds_controls_rewrite_mixes (&mixes))
          continue;
        mix = ds_controls_apply (&mixes, names[v], ds_reward_mix_text (reward, v));
        if (!ds_reward_set_mix (reward, v, mix, "the controls' mix", error))
          return FALSE;
      }
  return TRUE;
}

/* The session's model of CONFIG (taken), the controls applied (the weights as
 * SCALES, see apply_controls), its episodes and threads set. */
static DsModel *
new_model (DsConfig *config, const DsMidiCliOptions *midi, const SessionArgs *args,
           gboolean scales, guint64 episodes, GError **error)
{
  DsModel *model;

  if (!check_agents (config, args->agents, error))
    {
      ds_config_free (config);
      return NULL;
    }
  model = ds_model_new (config, (guint64) midi->seed, error);
  if (model == NULL)
    return NULL;
  if (!apply_controls (model, &args->controls.controls, scales, error))
    {
      ds_model_free (model);
      return NULL;
    }
  if (episodes > 0)
    model->options.episodes = episodes;
  ds_swarm_set_threads (model->swarm, ds_cli_threads (args->threads));
  return model;
}

/* Why MODEL cannot start from GENERAL (WHY, ds_general_start's message) in
 * the session's words, where its own options are the cause: the fills' toms,
 * the controls' mixes. */
static char *
session_reason (const DsModel *model, const DsModel *general, const SessionArgs *args,
                const char *why)
{
  g_autofree char *different = NULL;
  DsControls mixes = without_weights (&args->controls.controls);

  if (args->fill_every > 0 && ds_stage_find_voice (model->stage, "tom") >= 0
      && ds_stage_find_voice (general->stage, "tom") < 0)
    return g_strdup_printf ("%s (--fill-every plays the toms)", why);
  if (ds_controls_rewrite_mixes (&mixes) && !ds_general_same_mixes (model, general, &different))
    return g_strdup_printf ("the controls ask for mixes of %s that the general model did not "
                            "learn (it learnt the default mixes, and does not learn others in "
                            "a fine-tuning)", different);
  return g_strdup (why);
}

/* Whether fresh agents see the bar they answer (loop-input), as the general
 * model's do: each bar of the loop is its own episodes' loop, and agents that
 * cannot see which one they answer once they have changed it drift to one
 * answer for all (on GMD's 6/8 beats, which have no general model, seeds 1 to
 * 3: 5.1 to 5.2 cells of 36 changed a bar, the nearest human bar 0.57 to 0.82
 * cell farther than the loop's own; seeing it, 3.6 to 4.2 cells and 0.13 to
 * 0.47; about a fifth more time).  Not with a config's independent critic,
 * which takes no such input. */
static gboolean
scratch_loop_input (const DsConfig *user)
{
  gboolean independent;

  /* (a config that names neither critic fails later, saying so) */
  return user == NULL || !ds_model_independent_critic (user, &independent, NULL) || !independent;
}

/* The model a session trains: unless --from-scratch, one whose agents take
 * the weights of the general model of the loop's meter (its path in *GENERAL),
 * seeing the loop as it does, to fine-tune for --episodes or
 * SESSION_FINE_TUNE_EPISODES; where the general model cannot serve, fresh
 * agents that train for --episodes or the config's, *NOTICE saying why. */
static DsModel *
session_model (const DsMidiCliOptions *midi, const DsMeter *grid, const DsLoop *loop,
               const SessionArgs *args, char **general, char **notice, GError **error)
{
  g_autoptr (GError) why = NULL;
  g_autoptr (DsModel) start = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  DsModel *model = NULL;
  DsConfig *config;

  *general = *notice = NULL;
  if (!args->from_scratch
      && (start = ds_general_load (&ds_meter_bar (grid, 0)->signature, &path, &why)) != NULL)
    {
      config = session_config (midi->config, grid, loop, args,
                               ds_stage_loop_input (start->stage), error);
      model = config != NULL ? new_model (config, midi, args, TRUE, args->episodes > 0
                                          ? (guint64) args->episodes
                                          : SESSION_FINE_TUNE_EPISODES, error) : NULL;
      if (model == NULL)
        return NULL;
      if (ds_general_start (model, start, &why))
        {
          *general = g_steal_pointer (&path);
          return model;
        }
      reason = session_reason (model, start, args, why->message);
      g_clear_pointer (&model, ds_model_free);
    }
  if (why != NULL)
    *notice = g_strdup_printf ("%s: training from scratch", reason != NULL ? reason : why->message);
  config = session_config (midi->config, grid, loop, args, scratch_loop_input (midi->config),
                           error);
  return config != NULL ? new_model (config, midi, args, FALSE, args->episodes > 0
                                     ? (guint64) args->episodes : 0, error) : NULL;
}

/* Trains MODEL, its curve into CURVE and, unless NULL, LOG_PATH. */
static gboolean
train (DsModel *model, const SessionArgs *args, const char *general, const char *log_path,
       GArray *curve, GError **error)
{
  DsTrainingOptions options;
  DsTrainingResult result;

  ds_training_options_init (&options, "session");
  options.tty = !args->quiet && isatty (STDERR_FILENO);
  options.log_path = log_path;
  options.curve = curve;
  if (!ds_training_run (model, &options, &result, error))
    return FALSE;
  if (!args->quiet && general != NULL)
    fprintf (args->report, "# started from the general model %s; fine-tuned %" G_GUINT64_FORMAT
             " episodes in %.1f s\n", general, ds_swarm_episodes (model->swarm), result.seconds);
  else if (!args->quiet)
    fprintf (args->report, "# trained %" G_GUINT64_FORMAT " episodes from scratch in %.1f s\n",
             ds_swarm_episodes (model->swarm), result.seconds);
  return TRUE;
}

/* The phrase of the answer: N_BARS bars, fills every FILL_EVERY with the
 * kit's fill mixes (the controls applied) for the agents. */
static void
phrase_init (DsAnswerPhrase *phrase, const DsStage *stage, const DsControls *controls,
             guint n_bars, guint fill_every)
{
  memset (phrase, 0, sizeof *phrase);
  phrase->n_bars = n_bars;
  phrase->fill_every = fill_every;
  phrase->fill_polish = SESSION_FILL_POLISH;
  phrase->fill_min_changes = SESSION_FILL_CHANGES;
  for (guint v = 0; v < ds_stage_n_voices (stage) && fill_every > 0; v++)
    if (ds_stage_is_agent (stage, v))
      {
        g_autofree char *mix = ds_reward_default_fill_mix (ds_stage_voice_name (stage, v));

        phrase->fill_mixes[v] = ds_controls_apply (controls, ds_stage_voice_name (stage, v), mix);
      }
}

static void
phrase_clear (DsAnswerPhrase *phrase)
{
  for (guint v = 0; v < DS_VOICES_MAX; v++)
    g_free (phrase->fill_mixes[v]);
}

/* A part of the loop that one swarm learns and answers: the bars of one
 * meter, with the swarm of that meter (a loop of one meter is one part). */
typedef struct {
  DsMeter *grid;          /* one bar of its meter */
  GArray *at;             /* guint: the loop's bars, in order */
  guint n_own;            /* the first N_OWN of them are the file's own */
  DsModel *model;         /* until the responder takes it */
  DsResponder *responder;
  char *general, *notice; /* the general model it started from; why it did not */
  DsBars *bars, *own;     /* on the model's grid: all its bars, its own */
  DsBarsSampler sampler;  /* draws the training's bars from OWN */
  GArray *curve;
  DsAnswerOptions options;
  DsAnswerPhrase phrase;
  GPtrArray *answers;
} Part;

static void
part_free (Part *part)
{
  ds_meter_free (part->grid);
  g_array_unref (part->at);
  ds_model_free (part->model);
  ds_responder_free (part->responder);
  g_free (part->general);
  g_free (part->notice);
  ds_bars_free (part->bars);
  ds_bars_free (part->own);
  g_array_unref (part->curve);
  phrase_clear (&part->phrase);
  if (part->answers != NULL)
    g_ptr_array_unref (part->answers);
  g_free (part);
}

/* The parts of LOOP (its first N_OWN bars the file's own): the bars of each
 * meter (ds_loop_bars_by_meter); GRID is the main meter's, the one of the
 * most common bar length.  (The bars past the loop's own, of --bars, are of
 * its last bar's meter.) */
static GPtrArray *
make_parts (const DsLoop *loop, guint n_own, const DsMeter *grid, const char *input,
            GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  g_autoptr (GPtrArray) meters = ds_loop_bars_by_meter (loop, n_own, error);
  const DsSignature *main = &ds_meter_bar (grid, 0)->signature;

  if (meters == NULL)
    return NULL;
  for (guint m = 0; m < meters->len; m++)
    {
      Part *part = g_new0 (Part, 1);
      const DsLoopBar *bar;
      gboolean is_main;

      g_ptr_array_add (parts, part);
      part->at = g_array_ref (meters->pdata[m]);
      part->curve = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < part->at->len; i++)
        part->n_own += g_array_index (part->at, guint, i) < n_own;
      bar = ds_loop_bar (loop, g_array_index (part->at, guint, 0));
      is_main = ds_signature_same_meter (&bar->signature, main);
      part->grid = ds_meter_new ();
      if (!ds_meter_add_bar (part->grid, is_main ? main : &bar->signature,
                             is_main ? ds_meter_length (grid) : bar->steps, error))
        return NULL;
      if (ds_meter_length (part->grid) > 64)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                       "%s: its bars have %u steps; a session plays at most 64 a bar "
                       "(use a coarser --resolution)", ds_file_input_name (input),
                       ds_meter_length (part->grid));
          return NULL;
        }
    }
  return g_steal_pointer (&parts);
}

/* "bars 3, 4 (7/8)": PART's bars as the user counts them, and its meter. */
static char *
part_name (const Part *part)
{
  g_autofree char *meter = ds_signature_to_string (&ds_meter_bar (part->grid, 0)->signature);

  return ds_cli_bars_to_string ((const guint *) (gpointer) part->at->data, part->at->len, meter);
}

/* Answer I of every part written into a copy of LOOP and exported; the copy,
 * or NULL with an error. */
static DsLoop *
write_answer (DsMidiCliOptions *midi, const SessionArgs *args, const DsLoop *loop,
              const char *const *names, const gboolean *replace, const GPtrArray *parts,
              guint i, GError **error)
{
  g_autoptr (DsLoop) answer_loop = ds_loop_copy (loop);
  g_autofree char *path = ds_cli_variation_path (args->output, (int) i + 1, args->variations);

  for (guint p = 0; p < parts->len; p++)
    {
      const Part *part = parts->pdata[p];

      if (!ds_loop_bars_write_at (part->answers->pdata[i], (const guint *) (gpointer) part->at->data,
                                  names, replace, answer_loop, NULL, error))
        return NULL;
    }
  if (!ds_midi_export (answer_loop, &midi->export, path, error))
    return NULL;
  return g_steal_pointer (&answer_loop);
}

/* Adds to the bars and hits counted the fill bars and the other bars of
 * ANSWER, in the voices snare and tom (those on the stage). */
static void
fill_hits (const DsStage *stage, const DsBars *answer, const DsAnswerPhrase *phrase,
           guint *n_fill, guint *hits_fill, guint *n_beat, guint *hits_beat)
{
  for (guint b = 0; b < answer->n_bars; b++)
    {
      guint hits = 0;

      for (guint v = 0; v < answer->n_voices; v++)
        if (strcmp (ds_stage_voice_name (stage, v), "snare") == 0
            || strcmp (ds_stage_voice_name (stage, v), "tom") == 0)
          hits += ds_pattern_count (&ds_bars_get (answer, b)[v]);
      if (ds_answer_phrase_is_fill (phrase, b))
        {
          (*n_fill)++;
          *hits_fill += hits;
        }
      else
        {
          (*n_beat)++;
          *hits_beat += hits;
        }
    }
}

/* Prints what answer I is: its file, the grids before and after, the agents'
 * scores for each part (with the yardsticks for the first answer), the fills,
 * what passed through. */
static void
report_answer (const SessionArgs *args, const DsLoop *loop, const DsLoop *answer_loop,
               const char *const *names, const GPtrArray *parts, guint i)
{
  const Part *first = parts->pdata[0];
  const DsStage *stage = ds_responder_stage (first->responder);
  g_autofree char *grids = NULL, *passed = NULL;
  guint n_fill = 0, hits_fill = 0, n_beat = 0, hits_beat = 0;

  if (args->variations > 1)
    {
      g_autofree char *path = ds_cli_variation_path (args->output, (int) i + 1,
                                                     args->variations);

      fprintf (args->report, "# %s\n", ds_file_output_name (path));
    }
  grids = ds_loop_bars_grids_to_string (loop, answer_loop, names, ds_stage_n_voices (stage));
  fputs (grids, args->report);
  for (guint p = 0; p < parts->len; p++)
    {
      const Part *part = parts->pdata[p];
      const DsStage *its = ds_responder_stage (part->responder);
      g_autofree char *table = NULL;
      DsAnswerVoiceReport report[DS_VOICES_MAX];

      if (parts->len > 1)
        {
          g_autofree char *name = part_name (part);

          fprintf (args->report, "# %s\n", name);
        }
      ds_answer_report (its, part->own, part->answers->pdata[i], &part->options,
                        i == 0 ? SESSION_SEARCH_BARS : 0, report);
      table = ds_answer_report_to_string (its, report, i == 0);
      fputs (table, args->report);
      fill_hits (its, part->answers->pdata[i], &part->phrase, &n_fill, &hits_fill, &n_beat,
                 &hits_beat);
    }
  if (args->fill_every > 0)
    fprintf (args->report, "# fills: every %d bars; snare and tom hits a bar: %.1f in the fills, "
             "%.1f in the other bars\n", args->fill_every,
             n_fill > 0 ? (double) hits_fill / n_fill : 0.0,
             n_beat > 0 ? (double) hits_beat / n_beat : 0.0);
  passed = ds_midi_export_passed_through (answer_loop);
  fprintf (args->report, "# passed through: %s\n", passed);
}

/* Prints the agents' mixes when the controls rewrote them, the style and
 * anchors weights folded into them where they turned the scales (SCALED). */
static void
report_mixes (FILE *out, const DsStage *stage, const DsControls *controls, gboolean scaled)
{
  DsControls weights;

  if (!ds_controls_rewrite_mixes (controls))
    return;
  ds_controls_init (&weights);
  weights.style_weight = controls->style_weight;
  weights.anchors_weight = controls->anchors_weight;
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      guint v = ds_stage_agent_voice (stage, a);
      const char *name = ds_stage_voice_name (stage, v), *text;
      g_autofree char *folded = NULL;

      text = ds_reward_mix_text (ds_stage_reward (stage), v);
      if (scaled && ds_controls_rewrite_mixes (&weights))
        text = folded = ds_controls_apply (&weights, name, text);
      fprintf (out, "# mix %s: %s\n", name, text);
    }
}

/* Import, train, answer, export, report: each part of the loop (the bars of
 * each meter, make_parts) its own swarm. */
static gboolean
run_session (DsMidiCliOptions *midi, const char *input, SessionArgs *args, GError **error)
{
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMeter) grid = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) loops = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_loop_free);
  g_autoptr (GPtrArray) notices = NULL;
  g_autoptr (GString) plays = g_string_new (NULL);
  g_autofree char *meter_text = NULL;
  const DsControls *controls = &args->controls.controls;
  const char *names[DS_VOICES_MAX];
  gboolean replace[DS_VOICES_MAX] = { FALSE };
  Part *first;
  char bpm[32];
  gint64 t0 = g_get_monotonic_time ();
  guint n_own;
  gboolean ok = TRUE;

  /* The answers and the plot are written after the training: a path that
   * cannot be written fails now, and leaves no answer without its plot. */
  for (int i = 1; i <= MAX (args->variations, 1); i++)
    {
      g_autofree char *path = ds_cli_variation_path (args->output, i, args->variations);

      if (!ds_file_check_destination (path, error))
        return FALSE;
    }
  if (args->plot_path != NULL && !ds_file_check_destination (args->plot_path, error))
    return FALSE;
  if (args->fill_every > 0)
    {
      /* fills want the toms: read them as a voice, unless the voices were chosen */
      g_autofree char *defaults = ds_kit_default_voices ();
      g_autofree char *list = g_strconcat (defaults, ",tom", NULL);
      g_auto (GStrv) fill_voices = g_strsplit (list, ",", -1);

      if (!ds_midi_cli_options_default_voices (midi, (const char *const *) fill_voices,
                                               g_strv_length (fill_voices), error))
        return FALSE;
    }

  loop = ds_midi_import_file (input, &midi->import, error);
  if (loop == NULL)
    return FALSE;
  notices = ds_loop_notices (loop, midi->verbose);
  ds_cli_notices (notices);
  n_own = ds_midi_cli_options_own_bars (midi, input, loop, error);
  if (n_own == 0)
    return FALSE;
  grid = ds_loop_bars_grid_meter (loop, error);
  if (grid == NULL || (parts = make_parts (loop, n_own, grid, input, error)) == NULL)
    return FALSE;
  for (guint p = 0; p < parts->len; p++)
    {
      Part *part = parts->pdata[p];

      part->model = session_model (midi, part->grid, loop, args, &part->general, &part->notice,
                                   error);
      if (part->model == NULL)
        return FALSE;
    }
  first = parts->pdata[0];
  for (guint v = 0; v < ds_stage_n_voices (first->model->stage); v++)
    {
      names[v] = ds_stage_voice_name (first->model->stage, v);
      replace[v] = ds_stage_is_agent (first->model->stage, v);
      /* the answer must be written after the training: an agent voice with no
       * note to play it would fail only then */
      if (replace[v] && ds_loop_find_voice (loop, names[v]) < 0
          && ds_drum_map_default_note (names[v]) == 0)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "%s: the agents' voice '%s' is not in the loop and has no General MIDI "
                       "note; add it to [midi] voices with its note (%s = N)",
                       ds_config_name (first->model->config), names[v], names[v]);
          return FALSE;
        }
    }
  for (guint p = 0; p < parts->len; p++)
    {
      Part *part = parts->pdata[p];
      const DsStage *stage = part->model->stage;
      g_autofree char *meter = ds_signature_to_string (&ds_meter_bar (part->grid, 0)->signature);
      gboolean said = FALSE;

      /* (said once when parts train from scratch for the same reason) */
      for (guint q = 0; q < p && !said; q++)
        said = g_strcmp0 (((Part *) parts->pdata[q])->notice, part->notice) == 0;
      if (part->notice != NULL && !said)
        ds_cli_notice ("%s", part->notice);
      part->bars = parts->len == 1
                       ? ds_loop_bars_new (loop, names, ds_stage_n_voices (stage),
                                           ds_stage_length (stage), error)
                       : ds_loop_bars_pick (loop, names, ds_stage_n_voices (stage),
                                            ds_stage_length (stage),
                                            (const guint *) (gpointer) part->at->data,
                                            part->at->len, error);
      if (part->bars == NULL)
        return FALSE;
      /* the agents learn the loop's own bars, not the silent ones past its end */
      part->own = ds_bars_head (part->bars, part->n_own);
      if (!ds_bars_train_on (part->model->stage, part->own, &part->sampler, (guint64) midi->seed,
                             error))
        return FALSE;
      if (parts->len == 1)
        g_string_printf (plays, "one bar of %u steps", ds_stage_length (stage));
      else
        g_string_append_printf (plays, "%s %u steps (%s)", p == 0 ? "one bar of" : ", one of",
                                ds_stage_length (stage), meter);
    }

  meter_text = ds_loop_meter_to_string (loop);
  if (!args->quiet)
    fprintf (args->report, "# session %s: %s, %u bars, %u steps, %s bpm; agents play %s\n",
             ds_file_input_name (input), meter_text, ds_loop_n_bars (loop),
             ds_loop_length (loop), ds_loop_format_bpm (bpm, ds_loop_bpm (loop)), plays->str);
  for (guint p = 0; p < parts->len; p++)
    {
      Part *part = parts->pdata[p];

      if (!args->quiet && parts->len > 1)
        {
          g_autofree char *name = part_name (part);

          fprintf (args->report, "# %s%s\n", name,
                   p == 0 && (args->log_path != NULL || args->plot_path != NULL)
                       ? ": the swarm whose training --log and --plot show" : "");
        }
      /* (the first part's training is the one --log and --plot show) */
      if (!train (part->model, args, part->general, p == 0 ? args->log_path : NULL, part->curve,
                  error))
        return FALSE;
      ds_answer_options_init (&part->options, part->model->stage,
                              args->iterations > 0 ? (guint) args->iterations
                                                   : ds_stage_length (part->model->stage));
      part->options.seed = (guint64) midi->seed;
      part->options.tries = (guint) args->tries;
      part->options.threads = ds_cli_threads (args->threads);
      part->options.from_empty = args->from != NULL && strcmp (args->from, "empty") == 0;
      part->options.min_changes = ds_controls_min_changes (ds_controls_like_loop (controls));
      /* variations are sampled, as respond's */
      part->options.temperature = args->variations > 1 ? 1.0 : 0.0;
      phrase_init (&part->phrase, part->model->stage, controls, part->at->len,
                   (guint) args->fill_every);
      part->phrase.at = (const guint *) (gpointer) part->at->data;
      part->responder = ds_responder_new_for_model (g_steal_pointer (&part->model), NULL, 0,
                                                    error);
      if (part->responder == NULL)
        return FALSE;
      part->answers = ds_answer_play_variations (part->responder, part->own, &part->options,
                                                 &part->phrase, (guint) args->variations, error);
      if (part->answers == NULL)
        return FALSE;
    }
  for (guint i = 0; ok && i < (guint) MAX (args->variations, 1); i++)
    {
      DsLoop *written = write_answer (midi, args, loop, names, replace, parts, i, error);

      ok = written != NULL;
      if (ok)
        g_ptr_array_add (loops, written);
    }
  if (ok && args->plot_path != NULL)
    ok = write_plot (args->plot_path, ds_loop_name (loop), ds_responder_stage (first->responder),
                     first->answers->pdata[0], first->curve, error);
  if (!ok || args->quiet)
    return ok;
  report_mixes (args->report, ds_responder_stage (first->responder), controls,
                first->general != NULL);
  for (guint i = 0; i < loops->len; i++)
    report_answer (args, loop, loops->pdata[i], names, parts, i);
  fprintf (args->report, "# wrote %s in %.1f s%s%s\n", ds_file_output_name (args->output),
           (double) (g_get_monotonic_time () - t0) * 1e-6,
           args->plot_path != NULL ? "; plot " : "",
           args->plot_path != NULL ? ds_file_output_name (args->plot_path) : "");
  return TRUE;
}

/* The usage errors of the command line, or DS_EXIT_OK. */
static int
check_args (int argc, char **argv, const char *input, const SessionArgs *args)
{
  int status;

  if (argc > 1)
    return ds_cli_usage ("session", "unexpected argument '%s'", argv[1]);
  if (input == NULL || args->output == NULL)
    return ds_cli_usage ("session", "-i IN.mid and -o OUT.mid are required");
  if ((args->episodes != G_MININT64 && args->episodes < 1) || args->threads < 0
      || args->iterations < 0 || args->iterations > 100000 || args->tries < 1
      || args->tries > 10000)
    return ds_cli_usage ("session", "--episodes, --threads, --iterations and --tries must be "
                         "positive");
  if (args->from != NULL && strcmp (args->from, "loop") != 0 && strcmp (args->from, "empty") != 0)
    return ds_cli_usage ("session", "--from must be 'loop' or 'empty' (got '%s')", args->from);
  if (args->variations < 1 || args->variations > 1000)
    return ds_cli_usage ("session", "--variations must be 1 to 1000 (got %d)", args->variations);
  if (args->fill_every < 0 || args->fill_every > 1000)
    return ds_cli_usage ("session", "--fill-every must be 0 (no fills) to 1000 bars (got %d)",
                         args->fill_every);
  for (int i = 1; i <= args->variations; i++)
    {
      g_autofree char *path = ds_cli_variation_path (args->output, i, args->variations);

      if (ds_file_same (input, path))
        return ds_cli_usage ("session", "-o %s would overwrite the input", path);
    }
  if (ds_file_is_std (args->output) && args->variations > 1)
    return ds_cli_usage ("session", "--variations %d writes %d files; -o - is one stream",
                         args->variations, args->variations);
  status = ds_cli_check_std ("session", TRUE, "-o", args->output, "--plot", args->plot_path,
                             "--log", args->log_path, NULL);
  if (status != DS_EXIT_OK)
    return status;
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? args->plot_path : args->log_path;
      const char *option = i == 0 ? "--plot" : "--log";

      if (path != NULL
          && (ds_file_same (path, input) || ds_file_same (path, args->output)))
        return ds_cli_usage ("session", "%s %s would overwrite the %s", option, path,
                             ds_file_same (path, input) ? "input" : "answer");
    }
  if (args->plot_path != NULL && args->log_path != NULL
      && ds_file_same (args->plot_path, args->log_path))
    return ds_cli_usage ("session", "--plot and --log name one file, %s", args->plot_path);
  return DS_EXIT_OK;
}

static int
session_run (int argc, char **argv)
{
  g_auto (SessionArgs) args = { .tries = 16, .episodes = G_MININT64 /* not given */,
                                .variations = 1 };
  g_autofree char *input = NULL;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      "The drum loop to answer (- for standard input)", "IN.mid" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      "Where to write the answer (- for standard output)", "OUT.mid" },
    { "agents", 'a', 0, G_OPTION_ARG_STRING, &args.agents,
      "The voices the agents play (default: every voice of --voices)", "LIST" },
    { "episodes", 'e', 0, G_OPTION_ARG_INT64, &args.episodes,
      "Training episodes (default: 2048 from the general model; from scratch [train] "
      "episodes, else 30720)", "N" },
    { "from-scratch", 0, 0, G_OPTION_ARG_NONE, &args.from_scratch,
      "Train fresh agents instead of fine-tuning the bundled general model", NULL },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &args.iterations,
      "Steps the agents play on each bar (default: the bar's steps)", "N" },
    { "tries", 0, 0, G_OPTION_ARG_INT, &args.tries,
      "Episodes the agents play on each bar: the greedy one, then sampled ones; the best "
      "joint score wins (default 16)", "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from,
      "Where the agents start on each bar: loop (its own patterns) or empty", "loop|empty" },
    { "variations", 'V', 0, G_OPTION_ARG_INT, &args.variations,
      "Write N answers from the one training, sampled from seeds S, S+1 ..., each unlike the "
      "others: OUT-1.mid ... OUT-N.mid", "N" },
    { "fill-every", 0, 0, G_OPTION_ARG_INT, &args.fill_every,
      "Make every K-th bar of the answer a fill (its own mixes: toms and snare rising to "
      "the bar's end, the style of the corpus's fills)", "K" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &args.threads,
      "Worker threads (default: OMP_NUM_THREADS, else all cores)", "N" },
    { "log", 'l', 0, G_OPTION_ARG_FILENAME, &args.log_path,
      "Write the training curve, one CSV row per iteration", "FILE.csv" },
    { "plot", 'p', 0, G_OPTION_ARG_FILENAME, &args.plot_path,
      "Draw the training curve and the answer's grid as SVG", "FILE.svg" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, "Print nothing but errors", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("- import a loop, train a swarm on it, export its answer");
  g_autoptr (GError) error = NULL;
  DsMidiCliOptions midi;
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  ds_cli_controls_init (&args.controls);
  g_option_context_add_main_entries (context, ds_cli_controls_entries (&args.controls), NULL);
  ds_midi_cli_options_add_answers (&midi, context);
  g_option_context_set_description (context,
      "--bars N longer than the loop: an answer of N bars, each after the loop's own\n"
      "developing from the one before it.\n\n"
      "Examples:\n  drumswarm session -i examples/rock.mid -o answer.mid --plot answer.svg\n"
      "  drumswarm session -i examples/rock.mid -o answer.mid --variations 3 --bars 8 "
      "--fill-every 4\n"
      "  drumswarm session -i examples/rock.mid -o answer.mid --density hat=0.8 --lock kick "
      "--like-loop 0.3");
  if (ds_cli_parse (context, "session", &argc, &argv, &status))
    status = check_args (argc, argv, input, &args);
  if (status == DS_EXIT_OK)
    status = ds_cli_controls_resolve (&args.controls, "session");
  if (status == DS_EXIT_OK)
    status = ds_cli_check_std ("session", FALSE, "-i", input, "-c", midi.config_path, NULL);
  args.report = ds_cli_report (ds_file_is_std (args.output) || ds_file_is_std (args.plot_path)
                               || ds_file_is_std (args.log_path));
  if (status == DS_EXIT_OK
      && (!ds_midi_cli_options_resolve (&midi, NULL, &error)
          || !run_session (&midi, input, &args, &error)))
    status = ds_cli_fail_option ("session", error);
  ds_midi_cli_options_clear (&midi);
  return status;
}

const DsCommand ds_cmd_session = {
  .name = "session",
  .usage = "-i IN.mid -o OUT.mid [-c FILE.conf] [--seed S] [--from-scratch] [--variations N] "
           "[--bars N] "
           "[--fill-every K] [--density VOICE=D] [--syncopation VOICE=S] [--lock VOICE] "
           "[--like-loop L] [--style-weight W] [--anchors-weight W]",
  .summary = "import a loop, train a swarm on it and export its answer",
  .run = session_run,
};
