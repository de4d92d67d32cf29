/* export.c: a loop to a format 1 MIDI file through libsmf (see export.h).
 *
 * Two steps: every track's events are gathered as bytes with their ticks
 * (the conductor, the voices written from the grid, the file's tracks that
 * pass through), sorted, then handed to libsmf in time order. */
#include "autoconfig.h"

#include "midi/export.h"
#include "midi/smf-io.h"
#include "src/base/rng.h"
#include "src/rhythm/dynamics.h"
#include "src/rhythm/kit.h"
#include "src/base/gcd.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define MAX_OFFSET 0.45    /* of a step */
#define MAX_PPQN 32767u    /* a MIDI file's ticks per quarter note */
#define LIBSMF_MAX_META 127u /* the longest meta event data libsmf 1.3 writes */

/* An event of a track being built. */
typedef struct {
  gint64 tick;
  guint8 rank;       /* on one tick: 0 note-offs, 1 the rest, 2 offs of notes begun there */
  guint32 order;     /* creation order, kept among equals */
  guint32 offset, size;
} Out;

typedef struct {
  GArray *events;    /* Out */
  GByteArray *bytes;
} Track;

/* How a loop's times become the file's. */
typedef struct {
  guint ppqn;        /* of the file written */
  guint scale;       /* source tick * scale = our tick; 0 when times are rounded */
  gint64 period;     /* ticks of one pass of the loop */
  gint64 total;      /* ticks of every pass */
} Timing;

/* What becomes of one event of the source. */
typedef enum {
  PASS_TRACK,        /* written in its track */
  PASS_CONDUCTOR,    /* written in the first track (tempo, key signature, SMPTE offset) */
  PASS_ONCE,         /* written in its track, in the first pass only (names, copyright) */
  DROP_ANSWERED,     /* a note of a voice written from the grid */
  DROP_METER,        /* a time signature: the loop's bars stand for it */
  DROP_TEMPO,        /* a tempo, when the loop's tempo was changed */
  DROP_END_OF_TRACK, /* never kept */
  LEFT_PAST_END,     /* after the loop's end */
  LEFT_LONG_META,    /* a meta event longer than libsmf writes */
  LEFT_SYSEX,        /* a sysex event libsmf cannot write (an F7 escape, a split one) */
} Fate;

void
ds_export_options_init (DsExportOptions *options)
{
  options->repeat = 1;
  options->groove = 0;
  options->humanize = 0;
  options->seed = 1;
}

gboolean
ds_export_options_check (const DsExportOptions *options, GError **error)
{
  const char *bad = options->repeat < 1 || options->repeat > 1024 ? "--repeat must be 1 to 1024"
                    : !(options->groove >= 0 && options->groove <= 1) ? "--groove must be 0 to 1"
                    : !(options->humanize >= 0 && options->humanize <= 1)
                        ? "--humanize must be 0 to 1" : NULL;

  if (bad != NULL)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_OPTION, "%s", bad);
      return FALSE;
    }
  return TRUE;
}

/* The file's ticks per quarter note: a whole multiple of the source's that
 * holds whole steps, at least DS_EXPORT_PPQN (DS_EXPORT_PPQN without a source;
 * rounded source times when no multiple fits in a MIDI file). */
static Timing
timing_of (const DsLoop *loop, guint repeat)
{
  const DsMidiSource *source = ds_loop_source (loop);
  guint spq = ds_loop_steps_per_quarter (loop);
  Timing t = { DS_EXPORT_PPQN, 0, 0, 0 };

  if (source != NULL)
    {
      guint ppqn = ds_midi_source_ppqn (source);
      guint64 lcm = (guint64) ppqn / ds_gcd (ppqn, spq) * spq;

      if (lcm <= MAX_PPQN)
        {
          guint64 k = (DS_EXPORT_PPQN + lcm - 1) / lcm;

          t.ppqn = (guint) (lcm * k <= MAX_PPQN ? lcm * k : lcm);
          t.scale = t.ppqn / ppqn;
        }
    }
  t.period = llround ((double) ds_loop_length (loop) * t.ppqn / spq);
  t.total = t.period * repeat;
  return t;
}

/* The tick of STEP (a step count from the loop's start, fractions allowed). */
static gint64
step_tick (const DsLoop *loop, const Timing *t, double step)
{
  return llround (step * t->ppqn / ds_loop_steps_per_quarter (loop));
}

/* A source tick in the file's ticks. */
static gint64
source_tick (const DsLoop *loop, const Timing *t, guint32 tick)
{
  if (t->scale > 0)
    return (gint64) tick * t->scale;
  return llround ((double) tick * t->ppqn / ds_midi_source_ppqn (ds_loop_source (loop)));
}

static Track *
track_new (void)
{
  Track *track = g_new (Track, 1);

  track->events = g_array_new (FALSE, FALSE, sizeof (Out));
  track->bytes = g_byte_array_new ();
  return track;
}

static void
track_free (gpointer data)
{
  Track *track = data;

  g_array_unref (track->events);
  g_byte_array_unref (track->bytes);
  g_free (track);
}

static void
track_add (Track *track, gint64 tick, guint8 rank, const guint8 *bytes, guint size)
{
  Out out = { tick, rank, track->events->len, track->bytes->len, size };

  g_byte_array_append (track->bytes, bytes, size);
  g_array_append_val (track->events, out);
}

/* A note-on at ON and its note-off at OFF (after it, or on its tick when OFF == ON). */
static void
track_add_note (Track *track, gint64 on, gint64 off, const guint8 note_on[3],
                const guint8 note_off[3])
{
  track_add (track, on, 1, note_on, 3);
  track_add (track, off, off > on ? 0 : 2, note_off, 3);
}

static void
track_add_name (Track *track, const char *name)
{
  const char *end = name;
  guint8 head[3] = { 0xFF, 0x03, 0 };
  g_autoptr (GByteArray) bytes = g_byte_array_new ();

  /* whole characters, at most the bytes that libsmf writes */
  while (*end != '\0' && g_utf8_next_char (end) - name <= (gssize) LIBSMF_MAX_META)
    end = g_utf8_next_char (end);
  head[2] = (guint8) (end - name);
  g_byte_array_append (bytes, head, 3);
  g_byte_array_append (bytes, (const guint8 *) name, (guint) (end - name));
  track_add (track, 0, 1, bytes->data, bytes->len);
}

static int
compare_out (gconstpointer a, gconstpointer b)
{
  const Out *x = a, *y = b;

  if (x->tick != y->tick)
    return x->tick < y->tick ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Metrical weight of every step in [0, 1], from each bar's hierarchy. */
static double *
step_weights (const DsLoop *loop)
{
  double *weight = g_new (double, ds_loop_length (loop));
  g_autoptr (DsMeter) meter = NULL;
  const DsLoopBar *made_for = NULL;

  for (guint b = 0; b < ds_loop_n_bars (loop); b++)
    {
      const DsLoopBar *bar = ds_loop_bar (loop, b);

      if (made_for == NULL || made_for->steps != bar->steps
          || !ds_signature_equal (&made_for->signature, &bar->signature))
        {
          g_clear_pointer (&meter, ds_meter_free);
          meter = ds_meter_new ();
          if (!ds_meter_add_bar (meter, &bar->signature, bar->steps, NULL))
            g_clear_pointer (&meter, ds_meter_free);
          made_for = bar;
        }
      for (guint k = 0; k < bar->steps; k++)
        weight[bar->start + k] = meter == NULL ? (k == 0 ? 1.0 : 0.5)
                                               : ds_dynamics_strength (meter, k);
    }
  return weight;
}

typedef struct {
  gint64 tick;
  guint8 note, velocity;
} Hit;

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;

  return (x->tick > y->tick) - (x->tick < y->tick);
}

/* The hits of VOICE, written from its grid over every pass: each with its
 * note (the one it was played with, else the loop's articulation there), its
 * groove and humanising; a hit played early on the loop's first step is
 * written at tick 0 in the first pass (see export.h). */
static void
fill_grid_voice (Track *track, const DsLoop *loop, guint voice, const Timing *t,
                 const DsExportOptions *options, const double *weights)
{
  g_autoptr (GArray) ons = g_array_new (FALSE, FALSE, sizeof (Hit));
  guint n = 0, kept = 0;
  const DsOnset *onsets = ds_loop_onsets (loop, voice, &n);
  g_autofree double *base_offset = g_new (double, MAX (n, 1u));
  g_autofree double *base_velocity = g_new (double, MAX (n, 1u));
  g_autofree guint8 *note = g_new (guint8, MAX (n, 1u));
  guint8 channel = (guint8) (ds_loop_drum_channel (loop) - 1);
  double step_ticks = (double) t->ppqn / ds_loop_steps_per_quarter (loop);
  double ms_ticks = t->ppqn * ds_loop_bpm (loop) / 60000.0;
  gint64 length = MAX (1, MIN ((gint64) t->ppqn / 8, (gint64) (step_ticks / 2)));
  g_autofree guint8 *articulation = ds_loop_articulations (loop, voice);

  /* how each onset is played, before humanising */
  for (guint i = 0; i < n; i++)
    {
      const DsOnset *o = &onsets[i];
      gboolean played = isfinite (o->offset) && o->velocity > 0;

      base_offset[i] = options->groove == 0 ? 0
                       : (played ? o->offset : ds_loop_groove_offset (loop, o->step))
                             * options->groove;
      base_velocity[i] = ds_dynamics_velocity (weights[o->step], o->accent);
      if (played)
        base_velocity[i] += options->groove * (o->velocity - base_velocity[i]);
      note[i] = o->note > 0 ? o->note : articulation[o->step];
    }
  for (guint r = 0; r < options->repeat; r++)
    {
      DsRng rng;

      ds_rng_init_stream (&rng, options->seed, voice, r);
      for (guint i = 0; i < n; i++)
        {
          double offset = base_offset[i], velocity = base_velocity[i];
          Hit hit;

          if (options->humanize > 0)
            {
              offset += ds_rng_normal (&rng) * options->humanize * 10 * ms_ticks / step_ticks;
              velocity += ds_rng_normal (&rng) * options->humanize * 10;
            }
          offset = CLAMP (offset, -MAX_OFFSET, MAX_OFFSET);
          hit.tick = step_tick (loop, t, (double) r * ds_loop_length (loop) + onsets[i].step)
                     + llround (offset * step_ticks);
          hit.tick = CLAMP (hit.tick, 0, t->total - 1);
          hit.note = note[i];
          hit.velocity = (guint8) CLAMP (lround (velocity), 1, 127);
          g_array_append_val (ons, hit);
        }
    }
  g_array_sort (ons, compare_hits);
  /* hits that landed on one tick are one hit */
  for (guint i = 0; i < ons->len; i++)
    if (kept == 0 || g_array_index (ons, Hit, kept - 1).tick != g_array_index (ons, Hit, i).tick)
      g_array_index (ons, Hit, kept++) = g_array_index (ons, Hit, i);
  g_array_set_size (ons, kept);
  for (guint i = 0; i < ons->len; i++)
    {
      const Hit *hit = &g_array_index (ons, Hit, i);
      gint64 end = MIN (hit->tick + length, t->total);
      const guint8 on[3] = { 0x90 | channel, hit->note, hit->velocity };
      const guint8 off[3] = { 0x80 | channel, hit->note, 0 };

      if (i + 1 < ons->len)
        end = MIN (end, g_array_index (ons, Hit, i + 1).tick);
      track_add_note (track, hit->tick, MAX (end, hit->tick + 1), on, off);
    }
}

/* Whether libsmf writes the sysex event BYTES (SIZE of them) as they are. */
static gboolean
sysex_writable (const guint8 *bytes, guint size)
{
  smf_event_t *event;
  gboolean ok;

  if (bytes[0] != 0xF0 || size < 2 || bytes[size - 1] != 0xF7)
    return FALSE;
  event = smf_event_new_from_pointer ((void *) bytes, (int) size);
  ok = event != NULL && smf_event_is_valid (event);
  if (event != NULL)
    smf_event_delete (event);
  return ok;
}

/* The first tempo of the source, in microseconds per quarter note, or 0. */
static guint32
source_first_tempo (const DsMidiSource *source)
{
  guint32 best_tick = G_MAXUINT32, usec = 0;

  for (guint i = 0; i < ds_midi_source_n_events (source); i++)
    if (ds_midi_source_is_meta (source, i, 0x51) && ds_midi_source_event (source, i)->size == 6
        && ds_midi_source_event (source, i)->tick < best_tick)
      {
        const guint8 *b = ds_midi_source_bytes (source, i);

        best_tick = ds_midi_source_event (source, i)->tick;
        usec = ((guint32) b[3] << 16) | ((guint32) b[4] << 8) | b[5];
      }
  return usec;
}

/* Whether the tempo the loop says is the source's own first tempo. */
static gboolean
tempo_is_source (const DsLoop *loop)
{
  guint32 usec = source_first_tempo (ds_loop_source (loop));

  return usec > 0 && fabs (6e7 / usec - ds_loop_bpm (loop)) < 1e-6;
}

/* What becomes of source event I; *TICK receives its tick in one pass. */
static Fate
fate_of (const DsLoop *loop, const Timing *t, guint i, gboolean source_tempo, gint64 *tick)
{
  const DsMidiSource *source = ds_loop_source (loop);
  const DsSourceEvent *e = ds_midi_source_event (source, i);
  const guint8 *bytes = ds_midi_source_bytes (source, i);

  *tick = source_tick (loop, t, e->tick);
  if (e->kind == DS_SOURCE_NOTE)
    {
      if (e->place == DS_SOURCE_PAST_END)
        return LEFT_PAST_END;
      if (e->voice >= 0 && !ds_loop_voice_is_played (loop, (guint) e->voice))
        return DROP_ANSWERED;
      /* a drum note just after the end belongs to the first step, as on the grid */
      if (e->place == DS_SOURCE_IN_LOOP && *tick >= t->period)
        *tick -= t->period;
      return *tick < t->period ? PASS_TRACK : LEFT_PAST_END;
    }
  if (e->kind == DS_SOURCE_META)
    {
      switch (bytes[1])
        {
        case 0x2F: return DROP_END_OF_TRACK;
        case 0x58: return DROP_METER;
        case 0x51:
          if (!source_tempo)
            return DROP_TEMPO;
          break;
        default:
          break;
        }
    }
  if (*tick >= t->period)
    return LEFT_PAST_END;
  if (e->kind == DS_SOURCE_SYSEX)
    return sysex_writable (bytes, e->size) ? PASS_TRACK : LEFT_SYSEX;
  if (e->kind != DS_SOURCE_META)
    return PASS_TRACK;
  if (e->size > 3 + LIBSMF_MAX_META)
    return LEFT_LONG_META;
  switch (bytes[1])
    {
    case 0x51: case 0x54: case 0x59:
      return PASS_CONDUCTOR;
    case 0x00: case 0x02: case 0x03: case 0x04: case 0x20: case 0x21:
      return PASS_ONCE;
    default:
      return PASS_TRACK;
    }
}

/* Adds source event I to TRACK in every pass (the first only when ONCE). */
static void
add_source_event (Track *track, const DsLoop *loop, const Timing *t, guint i, gint64 tick,
                  gboolean once, guint repeat)
{
  const DsMidiSource *source = ds_loop_source (loop);
  const DsSourceEvent *e = ds_midi_source_event (source, i);
  const guint8 *bytes = ds_midi_source_bytes (source, i);

  for (guint r = 0; r < (once ? 1 : repeat); r++)
    {
      gint64 at = tick + (gint64) r * t->period;

      if (e->kind == DS_SOURCE_NOTE)
        {
          gint64 off = MIN (at + source_tick (loop, t, e->tick + e->length)
                                - source_tick (loop, t, e->tick), t->total);
          /* a note without a note-off ends like one played: a note-on of velocity 0 */
          const guint8 off_bytes[3] = { e->off_status != 0 ? e->off_status
                                                           : (guint8) (0x90 | (e->channel - 1)),
                                        bytes[1], e->off_velocity };

          track_add_note (track, at, off, bytes, off_bytes);
        }
      else
        track_add (track, at, 1, bytes, e->size);
    }
}

/* The first track: the loop's name, its tempi and the time signatures of
 * every pass, and the source's tempo map events. */
static void
fill_conductor (Track *track, const DsLoop *loop, const Timing *t,
                const DsExportOptions *options, gboolean source_tempo)
{
  const DsSignature *last = NULL;

  track_add_name (track, ds_loop_name (loop));
  if (!source_tempo)
    {
      guint32 usec = (guint32) CLAMP (lround (6e7 / ds_loop_bpm (loop)), 1, 0xFFFFFF);
      const guint8 tempo[6] = { 0xFF, 0x51, 3, (guint8) (usec >> 16), (guint8) (usec >> 8),
                                (guint8) usec };

      track_add (track, 0, 1, tempo, 6);
    }
  for (guint r = 0; r < options->repeat; r++)
    for (guint b = 0; b < ds_loop_n_bars (loop); b++)
      {
        const DsLoopBar *bar = ds_loop_bar (loop, b);
        guint8 bytes[7] = { 0xFF, 0x58, 4, (guint8) bar->signature.numerator, 0,
                            (guint8) MAX (1u, 96u / bar->signature.denominator), 8 };

        if (last != NULL && bar->signature.numerator == last->numerator
            && bar->signature.denominator == last->denominator)
          continue;
        last = &bar->signature;
        while ((1u << bytes[4]) < last->denominator)
          bytes[4]++;
        track_add (track, step_tick (loop, t, (double) r * ds_loop_length (loop) + bar->start),
                   1, bytes, 7);
      }
}

/* The tracks of the file: the conductor, one per voice from the grid, then
 * the source's tracks with what passes through (those left with no more than
 * a name are left out). */
static GPtrArray *
build_tracks (const DsLoop *loop, const Timing *t, const DsExportOptions *options)
{
  GPtrArray *tracks = g_ptr_array_new_with_free_func (track_free);
  const DsMidiSource *source = ds_loop_source (loop);
  gboolean source_tempo = source != NULL && tempo_is_source (loop);
  g_autofree double *weights = step_weights (loop);
  Track *conductor = track_new ();

  g_ptr_array_add (tracks, conductor);
  fill_conductor (conductor, loop, t, options, source_tempo);
  for (guint v = 0; v < ds_loop_n_voices (loop); v++)
    if (!ds_loop_voice_is_played (loop, v))
      {
        Track *track = track_new ();

        track_add_name (track, ds_loop_voice_name (loop, v));
        fill_grid_voice (track, loop, v, t, options, weights);
        g_ptr_array_add (tracks, track);
      }
  if (source != NULL)
    {
      guint n_tracks = ds_midi_source_n_tracks (source);
      g_autofree Track **own = g_new0 (Track *, n_tracks);
      g_autofree gboolean *content = g_new0 (gboolean, n_tracks);

      for (guint i = 0; i < ds_midi_source_n_events (source); i++)
        {
          guint k = ds_midi_source_event (source, i)->track;
          gint64 tick;
          Fate fate = fate_of (loop, t, i, source_tempo, &tick);

          if (fate == PASS_CONDUCTOR)
            add_source_event (conductor, loop, t, i, tick, FALSE, options->repeat);
          if (fate != PASS_TRACK && fate != PASS_ONCE)
            continue;
          if (own[k] == NULL)
            own[k] = track_new ();
          add_source_event (own[k], loop, t, i, tick, fate == PASS_ONCE, options->repeat);
          content[k] = content[k] || !ds_midi_source_is_meta (source, i, 0x03);
        }
      for (guint k = 0; k < n_tracks; k++)
        if (own[k] != NULL && content[k])
          g_ptr_array_add (tracks, own[k]);
        else if (own[k] != NULL)
          track_free (own[k]);
    }
  return tracks;
}

/* Hands TRACKS to libsmf, every event in time order. */
static gboolean
write_tracks (smf_t *smf, GPtrArray *tracks, gint64 total)
{
  for (guint k = 0; k < tracks->len; k++)
    {
      Track *in = tracks->pdata[k];
      smf_track_t *track = smf_track_new ();

      if (track == NULL)
        return FALSE;
      smf_add_track (smf, track);
      g_array_sort (in->events, compare_out);
      for (guint i = 0; i < in->events->len; i++)
        {
          const Out *out = &g_array_index (in->events, Out, i);
          smf_event_t *event = smf_event_new_from_pointer (in->bytes->data + out->offset,
                                                           (int) out->size);

          if (event == NULL)
            return FALSE;
          smf_track_add_event_pulses (track, event, (int) out->tick);
        }
      if (smf_track_add_eot_pulses (track, (int) total) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
ds_midi_export (const DsLoop *loop, const DsExportOptions *options, const char *path,
                GError **error)
{
  g_autoptr (smf_t) smf = NULL;
  g_autoptr (GPtrArray) tracks = NULL;
  Timing t;

  if (!ds_export_options_check (options, error))
    return FALSE;
  if (ds_loop_length (loop) == 0)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT, "%s: the loop has no bars", path);
      return FALSE;
    }
  t = timing_of (loop, options->repeat);
  if (t.total > (gint64) DS_SMF_MAX_TICKS)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "%s: %u repetitions of the loop are too long for a MIDI file", path,
                   options->repeat);
      return FALSE;
    }
  tracks = build_tracks (loop, &t, options);
  smf = smf_new ();
  if (smf == NULL || smf_set_ppqn (smf, (int) t.ppqn) != 0 || !write_tracks (smf, tracks, t.total)
      || smf_set_format (smf, 1) != 0)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF,
                   "%s: libsmf could not build the file", path);
      return FALSE;
    }
  return ds_smf_save (smf, path, error);
}

guint
ds_midi_export_ppqn (const DsLoop *loop)
{
  return timing_of (loop, 1).ppqn;
}

/* The label of a note that passes through: its voice in the loop, else its
 * kit voice, else "other". */
static const char *
note_label (const DsLoop *loop, const DsSourceEvent *e, const guint8 *bytes)
{
  const DsKitVoice *kit = ds_kit_voice_of_note (bytes[1]);

  if (e->voice >= 0)
    return ds_loop_voice_name (loop, (guint) e->voice);
  return kit != NULL ? kit->name : "other";
}

/* Labels in the loop's voice order, then the kit's, then "other". */
static int
label_rank (const DsLoop *loop, const char *label)
{
  int v = ds_loop_find_voice (loop, label);

  if (v >= 0)
    return v;
  for (guint k = 0; k < ds_kit_n_voices (); k++)
    if (strcmp (ds_kit_voice (k)->name, label) == 0)
      return DS_VOICES_MAX + (int) k;
  return G_MAXINT;
}

static void
append_count (GString *out, guint n, const char *one, const char *many)
{
  if (n > 0)
    g_string_append_printf (out, "%s%u %s", out->len > 0 ? ", " : "", n, n == 1 ? one : many);
}

char *
ds_midi_export_passed_through (const DsLoop *loop)
{
  const DsMidiSource *source = ds_loop_source (loop);
  g_autoptr (GString) out = g_string_new (NULL), left = g_string_new (NULL);
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  guint drum = 0, other_notes = 0, controllers = 0, programs = 0, channel_other = 0;
  guint tempi = 0, metas = 0, sysex = 0, fates[LEFT_SYSEX + 1] = { 0 }, channels = 0;
  Timing t = timing_of (loop, 1);
  gboolean source_tempo;
  g_autofree gboolean *track_used = NULL;
  guint n_tracks = 0;

  if (source == NULL)
    return g_strdup ("nothing (the loop came from no file)");
  source_tempo = tempo_is_source (loop);
  track_used = g_new0 (gboolean, ds_midi_source_n_tracks (source));
  for (guint i = 0; i < ds_midi_source_n_events (source); i++)
    {
      const DsSourceEvent *e = ds_midi_source_event (source, i);
      const guint8 *bytes = ds_midi_source_bytes (source, i);
      gint64 tick;
      Fate fate = fate_of (loop, &t, i, source_tempo, &tick);

      fates[fate]++;
      if (fate != PASS_TRACK && fate != PASS_ONCE && fate != PASS_CONDUCTOR)
        continue;
      if (e->kind == DS_SOURCE_NOTE && e->place == DS_SOURCE_IN_LOOP)
        {
          const char *label = note_label (loop, e, bytes);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (labels, label));

          if (n == 0)
            g_ptr_array_add (order, (gpointer) label);
          g_hash_table_insert (labels, (gpointer) label, GUINT_TO_POINTER (n + 1));
          drum++;
        }
      else if (e->kind == DS_SOURCE_NOTE)
        {
          other_notes++;
          channels |= 1u << (e->channel - 1);
        }
      else if (e->kind == DS_SOURCE_CHANNEL)
        {
          controllers += (bytes[0] & 0xF0) == 0xB0;
          programs += (bytes[0] & 0xF0) == 0xC0;
          channel_other += (bytes[0] & 0xF0) != 0xB0 && (bytes[0] & 0xF0) != 0xC0;
        }
      else if (e->kind == DS_SOURCE_SYSEX)
        sysex++;
      else if (bytes[1] == 0x51)
        tempi++;
      else if (bytes[1] != 0x03)
        metas++;
      if (fate != PASS_CONDUCTOR && !ds_midi_source_is_meta (source, i, 0x03)
          && !track_used[e->track])
        {
          track_used[e->track] = TRUE;
          n_tracks++;
        }
    }
  if (drum > 0)
    {
      /* insertion sort: a handful of labels */
      for (guint k = 1; k < order->len; k++)
        for (guint j = k; j > 0 && label_rank (loop, order->pdata[j])
                                       < label_rank (loop, order->pdata[j - 1]); j--)
          {
            gpointer swap = order->pdata[j];

            order->pdata[j] = order->pdata[j - 1];
            order->pdata[j - 1] = swap;
          }
      g_string_append_printf (out, "%u drum note%s (", drum, drum == 1 ? "" : "s");
      for (guint k = 0; k < order->len; k++)
        g_string_append_printf (out, "%s%s %u", k > 0 ? ", " : "", (char *) order->pdata[k],
                                GPOINTER_TO_UINT (g_hash_table_lookup (labels, order->pdata[k])));
      g_string_append_c (out, ')');
    }
  if (other_notes > 0)
    {
      g_string_append_printf (out, "%s%u note%s of channel%s", out->len > 0 ? ", " : "",
                              other_notes, other_notes == 1 ? "" : "s",
                              (channels & (channels - 1)) != 0 ? "s" : "");
      for (guint c = 0, n = 0; c < 16; c++)
        if (channels & (1u << c))
          g_string_append_printf (out, "%s%u", n++ > 0 ? "," : " ", c + 1);
    }
  append_count (out, controllers, "controller", "controllers");
  append_count (out, programs, "program change", "program changes");
  append_count (out, channel_other, "other channel message", "other channel messages");
  append_count (out, tempi, "tempo event", "tempo events");
  append_count (out, sysex, "sysex", "sysex");
  append_count (out, metas, "text or other meta event", "text and other meta events");
  if (out->len == 0)
    g_string_append (out, "nothing");
  else if (n_tracks > 0)
    g_string_append_printf (out, " in %u track%s", n_tracks, n_tracks == 1 ? "" : "s");
  append_count (left, fates[LEFT_PAST_END], "event after the loop's end",
                "events after the loop's end");
  append_count (left, fates[LEFT_LONG_META], "meta event longer than 127 bytes",
                "meta events longer than 127 bytes");
  append_count (left, fates[LEFT_SYSEX], "sysex libsmf cannot write",
                "sysex events libsmf cannot write");
  if (t.scale == 0)
    g_string_append_printf (left, "%sexact times (rounded to %u ticks a quarter note)",
                            left->len > 0 ? ", " : "", t.ppqn);
  if (left->len > 0)
    g_string_append_printf (out, "; left out: %s", left->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
