/* style-private.h: what the style's files share (style.c: the model and its
 * tables; style-file.c: the file; style-fit.c: counting and calibration;
 * style-score.c: scoring stages and held-out loops).  Not a public header. */
#pragma once

#include "src/base/rng.h"
#include "src/rhythm/voices.h"
#include "src/stage/style.h"

G_BEGIN_DECLS

/* A count of the columns X after the context (CLASS, HALF, BEAT): KEY packs
 * the four as ((class * 2^n + half) * 2^n + beat) * 2^n + x for n voices. */
typedef struct {
  guint32 key;
  guint32 n;
} DsStyleCount;

#define DS_STYLE_MASKS (1u << DS_STYLE_MAX_VOICES)

struct _DsStyle {
  char *name;
  guint n_voices;
  char voices[DS_STYLE_MAX_VOICES][DS_VOICE_NAME_MAX];
  guint resolution;
  guint n_loops, n_bars;
  guint64 n_steps;
  DsStyleCount *counts;      /* sorted by key, each n > 0 */
  guint n_counts;
  double random[DS_STYLE_MASKS], human[DS_STYLE_MASKS]; /* calibration by voice mask */
};

/* The metrical frame of one bar on the style's grid: each step's class, how far
 * back its two context columns lie in a performance (0: none, an empty
 * column), and where they lie when the bar is a loop of itself (an index into
 * the bar's columns; STEPS: none, the empty column the caller keeps there). */
typedef struct {
  guint steps;
  guint8 klass[DS_METER_MAX_STEPS];
  guint16 back_half[DS_METER_MAX_STEPS];
  guint16 back_beat[DS_METER_MAX_STEPS];
  guint16 loop_half[DS_METER_MAX_STEPS];
  guint16 loop_beat[DS_METER_MAX_STEPS];
} DsStyleFrame;

/* The frame of a bar of SIGNATURE at RESOLUTION; fails when the grid's bar
 * would pass DS_METER_MAX_STEPS steps. */
gboolean ds_style_frame_init (DsStyleFrame *frame, const DsSignature *signature,
                              guint resolution, GError **error);

/* The frames of the signatures met so far, made on first use. */
typedef struct {
  guint resolution;
  GArray *signatures;  /* DsSignature */
  GPtrArray *frames;   /* DsStyleFrame, one per signature */
} DsStyleFrames;

void ds_style_frames_init (DsStyleFrames *frames, guint resolution);
void ds_style_frames_clear (DsStyleFrames *frames);
/* The frame of SIGNATURE's bars, or NULL on error. */
const DsStyleFrame *ds_style_frames_get (DsStyleFrames *frames, const DsSignature *signature,
                                         GError **error);

/* The context of step J of FRAME's bar in a performance whose columns are
 * HISTORY, the bar's step J being HISTORY[T]: the columns a half span and a
 * beat back (empty before the performance starts). */
static inline void
ds_style_context (const DsStyleFrame *frame, const guint8 *history, guint t, guint j, guint *half,
                  guint *beat)
{
  guint h = frame->back_half[j], b = frame->back_beat[j];

  *half = h > 0 && t >= h ? history[t - h] : 0;
  *beat = b > 0 && t >= b ? history[t - b] : 0;
}

/* Smoothed log2-probabilities of a projection of the style onto the voices of
 * MASK (n = their number; bit i of a column = the i-th voice of MASK in the
 * style's order): logp[((class * 2^n + half) * 2^n + beat) * 2^n + x]. */
typedef struct {
  guint n;
  float *logp;
} DsStyleTables;

void ds_style_tables_init (DsStyleTables *tables, const DsStyle *style, guint mask);
void ds_style_tables_clear (DsStyleTables *tables);

/* The column COLUMN of the style's voices projected onto MASK. */
guint ds_style_project (guint column, guint mask);

/* The mean log2-likelihood per step of one bar as a loop of itself (see
 * style.h), given its projected columns COLUMNS (FRAME->steps of them and an
 * empty one after them). */
double ds_style_bar_log2 (const DsStyleTables *tables, const DsStyleFrame *frame,
                          const guint8 *columns);

/* A bar's log2-likelihood per step mapped to [0, 1] by the calibration
 * (RANDOM, HUMAN). */
double ds_style_map (double bits, double random, double human);

/* The columns of one bar on the style's grid of STEPS steps: bit v of
 * COLUMNS[j] when VOICES[v] (of N voices) has an onset that resamples to j. */
void ds_style_columns (const DsPattern *voices, guint n, guint steps, guint8 *columns);

/* Every voice's onsets of a bar shuffled over its steps (COLUMNS in place). */
void ds_style_shuffle (guint8 *columns, guint steps, guint n, DsRng *rng);

/* Whether the bar has a placement to judge: some voice with onsets on some but
 * not all of its steps. */
gboolean ds_style_bar_judgeable (const guint8 *columns, guint steps, guint n);

G_END_DECLS
