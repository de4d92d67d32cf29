/* measure-toussaint.c: Toussaint's metrical complexity and off-beatness.
 *
 * metrical: Toussaint, G. T. (2002). A mathematical analysis of African,
 * Brazilian, and Cuban clave rhythms. Proc. BRIDGES, 157-168.  Metricity is the
 * sum of the metrical weights (meter.h: n_levels - level) at the onsets; the
 * complexity is the largest metricity any pattern with as many onsets could
 * have (the sum of the K largest weights of the bar) minus the pattern's own.
 * Empty and full bars give 0.  Several bars: the sum.
 *
 * off-beatness: Toussaint, G. T. (2003). Classification and phylogenetic
 * analysis of African ternary rhythm timelines. Proc. BRIDGES, 25-36; as in
 * Gomez, Melvin, Rappaport & Toussaint (2005).  The number of onsets at steps
 * i (0 < i < n) of the n-step cycle with gcd(i, n) = 1: the onsets that lie on
 * no regular polygon through step 0.  The meter is not used beyond its bars;
 * several bars: the sum over bars.
 */
#include "autoconfig.h"

#include "src/rhythm/measure-builtin.h"

/* How many steps of the bar sit at each level. */
static void
count_levels (const DsMeasureBar *bar, guint *count)
{
  for (guint l = 0; l < bar->info->n_levels; l++)
    count[l] = 0;
  for (guint k = 0; k < bar->steps; k++)
    count[bar->level[k]]++;
}

/* The sum of the K largest (FROM_TOP) or smallest weights of the bar. */
static guint
extreme_weights (const DsMeasureBar *bar, const guint *count, guint k, gboolean from_top)
{
  guint n_levels = bar->info->n_levels, sum = 0;

  for (guint i = 0; i < n_levels && k > 0; i++)
    {
      guint l = from_top ? i : n_levels - 1 - i;
      guint take = MIN (k, count[l]);

      sum += take * (n_levels - l);
      k -= take;
    }
  return sum;
}

static void
metrical_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint count[DS_PATTERN_MAX_STEPS], metricity = 0;

  count_levels (bar, count);
  for (guint i = 0; i < bar->n_onsets; i++)
    metricity += bar->info->n_levels - bar->level[bar->onsets[i]];
  *num = (double) extreme_weights (bar, count, bar->n_onsets, TRUE) - metricity;
  *den = 1.0;
}

/* For K onsets the value ranges from 0 (on the K heaviest steps) to the K
 * heaviest minus the K lightest weights. */
static void
metrical_range (const DsMeasureBar *bar, double *min, double *max)
{
  guint count[DS_PATTERN_MAX_STEPS];

  count_levels (bar, count);
  *min = 0.0;
  *max = 0.0;
  for (guint k = 0; k <= bar->steps; k++)
    *max = MAX (*max, (double) extreme_weights (bar, count, k, TRUE)
                          - extreme_weights (bar, count, k, FALSE));
}

static void
off_beatness_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint count = 0;

  for (guint i = 0; i < bar->n_onsets; i++)
    if (bar->onsets[i] > 0 && ds_measure_gcd (bar->onsets[i], bar->steps) == 1)
      count++;
  *num = count;
  *den = 1.0;
}

static void
off_beatness_range (const DsMeasureBar *bar, double *min, double *max)
{
  guint count = 0;

  for (guint i = 1; i < bar->steps; i++)
    if (ds_measure_gcd (i, bar->steps) == 1)
      count++;
  *min = 0.0;
  *max = count;
}

const DsMeasureClass ds_measure_metrical = {
  .name = "metrical",
  .neighbours = DS_MEASURE_NEIGHBOURS_NONE,
  .summary = "Toussaint's metrical complexity: the best metricity for as many onsets, "
             "minus the pattern's",
  .citation = "Toussaint (2002), Proc. BRIDGES 157-168",
  .integer = TRUE,
  .bar = metrical_bar,
  .range = metrical_range,
  .bound = metrical_range,
};

const DsMeasureClass ds_measure_off_beatness = {
  .name = "off-beatness",
  .neighbours = DS_MEASURE_NEIGHBOURS_NONE,
  .summary = "Toussaint's off-beatness: onsets on no regular polygon through step 0",
  .citation = "Toussaint (2003), Proc. BRIDGES 25-36; Gomez et al. (2005)",
  .integer = TRUE,
  .bar = off_beatness_bar,
  .range = off_beatness_range,
  .bound = off_beatness_range,
};
