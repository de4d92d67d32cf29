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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/swarm/same-bytes-for-1-2-4-threads", test_same_bytes_any_threads);
  g_test_add_func ("/swarm/three-agents-learn-together", test_agents_learn_together);
  return g_test_run ();
}
