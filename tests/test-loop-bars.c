/* test-loop-bars.c: a loop's bars onto a model's grid and the answer back. */
#include "autoconfig.h"

#include "midi/loop-bars.h"

#include <math.h>
#include <string.h>

/* Two 4/4 bars then a 7/8 bar at 4 steps per quarter: kick and snare. */
static DsLoop *
make_loop (void)
{
  g_autoptr (DsLoop) loop = ds_loop_new (4);
  DsSignature four, seven;
  const guint kick[] = { 0, 8, 16, 24, 28, 32, 40 }, snare[] = { 4, 12, 20, 29, 36 };

  g_assert_true (ds_meter_parse_signature ("4/4", &four, NULL));
  g_assert_true (ds_meter_parse_signature ("7/8", &seven, NULL));
  g_assert_true (ds_loop_add_bar (loop, &four, NULL));
  g_assert_true (ds_loop_add_bar (loop, &four, NULL));
  g_assert_true (ds_loop_add_bar (loop, &seven, NULL));
  g_assert_cmpint (ds_loop_add_voice (loop, "kick", 36, NULL), ==, 0);
  g_assert_cmpint (ds_loop_add_voice (loop, "snare", 38, NULL), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (kick); i++)
    {
      DsOnset onset = { kick[i], 0.1f, 90, 36, kick[i] == 16 };
      ds_loop_add_onset (loop, 0, &onset);
    }
  for (guint i = 0; i < G_N_ELEMENTS (snare); i++)
    {
      DsOnset onset = { snare[i], -0.2f, 70, 38, FALSE };
      ds_loop_add_onset (loop, 1, &onset);
    }
  return g_steal_pointer (&loop);
}

static void
assert_pattern (const DsPattern *p, const char *expected)
{
  g_autofree char *text = ds_pattern_to_string (p, 0);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_grid_is_most_common_bar (void)
{
  g_autoptr (DsLoop) loop = make_loop ();
  g_autoptr (DsMeter) meter = ds_loop_bars_grid_meter (loop, NULL);
  g_autofree char *name = ds_meter_to_string (meter);

  g_assert_cmpuint (ds_loop_bars_grid_length (loop), ==, 16);
  g_assert_cmpuint (ds_meter_length (meter), ==, 16);
  g_assert_cmpstr (name, ==, "4/4");
}

static void
test_bars_on_the_model_grid (void)
{
  const char *names[] = { "kick", "snare", "hat" };
  g_autoptr (DsLoop) loop = make_loop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsBars) bars = ds_loop_bars_new (loop, names, 3, 16, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bars->n_bars, ==, 3);
  assert_pattern (&ds_bars_get (bars, 0)[0], "x.......x.......");
  assert_pattern (&ds_bars_get (bars, 1)[0], "X.......x...x...");
  assert_pattern (&ds_bars_get (bars, 1)[1], "....x........x..");
  assert_pattern (&ds_bars_get (bars, 2)[2], "................");
  /* the 7/8 bar's 14 steps on 16: step k goes to round(16 k / 14) */
  assert_pattern (&ds_bars_get (bars, 2)[0], "x........x......");
  assert_pattern (&ds_bars_get (bars, 2)[1], ".....x..........");
  g_assert_cmpuint (bars->merged, ==, 0);
}

static void
test_answer_back_keeps_the_rest (void)
{
  const char *names[] = { "kick", "snare", "hat" };
  const gboolean replace[] = { FALSE, TRUE, TRUE };
  g_autoptr (DsLoop) loop = make_loop ();
  g_autoptr (DsBars) bars = ds_loop_bars_new (loop, names, 3, 16, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *kick = NULL, *snare = NULL, *hat = NULL;
  const DsOnset *onsets;
  guint n, merged = 99;

  /* the answer: snare adds step 6 in bar 1, hat plays eighths in every bar */
  ds_pattern_set (&ds_bars_get (bars, 0)[1], 6, TRUE);
  for (guint b = 0; b < 3; b++)
    for (guint k = 0; k < 16; k += 2)
      ds_pattern_set (&ds_bars_get (bars, b)[2], k, TRUE);
  g_assert_true (ds_loop_bars_write (bars, names, replace, loop, &merged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merged, ==, 0); /* 16 -> 14 steps: eighths land on distinct steps */
  kick = ds_loop_voice_to_string (loop, 0, TRUE);
  snare = ds_loop_voice_to_string (loop, 1, TRUE);
  hat = ds_loop_voice_to_string (loop, (guint) ds_loop_find_voice (loop, "hat"), TRUE);
  g_assert_cmpstr (kick, ==, "x.......x.......|X.......x...x...|x.......x.....");
  g_assert_cmpstr (snare, ==, "....x.x.....x...|....x........x..|....x.........");
  g_assert_cmpstr (hat, ==, "x.x.x.x.x.x.x.x.|x.x.x.x.x.x.x.x.|x.x.xx.x.x.xx.");
  /* onsets the loop played keep how they were played; new ones are marked unplayed */
  onsets = ds_loop_onsets (loop, 1, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (onsets[0].step, ==, 4);
  g_assert_cmpuint (onsets[0].velocity, ==, 70);
  g_assert_cmpuint (onsets[1].step, ==, 6);
  g_assert_true (isnan (onsets[1].offset));
  g_assert_cmpuint (onsets[1].velocity, ==, 0);
}

/* A part of the loop (its 7/8 bar, then its first) on a grid of its own, and
 * its answer written back to those bars alone. */
static void
test_pick_and_write_at (void)
{
  const char *names[] = { "kick", "snare" };
  const gboolean replace[] = { TRUE, TRUE };
  const guint at[] = { 2, 0 };
  g_autoptr (DsLoop) loop = make_loop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsBars) part = ds_loop_bars_pick (loop, names, 2, 14, at, 2, &error);
  g_autofree char *kick = NULL, *snare = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (part->n_bars, ==, 2);
  assert_pattern (&ds_bars_get (part, 0)[0], "x.......x.....");
  assert_pattern (&ds_bars_get (part, 0)[1], "....x.........");
  /* the 4/4 bar's 16 steps on 14: two onsets cannot merge here */
  assert_pattern (&ds_bars_get (part, 1)[0], "x......x......");
  g_assert_cmpuint (part->merged, ==, 0);
  /* the answer: the 7/8 bar's kick on every other step, bar 1's snare empty */
  for (guint k = 0; k < 14; k += 2)
    ds_pattern_set (&ds_bars_get (part, 0)[0], k, TRUE);
  ds_pattern_init (&ds_bars_get (part, 1)[1], 14);
  g_assert_true (ds_loop_bars_write_at (part, at, names, replace, loop, NULL, &error));
  g_assert_no_error (error);
  kick = ds_loop_voice_to_string (loop, 0, TRUE);
  snare = ds_loop_voice_to_string (loop, 1, TRUE);
  g_assert_cmpstr (kick, ==, "x.......x.......|X.......x...x...|x.x.x.x.x.x.x.");
  g_assert_cmpstr (snare, ==, "................|....x........x..|....x.........");
  /* an answer to a bar the loop does not have */
  g_assert_false (ds_loop_bars_write_at (part, (const guint[]) { 2, 3 }, names, replace, loop,
                                         NULL, &error));
  g_assert_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT);
}

static void
test_set_pattern_at_rejects_overrun (void)
{
  g_autoptr (DsLoop) loop = make_loop ();
  g_autoptr (GError) error = NULL;
  DsPattern p;

  ds_pattern_init (&p, 16);
  g_assert_false (ds_loop_set_pattern_at (loop, "kick", 32, &p, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "pass the loop's end"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loop-bars/grid-is-most-common-bar", test_grid_is_most_common_bar);
  g_test_add_func ("/loop-bars/bars-on-the-model-grid", test_bars_on_the_model_grid);
  g_test_add_func ("/loop-bars/answer-back-keeps-the-rest", test_answer_back_keeps_the_rest);
  g_test_add_func ("/loop-bars/pick-and-write-at", test_pick_and_write_at);
  g_test_add_func ("/loop-bars/set-pattern-at-rejects-overrun", test_set_pattern_at_rejects_overrun);
  return g_test_run ();
}
