/* test-style.c: the style learned from human drummers (src/stage/style.h): the
 * model worked by hand, marginal voices, meters, the file (round trip, version,
 * checksum, impossible content), the bundled files' lookup, the reward term,
 * and on the Groove MIDI Dataset's validation split (where it is at hand):
 * held-out likelihood against density-only models, human bars against random
 * bars of the same densities. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "midi/corpus.h"
#include "midi/style-learn.h"
#include "src/base/checkpoint.h"
#include "src/base/data.h"
#include <glib/gstdio.h>
#include "src/stage/reward.h"
#include "src/stage/style.h"
#include "src/stage/style-private.h"

static void
parse (const char *text, DsPattern *p)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ds_pattern_parse (text, p, &error));
  g_assert_no_error (error);
}

static DsSignature
signature (const char *text)
{
  DsSignature s;

  g_assert_true (ds_meter_parse_signature (text, &s, NULL));
  return s;
}

/* A small corpus of 4/4 grooves (kick, snare, hat): every performance plays
 * its bar eight times, fitted at 4 steps per quarter note. */
static const char *const grooves[][3] = {
  { "x.......x.x.....", "....x.......x...", "x.x.x.x.x.x.x.x." },
  { "x.....x...x.....", "....x.......x...", "x.x.x.x.x.x.x.x." },
  { "x..x...x..x..x..", "....x..x.x..x..x", "xxxxxxxxxxxxxxxx" },
  { "x.......x.......", "....x.......x...", "..x...x...x...x." },
  { "x...x...x...x...", "....x.......x...", "..x...x...x...x." },
};

static DsStyle *
fit_grooves (const char *const *names, guint n_voices, const guint *voice_of)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyleFit) fit = ds_style_fit_new (names, n_voices, 4, &error);
  DsSignature four = signature ("4/4");
  DsStyle *style;

  g_assert_no_error (error);
  for (guint g = 0; g < G_N_ELEMENTS (grooves); g++)
    for (guint b = 0; b < 8; b++)
      {
        DsPattern p[3];

        for (guint v = 0; v < n_voices; v++)
          parse (grooves[g][voice_of[v]], &p[v]);
        g_assert_true (ds_style_fit_add_bar (fit, &four, p, b > 0, &error));
        g_assert_no_error (error);
      }
  style = ds_style_fit_finish (fit, "grooves", &error);
  g_assert_no_error (error);
  return style;
}

static DsStyle *
fit_three (void)
{
  static const char *const names[] = { "kick", "snare", "hat" };
  static const guint voice_of[] = { 0, 1, 2 };

  return fit_grooves (names, 3, voice_of);
}

/* One voice, a 4/4 bar at one step per quarter note (classes downbeat, beat,
 * strong beat, beat; the half-bar context two steps back, the beat context
 * one), "x..." played twice from silence.  The counts, (class, half, beat) ->
 * column: (0,0,0) -> x twice, (2,0,1) -> . twice, (1,1,0) -> . twice,
 * (2,0,0) -> . twice.  Witten-Bell, P(x | h) = (c(h, x) + T(h) P_lower(x)) /
 * (c(h) + T(h)) with T(h) the columns seen after h:
 *   P1(x | downbeat) = (2 + 1/2) / 3, P2 = (2 + P1) / 3, P3 = (2 + P2) / 3 = 0.98148;
 *   P1(. | beat) = (4 + 1/2) / 5 = 0.9, P2(. | beat, .) = (4 + 0.9) / 5 = 0.98,
 *   P3(. | beat, ., x) = P3(. | beat, ., .) = (2 + 0.98) / 3 = 0.99333;
 *   the strong beat as the downbeat: 0.98148.
 * ".x.." meets unseen contexts: P3(. | downbeat, ., .) = (0 + (0 + (1/2)/3) / 3) / 3,
 * P3(x | beat, ., .) = (0 + (0 + 0.1) / 5) / 3, then P1(. | strong beat) = 2.5/3 and
 * P1(. | beat) = 0.9 where no context was seen. */
static void
test_worked_by_hand (void)
{
  static const char *const names[] = { "kick" };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyleFit) fit = ds_style_fit_new (names, 1, 1, &error);
  g_autoptr (DsStyle) style = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("4/4", 4, 1, &error);
  g_autoptr (DsStyleScorer) scorer = NULL;
  DsSignature four = signature ("4/4");
  DsPattern p;
  double p3 = (2 + (2 + 2.5 / 3) / 3) / 3, q3 = (2 + 0.98) / 3;
  double moved = (log2 ((0.5 / 3) / 9) + log2 (0.02 / 3) + log2 (2.5 / 3) + log2 (0.9)) / 4;

  g_assert_no_error (error);
  parse ("x...", &p);
  g_assert_true (ds_style_fit_add_bar (fit, &four, &p, FALSE, &error));
  g_assert_true (ds_style_fit_add_bar (fit, &four, &p, TRUE, &error));
  style = ds_style_fit_finish (fit, "hand", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_style_n_loops (style), ==, 1);
  g_assert_cmpuint (ds_style_n_bars (style), ==, 2);
  g_assert_cmpuint (ds_style_n_steps (style), ==, 8);
  g_assert_cmpfloat (ds_style_density (style, 0, 0), ==, 1.0);
  g_assert_cmpfloat (ds_style_class_share (style, 2), ==, 0.5);
  scorer = ds_style_scorer_new (style, meter, names, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ds_style_scorer_log2 (scorer, &p),
                                  (2 * log2 (p3) + 2 * log2 (q3)) / 4, 1e-6);
  /* the corpus's own bar is the human median: value 1 */
  g_assert_cmpfloat (ds_style_scorer_value (scorer, &p), ==, 1.0);
  parse (".x..", &p);
  g_assert_cmpfloat_with_epsilon (ds_style_scorer_log2 (scorer, &p), moved, 1e-6);
  g_assert_cmpfloat (ds_style_scorer_value (scorer, &p), <, 1.0);
}

/* Each meter's classes and context spans come from its hierarchy. */
static void
test_meters (void)
{
  static const char *const names[] = { "kick" };
  /* classes one digit per step; the spans a step's context lies back, the
   * bar's first subdivision's and the beat's, as digits per step in hex */
  static const struct {
    const char *signature;
    guint steps;
    const char *classes, *half, *beat;
  } cases[] = {
    { "4/4", 16, "0434243414342434", "8888888888888888", "4444444444444444" },
    { "3/4", 12, "043424342434", "444444444444", "444444444444" },
    { "6/8", 12, "043434243434", "666666666666", "666666666666" },
    { "7/8", 14, "04342434243434", "66664444444444", "66664444444444" },
    { "5/4", 20, "04342434243424342434", "44444444444444444444", "44444444444444444444" },
    { "12/8", 24, "043434243434143434243434", "cccccccccccccccccccccccc",
      "666666666666666666666666" },
  };
  g_autoptr (DsStyle) style = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyleFit) fit = ds_style_fit_new (names, 1, 4, &error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DsSignature s = signature (cases[i].signature);
      DsStyleFrame frame;

      g_assert_cmpuint (ds_style_grid_steps (&s, 4), ==, cases[i].steps);
      g_assert_true (ds_style_frame_init (&frame, &s, 4, &error));
      g_assert_cmpuint (frame.steps, ==, cases[i].steps);
      for (guint j = 0; j < frame.steps; j++)
        {
          g_assert_cmpuint (frame.klass[j], ==, (guint) (cases[i].classes[j] - '0'));
          g_assert_cmpuint (frame.back_half[j], ==,
                            (guint) g_ascii_xdigit_value (cases[i].half[j]));
          g_assert_cmpuint (frame.back_beat[j], ==,
                            (guint) g_ascii_xdigit_value (cases[i].beat[j]));
        }
    }
  /* a style fitted on 4/4 scores every meter, each bar on its own hierarchy;
   * the downbeat kick is likelier than the same kick moved a sixteenth on */
  for (guint b = 0; b < 4; b++)
    {
      DsPattern p;
      DsSignature four = signature ("4/4");

      parse ("x.......x.......", &p);
      g_assert_true (ds_style_fit_add_bar (fit, &four, &p, b > 0, &error));
    }
  style = ds_style_fit_finish (fit, "four", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (DsMeter) meter = ds_meter_new_bars (cases[i].signature, cases[i].steps, 1,
                                                     &error);
      g_autoptr (DsStyleScorer) scorer = ds_style_scorer_new (style, meter, names, 1, &error);
      DsPattern on, off;

      g_assert_no_error (error);
      ds_pattern_init (&on, cases[i].steps);
      ds_pattern_init (&off, cases[i].steps);
      ds_pattern_set (&on, 0, TRUE);
      ds_pattern_set (&off, 1, TRUE);
      g_assert_cmpfloat (ds_style_scorer_log2 (scorer, &on), >, ds_style_scorer_log2 (scorer, &off));
    }
}

/* A stage of some of the style's voices is judged by the style of those voices
 * alone: a kick-and-hat stage under a three-voice style scores exactly as under
 * a style fitted on kick and hat only; voices the style does not know are left
 * out; a stage with none of them is refused. */
static void
test_marginal_voices (void)
{
  static const char *const two[] = { "kick", "hat" };
  static const guint two_of[] = { 0, 2 };
  static const char *const stage[] = { "hat", "cowbell", "kick" };
  static const char *const strangers[] = { "cowbell", "clap" };
  g_autoptr (DsStyle) three = fit_three ();
  g_autoptr (DsStyle) pair = fit_grooves (two, 2, two_of);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsStyleScorer) a = ds_style_scorer_new (three, meter, stage, 3, &error);
  g_autoptr (DsStyleScorer) b = ds_style_scorer_new (pair, meter, stage, 3, &error);
  g_autoptr (DsStyleScorer) none = NULL;
  static const char *const bars[][3] = {
    { "x.x.x.x.x.x.x.x.", "x..x..x..x..x..x", "x.......x.x....." },
    { "..x...x.x.....x.", "................", ".x..x.......x..x" },
    { "xxxxxxxxxxxxxxxx", "................", "x..x...x..x..x.." },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (ds_style_scorer_describe (a), ==, "grooves: kick hat");
  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      DsPattern p[3];

      for (guint v = 0; v < 3; v++)
        parse (bars[i][v], &p[v]);
      g_assert_cmpfloat (ds_style_scorer_log2 (a, p), ==, ds_style_scorer_log2 (b, p));
      g_assert_cmpfloat (ds_style_scorer_value (a, p), ==, ds_style_scorer_value (b, p));
      /* the cowbell is not judged */
      ds_pattern_toggle (&p[1], 5);
      g_assert_cmpfloat (ds_style_scorer_log2 (a, p), ==, ds_style_scorer_log2 (b, p));
    }
  none = ds_style_scorer_new (three, meter, strangers, 2, &error);
  g_assert_null (none);
  g_assert_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES);
  g_assert_nonnull (strstr (error->message, "none of them"));
}

/* A grid finer than the style's is resampled to it: a bar at 32 steps scores
 * as the same bar at 16; a two-bar stage scores the mean of its bars. */
static void
test_resampled_and_bars (void)
{
  static const char *const names[] = { "kick", "snare", "hat" };
  g_autoptr (DsStyle) style = fit_three ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) m16 = ds_meter_new_bars ("4/4", 16, 1, &error);
  g_autoptr (DsMeter) m32 = ds_meter_new_bars ("4/4", 32, 1, &error);
  g_autoptr (DsMeter) two = ds_meter_new_bars ("4/4", 16, 2, &error);
  g_autoptr (DsStyleScorer) s16 = ds_style_scorer_new (style, m16, names, 3, &error);
  g_autoptr (DsStyleScorer) s32 = ds_style_scorer_new (style, m32, names, 3, &error);
  g_autoptr (DsStyleScorer) s2 = ds_style_scorer_new (style, two, names, 3, &error);
  DsPattern a[3], b[3], fine[3], both[3];

  g_assert_no_error (error);
  parse ("x.......x.x.....", &a[0]);
  parse ("....x.......x...", &a[1]);
  parse ("x.x.x.x.x.x.x.x.", &a[2]);
  parse ("x..x..x.........", &b[0]);
  parse ("..x...x....x...x", &b[1]);
  parse ("x.x.x...x.xx..x.", &b[2]);
  for (guint v = 0; v < 3; v++)
    {
      ds_pattern_init (&fine[v], 32);
      ds_pattern_init (&both[v], 32);
      for (guint k = 0; k < 16; k++)
        {
          ds_pattern_set (&fine[v], 2 * k, ds_pattern_get (&a[v], k));
          ds_pattern_set (&both[v], k, ds_pattern_get (&a[v], k));
          ds_pattern_set (&both[v], 16 + k, ds_pattern_get (&b[v], k));
        }
    }
  g_assert_cmpfloat (ds_style_scorer_log2 (s32, fine), ==, ds_style_scorer_log2 (s16, a));
  g_assert_cmpfloat_with_epsilon (ds_style_scorer_value (s2, both),
                                  (ds_style_scorer_value (s16, a) + ds_style_scorer_value (s16, b))
                                      / 2, 1e-12);
}

/* --- the file ------------------------------------------------------------------- */

static GBytes *
corrupt (GBytes *bytes, gsize at)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_memdup2 (data, size);

  copy[at] ^= 0x01;
  return g_bytes_new_take (copy, size);
}

static void
assert_refused (const guint8 *data, gsize size, int code, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = ds_style_parse (data, size, "bad.dsstyle", &error);

  g_assert_null (style);
  g_assert_error (error, DS_STYLE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "bad.dsstyle: "));
  g_assert_null (strchr (error->message, '\n'));
  if (strstr (error->message, part) == NULL)
    g_error ("'%s' does not say '%s'", error->message, part);
}

static void
test_file_round_trip (void)
{
  static const char *const names[] = { "kick", "snare", "hat" };
  g_autoptr (DsStyle) style = fit_three ();
  g_autoptr (DsStyle) again = NULL;
  g_autoptr (GBytes) bytes = ds_style_serialise (style);
  g_autoptr (GBytes) bytes2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsStyleScorer) a = NULL, b = NULL;
  g_autoptr (DsStyle) refit = fit_three ();
  g_autoptr (GBytes) refit_bytes = ds_style_serialise (refit);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  DsPattern p[3];

  again = ds_style_parse (data, size, "round.dsstyle", &error);
  g_assert_no_error (error);
  bytes2 = ds_style_serialise (again);
  g_assert_true (g_bytes_equal (bytes, bytes2));
  /* fitting is deterministic */
  g_assert_true (g_bytes_equal (bytes, refit_bytes));
  g_assert_cmpstr (ds_style_name (again), ==, "grooves");
  g_assert_cmpuint (ds_style_n_voices (again), ==, 3);
  g_assert_cmpstr (ds_style_voice_name (again, 2), ==, "hat");
  g_assert_cmpuint (ds_style_resolution (again), ==, 4);
  g_assert_cmpuint (ds_style_n_loops (again), ==, G_N_ELEMENTS (grooves));
  g_assert_cmpuint (ds_style_n_bars (again), ==, 8 * G_N_ELEMENTS (grooves));
  a = ds_style_scorer_new (style, meter, names, 3, &error);
  b = ds_style_scorer_new (again, meter, names, 3, &error);
  g_assert_no_error (error);
  parse ("x..x....x.......", &p[0]);
  parse ("....x...x...x..x", &p[1]);
  parse ("x.x.x.x.x.x.x.xx", &p[2]);
  g_assert_cmpfloat (ds_style_scorer_value (a, p), ==, ds_style_scorer_value (b, p));
  g_assert_cmpfloat (ds_style_scorer_log2 (a, p), ==, ds_style_scorer_log2 (b, p));
}

static void
test_file_refuses_corrupt (void)
{
  g_autoptr (DsStyle) style = fit_three ();
  g_autoptr (GBytes) bytes = ds_style_serialise (style);
  g_autoptr (GBytes) flipped = corrupt (bytes, 200);
  gsize size, flipped_size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const guint8 *bad = g_bytes_get_data (flipped, &flipped_size);

  assert_refused (bad, flipped_size, DS_STYLE_ERROR_FORMAT, "corrupt");
  assert_refused (data, size - 10, DS_STYLE_ERROR_FORMAT, "truncated");
  assert_refused (data, 0, DS_STYLE_ERROR_FORMAT, "not a drumswarm style");
  assert_refused ((const guint8 *) "MThd\0\0\0\6", 8, DS_STYLE_ERROR_FORMAT,
                  "not a drumswarm style");
}

/* A style whose fields are taken from a real one, then changed. */
static GBytes *
tampered (const char *field, const char *text, gint64 value)
{
  g_autoptr (DsStyle) style = fit_three ();
  g_autoptr (GBytes) bytes = ds_style_serialise (style);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_parse (data, size, "x", NULL);

  g_assert_nonnull (ck);
  if (text != NULL)
    ds_checkpoint_set_text (ck, field, text);
  else
    ds_checkpoint_set_int (ck, field, value);
  return ds_checkpoint_serialise (ck);
}

static void
refuse_tampered (const char *field, const char *text, gint64 value, int code, const char *part)
{
  g_autoptr (GBytes) bytes = tampered (field, text, value);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  assert_refused (data, size, code, part);
}

/* Files that pass the checksum but could not come from a fit are refused,
 * each with one line saying what is wrong. */
static void
test_file_refuses_impossible (void)
{
  g_autoptr (DsCheckpoint) model = ds_checkpoint_new ();
  g_autoptr (GBytes) model_bytes = NULL;
  const guint8 *data;
  gsize size;

  refuse_tampered ("version", NULL, DS_STYLE_VERSION + 1, DS_STYLE_ERROR_VERSION, "newer");
  refuse_tampered ("format", "drumswarm-model", 0, DS_STYLE_ERROR_FORMAT, "not a drumswarm style");
  refuse_tampered ("voices", "kick snare snare", 0, DS_STYLE_ERROR_FORMAT, "twice");
  refuse_tampered ("voices", "kick snare hat tom crash ride cowbell", 0, DS_STYLE_ERROR_FORMAT,
                   "1 to 6 voices");
  refuse_tampered ("voices", "kick snare", 0, DS_STYLE_ERROR_FORMAT, "counts line");
  refuse_tampered ("resolution", NULL, 0, DS_STYLE_ERROR_FORMAT, "'resolution' is 0");
  refuse_tampered ("steps", NULL, 12345, DS_STYLE_ERROR_FORMAT, "add up to");
  refuse_tampered ("counts", "0 0 0 1 5\n0 0 0 0 5\n", 0, DS_STYLE_ERROR_FORMAT,
                   "out of order");
  refuse_tampered ("counts", "6 0 0 1 5\n", 0, DS_STYLE_ERROR_FORMAT, "counts line 1");
  refuse_tampered ("counts", "0 0 0 1 0\n", 0, DS_STYLE_ERROR_FORMAT, "counts line 1");
  refuse_tampered ("counts", "0 0 0 1\n", 0, DS_STYLE_ERROR_FORMAT, "expected");
  refuse_tampered ("calibration", "1 -2 -1\n", 0, DS_STYLE_ERROR_FORMAT, "needs 7");
  refuse_tampered ("calibration", "1 -1 -2\n2 -1 -2\n3 -1 -2\n4 -1 -2\n5 -1 -2\n6 -1 -2\n"
                   "7 -1 -2\n", 0, DS_STYLE_ERROR_FORMAT, "below random");
  refuse_tampered ("calibration", "1 -2 -1\n2 -2 -1\n3 -2 nan\n4 -2 -1\n5 -2 -1\n6 -2 -1\n"
                   "7 -2 -1\n", 0, DS_STYLE_ERROR_FORMAT, "calibration line 3");
  /* a model is a checkpoint too */
  ds_checkpoint_set_text (model, "config", "[stage]\n");
  model_bytes = ds_checkpoint_serialise (model);
  data = g_bytes_get_data (model_bytes, &size);
  assert_refused (data, size, DS_STYLE_ERROR_FORMAT, "a drumswarm model?");
}

static void
test_fit_refuses_empty (void)
{
  static const char *const names[] = { "kick", "snare" };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyleFit) fit = ds_style_fit_new (names, 2, 4, &error);
  g_autoptr (DsStyle) style = NULL;
  DsSignature four = signature ("4/4");
  DsPattern p[2];

  ds_pattern_init (&p[0], 16);
  ds_pattern_init (&p[1], 16);
  g_assert_true (ds_style_fit_add_bar (fit, &four, p, FALSE, &error));
  style = ds_style_fit_finish (fit, "silence", &error);
  g_assert_null (style);
  g_assert_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (ds_style_fit_new (names, 2, 0, &error));
  g_assert_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_METER);
}

/* --- bundled files ---------------------------------------------------------------- */

static void
test_data_lookup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-data-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "gmd.dsstyle", NULL);
  g_autofree char *found = NULL, *bundled = NULL;
  g_autofree char *examples = g_build_filename (DS_SRCDIR, "examples", "gmd.dsstyle", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("DRUMSWARM_DATADIR"));
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_setenv ("DRUMSWARM_DATADIR", dir, TRUE);
  found = ds_data_find ("gmd.dsstyle", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, file);
  g_assert_null (ds_data_find ("none.dsstyle", &error));
  g_assert_error (error, DS_DATA_ERROR, DS_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (strstr (error->message, DS_PKGDATADIR));
  g_clear_error (&error);
  g_assert_null (ds_data_find ("../gmd.dsstyle", &error));
  g_assert_error (error, DS_DATA_ERROR, DS_DATA_ERROR_NAME);
  g_clear_error (&error);
  /* without the variable: the installed folder, else the source tree */
  g_unsetenv ("DRUMSWARM_DATADIR");
  bundled = ds_data_find ("gmd.dsstyle", &error);
  g_assert_no_error (error);
  if (!g_file_test (DS_PKGDATADIR "/gmd.dsstyle", G_FILE_TEST_EXISTS))
    g_assert_cmpstr (bundled, ==, examples);
  if (saved != NULL)
    g_setenv ("DRUMSWARM_DATADIR", saved, TRUE);
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_open_bundled (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = ds_style_open ("gmd", &error);
  g_autoptr (DsStyle) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ds_style_name (style), ==, "gmd");
  g_assert_cmpuint (ds_style_n_voices (style), ==, 6);
  missing = ds_style_open ("no-such-style", &error);
  g_assert_null (missing);
  g_assert_nonnull (strstr (error->message, "looked in"));
}

/* --- the reward term ---------------------------------------------------------------- */

static void
test_reward_term (void)
{
  static const char *const names[] = { "kick", "snare", "hat" };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, &error);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 3, &error);
  DsPattern human[3], random[3];
  double value, contribution, density;

  g_assert_no_error (error);
  g_assert_true (ds_reward_set_mix (reward, 1, "0.6 style + 0.4 density-target(0.25)", "test",
                                    &error));
  g_assert_no_error (error);
  g_assert_true (ds_reward_set_mix (reward, 0, "style(gmd)", "test", &error));
  g_assert_false (ds_reward_needs_loop (reward, 1));
  parse ("x.......x.x.....", &human[0]);
  parse ("....x.......x...", &human[1]);
  parse ("x.x.x.x.x.x.x.x.", &human[2]);
  /* the same onsets placed at random */
  parse ("..x....x.....x..", &random[0]);
  parse (".x.........x....", &random[1]);
  parse ("x..xx.x..xx..x.x", &random[2]);
  g_assert_true (ds_reward_term_value (reward, 1, 0, human, NULL, &value, &contribution));
  g_assert_cmpfloat (value, ==, 1.0);
  g_assert_cmpfloat (ds_reward_score (reward, 0, human, NULL), ==, 1.0);
  g_assert_true (ds_reward_term_value (reward, 1, 0, random, NULL, &value, &contribution));
  g_assert_cmpfloat (value, <, 0.5);
  density = 1.0 - fabs (2.0 / 16 - 0.25);
  g_assert_cmpfloat_with_epsilon (ds_reward_score (reward, 1, random, NULL),
                                  0.6 * value + 0.4 * density, 1e-6);
  g_assert_cmpstr (ds_reward_term_text (reward, 1, 0), ==, "0.6 style");
  /* style(NAME, SPAN): 1 at SPAN times the human median's height above random,
   * so that the median human bar scores 1 / SPAN and likelier bars more */
  {
    g_autoptr (DsStyle) gmd = ds_style_open ("gmd", &error);
    double r, h, bits, expected;
    g_autoptr (DsStyleScorer) scorer = NULL;

    g_assert_no_error (error);
    scorer = ds_style_scorer_new (gmd, meter, names, 3, &error);
    g_assert_no_error (error);
    ds_style_calibration (gmd, 7, &r, &h);
    bits = ds_style_scorer_log2 (scorer, human);
    g_assert_cmpfloat (bits, >, h);
    expected = CLAMP ((bits - r) / (2 * (h - r)), 0.0, 1.0);
    g_assert_true (ds_reward_set_mix (reward, 2, "style(gmd, 2)", "test", &error));
    g_assert_true (ds_reward_term_value (reward, 2, 0, human, NULL, &value, &contribution));
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-6);
    g_assert_cmpfloat (value, <, 1.0);
    g_assert_cmpfloat (value, >, 0.5);
    g_assert_cmpstr (ds_reward_term_text (reward, 2, 0), ==, "1 style(gmd, 2)");
  }
  /* errors name the term */
  g_assert_false (ds_reward_set_mix (reward, 1, "style(a, 2, c)", "test", &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (ds_reward_set_mix (reward, 1, "style(gmd, 0.5)", "test", &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "SPAN must be a number from 1 to 100"));
  g_clear_error (&error);
  g_assert_false (ds_reward_set_mix (reward, 1, "0.5 style(/nonexistent/x.dsstyle)", "test",
                                     &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "test: term '0.5 style(/nonexistent/"));
  g_clear_error (&error);
  g_assert_false (ds_reward_set_mix (reward, 1, "target(style, 1.5)", "test", &error));
  g_assert_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VALUE);
}

/* --- the Groove MIDI Dataset's validation split -------------------------------------- */

static const char *
gmd_dir (void)
{
  const char *dir = g_getenv ("DS_GMD");

  return dir != NULL ? dir : "/work/shared/gmd";
}

/* The validation split's beats judged by the bundled style, for VOICES. */
static gboolean
judge_validation (const char *const *voices, guint n, DsStyleEvalResult *result)
{
  static const char *const where[] = { "split=validation", "beat_type=beat", NULL };
  g_autofree char *info = g_build_filename (gmd_dir (), "info.csv", NULL);
  DsCorpusSelection selection = { NULL, info, where };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  DsImportOptions options;

  if (!g_file_test (info, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Groove MIDI Dataset is not at hand (DS_GMD)");
      return FALSE;
    }
  style = ds_style_open ("gmd", &error);
  g_assert_no_error (error);
  files = ds_corpus_select (gmd_dir (), &selection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 47);
  ds_import_options_init (&options);
  options.steps_per_quarter = ds_style_resolution (style);
  g_assert_true (ds_drum_map_set_voices (map, "kick,snare,hat,tom,crash,ride", &error));
  options.map = map;
  g_assert_true (ds_style_judge (style, files, &options, voices, n, 1, NULL, result, &error));
  g_assert_no_error (error);
  return TRUE;
}

/* Held out from the fit, the validation beats are likelier under the style than
 * under per-voice Bernoulli models at the corpus's density of each metrical
 * class (and overall), for kick, snare and hat and for all six voices. */
static void
test_held_out_likelihood (void)
{
  static const char *const three[] = { "kick", "snare", "hat" };
  DsStyleEvalResult r;

  if (!judge_validation (three, 3, &r))
    return;
  g_test_message ("kick snare hat, bits per step: style %.3f, density by class %.3f, "
                  "density %.3f (%" G_GUINT64_FORMAT " steps)", r.bits_style, r.bits_class,
                  r.bits_overall, r.steps);
  g_assert_cmpfloat (r.bits_style, >, r.bits_class + 0.5);
  g_assert_cmpfloat (r.bits_class, >, r.bits_overall);
  if (!judge_validation (NULL, 0, &r))
    return;
  g_test_message ("six voices, bits per step: style %.3f, density by class %.3f, density %.3f",
                  r.bits_style, r.bits_class, r.bits_overall);
  g_assert_cmpfloat (r.bits_style, >, r.bits_class + 0.5);
}

/* Human bars outscore random bars of the same densities (each bar with each
 * voice's onsets shuffled): in the mean and bar by bar. */
static void
test_human_beats_random (void)
{
  static const char *const three[] = { "kick", "snare", "hat" };
  DsStyleEvalResult r;

  if (!judge_validation (three, 3, &r))
    return;
  g_test_message ("kick snare hat, %u bars: value human %.3f, shuffled %.3f (margin %.3f); "
                  "%.1f %% of the bars likelier than their shuffle", r.bars, r.value_human,
                  r.value_random, r.value_human - r.value_random, 100 * r.above);
  g_assert_cmpuint (r.bars, >, 2000);
  g_assert_cmpfloat (r.value_human, >, 0.7);
  g_assert_cmpfloat (r.value_random, <, 0.35);
  g_assert_cmpfloat (r.value_human - r.value_random, >, 0.4);
  g_assert_cmpfloat (r.above, >, 0.9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/style/witten-bell-worked-by-hand", test_worked_by_hand);
  g_test_add_func ("/style/any-meter", test_meters);
  g_test_add_func ("/style/stage-voices-judged-as-their-own-style", test_marginal_voices);
  g_test_add_func ("/style/finer-grids-and-several-bars", test_resampled_and_bars);
  g_test_add_func ("/style/file/round-trip-and-deterministic", test_file_round_trip);
  g_test_add_func ("/style/file/refuses-corrupt-and-truncated", test_file_refuses_corrupt);
  g_test_add_func ("/style/file/refuses-impossible-content", test_file_refuses_impossible);
  g_test_add_func ("/style/fit/refuses-a-corpus-without-onsets", test_fit_refuses_empty);
  g_test_add_func ("/style/data/lookup-order", test_data_lookup);
  g_test_add_func ("/style/bundled-by-name", test_open_bundled);
  g_test_add_func ("/style/reward-term", test_reward_term);
  g_test_add_func ("/style/gmd/held-out-likelier-than-density-only", test_held_out_likelihood);
  g_test_add_func ("/style/gmd/human-bars-beat-random-bars", test_human_beats_random);
  return g_test_run ();
}
