/* progress.c: the progress line and the CSV log of a training run (see progress.h). */
#include "autoconfig.h"

#include "src/session/progress.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

void
ds_progress_format_duration (char *buf, gsize size, double seconds)
{
  if (seconds < 60)
    g_snprintf (buf, size, "%.0fs", seconds);
  else if (seconds < 3600)
    g_snprintf (buf, size, "%dm%02ds", (int) seconds / 60, (int) seconds % 60);
  else
    g_snprintf (buf, size, "%dh%02dm", (int) seconds / 3600, (int) seconds / 60 % 60);
}

void
ds_progress_begin (DsProgress *progress, const char *label, gboolean tty, FILE *log,
                   guint64 start, guint64 target)
{
  progress->label = label;
  progress->tty = tty;
  progress->log = log;
  progress->start = start;
  progress->target = target;
  progress->t0 = g_get_monotonic_time ();
  progress->elapsed = 0.0;
  if (log != NULL)
    fprintf (log, "iteration,episodes,env_steps,seconds,improvement,final_score,entropy,"
                  "value_loss\n");
}

void
ds_progress_update (DsProgress *progress, const DsSwarmStats *stats)
{
  double done, todo;
  char spent[32], left[32];

  progress->elapsed = (double) (g_get_monotonic_time () - progress->t0) * 1e-6;
  if (progress->log != NULL)
    fprintf (progress->log, "%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                            ",%.3f,%.6f,%.6f,%.6f,%.6f\n",
             stats->iteration, stats->episodes, stats->env_steps, progress->elapsed,
             stats->improvement, stats->final_score, stats->entropy, stats->value_loss);
  if (!progress->tty)
    return;
  done = (double) (stats->episodes - progress->start);
  todo = (double) (progress->target - progress->start);
  ds_progress_format_duration (spent, sizeof spent, progress->elapsed);
  ds_progress_format_duration (left, sizeof left,
                               done > 0 && todo > done
                                   ? progress->elapsed * (todo - done) / done : 0);
  fprintf (stderr, "\r%s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " episodes  "
                   "improvement %+.3f  elapsed %s  ETA %s   ",
           progress->label, stats->episodes, progress->target, stats->improvement, spent, left);
  fflush (stderr);
}

void
ds_progress_end (DsProgress *progress)
{
  if (progress->tty)
    fprintf (stderr, "\n");
}
