/* bars.c: bars of patterns on a model's grid (see bars.h). */
#include "autoconfig.h"

#include "src/stage/bars.h"

#include <string.h>

DsBars *
ds_bars_new (guint n_bars, guint n_voices, guint length)
{
  DsBars *bars = g_new0 (DsBars, 1);

  bars->n_bars = n_bars;
  bars->n_voices = n_voices;
  bars->length = length;
  bars->patterns = g_new0 (DsPattern, MAX ((gsize) n_bars * n_voices, 1));
  for (gsize i = 0; i < (gsize) n_bars * n_voices; i++)
    ds_pattern_init (&bars->patterns[i], length);
  return bars;
}

DsBars *
ds_bars_copy (const DsBars *bars)
{
  DsBars *copy = g_new0 (DsBars, 1);

  *copy = *bars;
  copy->patterns = g_memdup2 (bars->patterns,
                              MAX ((gsize) bars->n_bars * bars->n_voices, 1) * sizeof (DsPattern));
  return copy;
}

DsBars *
ds_bars_head (const DsBars *bars, guint n)
{
  DsBars *head;

  g_return_val_if_fail (n <= bars->n_bars, NULL);
  head = ds_bars_new (n, bars->n_voices, bars->length);
  memcpy (head->patterns, bars->patterns, (gsize) n * bars->n_voices * sizeof (DsPattern));
  head->merged = bars->merged;
  return head;
}

void
ds_bars_free (DsBars *bars)
{
  if (bars == NULL)
    return;
  g_free (bars->patterns);
  g_free (bars);
}

/* One random bar: the loop the episode's similarity terms compare with, and,
 * in SHARE of the episodes, its context voices, in START_SHARE its agents'
 * starts (drawn only when asked for, so that other samplers' streams stay). */
static const DsPattern *
sample_bar (gpointer data, DsRng *rng, DsPattern *patterns)
{
  const DsBarsSampler *sampler = data;
  const DsPattern *bar;
  gboolean context = ds_rng_double (rng) < sampler->share, starts;

  bar = ds_bars_get (sampler->bars, ds_rng_below (rng, sampler->bars->n_bars));
  starts = sampler->start_share > 0.0 && ds_rng_double (rng) < sampler->start_share;
  for (guint v = 0; v < sampler->bars->n_voices; v++)
    if (ds_stage_is_agent (sampler->stage, v) ? starts : context)
      patterns[v] = bar[v];
  return bar;
}

void
ds_bars_sampler_attach (DsBarsSampler *sampler, DsStage *stage, const DsBars *bars,
                          double share)
{
  sampler->bars = bars;
  sampler->stage = stage;
  sampler->share = share;
  sampler->start_share = 0.0;
  ds_stage_set_sampler (stage, sample_bar, sampler);
}

gboolean
ds_bars_train_on (DsStage *stage, const DsBars *bars, DsBarsSampler *sampler, guint64 seed,
                  GError **error)
{
  guint L = ds_stage_length (stage);
  guint copies = MAX (1u, DS_BARS_RANDOM_STARTS / MAX (bars->n_bars, 1u));
  DsRng rng;

  ds_rng_init_stream (&rng, seed, 0, 0x5e55);
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      guint v = ds_stage_agent_voice (stage, a);

      ds_stage_clear_choices (stage, v);
      for (guint b = 0; b < bars->n_bars; b++)
        for (guint c = 0; c < copies; c++)
          if (!ds_stage_add_choice (stage, v, &ds_bars_get (bars, b)[v], error))
            return FALSE;
      for (guint r = 0; r < DS_BARS_RANDOM_STARTS; r++)
        {
          double density = 0.5 * ds_rng_double (&rng);
          DsPattern p;

          ds_pattern_init (&p, L);
          for (guint k = 0; k < L; k++)
            if (ds_rng_double (&rng) < density)
              ds_pattern_set (&p, k, TRUE);
          if (!ds_stage_add_choice (stage, v, &p, error))
            return FALSE;
        }
    }
  ds_bars_sampler_attach (sampler, stage, bars, 0.75);
  ds_stage_set_loop (stage, ds_bars_get (bars, 0));
  return TRUE;
}
