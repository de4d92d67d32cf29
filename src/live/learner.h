/* learner.h: drumswarm live keeps learning from the bars it hears, in a
 * thread of its own, and hands the new weights to the process callback
 * without a lock.
 *
 * The learner owns the responder that learns (ds_responder_add_bar,
 * ds_responder_learn) and three copies of it, handed round as in triple
 * buffering: the process callback plays one (front), the learning thread
 * fills one (back: ds_responder_take_weights after each round, no
 * allocation), and the third waits in an atomic slot, marked fresh when it
 * holds weights the process callback has not played yet.  The thread
 * publishes by exchanging its back for the slot's; at a bar line the process
 * callback takes a fresh slot by exchanging its front for it
 * (ds_live_learner_swap: one atomic exchange).  So each copy belongs to one
 * thread at a time, and the process callback never waits or allocates.
 * Heard bars come the other way through a lock-free ring (ring.h).
 */
#pragma once

#include <glib.h>

#include "src/responder/drumswarm.h"

G_BEGIN_DECLS

/* The most hits of one heard bar that the learner takes. */
#define DS_LIVE_BAR_MAX_HITS 512

typedef struct _DsLiveLearner DsLiveLearner;

/* A learner around RESPONDER (taken), learning EPISODES episodes a round
 * after each new bar (0: it never learns; the responder plays as it is). */
DsLiveLearner *ds_live_learner_new (DsResponder *responder, guint64 episodes);
/* Stops the thread (after its round) and frees every responder. */
void ds_live_learner_free (DsLiveLearner *learner);

/* The responder the process callback starts with. */
DsResponder *ds_live_learner_playing (DsLiveLearner *learner);
/* The responder that learns: for names, and for saving once stopped. */
const DsResponder *ds_live_learner_responder (const DsLiveLearner *learner);

/* Starts the learning thread (nothing when EPISODES is 0). */
gboolean ds_live_learner_start (DsLiveLearner *learner, GError **error);
/* Stops it after its current round. */
void ds_live_learner_stop (DsLiveLearner *learner);

/* Real-time side: hands a heard bar to the learner (dropped when it lags
 * eight bars behind); at a bar line, the responder to play from now on when
 * a round has ended since the last swap (*ROUND receives its number), else
 * NULL: play on with the one in hand. */
void ds_live_learner_hear (DsLiveLearner *learner, const DsHit *hits, guint n_hits);
DsResponder *ds_live_learner_swap (DsLiveLearner *learner, guint *round);

/* Rounds learnt, bars learnt from, and the first error the thread met (to
 * free; NULL when none), for the main thread. */
guint ds_live_learner_rounds (DsLiveLearner *learner);
guint ds_live_learner_bars (DsLiveLearner *learner);
char *ds_live_learner_take_error (DsLiveLearner *learner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLiveLearner, ds_live_learner_free)

G_END_DECLS
