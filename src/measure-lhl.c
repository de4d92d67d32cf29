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

#include "src/measure-builtin.h"

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

static void
lhl_bar (const DsMeasureBar *bar, double *num, double *den)
{
  guint prefix[DS_PATTERN_MAX_STEPS + 1];
  Nodes nodes;
  int sum = 0;
  guint n_bars = ds_meter_n_bars (bar->meter);

  *num = 0.0;
  *den = 1.0;
  if (bar->n_onsets == 0)
    return;
  nodes.n = 0;
  if (n_bars == 1)
    {
      /* looped: the bar's own last note node comes first */
      nodes.weight[0] = -(int) bar->level[bar->onsets[bar->n_onsets - 1]];
      nodes.note[0] = TRUE;
      nodes.n = 1;
    }
  else
    {
      /* the previous bar's last note node, when that bar has an onset */
      DsMeasureBar prev;

      ds_measure_bar_init (&prev, bar->loop, bar->meter, (bar->bar + n_bars - 1) % n_bars);
      if (prev.n_onsets > 0)
        {
          nodes.weight[0] = -(int) prev.level[prev.onsets[prev.n_onsets - 1]];
          nodes.note[0] = TRUE;
          nodes.n = 1;
        }
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
  .summary = "Longuet-Higgins & Lee syncopation: rests on heavier nodes than the note "
             "before them",
  .citation = "Longuet-Higgins & Lee (1984), Music Perception 1(4); Fitch & Rosenfeld (2007)",
  .integer = TRUE,
  .bar = lhl_bar,
  .bound = lhl_bound,
};
