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
  guint max_chunks;
  float **actor_grads, **critic_grads; /* [agent * max_chunks + chunk] */
  double *task_entropy, *task_value;
  double *slice_squares;  /* per (agent, slice): the slice's gradient norm */
  float *clip_factor;     /* per agent */
  int n_scratch;
  Scratch *scratch;
};

/* The networks agent A uses. */
static inline DsAgent *
ds_swarm_net (const DsSwarm *s, guint a)
{
  return s->agents[s->o.share_parameters ? 0 : a];
}
