/* style-learn.c: fitting a style from MIDI loops and judging loops by one
 * (see style-learn.h). */
#include "autoconfig.h"

#include "midi/style-learn.h"

/* Feeds every bar of one loop to ADD (a fit's or an eval's add_bar). */
typedef gboolean (*AddBar) (gpointer target, const DsSignature *signature,
                            const DsPattern *voices, gboolean continues, GError **error);

/* The patterns of the voices NAMES in every bar of LOOP (bar-major), or NULL
 * when a bar is longer than a pattern holds. */
static DsPattern *
loop_patterns (const DsLoop *loop, const char *const *names, guint n, GError **error)
{
  guint n_bars = ds_loop_n_bars (loop);
  g_autofree DsPattern *patterns = g_new (DsPattern, (gsize) n_bars * n);

  for (guint b = 0; b < n_bars; b++)
    {
      guint steps = ds_loop_bar (loop, b)->steps;

      if (steps > DS_PATTERN_MAX_STEPS)
        {
          g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_METER,
                       "%s: bar %u has %u steps, more than the %u a pattern holds",
                       ds_loop_name (loop), b + 1, steps, DS_PATTERN_MAX_STEPS);
          return NULL;
        }
      for (guint v = 0; v < n; v++)
        ds_pattern_init (&patterns[(gsize) b * n + v], steps);
    }
  for (guint v = 0; v < n; v++)
    {
      int lv = ds_loop_find_voice (loop, names[v]);
      guint n_onsets = 0;
      const DsOnset *onsets = lv >= 0 ? ds_loop_onsets (loop, (guint) lv, &n_onsets) : NULL;

      for (guint i = 0; i < n_onsets; i++)
        {
          guint b = ds_loop_bar_of_step (loop, onsets[i].step);

          ds_pattern_set (&patterns[(gsize) b * n + v],
                          onsets[i].step - ds_loop_bar (loop, b)->start, TRUE);
        }
    }
  return g_steal_pointer (&patterns);
}

/* Imports every file of PATHS and gives its bars to ADD; the number of files
 * that imported in *N_LOOPS. */
static gboolean
feed (const GPtrArray *paths, const DsImportOptions *options, const char *const *names,
      guint n, AddBar add, gpointer target, GPtrArray *notices, guint *n_loops, GError **error)
{
  *n_loops = 0;
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autoptr (GError) local = NULL;
      g_autoptr (DsLoop) loop = ds_midi_import_file (path, options, &local);
      g_autofree DsPattern *patterns = NULL;

      if (loop != NULL)
        patterns = loop_patterns (loop, names, n, &local);
      if (patterns == NULL)
        {
          if (notices != NULL)
            g_ptr_array_add (notices, g_strdup_printf ("%s (left out)", local->message));
          continue;
        }
      for (guint b = 0; b < ds_loop_n_bars (loop); b++)
        if (!add (target, &ds_loop_bar (loop, b)->signature, &patterns[(gsize) b * n], b > 0,
                  &local))
          {
            g_set_error (error, local->domain, local->code, "%s: bar %u: %s", path, b + 1,
                         local->message);
            return FALSE;
          }
      (*n_loops)++;
    }
  if (*n_loops == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "none of the %u MIDI files could be imported", paths->len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fit_add (gpointer target, const DsSignature *signature, const DsPattern *voices,
         gboolean continues, GError **error)
{
  return ds_style_fit_add_bar (target, signature, voices, continues, error);
}

static gboolean
eval_add (gpointer target, const DsSignature *signature, const DsPattern *voices,
          gboolean continues, GError **error)
{
  return ds_style_eval_add_bar (target, signature, voices, continues, error);
}

DsStyle *
ds_style_learn (const GPtrArray *paths, const DsImportOptions *options, const char *const *names,
                guint n_voices, const char *name, GPtrArray *notices, guint *n_loops,
                GError **error)
{
  g_autoptr (DsStyleFit) fit = ds_style_fit_new (names, n_voices, options->steps_per_quarter,
                                                 error);
  guint loops;

  if (fit == NULL || !feed (paths, options, names, n_voices, fit_add, fit, notices, &loops, error))
    return NULL;
  if (n_loops != NULL)
    *n_loops = loops;
  return ds_style_fit_finish (fit, name, error);
}

gboolean
ds_style_judge (const DsStyle *style, const GPtrArray *paths, const DsImportOptions *options,
                const char *const *names, guint n_voices, guint64 seed, GPtrArray *notices,
                DsStyleEvalResult *result, GError **error)
{
  g_autoptr (DsStyleEval) eval = ds_style_eval_new (style, names, n_voices, seed, error);
  const char *all[DS_STYLE_MAX_VOICES];
  guint loops;

  if (eval == NULL)
    return FALSE;
  for (guint v = 0; v < ds_style_n_voices (style); v++)
    all[v] = ds_style_voice_name (style, v);
  if (!feed (paths, options, all, ds_style_n_voices (style), eval_add, eval, notices, &loops,
             error))
    return FALSE;
  ds_style_eval_result (eval, result);
  return TRUE;
}
