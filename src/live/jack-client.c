/* jack-client.c: the JACK side of drumswarm live (see jack-client.h). */
#include "autoconfig.h"

#include "src/live/jack-client.h"

#include <errno.h>
#include <jack/jack.h>
#include <jack/midiport.h>
#include <jack/transport.h>
#include <stdatomic.h>
#include <string.h>

#define EVENTS_MAX 2048           /* events read or written in one cycle */
#define QUIT_WAIT_USEC 500000     /* how long stop waits for the last cycle */

struct _DsLiveJack {
  jack_client_t *client;
  jack_port_t *in, *out;
  DsLiveClock *clock;
  DsLiveEngine *engine;
  gboolean active;
  /* the process thread's */
  gboolean counting;
  guint32 last_frame;
  gint64 frame;                   /* jack_last_frame_time, never wrapping */
  DsLiveEvent in_events[EVENTS_MAX], out_events[EVENTS_MAX];
  /* shared */
  atomic_int quit, quit_done, gone;
  atomic_uint xruns;
};

G_DEFINE_QUARK (ds-live-jack-error-quark, ds_live_jack_error)

static guint
read_input (DsLiveJack *j, void *buffer)
{
  guint n = 0, count = jack_midi_get_event_count (buffer);

  for (guint i = 0; i < count && n < EVENTS_MAX; i++)
    {
      jack_midi_event_t event;

      if (jack_midi_event_get (&event, buffer, i) != 0 || event.size == 0 || event.size > 3)
        continue; /* system exclusive and the like: not ours */
      j->in_events[n].offset = event.time;
      j->in_events[n].size = (guint8) event.size;
      memcpy (j->in_events[n].bytes, event.buffer, event.size);
      n++;
    }
  return n;
}

static void
read_transport (DsLiveJack *j, DsLiveTransport *t)
{
  jack_position_t pos;
  jack_transport_state_t state = jack_transport_query (j->client, &pos);

  memset (t, 0, sizeof *t);
  t->rolling = state == JackTransportRolling;
  t->frame = pos.frame;
  if (pos.valid & JackPositionBBT)
    {
      t->bbt = TRUE;
      t->bar = pos.bar;
      t->beat = pos.beat;
      t->tick = (pos.valid & JackTickDouble) ? pos.tick_double : pos.tick;
      t->ticks_per_beat = pos.ticks_per_beat;
      t->beats_per_bar = pos.beats_per_bar;
      t->beat_type = pos.beat_type;
      t->beats_per_minute = pos.beats_per_minute;
      t->bbt_offset = (pos.valid & JackBBTFrameOffset) ? pos.bbt_offset : 0;
    }
}

static void
write_output (DsLiveJack *j, void *buffer, guint n)
{
  for (guint i = 0; i < n; i++)
    jack_midi_event_write (buffer, j->out_events[i].offset, j->out_events[i].bytes,
                           j->out_events[i].size);
}

static int
process (jack_nframes_t nframes, void *data)
{
  DsLiveJack *j = data;
  void *out = jack_port_get_buffer (j->out, nframes);
  void *in = jack_port_get_buffer (j->in, nframes);
  guint32 now = jack_last_frame_time (j->client);
  DsLiveTransport transport;
  DsLiveSpan span;
  guint n_in;

  jack_midi_clear_buffer (out);
  j->frame = j->counting ? j->frame + (guint32) (now - j->last_frame) : now;
  j->last_frame = now;
  j->counting = TRUE;
  if (atomic_load (&j->quit_done))
    return 0;
  if (atomic_load (&j->quit))
    {
      write_output (j, out, ds_live_engine_quit (j->engine, j->out_events, EVENTS_MAX));
      atomic_store (&j->quit_done, 1);
      return 0;
    }
  n_in = read_input (j, in);
  read_transport (j, &transport);
  ds_live_clock_cycle (j->clock, &transport, j->frame, nframes, j->in_events, n_in, &span);
  write_output (j, out, ds_live_engine_cycle (j->engine, &span, nframes, j->in_events, n_in,
                                              j->out_events, EVENTS_MAX));
  return 0;
}

static int
count_xrun (void *data)
{
  DsLiveJack *j = data;

  atomic_fetch_add (&j->xruns, 1);
  return 0;
}

static void
server_gone (void *data)
{
  DsLiveJack *j = data;

  atomic_store (&j->gone, 1);
}

/* libjack prints its own errors and notices on stderr; drumswarm says what
 * went wrong in one line of its own. */
static void
quiet (const char *message)
{
}

DsLiveJack *
ds_live_jack_new (const char *server, const char *name, GError **error)
{
  g_autofree DsLiveJack *j = g_new0 (DsLiveJack, 1);
  jack_status_t status = 0;

  jack_set_error_function (quiet);
  jack_set_info_function (quiet);
  if (server != NULL)
    j->client = jack_client_open (name, JackNoStartServer | JackServerName, &status, server);
  else
    j->client = jack_client_open (name, JackNoStartServer, &status);
  if (j->client == NULL)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_SERVER,
                   (status & JackServerFailed)
                       ? "cannot reach the JACK server '%s' (is jackd, or PipeWire's JACK, "
                         "running? --server names another)"
                       : "the JACK server '%s' refused the client (status 0x%x)",
                   server != NULL ? server : "default", (unsigned) status);
      return NULL;
    }
  j->in = jack_port_register (j->client, "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
  j->out = jack_port_register (j->client, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
  if (j->in == NULL || j->out == NULL)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_PORT,
                   "JACK: cannot register the MIDI ports of %s", jack_get_client_name (j->client));
      jack_client_close (j->client);
      return NULL;
    }
  atomic_init (&j->quit, 0);
  atomic_init (&j->quit_done, 0);
  atomic_init (&j->gone, 0);
  atomic_init (&j->xruns, 0);
  return g_steal_pointer (&j);
}

void
ds_live_jack_free (DsLiveJack *jack)
{
  if (jack == NULL)
    return;
  ds_live_jack_stop (jack);
  jack_client_close (jack->client);
  g_free (jack);
}

guint
ds_live_jack_rate (const DsLiveJack *jack)
{
  return jack_get_sample_rate (jack->client);
}

const char *
ds_live_jack_input_name (const DsLiveJack *jack)
{
  return jack_port_name (jack->in);
}

const char *
ds_live_jack_output_name (const DsLiveJack *jack)
{
  return jack_port_name (jack->out);
}

gboolean
ds_live_jack_start (DsLiveJack *jack, DsLiveClock *clock, DsLiveEngine *engine, GError **error)
{
  jack->clock = clock;
  jack->engine = engine;
  if (jack_set_process_callback (jack->client, process, jack) != 0
      || jack_set_xrun_callback (jack->client, count_xrun, jack) != 0)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_SERVER,
                   "JACK: cannot set the callbacks of %s", jack_get_client_name (jack->client));
      return FALSE;
    }
  jack_on_shutdown (jack->client, server_gone, jack);
  if (jack_activate (jack->client) != 0)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_SERVER,
                   "JACK: cannot activate %s", jack_get_client_name (jack->client));
      return FALSE;
    }
  jack->active = TRUE;
  return TRUE;
}

static gboolean
connect_ports (DsLiveJack *jack, const char *option, const char *source, const char *destination,
               const char *other, GError **error)
{
  int status;

  if (jack_port_by_name (jack->client, other) == NULL)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_PORT,
                   "%s: the JACK server has no port '%s' (jack_lsp lists them)", option, other);
      return FALSE;
    }
  status = jack_connect (jack->client, source, destination);
  if (status != 0 && status != EEXIST)
    {
      g_set_error (error, DS_LIVE_JACK_ERROR, DS_LIVE_JACK_ERROR_PORT,
                   "%s: cannot connect %s to %s (a MIDI port going the right way?)", option,
                   source, destination);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_live_jack_connect_input (DsLiveJack *jack, const char *port, GError **error)
{
  return connect_ports (jack, "--connect-in", port, jack_port_name (jack->in), port, error);
}

gboolean
ds_live_jack_connect_output (DsLiveJack *jack, const char *port, GError **error)
{
  return connect_ports (jack, "--connect-out", jack_port_name (jack->out), port, port, error);
}

void
ds_live_jack_stop (DsLiveJack *jack)
{
  gint64 deadline = g_get_monotonic_time () + QUIT_WAIT_USEC;

  if (!jack->active)
    return;
  atomic_store (&jack->quit, 1);
  while (!atomic_load (&jack->quit_done) && !atomic_load (&jack->gone)
         && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  if (!atomic_load (&jack->gone))
    jack_deactivate (jack->client);
  jack->active = FALSE;
}

gboolean
ds_live_jack_server_gone (const DsLiveJack *jack)
{
  return atomic_load (&((DsLiveJack *) jack)->gone);
}

guint
ds_live_jack_xruns (const DsLiveJack *jack)
{
  return atomic_load (&((DsLiveJack *) jack)->xruns);
}
