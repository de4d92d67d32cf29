/* test-midi-import.c: quantisation, bars, channels, drum map and the loop type
 * (midi/quantise.c, import.c, drum-map.c, loop.c), on hand-made events and files. */
#include "autoconfig.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "midi/import.h"
#include "midi/smf-io.h"

/* ---- events by hand ---------------------------------------------------- */

static void
add_note (DsMidiEvents *e, guint32 tick, guint note, guint velocity)
{
  DsMidiNote n = { tick, 10, (guint8) note, (guint8) velocity };

  g_array_append_val (e->notes, n);
}

static void
add_signature (DsMidiEvents *e, guint32 tick, guint num, guint den)
{
  DsMidiSignature s = { tick, num, den };

  g_array_append_val (e->signatures, s);
}

static DsLoop *
quantise (DsMidiEvents *e, guint spq, guint bars)
{
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  g_autoptr (GError) error = NULL;
  DsQuantiseOptions options = { spq, bars, 100 };
  DsLoop *loop;

  ds_midi_events_sort (e);
  loop = ds_quantise (e, map, &options, "t.mid", &error);
  g_assert_no_error (error);
  return loop;
}

static char *
grid (const DsLoop *loop, const char *voice)
{
  return ds_loop_voice_to_string (loop, (guint) ds_loop_find_voice (loop, voice), FALSE);
}

static void
assert_grid (const DsLoop *loop, const char *voice, const char *expected)
{
  g_autofree char *text = grid (loop, voice);

  g_assert_cmpstr (text, ==, expected);
}

/* 3/4 and 6/8 have 12 steps a bar, 7/8 14, at 4 steps per quarter note. */
static void
test_grid_follows_meter (void)
{
  const struct { guint num, den, steps; } cases[] = { { 3, 4, 12 }, { 6, 8, 12 }, { 7, 8, 14 },
                                                      { 4, 4, 16 }, { 5, 4, 20 }, { 2, 2, 16 } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      DsMidiEvents e;
      g_autoptr (DsLoop) loop = NULL;

      ds_midi_events_init (&e, 480);
      add_signature (&e, 0, cases[c].num, cases[c].den);
      e.end_tick = 2 * cases[c].steps * 120;
      loop = quantise (&e, 4, 0);
      g_assert_cmpuint (ds_loop_n_bars (loop), ==, 2);
      g_assert_cmpuint (ds_loop_bar (loop, 1)->steps, ==, cases[c].steps);
      g_assert_cmpuint (ds_loop_length (loop), ==, 2 * cases[c].steps);
      ds_midi_events_clear (&e);
    }
}

/* A 5/4 bar then a 7/8 bar are 20 + 14 steps, each with its own meter. */
static void
test_meter_change_keeps_bars (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL;
  g_autofree char *meter = NULL;

  ds_midi_events_init (&e, 96);
  add_signature (&e, 0, 5, 4);
  add_signature (&e, 5 * 96, 7, 8);
  add_note (&e, 0, 36, 100);
  add_note (&e, 5 * 96, 36, 100);
  add_note (&e, 5 * 96 + 3 * 48, 38, 90);
  e.end_tick = 5 * 96 + 7 * 48;
  loop = quantise (&e, 4, 0);
  meter = ds_loop_meter_to_string (loop);
  g_assert_cmpstr (meter, ==, "5/4,7/8");
  g_assert_cmpuint (ds_loop_length (loop), ==, 34);
  assert_grid (loop, "kick", "x...................|x.............");
  assert_grid (loop, "snare", "....................|......x.......");
  ds_midi_events_clear (&e);
}

/* A hit played a little late onto the end of the loop belongs to its first
 * step, with a negative offset; the offsets and velocities are kept. */
static void
test_late_hit_wraps_and_offsets_kept (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL;
  const DsOnset *onsets;
  guint n = 0;

  ds_midi_events_init (&e, 480);
  add_note (&e, 1920 - 20, 36, 77);
  add_note (&e, 480 + 30, 36, 120);
  e.end_tick = 1920;
  loop = quantise (&e, 4, 0);
  assert_grid (loop, "kick", "x...x...........");
  onsets = ds_loop_onsets (loop, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (onsets[0].step, ==, 0);
  g_assert_cmpfloat_with_epsilon (onsets[0].offset, -20.0 / 120, 1e-6);
  g_assert_cmpuint (onsets[0].velocity, ==, 77);
  g_assert_false (onsets[0].accent);
  g_assert_cmpfloat_with_epsilon (onsets[1].offset, 30.0 / 120, 1e-6);
  g_assert_true (onsets[1].accent);
  g_assert_cmpuint (onsets[1].note, ==, 36);
  g_assert_cmpfloat_with_epsilon (ds_loop_groove_offset (loop, 4), 0.25, 1e-6);
  ds_midi_events_clear (&e);
}

/* The length rounds to whole bars (at least one), ties to even as Python's
 * round(), and grows to cover the last onset. */
static void
test_length_rounds_to_bars (void)
{
  const struct { guint32 end; guint32 note; guint bars; } cases[] = {
    { 1920 * 14 / 10, 0, 1 }, { 1920 * 16 / 10, 0, 2 }, { 1920 * 5 / 2, 0, 2 },
    { 1920 * 7 / 2, 0, 4 }, { 10, 0, 1 }, { 1920, 1920 * 3 + 120, 4 }, { 1920, 1920, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      DsMidiEvents e;
      g_autoptr (DsLoop) loop = NULL;

      ds_midi_events_init (&e, 480);
      add_note (&e, cases[c].note, 42, 80);
      e.end_tick = cases[c].end;
      loop = quantise (&e, 4, 0);
      if (ds_loop_n_bars (loop) != cases[c].bars)
        g_error ("end %u, note %u: %u bars, expected %u", cases[c].end, cases[c].note,
                 ds_loop_n_bars (loop), cases[c].bars);
      ds_midi_events_clear (&e);
    }
}

/* --bars N: a silent last bar stays; notes past the bars are left out and said. */
static void
test_bars_option (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL, longer = NULL;
  g_autoptr (GPtrArray) notices = NULL;

  ds_midi_events_init (&e, 480);
  add_note (&e, 0, 36, 100);
  add_note (&e, 1920 * 2 + 480, 38, 100);
  e.end_tick = 1920 * 3;
  loop = quantise (&e, 4, 2);
  g_assert_cmpuint (ds_loop_n_bars (loop), ==, 2);
  assert_grid (loop, "snare", "................|................");
  notices = ds_loop_notices (loop, FALSE);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (notices->pdata[0], ==, "t.mid: 1 note after the end of bar 2 left out");
  longer = quantise (&e, 4, 5);
  assert_grid (longer, "snare",
               "................|................|....x...........|................|"
               "................");
  ds_midi_events_clear (&e);
}

/* Two onsets of one voice on one step merge into the louder (a verbose
 * notice); notes of no voice are counted and said once. */
static void
test_merge_and_unmapped (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) quiet = NULL, verbose = NULL;
  const DsOnset *onsets;
  guint n = 0;

  ds_midi_events_init (&e, 480);
  add_note (&e, 0, 36, 60);
  add_note (&e, 10, 35, 90);
  add_note (&e, 480, 51, 70);
  add_note (&e, 960, 51, 70);
  add_note (&e, 960, 49, 70);
  e.end_tick = 1920;
  loop = quantise (&e, 4, 0);
  onsets = ds_loop_onsets (loop, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (onsets[0].velocity, ==, 90);
  g_assert_cmpuint (onsets[0].note, ==, 35);
  g_assert_cmpuint (ds_loop_unmapped_counts (loop)[51], ==, 2);
  g_assert_cmpuint (ds_loop_unmapped_counts (loop)[49], ==, 1);
  quiet = ds_loop_notices (loop, FALSE);
  verbose = ds_loop_notices (loop, TRUE);
  g_assert_cmpuint (quiet->len, ==, 1);
  g_assert_true (g_str_has_prefix (quiet->pdata[0], "t.mid: 3 notes that map to no voice, "
                                                    "not on the grid (an answer passes them "
                                                    "through): note 49 (x1), 51 (x2)"));
  g_assert_cmpuint (verbose->len, ==, 2);
  g_assert_cmpstr (verbose->pdata[1], ==, "t.mid: 1 onset merged with another of the same "
                                          "voice on the same step: kick at step 1");
  {
    g_autofree char *text = ds_loop_unmapped_to_string (loop, 51);

    g_assert_cmpstr (text, ==, "....x...x.......");
  }
  ds_midi_events_clear (&e);
}

/* auto: the first of 4, 3, 6, 8, 12, 16 that holds every onset within a tenth
 * of a step; for a loop played by hand, where none does, 3 when the onsets lie
 * nearer the steps of 3 than of 4 (swing), else 4. */
static void
test_auto_resolution (void)
{
  const struct { guint32 ticks[4]; guint expected; gboolean played; } cases[] = {
    { { 0, 120, 240, 360 }, 4, FALSE },   /* 16ths */
    { { 0, 160, 320, 480 }, 3, FALSE },   /* triplet 8ths */
    { { 0, 80, 240, 400 }, 6, FALSE },    /* triplet 16ths */
    { { 0, 60, 120, 180 }, 8, FALSE },    /* 32nds */
    { { 0, 120, 160, 320 }, 12, FALSE },  /* 16ths and triplets */
    { { 0, 121, 245, 355 }, 4, FALSE },   /* a little off the 16ths */
    { { 0, 30, 120, 200 }, 4, TRUE },     /* 64ths and a stray: played, nearer the 16ths */
    { { 0, 345, 470, 810 }, 3, TRUE },    /* swung 8ths, played: nearer the triplets */
    { { 0, 215, 505, 745 }, 4, TRUE },    /* straight 8ths, played loosely */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      DsMidiEvents e;
      gboolean played;

      ds_midi_events_init (&e, 480);
      for (guint i = 0; i < 4; i++)
        add_note (&e, cases[c].ticks[i], 42, 80);
      g_assert_cmpuint (ds_quantise_auto_resolution (&e, &played), ==, cases[c].expected);
      g_assert_cmpint (played, ==, cases[c].played);
      ds_midi_events_clear (&e);
    }
}

/* A shuffle at auto resolution keeps its triplet feel on a grid of 3. */
static void
test_auto_keeps_shuffle (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL, straight = NULL;

  ds_midi_events_init (&e, 480);
  for (guint q = 0; q < 4; q++)
    {
      add_note (&e, q * 480, 42, 80);
      add_note (&e, q * 480 + 320, 42, 80);
    }
  e.end_tick = 1920;
  loop = quantise (&e, 0, 0);
  g_assert_cmpuint (ds_loop_steps_per_quarter (loop), ==, 3);
  assert_grid (loop, "hat", "x.xx.xx.xx.x");
  straight = quantise (&e, 4, 0);
  assert_grid (straight, "hat", "x..xx..xx..xx..x");
  ds_midi_events_clear (&e);
}

static void
test_resolution_must_fit_meter (void)
{
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  g_autoptr (GError) error = NULL;
  DsQuantiseOptions options = { 3, 0, 100 };
  DsMidiEvents e;

  ds_midi_events_init (&e, 480);
  add_signature (&e, 0, 6, 8);
  e.end_tick = 1440;
  g_assert_null (ds_quantise (&e, map, &options, "t.mid", &error));
  g_assert_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT);
  g_assert_nonnull (strstr (error->message, "a 6/8 bar does not fit a grid of 3 steps"));
  ds_midi_events_clear (&e);
}

/* ---- whole files ------------------------------------------------------- */

/* A format 1 file: a tempo track and a note track on CHANNEL (1-based). */
static GByteArray *
small_file (guint channel, gboolean tempo_change)
{
  GByteArray *b = g_byte_array_new ();
  guint8 s = (guint8) (0x90 | (channel - 1));
  const guint8 head[14] = { 'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0 };
  const guint8 t1[] = { 'M', 'T', 'r', 'k', 0, 0, 0, 19,
                        0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,
                        0x00, 0xFF, 0x03, 0x04, 'r', 'o', 'c', 'k',
                        0x00, 0xFF, 0x2F, 0x00 };
  const guint8 t1b[] = { 'M', 'T', 'r', 'k', 0, 0, 0, 19,
                         0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,
                         0x87, 0x40, 0xFF, 0x51, 0x03, 0x06, 0x1A, 0x80,
                         0x00, 0xFF, 0x2F, 0x00 };
  const guint8 t2[] = { 'M', 'T', 'r', 'k', 0, 0, 0, 19,
                        0x00, s, 36, 100, 0x83, 0x60, s, 38, 90, 0x83, 0x60, s, 36, 0,
                        0x87, 0x40, 0xFF, 0x2F, 0x00 };

  g_byte_array_append (b, head, sizeof head);
  g_byte_array_append (b, tempo_change ? t1b : t1, sizeof t1);
  g_byte_array_append (b, t2, sizeof t2);
  return b;
}

static void
test_file_channel_10 (void)
{
  g_autoptr (GByteArray) b = small_file (10, FALSE);
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;

  ds_import_options_init (&options);
  loop = ds_midi_import_data (b->data, b->len, "x/rock.mid", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds_loop_name (loop), ==, "rock");
  g_assert_cmpfloat_with_epsilon (ds_loop_bpm (loop), 120, 1e-9);
  assert_grid (loop, "kick", "x...............");
  assert_grid (loop, "snare", "....x...........");
  notices = ds_loop_notices (loop, TRUE);
  g_assert_cmpuint (notices->len, ==, 0);
}

/* Drums on channel 1 (no notes on 10): taken, and said in one line. */
static void
test_file_falls_back_to_channels_with_notes (void)
{
  g_autoptr (GByteArray) b = small_file (1, FALSE);
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;

  ds_import_options_init (&options);
  loop = ds_midi_import_data (b->data, b->len, "one.mid", &options, &error);
  g_assert_no_error (error);
  assert_grid (loop, "kick", "x...............");
  notices = ds_loop_notices (loop, FALSE);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (notices->pdata[0], ==,
                   "one.mid: channel 10 has no notes; took the notes of channel 1");
}

static void
test_file_channel_option (void)
{
  g_autoptr (GByteArray) b = small_file (3, FALSE);
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  g_autoptr (DsLoop) loop = NULL;

  ds_import_options_init (&options);
  options.channel = 3;
  loop = ds_midi_import_data (b->data, b->len, "three.mid", &options, &error);
  g_assert_no_error (error);
  assert_grid (loop, "snare", "....x...........");
  g_clear_pointer (&loop, ds_loop_free);
  options.channel = 5;
  loop = ds_midi_import_data (b->data, b->len, "three.mid", &options, &error);
  g_assert_null (loop);
  g_assert_cmpstr (error->message, ==,
                   "three.mid: channel 5 has no notes (channels with notes: 3)");
}

/* The first tempo is kept, a change is reported. */
static void
test_file_tempo_change_reported (void)
{
  g_autoptr (GByteArray) b = small_file (10, TRUE);
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;

  ds_import_options_init (&options);
  loop = ds_midi_import_data (b->data, b->len, "t.mid", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ds_loop_bpm (loop), 120, 1e-9);
  notices = ds_loop_notices (loop, FALSE);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (notices->pdata[0], ==, "t.mid: the tempo changes 1 time (first at tick 960, "
                                          "last to 150 bpm); the loop keeps the first tempo, "
                                          "120 bpm");
}

/* A file without notes gives an empty loop of its length, and says so. */
static void
test_file_without_notes (void)
{
  const guint8 bytes[] = { 'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0,
                           'M', 'T', 'r', 'k', 0, 0, 0, 5, 0x8F, 0x00, 0xFF, 0x2F, 0x00 };
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;

  ds_import_options_init (&options);
  loop = ds_midi_import_data (bytes, sizeof bytes, "silence.mid", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_loop_n_bars (loop), ==, 1);
  assert_grid (loop, "hat", "................");
  notices = ds_loop_notices (loop, FALSE);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (notices->pdata[0], ==, "silence.mid: the file has no notes");
}

/* ---- the drum map ------------------------------------------------------ */

static void
test_default_map (void)
{
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  g_autofree char *text = ds_drum_map_to_string (map);
  const guint hats[] = { 22, 26, 42, 44, 46 };

  g_assert_cmpstr (text, ==, "kick=36,35 snare=38,37,39,40 hat=42,44,46,22,26");
  for (guint i = 0; i < G_N_ELEMENTS (hats); i++)
    g_assert_cmpint (ds_drum_map_voice_of_note (map, hats[i]), ==, 2);
  g_assert_cmpint (ds_drum_map_voice_of_note (map, 51), ==, -1);
  g_assert_cmpuint (ds_drum_map_default_note ("ride"), ==, 51);
}

static void
test_map_from_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[midi]\nvoices = kick,snare,hat,ride,cowbell\ncowbell = 56\nhat = 42 44\nchannel = 1\n",
      "my.conf", &error);
  g_autoptr (DsConfig) bad_key = ds_config_load_data ("[midi]\nchanel = 1\n", "bad.conf", NULL);
  g_autoptr (DsConfig) clash = ds_config_load_data ("[midi]\nvoices = hat,ride\nride = 51 42\n",
                                                    "clash.conf", NULL);
  g_autoptr (DsConfig) unknown = ds_config_load_data ("[midi]\nvoices = kick,bongo\n",
                                                      "u.conf", NULL);
  g_autoptr (DsDrumMap) map = NULL;
  DsImportOptions options;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  ds_import_options_init (&options);
  g_assert_true (ds_import_options_load_config (&options, config, &map, &error));
  g_assert_no_error (error);
  text = ds_drum_map_to_string (map);
  g_assert_cmpstr (text, ==, "kick=36,35 snare=38,37,39,40 hat=42,44 ride=51,53,59 cowbell=56");
  g_assert_cmpuint (options.channel, ==, 1);
  g_assert_true (options.map == map);
  g_clear_pointer (&map, ds_drum_map_free);

  g_assert_false (ds_import_options_load_config (&options, bad_key, &map, &error));
  g_assert_cmpstr (error->message, ==, "bad.conf:2: [midi] has no key 'chanel'; did you mean "
                                       "'channel'?");
  g_clear_error (&error);
  g_assert_false (ds_import_options_load_config (&options, clash, &map, &error));
  g_assert_cmpstr (error->message, ==, "clash.conf:2: [midi] voices: note 42 is in both voice "
                                       "hat and voice ride");
  g_clear_error (&error);
  g_assert_false (ds_import_options_load_config (&options, unknown, &map, &error));
  g_assert_nonnull (strstr (error->message, "voice 'bongo' has no notes"));
}

/* ---- the loop ---------------------------------------------------------- */

static void
test_loop_voices_meter_and_set_pattern (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMeter) meter = NULL;
  g_autoptr (GError) error = NULL;
  DsVoices voices, answer;
  const DsOnset *onsets;
  guint n = 0;

  ds_midi_events_init (&e, 480);
  add_signature (&e, 0, 3, 4);
  add_note (&e, 10, 36, 120);
  add_note (&e, 480, 38, 80);
  e.end_tick = 1440;
  loop = quantise (&e, 4, 0);
  g_assert_true (ds_loop_get_voices (loop, &voices, &error));
  g_assert_cmpuint (voices.n_voices, ==, 3);
  g_assert_cmpuint (voices.length, ==, 12);
  g_assert_true (ds_pattern_get_accent (&voices.patterns[0], 0));
  meter = ds_loop_get_meter (loop, &error);
  g_assert_nonnull (meter);
  g_assert_cmpuint (ds_meter_length (meter), ==, 12);

  g_assert_true (ds_voices_parse ("kick=x.....x.....,ride=..x...x...x.", &answer, NULL));
  g_assert_true (ds_loop_set_voices (loop, &answer, &error));
  g_assert_cmpint (ds_loop_find_voice (loop, "ride"), ==, 3);
  g_assert_cmpuint (ds_loop_voice_note (loop, 3), ==, 51);
  onsets = ds_loop_onsets (loop, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (onsets[0].velocity, ==, 120);       /* played: kept */
  g_assert_true (isnan (onsets[1].offset));             /* new: from the groove */
  g_assert_cmpuint (onsets[1].velocity, ==, 0);
  g_assert_true (ds_voices_parse ("kick=x...", &answer, NULL));
  g_assert_false (ds_loop_set_voices (loop, &answer, &error));
  g_assert_nonnull (strstr (error->message, "voice kick has 4 steps but the loop has 12"));
  ds_midi_events_clear (&e);
}

static void
test_loop_too_long_for_patterns (void)
{
  DsMidiEvents e;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GError) error = NULL;
  DsVoices voices;

  ds_midi_events_init (&e, 480);
  e.end_tick = 1920 * 20;
  loop = quantise (&e, 4, 0);
  g_assert_cmpuint (ds_loop_length (loop), ==, 320);
  g_assert_false (ds_loop_get_voices (loop, &voices, &error));
  g_assert_nonnull (strstr (error->message, "has 320 steps in 20 bars; a pattern holds 1 to 256"));
  ds_midi_events_clear (&e);
}

static void
test_bpm_text (void)
{
  char buf[32];

  g_assert_cmpstr (ds_loop_format_bpm (buf, 120), ==, "120");
  g_assert_cmpstr (ds_loop_format_bpm (buf, 133.5), ==, "133.5");
  g_assert_cmpstr (ds_loop_format_bpm (buf, 6e7 / 447761), ==, "134");
}

/* ---- the shared loops against INVENTORY.tsv ------------------------------ */

/* What libsmf, behind our validator, reads from every shared loop agrees with
 * INVENTORY.tsv, computed by independent code with python3-mido: format,
 * ppqn, tracks, time signatures, tempo, drum channels, the count of every
 * drum note, and the notes on other channels. */
static void
test_inventory (void)
{
  g_autofree char *dir = g_build_filename (DS_SRCDIR, "tests", "data", "midi", NULL);
  g_autofree char *path = g_build_filename (dir, "INVENTORY.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      g_autofree char *file = NULL, *name = NULL;
      g_autofree guint8 *data = NULL;
      g_autoptr (GBytes) canonical = NULL;
      g_autoptr (GString) sigs = g_string_new (NULL), counts = g_string_new (NULL);
      g_autoptr (GString) channels = g_string_new (NULL);
      guint per_note[128] = { 0 }, per_channel[17] = { 0 }, drum = 10, others = 0;
      gsize length;
      DsSmfInfo info;
      DsMidiEvents e;

      if (g_strv_length (f) < 10)
        continue;
      file = g_build_filename (dir, f[0], NULL);
      g_assert_true (ds_smf_read_file (file, &data, &length, NULL));
      canonical = ds_smf_check (data, length, file, &info, NULL);
      g_assert_nonnull (canonical);
      g_assert_cmpuint (info.format, ==, atoi (f[1]));
      g_assert_cmpuint (info.ppqn, ==, atoi (f[2]));
      g_assert_cmpuint (info.n_tracks, ==, atoi (f[3]));
      g_assert_true (ds_midi_read_events (data, length, file, &e, &name, NULL));
      for (guint k = 0; k < e.signatures->len; k++)
        {
          const DsMidiSignature *sig = &g_array_index (e.signatures, DsMidiSignature, k);

          g_string_append_printf (sigs, "%s%u/%u@%u", k > 0 ? "," : "", sig->numerator,
                                  sig->denominator, sig->tick);
        }
      g_assert_cmpstr (e.signatures->len > 0 ? sigs->str : "none", ==, f[4]);
      g_assert_cmpuint (e.tempi->len, >=, 1);
      g_assert_cmpfloat_with_epsilon (
          6e7 / g_array_index (e.tempi, DsMidiTempo, 0).usec_per_quarter, g_ascii_strtod (f[5], NULL),
          0.01);
      for (guint k = 0; k < e.notes->len; k++)
        per_channel[g_array_index (e.notes, DsMidiNote, k).channel]++;
      if (per_channel[10] == 0)
        for (drum = 1; drum <= 16 && per_channel[drum] == 0; drum++)
          ;
      g_string_append_printf (channels, "%u", drum);
      g_assert_cmpstr (channels->str, ==, f[7]);
      for (guint k = 0; k < e.notes->len; k++)
        {
          const DsMidiNote *n = &g_array_index (e.notes, DsMidiNote, k);

          if (n->channel == drum)
            per_note[n->note]++;
          else
            others++;
        }
      for (guint n = 0; n < 128; n++)
        if (per_note[n] > 0)
          g_string_append_printf (counts, "%s%u:%u", counts->len > 0 ? " " : "", n, per_note[n]);
      g_assert_cmpstr (counts->str, ==, f[8]);
      g_assert_cmpuint (others, ==, atoi (f[9]));
      ds_midi_events_clear (&e);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/midi/import/grid-follows-meter", test_grid_follows_meter);
  g_test_add_func ("/midi/import/meter-change-keeps-bars", test_meter_change_keeps_bars);
  g_test_add_func ("/midi/import/late-hit-wraps-offsets-kept", test_late_hit_wraps_and_offsets_kept);
  g_test_add_func ("/midi/import/length-rounds-to-bars", test_length_rounds_to_bars);
  g_test_add_func ("/midi/import/bars-option", test_bars_option);
  g_test_add_func ("/midi/import/merges-and-counts-unmapped", test_merge_and_unmapped);
  g_test_add_func ("/midi/import/auto-resolution", test_auto_resolution);
  g_test_add_func ("/midi/import/auto-keeps-shuffle", test_auto_keeps_shuffle);
  g_test_add_func ("/midi/import/resolution-must-fit-meter", test_resolution_must_fit_meter);
  g_test_add_func ("/midi/import/file/channel-10", test_file_channel_10);
  g_test_add_func ("/midi/import/file/falls-back-to-channels-with-notes",
                   test_file_falls_back_to_channels_with_notes);
  g_test_add_func ("/midi/import/file/channel-option", test_file_channel_option);
  g_test_add_func ("/midi/import/file/tempo-change-reported", test_file_tempo_change_reported);
  g_test_add_func ("/midi/import/file/without-notes", test_file_without_notes);
  g_test_add_func ("/midi/import/shared-loops-match-inventory", test_inventory);
  g_test_add_func ("/midi/drum-map/default", test_default_map);
  g_test_add_func ("/midi/drum-map/from-config", test_map_from_config);
  g_test_add_func ("/midi/loop/voices-meter-and-set-pattern", test_loop_voices_meter_and_set_pattern);
  g_test_add_func ("/midi/loop/too-long-for-patterns", test_loop_too_long_for_patterns);
  g_test_add_func ("/midi/loop/bpm-text", test_bpm_text);
  return g_test_run ();
}
