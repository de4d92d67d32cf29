/* reward-private.h: the compiled form of a reward mix, shared by reward.c
 * (scoring) and reward-parse.c (the mix syntax).  Not a public header. */
#pragma once

#include "src/rhythm/anchors.h"
#include "src/rhythm/measure.h"
#include "src/rhythm/normalise.h"
#include "src/rhythm/relation.h"
#include "src/stage/reward.h"

G_BEGIN_DECLS

/* How ds_reward_score evaluates a term, chosen once when the mix is set. */
typedef enum {
  DS_REWARD_PATH_COMPUTE,   /* the measure, computed */
  DS_REWARD_PATH_TABLE,     /* the float table of every pattern */
  DS_REWARD_PATH_RAW8,      /* the byte table of raw values */
  DS_REWARD_PATH_BARS,      /* the mean of the bars' table values */
  DS_REWARD_PATH_CONTEXT,   /* the sum of the bars' raw values after their previous bar */
  DS_REWARD_PATH_DENSITY,   /* a popcount */
  DS_REWARD_PATH_RELATION,  /* ds_relation_value */
  DS_REWARD_PATH_WORD,      /* a relation of one-word grids, inline */
  DS_REWARD_PATH_ANCHORS,   /* anchors(loop): two popcounts a word */
  DS_REWARD_PATH_STYLE,     /* a style's value of the stage (reward-style.c) */
} DsRewardPath;

typedef struct {
  DsRewardPath path;
  DsRelationKind kind;             /* the relation's, for DS_REWARD_PATH_WORD */
  double weight;
  char name[32];                   /* the measure's, relation's or function's name
                                    * inside target(): what reward.c's table of
                                    * kinds looks up */
  DsRewardKind term_kind;          /* what a knob turns */
  double scaled;                   /* weight times the scale of its kind */
  gboolean relation;               /* a relation term, else a measure term */
  gboolean has_target;             /* target(X, T): 1 - |X - T| */
  double target;
  const DsMeasureClass *measure;   /* measure terms */
  DsNormaliseRange range;
  const float *table;              /* every pattern's value, grids <= 16 steps */
  const guint8 *raw8;              /* or, for integer measures, every raw value */
  double raw8_min, raw8_scale;     /* value = (raw - min) * scale, clamped */
  const float *bar_table;          /* every bar's value, uniform grids of context-free
                                    * measures with bars of <= 16 steps */
  const guint8 *context8;          /* rows of raw bar values by the previous bar's
                                    * last onset (lhl on uniform grids) */
  const guint *levels;             /* the grid's levels (the reward's meter) */
  guint bar_steps, n_bars;
  DsRelation rel;                  /* relation terms */
  int other;                       /* the other voice's index */
  gboolean other_in_loop;          /* the other pattern is the loop's */
  struct _DsStyleScorer *style;    /* style terms (owned) */
  char *text;                      /* canonical, with the weight */
  /* anchors(loop[, LEVEL]) (reward-anchors.c): the loop's hits of voice
   * `other` on anchor_mask, the steps of LEVEL and stronger */
  gboolean anchors;
  uint64_t anchor_mask[DS_PATTERN_WORDS];
} DsRewardTerm;

typedef struct {
  DsRewardTerm *terms;
  guint n_terms;
  double weight_sum;
  double scaled_sum;               /* the terms' scaled weights, summed in order */
  double scaled_sum_without_loop;  /* less the terms on the loop, for when there is none */
  gboolean needs_loop;
  char *text;
} DsRewardMix;

/* Parses TEXT into MIX for voice VOICE of a stage of N_VOICES named NAMES on
 * METER; messages begin with WHERE. */
gboolean ds_reward_mix_parse (DsRewardMix *mix, const char *text, const char *where,
                              const DsMeter *meter, const char *const *names, guint n_voices,
                              guint voice, GError **error);

void ds_reward_mix_clear (DsRewardMix *mix);

/* Compiles anchors(ARGS[0][, ARGS[1]]) into TERM for voice VOICE on METER
 * (reward-anchors.c); ERROR's message says what was expected, without the
 * term's place. */
gboolean ds_reward_anchors_compile (DsRewardTerm *term, const DsMeter *meter, guint voice,
                                    char *const *args, guint n_args, GError **error);
/* reward-style.c: compiles `style` (ARGUMENT NULL: the bundled default) or
 * `style(NAME or FILE)` into TERM for a stage of N_VOICES named NAMES on METER. */
gboolean ds_reward_style_compile (DsRewardTerm *term, const char *argument, const DsMeter *meter,
                                  const char *const *names, guint n_voices, GError **error);

/* TERM's value on the stage PATTERNS. */
double ds_reward_style_value (const DsRewardTerm *term, const DsPattern *patterns);

G_END_DECLS
