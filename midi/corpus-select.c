/* corpus-select.c: which loops of a folder make a corpus: all of them, a
 * list file's, or a metadata table's rows that match conditions (see corpus.h).
 *
 * The table is read as CSV (RFC 4180: fields separated by commas, optionally
 * in double quotes with "" for a quote; CRLF or LF line ends), its first line
 * naming the columns.
 */
#include "autoconfig.h"

#include "midi/corpus.h"

#include <string.h>

#include "src/base/file.h"

#define MAX_TABLE_BYTES ((gsize) 64 * 1024 * 1024)

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* DIR/RELATIVE (RELATIVE when absolute), checked to be a file; WHERE names the
 * line that named it. */
static char *
corpus_path (const char *dir, const char *relative, const char *where, GError **error)
{
  g_autofree char *path = g_path_is_absolute (relative) ? g_strdup (relative)
                                                        : g_build_filename (dir, relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: %s: no such file", where, path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static GPtrArray *
select_list (const char *dir, const char *list, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gsize length;

  if (!ds_file_read (list, MAX_TABLE_BYTES, "a list of loops", &text, &length, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *where = NULL;
      char *path;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      where = g_strdup_printf ("%s:%u", list, i + 1);
      if ((path = corpus_path (dir, line, where, error)) == NULL)
        return NULL;
      g_ptr_array_add (files, path);
    }
  return g_steal_pointer (&files);
}

/* The fields of one CSV record from *P (advanced past it), or NULL at the end;
 * FALSE in *OK on an unclosed quote. */
static GPtrArray *
csv_record (const char **p, gboolean *ok)
{
  GPtrArray *fields;
  GString *field = g_string_new (NULL);
  const char *s = *p;

  *ok = TRUE;
  if (*s == '\0')
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      if (*s == '"')
        {
          for (s++;; s++)
            {
              if (*s == '\0')
                {
                  *ok = FALSE;
                  break;
                }
              if (*s == '"' && s[1] == '"')
                g_string_append_c (field, *s++);
              else if (*s == '"')
                {
                  s++;
                  break;
                }
              else
                g_string_append_c (field, *s);
            }
        }
      while (*s != '\0' && *s != ',' && *s != '\n' && *s != '\r')
        g_string_append_c (field, *s++);
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      if (*s != ',')
        break;
      s++;
      field = g_string_new (NULL);
    }
  if (*s == '\r')
    s++;
  if (*s == '\n')
    s++;
  *p = s;
  return fields;
}

static int
find_column (GPtrArray *header, const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (strcmp (header->pdata[i], name) == 0)
      return (int) i;
  return -1;
}

typedef struct {
  int column;
  const char *value;
} Condition;

static GPtrArray *
select_table (const char *dir, const char *info, const char *const *where, GError **error)
{
  static const char *const path_columns[] = { "midi_filename", "filename", "file", "path" };
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) header = NULL;
  g_autoptr (GArray) conditions = g_array_new (FALSE, FALSE, sizeof (Condition));
  const char *p;
  gsize length;
  int path_column = -1;
  gboolean ok;
  guint line = 1;

  if (!ds_file_read (info, MAX_TABLE_BYTES, "a table of loops", &text, &length, error))
    return NULL;
  p = text;
  header = csv_record (&p, &ok);
  if (header == NULL || !ok)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: expected a CSV table whose first line names its columns", info);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (path_columns) && path_column < 0; i++)
    path_column = find_column (header, path_columns[i]);
  if (path_column < 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no column names the MIDI files (midi_filename, filename, file or path)",
                   info);
      return NULL;
    }
  for (guint i = 0; where != NULL && where[i] != NULL; i++)
    {
      const char *equals = strchr (where[i], '=');
      g_autofree char *name = equals != NULL ? g_strndup (where[i], (gsize) (equals - where[i]))
                                             : NULL;
      Condition condition;

      if (name == NULL || name[0] == '\0')
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "'%s': expected COLUMN=VALUE, e.g. split=train", where[i]);
          return NULL;
        }
      condition.column = find_column (header, name);
      condition.value = equals + 1;
      if (condition.column < 0)
        {
          g_autofree char *known = NULL;

          g_ptr_array_add (header, NULL);
          known = g_strjoinv (", ", (char **) header->pdata);
          g_ptr_array_remove_index (header, header->len - 1);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: no column '%s' (it has %s)", info, name, known);
          return NULL;
        }
      g_array_append_val (conditions, condition);
    }
  for (;;)
    {
      g_autoptr (GPtrArray) row = csv_record (&p, &ok);
      g_autofree char *at = NULL;
      gboolean match = TRUE;
      char *path;

      line++;
      if (row == NULL)
        break;
      at = g_strdup_printf ("%s:%u", info, line);
      if (!ok)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: a quote is never closed",
                       at);
          return NULL;
        }
      if (row->len == 1 && ((char *) row->pdata[0])[0] == '\0')
        continue;
      if (row->len != header->len)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: %u fields, the header names %u columns", at, row->len, header->len);
          return NULL;
        }
      for (guint c = 0; c < conditions->len; c++)
        {
          const Condition *condition = &g_array_index (conditions, Condition, c);

          match = match && strcmp (row->pdata[condition->column], condition->value) == 0;
        }
      if (!match)
        continue;
      if ((path = corpus_path (dir, row->pdata[path_column], at, error)) == NULL)
        return NULL;
      g_ptr_array_add (files, path);
    }
  return g_steal_pointer (&files);
}

GPtrArray *
ds_corpus_select (const char *dir, const DsCorpusSelection *selection, GError **error)
{
  GPtrArray *files;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR, "%s: not a folder of loops", dir);
      return NULL;
    }
  if (selection->list != NULL)
    files = select_list (dir, selection->list, error);
  else if (selection->info != NULL)
    files = select_table (dir, selection->info, selection->where, error);
  else
    files = ds_corpus_list (dir, TRUE, error);
  if (files != NULL)
    g_ptr_array_sort (files, compare_paths);
  return files;
}
