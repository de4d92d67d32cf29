/* test-responder-alloc.c: the answer call allocates nothing.
 *
 * A JACK process callback or an LV2 run() may not allocate: malloc can take a
 * lock and page memory in.  This program counts the allocations
 * (tests/alloc-count.h) made on the answering thread while it answers bars and
 * turns the controls between them, after a warm-up, on the installed
 * library's code (it links libdrumswarm).  It runs only where the counting
 * works (glibc, no AddressSanitizer).
 */
#include "autoconfig.h"

#include <drumswarm.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests/alloc-count.h"

#define INTERPOSE DS_ALLOC_COUNT_WORKS
#define counting ds_alloc_counting
#define allocations ds_alloc_count

static DsHit
hit (double time, guint note, guint velocity)
{
  return (DsHit) { .time = time, .note = (uint8_t) note, .velocity = (uint8_t) velocity };
}

/* Bar BAR of a played groove on STEPS steps: hat on every other step, kick
 * and snare moving from bar to bar, and some hits a host may send that the
 * responder must ignore (an unknown note, velocity 0, a time past the bar). */
static guint
bar_hits (guint bar, guint steps, DsHit *hits)
{
  guint n = 0;

  for (guint k = 0; k < steps; k += 2)
    hits[n++] = hit ((k + 0.1 * sin (k + bar)) / steps, 42, 60 + (k * 7 + bar) % 60);
  hits[n++] = hit (0.0, 36, 110);
  hits[n++] = hit ((double) ((bar * 3) % steps) / steps, 36, 90);
  hits[n++] = hit (0.25 + 0.01 * (bar % 5), 38, 100);
  hits[n++] = hit (0.75 - 0.01 * (bar % 3), 38, 105);
  hits[n++] = hit (0.5, 99, 80);
  hits[n++] = hit (0.5, 38, 0);
  hits[n++] = hit (1.5, 36, 80);
  return n;
}

/* Answers BARS bars on R, turning temperature, knobs, voices, tries, polish
 * and seed between them; returns the allocations counted during the answers and the
 * controls. */
static guint64
count_answers (DsResponder *r, guint bars)
{
  DsHit in[256], out[1024];
  guint64 before;
  guint answered = 0;

  for (guint b = 0; b < 4; b++) /* warm-up */
    ds_responder_answer (r, in, bar_hits (b, ds_responder_steps (r), in), out, 1024);
  before = allocations;
  counting = TRUE;
  for (guint b = 0; b < bars; b++)
    {
      guint n_in = bar_hits (b, ds_responder_steps (r), in);

      ds_responder_set_temperature (r, (b % 4) * 0.5);
      ds_responder_set_knob (r, -1, (DsKnob) (b % DS_N_KNOBS), (b % 7) * 1.5);
      ds_responder_set_knob (r, 1, DS_KNOB_LOOP, b % 2 == 0 ? 0.0 : 4.0);
      ds_responder_set_playing (r, b % ds_responder_n_voices (r), b % 3 != 0);
      ds_responder_set_tries (r, 1 + b % 9);
      g_assert_true (ds_responder_set_polish (r, b % 3 == 0 ? 0 : 4 + b % 5, b % 4));
      if (b % 5 == 0)
        ds_responder_set_seed (r, b);
      answered += ds_responder_answer (r, in, n_in, out, 1024) > 0;
    }
  counting = FALSE;
  g_assert_cmpuint (answered, >, 0);
  return allocations - before;
}

static DsResponder *
untrained (const char *meter, guint steps)
{
  g_autoptr (GError) error = NULL;
  DsResponder *r = ds_responder_new_untrained (meter, steps, NULL, 5, &error);

  g_assert_no_error (error);
  return r;
}

static void
skip_unless_interposed (void)
{
  if (!INTERPOSE)
    g_test_skip ("malloc cannot be interposed here (not glibc, or AddressSanitizer)");
}

/* The counter sees what GLib and the C library allocate: the test can fail. */
static void
test_counter_sees_allocations (void)
{
  guint64 before = allocations;
  void *p;

  skip_unless_interposed ();
  if (!INTERPOSE)
    return;
  counting = TRUE;
  g_free (g_malloc (16));
  p = NULL;
  g_assert_cmpint (posix_memalign (&p, 64, 128), ==, 0);
  free (p);
  counting = FALSE;
  g_assert_cmpuint (allocations - before, ==, 4);
}

static void
test_answer_16 (void)
{
  g_autoptr (DsResponder) r = NULL;

  skip_unless_interposed ();
  if (!INTERPOSE)
    return;
  r = untrained ("4/4", 16);
  g_assert_cmpuint (count_answers (r, 64), ==, 0);
}

/* What the library allocates is seen too: a copy of a responder allocates. */
static void
test_library_allocations_seen (void)
{
  g_autoptr (DsResponder) r = NULL;
  DsResponder *copy;
  guint64 before;

  skip_unless_interposed ();
  if (!INTERPOSE)
    return;
  r = untrained ("4/4", 16);
  before = allocations;
  counting = TRUE;
  copy = ds_responder_copy (r);
  counting = FALSE;
  g_assert_cmpuint (allocations - before, >, 10);
  ds_responder_free (copy);
}

static void
test_answer_64 (void)
{
  g_autoptr (DsResponder) r = NULL;

  skip_unless_interposed ();
  if (!INTERPOSE)
    return;
  r = untrained ("4/4", 64);
  g_assert_cmpuint (count_answers (r, 24), ==, 0);
}

/* A 3/4 bar on a 4/4 model: resampled there and back, still nothing allocated. */
static void
test_answer_resampled (void)
{
  g_autoptr (DsResponder) model = NULL, r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  guint64 before;
  gboolean swapped;

  skip_unless_interposed ();
  if (!INTERPOSE)
    return;
  dir = g_dir_make_tmp ("ds-alloc-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "model.dsm", NULL);
  model = untrained ("4/4", 16);
  g_assert_true (ds_responder_save (model, path, &error));
  r = ds_responder_new (path, "3/4", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_responder_steps (r), ==, 12);
  g_assert_cmpuint (count_answers (r, 32), ==, 0);
  /* swapping learnt weights in between bars allocates nothing either */
  before = allocations;
  counting = TRUE;
  swapped = ds_responder_take_weights (r, model);
  counting = FALSE;
  g_assert_true (swapped);
  g_assert_cmpuint (allocations - before, ==, 0);
  g_assert_cmpuint (count_answers (r, 4), ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/responder/alloc/counter-sees-allocations", test_counter_sees_allocations);
  g_test_add_func ("/responder/alloc/library-allocations-seen", test_library_allocations_seen);
  g_test_add_func ("/responder/alloc/answer-16-steps-allocates-nothing", test_answer_16);
  g_test_add_func ("/responder/alloc/answer-64-steps-allocates-nothing", test_answer_64);
  g_test_add_func ("/responder/alloc/resampled-answer-and-weight-swap-allocate-nothing",
                   test_answer_resampled);
  return g_test_run ();
}
