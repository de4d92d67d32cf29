/* corpus.h: a folder of the user's drum loops as training contexts.
 *
 * `train --corpus DIR` imports every MIDI file in DIR (*.mid, *.midi, in name
 * order, so that a seed gives the same model) and cuts each loop into its bars
 * on the model's grid (loop-bars.h: resampled to the grid's length, merges
 * counted); training episodes then draw their context voices from a random bar
 * of them (ds_bars_sampler_attach, src/stage/bars.h).  A file that does not
 * import is left out with a notice, not fatal: one broken file should not stop
 * a night's training.
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

G_END_DECLS
