/* answer.h: a drum loop meets a swarm, bar by bar.
 *
 * A model plays a grid of L steps, one bar long; a user's loop has bars of any
 * meter and any number of them.  So the loop is cut into its bars, each bar's
 * voices resampled to L steps (midi/resample.h: exact when one length divides
 * the other, nearest step otherwise, merges counted), the agents answer every
 * bar from that bar's own patterns with its other voices as context, and each
 * answer is resampled back onto its bar.  Onsets the answer keeps where the
 * loop played them keep how they were played (timing and velocity); new ones
 * take the loop's groove at export.
 *
 * This is the wiring of `respond` and `session`: import (midi/) -> stage (src/)
 * -> swarm (agents/) -> export (midi/).
 */
#pragma once

#include <glib.h>

#include "midi/loop.h"
#include "src/stage.h"

G_BEGIN_DECLS

/* The bars of a loop on a model's grid: N_BARS x N_VOICES patterns of LENGTH steps. */
typedef struct {
  guint n_bars;
  guint n_voices;
  guint length;
  guint merged;        /* onsets merged away by resampling to LENGTH */
  DsPattern *patterns; /* bar-major: patterns[bar * n_voices + voice] */
} DsAnswerBars;

void ds_answer_bars_free (DsAnswerBars *bars);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsAnswerBars, ds_answer_bars_free)

/* The voices of bar BAR (N_VOICES patterns). */
static inline DsPattern *
ds_answer_bar (const DsAnswerBars *bars, guint bar)
{
  return bars->patterns + (gsize) bar * bars->n_voices;
}

/* The steps of the loop's most common bar length (the first on a tie): the grid
 * a session trains on.  Its meter: that bar's signature. */
guint ds_answer_grid_length (const DsLoop *loop);
DsMeter *ds_answer_grid_meter (const DsLoop *loop, GError **error);

/* The bars of LOOP for the voices NAMES (absent ones empty) on a grid of LENGTH. */
DsAnswerBars *ds_answer_bars_from_loop (const DsLoop *loop, const char *const *names,
                                        guint n_voices, guint length, GError **error);

/* Writes the voices REPLACE[v] of ANSWER (bars as in LOOP, voices NAMES) into
 * LOOP, each bar resampled back to its steps; *N_MERGED (may be NULL) receives
 * the onsets merged on the way back. */
gboolean ds_answer_bars_to_loop (const DsAnswerBars *answer, const char *const *names,
                                 const gboolean *replace, DsLoop *loop, guint *n_merged,
                                 GError **error);

G_END_DECLS
