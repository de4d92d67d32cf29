/* normalise.h: mapping a measure's raw value to [0, 1].
 *
 * A normalised value is (raw - min) / (max - min), clamped to [0, 1], where min
 * and max are the exact extremes of the raw value over every pattern of the
 * bar's signature and length, looped (the one-bar loop of each of the 2^steps
 * patterns).  They come from the measure's own exact range when it has one
 * (density, evenness, metrical, off-beatness); else, for bars of up to 64
 * steps, from the measure's proven bound when patterns reach it (the empty
 * pattern its minimum, a hill-climbed one its maximum: then the bound is the
 * exact extreme); else, for bars of up to DS_NORMALISE_ENUMERATE_MAX steps, by
 * enumerating every pattern (in parallel with OpenMP); for longer bars from the
 * bound alone, flagged not exact (a loose bound makes max - min exceed the true
 * span, so such values stay below 1).  On the finer grids of `score
 * --resolution 8` this leaves exact every range but shmulevich-povel's on bars
 * of more than 24 steps, wnbd's on such bars with beats of unequal length
 * (7/8 at 28 steps, 8/8:3+3+2 at 32) and every bound-only range on bars of
 * more than 64 steps.  Ranges are computed once per process and measure,
 * signature and length.
 *
 * Several bars: a summed measure's range is the sum of its bars' ranges, a mean
 * measure's the union of them (the smallest min, the largest max).  A bar whose
 * neighbours in the loop differ from itself can leave its one-bar range; the
 * clamp keeps the value in [0, 1].
 *
 * For grids of at most DS_NORMALISE_TABLE_MAX steps, ds_normalise_table gives
 * the normalised value of every pattern of the meter at once, for the reward's
 * inner loop.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/measure.h"

G_BEGIN_DECLS

#define DS_NORMALISE_ENUMERATE_MAX 24
#define DS_NORMALISE_TABLE_MAX 16

typedef struct {
  double min, max;
  gboolean exact;  /* FALSE when a bound stood in for the enumeration */
} DsNormaliseRange;

/* The range of MEASURE on METER (cached). */
gboolean ds_normalise_range (const DsMeasureClass *measure, const DsMeter *meter,
                             DsNormaliseRange *range, GError **error);

/* RAW mapped by RANGE into [0, 1] (0 when the range is a single value). */
static inline double
ds_normalise_apply (const DsNormaliseRange *range, double raw)
{
  double span = range->max - range->min, v;

  if (!(span > 0.0))
    return 0.0;
  v = (raw - range->min) / span;
  return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

/* The range of one looped bar of SIGNATURE and STEPS by enumerating all 2^STEPS
 * patterns (STEPS <= DS_NORMALISE_ENUMERATE_MAX), uncached: the reference that
 * the tests hold the other ranges to. */
gboolean ds_normalise_enumerate (const DsMeasureClass *measure, const DsSignature *signature,
                                 guint steps, DsNormaliseRange *range, GError **error);

/* The normalised value of every pattern of METER (length <= DS_NORMALISE_TABLE_MAX),
 * indexed by the pattern's bits (bit k = step k); built once per process. */
const float *ds_normalise_table (const DsMeasureClass *measure, const DsMeter *meter,
                                 GError **error);

/* For an integer-valued measure whose raw values on METER (length <=
 * DS_NORMALISE_TABLE_MAX) lie in 0 .. 255: every pattern's raw value as a byte
 * (a quarter of the float table's memory, and exact); NULL with no error when
 * the measure does not qualify.  Built once per process. */
const guint8 *ds_normalise_table_raw8 (const DsMeasureClass *measure, const DsMeter *meter,
                                       GError **error);

/* For an integer-valued measure whose bar values read only the level of the
 * previous bar's last onset (DS_MEASURE_NEIGHBOURS_PREVIOUS_LAST) and lie in
 * 0 .. 255: the raw value of a bar of SIGNATURE and STEPS (<=
 * DS_NORMALISE_TABLE_MAX) for every pattern of it, after a previous bar with
 * no onset (row 0) or whose last onset has level l (row l + 1): rows of
 * 2^STEPS bytes.  NULL with no error when the measure does not qualify. */
const guint8 *ds_normalise_table_context8 (const DsMeasureClass *measure,
                                           const DsSignature *signature, guint steps,
                                           GError **error);

G_END_DECLS
