/* cluster-mpi.c: the cluster through MPI (Open MPI; see cluster.h).
 *
 * MPI starts only in a process that mpirun launched (Open MPI sets
 * OMPI_COMM_WORLD_SIZE; PMIx and PMI launchers set PMIX_RANK or PMI_SIZE), so a
 * plain `drumswarm train` pays nothing for it.  MPI is asked for
 * MPI_THREAD_FUNNELED: the swarm calls the allgather from the thread that
 * started MPI (the master thread of its OpenMP regions).  A process that waits
 * for the others yields its core (Open MPI's mpi_yield_when_idle, unless the
 * user set it): on a machine that other programs load, a process spinning in
 * a wait takes the time that the process it waits for needs (measured once on
 * a 2-core machine at load 8: w1 on 2 processes at 25 k env-steps/s yielding,
 * 14 k spinning), and on an idle one a yield costs next to nothing.  The allgather counts
 * in units of DS_SWARM_PEERS_UNIT bytes, so that MPI's int counts reach far
 * beyond 2 GiB (a send, one network's gradient, stays far below); errors are
 * MPI's default, fatal to the whole job.
 */
#include "autoconfig.h"

#include "src/session/cluster.h"

#include <limits.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ds-cluster-error-quark, ds_cluster_error)

#define TEXT_MAX 256
#define HOST_MAX 64

struct _DsCluster {
  DsSwarmPeers peers;
  gboolean started;    /* MPI_Init was called here */
  MPI_Datatype unit;   /* DS_SWARM_PEERS_UNIT bytes */
  int *counts, *displs;
};

/* One process's say in ds_cluster_check_same. */
typedef struct {
  char text[TEXT_MAX];
  char host[HOST_MAX];
} Say;

static const char *
launch_env (const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_getenv (names[i]) != NULL)
      return g_getenv (names[i]);
  return NULL;
}

guint
ds_cluster_launch_rank (void)
{
  static const char *const names[] = { "OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", NULL };
  const char *rank = launch_env (names);

  return rank != NULL ? (guint) atoi (rank) : 0;
}

static gboolean
launched (void)
{
  static const char *const names[] = { "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", NULL };

  return launch_env (names) != NULL;
}

static void
allgather (gpointer data, const void *mine, void *all, const gsize *sizes)
{
  DsCluster *cluster = data;
  guint rank = cluster->peers.rank;
  gsize offset = 0;
  const void *send;

  for (guint r = 0; r < cluster->peers.size; r++)
    {
      g_assert (sizes[r] % DS_SWARM_PEERS_UNIT == 0);
      g_assert (offset / DS_SWARM_PEERS_UNIT + sizes[r] / DS_SWARM_PEERS_UNIT <= INT_MAX);
      cluster->counts[r] = (int) (sizes[r] / DS_SWARM_PEERS_UNIT);
      cluster->displs[r] = (int) (offset / DS_SWARM_PEERS_UNIT);
      offset += sizes[r];
    }
  send = (const guint8 *) mine
                 == (const guint8 *) all + (gsize) cluster->displs[rank] * DS_SWARM_PEERS_UNIT
             ? MPI_IN_PLACE
             : mine;
  MPI_Allgatherv (send, cluster->counts[rank], cluster->unit, all, cluster->counts,
                  cluster->displs, cluster->unit, MPI_COMM_WORLD);
}

static void
send (gpointer data, guint to, const void *buf, gsize size)
{
  g_assert (size <= INT_MAX);
  MPI_Send (buf, (int) size, MPI_BYTE, (int) to, 0, MPI_COMM_WORLD);
}

static void
recv (gpointer data, guint from, void *buf, gsize size)
{
  g_assert (size <= INT_MAX);
  MPI_Recv (buf, (int) size, MPI_BYTE, (int) from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

DsCluster *
ds_cluster_join (GError **error)
{
  g_autoptr (DsCluster) cluster = g_new0 (DsCluster, 1);
  int provided = MPI_THREAD_SINGLE, rank, size, ready = 0;

  cluster->peers = (DsSwarmPeers) { .rank = 0, .size = 1 };
  if (!launched ())
    return g_steal_pointer (&cluster);
  MPI_Initialized (&ready);
  if (!ready)
    {
      g_setenv ("OMPI_MCA_mpi_yield_when_idle", "1", FALSE);
      if (MPI_Init_thread (NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        {
          g_set_error (error, DS_CLUSTER_ERROR, DS_CLUSTER_ERROR_MPI, "MPI did not start");
          return NULL;
        }
      cluster->started = TRUE;
    }
  else
    MPI_Query_thread (&provided);
  if (provided < MPI_THREAD_FUNNELED)
    {
      g_set_error (error, DS_CLUSTER_ERROR, DS_CLUSTER_ERROR_MPI,
                   "this MPI cannot be used from a program with threads "
                   "(MPI_THREAD_FUNNELED)");
      return NULL;
    }
  MPI_Comm_rank (MPI_COMM_WORLD, &rank);
  MPI_Comm_size (MPI_COMM_WORLD, &size);
  MPI_Type_contiguous (DS_SWARM_PEERS_UNIT, MPI_BYTE, &cluster->unit);
  MPI_Type_commit (&cluster->unit);
  cluster->counts = g_new0 (int, size);
  cluster->displs = g_new0 (int, size);
  cluster->peers = (DsSwarmPeers) { .rank = (guint) rank, .size = (guint) size,
                                    .allgather = allgather, .send = send, .recv = recv,
                                    .data = cluster };
  return g_steal_pointer (&cluster);
}

void
ds_cluster_free (DsCluster *cluster)
{
  if (cluster == NULL)
    return;
  if (cluster->counts != NULL)
    MPI_Type_free (&cluster->unit);
  if (cluster->started)
    MPI_Finalize ();
  g_free (cluster->counts);
  g_free (cluster->displs);
  g_free (cluster);
}

guint ds_cluster_rank (const DsCluster *cluster) { return cluster->peers.rank; }
guint ds_cluster_size (const DsCluster *cluster) { return cluster->peers.size; }
const DsSwarmPeers *ds_cluster_peers (DsCluster *cluster) { return &cluster->peers; }

guint
ds_cluster_first_failure (DsCluster *cluster, gboolean ok)
{
  int mine = (int) (ok ? cluster->peers.size : cluster->peers.rank), first = mine;

  if (cluster->peers.size > 1)
    MPI_Allreduce (&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return (guint) first;
}

gboolean
ds_cluster_check_same (DsCluster *cluster, const char *what, const char *text, GError **error)
{
  guint size = cluster->peers.size;
  g_autofree Say *says = NULL;
  Say mine;

  if (size == 1)
    return TRUE;
  memset (&mine, 0, sizeof mine);
  g_strlcpy (mine.text, text, sizeof mine.text);
  g_strlcpy (mine.host, g_get_host_name (), sizeof mine.host);
  says = g_new0 (Say, size);
  MPI_Allgather (&mine, sizeof mine, MPI_BYTE, says, sizeof mine, MPI_BYTE, MPI_COMM_WORLD);
  for (guint r = 1; r < size; r++)
    if (strcmp (says[r].text, says[0].text) != 0)
      {
        g_set_error (error, DS_CLUSTER_ERROR, DS_CLUSTER_ERROR_DIFFERENT,
                     "the processes must start from the same %s, but rank %u (on %s) has %s "
                     "and rank 0 (on %s) %s", what, r, says[r].host, says[r].text,
                     says[0].host, says[0].text);
        return FALSE;
      }
  return TRUE;
}

void
ds_cluster_abort (DsCluster *cluster, int status)
{
  if (cluster->peers.size > 1)
    MPI_Abort (MPI_COMM_WORLD, status);
  exit (status);
}
