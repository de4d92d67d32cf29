/* actor-critic.h: one agent's networks and the PPO-clip losses, with GAE.
 *
 * An agent has an actor (logits over L + 1 actions: toggle step k, or hold) and
 * a critic (the value of the whole stage for this agent: MAPPO's centralised
 * critic, Yu et al. 2021), both MLPs over the stage's observation, each with its
 * own Adam moments.  Learning is PPO with the clipped surrogate (Schulman et al.
 * 2017), generalised advantage estimation (Schulman et al. 2016), an entropy
 * bonus, a value loss on normalised returns (running mean and variance of the
 * returns), advantage normalisation and gradient-norm clipping.
 *
 * Every default lives in ds_ac_options_init; ds_ac_options_load reads the
 * config's [train] and [agent] groups over them.  The training loop over many
 * agents and stages is agents/swarm.h.
 */
#pragma once

#include <glib.h>
#include <math.h>

#include "agents/mlp.h"
#include "src/base/config.h"
#include "src/base/rng.h"

G_BEGIN_DECLS

#define DS_AC_MAX_HIDDEN 4

typedef struct {
  /* [train] */
  guint64 episodes;        /* episodes to train (one per stage per iteration) */
  guint stages;            /* B: stages played side by side */
  guint epochs;            /* PPO epochs per iteration */
  guint minibatches;       /* minibatches per epoch */
  double learning_rate;    /* Adam step size */
  double adam_eps;
  double gamma;            /* discount, also the shaping factor of the reward */
  double gae_lambda;
  double clip;             /* PPO ratio clip */
  double entropy;          /* entropy bonus coefficient */
  double value_coef;       /* value loss coefficient */
  double max_grad_norm;    /* clip the gradient of actor + critic to this norm (0: off) */
  gboolean value_norm;     /* critic learns normalised returns */
  gboolean advantage_norm; /* advantages to zero mean, unit variance per agent */
  /* [agent] */
  guint n_hidden;
  guint hidden[DS_AC_MAX_HIDDEN];
  DsActivation activation;
  DsInit init;
  /* [swarm] (agents/model.h) */
  gboolean independent_critic; /* each critic sees only its own voice (IPPO), not the stage */
  gboolean share_parameters;   /* one actor and one critic for all agents, told apart by a
                                  one-hot voice input */
} DsAcOptions;

/* An agent: actor, critic, their Adam state, the return statistics. */
typedef struct {
  DsMlp *actor, *critic;
  float *actor_m, *actor_v, *critic_m, *critic_v;  /* Adam moments */
  guint64 adam_t;
  double ret_mean, ret_var, ret_count;             /* value normalisation */
} DsAgent;

/* The defaults (workload w1 of DESIGN.md). */
void ds_ac_options_init (DsAcOptions *options);

/* Reads [train] and [agent] over OPTIONS; unknown keys are errors. */
gboolean ds_ac_options_load (DsAcOptions *options, const DsConfig *config, GError **error);

/* Names of the [train] and [agent] keys (NULL-terminated), for checks and docs. */
extern const char *const ds_ac_train_keys[];
extern const char *const ds_ac_agent_keys[];

/* A new agent for N_INPUTS actor inputs, CRITIC_INPUTS critic inputs and N_ACTIONS
 * actions, initialised from RNG
 * (orthogonal: gain sqrt 2 in hidden layers, 0.01 on the policy output, 1 on
 * the value output, as in Andrychowicz et al. 2021); with RNG NULL, its
 * weights are left zero, for a checkpoint to fill. */
DsAgent *ds_agent_new (const DsAcOptions *options, guint n_inputs, guint critic_inputs,
                       guint n_actions, DsRng *rng);

/* AGENT's weights drawn from RNG, as ds_agent_new draws them. */
void ds_agent_init (DsAgent *agent, const DsAcOptions *options, DsRng *rng);

void ds_agent_free (DsAgent *agent);

/* TO takes FROM's weights and return statistics (networks of the same shape);
 * its Adam moments are left as they are. */
void ds_agent_copy_params (DsAgent *to, const DsAgent *from);

/* The value the critic's output V stands for (undoing the normalisation). */
static inline double
ds_agent_denormalise (const DsAgent *agent, gboolean value_norm, double v)
{
  return value_norm ? v * sqrt (agent->ret_var + 1e-8) + agent->ret_mean : v;
}

/* Folds N returns into the running mean and variance (in order). */
void ds_agent_observe_returns (DsAgent *agent, const float *returns, gsize n);

/* Advantages and returns by GAE for T steps of one stream (entries STRIDE apart):
 * REWARDS[t], VALUES[t] (T + 1 entries, the last the bootstrap for an episode
 * cut by the end of the rollout), DONES[t] (DONE_STRIDE apart, or NULL for none)
 * non-zero where an episode ended with step t, so that nothing after it counts. */
void ds_gae (const float *rewards, const float *values, const guint8 *dones, gsize done_stride,
             guint T, gsize stride, double gamma, double lambda, float *advantages,
             float *returns);

/* The PPO loss of one sample, and its gradient w.r.t. the N logits (into DZ,
 * scaled by SCALE = 1 / minibatch size): clipped surrogate on ACTION with old
 * log-probability OLD_LOGP and advantage ADV, minus ENTROPY times the entropy
 * (which goes to H, unless NULL). */
double ds_ppo_policy_loss (const float *z, guint n, guint action, float old_logp, float adv,
                           float clip, float entropy, float scale, float *dz, float *h);

/* The same for ROWS samples at once, vectorised: row r's N logits at Z + r * LD
 * (LD a multiple of DS_MLP_LANE, like a network's output rows),
 * its action, old log-probability and advantage at ACTIONS[r], OLD_LOGP[r] and
 * ADV[r]; DZ (laid out like Z) gets the gradients, padding columns zeroed.
 * Returns the sum of the rows' entropies (in row order); LOSS (or NULL) gets
 * the sum of their losses. */
double ds_ppo_policy_loss_rows (const float *z, gsize ld, guint rows, guint n,
                                const guint16 *actions, const float *old_logp, const float *adv,
                                float clip, float entropy, float scale, float *dz, double *loss);

/* The value loss COEF * (V - TARGET)^2 of one sample and its gradient (times SCALE). */
double ds_ppo_value_loss (float v, float target, float coef, float scale, float *dv);

/* Samples an action from softmax(Z / TEMPERATURE) (TEMPERATURE 0: argmax, the first
 * of equal maxima); LOGP (or NULL) gets its log-probability at temperature 1. */
guint ds_policy_sample (const float *z, guint n, double temperature, DsRng *rng, float *logp);

/* The same at temperature 1 for ROWS rows of logits laid out as for
 * ds_ppo_policy_loss_rows, vectorised, with U[r] (uniform in [0, 1), drawn by the
 * caller) in place of the draws: ACTIONS[r] and its log-probability LOGP[r]. */
void ds_policy_sample_rows (const float *z, gsize ld, guint rows, guint n, const float *u,
                            guint16 *actions, float *logp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsAgent, ds_agent_free)

G_END_DECLS
