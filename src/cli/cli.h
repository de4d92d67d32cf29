/* cli.h: what every subcommand shares: exit codes, error lines, option parsing.
 *
 * Every error reaches the user as one line on stderr, `drumswarm: MESSAGE`, and
 * the exit status says what kind it was: 0 success, 1 runtime failure (bad file,
 * bad value), 2 usage error (unknown command or option, missing argument).
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef enum {
  DS_EXIT_OK = 0,
  DS_EXIT_FAILURE = 1,
  DS_EXIT_USAGE = 2,
} DsExit;

/* Prints `drumswarm: MESSAGE` for ERROR and returns DS_EXIT_FAILURE. */
int ds_cli_fail (const GError *error);

/* Prints ERROR as ds_cli_fail() does, or as a usage error of COMMAND
 * (ds_cli_usage()) when it says that an option's value is out of range
 * (DS_MIDI_ERROR_OPTION, from ds_midi_cli_options_resolve()). */
int ds_cli_fail_option (const char *command, const GError *error);

/* Prints `drumswarm: COMMAND: MESSAGE (see 'drumswarm help COMMAND')` and
 * returns DS_EXIT_USAGE. */
int ds_cli_usage (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* QUIET: usage errors return DS_EXIT_USAGE without a line (the processes of an
 * MPI run other than the first read the same command line; one says what is
 * wrong with it). */
void ds_cli_quiet_usage (gboolean quiet);

/* Parses the options of COMMAND; on failure prints the usage line and sets
 * *STATUS to DS_EXIT_USAGE.  `--help` prints the help and exits 0. */
gboolean ds_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv,
                       int *status);

/* Prints one notice as a line `drumswarm: MESSAGE` on stderr (control bytes
 * escaped, as in every error line). */
void ds_cli_notice (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Prints each of NOTICES (strings) as a line `drumswarm: NOTICE` on stderr:
 * what an import left out or changed, said once. */
void ds_cli_notices (const GPtrArray *notices);

/* Some bars of a loop as the user counts them (from 1), and their meter:
 * "bars 1, 2 (5/4)", "bars 3-6 (7/8)", "bar 5 (7/4)"; AT the bars from 0, in
 * order, METER the signature's text. */
char *ds_cli_bars_to_string (const guint *at, guint n, const char *meter);

/* OUTPUT for one answer; OUTPUT with -I before its extension (answer-2.mid)
 * for variation I of VARIATIONS > 1. */
char *ds_cli_variation_path (const char *output, int variation, int variations);
/* A usage error (printed; DS_EXIT_USAGE) when more than one of the paths,
 * given as pairs OPTION, PATH (PATH may be NULL) ending with NULL, is "-":
 * only one input can be standard input (OUTPUT FALSE), one output standard
 * output (OUTPUT TRUE).  Else DS_EXIT_OK. */
int ds_cli_check_std (const char *command, gboolean output, ...) G_GNUC_NULL_TERMINATED;

/* Where a command prints its report: standard output, or standard error when
 * STDOUT_TAKEN (an output file of the command is "-", standard output). */
FILE *ds_cli_report (gboolean stdout_taken);

/* Registered with atexit() by main(): a write to standard output that failed
 * (a full disk, /dev/full, a closed pipe whose signal is ignored) is an
 * error, one line and exit status 1, however the program ends. */
void ds_cli_check_stdout_at_exit (void);

/* Makes the OpenMP threads wait passively (OMP_WAIT_POLICY=passive) unless
 * the user set OMP_WAIT_POLICY or GOMP_SPINCOUNT: threads that spin at a
 * barrier while programs beside them take the cores slow a run two- to
 * fivefold, and passive waits cost a quiet machine nothing measurable
 * (bench/busy-machine.sh).  libgomp reads its environment once, when it is
 * loaded, before main(); so this sets the variable and executes the program
 * again (/proc/self/exe, with ARGV), once.  Not under valgrind, which would
 * not follow the exec; where the exec fails the run goes on as it is. */
void ds_cli_prefer_passive_waits (char **argv);

/* Replaces an argument "-" of *ARGV by the lines of the standard input (blank
 * lines skipped), for commands whose arguments are data (score's patterns);
 * *OWNED receives the new array (free it with g_strfreev).  Fails naming the
 * standard input. */
gboolean ds_cli_args_from_stdin (int *argc, char ***argv, char ***owned, GError **error);

/* The number of worker threads: THREADS when positive, else OMP_NUM_THREADS
 * when set, else the number of processors. */
int ds_cli_threads (int threads);

G_END_DECLS
