/* plot.h: a training report as a standalone SVG picture (`session --plot`).
 *
 * The picture has two panels: the learning curves (one polyline per series,
 * e.g. each agent voice's mean score per training iteration) and the final grid
 * (one row per voice, a filled cell per onset, a darker cell per accent, bar
 * lines).  Hand-written SVG 1.1: it opens in any browser or vector editor.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/voices.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;      /* legend text */
  const double *values;  /* one value per iteration */
  guint n_values;
} DsPlotSeries;

/* The SVG text for SERIES (N_SERIES curves over the iterations) above the grid
 * VOICES with `|` bar lines at BAR_STARTS (N_BARS entries, may be 0); TITLE
 * heads the picture. */
char *ds_plot_svg (const char *title, const DsPlotSeries *series, guint n_series,
                   const DsVoices *voices, const guint *bar_starts, guint n_bars);

/* Writes ds_plot_svg() to PATH atomically. */
gboolean ds_plot_write (const char *path, const char *title, const DsPlotSeries *series,
                        guint n_series, const DsVoices *voices, const guint *bar_starts,
                        guint n_bars, GError **error);

G_END_DECLS
