/* stage-config.c: a stage from the config's [stage] group and voice groups
 * (see stage.h and drumswarm.conf(5)). */
#include "autoconfig.h"

#include "src/stage/stage.h"
#include "src/rhythm/kit.h"

#include <string.h>

/* Splits a comma-separated list of voice names. */
static char **
split_names (const char *text)
{
  char **names = g_strsplit (text, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    g_strstrip (names[i]);
  return names;
}

static gboolean
config_voices (DsStage *stage, const DsConfig *config, GError **error)
{
  static const char *const starts[] = { "random", "empty", NULL };
  g_autofree char *agents = NULL, *context = NULL, *start = NULL;
  double cmin, cmax, smin, smax;

  if (!ds_config_get_string (config, "stage", "agents", NULL, &agents, error)
      || !ds_config_get_string (config, "stage", "context", NULL, &context, error)
      || !ds_config_get_string (config, "stage", "start", "random", &start, error)
      || !ds_config_get_double (config, "stage", "context-density-min", 0.1, 0, 1, &cmin, error)
      || !ds_config_get_double (config, "stage", "context-density-max", 0.5, 0, 1, &cmax, error)
      || !ds_config_get_double (config, "stage", "start-density-min", 0.0, 0, 1, &smin, error)
      || !ds_config_get_double (config, "stage", "start-density-max", 0.5, 0, 1, &smax, error))
    return FALSE;
  if (!g_strv_contains (starts, start))
    {
      g_autofree char *where = ds_config_where (config, "stage", "start");

      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                   "%s: [stage] start must be 'random' or 'empty' (got '%s')", where, start);
      return FALSE;
    }
  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    ds_stage_set_random (stage, v, cmin, cmax);
  if (agents != NULL)
    {
      g_auto (GStrv) names = split_names (agents);

      for (guint i = 0; names[i] != NULL; i++)
        {
          int v = ds_stage_find_voice (stage, names[i]);

          if (v < 0)
            {
              g_autofree char *where = ds_config_where (config, "stage", "agents");

              g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                           "%s: [stage] agents names '%s', which is not one of the voices",
                           where, names[i]);
              return FALSE;
            }
          ds_stage_set_agent (stage, (guint) v, TRUE);
        }
    }
  else
    for (guint v = 0; v < ds_stage_n_voices (stage); v++)
      ds_stage_set_agent (stage, v, TRUE);
  if (ds_stage_n_agents (stage) == 0)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                   "%s: [stage] agents names no voice", ds_config_name (config));
      return FALSE;
    }
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    if (strcmp (start, "empty") == 0)
      ds_stage_set_empty (stage, ds_stage_agent_voice (stage, a));
    else
      ds_stage_set_random (stage, ds_stage_agent_voice (stage, a), smin, smax);
  if (context != NULL)
    {
      g_autofree char *where = ds_config_where (config, "stage", "context");
      g_autoptr (GError) local = NULL;
      DsVoices given;

      if (!ds_voices_parse (context, &given, &local))
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE, "%s: [stage] context: %s",
                       where, local->message);
          return FALSE;
        }
      for (guint i = 0; i < given.n_voices; i++)
        {
          int v = ds_stage_find_voice (stage, given.names[i]);

          if (v < 0 || ds_stage_is_agent (stage, v))
            {
              g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                           "%s: [stage] context gives '%s', which is %s", where,
                           given.names[i], v < 0 ? "not one of the voices" : "an agent");
              return FALSE;
            }
          if (!ds_stage_set_given (stage, (guint) v, &given.patterns[i], &local))
            {
              g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE, "%s: [stage] context: %s",
                           where, local->message);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
config_reward (DsStage *stage, const DsConfig *config, GError **error)
{
  const char *names[DS_VOICES_MAX];
  g_autoptr (DsReward) reward = NULL;

  for (guint v = 0; v < ds_stage_n_voices (stage); v++)
    names[v] = ds_stage_voice_name (stage, v);
  reward = ds_reward_new (ds_stage_meter (stage), names, ds_stage_n_voices (stage), error);
  if (reward == NULL || !ds_reward_check_groups (reward, config, error)
      || !ds_reward_load_config (reward, config, error))
    return FALSE;
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      guint v = ds_stage_agent_voice (stage, a);

      if (!ds_reward_has_mix (reward, v))
        {
          g_autofree char *mix = ds_reward_default_mix (names[v], names, ds_stage_n_voices (stage));

          if (!ds_reward_set_mix (reward, v, mix, "default mix", error))
            return FALSE;
        }
    }
  ds_stage_set_reward (stage, g_steal_pointer (&reward));
  return TRUE;
}

DsStage *
ds_stage_new_from_config (const DsConfig *config, GError **error)
{
  static const char *const keys[] = {
    "voices", "agents", "meter", "length", "bars", "episode-length", "context",
    "context-density-min", "context-density-max", "start", "start-density-min",
    "start-density-max", "progress-input", "context-library", "episode-length-min",
    "loop-input", NULL
  };
  g_autofree char *voices = NULL, *meter_text = NULL, *defaults = ds_kit_default_voices ();
  g_auto (GStrv) names = NULL;
  g_autoptr (DsMeter) meter = NULL;
  g_autoptr (DsStage) stage = NULL;
  gint64 length, episode, episode_min, bars;
  gboolean progress, loop_input;
  double library;

  if (!ds_config_check_keys (config, "stage", keys, error)
      || !ds_config_get_string (config, "stage", "voices", defaults, &voices, error)
      || !ds_config_get_string (config, "stage", "meter", "4/4", &meter_text, error)
      || !ds_config_get_int (config, "stage", "length", 16, 1, 64, &length, error)
      || !ds_config_get_int (config, "stage", "bars", 0, 0, 64, &bars, error)
      || !ds_config_get_int (config, "stage", "episode-length", 32, 1, 100000, &episode, error)
      || !ds_config_get_int (config, "stage", "episode-length-min", 0, 0, 100000, &episode_min,
                             error)
      || !ds_config_get_bool (config, "stage", "progress-input", FALSE, &progress, error)
      || !ds_config_get_bool (config, "stage", "loop-input", FALSE, &loop_input, error)
      || !ds_config_get_double (config, "stage", "context-library", 0.5, 0, 1, &library, error))
    return NULL;
  if (episode_min > episode)
    {
      g_autofree char *where = ds_config_where (config, "stage", "episode-length-min");

      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                   "%s: [stage] episode-length-min (%" G_GINT64_FORMAT ") is above "
                   "episode-length (%" G_GINT64_FORMAT "); the shortest episode cannot be "
                   "longer than the longest", where, episode_min, episode);
      return NULL;
    }
  if (bars > 0 && length % bars != 0)
    {
      g_autofree char *where = ds_config_where (config, "stage", "bars");

      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                   "%s: [stage] bars must divide the length %" G_GINT64_FORMAT
                   " (got %" G_GINT64_FORMAT ")", where, length, bars);
      return NULL;
    }
  meter = bars > 0 ? ds_meter_new_bars (meter_text, (guint) (length / bars), (guint) bars, error)
                   : ds_meter_new_for_length (meter_text, (guint) length, error);
  if (meter == NULL)
    {
      g_prefix_error (error, "%s: [stage] meter %s, length %" G_GINT64_FORMAT ": ",
                      ds_config_name (config), meter_text, length);
      return NULL;
    }
  names = split_names (voices);
  stage = ds_stage_new (meter, (const char *const *) names, g_strv_length (names), error);
  if (stage == NULL)
    {
      g_autofree char *where = ds_config_where (config, "stage", "voices");

      g_prefix_error (error, "%s: [stage] voices: ", where);
      return NULL;
    }
  ds_stage_set_episode_length (stage, (guint) episode);
  ds_stage_set_episode_length_min (stage, (guint) episode_min);
  ds_stage_set_progress_input (stage, progress);
  ds_stage_set_loop_input (stage, loop_input);
  if (!config_voices (stage, config, error) || !config_reward (stage, config, error))
    return NULL;
  ds_stage_set_library (stage, library);
  return g_steal_pointer (&stage);
}
