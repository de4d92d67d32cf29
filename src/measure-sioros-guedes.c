/* measure-sioros-guedes.c: Sioros & Guedes syncopation.
 *
 * Sioros, G. & Guedes, C. (2011). Complexity driven recombination of MIDI loops.
 * Proc. ISMIR, 381-386; as implemented in SynPy (Song, Harte & Pearce 2015,
 * SG.py) with every onset at velocity 1 and SynPy's defaults.
 *
 * The bar is first reduced to the coarsest level of its hierarchy that holds
 * every onset (SynPy's minimum time-span, whenever that is a level), giving
 * positions with levels H.  An onset at level h has potential 1 - 0.5^h.  For
 * each level l from h to the deepest, its neighbours at level l are the
 * nearest positions before and after it (cyclic within the bar) whose level is
 * at most l; the difference to a neighbour is 1 when the neighbour is silent
 * (0 when it sounds), times min(1, 0.5 |h - h'| / 4 + 0.5); the level's value
 * is (0.8 diff(previous) + diff(next)) / 1.8.  The onset adds the smallest
 * level value times its potential; the bar's value is the sum.  Empty bar: 0.
 * Several bars: the sum.
 */
#include "autoconfig.h"

#include <math.h>

#include "src/measure-builtin.h"

static double
difference (const guint8 *on, const guint *h, guint i, guint j)
{
  double factor = 0.5 * fabs ((double) h[i] - (double) h[j]) / 4.0 + 0.5;

  return on[j] ? 0.0 : MIN (factor, 1.0);
}

static void
sioros_guedes_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint8 on[DS_PATTERN_MAX_STEPS];
  guint h[DS_PATTERN_MAX_STEPS];
  guint depth = 0, n = 0;
  double sum = 0.0;

  *num = 0.0;
  *den = 1.0;
  for (guint i = 0; i < bar->n_onsets; i++)
    depth = MAX (depth, bar->level[bar->onsets[i]]);
  for (guint k = 0, i = 0; k < bar->steps; k++)
    if (bar->level[k] <= depth)
      {
        gboolean sounds = i < bar->n_onsets && bar->onsets[i] == k;

        on[n] = sounds;
        h[n] = bar->level[k];
        n++;
        i += sounds;
      }
  for (guint i = 0; i < n; i++)
    {
      double best = INFINITY;

      if (!on[i] || h[i] == 0)
        continue;
      for (guint l = h[i]; l <= depth; l++)
        {
          guint pre = (i + n - 1) % n, post = (i + 1) % n;
          double ave;

          while (h[pre] > l)
            pre = (pre + n - 1) % n;
          while (h[post] > l)
            post = (post + 1) % n;
          ave = (0.8 * difference (on, h, i, pre) + difference (on, h, i, post)) / 1.8;
          best = MIN (best, ave);
        }
      sum += best * (1.0 - ldexp (1.0, -(int) h[i]));
    }
  *num = sum;
}

/* Each onset adds at most its potential. */
static void
sioros_guedes_bound (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 0.0;
  for (guint k = 0; k < bar->steps; k++)
    *max += 1.0 - pow (0.5, bar->level[k]);
}

const DsMeasureClass ds_measure_sioros_guedes = {
  .name = "sioros-guedes",
  .context_free = TRUE,
  .summary = "Sioros & Guedes syncopation: onsets louder than their metrical neighbours",
  .citation = "Sioros & Guedes (2011), Proc. ISMIR 381-386",
  .bar = sioros_guedes_bar,
  .bound = sioros_guedes_bound,
};
