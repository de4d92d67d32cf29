/* loop.c: bars, voices and played onsets of a drum loop (see loop.h). */
#include "autoconfig.h"

#include "midi/loop.h"
#include "midi/drum-map.h"
#include "midi/smf-check.h"

#include <string.h>

typedef struct {
  char name[DS_VOICE_NAME_MAX];
  guint note;
  gboolean played; /* its notes are the source's, as played */
  GArray *onsets;  /* DsOnset, in step order */
} Voice;

typedef struct {
  float sum;  /* timing offsets of the played onsets on the step */
  guint n;
} GrooveCell;

struct _DsLoop {
  char *name;
  double bpm;
  guint steps_per_quarter;
  guint length;
  GArray *bars;    /* DsLoopBar */
  GArray *groove;  /* GrooveCell per step */
  guint n_voices;
  Voice voices[DS_VOICES_MAX];
  GPtrArray *notices;
  GPtrArray *verbose_notices;
  guint unmapped[128];
  GArray *unmapped_steps[128]; /* guint steps, or NULL */
  DsMidiSource *source;        /* the file's events, or NULL */
};

DsLoop *
ds_loop_new (guint steps_per_quarter)
{
  DsLoop *loop = g_new0 (DsLoop, 1);

  g_return_val_if_fail (steps_per_quarter >= 1 && steps_per_quarter <= 96, NULL);
  loop->name = g_strdup ("loop");
  loop->bpm = 120.0;
  loop->steps_per_quarter = steps_per_quarter;
  loop->bars = g_array_new (FALSE, FALSE, sizeof (DsLoopBar));
  loop->groove = g_array_new (FALSE, TRUE, sizeof (GrooveCell));
  loop->notices = g_ptr_array_new_with_free_func (g_free);
  loop->verbose_notices = g_ptr_array_new_with_free_func (g_free);
  return loop;
}

void
ds_loop_free (DsLoop *loop)
{
  if (loop == NULL)
    return;
  for (guint v = 0; v < loop->n_voices; v++)
    g_array_unref (loop->voices[v].onsets);
  for (guint n = 0; n < 128; n++)
    if (loop->unmapped_steps[n] != NULL)
      g_array_unref (loop->unmapped_steps[n]);
  g_array_unref (loop->bars);
  g_array_unref (loop->groove);
  g_ptr_array_unref (loop->notices);
  g_ptr_array_unref (loop->verbose_notices);
  g_clear_pointer (&loop->source, ds_midi_source_unref);
  g_free (loop->name);
  g_free (loop);
}

static GArray *
copy_array (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, TRUE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (strings->pdata[i]));
  return copy;
}

DsLoop *
ds_loop_copy (const DsLoop *loop)
{
  DsLoop *copy = g_memdup2 (loop, sizeof *loop);

  copy->name = g_strdup (loop->name);
  copy->bars = copy_array (loop->bars);
  copy->groove = copy_array (loop->groove);
  for (guint v = 0; v < loop->n_voices; v++)
    copy->voices[v].onsets = copy_array (loop->voices[v].onsets);
  for (guint n = 0; n < 128; n++)
    if (loop->unmapped_steps[n] != NULL)
      copy->unmapped_steps[n] = copy_array (loop->unmapped_steps[n]);
  copy->notices = copy_strings (loop->notices);
  copy->verbose_notices = copy_strings (loop->verbose_notices);
  if (loop->source != NULL)
    copy->source = ds_midi_source_ref (loop->source);
  return copy;
}

guint
ds_loop_bar_steps (const DsSignature *signature, guint steps_per_quarter)
{
  return ds_signature_steps (signature, steps_per_quarter);
}

gboolean
ds_loop_add_bar (DsLoop *loop, const DsSignature *signature, GError **error)
{
  guint steps = ds_loop_bar_steps (signature, loop->steps_per_quarter);
  DsLoopBar bar = { *signature, loop->length, steps };

  if (steps == 0)
    {
      g_autofree char *name = ds_signature_to_string (signature);

      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "a %s bar does not fit a grid of %u steps per quarter note "
                   "(its 1/%u notes would not be whole steps)", name,
                   loop->steps_per_quarter, signature->denominator);
      return FALSE;
    }
  if (loop->bars->len >= DS_LOOP_MAX_BARS || loop->length + steps > DS_LOOP_MAX_STEPS)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "the loop would be longer than %u bars or %u steps", DS_LOOP_MAX_BARS,
                   DS_LOOP_MAX_STEPS);
      return FALSE;
    }
  g_array_append_val (loop->bars, bar);
  loop->length += steps;
  g_array_set_size (loop->groove, loop->length);
  return TRUE;
}

int
ds_loop_add_voice (DsLoop *loop, const char *name, guint note, GError **error)
{
  Voice *voice;

  if (!ds_voice_name_is_valid (name) || ds_loop_find_voice (loop, name) >= 0
      || loop->n_voices == DS_VOICES_MAX || note > 127)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "cannot add voice '%s' (note %u) to the loop: %s", name, note,
                   !ds_voice_name_is_valid (name) ? "not a valid voice name"
                   : ds_loop_find_voice (loop, name) >= 0 ? "it has it already"
                   : note > 127 ? "not a MIDI note" : "too many voices");
      return -1;
    }
  voice = &loop->voices[loop->n_voices];
  g_strlcpy (voice->name, name, sizeof voice->name);
  voice->note = note;
  voice->played = FALSE;
  voice->onsets = g_array_new (FALSE, FALSE, sizeof (DsOnset));
  return (int) loop->n_voices++;
}

/* The index of the first onset at or after STEP. */
static guint
lower_bound (GArray *onsets, guint step)
{
  guint lo = 0, hi = onsets->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (onsets, DsOnset, mid).step < step)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
ds_loop_add_onset (DsLoop *loop, guint voice, const DsOnset *onset)
{
  GArray *onsets;
  guint at;

  g_return_val_if_fail (voice < loop->n_voices && onset->step < loop->length, FALSE);
  onsets = loop->voices[voice].onsets;
  if (isfinite (onset->offset))
    {
      GrooveCell *cell = &g_array_index (loop->groove, GrooveCell, onset->step);

      cell->sum += onset->offset;
      cell->n++;
    }
  at = lower_bound (onsets, onset->step);
  if (at < onsets->len && g_array_index (onsets, DsOnset, at).step == onset->step)
    {
      DsOnset *old = &g_array_index (onsets, DsOnset, at);
      gboolean accent = old->accent || onset->accent;

      if (onset->velocity > old->velocity)
        *old = *onset;
      old->accent = accent;
      return FALSE;
    }
  g_array_insert_val (onsets, at, *onset);
  return TRUE;
}

gboolean
ds_loop_set_pattern (DsLoop *loop, const char *name, const DsPattern *pattern, GError **error)
{
  if (pattern->length != loop->length)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "voice %s has %u steps but the loop has %u (resample it first)", name,
                   pattern->length, loop->length);
      return FALSE;
    }
  return ds_loop_set_pattern_at (loop, name, 0, pattern, error);
}

gboolean
ds_loop_set_pattern_at (DsLoop *loop, const char *name, guint start, const DsPattern *pattern,
                        GError **error)
{
  int v = ds_loop_find_voice (loop, name);
  GArray *old, *fresh;
  guint i = 0, end = start + pattern->length;

  if (start > loop->length || pattern->length > loop->length - start)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "voice %s: %u steps from step %u pass the loop's end at %u", name,
                   pattern->length, start, loop->length);
      return FALSE;
    }
  if (v < 0)
    {
      guint note = ds_drum_map_default_note (name);

      if (note == 0)
        {
          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                       "voice %s is not in the loop and has no General MIDI note", name);
          return FALSE;
        }
      v = ds_loop_add_voice (loop, name, note, error);
      if (v < 0)
        return FALSE;
    }
  old = loop->voices[v].onsets;
  fresh = g_array_new (FALSE, FALSE, sizeof (DsOnset));
  for (; i < old->len && g_array_index (old, DsOnset, i).step < start; i++)
    g_array_append_val (fresh, g_array_index (old, DsOnset, i));
  for (guint step = start; step < end; step++)
    {
      DsOnset onset = { step, NAN, 0, 0, FALSE };

      while (i < old->len && g_array_index (old, DsOnset, i).step < step)
        i++;
      if (!ds_pattern_get (pattern, step - start))
        continue;
      if (i < old->len && g_array_index (old, DsOnset, i).step == step)
        onset = g_array_index (old, DsOnset, i);
      onset.accent = ds_pattern_get_accent (pattern, step - start);
      g_array_append_val (fresh, onset);
    }
  for (; i < old->len; i++)
    if (g_array_index (old, DsOnset, i).step >= end)
      g_array_append_val (fresh, g_array_index (old, DsOnset, i));
  g_array_unref (old);
  loop->voices[v].onsets = fresh;
  loop->voices[v].played = FALSE;
  return TRUE;
}

gboolean
ds_loop_set_voices (DsLoop *loop, const DsVoices *voices, GError **error)
{
  for (guint v = 0; v < voices->n_voices; v++)
    if (!ds_loop_set_pattern (loop, voices->names[v], &voices->patterns[v], error))
      return FALSE;
  return TRUE;
}

const char *
ds_loop_name (const DsLoop *loop)
{
  return loop->name;
}

void
ds_loop_set_name (DsLoop *loop, const char *name)
{
  g_free (loop->name);
  loop->name = g_strdup (name);
}

double
ds_loop_bpm (const DsLoop *loop)
{
  return loop->bpm;
}

void
ds_loop_set_bpm (DsLoop *loop, double bpm)
{
  g_return_if_fail (bpm > 0 && bpm <= 6e7); /* 1 microsecond per quarter note */
  loop->bpm = bpm;
}

const char *
ds_loop_format_bpm (char *buf, double bpm)
{
  char *end;

  g_ascii_formatd (buf, 32, "%.2f", bpm);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  return buf;
}

guint
ds_loop_steps_per_quarter (const DsLoop *loop)
{
  return loop->steps_per_quarter;
}

guint
ds_loop_length (const DsLoop *loop)
{
  return loop->length;
}

guint
ds_loop_n_bars (const DsLoop *loop)
{
  return loop->bars->len;
}

const DsLoopBar *
ds_loop_bar (const DsLoop *loop, guint bar)
{
  g_return_val_if_fail (bar < loop->bars->len, NULL);
  return &g_array_index (loop->bars, DsLoopBar, bar);
}

guint
ds_loop_bar_of_step (const DsLoop *loop, guint step)
{
  guint lo = 0, hi = loop->bars->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (loop->bars, DsLoopBar, mid).start <= step)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

guint
ds_loop_n_voices (const DsLoop *loop)
{
  return loop->n_voices;
}

const char *
ds_loop_voice_name (const DsLoop *loop, guint voice)
{
  g_return_val_if_fail (voice < loop->n_voices, NULL);
  return loop->voices[voice].name;
}

guint
ds_loop_voice_note (const DsLoop *loop, guint voice)
{
  g_return_val_if_fail (voice < loop->n_voices, 0);
  return loop->voices[voice].note;
}

int
ds_loop_find_voice (const DsLoop *loop, const char *name)
{
  for (guint v = 0; v < loop->n_voices; v++)
    if (strcmp (loop->voices[v].name, name) == 0)
      return (int) v;
  return -1;
}

const DsOnset *
ds_loop_onsets (const DsLoop *loop, guint voice, guint *n_onsets)
{
  *n_onsets = 0;
  g_return_val_if_fail (voice < loop->n_voices, NULL);
  *n_onsets = loop->voices[voice].onsets->len;
  return (const DsOnset *) (gpointer) loop->voices[voice].onsets->data;
}

const DsMidiSource *
ds_loop_source (const DsLoop *loop)
{
  return loop->source;
}

void
ds_loop_set_source (DsLoop *loop, DsMidiSource *source)
{
  DsMidiSource *old = loop->source;

  loop->source = source != NULL ? ds_midi_source_ref (source) : NULL;
  if (old != NULL)
    ds_midi_source_unref (old);
  for (guint v = 0; v < loop->n_voices; v++)
    loop->voices[v].played = source != NULL;
}

gboolean
ds_loop_voice_is_played (const DsLoop *loop, guint voice)
{
  g_return_val_if_fail (voice < loop->n_voices, FALSE);
  return loop->voices[voice].played;
}

void
ds_loop_set_voice_from_grid (DsLoop *loop, guint voice)
{
  g_return_if_fail (voice < loop->n_voices);
  loop->voices[voice].played = FALSE;
}

void
ds_loop_set_from_grid (DsLoop *loop)
{
  for (guint v = 0; v < loop->n_voices; v++)
    loop->voices[v].played = FALSE;
}

guint
ds_loop_drum_channel (const DsLoop *loop)
{
  guint mask = loop->source != NULL ? ds_midi_source_drum_channels (loop->source) : 0;

  if (mask == 0 || (mask & (1u << 9)) != 0)
    return 10;
  for (guint c = 0; c < 16; c++)
    if (mask & (1u << c))
      return c + 1;
  g_return_val_if_reached (10);
}

/* A source note of one voice at its place: its bar's kind and position. */
typedef struct {
  guint place;  /* the first step of that position among bars of the kind */
  guint8 note;
  guint32 tick;
} Placed;

static int
compare_placed (gconstpointer a, gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  if (x->note != y->note)
    return x->note < y->note ? -1 : 1;
  return (x->tick > y->tick) - (x->tick < y->tick);
}

/* For every step, its place: the same step index in the first bar of the same
 * steps and signature. */
static guint *
step_places (const DsLoop *loop)
{
  guint *place = g_new (guint, MAX (loop->length, 1u));
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (guint)); /* first bar of a kind */

  for (guint b = 0; b < loop->bars->len; b++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, b), *first = bar;

      for (guint k = 0; k < kinds->len; k++)
        {
          const DsLoopBar *other = ds_loop_bar (loop, g_array_index (kinds, guint, k));

          if (other->steps == bar->steps && ds_signature_equal (&other->signature, &bar->signature))
            {
              first = other;
              break;
            }
        }
      if (first == bar)
        g_array_append_val (kinds, b);
      for (guint k = 0; k < bar->steps; k++)
        place[bar->start + k] = first->start + k;
    }
  return place;
}

guint8 *
ds_loop_articulations (const DsLoop *loop, guint voice)
{
  guint8 *out = g_new (guint8, MAX (loop->length, 1u));
  g_autofree guint *place = step_places (loop);
  g_autofree guint8 *best = g_new (guint8, MAX (loop->length, 1u));
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));

  g_return_val_if_fail (voice < loop->n_voices, out);
  memset (best, loop->voices[voice].note, MAX (loop->length, 1u));
  for (guint i = 0; loop->source != NULL && i < ds_midi_source_n_events (loop->source); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (loop->source, i);
      Placed p;

      if (e->kind != DS_SOURCE_NOTE || e->place != DS_SOURCE_IN_LOOP || e->voice != (int) voice)
        continue;
      p = (Placed) { place[e->step], ds_midi_source_bytes (loop->source, i)[1], e->tick };
      g_array_append_val (placed, p);
    }
  /* per place, runs of one note: the longest run wins, the earliest on a tie */
  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len;)
    {
      const Placed *first = &g_array_index (placed, Placed, i);
      guint best_count = 0;
      guint32 best_tick = 0;

      for (guint j = i; j < placed->len && g_array_index (placed, Placed, j).place == first->place;)
        {
          const Placed *run = &g_array_index (placed, Placed, j);
          guint count = 0;

          while (j < placed->len && g_array_index (placed, Placed, j).place == run->place
                 && g_array_index (placed, Placed, j).note == run->note)
            {
              count++;
              j++;
            }
          if (count > best_count || (count == best_count && run->tick < best_tick))
            {
              best[first->place] = run->note;
              best_count = count;
              best_tick = run->tick;
            }
          i = j;
        }
    }
  for (guint k = 0; k < loop->length; k++)
    out[k] = best[place[k]];
  return out;
}

/* The place of STEP in a quarter note, counted from its bar's start. */
static guint
quarter_position (const DsLoop *loop, guint step)
{
  const DsLoopBar *bar = ds_loop_bar (loop, ds_loop_bar_of_step (loop, step));

  return (step - bar->start) % loop->steps_per_quarter;
}

double
ds_loop_groove_offset (const DsLoop *loop, guint step)
{
  const GrooveCell *cells = (const GrooveCell *) (gpointer) loop->groove->data;
  double sum = 0;
  guint n = 0, position;

  g_return_val_if_fail (step < loop->length, 0);
  if (cells[step].n > 0)
    return cells[step].sum / cells[step].n;
  position = quarter_position (loop, step);
  for (guint s = 0; s < loop->length; s++)
    if (cells[s].n > 0 && quarter_position (loop, s) == position)
      {
        sum += cells[s].sum;
        n += cells[s].n;
      }
  return n > 0 ? sum / n : 0;
}

/* A grid of dots with '|' between bars; STEP k sits at k + its bar index. */
static char *
empty_grid (const DsLoop *loop)
{
  guint n = loop->length + (loop->bars->len > 0 ? loop->bars->len - 1 : 0);
  char *text = g_malloc (n + 1);

  memset (text, '.', n);
  text[n] = '\0';
  for (guint b = 1; b < loop->bars->len; b++)
    text[g_array_index (loop->bars, DsLoopBar, b).start + b - 1] = '|';
  return text;
}

char *
ds_loop_voice_to_string (const DsLoop *loop, guint voice, gboolean accents)
{
  char *text = empty_grid (loop);
  guint n = 0;
  const DsOnset *onsets = ds_loop_onsets (loop, voice, &n);

  for (guint i = 0; i < n; i++)
    text[onsets[i].step + ds_loop_bar_of_step (loop, onsets[i].step)]
        = accents && onsets[i].accent ? 'X' : 'x';
  return text;
}

char *
ds_loop_meter_to_string (const DsLoop *loop)
{
  GString *out = g_string_new (NULL);

  for (guint b = 0; b < loop->bars->len; b++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, b);
      g_autofree char *name = NULL;

      if (b > 0 && ds_signature_equal (&bar->signature, &ds_loop_bar (loop, b - 1)->signature))
        continue;
      name = ds_signature_to_string (&bar->signature);
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

void
ds_loop_add_notice (DsLoop *loop, gboolean verbose, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (verbose ? loop->verbose_notices : loop->notices,
                   g_strdup_vprintf (format, args));
  va_end (args);
}

GPtrArray *
ds_loop_notices (const DsLoop *loop, gboolean verbose)
{
  GPtrArray *all = copy_strings (loop->notices);

  for (guint i = 0; verbose && i < loop->verbose_notices->len; i++)
    g_ptr_array_add (all, g_strdup (loop->verbose_notices->pdata[i]));
  return all;
}

const guint *
ds_loop_unmapped_counts (const DsLoop *loop)
{
  return loop->unmapped;
}

void
ds_loop_add_unmapped (DsLoop *loop, guint note, guint step)
{
  g_return_if_fail (note < 128 && step < loop->length);
  loop->unmapped[note]++;
  if (loop->unmapped_steps[note] == NULL)
    loop->unmapped_steps[note] = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (loop->unmapped_steps[note], step);
}

char *
ds_loop_unmapped_to_string (const DsLoop *loop, guint note)
{
  char *text = empty_grid (loop);
  GArray *steps = note < 128 ? loop->unmapped_steps[note] : NULL;

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      guint step = g_array_index (steps, guint, i);

      text[step + ds_loop_bar_of_step (loop, step)] = 'x';
    }
  return text;
}
