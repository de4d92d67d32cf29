/* selection.c: the options that choose loops within a folder (see selection.h). */
#include "autoconfig.h"

#include "src/cli/selection.h"

#include "midi/corpus.h"
#include "src/cli/cli.h"

void
ds_cli_selection_add_entries (DsCliSelection *s, GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "list", 'l', 0, G_OPTION_ARG_FILENAME, &s->list,
      "Take only the loops this file names (one path a line, relative to DIR)", "FILE" },
    { "info", 'i', 0, G_OPTION_ARG_FILENAME, &s->info,
      "Take the loops of a CSV table of them (its column midi_filename, filename, file or "
      "path; relative to DIR)", "CSV" },
    { "where", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &s->where,
      "Only the table's rows whose COLUMN is VALUE (repeatable; all must hold)",
      "COLUMN=VALUE" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

gboolean
ds_cli_selection_given (const DsCliSelection *s)
{
  return s->list != NULL || s->info != NULL || s->where != NULL;
}

int
ds_cli_selection_check (const DsCliSelection *s, const char *command)
{
  if (s->list != NULL && s->info != NULL)
    return ds_cli_usage (command, "give --list or --info, not both");
  if (s->where != NULL && s->info == NULL)
    return ds_cli_usage (command, "--where selects rows of an --info table; give one");
  return DS_EXIT_OK;
}

GPtrArray *
ds_cli_selection_files (const DsCliSelection *s, const char *dir, gboolean recursive,
                        GError **error)
{
  DsCorpusSelection selection = { s->list, s->info, (const char *const *) s->where };
  g_autoptr (GPtrArray) files = NULL;

  if (s->list != NULL || s->info != NULL || recursive)
    files = ds_corpus_select (dir, &selection, error);
  else
    files = ds_corpus_list (dir, FALSE, error);
  if (files == NULL)
    return NULL;
  if (files->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: %s", dir,
                   s->list != NULL || s->info != NULL ? "the selection names no MIDI file"
                                                      : "no MIDI file in the folder");
      return NULL;
    }
  return g_steal_pointer (&files);
}

void
ds_cli_selection_clear (DsCliSelection *s)
{
  g_clear_pointer (&s->list, g_free);
  g_clear_pointer (&s->info, g_free);
  g_clear_pointer (&s->where, g_strfreev);
}
