/* swarm-reduce.c: a minibatch's gradient, summed chunk by chunk in a fixed order.
 *
 * Each network's gradient is the sum of its gradient chunks (tasks) in task
 * order, ((g0 + g1) + g2) + ..., whatever the number of threads and
 * processes: the bytes of a model depend on that order.  The tasks of a
 * minibatch are shared out among the processes in rank order (ds_swarm_share),
 * so a network's chunks lie on one process or on a run of consecutive ones.
 * The first of them starts the sum with its chunks and passes the running sum
 * to the next, which adds its own and passes it on; the last holds the
 * network's gradient, and one allgather then gives every process every
 * network's.  Within a process, threads share the work by slices of
 * REDUCE_SLICE floats.
 *
 * A process thus receives at most one running sum and every network's
 * gradient per minibatch, whatever the number of chunks (an allgather of the
 * chunks themselves would carry each chunk to every process), and adds only
 * its own chunks.  The sends go from lower to higher ranks in network order,
 * so no process waits on one that waits on it.
 */
#include "autoconfig.h"

#include "agents/swarm.h"
#include "agents/swarm-private.h"

#include <string.h>

/* This process's tasks of network K: *A .. *B - 1 (none when equal); the rank
 * that passes it the running sum (or G_MAXUINT when it starts the sum) and the
 * one it passes it to (or G_MAXUINT when it ends it). */
static void
my_part (const DsSwarm *s, guint k, guint n_tasks, guint *a, guint *b, guint *from, guint *to)
{
  guint lo, hi, k0, k1;

  ds_swarm_share (n_tasks, s->peers.rank, s->peers.size, &lo, &hi);
  ds_swarm_net_tasks (s, k, n_tasks, &k0, &k1);
  *a = MAX (lo, k0);
  *b = MAX (MIN (hi, k1), *a);
  *from = *a > k0 && *a < *b ? ds_swarm_task_owner (s, *a - 1, n_tasks) : G_MAXUINT;
  *to = *b < k1 && *a < *b ? ds_swarm_task_owner (s, *b, n_tasks) : G_MAXUINT;
}

static float *
net_sum (const DsSwarm *s, guint k)
{
  return s->sums + (gsize) k * ds_swarm_sum_size (s);
}

/* The running sums that this process continues, from the processes before. */
static void
receive_sums (DsSwarm *s, guint n_tasks)
{
  gsize bytes = ds_swarm_sum_size (s) * sizeof (float);

  for (guint k = 0; k < s->n_nets; k++)
    {
      guint a, b, from, to;
      gint64 t0 = g_get_monotonic_time ();

      my_part (s, k, n_tasks, &a, &b, &from, &to);
      if (from == G_MAXUINT)
        continue;
      s->peers.recv (s->peers.data, from, net_sum (s, k), bytes);
      s->exchange_seconds += (double) (g_get_monotonic_time () - t0) * 1e-6;
      s->exchanged_bytes += bytes;
    }
}

/* Passes the running sums on, then gives every process every network's sum:
 * each process gives those that it ended, a run of networks in order. */
static void
send_and_share_sums (DsSwarm *s, guint n_tasks)
{
  guint size = s->peers.size;
  gsize bytes = ds_swarm_sum_size (s) * sizeof (float);
  g_autofree gsize *sizes = g_new0 (gsize, size);
  guint before = 0; /* networks that processes before this one end */

  for (guint k = 0; k < s->n_nets; k++)
    {
      guint a, b, from, to, k0, k1, last;
      gint64 t0 = g_get_monotonic_time ();

      my_part (s, k, n_tasks, &a, &b, &from, &to);
      if (to != G_MAXUINT)
        {
          s->peers.send (s->peers.data, to, net_sum (s, k), bytes);
          s->exchange_seconds += (double) (g_get_monotonic_time () - t0) * 1e-6;
        }
      ds_swarm_net_tasks (s, k, n_tasks, &k0, &k1);
      last = ds_swarm_task_owner (s, k1 - 1, n_tasks);
      sizes[last] += bytes;
      before += last < s->peers.rank;
    }
  ds_swarm_allgather (s, net_sum (s, before), s->sums, sizes);
}

void
ds_swarm_reduce (DsSwarm *s, guint n_tasks, double *slice_norms)
{
  gsize na = s->agents[0]->actor->n_params, nc = s->agents[0]->critic->n_params;
  guint slices_a = (guint) ((na + REDUCE_SLICE - 1) / REDUCE_SLICE);
  guint slices = slices_a + (guint) ((nc + REDUCE_SLICE - 1) / REDUCE_SLICE);
  gboolean alone = s->peers.size == 1;

  if (!alone)
    {
#pragma omp master
      receive_sums (s, n_tasks);
#pragma omp barrier
    }
#pragma omp for schedule(static)
  for (int task = 0; task < (int) (s->n_nets * slices); task++)
    {
      guint k = (guint) task / slices, slice = (guint) task % slices, a, b, from, to;
      gboolean actor = slice < slices_a;
      gsize lo = (actor ? 0 : na) + (gsize) (actor ? slice : slice - slices_a) * REDUCE_SLICE;
      gsize len = MIN ((actor ? na : na + nc) - lo, (gsize) REDUCE_SLICE);
      float *g = net_sum (s, k) + lo;

      my_part (s, k, n_tasks, &a, &b, &from, &to);
      if (a == b)
        continue;
      if (from == G_MAXUINT)
        memcpy (g, s->records + (gsize) a++ * s->record + lo, len * sizeof (float));
      for (guint t = a; t < b; t++)
        ds_vec_add (g, s->records + (gsize) t * s->record + lo, len);
      if (alone && slice_norms != NULL)
        slice_norms[task] = ds_vec_norm (g, len);
    }
  if (alone)
    return;
#pragma omp master
  send_and_share_sums (s, n_tasks);
#pragma omp barrier
  if (slice_norms == NULL)
    return;
#pragma omp for schedule(static)
  for (int task = 0; task < (int) (s->n_nets * slices); task++)
    {
      guint k = (guint) task / slices, slice = (guint) task % slices;
      gboolean actor = slice < slices_a;
      gsize lo = (actor ? 0 : na) + (gsize) (actor ? slice : slice - slices_a) * REDUCE_SLICE;
      gsize len = MIN ((actor ? na : na + nc) - lo, (gsize) REDUCE_SLICE);

      slice_norms[task] = ds_vec_norm (net_sum (s, k) + lo, len);
    }
}
