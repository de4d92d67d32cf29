/* cmd-respond.c: `drumswarm respond`: a trained swarm answers a drum loop.
 *
 * The loop is imported, each of its bars resampled to the model's grid, the
 * agents play --iterations steps from the bar's own patterns (or from empty
 * voices, --from empty) with the loop's other voices as context, and the answer
 * is resampled back and exported with the loop's tempo, meter and feel
 * (--groove).  --agents picks which of the model's agents play (the others keep
 * the loop's voice); --variations N writes N files with sampled policies
 * (--temperature, default 1), OUT-1.mid ... OUT-N.mid.  Without -m the bundled
 * general model answers (src/responder/general.h): each bar is answered by the
 * swarm of its meter, so that a loop of several meters is answered in parts,
 * one swarm each (a bar of a meter the general model lacks goes with the
 * loop's main meter, on its grid).
 */
#include "autoconfig.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "midi/cli-options.h"
#include "midi/drum-map.h"
#include "midi/export.h"
#include "midi/import.h"
#include "midi/loop-bars.h"
#include "midi/smf-io.h"
#include "src/responder/answer-phrase.h"
#include "src/responder/answer-play.h"
#include "src/responder/general.h"
#include "src/responder/responder-private.h"
#include "src/cli/cli.h"
#include "src/cli/cli-controls.h"
#include "src/cli/command.h"
#include "src/base/file.h"

typedef struct {
  char *model, *output, *agents, *from;
  int iterations, variations, threads, tries;
  double temperature;
  gboolean quiet;
  DsCliControls controls;
  FILE *report; /* stdout, or stderr when the answer goes there */
} RespondArgs;

static void
respond_args_clear (RespondArgs *args)
{
  ds_cli_controls_clear (&args->controls);
  g_free (args->model);
  g_free (args->output);
  g_free (args->agents);
  g_free (args->from);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RespondArgs, respond_args_clear)

/* Which agents play: those named in LIST (all when NULL). */
static gboolean
select_agents (const DsStage *stage, const char *list, DsAnswerOptions *options, GError **error)
{
  g_auto (GStrv) names = NULL;

  if (list == NULL)
    return TRUE;
  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    options->play[v] = FALSE;
  names = g_strsplit (list, ",", -1);
  if (names[0] == NULL)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                   "--agents names no agent, so nothing would play");
      return FALSE;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      int v = ds_stage_find_voice (stage, g_strstrip (names[i]));

      if (v < 0 || !ds_stage_is_agent (stage, (guint) v))
        {
          GString *agents = g_string_new (NULL);

          for (guint a = 0; a < ds_stage_n_agents (stage); a++)
            g_string_append_printf (agents, "%s%s", a > 0 ? "," : "",
                                    ds_stage_voice_name (stage, ds_stage_agent_voice (stage, a)));
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "--agents: the model has no agent '%s' (its agents: %s)", names[i],
                       agents->str);
          g_string_free (agents, TRUE);
          return FALSE;
        }
      options->play[v] = TRUE;
    }
  return TRUE;
}

/* The controls a trained model can take (see controls.h): the locked voices
 * do not play; --like-loop sets the similarity targets of the mixes that the
 * answer's tries are chosen and polished under (the agents were trained on
 * the model's) and the polish's least changes; the weights turn the style and
 * anchors knobs (drumswarm.h).  Density and syncopation targets need the
 * agents to learn them: they are session's. */
static gboolean
apply_controls (DsResponder *responder, const DsControls *controls, DsAnswerOptions *options,
                GError **error)
{
  const DsStage *stage = ds_responder_stage (responder);
  const char *names[DS_VOICES_MAX];
  guint n = ds_stage_n_voices (stage);
  double like_loop = ds_controls_like_loop (controls);

  for (guint v = 0; v < n; v++)
    names[v] = ds_stage_voice_name (stage, v);
  if (!ds_controls_check_voices (controls, names, n, error))
    return FALSE;
  for (guint v = 0; v < n; v++)
    {
      const DsControlsVoice *c = ds_controls_voice (controls, names[v]);

      if (c != NULL && c->lock)
        options->play[v] = FALSE;
    }
  options->min_changes = ds_controls_min_changes (like_loop);
  if (controls->like_loop >= 0)
    {
      DsControls like = *controls;
      DsReward *reward = ds_stage_edit_reward (ds_responder_model (responder)->stage);

      like.style_weight = like.anchors_weight = -1.0; /* the knobs turn those */
      for (guint v = 0; v < n; v++)
        if (ds_reward_has_mix (reward, v))
          {
            g_autofree char *mix = ds_controls_apply (&like, names[v],
                                                      ds_reward_mix_text (reward, v));

            if (!ds_reward_set_mix (reward, v, mix, "--like-loop", error))
              return FALSE;
          }
    }
  if (controls->style_weight >= 0)
    ds_responder_set_knob (responder, -1, DS_KNOB_STYLE, controls->style_weight);
  if (controls->anchors_weight >= 0)
    ds_responder_set_knob (responder, -1, DS_KNOB_ANCHORS, controls->anchors_weight);
  return TRUE;
}

/* A part of the loop that one swarm answers: without -m, the bars of one
 * meter and the general model of that meter (bars of a meter it has no swarm
 * for go with the loop's main meter, on its grid); with -m, every bar. */
typedef struct {
  DsResponder *responder;
  char *general;          /* the general model's file (NULL: -m) */
  DsSignature signature;  /* the meter of its bars (general model) */
  GArray *at;             /* guint: the loop's bars it answers, in order */
  guint n_own;            /* the first N_OWN of them are the file's own bars */
  DsAnswerOptions options;
  DsBars *bars, *own;     /* on the model's grid: all its bars, its own; the answers */
  GPtrArray *answers;
} Part;

static void
part_free (Part *part)
{
  ds_responder_free (part->responder);
  g_free (part->general);
  g_array_unref (part->at);
  ds_bars_free (part->bars);
  ds_bars_free (part->own);
  if (part->answers != NULL)
    g_ptr_array_unref (part->answers);
  g_free (part);
}

static Part *
part_new (DsResponder *responder, char *general, const DsSignature *signature)
{
  Part *part = g_new0 (Part, 1);

  part->responder = responder;
  part->general = general;
  if (signature != NULL)
    part->signature = *signature;
  part->at = g_array_new (FALSE, FALSE, sizeof (guint));
  return part;
}

/* "bars 3, 4 (7/8)": PART's bars as the user counts them, and its meter. */
static char *
part_name (const Part *part)
{
  g_autofree char *meter = ds_signature_to_string (&part->signature);

  return ds_cli_bars_to_string ((const guint *) (gpointer) part->at->data, part->at->len, meter);
}

/* (parts in the order of their first bars) */
static gint
part_compare (gconstpointer a, gconstpointer b)
{
  const Part *x = *(Part *const *) a, *y = *(Part *const *) b;

  return (gint) g_array_index (x->at, guint, 0) - (gint) g_array_index (y->at, guint, 0);
}

/* Whether A and B have the same voices in the same order, and the same agents. */
static gboolean
same_voices (const DsStage *a, const DsStage *b)
{
  g_autofree char *voices = ds_stage_voices_text (a, FALSE);
  g_autofree char *agents = ds_stage_voices_text (a, TRUE);
  g_autofree char *its_voices = ds_stage_voices_text (b, FALSE);
  g_autofree char *its_agents = ds_stage_voices_text (b, TRUE);

  return strcmp (voices, its_voices) == 0 && strcmp (agents, its_agents) == 0;
}

/* The first part, the main one: the responder of -m MODEL, else of the
 * general model of the main meter of the loop INPUT (its bytes DATA, LENGTH;
 * the meter of its most common bar length, ds_loop_bars_grid_meter). */
static Part *
make_main_part (DsMidiCliOptions *midi, const char *input, const guint8 *data, gsize length,
                const RespondArgs *args, GError **error)
{
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMeter) grid = NULL;
  g_autofree char *meter = NULL, *general = NULL;
  g_autoptr (GError) local = NULL;
  DsResponder *responder;

  if (args->model != NULL)
    {
      responder = ds_responder_new (args->model, NULL, 0, error);
      return responder != NULL ? part_new (responder, NULL, NULL) : NULL;
    }
  loop = ds_midi_import_data (data, length, ds_file_input_name (input), &midi->import, error);
  grid = loop != NULL ? ds_loop_bars_grid_meter (loop, error) : NULL;
  if (grid == NULL)
    return NULL;
  meter = ds_signature_to_string (&ds_meter_bar (grid, 0)->signature);
  responder = ds_general_responder_new (meter, 0, &general, &local);
  if (responder == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: no -m MODEL given, and %s%s",
                   ds_file_input_name (input), local->message,
                   g_error_matches (local, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER)
                       ? ": give a model, or let 'drumswarm session' train on the loop" : "");
      return NULL;
    }
  return part_new (responder, g_steal_pointer (&general), &ds_meter_bar (grid, 0)->signature);
}

static gint
bar_compare (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Shares the bars of LOOP (the first N_OWN the file's own) among PARTS, whose
 * first is the main one: with -m, all to it; else the bars of each meter
 * (ds_loop_bars_by_meter) to the general model of that meter, or to the main
 * part when it has none (which a notice says).  Then PARTS are in the order
 * of their first bars.  (Bars past the loop's own, of --bars, are in the meter
 * of its last bar: each part's develop from its own bars.) */
static gboolean
share_bars (GPtrArray *parts, const DsLoop *loop, guint n_own, const char *input, GError **error)
{
  Part *main_part = parts->pdata[0];
  g_autoptr (GPtrArray) meters = ds_loop_bars_by_meter (loop, n_own, error);
  g_autoptr (GArray) unserved = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GString) unserved_meters = g_string_new (NULL); /* "6/8, 9/8" */

  if (meters == NULL)
    return FALSE;
  for (guint m = 0; m < meters->len; m++)
    {
      GArray *at = meters->pdata[m];
      const DsSignature *signature = &ds_loop_bar (loop, g_array_index (at, guint, 0))->signature;
      g_autofree char *meter = ds_signature_to_string (signature), *general = NULL;
      g_autoptr (GError) local = NULL;
      DsResponder *responder = NULL;
      /* a meter other than the main one, which the general model may have a swarm for */
      gboolean other = main_part->general != NULL
                       && !ds_signature_same_meter (&main_part->signature, signature);

      if (other)
        responder = ds_general_responder_new (meter, 0, &general, &local);
      if (responder == NULL && local != NULL
          && !g_error_matches (local, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: bar %u is in %s, and ",
                                      ds_file_input_name (input),
                                      g_array_index (at, guint, 0) + 1, meter);
          return FALSE;
        }
      if (responder != NULL
          && same_voices (ds_responder_model (responder)->stage,
                          ds_responder_model (main_part->responder)->stage))
        {
          Part *part = part_new (responder, g_steal_pointer (&general), signature);

          g_array_append_vals (part->at, at->data, at->len);
          g_ptr_array_add (parts, part);
          continue;
        }
      if (responder != NULL)
        ds_responder_free (responder);
      /* on the main meter's grid, as every bar was answered before */
      g_array_append_vals (main_part->at, at->data, at->len);
      if (other)
        {
          g_array_append_vals (unserved, at->data, at->len);
          g_string_append_printf (unserved_meters, "%s%s", unserved_meters->len > 0 ? ", " : "",
                                  meter);
        }
    }
  g_array_sort (main_part->at, bar_compare);
  if (unserved->len > 0)
    {
      g_autofree char *list = NULL;
      g_autofree char *main_meter = ds_signature_to_string (&main_part->signature);

      g_array_sort (unserved, bar_compare);
      list = ds_cli_bars_to_string ((const guint *) (gpointer) unserved->data, unserved->len,
                                    unserved_meters->str);
      ds_cli_notice ("%s: %s: the general model has no swarm for that meter; the %s swarm "
                     "answers %s on its grid", ds_file_input_name (input), list, main_meter,
                     unserved->len == 1 ? "it" : "them");
    }
  for (guint p = 0; p < parts->len; p++)
    {
      Part *part = parts->pdata[p];

      for (guint i = 0; i < part->at->len; i++)
        part->n_own += g_array_index (part->at, guint, i) < n_own;
    }
  g_ptr_array_sort (parts, part_compare);
  return TRUE;
}

/* PART's answer options from ARGS, and the controls on its responder. */
static gboolean
part_options (Part *part, const RespondArgs *args, const DsMidiCliOptions *midi,
              GError **error)
{
  const DsModel *model = ds_responder_model (part->responder);
  DsAnswerOptions *options = &part->options;

  ds_answer_options_init (options, model->stage,
                          args->iterations > 0 ? (guint) args->iterations
                                               : ds_stage_length (model->stage));
  options->from_empty = args->from != NULL && strcmp (args->from, "empty") == 0;
  options->seed = (guint64) midi->seed;
  options->tries = (guint) args->tries;
  options->threads = ds_cli_threads (args->threads);
  options->temperature = args->variations > 1 && args->temperature == 0 ? 1.0
                                                                         : args->temperature;
  return select_agents (model->stage, args->agents, options, error)
         && apply_controls (part->responder, &args->controls.controls, options, error);
}

/* PART's bars of LOOP on its model's grid, and its answers (VARIATIONS of them). */
static gboolean
part_answer (Part *part, const DsLoop *loop, const char *const *names, const char *input,
             guint variations, GError **error)
{
  const DsStage *stage = ds_responder_model (part->responder)->stage;
  guint n_voices = ds_stage_n_voices (stage);
  DsAnswerPhrase phrase;

  part->bars = part->at->len == ds_loop_n_bars (loop)
                   ? ds_loop_bars_new (loop, names, n_voices, ds_stage_length (stage), error)
                   : ds_loop_bars_pick (loop, names, n_voices, ds_stage_length (stage),
                                        (const guint *) (gpointer) part->at->data, part->at->len,
                                        error);
  if (part->bars == NULL)
    return FALSE;
  part->own = ds_bars_head (part->bars, part->n_own);
  memset (&phrase, 0, sizeof phrase);
  phrase.n_bars = part->at->len;
  if (part->bars->merged > 0)
    ds_cli_notice ("%s: %u onset%s merged on the model's grid of %u steps a bar",
                   ds_file_input_name (input), part->bars->merged,
                   part->bars->merged == 1 ? "" : "s", part->bars->length);
  part->answers = ds_answer_play_variations (part->responder, part->own, &part->options, &phrase,
                                             variations, error);
  return part->answers != NULL;
}

static gboolean
run_respond (DsMidiCliOptions *midi, const char *input, const RespondArgs *args, GError **error)
{
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  Part *main_part;
  const DsModel *model;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;
  const char *names[DS_VOICES_MAX];
  guint n_own, n_voices, variations = (guint) MAX (args->variations, 1);

  /* The loop is read once (it may be the standard input), and imported once
   * the model's voices are known: without -m, after its meter chose the model. */
  if (!ds_smf_read_file (input, &data, &length, error)
      || (main_part = make_main_part (midi, input, data, length, args, error)) == NULL)
    return FALSE;
  g_ptr_array_add (parts, main_part);
  model = ds_responder_model (main_part->responder);
  n_voices = ds_stage_n_voices (model->stage);
  for (guint v = 0; v < n_voices; v++)
    names[v] = ds_stage_voice_name (model->stage, v);
  if (!ds_midi_cli_options_default_voices (midi, names, n_voices, error))
    return FALSE;
  loop = ds_midi_import_data (data, length, ds_file_input_name (input), &midi->import, error);
  if (loop == NULL || (n_own = ds_midi_cli_options_own_bars (midi, input, loop, error)) == 0)
    return FALSE;
  if (!part_options (main_part, args, midi, error))
    return FALSE;
  for (guint v = 0; v < n_voices; v++)
    if (main_part->options.play[v] && ds_stage_is_agent (model->stage, v)
        && ds_loop_find_voice (loop, names[v]) < 0 && ds_drum_map_default_note (names[v]) == 0)
      {
        g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                     "%s: the model's voice '%s' is not in %s and has no General MIDI note; "
                     "add it to [midi] voices with its note (%s = N) in a -c config",
                     args->model != NULL ? ds_file_input_name (args->model)
                                         : main_part->general,
                     names[v], ds_file_input_name (input), names[v]);
        return FALSE;
      }
  notices = ds_loop_notices (loop, midi->verbose);
  ds_cli_notices (notices);
  if (!share_bars (parts, loop, n_own, input, error))
    return FALSE;
  for (guint p = 0; p < parts->len; p++)
    if (parts->pdata[p] != main_part && !part_options (parts->pdata[p], args, midi, error))
      return FALSE;
  for (guint p = 0; p < parts->len && !args->quiet; p++)
    {
      Part *part = parts->pdata[p];
      g_autofree char *name = part_name (part);

      if (part->general != NULL && parts->len == 1)
        fprintf (args->report, "# the general model %s\n", part->general);
      else if (part->general != NULL)
        fprintf (args->report, "# the general model %s: %s\n", part->general, name);
    }
  for (guint p = 0; p < parts->len; p++)
    if (!part_answer (parts->pdata[p], loop, names, input, variations, error))
      return FALSE;
  for (guint i = 0; i < variations; i++)
    {
      g_autoptr (DsLoop) answer_loop = ds_loop_copy (loop);
      g_autofree char *path = ds_cli_variation_path (args->output, (int) i + 1, args->variations);
      g_autofree char *grids = NULL, *passed = NULL;
      guint merged = 0;

      for (guint p = 0; p < parts->len; p++)
        {
          Part *part = parts->pdata[p];
          guint part_merged = 0;

          if (!ds_loop_bars_write_at (part->answers->pdata[i],
                                      (const guint *) (gpointer) part->at->data, names,
                                      part->options.play, answer_loop, &part_merged, error))
            return FALSE;
          merged += part_merged;
        }
      if (!ds_midi_export (answer_loop, &midi->export, path, error))
        return FALSE;
      if (merged > 0)
        ds_cli_notice ("%s: %u onset%s of the answer merged on the loop's grid",
                       ds_file_output_name (path), merged, merged == 1 ? "" : "s");
      if (args->quiet)
        continue;
      grids = ds_loop_bars_grids_to_string (loop, answer_loop, names, n_voices);
      fprintf (args->report, "# %s\n%s", ds_file_output_name (path), grids);
      for (guint p = 0; p < parts->len; p++)
        {
          Part *part = parts->pdata[p];
          const DsStage *stage = ds_responder_model (part->responder)->stage;
          g_autofree char *table = NULL;
          DsAnswerVoiceReport report[DS_VOICES_MAX];

          if (parts->len > 1)
            {
              g_autofree char *name = part_name (part);

              fprintf (args->report, "# %s\n", name);
            }
          ds_answer_report (stage, part->own, part->answers->pdata[i], &part->options, 0, report);
          table = ds_answer_report_to_string (stage, report, FALSE);
          fputs (table, args->report);
        }
      passed = ds_midi_export_passed_through (answer_loop);
      fprintf (args->report, "# passed through: %s\n", passed);
    }
  return TRUE;
}

static int
check_args (int argc, char **argv, const char *input, const RespondArgs *args)
{
  if (argc > 1)
    return ds_cli_usage ("respond", "unexpected argument '%s'", argv[1]);
  if (input == NULL || args->output == NULL)
    return ds_cli_usage ("respond", "-i IN.mid and -o OUT.mid are required");
  if (args->iterations < 0 || args->iterations > 100000 || args->variations < 1
      || args->variations > 1000 || args->tries < 1 || args->tries > 10000
      || !(args->temperature >= 0 && isfinite (args->temperature)) || args->threads < 0)
    return ds_cli_usage ("respond", "--iterations, --variations, --tries and --threads must be "
                         "positive, --temperature at least 0");
  if (args->from != NULL && strcmp (args->from, "loop") != 0 && strcmp (args->from, "empty") != 0)
    return ds_cli_usage ("respond", "--from must be 'loop' or 'empty' (got '%s')", args->from);
  if (ds_file_is_std (args->output) && args->variations > 1)
    return ds_cli_usage ("respond", "--variations %d writes %d files; -o - is one stream",
                         args->variations, args->variations);
  for (int i = 1; i <= MAX (args->variations, 1); i++)
    {
      g_autofree char *path = ds_cli_variation_path (args->output, i, args->variations);

      if (ds_file_same (input, path))
        return ds_cli_usage ("respond", "-o %s would overwrite the input", path);
      if (args->model != NULL && ds_file_same (args->model, path))
        return ds_cli_usage ("respond", "-o %s would overwrite the model", path);
    }
  return DS_EXIT_OK;
}

static int
respond_run (int argc, char **argv)
{
  g_auto (RespondArgs) args = { .variations = 1, .tries = 16 };
  g_autofree char *input = NULL;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &args.model,
      "The trained model (- for standard input; default: the bundled general model of the "
      "loop's meter)", "MODEL" },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      "The drum loop to answer (- for standard input)", "IN.mid" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      "Where to write the answer (- for standard output)", "OUT.mid" },
    { "agents", 'a', 0, G_OPTION_ARG_STRING, &args.agents,
      "The agents that play (default: all of the model's)", "LIST" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &args.iterations,
      "Steps the agents play on each bar (default: the model's grid length)", "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from,
      "Where the agents start on each bar: loop (its own patterns) or empty", "loop|empty" },
    { "tries", 0, 0, G_OPTION_ARG_INT, &args.tries,
      "Episodes the agents play on each bar: the first as asked, then sampled ones; the "
      "best joint score wins (default 16)", "N" },
    { "variations", 'V', 0, G_OPTION_ARG_INT, &args.variations,
      "Write N answers with sampled policies, OUT-1.mid ... OUT-N.mid", "N" },
    { "temperature", 'T', 0, G_OPTION_ARG_DOUBLE, &args.temperature,
      "Sample the agents' actions at this temperature (0: greedy; 1 with --variations)", "T" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &args.threads,
      "Bars answered side by side (default: OMP_NUM_THREADS, else all cores)", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, "Print nothing but errors", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- a trained swarm answers a loop");
  g_autoptr (GError) error = NULL;
  DsMidiCliOptions midi;
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  ds_cli_controls_init (&args.controls);
  g_option_context_add_main_entries (context, ds_cli_controls_entries (&args.controls), NULL);
  ds_midi_cli_options_add_answers (&midi, context);
  g_option_context_set_description (context,
      "--bars N longer than the loop: an answer of N bars, each after the loop's own\n"
      "developing from the one before it.  --density and --syncopation change what the\n"
      "agents learn: they are session's (a trained model cannot take them).");
  if (ds_cli_parse (context, "respond", &argc, &argv, &status))
    status = check_args (argc, argv, input, &args);
  if (status == DS_EXIT_OK)
    status = ds_cli_controls_resolve (&args.controls, "respond");
  if (status == DS_EXIT_OK && (args.controls.density != NULL || args.controls.syncopation != NULL))
    status = ds_cli_usage ("respond", "--density and --syncopation change what the agents "
                           "learn: a trained model cannot take them (use session, or train "
                           "with the targets in the mixes)");
  if (status == DS_EXIT_OK)
    status = ds_cli_check_std ("respond", FALSE, "-m", args.model, "-i", input, "-c",
                               midi.config_path, NULL);
  args.report = ds_cli_report (ds_file_is_std (args.output));
  if (status == DS_EXIT_OK
      && (!ds_midi_cli_options_resolve (&midi, NULL, &error)
          || !run_respond (&midi, input, &args, &error)))
    status = ds_cli_fail_option ("respond", error);
  ds_midi_cli_options_clear (&midi);
  return status;
}

const DsCommand ds_cmd_respond = {
  .name = "respond",
  .usage = "[-m MODEL] -i IN.mid -o OUT.mid [--agents kick,snare,hat] [--iterations N] "
           "[--bars N] [--seed S] [--variations N] [--lock VOICE] [--like-loop L] "
           "[--style-weight W] [--anchors-weight W]",
  .summary = "let a trained swarm answer a drum loop",
  .run = respond_run,
};
