/* answer-phrase.h: an answer longer than the loop, and fills.
 *
 * `session` and `respond` answer every bar of the loop (answer-play.h).  A
 * phrase adds two things a drummer does with a groove:
 *
 * Evolving bars.  An answer of more bars than the loop has (--bars N): the
 * loop's own bars are answered as always; each later bar B starts from the
 * answer's previous beat bar (the agents' voices; the context voices are the
 * loop's bar B mod n) and is compared with the loop's bar B mod n, so that it
 * develops from what was just played while it keeps the loop's anchors and
 * stays near its bars, and its polish changes at least the least cells of
 * DsAnswerOptions from the bar it started from: it does not repeat.  These
 * bars follow each other, so they are played in order (the loop's own bars
 * side by side).
 *
 * Fills.  Every FILL_EVERY-th bar (bars FILL_EVERY, 2 FILL_EVERY ... counted
 * from 1) is a fill: it is played under the fill mixes (the kit's, or given),
 * its tries chosen and its answer polished under them with a polish of
 * FILL_POLISH toggles changing at least FILL_MIN_CHANGES cells; the agents'
 * networks are the session's, trained on the beat mixes (a fill is the beat's
 * agents steered at answer time, not a second training).  The bar after a fill
 * evolves from the last beat bar, not from the fill.
 *
 * Every bar B draws from the random stream (seed, B) whatever thread plays it:
 * the same bytes for any number of threads.
 */
#pragma once

#include <glib.h>

#include "src/responder/answer-play.h"

G_BEGIN_DECLS

typedef struct {
  guint n_bars;            /* the answer's bars (>= the loop's) */
  guint fill_every;        /* 0: no fills */
  char *fill_mixes[DS_VOICES_MAX]; /* per stage voice: its fill mix (NULL: as it is) */
  guint fill_polish;       /* the fill bars' polish and least changes */
  guint fill_min_changes;
  const guint *at;         /* per bar, its bar in the whole answer, which counts the
                              fills (a part of a loop of several meters); NULL: itself */
} DsAnswerPhrase;

/* Whether bar B (from 0) of PHRASE is a fill. */
gboolean ds_answer_phrase_is_fill (const DsAnswerPhrase *phrase, guint bar);

/* The answer of RESPONDER (its controls from OPTIONS) to the loop BARS
 * (the model's grid, stage voices), PHRASE->n_bars long; NULL with an error
 * when a fill mix does not compile. */
DsBars *ds_answer_play_phrase (DsResponder *responder, const DsBars *bars,
                               const DsAnswerOptions *options, const DsAnswerPhrase *phrase,
                               GError **error);

/* Attempts a variation makes at being unlike the ones before it. */
#define DS_ANSWER_VARIATION_ATTEMPTS 12

/* VARIATIONS answers (>= 1) to BARS by ds_answer_play_phrase, each unlike the
 * ones before it in some agent voice of some bar.  Variation I is played with
 * OPTIONS->seed + I; one that repeats an earlier answer is played again with
 * the next unused seed (a swarm that is still learning samples other
 * answers), and from the fourth attempt on with one more least change each
 * time (a well-trained swarm's best try and polish are the same whatever the
 * seed; a bar changed in more cells than before is another bar), up to
 * DS_ANSWER_VARIATION_ATTEMPTS attempts, after which the repeat stands.
 * OPTIONS is left as it was given.  NULL with an error as
 * ds_answer_play_phrase. */
GPtrArray *ds_answer_play_variations (DsResponder *responder, const DsBars *bars,
                                      const DsAnswerOptions *options,
                                      const DsAnswerPhrase *phrase, guint variations,
                                      GError **error);

G_END_DECLS
