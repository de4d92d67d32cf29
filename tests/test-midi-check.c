/* test-midi-check.c: our validator in front of libsmf (midi/smf-check.c, smf-io.c).
 *
 * Each malformed case is built byte by byte and must be refused with a message
 * naming the file and the problem; valid files must come out canonical (every
 * status byte written, sysex and long meta events dropped) and load in libsmf
 * without a word from it.  A fuzz test mutates a valid file thousands of times:
 * whatever our validator passes, libsmf must read silently (GTest makes its
 * warnings and criticals fatal, so any would fail the test).
 */
#include "autoconfig.h"

#include <string.h>

#include "midi/import.h"
#include "midi/smf-io.h"
#include "src/base/rng.h"

static void
put (GByteArray *b, const guint8 *data, guint n)
{
  g_byte_array_append (b, data, n);
}

static void
put_header (GByteArray *b, guint format, guint tracks, guint division)
{
  const guint8 h[14] = { 'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, (guint8) format, 0, (guint8) tracks,
                         (guint8) (division >> 8), (guint8) division };
  put (b, h, 14);
}

static void
put_track (GByteArray *b, const guint8 *body, guint n)
{
  const guint8 h[8] = { 'M', 'T', 'r', 'k', (guint8) (n >> 24), (guint8) (n >> 16),
                        (guint8) (n >> 8), (guint8) n };
  put (b, h, 8);
  put (b, body, n);
}

/* A small valid format 0 loop: tempo, 4/4, kick and hat, running status. */
static const guint8 good_track[] = {
  0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,
  0x00, 0xFF, 0x58, 0x04, 0x04, 0x02, 0x18, 0x08,
  0x00, 0x99, 0x24, 0x64, 0x00, 0x2A, 0x50,          /* running status */
  0x83, 0x60, 0x24, 0x00, 0x00, 0x2A, 0x00,          /* note-offs as velocity 0 */
  0x00, 0x99, 0x26, 0x70,
  0x83, 0x60, 0x89, 0x26, 0x00,
  0x00, 0xFF, 0x2F, 0x00,
};

static GByteArray *
good_file (void)
{
  GByteArray *b = g_byte_array_new ();

  put_header (b, 0, 1, 480);
  put_track (b, good_track, sizeof good_track);
  return b;
}

static void
assert_refused (GByteArray *b, const char *phrase)
{
  g_autoptr (GError) error = NULL;
  DsSmfInfo info;
  g_autoptr (GBytes) out = ds_smf_check (b->data, b->len, "t.mid", &info, &error);

  g_assert_null (out);
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, "t.mid: ") || strstr (error->message, phrase) == NULL)
    g_error ("expected '%s' in: %s", phrase, error->message);
  g_byte_array_unref (b);
}

static void
test_accepts_good (void)
{
  g_autoptr (GByteArray) b = good_file ();
  g_autoptr (GError) error = NULL;
  DsSmfInfo info;
  g_autoptr (smf_t) smf = ds_smf_load (b->data, b->len, "good.mid", &info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (smf);
  g_assert_cmpuint (info.format, ==, 0);
  g_assert_cmpuint (info.ppqn, ==, 480);
  g_assert_cmpuint (info.n_events, ==, 6);  /* tempo, meter, 3 note-ons, end of track */
  g_assert_cmpuint (info.n_dropped, ==, 3); /* the note-offs */
  g_assert_cmpint (smf_get_length_pulses (smf), ==, 960);
}

/* Running status is expanded, so that libsmf never relies on it; note-offs
 * are left out with their delta times carried to the next event. */
static void
test_canonical_running_status (void)
{
  g_autoptr (GByteArray) b = good_file ();
  DsSmfInfo info;
  g_autoptr (GBytes) out = ds_smf_check (b->data, b->len, "t.mid", &info, NULL);
  gsize n;
  const guint8 *d = g_bytes_get_data (out, &n);
  const guint8 expected[] = { 0x00, 0x99, 0x24, 0x64, 0x00, 0x99, 0x2A, 0x50,
                              0x83, 0x60, 0x99, 0x26, 0x70, 0x83, 0x60, 0xFF, 0x2F, 0x00 };

  gboolean found = FALSE;

  for (gsize i = 0; i + sizeof expected <= n && !found; i++)
    found = memcmp (d + i, expected, sizeof expected) == 0;
  g_assert_true (found);
}

/* Sysex and meta events longer than libsmf's 127 bytes are dropped with their
 * delta times carried over to the next event. */
static void
test_canonical_drops_sysex_and_long_meta (void)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  guint8 text[200];
  DsSmfInfo info;
  g_autoptr (smf_t) smf = NULL;
  smf_event_t *event;

  memset (text, 'a', sizeof text);
  put (body, (const guint8[]) { 0x10, 0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7 }, 8);
  put (body, (const guint8[]) { 0x20, 0xFF, 0x01, 0x81, 0x48 }, 5);
  put (body, text, 200);
  put (body, (const guint8[]) { 0x30, 0xF7, 0x02, 0x01, 0x02 }, 5);
  put (body, (const guint8[]) { 0x40, 0x99, 0x24, 0x64, 0x00, 0xFF, 0x2F, 0x00 }, 8);
  put_header (b, 1, 1, 96);
  put_track (b, body->data, body->len);
  smf = ds_smf_load (b->data, b->len, "t.mid", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_dropped, ==, 3);
  event = smf_track_get_event_by_number (smf_get_track_by_number (smf, 1), 1);
  g_assert_cmpint (event->midi_buffer[0], ==, 0x99);
  g_assert_cmpint (event->time_pulses, ==, 0x10 + 0x20 + 0x30 + 0x40);
}

/* Chunks of unknown types are skipped, as the standard asks. */
static void
test_skips_alien_chunks (void)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  DsSmfInfo info;
  g_autoptr (smf_t) smf = NULL;

  put_header (b, 1, 1, 480);
  put (b, (const guint8 *) "XFIH\0\0\0\4abcd", 12);
  put_track (b, good_track, sizeof good_track);
  put (b, (const guint8 *) "XFKM\0\0\0\0", 8);
  smf = ds_smf_load (b->data, b->len, "t.mid", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_alien_chunks, ==, 2);
  g_assert_cmpint (smf->number_of_tracks, ==, 1);
}

static void
test_rejects_empty (void)
{
  assert_refused (g_byte_array_new (), "empty file");
}

static void
test_rejects_truncated_header (void)
{
  GByteArray *b = good_file ();

  g_byte_array_set_size (b, 9);
  assert_refused (b, "truncated header: 9 bytes");
}

static void
test_rejects_truncated_track (void)
{
  GByteArray *b = good_file ();

  g_byte_array_set_size (b, b->len - 10);
  assert_refused (b, "file is truncated: track 1 at byte 14 claims");
}

static void
test_rejects_track_length_past_end (void)
{
  GByteArray *b = good_file ();

  memcpy (b->data + 18, "\x7f\xff\xff\xff", 4);
  assert_refused (b, "claims 2147483647 bytes");
}

static void
test_rejects_ppqn_zero (void)
{
  GByteArray *b = good_file ();

  b->data[12] = b->data[13] = 0;
  assert_refused (b, "0 ticks per quarter note");
}

static void
test_rejects_smpte (void)
{
  GByteArray *b = good_file ();
  g_autoptr (GError) error = NULL;

  b->data[12] = 0xE2; /* -30 frames per second */
  b->data[13] = 80;
  g_assert_null (ds_smf_load (b->data, b->len, "t.mid", NULL, &error));
  g_assert_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "SMPTE time division (30 frames per second)"));
  g_byte_array_unref (b);
}

static void
test_rejects_garbage_after_last_track (void)
{
  GByteArray *b = good_file ();

  put (b, (const guint8 *) "\x01\x02garbage!", 10);
  assert_refused (b, "10 bytes of garbage after the last track, at byte");
}

static void
test_rejects_missing_end_of_track (void)
{
  GByteArray *b = g_byte_array_new ();

  put_header (b, 0, 1, 480);
  put_track (b, good_track, sizeof good_track - 4);
  assert_refused (b, "track 1 has no end-of-track event");
}

static void
test_rejects_event_cut_by_track_end (void)
{
  GByteArray *b = g_byte_array_new ();

  put_header (b, 0, 1, 480);
  put_track (b, (const guint8[]) { 0x00, 0x99, 0x24 }, 3);
  assert_refused (b, "track 1 ends inside an event at byte 22");
}

static void
test_rejects_running_status_after_meta (void)
{
  GByteArray *b = g_byte_array_new ();

  put_header (b, 0, 1, 480);
  put_track (b, (const guint8[]) { 0x00, 0xFF, 0x01, 0x01, 'a', 0x00, 0x24, 0x64,
                                   0x00, 0xFF, 0x2F, 0x00 }, 12);
  assert_refused (b, "no running status");
}

static void
test_rejects_format_0_with_two_tracks (void)
{
  GByteArray *b = good_file ();

  b->data[11] = 2;
  put_track (b, good_track, sizeof good_track);
  assert_refused (b, "format 0 allows one track");
}

/* libsmf takes time quadratic in a track's events: past DS_SMF_MAX_EVENTS
 * the file is refused, quickly. */
static void
test_rejects_too_many_events (void)
{
  GByteArray *body = g_byte_array_new ();
  GByteArray *b = g_byte_array_new ();

  for (guint i = 0; i < DS_SMF_MAX_EVENTS; i++)
    put (body, (const guint8[]) { 0x00, 0x99, 0x24, 0x64 }, 4);
  put (body, (const guint8[]) { 0x00, 0xFF, 0x2F, 0x00 }, 4);
  put_header (b, 0, 1, 480);
  put_track (b, body->data, body->len);
  g_byte_array_unref (body);
  assert_refused (b, "more than 65536 notes and tempo, meter and name events (track 1, byte");
}

static void
test_rejects_huge (void)
{
  GByteArray *b = good_file ();

  g_byte_array_set_size (b, DS_SMF_MAX_BYTES + 1);
  assert_refused (b, "more than the 4 MiB");
}

/* Mutations of a valid file: our validator passes or refuses each, and
 * whatever it passes libsmf reads without a warning or a critical. */
static void
test_fuzz_mutations (void)
{
  g_autoptr (GByteArray) base = g_byte_array_new ();
  g_autoptr (GBytes) loop_bytes = NULL;
  DsRng rng;
  guint passed = 0, refused = 0;

  put_header (base, 1, 2, 480);
  put_track (base, good_track, sizeof good_track);
  put_track (base, good_track + 15, sizeof good_track - 15);
  ds_rng_init (&rng, 2026);
  for (guint trial = 0; trial < 4000; trial++)
    {
      g_autoptr (GByteArray) b = g_byte_array_new ();
      g_autoptr (GError) error = NULL;
      guint n_mutations = 1 + ds_rng_below (&rng, 5);
      smf_t *smf;

      put (b, base->data, base->len);
      for (guint m = 0; m < n_mutations; m++)
        {
          guint at = ds_rng_below (&rng, b->len);

          switch (ds_rng_below (&rng, 4))
            {
            case 0: b->data[at] = (guint8) ds_rng_below (&rng, 256); break;
            case 1: b->data[at] ^= (guint8) (1u << ds_rng_below (&rng, 8)); break;
            case 2: g_byte_array_set_size (b, at + 1); break;
            default: b->data[at] = (guint8[]) { 0x00, 0x7F, 0x80, 0xFF, 0xF0, 0xF7, 0x2F }
                                   [ds_rng_below (&rng, 7)];
            }
        }
      smf = ds_smf_load (b->data, b->len, "fuzz.mid", NULL, &error);
      if (smf != NULL)
        {
          DsImportOptions options;

          passed++;
          smf_delete (smf);
          /* the whole import, at the default grid and at auto: a loop or a
           * clear error, never a GLib warning (fatal here) */
          ds_import_options_init (&options);
          for (guint pass = 0; pass < 2; pass++)
            {
              g_autoptr (GError) local = NULL;
              g_autoptr (DsLoop) loop = NULL;

              options.steps_per_quarter = pass == 0 ? 4 : 0;
              loop = ds_midi_import_data (b->data, b->len, "fuzz.mid", &options, &local);
              g_assert_true ((loop != NULL) != (local != NULL));
              if (local != NULL)
                g_assert_true (g_str_has_prefix (local->message, "fuzz.mid: "));
            }
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "fuzz.mid: "));
          g_assert_false (g_error_matches (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF));
          refused++;
        }
    }
  g_test_message ("%u mutations passed, %u refused", passed, refused);
  g_assert_cmpuint (passed, >, 100);
  g_assert_cmpuint (refused, >, 100);
}

/* Every file of tests/data/midi/malformed fails to import with a message
 * naming it (tests/midi-malformed.sh runs this under valgrind). */
static void
test_malformed_folder (void)
{
  g_autofree char *path = g_build_filename (DS_SRCDIR, "tests", "data", "midi", "malformed", NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;
  DsImportOptions options;

  g_assert_nonnull (dir);
  ds_import_options_init (&options);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (DsLoop) loop = NULL;

      if (!g_str_has_suffix (name, ".mid"))
        continue;
      loop = ds_midi_import_file (file, &options, &error);
      g_assert_null (loop);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, file));
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
}

/* libsmf's own complaints land in the GError, not on the terminal: a time
 * signature of two bytes (which our validator refuses) makes libsmf 1.3 log a
 * critical, without memory errors, when it reads the bytes unchecked. */
static void
test_captures_libsmf_messages (void)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autoptr (GError) error = NULL;

  put_header (b, 0, 1, 480);
  put_track (b, (const guint8[]) { 0x00, 0xFF, 0x58, 0x02, 0x04, 0x02, 0x00, 0x99, 0x24, 0x64,
                                   0x00, 0xFF, 0x2F, 0x00 }, 14);
  assert_refused (g_byte_array_ref (b), "meta event 0x58 at byte 22 has 2 data bytes, not 4");
  /* GTest makes criticals fatal; the capture handler runs before that check,
   * so for this one call allow them. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_assert_null (ds_smf_load_unchecked (b->data, b->len, "t.mid", &error));
  g_assert_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF);
  g_assert_cmpstr (error->message, ==, "t.mid: libsmf failed to read it: Time Signature event "
                                       "seems truncated.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/midi/check/accepts-valid-file", test_accepts_good);
  g_test_add_func ("/midi/check/canonical/expands-running-status", test_canonical_running_status);
  g_test_add_func ("/midi/check/canonical/drops-sysex-and-long-meta",
                   test_canonical_drops_sysex_and_long_meta);
  g_test_add_func ("/midi/check/skips-unknown-chunks", test_skips_alien_chunks);
  g_test_add_func ("/midi/check/rejects-empty", test_rejects_empty);
  g_test_add_func ("/midi/check/rejects-truncated-header", test_rejects_truncated_header);
  g_test_add_func ("/midi/check/rejects-truncated-track", test_rejects_truncated_track);
  g_test_add_func ("/midi/check/rejects-track-length-past-end",
                   test_rejects_track_length_past_end);
  g_test_add_func ("/midi/check/rejects-ppqn-zero", test_rejects_ppqn_zero);
  g_test_add_func ("/midi/check/rejects-smpte-division", test_rejects_smpte);
  g_test_add_func ("/midi/check/rejects-garbage-after-last-track",
                   test_rejects_garbage_after_last_track);
  g_test_add_func ("/midi/check/rejects-missing-end-of-track", test_rejects_missing_end_of_track);
  g_test_add_func ("/midi/check/rejects-event-cut-by-track-end",
                   test_rejects_event_cut_by_track_end);
  g_test_add_func ("/midi/check/rejects-running-status-after-meta",
                   test_rejects_running_status_after_meta);
  g_test_add_func ("/midi/check/rejects-format-0-with-two-tracks",
                   test_rejects_format_0_with_two_tracks);
  g_test_add_func ("/midi/check/rejects-huge-file", test_rejects_huge);
  g_test_add_func ("/midi/check/rejects-too-many-events", test_rejects_too_many_events);
  g_test_add_func ("/midi/check/fuzz/libsmf-silent-on-whatever-passes", test_fuzz_mutations);
  g_test_add_func ("/midi/check/malformed-folder", test_malformed_folder);
  g_test_add_func ("/midi/check/captures-libsmf-messages", test_captures_libsmf_messages);
  return g_test_run ();
}
