/* loop-bridge.c: loops to and from patterns and meters (see loop.h).
 *
 * DsPattern and DsMeter hold at most 256 steps; a loop may be longer.  These
 * functions use only the loop's public functions. */
#include "autoconfig.h"

#include "midi/loop.h"
#include "midi/smf-check.h"

DsLoop *
ds_loop_new_from_meter (const DsMeter *meter, GError **error)
{
  g_autoptr (DsLoop) loop = NULL;
  const DsBar *first;
  guint spq, whole;

  if (ds_meter_n_bars (meter) == 0)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT, "the meter has no bars");
      return NULL;
    }
  /* steps per quarter = steps / (numerator * 4 / denominator) */
  first = ds_meter_bar (meter, 0);
  whole = 4 * first->signature.numerator;
  spq = first->steps * first->signature.denominator / whole;
  if (spq < 1 || spq > 96 || spq * whole != first->steps * first->signature.denominator)
    {
      g_autofree char *name = ds_signature_to_string (&first->signature);

      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "a %s bar of %u steps is no whole number of steps per quarter note "
                   "(1 to 96), which a MIDI file needs", name, first->steps);
      return NULL;
    }
  loop = ds_loop_new (spq);
  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      const DsBar *bar = ds_meter_bar (meter, b);

      if (ds_loop_bar_steps (&bar->signature, spq) != bar->steps)
        {
          g_autofree char *name = ds_signature_to_string (&bar->signature);

          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                       "bar %u (%s, %u steps) is not on the grid of the first bar "
                       "(%u steps per quarter note)", b + 1, name, bar->steps, spq);
          return NULL;
        }
      if (!ds_loop_add_bar (loop, &bar->signature, error))
        return NULL;
    }
  return g_steal_pointer (&loop);
}

static gboolean
check_fits (const DsLoop *loop, GError **error)
{
  if (ds_loop_length (loop) == 0 || ds_loop_length (loop) > DS_PATTERN_MAX_STEPS)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "the loop '%s' has %u steps in %u bars; a pattern holds 1 to %u "
                   "(import fewer bars with --bars)", ds_loop_name (loop), ds_loop_length (loop),
                   ds_loop_n_bars (loop), DS_PATTERN_MAX_STEPS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_loop_get_voices (const DsLoop *loop, DsVoices *voices, GError **error)
{
  DsVoices result;

  if (!check_fits (loop, error))
    return FALSE;
  ds_voices_init (&result);
  for (guint v = 0; v < ds_loop_n_voices (loop); v++)
    {
      DsPattern pattern;
      guint n;
      const DsOnset *onsets = ds_loop_onsets (loop, v, &n);

      ds_pattern_init (&pattern, ds_loop_length (loop));
      for (guint i = 0; i < n; i++)
        ds_pattern_set_accent (&pattern, onsets[i].step, onsets[i].accent);
      if (!ds_voices_add (&result, ds_loop_voice_name (loop, v), &pattern, error))
        return FALSE;
    }
  *voices = result;
  return TRUE;
}

DsMeter *
ds_loop_get_meter (const DsLoop *loop, GError **error)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();

  if (!check_fits (loop, error))
    return NULL;
  for (guint b = 0; b < ds_loop_n_bars (loop); b++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, b);

      if (!ds_meter_add_bar (meter, &bar->signature, bar->steps, error))
        return NULL;
    }
  return g_steal_pointer (&meter);
}
