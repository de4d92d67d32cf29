/* search.h: yardsticks for the agents on one stage: coordinate search and a
 * random policy.
 *
 * Coordinate search: from a start state, take each agent voice in turn and try
 * every one of its 2^L patterns (L <= 16) with the other voices held, keeping
 * the pattern that most raises the joint score (the sum of every agent voice's
 * score); sweep the voices until a whole sweep improves nothing.  The joint
 * score never falls, so the search ends, at a state no single voice can improve.
 * Above 16 steps exhaustive search per voice is out of reach, and each voice's
 * turn is instead a best-improvement hill climb by single-step toggles (a local
 * optimum, reported as not exhaustive).
 *
 * Random policy: every agent picks one of its L + 1 actions uniformly at each
 * step, from the same start, for the same number of steps as the agents; the
 * mean final score over many runs says what no learning at all reaches.
 */
#pragma once

#include <glib.h>

#include "src/stage/stage.h"

G_BEGIN_DECLS

#define DS_SEARCH_EXHAUSTIVE_MAX_STEPS 16

typedef struct {
  DsStageState state;      /* where the search ended */
  guint sweeps;            /* sweeps over the voices, the last one without change */
  gboolean exhaustive;     /* each voice's turn tried all its patterns */
} DsSearchResult;

/* Coordinate search from START on STAGE. */
void ds_search_coordinate (const DsStage *stage, const DsStageState *start,
                           DsSearchResult *result);

/* The mean final score per agent (SCORES, one per agent) of RUNS random-policy
 * episodes of ITERATIONS steps from START, each run from its own stream of SEED. */
void ds_search_random (const DsStage *stage, const DsStageState *start, guint iterations,
                       guint runs, guint64 seed, double *scores);

/* The joint score of STATE: the sum of the agents' scores. */
double ds_search_joint (const DsStage *stage, const DsStageState *state);

G_END_DECLS
