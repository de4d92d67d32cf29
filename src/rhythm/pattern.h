/* pattern.h: one voice's onsets over L grid steps, stored as a bit set.
 *
 * A pattern is a plain value (no allocation): the onsets and the accents of up
 * to DS_PATTERN_MAX_STEPS steps as 64-bit words, so that relations between two
 * voices are popcounts.  Its text form, as in DESIGN.md, is one character per
 * step: `x` onset, `X` accented onset, `.` or `o` rest; `|` (bar line) and
 * spaces are ignored.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define DS_PATTERN_MAX_STEPS 256
#define DS_PATTERN_WORDS (DS_PATTERN_MAX_STEPS / 64)

#define DS_PATTERN_ERROR (ds_pattern_error_quark ())
typedef enum {
  DS_PATTERN_ERROR_CHARACTER, /* a character that is not x X . o | or space */
  DS_PATTERN_ERROR_EMPTY,     /* no steps at all */
  DS_PATTERN_ERROR_TOO_LONG,  /* more than DS_PATTERN_MAX_STEPS steps */
} DsPatternError;

typedef struct {
  guint length;                       /* steps, 1 .. DS_PATTERN_MAX_STEPS */
  uint64_t on[DS_PATTERN_WORDS];      /* bit k of word k/64: onset at step k */
  uint64_t accent[DS_PATTERN_WORDS];  /* accented onsets (a subset of on) */
} DsPattern;

GQuark ds_pattern_error_quark (void);

/* An empty pattern (all rests) of LENGTH steps (1 .. DS_PATTERN_MAX_STEPS). */
void ds_pattern_init (DsPattern *pattern, guint length);

/* Parses the text form; on error the message quotes the text and points at the
 * offending character by its 1-based position. */
gboolean ds_pattern_parse (const char *text, DsPattern *pattern, GError **error);

/* The text form, `x`/`X`/`.`, with a `|` after every BAR_STEPS steps when
 * BAR_STEPS is non-zero and smaller than the length. */
char *ds_pattern_to_string (const DsPattern *pattern, guint bar_steps);

/* Like ds_pattern_to_string, but with `|` at each of the N_BARS bar starts
 * (BAR_STARTS[0] is 0): for grids whose bars differ in length. */
char *ds_pattern_to_string_bars (const DsPattern *pattern, const guint *bar_starts,
                                 guint n_bars);

static inline gboolean
ds_pattern_get (const DsPattern *pattern, guint step)
{
  return (pattern->on[step >> 6] >> (step & 63)) & 1u;
}

static inline gboolean
ds_pattern_get_accent (const DsPattern *pattern, guint step)
{
  return (pattern->accent[step >> 6] >> (step & 63)) & 1u;
}

/* Sets or clears the onset at STEP (clearing also drops its accent). */
void ds_pattern_set (DsPattern *pattern, guint step, gboolean on);

/* Sets an onset at STEP, accented or not. */
void ds_pattern_set_accent (DsPattern *pattern, guint step, gboolean accent);

/* Toggles the onset at STEP (an agent's action); a removed onset loses its accent. */
void ds_pattern_toggle (DsPattern *pattern, guint step);

/* Number of onsets. */
guint ds_pattern_count (const DsPattern *pattern);

/* The steps where A and B differ, one sounding and the other not (the
 * Hamming distance of two patterns of one length; accents ignored). */
guint ds_pattern_distance (const DsPattern *a, const DsPattern *b);

/* Onsets equal (accents ignored) and lengths equal. */
gboolean ds_pattern_equal (const DsPattern *a, const DsPattern *b);

/* The onset steps in increasing order into STEPS (room for length entries);
 * returns their number. */
guint ds_pattern_onsets (const DsPattern *pattern, guint *steps);

/* The onsets of a pattern of at most 64 steps as one word (bit k = step k). */
static inline uint64_t
ds_pattern_bits (const DsPattern *pattern)
{
  return pattern->on[0];
}

/* A pattern of LENGTH <= 64 steps from a word (bits past LENGTH ignored). */
void ds_pattern_from_bits (DsPattern *pattern, guint length, uint64_t bits);

G_END_DECLS
