/* measure-lhl.c: Longuet-Higgins & Lee syncopation.
 *
 * Longuet-Higgins, H. C. & Lee, C. S. (1984). The rhythmic interpretation of
 * monophonic music. Music Perception 1(4), 424-441; as formalised by Fitch, W. T.
 * & Rosenfeld, A. J. (2007). Perception and production of syncopated rhythms.
 * Music Perception 25(1), 43-58, and implemented in SynPy (Song, Harte & Pearce
 * 2015, LHL.py).
 *
 * The bar's metrical tree is subdivided along the meter's hierarchy until each
 * node is a note (onset at its first step, silence after) or a rest (silent).
 * A node weighs -level of its first step (meter.h).  In time order, with the
 * last note node of the previous bar in front (looped), each rest is paired
 * with the nearest note before it that weighs no more than the rest; the pair
 * adds weight(rest) - weight(note).  The value is the sum (0 without pairs:
 * Fitch & Rosenfeld's convention, SynPy's -1).  Empty bar: 0.  Several bars:
 * the sum, each bar preceded by its real previous bar (no note node in front
 * when that bar is empty, as SynPy).
 */
#include "autoconfig.h"

#include "src/rhythm/measure-builtin.h"

typedef struct {
  int weight[DS_PATTERN_MAX_STEPS + 1];
  gboolean note[DS_PATTERN_MAX_STEPS + 1];
  guint n;
} Nodes;

/* Appends the terminal nodes of [A, B), a node of depth DEPTH, to NODES;
 * PREFIX[k] counts the bar's onsets before step k. */
static void
terminal_nodes (const DsMeasureBar *bar, const guint *prefix, guint a, guint b, guint depth,
                Nodes *nodes)
{
  guint inside = prefix[b] - prefix[a];
  gboolean first = prefix[a + 1] - prefix[a] == 1;

  if (inside == 0 || (inside == 1 && first) || b - a == 1)
    {
      nodes->weight[nodes->n] = -(int) bar->level[a];
      nodes->note[nodes->n] = inside > 0;
      nodes->n++;
      return;
    }
  for (guint s = a; s < b;)
    {
      guint e = s + 1;

      while (e < b && bar->level[e] > depth + 1)
        e++;
      terminal_nodes (bar, prefix, s, e, depth + 1, nodes);
      s = e;
    }
}

/* The pairing done while the terminal nodes stream out in time order, for bars
 * of at most 64 steps: LAST[l] is the index of the latest note node of level
 * l (-1 for none); a rest pairs with the latest note of a level at least its
 * own (a weight no more than its own). */
typedef struct {
  int last[66];
  int count;
  int sum;
  guint n_levels;
} Stream;

static inline void
stream_node (Stream *st, gboolean note, guint level)
{
  if (note)
    st->last[level] = st->count;
  else
    {
      int best = -1;
      guint best_level = 0;

      for (guint l = level; l < st->n_levels; l++)
        if (st->last[l] > best)
          {
            best = st->last[l];
            best_level = l;
          }
      if (best >= 0)
        st->sum += (int) best_level - (int) level;
    }
  st->count++;
}

/* terminal_nodes on bit masks: ON holds the bar's onsets, BOUNDS[d] the steps
 * of level <= d. */
static void
terminal_nodes_word (const DsMeasureBar *bar, uint64_t on, const uint64_t *bounds, guint a,
                     guint b, guint depth, Stream *st)
{
  uint64_t span = (b == 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << b) - 1) & (~(uint64_t) 0 << a);
  uint64_t inside = on & span, children;

  if (inside == 0 || inside == (uint64_t) 1 << a || b - a == 1)
    {
      stream_node (st, inside != 0, bar->level[a]);
      return;
    }
  children = bounds[depth + 1] & span & ~((uint64_t) 1 << a);
  while (children != 0)
    {
      guint e = (guint) __builtin_ctzll (children);

      terminal_nodes_word (bar, on, bounds, a, e, depth + 1, st);
      a = e;
      children &= children - 1;
    }
  terminal_nodes_word (bar, on, bounds, a, b, depth + 1, st);
}

/* LHL of a bar of at most 64 steps; PREVIOUS_LEVEL is the level of the note
 * node in front, or -1 for none. */
static int
lhl_word (const DsMeasureBar *bar, int previous_level)
{
  uint64_t bounds[66], on = 0;
  guint n_levels = bar->info->n_levels;
  Stream st;

  st.count = 0;
  st.sum = 0;
  st.n_levels = n_levels;
  for (guint d = 0; d <= n_levels; d++)
    {
      bounds[d] = 0;
      st.last[d] = -1;
    }
  for (guint k = 0; k < bar->steps; k++)
    bounds[bar->level[k]] |= (uint64_t) 1 << k;
  for (guint d = 1; d <= n_levels; d++)
    bounds[d] |= bounds[d - 1];
  for (guint i = 0; i < bar->n_onsets; i++)
    on |= (uint64_t) 1 << bar->onsets[i];
  if (previous_level >= 0)
    stream_node (&st, TRUE, (guint) previous_level);
  terminal_nodes_word (bar, on, bounds, 0, bar->steps, 0, &st);
  return st.sum;
}

static void
lhl_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint prefix[DS_PATTERN_MAX_STEPS + 1];
  Nodes nodes;
  int sum = 0, previous_level = -1;
  guint n_bars = ds_meter_n_bars (bar->meter);

  *num = 0.0;
  *den = 1.0;
  if (bar->n_onsets == 0)
    return;
  if (n_bars == 1)
    /* looped: the bar's own last note node comes first */
    previous_level = (int) bar->level[bar->onsets[bar->n_onsets - 1]];
  else
    {
      /* the previous bar's last note node, when that bar has an onset */
      const DsBar *prev = ds_meter_bar (bar->meter, (bar->bar + n_bars - 1) % n_bars);

      for (guint k = prev->start + prev->steps; k-- > prev->start;)
        if (ds_pattern_get (bar->loop, k))
          {
            previous_level = (int) ds_meter_level (bar->meter, k);
            break;
          }
    }
  if (bar->steps <= 64)
    {
      *num = lhl_word (bar, previous_level);
      return;
    }
  nodes.n = 0;
  if (previous_level >= 0)
    {
      nodes.weight[0] = -previous_level;
      nodes.note[0] = TRUE;
      nodes.n = 1;
    }
  prefix[0] = 0;
  for (guint k = 0, i = 0; k < bar->steps; k++)
    {
      if (i < bar->n_onsets && bar->onsets[i] == k)
        i++;
      prefix[k + 1] = i;
    }
  terminal_nodes (bar, prefix, 0, bar->steps, 0, &nodes);
  for (guint i = nodes.n - 1; i > 0; i--)
    {
      if (nodes.note[i])
        continue;
      for (guint j = i; j-- > 0;)
        if (nodes.note[j] && nodes.weight[i] >= nodes.weight[j])
          {
            sum += nodes.weight[i] - nodes.weight[j];
            break;
          }
    }
  *num = sum;
}

/* Each rest node pairs at most once, with a note of weight >= -(n_levels - 1),
 * and rest nodes start at distinct steps: sum over steps of
 * (n_levels - 1 - level). */
static void
lhl_bound (const DsMeasureBar *bar, double *min, double *max)
{
  *min = 0.0;
  *max = 0.0;
  for (guint k = 0; k < bar->steps; k++)
    *max += bar->info->n_levels - 1 - bar->level[k];
}

const DsMeasureClass ds_measure_lhl = {
  .name = "lhl",
  .neighbours = DS_MEASURE_NEIGHBOURS_PREVIOUS_LAST,
  .summary = "Longuet-Higgins & Lee syncopation: rests on heavier nodes than the note "
             "before them",
  .citation = "Longuet-Higgins & Lee (1984), Music Perception 1(4); Fitch & Rosenfeld (2007)",
  .integer = TRUE,
  .bar = lhl_bar,
  .bound = lhl_bound,
};
