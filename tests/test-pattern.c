/* test-pattern.c: parsing, printing and editing patterns. */
#include "autoconfig.h"

#include "src/rhythm/pattern.h"

#include <string.h>

static void
test_parse_text_form (void)
{
  g_autoptr (GError) error = NULL;
  DsPattern p;

  g_assert_true (ds_pattern_parse ("x..X|o.x.", &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.length, ==, 8);
  g_assert_true (ds_pattern_get (&p, 0));
  g_assert_false (ds_pattern_get (&p, 1));
  g_assert_true (ds_pattern_get (&p, 3));
  g_assert_true (ds_pattern_get_accent (&p, 3));
  g_assert_false (ds_pattern_get_accent (&p, 0));
  g_assert_false (ds_pattern_get (&p, 4));
  g_assert_true (ds_pattern_get (&p, 6));
  g_assert_cmpuint (ds_pattern_count (&p), ==, 3);
}

static void
test_parse_ignores_bars_and_spaces (void)
{
  DsPattern a, b;

  g_assert_true (ds_pattern_parse ("x... x...|x...x...", &a, NULL));
  g_assert_true (ds_pattern_parse ("x...x...x...x...", &b, NULL));
  g_assert_true (ds_pattern_equal (&a, &b));
}

static void
test_parse_rejects_bad_character (void)
{
  g_autoptr (GError) error = NULL;
  DsPattern p;

  g_assert_false (ds_pattern_parse ("x..q", &p, &error));
  g_assert_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_CHARACTER);
  g_assert_nonnull (strstr (error->message, "'q' at position 4"));
}

static void
test_parse_rejects_empty (void)
{
  g_autoptr (GError) error = NULL;
  DsPattern p;

  g_assert_false (ds_pattern_parse ("| |", &p, &error));
  g_assert_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_EMPTY);
}

static void
test_parse_longest_and_too_long (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *longest = g_strnfill (DS_PATTERN_MAX_STEPS, 'x');
  g_autofree char *too_long = g_strnfill (DS_PATTERN_MAX_STEPS + 1, '.');
  DsPattern p;

  g_assert_true (ds_pattern_parse (longest, &p, NULL));
  g_assert_cmpuint (ds_pattern_count (&p), ==, DS_PATTERN_MAX_STEPS);
  g_assert_false (ds_pattern_parse (too_long, &p, &error));
  g_assert_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_TOO_LONG);
}

static void
test_print_round_trip (void)
{
  const char *texts[] = { "x", ".", "X..x.xX.", "x...x...|x...x...", "xx.X|..x.|X...|.x.x" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      DsPattern p;
      g_autofree char *out = NULL;
      const char *bar = strchr (texts[i], '|');

      g_assert_true (ds_pattern_parse (texts[i], &p, NULL));
      out = ds_pattern_to_string (&p, bar != NULL ? (guint) (bar - texts[i]) : 0);
      g_assert_cmpstr (out, ==, texts[i]);
    }
}

static void
test_print_uneven_bars (void)
{
  DsPattern p;
  const guint starts[] = { 0, 5 };
  g_autofree char *out = NULL;

  g_assert_true (ds_pattern_parse ("x...xx.x", &p, NULL));
  out = ds_pattern_to_string_bars (&p, starts, 2);
  g_assert_cmpstr (out, ==, "x...x|x.x");
}

static void
test_toggle_and_accents (void)
{
  DsPattern p;

  ds_pattern_init (&p, 130);
  ds_pattern_set_accent (&p, 129, TRUE);
  g_assert_true (ds_pattern_get (&p, 129));
  g_assert_true (ds_pattern_get_accent (&p, 129));
  ds_pattern_toggle (&p, 129);
  g_assert_false (ds_pattern_get (&p, 129));
  ds_pattern_toggle (&p, 129);
  g_assert_true (ds_pattern_get (&p, 129));
  g_assert_false (ds_pattern_get_accent (&p, 129)); /* the accent went with the onset */
  ds_pattern_set (&p, 64, TRUE);
  g_assert_cmpuint (ds_pattern_count (&p), ==, 2);
}

static void
test_onsets_in_order (void)
{
  DsPattern p;
  guint steps[200];

  ds_pattern_init (&p, 200);
  ds_pattern_set (&p, 199, TRUE);
  ds_pattern_set (&p, 3, TRUE);
  ds_pattern_set (&p, 64, TRUE);
  g_assert_cmpuint (ds_pattern_onsets (&p, steps), ==, 3);
  g_assert_cmpuint (steps[0], ==, 3);
  g_assert_cmpuint (steps[1], ==, 64);
  g_assert_cmpuint (steps[2], ==, 199);
}

static void
test_bits_round_trip (void)
{
  DsPattern p;

  ds_pattern_from_bits (&p, 8, 0xff11);
  g_assert_cmpuint (ds_pattern_bits (&p), ==, 0x11);
  g_assert_cmpuint (ds_pattern_count (&p), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pattern/parse/text-form", test_parse_text_form);
  g_test_add_func ("/pattern/parse/ignores-bars-and-spaces", test_parse_ignores_bars_and_spaces);
  g_test_add_func ("/pattern/parse/rejects-bad-character", test_parse_rejects_bad_character);
  g_test_add_func ("/pattern/parse/rejects-empty", test_parse_rejects_empty);
  g_test_add_func ("/pattern/parse/longest-and-too-long", test_parse_longest_and_too_long);
  g_test_add_func ("/pattern/print/round-trip", test_print_round_trip);
  g_test_add_func ("/pattern/print/uneven-bars", test_print_uneven_bars);
  g_test_add_func ("/pattern/edit/toggle-and-accents", test_toggle_and_accents);
  g_test_add_func ("/pattern/onsets-in-order", test_onsets_in_order);
  g_test_add_func ("/pattern/bits-round-trip", test_bits_round_trip);
  return g_test_run ();
}
