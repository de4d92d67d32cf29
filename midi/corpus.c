/* corpus.c: a folder of drum loops as training contexts (see corpus.h). */
#include "autoconfig.h"

#include "midi/corpus.h"
#include "midi/loop-bars.h"
#include "src/rhythm/resample.h"

#include <errno.h>
#include <string.h>

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
is_midi_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".mid") || g_str_has_suffix (lower, ".midi");
}

static gboolean
list_into (const char *dir, gboolean recursive, GPtrArray *files, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) handle = g_dir_open (dir, 0, &local);
  const char *name;

  if (handle == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: cannot read the corpus folder (%s)",
                   dir, g_strerror (local->code == G_FILE_ERROR_NOENT ? ENOENT
                                    : local->code == G_FILE_ERROR_NOTDIR ? ENOTDIR : EACCES));
      return FALSE;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (recursive && g_file_test (path, G_FILE_TEST_IS_DIR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          if (!list_into (path, TRUE, files, error))
            return FALSE;
        }
      else if (is_midi_name (name))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  return TRUE;
}

GPtrArray *
ds_corpus_list (const char *dir, gboolean recursive, GError **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (!list_into (dir, recursive, files, error))
    return NULL;
  g_ptr_array_sort (files, compare_names);
  return g_steal_pointer (&files);
}

gboolean
ds_corpus_fit_steps (const DsSignature *grid, guint length, const DsSignature *from,
                     guint *steps, GError **error)
{
  /* LENGTH steps a bar of GRID: a bar of FROM has LENGTH x FROM / GRID of them */
  guint64 num = (guint64) length * from->numerator * grid->denominator;
  guint64 den = (guint64) from->denominator * grid->numerator;

  if (num % den != 0 || num / den == 0 || num / den > DS_PATTERN_MAX_STEPS)
    {
      g_autofree char *a = ds_signature_to_string (from), *b = ds_signature_to_string (grid);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "a bar of %s is no whole number of steps (1 to %u) of the model's grid, "
                   "%u steps a bar of %s", a, DS_PATTERN_MAX_STEPS, length, b);
      return FALSE;
    }
  *steps = (guint) (num / den);
  return TRUE;
}

/* Bar B of LOOP (a bar of the corpus meter) into the corpus: each voice on
 * STEPS steps (the corpus meter's bar on the model's step), then cut to LENGTH
 * or continued by its own start up to it; FALSE when no voice plays in it. */
static gboolean
take_bar (const DsLoop *loop, guint b, const char *const *names, guint n_voices, guint steps,
          guint length, GArray *patterns, guint *merged)
{
  DsPattern bar[DS_VOICES_MAX];
  guint onsets = 0;

  for (guint v = 0; v < n_voices; v++)
    {
      DsPattern own, fitted;

      ds_loop_bars_voice (loop, names[v], b, &own);
      *merged += ds_resample_pattern (&own, steps, &fitted);
      ds_pattern_init (&bar[v], length);
      for (guint k = 0; k < length; k++)
        if (ds_pattern_get (&fitted, k % steps))
          ds_pattern_set_accent (&bar[v], k, ds_pattern_get_accent (&fitted, k % steps));
      onsets += ds_pattern_count (&bar[v]);
    }
  if (onsets == 0)
    return FALSE;
  g_array_append_vals (patterns, bar, n_voices);
  return TRUE;
}

DsBars *
ds_corpus_load_files (const GPtrArray *paths, const DsImportOptions *options,
                      const char *const *names, guint n_voices, const DsBar *grid,
                      guint length, const DsSignature *from, DsCorpusCount *count,
                      GPtrArray *notices, GError **error)
{
  g_autoptr (DsBars) corpus = g_new0 (DsBars, 1);
  g_autoptr (GArray) patterns = g_array_new (FALSE, FALSE, sizeof (DsPattern));
  guint steps;

  *count = (DsCorpusCount) { 0 };
  if (from == NULL)
    from = &grid->signature;
  if (!ds_corpus_fit_steps (&grid->signature, grid->steps, from, &steps, error))
    return NULL;
  corpus->n_voices = n_voices;
  corpus->length = length;
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autoptr (GError) local = NULL;
      g_autoptr (DsLoop) loop = ds_midi_import_file (path, options, &local);
      guint merged = 0;

      if (loop == NULL)
        {
          if (notices != NULL)
            g_ptr_array_add (notices, g_strdup_printf ("%s (left out of the corpus)",
                                                       local->message));
          continue;
        }
      count->files++;
      for (guint b = 0; b < ds_loop_n_bars (loop); b++)
        if (!ds_signature_same_meter (&ds_loop_bar (loop, b)->signature, from))
          count->other_meter++;
        else if (!take_bar (loop, b, names, n_voices, steps, length, patterns, &merged))
          count->empty++;
      if (merged > 0 && notices != NULL)
        g_ptr_array_add (notices, g_strdup_printf ("%s: %u onset%s merged on the grid of %u "
                                                   "steps a bar", path, merged,
                                                   merged == 1 ? "" : "s", steps));
      corpus->merged += merged;
    }
  corpus->n_bars = patterns->len / MAX (n_voices, 1u);
  count->bars = corpus->n_bars;
  corpus->patterns = (DsPattern *) (gpointer) g_array_free (g_steal_pointer (&patterns), FALSE);
  if (corpus->n_bars == 0)
    {
      g_autofree char *meter = ds_signature_to_string (from);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "no bar of %s with a hit of the voices to learn from in the corpus "
                   "(%u of %u MIDI files imported; %u bars of other meters, %u empty)",
                   meter, count->files, paths->len, count->other_meter, count->empty);
      return NULL;
    }
  return g_steal_pointer (&corpus);
}
