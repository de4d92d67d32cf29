/* responder-play.c: the agents play one bar, and many bars side by side (see
 * responder-private.h).  The one implementation of "play a bar": the live
 * answer, `respond` and `session` all come here. */
#include "autoconfig.h"

#include "src/responder/responder-private.h"
#include "src/base/threads.h"

#include "src/stage/search.h"

#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* The cells of the playing agents' voices in which PATTERNS differ from LOOP. */
static guint
changed_cells (const DsResponder *r, const DsPattern *patterns, const DsPattern *loop)
{
  const DsStage *stage = r->model->stage;
  guint n = 0;

  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      guint v = ds_stage_agent_voice (stage, a);

      if (r->playing[v])
        n += ds_pattern_distance (&patterns[v], &loop[v]);
    }
  return n;
}

/* The answer OUT polished: at most r->polish single-step toggles of the
 * playing agents' voices, each the one that most raises the joint score under
 * the current knobs (against LOOP), until none raises it; while the answer
 * changes fewer than r->min_changes cells of FROM, the bar it started from,
 * the best toggle that changes one more in a voice that FROM plays (a voice
 * the bar leaves out, a tom in a bar without toms, is not varied into it) that
 * does not drop a hit of FROM on a beat of the meter, and never one that takes
 * it below.  Bounded (polish x agents x steps
 * scorings) and allocation-free (W's first state holds the climb). */
static void
polish (const DsResponder *r, DsResponderScratch *w, const DsPattern *from,
        const DsPattern *loop, DsPattern *out)
{
  const DsStage *stage = r->model->stage;
  guint n_agents = ds_stage_n_agents (stage), hold = ds_stage_n_actions (stage) - 1;
  DsStageState *state = &w->states[0];
  guint *actions = w->actions;
  guint changed = changed_cells (r, out, from);

  ds_stage_start_with_loop (stage, state, out, loop);
  for (guint a = 0; a < n_agents; a++)
    actions[a] = hold;
  for (guint done = 0; done < r->polish; done++)
    {
      gboolean short_of = changed < r->min_changes;
      double best = short_of ? -INFINITY : ds_search_joint (stage, state) + 1e-12;
      int best_agent = -1;
      guint best_step = 0;

      for (guint a = 0; a < n_agents; a++)
        {
          guint v = ds_stage_agent_voice (stage, a);

          /* the least changes vary what the bar plays, never a voice it leaves out */
          if (!r->playing[v] || (short_of && ds_pattern_count (&from[v]) == 0))
            continue;
          for (guint k = 0; k < r->length; k++)
            {
              gboolean away = ds_pattern_get (&state->patterns[v], k)
                              == ds_pattern_get (&from[v], k);
              DsStageState trial;
              double joint;

              if (short_of ? !away : (!away && changed <= r->min_changes))
                continue;
              /* nor by dropping a hit on a beat: a drummer's variation keeps the beat */
              if (short_of && ds_pattern_get (&from[v], k) && (r->beats[k >> 6] >> (k & 63)) & 1)
                continue;
              trial = *state;
              actions[a] = k;
              ds_stage_step (stage, &trial, actions, NULL);
              joint = ds_search_joint (stage, &trial);
              if (joint > best)
                {
                  best = joint;
                  best_agent = (int) a;
                  best_step = k;
                }
            }
          actions[a] = hold;
        }
      if (best_agent < 0)
        break;
      {
        guint v = ds_stage_agent_voice (stage, (guint) best_agent);

        changed += ds_pattern_get (&state->patterns[v], best_step)
                           == ds_pattern_get (&from[v], best_step)
                       ? 1
                       : -1;
      }
      actions[best_agent] = best_step;
      ds_stage_step (stage, state, actions, NULL);
      actions[best_agent] = hold;
    }
  memcpy (out, state->patterns, r->n_voices * sizeof out[0]);
}

void
ds_responder_play_bar (const DsResponder *r, DsResponderScratch *w, const DsPattern *loop,
                       guint64 bar, DsPattern *out)
{
  ds_responder_play_bar_from (r, w, loop, loop, bar, out);
}

void
ds_responder_play_bar_from (const DsResponder *r, DsResponderScratch *w, const DsPattern *from,
                            const DsPattern *loop, guint64 bar, DsPattern *out)
{
  const DsStage *stage = r->model->stage;
  guint n_agents = ds_stage_n_agents (stage), hold = ds_stage_n_actions (stage) - 1;
  DsPattern start[DS_VOICES_MAX];
  double best = -INFINITY;
  DsRng rng;

  memcpy (start, from, r->n_voices * sizeof start[0]);
  for (guint v = 0; v < r->n_voices; v++)
    if (r->from_empty && r->playing[v])
      ds_pattern_init (&start[v], r->length);
  memcpy (out, from, r->n_voices * sizeof out[0]);
  ds_rng_init_stream (&rng, r->seed, bar, 0xa57);
  for (guint done = 0; done < r->tries; done += DS_RESPONDER_ROWS)
    {
      guint n = MIN (DS_RESPONDER_ROWS, r->tries - done);

      for (guint i = 0; i < n; i++)
        {
          /* the first try as asked, greedy at 0; the others sampled */
          w->temperatures[i] = done + i == 0 ? r->temperature : MAX (r->temperature, 1.0);
          ds_stage_start_with_loop (stage, &w->states[i], start, loop);
        }
      for (guint t = 0; t < r->iterations; t++)
        {
          ds_swarm_act_rows (r->model->swarm, w->actor, w->states, n, w->temperatures, &rng,
                             w->actions);
          for (guint i = 0; i < n; i++)
            {
              guint *actions = w->actions + (gsize) i * n_agents;

              for (guint a = 0; a < n_agents; a++)
                if (!r->playing[ds_stage_agent_voice (stage, a)])
                  actions[a] = hold;
              ds_stage_step (stage, &w->states[i], actions, NULL);
            }
        }
      for (guint i = 0; i < n; i++)
        {
          double joint = ds_search_joint (stage, &w->states[i]);

          if (joint > best)
            {
              best = joint;
              memcpy (out, w->states[i].patterns, r->n_voices * sizeof out[0]);
            }
        }
    }
  if (r->polish > 0)
    polish (r, w, from, loop, out);
}

DsBars *
ds_responder_answer_bars (const DsResponder *r, const DsBars *bars, int threads)
{
  DsBars *answer = ds_bars_copy (bars);
  int n_threads = CLAMP (threads, 1, DS_SWARM_MAX_THREADS);
  DsResponderScratch **scratch = g_new0 (DsResponderScratch *, n_threads);

  g_return_val_if_fail (bars->n_voices == r->n_voices && bars->length == r->length, answer);
  answer->merged = 0;
  for (int i = 0; i < n_threads; i++)
    scratch[i] = ds_responder_scratch_new (r);
#pragma omp parallel for schedule(dynamic) num_threads(n_threads)
  for (guint b = 0; b < bars->n_bars; b++)
    ds_responder_play_bar (r, scratch[ds_thread_id ()], ds_bars_get (bars, b), b,
                           ds_bars_get (answer, b));
  for (int i = 0; i < n_threads; i++)
    ds_responder_scratch_free (scratch[i]);
  g_free (scratch);
  return answer;
}
