/* style-score.c: a style judging a stage's bars (the reward term) and held-out
 * loops (how well a style predicts them, against density-only models), see
 * style.h. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/rhythm/resample.h"
#include "src/stage/style-private.h"

/* One bar of the stage on the style's grid. */
typedef struct {
  guint start, steps;                  /* on the stage's grid */
  gboolean same;                       /* the stage's steps are the style's, at most 64 */
  DsStyleFrame frame;                  /* on the style's */
  guint16 map[DS_METER_MAX_STEPS];     /* stage step -> style step */
} ScorerBar;

struct _DsStyleScorer {
  DsStyleTables tables;
  double random, human;
  double top;           /* where the value reaches 1 (ds_style_scorer_set_span) */
  guint n_used;
  guint stage_voice[DS_STYLE_MAX_VOICES]; /* the stage voice of column bit i */
  guint n_bars;
  ScorerBar *bars;
  char *description;
  guint64 spread[256];  /* the 8 bits of a byte as 8 bytes of 0 or 1, in memory order */
};

/* The voices of STYLE in NAMES as a mask, and the stage voice of each. */
static guint
used_voices (const DsStyle *style, const char *const *names, guint n_voices, guint *stage_voice,
             guint *n_used)
{
  guint mask = 0;

  *n_used = 0;
  for (guint v = 0; v < style->n_voices; v++)
    for (guint s = 0; s < n_voices; s++)
      if (strcmp (style->voices[v], names[s]) == 0)
        {
          mask |= 1u << v;
          stage_voice[(*n_used)++] = s;
        }
  return mask;
}

static char *
join_names (const char *const *names, guint n, const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? separator : "", names[i]);
  return g_string_free (out, FALSE);
}

/* Checks that the calibration of MASK can judge (its corpus played them). */
static gboolean
check_calibration (const DsStyle *style, guint mask, GError **error)
{
  const char *names[DS_STYLE_MAX_VOICES];
  guint n = 0;
  g_autofree char *list = NULL;

  if (style->human[mask] > style->random[mask])
    return TRUE;
  for (guint v = 0; v < style->n_voices; v++)
    if ((mask >> v) & 1)
      names[n++] = style->voices[v];
  list = join_names (names, n, ", ");
  g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
               "style '%s' cannot judge %s: in its corpus (%u bars) their bars are no likelier "
               "than random bars of the same densities (too few, or too random, to learn from)",
               style->name, list, style->n_bars);
  return FALSE;
}

DsStyleScorer *
ds_style_scorer_new (const DsStyle *style, const DsMeter *meter, const char *const *names,
                     guint n_voices, GError **error)
{
  g_autoptr (DsStyleScorer) scorer = g_new0 (DsStyleScorer, 1);
  guint mask = used_voices (style, names, n_voices, scorer->stage_voice, &scorer->n_used);
  const char *used[DS_STYLE_MAX_VOICES];
  g_autofree char *list = NULL;

  if (mask == 0)
    {
      const char *known[DS_STYLE_MAX_VOICES];
      g_autofree char *theirs = join_names (names, n_voices, ", ");
      g_autofree char *ours = NULL;

      for (guint v = 0; v < style->n_voices; v++)
        known[v] = style->voices[v];
      ours = join_names (known, style->n_voices, ", ");
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
                   "style '%s' knows the voices %s; the stage has none of them (%s)",
                   style->name, ours, theirs);
      return NULL;
    }
  if (!check_calibration (style, mask, error))
    return NULL;
  scorer->n_bars = ds_meter_n_bars (meter);
  scorer->bars = g_new0 (ScorerBar, scorer->n_bars);
  for (guint b = 0; b < scorer->n_bars; b++)
    {
      const DsBar *bar = ds_meter_bar (meter, b);
      ScorerBar *sb = &scorer->bars[b];

      sb->start = bar->start;
      sb->steps = bar->steps;
      if (!ds_style_frame_init (&sb->frame, &bar->signature, style->resolution, error))
        return NULL;
      for (guint k = 0; k < bar->steps; k++)
        sb->map[k] = (guint16) ds_resample_step (k, bar->steps, sb->frame.steps);
      sb->same = bar->steps == sb->frame.steps && bar->steps <= 64;
    }
  for (guint x = 0; x < 256; x++)
    {
      guint8 bytes[8];

      for (guint k = 0; k < 8; k++)
        bytes[k] = (x >> k) & 1;
      memcpy (&scorer->spread[x], bytes, sizeof bytes);
    }
  ds_style_tables_init (&scorer->tables, style, mask);
  scorer->random = style->random[mask];
  scorer->human = style->human[mask];
  scorer->top = scorer->human;
  for (guint i = 0; i < scorer->n_used; i++)
    used[i] = names[scorer->stage_voice[i]];
  list = join_names (used, scorer->n_used, " ");
  scorer->description = g_strdup_printf ("%s: %s", style->name, list);
  return g_steal_pointer (&scorer);
}

void
ds_style_scorer_free (DsStyleScorer *scorer)
{
  if (scorer == NULL)
    return;
  ds_style_tables_clear (&scorer->tables);
  g_free (scorer->bars);
  g_free (scorer->description);
  g_free (scorer);
}

void
ds_style_scorer_set_span (DsStyleScorer *scorer, double span)
{
  g_return_if_fail (span >= 1.0);
  scorer->top = scorer->random + span * (scorer->human - scorer->random);
}

const char *
ds_style_scorer_describe (const DsStyleScorer *scorer)
{
  return scorer->description;
}

/* The STEPS bits of PATTERN from step AT on (STEPS <= 64). */
static inline uint64_t
bar_bits (const DsPattern *pattern, guint at, guint steps)
{
  guint w = at >> 6, off = at & 63;
  uint64_t bits = pattern->on[w] >> off;

  if (off + steps > 64)
    bits |= pattern->on[w + 1] << (64 - off);
  return steps == 64 ? bits : bits & (((uint64_t) 1 << steps) - 1);
}

/* The columns of BAR of the stage PATTERNS on the style's grid, and the empty
 * column after them, into WORDS (room for DS_METER_MAX_STEPS + 8 bytes). */
static inline const guint8 *
bar_columns (const DsStyleScorer *scorer, const ScorerBar *bar, const DsPattern *patterns,
             guint64 *words)
{
  guint8 *columns = (guint8 *) words;
  guint first = bar->start, end = bar->start + bar->steps;

  if (bar->same)
    {
      /* a byte of each voice's steps spreads to eight columns at once */
      guint n_words = bar->steps / 8 + 1;

      for (guint w = 0; w < n_words; w++)
        words[w] = 0;
      for (guint i = 0; i < scorer->n_used; i++)
        {
          uint64_t bits = bar_bits (&patterns[scorer->stage_voice[i]], first, bar->steps);

          for (guint w = 0; bits != 0; w++, bits >>= 8)
            words[w] |= scorer->spread[bits & 255] << i;
        }
      return columns;
    }
  memset (columns, 0, bar->frame.steps + 1);
  for (guint i = 0; i < scorer->n_used; i++)
    {
      const DsPattern *p = &patterns[scorer->stage_voice[i]];

      for (guint w = first >> 6; w <= (end - 1) >> 6; w++)
        {
          guint at = w * 64;
          uint64_t bits = p->on[w];

          if (first > at)
            bits &= ~(uint64_t) 0 << (first - at);
          if (end < at + 64)
            bits &= ((uint64_t) 1 << (end - at)) - 1;
          for (; bits != 0; bits &= bits - 1)
            columns[bar->map[at + (guint) __builtin_ctzll (bits) - first]] |= (guint8) (1u << i);
        }
    }
  return columns;
}

#define COLUMN_WORDS ((DS_METER_MAX_STEPS + 8) / 8)

double
ds_style_scorer_value (const DsStyleScorer *scorer, const DsPattern *patterns)
{
  guint64 words[COLUMN_WORDS];
  double sum = 0.0;

  for (guint b = 0; b < scorer->n_bars; b++)
    {
      const ScorerBar *bar = &scorer->bars[b];
      const guint8 *columns = bar_columns (scorer, bar, patterns, words);

      sum += ds_style_map (ds_style_bar_log2 (&scorer->tables, &bar->frame, columns),
                           scorer->random, scorer->top);
    }
  return sum / scorer->n_bars;
}

double
ds_style_scorer_log2 (const DsStyleScorer *scorer, const DsPattern *patterns)
{
  guint64 words[COLUMN_WORDS];
  double sum = 0.0;

  for (guint b = 0; b < scorer->n_bars; b++)
    {
      const guint8 *columns = bar_columns (scorer, &scorer->bars[b], patterns, words);

      sum += ds_style_bar_log2 (&scorer->tables, &scorer->bars[b].frame, columns);
    }
  return sum / scorer->n_bars;
}

/* --- held-out loops ------------------------------------------------------------ */

struct _DsStyleEval {
  guint n_full;                          /* the style's voices */
  guint8 project[DS_STYLE_MASKS];        /* a full column -> the judged voices' */
  DsStyleTables tables;
  double random, human;
  float log_class[DS_STYLE_N_CLASSES][DS_STYLE_MASKS]; /* density-only models */
  float log_overall[DS_STYLE_MASKS];
  DsStyleFrames frames;
  GByteArray *history;
  DsRng rng;
  gboolean started;
  double bits_style, bits_class, bits_overall, value_human, value_random, loop_human,
      loop_random;
  guint64 steps;
  guint bars, above;
};

/* log2 of column X (N voices) under independent voices of densities D. */
static float
bernoulli_log2 (const double *d, guint n, guint x)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    sum += log2 (((x >> i) & 1) ? d[i] : 1.0 - d[i]);
  return (float) sum;
}

/* The density-only models of the voices of MASK: per-voice Bernoulli at the
 * corpus's density of each class, and overall (add-half smoothed). */
static void
eval_densities (DsStyleEval *eval, const DsStyle *style, guint mask, guint n)
{
  guint64 on[DS_STYLE_N_CLASSES][DS_STYLE_MAX_VOICES] = { { 0 } }, all[DS_STYLE_N_CLASSES] = { 0 };
  guint64 on_all[DS_STYLE_MAX_VOICES] = { 0 }, total = 0;
  guint column = (1u << style->n_voices) - 1;

  for (guint i = 0; i < style->n_counts; i++)
    {
      guint32 key = style->counts[i].key;
      guint c = key >> (3 * style->n_voices), x = ds_style_project (key & column, mask);

      all[c] += style->counts[i].n;
      total += style->counts[i].n;
      for (guint v = 0; v < n; v++)
        if ((x >> v) & 1)
          {
            on[c][v] += style->counts[i].n;
            on_all[v] += style->counts[i].n;
          }
    }
  for (guint c = 0; c < DS_STYLE_N_CLASSES; c++)
    {
      double d[DS_STYLE_MAX_VOICES];

      for (guint v = 0; v < n; v++)
        d[v] = (on[c][v] + 0.5) / (all[c] + 1.0);
      for (guint x = 0; x < (1u << n); x++)
        eval->log_class[c][x] = bernoulli_log2 (d, n, x);
    }
  {
    double d[DS_STYLE_MAX_VOICES];

    for (guint v = 0; v < n; v++)
      d[v] = (on_all[v] + 0.5) / (total + 1.0);
    for (guint x = 0; x < (1u << n); x++)
      eval->log_overall[x] = bernoulli_log2 (d, n, x);
  }
}

DsStyleEval *
ds_style_eval_new (const DsStyle *style, const char *const *names, guint n_voices, guint64 seed,
                   GError **error)
{
  g_autoptr (DsStyleEval) eval = g_new0 (DsStyleEval, 1);
  guint mask = 0;

  for (guint i = 0; names != NULL && i < n_voices; i++)
    {
      int v = ds_style_find_voice (style, names[i]);

      if (v < 0)
        {
          g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES,
                       "style '%s' has no voice '%s'", style->name, names[i]);
          return NULL;
        }
      mask |= 1u << v;
    }
  if (names == NULL)
    mask = (1u << style->n_voices) - 1;
  if (mask == 0 || !check_calibration (style, mask, error))
    {
      if (mask == 0)
        g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VOICES, "no voice to judge");
      return NULL;
    }
  eval->n_full = style->n_voices;
  for (guint x = 0; x < (1u << style->n_voices); x++)
    eval->project[x] = (guint8) ds_style_project (x, mask);
  ds_style_tables_init (&eval->tables, style, mask);
  eval->random = style->random[mask];
  eval->human = style->human[mask];
  eval_densities (eval, style, mask, eval->tables.n);
  ds_style_frames_init (&eval->frames, style->resolution);
  eval->history = g_byte_array_new ();
  ds_rng_init (&eval->rng, seed);
  return g_steal_pointer (&eval);
}

void
ds_style_eval_free (DsStyleEval *eval)
{
  if (eval == NULL)
    return;
  ds_style_tables_clear (&eval->tables);
  ds_style_frames_clear (&eval->frames);
  if (eval->history != NULL)
    g_byte_array_unref (eval->history);
  g_free (eval);
}

gboolean
ds_style_eval_add_bar (DsStyleEval *eval, const DsSignature *signature, const DsPattern *voices,
                       gboolean continues, GError **error)
{
  const DsStyleFrame *frame = ds_style_frames_get (&eval->frames, signature, error);
  guint8 columns[DS_METER_MAX_STEPS + 1];
  guint n = eval->tables.n, base;
  const guint8 *history;

  if (frame == NULL)
    return FALSE;
  ds_style_columns (voices, eval->n_full, frame->steps, columns);
  for (guint j = 0; j < frame->steps; j++)
    columns[j] = eval->project[columns[j]];
  if (!continues || !eval->started)
    g_byte_array_set_size (eval->history, 0);
  eval->started = TRUE;
  base = eval->history->len;
  g_byte_array_append (eval->history, columns, frame->steps);
  history = eval->history->data;
  for (guint j = 0; j < frame->steps; j++)
    {
      guint h, b, x = columns[j];

      ds_style_context (frame, history, base + j, j, &h, &b);
      eval->bits_style += eval->tables.logp[(((gsize) frame->klass[j] << n | h) << n | b) << n | x];
      eval->bits_class += eval->log_class[frame->klass[j]][x];
      eval->bits_overall += eval->log_overall[x];
    }
  eval->steps += frame->steps;
  if (ds_style_bar_judgeable (columns, frame->steps, n))
    {
      double human = ds_style_bar_log2 (&eval->tables, frame, columns), random;

      ds_style_shuffle (columns, frame->steps, n, &eval->rng);
      random = ds_style_bar_log2 (&eval->tables, frame, columns);
      eval->bars++;
      eval->loop_human += human;
      eval->loop_random += random;
      eval->value_human += ds_style_map (human, eval->random, eval->human);
      eval->value_random += ds_style_map (random, eval->random, eval->human);
      eval->above += human > random;
    }
  return TRUE;
}

void
ds_style_eval_result (const DsStyleEval *eval, DsStyleEvalResult *result)
{
  double steps = eval->steps > 0 ? (double) eval->steps : 1.0;
  double bars = eval->bars > 0 ? (double) eval->bars : 1.0;

  result->steps = eval->steps;
  result->bits_style = eval->bits_style / steps;
  result->bits_class = eval->bits_class / steps;
  result->bits_overall = eval->bits_overall / steps;
  result->bars = eval->bars;
  result->value_human = eval->value_human / bars;
  result->value_random = eval->value_random / bars;
  result->loop_human = eval->loop_human / bars;
  result->loop_random = eval->loop_random / bars;
  result->above = eval->above / bars;
}
