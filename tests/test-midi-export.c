/* test-midi-export.c: writing loops (midi/export.c) and reading them back. */
#include "autoconfig.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "midi/export.h"
#include "midi/import.h"
#include "midi/smf-io.h"
#include "src/base/file.h"

static char *
data_path (const char *name)
{
  return g_build_filename (DS_SRCDIR, "tests", "data", "midi", name, NULL);
}

static char *
temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("drumswarm-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes DIR and the files in it; returns how many files there were. */
static guint
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
      n++;
    }
  g_rmdir (dir);
  return n;
}

static DsLoop *
import (const char *path, guint spq)
{
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  DsLoop *loop;

  ds_import_options_init (&options);
  options.steps_per_quarter = spq;
  loop = ds_midi_import_file (path, &options, &error);
  g_assert_no_error (error);
  return loop;
}

static void
assert_same_grids (const DsLoop *a, const DsLoop *b, guint repeat, const char *what)
{
  g_autofree char *meter_a = ds_loop_meter_to_string (a), *meter_b = ds_loop_meter_to_string (b);

  g_autoptr (GString) meters = g_string_new (meter_a);

  /* a changing meter changes again in every repetition */
  for (guint r = 1; r < repeat && strchr (meter_a, ',') != NULL; r++)
    g_string_append_printf (meters, ",%s", meter_a);
  g_assert_cmpstr (meters->str, ==, meter_b);
  g_assert_cmpuint (ds_loop_n_bars (a) * repeat, ==, ds_loop_n_bars (b));
  g_assert_cmpfloat_with_epsilon (ds_loop_bpm (a), ds_loop_bpm (b), 0.01);
  g_assert_cmpuint (ds_loop_n_voices (a), ==, ds_loop_n_voices (b));
  for (guint v = 0; v < ds_loop_n_voices (a); v++)
    {
      g_autofree char *ga = ds_loop_voice_to_string (a, v, FALSE);
      g_autofree char *gb = ds_loop_voice_to_string (b, v, FALSE);
      g_autoptr (GString) expected = g_string_new (ga);

      for (guint r = 1; r < repeat; r++)
        g_string_append_printf (expected, "|%s", ga);
      if (strcmp (expected->str, gb) != 0)
        g_error ("%s, voice %s:\n  wrote %s\n  read  %s", what, ds_loop_voice_name (a, v),
                 expected->str, gb);
    }
}

/* Every shared loop, its voices exported from the grid (as convert does), on
 * the grid, with its groove and with humanising, reads back with the same
 * grids, meters, bars and tempo. */
static void
test_reimport_same_grids (void)
{
  g_autofree char *folder = data_path (".");
  g_autofree char *dir = temp_dir ();
  g_autoptr (GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *in = g_build_filename (folder, name, NULL);
      g_autofree char *out = g_build_filename (dir, "out.mid", NULL);
      g_autoptr (DsLoop) loop = NULL;
      const double settings[][2] = { { 0, 0 }, { 1, 0 }, { 1, 0.5 }, { 0.5, 1 } };

      if (!g_str_has_suffix (name, ".mid"))
        continue;
      loop = import (in, 4);
      ds_loop_set_from_grid (loop);
      for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (DsLoop) back = NULL;
          g_autofree char *what = g_strdup_printf ("%s groove %g humanize %g", name,
                                                   settings[s][0], settings[s][1]);
          DsExportOptions options;

          ds_export_options_init (&options);
          options.groove = settings[s][0];
          options.humanize = settings[s][1];
          options.seed = s;
          g_assert_true (ds_midi_export (loop, &options, out, &error));
          g_assert_no_error (error);
          back = import (out, 4);
          assert_same_grids (loop, back, 1, what);
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 15);
  g_assert_cmpuint (remove_dir (dir), ==, 1);
}

/* The layout libsmf reads back: format 1, 480 ppqn, a tempo track then one
 * named track per voice, channel 10 only, a note-off for every note-on, and
 * every end-of-track at the loop's end; the file's own track, left with
 * nothing but its name, is not written. */
static void
test_file_layout (void)
{
  g_autofree char *in = data_path ("beatstudio-rock-4-4-120bpm-2bars.mid");
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "rock.mid", NULL);
  g_autoptr (DsLoop) loop = import (in, 4);
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (smf_t) smf = NULL;
  DsExportOptions options;
  DsSmfInfo info;
  g_autoptr (GBytes) canonical = NULL;
  gsize length;
  const char *names[] = { NULL, "kick", "snare", "hat" };
  const guint notes[] = { 0, 36, 38, 42 }, counts[] = { 0, 4, 4, 16 };

  ds_loop_set_from_grid (loop);
  ds_export_options_init (&options);
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  g_assert_true (ds_smf_read_file (out, &data, &length, &error));
  /* every event, note-offs included: libsmf on the bytes as written (the
   * validated path would leave the note-offs out) */
  canonical = ds_smf_check (data, length, out, &info, &error);
  g_assert_nonnull (canonical);
  g_assert_cmpuint (info.n_dropped, ==, 24);
  smf = ds_smf_load_unchecked (data, length, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (smf->format, ==, 1);
  g_assert_cmpint (smf->ppqn, ==, 480);
  g_assert_cmpint (smf->number_of_tracks, ==, 4);
  for (int t = 1; t <= 4; t++)
    {
      smf_track_t *track = smf_get_track_by_number (smf, t);
      smf_event_t *first = smf_track_get_event_by_number (track, 1);
      smf_event_t *last = smf_track_get_last_event (track);
      guint ons = 0, offs = 0;

      g_assert_cmpint (first->midi_buffer[0], ==, 0xFF);
      g_assert_cmpint (first->midi_buffer[1], ==, 0x03);
      if (t > 1)
        g_assert_cmpint (memcmp (first->midi_buffer + 3, names[t - 1], strlen (names[t - 1])),
                         ==, 0);
      g_assert_true (smf_event_is_eot (last));
      g_assert_cmpint (last->time_pulses, ==, 2 * 1920);
      for (int e = 2; e < track->number_of_events; e++)
        {
          smf_event_t *event = smf_track_get_event_by_number (track, e);
          guint8 status = event->midi_buffer[0];

          if (t == 1)
            {
              g_assert_cmpint (status, ==, 0xFF);
              continue;
            }
          g_assert_cmpint (status & 0x0F, ==, 9);
          g_assert_cmpint (event->midi_buffer[1], ==, notes[t - 1]);
          if ((status & 0xF0) == 0x90)
            {
              ons++;
              g_assert_cmpint (event->time_pulses % 120, ==, 0);
            }
          else
            {
              g_assert_cmpint (status & 0xF0, ==, 0x80);
              offs++;
            }
        }
      if (t > 1)
        {
          g_assert_cmpuint (ons, ==, counts[t - 1]);
          g_assert_cmpuint (offs, ==, ons);
        }
    }
  remove_dir (dir);
}

/* --repeat N writes the loop N times, the meter changes included. */
static void
test_repeat (void)
{
  g_autofree char *in = data_path ("beatstudio-5-4-then-7-8-100bpm-ch10.mid");
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "r.mid", NULL);
  g_autoptr (DsLoop) loop = import (in, 4);
  g_autoptr (DsLoop) back = NULL;
  g_autoptr (GError) error = NULL;
  DsExportOptions options;

  ds_loop_set_from_grid (loop);
  ds_export_options_init (&options);
  options.repeat = 3;
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  back = import (out, 4);
  assert_same_grids (loop, back, 3, "repeat 3");
  remove_dir (dir);
}

static GBytes *
export_bytes (const DsLoop *loop, const DsExportOptions *options)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "h.mid", NULL);
  g_autoptr (GError) error = NULL;
  char *data;
  gsize length;

  g_assert_true (ds_midi_export (loop, options, out, &error));
  g_assert_true (g_file_get_contents (out, &data, &length, NULL));
  remove_dir (dir);
  return g_bytes_new_take (data, length);
}

/* A seed always gives the same file; another seed another one. */
static void
test_humanize_is_seeded (void)
{
  g_autofree char *in = data_path ("beatstudio-groove-4-4-95bpm-2bars.mid");
  g_autoptr (DsLoop) loop = import (in, 4);
  DsExportOptions options;
  g_autoptr (GBytes) a = NULL, b = NULL, c = NULL, plain = NULL;

  ds_loop_set_from_grid (loop);
  ds_export_options_init (&options);
  plain = export_bytes (loop, &options);
  options.humanize = 1;
  options.seed = 7;
  a = export_bytes (loop, &options);
  b = export_bytes (loop, &options);
  options.seed = 8;
  c = export_bytes (loop, &options);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  g_assert_false (g_bytes_equal (a, plain));
}

/* The tick and velocity of the Nth note-on of track TRACK. */
static void
nth_note_on (const char *path, int track, guint nth, int *tick, int *velocity)
{
  g_autofree guint8 *data = NULL;
  g_autoptr (smf_t) smf = NULL;
  smf_track_t *t;
  gsize length;
  guint seen = 0;

  g_assert_true (ds_smf_read_file (path, &data, &length, NULL));
  smf = ds_smf_load (data, length, path, NULL, NULL);
  t = smf_get_track_by_number (smf, track);
  for (int e = 1; e <= t->number_of_events; e++)
    {
      smf_event_t *event = smf_track_get_event_by_number (t, e);

      if ((event->midi_buffer[0] & 0xF0) == 0x90 && seen++ == nth)
        {
          *tick = event->time_pulses;
          *velocity = event->midi_buffer[2];
          return;
        }
    }
  g_assert_not_reached ();
}

/* --groove 1 restores how the loop was played: timing and velocity; an early
 * downbeat stays at the start of the file (tick 0), and keeps its early time
 * in the passes after the first.  Velocities without groove follow accents
 * and metrical weight. */
static void
test_groove_and_velocities (void)
{
  g_autoptr (DsLoop) loop = ds_loop_new (4);
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "g.mid", NULL);
  g_autoptr (GError) error = NULL;
  DsSignature four;
  DsExportOptions options;
  const DsOnset played[] = { { 0, -0.2f, 90, 36, FALSE }, { 6, 0.25f, 70, 36, FALSE },
                             { 8, 0.1f, 127, 36, TRUE } };
  DsPattern more;
  int tick, velocity;

  g_assert_true (ds_meter_parse_signature ("4/4", &four, NULL));
  g_assert_true (ds_loop_add_bar (loop, &four, NULL));
  g_assert_cmpint (ds_loop_add_voice (loop, "kick", 36, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (played); i++)
    ds_loop_add_onset (loop, 0, &played[i]);
  ds_export_options_init (&options);
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  nth_note_on (out, 2, 0, &tick, &velocity);
  g_assert_cmpint (tick, ==, 0);
  g_assert_cmpint (velocity, ==, 100);     /* downbeat */
  nth_note_on (out, 2, 1, &tick, &velocity);
  g_assert_cmpint (tick, ==, 720);
  g_assert_cmpint (velocity, ==, 67);      /* step 6: an eighth off the beat, w = 1/4 */
  nth_note_on (out, 2, 2, &tick, &velocity);
  g_assert_cmpint (velocity, ==, 123);     /* accent on the half bar, w = 3/4 */

  options.groove = 1;
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  nth_note_on (out, 2, 0, &tick, &velocity);
  g_assert_cmpint (tick, ==, 0);           /* the early downbeat, at the start */
  g_assert_cmpint (velocity, ==, 90);
  nth_note_on (out, 2, 1, &tick, &velocity);
  g_assert_cmpint (tick, ==, 720 + 30);
  g_assert_cmpint (velocity, ==, 70);
  options.repeat = 2;
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  nth_note_on (out, 2, 3, &tick, &velocity);
  g_assert_cmpint (tick, ==, 1920 - 24);   /* the second pass's downbeat: early */
  g_assert_cmpint (velocity, ==, 90);
  options.repeat = 1;

  /* a new onset on step 4 takes the loop's groove at that place in the beat */
  g_assert_true (ds_pattern_parse ("x...x.x.x.......", &more, NULL));
  g_assert_true (ds_loop_set_pattern (loop, "kick", &more, &error));
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  nth_note_on (out, 2, 1, &tick, &velocity);
  g_assert_cmpint (tick, ==, 480 + llround ((-0.2 + 0.1) / 2 * 120));
  remove_dir (dir);
}

/* Writes go through a temporary file: a failed write leaves nothing behind,
 * and an existing file is replaced whole. */
static void
test_atomic_write (void)
{
  g_autofree char *in = data_path ("beatstudio-rock-4-4-120bpm-2bars.mid");
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "a.mid", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "a.mid", NULL);
  g_autoptr (DsLoop) loop = import (in, 4);
  g_autoptr (GError) error = NULL;
  DsExportOptions options;

  ds_export_options_init (&options);
  g_assert_true (g_file_set_contents (out, "old contents", -1, NULL));
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  g_assert_true (ds_file_same (out, out));
  g_assert_false (ds_file_same (out, in));
  g_assert_false (ds_midi_export (loop, &options, bad, &error));
  g_assert_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_clear_error (&error);
  options.repeat = 0;
  g_assert_false (ds_midi_export (loop, &options, out, &error));
  g_assert_cmpstr (error->message, ==, "--repeat must be 1 to 1024");
  g_assert_cmpuint (remove_dir (dir), ==, 1);
}

/* Patterns that came from no file (an agent's answer on a 7/8 grid) export
 * through a loop made from their meter, and read back the same. */
static void
test_from_meter (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("7/8", 14, 2, &error);
  g_autoptr (DsMeter) odd = ds_meter_new_bars ("2/2", 2, 1, NULL);
  g_autoptr (DsLoop) loop = ds_loop_new_from_meter (meter, &error);
  g_autoptr (DsLoop) back = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "seven.mid", NULL);
  DsVoices voices;
  DsExportOptions options;

  g_assert_no_error (error);
  g_assert_cmpuint (ds_loop_steps_per_quarter (loop), ==, 4);
  g_assert_true (ds_voices_parse ("kick=x...x...x.....|x.x...x...x...,hat=x.x.x.x.x.x.x.x.x.x.x.x.x.x.",
                                  &voices, &error));
  g_assert_true (ds_loop_set_voices (loop, &voices, &error));
  ds_loop_set_bpm (loop, 140);
  ds_export_options_init (&options);
  options.humanize = 0.3;
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  back = import (out, 4);
  {
    g_autofree char *meter_text = ds_loop_meter_to_string (back);
    g_autofree char *kick = ds_loop_voice_to_string (back, 0, FALSE);

    g_assert_cmpstr (meter_text, ==, "7/8");
    g_assert_cmpstr (kick, ==, "x...x...x.....|x.x...x...x...");
    g_assert_cmpfloat_with_epsilon (ds_loop_bpm (back), 140, 0.01);
  }
  g_assert_nonnull (odd);
  g_assert_null (ds_loop_new_from_meter (odd, &error));
  g_assert_nonnull (strstr (error->message, "a 2/2 bar of 2 steps is no whole number"));
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/midi/export/reimport-gives-same-grids", test_reimport_same_grids);
  g_test_add_func ("/midi/export/file-layout", test_file_layout);
  g_test_add_func ("/midi/export/repeat", test_repeat);
  g_test_add_func ("/midi/export/humanize-is-seeded", test_humanize_is_seeded);
  g_test_add_func ("/midi/export/groove-and-velocities", test_groove_and_velocities);
  g_test_add_func ("/midi/export/atomic-write", test_atomic_write);
  g_test_add_func ("/midi/export/patterns-from-a-meter", test_from_meter);
  return g_test_run ();
}
