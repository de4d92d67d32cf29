/* bench.c: timing repetitions of a workload and taking the median (see bench.h). */
#include "autoconfig.h"

#include "src/base/bench.h"

#include <stdlib.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
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
  result->min = rates[0];
  result->max = rates[repetitions - 1];
  result->median = repetitions % 2 == 1
                       ? rates[repetitions / 2]
                       : 0.5 * (rates[repetitions / 2 - 1] + rates[repetitions / 2]);
  return TRUE;
}
