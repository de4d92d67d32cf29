/* cmd-convert.c: `drumswarm convert IN.mid OUT.mid`: import a loop and export it.
 *
 * A quantiser on its own: the loop of IN.mid (its drum voices on the grid of
 * --resolution, --bars bars) written to OUT.mid as drumswarm exports answers:
 * format 1, a track per voice on the drum channel, velocities from accents and
 * metrical weight; --groove keeps some of the loop's own timing and
 * velocities, --humanize adds seeded variation, --repeat writes it N times.
 * Everything else in IN.mid (other drums, other instruments, controllers,
 * tempo changes) passes through as it came.  OUT.mid is written atomically
 * and never over IN.mid; "-" is standard input for IN.mid and standard output
 * for OUT.mid.
 */
#include "autoconfig.h"

#include <stdio.h>

#include "midi/cli-options.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/base/file.h"

static int
convert_run (int argc, char **argv)
{
  DsMidiCliOptions midi;
  g_autoptr (GOptionContext) context
      = g_option_context_new ("IN.mid OUT.mid - quantise a drum loop into a new MIDI file "
                              "(- for standard input or output)");
  g_autoptr (GError) error = NULL;
  g_autoptr (DsLoop) loop = NULL;
  g_autoptr (GPtrArray) notices = NULL;
  int status = DS_EXIT_OK;

  ds_midi_cli_options_init (&midi);
  g_option_context_add_main_entries (context, ds_midi_cli_import_entries (&midi), NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_export_entries (&midi), NULL);
  g_option_context_add_main_entries (context, ds_midi_cli_config_entries (&midi), NULL);
  g_option_context_set_description (context,
      "Example:\n  drumswarm convert --resolution auto --groove 1 loop.mid loop-tidy.mid");
  if (!ds_cli_parse (context, "convert", &argc, &argv, &status))
    goto out;
  if (argc != 3)
    {
      status = ds_cli_usage ("convert", "give IN.mid and OUT.mid");
      goto out;
    }
  if (ds_file_same (argv[1], argv[2]))
    {
      status = ds_cli_usage ("convert", "%s is the input file; write the result to another file",
                             argv[2]);
      goto out;
    }
  if ((status = ds_cli_check_std ("convert", FALSE, "IN.mid", argv[1], "-c",
                                  midi.config_path, NULL)) != DS_EXIT_OK)
    goto out;
  if (!ds_midi_cli_options_resolve (&midi, NULL, &error)
      || (loop = ds_midi_import_file (argv[1], &midi.import, &error)) == NULL)
    {
      status = ds_cli_fail_option ("convert", error);
      goto out;
    }
  notices = ds_loop_notices (loop, midi.verbose);
  ds_cli_notices (notices);
  ds_loop_set_from_grid (loop);
  if (!ds_midi_export (loop, &midi.export, argv[2], &error))
    status = ds_cli_fail (error);
out:
  ds_midi_cli_options_clear (&midi);
  return status;
}

const DsCommand ds_cmd_convert = {
  .name = "convert",
  .usage = "[--resolution N|auto] [--bars N] [--groove A] [--humanize A] [--repeat N] "
           "IN.mid OUT.mid",
  .summary = "quantise a drum loop from one MIDI file into another",
  .run = convert_run,
};
