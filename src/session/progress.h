/* progress.h: what a training run shows while it runs, and its CSV log.
 *
 * On a terminal, one line rewritten in place: episodes done of the target, the
 * mean improvement of the last iteration's episodes, the time spent and the time
 * left.  The log has one CSV row per iteration (iteration, episodes, env_steps,
 * seconds, improvement, final_score, entropy, value_loss).  `train` and
 * `session` share both.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "agents/swarm.h"

G_BEGIN_DECLS

typedef struct {
  const char *label;   /* "train", "session" */
  gboolean tty;        /* draw the progress line (on stderr) */
  FILE *log;           /* CSV rows, or NULL */
  guint64 start;       /* episodes done before this run */
  guint64 target;      /* episodes to reach */
  gint64 t0;           /* monotonic start time */
  double elapsed;      /* seconds, at the last update */
} DsProgress;

/* Starts a run from START to TARGET episodes; writes the CSV header to LOG. */
void ds_progress_begin (DsProgress *progress, const char *label, gboolean tty, FILE *log,
                        guint64 start, guint64 target);

/* After an iteration: the log row and the progress line. */
void ds_progress_update (DsProgress *progress, const DsSwarmStats *stats);

/* Ends the progress line. */
void ds_progress_end (DsProgress *progress);

/* A duration as "42s", "3m05s" or "1h02m". */
void ds_progress_format_duration (char *buf, gsize size, double seconds);

G_END_DECLS
