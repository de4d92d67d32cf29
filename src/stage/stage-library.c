/* stage-library.c: common drum patterns, the built-in context of training.
 *
 * The patterns are the kit's stock patterns (src/rhythm/kit.h): one 4/4 bar
 * in sixteenths each, per voice name.  A stage whose grid is a whole number
 * of such bars repeats them (see ds_stage_set_library).
 */
#include "autoconfig.h"

#include "src/stage/stage.h"
#include "src/rhythm/kit.h"

guint
ds_stage_library_size (const char *voice)
{
  const DsKitVoice *kit = ds_kit_find (voice);

  return kit != NULL ? kit->n_patterns : 0;
}

gboolean
ds_stage_library_pattern (const char *voice, guint index, guint length, DsPattern *pattern,
                          const char **name)
{
  const DsKitVoice *kit = ds_kit_find (voice);
  DsPattern bar;

  if (kit == NULL || index >= kit->n_patterns || length == 0 || length % 16 != 0
      || length > DS_PATTERN_MAX_STEPS)
    return FALSE;
  if (!ds_pattern_parse (kit->patterns[index].pattern, &bar, NULL) || bar.length != 16)
    g_return_val_if_reached (FALSE);
  ds_pattern_init (pattern, length);
  for (guint k = 0; k < length; k++)
    if (ds_pattern_get (&bar, k % 16))
      ds_pattern_set (pattern, k, TRUE);
  if (name != NULL)
    *name = kit->patterns[index].name;
  return TRUE;
}
