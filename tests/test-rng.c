/* test-rng.c: random streams are reproducible, independent and uniform. */
#include "autoconfig.h"

#include "src/base/rng.h"

#include <math.h>

static void
test_same_seed_same_stream (void)
{
  DsRng a, b;

  ds_rng_init_stream (&a, 42, 3, 7);
  ds_rng_init_stream (&b, 42, 3, 7);
  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (ds_rng_next (&a), ==, ds_rng_next (&b));
}

static void
test_streams_differ (void)
{
  DsRng a, b, c;

  ds_rng_init_stream (&a, 42, 3, 7);
  ds_rng_init_stream (&b, 42, 7, 3);
  ds_rng_init_stream (&c, 43, 3, 7);
  g_assert_cmpuint (ds_rng_next (&a), !=, ds_rng_next (&b));
  ds_rng_init_stream (&a, 42, 3, 7);
  g_assert_cmpuint (ds_rng_next (&a), !=, ds_rng_next (&c));
}

static void
test_below_is_uniform (void)
{
  DsRng rng;
  guint counts[7] = { 0 };
  const guint n = 70000;

  ds_rng_init (&rng, 1);
  for (guint i = 0; i < n; i++)
    counts[ds_rng_below (&rng, 7)]++;
  for (guint k = 0; k < 7; k++)
    g_assert_cmpfloat (fabs ((double) counts[k] - n / 7.0), <, 5 * sqrt (n / 7.0));
}

static void
test_double_and_normal_moments (void)
{
  DsRng rng;
  double sum = 0, sum_n = 0, sum_n2 = 0;
  const int n = 100000;

  ds_rng_init (&rng, 2);
  for (int i = 0; i < n; i++)
    {
      double u = ds_rng_double (&rng), z = ds_rng_normal (&rng);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      sum += u;
      sum_n += z;
      sum_n2 += z * z;
    }
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 0.01);
  g_assert_cmpfloat (fabs (sum_n / n), <, 0.02);
  g_assert_cmpfloat (fabs (sum_n2 / n - 1.0), <, 0.03);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rng/same-seed-same-stream", test_same_seed_same_stream);
  g_test_add_func ("/rng/streams-differ", test_streams_differ);
  g_test_add_func ("/rng/below-is-uniform", test_below_is_uniform);
  g_test_add_func ("/rng/double-and-normal-moments", test_double_and_normal_moments);
  return g_test_run ();
}
