/* measure-wnbd.c: weighted note-to-beat distance.
 *
 * Gomez, F., Melvin, A., Rappaport, D. & Toussaint, G. T. (2005). Mathematical
 * measures of syncopation. Proc. BRIDGES, 73-84; as implemented in SynPy (Song,
 * Harte & Pearce 2015, WNBD.py), divided by the number of onsets.
 *
 * The beats are the steps at or above the meter's beat level.  Each note lasts
 * until the next onset of the loop.  With d its distance to the nearest beat,
 * in beats (the distance in steps over the length of the beat interval that
 * holds the note, so that uneven beats such as 2+2+3 work too): a note on a
 * beat adds 0; a note that ends after the next beat and at or before the beat
 * after that adds 2/d; any other note 1/d.  The value is the sum over notes
 * divided by their number (empty bar: 0).  Several bars: the sum over every
 * note of the loop divided by the number of notes.
 */
#include "autoconfig.h"

#include "src/rhythm/measure-builtin.h"

/* The first beat of BAR after step K (relative to the bar's start; the bar's
 * own length when that is the next bar's start). */
static guint
next_beat (const DsMeasureBar *bar, guint k)
{
  guint beat = bar->info->beat_level;

  for (k++; k < bar->steps; k++)
    if (bar->level[k] <= beat)
      return k;
  return bar->steps;
}

static void
wnbd_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint n_bars = ds_meter_n_bars (bar->meter);
  const DsBar *next_info = ds_meter_bar (bar->meter, (bar->bar + 1) % n_bars);
  const guint *next_level = ds_meter_levels (bar->meter) + next_info->start;
  guint next_second = 1;
  double sum = 0.0;

  while (next_second < next_info->steps && next_level[next_second] > next_info->beat_level)
    next_second++;
  for (guint i = 0; i < bar->n_onsets; i++)
    {
      guint s = bar->onsets[i], left = s, right, after, end;
      double d;

      while (bar->level[left] > bar->info->beat_level)
        left--;
      if (left == s)
        continue;
      right = next_beat (bar, s);
      after = right < bar->steps ? next_beat (bar, right) : bar->steps + next_second;
      d = (double) MIN (s - left, right - s) / (right - left);
      end = s + (i + 1 < bar->n_onsets ? bar->onsets[i + 1] - s
                                       : ds_measure_bar_next_onset (bar, s));
      sum += (end > right && end <= after ? 2.0 : 1.0) / d;
    }
  *num = sum;
  *den = bar->n_onsets;
}

/* A note at least one step off the beat adds at most 2 / (1 / beat steps). */
static void
wnbd_bound (const DsMeasureBar *bar, double *min, double *max)
{
  guint longest = 0;

  for (guint k = 0; k < bar->steps;)
    {
      guint e = next_beat (bar, k);

      longest = MAX (longest, e - k);
      k = e;
    }
  *min = 0.0;
  *max = 2.0 * longest;
}

const DsMeasureClass ds_measure_wnbd = {
  .name = "wnbd",
  .summary = "weighted note-to-beat distance: mean of 1/d or 2/d over the notes off the beat",
  .citation = "Gomez, Melvin, Rappaport & Toussaint (2005), Proc. BRIDGES 73-84",
  .mean = TRUE,
  .bar = wnbd_bar,
  .bound = wnbd_bound,
};
