/* responder-notes.c: the General MIDI notes of the built-in voices, as the
 * responder maps hits to voices.
 *
 * The same grouping as MIDI import's default drum map (midi/drum-map.c, after
 * the General MIDI percussion key map and the Groove MIDI Dataset's classes),
 * which the core may not include.  This table is the one place the responder
 * reads notes from: when the voice table with its notes moves into the core
 * (src/rhythm/kit.c), ds_responder_builtin_notes reads that instead and this
 * table goes.
 */
#include "autoconfig.h"

#include "src/responder/responder-private.h"

#include <string.h>

static const struct {
  const char *name;
  guint8 notes[8]; /* 0-terminated: no drum voice plays note 0 */
} builtin_notes[] = {
  { "kick", { 36, 35 } },
  { "snare", { 38, 37, 39, 40 } },
  { "hat", { 42, 44, 46, 22, 26 } },
  { "tom", { 45, 41, 43, 47, 48, 50, 58 } },
  { "crash", { 49, 52, 55, 57 } },
  { "ride", { 51, 53, 59 } },
};

guint
ds_responder_builtin_notes (const char *name, guint8 *notes)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_notes); i++)
    if (strcmp (builtin_notes[i].name, name) == 0)
      {
        guint n = 0;

        while (n < G_N_ELEMENTS (builtin_notes[i].notes) && builtin_notes[i].notes[n] != 0)
          {
            notes[n] = builtin_notes[i].notes[n];
            n++;
          }
        return n;
      }
  return 0;
}
