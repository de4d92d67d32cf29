/* loop.h: a drum loop as imported from a MIDI file, or as an answer to export.
 *
 * A loop is a grid of bars, each with its own time signature and number of
 * steps (a 5/4 bar then a 7/8 bar at 4 steps per quarter note are 20 + 14
 * steps), a tempo, a name, and per voice the onsets on that grid.  Each onset
 * keeps how it was played: its timing offset from its step and its velocity,
 * which export uses to give an answer the loop's own groove.  Unlike DsPattern
 * (at most DS_PATTERN_MAX_STEPS steps) a loop may be long (a whole song); the
 * bridge to patterns and meters, ds_loop_get_voices() and ds_loop_get_meter(),
 * fails with a clear message when it does not fit.
 *
 * A loop imported from a file also keeps the file's events (source.h): a
 * voice whose onsets are still the file's is "played" and export writes its
 * notes as they came; a voice that an answer rewrote (ds_loop_set_pattern)
 * comes from the grid, each hit written with the articulation (note) the loop
 * played there.  Everything else in the file passes through.
 *
 * The import also records what it left out or changed (notes that map to no
 * voice, the channels it took, tempo changes, merged onsets) as one-line
 * notices for the command to print.
 *
 * A session with a model trained on L steps (see import.h, resample.h, export.h):
 *   DsImportOptions in;  ds_import_options_init (&in);
 *   g_autoptr (DsLoop) loop = ds_midi_import_file ("in.mid", &in, &error);
 *   DsVoices stage;      ds_resample_from_loop (loop, L, &stage, &merged, &error);
 *   ... the agents answer on L steps, into DsVoices answer ...
 *   ds_resample_into_loop (loop, &answer, &merged, &error);
 *   DsExportOptions out; ds_export_options_init (&out);  out.groove = 1;
 *   ds_midi_export (loop, &out, "out.mid", &error);
 * (midi/cli-options.h gives the commands' shared MIDI options.)
 */
#pragma once

#include <glib.h>
#include <math.h>

#include "midi/source.h"
#include "src/rhythm/meter.h"
#include "src/rhythm/voices.h"

G_BEGIN_DECLS

#define DS_LOOP_MAX_STEPS 65536u
#define DS_LOOP_MAX_BARS 4096u

typedef struct {
  DsSignature signature;
  guint start;  /* first step of the bar */
  guint steps;  /* steps in the bar */
} DsLoopBar;

typedef struct {
  guint step;       /* 0 .. length - 1 */
  float offset;     /* when it was played, minus its step, in steps (-0.5 .. 0.5);
                       NAN: not played (export takes the loop's groove at that step) */
  guint8 velocity;  /* 1..127; 0: not played (export derives one) */
  guint8 note;      /* the MIDI note it came from; 0 when it was not played */
  gboolean accent;
} DsOnset;

typedef struct _DsLoop DsLoop;

/* An empty loop (no bars, no voices) at STEPS_PER_QUARTER steps per quarter note
 * (1 .. 96), 120 bpm. */
DsLoop *ds_loop_new (guint steps_per_quarter);
void ds_loop_free (DsLoop *loop);

/* An empty loop with the bars of METER, for exporting patterns that came from
 * no file (at 120 bpm until ds_loop_set_bpm); fails when the bars imply no
 * common whole number of steps per quarter note (a 4/4 bar of 10 steps). */
DsLoop *ds_loop_new_from_meter (const DsMeter *meter, GError **error);
DsLoop *ds_loop_copy (const DsLoop *loop);

/* Appends a bar of SIGNATURE; its steps follow from the steps per quarter note.
 * Fails when the bar holds no whole number of steps per unit (an eighth-note
 * bar at 3 per quarter) or the loop would pass DS_LOOP_MAX_STEPS or _BARS. */
gboolean ds_loop_add_bar (DsLoop *loop, const DsSignature *signature, GError **error);

/* The steps a bar of SIGNATURE has at STEPS_PER_QUARTER, or 0 when it holds no
 * whole number of steps per unit. */
guint ds_loop_bar_steps (const DsSignature *signature, guint steps_per_quarter);

/* Adds voice NAME whose onsets export writes as NOTE; returns its index or -1. */
int ds_loop_add_voice (DsLoop *loop, const char *name, guint note, GError **error);

/* Adds an onset to VOICE (step < length).  Two onsets of one voice on one step
 * merge into the louder one; returns FALSE when this one merged. */
gboolean ds_loop_add_onset (DsLoop *loop, guint voice, const DsOnset *onset);

/* Replaces the onsets of voice NAME (added when missing, with its General MIDI
 * note, see ds_drum_map_default_note) with those of PATTERN, whose length must be
 * the loop's.  An onset on a step where the voice played keeps how it was
 * played (its note too); a new onset is marked not played.  Accents come from
 * PATTERN.  The voice then comes from the grid (ds_loop_voice_is_played). */
gboolean ds_loop_set_pattern (DsLoop *loop, const char *name, const DsPattern *pattern,
                              GError **error);

/* Like ds_loop_set_pattern over the steps START .. START + length - 1 only (a
 * bar, say); the voice's onsets elsewhere stay as they are. */
gboolean ds_loop_set_pattern_at (DsLoop *loop, const char *name, guint start,
                                 const DsPattern *pattern, GError **error);
/* Every voice of VOICES, as ds_loop_set_pattern. */
gboolean ds_loop_set_voices (DsLoop *loop, const DsVoices *voices, GError **error);

/* Name (the file's track name, or its base name), tempo in quarter notes per minute. */
const char *ds_loop_name (const DsLoop *loop);
void ds_loop_set_name (DsLoop *loop, const char *name);
double ds_loop_bpm (const DsLoop *loop);
void ds_loop_set_bpm (DsLoop *loop, double bpm);

/* A tempo as text for people: at most two decimals, no trailing zeros ("120",
 * "133.5"); BUF holds 32 bytes. */
const char *ds_loop_format_bpm (char *buf, double bpm);

guint ds_loop_steps_per_quarter (const DsLoop *loop);
guint ds_loop_length (const DsLoop *loop);
guint ds_loop_n_bars (const DsLoop *loop);
const DsLoopBar *ds_loop_bar (const DsLoop *loop, guint bar);
/* The bar that holds STEP. */
guint ds_loop_bar_of_step (const DsLoop *loop, guint step);

guint ds_loop_n_voices (const DsLoop *loop);
const char *ds_loop_voice_name (const DsLoop *loop, guint voice);
guint ds_loop_voice_note (const DsLoop *loop, guint voice);
int ds_loop_find_voice (const DsLoop *loop, const char *name);
/* The onsets of VOICE in step order; *N_ONSETS receives their number. */
const DsOnset *ds_loop_onsets (const DsLoop *loop, guint voice, guint *n_onsets);

/* The file the loop came from (NULL: none, a loop made from patterns). */
const DsMidiSource *ds_loop_source (const DsLoop *loop);
/* Keeps SOURCE (a reference is taken); every voice of the loop is then played. */
void ds_loop_set_source (DsLoop *loop, DsMidiSource *source);

/* Whether VOICE's notes are the file's, as played (export writes them from the
 * source, exactly), rather than written from its grid: an answer, convert's
 * quantised voices, a loop made from patterns. */
gboolean ds_loop_voice_is_played (const DsLoop *loop, guint voice);
/* VOICE comes from its grid from now on. */
void ds_loop_set_voice_from_grid (DsLoop *loop, guint voice);
/* Every voice comes from its grid (convert: the loop quantised). */
void ds_loop_set_from_grid (DsLoop *loop);

/* The channel (1 .. 16) the grid's voices are written on: the loop's drum
 * channel (the first whose notes the voices took), 10 without a file. */
guint ds_loop_drum_channel (const DsLoop *loop);

/* The note a new hit of VOICE is written with on every step (the loop's
 * length of them; free with g_free): the articulation the loop's file plays
 * most often for that voice at the same place in bars of the same meter (open
 * hats on the off-beats), else the voice's main note (ds_loop_voice_note).  A
 * tie goes to the note the file plays there first. */
guint8 *ds_loop_articulations (const DsLoop *loop, guint voice);

/* The mean timing offset of the played onsets on STEP (all voices), else of
 * those at the same place in a quarter note counted from their bar's start,
 * else 0: the groove that export gives onsets that were not played. */
double ds_loop_groove_offset (const DsLoop *loop, guint step);

/* One voice as text, `x` per onset (`X` when accented and ACCENTS), `.` per
 * rest, `|` between bars. */
char *ds_loop_voice_to_string (const DsLoop *loop, guint voice, gboolean accents);

/* The meter text: "4/4", or the bars' signatures joined by "," ("5/4,7/8"). */
char *ds_loop_meter_to_string (const DsLoop *loop);

/* The loop as patterns, one per voice, accents included; fails when the loop
 * is longer than DS_PATTERN_MAX_STEPS (import fewer bars with --bars). */
gboolean ds_loop_get_voices (const DsLoop *loop, DsVoices *voices, GError **error);

/* The loop's bars as a DsMeter (same limit as ds_loop_get_voices). */
DsMeter *ds_loop_get_meter (const DsLoop *loop, GError **error);

/* Notices for the user, one line each, without the program's name.  VERBOSE
 * adds the ones that only a verbose run prints (merged onsets). */
void ds_loop_add_notice (DsLoop *loop, gboolean verbose, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
GPtrArray *ds_loop_notices (const DsLoop *loop, gboolean verbose);

/* Notes of the chosen channels that mapped to no voice: per note number
 * (128 entries), and as a grid like ds_loop_voice_to_string. */
const guint *ds_loop_unmapped_counts (const DsLoop *loop);
void ds_loop_add_unmapped (DsLoop *loop, guint note, guint step);
char *ds_loop_unmapped_to_string (const DsLoop *loop, guint note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLoop, ds_loop_free)

G_END_DECLS
