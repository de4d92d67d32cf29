/* file.c: bounded reads, standard input, path checks (see file.h; writes are in
 * file-write.c). */
#include "autoconfig.h"

#include "src/base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
ds_file_is_std (const char *path)
{
  return path != NULL && strcmp (path, "-") == 0;
}

const char *
ds_file_input_name (const char *path)
{
  return ds_file_is_std (path) ? "standard input" : path;
}

const char *
ds_file_output_name (const char *path)
{
  return ds_file_is_std (path) ? "standard output" : path;
}

/* A FIFO being opened for reading by a helper thread: open() waits for a
 * writer, and only for so long may we.  Shared by the thread and the caller;
 * the last of the two to let go frees it. */
typedef struct {
  GMutex lock;
  GCond opened;
  char *path;
  int fd, saved;
  gboolean done, abandoned;
  gint refs;
} FifoOpen;

static void
fifo_open_unref (FifoOpen *w)
{
  if (!g_atomic_int_dec_and_test (&w->refs))
    return;
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->opened);
  g_free (w->path);
  g_free (w);
}

static gpointer
fifo_open_thread (gpointer data)
{
  FifoOpen *w = data;
  int fd = g_open (w->path, O_RDONLY | O_CLOEXEC, 0);
  int saved = errno;

  g_mutex_lock (&w->lock);
  if (w->abandoned && fd >= 0)
    close (fd);
  w->fd = fd;
  w->saved = saved;
  w->done = TRUE;
  g_cond_signal (&w->opened);
  g_mutex_unlock (&w->lock);
  fifo_open_unref (w);
  return NULL;
}

/* Opens the FIFO PATH for reading once a program opens it for writing, or
 * fails (returning -2, ERROR set) after DS_FILE_FIFO_WAIT_MS.  When no writer
 * came, opening the FIFO for writing ourselves releases the waiting open(). */
static int
open_fifo (const char *path, GError **error)
{
  FifoOpen *w = g_new0 (FifoOpen, 1);
  gint64 deadline = g_get_monotonic_time () + DS_FILE_FIFO_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  GThread *thread;
  int fd = -2, release = -1, saved = 0;

  g_mutex_init (&w->lock);
  g_cond_init (&w->opened);
  w->path = g_strdup (path);
  w->fd = -1;
  w->refs = 2;
  thread = g_thread_try_new ("drumswarm-fifo", fifo_open_thread, w, NULL);
  if (thread == NULL)
    {
      w->refs = 1;
      fifo_open_unref (w);
      return g_open (path, O_RDONLY | O_CLOEXEC, 0);
    }
  g_thread_unref (thread);
  g_mutex_lock (&w->lock);
  while (!w->done && g_cond_wait_until (&w->opened, &w->lock, deadline))
    ;
  while (!w->done)
    {
      int err;

      g_mutex_unlock (&w->lock);
      release = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
      err = errno;
      g_mutex_lock (&w->lock);
      if (release >= 0)
        {
          while (!w->done)
            g_cond_wait (&w->opened, &w->lock);
        }
      else if (err == ENXIO || err == EINTR) /* the thread is not in open() yet */
        g_cond_wait_until (&w->opened, &w->lock, g_get_monotonic_time () + 1000);
      else
        break; /* cannot release it: the thread closes what it gets, later */
    }
  if (w->done && release < 0)
    {
      fd = w->fd; /* a writer came */
      saved = w->saved;
    }
  else if (w->done && w->fd >= 0)
    close (w->fd); /* opened by our release (or a writer just as late) */
  w->abandoned = TRUE;
  g_mutex_unlock (&w->lock);
  fifo_open_unref (w);
  if (release >= 0)
    close (release);
  if (fd == -2)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PIPE,
                 "%s: cannot read: a named pipe that no program writes to (waited %d s)",
                 path, DS_FILE_FIFO_WAIT_MS / 1000);
  errno = saved;
  return fd;
}

gboolean
ds_file_read (const char *path, gsize max_bytes, const char *what, char **contents,
              gsize *length, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  const char *name = ds_file_input_name (path);
  guint8 buffer[65536];
  GStatBuf st;
  int fd, saved;

  if (ds_file_is_std (path))
    fd = STDIN_FILENO;
  else if (g_stat (path, &st) == 0 && S_ISFIFO (st.st_mode))
    fd = open_fifo (path, error);
  else
    fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd == -2)
    return FALSE;
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot read: %s",
                   name, saved == ENOENT ? "no such file" : g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || (n > 0 && (gsize) n > max_bytes - bytes->len))
        {
          saved = n < 0 ? errno : 0;
          if (fd != STDIN_FILENO)
            close (fd);
          if (saved != 0)
            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                         "%s: cannot read: %s", name,
                         saved == EISDIR ? "is a folder" : g_strerror (saved));
          else
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "%s: more than %" G_GSIZE_FORMAT " MiB; %s is smaller", name,
                         max_bytes / 1024 / 1024, what);
          return FALSE;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  if (fd != STDIN_FILENO)
    close (fd);
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

gboolean
ds_file_same (const char *a, const char *b)
{
  g_autofree char *ca = NULL, *cb = NULL;
  GStatBuf sa, sb;

  if (ds_file_is_std (a) || ds_file_is_std (b))
    return FALSE;
  ca = g_canonicalize_filename (a, NULL);
  cb = g_canonicalize_filename (b, NULL);
  return strcmp (ca, cb) == 0
         || (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
             && sa.st_ino == sb.st_ino);
}
