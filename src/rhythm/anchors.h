/* anchors.h: a loop's anchors, its hits on the strongest levels of its meter.
 *
 * What holds a groove together is where its hits meet the meter's strongest
 * levels: the kick on the downbeat, the snare on the backbeat, the hat on the
 * pulse.  Those levels come from the meter's hierarchy (meter.h), so they hold
 * in any meter and grouping, not just in 4/4:
 *   bar    the first step of each bar (the downbeat);
 *   beat   the beats, from the signature and its grouping: 4 in 4/4, 3 in 3/4,
 *          5 in 5/4, the two dotted quarters of 6/8, the 2+2+3 of 7/8 (three
 *          beats of unequal length), with the downbeat;
 *   pulse  the beats and the level just below them, the pulse a time-keeper
 *          plays: the eighths of 4/4, 3/4, 5/4, 7/8 and of 6/8 and 12/8 (three
 *          to a dotted-quarter beat).
 * A voice's anchors are the loop's hits of that voice on those steps, and the
 * share an answer keeps is |answer & loop & mask| / |loop & mask|: 1 when the
 * loop has none there (nothing to keep).  Hits an answer adds are neither
 * rewarded nor counted against it, on the anchors of the loop's other bars or
 * elsewhere: keeping is what this measures; how much an answer may add is
 * what density and similarity say.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "src/rhythm/measure.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

typedef enum {
  DS_ANCHORS_BAR,    /* the downbeats */
  DS_ANCHORS_BEAT,   /* the beats (with the downbeats) */
  DS_ANCHORS_PULSE,  /* the beats and the level below them */
} DsAnchorsLevel;

/* Parses "bar", "beat" or "pulse"; FALSE for anything else. */
gboolean ds_anchors_level_parse (const char *text, DsAnchorsLevel *level);

/* "bar", "beat" or "pulse". */
const char *ds_anchors_level_name (DsAnchorsLevel level);

/* Sets MASK (DS_PATTERN_WORDS words) to the steps of METER on LEVEL or a
 * stronger one, each bar by its own beat level; the bits past the meter's
 * length are 0. */
void ds_anchors_mask (const DsMeter *meter, DsAnchorsLevel level, uint64_t *mask);

/* The share of the onsets LOOP has on MASK that ANSWER keeps, for grids of
 * one word (1 when LOOP has none there). */
static inline double
ds_anchors_kept_word (uint64_t mask, uint64_t answer, uint64_t loop)
{
  uint64_t m = loop & mask;
  guint anchors = ds_measure_popcount (m);

  return anchors == 0 ? 1.0 : (double) ds_measure_popcount (m & answer) / anchors;
}

/* The share of LOOP's onsets on MASK that ANSWER keeps, over the first
 * N_WORDS words (1 when LOOP has no onset on MASK). */
static inline double
ds_anchors_kept (const uint64_t *mask, const DsPattern *answer, const DsPattern *loop,
                 guint n_words)
{
  guint anchors = 0, kept = 0;

  for (guint w = 0; w < n_words; w++)
    {
      uint64_t m = loop->on[w] & mask[w];

      anchors += ds_measure_popcount (m);
      kept += ds_measure_popcount (m & answer->on[w]);
    }
  return anchors == 0 ? 1.0 : (double) kept / anchors;
}

G_END_DECLS
