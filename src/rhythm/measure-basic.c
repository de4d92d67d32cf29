/* measure-basic.c: density, the share of steps that sound.
 *
 * density = onsets / steps, over the whole loop (every study's first measure,
 * e.g. Pressing 1999; Milne & Herff 2020 use it as the baseline predictor of
 * complexity).  Its raw value is already in [0, 1]: empty 0, full 1.
 */
#include "autoconfig.h"

#include "src/rhythm/measure-builtin.h"

static void
density_bar (const DsMeasureBar *bar, double *num, double *den)
{
  *num = bar->n_onsets;
  *den = bar->steps;
}

static void
density_range (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 1.0;
}

const DsMeasureClass ds_measure_density = {
  .name = "density",
  .neighbours = DS_MEASURE_NEIGHBOURS_NONE,
  .summary = "onsets per step",
  .citation = "by definition",
  .mean = TRUE,
  .bar = density_bar,
  .range = density_range,
  .bound = density_range,
};
