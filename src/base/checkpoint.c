/* checkpoint.c: the checkpoint container and its file format (see checkpoint.h). */
#include "autoconfig.h"

#include "src/base/checkpoint.h"
#include "src/base/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest model read: far above any network drumswarm trains (w1 is about 1 MiB),
 * and a bound for a pipe or /dev/zero given as a model. */
#define DS_CHECKPOINT_MAX_BYTES ((gsize) 512 * 1024 * 1024)

G_DEFINE_QUARK (ds-checkpoint-error-quark, ds_checkpoint_error)

#define MAGIC "drumswarm-checkpoint"

typedef enum { KIND_TEXT, KIND_INT, KIND_DOUBLE, KIND_FLOATS } Kind;

static const char *const kind_names[] = { "text", "int", "double", "floats" };

typedef struct {
  Kind kind;
  char *name;
  GBytes *data;  /* the record's bytes as stored in the file */
  gboolean read; /* a getter has asked for it */
} Field;

struct _DsCheckpoint {
  GPtrArray *fields; /* Field */
};

static void
field_free (gpointer p)
{
  Field *f = p;

  g_free (f->name);
  g_bytes_unref (f->data);
  g_free (f);
}

DsCheckpoint *
ds_checkpoint_new (void)
{
  DsCheckpoint *ck = g_new0 (DsCheckpoint, 1);

  ck->fields = g_ptr_array_new_with_free_func (field_free);
  return ck;
}

void
ds_checkpoint_free (DsCheckpoint *ck)
{
  if (ck == NULL)
    return;
  g_ptr_array_unref (ck->fields);
  g_free (ck);
}

static Field *
find (const DsCheckpoint *ck, const char *name)
{
  for (guint i = 0; i < ck->fields->len; i++)
    {
      Field *f = g_ptr_array_index (ck->fields, i);

      if (strcmp (f->name, name) == 0)
        return f;
    }
  return NULL;
}

static void
set (DsCheckpoint *ck, Kind kind, const char *name, GBytes *data)
{
  Field *f = find (ck, name);

  g_return_if_fail (name[0] != '\0' && strpbrk (name, " \n") == NULL);
  if (f == NULL)
    {
      f = g_new0 (Field, 1);
      f->name = g_strdup (name);
      g_ptr_array_add (ck->fields, f);
    }
  else
    g_bytes_unref (f->data);
  f->kind = kind;
  f->data = data;
}

gboolean
ds_checkpoint_has (const DsCheckpoint *ck, const char *name)
{
  return find (ck, name) != NULL;
}

void
ds_checkpoint_set_text (DsCheckpoint *ck, const char *name, const char *text)
{
  gsize n = strlen (text);

  /* stored with a NUL after its bytes, so that get_text returns a C string */
  set (ck, KIND_TEXT, name, g_bytes_new_take (g_strndup (text, n), n));
}

void
ds_checkpoint_set_int (DsCheckpoint *ck, const char *name, gint64 value)
{
  char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  set (ck, KIND_INT, name, g_bytes_new_take (text, strlen (text)));
}

void
ds_checkpoint_set_double (DsCheckpoint *ck, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%a", value);
  set (ck, KIND_DOUBLE, name, g_bytes_new (buf, strlen (buf)));
}

void
ds_checkpoint_set_floats (DsCheckpoint *ck, const char *name, const float *data, gsize n)
{
  guint8 *bytes = g_malloc (MAX (n, 1) * 4);

  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, &data[i], 4);
      bits = GUINT32_TO_LE (bits);
      memcpy (bytes + 4 * i, &bits, 4);
    }
  set (ck, KIND_FLOATS, name, g_bytes_new_take (bytes, n * 4));
}

static const Field *
get (const DsCheckpoint *ck, Kind kind, const char *name, GError **error)
{
  Field *f = find (ck, name);

  if (f == NULL || f->kind != kind)
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_MISSING,
                   "the checkpoint has no %s field '%s'", kind_names[kind], name);
      return NULL;
    }
  f->read = TRUE;
  return f;
}

gboolean
ds_checkpoint_check_read (const DsCheckpoint *ck, GError **error)
{
  for (guint i = 0; i < ck->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (ck->fields, i);

      if (!f->read)
        {
          g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_FORMAT,
                       "the checkpoint has a record '%s' that this drumswarm does not know",
                       f->name);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
ds_checkpoint_get_text (const DsCheckpoint *ck, const char *name, GError **error)
{
  const Field *f = get (ck, KIND_TEXT, name, error);

  /* records are stored with a terminating NUL beyond their size (see parse and set) */
  return f == NULL ? NULL : g_bytes_get_data (f->data, NULL);
}

gboolean
ds_checkpoint_get_int (const DsCheckpoint *ck, const char *name, gint64 *value, GError **error)
{
  const Field *f = get (ck, KIND_INT, name, error);
  g_autofree char *text = NULL;

  if (f == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (f->data, NULL), g_bytes_get_size (f->data));
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL))
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_FORMAT,
                   "the checkpoint's field '%s' is not an integer ('%s')", name, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_checkpoint_get_double (const DsCheckpoint *ck, const char *name, double *value,
                          GError **error)
{
  const Field *f = get (ck, KIND_DOUBLE, name, error);
  g_autofree char *text = NULL;
  char *end;

  if (f == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (f->data, NULL), g_bytes_get_size (f->data));
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_FORMAT,
                   "the checkpoint's field '%s' is not a number ('%s')", name, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_checkpoint_get_floats (const DsCheckpoint *ck, const char *name, float *data, gsize n,
                          GError **error)
{
  const Field *f = get (ck, KIND_FLOATS, name, error);
  gsize size;
  const guint8 *bytes;

  if (f == NULL)
    return FALSE;
  bytes = g_bytes_get_data (f->data, &size);
  if (size % 4 != 0)
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_FORMAT,
                   "the checkpoint's field '%s' holds %" G_GSIZE_FORMAT " bytes, not a whole "
                   "number of floats (%" G_GSIZE_FORMAT " floats are %" G_GSIZE_FORMAT " bytes)",
                   name, size, n, n * 4);
      return FALSE;
    }
  if (size != n * 4)
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_MISSING,
                   "the checkpoint's field '%s' holds %" G_GSIZE_FORMAT " floats, not %"
                   G_GSIZE_FORMAT, name, size / 4, n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, bytes + 4 * i, 4);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&data[i], &bits, 4);
    }
  return TRUE;
}

GBytes *
ds_checkpoint_serialise (const DsCheckpoint *ck)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *header = g_strdup_printf ("%s %d\n", MAGIC, DS_CHECKPOINT_VERSION);
  g_autofree char *trailer = NULL;

  g_byte_array_append (out, (const guint8 *) header, (guint) strlen (header));
  for (guint i = 0; i < ck->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (ck->fields, i);
      gsize size;
      const guint8 *data = g_bytes_get_data (f->data, &size);
      g_autofree char *line = g_strdup_printf ("%s %s %" G_GSIZE_FORMAT "\n",
                                               kind_names[f->kind], f->name, size);

      g_byte_array_append (out, (const guint8 *) line, (guint) strlen (line));
      g_byte_array_append (out, data, (guint) size);
      g_byte_array_append (out, (const guint8 *) "\n", 1);
    }
  g_checksum_update (sum, out->data, out->len);
  trailer = g_strdup_printf ("sha256 %s\n", g_checksum_get_string (sum));
  g_byte_array_append (out, (const guint8 *) trailer, (guint) strlen (trailer));
  return g_byte_array_free_to_bytes (out);
}

gboolean
ds_checkpoint_save (const DsCheckpoint *ck, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = ds_checkpoint_serialise (ck);
  g_autoptr (GError) local = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!ds_file_write (path, data, size, &local))
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail (GError **error, DsCheckpointError code, const char *name, const char *what)
{
  g_set_error (error, DS_CHECKPOINT_ERROR, code, "%s: %s", name, what);
  return FALSE;
}

/* The line at *POS (without its newline) and the position after it, or NULL. */
static char *
next_line (const guint8 *data, gsize size, gsize *pos)
{
  const guint8 *nl = memchr (data + *pos, '\n', size - *pos);
  char *line;

  if (nl == NULL)
    return NULL;
  line = g_strndup ((const char *) data + *pos, (gsize) (nl - (data + *pos)));
  *pos = (gsize) (nl - data) + 1;
  return line;
}

/* Whether the 72 bytes at TRAILER are a checksum line ("sha256 ", 64 hex
 * digits, a newline) with at most one byte changed: a damaged checksum, not a
 * file that ends early. */
static gboolean
looks_like_trailer (const guint8 *trailer)
{
  guint same = trailer[71] == '\n';

  for (guint i = 0; i < 7; i++)
    same += trailer[i] == (guint8) "sha256 "[i];
  for (guint i = 7; i < 71; i++)
    same += g_ascii_isxdigit (trailer[i]) && !g_ascii_isupper (trailer[i]);
  return same >= 71;
}

static gboolean
has_control_byte (const char *text)
{
  for (const guchar *c = (const guchar *) text; *c != '\0'; c++)
    if (*c < 0x20 || *c == 0x7f)
      return TRUE;
  return FALSE;
}

/* That a record read from the file NAME has a name (printable, not empty, not
 * given before) and, when it is text, no NUL byte. */
static gboolean
check_record (const DsCheckpoint *ck, Kind kind, const char *field, const guint8 *bytes,
              gsize length, const char *name, GError **error)
{
  g_autofree char *what = NULL;

  if (field[0] == '\0')
    what = g_strdup ("a record without a name");
  else if (!g_utf8_validate (field, -1, NULL) || has_control_byte (field))
    what = g_strdup ("a record whose name is not printable text");
  else if (find (ck, field) != NULL)
    what = g_strdup_printf ("the record '%s' twice", field);
  else if (kind == KIND_TEXT && memchr (bytes, '\0', length) != NULL)
    what = g_strdup_printf ("a NUL byte in the text of '%s'", field);
  if (what == NULL)
    return TRUE;
  g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_FORMAT,
               "%s: the checkpoint holds %s", name, what);
  return FALSE;
}

/* Version line, then the checksum (over everything before the last line), then records. */
DsCheckpoint *
ds_checkpoint_parse (const guint8 *data, gsize size, const char *name, GError **error)
{
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new ();
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *header = NULL;
  gsize pos = 0, body_end;
  const guint8 *trailer;
  gint64 version;

  header = next_line (data, size, &pos);
  if (header == NULL || !g_str_has_prefix (header, MAGIC " "))
    {
      fail (error, DS_CHECKPOINT_ERROR_FORMAT, name,
            size == 0 ? "empty file, not a drumswarm checkpoint"
                      : "not a drumswarm checkpoint (no 'drumswarm-checkpoint' header)");
      return NULL;
    }
  if (!g_ascii_string_to_signed (header + strlen (MAGIC) + 1, 10, 1, G_MAXINT32, &version, NULL))
    {
      fail (error, DS_CHECKPOINT_ERROR_FORMAT, name, "malformed checkpoint version");
      return NULL;
    }
  if (version > DS_CHECKPOINT_VERSION)
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_VERSION,
                   "%s: checkpoint format %" G_GINT64_FORMAT " was written by a newer drumswarm "
                   "(this one reads format %d)", name, version, DS_CHECKPOINT_VERSION);
      return NULL;
    }
  /* the trailer: "sha256 " + 64 hex digits + "\n", the file's last 72 bytes */
  trailer = size >= 72 ? data + size - 72 : NULL;
  if (trailer == NULL || memcmp (trailer, "sha256 ", 7) != 0 || data[size - 1] != '\n'
      || (size > 72 && data[size - 73] != '\n'))
    {
      gboolean damaged = trailer != NULL && looks_like_trailer (trailer);

      fail (error, damaged ? DS_CHECKPOINT_ERROR_CHECKSUM : DS_CHECKPOINT_ERROR_TRUNCATED, name,
            damaged ? "the checkpoint is corrupt (its SHA-256 checksum line is damaged)"
                    : "truncated checkpoint (its closing checksum line is missing)");
      return NULL;
    }
  body_end = size - 72;
  g_checksum_update (sum, data, body_end);
  if (memcmp (g_checksum_get_string (sum), trailer + 7, 64) != 0)
    {
      fail (error, DS_CHECKPOINT_ERROR_CHECKSUM, name,
            "the checkpoint is corrupt (its content does not match its SHA-256 checksum)");
      return NULL;
    }
  while (pos < body_end)
    {
      g_autofree char *line = next_line (data, body_end, &pos);
      g_auto (GStrv) parts = NULL;
      guint64 length;
      int kind = -1;

      if (line != NULL)
        parts = g_strsplit (line, " ", 4);
      if (parts != NULL && g_strv_length (parts) == 3)
        for (int k = 0; k < (int) G_N_ELEMENTS (kind_names); k++)
          if (strcmp (parts[0], kind_names[k]) == 0)
            kind = k;
      if (kind < 0 || !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXSIZE, &length, NULL)
          || length > body_end - pos || pos + length >= body_end || data[pos + length] != '\n')
        {
          fail (error, DS_CHECKPOINT_ERROR_FORMAT, name, "malformed record in the checkpoint");
          return NULL;
        }
      if (!check_record (ck, (Kind) kind, parts[1], data + pos, length, name, error))
        return NULL;
      {
        /* keep a NUL after the bytes, so that text fields read as C strings */
        guint8 *copy = g_malloc (length + 1);

        memcpy (copy, data + pos, length);
        copy[length] = '\0';
        set (ck, (Kind) kind, parts[1], g_bytes_new_take (copy, length));
      }
      pos += length + 1;
    }
  return g_steal_pointer (&ck);
}

DsCheckpoint *
ds_checkpoint_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  gsize size;

  if (!ds_file_read (path, DS_CHECKPOINT_MAX_BYTES, "a drumswarm model", &data, &size, &local))
    {
      g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return ds_checkpoint_parse ((const guint8 *) data, size, ds_file_input_name (path), error);
}
