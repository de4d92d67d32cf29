/* resample.h: a loop's voices onto a model's grid of L steps, and back.
 *
 * The pattern-level resampling (nearest step, merges counted) is
 * src/rhythm/resample.h; this side applies it to the voices of a loop.
 */
#pragma once

#include <glib.h>

#include "midi/loop.h"
#include "src/rhythm/resample.h"
#include "src/rhythm/pattern.h"
#include "src/rhythm/voices.h"

G_BEGIN_DECLS

/* Every voice of SRC resampled to LENGTH steps; *N_MERGED (may be NULL)
 * receives the onsets merged away over all voices.  Fails on a bad LENGTH. */
gboolean ds_resample_voices (const DsVoices *src, guint length, DsVoices *dst,
                             guint *n_merged, GError **error);

/* The loop's voices (ds_loop_get_voices) resampled to LENGTH steps, the grid
 * of a model: what agents play against.  *N_MERGED (may be NULL) as above. */
gboolean ds_resample_from_loop (const DsLoop *loop, guint length, DsVoices *voices,
                                guint *n_merged, GError **error);

/* VOICES, of any length (an answer on a model's grid), resampled to the
 * loop's length and set into LOOP (ds_loop_set_voices): ready to export. */
gboolean ds_resample_into_loop (DsLoop *loop, const DsVoices *voices, guint *n_merged,
                                GError **error);

G_END_DECLS
