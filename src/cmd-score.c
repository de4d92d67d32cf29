/* cmd-score.c: `drumswarm score`: the measures and relations of patterns.
 *
 * One TSV line per pattern and measure, `pattern<TAB>measure<TAB>value`: values
 * normalised to [0, 1], or with --raw as the literature defines them.  A
 * relation names its other voice, `anti-coincidence(kick)`, and is printed for
 * every other voice of a multi-voice argument, the pattern column then reading
 * `snare=.xxx.xxx`.  Without --measure every measure is printed, and for a
 * multi-voice argument every relation between every two voices too.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "src/cli.h"
#include "src/command.h"
#include "src/format.h"
#include "src/measure.h"
#include "src/meter.h"
#include "src/voices.h"

typedef struct {
  const DsMeasureInfo *info;
  char *other;  /* the other voice of a relation, or NULL for "every other" */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->other, g_free);
}

/* Parses NAME or NAME(OTHER). */
static gboolean
request_parse (const char *text, Request *request, GError **error)
{
  const char *open = strchr (text, '(');
  g_autofree char *name = open != NULL ? g_strndup (text, (gsize) (open - text)) : g_strdup (text);

  g_strstrip (name);
  request->info = ds_measure_find (name);
  request->other = NULL;
  if (request->info == NULL)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                   "'%s' is not a measure or relation (see 'drumswarm score --list')", name);
      return FALSE;
    }
  if (open != NULL)
    {
      const char *close = strchr (open, ')');

      if (close == NULL || close[1] != '\0' || close == open + 1)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "'%s': expected NAME(VOICE), e.g. anti-coincidence(kick)", text);
          return FALSE;
        }
      if (!ds_measure_is_relation (request->info))
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "'%s': %s is a measure of one voice and takes no other voice",
                       text, name);
          return FALSE;
        }
      request->other = g_strndup (open + 1, (gsize) (close - open - 1));
      g_strstrip (request->other);
    }
  return TRUE;
}

static void
print_line (const char *name, const char *pattern_text, const char *measure,
            const char *other, double value)
{
  char buf[DS_FORMAT_BUF_SIZE];

  if (name[0] != '\0')
    printf ("%s=%s\t", name, pattern_text);
  else
    printf ("%s\t", pattern_text);
  if (other != NULL)
    printf ("%s(%s)\t%s\n", measure, other, ds_format_double (buf, value));
  else
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

static gboolean
score_one (const Request *request, const char *argument, const DsVoices *voices,
           const DsMeter *meter, gboolean raw, GError **error)
{
  for (guint v = 0; v < voices->n_voices; v++)
    {
      g_autofree char *text = voice_text (argument, voices, v);
      const DsPattern *pattern = &voices->patterns[v];
      const char *name = ds_measure_name (request->info);
      double value;

      if (!ds_measure_is_relation (request->info))
        {
          if (!(raw ? ds_measure_raw : ds_measure_normalised) (request->info, pattern, NULL,
                                                               meter, &value, error))
            return FALSE;
          print_line (voices->names[v], text, name, NULL, value);
          continue;
        }
      for (guint o = 0; o < voices->n_voices; o++)
        {
          if (o == v || (request->other != NULL
                         && strcmp (voices->names[o], request->other) != 0))
            continue;
          if (!(raw ? ds_measure_raw : ds_measure_normalised) (request->info, pattern,
                                                               &voices->patterns[o], meter,
                                                               &value, error))
            return FALSE;
          print_line (voices->names[v], text, name, voices->names[o], value);
        }
    }
  return TRUE;
}

static gboolean
check_relation_voices (const Request *request, const char *argument, const DsVoices *voices,
                       GError **error)
{
  if (!ds_measure_is_relation (request->info))
    return TRUE;
  if (voices->n_voices < 2)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "'%s': %s is a relation and needs at least two voices "
                   "(write e.g. 'kick=x...x...,snare=....x...')",
                   argument, ds_measure_name (request->info));
      return FALSE;
    }
  if (request->other != NULL && ds_voices_find (voices, request->other) < 0)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "'%s' has no voice '%s' for %s(%s)", argument, request->other,
                   ds_measure_name (request->info), request->other);
      return FALSE;
    }
  return TRUE;
}

static int
print_list (void)
{
  for (guint i = 0; i < ds_measure_count (); i++)
    {
      const DsMeasureInfo *info = ds_measure_nth (i);

      printf ("%s%s\t%s\n", ds_measure_name (info),
              ds_measure_is_relation (info) ? "(VOICE)" : "", ds_measure_summary (info));
    }
  return DS_EXIT_OK;
}

static int
score_run (int argc, char **argv)
{
  g_autofree char *meter_text = NULL;
  g_auto (GStrv) measure_names = NULL;
  gboolean raw = FALSE, list = FALSE;
  const GOptionEntry entries[] = {
    { "meter", 'M', 0, G_OPTION_ARG_STRING, &meter_text,
      "Time signature of the patterns, e.g. 4/4, 6/8 or 7/8:2+2+3 (default 4/4)", "N/D" },
    { "measure", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &measure_names,
      "A measure or relation to print (repeatable; default all)", "NAME" },
    { "raw", 'r', 0, G_OPTION_ARG_NONE, &raw,
      "Print values as the literature defines them, not normalised to [0, 1]", NULL },
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
      "Example:\n  drumswarm score --measure density 'x...x...x...x...'");
  if (!ds_cli_parse (context, "score", &argc, &argv, &status))
    return status;
  if (list)
    return print_list ();
  if (argc < 2)
    return ds_cli_usage ("score", "give at least one PATTERN, e.g. 'x...x...x...x...'");

  for (guint i = 0; measure_names != NULL && measure_names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      Request request;

      if (!request_parse (measure_names[i], &request, &error))
        return ds_cli_fail (error);
      g_array_append_val (requests, request);
    }

  for (int a = 1; a < argc; a++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DsMeter) meter = NULL;
      DsVoices voices;

      if (!ds_voices_parse (argv[a], &voices, &error))
        return ds_cli_fail (error);
      meter = ds_meter_new_for_length (meter_text, voices.length,
                                       meter_text != NULL ? &error : NULL);
      if (meter == NULL && meter_text != NULL)
        return ds_cli_fail (error);
      if (requests->len > 0)
        {
          for (guint r = 0; r < requests->len; r++)
            {
              const Request *request = &g_array_index (requests, Request, r);

              if (!check_relation_voices (request, argv[a], &voices, &error)
                  || !score_one (request, argv[a], &voices, meter, raw, &error))
                return ds_cli_fail (error);
            }
          continue;
        }
      for (guint i = 0; i < ds_measure_count (); i++)
        {
          Request request = { ds_measure_nth (i), NULL };

          if (ds_measure_is_relation (request.info) && voices.n_voices < 2)
            continue;
          if (!score_one (&request, argv[a], &voices, meter, raw, &error))
            return ds_cli_fail (error);
        }
    }
  return status;
}

const DsCommand ds_cmd_score = {
  .name = "score",
  .usage = "[--meter N/D] [--measure NAME]... [--raw] PATTERN...",
  .summary = "print the measures and relations of patterns",
  .run = score_run,
};
