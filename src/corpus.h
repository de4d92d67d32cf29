/* corpus.h: a folder of the user's drum loops as training contexts.
 *
 * `train --corpus DIR` imports every MIDI file in DIR (*.mid, *.midi, in name
 * order, so that a seed gives the same model), cuts each loop into its bars on
 * the model's grid (answer.h: resampled to the grid's length, merges counted)
 * and lets training episodes draw their context voices from a random bar of
 * them.  A file that does not import is left out with a notice, not fatal: one
 * broken file should not stop a night's training.
 */
#pragma once

#include <glib.h>

#include "midi/import.h"
#include "src/answer.h"

G_BEGIN_DECLS

/* Draws context voices from the bars of a loop or a corpus. */
typedef struct {
  const DsAnswerBars *bars;
  const DsStage *stage;
  double share;   /* the fraction of episodes that take a bar (the rest keep their start) */
} DsCorpusSampler;

/* The bars of every loop in DIR for the voices NAMES on a grid of LENGTH;
 * NOTICES (may be NULL) receives a line per file left out and per merge. Fails
 * when DIR cannot be read or holds no loop that imports. */
DsAnswerBars *ds_corpus_load (const char *dir, const DsImportOptions *options,
                              const char *const *names, guint n_voices, guint length,
                              GPtrArray *notices, GError **error);

/* Makes STAGE's episodes take their context voices from a random bar of BARS in
 * SHARE of the episodes; SAMPLER holds the state and must outlive the stage's use. */
void ds_corpus_sampler_attach (DsCorpusSampler *sampler, DsStage *stage,
                               const DsAnswerBars *bars, double share);

G_END_DECLS
