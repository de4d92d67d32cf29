/* bench-import.c: small MIDI files imported per second (see bench-import.h). */
#include "autoconfig.h"

#include "midi/bench-import.h"
#include "midi/export.h"
#include "midi/import.h"

#include <glib/gstdio.h>

#define FILES_PER_RUN 2000

typedef struct {
  char *dir;
  char *path;
} State;

static void
state_free (gpointer data)
{
  State *state = data;

  if (state->path != NULL)
    g_unlink (state->path);
  if (state->dir != NULL)
    g_rmdir (state->dir);
  g_free (state->path);
  g_free (state->dir);
  g_free (state);
}

static gpointer
setup (int threads, GError **error)
{
  State *state = g_new0 (State, 1);
  g_autoptr (DsLoop) loop = ds_loop_new (4);
  DsSignature four;
  DsVoices voices;
  DsExportOptions options;

  state->dir = g_dir_make_tmp ("drumswarm-bench-XXXXXX", error);
  if (state->dir == NULL || !ds_meter_parse_signature ("4/4", &four, error)
      || !ds_loop_add_bar (loop, &four, error) || !ds_loop_add_bar (loop, &four, error)
      || !ds_voices_parse ("kick=x..x..x...x.x...|x..x..x...x..x..,"
                           "snare=....x..x....x...|....x.......x.xx,"
                           "hat=x.x.x.x.x.x.x.x.|x.x.x.x.x.x.x.x.", &voices, error)
      || !ds_loop_set_voices (loop, &voices, error))
    {
      state_free (state);
      return NULL;
    }
  state->path = g_build_filename (state->dir, "loop.mid", NULL);
  ds_export_options_init (&options);
  options.humanize = 0.5;
  if (!ds_midi_export (loop, &options, state->path, error))
    {
      state_free (state);
      return NULL;
    }
  return state;
}

static double
run (gpointer data)
{
  State *state = data;
  DsImportOptions options;

  ds_import_options_init (&options);
  for (guint i = 0; i < FILES_PER_RUN; i++)
    {
      DsLoop *loop = ds_midi_import_file (state->path, &options, NULL);

      if (loop == NULL)
        return 0;
      ds_loop_free (loop);
    }
  return FILES_PER_RUN;
}

const DsBenchWorkload ds_bench_midi_import = {
  .name = "midi-import",
  .summary = "small drum-loop MIDI files imported (read, validated, libsmf, quantised)",
  .figure = "files/s",
  .single_thread = TRUE,
  .setup = setup,
  .run = run,
  .teardown = state_free,
};
