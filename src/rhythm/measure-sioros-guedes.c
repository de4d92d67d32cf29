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
#include <string.h>

#include "src/rhythm/measure-builtin.h"

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

/* The term of position I of the reduced cycle (N positions, levels H) when X
 * holds the states of I - 1, I and I + 1. */
static double
bound_term (const guint *h, guint n, guint i, gboolean prev, gboolean on, gboolean next)
{
  guint8 silent[2] = { 1, 1 };
  guint pos[3];
  double f_prev, f_next;

  if (!on)
    return 0.0;
  pos[0] = (i + n - 1) % n;
  pos[1] = i;
  pos[2] = (i + 1) % n;
  silent[0] = !prev;
  silent[1] = !next;
  f_prev = MIN (0.5 * fabs ((double) h[i] - (double) h[pos[0]]) / 4.0 + 0.5, 1.0);
  f_next = MIN (0.5 * fabs ((double) h[i] - (double) h[pos[2]]) / 4.0 + 0.5, 1.0);
  return (1.0 - ldexp (1.0, -(int) h[i]))
         * (0.8 * silent[0] * f_prev + silent[1] * f_next) / 1.8;
}

/* An onset's value is at most its value at the deepest level D of its bar's
 * reduced grid, where its neighbours are the adjacent positions; for each D
 * the largest sum of those over any onsets of the grid of levels <= D is found
 * exactly by dynamic programming around the cycle, and the bound is the
 * largest over D (equal to the exact maximum on every grid of 8 to 20 steps
 * tried: 4/4, 2/4, 3/4, 6/8, 7/8, 5/4). */
static void
sioros_guedes_bound (const DsMeasureBar *bar, double *min, double *max)
{
  guint h[DS_PATTERN_MAX_STEPS];

  *min = 0.0;
  *max = 0.0;
  for (guint depth = 1; depth < bar->info->n_levels; depth++)
    {
      guint n = 0;

      for (guint k = 0; k < bar->steps; k++)
        if (bar->level[k] <= depth)
          h[n++] = bar->level[k];
      if (n < 2)
        continue;
      for (guint s0 = 0; s0 < 2; s0++)
        for (guint s1 = 0; s1 < 2; s1++)
          {
            /* dp[a][b]: the best sum of the terms of 1 .. k - 1 with x[k-1] = a, x[k] = b */
            double dp[2][2] = { { -INFINITY, -INFINITY }, { -INFINITY, -INFINITY } };

            dp[s0][s1] = 0.0;
            for (guint k = 1; k + 1 < n; k++)
              {
                double next[2][2] = { { -INFINITY, -INFINITY }, { -INFINITY, -INFINITY } };

                for (guint a = 0; a < 2; a++)
                  for (guint b = 0; b < 2; b++)
                    for (guint c = 0; c < 2 && dp[a][b] > -INFINITY; c++)
                      next[b][c] = MAX (next[b][c], dp[a][b] + bound_term (h, n, k, a, b, c));
                memcpy (dp, next, sizeof dp);
              }
            for (guint a = 0; a < 2; a++)
              for (guint b = 0; b < 2; b++)
                if (dp[a][b] > -INFINITY)
                  {
                    /* close the cycle: the terms of n - 1 and of 0 */
                    double total = dp[a][b] + bound_term (h, n, 0, b, s0, s1)
                                   + bound_term (h, n, n - 1, a, b, s0);

                    *max = MAX (*max, total);
                  }
          }
    }
}

const DsMeasureClass ds_measure_sioros_guedes = {
  .name = "sioros-guedes",
  .neighbours = DS_MEASURE_NEIGHBOURS_NONE,
  .summary = "Sioros & Guedes syncopation: onsets louder than their metrical neighbours",
  .citation = "Sioros & Guedes (2011), Proc. ISMIR 381-386",
  .bar = sioros_guedes_bar,
  .bound = sioros_guedes_bound,
};
