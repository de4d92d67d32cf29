/* stage.h: the environment: V voice patterns on one grid, some played by agents.
 *
 * A stage describes the game; a DsStageState is one instance of it (B of them run
 * side by side in training).  Each agent plays one voice: on every step all agents
 * act at once, each toggling one step of its own voice (actions 0 .. L-1) or
 * holding (action L), so there are L + 1 actions.  The other voices are context:
 * fixed, random at a density, drawn from a list of patterns, or from a sampler.
 * An agent's reward for a step is potential-based (Ng, Harada & Russell 1999):
 * gamma * score(after) - score(before), its voice's score being its reward mix
 * (src/reward.h), optionally blended with the agents' mean (a team term), so that
 * an episode's discounted return is the improvement it made.
 *
 * The stage does not know who plays it: it takes actions and gives observations
 * (every voice's steps as 0/1, voice by voice, plus optionally each voice's
 * steps in the loop and the episode's progress) and rewards.
 *
 *   stage = ds_stage_new (meter, names, n, &error);  ds_stage_set_reward (stage, reward)
 *   ds_stage_set_agent (stage, voice, TRUE) ...;      ds_stage_set_given (stage, voice, p)
 *   ds_stage_reset (stage, &state, rng);  ds_stage_observe (stage, &state, obs)
 *   done = ds_stage_step (stage, &state, actions, rewards)
 * or all of it from a config's [stage] group and voice groups:
 *   stage = ds_stage_new_from_config (config, &error)
 */
#pragma once

#include <glib.h>

#include "src/base/config.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/pattern.h"
#include "src/stage/reward.h"
#include "src/base/rng.h"
#include "src/rhythm/voices.h"

G_BEGIN_DECLS

#define DS_STAGE_ERROR (ds_stage_error_quark ())
typedef enum {
  DS_STAGE_ERROR_VOICE,   /* an unknown voice, or no agent at all */
  DS_STAGE_ERROR_VALUE,   /* a pattern of the wrong length, a bad setting */
} DsStageError;

typedef struct _DsStage DsStage;

/* One instance: the patterns of every voice, their scores, and the step count. */
typedef struct {
  DsPattern patterns[DS_VOICES_MAX];
  double scores[DS_VOICES_MAX];
  guint t;
  guint length;  /* this episode's length */
  const DsPattern *loop; /* the loop this episode's similarity terms compare with
                            (ds_stage_start_with_loop), or NULL: the stage's */
} DsStageState;

/* Fills voices of PATTERNS (every voice, in stage order) for a new episode:
 * the context voices, and the agents' starts where it chooses to; called after
 * each voice's own source, so it may override them (a voice it leaves alone
 * keeps its own start).
 * Returns the loop (every voice, in stage order) that the episode's terms on
 * the loop compare with, or NULL for the stage's (ds_stage_set_loop). */
typedef const DsPattern *(*DsStageSampler) (gpointer data, DsRng *rng, DsPattern *patterns);

GQuark ds_stage_error_quark (void);

/* A stage of the voices NAMES on METER; every voice is context, empty, until set. */
DsStage *ds_stage_new (const DsMeter *meter, const char *const *names, guint n_voices,
                       GError **error);

/* The stage that CONFIG's [stage] group and voice groups describe (see
 * drumswarm.conf(5)); voices without a reward mix get ds_reward_default_mix. */
DsStage *ds_stage_new_from_config (const DsConfig *config, GError **error);

void ds_stage_free (DsStage *stage);

/* Takes REWARD (built for the same voices in the same order). */
void ds_stage_set_reward (DsStage *stage, DsReward *reward);
const DsReward *ds_stage_reward (const DsStage *stage);
/* The reward, to turn the scales of its kinds of term (ds_reward_set_kind_scale)
 * between episodes. */
DsReward *ds_stage_edit_reward (DsStage *stage);

/* Whether VOICE is played by an agent; agents are numbered in voice order. */
void ds_stage_set_agent (DsStage *stage, guint voice, gboolean agent);

/* A voice's start at reset: always PATTERN; empty; random with a density drawn
 * uniformly in [MIN, MAX] (each step on with that probability); or one of a list. */
gboolean ds_stage_set_given (DsStage *stage, guint voice, const DsPattern *pattern,
                             GError **error);
void ds_stage_set_empty (DsStage *stage, guint voice);
void ds_stage_set_random (DsStage *stage, guint voice, double min, double max);
gboolean ds_stage_add_choice (DsStage *stage, guint voice, const DsPattern *pattern,
                              GError **error);
/* Forgets the choices of VOICE (it starts empty until a new start is set). */
void ds_stage_clear_choices (DsStage *stage, guint voice);

/* Draws each context voice, with probability WEIGHT (0: never), from the
 * kit's stock patterns for its name (src/rhythm/kit.h), on grids of whole
 * 16-step bars; other voices and grids keep their own start. */
void ds_stage_set_library (DsStage *stage, double weight);

/* The built-in patterns of VOICE: how many, and the INDEX-th at LENGTH steps
 * (a multiple of 16; FALSE otherwise) with its NAME ("four-on-the-floor"). */
guint ds_stage_library_size (const char *voice);
gboolean ds_stage_library_pattern (const char *voice, guint index, guint length,
                                   DsPattern *pattern, const char **name);

/* A sampler for the context voices (and agents' starts), run after the per-voice
 * starts (NULL: none). */
void ds_stage_set_sampler (DsStage *stage, DsStageSampler sampler, gpointer data);

/* The user's loop (one pattern per voice) for the reward's similarity terms, or NULL. */
void ds_stage_set_loop (DsStage *stage, const DsPattern *patterns);

void ds_stage_set_gamma (DsStage *stage, double gamma);
void ds_stage_set_episode_length (DsStage *stage, guint steps);
/* Episodes of a random length, uniform in [MIN, the episode length] (drawn at
 * reset): an agent that cannot know when its episode ends gains by improving
 * early and holding what it has.  MIN 0 or above the length: fixed lengths. */
void ds_stage_set_episode_length_min (DsStage *stage, guint steps);
guint ds_stage_episode_length_min (const DsStage *stage);
/* Weight of the agents' mean reward in each agent's reward (0: none). */
void ds_stage_set_team_weight (DsStage *stage, double weight);
/* Whether observations end with the episode's progress t / episode length. */
void ds_stage_set_progress_input (DsStage *stage, gboolean on);
/* Whether observations hold, after the voices, each voice's pattern in the
 * loop the episode compares with (the bar being answered), so that agents that
 * answer many loops see which one they answer (all 0 without a loop); the
 * inputs do not depend on which voices are agents. */
void ds_stage_set_loop_input (DsStage *stage, gboolean on);
gboolean ds_stage_loop_input (const DsStage *stage);

const DsMeter *ds_stage_meter (const DsStage *stage);
guint ds_stage_length (const DsStage *stage);
guint ds_stage_n_voices (const DsStage *stage);
const char *ds_stage_voice_name (const DsStage *stage, guint voice);
int ds_stage_find_voice (const DsStage *stage, const char *name);
/* The names of the stage's voices (of its agents' alone when AGENTS_ONLY), in
 * order, comma-separated: "kick,snare,hat". */
char *ds_stage_voices_text (const DsStage *stage, gboolean agents_only);
guint ds_stage_n_agents (const DsStage *stage);
guint ds_stage_agent_voice (const DsStage *stage, guint agent);
/* The agent that plays VOICE, or -1 when none does. */
int ds_stage_voice_agent (const DsStage *stage, guint voice);
gboolean ds_stage_is_agent (const DsStage *stage, guint voice);
guint ds_stage_n_actions (const DsStage *stage);
guint ds_stage_n_inputs (const DsStage *stage);
double ds_stage_gamma (const DsStage *stage);
guint ds_stage_episode_length (const DsStage *stage);

/* A new episode: every voice from its start, then the sampler; scores computed. */
void ds_stage_reset (const DsStage *stage, DsStageState *state, DsRng *rng);

/* An episode from the given PATTERNS (every voice, stage order). */
void ds_stage_start (const DsStage *stage, DsStageState *state, const DsPattern *patterns);

/* As ds_stage_start, with LOOP (every voice, stage order; it must outlive the
 * episode) as the loop of this episode instead of the stage's: episodes on
 * different loops can then run side by side on one stage. */
void ds_stage_start_with_loop (const DsStage *stage, DsStageState *state,
                               const DsPattern *patterns, const DsPattern *loop);

/* The observation (ds_stage_n_inputs floats) into OBS. */
void ds_stage_observe (const DsStage *stage, const DsStageState *state, float *obs);

/* All agents act at once (ACTIONS: one per agent); REWARDS (one per agent, or
 * NULL) receive gamma * score(after) - score(before) (team term included).
 * Returns whether the episode has reached its length. */
gboolean ds_stage_step (const DsStage *stage, DsStageState *state, const guint *actions,
                        float *rewards);

/* Agent AGENT's voice score in [0, 1] in STATE. */
double ds_stage_score (const DsStage *stage, const DsStageState *state, guint agent);

/* The voices of STATE as text (`kick=x...,snare=.x..`) and back. */
char *ds_stage_state_to_string (const DsStage *stage, const DsStageState *state);
gboolean ds_stage_parse_state (const DsStage *stage, const char *text, DsStageState *state,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStage, ds_stage_free)

G_END_DECLS
