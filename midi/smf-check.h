/* smf-check.h: our own validator of Standard MIDI File bytes, run before libsmf.
 *
 * libsmf 1.3 (Debian 12) reads past the end of its buffer on a truncated track,
 * aborts on a track length past the end of the file, misreads meta events of
 * more than 127 bytes and every 0xF7 sysex escape, and leaks on its error paths
 * (../shared/reference/libsmf-1.3-probe.md).  So every byte is checked here
 * first, against the Standard MIDI Files 1.0 specification (MIDI Manufacturers
 * Association, 1996): the MThd header (length 6, format 0 or 1, tracks,
 * division in ticks per quarter note), every chunk's length within the file,
 * every event of every MTrk chunk (delta times of at most four bytes, status
 * bytes, running status, data bytes below 0x80, meta and sysex lengths), an
 * end-of-track event ending every track and nothing after the last chunk.
 *
 * A file that passes is re-encoded into a canonical copy that is all libsmf
 * ever sees: the header, then the tracks with only the events an import
 * needs (note-ons, tempo, time signature, track name of at most 127 bytes and
 * end of track), each written with its status byte; the others (note-offs,
 * controllers, sysex, text) are left out with their delta times carried
 * over.  libsmf's load time grows with the square of a track's events, so
 * the copy holds at most DS_SMF_MAX_EVENTS of them.
 *
 * The check can also hand back every event of the file as its bytes (the
 * controllers, sysex and text events that libsmf never sees included), so
 * that what the loop's grid does not hold can be written back exactly
 * (midi/source.h).
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define DS_MIDI_ERROR (ds_midi_error_quark ())
typedef enum {
  DS_MIDI_ERROR_READ,        /* the file cannot be read or written */
  DS_MIDI_ERROR_MALFORMED,   /* broken chunk or event structure */
  DS_MIDI_ERROR_UNSUPPORTED, /* a valid file drumswarm does not take (SMPTE, format 2) */
  DS_MIDI_ERROR_LIBSMF,      /* libsmf refused the bytes or complained */
  DS_MIDI_ERROR_CONTENT,     /* notes, meters or options that make no loop */
  DS_MIDI_ERROR_OPTION,      /* a command-line option's value is out of range (a usage error) */
} DsMidiError;

/* Limits that keep any input cheap: the file size, the tracks, a track's
 * length in ticks (so that libsmf's int times never overflow) and the events
 * libsmf is given. */
#define DS_SMF_MAX_BYTES (4u * 1024u * 1024u)
#define DS_SMF_MAX_TRACKS 256u
#define DS_SMF_MAX_TICKS 0x0FFFFFFFu
#define DS_SMF_MAX_EVENTS 65536u

typedef struct {
  guint format;         /* 0 or 1 */
  guint n_tracks;       /* MTrk chunks, as the header declares */
  guint ppqn;           /* ticks per quarter note, 1 .. 32767 */
  guint n_events;       /* events kept in the canonical copy, end-of-track included */
  guint n_dropped;      /* events left out of it */
  guint n_alien_chunks; /* chunks of other types, skipped as the standard says */
} DsSmfInfo;

/* Every event of a file as its track holds it, running status resolved: a
 * channel message's status and data bytes; a meta event's FF, type, length
 * (a variable-length number) and data; a sysex event's F0 or F7 and data
 * (without its length).  End-of-track events are left out: TRACK_ENDS holds
 * the tick of each. */
typedef struct {
  guint32 tick;    /* from the start of its track */
  guint32 track;   /* 0-based, in file order */
  guint32 offset;  /* where its bytes start in the pool */
  guint32 size;
} DsSmfEvent;

typedef struct {
  GArray *events;      /* DsSmfEvent, track by track, each in file order */
  GByteArray *pool;    /* the events' bytes */
  GArray *track_ends;  /* guint32: the tick of each track's end-of-track */
} DsSmfEvents;

void ds_smf_events_init (DsSmfEvents *events);
void ds_smf_events_clear (DsSmfEvents *events);
/* The bytes of event I. */
const guint8 *ds_smf_event_bytes (const DsSmfEvents *events, guint i);

GQuark ds_midi_error_quark (void);

/* Checks the LENGTH bytes of DATA; NAME stands for the file in messages
 * ("loop.mid: track 2 ends inside an event at byte 1841").  Returns the
 * canonical copy for libsmf, or NULL with ERROR. */
GBytes *ds_smf_check (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
                      GError **error);

/* As ds_smf_check, and appends every event of the file to ALL (initialised;
 * NULL: none). */
GBytes *ds_smf_check_events (const guint8 *data, gsize length, const char *name,
                             DsSmfInfo *info, DsSmfEvents *all, GError **error);

G_END_DECLS
