/* reward-parse.c: the reward-mix syntax (see reward.h) compiled into terms.
 *
 *   mix  := term ('+' term)*
 *   term := [WEIGHT ['*']] call
 *   call := NAME ['(' arg (',' arg)* ')']
 *   arg  := NUMBER | call
 *
 * Every error names WHERE, the term as written and what was expected.
 */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/base/suggest.h"
#include "src/stage/reward-private.h"
#include "src/stage/style.h"

typedef struct {
  const char *where;
  const DsMeter *meter;
  const char *const *names;
  guint n_voices;
  guint voice;
  const char *term;  /* the term being compiled, as written */
} Context;

#define MAX_ARGS 4

typedef struct {
  char *name;
  guint n_args;
  char *args[MAX_ARGS];
} Call;

static void
call_clear (Call *call)
{
  g_free (call->name);
  for (guint i = 0; i < call->n_args; i++)
    g_free (call->args[i]);
  memset (call, 0, sizeof *call);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Call, call_clear)

static void G_GNUC_PRINTF (4, 5)
fail (const Context *ctx, GError **error, int code, const char *format, ...)
{
  va_list ap;
  g_autofree char *what = NULL;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, DS_REWARD_ERROR, code, "%s: term '%s': %s", ctx->where, ctx->term, what);
}

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

/* Splits TEXT (one call, trimmed) into its name and top-level arguments. */
static gboolean
call_split (const Context *ctx, const char *text, Call *call, GError **error)
{
  const char *p = skip_space (text), *start = p;
  int depth = 0;

  memset (call, 0, sizeof *call);
  if (!g_ascii_isalpha (*p))
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
            "expected a measure or relation name at '%s'", p);
      return FALSE;
    }
  while (is_name_char (*p))
    p++;
  call->name = g_strndup (start, (gsize) (p - start));
  p = skip_space (p);
  if (*p == '\0')
    return TRUE;
  if (*p != '(')
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "expected '(' or the end after '%s', got '%s'",
            call->name, p);
      return FALSE;
    }
  start = ++p;
  for (;; p++)
    {
      if (*p == '\0')
        {
          fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "expected ')' to close '%s('", call->name);
          return FALSE;
        }
      if (*p == '(')
        depth++;
      else if ((*p == ',' || *p == ')') && depth == 0)
        {
          g_autofree char *arg = g_strstrip (g_strndup (start, (gsize) (p - start)));

          if (arg[0] == '\0')
            {
              fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "empty argument in '%s(...)'",
                    call->name);
              return FALSE;
            }
          if (call->n_args == MAX_ARGS)
            {
              fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "too many arguments to '%s'",
                    call->name);
              return FALSE;
            }
          call->args[call->n_args++] = g_steal_pointer (&arg);
          start = p + 1;
          if (*p == ')')
            break;
        }
      else if (*p == ')')
        depth--;
    }
  p = skip_space (p + 1);
  if (*p != '\0')
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "unexpected '%s' after '%s(...)'", p,
            call->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_unit (const Context *ctx, const char *text, const char *what, double *value,
            GError **error)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(*value >= 0.0 && *value <= 1.0))
    {
      fail (ctx, error, DS_REWARD_ERROR_VALUE, "expected %s between 0 and 1, got '%s'", what,
            text);
      return FALSE;
    }
  return TRUE;
}

static int
find_voice (const Context *ctx, const char *name)
{
  for (guint v = 0; v < ctx->n_voices; v++)
    if (strcmp (ctx->names[v], name) == 0)
      return (int) v;
  return -1;
}

/* OTHER: a voice, `loop` or `loop.VOICE`. */
static gboolean
resolve_other (const Context *ctx, const char *relation, const char *other, DsRewardTerm *term,
               GError **error)
{
  const char *voice = other;

  term->other_in_loop = FALSE;
  if (strcmp (other, "loop") == 0)
    {
      term->other = (int) ctx->voice;
      term->other_in_loop = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (other, "loop."))
    {
      voice = other + 5;
      term->other_in_loop = TRUE;
    }
  term->other = find_voice (ctx, voice);
  if (term->other < 0)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ctx->names);

      fail (ctx, error, DS_REWARD_ERROR_UNKNOWN,
            "%s needs a voice of the stage (%s), 'loop' or 'loop.VOICE', not '%s'", relation,
            known, other);
      return FALSE;
    }
  if (!term->other_in_loop && (guint) term->other == ctx->voice)
    {
      fail (ctx, error, DS_REWARD_ERROR_VALUE,
            "%s relates a voice to another; '%s' is the voice itself", relation, other);
      return FALSE;
    }
  return TRUE;
}

static gboolean
compile_measure (const Context *ctx, const DsMeasureClass *measure, DsRewardTerm *term,
                 GError **error)
{
  g_autoptr (GError) local = NULL;

  term->relation = FALSE;
  term->measure = measure;
  if (!ds_normalise_range (measure, ctx->meter, &term->range, &local)
      || (ds_meter_length (ctx->meter) <= DS_NORMALISE_TABLE_MAX
          && (term->table = ds_normalise_table (measure, ctx->meter, &local)) == NULL))
    {
      fail (ctx, error, DS_REWARD_ERROR_UNDEFINED, "%s", local->message);
      return FALSE;
    }
  if (term->table != NULL && term->range.max > term->range.min
      && (term->raw8 = ds_normalise_table_raw8 (measure, ctx->meter, &local)) != NULL)
    {
      term->raw8_min = term->range.min;
      term->raw8_scale = 1.0 / (term->range.max - term->range.min);
    }
  if (local != NULL)
    {
      fail (ctx, error, DS_REWARD_ERROR_UNDEFINED, "%s", local->message);
      return FALSE;
    }
  if (term->table == NULL && measure->neighbours == DS_MEASURE_NEIGHBOURS_PREVIOUS_LAST
      && ds_meter_is_uniform (ctx->meter)
      && ds_meter_bar (ctx->meter, 0)->steps <= DS_NORMALISE_TABLE_MAX)
    {
      const DsBar *bar = ds_meter_bar (ctx->meter, 0);

      term->context8 = ds_normalise_table_context8 (measure, &bar->signature, bar->steps,
                                                    &local);
      if (local != NULL)
        {
          fail (ctx, error, DS_REWARD_ERROR_UNDEFINED, "%s", local->message);
          return FALSE;
        }
      term->levels = ds_meter_levels (ctx->meter);
      term->bar_steps = bar->steps;
      term->n_bars = ds_meter_n_bars (ctx->meter);
    }
  if (term->table == NULL && measure->neighbours == DS_MEASURE_NEIGHBOURS_NONE
      && ds_meter_is_uniform (ctx->meter)
      && ds_meter_bar (ctx->meter, 0)->steps <= DS_NORMALISE_TABLE_MAX)
    {
      /* equal bars of a context-free measure share one range: the loop's
       * normalised value is the mean of its bars' */
      const DsBar *bar = ds_meter_bar (ctx->meter, 0);
      g_autoptr (DsMeter) one = ds_meter_new ();

      if (!ds_meter_add_bar (one, &bar->signature, bar->steps, &local)
          || (term->bar_table = ds_normalise_table (measure, one, &local)) == NULL)
        {
          fail (ctx, error, DS_REWARD_ERROR_UNDEFINED, "%s", local->message);
          return FALSE;
        }
      term->bar_steps = bar->steps;
      term->n_bars = ds_meter_n_bars (ctx->meter);
    }
  return TRUE;
}

/* The mix's own terms beside the measures and relations (for "did you mean"
 * and `score --list`). */
static const struct {
  const char *name, *usage, *summary;
} functions[] = {
  { "target", "target(TERM, T)",
    "1 - |x - T|, x the value of a measure or relation term: this much, not the most; "
    "T = loop: the measure's value in the loop's own voice" },
  { "density-target", "density-target(T)", "target(density, T); T = loop: as busy as the loop" },
  { "style", "style[(NAME or FILE[, SPAN])]",
    "how likely the bar is, all its voices together, under a style learned from human "
    "drummers ('drumswarm style'; default gmd); 1 at SPAN times the typical human bar's "
    "height above random (default 1)" },
  { "toward-end", "toward-end",
    "where the voice's onsets lie in their bar: their mean place, 0 at the bar's first step, "
    "1 at its last (0 without onsets); a fill's toms and snare rise toward the end" },
  { "anchors", "anchors(loop[, LEVEL])",
    "the share of the loop's hits of this voice on the meter's strongest levels that the "
    "voice keeps (LEVEL: bar, beat (default) or pulse, the beats and the level below)" },
};

guint
ds_reward_function_count (void)
{
  return G_N_ELEMENTS (functions);
}

const char *
ds_reward_function_usage (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (functions), NULL);
  return functions[index].usage;
}

const char *
ds_reward_function_summary (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (functions), NULL);
  return functions[index].summary;
}

gboolean
ds_reward_term_describe (const char *name, GString *usage, const char **summary)
{
  const DsMeasureClass *measure = ds_measure_find (name);
  const DsRelationClass *relation = ds_relation_find (name);

  g_string_truncate (usage, 0);
  if (measure != NULL)
    {
      g_string_append (usage, name);
      *summary = ds_measure_summary (measure);
      return TRUE;
    }
  if (relation != NULL)
    {
      g_string_append_printf (usage, "%s(VOICE%s%s)", name, relation->argument != NULL ? "[, " : "",
                              relation->argument != NULL ? relation->argument : "");
      if (relation->argument != NULL)
        g_string_insert (usage, usage->len - 1, "]");
      *summary = relation->summary;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (strcmp (functions[i].name, name) == 0)
      {
        g_string_append (usage, functions[i].usage);
        *summary = functions[i].summary;
        return TRUE;
      }
  return FALSE;
}

static void
suggest_name (const Context *ctx, const char *name, GError **error)
{
  const char *candidates[64];
  const char *hint;
  guint n = 0;

  for (guint i = 0; i < ds_measure_count (); i++)
    candidates[n++] = ds_measure_name (ds_measure_nth (i));
  for (guint i = 0; i < ds_relation_count (); i++)
    candidates[n++] = ds_relation_nth (i)->name;
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    candidates[n++] = functions[i].name;
  hint = ds_suggest (name, candidates, n);
  if (hint != NULL)
    fail (ctx, error, DS_REWARD_ERROR_UNKNOWN,
          "'%s' is not a measure, relation or mix term "
          "(did you mean '%s'?)", name, hint);
  else
    fail (ctx, error, DS_REWARD_ERROR_UNKNOWN,
          "'%s' is not a measure, relation or mix term "
          "(see 'drumswarm score --list')", name);
}

/* A relation term RELATION(VOICE[, ARGUMENT]). */
static gboolean
compile_relation (const Context *ctx, const DsRelationClass *relation, const Call *call,
                  DsRewardTerm *term, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (call->n_args < 1 || call->n_args > (relation->argument != NULL ? 2u : 1u))
    {
      if (relation->argument != NULL)
        fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "expected %s(VOICE[, %s])", call->name,
              relation->argument);
      else
        fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "expected %s(VOICE), e.g. %s(kick)",
              call->name, call->name);
      return FALSE;
    }
  term->relation = TRUE;
  if (!resolve_other (ctx, call->name, call->args[0], term, error))
    return FALSE;
  if (!ds_relation_init (&term->rel, relation, call->n_args > 1 ? call->args[1] : NULL,
                         ds_meter_length (ctx->meter), ctx->meter, &local))
    {
      fail (ctx, error, DS_REWARD_ERROR_VALUE, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* A style term: `style` (the bundled default), `style(NAME or FILE)` or
 * `style(NAME or FILE, SPAN)`. */
static gboolean
compile_style (const Context *ctx, const Call *call, DsRewardTerm *term, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (call->n_args > 2)
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
            "expected style, style(NAME or FILE) or style(NAME or FILE, SPAN), "
            "e.g. style(gmd, 2)");
      return FALSE;
    }
  if (!ds_reward_style_compile (term, call->args, call->n_args, ctx->meter, ctx->names,
                                ctx->n_voices, &local))
    {
      fail (ctx, error, DS_REWARD_ERROR_VALUE, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* target(MEASURE, loop): the target is the measure's value in the loop's own
 * voice, whatever bar of the loop the episode plays against ("as syncopated
 * as the loop", "as busy").  Only a measure of the voice has such a value. */
static gboolean
target_loop (const Context *ctx, DsRewardTerm *term, GError **error)
{
  if (term->relation || term->style != NULL || term->anchors || term->toward_end)
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
            "target(X, loop) takes a measure of the voice, e.g. target(lhl, loop), "
            "not '%s'", term->name);
      return FALSE;
    }
  term->target_loop = TRUE;
  term->other_in_loop = TRUE;
  term->other = (int) ctx->voice;
  return TRUE;
}

/* Compiles one call (without weight) into TERM; ALLOW_TARGET is FALSE inside
 * target(). */
static gboolean
compile_call (const Context *ctx, const char *text, gboolean allow_target, DsRewardTerm *term,
              GError **error)
{
  g_auto (Call) call = { 0 };
  const DsMeasureClass *measure;
  const DsRelationClass *relation;

  if (!call_split (ctx, text, &call, error))
    return FALSE;
  /* target(X, T) names X's name here again when it compiles X */
  g_strlcpy (term->name, strcmp (call.name, "density-target") == 0 ? "density" : call.name,
             sizeof term->name);
  if ((strcmp (call.name, "target") == 0 || strcmp (call.name, "density-target") == 0)
      && !allow_target)
    {
      fail (ctx, error, DS_REWARD_ERROR_SYNTAX, "a target cannot hold another target");
      return FALSE;
    }
  if (strcmp (call.name, "target") == 0)
    {
      if (call.n_args != 2)
        {
          fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
                "expected target(MEASURE or RELATION, VALUE), e.g. target(lhl, 0.4)");
          return FALSE;
        }
      term->has_target = TRUE;
      if (!compile_call (ctx, call.args[0], FALSE, term, error))
        return FALSE;
      if (strcmp (call.args[1], "loop") == 0)
        return target_loop (ctx, term, error);
      return parse_unit (ctx, call.args[1], "a target value", &term->target, error);
    }
  if (strcmp (call.name, "density-target") == 0)
    {
      if (call.n_args != 1)
        {
          fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
                "expected density-target(VALUE), e.g. density-target(0.25), "
                "or density-target(loop)");
          return FALSE;
        }
      term->has_target = TRUE;
      if (!compile_measure (ctx, ds_measure_find ("density"), term, error))
        return FALSE;
      if (strcmp (call.args[0], "loop") == 0)
        return target_loop (ctx, term, error);
      return parse_unit (ctx, call.args[0], "a target density", &term->target, error);
    }
  if (strcmp (call.name, "toward-end") == 0)
    {
      if (call.n_args != 0)
        {
          fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
                "toward-end is a measure of the voice itself and takes no arguments");
          return FALSE;
        }
      term->toward_end = TRUE;
      term->relation = FALSE;
      return TRUE;
    }
  if (strcmp (call.name, "anchors") == 0)
    {
      g_autoptr (GError) local = NULL;

      if (!ds_reward_anchors_compile (term, ctx->meter, ctx->voice, call.args, call.n_args,
                                      &local))
        {
          fail (ctx, error, local->code, "%s", local->message);
          return FALSE;
        }
      return TRUE;
    }
  if ((measure = ds_measure_find (call.name)) != NULL)
    {
      if (call.n_args != 0)
        {
          fail (ctx, error, DS_REWARD_ERROR_SYNTAX,
                "%s is a measure of the voice itself and takes no arguments", call.name);
          return FALSE;
        }
      return compile_measure (ctx, measure, term, error);
    }
  if ((relation = ds_relation_find (call.name)) != NULL)
    return compile_relation (ctx, relation, &call, term, error);
  if (strcmp (call.name, "style") == 0)
    return compile_style (ctx, &call, term, error);
  suggest_name (ctx, call.name, error);
  return FALSE;
}

char **
ds_reward_split_terms (const char *text)
{
  GPtrArray *terms = g_ptr_array_new ();
  const char *start = text;
  int depth = 0;

  for (const char *p = text;; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      else if ((*p == '+' && depth == 0) || *p == '\0')
        {
          g_ptr_array_add (terms, g_strstrip (g_strndup (start, (gsize) (p - start))));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  g_ptr_array_add (terms, NULL);
  return (char **) g_ptr_array_free (terms, FALSE);
}

/* The weight at the front of TEXT (1 without one); *REST is the call after it. */
static gboolean
parse_weight (const Context *ctx, const char *text, double *weight, const char **rest,
              GError **error)
{
  char *end;

  *rest = text;
  *weight = 1.0;
  if (!g_ascii_isdigit (text[0]) && text[0] != '.' && text[0] != '-')
    return TRUE;
  *weight = g_ascii_strtod (text, &end);
  /* a subnormal weight loses the precision that makes a mix's score its
   * weighted mean */
  if (end == text || !isfinite (*weight) || *weight <= 0.0 || !isnormal (*weight))
    {
      fail (ctx, error, DS_REWARD_ERROR_VALUE, "expected a positive weight before the term");
      return FALSE;
    }
  end = (char *) skip_space (end);
  if (*end == '*')
    end = (char *) skip_space (end + 1);
  *rest = end;
  return TRUE;
}

void
ds_reward_mix_clear (DsRewardMix *mix)
{
  for (guint i = 0; i < mix->n_terms; i++)
    {
      g_free (mix->terms[i].text);
      ds_style_scorer_free (mix->terms[i].style);
    }
  g_free (mix->terms);
  g_free (mix->text);
  memset (mix, 0, sizeof *mix);
}

gboolean
ds_reward_mix_parse (DsRewardMix *mix, const char *text, const char *where,
                     const DsMeter *meter, const char *const *names, guint n_voices,
                     guint voice, GError **error)
{
  g_auto (GStrv) items = ds_reward_split_terms (text);
  g_autoptr (GString) canonical = g_string_new (NULL);
  Context ctx = { where, meter, names, n_voices, voice, text };
  guint n = g_strv_length (items);

  memset (mix, 0, sizeof *mix);
  mix->terms = g_new0 (DsRewardTerm, n);
  for (guint i = 0; i < n; i++)
    {
      DsRewardTerm *term = &mix->terms[i];
      const char *rest;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      ctx.term = items[i];
      if (items[i][0] == '\0')
        {
          ctx.term = text;
          fail (&ctx, error, DS_REWARD_ERROR_SYNTAX,
                n == 1 ? "expected at least one term, e.g. 0.5 anti-coincidence(kick)"
                       : "expected a term between the '+' signs");
          ds_reward_mix_clear (mix);
          return FALSE;
        }
      if (!parse_weight (&ctx, items[i], &term->weight, &rest, error)
          || !compile_call (&ctx, rest, TRUE, term, error))
        {
          /* this term too: it may hold a compiled style */
          mix->n_terms = i + 1;
          ds_reward_mix_clear (mix);
          return FALSE;
        }
      term->text = g_strdup_printf ("%s %s", g_ascii_formatd (buf, sizeof buf, "%g",
                                                                term->weight), rest);
      mix->n_terms = i + 1;
      mix->weight_sum += term->weight;
      mix->needs_loop = mix->needs_loop || term->other_in_loop;
      g_string_append_printf (canonical, "%s%s", i > 0 ? " + " : "", term->text);
    }
  if (!isfinite (mix->weight_sum))
    {
      ctx.term = text;
      fail (&ctx, error, DS_REWARD_ERROR_VALUE,
            "the weights add up to more than %g; scale them down", G_MAXDOUBLE);
      ds_reward_mix_clear (mix);
      return FALSE;
    }
  mix->text = g_string_free (g_steal_pointer (&canonical), FALSE);
  return TRUE;
}
