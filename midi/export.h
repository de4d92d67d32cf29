/* export.h: a drum loop to a Standard MIDI File that any DAW opens and loops.
 *
 * Format 1: a first track with the loop's name, its tempo and a time
 * signature at every bar where the meter changes; then one track per voice
 * written from the grid (an answer's voices, or every voice for `convert`),
 * named for it (`kick`, `snare`, `hat`), on the loop's drum channel (10, or
 * the channel its drums came from), a note-on and a note-off for every hit (a
 * 32nd note long, at most half a step); then the tracks of the file the loop
 * came from, with everything no grid voice holds, exactly as it came:
 * channel, note, velocity, time and length of every other note (toms,
 * cymbals, percussion, the voices no agent plays, other channels and
 * instruments), controllers, program changes, pitch bends, sysex and text,
 * and the file's tempo changes in the first track (see source.h).  The loop
 * is written --repeat times, and every track's end-of-track is at the end of
 * the last repetition so that a DAW loops it cleanly.  What passes through
 * is said by ds_midi_export_passed_through; what cannot (events after the
 * loop's end, meta events longer than the 127 bytes libsmf writes, sysex
 * escapes) too.
 *
 * Ticks: the file's ticks per quarter note are the source file's, times the
 * smallest whole number that gives at least 480 and a whole number of ticks
 * per step (a file at 96 is written at 480, one at 960 at 960): every event
 * that passes through keeps its exact time.  A loop from no file is written
 * at 480.
 *
 * A hit of a grid voice keeps the note it was played with (an open hat 46
 * stays 46, a rim shot 37 stays 37); a new hit takes the articulation the loop
 * plays at that place in its bars (ds_loop_articulations: an open hat on the
 * off-beat where the loop opens it there), else the voice's main note.
 *
 * A hit played just before a bar line belongs to the step after it: on the
 * loop's first step such a hit would fall before the file's start.  It is
 * written at tick 0 in the first pass, a few milliseconds late, rather than
 * wrapped to the end of the file (where the first pass would have no
 * downbeat) or the whole file shifted by a lead-in (which would put the bar
 * lines off the DAW's grid); in later passes of --repeat it keeps its early
 * time, before the bar line.
 *
 * Velocities: an onset gets 56 + 44 w (100 on a downbeat, 56 on the weakest
 * step), an accent 112 + 15 w, with w in [0, 1] the step's metrical weight in
 * its bar (meter.h).  --groove AMOUNT (0..1) moves every onset toward how the
 * loop was played: by AMOUNT of its own timing offset and velocity when the
 * loop played it, else by AMOUNT of the loop's mean timing offset at that step
 * (ds_loop_groove_offset).  --humanize AMOUNT (0..1) adds seeded random
 * variation, a timing spread of AMOUNT x 10 ms and a velocity spread of
 * AMOUNT x 10 (standard deviations), from the random stream of --seed, so that
 * a seed always gives the same file.  Offsets stay within 0.45 of a step.
 * Groove and humanising touch only the grid's voices: what passes through is
 * as it came.
 *
 * Writes are atomic (smf-io.h).  ds_file_same() (src/base/file.h) lets a command refuse to
 * write over its input.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "midi/loop.h"

G_BEGIN_DECLS

#define DS_EXPORT_PPQN 480

typedef struct {
  guint repeat;      /* times the loop is written, 1 .. 1024 (1) */
  double groove;     /* 0 .. 1 (0: on the grid, velocities from accents and meter) */
  double humanize;   /* 0 .. 1 (0) */
  guint64 seed;      /* the random stream of --humanize (1) */
} DsExportOptions;

void ds_export_options_init (DsExportOptions *options);

/* Fails naming the option when a value is out of range. */
gboolean ds_export_options_check (const DsExportOptions *options, GError **error);

/* Writes LOOP to PATH. */
gboolean ds_midi_export (const DsLoop *loop, const DsExportOptions *options, const char *path,
                         GError **error);

/* The ticks per quarter note ds_midi_export writes LOOP with. */
guint ds_midi_export_ppqn (const DsLoop *loop);

/* What of LOOP's file passes through an export, for people, one line:
 * "212 drum notes (hat 122, tom 41, crash 49), 1600 notes of channels 1,2,
 * 21 controllers, 1 tempo event in 3 tracks; left out: 2 events after the
 * loop's end" (the tracks: the file's tracks written), or "nothing". */
char *ds_midi_export_passed_through (const DsLoop *loop);


G_END_DECLS
