/* quantise.h: the notes of a MIDI file onto a loop's grid of steps.
 *
 * A step is 1/R of a quarter note (R = --resolution, 4 by default: 16 steps
 * per 4/4 bar); a bar of N/D has N * 4R / D steps (3/4 and 6/8: 12, 7/8: 14),
 * each bar with the time signature in force at its start (4/4 when the file
 * has none; a change that falls inside a bar starts with the next bar).  A
 * note-on at tick t goes to the nearest step, round(t R / ppqn), ties to the
 * even step as Python's round() does; its distance from that step is kept as
 * its timing offset.  The loop has as many bars as the file's length (its last
 * end-of-track) rounds to, at least one, extended to cover the last onset; a
 * hit on the very end of the loop (played a little late) belongs to its first
 * step.  With --bars N it has N bars and notes past them are left out and
 * reported.  Notes that map to no voice are counted, two onsets of one voice
 * on one step merge.  `--resolution auto` takes the first of 4, 3, 6, 8, 12
 * and 16 steps per quarter on which every onset lies within a tenth of a step,
 * so that triplet and shuffle loops keep their feel.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "midi/drum-map.h"
#include "midi/loop.h"
#include "midi/source.h"

G_BEGIN_DECLS

typedef struct {
  guint32 tick;
  guint8 channel;   /* 1..16 */
  guint8 note;
  guint8 velocity;  /* 1..127: note-ons only */
} DsMidiNote;

typedef struct {
  guint32 tick;
  guint numerator;
  guint denominator; /* a power of two */
} DsMidiSignature;

typedef struct {
  guint32 tick;
  guint32 usec_per_quarter;
} DsMidiTempo;

/* What a MIDI file says that matters for a drum loop, times in ticks. */
typedef struct {
  guint ppqn;
  guint32 end_tick;   /* the last end-of-track */
  GArray *notes;      /* DsMidiNote: the note-ons of the chosen channels, by tick */
  GArray *signatures; /* DsMidiSignature, by tick */
  GArray *tempi;      /* DsMidiTempo, by tick */
} DsMidiEvents;

typedef struct {
  guint steps_per_quarter; /* 1..96, or 0 for auto */
  guint bars;              /* 0: from the file's length */
  guint accent_velocity;   /* a velocity at least this marks an accent */
} DsQuantiseOptions;

/* The resolutions auto tries, in order. */
#define DS_QUANTISE_AUTO_CHOICES { 4, 3, 6, 8, 12, 16 }

void ds_midi_events_init (DsMidiEvents *events, guint ppqn);
void ds_midi_events_clear (DsMidiEvents *events);

/* Sorts the arrays by tick (stable: same-tick events keep their order). */
void ds_midi_events_sort (DsMidiEvents *events);

/* The resolution auto picks: the first of the choices on which every onset
 * lies within a tenth of a step.  For a loop played by hand, where none does
 * (*PLAYED TRUE, unless NULL): 3 when its onsets lie nearer the steps of 3
 * than those of 4, each in its own steps (a swung, shuffled or triplet feel),
 * else 4. */
guint ds_quantise_auto_resolution (const DsMidiEvents *events, gboolean *played);

/* The loop of EVENTS with the voices of MAP; NAME stands for the file in
 * messages and notices. */
DsLoop *ds_quantise (const DsMidiEvents *events, const DsDrumMap *map,
                     const DsQuantiseOptions *options, const char *name, GError **error);

/* Places every note of SOURCE on the drum channels as ds_quantise placed it in
 * LOOP (its step and the voice of MAP that holds it, or past the end). */
void ds_quantise_place_source (const DsLoop *loop, DsMidiSource *source, const DsDrumMap *map);

G_END_DECLS
