/* answer-play.h: the agents answer a loop bar by bar, and how well they did.
 *
 * Every bar of the loop (src/stage/bars.h) is a start: the stage's voices take that
 * bar's patterns (the agents' own voices too, or empty ones with --from empty),
 * the bar is the "loop" that similarity terms compare with, and the agents play
 * a number of steps (the responder plays it: responder-private.h).  Bars are
 * independent, so OpenMP spreads them over threads; each bar draws from its
 * own random stream (seed, bar), and the report sums the bars in order, so the
 * answer is the same for any number of threads.  The report gives, per agent voice and averaged over the
 * bars, the score before and after, the improvement, the similarity of the
 * answer to the loop's own voice (1 would be a copy), and two yardsticks on the
 * same starts: where coordinate search ends and what a random policy reaches
 * (search.h).
 */
#pragma once

#include <glib.h>

#include "agents/swarm.h"
#include "src/responder/drumswarm.h"
#include "src/stage/bars.h"

G_BEGIN_DECLS

typedef struct {
  guint iterations;       /* steps the agents play on every bar */
  double temperature;     /* 0: greedy; > 0: sampled variations */
  gboolean from_empty;    /* the playing agents' voices start empty */
  gboolean play[DS_VOICES_MAX]; /* per stage voice: whether its agent plays (others hold) */
  guint tries;            /* episodes played per bar (>= 1): the first as asked, the
                             others sampled at temperature max(T, 1); the answer is the
                             one whose agents end with the best joint score */
  guint polish;           /* the answer's polish: at most this many toggles (0: none) */
  guint min_changes;      /* ... changing at least this many cells of each bar */
  guint64 seed;           /* sampling at a temperature, and the random baseline */
  int threads;            /* bars answered side by side (>= 1) */
} DsAnswerOptions;

/* Per agent voice, means over the bars. */
typedef struct {
  double before, after;   /* the voice's score at the start and after playing */
  double similarity;      /* similarity of the answer to the loop's voice */
  double chance;          /* the similarity a random pattern of the answer's density
                             would have on average: what "unrelated" looks like */
  double search;          /* the voice's score where coordinate search ends */
  double random;          /* the voice's mean score after a random policy */
} DsAnswerVoiceReport;

/* The polish of a batch answer (respond, session): toggles at most. */
#define DS_ANSWER_POLISH 16

/* Options for a greedy answer of ITERATIONS steps by every agent, polished
 * (DS_ANSWER_POLISH toggles, no least changes). */
void ds_answer_options_init (DsAnswerOptions *options, const DsStage *stage, guint iterations);

/* Sets RESPONDER's controls from OPTIONS. */
void ds_answer_options_apply (DsResponder *responder, const DsAnswerOptions *options);

/* The answer of RESPONDER (its controls set from OPTIONS) to every bar of
 * BARS (the model's grid, voices in stage order), each bar the loop of its
 * own episodes: ds_responder_answer_bars, the one way bars are played. */
DsBars *ds_answer_play_bars (DsResponder *responder, const DsBars *bars,
                             const DsAnswerOptions *options);

/* Fills REPORT (one per agent of STAGE) for ANSWER to BARS; the yardsticks are
 * computed on the first MAX_SEARCH_BARS bars (they are costly), none when 0. */
void ds_answer_report (const DsStage *stage, const DsBars *bars, const DsBars *answer,
                       const DsAnswerOptions *options, guint max_search_bars,
                       DsAnswerVoiceReport *report);

/* The report as text: a header line, then one TSV line per agent voice:
 * `voice before after improvement similarity chance` and, WITH_SEARCH,
 * `coordinate-search random of-search` (the answer's score as a percentage of
 * the search's). */
char *ds_answer_report_to_string (const DsStage *stage, const DsAnswerVoiceReport *report,
                                  gboolean with_search);

G_END_DECLS
