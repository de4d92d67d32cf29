/* event.h: one short MIDI message in a JACK cycle, as drumswarm live reads its
 * input and writes its output (note on and off, control change, the system
 * real-time messages of MIDI clock and the song position pointer). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint32 offset;   /* the frame within the cycle */
  guint8 size;      /* 1 .. 3 */
  guint8 bytes[3];
} DsLiveEvent;

/* MIDI status bytes that drumswarm live reads or writes. */
enum {
  DS_MIDI_NOTE_OFF = 0x80,
  DS_MIDI_NOTE_ON = 0x90,
  DS_MIDI_CONTROL = 0xB0,
  DS_MIDI_SONG_POSITION = 0xF2,
  DS_MIDI_CLOCK = 0xF8,
  DS_MIDI_START = 0xFA,
  DS_MIDI_CONTINUE = 0xFB,
  DS_MIDI_STOP = 0xFC,
  DS_MIDI_CC_ALL_NOTES_OFF = 123,
};

/* A note-on with a velocity above 0 (a velocity of 0 is a note-off). */
static inline gboolean
ds_live_event_is_note_on (const DsLiveEvent *event)
{
  return event->size == 3 && (event->bytes[0] & 0xF0) == DS_MIDI_NOTE_ON && event->bytes[2] > 0;
}

static inline gboolean
ds_live_event_is_control (const DsLiveEvent *event)
{
  return event->size == 3 && (event->bytes[0] & 0xF0) == DS_MIDI_CONTROL;
}

G_END_DECLS
