/* stage.c: the environment of V voices, agents and context (see stage.h). */
#include "autoconfig.h"

#include "src/stage/stage.h"

#include <string.h>

G_DEFINE_QUARK (ds-stage-error-quark, ds_stage_error)

typedef enum {
  SOURCE_EMPTY,
  SOURCE_GIVEN,
  SOURCE_RANDOM,
  SOURCE_CHOICE,
} Source;

typedef struct {
  Source source;
  DsPattern given;
  double min, max;
  GArray *choices; /* DsPattern */
  GArray *library; /* DsPattern: the built-in patterns of the voice's name */
} VoiceStart;

struct _DsStage {
  DsMeter *meter;
  guint length, n_voices, n_agents;
  char names[DS_VOICES_MAX][DS_VOICE_NAME_MAX];
  gboolean is_agent[DS_VOICES_MAX];
  guint agent_voice[DS_VOICES_MAX];
  VoiceStart start[DS_VOICES_MAX];
  DsReward *reward;
  DsStageSampler sampler;
  gpointer sampler_data;
  gboolean has_loop;
  DsPattern loop[DS_VOICES_MAX];
  double gamma, team_weight, library_weight;
  guint episode_length, episode_length_min;
  gboolean progress_input, loop_input;
};

DsStage *
ds_stage_new (const DsMeter *meter, const char *const *names, guint n_voices, GError **error)
{
  g_autoptr (DsStage) stage = g_new0 (DsStage, 1);

  if (n_voices == 0 || n_voices > DS_VOICES_MAX)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                   "a stage needs 1 to %d voices (got %u)", DS_VOICES_MAX, n_voices);
      return NULL;
    }
  stage->meter = ds_meter_copy (meter);
  stage->length = ds_meter_length (meter);
  stage->n_voices = n_voices;
  stage->gamma = 0.99;
  stage->episode_length = 32;
  for (guint v = 0; v < n_voices; v++)
    {
      if (!ds_voice_name_is_valid (names[v]) || strlen (names[v]) >= DS_VOICE_NAME_MAX)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "'%s' is not a valid voice name", names[v]);
          return NULL;
        }
      for (guint w = 0; w < v; w++)
        if (strcmp (names[w], names[v]) == 0)
          {
            g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                         "voice '%s' appears twice", names[v]);
            return NULL;
          }
      g_strlcpy (stage->names[v], names[v], DS_VOICE_NAME_MAX);
      ds_pattern_init (&stage->start[v].given, stage->length);
    }
  return g_steal_pointer (&stage);
}

void
ds_stage_free (DsStage *stage)
{
  if (stage == NULL)
    return;
  for (guint v = 0; v < DS_VOICES_MAX; v++)
    {
      if (stage->start[v].choices != NULL)
        g_array_unref (stage->start[v].choices);
      if (stage->start[v].library != NULL)
        g_array_unref (stage->start[v].library);
    }
  ds_meter_free (stage->meter);
  if (stage->reward != NULL)
    ds_reward_free (stage->reward);
  g_free (stage);
}

void
ds_stage_set_reward (DsStage *stage, DsReward *reward)
{
  if (stage->reward != NULL)
    ds_reward_free (stage->reward);
  stage->reward = reward;
}

const DsReward *
ds_stage_reward (const DsStage *stage)
{
  return stage->reward;
}

DsReward *
ds_stage_edit_reward (DsStage *stage)
{
  return stage->reward;
}

void
ds_stage_set_agent (DsStage *stage, guint voice, gboolean agent)
{
  g_return_if_fail (voice < stage->n_voices);
  stage->is_agent[voice] = agent;
  stage->n_agents = 0;
  for (guint v = 0; v < stage->n_voices; v++)
    if (stage->is_agent[v])
      stage->agent_voice[stage->n_agents++] = v;
}

static gboolean
check_length (const DsStage *stage, guint voice, const DsPattern *pattern, GError **error)
{
  if (pattern->length != stage->length)
    {
      g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VALUE,
                   "voice '%s': a pattern of %u steps on a grid of %u", stage->names[voice],
                   pattern->length, stage->length);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_stage_set_given (DsStage *stage, guint voice, const DsPattern *pattern, GError **error)
{
  if (!check_length (stage, voice, pattern, error))
    return FALSE;
  stage->start[voice].source = SOURCE_GIVEN;
  stage->start[voice].given = *pattern;
  return TRUE;
}

void
ds_stage_set_empty (DsStage *stage, guint voice)
{
  stage->start[voice].source = SOURCE_EMPTY;
}

void
ds_stage_set_random (DsStage *stage, guint voice, double min, double max)
{
  stage->start[voice].source = SOURCE_RANDOM;
  stage->start[voice].min = CLAMP (MIN (min, max), 0.0, 1.0);
  stage->start[voice].max = CLAMP (MAX (min, max), 0.0, 1.0);
}

gboolean
ds_stage_add_choice (DsStage *stage, guint voice, const DsPattern *pattern, GError **error)
{
  VoiceStart *start = &stage->start[voice];

  if (!check_length (stage, voice, pattern, error))
    return FALSE;
  if (start->choices == NULL)
    start->choices = g_array_new (FALSE, FALSE, sizeof (DsPattern));
  g_array_append_val (start->choices, *pattern);
  start->source = SOURCE_CHOICE;
  return TRUE;
}

void
ds_stage_clear_choices (DsStage *stage, guint voice)
{
  VoiceStart *start = &stage->start[voice];

  if (start->choices != NULL)
    g_array_set_size (start->choices, 0);
  if (start->source == SOURCE_CHOICE)
    start->source = SOURCE_EMPTY;
}

void
ds_stage_set_library (DsStage *stage, double weight)
{
  stage->library_weight = CLAMP (weight, 0.0, 1.0);
  for (guint v = 0; v < stage->n_voices; v++)
    {
      VoiceStart *start = &stage->start[v];
      guint n = ds_stage_library_size (stage->names[v]);
      DsPattern p;

      if (start->library != NULL || n == 0)
        continue;
      start->library = g_array_new (FALSE, FALSE, sizeof (DsPattern));
      for (guint i = 0; i < n; i++)
        if (ds_stage_library_pattern (stage->names[v], i, stage->length, &p, NULL))
          g_array_append_val (start->library, p);
    }
}

void
ds_stage_set_sampler (DsStage *stage, DsStageSampler sampler, gpointer data)
{
  stage->sampler = sampler;
  stage->sampler_data = data;
}

void
ds_stage_set_loop (DsStage *stage, const DsPattern *patterns)
{
  stage->has_loop = patterns != NULL;
  if (patterns != NULL)
    memcpy (stage->loop, patterns, stage->n_voices * sizeof (DsPattern));
}

void
ds_stage_set_gamma (DsStage *stage, double gamma)
{
  stage->gamma = gamma;
}

void
ds_stage_set_episode_length (DsStage *stage, guint steps)
{
  stage->episode_length = MAX (steps, 1);
}

void
ds_stage_set_episode_length_min (DsStage *stage, guint steps)
{
  stage->episode_length_min = steps;
}

guint
ds_stage_episode_length_min (const DsStage *stage)
{
  return stage->episode_length_min == 0 || stage->episode_length_min > stage->episode_length
             ? stage->episode_length
             : stage->episode_length_min;
}

void
ds_stage_set_team_weight (DsStage *stage, double weight)
{
  stage->team_weight = CLAMP (weight, 0.0, 1.0);
}

void
ds_stage_set_progress_input (DsStage *stage, gboolean on)
{
  stage->progress_input = on;
}

void
ds_stage_set_loop_input (DsStage *stage, gboolean on)
{
  stage->loop_input = on;
}

gboolean
ds_stage_loop_input (const DsStage *stage)
{
  return stage->loop_input;
}

const DsMeter *ds_stage_meter (const DsStage *stage) { return stage->meter; }
guint ds_stage_length (const DsStage *stage) { return stage->length; }
guint ds_stage_n_voices (const DsStage *stage) { return stage->n_voices; }
const char *ds_stage_voice_name (const DsStage *stage, guint voice) { return stage->names[voice]; }
guint ds_stage_n_agents (const DsStage *stage) { return stage->n_agents; }
guint ds_stage_agent_voice (const DsStage *stage, guint agent) { return stage->agent_voice[agent]; }
gboolean ds_stage_is_agent (const DsStage *stage, guint voice) { return stage->is_agent[voice]; }
guint ds_stage_n_actions (const DsStage *stage) { return stage->length + 1; }
double ds_stage_gamma (const DsStage *stage) { return stage->gamma; }
guint ds_stage_episode_length (const DsStage *stage) { return stage->episode_length; }

guint
ds_stage_n_inputs (const DsStage *stage)
{
  return (stage->loop_input ? 2 : 1) * stage->n_voices * stage->length
         + (stage->progress_input ? 1 : 0);
}

int
ds_stage_find_voice (const DsStage *stage, const char *name)
{
  for (guint v = 0; v < stage->n_voices; v++)
    if (strcmp (stage->names[v], name) == 0)
      return (int) v;
  return -1;
}

char *
ds_stage_voices_text (const DsStage *stage, gboolean agents_only)
{
  GString *s = g_string_new (NULL);

  for (guint v = 0; v < stage->n_voices; v++)
    if (!agents_only || stage->is_agent[v])
      g_string_append_printf (s, "%s%s", s->len > 0 ? "," : "", stage->names[v]);
  return g_string_free (s, FALSE);
}

int
ds_stage_voice_agent (const DsStage *stage, guint voice)
{
  for (guint a = 0; a < stage->n_agents; a++)
    if (stage->agent_voice[a] == voice)
      return (int) a;
  return -1;
}

static void
random_pattern (DsPattern *p, guint length, double min, double max, DsRng *rng)
{
  double density = min + (max - min) * ds_rng_double (rng);

  ds_pattern_init (p, length);
  for (guint k = 0; k < length; k++)
    if (ds_rng_double (rng) < density)
      ds_pattern_set (p, k, TRUE);
}

static void
score_agents (const DsStage *stage, DsStageState *state)
{
  const DsPattern *loop = state->loop != NULL ? state->loop
                          : stage->has_loop ? stage->loop : NULL;

  for (guint a = 0; a < stage->n_agents; a++)
    {
      guint v = stage->agent_voice[a];

      state->scores[v] = ds_reward_score (stage->reward, v, state->patterns, loop);
    }
}

void
ds_stage_reset (const DsStage *stage, DsStageState *state, DsRng *rng)
{
  for (guint v = 0; v < stage->n_voices; v++)
    {
      const VoiceStart *start = &stage->start[v];
      DsPattern *p = &state->patterns[v];

      if (!stage->is_agent[v] && start->source == SOURCE_RANDOM && stage->library_weight > 0.0 && start->library != NULL
          && start->library->len > 0 && ds_rng_double (rng) < stage->library_weight)
        {
          *p = g_array_index (start->library, DsPattern,
                              ds_rng_below (rng, start->library->len));
          continue;
        }
      switch (start->source)
        {
        case SOURCE_EMPTY:
          ds_pattern_init (p, stage->length);
          break;
        case SOURCE_GIVEN:
          *p = start->given;
          break;
        case SOURCE_RANDOM:
          random_pattern (p, stage->length, start->min, start->max, rng);
          break;
        case SOURCE_CHOICE:
          *p = g_array_index (start->choices, DsPattern,
                              ds_rng_below (rng, start->choices->len));
          break;
        }
    }
  state->loop = NULL;
  if (stage->sampler != NULL)
    {
      DsPattern sampled[DS_VOICES_MAX];

      memcpy (sampled, state->patterns, stage->n_voices * sizeof (DsPattern));
      state->loop = stage->sampler (stage->sampler_data, rng, sampled);
      memcpy (state->patterns, sampled, stage->n_voices * sizeof (DsPattern));
    }
  state->t = 0;
  state->length = stage->episode_length;
  if (ds_stage_episode_length_min (stage) < stage->episode_length)
    {
      guint min = ds_stage_episode_length_min (stage);

      state->length = min + ds_rng_below (rng, stage->episode_length - min + 1);
    }
  score_agents (stage, state);
}

void
ds_stage_start (const DsStage *stage, DsStageState *state, const DsPattern *patterns)
{
  ds_stage_start_with_loop (stage, state, patterns, NULL);
}

void
ds_stage_start_with_loop (const DsStage *stage, DsStageState *state, const DsPattern *patterns,
                          const DsPattern *loop)
{
  memcpy (state->patterns, patterns, stage->n_voices * sizeof (DsPattern));
  state->t = 0;
  state->length = stage->episode_length;
  state->loop = loop;
  score_agents (stage, state);
}

void
ds_stage_observe (const DsStage *stage, const DsStageState *state, float *obs)
{
  guint L = stage->length;

  for (guint v = 0; v < stage->n_voices; v++)
    {
      const DsPattern *p = &state->patterns[v];

      for (guint k = 0; k < L; k++)
        obs[v * L + k] = (float) ds_pattern_get (p, k);
    }
  obs += stage->n_voices * L;
  if (stage->loop_input)
    {
      const DsPattern *loop = state->loop != NULL ? state->loop
                              : stage->has_loop ? stage->loop : NULL;

      for (guint v = 0; v < stage->n_voices; v++)
        for (guint k = 0; k < L; k++)
          obs[v * L + k] = loop != NULL && ds_pattern_get (&loop[v], k);
      obs += stage->n_voices * L;
    }
  if (stage->progress_input)
    obs[0] = (float) state->t / (float) stage->episode_length;
}

gboolean
ds_stage_step (const DsStage *stage, DsStageState *state, const guint *actions,
               float *rewards)
{
  double before[DS_VOICES_MAX], mean = 0.0;
  gboolean changed = FALSE;

  for (guint a = 0; a < stage->n_agents; a++)
    {
      guint v = stage->agent_voice[a];

      before[a] = state->scores[v];
      if (actions[a] < stage->length)
        {
          ds_pattern_toggle (&state->patterns[v], actions[a]);
          changed = TRUE;
        }
    }
  if (changed) /* when every agent holds, the scores stand */
    score_agents (stage, state);
  state->t++;
  if (rewards == NULL)
    return state->t >= state->length;
  for (guint a = 0; a < stage->n_agents; a++)
    {
      double r = stage->gamma * state->scores[stage->agent_voice[a]] - before[a];

      rewards[a] = (float) r;
      mean += r;
    }
  if (stage->team_weight > 0.0)
    {
      mean /= stage->n_agents;
      for (guint a = 0; a < stage->n_agents; a++)
        rewards[a] = (float) ((1.0 - stage->team_weight) * rewards[a]
                              + stage->team_weight * mean);
    }
  return state->t >= state->length;
}

double
ds_stage_score (const DsStage *stage, const DsStageState *state, guint agent)
{
  return state->scores[stage->agent_voice[agent]];
}

char *
ds_stage_state_to_string (const DsStage *stage, const DsStageState *state)
{
  GString *s = g_string_new (NULL);

  for (guint v = 0; v < stage->n_voices; v++)
    {
      g_autofree char *text = ds_pattern_to_string (&state->patterns[v], 0);

      g_string_append_printf (s, "%s%s=%s", v > 0 ? "," : "", stage->names[v], text);
    }
  return g_string_free (s, FALSE);
}

gboolean
ds_stage_parse_state (const DsStage *stage, const char *text, DsStageState *state,
                      GError **error)
{
  DsVoices voices;
  DsPattern patterns[DS_VOICES_MAX];

  if (!ds_voices_parse (text, &voices, error))
    return FALSE;
  for (guint i = 0; i < voices.n_voices; i++)
    if (ds_stage_find_voice (stage, voices.names[i]) < 0)
      {
        g_autoptr (GString) names = g_string_new (NULL);

        for (guint v = 0; v < stage->n_voices; v++)
          g_string_append_printf (names, "%s%s", v > 0 ? "," : "", stage->names[v]);
        if (voices.names[i][0] == '\0')
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "'%s': give every voice by name, NAME=PATTERN (the stage's voices: %s)",
                       text, names->str);
        else
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "'%s': the stage has no voice '%s' (its voices: %s)", text,
                       voices.names[i], names->str);
        return FALSE;
      }
  for (guint v = 0; v < stage->n_voices; v++)
    {
      int i = ds_voices_find (&voices, stage->names[v]);

      if (i < 0)
        {
          g_set_error (error, DS_STAGE_ERROR, DS_STAGE_ERROR_VOICE,
                       "'%s': voice '%s' is missing", text, stage->names[v]);
          return FALSE;
        }
      if (!check_length (stage, v, &voices.patterns[i], error))
        return FALSE;
      patterns[v] = voices.patterns[i];
    }
  ds_stage_start (stage, state, patterns);
  return TRUE;
}
