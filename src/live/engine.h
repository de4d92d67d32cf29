/* engine.h: drumswarm live's ears and hands, one JACK cycle at a time.
 *
 * The engine hears the note-ons of each bar (a note played up to half a step
 * before a bar line belongs to the bar after it), and when the bar is over,
 * half a step before the next bar line, asks the responder for the answer and
 * plays it in the next bar: every note at its bar's first frame plus the
 * answer's time (its grid step and groove offset) times the bar's length, to
 * the frame, with its note-off half a step later.  It answers only bars it
 * heard from their first beat, and only bars with notes in them.
 *
 * Between bars it swaps in learnt weights (learner.h) and applies the
 * controls (temperature, which voices answer, the knobs of the reward mix)
 * that the options set and the MIDI controllers change (cc-map.h).  It ends
 * every sounding note when time stops or jumps, when the time source changes,
 * and at the end (ds_live_engine_quit, with an all-notes-off).
 *
 * The engine knows no JACK: a cycle is its span of time (clock.h), its input
 * events and room for its output events, so that tests drive it with
 * made-up cycles.  ds_live_engine_cycle and ds_live_engine_quit are real-time
 * safe: no allocation, no lock, no I/O (what it did goes to a ring, log.h).
 */
#pragma once

#include <glib.h>

#include "src/live/cc-map.h"
#include "src/live/clock.h"
#include "src/live/event.h"
#include "src/live/learner.h"
#include "src/live/log.h"
#include "src/live/ring.h"
#include "src/responder/drumswarm.h"

G_BEGIN_DECLS

/* The most voices the engine keeps controls for. */
#define DS_LIVE_MAX_VOICES 32

/* What the engine did, for the summary at the end. */
typedef struct {
  guint64 bars_heard;      /* bars heard whole, with notes */
  guint64 bars_answered;   /* of which answered with notes */
  guint64 notes_heard, notes_played;
  guint64 late;            /* notes sent after their frame (the cycle had passed) */
  guint64 dropped;         /* notes or hits that found no room */
  guint64 swaps;           /* learnt weights swapped in */
  gint64 answer_usec_max;  /* the longest answer call */
} DsLiveStats;

typedef struct _DsLiveEngine DsLiveEngine;

/* An engine playing the LEARNER's responders with the controllers of CC on
 * CHANNEL (0-15); SEED + the bar's number seeds each answer. */
DsLiveEngine *ds_live_engine_new (DsLiveLearner *learner, const DsLiveCcMap *cc, guint channel,
                                  guint64 seed);
void ds_live_engine_free (DsLiveEngine *engine);

/* Controls, before the engine runs (afterwards the controllers change them). */
void ds_live_engine_set_temperature (DsLiveEngine *engine, double temperature);
void ds_live_engine_set_playing (DsLiveEngine *engine, guint voice, gboolean playing);
void ds_live_engine_set_knob (DsLiveEngine *engine, int voice, DsKnob knob, double weight);

/* One cycle of NFRAMES frames and time SPAN: reads the N_IN events of IN
 * (in frame order), writes at most MAX_OUT events to OUT in frame order and
 * returns how many.  Real-time safe. */
guint ds_live_engine_cycle (DsLiveEngine *engine, const DsLiveSpan *span, guint nframes,
                            const DsLiveEvent *in, guint n_in, DsLiveEvent *out, guint max_out);

/* The last cycle: note-offs for every sounding note and an all-notes-off, at
 * frame 0; returns how many events it wrote to OUT.  Real-time safe. */
guint ds_live_engine_quit (DsLiveEngine *engine, DsLiveEvent *out, guint max_out);

/* What it heard and played, for the main thread to read (log.h). */
DsLiveRing *ds_live_engine_log (DsLiveEngine *engine);

/* The counts so far (exact once the engine stopped running). */
void ds_live_engine_stats (const DsLiveEngine *engine, DsLiveStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLiveEngine, ds_live_engine_free)

G_END_DECLS
