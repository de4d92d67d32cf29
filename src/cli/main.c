/* main.c: the drumswarm program: the table of subcommands and the dispatch.
 * Each subcommand lives in src/cli/cmd-NAME.c. */
#include "autoconfig.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agents/mlp.h"
#include "src/base/c-locale.h"
#include "src/base/suggest.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"

const DsCommand *const ds_commands[] = {
  &ds_cmd_score,
  &ds_cmd_show,
  &ds_cmd_convert,
  &ds_cmd_train,
  &ds_cmd_eval,
  &ds_cmd_respond,
  &ds_cmd_session,
  &ds_cmd_style,
  &ds_cmd_mixes,
  &ds_cmd_live,
  &ds_cmd_bench,
  &ds_cmd_help,
  NULL,
};

static void
print_overview (FILE *out)
{
  fprintf (out, "Usage: drumswarm COMMAND [OPTION...] [ARG...]\n\n"
                "Drum agents that learn, by reinforcement learning, to answer a drum loop.\n\n"
                "Commands:\n");
  for (guint i = 0; ds_commands[i] != NULL; i++)
    fprintf (out, "  %-10s %s\n", ds_commands[i]->name, ds_commands[i]->summary);
  fprintf (out, "\nOptions:\n"
                "  -h, --help     show this help\n"
                "  -V, --version  show the version\n\n"
                "'drumswarm help COMMAND' shows a command's options; 'man drumswarm' has it all.\n");
}

static const DsCommand *
find_command (const char *name)
{
  for (guint i = 0; ds_commands[i] != NULL; i++)
    if (strcmp (ds_commands[i]->name, name) == 0)
      return ds_commands[i];
  return NULL;
}

static int
unknown_command (const char *name)
{
  const char *names[32];
  const char *hint;
  guint n = 0;

  for (; n < G_N_ELEMENTS (names) && ds_commands[n] != NULL; n++)
    names[n] = ds_commands[n]->name;
  hint = ds_suggest (name, names, n);
  if (hint != NULL)
    return ds_cli_usage (NULL, "'%s' is not a command; did you mean '%s'?", name, hint);
  return ds_cli_usage (NULL, "'%s' is not a command", name);
}

int
main (int argc, char **argv)
{
  const DsCommand *command;
  g_autofree char *prgname = NULL;

  ds_cli_prefer_passive_waits (argv); /* first: it may run the program again */
  ds_c_locale_init (); /* before any thread starts (c-locale.h) */
  setlocale (LC_ALL, "");
  g_set_prgname ("drumswarm");
  atexit (ds_cli_check_stdout_at_exit);
  if (argc < 2)
    {
      /* a usage error, so one line like every other; --help has the overview */
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; ds_commands[i] != NULL; i++)
        {
          const char *separator = i == 0 ? "" : ds_commands[i + 1] == NULL ? " or " : ", ";

          g_string_append_printf (names, "%s%s", separator, ds_commands[i]->name);
        }
      return ds_cli_usage (NULL, "give a command: %s", names->str);
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_overview (stdout);
      return DS_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      /* the kernels too: a seed's model is the same bytes only on the same ones */
      printf ("drumswarm %s\nkernels %s\n", PACKAGE_VERSION, ds_mlp_kernels ());
      return DS_EXIT_OK;
    }
  if (argv[1][0] == '-')
    return ds_cli_usage (NULL, "unknown option '%s' before the command", argv[1]);
  command = find_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);
  prgname = g_strdup_printf ("drumswarm %s", command->name); /* "Usage: drumswarm score ..." */
  g_set_prgname (prgname);
  return command->run (argc - 1, argv + 1);
}
