/* responder-answer.c: a bar of hits in, the answer's hits out (see drumswarm.h).
 *
 * The hits are quantised to the responder's grid of S steps: each to the
 * nearest step, keeping how far from it and how loud it was played (two hits
 * of one voice on one step are one, the louder; a hit in the last half step
 * before the bar's end is its first step played early, as MIDI import has
 * it).  The patterns are resampled to the model's L steps when S differs
 * (src/rhythm/resample.h), the agents play the bar (responder-play.c), and
 * the answer comes back to S.  Then the hits: a hit the answer keeps is
 * written as it was played (note, velocity, offset); a new one takes its
 * voice's note, a velocity from the step's metrical strength
 * (src/rhythm/dynamics.h) and the bar's groove there: the mean offset of the
 * hits played on that step, else on the same place within a quarter note,
 * else none (as MIDI export gives new onsets the loop's groove).  Agent voices
 * that do not play are written as played.  Everything works in the
 * responder's preallocated arrays: no allocation, no lock, no I/O.
 */
#include "autoconfig.h"

#include "src/responder/responder-private.h"

#include "src/rhythm/dynamics.h"
#include "src/rhythm/resample.h"

#include <math.h>
#include <string.h>

void
ds_responder_quantise (DsResponder *r, const DsHit *in, guint n_in, DsPattern *played)
{
  guint S = r->steps;

  memset (r->cells, 0, (gsize) r->n_voices * S * sizeof r->cells[0]);
  memset (r->groove_sum, 0, S * sizeof r->groove_sum[0]);
  memset (r->groove_n, 0, S * sizeof r->groove_n[0]);
  for (guint v = 0; v < r->n_voices; v++)
    ds_pattern_init (&played[v], S);
  r->n_ignored = 0;
  for (guint i = 0; i < n_in && in != NULL; i++)
    {
      const DsHit *hit = &in[i];
      double at = hit->time * S, nearest;
      int v = hit->note <= 127 ? r->note_voice[hit->note] : -1;
      DsResponderCell *cell;
      guint k;

      /* NaN fails the comparisons too */
      if (!(at >= -0.5 && at < S) || hit->velocity == 0 || hit->velocity > 127 || v < 0)
        {
          r->n_ignored++;
          continue;
        }
      nearest = floor (at + 0.5);
      /* in the last half step: the next bar's line played early, its first step */
      k = nearest >= S ? 0 : (guint) nearest;
      cell = &r->cells[(gsize) v * S + k];
      if (hit->velocity <= cell->velocity)
        continue; /* one hit a voice and step: the louder */
      if (cell->velocity > 0)
        r->groove_sum[k] -= cell->offset;
      else
        r->groove_n[k]++;
      cell->offset = (float) (at - nearest);
      cell->velocity = hit->velocity;
      cell->note = hit->note;
      r->groove_sum[k] += cell->offset;
      ds_pattern_set_accent (&played[v], k, hit->velocity >= DS_RESPONDER_ACCENT_VELOCITY);
    }
}

/* The steps a quarter note holds on the responder's grid, or 0 when not whole. */
static guint
steps_per_quarter (const DsResponder *r)
{
  const DsSignature *sig = &ds_meter_bar (r->grid, 0)->signature;
  guint64 num = (guint64) r->steps * sig->denominator, den = 4 * (guint64) sig->numerator;

  return num % den == 0 ? (guint) (num / den) : 0;
}

/* The bar's groove at step K: the mean offset played there, else at the same
 * place within a quarter note, else 0. */
static double
groove_at (const DsResponder *r, guint k)
{
  guint quarter = steps_per_quarter (r), n = 0;
  double sum = 0.0;

  if (r->groove_n[k] > 0)
    return r->groove_sum[k] / r->groove_n[k];
  for (guint s = quarter > 0 ? k % quarter : r->steps; s < r->steps; s += quarter)
    {
      sum += r->groove_sum[s];
      n += r->groove_n[s];
    }
  return n > 0 ? sum / n : 0.0;
}

/* Appends the hit of voice V on step K to OUT (room for MAX_OUT) at *N. */
static void
write_hit (const DsResponder *r, guint v, guint k, gboolean kept, DsHit *out, guint max_out,
           guint *n)
{
  const DsResponderCell *cell = &r->cells[(gsize) v * r->steps + k];
  DsHit *hit;
  double offset;

  if (*n >= max_out)
    return;
  hit = &out[(*n)++];
  if (kept)
    {
      offset = cell->offset;
      hit->note = cell->note;
      hit->velocity = cell->velocity;
    }
  else
    {
      offset = groove_at (r, k);
      hit->note = r->notes[v][0];
      hit->velocity = (uint8_t) ds_dynamics_velocity (ds_dynamics_strength (r->grid, k), FALSE);
    }
  hit->time = (k + offset) / r->steps;
  hit->step = (uint16_t) k;
  hit->voice = (uint8_t) v;
}

/* Sorts HITS by time (nearly sorted already: by step, offsets under half a step). */
static void
sort_hits (DsHit *hits, guint n)
{
  for (guint i = 1; i < n; i++)
    {
      DsHit hit = hits[i];
      guint j = i;

      for (; j > 0 && hits[j - 1].time > hit.time; j--)
        hits[j] = hits[j - 1];
      hits[j] = hit;
    }
}

guint
ds_responder_answer (DsResponder *r, const DsHit *in, guint n_in, DsHit *out, guint max_out)
{
  const DsStage *stage = r->model->stage;
  DsPattern played[DS_VOICES_MAX], loop[DS_VOICES_MAX], answer[DS_VOICES_MAX];
  guint n = 0;

  ds_responder_quantise (r, in, n_in, played);
  for (guint v = 0; v < r->n_voices; v++)
    if (r->steps == r->length)
      loop[v] = played[v];
    else
      ds_resample_pattern (&played[v], r->length, &loop[v]);
  ds_responder_play_bar (r, r->scratch, loop, r->bar++, answer);
  for (guint v = 0; v < r->n_voices; v++)
    if (!r->playing[v])
      answer[v] = played[v]; /* as played, exactly: no round trip through the model's grid */
    else if (r->steps != r->length)
      ds_resample_pattern (&answer[v], r->steps, &answer[v]);
  for (guint k = 0; k < r->steps && out != NULL; k++)
    for (guint v = 0; v < r->n_voices; v++)
      if (ds_stage_is_agent (stage, v) && ds_pattern_get (&answer[v], k))
        write_hit (r, v, k, ds_pattern_get (&played[v], k), out, max_out, &n);
  sort_hits (out, n);
  return n;
}

guint
ds_responder_n_ignored (const DsResponder *r)
{
  return r->n_ignored;
}
