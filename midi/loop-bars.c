/* loop-bars.c: a loop's bars on a model's grid, and the answer back (see loop-bars.h). */
#include "autoconfig.h"

#include "midi/loop-bars.h"

#include "midi/resample.h"
#include "midi/smf-check.h"

#include <string.h>

guint
ds_loop_bars_grid_length (const DsLoop *loop)
{
  guint best = 0, best_count = 0;

  for (guint b = 0; b < ds_loop_n_bars (loop); b++)
    {
      guint steps = ds_loop_bar (loop, b)->steps, count = 0;

      for (guint c = 0; c < ds_loop_n_bars (loop); c++)
        count += ds_loop_bar (loop, c)->steps == steps;
      if (count > best_count)
        {
          best = steps;
          best_count = count;
        }
    }
  return best;
}

DsMeter *
ds_loop_bars_grid_meter (const DsLoop *loop, GError **error)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();
  guint length = ds_loop_bars_grid_length (loop);

  for (guint b = 0; b < ds_loop_n_bars (loop); b++)
    if (ds_loop_bar (loop, b)->steps == length)
      {
        if (length > DS_PATTERN_MAX_STEPS)
          {
            g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                         "%s: its bars have %u steps, more than the %u a model can play "
                         "(import it at a lower --resolution)",
                         ds_loop_name (loop), length, DS_PATTERN_MAX_STEPS);
            return NULL;
          }
        if (!ds_meter_add_bar (meter, &ds_loop_bar (loop, b)->signature, length, error))
          return NULL;
        return g_steal_pointer (&meter);
      }
  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT, "%s: the loop has no bars",
               ds_loop_name (loop));
  return NULL;
}

GPtrArray *
ds_loop_bars_by_meter (const DsLoop *loop, guint n_own, GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint b = 0; b < ds_loop_n_bars (loop); b++)
    {
      const DsSignature *meter = &ds_loop_bar (loop, b)->signature;
      GArray *part = NULL;

      for (guint p = 0; p < parts->len && part == NULL; p++)
        {
          GArray *its = parts->pdata[p];
          const DsSignature *first = &ds_loop_bar (loop, g_array_index (its, guint, 0))->signature;

          if (ds_signature_same_meter (first, meter))
            part = its;
        }
      if (part == NULL)
        {
          part = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (parts, part);
        }
      g_array_append_val (part, b);
    }
  for (guint p = 0; p < parts->len; p++)
    if (g_array_index ((GArray *) parts->pdata[p], guint, 0) >= n_own)
      {
        g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                     "%s: bars past the loop's own in a meter that none of its own bars has",
                     ds_loop_name (loop));
        return NULL;
      }
  return g_steal_pointer (&parts);
}

DsBars *
ds_loop_bars_new (const DsLoop *loop, const char *const *names, guint n_voices,
                  guint length, GError **error)
{
  g_autoptr (DsBars) bars = ds_bars_new (ds_loop_n_bars (loop), n_voices, length);

  for (guint b = 0; b < bars->n_bars; b++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, b);

      if (bar->steps > DS_PATTERN_MAX_STEPS)
        {
          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                       "%s: bar %u has %u steps, more than the %u a pattern holds",
                       ds_loop_name (loop), b + 1, bar->steps, DS_PATTERN_MAX_STEPS);
          return NULL;
        }
    }
  for (guint v = 0; v < n_voices; v++)
    {
      int lv = ds_loop_find_voice (loop, names[v]);
      DsPattern own;
      guint n_onsets = 0, b = G_MAXUINT;
      const DsOnset *onsets = lv >= 0 ? ds_loop_onsets (loop, (guint) lv, &n_onsets) : NULL;

      for (guint i = 0; i <= n_onsets; i++)
        {
          guint ob = i < n_onsets ? ds_loop_bar_of_step (loop, onsets[i].step) : G_MAXUINT;

          if (ob != b && b != G_MAXUINT)
            bars->merged += ds_resample_pattern (&own, length, &ds_bars_get (bars, b)[v]);
          if (i == n_onsets)
            break;
          if (ob != b)
            {
              b = ob;
              ds_pattern_init (&own, ds_loop_bar (loop, b)->steps);
            }
          ds_pattern_set_accent (&own, onsets[i].step - ds_loop_bar (loop, b)->start,
                                 onsets[i].accent);
        }
    }
  return g_steal_pointer (&bars);
}

void
ds_loop_bars_voice (const DsLoop *loop, const char *name, guint b, DsPattern *out)
{
  const DsLoopBar *bar = ds_loop_bar (loop, b);
  int lv = ds_loop_find_voice (loop, name);
  guint n_onsets = 0, lo = 0, hi;
  const DsOnset *onsets = lv >= 0 ? ds_loop_onsets (loop, (guint) lv, &n_onsets) : NULL;

  ds_pattern_init (out, bar->steps);
  /* the first onset at or after the bar's start (they are in step order) */
  for (hi = n_onsets; lo < hi;)
    {
      guint mid = lo + (hi - lo) / 2;

      if (onsets[mid].step < bar->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < n_onsets && onsets[i].step < bar->start + bar->steps; i++)
    ds_pattern_set_accent (out, onsets[i].step - bar->start, onsets[i].accent);
}

DsBars *
ds_loop_bars_pick (const DsLoop *loop, const char *const *names, guint n_voices, guint length,
                   const guint *at, guint n, GError **error)
{
  g_autoptr (DsBars) bars = ds_bars_new (n, n_voices, length);

  for (guint i = 0; i < n; i++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, at[i]);

      if (bar->steps > DS_PATTERN_MAX_STEPS)
        {
          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                       "%s: bar %u has %u steps, more than the %u a pattern holds",
                       ds_loop_name (loop), at[i] + 1, bar->steps, DS_PATTERN_MAX_STEPS);
          return NULL;
        }
      for (guint v = 0; v < n_voices; v++)
        {
          DsPattern own;

          ds_loop_bars_voice (loop, names[v], at[i], &own);
          bars->merged += ds_resample_pattern (&own, length, &ds_bars_get (bars, i)[v]);
        }
    }
  return g_steal_pointer (&bars);
}

gboolean
ds_loop_bars_write (const DsBars *answer, const char *const *names, const gboolean *replace,
                    DsLoop *loop, guint *n_merged, GError **error)
{
  if (answer->n_bars != ds_loop_n_bars (loop))
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "%s: the answer has %u bars but the loop %u", ds_loop_name (loop),
                   answer->n_bars, ds_loop_n_bars (loop));
      return FALSE;
    }
  return ds_loop_bars_write_at (answer, NULL, names, replace, loop, n_merged, error);
}

gboolean
ds_loop_bars_write_at (const DsBars *answer, const guint *at, const char *const *names,
                       const gboolean *replace, DsLoop *loop, guint *n_merged, GError **error)
{
  guint merged = 0;

  for (guint b = 0; b < answer->n_bars; b++)
    if ((at != NULL ? at[b] : b) >= ds_loop_n_bars (loop))
      {
        g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                     "%s: an answer to bar %u, but the loop has %u", ds_loop_name (loop),
                     (at != NULL ? at[b] : b) + 1, ds_loop_n_bars (loop));
        return FALSE;
      }
  for (guint v = 0; v < answer->n_voices; v++)
    {
      if (!replace[v])
        continue;
      for (guint b = 0; b < answer->n_bars; b++)
        {
          guint lb = at != NULL ? at[b] : b;
          const DsLoopBar *bar = ds_loop_bar (loop, lb);
          DsPattern back, played;

          merged += ds_resample_pattern (&ds_bars_get (answer, b)[v], bar->steps, &back);
          /* keep the loop's accents where the answer keeps its onsets */
          ds_loop_bars_voice (loop, names[v], lb, &played);
          for (guint k = 0; k < bar->steps; k++)
            if (ds_pattern_get (&back, k) && ds_pattern_get_accent (&played, k))
              ds_pattern_set_accent (&back, k, TRUE);
          if (!ds_loop_set_pattern_at (loop, names[v], bar->start, &back, error))
            return FALSE;
        }
    }
  if (n_merged != NULL)
    *n_merged = merged;
  return TRUE;
}

char *
ds_loop_bars_grids_to_string (const DsLoop *before, const DsLoop *after,
                              const char *const *names, guint n_voices)
{
  GString *out = g_string_new (NULL);

  for (guint v = 0; v < n_voices; v++)
    {
      const char *name = names[v];
      int b = ds_loop_find_voice (before, name), a = ds_loop_find_voice (after, name);
      g_autofree char *was = b >= 0 ? ds_loop_voice_to_string (before, (guint) b, TRUE) : NULL;
      g_autofree char *now = a >= 0 ? ds_loop_voice_to_string (after, (guint) a, TRUE) : NULL;

      if (was != NULL)
        g_string_append_printf (out, "before\t%s\t%s\n", name, was);
      if (now != NULL)
        g_string_append_printf (out, "after\t%s\t%s\n", name, now);
    }
  return g_string_free (out, FALSE);
}
