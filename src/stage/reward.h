/* reward.h: the reward mixes of a stage's voices (the score an agent maximises).
 *
 * A voice's mix is a weighted sum of terms, written as in DESIGN.md and
 * drumswarm.conf(5):
 *
 *   0.5 anti-coincidence(kick) + 0.3 target(lhl, 0.4) + 0.2 density-target(0.25)
 *
 * A term is an optional positive WEIGHT (default 1, optionally followed by
 * `*`) and one of
 *   MEASURE                      the voice's normalised measure (lhl, evenness ...)
 *   RELATION(OTHER[, ARG])       a relation (relation.h) to voice OTHER; OTHER =
 *                                `loop` is the same voice of the user's loop,
 *                                `loop.VOICE` voice VOICE of the loop
 *   target(X, T)                 1 - |X - T|, X a measure or relation term and T
 *                                in [0, 1]: "this much", not "the most"
 *   density-target(T)            target(density, T)
 *   anchors(loop[, LEVEL])       the share of the loop's hits of this voice on
 *                                the meter's LEVEL (bar, beat: the default,
 *                                pulse) and stronger that the voice keeps
 *                                (src/rhythm/anchors.h)
 * The score is the weighted sum divided by the sum of the weights, so it lies
 * in [0, 1].  Terms that need the user's loop are left out (weights included)
 * when no loop is given.  Mixes are compiled once: tables of every pattern's
 * value for grids of at most 16 steps, and for longer grids of equal bars of
 * at most 16 steps tables of one bar (by the previous bar's last onset for
 * lhl); other measures are computed, in double precision, and normalised by
 * the same ranges (normalise.h): bars of finer grids (32 steps a 4/4 bar at 8
 * per quarter, 24 a 3/4 or 6/8 bar) take that path, exact as `score` prints
 * it, at the cost of computing.  ds_reward_score is then allocation-free,
 * lock-free and thread-safe.
 */
#pragma once

#include <glib.h>

#include "src/base/config.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

#define DS_REWARD_ERROR (ds_reward_error_quark ())
typedef enum {
  DS_REWARD_ERROR_SYNTAX,   /* a mix that does not parse */
  DS_REWARD_ERROR_UNKNOWN,  /* an unknown measure, relation or voice */
  DS_REWARD_ERROR_VALUE,    /* a weight or argument out of range */
  DS_REWARD_ERROR_VOICES,   /* bad voice names for the stage */
  DS_REWARD_ERROR_UNDEFINED, /* a measure that does not cover the stage's meter */
} DsRewardError;

typedef struct _DsReward DsReward; /* compiled reward mixes of every voice of one stage */

/* The kinds of term a musician turns up or down as one (the responder's knobs,
 * drumswarm.h's DsKnob, in the same order).  Every term has one kind, from the
 * table in reward.c: similarity and other relations to the user's loop are
 * LOOP; density and density-target, and density-ratio, DENSITY; relations to
 * another voice INTERPLAY; anchors(loop) ANCHORS; the other measures and their
 * targets COMPLEXITY. */
typedef enum {
  DS_REWARD_KIND_LOOP,
  DS_REWARD_KIND_COMPLEXITY,
  DS_REWARD_KIND_DENSITY,
  DS_REWARD_KIND_INTERPLAY,
  DS_REWARD_KIND_STYLE,
  DS_REWARD_KIND_ANCHORS,
  DS_REWARD_N_KINDS
} DsRewardKind;

GQuark ds_reward_error_quark (void);

/* The voices of the stage in order (names as in DsVoices), on METER (its
 * length = L; copied). */
DsReward *ds_reward_new (const DsMeter *meter, const char *const *voice_names, guint n_voices,
                         GError **error);
void ds_reward_free (DsReward *reward);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsReward, ds_reward_free)

/* The terms of the mix TEXT: its pieces between the '+' signs outside
 * parentheses, stripped of blanks (empty ones too), NULL-terminated. */
char **ds_reward_split_terms (const char *text);

/* Sets voice V's mix from TEXT; WHERE names its source for messages
 * ("swarm.conf:12", "--reward").  Builds whatever tables scoring needs.  On
 * error the voice keeps its previous mix. */
gboolean ds_reward_set_mix (DsReward *reward, guint voice, const char *text, const char *where,
                            GError **error);

/* Reads every voice group's `reward` key of CONFIG ([kick] reward = ...). */
gboolean ds_reward_load_config (DsReward *reward, const DsConfig *config, GError **error);

/* For a stage of REWARD's voices: fails, naming file:line, when CONFIG has a
 * group that is neither one of ds_config_known_groups nor a voice, with a "did
 * you mean" (a misspelt [snarre] left the snare on its default mix, silently),
 * or saying that the stage has no such voice ([hat] on a stage of kick and
 * snare); or when a voice's group has a key that no module reads. */
gboolean ds_reward_check_groups (const DsReward *reward, const DsConfig *config,
                                 GError **error);

gboolean ds_reward_has_mix (const DsReward *reward, guint voice);
/* The canonical text of voice V's mix (NULL without one). */
const char *ds_reward_mix_text (const DsReward *reward, guint voice);

/* Whether voice V's mix has a term on the user's loop. */
gboolean ds_reward_needs_loop (const DsReward *reward, guint voice);

/* A default mix for a voice name (kick, snare, hat, tom, crash, ride; any other
 * name gets a generic one), in the mix syntax; relations in it name only voices
 * in VOICE_NAMES.  Each pairs similarity to the loop with complexity and
 * density targets.  Caller frees. */
char *ds_reward_default_mix (const char *voice, const char *const *voice_names,
                             guint n_voices);

/* The default mix of a fill bar for a voice name (session --fill-every): the
 * kit's, or the generic one.  Caller frees. */
char *ds_reward_default_fill_mix (const char *voice);

/* Voice V's score in [0, 1] on the stage PATTERNS[0 .. n_voices - 1]; LOOP is
 * the user's loop (n_voices patterns, the same voice order) for terms on the
 * loop, or NULL.  0 for a voice without a mix.  Thread-safe, allocation-free. */
double ds_reward_score (const DsReward *reward, guint voice, const DsPattern *patterns,
                        const DsPattern *loop);

/* The mix's own terms beside the measures and relations (target,
 * density-target, anchors): their usage ("anchors(loop[, LEVEL])") and a
 * one-line summary, for `score --list`. */
guint ds_reward_function_count (void);
const char *ds_reward_function_usage (guint index);
const char *ds_reward_function_summary (guint index);

/* What the name NAME means in a mix (a measure, a relation or one of the
 * mix's own terms): its usage ("lhl", "similarity(VOICE)", "anchors(loop[,
 * LEVEL])") and its one-line summary, as `score --list` says them (the
 * caller's string USAGE is filled, SUMMARY points at the table); FALSE for a
 * name that is none of them. */
gboolean ds_reward_term_describe (const char *name, GString *usage, const char **summary);

/* Scales every term of KIND in voice V's mix by FACTOR (>= 0; 1 as written,
 * 0 leaves such terms out, their weights included): the score stays a
 * weighted mean, of the scaled weights.  The scales outlive ds_reward_set_mix.
 * Allocation-free and bounded (a pass over the mix's terms): a live host may
 * turn knobs between two answers, not during one. */
void ds_reward_set_kind_scale (DsReward *reward, guint voice, DsRewardKind kind, double factor);
double ds_reward_kind_scale (const DsReward *reward, guint voice, DsRewardKind kind);

/* The kind of term I of voice V's mix. */
DsRewardKind ds_reward_term_kind (const DsReward *reward, guint voice, guint term);

/* The terms of voice V's mix, for reports (`score --reward`). */
guint ds_reward_n_terms (const DsReward *reward, guint voice);
/* Term I's canonical text, with its weight ("0.5 anti-coincidence(kick)"). */
const char *ds_reward_term_text (const DsReward *reward, guint voice, guint term);
/* Term I's value in [0, 1] and its contribution to the score (weight * value /
 * the sum of the weights in play); FALSE when it needs a LOOP that is NULL. */
gboolean ds_reward_term_value (const DsReward *reward, guint voice, guint term,
                               const DsPattern *patterns, const DsPattern *loop,
                               double *value, double *contribution);

G_END_DECLS
