/* bench-swarm.c: training iterations as benchmark workloads (see bench-swarm.h). */
#include "autoconfig.h"

#include "agents/bench-swarm.h"
#include "agents/model.h"

typedef struct {
  DsModel *model;
  guint runs;              /* the first is the warm-up, not counted below */
  double bytes, seconds;   /* exchanged with the other processes in the counted runs */
  double computing;        /* seconds of the counted runs not spent exchanging */
  const DsSwarmPeers *peers; /* the other processes, or NULL */
} Bench;

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
  if (!ds_swarm_set_blas (model->swarm, blas, error)
      || !ds_swarm_prepare_training (model->swarm, error))
    {
      ds_model_free (model);
      return NULL;
    }
  return g_memdup2 (&(Bench) { .model = model }, sizeof (Bench));
}

static gpointer w1_setup (int threads, GError **error) { return setup ("kick,snare,hat", FALSE, threads, error); }
static gpointer w1_single_setup (int threads, GError **error) { return setup ("snare", FALSE, threads, error); }
static gpointer w1_blas_setup (int threads, GError **error) { return setup ("kick,snare,hat", TRUE, threads, error); }
static gpointer w1_single_blas_setup (int threads, GError **error) { return setup ("snare", TRUE, threads, error); }

static double
run (gpointer state)
{
  Bench *bench = state;
  DsSwarmStats stats;
  guint64 before = ds_swarm_env_steps (bench->model->swarm);
  gint64 start = g_get_monotonic_time ();

  ds_swarm_iterate (bench->model->swarm, &stats);
  if (bench->runs++ > 0)
    {
      double wall = (double) (g_get_monotonic_time () - start) * 1e-6;

      bench->bytes += (double) stats.exchanged_bytes;
      bench->seconds += stats.exchange_seconds;
      bench->computing += MAX (wall - stats.exchange_seconds, 0.0);
    }
  return (double) (stats.env_steps - before);
}

static void
teardown (gpointer state)
{
  Bench *bench = state;

  ds_model_free (bench->model);
  g_free (bench);
}

static void
join (gpointer state, gconstpointer peers)
{
  Bench *bench = state;

  ds_swarm_set_peers (bench->model->swarm, peers);
  bench->peers = peers;
}

/* The multiply-adds that an iteration does, per env-step, two operations
 * each, over the networks' logical widths (padding not counted): each
 * agent's rows go forward through its actor and critic once in the rollout
 * (the critic once more for the state after the last step, when episodes may
 * be cut short), and in each epoch of the update forward, back to the weight
 * gradients, and back to the input gradients of every layer but the first
 * (nothing needs the gradient of the observation, so it is not computed, nor
 * counted).  For w1: 3 x (8,256 + 7,232 + 4 x 40,320) = 530,304 multiply-adds,
 * 1.06 MFLOP. */
static double
flops (gpointer state)
{
  Bench *bench = state;
  DsSwarm *swarm = bench->model->swarm;
  const DsStage *stage = bench->model->stage;
  guint T = ds_stage_episode_length (stage);
  double rollout_critic = (double) (T + (ds_stage_episode_length_min (stage) < T)) / T;
  double macs = 0.0;

  for (guint a = 0; a < ds_swarm_n_agents (swarm); a++)
    {
      const DsAgent *agent = ds_swarm_agent (swarm, a);
      const DsMlp *nets[] = { agent->actor, agent->critic };

      for (guint k = 0; k < G_N_ELEMENTS (nets); k++)
        {
          double forward, input_grads;

          ds_mlp_macs (nets[k], &forward, &input_grads);
          macs += forward * (k == 1 ? rollout_critic : 1.0);
          macs += bench->model->options.epochs * (2.0 * forward + input_grads);
        }
    }
  return 2.0 * macs;
}

/* With other processes, per iteration: bytes received from them, seconds spent
 * exchanging (waiting included), and the rounds of messages, each of which pays
 * the network's latency: the rollout, the loss sums, and per minibatch a
 * running sum passed on and the allgather of the networks' gradients
 * (agents/swarm-reduce.c); and the seconds that the slowest and the fastest
 * process spent computing (not exchanging, nor waiting at an exchange): at
 * every round the others wait for the slowest, so that the difference is what
 * uneven processes cost, whatever the messages cost. */
static guint
extras (gpointer state, double *values)
{
  Bench *bench = state;
  double counted = MAX (bench->runs, 2) - 1;
  const DsAcOptions *o = &bench->model->options;
  const DsSwarmPeers *peers = bench->peers;
  gsize unit = DS_SWARM_PEERS_UNIT;
  g_autofree double *all = NULL;
  g_autofree gsize *sizes = NULL;

  if (peers == NULL || peers->size < 2)
    return 0;
  values[0] = bench->bytes / counted;
  values[1] = bench->seconds / counted;
  values[2] = 2.0 + 2.0 * o->epochs * o->minibatches;
  /* one unit per process, its compute seconds an iteration first */
  all = g_malloc0 (peers->size * unit);
  sizes = g_new (gsize, peers->size);
  for (guint r = 0; r < peers->size; r++)
    sizes[r] = unit;
  all[peers->rank * unit / sizeof (double)] = bench->computing / counted;
  peers->allgather (peers->data, all + peers->rank * unit / sizeof (double), all, sizes);
  values[3] = values[4] = all[0];
  for (guint r = 1; r < peers->size; r++)
    {
      values[3] = MAX (values[3], all[r * unit / sizeof (double)]);
      values[4] = MIN (values[4], all[r * unit / sizeof (double)]);
    }
  return 5;
}

const DsBenchWorkload ds_bench_w1 = {
  .name = "w1",
  .summary = "3 agents (kick, snare, hat), L=16, 256 stages, 32-step episodes, PPO 4x4",
  .figure = "env-steps/s",
  .setup = w1_setup,
  .run = run,
  .teardown = teardown,
  .join = join,
  .flops = flops,
  .extra_figures = { "bytes-received/iteration", "exchange-s/iteration", "rounds/iteration",
                     "slowest-compute-s/iteration", "fastest-compute-s/iteration", NULL },
  .extras = extras,
};

const DsBenchWorkload ds_bench_w1_single = {
  .name = "w1-single",
  .summary = "w1 with one agent (snare; kick and hat are context)",
  .figure = "env-steps/s",
  .setup = w1_single_setup,
  .run = run,
  .teardown = teardown,
  .join = join,
  .flops = flops,
};

const DsBenchWorkload ds_bench_w1_blas = {
  .name = "w1-blas",
  .summary = "w1 with the matrix products in OpenBLAS sgemm",
  .figure = "env-steps/s",
  .setup = w1_blas_setup,
  .run = run,
  .teardown = teardown,
  .join = join,
  .flops = flops,
};

const DsBenchWorkload ds_bench_w1_single_blas = {
  .name = "w1-single-blas",
  .summary = "w1-single with the matrix products in OpenBLAS sgemm",
  .figure = "env-steps/s",
  .setup = w1_single_blas_setup,
  .run = run,
  .teardown = teardown,
  .join = join,
  .flops = flops,
};
