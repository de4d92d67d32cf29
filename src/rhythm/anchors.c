/* anchors.c: the steps of a meter's strongest levels (see anchors.h). */
#include "autoconfig.h"

#include "src/rhythm/anchors.h"

#include <string.h>

static const char *const level_names[] = { "bar", "beat", "pulse" };

gboolean
ds_anchors_level_parse (const char *text, DsAnchorsLevel *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (strcmp (text, level_names[i]) == 0)
      {
        *level = (DsAnchorsLevel) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ds_anchors_level_name (DsAnchorsLevel level)
{
  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (level_names), NULL);
  return level_names[level];
}

void
ds_anchors_mask (const DsMeter *meter, DsAnchorsLevel level, uint64_t *mask)
{
  const guint *levels = ds_meter_levels (meter);

  memset (mask, 0, DS_PATTERN_WORDS * sizeof mask[0]);
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      const DsBar *bar = ds_meter_bar (meter, b);
      /* the weakest level that counts in this bar */
      guint deepest = level == DS_ANCHORS_BAR    ? 0
                      : level == DS_ANCHORS_BEAT ? bar->beat_level
                                                 : bar->beat_level + 1;

      for (guint k = bar->start; k < bar->start + bar->steps; k++)
        if (levels[k] <= deepest)
          mask[k / 64] |= (uint64_t) 1 << (k % 64);
    }
}
