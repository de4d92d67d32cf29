/* player.c: hears bars and plays the answers (player.h). */
#include "autoconfig.h"

#include "src/lv2/player.h"

#include <math.h>

#define NOTE_ON 0x90
#define NOTE_OFF 0x80

void
ds_lv2_player_init (DsLv2Player *player, uint8_t channel)
{
  player->steps = 0;
  player->channel = channel & 0x0f;
  player->hearing = FALSE;
  player->n_heard = 0;
  player->n_answer = player->next_answer = 0;
  player->first_off = player->n_offs = 0;
  for (guint k = 0; k < 128; k++)
    {
      player->strikes[k] = 0;
      player->sounding[k] = FALSE;
    }
}

void
ds_lv2_player_set_steps (DsLv2Player *player, guint steps)
{
  player->steps = steps;
}

/* Half a step in beats: how early a note may come and still be the next bar's
 * first, and how long the answer's notes last. */
static double
half_step (const DsLv2Player *player, const DsLv2Clock *clock)
{
  guint steps = player->steps > 0 ? player->steps : 16;

  return 0.5 * clock->beats_per_bar / steps;
}

void
ds_lv2_player_listen (DsLv2Player *player, const DsLv2Clock *clock)
{
  double h = half_step (player, clock);

  player->hearing = TRUE;
  player->bar = ds_lv2_clock_bar_of (clock, clock->beat + h);
  /* Starting on the bar line misses only the half step before it, which no
   * one could have played into a transport that was not rolling. */
  player->whole = clock->beat <= ds_lv2_clock_bar_start (clock, player->bar) + 1e-9;
  player->n_heard = 0;
}

void
ds_lv2_player_hear (DsLv2Player *player, const DsLv2Clock *clock, uint8_t note,
                    uint8_t velocity)
{
  double h = half_step (player, clock), bpb = clock->beats_per_bar, time;

  if (!player->hearing || player->n_heard >= DS_LV2_MAX_HEARD || velocity == 0)
    return;
  time = (clock->beat - ds_lv2_clock_bar_start (clock, player->bar)) / bpb;
  /* The bar closes on the first frame at or after its end, so a note can fall
   * a hair outside its window by rounding, never by more. */
  time = CLAMP (time, -h / bpb, 1 - h / bpb - 1e-9);
  player->heard[player->n_heard++] = (DsHit){ .time = time, .note = note, .velocity = velocity };
}

static void
emit3 (const DsLv2PlayerSink *sink, uint32_t frame, uint8_t status, uint8_t note,
       uint8_t velocity)
{
  const uint8_t msg[3] = { status, note, velocity };

  sink->emit (sink->data, frame, msg, 3);
}

static void
note_off (DsLv2Player *player, uint32_t frame, uint8_t note, const DsLv2PlayerSink *sink)
{
  emit3 (sink, frame, NOTE_OFF | player->channel, note, 0);
  player->sounding[note] = FALSE;
}

/* Plays the oldest pending note-off (when it still ends the note's latest strike). */
static void
play_first_off (DsLv2Player *player, uint32_t frame, const DsLv2PlayerSink *sink)
{
  const DsLv2NoteOff *off = &player->offs[player->first_off];

  if (player->sounding[off->note] && player->strikes[off->note] == off->gen)
    note_off (player, frame, off->note, sink);
  player->first_off = (player->first_off + 1) % DS_LV2_MAX_SOUNDING;
  player->n_offs--;
}

static void
note_on (DsLv2Player *player, const DsLv2Clock *clock, uint32_t frame, double beat,
         const DsHit *hit, const DsLv2PlayerSink *sink)
{
  uint8_t note = hit->note & 0x7f;
  guint last;

  if (player->sounding[note])
    note_off (player, frame, note, sink);
  if (player->n_offs == DS_LV2_MAX_SOUNDING)
    play_first_off (player, frame, sink);
  emit3 (sink, frame, NOTE_ON | player->channel, note, CLAMP (hit->velocity, 1, 127));
  player->sounding[note] = TRUE;
  player->strikes[note]++;
  last = (player->first_off + player->n_offs) % DS_LV2_MAX_SOUNDING;
  player->offs[last] = (DsLv2NoteOff){
    .beat = beat + half_step (player, clock),
    .gen = player->strikes[note],
    .note = note,
  };
  player->n_offs++;
}

static double
answer_beat (const DsLv2Player *player, const DsLv2Clock *clock, guint i)
{
  return player->answer_start + player->answer[i].time * clock->beats_per_bar;
}

/* Plays the notes due before frame END, the clock being at frame FROM, and
 * moves the clock to END.  A note whose moment passed (the host skipped the
 * cycles of an xrun, src/responder/xrun.h) goes out at FROM when it is less
 * than a quarter of a step late, and is dropped when later, as in `drumswarm
 * live`; every note-off goes out. */
static void
play_due (DsLv2Player *player, DsLv2Clock *clock, double rate, uint32_t from, uint32_t end,
          const DsLv2PlayerSink *sink)
{
  for (;;)
    {
      gboolean have_on = player->next_answer < player->n_answer, have_off = player->n_offs > 0;
      double on = have_on ? answer_beat (player, clock, player->next_answer) : INFINITY;
      double off = have_off ? player->offs[player->first_off].beat : INFINITY;
      double beat = MIN (on, off), ahead;
      uint32_t frame;

      if (!have_on && !have_off)
        break;
      ahead = round ((beat - clock->beat) / rate);
      if (ahead >= (double) (end - from))
        break;
      frame = from + (ahead > 0 ? (uint32_t) ahead : 0);
      if (off <= on)
        play_first_off (player, frame, sink);
      else if (on < clock->beat - 0.5 * half_step (player, clock))
        player->next_answer++;
      else
        note_on (player, clock, frame, on, &player->answer[player->next_answer++], sink);
    }
  clock->beat += (end - from) * rate;
}

/* The bar being heard is over at FRAME: answer it, play the answer in the next. */
static void
close_bar (DsLv2Player *player, DsLv2Clock *clock, DsResponder *responder, uint32_t frame,
           const DsLv2PlayerSink *sink)
{
  double h = half_step (player, clock), bpb = clock->beats_per_bar;

  /* What rounding left of the last answer plays now, before the new one. */
  while (player->next_answer < player->n_answer)
    note_on (player, clock, frame, clock->beat, &player->answer[player->next_answer++], sink);
  player->n_answer = player->next_answer = 0;
  if (player->whole && player->n_heard > 0 && responder != NULL)
    {
      /* Sampled answers draw from a stream of the host's bar number: the same
       * bar gets the same answer, whichever responder came in since. */
      ds_responder_set_seed (responder, (uint64_t) player->bar);
      player->n_answer = ds_responder_answer (responder, player->heard, player->n_heard,
                                              player->answer, DS_RESPONDER_MAX_HITS);
      player->answer_start = ds_lv2_clock_bar_start (clock, player->bar + 1);
      /* Each note stays in its bar's window, so that the next answer finds
       * this one played out. */
      for (guint i = 0; i < player->n_answer; i++)
        player->answer[i].time = CLAMP (player->answer[i].time, -h / bpb, 1 - h / bpb - 1e-9);
      if (sink->heard != NULL)
        sink->heard (sink->data, player->heard, player->n_heard);
    }
  player->bar++;
  player->whole = TRUE;
  player->n_heard = 0;
}

void
ds_lv2_player_advance (DsLv2Player *player, DsLv2Clock *clock, DsResponder *responder,
                       uint32_t frames, const DsLv2PlayerSink *sink)
{
  double rate = ds_lv2_clock_rate (clock);
  uint32_t from = 0;

  if (rate <= 0)
    return;
  for (;;)
    {
      uint32_t end = frames;
      gboolean closes = FALSE;

      if (player->hearing)
        {
          double close = ds_lv2_clock_bar_start (clock, player->bar + 1)
                         - half_step (player, clock);
          double ahead = ceil ((close - clock->beat) / rate);

          if (ahead < (double) (frames - from))
            {
              end = from + (ahead > 0 ? (uint32_t) ahead : 0);
              closes = TRUE;
            }
        }
      play_due (player, clock, rate, from, end, sink);
      from = end;
      if (!closes)
        break;
      close_bar (player, clock, responder, end, sink);
    }
}

void
ds_lv2_player_silence (DsLv2Player *player, uint32_t frame, const DsLv2PlayerSink *sink)
{
  for (guint k = 0; k < 128; k++)
    if (player->sounding[k])
      note_off (player, frame, (uint8_t) k, sink);
  player->first_off = player->n_offs = 0;
  player->n_answer = player->next_answer = 0;
  player->hearing = FALSE;
  player->n_heard = 0;
}
