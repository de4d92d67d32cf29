/* clock.c: the position of each cycle from the JACK transport, MIDI clock or
 * --bpm (see clock.h).  MIDI clock follows the MIDI 1.0 specification's
 * System Real-Time messages: 24 clocks a quarter note; Start sets the
 * position to 0 and the next clock plays it; Continue resumes from the
 * position the Song Position Pointer (in MIDI beats, sixteenths) set. */
#include "autoconfig.h"

#include "src/live/clock.h"
#include "src/responder/xrun.h"

#include <math.h>

#define CLOCKS_PER_QUARTER 24
#define TEMPO_CLOCKS 25           /* clock times kept: 24 intervals, a quarter note */
#define CLOCK_TIMEOUT_SECONDS 0.5 /* no clock for this long: the clock has stopped */

struct _DsLiveClock {
  DsLiveClockMode mode;
  double rate;
  double free_fpq;                /* frames a quarter note at --bpm */
  guint numerator, denominator;
  /* JACK transport */
  guint32 next_frame;             /* the transport frame the next cycle should start at */
  double next_quarter;            /* and its position */
  /* MIDI clock */
  gboolean midi_running;
  gboolean midi_jump;             /* Start, Continue or a pointer: the position was set */
  gint64 midi_clocks;             /* the position of the next clock, in 24ths of a quarter */
  gint64 last_clock;              /* the frame of the last clock since (re)starting, or -1 */
  double last_clock_quarter;
  gint64 clock_frames[TEMPO_CLOCKS];
  guint n_clock_frames, clock_index;
  double midi_fpq;                /* the tempo the clocks give, frames a quarter; 0: none yet */
  gint64 fit_frames[TEMPO_CLOCKS];/* the clocks since the position was set, for the line */
  gint64 fit_clocks[TEMPO_CLOCKS];
  guint n_fit, fit_index;
  /* --bpm */
  gboolean free_running;
  gint64 free_origin;             /* the frame of bar 1's first frame */
  /* the last cycle */
  DsLiveSource source;
  double end_quarter;
};

DsLiveClock *
ds_live_clock_new (DsLiveClockMode mode, double rate, double bpm, guint numerator,
                   guint denominator)
{
  DsLiveClock *clock = g_new0 (DsLiveClock, 1);

  g_return_val_if_fail (rate > 0 && bpm > 0 && numerator > 0 && denominator > 0, NULL);
  clock->mode = mode;
  clock->rate = rate;
  clock->free_fpq = rate * 60.0 / bpm;
  clock->numerator = numerator;
  clock->denominator = denominator;
  clock->last_clock = -1;
  return clock;
}

void
ds_live_clock_free (DsLiveClock *clock)
{
  g_free (clock);
}

const char *
ds_live_source_name (DsLiveSource source)
{
  static const char *const names[] = { "none", "JACK transport", "MIDI clock", "--bpm" };

  return source < G_N_ELEMENTS (names) ? names[source] : "?";
}

/* A clock at FRAME: the position it marks, and the tempo of the last ones. */
static void
midi_clock_tick (DsLiveClock *clock, gint64 frame)
{
  if (clock->n_clock_frames > 0)
    {
      gint64 previous = clock->clock_frames[(clock->clock_index + TEMPO_CLOCKS - 1) % TEMPO_CLOCKS];

      if (frame - previous > CLOCK_TIMEOUT_SECONDS * clock->rate || frame < previous)
        clock->n_clock_frames = 0; /* a gap: the old intervals say nothing of this tempo */
    }
  clock->clock_frames[clock->clock_index] = frame;
  clock->clock_index = (clock->clock_index + 1) % TEMPO_CLOCKS;
  clock->n_clock_frames = MIN (clock->n_clock_frames + 1, TEMPO_CLOCKS);
  if (clock->n_clock_frames >= 2)
    {
      guint oldest = (clock->clock_index + TEMPO_CLOCKS - clock->n_clock_frames) % TEMPO_CLOCKS;

      clock->midi_fpq = (double) (frame - clock->clock_frames[oldest]) * CLOCKS_PER_QUARTER
                        / (clock->n_clock_frames - 1);
    }
  if (!clock->midi_running)
    return;
  clock->fit_frames[clock->fit_index] = frame;
  clock->fit_clocks[clock->fit_index] = clock->midi_clocks;
  clock->fit_index = (clock->fit_index + 1) % TEMPO_CLOCKS;
  clock->n_fit = MIN (clock->n_fit + 1, TEMPO_CLOCKS);
  clock->last_clock = frame;
  clock->last_clock_quarter = (double) clock->midi_clocks / CLOCKS_PER_QUARTER;
  clock->midi_clocks++;
}

/* The System Real-Time and Common messages of MIDI clock. */
static void
midi_clock_message (DsLiveClock *clock, const DsLiveEvent *event, gint64 frame)
{
  switch (event->bytes[0])
    {
    case DS_MIDI_CLOCK:
      midi_clock_tick (clock, frame);
      break;
    case DS_MIDI_START:
      clock->midi_clocks = 0;
      /* fall through */
    case DS_MIDI_CONTINUE:
      clock->midi_running = TRUE;
      clock->midi_jump = TRUE;
      clock->last_clock = -1;
      clock->n_fit = 0;
      break;
    case DS_MIDI_STOP:
      clock->midi_running = FALSE;
      break;
    case DS_MIDI_SONG_POSITION:
      if (event->size == 3)
        {
          clock->midi_clocks = (gint64) ((event->bytes[1] & 0x7F) | (event->bytes[2] & 0x7F) << 7)
                               * (CLOCKS_PER_QUARTER / 4);
          clock->midi_jump = TRUE;
          clock->last_clock = -1; /* while running (against the rules): wait for a clock */
          clock->n_fit = 0;
        }
      break;
    default:
      break;
    }
}

static gboolean
allows (const DsLiveClock *clock, DsLiveClockMode mode)
{
  return clock->mode == DS_LIVE_CLOCK_AUTO || clock->mode == mode;
}

/* Whether the transport's QUARTER at its frame continues the last cycle: the
 * frame is the one expected, or up to a tenth of a second on (an xrun: JACK
 * moved the transport on while the graph did not run) with the position
 * moved as far, or less (after an xrun the master's BBT may lag behind the
 * frame).  Else it is a relocation.  *CONTINUED receives the position by
 * frames. */
static gboolean
transport_continues (const DsLiveClock *clock, const DsLiveTransport *t, guint nframes,
                     double fpq, double quarter, double tolerance, double *continued)
{
  gint32 skipped = (gint32) (t->frame - clock->next_frame);

  if (clock->source != DS_LIVE_SOURCE_TRANSPORT || skipped < 0
      || skipped > MAX (DS_XRUN_SECONDS * clock->rate, (double) nframes))
    return FALSE;
  *continued = clock->next_quarter + skipped / fpq;
  return quarter >= clock->next_quarter - tolerance && quarter <= *continued + tolerance;
}

/* The position from the transport: the master's bar, beat and tick, carried
 * on frame by frame while they agree with it. */
static void
transport_span (DsLiveClock *clock, const DsLiveTransport *t, guint nframes, DsLiveSpan *span)
{
  double fpq, quarter, tolerance, continued = 0;

  if (t->bbt && t->beats_per_minute > 0 && t->beats_per_bar >= 1 && t->beat_type >= 1
      && t->ticks_per_beat > 0)
    {
      double beats = (t->bar - 1) * t->beats_per_bar + (t->beat - 1) + t->tick / t->ticks_per_beat;

      fpq = clock->rate * 60.0 / t->beats_per_minute * t->beat_type / 4.0;
      quarter = beats * 4.0 / t->beat_type + t->bbt_offset / fpq;
      tolerance = 4.0 / t->beat_type / t->ticks_per_beat + 1.0 / fpq + 1e-9;
      span->numerator = (guint) lround (t->beats_per_bar);
      span->denominator = (guint) lround (t->beat_type);
    }
  else
    {
      fpq = clock->free_fpq;
      quarter = t->frame / fpq;
      tolerance = 1e-6;
      span->numerator = clock->numerator;
      span->denominator = clock->denominator;
    }
  if (transport_continues (clock, t, nframes, fpq, quarter, tolerance, &continued))
    quarter = continued;
  else
    {
      span->jumped = TRUE;
      if (clock->source == DS_LIVE_SOURCE_TRANSPORT)
        {
          span->jump_frames = (gint32) (t->frame - clock->next_frame);
          span->jump_quarters = quarter - clock->next_quarter;
        }
    }
  span->quarter = quarter;
  span->end_quarter = quarter + nframes / fpq;
  span->bpm = clock->rate * 60.0 / fpq;
  clock->next_frame = t->frame + nframes;
  clock->next_quarter = span->end_quarter;
}

/* The position at FRAME on the least-squares line through the last clocks
 * (at least three since the position was set): a clock that comes a little
 * early or late moves it by a 24th of its error, where taking each clock as
 * it comes would move it by all of it.  *FPQ receives the line's tempo. */
static double
midi_line (const DsLiveClock *clock, gint64 frame, double *fpq)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0;
  gint64 last_clocks = clock->fit_clocks[(clock->fit_index + TEMPO_CLOCKS - 1) % TEMPO_CLOCKS];

  for (guint i = 0; i < clock->n_fit; i++)
    {
      mx += (double) (clock->fit_frames[i] - clock->last_clock);
      my += (double) (clock->fit_clocks[i] - last_clocks) / CLOCKS_PER_QUARTER;
    }
  mx /= clock->n_fit;
  my /= clock->n_fit;
  for (guint i = 0; i < clock->n_fit; i++)
    {
      double x = (double) (clock->fit_frames[i] - clock->last_clock) - mx;
      double y = (double) (clock->fit_clocks[i] - last_clocks) / CLOCKS_PER_QUARTER - my;

      sxx += x * x;
      sxy += x * y;
    }
  *fpq = sxx > 0 && sxy > 0 ? sxx / sxy : clock->free_fpq;
  return clock->last_clock_quarter + my + ((double) (frame - clock->last_clock) - mx) / *fpq;
}

/* The position from MIDI clock: on the line through the last clocks (or from
 * the last clock at the clocks' tempo while there are too few), never past
 * the next clock's position and never back. */
static void
midi_span (DsLiveClock *clock, gint64 frame, guint nframes, DsLiveSpan *span)
{
  double fpq = clock->midi_fpq > 0 ? clock->midi_fpq : clock->free_fpq;
  double next = clock->last_clock_quarter + 1.0 / CLOCKS_PER_QUARTER;
  double quarter, end;

  if (clock->n_fit >= 3)
    {
      quarter = midi_line (clock, frame, &fpq);
      end = quarter + nframes / fpq;
    }
  else
    {
      quarter = clock->last_clock_quarter + (frame - clock->last_clock) / fpq;
      end = quarter + nframes / fpq;
    }
  if (clock->midi_jump || clock->source != DS_LIVE_SOURCE_MIDI)
    span->jumped = TRUE;
  else
    quarter = MAX (quarter, clock->end_quarter); /* never back */
  clock->midi_jump = FALSE;
  span->quarter = MIN (quarter, next);
  span->end_quarter = MAX (span->quarter, MIN (end, next));
  span->numerator = clock->numerator;
  span->denominator = clock->denominator;
  span->bpm = clock->rate * 60.0 / fpq;
}

static void
free_span (DsLiveClock *clock, gint64 frame, guint nframes, DsLiveSpan *span)
{
  span->jumped = clock->source != DS_LIVE_SOURCE_FREE;
  span->quarter = (frame - clock->free_origin) / clock->free_fpq;
  span->end_quarter = span->quarter + nframes / clock->free_fpq;
  span->numerator = clock->numerator;
  span->denominator = clock->denominator;
  span->bpm = clock->rate * 60.0 / clock->free_fpq;
}

/* Which source runs in this cycle; the free run starts on a note when none does. */
static DsLiveSource
choose_source (DsLiveClock *clock, const DsLiveTransport *transport, gint64 frame, guint nframes,
               const DsLiveEvent *events, guint n_events)
{
  gboolean midi = clock->midi_running && clock->last_clock >= 0
                  && frame + nframes - clock->last_clock <= CLOCK_TIMEOUT_SECONDS * clock->rate;

  if (allows (clock, DS_LIVE_CLOCK_TRANSPORT) && transport != NULL && transport->rolling)
    return DS_LIVE_SOURCE_TRANSPORT;
  if (allows (clock, DS_LIVE_CLOCK_MIDI) && midi)
    return DS_LIVE_SOURCE_MIDI;
  if (!allows (clock, DS_LIVE_CLOCK_FREE))
    return DS_LIVE_SOURCE_NONE;
  if (clock->free_running && clock->source == DS_LIVE_SOURCE_FREE)
    return DS_LIVE_SOURCE_FREE;
  clock->free_running = FALSE;
  for (guint i = 0; i < n_events; i++)
    if (ds_live_event_is_note_on (&events[i]))
      {
        clock->free_running = TRUE;
        clock->free_origin = frame + events[i].offset;
        return DS_LIVE_SOURCE_FREE;
      }
  return DS_LIVE_SOURCE_NONE;
}

void
ds_live_clock_cycle (DsLiveClock *clock, const DsLiveTransport *transport, gint64 frame,
                     guint nframes, const DsLiveEvent *events, guint n_events, DsLiveSpan *span)
{
  DsLiveSpan s = { 0 };

  for (guint i = 0; i < n_events; i++)
    if (events[i].bytes[0] >= 0xF0)
      midi_clock_message (clock, &events[i], frame + events[i].offset);
  s.source = choose_source (clock, transport, frame, nframes, events, n_events);
  s.rolling = s.source != DS_LIVE_SOURCE_NONE;
  switch (s.source)
    {
    case DS_LIVE_SOURCE_TRANSPORT:
      transport_span (clock, transport, nframes, &s);
      break;
    case DS_LIVE_SOURCE_MIDI:
      midi_span (clock, frame, nframes, &s);
      break;
    case DS_LIVE_SOURCE_FREE:
      free_span (clock, frame, nframes, &s);
      break;
    case DS_LIVE_SOURCE_NONE:
    default:
      s.jumped = clock->source != DS_LIVE_SOURCE_NONE;
      s.numerator = clock->numerator;
      s.denominator = clock->denominator;
      break;
    }
  clock->source = s.source;
  clock->end_quarter = s.end_quarter;
  *span = s;
}

gint64
ds_live_span_offset (const DsLiveSpan *span, guint nframes, double quarter)
{
  double length = span->end_quarter - span->quarter;

  if (!(length > 0))
    return quarter < span->quarter ? -1 : (gint64) nframes; /* time stands still */
  return (gint64) llround ((quarter - span->quarter) / length * nframes);
}

double
ds_live_span_quarter (const DsLiveSpan *span, guint nframes, guint offset)
{
  return span->quarter + (span->end_quarter - span->quarter) * offset / nframes;
}
