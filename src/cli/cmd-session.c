/* cmd-session.c: `drumswarm session`: the whole job with no model given.
 *
 * Import the loop, train a swarm on it (one agent per voice, the grid one bar
 * of the loop's most common meter, the loop's bars as the starts and contexts
 * of the training episodes), let the agents answer every bar, export the answer
 * with the loop's tempo, meter and feel, and print what was done: the grids
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
#include "src/responder/answer-play.h"
#include "src/responder/responder-private.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "midi/corpus.h"
#include "src/base/file.h"
#include "src/rhythm/kit.h"
#include "src/session/plot.h"
#include "src/session/training.h"

/* Bars on which the report runs coordinate search and the random policy. */
#define SESSION_SEARCH_BARS 8

typedef struct {
  char *output, *agents, *from, *log_path, *plot_path;
  gint64 episodes;
  int threads, iterations, tries;
  gboolean quiet;
  FILE *report; /* stdout, or stderr when an output goes there */
} SessionArgs;

static void
session_args_clear (SessionArgs *args)
{
  g_free (args->output);
  g_free (args->agents);
  g_free (args->from);
  g_free (args->log_path);
  g_free (args->plot_path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionArgs, session_args_clear)

/* The config a session trains with: the user's (or none) with the grid of the
 * loop, its voices and the agents written over the [stage] group. */
static DsConfig *
session_config (const DsConfig *user, const DsMeter *grid, const DsLoop *loop,
                const SessionArgs *args, GError **error)
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
  if (args->agents != NULL)
    g_string_append_printf (text, "agents = %s\n", args->agents);
  if (user == NULL || !ds_config_has_key (user, "stage", "context-library"))
    g_string_append (text, "context-library = 0.25\n");
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

static gboolean
train (DsModel *model, const SessionArgs *args, GArray *curve, GError **error)
{
  DsTrainingOptions options;
  DsTrainingResult result;

  ds_training_options_init (&options, "session");
  options.tty = !args->quiet && isatty (STDERR_FILENO);
  options.log_path = args->log_path;
  options.curve = curve;
  if (!ds_training_run (model, &options, &result, error))
    return FALSE;
  if (!args->quiet)
    fprintf (args->report, "# trained %" G_GUINT64_FORMAT " episodes in %.1f s\n",
             ds_swarm_episodes (model->swarm), result.seconds);
  return TRUE;
}

/* Import, train, answer, export, report. */
static gboolean
run_session (DsMidiCliOptions *midi, const char *input, SessionArgs *args, GError **error)
{
  g_autoptr (DsLoop) loop = NULL, answer_loop = NULL;
  g_autoptr (DsMeter) grid = NULL;
  g_autoptr (DsConfig) config = NULL;
  g_autoptr (DsModel) model = NULL;
  g_autoptr (DsResponder) responder = NULL;
  const DsStage *stage;
  g_autoptr (DsBars) bars = NULL, answer = NULL;
  g_autoptr (GArray) curve = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) notices = NULL;
  g_autofree char *meter_text = NULL, *table = NULL, *grids = NULL, *passed = NULL;
  const char *names[DS_VOICES_MAX];
  gboolean replace[DS_VOICES_MAX] = { FALSE };
  DsAnswerVoiceReport report[DS_VOICES_MAX];
  DsAnswerOptions options;
  DsBarsSampler sampler;
  char bpm[32];
  gint64 t0 = g_get_monotonic_time ();

  /* The answer and the plot are written after the training: a path that cannot
   * be written fails now, and leaves no answer without its plot. */
  if (!ds_file_check_destination (args->output, error)
      || (args->plot_path != NULL && !ds_file_check_destination (args->plot_path, error)))
    return FALSE;

  loop = ds_midi_import_file (input, &midi->import, error);
  if (loop == NULL)
    return FALSE;
  notices = ds_loop_notices (loop, midi->verbose);
  ds_cli_notices (notices);
  grid = ds_loop_bars_grid_meter (loop, error);
  if (grid == NULL)
    return FALSE;
  if (ds_meter_length (grid) > 64)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                   "%s: its bars have %u steps; a session plays at most 64 a bar "
                   "(use a coarser --resolution)", ds_file_input_name (input),
                   ds_meter_length (grid));
      return FALSE;
    }
  config = session_config (midi->config, grid, loop, args, error);
  if (config == NULL || !check_agents (config, args->agents, error))
    return FALSE;
  model = ds_model_new (g_steal_pointer (&config), (guint64) midi->seed, error);
  if (model == NULL)
    return FALSE;
  if (args->episodes > 0)
    model->options.episodes = (guint64) args->episodes;
  ds_swarm_set_threads (model->swarm, ds_cli_threads (args->threads));
  for (guint v = 0; v < ds_stage_n_voices (model->stage); v++)
    {
      names[v] = ds_stage_voice_name (model->stage, v);
      replace[v] = ds_stage_is_agent (model->stage, v);
      /* the answer must be written after the training: an agent voice with no
       * note to play it would fail only then */
      if (replace[v] && ds_loop_find_voice (loop, names[v]) < 0
          && ds_drum_map_default_note (names[v]) == 0)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "%s: the agents' voice '%s' is not in the loop and has no General MIDI "
                       "note; add it to [midi] voices with its note (%s = N)",
                       ds_config_name (model->config), names[v], names[v]);
          return FALSE;
        }
    }
  bars = ds_loop_bars_new (loop, names, ds_stage_n_voices (model->stage),
                                   ds_stage_length (model->stage), error);
  if (bars == NULL
      || !ds_bars_train_on (model->stage, bars, &sampler, (guint64) midi->seed, error))
    return FALSE;

  meter_text = ds_loop_meter_to_string (loop);
  if (!args->quiet)
    fprintf (args->report, "# session %s: %s, %u bars, %u steps, %s bpm; agents play one bar "
             "of %u steps\n", ds_file_input_name (input), meter_text, ds_loop_n_bars (loop),
             ds_loop_length (loop), ds_loop_format_bpm (bpm, ds_loop_bpm (loop)),
             ds_stage_length (model->stage));
  if (!train (model, args, curve, error))
    return FALSE;

  ds_answer_options_init (&options, model->stage,
                          args->iterations > 0 ? (guint) args->iterations
                                               : ds_stage_length (model->stage));
  options.seed = (guint64) midi->seed;
  options.tries = (guint) args->tries;
  options.threads = ds_cli_threads (args->threads);
  options.from_empty = args->from != NULL && strcmp (args->from, "empty") == 0;
  responder = ds_responder_new_for_model (g_steal_pointer (&model), NULL, 0, error);
  if (responder == NULL)
    return FALSE;
  stage = ds_responder_stage (responder);
  answer = ds_answer_play_bars (responder, bars, &options);
  answer_loop = ds_loop_copy (loop);
  if (!ds_loop_bars_write (answer, names, replace, answer_loop, NULL, error)
      || !ds_midi_export (answer_loop, &midi->export, args->output, error))
    return FALSE;
  if (args->plot_path != NULL
      && !write_plot (args->plot_path, ds_loop_name (loop), stage, answer, curve, error))
    return FALSE;
  if (args->quiet)
    return TRUE;
  grids = ds_loop_bars_grids_to_string (loop, answer_loop, names,
                                            ds_stage_n_voices (stage));
  fputs (grids, args->report);
  ds_answer_report (stage, bars, answer, &options, SESSION_SEARCH_BARS, report);
  table = ds_answer_report_to_string (stage, report, TRUE);
  fputs (table, args->report);
  passed = ds_midi_export_passed_through (answer_loop);
  fprintf (args->report, "# passed through: %s\n", passed);
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
  if (ds_file_same (input, args->output))
    return ds_cli_usage ("session", "-o %s would overwrite the input", args->output);
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
  g_auto (SessionArgs) args = { .tries = 16, .episodes = G_MININT64 /* not given */ };
  g_autofree char *input = NULL;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      "The drum loop to answer (- for standard input)", "IN.mid" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      "Where to write the answer (- for standard output)", "OUT.mid" },
    { "agents", 'a', 0, G_OPTION_ARG_STRING, &args.agents,
      "The voices the agents play (default: every voice of --voices)", "LIST" },
    { "episodes", 'e', 0, G_OPTION_ARG_INT64, &args.episodes,
      "Training episodes (default: [train] episodes, else 30720)", "N" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &args.iterations,
      "Steps the agents play on each bar (default: the bar's steps)", "N" },
    { "tries", 0, 0, G_OPTION_ARG_INT, &args.tries,
      "Episodes the agents play on each bar: the greedy one, then sampled ones; the best "
      "joint score wins (default 16)", "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from,
      "Where the agents start on each bar: loop (its own patterns) or empty", "loop|empty" },
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
  ds_midi_cli_options_add_answers (&midi, context);
  g_option_context_set_description (context,
      "Example:\n  drumswarm session -i examples/rock.mid -o answer.mid --plot answer.svg");
  if (ds_cli_parse (context, "session", &argc, &argv, &status))
    status = check_args (argc, argv, input, &args);
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
  .usage = "-i IN.mid -o OUT.mid [-c FILE.conf] [--seed S]",
  .summary = "import a loop, train a swarm on it and export its answer",
  .run = session_run,
};
