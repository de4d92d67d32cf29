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
  gboolean named = !ds_file_is_std (path); /* "-" is standard input */
  char *contents;

  /* The size first, so that a huge file is refused before it is read. */
  if (named && g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > DS_SMF_MAX_BYTES)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_MALFORMED,
                   "%s: %" G_GUINT64_FORMAT " bytes is more than the %u MiB a drum loop may "
                   "have", path, (guint64) st.st_size, DS_SMF_MAX_BYTES / 1024 / 1024);
      return FALSE;
    }
  if (named && g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
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
        ds_smf_free (smf);
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
      ds_smf_free (smf);
      return NULL;
    }
  return smf;
}

static void
append_vlq (GByteArray *out, guint32 value)
{
  guint8 bytes[5];
  guint n = 0;

  do
    bytes[n++] = (guint8) (value & 0x7F);
  while ((value >>= 7) != 0);
  while (n-- > 0)
    {
      guint8 b = bytes[n] | (n > 0 ? 0x80 : 0);

      g_byte_array_append (out, &b, 1);
    }
}

static void
append_be (GByteArray *out, guint32 value, guint size)
{
  for (guint i = size; i-- > 0;)
    {
      guint8 b = (guint8) (value >> (8 * i));

      g_byte_array_append (out, &b, 1);
    }
}

/* One event as libsmf's writer has it: channel and meta events as they are; a
 * SysEx as F0, its length and its bytes; other system messages escaped in F7. */
static void
append_event (GByteArray *out, const smf_event_t *event)
{
  const guint8 *b = event->midi_buffer;
  guint length = (guint) event->midi_buffer_length;

  if (b[0] == 0xF0)
    {
      g_byte_array_append (out, b, 1);
      append_vlq (out, length - 1);
      g_byte_array_append (out, b + 1, length - 1);
    }
  else if (b[0] >= 0xF1 && b[0] <= 0xFE)
    {
      const guint8 escape = 0xF7;

      g_byte_array_append (out, &escape, 1);
      append_vlq (out, length);
      g_byte_array_append (out, b, length);
    }
  else
    g_byte_array_append (out, b, length);
}

/* The Standard MIDI File that SMF holds, as libsmf's smf_save() writes it
 * (without running status; an End Of Track added where a track lacks one),
 * in time linear in its events.  smf_save() itself reloads what it wrote to
 * check it, and frees that copy in quadratic time (see ds_smf_free), and it
 * wants a file name.  Fails naming PATH when SMF cannot be a file. */
static GBytes *
smf_bytes (const smf_t *smf, const char *path, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();

  if (smf->ppqn <= 0 || smf->ppqn > 0x7FFF || smf->number_of_tracks < 1
      || smf->number_of_tracks > 0xFFFF || smf->format < 0 || smf->format > 1
      || (smf->format == 0 && smf->number_of_tracks > 1))
    goto bad;
  g_byte_array_append (out, (const guint8 *) "MThd", 4);
  append_be (out, 6, 4);
  append_be (out, (guint32) smf->format, 2);
  append_be (out, (guint32) smf->number_of_tracks, 2);
  append_be (out, (guint32) smf->ppqn, 2);
  for (int t = 1; t <= smf->number_of_tracks; t++)
    {
      smf_track_t *track = smf_get_track_by_number ((smf_t *) smf, t);
      guint start, previous = 0;
      gboolean ended = FALSE;

      if (track == NULL)
        goto bad;
      g_byte_array_append (out, (const guint8 *) "MTrk\0\0\0\0", 8);
      start = out->len;
      for (guint e = 0; e < track->events_array->len; e++)
        {
          const smf_event_t *event = g_ptr_array_index (track->events_array, e);

          if (ended || event->midi_buffer_length < 1 || (event->midi_buffer[0] & 0x80) == 0
              || event->time_pulses < (int) previous)
            goto bad;
          append_vlq (out, (guint32) event->time_pulses - previous);
          previous = (guint) event->time_pulses;
          append_event (out, event);
          ended = smf_event_is_eot (event);
        }
      if (!ended)
        g_byte_array_append (out, (const guint8 *) "\0\xFF\x2F\0", 4);
      for (guint i = 0; i < 4; i++)
        out->data[start - 4 + i] = (guint8) ((out->len - start) >> (8 * (3 - i)));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));

bad:
  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF,
               "%s: the MIDI data built for it cannot be a Standard MIDI File", path);
  return NULL;
}

gboolean
ds_smf_save (smf_t *smf, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = smf_bytes (smf, ds_file_output_name (path), error);
  g_autoptr (GError) local = NULL;
  gsize length;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  if (!ds_file_write (path, data, length, &local))
    {
      g_set_error_literal (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ, local->message);
      return FALSE;
    }
  return TRUE;
}

void
ds_smf_free (smf_t *smf)
{
  if (smf == NULL)
    return;
  /* smf_delete() takes each event out of its track with g_ptr_array_remove(),
   * a search from the front for the last event: quadratic in a track's
   * length (minutes for a long --repeat).  Events that no track holds are
   * only freed: detach them all first, in one pass. */
  for (int t = 1; t <= smf->number_of_tracks; t++)
    {
      smf_track_t *track = smf_get_track_by_number (smf, t);

      if (track == NULL)
        continue;
      for (guint e = 0; e < track->events_array->len; e++)
        {
          smf_event_t *event = g_ptr_array_index (track->events_array, e);

          event->track = NULL;
          smf_event_delete (event);
        }
      g_ptr_array_set_size (track->events_array, 0);
      track->number_of_events = 0;
      track->next_event_number = 0;
    }
  smf_delete (smf);
}
