/* test-responder.c: the public C API (drumswarm.h) as a live host or a plugin
 * uses it: bars of hits in, answers out, controls between bars, learning. */
#include "autoconfig.h"

#include "src/responder/drumswarm.h"
#include "src/responder/responder-private.h"
#include "src/stage/search.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define KICK 36
#define SNARE 38
#define HAT 42

static DsHit
hit (double time, guint note, guint velocity)
{
  return (DsHit) { .time = time, .note = (uint8_t) note, .velocity = (uint8_t) velocity };
}

/* A rock bar on 16 steps, played: kick 1 and 3 (+ the "and" of 3), snare 2
 * and 4, hat eighths, each a little off the grid and at its own velocity. */
static guint
rock_bar (DsHit *hits, guint variant)
{
  guint n = 0;

  for (guint k = 0; k < 16; k += 2)
    hits[n++] = hit ((k + 0.05 * ((k / 2) % 3)) / 16.0, HAT, (uint8_t) (70 + 3 * k));
  hits[n++] = hit (0.0 / 16, KICK, 110);
  hits[n++] = hit ((8 - 0.1) / 16.0, KICK, 100);
  if (variant % 2 == 1)
    hits[n++] = hit (10.0 / 16, KICK, 90);
  hits[n++] = hit ((4 + 0.15) / 16.0, SNARE, 105);
  hits[n++] = hit ((12 + 0.15) / 16.0, SNARE, 112);
  if (variant % 3 == 2)
    hits[n++] = hit (15.0 / 16, SNARE, 60);
  return n;
}

/* A responder with fresh agents on 4/4 bars of 16 steps. */
static DsResponder *
fresh (guint64 seed)
{
  g_autoptr (GError) error = NULL;
  DsResponder *r = ds_responder_new_untrained ("4/4", 16, NULL, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* Whether hits A and B (N of each) are the same. */
static gboolean
same_hits (const DsHit *a, guint n_a, const DsHit *b, guint n_b)
{
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (a[i].time != b[i].time || a[i].note != b[i].note || a[i].velocity != b[i].velocity
        || a[i].step != b[i].step || a[i].voice != b[i].voice)
      return FALSE;
  return TRUE;
}

static void
test_grid_and_voices (void)
{
  g_autoptr (DsResponder) r = fresh (1);

  g_assert_cmpstr (ds_responder_meter (r), ==, "4/4");
  g_assert_cmpuint (ds_responder_steps (r), ==, 16);
  g_assert_cmpuint (ds_responder_n_voices (r), ==, 3);
  g_assert_cmpstr (ds_responder_voice_name (r, 1), ==, "snare");
  g_assert_cmpint (ds_responder_find_voice (r, "hat"), ==, 2);
  g_assert_cmpint (ds_responder_find_voice (r, "cowbell"), ==, -1);
  g_assert_true (ds_responder_voice_is_agent (r, 0));
  g_assert_cmpuint (ds_responder_voice_note (r, 0), ==, KICK);
  g_assert_cmpuint (ds_responder_voice_note (r, 2), ==, HAT);
  g_assert_nonnull (ds_responder_version ());
}

static void
test_answer_sorted_on_the_grid (void)
{
  g_autoptr (DsResponder) r = fresh (2);
  DsHit in[32], out[DS_RESPONDER_MAX_HITS];
  guint n_in = rock_bar (in, 0), n;

  ds_responder_set_temperature (r, 1.0);
  n = ds_responder_answer (r, in, n_in, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (out[i].step, <, 16);
      g_assert_cmpuint (out[i].voice, <, 3);
      g_assert_cmpfloat (fabs (out[i].time * 16 - out[i].step), <=, 0.5);
      g_assert_cmpuint (out[i].velocity, >=, 1);
      g_assert_cmpuint (out[i].velocity, <=, 127);
      if (i > 0)
        g_assert_cmpfloat (out[i - 1].time, <=, out[i].time);
    }
  /* room for fewer: the first ones */
  g_assert_cmpuint (ds_responder_answer (r, in, n_in, out, 2), ==, 2);
  g_assert_cmpuint (ds_responder_answer (r, in, n_in, NULL, 0), ==, 0);
}

static void
test_deterministic_for_a_seed (void)
{
  g_autoptr (DsResponder) a = fresh (3), b = fresh (3);
  DsHit in[32], out_a[256], out_b[256];
  gboolean differs = FALSE;

  for (DsResponder *r = a; r != NULL; r = r == a ? b : NULL)
    {
      ds_responder_set_temperature (r, 1.0);
      ds_responder_set_seed (r, 99);
    }
  for (guint bar = 0; bar < 4; bar++)
    {
      guint n_in = rock_bar (in, bar);
      guint n_a = ds_responder_answer (a, in, n_in, out_a, 256);
      guint n_b = ds_responder_answer (b, in, n_in, out_b, 256);

      g_assert_true (same_hits (out_a, n_a, out_b, n_b));
    }
  /* another seed plays other variations */
  ds_responder_set_seed (b, 100);
  ds_responder_set_seed (a, 99);
  for (guint bar = 0; bar < 4; bar++)
    {
      guint n_in = rock_bar (in, bar);
      guint n_a = ds_responder_answer (a, in, n_in, out_a, 256);
      guint n_b = ds_responder_answer (b, in, n_in, out_b, 256);

      differs = differs || !same_hits (out_a, n_a, out_b, n_b);
    }
  g_assert_true (differs);
}

/* The hits of voice NOTE in HITS (N of them) as a pattern of STEPS steps. */
static guint
count_voice (const DsHit *hits, guint n, guint voice)
{
  guint c = 0;

  for (guint i = 0; i < n; i++)
    c += hits[i].voice == voice;
  return c;
}

/* Cells (voice x step) where the answer OUT differs from the bar IN. */
static guint
distance (const DsResponder *r, const DsHit *in, guint n_in, const DsHit *out, guint n_out)
{
  guint steps = ds_responder_steps (r), d = 0;
  gboolean a[3][64] = { { FALSE } }, b[3][64] = { { FALSE } };

  for (guint i = 0; i < n_in; i++)
    for (guint v = 0; v < 3; v++)
      if (in[i].note == ds_responder_voice_note (r, v))
        a[v][(guint) floor (in[i].time * steps + 0.5) % steps] = TRUE;
  for (guint i = 0; i < n_out; i++)
    b[out[i].voice][out[i].step] = TRUE;
  for (guint v = 0; v < 3; v++)
    for (guint k = 0; k < steps; k++)
      d += a[v][k] != b[v][k];
  return d;
}

/* Mean distance of the answers to 24 bars, sampled at temperature 1. */
static double
mean_distance (DsResponder *r)
{
  DsHit in[32], out[256];
  guint sum = 0;

  ds_responder_set_temperature (r, 1.0);
  ds_responder_set_seed (r, 5);
  ds_responder_set_tries (r, 16);
  for (guint bar = 0; bar < 24; bar++)
    {
      guint n_in = rock_bar (in, bar), n = ds_responder_answer (r, in, n_in, out, 256);

      sum += distance (r, in, n_in, out, n);
    }
  return sum / 24.0;
}

/* The loop knob up keeps the answer closer to what was played, down lets it
 * wander; the same seed, the same agents. */
static void
test_loop_knob_steers (void)
{
  g_autoptr (DsResponder) r = fresh (4);
  g_autoptr (GError) error = NULL;
  double low, high, plain;
  DsHit in[32];

  for (guint bar = 0; bar < 4; bar++)
    g_assert_true (ds_responder_add_bar (r, in, rock_bar (in, bar), &error));
  g_assert_true (ds_responder_learn (r, 2560, &error));

  plain = mean_distance (r);
  g_assert_true (ds_responder_set_knob (r, -1, DS_KNOB_LOOP, 0.0));
  low = mean_distance (r);
  g_assert_true (ds_responder_set_knob (r, -1, DS_KNOB_LOOP, 10.0));
  high = mean_distance (r);
  g_test_message ("cells changed per bar: loop 0 %.2f, 1 %.2f, 10 %.2f", low, plain, high);
  g_assert_cmpfloat (high, <, plain);
  g_assert_cmpfloat (plain, <, low);
  g_assert_cmpfloat (ds_responder_get_knob (r, 2, DS_KNOB_LOOP), ==, 10.0);
  /* back to 1: the answers as at first */
  g_assert_true (ds_responder_set_knob (r, -1, DS_KNOB_LOOP, 1.0));
  g_assert_cmpfloat (mean_distance (r), ==, plain);
}

static void
test_knob_values_checked (void)
{
  g_autoptr (DsResponder) r = fresh (4);

  g_assert_false (ds_responder_set_knob (r, 0, DS_KNOB_DENSITY, 10.5));
  g_assert_false (ds_responder_set_knob (r, 0, DS_KNOB_DENSITY, -1));
  g_assert_false (ds_responder_set_knob (r, 0, DS_KNOB_DENSITY, NAN));
  g_assert_false (ds_responder_set_knob (r, 3, DS_KNOB_DENSITY, 1));
  g_assert_false (ds_responder_set_knob (r, -2, DS_KNOB_DENSITY, 1));
  g_assert_false (ds_responder_set_knob (r, 0, DS_N_KNOBS, 1));
  g_assert_cmpfloat (ds_responder_get_knob (r, 0, DS_KNOB_DENSITY), ==, 1.0);
  g_assert_false (ds_responder_set_tries (r, 0));
  g_assert_false (ds_responder_set_tries (r, DS_RESPONDER_MAX_TRIES + 1));
  g_assert_true (ds_responder_set_tries (r, 32));
}

/* A voice that does not play comes back exactly as it was played. */
static void
test_not_playing_keeps_the_voice (void)
{
  g_autoptr (DsResponder) r = fresh (6);
  DsHit in[32], out[256];
  guint n_in = rock_bar (in, 2);

  g_assert_true (ds_responder_set_playing (r, 1, FALSE));
  g_assert_false (ds_responder_get_playing (r, 1));
  g_assert_true (ds_responder_get_playing (r, 0));
  ds_responder_set_temperature (r, 1.0);
  for (guint bar = 0; bar < 4; bar++)
    {
      guint n = ds_responder_answer (r, in, n_in, out, 256), j = 0;

      for (guint i = 0; i < n_in; i++)
        if (in[i].note == SNARE)
          {
            while (j < n && out[j].voice != 1)
              j++;
            g_assert_cmpuint (j, <, n);
            g_assert_cmpfloat (fabs (out[j].time - in[i].time), <, 1e-6);
            g_assert_cmpuint (out[j].note, ==, SNARE);
            g_assert_cmpuint (out[j].velocity, ==, in[i].velocity);
            j++;
          }
      g_assert_cmpuint (count_voice (out, n, 1), ==, 3);
    }
  /* a context voice or one out of range cannot be set */
  g_assert_false (ds_responder_set_playing (r, 7, TRUE));
}

/* Velocities of new hits on a 4/4 bar of 16 steps, from the Toussaint weights
 * 5 1 2 1 3 1 2 1 4 1 2 1 3 1 2 1 scaled to [0, 1] within the bar: 56 + 44 x. */
static const guint new_velocity_16[16] = { 100, 56, 67, 56, 78, 56, 67, 56,
                                           89, 56, 67, 56, 78, 56, 67, 56 };

/* Kept hits as played; new hits with the voice's note, the metrical velocity
 * and the groove (every played hit here is 0.1 step late, all on the beats). */
static void
test_kept_and_new_hits (void)
{
  g_autoptr (DsResponder) r = fresh (8);
  DsHit in[16], out[256];
  guint n_in = 0, n_new = 0;

  for (guint k = 0; k < 16; k += 4)
    in[n_in++] = hit ((k + 0.1) / 16, HAT, 40 + k);
  in[n_in++] = hit (0.1 / 16, KICK, 120);
  in[n_in++] = hit (8.1 / 16, KICK, 97);
  in[n_in++] = hit (4.1 / 16, SNARE, 101);
  ds_responder_set_temperature (r, 2.0);
  ds_responder_set_knob (r, -1, DS_KNOB_LOOP, 0.0);
  for (guint bar = 0; bar < 8; bar++)
    {
      guint n = ds_responder_answer (r, in, n_in, out, 256);

      for (guint i = 0; i < n; i++)
        {
          const DsHit *o = &out[i];
          const DsHit *played = NULL;

          for (guint j = 0; j < n_in; j++)
            if (ds_responder_voice_note (r, o->voice) == in[j].note
                && (guint) floor (in[j].time * 16 + 0.5) == o->step)
              played = &in[j];
          if (played != NULL)
            {
              g_assert_cmpuint (o->velocity, ==, played->velocity);
              g_assert_cmpuint (o->note, ==, played->note);
              g_assert_cmpfloat (fabs (o->time - played->time), <, 1e-6);
              continue;
            }
          n_new++;
          g_assert_cmpuint (o->note, ==, ds_responder_voice_note (r, o->voice));
          g_assert_cmpuint (o->velocity, ==, new_velocity_16[o->step]);
          /* played on the step (any voice), or on its place in the quarter: late;
           * no one played between the beats */
          g_assert_cmpfloat (fabs (o->time * 16 - o->step - (o->step % 4 == 0 ? 0.1 : 0.0)), <,
                             1e-6);
        }
    }
  g_assert_cmpuint (n_new, >, 0);
}

/* Hits a host may send by mistake are left out, and the rest answered as if
 * they had not been there. */
static void
test_bad_hits_ignored (void)
{
  g_autoptr (DsResponder) a = fresh (9), b = fresh (9);
  DsHit in[40], out_a[256], out_b[256];
  guint n_in = rock_bar (in, 0), n_good = n_in, n_a, n_b;

  in[n_in++] = hit (1.0, KICK, 100);                  /* at the next bar */
  in[n_in++] = hit (-0.5, KICK, 100);                 /* far before this one */
  in[n_in++] = hit (NAN, KICK, 100);
  in[n_in++] = hit (INFINITY, KICK, 100);
  in[n_in++] = hit (0.5, SNARE, 0);                   /* a note-off as a hit */
  in[n_in++] = hit (0.5, 77, 100);                    /* no voice plays note 77 */
  in[n_in++] = hit (0.5, 200, 100);                   /* no MIDI note */
  in[n_in++] = hit (0.5, SNARE, 200);                 /* no MIDI velocity */
  n_a = ds_responder_answer (a, in, n_in, out_a, 256);
  g_assert_cmpuint (ds_responder_n_ignored (a), ==, 8);
  n_b = ds_responder_answer (b, in, n_good, out_b, 256);
  g_assert_cmpuint (ds_responder_n_ignored (b), ==, 0);
  g_assert_true (same_hits (out_a, n_a, out_b, n_b));
  g_assert_cmpuint (ds_responder_answer (a, NULL, 0, out_a, 256), <=, 256);
}

/* Two hits of one voice on one step are one, the louder; a hit just before
 * the bar's line is its first step played early, as is one in its last half
 * step. */
static void
test_hits_merge_and_wrap (void)
{
  g_autoptr (DsResponder) r = fresh (10);
  DsHit in[8], out[64];
  guint n;

  for (guint v = 0; v < 3; v++)
    g_assert_true (ds_responder_set_playing (r, v, FALSE));
  in[0] = hit (4.0 / 16, SNARE, 70);
  in[1] = hit (4.2 / 16, 37, 90);      /* side stick on the same step: louder */
  in[2] = hit (-0.3 / 16, KICK, 100);  /* just before the line */
  in[3] = hit (15.7 / 16, HAT, 80);    /* in the last half step */
  n = ds_responder_answer (r, in, 4, out, 64);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (out[0].voice, ==, 0);
  g_assert_cmpuint (out[0].step, ==, 0);
  g_assert_cmpfloat (fabs (out[0].time * 16 + 0.3), <, 1e-6);
  g_assert_cmpuint (out[1].step, ==, 0);
  g_assert_cmpuint (out[1].note, ==, HAT);
  g_assert_cmpfloat (fabs (out[1].time * 16 + 0.3), <, 1e-6);
  g_assert_cmpuint (out[2].note, ==, 37);
  g_assert_cmpuint (out[2].velocity, ==, 90);
}

/* Notes of its own for a voice: the hits it answers to and the one it plays. */
static void
test_set_notes (void)
{
  g_autoptr (DsResponder) r = fresh (11);
  g_autoptr (GError) error = NULL;
  const uint8_t rim[] = { 40, 37 }, kick[] = { 36 }, bad[] = { 128 };
  DsHit in[2] = { hit (0.0, 37, 100), hit (0.25, 38, 100) }, out[64];

  g_assert_true (ds_responder_set_notes (r, 1, rim, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_voice_note (r, 1), ==, 40);
  ds_responder_set_playing (r, 0, FALSE);
  ds_responder_set_playing (r, 2, FALSE);
  ds_responder_answer (r, in, 2, out, 64);
  g_assert_cmpuint (ds_responder_n_ignored (r), ==, 1); /* 38 is no snare note now */
  g_assert_false (ds_responder_set_notes (r, 1, kick, 1, &error));
  g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "kick"));
  g_clear_error (&error);
  g_assert_false (ds_responder_set_notes (r, 1, bad, 1, &error));
  g_assert_nonnull (strstr (error->message, "128"));
  g_clear_error (&error);
  g_assert_false (ds_responder_set_notes (r, 5, kick, 1, &error));
  g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE);
}

/* A model of 4/4 bars of 16 steps plays 3/4 bars of 12 (and 7/8 of 14) by
 * resampling; a grid the meter cannot hold is refused. */
static void
test_other_meter_resamples (void)
{
  g_autoptr (DsResponder) model = fresh (12), waltz = NULL, seven = NULL, bad = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-responder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.dsm", NULL);
  DsHit in[12], out[64];
  guint n, n_in = 0;

  g_assert_true (ds_responder_save (model, path, &error));
  waltz = ds_responder_new (path, "3/4", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (waltz), ==, 12);
  g_assert_cmpstr (ds_responder_meter (waltz), ==, "3/4");
  seven = ds_responder_new (path, "7/8", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (seven), ==, 14);
  bad = ds_responder_new (path, "3/4", 10, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "3/4"));
  g_clear_error (&error);
  g_assert_null (ds_responder_new (path, "4/5", 0, &error));
  g_assert_nonnull (strstr (error->message, "4/5"));
  g_clear_error (&error);

  /* kick on 1, snare on 2 and 3, hats on the eighths: the answer is on 12 steps */
  in[n_in++] = hit (0.0, KICK, 100);
  in[n_in++] = hit (4.0 / 12, SNARE, 100);
  in[n_in++] = hit (8.0 / 12, SNARE, 100);
  for (guint k = 0; k < 12; k += 2)
    in[n_in++] = hit (k / 12.0, HAT, 70);
  ds_responder_set_temperature (waltz, 1.0);
  n = ds_responder_answer (waltz, in, n_in, out, 64);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (out[i].step, <, 12);
      g_assert_cmpfloat (fabs (out[i].time * 12 - out[i].step), <=, 0.5);
    }
  /* the 4/4 model sees the 3/4 bar stretched: step 4 of 12 is its step 5 of 16 */
  for (guint v = 0; v < 3; v++)
    ds_responder_set_playing (waltz, v, FALSE);
  n = ds_responder_answer (waltz, in, n_in, out, 64);
  g_assert_cmpuint (n, ==, n_in);
  g_unlink (path);
  g_rmdir (dir);
}

/* Without a model path, the general model of the meter answers: the file
 * general-N-D.dsm of the folder DRUMSWARM_DATADIR names comes first. */
static void
test_general_model_by_meter (void)
{
  g_autoptr (DsResponder) general = NULL, other = NULL, default_meter = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-responder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "general-3-4.dsm", NULL);
  g_autoptr (DsResponder) three = ds_responder_new_untrained ("3/4", 0, NULL, 5, &error);
  const char *saved = g_getenv ("DRUMSWARM_DATADIR");
  g_autofree char *before = g_strdup (saved);
  DsHit in[] = { { .time = 0.0, .note = 36, .velocity = 100 },
                 { .time = 1.0 / 3, .note = 38, .velocity = 100 },
                 { .time = 2.0 / 3, .note = 38, .velocity = 100 } }, a[64], b[64];
  guint na, nb;

  g_assert_no_error (error);
  g_assert_true (ds_responder_save (three, path, &error));
  g_setenv ("DRUMSWARM_DATADIR", dir, TRUE);
  general = ds_responder_new (NULL, "3/4:1+1+1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (general), ==, 12);
  g_assert_cmpint (ds_responder_find_voice (general, "hat"), ==, 2);
  /* it is that file: the same answers as the model it holds */
  na = ds_responder_answer (general, in, G_N_ELEMENTS (in), a, 64);
  nb = ds_responder_answer (three, in, G_N_ELEMENTS (in), b, 64);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_true (a[i].note == b[i].note && a[i].step == b[i].step);
  /* none for 7/4: the meters it has are named */
  g_assert_null (ds_responder_new (NULL, "7/4", 0, &error));
  g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER);
  g_assert_nonnull (strstr (error->message, "no swarm for 7/4"));
  g_assert_nonnull (strstr (error->message, "3/4"));
  g_clear_error (&error);
  /* a grid of its meter at another resolution is resampled */
  other = ds_responder_new (NULL, "3/4", 24, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (other), ==, 24);
  /* no meter: 4/4 (the bundled one, where the source tree's examples hold it) */
  default_meter = ds_responder_new (NULL, NULL, 0, &error);
  if (default_meter != NULL)
    g_assert_cmpstr (ds_responder_meter (default_meter), ==, "4/4");
  else
    g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER);
  if (before != NULL)
    g_setenv ("DRUMSWARM_DATADIR", before, TRUE);
  else
    g_unsetenv ("DRUMSWARM_DATADIR");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_errors_say_what_is_missing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) r = NULL;

  g_assert_null (ds_responder_new (NULL, "7/x", 0, &error));
  g_assert_nonnull (strstr (error->message, "7/x"));
  g_clear_error (&error);
  g_assert_null (ds_responder_new ("/nonexistent/rock.dsm", "4/4", 16, &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/rock.dsm"));
  g_clear_error (&error);
  g_assert_null (ds_responder_new_untrained ("4/4", 65, NULL, 1, &error));
  g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER);
  g_clear_error (&error);
  g_assert_null (ds_responder_new_untrained ("4/4", 16, "kick,kick", 1, &error));
  g_assert_nonnull (strstr (error->message, "kick"));
  g_clear_error (&error);
  r = fresh (1);
  g_assert_false (ds_responder_learn (r, 128, &error));
  g_assert_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "no bars"));
}

/* The mean joint score of R's answers (one try, sampled at temperature 1,
 * eight seeds) to the bars it was given. */
static double
answer_score (DsResponder *r)
{
  const DsStage *stage = ds_responder_stage (r);
  g_autoptr (DsBars) bars = ds_bars_new (ds_responder_n_bars (r), ds_responder_n_voices (r),
                                         ds_stage_length (stage));
  g_autoptr (DsBars) answer = NULL;
  double sum = 0.0;

  memcpy (bars->patterns, r->learn_patterns->data,
          (gsize) bars->n_bars * bars->n_voices * sizeof (DsPattern));
  ds_responder_set_temperature (r, 1.0);
  ds_responder_set_tries (r, 1);
  for (guint seed = 0; seed < 8; seed++)
    {
      ds_responder_set_seed (r, seed);
      answer = ds_responder_answer_bars (r, bars, 1);
      for (guint b = 0; b < bars->n_bars; b++)
        {
          DsStageState state;

          ds_stage_start_with_loop (stage, &state, ds_bars_get (answer, b),
                                    ds_bars_get (bars, b));
          sum += ds_search_joint (stage, &state);
        }
      g_clear_pointer (&answer, ds_bars_free);
    }
  return sum / (8 * bars->n_bars);
}

/* A long set: the responder learns from the last DS_RESPONDER_MAX_LEARN_BARS
 * bars, the oldest pushed out (bar b has a snare on step b % 16 beside the
 * backbeat, so that a bar tells where it came from). */
static void
test_learning_window (void)
{
  g_autoptr (DsResponder) r = fresh (5);
  g_autoptr (GError) error = NULL;
  guint n_voices = ds_responder_n_voices (r);
  guint total = DS_RESPONDER_MAX_LEARN_BARS + 37;

  for (guint bar = 0; bar < total; bar++)
    {
      DsHit in[4] = { hit (0.0, KICK, 100), hit (4.0 / 16, SNARE, 100),
                      hit (12.0 / 16, SNARE, 100), hit ((bar % 16) / 16.0, SNARE, 90) };

      g_assert_true (ds_responder_add_bar (r, in, 4, &error));
      g_assert_cmpuint (ds_responder_n_bars (r), ==, MIN (bar + 1, DS_RESPONDER_MAX_LEARN_BARS));
    }
  g_assert_cmpuint (n_voices, ==, 3); /* kick, snare, hat: the snare is voice 1 */
  for (guint b = 0; b < DS_RESPONDER_MAX_LEARN_BARS; b++)
    {
      const DsPattern *snare = &g_array_index (r->learn_patterns, DsPattern, b * n_voices + 1);
      guint played = total - DS_RESPONDER_MAX_LEARN_BARS + b;

      g_assert_true (ds_pattern_get (snare, played % 16));
      g_assert_cmpuint (ds_pattern_count (snare), ==, played % 8 == 4 ? 2 : 3);
    }
  g_assert_true (ds_responder_learn (r, 128, &error));
  g_assert_no_error (error);
}

/* Fresh agents that learn from bars they hear answer them better (20
 * iterations of the session's training); another responder takes their
 * weights, or copies them, and answers as they do. */
static void
test_learning_raises_the_score (void)
{
  g_autoptr (DsResponder) r = fresh (13), other = fresh (14), copy = NULL, three = NULL;
  g_autoptr (GError) error = NULL;
  DsHit in[32], out_a[256], out_b[256];
  double before, after;
  guint n_a, n_b;

  for (guint bar = 0; bar < 4; bar++)
    {
      guint n_in = rock_bar (in, bar);

      g_assert_true (ds_responder_add_bar (r, in, n_in, &error));
    }
  g_assert_cmpuint (ds_responder_n_bars (r), ==, 4);
  before = answer_score (r);
  g_assert_true (ds_responder_learn (r, 2560, &error));
  g_assert_no_error (error);
  after = answer_score (r);
  g_test_message ("joint score of sampled answers: %.3f before, %.3f after", before, after);
  g_assert_cmpfloat (after, >, before + 0.1);

  /* the weights swapped into another responder: the same answers */
  g_assert_true (ds_responder_take_weights (other, r));
  for (DsResponder *x = r; x != NULL; x = x == r ? other : NULL)
    {
      ds_responder_set_temperature (x, 1.0);
      ds_responder_set_tries (x, 4);
      ds_responder_set_seed (x, 3);
    }
  copy = ds_responder_copy (r);
  n_a = ds_responder_answer (r, in, rock_bar (in, 1), out_a, 256);
  n_b = ds_responder_answer (other, in, rock_bar (in, 1), out_b, 256);
  g_assert_true (same_hits (out_a, n_a, out_b, n_b));
  n_b = ds_responder_answer (copy, in, rock_bar (in, 1), out_b, 256);
  g_assert_true (same_hits (out_a, n_a, out_b, n_b));
  g_assert_cmpuint (ds_responder_n_bars (copy), ==, 4);
  /* not into agents of other voices */
  three = ds_responder_new_untrained ("4/4", 16, "kick,snare,ride", 1, &error);
  g_assert_nonnull (three);
  g_assert_false (ds_responder_take_weights (three, r));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/responder/grid-and-voices", test_grid_and_voices);
  g_test_add_func ("/responder/answer/sorted-on-the-grid", test_answer_sorted_on_the_grid);
  g_test_add_func ("/responder/answer/deterministic-for-a-seed", test_deterministic_for_a_seed);
  g_test_add_func ("/responder/answer/kept-and-new-hits", test_kept_and_new_hits);
  g_test_add_func ("/responder/answer/not-playing-keeps-the-voice",
                   test_not_playing_keeps_the_voice);
  g_test_add_func ("/responder/hits/bad-ones-ignored", test_bad_hits_ignored);
  g_test_add_func ("/responder/hits/merge-and-wrap", test_hits_merge_and_wrap);
  g_test_add_func ("/responder/notes/set", test_set_notes);
  g_test_add_func ("/responder/knobs/loop-steers-the-answer", test_loop_knob_steers);
  g_test_add_func ("/responder/knobs/values-checked", test_knob_values_checked);
  g_test_add_func ("/responder/meter/other-meter-resamples", test_other_meter_resamples);
  g_test_add_func ("/responder/general/by-meter", test_general_model_by_meter);
  g_test_add_func ("/responder/errors/say-what-is-missing", test_errors_say_what_is_missing);
  g_test_add_func ("/responder/learn/raises-the-score", test_learning_raises_the_score);
  g_test_add_func ("/responder/learn/the-last-bars", test_learning_window);
  return g_test_run ();
}
