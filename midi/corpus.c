/* corpus.c: a folder of drum loops as training contexts (see corpus.h). */
#include "autoconfig.h"

#include "midi/corpus.h"
#include "midi/loop-bars.h"

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

DsBars *
ds_corpus_load (const char *dir, const DsImportOptions *options, const char *const *names,
                guint n_voices, guint length, GPtrArray *notices, GError **error)
{
  g_autoptr (GPtrArray) files = ds_corpus_list (dir, FALSE, error);
  g_autoptr (DsBars) corpus = NULL;
  GArray *patterns;

  if (files == NULL)
    return NULL;
  patterns = g_array_new (FALSE, FALSE, sizeof (DsPattern));
  corpus = g_new0 (DsBars, 1);
  corpus->n_voices = n_voices;
  corpus->length = length;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autoptr (GError) local = NULL;
      g_autoptr (DsLoop) loop = ds_midi_import_file (path, options, &local);
      g_autoptr (DsBars) bars = NULL;

      if (loop != NULL)
        bars = ds_loop_bars_new (loop, names, n_voices, length, &local);
      if (bars == NULL)
        {
          if (notices != NULL)
            g_ptr_array_add (notices, g_strdup_printf ("%s (left out of the corpus)",
                                                       local->message));
          continue;
        }
      if (bars->merged > 0 && notices != NULL)
        g_ptr_array_add (notices, g_strdup_printf ("%s: %u onset%s merged on the grid of %u "
                                                   "steps a bar", path, bars->merged,
                                                   bars->merged == 1 ? "" : "s", length));
      g_array_append_vals (patterns, bars->patterns, bars->n_bars * n_voices);
      corpus->n_bars += bars->n_bars;
      corpus->merged += bars->merged;
    }
  corpus->patterns = (DsPattern *) (gpointer) g_array_free (patterns, FALSE);
  if (corpus->n_bars == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "%s: no MIDI loop in the corpus folder could be imported (%u .mid files)",
                   dir, files->len);
      return NULL;
    }
  return g_steal_pointer (&corpus);
}
