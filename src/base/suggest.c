/* suggest.c: the closest known name to a mistyped one (see suggest.h). */
#include "autoconfig.h"

#include "src/base/suggest.h"

#include <string.h>

static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1),
                        diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u));
          diagonal = up;
        }
    }
  return row[lb];
}

const char *
ds_suggest (const char *name, const char *const *candidates, guint n)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      guint d = g_str_has_prefix (candidates[i], name) && name[0] != '\0'
                    ? 0 : edit_distance (name, candidates[i]);

      if (d < best_distance)
        {
          best_distance = d;
          best = candidates[i];
        }
    }
  return best_distance <= MAX (2u, (guint) strlen (name) / 3) ? best : NULL;
}
