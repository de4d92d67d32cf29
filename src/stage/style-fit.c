/* style-fit.c: fitting a style: counting the columns of a corpus's bars in
 * their contexts, then calibrating every subset of the voices on the same bars
 * against their shuffles (see style.h). */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/stage/style-private.h"

/* The seed of the calibration's shuffles: a style's file is the same for the
 * same corpus.  Each bar is shuffled a few times, so that a small corpus's
 * random median does not hang on a few draws. */
#define CALIBRATION_SEED 20191002u
#define SHUFFLES 4

struct _DsStyleFit {
  guint n_voices;
  char voices[DS_STYLE_MAX_VOICES][DS_VOICE_NAME_MAX];
  guint resolution;
  guint32 *counts;          /* dense: [class][half][beat][x] */
  GByteArray *history;      /* the columns of the performance so far */
  DsStyleFrames frames;
  GByteArray *columns;      /* every bar's columns, for the calibration */
  GPtrArray *bars;          /* per bar: its frame (in FRAMES) */
  guint n_loops, n_bars;
  guint64 n_steps;
  gboolean any_onset;
};

DsStyleFit *
ds_style_fit_new (const char *const *names, guint n_voices, guint resolution, GError **error)
{
  g_autoptr (DsStyleFit) fit = NULL;

  if (n_voices == 0 || n_voices > DS_STYLE_MAX_VOICES)
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
                   "a style has 1 to %u voices, not %u", DS_STYLE_MAX_VOICES, n_voices);
      return NULL;
    }
  if (resolution == 0 || resolution > DS_STYLE_MAX_RESOLUTION)
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_METER,
                   "a style's grid has 1 to %u steps per quarter note, not %u",
                   DS_STYLE_MAX_RESOLUTION, resolution);
      return NULL;
    }
  fit = g_new0 (DsStyleFit, 1);
  for (guint v = 0; v < n_voices; v++)
    {
      if (!ds_voice_name_is_valid (names[v]))
        {
          g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
                       "'%s' cannot name a voice (letters, digits, '-' and '_')", names[v]);
          return NULL;
        }
      for (guint w = 0; w < v; w++)
        if (strcmp (names[v], names[w]) == 0)
          {
            g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
                         "voice '%s' appears twice", names[v]);
            return NULL;
          }
      g_strlcpy (fit->voices[v], names[v], DS_VOICE_NAME_MAX);
    }
  fit->n_voices = n_voices;
  fit->resolution = resolution;
  fit->counts = g_new0 (guint32, (gsize) DS_STYLE_N_CLASSES << (3 * n_voices));
  fit->history = g_byte_array_new ();
  ds_style_frames_init (&fit->frames, resolution);
  fit->columns = g_byte_array_new ();
  fit->bars = g_ptr_array_new ();
  return g_steal_pointer (&fit);
}

void
ds_style_fit_free (DsStyleFit *fit)
{
  if (fit == NULL)
    return;
  g_free (fit->counts);
  if (fit->history != NULL)
    g_byte_array_unref (fit->history);
  ds_style_frames_clear (&fit->frames);
  if (fit->columns != NULL)
    g_byte_array_unref (fit->columns);
  if (fit->bars != NULL)
    g_ptr_array_unref (fit->bars);
  g_free (fit);
}

gboolean
ds_style_fit_add_bar (DsStyleFit *fit, const DsSignature *signature, const DsPattern *voices,
                      gboolean continues, GError **error)
{
  const DsStyleFrame *frame = ds_style_frames_get (&fit->frames, signature, error);
  guint8 columns[DS_METER_MAX_STEPS + 1];
  guint n = fit->n_voices, base;
  const guint8 *history;

  if (frame == NULL)
    return FALSE;
  ds_style_columns (voices, n, frame->steps, columns);
  if (!continues || fit->n_bars == 0)
    {
      g_byte_array_set_size (fit->history, 0);
      fit->n_loops++;
    }
  base = fit->history->len;
  g_byte_array_append (fit->history, columns, frame->steps);
  history = fit->history->data;
  for (guint j = 0; j < frame->steps; j++)
    {
      guint h, b;

      ds_style_context (frame, history, base + j, j, &h, &b);
      fit->counts[(((gsize) frame->klass[j] << n | h) << n | b) << n | columns[j]]++;
      fit->any_onset = fit->any_onset || columns[j] != 0;
    }
  g_byte_array_append (fit->columns, columns, frame->steps);
  g_ptr_array_add (fit->bars, (gpointer) frame);
  fit->n_bars++;
  fit->n_steps += frame->steps;
  return TRUE;
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  if (n == 0)
    return 0.0;
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return 0.5 * (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2));
}

/* X as the file writes it (six decimals), so that a style fitted and the same
 * style read back score alike, and a last-digit difference between two
 * machines' log2 does not change the file. */
static double
rounded (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.6f", x), NULL);
}

/* The shuffles' stream for the voices of MASK: by their names, so that a
 * subset of the voices is calibrated alike in every style that has them. */
static guint64
stream_of (const DsStyleFit *fit, guint mask)
{
  guint64 hash = 14695981039346656037u; /* FNV-1a */

  for (guint v = 0; v < fit->n_voices; v++)
    if ((mask >> v) & 1)
      for (const char *c = fit->voices[v]; ; c++)
        {
          hash = (hash ^ (guchar) *c) * 1099511628211u;
          if (*c == '\0')
            break;
        }
  return hash;
}

/* The medians of every bar's log2-likelihood per step and of its shuffle's,
 * for the voices of MASK. */
static void
calibrate (const DsStyleFit *fit, DsStyle *style, guint mask)
{
  g_autoptr (GArray) human = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) random = g_array_new (FALSE, FALSE, sizeof (double));
  guint8 project[DS_STYLE_MASKS], columns[DS_METER_MAX_STEPS + 1];
  DsStyleTables tables;
  const guint8 *all = fit->columns->data;
  gsize at = 0;
  DsRng rng;

  ds_style_tables_init (&tables, style, mask);
  for (guint x = 0; x < (1u << fit->n_voices); x++)
    project[x] = (guint8) ds_style_project (x, mask);
  ds_rng_init_stream (&rng, CALIBRATION_SEED, stream_of (fit, mask), 0);
  for (guint i = 0; i < fit->bars->len; i++)
    {
      const DsStyleFrame *frame = fit->bars->pdata[i];
      double bits;

      for (guint j = 0; j < frame->steps; j++)
        columns[j] = project[all[at + j]];
      columns[frame->steps] = 0;
      at += frame->steps;
      if (!ds_style_bar_judgeable (columns, frame->steps, tables.n))
        continue;
      bits = ds_style_bar_log2 (&tables, frame, columns);
      g_array_append_val (human, bits);
      for (guint r = 0; r < SHUFFLES; r++)
        {
          ds_style_shuffle (columns, frame->steps, tables.n, &rng);
          bits = ds_style_bar_log2 (&tables, frame, columns);
          g_array_append_val (random, bits);
        }
    }
  style->random[mask] = rounded (median (random));
  style->human[mask] = rounded (median (human));
  ds_style_tables_clear (&tables);
}

DsStyle *
ds_style_fit_finish (DsStyleFit *fit, const char *name, GError **error)
{
  g_autoptr (DsStyle) style = NULL;
  gsize size = (gsize) DS_STYLE_N_CLASSES << (3 * fit->n_voices);
  guint n_counts = 0;

  if (!ds_style_check_name (name, error))
    return NULL;
  if (!fit->any_onset)
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint v = 0; v < fit->n_voices; v++)
        g_string_append_printf (list, "%s%s", v > 0 ? ", " : "", fit->voices[v]);
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_EMPTY,
                   "no onset of %s in %u bars: nothing to learn a style from", list->str,
                   fit->n_bars);
      return NULL;
    }
  style = g_new0 (DsStyle, 1);
  style->name = g_strdup (name);
  style->n_voices = fit->n_voices;
  memcpy (style->voices, fit->voices, sizeof style->voices);
  style->resolution = fit->resolution;
  style->n_loops = fit->n_loops;
  style->n_bars = fit->n_bars;
  style->n_steps = fit->n_steps;
  for (gsize i = 0; i < size; i++)
    n_counts += fit->counts[i] > 0;
  style->counts = g_new (DsStyleCount, MAX (n_counts, 1u));
  for (gsize i = 0; i < size; i++)
    if (fit->counts[i] > 0)
      style->counts[style->n_counts++] = (DsStyleCount) { (guint32) i, fit->counts[i] };
  for (guint mask = 1; mask < (1u << fit->n_voices); mask++)
    calibrate (fit, style, mask);
  return g_steal_pointer (&style);
}
