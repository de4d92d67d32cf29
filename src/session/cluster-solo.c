/* cluster-solo.c: the cluster of a drumswarm built without MPI: always one
 * process (see cluster.h). */
#include "autoconfig.h"

#include "src/session/cluster.h"

#include <stdlib.h>

G_DEFINE_QUARK (ds-cluster-error-quark, ds_cluster_error)

struct _DsCluster {
  DsSwarmPeers peers;
};

/* The rank and size that Open MPI's launcher gives a process it starts. */
guint
ds_cluster_launch_rank (void)
{
  const char *rank = g_getenv ("OMPI_COMM_WORLD_RANK");

  return rank != NULL ? (guint) atoi (rank) : 0;
}

DsCluster *
ds_cluster_join (GError **error)
{
  const char *size = g_getenv ("OMPI_COMM_WORLD_SIZE");
  DsCluster *cluster;

  if (size != NULL && atoi (size) > 1)
    {
      g_set_error (error, DS_CLUSTER_ERROR, DS_CLUSTER_ERROR_NO_MPI,
                   "this drumswarm was built without MPI (./configure --with-mpi): under "
                   "mpirun -np %s each process would train alone", size);
      return NULL;
    }
  cluster = g_new0 (DsCluster, 1);
  cluster->peers = (DsSwarmPeers) { .rank = 0, .size = 1 };
  return cluster;
}

void
ds_cluster_free (DsCluster *cluster)
{
  g_free (cluster);
}

guint ds_cluster_rank (const DsCluster *cluster) { return 0; }
guint ds_cluster_size (const DsCluster *cluster) { return 1; }
const DsSwarmPeers *ds_cluster_peers (DsCluster *cluster) { return &cluster->peers; }
guint ds_cluster_first_failure (DsCluster *cluster, gboolean ok) { return ok ? 1 : 0; }

gboolean
ds_cluster_check_same (DsCluster *cluster, const char *what, const char *text, GError **error)
{
  return TRUE;
}

void
ds_cluster_abort (DsCluster *cluster, int status)
{
  exit (status);
}
