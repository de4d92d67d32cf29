/* test-midi-passthrough.c: what no grid voice holds is written back as it
 * came; grid voices keep their articulations; an early downbeat stays at the
 * start.  Files are read back with our own reader (ds_smf_check_events and
 * the note pairing of midi/source.c); tests/midi-passthrough.sh reads them
 * with python3-mido. */
#include "autoconfig.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "midi/drum-map.h"
#include "midi/export.h"
#include "midi/import.h"
#include "midi/smf-io.h"

/* A note or another event as a file has it, in that file's ticks. */
typedef struct {
  guint track;
  gint64 tick, length;    /* length: notes only */
  guint8 bytes[3];        /* channel messages */
  gboolean is_note;
} Seen;

static char *
data_path (const char *name)
{
  return g_build_filename (DS_SRCDIR, "tests", "data", "midi", name, NULL);
}

static char *
temp_file (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("drumswarm-test-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* Every event of the file at PATH, read by our own reader. */
static DsMidiSource *
read_source (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr (GBytes) canonical = NULL;
  DsSmfEvents all;
  DsSmfInfo info;
  DsMidiSource *source;
  gsize length;

  g_assert_true (ds_smf_read_file (path, &data, &length, &error));
  ds_smf_events_init (&all);
  canonical = ds_smf_check_events (data, length, path, &info, &all, &error);
  g_assert_no_error (error);
  source = ds_midi_source_new (&all, info.ppqn);
  ds_smf_events_clear (&all);
  return source;
}

static int
compare_seen (gconstpointer a, gconstpointer b)
{
  const Seen *x = a, *y = b;

  if (x->tick != y->tick)
    return x->tick < y->tick ? -1 : 1;
  if (x->is_note != y->is_note)
    return x->is_note ? -1 : 1;
  if (memcmp (x->bytes, y->bytes, 3) != 0)
    return memcmp (x->bytes, y->bytes, 3);
  return (x->length > y->length) - (x->length < y->length);
}

static DsLoop *
import (const char *path)
{
  g_autoptr (GError) error = NULL;
  DsImportOptions options;
  DsLoop *loop;

  ds_import_options_init (&options);
  loop = ds_midi_import_file (path, &options, &error);
  g_assert_no_error (error);
  return loop;
}

/* The notes and channel messages of SOURCE that export must write back: those
 * of no voice written from the grid, in the file's ticks times SCALE, a drum
 * note just past the loop's end at its start, lengths cut at the loop's end. */
static GArray *
expected_events (const DsLoop *loop, const DsMidiSource *source, guint scale)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Seen));
  gint64 period = (gint64) ds_loop_length (loop) * ds_midi_source_ppqn (source) * scale
                  / ds_loop_steps_per_quarter (loop);

  for (guint i = 0; i < ds_midi_source_n_events (source); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (source, i);
      const guint8 *bytes = ds_midi_source_bytes (source, i);
      Seen seen = { 0, (gint64) e->tick * scale, 0, { 0 }, e->kind == DS_SOURCE_NOTE };

      if (e->kind != DS_SOURCE_NOTE && e->kind != DS_SOURCE_CHANNEL)
        continue;
      if (e->kind == DS_SOURCE_NOTE && e->voice >= 0
          && !ds_loop_voice_is_played (loop, (guint) e->voice))
        continue;
      if (e->kind == DS_SOURCE_NOTE && e->place == DS_SOURCE_IN_LOOP && seen.tick >= period)
        seen.tick -= period;
      if (seen.tick >= period || e->place == DS_SOURCE_PAST_END)
        continue;
      memcpy (seen.bytes, bytes, MIN (e->size, 3u));
      if (seen.is_note)
        seen.length = MIN ((gint64) e->length * scale, period - seen.tick);
      g_array_append_val (out, seen);
    }
  g_array_sort (out, compare_seen);
  return out;
}

/* The notes and channel messages of the written file's tracks from FIRST on. */
static GArray *
written_events (const DsMidiSource *written, guint first)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Seen));

  for (guint i = 0; i < ds_midi_source_n_events (written); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (written, i);
      Seen seen = { e->track, e->tick, e->length, { 0 }, e->kind == DS_SOURCE_NOTE };

      if (e->track < first || (e->kind != DS_SOURCE_NOTE && e->kind != DS_SOURCE_CHANNEL))
        continue;
      seen.track = 0;
      memcpy (seen.bytes, ds_midi_source_bytes (written, i), MIN (e->size, 3u));
      if (!seen.is_note)
        seen.length = 0;
      g_array_append_val (out, seen);
    }
  g_array_sort (out, compare_seen);
  return out;
}

static void
assert_same_events (GArray *want, GArray *got, const char *what)
{
  for (guint i = 0; i < MIN (want->len, got->len); i++)
    {
      const Seen *w = &g_array_index (want, Seen, i), *g = &g_array_index (got, Seen, i);

      if (compare_seen (w, g) != 0)
        g_error ("%s: event %u: want %02x %02x %02x at %" G_GINT64_FORMAT " (length %"
                 G_GINT64_FORMAT "), got %02x %02x %02x at %" G_GINT64_FORMAT " (length %"
                 G_GINT64_FORMAT ")", what, i, w->bytes[0], w->bytes[1], w->bytes[2], w->tick,
                 w->length, g->bytes[0], g->bytes[1], g->bytes[2], g->tick, g->length);
    }
  if (want->len != got->len)
    g_error ("%s: %u events passed through, %u written", what, want->len, got->len);
}

/* Every shared loop, with every voice from the grid (convert), only the hat
 * (an answer of the hat agent) or none: every other note keeps its channel,
 * note, velocity, time and length, every controller and program change its
 * time, and the file's tempo its place; the voices from the grid have their
 * own tracks, named for them. */
static void
test_shared_loops_round_trip (void)
{
  g_autofree char *folder = data_path (".");
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0, passed = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *in = g_build_filename (folder, name, NULL);
      g_autoptr (DsMidiSource) original = NULL;

      if (!g_str_has_suffix (name, ".mid"))
        continue;
      original = read_source (in);
      for (guint variant = 0; variant < 3; variant++)
        {
          g_autoptr (DsLoop) loop = import (in);
          g_autofree char *out = temp_file ("out.mid");
          g_autofree char *what = g_strdup_printf ("%s, variant %u", name, variant);
          g_autoptr (DsMidiSource) written = NULL;
          g_autoptr (GArray) want = NULL, got = NULL;
          g_autoptr (GError) error = NULL;
          guint grid = 0, scale;
          DsExportOptions options;

          for (guint v = 0; v < ds_loop_n_voices (loop); v++)
            if (variant == 0 || (variant == 1 && strcmp (ds_loop_voice_name (loop, v), "hat") == 0))
              {
                ds_loop_set_voice_from_grid (loop, v);
                grid++;
              }
          ds_export_options_init (&options);
          options.groove = 1;
          g_assert_true (ds_midi_export (loop, &options, out, &error));
          g_assert_no_error (error);
          written = read_source (out);
          g_assert_cmpuint (ds_midi_source_ppqn (written) % ds_midi_source_ppqn (original), ==, 0);
          g_assert_cmpuint (ds_midi_source_ppqn (written), >=, 480);
          scale = ds_midi_source_ppqn (written) / ds_midi_source_ppqn (original);
          want = expected_events (loop, ds_loop_source (loop), scale);
          got = written_events (written, 1 + grid);
          assert_same_events (want, got, what);
          passed += want->len;
          /* the tempo track holds the file's first tempo, at its time */
          for (guint i = 0; i < ds_midi_source_n_events (written); i++)
            if (ds_midi_source_is_meta (written, i, 0x51))
              {
                const guint8 *b = ds_midi_source_bytes (written, i);

                g_assert_cmpuint (ds_midi_source_event (written, i)->track, ==, 0);
                g_assert_cmpfloat_with_epsilon (6e7 / (((guint) b[3] << 16) | ((guint) b[4] << 8)
                                                       | b[5]), ds_loop_bpm (loop), 0.01);
                break;
              }
          /* a track per grid voice, right after the tempo track */
          for (guint i = 0, v = 0; i < ds_midi_source_n_events (written); i++)
            if (ds_midi_source_is_meta (written, i, 0x03)
                && ds_midi_source_event (written, i)->track >= 1
                && ds_midi_source_event (written, i)->track <= grid)
              {
                while (ds_loop_voice_is_played (loop, v))
                  v++;
                g_assert_cmpmem (ds_midi_source_bytes (written, i) + 3,
                                 ds_midi_source_event (written, i)->size - 3,
                                 ds_loop_voice_name (loop, v), strlen (ds_loop_voice_name (loop, v)));
                v++;
              }
          remove_file (out);
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 15);
  g_assert_cmpuint (passed, >, 5000);
}

/* The notes of track TRACK of SOURCE, note number per note-on, in order. */
static GArray *
track_notes (const DsMidiSource *source, guint track, GArray **ticks)
{
  GArray *notes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (ticks != NULL)
    *ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ds_midi_source_n_events (source); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (source, i);
      guint note = ds_midi_source_bytes (source, i)[1];
      gint64 tick = e->tick;

      if (e->track != track || e->kind != DS_SOURCE_NOTE)
        continue;
      g_array_append_val (notes, note);
      if (ticks != NULL)
        g_array_append_val (*ticks, tick);
    }
  return notes;
}

/* An answer that keeps the loop's hits keeps their notes: the hip-hop loop's
 * open (46), pedal (44) and edge (22, 26) hats and its rim shots (37, 40) are
 * written as they were played, not as a closed hat 42 and a snare 38. */
static void
test_articulations_kept (void)
{
  g_autofree char *in = data_path ("gmd-hiphop-4-4-75bpm-unquantised-4bars.mid");
  g_autofree char *out = temp_file ("kept.mid");
  g_autoptr (DsLoop) loop = import (in);
  g_autoptr (DsLoop) answer = ds_loop_copy (loop);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMidiSource) written = NULL;
  DsVoices voices;
  DsExportOptions options;
  const char *names[] = { "snare", "hat" };

  g_assert_true (ds_loop_get_voices (loop, &voices, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int v = ds_voices_find (&voices, names[i]);

      g_assert_true (ds_loop_set_pattern (answer, names[i], &voices.patterns[v], &error));
    }
  ds_export_options_init (&options);
  options.groove = 1;
  g_assert_true (ds_midi_export (answer, &options, out, &error));
  written = read_source (out);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int v = ds_loop_find_voice (loop, names[i]);
      guint n;
      const DsOnset *onsets = ds_loop_onsets (loop, (guint) v, &n);
      g_autoptr (GArray) notes = track_notes (written, 1 + i, NULL);
      guint other = 0;

      g_assert_cmpuint (notes->len, ==, n);
      for (guint k = 0; k < n; k++)
        {
          g_assert_cmpuint (g_array_index (notes, guint, k), ==, onsets[k].note);
          other += onsets[k].note != ds_loop_voice_note (loop, (guint) v);
        }
      /* the loop does play other articulations */
      g_assert_cmpuint (other, >=, 6);
    }
  remove_file (out);
}

/* A new hit takes the articulation the loop plays at its place in the bar:
 * a hat that the loop opens on the off-beats and closes on the beats gets an
 * open hat on an off-beat, a closed one on a beat, and the main note (42)
 * where the loop plays no hat. */
static void
test_new_hit_takes_articulation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("4/4", 16, 2, &error);
  g_autoptr (DsLoop) made = ds_loop_new_from_meter (meter, &error);
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (DsMidiSource) written = NULL;
  g_autoptr (GArray) ticks = NULL, notes = NULL;
  g_autofree char *source_path = temp_file ("hats.mid");
  g_autofree char *out = temp_file ("answer.mid");
  DsExportOptions options;
  DsPattern answer;
  const guint want[][2] = { { 0, 42 }, { 2, 46 }, { 16, 42 }, { 18, 46 }, { 20, 42 }, { 22, 46 },
                            { 27, 42 } };

  g_assert_cmpint (ds_loop_add_voice (made, "hat", 42, &error), ==, 0);
  /* bar 1: closed on the beats, open on the off-beats; bar 2: the beats only */
  for (guint k = 0; k < 16; k += 2)
    {
      DsOnset onset = { k, 0, 80, k % 4 == 0 ? 42 : 46, FALSE };

      ds_loop_add_onset (made, 0, &onset);
    }
  for (guint k = 16; k < 32; k += 4)
    {
      DsOnset onset = { k, 0, 80, 42, FALSE };

      ds_loop_add_onset (made, 0, &onset);
    }
  ds_export_options_init (&options);
  g_assert_true (ds_midi_export (made, &options, source_path, &error));
  g_assert_no_error (error);
  loop = import (source_path);
  /* the answer: the first two hats of bar 1; in bar 2 the loop's beats, new
   * off-beats at 18 and 22, and a new hit on step 27, where no hat plays */
  g_assert_true (ds_pattern_parse ("x.x.............|x.xxx.x....x....", &answer, NULL));
  g_assert_true (ds_loop_set_pattern (loop, "hat", &answer, &error));
  g_assert_no_error (error);
  g_assert_true (ds_midi_export (loop, &options, out, &error));
  written = read_source (out);
  notes = track_notes (written, 1, &ticks);
  /* step 19 is a new hit on an off-beat sixteenth nobody plays: main note */
  g_assert_cmpuint (notes->len, ==, G_N_ELEMENTS (want) + 1);
  for (guint i = 0, j = 0; i < notes->len; i++)
    {
      gint64 step = g_array_index (ticks, gint64, i) / 120;

      if (step == 19)
        {
          g_assert_cmpuint (g_array_index (notes, guint, i), ==, 42);
          continue;
        }
      g_assert_cmpint (step, ==, want[j][0]);
      g_assert_cmpuint (g_array_index (notes, guint, i), ==, want[j][1]);
      j++;
    }
  remove_file (source_path);
  remove_file (out);
}

/* A hit played just before the loop's first bar line stays at the start of
 * the file, in the first pass, with the groove and with humanising: on the
 * shared loops whose groove pulls the first step early (those that fit in a
 * pattern: the blues shuffle and the two funk loops), every grid voice that
 * plays step 0 has its first note-on in the first half step, and no note-on
 * lands on the file's end. */
static void
test_early_downbeat_stays_at_start (void)
{
  g_autofree char *folder = data_path (".");
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint affected = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *in = g_build_filename (folder, name, NULL);
      g_autoptr (DsLoop) loop = NULL;

      if (!g_str_has_suffix (name, ".mid"))
        continue;
      loop = import (in);
      if (!(ds_loop_groove_offset (loop, 0) < -0.05) || ds_loop_length (loop) > DS_PATTERN_MAX_STEPS)
        continue;
      affected++;
      for (guint setting = 0; setting < 2; setting++)
        {
          g_autofree char *out = temp_file ("early.mid");
          g_autoptr (GError) error = NULL;
          g_autoptr (DsMidiSource) written = NULL;
          g_autoptr (DsLoop) answer = ds_loop_copy (loop);
          DsExportOptions options;
          guint ppqn;
          double step_ticks;
          gint64 total;
          DsVoices voices;

          /* the answer plays every voice on the first step (new hits there
           * take the loop's early groove) */
          g_assert_true (ds_loop_get_voices (loop, &voices, &error));
          for (guint v = 0; v < voices.n_voices; v++)
            {
              ds_pattern_set (&voices.patterns[v], 0, TRUE);
              g_assert_true (ds_loop_set_pattern (answer, voices.names[v], &voices.patterns[v],
                                                  &error));
            }
          ds_export_options_init (&options);
          options.groove = 1;
          options.humanize = setting;
          options.seed = 5;
          g_assert_true (ds_midi_export (answer, &options, out, &error));
          written = read_source (out);
          ppqn = ds_midi_source_ppqn (written);
          step_ticks = (double) ppqn / ds_loop_steps_per_quarter (loop);
          total = llround (ds_loop_length (loop) * step_ticks);
          for (guint v = 0; v < voices.n_voices; v++)
            {
              g_autoptr (GArray) ticks = NULL;
              g_autoptr (GArray) notes = track_notes (written, 1 + v, &ticks);
              gboolean plays_last = ds_pattern_get (&voices.patterns[v], ds_loop_length (loop) - 1);

              g_assert_cmpuint (notes->len, >, 0);
              if (g_array_index (ticks, gint64, 0) >= step_ticks / 2)
                g_error ("%s, %s: the first note-on is at tick %" G_GINT64_FORMAT, name,
                         voices.names[v], g_array_index (ticks, gint64, 0));
              if (!plays_last)
                g_assert_cmpint (g_array_index (ticks, gint64, ticks->len - 1), <,
                                 total - step_ticks / 2);
            }
          remove_file (out);
        }
    }
  g_assert_cmpuint (affected, >=, 3);
}

/* The file's ticks per quarter note: the input's times the smallest whole
 * number that gives at least 480 and whole ticks per step; 480 for a loop
 * from no file. */
static void
test_export_ppqn (void)
{
  const struct { const char *file; guint spq, ppqn; } cases[] = {
    { "gmd-funk-4-4-100bpm-unquantised-2bars.mid", 4, 480 },            /* 480 */
    { "beatstudio-7-8-120bpm-ch10-2bars.mid", 4, 960 },                 /* 960 */
    { "tonejs-beat-4-4-100bpm-17bars-percussion.mid", 4, 480 },         /* 120 x 4 */
    { "tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid", 4, 512 },      /* 128 x 4 */
    { "tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid", 3, 768 },      /* 128 x 6 */
    { "tonejs-multitrack-4-4-230bpm-drums-plus-bass-lead.mid", 4, 480 }, /* 96 x 5 */
    { "tonejs-multitrack-4-4-230bpm-drums-plus-bass-lead.mid", 16, 480 },
    { "tonejs-multitrack-4-4-230bpm-drums-plus-bass-lead.mid", 64, 576 }, /* 96 x 6 */
  };
  g_autoptr (DsLoop) made = ds_loop_new (3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *in = data_path (cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (DsLoop) loop = NULL;
      DsImportOptions options;

      ds_import_options_init (&options);
      options.steps_per_quarter = cases[i].spq;
      loop = ds_midi_import_file (in, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ds_midi_export_ppqn (loop), ==, cases[i].ppqn);
    }
  g_assert_cmpuint (ds_midi_export_ppqn (made), ==, 480);
}

/* What passes through is said in one line. */
static void
test_passed_through_text (void)
{
  g_autofree char *in = data_path ("beatstudio-5-4-then-7-8-100bpm-ch10.mid");
  g_autofree char *multi = data_path ("tonejs-multitrack-4-4-230bpm-drums-plus-bass-lead.mid");
  g_autoptr (DsLoop) loop = import (in);
  g_autoptr (DsLoop) band = import (multi);
  g_autoptr (DsLoop) made = ds_loop_new (4);
  g_autofree char *text = NULL, *band_text = NULL, *none = NULL;

  ds_loop_set_from_grid (loop);
  text = ds_midi_export_passed_through (loop);
  g_assert_cmpstr (text, ==, "4 drum notes (tom 4), 3 controllers, 1 program change, "
                             "1 tempo event, 1 text or other meta event in 1 track");
  ds_loop_set_voice_from_grid (band, 0);
  band_text = ds_midi_export_passed_through (band);
  /* the kick answers; the snare (40), hats (44, 46), crashes (49, 55, 57), the
   * bass and the lead pass through, all 1969 notes of channels 1 and 2 */
  g_assert_cmpstr (band_text, ==, "828 drum notes (snare 264, hat 504, crash 60), 1969 notes of "
                                  "channels 1,2, 21 controllers, 3 program changes, 3 other "
                                  "channel messages, 1 tempo event, 2 text and other meta events "
                                  "in 4 tracks");
  none = ds_midi_export_passed_through (made);
  g_assert_cmpstr (none, ==, "nothing (the loop came from no file)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/midi/passthrough/shared-loops-round-trip", test_shared_loops_round_trip);
  g_test_add_func ("/midi/passthrough/articulations-kept", test_articulations_kept);
  g_test_add_func ("/midi/passthrough/new-hit-takes-articulation",
                   test_new_hit_takes_articulation);
  g_test_add_func ("/midi/passthrough/early-downbeat-stays-at-start",
                   test_early_downbeat_stays_at_start);
  g_test_add_func ("/midi/passthrough/passed-through-text", test_passed_through_text);
  g_test_add_func ("/midi/passthrough/export-ppqn", test_export_ppqn);
  return g_test_run ();
}
