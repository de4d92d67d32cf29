/* export.c: drum loop to a format 1 MIDI file through libsmf (see export.h). */
#include "autoconfig.h"

#include "midi/export.h"
#include "midi/smf-io.h"
#include "src/base/rng.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define NOTE_TICKS 60   /* a 32nd note at 480 ppqn */
#define MAX_OFFSET 0.45 /* of a step */

typedef struct {
  guint32 tick;
  guint8 status, data1, data2;
} Hit;

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
        {
          guint top = meter != NULL ? ds_meter_bar (meter, 0)->n_levels : 0;

          weight[bar->start + k] = meter == NULL || top <= 1 ? (k == 0 ? 1.0 : 0.5)
                                   : (double) (ds_meter_weight (meter, k) - 1) / (top - 1);
        }
    }
  return weight;
}

static guint
model_velocity (double weight, gboolean accent)
{
  return accent ? (guint) lround (112 + 15 * weight) : (guint) lround (56 + 44 * weight);
}

static gint64
step_tick (const DsLoop *loop, double step)
{
  return llround (step * DS_EXPORT_PPQN / ds_loop_steps_per_quarter (loop));
}

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->tick != y->tick)
    return x->tick < y->tick ? -1 : 1;
  /* note-offs before note-ons on the same tick */
  return (int) (x->status & 0xF0) - (int) (y->status & 0xF0);
}

/* The note-ons of VOICE over every repetition, each followed by its note-off. */
static GArray *
voice_hits (const DsLoop *loop, guint voice, const DsExportOptions *options,
            const double *weights)
{
  GArray *ons = g_array_new (FALSE, FALSE, sizeof (Hit));
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  guint n = 0, kept = 0;
  const DsOnset *onsets = ds_loop_onsets (loop, voice, &n);
  g_autofree double *base_offset = g_new (double, MAX (n, 1u));
  g_autofree double *base_velocity = g_new (double, MAX (n, 1u));
  guint8 note = (guint8) ds_loop_voice_note (loop, voice);
  gint64 total = step_tick (loop, (double) ds_loop_length (loop) * options->repeat);
  double step_ticks = (double) DS_EXPORT_PPQN / ds_loop_steps_per_quarter (loop);
  double ms_ticks = DS_EXPORT_PPQN * ds_loop_bpm (loop) / 60000.0;
  gint64 length = MAX (1, MIN (NOTE_TICKS, (gint64) (step_ticks / 2)));

  /* how each onset is played, before humanising */
  for (guint i = 0; i < n; i++)
    {
      const DsOnset *o = &onsets[i];
      gboolean played = isfinite (o->offset) && o->velocity > 0;

      base_offset[i] = options->groove == 0 ? 0
                       : (played ? o->offset : ds_loop_groove_offset (loop, o->step))
                             * options->groove;
      base_velocity[i] = model_velocity (weights[o->step], o->accent);
      if (played)
        base_velocity[i] += options->groove * (o->velocity - base_velocity[i]);
    }
  for (guint r = 0; r < options->repeat; r++)
    {
      DsRng rng;

      ds_rng_init_stream (&rng, options->seed, voice, r);
      for (guint i = 0; i < n; i++)
        {
          double offset = base_offset[i], velocity = base_velocity[i];
          gint64 tick;
          Hit hit;

          if (options->humanize > 0)
            {
              offset += ds_rng_normal (&rng) * options->humanize * 10 * ms_ticks / step_ticks;
              velocity += ds_rng_normal (&rng) * options->humanize * 10;
            }
          offset = CLAMP (offset, -MAX_OFFSET, MAX_OFFSET);
          tick = step_tick (loop, (double) r * ds_loop_length (loop) + onsets[i].step)
                 + llround (offset * step_ticks);
          tick = ((tick % total) + total) % total;
          hit = (Hit) { (guint32) tick, 0x90 | (DS_EXPORT_CHANNEL - 1), note,
                        (guint8) CLAMP (lround (velocity), 1, 127) };
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
      Hit on = g_array_index (ons, Hit, i), off = on;
      gint64 end = MIN (on.tick + length, total);

      if (i + 1 < ons->len)
        end = MIN (end, (gint64) g_array_index (ons, Hit, i + 1).tick);
      off.status = 0x80 | (DS_EXPORT_CHANNEL - 1);
      off.data2 = 0;
      off.tick = (guint32) MAX (end, (gint64) on.tick + 1);
      g_array_append_val (hits, on);
      g_array_append_val (hits, off);
    }
  g_array_unref (ons);
  g_array_sort (hits, compare_hits);
  return hits;
}

static gboolean
add_meta (smf_track_t *track, guint32 tick, const guint8 *bytes, int length)
{
  smf_event_t *event = smf_event_new_from_pointer ((void *) bytes, length);

  if (event == NULL)
    return FALSE;
  smf_track_add_event_pulses (track, event, (int) tick);
  return TRUE;
}

static gboolean
add_signature (smf_track_t *track, guint32 tick, const DsSignature *s)
{
  guint8 power = 0;
  guint8 bytes[7] = { 0xFF, 0x58, 4, (guint8) s->numerator, 0, 24, 8 };

  while ((1u << power) < s->denominator)
    power++;
  bytes[4] = power;
  bytes[5] = (guint8) MAX (1u, 96u / s->denominator);
  return add_meta (track, tick, bytes, 7);
}

/* The first track: name, tempo and the time signatures of every repetition. */
static gboolean
fill_tempo_track (smf_track_t *track, const DsLoop *loop, const DsExportOptions *options)
{
  guint32 usec = (guint32) CLAMP (lround (6e7 / ds_loop_bpm (loop)), 1, 0xFFFFFF);
  const guint8 tempo[6] = { 0xFF, 0x51, 3, (guint8) (usec >> 16), (guint8) (usec >> 8),
                            (guint8) usec };
  g_autofree char *name = g_utf8_substring (ds_loop_name (loop), 0,
                                            MIN (g_utf8_strlen (ds_loop_name (loop), -1), 100));
  smf_event_t *event = smf_event_new_textual (0x03, name);
  const DsSignature *last = NULL;

  if (event == NULL)
    return FALSE;
  smf_track_add_event_pulses (track, event, 0);
  if (!add_meta (track, 0, tempo, 6))
    return FALSE;
  for (guint r = 0; r < options->repeat; r++)
    for (guint b = 0; b < ds_loop_n_bars (loop); b++)
      {
        const DsLoopBar *bar = ds_loop_bar (loop, b);

        if (last != NULL && bar->signature.numerator == last->numerator
            && bar->signature.denominator == last->denominator)
          continue;
        last = &bar->signature;
        if (!add_signature (track, (guint32) step_tick (loop, (double) r * ds_loop_length (loop)
                                                                  + bar->start), last))
          return FALSE;
      }
  return TRUE;
}

static gboolean
fill_voice_track (smf_track_t *track, const DsLoop *loop, guint voice,
                  const DsExportOptions *options, const double *weights)
{
  smf_event_t *event = smf_event_new_textual (0x03, ds_loop_voice_name (loop, voice));
  g_autoptr (GArray) hits = voice_hits (loop, voice, options, weights);

  if (event == NULL)
    return FALSE;
  smf_track_add_event_pulses (track, event, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);

      event = smf_event_new_from_bytes (hit->status, hit->data1, hit->data2);
      if (event == NULL)
        return FALSE;
      smf_track_add_event_pulses (track, event, (int) hit->tick);
    }
  return TRUE;
}

gboolean
ds_midi_export (const DsLoop *loop, const DsExportOptions *options, const char *path,
                GError **error)
{
  g_autoptr (smf_t) smf = NULL;
  g_autofree double *weights = NULL;
  gint64 total;

  if (!ds_export_options_check (options, error))
    return FALSE;
  if (ds_loop_length (loop) == 0)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT, "%s: the loop has no bars", path);
      return FALSE;
    }
  total = step_tick (loop, (double) ds_loop_length (loop) * options->repeat);
  if (total > (gint64) DS_SMF_MAX_TICKS)
    {
      g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_CONTENT,
                   "%s: %u repetitions of the loop are too long for a MIDI file", path,
                   options->repeat);
      return FALSE;
    }
  weights = step_weights (loop);
  smf = smf_new ();
  if (smf == NULL || smf_set_ppqn (smf, DS_EXPORT_PPQN) != 0)
    goto failed;
  for (guint t = 0; t <= ds_loop_n_voices (loop); t++)
    {
      smf_track_t *track = smf_track_new ();

      if (track == NULL)
        goto failed;
      smf_add_track (smf, track);
      if (!(t == 0 ? fill_tempo_track (track, loop, options)
                   : fill_voice_track (track, loop, t - 1, options, weights))
          || smf_track_add_eot_pulses (track, (int) total) != 0)
        goto failed;
    }
  if (smf_set_format (smf, 1) != 0)
    goto failed;
  return ds_smf_save (smf, path, error);

failed:
  g_set_error (error, DS_MIDI_ERROR, DS_MIDI_ERROR_LIBSMF, "%s: libsmf could not build the file",
               path);
  return FALSE;
}
