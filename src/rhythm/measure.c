/* measure.c: the table of measures and what they share (see measure.h).
 *
 * Each measure lives in its own src/measure-NAME.c, whose header cites its
 * paper; this file holds the table, the view of one bar of a loop and the
 * combination of bar values into the value of a whole loop.
 */
#include "autoconfig.h"

#include "src/rhythm/measure.h"

#include <string.h>

#include "src/rhythm/measure-builtin.h"
#include "src/rhythm/measure-shmulevich-povel.h"
#include "src/rhythm/normalise.h"

G_DEFINE_QUARK (ds-measure-error-quark, ds_measure_error)

/* The order of `score --list`.  The Shmulevich-Povel measure,
 * src/measure-shmulevich-povel.c, adds its line here. */
static const DsMeasureClass *const measures[] = {
  &ds_measure_density,
  &ds_measure_evenness,
  &ds_measure_lhl,
  &ds_measure_metrical,
  &ds_measure_off_beatness,
  &ds_measure_keith,
  &ds_measure_pressing,
  &ds_measure_wnbd,
  &ds_measure_sioros_guedes,
  &ds_measure_shmulevich_povel,
};

const DsMeasureClass *
ds_measure_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (strcmp (measures[i]->name, name) == 0)
      return measures[i];
  return NULL;
}

guint
ds_measure_count (void)
{
  return G_N_ELEMENTS (measures);
}

const DsMeasureClass *
ds_measure_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (measures), NULL);
  return measures[index];
}

const char *
ds_measure_name (const DsMeasureClass *measure)
{
  return measure->name;
}

const char *
ds_measure_summary (const DsMeasureClass *measure)
{
  return measure->summary;
}

void
ds_measure_bar_init (DsMeasureBar *view, const DsPattern *loop, const DsMeter *meter,
                     guint bar)
{
  const DsBar *info = ds_meter_bar (meter, bar);

  view->loop = loop;
  view->meter = meter;
  view->info = info;
  view->bar = bar;
  view->start = info->start;
  view->steps = info->steps;
  view->level = ds_meter_levels (meter) + info->start;
  view->n_onsets = 0;
  for (guint w = info->start / 64; w * 64 < info->start + info->steps; w++)
    {
      uint64_t bits = loop->on[w];
      guint base = w * 64;

      if (base < info->start)
        bits &= ~(uint64_t) 0 << (info->start - base);
      if (info->start + info->steps < base + 64)
        bits &= ((uint64_t) 1 << (info->start + info->steps - base)) - 1;
      while (bits != 0)
        {
          view->onsets[view->n_onsets++] = base + (guint) __builtin_ctzll (bits) - info->start;
          bits &= bits - 1;
        }
    }
}

guint
ds_measure_bar_next_onset (const DsMeasureBar *view, guint k)
{
  guint length = view->loop->length;
  guint at = view->start + k;

  for (guint d = 1; d < length; d++)
    {
      guint s = at + d;

      if (s >= length)
        s -= length;
      if (ds_pattern_get (view->loop, s))
        return d;
    }
  return length;
}

gboolean
ds_measure_covers (const DsMeasureClass *measure, const DsMeter *meter, GError **error)
{
  DsPattern empty;

  if (measure->covers == NULL)
    return TRUE;
  ds_pattern_init (&empty, ds_meter_length (meter));
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      DsMeasureBar view;

      ds_measure_bar_init (&view, &empty, meter, b);
      if (!measure->covers (&view, error))
        return FALSE;
    }
  return TRUE;
}

double
ds_measure_raw_unchecked (const DsMeasureClass *measure, const DsPattern *pattern,
                          const DsMeter *meter)
{
  double num = 0.0, den = 0.0;

  if (measure->loop != NULL)
    return measure->loop (pattern, meter);
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      DsMeasureBar view;
      double n = 0.0, d = 0.0;

      ds_measure_bar_init (&view, pattern, meter, b);
      measure->bar (&view, &n, &d);
      num += n;
      den += d;
    }
  if (!measure->mean)
    return num;
  return den > 0.0 ? num / den : 0.0;
}

/* METER when given, else the default meter for PATTERN's length in *OWNED. */
static const DsMeter *
resolve_meter (const DsMeasureClass *measure, const DsPattern *pattern, const DsMeter *meter,
               DsMeter **owned, GError **error)
{
  *owned = NULL;
  if (meter == NULL)
    {
      *owned = ds_meter_new_for_length (NULL, pattern->length, error);
      if (*owned == NULL)
        return NULL;
      meter = *owned;
    }
  if (ds_meter_length (meter) != pattern->length)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s: the pattern has %u steps but its meter %u", measure->name,
                   pattern->length, ds_meter_length (meter));
      return NULL;
    }
  return meter;
}

gboolean
ds_measure_raw (const DsMeasureClass *measure, const DsPattern *pattern, const DsMeter *meter,
                double *value, GError **error)
{
  g_autoptr (DsMeter) owned = NULL;

  meter = resolve_meter (measure, pattern, meter, &owned, error);
  if (meter == NULL || !ds_measure_covers (measure, meter, error))
    return FALSE;
  *value = ds_measure_raw_unchecked (measure, pattern, meter);
  return TRUE;
}

gboolean
ds_measure_normalised (const DsMeasureClass *measure, const DsPattern *pattern,
                       const DsMeter *meter, double *value, GError **error)
{
  g_autoptr (DsMeter) owned = NULL;
  DsNormaliseRange range;

  meter = resolve_meter (measure, pattern, meter, &owned, error);
  if (meter == NULL || !ds_normalise_range (measure, meter, &range, error))
    return FALSE;
  *value = ds_normalise_apply (&range, ds_measure_raw_unchecked (measure, pattern, meter));
  return TRUE;
}
