/* player.h: hears bars from the host's MIDI and plays the answers, in real time.
 *
 * The player sits between the host's clock (clock.h) and a responder
 * (drumswarm.h).  It collects the note-ons of each bar as hits, and when the
 * bar is over asks the responder for the answer and plays it in the next bar,
 * every note at its frame.  A bar is over half a step before its last beat
 * ends: a note played up to half a step early belongs to the next bar (the
 * responder's convention, a small negative time), so the answer to a bar is
 * ready before the next bar starts and even its first note, and notes the
 * groove pushes ahead of the beat, play on time.  Notes last half a step; a
 * note-off goes out for every note-on, and a note struck again while it still
 * sounds is ended first.  Nothing here allocates, locks or does I/O: all of
 * it runs inside the host's run().
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "src/lv2/clock.h"
#include "src/responder/drumswarm.h"

/* The most note-ons one bar may hold (more are not heard). */
#define DS_LV2_MAX_HEARD 512
/* The most notes that may sound at once. */
#define DS_LV2_MAX_SOUNDING 512

/* Where the player's output goes. */
typedef struct {
  /* a MIDI message of SIZE bytes at FRAME of the current cycle */
  void (*emit) (void *data, uint32_t frame, const uint8_t *msg, uint32_t size);
  /* a bar was heard whole and answered: its hits (for learning) */
  void (*heard) (void *data, const DsHit *hits, guint n_hits);
  void *data;
} DsLv2PlayerSink;

typedef struct {
  double beat;   /* when the note ends */
  uint32_t gen;  /* the strike it ends (a later strike of the note is not ended by it) */
  uint8_t note;
} DsLv2NoteOff;

typedef struct {
  guint steps;       /* the responder's steps a bar; 0: none */
  uint8_t channel;   /* the MIDI channel of the answers, 0 .. 15 */

  gboolean hearing;  /* collecting a bar */
  int64_t bar;       /* the bar being heard */
  gboolean whole;    /* heard from its start (only whole bars are answered) */
  DsHit heard[DS_LV2_MAX_HEARD];
  guint n_heard;

  DsHit answer[DS_RESPONDER_MAX_HITS];
  guint n_answer, next_answer;
  double answer_start; /* the beat the answer's bar starts on */

  DsLv2NoteOff offs[DS_LV2_MAX_SOUNDING]; /* a ring, in the order they fall due */
  guint first_off, n_offs;
  uint32_t strikes[128];
  gboolean sounding[128];
} DsLv2Player;

/* A silent player that answers on CHANNEL (0 .. 15). */
void ds_lv2_player_init (DsLv2Player *player, uint8_t channel);

/* The responder's grid changed: STEPS a bar (0: no responder). */
void ds_lv2_player_set_steps (DsLv2Player *player, guint steps);

/* Starts hearing at the clock's position (the transport started or jumped,
 * the meter changed): the bar under way counts only when it starts here. */
void ds_lv2_player_listen (DsLv2Player *player, const DsLv2Clock *clock);

/* A note-on of NOTE at VELOCITY now (at the clock's position). */
void ds_lv2_player_hear (DsLv2Player *player, const DsLv2Clock *clock, uint8_t note,
                         uint8_t velocity);

/* Moves CLOCK on by FRAMES frames, playing the notes that fall due and
 * answering the bars that end on the way with RESPONDER (NULL: none answers).
 * Frames given to SINK count from the start of this stretch. */
void ds_lv2_player_advance (DsLv2Player *player, DsLv2Clock *clock, DsResponder *responder,
                            uint32_t frames, const DsLv2PlayerSink *sink);

/* Note-offs at FRAME for every note that sounds, and forgets the answer under
 * way and the bar being heard (transport stopped or jumped, deactivation). */
void ds_lv2_player_silence (DsLv2Player *player, uint32_t frame, const DsLv2PlayerSink *sink);
