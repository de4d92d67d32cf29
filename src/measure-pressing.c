/* measure-pressing.c: Pressing's cognitive complexity.
 *
 * Pressing, J. (1997). Cognitive complexity and the structure of musical
 * patterns. Proc. 4th Conf. of the Australasian Cognitive Science Society;
 * Pressing (1999), as implemented in SynPy (Song, Harte & Pearce 2015, PRS.py).
 *
 * At each level of the bar's hierarchy (the bar, then each subdivision, while
 * every segment has at least 2 steps) the bar is cut into its segments.  Each
 * segment, reduced to its minimum time-span, costs: null (only its first
 * element sounds, or none) 0; filled (every element) 1; run (first on, last
 * off; or first on and the next segment starts with a rest) 2; upbeat (last
 * on, next segment starts with an onset) 3; syncopated (first off) 5, tested
 * in that order.  After the bar's last segment comes the next bar (looped: the
 * bar itself).  The value is the sum over levels of the mean cost of the
 * level's segments.  Empty bar: 0.  Several bars: the sum.
 */
#include "autoconfig.h"

#include "src/measure-builtin.h"

static guint
gcd (guint a, guint b)
{
  while (b != 0)
    {
      guint t = a % b;

      a = b;
      b = t;
    }
  return a;
}

/* The cost of the segment [A, B) of BAR whose successor starts with an onset
 * when NEXT_ON. */
static guint
segment_cost (const DsMeasureBar *bar, const guint8 *on, guint a, guint b, gboolean next_on)
{
  guint n = b - a, g = n, count = 0;
  gboolean first, last;

  for (guint k = a; k < b; k++)
    if (on[k])
      {
        count++;
        g = gcd (g, k - a);
      }
  if (count == 0 || (count == 1 && on[a]))
    return 0;
  if (count == n / g)
    return 1;
  first = on[a];
  last = on[b - g];
  if (first && !last)
    return 2;
  if (first && !next_on)
    return 2;
  if (last && next_on)
    return 3;
  return 5; /* first off (every case with first on is above) */
}

static void
pressing_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint8 on[DS_PATTERN_MAX_STEPS] = { 0 };
  guint bounds[DS_PATTERN_MAX_STEPS + 1];
  gboolean next_bar_on;
  double total = 0.0;
  guint deepest = 0;

  *num = 0.0;
  *den = 1.0;
  if (bar->n_onsets == 0)
    return;
  for (guint i = 0; i < bar->n_onsets; i++)
    on[bar->onsets[i]] = 1;
  next_bar_on = ds_pattern_get (bar->loop, (bar->start + bar->steps) % bar->loop->length);
  for (guint i = 0; i < bar->n_onsets; i++)
    deepest = MAX (deepest, bar->level[bar->onsets[i]]);
  /* from the depth of the deepest onset on, every segment holds at most an
   * onset on its first step: all null, cost 0 */
  for (guint depth = 0; depth < deepest; depth++)
    {
      guint n = 0, shortest = bar->steps, cost = 0;

      for (guint k = 0; k < bar->steps; k++)
        if (bar->level[k] <= depth)
          bounds[n++] = k;
      bounds[n] = bar->steps;
      for (guint s = 0; s < n; s++)
        shortest = MIN (shortest, bounds[s + 1] - bounds[s]);
      if (shortest < 2)
        break;
      for (guint s = 0; s < n; s++)
        cost += segment_cost (bar, on, bounds[s], bounds[s + 1],
                              s + 1 < n ? on[bounds[s + 1]] : next_bar_on);
      total += (double) cost / n;
    }
  *num = total;
}

/* At most 5 per level. */
static void
pressing_bound (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 5.0 * bar->info->n_levels;
}

const DsMeasureClass ds_measure_pressing = {
  .name = "pressing",
  .summary = "Pressing's cognitive complexity: costs of the segments at every metrical level",
  .citation = "Pressing (1997), Proc. 4th Conf. Australasian Cognitive Science Society",
  .bar = pressing_bar,
  .bound = pressing_bound,
};
