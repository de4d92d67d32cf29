/* import.h: a drum loop from a Standard MIDI File (format 0 or 1, any ppqn).
 *
 * The file is read whole, checked by our own validator and loaded by libsmf
 * (smf-io.h); drum notes come from channel 10 by default, or from the channel
 * asked for; when channel 10 has no notes, from every channel that has some
 * (many sequencers put drums on channel 1), which a notice says.  The notes
 * map to voices by the drum map (drum-map.h) and go onto the grid
 * (quantise.h); the tempo is the file's first, 120 bpm when it has none; the
 * loop's name is the first track name in the file, else the file's base name.
 *
 *   DsImportOptions options;
 *   ds_import_options_init (&options);          // channel 10, 4 steps per quarter
 *   options.bars = 2;                            // optional
 *   g_autoptr (DsLoop) loop = ds_midi_import_file ("in.mid", &options, &error);
 */
#pragma once

#include <glib.h>

#include "midi/drum-map.h"
#include "midi/loop.h"
#include "midi/quantise.h"
#include "src/base/config.h"

G_BEGIN_DECLS

typedef struct {
  guint channel;            /* 1..16; 0: channel 10, else every channel with notes */
  guint steps_per_quarter;  /* 1..96, or 0 for auto (default 4) */
  guint bars;               /* 0: from the file (default) */
  guint accent_velocity;    /* 1..127 (default 100) */
  const DsDrumMap *map;     /* NULL: the default map (kick, snare, hat) */
} DsImportOptions;

/* The [midi] keys that import reads besides the drum map's. */
#define DS_IMPORT_CONFIG_KEYS "channel", "resolution", "accent-velocity"

void ds_import_options_init (DsImportOptions *options);

/* Parses a --resolution value: "auto" (0) or steps per quarter note, 1..96. */
gboolean ds_import_parse_resolution (const char *text, guint *steps_per_quarter,
                                     GError **error);

/* Reads channel, resolution and accent-velocity of CONFIG's [midi] group into
 * OPTIONS, and its drum map into *MAP (owned by the caller; OPTIONS->map then
 * points to it). */
gboolean ds_import_options_load_config (DsImportOptions *options, const DsConfig *config,
                                        DsDrumMap **map, GError **error);

/* Imports PATH. */
DsLoop *ds_midi_import_file (const char *path, const DsImportOptions *options, GError **error);

/* Imports the LENGTH bytes of DATA; NAME stands for the file in messages. */
DsLoop *ds_midi_import_data (const guint8 *data, gsize length, const char *name,
                             const DsImportOptions *options, GError **error);

/* The events of DATA (all channels) as libsmf reads them, for tests and tools. */
gboolean ds_midi_read_events (const guint8 *data, gsize length, const char *name,
                              DsMidiEvents *events, char **track_name, GError **error);

G_END_DECLS
