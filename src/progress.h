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

/* Before a long run: that the file PATH, written when it ends, can be created
 * there (its folder exists, and PATH is not a folder), so that a mistyped path
 * fails at once instead of after the training. */
gboolean ds_progress_check_destination (const char *path, GError **error);

/* Whether the paths A and B name one file (the same path, or the same existing
 * file), so that a run does not write two of its outputs, or an input, to one file. */
gboolean ds_progress_same_file (const char *a, const char *b);

/* Writes SIZE bytes of DATA to PATH, as a run writes its model or its plot: a
 * regular file (or a new one) atomically, by a rename; a pipe or a device
 * (/dev/stdout, /dev/null) in place, as a rename would put a regular file where
 * it was.  The error is GLib's, naming PATH. */
gboolean ds_progress_write_file (const char *path, const char *data, gsize size, GError **error);

/* A duration as "42s", "3m05s" or "1h02m". */
void ds_progress_format_duration (char *buf, gsize size, double seconds);

G_END_DECLS
