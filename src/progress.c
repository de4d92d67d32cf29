/* progress.c: the progress line and the CSV log of a training run (see progress.h). */
#include "autoconfig.h"

#include "src/progress.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

gboolean
ds_progress_check_destination (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "%s: is a folder, not a file", path);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: there is no folder '%s'", path,
                   folder);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_progress_write_file (const char *path, const char *data, gsize size, GError **error)
{
  GStatBuf st;
  FILE *f;
  int saved;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode) || S_ISDIR (st.st_mode))
    return g_file_set_contents (path, data, (gssize) size, error);
  f = fopen (path, "wb");
  if (f != NULL)
    {
      gboolean written = fwrite (data, 1, size, f) == size;

      saved = errno;
      if (fclose (f) != 0 && written)
        {
          written = FALSE;
          saved = errno;
        }
      if (written)
        return TRUE;
    }
  else
    saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Failed to write “%s”: %s",
               path, g_strerror (saved));
  return FALSE;
}

gboolean
ds_progress_same_file (const char *a, const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  GStatBuf sa, sb;

  return strcmp (ca, cb) == 0
         || (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
             && sa.st_ino == sb.st_ino);
}

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
