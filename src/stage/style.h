/* style.h: a drumming style learned from human-played loops: how likely a bar
 * is, all its voices together at their metrical positions, for its meter.
 *
 * The model.  A bar is a sequence of columns, one per step of the style's grid
 * (RESOLUTION steps per quarter note; 16 steps for a 4/4 bar at 4): the set of
 * voices (kick, snare, hat, tom, crash, ride, at most DS_STYLE_MAX_VOICES) that
 * sound on the step.  Each column is predicted from three things:
 *   - the step's metrical class, from the meter's hierarchy (src/rhythm/meter.h),
 *     so that one model serves every meter: 0 the downbeat, 1 a strong beat
 *     inside the bar (beat 3 of 4/4), 2 another beat, 3 the beat's first
 *     subdivision (an eighth), 4 the next (a sixteenth), 5 anything finer;
 *   - the column one level-1 span back (half a 4/4 bar, a beat of 3/4 or 6/8):
 *     the step's place in the bar's first subdivision before, and
 *   - the column one beat back (the same place in the previous beat),
 * where "back" is the length of the span before the step's own (in a bar of
 * unequal beats, 7/8 = 2+2+3, the previous group's length).  The conditional
 * distribution of the column is counted on the corpus and smoothed by
 * interpolated Witten-Bell estimation (Witten & Bell 1991, as in Chen & Goodman
 * 1998, "An empirical study of smoothing techniques for language modeling"):
 * (class, half-back, beat-back) backs off to (class, half-back), to (class),
 * to the uniform column.  The contexts were chosen on the Groove MIDI Dataset:
 * on its validation beats they predict 0.83 bits per step better than a
 * per-voice Bernoulli model of each metrical class (kick, snare and hat); the
 * previous column adds almost nothing once these are in.
 *
 * Any subset of the voices.  A style stores the counts of the whole column, so
 * that a stage that has only some of its voices (kick, snare and hat of a
 * six-voice style) is judged by the style of those voices alone: the counts are
 * marginalised (each column projected onto the stage's voices) before
 * smoothing, which is exact for counts.  The voices the stage has and the style
 * does not are not judged.
 *
 * The score of a bar.  A bar is scored as a loop of itself (the columns before
 * its first step are its last ones, as when it repeats): its mean
 * log2-likelihood per step under the style.  The value in [0, 1] maps it
 * linearly between two medians measured on the corpus when the style was
 * fitted, for every subset of the voices: 0 at the median of random bars of
 * the corpus bars' densities (each corpus bar with every voice's onsets
 * shuffled over its steps), 1 at the median of the corpus bars themselves,
 * clamped.  So a bar as likely as a typical human one scores 1 (the term asks
 * for "human enough", not for the single likeliest bar), a random placement
 * of the same onsets about 0.  For one agent's voice this is a judgement of
 * its part given the others: when only that voice changes, the change in the
 * bar's log-likelihood is exactly the change in log P(voice | the others).
 * A likelihood favours sparse bars (an empty bar is very likely): density is
 * left to the mix's density terms; at equal densities the likelier placement
 * always scores at least as high.  A grid of another length is resampled to
 * the style's (nearest step, as midi/resample.h) before it is scored.
 *
 * The file (written by `drumswarm style learn`, see drumswarm.conf(5)) is a
 * checkpoint container (src/base/checkpoint.h: SHA-256 checksummed, written
 * atomically) whose fields say what it is (`format drumswarm-style`, its
 * version), the voices, the resolution, the corpus's size, the counts and the
 * calibration.  Fitting and scoring are deterministic; scoring is
 * allocation-free and thread-safe.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

#define DS_STYLE_VERSION 1
#define DS_STYLE_MAX_VOICES 6
#define DS_STYLE_N_CLASSES 6
#define DS_STYLE_MAX_RESOLUTION 16

#define DS_STYLE_ERROR (ds_style_error_quark ())
typedef enum {
  DS_STYLE_ERROR_FILE,     /* cannot read or write the file */
  DS_STYLE_ERROR_FORMAT,   /* not a style file, corrupt, or impossible content */
  DS_STYLE_ERROR_VERSION,  /* written by a newer drumswarm */
  DS_STYLE_ERROR_VOICES,   /* voices that do not fit the style or the stage */
  DS_STYLE_ERROR_METER,    /* a bar the style's grid cannot hold */
  DS_STYLE_ERROR_EMPTY,    /* a corpus with nothing to learn */
} DsStyleError;

typedef struct _DsStyle DsStyle;
typedef struct _DsStyleFit DsStyleFit;
typedef struct _DsStyleScorer DsStyleScorer;
typedef struct _DsStyleEval DsStyleEval;

GQuark ds_style_error_quark (void);

/* --- the model ------------------------------------------------------------- */

void ds_style_free (DsStyle *style);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStyle, ds_style_free)

/* Its name (`gmd`), voices in order, grid, and what it was fitted on. */
const char *ds_style_name (const DsStyle *style);
guint ds_style_n_voices (const DsStyle *style);
const char *ds_style_voice_name (const DsStyle *style, guint voice);
int ds_style_find_voice (const DsStyle *style, const char *name);
guint ds_style_resolution (const DsStyle *style);
guint ds_style_n_loops (const DsStyle *style);
guint ds_style_n_bars (const DsStyle *style);
guint64 ds_style_n_steps (const DsStyle *style);

/* The longest style name, in bytes. */
#define DS_STYLE_NAME_MAX 64

/* Whether NAME can name a style (printed in tab-separated lines): 1 to
 * DS_STYLE_NAME_MAX bytes of UTF-8 without tabs, newlines or other control
 * characters; else an error that shows NAME escaped. */
gboolean ds_style_check_name (const char *name, GError **error);

/* The share of the corpus's steps of metrical class CLASS on which VOICE
 * sounds, and the share of steps of that class (0 when none). */
double ds_style_density (const DsStyle *style, guint class_, guint voice);
double ds_style_class_share (const DsStyle *style, guint class_);

/* The calibration of the voices in MASK (bit v = voice v, non-zero): the
 * median log2-likelihood per step of random bars (RANDOM) and of the corpus's
 * bars (HUMAN). */
void ds_style_calibration (const DsStyle *style, guint mask, double *random, double *human);

/* A one-line name of metrical class CLASS ("downbeat", "beat" ...). */
const char *ds_style_class_name (guint class_);

/* The steps of a bar of SIGNATURE on a grid of RESOLUTION steps per quarter
 * note (one step per unit when the unit is shorter than a step). */
guint ds_style_grid_steps (const DsSignature *signature, guint resolution);

/* --- the file --------------------------------------------------------------- */

/* The file's bytes, and writing them to PATH atomically. */
GBytes *ds_style_serialise (const DsStyle *style);
gboolean ds_style_save (const DsStyle *style, const char *path, GError **error);

/* Reads a style from DATA (NAME stands for the file in messages) or PATH,
 * refusing a file that is not a style, is truncated or corrupt, was written by
 * a newer drumswarm, or holds impossible content, with one line saying which. */
DsStyle *ds_style_parse (const guint8 *data, gsize size, const char *name, GError **error);
DsStyle *ds_style_load (const char *path, GError **error);

/* A style by what a user writes: a path (with a '/' or ending in .dsstyle),
 * else the name of a bundled style (`gmd`: the file gmd.dsstyle, found by
 * ds_data_find). */
DsStyle *ds_style_open (const char *name_or_path, GError **error);

/* --- fitting ------------------------------------------------------------------ */

/* A fit of the voices NAMES (1 .. DS_STYLE_MAX_VOICES) on a grid of RESOLUTION
 * (1 .. DS_STYLE_MAX_RESOLUTION) steps per quarter note. */
DsStyleFit *ds_style_fit_new (const char *const *names, guint n_voices, guint resolution,
                              GError **error);
void ds_style_fit_free (DsStyleFit *fit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStyleFit, ds_style_fit_free)

/* Counts one bar of SIGNATURE: VOICES[v] is voice v's pattern over the bar (any
 * length; resampled to the style's grid).  CONTINUES: the bar follows the last
 * one added in the same performance (its context), else it starts one. */
gboolean ds_style_fit_add_bar (DsStyleFit *fit, const DsSignature *signature,
                               const DsPattern *voices, gboolean continues, GError **error);

/* The style of every bar added, named NAME, calibrated on those bars; fails when
 * no bar had an onset. */
DsStyle *ds_style_fit_finish (DsStyleFit *fit, const char *name, GError **error);

/* --- scoring a stage ------------------------------------------------------------ */

/* STYLE compiled for a stage on METER whose voices are NAMES: the voices that
 * the style knows are judged together (at least one, else an error naming both
 * lists).  Holds tables of log-probabilities; independent of STYLE afterwards. */
DsStyleScorer *ds_style_scorer_new (const DsStyle *style, const DsMeter *meter,
                                    const char *const *names, guint n_voices, GError **error);
void ds_style_scorer_free (DsStyleScorer *scorer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStyleScorer, ds_style_scorer_free)

/* Where the value reaches 1: SPAN times as far above the random bars' median
 * log2-likelihood as the human bars' median (default 1: a bar as likely as a
 * typical human one scores 1; 2: the human median scores 0.5, and likelier
 * bars than it still score higher, up to twice as far above random).
 * SPAN >= 1. */
void ds_style_scorer_set_span (DsStyleScorer *scorer, double span);

/* The stage PATTERNS (one per voice, the meter's length): the mean over its bars
 * of each bar's value in [0, 1]; allocation-free and thread-safe. */
double ds_style_scorer_value (const DsStyleScorer *scorer, const DsPattern *patterns);

/* The mean over the bars of their log2-likelihood per step (see above). */
double ds_style_scorer_log2 (const DsStyleScorer *scorer, const DsPattern *patterns);

/* The style's name and the stage voices it judges ("gmd: kick snare hat"). */
const char *ds_style_scorer_describe (const DsStyleScorer *scorer);

/* --- judging held-out loops --------------------------------------------------- */

typedef struct {
  guint64 steps;            /* steps predicted */
  double bits_style;        /* mean log2-likelihood per step under the style */
  double bits_class;        /* ... under per-voice Bernoulli at the corpus density of
                             * each metrical class (the density-only model) */
  double bits_overall;      /* ... under per-voice Bernoulli at the overall density */
  guint bars;               /* bars with an onset, each judged against a shuffle */
  double value_human;       /* their mean value */
  double value_random;      /* the mean value of the same bars, each voice shuffled */
  double loop_human;        /* their mean log2-likelihood per step as loops */
  double loop_random;
  double above;             /* the share of bars likelier than their shuffle */
} DsStyleEvalResult;

/* A judgement of loops by STYLE, for the voices NAMES (a subset of the
 * style's, in any order; NULL: all of them). SEED draws the shuffles. */
DsStyleEval *ds_style_eval_new (const DsStyle *style, const char *const *names, guint n_voices,
                                guint64 seed, GError **error);
void ds_style_eval_free (DsStyleEval *eval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStyleEval, ds_style_eval_free)

/* As ds_style_fit_add_bar, VOICES in the order of the style's voices (all of
 * them; the ones not judged are ignored). */
gboolean ds_style_eval_add_bar (DsStyleEval *eval, const DsSignature *signature,
                                const DsPattern *voices, gboolean continues, GError **error);
void ds_style_eval_result (const DsStyleEval *eval, DsStyleEvalResult *result);

G_END_DECLS
