/* checkpoint.h: a trained model on disk: named text fields and float arrays.
 *
 * A checkpoint is a container: whoever saves a model fills it with named text
 * fields (the config text, the meter), integers (training counters), doubles and
 * float arrays (weights, optimiser moments), and reads them back by name; it
 * knows nothing of networks.  The file is
 *
 *   drumswarm-checkpoint <version>\n
 *   <kind> <name> <size>\n<size bytes>\n      one record per field, in order
 *   sha256 <64 hex digits>\n                  over every byte before this line
 *
 * with floats stored as little-endian IEEE 754 binary32, doubles and integers as
 * text (doubles in C99 hex-float form, exact).  It is written atomically
 * (ds_file_write; a pipe or a device in place), and a truncated, altered or
 * newer-version file is refused with a message saying which, as is a record
 * without a name, a name given twice, or a text record holding a NUL byte.
 * A reader checks with ds_checkpoint_check_read() that it read every record:
 * one it does not know is refused, not ignored.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_CHECKPOINT_VERSION 1

#define DS_CHECKPOINT_ERROR (ds_checkpoint_error_quark ())
typedef enum {
  DS_CHECKPOINT_ERROR_IO,        /* cannot read or write the file */
  DS_CHECKPOINT_ERROR_FORMAT,    /* not a checkpoint, or malformed */
  DS_CHECKPOINT_ERROR_TRUNCATED, /* the file ends early */
  DS_CHECKPOINT_ERROR_CHECKSUM,  /* the content does not match its SHA-256 */
  DS_CHECKPOINT_ERROR_VERSION,   /* written by a newer drumswarm */
  DS_CHECKPOINT_ERROR_MISSING,   /* a field that the reader needs is absent */
  DS_CHECKPOINT_ERROR_VALUE,     /* a field holds a value that no training gives */
} DsCheckpointError;

typedef struct _DsCheckpoint DsCheckpoint;

GQuark ds_checkpoint_error_quark (void);

DsCheckpoint *ds_checkpoint_new (void);
void ds_checkpoint_free (DsCheckpoint *checkpoint);

/* Setters replace a field of the same name (fields keep their first position). */
void ds_checkpoint_set_text (DsCheckpoint *checkpoint, const char *name, const char *text);
void ds_checkpoint_set_int (DsCheckpoint *checkpoint, const char *name, gint64 value);
void ds_checkpoint_set_double (DsCheckpoint *checkpoint, const char *name, double value);
void ds_checkpoint_set_floats (DsCheckpoint *checkpoint, const char *name, const float *data,
                               gsize n);

/* Getters fail with DS_CHECKPOINT_ERROR_MISSING, naming the field, when it is
 * absent or of another kind; get_floats also when it has not N floats. */
const char *ds_checkpoint_get_text (const DsCheckpoint *checkpoint, const char *name,
                                    GError **error);
gboolean ds_checkpoint_get_int (const DsCheckpoint *checkpoint, const char *name,
                                gint64 *value, GError **error);
gboolean ds_checkpoint_get_double (const DsCheckpoint *checkpoint, const char *name,
                                   double *value, GError **error);
gboolean ds_checkpoint_get_floats (const DsCheckpoint *checkpoint, const char *name, float *data,
                                   gsize n, GError **error);

gboolean ds_checkpoint_has (const DsCheckpoint *checkpoint, const char *name);

/* Fails (DS_CHECKPOINT_ERROR_FORMAT), naming the first, when a record of the
 * checkpoint was never read by a getter: a record that the reader does not know. */
gboolean ds_checkpoint_check_read (const DsCheckpoint *checkpoint, GError **error);

/* The file's bytes, and writing them to PATH atomically. */
GBytes *ds_checkpoint_serialise (const DsCheckpoint *checkpoint);
gboolean ds_checkpoint_save (const DsCheckpoint *checkpoint, const char *path, GError **error);

/* Reads a checkpoint from DATA (NAME stands for the file in messages) or PATH. */
DsCheckpoint *ds_checkpoint_parse (const guint8 *data, gsize size, const char *name,
                                   GError **error);
DsCheckpoint *ds_checkpoint_load (const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsCheckpoint, ds_checkpoint_free)

G_END_DECLS
