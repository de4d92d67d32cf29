/* file-write.c: writing where the user says: atomic replacement through
 * O_TMPFILE and linkat, symbolic links followed, standard output, devices and
 * pipes in place, named temporary files only as a fallback (see file.h). */
#define _GNU_SOURCE /* O_TMPFILE */
#include "autoconfig.h"

#include "src/base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_MARK ".drumswarm-"
#define MAX_LINKS 40

static gboolean
fail (GError **error, const char *name, int saved)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot write: %s",
               name, saved == EISDIR ? "is a folder" : g_strerror (saved));
  return FALSE;
}

/* Writes all of DATA to FD, waiting when FD is non-blocking and full; errno on failure. */
static gboolean
write_all (int fd, const char *data, gsize length)
{
  for (gsize done = 0; done < length;)
    {
      ssize_t n = write (fd, data + done, MIN (length - done, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd p = { fd, POLLOUT, 0 };

          poll (&p, 1, -1);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* The path that the symbolic links at PATH lead to (PATH itself when it is no
 * link; the end may not exist yet), or NULL with errno = ELOOP.  *MAGIC is set
 * when a link leads into /proc (/dev/stdout, /dev/fd/N), whose targets are not
 * paths to replace but open files to write in place. */
static char *
resolve_links (const char *path, gboolean *magic)
{
  g_autofree char *current = g_strdup (path);

  *magic = FALSE;
  for (guint hops = 0; hops < MAX_LINKS; hops++)
    {
      g_autofree char *target = NULL, *folder = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode)
          || (target = g_file_read_link (current, NULL)) == NULL)
        return g_steal_pointer (&current);
      if (g_str_has_prefix (target, "/proc/"))
        *magic = TRUE;
      folder = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                            : g_build_filename (folder, target, NULL);
    }
  errno = ELOOP;
  return NULL;
}

/* Whether PID names a process that may still be running. */
static gboolean
process_alive (gint64 pid)
{
  return pid > 0 && pid <= G_MAXINT && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH);
}

/* Removes DIR's files `BASE.drumswarm-PID-XXXXXX` (ours, regular) whose PID
 * is gone: what a killed run left behind. */
static void
clean_stale (const char *dir, const char *base)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (base, TEMP_MARK, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *rest = name + strlen (prefix);
      char *end = NULL;
      gint64 pid;
      GStatBuf st;
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, prefix) || !g_ascii_isdigit (*rest))
        continue;
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == NULL || *end != '-' || strlen (end + 1) != 6 || pid == getpid ()
          || process_alive (pid))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ())
        g_unlink (path);
    }
}

/* Creates a named temporary file `BASE.drumswarm-PID-XXXXXX` in DIR, for where
 * O_TMPFILE cannot be had; sets *TEMP_PATH.  -1 with errno set on failure. */
static int
temp_open (const char *dir, const char *base, char **temp_path)
{
  g_autofree char *template = NULL;
  int fd;

  template = g_strdup_printf ("%s/%s" TEMP_MARK "%ld-XXXXXX", dir, base, (long) getpid ());
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return -1;
  *temp_path = g_steal_pointer (&template);
  return fd;
}

/* Links the anonymous file FD (O_TMPFILE) in as TARGET: straight to TARGET
 * when there is none yet, else under a temporary name renamed over it.  FALSE
 * with errno set when the link cannot be made (no /proc, say). */
static gboolean
link_anonymous (int fd, const char *dir, const char *base, const char *target)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  int saved;

  if (linkat (AT_FDCWD, proc, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0)
    return TRUE;
  if (errno != EEXIST)
    return FALSE;
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *temp = g_strdup_printf ("%s/%s" TEMP_MARK "%ld-%06x", dir, base,
                                               (long) getpid (),
                                               g_random_int_range (0, 0x1000000));

      if (linkat (AT_FDCWD, proc, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0)
        {
          if (errno == EEXIST)
            continue;
          return FALSE;
        }
      if (g_rename (temp, target) == 0)
        return TRUE;
      saved = errno;
      g_unlink (temp);
      errno = saved;
      return FALSE;
    }
  errno = EEXIST;
  return FALSE;
}

/* Fills FD with DATA, with MODE when set (the mode of the file it replaces),
 * synced to the disk when it replaces one. */
static gboolean
fill (int fd, const char *data, gsize length, gboolean replaces, mode_t mode)
{
  return write_all (fd, data, length) && (!replaces || fchmod (fd, mode) == 0)
         && (!replaces || fsync (fd) == 0);
}

/* Replaces TARGET (a regular file, or none yet) by DATA atomically; NAME is
 * what messages call it. */
static gboolean
write_atomic (const char *target, const char *name, const char *data, gsize length,
              GError **error)
{
  g_autofree char *dir = g_path_get_dirname (target), *base = g_path_get_basename (target);
  g_autofree char *temp = NULL;
  GStatBuf st;
  gboolean replaces = g_stat (target, &st) == 0;
  mode_t mode = replaces ? st.st_mode & 07777 : 0;
  int fd, saved;

  clean_stale (dir, base);
  fd = g_open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd >= 0)
    {
      if (!fill (fd, data, length, replaces, mode))
        {
          saved = errno;
          close (fd);
          return fail (error, name, saved);
        }
      if (link_anonymous (fd, dir, base, target))
        {
          close (fd);
          return TRUE;
        }
      saved = errno;
      close (fd);
      if (saved != ENOENT && saved != EPERM && saved != EXDEV && saved != ENOTDIR)
        return fail (error, name, saved);
      /* /proc is not there to link through: a named temporary file instead */
    }
  else if (errno == ENOENT || errno == EACCES || errno == EROFS || errno == ENOSPC
           || errno == ENOTDIR || errno == EDQUOT)
    return fail (error, name, errno);
  fd = temp_open (dir, base, &temp);
  if (fd < 0)
    return fail (error, name, errno);
  if (!fill (fd, data, length, replaces, mode) || close (fd) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return fail (error, name, saved);
    }
  if (g_rename (temp, target) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return fail (error, name, saved);
    }
  return TRUE;
}

/* Opens PATH for writing in place (created, or truncated when it is a file); a
 * FIFO that no program reads is waited for at most DS_FILE_FIFO_WAIT_MS (an
 * open() without O_NONBLOCK would wait for ever, with it fails at once:
 * ENXIO).  -1 with errno set, ENXIO when the wait was in vain. */
static int
open_in_place (const char *path)
{
  GStatBuf st;
  gint64 deadline;
  int fd;

  if (g_stat (path, &st) != 0 || !S_ISFIFO (st.st_mode))
    return g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
  deadline = g_get_monotonic_time () + DS_FILE_FIFO_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  while ((fd = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0)) < 0
         && (errno == ENXIO || errno == EINTR) && g_get_monotonic_time () < deadline)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  if (fd >= 0)
    fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

static gboolean
fail_in_place (GError **error, const char *name, int saved)
{
  if (saved != ENXIO)
    return fail (error, name, saved);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PIPE,
               "%s: cannot write: a named pipe that no program reads (waited %d s)", name,
               DS_FILE_FIFO_WAIT_MS / 1000);
  return FALSE;
}

gboolean
ds_file_write (const char *path, const char *data, gsize length, GError **error)
{
  g_autofree char *target = NULL;
  gboolean magic;
  GStatBuf st;
  int fd, saved;

  if (ds_file_is_std (path))
    {
      if (fflush (stdout) != 0 || !write_all (STDOUT_FILENO, data, length))
        return fail (error, ds_file_output_name (path), errno);
      return TRUE;
    }
  target = resolve_links (path, &magic);
  if (target == NULL)
    return fail (error, path, errno);
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    return fail (error, path, EISDIR);
  if (!magic && (g_stat (path, &st) != 0 || S_ISREG (st.st_mode)))
    return write_atomic (target, path, data, length, error);
  fd = open_in_place (path);
  if (fd < 0)
    return fail_in_place (error, path, errno);
  if (!write_all (fd, data, length))
    {
      saved = errno;
      close (fd);
      return fail (error, path, saved);
    }
  if (close (fd) != 0)
    return fail (error, path, errno);
  return TRUE;
}

FILE *
ds_file_open_stream (const char *path, GError **error)
{
  FILE *stream;
  int fd;

  if (ds_file_is_std (path))
    return stdout;
  fd = open_in_place (path);
  if (fd < 0)
    {
      fail_in_place (error, path, errno);
      return NULL;
    }
  stream = fdopen (fd, "w");
  if (stream == NULL)
    {
      fail (error, path, errno);
      close (fd);
    }
  return stream;
}

gboolean
ds_file_close_stream (FILE *stream, const char *path, GError **error)
{
  int failed = fflush (stream) != 0 || ferror (stream);
  int saved = failed ? (errno != 0 ? errno : EIO) : 0;

  if (stream != stdout && fclose (stream) != 0 && !failed)
    {
      failed = TRUE;
      saved = errno;
    }
  if (failed)
    return fail (error, ds_file_output_name (path), saved);
  return TRUE;
}

gboolean
ds_file_check_destination (const char *path, GError **error)
{
  g_autofree char *target = NULL, *folder = NULL;
  gboolean magic;

  if (ds_file_is_std (path))
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "%s: is a folder, not a file", path);
      return FALSE;
    }
  target = resolve_links (path, &magic);
  if (target == NULL)
    return fail (error, path, errno);
  folder = g_path_get_dirname (target);
  if (!magic && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: there is no folder '%s'", path,
                   folder);
      return FALSE;
    }
  return TRUE;
}
