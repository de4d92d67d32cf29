/* actor-critic.c: options, agents, GAE and the PPO losses (see actor-critic.h). */
#include "autoconfig.h"

#include "agents/actor-critic.h"
#include "agents/mlp-kernels.h"

#include <math.h>
#include <string.h>

const char *const ds_ac_train_keys[] = {
  "episodes", "stages", "epochs", "minibatches", "learning-rate", "adam-epsilon", "gamma",
  "gae-lambda", "clip", "entropy", "value-coefficient", "max-grad-norm",
  "value-normalisation", "advantage-normalisation", NULL
};

const char *const ds_ac_agent_keys[] = { "hidden", "activation", "init", NULL };

void
ds_ac_options_init (DsAcOptions *o)
{
  memset (o, 0, sizeof *o);
  o->episodes = 256 * 400;
  o->stages = 256;
  o->epochs = 4;
  o->minibatches = 4;
  o->learning_rate = 3e-4;
  o->adam_eps = 1e-5;
  o->gamma = 0.99;
  o->gae_lambda = 0.95;
  o->clip = 0.2;
  o->entropy = 0.01;
  o->value_coef = 0.5;
  o->max_grad_norm = 0.5;
  o->value_norm = TRUE;
  o->advantage_norm = TRUE;
  o->n_hidden = 2;
  o->hidden[0] = 64;
  o->hidden[1] = 64;
  o->activation = DS_ACT_TANH;
  o->init = DS_INIT_ORTHOGONAL;
}

static gboolean
bad_value (const DsConfig *config, const char *group, const char *key, const char *what,
           const char *got, GError **error)
{
  g_autofree char *where = ds_config_where (config, group, key);

  g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE, "%s: [%s] %s must be %s (got '%s')",
               where, group, key, what, got);
  return FALSE;
}

static gboolean
load_agent (DsAcOptions *o, const DsConfig *config, GError **error)
{
  g_autofree char *hidden = NULL, *act = NULL, *init = NULL;
  g_auto (GStrv) parts = NULL;

  if (!ds_config_check_keys (config, "agent", ds_ac_agent_keys, error)
      || !ds_config_get_string (config, "agent", "hidden", "64,64", &hidden, error)
      || !ds_config_get_string (config, "agent", "activation", "tanh", &act, error)
      || !ds_config_get_string (config, "agent", "init", "orthogonal", &init, error))
    return FALSE;
  parts = g_strsplit (hidden, ",", -1);
  o->n_hidden = g_strv_length (parts);
  if (o->n_hidden < 1 || o->n_hidden > DS_AC_MAX_HIDDEN)
    return bad_value (config, "agent", "hidden", "1 to 4 comma-separated layer widths", hidden,
                      error);
  for (guint i = 0; i < o->n_hidden; i++)
    {
      guint64 width;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 1024, &width, NULL))
        return bad_value (config, "agent", "hidden", "widths from 1 to 1024, e.g. 64,64",
                          hidden, error);
      o->hidden[i] = (guint) width;
    }
  if (strcmp (act, "tanh") == 0)
    o->activation = DS_ACT_TANH;
  else if (strcmp (act, "relu") == 0)
    o->activation = DS_ACT_RELU;
  else
    return bad_value (config, "agent", "activation", "'tanh' or 'relu'", act, error);
  if (strcmp (init, "orthogonal") == 0)
    o->init = DS_INIT_ORTHOGONAL;
  else if (strcmp (init, "scaled") == 0)
    o->init = DS_INIT_SCALED;
  else
    return bad_value (config, "agent", "init", "'orthogonal' or 'scaled'", init, error);
  return TRUE;
}

gboolean
ds_ac_options_load (DsAcOptions *o, const DsConfig *config, GError **error)
{
  const char *g = "train";
  gint64 episodes, stages, epochs, minibatches;

  if (!ds_config_check_keys (config, g, ds_ac_train_keys, error)
      || !ds_config_get_int (config, g, "episodes", (gint64) o->episodes, 1, G_MAXINT64 / 2,
                             &episodes, error)
      || !ds_config_get_int (config, g, "stages", o->stages, 1, 65536, &stages, error)
      || !ds_config_get_int (config, g, "epochs", o->epochs, 1, 100, &epochs, error)
      || !ds_config_get_int (config, g, "minibatches", o->minibatches, 1, 4096, &minibatches,
                             error)
      || !ds_config_get_double (config, g, "learning-rate", o->learning_rate, 0, 1,
                                &o->learning_rate, error)
      || !ds_config_get_double (config, g, "adam-epsilon", o->adam_eps, 1e-12, 1, &o->adam_eps,
                                error)
      || !ds_config_get_double (config, g, "gamma", o->gamma, 0, 1, &o->gamma, error)
      || !ds_config_get_double (config, g, "gae-lambda", o->gae_lambda, 0, 1, &o->gae_lambda,
                                error)
      || !ds_config_get_double (config, g, "clip", o->clip, 0, 10, &o->clip, error)
      || !ds_config_get_double (config, g, "entropy", o->entropy, 0, 10, &o->entropy, error)
      || !ds_config_get_double (config, g, "value-coefficient", o->value_coef, 0, 100,
                                &o->value_coef, error)
      || !ds_config_get_double (config, g, "max-grad-norm", o->max_grad_norm, 0, 1e6,
                                &o->max_grad_norm, error)
      || !ds_config_get_bool (config, g, "value-normalisation", o->value_norm, &o->value_norm,
                              error)
      || !ds_config_get_bool (config, g, "advantage-normalisation", o->advantage_norm,
                              &o->advantage_norm, error))
    return FALSE;
  o->episodes = (guint64) episodes;
  o->stages = (guint) stages;
  o->epochs = (guint) epochs;
  o->minibatches = (guint) minibatches;
  return load_agent (o, config, error);
}

static DsMlp *
new_network (const DsAcOptions *o, guint n_inputs, guint n_outputs)
{
  guint widths[DS_AC_MAX_HIDDEN + 2];
  DsActivation acts[DS_AC_MAX_HIDDEN + 1];
  guint n = o->n_hidden + 1;

  widths[0] = n_inputs;
  for (guint i = 0; i < o->n_hidden; i++)
    {
      widths[i + 1] = o->hidden[i];
      acts[i] = o->activation;
    }
  widths[n] = n_outputs;
  acts[n - 1] = DS_ACT_LINEAR;
  return ds_mlp_new (n, widths, acts);
}

/* MLP's weights drawn from RNG, OUT_GAIN on its output layer. */
static void
init_network (DsMlp *mlp, const DsAcOptions *o, float out_gain, DsRng *rng)
{
  float gains[DS_AC_MAX_HIDDEN + 1];

  for (guint i = 0; i < o->n_hidden; i++)
    gains[i] = o->init == DS_INIT_ORTHOGONAL ? (float) G_SQRT2 : 1.0f;
  gains[o->n_hidden] = out_gain;
  ds_mlp_init (mlp, o->init, gains, rng);
}

DsAgent *
ds_agent_new (const DsAcOptions *o, guint n_inputs, guint critic_inputs, guint n_actions,
              DsRng *rng)
{
  DsAgent *agent = g_new0 (DsAgent, 1);

  agent->actor = new_network (o, n_inputs, n_actions);
  agent->critic = new_network (o, critic_inputs, 1);
  agent->actor_m = ds_floats_new (agent->actor->n_params);
  agent->actor_v = ds_floats_new (agent->actor->n_params);
  agent->critic_m = ds_floats_new (agent->critic->n_params);
  agent->critic_v = ds_floats_new (agent->critic->n_params);
  agent->ret_var = 1.0;
  if (rng != NULL)
    ds_agent_init (agent, o, rng);
  return agent;
}

void
ds_agent_init (DsAgent *agent, const DsAcOptions *o, DsRng *rng)
{
  init_network (agent->actor, o, 0.01f, rng);
  init_network (agent->critic, o, 1.0f, rng);
}

void
ds_agent_free (DsAgent *agent)
{
  if (agent == NULL)
    return;
  ds_mlp_free (agent->actor);
  ds_mlp_free (agent->critic);
  ds_floats_free (agent->actor_m);
  ds_floats_free (agent->actor_v);
  ds_floats_free (agent->critic_m);
  ds_floats_free (agent->critic_v);
  g_free (agent);
}

void
ds_agent_copy_params (DsAgent *to, const DsAgent *from)
{
  ds_mlp_copy_params (to->actor, from->actor);
  ds_mlp_copy_params (to->critic, from->critic);
  to->ret_mean = from->ret_mean;
  to->ret_var = from->ret_var;
  to->ret_count = from->ret_count;
}

void
ds_agent_observe_returns (DsAgent *agent, const float *returns, gsize n)
{
  /* Chan et al.'s parallel update: the batch's mean and variance, then merged. */
  double mean = 0.0, m2 = 0.0, total, delta;

  if (n == 0)
    return;
  for (gsize i = 0; i < n; i++)
    mean += returns[i];
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    m2 += (returns[i] - mean) * (returns[i] - mean);
  if (agent->ret_count == 0.0)
    {
      agent->ret_mean = mean;
      agent->ret_var = m2 / (double) n;
      agent->ret_count = (double) n;
      return;
    }
  total = agent->ret_count + (double) n;
  delta = mean - agent->ret_mean;
  agent->ret_var = (agent->ret_var * agent->ret_count + m2
                    + delta * delta * agent->ret_count * (double) n / total) / total;
  agent->ret_mean += delta * (double) n / total;
  agent->ret_count = total;
}

void
ds_gae (const float *rewards, const float *values, const guint8 *dones, gsize done_stride,
        guint T, gsize stride, double gamma, double lambda, float *advantages, float *returns)
{
  double g = 0.0;

  for (guint t = T; t-- > 0;)
    {
      double next = dones != NULL && dones[t * done_stride] ? 0.0 : 1.0;
      double delta = rewards[t * stride] + gamma * next * values[(t + 1) * stride]
                     - values[t * stride];

      g = delta + gamma * lambda * next * g;
      advantages[t * stride] = (float) g;
      returns[t * stride] = (float) (g + values[t * stride]);
    }
}

double
ds_ppo_policy_loss (const float *z, guint n, guint action, float old_logp, float adv,
                    float clip, float entropy, float scale, float *dz, float *h_out)
{
  float zp[DS_MLP_MAX_ROW] __attribute__ ((aligned (64))) = { 0 };
  float dzp[DS_MLP_MAX_ROW] __attribute__ ((aligned (64)));
  guint16 a = (guint16) action;
  double loss, h;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW && action < n);
  memcpy (zp, z, n * sizeof (float));
  h = ds_ppo_policy_loss_rows (zp, ds_mlp_ld (n), 1, n, &a, &old_logp, &adv, clip, entropy,
                               scale, dzp, &loss);
  memcpy (dz, dzp, n * sizeof (float));
  if (h_out != NULL)
    *h_out = (float) h;
  return loss;
}

double
ds_ppo_policy_loss_rows (const float *z, gsize ld, guint rows, guint n, const guint16 *actions,
                         const float *old_logp, const float *adv, float clip, float entropy,
                         float scale, float *dz, double *loss)
{
  return ds_mlp_kernels_get ()->policy_loss (z, ld, rows, n, actions, old_logp, adv, clip,
                                             entropy, scale, dz, loss);
}

double
ds_ppo_value_loss (float v, float target, float coef, float scale, float *dv)
{
  double d = (double) v - target;

  *dv = (float) (2.0 * coef * d * scale);
  return coef * d * d;
}

void
ds_policy_sample_rows (const float *z, gsize ld, guint rows, guint n, const float *u,
                       guint16 *actions, float *logp)
{
  ds_mlp_kernels_get ()->policy_sample (z, ld, rows, n, u, actions, logp);
}

guint
ds_policy_sample (const float *z, guint n, double temperature, DsRng *rng, float *logp)
{
  float zp[DS_MLP_MAX_ROW] __attribute__ ((aligned (64))) = { 0 };
  guint16 action = 0;
  float lp;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  if (temperature <= 0.0)
    {
      for (guint i = 1; i < n; i++)
        if (z[i] > z[action])
          action = (guint16) i;
      if (logp != NULL)
        {
          float all[DS_MLP_MAX_ROW];

          ds_softmax_row (z, n, all, NULL);
          *logp = all[action];
        }
      return action;
    }
  float u = ds_rng_float (rng);

  for (guint i = 0; i < n; i++)
    zp[i] = temperature != 1.0 ? (float) (z[i] / temperature) : z[i];
  ds_policy_sample_rows (zp, ds_mlp_ld (n), 1, n, &u, &action, &lp);
  if (logp != NULL && temperature != 1.0)
    {
      float all[DS_MLP_MAX_ROW];

      ds_softmax_row (z, n, all, NULL);
      lp = all[action];
    }
  if (logp != NULL)
    *logp = lp;
  return action;
}
