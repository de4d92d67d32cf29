/* measure.c: the table of measures and relations (see measure.h).
 *
 * density: onsets / steps, the definition itself.
 * anti-coincidence: the 2020 study's metric, the mean over steps of
 *   |a[k] - b[k]| (how often exactly one of the two voices sounds); the study
 *   reported it mapped to [-1, 1] as 2x - 1, and that is the raw value here.
 */
#include "autoconfig.h"

#include "src/measure.h"

#include <string.h>

G_DEFINE_QUARK (ds-measure-error-quark, ds_measure_error)

struct _DsMeasureInfo {
  const char *name;
  const char *summary;
  gboolean relation;
  gboolean needs_meter;
  double (*normalised) (const DsPattern *pattern, const DsPattern *other);
  double (*raw_from_normalised) (double value);
};

static double
density (const DsPattern *pattern, const DsPattern *other)
{
  return (double) ds_pattern_count (pattern) / pattern->length;
}

static double
anti_coincidence (const DsPattern *pattern, const DsPattern *other)
{
  guint differ = 0;

  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    differ += (guint) __builtin_popcountll (pattern->on[w] ^ other->on[w]);
  return (double) differ / pattern->length;
}

static double
identity (double value)
{
  return value;
}

static double
to_signed_unit (double value)
{
  return 2.0 * value - 1.0;
}

static const DsMeasureInfo measures[] = {
  { "density", "onsets per step (Pressing's and every study's first measure)",
    FALSE, FALSE, density, identity },
  { "anti-coincidence", "how often exactly one of the two voices sounds (the 2020 study's "
    "reward; raw: mapped to [-1, 1])", TRUE, FALSE, anti_coincidence, to_signed_unit },
};

const DsMeasureInfo *
ds_measure_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (strcmp (measures[i].name, name) == 0)
      return &measures[i];
  return NULL;
}

guint
ds_measure_count (void)
{
  return G_N_ELEMENTS (measures);
}

const DsMeasureInfo *
ds_measure_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (measures), NULL);
  return &measures[index];
}

const char *
ds_measure_name (const DsMeasureInfo *info)
{
  return info->name;
}

const char *
ds_measure_summary (const DsMeasureInfo *info)
{
  return info->summary;
}

gboolean
ds_measure_is_relation (const DsMeasureInfo *info)
{
  return info->relation;
}

gboolean
ds_measure_needs_meter (const DsMeasureInfo *info)
{
  return info->needs_meter;
}

static gboolean
check_arguments (const DsMeasureInfo *info, const DsPattern *pattern, const DsPattern *other,
                 const DsMeter *meter, GError **error)
{
  if (info->relation && other != NULL && other->length != pattern->length)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s: the two patterns have %u and %u steps; a relation needs equal lengths",
                   info->name, pattern->length, other->length);
      return FALSE;
    }
  if (info->relation && other == NULL)
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s is a relation: it needs another voice, e.g. %s(kick)",
                   info->name, info->name);
      return FALSE;
    }
  if (info->needs_meter && (meter == NULL || ds_meter_length (meter) != pattern->length))
    {
      g_set_error (error, DS_MEASURE_ERROR, DS_MEASURE_ERROR_UNDEFINED,
                   "%s needs a meter that covers the pattern's %u steps (give --meter)",
                   info->name, pattern->length);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_measure_normalised (const DsMeasureInfo *info, const DsPattern *pattern,
                       const DsPattern *other, const DsMeter *meter, double *value,
                       GError **error)
{
  if (!check_arguments (info, pattern, other, meter, error))
    return FALSE;
  *value = info->normalised (pattern, other);
  return TRUE;
}

gboolean
ds_measure_raw (const DsMeasureInfo *info, const DsPattern *pattern, const DsPattern *other,
                const DsMeter *meter, double *value, GError **error)
{
  if (!ds_measure_normalised (info, pattern, other, meter, value, error))
    return FALSE;
  *value = info->raw_from_normalised (*value);
  return TRUE;
}
