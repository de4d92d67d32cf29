/* swarm-io.c: a swarm's agents, options and counters in a checkpoint (see swarm.h). */
#include "autoconfig.h"

#include "agents/swarm.h"
#include "agents/swarm-private.h"

#include <math.h>
#include <string.h>

/* The network shape as text, e.g. "48-64-64-17 tanh", to check a checkpoint. */
static char *
shape_text (const DsMlp *mlp)
{
  static const char *const acts[] = { "linear", "tanh", "relu" };
  GString *s = g_string_new (NULL);

  for (guint l = 0; l <= mlp->n_layers; l++)
    g_string_append_printf (s, "%s%u", l > 0 ? "-" : "", mlp->width[l]);
  g_string_append_printf (s, " %s", acts[mlp->act[0]]);
  return g_string_free (s, FALSE);
}

/* Who plays with network K: its agent's voice, or every agent voice joined by '+'
 * when they share it. */
static char *
players (const DsSwarm *s, guint k)
{
  GString *text = g_string_new (NULL);

  for (guint a = 0; a < s->n_agents; a++)
    if (s->o.share_parameters || a == k)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "+" : "",
                              ds_stage_voice_name (s->stage, ds_stage_agent_voice (s->stage, a)));
  return g_string_free (text, FALSE);
}

void
ds_swarm_save (const DsSwarm *s, DsCheckpoint *ck)
{
  ds_checkpoint_set_int (ck, "swarm.agents", s->n_agents);
  ds_checkpoint_set_int (ck, "swarm.seed", (gint64) s->seed);
  ds_checkpoint_set_int (ck, "swarm.iterations", (gint64) s->iteration);
  ds_checkpoint_set_int (ck, "swarm.episodes", (gint64) s->episodes);
  ds_checkpoint_set_int (ck, "swarm.env-steps", (gint64) s->env_steps);
  ds_checkpoint_set_int (ck, "swarm.networks", s->n_nets);
  for (guint a = 0; a < s->n_nets; a++)
    {
      const DsAgent *agent = s->agents[a];
      g_autofree char *voice = players (s, a);
      g_autofree char *p = g_strdup_printf ("agent.%u.", a);
      g_autofree char *actor_shape = shape_text (agent->actor);
      g_autofree char *critic_shape = shape_text (agent->critic);
#define KEY(suffix) (g_snprintf (key, sizeof key, "%s%s", p, suffix), key)
      char key[64];

      ds_checkpoint_set_text (ck, KEY ("voice"), voice);
      ds_checkpoint_set_text (ck, KEY ("actor.shape"), actor_shape);
      ds_checkpoint_set_text (ck, KEY ("critic.shape"), critic_shape);
      ds_checkpoint_set_floats (ck, KEY ("actor"), agent->actor->params, agent->actor->n_params);
      ds_checkpoint_set_floats (ck, KEY ("actor.adam-m"), agent->actor_m, agent->actor->n_params);
      ds_checkpoint_set_floats (ck, KEY ("actor.adam-v"), agent->actor_v, agent->actor->n_params);
      ds_checkpoint_set_floats (ck, KEY ("critic"), agent->critic->params,
                                agent->critic->n_params);
      ds_checkpoint_set_floats (ck, KEY ("critic.adam-m"), agent->critic_m,
                                agent->critic->n_params);
      ds_checkpoint_set_floats (ck, KEY ("critic.adam-v"), agent->critic_v,
                                agent->critic->n_params);
      ds_checkpoint_set_int (ck, KEY ("adam-steps"), (gint64) agent->adam_t);
      ds_checkpoint_set_double (ck, KEY ("return-mean"), agent->ret_mean);
      ds_checkpoint_set_double (ck, KEY ("return-variance"), agent->ret_var);
      ds_checkpoint_set_double (ck, KEY ("return-count"), agent->ret_count);
    }
}

static gboolean impossible (GError **error, const char *field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* Fails: FIELD of the checkpoint holds a value that no training gives. */
static gboolean
impossible (GError **error, const char *field, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_VALUE,
               "the checkpoint's %s %s, which no training gives", field, what);
  return FALSE;
}

/* That the N floats of FIELD are finite (and, when NON_NEGATIVE, not below 0). */
static gboolean
check_floats (const char *field, const float *x, gsize n, gboolean non_negative, GError **error)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (x[i]) || (non_negative && x[i] < 0))
      return impossible (error, field, "holds %g at %" G_GSIZE_FORMAT, (double) x[i], i);
  return TRUE;
}

/* What the counters of swarm S allow of agent A's optimiser and return
 * statistics: Adam takes one step per minibatch, the returns seen are at most
 * the samples (env-steps, over every agent sharing the network). */
static gboolean
check_agent (const DsSwarm *s, const DsAgent *agent, const char *p, gint64 steps,
             GError **error)
{
  g_autofree char *adam = g_strconcat (p, "adam-steps", NULL);
  g_autofree char *mean = g_strconcat (p, "return-mean", NULL);
  g_autofree char *var = g_strconcat (p, "return-variance", NULL);
  g_autofree char *count = g_strconcat (p, "return-count", NULL);
  double max_steps = (double) s->iteration * s->o.epochs * s->o.minibatches;
  double max_count = (double) s->env_steps * s->n_agents;

  if (steps < 0 || (double) steps > max_steps)
    return impossible (error, adam, "is %" G_GINT64_FORMAT " after %" G_GUINT64_FORMAT
                       " iterations of %u epochs of %u minibatches", steps, s->iteration,
                       s->o.epochs, s->o.minibatches);
  if (!isfinite (agent->ret_mean))
    return impossible (error, mean, "is %g", agent->ret_mean);
  if (!isfinite (agent->ret_var) || agent->ret_var < 0)
    return impossible (error, var, "is %g", agent->ret_var);
  if (!isfinite (agent->ret_count) || agent->ret_count < 0
      || agent->ret_count != floor (agent->ret_count) || agent->ret_count > max_count)
    return impossible (error, count, "is %g after %" G_GUINT64_FORMAT " env-steps",
                       agent->ret_count, s->env_steps);
  if (agent->ret_count == 0 && s->iteration > 0 && s->o.value_norm)
    return impossible (error, count, "is 0 after %" G_GUINT64_FORMAT " iterations",
                       s->iteration);
  {
    const struct { const char *suffix; const float *x; gsize n; gboolean non_negative; } arrays[] = {
      { "actor", agent->actor->params, agent->actor->n_params, FALSE },
      { "actor.adam-m", agent->actor_m, agent->actor->n_params, FALSE },
      { "actor.adam-v", agent->actor_v, agent->actor->n_params, TRUE },
      { "critic", agent->critic->params, agent->critic->n_params, FALSE },
      { "critic.adam-m", agent->critic_m, agent->critic->n_params, FALSE },
      { "critic.adam-v", agent->critic_v, agent->critic->n_params, TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
      {
        g_autofree char *field = g_strconcat (p, arrays[i].suffix, NULL);

        if (!check_floats (field, arrays[i].x, arrays[i].n, arrays[i].non_negative, error))
          return FALSE;
      }
  }
  return TRUE;
}

static gboolean
load_agent (DsSwarm *s, guint a, const DsCheckpoint *ck, GError **error)
{
  DsAgent *agent = s->agents[a];
  g_autofree char *voice = players (s, a);
  g_autofree char *p = g_strdup_printf ("agent.%u.", a);
  g_autofree char *actor_shape = shape_text (agent->actor);
  g_autofree char *critic_shape = shape_text (agent->critic);
  const char *text;
  gint64 steps;
  char key[64];

  if ((text = ds_checkpoint_get_text (ck, KEY ("voice"), error)) == NULL)
    return FALSE;
  if (strcmp (text, voice) != 0)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "agent %u plays '%s' in the checkpoint but '%s' on the stage", a, text, voice);
      return FALSE;
    }
  if ((text = ds_checkpoint_get_text (ck, KEY ("actor.shape"), error)) == NULL)
    return FALSE;
  if (strcmp (text, actor_shape) != 0)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "agent '%s': the checkpoint's actor is %s, the config asks for %s", voice,
                   text, actor_shape);
      return FALSE;
    }
  if ((text = ds_checkpoint_get_text (ck, KEY ("critic.shape"), error)) == NULL)
    return FALSE;
  if (strcmp (text, critic_shape) != 0)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "agent '%s': the checkpoint's critic is %s, the config asks for %s", voice,
                   text, critic_shape);
      return FALSE;
    }
  if (!ds_checkpoint_get_floats (ck, KEY ("actor"), agent->actor->params,
                                 agent->actor->n_params, error)
      || !ds_checkpoint_get_floats (ck, KEY ("actor.adam-m"), agent->actor_m,
                                    agent->actor->n_params, error)
      || !ds_checkpoint_get_floats (ck, KEY ("actor.adam-v"), agent->actor_v,
                                    agent->actor->n_params, error)
      || !ds_checkpoint_get_floats (ck, KEY ("critic"), agent->critic->params,
                                    agent->critic->n_params, error)
      || !ds_checkpoint_get_floats (ck, KEY ("critic.adam-m"), agent->critic_m,
                                    agent->critic->n_params, error)
      || !ds_checkpoint_get_floats (ck, KEY ("critic.adam-v"), agent->critic_v,
                                    agent->critic->n_params, error)
      || !ds_checkpoint_get_int (ck, KEY ("adam-steps"), &steps, error)
      || !ds_checkpoint_get_double (ck, KEY ("return-mean"), &agent->ret_mean, error)
      || !ds_checkpoint_get_double (ck, KEY ("return-variance"), &agent->ret_var, error)
      || !ds_checkpoint_get_double (ck, KEY ("return-count"), &agent->ret_count, error)
      || !check_agent (s, agent, p, steps, error))
    return FALSE;
#undef KEY
  agent->adam_t = (guint64) steps;
  ds_mlp_sync (agent->actor);
  ds_mlp_sync (agent->critic);
  return TRUE;
}

DsSwarm *
ds_swarm_load (const DsStage *stage, const DsAcOptions *options, const DsCheckpoint *ck,
               GError **error)
{
  g_autoptr (DsSwarm) s = NULL;
  gint64 n_agents, seed, iterations, episodes, networks, env_steps;

  if (!ds_checkpoint_get_int (ck, "swarm.agents", &n_agents, error)
      || !ds_checkpoint_get_int (ck, "swarm.networks", &networks, error)
      || !ds_checkpoint_get_int (ck, "swarm.seed", &seed, error)
      || !ds_checkpoint_get_int (ck, "swarm.iterations", &iterations, error)
      || !ds_checkpoint_get_int (ck, "swarm.episodes", &episodes, error)
      || !ds_checkpoint_get_int (ck, "swarm.env-steps", &env_steps, error))
    return NULL;
  if (seed < 0 || iterations < 0 || episodes < 0 || env_steps < 0)
    {
      const char *field = seed < 0 ? "swarm.seed" : iterations < 0 ? "swarm.iterations"
                          : episodes < 0 ? "swarm.episodes" : "swarm.env-steps";

      impossible (error, field, "is negative (%" G_GINT64_FORMAT ")",
                  seed < 0 ? seed : iterations < 0 ? iterations
                  : episodes < 0 ? episodes : env_steps);
      return NULL;
    }
  if (episodes > env_steps || iterations > env_steps)
    {
      impossible (error, "swarm.env-steps", "is %" G_GINT64_FORMAT " for %" G_GINT64_FORMAT
                  " episodes in %" G_GINT64_FORMAT " iterations", env_steps, episodes,
                  iterations);
      return NULL;
    }
  if (n_agents != (gint64) ds_stage_n_agents (stage))
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "the checkpoint has %" G_GINT64_FORMAT " agents, the stage %u", n_agents,
                   ds_stage_n_agents (stage));
      return NULL;
    }
  s = ds_swarm_new_empty (stage, options, (guint64) seed);
  if (networks != (gint64) s->n_nets)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "the checkpoint's agents %s networks, the config asks otherwise",
                   networks == 1 && n_agents > 1 ? "share their" : "have their own");
      return NULL;
    }
  s->iteration = (guint64) iterations;
  s->episodes = (guint64) episodes;
  s->env_steps = (guint64) env_steps;
  /* each agent made (its weights left zero: the checkpoint gives them) just
   * before it is read, so that a file that holds less than its config promises
   * fails before the memory of every network is taken */
  for (guint a = 0; a < s->n_nets; a++)
    {
      s->agents[a] = ds_agent_new (options, s->n_inputs, s->n_critic_inputs, s->n_actions, NULL);
      if (!load_agent (s, a, ck, error))
        return NULL;
    }
  return g_steal_pointer (&s);
}
