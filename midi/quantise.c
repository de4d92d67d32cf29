/* quantise.c: note-ons to grid steps, bars from time signatures (see quantise.h). */
#include "autoconfig.h"

#include "midi/quantise.h"
#include "midi/smf-check.h"

#include <string.h>

void
ds_midi_events_init (DsMidiEvents *events, guint ppqn)
{
  memset (events, 0, sizeof *events);
  events->ppqn = ppqn;
  events->notes = g_array_new (FALSE, FALSE, sizeof (DsMidiNote));
  events->signatures = g_array_new (FALSE, FALSE, sizeof (DsMidiSignature));
  events->tempi = g_array_new (FALSE, FALSE, sizeof (DsMidiTempo));
}

void
ds_midi_events_clear (DsMidiEvents *events)
{
  g_clear_pointer (&events->notes, g_array_unref);
  g_clear_pointer (&events->signatures, g_array_unref);
  g_clear_pointer (&events->tempi, g_array_unref);
}

/* Every element type starts with its guint32 tick. */
static gint
compare_ticks (gconstpointer a, gconstpointer b, gpointer data)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

void
ds_midi_events_sort (DsMidiEvents *events)
{
  /* g_qsort_with_data is documented stable: same-tick events keep file order. */
  GArray *arrays[] = { events->notes, events->signatures, events->tempi };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_qsort_with_data (arrays[i]->data, (gint) arrays[i]->len,
                       g_array_get_element_size (arrays[i]),
                       compare_ticks, NULL);
}

/* round(tick * spq / ppqn), ties to even, and the remainder's sign-less part. */
static guint64
nearest_step (guint64 tick, guint spq, guint ppqn, double *offset)
{
  guint64 scaled = tick * spq, q = scaled / ppqn, r = scaled % ppqn;

  if (2 * r > ppqn || (2 * r == ppqn && (q & 1)))
    q++;
  if (offset != NULL)
    *offset = ((double) scaled - (double) q * ppqn) / ppqn;
  return q;
}

/* The parsed time signatures and the state of walking the bars. */
typedef struct {
  const DsMidiEvents *events;
  guint spq;
  DsSignature *parsed; /* one per events->signatures entry */
  guint next;          /* the next signature not yet in force */
  DsSignature current;
} BarMaker;

static gboolean
bar_maker_init (BarMaker *maker, const DsMidiEvents *events, guint spq, const char *name,
                GError **error)
{
  memset (maker, 0, sizeof *maker);
  maker->events = events;
  maker->spq = spq;
  if (!ds_meter_parse_signature ("4/4", &maker->current, NULL))
    g_assert_not_reached ();
  maker->parsed = g_new0 (DsSignature, MAX (events->signatures->len, 1));
  for (guint i = 0; i < events->signatures->len; i++)
    {
      const DsMidiSignature *s = &g_array_index (events->signatures, DsMidiSignature, i);
      g_autofree char *text = g_strdup_printf ("%u/%u", s->numerator, s->denominator);
      g_autoptr (GError) local = NULL;

      if (!ds_meter_parse_signature (text, &maker->parsed[i], &local))
        {
          g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                       "%s: time signature %s at tick %u is not supported: %s", name, text,
                       s->tick, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
bar_maker_clear (BarMaker *maker)
{
  g_clear_pointer (&maker->parsed, g_free);
}

/* The signature of the bar that starts at step START: the signatures at or
 * before it (within half a step) come into force. */
static const DsSignature *
signature_at (BarMaker *maker, guint64 start)
{
  guint64 ppqn = maker->events->ppqn;

  while (maker->next < maker->events->signatures->len)
    {
      guint64 tick = g_array_index (maker->events->signatures, DsMidiSignature,
                                    maker->next).tick;

      if (2 * tick * maker->spq > 2 * start * ppqn + ppqn)
        break;
      maker->current = maker->parsed[maker->next++];
    }
  return &maker->current;
}

/* Appends the next bar to LOOP. */
static gboolean
add_next_bar (BarMaker *maker, DsLoop *loop, GError **error)
{
  return ds_loop_add_bar (loop, signature_at (maker, ds_loop_length (loop)), error);
}

/* Whether every bar of EVENTS is whole steps at SPQ steps per quarter. */
static gboolean
bars_fit (const DsMidiEvents *events, guint spq)
{
  DsSignature four = { 4, 4, 4, { 1, 1, 1, 1 } };
  gboolean fits = ds_loop_bar_steps (&four, spq) > 0;

  for (guint i = 0; fits && i < events->signatures->len; i++)
    {
      const DsMidiSignature *s = &g_array_index (events->signatures, DsMidiSignature, i);
      DsSignature sig = { s->numerator, s->denominator, 0, { 0 } };

      fits = ds_loop_bar_steps (&sig, spq) > 0;
    }
  return fits;
}

/* The distance of each onset of EVENTS to its nearest step at SPQ steps per
 * quarter, in ticks times SPQ (ppqn of them make a step): the largest in
 * *WORST, the sum returned. */
static guint64
onset_distances (const DsMidiEvents *events, guint spq, guint64 *worst)
{
  guint64 ppqn = events->ppqn, sum = 0;

  *worst = 0;
  for (guint i = 0; i < events->notes->len; i++)
    {
      guint64 r = (guint64) g_array_index (events->notes, DsMidiNote, i).tick * spq % ppqn;
      guint64 distance = MIN (r, ppqn - r);

      sum += distance;
      *worst = MAX (*worst, distance);
    }
  return sum;
}

guint
ds_quantise_auto_resolution (const DsMidiEvents *events, gboolean *played)
{
  const guint choices[] = DS_QUANTISE_AUTO_CHOICES;
  guint64 worst, on_three, on_four;

  if (played != NULL)
    *played = FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    if (bars_fit (events, choices[c]))
      {
        onset_distances (events, choices[c], &worst);
        if (10 * worst <= events->ppqn)
          return choices[c];
      }
  if (played != NULL)
    *played = TRUE;
  /* the mean distances in steps of each grid compare as the sums do */
  on_four = onset_distances (events, 4, &worst);
  on_three = onset_distances (events, 3, &worst);
  return bars_fit (events, 3) && on_three < on_four ? 3 : 4;
}

/* The number of bars the file's length rounds to (ties to even, as Python's
 * round()), at least one.  MAKER is a copy: walking the bars here leaves the
 * caller's where it was. */
static guint
count_file_bars (BarMaker maker)
{
  guint64 end = (guint64) maker.events->end_tick * maker.spq, ppqn = maker.events->ppqn;
  guint64 start = 0;
  guint count = 0;

  while (count <= DS_LOOP_MAX_BARS)
    {
      guint64 steps = ds_loop_bar_steps (signature_at (&maker, start), maker.spq);
      guint64 covered = end > start * ppqn ? end - start * ppqn : 0;

      /* the bar counts when the file covers more than half of it */
      if (steps == 0 || 2 * covered < steps * ppqn
          || (2 * covered == steps * ppqn && (count + 1) % 2 != 0))
        break;
      count++;
      start += steps;
    }
  return MAX (count, 1u);
}

static void
report_unmapped (DsLoop *loop, const char *name)
{
  const guint *counts = ds_loop_unmapped_counts (loop);
  g_autoptr (GString) list = g_string_new (NULL);
  guint total = 0;

  for (guint n = 0; n < 128; n++)
    if (counts[n] > 0)
      {
        g_string_append_printf (list, "%s%u (x%u)", total > 0 ? ", " : "", n, counts[n]);
        total += counts[n];
      }
  if (total > 0)
    ds_loop_add_notice (loop, FALSE, "%s: %u note%s that map to no voice, not on the grid "
                        "(an answer passes them through): note %s (--all-notes shows them; "
                        "the [midi] group maps notes to voices)",
                        name, total, total == 1 ? "" : "s", list->str);
}

static void
report_tempi (DsLoop *loop, const DsMidiEvents *events, const char *name)
{
  guint changes = 0;
  guint32 last = 0, first_change_tick = 0, last_value = 0;
  char a[32], b[32];

  for (guint i = 0; i < events->tempi->len; i++)
    {
      const DsMidiTempo *t = &g_array_index (events->tempi, DsMidiTempo, i);

      if (i > 0 && t->usec_per_quarter != last)
        {
          if (changes++ == 0)
            first_change_tick = t->tick;
          last_value = t->usec_per_quarter;
        }
      last = t->usec_per_quarter;
    }
  if (changes == 0)
    return;
  ds_loop_add_notice (loop, FALSE, "%s: the tempo changes %u time%s (first at tick %u, last to "
                      "%s bpm); the loop keeps the first tempo, %s bpm", name, changes,
                      changes == 1 ? "" : "s", first_change_tick,
                      ds_loop_format_bpm (a, 6e7 / last_value),
                      ds_loop_format_bpm (b, ds_loop_bpm (loop)));
}

/* The bars of the loop: N_BARS, or as many as the file's length rounds to,
 * then more while an onset lies past the end (one on the very end wraps). */
static gboolean
make_bars (BarMaker *maker, DsLoop *loop, const DsMidiEvents *events, guint n_bars,
           GError **error)
{
  guint64 last = 0;

  for (guint b = 0, n = n_bars > 0 ? n_bars : count_file_bars (*maker); b < n; b++)
    if (!add_next_bar (maker, loop, error))
      return FALSE;
  if (n_bars > 0)
    return TRUE;
  for (guint i = 0; i < events->notes->len; i++)
    last = MAX (last, nearest_step (g_array_index (events->notes, DsMidiNote, i).tick,
                                    maker->spq, events->ppqn, NULL));
  while (last > ds_loop_length (loop))
    if (!add_next_bar (maker, loop, error))
      return FALSE;
  return TRUE;
}

/* Puts every note on its step: onsets of the map's voices, unmapped notes
 * counted, notes past the end (only with --bars) left out; says what merged
 * or was left out. */
static void
place_notes (DsLoop *loop, const DsMidiEvents *events, const DsDrumMap *map,
             const DsQuantiseOptions *options, const char *name)
{
  g_autoptr (GString) merged = g_string_new (NULL);
  guint spq = ds_loop_steps_per_quarter (loop), n_merged = 0, n_past = 0;

  for (guint i = 0; i < events->notes->len; i++)
    {
      const DsMidiNote *note = &g_array_index (events->notes, DsMidiNote, i);
      double offset;
      guint64 step = nearest_step (note->tick, spq, events->ppqn, &offset);
      int voice = ds_drum_map_voice_of_note (map, note->note);
      DsOnset onset;

      if (step == ds_loop_length (loop))
        step = 0; /* played a little late onto the end: the first step */
      else if (step > ds_loop_length (loop))
        {
          n_past++;
          continue;
        }
      if (voice < 0)
        {
          ds_loop_add_unmapped (loop, note->note, (guint) step);
          continue;
        }
      onset = (DsOnset) { (guint) step, (float) offset, note->velocity, note->note,
                          note->velocity >= options->accent_velocity };
      if (ds_loop_add_onset (loop, (guint) voice, &onset))
        continue;
      if (n_merged < 10)
        g_string_append_printf (merged, "%s%s at step %u", n_merged > 0 ? ", " : "",
                                ds_drum_map_voice_name (map, (guint) voice), (guint) step + 1);
      else if (n_merged == 10)
        g_string_append (merged, ", ...");
      n_merged++;
    }
  if (n_past > 0)
    ds_loop_add_notice (loop, FALSE, "%s: %u note%s after the end of bar %u left out", name,
                        n_past, n_past == 1 ? "" : "s", ds_loop_n_bars (loop));
  if (n_merged > 0)
    ds_loop_add_notice (loop, TRUE, "%s: %u onset%s merged with another of the same voice on "
                        "the same step: %s", name, n_merged, n_merged == 1 ? "" : "s",
                        merged->str);
}

void
ds_quantise_place_source (const DsLoop *loop, DsMidiSource *source, const DsDrumMap *map)
{
  guint spq = ds_loop_steps_per_quarter (loop), ppqn = ds_midi_source_ppqn (source);
  guint channels = ds_midi_source_drum_channels (source);

  for (guint i = 0; i < ds_midi_source_n_events (source); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (source, i);
      guint64 step;

      if (e->kind != DS_SOURCE_NOTE || (channels & (1u << (e->channel - 1))) == 0)
        continue;
      /* as place_notes does: the nearest step, the end of the loop its first */
      step = nearest_step (e->tick, spq, ppqn, NULL);
      if (step == ds_loop_length (loop))
        step = 0;
      if (step > ds_loop_length (loop))
        ds_midi_source_place (source, i, DS_SOURCE_PAST_END, 0, -1);
      else
        ds_midi_source_place (source, i, DS_SOURCE_IN_LOOP, (guint) step,
                              ds_drum_map_voice_of_note (map, ds_midi_source_bytes (source, i)[1]));
    }
}

DsLoop *
ds_quantise (const DsMidiEvents *events, const DsDrumMap *map,
             const DsQuantiseOptions *options, const char *name, GError **error)
{
  g_autoptr (DsLoop) loop = NULL;
  BarMaker maker;
  guint spq = options->steps_per_quarter;
  gboolean ok, played = FALSE;

  if (spq == 0)
    spq = ds_quantise_auto_resolution (events, &played);
  loop = ds_loop_new (spq);
  if (played)
    ds_loop_add_notice (loop, FALSE, "%s: no grid of 4, 3, 6, 8, 12 or 16 steps per quarter "
                        "note holds every onset within a tenth of a step (a played loop); "
                        "quantised to %s", name,
                        spq == 3 ? "3 per quarter, triplets: its onsets lie nearer their "
                                   "steps than on 4 (a swung, shuffled or triplet feel)"
                                 : "4 per quarter");
  if (events->tempi->len > 0)
    ds_loop_set_bpm (loop, 6e7 / g_array_index (events->tempi, DsMidiTempo, 0).usec_per_quarter);
  if (!bar_maker_init (&maker, events, spq, name, error))
    {
      bar_maker_clear (&maker);
      return NULL;
    }
  ok = make_bars (&maker, loop, events, options->bars, error);
  bar_maker_clear (&maker);
  if (!ok)
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  for (guint v = 0; v < ds_drum_map_n_voices (map); v++)
    if (ds_loop_add_voice (loop, ds_drum_map_voice_name (map, v),
                           ds_drum_map_voice_note (map, v), error) < 0)
      return NULL;

  place_notes (loop, events, map, options, name);
  report_unmapped (loop, name);
  report_tempi (loop, events, name);
  return g_steal_pointer (&loop);
}
