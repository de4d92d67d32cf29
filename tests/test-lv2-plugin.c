/* test-lv2-plugin.c: drumswarm.lv2 without a host, for what jalv cannot show.
 *
 * The program is a small LV2 host of its own (lv2-host.h): it loads the built
 * module, runs the worker's requests between cycles, and feeds run() atom
 * sequences of MIDI and time:Position in cycles of 256 frames at 48 kHz.  The plugin's answers are compared with a
 * responder of the same model answering the same bars through the public API
 * (drumswarm.h), to the frame; the transport's stops, jumps, tempo and meter,
 * the controls, the state, patch:Set, learning without a model (the general
 * model, or fresh agents for a meter it has none for) and deactivation are
 * each checked.  The general model is a small one of the test's own, in the
 * folder DRUMSWARM_DATADIR names (src/base/data.h looks there first).  An
 * allocation counter interposed on malloc and its kin shows that run() and
 * work_response() allocate nothing.
 */
#include "autoconfig.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/atom.h>

#include "src/responder/drumswarm.h"
#include "tests/lv2-host.h"

#define KICK 36
#define SNARE 38
#define HAT 42

/* --- playing bars ------------------------------------------------------------------------ */

typedef struct {
  gint64 frame;  /* from the start of the session */
  uint8_t note, velocity;
} Played;

/* A rock bar with a groove: kick 1 and 3 (+ the "and" of 3 in odd bars),
 * snare 2 and 4 a little late, hat eighths pushed and pulled, velocities of
 * their own; a pickup snare in some bars. */
static guint
rock_bar (DsHit *hits, guint variant)
{
  guint n = 0;

  for (guint k = 0; k < 16; k += 2)
    hits[n++] = (DsHit){ .time = (k + 0.06 * ((k / 2) % 3) - 0.04) / 16.0, .note = HAT,
                         .velocity = (uint8_t) (70 + 3 * k) };
  hits[n++] = (DsHit){ .time = 0.0 / 16, .note = KICK, .velocity = 110 };
  hits[n++] = (DsHit){ .time = (8 - 0.1) / 16.0, .note = KICK, .velocity = 100 };
  if (variant % 2 == 1)
    hits[n++] = (DsHit){ .time = 10.0 / 16, .note = KICK, .velocity = 90 };
  hits[n++] = (DsHit){ .time = (4 + 0.15) / 16.0, .note = SNARE, .velocity = 105 };
  hits[n++] = (DsHit){ .time = (12 + 0.15) / 16.0, .note = SNARE, .velocity = 112 };
  if (variant % 3 == 2)
    hits[n++] = (DsHit){ .time = 15.0 / 16, .note = SNARE, .velocity = 60 };
  return n;
}

/* A session: the transport from frame 0 (bar 0) at BPM in BEATS/4, the bars of
 * rock_bar played.  Hits become frames; the plugin hears times again. */
typedef struct {
  double bpm;
  int beats, unit;
  double bar_frames;
  gint64 start;      /* the session frame where bar 0 starts */
  gint64 heard_from; /* the first frame the plugin hears (the transport started or landed) */
  GArray *played;    /* Played, sorted */
} Session;

static void
session_init (Session *s, double bpm, int beats, int unit, gint64 start)
{
  s->bpm = bpm;
  s->beats = beats;
  s->unit = unit;
  s->bar_frames = beats * (4.0 / unit) * 60.0 / bpm * RATE;
  s->start = s->heard_from = start;
  s->played = g_array_new (FALSE, FALSE, sizeof (Played));
}

/* The hits of bar B (from the session's start) into PLAYED, at frames. */
static void
session_play_bar (Session *s, gint64 bar, const DsHit *hits, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      Played p = { s->start + (gint64) llround ((bar + hits[i].time) * s->bar_frames),
                   hits[i].note, hits[i].velocity };
      guint at = s->played->len;

      while (at > 0 && g_array_index (s->played, Played, at - 1).frame > p.frame)
        at--;
      g_array_insert_val (s->played, at, p);
    }
}

/* Runs HOST from its present frame to frame UNTIL, cycle by cycle, feeding
 * the session's notes that fall in each; a Position (when POS) first. */
static void
session_run (Host *host, Session *s, gint64 until, const Position *pos)
{
  gboolean first = TRUE;

  while (host->now < until)
    {
      uint32_t n = (uint32_t) MIN (PERIOD, until - host->now);

      host_begin_input (host);
      if (first && pos != NULL)
        host_position (host, 0, pos);
      first = FALSE;
      for (guint i = 0; i < s->played->len; i++)
        {
          const Played *p = &g_array_index (s->played, Played, i);

          if (p->frame >= host->now && p->frame < host->now + n)
            host_note_on (host, (uint32_t) (p->frame - host->now), p->note, p->velocity);
        }
      host_cycle (host, n);
    }
}

static Position
rolling_at (const Session *s, gint64 bar)
{
  return (Position){ .bar = bar, .bar_beat = 0, .beats_per_bar = s->beats, .beat_unit = s->unit,
                     .bpm = s->bpm, .speed = 1, .frame = (gint64) llround (bar * s->bar_frames) };
}

/* The plugin's note-ons from FROM to UNTIL (session frames). */
static GArray *
note_ons (Host *host, gint64 from, gint64 until)
{
  GArray *ons = g_array_new (FALSE, FALSE, sizeof (Midi));

  for (guint i = 0; i < host->midi->len; i++)
    {
      const Midi *m = &g_array_index (host->midi, Midi, i);

      if ((m->msg[0] & 0xf0) == 0x90 && m->msg[2] > 0 && m->frame >= from && m->frame < until)
        g_array_append_val (ons, *m);
    }
  return ons;
}

static guint
count_ons (Host *host, gint64 from, gint64 until)
{
  g_autoptr (GArray) ons = note_ons (host, from, until);

  return ons->len;
}

/* The note-ons the responder R plays answering bar B of S, at session frames. */
static void
expect_answer (DsResponder *r, const Session *s, gint64 bar, GArray *expected)
{
  DsHit in[64], out[256];
  guint n_in = 0, n;

  for (guint i = 0; i < s->played->len; i++)
    {
      const Played *p = &g_array_index (s->played, Played, i);
      double time = (p->frame - s->start) / s->bar_frames - bar;

      if (p->frame >= s->heard_from && time >= -0.5 / ds_responder_steps (r) && time < 1 - 0.5 / ds_responder_steps (r))
        in[n_in++] = (DsHit){ .time = time, .note = p->note, .velocity = p->velocity };
    }
  ds_responder_set_seed (r, (uint64_t) bar); /* as the plugin seeds each bar */
  n = ds_responder_answer (r, in, n_in, out, G_N_ELEMENTS (out));
  for (guint i = 0; i < n; i++)
    {
      Midi m = { .frame = s->start + (gint64) llround ((bar + 1 + out[i].time) * s->bar_frames),
                 .msg = { 0x99, out[i].note, out[i].velocity } };

      g_array_append_val (expected, m);
    }
}

/* The note-ons ACTUAL are EXPECTED, each within a frame. */
static void
assert_same_notes (GArray *expected, GArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const Midi *e = &g_array_index (expected, Midi, i), *a = NULL;

      for (guint j = 0; j < actual->len && a == NULL; j++)
        {
          const Midi *c = &g_array_index (actual, Midi, j);

          if (c->msg[1] == e->msg[1] && c->msg[2] == e->msg[2] && llabs (c->frame - e->frame) <= 1)
            a = c;
        }
      if (a == NULL)
        g_error ("no note %u (velocity %u) near frame %" G_GINT64_FORMAT, e->msg[1], e->msg[2],
                 e->frame);
      g_assert_cmpuint (a->msg[0], ==, 0x99);
    }
}

/* Every note-on is ended, before the note strikes again, by a note-off on
 * channel 10, and nothing sounds at the end. */
static void
assert_no_hanging_notes (Host *host)
{
  gboolean sounding[128] = { FALSE };

  for (guint i = 0; i < host->midi->len; i++)
    {
      const Midi *m = &g_array_index (host->midi, Midi, i);

      if ((m->msg[0] & 0xf0) == 0x90 && m->msg[2] > 0)
        {
          g_assert_false (sounding[m->msg[1]]);
          sounding[m->msg[1]] = TRUE;
        }
      else if ((m->msg[0] & 0xf0) == 0x80)
        {
          g_assert_cmpuint (m->msg[0], ==, 0x89);
          sounding[m->msg[1]] = FALSE;
        }
    }
  for (guint k = 0; k < 128; k++)
    g_assert_false (sounding[k]);
}

/* --- the state ---------------------------------------------------------------------------- */

/* A model file of fresh agents (saved through the API) in a folder of its own. */
typedef struct {
  char *dir, *path;
} Model;

static void
model_init (Model *m)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = ds_responder_new_untrained ("4/4", 16, NULL, 7, &error);

  g_assert_no_error (error);
  m->dir = g_dir_make_tmp ("ds-lv2-XXXXXX", &error);
  g_assert_no_error (error);
  m->path = g_build_filename (m->dir, "model.dsm", NULL);
  g_assert_true (ds_responder_save (r, m->path, &error));
  g_assert_no_error (error);
}

static void
model_clear (Model *m)
{
  g_unlink (m->path);
  g_rmdir (m->dir);
  g_free (m->path);
  g_free (m->dir);
}



/* Restores the model at MODEL (by a path relative to its folder) and runs
 * until the worker has loaded it. */
static void
host_load (Host *host, const Model *model)
{
  g_assert_cmpint (host_restore (host, model->dir, "model.dsm"), ==, LV2_STATE_SUCCESS);
  /* run() asks, the worker loads, the response comes in after the next run() */
  for (guint i = 0; i < 3; i++)
    {
      host_begin_input (host);
      host_cycle (host, PERIOD);
    }
  g_assert_cmpfloat (host_status (host), ==, 2);
}

/* --- the tests --------------------------------------------------------------------------- */

static void
test_instantiate_needs_map_and_worker (void)
{
  g_autoptr (Host) no_map = host_new_with (FALSE, TRUE);
  g_autoptr (Host) no_worker = host_new_with (TRUE, FALSE);
  g_autoptr (Host) host = host_new ();

  g_assert_null (no_map->instance);
  g_assert_nonnull (strstr (no_map->logged->str, "urid#map"));
  g_assert_null (no_worker->instance);
  g_assert_nonnull (strstr (no_worker->logged->str, "worker#schedule"));
  /* without a model: the general model, learning */
  host_begin_input (host);
  host_cycle (host, PERIOD);
  g_assert_cmpfloat (host_status (host), ==, 3);
  g_assert_cmpfloat (host->controls[P_LEARNT], ==, 0);
}

/* Plays BARS bars of rock at BPM with the model, the controls as SET says on
 * both the plugin and a responder of the same model, and compares. */
typedef void (*SetControls) (Host *host, DsResponder *reference);

static void
play_and_compare (double bpm, guint bars, SetControls set, gboolean check_allocations)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) reference = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Midi));
  g_autoptr (GArray) actual = NULL;
  Session s;
  Position pos;
  DsHit hits[32];

  model_init (&model);
  host_load (host, &model);
  reference = ds_responder_new (model.path, "4/4", 0, &error);
  g_assert_no_error (error);
  if (set != NULL)
    set (host, reference);
  session_init (&s, bpm, 4, 4, host->now);
  for (guint b = 0; b < bars; b++)
    session_play_bar (&s, b, hits, rock_bar (hits, b));
  pos = rolling_at (&s, 0);
  session_run (host, &s, s.start + (gint64) (bars * s.bar_frames + s.bar_frames / 2), &pos);
  /* bar b is answered in bar b + 1; the last one's answer is playing */
  for (guint b = 0; b + 1 < bars; b++)
    expect_answer (reference, &s, b, expected);
  actual = note_ons (host, s.start, s.start + (gint64) (bars * s.bar_frames - s.bar_frames / 32));
  g_assert_cmpuint (expected->len, >, 0);
  assert_same_notes (expected, actual);
  /* nothing in bar 0 */
  for (guint i = 0; i < actual->len; i++)
    g_assert_cmpint (g_array_index (actual, Midi, i).frame, >=,
                     s.start + (gint64) (s.bar_frames * 31 / 32));
  /* stop: what sounds ends, nothing more plays */
  pos.speed = 0;
  pos.bar = bars;
  pos.frame = host->now - s.start;
  session_run (host, &s, host->now + PERIOD, &pos);
  {
    guint before = host->midi->len;

    session_run (host, &s, host->now + (gint64) (2 * s.bar_frames), NULL);
    g_assert_cmpuint (host->midi->len, ==, before);
  }
  assert_no_hanging_notes (host);
  if (check_allocations && COUNT_ALLOCATIONS)
    g_assert_cmpuint (host->run_allocations, ==, 0);
  g_test_message ("%u bars at %g bpm: %u answer notes in %u cycles, %" G_GUINT64_FORMAT
                  " allocations in run()", bars, bpm, actual->len, host->n_runs,
                  host->run_allocations);
  g_array_unref (s.played);
  model_clear (&model);
}

static void
test_answers_as_the_responder (void)
{
  play_and_compare (120, 6, NULL, TRUE);
}

static void
test_answers_at_a_fast_tempo (void)
{
  play_and_compare (300, 8, NULL, TRUE);
}

static void
set_mixed (Host *host, DsResponder *r)
{
  host->controls[P_TEMPERATURE] = 1.5f;
  host->controls[P_DENSITY] = 3;
  host->controls[P_LOOP] = 0.25f;
  host->controls[P_SNARE] = 0;
  ds_responder_set_temperature (r, 1.5);
  ds_responder_set_knob (r, -1, DS_KNOB_DENSITY, 3);
  ds_responder_set_knob (r, -1, DS_KNOB_LOOP, 0.25);
  ds_responder_set_playing (r, (guint) ds_responder_find_voice (r, "snare"), FALSE);
}

static void
test_controls_reach_the_responder (void)
{
  play_and_compare (120, 6, set_mixed, TRUE);
}

static void
set_all_off (Host *host, DsResponder *r)
{
  host->controls[P_KICK] = host->controls[P_SNARE] = host->controls[P_HAT] = 0;
  for (guint v = 0; v < ds_responder_n_voices (r); v++)
    ds_responder_set_playing (r, v, FALSE);
}

static void
test_voices_off_play_the_bar_back (void)
{
  /* with every voice off the answer is the bar as played: every hit, its
   * velocity and its offset from the grid, one bar later */
  play_and_compare (120, 4, set_all_off, TRUE);
}

static void
test_no_bbt_counts_frames_at_120 (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) reference = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Midi));
  g_autoptr (GArray) actual = NULL;
  Position pos = { .no_bbt = TRUE, .speed = 1, .frame = 0 };
  Session s;
  DsHit hits[32];

  model_init (&model);
  host_load (host, &model);
  reference = ds_responder_new (model.path, "4/4", 0, &error);
  session_init (&s, 120, 4, 4, host->now);
  for (guint b = 0; b < 3; b++)
    session_play_bar (&s, b, hits, rock_bar (hits, b));
  session_run (host, &s, s.start + (gint64) (3 * s.bar_frames), &pos);
  for (guint b = 0; b < 2; b++)
    expect_answer (reference, &s, b, expected);
  actual = note_ons (host, s.start, s.start + (gint64) (3 * s.bar_frames - s.bar_frames / 32));
  assert_same_notes (expected, actual);
  g_array_unref (s.played);
  model_clear (&model);
}

static void
test_stop_and_jump_end_notes (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  Session s, after;
  Position pos;
  DsHit hits[32];
  guint n_offs = 0;
  gint64 jump, stop;

  model_init (&model);
  host_load (host, &model);
  /* the voices off: the answer is the bar played back, so we know it */
  host->controls[P_KICK] = host->controls[P_SNARE] = host->controls[P_HAT] = 0;
  session_init (&s, 120, 4, 4, host->now);
  for (guint b = 0; b < 2; b++)
    session_play_bar (&s, b, hits, rock_bar (hits, b));
  pos = rolling_at (&s, 0);
  /* into bar 1, just after its first kick started sounding */
  session_run (host, &s, s.start + (gint64) s.bar_frames + 2 * PERIOD, &pos);
  g_assert_cmpuint (count_ons (host, s.start, host->now), >, 0);
  /* the transport jumps to the middle of bar 5 (beat 2): what sounds ends
   * there and then, and the half bar heard is not answered */
  jump = host->now;
  session_init (&after, 120, 4, 4, jump - (gint64) (5.5 * s.bar_frames));
  after.heard_from = jump;
  for (guint b = 5; b < 9; b++)
    session_play_bar (&after, b, hits, rock_bar (hits, b));
  pos = rolling_at (&after, 5);
  pos.bar_beat = 2;
  pos.frame = jump - after.start;
  session_run (host, &after, jump + PERIOD, &pos);
  for (guint i = 0; i < host->midi->len; i++)
    if (g_array_index (host->midi, Midi, i).frame == jump
        && (g_array_index (host->midi, Midi, i).msg[0] & 0xf0) == 0x80)
      n_offs++;
  g_assert_cmpuint (n_offs, >, 0);
  assert_no_hanging_notes (host);
  session_run (host, &after, after.start + (gint64) (7.5 * after.bar_frames), NULL);
  g_assert_cmpuint (count_ons (host, jump + PERIOD,
                               after.start + (gint64) (7 * after.bar_frames - after.bar_frames / 32)),
                    ==, 0);
  /* bar 6, heard whole, is played back in bar 7 */
  {
    g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Midi));
    g_autoptr (GArray) actual = note_ons (host, after.start + (gint64) (7 * after.bar_frames
                                                                        - after.bar_frames / 32),
                                          host->now);
    g_autoptr (GError) error = NULL;
    g_autoptr (DsResponder) reference = ds_responder_new (model.path, "4/4", 0, &error);

    for (guint v = 0; v < ds_responder_n_voices (reference); v++)
      ds_responder_set_playing (reference, v, FALSE);
    expect_answer (reference, &after, 6, expected);
    for (guint i = expected->len; i > 0; i--)
      if (g_array_index (expected, Midi, i - 1).frame >= host->now)
        g_array_remove_index (expected, i - 1);
    g_assert_cmpuint (expected->len, >, 4);
    assert_same_notes (expected, actual);
  }
  /* a stop while the answer sounds: note-offs at the stop, then silence */
  stop = host->now;
  n_offs = 0;
  pos.speed = 0;
  pos.bar = 7;
  pos.frame = stop - after.start;
  session_run (host, &after, host->now + PERIOD, &pos);
  for (guint i = 0; i < host->midi->len; i++)
    if (g_array_index (host->midi, Midi, i).frame == stop
        && (g_array_index (host->midi, Midi, i).msg[0] & 0xf0) == 0x80)
      n_offs++;
  g_assert_cmpuint (n_offs, >, 0);
  assert_no_hanging_notes (host);
  g_test_message ("%u note-offs at the stop", n_offs);
  {
    guint before = host->midi->len;

    session_run (host, &after, host->now + (gint64) after.bar_frames, NULL);
    g_assert_cmpuint (host->midi->len, ==, before);
  }
  if (COUNT_ALLOCATIONS)
    g_assert_cmpuint (host->run_allocations, ==, 0);
  g_array_unref (s.played);
  g_array_unref (after.played);
  model_clear (&model);
}

static void
test_meter_change_makes_a_responder (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) reference = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Midi));
  g_autoptr (GArray) actual = NULL;
  Session s;
  Position pos;
  DsHit hits[32];

  model_init (&model);
  host_load (host, &model);
  reference = ds_responder_new (model.path, "3/4", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (reference), ==, 12);
  session_init (&s, 90, 3, 4, host->now);
  /* 3/4 bars: the first three quarters of rock_bar */
  for (guint b = 0; b < 5; b++)
    {
      guint n = rock_bar (hits, b), m = 0;

      for (guint i = 0; i < n; i++)
        if (hits[i].time < 0.75 - 0.5 / 16)
          {
            hits[m] = hits[i];
            hits[m++].time = hits[i].time * 4 / 3;
          }
      session_play_bar (&s, b, hits, m);
    }
  pos = rolling_at (&s, 0);
  session_run (host, &s, s.start + (gint64) (5 * s.bar_frames), &pos);
  /* the worker made a 3/4 responder of the same model in the first cycle */
  g_assert_cmpfloat (host_status (host), ==, 2);
  for (guint b = 0; b < 4; b++)
    expect_answer (reference, &s, b, expected);
  actual = note_ons (host, s.start, s.start + (gint64) (5 * s.bar_frames - s.bar_frames / 24));
  assert_same_notes (expected, actual);
  if (COUNT_ALLOCATIONS)
    g_assert_cmpuint (host->run_allocations, ==, 0);
  g_array_unref (s.played);
  model_clear (&model);
}

static void
test_state_saves_the_model_path (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  LV2_State_Map_Path map_path = { NULL, abstract_path, absolute_path };
  LV2_Feature feature = { LV2_STATE__mapPath, &map_path };
  const LV2_Feature *features[] = { &feature, NULL };
  StateStore s = { .host = host };

  model_init (&model);
  map_path.handle = model.dir;
  /* fresh agents: nothing to save */
  g_assert_cmpint (host->state->save (host->instance, store, &s, 0, features), ==,
                   LV2_STATE_SUCCESS);
  g_assert_null (s.stored);
  host_load (host, &model);
  g_assert_cmpint (host->state->save (host->instance, store, &s, 0, features), ==,
                   LV2_STATE_SUCCESS);
  g_assert_cmpstr (s.stored, ==, "model.dsm");
  g_assert_cmpuint (s.stored_key, ==, map_uri (host, MODEL_URI));
  g_assert_cmpuint (s.stored_type, ==, map_uri (host, LV2_ATOM__Path));
  g_assert_cmpuint (s.stored_flags & LV2_STATE_IS_PORTABLE, !=, 0);
  g_free (s.stored);
  /* a value of another type is refused, and the model plays on */
  s.value = "model.dsm";
  s.type = map_uri (host, LV2_ATOM__String);
  s.stored = NULL;
  g_assert_cmpint (host->state->restore (host->instance, retrieve, &s, 0, features), ==,
                   LV2_STATE_ERR_BAD_TYPE);
  /* a state without a model: the general model again */
  g_assert_cmpint (host_restore (host, model.dir, NULL), ==, LV2_STATE_SUCCESS);
  for (guint i = 0; i < 3; i++)
    {
      host_begin_input (host);
      host_cycle (host, PERIOD);
    }
  g_assert_cmpfloat (host_status (host), ==, 3);
  g_assert_cmpint (host->state->save (host->instance, store, &s, 0, features), ==,
                   LV2_STATE_SUCCESS);
  g_assert_null (s.stored);
  model_clear (&model);
}

static void
test_missing_model_is_logged_and_play_goes_on (void)
{
  g_autoptr (Host) host = host_new ();
  g_autofree char *dir = g_dir_make_tmp ("ds-lv2-XXXXXX", NULL);

  g_assert_cmpint (host_restore (host, dir, "gone.dsm"), ==, LV2_STATE_SUCCESS);
  for (guint i = 0; i < 3; i++)
    {
      host_begin_input (host);
      host_cycle (host, PERIOD);
    }
  g_assert_nonnull (strstr (host->logged->str, "drumswarm.lv2: "));
  g_assert_nonnull (strstr (host->logged->str, "gone.dsm"));
  /* the general model that played before plays on */
  g_assert_cmpfloat (host_status (host), ==, 3);
  g_rmdir (dir);
}

static void
test_patch_set_loads_and_tells (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();

  model_init (&model);
  host_begin_input (host);
  host_patch_set_model (host, model.path);
  host->refuse_work = TRUE; /* the worker's ring is full: the request waits */
  host_cycle (host, PERIOD);
  g_assert_cmpfloat (host_status (host), ==, 1);
  host->refuse_work = FALSE;
  for (guint i = 0; i < 3; i++)
    {
      host_begin_input (host);
      host_cycle (host, PERIOD);
    }
  g_assert_cmpfloat (host_status (host), ==, 2);
  /* told once, in the cycle after the model came in */
  g_assert_cmpuint (host->patch_paths->len, ==, 1);
  g_assert_cmpstr (host->patch_paths->pdata[0], ==, model.path);
  host_begin_input (host);
  host_patch_get (host);
  host_cycle (host, PERIOD);
  g_assert_cmpuint (host->patch_paths->len, ==, 2);
  g_assert_cmpstr (host->patch_paths->pdata[1], ==, model.path);
  if (COUNT_ALLOCATIONS)
    g_assert_cmpuint (host->run_allocations, ==, 0);
  model_clear (&model);
}

/* Plays 4 bars of rock in BEATS/4 (the first BEATS quarters of rock_bar, its
 * first quarters again beyond 4) without a model: every bar is learnt from,
 * the status says STATUS, and the first bar is answered as REFERENCE (NULL:
 * not checked) answers it. */
static void
learn_without_a_model (int beats, float status, DsResponder *reference)
{
  g_autoptr (Host) host = host_new ();
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Midi));
  g_autoptr (GArray) actual = NULL;
  Session s;
  Position pos;
  DsHit hits[64];

  session_init (&s, 240, beats, 4, host->now);
  for (guint b = 0; b < 4; b++)
    {
      guint n = rock_bar (hits, b), m = 0;

      for (guint q = 0; q < (guint) beats; q += 4)
        for (guint i = 0; i < n; i++)
          if (hits[i].time * 4 + q < beats - 0.5 / 4)
            hits[n + m++] = (DsHit){ .time = (hits[i].time * 4 + q) / beats,
                                     .note = hits[i].note, .velocity = hits[i].velocity };
      session_play_bar (&s, b, hits + n, m);
    }
  pos = rolling_at (&s, 0);
  session_run (host, &s, s.start + (gint64) (4.5 * s.bar_frames), &pos);
  /* every bar heard whole (0 .. 3, the fourth closes just before bar 4) */
  g_assert_cmpfloat (host->controls[P_LEARNT], ==, 4);
  g_assert_cmpfloat (host_status (host), ==, status);
  g_assert_cmpuint (count_ons (host, s.start, host->now), >, 0);
  if (reference != NULL)
    {
      /* bar 0 is answered before the agents learnt from it */
      expect_answer (reference, &s, 0, expected);
      actual = note_ons (host, s.start + (gint64) (s.bar_frames * 31 / 32),
                         s.start + (gint64) (2 * s.bar_frames - s.bar_frames / 32));
      assert_same_notes (expected, actual);
    }
  pos.speed = 0;
  session_run (host, &s, host->now + PERIOD, &pos);
  assert_no_hanging_notes (host);
  if (COUNT_ALLOCATIONS)
    g_assert_cmpuint (host->run_allocations, ==, 0);
  g_array_unref (s.played);
}

static void
test_general_model_answers_and_learns (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) general = ds_responder_new (NULL, "4/4", 0, &error);

  g_assert_no_error (error);
  learn_without_a_model (4, 3, general);
}

static void
test_fresh_agents_learn_from_bars (void)
{
  /* the general model has no 7/4 */
  learn_without_a_model (7, 0, NULL);
}

static void
test_deactivate_ends_notes_on_return (void)
{
  Model model;
  g_autoptr (Host) host = host_new ();
  Session s;
  Position pos;
  DsHit hits[32];
  gboolean sounding = FALSE;

  model_init (&model);
  host_load (host, &model);
  host->controls[P_KICK] = 0;
  session_init (&s, 120, 4, 4, host->now);
  for (guint b = 0; b < 2; b++)
    session_play_bar (&s, b, hits, rock_bar (hits, b));
  pos = rolling_at (&s, 0);
  /* into bar 1, while its first kick sounds */
  session_run (host, &s, s.start + (gint64) (s.bar_frames + 2 * PERIOD), &pos);
  for (guint i = 0; i < host->midi->len; i++)
    {
      const Midi *m = &g_array_index (host->midi, Midi, i);

      if (m->msg[1] == KICK)
        sounding = (m->msg[0] & 0xf0) == 0x90;
    }
  g_assert_true (sounding);
  host->descriptor->deactivate (host->instance);
  host->descriptor->activate (host->instance);
  host_begin_input (host);
  host_cycle (host, PERIOD);
  assert_no_hanging_notes (host);
  g_array_unref (s.played);
  model_clear (&model);
}

static void
test_thru_passes_the_input (void)
{
  g_autoptr (Host) host = host_new ();

  host->controls[P_THRU] = 1;
  host_begin_input (host);
  host_note_on (host, 17, 50, 99);
  host_cycle (host, PERIOD);
  g_assert_cmpuint (host->midi->len, ==, 1);
  g_assert_cmpint (g_array_index (host->midi, Midi, 0).frame, ==, 17);
  g_assert_cmpuint (g_array_index (host->midi, Midi, 0).msg[1], ==, 50);
  host->controls[P_THRU] = 0;
  host_begin_input (host);
  host_note_on (host, 3, 50, 99);
  host_cycle (host, PERIOD);
  g_assert_cmpuint (host->midi->len, ==, 1);
}

/* A small general model of 4/4 (fresh agents, seed 3) in a folder that
 * DRUMSWARM_DATADIR names, removed at exit. */
static char *general_dir, *general_path;

static void
general_clear (void)
{
  g_unlink (general_path);
  g_rmdir (general_dir);
}

static void
general_init (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = ds_responder_new_untrained ("4/4", 16, NULL, 3, &error);

  g_assert_no_error (error);
  general_dir = g_dir_make_tmp ("ds-lv2-general-XXXXXX", &error);
  g_assert_no_error (error);
  general_path = g_build_filename (general_dir, "general-4-4.dsm", NULL);
  g_assert_true (ds_responder_save (r, general_path, &error));
  g_setenv ("DRUMSWARM_DATADIR", general_dir, TRUE);
  atexit (general_clear);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DS_LV2_BUNDLE") == NULL || *g_getenv ("DS_LV2_BUNDLE") == '\0')
    {
      g_test_skip ("the LV2 plugin is not built");
      return 0;
    }
  general_init ();
  g_test_add_func ("/lv2/instantiate/needs-map-and-worker", test_instantiate_needs_map_and_worker);
  g_test_add_func ("/lv2/answer/as-the-responder-to-the-frame", test_answers_as_the_responder);
  g_test_add_func ("/lv2/answer/at-a-fast-tempo", test_answers_at_a_fast_tempo);
  g_test_add_func ("/lv2/answer/controls-reach-the-responder", test_controls_reach_the_responder);
  g_test_add_func ("/lv2/answer/voices-off-play-the-bar-back", test_voices_off_play_the_bar_back);
  g_test_add_func ("/lv2/transport/no-bbt-counts-frames-at-120", test_no_bbt_counts_frames_at_120);
  g_test_add_func ("/lv2/transport/stop-and-jump-end-notes", test_stop_and_jump_end_notes);
  g_test_add_func ("/lv2/transport/meter-change-makes-a-responder",
                   test_meter_change_makes_a_responder);
  g_test_add_func ("/lv2/state/saves-the-model-path", test_state_saves_the_model_path);
  g_test_add_func ("/lv2/state/missing-model-is-logged-and-play-goes-on",
                   test_missing_model_is_logged_and_play_goes_on);
  g_test_add_func ("/lv2/patch/set-loads-and-tells", test_patch_set_loads_and_tells);
  g_test_add_func ("/lv2/learn/general-model-answers-at-once-and-learns",
                   test_general_model_answers_and_learns);
  g_test_add_func ("/lv2/learn/fresh-agents-learn-where-it-has-no-meter",
                   test_fresh_agents_learn_from_bars);
  g_test_add_func ("/lv2/deactivate/ends-notes-on-return", test_deactivate_ends_notes_on_return);
  g_test_add_func ("/lv2/thru/passes-the-input", test_thru_passes_the_input);
  return g_test_run ();
}
