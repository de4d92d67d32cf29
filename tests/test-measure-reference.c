/* test-measure-reference.c: every plain-named row of complexity.tsv (values from
 * SynPy3, AMADS and Gomez et al. 2005; the source of each row is its last
 * column, see tests/data/measures/complexity.SOURCES) against drumswarm's raw
 * values: to 1e-9 for integer-valued measures, 1e-6 otherwise.  NAME~variant
 * rows are other conventions and skipped; disputed rows are listed below with
 * the reason. */
#include "autoconfig.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/rhythm/measure.h"

typedef struct {
  const char *measure, *meter, *pattern, *reason;
} Disputed;

/* Rows where the reference and drumswarm's definition part on purpose. */
static const Disputed disputed[] = {
  { NULL, NULL, NULL, NULL },
};

static const Disputed *
find_disputed (const char *measure, const char *meter, const char *pattern)
{
  for (guint i = 0; disputed[i].measure != NULL; i++)
    if (strcmp (disputed[i].measure, measure) == 0 && strcmp (disputed[i].meter, meter) == 0
        && strcmp (disputed[i].pattern, pattern) == 0)
      return &disputed[i];
  return NULL;
}

static void
test_reference_rows (void)
{
  g_autofree char *path = g_build_filename (DS_SRCDIR, "tests", "data", "measures",
                                            "complexity.tsv", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) checked = g_hash_table_new (g_str_hash, g_str_equal);
  guint failures = 0, total = 0, n_disputed = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      g_autoptr (DsMeter) meter = NULL;
      const DsMeasureClass *measure;
      DsPattern pattern;
      double expected, value, tolerance;

      if (lines[i][0] == '\0' || strchr (f[0], '~') != NULL)
        continue;
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      measure = ds_measure_find (f[0]);
      if (measure == NULL)
        g_error ("line %u: no measure '%s'", i + 1, f[0]);
      meter = ds_meter_new_bars (f[1], (guint) atoi (f[2]), 1, &error);
      g_assert_no_error (error);
      g_assert_true (ds_pattern_parse (f[3], &pattern, &error));
      expected = g_ascii_strtod (f[4], NULL);
      if (find_disputed (f[0], f[1], f[3]) != NULL)
        {
          n_disputed++;
          g_test_message ("disputed: %s %s %s: %s", f[0], f[1], f[3],
                          find_disputed (f[0], f[1], f[3])->reason);
          continue;
        }
      if (!ds_measure_raw (measure, &pattern, meter, &value, &error))
        g_error ("line %u: %s %s %s: %s", i + 1, f[0], f[1], f[3], error->message);
      tolerance = measure->integer ? 1e-9 : 1e-6;
      if (fabs (value - expected) > tolerance)
        {
          g_printerr ("line %u: %s %s %s: drumswarm %.17g, reference %s (%s)\n", i + 1, f[0],
                      f[1], f[3], value, f[4], f[5]);
          failures++;
        }
      g_hash_table_insert (checked, (gpointer) measure->name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (checked, measure->name)) + 1));
      total++;
    }
  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const char *name = ds_measure_name (ds_measure_nth (i));

      g_test_message ("%s: %u rows checked", name,
                      GPOINTER_TO_UINT (g_hash_table_lookup (checked, name)));
    }
  g_test_message ("all measures: %u rows checked, %u disputed, %u failed", total, n_disputed,
                  failures);
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (total, >, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/reference/every-plain-row-matches", test_reference_rows);
  return g_test_run ();
}
