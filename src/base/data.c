/* data.c: finding the bundled data files (see data.h). */
#include "autoconfig.h"

#include "src/base/data.h"

#include <string.h>

G_DEFINE_QUARK (ds-data-error-quark, ds_data_error)

char **
ds_data_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new ();
  const char *env = g_getenv ("DRUMSWARM_DATADIR");

  if (env != NULL && env[0] != '\0')
    g_ptr_array_add (dirs, g_strdup (env));
  g_ptr_array_add (dirs, g_strdup (DS_PKGDATADIR));
  g_ptr_array_add (dirs, g_build_filename (DS_SRCDIR, "examples", NULL));
  g_ptr_array_add (dirs, NULL);
  return (char **) g_ptr_array_free (dirs, FALSE);
}

char *
ds_data_find (const char *name, GError **error)
{
  g_auto (GStrv) dirs = NULL;
  g_autofree char *looked = NULL;

  if (name == NULL || name[0] == '\0' || strchr (name, '/') != NULL || strcmp (name, ".") == 0
      || strcmp (name, "..") == 0)
    {
      g_set_error (error, DS_DATA_ERROR, DS_DATA_ERROR_NAME,
                   "'%s' is not the name of a bundled file (a plain file name, without '/')",
                   name != NULL ? name : "");
      return NULL;
    }
  dirs = ds_data_dirs ();
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  looked = g_strjoinv (", ", dirs);
  g_set_error (error, DS_DATA_ERROR, DS_DATA_ERROR_NOT_FOUND,
               "bundled file '%s' not found (looked in %s; set DRUMSWARM_DATADIR to the "
               "folder that holds it)", name, looked);
  return NULL;
}
