/* relation.h: relations of two voices' patterns, each normalised to [0, 1].
 *
 * A relation is written NAME(OTHER[, ARGUMENT]) on the command line and in
 * reward mixes: the value of a voice's pattern A against the voice OTHER's
 * pattern B (both of L steps; |P| counts the onsets of P).
 *
 *   anti-coincidence  mean over steps of |A - B| = |A xor B| / L, the 2020
 *                     study's reward (raw: mapped to [-1, 1] as 2x - 1).
 *   coincidence       |A and B| / |A|: the share of A's onsets that land on B's
 *                     (0 when A is empty).
 *   interlock         |A xor B| / |A or B|: of the steps where anything sounds,
 *                     the share where exactly one of the two does (hocket; 0
 *                     when both are empty).  Unlike anti-coincidence it does
 *                     not grow with density.
 *   density-ratio     toward a TARGET ratio t = |A| / |B| (default 1):
 *                     min(r, t) / max(r, t) with r = |A| / |B| (0 when B is
 *                     empty); raw: r.
 *   similarity        1 - |A xor B| / L: one minus the Hamming distance (e.g. to
 *                     the same voice of the user's loop).
 *   echo              call and response: |A and rot(B, LAG)| / sqrt(|A| |B|), the
 *                     normalised cross-correlation of A with B delayed by LAG
 *                     steps (cyclic; default half the grid): 1 when A repeats B
 *                     LAG steps later, 0 when empty.
 *   union             MEASURE (default lhl) of the two voices together, A or B,
 *                     normalised as that measure.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/measure.h"
#include "src/rhythm/normalise.h"

G_BEGIN_DECLS

typedef enum {
  DS_RELATION_ANTI_COINCIDENCE,
  DS_RELATION_COINCIDENCE,
  DS_RELATION_INTERLOCK,
  DS_RELATION_DENSITY_RATIO,
  DS_RELATION_SIMILARITY,
  DS_RELATION_ECHO,
  DS_RELATION_UNION,
} DsRelationKind;

typedef struct {
  const char *name;      /* as on the command line */
  const char *argument;  /* the optional argument after the voice ("TARGET"), or NULL */
  const char *summary;   /* one line for `score --list` */
  DsRelationKind kind;
} DsRelationClass;

/* A relation with its argument resolved for one grid. */
typedef struct {
  const DsRelationClass *klass;
  double target;                   /* density-ratio */
  guint lag;                       /* echo */
  const DsMeasureClass *measure;   /* union */
  const DsMeter *meter;            /* union: the grid (owned by the caller) */
  DsNormaliseRange range;          /* union: the measure's range on the grid */
  const float *table;              /* union: every pattern's value, grids <= 16 steps */
} DsRelation;

/* Onsets in a word (see ds_measure_popcount). */
static inline guint
ds_relation_popcount (uint64_t x)
{
  return ds_measure_popcount (x);
}

const DsRelationClass *ds_relation_find (const char *name);
guint ds_relation_count (void);
const DsRelationClass *ds_relation_nth (guint index);

/* Resolves KLASS with its ARGUMENT (NULL for the default) for patterns of
 * LENGTH steps on METER (which must outlive RELATION; only union needs one, the
 * others accept NULL); fails naming the relation and what was expected. */
gboolean ds_relation_init (DsRelation *relation, const DsRelationClass *klass,
                           const char *argument, guint length, const DsMeter *meter,
                           GError **error);

/* The normalised value of A against B (equal lengths, the meter's). */
double ds_relation_value (const DsRelation *relation, const DsPattern *a, const DsPattern *b);

/* The raw value (see the table above); fails where it is undefined. */
gboolean ds_relation_raw (const DsRelation *relation, const DsPattern *a, const DsPattern *b,
                          double *value, GError **error);

G_END_DECLS
