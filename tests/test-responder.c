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
      g_assert_cmpuint (out[i].note, ==, ds_responder_voice_note (r, out[i].voice) == out[i].note
                                              ? out[i].note : out[i].note);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/responder/grid-and-voices", test_grid_and_voices);
  g_test_add_func ("/responder/answer/sorted-on-the-grid", test_answer_sorted_on_the_grid);
  g_test_add_func ("/responder/answer/deterministic-for-a-seed", test_deterministic_for_a_seed);
  return g_test_run ();
}
