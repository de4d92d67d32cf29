/* model.c: a swarm, its stage and its config, saved and loaded (see model.h). */
#include "autoconfig.h"

#include "agents/model.h"
#include "src/base/file.h"

#include <string.h>

const char *const ds_model_swarm_keys[] = { "team-weight", "critic", "share-parameters", NULL };

void
ds_model_free (DsModel *model)
{
  if (model == NULL)
    return;
  ds_swarm_free (model->swarm);
  ds_stage_free (model->stage);
  ds_config_free (model->config);
  g_free (model);
}

gboolean
ds_model_independent_critic (const DsConfig *config, gboolean *independent, GError **error)
{
  g_autofree char *critic = NULL;

  if (!ds_config_get_string (config, "swarm", "critic", "centralised", &critic, error))
    return FALSE;
  if (strcmp (critic, "centralised") != 0 && strcmp (critic, "independent") != 0)
    {
      g_autofree char *where = ds_config_where (config, "swarm", "critic");

      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE,
                   "%s: [swarm] critic must be 'centralised' or 'independent' (got '%s')", where,
                   critic);
      return FALSE;
    }
  *independent = strcmp (critic, "independent") == 0;
  return TRUE;
}

/* The model of CONFIG (taken) without its swarm. */
static DsModel *
model_prepare (DsConfig *config, GError **error)
{
  g_autoptr (DsModel) model = g_new0 (DsModel, 1);
  double team;

  model->config = config;
  ds_ac_options_init (&model->options);
  if (!ds_ac_options_load (&model->options, config, error))
    return NULL;
  model->stage = ds_stage_new_from_config (config, error);
  if (model->stage == NULL || !ds_config_check_keys (config, "swarm", ds_model_swarm_keys, error)
      || !ds_config_get_double (config, "swarm", "team-weight", 0.0, 0, 1, &team, error)
      || !ds_config_get_bool (config, "swarm", "share-parameters", FALSE,
                              &model->options.share_parameters, error)
      || !ds_model_independent_critic (config, &model->options.independent_critic, error))
    return NULL;
  /* an independent critic sees its own voice's steps and the progress only */
  if (model->options.independent_critic && ds_stage_loop_input (model->stage))
    {
      g_autofree char *where = ds_config_where (config, "swarm", "critic");

      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE,
                   "%s: [swarm] critic = independent does not go with [stage] loop-input", where);
      return NULL;
    }
  if ((guint64) model->options.stages * ds_stage_episode_length (model->stage)
      > DS_MODEL_MAX_SAMPLES)
    {
      g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE,
                   "%s: [train] stages (%u) times [stage] episode-length (%u) is more samples "
                   "per iteration than drumswarm takes (%u)", ds_config_name (config),
                   model->options.stages, ds_stage_episode_length (model->stage),
                   DS_MODEL_MAX_SAMPLES);
      return NULL;
    }
  ds_stage_set_gamma (model->stage, model->options.gamma);
  ds_stage_set_team_weight (model->stage, team);
  return g_steal_pointer (&model);
}

DsModel *
ds_model_new (DsConfig *config, guint64 seed, GError **error)
{
  g_autoptr (DsModel) model = model_prepare (config, error);

  if (model == NULL)
    return NULL;
  model->swarm = ds_swarm_new (model->stage, &model->options, seed, error);
  if (model->swarm == NULL)
    {
      g_prefix_error (error, "%s: ", ds_config_name (config));
      return NULL;
    }
  return g_steal_pointer (&model);
}

gboolean
ds_model_save (const DsModel *model, const char *path, GError **error)
{
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new ();
  g_autofree char *meter = ds_meter_to_string (ds_stage_meter (model->stage));
  g_autofree char *voices = ds_stage_voices_text (model->stage, FALSE);
  g_autofree char *agents = ds_stage_voices_text (model->stage, TRUE);

  ds_checkpoint_set_text (ck, "config", ds_config_text (model->config));
  ds_checkpoint_set_text (ck, "config-name", ds_config_name (model->config));
  ds_checkpoint_set_text (ck, "meter", meter);
  ds_checkpoint_set_int (ck, "length", ds_stage_length (model->stage));
  ds_checkpoint_set_text (ck, "voices", voices);
  ds_checkpoint_set_text (ck, "agents", agents);
  ds_swarm_save (model->swarm, ck);
  return ds_checkpoint_save (ck, path, error); /* its errors name PATH */
}

static gboolean
check_text (const DsCheckpoint *ck, const char *field, const char *expected, const char *path,
            GError **error)
{
  const char *stored = ds_checkpoint_get_text (ck, field, error);

  if (stored == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (strcmp (stored, expected) != 0)
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "%s: the model's %s is '%s' but its config gives '%s'", path, field, stored,
                   expected);
      return FALSE;
    }
  return TRUE;
}

DsModel *
ds_model_load (const char *file, GError **error)
{
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_load (file, error);
  const char *path = ds_file_input_name (file); /* for messages */
  g_autoptr (DsModel) model = NULL;
  g_autofree char *meter = NULL, *voices = NULL, *agents = NULL;
  const char *text, *name;
  DsConfig *config;
  gint64 length;

  if (ck == NULL)
    return NULL;
  text = ds_checkpoint_get_text (ck, "config", error);
  name = text != NULL ? ds_checkpoint_get_text (ck, "config-name", error) : NULL;
  if (name == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  config = ds_config_load_data (text, name, error);
  if (config == NULL || (model = model_prepare (config, error)) == NULL)
    {
      g_prefix_error (error, "%s: its config: ", path);
      return NULL;
    }
  meter = ds_meter_to_string (ds_stage_meter (model->stage));
  voices = ds_stage_voices_text (model->stage, FALSE);
  agents = ds_stage_voices_text (model->stage, TRUE);
  if (!check_text (ck, "meter", meter, path, error) || !check_text (ck, "voices", voices, path, error)
      || !check_text (ck, "agents", agents, path, error))
    return NULL;
  if (!ds_checkpoint_get_int (ck, "length", &length, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (length != (gint64) ds_stage_length (model->stage))
    {
      g_set_error (error, DS_SWARM_ERROR, DS_SWARM_ERROR_MISMATCH,
                   "%s: the model's grid has %" G_GINT64_FORMAT " steps but its config gives %u",
                   path, length, ds_stage_length (model->stage));
      return NULL;
    }
  model->swarm = ds_swarm_load (model->stage, &model->options, ck, error);
  if (model->swarm == NULL || !ds_checkpoint_check_read (ck, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&model);
}
