/* plugin.h: the instance of drumswarm.lv2, shared by its parts.
 *
 * plugin.c is the LV2 face (ports, run()), work.c the worker (models loaded
 * and bars learnt away from the audio thread), state.c the saved model path.
 * Who may touch what: the audio thread (run(), work_response()) owns the
 * responder that answers, the player and the clock; the worker thread owns
 * the learner and the model path (the path under path_lock, since the host
 * may save state from a third thread while the worker loads).
 */
#pragma once

#include <glib.h>
#include <lv2/atom/forge.h>
#include <lv2/core/lv2.h>
#include <lv2/log/logger.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include "src/lv2/clock.h"
#include "src/lv2/player.h"
#include "src/lv2/uris.h"
#include "src/responder/drumswarm.h"

/* The ports, in the order of drumswarm.ttl. */
typedef enum {
  DS_LV2_PORT_IN,
  DS_LV2_PORT_OUT,
  DS_LV2_PORT_LOOP,
  DS_LV2_PORT_COMPLEXITY,
  DS_LV2_PORT_DENSITY,
  DS_LV2_PORT_INTERPLAY,
  DS_LV2_PORT_STYLE,
  DS_LV2_PORT_ANCHORS,
  DS_LV2_PORT_TEMPERATURE,
  DS_LV2_PORT_KICK,
  DS_LV2_PORT_SNARE,
  DS_LV2_PORT_HAT,
  DS_LV2_PORT_THRU,
  DS_LV2_PORT_STATUS,
  DS_LV2_PORT_LEARNT,
  DS_LV2_N_PORTS
} DsLv2Port;

/* The first control input and how many there are. */
#define DS_LV2_FIRST_CONTROL DS_LV2_PORT_LOOP
#define DS_LV2_N_CONTROLS (DS_LV2_PORT_THRU - DS_LV2_PORT_LOOP + 1)
/* The voices with an on/off port, in port order. */
#define DS_LV2_N_TOGGLES 3

/* What the status port says. */
typedef enum {
  DS_LV2_STATUS_UNTRAINED = 0, /* fresh agents, learning from the bars they hear */
  DS_LV2_STATUS_LOADING = 1,   /* a model is being loaded */
  DS_LV2_STATUS_MODEL = 2,     /* playing a model */
  DS_LV2_STATUS_GENERAL = 3,   /* the bundled general model, learning from the bars it hears */
} DsLv2Status;

/* The longest model path the plugin takes (the host's worker rings are small). */
#define DS_LV2_PATH_MAX 1024
/* Responders waiting to be handed to the worker to be freed. */
#define DS_LV2_GRAVEYARD 8

typedef struct {
  LV2_URID_Map *map;
  LV2_Worker_Schedule *schedule;
  LV2_Log_Logger logger;
  DsLv2Uris uris;
  LV2_Atom_Forge forge;
  double sample_rate;

  /* ports */
  const LV2_Atom_Sequence *in;
  LV2_Atom_Sequence *out;
  const float *controls[DS_LV2_N_CONTROLS];
  float *status_port, *learnt_port;

  /* the audio thread's */
  DsResponder *responder;          /* answers; NULL while none fits the meter */
  int responder_beats, responder_unit; /* its meter */
  int refused_beats, refused_unit;     /* a meter no responder could be made for */
  gboolean responder_untrained;   /* fresh agents */
  gboolean responder_learning;    /* learns from the bars heard (fresh agents, general model) */
  int toggle_voice[DS_LV2_N_TOGGLES]; /* the responder's voice for each toggle, or -1 */
  float applied[DS_LV2_N_CONTROLS];   /* the control values the responder has */
  gboolean apply_all;                 /* a new responder: set every control */
  DsLv2Clock clock;
  DsLv2Player player;
  DsLv2Status status;
  guint learnt;
  gboolean load_pending;    /* a model path waits to be scheduled (pending_path) */
  gboolean load_in_flight;  /* the worker is loading */
  gboolean bar_in_flight;   /* the worker is learning from a bar */
  gboolean meter_wanted;    /* a responder for the host's meter must be made */
  gboolean notify_model;    /* tell the host which model plays (patch:Set) */
  gboolean silence_first;   /* deactivated with notes sounding: end them first */
  char pending_path[DS_LV2_PATH_MAX]; /* "" : fresh agents */
  char model_path[DS_LV2_PATH_MAX];   /* the path of the model that plays ("" : none) */
  DsResponder *graveyard[DS_LV2_GRAVEYARD];
  guint n_graveyard;

  /* the worker thread's */
  DsResponder *learner;     /* without a model file: the general model, or fresh agents */
  gboolean learner_general;
  int learner_beats, learner_unit;
  GMutex path_lock;
  char *worker_path;        /* the model the worker loaded last (NULL: none); for save() */
} DsLv2Plugin;

/* The worker's interface (work.c). */
extern const LV2_Worker_Interface ds_lv2_worker_interface;
/* The state interface (state.c). */
extern const LV2_State_Interface ds_lv2_state_interface;
