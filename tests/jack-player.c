/* jack-player.c: a test client that plays a MIDI file into a JACK port and
 * records what another port sends, with the frame of every event, so that a
 * shell test can check a live MIDI client (drumswarm live, or the plugin in
 * jalv) to the sample.
 *
 * Usage:
 *   jack-player [--server NAME] [--name NAME] --to PORT --record PORT -o OUT.tsv
 *               [--sync transport|clock|none] [--bpm BPM] [--meter N/D] [--bars N]
 *               [--start-bar N] [--grid N] [--swing S] [--channel N]
 *               [--lead-in SECONDS] [--tail SECONDS] FILE.mid
 *
 * The file's notes (every track, every channel) loop over whole bars of the
 * meter for --bars bars (default: the file once), at --bpm quarter notes a
 * minute (default: the file's first tempo), from bar --start-bar.  --grid N
 * moves every note-on to the nearest of N steps a quarter note (a note-off
 * keeps its distance), --swing S delays every odd step of that grid by S steps;
 * --channel N (1-16) replays every note on channel N.
 *
 * Time, by --sync:
 *   transport  (default) the player is the JACK timebase master (bar, beat,
 *              tick, tempo and meter, tick_double exact to the frame), locates
 *              the transport to the start bar, starts it, and stops it after
 *              the last bar;
 *   clock      the transport is left alone; the player sends MIDI clock (24 a
 *              quarter note) with the notes: Start (or, from a later bar, Song
 *              Position Pointer then Continue) on the first bar line, then a
 *              clock on every 24th of a quarter, then Stop after the last bar;
 *   none       notes only, from the moment the player starts.
 *
 * It opens two JACK clients, NAME-play (port "out", connected to every --to
 * PORT) and NAME-rec (port "in", connected from every --record PORT), so that
 * the graph runs player -> client under test -> recorder in one cycle (a single
 * client would close a loop, which JACK breaks with a period of delay).  The
 * lead-in (default 0.5 s) lets the connections settle before the first bar; the
 * tail (default 0.5 s) keeps recording after the stop.
 *
 * OUT.tsv (or stdout) starts with `# KEY VALUE` lines: rate, period, bpm
 * (quarter notes a minute), meter, sync, start-bar, bars, bar-frames,
 * xruns (as JACK counted them while the player ran), overflow (recorded events lost for
 * room), end (the frame after the last bar); then one line per event:
 *   KIND<TAB>FRAME<TAB>STATUS<TAB>DATA1<TAB>DATA2
 * KIND is `play` (sent) or `rec` (recorded), FRAME counts from the first frame
 * of bar 1 (the transport's frame 0, the clock's first beat, or the player's
 * start), so that bar b begins at (b - 1) * bar-frames; the bytes are decimal,
 * `-` where a message has fewer.  Exit 0, or 1 with one line on stderr.
 */
#include "autoconfig.h"

#include <errno.h>
#include <glib.h>
#include <jack/jack.h>
#include <jack/midiport.h>
#include <jack/transport.h>
#include <math.h>
#include <smf.h>
#include <stdio.h>
#include <string.h>

#define TICKS_PER_BEAT 1920.0
#define RECORD_MAX (1u << 20)

typedef struct {
  double quarter;   /* position from the first frame of bar 1, in quarter notes */
  guint seq;        /* order of events at the same position */
  guint8 bytes[3];
  guint8 size;
} Scheduled;

typedef struct {
  gint64 frame;     /* from the first frame of bar 1 */
  guint8 bytes[3];
  guint8 size;
} Recorded;

typedef enum { SYNC_TRANSPORT, SYNC_CLOCK, SYNC_NONE } Sync;

typedef struct {
  /* options */
  char *server, *name, *output, *sync_text, *meter_text;
  char **to, **record;
  double bpm, swing, lead_in, tail;
  int bars, start_bar, grid, channel;
  /* the performance */
  Sync sync;
  guint numerator, denominator;
  double bar_quarters, frames_per_quarter, start_quarter, end_quarter;
  GArray *schedule;          /* Scheduled, sorted */
  /* JACK */
  jack_client_t *play, *rec;
  jack_port_t *out, *in;
  jack_nframes_t rate, period;
  /* shared with the process threads */
  guint cursor;              /* play thread only */
  gint go;                   /* main -> play: start (clock, none) */
  gint done;                 /* play -> main: the last bar has passed */
  gint have_origin;          /* play -> rec: origin is set */
  jack_nframes_t origin;     /* the absolute frame of bar 1's first frame */
  Recorded *played, *recorded;
  gint n_played, n_recorded, overflow, xruns;
} Player;

static int
fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "jack-player: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  return 1;
}

static gint
compare_scheduled (gconstpointer a, gconstpointer b)
{
  const Scheduled *x = a, *y = b;

  if (x->quarter != y->quarter)
    return x->quarter < y->quarter ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
schedule_add (Player *p, double quarter, const guint8 *bytes, guint8 size)
{
  Scheduled s = { quarter, p->schedule->len, { 0, 0, 0 }, size };

  memcpy (s.bytes, bytes, size);
  g_array_append_val (p->schedule, s);
}

/* One note of the file, in quarter notes from its start. */
typedef struct {
  double on, off;
  guint8 status, note, velocity;
} FileNote;

/* The file's notes, paired on and off; its tempo and meter when not given. */
static GArray *
read_notes (Player *p, const char *path, double *loop_quarters)
{
  smf_t *smf = smf_load (path);
  smf_event_t *event;
  GArray *notes;
  double last = 0;
  int open[16][128];

  if (smf == NULL || smf->ppqn <= 0)
    {
      if (smf != NULL)
        smf_delete (smf);
      fail ("%s: not a Standard MIDI File with ticks per quarter note", path);
      return NULL;
    }
  if (p->bpm <= 0)
    {
      smf_tempo_t *tempo = smf_get_tempo_by_pulses (smf, 0);

      p->bpm = tempo != NULL && tempo->microseconds_per_quarter_note > 0
                   ? 60e6 / tempo->microseconds_per_quarter_note : 120;
    }
  if (p->meter_text == NULL)
    {
      smf_tempo_t *tempo = smf_get_tempo_by_pulses (smf, 0);

      p->numerator = tempo != NULL && tempo->numerator > 0 ? (guint) tempo->numerator : 4;
      p->denominator = tempo != NULL && tempo->denominator > 0 ? (guint) tempo->denominator : 4;
    }
  p->bar_quarters = p->numerator * 4.0 / p->denominator;
  notes = g_array_new (FALSE, FALSE, sizeof (FileNote));
  memset (open, -1, sizeof open);
  smf_rewind (smf);
  while ((event = smf_get_next_event (smf)) != NULL)
    {
      const guint8 *b = event->midi_buffer;
      double q = (double) event->time_pulses / smf->ppqn;
      guint kind, ch;

      if (smf_event_is_metadata (event) || event->midi_buffer_length < 3)
        continue;
      kind = b[0] & 0xF0;
      ch = b[0] & 0x0F;
      if (kind == 0x90 && b[2] > 0)
        {
          FileNote n = { q, q + 0.125, b[0], b[1], b[2] };

          if (open[ch][b[1]] >= 0)
            g_array_index (notes, FileNote, open[ch][b[1]]).off = q;
          open[ch][b[1]] = (int) notes->len;
          g_array_append_val (notes, n);
          last = MAX (last, q);
        }
      else if ((kind == 0x80 || kind == 0x90) && open[ch][b[1]] >= 0)
        {
          g_array_index (notes, FileNote, open[ch][b[1]]).off = q;
          open[ch][b[1]] = -1;
        }
    }
  smf_delete (smf);
  if (notes->len == 0)
    {
      g_array_unref (notes);
      fail ("%s: has no notes to play", path);
      return NULL;
    }
  /* whole bars that hold every note-on */
  *loop_quarters = MAX (1.0, ceil (last / p->bar_quarters + 1e-9)) * p->bar_quarters;
  return notes;
}

/* Moves a note-on to the grid (with swing) when --grid is given. */
static double
grid_position (const Player *p, double q)
{
  double step, k;

  if (p->grid <= 0)
    return q;
  step = 1.0 / p->grid;
  k = floor (q / step + 0.5);
  return k * step + (fmod (k, 2) == 1 ? p->swing * step : 0);
}

/* The whole performance: notes of every bar, clock messages, start and stop. */
static gboolean
build_schedule (Player *p, const char *path)
{
  g_autoptr (GArray) notes = NULL;
  double loop_quarters = 0, ticks;

  notes = read_notes (p, path, &loop_quarters);
  if (notes == NULL)
    return FALSE;
  if (p->bars <= 0)
    p->bars = (int) lround (loop_quarters / p->bar_quarters);
  p->start_quarter = (p->start_bar - 1) * p->bar_quarters;
  p->end_quarter = p->start_quarter + p->bars * p->bar_quarters;
  p->frames_per_quarter = p->rate * 60.0 / p->bpm;
  p->schedule = g_array_new (FALSE, FALSE, sizeof (Scheduled));
  if (p->sync == SYNC_CLOCK)
    {
      guint spp = (guint) lround (p->start_quarter * 4);

      if (spp == 0)
        schedule_add (p, p->start_quarter, (const guint8[]) { 0xFA }, 1);
      else
        {
          schedule_add (p, p->start_quarter, (const guint8[]) { 0xF2, spp & 0x7F, (spp >> 7) & 0x7F },
                        3);
          schedule_add (p, p->start_quarter, (const guint8[]) { 0xFB }, 1);
        }
      for (ticks = 0; p->start_quarter + ticks / 24 < p->end_quarter - 1e-9; ticks++)
        schedule_add (p, p->start_quarter + ticks / 24, (const guint8[]) { 0xF8 }, 1);
      schedule_add (p, p->end_quarter, (const guint8[]) { 0xFC }, 1);
    }
  for (double base = floor (p->start_quarter / loop_quarters) * loop_quarters;
       base < p->end_quarter; base += loop_quarters)
    for (guint i = 0; i < notes->len; i++)
      {
        const FileNote *n = &g_array_index (notes, FileNote, i);
        double on = base + grid_position (p, n->on);
        double off = on + MAX (n->off - n->on, 1.0 / 96);
        guint8 status = p->channel > 0 ? (guint8) (0x90 | (p->channel - 1)) : n->status;

        if (on < p->start_quarter - 1e-9 || on >= p->end_quarter - 1e-9)
          continue;
        off = MIN (off, p->end_quarter - 1.0 / 960);
        schedule_add (p, on, (const guint8[]) { status, n->note, n->velocity }, 3);
        schedule_add (p, off, (const guint8[]) { (guint8) (0x80 | (status & 0x0F)), n->note, 0 },
                      3);
      }
  g_array_sort (p->schedule, compare_scheduled);
  return TRUE;
}

static gint64
frame_of (const Player *p, double quarter)
{
  return (gint64) llround (quarter * p->frames_per_quarter);
}

/* Sends the scheduled events whose frame (from bar 1) falls in
 * [FIRST, FIRST + NFRAMES), in order. */
static void
play_window (Player *p, void *buffer, gint64 first, jack_nframes_t nframes)
{
  while (p->cursor < p->schedule->len)
    {
      const Scheduled *s = &g_array_index (p->schedule, Scheduled, p->cursor);
      gint64 frame = frame_of (p, s->quarter);

      if (frame >= first + nframes)
        break;
      p->cursor++;
      if (frame < first)
        frame = first; /* late (should not happen): send at once */
      if (jack_midi_event_write (buffer, (jack_nframes_t) (frame - first), s->bytes, s->size) == 0
          && p->n_played < (gint) RECORD_MAX)
        {
          Recorded *r = &p->played[p->n_played++];

          r->frame = frame;
          r->size = s->size;
          memcpy (r->bytes, s->bytes, s->size);
        }
    }
}

static int
play_process (jack_nframes_t nframes, void *data)
{
  Player *p = data;
  void *buffer = jack_port_get_buffer (p->out, nframes);
  jack_nframes_t now = jack_last_frame_time (p->play);
  gint64 first;

  jack_midi_clear_buffer (buffer);
  if (p->sync == SYNC_TRANSPORT)
    {
      jack_position_t pos;

      if (jack_transport_query (p->play, &pos) != JackTransportRolling)
        return 0;
      if (!g_atomic_int_get (&p->have_origin))
        {
          p->origin = now - pos.frame;
          g_atomic_int_set (&p->have_origin, 1);
        }
      first = pos.frame;
    }
  else
    {
      if (!g_atomic_int_get (&p->go))
        return 0;
      if (!g_atomic_int_get (&p->have_origin))
        {
          p->origin = now - (jack_nframes_t) frame_of (p, p->start_quarter);
          g_atomic_int_set (&p->have_origin, 1);
        }
      first = (gint32) (now - p->origin);
    }
  play_window (p, buffer, first, nframes);
  if (first + nframes >= frame_of (p, p->end_quarter) && p->cursor >= p->schedule->len)
    g_atomic_int_set (&p->done, 1);
  return 0;
}

static int
rec_process (jack_nframes_t nframes, void *data)
{
  Player *p = data;
  void *buffer = jack_port_get_buffer (p->in, nframes);
  jack_nframes_t now = jack_last_frame_time (p->rec);
  guint n = jack_midi_get_event_count (buffer);

  for (guint i = 0; i < n; i++)
    {
      jack_midi_event_t event;
      Recorded *r;

      if (jack_midi_event_get (&event, buffer, i) != 0 || event.size == 0 || event.size > 3)
        continue;
      if (p->n_recorded >= (gint) RECORD_MAX)
        {
          g_atomic_int_inc (&p->overflow);
          continue;
        }
      r = &p->recorded[p->n_recorded];
      /* frames from the absolute frame; made relative to bar 1 when written */
      r->frame = (gint64) (guint32) (now + event.time);
      r->size = (guint8) event.size;
      memcpy (r->bytes, event.buffer, event.size);
      g_atomic_int_set (&p->n_recorded, p->n_recorded + 1);
    }
  return 0;
}

static int
count_xrun (void *data)
{
  Player *p = data;

  g_atomic_int_inc (&p->xruns);
  return 0;
}

/* The timebase master's position at pos->frame: exact to the frame. */
static void
timebase (jack_transport_state_t state, jack_nframes_t nframes, jack_position_t *pos,
          int new_pos, void *data)
{
  Player *p = data;
  double quarters = pos->frame / p->frames_per_quarter;
  double beats = quarters * p->denominator / 4.0;
  double bar = floor (beats / p->numerator + 1e-12);
  double in_bar = MAX (0.0, beats - bar * p->numerator);
  double beat = floor (in_bar + 1e-12);

  pos->valid = JackPositionBBT | JackTickDouble;
  pos->bar = (int32_t) bar + 1;
  pos->beat = (int32_t) beat + 1;
  pos->tick_double = MAX (0.0, (in_bar - beat) * TICKS_PER_BEAT);
  pos->tick = (int32_t) floor (pos->tick_double);
  pos->bar_start_tick = bar * p->numerator * TICKS_PER_BEAT;
  pos->beats_per_bar = (float) p->numerator;
  pos->beat_type = (float) p->denominator;
  pos->ticks_per_beat = TICKS_PER_BEAT;
  pos->beats_per_minute = p->bpm * p->denominator / 4.0;
}

static jack_client_t *
open_client (const Player *p, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", p->name, suffix);
  jack_status_t status;
  jack_client_t *client;

  if (p->server != NULL)
    client = jack_client_open (name, JackNoStartServer | JackServerName, &status, p->server);
  else
    client = jack_client_open (name, JackNoStartServer, &status);
  if (client == NULL)
    fail ("cannot open the JACK client %s on server '%s' (status 0x%x)", name,
          p->server != NULL ? p->server : "default", (unsigned) status);
  return client;
}

/* Connects SOURCE to DESTINATION (already connected is fine). */
static gboolean
connect_port (jack_client_t *client, const char *source, const char *destination)
{
  int status = jack_connect (client, source, destination);

  if (status != 0 && status != EEXIST)
    {
      fail ("cannot connect %s to %s", source, destination);
      return FALSE;
    }
  return TRUE;
}

static gboolean
connect_ports (Player *p)
{
  for (guint i = 0; p->to != NULL && p->to[i] != NULL; i++)
    if (!connect_port (p->play, jack_port_name (p->out), p->to[i]))
      return FALSE;
  for (guint i = 0; p->record != NULL && p->record[i] != NULL; i++)
    if (!connect_port (p->rec, p->record[i], jack_port_name (p->in)))
      return FALSE;
  return TRUE;
}

static void
print_event (FILE *f, const char *kind, gint64 frame, const Recorded *r)
{
  fprintf (f, "%s\t%" G_GINT64_FORMAT "\t%u", kind, frame, r->bytes[0]);
  for (guint k = 1; k < 3; k++)
    if (k < r->size)
      fprintf (f, "\t%u", r->bytes[k]);
    else
      fprintf (f, "\t-");
  fprintf (f, "\n");
}

static gboolean
write_tsv (const Player *p)
{
  FILE *f = p->output != NULL ? fopen (p->output, "w") : stdout;
  const char *syncs[] = { "transport", "clock", "none" };

  if (f == NULL)
    return fail ("%s: cannot write: %s", p->output, g_strerror (errno)), FALSE;
  fprintf (f, "# rate %u\n# period %u\n# bpm %.17g\n# meter %u/%u\n# sync %s\n# start-bar %d\n"
              "# bars %d\n# bar-frames %.17g\n# xruns %d\n# overflow %d\n"
              "# end %" G_GINT64_FORMAT "\n",
           p->rate, p->period, p->bpm, p->numerator, p->denominator, syncs[p->sync], p->start_bar,
           p->bars, p->bar_quarters * p->frames_per_quarter, g_atomic_int_get (&p->xruns),
           g_atomic_int_get (&p->overflow), frame_of (p, p->end_quarter));
  for (gint i = 0; i < p->n_played; i++)
    print_event (f, "play", p->played[i].frame, &p->played[i]);
  for (gint i = 0; i < g_atomic_int_get (&p->n_recorded); i++)
    print_event (f, "rec", (gint32) ((guint32) p->recorded[i].frame - p->origin),
                 &p->recorded[i]);
  if (f != stdout && fclose (f) != 0)
    return fail ("%s: cannot write: %s", p->output, g_strerror (errno)), FALSE;
  return TRUE;
}

static gboolean
parse_options (Player *p, int *argc, char ***argv)
{
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &p->server, "JACK server", "NAME" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &p->name, "client name prefix", "NAME" },
    { "to", 't', 0, G_OPTION_ARG_STRING_ARRAY, &p->to, "play into PORT", "PORT" },
    { "record", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &p->record, "record PORT", "PORT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &p->output, "TSV to write", "OUT.tsv" },
    { "sync", 0, 0, G_OPTION_ARG_STRING, &p->sync_text, "transport, clock or none", "SYNC" },
    { "bpm", 0, 0, G_OPTION_ARG_DOUBLE, &p->bpm, "quarter notes a minute", "BPM" },
    { "meter", 0, 0, G_OPTION_ARG_STRING, &p->meter_text, "time signature", "N/D" },
    { "bars", 0, 0, G_OPTION_ARG_INT, &p->bars, "bars to play", "N" },
    { "start-bar", 0, 0, G_OPTION_ARG_INT, &p->start_bar, "first bar", "N" },
    { "grid", 0, 0, G_OPTION_ARG_INT, &p->grid, "steps a quarter to quantise to", "N" },
    { "swing", 0, 0, G_OPTION_ARG_DOUBLE, &p->swing, "delay of odd steps, in steps", "S" },
    { "channel", 0, 0, G_OPTION_ARG_INT, &p->channel, "play on channel N", "N" },
    { "lead-in", 0, 0, G_OPTION_ARG_DOUBLE, &p->lead_in, "seconds before bar 1", "S" },
    { "tail", 0, 0, G_OPTION_ARG_DOUBLE, &p->tail, "seconds recorded after", "S" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE.mid");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    return fail ("%s", error->message), FALSE;
  if (*argc != 2)
    return fail ("give one MIDI file to play"), FALSE;
  if (p->sync_text == NULL || strcmp (p->sync_text, "transport") == 0)
    p->sync = SYNC_TRANSPORT;
  else if (strcmp (p->sync_text, "clock") == 0)
    p->sync = SYNC_CLOCK;
  else if (strcmp (p->sync_text, "none") == 0)
    p->sync = SYNC_NONE;
  else
    return fail ("--sync must be transport, clock or none (got '%s')", p->sync_text), FALSE;
  if (p->meter_text != NULL
      && (sscanf (p->meter_text, "%u/%u", &p->numerator, &p->denominator) != 2
          || p->numerator == 0 || p->numerator > 64 || p->denominator == 0
          || (p->denominator & (p->denominator - 1)) != 0 || p->denominator > 32))
    return fail ("--meter must be N/D (got '%s')", p->meter_text), FALSE;
  if (p->bpm < 0 || p->bpm > 1000 || p->bars < 0 || p->start_bar < 1 || p->grid < 0
      || p->channel < 0 || p->channel > 16 || fabs (p->swing) >= 0.5 || p->lead_in < 0
      || p->tail < 0)
    return fail ("an option is out of range"), FALSE;
  return TRUE;
}

int
main (int argc, char **argv)
{
  Player p = { .name = NULL, .start_bar = 1, .lead_in = 0.5, .tail = 0.5 };
  gint64 deadline;
  int status = 1;

  if (!parse_options (&p, &argc, &argv))
    return 1;
  if (p.name == NULL)
    p.name = g_strdup ("jack-player");
  p.play = open_client (&p, "play");
  p.rec = p.play != NULL ? open_client (&p, "rec") : NULL;
  if (p.rec == NULL)
    goto out;
  p.rate = jack_get_sample_rate (p.play);
  p.period = jack_get_buffer_size (p.play);
  if (!build_schedule (&p, argv[1]))
    goto out;
  p.played = g_new0 (Recorded, RECORD_MAX);
  p.recorded = g_new0 (Recorded, RECORD_MAX);
  p.out = jack_port_register (p.play, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
  p.in = jack_port_register (p.rec, "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
  if (p.out == NULL || p.in == NULL)
    {
      fail ("cannot register the MIDI ports");
      goto out;
    }
  jack_set_process_callback (p.play, play_process, &p);
  jack_set_process_callback (p.rec, rec_process, &p);
  jack_set_xrun_callback (p.play, count_xrun, &p);
  if (p.sync == SYNC_TRANSPORT && jack_set_timebase_callback (p.play, 0, timebase, &p) != 0)
    {
      fail ("cannot become the JACK timebase master");
      goto out;
    }
  if (jack_activate (p.rec) != 0 || jack_activate (p.play) != 0)
    {
      fail ("cannot activate the JACK clients");
      goto out;
    }
  if (!connect_ports (&p))
    goto out;
  if (p.sync == SYNC_TRANSPORT)
    {
      jack_transport_stop (p.play);
      jack_transport_locate (p.play, (jack_nframes_t) frame_of (&p, p.start_quarter));
    }
  g_usleep ((gulong) (p.lead_in * G_USEC_PER_SEC));
  if (p.sync == SYNC_TRANSPORT)
    jack_transport_start (p.play);
  else
    g_atomic_int_set (&p.go, 1);
  deadline = g_get_monotonic_time ()
             + (gint64) ((p.end_quarter - p.start_quarter) * 60.0 / p.bpm * G_USEC_PER_SEC)
             + 10 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&p.done) && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  if (p.sync == SYNC_TRANSPORT)
    jack_transport_stop (p.play);
  if (!g_atomic_int_get (&p.done))
    {
      fail ("the performance did not end in time (is the JACK server running?)");
      goto out;
    }
  g_usleep ((gulong) (p.tail * G_USEC_PER_SEC));
  jack_deactivate (p.play);
  jack_deactivate (p.rec);
  status = write_tsv (&p) ? 0 : 1;
out:
  if (p.play != NULL)
    jack_client_close (p.play);
  if (p.rec != NULL)
    jack_client_close (p.rec);
  if (p.schedule != NULL)
    g_array_unref (p.schedule);
  g_free (p.played);
  g_free (p.recorded);
  g_free (p.server);
  g_free (p.name);
  g_free (p.output);
  g_free (p.sync_text);
  g_free (p.meter_text);
  g_strfreev (p.to);
  g_strfreev (p.record);
  return status;
}
