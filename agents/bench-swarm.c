/* bench-swarm.c: training iterations as benchmark workloads (see bench-swarm.h). */
#include "autoconfig.h"

#include "agents/bench-swarm.h"
#include "agents/model.h"

static gpointer
setup (const char *agents, gboolean blas, int threads, GError **error)
{
  g_autofree char *text = g_strdup_printf ("[stage]\nvoices = kick,snare,hat\nagents = %s\n"
                                           "length = 16\nepisode-length = 32\n"
                                           "[train]\nstages = 256\n",
                                           agents);
  DsConfig *config = ds_config_load_data (text, "w1", error);
  DsModel *model = config != NULL ? ds_model_new (config, 1, error) : NULL;

  if (model == NULL)
    return NULL;
  ds_swarm_set_threads (model->swarm, threads);
  if (!ds_swarm_set_blas (model->swarm, blas))
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "this drumswarm was built without OpenBLAS");
      ds_model_free (model);
      return NULL;
    }
  return model;
}

static gpointer w1_setup (int threads, GError **error) { return setup ("kick,snare,hat", FALSE, threads, error); }
static gpointer w1_single_setup (int threads, GError **error) { return setup ("snare", FALSE, threads, error); }
static gpointer w1_blas_setup (int threads, GError **error) { return setup ("kick,snare,hat", TRUE, threads, error); }
static gpointer w1_single_blas_setup (int threads, GError **error) { return setup ("snare", TRUE, threads, error); }

static double
run (gpointer state)
{
  DsModel *model = state;
  DsSwarmStats stats;
  guint64 before = ds_swarm_env_steps (model->swarm);

  ds_swarm_iterate (model->swarm, &stats);
  return (double) (stats.env_steps - before);
}

static void
teardown (gpointer state)
{
  ds_model_free (state);
}

const DsBenchWorkload ds_bench_w1 = {
  .name = "w1",
  .summary = "3 agents (kick, snare, hat), L=16, 256 stages, 32-step episodes, PPO 4x4",
  .figure = "env-steps/s",
  .setup = w1_setup,
  .run = run,
  .teardown = teardown,
};

const DsBenchWorkload ds_bench_w1_single = {
  .name = "w1-single",
  .summary = "w1 with one agent (snare; kick and hat are context)",
  .figure = "env-steps/s",
  .setup = w1_single_setup,
  .run = run,
  .teardown = teardown,
};

const DsBenchWorkload ds_bench_w1_blas = {
  .name = "w1-blas",
  .summary = "w1 with the matrix products in OpenBLAS sgemm",
  .figure = "env-steps/s",
  .setup = w1_blas_setup,
  .run = run,
  .teardown = teardown,
};

const DsBenchWorkload ds_bench_w1_single_blas = {
  .name = "w1-single-blas",
  .summary = "w1-single with the matrix products in OpenBLAS sgemm",
  .figure = "env-steps/s",
  .setup = w1_single_blas_setup,
  .run = run,
  .teardown = teardown,
};
