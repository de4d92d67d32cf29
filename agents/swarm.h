/* swarm.h: N actor-critic agents learning together on B stages (MAPPO).
 *
 * One agent per agent voice of a stage (agents/actor-critic.h); all act at once
 * on every step.  A training iteration plays one episode on each of B stages
 * side by side (sampling from the policies), computes GAE per agent, and runs
 * PPO epochs over minibatches (Yu et al. 2021, "The surprising effectiveness of
 * PPO in cooperative multi-agent games").  OpenMP splits the rollout over chunks
 * of stages and the update over (agent, chunk of the minibatch) pairs; every
 * stage draws from its own stream ds_rng_init_stream (seed, stage, iteration)
 * and gradients are summed chunk by chunk in a fixed order, so a seed gives the
 * same bytes whatever the number of threads.
 *
 * Several processes (MPI ranks: src/session/cluster.h) can train one swarm
 * together: each plays a fixed share of the rollout chunks, and an allgather
 * gives every process the whole rollout, so that all work out the same
 * advantages and return statistics; each computes a fixed share of each
 * minibatch's gradient chunks, and the chunks are summed in chunk order, the
 * running sum passed from process to process (agents/swarm-reduce.c), into the
 * same Adam step on every process: the swarm's bytes are those of one process,
 * whatever the number of processes and threads.
 *
 *   swarm = ds_swarm_new (stage, &options, seed, &error);   ds_swarm_set_threads (swarm, 2)
 *   while (...) ds_swarm_iterate (swarm, &stats);
 *   ds_swarm_save (swarm, checkpoint);  swarm = ds_swarm_load (stage, &options, checkpoint, &error)
 *   ds_swarm_act (swarm, &state, temperature, rng, actions)   (0: greedy)
 */
#pragma once

#include <glib.h>

#include "agents/actor-critic.h"
#include "src/base/checkpoint.h"
#include "src/stage/stage.h"

G_BEGIN_DECLS

#define DS_SWARM_ERROR (ds_swarm_error_quark ())
typedef enum {
  DS_SWARM_ERROR_MISMATCH, /* a checkpoint that does not fit the stage */
  DS_SWARM_ERROR_MEMORY,   /* training's buffers do not fit in memory */
} DsSwarmError;

typedef struct _DsSwarm DsSwarm;

/* The processes that train one swarm together.  Every process makes the same
 * calls in the same order, from one thread.  ALLGATHER puts rank r's SIZES[r]
 * bytes into ALL at the sum of SIZES[0 .. r-1], on every process; MINE is this
 * process's part, either its own place in ALL or another buffer; every size is
 * a multiple of DS_SWARM_PEERS_UNIT bytes.  SEND gives SIZE bytes to rank TO,
 * which takes them with RECV (FROM this rank, in the order sent).  A process
 * that fails, or dies, ends the job (the transport's business). */
#define DS_SWARM_PEERS_UNIT 64
typedef struct {
  guint rank, size;
  void (*allgather) (gpointer data, const void *mine, void *all, const gsize *sizes);
  void (*send) (gpointer data, guint to, const void *buf, gsize size);
  void (*recv) (gpointer data, guint from, void *buf, gsize size);
  gpointer data;
} DsSwarmPeers;

/* What one iteration did, averaged over its B episodes. */
typedef struct {
  guint64 iteration;       /* iterations done, this one included */
  guint64 episodes;        /* episodes done */
  guint64 env_steps;       /* stage steps done (all agents act in one step) */
  double improvement;      /* mean over agents of final minus initial score */
  double final_score;      /* mean over agents of the final score */
  double entropy;          /* mean policy entropy in the update */
  double value_loss;       /* mean value loss in the update */
  guint64 exchanged_bytes; /* received from the other processes (ds_swarm_set_peers) */
  double exchange_seconds; /* spent in those exchanges, waiting for the others included */
} DsSwarmStats;

GQuark ds_swarm_error_quark (void);

/* A swarm for STAGE (borrowed; it must outlive the swarm), with fresh agents
 * from SEED; fails when its training would need more memory than the machine
 * has (see ds_swarm_prepare_training). */
DsSwarm *ds_swarm_new (const DsStage *stage, const DsAcOptions *options, guint64 seed,
                       GError **error);
void ds_swarm_free (DsSwarm *swarm);

/* Worker threads (default 1), at most DS_SWARM_MAX_THREADS: each has its own
 * scratch buffers, and more would only exhaust memory (results do not depend
 * on the count). */
#define DS_SWARM_MAX_THREADS 256
void ds_swarm_set_threads (DsSwarm *swarm, int threads);
/* Uses OpenBLAS sgemm instead of our kernels (ON) or not; fails when OpenBLAS
 * cannot be used (ds_mlp_blas_init). */
gboolean ds_swarm_set_blas (DsSwarm *swarm, gboolean on, GError **error);

/* Trains together with PEERS (copied; NULL: alone): every process must make
 * the same swarm (same stage, options, seed or checkpoint) and iterate it as
 * often as the others. */
void ds_swarm_set_peers (DsSwarm *swarm, const DsSwarmPeers *peers);

/* Feeds everything that the next iterations depend on (seed, counters,
 * weights, optimiser state, return statistics) to SUM: processes that train
 * together must agree on it. */
void ds_swarm_checksum (const DsSwarm *swarm, GChecksum *sum);

const DsAcOptions *ds_swarm_options (const DsSwarm *swarm);
guint ds_swarm_n_agents (const DsSwarm *swarm);
DsAgent *ds_swarm_agent (DsSwarm *swarm, guint agent);
guint64 ds_swarm_iterations (const DsSwarm *swarm);
guint64 ds_swarm_episodes (const DsSwarm *swarm);
guint64 ds_swarm_env_steps (const DsSwarm *swarm);

/* Makes the buffers of training (the rollout, the gradient records), which a
 * swarm that only plays never needs: fails, saying how much memory they need,
 * when that is more than the machine has or can give.  Does nothing the second
 * time. */
gboolean ds_swarm_prepare_training (DsSwarm *swarm, GError **error);

/* One training iteration: B episodes, then the PPO update (preparing first,
 * and ending the program when that fails). */
void ds_swarm_iterate (DsSwarm *swarm, DsSwarmStats *stats);

/* Every agent's action in STATE: sampled at TEMPERATURE from RNG, argmax at 0.
 * Allocates its scratch on every call: a loop that acts many times uses
 * ds_swarm_act_rows. */
void ds_swarm_act (const DsSwarm *swarm, const DsStageState *state, double temperature,
                   DsRng *rng, guint *actions);

/* Scratch for acting on up to MAX_ROWS states at once, owned by the caller
 * (one per thread): with it ds_swarm_act_rows allocates nothing. */
typedef struct _DsSwarmActor DsSwarmActor;
DsSwarmActor *ds_swarm_actor_new (const DsSwarm *swarm, guint max_rows);
void ds_swarm_actor_free (DsSwarmActor *actor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSwarmActor, ds_swarm_actor_free)

/* Every agent's action in each of the N (<= max_rows) STATES, one forward pass
 * per agent over all of them: row R sampled at TEMPERATURES[R] (0: argmax),
 * rows in order from RNG; ACTIONS[r * n_agents + agent].  Allocation-free,
 * lock-free, bounded. */
void ds_swarm_act_rows (const DsSwarm *swarm, DsSwarmActor *actor, const DsStageState *states,
                        guint n, const double *temperatures, DsRng *rng, guint *actions);

/* Copies the agents' weights of SRC into DST without allocating (the Adam
 * moments and counters stay DST's); FALSE when their networks differ in shape. */
gboolean ds_swarm_copy_weights (DsSwarm *dst, const DsSwarm *src);

/* Stores the agents, options and counters in CHECKPOINT. */
void ds_swarm_save (const DsSwarm *swarm, DsCheckpoint *checkpoint);

/* The swarm stored in CHECKPOINT, for STAGE with OPTIONS (those it was trained
 * with, from the checkpoint's config); fails when it does not fit. */
DsSwarm *ds_swarm_load (const DsStage *stage, const DsAcOptions *options,
                        const DsCheckpoint *checkpoint, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSwarm, ds_swarm_free)

G_END_DECLS
