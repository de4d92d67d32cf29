/* controls.c: a musician's controls, compiled to reward mix terms (see controls.h). */
#include "autoconfig.h"

#include "src/stage/controls.h"
#include "src/base/suggest.h"
#include "src/stage/reward.h"

#include <math.h>
#include <string.h>


G_DEFINE_QUARK (ds-controls-error-quark, ds_controls_error)

void
ds_controls_init (DsControls *controls)
{
  memset (controls, 0, sizeof *controls);
  controls->like_loop = -1.0;
  controls->style_weight = -1.0;
  controls->anchors_weight = -1.0;
}

/* The controls of voice NAME, added when missing (NULL when full). */
static DsControlsVoice *
voice_of (DsControls *controls, const char *name, const char *option, GError **error)
{
  DsControlsVoice *v;

  if (!ds_voice_name_is_valid (name))
    {
      g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VOICE,
                   "%s: '%s' is not a voice name", option, name);
      return NULL;
    }
  for (guint i = 0; i < controls->n_voices; i++)
    if (strcmp (controls->voices[i].name, name) == 0)
      return &controls->voices[i];
  if (controls->n_voices == DS_VOICES_MAX)
    {
      g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VOICE,
                   "%s: more than %u voices", option, DS_VOICES_MAX);
      return NULL;
    }
  v = &controls->voices[controls->n_voices++];
  g_strlcpy (v->name, name, sizeof v->name);
  v->density = -1.0;
  v->syncopation = -1.0;
  return v;
}

/* VOICE=VALUE[,VOICE=VALUE]... into the field at OFFSET of each voice. */
static gboolean
parse_voice_values (DsControls *controls, const char *option, const char *text, gsize offset,
                    GError **error)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);

  if (items[0] == NULL)
    {
      g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VALUE,
                   "%s: expected VOICE=VALUE, e.g. %s hat=0.6", option, option);
      return FALSE;
    }
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq = strchr (items[i], '=');
      char *end = NULL;
      DsControlsVoice *v;
      double value;

      if (eq == NULL)
        {
          g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VALUE,
                       "%s: '%s' is not VOICE=VALUE, e.g. %s hat=0.6", option,
                       g_strstrip (items[i]), option);
          return FALSE;
        }
      *eq = '\0';
      value = g_ascii_strtod (g_strstrip (eq + 1), &end);
      if (end == eq + 1 || *end != '\0' || !(value >= 0.0 && value <= 1.0))
        {
          g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VALUE,
                       "%s: the value for '%s' must be a number from 0 to 1 (got '%s')", option,
                       g_strstrip (items[i]), eq + 1);
          return FALSE;
        }
      v = voice_of (controls, g_strstrip (items[i]), option, error);
      if (v == NULL)
        return FALSE;
      *(double *) (gpointer) ((char *) v + offset) = value;
    }
  return TRUE;
}

gboolean
ds_controls_parse_density (DsControls *controls, const char *text, GError **error)
{
  return parse_voice_values (controls, "--density", text,
                             G_STRUCT_OFFSET (DsControlsVoice, density), error);
}

gboolean
ds_controls_parse_syncopation (DsControls *controls, const char *text, GError **error)
{
  return parse_voice_values (controls, "--syncopation", text,
                             G_STRUCT_OFFSET (DsControlsVoice, syncopation), error);
}

gboolean
ds_controls_parse_lock (DsControls *controls, const char *text, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  if (names[0] == NULL)
    {
      g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VALUE,
                   "--lock: expected a voice, e.g. --lock kick");
      return FALSE;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      DsControlsVoice *v = voice_of (controls, g_strstrip (names[i]), "--lock", error);

      if (v == NULL)
        return FALSE;
      v->lock = TRUE;
    }
  return TRUE;
}

gboolean
ds_controls_check_value (const char *option, double value, double max, GError **error)
{
  if (value >= 0.0 && value <= max)
    return TRUE;
  g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VALUE,
               "%s must be from 0 to %g (got %g)", option, max, value);
  return FALSE;
}

gboolean
ds_controls_rewrite_mixes (const DsControls *controls)
{
  if (controls->like_loop >= 0 || controls->style_weight >= 0 || controls->anchors_weight >= 0)
    return TRUE;
  for (guint i = 0; i < controls->n_voices; i++)
    if (controls->voices[i].density >= 0 || controls->voices[i].syncopation >= 0)
      return TRUE;
  return FALSE;
}

const DsControlsVoice *
ds_controls_voice (const DsControls *controls, const char *name)
{
  for (guint i = 0; i < controls->n_voices; i++)
    if (strcmp (controls->voices[i].name, name) == 0)
      return &controls->voices[i];
  return NULL;
}

gboolean
ds_controls_check_voices (const DsControls *controls, const char *const *names, guint n,
                          GError **error)
{
  for (guint i = 0; i < controls->n_voices; i++)
    {
      gboolean found = FALSE;

      for (guint v = 0; v < n && !found; v++)
        found = strcmp (names[v], controls->voices[i].name) == 0;
      if (!found)
        {
          g_autoptr (GString) list = g_string_new (NULL);
          const DsControlsVoice *c = &controls->voices[i];
          const char *near = ds_suggest (c->name, names, n);
          g_autoptr (GString) options = g_string_new (NULL);

          for (guint v = 0; v < n; v++)
            g_string_append_printf (list, "%s%s", v > 0 ? "," : "", names[v]);
          if (c->lock)
            g_string_append (options, "--lock");
          if (c->density >= 0)
            g_string_append_printf (options, "%s--density", options->len > 0 ? ", " : "");
          if (c->syncopation >= 0)
            g_string_append_printf (options, "%s--syncopation", options->len > 0 ? ", " : "");
          g_set_error (error, DS_CONTROLS_ERROR, DS_CONTROLS_ERROR_VOICE,
                       "%s%s'%s' is not one of the voices (%s)%s%s%s", options->str,
                       options->len > 0 ? ": " : "", c->name, list->str,
                       near != NULL ? "; did you mean '" : "", near != NULL ? near : "",
                       near != NULL ? "'?" : "");
          return FALSE;
        }
    }
  return TRUE;
}

double
ds_controls_like_loop (const DsControls *controls)
{
  return controls->like_loop >= 0 ? controls->like_loop : DS_CONTROLS_LIKE_LOOP;
}

double
ds_controls_similarity_target (double like_loop)
{
  return 0.75 + 0.25 * like_loop;
}

guint
ds_controls_min_changes (double like_loop)
{
  return (guint) lround (4.0 * (1.0 - like_loop) + 1e-9);
}

/* --- rewriting a mix ------------------------------------------------------ */

typedef struct {
  double weight;
  char *body;       /* the call, "target(similarity(loop), 0.95)" */
  char *name;       /* "target" */
  char *first;      /* its first argument without spaces, "similarity(loop)", or "" */
} Term;

static void
term_clear (gpointer data)
{
  Term *t = data;

  g_free (t->body);
  g_free (t->name);
  g_free (t->first);
}

/* TEXT split at the '+' signs outside parentheses, into terms. */
static GArray *
split_mix (const char *text)
{
  GArray *terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_auto (GStrv) raws = ds_reward_split_terms (text);

  g_array_set_clear_func (terms, term_clear);
  for (guint i = 0; raws[i] != NULL; i++)
    {
      char *raw = raws[i];
      Term t = { 1.0, NULL, NULL, NULL };
      char *end = raw, *paren, *comma;

      if (g_ascii_isdigit (raw[0]) || raw[0] == '.')
        t.weight = g_ascii_strtod (raw, &end);
      while (*end == ' ' || *end == '*')
        end++;
      t.body = g_strdup (end);
      paren = strchr (t.body, '(');
      t.name = paren != NULL ? g_strndup (t.body, (gsize) (paren - t.body)) : g_strdup (t.body);
      g_strstrip (t.name);
      if (paren != NULL)
        {
          int d = 0;
          GString *first = g_string_new (NULL);

          for (comma = paren + 1; *comma != '\0'; comma++)
            {
              if (*comma == '(')
                d++;
              else if (*comma == ')' && d-- == 0)
                break;
              if (*comma == ',' && d == 0)
                break;
              if (*comma != ' ')
                g_string_append_c (first, *comma);
            }
          t.first = g_string_free (first, FALSE);
        }
      else
        t.first = g_strdup ("");
      if (*t.body != '\0')
        g_array_append_val (terms, t);
      else
        term_clear (&t);
    }
  return terms;
}

static gboolean
is_call (const Term *t, const char *name, const char *first)
{
  return strcmp (t->name, name) == 0 && (first == NULL || strcmp (t->first, first) == 0);
}

static void
append_term (GString *out, double weight, const char *body)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.6g", weight);
  g_string_append_printf (out, "%s%s %s", out->len > 0 ? " + " : "", number, body);
}

char *
ds_controls_apply (const DsControls *controls, const char *voice, const char *mix)
{
  g_autoptr (GArray) terms = split_mix (mix);
  const DsControlsVoice *v = ds_controls_voice (controls, voice);
  gboolean density = v != NULL && v->density >= 0, syncopation = v != NULL && v->syncopation >= 0;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      const Term *t = &g_array_index (terms, Term, i);
      double weight = t->weight;

      if (density && (is_call (t, "density-target", NULL) || is_call (t, "density-ratio", "loop")
                      || is_call (t, "target", "density") || is_call (t, "density", NULL)))
        continue;
      if (syncopation && (is_call (t, "target", "lhl") || is_call (t, "lhl", NULL)))
        continue;
      if (controls->style_weight >= 0 && is_call (t, "style", NULL))
        weight *= controls->style_weight;
      if (controls->anchors_weight >= 0 && is_call (t, "anchors", NULL))
        weight *= controls->anchors_weight;
      if (weight <= 0)
        continue;
      if (controls->like_loop >= 0 && is_call (t, "target", "similarity(loop)"))
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *body = NULL;

          g_ascii_formatd (number, sizeof number, "%.6g",
                           ds_controls_similarity_target (controls->like_loop));
          body = g_strdup_printf ("target(similarity(loop), %s)", number);
          append_term (out, weight, body);
          continue;
        }
      append_term (out, weight, t->body);
    }
  if (density)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *body = NULL;

      g_ascii_formatd (number, sizeof number, "%.6g", v->density);
      body = g_strdup_printf ("density-target(%s)", number);
      append_term (out, DS_CONTROLS_TERM_WEIGHT, body);
    }
  if (syncopation)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *body = NULL;

      g_ascii_formatd (number, sizeof number, "%.6g", v->syncopation);
      body = g_strdup_printf ("target(lhl, %s)", number);
      append_term (out, DS_CONTROLS_TERM_WEIGHT, body);
    }
  if (out->len == 0) /* every term weighed 0: nothing left to play for but the loop */
    g_string_append (out, "1 similarity(loop)");
  return g_string_free (out, FALSE);
}
