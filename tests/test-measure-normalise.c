/* test-measure-normalise.c: the normalisation ranges (exact ranges and the
 * parallel enumeration) against a brute-force loop over every pattern, the
 * bounds for long bars against the exact extremes, and the tables of every
 * pattern against the values one at a time. */
#include "autoconfig.h"

#include <math.h>

#include "src/rhythm/measure.h"
#include "src/rhythm/normalise.h"

typedef struct {
  const char *signature;
  guint steps;
} Grid;

static const Grid grids[] = {
  { "4/4", 8 }, { "2/4", 8 }, { "3/4", 12 }, { "6/8", 12 }, { "7/8:2+2+3", 14 }, { "5/4", 10 },
  { "4/4", 16 },
};

/* The extremes of the raw value over every pattern, one ds_measure_raw call each. */
static void
brute_force (const DsMeasureClass *measure, const DsMeter *meter, double *min, double *max)
{
  guint length = ds_meter_length (meter);

  *min = INFINITY;
  *max = -INFINITY;
  for (uint64_t bits = 0; bits < ((uint64_t) 1 << length); bits++)
    {
      g_autoptr (GError) error = NULL;
      DsPattern pattern;
      double v;

      ds_pattern_from_bits (&pattern, length, bits);
      g_assert_true (ds_measure_raw (measure, &pattern, meter, &v, &error));
      *min = MIN (*min, v);
      *max = MAX (*max, v);
    }
}

static void
test_ranges_match_brute_force (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = ds_meter_new_bars (grids[g].signature, grids[g].steps, 1,
                                                     &error);

      g_assert_no_error (error);
      for (guint i = 0; i < ds_measure_count (); i++)
        {
          const DsMeasureClass *m = ds_measure_nth (i);
          DsNormaliseRange range;
          double min, max;

          if (!ds_measure_covers (m, meter, NULL))
            continue;
          g_assert_true (ds_normalise_range (m, meter, &range, &error));
          g_assert_no_error (error);
          brute_force (m, meter, &min, &max);
          if (fabs (range.min - min) > 1e-12 || fabs (range.max - max) > 1e-12)
            g_error ("%s on %s/%u: range [%g, %g], brute force [%g, %g]", m->name,
                     grids[g].signature, grids[g].steps, range.min, range.max, min, max);
          g_assert_true (range.exact);
        }
    }
}

/* The parallel enumeration itself (the fallback when no pattern reaches a
 * bound) agrees with the brute force too. */
static void
test_enumeration_matches_brute_force (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (grids) - 1; g++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = ds_meter_new_bars (grids[g].signature, grids[g].steps, 1,
                                                     &error);

      for (guint i = 0; i < ds_measure_count (); i++)
        {
          const DsMeasureClass *m = ds_measure_nth (i);
          DsNormaliseRange range;
          double min, max;

          if (!ds_measure_covers (m, meter, NULL))
            continue;
          g_assert_true (ds_normalise_enumerate (m, &ds_meter_bar (meter, 0)->signature,
                                                 grids[g].steps, &range, &error));
          brute_force (m, meter, &min, &max);
          g_assert_cmpfloat (range.min, ==, min);
          g_assert_cmpfloat (range.max, ==, max);
        }
    }
}

/* The documented bounds for bars too long to enumerate hold the exact range. */
static void
test_bounds_hold_the_range (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = ds_meter_new_bars (grids[g].signature, grids[g].steps, 1,
                                                     &error);
      DsPattern empty;
      DsMeasureBar view;

      ds_pattern_init (&empty, grids[g].steps);
      ds_measure_bar_init (&view, &empty, meter, 0);
      for (guint i = 0; i < ds_measure_count (); i++)
        {
          const DsMeasureClass *m = ds_measure_nth (i);
          DsNormaliseRange range;
          double lo, hi;

          if (m->bound == NULL || !ds_measure_covers (m, meter, NULL))
            continue;
          g_assert_true (ds_normalise_range (m, meter, &range, &error));
          m->bound (&view, &lo, &hi);
          if (lo > range.min + 1e-12 || hi < range.max - 1e-12)
            g_error ("%s on %s/%u: bound [%g, %g] misses the range [%g, %g]", m->name,
                     grids[g].signature, grids[g].steps, lo, hi, range.min, range.max);
        }
    }
}

/* Normalised values lie in [0, 1] and reach both ends; the table holds them. */
static void
test_table_matches_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("3/4", 12, 1, &error);

  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const DsMeasureClass *m = ds_measure_nth (i);
      const float *table;
      gboolean zero = FALSE, one = FALSE;

      if (!ds_measure_covers (m, meter, NULL))
        continue;
      table = ds_normalise_table (m, meter, &error);
      g_assert_no_error (error);
      for (uint64_t bits = 0; bits < 4096; bits++)
        {
          DsPattern pattern;
          double v;

          ds_pattern_from_bits (&pattern, 12, bits);
          g_assert_true (ds_measure_normalised (m, &pattern, meter, &v, &error));
          g_assert_cmpfloat (v, >=, 0.0);
          g_assert_cmpfloat (v, <=, 1.0);
          g_assert_cmpfloat_with_epsilon (table[bits], v, 1e-6);
          zero = zero || v == 0.0;
          one = one || v == 1.0;
        }
      if (!zero || !one)
        g_error ("%s on 3/4: the normalised values do not reach both 0 and 1", m->name);
      g_assert_true (ds_normalise_table (m, meter, &error) == table); /* cached */
    }
}

/* Two bars: a summed measure's range is the sum of the bars' ranges. */
static void
test_bars_sum_ranges (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) one = ds_meter_new_bars ("2/4", 8, 1, &error);
  g_autoptr (DsMeter) two = ds_meter_new_bars ("2/4", 8, 2, &error);
  DsNormaliseRange r1, r2;

  g_assert_true (ds_normalise_range (ds_measure_find ("lhl"), one, &r1, &error));
  g_assert_true (ds_normalise_range (ds_measure_find ("lhl"), two, &r2, &error));
  g_assert_cmpfloat (r2.max, ==, 2 * r1.max);
  g_assert_true (ds_normalise_range (ds_measure_find ("wnbd"), one, &r1, &error));
  g_assert_true (ds_normalise_range (ds_measure_find ("wnbd"), two, &r2, &error));
  g_assert_cmpfloat (r2.max, ==, r1.max);
}

static gboolean
range_is_exact (const char *measure, const char *signature, guint steps)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, 1, &error);
  DsNormaliseRange range;

  g_assert_no_error (error);
  g_assert_true (ds_normalise_range (ds_measure_find (measure), meter, &range, &error));
  g_assert_no_error (error);
  return range.exact;
}

/* Bars longer than 24 steps (the finer grids of `score --resolution 8`): a
 * bound that a pattern reaches is the exact maximum, up to 64 steps; a bound
 * no pattern reaches stands in for the maximum, flagged as not exact, and
 * values stay below 1. */
static void
test_long_bar_uses_bound (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("4/4", 32, 1, &error);
  DsNormaliseRange range;
  DsPattern pattern;
  double v;

  g_assert_true (range_is_exact ("lhl", "4/4", 32));
  g_assert_true (range_is_exact ("keith", "4/4", 32));
  g_assert_true (range_is_exact ("pressing", "4/4", 32));
  g_assert_true (range_is_exact ("wnbd", "4/4", 32));
  g_assert_true (range_is_exact ("sioros-guedes", "4/4", 32));
  g_assert_true (range_is_exact ("metrical", "4/4", 32));
  g_assert_true (range_is_exact ("lhl", "5/4", 40));
  g_assert_true (range_is_exact ("lhl", "4/4", 64));
  g_assert_false (range_is_exact ("shmulevich-povel", "4/4", 32));
  g_assert_false (range_is_exact ("wnbd", "7/8", 28));
  g_assert_false (range_is_exact ("lhl", "5/4", 80));
  g_assert_true (ds_normalise_range (ds_measure_find ("lhl"), meter, &range, &error));
  g_assert_cmpfloat (range.max, ==, 31);
  g_assert_true (ds_pattern_parse ("x.....x.....x.....x.....x.......", &pattern, &error));
  g_assert_true (ds_measure_normalised (ds_measure_find ("lhl"), &pattern, meter, &v, &error));
  g_assert_cmpfloat (v, >, 0.0);
  g_assert_cmpfloat (v, <, 1.0);
  g_assert_true (ds_pattern_parse (".x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x", &pattern, &error));
  g_assert_true (ds_measure_normalised (ds_measure_find ("shmulevich-povel"), &pattern, meter,
                                        &v, &error));
  g_assert_cmpfloat (v, <, 1.0);
}

/* The 24-step bars of 3/4 and 6/8 at 8 steps per quarter are enumerated when
 * no pattern reaches a bound: every range exact. */
static void
test_24_step_bars_are_exact (void)
{
  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const DsMeasureClass *m = ds_measure_nth (i);
      g_autoptr (DsMeter) meter = ds_meter_new_bars ("6/8", 24, 1, NULL);

      if (ds_measure_covers (m, meter, NULL) && !range_is_exact (m->name, "6/8", 24))
        g_error ("%s on 6/8 at 24 steps: the range is not exact", m->name);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/normalise/ranges-match-brute-force", test_ranges_match_brute_force);
  g_test_add_func ("/measure/normalise/enumeration-matches-brute-force",
                   test_enumeration_matches_brute_force);
  g_test_add_func ("/measure/normalise/bounds-hold-the-range", test_bounds_hold_the_range);
  g_test_add_func ("/measure/normalise/table-matches-values", test_table_matches_values);
  g_test_add_func ("/measure/normalise/bars-sum-ranges", test_bars_sum_ranges);
  g_test_add_func ("/measure/normalise/long-bar-uses-bound", test_long_bar_uses_bound);
  g_test_add_func ("/measure/normalise/24-step-bars-are-exact", test_24_step_bars_are_exact);
  return g_test_run ();
}
