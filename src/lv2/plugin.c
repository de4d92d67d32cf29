/* plugin.c: drumswarm.lv2, the swarm as an LV2 plugin for DAWs (drumswarm.ttl).
 *
 * MIDI comes in as an atom sequence, with the host's time:Position; the
 * player (player.h) hears each bar and plays the responder's answer in the
 * next, on the host's beat; control ports turn the reward mix's knobs, the
 * temperature and which voices answer.  run() allocates nothing, takes no
 * lock and does no I/O: models are loaded and fresh agents learn in the
 * host's worker thread (work.h), and what they make replaces the responder
 * between two cycles.  The model is the plugin's state (state.c); without one
 * the bundled general model of the host's meter plays (src/responder/general.h),
 * or, for a meter it has none for, fresh agents; either learns from the bars
 * it hears.
 */
#include "autoconfig.h"

#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/core/lv2_util.h>
#include <lv2/midi/midi.h>

#include "src/lv2/plugin.h"
#include "src/lv2/work.h"

/* The answers' MIDI channel: 10, General MIDI's drums. */
#define ANSWER_CHANNEL 9

static LV2_Handle
instantiate (const LV2_Descriptor *descriptor, double rate, const char *bundle_path,
             const LV2_Feature *const *features)
{
  g_autoptr (GError) error = NULL;
  DsLv2Plugin *plugin = g_new0 (DsLv2Plugin, 1);
  LV2_Log_Log *log = NULL;
  const char *missing = lv2_features_query (features,
                                            LV2_LOG__log, &log, FALSE,
                                            LV2_URID__map, &plugin->map, TRUE,
                                            LV2_WORKER__schedule, &plugin->schedule, TRUE,
                                            NULL);

  lv2_log_logger_init (&plugin->logger, plugin->map, log);
  if (missing != NULL)
    {
      lv2_log_error (&plugin->logger, "drumswarm.lv2: the host does not provide <%s>\n", missing);
      g_free (plugin);
      return NULL;
    }
  ds_lv2_uris_map (&plugin->uris, plugin->map);
  lv2_atom_forge_init (&plugin->forge, plugin->map);
  plugin->sample_rate = rate;
  g_mutex_init (&plugin->path_lock);
  ds_lv2_clock_init (&plugin->clock, rate);
  ds_lv2_player_init (&plugin->player, ANSWER_CHANNEL);
  if (!ds_lv2_work_start (plugin, &error))
    {
      lv2_log_error (&plugin->logger, "drumswarm.lv2: %s\n", error->message);
      ds_lv2_work_stop (plugin);
      g_mutex_clear (&plugin->path_lock);
      g_free (plugin);
      return NULL;
    }
  return plugin;
}

static void
connect_port (LV2_Handle instance, uint32_t port, void *data)
{
  DsLv2Plugin *plugin = instance;

  switch ((DsLv2Port) port)
    {
    case DS_LV2_PORT_IN:
      plugin->in = data;
      break;
    case DS_LV2_PORT_OUT:
      plugin->out = data;
      break;
    case DS_LV2_PORT_STATUS:
      plugin->status_port = data;
      break;
    case DS_LV2_PORT_LEARNT:
      plugin->learnt_port = data;
      break;
    default:
      if (port >= DS_LV2_FIRST_CONTROL && port < DS_LV2_FIRST_CONTROL + DS_LV2_N_CONTROLS)
        plugin->controls[port - DS_LV2_FIRST_CONTROL] = data;
      break;
    }
}

static void
activate (LV2_Handle instance)
{
  DsLv2Plugin *plugin = instance;

  ds_lv2_clock_init (&plugin->clock, plugin->sample_rate);
}

/* --- output ----------------------------------------------------------------------- */

typedef struct {
  DsLv2Plugin *plugin;
  uint32_t offset; /* the frame the player's stretch starts on */
} Output;

static void
emit_midi (void *data, uint32_t frame, const uint8_t *msg, uint32_t size)
{
  Output *out = data;
  LV2_Atom_Forge *forge = &out->plugin->forge;

  if (lv2_atom_forge_frame_time (forge, out->offset + frame))
    {
      lv2_atom_forge_atom (forge, size, out->plugin->uris.midi_MidiEvent);
      lv2_atom_forge_write (forge, msg, size);
    }
}

static void
bar_heard (void *data, const DsHit *hits, guint n_hits)
{
  DsLv2Plugin *plugin = ((Output *) data)->plugin;

  if (plugin->responder_learning && !plugin->bar_in_flight && !plugin->load_in_flight
      && ds_lv2_work_request_bar (plugin, hits, n_hits))
    plugin->bar_in_flight = TRUE;
}

/* patch:Set ds:model PATH at FRAME, so that a host's generic interface shows
 * the model. */
static void
notify_model (DsLv2Plugin *plugin, uint32_t at)
{
  LV2_Atom_Forge *forge = &plugin->forge;
  LV2_Atom_Forge_Frame frame;

  plugin->notify_model = FALSE;
  if (!lv2_atom_forge_frame_time (forge, at))
    return;
  lv2_atom_forge_object (forge, &frame, 0, plugin->uris.patch_Set);
  lv2_atom_forge_key (forge, plugin->uris.patch_property);
  lv2_atom_forge_urid (forge, plugin->uris.ds_model);
  lv2_atom_forge_key (forge, plugin->uris.patch_value);
  lv2_atom_forge_path (forge, plugin->model_path, (uint32_t) strlen (plugin->model_path));
  lv2_atom_forge_pop (forge, &frame);
}

/* --- the worker's requests, made from run() -------------------------------------- */

/* The meter a new responder is made for: the host's, or the present one's
 * when the host's cannot be played. */
static void
wanted_meter (const DsLv2Plugin *plugin, int *beats, int *unit)
{
  if (!ds_lv2_clock_meter (&plugin->clock, beats, unit))
    {
      *beats = plugin->responder_beats;
      *unit = plugin->responder_unit;
    }
}

static void
request_work (DsLv2Plugin *plugin)
{
  int beats, unit;

  ds_lv2_work_bury (plugin);
  if (plugin->load_in_flight)
    return;
  wanted_meter (plugin, &beats, &unit);
  if (plugin->load_pending)
    {
      if (ds_lv2_work_request_load (plugin, plugin->pending_path, beats, unit))
        {
          plugin->load_pending = FALSE;
          plugin->meter_wanted = FALSE;
          plugin->load_in_flight = TRUE;
        }
    }
  else if (plugin->meter_wanted)
    {
      if (ds_lv2_work_request_load (plugin, NULL, beats, unit))
        {
          plugin->meter_wanted = FALSE;
          plugin->load_in_flight = TRUE;
        }
    }
}

/* --- controls ----------------------------------------------------------------------- */

static void
apply_control (DsLv2Plugin *plugin, guint c, float value)
{
  DsResponder *r = plugin->responder;
  guint port = DS_LV2_FIRST_CONTROL + c;

  if (port >= DS_LV2_PORT_LOOP && port <= DS_LV2_PORT_ANCHORS)
    ds_responder_set_knob (r, -1, (DsKnob) (port - DS_LV2_PORT_LOOP),
                           CLAMP (value, 0, DS_RESPONDER_MAX_KNOB));
  else if (port == DS_LV2_PORT_TEMPERATURE)
    ds_responder_set_temperature (r, CLAMP (value, 0, 4));
  else if (port >= DS_LV2_PORT_KICK && port <= DS_LV2_PORT_HAT)
    {
      int voice = plugin->toggle_voice[port - DS_LV2_PORT_KICK];

      if (voice >= 0)
        ds_responder_set_playing (r, (guint) voice, value > 0.5f);
    }
}

static void
apply_controls (DsLv2Plugin *plugin)
{
  if (plugin->responder == NULL)
    return;
  for (guint c = 0; c < DS_LV2_N_CONTROLS; c++)
    {
      float value;

      if (plugin->controls[c] == NULL)
        continue;
      value = *plugin->controls[c];
      if (plugin->apply_all || value != plugin->applied[c])
        {
          apply_control (plugin, c, value);
          plugin->applied[c] = value;
        }
    }
  plugin->apply_all = FALSE;
}

static gboolean
thru (const DsLv2Plugin *plugin)
{
  const float *port = plugin->controls[DS_LV2_PORT_THRU - DS_LV2_FIRST_CONTROL];

  return port != NULL && *port > 0.5f;
}

/* --- input ---------------------------------------------------------------------------- */

/* The responder that may answer in the host's meter, or NULL. */
static DsResponder *
answering (const DsLv2Plugin *plugin)
{
  int beats, unit;

  if (plugin->responder == NULL || !ds_lv2_clock_meter (&plugin->clock, &beats, &unit)
      || beats != plugin->responder_beats || unit != plugin->responder_unit)
    return NULL;
  return plugin->responder;
}

static void
read_position (DsLv2Plugin *plugin, const LV2_Atom_Object *obj, const DsLv2PlayerSink *sink)
{
  const DsLv2Uris *u = &plugin->uris;
  const LV2_Atom *speed = NULL, *bar = NULL, *bar_beat = NULL, *beats_per_bar = NULL;
  const LV2_Atom *beat_unit = NULL, *bpm = NULL, *at = NULL;
  DsLv2Position pos = { 0 };
  double value;
  guint change;
  int beats, unit;

  lv2_atom_object_get (obj, u->time_speed, &speed, u->time_bar, &bar, u->time_barBeat, &bar_beat,
                       u->time_beatsPerBar, &beats_per_bar, u->time_beatUnit, &beat_unit,
                       u->time_beatsPerMinute, &bpm, u->time_frame, &at, 0);
  pos.has_speed = ds_lv2_uris_number (u, speed, &pos.speed);
  if ((pos.has_bar = ds_lv2_uris_number (u, bar, &value)))
    pos.bar = (int64_t) value;
  pos.has_bar_beat = ds_lv2_uris_number (u, bar_beat, &pos.bar_beat);
  pos.has_beats_per_bar = ds_lv2_uris_number (u, beats_per_bar, &pos.beats_per_bar);
  if ((pos.has_beat_unit = ds_lv2_uris_number (u, beat_unit, &value)))
    pos.beat_unit = (int) value;
  pos.has_bpm = ds_lv2_uris_number (u, bpm, &pos.bpm);
  if ((pos.has_frame = ds_lv2_uris_number (u, at, &value)))
    pos.frame = (int64_t) value;

  change = ds_lv2_clock_update (&plugin->clock, &pos);
  if (change & (DS_LV2_CLOCK_STOPPED | DS_LV2_CLOCK_JUMPED | DS_LV2_CLOCK_METER))
    ds_lv2_player_silence (&plugin->player, 0, sink);
  if (ds_lv2_clock_meter (&plugin->clock, &beats, &unit)
      && (beats != plugin->responder_beats || unit != plugin->responder_unit)
      && (beats != plugin->refused_beats || unit != plugin->refused_unit))
    plugin->meter_wanted = TRUE;
  if (plugin->clock.rolling
      && (change & (DS_LV2_CLOCK_STARTED | DS_LV2_CLOCK_JUMPED | DS_LV2_CLOCK_METER)))
    ds_lv2_player_listen (&plugin->player, &plugin->clock);
}

static void
read_patch_set (DsLv2Plugin *plugin, const LV2_Atom_Object *obj)
{
  const LV2_Atom *property = NULL, *value = NULL;

  lv2_atom_object_get (obj, plugin->uris.patch_property, &property, plugin->uris.patch_value,
                       &value, 0);
  if (property == NULL || property->type != plugin->uris.atom_URID
      || ((const LV2_Atom_URID *) property)->body != plugin->uris.ds_model || value == NULL
      || value->type != plugin->uris.atom_Path || value->size == 0
      || value->size > DS_LV2_PATH_MAX)
    return;
  memcpy (plugin->pending_path, LV2_ATOM_BODY_CONST (value), value->size);
  plugin->pending_path[value->size - 1] = '\0';
  plugin->load_pending = TRUE;
  plugin->status = DS_LV2_STATUS_LOADING;
}

/* One input event, at the frame the player's stretch starts on. */
static void
read_event (DsLv2Plugin *plugin, const LV2_Atom_Event *ev, const DsLv2PlayerSink *sink)
{
  const DsLv2Uris *u = &plugin->uris;

  if (ev->body.type == u->midi_MidiEvent)
    {
      const uint8_t *msg = LV2_ATOM_BODY_CONST (&ev->body);

      if (ev->body.size == 3 && lv2_midi_message_type (msg) == LV2_MIDI_MSG_NOTE_ON)
        ds_lv2_player_hear (&plugin->player, &plugin->clock, msg[1], msg[2]);
      if (thru (plugin))
        sink->emit (sink->data, 0, msg, ev->body.size);
    }
  else if (ev->body.type == u->atom_Object || ev->body.type == u->atom_Blank)
    {
      const LV2_Atom_Object *obj = (const LV2_Atom_Object *) &ev->body;

      if (obj->body.otype == u->time_Position)
        read_position (plugin, obj, sink);
      else if (obj->body.otype == u->patch_Set)
        read_patch_set (plugin, obj);
      else if (obj->body.otype == u->patch_Get)
        notify_model (plugin, ((Output *) sink->data)->offset);
    }
}

static void
run (LV2_Handle instance, uint32_t n_frames)
{
  DsLv2Plugin *plugin = instance;
  Output out = { plugin, 0 };
  const DsLv2PlayerSink sink = { emit_midi, bar_heard, &out };
  LV2_Atom_Forge_Frame seq;
  uint32_t now = 0;

  lv2_atom_forge_set_buffer (&plugin->forge, (uint8_t *) plugin->out, plugin->out->atom.size);
  lv2_atom_forge_sequence_head (&plugin->forge, &seq, 0);
  if (plugin->notify_model)
    notify_model (plugin, 0);
  if (plugin->silence_first)
    {
      ds_lv2_player_silence (&plugin->player, 0, &sink);
      plugin->silence_first = FALSE;
    }
  request_work (plugin);
  apply_controls (plugin);

  LV2_ATOM_SEQUENCE_FOREACH (plugin->in, ev)
    {
      uint32_t frame = (uint32_t) CLAMP (ev->time.frames, (int64_t) now, (int64_t) n_frames);

      ds_lv2_player_advance (&plugin->player, &plugin->clock, answering (plugin), frame - now,
                             &sink);
      now = frame;
      out.offset = now;
      read_event (plugin, ev, &sink);
    }
  ds_lv2_player_advance (&plugin->player, &plugin->clock, answering (plugin), n_frames - now,
                         &sink);
  lv2_atom_forge_pop (&plugin->forge, &seq);
  request_work (plugin);

  if (plugin->status_port != NULL)
    *plugin->status_port = (float) plugin->status;
  if (plugin->learnt_port != NULL)
    *plugin->learnt_port = (float) plugin->learnt;
}

static void
deactivate (LV2_Handle instance)
{
  DsLv2Plugin *plugin = instance;

  /* No output can be written here: the notes that sound end in the first
   * cycle after the plugin is activated again. */
  plugin->silence_first = TRUE;
}

static void
cleanup (LV2_Handle instance)
{
  DsLv2Plugin *plugin = instance;

  ds_responder_free (plugin->responder);
  for (guint i = 0; i < plugin->n_graveyard; i++)
    ds_responder_free (plugin->graveyard[i]);
  ds_lv2_work_stop (plugin);
  g_mutex_clear (&plugin->path_lock);
  g_free (plugin);
}

static const void *
extension_data (const char *uri)
{
  if (strcmp (uri, LV2_WORKER__interface) == 0)
    return &ds_lv2_worker_interface;
  if (strcmp (uri, LV2_STATE__interface) == 0)
    return &ds_lv2_state_interface;
  return NULL;
}

static const LV2_Descriptor descriptor = {
  .URI = DS_LV2_URI,
  .instantiate = instantiate,
  .connect_port = connect_port,
  .activate = activate,
  .run = run,
  .deactivate = deactivate,
  .cleanup = cleanup,
  .extension_data = extension_data,
};

LV2_SYMBOL_EXPORT const LV2_Descriptor *
lv2_descriptor (uint32_t index)
{
  return index == 0 ? &descriptor : NULL;
}
