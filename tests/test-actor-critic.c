/* test-actor-critic.c: PPO losses (finite-difference gradients), GAE, sampling,
 * options from the config. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "agents/actor-critic.h"

/* The policy loss's gradient w.r.t. the logits against central differences, in
 * the unclipped and the clipped regime, for both signs of the advantage. */
static void
test_policy_loss_gradient (void)
{
  const float base[9] = { 0.3f, -1.2f, 0.8f, 0.1f, 2.0f, -0.5f, 0.0f, 1.1f, -2.0f };
  const float old_logps[] = { -2.0f, -0.2f, -6.0f };
  const float advs[] = { 1.3f, -0.7f };
  const double eps = 1e-3;

  for (guint o = 0; o < G_N_ELEMENTS (old_logps); o++)
    for (guint s = 0; s < G_N_ELEMENTS (advs); s++)
      for (guint action = 0; action < 9; action += 4)
        {
          float z[9], dz[9], scratch[9];

          memcpy (z, base, sizeof z);
          ds_ppo_policy_loss (z, 9, action, old_logps[o], advs[s], 0.2f, 0.05f, 0.5f, dz, NULL);
          for (guint i = 0; i < 9; i++)
            {
              double plus, minus, numeric;

              z[i] = base[i] + (float) eps;
              plus = ds_ppo_policy_loss (z, 9, action, old_logps[o], advs[s], 0.2f, 0.05f, 0.5f,
                                         scratch, NULL);
              z[i] = base[i] - (float) eps;
              minus = ds_ppo_policy_loss (z, 9, action, old_logps[o], advs[s], 0.2f, 0.05f,
                                          0.5f, scratch, NULL);
              z[i] = base[i];
              numeric = 0.5 * (plus - minus) / (2 * eps);
              g_assert_cmpfloat (fabs (numeric - dz[i]), <, 1e-3 + 1e-2 * fabs (numeric));
            }
        }
}

static void
test_policy_loss_clips (void)
{
  const float z[3] = { 0.0f, 0.0f, 0.0f }; /* logp = -log 3 for each action */
  float dz[3];
  float logp = (float) -log (3.0);
  double loss;

  /* ratio e^1 > 1.2 with a positive advantage: clipped, no policy gradient */
  loss = ds_ppo_policy_loss (z, 3, 1, logp - 1.0f, 1.0f, 0.2f, 0.0f, 1.0f, dz, NULL);
  g_assert_cmpfloat (fabs (loss + 1.2), <, 1e-6);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (dz[i], ==, 0.0f);
  /* ratio 1: the gradient raises the chosen action's logit for a positive advantage */
  ds_ppo_policy_loss (z, 3, 1, logp, 1.0f, 0.2f, 0.0f, 1.0f, dz, NULL);
  g_assert_cmpfloat (dz[1], <, 0.0f);
  g_assert_cmpfloat (dz[0], >, 0.0f);
}

static void
test_value_loss_gradient (void)
{
  float dv, scratch;
  double plus = ds_ppo_value_loss (0.701f, 0.2f, 0.5f, 1.0f, &scratch);
  double minus = ds_ppo_value_loss (0.699f, 0.2f, 0.5f, 1.0f, &scratch);

  g_assert_cmpfloat (fabs (ds_ppo_value_loss (0.7f, 0.2f, 0.5f, 0.25f, &dv) - 0.125), <, 1e-6);
  g_assert_cmpfloat (fabs (dv / 0.25 - (plus - minus) / 0.002), <, 1e-3);
}

/* GAE against its definition: A_t = sum_k (gamma lambda)^k delta_{t+k}. */
static void
test_gae_matches_definition (void)
{
  const float rewards[4] = { 0.5f, -0.25f, 0.125f, 1.0f };
  const float values[5] = { 0.1f, 0.2f, -0.3f, 0.4f, 0.0f };
  const double gamma = 0.9, lambda = 0.8;
  float adv[4], ret[4];

  ds_gae (rewards, values, NULL, 0, 4, 1, gamma, lambda, adv, ret);
  for (guint t = 0; t < 4; t++)
    {
      double a = 0.0, f = 1.0;

      for (guint k = t; k < 4; k++, f *= gamma * lambda)
        a += f * (rewards[k] + gamma * values[k + 1] - values[k]);
      g_assert_cmpfloat (fabs (adv[t] - a), <, 1e-6);
      g_assert_cmpfloat (fabs (ret[t] - (a + values[t])), <, 1e-6);
    }
  /* lambda = 1, terminal value 0: returns are the discounted rewards-to-go */
  ds_gae (rewards, values, NULL, 0, 4, 1, gamma, 1.0, adv, ret);
  g_assert_cmpfloat (fabs (ret[0] - (0.5 - 0.9 * 0.25 + 0.81 * 0.125 + 0.729)), <, 1e-6);
  /* an episode ending with step 1: steps 0-1 see nothing of steps 2-3 */
  {
    const guint8 dones[4] = { 0, 1, 0, 0 };

    ds_gae (rewards, values, dones, 1, 4, 1, gamma, lambda, adv, ret);
    g_assert_cmpfloat (fabs (adv[1] - (-0.25 - 0.2)), <, 1e-6);
    g_assert_cmpfloat (fabs (adv[0] - ((0.5 + 0.9 * 0.2 - 0.1) + 0.72 * (-0.45))), <, 1e-6);
    g_assert_cmpfloat (fabs (adv[3] - (1.0 + 0.9 * 0.0 - 0.4)), <, 1e-6);
  }
}

static void
test_sample_follows_probabilities (void)
{
  const float z[3] = { 0.0f, (float) log (2.0), (float) log (5.0) }; /* p = 1/8 2/8 5/8 */
  guint counts[3] = { 0 };
  DsRng rng;
  float logp;

  ds_rng_init (&rng, 3);
  for (guint i = 0; i < 80000; i++)
    counts[ds_policy_sample (z, 3, 1.0, &rng, NULL)]++;
  g_assert_cmpfloat (fabs (counts[0] / 80000.0 - 0.125), <, 0.01);
  g_assert_cmpfloat (fabs (counts[2] / 80000.0 - 0.625), <, 0.01);
  g_assert_cmpuint (ds_policy_sample (z, 3, 0.0, NULL, &logp), ==, 2);
  g_assert_cmpfloat (fabs (logp - log (0.625)), <, 1e-6);
  /* a low temperature sharpens the distribution toward the argmax */
  memset (counts, 0, sizeof counts);
  for (guint i = 0; i < 10000; i++)
    counts[ds_policy_sample (z, 3, 0.1, &rng, NULL)]++;
  g_assert_cmpuint (counts[2], >, 9900);
}

static void
test_returns_statistics (void)
{
  const float first[4] = { 1, 2, 3, 4 }, second[2] = { 10, 20 };
  DsAcOptions o;
  DsRng rng;
  g_autoptr (DsAgent) agent = NULL;

  ds_ac_options_init (&o);
  ds_rng_init (&rng, 1);
  agent = ds_agent_new (&o, 10, 10, 5, &rng);
  ds_agent_observe_returns (agent, first, 4);
  ds_agent_observe_returns (agent, second, 2);
  /* all six: mean 40/6, population variance */
  g_assert_cmpfloat (fabs (agent->ret_mean - 40.0 / 6), <, 1e-9);
  g_assert_cmpfloat (fabs (agent->ret_var - (1 + 4 + 9 + 16 + 100 + 400 - 6 * (40.0 / 6) * (40.0 / 6)) / 6),
                     <, 1e-9);
  g_assert_cmpuint (agent->actor->width[0], ==, 10);
  g_assert_cmpuint (agent->actor->width[agent->actor->n_layers], ==, 5);
  g_assert_cmpuint (agent->critic->width[agent->critic->n_layers], ==, 1);
}

static void
test_options_from_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[train]\nepochs = 3\nlearning-rate = 0.001\nvalue-normalisation = false\n"
      "[agent]\nhidden = 32,32,16\nactivation = relu\ninit = scaled\n",
      "t.conf", &error);
  g_autoptr (DsConfig) bad = ds_config_load_data ("[train]\nepoch = 3\n", "bad.conf", NULL);
  g_autoptr (DsConfig) bad_hidden = ds_config_load_data ("[agent]\nhidden = 64,x\n", "h.conf",
                                                         NULL);
  DsAcOptions o;

  ds_ac_options_init (&o);
  g_assert_true (ds_ac_options_load (&o, config, &error));
  g_assert_cmpuint (o.epochs, ==, 3);
  g_assert_cmpfloat (o.learning_rate, ==, 0.001);
  g_assert_false (o.value_norm);
  g_assert_cmpuint (o.n_hidden, ==, 3);
  g_assert_cmpuint (o.hidden[2], ==, 16);
  g_assert_cmpint (o.activation, ==, DS_ACT_RELU);
  g_assert_cmpint (o.init, ==, DS_INIT_SCALED);
  g_assert_false (ds_ac_options_load (&o, bad, &error));
  g_assert_nonnull (strstr (error->message, "epochs"));
  g_clear_error (&error);
  g_assert_false (ds_ac_options_load (&o, bad_hidden, &error));
  g_assert_nonnull (strstr (error->message, "h.conf:2"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/actor-critic/policy-loss/gradient", test_policy_loss_gradient);
  g_test_add_func ("/actor-critic/policy-loss/clips", test_policy_loss_clips);
  g_test_add_func ("/actor-critic/value-loss/gradient", test_value_loss_gradient);
  g_test_add_func ("/actor-critic/gae/matches-definition", test_gae_matches_definition);
  g_test_add_func ("/actor-critic/policy/samples-its-probabilities",
                   test_sample_follows_probabilities);
  g_test_add_func ("/actor-critic/returns/running-statistics", test_returns_statistics);
  g_test_add_func ("/actor-critic/options/from-config", test_options_from_config);
  return g_test_run ();
}
