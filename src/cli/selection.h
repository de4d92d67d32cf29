/* selection.h: the options that choose loops within a folder, shared by the
 * commands that learn from a corpus (`style learn`, `style eval`, `train
 * --corpus`): --list FILE, or --info CSV with --where COLUMN=VALUE conditions
 * (midi/corpus.h, ds_corpus_select). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *list;
  char *info;
  char **where;
} DsCliSelection;

/* Adds --list, --info and --where to CONTEXT, filling SELECTION. */
void ds_cli_selection_add_entries (DsCliSelection *selection, GOptionContext *context);

/* Whether one was given. */
gboolean ds_cli_selection_given (const DsCliSelection *selection);

/* The usage error of COMMAND's selection options (both --list and --info,
 * --where without --info), printed, or DS_EXIT_OK. */
int ds_cli_selection_check (const DsCliSelection *selection, const char *command);

/* The loops of DIR that SELECTION chooses, sorted by path (without --list or
 * --info: every loop under DIR, subfolders too when RECURSIVE); an error when
 * none. */
GPtrArray *ds_cli_selection_files (const DsCliSelection *selection, const char *dir,
                                   gboolean recursive, GError **error);

void ds_cli_selection_clear (DsCliSelection *selection);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DsCliSelection, ds_cli_selection_clear)

G_END_DECLS
