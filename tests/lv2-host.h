/* lv2-host.h: a small LV2 host for the plugin's tests (test-lv2-plugin.c).
 *
 * It loads the built module with dlopen (as lilv does), maps URIs, keeps the
 * worker's requests and responses in queues and runs them between cycles (as
 * jalv's worker thread would, but in order, so that every run is the same),
 * forges the input sequence of each cycle (MIDI, time:Position, patch
 * messages), reads the output sequence, and restores and saves state through
 * a map-path of its own.  It also interposes malloc and its kin (where glibc
 * and no sanitizer make that sound) to count the allocations made in run()
 * and work_response(): the audio thread's.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "tests/alloc-count.h"

#include <lv2/core/lv2.h>
#include <lv2/log/log.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>
#include <lv2/atom/forge.h>

#define PLUGIN_URI "urn:drumswarm:lv2"
#define MODEL_URI PLUGIN_URI "#model"
#define RATE 48000.0
#define PERIOD 256
#define BUFFER 65536

/* The ports, as drumswarm.ttl numbers them. */
enum { P_IN, P_OUT, P_LOOP, P_COMPLEXITY, P_DENSITY, P_INTERPLAY, P_STYLE, P_ANCHORS,
       P_TEMPERATURE, P_KICK, P_SNARE, P_HAT, P_THRU, P_STATUS, P_LEARNT, N_PORTS };

/* Whether allocations are counted (glibc, no AddressSanitizer). */
#define COUNT_ALLOCATIONS DS_ALLOC_COUNT_WORKS

typedef struct {
  gint64 frame;  /* from the start of the session */
  uint8_t msg[3];
} Midi;

typedef struct {
  void *module;
  const LV2_Descriptor *descriptor;
  LV2_Handle instance;
  const LV2_Worker_Interface *worker;
  const LV2_State_Interface *state;
  GPtrArray *uris;
  LV2_URID_Map map;
  LV2_Worker_Schedule schedule;
  LV2_Log_Log log;
  GString *logged;
  GQueue requests, responses;   /* GBytes */
  gboolean refuse_work;         /* a full ring: schedule_work fails */
  LV2_Atom_Forge forge;
  LV2_Atom_Forge_Frame sequence; /* the input sequence being forged */
  uint8_t *in, *out;            /* atom sequences, 8-byte aligned */
  float controls[N_PORTS];
  gint64 now;                   /* frames since the start */
  GArray *midi;                 /* Midi: everything the plugin sent */
  GPtrArray *patch_paths;       /* char *: the paths of patch:Set ds:model it sent */
  guint64 run_allocations;
  guint n_runs;
} Host;

typedef struct {
  double bar_beat, beats_per_bar, bpm, speed;
  gint64 bar, frame;
  int beat_unit;
  gboolean no_bbt;   /* only frame and speed, as JACK without a timebase master */
} Position;

typedef struct {
  Host *host;
  const char *value;  /* restore: the ds:model value (NULL: none) */
  LV2_URID type;
  char *stored;       /* save: what was stored */
  LV2_URID stored_key, stored_type;
  uint32_t stored_flags;
} StateStore;

/* The URID of URI, as the host maps it (HANDLE: the Host). */
LV2_URID map_uri (LV2_URID_Map_Handle handle, const char *uri);

/* Loads the module and instantiates the plugin, with or without urid:map and
 * worker:schedule (log:log always); activated, its ports connected. */
Host *host_new_with (gboolean with_map, gboolean with_schedule);
/* The same with every feature, and it must instantiate. */
Host *host_new (void);
void host_free (Host *host);

/* The worker thread's turn: every request waiting. */
void host_work (Host *host);

/* The input sequence of the next cycle; then its events, in time order. */
void host_begin_input (Host *host);
void host_note_on (Host *host, uint32_t offset, uint8_t note, uint8_t velocity);
void host_position (Host *host, uint32_t offset, const Position *pos);
void host_patch_set_model (Host *host, const char *path);
void host_patch_get (Host *host);

/* One cycle of N_FRAMES with the input forged since host_begin_input: run()
 * and the worker's responses (counted for allocations, the audio thread's),
 * then the worker's turn. */
void host_cycle (Host *host, uint32_t n_frames);

/* The status port's value. */
float host_status (Host *host);

/* The host's map-path, HANDLE the folder abstract paths are relative to. */
char *abstract_path (LV2_State_Map_Path_Handle handle, const char *absolute);
char *absolute_path (LV2_State_Map_Path_Handle handle, const char *abstract);

/* State store and retrieve functions, HANDLE a StateStore. */
LV2_State_Status store (LV2_State_Handle handle, uint32_t key, const void *value, size_t size,
                        uint32_t type, uint32_t flags);
const void *retrieve (LV2_State_Handle handle, uint32_t key, size_t *size, uint32_t *type,
                      uint32_t *flags);

/* Restores a state whose ds:model is VALUE (NULL: none), abstract paths
 * relative to DIR. */
LV2_State_Status host_restore (Host *host, const char *dir, const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Host, host_free)
