/* search.c: coordinate search and the random-policy baseline (see search.h). */
#include "autoconfig.h"

#include "src/stage/search.h"

#include <string.h>

double
ds_search_joint (const DsStage *stage, const DsStageState *state)
{
  double sum = 0.0;

  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    sum += ds_stage_score (stage, state, a);
  return sum;
}

/* Scores STATE's patterns again after an edit, against the same loop
 * (ds_stage_start copies from a separate array, as memcpy wants). */
static void
rescore (const DsStage *stage, DsStageState *state)
{
  DsPattern patterns[DS_VOICES_MAX];

  memcpy (patterns, state->patterns, ds_stage_n_voices (stage) * sizeof patterns[0]);
  ds_stage_start_with_loop (stage, state, patterns, state->loop);
}

/* The joint score with voice V's pattern replaced by BITS (L <= 64). */
static double
joint_with (const DsStage *stage, DsStageState *trial, guint v, uint64_t bits)
{
  ds_pattern_from_bits (&trial->patterns[v], ds_stage_length (stage), bits);
  rescore (stage, trial);
  return ds_search_joint (stage, trial);
}

/* Voice V's best pattern over all 2^L, the others held; returns whether it improved. */
static gboolean
improve_exhaustive (const DsStage *stage, DsStageState *state, guint v)
{
  guint L = ds_stage_length (stage);
  DsStageState trial = *state;
  double best = ds_search_joint (stage, state);
  uint64_t best_bits = ds_pattern_bits (&state->patterns[v]);
  gboolean improved = FALSE;

  for (uint64_t bits = 0; bits < (UINT64_C (1) << L); bits++)
    {
      double joint = joint_with (stage, &trial, v, bits);

      if (joint > best + 1e-12)
        {
          best = joint;
          best_bits = bits;
          improved = TRUE;
        }
    }
  if (improved)
    {
      ds_pattern_from_bits (&state->patterns[v], L, best_bits);
      rescore (stage, state);
    }
  return improved;
}

/* Voice V climbed by the best single-step toggle until none helps. */
static gboolean
improve_by_toggles (const DsStage *stage, DsStageState *state, guint v)
{
  guint L = ds_stage_length (stage);
  gboolean improved = FALSE;

  for (;;)
    {
      DsStageState trial = *state;
      double best = ds_search_joint (stage, state);
      int best_step = -1;

      for (guint k = 0; k < L; k++)
        {
          double joint;

          ds_pattern_toggle (&trial.patterns[v], k);
          rescore (stage, &trial);
          joint = ds_search_joint (stage, &trial);
          if (joint > best + 1e-12)
            {
              best = joint;
              best_step = (int) k;
            }
          ds_pattern_toggle (&trial.patterns[v], k);
        }
      if (best_step < 0)
        return improved;
      ds_pattern_toggle (&state->patterns[v], (guint) best_step);
      rescore (stage, state);
      improved = TRUE;
    }
}

void
ds_search_coordinate (const DsStage *stage, const DsStageState *start, DsSearchResult *result)
{
  gboolean exhaustive = ds_stage_length (stage) <= DS_SEARCH_EXHAUSTIVE_MAX_STEPS;
  gboolean changed = TRUE;

  result->state = *start;
  rescore (stage, &result->state);
  result->sweeps = 0;
  result->exhaustive = exhaustive;
  while (changed)
    {
      changed = FALSE;
      for (guint a = 0; a < ds_stage_n_agents (stage); a++)
        {
          guint v = ds_stage_agent_voice (stage, a);

          if (exhaustive ? improve_exhaustive (stage, &result->state, v)
                         : improve_by_toggles (stage, &result->state, v))
            changed = TRUE;
        }
      result->sweeps++;
    }
}

void
ds_search_random (const DsStage *stage, const DsStageState *start, guint iterations,
                  guint runs, guint64 seed, double *scores)
{
  guint n_agents = ds_stage_n_agents (stage);
  guint n_actions = ds_stage_n_actions (stage);

  for (guint a = 0; a < n_agents; a++)
    scores[a] = 0.0;
  for (guint r = 0; r < runs; r++)
    {
      DsStageState state;
      DsRng rng;
      guint actions[DS_VOICES_MAX];

      ds_rng_init_stream (&rng, seed, r, 0x5eed);
      ds_stage_start_with_loop (stage, &state, start->patterns, start->loop);
      for (guint t = 0; t < iterations; t++)
        {
          for (guint a = 0; a < n_agents; a++)
            actions[a] = ds_rng_below (&rng, n_actions);
          ds_stage_step (stage, &state, actions, NULL);
        }
      for (guint a = 0; a < n_agents; a++)
        scores[a] += ds_stage_score (stage, &state, a) / runs;
    }
}
