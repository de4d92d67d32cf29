/* test-meter.c: time signatures and metrical weights against hand-worked tables. */
#include "autoconfig.h"

#include "src/rhythm/meter.h"

static void
assert_weights (const char *signature, guint steps, const guint *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars (signature, steps, 1, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < steps; k++)
    {
      if (ds_meter_weight (meter, k) != expected[k])
        g_error ("%s at %u steps: step %u has weight %u, expected %u", signature, steps, k,
                 ds_meter_weight (meter, k), expected[k]);
      g_assert_cmpint (ds_meter_lhl_weight (meter, k), ==,
                       (int) expected[k] - (int) ds_meter_bar (meter, 0)->n_levels);
    }
}

/* 4/4 in 16ths: bar 5, half 4, quarters 3, eighths 2, sixteenths 1 (L&J, LHL). */
static void
test_weights_4_4 (void)
{
  const guint w[] = { 5, 1, 2, 1, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 2, 1 };
  assert_weights ("4/4", 16, w);
}

/* 6/8 in 16ths: two dotted-quarter beats of three eighths. */
static void
test_weights_6_8 (void)
{
  const guint w[] = { 4, 1, 2, 1, 2, 1, 3, 1, 2, 1, 2, 1 };
  assert_weights ("6/8", 12, w);
}

static void
test_weights_3_4 (void)
{
  const guint w[] = { 4, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1 };
  assert_weights ("3/4", 12, w);
}

static void
test_weights_12_8 (void)
{
  const guint w[] = { 4, 1, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1 };
  assert_weights ("12/8", 12, w);
}

static void
test_weights_2_4 (void)
{
  const guint w[] = { 4, 1, 2, 1, 3, 1, 2, 1 };
  assert_weights ("2/4", 8, w);
}

/* 7/8 as 2+2+3 in 16ths: group starts at 0, 4, 8; eighths; sixteenths. */
static void
test_weights_7_8 (void)
{
  const guint w[] = { 4, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1, 2, 1 };
  assert_weights ("7/8", 14, w);
  assert_weights ("7/8:2+2+3", 14, w);
}

/* 5/4 in quarters beats five equal beats. */
static void
test_weights_5_4 (void)
{
  const guint w[] = { 4, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1, 3, 1, 2, 1 };
  assert_weights ("5/4", 20, w);
}

static void
test_weights_given_grouping (void)
{
  const guint w[] = { 4, 1, 2, 1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2, 1 };
  assert_weights ("8/8:3+3+2", 16, w);
}

static void
test_beats (void)
{
  g_autoptr (DsMeter) m44 = ds_meter_new_bars ("4/4", 16, 1, NULL);
  g_autoptr (DsMeter) m68 = ds_meter_new_bars ("6/8", 12, 1, NULL);

  for (guint k = 0; k < 16; k++)
    g_assert_cmpint (ds_meter_is_beat (m44, k), ==, k % 4 == 0);
  for (guint k = 0; k < 12; k++)
    g_assert_cmpint (ds_meter_is_beat (m68, k), ==, k % 6 == 0);
}

static void
test_for_length (void)
{
  g_autoptr (DsMeter) two_bars = ds_meter_new_for_length ("4/4", 32, NULL);
  g_autoptr (DsMeter) eighths = ds_meter_new_for_length (NULL, 8, NULL);
  g_autoptr (DsMeter) m128 = ds_meter_new_for_length ("12/8", 12, NULL);

  g_assert_cmpuint (ds_meter_n_bars (two_bars), ==, 2);
  g_assert_cmpuint (ds_meter_bar (two_bars, 1)->start, ==, 16);
  g_assert_cmpuint (ds_meter_level (two_bars, 16), ==, 0);
  g_assert_cmpuint (ds_meter_n_bars (eighths), ==, 1);
  g_assert_cmpuint (ds_meter_weight (eighths, 4), ==, 3);
  g_assert_cmpuint (ds_meter_n_bars (m128), ==, 1);
}

/* --meter 32/32 (or any N/32) failed for every length: its bar took 16
 * steps, too few for its 32 units; a 32nd now gets a step of its own */
static void
test_thirty_seconds_for_length (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) whole = ds_meter_new_for_length ("32/32", 64, &error);
  g_autoptr (DsMeter) four = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ds_meter_n_bars (whole), ==, 2);
  g_assert_cmpuint (ds_meter_bar (whole, 0)->steps, ==, 32);
  four = ds_meter_new_for_length ("4/32", 16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_meter_n_bars (four), ==, 4);
  g_assert_cmpuint (ds_meter_bar (four, 3)->start, ==, 12);
}

static void
test_changing_meter (void)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();
  g_autofree char *text = NULL;
  DsSignature a, b;

  g_assert_true (ds_meter_parse_signature ("5/4", &a, NULL));
  g_assert_true (ds_meter_parse_signature ("7/8", &b, NULL));
  g_assert_true (ds_meter_add_bar (meter, &a, 20, NULL));
  g_assert_true (ds_meter_add_bar (meter, &b, 14, NULL));
  g_assert_cmpuint (ds_meter_length (meter), ==, 34);
  g_assert_cmpuint (ds_meter_bar_of_step (meter, 19), ==, 0);
  g_assert_cmpuint (ds_meter_bar_of_step (meter, 20), ==, 1);
  g_assert_cmpuint (ds_meter_level (meter, 20), ==, 0);
  g_assert_false (ds_meter_is_uniform (meter));
  text = ds_meter_to_string (meter);
  g_assert_cmpstr (text, ==, "5/4,7/8");
}

static void
test_signature_text (void)
{
  DsSignature s;
  g_autofree char *plain = NULL, *grouped = NULL;

  g_assert_true (ds_meter_parse_signature ("7/8", &s, NULL));
  plain = ds_signature_to_string (&s);
  g_assert_cmpstr (plain, ==, "7/8");
  g_assert_true (ds_meter_parse_signature ("7/8:3+2+2", &s, NULL));
  grouped = ds_signature_to_string (&s);
  g_assert_cmpstr (grouped, ==, "7/8:3+2+2");
}

static void
test_rejects_bad_text (void)
{
  const char *bad[] = { "", "4", "4/", "/4", "4/5", "0/4", "33/4", "4/4x", "7/8:2+2",
                        "7/8:2+2+", "7/8:", "7/8:0+7" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      DsSignature s;

      g_assert_false (ds_meter_parse_signature (bad[i], &s, &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "meter '"));
    }
}

static void
test_rejects_uneven_grid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = ds_meter_new_bars ("4/4", 10, 1, &error);

  g_assert_null (meter);
  g_assert_error (error, DS_METER_ERROR, DS_METER_ERROR_GRID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/meter/weights/4-4", test_weights_4_4);
  g_test_add_func ("/meter/weights/6-8", test_weights_6_8);
  g_test_add_func ("/meter/weights/3-4", test_weights_3_4);
  g_test_add_func ("/meter/weights/12-8", test_weights_12_8);
  g_test_add_func ("/meter/weights/2-4", test_weights_2_4);
  g_test_add_func ("/meter/weights/7-8-2-2-3", test_weights_7_8);
  g_test_add_func ("/meter/weights/5-4", test_weights_5_4);
  g_test_add_func ("/meter/weights/given-grouping", test_weights_given_grouping);
  g_test_add_func ("/meter/beats", test_beats);
  g_test_add_func ("/meter/bars-for-length", test_for_length);
  g_test_add_func ("/meter/thirty-seconds-get-a-step-each", test_thirty_seconds_for_length);
  g_test_add_func ("/meter/changing-meter", test_changing_meter);
  g_test_add_func ("/meter/signature-text", test_signature_text);
  g_test_add_func ("/meter/rejects-bad-text", test_rejects_bad_text);
  g_test_add_func ("/meter/rejects-uneven-grid", test_rejects_uneven_grid);
  return g_test_run ();
}
