/* measure-keith.c: Keith's syncopation.
 *
 * Keith, M. (1991). From Polychords to Polya: Adventures in Musical
 * Combinatorics. Vinculum Press; as implemented in SynPy (Song, Harte & Pearce
 * 2015, KTH.py).
 *
 * Each note lasts until the next onset of the loop.  With D its duration in
 * steps rounded down to a power of 2, a note that starts off a multiple of D is
 * an anticipation (2), one that ends off a multiple of D a hesitation (1), both
 * a syncopation (3).  The value is the sum over the bar's notes; empty bar 0.
 * Keith's durations are powers of 2 of the beat, so the definition covers bars
 * whose numerator and number of steps are both powers of 2 (2/4, 4/4, 2/2 ...
 * in 8, 16, 32 steps); other bars are an error.  Several bars: the sum.
 */
#include "autoconfig.h"

#include "src/rhythm/measure-builtin.h"

static gboolean
is_power_of_2 (guint n)
{
  return n > 0 && (n & (n - 1)) == 0;
}

static gboolean
keith_covers (const DsMeasureBar *bar, GError **error)
{
  if (!is_power_of_2 (bar->info->signature.numerator) || !is_power_of_2 (bar->steps))
    {
      g_autofree char *signature = ds_signature_to_string (&bar->info->signature);

      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "keith is defined for bars whose numerator and number of steps are "
                   "powers of 2, not a %s bar of %u steps", signature, bar->steps);
      return FALSE;
    }
  return TRUE;
}

static void
keith_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint sum = 0;

  for (guint i = 0; i < bar->n_onsets; i++)
    {
      guint start = bar->onsets[i];
      guint duration = i + 1 < bar->n_onsets ? bar->onsets[i + 1] - start
                                             : ds_measure_bar_next_onset (bar, start);
      guint d = 1u << (31 - __builtin_clz (duration));

      if (start % d != 0)
        sum += 2;
      if ((start + duration) % d != 0)
        sum += 1;
    }
  *num = sum;
  *den = 1.0;
}

/* At most 3 per note, and a note of one step (D = 1) scores nothing, so at
 * most steps / 2 notes score: 3 * floor(steps / 2) (exact at 8 and 16 steps). */
static void
keith_bound (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 3.0 * (bar->steps / 2);
}

const DsMeasureClass ds_measure_keith = {
  .name = "keith",
  .summary = "Keith's syncopation: notes that start (2) or end (1) off their duration's grid",
  .citation = "Keith (1991), From Polychords to Polya",
  .integer = TRUE,
  .covers = keith_covers,
  .bar = keith_bar,
  .bound = keith_bound,
};
