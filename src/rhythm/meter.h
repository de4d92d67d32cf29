/* meter.h: how the steps of a grid group into bars, beats and subdivisions.
 *
 * A meter is a sequence of bars, each with its own time signature N/D, its
 * grouping of the N denominator units into beats (2+2+3 for 7/8) and its number
 * of steps.  From these it builds the metrical hierarchy of every bar, the
 * recursive subdivision of Lerdahl & Jackendoff (1983) and Longuet-Higgins & Lee
 * (1984): the bar (level 0), then the beat groups, then the denominator units,
 * then the steps, each level splitting its parent by 2 or 3.  The hierarchy for
 * the usual meters is SynPy's (Song, Harte & Pearce 2015):
 *   2/4 = [1,2,2,2]  3/4 = [1,3,2,2]  4/4 = [1,2,2,2,2]  6/8 = [1,2,3,2]
 *   12/8 (12 steps) = [1,2,2,3]
 * Finer grids continue the hierarchy below the unit as SynPy does, every
 * further level splitting every step in two: 4/4 at 32 steps (8 per quarter)
 * = [1,2,2,2,2,2], 3/4 at 24 = [1,3,2,2,2], 6/8 at 24 = [1,2,3,2,2], 2/4 at
 * 16 = [1,2,2,2,2]; a unit of 3, 6 or 12 steps (triplets) splits by 3 first,
 * then by 2s.
 * A step's level is the level at which it first becomes a node boundary; its
 * Longuet-Higgins & Lee weight is -level and its Toussaint weight
 * n_levels - level (4/4 at 16 steps: 5 1 2 1 3 1 2 1 4 1 2 1 3 1 2 1).
 *
 * Text form of a time signature: `N/D`, optionally with a grouping of the N
 * units: `7/8:2+2+3`.  Without one, x/2 and x/4 bars beat in their units, x/8
 * and x/16 bars with N a multiple of 3 (6/8, 9/8, 12/8) in dotted groups of 3,
 * and other x/8 bars in 2s with a final 3 (5/8 = 2+3, 7/8 = 2+2+3).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_METER_ERROR (ds_meter_error_quark ())
typedef enum {
  DS_METER_ERROR_SYNTAX,    /* text that is not N/D[:a+b+...] */
  DS_METER_ERROR_VALUE,     /* numbers out of range */
  DS_METER_ERROR_GRID,      /* steps that do not divide the bar's units */
} DsMeterError;

#define DS_METER_MAX_GROUPS 32
#define DS_METER_MAX_STEPS 256

typedef struct {
  guint numerator;                      /* units per bar */
  guint denominator;                    /* unit: 1/denominator of a whole note */
  guint n_groups;                       /* beats (groups of units) per bar */
  guint groups[DS_METER_MAX_GROUPS];    /* units per group, summing to numerator */
} DsSignature;

typedef struct {
  DsSignature signature;
  guint start;       /* first step of the bar in the grid */
  guint steps;       /* steps in the bar */
  guint n_levels;    /* depth of the bar's hierarchy: its highest level + 1 */
  guint beat_level;  /* the level of the beat (group) boundaries */
} DsBar;

typedef struct _DsMeter DsMeter;

GQuark ds_meter_error_quark (void);

/* Parses `N/D` or `N/D:a+b+c` (numerator 1..32, denominator 1, 2, 4, 8, 16, 32). */
gboolean ds_meter_parse_signature (const char *text, DsSignature *signature, GError **error);

/* The signature as text; the grouping is shown only when it is not the default. */
char *ds_signature_to_string (const DsSignature *signature);

/* Whether two signatures are the same, grouping included. */
gboolean ds_signature_equal (const DsSignature *a, const DsSignature *b);
/* Whether A and B are the same meter, N/D, however their beats are grouped
 * (7/8 as 2+2+3 or 3+2+2): one general model, one part of a loop. */
gboolean ds_signature_same_meter (const DsSignature *a, const DsSignature *b);

/* An empty meter (no bars); add bars with ds_meter_add_bar(). */
DsMeter *ds_meter_new (void);

/* Appends a bar of STEPS steps with SIGNATURE; fails when the steps do not
 * subdivide the bar's units evenly or the grid would pass DS_METER_MAX_STEPS. */
gboolean ds_meter_add_bar (DsMeter *meter, const DsSignature *signature, guint steps,
                           GError **error);

/* N_BARS bars of the signature TEXT, STEPS_PER_BAR steps each. */
DsMeter *ds_meter_new_bars (const char *text, guint steps_per_bar, guint n_bars,
                            GError **error);

/* The meter of a pattern of LENGTH steps in the signature TEXT (NULL = 4/4): as
 * many bars as the length holds at 4 steps per quarter note (16 per 4/4 bar;
 * one step per 32nd for N/32, 32 per 32/32 bar), and one bar of LENGTH steps
 * when it does not hold a whole number of them. */
DsMeter *ds_meter_new_for_length (const char *text, guint length, GError **error);

/* The steps of one bar of SIGNATURE on a grid of STEPS_PER_QUARTER steps per
 * quarter note (4: 16 per 4/4 bar, 12 per 6/8 bar; 8: 32 and 24), or 0 when
 * its units would not be whole steps (7/8 at 1 per quarter). */
guint ds_signature_steps (const DsSignature *signature, guint steps_per_quarter);

/* The meter of a pattern of LENGTH steps in the signature TEXT (NULL = 4/4) on
 * a grid of STEPS_PER_QUARTER steps per quarter note: LENGTH must be whole
 * bars of that grid (else DS_METER_ERROR_GRID says why). */
DsMeter *ds_meter_new_for_resolution (const char *text, guint steps_per_quarter, guint length,
                                      GError **error);

/* A copy. */
DsMeter *ds_meter_copy (const DsMeter *meter);

void ds_meter_free (DsMeter *meter);

/* Total steps, and bars. */
guint ds_meter_length (const DsMeter *meter);
guint ds_meter_n_bars (const DsMeter *meter);
const DsBar *ds_meter_bar (const DsMeter *meter, guint bar);

/* The bar that holds STEP. */
guint ds_meter_bar_of_step (const DsMeter *meter, guint step);

/* Metrical level of STEP: 0 at a bar start, higher for weaker steps. */
guint ds_meter_level (const DsMeter *meter, guint step);

/* All levels, one per step. */
const guint *ds_meter_levels (const DsMeter *meter);

/* Toussaint's metrical weight of STEP: its bar's n_levels - level (>= 1). */
guint ds_meter_weight (const DsMeter *meter, guint step);

/* Longuet-Higgins & Lee weight of STEP: -level. */
int ds_meter_lhl_weight (const DsMeter *meter, guint step);

/* Whether STEP starts a beat (its level is at most its bar's beat level). */
gboolean ds_meter_is_beat (const DsMeter *meter, guint step);

/* Whether every bar has the same signature and length. */
gboolean ds_meter_is_uniform (const DsMeter *meter);

/* "4/4" for a uniform meter, else the bars' signatures joined by "," with
 * repeats collapsed ("5/4,7/8"). */
char *ds_meter_to_string (const DsMeter *meter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsMeter, ds_meter_free)

G_END_DECLS
