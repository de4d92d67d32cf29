/* resample.h: a pattern of M steps onto a grid of L steps, and back.
 *
 * A bar of any length and meter meets a model trained on L steps: its patterns
 * are resampled to L, the agents answer on L, and the answer is resampled back
 * to the bar's M steps.  The onset at step k (time k/M of the bar) goes to the
 * nearest step of the new grid, j = floor(k L / M + 1/2) (halves go to the
 * later step; the last half step wraps to step 0).  Onsets that land on one
 * step merge into one (accented when any was), and the count of onsets lost so
 * is returned, never hidden.  Loops of MIDI files use it through
 * midi/resample.h, the responder on bars of hits.
 *
 * Properties (tests/test-resample.c checks them for all M, L in 1..64):
 * when M divides L (or M < L at all) M -> L -> M returns the pattern exactly,
 * and when L divides M so does L -> M -> L; every onset moves by at most half a
 * step of the grid it goes to; a round trip M -> L -> M with L < M leaves every
 * onset within half a step of each grid (1/(2L) + 1/(2M) of the loop) of an
 * onset of the original, and vice versa.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

/* The step that step K of M goes to on a grid of L (L, M >= 1). */
static inline guint
ds_resample_step (guint k, guint m, guint l)
{
  return (guint) (((2 * (guint64) k * l + m) / (2 * (guint64) m)) % l);
}

/* SRC resampled to LENGTH steps (1 .. DS_PATTERN_MAX_STEPS) into DST; returns
 * the number of onsets merged away.  Allocation-free. */
guint ds_resample_pattern (const DsPattern *src, guint length, DsPattern *dst);

G_END_DECLS
