/* test-anchors.c: a loop's anchors (src/rhythm/anchors.h) and the mix term
 * anchors(loop[, LEVEL]) on hand-worked grooves in 4/4, 3/4, 6/8, 5/4 and 7/8.
 *
 * The anchor steps of each meter come from its hierarchy (meter.h), worked
 * out here by hand: the beats are the steps at or above the beat level, the
 * pulse adds the level below it.  A voice's value is the share of the loop's
 * hits of that voice on those steps that the answer keeps (1 with none). */
#include "autoconfig.h"

#include <math.h>
#include <stdlib.h>

#include "midi/import.h"
#include "src/rhythm/anchors.h"
#include "src/stage/reward.h"

static const char *const names[] = { "kick", "snare", "hat" };

/* Asserts that the steps of LEVEL in N_BARS bars of SIGNATURE with STEPS steps
 * are exactly STEPS_LISTED (space-separated). */
static void
assert_mask (const char *signature, guint steps, guint n_bars, DsAnchorsLevel level,
             const char *listed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, n_bars, &error);
  g_auto (GStrv) items = g_strsplit (listed, " ", -1);
  uint64_t mask[DS_PATTERN_WORDS], expected[DS_PATTERN_WORDS] = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint k = (guint) atoi (items[i]);

      expected[k / 64] |= (uint64_t) 1 << (k % 64);
    }
  ds_anchors_mask (meter, level, mask);
  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    if (mask[w] != expected[w])
      g_error ("%s at %u steps, %s: word %u is %#" G_GINT64_MODIFIER "x, expected %#"
               G_GINT64_MODIFIER "x", signature, steps, ds_anchors_level_name (level), w,
               mask[w], expected[w]);
}

/* The value of VOICE's MIX on the stage ANSWER (kick, snare, hat) against the
 * loop LOOP, on one bar of SIGNATURE. */
static double
term (const char *signature, guint voice, const char *mix, const char *const *loop,
      const char *const *answer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsReward) reward = NULL;
  g_autoptr (DsMeter) meter = NULL;
  DsPattern l[3], a[3];
  double value, contribution;

  for (guint v = 0; v < 3; v++)
    {
      g_assert_true (ds_pattern_parse (loop[v], &l[v], &error));
      g_assert_true (ds_pattern_parse (answer[v], &a[v], &error));
    }
  meter = ds_meter_new_for_length (signature, l[0].length, &error);
  g_assert_no_error (error);
  reward = ds_reward_new (meter, names, 3, &error);
  g_assert_no_error (error);
  if (!ds_reward_set_mix (reward, voice, mix, "test", &error))
    g_error ("%s", error->message);
  g_assert_true (ds_reward_needs_loop (reward, voice));
  g_assert_true (ds_reward_term_value (reward, voice, 0, a, l, &value, &contribution));
  /* the compiled path and the exact value agree */
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, voice, a, l), value, 1e-12);
  return value;
}

/* 4/4 in 16 steps: the downbeat 0; beats 0 4 8 12; pulse the eighths.
 * A rock loop: kick 0 8 10, snare 4 12, hat on every eighth.
 * Kick anchors (beats): 0 and 8 (10 is the "and" of 3).  An answer kick
 *   2 8 keeps 8 only: 1/2; 0 6 8 keeps both: 1.  anchors(loop, bar): the
 *   downbeat 0 alone, lost by 2 8: 0.
 * Snare anchors: the backbeats 4 12; an answer 4 10 keeps 1/2.
 * Hat: on the beats 4 of its 8 hits are anchors, all kept by quarter notes
 *   0 4 8 12 (1); on the pulse all 8 are, of which quarters keep 4 (1/2). */
static void
test_four_four (void)
{
  const char *const loop[] = { "x.......x.x.....", "....x.......x...", "x.x.x.x.x.x.x.x." };
  const char *const a1[] = { "..x.....x.......", "....x.....x.....", "x...x...x...x..." };
  const char *const a2[] = { "x.....x.x.......", "....x.......x...", "x.x.x.x.x.x.x.x." };

  assert_mask ("4/4", 16, 1, DS_ANCHORS_BAR, "0");
  assert_mask ("4/4", 16, 1, DS_ANCHORS_BEAT, "0 4 8 12");
  assert_mask ("4/4", 16, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10 12 14");
  g_assert_cmpfloat (term ("4/4", 0, "anchors(loop)", loop, a1), ==, 0.5);
  g_assert_cmpfloat (term ("4/4", 0, "anchors(loop)", loop, a2), ==, 1.0);
  g_assert_cmpfloat (term ("4/4", 0, "anchors(loop, bar)", loop, a1), ==, 0.0);
  g_assert_cmpfloat (term ("4/4", 1, "anchors(loop)", loop, a1), ==, 0.5);
  g_assert_cmpfloat (term ("4/4", 1, "anchors(loop, beat)", loop, a2), ==, 1.0);
  g_assert_cmpfloat (term ("4/4", 2, "anchors(loop)", loop, a1), ==, 1.0);
  g_assert_cmpfloat (term ("4/4", 2, "anchors(loop, pulse)", loop, a1), ==, 0.5);
}

/* 4/4 at 8 steps per quarter (32 steps): beats 0 8 16 24, pulse every 4. */
static void
test_four_four_finer (void)
{
  assert_mask ("4/4", 32, 1, DS_ANCHORS_BEAT, "0 8 16 24");
  assert_mask ("4/4", 32, 1, DS_ANCHORS_PULSE, "0 4 8 12 16 20 24 28");
}

/* 3/4 in 12 steps: beats 0 4 8; pulse 0 2 4 6 8 10.
 * A waltz: kick 0, snare 4 8, hat every eighth.  An answer snare 4 9 keeps
 *   one of the two backbeats (1/2); kick 0 kept (1). */
static void
test_three_four (void)
{
  const char *const loop[] = { "x...........", "....x...x...", "x.x.x.x.x.x." };
  const char *const answer[] = { "x.....x.....", "....x....x..", "x...x...x..." };

  assert_mask ("3/4", 12, 1, DS_ANCHORS_BEAT, "0 4 8");
  assert_mask ("3/4", 12, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10");
  g_assert_cmpfloat (term ("3/4", 0, "anchors(loop)", loop, answer), ==, 1.0);
  g_assert_cmpfloat (term ("3/4", 1, "anchors(loop)", loop, answer), ==, 0.5);
  /* the hat's pulse: 0 4 8 of 0 2 4 6 8 10 */
  g_assert_cmpfloat (term ("3/4", 2, "anchors(loop, pulse)", loop, answer), ==, 0.5);
}

/* 6/8 in 12 steps: two dotted-quarter beats, 0 and 6; the pulse is the six
 * eighths 0 2 4 6 8 10.
 * A 6/8 groove: kick 0 8, snare 6, hat every eighth.  Kick anchors: 0 only (8
 *   is an eighth, not a beat): an answer kick 8 loses it (0), kick 0 keeps it
 *   (1).  Snare anchor 6: moved to 4, lost (0).
 * The same 12 steps in 3/4 put beats on 0 4 8: a snare on 4 and 8 is two
 *   anchors in 3/4 and none in 6/8 (nothing to keep: 1). */
static void
test_six_eight (void)
{
  const char *const loop[] = { "x.......x...", "......x.....", "x.x.x.x.x.x." };
  const char *const a1[] = { "........x...", "....x.......", "x.x.x.x.x.x." };
  const char *const a2[] = { "x...........", "......x.....", "x.....x....." };
  const char *const backbeat[] = { "x...........", "....x...x...", "x.x.x.x.x.x." };
  const char *const none[] = { "x...........", "............", "x.x.x.x.x.x." };

  assert_mask ("6/8", 12, 1, DS_ANCHORS_BAR, "0");
  assert_mask ("6/8", 12, 1, DS_ANCHORS_BEAT, "0 6");
  assert_mask ("6/8", 12, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10");
  g_assert_cmpfloat (term ("6/8", 0, "anchors(loop)", loop, a1), ==, 0.0);
  g_assert_cmpfloat (term ("6/8", 0, "anchors(loop)", loop, a2), ==, 1.0);
  g_assert_cmpfloat (term ("6/8", 1, "anchors(loop)", loop, a1), ==, 0.0);
  g_assert_cmpfloat (term ("6/8", 1, "anchors(loop)", loop, a2), ==, 1.0);
  /* a hat on the beats only keeps 2 of its 6 pulse hits */
  g_assert_cmpfloat_with_epsilon (term ("6/8", 2, "anchors(loop, pulse)", loop, a2), 1.0 / 3,
                                  1e-15);
  g_assert_cmpfloat (term ("3/4", 1, "anchors(loop)", backbeat, none), ==, 0.0);
  g_assert_cmpfloat (term ("6/8", 1, "anchors(loop)", backbeat, none), ==, 1.0);
}

/* 5/4 in 20 steps: beats 0 4 8 12 16.
 * Kick 0 6 8 16: anchors 0 8 16; an answer kick 0 8 keeps 2 of 3.
 * Snare 4 12 kept by the same snare: 1. */
static void
test_five_four (void)
{
  const char *const loop[] = { "x.....x.x.......x...", "....x.......x.......",
                               "x.x.x.x.x.x.x.x.x.x." };
  const char *const answer[] = { "x.......x...........", "....x.......x.......",
                                 "x.x.x.x.x.x.x.x.x.x." };

  assert_mask ("5/4", 20, 1, DS_ANCHORS_BEAT, "0 4 8 12 16");
  assert_mask ("5/4", 20, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10 12 14 16 18");
  g_assert_cmpfloat_with_epsilon (term ("5/4", 0, "anchors(loop)", loop, answer), 2.0 / 3,
                                  1e-15);
  g_assert_cmpfloat (term ("5/4", 1, "anchors(loop)", loop, answer), ==, 1.0);
}

/* 7/8 in 14 steps, grouped 2+2+3: three beats of unequal length, 0 4 8; the
 * pulse is the seven eighths.  As 3+2+2 the beats are 0 6 10.
 * Kick 0 8: both anchors in 2+2+3; an answer kick 0 10 keeps 1 of 2.  In
 * 3+2+2 only 0 is an anchor, and the same answer keeps it: 1. */
static void
test_seven_eight (void)
{
  const char *const loop[] = { "x.......x.....", "....x.........", "x.x.x.x.x.x.x." };
  const char *const answer[] = { "x.........x...", "....x.........", "x.x.x.x.x.x.x." };

  assert_mask ("7/8", 14, 1, DS_ANCHORS_BEAT, "0 4 8");
  assert_mask ("7/8:2+2+3", 14, 1, DS_ANCHORS_BEAT, "0 4 8");
  assert_mask ("7/8:3+2+2", 14, 1, DS_ANCHORS_BEAT, "0 6 10");
  assert_mask ("7/8", 14, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10 12");
  assert_mask ("7/8:3+2+2", 14, 1, DS_ANCHORS_PULSE, "0 2 4 6 8 10 12");
  g_assert_cmpfloat (term ("7/8", 0, "anchors(loop)", loop, answer), ==, 0.5);
  g_assert_cmpfloat (term ("7/8:3+2+2", 0, "anchors(loop)", loop, answer), ==, 1.0);
  g_assert_cmpfloat (term ("7/8", 1, "anchors(loop)", loop, answer), ==, 1.0);
}

/* Bars of different meters, each with its own beats: 5/4 (20 steps) then 7/8
 * (14): downbeats 0 and 20; beats 0 4 8 12 16, then 20 24 28. */
static void
test_changing_meter (void)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();
  DsSignature five, seven;
  uint64_t mask[DS_PATTERN_WORDS];

  g_assert_true (ds_meter_parse_signature ("5/4", &five, NULL));
  g_assert_true (ds_meter_parse_signature ("7/8", &seven, NULL));
  g_assert_true (ds_meter_add_bar (meter, &five, 20, NULL));
  g_assert_true (ds_meter_add_bar (meter, &seven, 14, NULL));
  ds_anchors_mask (meter, DS_ANCHORS_BAR, mask);
  g_assert_cmphex (mask[0], ==, (UINT64_C (1) << 0) | (UINT64_C (1) << 20));
  ds_anchors_mask (meter, DS_ANCHORS_BEAT, mask);
  for (guint k = 0; k < 34; k++)
    g_assert_cmpint ((mask[0] >> k) & 1, ==,
                     k < 20 ? k % 4 == 0 : (k == 20 || k == 24 || k == 28));
}

/* Five 4/4 bars (80 steps, two words): a kick on every downbeat is five
 * anchors; an answer that moves the fifth (step 64, in the second word) to
 * step 66 keeps 4 of 5. */
static void
test_two_words (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 80, &error);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);
  DsPattern loop[3], answer[3];

  g_assert_no_error (error);
  for (guint v = 0; v < 3; v++)
    {
      ds_pattern_init (&loop[v], 80);
      ds_pattern_init (&answer[v], 80);
    }
  for (guint b = 0; b < 5; b++)
    ds_pattern_set (&loop[0], 16 * b, TRUE);
  answer[0] = loop[0];
  ds_pattern_set (&answer[0], 64, FALSE);
  ds_pattern_set (&answer[0], 66, TRUE);
  g_assert_true (ds_reward_set_mix (reward, 0, "anchors(loop, bar)", "test", &error));
  g_assert_cmpfloat (ds_reward_score (reward, 0, answer, loop), ==, 0.8);
}

/* Without a loop the term drops out with its weight, as similarity(loop) does;
 * an answer that adds hits (on anchors of the loop or elsewhere) neither gains
 * nor loses; the term is of the kind the anchors knob scales. */
static void
test_needs_the_loop (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);
  DsPattern loop[3], answer[3];
  double value, contribution;

  g_assert_true (ds_pattern_parse ("x.......x.......", &loop[0], NULL));
  g_assert_true (ds_pattern_parse ("x...x...x...x..x", &answer[0], NULL));
  for (guint v = 1; v < 3; v++)
    {
      ds_pattern_init (&loop[v], 16);
      ds_pattern_init (&answer[v], 16);
    }
  g_assert_true (ds_reward_set_mix (reward, 0, "3 anchors(loop) + density", "test", &error));
  g_assert_true (ds_reward_needs_loop (reward, 0));
  g_assert_cmpfloat (ds_reward_score (reward, 0, answer, NULL), ==, 5.0 / 16);
  g_assert_false (ds_reward_term_value (reward, 0, 0, answer, NULL, &value, &contribution));
  g_assert_cmpfloat (ds_reward_score (reward, 0, answer, loop), ==, (3.0 + 5.0 / 16) / 4);
  /* the anchors knob turns this term and no other */
  g_assert_cmpint (ds_reward_term_kind (reward, 0, 0), ==, DS_REWARD_KIND_ANCHORS);
  g_assert_cmpint (ds_reward_term_kind (reward, 0, 1), ==, DS_REWARD_KIND_DENSITY);
  ds_reward_set_kind_scale (reward, 0, DS_REWARD_KIND_ANCHORS, 0.0);
  g_assert_cmpfloat (ds_reward_score (reward, 0, answer, loop), ==, 5.0 / 16);
  ds_reward_set_kind_scale (reward, 0, DS_REWARD_KIND_ANCHORS, 1.0 / 3);
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 0, answer, loop),
                                  (1.0 + 5.0 / 16) / 2, 1e-12);
}

/* The anchors of VOICE of the loop in examples/FILE on LEVEL, as a grid with
 * `|` between bars. */
static char *
loop_anchors (const char *file, const char *voice, DsAnchorsLevel level)
{
  g_autofree char *path = g_build_filename (DS_SRCDIR, "examples", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMeter) meter = NULL;
  uint64_t mask[DS_PATTERN_WORDS];
  guint starts[64];
  DsImportOptions options;
  DsVoices voices;
  DsPattern anchors;
  int v;

  ds_import_options_init (&options);
  loop = ds_midi_import_file (path, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ds_loop_get_voices (loop, &voices, &error));
  meter = ds_loop_get_meter (loop, &error);
  g_assert_no_error (error);
  v = ds_voices_find (&voices, voice);
  g_assert_cmpint (v, >=, 0);
  ds_anchors_mask (meter, level, mask);
  anchors = voices.patterns[v];
  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    {
      anchors.on[w] &= mask[w];
      anchors.accent[w] = 0;
    }
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    starts[b] = ds_meter_bar (meter, b)->start;
  return ds_pattern_to_string_bars (&anchors, starts, ds_meter_n_bars (meter));
}

/* On real loops a drummer's anchors: the bundled rock beat (examples/rock.mid,
 * 4/4: kick 1 and 3, snare 2 and 4, hat eighths) keeps all of them; the 5/4
 * then 7/8 loop (examples/five-seven.mid) has, in 5/4, the downbeat kick (its
 * kicks on the "and" of 3 and of 5 are not anchors) and the snare on 2 and 4;
 * in 7/8 (2+2+3) the kick on 1 and on the third beat, the snare on the
 * second.  The notes of the snare's fills (bar 2: 16 17 18 19; bar 4: 8 9)
 * that fall on a beat (16, 8) are anchors too: a hit on the beat is one, in
 * a fill or not. */
static void
test_real_loops (void)
{
  g_autofree char *rock_kick = loop_anchors ("rock.mid", "kick", DS_ANCHORS_BEAT);
  g_autofree char *rock_snare = loop_anchors ("rock.mid", "snare", DS_ANCHORS_BEAT);
  g_autofree char *rock_hat = loop_anchors ("rock.mid", "hat", DS_ANCHORS_PULSE);
  g_autofree char *odd_kick = loop_anchors ("five-seven.mid", "kick", DS_ANCHORS_BEAT);
  g_autofree char *odd_snare = loop_anchors ("five-seven.mid", "snare", DS_ANCHORS_BEAT);

  g_assert_cmpstr (rock_kick, ==, "x.......x.......|x.......x.......");
  g_assert_cmpstr (rock_snare, ==, "....x.......x...|....x.......x...");
  g_assert_cmpstr (rock_hat, ==, "x.x.x.x.x.x.x.x.|x.x.x.x.x.x.x.x.");
  g_assert_cmpstr (odd_kick, ==,
                   "x...................|x...................|x.......x.....|x.............");
  g_assert_cmpstr (odd_snare, ==,
                   "....x.......x.......|....x.......x...x...|....x.........|....x...x.....");
}

/* Bad terms say what they expected, naming the term. */
static void
test_parse_errors (void)
{
  static const struct {
    const char *mix, *message;
  } cases[] = {
    { "anchors", "test: term 'anchors': expected anchors(loop[, bar|beat|pulse]), e.g. "
                 "anchors(loop) or anchors(loop, pulse)" },
    { "anchors(kick)", "test: term 'anchors(kick)': expected anchors(loop[, bar|beat|pulse]), "
                       "e.g. anchors(loop) or anchors(loop, pulse)" },
    { "0.5 anchors(loop, half)", "test: term '0.5 anchors(loop, half)': 'half' is not a level "
                                 "of anchors: bar, beat or pulse" },
    { "anchors(loop, beat, 2)", "test: term 'anchors(loop, beat, 2)': expected "
                                "anchors(loop[, bar|beat|pulse]), e.g. anchors(loop) or "
                                "anchors(loop, pulse)" },
    { "anchor(loop)", "test: term 'anchor(loop)': 'anchor' is not a measure, relation or mix "
                      "term (did you mean 'anchors'?)" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) local = NULL;

      g_assert_false (ds_reward_set_mix (reward, 0, cases[i].mix, "test", &local));
      g_assert_nonnull (local);
      g_assert_cmpstr (local->message, ==, cases[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/anchors/4-4/downbeat-kick-backbeat-snare-hat-pulse", test_four_four);
  g_test_add_func ("/anchors/4-4/finer-grid", test_four_four_finer);
  g_test_add_func ("/anchors/3-4/waltz", test_three_four);
  g_test_add_func ("/anchors/6-8/two-dotted-quarter-beats", test_six_eight);
  g_test_add_func ("/anchors/5-4/five-beats", test_five_four);
  g_test_add_func ("/anchors/7-8/unequal-beats-by-grouping", test_seven_eight);
  g_test_add_func ("/anchors/changing-meter", test_changing_meter);
  g_test_add_func ("/anchors/grid-of-two-words", test_two_words);
  g_test_add_func ("/anchors/real-loops", test_real_loops);
  g_test_add_func ("/anchors/term/needs-the-loop", test_needs_the_loop);
  g_test_add_func ("/anchors/term/parse-errors", test_parse_errors);
  return g_test_run ();
}
