/* relation.c: relations of two patterns as popcounts (see relation.h). */
#include "autoconfig.h"

#include "src/rhythm/relation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const DsRelationClass relations[] = {
  { "anti-coincidence", NULL, "how often exactly one of the two voices sounds (the 2020 "
    "study's reward; raw: mapped to [-1, 1])", DS_RELATION_ANTI_COINCIDENCE },
  { "coincidence", NULL, "the share of this voice's onsets that land on the other's",
    DS_RELATION_COINCIDENCE },
  { "interlock", NULL, "of the steps where anything sounds, the share where exactly one "
    "voice does", DS_RELATION_INTERLOCK },
  { "density-ratio", "TARGET", "onsets of this voice per onset of the other, toward TARGET "
    "(default 1; raw: the ratio)", DS_RELATION_DENSITY_RATIO },
  { "similarity", NULL, "1 - Hamming distance / steps (e.g. to the user's loop)",
    DS_RELATION_SIMILARITY },
  { "echo", "LAG", "call and response: correlation with the other voice LAG steps later "
    "(default half the grid)", DS_RELATION_ECHO },
  { "union", "MEASURE", "a measure (default lhl) of the two voices together",
    DS_RELATION_UNION },
};

const DsRelationClass *
ds_relation_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    if (strcmp (relations[i].name, name) == 0)
      return &relations[i];
  return NULL;
}

guint
ds_relation_count (void)
{
  return G_N_ELEMENTS (relations);
}

const DsRelationClass *
ds_relation_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (relations), NULL);
  return &relations[index];
}

static gboolean
parse_number (const char *text, double *value)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

gboolean
ds_relation_init (DsRelation *relation, const DsRelationClass *klass, const char *argument,
                  guint length, const DsMeter *meter, GError **error)
{
  double v;

  memset (relation, 0, sizeof *relation);
  relation->klass = klass;
  relation->meter = meter;
  relation->target = 1.0;
  relation->lag = length / 2;
  if (argument != NULL && klass->argument == NULL)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                   "%s takes only the other voice, not '%s'", klass->name, argument);
      return FALSE;
    }
  switch (klass->kind)
    {
    case DS_RELATION_DENSITY_RATIO:
      if (argument != NULL && (!parse_number (argument, &v) || v <= 0.0))
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "density-ratio: expected a positive TARGET ratio, got '%s'", argument);
          return FALSE;
        }
      if (argument != NULL)
        relation->target = v;
      break;
    case DS_RELATION_ECHO:
      if (argument != NULL
          && (!parse_number (argument, &v) || v < 0.0 || v >= length || v != floor (v)))
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "echo: expected a LAG of 0 to %u steps, got '%s'", length - 1, argument);
          return FALSE;
        }
      if (argument != NULL)
        relation->lag = (guint) v;
      break;
    case DS_RELATION_UNION:
      if (meter == NULL || ds_meter_length (meter) != length)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                       "union needs a meter that covers the patterns' %u steps (give --meter)",
                       length);
          return FALSE;
        }
      relation->measure = ds_measure_find (argument != NULL ? argument : "lhl");
      if (relation->measure == NULL)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNKNOWN,
                       "union: '%s' is not a measure (see 'drumswarm score --list')",
                       argument);
          return FALSE;
        }
      if (!ds_normalise_range (relation->measure, meter, &relation->range, error))
        return FALSE;
      if (length <= DS_NORMALISE_TABLE_MAX)
        {
          relation->table = ds_normalise_table (relation->measure, meter, error);
          if (relation->table == NULL)
            return FALSE;
        }
      break;
    default:
      break;
    }
  return TRUE;
}

static inline guint
n_words (const DsPattern *p)
{
  return (p->length + 63) / 64;
}

static inline guint
count (const DsPattern *p)
{
  guint c = 0;

  for (guint w = 0; w < n_words (p); w++)
    c += ds_relation_popcount (p->on[w]);
  return c;
}

/* B delayed by LAG steps (cyclic). */
static void
rotate (const DsPattern *b, guint lag, DsPattern *out)
{
  guint length = b->length;

  if (length <= 64)
    {
      uint64_t mask = length == 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << length) - 1;
      uint64_t bits = b->on[0] & mask;

      ds_pattern_init (out, length);
      out->on[0] = lag == 0 ? bits : ((bits << lag) | (bits >> (length - lag))) & mask;
      return;
    }
  ds_pattern_init (out, length);
  for (guint k = 0; k < length; k++)
    if (ds_pattern_get (b, k))
      ds_pattern_set (out, (k + lag) % length, TRUE);
}

double
ds_relation_value (const DsRelation *relation, const DsPattern *a, const DsPattern *b)
{
  guint words = n_words (a), both = 0, either = 0, differ = 0;

  if (relation->klass->kind == DS_RELATION_ECHO)
    {
      DsPattern delayed;
      guint ca = count (a), cb = count (b);

      if (ca == 0 || cb == 0)
        return 0.0;
      rotate (b, relation->lag, &delayed);
      for (guint w = 0; w < words; w++)
        both += ds_relation_popcount (a->on[w] & delayed.on[w]);
      return both / sqrt ((double) ca * cb);
    }
  if (relation->klass->kind == DS_RELATION_UNION)
    {
      DsPattern u = *a;

      for (guint w = 0; w < words; w++)
        u.on[w] |= b->on[w];
      if (relation->table != NULL)
        return relation->table[u.on[0]];
      return ds_normalise_apply (&relation->range,
                                 ds_measure_raw_unchecked (relation->measure, &u,
                                                           relation->meter));
    }
  for (guint w = 0; w < words; w++)
    {
      both += ds_relation_popcount (a->on[w] & b->on[w]);
      either += ds_relation_popcount (a->on[w] | b->on[w]);
      differ += ds_relation_popcount (a->on[w] ^ b->on[w]);
    }
  switch (relation->klass->kind)
    {
    case DS_RELATION_ANTI_COINCIDENCE:
      return (double) differ / a->length;
    case DS_RELATION_COINCIDENCE:
      {
        guint ca = count (a);

        return ca == 0 ? 0.0 : (double) both / ca;
      }
    case DS_RELATION_INTERLOCK:
      return either == 0 ? 0.0 : (double) differ / either;
    case DS_RELATION_DENSITY_RATIO:
      {
        guint ca = count (a), cb = count (b);
        double r, t = relation->target;

        if (cb == 0 || ca == 0)
          return 0.0;
        r = (double) ca / cb;
        return MIN (r, t) / MAX (r, t);
      }
    case DS_RELATION_SIMILARITY:
      return 1.0 - (double) differ / a->length;
    default:
      return 0.0;
    }
}

gboolean
ds_relation_raw (const DsRelation *relation, const DsPattern *a, const DsPattern *b,
                 double *value, GError **error)
{
  switch (relation->klass->kind)
    {
    case DS_RELATION_ANTI_COINCIDENCE:
      *value = 2.0 * ds_relation_value (relation, a, b) - 1.0;
      return TRUE;
    case DS_RELATION_DENSITY_RATIO:
      if (count (b) == 0)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                       "density-ratio: the other voice is empty, so the ratio is undefined");
          return FALSE;
        }
      *value = (double) count (a) / count (b);
      return TRUE;
    case DS_RELATION_UNION:
      {
        DsPattern u = *a;

        for (guint w = 0; w < n_words (a); w++)
          u.on[w] |= b->on[w];
        return ds_measure_raw (relation->measure, &u, relation->meter, value, error);
      }
    default:
      *value = ds_relation_value (relation, a, b);
      return TRUE;
    }
}
