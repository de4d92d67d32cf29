/* drumswarm.h: the responder, drumswarm's public C API (libdrumswarm, drumswarm(3)).
 *
 * A responder holds a swarm of trained agents, one per drum voice, for one
 * meter and grid.  Give it a bar of hits from any source (a MIDI file, a JACK
 * port, a plugin's input: times and velocities, not files) and it returns the
 * bar its agents answer with: hits with notes, velocities and timing.  The
 * answer call is real-time safe: it allocates nothing, takes no lock, does no
 * I/O, and its time is bounded by the grid and the number of tries, so a JACK
 * process callback or an LV2 run() may call it between two bars.  Controls
 * (temperature, which voices answer, the weights of the reward mix, the seed)
 * are plain stores, real-time safe too, and take effect at the next answer.
 *
 * A responder is made from a model file (`drumswarm train`, or the bundled
 * general model), or with fresh agents that learn from bars they are given
 * (ds_responder_add_bar, then ds_responder_learn, away from the real-time
 * thread); ds_responder_take_weights copies what one responder learnt into
 * another without allocating, so a live host trains in the background and
 * swaps the new weights in between bars.
 *
 *   g_autoptr (GError) error = NULL;
 *   DsResponder *r = ds_responder_new ("rock.dsm", "4/4", 16, &error);
 *   DsHit in[] = { { .time = 0.0, .note = 36, .velocity = 100 },
 *                  { .time = 0.25, .note = 38, .velocity = 90 }, ... }, out[64];
 *   guint n = ds_responder_answer (r, in, G_N_ELEMENTS (in), out, 64);
 *   ...
 *   ds_responder_free (r);
 *
 * Build with `pkg-config --cflags --libs drumswarm`.  Every function that can
 * fail takes a GError ** last and says what is wrong in its message.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define DS_RESPONDER_ERROR (ds_responder_error_quark ())
typedef enum {
  DS_RESPONDER_ERROR_MODEL, /* a model that cannot be read or does not fit */
  DS_RESPONDER_ERROR_METER, /* a meter or grid the responder cannot play */
  DS_RESPONDER_ERROR_VALUE, /* a bad argument: voice, hit, count */
} DsResponderError;

/* One drum hit in a bar. */
typedef struct {
  double time;      /* when, as a fraction of the bar from its start: 0 <= time < 1; a hit
                       played just before the bar line may come as a small negative time
                       (down to -0.5 step) and belongs to this bar's first step */
  uint8_t note;     /* MIDI note number (General MIDI drums: 36 kick, 38 snare, 42 hat ...) */
  uint8_t velocity; /* 1 .. 127 */
  uint16_t step;    /* answers only: the step of the responder's grid the hit is on */
  uint8_t voice;    /* answers only: the voice that plays it (ds_responder_voice_name) */
} DsHit;

/* The weights of the reward mix a musician turns, by the kind of term: each
 * scales every term of its kind in the mixes of the voices it is set for
 * (1: the mix as written; 0: that kind of term counts for nothing). */
typedef enum {
  DS_KNOB_LOOP,        /* similarity to what was played: how close the answer stays */
  DS_KNOB_COMPLEXITY,  /* complexity and syncopation targets */
  DS_KNOB_DENSITY,     /* density targets: how busy */
  DS_KNOB_INTERPLAY,   /* relations to the other voices (interlock, anti-coincidence ...) */
  DS_KNOB_STYLE,       /* likelihood under the learned style of real drummers */
  DS_KNOB_ANCHORS,     /* keep the loop's hits on the strongest beats */
  DS_N_KNOBS
} DsKnob;

/* The most hits one answer can hold. */
#define DS_RESPONDER_MAX_HITS 4096
/* The most tries an answer may take (ds_responder_set_tries), and the
 * highest knob weight. */
#define DS_RESPONDER_MAX_TRIES 10000
#define DS_RESPONDER_MAX_KNOB 10.0
/* The most toggles of an answer's polish (ds_responder_set_polish). */
#define DS_RESPONDER_MAX_POLISH 256
/* The most bars a responder learns from: the last ones added. */
#define DS_RESPONDER_MAX_LEARN_BARS 512

typedef struct _DsResponder DsResponder;

GQuark ds_responder_error_quark (void);

/* The library's version, "MAJOR.MINOR.MICRO". */
const char *ds_responder_version (void);

/* A responder playing the agents of the model MODEL_PATH on bars of METER
 * ("4/4", "7/8:2+2+3"; NULL: the meter of the model's bar) with STEPS steps a
 * bar (0: the model's own steps for such a bar).  A grid other than the
 * model's is resampled to it and back, as `drumswarm respond` does.
 * MODEL_PATH NULL: the bundled general model of METER's meter (NULL: 4/4), the
 * file general-N-D.dsm found as drumswarm's bundled files are (the folder
 * $DRUMSWARM_DATADIR, then the installed one); DS_RESPONDER_ERROR_METER, naming
 * the meters it has, when it has none for that meter. */
DsResponder *ds_responder_new (const char *model_path, const char *meter, guint steps,
                               GError **error);

/* A responder whose agents for VOICES ("kick,snare,hat"; NULL: those three)
 * are fresh, seeded by SEED, and learn from the bars they are given, on bars
 * of METER (NULL: 4/4) with STEPS steps (1 .. 64; 0: 4 a quarter note). */
DsResponder *ds_responder_new_untrained (const char *meter, guint steps, const char *voices,
                                         uint64_t seed, GError **error);

/* An independent copy (its own weights, controls and scratch): one per thread. */
DsResponder *ds_responder_copy (const DsResponder *responder);
void ds_responder_free (DsResponder *responder);

/* The grid: the meter as text, and steps a bar. */
const char *ds_responder_meter (const DsResponder *responder);
guint ds_responder_steps (const DsResponder *responder);

/* The voices (agents and context) and whether an agent plays each. */
guint ds_responder_n_voices (const DsResponder *responder);
const char *ds_responder_voice_name (const DsResponder *responder, guint voice);
gboolean ds_responder_voice_is_agent (const DsResponder *responder, guint voice);
/* The voice NAME, or -1. */
int ds_responder_find_voice (const DsResponder *responder, const char *name);

/* The notes a voice answers to, the first being the one its new hits play:
 * by default General MIDI's (kick 36 35, snare 38 37 39 40, hat 42 44 46 22
 * 26, tom 45 41 43 47 48 50 58, crash 49 52 55 57, ride 51 53 59).  An agent
 * voice without notes (a name of its own) does not play until it has some.
 * The note a voice's new hits play (0: none); NOTES (1 .. 16 of them, none of
 * another voice's) for VOICE. */
guint ds_responder_voice_note (const DsResponder *responder, guint voice);
gboolean ds_responder_set_notes (DsResponder *responder, guint voice, const uint8_t *notes,
                                 guint n_notes, GError **error);

/* Controls, real-time safe, for the next answer (set them from the thread
 * that answers, or between answers).  TEMPERATURE 0 is the greedy policy,
 * above 0 sampled variations; PLAYING says whether agent VOICE answers
 * (FALSE: it keeps what was played; FALSE is returned for a voice that is no
 * agent or has no notes); a KNOB weight from 0 to DS_RESPONDER_MAX_KNOB for
 * VOICE (-1: every voice; 1: the mix as written); SEED the random stream of
 * sampled answers, restarted (answers since the seed number the bars); TRIES
 * the episodes the agents play on each bar, 1 .. DS_RESPONDER_MAX_TRIES
 * (default 4): the first at the temperature, the others sampled, the best under
 * the current knobs is the answer (so the knobs steer the answer only with
 * more than one; the answer's time grows with them). */
void ds_responder_set_temperature (DsResponder *responder, double temperature);
gboolean ds_responder_set_playing (DsResponder *responder, guint voice, gboolean playing);
gboolean ds_responder_get_playing (const DsResponder *responder, guint voice);
gboolean ds_responder_set_knob (DsResponder *responder, int voice, DsKnob knob, double weight);
double ds_responder_get_knob (const DsResponder *responder, guint voice, DsKnob knob);
void ds_responder_set_seed (DsResponder *responder, uint64_t seed);
gboolean ds_responder_set_tries (DsResponder *responder, guint tries);

/* The answer's polish, real-time safe too (default 0 and 0: the answer is the
 * best try): after the tries, at most TOGGLES single-step changes of the
 * playing agents' voices, each the one that most raises their joint score
 * under the current knobs, until none does; and at least MIN_CHANGES cells of
 * the bar as played changed (in voices the bar plays, never a hit on a beat),
 * the cheapest under the mix, so that the answer is a variation and never a
 * copy.  The polish makes the knobs steer the answer beyond choosing among the
 * tries; its time grows with TOGGLES x agents x steps (`drumswarm respond` and
 * `session` polish 16).  FALSE when TOGGLES passes DS_RESPONDER_MAX_POLISH. */
gboolean ds_responder_set_polish (DsResponder *responder, guint toggles, guint min_changes);

/* The answer to one bar: IN holds N_IN hits (any order), OUT room for
 * MAX_OUT.  Hits that map to no voice, with velocity 0 or a time outside the
 * bar are ignored; two of one voice on one step are one, the louder.  Writes
 * the hits of every agent voice of the answer bar, sorted by time (those of
 * agents that do not play as they were played), at most MAX_OUT, and returns
 * how many.  Kept hits keep their note, velocity and timing; new hits play the
 * voice's note at a velocity from the step's metrical strength and with the
 * bar's groove at that step.  Real-time safe. */
guint ds_responder_answer (DsResponder *responder, const DsHit *in, guint n_in, DsHit *out,
                           guint max_out);

/* The hits of the last answer (or ds_responder_add_bar) that were ignored. */
guint ds_responder_n_ignored (const DsResponder *responder);

/* Learning, away from the real-time thread (these allocate and take time):
 * adds one bar of hits to the bars the agents learn from (the last
 * DS_RESPONDER_MAX_LEARN_BARS: a bar added beyond them pushes out the oldest);
 * the number of bars held; trains for EPISODES episodes on them. */
gboolean ds_responder_add_bar (DsResponder *responder, const DsHit *hits, guint n_hits,
                               GError **error);
guint ds_responder_n_bars (const DsResponder *responder);
gboolean ds_responder_learn (DsResponder *responder, uint64_t episodes, GError **error);

/* Copies the agents' weights of SOURCE (the same voices and grid) into
 * RESPONDER without allocating: FALSE when they do not fit.  SOURCE must not
 * be learning meanwhile (swap between two of its ds_responder_learn calls). */
gboolean ds_responder_take_weights (DsResponder *responder, const DsResponder *source);

/* Writes the responder's model (agents, mixes, grid) to PATH. */
gboolean ds_responder_save (const DsResponder *responder, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsResponder, ds_responder_free)

G_END_DECLS
