/* style-learn.h: the files side of a style (src/stage/style.h): fitting one
 * from MIDI loops, and judging MIDI loops by one.
 *
 * Each loop is imported with OPTIONS (their grid must be the style's: the
 * caller sets options->steps_per_quarter to the style's resolution and the
 * drum map's voices to the style's) and given bar by bar, each bar with its
 * own time signature, the bars of one file being one performance (each bar's
 * context runs back into the bar before it).  A file that does not import is
 * left out with a notice, as in a training corpus (corpus.h).
 */
#pragma once

#include <glib.h>

#include "midi/import.h"
#include "src/stage/style.h"

G_BEGIN_DECLS

/* The style NAME of the voices NAMES fitted on the loops PATHS; *N_LOOPS
 * (may be NULL) receives the number of files that imported.  Fails when none
 * did, or when no bar has an onset. */
DsStyle *ds_style_learn (const GPtrArray *paths, const DsImportOptions *options,
                         const char *const *names, guint n_voices, const char *name,
                         GPtrArray *notices, guint *n_loops, GError **error);

/* The loops PATHS judged by STYLE for its voices NAMES (NULL: all), shuffles
 * drawn from SEED; the loops are imported with the style's voices. */
gboolean ds_style_judge (const DsStyle *style, const GPtrArray *paths,
                         const DsImportOptions *options, const char *const *names,
                         guint n_voices, guint64 seed, GPtrArray *notices,
                         DsStyleEvalResult *result, GError **error);

G_END_DECLS
