/* data.h: the data files that ship with drumswarm (the bundled style, later
 * the general model), found wherever the program runs from.
 *
 * A bundled file NAME is looked for, in this order, in
 *   1. $DRUMSWARM_DATADIR (when set and not empty),
 *   2. the installed data folder, $(pkgdatadir) (/usr/local/share/drumswarm
 *      for the default prefix),
 *   3. the source tree's examples/ folder, so that a program run from its
 *      build tree (as the README's first command does) finds the files that
 *      are not installed yet.
 * The first folder that holds a regular file NAME wins; when none does, the
 * error lists every place looked in.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_DATA_ERROR (ds_data_error_quark ())
typedef enum {
  DS_DATA_ERROR_NOT_FOUND, /* no folder holds the file */
  DS_DATA_ERROR_NAME,      /* a name that is not a plain file name */
} DsDataError;

GQuark ds_data_error_quark (void);

/* The path of the bundled file NAME (a plain file name, no '/'), or NULL with
 * an error naming the folders looked in. */
char *ds_data_find (const char *name, GError **error);

/* The folders ds_data_find looks in, in order (NULL-terminated; g_strfreev). */
char **ds_data_dirs (void);

G_END_DECLS
