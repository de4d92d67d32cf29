/* source.h: every event of the MIDI file a loop came from, kept to be written back.
 *
 * A loop's grid holds the onsets of its voices, and an answer rewrites some of
 * them.  Everything else the file holds (the notes no agent plays: toms,
 * cymbals, percussion, the voices that are context; other channels and
 * instruments; tempo changes, program changes, controllers, sysex, text) is
 * kept here, at its exact time in the file's ticks, and export writes it back
 * as it came (midi/export.h).  The events come from our own reading of the
 * file (ds_smf_check_events), which sees what libsmf does not: note-offs,
 * controllers, sysex, long text.
 *
 * A note is kept whole: its note-on, and the note-off that ends it (the first
 * note-off, or note-on of velocity 0, of the same channel and key after it in
 * its track; a note with none lasts to its track's end).  The import tells
 * each note which voice of the loop holds it and on which step
 * (ds_midi_source_place), so that export leaves out the notes of the voices an
 * answer rewrote and keeps the rest, and an answer's new hits take the
 * articulation the loop plays at their place (ds_loop_articulations).
 */
#pragma once

#include <glib.h>

#include "midi/smf-check.h"

G_BEGIN_DECLS

typedef enum {
  DS_SOURCE_NOTE,    /* a note-on and its note-off */
  DS_SOURCE_CHANNEL, /* any other channel message: controller, program change, pitch bend ... */
  DS_SOURCE_META,    /* a meta event (FF), end of track excepted */
  DS_SOURCE_SYSEX,   /* a sysex event (F0) or a sysex escape (F7) */
} DsSourceKind;

/* Where the import put a note. */
typedef enum {
  DS_SOURCE_UNPLACED = 0, /* not a note, or on a channel the loop's voices do not take */
  DS_SOURCE_IN_LOOP,      /* on a step of the loop (VOICE may still be -1: no voice's note) */
  DS_SOURCE_PAST_END,     /* after the loop's last bar (--bars): left out */
} DsSourcePlace;

typedef struct {
  guint32 tick;         /* in the file's ticks, from its start */
  guint32 length;       /* notes: ticks from the note-on to its note-off */
  guint32 track;        /* 0-based, in file order */
  guint32 offset, size; /* the event's bytes in the pool (a note: its note-on) */
  guint32 step;         /* notes in the loop: the step the import put it on */
  gint16 voice;         /* notes in the loop: the loop's voice that holds it, or -1 */
  guint8 kind;          /* DsSourceKind */
  guint8 place;         /* DsSourcePlace */
  guint8 channel;       /* notes and channel messages: 1 .. 16; else 0 */
  guint8 off_status;    /* notes: the note-off's status byte, 0x80 or 0x90 | channel;
                           0 when the note has none */
  guint8 off_velocity;  /* notes: the note-off's velocity */
} DsSourceEvent;

typedef struct _DsMidiSource DsMidiSource;

/* The events of ALL (a file read with ds_smf_check_events) at PPQN ticks per
 * quarter note, notes paired with their note-offs; stray note-offs are
 * dropped. */
DsMidiSource *ds_midi_source_new (const DsSmfEvents *all, guint ppqn);
DsMidiSource *ds_midi_source_ref (DsMidiSource *source);
void ds_midi_source_unref (DsMidiSource *source);

guint ds_midi_source_ppqn (const DsMidiSource *source);
guint ds_midi_source_n_tracks (const DsMidiSource *source);
guint ds_midi_source_n_events (const DsMidiSource *source);
/* Event I, in file order (track by track, each in time order) and its bytes. */
const DsSourceEvent *ds_midi_source_event (const DsMidiSource *source, guint i);
const guint8 *ds_midi_source_bytes (const DsMidiSource *source, guint i);

/* The channels whose notes the loop's voices took (bit c - 1 for channel c). */
guint ds_midi_source_drum_channels (const DsMidiSource *source);
void ds_midi_source_set_drum_channels (DsMidiSource *source, guint mask);

/* The import's placing of note I: on STEP of the loop, held by VOICE (-1:
 * none), or past the loop's end. */
void ds_midi_source_place (DsMidiSource *source, guint i, DsSourcePlace place, guint step,
                           int voice);

/* Whether event I is a meta event of TYPE (FF TYPE ...). */
gboolean ds_midi_source_is_meta (const DsMidiSource *source, guint i, guint8 type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsMidiSource, ds_midi_source_unref)

G_END_DECLS
