/* config.c: the drumswarm.conf key file with located errors (see config.h). */
#include "autoconfig.h"

#include "src/base/config.h"
#include "src/base/suggest.h"
#include "src/base/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ds-config-error-quark, ds_config_error)

/* A drumswarm.conf holds a few dozen lines; this is far beyond any. */
#define DS_CONFIG_MAX_BYTES (4u * 1024u * 1024u)

const char *const ds_config_known_groups[] = {
  "stage", "train", "agent", "swarm", "midi", "live", NULL
};

struct _DsConfig {
  char *name;
  char *text;
  GKeyFile *keys;
};

DsConfig *
ds_config_new (void)
{
  DsConfig *config = g_new0 (DsConfig, 1);

  config->name = g_strdup ("(defaults)");
  config->text = g_strdup ("");
  config->keys = g_key_file_new ();
  return config;
}

DsConfig *
ds_config_load_data (const char *data, const char *name, GError **error)
{
  g_autoptr (DsConfig) config = ds_config_new ();
  g_autoptr (GError) local = NULL;

  g_free (config->name);
  config->name = g_strdup (name);
  g_free (config->text);
  config->text = g_strdup (data);
  if (!g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX,
                   "%s: not a text file (invalid UTF-8)", name);
      return NULL;
    }
  if (!g_key_file_load_from_data (config->keys, data, (gsize) -1, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX, "%s: %s", name,
                   local->message);
      return NULL;
    }
  return g_steal_pointer (&config);
}

/* The name of the group that LINE (stripped) opens, or NULL. */
static char *
group_of (const char *line)
{
  gsize n = strlen (line);

  return line[0] == '[' && n >= 2 && line[n - 1] == ']' ? g_strndup (line + 1, n - 2) : NULL;
}

/* The key that LINE (stripped) sets, or NULL for a comment or a blank line. */
static char *
key_of (const char *line)
{
  const char *eq = strchr (line, '=');

  if (line[0] == '#' || line[0] == '\0' || eq == NULL)
    return NULL;
  return g_strstrip (g_strndup (line, (gsize) (eq - line)));
}

/* That no group and no key of a group is given twice in TEXT (GKeyFile would
 * merge the groups and keep the last value, silently). */
static gboolean
check_repeats (const char *text, const char *name, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *group = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *opened = group_of (line), *key = NULL;
      gpointer first;

      if (opened != NULL)
        {
          if (g_hash_table_lookup_extended (groups, opened, NULL, &first))
            {
              g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX,
                           "%s:%u: [%s] is given twice (first on line %u); give each group "
                           "once", name, i + 1, opened, GPOINTER_TO_UINT (first));
              return FALSE;
            }
          g_hash_table_insert (groups, g_strdup (opened), GUINT_TO_POINTER (i + 1));
          g_hash_table_remove_all (keys);
          g_free (group);
          group = g_steal_pointer (&opened);
          continue;
        }
      key = key_of (line);
      if (group == NULL || key == NULL)
        continue;
      if (g_hash_table_lookup_extended (keys, key, NULL, &first))
        {
          g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX,
                       "%s:%u: [%s] %s is given twice (first on line %u); give each key once",
                       name, i + 1, group, key, GPOINTER_TO_UINT (first));
          return FALSE;
        }
      g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

DsConfig *
ds_config_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  const char *name = ds_file_input_name (path), *text;
  gsize length;

  /* bounded: -c /dev/zero must fail, not fill the memory */
  if (!ds_file_read (path, DS_CONFIG_MAX_BYTES, "a configuration file", &data, &length,
                         &local))
    {
      g_set_error_literal (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_READ, local->message);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX,
                   "%s: not a text file (it holds NUL bytes)", name);
      return NULL;
    }
  /* a byte-order mark, as some editors write at the start of UTF-8 text */
  text = g_str_has_prefix (data, "\xef\xbb\xbf") ? data + 3 : data;
  if (!check_repeats (text, name, error))
    return NULL;
  return ds_config_load_data (text, name, error);
}

void
ds_config_free (DsConfig *config)
{
  if (config == NULL)
    return;
  g_key_file_unref (config->keys);
  g_free (config->name);
  g_free (config->text);
  g_free (config);
}

const char *
ds_config_name (const DsConfig *config)
{
  return config->name;
}

const char *
ds_config_text (const DsConfig *config)
{
  return config->text;
}

gboolean
ds_config_has_group (const DsConfig *config, const char *group)
{
  return g_key_file_has_group (config->keys, group);
}

gboolean
ds_config_has_key (const DsConfig *config, const char *group, const char *key)
{
  return g_key_file_has_key (config->keys, group, key, NULL);
}

char **
ds_config_groups (const DsConfig *config)
{
  return g_key_file_get_groups (config->keys, NULL);
}

/* The 1-based line of GROUP's KEY (or the group header), 0 when absent. */
static guint
find_line (const DsConfig *config, const char *group, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (config->text, "\n", -1);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize n = strlen (line);

      if (line[0] == '[' && n >= 2 && line[n - 1] == ']')
        {
          in_group = strlen (group) == n - 2 && strncmp (line + 1, group, n - 2) == 0;
          if (in_group && key == NULL)
            return i + 1;
          continue;
        }
      if (in_group && key != NULL && g_str_has_prefix (line, key))
        {
          const char *rest = line + strlen (key);

          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '=')
            return i + 1;
        }
    }
  return 0;
}

char *
ds_config_where (const DsConfig *config, const char *group, const char *key)
{
  guint line = find_line (config, group, key);

  return line > 0 ? g_strdup_printf ("%s:%u", config->name, line) : g_strdup (config->name);
}

static gboolean
value_error (const DsConfig *config, const char *group, const char *key, GError **error,
             const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
value_error (const DsConfig *config, const char *group, const char *key, GError **error,
             const char *format, ...)
{
  g_autofree char *where = ds_config_where (config, group, key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [%s] %s %s", where, group,
               key, what);
  return FALSE;
}

gboolean
ds_config_get_string (const DsConfig *config, const char *group, const char *key,
                      const char *fallback, char **value, GError **error)
{
  if (!ds_config_has_key (config, group, key))
    {
      *value = g_strdup (fallback);
      return TRUE;
    }
  *value = g_key_file_get_string (config->keys, group, key, NULL);
  if (*value == NULL)
    return value_error (config, group, key, error, "is not a valid string");
  g_strstrip (*value);
  return TRUE;
}

gboolean
ds_config_get_double (const DsConfig *config, const char *group, const char *key,
                      double fallback, double min, double max, double *value, GError **error)
{
  g_autofree char *text = NULL;
  char *end;
  double v;

  if (!ds_config_has_key (config, group, key))
    {
      *value = fallback;
      return TRUE;
    }
  if (!ds_config_get_string (config, group, key, NULL, &text, error))
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || errno != 0 || v != v)
    return value_error (config, group, key, error, "must be a number (got '%s')", text);
  if (v < min || v > max)
    return value_error (config, group, key, error, "must be between %g and %g (got %s)", min,
                        max, text);
  *value = v;
  return TRUE;
}

gboolean
ds_config_get_int (const DsConfig *config, const char *group, const char *key,
                   gint64 fallback, gint64 min, gint64 max, gint64 *value, GError **error)
{
  g_autofree char *text = NULL;
  char *end;
  gint64 v;

  if (!ds_config_has_key (config, group, key))
    {
      *value = fallback;
      return TRUE;
    }
  if (!ds_config_get_string (config, group, key, NULL, &text, error))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (text[0] == '\0' || *end != '\0' || errno != 0)
    return value_error (config, group, key, error, "must be a whole number (got '%s')", text);
  if (v < min || v > max)
    return value_error (config, group, key, error,
                        "must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                        " (got %s)", min, max, text);
  *value = v;
  return TRUE;
}

gboolean
ds_config_get_bool (const DsConfig *config, const char *group, const char *key,
                    gboolean fallback, gboolean *value, GError **error)
{
  g_autofree char *text = NULL;

  if (!ds_config_has_key (config, group, key))
    {
      *value = fallback;
      return TRUE;
    }
  if (!ds_config_get_string (config, group, key, NULL, &text, error))
    return FALSE;
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0
      || strcmp (text, "1") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0
           || strcmp (text, "0") == 0)
    *value = FALSE;
  else
    return value_error (config, group, key, error, "must be true or false (got '%s')", text);
  return TRUE;
}

gboolean
ds_config_check_keys (const DsConfig *config, const char *group, const char *const *known,
                      GError **error)
{
  g_auto (GStrv) keys = NULL;
  guint n_known = 0;

  if (!ds_config_has_group (config, group))
    return TRUE;
  keys = g_key_file_get_keys (config->keys, group, NULL, NULL);
  while (known[n_known] != NULL)
    n_known++;
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < n_known && !found; k++)
        found = strcmp (keys[i], known[k]) == 0;
      if (!found)
        {
          g_autofree char *where = ds_config_where (config, group, keys[i]);
          const char *hint = ds_suggest (keys[i], known, n_known);

          if (hint != NULL)
            g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN,
                         "%s: [%s] has no key '%s'; did you mean '%s'?", where, group, keys[i],
                         hint);
          else
            g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN,
                         "%s: [%s] has no key '%s'", where, group, keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}
