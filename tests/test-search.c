/* test-search.c: coordinate search and the random baseline on hand-worked stages. */
#include "autoconfig.h"

#include "src/stage/search.h"

/* A stage of NAMES on LENGTH steps in 4/4 where the voices in MIXES (NULL:
 * context) are agents with those reward mixes. */
static DsStage *
make_stage (const char *const *names, const char *const *mixes, guint n, guint length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", length, &error);
  DsStage *stage = ds_stage_new (meter, names, n, &error);
  DsReward *reward = ds_reward_new (meter, names, n, &error);

  g_assert_no_error (error);
  for (guint v = 0; v < n; v++)
    if (mixes[v] != NULL)
      {
        g_assert_true (ds_reward_set_mix (reward, v, mixes[v], "test", &error));
        ds_stage_set_agent (stage, v, TRUE);
      }
  g_assert_no_error (error);
  ds_stage_set_reward (stage, reward);
  return stage;
}

static void
start_from (const DsStage *stage, const char *text, DsStageState *state)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ds_stage_parse_state (stage, text, state, &error));
  g_assert_no_error (error);
}

/* The 2020 study's stage: the best snare against kick x...x... is .xxx.xxx. */
static void
test_finds_study_optimum (void)
{
  const char *names[] = { "kick", "snare" };
  const char *mixes[] = { NULL, "anti-coincidence(kick)" };
  g_autoptr (DsStage) stage = make_stage (names, mixes, 2, 8);
  g_autofree char *text = NULL;
  DsStageState start;
  DsSearchResult result;

  start_from (stage, "kick=x...x...,snare=x...x...", &start);
  g_assert_cmpfloat (ds_stage_score (stage, &start, 0), ==, 0.0);
  ds_search_coordinate (stage, &start, &result);
  g_assert_true (result.exhaustive);
  g_assert_cmpfloat (ds_stage_score (stage, &result.state, 0), ==, 1.0);
  text = ds_stage_state_to_string (stage, &result.state);
  g_assert_cmpstr (text, ==, "kick=x...x...,snare=.xxx.xxx");
  g_assert_cmpuint (result.sweeps, ==, 2); /* one that improves, one that confirms */
}

/* Two agents that want to interlock: the joint optimum has both at 1. */
static void
test_two_agents_reach_joint_optimum (void)
{
  const char *names[] = { "kick", "snare" };
  const char *mixes[] = { "density-target(0.25)", "anti-coincidence(kick)" };
  g_autoptr (DsStage) stage = make_stage (names, mixes, 2, 16);
  DsStageState start;
  DsSearchResult result;

  start_from (stage, "kick=................,snare=................", &start);
  ds_search_coordinate (stage, &start, &result);
  g_assert_cmpfloat (ds_stage_score (stage, &result.state, 0), ==, 1.0);
  g_assert_cmpfloat (ds_stage_score (stage, &result.state, 1), ==, 1.0);
  g_assert_cmpfloat (ds_search_joint (stage, &result.state), ==, 2.0);
}

/* Above 16 steps, the toggle climb still reaches the optimum of a separable mix. */
static void
test_long_grid_climbs (void)
{
  const char *names[] = { "kick", "snare" };
  const char *mixes[] = { NULL, "anti-coincidence(kick)" };
  g_autoptr (DsStage) stage = make_stage (names, mixes, 2, 32);
  DsStageState start;
  DsSearchResult result;

  start_from (stage, "kick=x...x...x...x...x...x...x...x...,"
                     "snare=x...x...x...x...x...x...x...x...", &start);
  ds_search_coordinate (stage, &start, &result);
  g_assert_false (result.exhaustive);
  g_assert_cmpfloat (ds_stage_score (stage, &result.state, 0), ==, 1.0);
}

/* A random policy from the worst case does better than nothing but far from 1,
 * and the same seed gives the same mean. */
static void
test_random_baseline (void)
{
  const char *names[] = { "kick", "snare" };
  const char *mixes[] = { NULL, "anti-coincidence(kick)" };
  g_autoptr (DsStage) stage = make_stage (names, mixes, 2, 8);
  DsStageState start;
  double a, b;

  start_from (stage, "kick=x...x...,snare=x...x...", &start);
  ds_search_random (stage, &start, 16, 200, 7, &a);
  ds_search_random (stage, &start, 16, 200, 7, &b);
  g_assert_cmpfloat (a, ==, b);
  g_assert_cmpfloat (a, >, 0.2);
  g_assert_cmpfloat (a, <, 0.8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/finds-study-optimum", test_finds_study_optimum);
  g_test_add_func ("/search/two-agents-reach-joint-optimum", test_two_agents_reach_joint_optimum);
  g_test_add_func ("/search/long-grid-climbs", test_long_grid_climbs);
  g_test_add_func ("/search/random-baseline", test_random_baseline);
  return g_test_run ();
}
