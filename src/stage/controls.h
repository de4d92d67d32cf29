/* controls.h: a musician's controls, compiled to reward mix terms.
 *
 * What a drummer asks for in words ("busier hats", "less syncopated snare",
 * "keep the kick", "stay close to my loop", "more like real drummers") as
 * command-line flags, without writing a config file.  Each control rewrites the
 * terms of a voice's mix (the kit's default, src/rhythm/kit.h, or the config's)
 * so that the session trains on what was asked; nothing else knows them:
 *
 *   --density VOICE=D      density-target(D) for VOICE, weight 0.6: its
 *                          density-target and density-ratio terms give way
 *   --syncopation VOICE=S  target(lhl, S) for VOICE (Longuet-Higgins & Lee
 *                          syncopation, normalised), weight 0.6: its lhl
 *                          targets give way
 *   --lock VOICE           VOICE is no agent: it keeps the loop's voice exactly
 *   --like-loop L          0 .. 1: how close the answer stays to the loop.  Every
 *                          target(similarity(loop), T) takes T = 0.75 + 0.25 L
 *                          (0.9 at the default L = 0.6: one or two steps of a
 *                          16-step voice changed; 1 at L = 1: a copy), and the
 *                          answer's polish changes at least
 *                          ds_controls_min_changes (L) cells of each bar
 *                          (2 at the default, 0 at 1, 4 at 0)
 *   --style-weight W       the weight of every style term times W (0: none)
 *   --anchors-weight W     the weight of every anchors term times W (0: none)
 *
 * A term is rewritten in place (its weight kept unless the control sets one);
 * a control that finds no term to rewrite adds one (density and syncopation)
 * or leaves the mix as it is (like-loop, the weights: a mix without such a
 * term has nothing for them to turn).  `drumswarm respond`, which cannot
 * retrain, takes the controls that need no learning: lock (the voice does not
 * play), like-loop (the similarity targets of the mixes its answers are
 * chosen and polished under, and the least changes), style-weight and
 * anchors-weight (the responder's knobs, drumswarm.h).  Density and
 * syncopation targets far from the loop take moves of several steps that the
 * agents must learn.
 */
#pragma once

#include <glib.h>

#include "src/rhythm/voices.h"

G_BEGIN_DECLS

#define DS_CONTROLS_ERROR (ds_controls_error_quark ())
typedef enum {
  DS_CONTROLS_ERROR_VALUE,  /* a value out of range or not a number */
  DS_CONTROLS_ERROR_VOICE,  /* a voice the stage does not have, or named twice */
} DsControlsError;

/* The default of --like-loop, and the weight of the terms the controls add. */
#define DS_CONTROLS_LIKE_LOOP 0.8
#define DS_CONTROLS_TERM_WEIGHT 0.6

typedef struct {
  char name[DS_VOICE_NAME_MAX];
  double density;       /* < 0: not asked */
  double syncopation;   /* < 0: not asked */
  gboolean lock;
} DsControlsVoice;

typedef struct {
  double like_loop;       /* < 0: not given (DS_CONTROLS_LIKE_LOOP) */
  double style_weight;    /* < 0: not given (1) */
  double anchors_weight;  /* < 0: not given (1) */
  guint n_voices;
  DsControlsVoice voices[DS_VOICES_MAX];
} DsControls;

GQuark ds_controls_error_quark (void);

void ds_controls_init (DsControls *controls);

/* Parses one value of --density or --syncopation (OPTION names it in
 * messages): "hat=0.6", or several, "hat=0.6,snare=0.2"; values 0 to 1. */
gboolean ds_controls_parse_density (DsControls *controls, const char *text, GError **error);
gboolean ds_controls_parse_syncopation (DsControls *controls, const char *text,
                                        GError **error);
/* Parses one value of --lock: a voice, or several, "kick,snare". */
gboolean ds_controls_parse_lock (DsControls *controls, const char *text, GError **error);
/* Checks a --like-loop (0 .. 1), --style-weight or --anchors-weight (0 .. 10)
 * value; OPTION names it. */
gboolean ds_controls_check_value (const char *option, double value, double max,
                                  GError **error);

/* Whether any control rewrites mixes (density, syncopation, like-loop, the
 * weights). */
gboolean ds_controls_rewrite_mixes (const DsControls *controls);

/* The controls of voice NAME, or NULL. */
const DsControlsVoice *ds_controls_voice (const DsControls *controls, const char *name);

/* That every voice the controls name is one of NAMES (N of them), else an
 * error naming it and the voices. */
gboolean ds_controls_check_voices (const DsControls *controls, const char *const *names,
                                   guint n, GError **error);

/* MIX, the mix of voice VOICE, with the controls applied (a new string). */
char *ds_controls_apply (const DsControls *controls, const char *voice, const char *mix);

/* The similarity target and the least cells changed a bar for LIKE_LOOP. */
double ds_controls_similarity_target (double like_loop);
guint ds_controls_min_changes (double like_loop);

/* The like-loop in effect (the default when not given). */
double ds_controls_like_loop (const DsControls *controls);


G_END_DECLS
