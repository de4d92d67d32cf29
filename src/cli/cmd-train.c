/* cmd-train.c: `drumswarm train`: trains a swarm of agents and writes a model.
 *
 * The stage, the reward mixes and the learning options come from the config
 * (-c FILE, else the defaults of drumswarm.conf(5)); --episodes, --seed and
 * --threads override.  On a terminal a progress line shows the episodes done,
 * the mean improvement of the last iteration's episodes, the time spent and the
 * time left; otherwise a summary is printed at the end.  --log writes one CSV
 * row per iteration.  --resume continues from a model, with its config.
 * --corpus DIR draws the context voices of three episodes in four from the bars
 * of the user's own loops (midi/corpus.h).
 */
#include "autoconfig.h"

#include <stdio.h>
#include <unistd.h>

#include "agents/model.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/base/file.h"
#include "src/base/format.h"
#include "src/session/progress.h"
#include "midi/corpus.h"

/* The share of episodes whose context comes from a bar of the corpus. */
#define CORPUS_SHARE 0.75

typedef struct {
  const char *config_path, *output, *log_path, *resume, *corpus;
  gint64 episodes, seed;
  int threads;
  gboolean quiet, blas;
  FILE *report; /* stdout, or stderr when the model or the log goes there */
} TrainArgs;

static DsModel *
train_model (const TrainArgs *args, GError **error)
{
  DsConfig *config;

  if (args->resume != NULL)
    return ds_model_load (args->resume, error);
  config = args->config_path != NULL ? ds_config_load (args->config_path, error)
                                     : ds_config_new ();
  if (config == NULL)
    return NULL;
  return ds_model_new (config, (guint64) args->seed, error);
}

/* Context voices from the bars of the loops in ARGS->corpus (see corpus.h);
 * *BARS and SAMPLER must live while the model trains. */
static gboolean
use_corpus (DsModel *model, const TrainArgs *args, DsBars **bars,
            DsBarsSampler *sampler, GError **error)
{
  const char *names[DS_VOICES_MAX];
  g_autoptr (DsDrumMap) map = NULL;
  g_autoptr (GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  DsImportOptions options;

  ds_import_options_init (&options);
  if (!ds_import_options_load_config (&options, model->config, &map, error))
    return FALSE;
  for (guint v = 0; v < ds_stage_n_voices (model->stage); v++)
    names[v] = ds_stage_voice_name (model->stage, v);
  *bars = ds_corpus_load (args->corpus, &options, names, ds_stage_n_voices (model->stage),
                          ds_stage_length (model->stage), notices, error);
  ds_cli_notices (notices);
  if (*bars == NULL)
    return FALSE;
  ds_bars_sampler_attach (sampler, model->stage, *bars, CORPUS_SHARE);
  if (!args->quiet)
    fprintf (args->report, "corpus %s: %u bars on the grid of %u steps\n", args->corpus,
             (*bars)->n_bars,
            ds_stage_length (model->stage));
  return TRUE;
}

static gboolean
run_training (DsModel *model, const TrainArgs *args, FILE *log, GError **error)
{
  guint64 start = ds_swarm_episodes (model->swarm);
  DsSwarmStats stats = { 0 };
  DsProgress progress;

  ds_progress_begin (&progress, "train", !args->quiet && isatty (STDERR_FILENO), log, start,
                     model->options.episodes);
  while (ds_swarm_episodes (model->swarm) < model->options.episodes)
    {
      ds_swarm_iterate (model->swarm, &stats);
      ds_progress_update (&progress, &stats);
    }
  ds_progress_end (&progress);
  if (!ds_model_save (model, args->output, error))
    return FALSE;
  if (!args->quiet && ds_swarm_episodes (model->swarm) == start)
    fprintf (args->report, "trained 0 episodes: the model has %" G_GUINT64_FORMAT " episodes "
             "already, --episodes asks for %" G_GUINT64_FORMAT " in all; wrote %s\n", start,
             model->options.episodes, ds_file_output_name (args->output));
  else if (!args->quiet)
    {
      char improvement[DS_FORMAT_BUF_SIZE], final[DS_FORMAT_BUF_SIZE];

      fprintf (args->report, "trained %" G_GUINT64_FORMAT " episodes (%" G_GUINT64_FORMAT
               " in total) in %.1f s; last iteration: mean improvement %s, mean final score %s;"
               " wrote %s\n", ds_swarm_episodes (model->swarm) - start,
               ds_swarm_episodes (model->swarm), progress.elapsed,
               ds_format_signed (improvement, stats.improvement),
               ds_format_double (final, stats.final_score), ds_file_output_name (args->output));
    }
  return TRUE;
}

static int
train_run (int argc, char **argv)
{
  TrainArgs args = { .seed = 1, .episodes = G_MININT64 }; /* G_MININT64: not given */
  g_autofree char *config_path = NULL, *output = NULL, *log_path = NULL, *resume = NULL;
  g_autofree char *corpus = NULL;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "The stage, rewards and learning options (see drumswarm.conf(5))", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Where to write the model (- for standard output)", "MODEL" },
    { "episodes", 'e', 0, G_OPTION_ARG_INT64, &args.episodes,
      "Episodes to train in all (default: [train] episodes)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &args.seed, "Random seed (default 1)", "S" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &args.threads,
      "Worker threads (default: OMP_NUM_THREADS, else all cores)", "N" },
    { "log", 'l', 0, G_OPTION_ARG_FILENAME, &log_path,
      "Write one CSV row per iteration to FILE", "FILE.csv" },
    { "resume", 'r', 0, G_OPTION_ARG_FILENAME, &resume,
      "Continue training MODEL (with its own config)", "MODEL" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus,
      "Draw context voices from the bars of the MIDI loops in DIR", "DIR" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, "Print nothing but errors", NULL },
    { "blas", 0, 0, G_OPTION_ARG_NONE, &args.blas,
      "Use OpenBLAS for the matrix products (when built with it)", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- train a swarm, write a model");
  g_autoptr (DsModel) model = NULL;
  g_autoptr (DsBars) corpus_bars = NULL;
  g_autoptr (GError) error = NULL;
  DsBarsSampler sampler;
  FILE *log = NULL;
  int status = DS_EXIT_OK;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "train", &argc, &argv, &status))
    return status;
  args.config_path = config_path;
  args.output = output;
  args.log_path = log_path;
  args.resume = resume;
  args.corpus = corpus;
  if (argc > 1)
    return ds_cli_usage ("train", "unexpected argument '%s'", argv[1]);
  if (args.output == NULL)
    return ds_cli_usage ("train", "-o MODEL is required");
  if (args.resume != NULL && args.config_path != NULL)
    return ds_cli_usage ("train", "--resume uses the model's own config; drop -c");
  if ((args.episodes != G_MININT64 && args.episodes < 1) || args.threads < 0 || args.seed < 0)
    return ds_cli_usage ("train", "--episodes and --threads must be positive, --seed at least 0");
  if ((status = ds_cli_check_std ("train", FALSE, "-c", args.config_path, "--resume", args.resume,
                                  NULL)) != DS_EXIT_OK
      || (status = ds_cli_check_std ("train", TRUE, "-o", args.output, "--log", args.log_path,
                                     NULL)) != DS_EXIT_OK)
    return status;
  args.report = ds_cli_report (ds_file_is_std (args.output) || ds_file_is_std (args.log_path));
  if (args.log_path != NULL
      && (ds_file_same (args.log_path, args.output)
          || (args.resume != NULL && ds_file_same (args.log_path, args.resume))
          || (args.config_path != NULL && ds_file_same (args.log_path, args.config_path))))
    return ds_cli_usage ("train", "--log %s would overwrite the model or the config",
                         args.log_path);
  if (!ds_file_check_destination (args.output, &error))
    return ds_cli_fail (error);
  model = train_model (&args, &error);
  if (model == NULL)
    return ds_cli_fail (error);
  if (args.episodes > 0)
    model->options.episodes = (guint64) args.episodes;
  ds_swarm_set_threads (model->swarm, ds_cli_threads (args.threads));
  if (args.blas && !ds_swarm_set_blas (model->swarm, TRUE))
    return ds_cli_usage ("train", "--blas: this drumswarm was built without OpenBLAS");
  if (args.corpus != NULL && !use_corpus (model, &args, &corpus_bars, &sampler, &error))
    return ds_cli_fail (error);
  if (args.log_path != NULL && (log = ds_file_open_stream (args.log_path, &error)) == NULL)
    return ds_cli_fail (error);
  ok = run_training (model, &args, log, &error);
  if (log != NULL && !ds_file_close_stream (log, args.log_path, ok ? &error : NULL))
    ok = FALSE;
  return ok ? DS_EXIT_OK : ds_cli_fail (error);
}

const DsCommand ds_cmd_train = {
  .name = "train",
  .usage = "[-c FILE.conf] -o MODEL [--episodes N] [--seed S] [--threads N] [--log FILE.csv]",
  .summary = "train a swarm of agents and write the model",
  .run = train_run,
};
