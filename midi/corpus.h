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
#include "src/rhythm/meter.h"
#include "src/stage/bars.h"

G_BEGIN_DECLS

/* What a corpus holds, and what was left out of it. */
typedef struct {
  guint files;        /* MIDI files that imported */
  guint bars;         /* bars taken */
  guint other_meter;  /* bars of another meter, left out */
  guint empty;        /* bars in which none of the voices plays, left out */
} DsCorpusCount;

/* The bars of the loops PATHS for the voices NAMES, for a model of LENGTH
 * steps whose bar is GRID: the bars of the corpus meter FROM (NULL: GRID's;
 * the grouping is not compared), each voice resampled to FROM's bar on the
 * model's step, then cut to LENGTH steps or continued by its own start up to
 * them (when FROM is GRID's meter and LENGTH one bar: the bar as it is).
 * *COUNT says what was taken and left out; NOTICES (may be NULL) receives a
 * line per file left out and per merge.  Fails when FROM's bar is no whole
 * number of the model's steps or no bar is taken. */
DsBars *ds_corpus_load_files (const GPtrArray *paths, const DsImportOptions *options,
                              const char *const *names, guint n_voices, const DsBar *grid,
                              guint length, const DsSignature *from, DsCorpusCount *count,
                              GPtrArray *notices, GError **error);

/* The steps of a bar of FROM on the step of a grid of LENGTH steps a bar of
 * GRID, into *STEPS; FALSE with an error when they are no whole number. */
gboolean ds_corpus_fit_steps (const DsSignature *grid, guint length, const DsSignature *from,
                              guint *steps, GError **error);

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
