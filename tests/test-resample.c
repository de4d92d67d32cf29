/* test-resample.c: properties of nearest-step resampling (midi/resample.c) over
 * every pair of grid lengths M, L in 1..64, on random patterns. */
#include "autoconfig.h"

#include "midi/resample.h"
#include "src/base/rng.h"

#include <math.h>
#include <string.h>

#define MAX_LENGTH 64
#define PATTERNS_PER_PAIR 24

static void
random_pattern (DsRng *rng, guint length, DsPattern *p)
{
  guint density = 1 + ds_rng_below (rng, 4); /* 1/5 .. 4/5 of the steps */

  ds_pattern_init (p, length);
  for (guint k = 0; k < length; k++)
    if (ds_rng_below (rng, 5) < density)
      ds_pattern_set_accent (p, k, ds_rng_below (rng, 4) == 0);
}

/* Circular distance, in loop fractions, between step A of M and step B of L. */
static double
distance (guint a, guint m, guint b, guint l)
{
  double d = fabs ((double) a / m - (double) b / l);

  return MIN (d, 1 - d);
}

/* Every onset of A lies within LIMIT (a loop fraction) of an onset of B. */
static gboolean
covered (const DsPattern *a, const DsPattern *b, double limit)
{
  for (guint i = 0; i < a->length; i++)
    {
      gboolean near = FALSE;

      if (!ds_pattern_get (a, i))
        continue;
      for (guint j = 0; j < b->length && !near; j++)
        near = ds_pattern_get (b, j) && distance (i, a->length, j, b->length) <= limit + 1e-12;
      if (!near)
        return FALSE;
    }
  return TRUE;
}

/* M -> L -> M returns the pattern exactly whenever M divides L (in fact
 * whenever M <= L), accents included, and nothing merges on the way. */
static void
test_exact_when_dividing (void)
{
  DsRng rng;

  ds_rng_init (&rng, 11);
  for (guint m = 1; m <= MAX_LENGTH; m++)
    for (guint l = m; l <= MAX_LENGTH; l++)
      for (guint r = 0; r < PATTERNS_PER_PAIR; r++)
        {
          DsPattern p, up, back;

          random_pattern (&rng, m, &p);
          g_assert_cmpuint (ds_resample_pattern (&p, l, &up), ==, 0);
          g_assert_cmpuint (ds_resample_pattern (&up, m, &back), ==, 0);
          if (!ds_pattern_equal (&p, &back) || memcmp (p.accent, back.accent, sizeof p.accent))
            g_error ("%u -> %u -> %u changed the pattern", m, l, m);
        }
}

/* When L divides M, a pattern of the coarse grid (onsets on multiples of M/L)
 * survives M -> L -> M exactly. */
static void
test_exact_on_coarse_positions (void)
{
  DsRng rng;

  ds_rng_init (&rng, 12);
  for (guint m = 1; m <= MAX_LENGTH; m++)
    for (guint l = 1; l < m; l++)
      {
        if (m % l != 0)
          continue;
        for (guint r = 0; r < PATTERNS_PER_PAIR; r++)
          {
            DsPattern coarse, p, down, back;

            random_pattern (&rng, l, &coarse);
            ds_resample_pattern (&coarse, m, &p);
            g_assert_cmpuint (ds_resample_pattern (&p, l, &down), ==, 0);
            g_assert_true (ds_pattern_equal (&down, &coarse));
            ds_resample_pattern (&down, m, &back);
            g_assert_true (ds_pattern_equal (&back, &p));
          }
      }
}

/* Each onset goes to the nearest step of the new grid (within half a step of
 * it, in time); onsets that land together merge, and the count returned is
 * exactly the onsets lost. */
static void
test_nearest_and_merges_counted (void)
{
  DsRng rng;

  ds_rng_init (&rng, 13);
  for (guint m = 1; m <= MAX_LENGTH; m++)
    for (guint l = 1; l <= MAX_LENGTH; l++)
      for (guint r = 0; r < PATTERNS_PER_PAIR; r++)
        {
          DsPattern p, q;
          guint merged;

          random_pattern (&rng, m, &p);
          merged = ds_resample_pattern (&p, l, &q);
          g_assert_cmpuint (q.length, ==, l);
          g_assert_cmpuint (ds_pattern_count (&q) + merged, ==, ds_pattern_count (&p));
          for (guint k = 0; k < m; k++)
            if (ds_pattern_get (&p, k))
              {
                guint j = ds_resample_step (k, m, l);

                g_assert_true (ds_pattern_get (&q, j));
                g_assert_cmpfloat (distance (k, m, j, l), <=, 0.5 / l + 1e-12);
                for (guint other = 0; other < l; other++)
                  g_assert_cmpfloat (distance (k, m, j, l), <=,
                                     distance (k, m, other, l) + 1e-12);
                if (ds_pattern_get_accent (&p, k))
                  g_assert_true (ds_pattern_get_accent (&q, j));
              }
        }
}

/* A round trip M -> L -> M through a coarser grid keeps every onset within half
 * a step of each grid (1/(2L) + 1/(2M) of the loop) of an onset, both ways,
 * and adds none.  (Half a step of the coarser grid alone cannot hold: at M = 3,
 * L = 2 the onsets at 1/3 and 2/3 both go to 1/2, and one of them comes back a
 * third of the loop away.) */
static void
test_round_trip_bound (void)
{
  DsRng rng;

  ds_rng_init (&rng, 14);
  for (guint m = 1; m <= MAX_LENGTH; m++)
    for (guint l = 1; l < m; l++)
      for (guint r = 0; r < PATTERNS_PER_PAIR; r++)
        {
          DsPattern p, down, back;
          double limit = 0.5 / l + 0.5 / m;

          random_pattern (&rng, m, &p);
          ds_resample_pattern (&p, l, &down);
          ds_resample_pattern (&down, m, &back);
          g_assert_cmpuint (ds_pattern_count (&back), <=, ds_pattern_count (&p));
          if (!covered (&p, &back, limit) || !covered (&back, &p, limit))
            g_error ("%u -> %u -> %u moved an onset by more than %g of the loop", m, l, m,
                     limit);
        }
}

static void
test_voices (void)
{
  DsVoices v, out;
  guint merged = 99;
  g_autoptr (GError) error = NULL;

  g_assert_true (ds_voices_parse ("kick=x...x...x...x...,snare=....xxx.....xxx.", &v, NULL));
  g_assert_true (ds_resample_voices (&v, 8, &out, &merged, &error));
  g_assert_cmpuint (out.length, ==, 8);
  g_assert_cmpuint (merged, ==, 2);
  g_assert_cmpstr (out.names[1], ==, "snare");
  g_assert_false (ds_resample_voices (&v, 0, &out, NULL, &error));
  g_assert_nonnull (error);
}

/* A loop of 2 bars of 4/4 (32 steps) to a 16-step model grid and back: the
 * agents' answer lands on the loop's grid, ready to export. */
static void
test_loop_round_trip (void)
{
  g_autoptr (DsLoop) loop = ds_loop_new (4), empty = ds_loop_new (4);
  g_autoptr (GError) error = NULL;
  DsSignature four;
  DsVoices loop_voices, model, answer;
  guint merged = 99;
  g_autofree char *kick = NULL, *snare = NULL;

  g_assert_true (ds_meter_parse_signature ("4/4", &four, NULL));
  g_assert_true (ds_loop_add_bar (loop, &four, NULL));
  g_assert_true (ds_loop_add_bar (loop, &four, NULL));
  g_assert_true (ds_voices_parse ("kick=x.......x.......|x.......x.....x.,"
                                  "snare=....x.......x...|....x.......x..x", &loop_voices, NULL));
  g_assert_true (ds_loop_set_voices (loop, &loop_voices, &error));
  g_assert_true (ds_resample_from_loop (loop, 16, &model, &merged, &error));
  g_assert_cmpuint (merged, ==, 0);
  g_assert_cmpuint (model.length, ==, 16);
  g_assert_true (ds_voices_parse ("kick=x...x...x...x...,snare=..x...x...x...xx", &answer, NULL));
  g_assert_false (ds_resample_into_loop (empty, &answer, &merged, &error));
  g_clear_error (&error);
  g_assert_true (ds_resample_into_loop (loop, &answer, &merged, &error));
  g_assert_no_error (error);
  kick = ds_loop_voice_to_string (loop, 0, FALSE);
  snare = ds_loop_voice_to_string (loop, 1, FALSE);
  g_assert_cmpstr (kick, ==, "x.......x.......|x.......x.......");
  g_assert_cmpstr (snare, ==, "....x.......x...|....x.......x.x.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/resample/exact-when-m-divides-l", test_exact_when_dividing);
  g_test_add_func ("/resample/exact-on-coarse-positions", test_exact_on_coarse_positions);
  g_test_add_func ("/resample/nearest-step-merges-counted", test_nearest_and_merges_counted);
  g_test_add_func ("/resample/round-trip-bound", test_round_trip_bound);
  g_test_add_func ("/resample/voices", test_voices);
  g_test_add_func ("/resample/loop-to-model-grid-and-back", test_loop_round_trip);
  return g_test_run ();
}
