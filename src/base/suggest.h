/* suggest.h: "did you mean": the closest known name to a mistyped one.
 *
 * Commands, config keys and groups, measure names and voices all answer a
 * misspelt name with the closest known one, by Levenshtein edit distance (a
 * prefix of a known name counts as distance 0).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The candidate closest to NAME by edit distance, or NULL when none is close
 * (more than max(2, length / 3) edits away). */
const char *ds_suggest (const char *name, const char *const *candidates, guint n);

G_END_DECLS
