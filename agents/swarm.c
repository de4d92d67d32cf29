/* swarm.c: batched rollouts and the PPO update of N agents (see swarm.h).
 *
 * The threads share the work in fixed parts (static schedules): in every
 * iteration a thread plays the same stages, computes the same gradient chunks
 * and steps the same layers, so that what it writes (the stages' rollout, the
 * chunks' gradients, Adam's moments) stays in its own core's cache for when it
 * reads it again.  Two cores can be far apart (a cache line took over 200 ns
 * from one to the other on the 2-core virtual machine of the benchmarks):
 * there, parts taken on demand made w1 about 6 % slower on two threads, and
 * sessions beside busy programs no faster. */
#include "autoconfig.h"

#include "agents/swarm.h"
#include "agents/swarm-private.h"
#include "src/base/memory.h"
#include "src/base/threads.h"

#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

G_DEFINE_QUARK (ds-swarm-error-quark, ds_swarm_error)

static void
scratch_alloc (DsSwarm *s, int n)
{
  for (int i = 0; i < s->n_scratch; i++)
    {
      ds_mlp_work_free (s->scratch[i].actor);
      ds_mlp_work_free (s->scratch[i].critic);
      ds_floats_free (s->scratch[i].x);
      ds_floats_free (s->scratch[i].xc);
      ds_floats_free (s->scratch[i].dz);
      ds_floats_free (s->scratch[i].dv);
      ds_floats_free (s->scratch[i].old_logp);
      ds_floats_free (s->scratch[i].adv);
      ds_floats_free (s->scratch[i].target);
      g_free (s->scratch[i].actions);
    }
  g_free (s->scratch);
  s->n_scratch = n;
  s->scratch = g_new0 (Scratch, n);
  for (int i = 0; i < n; i++)
    {
      /* a rollout's chunk of stages, or a block of a gradient task's rows */
      guint rows = MAX (DS_MLP_BLOCK, ROLLOUT_CHUNK);

      s->scratch[i].actor = ds_mlp_work_new (s->agents[0]->actor, rows);
      s->scratch[i].critic = ds_mlp_work_new (s->agents[0]->critic, rows);
      s->scratch[i].actor->blas = s->scratch[i].critic->blas = s->blas;
      s->scratch[i].x = ds_floats_new ((gsize) rows * s->ld_in);
      s->scratch[i].xc = ds_floats_new ((gsize) rows * s->ld_cin);
      s->scratch[i].dz = ds_floats_new ((gsize) rows * s->ld_out);
      s->scratch[i].dv = ds_floats_new ((gsize) rows * DS_MLP_LANE);
      s->scratch[i].old_logp = ds_floats_new (rows);
      s->scratch[i].adv = ds_floats_new (rows);
      s->scratch[i].target = ds_floats_new (rows);
      s->scratch[i].actions = g_new0 (guint16, rows);
    }
}

DsSwarm *
ds_swarm_new_empty (const DsStage *stage, const DsAcOptions *options, guint64 seed)
{
  DsSwarm *s;

  g_return_val_if_fail (ds_stage_n_agents (stage) >= 1, NULL);
  s = g_new0 (DsSwarm, 1);
  s->stage = stage;
  s->o = *options;
  s->seed = seed;
  s->n_agents = ds_stage_n_agents (stage);
  s->n_obs = ds_stage_n_inputs (stage);
  s->n_inputs = s->n_obs + (options->share_parameters ? s->n_agents : 0);
  s->n_actions = ds_stage_n_actions (stage);
  s->ld_in = ds_mlp_ld (s->n_inputs);
  /* an independent critic sees its own voice's steps (and the progress input) */
  s->n_critic_inputs = options->independent_critic
                           ? s->n_inputs - (ds_stage_n_voices (stage) - 1) * ds_stage_length (stage)
                           : s->n_inputs;
  s->n_nets = options->share_parameters ? 1 : s->n_agents;
  s->ld_cin = ds_mlp_ld (s->n_critic_inputs);
  s->ld_out = ds_mlp_ld (s->n_actions);
  s->B = options->stages;
  s->T = ds_stage_episode_length (stage);
  s->peers = (DsSwarmPeers) { .rank = 0, .size = 1 };
  s->threads = 1;
  return s;
}

/* One of training's buffers: where the swarm keeps it, its items and their
 * size, and whether it is floats (64-byte aligned: ds_floats_try_new). */
typedef struct {
  gpointer *at;
  gsize n, size;
  gboolean floats;
} Buffer;

#define TRAINING_BUFFERS 23

/* Training's buffers, into B (TRAINING_BUFFERS of them), the records last:
 * their presence says that the others are there.  Sets the shape of the
 * records (max_chunks, record), which the sizes depend on. */
static void
training_buffers (DsSwarm *s, Buffer *b)
{
  gsize na = s->agents[0]->actor->n_params, nc = s->agents[0]->critic->n_params;
  gsize samples = (gsize) s->T * s->B, steps = samples * s->n_agents, tasks, slices;
  guint k = 0;

  s->max_chunks = ((s->T * s->B + s->o.minibatches - 1) / s->o.minibatches + UPDATE_CHUNK - 1)
                  / UPDATE_CHUNK;
  s->record = na + nc + RECORD_TAIL;
  tasks = (gsize) s->n_agents * s->max_chunks;
  slices = (na + REDUCE_SLICE - 1) / REDUCE_SLICE + (nc + REDUCE_SLICE - 1) / REDUCE_SLICE;
#define BUFFER(field, count, is_floats)                                                     \
  b[k++] = (Buffer) { (gpointer *) &s->field, (count), sizeof *s->field, (is_floats) }
  /* the rollout */
  BUFFER (obs, samples * s->ld_in + (gsize) s->B * s->ld_in, TRUE);
  BUFFER (actions, steps, FALSE);
  BUFFER (logp, steps, TRUE);
  BUFFER (values, steps + (gsize) s->n_agents * s->B, TRUE);
  BUFFER (rewards, steps, TRUE);
  BUFFER (adv, steps, TRUE);
  BUFFER (target, steps, TRUE);
  BUFFER (states, s->B, FALSE);
  BUFFER (rngs, s->B, FALSE);
  BUFFER (first, (gsize) s->n_agents * s->B, FALSE);
  BUFFER (improvement, s->B, FALSE);
  BUFFER (final, s->B, FALSE);
  BUFFER (completed, s->B, FALSE);
  BUFFER (dones, samples, FALSE);
  /* the update */
  BUFFER (perm, steps, FALSE);
  BUFFER (sample_at, samples, FALSE);
  BUFFER (actor_grads, tasks, FALSE);
  BUFFER (critic_grads, tasks, FALSE);
  BUFFER (sums, (gsize) s->n_nets * ds_swarm_sum_size (s), TRUE);
  BUFFER (task_stats, 2 * (gsize) s->o.epochs * s->o.minibatches * tasks, FALSE);
  BUFFER (slice_squares, (gsize) s->n_agents * slices, FALSE);
  BUFFER (clip_factor, s->n_agents, FALSE);
  BUFFER (records, tasks * s->record, TRUE);
#undef BUFFER
  g_assert (k == TRAINING_BUFFERS);
}

/* The buffers of training, gone (ds_swarm_prepare_training makes them again). */
static void
training_free (DsSwarm *s)
{
  Buffer b[TRAINING_BUFFERS];

  scratch_alloc (s, 0);
  if (s->agents[0] == NULL) /* a loaded swarm that failed before its first agent */
    return;
  training_buffers (s, b);
  for (guint i = 0; i < TRAINING_BUFFERS; i++)
    {
      if (b[i].floats)
        ds_floats_free (*b[i].at);
      else
        g_free (*b[i].at);
      *b[i].at = NULL;
    }
}

/* The bytes of training's buffers. */
static double
training_bytes (DsSwarm *s)
{
  Buffer b[TRAINING_BUFFERS];
  double bytes = 0.0;

  training_buffers (s, b);
  for (guint i = 0; i < TRAINING_BUFFERS; i++)
    bytes += (double) b[i].n * b[i].size;
  return bytes;
}

/* Whether training's buffers would fit in the machine's memory: else an error
 * that says how much they need. */
static gboolean
training_fits (DsSwarm *s, GError **error)
{
  double bytes = training_bytes (s), memory = ds_memory_limit ();

  if (memory > 0.0 && bytes > memory)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MEMORY,
                   "training needs %.1f GiB for its buffers (%u stages of %u steps, %u agents, "
                   "gradients of networks with %" G_GSIZE_FORMAT " parameters), more than "
                   "the %.1f GiB of memory here: take fewer [train] stages, more [train] "
                   "minibatches or smaller [agent] hidden layers", bytes / 1073741824.0, s->B,
                   s->T, s->n_agents,
                   s->agents[0]->actor->n_params + s->agents[0]->critic->n_params,
                   memory / 1073741824.0);
      return FALSE;
    }
  return TRUE;
}

DsSwarm *
ds_swarm_new (const DsStage *stage, const DsAcOptions *options, guint64 seed, GError **error)
{
  g_autoptr (DsSwarm) s = ds_swarm_new_empty (stage, options, seed);
  DsRng rng;

  /* the networks made first, their weights drawn only once it is clear that
   * the machine can train them (large networks take long to draw) */
  for (guint a = 0; a < s->n_nets; a++)
    s->agents[a] = ds_agent_new (options, s->n_inputs, s->n_critic_inputs, s->n_actions, NULL);
  if (!training_fits (s, error))
    return NULL;
  for (guint a = 0; a < s->n_nets; a++)
    {
      ds_rng_init_stream (&rng, seed, G_MAXUINT32, a);
      ds_agent_init (s->agents[a], options, &rng);
    }
  return g_steal_pointer (&s);
}

gboolean
ds_swarm_prepare_training (DsSwarm *s, GError **error)
{
  Buffer buffers[TRAINING_BUFFERS];
  gboolean ok = TRUE; /* until an allocation fails: then the others are not tried */

  if (s->records != NULL)
    return TRUE;
  if (!training_fits (s, error))
    return FALSE;
  training_buffers (s, buffers);
  for (guint i = 0; ok && i < TRAINING_BUFFERS; i++)
    {
      Buffer *b = &buffers[i];

      *b->at = b->floats ? (gpointer) ds_floats_try_new (b->n) : g_try_malloc0_n (b->n, b->size);
      ok = *b->at != NULL;
    }
  if (!ok)
    {
      training_free (s);
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MEMORY,
                   "training needs %.1f GiB for its buffers (%u stages of %u steps, %u agents), "
                   "and this machine cannot give that much now", training_bytes (s) / 1073741824.0,
                   s->B, s->T, s->n_agents);
      return FALSE;
    }
  for (guint t = 0; t < s->T; t++)
    for (guint b = 0; b < s->B; b++)
      s->sample_at[(gsize) t * s->B + b] = (guint) (((gsize) t * s->n_agents) * s->B + b);
  for (guint i = 0; i < s->n_agents * s->max_chunks; i++)
    {
      s->actor_grads[i] = s->records + (gsize) i * s->record;
      s->critic_grads[i] = s->actor_grads[i] + s->agents[0]->actor->n_params;
    }
  scratch_alloc (s, s->threads);
  return TRUE;
}

void
ds_swarm_free (DsSwarm *s)
{
  if (s == NULL)
    return;
  training_free (s);
  for (guint a = 0; a < s->n_nets; a++)
    ds_agent_free (s->agents[a]);
  g_free (s->shares);
  g_free (s);
}

void
ds_swarm_set_threads (DsSwarm *s, int threads)
{
  s->threads = CLAMP (threads, 1, DS_SWARM_MAX_THREADS);
#ifndef _OPENMP
  s->threads = 1;
#endif
  if (s->records != NULL && s->threads > s->n_scratch)
    scratch_alloc (s, s->threads);
}

gboolean
ds_swarm_set_blas (DsSwarm *s, gboolean on, GError **error)
{
  if (on && !ds_mlp_blas_init (error))
    return FALSE;
  s->blas = on;
  for (int i = 0; i < s->n_scratch; i++)
    s->scratch[i].actor->blas = s->scratch[i].critic->blas = on;
  return TRUE;
}

const DsAcOptions *ds_swarm_options (const DsSwarm *s) { return &s->o; }
guint ds_swarm_n_agents (const DsSwarm *s) { return s->n_agents; }
DsAgent *ds_swarm_agent (DsSwarm *s, guint agent) { return ds_swarm_net (s, agent); }
guint64 ds_swarm_iterations (const DsSwarm *s) { return s->iteration; }
guint64 ds_swarm_episodes (const DsSwarm *s) { return s->episodes; }
guint64 ds_swarm_env_steps (const DsSwarm *s) { return s->env_steps; }

static inline gsize
at (const DsSwarm *s, guint t, guint a, guint b)
{
  return ((gsize) t * s->n_agents + a) * s->B + b;
}

/* The critic inputs of agent A for N rows of observations X: X itself, or for
 * an independent critic its own voice's steps (and the progress input) in XC. */
static const float *
critic_inputs (const DsSwarm *s, guint a, const float *x, guint n, float *xc)
{
  guint L = ds_stage_length (s->stage), v = ds_stage_agent_voice (s->stage, a);
  guint ids = s->o.share_parameters ? s->n_agents : 0;
  gboolean progress = s->n_obs > ds_stage_n_voices (s->stage) * L;

  if (!s->o.independent_critic)
    return x;
  for (guint r = 0; r < n; r++)
    {
      float *row = xc + (gsize) r * s->ld_cin;
      const float *in = x + (gsize) r * s->ld_in;

      memcpy (row, in + (gsize) v * L, L * sizeof (float));
      if (progress)
        row[L] = in[s->n_obs - 1];
      /* the one-hot agent input, as in x */
      memcpy (row + s->n_critic_inputs - ids, in + s->n_obs, ids * sizeof (float));
    }
  return xc;
}

/* With shared networks, marks N rows of X (stride LD) as agent A's: the one-hot
 * input after the observation. */
static void
set_identity (const DsSwarm *s, float *x, gsize ld, guint n, guint a)
{
  if (!s->o.share_parameters)
    return;
  for (guint r = 0; r < n; r++)
    for (guint k = 0; k < s->n_agents; k++)
      x[r * ld + s->n_obs + k] = k == a ? 1.0f : 0.0f;
}

/* Stage B's episode ended: its agents' improvements and final scores are
 * counted, and a new episode starts unless the rollout ends at T. */
static void
episode_done (DsSwarm *s, guint b, guint t)
{
  const DsStage *stage = s->stage;

  for (guint a = 0; a < s->n_agents; a++)
    {
      double score = ds_stage_score (stage, &s->states[b], a);

      s->improvement[b] += score - s->first[a * s->B + b];
      s->final[b] += score;
    }
  s->completed[b]++;
  if (t + 1 == s->T)
    return;
  ds_stage_reset (stage, &s->states[b], &s->rngs[b]);
  for (guint a = 0; a < s->n_agents; a++)
    s->first[a * s->B + b] = ds_stage_score (stage, &s->states[b], a);
}

/* Plays T steps on stages B0 .. B1 - 1 with the current policies; an episode
 * that ends before T is followed by a new one (DONES says where). */
static void
rollout_chunk (DsSwarm *s, Scratch *w, guint b0, guint b1)
{
  const DsStage *stage = s->stage;
  guint rows = b1 - b0;
  /* with fixed lengths every episode ends at T: nothing to bootstrap there */
  gboolean bootstrap = ds_stage_episode_length_min (stage) < s->T;

  for (guint b = b0; b < b1; b++)
    {
      ds_rng_init_stream (&s->rngs[b], s->seed, b, s->iteration);
      ds_stage_reset (stage, &s->states[b], &s->rngs[b]);
      for (guint a = 0; a < s->n_agents; a++)
        s->first[a * s->B + b] = ds_stage_score (stage, &s->states[b], a);
      s->improvement[b] = s->final[b] = 0.0;
      s->completed[b] = 0;
    }
  for (guint t = 0; t <= s->T; t++)
    {
      float *x = s->obs + ((gsize) t * s->B + b0) * s->ld_in;

      for (guint b = b0; b < b1; b++)
        ds_stage_observe (stage, &s->states[b], s->obs + ((gsize) t * s->B + b) * s->ld_in);
      for (guint a = 0; a < s->n_agents; a++)
        {
          const DsAgent *agent = ds_swarm_net (s, a);
          guint ldv = agent->critic->ld[agent->critic->n_layers];
          const float *v, *z;

          set_identity (s, x, s->ld_in, rows, a);
          if (t == s->T && !bootstrap)
            {
              for (guint r = 0; r < rows; r++)
                s->values[at (s, t, a, b0 + r)] = 0.0f;
              continue;
            }
          v = ds_mlp_forward (agent->critic, w->critic, critic_inputs (s, a, x, rows, w->xc),
                              rows);
          for (guint r = 0; r < rows; r++)
            s->values[at (s, t, a, b0 + r)] =
                (float) ds_agent_denormalise (agent, s->o.value_norm, v[r * ldv]);
          if (t == s->T)
            continue;
          z = ds_mlp_forward (agent->actor, w->actor, x, rows);
          for (guint r = 0; r < rows; r++)
            w->old_logp[r] = ds_rng_float (&s->rngs[b0 + r]);
          ds_policy_sample_rows (z, s->ld_out, rows, s->n_actions, w->old_logp,
                                 s->actions + at (s, t, a, b0), s->logp + at (s, t, a, b0));
        }
      if (t == s->T)
        break;
      for (guint b = b0; b < b1; b++)
        {
          guint acts[DS_VOICES_MAX];
          float rew[DS_VOICES_MAX];

          for (guint a = 0; a < s->n_agents; a++)
            acts[a] = s->actions[at (s, t, a, b)];
          gboolean done = ds_stage_step (stage, &s->states[b], acts, rew);

          for (guint a = 0; a < s->n_agents; a++)
            s->rewards[at (s, t, a, b)] = rew[a];
          s->dones[(gsize) t * s->B + b] = (guint8) done;
          if (done)
            episode_done (s, b, t);
        }
    }
}

/* Advantages (normalised if asked) and the critic's targets of agent A. */
static void
prepare_targets (DsSwarm *s, guint a)
{
  DsAgent *agent = ds_swarm_net (s, a);
  gsize n = (gsize) s->T * s->B;
  g_autofree float *returns = g_new (float, n);
  double mean = 0.0, var = 0.0, sd;

  for (guint b = 0; b < s->B; b++)
    ds_gae (s->rewards + at (s, 0, a, b), s->values + at (s, 0, a, b), s->dones + b, s->B, s->T,
            (gsize) s->n_agents * s->B, s->o.gamma, s->o.gae_lambda, s->adv + at (s, 0, a, b),
            s->target + at (s, 0, a, b));
  for (guint t = 0; t < s->T; t++)
    for (guint b = 0; b < s->B; b++)
      returns[(gsize) t * s->B + b] = s->target[at (s, t, a, b)];
  if (s->o.value_norm)
    {
      ds_agent_observe_returns (agent, returns, n);
      sd = sqrt (agent->ret_var + 1e-8);
      for (guint t = 0; t < s->T; t++)
        for (guint b = 0; b < s->B; b++)
          s->target[at (s, t, a, b)] = (float) ((s->target[at (s, t, a, b)] - agent->ret_mean) / sd);
    }
  if (!s->o.advantage_norm)
    return;
  for (guint t = 0; t < s->T; t++)
    for (guint b = 0; b < s->B; b++)
      mean += s->adv[at (s, t, a, b)];
  mean /= (double) n;
  for (guint t = 0; t < s->T; t++)
    for (guint b = 0; b < s->B; b++)
      var += (s->adv[at (s, t, a, b)] - mean) * (s->adv[at (s, t, a, b)] - mean);
  sd = sqrt (var / (double) n) + 1e-8;
  for (guint t = 0; t < s->T; t++)
    for (guint b = 0; b < s->B; b++)
      s->adv[at (s, t, a, b)] = (float) ((s->adv[at (s, t, a, b)] - mean) / sd);
}

/* Adds the gradient of agent A's loss over samples IDX[0 .. N-1] (N at most
 * DS_MLP_BLOCK) to GA and GC, actor's and critic's; returns the sum of the
 * rows' entropies and adds their value losses to *VALUE, both in row order. */
static double
gradient_block (DsSwarm *s, Scratch *w, guint a, const guint *idx, guint n, float scale,
                float *ga, float *gc, double *value)
{
  DsAgent *agent = ds_swarm_net (s, a);
  guint ldv = agent->critic->ld[agent->critic->n_layers];
  const float *z, *v, *xc;
  double entropy;

  /* the networks read the samples' rows of the rollout in place, unless their
   * inputs differ from the observation (an agent's one-hot, a critic's own voice) */
  gboolean direct = !s->o.share_parameters && !s->o.independent_critic && !s->blas;
  const float *x = s->obs;
  const guint *rows = idx;

  if (!direct)
    {
      for (guint r = 0; r < n; r++)
        memcpy (w->x + (gsize) r * s->ld_in, s->obs + (gsize) idx[r] * s->ld_in,
                s->ld_in * sizeof (float));
      set_identity (s, w->x, s->ld_in, n, a);
      x = w->x;
      rows = NULL;
    }
  for (guint r = 0; r < n; r++)
    {
      gsize i = s->sample_at[idx[r]] + (gsize) a * s->B;

      w->actions[r] = s->actions[i];
      w->old_logp[r] = s->logp[i];
      w->adv[r] = s->adv[i];
      w->target[r] = s->target[i];
    }
  z = ds_mlp_forward_rows (agent->actor, w->actor, x, rows, n);
  entropy = ds_ppo_policy_loss_rows (z, s->ld_out, n, s->n_actions, w->actions, w->old_logp,
                                     w->adv, (float) s->o.clip, (float) s->o.entropy, scale,
                                     w->dz, NULL);
  ds_mlp_backward_rows (agent->actor, w->actor, x, rows, n, w->dz, ga, NULL);
  xc = direct ? x : critic_inputs (s, a, x, n, w->xc);
  v = ds_mlp_forward_rows (agent->critic, w->critic, xc, rows, n);
  memset (w->dv, 0, (gsize) n * ldv * sizeof (float));
  for (guint r = 0; r < n; r++)
    *value += ds_ppo_value_loss (v[(gsize) r * ldv], w->target[r], (float) s->o.value_coef,
                                 scale, &w->dv[(gsize) r * ldv]);
  ds_mlp_backward_rows (agent->critic, w->critic, xc, rows, n, w->dv, gc, NULL);
  return entropy;
}

/* The gradient of agent A's loss over samples IDX[0 .. N-1] into task slot TASK:
 * forward, loss and backward one block of rows at a time, so that the layers'
 * outputs stay in the cache until the backward pass reads them (the weight
 * gradients still sum the rows in order, as one pass over all of them would). */
static void
gradient_task (DsSwarm *s, Scratch *w, guint a, const guint *idx, guint n, guint task,
               float scale)
{
  DsAgent *agent = ds_swarm_net (s, a);
  float *ga = s->actor_grads[task], *gc = s->critic_grads[task];
  double entropy = 0.0, value = 0.0;

  memset (ga, 0, agent->actor->n_params * sizeof (float));
  memset (gc, 0, agent->critic->n_params * sizeof (float));
  for (guint m = 0; m < n; m += DS_MLP_BLOCK)
    entropy += gradient_block (s, w, a, idx + m, MIN (DS_MLP_BLOCK, n - m), scale, ga, gc, &value);
  ds_swarm_record_tail (s, task)[0] = entropy;
  ds_swarm_record_tail (s, task)[1] = value;
}

/* The optimiser step of every network after a minibatch, run by every thread of
 * the update's parallel region: the gradient chunks summed in a fixed order
 * (swarm-reduce.c) and the norm of actor and critic together from per-slice
 * sums in slice order (slices of REDUCE_SLICE floats, so that two threads share
 * three agents evenly); then clipping, Adam and the transposed weights, one task
 * per layer.  Alone, two barriers: the fewer, the less a thread that the system
 * puts aside holds up the others. */
static void
step_agents (DsSwarm *s, guint n_tasks)
{
  gsize na = s->agents[0]->actor->n_params, nc = s->agents[0]->critic->n_params;
  guint slices = (guint) ((na + REDUCE_SLICE - 1) / REDUCE_SLICE)
                 + (guint) ((nc + REDUCE_SLICE - 1) / REDUCE_SLICE);
  guint layers_a = s->agents[0]->actor->n_layers;
  guint layers = layers_a + s->agents[0]->critic->n_layers;
  float lr = (float) s->o.learning_rate, eps = (float) s->o.adam_eps;
  double *norms = s->slice_squares;
  float factor[DS_VOICES_MAX];

  ds_swarm_reduce (s, n_tasks, norms);
  /* every thread works out the same factors */
  for (guint k = 0; k < s->n_nets; k++)
    {
      double sum = 0.0, norm;

      for (guint slice = 0; slice < slices; slice++)
        sum += norms[k * slices + slice] * norms[k * slices + slice];
      norm = sqrt (sum);
      factor[k] = s->o.max_grad_norm > 0.0 && norm > s->o.max_grad_norm
                      ? (float) (s->o.max_grad_norm / (norm + 1e-6))
                      : 1.0f;
    }
#pragma omp for schedule(static)
  for (int task = 0; task < (int) (s->n_nets * layers); task++)
    {
      guint k = (guint) task / layers, l = (guint) task % layers;
      DsAgent *agent = s->agents[k];
      gboolean actor = l < layers_a;
      DsMlp *mlp = actor ? agent->actor : agent->critic;
      gsize lo, len;
      float *g;

      l = actor ? l : l - layers_a;
      lo = mlp->w_off[l];
      len = (gsize) mlp->ld[l] * mlp->ld[l + 1] + mlp->ld[l + 1]; /* W, then b */
      g = s->sums + (gsize) k * (na + nc) + (actor ? 0 : na) + lo;
      if (factor[k] != 1.0f)
        ds_vec_scale (g, len, factor[k]);
      ds_adam_step (mlp->params + lo, g, (actor ? agent->actor_m : agent->critic_m) + lo,
                    (actor ? agent->actor_v : agent->critic_v) + lo, len, agent->adam_t + 1, lr,
                    0.9f, 0.999f, eps);
      ds_mlp_sync_layer (mlp, l);
    }
  /* read again only after the next minibatch's barriers */
#pragma omp single nowait
  for (guint k = 0; k < s->n_nets; k++)
    s->agents[k]->adam_t++;
}

static void
shuffle (guint *perm, gsize n, DsRng *rng)
{
  for (gsize i = 0; i < n; i++)
    perm[i] = (guint) i;
  for (gsize i = n; i > 1; i--)
    {
      gsize j = ds_rng_below (rng, (uint32_t) i);
      guint tmp = perm[i - 1];

      perm[i - 1] = perm[j];
      perm[j] = tmp;
    }
}

guint
ds_swarm_minibatch_tasks (const DsSwarm *s, guint m)
{
  gsize n = (gsize) s->T * s->B;
  guint rows = (guint) (n * (m + 1) / s->o.minibatches - n * m / s->o.minibatches);

  return s->n_agents * ((rows + UPDATE_CHUNK - 1) / UPDATE_CHUNK);
}

/* PPO epochs over the iteration's samples, all in one parallel region. */
static void
update (DsSwarm *s, DsSwarmStats *stats)
{
  gsize n = (gsize) s->T * s->B;
  double entropy = 0.0, value = 0.0;
  guint64 counted = 0, at_task = 0;

#pragma omp parallel num_threads(s->threads)
  for (guint epoch = 0; epoch < s->o.epochs; epoch++)
    {
#pragma omp for schedule(static)
      for (int a = 0; a < (int) s->n_agents; a++)
        {
          DsRng rng;

          ds_rng_init_stream (&rng, s->seed ^ UINT64_C (0x5851f42d4c957f2d), s->iteration,
                              (guint64) a * 1024 + epoch);
          shuffle (s->perm + (gsize) a * n, n, &rng);
        }
      for (guint m = 0; m < s->o.minibatches; m++)
        {
          gsize lo = n * m / s->o.minibatches, hi = n * (m + 1) / s->o.minibatches;
          guint rows = (guint) (hi - lo);
          guint chunks = (rows + UPDATE_CHUNK - 1) / UPDATE_CHUNK;
          guint n_tasks = ds_swarm_minibatch_tasks (s, m), task_lo, task_hi;
          /* the mean over the minibatch, over every agent's with shared networks */
          float scale = 1.0f / (float) (rows * (s->o.share_parameters ? s->n_agents : 1));

          if (rows == 0) /* more minibatches than samples */
            continue;
          ds_swarm_share (n_tasks, s->peers.rank, s->peers.size, &task_lo, &task_hi);
#pragma omp for schedule(static)
          for (int task = (int) task_lo; task < (int) task_hi; task++)
            {
              guint a = (guint) task / chunks, c = (guint) task % chunks;
              guint off = c * UPDATE_CHUNK, len = MIN (UPDATE_CHUNK, rows - off);

              gradient_task (s, &s->scratch[ds_thread_id ()], a, s->perm + a * n + lo + off, len,
                             (guint) task, scale);
            }
          /* this process's tasks' loss sums, in (epoch, minibatch, task) order */
#pragma omp single nowait
          {
            for (guint task = task_lo; task < task_hi; task++)
              memcpy (s->task_stats + 2 * (at_task + task), ds_swarm_record_tail (s, task),
                      2 * sizeof (double));
            at_task += n_tasks;
            counted += rows * s->n_agents;
          }
          step_agents (s, n_tasks);
        }
    }
  if (s->peers.size > 1)
    ds_swarm_exchange_stats (s);
  for (guint64 i = 0; i < at_task; i++)
    {
      entropy += s->task_stats[2 * i];
      value += s->task_stats[2 * i + 1];
    }
  stats->entropy = entropy / (double) MAX (counted, 1);
  stats->value_loss = value / (double) MAX (counted, 1);
}

void
ds_swarm_iterate (DsSwarm *s, DsSwarmStats *stats)
{
  guint n_chunks = (s->B + ROLLOUT_CHUNK - 1) / ROLLOUT_CHUNK, c_lo, c_hi;
  double improvement = 0.0, final = 0.0;
  guint64 completed = 0;

  if (s->records == NULL)
    {
      g_autoptr (GError) error = NULL;

      /* callers that can report the error prepare first */
      if (!ds_swarm_prepare_training (s, &error))
        g_error ("%s", error->message);
    }
  s->exchanged_bytes = 0;
  s->exchange_seconds = 0.0;
  ds_swarm_share (n_chunks, s->peers.rank, s->peers.size, &c_lo, &c_hi);
#pragma omp parallel for schedule(static) num_threads(s->threads)
  for (int c = (int) c_lo; c < (int) c_hi; c++)
    rollout_chunk (s, &s->scratch[ds_thread_id ()], (guint) c * ROLLOUT_CHUNK,
                   MIN ((guint) (c + 1) * ROLLOUT_CHUNK, s->B));
  if (s->peers.size > 1)
    ds_swarm_exchange_rollouts (s);
  /* shared networks share the return statistics: then in agent order */
#pragma omp parallel for schedule(static) num_threads(s->threads) if (!s->o.share_parameters)
  for (int a = 0; a < (int) s->n_agents; a++)
    prepare_targets (s, (guint) a);
  update (s, stats);
  for (guint b = 0; b < s->B; b++)
    {
      improvement += s->improvement[b];
      final += s->final[b];
      completed += s->completed[b];
    }
  s->iteration++;
  s->episodes += completed;
  s->env_steps += (guint64) s->T * s->B;
  stats->iteration = s->iteration;
  stats->episodes = s->episodes;
  stats->env_steps = s->env_steps;
  stats->improvement = improvement / (double) (s->n_agents * MAX (completed, 1));
  stats->final_score = final / (double) (s->n_agents * MAX (completed, 1));
  stats->exchanged_bytes = s->exchanged_bytes;
  stats->exchange_seconds = s->exchange_seconds;
}

struct _DsSwarmActor {
  guint max_rows;
  DsMlpWork *work;
  float *x;       /* max_rows rows of ld_in */
};

DsSwarmActor *
ds_swarm_actor_new (const DsSwarm *s, guint max_rows)
{
  DsSwarmActor *actor = g_new0 (DsSwarmActor, 1);

  actor->max_rows = MAX (max_rows, 1u);
  actor->work = ds_mlp_work_new (s->agents[0]->actor, actor->max_rows);
  actor->x = ds_floats_new ((gsize) actor->max_rows * s->ld_in);
  return actor;
}

void
ds_swarm_actor_free (DsSwarmActor *actor)
{
  if (actor == NULL)
    return;
  ds_mlp_work_free (actor->work);
  ds_floats_free (actor->x);
  g_free (actor);
}

void
ds_swarm_act_rows (const DsSwarm *s, DsSwarmActor *actor, const DsStageState *states,
                   guint n, const double *temperatures, DsRng *rng, guint *actions)
{
  g_return_if_fail (n <= actor->max_rows);
  for (guint r = 0; r < n; r++)
    ds_stage_observe (s->stage, &states[r], actor->x + (gsize) r * s->ld_in);
  for (guint a = 0; a < s->n_agents; a++)
    {
      const float *z;

      set_identity (s, actor->x, s->ld_in, n, a);
      z = ds_mlp_forward (ds_swarm_net (s, a)->actor, actor->work, actor->x, n);
      for (guint r = 0; r < n; r++)
        {
          const float *zr = z + (gsize) r * s->ld_out;
          guint best = 0;

          if (temperatures[r] > 0.0)
            best = ds_softmax_sample (zr, s->n_actions, (float) temperatures[r],
                                      ds_rng_float (rng));
          else
            for (guint i = 1; i < s->n_actions; i++)
              if (zr[i] > zr[best])
                best = i;
          actions[(gsize) r * s->n_agents + a] = best;
        }
    }
}

void
ds_swarm_act (const DsSwarm *s, const DsStageState *state, double temperature, DsRng *rng,
              guint *actions)
{
  DsSwarmActor *actor = ds_swarm_actor_new (s, 1);

  ds_swarm_act_rows (s, actor, state, 1, &temperature, rng, actions);
  ds_swarm_actor_free (actor);
}

gboolean
ds_swarm_copy_weights (DsSwarm *dst, const DsSwarm *src)
{
  if (dst->n_nets != src->n_nets || dst->n_inputs != src->n_inputs
      || dst->n_actions != src->n_actions)
    return FALSE;
  for (guint k = 0; k < dst->n_nets; k++)
    if (!ds_mlp_same_shape (dst->agents[k]->actor, src->agents[k]->actor)
        || !ds_mlp_same_shape (dst->agents[k]->critic, src->agents[k]->critic))
      return FALSE;
  for (guint k = 0; k < dst->n_nets; k++)
    ds_agent_copy_params (dst->agents[k], src->agents[k]);
  return TRUE;
}
