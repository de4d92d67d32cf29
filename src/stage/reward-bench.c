/* reward-bench.c: the stage-score benchmarks (see reward-bench.h).
 *
 * Each repetition scores every voice of STAGES random stages (onset density
 * 0.3, drawn once from a seeded DsRng) against a random loop; the figure is
 * whole stages (three voice scores each) per second, single-threaded. */
#include "autoconfig.h"

#include "src/stage/reward-bench.h"

#include "src/stage/reward.h"
#include "src/base/rng.h"

#define STAGES 4096
#define VOICES 3
/* rounds of STAGES per repetition: a few milliseconds each, so that the
 * median of the repetitions sees little of other processes' load */
#define ROUNDS 8

typedef struct {
  DsReward *reward;
  DsPattern patterns[STAGES][VOICES];
  DsPattern loop[VOICES];
  volatile double sink;
} State;

static void
random_pattern (DsRng *rng, guint length, DsPattern *pattern)
{
  ds_pattern_init (pattern, length);
  for (guint k = 0; k < length; k++)
    if (ds_rng_double (rng) < 0.3)
      ds_pattern_set (pattern, k, TRUE);
}

/* EXTRA is appended to every default mix (NULL: nothing). */
static gpointer
setup (guint length, const char *extra, GError **error)
{
  static const char *const names[VOICES] = { "kick", "snare", "hat" };
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", length, error);
  State *state;
  DsRng rng;

  if (meter == NULL)
    return NULL;
  state = g_new0 (State, 1);
  state->reward = ds_reward_new (meter, names, VOICES, error);
  if (state->reward == NULL)
    {
      g_free (state);
      return NULL;
    }
  for (guint v = 0; v < VOICES; v++)
    {
      g_autofree char *base = ds_reward_default_mix (names[v], names, VOICES);
      g_autofree char *mix = extra != NULL ? g_strconcat (base, " + ", extra, NULL)
                                           : g_strdup (base);

      if (!ds_reward_set_mix (state->reward, v, mix, "default mix", error))
        {
          ds_reward_free (state->reward);
          g_free (state);
          return NULL;
        }
    }
  ds_rng_init (&rng, 20261125);
  for (guint s = 0; s < STAGES; s++)
    for (guint v = 0; v < VOICES; v++)
      random_pattern (&rng, length, &state->patterns[s][v]);
  for (guint v = 0; v < VOICES; v++)
    random_pattern (&rng, length, &state->loop[v]);
  return state;
}

static gpointer
setup_16 (int threads, GError **error)
{
  return setup (16, NULL, error);
}

static gpointer
setup_64 (int threads, GError **error)
{
  return setup (64, NULL, error);
}

static gpointer
setup_style (int threads, GError **error)
{
  return setup (16, "0.3 style", error);
}

static double
run (gpointer data, guint rounds)
{
  State *state = data;
  double sum = 0.0;

  for (guint r = 0; r < rounds; r++)
    for (guint s = 0; s < STAGES; s++)
      for (guint v = 0; v < VOICES; v++)
        sum += ds_reward_score (state->reward, v, state->patterns[s], state->loop);
  state->sink = sum;
  return (double) rounds * STAGES;
}

static double
run_16 (gpointer data)
{
  return run (data, ROUNDS);
}

static double
run_64 (gpointer data)
{
  return run (data, ROUNDS / 4);
}

static void
teardown (gpointer data)
{
  State *state = data;

  ds_reward_free (state->reward);
  g_free (state);
}

const DsBenchWorkload ds_reward_bench_score = {
  .name = "score",
  .summary = "three-voice stage scores (default mixes of kick, snare, hat) at L = 16, "
             "one thread",
  .figure = "stage-scores/s",
  .single_thread = TRUE,
  .setup = setup_16,
  .run = run_16,
  .teardown = teardown,
};

const DsBenchWorkload ds_reward_bench_score_64 = {
  .name = "score-64",
  .summary = "three-voice stage scores as 'score' at L = 64 (four 4/4 bars), one thread",
  .figure = "stage-scores/s",
  .single_thread = TRUE,
  .setup = setup_64,
  .run = run_64,
  .teardown = teardown,
};

const DsBenchWorkload ds_reward_bench_score_style = {
  .name = "score-style",
  .summary = "three-voice stage scores as 'score' with the bundled style term "
             "(+ 0.3 style) in every mix, one thread",
  .figure = "stage-scores/s",
  .single_thread = TRUE,
  .setup = setup_style,
  .run = run_16,
  .teardown = teardown,
};
