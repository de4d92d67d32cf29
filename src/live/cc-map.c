/* cc-map.c: the [live] group's map of MIDI controllers (see cc-map.h). */
#include "autoconfig.h"

#include "src/live/cc-map.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/suggest.h"

/* The knobs by name, in DsKnob order. */
static const char *const knob_names[DS_N_KNOBS] = {
  "loop", "complexity", "density", "interplay", "style", "anchors",
};

#define DEFAULT_FIRST_CC 21

const char *
ds_live_knob_name (DsKnob knob)
{
  return knob < DS_N_KNOBS ? knob_names[knob] : "?";
}

void
ds_live_cc_map_init_default (DsLiveCcMap *map)
{
  memset (map, 0, sizeof *map);
  for (guint k = 0; k < DS_N_KNOBS; k++)
    map->targets[DEFAULT_FIRST_CC + k] = (DsLiveCcTarget) { DS_LIVE_CC_KNOB, -1, (DsKnob) k };
  map->targets[DEFAULT_FIRST_CC + DS_N_KNOBS] =
      (DsLiveCcTarget) { DS_LIVE_CC_TEMPERATURE, -1, DS_KNOB_LOOP };
}

static int
find_knob (const char *name)
{
  for (guint k = 0; k < DS_N_KNOBS; k++)
    if (strcmp (name, knob_names[k]) == 0)
      return (int) k;
  return -1;
}

static gboolean
target_error (const DsConfig *config, const char *key, GError **error, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static gboolean
target_error (const DsConfig *config, const char *key, GError **error, const char *format, ...)
{
  g_autofree char *where = ds_config_where (config, "live", key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [live] %s: %s", where, key,
               what);
  return FALSE;
}

/* VOICE:TARGET's voice, or -1 for a plain TARGET. */
static gboolean
parse_voice (const DsConfig *config, const char *key, const char *name,
             const DsResponder *responder, int *voice, GError **error)
{
  GString *agents;
  int v = ds_responder_find_voice (responder, name);

  if (v >= 0 && ds_responder_voice_is_agent (responder, (guint) v))
    {
      *voice = v;
      return TRUE;
    }
  agents = g_string_new (NULL);
  for (guint i = 0; i < ds_responder_n_voices (responder); i++)
    if (ds_responder_voice_is_agent (responder, i))
      g_string_append_printf (agents, "%s%s", agents->len > 0 ? "," : "",
                              ds_responder_voice_name (responder, i));
  target_error (config, key, error, "'%s' is not one of the voices that answer (%s)", name,
                agents->str);
  g_string_free (agents, TRUE);
  return FALSE;
}

/* One value: KNOB, temperature, VOICE:KNOB or VOICE:play. */
static gboolean
parse_target (const DsConfig *config, const char *key, const char *text,
              const DsResponder *responder, DsLiveCcTarget *target, GError **error)
{
  const char *colon = strchr (text, ':');
  const char *what = colon != NULL ? colon + 1 : text;
  const char *names[DS_N_KNOBS + 2];
  int knob = find_knob (what);

  target->voice = -1;
  if (colon != NULL)
    {
      g_autofree char *voice = g_strndup (text, (gsize) (colon - text));

      if (!parse_voice (config, key, voice, responder, &target->voice, error))
        return FALSE;
    }
  if (knob >= 0)
    {
      target->kind = DS_LIVE_CC_KNOB;
      target->knob = (DsKnob) knob;
      return TRUE;
    }
  if (colon == NULL && strcmp (what, "temperature") == 0)
    {
      target->kind = DS_LIVE_CC_TEMPERATURE;
      return TRUE;
    }
  if (colon != NULL && strcmp (what, "play") == 0)
    {
      target->kind = DS_LIVE_CC_PLAY;
      return TRUE;
    }
  if (colon != NULL && strcmp (what, "temperature") == 0)
    return target_error (config, key, error, "the temperature is every voice's: write "
                                             "'temperature' alone");
  if (colon == NULL && strcmp (what, "play") == 0)
    return target_error (config, key, error, "'play' needs a voice: VOICE:play");
  memcpy (names, knob_names, sizeof knob_names);
  names[DS_N_KNOBS] = colon != NULL ? "play" : "temperature";
  names[DS_N_KNOBS + 1] = NULL;
  {
    const char *hint = ds_suggest (what, names, DS_N_KNOBS + 1);

    if (hint != NULL)
      return target_error (config, key, error, "'%s' is not something a controller drives; "
                                               "did you mean '%s'?", what, hint);
  }
  return target_error (config, key, error,
                       "'%s' is not something a controller drives (a knob: loop, complexity, "
                       "density, interplay, style, anchors; temperature; or VOICE:KNOB, "
                       "VOICE:play)", what);
}

gboolean
ds_live_cc_map_read (DsLiveCcMap *map, const DsConfig *config, const DsResponder *responder,
                     GError **error)
{
  char *keys[129];
  gboolean any = FALSE, ok = TRUE;
  DsLiveCcMap read = { 0 };

  ds_live_cc_map_init_default (map);
  if (config == NULL || !ds_config_has_group (config, "live"))
    return TRUE;
  for (guint c = 0; c < 128; c++)
    keys[c] = g_strdup_printf ("cc-%u", c);
  keys[128] = NULL;
  ok = ds_config_check_keys (config, "live", (const char *const *) keys, error);
  for (guint c = 0; c < 128 && ok; c++)
    {
      g_autofree char *text = NULL;

      if (!ds_config_has_key (config, "live", keys[c]))
        continue;
      any = TRUE;
      ok = ds_config_get_string (config, "live", keys[c], NULL, &text, error)
           && parse_target (config, keys[c], text, responder, &read.targets[c], error);
    }
  for (guint c = 0; c < 128; c++)
    g_free (keys[c]);
  if (ok && any)
    *map = read;
  return ok;
}
