/* measure.h: the table of measures (one pattern) and relations (two patterns).
 *
 * Every entry has a name (as on the command line and in the config), a one-line
 * description, a raw value as the literature defines it and a value normalised
 * to [0, 1] over all patterns of the grid's length and meter.  A relation is
 * written NAME(OTHER) on the command line: the value of a voice's pattern
 * against the voice OTHER.
 */
#pragma once

#include <glib.h>

#include "src/meter.h"
#include "src/pattern.h"

G_BEGIN_DECLS

#define DS_MEASURE_ERROR (ds_measure_error_quark ())
typedef enum {
  DS_MEASURE_ERROR_UNKNOWN,    /* no measure or relation of that name */
  DS_MEASURE_ERROR_UNDEFINED,  /* the definition does not cover this pattern or meter */
} DsMeasureError;

typedef struct _DsMeasureInfo DsMeasureInfo;

GQuark ds_measure_error_quark (void);

/* The entry named NAME (without any "(other)" argument), or NULL. */
const DsMeasureInfo *ds_measure_find (const char *name);

/* The entries in the order of `score --list`. */
guint ds_measure_count (void);
const DsMeasureInfo *ds_measure_nth (guint index);

const char *ds_measure_name (const DsMeasureInfo *info);
const char *ds_measure_summary (const DsMeasureInfo *info);

/* Whether the entry is a relation (needs another voice's pattern). */
gboolean ds_measure_is_relation (const DsMeasureInfo *info);

/* Whether the entry needs a meter (its definition uses the metrical hierarchy). */
gboolean ds_measure_needs_meter (const DsMeasureInfo *info);

/* The raw value of PATTERN (and OTHER, for a relation; NULL otherwise) on METER
 * (may be NULL for entries that need none). */
gboolean ds_measure_raw (const DsMeasureInfo *info, const DsPattern *pattern,
                         const DsPattern *other, const DsMeter *meter, double *value,
                         GError **error);

/* The value normalised to [0, 1]. */
gboolean ds_measure_normalised (const DsMeasureInfo *info, const DsPattern *pattern,
                                const DsPattern *other, const DsMeter *meter, double *value,
                                GError **error);

G_END_DECLS
