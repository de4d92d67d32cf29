/* dynamics.c: velocities from metrical strength (see dynamics.h). */
#include "autoconfig.h"

#include "src/rhythm/dynamics.h"

#include <math.h>

double
ds_dynamics_strength (const DsMeter *meter, guint step)
{
  const DsBar *bar = ds_meter_bar (meter, ds_meter_bar_of_step (meter, step));

  if (bar->n_levels <= 1)
    return step == bar->start ? 1.0 : 0.5;
  return (double) (ds_meter_weight (meter, step) - 1) / (bar->n_levels - 1);
}

guint
ds_dynamics_velocity (double strength, gboolean accent)
{
  return accent ? (guint) lround (112 + 15 * strength) : (guint) lround (56 + 44 * strength);
}
