/* bars.h: a loop's bars on a model's grid, the unit the agents answer.
 *
 * A model plays a grid of L steps, one bar long; a user's loop has any number
 * of bars.  DsBars holds N_BARS x N_VOICES patterns of LENGTH steps (bar-major),
 * wherever they came from: a MIDI file (midi/loop-bars.h), a corpus folder
 * (midi/corpus.h), a live input (src/responder/).  A stage can draw the context
 * voices of its training episodes from random bars (ds_bars_sampler_attach).
 */
#pragma once

#include <glib.h>

#include "src/rhythm/pattern.h"
#include "src/stage/stage.h"

G_BEGIN_DECLS

typedef struct {
  guint n_bars;
  guint n_voices;
  guint length;
  guint merged;        /* onsets merged away on the way to LENGTH steps */
  DsPattern *patterns; /* bar-major: patterns[bar * n_voices + voice] */
} DsBars;

/* N_BARS bars of N_VOICES empty patterns of LENGTH steps. */
DsBars *ds_bars_new (guint n_bars, guint n_voices, guint length);
DsBars *ds_bars_copy (const DsBars *bars);
void ds_bars_free (DsBars *bars);
/* A copy of the first N bars of BARS (N <= its bars). */
DsBars *ds_bars_head (const DsBars *bars, guint n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsBars, ds_bars_free)

/* The voices of bar BAR (N_VOICES patterns). */
static inline DsPattern *
ds_bars_get (const DsBars *bars, guint bar)
{
  return bars->patterns + (gsize) bar * bars->n_voices;
}

/* Draws context voices, and agents' starts, from the bars of a loop or a corpus. */
typedef struct {
  const DsBars *bars;
  const DsStage *stage;
  double share;        /* the fraction of episodes whose context voices take the bar drawn
                          (the rest keep their own start) */
  double start_share;  /* the fraction whose agents start from the bar drawn too (the rest
                          keep their own start; 0 after ds_bars_sampler_attach) */
} DsBarsSampler;

/* Makes each of STAGE's episodes draw a random bar of BARS, the loop its
 * similarity and anchor terms compare with, and take its context voices from
 * that bar in SHARE of the episodes; SAMPLER holds the state and must outlive
 * the stage's use.  Set SAMPLER->start_share after it for agents that start
 * from the bar too. */
void ds_bars_sampler_attach (DsBarsSampler *sampler, DsStage *stage, const DsBars *bars,
                             double share);

/* Random agent starts, beside the bars' own, in ds_bars_train_on. */
#define DS_BARS_RANDOM_STARTS 32

/* Makes STAGE's training episodes learn BARS (voices in stage order), as a
 * session does: each agent starts from one of the bars' own patterns or from
 * one of DS_BARS_RANDOM_STARTS random ones (densities up to 0.5, drawn from
 * SEED), about half of each; the context voices come from a random bar in 3/4
 * of the episodes (SAMPLER, which must outlive the training); the first bar is
 * the loop of the similarity terms.  Earlier starts of the agents are
 * forgotten, so that it may be called again with more bars. */
gboolean ds_bars_train_on (DsStage *stage, const DsBars *bars, DsBarsSampler *sampler,
                           guint64 seed, GError **error);

G_END_DECLS
