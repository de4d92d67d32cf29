/* swarm-private.h: the swarm's state, shared by swarm.c (training) and
 * swarm-io.c (checkpoints); not for use elsewhere. */
#pragma once

#include "agents/swarm.h"

#define ROLLOUT_CHUNK 32  /* stages per rollout task */
#define UPDATE_CHUNK 512  /* samples per gradient task */
#define REDUCE_SLICE 2048 /* floats per reduction task */

typedef struct {
  DsMlpWork *actor, *critic;
  float *x, *xc, *dz, *dv; /* xc: the critic's inputs when they differ from x */
  guint16 *actions;        /* a gradient task's samples: actions, old log-probabilities, */
  float *old_logp, *adv, *target; /* advantages and value targets, gathered in row order */
} Scratch;

struct _DsSwarm {
  const DsStage *stage;
  DsAcOptions o;
  guint64 seed, iteration, episodes, env_steps;
  guint n_agents, n_inputs, n_actions, ld_in, ld_out, B, T;
  guint n_critic_inputs, ld_cin;
  guint n_obs;          /* the stage's observation; inputs add a one-hot agent with sharing */
  guint n_nets;         /* agents with their own networks: 1 with sharing */
  DsAgent *agents[DS_VOICES_MAX];
  int threads;
  gboolean blas;
  /* rollout, index [t][agent][stage] unless said otherwise */
  float *obs;           /* (T + 1) x B rows of ld_in: row t * B + b */
  guint16 *actions;
  float *logp, *values, *rewards, *adv, *target; /* values has T + 1 steps */
  DsStageState *states;
  DsRng *rngs;
  double *first;        /* scores at the episode's start, [agent][stage] */
  double *improvement, *final; /* per stage: sums over its finished episodes and agents */
  guint *completed;     /* per stage: episodes finished in this iteration */
  guint8 *dones;        /* [t][stage]: an episode ended with step t */
  /* update */
  guint *perm;          /* [agent][T * B] */
  guint *sample_at;     /* sample t * B + b: at (t, 0, b), agent a's a * B further */
  guint max_chunks;
  /* One record per gradient task of a minibatch (task = agent * chunks + chunk):
   * the actor's gradient, the critic's, then RECORD_TAIL floats holding the
   * task's entropy and value loss sums (doubles).  Records lie one after the
   * other (swarm-reduce.c sums them in task order). */
  float *records;
  gsize record;         /* floats per record, a multiple of DS_MLP_LANE */
  float **actor_grads, **critic_grads; /* into records, [task] */
  float *sums;          /* each network's summed gradient, actor then critic, network by network */
  double *task_stats;   /* entropy and value loss sums of every task of the update, in
                           (epoch, minibatch, task) order */
  double *slice_squares;  /* per (agent, slice): the slice's gradient norm */
  float *clip_factor;     /* per agent */
  int n_scratch;
  Scratch *scratch;
  /* other processes (swarm-peers.c) */
  DsSwarmPeers peers;
  guint8 *shares;       /* every process's share of a rollout or of the task stats */
  gsize shares_size;
  guint64 exchanged_bytes; /* in this iteration */
  double exchange_seconds;
};

#define RECORD_TAIL DS_MLP_LANE

/* A swarm for STAGE without agents yet (s->agents[] NULL; ds_swarm_free frees
 * those that are set), nor training's buffers: for swarm-io.c, which makes
 * the agents one by one as it reads them. */
DsSwarm *ds_swarm_new_empty (const DsStage *stage, const DsAcOptions *options, guint64 seed);

/* The entropy and value loss sums in the tail of gradient record TASK. */
static inline double *
ds_swarm_record_tail (const DsSwarm *s, guint task)
{
  return (double *) (s->records + (gsize) task * s->record + s->record - RECORD_TAIL);
}

/* The first and one-past-last of N items that rank RANK of SIZE takes. */
static inline void
ds_swarm_share (guint n, guint rank, guint size, guint *lo, guint *hi)
{
  *lo = (guint) ((guint64) n * rank / size);
  *hi = (guint) ((guint64) n * (rank + 1) / size);
}

/* The floats of one network's summed gradient (actor, then critic). */
static inline gsize
ds_swarm_sum_size (const DsSwarm *s)
{
  return s->agents[0]->actor->n_params + s->agents[0]->critic->n_params;
}

/* The first and one-past-last gradient task of network K in a minibatch of
 * N_TASKS tasks: its agent's chunks, or with shared networks every agent's. */
static inline void
ds_swarm_net_tasks (const DsSwarm *s, guint k, guint n_tasks, guint *lo, guint *hi)
{
  guint per_net = n_tasks / s->n_nets;

  *lo = k * per_net;
  *hi = (k + 1) * per_net;
}

/* The rank that computes gradient task TASK of N_TASKS: the last rank whose
 * share begins at or before it, ceil (size (task + 1) / n_tasks) - 1. */
static inline guint
ds_swarm_task_owner (const DsSwarm *s, guint task, guint n_tasks)
{
  return (guint) (((guint64) s->peers.size * (task + 1) + n_tasks - 1) / n_tasks) - 1;
}

/* swarm-reduce.c: each network's gradient, the sum of its chunks in chunk order,
 * into s->sums on every process (run by every thread of the update's region);
 * with SLICE_NORMS, the norm of every slice of it (as step_agents wants them). */
void ds_swarm_reduce (DsSwarm *s, guint n_tasks, double *slice_norms);

/* swarm-peers.c: the exchanges of an iteration when other processes train too:
 * every process gets the whole rollout (after the rollout chunks), and every
 * task's entropy and value loss sums (after the update). */
void ds_swarm_exchange_rollouts (DsSwarm *s);
void ds_swarm_exchange_stats (DsSwarm *s);
/* Runs the transport's allgather, counting the bytes from the others and the time. */
void ds_swarm_allgather (DsSwarm *s, const void *mine, void *all, const gsize *sizes);
/* The number of gradient tasks of minibatch M (of the iteration's N samples). */
guint ds_swarm_minibatch_tasks (const DsSwarm *s, guint m);

/* The networks agent A uses. */
static inline DsAgent *
ds_swarm_net (const DsSwarm *s, guint a)
{
  return s->agents[s->o.share_parameters ? 0 : a];
}
