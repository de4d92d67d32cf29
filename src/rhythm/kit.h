/* kit.h: the drum kit, one table of every voice drumswarm knows by name.
 *
 * Each voice has its notes in the General MIDI percussion key map (MIDI
 * Manufacturers Association, General MIDI System Level 1, 1991), grouped into
 * the classes of the Groove MIDI Dataset (Gillick et al., "Learning to Groove
 * with Inverse Sequence Transformations", ICML 2019), which adds the Roland
 * TD-11's hi-hat edge notes 22 and 26.  Every note is an articulation of its
 * voice (the hat's closed 42, pedal 44 and open 46; the snare's head 38 and
 * rim 37, 40); the first is the voice's main note, what a new hit is written
 * as when the loop plays no other articulation at its place.  Each voice also
 * has its default reward mix (a similarity to the loop, complexity and
 * density targets, and a relation to a partner voice when that voice is on the
 * stage) and its stock patterns, common one-bar figures in 4/4 sixteenths that
 * training uses as context.
 *
 * Every module reads this table: the drum map of the MIDI import
 * (midi/drum-map.h), the default mixes (src/stage/reward.h), the stage's
 * library of patterns (src/stage/stage.h) and the commands' default voices.
 * The core holds it (no MIDI file in sight) so that the responder, which maps
 * MIDI notes to voices without files, reads it too.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_KIT_MAX_NOTES 8
#define DS_KIT_MAX_PATTERNS 10

typedef struct {
  guint8 note;       /* General MIDI drum note, 0 .. 127 */
  const char *name;  /* "open", "pedal", "rim (TD-11) / electric snare (GM)" */
} DsKitNote;

typedef struct {
  const char *name;     /* "four-on-the-floor" */
  const char *pattern;  /* 16 steps of 4/4: x onset, . rest */
} DsKitPattern;

typedef struct {
  const char *name;          /* "hat" */
  const char *role;          /* one line for people */
  gboolean is_default;       /* among the voices when the user names none */
  guint n_notes;
  DsKitNote notes[DS_KIT_MAX_NOTES]; /* the first: the main note */
  const char *mix;           /* default mix, the partner term left out */
  const char *partner;       /* the voice of the partner term, or NULL */
  const char *relation;      /* the partner term up to the voice: "0.25 interlock(" */
  const char *fill_mix;      /* the mix of a fill bar (session --fill-every) */
  guint n_patterns;
  DsKitPattern patterns[DS_KIT_MAX_PATTERNS];
} DsKitVoice;

/* The default mixes of a voice the table does not hold (a user's cowbell):
 * the kit's beat mix without the style, which knows only the kit's voices and
 * so cannot judge this one (its value would not move with the voice), and a
 * fill mix rising toward the bar's end. */
#define DS_KIT_GENERIC_MIX \
  "0.35 target(similarity(loop), 0.95) + 0.3 anchors(loop) + 0.25 density-target(loop) " \
  "+ 0.1 target(lhl, loop)"
#define DS_KIT_GENERIC_FILL_MIX \
  "0.4 target(toward-end, 0.75) + 0.3 density-target(0.3) + 0.3 anchors(loop, bar)"

/* The voices, in table order. */
guint ds_kit_n_voices (void);
const DsKitVoice *ds_kit_voice (guint index);

/* The voice NAME, or NULL. */
const DsKitVoice *ds_kit_find (const char *name);

/* The voice whose articulation NOTE is, or NULL (notes outside 0..127 too). */
const DsKitVoice *ds_kit_voice_of_note (guint note);

/* The articulation NOTE of VOICE, or NULL when VOICE has no such note. */
const DsKitNote *ds_kit_voice_note (const DsKitVoice *voice, guint note);

/* The voices when the user names none, comma-separated ("kick,snare,hat"). */
char *ds_kit_default_voices (void);

/* Every voice's name, comma-separated, in table order ("kick,snare,hat,tom,..."),
 * for messages. */
char *ds_kit_voice_names (void);

G_END_DECLS
