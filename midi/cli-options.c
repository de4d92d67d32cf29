/* cli-options.c: the shared MIDI options of the commands (see cli-options.h). */
#include "autoconfig.h"

#include "midi/cli-options.h"
#include "midi/smf-check.h"

#include <string.h>

void
ds_midi_cli_options_init (DsMidiCliOptions *o)
{
  memset (o, 0, sizeof *o);
  ds_import_options_init (&o->import);
  ds_export_options_init (&o->export);
  o->channel = G_MININT; /* not given */
  o->bars = G_MININT;
  o->accent_velocity = G_MININT;
  o->repeat = 1;
  o->groove = 0;
  o->humanize = 0;
  o->seed = 1;
}

void
ds_midi_cli_options_init_answers (DsMidiCliOptions *o)
{
  ds_midi_cli_options_init (o);
  o->answers = TRUE;
  o->groove = 1;
}

void
ds_midi_cli_options_add_answers (DsMidiCliOptions *o, GOptionContext *context)
{
  ds_midi_cli_options_init_answers (o);
  g_option_context_add_main_entries (context, ds_midi_cli_config_entries (o), NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_import_entries (o), NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_export_entries (o), NULL);
}

void
ds_midi_cli_options_clear (DsMidiCliOptions *o)
{
  g_clear_pointer (&o->config_path, g_free);
  g_clear_pointer (&o->resolution, g_free);
  g_clear_pointer (&o->voices, g_free);
  g_clear_pointer (&o->groove_text, g_free);
  g_clear_pointer (&o->map, ds_drum_map_free);
  g_clear_pointer (&o->config, ds_config_free);
}

const GOptionEntry *
ds_midi_cli_config_entries (DsMidiCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &o->config_path,
      o->answers ? "The config: reward mixes, training, stage and [midi] (drumswarm.conf(5))"
                 : "Read the [midi] group of this config file (drumswarm.conf(5))", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  memcpy (o->config_entries, entries, sizeof entries);
  return o->config_entries;
}

const GOptionEntry *
ds_midi_cli_import_entries (DsMidiCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "resolution", 'r', 0, G_OPTION_ARG_STRING, &o->resolution,
      "Steps per quarter note (default 4: 16 per 4/4 bar), or auto", "N|auto" },
    { "bars", 'b', 0, G_OPTION_ARG_INT, &o->bars,
      "Take this many bars (default: the file's length)", "N" },
    { "channel", 'C', 0, G_OPTION_ARG_INT, &o->channel,
      "Take the drum notes of this channel, 1 to 16 (default 10)", "N" },
    { "accent-velocity", 0, 0, G_OPTION_ARG_INT, &o->accent_velocity,
      "A velocity at least this marks an accent, 1 to 127 (default 100)", "N" },
    { "voices", 0, 0, G_OPTION_ARG_STRING, &o->voices,
      "The voices to import (default kick,snare,hat; also tom, crash, ride)", "LIST" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
      "Also report onsets merged on one step", NULL },
    G_OPTION_ENTRY_NULL
  };

  memcpy (o->import_entries, entries, sizeof entries);
  return o->import_entries;
}

const GOptionEntry *
ds_midi_cli_export_entries (DsMidiCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "repeat", 'n', 0, G_OPTION_ARG_INT, &o->repeat,
      "Write the loop this many times (default 1)", "N" },
    { "groove", 'g', 0, G_OPTION_ARG_STRING, &o->groove_text,
      o->answers ? "Keep this much of the loop's timing and velocities, 0 to 1, or loop (1) "
                   "or none (0) (default loop)"
                 : "Keep this much of the loop's timing and velocities, 0 to 1, or loop (1) "
                   "or none (0) (default none)", "AMOUNT" },
    { "humanize", 'H', 0, G_OPTION_ARG_DOUBLE, &o->humanize,
      "Seeded random timing and velocity variation, 0 to 1 (default 0)", "AMOUNT" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &o->seed,
      o->answers ? "Random seed of the training, the sampling and --humanize (default 1)"
                 : "Random seed of --humanize (default 1)", "S" },
    G_OPTION_ENTRY_NULL
  };

  memcpy (o->export_entries, entries, sizeof entries);
  return o->export_entries;
}

static gboolean
bad_value (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_value (GError **error, const char *format, ...)
{
  va_list args;

  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_OPTION, "%s", message);
  return FALSE;
}

/* --groove AMOUNT, or its names: loop (1, the loop's feel) and none (0, the grid). */
static gboolean
parse_groove (const char *value, double *amount, GError **error)
{
  char *end;

  if (strcmp (value, "loop") == 0)
    *amount = 1.0;
  else if (strcmp (value, "none") == 0)
    *amount = 0.0;
  else
    {
      *amount = g_ascii_strtod (value, &end);
      if (value[0] == '\0' || *end != '\0')
        return bad_value (error, "--groove must be an amount from 0 to 1, loop or none "
                                 "(got '%s')", value);
    }
  return TRUE;
}


gboolean
ds_midi_cli_options_resolve (DsMidiCliOptions *o, const DsConfig *config, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (config == NULL && o->config_path != NULL)
    {
      o->config = ds_config_load (o->config_path, error);
      if (o->config == NULL)
        return FALSE;
      config = o->config;
    }
  if (config != NULL && !ds_import_options_load_config (&o->import, config, &o->map, error))
    return FALSE;
  if (o->map == NULL)
    o->map = ds_drum_map_new ();
  if (o->voices != NULL && !ds_drum_map_set_voices (o->map, o->voices, &local))
    return bad_value (error, "--voices: %s", local->message);
  o->import.map = o->map;
  if (o->resolution != NULL
      && !ds_import_parse_resolution (o->resolution, &o->import.steps_per_quarter, &local))
    return bad_value (error, "--resolution: %s", local->message);
  if (o->bars != G_MININT && (o->bars < 1 || o->bars > (int) DS_LOOP_MAX_BARS))
    return bad_value (error, "--bars must be 1 to %u (got %d)", DS_LOOP_MAX_BARS, o->bars);
  if (o->bars != G_MININT)
    o->import.bars = (guint) o->bars;
  if (o->channel != G_MININT && (o->channel < 1 || o->channel > 16))
    return bad_value (error, "--channel must be 1 to 16 (got %d)", o->channel);
  if (o->channel != G_MININT)
    o->import.channel = (guint) o->channel;
  if (o->accent_velocity != G_MININT && (o->accent_velocity < 1 || o->accent_velocity > 127))
    return bad_value (error, "--accent-velocity must be 1 to 127 (got %d)", o->accent_velocity);
  if (o->accent_velocity != G_MININT)
    o->import.accent_velocity = (guint) o->accent_velocity;
  o->export.repeat = o->repeat > 0 ? (guint) o->repeat : 0;
  if (o->groove_text != NULL && !parse_groove (o->groove_text, &o->groove, error))
    return FALSE;
  o->export.groove = o->groove;
  o->export.humanize = o->humanize;
  o->export.seed = (guint64) o->seed;
  return ds_export_options_check (&o->export, error);
}

gboolean
ds_midi_cli_options_default_voices (DsMidiCliOptions *o, const char *const *names,
                                    guint n_names, GError **error)
{
  g_autoptr (GString) list = g_string_new (NULL);
  g_autoptr (GError) local = NULL;

  if (o->voices != NULL || o->map == NULL
      || (o->config != NULL && ds_config_has_key (o->config, "midi", "voices")))
    return TRUE;
  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr (DsDrumMap) probe = ds_drum_map_copy (o->map);

      if (ds_drum_map_set_voices (probe, names[i], NULL))
        g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", names[i]);
    }
  if (list->len == 0)
    return TRUE;
  if (!ds_drum_map_set_voices (o->map, list->str, &local))
    return bad_value (error, "the model's voices %s: %s", list->str, local->message);
  o->import.map = o->map;
  return TRUE;
}
