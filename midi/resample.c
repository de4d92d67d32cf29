/* resample.c: a loop's voices resampled to a grid and back (see resample.h). */
#include "autoconfig.h"

#include "midi/resample.h"
#include "midi/smf-check.h"

gboolean
ds_resample_voices (const DsVoices *src, guint length, DsVoices *dst, guint *n_merged,
                    GError **error)
{
  DsVoices out;
  guint merged = 0;

  if (length < 1 || length > DS_PATTERN_MAX_STEPS)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "cannot resample to %u steps (1 to %u)", length, DS_PATTERN_MAX_STEPS);
      return FALSE;
    }
  ds_voices_init (&out);
  for (guint v = 0; v < src->n_voices; v++)
    {
      DsPattern pattern;

      merged += ds_resample_pattern (&src->patterns[v], length, &pattern);
      if (!ds_voices_add (&out, src->names[v], &pattern, error))
        return FALSE;
    }
  if (n_merged != NULL)
    *n_merged = merged;
  *dst = out;
  return TRUE;
}

gboolean
ds_resample_from_loop (const DsLoop *loop, guint length, DsVoices *voices, guint *n_merged,
                       GError **error)
{
  DsVoices own;

  return ds_loop_get_voices (loop, &own, error)
         && ds_resample_voices (&own, length, voices, n_merged, error);
}

gboolean
ds_resample_into_loop (DsLoop *loop, const DsVoices *voices, guint *n_merged, GError **error)
{
  DsVoices fitted;

  return ds_resample_voices (voices, ds_loop_length (loop), &fitted, n_merged, error)
         && ds_loop_set_voices (loop, &fitted, error);
}
