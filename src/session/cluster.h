/* cluster.h: the processes of an MPI job that train one swarm together.
 *
 * Under mpirun (Open MPI) every process runs the same command; the cluster
 * joins them and gives the swarm its peers (agents/swarm.h): the process's rank,
 * their number, and the allgather and messages through which the swarm
 * exchanges its rollouts and its running gradient sums.  Started without mpirun, a process is a cluster of one and
 * MPI is not started at all.  MPI lives in cluster-mpi.c alone; cluster-solo.c
 * is the same interface for a build without MPI (./configure without
 * --with-mpi), which refuses to run as one of several processes, since each
 * would train alone and all would write one model.
 *
 * Every process makes the same calls in the same order.  A process that dies
 * ends the job: Open MPI's mpirun then stops the others with SIGTERM (see
 * stop-guard.h for what they say and leave).
 *
 *   cluster = ds_cluster_join (&error);  ...each process prepares its model...
 *   if (ds_cluster_first_failure (cluster, ok) < size) ...;  ds_cluster_check_same (...)
 *   ds_swarm_set_peers (swarm, ds_cluster_peers (cluster));  ...train...;  ds_cluster_free (cluster)
 */
#pragma once

#include <glib.h>

#include "agents/swarm.h"

G_BEGIN_DECLS

#define DS_CLUSTER_ERROR (ds_cluster_error_quark ())
typedef enum {
  DS_CLUSTER_ERROR_NO_MPI,    /* started by mpirun, built without MPI */
  DS_CLUSTER_ERROR_MPI,       /* MPI could not start */
  DS_CLUSTER_ERROR_DIFFERENT, /* the processes do not start from the same thing */
} DsClusterError;

typedef struct _DsCluster DsCluster;

GQuark ds_cluster_error_quark (void);

/* The rank that mpirun gave this process (0 when not started by mpirun), known
 * before joining: which process of the job should print an error that all hit. */
guint ds_cluster_launch_rank (void);

/* Joins the job that mpirun started (MPI_Init), or makes a cluster of one. */
DsCluster *ds_cluster_join (GError **error);
/* Leaves the job (MPI_Finalize, after every process got here). */
void ds_cluster_free (DsCluster *cluster);

guint ds_cluster_rank (const DsCluster *cluster);
guint ds_cluster_size (const DsCluster *cluster);

/* The peers that a swarm trains with (valid while the cluster lives). */
const DsSwarmPeers *ds_cluster_peers (DsCluster *cluster);

/* Each process says whether it got here with OK: the lowest rank that did not,
 * or the number of processes when all did (so that one process reports an
 * error that several hit, and all stop). */
guint ds_cluster_first_failure (DsCluster *cluster, gboolean ok);

/* Fails on every process, naming the first that differs, unless every process
 * gives the same TEXT (at most 255 bytes) as rank 0; WHAT says what TEXT
 * describes ("the model"). */
gboolean ds_cluster_check_same (DsCluster *cluster, const char *what, const char *text,
                                GError **error);

/* Ends every process of the job with STATUS, after an error on this one. */
G_NORETURN void ds_cluster_abort (DsCluster *cluster, int status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsCluster, ds_cluster_free)

G_END_DECLS
