/* measure-evenness.c: evenness, how close the onsets lie to a regular polygon.
 *
 * Milne, A. J. & Herff, S. A. (2020). The perceptual relevance of balance,
 * evenness, and entropy in musical rhythms. Cognition 203, 104233; after Milne &
 * Dean (2016), Computational creation and morphing of multilevel rhythms by
 * control of evenness. Computer Music Journal 40(1).
 *
 * With the onset steps t_0 < ... < t_{K-1} of a bar of N steps:
 *   evenness = | (1/K) sum_k exp(2 pi i (t_k / N - k / K)) |,
 * the magnitude of the first DFT coefficient after each onset is moved back to
 * its place in a regular K-gon: 1 for a perfectly even pattern (K = 1 too).
 * An empty bar has no polygon; drumswarm defines its evenness as 0.  Several
 * bars: the mean over bars.
 */
#include "autoconfig.h"

#include <math.h>

#include "src/measure-builtin.h"

static void
evenness_bar (const DsMeasureBar *bar, double *num, double *den)
{
  double re = 0.0, im = 0.0;
  guint k_total = bar->n_onsets;

  *den = 1.0;
  if (k_total == 0)
    {
      *num = 0.0;
      return;
    }
  for (guint k = 0; k < k_total; k++)
    {
      double phase = 2.0 * G_PI * ((double) bar->onsets[k] / bar->steps
                                   - (double) k / k_total);

      re += cos (phase);
      im += sin (phase);
    }
  *num = hypot (re, im) / k_total;
}

static void
evenness_range (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 1.0;
}

const DsMeasureClass ds_measure_evenness = {
  .name = "evenness",
  .summary = "how near the onsets lie to a regular polygon (1 = perfectly even)",
  .citation = "Milne & Herff (2020), Cognition 203; Milne & Dean (2016), CMJ 40(1)",
  .mean = TRUE,
  .bar = evenness_bar,
  .range = evenness_range,
  .bound = evenness_range,
};
