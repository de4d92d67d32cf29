/* swarm-peers.c: what processes that train one swarm together exchange (see swarm.h).
 *
 * Besides the gradients of each minibatch (swarm-reduce.c), two allgathers in
 * rank order an iteration:
 *
 * - after the rollout, each process's share of the stages (the rollout chunks
 *   ds_swarm_share gives it): the observations, actions, log-probabilities,
 *   rewards, values, episode ends and episode scores of those stages, packed
 *   section by section, so that every process holds the whole rollout;
 * - after the update, the entropy and value loss sums of the gradient tasks
 *   that each process computed, so that every process sums all of them in the
 *   order of one process (the figures of the log).
 */
#include "autoconfig.h"

#include "agents/swarm.h"
#include "agents/swarm-private.h"

#include <string.h>

void
ds_swarm_set_peers (DsSwarm *s, const DsSwarmPeers *peers)
{
  g_return_if_fail (peers == NULL || (peers->size == 1 && peers->rank == 0)
                    || (peers->rank < peers->size && peers->allgather != NULL
                        && peers->send != NULL && peers->recv != NULL));
  s->peers = peers != NULL ? *peers : (DsSwarmPeers) { .rank = 0, .size = 1 };
}

/* The exchange buffer, of at least SIZE bytes. */
static guint8 *
shares (DsSwarm *s, gsize size)
{
  if (s->shares_size < size)
    {
      g_free (s->shares);
      s->shares = g_malloc0 (size);
      s->shares_size = size;
    }
  return s->shares;
}

/* Copies N bytes between the share at *CURSOR and DATA (into the share when
 * PACK), and moves the cursor on. */
static inline void
move (guint8 **cursor, void *data, gsize n, gboolean pack)
{
  if (pack)
    memcpy (*cursor, data, n);
  else
    memcpy (data, *cursor, n);
  *cursor += n;
}

/* Walks the rollout of stages B0 .. B1 - 1, packing it into BUF or unpacking
 * it from there; returns the bytes walked (with BUF NULL: only counts them). */
static gsize
walk_share (DsSwarm *s, guint b0, guint b1, guint8 *buf, gboolean pack)
{
  guint n = b1 - b0, A = s->n_agents;
  guint8 *c = buf;
  gsize bytes = (gsize) s->T * n * s->ld_in * sizeof (float)
                + (gsize) s->T * A * n * (sizeof (guint16) + 2 * sizeof (float))
                + (gsize) (s->T + 1) * A * n * sizeof (float) + (gsize) s->T * n
                + (gsize) n * (2 * sizeof (double) + sizeof (guint));

  if (buf == NULL)
    return bytes;
  for (guint t = 0; t < s->T; t++)
    move (&c, s->obs + ((gsize) t * s->B + b0) * s->ld_in, (gsize) n * s->ld_in * sizeof (float),
          pack);
  for (guint t = 0; t < s->T; t++)
    for (guint a = 0; a < A; a++)
      {
        gsize i = ((gsize) t * A + a) * s->B + b0;

        move (&c, s->actions + i, n * sizeof (guint16), pack);
        move (&c, s->logp + i, n * sizeof (float), pack);
        move (&c, s->rewards + i, n * sizeof (float), pack);
      }
  for (guint t = 0; t <= s->T; t++)
    for (guint a = 0; a < A; a++)
      move (&c, s->values + ((gsize) t * A + a) * s->B + b0, n * sizeof (float), pack);
  for (guint t = 0; t < s->T; t++)
    move (&c, s->dones + (gsize) t * s->B + b0, n, pack);
  move (&c, s->improvement + b0, n * sizeof (double), pack);
  move (&c, s->final + b0, n * sizeof (double), pack);
  move (&c, s->completed + b0, n * sizeof (guint), pack);
  g_assert ((gsize) (c - buf) == bytes);
  return bytes;
}

static gsize
padded (gsize bytes)
{
  return (bytes + DS_SWARM_PEERS_UNIT - 1) / DS_SWARM_PEERS_UNIT * DS_SWARM_PEERS_UNIT;
}

/* The stages of rank R's rollout chunks. */
static void
rank_stages (const DsSwarm *s, guint r, guint *b0, guint *b1)
{
  guint n_chunks = (s->B + ROLLOUT_CHUNK - 1) / ROLLOUT_CHUNK, c_lo, c_hi;

  ds_swarm_share (n_chunks, r, s->peers.size, &c_lo, &c_hi);
  *b0 = MIN (c_lo * ROLLOUT_CHUNK, s->B);
  *b1 = MIN (c_hi * ROLLOUT_CHUNK, s->B);
}

void
ds_swarm_allgather (DsSwarm *s, const void *mine, void *all, const gsize *sizes)
{
  gint64 t0 = g_get_monotonic_time ();

  s->peers.allgather (s->peers.data, mine, all, sizes);
  s->exchange_seconds += (double) (g_get_monotonic_time () - t0) * 1e-6;
  for (guint r = 0; r < s->peers.size; r++)
    if (r != s->peers.rank)
      s->exchanged_bytes += sizes[r];
}

void
ds_swarm_exchange_rollouts (DsSwarm *s)
{
  guint size = s->peers.size, b0, b1;
  g_autofree gsize *sizes = g_new (gsize, size), *offsets = g_new (gsize, size);
  gsize total = 0;
  guint8 *buf;

  for (guint r = 0; r < size; r++)
    {
      rank_stages (s, r, &b0, &b1);
      offsets[r] = total;
      sizes[r] = padded (walk_share (s, b0, b1, NULL, TRUE));
      total += sizes[r];
    }
  buf = shares (s, total);
  rank_stages (s, s->peers.rank, &b0, &b1);
  walk_share (s, b0, b1, buf + offsets[s->peers.rank], TRUE);
  ds_swarm_allgather (s, buf + offsets[s->peers.rank], buf, sizes);
  for (guint r = 0; r < size; r++)
    if (r != s->peers.rank)
      {
        rank_stages (s, r, &b0, &b1);
        walk_share (s, b0, b1, buf + offsets[r], FALSE);
      }
}

/* Walks the task stats of rank R (in (epoch, minibatch, task) order) between
 * s->task_stats and BUF (into BUF when PACK); returns the bytes walked (with
 * BUF NULL: only counts them). */
static gsize
walk_stats (DsSwarm *s, guint r, guint8 *buf, gboolean pack)
{
  guint8 *c = buf;
  gsize at = 0, bytes = 0;

  for (guint epoch = 0; epoch < s->o.epochs; epoch++)
    for (guint m = 0; m < s->o.minibatches; m++)
      {
        guint n_tasks = ds_swarm_minibatch_tasks (s, m), lo, hi;

        ds_swarm_share (n_tasks, r, s->peers.size, &lo, &hi);
        bytes += (gsize) (hi - lo) * 2 * sizeof (double);
        if (buf != NULL)
          move (&c, s->task_stats + 2 * (at + lo), (gsize) (hi - lo) * 2 * sizeof (double), pack);
        at += n_tasks;
      }
  return bytes;
}

void
ds_swarm_exchange_stats (DsSwarm *s)
{
  guint size = s->peers.size;
  g_autofree gsize *sizes = g_new (gsize, size), *offsets = g_new (gsize, size);
  gsize total = 0;
  guint8 *buf;

  for (guint r = 0; r < size; r++)
    {
      offsets[r] = total;
      sizes[r] = padded (walk_stats (s, r, NULL, TRUE));
      total += sizes[r];
    }
  buf = shares (s, total);
  walk_stats (s, s->peers.rank, buf + offsets[s->peers.rank], TRUE);
  ds_swarm_allgather (s, buf + offsets[s->peers.rank], buf, sizes);
  for (guint r = 0; r < size; r++)
    if (r != s->peers.rank)
      walk_stats (s, r, buf + offsets[r], FALSE);
}

static void
checksum_floats (GChecksum *sum, const float *x, gsize n)
{
  g_checksum_update (sum, (const guchar *) x, n * sizeof (float));
}

void
ds_swarm_checksum (const DsSwarm *s, GChecksum *sum)
{
  guint64 counters[] = { s->seed, s->iteration, s->episodes, s->env_steps, s->n_agents,
                         s->n_nets, s->B, s->T };

  g_checksum_update (sum, (const guchar *) counters, sizeof counters);
  for (guint k = 0; k < s->n_nets; k++)
    {
      const DsAgent *agent = s->agents[k];
      double stats[] = { agent->ret_mean, agent->ret_var, agent->ret_count };

      checksum_floats (sum, agent->actor->params, agent->actor->n_params);
      checksum_floats (sum, agent->actor_m, agent->actor->n_params);
      checksum_floats (sum, agent->actor_v, agent->actor->n_params);
      checksum_floats (sum, agent->critic->params, agent->critic->n_params);
      checksum_floats (sum, agent->critic_m, agent->critic->n_params);
      checksum_floats (sum, agent->critic_v, agent->critic->n_params);
      g_checksum_update (sum, (const guchar *) &agent->adam_t, sizeof agent->adam_t);
      g_checksum_update (sum, (const guchar *) stats, sizeof stats);
    }
}
