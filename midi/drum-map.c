/* drum-map.c: General MIDI drum notes to voices (see drum-map.h). */
#include "autoconfig.h"

#include "midi/drum-map.h"
#include "src/rhythm/kit.h"

#include <string.h>

G_DEFINE_QUARK (ds-drum-map-error-quark, ds_drum_map_error)

#define MAX_DEFINED (DS_VOICES_MAX * 2)

typedef struct {
  char name[DS_VOICE_NAME_MAX];
  guint n_notes;
  guint notes[DS_DRUM_MAP_MAX_NOTES];
} Definition;

struct _DsDrumMap {
  guint n_defined;
  Definition defined[MAX_DEFINED];
  guint n_voices;
  guint voice[DS_VOICES_MAX]; /* index into defined */
  gint8 note_voice[128];      /* chosen voice of each note, or -1 */
};

static gboolean
parse_notes (const char *name, const char *text, Definition *def, GError **error)
{
  g_auto (GStrv) items = g_strsplit_set (text, " ,;\t", -1);

  def->n_notes = 0;
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *end;
      guint64 v;

      if (items[i][0] == '\0')
        continue;
      v = g_ascii_strtoull (items[i], &end, 10);
      if (!g_ascii_isdigit (items[i][0]) || *end != '\0' || v > 127)
        {
          g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_NOTE,
                       "voice %s: '%s' is not a MIDI note number (0 to 127)", name, items[i]);
          return FALSE;
        }
      if (def->n_notes == DS_DRUM_MAP_MAX_NOTES)
        {
          g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_NOTE,
                       "voice %s: more than %d notes", name, DS_DRUM_MAP_MAX_NOTES);
          return FALSE;
        }
      def->notes[def->n_notes++] = (guint) v;
    }
  if (def->n_notes == 0)
    {
      g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_NOTE,
                   "voice %s: no notes (write note numbers, e.g. '42 44 46')", name);
      return FALSE;
    }
  return TRUE;
}

static int
find_defined (const DsDrumMap *map, const char *name)
{
  for (guint d = 0; d < map->n_defined; d++)
    if (strcmp (map->defined[d].name, name) == 0)
      return (int) d;
  return -1;
}

/* Rebuilds the note table of the chosen voices; fails on a note in two of them. */
static gboolean
rebuild (DsDrumMap *map, GError **error)
{
  memset (map->note_voice, -1, sizeof map->note_voice);
  for (guint v = 0; v < map->n_voices; v++)
    {
      const Definition *def = &map->defined[map->voice[v]];

      for (guint i = 0; i < def->n_notes; i++)
        {
          gint8 *slot = &map->note_voice[def->notes[i]];

          if (*slot >= 0 && *slot != (gint8) v)
            {
              g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_NOTE,
                           "note %u is in both voice %s and voice %s", def->notes[i],
                           map->defined[map->voice[*slot]].name, def->name);
              return FALSE;
            }
          *slot = (gint8) v;
        }
    }
  return TRUE;
}

DsDrumMap *
ds_drum_map_new (void)
{
  DsDrumMap *map = g_new0 (DsDrumMap, 1);
  g_autofree char *defaults = ds_kit_default_voices ();

  for (guint k = 0; k < ds_kit_n_voices (); k++)
    {
      const DsKitVoice *voice = ds_kit_voice (k);
      Definition *def = &map->defined[map->n_defined++];

      g_strlcpy (def->name, voice->name, sizeof def->name);
      def->n_notes = MIN (voice->n_notes, (guint) DS_DRUM_MAP_MAX_NOTES);
      for (guint i = 0; i < def->n_notes; i++)
        def->notes[i] = voice->notes[i].note;
    }
  if (!ds_drum_map_set_voices (map, defaults, NULL))
    g_assert_not_reached ();
  return map;
}

gboolean
ds_drum_map_set_notes (DsDrumMap *map, const char *name, const char *notes, GError **error)
{
  Definition def, before;
  int d = find_defined (map, name);
  guint n_before = map->n_defined;

  if (!ds_voice_name_is_valid (name))
    {
      g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                   "'%s' is not a valid voice name (use letters, digits, '-' and '_')", name);
      return FALSE;
    }
  memset (&def, 0, sizeof def);
  g_strlcpy (def.name, name, sizeof def.name);
  if (!parse_notes (name, notes, &def, error))
    return FALSE;
  if (d < 0)
    {
      if (map->n_defined == MAX_DEFINED)
        {
          g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                       "more than %d voice definitions", MAX_DEFINED);
          return FALSE;
        }
      d = (int) map->n_defined++;
    }
  before = map->defined[d];
  map->defined[d] = def;
  if (rebuild (map, error))
    return TRUE;
  /* a note now in two chosen voices: leave the map as it was */
  map->defined[d] = before;
  map->n_defined = n_before;
  if (!rebuild (map, NULL))
    g_assert_not_reached ();
  return FALSE;
}

gboolean
ds_drum_map_set_voices (DsDrumMap *map, const char *list, GError **error)
{
  g_auto (GStrv) names = g_strsplit (list, ",", -1);
  guint voice[DS_VOICES_MAX], n = 0;
  DsDrumMap backup = *map;

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);
      int d;

      if (name[0] == '\0')
        continue;
      d = find_defined (map, name);
      if (d < 0)
        {
          g_autofree char *builtin = ds_kit_voice_names ();

          g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                       "voice '%s' has no notes: the built-in voices are %s; give others "
                       "their notes in the [midi] group", name, builtin);
          return FALSE;
        }
      for (guint j = 0; j < n; j++)
        if (voice[j] == (guint) d)
          {
            g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                         "voice '%s' is listed twice", name);
            return FALSE;
          }
      if (n == DS_VOICES_MAX)
        {
          g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                       "more than %d voices", DS_VOICES_MAX);
          return FALSE;
        }
      voice[n++] = (guint) d;
    }
  if (n == 0)
    {
      g_set_error (error, DS_DRUM_MAP_ERROR, DS_DRUM_MAP_ERROR_VOICE,
                   "no voices in '%s' (write e.g. kick,snare,hat)", list);
      return FALSE;
    }
  memcpy (map->voice, voice, n * sizeof voice[0]);
  map->n_voices = n;
  if (!rebuild (map, error))
    {
      *map = backup;
      return FALSE;
    }
  return TRUE;
}

DsDrumMap *
ds_drum_map_new_from_config (const DsConfig *config, const char *const *other_keys,
                             GError **error)
{
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  g_autofree char *voices = NULL;
  g_auto (GStrv) listed = NULL;
  g_autoptr (GPtrArray) known = g_ptr_array_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *defaults = ds_kit_default_voices ();

  if (!ds_config_get_string (config, "midi", "voices", defaults, &voices, error))
    return NULL;
  listed = g_strsplit (voices, ",", -1);
  for (guint i = 0; other_keys != NULL && other_keys[i] != NULL; i++)
    g_ptr_array_add (known, (gpointer) other_keys[i]);
  g_ptr_array_add (known, (gpointer) "voices");
  for (guint k = 0; k < ds_kit_n_voices (); k++)
    g_ptr_array_add (known, (gpointer) ds_kit_voice (k)->name);
  for (guint i = 0; listed[i] != NULL; i++)
    {
      g_strstrip (listed[i]);
      if (listed[i][0] != '\0' && find_defined (map, listed[i]) < 0)
        g_ptr_array_add (known, listed[i]);
    }
  g_ptr_array_add (known, NULL);
  if (!ds_config_check_keys (config, "midi", (const char *const *) known->pdata, error))
    return NULL;
  for (guint k = 0; known->pdata[k] != NULL; k++)
    {
      const char *key = known->pdata[k];
      g_autofree char *notes = NULL;
      gboolean is_option = FALSE;

      for (guint i = 0; other_keys != NULL && other_keys[i] != NULL; i++)
        is_option = is_option || strcmp (other_keys[i], key) == 0;
      if (is_option || strcmp (key, "voices") == 0 || !ds_config_has_key (config, "midi", key))
        continue;
      if (!ds_config_get_string (config, "midi", key, NULL, &notes, error))
        return NULL;
      if (!ds_drum_map_set_notes (map, key, notes, &local))
        {
          g_autofree char *where = ds_config_where (config, "midi", key);

          g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [midi] %s: %s", where,
                       key, local->message);
          return NULL;
        }
    }
  if (!ds_drum_map_set_voices (map, voices, &local))
    {
      g_autofree char *where = ds_config_where (config, "midi", "voices");

      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [midi] voices: %s", where,
                   local->message);
      return NULL;
    }
  return g_steal_pointer (&map);
}

DsDrumMap *
ds_drum_map_copy (const DsDrumMap *map)
{
  return g_memdup2 (map, sizeof *map);
}

void
ds_drum_map_free (DsDrumMap *map)
{
  g_free (map);
}

guint
ds_drum_map_n_voices (const DsDrumMap *map)
{
  return map->n_voices;
}

const char *
ds_drum_map_voice_name (const DsDrumMap *map, guint voice)
{
  g_return_val_if_fail (voice < map->n_voices, NULL);
  return map->defined[map->voice[voice]].name;
}

guint
ds_drum_map_voice_note (const DsDrumMap *map, guint voice)
{
  g_return_val_if_fail (voice < map->n_voices, 0);
  return map->defined[map->voice[voice]].notes[0];
}

int
ds_drum_map_voice_of_note (const DsDrumMap *map, guint note)
{
  return note < 128 ? map->note_voice[note] : -1;
}

guint
ds_drum_map_default_note (const char *name)
{
  const DsKitVoice *voice = ds_kit_find (name);

  return voice != NULL ? voice->notes[0].note : 0;
}

char *
ds_drum_map_to_string (const DsDrumMap *map)
{
  GString *out = g_string_new (NULL);

  for (guint v = 0; v < map->n_voices; v++)
    {
      const Definition *def = &map->defined[map->voice[v]];

      g_string_append_printf (out, "%s%s=", v > 0 ? " " : "", def->name);
      for (guint i = 0; i < def->n_notes; i++)
        g_string_append_printf (out, "%s%u", i > 0 ? "," : "", def->notes[i]);
    }
  return g_string_free (out, FALSE);
}
