/* test-measure-finegrid.c: the measures on grids finer than 4 steps per quarter
 * note (`score --resolution 8`): one bar of 32 steps in 4/4, 24 in 3/4 and 6/8,
 * 16 in 2/4, 40 in 5/4, 28 in 7/8, 48 in 12/8, 32 in 8/8:3+3+2.
 *
 * The hierarchy of such a grid is the one of the grid at 4 steps per quarter
 * with one more level that splits every step in two (SynPy's subdivision
 * sequences continue with 2s: 4/4 = [1,2,2,2,2,2]).  Each grid's test first
 * works out the metrical weights per step (Toussaint's n_levels - level; the
 * Longuet-Higgins & Lee weight is that minus n_levels), then the raw values of
 * a few patterns by hand, following the definitions and conventions of
 * /work/shared/reference/MEASURES.md (looped bar) and of the implementations
 * the reference rows hold (lhl: each rest R(w) pairs with the nearest earlier
 * note N(v) that weighs no more than it, the previous bar's last note in front
 * of the bar, and adds w - v).  The patterns put a 32nd note just before a
 * strong beat, so that the new level is what they measure.
 *
 * Then every plain row of the reference file (tests/data/measures/
 * complexity.tsv), stretched to the finer grid (each step becomes a step and a
 * rest), must keep its value: a hierarchy that only adds a level below the
 * old steps leaves every measure of the coarse onsets as it was, except density
 * (halved) and off-beatness (Toussaint's gcd(i, n) = 1: no even step of the
 * finer cycle qualifies, so 0).
 */
#include "autoconfig.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/rhythm/measure.h"

/* A pattern of STEPS steps with onsets at the steps listed in ONSETS
 * (space-separated). */
static void
pattern_of (DsPattern *pattern, guint steps, const char *onsets)
{
  g_auto (GStrv) items = g_strsplit (onsets, " ", -1);

  ds_pattern_init (pattern, steps);
  for (guint i = 0; items[i] != NULL; i++)
    if (items[i][0] != '\0')
      ds_pattern_set (pattern, (guint) atoi (items[i]), TRUE);
}

/* Asserts the Toussaint weight of every step of one bar of SIGNATURE with
 * STEPS steps, and its Longuet-Higgins & Lee weight (weight - n_levels). */
static void
assert_weights (const char *signature, guint steps, const guint *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, 1, &error);
  guint top = expected[0];

  g_assert_no_error (error);
  g_assert_cmpuint (ds_meter_bar (meter, 0)->n_levels, ==, top);
  for (guint k = 0; k < steps; k++)
    {
      if (ds_meter_weight (meter, k) != expected[k])
        g_error ("%s at %u steps: step %u has weight %u, expected %u", signature, steps, k,
                 ds_meter_weight (meter, k), expected[k]);
      g_assert_cmpint (ds_meter_lhl_weight (meter, k), ==, (int) expected[k] - (int) top);
    }
}

/* Asserts MEASURE's raw value of the one-bar pattern ONSETS. */
static void
assert_raw (const char *measure, const char *signature, guint steps, const char *onsets,
            double expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, 1, &error);
  DsPattern pattern;
  double value;

  g_assert_no_error (error);
  pattern_of (&pattern, steps, onsets);
  if (!ds_measure_raw (ds_measure_find (measure), &pattern, meter, &value, &error))
    g_error ("%s on %s/%u {%s}: %s", measure, signature, steps, onsets, error->message);
  if (fabs (value - expected) > 1e-12)
    g_error ("%s on %s/%u {%s}: got %.17g, expected %.17g", measure, signature, steps,
             onsets, value, expected);
}

/* 4/4 at 32 steps, hierarchy [1,2,2,2,2,2] (bar, half, quarter, eighth,
 * sixteenth, 32nd), 6 levels:
 *   step 0: 6; 16: 5; 8, 24: 4; 4, 12, 20, 28: 3; the other even steps: 2;
 *   odd steps (32nds): 1.  Beats (quarters) every 8 steps.
 * {0, 8, 16, 24}, the quarters: every syncopation 0, metrical 0 (the 4 heaviest
 *   steps), evenness 1; pressing: bar level xxxx filled 1, half level x.x. ->
 *   xx filled 1 twice (mean 1), quarter, eighth, sixteenth levels only first
 *   elements (null, 0): 2.
 * {0, 15}, a 32nd before beat 3:
 *   metrical: the 2 heaviest weights 6 + 5 = 11, metricity 6 + 1 = 7: 4.
 *   lhl: the terminal nodes in time order, after the previous bar's last note
 *     N(-5)@15: [0,16) splits into [0,8) N(0) and [8,16) -> [8,12) R(-2),
 *     [12,14) R(-3), [14,15) R(-4), [15,16) N(-5); then [16,32) R(-1).
 *     R(-2), R(-3), R(-4) weigh less than N(0) and pair with the previous
 *     bar's N(-5): 3 + 2 + 1; R(-1)@16 pairs with N(-5)@15: 4.  lhl 10.
 *   off-beatness: gcd(15, 32) = 1: 1.
 *   wnbd: 15 lies 1 step (1/8 beat) before beat 16 and lasts to 32, past the
 *     beat after (24): 1/d = 8; 0 is on the beat; mean over 2 notes: 4.
 *   keith: note 0 lasts 15, D = 8, ends off 8: 1; note 15 lasts 17, D = 16,
 *     starts off 16: 2, ends at 32: 0.  keith 3.
 *   pressing: bar (32 elements) first on, last off: run 2; halves [0,16) first
 *     on, next half starts with a rest: run 2, [16,32) silent 0 (mean 1);
 *     quarters: [8,16) first off: syncopated 5, others 0 (mean 5/4); eighths:
 *     [12,16) 5 of 8 segments (5/8); sixteenths: [14,16) 5 of 16 (5/16).
 *     2 + 1 + 1.25 + 0.625 + 0.3125 = 5.1875.
 *   evenness: two onsets 0 and t of N: |1 + exp(2 pi i (t/N - 1/2))| / 2 =
 *     |cos(pi (t/N - 1/2))| = cos(pi/32). */
static void
test_four_four_32 (void)
{
  const guint w[32] = { 6, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1,
                        5, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1 };
  const char *quarters = "0 8 16 24", *pickup = "0 15";

  assert_weights ("4/4", 32, w);
  assert_raw ("metrical", "4/4", 32, quarters, 0);
  assert_raw ("lhl", "4/4", 32, quarters, 0);
  assert_raw ("wnbd", "4/4", 32, quarters, 0);
  assert_raw ("keith", "4/4", 32, quarters, 0);
  assert_raw ("pressing", "4/4", 32, quarters, 2);
  assert_raw ("evenness", "4/4", 32, quarters, 1);
  assert_raw ("metrical", "4/4", 32, pickup, 4);
  assert_raw ("lhl", "4/4", 32, pickup, 10);
  assert_raw ("off-beatness", "4/4", 32, pickup, 1);
  assert_raw ("wnbd", "4/4", 32, pickup, 4);
  assert_raw ("keith", "4/4", 32, pickup, 3);
  assert_raw ("pressing", "4/4", 32, pickup, 5.1875);
  assert_raw ("evenness", "4/4", 32, pickup, cos (G_PI / 32));
  assert_raw ("density", "4/4", 32, pickup, 2.0 / 32);
}

/* 2/4 at 16 steps, [1,2,2,2,2], 5 levels: 0: 5; 8: 4; 4, 12: 3; 2, 6, 10,
 * 14: 2; odd: 1.  Beats every 8 steps.
 * {0, 7}, a 32nd before beat 2:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,8) -> [0,4) N(0), [4,6) R(-2), [6,7) R(-3), [7,8) N(-4); [8,16)
 *     R(-1).  R(-2), R(-3) pair with the previous bar's N(-4)@7: 2 + 1;
 *     R(-1) with N(-4)@7: 3.  lhl 6.
 *   off-beatness: gcd(7, 16) = 1: 1.
 *   wnbd: 7 is 1/8 beat before 8 and lasts to 16, which is after the next
 *     beat (8) and no later than the one after (16): 2/d = 16; mean 8.
 *   keith: note 0 lasts 7, D = 4, ends off 4: 1; note 7 lasts 9, D = 8,
 *     starts off 8: 2.  keith 3.
 *   evenness: cos(pi (7/16 - 1/2)) = cos(pi/16). */
static void
test_two_four_16 (void)
{
  const guint w[16] = { 5, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1 };

  assert_weights ("2/4", 16, w);
  assert_raw ("metrical", "2/4", 16, "0 7", 3);
  assert_raw ("lhl", "2/4", 16, "0 7", 6);
  assert_raw ("off-beatness", "2/4", 16, "0 7", 1);
  assert_raw ("wnbd", "2/4", 16, "0 7", 8);
  assert_raw ("keith", "2/4", 16, "0 7", 3);
  assert_raw ("evenness", "2/4", 16, "0 7", cos (G_PI / 16));
  assert_raw ("lhl", "2/4", 16, "0 8", 0);
}

/* 3/4 at 24 steps, [1,3,2,2,2], 5 levels: 0: 5; 8, 16: 4; 4, 12, 20: 3;
 * the other even steps: 2; odd: 1.  Beats every 8 steps.
 * {0, 15}, a 32nd before beat 3:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,8) N(0); [8,16) -> [8,12) R(-1), [12,14) R(-2), [14,15) R(-3),
 *     [15,16) N(-4); [16,24) R(-1).  R(-1)@8, R(-2), R(-3) pair with the
 *     previous bar's N(-4): 3 + 2 + 1; R(-1)@16 with N(-4)@15: 3.  lhl 9.
 *   off-beatness: gcd(15, 24) = 3, not 1: 0 (the 24-step cycle's off-beats are
 *     1 5 7 11 13 17 19 23).
 *   wnbd: 15 is 1/8 beat before 16 and lasts to 24 (the beat after 16): 2/d =
 *     16; mean 8.
 *   evenness: cos(pi (15/24 - 1/2)) = cos(pi/8).
 * {0, 12}, the "and" of beat 2: metrical 5 + 4 - (5 + 3) = 1. */
static void
test_three_four_24 (void)
{
  const guint w[24] = { 5, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1,
                        3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1 };

  assert_weights ("3/4", 24, w);
  assert_raw ("metrical", "3/4", 24, "0 15", 3);
  assert_raw ("lhl", "3/4", 24, "0 15", 9);
  assert_raw ("off-beatness", "3/4", 24, "0 15", 0);
  assert_raw ("wnbd", "3/4", 24, "0 15", 8);
  assert_raw ("evenness", "3/4", 24, "0 15", cos (G_PI / 8));
  assert_raw ("metrical", "3/4", 24, "0 12", 1);
}

/* 6/8 at 24 steps, [1,2,3,2,2], 5 levels: 0: 5; 12: 4; 4, 8, 16, 20 (the
 * eighths): 3; the other even steps: 2; odd: 1.  Two dotted-quarter beats,
 * every 12 steps.
 * {0, 11}, a 32nd before beat 2:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,12) splits in 3: [0,4) N(0), [4,8) R(-2), [8,12) -> [8,10) R(-2),
 *     [10,11) R(-3), [11,12) N(-4); [12,24) R(-1).  R(-2), R(-2), R(-3) pair
 *     with the previous bar's N(-4): 2 + 2 + 1; R(-1) with N(-4)@11: 3.  lhl 8.
 *   off-beatness: gcd(11, 24) = 1: 1.
 *   wnbd: 11 is 1/12 beat before 12 and lasts to 24 (the beat after 12):
 *     2/d = 24; mean 12.
 *   evenness: cos(pi (11/24 - 1/2)) = cos(pi/24).
 * {0, 12}, both beats: metrical 0 (in 3/4 the same onsets give 1). */
static void
test_six_eight_24 (void)
{
  const guint w[24] = { 5, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1,
                        4, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1 };

  assert_weights ("6/8", 24, w);
  assert_raw ("metrical", "6/8", 24, "0 11", 3);
  assert_raw ("lhl", "6/8", 24, "0 11", 8);
  assert_raw ("off-beatness", "6/8", 24, "0 11", 1);
  assert_raw ("wnbd", "6/8", 24, "0 11", 12);
  assert_raw ("evenness", "6/8", 24, "0 11", cos (G_PI / 24));
  assert_raw ("metrical", "6/8", 24, "0 12", 0);
  assert_raw ("wnbd", "6/8", 24, "0 12", 0);
}

/* 5/4 at 40 steps, [1,5,2,2,2], 5 levels: 0: 5; 8, 16, 24, 32: 4; 4, 12, 20,
 * 28, 36: 3; the other even steps: 2; odd: 1.  Beats every 8 steps.
 * {0, 23}, a 32nd before beat 4:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,8) N(0), [8,16) R(-1), [16,24) -> [16,20) R(-1), [20,22) R(-2),
 *     [22,23) R(-3), [23,24) N(-4); [24,32) R(-1), [32,40) R(-1).  The rests
 *     before 23 pair with the previous bar's N(-4): 3 + 3 + 2 + 1; R(-1)@24
 *     and R(-1)@32 with N(-4)@23: 3 + 3.  lhl 15.
 *   off-beatness: gcd(23, 40) = 1: 1.
 *   wnbd: 23 is 1/8 beat before 24 and lasts to 40, past the beat after 24
 *     (32): 1/d = 8; mean 4.
 *   evenness: cos(pi (23/40 - 1/2)) = cos(3 pi/40). */
static void
test_five_four_40 (void)
{
  guint w[40];

  for (guint k = 0; k < 40; k++)
    w[k] = k == 0 ? 5 : k % 8 == 0 ? 4 : k % 4 == 0 ? 3 : k % 2 == 0 ? 2 : 1;
  assert_weights ("5/4", 40, w);
  assert_raw ("metrical", "5/4", 40, "0 23", 3);
  assert_raw ("lhl", "5/4", 40, "0 23", 15);
  assert_raw ("off-beatness", "5/4", 40, "0 23", 1);
  assert_raw ("wnbd", "5/4", 40, "0 23", 4);
  assert_raw ("evenness", "5/4", 40, "0 23", cos (3 * G_PI / 40));
}

/* 7/8 (2+2+3) at 28 steps: beats at 0, 8, 16 (8, 8 and 12 steps long), then
 * eighths, sixteenths, 32nds; 5 levels: 0: 5; 8, 16: 4; 4, 12, 20, 24: 3; the
 * other even steps: 2; odd: 1.
 * {0, 8, 16}, the three beats: lhl 0 (three note nodes, no rest), wnbd 0;
 *   evenness: angles 2 pi (t/28 - k/3) = 0, -2 pi/21, -4 pi/21, so
 *   |1 + e^(-2 pi i/21) + e^(-4 pi i/21)| / 3 = (1 + 2 cos(2 pi/21)) / 3.
 * {0, 15}, a 32nd before beat 3:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,8) N(0); [8,16) -> [8,12) R(-1), [12,14) R(-2), [14,15) R(-3),
 *     [15,16) N(-4); [16,28) R(-1).  The rests before 15 pair with the
 *     previous bar's N(-4): 3 + 2 + 1; R(-1)@16 with N(-4)@15: 3.  lhl 9.
 *   off-beatness: gcd(15, 28) = 1: 1.
 *   wnbd: 15 is 1 step of the 8-step beat before 16 (d = 1/8) and lasts to 28,
 *     the end of the next (12-step) beat: 2/d = 16; mean 8.
 *   evenness: cos(pi (15/28 - 1/2)) = cos(pi/28). */
static void
test_seven_eight_28 (void)
{
  const guint w[28] = { 5, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1,
                        2, 1, 4, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1 };

  assert_weights ("7/8", 28, w);
  assert_weights ("7/8:2+2+3", 28, w);
  assert_raw ("lhl", "7/8", 28, "0 8 16", 0);
  assert_raw ("wnbd", "7/8", 28, "0 8 16", 0);
  assert_raw ("evenness", "7/8", 28, "0 8 16", (1 + 2 * cos (2 * G_PI / 21)) / 3);
  assert_raw ("metrical", "7/8", 28, "0 15", 3);
  assert_raw ("lhl", "7/8", 28, "0 15", 9);
  assert_raw ("off-beatness", "7/8", 28, "0 15", 1);
  assert_raw ("wnbd", "7/8", 28, "0 15", 8);
  assert_raw ("evenness", "7/8", 28, "0 15", cos (G_PI / 28));
}

/* 12/8 at 48 steps, [1,2,2,3,2,2], 6 levels: 0: 6; 24: 5; 12, 36 (the
 * dotted-quarter beats): 4; the other multiples of 4 (eighths): 3; the other
 * even steps: 2; odd: 1.
 * {0, 35}, a 32nd before beat 4:
 *   metrical: 6 + 5 - (6 + 1) = 4.
 *   lhl: [0,24) N(0); [24,48) -> [24,36) -> [24,28) R(-1), [28,32) R(-3),
 *     [32,34) R(-3), [34,35) R(-4), [35,36) N(-5); [36,48) R(-2).  The rests
 *     before 35 pair with the previous bar's N(-5): 4 + 2 + 2 + 1; R(-2)@36
 *     with N(-5)@35: 3.  lhl 12.
 *   off-beatness: gcd(35, 48) = 1: 1.
 *   wnbd: 35 is 1/12 beat before 36 and lasts to 48 (the beat after 36): 2/d
 *     = 24; mean 12.
 *   evenness: cos(pi (35/48 - 1/2)) = cos(11 pi/48). */
static void
test_twelve_eight_48 (void)
{
  guint w[48];

  for (guint k = 0; k < 48; k++)
    w[k] = k == 0 ? 6 : k == 24 ? 5 : k % 12 == 0 ? 4 : k % 4 == 0 ? 3 : k % 2 == 0 ? 2 : 1;
  assert_weights ("12/8", 48, w);
  assert_raw ("metrical", "12/8", 48, "0 35", 4);
  assert_raw ("lhl", "12/8", 48, "0 35", 12);
  assert_raw ("off-beatness", "12/8", 48, "0 35", 1);
  assert_raw ("wnbd", "12/8", 48, "0 35", 12);
  assert_raw ("evenness", "12/8", 48, "0 35", cos (11 * G_PI / 48));
}

/* 8/8 as 3+3+2 at 32 steps: beats at 0, 12, 24 (12, 12 and 8 steps long);
 * 5 levels: 0: 5; 12, 24: 4; 4, 8, 16, 20, 28 (eighths): 3; the other even
 * steps: 2; odd: 1.
 * {0, 12, 24}, the beats: evenness: angles 0, 2 pi (12/32 - 1/3) = pi/12,
 *   2 pi (24/32 - 2/3) = pi/6: (1 + 2 cos(pi/12)) / 3; wnbd 0.
 * {0, 23}, a 32nd before beat 3:
 *   metrical: 5 + 4 - (5 + 1) = 3.
 *   lhl: [0,12) N(0); [12,24) -> [12,16) R(-1), [16,20) R(-2), [20,22) R(-2),
 *     [22,23) R(-3), [23,24) N(-4); [24,32) R(-1).  The rests before 23 pair
 *     with the previous bar's N(-4): 3 + 2 + 2 + 1; R(-1)@24 with N(-4)@23: 3.
 *     lhl 11.
 *   off-beatness: gcd(23, 32) = 1: 1.
 *   wnbd: 23 is 1/12 beat before 24 and lasts to 32 (the beat after 24): 2/d
 *     = 24; mean 12.
 *   keith: note 0 lasts 23, D = 16, ends off 16: 1; note 23 lasts 9, D = 8,
 *     starts off 8: 2.  keith 3.
 *   evenness: cos(pi (23/32 - 1/2)) = cos(7 pi/32). */
static void
test_eight_eight_32 (void)
{
  const guint w[32] = { 5, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1,
                        3, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1 };

  assert_weights ("8/8:3+3+2", 32, w);
  assert_raw ("evenness", "8/8:3+3+2", 32, "0 12 24", (1 + 2 * cos (G_PI / 12)) / 3);
  assert_raw ("wnbd", "8/8:3+3+2", 32, "0 12 24", 0);
  assert_raw ("metrical", "8/8:3+3+2", 32, "0 23", 3);
  assert_raw ("lhl", "8/8:3+3+2", 32, "0 23", 11);
  assert_raw ("off-beatness", "8/8:3+3+2", 32, "0 23", 1);
  assert_raw ("wnbd", "8/8:3+3+2", 32, "0 23", 12);
  assert_raw ("keith", "8/8:3+3+2", 32, "0 23", 3);
  assert_raw ("evenness", "8/8:3+3+2", 32, "0 23", cos (7 * G_PI / 32));
}

/* A triplet grid halved: 4/4 at 6 steps per quarter (24 steps) is the grid of
 * 3 per quarter with every step split in two, [1,2,2,3,2], not [1,2,2,2,3]:
 * 0: 5; 12: 4; 6, 18 (quarters): 3; the triplet eighths (the other even
 * steps): 2; the odd steps, the straight eighth 3 among them: 1. */
static void
test_triplets_halved (void)
{
  guint w[24];

  for (guint k = 0; k < 24; k++)
    w[k] = k == 0 ? 5 : k == 12 ? 4 : k % 6 == 0 ? 3 : k % 2 == 0 ? 2 : 1;
  assert_weights ("4/4", 24, w);
}

/* Every plain row of the reference file, stretched to twice its steps. */
static void
test_stretched_reference_rows (void)
{
  g_autofree char *path = g_build_filename (DS_SRCDIR, "tests", "data", "measures",
                                            "complexity.tsv", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      g_autoptr (DsMeter) meter = NULL;
      const DsMeasureClass *measure;
      guint steps;
      DsPattern pattern;
      double expected, value;

      if (lines[i][0] == '\0' || strchr (f[0], '~') != NULL)
        continue;
      measure = ds_measure_find (f[0]);
      g_assert_nonnull (measure);
      steps = 2 * (guint) atoi (f[2]);
      meter = ds_meter_new_bars (f[1], steps, 1, &error);
      g_assert_no_error (error);
      ds_pattern_init (&pattern, steps);
      for (guint k = 0; f[3][k] != '\0'; k++)
        if (f[3][k] == 'x')
          ds_pattern_set (&pattern, 2 * k, TRUE);
      expected = g_ascii_strtod (f[4], NULL);
      if (strcmp (f[0], "density") == 0)
        expected /= 2;
      else if (strcmp (f[0], "off-beatness") == 0)
        expected = 0;
      if (!ds_measure_raw (measure, &pattern, meter, &value, &error))
        g_error ("line %u: %s %s at %u steps: %s", i + 1, f[0], f[1], steps, error->message);
      if (fabs (value - expected) > (measure->integer ? 1e-9 : 1e-6))
        g_error ("line %u: %s %s %s stretched to %u steps: %.17g, the reference %s", i + 1,
                 f[0], f[1], f[3], steps, value, f[4]);
      checked++;
    }
  g_test_message ("%u stretched rows checked", checked);
  g_assert_cmpuint (checked, >, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/finer-grid/4-4-at-32", test_four_four_32);
  g_test_add_func ("/measure/finer-grid/2-4-at-16", test_two_four_16);
  g_test_add_func ("/measure/finer-grid/3-4-at-24", test_three_four_24);
  g_test_add_func ("/measure/finer-grid/6-8-at-24", test_six_eight_24);
  g_test_add_func ("/measure/finer-grid/5-4-at-40", test_five_four_40);
  g_test_add_func ("/measure/finer-grid/7-8-at-28", test_seven_eight_28);
  g_test_add_func ("/measure/finer-grid/12-8-at-48", test_twelve_eight_48);
  g_test_add_func ("/measure/finer-grid/8-8-3-3-2-at-32", test_eight_eight_32);
  g_test_add_func ("/measure/finer-grid/triplets-halved", test_triplets_halved);
  g_test_add_func ("/measure/finer-grid/stretched-reference-rows",
                   test_stretched_reference_rows);
  return g_test_run ();
}
