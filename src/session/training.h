/* training.h: the training loop that `train` and `session` share.
 *
 * A run iterates a model's swarm until it has the episodes its options ask for
 * (model->options.episodes), shows the progress line and writes the CSV log
 * (progress.h), keeps the curve of final scores for a plot, and writes the
 * model to its file at the end and, as checkpoints, every N iterations or every
 * S seconds on the way.  The file is written atomically (src/base/file.h), so a
 * run that is stopped, by a signal or by mpirun when one of its processes dies,
 * leaves the last checkpoint whole: `train --resume MODEL` goes on from it, to
 * the same bytes as a run that was never stopped.  A stop guard (stop-guard.h),
 * when given, waits for a checkpoint being written and then says which one is
 * the last.  Under MPI every process runs the loop; only one (rank 0) is given
 * the model path, the log and the progress line.
 *
 *   DsTrainingOptions o;  ds_training_options_init (&o, "train");  o.model_path = "m.dsm";
 *   ds_training_run (model, &o, &result, &error)
 */
#pragma once

#include <glib.h>

#include "agents/model.h"
#include "src/session/stop-guard.h"

G_BEGIN_DECLS

typedef struct {
  const char *label;        /* names the run on the progress line: "train", "session" */
  gboolean tty;             /* draw the progress line on stderr */
  const char *log_path;     /* one CSV row per iteration, or NULL */
  const char *model_path;   /* the model is written here at the end and at checkpoints, or NULL */
  guint64 every_iterations; /* a checkpoint every N iterations (0: not by count) */
  double every_seconds;     /* a checkpoint every S seconds (0: not by time) */
  GArray *curve;            /* gets each iteration's mean final score (double), or NULL */
  DsStopGuard *guard;       /* held while the model is written and told the last one, or NULL */
  guint processes;          /* processes training together (MPI), for the guard's line */
} DsTrainingOptions;

typedef struct {
  guint64 start;            /* episodes the model had before the run */
  guint64 iterations;       /* iterations in this run */
  guint64 checkpoints;      /* checkpoints written on the way (the final write not counted) */
  DsSwarmStats last;        /* the last iteration's (zeros when none ran) */
  double seconds;           /* time spent training */
  guint64 exchanged_bytes;  /* bytes received from the other processes (MPI), in all */
  double exchange_seconds;  /* time spent exchanging with them, waiting included */
} DsTrainingResult;

/* Options that draw nothing and write nothing, for the run called LABEL. */
void ds_training_options_init (DsTrainingOptions *options, const char *label);

/* Reads a checkpoint interval: "N" iterations, or "Ns", "Nm", "Nh" seconds,
 * minutes, hours (N a positive number; whole for iterations). */
gboolean ds_training_parse_every (const char *text, guint64 *iterations, double *seconds,
                                  GError **error);

/* Trains MODEL up to its episodes; fails when the log or the model cannot be
 * written (saying which file). */
gboolean ds_training_run (DsModel *model, const DsTrainingOptions *options,
                          DsTrainingResult *result, GError **error);

G_END_DECLS
