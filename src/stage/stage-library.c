/* stage-library.c: common drum patterns, the built-in context of training.
 *
 * One 4/4 bar in sixteenths per pattern, for the voices kick, snare and hat:
 * four-on-the-floor, rock and backbeat, breakbeats (the Amen and Funky Drummer
 * figures, simplified), son and rumba clave, the tresillo (3+3+2), a shuffle
 * (sixteenths swung to the nearest step) and bossa nova.  A stage whose grid is
 * a whole number of such bars repeats them (see ds_stage_set_library).
 */
#include "autoconfig.h"

#include "src/stage/stage.h"

#include <string.h>

typedef struct {
  const char *voice;
  const char *name;
  const char *pattern;
} LibraryEntry;

static const LibraryEntry library[] = {
  { "kick", "four-on-the-floor", "x...x...x...x..." },
  { "kick", "rock", "x.......x.x....." },
  { "kick", "backbeat", "x.....x...x....." },
  { "kick", "amen", "x.x.......xx...." },
  { "kick", "funky-drummer", "x.x...x...x..x.." },
  { "kick", "tresillo", "x..x..x.x..x..x." },
  { "kick", "son-clave", "x..x..x...x.x..." },
  { "kick", "bossa-nova", "x..xx..xx..xx..x" },
  { "kick", "shuffle", "x.....x.x.....x." },
  { "snare", "backbeat", "....x.......x..." },
  { "snare", "amen", "....x..x.x..x..x" },
  { "snare", "funky-drummer", "....x..x.x.xx..x" },
  { "snare", "son-clave", "x..x..x...x.x..." },
  { "snare", "rumba-clave", "x..x...x..x.x..." },
  { "snare", "tresillo", "x..x..x.x..x..x." },
  { "snare", "shuffle", "....x.......x..x" },
  { "snare", "bossa-nova", "x..x..x...x..x.." },
  { "hat", "eighths", "x.x.x.x.x.x.x.x." },
  { "hat", "sixteenths", "xxxxxxxxxxxxxxxx" },
  { "hat", "offbeats", "..x...x...x...x." },
  { "hat", "quarters", "x...x...x...x..." },
  { "hat", "shuffle", "x..xx..xx..xx..x" },
  { "hat", "funky-drummer", "xxxxxxx.xxxxx.xx" },
};

guint
ds_stage_library_size (const char *voice)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    n += strcmp (library[i].voice, voice) == 0;
  return n;
}

gboolean
ds_stage_library_pattern (const char *voice, guint index, guint length, DsPattern *pattern,
                          const char **name)
{
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    {
      DsPattern bar;

      if (strcmp (library[i].voice, voice) != 0 || index-- > 0)
        continue;
      if (length == 0 || length % 16 != 0 || length > DS_PATTERN_MAX_STEPS)
        return FALSE;
      ds_pattern_parse (library[i].pattern, &bar, NULL);
      ds_pattern_init (pattern, length);
      for (guint k = 0; k < length; k++)
        if (ds_pattern_get (&bar, k % 16))
          ds_pattern_set (pattern, k, TRUE);
      if (name != NULL)
        *name = library[i].name;
      return TRUE;
    }
  return FALSE;
}
