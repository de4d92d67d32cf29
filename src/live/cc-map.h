/* cc-map.h: which MIDI control change drives which of drumswarm live's
 * controls: a knob of the reward mix (for every voice or for one), the
 * temperature, or whether a voice answers.
 *
 * The map comes from the config's [live] group, one key a controller:
 *   [live]
 *   cc-21 = style            ; the style knob of every voice
 *   cc-22 = snare:density    ; the density knob of the snare alone
 *   cc-23 = temperature
 *   cc-24 = hat:play         ; the hat answers while the controller is at 64 or above
 * Without any cc- key, controllers 21 to 26 turn the knobs loop, complexity,
 * density, interplay, style and anchors, and 27 the temperature.  A knob or
 * the temperature takes the controller's value / 64 (0 to 1.98; 64 is 1, the
 * mix as written).  See drumswarm.conf(5).
 */
#pragma once

#include <glib.h>

#include "src/base/config.h"
#include "src/responder/drumswarm.h"

G_BEGIN_DECLS

typedef enum {
  DS_LIVE_CC_NONE,
  DS_LIVE_CC_KNOB,
  DS_LIVE_CC_TEMPERATURE,
  DS_LIVE_CC_PLAY,
} DsLiveCcKind;

typedef struct {
  DsLiveCcKind kind;
  int voice;     /* the responder's voice, -1: every voice */
  DsKnob knob;
} DsLiveCcTarget;

typedef struct {
  DsLiveCcTarget targets[128];
} DsLiveCcMap;

/* The knob's name in the config and the man page ("loop", "style" ...). */
const char *ds_live_knob_name (DsKnob knob);

/* The map of controllers 21 to 27 described above. */
void ds_live_cc_map_init_default (DsLiveCcMap *map);

/* The default map, or the one in CONFIG's [live] group when it has cc- keys;
 * voices are RESPONDER's.  Errors name the file, the line and the key. */
gboolean ds_live_cc_map_read (DsLiveCcMap *map, const DsConfig *config,
                              const DsResponder *responder, GError **error);

/* The value a knob or the temperature takes from a controller VALUE (0-127). */
static inline double
ds_live_cc_weight (guint8 value)
{
  return value / 64.0;
}

G_END_DECLS
