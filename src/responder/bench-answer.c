/* bench-answer.c: the answer's latency (see bench-answer.h). */
#include "autoconfig.h"

#include "src/responder/bench-answer.h"
#include "src/responder/drumswarm.h"

#include "src/base/rng.h"

#define N_BARS 64
#define MAX_IN 256

typedef struct {
  DsResponder *responder;
  DsHit bars[N_BARS][MAX_IN];
  guint n_hits[N_BARS];
  guint next;
  DsHit out[DS_RESPONDER_MAX_HITS];
} AnswerBench;

/* N_BARS bars of a played groove: hat on most eighths, kick and snare around
 * the beats, each hit a little off the grid and at its own velocity. */
static void
make_bars (AnswerBench *b, guint steps)
{
  DsRng rng;

  ds_rng_init (&rng, 2024);
  for (guint bar = 0; bar < N_BARS; bar++)
    {
      guint n = 0;

      for (guint k = 0; k < steps && n + 3 <= MAX_IN; k++)
        {
          double at = (k + 0.3 * (ds_rng_double (&rng) - 0.5)) / steps;
          guint8 velocity = (guint8) (50 + ds_rng_below (&rng, 70));
          gboolean beat = k % (steps / 4) == 0, eighth = k % (steps / 8) == 0;

          if (eighth && ds_rng_double (&rng) < 0.9)
            b->bars[bar][n++] = (DsHit) { .time = MAX (at, 0.0), .note = 42, .velocity = velocity };
          if ((beat && (k / (steps / 4)) % 2 == 0) || ds_rng_double (&rng) < 0.05)
            b->bars[bar][n++] = (DsHit) { .time = MAX (at, 0.0), .note = 36, .velocity = velocity };
          if ((beat && (k / (steps / 4)) % 2 == 1) || ds_rng_double (&rng) < 0.04)
            b->bars[bar][n++] = (DsHit) { .time = MAX (at, 0.0), .note = 38, .velocity = velocity };
        }
      b->n_hits[bar] = n;
    }
}

static gpointer
setup (guint steps, GError **error)
{
  g_autofree AnswerBench *b = g_new0 (AnswerBench, 1);

  b->responder = ds_responder_new_untrained ("4/4", steps, NULL, 1, error);
  if (b->responder == NULL)
    return NULL;
  make_bars (b, steps);
  return g_steal_pointer (&b);
}

static gpointer setup_16 (int threads, GError **error) { return setup (16, error); }
static gpointer setup_64 (int threads, GError **error) { return setup (64, error); }

static double
run (gpointer state)
{
  AnswerBench *b = state;
  guint bar = b->next++ % N_BARS;

  ds_responder_answer (b->responder, b->bars[bar], b->n_hits[bar], b->out,
                       G_N_ELEMENTS (b->out));
  return 1;
}

static void
teardown (gpointer state)
{
  AnswerBench *b = state;

  ds_responder_free (b->responder);
  g_free (b);
}

const DsBenchWorkload ds_bench_answer_16 = {
  .name = "answer-16",
  .summary = "time from a bar's end to its answer (ds_responder_answer), 4/4 bars of 16 steps",
  .figure = "answer-us",
  .setup = setup_16,
  .run = run,
  .teardown = teardown,
  .single_thread = TRUE,
  .latency_samples = 400,
};

const DsBenchWorkload ds_bench_answer_64 = {
  .name = "answer-64",
  .summary = "time from a bar's end to its answer (ds_responder_answer), 4/4 bars of 64 steps",
  .figure = "answer-us",
  .setup = setup_64,
  .run = run,
  .teardown = teardown,
  .single_thread = TRUE,
  .latency_samples = 400,
};
