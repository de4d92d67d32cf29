/* cmd-respond.c: `drumswarm respond`: a trained swarm answers a drum loop.
 *
 * The loop is imported, each of its bars resampled to the model's grid, the
 * agents play --iterations steps from the bar's own patterns (or from empty
 * voices, --from empty) with the loop's other voices as context, and the answer
 * is resampled back and exported with the loop's tempo, meter and feel
 * (--groove).  --agents picks which of the model's agents play (the others keep
 * the loop's voice); --variations N writes N files with sampled policies
 * (--temperature, default 1), OUT-1.mid ... OUT-N.mid.  Without -m the bundled
 * general model of the loop's meter answers (src/responder/general.h).
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

/* The responder of -m MODEL, else of the general model of the meter of the
 * loop INPUT (its bytes DATA, LENGTH), its file in *GENERAL. */
static DsResponder *
make_responder (DsMidiCliOptions *midi, const char *input, const guint8 *data, gsize length,
                const RespondArgs *args, char **general, GError **error)
{
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMeter) grid = NULL;
  g_autofree char *meter = NULL;
  g_autoptr (GError) local = NULL;
  DsResponder *responder;

  if (args->model != NULL)
    return ds_responder_new (args->model, NULL, 0, error);
  loop = ds_midi_import_data (data, length, ds_file_input_name (input), &midi->import, error);
  grid = loop != NULL ? ds_loop_bars_grid_meter (loop, error) : NULL;
  if (grid == NULL)
    return NULL;
  meter = ds_signature_to_string (&ds_meter_bar (grid, 0)->signature);
  responder = ds_general_responder_new (meter, 0, general, &local);
  if (responder == NULL)
    g_set_error (error, local->domain, local->code, "%s: no -m MODEL given, and %s%s",
                 ds_file_input_name (input), local->message,
                 g_error_matches (local, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER)
                     ? ": give a model, or let 'drumswarm session' train on the loop" : "");
  return responder;
}

static gboolean
run_respond (DsMidiCliOptions *midi, const char *input, const RespondArgs *args, GError **error)
{
  g_autofree char *general = NULL;
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  g_autoptr (DsResponder) responder = NULL;
  const DsModel *model;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsBars) bars = NULL;
  g_autoptr (GPtrArray) notices = NULL;
  g_autoptr (DsBars) own = NULL;
  const char *names[DS_VOICES_MAX];
  DsAnswerOptions options;
  DsAnswerPhrase phrase;
  g_autoptr (GPtrArray) answers = NULL;
  guint n_own;

  /* The loop is read once (it may be the standard input), and imported once
   * the model's voices are known: without -m, after its meter chose the model. */
  if (!ds_smf_read_file (input, &data, &length, error)
      || (responder = make_responder (midi, input, data, length, args, &general, error)) == NULL)
    return FALSE;
  model = ds_responder_model (responder);
  for (guint v = 0; v < ds_stage_n_voices (model->stage); v++)
    names[v] = ds_stage_voice_name (model->stage, v);
  if (!ds_midi_cli_options_default_voices (midi, names, ds_stage_n_voices (model->stage), error))
    return FALSE;
  loop = ds_midi_import_data (data, length, ds_file_input_name (input), &midi->import, error);
  if (loop == NULL)
    return FALSE;
  ds_answer_options_init (&options, model->stage,
                          args->iterations > 0 ? (guint) args->iterations
                                               : ds_stage_length (model->stage));
  options.from_empty = args->from != NULL && strcmp (args->from, "empty") == 0;
  options.seed = (guint64) midi->seed;
  options.tries = (guint) args->tries;
  options.threads = ds_cli_threads (args->threads);
  options.temperature = args->variations > 1 && args->temperature == 0 ? 1.0 : args->temperature;
  if (!select_agents (model->stage, args->agents, &options, error)
      || !apply_controls (responder, &args->controls.controls, &options, error))
    return FALSE;
  for (guint v = 0; v < ds_stage_n_voices (model->stage); v++)
    {
      names[v] = ds_stage_voice_name (model->stage, v);
      if (options.play[v] && ds_stage_is_agent (model->stage, v)
          && ds_loop_find_voice (loop, names[v]) < 0 && ds_drum_map_default_note (names[v]) == 0)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "%s: the model's voice '%s' is not in %s and has no General MIDI note; "
                       "add it to [midi] voices with its note (%s = N) in a -c config",
                       args->model != NULL ? ds_file_input_name (args->model) : general,
                       names[v], ds_file_input_name (input), names[v]);
          return FALSE;
        }
    }
  notices = ds_loop_notices (loop, midi->verbose);
  ds_cli_notices (notices);
  if (general != NULL && !args->quiet)
    fprintf (args->report, "# the general model %s\n", general);
  bars = ds_loop_bars_new (loop, names, ds_stage_n_voices (model->stage),
                                   ds_stage_length (model->stage), error);
  if (bars == NULL || (n_own = ds_midi_cli_options_own_bars (midi, input, loop, error)) == 0)
    return FALSE;
  own = ds_bars_head (bars, n_own);
  memset (&phrase, 0, sizeof phrase);
  phrase.n_bars = bars->n_bars;
  if (bars->merged > 0)
    ds_cli_notice ("%s: %u onset%s merged on the model's grid of %u steps a bar",
                   ds_file_input_name (input), bars->merged, bars->merged == 1 ? "" : "s",
                   bars->length);
  answers = ds_answer_play_variations (responder, own, &options, &phrase,
                                       (guint) MAX (args->variations, 1), error);
  if (answers == NULL)
    return FALSE;
  for (guint i = 0; i < answers->len; i++)
    {
      const DsBars *answer = answers->pdata[i];
      g_autoptr (DsLoop) answer_loop = ds_loop_copy (loop);
      g_autofree char *path = ds_cli_variation_path (args->output, (int) i + 1, args->variations);
      g_autofree char *grids = NULL, *table = NULL, *passed = NULL;
      DsAnswerVoiceReport report[DS_VOICES_MAX];
      guint merged = 0;

      if (!ds_loop_bars_write (answer, names, options.play, answer_loop, &merged, error)
          || !ds_midi_export (answer_loop, &midi->export, path, error))
        return FALSE;
      if (merged > 0)
        ds_cli_notice ("%s: %u onset%s of the answer merged on the loop's grid",
                       ds_file_output_name (path), merged, merged == 1 ? "" : "s");
      if (args->quiet)
        continue;
      grids = ds_loop_bars_grids_to_string (loop, answer_loop, names,
                                            ds_stage_n_voices (model->stage));
      ds_answer_report (model->stage, own, answer, &options, 0, report);
      table = ds_answer_report_to_string (model->stage, report, FALSE);
      passed = ds_midi_export_passed_through (answer_loop);
      fprintf (args->report, "# %s\n%s%s# passed through: %s\n", ds_file_output_name (path),
               grids, table, passed);
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
