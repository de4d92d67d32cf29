/* clock.h: where drumswarm live is in the music, cycle by cycle: the position
 * in quarter notes from the first frame of bar 1, the tempo and the meter.
 *
 * Three sources, in this order (or one alone, --clock):
 *   JACK transport, while it rolls: bar, beat and tick with tempo and meter
 *     from the timebase master (jack_transport_query, JackPositionBBT; the
 *     double tick and the BBT frame offset when given), else the transport
 *     frame at --bpm.  While the transport runs on, the position continues
 *     frame by frame (a tick of the master's is coarser than a frame), and a
 *     position that does not continue the last cycle's is a jump (relocation);
 *     an xrun that moves the transport a few periods on (the master's position
 *     with it, or still the last cycle's) is no jump;
 *   MIDI clock on the input port: 24 clocks a quarter note, Start, Stop,
 *     Continue and the Song Position Pointer (in sixteenths); the first clock
 *     after Start is bar 1's downbeat; the position and tempo follow the
 *     least-squares line through the last 24 clocks (the mean interval while
 *     there are fewer than three), never past the next clock's position;
 *   --bpm and --meter on their own, from the first note heard (bar 1 starts
 *     on it), until another source takes over.
 * The module knows no JACK: the client fills a DsLiveTransport from
 * jack_position_t, so that tests can drive every source with made-up cycles.
 * Real-time safe: no allocation, no lock.
 */
#pragma once

#include <glib.h>

#include "src/live/event.h"

G_BEGIN_DECLS

typedef enum {
  DS_LIVE_CLOCK_AUTO,      /* transport, else MIDI clock, else --bpm */
  DS_LIVE_CLOCK_TRANSPORT,
  DS_LIVE_CLOCK_MIDI,
  DS_LIVE_CLOCK_FREE,
} DsLiveClockMode;

typedef enum {
  DS_LIVE_SOURCE_NONE,     /* nothing runs: silence */
  DS_LIVE_SOURCE_TRANSPORT,
  DS_LIVE_SOURCE_MIDI,
  DS_LIVE_SOURCE_FREE,
} DsLiveSource;

/* What the JACK transport says at a cycle's first frame. */
typedef struct {
  gboolean rolling;
  guint32 frame;            /* the transport frame */
  gboolean bbt;             /* a timebase master gives the fields below */
  int bar, beat;            /* from 1 */
  double tick;              /* within the beat (the double tick when given) */
  double ticks_per_beat;
  double beats_per_bar, beat_type;
  double beats_per_minute;  /* beats of BEAT_TYPE a minute, as JACK counts them */
  guint32 bbt_offset;       /* the BBT fields are for this many frames before the cycle */
} DsLiveTransport;

/* One cycle's time: positions from QUARTER at the first frame to
 * END_QUARTER after the last, evenly spread over the cycle's frames. */
typedef struct {
  DsLiveSource source;
  gboolean rolling;         /* time moves in this cycle */
  gboolean jumped;          /* it does not continue the last cycle's (a start, a stop,
                               a relocation, another source): what sounds must stop */
  gint64 jump_frames;       /* a relocation of the transport: how far its frame moved
                               beyond the cycle expected, and its position beyond the */
  double jump_quarters;     /* one expected (for the log) */
  double quarter, end_quarter;
  guint numerator, denominator;
  double bpm;               /* quarter notes a minute */
} DsLiveSpan;

typedef struct _DsLiveClock DsLiveClock;

/* A clock in MODE at RATE frames a second, with BPM (quarter notes a minute)
 * and the meter NUMERATOR/DENOMINATOR for the sources that give none. */
DsLiveClock *ds_live_clock_new (DsLiveClockMode mode, double rate, double bpm, guint numerator,
                                guint denominator);
void ds_live_clock_free (DsLiveClock *clock);

/* The time of one cycle of NFRAMES frames whose first frame is FRAME (counted
 * from any origin, never wrapping), given the TRANSPORT and the cycle's input
 * EVENTS (in frame order: MIDI clock messages and the first note are read
 * here). */
void ds_live_clock_cycle (DsLiveClock *clock, const DsLiveTransport *transport, gint64 frame,
                          guint nframes, const DsLiveEvent *events, guint n_events,
                          DsLiveSpan *span);

/* The frame within a cycle of SPAN and NFRAMES at which QUARTER falls (may be
 * negative, or NFRAMES and above, when it falls outside the cycle). */
gint64 ds_live_span_offset (const DsLiveSpan *span, guint nframes, double quarter);

/* The position at frame OFFSET of a cycle of SPAN and NFRAMES. */
double ds_live_span_quarter (const DsLiveSpan *span, guint nframes, guint offset);

const char *ds_live_source_name (DsLiveSource source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLiveClock, ds_live_clock_free)

G_END_DECLS
