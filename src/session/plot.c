/* plot.c: learning curves and the final grid as SVG (see plot.h). */
#include "autoconfig.h"

#include "src/session/plot.h"
#include "src/base/file.h"

#include <math.h>
#include <string.h>

#define WIDTH 760.0
#define MARGIN 56.0
#define CURVE_HEIGHT 260.0
#define ROW_HEIGHT 26.0

static const char *const colours[] = { "#d1495b", "#00798c", "#edae49", "#30638e",
                                       "#66a182", "#8d96a3", "#2e4057", "#a05195" };

static void
escape_append (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
curve_range (const DsPlotSeries *series, guint n_series, double *lo, double *hi,
             guint *longest)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  *longest = 0;
  for (guint s = 0; s < n_series; s++)
    {
      *longest = MAX (*longest, series[s].n_values);
      for (guint i = 0; i < series[s].n_values; i++)
        if (isfinite (series[s].values[i]))
          {
            *lo = MIN (*lo, series[s].values[i]);
            *hi = MAX (*hi, series[s].values[i]);
          }
    }
  if (!isfinite (*lo))
    {
      *lo = 0.0;
      *hi = 1.0;
    }
  if (*hi - *lo < 1e-9)
    {
      *lo -= 0.5;
      *hi += 0.5;
    }
}

static void
append_curves (GString *out, const DsPlotSeries *series, guint n_series, double top)
{
  double lo, hi, plot_w = WIDTH - 2 * MARGIN, plot_h = CURVE_HEIGHT - 40.0;
  guint longest;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  curve_range (series, n_series, &lo, &hi, &longest);
  g_string_append_printf (out,
      "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#999\"/>\n",
      MARGIN, top, plot_w, plot_h);
  g_string_append_printf (out, "<text x=\"%g\" y=\"%g\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                          MARGIN - 4, top + 10, g_ascii_formatd (a, sizeof a, "%.3g", hi));
  g_string_append_printf (out, "<text x=\"%g\" y=\"%g\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                          MARGIN - 4, top + plot_h, g_ascii_formatd (b, sizeof b, "%.3g", lo));
  g_string_append_printf (out, "<text x=\"%g\" y=\"%g\" font-size=\"11\" text-anchor=\"middle\">"
                          "training iteration (1 to %u)</text>\n",
                          MARGIN + plot_w / 2, top + plot_h + 16, longest);
  for (guint s = 0; s < n_series; s++)
    {
      const char *colour = colours[s % G_N_ELEMENTS (colours)];

      g_string_append_printf (out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                              colour);
      for (guint i = 0; i < series[s].n_values; i++)
        {
          double v = isfinite (series[s].values[i]) ? series[s].values[i] : lo;
          double x = MARGIN + (longest > 1 ? plot_w * i / (longest - 1) : plot_w / 2);
          double y = top + plot_h * (1.0 - (v - lo) / (hi - lo));

          g_string_append_printf (out, "%s,%s ", g_ascii_formatd (a, sizeof a, "%.1f", x),
                                  g_ascii_formatd (b, sizeof b, "%.1f", y));
        }
      g_string_append (out, "\"/>\n");
      g_string_append_printf (out, "<text x=\"%g\" y=\"%g\" font-size=\"12\" fill=\"%s\">",
                              MARGIN + 8 + 110.0 * s, top + plot_h + 32, colour);
      escape_append (out, series[s].name);
      g_string_append (out, "</text>\n");
    }
}

static void
append_grid (GString *out, const DsVoices *voices, const guint *bar_starts, guint n_bars,
             double top)
{
  double cell = voices->length > 0 ? (WIDTH - 2 * MARGIN) / voices->length : 0;

  for (guint v = 0; v < voices->n_voices; v++)
    {
      double y = top + v * ROW_HEIGHT;

      g_string_append_printf (out, "<text x=\"%g\" y=\"%g\" font-size=\"12\" text-anchor=\"end\">",
                              MARGIN - 6, y + ROW_HEIGHT * 0.65);
      escape_append (out, voices->names[v][0] != '\0' ? voices->names[v] : "voice");
      g_string_append (out, "</text>\n");
      for (guint k = 0; k < voices->length; k++)
        {
          const DsPattern *p = &voices->patterns[v];
          const char *fill = !ds_pattern_get (p, k) ? "#f2f2f2"
                             : ds_pattern_get_accent (p, k) ? "#1b1b1b" : "#5a5a5a";

          g_string_append_printf (out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                                  "fill=\"%s\" stroke=\"#fff\"/>\n",
                                  MARGIN + k * cell, y + 2, cell, ROW_HEIGHT - 4, fill);
        }
    }
  for (guint b = 0; b < n_bars; b++)
    g_string_append_printf (out, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" "
                            "stroke=\"#d1495b\" stroke-width=\"2\"/>\n",
                            MARGIN + bar_starts[b] * cell, top,
                            MARGIN + bar_starts[b] * cell, top + voices->n_voices * ROW_HEIGHT);
}

char *
ds_plot_svg (const char *title, const DsPlotSeries *series, guint n_series,
             const DsVoices *voices, const guint *bar_starts, guint n_bars)
{
  GString *out = g_string_new (NULL);
  double grid_top = 40.0 + CURVE_HEIGHT + 20.0;
  double height = grid_top + voices->n_voices * ROW_HEIGHT + 20.0;

  g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" "
                          "font-family=\"sans-serif\">\n"
                          "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
                          WIDTH, height, WIDTH, height);
  g_string_append_printf (out, "<text x=\"%g\" y=\"24\" font-size=\"15\">", MARGIN);
  escape_append (out, title);
  g_string_append (out, "</text>\n");
  append_curves (out, series, n_series, 40.0);
  append_grid (out, voices, bar_starts, n_bars, grid_top);
  g_string_append (out, "</svg>\n");
  return g_string_free (out, FALSE);
}

gboolean
ds_plot_write (const char *path, const char *title, const DsPlotSeries *series,
               guint n_series, const DsVoices *voices, const guint *bar_starts, guint n_bars,
               GError **error)
{
  g_autofree char *svg = ds_plot_svg (title, series, n_series, voices, bar_starts, n_bars);

  return ds_file_write (path, svg, strlen (svg), error);
}
