/* test-measure.c: the measures on hand-worked cases beyond the reference file
 * (5/4, 7/8 as 2+2+3, 9/8, several bars), empty and full patterns, and the
 * meters a definition does not cover. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/rhythm/measure.h"

static double
raw (const char *measure, const char *signature, guint steps, guint bars, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, bars, &error);
  DsPattern pattern;
  double value = NAN;

  g_assert_no_error (error);
  g_assert_true (ds_pattern_parse (text, &pattern, &error));
  g_assert_nonnull (ds_measure_find (measure));
  if (!ds_measure_raw (ds_measure_find (measure), &pattern, meter, &value, &error))
    g_error ("%s %s %s: %s", measure, signature, text, error->message);
  return value;
}

static void
assert_raw (const char *measure, const char *signature, guint steps, guint bars,
            const char *text, double expected)
{
  double value = raw (measure, signature, steps, bars, text);

  if (fabs (value - expected) > 1e-12)
    g_error ("%s %s %s: got %.17g, expected %.17g", measure, signature, text, value, expected);
}

/* Every measure is defined (a number, not NaN) on the empty and the full bar:
 * 0 for every syncopation or complexity of the empty bar; the full bar is
 * Pressing's "filled" prototype at each of its 4 levels of 2+ steps. */
static void
test_empty_and_full (void)
{
  const char *empty = "................", *full = "xxxxxxxxxxxxxxxx";

  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const char *name = ds_measure_name (ds_measure_nth (i));

      g_assert_false (isnan (raw (name, "4/4", 16, 1, empty)));
      g_assert_false (isnan (raw (name, "4/4", 16, 1, full)));
    }
  assert_raw ("lhl", "4/4", 16, 1, empty, 0);
  assert_raw ("lhl", "4/4", 16, 1, full, 0);
  assert_raw ("metrical", "4/4", 16, 1, full, 0);
  assert_raw ("pressing", "4/4", 16, 1, empty, 0);
  assert_raw ("pressing", "4/4", 16, 1, full, 4);
  assert_raw ("keith", "4/4", 16, 1, empty, 0);
  assert_raw ("keith", "4/4", 16, 1, full, 0);
  assert_raw ("wnbd", "4/4", 16, 1, empty, 0);
  assert_raw ("sioros-guedes", "4/4", 16, 1, empty, 0);
  assert_raw ("evenness", "4/4", 16, 1, empty, 0);
  assert_raw ("evenness", "4/4", 16, 1, full, 1);
  assert_raw ("off-beatness", "4/4", 16, 1, full, 8);
}

/* 5/4 in 20 steps: levels [5, 2, 2]: bar 0, beats 4 8 12 16 at 1, eighths at 2,
 * sixteenths at 3.  Onsets at 0 and 2: terminal nodes (the bar's last note
 * first) N-2 | N0 N-2 R-1 R-1 R-1 R-1; each beat rest pairs with the note at
 * step 2: 4 x (-1 - -2) = 4. */
static void
test_five_four (void)
{
  assert_raw ("lhl", "5/4", 20, 1, "x.x.................", 4);
  /* metrical: one onset, best weight 4 (bar), step 2 weighs 4 - 2 = 2 */
  assert_raw ("metrical", "5/4", 20, 1, "..x.................", 2);
  /* every beat: no syncopation */
  assert_raw ("metrical", "5/4", 20, 1, "x...x...x...x...x...", 0);
  assert_raw ("lhl", "5/4", 20, 1, "x...x...x...x...x...", 0);
  assert_raw ("wnbd", "5/4", 20, 1, "x...x...x...x...x...", 0);
  /* wnbd: the note at 6 is half a beat off and rests until 20, past the beat
   * at 8 and beyond the one at 12: 1 / 0.5 = 2, over 2 notes */
  assert_raw ("wnbd", "5/4", 20, 1, "x.....x.............", 1);
}

/* 7/8 as 2+2+3 in 14 steps: levels 0 3 2 3 1 3 2 3 1 3 2 3 2 3; beats at 0, 4, 8. */
static void
test_seven_eight (void)
{
  /* wnbd: the note at 6 lies mid-way in the beat [4, 8) (d = 2/4) and lasts
   * to 14, the beat after 8: 2 / 0.5 = 4; over 2 notes = 2 */
  assert_raw ("wnbd", "7/8:2+2+3", 14, 1, "x.....x.......", 2);
  /* the note at 10 lies in the long beat [8, 14): d = 2/6; it ends at 14, on
   * the next beat, not after it: 1 / (1/3) = 3; over 2 notes = 1.5 */
  assert_raw ("wnbd", "7/8:2+2+3", 14, 1, "x.........x...", 1.5);
  /* pressing: the bar x...x...x..... reduces (gcd 2) to x.x.x..: a run (2);
   * the three beats and the eighths are all null: 2 */
  assert_raw ("pressing", "7/8:2+2+3", 14, 1, "x...x...x.....", 2);
  /* metrical: onset at 2 (level 2, weight 2) against the best, the bar (4) */
  assert_raw ("metrical", "7/8:2+2+3", 14, 1, "..x...........", 2);
  /* lhl: onsets 0 and 6; nodes (the bar's last note first) N2 | N0 R1 N2 R1:
   * each beat rest pairs with the latest note of level >= 1, the eighth at 6
   * (2 - 1 each): 2 */
  assert_raw ("lhl", "7/8:2+2+3", 14, 1, "x.....x.......", 2);
  /* sioros-guedes: the grid of levels <= 2 is steps 0 2 4 6 8 10 12; the onset
   * at 6 (h = 2, potential 0.75) has silent beat neighbours 4 and 8 (h = 1,
   * factor 0.5 * 1/4 + 0.5 = 0.625): 0.625 * 0.75 */
  assert_raw ("sioros-guedes", "7/8:2+2+3", 14, 1, "x.....x.......", 0.46875);
  /* off-beatness: gcd(i, 14) = 1 for i = 1 3 5 9 11 13 */
  assert_raw ("off-beatness", "7/8:2+2+3", 14, 1, ".x.x.x.x.x.x.x", 6);
}

/* 9/8 (3+3+3) in 18 steps: levels 0 at 0, 1 at 6 12, 2 at the even steps, 3 at
 * the odd ones; Toussaint weights 4 - level. */
static void
test_nine_eight (void)
{
  /* metrical: 3 onsets at 0 5 11 weigh 4 + 1 + 1; the best 3 weigh 4 + 3 + 3 */
  assert_raw ("metrical", "9/8", 18, 1, "x....x.....x......", 4);
  /* off-beatness: 5 and 11 are prime to 18, 0 never counts */
  assert_raw ("off-beatness", "9/8", 18, 1, "x....x.....x......", 2);
  /* the three dotted-quarter beats: no syncopation anywhere */
  assert_raw ("lhl", "9/8", 18, 1, "x.....x.....x.....", 0);
  assert_raw ("sioros-guedes", "9/8", 18, 1, "x.....x.....x.....", 0);
  assert_raw ("evenness", "9/8", 18, 1, "x.....x.....x.....", 1);
}

/* Two copies of a bar loop as the bar loops: summed measures double, means stay. */
static void
test_bars_combine (void)
{
  const char *bar = "x..x..x...x.x...", *two = "x..x..x...x.x...x..x..x...x.x...";
  const char *summed[] = { "lhl", "metrical", "off-beatness", "keith", "pressing",
                           "sioros-guedes" };
  const char *means[] = { "wnbd", "evenness", "density" };

  for (guint i = 0; i < G_N_ELEMENTS (summed); i++)
    assert_raw (summed[i], "4/4", 16, 2, two, 2 * raw (summed[i], "4/4", 16, 1, bar));
  for (guint i = 0; i < G_N_ELEMENTS (means); i++)
    assert_raw (means[i], "4/4", 16, 2, two, raw (means[i], "4/4", 16, 1, bar));
  /* a bar's last note runs into the next bar: x....... then ....x... in 2/4 */
  assert_raw ("keith", "2/4", 8, 2, "x.......|....x...", raw ("keith", "2/4", 16, 1,
                                                               "x...........x..."));
}

/* Keith's durations are powers of 2: 3/4, and 4/4 in triplets, are errors. */
static void
test_keith_needs_powers_of_two (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("3/4", 12, 1, &error);
  g_autoptr (DsMeter) triplets = ds_meter_new_bars ("4/4", 12, 1, &error);
  DsPattern pattern;
  double value;

  g_assert_no_error (error);
  ds_pattern_init (&pattern, 12);
  g_assert_false (ds_measure_raw (ds_measure_find ("keith"), &pattern, meter, &value, &error));
  g_assert_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED);
  g_assert_nonnull (strstr (error->message, "3/4 bar of 12 steps"));
  g_clear_error (&error);
  g_assert_false (ds_measure_raw (ds_measure_find ("keith"), &pattern, triplets, &value,
                                  &error));
  g_assert_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED);
}

/* A meter of the wrong length is an error, not a number. */
static void
test_meter_length_mismatch (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("4/4", 16, 1, &error);
  DsPattern pattern;
  double value;

  ds_pattern_init (&pattern, 8);
  g_assert_false (ds_measure_raw (ds_measure_find ("lhl"), &pattern, meter, &value, &error));
  g_assert_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED);
}

/* The table names every measure of the design, and finds them by name. */
static void
test_table_names (void)
{
  const char *names[] = { "lhl", "metrical", "off-beatness", "keith", "pressing", "wnbd",
                          "sioros-guedes", "density", "evenness" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const DsMeasureClass *m = ds_measure_find (names[i]);

      g_assert_nonnull (m);
      g_assert_cmpstr (ds_measure_name (m), ==, names[i]);
      g_assert_nonnull (m->citation);
      g_assert_true ((m->bar != NULL) != (m->loop != NULL));
    }
  g_assert_null (ds_measure_find ("nonsense"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/empty-and-full-are-defined", test_empty_and_full);
  g_test_add_func ("/measure/meter/five-four", test_five_four);
  g_test_add_func ("/measure/meter/seven-eight-2-2-3", test_seven_eight);
  g_test_add_func ("/measure/meter/nine-eight", test_nine_eight);
  g_test_add_func ("/measure/bars/sum-or-mean", test_bars_combine);
  g_test_add_func ("/measure/keith/needs-powers-of-two", test_keith_needs_powers_of_two);
  g_test_add_func ("/measure/rejects-meter-of-other-length", test_meter_length_mismatch);
  g_test_add_func ("/measure/table/names", test_table_names);
  return g_test_run ();
}
