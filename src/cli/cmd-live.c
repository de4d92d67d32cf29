/* cmd-live.c: `drumswarm live`: the agents play along, live, as a JACK client.
 *
 * It starts at once: a MIDI input port hears the musician (drums, or any
 * instrument), a MIDI output port plays the answer, and their names are the
 * first lines it prints.  Each bar heard is answered in the next one, every
 * note on its grid step and the bar's groove to the frame (src/live/engine.h).
 * Time comes from the JACK transport while it rolls, else from MIDI clock on
 * the input port, else from --bpm from the first note on (src/live/clock.h).
 * With -m MODEL its agents play that model; without, the bundled general
 * model of the meter plays from the first bar (src/responder/general.h), and
 * where it has none (or --voices asks for other voices) fresh agents learn from
 * the first bars they hear.  Either way they keep learning from what they
 * hear in a background thread (--learn episodes a round; 0: never), and the
 * new weights play from the next bar line on (src/live/learner.h).  MIDI
 * controllers turn the knobs of the reward mix ([live] in -c CONFIG).
 * SIGINT, SIGTERM and SIGHUP end it cleanly: every note ends, an
 * all-notes-off goes out, --save writes what was learnt.
 */
#include "autoconfig.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "src/base/config.h"
#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/responder/drumswarm.h"
#include "src/responder/general.h"
#ifdef HAVE_JACK
#include "src/live/cc-map.h"
#include "src/live/clock.h"
#include "src/live/engine.h"
#include "src/live/jack-client.h"
#include "src/live/learner.h"
#include "src/live/log.h"
#endif

#define DEFAULT_LEARN_EPISODES 1024

typedef struct {
  char *model, *config, *meter, *voices, *agents, *clock, *save, *server, *name, *log;
  char **connect_in, **connect_out;
  int steps, channel, tries;
  gint64 learn, seed;
  double bpm, temperature;
  gboolean verbose, quiet;
} LiveArgs;

static void
live_args_clear (LiveArgs *args)
{
  g_free (args->model);
  g_free (args->config);
  g_free (args->meter);
  g_free (args->voices);
  g_free (args->agents);
  g_free (args->clock);
  g_free (args->save);
  g_free (args->server);
  g_free (args->name);
  g_free (args->log);
  g_strfreev (args->connect_in);
  g_strfreev (args->connect_out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiveArgs, live_args_clear)

static const char *const clock_names[] = { "auto", "transport", "midi", "bpm", NULL };

static int
check_args (int argc, char **argv, const LiveArgs *args)
{
  if (argc > 1)
    return ds_cli_usage ("live", "unexpected argument '%s'", argv[1]);
  if (!(args->bpm >= 1 && args->bpm <= 999))
    return ds_cli_usage ("live", "--bpm must be from 1 to 999 (got %g)", args->bpm);
  if (args->steps < 0 || args->steps > 64)
    return ds_cli_usage ("live", "--steps must be from 1 to 64 (got %d)", args->steps);
  if (args->channel < 1 || args->channel > 16)
    return ds_cli_usage ("live", "--channel must be from 1 to 16 (got %d)", args->channel);
  if (args->learn < 0 || args->learn > 100000000)
    return ds_cli_usage ("live", "--learn must be from 0 to 100000000 episodes (got %"
                         G_GINT64_FORMAT ")", args->learn);
  if (args->seed < 0)
    return ds_cli_usage ("live", "--seed must be 0 or more");
  if (!(args->temperature >= 0 && isfinite (args->temperature)))
    return ds_cli_usage ("live", "--temperature must be 0 or more");
  if (args->tries < 0 || args->tries > DS_RESPONDER_MAX_TRIES)
    return ds_cli_usage ("live", "--tries must be from 1 to %d", DS_RESPONDER_MAX_TRIES);
  if (args->clock != NULL && !g_strv_contains (clock_names, args->clock))
    return ds_cli_usage ("live", "--clock must be auto, transport, midi or bpm (got '%s')",
                         args->clock);
  if (args->voices != NULL && args->model != NULL)
    return ds_cli_usage ("live", "--voices is for fresh agents; a model has its own voices");
  if (args->save != NULL && args->learn == 0)
    return ds_cli_usage ("live", "--save writes what was learnt, but --learn 0 learns nothing");
  return DS_EXIT_OK;
}

#ifdef HAVE_JACK

/* Everything a live run holds, freed in reverse. */
typedef struct {
  char *general;           /* the general model's file, when it plays */
  DsLiveLearner *learner;
  DsLiveEngine *engine;
  DsLiveClock *clock;
  DsLiveJack *jack;
  FILE *log;
} Live;

static void
live_clear (Live *live)
{
  if (live->jack != NULL)
    ds_live_jack_stop (live->jack);
  if (live->learner != NULL)
    ds_live_learner_stop (live->learner);
  ds_live_jack_free (live->jack);
  ds_live_engine_free (live->engine);
  ds_live_clock_free (live->clock);
  ds_live_learner_free (live->learner);
  g_free (live->general);
  if (live->log != NULL)
    fclose (live->log);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Live, live_clear)

/* The responder: the model's agents, else the general model's (its path in
 * *GENERAL), else fresh ones (a notice says why). */
static DsResponder *
make_responder (const LiveArgs *args, char **general, GError **error)
{
  g_autoptr (GError) local = NULL;
  DsResponder *r = NULL;

  if (args->model != NULL)
    r = ds_responder_new (args->model, args->meter, (guint) args->steps, error);
  else if (args->voices == NULL
           && (r = ds_general_responder_new (args->meter, (guint) args->steps, general,
                                             &local)) == NULL)
    {
      g_clear_pointer (general, g_free);
      if (!g_error_matches (local, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      ds_cli_notice ("%s: fresh agents learn from the bars they hear", local->message);
    }
  if (args->model == NULL && r == NULL)
    r = ds_responder_new_untrained (args->meter, (guint) args->steps, args->voices,
                                    (guint64) args->seed, error);
  if (r != NULL && args->tries > 0)
    ds_responder_set_tries (r, (guint) args->tries);
  return r;
}

/* --agents: which of the responder's agents answer (the others keep what was played). */
static gboolean
select_agents (DsLiveEngine *engine, const DsResponder *r, const char *list, GError **error)
{
  g_auto (GStrv) names = NULL;

  if (list == NULL)
    return TRUE;
  names = g_strsplit (list, ",", -1);
  for (guint v = 0; v < ds_responder_n_voices (r); v++)
    ds_live_engine_set_playing (engine, v, FALSE);
  for (guint i = 0; names[i] != NULL; i++)
    {
      int v = ds_responder_find_voice (r, g_strstrip (names[i]));

      if (v < 0 || !ds_responder_voice_is_agent (r, (guint) v))
        {
          g_autoptr (GString) agents = g_string_new (NULL);

          for (guint a = 0; a < ds_responder_n_voices (r); a++)
            if (ds_responder_voice_is_agent (r, a))
              g_string_append_printf (agents, "%s%s", agents->len > 0 ? "," : "",
                                      ds_responder_voice_name (r, a));
          g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                       "--agents: there is no agent '%s' (the agents: %s)", names[i],
                       agents->str);
          return FALSE;
        }
      ds_live_engine_set_playing (engine, (guint) v, TRUE);
    }
  if (names[0] == NULL)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_VALUE,
                   "--agents names no agent, so nothing would answer");
      return FALSE;
    }
  return TRUE;
}

static DsLiveClockMode
clock_mode (const char *name)
{
  static const DsLiveClockMode modes[] = { DS_LIVE_CLOCK_AUTO, DS_LIVE_CLOCK_TRANSPORT,
                                           DS_LIVE_CLOCK_MIDI, DS_LIVE_CLOCK_FREE };

  for (guint i = 0; name != NULL && clock_names[i] != NULL; i++)
    if (strcmp (name, clock_names[i]) == 0)
      return modes[i];
  return DS_LIVE_CLOCK_AUTO;
}

/* The engine, the learner and the clock, before JACK runs them. */
static gboolean
prepare (Live *live, const LiveArgs *args, GError **error)
{
  g_autoptr (DsConfig) config = NULL;
  g_autoptr (DsResponder) responder = make_responder (args, &live->general, error);
  DsLiveCcMap cc;
  guint numerator = 4, denominator = 4;
  const DsResponder *r;

  if (responder == NULL)
    return FALSE;
  if (args->config != NULL && (config = ds_config_load (args->config, error)) == NULL)
    return FALSE;
  if (!ds_live_cc_map_read (&cc, config, responder, error))
    return FALSE;
  live->learner = ds_live_learner_new (g_steal_pointer (&responder), (guint64) args->learn);
  r = ds_live_learner_responder (live->learner);
  live->engine = ds_live_engine_new (live->learner, &cc, (guint) args->channel - 1,
                                     (guint64) args->seed);
  ds_live_engine_set_temperature (live->engine, args->temperature);
  if (!select_agents (live->engine, r, args->agents, error))
    return FALSE;
  if (sscanf (ds_responder_meter (r), "%u/%u", &numerator, &denominator) != 2)
    numerator = denominator = 4;
  live->jack = ds_live_jack_new (args->server, args->name != NULL ? args->name : "drumswarm",
                                 error);
  if (live->jack == NULL)
    return FALSE;
  live->clock = ds_live_clock_new (clock_mode (args->clock), ds_live_jack_rate (live->jack),
                                   args->bpm, numerator, denominator);
  if (args->log != NULL && (live->log = fopen (args->log, "w")) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: cannot write: %s",
                   args->log, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The lines of the start: the ports, then what plays and where time comes from. */
static void
print_start (const Live *live, const LiveArgs *args)
{
  const DsResponder *r = ds_live_learner_responder (live->learner);
  g_autoptr (GString) agents = g_string_new (NULL);

  for (guint v = 0; v < ds_responder_n_voices (r); v++)
    if (ds_responder_voice_is_agent (r, v))
      g_string_append_printf (agents, "%s%s", agents->len > 0 ? "," : "",
                              ds_responder_voice_name (r, v));
  printf ("input\t%s\noutput\t%s\n", ds_live_jack_input_name (live->jack),
          ds_live_jack_output_name (live->jack));
  if (!args->quiet)
    {
      if (args->model != NULL || live->general != NULL)
        printf ("# %s%s: agents %s on %u steps of %s", args->model != NULL ? "" : "the general "
                "model ", args->model != NULL ? args->model : live->general, agents->str,
                ds_responder_steps (r), ds_responder_meter (r));
      else
        printf ("# fresh agents %s on %u steps of %s, learning from the bars they hear",
                agents->str, ds_responder_steps (r), ds_responder_meter (r));
      if (args->learn > 0 && (args->model != NULL || live->general != NULL))
        printf (", learning on");
      printf ("\n# time: ");
      switch (clock_mode (args->clock))
        {
        case DS_LIVE_CLOCK_TRANSPORT:
          printf ("JACK transport\n");
          break;
        case DS_LIVE_CLOCK_MIDI:
          printf ("MIDI clock on %s\n", ds_live_jack_input_name (live->jack));
          break;
        case DS_LIVE_CLOCK_FREE:
          printf ("%g bpm from the first note\n", args->bpm);
          break;
        case DS_LIVE_CLOCK_AUTO:
        default:
          printf ("JACK transport, else MIDI clock on %s, else %g bpm from the first note\n",
                  ds_live_jack_input_name (live->jack), args->bpm);
          break;
        }
    }
  fflush (stdout);
}

/* Writes what the process callback logged: every record to --log, the
 * source changes and the swaps of weights with --verbose. */
static void
drain_log (Live *live, const LiveArgs *args)
{
  const DsResponder *r = ds_live_learner_responder (live->learner);
  DsLiveLogRecord record;
  g_autofree char *error = ds_live_learner_take_error (live->learner);

  if (error != NULL)
    ds_cli_notice ("learning: %s", error);
  while (ds_live_ring_pop (ds_live_engine_log (live->engine), &record))
    {
      g_autofree char *line = ds_live_log_format (&record, r);

      if (live->log != NULL)
        fprintf (live->log, "%s\n", line);
      if (args->verbose && record.kind != DS_LIVE_LOG_HEARD && record.kind != DS_LIVE_LOG_ANSWER)
        printf ("# %s\n", line);
    }
  if (live->log != NULL)
    fflush (live->log);
  fflush (stdout);
}

static void
print_summary (Live *live)
{
  DsLiveStats s;

  ds_live_engine_stats (live->engine, &s);
  printf ("# %" G_GUINT64_FORMAT " bars heard, %" G_GUINT64_FORMAT " answered, %"
          G_GUINT64_FORMAT " notes heard, %" G_GUINT64_FORMAT " played, %" G_GUINT64_FORMAT
          " late, %" G_GUINT64_FORMAT " dropped, %u xruns, %u rounds learnt from %u bars, "
          "longest answer %" G_GINT64_FORMAT " us\n",
          s.bars_heard, s.bars_answered, s.notes_heard, s.notes_played, s.late, s.dropped,
          ds_live_jack_xruns (live->jack), ds_live_learner_rounds (live->learner),
          ds_live_learner_bars (live->learner), s.answer_usec_max);
}

/* Plays until SIGINT, SIGTERM or SIGHUP (or the server goes); FALSE when the
 * server went. */
static gboolean
play_until_signal (Live *live, const LiveArgs *args, const sigset_t *signals, GError **error)
{
  const struct timespec tick = { 0, 20 * 1000 * 1000 };

  for (;;)
    {
      int signal = sigtimedwait (signals, NULL, &tick);

      drain_log (live, args);
      if (signal == SIGINT || signal == SIGTERM || signal == SIGHUP)
        return TRUE;
      if (ds_live_jack_server_gone (live->jack))
        {
          g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_SERVER,
                       "the JACK server stopped (or dropped the client)");
          return FALSE;
        }
    }
}

static gboolean
run_live (const LiveArgs *args, GError **error)
{
  g_auto (Live) live = { 0 };
  sigset_t signals;

  /* every thread (JACK's, the learner's, OpenMP's) inherits the mask; the
   * main thread alone takes the signals, with sigtimedwait */
  sigemptyset (&signals);
  sigaddset (&signals, SIGINT);
  sigaddset (&signals, SIGTERM);
  sigaddset (&signals, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &signals, NULL);
  if (!prepare (&live, args, error)
      || !ds_live_learner_start (live.learner, error)
      || !ds_live_jack_start (live.jack, live.clock, live.engine, error))
    return FALSE;
  for (guint i = 0; args->connect_in != NULL && args->connect_in[i] != NULL; i++)
    if (!ds_live_jack_connect_input (live.jack, args->connect_in[i], error))
      return FALSE;
  for (guint i = 0; args->connect_out != NULL && args->connect_out[i] != NULL; i++)
    if (!ds_live_jack_connect_output (live.jack, args->connect_out[i], error))
      return FALSE;
  print_start (&live, args);
  if (!play_until_signal (&live, args, &signals, error))
    return FALSE;
  ds_live_jack_stop (live.jack);
  ds_live_learner_stop (live.learner);
  drain_log (&live, args);
  if (args->save != NULL
      && !ds_responder_save (ds_live_learner_responder (live.learner), args->save, error))
    return FALSE;
  if (!args->quiet)
    print_summary (&live);
  return TRUE;
}

#endif /* HAVE_JACK */

static int
live_run (int argc, char **argv)
{
  g_auto (LiveArgs) args = { .channel = 10, .bpm = 120, .learn = DEFAULT_LEARN_EPISODES,
                             .seed = 1 };
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &args.model,
      "The trained model (default: the bundled general model of the meter, else fresh "
      "agents that learn from what they hear)", "MODEL" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &args.config,
      "Read the MIDI controllers' map from the [live] group of FILE", "FILE.conf" },
    { "meter", 0, 0, G_OPTION_ARG_STRING, &args.meter,
      "The bar's meter (default: the model's, else 4/4); also for --bpm and MIDI clock", "M" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &args.steps,
      "Steps a bar (default: the model's, else 4 a quarter note)", "N" },
    { "voices", 0, 0, G_OPTION_ARG_STRING, &args.voices,
      "Fresh agents for these voices instead of the general model's kick,snare,hat",
      "LIST" },
    { "agents", 'a', 0, G_OPTION_ARG_STRING, &args.agents,
      "The agents that answer (default: all)", "LIST" },
    { "clock", 0, 0, G_OPTION_ARG_STRING, &args.clock,
      "Where time comes from: auto (transport, else MIDI clock, else --bpm), transport, "
      "midi or bpm", "SOURCE" },
    { "bpm", 0, 0, G_OPTION_ARG_DOUBLE, &args.bpm,
      "Quarter notes a minute when neither transport nor MIDI clock runs (default 120)",
      "BPM" },
    { "temperature", 'T', 0, G_OPTION_ARG_DOUBLE, &args.temperature,
      "Sample the agents' actions at this temperature (default 0: greedy)", "T" },
    { "tries", 0, 0, G_OPTION_ARG_INT, &args.tries,
      "Episodes the agents play on each bar, the best winning (default 4)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &args.seed, "Seed of fresh agents and sampled answers "
      "(default 1)", "S" },
    { "learn", 0, 0, G_OPTION_ARG_INT64, &args.learn,
      "Episodes of learning after each new bar heard (default 1024; 0: never learn)", "N" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &args.save, "Write the learnt model at the end",
      "MODEL" },
    { "channel", 0, 0, G_OPTION_ARG_INT, &args.channel,
      "The MIDI channel of the answer (default 10)", "N" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &args.server,
      "The JACK server (default: the default server)", "NAME" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &args.name,
      "The JACK client's name (default drumswarm)", "NAME" },
    { "connect-in", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.connect_in,
      "Connect PORT to the input (repeatable)", "PORT" },
    { "connect-out", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.connect_out,
      "Connect the output to PORT (repeatable)", "PORT" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &args.log,
      "Write what was heard and answered, one TSV line each, to FILE", "FILE.tsv" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &args.verbose,
      "Print when the time source changes and learnt weights come in", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, "Print only the port names", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- play along live (JACK)");
  g_autoptr (GError) error = NULL;
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!ds_cli_parse (context, "live", &argc, &argv, &status))
    return status;
  status = check_args (argc, argv, &args);
  if (status != DS_EXIT_OK)
    return status;
#ifdef HAVE_JACK
  if (!run_live (&args, &error))
    return ds_cli_fail (error);
  return DS_EXIT_OK;
#else
  g_set_error_literal (&error, g_quark_from_static_string ("ds-live"), 0,
                       "live: this drumswarm was built without JACK, so it cannot play live "
                       "(install libjack-jackd2-dev and configure again)");
  return ds_cli_fail (error);
#endif
}

const DsCommand ds_cmd_live = {
  .name = "live",
  .usage = "[-m MODEL] [-c FILE.conf] [--clock auto|transport|midi|bpm] [--bpm BPM] "
           "[--server NAME] [--connect-in PORT] [--connect-out PORT]",
  .summary = "play along live: a JACK client that answers each bar in the next",
  .run = live_run,
};
