/* swarm-io.c: a swarm's agents, options and counters in a checkpoint (see swarm.h). */
#include "autoconfig.h"

#include "agents/swarm.h"
#include "agents/swarm-private.h"

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
      || !ds_checkpoint_get_double (ck, KEY ("return-count"), &agent->ret_count, error))
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
  if (n_agents != (gint64) ds_stage_n_agents (stage))
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "the checkpoint has %" G_GINT64_FORMAT " agents, the stage %u", n_agents,
                   ds_stage_n_agents (stage));
      return NULL;
    }
  s = ds_swarm_new (stage, options, (guint64) seed);
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
  for (guint a = 0; a < s->n_nets; a++)
    if (!load_agent (s, a, ck, error))
      return NULL;
  return g_steal_pointer (&s);
}
