/* cmd-style.c: `drumswarm style`: a drumming style learned from human-played
 * loops (src/stage/style.h), the reward term `style` of drumswarm.conf(5).
 *
 *   style learn DIR -o FILE   fit a style on the MIDI loops under DIR (all of them,
 *                             or those --list or --info/--where name)
 *   style show [STYLE]        what a style holds: its corpus, voice densities by
 *                             metrical class, calibration
 *   style score PATTERN...    a style's value of bars (`kick=x...,snare=....`)
 *   style eval DIR            how well a style predicts other loops: bits per step
 *                             against density-only models, human against shuffled bars
 * STYLE is a file (a path with '/' or ending in .dsstyle) or a bundled style's
 * name; the default is the bundled `gmd`, fitted on the Groove MIDI Dataset.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "midi/cli-options.h"
#include "midi/corpus.h"
#include "midi/style-learn.h"
#include "src/base/config.h"
#include "src/base/file.h"
#include "src/base/format.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/cli/selection.h"
#include "src/rhythm/voices.h"

#define DEFAULT_STYLE "gmd"
#define DEFAULT_VOICES "kick,snare,hat,tom,crash,ride"

/* The loops of DIR that the options choose, or NULL after printing the error
 * (*STATUS says which kind). */
static GPtrArray *
selection_files (const DsCliSelection *s, const char *dir, int *status)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *files;

  if ((*status = ds_cli_selection_check (s, "style")) != DS_EXIT_OK)
    return NULL;
  files = ds_cli_selection_files (s, dir, TRUE, &error);
  if (files == NULL)
    *status = ds_cli_fail (error);
  return files;
}

/* --- learn --------------------------------------------------------------------- */

/* The name a style takes from its file: the base name without .dsstyle. */
static char *
name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static int
learn_run (int argc, char **argv)
{
  g_autofree char *output = NULL, *name = NULL, *voices = NULL, *config_path = NULL;
  gboolean named_by_output = FALSE;
  g_autofree char *resolution = NULL;
  int channel = G_MININT;
  DsCliSelection selection = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the style to FILE", "FILE" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      "The style's name (default: the file's name without .dsstyle)", "NAME" },
    { "voices", 0, 0, G_OPTION_ARG_STRING, &voices,
      "The voices of the style, at most 6 (default: the config's [midi] voices, else "
      DEFAULT_VOICES ")", "LIST" },
    { "resolution", 'r', 0, G_OPTION_ARG_STRING, &resolution,
      "Steps per quarter note of the style's grid, 1 to 16 (default 4: 16 per 4/4 bar)", "N" },
    { "channel", 'C', 0, G_OPTION_ARG_INT, &channel,
      "Take the drum notes of this channel, 1 to 16 (default 10)", "N" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read the [midi] group of this config file (drum map; drumswarm.conf(5))", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("DIR - fit a style on MIDI loops");
  g_autoptr (GPtrArray) files = NULL, notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = NULL;
  const char *names[DS_VOICES_MAX];
  DsMidiCliOptions midi;
  int status = DS_EXIT_OK;
  guint n_voices, n_loops;

  g_option_context_add_main_entries (context, entries, NULL);
  ds_cli_selection_add_entries (&selection, context);
  g_option_context_set_description (context,
      "Every MIDI file under DIR (subfolders too) is a loop, unless --list or --info\n"
      "chooses some.  The bundled style is made so (bench/make-style.sh):\n"
      "  drumswarm style learn /work/shared/gmd --info /work/shared/gmd/info.csv \\\n"
      "      --where split=train --where beat_type=beat -o examples/gmd.dsstyle");
  if (!ds_cli_parse (context, "style", &argc, &argv, &status))
    {
      ds_cli_selection_clear (&selection);
      return status;
    }
  if (argc != 2 || output == NULL)
    {
      ds_cli_selection_clear (&selection);
      return ds_cli_usage ("style", argc != 2 ? "learn: give one DIR of MIDI loops"
                                              : "learn: give the style's file, -o FILE");
    }
  if (!ds_file_check_destination (output, &error))
    {
      ds_cli_selection_clear (&selection);
      return ds_cli_fail (error);
    }
  files = selection_files (&selection, argv[1], &status);
  ds_cli_selection_clear (&selection);
  if (files == NULL)
    return status;

  /* the six voices, unless --voices or the config's [midi] voices say otherwise */
  if (voices == NULL)
    {
      g_autoptr (DsConfig) config = config_path != NULL ? ds_config_load (config_path, &error)
                                                        : NULL;

      if (config_path != NULL && config == NULL)
        return ds_cli_fail (error);
      if (config == NULL || !ds_config_has_key (config, "midi", "voices"))
        voices = g_strdup (DEFAULT_VOICES);
    }
  ds_midi_cli_options_init (&midi);
  midi.config_path = g_steal_pointer (&config_path);
  midi.voices = g_steal_pointer (&voices);
  midi.resolution = resolution != NULL ? g_steal_pointer (&resolution) : g_strdup ("4");
  midi.channel = channel;
  if (!ds_midi_cli_options_resolve (&midi, NULL, &error))
    {
      ds_midi_cli_options_clear (&midi);
      return ds_cli_fail (error);
    }
  if (midi.import.steps_per_quarter == 0 || midi.import.steps_per_quarter > DS_STYLE_MAX_RESOLUTION)
    {
      ds_midi_cli_options_clear (&midi);
      return ds_cli_usage ("style", "learn: --resolution must be 1 to %d steps per quarter note",
                           DS_STYLE_MAX_RESOLUTION);
    }
  n_voices = ds_drum_map_n_voices (midi.import.map);
  for (guint v = 0; v < n_voices; v++)
    names[v] = ds_drum_map_voice_name (midi.import.map, v);
  if (name == NULL)
    {
      name = name_from_path (output);
      named_by_output = TRUE;
    }
  /* before the corpus is read, which can take minutes */
  if (!ds_style_check_name (name, &error))
    {
      ds_midi_cli_options_clear (&midi);
      g_prefix_error (&error, named_by_output ? "learn: the style is named after its file (give "
                                                "--name): "
                                              : "learn: --name: ");
      return ds_cli_fail (error);
    }
  style = ds_style_learn (files, &midi.import, names, n_voices, name, notices, &n_loops, &error);
  ds_midi_cli_options_clear (&midi);
  ds_cli_notices (notices);
  if (style == NULL || !ds_style_save (style, output, &error))
    return ds_cli_fail (error);
  printf ("# style %s: %u loops, %u bars, %" G_GUINT64_FORMAT " steps at %u per quarter note\n",
          ds_style_name (style), ds_style_n_loops (style), ds_style_n_bars (style),
          ds_style_n_steps (style), ds_style_resolution (style));
  printf ("# wrote %s\n", output);
  return DS_EXIT_OK;
}

/* --- show ------------------------------------------------------------------------ */

static void
print_calibration (const DsStyle *style, guint mask)
{
  char a[DS_FORMAT_BUF_SIZE], b[DS_FORMAT_BUF_SIZE];
  double random, human;

  ds_style_calibration (style, mask, &random, &human);
  printf ("calibration\t");
  for (guint v = 0, first = 1; v < ds_style_n_voices (style); v++)
    if ((mask >> v) & 1)
      {
        printf ("%s%s", first ? "" : ",", ds_style_voice_name (style, v));
        first = 0;
      }
  printf ("\t%s\t%s\n", ds_format_double (a, random), ds_format_double (b, human));
}

static int
show_run (int argc, char **argv)
{
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
      "Print the calibration of every subset of the voices", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[STYLE] - what a style holds");
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = NULL;
  int status = DS_EXIT_OK;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "style", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return ds_cli_usage ("style", "show: give at most one STYLE");
  style = ds_style_open (argc == 2 ? argv[1] : DEFAULT_STYLE, &error);
  if (style == NULL)
    return ds_cli_fail (error);
  n = ds_style_n_voices (style);
  printf ("# style %s: %u loops, %u bars, %" G_GUINT64_FORMAT " steps at %u per quarter note\n",
          ds_style_name (style), ds_style_n_loops (style), ds_style_n_bars (style),
          ds_style_n_steps (style), ds_style_resolution (style));
  printf ("class\tshare");
  for (guint v = 0; v < n; v++)
    printf ("\t%s", ds_style_voice_name (style, v));
  printf ("\n");
  for (guint c = 0; c < DS_STYLE_N_CLASSES; c++)
    {
      if (ds_style_class_share (style, c) == 0.0)
        continue;
      printf ("%s\t%.4f", ds_style_class_name (c), ds_style_class_share (style, c));
      for (guint v = 0; v < n; v++)
        printf ("\t%.4f", ds_style_density (style, c, v));
      printf ("\n");
    }
  printf ("# calibration: voices, then the median log2-likelihood per step of random and "
          "of human bars\n");
  for (guint mask = 1; mask < (1u << n); mask++)
    if (all || mask == (1u << n) - 1)
      print_calibration (style, mask);
  return DS_EXIT_OK;
}

/* --- score ----------------------------------------------------------------------- */

static int
score_run (int argc, char **argv)
{
  g_autofree char *style_name = NULL, *meter_text = NULL;
  gboolean raw = FALSE;
  const GOptionEntry entries[] = {
    { "style", 's', 0, G_OPTION_ARG_STRING, &style_name,
      "The style: a file or a bundled style's name (default " DEFAULT_STYLE ")", "STYLE" },
    { "meter", 'M', 0, G_OPTION_ARG_STRING, &meter_text,
      "Time signature of the patterns, e.g. 4/4, 6/8 or 7/8:2+2+3 (default 4/4)", "N/D" },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      "Print the log2-likelihood per step of the bars as loops, not the value in [0, 1]",
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("PATTERN... - a style's value "
                                                             "of bars");
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = NULL;
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
      "Example:\n  drumswarm style score "
      "'kick=x.......x.x.....,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.'");
  if (!ds_cli_parse (context, "style", &argc, &argv, &status))
    return status;
  if (argc < 2)
    return ds_cli_usage ("style", "score: give at least one PATTERN, e.g. "
                                  "'kick=x...x...x...x...,snare=....x.......x...'");
  style = ds_style_open (style_name != NULL ? style_name : DEFAULT_STYLE, &error);
  if (style == NULL)
    return ds_cli_fail (error);
  for (int a = 1; a < argc; a++)
    {
      g_autoptr (DsMeter) meter = NULL;
      g_autoptr (DsStyleScorer) scorer = NULL;
      const char *names[DS_VOICES_MAX];
      char buf[DS_FORMAT_BUF_SIZE];
      DsVoices voices;

      if (!ds_voices_parse (argv[a], &voices, &error))
        return ds_cli_fail (error);
      if (voices.names[0][0] == '\0')
        return ds_cli_usage ("style", "score: '%s': name the voices, e.g. "
                             "'kick=x...x...x...x...,snare=....x.......x...'", argv[a]);
      for (guint v = 0; v < voices.n_voices; v++)
        names[v] = voices.names[v];
      meter = ds_meter_new_for_length (meter_text, voices.length, &error);
      if (meter == NULL)
        return ds_cli_fail (error);
      scorer = ds_style_scorer_new (style, meter, names, voices.n_voices, &error);
      if (scorer == NULL)
        {
          g_prefix_error (&error, "'%s': ", argv[a]);
          return ds_cli_fail (error);
        }
      printf ("%s\tstyle(%s)\t%s\n", argv[a], ds_style_name (style),
              ds_format_double (buf, raw ? ds_style_scorer_log2 (scorer, voices.patterns)
                                         : ds_style_scorer_value (scorer, voices.patterns)));
    }
  return DS_EXIT_OK;
}

/* --- eval ------------------------------------------------------------------------ */

static int
eval_run (int argc, char **argv)
{
  g_autofree char *style_name = NULL, *judge = NULL, *config_path = NULL;
  gint64 seed = 1;
  DsCliSelection selection = { 0 };
  const GOptionEntry entries[] = {
    { "style", 's', 0, G_OPTION_ARG_STRING, &style_name,
      "The style: a file or a bundled style's name (default " DEFAULT_STYLE ")", "STYLE" },
    { "judge", 'j', 0, G_OPTION_ARG_STRING, &judge,
      "Judge these of the style's voices together (default all of them)", "LIST" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Random seed of the shuffled bars (default 1)", "S" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read the [midi] group of this config file (drum map; drumswarm.conf(5))", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("DIR - how well a style predicts "
                                                             "loops");
  g_autoptr (GPtrArray) files = NULL, notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsStyle) style = NULL;
  g_auto (GStrv) judged = NULL;
  g_autoptr (GString) voices = g_string_new (NULL);
  DsMidiCliOptions midi;
  DsStyleEvalResult r;
  char b1[DS_FORMAT_BUF_SIZE];
  int status = DS_EXIT_OK;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  ds_cli_selection_add_entries (&selection, context);
  g_option_context_set_description (context,
      "Prints the mean log2-likelihood per step of the loops under the style and under\n"
      "density-only models (independent voices at the corpus's density of each metrical\n"
      "class, and overall), then the style's mean value and log2-likelihood of the bars\n"
      "and of the\n"
      "same bars with each voice's onsets shuffled (each bar as a loop).\n\n"
      "Example:\n  drumswarm style eval /work/shared/gmd --info /work/shared/gmd/info.csv \\\n"
      "      --where split=validation --where beat_type=beat --judge kick,snare,hat");
  if (!ds_cli_parse (context, "style", &argc, &argv, &status))
    {
      ds_cli_selection_clear (&selection);
      return status;
    }
  if (argc != 2)
    {
      ds_cli_selection_clear (&selection);
      return ds_cli_usage ("style", "eval: give one DIR of MIDI loops");
    }
  style = ds_style_open (style_name != NULL ? style_name : DEFAULT_STYLE, &error);
  if (style == NULL)
    {
      ds_cli_selection_clear (&selection);
      return ds_cli_fail (error);
    }
  files = selection_files (&selection, argv[1], &status);
  ds_cli_selection_clear (&selection);
  if (files == NULL)
    return status;
  for (guint v = 0; v < ds_style_n_voices (style); v++)
    g_string_append_printf (voices, "%s%s", v > 0 ? "," : "", ds_style_voice_name (style, v));
  ds_midi_cli_options_init (&midi);
  midi.config_path = g_steal_pointer (&config_path);
  midi.voices = g_strdup (voices->str);
  midi.resolution = g_strdup_printf ("%u", ds_style_resolution (style));
  if (!ds_midi_cli_options_resolve (&midi, NULL, &error))
    {
      ds_midi_cli_options_clear (&midi);
      return ds_cli_fail (error);
    }
  if (judge != NULL)
    {
      judged = g_strsplit (judge, ",", -1);
      for (guint i = 0; judged[i] != NULL; i++)
        g_strstrip (judged[i]);
    }
  ok = ds_style_judge (style, files, &midi.import, (const char *const *) judged,
                       judged != NULL ? g_strv_length (judged) : 0, (guint64) seed, notices, &r,
                       &error);
  ds_midi_cli_options_clear (&midi);
  ds_cli_notices (notices);
  if (!ok)
    return ds_cli_fail (error);
  printf ("# style %s judges %s on %u files: %" G_GUINT64_FORMAT " steps, %u bars with onsets\n",
          ds_style_name (style), judge != NULL ? judge : voices->str, files->len, r.steps, r.bars);
  printf ("bits-per-step\tstyle\t%s\n", ds_format_double (b1, r.bits_style));
  printf ("bits-per-step\tdensity-by-class\t%s\n", ds_format_double (b1, r.bits_class));
  printf ("bits-per-step\tdensity\t%s\n", ds_format_double (b1, r.bits_overall));
  printf ("value\thuman\t%s\n", ds_format_double (b1, r.value_human));
  printf ("value\tshuffled\t%s\n", ds_format_double (b1, r.value_random));
  printf ("loop-bits-per-step\thuman\t%s\n", ds_format_double (b1, r.loop_human));
  printf ("loop-bits-per-step\tshuffled\t%s\n", ds_format_double (b1, r.loop_random));
  printf ("above-shuffled\t%s\n", ds_format_double (b1, r.above));
  return DS_EXIT_OK;
}

/* --- the command ----------------------------------------------------------------- */

static const struct {
  const char *name;
  const char *usage;
  int (*run) (int argc, char **argv);
} subcommands[] = {
  { "learn", "learn DIR -o FILE [--name NAME] [--list FILE | --info CSV [--where COL=VALUE]...] "
             "[--voices LIST] [--resolution N] [--channel N] [-c FILE]", learn_run },
  { "show", "show [--all] [STYLE]", show_run },
  { "score", "score [-s STYLE] [--meter N/D] [--raw] PATTERN...", score_run },
  { "eval", "eval [-s STYLE] DIR [--list FILE | --info CSV [--where COL=VALUE]...] "
            "[--judge LIST] [--seed S] [-c FILE]", eval_run },
};

static int
style_run (int argc, char **argv)
{
  g_autofree char *prgname = NULL;

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf ("Usage:\n");
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        printf ("  drumswarm style %s\n", subcommands[i].usage);
      printf ("\nA drumming style learned from human-played MIDI loops, the reward term\n"
              "'style' (drumswarm.conf(5)).  STYLE is a file (a path with '/' or ending in\n"
              ".dsstyle) or a bundled style's name; the default, " DEFAULT_STYLE ", was fitted "
              "on the\nGroove MIDI Dataset's train beats.  'drumswarm style SUBCOMMAND --help' "
              "shows\nits options.\n\n"
              "Examples:\n"
              "  drumswarm style learn ~/loops/jazz -o jazz.dsstyle\n"
              "  drumswarm style show\n"
              "  drumswarm style score 'kick=x.......x.x.....,snare=....x.......x...'\n"
              "  drumswarm score --reward 'snare: 0.7 style + 0.3 density-target(0.2)' \\\n"
              "      'kick=x.......x.x.....,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.'\n");
      return DS_EXIT_OK;
    }
  if (argc < 2)
    return ds_cli_usage ("style", "give a subcommand: learn, show, score or eval");
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        prgname = g_strdup_printf ("drumswarm style %s", subcommands[i].name);
        g_set_prgname (prgname);
        return subcommands[i].run (argc - 1, argv + 1);
      }
  return ds_cli_usage ("style", "'%s' is not a subcommand (learn, show, score or eval)", argv[1]);
}

const DsCommand ds_cmd_style = {
  .name = "style",
  .usage = "learn|show|score|eval ...",
  .summary = "learn a drumming style from MIDI loops; show, score and test one",
  .run = style_run,
};
