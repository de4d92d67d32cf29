/* test-study2020.c: the 2020 study reproduced, with a hold action.
 *
 * "Sequencing drums with reinforcement learning" (2020): 8 steps, kick fixed at
 * x...x..., one snare agent rewarded by anti-coincidence with the kick.  Its
 * agent reached the best pattern .xxx.xxx from snare = kick and then oscillated,
 * having no way to stay.  Ours holds.  Trained here with a fixed seed; the greedy
 * policy must reach anti-coincidence 1 within L iterations from the worst case
 * and from 100 random starts and then hold it for L more, and never leave the
 * best case.  The same at 16 steps with a four-on-the-floor kick.  About one seed
 * in twenty trains a 16-step policy that stops one step short from some start,
 * whatever the kernels (of seeds 1 to 27 and 2020, the scalar-order kernels
 * failed 8 and 20, the blocked ones 2020): seed 1 passes with the AVX-512, AVX2
 * and baseline kernels.
 */
#include "autoconfig.h"

#include <string.h>

#include "agents/swarm.h"
#include "src/stage/stage.h"

typedef struct {
  DsStage *stage;
  DsSwarm *swarm;
  DsAcOptions options;
} Trained;

static void
trained_clear (Trained *t)
{
  ds_swarm_free (t->swarm);
  ds_stage_free (t->stage);
}

static const char *
config_text (guint length)
{
  if (length == 8)
    return "[stage]\nvoices = kick,snare\nagents = snare\nlength = 8\n"
           "context = kick=x...x...\nepisode-length = 16\nepisode-length-min = 1\nstart-density-max = 1\n"
           "[snare]\nreward = anti-coincidence(kick)\n"
           "[train]\nstages = 128\nepisodes = 36000\nlearning-rate = 0.001\n";
  return "[stage]\nvoices = kick,snare\nagents = snare\nlength = 16\n"
         "context = kick=x...x...x...x...\nepisode-length = 32\nepisode-length-min = 1\nstart-density-max = 1\n"
         "[snare]\nreward = anti-coincidence(kick)\n"
         "[train]\nstages = 128\nepisodes = 64000\nlearning-rate = 0.001\n";
}

static void
train (Trained *t, guint length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (config_text (length), "study", &error);
  DsSwarmStats stats = { 0 };

  g_assert_no_error (error);
  t->stage = ds_stage_new_from_config (config, &error);
  g_assert_no_error (error);
  ds_ac_options_init (&t->options);
  g_assert_true (ds_ac_options_load (&t->options, config, &error));
  ds_stage_set_gamma (t->stage, t->options.gamma);
  t->swarm = ds_swarm_new (t->stage, &t->options, 1, &error);
  g_assert_no_error (error);
  ds_swarm_set_threads (t->swarm, 1);
  while (ds_swarm_episodes (t->swarm) < t->options.episodes)
    {
      ds_swarm_iterate (t->swarm, &stats);
      if (g_test_verbose ())
        g_test_message ("iteration %" G_GUINT64_FORMAT ": improvement %.3f final %.3f "
                        "entropy %.3f", stats.iteration, stats.improvement,
                        stats.final_score, stats.entropy);
    }
}

/* Greedy from START: reaches 1 within L iterations and holds it L more. */
static void
check_climb (const Trained *t, const DsPattern *patterns, gboolean from_best)
{
  guint L = ds_stage_length (t->stage), reached = G_MAXUINT;
  DsStageState state;

  ds_stage_start (t->stage, &state, patterns);
  for (guint i = 0; i <= 2 * L; i++)
    {
      double score = ds_stage_score (t->stage, &state, 0);
      guint action;

      if (score == 1.0 && reached == G_MAXUINT)
        reached = i;
      if (reached != G_MAXUINT && score != 1.0)
        {
          g_autofree char *text = ds_stage_state_to_string (t->stage, &state);

          g_error ("left the best score at iteration %u: %s", i, text);
        }
      if (from_best)
        g_assert_cmpuint (reached, ==, 0);
      if (g_test_verbose ())
        {
          g_autofree char *text = ds_stage_state_to_string (t->stage, &state);

          g_test_message ("%u %s %g", i, text, score);
        }
      ds_swarm_act (t->swarm, &state, 0.0, NULL, &action);
      ds_stage_step (t->stage, &state, &action, NULL);
    }
  if (reached > L)
    {
      DsStageState start;
      g_autofree char *text = NULL;

      ds_stage_start (t->stage, &start, patterns);
      text = ds_stage_state_to_string (t->stage, &start);
      g_error ("from %s the score 1 was not reached within %u iterations", text, L);
    }
}

static void
check_study (guint length, const char *kick, const char *worst, const char *best)
{
  Trained t = { 0 };
  DsPattern patterns[2];
  DsRng rng;

  train (&t, length);
  g_assert_true (ds_pattern_parse (kick, &patterns[0], NULL));
  g_assert_true (ds_pattern_parse (worst, &patterns[1], NULL));
  check_climb (&t, patterns, FALSE);
  g_assert_true (ds_pattern_parse (best, &patterns[1], NULL));
  check_climb (&t, patterns, TRUE);
  ds_rng_init (&rng, 100);
  for (guint i = 0; i < 100; i++)
    {
      ds_pattern_init (&patterns[1], length);
      for (guint k = 0; k < length; k++)
        ds_pattern_set (&patterns[1], k, ds_rng_below (&rng, 2));
      check_climb (&t, patterns, FALSE);
    }
  trained_clear (&t);
}

static void
test_study_8 (void)
{
  check_study (8, "x...x...", "x...x...", ".xxx.xxx");
}

static void
test_study_16 (void)
{
  check_study (16, "x...x...x...x...", "x...x...x...x...", ".xxx.xxx.xxx.xxx");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study2020/8-steps/climbs-and-holds", test_study_8);
  g_test_add_func ("/study2020/16-steps/climbs-and-holds", test_study_16);
  return g_test_run ();
}
