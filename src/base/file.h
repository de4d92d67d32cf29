/* file.h: reading and writing the user's files where the user says.
 *
 * "-" is standard input for a read and standard output for a write.  Reads
 * are bounded (a pipe or /dev/zero is read only so far, never without end).
 * Writes to a regular file are atomic: the bytes go to an anonymous file
 * (O_TMPFILE) in the target's folder, linked in and renamed over the target
 * only once whole, so that a crash, even SIGKILL, leaves the old file or the
 * new one; where the filesystem lacks O_TMPFILE a named temporary file
 * `NAME.drumswarm-PID-XXXXXX` stands in, and the next write into that folder
 * removes those that a dead process left.  A symbolic link is followed: its
 * target is replaced, the link stays.  Standard output, devices and pipes
 * (/dev/null, /dev/stdout, a FIFO) are written in place, where a rename would
 * put a regular file in the device's stead.  A FIFO that no program opens at
 * its other end is given up after DS_FILE_FIFO_WAIT_MS, not waited on for ever.
 * Every error names the file once: `PATH: cannot write: REASON`.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* How long a read or a write waits for a program to open the other end of a
 * FIFO (a named pipe). */
#define DS_FILE_FIFO_WAIT_MS 3000

/* Whether PATH is "-", standard input or output. */
gboolean ds_file_is_std (const char *path);

/* What messages call PATH: "standard input" (or "standard output") for "-",
 * else PATH itself. */
const char *ds_file_input_name (const char *path);
const char *ds_file_output_name (const char *path);

/* Reads the file PATH ("-": standard input) whole into *CONTENTS
 * (NUL-terminated, g_free it) and *LENGTH, refusing more than MAX_BYTES: a pipe
 * or a device such as /dev/zero is read only that far, never without end.
 * Errors are in G_FILE_ERROR and name PATH: `PATH: cannot read: ...`, or
 * `PATH: more than N MiB; WHAT is smaller` (WHAT says what the file should be,
 * e.g. "a drum loop"). */
gboolean ds_file_read (const char *path, gsize max_bytes, const char *what,
                       char **contents, gsize *length, GError **error);

/* Writes LENGTH bytes of DATA to PATH ("-": standard output) as the header
 * says: atomically for a regular or new file, in place for a device or a pipe.
 * Errors are in G_FILE_ERROR: `PATH: cannot write: ...`. */
gboolean ds_file_write (const char *path, const char *data, gsize length, GError **error);

/* Opens PATH ("-": standard output) for a stream of lines written as a run
 * goes (a training log): a file is truncated and written in place, a FIFO is
 * waited for as ds_file_write() does.  Close it with ds_file_close_stream(). */
FILE *ds_file_open_stream (const char *path, GError **error);

/* Flushes and closes STREAM opened on PATH (standard output is flushed, not
 * closed); a write that failed on the way is reported here, naming PATH. */
gboolean ds_file_close_stream (FILE *stream, const char *path, GError **error);

/* Before a long run: that the file PATH, written when it ends, can be created
 * there (its folder exists, and PATH is not a folder), so that a mistyped path
 * fails at once instead of after the training.  "-" always can. */
gboolean ds_file_check_destination (const char *path, GError **error);

/* Whether the paths A and B name one file (the same path, or the same existing
 * file), so that a run does not write two of its outputs, or an input, to one
 * file.  "-" names no file: standard input is not standard output. */
gboolean ds_file_same (const char *a, const char *b);

G_END_DECLS
