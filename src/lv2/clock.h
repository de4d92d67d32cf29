/* clock.h: the host's musical time, frame by frame.
 *
 * An LV2 host reports its transport as time:Position objects (LV2 time
 * extension): bar, beat within the bar, meter, tempo and speed, and the frame,
 * usually only when something changes (transport starts, stops, jumps, the
 * tempo or meter changes).  Between reports the clock moves on by itself at
 * the last tempo.  Its position is a count of beats from the start of bar 0
 * (bar * beats per bar + beat in bar), so that notes scheduled in beats stay
 * on their beats when the tempo changes.  A host that gives no bar and beat
 * (JACK transport without a timebase master, for one) still gives the frame:
 * the clock then counts 4/4 bars at 120 bpm from frame 0, or at the tempo and
 * meter it last heard.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

/* What a position report says; has_* tells which fields it had. */
typedef struct {
  gboolean has_speed, has_bar, has_bar_beat, has_beats_per_bar, has_beat_unit, has_bpm,
      has_frame;
  double speed, bar_beat, beats_per_bar, bpm;
  int64_t bar, frame;
  int beat_unit;
} DsLv2Position;

/* What a report changed (flags). */
typedef enum {
  DS_LV2_CLOCK_STARTED = 1 << 0, /* it rolls now, and did not before */
  DS_LV2_CLOCK_STOPPED = 1 << 1, /* it stopped (or runs backwards) */
  DS_LV2_CLOCK_JUMPED = 1 << 2,  /* rolling, it is elsewhere than it had counted to */
  DS_LV2_CLOCK_METER = 1 << 3,   /* beats per bar or beat unit changed */
} DsLv2ClockChange;

typedef struct {
  double sample_rate;
  gboolean known;       /* a position was reported */
  gboolean rolling;
  double speed;         /* transport speed: 1 normal, 0 stopped */
  double bpm;           /* beats per minute */
  double beats_per_bar; /* e.g. 4, 7 */
  int beat_unit;        /* the note value of a beat: 4 a quarter, 8 an eighth */
  double beat;          /* the position in beats from the start of bar 0 */
} DsLv2Clock;

/* A clock at SAMPLE_RATE, not rolling, 4/4 at 120 bpm until told otherwise. */
void ds_lv2_clock_init (DsLv2Clock *clock, double sample_rate);

/* Takes the report POS; returns what changed (DsLv2ClockChange flags). */
guint ds_lv2_clock_update (DsLv2Clock *clock, const DsLv2Position *pos);

/* Beats per frame while rolling (0 when stopped). */
double ds_lv2_clock_rate (const DsLv2Clock *clock);

/* Moves the clock on by FRAMES frames. */
void ds_lv2_clock_advance (DsLv2Clock *clock, uint32_t frames);

/* The bar that the position BEAT lies in, and the beat that bar starts on. */
int64_t ds_lv2_clock_bar_of (const DsLv2Clock *clock, double beat);
double ds_lv2_clock_bar_start (const DsLv2Clock *clock, int64_t bar);

/* The meter as whole numbers, *BEATS / *UNIT (7/8: 7 and 8); FALSE when the
 * host's meter is none a responder can play (a fractional number of beats,
 * more than 64, or a beat unit that is no power of two up to 64). */
gboolean ds_lv2_clock_meter (const DsLv2Clock *clock, int *beats, int *unit);
