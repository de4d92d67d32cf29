/* test-relation.c: every relation on hand-worked pairs of 8-step patterns. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/rhythm/relation.h"

static double
value_of (const char *name, const char *argument, const char *a, const char *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsMeter) meter = NULL;
  DsPattern pa, pb;
  DsRelation relation;

  g_assert_true (ds_pattern_parse (a, &pa, &error));
  g_assert_true (ds_pattern_parse (b, &pb, &error));
  meter = ds_meter_new_for_length ("4/4", pa.length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds_relation_find (name));
  if (!ds_relation_init (&relation, ds_relation_find (name), argument, pa.length, meter,
                         &error))
    g_error ("%s: %s", name, error->message);
  return ds_relation_value (&relation, &pa, &pb);
}

static void
assert_value (const char *name, const char *argument, const char *a, const char *b,
              double expected)
{
  double v = value_of (name, argument, a, b);

  if (fabs (v - expected) > 1e-12)
    g_error ("%s(%s) of %s against %s: got %.17g, expected %.17g", name,
             argument != NULL ? argument : "", a, b, v, expected);
}

/* The 2020 study: mean |a - b|; its best case 1, its worst 0 (raw -1). */
static void
test_anti_coincidence (void)
{
  g_autoptr (GError) error = NULL;
  DsRelation relation;
  DsPattern a, b;
  double raw;

  assert_value ("anti-coincidence", NULL, ".xxx.xxx", "x...x...", 1.0);
  assert_value ("anti-coincidence", NULL, "x...x...", "x...x...", 0.0);
  assert_value ("anti-coincidence", NULL, "x.x.x...", "x...x...", 0.125);
  g_assert_true (ds_relation_init (&relation, ds_relation_find ("anti-coincidence"), NULL, 8,
                                   NULL, &error));
  ds_pattern_parse ("x...x...", &a, NULL);
  ds_pattern_parse ("x...x...", &b, NULL);
  g_assert_true (ds_relation_raw (&relation, &a, &b, &raw, &error));
  g_assert_cmpfloat (raw, ==, -1.0);
}

/* Coincidence: 2 of the snare's 4 onsets land on the kick's. */
static void
test_coincidence (void)
{
  assert_value ("coincidence", NULL, "x.x.x.x.", "x...x...", 0.5);
  assert_value ("coincidence", NULL, "x...x...", "x.x.x.x.", 1.0);
  assert_value ("coincidence", NULL, "........", "x.x.x.x.", 0.0);
}

/* Interlock: union x.x.x.x. has 4 sounding steps, 2 of them shared: 2/4. */
static void
test_interlock (void)
{
  assert_value ("interlock", NULL, "x.x.x.x.", "x...x...", 0.5);
  assert_value ("interlock", NULL, ".x.x.x.x", "x.x.x.x.", 1.0); /* a hocket */
  assert_value ("interlock", NULL, "x...x...", "x...x...", 0.0);
  /* unlike anti-coincidence, it does not reward density for its own sake */
  assert_value ("interlock", NULL, ".x......", "x.......", 1.0);
  assert_value ("interlock", NULL, "........", "........", 0.0);
}

/* Density ratio: 4 onsets against 2 is 2; toward 2 that scores 1, toward 1 it
 * scores 1/2, toward 4 also 1/2. */
static void
test_density_ratio (void)
{
  assert_value ("density-ratio", "2", "x.x.x.x.", "x...x...", 1.0);
  assert_value ("density-ratio", NULL, "x.x.x.x.", "x...x...", 0.5);
  assert_value ("density-ratio", "4", "x.x.x.x.", "x...x...", 0.5);
  assert_value ("density-ratio", "2", "x.x.x.x.", "........", 0.0);
}

/* Similarity: 1 - Hamming / L; x.x.x.x. and x...x... differ at 2 of 8 steps. */
static void
test_similarity (void)
{
  assert_value ("similarity", NULL, "x.x.x.x.", "x...x...", 0.75);
  assert_value ("similarity", NULL, "x...x...", "x...x...", 1.0);
  assert_value ("similarity", NULL, "xxxxxxxx", "........", 0.0);
}

/* Echo: the response repeats the call LAG steps later. */
static void
test_echo (void)
{
  assert_value ("echo", "2", "..x.....", "x.......", 1.0);
  assert_value ("echo", "4", "....x...", "x.......", 1.0); /* default lag 4 too: */
  assert_value ("echo", NULL, "....x...", "x.......", 1.0);
  assert_value ("echo", "1", "..x.....", "x.......", 0.0);
  /* x.x..... delayed 1 is .x.x....; against .x...... they share 1: 1/sqrt(1*2) */
  assert_value ("echo", "1", ".x......", "x.x.....", 1.0 / sqrt (2.0));
  /* cyclic: the call at 6 answers at 0 two steps later */
  assert_value ("echo", "2", "x.......", "......x.", 1.0);
}

/* Union: a measure of both voices together: density of x.x.x.x. is 0.5. */
static void
test_union (void)
{
  assert_value ("union", "density", "x...x...", "..x...x.", 0.5);
  assert_value ("union", "density", "x...x...", "x...x...", 0.25);
}

/* Bad arguments name the relation and what was expected. */
static void
test_bad_arguments (void)
{
  g_autoptr (GError) error = NULL;
  DsRelation relation;

  g_assert_false (ds_relation_init (&relation, ds_relation_find ("echo"), "9", 8, NULL,
                                    &error));
  g_assert_nonnull (strstr (error->message, "echo: expected a LAG of 0 to 7"));
  g_clear_error (&error);
  g_assert_false (ds_relation_init (&relation, ds_relation_find ("density-ratio"), "-1", 8,
                                    NULL, &error));
  g_assert_nonnull (strstr (error->message, "positive TARGET"));
  g_clear_error (&error);
  g_assert_false (ds_relation_init (&relation, ds_relation_find ("union"), "lhl", 8, NULL,
                                    &error));
  g_assert_nonnull (strstr (error->message, "union needs a meter"));
  g_clear_error (&error);
  g_assert_false (ds_relation_init (&relation, ds_relation_find ("similarity"), "3", 8, NULL,
                                    &error));
  g_assert_nonnull (strstr (error->message, "similarity takes only the other voice"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/relation/anti-coincidence", test_anti_coincidence);
  g_test_add_func ("/relation/coincidence", test_coincidence);
  g_test_add_func ("/relation/interlock", test_interlock);
  g_test_add_func ("/relation/density-ratio", test_density_ratio);
  g_test_add_func ("/relation/similarity", test_similarity);
  g_test_add_func ("/relation/echo", test_echo);
  g_test_add_func ("/relation/union", test_union);
  g_test_add_func ("/relation/bad-arguments-are-named", test_bad_arguments);
  return g_test_run ();
}
