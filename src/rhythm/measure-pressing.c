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

#include <string.h>

#include "src/rhythm/measure-builtin.h"

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
        g = ds_measure_gcd (g, k - a);
      }
  if (count == 0 || (count == 1 && on[a]))
    return 0;
  if (count * g == n)
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

/* segment_cost on bit masks, for bars of at most 64 steps: ON holds the bar's
 * onsets. */
static guint
segment_cost_word (uint64_t on, guint a, guint b, gboolean next_on)
{
  uint64_t span = (b == 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << b) - 1) & (~(uint64_t) 0 << a);
  uint64_t inside = on & span, rest;
  guint n = b - a, g = n;
  gboolean first, last;

  if (inside == 0 || inside == (uint64_t) 1 << a)
    return 0;
  for (rest = inside; rest != 0; rest &= rest - 1)
    g = ds_measure_gcd (g, (guint) __builtin_ctzll (rest) - a);
  if (ds_measure_popcount (inside) * g == n)
    return 1;
  first = (on >> a) & 1;
  last = (on >> (b - g)) & 1;
  if (first && (!last || !next_on))
    return 2;
  if (last && next_on)
    return 3;
  return 5;
}

/* pressing_bar for bars of at most 64 steps, up to depth DEEPEST. */
static double
pressing_word (const DsMeasureBar *bar, guint deepest, gboolean next_bar_on)
{
  uint64_t bounds = 0, on = 0;
  double total = 0.0;

  for (guint i = 0; i < bar->n_onsets; i++)
    on |= (uint64_t) 1 << bar->onsets[i];
  for (guint depth = 0; depth < deepest; depth++)
    {
      uint64_t starts;
      guint n = 0, shortest = bar->steps, cost = 0, a = 0;

      for (guint k = 0; k < bar->steps; k++)
        if (bar->level[k] == depth)
          bounds |= (uint64_t) 1 << k;
      for (starts = bounds & (bounds - 1); starts != 0; starts &= starts - 1)
        {
          guint e = (guint) __builtin_ctzll (starts);

          shortest = MIN (shortest, e - a);
          a = e;
        }
      shortest = MIN (shortest, bar->steps - a);
      if (shortest < 2)
        break;
      a = 0;
      for (starts = bounds & (bounds - 1);; starts &= starts - 1)
        {
          guint e = starts != 0 ? (guint) __builtin_ctzll (starts) : bar->steps;

          cost += segment_cost_word (on, a, e, starts != 0 ? (gboolean) ((on >> e) & 1) : next_bar_on);
          n++;
          if (starts == 0)
            break;
          a = e;
        }
      total += (double) cost / n;
    }
  return total;
}

static void
pressing_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint8 on[DS_PATTERN_MAX_STEPS];
  guint bounds[DS_PATTERN_MAX_STEPS + 1];
  gboolean next_bar_on;
  double total = 0.0;
  guint deepest = 0;

  *num = 0.0;
  *den = 1.0;
  if (bar->n_onsets == 0)
    return;
  memset (on, 0, bar->steps);
  next_bar_on = ds_pattern_get (bar->loop, (bar->start + bar->steps) % bar->loop->length);
  for (guint i = 0; i < bar->n_onsets; i++)
    deepest = MAX (deepest, bar->level[bar->onsets[i]]);
  if (bar->steps <= 64)
    {
      *num = pressing_word (bar, deepest, next_bar_on);
      return;
    }
  for (guint i = 0; i < bar->n_onsets; i++)
    on[bar->onsets[i]] = 1;
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

/* At most 5 per level whose segments all have 2 steps or more (exact for
 * every grid of up to 20 steps tried: 4/4, 3/4, 6/8, 2/4, 7/8, 5/4). */
static void
pressing_bound (const DsMeasureBar *bar, double *min, double *max)
{
  guint levels = 0;

  for (guint depth = 0; depth < bar->info->n_levels; depth++)
    {
      guint shortest = bar->steps, last = 0;

      for (guint k = 1; k <= bar->steps; k++)
        if (k == bar->steps || bar->level[k] <= depth)
          {
            shortest = MIN (shortest, k - last);
            last = k;
          }
      if (shortest < 2)
        break;
      levels++;
    }
  *min = 0.0;
  *max = 5.0 * levels;
}

const DsMeasureClass ds_measure_pressing = {
  .name = "pressing",
  .summary = "Pressing's cognitive complexity: costs of the segments at every metrical level",
  .citation = "Pressing (1997), Proc. 4th Conf. Australasian Cognitive Science Society",
  .bar = pressing_bar,
  .bound = pressing_bound,
};
