/* source.c: the events of a loop's MIDI file, notes paired (see source.h). */
#include "autoconfig.h"

#include "midi/source.h"

#include <string.h>

struct _DsMidiSource {
  gint refs;
  guint ppqn;
  guint n_tracks;
  guint drum_channels;
  GArray *events;   /* DsSourceEvent */
  GByteArray *pool;
};

static DsSourceKind
kind_of (guint8 status)
{
  return status == 0xFF ? DS_SOURCE_META
         : status == 0xF0 || status == 0xF7 ? DS_SOURCE_SYSEX
         : DS_SOURCE_CHANNEL;
}

/* The notes still sounding in one track: per channel and key, the indices
 * (into the source's events) of their note-ons, oldest first. */
typedef struct {
  GQueue sounding[16][128];
} Pending;

static void
pending_clear (Pending *pending)
{
  for (guint c = 0; c < 16; c++)
    for (guint k = 0; k < 128; k++)
      g_queue_clear (&pending->sounding[c][k]);
}

/* Ends the oldest note of CHANNEL (0-based) and KEY at TICK; FALSE when none sounds. */
static gboolean
end_note (DsMidiSource *source, Pending *pending, const guint8 *bytes, guint32 tick)
{
  guint channel = bytes[0] & 0x0F, key = bytes[1];
  gpointer found = g_queue_pop_head (&pending->sounding[channel][key]);
  DsSourceEvent *note;

  if (found == NULL)
    return FALSE;
  note = &g_array_index (source->events, DsSourceEvent, GPOINTER_TO_UINT (found) - 1);
  note->length = tick - note->tick;
  note->off_status = bytes[0];
  note->off_velocity = bytes[2];
  return TRUE;
}

/* Notes that no note-off ended last to their track's END. */
static void
end_track (DsMidiSource *source, Pending *pending, guint32 end)
{
  for (guint c = 0; c < 16; c++)
    for (guint k = 0; k < 128; k++)
      {
        gpointer found;

        while ((found = g_queue_pop_head (&pending->sounding[c][k])) != NULL)
          {
            DsSourceEvent *note = &g_array_index (source->events, DsSourceEvent,
                                                  GPOINTER_TO_UINT (found) - 1);

            note->length = end > note->tick ? end - note->tick : 0;
          }
      }
}

DsMidiSource *
ds_midi_source_new (const DsSmfEvents *all, guint ppqn)
{
  DsMidiSource *source = g_new0 (DsMidiSource, 1);
  g_autofree Pending *pending = g_new0 (Pending, 1);
  guint track = G_MAXUINT;

  source->refs = 1;
  source->ppqn = ppqn;
  source->n_tracks = all->track_ends->len;
  source->drum_channels = 1u << 9;
  source->events = g_array_sized_new (FALSE, TRUE, sizeof (DsSourceEvent), all->events->len);
  source->pool = g_byte_array_new ();
  for (guint i = 0; i <= all->events->len; i++)
    {
      const DsSmfEvent *in = i < all->events->len
                             ? &g_array_index (all->events, DsSmfEvent, i) : NULL;
      const guint8 *bytes = in != NULL ? ds_smf_event_bytes (all, i) : NULL;
      guint8 type = bytes != NULL ? bytes[0] & 0xF0 : 0;
      DsSourceEvent out = { 0 };

      if (in == NULL || in->track != track)
        {
          if (track != G_MAXUINT)
            end_track (source, pending, g_array_index (all->track_ends, guint32, track));
          if (in == NULL)
            break;
          track = in->track;
        }
      if (type == 0x80 || (type == 0x90 && bytes[2] == 0))
        {
          end_note (source, pending, bytes, in->tick); /* a stray note-off ends nothing */
          continue;
        }
      out.tick = in->tick;
      out.track = in->track;
      out.offset = source->pool->len;
      out.size = in->size;
      out.voice = -1;
      out.kind = type == 0x90 ? DS_SOURCE_NOTE : kind_of (bytes[0]);
      out.channel = type >= 0x80 && type < 0xF0 ? (bytes[0] & 0x0F) + 1 : 0;
      g_byte_array_append (source->pool, bytes, in->size);
      g_array_append_val (source->events, out);
      if (out.kind == DS_SOURCE_NOTE)
        g_queue_push_tail (&pending->sounding[bytes[0] & 0x0F][bytes[1]],
                           GUINT_TO_POINTER (source->events->len));
    }
  pending_clear (pending);
  return source;
}

DsMidiSource *
ds_midi_source_ref (DsMidiSource *source)
{
  g_atomic_int_inc (&source->refs);
  return source;
}

void
ds_midi_source_unref (DsMidiSource *source)
{
  if (source == NULL || !g_atomic_int_dec_and_test (&source->refs))
    return;
  g_array_unref (source->events);
  g_byte_array_unref (source->pool);
  g_free (source);
}

guint
ds_midi_source_ppqn (const DsMidiSource *source)
{
  return source->ppqn;
}

guint
ds_midi_source_n_tracks (const DsMidiSource *source)
{
  return source->n_tracks;
}

guint
ds_midi_source_n_events (const DsMidiSource *source)
{
  return source->events->len;
}

const DsSourceEvent *
ds_midi_source_event (const DsMidiSource *source, guint i)
{
  g_return_val_if_fail (i < source->events->len, NULL);
  return &g_array_index (source->events, DsSourceEvent, i);
}

const guint8 *
ds_midi_source_bytes (const DsMidiSource *source, guint i)
{
  g_return_val_if_fail (i < source->events->len, NULL);
  return source->pool->data + g_array_index (source->events, DsSourceEvent, i).offset;
}

guint
ds_midi_source_drum_channels (const DsMidiSource *source)
{
  return source->drum_channels;
}

void
ds_midi_source_set_drum_channels (DsMidiSource *source, guint mask)
{
  source->drum_channels = mask & 0xFFFF;
}

void
ds_midi_source_place (DsMidiSource *source, guint i, DsSourcePlace place, guint step, int voice)
{
  DsSourceEvent *event;

  g_return_if_fail (i < source->events->len);
  event = &g_array_index (source->events, DsSourceEvent, i);
  event->place = (guint8) place;
  event->step = step;
  event->voice = (gint16) voice;
}

gboolean
ds_midi_source_is_meta (const DsMidiSource *source, guint i, guint8 type)
{
  const DsSourceEvent *event = ds_midi_source_event (source, i);

  return event->kind == DS_SOURCE_META && event->size >= 2
         && ds_midi_source_bytes (source, i)[1] == type;
}
