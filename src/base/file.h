/* file.h: reading and writing the user's files safely.
 *
 * Reads are bounded (a pipe or /dev/zero is read only so far, never without
 * end); writes are atomic for regular files (a temporary file renamed over the
 * target, so a crash never leaves half a file) and in place for devices and
 * pipes (where a rename would put a regular file in /dev/null's stead); and a
 * command can check, before hours of training, that it will be able to write
 * its output and that two of its paths are not the same file.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the file PATH whole into *CONTENTS (NUL-terminated, g_free it) and
 * *LENGTH, refusing more than MAX_BYTES: a pipe or a device such as /dev/zero
 * is read only that far, never without end.  Errors are in G_FILE_ERROR and
 * name PATH: `PATH: cannot read: ...`, or `PATH: more than N MiB; WHAT is
 * smaller` (WHAT says what the file should be, e.g. "a drum loop"). */
gboolean ds_file_read (const char *path, gsize max_bytes, const char *what,
                       char **contents, gsize *length, GError **error);

/* Writes LENGTH bytes of DATA to PATH: a regular (or new) file atomically, by
 * g_file_set_contents; a device or a pipe (/dev/null, /dev/stdout, a FIFO) in
 * place, where a rename would put a regular file in the device's stead.
 * Errors are in G_FILE_ERROR: `PATH: cannot write: ...`. */
gboolean ds_file_write (const char *path, const char *data, gsize length, GError **error);

/* Before a long run: that the file PATH, written when it ends, can be created
 * there (its folder exists, and PATH is not a folder), so that a mistyped path
 * fails at once instead of after the training. */
gboolean ds_file_check_destination (const char *path, GError **error);

/* Whether the paths A and B name one file (the same path, or the same existing
 * file), so that a run does not write two of its outputs, or an input, to one file. */
gboolean ds_file_same (const char *a, const char *b);

G_END_DECLS
