/* test-plot.c: the session picture is well-formed SVG showing curves and grid. */
#include "autoconfig.h"

#include "src/session/plot.h"

#include <string.h>

typedef struct {
  guint polylines, onset_cells, accent_cells, rest_cells, bar_lines;
} Counts;

static void
count_element (GMarkupParseContext *context, const char *element, const char **names,
               const char **values, gpointer user_data, GError **error)
{
  Counts *counts = user_data;

  if (strcmp (element, "polyline") == 0)
    counts->polylines++;
  if (strcmp (element, "line") == 0)
    counts->bar_lines++;
  if (strcmp (element, "rect") == 0)
    for (guint i = 0; names[i] != NULL; i++)
      if (strcmp (names[i], "fill") == 0)
        {
          counts->onset_cells += strcmp (values[i], "#5a5a5a") == 0;
          counts->accent_cells += strcmp (values[i], "#1b1b1b") == 0;
          counts->rest_cells += strcmp (values[i], "#f2f2f2") == 0;
        }
}

static void
test_curves_and_grid (void)
{
  const GMarkupParser parser = { .start_element = count_element };
  const double kick[] = { 0.1, 0.4, 0.8, 0.9 }, snare[] = { 0.2, 0.5, 0.6, 1.0 };
  const DsPlotSeries series[] = { { "kick", kick, 4 }, { "snare <&>", snare, 4 } };
  const guint bars[] = { 0, 8 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autofree char *svg = NULL;
  Counts counts = { 0 };
  DsVoices voices;

  g_assert_true (ds_voices_parse ("kick=X...x...|x...x...,snare=....x.......x...", &voices, NULL));
  svg = ds_plot_svg ("session <loop.mid>", series, 2, &voices, bars, 2);
  context = g_markup_parse_context_new (&parser, 0, &counts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.polylines, ==, 2);
  g_assert_cmpuint (counts.accent_cells, ==, 1);
  g_assert_cmpuint (counts.onset_cells, ==, 5);
  g_assert_cmpuint (counts.rest_cells, ==, 32 - 6);
  g_assert_cmpuint (counts.bar_lines, ==, 2);
}

static void
test_write_reports_bad_path (void)
{
  g_autoptr (GError) error = NULL;
  DsVoices voices;

  g_assert_true (ds_voices_parse ("x...", &voices, NULL));
  g_assert_false (ds_plot_write ("/nonexistent/dir/plot.svg", "t", NULL, 0, &voices, NULL, 0,
                                 &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/dir/plot.svg: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/curves-and-grid", test_curves_and_grid);
  g_test_add_func ("/plot/write-reports-bad-path", test_write_reports_bad_path);
  return g_test_run ();
}
