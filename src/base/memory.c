/* memory.c: how much memory this process may take (see memory.h). */
#include "autoconfig.h"

#include "src/base/memory.h"

#include <string.h>
#include <unistd.h>

/* The lowest memory limit of the control group at PATH (under ROOT, the limit
 * in each group's file FILE) and of the groups above it, or MEMORY if lower. */
static double
group_limit (const char *root, const char *path, const char *file, double memory)
{
  g_autofree char *group = g_strdup (path);

  for (;;)
    {
      g_autofree char *name = g_build_filename (root, group, file, NULL);
      g_autofree char *text = NULL;
      char *slash;
      guint64 limit;

      /* "max" or a number (v1 says "none" with a number near 2^63) */
      if (g_file_get_contents (name, &text, NULL, NULL)
          && g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, G_MAXUINT64, &limit, NULL)
          && (memory == 0.0 || (double) limit < memory))
        memory = (double) limit;
      slash = strrchr (group, '/');
      if (slash == NULL || group[0] == '\0' || strcmp (group, "/") == 0)
        return memory;
      *slash = '\0';
    }
}

double
ds_memory_limit (void)
{
  long pages = sysconf (_SC_PHYS_PAGES), size = sysconf (_SC_PAGESIZE);
  double memory = pages > 0 && size > 0 ? (double) pages * size : 0.0;
  g_autofree char *groups = NULL;
  g_auto (GStrv) lines = NULL;

  /* lines "ID:CONTROLLERS:PATH": "0::PATH" for cgroup v2, "N:memory:PATH" for v1 */
  if (!g_file_get_contents ("/proc/self/cgroup", &groups, NULL, NULL))
    return memory;
  lines = g_strsplit (groups, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ":", 3);
      g_auto (GStrv) controllers = NULL;

      if (g_strv_length (f) != 3)
        continue;
      controllers = g_strsplit (f[1], ",", -1);
      if (strcmp (f[0], "0") == 0 && f[1][0] == '\0')
        memory = group_limit ("/sys/fs/cgroup", f[2], "memory.max", memory);
      else if (g_strv_contains ((const char *const *) controllers, "memory"))
        memory = group_limit ("/sys/fs/cgroup/memory", f[2], "memory.limit_in_bytes", memory);
    }
  return memory;
}
