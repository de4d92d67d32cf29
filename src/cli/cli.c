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
#include "src/stage/controls.h"

/* A message quotes what the user gave ('...'); a quote longer than this is cut
 * to its start, so that a 1 MB config value gives a short line, not a 2 MB one. */
#define QUOTE_MAX 60
/* A message longer than this has its long quotes cut (shorter ones keep them
 * whole, even where an apostrophe pairs with a quote). */
#define MESSAGE_LONG 300

/* MESSAGE with each quoted part longer than QUOTE_MAX bytes cut to its first
 * characters, "...", and its length in bytes. */
static char *
shorten_quotes (const char *message)
{
  GString *out;
  const char *p = message;

  if (strlen (message) <= MESSAGE_LONG)
    return g_strdup (message);
  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *open = strchr (p, '\''), *close = open != NULL ? strchr (open + 1, '\'') : NULL;
      gsize inside;

      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      inside = (gsize) (close - open - 1);
      g_string_append_len (out, p, open - p + 1);
      if (inside <= QUOTE_MAX)
        g_string_append_len (out, open + 1, (gssize) inside);
      else
        {
          const char *cut = g_utf8_find_prev_char (open + 1, open + 1 + QUOTE_MAX - 10);

          g_string_append_len (out, open + 1, cut != NULL ? cut - open - 1 : 0);
          g_string_append_printf (out, "... (%" G_GSIZE_FORMAT " bytes)", inside);
        }
      g_string_append_c (out, '\'');
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* Prints `drumswarm: MESSAGE` as one line: a newline, carriage return or other
 * control byte that a message quotes from the user's arguments or files is
 * written as an escape (\n, \r, \xHH), so it cannot split the line; long
 * quotes are cut (shorten_quotes). */
static void
print_line (const char *text)
{
  g_autoptr (GString) line = g_string_new ("drumswarm: ");
  g_autofree char *message = shorten_quotes (text);

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
  /* an option's value out of range, or a control for a voice the loop or
   * the model does not have: the command line is wrong */
  if (g_error_matches (error, DS_MIDI_ERROR, DS_MIDI_ERROR_OPTION)
      || g_error_matches (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VOICE))
    return ds_cli_usage (command, "%s", error->message);
  return ds_cli_fail (error);
}

/* Whether usage errors go unprinted (ds_cli_quiet_usage). */
static gboolean usage_quiet;

void
ds_cli_quiet_usage (gboolean quiet)
{
  usage_quiet = quiet;
}

int
ds_cli_usage (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (usage_quiet)
    return DS_EXIT_USAGE;
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

/* The option whose value in ARGV is not UTF-8 (GLib says only "Invalid byte
 * sequence in conversion input"), as "--reward", or NULL. */
static char *
option_not_utf8 (char **argv)
{
  for (int i = 1; argv[i] != NULL; i++)
    {
      const char *eq = strchr (argv[i], '=');

      if (g_utf8_validate (argv[i], -1, NULL))
        continue;
      if (argv[i][0] == '-' && eq != NULL)
        return g_strndup (argv[i], (gsize) (eq - argv[i]));
      if (i > 1 && argv[i - 1][0] == '-' && argv[i][0] != '-')
        return g_strdup (argv[i - 1]);
    }
  return NULL;
}

gboolean
ds_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv,
              int *status)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) given = g_strdupv (*argv); /* the parse may take arguments out */

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
  if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
    {
      g_autofree char *option = option_not_utf8 (given);

      if (option != NULL)
        {
          *status = ds_cli_usage (command, "%s: its value is not UTF-8 text", option);
          return FALSE;
        }
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

void
ds_cli_prefer_passive_waits (char **argv)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  if (g_getenv ("OMP_WAIT_POLICY") != NULL || g_getenv ("GOMP_SPINCOUNT") != NULL
      || (preload != NULL && strstr (preload, "vgpreload") != NULL))
    return;
  g_setenv ("OMP_WAIT_POLICY", "passive", TRUE);
  execv ("/proc/self/exe", argv);
}

/* Patterns on the standard input: far more than anyone scores at once. */
#define STDIN_ARGS_MAX_BYTES (16u * 1024u * 1024u)

gboolean
ds_cli_args_from_stdin (int *argc, char ***argv, char ***owned, GError **error)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  gboolean read = FALSE;

  for (int i = 0; i < *argc; i++)
    {
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;
      gsize length;

      if (i == 0 || read || !ds_file_is_std ((*argv)[i]))
        {
          g_ptr_array_add (args, g_strdup ((*argv)[i]));
          continue;
        }
      if (!ds_file_read ("-", STDIN_ARGS_MAX_BYTES, "a list of arguments", &text, &length,
                         error))
        return FALSE;
      read = TRUE;
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        if (*g_strstrip (lines[l]) != '\0')
          g_ptr_array_add (args, g_strdup (lines[l]));
    }
  *argc = (int) args->len;
  g_ptr_array_add (args, NULL);
  *owned = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
  *argv = *owned;
  return TRUE;
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

char *
ds_cli_bars_to_string (const guint *at, guint n, const char *meter)
{
  GString *out = g_string_new (n == 1 ? "bar " : "bars ");

  for (guint i = 0; i < n;)
    {
      guint first = at[i], last = first;

      while (++i < n && at[i] == last + 1)
        last++;
      g_string_append_printf (out, "%s%u", first == at[0] ? "" : ", ", first + 1);
      if (last > first)
        g_string_append_printf (out, "%s%u", last == first + 1 ? ", " : "-", last + 1);
    }
  g_string_append_printf (out, " (%s)", meter);
  return g_string_free (out, FALSE);
}

char *
ds_cli_variation_path (const char *output, int variation, int variations)
{
  const char *dot = strrchr (output, '.');
  gsize stem = dot != NULL && strchr (dot, '/') == NULL ? (gsize) (dot - output) : strlen (output);

  if (variations <= 1)
    return g_strdup (output);
  return g_strdup_printf ("%.*s-%d%s", (int) stem, output, variation, output + stem);
}
