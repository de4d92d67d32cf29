/* drum-map.h: which MIDI note numbers play which voice.
 *
 * The default map is the kit's (src/rhythm/kit.h: General MIDI's percussion
 * key map grouped into the Groove MIDI Dataset's classes, with the Roland
 * TD-11 hi-hat edge notes 22 and 26): kick 36 35; snare 38 37 39 40; hat 42
 * 44 46 22 26; and the optional voices tom 45 41 43 47 48 50 58, crash 49 52
 * 55 57, ride 51 53 59.  A voice's first note is its main note, what export
 * writes for a hit the loop did not play.  By default the kit's default
 * voices (kick, snare and hat) are imported; the `[midi]` group of the config
 * chooses the voices (`voices = kick,snare,hat,ride`), changes a voice's notes
 * (`hat = 42 44 46`) or defines a new voice (`cowbell = 56`).  See
 * drumswarm.conf(5).
 */
#pragma once

#include <glib.h>

#include "src/base/config.h"
#include "src/rhythm/voices.h"

G_BEGIN_DECLS

#define DS_DRUM_MAP_ERROR (ds_drum_map_error_quark ())
typedef enum {
  DS_DRUM_MAP_ERROR_VOICE, /* an unknown or invalid voice name */
  DS_DRUM_MAP_ERROR_NOTE,  /* a note list that is not numbers 0..127, or a note in two voices */
} DsDrumMapError;

#define DS_DRUM_MAP_MAX_NOTES 16

typedef struct _DsDrumMap DsDrumMap;

GQuark ds_drum_map_error_quark (void);

/* The default map: the kit's voices, its default voices chosen. */
DsDrumMap *ds_drum_map_new (void);

/* The map of the config's [midi] group (the default map when it has none):
 * its `voices` key and a key per voice.  OTHER_KEYS (NULL-terminated, may be
 * NULL) are the group's other keys, which the caller reads; any key that is
 * neither is an error naming file:line. */
DsDrumMap *ds_drum_map_new_from_config (const DsConfig *config, const char *const *other_keys,
                                        GError **error);

/* Chooses the voices, a comma-separated list of names ("kick,snare,hat,ride");
 * names other than the built-in ones need notes from ds_drum_map_set_notes. */
gboolean ds_drum_map_set_voices (DsDrumMap *map, const char *list, GError **error);

/* Sets the notes of voice NAME from text such as "42 44 46" or "42,44,46";
 * NAME need not be among the chosen voices yet. */
gboolean ds_drum_map_set_notes (DsDrumMap *map, const char *name, const char *notes,
                                GError **error);

DsDrumMap *ds_drum_map_copy (const DsDrumMap *map);
void ds_drum_map_free (DsDrumMap *map);

/* The chosen voices, in order. */
guint ds_drum_map_n_voices (const DsDrumMap *map);
const char *ds_drum_map_voice_name (const DsDrumMap *map, guint voice);

/* The note export writes for VOICE (its first note). */
guint ds_drum_map_voice_note (const DsDrumMap *map, guint voice);

/* The chosen voice that NOTE plays, or -1 (notes outside 0..127 too). */
int ds_drum_map_voice_of_note (const DsDrumMap *map, guint note);

/* The General MIDI note export writes for a built-in voice NAME, or 0. */
guint ds_drum_map_default_note (const char *name);

/* The voices and their notes, "kick=36,35 snare=38,37,39,40 ..." (for messages). */
char *ds_drum_map_to_string (const DsDrumMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsDrumMap, ds_drum_map_free)

G_END_DECLS
