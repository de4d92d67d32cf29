/* voices.c: named voice patterns on one grid (see voices.h). */
#include "autoconfig.h"

#include "src/rhythm/voices.h"

#include <string.h>

G_DEFINE_QUARK (ds-voices-error-quark, ds_voices_error)

void
ds_voices_init (DsVoices *voices)
{
  memset (voices, 0, sizeof *voices);
}

gboolean
ds_voice_name_is_valid (const char *name)
{
  if (name[0] == '\0' || strlen (name) >= DS_VOICE_NAME_MAX)
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

int
ds_voices_find (const DsVoices *voices, const char *name)
{
  for (guint v = 0; v < voices->n_voices; v++)
    if (strcmp (voices->names[v], name) == 0)
      return (int) v;
  return -1;
}

gboolean
ds_voices_add (DsVoices *voices, const char *name, const DsPattern *pattern, GError **error)
{
  if (name[0] != '\0' && !ds_voice_name_is_valid (name))
    {
      g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_SYNTAX,
                   "voice name '%s' is not valid (use letters, digits, '-' and '_', "
                   "at most %d characters)", name, DS_VOICE_NAME_MAX - 1);
      return FALSE;
    }
  if (ds_voices_find (voices, name) >= 0)
    {
      g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_DUPLICATE,
                   "voice '%s' is given twice", name);
      return FALSE;
    }
  if (voices->n_voices == DS_VOICES_MAX)
    {
      g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_TOO_MANY,
                   "more than %d voices", DS_VOICES_MAX);
      return FALSE;
    }
  if (voices->n_voices > 0 && pattern->length != voices->length)
    {
      g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_LENGTH,
                   "voice '%s' has %u steps but '%s' has %u: all voices need the same length",
                   name, pattern->length, voices->names[0], voices->length);
      return FALSE;
    }
  g_strlcpy (voices->names[voices->n_voices], name, DS_VOICE_NAME_MAX);
  voices->patterns[voices->n_voices] = *pattern;
  voices->length = pattern->length;
  voices->n_voices++;
  return TRUE;
}

gboolean
ds_voices_parse (const char *text, DsVoices *voices, GError **error)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);
  DsVoices parsed;
  guint n_items = g_strv_length (items);

  ds_voices_init (&parsed);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *name = NULL;
      const char *eq = strchr (items[i], '=');
      const char *body = eq != NULL ? eq + 1 : items[i];
      g_autoptr (GError) local = NULL;
      DsPattern pattern;

      if (eq == NULL && n_items > 1)
        {
          g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_SYNTAX,
                       "'%s': item %u '%s' has no voice name (write NAME=PATTERN, "
                       "e.g. kick=x...x...)", text, i + 1, items[i]);
          return FALSE;
        }
      name = eq != NULL ? g_strstrip (g_strndup (items[i], (gsize) (eq - items[i])))
                        : g_strdup ("");
      if (eq != NULL && !ds_voice_name_is_valid (name))
        {
          g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_SYNTAX,
                       "'%s': voice name '%s' is not valid (use letters, digits, '-' and '_')",
                       text, name);
          return FALSE;
        }
      if (!ds_pattern_parse (body, &pattern, &local))
        {
          if (eq != NULL)
            g_set_error (error, local->domain, local->code, "voice %s: %s", name,
                         local->message);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!ds_voices_add (&parsed, name, &pattern, error))
        return FALSE;
    }
  *voices = parsed;
  return TRUE;
}

char *
ds_voices_to_string (const DsVoices *voices, guint bar_steps)
{
  GString *out = g_string_new (NULL);

  for (guint v = 0; v < voices->n_voices; v++)
    {
      g_autofree char *text = ds_pattern_to_string (&voices->patterns[v], bar_steps);

      if (v > 0)
        g_string_append_c (out, ',');
      if (voices->names[v][0] != '\0')
        g_string_append_printf (out, "%s=", voices->names[v]);
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}
