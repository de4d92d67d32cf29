/* cmd-bench.c: `drumswarm bench`: throughput figures of drumswarm's hot paths.
 *
 * One TSV line per workload, `WORKLOAD<TAB>THREADS<TAB>FIGURE<TAB>VALUE`, VALUE
 * the median of several timed repetitions after a warm-up.  `--list` names the
 * workloads.  Workloads are listed in the table below; each lives beside the
 * code it measures.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "agents/bench-swarm.h"
#include "midi/bench-import.h"
#include "src/base/bench.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/stage/reward-bench.h"

static const DsBenchWorkload *const workloads[] = {
  &ds_bench_midi_import,
  &ds_reward_bench_score,
  &ds_reward_bench_score_64,
  &ds_bench_w1,
  &ds_bench_w1_single,
#ifdef HAVE_OPENBLAS
  &ds_bench_w1_blas,
  &ds_bench_w1_single_blas,
#endif
  NULL,
};

static const DsBenchWorkload *
find_workload (const char *name)
{
  for (guint i = 0; workloads[i] != NULL; i++)
    if (strcmp (workloads[i]->name, name) == 0)
      return workloads[i];
  return NULL;
}

static int
bench_run (int argc, char **argv)
{
  g_auto (GStrv) names = NULL;
  gboolean list = FALSE;
  int threads = 0, repetitions = 5;
  const GOptionEntry entries[] = {
    { "workload", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &names,
      "A workload to run (repeatable; default all)", "NAME" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads,
      "Worker threads (default: OMP_NUM_THREADS, else all cores)", "N" },
    { "repetitions", 'n', 0, G_OPTION_ARG_INT, &repetitions,
      "Timed repetitions per workload; the median is printed (default 5)", "N" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the workloads", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- measure throughput");
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "bench", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ds_cli_usage ("bench", "unexpected argument '%s'", argv[1]);
  if (list)
    {
      for (guint i = 0; workloads[i] != NULL; i++)
        printf ("%s\t%s\t%s\n", workloads[i]->name, workloads[i]->figure,
                workloads[i]->summary);
      return DS_EXIT_OK;
    }
  if (threads < 0)
    return ds_cli_usage ("bench", "--threads must be 1 or more, or 0 for the default (got %d)",
                         threads);
  if (repetitions < 1 || repetitions > 1000)
    return ds_cli_usage ("bench", "--repetitions must be 1 to 1000 (got %d)", repetitions);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (find_workload (names[i]) == NULL)
      return ds_cli_usage ("bench", "no workload '%s'; 'drumswarm bench --list' names them",
                           names[i]);
  threads = ds_cli_threads (threads);
  for (guint i = 0; workloads[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      DsBenchResult result;

      if (names != NULL && !g_strv_contains ((const char *const *) names, workloads[i]->name))
        continue;
      int used = workloads[i]->single_thread ? 1 : threads;

      if (!ds_bench_run (workloads[i], used, (guint) repetitions, &result, &error))
        return ds_cli_fail (error);
      printf ("%s\t%d\t%s\t%.0f\n", workloads[i]->name, used, workloads[i]->figure,
              result.median);
      fflush (stdout);
    }
  return DS_EXIT_OK;
}

const DsCommand ds_cmd_bench = {
  .name = "bench",
  .usage = "[--workload NAME]... [--threads N] [--list]",
  .summary = "measure throughput (training, scoring, MIDI import)",
  .run = bench_run,
};
