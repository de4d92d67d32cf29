/* test-stage.c: the environment: resets, steps, potential-based rewards. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/stage/bars.h"
#include "src/stage/stage.h"

static DsStage *
study_stage (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nagents = snare\nlength = 8\ncontext = kick=x...x...\n"
      "episode-length = 4\n[snare]\nreward = anti-coincidence(kick)\n",
      "study.conf", &error);
  DsStage *stage;

  g_assert_no_error (error);
  stage = ds_stage_new_from_config (config, &error);
  g_assert_no_error (error);
  return stage;
}

static void
test_shape (void)
{
  g_autoptr (DsStage) stage = study_stage ();

  g_assert_cmpuint (ds_stage_length (stage), ==, 8);
  g_assert_cmpuint (ds_stage_n_voices (stage), ==, 2);
  g_assert_cmpuint (ds_stage_n_agents (stage), ==, 1);
  g_assert_cmpuint (ds_stage_agent_voice (stage, 0), ==, 1);
  g_assert_cmpuint (ds_stage_n_actions (stage), ==, 9);
  g_assert_cmpuint (ds_stage_n_inputs (stage), ==, 16);
  g_assert_cmpint (ds_stage_find_voice (stage, "kick"), ==, 0);
  g_assert_false (ds_stage_is_agent (stage, 0));
}

/* Toggles change the agent's voice only; hold changes nothing; the reward is
 * gamma * score(after) - score(before); the episode ends after its length. */
static void
test_step_rewards (void)
{
  g_autoptr (DsStage) stage = study_stage ();
  g_autoptr (GError) error = NULL;
  DsStageState state;
  guint action;
  float reward;
  float obs[16];

  ds_stage_set_gamma (stage, 0.9);
  g_assert_true (ds_stage_parse_state (stage, "kick=x...x...,snare=x...x...", &state, &error));
  g_assert_cmpfloat (ds_stage_score (stage, &state, 0), ==, 0.0);
  action = 1; /* add an onset where the kick rests */
  g_assert_false (ds_stage_step (stage, &state, &action, &reward));
  g_assert_cmpfloat (fabs (ds_stage_score (stage, &state, 0) - 0.125), <, 1e-12);
  g_assert_cmpfloat (fabs (reward - 0.9 * 0.125), <, 1e-6);
  action = 8; /* hold */
  g_assert_false (ds_stage_step (stage, &state, &action, &reward));
  g_assert_cmpfloat (fabs (reward - (0.9 * 0.125 - 0.125)), <, 1e-6);
  ds_stage_observe (stage, &state, obs);
  g_assert_cmpfloat (obs[0], ==, 1.0f); /* kick step 0 */
  g_assert_cmpfloat (obs[4], ==, 1.0f);
  g_assert_cmpfloat (obs[8 + 0], ==, 1.0f); /* snare step 0 */
  g_assert_cmpfloat (obs[8 + 1], ==, 1.0f);
  g_assert_cmpfloat (obs[8 + 2], ==, 0.0f);
  action = 0; /* remove the coinciding onset */
  g_assert_false (ds_stage_step (stage, &state, &action, &reward));
  action = 1;
  g_assert_true (ds_stage_step (stage, &state, &action, &reward));
  {
    g_autofree char *text = ds_stage_state_to_string (stage, &state);

    g_assert_cmpstr (text, ==, "kick=x...x...,snare=....x...");
  }
}

/* With loop-input the observation holds, after the voices, each voice's
 * pattern in the episode's loop (or the stage's; zeros without one), whichever
 * voices are agents. */
static void
test_loop_input (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare,hat\nagents = snare,hat\nlength = 8\nloop-input = true\n"
      "progress-input = true\n", "loop.conf", &error);
  g_autoptr (DsStage) stage = ds_stage_new_from_config (config, &error);
  DsPattern loop[3], start[3];
  DsStageState state;
  float obs[3 * 8 + 3 * 8 + 1];

  g_assert_no_error (error);
  g_assert_true (ds_stage_loop_input (stage));
  /* 3 voices, their 3 loop patterns, the progress */
  g_assert_cmpuint (ds_stage_n_inputs (stage), ==, 3 * 8 + 3 * 8 + 1);
  ds_pattern_parse ("x...x...", &loop[0], NULL);
  ds_pattern_parse ("..x...x.", &loop[1], NULL);
  ds_pattern_parse ("x.x.x.x.", &loop[2], NULL);
  for (guint v = 0; v < 3; v++)
    ds_pattern_init (&start[v], 8);
  ds_stage_start (stage, &state, start);
  ds_stage_observe (stage, &state, obs);
  for (guint i = 24; i < 48; i++)
    g_assert_cmpfloat (obs[i], ==, 0.0f); /* no loop */
  ds_stage_start_with_loop (stage, &state, start, loop);
  ds_stage_observe (stage, &state, obs);
  for (guint k = 0; k < 8; k++)
    {
      g_assert_cmpfloat (obs[k], ==, 0.0f);                               /* the voices */
      g_assert_cmpfloat (obs[24 + k], ==, (float) ds_pattern_get (&loop[0], k)); /* kick's */
      g_assert_cmpfloat (obs[32 + k], ==, (float) ds_pattern_get (&loop[1], k)); /* snare's */
      g_assert_cmpfloat (obs[40 + k], ==, (float) ds_pattern_get (&loop[2], k)); /* hat's */
    }
  g_assert_cmpfloat (obs[48], ==, 0.0f); /* the progress, last */
  ds_stage_set_loop (stage, loop);
  ds_stage_start (stage, &state, start);
  ds_stage_observe (stage, &state, obs);
  g_assert_cmpfloat (obs[32 + 2], ==, 1.0f);
}

/* A sampler of bars draws one bar per episode, the loop the episode compares
 * with; the context voices take it in SHARE of the episodes, the agents start
 * from it in START_SHARE. */
static void
test_sampler_starts_agents_from_the_bar (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nagents = snare\nlength = 8\nstart = empty\n",
      "bars.conf", &error);
  g_autoptr (DsStage) stage = ds_stage_new_from_config (config, &error);
  g_autoptr (DsBars) bars = ds_bars_new (2, 2, 8);
  DsBarsSampler sampler;
  DsStageState state;
  DsRng rng;
  guint from_bar = 0, context = 0;

  g_assert_no_error (error);
  ds_pattern_parse ("x...x...", &ds_bars_get (bars, 0)[0], NULL);
  ds_pattern_parse ("..x...x.", &ds_bars_get (bars, 0)[1], NULL);
  ds_pattern_parse ("x.x.x.x.", &ds_bars_get (bars, 1)[0], NULL);
  ds_pattern_parse (".x.x.x.x", &ds_bars_get (bars, 1)[1], NULL);
  ds_bars_sampler_attach (&sampler, stage, bars, 0.75);
  sampler.start_share = 0.5;
  ds_rng_init (&rng, 3);
  for (guint i = 0; i < 400; i++)
    {
      const DsPattern *bar;

      ds_stage_reset (stage, &state, &rng);
      bar = state.loop;
      g_assert_true (bar == ds_bars_get (bars, 0) || bar == ds_bars_get (bars, 1));
      /* the agent starts empty, or from the bar it compares with */
      if (ds_pattern_count (&state.patterns[1]) > 0)
        {
          g_assert_true (ds_pattern_equal (&state.patterns[1], &bar[1]));
          from_bar++;
        }
      context += ds_pattern_equal (&state.patterns[0], &bar[0]);
    }
  g_assert_cmpuint (from_bar, >, 160);
  g_assert_cmpuint (from_bar, <, 240);
  g_assert_cmpuint (context, >, 260);
  g_assert_cmpuint (context, <, 340);
}

static void
test_reset_sources (void)
{
  g_autoptr (DsStage) stage = study_stage ();
  DsPattern empty, given;
  DsStageState state;
  DsRng rng;
  guint onsets = 0;

  ds_rng_init (&rng, 5);
  ds_pattern_parse ("x...x...", &given, NULL);
  for (guint i = 0; i < 200; i++)
    {
      ds_stage_reset (stage, &state, &rng);
      g_assert_true (ds_pattern_equal (&state.patterns[0], &given));
      onsets += ds_pattern_count (&state.patterns[1]);
      g_assert_cmpuint (state.t, ==, 0);
    }
  /* the default start density is uniform in [0, 0.5]: 2 onsets of 8 on average */
  g_assert_cmpfloat (fabs (onsets / 200.0 - 2.0), <, 0.5);
  ds_stage_set_empty (stage, 1);
  ds_stage_reset (stage, &state, &rng);
  ds_pattern_init (&empty, 8);
  g_assert_true (ds_pattern_equal (&state.patterns[1], &empty));
  ds_stage_set_random (stage, 0, 1.0, 1.0);
  ds_stage_reset (stage, &state, &rng);
  g_assert_cmpuint (ds_pattern_count (&state.patterns[0]), ==, 8);
  g_assert_true (ds_stage_add_choice (stage, 0, &given, NULL));
  ds_stage_reset (stage, &state, &rng);
  g_assert_true (ds_pattern_equal (&state.patterns[0], &given));
}

/* Two agents acting at once, with a team term. */
static void
test_two_agents_team (void)
{
  const char *const names[] = { "kick", "snare" };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length (NULL, 8, &error);
  g_autoptr (DsStage) stage = ds_stage_new (meter, names, 2, &error);
  DsReward *reward = ds_reward_new (meter, names, 2, &error);
  DsStageState state;
  guint actions[2] = { 8, 1 };
  float rewards[2];

  g_assert_no_error (error);
  g_assert_true (ds_reward_set_mix (reward, 0, "density", "test", &error));
  g_assert_true (ds_reward_set_mix (reward, 1, "anti-coincidence(kick)", "test", &error));
  ds_stage_set_reward (stage, reward);
  ds_stage_set_agent (stage, 0, TRUE);
  ds_stage_set_agent (stage, 1, TRUE);
  ds_stage_set_gamma (stage, 1.0);
  g_assert_true (ds_stage_parse_state (stage, "kick=x...x...,snare=x...x...", &state, &error));
  ds_stage_step (stage, &state, actions, rewards);
  g_assert_cmpfloat (rewards[0], ==, 0.0f);
  g_assert_cmpfloat (fabs (rewards[1] - 0.125), <, 1e-6);
  ds_stage_set_team_weight (stage, 0.5);
  actions[0] = 2;
  actions[1] = 2;
  ds_stage_step (stage, &state, actions, rewards);
  /* kick gains density 1/8, snare anti-coincidence stays (both add step 2) */
  g_assert_cmpfloat (fabs (rewards[0] - (0.5 * 0.125 + 0.5 * 0.0625)), <, 1e-6);
  g_assert_cmpfloat (fabs (rewards[1] - 0.5 * 0.0625), <, 1e-6);
}

static void
test_config_errors (void)
{
  static const char *const cases[][2] = {
    { "[stage]\nagents = tom\n", "bad.conf:2" },
    { "[stage]\nvoices = kick,kick\n", "twice" },
    { "[stage]\nvoicez = kick\n", "voices" },
    { "[stage]\nstart = full\n", "random" },
    { "[stage]\nagents = snare\ncontext = kick=x...\n", "4 steps" },
    { "[stage]\nagents = snare\ncontext = snare=x...x...x...x...\n", "an agent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsConfig) config = ds_config_load_data (cases[i][0], "bad.conf", &error);
      g_autoptr (DsStage) stage = NULL;

      g_assert_no_error (error);
      stage = ds_stage_new_from_config (config, &error);
      g_assert_null (stage);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i][1]) == NULL)
        g_error ("case %u: '%s' does not mention '%s'", i, error->message, cases[i][1]);
    }
}

static void
test_parse_state_errors (void)
{
  g_autoptr (DsStage) stage = study_stage ();
  DsStageState state;
  GError *error = NULL;

  g_assert_false (ds_stage_parse_state (stage, "kick=x...x...", &state, &error));
  g_assert_nonnull (strstr (error->message, "'snare' is missing"));
  g_clear_error (&error);
  g_assert_false (ds_stage_parse_state (stage, "kick=x...x...,snare=x...,hat=x...", &state,
                                        &error));
  g_clear_error (&error);
  g_assert_false (ds_stage_parse_state (stage, "kick=x...x...,snare=x...", &state, &error));
  g_assert_nonnull (strstr (error->message, "4 steps"));
  g_clear_error (&error);
}

/* With the library on, a random context voice is one of the common patterns of
 * its name; given context voices and agents are left alone. */
static void
test_library (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare,hat\nagents = snare\nlength = 32\n"
      "context = hat=x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.\ncontext-library = 1\n",
      "lib.conf", &error);
  g_autoptr (DsStage) stage = ds_stage_new_from_config (config, &error);
  guint n = ds_stage_library_size ("kick");
  DsPattern four, p;
  DsStageState state;
  const char *name;
  DsRng rng;
  gboolean seen_four = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (ds_stage_library_size ("snare"), >=, 6);
  g_assert_cmpuint (ds_stage_library_size ("cowbell"), ==, 0);
  g_assert_true (ds_stage_library_pattern ("kick", 0, 32, &four, &name));
  g_assert_cmpstr (name, ==, "four-on-the-floor");
  g_assert_cmpuint (ds_pattern_count (&four), ==, 8);
  g_assert_false (ds_stage_library_pattern ("kick", 0, 12, &p, NULL));
  ds_rng_init (&rng, 8);
  for (guint i = 0; i < 100; i++)
    {
      gboolean found = FALSE;

      ds_stage_reset (stage, &state, &rng);
      for (guint k = 0; k < n && !found; k++)
        {
          ds_stage_library_pattern ("kick", k, 32, &p, NULL);
          found = ds_pattern_equal (&p, &state.patterns[0]);
        }
      g_assert_true (found);
      seen_four |= ds_pattern_equal (&four, &state.patterns[0]);
      g_assert_cmpuint (ds_pattern_count (&state.patterns[2]), ==, 16);
    }
  g_assert_true (seen_four);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stage/shape", test_shape);
  g_test_add_func ("/stage/step/potential-based-rewards", test_step_rewards);
  g_test_add_func ("/stage/reset/sources", test_reset_sources);
  g_test_add_func ("/stage/observe/loop-input", test_loop_input);
  g_test_add_func ("/stage/reset/sampler-starts-agents-from-the-bar",
                   test_sampler_starts_agents_from_the_bar);
  g_test_add_func ("/stage/step/two-agents-and-team-term", test_two_agents_team);
  g_test_add_func ("/stage/config/rejects-bad-values", test_config_errors);
  g_test_add_func ("/stage/state/rejects-bad-patterns", test_parse_state_errors);
  g_test_add_func ("/stage/library/draws-common-patterns", test_library);
  return g_test_run ();
}
