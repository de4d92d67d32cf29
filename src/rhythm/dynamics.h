/* dynamics.h: how loud a drum plays a step it was not played on.
 *
 * A hit that no one played (an answer's new onset) takes a velocity from the
 * metrical strength of its step: the meter's Toussaint weight (meter.h) scaled
 * to [0, 1] within its bar, 1 on the downbeat, 0 on the weakest steps, and an
 * accent lifts it into the loud range.  MIDI export and the responder both
 * give new onsets these velocities, so a file and a live answer sound alike.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/meter.h"

G_BEGIN_DECLS

/* The metrical strength of STEP of METER in [0, 1]: (weight - 1) / (levels - 1)
 * of its bar; a bar of one level gives 1 on its first step and 0.5 elsewhere. */
double ds_dynamics_strength (const DsMeter *meter, guint step);

/* The velocity (1 .. 127) of a step of STRENGTH: 56 .. 100, accented 112 .. 127. */
guint ds_dynamics_velocity (double strength, gboolean accent);

G_END_DECLS
