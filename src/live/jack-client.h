/* jack-client.h: drumswarm live's JACK client: a MIDI input port (the
 * musician's notes, MIDI clock and controllers) and a MIDI output port (the
 * answer), and a process callback that gives each cycle to the clock and the
 * engine (clock.h, engine.h) and writes what the engine plays at its frames.
 *
 * The callback allocates nothing and takes no lock; it reads the transport
 * with jack_transport_query.  ds_live_jack_stop has it end every sounding note
 * and send an all-notes-off in one last cycle before the client leaves the
 * graph, so that a stop on a signal leaves nothing hanging.  Built only when
 * configure finds JACK (HAVE_JACK).
 */
#pragma once

#include <glib.h>

#include "src/live/clock.h"
#include "src/live/engine.h"

G_BEGIN_DECLS

#define DS_LIVE_JACK_ERROR (ds_live_jack_error_quark ())
typedef enum {
  DS_LIVE_JACK_ERROR_SERVER, /* no server, or it refused the client */
  DS_LIVE_JACK_ERROR_PORT,   /* a port that cannot be made or connected */
} DsLiveJackError;

typedef struct _DsLiveJack DsLiveJack;

GQuark ds_live_jack_error_quark (void);

/* A client NAME on the JACK server SERVER (NULL: the default one; a server
 * is never started) with the ports "in" and "out". */
DsLiveJack *ds_live_jack_new (const char *server, const char *name, GError **error);
void ds_live_jack_free (DsLiveJack *jack);

/* Frames a second, and the full names of the ports ("drumswarm:in"). */
guint ds_live_jack_rate (const DsLiveJack *jack);
const char *ds_live_jack_input_name (const DsLiveJack *jack);
const char *ds_live_jack_output_name (const DsLiveJack *jack);

/* Starts the process callback with CLOCK and ENGINE (kept, not owned). */
gboolean ds_live_jack_start (DsLiveJack *jack, DsLiveClock *clock, DsLiveEngine *engine,
                             GError **error);

/* Connects PORT to the input port, or the output port to PORT. */
gboolean ds_live_jack_connect_input (DsLiveJack *jack, const char *port, GError **error);
gboolean ds_live_jack_connect_output (DsLiveJack *jack, const char *port, GError **error);

/* Ends every sounding note (one last cycle), then leaves the graph. */
void ds_live_jack_stop (DsLiveJack *jack);

/* Whether the server shut down or dropped the client, and the xruns so far. */
gboolean ds_live_jack_server_gone (const DsLiveJack *jack);
guint ds_live_jack_xruns (const DsLiveJack *jack);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLiveJack, ds_live_jack_free)

G_END_DECLS
