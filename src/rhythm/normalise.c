/* normalise.c: exact ranges by enumeration, bounds, and whole-grid tables
 * (see normalise.h).  The caches are filled once per key under one lock. */
#include "autoconfig.h"

#include "src/rhythm/normalise.h"

#include "src/base/rng.h"

#include <math.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Enumerations of fewer patterns run on one thread: for the 2^16 patterns of a
 * table, threads would not pay for their start and their spinning after. */
#define PARALLEL_MIN ((gint64) 1 << 18)

static GMutex cache_lock;
static GHashTable *range_cache; /* "measure|signature|steps" -> DsNormaliseRange */
static GHashTable *table_cache; /* "measure|bars" -> float[], "raw8|measure|bars" -> guint8[] */

static void
caches_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      range_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      table_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_once_init_leave (&done, 1);
    }
}

/* One bar of SIGNATURE and STEPS as a one-bar meter. */
static DsMeter *
bar_meter (const DsSignature *signature, guint steps, GError **error)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();

  if (!ds_meter_add_bar (meter, signature, steps, error))
    return NULL;
  return g_steal_pointer (&meter);
}

gboolean
ds_normalise_enumerate (const DsMeasureClass *measure, const DsSignature *signature,
                        guint steps, DsNormaliseRange *range, GError **error)
{
  g_autoptr (DsMeter) meter = NULL;
  double lo = INFINITY, hi = -INFINITY;
  gint64 n;

  if (steps > DS_NORMALISE_ENUMERATE_MAX)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s: a bar of %u steps is too long to enumerate (at most %u)",
                   measure->name, steps, DS_NORMALISE_ENUMERATE_MAX);
      return FALSE;
    }
  meter = bar_meter (signature, steps, error);
  if (meter == NULL || !ds_measure_covers (measure, meter, error))
    return FALSE;
  n = (gint64) 1 << steps;
#pragma omp parallel for schedule(static, 4096) reduction(min : lo) reduction(max : hi) if (n >= PARALLEL_MIN)
  for (gint64 bits = 0; bits < n; bits++)
    {
      DsPattern pattern;
      double v;

      ds_pattern_from_bits (&pattern, steps, (uint64_t) bits);
      v = ds_measure_raw_unchecked (measure, &pattern, meter);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  range->min = lo;
  range->max = hi;
  range->exact = TRUE;
  return TRUE;
}

/* The range of a whole-loop measure on METER: its own range, else every
 * pattern of the grid, else its bound. */
static gboolean
loop_range (const DsMeasureClass *measure, const DsMeter *meter, DsNormaliseRange *r,
            GError **error)
{
  guint length = ds_meter_length (meter);
  double lo = INFINITY, hi = -INFINITY;
  DsPattern empty;
  DsMeasureBar view;
  gint64 n;

  if (!ds_measure_covers (measure, meter, error))
    return FALSE;
  ds_pattern_init (&empty, length);
  ds_measure_bar_init (&view, &empty, meter, 0);
  r->exact = TRUE;
  if (measure->range != NULL)
    {
      measure->range (&view, &r->min, &r->max);
      return TRUE;
    }
  if (length > DS_NORMALISE_ENUMERATE_MAX)
    {
      if (measure->bound == NULL)
        {
          g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                       "%s: no bound for grids of more than %u steps", measure->name,
                       DS_NORMALISE_ENUMERATE_MAX);
          return FALSE;
        }
      measure->bound (&view, &r->min, &r->max);
      r->exact = FALSE;
      return TRUE;
    }
  n = (gint64) 1 << length;
#pragma omp parallel for schedule(static, 4096) reduction(min : lo) reduction(max : hi) if (n >= PARALLEL_MIN)
  for (gint64 bits = 0; bits < n; bits++)
    {
      DsPattern pattern;
      double v;

      ds_pattern_from_bits (&pattern, length, (uint64_t) bits);
      v = measure->loop (&pattern, meter);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  r->min = lo;
  r->max = hi;
  return TRUE;
}

static char *meter_key (const DsMeasureClass *measure, const DsMeter *meter);

/* The value of the one-bar loop BITS of METER. */
static double
bar_value (const DsMeasureClass *measure, const DsMeter *meter, uint64_t bits)
{
  DsPattern pattern;

  ds_pattern_from_bits (&pattern, ds_meter_length (meter), bits);
  return ds_measure_raw_unchecked (measure, &pattern, meter);
}

/* Whether some pattern of the one-bar METER reaches the bound HI: steepest-ascent
 * hill climbing by single-step toggles from the empty, the full and seeded
 * random patterns, each climb kicked a few times.  A pattern that reaches a
 * proven upper bound proves it the exact maximum, without enumerating. */
static gboolean
bound_reached (const DsMeasureClass *measure, const DsMeter *meter, double hi)
{
  guint steps = ds_meter_length (meter);
  uint64_t all = steps >= 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << steps) - 1;
  DsRng rng;

  ds_rng_init (&rng, 20261125);
  for (guint start = 0; start < 48; start++)
    {
      uint64_t bits = start == 0 ? 0 : start == 1 ? all : ds_rng_next (&rng) & all;
      double value = bar_value (measure, meter, bits);

      for (guint kick = 0; kick < 4; kick++)
        {
          for (;;)
            {
              uint64_t best_bits = bits;
              double best = value;

              for (guint k = 0; k < steps; k++)
                {
                  double v = bar_value (measure, meter, bits ^ ((uint64_t) 1 << k));

                  if (v > best)
                    {
                      best = v;
                      best_bits = bits ^ ((uint64_t) 1 << k);
                    }
                }
              if (best_bits == bits)
                break;
              bits = best_bits;
              value = best;
            }
          if (value > hi + 1e-9)
            return FALSE; /* not a bound after all: let enumeration decide */
          if (value >= hi - 1e-9)
            return TRUE;
          bits ^= ((uint64_t) 1 << ds_rng_below (&rng, steps))
                  | ((uint64_t) 1 << ds_rng_below (&rng, steps));
          value = bar_value (measure, meter, bits);
        }
    }
  return FALSE;
}

/* The exact range of one looped bar of METER by a bound that patterns reach
 * (the empty pattern its minimum, a climbed one its maximum); FALSE when they
 * do not, and enumeration must decide. */
static gboolean
reached_range (const DsMeasureClass *measure, const DsMeter *meter, DsNormaliseRange *r)
{
  DsPattern empty;
  DsMeasureBar view;

  /* the climb holds a bar in one word */
  if (measure->bound == NULL || ds_meter_length (meter) > 64)
    return FALSE;
  ds_pattern_init (&empty, ds_meter_length (meter));
  ds_measure_bar_init (&view, &empty, meter, 0);
  measure->bound (&view, &r->min, &r->max);
  r->exact = TRUE;
  return bar_value (measure, meter, 0) <= r->min + 1e-12
         && bound_reached (measure, meter, r->max);
}

/* The range of a bar too long to enumerate by the measure's proven bound
 * alone, flagged as not exact. */
static gboolean
bound_range (const DsMeasureClass *measure, const DsMeter *meter, DsNormaliseRange *r,
             GError **error)
{
  DsPattern empty;
  DsMeasureBar view;

  if (measure->bound == NULL)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s: no bound for bars of more than %u steps", measure->name,
                   DS_NORMALISE_ENUMERATE_MAX);
      return FALSE;
    }
  ds_pattern_init (&empty, ds_meter_length (meter));
  ds_measure_bar_init (&view, &empty, meter, 0);
  measure->bound (&view, &r->min, &r->max);
  r->exact = FALSE;
  return TRUE;
}

/* The cached range of one looped bar. */
static gboolean
bar_range (const DsMeasureClass *measure, const DsBar *bar, DsNormaliseRange *range,
           GError **error)
{
  g_autofree char *signature = ds_signature_to_string (&bar->signature);
  g_autofree char *key = g_strdup_printf ("%s|%s|%u", measure->name, signature, bar->steps);
  DsNormaliseRange *cached;
  gboolean ok = TRUE;

  caches_init ();
  g_mutex_lock (&cache_lock);
  cached = g_hash_table_lookup (range_cache, key);
  if (cached == NULL)
    {
      DsNormaliseRange r = { 0.0, 0.0, TRUE };
      g_autoptr (DsMeter) meter = bar_meter (&bar->signature, bar->steps, error);

      ok = meter != NULL && ds_measure_covers (measure, meter, error);
      if (ok && measure->range != NULL)
        {
          DsPattern empty;
          DsMeasureBar view;

          ds_pattern_init (&empty, bar->steps);
          ds_measure_bar_init (&view, &empty, meter, 0);
          measure->range (&view, &r.min, &r.max);
        }
      else if (ok && reached_range (measure, meter, &r))
        ;
      else if (ok && bar->steps <= DS_NORMALISE_ENUMERATE_MAX)
        ok = ds_normalise_enumerate (measure, &bar->signature, bar->steps, &r, error);
      else if (ok)
        ok = bound_range (measure, meter, &r, error);
      if (ok)
        {
          cached = g_memdup2 (&r, sizeof r);
          g_hash_table_insert (range_cache, g_steal_pointer (&key), cached);
        }
    }
  g_mutex_unlock (&cache_lock);
  if (ok)
    *range = *cached;
  return ok;
}

gboolean
ds_normalise_range (const DsMeasureClass *measure, const DsMeter *meter,
                    DsNormaliseRange *range, GError **error)
{
  DsNormaliseRange total = { 0.0, 0.0, TRUE };

  if (measure->loop != NULL)
    {
      g_autofree char *key = meter_key (measure, meter);
      DsNormaliseRange *cached;
      gboolean ok = TRUE;

      caches_init ();
      g_mutex_lock (&cache_lock);
      cached = g_hash_table_lookup (range_cache, key);
      if (cached == NULL && (ok = loop_range (measure, meter, &total, error)))
        {
          cached = g_memdup2 (&total, sizeof total);
          g_hash_table_insert (range_cache, g_steal_pointer (&key), cached);
        }
      g_mutex_unlock (&cache_lock);
      if (ok)
        *range = *cached;
      return ok;
    }
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      DsNormaliseRange r;

      if (!bar_range (measure, ds_meter_bar (meter, b), &r, error))
        return FALSE;
      if (measure->mean)
        {
          total.min = b == 0 ? r.min : MIN (total.min, r.min);
          total.max = b == 0 ? r.max : MAX (total.max, r.max);
        }
      else
        {
          total.min += r.min;
          total.max += r.max;
        }
      total.exact = total.exact && r.exact;
    }
  *range = total;
  return TRUE;
}

static char *
meter_key (const DsMeasureClass *measure, const DsMeter *meter)
{
  GString *key = g_string_new (measure->name);

  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      const DsBar *bar = ds_meter_bar (meter, b);
      g_autofree char *signature = ds_signature_to_string (&bar->signature);

      g_string_append_printf (key, "|%s/%u", signature, bar->steps);
    }
  return g_string_free (key, FALSE);
}

const float *
ds_normalise_table (const DsMeasureClass *measure, const DsMeter *meter, GError **error)
{
  guint length = ds_meter_length (meter);
  g_autofree char *key = NULL;
  DsNormaliseRange range;
  float *table;

  if (length > DS_NORMALISE_TABLE_MAX)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s: a table of every pattern needs at most %u steps, not %u",
                   measure->name, DS_NORMALISE_TABLE_MAX, length);
      return NULL;
    }
  if (!ds_normalise_range (measure, meter, &range, error))
    return NULL;
  key = meter_key (measure, meter);
  caches_init ();
  g_mutex_lock (&cache_lock);
  table = g_hash_table_lookup (table_cache, key);
  if (table == NULL)
    {
      gint64 n = (gint64) 1 << length;

      table = g_new (float, n);
#pragma omp parallel for schedule(static, 1024) if (n >= PARALLEL_MIN)
      for (gint64 bits = 0; bits < n; bits++)
        {
          DsPattern pattern;

          ds_pattern_from_bits (&pattern, length, (uint64_t) bits);
          table[bits] = (float) ds_normalise_apply (
              &range, ds_measure_raw_unchecked (measure, &pattern, meter));
        }
      g_hash_table_insert (table_cache, g_steal_pointer (&key), table);
    }
  g_mutex_unlock (&cache_lock);
  return table;
}

const guint8 *
ds_normalise_table_raw8 (const DsMeasureClass *measure, const DsMeter *meter, GError **error)
{
  guint length = ds_meter_length (meter);
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  DsNormaliseRange range;
  guint8 *table;

  if (!measure->integer || length > DS_NORMALISE_TABLE_MAX)
    return NULL;
  if (!ds_normalise_range (measure, meter, &range, error))
    return NULL;
  if (range.min < 0.0 || range.max > 255.0 || !range.exact)
    return NULL;
  name = meter_key (measure, meter);
  key = g_strconcat ("raw8|", name, NULL);
  caches_init ();
  g_mutex_lock (&cache_lock);
  table = g_hash_table_lookup (table_cache, key);
  if (table == NULL)
    {
      gint64 n = (gint64) 1 << length;

      table = g_new (guint8, n);
#pragma omp parallel for schedule(static, 1024) if (n >= PARALLEL_MIN)
      for (gint64 bits = 0; bits < n; bits++)
        {
          DsPattern pattern;

          ds_pattern_from_bits (&pattern, length, (uint64_t) bits);
          table[bits] = (guint8) ds_measure_raw_unchecked (measure, &pattern, meter);
        }
      g_hash_table_insert (table_cache, g_steal_pointer (&key), table);
    }
  g_mutex_unlock (&cache_lock);
  return table;
}

const guint8 *
ds_normalise_table_context8 (const DsMeasureClass *measure, const DsSignature *signature,
                             guint steps, GError **error)
{
  g_autofree char *name = ds_signature_to_string (signature);
  g_autofree char *key = g_strdup_printf ("context8|%s|%s/%u", measure->name, name, steps);
  g_autoptr (DsMeter) meter = NULL;
  DsNormaliseRange range;
  guint8 *table;

  if (!measure->integer || measure->neighbours != DS_MEASURE_NEIGHBOURS_PREVIOUS_LAST
      || measure->bar == NULL || steps > DS_NORMALISE_TABLE_MAX)
    return NULL;
  meter = ds_meter_new ();
  if (!ds_meter_add_bar (meter, signature, steps, error)
      || !ds_meter_add_bar (meter, signature, steps, error)
      || !ds_normalise_range (measure, meter, &range, error))
    return NULL;
  if (range.min < 0.0 || range.max > 255.0)
    return NULL;
  caches_init ();
  g_mutex_lock (&cache_lock);
  table = g_hash_table_lookup (table_cache, key);
  if (table == NULL)
    {
      guint n_levels = ds_meter_bar (meter, 0)->n_levels;
      gint64 n = (gint64) 1 << steps;

      table = g_new (guint8, (n_levels + 1) * n);
      for (guint row = 0; row <= n_levels; row++)
        {
          uint64_t previous = 0;

          /* a previous bar whose only onset sits at level row - 1 */
          for (guint k = 0; k < steps && row > 0; k++)
            if (ds_meter_level (meter, k) == row - 1)
              {
                previous = (uint64_t) 1 << k;
                break;
              }
          for (gint64 bits = 0; bits < n; bits++)
            {
              DsPattern pattern;
              DsMeasureBar view;
              double num = 0.0, den = 0.0;

              ds_pattern_from_bits (&pattern, 2 * steps, previous | ((uint64_t) bits << steps));
              ds_measure_bar_init (&view, &pattern, meter, 1);
              measure->bar (&view, &num, &den);
              table[row * n + bits] = (guint8) num;
            }
        }
      g_hash_table_insert (table_cache, g_steal_pointer (&key), table);
    }
  g_mutex_unlock (&cache_lock);
  return table;
}
