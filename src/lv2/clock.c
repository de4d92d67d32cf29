/* clock.c: the host's musical time (clock.h). */
#include "autoconfig.h"

#include "src/lv2/clock.h"
#include "src/responder/xrun.h"

#include <math.h>

/* How far a report may lie from where the clock had counted before it counts
 * as a jump (the notes that sound end, the bar under way is not answered):
 * back, a twentieth of a beat, as hosts round the beat to a float and a tempo
 * change between reports moves the count; on, that or DS_XRUN_SECONDS
 * (src/responder/xrun.h: the host skipped the cycles of an xrun), whichever is
 * more.  Within it the clock takes the host's position and plays on. */
#define JUMP_BEATS 0.05

void
ds_lv2_clock_init (DsLv2Clock *clock, double sample_rate)
{
  *clock = (DsLv2Clock){
    .sample_rate = sample_rate,
    .bpm = 120,
    .beats_per_bar = 4,
    .beat_unit = 4,
  };
}

guint
ds_lv2_clock_update (DsLv2Clock *clock, const DsLv2Position *pos)
{
  guint change = 0;
  gboolean was_rolling = clock->rolling, was_known = clock->known;
  double predicted = clock->beat;

  if (pos->has_bpm && pos->bpm > 0 && isfinite (pos->bpm))
    clock->bpm = pos->bpm;
  if (pos->has_beats_per_bar && pos->beats_per_bar > 0 && isfinite (pos->beats_per_bar)
      && pos->beats_per_bar != clock->beats_per_bar)
    {
      clock->beats_per_bar = pos->beats_per_bar;
      change |= DS_LV2_CLOCK_METER;
    }
  if (pos->has_beat_unit && pos->beat_unit > 0 && pos->beat_unit != clock->beat_unit)
    {
      clock->beat_unit = pos->beat_unit;
      change |= DS_LV2_CLOCK_METER;
    }
  if (pos->has_speed && isfinite (pos->speed))
    clock->speed = pos->speed;
  clock->rolling = clock->speed > 0;

  if (pos->has_bar && pos->has_bar_beat && isfinite (pos->bar_beat))
    clock->beat = (double) pos->bar * clock->beats_per_bar + pos->bar_beat;
  else if (pos->has_frame && clock->sample_rate > 0)
    clock->beat = (double) pos->frame / clock->sample_rate * clock->bpm / 60.0;
  clock->known = TRUE;

  if (clock->rolling && !was_rolling)
    change |= DS_LV2_CLOCK_STARTED;
  if (!clock->rolling && was_rolling)
    change |= DS_LV2_CLOCK_STOPPED;
  if (clock->rolling && was_rolling && was_known
      && (clock->beat - predicted < -JUMP_BEATS
          || clock->beat - predicted > MAX (JUMP_BEATS, DS_XRUN_SECONDS * clock->bpm / 60.0)))
    change |= DS_LV2_CLOCK_JUMPED;
  return change;
}

double
ds_lv2_clock_rate (const DsLv2Clock *clock)
{
  if (!clock->rolling || clock->sample_rate <= 0)
    return 0;
  return clock->bpm / 60.0 * clock->speed / clock->sample_rate;
}

void
ds_lv2_clock_advance (DsLv2Clock *clock, uint32_t frames)
{
  clock->beat += frames * ds_lv2_clock_rate (clock);
}

int64_t
ds_lv2_clock_bar_of (const DsLv2Clock *clock, double beat)
{
  return (int64_t) floor (beat / clock->beats_per_bar);
}

double
ds_lv2_clock_bar_start (const DsLv2Clock *clock, int64_t bar)
{
  return (double) bar * clock->beats_per_bar;
}

gboolean
ds_lv2_clock_meter (const DsLv2Clock *clock, int *beats, int *unit)
{
  double b = clock->beats_per_bar;
  int u = clock->beat_unit;

  if (b != floor (b) || b < 1 || b > 64)
    return FALSE;
  if (u < 1 || u > 64 || (u & (u - 1)) != 0)
    return FALSE;
  *beats = (int) b;
  *unit = u;
  return TRUE;
}
