/* measure-shmulevich-povel.c: Shmulevich & Povel's "PS" complexity (see the header).
 *
 * STAGE 1: clock induction (Povel & Essens 1985), as published.
 *  - Accents: group the onsets into clusters (maximal runs of onsets on adjacent
 *    steps).  An isolated onset is accented; in a cluster of two the second; in
 *    a cluster of three or more the first and the last.  A pattern is a loop, so
 *    a run across the end of the grid is one cluster (our reading; the
 *    published patterns all start with an onset and end with rests, where the
 *    two readings agree).  An empty or a full pattern has no cluster boundary
 *    and no accents.  The `X` accents of the pattern text play no part: P&E
 *    accents come from the temporal structure alone.
 *  - Clocks: ticks at phase, phase + u, ... for every phase 0 <= phase < u.
 *    C = 4 * (ticks on rests) + (ticks on unaccented onsets).
 *  - The unit u comes from the meter: its beat (4 steps in 4/4 at 16 steps, the
 *    unit Povel & Essens' 35 patterns were grouped by; units 2 and 8 would
 *    give every one of them C <= 1), or, when the beats differ in length (7/8 =
 *    2+2+3, or bars of several meters), the gcd of the beat lengths, the pulse
 *    all beat boundaries lie on.  u always divides the grid.  Without a meter,
 *    the default meter for the length (4/4) is used.
 *  - The induced clock has the least C.  Ties (2 of the 35 patterns) are
 *    broken by Povel's (1984) economy principle, the clock whose segments code
 *    most cheaply (least segment sum), then by the earliest phase.  OUR choice.
 *
 * STAGE 2: segment coding.  OUR choices (the papers' own table could not be
 * read; drumswarm.conf(5) lists them and `score --list` marks the measure
 * provisional).  The induced clock's ticks cut the loop into L/u segments, each
 * from a tick up to the next.  Following Povel (1981, 1984), a listener codes
 * a pattern as beats of the clock, each beat either unfilled or subdivided; a
 * beat subdivided into equal parts is the simplest subdivision, an unequal one
 * is harder, and a beat whose own tick does not sound cannot be coded as a
 * subdivision of it at all.  For unequal subdivisions, "normal" order is the one
 * whose intervals never grow (longest first: x..x, x.xx): then the P&E accent
 * of the segment stays on its tick, since a tone followed by the longest
 * interval is the salient one; "reversed" puts a shorter interval before a
 * longer one (xx.., xxx., xx.x), moving the salience off the tick.  The costs
 * are the ranks of these codes, one unit per step of difficulty:
 *     empty (silent tick, no onset)   0   (the silent tick already costs W in C)
 *     beat (only the tick sounds)     0
 *     equal subdivision               1
 *     unequal, normal order           2
 *     unequal, reversed order         3
 *     unanchored (silent tick, onsets after it)  4
 * PS = C + sum of the segment costs: the induction strength of the clock plus
 * the complexity of the segments, the two parts the JNMR abstract names, added
 * with no further weight (W = 4 inside C is the only weight, P&E's).  An empty
 * pattern has nothing to code: PS = 0.  No parameter was fitted to the
 * listeners' ratings; with these choices PS correlates with the 35 S&P ratings
 * at r = 0.805 (C alone: 0.767), see tests/test-shmulevich-povel.c.
 */
#include "autoconfig.h"

#include "src/rhythm/measure-shmulevich-povel.h"
#include "src/base/gcd.h"

#include <string.h>

G_DEFINE_QUARK (ds-shmulevich-povel-error-quark, ds_shmulevich_povel_error)

guint
ds_shmulevich_povel_unit (const DsMeter *meter)
{
  guint unit = 0;

  for (guint b = 0; b < ds_meter_n_bars (meter); b++)
    {
      const DsBar *bar = ds_meter_bar (meter, b);
      guint per_unit = bar->steps / bar->signature.numerator;

      for (guint g = 0; g < bar->signature.n_groups; g++)
        unit = ds_gcd (unit, per_unit * bar->signature.groups[g]);
    }
  return unit;
}

/* Patterns of at most 64 steps are also handled as one word, with rotations
 * and popcounts instead of loops over steps: enumerating every pattern of a
 * length for normalisation runs this path.  Longer patterns take the step
 * loops; both give the same values (a test compares them). */
static inline uint64_t
word_mask (guint n)
{
  return n >= 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << n) - 1;
}

/* Bit i of the result is bit (i + r) mod n of X (0 <= r < n). */
static inline uint64_t
rotate_down (uint64_t x, guint r, guint n)
{
  if (r == 0)
    return x;
  return ((x >> r) | (x << (n - r))) & word_mask (n);
}

/* The accents: every cluster's last onset, and its first unless the cluster
 * has exactly two onsets (its first onset's successor is then a last one). */
static uint64_t
accents_word (uint64_t on, guint n)
{
  uint64_t start, end;

  if (on == 0 || on == word_mask (n))
    return 0;
  start = on & ~rotate_down (on, n - 1, n);
  end = on & ~rotate_down (on, 1, n);
  return end | (start & ~rotate_down (end, 1, n));
}

void
ds_shmulevich_povel_accents (const DsPattern *pattern, guint8 *accented)
{
  guint n = pattern->length, count;

  memset (accented, 0, n);
  if (n <= 64)
    {
      for (uint64_t acc = accents_word (pattern->on[0], n); acc != 0; acc &= acc - 1)
        accented[__builtin_ctzll (acc)] = 1;
      return;
    }
  count = ds_pattern_count (pattern);
  if (count == 0 || count == n)
    return;
  for (guint start = 0; start < n; start++)
    {
      guint run = 0;

      /* A cluster starts at an onset that follows a rest (cyclically). */
      if (!ds_pattern_get (pattern, start) || ds_pattern_get (pattern, (start + n - 1) % n))
        continue;
      while (ds_pattern_get (pattern, (start + run) % n))
        run++;
      if (run == 1)
        accented[start] = 1;
      else if (run == 2)
        accented[(start + 1) % n] = 1;
      else
        {
          accented[start] = 1;
          accented[(start + run - 1) % n] = 1;
        }
    }
}

guint
ds_shmulevich_povel_c_score (const DsPattern *pattern, const guint8 *accented, guint unit,
                             guint phase, guint *silent, guint *unaccented)
{
  guint s = 0, t = 0;

  for (guint k = phase; k < pattern->length; k += unit)
    {
      if (!ds_pattern_get (pattern, k))
        s++;
      else if (!accented[k])
        t++;
    }
  if (silent != NULL)
    *silent = s;
  if (unaccented != NULL)
    *unaccented = t;
  return DS_SHMULEVICH_POVEL_W * s + t;
}

/* The code of a segment of UNIT <= 64 steps given as a word (bit 0 = its tick). */
static DsShmulevichPovelSegment
segment_of_word (uint64_t seg, guint unit)
{
  guint previous = 0, previous_ioi = 0, n_onsets = 0;
  gboolean equal = TRUE, growing = FALSE;

  if ((seg & 1) == 0)
    return seg == 0 ? DS_SHMULEVICH_POVEL_EMPTY : DS_SHMULEVICH_POVEL_UNANCHORED;
  for (seg &= seg - 1; ; seg &= seg - 1)
    {
      guint at = seg != 0 ? (guint) __builtin_ctzll (seg) : unit;
      guint ioi = at - previous;

      if (n_onsets > 0)
        {
          equal = equal && ioi == previous_ioi;
          growing = growing || ioi > previous_ioi;
        }
      previous = at;
      previous_ioi = ioi;
      n_onsets++;
      if (seg == 0)
        break;
    }
  if (n_onsets == 1)
    return DS_SHMULEVICH_POVEL_BEAT;
  if (equal)
    return DS_SHMULEVICH_POVEL_EQUAL;
  return growing ? DS_SHMULEVICH_POVEL_REVERSED : DS_SHMULEVICH_POVEL_NORMAL;
}

DsShmulevichPovelSegment
ds_shmulevich_povel_segment (const DsPattern *pattern, guint start, guint unit)
{
  guint n = pattern->length;
  guint previous = 0, previous_ioi = 0, n_onsets = 0;
  gboolean equal = TRUE, growing = FALSE;

  if (n <= 64)
    return segment_of_word (rotate_down (pattern->on[0], start % n, n) & word_mask (unit),
                            unit);
  if (!ds_pattern_get (pattern, start % n))
    {
      for (guint i = 1; i < unit; i++)
        if (ds_pattern_get (pattern, (start + i) % n))
          return DS_SHMULEVICH_POVEL_UNANCHORED;
      return DS_SHMULEVICH_POVEL_EMPTY;
    }
  /* The intervals between the onsets of the segment, the last one ending at
   * the next tick. */
  for (guint i = 1; i <= unit; i++)
    {
      guint ioi;

      if (i < unit && !ds_pattern_get (pattern, (start + i) % n))
        continue;
      ioi = i - previous;
      if (n_onsets > 0)
        {
          equal = equal && ioi == previous_ioi;
          growing = growing || ioi > previous_ioi;
        }
      previous = i;
      previous_ioi = ioi;
      n_onsets++;
    }
  if (n_onsets == 1)
    return DS_SHMULEVICH_POVEL_BEAT;
  if (equal)
    return DS_SHMULEVICH_POVEL_EQUAL;
  return growing ? DS_SHMULEVICH_POVEL_REVERSED : DS_SHMULEVICH_POVEL_NORMAL;
}

guint
ds_shmulevich_povel_segment_cost (DsShmulevichPovelSegment code)
{
  switch (code)
    {
    case DS_SHMULEVICH_POVEL_EMPTY:
    case DS_SHMULEVICH_POVEL_BEAT:
      return 0;
    case DS_SHMULEVICH_POVEL_EQUAL:
      return 1;
    case DS_SHMULEVICH_POVEL_NORMAL:
      return 2;
    case DS_SHMULEVICH_POVEL_REVERSED:
      return 3;
    case DS_SHMULEVICH_POVEL_UNANCHORED:
      return 4;
    }
  g_return_val_if_reached (0);
}

const char *
ds_shmulevich_povel_segment_name (DsShmulevichPovelSegment code)
{
  static const char *const names[] = { "empty", "beat", "equal", "normal", "reversed",
                                       "unanchored" };

  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (names), "?");
  return names[code];
}

/* The segment codes of the clock (UNIT, PHASE) into CODES; returns their cost. */
static guint
code_segments (const DsPattern *pattern, guint unit, guint phase,
               DsShmulevichPovelSegment *codes)
{
  guint sum = 0, i = 0;

  for (guint k = phase; k < pattern->length; k += unit, i++)
    {
      codes[i] = ds_shmulevich_povel_segment (pattern, k, unit);
      sum += ds_shmulevich_povel_segment_cost (codes[i]);
    }
  return sum;
}

/* C of every phase 0 .. UNIT-1 into C_BY_PHASE. */
static void
c_scores (const DsPattern *pattern, guint unit, const guint8 *accented, guint *c_by_phase)
{
  guint n = pattern->length;
  uint64_t on, acc, ticks = 0;

  if (n > 64)
    {
      for (guint phase = 0; phase < unit; phase++)
        c_by_phase[phase] = ds_shmulevich_povel_c_score (pattern, accented, unit, phase,
                                                         NULL, NULL);
      return;
    }
  on = pattern->on[0];
  acc = accents_word (on, n);
  for (guint k = 0; k < n; k += unit)
    ticks |= (uint64_t) 1 << k;
  /* The ticks of a later phase stay below n: phase < unit and unit divides n. */
  for (guint phase = 0; phase < unit; phase++, ticks <<= 1)
    c_by_phase[phase] = DS_SHMULEVICH_POVEL_W * (guint) __builtin_popcountll (ticks & ~on)
                        + (guint) __builtin_popcountll (ticks & on & ~acc);
}

/* Stage 1 and 2 on a UNIT that divides the pattern's length. */
static void
explain_with_unit (const DsPattern *pattern, guint unit, DsShmulevichPovelExplanation *out)
{
  DsShmulevichPovelSegment codes[DS_PATTERN_MAX_STEPS];
  guint best_c = G_MAXUINT, best_sum = G_MAXUINT;

  out->length = pattern->length;
  out->unit = unit;
  out->n_segments = pattern->length / unit;
  out->has_clock = ds_pattern_count (pattern) > 0;
  out->n_best_phases = 0;
  ds_shmulevich_povel_accents (pattern, out->accented);
  c_scores (pattern, unit, out->accented, out->c_by_phase);
  for (guint phase = 0; phase < unit; phase++)
    {
      if (out->c_by_phase[phase] < best_c)
        {
          best_c = out->c_by_phase[phase];
          out->n_best_phases = 0;
        }
      if (out->c_by_phase[phase] == best_c)
        out->n_best_phases++;
    }
  /* Among the phases of least C, the most economical code, then the earliest. */
  out->phase = 0;
  for (guint phase = 0; phase < unit; phase++)
    {
      guint sum;

      if (out->c_by_phase[phase] != best_c)
        continue;
      sum = code_segments (pattern, unit, phase, codes);
      if (sum < best_sum)
        {
          best_sum = sum;
          out->phase = phase;
          memcpy (out->segments, codes, out->n_segments * sizeof codes[0]);
        }
    }
  out->c_score = ds_shmulevich_povel_c_score (pattern, out->accented, unit, out->phase,
                                              &out->silent_ticks, &out->unaccented_ticks);
  out->segment_sum = best_sum;
  out->value = out->has_clock ? (double) (out->c_score + out->segment_sum) : 0.0;
}

gboolean
ds_shmulevich_povel_explain (const DsPattern *pattern, const DsMeter *meter,
                             DsShmulevichPovelExplanation *explanation, GError **error)
{
  g_autoptr (DsMeter) fallback = NULL;

  if (meter == NULL)
    {
      g_autoptr (GError) local = NULL;

      fallback = ds_meter_new_for_length (NULL, pattern->length, &local);
      if (fallback == NULL)
        {
          g_set_error (error, DS_SHMULEVICH_POVEL_ERROR, DS_SHMULEVICH_POVEL_ERROR_METER,
                       "shmulevich-povel: no meter given and no default meter for %u steps "
                       "(%s); give --meter", pattern->length, local->message);
          return FALSE;
        }
      meter = fallback;
    }
  if (ds_meter_length (meter) != pattern->length)
    {
      g_autofree char *text = ds_meter_to_string (meter);

      g_set_error (error, DS_SHMULEVICH_POVEL_ERROR, DS_SHMULEVICH_POVEL_ERROR_METER,
                   "shmulevich-povel: the meter %s has %u steps but the pattern has %u",
                   text, ds_meter_length (meter), pattern->length);
      return FALSE;
    }
  explain_with_unit (pattern, ds_shmulevich_povel_unit (meter), explanation);
  return TRUE;
}

gboolean
ds_shmulevich_povel_raw (const DsPattern *pattern, const DsMeter *meter, double *value,
                         GError **error)
{
  DsShmulevichPovelExplanation explanation;

  if (!ds_shmulevich_povel_explain (pattern, meter, &explanation, error))
    return FALSE;
  *value = explanation.value;
  return TRUE;
}

/* The table's view (src/measure.h): a loop's bars are summed, so each bar
 * contributes the counter-evidence of the induced clock's ticks that fall in it
 * and the codes of the segments that start at them.  The clock is induced on
 * the whole loop, so the bars add up to the value of the loop. */
static void
shmulevich_povel_bar (const DsMeasureBar *bar, double *num, double *den)
{
  DsShmulevichPovelExplanation e;
  guint sum = 0;

  explain_with_unit (bar->loop, ds_shmulevich_povel_unit (bar->meter), &e);
  if (e.has_clock)
    for (guint i = 0; i < e.n_segments; i++)
      {
        guint tick = e.phase + i * e.unit;

        if (tick < bar->start || tick >= bar->start + bar->steps)
          continue;
        if (!ds_pattern_get (bar->loop, tick))
          sum += DS_SHMULEVICH_POVEL_W;
        else if (!e.accented[tick])
          sum++;
        sum += ds_shmulevich_povel_segment_cost (e.segments[i]);
      }
  *num = sum;
  *den = 1.0;
}

/* Each tick costs at most W (silent) and its segment at most 4 (unanchored). */
static void
shmulevich_povel_bound (const DsMeasureBar *bar, double *min, double *max)
{
  guint unit = ds_shmulevich_povel_unit (bar->meter);

  *min = 0.0;
  *max = (double) (DS_SHMULEVICH_POVEL_W + 4) * ((bar->steps + unit - 1) / unit);
}

const DsMeasureClass ds_measure_shmulevich_povel = {
  .name = "shmulevich-povel",
  .summary = "Shmulevich & Povel complexity: Povel & Essens clock, then segment codes "
             "(provisional: the segment costs are drumswarm's own)",
  .citation = "Shmulevich & Povel (2000), J. New Music Research 29(1); Povel & Essens (1985)",
  .integer = TRUE,
  .bar = shmulevich_povel_bar,
  .bound = shmulevich_povel_bound,
};
