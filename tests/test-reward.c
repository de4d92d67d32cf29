/* test-reward.c: reward mixes: parsing (and its error messages), scores worked
 * by hand, terms on the user's loop, the config file and the default mixes. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/rhythm/measure.h"
#include "src/stage/reward.h"

static const char *const names[] = { "kick", "snare", "hat" };

static DsReward *
new_reward (guint length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", length, &error);
  DsReward *reward;

  g_assert_no_error (error);
  reward = ds_reward_new (meter, names, 3, &error);
  g_assert_no_error (error);
  return reward;
}

static void
stage (DsPattern *patterns, const char *kick, const char *snare, const char *hat)
{
  g_assert_true (ds_pattern_parse (kick, &patterns[0], NULL));
  g_assert_true (ds_pattern_parse (snare, &patterns[1], NULL));
  g_assert_true (ds_pattern_parse (hat, &patterns[2], NULL));
}

/* The design's example, worked by hand on a 16-step stage. */
static void
test_score_by_hand (void)
{
  g_autoptr (DsReward) reward = new_reward (16);
  g_autoptr (GError) error = NULL;
  DsPattern p[3];
  double lhl, expected;

  stage (p, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.");
  g_assert_true (ds_reward_set_mix (reward, 1, "0.5 anti-coincidence(kick) + "
                                    "0.3 target(lhl, 0.4) + 0.2 density-target(0.25)",
                                    "test", &error));
  g_assert_no_error (error);
  g_assert_true (ds_measure_normalised (ds_measure_find ("lhl"), &p[1], NULL, &lhl, &error));
  /* anti-coincidence: 2 of 16 steps differ; density 2/16 */
  expected = 0.5 * (2.0 / 16) + 0.3 * (1 - fabs (lhl - 0.4)) + 0.2 * (1 - fabs (0.125 - 0.25));
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, NULL), expected, 1e-6);
  g_assert_cmpstr (ds_reward_mix_text (reward, 1), ==,
                   "0.5 anti-coincidence(kick) + 0.3 target(lhl, 0.4) + "
                   "0.2 density-target(0.25)");
  g_assert_cmpuint (ds_reward_n_terms (reward, 1), ==, 3);
  g_assert_false (ds_reward_has_mix (reward, 0));
  g_assert_cmpfloat (ds_reward_score (reward, 0, p, NULL), ==, 0.0);
}

/* Weights need not sum to 1: the score is divided by their sum; no weight is 1. */
static void
test_weights_are_divided_by_their_sum (void)
{
  g_autoptr (DsReward) reward = new_reward (16);
  DsPattern p[3];

  stage (p, "x...x...x...x...", ".x.x.x.x.x.x.x.x", "................");
  g_assert_true (ds_reward_set_mix (reward, 1, "2 anti-coincidence(kick) + 2 * density",
                                    "test", NULL));
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, NULL), (12.0 / 16 + 0.5) / 2,
                                  1e-6);
  g_assert_true (ds_reward_set_mix (reward, 1, "similarity(kick) + interlock(kick)", "test",
                                    NULL));
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, NULL), (4.0 / 16 + 1.0) / 2,
                                  1e-6);
}

/* similarity(loop) is the same voice of the loop; loop.VOICE another one; without
 * a loop those terms drop out with their weights. */
static void
test_loop_terms (void)
{
  g_autoptr (DsReward) reward = new_reward (16);
  g_autoptr (GError) error = NULL;
  DsPattern p[3], loop[3];
  double value, contribution;

  stage (p, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.");
  stage (loop, "x.......x.......", "....x.......x...", "xxxxxxxxxxxxxxxx");
  g_assert_true (ds_reward_set_mix (reward, 1, "0.5 similarity(loop) + 0.5 density-target(0.125)",
                                    "test", &error));
  g_assert_true (ds_reward_needs_loop (reward, 1));
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, loop), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, NULL), 1.0, 1e-9);
  g_assert_false (ds_reward_term_value (reward, 1, 0, p, NULL, &value, &contribution));
  /* without a loop, the other terms' contributions make the score (their weights
   * less the loop terms', kept with the mix rather than summed again per term) */
  g_assert_true (ds_reward_set_mix (reward, 1, "0.5 similarity(loop) + 0.3 density-target(0.5) "
                                    "+ 0.2 coincidence(loop.hat) + 0.2 density", "test", &error));
  {
    double sum = 0.0;

    for (guint t = 1; t < 4; t += 2)
      {
        g_assert_true (ds_reward_term_value (reward, 1, t, p, NULL, &value, &contribution));
        sum += contribution;
      }
    g_assert_true (ds_reward_term_value (reward, 1, 1, p, NULL, &value, &contribution));
    g_assert_cmpfloat_with_epsilon (contribution, 0.3 * (1 - fabs (2.0 / 16 - 0.5)) / 0.5, 1e-12);
    g_assert_cmpfloat_with_epsilon (sum, ds_reward_score (reward, 1, p, NULL), 1e-12);
  }
  g_assert_true (ds_reward_set_mix (reward, 1, "similarity(loop.kick) + coincidence(loop.hat)",
                                    "test", &error));
  /* snare against the loop's kick: differ at 0, 4, 8, 12 (of 16); its onsets all
   * on the hat */
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, loop),
                                  ((1 - 4.0 / 16) + 1.0) / 2, 1e-6);
  g_assert_true (ds_reward_term_value (reward, 1, 0, p, loop, &value, &contribution));
  g_assert_cmpfloat_with_epsilon (value, 12.0 / 16, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution, 12.0 / 32, 1e-12);
}

/* Every parse error names where, the term and what was expected. */
static void
test_parse_errors (void)
{
  static const struct {
    const char *mix, *expected;
  } cases[] = {
    { "0.5 anti-coincidence(kick) + 0.3 targt(lhl, 0.4)",
      "swarm.conf:7: term '0.3 targt(lhl, 0.4)': 'targt' is not a measure, relation or mix "
      "term (did you mean 'target'?)" },
    { "target(lhl)", "swarm.conf:7: term 'target(lhl)': expected target(MEASURE or RELATION, "
      "VALUE), e.g. target(lhl, 0.4)" },
    { "target(lhl, 1.5)", "swarm.conf:7: term 'target(lhl, 1.5)': expected a target value "
      "between 0 and 1, got '1.5'" },
    { "density-target(x)", "swarm.conf:7: term 'density-target(x)': expected a target density "
      "between 0 and 1, got 'x'" },
    { "anti-coincidence(ride)", "swarm.conf:7: term 'anti-coincidence(ride)': "
      "anti-coincidence needs a voice of the stage (kick, snare, hat), 'loop' or 'loop.VOICE', "
      "not 'ride'" },
    { "anti-coincidence(snare)", "swarm.conf:7: term 'anti-coincidence(snare)': "
      "anti-coincidence relates a voice to another; 'snare' is the voice itself" },
    { "anti-coincidence", "swarm.conf:7: term 'anti-coincidence': expected "
      "anti-coincidence(VOICE), e.g. anti-coincidence(kick)" },
    { "lhl(kick)", "swarm.conf:7: term 'lhl(kick)': lhl is a measure of the voice itself and "
      "takes no arguments" },
    { "0.5 lhl +", "swarm.conf:7: term '0.5 lhl +': expected a term between the '+' signs" },
    { "", "swarm.conf:7: term '': expected at least one term, e.g. 0.5 anti-coincidence(kick)" },
    { "-1 lhl", "swarm.conf:7: term '-1 lhl': expected a positive weight before the term" },
    { "0.5 lhl(", "swarm.conf:7: term '0.5 lhl(': expected ')' to close 'lhl('" },
    { "0.5 lhl x", "swarm.conf:7: term '0.5 lhl x': expected '(' or the end after 'lhl', "
      "got 'x'" },
    { "echo(kick, 99)", "swarm.conf:7: term 'echo(kick, 99)': echo: expected a LAG of 0 to 15 "
      "steps, got '99'" },
    { "target(target(lhl, 0.2), 0.3)", "swarm.conf:7: term 'target(target(lhl, 0.2), 0.3)': "
      "a target cannot hold another target" },
    { "keith", NULL },
  };
  g_autoptr (DsReward) reward = new_reward (16);

  g_assert_true (ds_reward_set_mix (reward, 1, "lhl", "swarm.conf:7", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = ds_reward_set_mix (reward, 1, cases[i].mix, "swarm.conf:7", &error);

      if (cases[i].expected == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].expected);
      g_assert_cmpstr (ds_reward_mix_text (reward, 1), ==, "1 lhl"); /* kept */
    }
}

/* A measure that does not cover the meter fails when the mix is set. */
static void
test_undefined_measure_fails_early (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("3/4", 12, &error);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);

  g_assert_false (ds_reward_set_mix (reward, 0, "target(keith, 0.2)", "--reward", &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_UNDEFINED);
  g_assert_true (g_str_has_prefix (error->message, "--reward: term 'target(keith, 0.2)': keith"));
}

/* [voice] reward = ... in the config; errors name the file and line. */
static void
test_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsReward) reward = new_reward (16);
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[snare]\nreward = 0.5 anti-coincidence(kick) + 0.5 lhl\n\n[hat]\nreward = evenness\n",
      "swarm.conf", &error);
  g_autoptr (DsConfig) bad = ds_config_load_data (
      "[kick]\n# the kick\nreward = 0.5 lhl + 0.5 nonsense\n", "bad.conf", &error);

  g_assert_no_error (error);
  g_assert_true (ds_reward_load_config (reward, config, &error));
  g_assert_no_error (error);
  g_assert_false (ds_reward_has_mix (reward, 0));
  g_assert_cmpstr (ds_reward_mix_text (reward, 1), ==, "0.5 anti-coincidence(kick) + 0.5 lhl");
  g_assert_cmpstr (ds_reward_mix_text (reward, 2), ==, "1 evenness");
  g_assert_false (ds_reward_load_config (reward, bad, &error));
  g_assert_true (g_str_has_prefix (error->message, "bad.conf:3: term '0.5 nonsense': "));
}

/* Default mixes parse for every voice name, name only voices on the stage and
 * pair similarity to the loop (held at a target, or itself for the sparse tom
 * and crash) with targets. */
static void
test_default_mixes (void)
{
  const char *voices[] = { "kick", "snare", "hat", "tom", "crash", "ride", "cowbell" };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsReward) alone = NULL;
  g_autofree char *kick_alone = NULL;
  g_autoptr (DsReward) reward = ds_reward_new (meter, voices, G_N_ELEMENTS (voices), &error);
  const char *kick[] = { "kick" };

  g_assert_no_error (error);
  for (guint v = 0; v < G_N_ELEMENTS (voices); v++)
    {
      g_autofree char *mix = ds_reward_default_mix (voices[v], voices, G_N_ELEMENTS (voices));

      if (!ds_reward_set_mix (reward, v, mix, "default", &error))
        g_error ("%s: %s", voices[v], error->message);
      g_assert_nonnull (strstr (mix, "similarity(loop)"));
      g_assert_true (ds_reward_needs_loop (reward, v));
    }
  kick_alone = ds_reward_default_mix ("kick", kick, 1);
  g_assert_null (strstr (kick_alone, "snare"));
  alone = ds_reward_new (meter, kick, 1, &error);
  g_assert_true (ds_reward_set_mix (alone, 0, kick_alone, "default", &error));
}

/* Bad stages: duplicate or invalid voice names. */
static void
test_bad_voices (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  const char *twice[] = { "kick", "kick" }, *loop[] = { "loop" };

  g_assert_null (ds_reward_new (meter, twice, 2, &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES);
  g_clear_error (&error);
  g_assert_null (ds_reward_new (meter, loop, 1, &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES);
}

/* Every fast path (whole-grid tables at 16 steps, one bar's tables on equal
 * short bars, lhl's tables by the previous bar, computed measures on long
 * bars) agrees with the exact values of the terms. */
static void
test_fast_paths_agree (void)
{
  static const struct {
    const char *signature;
    guint steps, bars;
  } grids[] = { { "4/4", 16, 1 }, { "4/4", 16, 4 }, { "7/8", 14, 2 }, { "12/8", 24, 2 },
                { "4/4", 32, 1 }, { "6/8", 24, 1 }, { "4/4", 32, 3 } };

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = ds_meter_new_bars (grids[g].signature, grids[g].steps,
                                                     grids[g].bars, &error);
      g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);
      guint length = ds_meter_length (meter);
      DsPattern p[3], loop[3];
      GRand *rand = g_rand_new_with_seed (7);

      g_assert_no_error (error);
      g_assert_true (ds_reward_set_mix (reward, 2, "target(lhl, 0.3) + evenness + metrical + "
                                        "echo(kick, 2) + union(snare, metrical) + "
                                        "density-ratio(kick, 2) + interlock(snare) + "
                                        "target(sioros-guedes, 0.2) + density + "
                                        "anchors(loop, pulse) + similarity(loop)", "t",
                                        &error));
      g_assert_no_error (error);
      for (guint i = 0; i < 200; i++)
        {
          double sum = 0.0;

          for (guint v = 0; v < 3; v++)
            {
              ds_pattern_init (&p[v], length);
              ds_pattern_init (&loop[v], length);
              for (guint k = 0; k < length; k++)
                {
                  ds_pattern_set (&p[v], k, g_rand_int_range (rand, 0, 3) == 0);
                  ds_pattern_set (&loop[v], k, g_rand_int_range (rand, 0, 3) == 0);
                }
            }
          for (guint t = 0; t < ds_reward_n_terms (reward, 2); t++)
            {
              double value, contribution;

              g_assert_true (ds_reward_term_value (reward, 2, t, p, loop, &value,
                                                   &contribution));
              sum += contribution;
            }
          g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 2, p, loop), sum, 1e-6);
        }
      g_rand_free (rand);
    }
}

/* Scoring from several threads at once gives the sequential scores. */
static void
test_threads_agree (void)
{
  g_autoptr (DsReward) reward = new_reward (16);
  DsPattern p[256][3];
  double seq[256][3], par[256][3];
  GRand *rand = g_rand_new_with_seed (11);

  for (guint v = 0; v < 3; v++)
    {
      g_autofree char *mix = ds_reward_default_mix (names[v], names, 3);

      g_assert_true (ds_reward_set_mix (reward, v, mix, "default", NULL));
    }
  for (guint s = 0; s < 256; s++)
    for (guint v = 0; v < 3; v++)
      {
        ds_pattern_init (&p[s][v], 16);
        for (guint k = 0; k < 16; k++)
          ds_pattern_set (&p[s][v], k, g_rand_int_range (rand, 0, 3) == 0);
      }
  g_rand_free (rand);
  for (guint s = 0; s < 256; s++)
    for (guint v = 0; v < 3; v++)
      seq[s][v] = ds_reward_score (reward, v, p[s], p[0]);
#pragma omp parallel for num_threads(4) schedule(dynamic, 1)
  for (guint s = 0; s < 256; s++)
    for (guint v = 0; v < 3; v++)
      par[s][v] = ds_reward_score (reward, v, p[s], p[0]);
  for (guint s = 0; s < 256; s++)
    for (guint v = 0; v < 3; v++)
      g_assert_cmpfloat (par[s][v], ==, seq[s][v]);
}

/* Every term has a kind that a knob turns: the loop, complexity, density,
 * interplay with another voice; scaling a kind scales its terms' weights. */
static void
test_kinds_and_scales (void)
{
  g_autoptr (DsReward) reward = new_reward (16);
  g_autoptr (GError) error = NULL;
  const DsRewardKind expected[] = { DS_REWARD_KIND_LOOP, DS_REWARD_KIND_COMPLEXITY,
                                    DS_REWARD_KIND_DENSITY, DS_REWARD_KIND_INTERPLAY,
                                    DS_REWARD_KIND_DENSITY, DS_REWARD_KIND_LOOP,
                                    DS_REWARD_KIND_COMPLEXITY };
  DsPattern p[3], loop[3];
  double full, without, value, contribution, sum = 0.0;

  stage (p, "x...x...x...x...", "....x.......x..x", "x.x.x.x.x.x.x.x.");
  stage (loop, "x.......x.x.....", "....x.......x...", "x.x.x.x.x.x.x.x.");
  g_assert_true (ds_reward_set_mix (reward, 1, "0.3 target(similarity(loop), 0.85) + "
                                    "0.2 target(lhl, 0.25) + 0.2 density-target(0.18) + "
                                    "0.3 interlock(kick) + 0.1 density-ratio(kick, 0.5) + "
                                    "0.2 anti-coincidence(loop.kick) + 0.1 evenness",
                                    "test", &error));
  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (expected); t++)
    g_assert_cmpint (ds_reward_term_kind (reward, 1, t), ==, expected[t]);
  full = ds_reward_score (reward, 1, p, loop);
  /* scale 1 is the mix as written, to the last bit */
  ds_reward_set_kind_scale (reward, 1, DS_REWARD_KIND_DENSITY, 1.0);
  g_assert_cmpfloat (ds_reward_score (reward, 1, p, loop), ==, full);
  /* 0 leaves the density terms out, weights and all */
  ds_reward_set_kind_scale (reward, 1, DS_REWARD_KIND_DENSITY, 0.0);
  without = ds_reward_score (reward, 1, p, loop);
  g_assert_true (ds_reward_set_mix (reward, 2, "0.3 target(similarity(loop.snare), 0.85) + "
                                    "0.2 target(lhl, 0.25) + 0.3 interlock(kick) + "
                                    "0.2 anti-coincidence(loop.kick) + 0.1 evenness",
                                    "test", &error));
  {
    DsPattern q[3] = { p[0], p[2], p[1] }; /* snare's patterns as voice 2 */

    g_assert_cmpfloat_with_epsilon (without, ds_reward_score (reward, 2, q, loop), 1e-12);
  }
  /* the loop's terms ten times: the score is their weighted mean */
  ds_reward_set_kind_scale (reward, 1, DS_REWARD_KIND_DENSITY, 1.0);
  ds_reward_set_kind_scale (reward, 1, DS_REWARD_KIND_LOOP, 10.0);
  g_assert_cmpfloat (ds_reward_kind_scale (reward, 1, DS_REWARD_KIND_LOOP), ==, 10.0);
  for (guint t = 0; t < ds_reward_n_terms (reward, 1); t++)
    {
      g_assert_true (ds_reward_term_value (reward, 1, t, p, loop, &value, &contribution));
      sum += contribution;
    }
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, p, loop), sum, 1e-6);
  g_assert_true (ds_reward_term_value (reward, 1, 0, p, loop, &value, &contribution));
  g_assert_cmpfloat_with_epsilon (contribution, 3.0 * value / (3.0 + 0.2 + 0.2 + 0.3 + 0.1 + 2.0 + 0.1),
                                  1e-6);
  /* the scales stay with the voice when its mix is set again */
  g_assert_true (ds_reward_set_mix (reward, 1, "1 similarity(loop) + 1 evenness", "test",
                                    &error));
  g_assert_true (ds_reward_term_value (reward, 1, 0, p, loop, &value, &contribution));
  g_assert_cmpfloat_with_epsilon (contribution, 10.0 * value / 11.0, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reward/score-by-hand", test_score_by_hand);
  g_test_add_func ("/reward/weights-are-divided-by-their-sum",
                   test_weights_are_divided_by_their_sum);
  g_test_add_func ("/reward/loop-terms", test_loop_terms);
  g_test_add_func ("/reward/parse/errors-name-where-term-and-expected", test_parse_errors);
  g_test_add_func ("/reward/parse/undefined-measure-fails-early",
                   test_undefined_measure_fails_early);
  g_test_add_func ("/reward/config", test_config);
  g_test_add_func ("/reward/default-mixes", test_default_mixes);
  g_test_add_func ("/reward/kinds-and-scales", test_kinds_and_scales);
  g_test_add_func ("/reward/rejects-bad-voices", test_bad_voices);
  g_test_add_func ("/reward/fast-paths-agree", test_fast_paths_agree);
  g_test_add_func ("/reward/threads-agree", test_threads_agree);
  return g_test_run ();
}
