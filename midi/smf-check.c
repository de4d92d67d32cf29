/* smf-check.c: chunk and event validation and the canonical copy (see smf-check.h). */
#include "autoconfig.h"

#include "midi/smf-check.h"

#include <string.h>

G_DEFINE_QUARK (ds-midi-error-quark, ds_midi_error)

/* The longest meta event libsmf 1.3 reads correctly: it takes the length
 * from one byte instead of a variable-length number. */
#define LIBSMF_MAX_META 127u

typedef struct {
  const guint8 *data;
  gsize length;
  const char *name;
  GByteArray *out;
  DsSmfInfo *info;
  DsSmfEvents *all;  /* every event, or NULL */
  guint32 tick;      /* of the event being checked */
} Checker;

void
ds_smf_events_init (DsSmfEvents *events)
{
  events->events = g_array_new (FALSE, FALSE, sizeof (DsSmfEvent));
  events->pool = g_byte_array_new ();
  events->track_ends = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
ds_smf_events_clear (DsSmfEvents *events)
{
  g_clear_pointer (&events->events, g_array_unref);
  g_clear_pointer (&events->pool, g_byte_array_unref);
  g_clear_pointer (&events->track_ends, g_array_unref);
}

const guint8 *
ds_smf_event_bytes (const DsSmfEvents *events, guint i)
{
  return events->pool->data + g_array_index (events->events, DsSmfEvent, i).offset;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static void
put_vlq (GByteArray *out, guint32 value)
{
  guint8 buf[5];
  guint n = 0;

  buf[4] = value & 0x7F;
  n = 1;
  while ((value >>= 7) != 0 && n < 5)
    {
      buf[4 - n] = (guint8) (0x80 | (value & 0x7F));
      n++;
    }
  g_byte_array_append (out, buf + 5 - n, n);
}

/* Appends an event (HEAD then BODY) of TRACK to the list of every event. */
static void
collect (Checker *c, guint track, const guint8 *head, guint n_head, const guint8 *body,
         guint32 n_body)
{
  DsSmfEvent event = { c->tick, track - 1, c->all != NULL ? c->all->pool->len : 0,
                       n_head + n_body };

  if (c->all == NULL)
    return;
  g_byte_array_append (c->all->pool, head, n_head);
  g_byte_array_append (c->all->pool, body, n_body);
  g_array_append_val (c->all->events, event);
}

static void
set_malformed (Checker *c, GError **error, const char *format, va_list args)
    G_GNUC_PRINTF (3, 0);

static void
set_malformed (Checker *c, GError **error, const char *format, va_list args)
{
  g_autofree char *what = g_strdup_vprintf (format, args);

  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_MALFORMED, "%s: %s", c->name, what);
}

/* Sets ERROR to "NAME: what" and returns FALSE. */
static gboolean
malformed (Checker *c, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
malformed (Checker *c, GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  set_malformed (c, error, format, args);
  va_end (args);
  return FALSE;
}

/* The same, returning no canonical copy. */
static GBytes *
refuse (Checker *c, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static GBytes *
refuse (Checker *c, GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  set_malformed (c, error, format, args);
  va_end (args);
  return NULL;
}

/* Reads a variable-length number of at most four bytes at *POS (< END). */
static gboolean
read_vlq (Checker *c, gsize *pos, gsize end, guint track, const char *what, guint32 *value,
          GError **error)
{
  guint32 v = 0;
  gsize start = *pos;

  for (guint i = 0; i < 4; i++)
    {
      guint8 b;

      if (*pos >= end)
        return malformed (c, error, "track %u ends inside %s at byte %" G_GSIZE_FORMAT, track,
                          what, start);
      b = c->data[(*pos)++];
      v = (v << 7) | (b & 0x7Fu);
      if ((b & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return malformed (c, error, "track %u: %s at byte %" G_GSIZE_FORMAT
                    " is longer than four bytes", track, what, start);
}

/* Writes an event to the canonical copy with the delta time PENDING carried
 * over from the events left out; fails past DS_SMF_MAX_EVENTS, as libsmf 1.3
 * takes time quadratic in a track's events. */
static gboolean
keep_event (Checker *c, guint track, gsize at, guint32 *pending, const guint8 *head,
            guint n_head, const guint8 *body, guint n_body, GError **error)
{
  if (c->info->n_events == DS_SMF_MAX_EVENTS)
    return malformed (c, error, "more than %u notes and tempo, meter and name events "
                      "(track %u, byte %" G_GSIZE_FORMAT "): far more than a drum loop has",
                      DS_SMF_MAX_EVENTS, track, at);
  put_vlq (c->out, *pending);
  *pending = 0;
  g_byte_array_append (c->out, head, n_head);
  g_byte_array_append (c->out, body, n_body);
  c->info->n_events++;
  return TRUE;
}

/* The sizes a meta event of TYPE must have, or -1 when any size goes. */
static int
meta_size (guint8 type)
{
  switch (type)
    {
    case 0x20: case 0x21: return 1;  /* channel prefix, port */
    case 0x2F: return 0;             /* end of track */
    case 0x51: return 3;             /* tempo */
    case 0x54: return 5;             /* SMPTE offset */
    case 0x58: return 4;             /* time signature */
    case 0x59: return 2;             /* key signature */
    default: return -1;
    }
}

/* Checks the meta event whose type byte is at *POS; keeps it when libsmf can
 * read it.  Sets *EOT on an end-of-track. */
static gboolean
check_meta (Checker *c, gsize *pos, gsize end, guint track, gsize at, guint32 *pending,
            gboolean *eot, GError **error)
{
  guint8 type;
  guint32 size;
  int expected;
  const guint8 *body;

  if (*pos >= end)
    return malformed (c, error, "track %u ends inside a meta event at byte %" G_GSIZE_FORMAT,
                      track, at);
  type = c->data[(*pos)++];
  if (type >= 0x80)
    return malformed (c, error, "track %u: meta event type 0x%02x at byte %" G_GSIZE_FORMAT
                      " is not below 0x80", track, type, at);
  if (!read_vlq (c, pos, end, track, "a meta event's length", &size, error))
    return FALSE;
  if (size > end - *pos)
    return malformed (c, error, "track %u: a meta event at byte %" G_GSIZE_FORMAT
                      " claims %u bytes but the track has %" G_GSIZE_FORMAT " left",
                      track, at, size, end - *pos);
  body = c->data + *pos;
  expected = meta_size (type);
  if (expected >= 0 && (int) size != expected && !(type == 0x00 && (size == 0 || size == 2)))
    return malformed (c, error, "track %u: meta event 0x%02x at byte %" G_GSIZE_FORMAT
                      " has %u data bytes, not %d", track, type, at, size, expected);
  if (type == 0x51 && body[0] == 0 && body[1] == 0 && body[2] == 0)
    return malformed (c, error, "track %u: a tempo of 0 microseconds per quarter note at byte %"
                      G_GSIZE_FORMAT, track, at);
  if (type == 0x58 && (body[0] == 0 || body[1] > 10))
    return malformed (c, error, "track %u: time signature %u/2^%u at byte %" G_GSIZE_FORMAT
                      " is not a meter", track, body[0], body[1], at);
  *pos += size;
  *eot = type == 0x2F;
  if (c->all != NULL && !*eot)
    {
      g_autoptr (GByteArray) head = g_byte_array_new ();

      g_byte_array_append (head, (const guint8[]) { 0xFF, type }, 2);
      put_vlq (head, size);
      collect (c, track, head->data, head->len, body, size);
    }
  if ((type != 0x2F && type != 0x51 && type != 0x58 && type != 0x03) || size > LIBSMF_MAX_META)
    {
      c->info->n_dropped++;
      return TRUE;
    }
  return keep_event (c, track, at, pending, (const guint8[]) { 0xFF, type, (guint8) size }, 3,
                     body, size, error);
}

/* Checks one channel message whose data start at *POS with STATUS. */
static gboolean
check_channel (Checker *c, gsize *pos, gsize end, guint track, gsize at, guint8 status,
               guint32 *pending, GError **error)
{
  guint n_data = (status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0 ? 1 : 2;

  if (end - *pos < n_data)
    return malformed (c, error, "track %u ends inside an event at byte %" G_GSIZE_FORMAT,
                      track, at);
  for (guint i = 0; i < n_data; i++)
    if (c->data[*pos + i] >= 0x80)
      return malformed (c, error, "track %u: data byte 0x%02x at byte %" G_GSIZE_FORMAT
                        " is not below 0x80", track, c->data[*pos + i], *pos + i);
  *pos += n_data;
  collect (c, track, &status, 1, c->data + *pos - n_data, n_data);
  /* only note-ons sound: note-offs, controllers and the rest stay out */
  if ((status & 0xF0) != 0x90 || c->data[*pos - 1] == 0)
    {
      c->info->n_dropped++;
      return TRUE;
    }
  return keep_event (c, track, at, pending, &status, 1, c->data + *pos - n_data, n_data, error);
}

/* Checks the events of track TRACK in [START, END) and writes the canonical chunk. */
static gboolean
check_track (Checker *c, gsize start, gsize end, guint track, GError **error)
{
  gsize pos = start, chunk_at = c->out->len;
  guint8 running = 0;
  guint32 pending = 0, ticks = 0;
  gboolean eot = FALSE;

  g_byte_array_append (c->out, (const guint8 *) "MTrk\0\0\0\0", 8);
  while (pos < end)
    {
      gsize at = pos;
      guint32 delta;
      guint8 b;

      if (eot)
        return malformed (c, error, "track %u goes on for %" G_GSIZE_FORMAT
                          " bytes after its end-of-track event, at byte %" G_GSIZE_FORMAT,
                          track, end - pos, pos);
      if (!read_vlq (c, &pos, end, track, "a delta time", &delta, error))
        return FALSE;
      if (delta > DS_SMF_MAX_TICKS - ticks)
        return malformed (c, error, "track %u is longer than %u ticks (at byte %"
                          G_GSIZE_FORMAT ")", track, DS_SMF_MAX_TICKS, at);
      ticks += delta;
      pending += delta;
      c->tick = ticks;
      if (pos >= end)
        return malformed (c, error, "track %u ends inside an event at byte %" G_GSIZE_FORMAT,
                          track, at);
      b = c->data[pos];
      if (b < 0x80)
        {
          if (running == 0)
            return malformed (c, error, "track %u: data byte 0x%02x at byte %" G_GSIZE_FORMAT
                              " follows no channel message (no running status)",
                              track, b, pos);
          if (!check_channel (c, &pos, end, track, at, running, &pending, error))
            return FALSE;
        }
      else if (b < 0xF0)
        {
          running = b;
          pos++;
          if (!check_channel (c, &pos, end, track, at, running, &pending, error))
            return FALSE;
        }
      else if (b == 0xFF)
        {
          running = 0;
          pos++;
          if (!check_meta (c, &pos, end, track, at, &pending, &eot, error))
            return FALSE;
        }
      else if (b == 0xF0 || b == 0xF7)
        {
          guint32 size;

          running = 0;
          pos++;
          if (!read_vlq (c, &pos, end, track, "a sysex event's length", &size, error))
            return FALSE;
          if (size > end - pos)
            return malformed (c, error, "track %u: a sysex event at byte %" G_GSIZE_FORMAT
                              " claims %u bytes but the track has %" G_GSIZE_FORMAT " left",
                              track, at, size, end - pos);
          collect (c, track, &b, 1, c->data + pos, size);
          pos += size;
          c->info->n_dropped++;
        }
      else
        return malformed (c, error, "track %u: status byte 0x%02x at byte %" G_GSIZE_FORMAT
                          " is a system message, which a MIDI file cannot hold", track, b, pos);
    }
  if (!eot)
    return malformed (c, error, "track %u has no end-of-track event (the track stops at byte %"
                      G_GSIZE_FORMAT ")", track, end);
  put_be32 (c->out->data + chunk_at + 4, (guint32) (c->out->len - chunk_at - 8));
  if (c->all != NULL)
    g_array_append_val (c->all->track_ends, ticks);
  return TRUE;
}

static gboolean
check_header (Checker *c, GError **error)
{
  guint32 header_length;
  guint division;

  if (c->length == 0)
    return malformed (c, error, "empty file (0 bytes)");
  if (c->length > DS_SMF_MAX_BYTES)
    return malformed (c, error, "%" G_GSIZE_FORMAT " bytes is more than the %u MiB "
                      "a drum loop may have", c->length, DS_SMF_MAX_BYTES / 1024 / 1024);
  if (c->length < 4 || memcmp (c->data, "MThd", 4) != 0)
    return malformed (c, error, "not a Standard MIDI File (it does not start with 'MThd')");
  if (c->length < 14)
    return malformed (c, error, "truncated header: %" G_GSIZE_FORMAT " bytes, "
                      "a MIDI file header needs 14", c->length);
  header_length = read_be32 (c->data + 4);
  if (header_length != 6)
    return malformed (c, error, "header length %u, expected 6", header_length);
  c->info->format = read_be16 (c->data + 8);
  c->info->n_tracks = read_be16 (c->data + 10);
  division = read_be16 (c->data + 12);
  if (c->info->format == 2)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_UNSUPPORTED,
                   "%s: SMF format 2 (independent sequences) is not supported; "
                   "save the loop as format 0 or 1", c->name);
      return FALSE;
    }
  if (c->info->format > 2)
    return malformed (c, error, "format %u in the header is not 0, 1 or 2", c->info->format);
  if (c->info->n_tracks == 0)
    return malformed (c, error, "the header declares no tracks");
  if (c->info->format == 0 && c->info->n_tracks != 1)
    return malformed (c, error, "format 0 allows one track, the header declares %u",
                      c->info->n_tracks);
  if (c->info->n_tracks > DS_SMF_MAX_TRACKS)
    return malformed (c, error, "%u tracks, more than the %u a drum loop may have",
                      c->info->n_tracks, DS_SMF_MAX_TRACKS);
  if (division & 0x8000)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_UNSUPPORTED,
                   "%s: SMPTE time division (%d frames per second) is not supported; "
                   "save the loop with ticks per quarter note (PPQN)", c->name,
                   -(int) (gint8) (division >> 8));
      return FALSE;
    }
  if (division == 0)
    return malformed (c, error, "the header gives 0 ticks per quarter note (ppqn)");
  c->info->ppqn = division;
  g_byte_array_append (c->out, c->data, 14);
  return TRUE;
}

static gboolean
is_chunk_id (const guint8 *p)
{
  for (guint i = 0; i < 4; i++)
    if (p[i] < 0x20 || p[i] > 0x7E)
      return FALSE;
  return TRUE;
}

GBytes *
ds_smf_check (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
              GError **error)
{
  return ds_smf_check_events (data, length, name, info, NULL, error);
}

GBytes *
ds_smf_check_events (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
                     DsSmfEvents *all, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_sized_new ((guint) MIN (length * 2 + 64, 1u << 24));
  Checker c = { data, length, name, out, info, all, 0 };
  gsize pos = 14;
  guint found = 0;

  memset (info, 0, sizeof *info);
  if (!check_header (&c, error))
    return NULL;
  while (pos < length)
    {
      gsize left = length - pos;
      guint32 size;

      if (left < 8 || !is_chunk_id (data + pos)
          || (memcmp (data + pos, "MTrk", 4) != 0 && read_be32 (data + pos + 4) > left - 8))
        {
          if (found == info->n_tracks)
            return refuse (&c, error, "%" G_GSIZE_FORMAT " bytes of garbage after the last "
                              "track, at byte %" G_GSIZE_FORMAT, left, pos);
          if (left < 8)
            return refuse (&c, error, "file is truncated: the header of track %u is cut "
                              "at byte %" G_GSIZE_FORMAT, found + 1, length);
          return refuse (&c, error, "expected track %u (an MTrk chunk) at byte %"
                            G_GSIZE_FORMAT ", found bytes that are no chunk", found + 1,
                            pos);
        }
      size = read_be32 (data + pos + 4);
      if (memcmp (data + pos, "MTrk", 4) != 0)
        {
          info->n_alien_chunks++;
          pos += 8 + (gsize) size;
          continue;
        }
      if (found == info->n_tracks)
        return refuse (&c, error, "an MTrk chunk at byte %" G_GSIZE_FORMAT " after the %u "
                          "tracks the header declares", pos, info->n_tracks);
      found++;
      if (size > left - 8)
        return refuse (&c, error, "file is truncated: track %u at byte %" G_GSIZE_FORMAT
                          " claims %u bytes but the file has %" G_GSIZE_FORMAT " left",
                          found, pos, size, left - 8);
      if (!check_track (&c, pos + 8, pos + 8 + size, found, error))
        return NULL;
      pos += 8 + (gsize) size;
    }
  if (found < info->n_tracks)
    return refuse (&c, error, "file is truncated: the header declares %u tracks, "
                      "the file holds %u", info->n_tracks, found);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
