/* cmd-eval.c: `drumswarm eval`: a trained swarm plays from a given start.
 *
 * The agents act greedily (or, with --temperature, sample variations) from the
 * --start stage for --iterations steps.  One TSV line per iteration, iteration 0
 * being the start: `ITERATION<TAB>kick=x...x...,snare=.xxx.xxx<TAB>snare=1`, the
 * whole stage and then each agent voice's score; then `# improvement<TAB>snare=+1`
 * (final minus initial score per agent voice), and two yardsticks on the same
 * stage: the scores where coordinate search ends (`# coordinate-search`) and the
 * mean final scores of a random policy (`# random`).
 */
#include "autoconfig.h"

#include <math.h>
#include <stdio.h>

#include "agents/model.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/base/format.h"
#include "src/stage/search.h"

#define RANDOM_RUNS 200

/* `voice=value,...` over the agents, values from SCORES (one per agent). */
static void
print_scores (const DsStage *stage, const double *scores, gboolean sign)
{
  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    {
      char buf[DS_FORMAT_BUF_SIZE];

      printf ("%s%s=%s", a > 0 ? "," : "", ds_stage_voice_name (stage, ds_stage_agent_voice (stage, a)),
              sign ? ds_format_signed (buf, scores[a]) : ds_format_double (buf, scores[a]));
    }
  printf ("\n");
}

static void
print_state (const DsStage *stage, const DsStageState *state, guint iteration)
{
  g_autofree char *text = ds_stage_state_to_string (stage, state);
  double scores[DS_VOICES_MAX];

  for (guint a = 0; a < ds_stage_n_agents (stage); a++)
    scores[a] = ds_stage_score (stage, state, a);
  printf ("%u\t%s\t", iteration, text);
  print_scores (stage, scores, FALSE);
}

static void
play (const DsModel *model, const DsStageState *start, guint iterations, double temperature,
      guint64 seed)
{
  const DsStage *stage = model->stage;
  guint n = ds_stage_n_agents (stage);
  double delta[DS_VOICES_MAX] = { 0 }, scores[DS_VOICES_MAX] = { 0 };
  DsStageState state = *start;
  DsSearchResult search;
  DsRng rng;

  ds_rng_init (&rng, seed);
  print_state (stage, &state, 0);
  for (guint i = 1; i <= iterations; i++)
    {
      guint actions[DS_VOICES_MAX];

      ds_swarm_act (model->swarm, &state, temperature, &rng, actions);
      ds_stage_step (stage, &state, actions, NULL);
      print_state (stage, &state, i);
    }
  for (guint a = 0; a < n; a++)
    delta[a] = ds_stage_score (stage, &state, a) - ds_stage_score (stage, start, a);
  printf ("# improvement\t");
  print_scores (stage, delta, TRUE);
  ds_search_coordinate (stage, start, &search);
  for (guint a = 0; a < n; a++)
    scores[a] = ds_stage_score (stage, &search.state, a);
  printf ("# coordinate-search\t");
  print_scores (stage, scores, FALSE);
  ds_search_random (stage, start, iterations, RANDOM_RUNS, seed, scores);
  for (guint a = 0; a < n; a++)
    scores[a] = round (scores[a] * 1e4) / 1e4; /* a mean of random runs: 4 digits say it */
  printf ("# random\t");
  print_scores (stage, scores, FALSE);
}

static int
eval_run (int argc, char **argv)
{
  g_autofree char *path = NULL, *start_text = NULL;
  int iterations = G_MININT; /* not given */
  double temperature = 0.0;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &path, "The trained model", "MODEL" },
    { "start", 's', 0, G_OPTION_ARG_STRING, &start_text,
      "The start stage, every voice: 'kick=x...x...,snare=x...x...'", "PATTERNS" },
    { "iterations", 'n', 0, G_OPTION_ARG_INT, &iterations,
      "Steps to play (default: the grid's length)", "N" },
    { "temperature", 'T', 0, G_OPTION_ARG_DOUBLE, &temperature,
      "Sample actions at this temperature instead of the greedy choice (0)", "T" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Random seed for --temperature and the random baseline (default 1)", "S" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- play a trained swarm from a start");
  g_autoptr (DsModel) model = NULL;
  g_autoptr (GError) error = NULL;
  int status = DS_EXIT_OK;
  DsStageState start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "eval", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ds_cli_usage ("eval", "unexpected argument '%s'", argv[1]);
  if (path == NULL || start_text == NULL)
    return ds_cli_usage ("eval", "-m MODEL and --start PATTERNS are required");
  if ((iterations != G_MININT && iterations < 0) || iterations > 1000000
      || !(temperature >= 0.0 && isfinite (temperature))
      || seed < 0)
    return ds_cli_usage ("eval", "--iterations must be 0 to 1000000, --temperature and --seed "
                                 "at least 0");
  model = ds_model_load (path, &error);
  if (model == NULL)
    return ds_cli_fail (error);
  if (!ds_stage_parse_state (model->stage, start_text, &start, &error))
    {
      g_prefix_error (&error, "--start: ");
      return ds_cli_fail (error);
    }
  if (iterations == G_MININT)
    iterations = (int) ds_stage_length (model->stage);
  play (model, &start, (guint) iterations, temperature, (guint64) seed);
  return DS_EXIT_OK;
}

const DsCommand ds_cmd_eval = {
  .name = "eval",
  .usage = "-m MODEL --start PATTERNS [--iterations N] [--temperature T]",
  .summary = "play a trained swarm from a start stage and print its climb",
  .run = eval_run,
};
