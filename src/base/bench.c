/* bench.c: timing repetitions of a workload and taking the median (see bench.h). */
#include "autoconfig.h"

#include "src/base/bench.h"

#include <stdlib.h>
#include <time.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
now_us (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1e6 + (double) t.tv_nsec * 1e-3;
}

/* The Q-quantile of N sorted values (nearest rank). */
static double
quantile (const double *sorted, guint n, double q)
{
  guint rank = (guint) (q * n + 0.999999);

  return sorted[CLAMP (rank, 1u, n) - 1];
}

static void
run_latency (const DsBenchWorkload *workload, gpointer state, guint repetitions,
             DsBenchResult *result)
{
  guint n = workload->latency_samples * repetitions;
  g_autofree double *us = g_new (double, n);

  for (guint i = 0; i < n; i++) /* warm-up */
    workload->run (state);
  for (guint i = 0; i < n; i++)
    {
      double start = now_us ();

      workload->run (state);
      us[i] = now_us () - start;
    }
  qsort (us, n, sizeof us[0], compare_doubles);
  result->repetitions = n;
  result->min = us[0];
  result->max = us[n - 1];
  result->median = n % 2 == 1 ? us[n / 2] : 0.5 * (us[n / 2 - 1] + us[n / 2]);
  result->p99 = quantile (us, n, 0.99);
}

gboolean
ds_bench_run (const DsBenchWorkload *workload, int threads, gconstpointer peers,
              guint repetitions, DsBenchResult *result, GError **error)
{
  gpointer state = workload->setup (threads, error);
  g_autofree double *rates = NULL;

  if (state == NULL)
    return FALSE;
  *result = (DsBenchResult) { 0 };
  if (peers != NULL && workload->join != NULL)
    workload->join (state, peers);
  repetitions = MAX (repetitions, 1u);
  if (workload->latency_samples > 0)
    {
      run_latency (workload, state, repetitions, result);
      workload->teardown (state);
      return TRUE;
    }
  rates = g_new (double, repetitions);
  workload->run (state); /* warm-up: caches, tables, page faults */
  for (guint r = 0; r < repetitions; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ops = workload->run (state);
      gint64 elapsed = MAX (g_get_monotonic_time () - start, 1);

      rates[r] = ops / ((double) elapsed * 1e-6);
    }
  if (workload->flops != NULL)
    result->flops = workload->flops (state);
  if (workload->extras != NULL)
    result->n_extras = MIN (workload->extras (state, result->extras), DS_BENCH_MAX_EXTRAS);
  workload->teardown (state);
  qsort (rates, repetitions, sizeof rates[0], compare_doubles);
  result->repetitions = repetitions;
  result->p99 = 0;
  result->min = rates[0];
  result->max = rates[repetitions - 1];
  result->median = repetitions % 2 == 1
                       ? rates[repetitions / 2]
                       : 0.5 * (rates[repetitions / 2 - 1] + rates[repetitions / 2]);
  return TRUE;
}
