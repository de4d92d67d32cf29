/* uris.h: the URIs drumswarm.lv2 speaks, mapped once at instantiation.
 *
 * The plugin's own URIs (DS_LV2_URI and the model property) are defined here
 * and in drumswarm.ttl; the rest are the LV2 specifications' (atom, MIDI,
 * time, patch, state).  Mapping goes through the host's urid:map, which may
 * allocate, so it happens in instantiate(), never in run().
 */
#pragma once

#include <glib.h>
#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#define DS_LV2_URI "urn:drumswarm:lv2"
#define DS_LV2_MODEL_URI DS_LV2_URI "#model"

typedef struct {
  LV2_URID atom_Blank, atom_Object, atom_Path, atom_URID;
  LV2_URID atom_Int, atom_Long, atom_Float, atom_Double;
  LV2_URID midi_MidiEvent;
  LV2_URID time_Position, time_bar, time_barBeat, time_beatUnit, time_beatsPerBar;
  LV2_URID time_beatsPerMinute, time_speed, time_frame;
  LV2_URID patch_Get, patch_Set, patch_property, patch_value;
  LV2_URID ds_model;
} DsLv2Uris;

/* Maps every URI through MAP. */
void ds_lv2_uris_map (DsLv2Uris *uris, LV2_URID_Map *map);

/* The value of the number atom ATOM (atom:Int, Long, Float or Double) in
 * *VALUE; FALSE when ATOM is NULL or no number. */
gboolean ds_lv2_uris_number (const DsLv2Uris *uris, const LV2_Atom *atom, double *value);
