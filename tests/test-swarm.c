/* test-swarm.c: several agents on one stage: determinism across thread counts,
 * learning together, acting at once. */
#include "autoconfig.h"

#include <string.h>

#include "agents/model.h"

static DsModel *
three_voices (guint64 seed)
{
  g_autoptr (GError) error = NULL;
  DsConfig *config = ds_config_load_data (
      "[stage]\nvoices = kick,snare,hat\nlength = 8\nepisode-length = 8\n"
      "[kick]\nreward = density-target(0.25)\n[snare]\nreward = density-target(0.75)\n"
      "[hat]\nreward = anti-coincidence(kick)\n"
      "[train]\nstages = 64\nminibatches = 4\nepochs = 4\nlearning-rate = 0.002\n",
      "three.conf", &error);
  DsModel *model;

  g_assert_no_error (error);
  model = ds_model_new (config, seed, &error);
  g_assert_no_error (error);
  return model;
}

static GBytes *
train_bytes (int threads, guint iterations)
{
  g_autoptr (DsModel) model = three_voices (77);
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new ();
  DsSwarmStats stats;

  ds_swarm_set_threads (model->swarm, threads);
  for (guint i = 0; i < iterations; i++)
    ds_swarm_iterate (model->swarm, &stats);
  ds_swarm_save (model->swarm, ck);
  return ds_checkpoint_serialise (ck);
}

static void
test_same_bytes_any_threads (void)
{
  g_autoptr (GBytes) one = train_bytes (1, 3);
  g_autoptr (GBytes) two = train_bytes (2, 3);
  g_autoptr (GBytes) four = train_bytes (4, 3);
  g_autoptr (GBytes) fewer = train_bytes (2, 2);

  g_assert_true (g_bytes_equal (one, two));
  g_assert_true (g_bytes_equal (one, four));
  g_assert_false (g_bytes_equal (one, fewer));
}

/* Three agents, each with its own reward, all improve their scores. */
static void
test_agents_learn_together (void)
{
  g_autoptr (DsModel) model = three_voices (5);
  DsSwarmStats first, stats;

  ds_swarm_iterate (model->swarm, &first);
  for (guint i = 0; i < 99; i++)
    ds_swarm_iterate (model->swarm, &stats);
  g_test_message ("improvement %.3f -> %.3f, final score %.3f -> %.3f", first.improvement,
                  stats.improvement, first.final_score, stats.final_score);
  g_assert_cmpfloat (stats.final_score, >, first.final_score + 0.15);
  g_assert_cmpfloat (stats.improvement, >, first.improvement + 0.15);
}

/* [swarm] team-weight blends the agents' mean reward into each one's. */
static void
test_team_weight_config (void)
{
  g_autoptr (GError) error = NULL;
  DsConfig *config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nlength = 8\n[kick]\nreward = density\n"
      "[snare]\nreward = density\n[swarm]\nteam-weight = 1\n",
      "team.conf", &error);
  DsConfig *bad = ds_config_load_data ("[swarm]\nteam-wieght = 1\n", "bad.conf", &error);
  g_autoptr (DsModel) model = ds_model_new (config, 1, &error);
  g_autoptr (DsModel) none = NULL;
  DsStageState state;
  guint actions[2] = { 0, 8 };
  float rewards[2];

  g_assert_no_error (error);
  ds_stage_set_gamma (model->stage, 1.0);
  g_assert_true (ds_stage_parse_state (model->stage, "kick=........,snare=........", &state,
                                       &error));
  ds_stage_step (model->stage, &state, actions, rewards);
  g_assert_cmpfloat (rewards[0], ==, rewards[1]);
  g_assert_cmpfloat (rewards[0], >, 0.0f);
  none = ds_model_new (bad, 1, &error);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "team-weight"));
}

/* [swarm] critic = independent: each critic sees its own voice (and the progress
 * input), and the swarm still learns. */
static void
test_independent_critics (void)
{
  g_autoptr (GError) error = NULL;
  DsConfig *config = ds_config_load_data (
      "[stage]\nvoices = kick,snare,hat\nlength = 8\nepisode-length = 8\nprogress-input = true\n"
      "[kick]\nreward = density-target(0.25)\n[snare]\nreward = density-target(0.75)\n"
      "[hat]\nreward = density-target(0.5)\n[swarm]\ncritic = independent\n"
      "[train]\nstages = 64\nlearning-rate = 0.002\n",
      "ippo.conf", &error);
  g_autoptr (DsModel) model = ds_model_new (config, 3, &error);
  DsSwarmStats first, stats;

  g_assert_no_error (error);
  g_assert_cmpuint (ds_swarm_agent (model->swarm, 0)->critic->width[0], ==, 9);
  g_assert_cmpuint (ds_swarm_agent (model->swarm, 0)->actor->width[0], ==, 25);
  ds_swarm_iterate (model->swarm, &first);
  for (guint i = 0; i < 60; i++)
    ds_swarm_iterate (model->swarm, &stats);
  g_assert_cmpfloat (stats.final_score, >, first.final_score + 0.1);
}

/* [swarm] share-parameters: one actor and critic for all agents, told apart by
 * a one-hot input; deterministic across threads, it learns, and it round-trips. */
static DsModel *
shared_model (void)
{
  g_autoptr (GError) error = NULL;
  DsConfig *config = ds_config_load_data (
      "[stage]\nvoices = kick,snare,hat\nlength = 8\nepisode-length = 8\n"
      "[kick]\nreward = density-target(0.25)\n[snare]\nreward = density-target(0.75)\n"
      "[hat]\nreward = density-target(0.5)\n[swarm]\nshare-parameters = true\n"
      "critic = independent\n[train]\nstages = 64\nlearning-rate = 0.002\n",
      "shared.conf", &error);
  DsModel *model = ds_model_new (config, 3, &error);

  g_assert_no_error (error);
  return model;
}

static void
test_shared_parameters (void)
{
  g_autoptr (DsModel) model = shared_model (), one = shared_model (), two = shared_model ();
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new (), ck1 = ds_checkpoint_new ();
  g_autoptr (DsCheckpoint) ck2 = ds_checkpoint_new ();
  g_autoptr (GBytes) b1 = NULL, b2 = NULL;
  g_autoptr (DsSwarm) loaded = NULL;
  g_autoptr (GError) error = NULL;
  DsSwarmStats first, stats;

  g_assert_true (ds_swarm_agent (model->swarm, 0) == ds_swarm_agent (model->swarm, 2));
  g_assert_cmpuint (ds_swarm_agent (model->swarm, 0)->actor->width[0], ==, 27);
  g_assert_cmpuint (ds_swarm_agent (model->swarm, 0)->critic->width[0], ==, 11);
  ds_swarm_iterate (model->swarm, &first);
  for (guint i = 0; i < 100; i++)
    ds_swarm_iterate (model->swarm, &stats);
  g_test_message ("shared: final score %.3f -> %.3f", first.final_score, stats.final_score);
  g_assert_cmpfloat (stats.final_score, >, first.final_score + 0.07);
  ds_swarm_set_threads (two->swarm, 2);
  for (guint i = 0; i < 3; i++)
    {
      ds_swarm_iterate (one->swarm, &stats);
      ds_swarm_iterate (two->swarm, &stats);
    }
  ds_swarm_save (one->swarm, ck1);
  ds_swarm_save (two->swarm, ck2);
  b1 = ds_checkpoint_serialise (ck1);
  b2 = ds_checkpoint_serialise (ck2);
  g_assert_true (g_bytes_equal (b1, b2));
  ds_swarm_save (model->swarm, ck);
  g_assert_cmpstr (ds_checkpoint_get_text (ck, "agent.0.voice", NULL), ==, "kick+snare+hat");
  g_assert_false (ds_checkpoint_has (ck, "agent.1.actor"));
  loaded = ds_swarm_load (model->stage, &model->options, ck, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_swarm_iterations (loaded), ==, 101);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/swarm/same-bytes-for-1-2-4-threads", test_same_bytes_any_threads);
  g_test_add_func ("/swarm/three-agents-learn-together", test_agents_learn_together);
  g_test_add_func ("/swarm/config/team-weight", test_team_weight_config);
  g_test_add_func ("/swarm/independent-critics-learn", test_independent_critics);
  g_test_add_func ("/swarm/shared-parameters", test_shared_parameters);
  return g_test_run ();
}
