/* cmd-show.c: `drumswarm show FILE.mid`: the grid of an imported drum loop.
 *
 * A header line `# meter 4/4, 2 bars, 32 steps, 120 bpm` (with the grid when it
 * is not 4 steps per quarter note), then one line per voice,
 * `kick<TAB>x...x...x...x...|x...x...x...x...`, bars separated by `|`.
 * `--all-notes` adds a line per note number that the drum map left out.
 * What the import left out or changed goes to stderr, one line each.
 */
#include "autoconfig.h"

#include <stdio.h>

#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "midi/cli-options.h"
#include "src/base/file.h"

static void
print_loop (const DsLoop *loop, gboolean all_notes, gboolean accents, guint asked_resolution)
{
  g_autofree char *meter = ds_loop_meter_to_string (loop);
  char bpm[32];
  guint spq = ds_loop_steps_per_quarter (loop);

  printf ("# meter %s, %u bars, %u steps, %s bpm", meter, ds_loop_n_bars (loop),
          ds_loop_length (loop), ds_loop_format_bpm (bpm, ds_loop_bpm (loop)));
  if (asked_resolution == 0)
    printf (", %u steps per quarter (auto)", spq);
  else if (spq != 4)
    printf (", %u steps per quarter", spq);
  printf ("\n");
  for (guint v = 0; v < ds_loop_n_voices (loop); v++)
    {
      g_autofree char *grid = ds_loop_voice_to_string (loop, v, accents);

      printf ("%s\t%s\n", ds_loop_voice_name (loop, v), grid);
    }
  for (guint n = 0; all_notes && n < 128; n++)
    if (ds_loop_unmapped_counts (loop)[n] > 0)
      {
        g_autofree char *grid = ds_loop_unmapped_to_string (loop, n);

        printf ("note-%u\t%s\n", n, grid);
      }
}

static int
show_run (int argc, char **argv)
{
  DsMidiCliOptions midi;
  gboolean all_notes = FALSE, accents = FALSE;
  const GOptionEntry entries[] = {
    { "all-notes", 'a', 0, G_OPTION_ARG_NONE, &all_notes,
      "Add a line per note number that maps to no voice (note-51 ...)", NULL },
    { "accents", 'A', 0, G_OPTION_ARG_NONE, &accents,
      "Print accented onsets as X", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE.mid - show a loop's grid");
  g_autoptr (GError) error = NULL;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;
  int status = DS_EXIT_OK;

  ds_midi_cli_options_init (&midi);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_import_entries (&midi), NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_config_entries (&midi), NULL);
  g_option_context_set_description (context,
      "Example:\n  drumswarm show examples/rock.mid");
  if (!ds_cli_parse (context, "show", &argc, &argv, &status))
    {
      ds_midi_cli_options_clear (&midi);
      return status;
    }
  if (argc != 2)
    {
      ds_midi_cli_options_clear (&midi);
      return ds_cli_usage ("show", argc < 2 ? "give one FILE.mid" : "give only one FILE.mid");
    }
  if (ds_cli_check_std ("show", FALSE, "FILE.mid", argv[1], "-c", midi.config_path, NULL)
      != DS_EXIT_OK)
    {
      ds_midi_cli_options_clear (&midi);
      return DS_EXIT_USAGE;
    }
  if (!ds_midi_cli_options_resolve (&midi, NULL, &error)
      || (loop = ds_midi_import_file (argv[1], &midi.import, &error)) == NULL)
    {
      ds_midi_cli_options_clear (&midi);
      return ds_cli_fail_option ("show", error);
    }
  notices = ds_loop_notices (loop, midi.verbose);
  ds_cli_notices (notices);
  print_loop (loop, all_notes, accents, midi.import.steps_per_quarter);
  ds_midi_cli_options_clear (&midi);
  return DS_EXIT_OK;
}

const DsCommand ds_cmd_show = {
  .name = "show",
  .usage = "[--resolution N|auto] [--bars N] [--channel N] [--all-notes] FILE.mid",
  .summary = "print the grid of a drum loop from a MIDI file",
  .run = show_run,
};
