/* file.c: bounded reads, safe writes, path checks (see file.h). */
#include "autoconfig.h"

#include "src/base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
ds_file_read (const char *path, gsize max_bytes, const char *what, char **contents,
                  gsize *length, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  int fd, saved;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot read: %s",
                   path, saved == ENOENT ? "no such file" : g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "%s: cannot read: %s", path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if ((gsize) n > max_bytes - bytes->len)
        {
          close (fd);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "%s: more than %" G_GSIZE_FORMAT " MiB; %s is smaller", path,
                       max_bytes / 1024 / 1024, what);
          return FALSE;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  close (fd);
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

gboolean
ds_file_write (const char *path, const char *data, gsize length, GError **error)
{
  g_autoptr (GError) local = NULL;
  GStatBuf st;
  int fd, saved = 0;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode) || S_ISDIR (st.st_mode))
    {
      if (g_file_set_contents (path, data, (gssize) length, &local))
        return TRUE;
      g_set_error (error, G_FILE_ERROR, local->code, "%s: cannot write: %s", path,
                   S_ISDIR (st.st_mode) ? "is a directory" : local->message);
      return FALSE;
    }
  fd = g_open (path, O_WRONLY, 0);
  for (gsize done = 0; fd >= 0 && done < length;)
    {
      ssize_t n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          fd = -1;
          break;
        }
      done += (gsize) n;
    }
  if (fd >= 0 && close (fd) == 0)
    return TRUE;
  if (saved == 0)
    saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: cannot write: %s",
               path, g_strerror (saved));
  return FALSE;
}

gboolean
ds_file_check_destination (const char *path, GError **error)
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
ds_file_same (const char *a, const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  GStatBuf sa, sb;

  return strcmp (ca, cb) == 0
         || (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
             && sa.st_ino == sb.st_ino);
}
