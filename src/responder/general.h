/* general.h: the bundled general model: agents trained on the bars of real
 * drummers (the Groove MIDI Dataset's train split), which answer any loop of
 * their meter at once, and the start from which a session fine-tunes.
 *
 * It is a small set of ordinary model files, one swarm per meter:
 * general-N-D.dsm (general-4-4.dsm, general-3-4.dsm ...), each one bar of its
 * meter at 4 steps a quarter note, voices kick, snare and hat, all agents, with
 * the default mixes.  The rule: a bar of N/D (any grouping) is answered by
 * general-N-D.dsm; a meter without such a file has no general model.  The
 * files are found as every bundled file is (src/base/data.h, ds_data_find:
 * $DRUMSWARM_DATADIR, the installed pkgdatadir, the source tree's examples/),
 * and examples/make-general-model.sh makes them with `drumswarm train --corpus`.
 *
 * A model starts from the general one (ds_general_start) when it plays the
 * same bar (meter and steps) with the same voices in the same order, and each
 * of its agents is one of the general model's with networks of the same shape
 * and the same reward mix (terms and the scales of their kinds, but for the
 * style and anchors scales): then every agent takes the weights of the
 * general model's agent of its voice (its optimiser starts afresh).  Other
 * mixes are no start: measured on the example loops, agents of the general
 * model fine-tuned for other mixes stayed below fresh agents trained for them
 * (84 to 94 % of coordinate search against 96 to 100 %, even after as many
 * episodes; a session's --density hat=0.8: the hat 95 % against 102 %), so
 * that a model of other mixes trains from scratch.  The style and anchors
 * scales (a session's --style-weight and --anchors-weight, 0 to 3) held:
 * fine-tuned agents came within a per cent of fresh ones, or above them.
 */
#pragma once

#include <glib.h>

#include "agents/model.h"
#include "src/responder/drumswarm.h"
#include "src/rhythm/meter.h"

G_BEGIN_DECLS

/* The file name of the general model of SIGNATURE's meter: "general-4-4.dsm". */
char *ds_general_file_name (const DsSignature *signature);

/* The meters the general model has a swarm for, "3/4, 4/4, 5/8, 6/8" (in the
 * order of their names), or NULL when it has none. */
char *ds_general_meters (void);

/* The general model of SIGNATURE's meter, its path in *PATH (may be NULL);
 * fails with DS_RESPONDER_ERROR_METER, naming the meters it has, when it has
 * no swarm for it, or with the file's error when the file cannot be used. */
DsModel *ds_general_load (const DsSignature *signature, char **path, GError **error);

/* A responder playing the general model of METER's meter (NULL: 4/4) on bars
 * of METER with STEPS steps (0: the model's), as ds_responder_new (NULL, ...);
 * the model file's path in *PATH (may be NULL). */
DsResponder *ds_general_responder_new (const char *meter, guint steps, char **path,
                                       GError **error);

/* Whether MODEL can start from GENERAL (see above); when not, a reason in
 * ERROR (DS_RESPONDER_ERROR_MODEL). */
gboolean ds_general_fits (const DsModel *model, const DsModel *general, GError **error);

/* MODEL's agents take the weights of GENERAL's agents of their voices; fails,
 * changing nothing, as ds_general_fits. */
gboolean ds_general_start (DsModel *model, DsModel *general, GError **error);

/* Whether every agent of MODEL has the reward mix of GENERAL's agent of its
 * voice (the texts and the scales of the kinds of term but style and anchors
 * compared); else *DIFFERENT (may be NULL) receives the voices whose mixes
 * differ, comma-separated. */
gboolean ds_general_same_mixes (const DsModel *model, const DsModel *general, char **different);

G_END_DECLS
