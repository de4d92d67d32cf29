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

#define NONE G_MAXUINT

/* The notes still sounding in a track: per channel and key (16 x 128), a
 * first-in first-out list of their indices among the source's events, linked
 * through NEXT (one entry per event). */
typedef struct {
  guint head[16 * 128], tail[16 * 128];
  GArray *next;
  guint n;
} Sounding;

static void
sounding_push (Sounding *s, guint key, guint index)
{
  g_array_set_size (s->next, index + 1);
  g_array_index (s->next, guint, index) = NONE;
  if (s->head[key] == NONE)
    s->head[key] = index;
  else
    g_array_index (s->next, guint, s->tail[key]) = index;
  s->tail[key] = index;
  s->n++;
}

static guint
sounding_pop (Sounding *s, guint key)
{
  guint index = s->head[key];

  if (index == NONE)
    return NONE;
  s->head[key] = g_array_index (s->next, guint, index);
  s->n--;
  return index;
}

/* Ends the oldest sounding note of the channel and key of the note-off BYTES
 * at TICK; FALSE when none sounds. */
static gboolean
end_note (DsMidiSource *source, Sounding *sounding, const guint8 *bytes, guint32 tick)
{
  guint index = sounding_pop (sounding, (bytes[0] & 0x0Fu) * 128 + bytes[1]);
  DsSourceEvent *note;

  if (index == NONE)
    return FALSE;
  note = &g_array_index (source->events, DsSourceEvent, index);
  note->length = tick - note->tick;
  note->off_status = bytes[0];
  note->off_velocity = bytes[2];
  return TRUE;
}

/* Notes that no note-off ended last to their track's END. */
static void
end_track (DsMidiSource *source, Sounding *sounding, guint32 end)
{
  for (guint key = 0; sounding->n > 0 && key < 16 * 128; key++)
    {
      guint index;

      while ((index = sounding_pop (sounding, key)) != NONE)
        {
          DsSourceEvent *note = &g_array_index (source->events, DsSourceEvent, index);

          note->length = end > note->tick ? end - note->tick : 0;
        }
    }
}

DsMidiSource *
ds_midi_source_new (const DsSmfEvents *all, guint ppqn)
{
  DsMidiSource *source = g_new0 (DsMidiSource, 1);
  g_autofree Sounding *sounding = g_new (Sounding, 1);
  guint track = G_MAXUINT;

  source->refs = 1;
  source->ppqn = ppqn;
  source->n_tracks = all->track_ends->len;
  source->drum_channels = 1u << 9;
  source->events = g_array_sized_new (FALSE, TRUE, sizeof (DsSourceEvent), all->events->len);
  source->pool = g_byte_array_new ();
  memset (sounding->head, 0xFF, sizeof sounding->head);
  sounding->next = g_array_new (FALSE, FALSE, sizeof (guint));
  sounding->n = 0;
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
            end_track (source, sounding, g_array_index (all->track_ends, guint32, track));
          if (in == NULL)
            break;
          track = in->track;
        }
      if (type == 0x80 || (type == 0x90 && bytes[2] == 0))
        {
          end_note (source, sounding, bytes, in->tick); /* a stray note-off ends nothing */
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
        sounding_push (sounding, (bytes[0] & 0x0Fu) * 128 + bytes[1], source->events->len - 1);
    }
  g_array_unref (sounding->next);
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
