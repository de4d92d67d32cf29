/* meter.c: time signatures, bars and the metrical hierarchy (see meter.h). */
#include "autoconfig.h"

#include "src/rhythm/meter.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ds-meter-error-quark, ds_meter_error)

#define MAX_FACTORS 16

struct _DsMeter {
  guint n_bars;
  guint length;
  DsBar *bars;
  guint level[DS_METER_MAX_STEPS];
};

/* The default grouping of N/D units into beats (see meter.h). */
static void
default_groups (DsSignature *s)
{
  guint n = s->numerator;

  s->n_groups = 0;
  if (s->denominator <= 4 || n <= 3)
    {
      if (s->denominator >= 8 && n > 1)
        {
          s->groups[s->n_groups++] = n;  /* 2/8, 3/8: one beat */
          return;
        }
      for (guint i = 0; i < n; i++)
        s->groups[s->n_groups++] = 1;
    }
  else if (n % 3 == 0)
    for (guint i = 0; i < n / 3; i++)
      s->groups[s->n_groups++] = 3;
  else
    {
      guint twos = n % 2 == 0 ? n / 2 : (n - 3) / 2;

      for (guint i = 0; i < twos; i++)
        s->groups[s->n_groups++] = 2;
      if (n % 2 != 0)
        s->groups[s->n_groups++] = 3;
    }
}

static gboolean
parse_uint (const char **p, guint *value)
{
  char *end;
  guint64 v;

  if (!g_ascii_isdigit (**p))
    return FALSE;
  v = g_ascii_strtoull (*p, &end, 10);
  if (v > 1000)
    return FALSE;
  *value = (guint) v;
  *p = end;
  return TRUE;
}

gboolean
ds_meter_parse_signature (const char *text, DsSignature *signature, GError **error)
{
  DsSignature s;
  const char *p = text;
  guint sum = 0;

  memset (&s, 0, sizeof s);
  if (!parse_uint (&p, &s.numerator) || *p++ != '/' || !parse_uint (&p, &s.denominator)
      || (*p != '\0' && *p != ':'))
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_SYNTAX,
                   "meter '%s': expected N/D or N/D:a+b+... (e.g. 4/4, 6/8, 7/8:2+2+3)", text);
      return FALSE;
    }
  if (s.numerator < 1 || s.numerator > 32)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_VALUE,
                   "meter '%s': the numerator must be between 1 and 32", text);
      return FALSE;
    }
  if (s.denominator == 0 || s.denominator > 32 || (s.denominator & (s.denominator - 1)) != 0)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_VALUE,
                   "meter '%s': the denominator must be 1, 2, 4, 8, 16 or 32", text);
      return FALSE;
    }
  if (*p == ':')
    {
      p++;
      do
        {
          guint g;

          if (!parse_uint (&p, &g) || g == 0 || s.n_groups == DS_METER_MAX_GROUPS)
            {
              g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_SYNTAX,
                           "meter '%s': the grouping after ':' must be positive numbers "
                           "joined by '+' (e.g. 7/8:2+2+3)", text);
              return FALSE;
            }
          s.groups[s.n_groups++] = g;
          sum += g;
        }
      while (*p++ == '+');
      if (p[-1] != '\0')
        {
          g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_SYNTAX,
                       "meter '%s': unexpected '%c' in the grouping", text, p[-1]);
          return FALSE;
        }
      if (sum != s.numerator)
        {
          g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_VALUE,
                       "meter '%s': the grouping adds up to %u, not to the numerator %u",
                       text, sum, s.numerator);
          return FALSE;
        }
    }
  else
    default_groups (&s);
  *signature = s;
  return TRUE;
}

gboolean
ds_signature_equal (const DsSignature *a, const DsSignature *b)
{
  return a->numerator == b->numerator && a->denominator == b->denominator
         && a->n_groups == b->n_groups
         && memcmp (a->groups, b->groups, a->n_groups * sizeof a->groups[0]) == 0;
}

gboolean
ds_signature_same_meter (const DsSignature *a, const DsSignature *b)
{
  return a->numerator == b->numerator && a->denominator == b->denominator;
}

char *
ds_signature_to_string (const DsSignature *signature)
{
  DsSignature plain = *signature;
  GString *out = g_string_new (NULL);

  g_string_printf (out, "%u/%u", signature->numerator, signature->denominator);
  default_groups (&plain);
  if (!ds_signature_equal (&plain, signature))
    for (guint i = 0; i < signature->n_groups; i++)
      g_string_append_printf (out, "%c%u", i == 0 ? ':' : '+', signature->groups[i]);
  return g_string_free (out, FALSE);
}

/* Prime factors of N, 2s first, then 3s, then the rest, appended to FACTORS. */
static guint
append_factors (guint n, guint *factors, guint count)
{
  for (guint p = 2; n > 1 && count < MAX_FACTORS; p++)
    while (n % p == 0 && count < MAX_FACTORS)
      {
        factors[count++] = p;
        n /= p;
      }
  return count;
}

/* The factors that split one unit into N steps: the odd primes first (3s, then
 * 5s ...), then the 2s, so that every finer binary grid splits every step of
 * the coarser one in two, as SynPy extends its hierarchies: 6 steps per unit
 * are the triplets of 3 per unit, each halved ([3, 2], not [2, 3]). */
static guint
append_step_factors (guint n, guint *factors, guint count)
{
  guint twos = 0;

  while (n % 2 == 0 && n > 0)
    {
      n /= 2;
      twos++;
    }
  count = append_factors (n, factors, count);
  for (guint i = 0; i < twos && count < MAX_FACTORS; i++)
    factors[count++] = 2;
  return count;
}

/* Marks the boundaries inside [START, START + SPAN) split by FACTORS, the first
 * split at level LEVEL; returns the deepest level reached. */
static guint
subdivide (guint *level, guint start, guint span, const guint *factors, guint n_factors,
           guint lvl)
{
  guint deepest = lvl - 1;

  if (n_factors == 0)
    return deepest;
  for (guint i = 0; i < factors[0]; i++)
    {
      guint child = span / factors[0];
      guint d;

      if (i > 0)
        level[start + i * child] = lvl;
      d = subdivide (level, start + i * child, child, factors + 1, n_factors - 1, lvl + 1);
      deepest = MAX (deepest, d);
    }
  return deepest;
}

DsMeter *
ds_meter_new (void)
{
  return g_new0 (DsMeter, 1);
}

gboolean
ds_meter_add_bar (DsMeter *meter, const DsSignature *signature, guint steps, GError **error)
{
  const DsSignature *s = signature;
  g_autofree char *name = ds_signature_to_string (signature);
  DsBar bar = { .signature = *signature, .start = meter->length, .steps = steps };
  gboolean uniform = TRUE;
  guint step_factors[MAX_FACTORS], n_step_factors, per_unit, deepest = 0;

  if (steps == 0 || steps % s->numerator != 0)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_GRID,
                   "a %s bar of %u steps: the steps must be a multiple of its %u units",
                   name, steps, s->numerator);
      return FALSE;
    }
  if (meter->length + steps > DS_METER_MAX_STEPS)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_GRID,
                   "the grid would have %u steps, more than the %u allowed",
                   meter->length + steps, DS_METER_MAX_STEPS);
      return FALSE;
    }
  per_unit = steps / s->numerator;
  n_step_factors = append_step_factors (per_unit, step_factors, 0);
  for (guint g = 1; g < s->n_groups; g++)
    uniform = uniform && s->groups[g] == s->groups[0];

  meter->level[bar.start] = 0;
  if (uniform)
    {
      guint factors[MAX_FACTORS * 3], n = 0;

      n = append_factors (s->n_groups, factors, n);
      bar.beat_level = n;
      n = append_factors (s->groups[0], factors, n);
      for (guint i = 0; i < n_step_factors && n < G_N_ELEMENTS (factors); i++)
        factors[n++] = step_factors[i];
      deepest = subdivide (meter->level, bar.start, steps, factors, n, 1);
    }
  else
    {
      guint at = bar.start;

      bar.beat_level = 1;
      for (guint g = 0; g < s->n_groups; g++)
        {
          guint factors[MAX_FACTORS * 2], n = 0, d;

          if (g > 0)
            meter->level[at] = 1;
          n = append_factors (s->groups[g], factors, n);
          for (guint i = 0; i < n_step_factors && n < G_N_ELEMENTS (factors); i++)
            factors[n++] = step_factors[i];
          d = subdivide (meter->level, at, s->groups[g] * per_unit, factors, n, 2);
          deepest = MAX (deepest, MAX (d, 1u));
          at += s->groups[g] * per_unit;
        }
    }
  bar.n_levels = deepest + 1;
  meter->bars = g_renew (DsBar, meter->bars, meter->n_bars + 1);
  meter->bars[meter->n_bars++] = bar;
  meter->length += steps;
  return TRUE;
}

DsMeter *
ds_meter_new_bars (const char *text, guint steps_per_bar, guint n_bars, GError **error)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();
  DsSignature signature;

  if (!ds_meter_parse_signature (text, &signature, error))
    return NULL;
  for (guint b = 0; b < n_bars; b++)
    if (!ds_meter_add_bar (meter, &signature, steps_per_bar, error))
      return NULL;
  return g_steal_pointer (&meter);
}

guint
ds_signature_steps (const DsSignature *signature, guint steps_per_quarter)
{
  /* a unit (1/denominator of a whole note) is 4 * spq / denominator steps */
  guint unit4 = 4 * steps_per_quarter;

  if (signature->denominator == 0 || unit4 % signature->denominator != 0)
    return 0;
  return signature->numerator * (unit4 / signature->denominator);
}

DsMeter *
ds_meter_new_for_length (const char *text, guint length, GError **error)
{
  DsSignature signature;
  guint bar_steps;

  if (text == NULL)
    text = "4/4";
  if (!ds_meter_parse_signature (text, &signature, error))
    return NULL;
  /* 4 steps per quarter note; a 32nd, finer than that grid, gets a step of
   * its own (a 32/32 bar has 32 steps, not 16 that cannot hold its units) */
  bar_steps = signature.denominator > 16 ? signature.numerator
                                         : ds_signature_steps (&signature, 4);
  if (bar_steps > 0 && length % bar_steps == 0)
    return ds_meter_new_bars (text, bar_steps, length / bar_steps, error);
  return ds_meter_new_bars (text, length, 1, error);
}

DsMeter *
ds_meter_new_for_resolution (const char *text, guint steps_per_quarter, guint length,
                             GError **error)
{
  DsSignature signature;
  g_autofree char *name = NULL;
  guint bar_steps;

  if (text == NULL)
    text = "4/4";
  if (!ds_meter_parse_signature (text, &signature, error))
    return NULL;
  name = ds_signature_to_string (&signature);
  bar_steps = ds_signature_steps (&signature, steps_per_quarter);
  if (bar_steps == 0)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_GRID,
                   "a %s bar does not fit a grid of %u %s per quarter note (its 1/%u "
                   "notes would not be whole steps)", name, steps_per_quarter,
                   steps_per_quarter == 1 ? "step" : "steps", signature.denominator);
      return NULL;
    }
  if (length == 0 || length % bar_steps != 0)
    {
      g_set_error (error, DS_METER_ERROR, DS_METER_ERROR_GRID,
                   "a %s bar at %u %s per quarter note has %u steps; a pattern of %u "
                   "%s is not a whole number of them", name, steps_per_quarter,
                   steps_per_quarter == 1 ? "step" : "steps", bar_steps, length,
                   length == 1 ? "step" : "steps");
      return NULL;
    }
  return ds_meter_new_bars (text, bar_steps, length / bar_steps, error);
}

DsMeter *
ds_meter_copy (const DsMeter *meter)
{
  DsMeter *copy = g_memdup2 (meter, sizeof *meter);

  copy->bars = g_memdup2 (meter->bars, meter->n_bars * sizeof meter->bars[0]);
  return copy;
}

void
ds_meter_free (DsMeter *meter)
{
  if (meter == NULL)
    return;
  g_free (meter->bars);
  g_free (meter);
}

guint
ds_meter_length (const DsMeter *meter)
{
  return meter->length;
}

guint
ds_meter_n_bars (const DsMeter *meter)
{
  return meter->n_bars;
}

const DsBar *
ds_meter_bar (const DsMeter *meter, guint bar)
{
  g_return_val_if_fail (bar < meter->n_bars, NULL);
  return &meter->bars[bar];
}

guint
ds_meter_bar_of_step (const DsMeter *meter, guint step)
{
  guint b = 0;

  while (b + 1 < meter->n_bars && meter->bars[b + 1].start <= step)
    b++;
  return b;
}

guint
ds_meter_level (const DsMeter *meter, guint step)
{
  return meter->level[step];
}

const guint *
ds_meter_levels (const DsMeter *meter)
{
  return meter->level;
}

guint
ds_meter_weight (const DsMeter *meter, guint step)
{
  return meter->bars[ds_meter_bar_of_step (meter, step)].n_levels - meter->level[step];
}

int
ds_meter_lhl_weight (const DsMeter *meter, guint step)
{
  return -(int) meter->level[step];
}

gboolean
ds_meter_is_beat (const DsMeter *meter, guint step)
{
  return meter->level[step] <= meter->bars[ds_meter_bar_of_step (meter, step)].beat_level;
}

gboolean
ds_meter_is_uniform (const DsMeter *meter)
{
  for (guint b = 1; b < meter->n_bars; b++)
    if (meter->bars[b].steps != meter->bars[0].steps
        || !ds_signature_equal (&meter->bars[b].signature, &meter->bars[0].signature))
      return FALSE;
  return TRUE;
}

char *
ds_meter_to_string (const DsMeter *meter)
{
  GString *out = g_string_new (NULL);

  for (guint b = 0; b < meter->n_bars; b++)
    {
      g_autofree char *name = NULL;

      if (b > 0 && ds_signature_equal (&meter->bars[b].signature, &meter->bars[b - 1].signature))
        continue;
      name = ds_signature_to_string (&meter->bars[b].signature);
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}
