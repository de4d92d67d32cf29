/* voices.h: several named voice patterns on one grid (`kick=x...,snare=....x...`).
 *
 * The text form joins `NAME=PATTERN` items with commas; a lone pattern without a
 * name is allowed when it is the only item (its name is then the empty string).
 * Every voice has the same length.  Names are letters, digits, '-' and '_'.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/pattern.h"

G_BEGIN_DECLS

#define DS_VOICES_MAX 16
#define DS_VOICE_NAME_MAX 24

#define DS_VOICES_ERROR (ds_voices_error_quark ())
typedef enum {
  DS_VOICES_ERROR_SYNTAX,    /* missing '=', bad name, empty item */
  DS_VOICES_ERROR_DUPLICATE, /* the same voice twice */
  DS_VOICES_ERROR_LENGTH,    /* voices of different lengths */
  DS_VOICES_ERROR_TOO_MANY,  /* more than DS_VOICES_MAX voices */
} DsVoicesError;

typedef struct {
  guint n_voices;
  guint length;
  char names[DS_VOICES_MAX][DS_VOICE_NAME_MAX];
  DsPattern patterns[DS_VOICES_MAX];
} DsVoices;

GQuark ds_voices_error_quark (void);

/* Parses the text form into VOICES. */
gboolean ds_voices_parse (const char *text, DsVoices *voices, GError **error);

/* Adds a voice NAME (checked as in the text form); fails on a duplicate name, a
 * different length or a full set. */
gboolean ds_voices_add (DsVoices *voices, const char *name, const DsPattern *pattern,
                        GError **error);

/* The index of voice NAME, or -1. */
int ds_voices_find (const DsVoices *voices, const char *name);

/* Whether NAME is a valid voice name. */
gboolean ds_voice_name_is_valid (const char *name);

/* The text form, with `|` every BAR_STEPS steps when non-zero (see
 * ds_pattern_to_string). */
char *ds_voices_to_string (const DsVoices *voices, guint bar_steps);

/* An empty set. */
void ds_voices_init (DsVoices *voices);

G_END_DECLS
