/* test-live.c: drumswarm live without JACK: the clock (transport, MIDI clock,
 * --bpm), the engine (hearing bars, answering in the next to the frame, never
 * a hanging note), the controllers' map, the ring and the learner's swap,
 * driven by made-up cycles of 256 frames at 48 kHz. */
#include "autoconfig.h"

#include "src/live/cc-map.h"
#include "src/live/clock.h"
#include "src/live/engine.h"
#include "src/live/learner.h"
#include "src/live/log.h"
#include "src/live/ring.h"

#include <math.h>
#include <string.h>

#define RATE 48000
#define PERIOD 256
#define BPM 240.0
#define FPQ 12000        /* frames a quarter note at 240 bpm */
#define BAR (4 * FPQ)    /* a 4/4 bar */
#define STEP (BAR / 16)  /* a sixteenth */
#define KICK 36
#define SNARE 38
#define HAT 42

typedef struct {
  gint64 frame;
  guint8 bytes[3];
} Timed;

static Timed
note_on (gint64 frame, guint8 note, guint8 velocity)
{
  return (Timed) { frame, { 0x99, note, velocity } };
}

/* What a timebase master says at FRAME, playing 4/4 at BPM from frame 0
 * (the double tick exact, as tests/jack-player gives it). */
static DsLiveTransport
transport_at (guint32 frame, double bpm, gboolean rolling)
{
  double quarters = frame / (RATE * 60.0 / bpm);
  double bar = floor (quarters / 4);
  double beat = floor (quarters - bar * 4);

  return (DsLiveTransport) { .rolling = rolling, .frame = frame, .bbt = TRUE,
                             .bar = (int) bar + 1, .beat = (int) beat + 1,
                             .tick = (quarters - bar * 4 - beat) * 1920, .ticks_per_beat = 1920,
                             .beats_per_bar = 4, .beat_type = 4, .beats_per_minute = bpm };
}

/* The live pieces and what they played, in frames. */
typedef struct {
  DsLiveLearner *learner;
  DsLiveEngine *engine;
  DsLiveClock *clock;
  GArray *out;        /* Timed */
  GArray *log;        /* DsLiveLogRecord */
  gint64 next;        /* the first frame of the next cycle */
} Rig;

static void
rig_init (Rig *rig, DsLiveClockMode mode, const DsLiveCcMap *cc)
{
  g_autoptr (GError) error = NULL;
  DsResponder *r = ds_responder_new_untrained ("4/4", 16, NULL, 7, &error);
  DsLiveCcMap defaults;

  g_assert_no_error (error);
  ds_live_cc_map_init_default (&defaults);
  rig->learner = ds_live_learner_new (r, 0);
  rig->engine = ds_live_engine_new (rig->learner, cc != NULL ? cc : &defaults, 9, 1);
  rig->clock = ds_live_clock_new (mode, RATE, BPM, 4, 4);
  rig->out = g_array_new (FALSE, FALSE, sizeof (Timed));
  rig->log = g_array_new (FALSE, FALSE, sizeof (DsLiveLogRecord));
  rig->next = 0;
}

static void
rig_clear (Rig *rig)
{
  ds_live_engine_free (rig->engine);
  ds_live_learner_free (rig->learner);
  ds_live_clock_free (rig->clock);
  g_array_unref (rig->out);
  g_array_unref (rig->log);
}

static void
rig_drain_log (Rig *rig)
{
  DsLiveLogRecord record;

  while (ds_live_ring_pop (ds_live_engine_log (rig->engine), &record))
    g_array_append_val (rig->log, record);
}

/* One cycle at FRAME with the transport T (NULL: none) and the input events
 * of IN that fall in it; the output goes to rig->out. */
static void
rig_cycle (Rig *rig, gint64 frame, const DsLiveTransport *t, const Timed *in, guint n_in)
{
  DsLiveEvent events[64], out[256];
  DsLiveTransport none = { 0 };
  DsLiveSpan span;
  guint n = 0, n_out;

  for (guint i = 0; i < n_in; i++)
    if (in[i].frame >= frame && in[i].frame < frame + PERIOD)
      {
        g_assert_cmpuint (n, <, G_N_ELEMENTS (events));
        events[n].offset = (guint32) (in[i].frame - frame);
        events[n].size = (in[i].bytes[0] >= 0xF8 || in[i].bytes[0] == 0xFB) ? 1 : 3;
        memcpy (events[n].bytes, in[i].bytes, 3);
        n++;
      }
  ds_live_clock_cycle (rig->clock, t != NULL ? t : &none, frame, PERIOD, events, n, &span);
  n_out = ds_live_engine_cycle (rig->engine, &span, PERIOD, events, n, out, G_N_ELEMENTS (out));
  for (guint i = 0; i < n_out; i++)
    {
      Timed e = { frame + out[i].offset, { out[i].bytes[0], out[i].bytes[1], out[i].bytes[2] } };

      if (i > 0)
        g_assert_cmpuint (out[i].offset, >=, out[i - 1].offset);
      g_array_append_val (rig->out, e);
    }
  rig_drain_log (rig);
}

/* Cycles from the last one up to TO with the transport rolling (transport
 * frame = frame). */
static void
rig_roll (Rig *rig, gint64 to, const Timed *in, guint n_in)
{
  for (; rig->next < to; rig->next += PERIOD)
    {
      DsLiveTransport t = transport_at ((guint32) rig->next, BPM, TRUE);

      rig_cycle (rig, rig->next, &t, in, n_in);
    }
}

/* A rock bar from FRAME on the grid: kick 1 and 3, snare 2 and 4, hat eighths. */
static guint
rock_bar (Timed *in, gint64 frame)
{
  guint n = 0;

  for (guint k = 0; k < 16; k += 2)
    in[n++] = note_on (frame + k * STEP, HAT, 80);
  in[n++] = note_on (frame, KICK, 110);
  in[n++] = note_on (frame + 8 * STEP, KICK, 100);
  in[n++] = note_on (frame + 4 * STEP, SNARE, 105);
  in[n++] = note_on (frame + 12 * STEP, SNARE, 110);
  return n;
}

static gboolean
is_on (const Timed *e)
{
  return (e->bytes[0] & 0xF0) == 0x90 && e->bytes[2] > 0;
}

static gboolean
is_off (const Timed *e)
{
  return (e->bytes[0] & 0xF0) == 0x80 || ((e->bytes[0] & 0xF0) == 0x90 && e->bytes[2] == 0);
}

/* Every note-on ends with a note-off before it sounds again, and none hangs. */
static void
assert_no_hanging (const GArray *out)
{
  gboolean sounding[128] = { FALSE };

  for (guint i = 0; i < out->len; i++)
    {
      const Timed *e = &g_array_index (out, Timed, i);

      if (is_on (e))
        {
          g_assert_false (sounding[e->bytes[1]]);
          sounding[e->bytes[1]] = TRUE;
        }
      else if (is_off (e))
        sounding[e->bytes[1]] = FALSE;
    }
  for (guint n = 0; n < 128; n++)
    g_assert_false (sounding[n]);
}

static guint
count_log (const Rig *rig, DsLiveLogKind kind)
{
  guint n = 0;

  for (guint i = 0; i < rig->log->len; i++)
    n += g_array_index (rig->log, DsLiveLogRecord, i).kind == kind;
  return n;
}

/* The frame of the last answer's note-on in bar 2 that a rig playing two
 * rock bars sends: a moment when a note sounds. */
static gint64
sounding_in_bar_two (void)
{
  Rig rig;
  Timed in[64];
  guint n = rock_bar (in, 0);
  gint64 last = -1;

  n += rock_bar (in + n, BAR);
  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, 2 * BAR - 2 * STEP, in, n);
  for (guint i = 0; i < rig.out->len; i++)
    if (is_on (&g_array_index (rig.out, Timed, i)))
      last = g_array_index (rig.out, Timed, i).frame;
  rig_clear (&rig);
  g_assert_cmpint (last, >=, BAR);
  return last;
}

/* --- the engine ----------------------------------------------------------------- */

static void
test_answers_next_bar_to_the_frame (void)
{
  Rig rig;
  Timed in[64];
  guint n = 0, answers = 0;

  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  for (guint b = 0; b < 3; b++)
    n += rock_bar (in + n, b * BAR);
  rig_roll (&rig, 4 * BAR + 2 * PERIOD, in, n);
  /* nothing in bar 1: nothing heard before it */
  for (guint i = 0; i < rig.out->len; i++)
    g_assert_cmpint (g_array_index (rig.out, Timed, i).frame, >=, BAR);
  /* each answer's note-on at (bar - 1 + time) * BAR, on the grid (the loop has no groove),
   * its note-off half a step later */
  for (guint i = 0; i < rig.log->len; i++)
    {
      const DsLiveLogRecord *r = &g_array_index (rig.log, DsLiveLogRecord, i);
      gint64 frame;
      gboolean on = FALSE, off = FALSE;

      if (r->kind != DS_LIVE_LOG_ANSWER)
        continue;
      answers++;
      g_assert_cmpint (r->bar, >=, 2);
      frame = (gint64) llround ((r->bar - 1 + r->time) * BAR);
      g_assert_cmpint (frame % STEP, ==, 0);
      g_assert_cmpuint (frame / STEP % 16, ==, r->step);
      for (guint j = 0; j < rig.out->len; j++)
        {
          const Timed *e = &g_array_index (rig.out, Timed, j);

          on = on || (is_on (e) && e->frame == frame && e->bytes[1] == r->note
                      && e->bytes[0] == 0x99);
          off = off || (is_off (e) && e->frame == frame + STEP / 2 && e->bytes[1] == r->note);
        }
      g_assert_true (on);
      g_assert_true (off);
    }
  g_assert_cmpuint (answers, >, 3 * 4);
  g_assert_cmpuint (count_log (&rig, DS_LIVE_LOG_HEARD), ==, 3 * 12);
  assert_no_hanging (rig.out);
  rig_clear (&rig);
}

static void
test_note_before_the_bar_line_is_the_next_bars (void)
{
  Rig rig;
  Timed in[] = { note_on (BAR / 2, KICK, 100), note_on (BAR - 48, SNARE, 90),
                 note_on (BAR + BAR / 2, HAT, 90) };
  gboolean found = FALSE;

  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, 3 * BAR, in, G_N_ELEMENTS (in));
  for (guint i = 0; i < rig.log->len; i++)
    {
      const DsLiveLogRecord *r = &g_array_index (rig.log, DsLiveLogRecord, i);

      if (r->kind == DS_LIVE_LOG_HEARD && r->note == SNARE)
        {
          /* 1 ms before bar 2: bar 2's, at time -48 / BAR */
          g_assert_cmpint (r->bar, ==, 2);
          g_assert_cmpfloat_with_epsilon (r->time, -48.0 / BAR, 1e-12);
          found = TRUE;
        }
    }
  g_assert_true (found);
  rig_clear (&rig);
}

static void
test_stop_ends_every_note (void)
{
  Rig rig;
  Timed in[64];
  guint n = rock_bar (in, 0);
  gint64 stop = sounding_in_bar_two () + 100; /* while an answer's note sounds */
  guint offs_at_stop = 0;

  n += rock_bar (in + n, BAR);
  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, stop, in, n);
  stop = rig.next;
  {
    DsLiveTransport t = transport_at ((guint32) stop, BPM, FALSE);

    rig_cycle (&rig, stop, &t, in, n);
    rig_cycle (&rig, stop + PERIOD, &t, in, n);
  }
  for (guint i = 0; i < rig.out->len; i++)
    offs_at_stop += g_array_index (rig.out, Timed, i).frame == stop
                    && is_off (&g_array_index (rig.out, Timed, i));
  g_assert_cmpuint (offs_at_stop, >, 0);
  assert_no_hanging (rig.out);
  for (guint i = 0; i < rig.out->len; i++)
    g_assert_cmpint (g_array_index (rig.out, Timed, i).frame, <=, stop);
  g_assert_cmpuint (count_log (&rig, DS_LIVE_LOG_STOP), ==, 1);
  rig_clear (&rig);
}

static void
test_relocation_ends_notes_and_skips_the_partial_bar (void)
{
  Rig rig;
  Timed in[64];
  guint n = rock_bar (in, 0);
  gint64 jump = sounding_in_bar_two () + 100;
  guint32 to = 10 * BAR + BAR / 2; /* the middle of bar 11 */
  guint answers_before, answers;

  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, jump, in, n);
  jump = rig.next;
  answers_before = count_log (&rig, DS_LIVE_LOG_ANSWER);
  /* the transport jumps; the musician plays on from there */
  n = rock_bar (in, jump + BAR / 2);
  for (gint64 f = jump; f < jump + 3 * BAR; f += PERIOD)
    {
      DsLiveTransport t = transport_at ((guint32) (f - jump + to), BPM, TRUE);

      rig_cycle (&rig, f, &t, in, n);
    }
  g_assert_cmpuint (count_log (&rig, DS_LIVE_LOG_STOP), ==, 1);
  assert_no_hanging (rig.out);
  /* bar 11 was heard from its middle: not answered; bar 12 was, in bar 13 */
  answers = count_log (&rig, DS_LIVE_LOG_ANSWER) - answers_before;
  g_assert_cmpuint (answers, >, 0);
  for (guint i = 0; i < rig.log->len; i++)
    {
      const DsLiveLogRecord *r = &g_array_index (rig.log, DsLiveLogRecord, i);

      if (r->kind == DS_LIVE_LOG_ANSWER && r->bar > 2)
        g_assert_cmpint (r->bar, ==, 13);
    }
  rig_clear (&rig);
}

static void
test_xrun_drops_passed_notes_and_keeps_time (void)
{
  Rig rig;
  Timed in[64];
  guint n = rock_bar (in, 0);
  gint64 sounding = sounding_in_bar_two ();
  DsLiveStats stats;
  guint bar_three = 0;

  n += rock_bar (in + n, BAR);
  n += rock_bar (in + n, 2 * BAR);
  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, sounding - 2000, in, n);
  /* the graph stalls for 16 periods (85 ms) over that note; JACK moves the
   * transport on, the master's position lags a cycle */
  rig.next += 16 * PERIOD;
  {
    DsLiveTransport t = transport_at ((guint32) (rig.next - PERIOD), BPM, TRUE);

    t.frame = (guint32) rig.next;
    rig_cycle (&rig, rig.next, &t, in, n);
    rig.next += PERIOD;
  }
  rig_roll (&rig, 4 * BAR, in, n);
  ds_live_engine_stats (rig.engine, &stats);
  g_assert_cmpuint (count_log (&rig, DS_LIVE_LOG_STOP), ==, 0);
  g_assert_cmpuint (stats.late, >=, 1);
  g_assert_cmpuint (stats.dropped, >=, 1);
  assert_no_hanging (rig.out);
  for (guint i = 0; i < rig.log->len; i++)
    bar_three += g_array_index (rig.log, DsLiveLogRecord, i).kind == DS_LIVE_LOG_ANSWER
                 && g_array_index (rig.log, DsLiveLogRecord, i).bar == 3;
  g_assert_cmpuint (bar_three, >, 0);
  rig_clear (&rig);
}

static void
test_quit_ends_notes_with_all_notes_off (void)
{
  Rig rig;
  Timed in[64];
  guint n = rock_bar (in, 0);
  DsLiveEvent out[256];
  guint n_out, offs = 0;

  n += rock_bar (in + n, BAR);
  rig_init (&rig, DS_LIVE_CLOCK_AUTO, NULL);
  rig_roll (&rig, sounding_in_bar_two () + 100, in, n);
  n_out = ds_live_engine_quit (rig.engine, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n_out, >=, 2);
  for (guint i = 0; i + 1 < n_out; i++)
    {
      Timed e = { 0, { out[i].bytes[0], out[i].bytes[1], out[i].bytes[2] } };

      g_assert_true (is_off (&e));
      g_array_append_val (rig.out, e);
      offs++;
    }
  g_assert_cmpuint (offs, >, 0);
  assert_no_hanging (rig.out);
  /* the last is an all-notes-off on the answer's channel */
  g_assert_cmpuint (out[n_out - 1].bytes[0], ==, 0xB9);
  g_assert_cmpuint (out[n_out - 1].bytes[1], ==, 123);
  rig_clear (&rig);
}

static void
test_controllers_turn_the_knobs (void)
{
  Rig rig;
  DsLiveCcMap cc;
  Timed in[64];
  guint n = rock_bar (in, 0);
  const DsResponder *playing;
  int snare;

  ds_live_cc_map_init_default (&cc);
  rig_init (&rig, DS_LIVE_CLOCK_AUTO, &cc);
  playing = ds_live_learner_playing (rig.learner);
  snare = ds_responder_find_voice (playing, "snare");
  /* controller 23 (density) at 0, controller 27 (temperature) at 32 */
  in[n++] = (Timed) { 100, { 0xB0, 23, 0 } };
  in[n++] = (Timed) { 200, { 0xB0, 27, 32 } };
  rig_roll (&rig, BAR + PERIOD, in, n);
  g_assert_cmpfloat (ds_responder_get_knob (playing, (guint) snare, DS_KNOB_DENSITY), ==, 0.0);
  g_assert_cmpfloat (ds_responder_get_knob (playing, (guint) snare, DS_KNOB_STYLE), ==, 1.0);
  /* 64 is the mix as written */
  n = 0;
  in[n++] = (Timed) { BAR + 2 * PERIOD, { 0xB0, 23, 64 } };
  n += rock_bar (in + n, BAR);
  rig_roll (&rig, 2 * BAR + PERIOD, in, n);
  g_assert_cmpfloat (ds_responder_get_knob (playing, (guint) snare, DS_KNOB_DENSITY), ==, 1.0);
  rig_clear (&rig);
}

/* --- the clock --------------------------------------------------------------------- */

static void
test_clock_transport_to_the_frame (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_AUTO, RATE, 120, 4, 4);
  DsLiveSpan span;

  for (guint32 f = 0; f < 10 * BAR; f += PERIOD)
    {
      DsLiveTransport t = transport_at (f, BPM, TRUE);

      t.tick = floor (t.tick); /* a master without the double tick */
      ds_live_clock_cycle (clock, &t, f + 1000000, PERIOD, NULL, 0, &span);
      g_assert_cmpint (span.source, ==, DS_LIVE_SOURCE_TRANSPORT);
      g_assert_true (span.rolling);
      g_assert_cmpint (span.jumped, ==, f == 0);
      /* exact to the frame although a tick is 6.25 frames */
      g_assert_cmpfloat_with_epsilon (span.quarter, (double) f / FPQ, 1e-9);
      g_assert_cmpfloat_with_epsilon (span.end_quarter, (double) (f + PERIOD) / FPQ, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (span.bpm, BPM, 1e-9);
}

static void
test_clock_transport_xrun_is_no_jump (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_AUTO, RATE, 120, 4, 4);
  DsLiveSpan span;
  DsLiveTransport t = transport_at (0, BPM, TRUE);

  ds_live_clock_cycle (clock, &t, 0, PERIOD, NULL, 0, &span);
  /* the transport moved two periods on, the master's position still the last cycle's */
  t = transport_at (PERIOD, BPM, TRUE);
  t.frame = 2 * PERIOD;
  ds_live_clock_cycle (clock, &t, 2 * PERIOD, PERIOD, NULL, 0, &span);
  g_assert_false (span.jumped);
  g_assert_cmpfloat_with_epsilon (span.quarter, 2.0 * PERIOD / FPQ, 1e-9);
  /* a relocation is a jump */
  t = transport_at (20 * BAR, BPM, TRUE);
  ds_live_clock_cycle (clock, &t, 3 * PERIOD, PERIOD, NULL, 0, &span);
  g_assert_true (span.jumped);
  g_assert_cmpfloat_with_epsilon (span.quarter, 80.0, 1e-9);
  /* a stop too */
  t.rolling = FALSE;
  ds_live_clock_cycle (clock, &t, 4 * PERIOD, PERIOD, NULL, 0, &span);
  g_assert_false (span.rolling);
  g_assert_true (span.jumped);
}

/* MIDI clock: Start at frame START, a clock every 500 frames (240 bpm) from
 * there, plus EXTRA events; the spans of the cycles up to END. */
static void
midi_clock_cycles (DsLiveClock *clock, gint64 start, gint64 end, const Timed *extra,
                   guint n_extra, gint jitter, GArray *spans)
{
  g_autoptr (GArray) in = g_array_new (FALSE, FALSE, sizeof (Timed));

  g_array_append_vals (in, extra, n_extra);
  if (n_extra == 0)
    {
      Timed s = { start, { 0xFA } };

      g_array_append_val (in, s);
    }
  for (gint64 f = start, k = 0; f < end; f += 500, k++)
    {
      Timed c = { f + (k % 2 ? jitter : -jitter) * (k > 0), { 0xF8 } };

      g_array_append_val (in, c);
    }
  for (gint64 f = 0; f < end; f += PERIOD)
    {
      DsLiveEvent events[8];
      DsLiveTransport none = { 0 };
      DsLiveSpan span;
      guint n = 0;

      for (guint i = 0; i < in->len; i++)
        {
          const Timed *e = &g_array_index (in, Timed, i);

          if (e->frame >= f && e->frame < f + PERIOD)
            {
              events[n].offset = (guint32) (e->frame - f);
              events[n].size = e->bytes[0] == 0xF2 ? 3 : 1;
              memcpy (events[n].bytes, e->bytes, 3);
              n++;
            }
        }
      ds_live_clock_cycle (clock, &none, f, PERIOD, events, n, &span);
      g_array_append_val (spans, span);
    }
}

static void
test_clock_midi_follows_start_and_tempo (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_AUTO, RATE, 120, 4, 4);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (DsLiveSpan));
  gint64 start = 1000;

  midi_clock_cycles (clock, start, 2 * BAR, NULL, 0, 0, spans);
  for (guint c = 0; c < spans->len; c++)
    {
      const DsLiveSpan *s = &g_array_index (spans, DsLiveSpan, c);
      gint64 f = (gint64) c * PERIOD;

      if (f + PERIOD <= start)
        {
          g_assert_false (s->rolling);
          continue;
        }
      g_assert_cmpint (s->source, ==, DS_LIVE_SOURCE_MIDI);
      /* the first clock after Start is bar 1's downbeat; after a few clocks the
       * position is exact between them too */
      if (f > start + 2000)
        {
          g_assert_false (s->jumped);
          g_assert_cmpfloat_with_epsilon (s->quarter, (double) (f - start) / FPQ, 1e-9);
          g_assert_cmpfloat_with_epsilon (s->bpm, BPM, 1e-6);
        }
    }
}

static void
test_clock_midi_song_position (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_MIDI, RATE, 120, 4, 4);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (DsLiveSpan));
  /* the pointer at 32 sixteenths (bar 3), then Continue */
  Timed extra[] = { { 1000, { 0xF2, 32, 0 } }, { 1000, { 0xFB } } };
  const DsLiveSpan *last;

  midi_clock_cycles (clock, 1000, BAR, extra, G_N_ELEMENTS (extra), 0, spans);
  last = &g_array_index (spans, DsLiveSpan, spans->len - 1);
  g_assert_cmpfloat_with_epsilon (last->quarter,
                                  8.0 + (double) ((spans->len - 1) * PERIOD - 1000) / FPQ, 1e-9);
}

static void
test_clock_midi_stop_and_jitter (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_AUTO, RATE, 120, 4, 4);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (DsLiveSpan));
  double worst = 0;
  DsLiveEvent stop = { 10, 1, { 0xFC } };
  DsLiveTransport none = { 0 };
  DsLiveSpan span;

  /* clocks 20 frames early and late by turns: the position stays within a few frames */
  midi_clock_cycles (clock, 1000, 4 * BAR, NULL, 0, 20, spans);
  for (guint c = 0; c < spans->len; c++)
    {
      const DsLiveSpan *s = &g_array_index (spans, DsLiveSpan, c);
      gint64 f = (gint64) c * PERIOD;

      if (f > 1000 + BAR)
        worst = MAX (worst, fabs (s->quarter - (double) (f - 1000) / FPQ) * FPQ);
    }
  g_assert_cmpfloat (worst, <, 5.0);
  ds_live_clock_cycle (clock, &none, 4 * BAR, PERIOD, &stop, 1, &span);
  g_assert_false (span.rolling);
  g_assert_true (span.jumped);
}

static void
test_clock_bpm_from_the_first_note (void)
{
  g_autoptr (DsLiveClock) clock = ds_live_clock_new (DS_LIVE_CLOCK_AUTO, RATE, BPM, 4, 4);
  DsLiveEvent note = { 100, 3, { 0x99, KICK, 100 } };
  DsLiveTransport t = transport_at (0, BPM, FALSE);
  DsLiveSpan span;

  ds_live_clock_cycle (clock, &t, 0, PERIOD, NULL, 0, &span);
  g_assert_false (span.rolling);
  ds_live_clock_cycle (clock, &t, PERIOD, PERIOD, &note, 1, &span);
  g_assert_cmpint (span.source, ==, DS_LIVE_SOURCE_FREE);
  g_assert_true (span.jumped);
  g_assert_cmpfloat_with_epsilon (span.quarter, -100.0 / FPQ, 1e-12);
  ds_live_clock_cycle (clock, &t, 2 * PERIOD, PERIOD, NULL, 0, &span);
  g_assert_false (span.jumped);
  g_assert_cmpfloat_with_epsilon (span.quarter, (PERIOD - 100.0) / FPQ, 1e-12);
  /* the transport takes over: a jump */
  t.rolling = TRUE;
  ds_live_clock_cycle (clock, &t, 3 * PERIOD, PERIOD, NULL, 0, &span);
  g_assert_cmpint (span.source, ==, DS_LIVE_SOURCE_TRANSPORT);
  g_assert_true (span.jumped);
}

/* --- controllers, ring, learner, log ---------------------------------------------- */

static void
test_cc_map_from_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = ds_responder_new_untrained ("4/4", 16, NULL, 1, &error);
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[live]\ncc-30 = snare:density\ncc-31 = hat:play\ncc-32 = temperature\n", "t.conf", &error);
  DsLiveCcMap map;

  g_assert_no_error (error);
  g_assert_true (ds_live_cc_map_read (&map, config, r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (map.targets[30].kind, ==, DS_LIVE_CC_KNOB);
  g_assert_cmpint (map.targets[30].voice, ==, ds_responder_find_voice (r, "snare"));
  g_assert_cmpint (map.targets[30].knob, ==, DS_KNOB_DENSITY);
  g_assert_cmpint (map.targets[31].kind, ==, DS_LIVE_CC_PLAY);
  g_assert_cmpint (map.targets[32].kind, ==, DS_LIVE_CC_TEMPERATURE);
  /* a map in the config replaces the default one */
  g_assert_cmpint (map.targets[21].kind, ==, DS_LIVE_CC_NONE);
  g_assert_true (ds_live_cc_map_read (&map, NULL, r, &error));
  g_assert_cmpint (map.targets[21].kind, ==, DS_LIVE_CC_KNOB);
  g_assert_cmpint (map.targets[21].voice, ==, -1);
  g_assert_cmpint (map.targets[27].kind, ==, DS_LIVE_CC_TEMPERATURE);
}

static void
test_cc_map_errors (void)
{
  static const char *const cases[][2] = {
    { "[live]\ncc-200 = style\n", "t.conf:2: [live] has no key 'cc-200'; did you mean 'cc-20'?" },
    { "[live]\ncc-21 = sytle\n", "t.conf:2: [live] cc-21: 'sytle' is not something a controller "
                                 "drives; did you mean 'style'?" },
    { "[live]\ncc-21 = tom:density\n", "t.conf:2: [live] cc-21: 'tom' is not one of the voices "
                                       "that answer (kick,snare,hat)" },
    { "[live]\ncc-21 = snare:temperature\n", "t.conf:2: [live] cc-21: the temperature is every "
                                             "voice's: write 'temperature' alone" },
    { "[live]\ncc-21 = play\n", "t.conf:2: [live] cc-21: 'play' needs a voice: VOICE:play" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = ds_responder_new_untrained ("4/4", 16, NULL, 1, &error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (DsConfig) config = ds_config_load_data (cases[i][0], "t.conf", &error);
      DsLiveCcMap map;

      g_assert_no_error (error);
      g_assert_false (ds_live_cc_map_read (&map, config, r, &error));
      g_assert_cmpstr (error->message, ==, cases[i][1]);
      g_clear_error (&error);
    }
}

static void
test_ring_in_order_and_full (void)
{
  g_autoptr (DsLiveRing) ring = ds_live_ring_new (sizeof (guint), 4);
  guint value;

  for (guint i = 0; i < 4; i++)
    g_assert_true (ds_live_ring_push (ring, &i));
  g_assert_false (ds_live_ring_push (ring, &value));
  g_assert_cmpuint (ds_live_ring_dropped (ring), ==, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ds_live_ring_pop (ring, &value));
      g_assert_cmpuint (value, ==, i);
    }
  g_assert_false (ds_live_ring_pop (ring, &value));
}

static void
test_learner_swaps_learnt_weights (void)
{
  g_autoptr (GError) error = NULL;
  DsResponder *r = ds_responder_new_untrained ("4/4", 16, NULL, 3, &error);
  g_autoptr (DsLiveLearner) learner = ds_live_learner_new (r, 128);
  DsResponder *first = ds_live_learner_playing (learner), *fresh;
  DsHit hits[] = { { .time = 0, .note = KICK, .velocity = 100 },
                   { .time = 0.25, .note = SNARE, .velocity = 100 },
                   { .time = 0.5, .note = KICK, .velocity = 100 },
                   { .time = 0.75, .note = SNARE, .velocity = 100 } };
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint round = 0;

  g_assert_null (ds_live_learner_swap (learner, &round));
  g_assert_true (ds_live_learner_start (learner, &error));
  ds_live_learner_hear (learner, hits, G_N_ELEMENTS (hits));
  while (ds_live_learner_rounds (learner) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (ds_live_learner_rounds (learner), >=, 1);
  g_assert_cmpuint (ds_live_learner_bars (learner), ==, 1);
  fresh = ds_live_learner_swap (learner, &round);
  g_assert_nonnull (fresh);
  g_assert_true (fresh != first);
  g_assert_cmpuint (round, ==, 1);
  /* nothing new since */
  g_assert_null (ds_live_learner_swap (learner, &round));
  g_assert_null (ds_live_learner_take_error (learner));
}

static void
test_log_lines (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = ds_responder_new_untrained ("4/4", 16, NULL, 1, &error);
  DsLiveLogRecord answer = { .kind = DS_LIVE_LOG_ANSWER, .bar = 3, .time = 0.25, .note = 38,
                             .velocity = 90, .step = 4, .voice = 1 };
  DsLiveLogRecord source = { .kind = DS_LIVE_LOG_SOURCE, .bar = 1, .bpm = 300,
                             .numerator = 4, .denominator = 4,
                             .value = DS_LIVE_SOURCE_TRANSPORT };
  g_autofree char *a = ds_live_log_format (&answer, r);
  g_autofree char *s = ds_live_log_format (&source, r);

  g_assert_cmpstr (a, ==, "answer\t3\t0.250000000\t38\t90\t4\tsnare");
  g_assert_cmpstr (s, ==, "source\t1\tJACK transport\t300\t4/4");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live/engine/answers-the-next-bar-to-the-frame",
                   test_answers_next_bar_to_the_frame);
  g_test_add_func ("/live/engine/a-note-before-the-bar-line-is-the-next-bars",
                   test_note_before_the_bar_line_is_the_next_bars);
  g_test_add_func ("/live/engine/stop-ends-every-note", test_stop_ends_every_note);
  g_test_add_func ("/live/engine/relocation-ends-notes-and-skips-the-partial-bar",
                   test_relocation_ends_notes_and_skips_the_partial_bar);
  g_test_add_func ("/live/engine/xrun-drops-passed-notes-and-keeps-time",
                   test_xrun_drops_passed_notes_and_keeps_time);
  g_test_add_func ("/live/engine/quit-ends-notes-with-all-notes-off",
                   test_quit_ends_notes_with_all_notes_off);
  g_test_add_func ("/live/engine/controllers-turn-the-knobs", test_controllers_turn_the_knobs);
  g_test_add_func ("/live/clock/transport-to-the-frame", test_clock_transport_to_the_frame);
  g_test_add_func ("/live/clock/transport-xrun-is-no-jump", test_clock_transport_xrun_is_no_jump);
  g_test_add_func ("/live/clock/midi-follows-start-and-tempo",
                   test_clock_midi_follows_start_and_tempo);
  g_test_add_func ("/live/clock/midi-song-position", test_clock_midi_song_position);
  g_test_add_func ("/live/clock/midi-stop-and-jitter", test_clock_midi_stop_and_jitter);
  g_test_add_func ("/live/clock/bpm-from-the-first-note", test_clock_bpm_from_the_first_note);
  g_test_add_func ("/live/cc-map/from-config", test_cc_map_from_config);
  g_test_add_func ("/live/cc-map/errors", test_cc_map_errors);
  g_test_add_func ("/live/ring/in-order-and-full", test_ring_in_order_and_full);
  g_test_add_func ("/live/learner/swaps-learnt-weights", test_learner_swaps_learnt_weights);
  g_test_add_func ("/live/log/lines", test_log_lines);
  return g_test_run ();
}
