/* learner.c: learning in the background and swapping weights in between bars
 * (see learner.h for the triple buffering of the played responders). */
#include "autoconfig.h"

#include "src/live/learner.h"

#include <stdatomic.h>
#include <string.h>

#include "src/live/ring.h"

#define BAR_RING 8          /* heard bars waiting for the learner */
#define IDLE_USEC 5000      /* how often an idle learner looks for a new bar */
#define FRESH 4u            /* the slot's mark: weights not played yet */

typedef struct {
  guint n_hits;
  DsHit hits[DS_LIVE_BAR_MAX_HITS];
} HeardBar;

struct _DsLiveLearner {
  guint64 episodes;
  DsResponder *trainer;          /* the learning thread's */
  DsResponder *copies[3];        /* played (front), filled (back), waiting (slot) */
  guint round_of[3];             /* the round each copy's weights come from */
  guint front;                   /* the process callback's */
  guint back;                    /* the learning thread's */
  atomic_uint slot;              /* the third: its index, | FRESH when not played yet */
  atomic_uint rounds, bars;
  atomic_int stop;
  DsLiveRing *heard;
  HeardBar *scratch;             /* the process callback's, to fill a ring item */
  GThread *thread;
  GMutex error_lock;
  char *error;                   /* the first error, for the main thread */
};

DsLiveLearner *
ds_live_learner_new (DsResponder *responder, guint64 episodes)
{
  DsLiveLearner *l = g_new0 (DsLiveLearner, 1);

  l->episodes = episodes;
  l->trainer = responder;
  l->copies[0] = ds_responder_copy (responder);
  l->front = 0;
  atomic_init (&l->slot, 1);
  l->back = 2;
  if (episodes > 0)
    {
      l->copies[1] = ds_responder_copy (responder);
      l->copies[2] = ds_responder_copy (responder);
      l->heard = ds_live_ring_new (sizeof (HeardBar), BAR_RING);
      l->scratch = g_new0 (HeardBar, 1);
    }
  atomic_init (&l->rounds, 0);
  atomic_init (&l->bars, 0);
  atomic_init (&l->stop, 0);
  g_mutex_init (&l->error_lock);
  return l;
}

void
ds_live_learner_free (DsLiveLearner *learner)
{
  if (learner == NULL)
    return;
  ds_live_learner_stop (learner);
  for (guint i = 0; i < G_N_ELEMENTS (learner->copies); i++)
    ds_responder_free (learner->copies[i]);
  ds_responder_free (learner->trainer);
  ds_live_ring_free (learner->heard);
  g_free (learner->scratch);
  g_mutex_clear (&learner->error_lock);
  g_free (learner->error);
  g_free (learner);
}

DsResponder *
ds_live_learner_playing (DsLiveLearner *learner)
{
  return learner->copies[learner->front];
}

const DsResponder *
ds_live_learner_responder (const DsLiveLearner *learner)
{
  return learner->trainer;
}

static void
keep_error (DsLiveLearner *l, GError *error)
{
  g_mutex_lock (&l->error_lock);
  if (l->error == NULL)
    l->error = g_strdup (error->message);
  g_mutex_unlock (&l->error_lock);
  g_error_free (error);
}

/* Copies the trainer's weights into the back copy and publishes it. */
static void
publish (DsLiveLearner *l, guint round)
{
  if (!ds_responder_take_weights (l->copies[l->back], l->trainer))
    {
      keep_error (l, g_error_new (DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                                  "the learnt weights do not fit the playing responder"));
      return;
    }
  l->round_of[l->back] = round;
  l->back = atomic_exchange_explicit (&l->slot, l->back | FRESH, memory_order_acq_rel) & ~FRESH;
}

static gpointer
learn_thread (gpointer data)
{
  DsLiveLearner *l = data;
  HeardBar *bar = g_new (HeardBar, 1);

  while (!atomic_load (&l->stop))
    {
      GError *error = NULL;
      guint added = 0;

      while (ds_live_ring_pop (l->heard, bar))
        if (ds_responder_add_bar (l->trainer, bar->hits, bar->n_hits, &error))
          added++;
        else
          keep_error (l, g_steal_pointer (&error));
      if (added == 0)
        {
          g_usleep (IDLE_USEC);
          continue;
        }
      atomic_fetch_add (&l->bars, added);
      if (!ds_responder_learn (l->trainer, l->episodes, &error))
        {
          keep_error (l, error);
          continue;
        }
      publish (l, atomic_fetch_add (&l->rounds, 1) + 1);
    }
  g_free (bar);
  return NULL;
}

gboolean
ds_live_learner_start (DsLiveLearner *learner, GError **error)
{
  if (learner->episodes == 0 || learner->thread != NULL)
    return TRUE;
  atomic_store (&learner->stop, 0);
  learner->thread = g_thread_try_new ("drumswarm-learn", learn_thread, learner, error);
  return learner->thread != NULL;
}

void
ds_live_learner_stop (DsLiveLearner *learner)
{
  if (learner->thread == NULL)
    return;
  atomic_store (&learner->stop, 1);
  g_thread_join (learner->thread);
  learner->thread = NULL;
}

void
ds_live_learner_hear (DsLiveLearner *learner, const DsHit *hits, guint n_hits)
{
  if (learner->heard == NULL || n_hits == 0)
    return;
  learner->scratch->n_hits = MIN (n_hits, DS_LIVE_BAR_MAX_HITS);
  memcpy (learner->scratch->hits, hits, learner->scratch->n_hits * sizeof (DsHit));
  ds_live_ring_push (learner->heard, learner->scratch);
}

DsResponder *
ds_live_learner_swap (DsLiveLearner *learner, guint *round)
{
  if (learner->episodes == 0
      || !(atomic_load_explicit (&learner->slot, memory_order_acquire) & FRESH))
    return NULL;
  learner->front = atomic_exchange_explicit (&learner->slot, learner->front,
                                             memory_order_acq_rel) & ~FRESH;
  *round = learner->round_of[learner->front];
  return learner->copies[learner->front];
}

guint
ds_live_learner_rounds (DsLiveLearner *learner)
{
  return atomic_load (&learner->rounds);
}

guint
ds_live_learner_bars (DsLiveLearner *learner)
{
  return atomic_load (&learner->bars);
}

char *
ds_live_learner_take_error (DsLiveLearner *learner)
{
  char *error;

  g_mutex_lock (&learner->error_lock);
  error = learner->error;
  learner->error = NULL;
  g_mutex_unlock (&learner->error_lock);
  return error;
}
