/* corpus.h: a folder of the user's drum loops as training contexts.
 *
 * `train --corpus DIR` imports every MIDI file in DIR (*.mid, *.midi, in name
 * order, so that a seed gives the same model) and cuts each loop into its bars
 * on the model's grid (loop-bars.h: resampled to the grid's length, merges
 * counted); training episodes then draw their context voices from a random bar
 * of them (ds_bars_sampler_attach, src/stage/bars.h).  A file that does not
 * import is left out with a notice, not fatal: one broken file should not stop
 * a night's training.
 *
 * A corpus can also be chosen within a folder (`style learn`): every loop
 * under it, subfolders included, or the loops that a list file names (one
 * path a line, relative to the folder; blank lines and `#` comments skipped),
 * or the rows of a metadata table (a CSV file with a header, such as the
 * Groove MIDI Dataset's info.csv) whose columns match COLUMN=VALUE conditions,
 * e.g. `split=train` and `beat_type=beat`; the table's column of paths is the
 * first of midi_filename, filename, file and path that it has.
 */
#pragma once

#include <glib.h>

#include "midi/import.h"
#include "src/stage/bars.h"

G_BEGIN_DECLS

/* The bars of every loop in DIR for the voices NAMES on a grid of LENGTH;
 * NOTICES (may be NULL) receives a line per file left out and per merge. Fails
 * when DIR cannot be read or holds no loop that imports. */
DsBars *ds_corpus_load (const char *dir, const DsImportOptions *options,
                        const char *const *names, guint n_voices, guint length,
                        GPtrArray *notices, GError **error);

/* The MIDI files under DIR (*.mid, *.midi; subfolders too when RECURSIVE,
 * not following links to folders), sorted by path. */
GPtrArray *ds_corpus_list (const char *dir, gboolean recursive, GError **error);

typedef struct {
  const char *list;           /* a file of paths, or NULL */
  const char *info;           /* a CSV table of the loops, or NULL */
  const char *const *where;   /* COLUMN=VALUE conditions on the table's rows (NULL-terminated,
                               * may be NULL: every row) */
} DsCorpusSelection;

/* The loops of DIR that SELECTION names (every loop under DIR, recursively,
 * when it names no list and no table), sorted by path; each must exist.
 * Errors name the list or the table and its line. */
GPtrArray *ds_corpus_select (const char *dir, const DsCorpusSelection *selection,
                             GError **error);

G_END_DECLS
