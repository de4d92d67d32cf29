/* log.h: what drumswarm live heard, answered and did, as records that the
 * process callback pushes into a ring (no allocation, no I/O there) and the
 * main thread writes out: the --log file, one TSV line a record, and the
 * --verbose lines.
 *
 * The lines (BAR counts from 1, TIME is the fraction of the bar from its
 * first frame, negative just before the bar line):
 *   source  BAR  NAME  BPM  METER        time comes from NAME from BAR on
 *   stop    BAR  WHY [FRAMES QUARTERS]   every note was ended: time stopped, or the
 *                                        transport jumped (FRAMES beyond the frame
 *                                        expected, QUARTERS beyond the position), or
 *                                        time came from another source, or the meter
 *                                        changed
 *   heard   BAR  TIME  NOTE  VELOCITY    a note-on heard in BAR
 *   answer  BAR  TIME  NOTE  VELOCITY  STEP  VOICE
 *                                        a note the agents play in BAR (the answer to BAR - 1)
 *   weights BAR  ROUND                   learnt weights play from BAR on
 *   meter   BAR  METER  RESPONDER-METER  time's meter is not the responder's
 *   late    BAR  FRAMES                  a note went out FRAMES late (the cycle had passed)
 */
#pragma once

#include <glib.h>

#include "src/live/clock.h"
#include "src/responder/drumswarm.h"

G_BEGIN_DECLS

typedef enum {
  DS_LIVE_LOG_SOURCE,
  DS_LIVE_LOG_STOP,
  DS_LIVE_LOG_HEARD,
  DS_LIVE_LOG_ANSWER,
  DS_LIVE_LOG_WEIGHTS,
  DS_LIVE_LOG_METER,
  DS_LIVE_LOG_LATE,
} DsLiveLogKind;

/* Why every note was ended. */
typedef enum {
  DS_LIVE_STOP_STOPPED,  /* time stopped */
  DS_LIVE_STOP_JUMPED,   /* the transport relocated */
  DS_LIVE_STOP_SOURCE,   /* another source, or time started again */
  DS_LIVE_STOP_METER,    /* the meter changed */
  DS_LIVE_STOP_LOST,     /* bar lines passed faster than cycles (a jump the clock missed) */
} DsLiveStop;

typedef struct {
  DsLiveLogKind kind;
  gint64 bar;              /* from 1 */
  double time;             /* heard, answer */
  double bpm;              /* source */
  guint8 note, velocity, voice;
  guint16 step;
  guint16 numerator, denominator;  /* source, meter */
  guint32 value;           /* weights: the round; late: frames; source: DsLiveSource;
                              stop: DsLiveStop */
  gint64 frames;           /* stop (a jump) */
  double quarters;         /* stop (a jump) */
} DsLiveLogRecord;

/* The record's line, without a newline; voice names and the responder's
 * meter from RESPONDER. */
char *ds_live_log_format (const DsLiveLogRecord *record, const DsResponder *responder);

G_END_DECLS
