/* cmd-score.c: `drumswarm score`: the measures, relations and reward mixes of patterns.
 *
 * One TSV line per pattern and measure, `pattern<TAB>measure<TAB>value`: values
 * normalised to [0, 1], or with --raw as the literature defines them.  A
 * relation names its other voice, `anti-coincidence(kick)`, and is printed for
 * every other voice of a multi-voice argument, the pattern column then reading
 * `snare=.xxx.xxx`.  Without --measure every measure is printed, and for a
 * multi-voice argument every relation between every two voices too.  With
 * --reward (or the `reward` keys of -c FILE) it prints each voice's reward
 * mix instead: one line per term, `voice=pattern<TAB>term<TAB>value<TAB>
 * contribution`, then `voice=pattern<TAB>reward<TAB>score`.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/base/config.h"
#include "src/base/format.h"
#include "src/rhythm/measure.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/relation.h"
#include "src/stage/reward.h"
#include "src/rhythm/voices.h"

/* The finest --resolution, as the MIDI import takes it. */
#define DS_SCORE_MAX_RESOLUTION 96

typedef struct {
  const DsMeasureClass *measure;   /* a measure, or */
  const DsRelationClass *relation; /* a relation */
  char *other;     /* the other voice of a relation, or NULL for "every other" */
  char *argument;  /* the relation's argument, or NULL */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->other, g_free);
  g_clear_pointer (&request->argument, g_free);
}

/* Parses NAME or NAME(OTHER[, ARGUMENT]). */
static gboolean
request_parse (const char *text, Request *request, GError **error)
{
  const char *open = strchr (text, '(');
  g_autofree char *name = open != NULL ? g_strndup (text, (gsize) (open - text)) : g_strdup (text);

  g_strstrip (name);
  memset (request, 0, sizeof *request);
  request->measure = ds_measure_find (name);
  request->relation = ds_relation_find (name);
  if (request->measure == NULL && request->relation == NULL)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                   "'%s' is not a measure or relation (see 'drumswarm score --list')", name);
      return FALSE;
    }
  if (open != NULL)
    {
      const char *close = strrchr (open, ')');
      g_auto (GStrv) args = NULL;

      if (close == NULL || close[1] != '\0' || close == open + 1)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "'%s': expected NAME(VOICE), e.g. anti-coincidence(kick)", text);
          return FALSE;
        }
      if (request->relation == NULL)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "'%s': %s is a measure of one voice and takes no other voice",
                       text, name);
          return FALSE;
        }
      g_autofree char *inside = g_strndup (open + 1, (gsize) (close - open - 1));

      args = g_strsplit (inside, ",", 3);
      request->other = g_strstrip (g_strdup (args[0]));
      if (args[1] != NULL)
        request->argument = g_strstrip (g_strdup (args[1]));
      if (args[1] != NULL && (args[2] != NULL || request->relation->argument == NULL))
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "'%s': expected %s(VOICE%s%s)", text, name,
                       request->relation->argument != NULL ? ", " : "",
                       request->relation->argument != NULL ? request->relation->argument : "");
          return FALSE;
        }
    }
  return TRUE;
}

static void
print_line (const char *name, const char *pattern_text, const char *measure, double value)
{
  char buf[DS_FORMAT_BUF_SIZE];

  if (name[0] != '\0')
    printf ("%s=%s\t", name, pattern_text);
  else
    printf ("%s\t", pattern_text);
  printf ("%s\t%s\n", measure, ds_format_double (buf, value));
}

/* The text of voice V as the user wrote it (for the pattern column). */
static char *
voice_text (const char *argument, const DsVoices *voices, guint v)
{
  g_auto (GStrv) items = g_strsplit (argument, ",", -1);
  const char *item = items[v];
  const char *eq = strchr (item, '=');

  return g_strstrip (g_strdup (voices->names[v][0] != '\0' && eq != NULL ? eq + 1 : item));
}

/* Prints REQUEST's relation of voice V to the others; ALL (listing every
 * relation) skips the raw values that are undefined for these voices. */
static gboolean
score_relation (const Request *request, const char *argument, const DsVoices *voices,
                const DsMeter *meter, gboolean raw, gboolean all, guint v, GError **error)
{
  g_autofree char *text = voice_text (argument, voices, v);

  for (guint o = 0; o < voices->n_voices; o++)
    {
      g_autofree char *column = NULL;
      DsRelation relation;
      double value;

      if (o == v || (request->other != NULL && strcmp (voices->names[o], request->other) != 0))
        continue;
      if (!ds_relation_init (&relation, request->relation, request->argument, voices->length,
                             meter, error))
        return FALSE;
      relation.table = NULL; /* print exact doubles, not the reward's float table */
      if (raw && !ds_relation_raw (&relation, &voices->patterns[v], &voices->patterns[o],
                                   &value, all ? NULL : error))
        {
          if (all)
            continue;
          return FALSE;
        }
      if (!raw)
        value = ds_relation_value (&relation, &voices->patterns[v], &voices->patterns[o]);
      column = request->argument != NULL
                   ? g_strdup_printf ("%s(%s, %s)", request->relation->name, voices->names[o],
                                      request->argument)
                   : g_strdup_printf ("%s(%s)", request->relation->name, voices->names[o]);
      print_line (voices->names[v], text, column, value);
    }
  return TRUE;
}

static gboolean
score_one (const Request *request, const char *argument, const DsVoices *voices,
           const DsMeter *meter, gboolean raw, gboolean all, GError **error)
{
  for (guint v = 0; v < voices->n_voices; v++)
    {
      g_autofree char *text = voice_text (argument, voices, v);
      double value;

      if (request->relation != NULL)
        {
          if (!score_relation (request, argument, voices, meter, raw, all, v, error))
            return FALSE;
          continue;
        }
      if (meter == NULL)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                       "%s needs a meter that covers the pattern's %u steps (give --meter)",
                       request->measure->name, voices->length);
          return FALSE;
        }
      if (!(raw ? ds_measure_raw : ds_measure_normalised) (request->measure,
                                                           &voices->patterns[v], meter,
                                                           &value, error))
        return FALSE;
      print_line (voices->names[v], text, request->measure->name, value);
    }
  return TRUE;
}

static gboolean
check_relation_voices (const Request *request, const char *argument, const DsVoices *voices,
                       GError **error)
{
  if (request->relation == NULL)
    return TRUE;
  if (voices->n_voices < 2)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "'%s': %s is a relation and needs at least two voices "
                   "(write e.g. 'kick=x...x...,snare=....x...')",
                   argument, request->relation->name);
      return FALSE;
    }
  if (request->other != NULL && ds_voices_find (voices, request->other) < 0)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "'%s' has no voice '%s' for %s(%s)", argument, request->other,
                   request->relation->name, request->other);
      return FALSE;
    }
  return TRUE;
}

static int
print_list (void)
{
  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const DsMeasureClass *m = ds_measure_nth (i);

      printf ("%s\t%s (%s)\n", m->name, m->summary, m->citation);
    }
  for (guint i = 0; i < ds_relation_count (); i++)
    {
      const DsRelationClass *r = ds_relation_nth (i);

      printf ("%s(VOICE%s%s%s)\t%s\n", r->name, r->argument != NULL ? "[, " : "",
              r->argument != NULL ? r->argument : "", r->argument != NULL ? "]" : "",
              r->summary);
    }
  for (guint i = 0; i < ds_reward_function_count (); i++)
    printf ("%s\t%s (in a reward mix)\n", ds_reward_function_usage (i),
            ds_reward_function_summary (i));
  return DS_EXIT_OK;
}

/* The meter of a pattern of LENGTH steps: whole bars of TEXT (else 4/4) at
 * RESOLUTION steps per quarter note when given (non-zero); else TEXT, else
 * 4/4, at 4 steps per quarter note, else (when the length fills no whole 4/4
 * bar or beat) one bar of one beat of LENGTH steps. */
static DsMeter *
score_meter (const char *text, guint resolution, guint length, GError **error)
{
  DsMeter *meter;

  if (resolution > 0)
    return ds_meter_new_for_resolution (text, resolution, length, error);
  if (text != NULL)
    return ds_meter_new_for_length (text, length, error);
  meter = ds_meter_new_for_length (NULL, length, NULL);
  return meter != NULL ? meter : ds_meter_new_bars ("1/4", length, 1, error);
}

/* The loop's patterns in the order of VOICES. */
static gboolean
loop_patterns (const char *text, const DsVoices *voices, DsPattern *loop, GError **error)
{
  DsVoices parsed;

  if (!ds_voices_parse (text, &parsed, error))
    return FALSE;
  for (guint v = 0; v < voices->n_voices; v++)
    {
      int i = ds_voices_find (&parsed, voices->names[v]);

      if (i < 0)
        {
          g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_SYNTAX,
                       "--loop '%s' has no voice '%s'", text, voices->names[v]);
          return FALSE;
        }
      if (parsed.length != voices->length)
        {
          g_set_error (error, DS_VOICES_ERROR, DS_VOICES_ERROR_LENGTH,
                       "--loop '%s': its voices have %u steps, the patterns %u", text,
                       parsed.length, voices->length);
          return FALSE;
        }
      loop[v] = parsed.patterns[i];
    }
  return TRUE;
}

/* Prints the REQUESTS (every measure and relation when empty) of the pattern
 * ARGUMENT, parsed into VOICES. */
static gboolean
score_measures (const char *argument, const DsVoices *voices, const DsMeter *meter,
                const GArray *requests, gboolean raw, GError **error)
{
  for (guint r = 0; r < requests->len; r++)
    {
      const Request *request = &g_array_index (requests, Request, r);

      if (!check_relation_voices (request, argument, voices, error)
          || !score_one (request, argument, voices, meter, raw, FALSE, error))
        return FALSE;
    }
  if (requests->len > 0)
    return TRUE;
  for (guint i = 0; i < ds_measure_count (); i++)
    {
      Request request = { ds_measure_nth (i), NULL, NULL, NULL };

      if (ds_measure_covers (request.measure, meter, NULL)
          && !score_one (&request, argument, voices, meter, raw, TRUE, error))
        return FALSE;
    }
  for (guint i = 0; i < ds_relation_count () && voices->n_voices > 1; i++)
    {
      Request request = { NULL, ds_relation_nth (i), NULL, NULL };

      if (!score_one (&request, argument, voices, meter, raw, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* Prints the terms and the score of voice V's mix. */
static void
print_mix (const DsReward *reward, guint v, const DsVoices *voices, const char *argument,
           const DsPattern *loop)
{
  g_autofree char *text = voice_text (argument, voices, v);
  const char *name = voices->names[v];
  char buf[DS_FORMAT_BUF_SIZE], buf2[DS_FORMAT_BUF_SIZE];
  double score = 0.0;

  for (guint t = 0; t < ds_reward_n_terms (reward, v); t++)
    {
      double value, contribution;

      if (!ds_reward_term_value (reward, v, t, voices->patterns, loop, &value, &contribution))
        {
          printf ("%s=%s\t%s\t-\t-\n", name, text, ds_reward_term_text (reward, v, t));
          continue;
        }
      printf ("%s=%s\t%s\t%s\t%s\n", name, text, ds_reward_term_text (reward, v, t),
              ds_format_double (buf, value), ds_format_double (buf2, contribution));
      score += contribution;
    }
  /* the sum of the exact contributions: ds_reward_score equals it to float precision */
  printf ("%s=%s\treward\t%s\n", name, text, ds_format_double (buf, score));
}

static gboolean
score_rewards (const char *argument, const DsVoices *voices, const DsMeter *meter,
               const DsConfig *config, char **mixes, const char *loop_text, GError **error)
{
  const char *names[DS_VOICES_MAX + 1] = { NULL };
  g_autoptr (DsReward) reward = NULL;
  DsPattern loop[DS_VOICES_MAX];

  for (guint v = 0; v < voices->n_voices; v++)
    names[v] = voices->names[v];
  if (voices->names[0][0] == '\0')
    {
      g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                   "'%s': a reward mix needs named voices (write e.g. 'kick=x...,snare=....')",
                   argument);
      return FALSE;
    }
  reward = ds_reward_new (meter, names, voices->n_voices, error);
  if (reward == NULL || (config != NULL && !ds_reward_load_config (reward, config, error)))
    return FALSE;
  for (guint i = 0; mixes != NULL && mixes[i] != NULL; i++)
    {
      const char *colon = strchr (mixes[i], ':');
      g_autofree char *voice = colon != NULL ? g_strstrip (g_strndup (mixes[i],
                                                           (gsize) (colon - mixes[i])))
                                             : NULL;
      int v = voice != NULL ? ds_voices_find (voices, voice) : -1;

      if (voice == NULL)
        {
          g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_SYNTAX,
                       "--reward '%s': expected VOICE: MIX, e.g. 'snare: 0.5 lhl + "
                       "0.5 anti-coincidence(kick)'", mixes[i]);
          return FALSE;
        }
      if (v < 0)
        {
          g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                       "--reward '%s': '%s' has no voice '%s'", mixes[i], argument, voice);
          return FALSE;
        }
      if (!ds_reward_set_mix (reward, (guint) v, colon + 1, "--reward", error))
        return FALSE;
    }
  for (guint v = 0; v < voices->n_voices && mixes == NULL; v++)
    if (ds_reward_has_mix (reward, v))
      break;
    else if (v + 1 == voices->n_voices)
      {
        /* -c FILE alone: say so rather than print nothing */
        g_autofree char *known = g_strjoinv (", ", (char **) names);

        g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                     "%s: no reward mix for the voices of '%s' (give a reward key in a "
                     "group [VOICE] of %s)", ds_config_name (config), argument, known);
        return FALSE;
      }
  if (loop_text != NULL && !loop_patterns (loop_text, voices, loop, error))
    return FALSE;
  for (guint v = 0; v < voices->n_voices; v++)
    if (ds_reward_has_mix (reward, v))
      print_mix (reward, v, voices, argument, loop_text != NULL ? loop : NULL);
  return TRUE;
}

static int
score_run (int argc, char **argv)
{
  g_autofree char *meter_text = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *loop_text = NULL;
  g_auto (GStrv) measure_names = NULL;
  g_auto (GStrv) mixes = NULL, from_stdin = NULL;
  g_autoptr (DsConfig) config = NULL;
  g_autoptr (GError) error_stdin = NULL;
  gboolean raw = FALSE, list = FALSE;
  g_autofree char *resolution_text = NULL;
  guint64 resolution = 0;
  const GOptionEntry entries[] = {
    { "meter", 'M', 0, G_OPTION_ARG_STRING, &meter_text,
      "Time signature of the patterns, e.g. 4/4, 6/8 or 7/8:2+2+3 (default 4/4)", "N/D" },
    { "resolution", 'R', 0, G_OPTION_ARG_STRING, &resolution_text,
      "Steps per quarter note (1 to 96): a pattern is whole bars of that grid "
      "(8: 32 steps per 4/4 bar; default: 4, or one bar when the length fills no 4/4 bar)",
      "N" },
    { "measure", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &measure_names,
      "A measure or relation to print (repeatable; default all)", "NAME" },
    { "raw", 'r', 0, G_OPTION_ARG_NONE, &raw,
      "Print values as the literature defines them, not normalised to [0, 1]", NULL },
    { "reward", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &mixes,
      "A voice's reward mix, 'VOICE: MIX' (repeatable): print its terms and score", "MIX" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read the voices' reward mixes from FILE (see drumswarm.conf(5))", "FILE" },
    { "loop", 0, 0, G_OPTION_ARG_STRING, &loop_text,
      "The user's loop, for mix terms on it such as similarity(loop)", "PATTERNS" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the measures and relations", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("PATTERN... - score patterns");
  g_autoptr (GArray) requests = g_array_new (FALSE, TRUE, sizeof (Request));
  int status = DS_EXIT_OK;

  g_array_set_clear_func (requests, (GDestroyNotify) request_clear);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
      "A pattern is one character per step: x onset, X accent, . or o rest; | and spaces\n"
      "are ignored.  Several voices: kick=x...x...,snare=....x...\n\n"
      "Examples:\n  drumswarm score --measure density 'x...x...x...x...'\n"
      "  drumswarm score --raw --measure lhl 'x..x..x...x.x...'\n"
      "  drumswarm score --reward 'snare: 0.5 anti-coincidence(kick) + 0.5 target(lhl, 0.4)'"
      " \\\n      'kick=x...x...x...x...,snare=....x.......x...'");
  if (!ds_cli_parse (context, "score", &argc, &argv, &status))
    return status;
  if (list)
    return print_list ();
  if (resolution_text != NULL
      && !g_ascii_string_to_unsigned (resolution_text, 10, 1, DS_SCORE_MAX_RESOLUTION,
                                      &resolution, NULL))
    return ds_cli_usage ("score", "--resolution '%s': give steps per quarter note, 1 to %d "
                         "(8 gives 32 steps per 4/4 bar)", resolution_text,
                         DS_SCORE_MAX_RESOLUTION);
  if (resolution > 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) bar = NULL;
      DsSignature signature;

      /* a signature the grid cannot hold is a usage error, whatever the patterns */
      if (ds_meter_parse_signature (meter_text != NULL ? meter_text : "4/4", &signature, NULL)
          && ds_signature_steps (&signature, (guint) resolution) == 0)
        {
          bar = ds_meter_new_for_resolution (meter_text, (guint) resolution, 1, &error);
          return ds_cli_usage ("score", "--resolution %u: %s", (guint) resolution,
                               error->message);
        }
    }
  if ((status = ds_cli_check_std ("score", FALSE, "-c", config_path, "PATTERN",
                                  g_strv_contains ((const char *const *) argv + 1, "-") ? "-"
                                                                                      : NULL,
                                  NULL)) != DS_EXIT_OK)
    return status;
  if (!ds_cli_args_from_stdin (&argc, &argv, &from_stdin, &error_stdin)) /* PATTERN - */
    return ds_cli_fail (error_stdin);
  if (argc < 2)
    return ds_cli_usage ("score", "give at least one PATTERN, e.g. 'x...x...x...x...'");
  if (meter_text != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!ds_meter_parse_signature (meter_text, &(DsSignature) { 0 }, &error))
        return ds_cli_usage ("score", "--meter: %s", error->message); /* an option's value */
    }
  if (config_path != NULL)
    {
      g_autoptr (GError) error = NULL;

      config = ds_config_load (config_path, &error);
      if (config == NULL)
        return ds_cli_fail (error);
    }

  for (guint i = 0; measure_names != NULL && measure_names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      Request request;

      if (!request_parse (measure_names[i], &request, &error))
        {
          request_clear (&request);
          return ds_cli_fail (error);
        }
      g_array_append_val (requests, request);
    }

  for (int a = 1; a < argc; a++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = NULL;
      DsVoices voices;

      if (!ds_voices_parse (argv[a], &voices, &error))
        return ds_cli_fail (error);
      meter = score_meter (meter_text, (guint) resolution, voices.length, &error);
      if (meter == NULL)
        return ds_cli_fail (error);
      if (mixes != NULL || config != NULL)
        {
          if (!score_rewards (argv[a], &voices, meter, config, mixes, loop_text, &error))
            return ds_cli_fail (error);
          continue;
        }
      if (!score_measures (argv[a], &voices, meter, requests, raw, &error))
        return ds_cli_fail (error);
    }
  return status;
}

const DsCommand ds_cmd_score = {
  .name = "score",
  .usage = "[--meter N/D] [--resolution N] [--measure NAME]... [--raw] "
           "[--reward 'VOICE: MIX']... "
           "[-c FILE] [--loop PATTERNS] PATTERN...",
  .summary = "print the measures, relations and reward mixes of patterns",
  .run = score_run,
};
