/* engine.c: hearing bars, answering them in the next, playing the answers to
 * the frame and never leaving a note hanging (see engine.h). */
#include "autoconfig.h"

#include "src/live/engine.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ANSWER_MAX 1024    /* hits of one answer the engine plays */
#define POOL_MAX 4096      /* notes (on and off) waiting for their frame */
#define LOG_RING 16384     /* log records waiting for the main thread */
#define MAX_CLOSES 4       /* bar lines one cycle may pass; more is a jump */

/* A note-on or note-off waiting for its position. */
typedef struct {
  double quarter;
  guint32 id;              /* the note-on's, to pair its note-off */
  guint8 note, velocity;   /* velocity 0: a note-off */
} Pending;

/* The events of one cycle being written. */
typedef struct {
  DsLiveEvent *events;
  guint n, max;
} Output;

struct _DsLiveEngine {
  DsLiveLearner *learner;
  DsResponder *responder;             /* the one playing */
  guint steps, n_voices;
  guint responder_numerator, responder_denominator;
  guint8 channel;
  guint64 seed;
  DsLiveCcMap cc;
  /* controls */
  double temperature;
  gboolean playing[DS_LIVE_MAX_VOICES];
  double knob_all[DS_N_KNOBS];
  double knob_voice[DS_LIVE_MAX_VOICES][DS_N_KNOBS];  /* NAN: as knob_all */
  gboolean controls_changed;
  /* hearing */
  gboolean listening;
  gint64 bar;                         /* the bar being heard, from 0 */
  gboolean whole;                     /* heard from its first beat */
  double bar_quarters, half_step;     /* of the span's meter */
  guint numerator, denominator;
  DsHit hits[DS_LIVE_BAR_MAX_HITS];
  guint n_hits;
  /* playing */
  DsHit answer[ANSWER_MAX];
  Pending pool[POOL_MAX];             /* sorted by position, note-offs first */
  guint n_pool;
  guint32 sounding[128];              /* the id of the note-on sounding, 0: silent */
  guint32 next_id;
  /* reporting */
  DsLiveSource source;
  gboolean meter_told;
  DsLiveRing *log;
  DsLiveStats stats;
};

DsLiveEngine *
ds_live_engine_new (DsLiveLearner *learner, const DsLiveCcMap *cc, guint channel, guint64 seed)
{
  DsLiveEngine *e = g_new0 (DsLiveEngine, 1);
  const DsResponder *r = ds_live_learner_responder (learner);

  e->learner = learner;
  e->responder = ds_live_learner_playing (learner);
  e->steps = ds_responder_steps (r);
  e->n_voices = MIN (ds_responder_n_voices (r), DS_LIVE_MAX_VOICES);
  if (sscanf (ds_responder_meter (r), "%u/%u", &e->responder_numerator,
              &e->responder_denominator) != 2)
    e->responder_numerator = e->responder_denominator = 0;
  e->channel = (guint8) (channel & 0x0F);
  e->seed = seed;
  e->cc = *cc;
  for (guint v = 0; v < DS_LIVE_MAX_VOICES; v++)
    {
      e->playing[v] = TRUE;
      for (guint k = 0; k < DS_N_KNOBS; k++)
        e->knob_voice[v][k] = NAN;
    }
  for (guint k = 0; k < DS_N_KNOBS; k++)
    e->knob_all[k] = 1.0;
  e->controls_changed = TRUE;
  e->next_id = 1;
  e->log = ds_live_ring_new (sizeof (DsLiveLogRecord), LOG_RING);
  return e;
}

void
ds_live_engine_free (DsLiveEngine *engine)
{
  if (engine == NULL)
    return;
  ds_live_ring_free (engine->log);
  g_free (engine);
}

void
ds_live_engine_set_temperature (DsLiveEngine *engine, double temperature)
{
  engine->temperature = temperature;
  engine->controls_changed = TRUE;
}

void
ds_live_engine_set_playing (DsLiveEngine *engine, guint voice, gboolean playing)
{
  if (voice < DS_LIVE_MAX_VOICES)
    engine->playing[voice] = playing;
  engine->controls_changed = TRUE;
}

void
ds_live_engine_set_knob (DsLiveEngine *engine, int voice, DsKnob knob, double weight)
{
  if (knob >= DS_N_KNOBS)
    return;
  if (voice < 0)
    engine->knob_all[knob] = weight;
  else if (voice < DS_LIVE_MAX_VOICES)
    engine->knob_voice[voice][knob] = weight;
  engine->controls_changed = TRUE;
}

DsLiveRing *
ds_live_engine_log (DsLiveEngine *engine)
{
  return engine->log;
}

void
ds_live_engine_stats (const DsLiveEngine *engine, DsLiveStats *stats)
{
  *stats = engine->stats;
}

static void
log_push (DsLiveEngine *e, DsLiveLogKind kind, gint64 bar, const DsLiveLogRecord *fields)
{
  DsLiveLogRecord record = fields != NULL ? *fields : (DsLiveLogRecord) { 0 };

  record.kind = kind;
  record.bar = bar + 1;
  ds_live_ring_push (e->log, &record);
}

/* --- controls ------------------------------------------------------------- */

static void
apply_controls (DsLiveEngine *e)
{
  DsResponder *r = e->responder;

  ds_responder_set_temperature (r, e->temperature);
  for (guint v = 0; v < e->n_voices; v++)
    if (ds_responder_voice_is_agent (r, v))
      ds_responder_set_playing (r, v, e->playing[v]);
  for (guint k = 0; k < DS_N_KNOBS; k++)
    ds_responder_set_knob (r, -1, (DsKnob) k, e->knob_all[k]);
  for (guint v = 0; v < e->n_voices; v++)
    for (guint k = 0; k < DS_N_KNOBS; k++)
      if (!isnan (e->knob_voice[v][k]))
        ds_responder_set_knob (r, (int) v, (DsKnob) k, e->knob_voice[v][k]);
  e->controls_changed = FALSE;
}

static void
control_change (DsLiveEngine *e, guint8 controller, guint8 value)
{
  const DsLiveCcTarget *t = &e->cc.targets[controller & 0x7F];

  switch (t->kind)
    {
    case DS_LIVE_CC_KNOB:
      ds_live_engine_set_knob (e, t->voice, t->knob, ds_live_cc_weight (value));
      break;
    case DS_LIVE_CC_TEMPERATURE:
      ds_live_engine_set_temperature (e, ds_live_cc_weight (value));
      break;
    case DS_LIVE_CC_PLAY:
      if (t->voice >= 0)
        ds_live_engine_set_playing (e, (guint) t->voice, value >= 64);
      break;
    case DS_LIVE_CC_NONE:
    default:
      break;
    }
}

/* --- output ---------------------------------------------------------------- */

static void
emit (DsLiveEngine *e, Output *o, gint64 offset, guint8 status, guint8 data1, guint8 data2)
{
  DsLiveEvent *event;

  if (o->n == o->max)
    {
      e->stats.dropped++;
      return;
    }
  event = &o->events[o->n++];
  event->offset = (guint32) offset;
  event->size = 3;
  event->bytes[0] = status;
  event->bytes[1] = data1;
  event->bytes[2] = data2;
}

static void
note_off (DsLiveEngine *e, Output *o, gint64 offset, guint8 note)
{
  emit (e, o, offset, (guint8) (DS_MIDI_NOTE_OFF | e->channel), note, 0);
  e->sounding[note] = 0;
}

/* Ends every sounding note at OFFSET and forgets what was to come. */
static void
flush (DsLiveEngine *e, Output *o, gint64 offset)
{
  for (guint n = 0; n < 128; n++)
    if (e->sounding[n] != 0)
      note_off (e, o, offset, (guint8) n);
  e->n_pool = 0;
  e->listening = FALSE;
}

/* Note-offs before note-ons at the same position, else first come first. */
static gboolean
pending_before (const Pending *a, const Pending *b)
{
  if (a->quarter != b->quarter)
    return a->quarter < b->quarter;
  return a->velocity == 0 && b->velocity != 0;
}

static void
schedule (DsLiveEngine *e, double quarter, guint32 id, guint8 note, guint8 velocity)
{
  Pending p = { quarter, id, note, velocity };
  guint i = e->n_pool;

  if (e->n_pool == POOL_MAX)
    {
      e->stats.dropped++;
      return;
    }
  while (i > 0 && pending_before (&p, &e->pool[i - 1]))
    i--;
  memmove (&e->pool[i + 1], &e->pool[i], (e->n_pool - i) * sizeof (Pending));
  e->pool[i] = p;
  e->n_pool++;
}

/* Plays the notes whose position falls before the cycle's end, in order. */
static void
play_due (DsLiveEngine *e, const DsLiveSpan *span, guint nframes, Output *o)
{
  guint done = 0;

  for (; done < e->n_pool; done++)
    {
      const Pending *p = &e->pool[done];
      gint64 offset = ds_live_span_offset (span, nframes, p->quarter);

      if (offset >= nframes)
        break;
      if (offset < 0)
        {
          DsLiveLogRecord late = { .value = (guint32) MIN (-offset, G_MAXUINT32) };

          e->stats.late++;
          log_push (e, DS_LIVE_LOG_LATE, e->bar, &late);
          offset = 0;
          if (p->velocity > 0 && span->quarter - p->quarter > e->half_step / 2)
            {
              e->stats.dropped++; /* its moment has passed (an xrun): not in a burst */
              continue;
            }
        }
      if (p->velocity == 0)
        {
          if (e->sounding[p->note] == p->id)
            note_off (e, o, offset, p->note);
          continue;
        }
      if (e->sounding[p->note] != 0)
        note_off (e, o, offset, p->note); /* struck again before its end */
      emit (e, o, offset, (guint8) (DS_MIDI_NOTE_ON | e->channel), p->note, p->velocity);
      e->sounding[p->note] = p->id;
      e->stats.notes_played++;
    }
  memmove (e->pool, e->pool + done, (e->n_pool - done) * sizeof (Pending));
  e->n_pool -= done;
}

/* --- hearing and answering --------------------------------------------------- */

static void
start_listening (DsLiveEngine *e, const DsLiveSpan *span)
{
  e->numerator = span->numerator;
  e->denominator = span->denominator;
  e->bar_quarters = span->numerator * 4.0 / span->denominator;
  e->half_step = e->bar_quarters / e->steps / 2;
  e->bar = (gint64) floor ((span->quarter + e->half_step) / e->bar_quarters);
  e->whole = span->quarter <= e->bar * e->bar_quarters + 1e-9;
  e->n_hits = 0;
  e->listening = TRUE;
  if (!e->meter_told && e->responder_numerator > 0
      && e->numerator * e->responder_denominator != e->responder_numerator * e->denominator)
    {
      DsLiveLogRecord meter = { .numerator = (guint16) e->numerator,
                                .denominator = (guint16) e->denominator };

      log_push (e, DS_LIVE_LOG_METER, e->bar, &meter);
      e->meter_told = TRUE;
    }
}

/* The position half a step before the next bar line, where bar BAR ends. */
static double
cutoff (const DsLiveEngine *e)
{
  return (e->bar + 1) * e->bar_quarters - e->half_step;
}

static void
swap_weights (DsLiveEngine *e)
{
  guint round = 0;
  DsResponder *fresh = ds_live_learner_swap (e->learner, &round);
  DsLiveLogRecord weights = { 0 };

  if (fresh == NULL)
    return;
  e->responder = fresh;
  e->controls_changed = TRUE;
  e->stats.swaps++;
  weights.value = round;
  log_push (e, DS_LIVE_LOG_WEIGHTS, e->bar + 1, &weights);
}

/* The answer to the bar just heard, scheduled in the next. */
static void
answer_bar (DsLiveEngine *e)
{
  double next = (e->bar + 1) * e->bar_quarters;
  gint64 start;
  guint n;

  swap_weights (e);
  if (e->controls_changed)
    apply_controls (e);
  ds_responder_set_seed (e->responder, e->seed + (guint64) e->bar);
  start = g_get_monotonic_time ();
  n = ds_responder_answer (e->responder, e->hits, e->n_hits, e->answer, ANSWER_MAX);
  e->stats.answer_usec_max = MAX (e->stats.answer_usec_max, g_get_monotonic_time () - start);
  e->stats.bars_heard++;
  e->stats.bars_answered += n > 0;
  for (guint i = 0; i < e->n_hits; i++)
    {
      DsLiveLogRecord heard = { .time = e->hits[i].time, .note = e->hits[i].note,
                                .velocity = e->hits[i].velocity };

      log_push (e, DS_LIVE_LOG_HEARD, e->bar, &heard);
    }
  for (guint i = 0; i < n; i++)
    {
      const DsHit *h = &e->answer[i];
      double quarter = next + h->time * e->bar_quarters;
      DsLiveLogRecord answer = { .time = h->time, .note = h->note, .velocity = h->velocity,
                                 .step = h->step, .voice = h->voice };
      guint32 id = e->next_id++;

      if (h->note == 0 || h->note > 127)
        continue;
      if (e->next_id == 0)
        e->next_id = 1;
      schedule (e, quarter, id, h->note, (guint8) CLAMP (h->velocity, 1, 127));
      schedule (e, quarter + e->half_step, id, h->note, 0);
      log_push (e, DS_LIVE_LOG_ANSWER, e->bar + 1, &answer);
    }
  ds_live_learner_hear (e->learner, e->hits, e->n_hits);
}

/* The bar being heard is over: answer it, and listen to the next. */
static void
close_bar (DsLiveEngine *e)
{
  if (e->whole && e->n_hits > 0)
    answer_bar (e);
  e->bar++;
  e->n_hits = 0;
  e->whole = TRUE;
}

static void
hear (DsLiveEngine *e, double quarter, const DsLiveEvent *event)
{
  DsHit *hit;

  e->stats.notes_heard++;
  if (e->n_hits == DS_LIVE_BAR_MAX_HITS)
    {
      e->stats.dropped++;
      return;
    }
  hit = &e->hits[e->n_hits++];
  memset (hit, 0, sizeof *hit);
  hit->time = (quarter - e->bar * e->bar_quarters) / e->bar_quarters;
  hit->note = event->bytes[1];
  hit->velocity = event->bytes[2];
}

/* Passes the bars' ends (cutoffs) up to QUARTER (and at QUARTER when
 * AT_TOO); FALSE when there are too many for one cycle, which only a jump
 * the clock missed can make. */
static gboolean
close_bars_before (DsLiveEngine *e, double quarter, gboolean at_too)
{
  for (guint i = 0; at_too ? quarter >= cutoff (e) : quarter > cutoff (e); i++)
    {
      if (i == MAX_CLOSES)
        return FALSE;
      close_bar (e);
    }
  return TRUE;
}

static void
sort_output (Output *o)
{
  for (guint i = 1; i < o->n; i++)
    {
      DsLiveEvent event = o->events[i];
      guint j = i;

      for (; j > 0 && o->events[j - 1].offset > event.offset; j--)
        o->events[j] = o->events[j - 1];
      o->events[j] = event;
    }
}

/* Logs a new time source, from the bar being heard. */
static void
note_source (DsLiveEngine *e, const DsLiveSpan *span)
{
  DsLiveLogRecord source = { .value = span->source, .bpm = span->bpm,
                             .numerator = (guint16) span->numerator,
                             .denominator = (guint16) span->denominator };

  if (span->source == e->source)
    return;
  e->source = span->source;
  if (span->rolling)
    log_push (e, DS_LIVE_LOG_SOURCE, e->bar, &source);
}

guint
ds_live_engine_cycle (DsLiveEngine *e, const DsLiveSpan *span, guint nframes,
                      const DsLiveEvent *in, guint n_in, DsLiveEvent *out, guint max_out)
{
  Output o = { out, 0, max_out };
  gboolean meter_changed = e->listening && (span->numerator != e->numerator
                                            || span->denominator != e->denominator);

  if (span->jumped || !span->rolling || meter_changed)
    {
      if (e->listening || e->n_pool > 0)
        {
          DsLiveLogRecord stop = { .frames = span->jump_frames,
                                   .quarters = span->jump_quarters };

          stop.value = !span->rolling                                 ? DS_LIVE_STOP_STOPPED
                       : meter_changed                                ? DS_LIVE_STOP_METER
                       : span->source != e->source                    ? DS_LIVE_STOP_SOURCE
                       : span->source == DS_LIVE_SOURCE_TRANSPORT     ? DS_LIVE_STOP_JUMPED
                                                                      : DS_LIVE_STOP_SOURCE;
          log_push (e, DS_LIVE_LOG_STOP, e->bar, &stop);
        }
      flush (e, &o, 0);
    }
  for (guint i = 0; i < n_in; i++)
    if (ds_live_event_is_control (&in[i]))
      control_change (e, in[i].bytes[1], in[i].bytes[2]);
  if (!span->rolling)
    {
      e->source = DS_LIVE_SOURCE_NONE;
      return o.n;
    }
  if (!e->listening)
    start_listening (e, span);
  note_source (e, span);
  for (guint i = 0; i < n_in; i++)
    if (ds_live_event_is_note_on (&in[i]))
      {
        double quarter = ds_live_span_quarter (span, nframes, in[i].offset);

        if (quarter < e->bar * e->bar_quarters - e->half_step)
          continue; /* before listening began */
        if (!close_bars_before (e, quarter, TRUE))
          {
            DsLiveLogRecord lost = { .value = DS_LIVE_STOP_LOST };

            log_push (e, DS_LIVE_LOG_STOP, e->bar, &lost);
            flush (e, &o, in[i].offset);
            start_listening (e, span);
            break;
          }
        hear (e, quarter, &in[i]);
      }
  if (!close_bars_before (e, span->end_quarter, FALSE))
    {
      DsLiveLogRecord lost = { .value = DS_LIVE_STOP_LOST };

      log_push (e, DS_LIVE_LOG_STOP, e->bar, &lost);
      flush (e, &o, 0);
    }
  play_due (e, span, nframes, &o);
  sort_output (&o);
  return o.n;
}

guint
ds_live_engine_quit (DsLiveEngine *engine, DsLiveEvent *out, guint max_out)
{
  Output o = { out, 0, max_out };

  flush (engine, &o, 0);
  emit (engine, &o, 0, (guint8) (DS_MIDI_CONTROL | engine->channel), DS_MIDI_CC_ALL_NOTES_OFF,
        0);
  return o.n;
}
