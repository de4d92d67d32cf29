/* uris.c: the URIDs of drumswarm.lv2 (uris.h). */
#include "autoconfig.h"

#include "src/lv2/uris.h"

#include <lv2/atom/atom.h>
#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>

void
ds_lv2_uris_map (DsLv2Uris *uris, LV2_URID_Map *map)
{
  LV2_URID_Map_Handle h = map->handle;

  uris->atom_Blank = map->map (h, LV2_ATOM__Blank);
  uris->atom_Object = map->map (h, LV2_ATOM__Object);
  uris->atom_Path = map->map (h, LV2_ATOM__Path);
  uris->atom_URID = map->map (h, LV2_ATOM__URID);
  uris->atom_Int = map->map (h, LV2_ATOM__Int);
  uris->atom_Long = map->map (h, LV2_ATOM__Long);
  uris->atom_Float = map->map (h, LV2_ATOM__Float);
  uris->atom_Double = map->map (h, LV2_ATOM__Double);
  uris->midi_MidiEvent = map->map (h, LV2_MIDI__MidiEvent);
  uris->time_Position = map->map (h, LV2_TIME__Position);
  uris->time_bar = map->map (h, LV2_TIME__bar);
  uris->time_barBeat = map->map (h, LV2_TIME__barBeat);
  uris->time_beatUnit = map->map (h, LV2_TIME__beatUnit);
  uris->time_beatsPerBar = map->map (h, LV2_TIME__beatsPerBar);
  uris->time_beatsPerMinute = map->map (h, LV2_TIME__beatsPerMinute);
  uris->time_speed = map->map (h, LV2_TIME__speed);
  uris->time_frame = map->map (h, LV2_TIME__frame);
  uris->patch_Get = map->map (h, LV2_PATCH__Get);
  uris->patch_Set = map->map (h, LV2_PATCH__Set);
  uris->patch_property = map->map (h, LV2_PATCH__property);
  uris->patch_value = map->map (h, LV2_PATCH__value);
  uris->ds_model = map->map (h, DS_LV2_MODEL_URI);
}

gboolean
ds_lv2_uris_number (const DsLv2Uris *uris, const LV2_Atom *atom, double *value)
{
  if (atom == NULL)
    return FALSE;
  if (atom->type == uris->atom_Int && atom->size >= sizeof (int32_t))
    *value = ((const LV2_Atom_Int *) atom)->body;
  else if (atom->type == uris->atom_Long && atom->size >= sizeof (int64_t))
    *value = (double) ((const LV2_Atom_Long *) atom)->body;
  else if (atom->type == uris->atom_Float && atom->size >= sizeof (float))
    *value = ((const LV2_Atom_Float *) atom)->body;
  else if (atom->type == uris->atom_Double && atom->size >= sizeof (double))
    *value = ((const LV2_Atom_Double *) atom)->body;
  else
    return FALSE;
  return TRUE;
}
