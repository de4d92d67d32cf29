/* cli.c: shared helpers of the subcommands (see cli.h). */
#include "autoconfig.h"

#include "src/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
ds_cli_fail (const GError *error)
{
  fprintf (stderr, "drumswarm: %s\n", error != NULL ? error->message : "unknown error");
  return DS_EXIT_FAILURE;
}

int
ds_cli_usage (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    fprintf (stderr, "drumswarm: %s: %s (see 'drumswarm help %s')\n", command, message, command);
  else
    fprintf (stderr, "drumswarm: %s (see 'drumswarm --help')\n", message);
  return DS_EXIT_USAGE;
}

gboolean
ds_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv,
              int *status)
{
  g_autoptr (GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  *status = ds_cli_usage (command, "%s", error->message);
  return FALSE;
}

void
ds_cli_notices (const GPtrArray *notices)
{
  for (guint i = 0; notices != NULL && i < notices->len; i++)
    fprintf (stderr, "drumswarm: %s\n", (const char *) notices->pdata[i]);
}

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
ds_cli_suggest (const char *name, const char *const *candidates, guint n)
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

int
ds_cli_threads (int threads)
{
  const char *env = g_getenv ("OMP_NUM_THREADS");

  if (threads > 0)
    return threads;
  if (env != NULL && atoi (env) > 0)
    return atoi (env);
  return (int) g_get_num_processors ();
}
