/* import.c: Standard MIDI File to drum loop through libsmf (see import.h). */
#include "autoconfig.h"

#include "midi/import.h"
#include "src/base/file.h"
#include "midi/smf-io.h"

#include <string.h>

void
ds_import_options_init (DsImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->steps_per_quarter = 4;
  options->accent_velocity = 100;
}

gboolean
ds_import_parse_resolution (const char *text, guint *steps_per_quarter, GError **error)
{
  char *end;
  guint64 v;

  if (g_ascii_strcasecmp (text, "auto") == 0)
    {
      *steps_per_quarter = 0;
      return TRUE;
    }
  v = g_ascii_strtoull (text, &end, 10);
  if (!g_ascii_isdigit (text[0]) || *end != '\0' || v < 1 || v > 96)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "resolution '%s': give steps per quarter note, 1 to 96 (4 gives 16 steps "
                   "per 4/4 bar), or 'auto'", text);
      return FALSE;
    }
  *steps_per_quarter = (guint) v;
  return TRUE;
}

gboolean
ds_import_options_load_config (DsImportOptions *options, const DsConfig *config,
                               DsDrumMap **map, GError **error)
{
  static const char *const keys[] = { DS_IMPORT_CONFIG_KEYS, NULL };
  g_autofree char *resolution = NULL;
  g_autoptr (GError) local = NULL;
  gint64 channel, accent;

  if (!ds_config_get_int (config, "midi", "channel", options->channel, 0, 16, &channel, error)
      || !ds_config_get_int (config, "midi", "accent-velocity", options->accent_velocity, 1,
                             127, &accent, error)
      || !ds_config_get_string (config, "midi", "resolution", NULL, &resolution, error))
    return FALSE;
  if (resolution != NULL && !ds_import_parse_resolution (resolution, &options->steps_per_quarter,
                                                         &local))
    {
      g_autofree char *where = ds_config_where (config, "midi", "resolution");

      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [midi] %s", where,
                   local->message);
      return FALSE;
    }
  *map = ds_drum_map_new_from_config (config, keys, error);
  if (*map == NULL)
    return FALSE;
  options->channel = (guint) channel;
  options->accent_velocity = (guint) accent;
  options->map = *map;
  return TRUE;
}

/* The text of a meta event (its bytes after FF TYPE LENGTH), made valid UTF-8
 * and printable. */
static char *
meta_text (const smf_event_t *event)
{
  g_autofree char *raw = g_strndup ((const char *) event->midi_buffer + 3,
                                    (gsize) MAX (event->midi_buffer_length - 3, 0));
  char *text = g_utf8_make_valid (raw, -1);

  for (char *c = text; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7F)
      *c = ' ';
  return g_strstrip (text);
}

static void
read_event (const smf_event_t *event, DsMidiEvents *events, char **track_name)
{
  const guint8 *b = event->midi_buffer;
  guint32 tick = (guint32) event->time_pulses;

  if (event->midi_buffer_length >= 3 && (b[0] & 0xF0) == 0x90 && b[2] > 0)
    {
      DsMidiNote note = { tick, (guint8) ((b[0] & 0x0F) + 1), b[1], b[2] };

      g_array_append_val (events->notes, note);
    }
  else if (b[0] == 0xFF && event->midi_buffer_length >= 3)
    {
      if (b[1] == 0x51 && event->midi_buffer_length == 6)
        {
          DsMidiTempo t = { tick, ((guint32) b[3] << 16) | ((guint32) b[4] << 8) | b[5] };

          g_array_append_val (events->tempi, t);
        }
      else if (b[1] == 0x58 && event->midi_buffer_length == 7)
        {
          DsMidiSignature s = { tick, b[3], 1u << b[4] };

          g_array_append_val (events->signatures, s);
        }
      else if (b[1] == 0x2F)
        events->end_tick = MAX (events->end_tick, tick);
      else if (b[1] == 0x03 && track_name != NULL && *track_name == NULL)
        {
          char *text = meta_text (event);

          if (text[0] != '\0')
            *track_name = text;
          else
            g_free (text);
        }
    }
}

/* The events of DATA as libsmf reads them, and every event as our own check
 * reads it into ALL (NULL: not wanted). */
static gboolean
read_events (const guint8 *data, gsize length, const char *name, DsMidiEvents *events,
             char **track_name, DsSmfEvents *all, GError **error)
{
  g_autoptr (smf_t) smf = NULL;
  DsSmfInfo info;

  smf = ds_smf_load_events (data, length, name, &info, all, error);
  if (smf == NULL)
    return FALSE;
  ds_midi_events_init (events, (guint) smf->ppqn);
  for (int t = 1; t <= smf->number_of_tracks; t++)
    {
      smf_track_t *track = smf_get_track_by_number (smf, t);

      for (int e = 1; track != NULL && e <= track->number_of_events; e++)
        {
          smf_event_t *event = smf_track_get_event_by_number (track, e);

          if (event != NULL && event->midi_buffer_length > 0)
            read_event (event, events, track_name);
        }
    }
  ds_midi_events_sort (events);
  return TRUE;
}

gboolean
ds_midi_read_events (const guint8 *data, gsize length, const char *name, DsMidiEvents *events,
                     char **track_name, GError **error)
{
  return read_events (data, length, name, events, track_name, NULL, error);
}

/* Keeps the notes of the chosen channels in EVENTS; says which in a notice;
 * *MASK receives them (bit c - 1 for channel c). */
static gboolean
choose_channels (DsMidiEvents *events, guint channel, const char *name, char **notice,
                 guint *mask, GError **error)
{
  guint per_channel[17] = { 0 };
  guint wanted = channel > 0 ? channel : 10, kept = 0;
  g_autoptr (GString) with_notes = g_string_new (NULL);

  for (guint i = 0; i < events->notes->len; i++)
    per_channel[g_array_index (events->notes, DsMidiNote, i).channel]++;
  *mask = 1u << (wanted - 1);
  for (guint c = 1; c <= 16; c++)
    if (per_channel[c] > 0)
      g_string_append_printf (with_notes, "%s%u", with_notes->len > 0 ? ", " : "", c);
  if (per_channel[wanted] == 0 && channel > 0 && events->notes->len > 0)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "%s: channel %u has no notes (channels with notes: %s)", name, channel,
                   with_notes->str);
      return FALSE;
    }
  if (events->notes->len == 0)
    {
      *notice = g_strdup_printf ("%s: the file has no notes", name);
      return TRUE;
    }
  if (per_channel[wanted] == 0)
    {
      *mask = 0;
      for (guint c = 1; c <= 16; c++)
        if (per_channel[c] > 0)
          *mask |= 1u << (c - 1);
      if (events->notes->len > 0)
        *notice = g_strdup_printf ("%s: channel 10 has no notes; took the notes of channel%s %s",
                                   name, strchr (with_notes->str, ',') != NULL ? "s" : "",
                                   with_notes->str);
      return TRUE;
    }
  for (guint i = 0; i < events->notes->len; i++)
    {
      const DsMidiNote *note = &g_array_index (events->notes, DsMidiNote, i);

      if (note->channel == wanted)
        g_array_index (events->notes, DsMidiNote, kept++) = *note;
    }
  g_array_set_size (events->notes, kept);
  return TRUE;
}

DsLoop *
ds_midi_import_data (const guint8 *data, gsize length, const char *name,
                     const DsImportOptions *options, GError **error)
{
  g_autoptr (DsDrumMap) default_map = NULL;
  g_autofree char *track_name = NULL, *notice = NULL;
  DsQuantiseOptions quantise = { options->steps_per_quarter, options->bars,
                                 options->accent_velocity };
  DsMidiEvents events;
  DsSmfEvents all;
  DsLoop *loop = NULL;
  guint channels = 0;

  if (options->channel > 16 || options->steps_per_quarter > 96 || options->accent_velocity > 127)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "%s: import options out of range (channel %u, resolution %u)", name,
                   options->channel, options->steps_per_quarter);
      return NULL;
    }
  ds_smf_events_init (&all);
  if (!read_events (data, length, name, &events, &track_name, &all, error))
    {
      ds_smf_events_clear (&all);
      return NULL;
    }
  if (choose_channels (&events, options->channel, name, &notice, &channels, error))
    {
      if (options->map == NULL)
        default_map = ds_drum_map_new ();
      loop = ds_quantise (&events, options->map != NULL ? options->map : default_map, &quantise,
                          name, error);
    }
  if (loop != NULL)
    {
      g_autoptr (DsMidiSource) source = ds_midi_source_new (&all, events.ppqn);

      ds_midi_source_set_drum_channels (source, channels);
      ds_quantise_place_source (loop, source,
                                options->map != NULL ? options->map : default_map);
      ds_loop_set_source (loop, source);
    }
  ds_smf_events_clear (&all);
  ds_midi_events_clear (&events);
  if (loop == NULL)
    return NULL;
  if (track_name != NULL)
    ds_loop_set_name (loop, track_name);
  else
    {
      g_autofree char *base = g_path_get_basename (name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      ds_loop_set_name (loop, base);
    }
  if (notice != NULL)
    ds_loop_add_notice (loop, FALSE, "%s", notice);
  return loop;
}

DsLoop *
ds_midi_import_file (const char *path, const DsImportOptions *options, GError **error)
{
  g_autofree guint8 *data = NULL;
  gsize length;

  if (!ds_smf_read_file (path, &data, &length, error))
    return NULL;
  return ds_midi_import_data (data, length, ds_file_input_name (path), options, error);
}
