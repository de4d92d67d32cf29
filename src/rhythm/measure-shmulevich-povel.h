/* measure-shmulevich-povel.h: Shmulevich & Povel's (2000) rhythm complexity "PS".
 *
 * Shmulevich, I. & Povel, D.-J. (2000). Measures of temporal pattern complexity.
 * Journal of New Music Research 29(1), 61-69; and Complexity measures of musical
 * rhythms, in P. Desain & L. Windsor (Eds.), Rhythm Perception and Production,
 * 239-244.  The measure has two stages:
 *
 *  1. Clock induction, Povel & Essens (1985), Music Perception 2(4), 411-440:
 *     accents from the temporal structure, then for every phase of an
 *     isochronous clock the counter-evidence C = 4 * (ticks on silence) +
 *     (ticks on unaccented onsets); the induced clock has the least C.
 *  2. Coding: the induced clock's ticks cut the pattern into segments, and each
 *     segment is coded by its type; the complexity adds C and the segment codes.
 *
 * Stage 1 is exactly Povel & Essens (it reproduces all 35 C-scores of the S&P
 * patterns).  The costs of stage 2 could not be read from the papers: they are
 * OUR choice, built on Povel's (1984, Psychological Research 45, 315-337) grid
 * coding and Povel's (1981, JEP:HPP 7, 3-18) beat-based model, and the measure
 * is marked provisional.  See measure-shmulevich-povel.c for every choice.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/measure.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

#define DS_SHMULEVICH_POVEL_ERROR (ds_shmulevich_povel_error_quark ())
typedef enum {
  DS_SHMULEVICH_POVEL_ERROR_METER, /* the meter does not cover the pattern's steps */
} DsShmulevichPovelError;

GQuark ds_shmulevich_povel_error_quark (void);

/* Povel & Essens' weight of a tick on silence against a tick on an unaccented onset. */
#define DS_SHMULEVICH_POVEL_W 4

/* The code of one segment (clock tick up to the next tick), with its cost. */
typedef enum {
  DS_SHMULEVICH_POVEL_EMPTY,      /* silent tick, no onset: cost 0 (C already pays) */
  DS_SHMULEVICH_POVEL_BEAT,       /* onset on the tick only, x...: 0 */
  DS_SHMULEVICH_POVEL_EQUAL,      /* sounded tick, equal subdivision, x.x. xxxx: 1 */
  DS_SHMULEVICH_POVEL_NORMAL,     /* unequal, intervals never grow, x..x x.xx: 2 */
  DS_SHMULEVICH_POVEL_REVERSED,   /* unequal, a shorter before a longer, xx.. xxx.: 3 */
  DS_SHMULEVICH_POVEL_UNANCHORED, /* silent tick, onsets after it, .x.. ..xx: 4 */
} DsShmulevichPovelSegment;

/* Every step of the computation for one pattern (a plain value, no allocation). */
typedef struct {
  guint length;                                  /* steps */
  guint unit;                                    /* clock unit u in steps */
  guint8 accented[DS_PATTERN_MAX_STEPS];         /* Povel & Essens accents */
  guint c_by_phase[DS_PATTERN_MAX_STEPS];        /* C of each phase 0 .. unit-1 */
  gboolean has_clock;                            /* FALSE only for an empty pattern */
  guint phase;                                   /* the induced clock's phase */
  guint n_best_phases;                           /* phases sharing the least C */
  guint silent_ticks;                            /* of the induced clock */
  guint unaccented_ticks;
  guint c_score;                                 /* W * silent + unaccented */
  guint n_segments;                              /* length / unit */
  DsShmulevichPovelSegment segments[DS_PATTERN_MAX_STEPS]; /* from the tick at phase */
  guint segment_sum;                             /* sum of the segment costs */
  double value;                                  /* c_score + segment_sum */
} DsShmulevichPovelExplanation;

/* The clock unit for METER: its beat length in steps when every beat is equally
 * long, else the largest pulse all beat boundaries lie on (the gcd of the beat
 * lengths: the eighth in 7/8 = 2+2+3). */
guint ds_shmulevich_povel_unit (const DsMeter *meter);

/* Povel & Essens accents of PATTERN's onsets (clusters are cyclic): ACCENTED[k]
 * is 1 when step k is accented.  Empty and full patterns have no accents. */
void ds_shmulevich_povel_accents (const DsPattern *pattern, guint8 *accented);

/* C of the clock (UNIT, PHASE) given the accents; SILENT and UNACCENTED (may be
 * NULL) receive the two tick counts. */
guint ds_shmulevich_povel_c_score (const DsPattern *pattern, const guint8 *accented, guint unit,
                                   guint phase, guint *silent, guint *unaccented);

/* The code of the UNIT steps of PATTERN from step START on (cyclic). */
DsShmulevichPovelSegment ds_shmulevich_povel_segment (const DsPattern *pattern, guint start,
                                                      guint unit);

/* The cost of a segment code, and its name ("empty", "beat", "equal", ...). */
guint ds_shmulevich_povel_segment_cost (DsShmulevichPovelSegment code);
const char *ds_shmulevich_povel_segment_name (DsShmulevichPovelSegment code);

/* Every step for PATTERN on METER (NULL: the default 4/4 meter for its length). */
gboolean ds_shmulevich_povel_explain (const DsPattern *pattern, const DsMeter *meter,
                                      DsShmulevichPovelExplanation *explanation,
                                      GError **error);

/* The raw value: C of the induced clock plus the sum of its segment costs; 0 for
 * an empty pattern.  Fails when METER does not cover the pattern's steps. */
gboolean ds_shmulevich_povel_raw (const DsPattern *pattern, const DsMeter *meter,
                                  double *value, GError **error);

/* The entry of the measure table (src/measure.c): `shmulevich-povel`. */
extern const DsMeasureClass ds_measure_shmulevich_povel;

G_END_DECLS
