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

#include "src/rhythm/measure-builtin.h"

/* The sum of exp(2 pi i t_k / N) exp(-2 pi i k / K), with the two unit
 * roots stepped by complex multiplication (two sincos a bar, not two a note). */
static void
evenness_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint k_total = bar->n_onsets, next = 0;
  double step_re = cos (2.0 * G_PI / bar->steps), step_im = sin (2.0 * G_PI / bar->steps);
  double poly_re, poly_im, t_re = 1.0, t_im = 0.0, k_re = 1.0, k_im = 0.0;
  double re = 0.0, im = 0.0;

  *den = 1.0;
  *num = 0.0;
  if (k_total == 0)
    return;
  poly_re = cos (2.0 * G_PI / k_total);
  poly_im = -sin (2.0 * G_PI / k_total);
  for (guint t = 0; t < bar->steps && next < k_total; t++)
    {
      double r;

      if (bar->onsets[next] == t)
        {
          /* exp(2 pi i t / N) * exp(-2 pi i k / K) */
          re += t_re * k_re - t_im * k_im;
          im += t_re * k_im + t_im * k_re;
          r = k_re * poly_re - k_im * poly_im;
          k_im = k_re * poly_im + k_im * poly_re;
          k_re = r;
          next++;
        }
      r = t_re * step_re - t_im * step_im;
      t_im = t_re * step_im + t_im * step_re;
      t_re = r;
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
  .neighbours = DS_MEASURE_NEIGHBOURS_NONE,
  .summary = "how near the onsets lie to a regular polygon (1 = perfectly even)",
  .citation = "Milne & Herff (2020), Cognition 203; Milne & Dean (2016), CMJ 40(1)",
  .mean = TRUE,
  .bar = evenness_bar,
  .range = evenness_range,
  .bound = evenness_range,
};
