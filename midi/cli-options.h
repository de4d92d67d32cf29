/* cli-options.h: the MIDI options that show, convert, respond and session share.
 *
 * One struct holds the option values and the GOptionEntry tables that fill
 * them, so that every command spells them the same way:
 *   import: --resolution N|auto, --bars N, --channel N, --accent-velocity N,
 *           --voices LIST, --verbose
 *   export: --repeat N, --groove AMOUNT|loop|none, --humanize AMOUNT, --seed S
 *   config: -c/--config FILE (its [midi] group; the command line wins)
 * Usage: ds_midi_cli_options_init(), add the entry tables to a GOptionContext,
 * parse, then ds_midi_cli_options_resolve() and use .import / .export;
 * ds_midi_cli_options_clear() at the end.  The struct must not move between
 * taking the tables and parsing.
 */
#pragma once

#include <glib.h>

#include "midi/drum-map.h"
#include "midi/export.h"
#include "midi/import.h"
#include "src/base/config.h"

G_BEGIN_DECLS

typedef struct {
  DsImportOptions import;  /* ready after resolve */
  DsExportOptions export;  /* ready after resolve */
  gboolean verbose;
  gboolean answers;        /* for respond and session (see ds_midi_cli_options_init_answers) */
  /* raw values from the command line */
  char *config_path;
  char *resolution;
  char *voices;
  char *groove_text; /* --groove: an amount, loop or none */
  int channel;   /* G_MININT: not given */
  int bars;      /* G_MININT: not given */
  int accent_velocity; /* G_MININT: not given */
  int repeat;
  double groove;
  double humanize;
  gint64 seed;
  /* owned */
  DsDrumMap *map;
  DsConfig *config;
  GOptionEntry config_entries[2];
  GOptionEntry import_entries[7];
  GOptionEntry export_entries[5];
} DsMidiCliOptions;

void ds_midi_cli_options_init (DsMidiCliOptions *options);

/* As ds_midi_cli_options_init, for the commands that export an answer to a loop
 * (respond, session): --groove defaults to 1 (the loop's own feel), -c reads the
 * whole config and --seed seeds the agents too, as their help says. */
void ds_midi_cli_options_init_answers (DsMidiCliOptions *options);

/* Initialises OPTIONS as ds_midi_cli_options_init_answers and adds the config,
 * import and export entries to CONTEXT. */
void ds_midi_cli_options_add_answers (DsMidiCliOptions *options, GOptionContext *context);
void ds_midi_cli_options_clear (DsMidiCliOptions *options);

const GOptionEntry *ds_midi_cli_config_entries (DsMidiCliOptions *options);
const GOptionEntry *ds_midi_cli_import_entries (DsMidiCliOptions *options);
const GOptionEntry *ds_midi_cli_export_entries (DsMidiCliOptions *options);

/* Loads the config (CONFIG when not NULL, else -c FILE when given), applies
 * its [midi] group, then the command line; checks every value. */
gboolean ds_midi_cli_options_resolve (DsMidiCliOptions *options, const DsConfig *config,
                                      GError **error);

/* For a model's voices: unless --voices or the config's [midi] voices chose
 * the voices to import, imports NAMES (N_NAMES of them; those the drum map has
 * no notes for are left out), so that every voice of the model is read from
 * the loop and no other voice leaves the pass-through.  Call after resolve. */
gboolean ds_midi_cli_options_default_voices (DsMidiCliOptions *options,
                                             const char *const *names, guint n_names,
                                             GError **error);

/* The bars of LOOP (imported from INPUT with OPTIONS) that the file itself
 * holds: all of them, or when --bars asked for more than the file has, the
 * file's (the others are silent: an answer's evolving bars).  0 on error. */
guint ds_midi_cli_options_own_bars (const DsMidiCliOptions *options, const char *input,
                                    const DsLoop *loop, GError **error);

G_END_DECLS
