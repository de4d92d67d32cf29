/* measure.h: measures of one pattern (rhythmic complexity, syncopation, density ...).
 *
 * A measure is a DsMeasureClass: a name (as on the command line and in the
 * config), a one-line summary, its citation and a function that computes the
 * value of one bar of a looped pattern.  The bar functions follow the published
 * definitions in the conventions of /work/shared/reference/MEASURES.md: a
 * pattern is a loop (the bar's last note runs into the next bar's first onset;
 * for a one-bar pattern the next and previous bar are the bar itself) and values
 * are computed on the full grid.
 *
 * Several bars: each bar is measured with its real neighbours in the loop, and
 * the bar values are SUMMED (lhl, metrical, off-beatness, keith, pressing,
 * sioros-guedes), or, for a measure that is a mean, combined as the mean
 * sum(num) / sum(den) of the bars' numerators and denominators (wnbd: the mean
 * over every note of the loop; evenness: the mean over bars; density: onsets
 * over steps of the whole loop).
 *
 * Normalised values (see normalise.h) map the raw value to [0, 1] by the exact
 * minimum and maximum over every pattern of the bar's signature and length.
 *
 * Adding a measure: write src/measure-NAME.c (and .h) defining one
 *   const DsMeasureClass ds_measure_NAME = { .name = "NAME", ... };
 * fill in at least name, summary, citation and bar or loop (and covers when
 * the definition does not cover every meter, bound when it can meet grids
 * longer than 24 steps), then add &ds_measure_NAME to the table in
 * src/measure.c and the files to Makefile.am.  The name `shmulevich-povel` is reserved for
 * src/measure-shmulevich-povel.c.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

#define DS_MEASURE_ERROR (ds_measure_error_quark ())
typedef enum {
  DS_MEASURE_ERROR_UNKNOWN,    /* no measure or relation of that name */
  DS_MEASURE_ERROR_UNDEFINED,  /* the definition does not cover this pattern or meter */
} DsMeasureError;

/* One bar of a looped pattern, as a measure's bar function sees it. */
typedef struct {
  const DsPattern *loop;          /* the whole pattern (a loop of meter's length) */
  const DsMeter *meter;           /* the loop's meter */
  const DsBar *info;              /* the bar: signature, start, steps, n_levels, beat_level */
  guint bar;                      /* its index in the meter */
  guint start;                    /* its first step in the loop */
  guint steps;                    /* its length */
  const guint *level;             /* level[k]: the metrical level of step start + k */
  guint n_onsets;                 /* onsets in the bar */
  guint onsets[DS_PATTERN_MAX_STEPS]; /* their steps, relative to start, increasing */
} DsMeasureBar;

/* What a bar's value reads beyond the bar's own onsets. */
typedef enum {
  DS_MEASURE_NEIGHBOURS_ANY = 0,       /* anything of the loop (the default) */
  DS_MEASURE_NEIGHBOURS_NONE,          /* nothing */
  DS_MEASURE_NEIGHBOURS_PREVIOUS_LAST, /* the level of the previous bar's last onset */
} DsMeasureNeighbours;

typedef struct {
  const char *name;      /* as on the command line, e.g. "lhl" */
  const char *summary;   /* one line for `score --list` */
  const char *citation;  /* author(s), year, title (for the man page and --list) */
  gboolean mean;         /* bars combine as sum(num) / sum(den) rather than sum(num) */
  gboolean integer;      /* raw values are integers */
  DsMeasureNeighbours neighbours; /* what of the loop beyond the bar its value
                                   * reads (lets long uniform grids use tables
                                   * of one bar) */
  /* Whether the definition covers BAR's signature and length (NULL: every one);
   * on FALSE, ERROR says why. */
  gboolean (*covers) (const DsMeasureBar *bar, GError **error);
  /* The raw value of BAR in the looped convention: *NUM, and for mean measures
   * *DEN (0 when the bar adds nothing to the mean).  Never fails once covers
   * passed; empty and full bars are defined. */
  void (*bar) (const DsMeasureBar *bar, double *num, double *den);
  /* Instead of bar, for a measure defined on the whole loop rather than bar by
   * bar: the raw value of PATTERN on METER.  Its range and bound then get the
   * view of bar 0 (view->meter is the whole grid), and normalisation enumerates
   * every pattern of the whole grid when it has at most 24 steps. */
  double (*loop) (const DsPattern *pattern, const DsMeter *meter);
  /* The exact range of one looped bar of BAR's signature and length, when known
   * without enumeration (NULL: enumerate; see normalise.h). */
  void (*range) (const DsMeasureBar *bar, double *min, double *max);
  /* A proven bound of one looped bar's range (*MIN <= every value <= *MAX):
   * the range of bars too long to enumerate, and the exact range of shorter
   * ones when patterns reach it (see normalise.h). */
  void (*bound) (const DsMeasureBar *bar, double *min, double *max);
} DsMeasureClass;

/* Kept for the callers of the first version: a measure is its class. */
typedef DsMeasureClass DsMeasureInfo;

GQuark ds_measure_error_quark (void);

/* Onsets in a word: the popcnt instruction when the build targets it, else an
 * inline SWAR count (libgcc's __popcountdi2 is a call, too slow for inner loops). */
static inline guint
ds_measure_popcount (uint64_t x)
{
#ifdef __POPCNT__
  return (guint) __builtin_popcountll (x);
#else
  x = x - ((x >> 1) & UINT64_C (0x5555555555555555));
  x = (x & UINT64_C (0x3333333333333333)) + ((x >> 2) & UINT64_C (0x3333333333333333));
  x = (x + (x >> 4)) & UINT64_C (0x0f0f0f0f0f0f0f0f);
  return (guint) ((x * UINT64_C (0x0101010101010101)) >> 56);
#endif
}

/* The greatest common divisor of A and B (binary GCD, Stein: no divisions,
 * which dominated the enumerations of pressing and off-beatness). */
static inline guint
ds_measure_gcd (guint a, guint b)
{
  guint shift;

  if (a == 0 || b == 0)
    return a | b;
  shift = (guint) __builtin_ctz (a | b);
  a >>= __builtin_ctz (a);
  do
    {
      b >>= __builtin_ctz (b);
      if (a > b)
        {
          guint t = a;

          a = b;
          b = t;
        }
      b -= a;
    }
  while (b != 0);
  return a << shift;
}

/* The measure named NAME, or NULL. */
const DsMeasureClass *ds_measure_find (const char *name);

/* The measures in the order of `score --list`. */
guint ds_measure_count (void);
const DsMeasureClass *ds_measure_nth (guint index);

const char *ds_measure_name (const DsMeasureClass *measure);
const char *ds_measure_summary (const DsMeasureClass *measure);

/* Fills VIEW for bar BAR of LOOP on METER (whose length is LOOP's). */
void ds_measure_bar_init (DsMeasureBar *view, const DsPattern *loop, const DsMeter *meter,
                          guint bar);

/* Steps from step START + K of VIEW's bar to the next onset of the loop after
 * it (cyclic; the loop's length when it is the loop's only onset). */
guint ds_measure_bar_next_onset (const DsMeasureBar *view, guint k);

/* Whether MEASURE's definition covers every bar of METER (ERROR says why not). */
gboolean ds_measure_covers (const DsMeasureClass *measure, const DsMeter *meter,
                            GError **error);

/* The raw value of PATTERN on METER (METER NULL: 4/4 as ds_meter_new_for_length
 * gives it for the pattern's length). */
gboolean ds_measure_raw (const DsMeasureClass *measure, const DsPattern *pattern,
                         const DsMeter *meter, double *value, GError **error);

/* The raw value without checks (the caller ran ds_measure_covers on METER). */
double ds_measure_raw_unchecked (const DsMeasureClass *measure, const DsPattern *pattern,
                                 const DsMeter *meter);

/* The value normalised to [0, 1] (see normalise.h). */
gboolean ds_measure_normalised (const DsMeasureClass *measure, const DsPattern *pattern,
                                const DsMeter *meter, double *value, GError **error);

G_END_DECLS
