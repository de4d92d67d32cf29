/* cmd-train.c: `drumswarm train`: trains a swarm of agents and writes a model.
 *
 * The stage, the reward mixes and the learning options come from the config
 * (-c FILE, else the defaults of drumswarm.conf(5)); --episodes, --seed and
 * --threads override.  On a terminal a progress line shows the episodes done,
 * the mean improvement of the last iteration's episodes, the time spent and the
 * time left; otherwise a summary is printed at the end.  --log writes one CSV
 * row per iteration.  --resume continues from a model, with its config;
 * --checkpoint-every writes the model on the way, so that a stopped run can go
 * on from there (src/session/training.h).  --corpus DIR trains on the bars of
 * the user's own loops (midi/corpus.h), those of the model's meter (or, with
 * --corpus-meter, of another, fitted to the model's bar): every episode draws
 * one, the loop its similarity and anchor terms compare with; three episodes in
 * four take their context voices from it, and nine in ten start the agents from
 * its own patterns (the others from the config's start), as an answer starts
 * from the bar it answers.  --list, or --info with --where, chooses the
 * loops within DIR (src/cli/selection.h).
 *
 * Under mpirun every process runs this command with the same arguments: each
 * prepares the same model, the processes check that they agree (config,
 * weights, corpus, kernels), split every iteration between them
 * (src/session/cluster.h), and rank 0 alone prints, logs and writes the model.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <unistd.h>

#include "agents/model.h"
#include "midi/corpus.h"
#include "src/base/file.h"
#include "src/base/format.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/cli/selection.h"
#include "src/session/cluster.h"
#include "src/session/training.h"

/* The share of episodes whose context comes from the bar of the corpus they
 * drew, and the share whose agents start from it: agents that mostly learn to
 * answer real bars vary them as a drummer does (with half of the starts
 * random, the general model changed 8.5 cells of 48 a bar of GMD's validation
 * beats and played 5 of 135 voices below chance similarity; with one in ten,
 * 5.1 and none: bench/musical-quality.py). */
#define CORPUS_SHARE 0.75
#define CORPUS_START_SHARE 0.9

typedef struct {
  const char *config_path, *output, *log_path, *resume, *corpus, *every, *corpus_meter;
  const DsCliSelection *selection;
  gint64 episodes, seed;
  int threads;
  gboolean quiet, blas;
  FILE *report; /* stdout, or stderr when the model or the log goes there */
} TrainArgs;

/* What every process trains with. */
typedef struct {
  DsModel *model;
  DsBars *corpus;          /* or NULL */
  DsBarsSampler sampler;   /* draws from corpus */
} Run;

static void
run_clear (Run *run)
{
  ds_model_free (run->model);
  ds_bars_free (run->corpus);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

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

/* The corpus line: what was taken and what was left out. */
static void
print_corpus (const TrainArgs *args, const DsCorpusCount *count, const DsSignature *from,
              guint length)
{
  g_autofree char *meter = ds_signature_to_string (from);

  fprintf (args->report, "corpus %s: %u bars on the grid of %u steps (%u files; bars of %s",
           args->corpus, count->bars, length, count->files, meter);
  if (args->corpus_meter != NULL)
    fprintf (args->report, ", fitted to the model's bar");
  fprintf (args->report, "; left out: %u bars of other meters, %u empty)\n", count->other_meter,
           count->empty);
}

/* Training on the bars of the loops of ARGS->corpus (see corpus.h); SPEAK:
 * print what was loaded and left out. */
static gboolean
use_corpus (Run *run, const TrainArgs *args, gboolean speak, GError **error)
{
  const DsStage *stage = run->model->stage;
  const DsBar *bar = ds_meter_bar (ds_stage_meter (stage), 0);
  const char *names[DS_VOICES_MAX];
  g_autoptr (DsDrumMap) map = NULL;
  g_autoptr (GPtrArray) notices = g_ptr_array_new_with_free_func (g_free), files = NULL;
  DsImportOptions options;
  DsSignature from = bar->signature;
  DsCorpusCount count;

  if (args->corpus_meter != NULL && !ds_meter_parse_signature (args->corpus_meter, &from, error))
    {
      g_prefix_error (error, "--corpus-meter: ");
      return FALSE;
    }
  ds_import_options_init (&options);
  if (!ds_import_options_load_config (&options, run->model->config, &map, error))
    return FALSE;
  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    names[v] = ds_stage_voice_name (stage, v);
  files = ds_cli_selection_files (args->selection, args->corpus, FALSE, error);
  if (files == NULL)
    return FALSE;
  run->corpus = ds_corpus_load_files (files, &options, names, ds_stage_n_voices (stage),
                                      ds_meter_bar (ds_stage_meter (stage), 0),
                                      ds_stage_length (stage), &from, &count, notices, error);
  if (speak)
    ds_cli_notices (notices);
  if (run->corpus == NULL)
    {
      g_prefix_error (error, "%s: ", args->corpus);
      return FALSE;
    }
  ds_bars_sampler_attach (&run->sampler, run->model->stage, run->corpus, CORPUS_SHARE);
  run->sampler.start_share = CORPUS_START_SHARE;
  if (speak && !args->quiet)
    print_corpus (args, &count, &from, ds_stage_length (stage));
  return TRUE;
}

/* The model and corpus of this process; WRITER (rank 0) also checks that its
 * files can be written, and prints. */
static gboolean
prepare (Run *run, const TrainArgs *args, gboolean writer, GError **error)
{
  if (writer
      && (!ds_file_check_destination (args->output, error)
          || (args->log_path != NULL && !ds_file_check_destination (args->log_path, error))))
    return FALSE;
  run->model = train_model (args, error);
  if (run->model == NULL)
    return FALSE;
  if (args->episodes > 0)
    run->model->options.episodes = (guint64) args->episodes;
  ds_swarm_set_threads (run->model->swarm, ds_cli_threads (args->threads));
  ds_swarm_set_blas (run->model->swarm, args->blas, NULL); /* checked before */
  return args->corpus == NULL || use_corpus (run, args, writer, error);
}

/* What the processes must agree on to train as one: the config, the swarm's
 * state, the corpus and the kernels (which round some sums their own way). */
static char *
fingerprint (const Run *run)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *config = ds_config_text (run->model->config);

  g_checksum_update (sum, (const guchar *) config, -1);
  ds_swarm_checksum (run->model->swarm, sum);
  for (guint i = 0; run->corpus != NULL && i < run->corpus->n_bars * run->corpus->n_voices; i++)
    {
      const DsPattern *p = &run->corpus->patterns[i];

      g_checksum_update (sum, (const guchar *) &p->length, sizeof p->length);
      g_checksum_update (sum, (const guchar *) p->on, sizeof p->on);
      g_checksum_update (sum, (const guchar *) p->accent, sizeof p->accent);
    }
  return g_strdup_printf ("'sha256 %.16s, %s kernels'", g_checksum_get_string (sum),
                          ds_mlp_kernels ());
}

/* The summary line after the run. */
static void
print_summary (const DsModel *model, const TrainArgs *args, const DsTrainingResult *result,
               guint processes)
{
  guint64 episodes = ds_swarm_episodes (model->swarm);
  char improvement[DS_FORMAT_BUF_SIZE], final[DS_FORMAT_BUF_SIZE];

  if (episodes == result->start)
    {
      fprintf (args->report, "trained 0 episodes: the model has %" G_GUINT64_FORMAT
               " episodes already, --episodes asks for %" G_GUINT64_FORMAT " in all; wrote %s\n",
               result->start, model->options.episodes, ds_file_output_name (args->output));
      return;
    }
  fprintf (args->report, "trained %" G_GUINT64_FORMAT " episodes (%" G_GUINT64_FORMAT
           " in total) in %.1f s; last iteration: mean improvement %s, mean final score %s;"
           " wrote %s\n", episodes - result->start, episodes, result->seconds,
           ds_format_signed (improvement, result->last.improvement),
           ds_format_double (final, result->last.final_score), ds_file_output_name (args->output));
  if (processes > 1)
    fprintf (args->report, "# %u processes; each received %.2f MB an iteration from the "
             "others and spent %.0f%% of the time exchanging\n", processes,
             (double) result->exchanged_bytes / (double) MAX (result->iterations, 1) * 1e-6,
             100.0 * result->exchange_seconds / MAX (result->seconds, 1e-9));
}

/* Prepares and trains on every process of CLUSTER; returns the exit status. */
static int
train_in_cluster (const TrainArgs *args, DsCluster *cluster, DsStopGuard *guard)
{
  g_auto (Run) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *mine = NULL;
  guint rank = ds_cluster_rank (cluster), size = ds_cluster_size (cluster), failed;
  gboolean writer = rank == 0;
  DsTrainingOptions training;
  DsTrainingResult result;

  failed = ds_cluster_first_failure (cluster, prepare (&run, args, writer, &error));
  if (failed == rank && rank > 0)
    g_prefix_error (&error, "rank %u (on %s): ", rank, g_get_host_name ());
  if (failed < size)
    return failed == rank ? ds_cli_fail (error) : DS_EXIT_FAILURE;
  mine = fingerprint (&run);
  if (!ds_cluster_check_same (cluster, "model, corpus and kernels", mine, &error))
    return writer ? ds_cli_fail (error) : DS_EXIT_FAILURE;
  ds_swarm_set_peers (run.model->swarm, ds_cluster_peers (cluster));

  ds_training_options_init (&training, "train");
  if (writer)
    {
      training.tty = !args->quiet && isatty (STDERR_FILENO);
      training.log_path = args->log_path;
      training.model_path = args->output;
      training.guard = guard;
      training.processes = size;
    }
  if (args->every != NULL)
    ds_training_parse_every (args->every, &training.every_iterations, &training.every_seconds,
                             NULL);
  if (!ds_training_run (run.model, &training, &result, &error))
    {
      ds_cli_fail (error);
      if (size > 1)
        ds_cluster_abort (cluster, DS_EXIT_FAILURE);
      return DS_EXIT_FAILURE;
    }
  if (writer && !args->quiet)
    print_summary (run.model, args, &result, size);
  return DS_EXIT_OK;
}

static int
train_run (int argc, char **argv)
{
  TrainArgs args = { .seed = 1, .episodes = G_MININT64 }; /* G_MININT64: not given */
  g_autofree char *config_path = NULL, *output = NULL, *log_path = NULL, *resume = NULL;
  g_autofree char *corpus = NULL, *every = NULL, *corpus_meter = NULL;
  g_auto (DsCliSelection) selection = { 0 };
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
    { "checkpoint-every", 0, 0, G_OPTION_ARG_STRING, &every,
      "Write the model every N iterations, or every T seconds, minutes or hours (90s, 10m, "
      "2h), as a checkpoint to go on from with --resume", "N|T" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus,
      "Train on the bars of the MIDI loops in DIR (those of the model's meter): each "
      "episode compares with one, takes its context voices and often starts from it", "DIR" },
    { "corpus-meter", 0, 0, G_OPTION_ARG_STRING, &corpus_meter,
      "Take the corpus's bars of this meter instead, each cut to the model's bar or "
      "continued by its own start (5/4 from 4/4 bars: the bar, then its first beat again)",
      "N/D" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, "Print nothing but errors", NULL },
    { "blas", 0, 0, G_OPTION_ARG_NONE, &args.blas,
      "Use OpenBLAS for the matrix products (when built with it)", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- train a swarm, write a model");
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStopGuard) guard = NULL;
  g_autoptr (DsCluster) cluster = NULL;
  guint64 every_iterations;
  double every_seconds;
  DsSignature signature;
  int status = DS_EXIT_OK;

  /* under mpirun every process reads the command line: the first says what is
   * wrong with it */
  ds_cli_quiet_usage (ds_cluster_launch_rank () > 0);
  g_option_context_add_main_entries (context, entries, NULL);
  ds_cli_selection_add_entries (&selection, context);
  g_option_context_set_description (context,
      "--list, or --info with --where, choose the loops within the --corpus folder;\n"
      "without them, every MIDI file in it (not in its subfolders) is one.\n"
      "Under mpirun (when built --with-mpi) the processes split every iteration:\n"
      "  mpirun --hostfile hosts -np 4 drumswarm train -c my.conf -o my.dsm "
      "--checkpoint-every 10m");
  if (!ds_cli_parse (context, "train", &argc, &argv, &status))
    return status;
  args.config_path = config_path;
  args.output = output;
  args.log_path = log_path;
  args.resume = resume;
  args.corpus = corpus;
  args.every = every;
  args.corpus_meter = corpus_meter;
  args.selection = &selection;
  if (argc > 1)
    return ds_cli_usage ("train", "unexpected argument '%s'", argv[1]);
  if (args.output == NULL)
    return ds_cli_usage ("train", "-o MODEL is required");
  if (args.corpus == NULL && (args.corpus_meter != NULL || ds_cli_selection_given (&selection)))
    return ds_cli_usage ("train", "--corpus-meter, --list, --info and --where choose bars of a "
                         "--corpus DIR; give one");
  if ((status = ds_cli_selection_check (&selection, "train")) != DS_EXIT_OK)
    return status;
  if (args.corpus_meter != NULL && !ds_meter_parse_signature (args.corpus_meter, &signature,
                                                              &error))
    return ds_cli_usage ("train", "--corpus-meter: %s", error->message);
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
  if (args.blas && !ds_mlp_blas_init (&error))
    return ds_cli_usage ("train", "--blas: %s", error->message);
  if (args.every != NULL
      && !ds_training_parse_every (args.every, &every_iterations, &every_seconds, &error))
    return ds_cli_usage ("train", "%s", error->message);
  if (args.log_path != NULL
      && (ds_file_same (args.log_path, args.output)
          || (args.resume != NULL && ds_file_same (args.log_path, args.resume))
          || (args.config_path != NULL && ds_file_same (args.log_path, args.config_path))))
    return ds_cli_usage ("train", "--log %s would overwrite the model or the config",
                         args.log_path);
  /* a stop from now on leaves whole files and says which is the last */
  guard = ds_stop_guard_new ();
  cluster = ds_cluster_join (&error);
  if (cluster == NULL)
    return ds_cluster_launch_rank () == 0 ? ds_cli_fail (error) : DS_EXIT_FAILURE;
  return train_in_cluster (&args, cluster, guard);
}

const DsCommand ds_cmd_train = {
  .name = "train",
  .usage = "[-c FILE.conf] -o MODEL [--episodes N] [--seed S] [--threads N] [--log FILE.csv] "
           "[--resume MODEL] [--checkpoint-every N|T] [--corpus DIR [--corpus-meter N/D] "
           "[--list FILE | --info CSV [--where COLUMN=VALUE]...]]",
  .summary = "train a swarm of agents and write the model",
  .run = train_run,
};
