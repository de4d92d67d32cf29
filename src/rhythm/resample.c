/* resample.c: nearest-step resampling of patterns (see resample.h). */
#include "autoconfig.h"

#include "src/rhythm/resample.h"

guint
ds_resample_pattern (const DsPattern *src, guint length, DsPattern *dst)
{
  DsPattern out;
  guint steps[DS_PATTERN_MAX_STEPS], n, merged = 0;

  ds_pattern_init (&out, length);
  n = ds_pattern_onsets (src, steps);
  for (guint i = 0; i < n; i++)
    {
      guint j = ds_resample_step (steps[i], src->length, length);
      gboolean accent = ds_pattern_get_accent (src, steps[i]);

      if (ds_pattern_get (&out, j))
        {
          merged++;
          accent = accent || ds_pattern_get_accent (&out, j);
        }
      ds_pattern_set_accent (&out, j, accent);
    }
  *dst = out;
  return merged;
}
