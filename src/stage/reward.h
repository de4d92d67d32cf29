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
 * The score is the weighted sum divided by the sum of the weights, so it lies
 * in [0, 1].  Terms that need the user's loop are left out (weights included)
 * when no loop is given.  Mixes are compiled once: tables of every pattern's
 * value for grids of at most 16 steps, and for longer grids of equal bars of
 * at most 16 steps tables of one bar (by the previous bar's last onset for
 * lhl); other measures are computed.  ds_reward_score is then allocation-free,
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

GQuark ds_reward_error_quark (void);

/* The voices of the stage in order (names as in DsVoices), on METER (its
 * length = L; copied). */
DsReward *ds_reward_new (const DsMeter *meter, const char *const *voice_names, guint n_voices,
                         GError **error);
void ds_reward_free (DsReward *reward);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsReward, ds_reward_free)

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

/* Voice V's score in [0, 1] on the stage PATTERNS[0 .. n_voices - 1]; LOOP is
 * the user's loop (n_voices patterns, the same voice order) for terms on the
 * loop, or NULL.  0 for a voice without a mix.  Thread-safe, allocation-free. */
double ds_reward_score (const DsReward *reward, guint voice, const DsPattern *patterns,
                        const DsPattern *loop);

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
