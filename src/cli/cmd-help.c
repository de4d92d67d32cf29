/* cmd-help.c: `drumswarm help [COMMAND]`: the overview, or one command's options
 * (the same text as `drumswarm COMMAND --help`). */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "src/base/suggest.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"

static int
help_run (int argc, char **argv)
{
  if (argc < 2)
    {
      printf ("Usage: drumswarm COMMAND [OPTION...] [ARG...]\n\nCommands:\n");
      for (guint i = 0; ds_commands[i] != NULL; i++)
        printf ("  %-10s %s\n", ds_commands[i]->name, ds_commands[i]->summary);
      printf ("\n'drumswarm help COMMAND' shows a command's options.\n");
      return DS_EXIT_OK;
    }
  if (argc > 2)
    return ds_cli_usage ("help", "takes one command name, got %d arguments", argc - 1);
  for (guint i = 0; ds_commands[i] != NULL; i++)
    if (strcmp (ds_commands[i]->name, argv[1]) == 0)
      {
        char *help_argv[] = { argv[1], (char *) "--help", NULL };
        g_autofree char *prgname = NULL;

        if (ds_commands[i] == &ds_cmd_help)
          {
            printf ("Usage: drumswarm help [COMMAND]\n\n%s\n", ds_cmd_help.summary);
            return DS_EXIT_OK;
          }
        prgname = g_strdup_printf ("drumswarm %s", argv[1]);
        g_set_prgname (prgname);
        return ds_commands[i]->run (2, help_argv);
      }
  {
    const char *names[32];
    const char *hint;
    guint n = 0;

    for (; n < G_N_ELEMENTS (names) && ds_commands[n] != NULL; n++)
      names[n] = ds_commands[n]->name;
    hint = ds_suggest (argv[1], names, n);
    if (hint != NULL)
      return ds_cli_usage ("help", "'%s' is not a command; did you mean '%s'?", argv[1], hint);
  }
  return ds_cli_usage ("help", "'%s' is not a command", argv[1]);
}

const DsCommand ds_cmd_help = {
  .name = "help",
  .usage = "[COMMAND]",
  .summary = "show the options of a command",
  .run = help_run,
};
