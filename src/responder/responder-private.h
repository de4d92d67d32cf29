/* responder-private.h: the responder's state, shared by its files, and the
 * calls the program's commands use beside the public API (drumswarm.h): a
 * responder around a model they built, and the batch answer of many bars.
 * Not installed.
 *
 * Every answer, live or batch, goes through ds_responder_play_bar: the bar's
 * patterns on the model's grid are the start and the loop; the agents play
 * `iterations` steps in `tries` episodes side by side (the first at the
 * temperature asked, the others sampled at max(T, 1)), and the episode whose
 * agents end with the best joint score under the current reward mix (knobs
 * included) is the answer.  Its random stream is (seed, bar number), so a
 * seed gives the same answers whatever thread plays which bar.
 */
#pragma once

#include <glib.h>

#include "agents/model.h"
#include "agents/swarm.h"
#include "src/responder/drumswarm.h"
#include "src/stage/bars.h"

G_BEGIN_DECLS

/* Episodes played side by side in one pass (more tries take more passes). */
#define DS_RESPONDER_ROWS 16
/* The most notes one voice answers to. */
#define DS_RESPONDER_MAX_NOTES 16
/* Played velocities from this one up count as accents (as MIDI import's default). */
#define DS_RESPONDER_ACCENT_VELOCITY 100

/* What playing one bar needs, allocated once: one per thread. */
typedef struct {
  DsSwarmActor *actor;
  DsStageState states[DS_RESPONDER_ROWS];
  guint actions[DS_RESPONDER_ROWS * DS_VOICES_MAX];
  double temperatures[DS_RESPONDER_ROWS];
} DsResponderScratch;

/* How a step of a voice was played in the bar being answered. */
typedef struct {
  float offset;     /* in steps of the responder's grid, -0.5 .. 0.5 */
  guint8 velocity;  /* 0: not played */
  guint8 note;
} DsResponderCell;

struct _DsResponder {
  DsModel *model;
  DsMeter *grid;              /* one bar of the responder's meter and steps */
  char *meter_text;
  guint steps;                /* S: the responder's steps a bar */
  guint length;               /* L: the model's */
  guint n_voices;
  /* notes: the first of a voice is the one its new hits play */
  guint8 notes[DS_VOICES_MAX][DS_RESPONDER_MAX_NOTES];
  guint n_notes[DS_VOICES_MAX];
  gint8 note_voice[128];      /* the voice of each note, or -1 */
  /* controls */
  double temperature;
  gboolean playing[DS_VOICES_MAX];
  double knobs[DS_VOICES_MAX][DS_N_KNOBS];
  guint tries, iterations;
  guint polish;               /* the most toggles of the answer's polish (0: none) */
  guint min_changes;          /* cells of the bar the polish changes at least */
  uint64_t beats[DS_PATTERN_WORDS]; /* the model's grid's beats: the least changes keep
                                       the hits on them */
  gboolean from_empty;
  guint64 seed, bar;          /* the random stream of the next answer: (seed, bar) */
  /* the answer's scratch */
  DsResponderScratch *scratch;
  DsResponderCell *cells;     /* [voice][step], S steps */
  double *groove_sum;         /* per step of S: played offsets, summed */
  guint *groove_n;
  guint n_ignored;
  /* learning: bars on the model's grid, voices in stage order */
  GArray *learn_patterns;     /* DsPattern, n_voices a bar */
  DsBars *learn_bars;
  DsBarsSampler sampler;
};

/* A responder around MODEL (taken, also on failure) for bars of METER (NULL:
 * the model's first bar's signature) with STEPS steps (0: at the model's
 * steps per unit). */
DsResponder *ds_responder_new_for_model (DsModel *model, const char *meter, guint steps,
                                         GError **error);

/* The model and its stage (voices in stage order, reward with the knobs). */
DsModel *ds_responder_model (const DsResponder *responder);
const DsStage *ds_responder_stage (const DsResponder *responder);

/* Steps the agents play on every bar (default: the model's grid length), and
 * whether the playing agents' voices start empty instead of as played. */
void ds_responder_set_iterations (DsResponder *responder, guint iterations);
void ds_responder_set_from_empty (DsResponder *responder, gboolean from_empty);

/* Scratch for one thread's answers; allocation happens here only. */
DsResponderScratch *ds_responder_scratch_new (const DsResponder *responder);
void ds_responder_scratch_free (DsResponderScratch *scratch);

/* The answer to LOOP (the bar as played: every voice, stage order, the model's
 * grid) into OUT (every voice), from the random stream (seed, BAR).
 * Allocation-free with SCRATCH. */
void ds_responder_play_bar (const DsResponder *responder, DsResponderScratch *scratch,
                            const DsPattern *loop, guint64 bar, DsPattern *out);

/* As ds_responder_play_bar, the agents starting from FROM (every voice, stage
 * order: the context voices and where the agents begin, e.g. the answer's
 * previous bar) while the terms on the loop compare with LOOP. */
void ds_responder_play_bar_from (const DsResponder *responder, DsResponderScratch *scratch,
                                 const DsPattern *from, const DsPattern *loop, guint64 bar,
                                 DsPattern *out);

/* The answer to every bar of BARS (the model's grid, stage voices), bar B
 * from the stream (seed, B), THREADS bars side by side: the same bytes for any
 * number of threads. */
DsBars *ds_responder_answer_bars (const DsResponder *responder, const DsBars *bars,
                                  int threads);

/* The bar of hits IN quantised to the responder's grid: the cells and groove
 * of RESPONDER, and the played patterns on its grid (stage voices) in
 * PLAYED.  Allocation-free. */
void ds_responder_quantise (DsResponder *responder, const DsHit *in, guint n_in,
                            DsPattern *played);

/* What `drumswarm session` and ds_responder_learn train with where a config
 * does not say (keys of [train], values). */
#define DS_RESPONDER_N_TRAIN_DEFAULTS 3
extern const char *const ds_responder_train_defaults[DS_RESPONDER_N_TRAIN_DEFAULTS][2];

G_END_DECLS
