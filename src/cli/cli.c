/* cli.c: shared helpers of the subcommands (see cli.h). */
#include "autoconfig.h"

#include "src/cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "midi/smf-check.h"
#include "src/base/file.h"

/* Prints `drumswarm: MESSAGE` as one line: a newline, carriage return or other
 * control byte that a message quotes from the user's arguments or files is
 * written as an escape (\n, \r, \xHH), so it cannot split the line. */
static void
print_line (const char *message)
{
  g_autoptr (GString) line = g_string_new ("drumswarm: ");

  for (const char *c = message; *c != '\0'; c++)
    {
      guchar byte = (guchar) *c;

      if (byte == '\n')
        g_string_append (line, "\\n");
      else if (byte == '\r')
        g_string_append (line, "\\r");
      else if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
        g_string_append_printf (line, "\\x%02x", byte);
      else
        g_string_append_c (line, (char) byte);
    }
  g_string_append_c (line, '\n');
  fputs (line->str, stderr);
}

int
ds_cli_fail (const GError *error)
{
  print_line (error != NULL ? error->message : "unknown error");
  return DS_EXIT_FAILURE;
}

int
ds_cli_fail_option (const char *command, const GError *error)
{
  if (g_error_matches (error, DS_MIDI_ERROR, DS_MIDI_ERROR_OPTION))
    return ds_cli_usage (command, "%s", error->message);
  return ds_cli_fail (error);
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
    {
      g_autofree char *line = g_strdup_printf ("%s: %s (see 'drumswarm help %s')", command,
                                               message, command);

      print_line (line);
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("%s (see 'drumswarm --help')", message);

      print_line (line);
    }
  return DS_EXIT_USAGE;
}

gboolean
ds_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv,
              int *status)
{
  g_autoptr (GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    {
      /* GLib leaves the "--" that ends the options in place when an argument
       * after it begins with '-': drop it, so `show -- -loop.mid` reads
       * -loop.mid */
      for (int i = 1; i < *argc; i++)
        if (strcmp ((*argv)[i], "--") == 0)
          {
            memmove (&(*argv)[i], &(*argv)[i + 1], (gsize) (*argc - i) * sizeof (char *));
            (*argc)--;
            break;
          }
      return TRUE;
    }
  *status = ds_cli_usage (command, "%s", error->message);
  return FALSE;
}

void
ds_cli_notice (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_line (message);
}

void
ds_cli_notices (const GPtrArray *notices)
{
  for (guint i = 0; notices != NULL && i < notices->len; i++)
    print_line (notices->pdata[i]);
}

int
ds_cli_check_std (const char *command, gboolean output, ...)
{
  const char *first = NULL, *option, *path;
  va_list args;
  int status = DS_EXIT_OK;

  va_start (args, output);
  while (status == DS_EXIT_OK && (option = va_arg (args, const char *)) != NULL)
    {
      path = va_arg (args, const char *);
      if (!ds_file_is_std (path))
        continue;
      if (first == NULL)
        first = option;
      else
        status = ds_cli_usage (command, "%s - and %s - would both %s; give one of them a file",
                               first, option,
                               output ? "write to standard output" : "read standard input");
    }
  va_end (args);
  return status;
}

FILE *
ds_cli_report (gboolean stdout_taken)
{
  return stdout_taken ? stderr : stdout;
}

void
ds_cli_check_stdout_at_exit (void)
{
  int saved;

  errno = 0;
  if (fflush (stdout) == 0 && !ferror (stdout) && (close (STDOUT_FILENO) == 0 || errno == EBADF))
    return;
  saved = errno;
  if (saved != 0)
    ds_cli_notice ("standard output: cannot write: %s", g_strerror (saved));
  else /* an earlier write failed; its reason is gone */
    ds_cli_notice ("standard output: cannot write");
  _exit (DS_EXIT_FAILURE);
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
