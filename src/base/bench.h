/* bench.h: the benchmark harness behind `drumswarm bench`.
 *
 * A workload prepares its state once, then runs repetitions; the harness times
 * each repetition after a warm-up and reports the median of OPS / seconds.  A
 * latency workload (LATENCY_SAMPLES > 0) instead does one operation per run,
 * which the harness times one by one (LATENCY_SAMPLES x repetitions of them,
 * after as many warm-up runs), and reports the median and the 99th percentile
 * in microseconds.
 * Workloads live beside the code they measure and are listed in the table of
 * src/cli/cmd-bench.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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
} DsBenchWorkload;

typedef struct {
  double median;   /* ops per second, median of the repetitions; latency: microseconds */
  double min, max; /* slowest and fastest repetition, ops per second; latency: fastest
                      and slowest run, microseconds */
  double p99;      /* latency: the 99th percentile, microseconds */
  guint repetitions;
} DsBenchResult;

/* Runs WORKLOAD: one warm-up, then REPETITIONS timed runs. */
gboolean ds_bench_run (const DsBenchWorkload *workload, int threads, guint repetitions,
                       DsBenchResult *result, GError **error);

G_END_DECLS
