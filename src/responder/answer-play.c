/* answer-play.c: the agents answer a loop bar by bar, and the report (see answer-play.h). */
#include "autoconfig.h"

#include "src/responder/answer-play.h"
#include "src/responder/responder-private.h"

#include "src/base/format.h"
#include "src/rhythm/relation.h"
#include "src/stage/search.h"

#include <string.h>

#define RANDOM_RUNS 50

void
ds_answer_options_init (DsAnswerOptions *options, const DsStage *stage, guint iterations)
{
  memset (options, 0, sizeof *options);
  options->iterations = iterations;
  options->tries = 1;
  options->polish = DS_ANSWER_POLISH;
  options->seed = 1;
  options->threads = 1;
  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    options->play[v] = ds_stage_is_agent (stage, v);
}

/* The start of bar B: its patterns, the playing voices emptied with from_empty. */
static void
bar_start (const DsStage *stage, const DsBars *bars, guint b,
           const DsAnswerOptions *options, DsStageState *state)
{
  DsPattern start[DS_VOICES_MAX];

  memcpy (start, ds_bars_get (bars, b), bars->n_voices * sizeof start[0]);
  for (guint v = 0; v < bars->n_voices; v++)
    if (options->from_empty && options->play[v])
      ds_pattern_init (&start[v], bars->length);
  ds_stage_start_with_loop (stage, state, start, ds_bars_get (bars, b));
}

void
ds_answer_options_apply (DsResponder *responder, const DsAnswerOptions *options)
{
  const DsStage *stage = ds_responder_stage (responder);

  ds_responder_set_temperature (responder, options->temperature);
  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    if (ds_stage_is_agent (stage, v))
      responder->playing[v] = options->play[v];
  responder->tries = MAX (options->tries, 1u);
  ds_responder_set_iterations (responder, options->iterations);
  ds_responder_set_from_empty (responder, options->from_empty);
  ds_responder_set_polish (responder, options->polish, options->min_changes);
  ds_responder_set_seed (responder, options->seed);
}

DsBars *
ds_answer_play_bars (DsResponder *responder, const DsBars *bars, const DsAnswerOptions *options)
{
  ds_answer_options_apply (responder, options);
  return ds_responder_answer_bars (responder, bars, options->threads);
}

static double
similarity (const DsPattern *a, const DsPattern *b)
{
  DsRelation relation;

  if (!ds_relation_init (&relation, ds_relation_find ("similarity"), NULL, a->length, NULL,
                         NULL))
    g_assert_not_reached ();
  return ds_relation_value (&relation, a, b);
}

/* The mean similarity to B of a pattern whose steps sound independently with
 * A's density p: a step agrees with probability p q + (1 - p)(1 - q) where B's
 * density is q. */
static double
chance_similarity (const DsPattern *a, const DsPattern *b)
{
  double p = (double) ds_pattern_count (a) / a->length, q = (double) ds_pattern_count (b) / b->length;

  return p * q + (1.0 - p) * (1.0 - q);
}

void
ds_answer_report (const DsStage *stage, const DsBars *bars, const DsBars *answer,
                  const DsAnswerOptions *options, guint max_search_bars,
                  DsAnswerVoiceReport *report)
{
  guint n = ds_stage_n_agents (stage);
  guint search_bars = MIN (max_search_bars, bars->n_bars);
  g_autofree DsAnswerVoiceReport *per_bar = g_new0 (DsAnswerVoiceReport,
                                                    (gsize) bars->n_bars * n);

#pragma omp parallel for schedule(dynamic) \
    num_threads(CLAMP (options->threads, 1, DS_SWARM_MAX_THREADS))
  for (guint b = 0; b < bars->n_bars; b++)
    {
      DsAnswerVoiceReport *r = per_bar + (gsize) b * n;
      DsStageState start, end;
      double random[DS_VOICES_MAX];
      DsSearchResult search;

      bar_start (stage, bars, b, options, &start);
      ds_stage_start_with_loop (stage, &end, ds_bars_get (answer, b), ds_bars_get (bars, b));
      for (guint a = 0; a < n; a++)
        {
          guint v = ds_stage_agent_voice (stage, a);

          r[a].before = ds_stage_score (stage, &start, a);
          r[a].after = ds_stage_score (stage, &end, a);
          r[a].similarity = similarity (&ds_bars_get (answer, b)[v], &ds_bars_get (bars, b)[v]);
          r[a].chance = chance_similarity (&ds_bars_get (answer, b)[v],
                                           &ds_bars_get (bars, b)[v]);
        }
      if (b >= search_bars)
        continue;
      ds_search_coordinate (stage, &start, &search);
      ds_search_random (stage, &start, options->iterations, RANDOM_RUNS, options->seed + b,
                        random);
      for (guint a = 0; a < n; a++)
        {
          r[a].search = ds_stage_score (stage, &search.state, a);
          r[a].random = random[a];
        }
    }
  memset (report, 0, n * sizeof report[0]);
  for (guint b = 0; b < bars->n_bars; b++) /* in order: the same sums for any threads */
    for (guint a = 0; a < n; a++)
      {
        const DsAnswerVoiceReport *r = per_bar + (gsize) b * n + a;

        report[a].before += r->before / bars->n_bars;
        report[a].after += r->after / bars->n_bars;
        report[a].similarity += r->similarity / bars->n_bars;
        report[a].chance += r->chance / bars->n_bars;
        if (b < search_bars)
          {
            report[a].search += r->search / search_bars;
            report[a].random += r->random / search_bars;
          }
      }
}

char *
ds_answer_report_to_string (const DsStage *stage, const DsAnswerVoiceReport *report,
                            gboolean with_search)
{
  GString *out = g_string_new ("voice\tbefore\tafter\timprovement\tsimilarity\tchance");

  if (with_search)
    g_string_append (out, "\tcoordinate-search\trandom\tof-search");
  g_string_append_c (out, '\n');
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      const DsAnswerVoiceReport *r = &report[a];

      g_string_append_printf (out, "%s\t%.3f\t%.3f\t%+.3f\t%.3f\t%.3f",
                              ds_stage_voice_name (stage, ds_stage_agent_voice (stage, a)),
                              r->before, r->after, r->after - r->before, r->similarity,
                              r->chance);
      if (with_search)
        g_string_append_printf (out, "\t%.3f\t%.3f\t%.0f%%", r->search, r->random,
                                r->search > 0 ? 100.0 * r->after / r->search : 100.0);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
