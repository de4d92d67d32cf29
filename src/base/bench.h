/* bench.h: the benchmark harness behind `drumswarm bench`.
 *
 * A workload prepares its state once, then runs repetitions; the harness times
 * each repetition after a warm-up and reports the median of OPS / seconds.  A
 * latency workload (LATENCY_SAMPLES > 0) instead does one operation per run,
 * which the harness times one by one (LATENCY_SAMPLES x repetitions of them,
 * after as many warm-up runs), and reports the median and the 99th percentile
 * in microseconds.
 * Workloads live beside the code they measure and are listed in the table of
 * src/cli/cmd-bench.c.  A workload may also say how many floating-point
 * operations an op takes (to set its FLOP rate beside the machine's peak), run
 * across processes (MPI; the peers are a DsSwarmPeers of agents/swarm.h, opaque
 * here), and report figures besides its rate.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_BENCH_MAX_EXTRAS 6

typedef struct {
  const char *name;     /* as given to --workload, e.g. "w1" */
  const char *summary;  /* one line for --list */
  const char *figure;   /* the unit reported, e.g. "env-steps/s" */
  /* Prepares the workload for THREADS threads; returns its state or NULL with ERROR. */
  gpointer (*setup) (int threads, GError **error);
  /* One repetition; returns the number of operations done (env-steps, scores ...). */
  double (*run) (gpointer state);
  void (*teardown) (gpointer state);
  gboolean single_thread; /* runs on one thread whatever --threads says (reported as 1) */
  guint latency_samples;  /* > 0: a latency workload, timed per run */
  gboolean also_one_thread; /* is measured on one thread too, beside --threads */
  /* Optional: the workload's processes run it together with PEERS (after setup). */
  void (*join) (gpointer state, gconstpointer peers);
  /* Optional: floating-point operations per op. */
  double (*flops) (gpointer state);
  /* Optional: more figures of the timed repetitions, named in extra_figures
   * (NULL-terminated): EXTRAS fills the values of the first N of them after the
   * last repetition and returns N (0 when none applies to this run). */
  const char *extra_figures[DS_BENCH_MAX_EXTRAS + 1];
  guint (*extras) (gpointer state, double *values);
} DsBenchWorkload;

typedef struct {
  double median;   /* ops per second, median of the repetitions; latency: microseconds */
  double min, max; /* slowest and fastest repetition, ops per second; latency: fastest
                      and slowest run, microseconds */
  double p99;      /* latency: the 99th percentile, microseconds */
  guint repetitions;
  double flops;    /* floating-point operations per op (0: not known) */
  double extras[DS_BENCH_MAX_EXTRAS];
  guint n_extras;  /* extras filled */
} DsBenchResult;

/* Runs WORKLOAD (together with PEERS, when not NULL): one warm-up, then
 * REPETITIONS timed runs. */
gboolean ds_bench_run (const DsBenchWorkload *workload, int threads, gconstpointer peers,
                       guint repetitions, DsBenchResult *result, GError **error);

G_END_DECLS
