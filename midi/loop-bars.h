/* loop-bars.h: a drum loop's bars on a model's grid, and the answer back.
 *
 * A model plays a grid of L steps, one bar long; a user's loop has bars of any
 * meter and any number of them.  So the loop is cut into its bars, each bar's
 * voices resampled to L steps (midi/resample.h: exact when one length divides
 * the other, nearest step otherwise, merges counted), the agents answer every
 * bar from that bar's own patterns with its other voices as context, and each
 * answer is resampled back onto its bar.  Onsets the answer keeps where the
 * loop played them keep how they were played (timing and velocity); new ones
 * take the loop's groove at export.
 *
 * (The bars go to the agents through the responder, src/responder/; this side
 * knows only loops and patterns.)
 */
#pragma once

#include <glib.h>

#include "midi/loop.h"
#include "src/stage/bars.h"

G_BEGIN_DECLS

/* The steps of the loop's most common bar length (the first on a tie): the grid
 * a session trains on.  Its meter: that bar's signature. */
guint ds_loop_bars_grid_length (const DsLoop *loop);
DsMeter *ds_loop_bars_grid_meter (const DsLoop *loop, GError **error);

/* The bars of LOOP by meter (numerator and denominator; any grouping): one
 * GArray of bar numbers (guint, from 0, in order) per meter, in the order of
 * their first bars.  A loop of several meters is answered in these parts,
 * each from its own bars among the first N_OWN (the file's, before those of
 * --bars): fails for a meter with none. */
GPtrArray *ds_loop_bars_by_meter (const DsLoop *loop, guint n_own, GError **error);

/* Voice NAME of bar B of LOOP on the bar's own steps (empty when the loop has
 * no such voice). */
void ds_loop_bars_voice (const DsLoop *loop, const char *name, guint b, DsPattern *out);

/* The bars of LOOP for the voices NAMES (absent ones empty) on a grid of LENGTH. */
DsBars *ds_loop_bars_new (const DsLoop *loop, const char *const *names, guint n_voices,
                          guint length, GError **error);

/* The bars AT[0] .. AT[N - 1] of LOOP (in that order) for the voices NAMES on a
 * grid of LENGTH, their merges counted (a part of a loop that one swarm answers:
 * the bars of one meter). */
DsBars *ds_loop_bars_pick (const DsLoop *loop, const char *const *names, guint n_voices,
                           guint length, const guint *at, guint n, GError **error);

/* Writes the voices REPLACE[v] of ANSWER (bars as in LOOP, voices NAMES) into
 * LOOP, each bar resampled back to its steps; *N_MERGED (may be NULL) receives
 * the onsets merged on the way back. */
gboolean ds_loop_bars_write (const DsBars *answer, const char *const *names,
                             const gboolean *replace, DsLoop *loop, guint *n_merged,
                             GError **error);

/* The same for an ANSWER to the bars AT[0] .. (ds_loop_bars_pick's): its bar
 * B goes to the loop's bar AT[B], the other bars keep what they have. */
gboolean ds_loop_bars_write_at (const DsBars *answer, const guint *at, const char *const *names,
                                const gboolean *replace, DsLoop *loop, guint *n_merged,
                                GError **error);

/* Each voice NAMES[v]'s grid in BEFORE and AFTER, bars separated by `|`, as
 * lines `before<TAB>kick<TAB>x...|x...` and `after<TAB>kick<TAB>...`. */
char *ds_loop_bars_grids_to_string (const DsLoop *before, const DsLoop *after,
                                    const char *const *names, guint n_voices);

G_END_DECLS
