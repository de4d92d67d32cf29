/* cmd-bench.c: `drumswarm bench`: throughput figures of drumswarm's hot paths.
 *
 * One TSV line per workload, `WORKLOAD<TAB>THREADS<TAB>FIGURE<TAB>VALUE`, VALUE
 * the median of several timed repetitions after a warm-up; a latency workload
 * (the answer's) prints two, FIGURE-median and FIGURE-p99, in microseconds.  `--list` names the
 * workloads.  Workloads are listed in the table below; each lives beside the
 * code it measures.
 *
 * A workload that knows its floating-point operations per op (w1) is set beside
 * the machine's peak FMA rate, measured in the same run (fma-peak, which runs
 * whenever such a workload does): `w1 2 GFLOP/s 257` and `w1 2 of-fma-peak
 * 0.61`.  Under mpirun (built --with-mpi) the workloads that train run across
 * the processes, reported by rank 0 as `w1-np2` with the bytes each process
 * received per iteration and the time spent exchanging (bench/mpi-scaling.sh
 * turns these into a parallel efficiency and a projection for N machines).
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "agents/bench-fma.h"
#include "agents/bench-mlp.h"
#include "agents/bench-swarm.h"
#include "midi/bench-import.h"
#include "src/responder/bench-answer.h"
#include "src/base/bench.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/session/cluster.h"
#include "src/stage/reward-bench.h"

static const DsBenchWorkload *const workloads[] = {
  &ds_bench_midi_import,
  &ds_reward_bench_score,
  &ds_reward_bench_score_64,
  &ds_reward_bench_score_style,
  &ds_bench_fma_peak,
  &ds_bench_w1,
  &ds_bench_w1_single,
  &ds_bench_actor_512,
  &ds_bench_answer_16,
  &ds_bench_answer_64,
#ifdef HAVE_OPENBLAS
  &ds_bench_w1_blas,
  &ds_bench_w1_single_blas,
#endif
  NULL,
};

/* The peak FMA rate measured in this run, by thread count (0: not measured). */
typedef struct {
  int threads[2];
  double rate[2];
} Peaks;

static const DsBenchWorkload *
find_workload (const char *name)
{
  for (guint i = 0; workloads[i] != NULL; i++)
    if (strcmp (workloads[i]->name, name) == 0)
      return workloads[i];
  return NULL;
}

/* Whether workload W runs: named (or all named by default); across processes
 * only those that can; fma-peak whenever a workload with a FLOP count does. */
static gboolean
selected (const DsBenchWorkload *w, char **names, guint processes)
{
  if (processes > 1)
    return w->join != NULL && (names == NULL || g_strv_contains ((const char *const *) names,
                                                                 w->name));
  if (names == NULL || g_strv_contains ((const char *const *) names, w->name))
    return TRUE;
  if (w != &ds_bench_fma_peak)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (find_workload (names[i])->flops != NULL)
      return TRUE;
  return FALSE;
}

static void
print_figure (const char *name, guint processes, int threads, const char *figure, double value)
{
  if (processes > 1)
    printf ("%s-np%u\t%d\t%s\t", name, processes, threads, figure);
  else
    printf ("%s\t%d\t%s\t", name, threads, figure);
  /* rates and counts whole; fractions and seconds with three digits */
  if (value >= 100.0 || value == 0.0)
    printf ("%.0f\n", value);
  else
    printf ("%.3g\n", value);
}

static void
report (const DsBenchWorkload *w, int threads, const DsBenchResult *result, guint processes,
        Peaks *peaks)
{
  if (w->latency_samples > 0)
    {
      /* microseconds, with one decimal */
      printf ("%s\t%d\t%s-median\t%.1f\n%s\t%d\t%s-p99\t%.1f\n", w->name, threads, w->figure,
              result->median, w->name, threads, w->figure, result->p99);
      fflush (stdout);
      return;
    }
  print_figure (w->name, processes, threads, w->figure, result->median);
  for (guint k = 0; k < result->n_extras; k++)
    print_figure (w->name, processes, threads, w->extra_figures[k], result->extras[k]);
  if (w == &ds_bench_fma_peak)
    {
      guint slot = threads == 1 ? 0 : 1;

      peaks->threads[slot] = threads;
      peaks->rate[slot] = result->median;
    }
  else if (result->flops > 0.0)
    {
      double gflops = result->median * result->flops * 1e-9;

      print_figure (w->name, processes, threads, "GFLOP/s", gflops);
      for (guint slot = 0; slot < 2; slot++)
        if (peaks->threads[slot] == threads && peaks->rate[slot] > 0.0)
          print_figure (w->name, processes, threads, "of-fma-peak", gflops / peaks->rate[slot]);
    }
  fflush (stdout);
}

/* Runs the selected workloads; rank 0 of CLUSTER prints. */
static int
run_workloads (char **names, int threads, int repetitions, DsCluster *cluster)
{
  guint processes = ds_cluster_size (cluster);
  gconstpointer peers = processes > 1 ? ds_cluster_peers (cluster) : NULL;
  Peaks peaks = { { 0, 0 }, { 0.0, 0.0 } };

  for (guint i = 0; workloads[i] != NULL; i++)
    {
      const DsBenchWorkload *w = workloads[i];
      int used = w->single_thread ? 1 : threads;

      if (!selected (w, names, processes))
        continue;
      for (int pass = w->also_one_thread && used > 1 ? 0 : 1; pass < 2; pass++)
        {
          g_autoptr (GError) error = NULL;
          int t = pass == 0 ? 1 : used;
          DsBenchResult result;

          if (!ds_bench_run (w, t, peers, (guint) repetitions, &result, &error))
            {
              ds_cli_fail (error);
              if (processes > 1)
                ds_cluster_abort (cluster, DS_EXIT_FAILURE);
              return DS_EXIT_FAILURE;
            }
          if (ds_cluster_rank (cluster) == 0)
            report (w, t, &result, processes, &peaks);
        }
    }
  return DS_EXIT_OK;
}

static int
bench_run (int argc, char **argv)
{
  g_auto (GStrv) names = NULL;
  gboolean list = FALSE;
  int threads = 0, repetitions = 5;
  const GOptionEntry entries[] = {
    { "workload", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &names,
      "A workload to run (repeatable; default all)", "NAME" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads,
      "Worker threads (default: OMP_NUM_THREADS, else all cores)", "N" },
    { "repetitions", 'n', 0, G_OPTION_ARG_INT, &repetitions,
      "Timed repetitions per workload; the median is printed (default 5)", "N" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the workloads", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- measure throughput");
  g_autoptr (DsCluster) cluster = NULL;
  g_autoptr (GError) error = NULL;
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "bench", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ds_cli_usage ("bench", "unexpected argument '%s'", argv[1]);
  if (list)
    {
      for (guint i = 0; workloads[i] != NULL; i++)
        printf ("%s\t%s\t%s\n", workloads[i]->name, workloads[i]->figure,
                workloads[i]->summary);
      return DS_EXIT_OK;
    }
  if (threads < 0)
    return ds_cli_usage ("bench", "--threads must be 1 or more, or 0 for the default (got %d)",
                         threads);
  if (repetitions < 1 || repetitions > 1000)
    return ds_cli_usage ("bench", "--repetitions must be 1 to 1000 (got %d)", repetitions);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (find_workload (names[i]) == NULL)
      return ds_cli_usage ("bench", "no workload '%s'; 'drumswarm bench --list' names them",
                           names[i]);
  cluster = ds_cluster_join (&error);
  if (cluster == NULL)
    return ds_cluster_launch_rank () == 0 ? ds_cli_fail (error) : DS_EXIT_FAILURE;
  for (guint i = 0; names != NULL && names[i] != NULL && ds_cluster_size (cluster) > 1; i++)
    if (find_workload (names[i])->join == NULL)
      return ds_cluster_rank (cluster) == 0
                 ? ds_cli_usage ("bench", "workload '%s' does not run across processes "
                                 "(under mpirun only the training workloads do)", names[i])
                 : DS_EXIT_USAGE;
  return run_workloads (names, ds_cli_threads (threads), repetitions, cluster);
}

const DsCommand ds_cmd_bench = {
  .name = "bench",
  .usage = "[--workload NAME]... [--threads N] [--repetitions N] [--list]",
  .summary = "measure throughput (training, scoring, MIDI import), the FMA peak and the answer's "
             "latency",
  .run = bench_run,
};
