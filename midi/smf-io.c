/* smf-io.c: libsmf loading and saving with its log messages captured (see smf-io.h). */
#include "autoconfig.h"

#include "midi/smf-io.h"
#include "src/base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What libsmf said during one call on this thread. */
typedef struct {
  char *first;      /* the first critical or warning */
  guint n_problems; /* criticals and warnings */
} Capture;

static GPrivate capture_key;

static void
libsmf_log (const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
  Capture *capture = g_private_get (&capture_key);

  /* Outside a capture (which our code never does) the message is dropped:
   * it must not reach the terminal either way. */
  if (capture == NULL || (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING
                                   | G_LOG_LEVEL_ERROR)) == 0)
    return;
  if (capture->first == NULL)
    {
      const char *text = message;

      if (g_str_has_prefix (text, "SMF error: "))
        text += strlen ("SMF error: ");
      else if (g_str_has_prefix (text, "SMF warning: "))
        text += strlen ("SMF warning: ");
      capture->first = g_strdup (text);
    }
  capture->n_problems++;
}

static void
capture_begin (Capture *capture)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_log_set_handler ("libsmf", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                         libsmf_log, NULL);
      g_once_init_leave (&installed, 1);
    }
  memset (capture, 0, sizeof *capture);
  g_private_set (&capture_key, capture);
}

/* Ends the capture; on a problem sets ERROR (naming NAME) and returns FALSE. */
static gboolean
capture_end (Capture *capture, const char *name, const char *doing, GError **error)
{
  g_private_set (&capture_key, NULL);
  if (capture->n_problems == 0)
    return TRUE;
  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF, "%s: libsmf failed %s: %s", name,
               doing, capture->first);
  g_free (capture->first);
  return FALSE;
}

gboolean
ds_smf_read_file (const char *path, guint8 **data, gsize *length, GError **error)
{
  g_autoptr (GError) local = NULL;
  GStatBuf st;
  char *contents;

  /* The size first, so that a huge file is refused before it is read. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > DS_SMF_MAX_BYTES)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_MALFORMED,
                   "%s: %" G_GUINT64_FORMAT " bytes is more than the %u MiB a drum loop may "
                   "have", path, (guint64) st.st_size, DS_SMF_MAX_BYTES / 1024 / 1024);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, "%s: is a directory", path);
      return FALSE;
    }
  /* bounded: a pipe or a device (/dev/zero) has no size to check first */
  if (!ds_file_read (path, DS_SMF_MAX_BYTES, "a drum loop", &contents, length, &local))
    {
      g_set_error_literal (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, local->message);
      return FALSE;
    }
  *data = (guint8 *) contents;
  return TRUE;
}

smf_t *
ds_smf_load_unchecked (const guint8 *data, gsize length, const char *name, GError **error)
{
  Capture capture;
  smf_t *smf;

  capture_begin (&capture);
  smf = smf_load_from_memory (data, (int) length);
  if (!capture_end (&capture, name, "to read it", error))
    {
      if (smf != NULL)
        smf_delete (smf);
      return NULL;
    }
  if (smf == NULL)
    g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF, "%s: libsmf could not read it",
                 name);
  return smf;
}

smf_t *
ds_smf_load (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
             GError **error)
{
  return ds_smf_load_events (data, length, name, info, NULL, error);
}

smf_t *
ds_smf_load_events (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
                    DsSmfEvents *all, GError **error)
{
  DsSmfInfo local_info;
  g_autoptr (GBytes) canonical = NULL;
  smf_t *smf;
  gsize size;
  const guint8 *bytes;

  if (info == NULL)
    info = &local_info;
  canonical = ds_smf_check_events (data, length, name, info, all, error);
  if (canonical == NULL)
    return NULL;
  bytes = g_bytes_get_data (canonical, &size);
  smf = ds_smf_load_unchecked (bytes, size, name, error);
  if (smf == NULL)
    return NULL;
  if (smf->number_of_tracks != (int) info->n_tracks || smf->ppqn != (int) info->ppqn)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF,
                   "%s: libsmf read %d tracks at %d ppqn where the file has %u at %u", name,
                   smf->number_of_tracks, smf->ppqn, info->n_tracks, info->ppqn);
      smf_delete (smf);
      return NULL;
    }
  return smf;
}

/* Has libsmf write SMF to a new file made from TEMPLATE (its XXXXXX filled in
 * place); errors name PATH, the file the user asked for. */
static gboolean
save_temp (smf_t *smf, const char *path, char *template, GError **error)
{
  Capture capture;
  int fd, status, saved;

  fd = g_mkstemp_full (template, O_RDWR, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  capture_begin (&capture);
  status = smf_save (smf, template);
  if (!capture_end (&capture, path, "to write it", error) || status != 0)
    {
      if (status != 0 && (error == NULL || *error == NULL))
        g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF, "%s: libsmf could not write it",
                     path);
      g_unlink (template);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_smf_save (smf_t *smf, const char *path, GError **error)
{
  g_autofree char *temp = NULL;
  GStatBuf st;
  int saved;

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    {
      /* a device or a pipe: the bytes go through a temporary file elsewhere */
      g_autofree char *data = NULL;
      g_autoptr (GError) local = NULL;
      gsize length;
      gboolean got;

      temp = g_build_filename (g_get_tmp_dir (), "drumswarm-XXXXXX", NULL);
      if (!save_temp (smf, path, temp, error))
        return FALSE;
      got = g_file_get_contents (temp, &data, &length, &local);
      g_unlink (temp);
      if (!got)
        {
          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, "%s: cannot write: %s", path,
                       local->message);
          return FALSE;
        }
      if (!ds_file_write (path, data, length, &local))
        {
          g_set_error_literal (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, local->message);
          return FALSE;
        }
      return TRUE;
    }
  temp = g_strdup_printf ("%s.XXXXXX", path);
  if (!save_temp (smf, path, temp, error))
    return FALSE;
  if (g_rename (temp, path) != 0)
    {
      saved = errno;
      g_unlink (temp);
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
