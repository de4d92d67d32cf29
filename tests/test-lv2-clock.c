/* test-lv2-clock.c: the LV2 plugin's clock (src/lv2/clock.c) tells the
 * skipped cycles of an xrun from a relocation of the transport, with the
 * tolerance `drumswarm live` has (src/responder/xrun.h). */
#include "autoconfig.h"

#include "src/lv2/clock.h"
#include "src/responder/xrun.h"

#define RATE 48000.0

/* A clock rolling at 120 bpm in 4/4, told it is at beat 8 (bar 2). */
static void
rolling (DsLv2Clock *clock)
{
  DsLv2Position pos = { .has_speed = TRUE, .speed = 1, .has_bar = TRUE, .bar = 2,
                        .has_bar_beat = TRUE, .bar_beat = 0, .has_bpm = TRUE, .bpm = 120,
                        .has_beats_per_bar = TRUE, .beats_per_bar = 4 };

  ds_lv2_clock_init (clock, RATE);
  g_assert_cmpuint (ds_lv2_clock_update (clock, &pos) & DS_LV2_CLOCK_STARTED, !=, 0);
}

/* What the report of a position SECONDS away from where the clock counted
 * changes, after a cycle of 256 frames. */
static guint
report_off_by (double seconds)
{
  DsLv2Clock clock;
  DsLv2Position pos = { .has_speed = TRUE, .speed = 1, .has_bar = TRUE, .bar = 2,
                        .has_bar_beat = TRUE, .has_bpm = TRUE, .bpm = 120,
                        .has_beats_per_bar = TRUE, .beats_per_bar = 4 };

  rolling (&clock);
  ds_lv2_clock_advance (&clock, 256);
  pos.bar_beat = (256 / RATE + seconds) * 2.0; /* two beats a second */
  return ds_lv2_clock_update (&clock, &pos);
}

static void
test_xrun_is_no_jump (void)
{
  /* on time, rounded, and an xrun's skipped cycles: the clock plays on */
  g_assert_cmpuint (report_off_by (0.0), ==, 0);
  g_assert_cmpuint (report_off_by (0.01), ==, 0);
  g_assert_cmpuint (report_off_by (0.08), ==, 0);
  g_assert_cmpuint (report_off_by (DS_XRUN_SECONDS * 0.99), ==, 0);
  /* further on: a relocation */
  g_assert_cmpuint (report_off_by (DS_XRUN_SECONDS * 1.2), ==, DS_LV2_CLOCK_JUMPED);
  g_assert_cmpuint (report_off_by (2.0), ==, DS_LV2_CLOCK_JUMPED);
  /* back, beyond the rounding of a beat (a twentieth): a relocation */
  g_assert_cmpuint (report_off_by (-0.01), ==, 0);
  g_assert_cmpuint (report_off_by (-0.05), ==, DS_LV2_CLOCK_JUMPED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lv2/clock/an-xrun-is-no-jump", test_xrun_is_no_jump);
  return g_test_run ();
}
