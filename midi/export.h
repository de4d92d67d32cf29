/* export.h: a drum loop to a Standard MIDI File that any DAW opens and loops.
 *
 * Format 1 at 480 ticks per quarter note: a first track with the loop's name,
 * its tempo and a time signature at every bar where the meter changes; then
 * one track per voice, named for it (`kick`, `snare`, `hat`), on channel 10,
 * a note-on and a note-off for every hit (a 32nd note long, at most half a
 * step), the loop written --repeat times, and every track's end-of-track at the
 * end of the last repetition so that a DAW loops it cleanly.  A hit played
 * early on the loop's first step goes to the end of the file, where it belongs
 * when the loop repeats.
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
#define DS_EXPORT_CHANNEL 10

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


G_END_DECLS
