/* work.c: models loaded, bars learnt and responders freed in the worker (work.h). */
#include "autoconfig.h"

#include "src/lv2/work.h"

#include <string.h>

/* Episodes the agents without a model file (the general model, or fresh
 * ones) train for each bar they hear: about a second's work on one core,
 * well within a bar at any tempo a drummer plays. */
#define LEARN_EPISODES 2048
/* The seed of fresh agents: the same plugin hearing the same bars learns the same. */
#define LEARN_SEED 1
/* The most hits of a bar sent to learn from (the rest of a very busy bar is not). */
#define LEARN_MAX_HITS 128

typedef enum {
  WORK_LOAD = 1,  /* -> worker: make a responder */
  WORK_BAR,       /* -> worker: learn from a bar */
  WORK_FREE,      /* -> worker: free a responder */
  WORK_INSTALL,   /* <- worker: a responder to play */
  WORK_FAILED,    /* <- worker: the load or the learning did not happen */
} WorkKind;

typedef enum {
  LOAD_PATH = 1,  /* the path given (else: keep the worker's own) */
} LoadFlags;

typedef struct {
  uint32_t kind, flags;
  int32_t beats, unit;
  char path[DS_LV2_PATH_MAX]; /* sent only up to its end */
} LoadRequest;

typedef struct {
  float time;
  uint8_t note, velocity;
} BarHit;

typedef struct {
  uint32_t kind, n_hits;
  int32_t beats, unit;
  BarHit hits[LEARN_MAX_HITS]; /* sent only up to n_hits */
} BarRequest;

typedef struct {
  uint32_t kind;
  DsResponder *responder;
} FreeRequest;

typedef struct {
  uint32_t kind;
  uint32_t from;      /* WORK_LOAD or WORK_BAR: what it answers */
  uint32_t untrained; /* fresh agents (else a model) */
  uint32_t general;   /* the general model, learning (else a model file, or fresh agents) */
  uint32_t learnt;    /* bars the learning agents learnt from */
  int32_t beats, unit;
  DsResponder *responder;
  char path[DS_LV2_PATH_MAX]; /* the model's path ("" for fresh agents), up to its end */
} InstallResponse;

typedef struct {
  uint32_t kind, from;
  int32_t beats, unit; /* the meter asked for */
} FailedResponse;

/* --- the audio thread ------------------------------------------------------------ */

gboolean
ds_lv2_work_request_load (DsLv2Plugin *plugin, const char *path, int beats, int unit)
{
  LoadRequest req = { .kind = WORK_LOAD, .beats = beats, .unit = unit };
  gsize len = 0;

  if (path != NULL)
    {
      req.flags = LOAD_PATH;
      len = strnlen (path, DS_LV2_PATH_MAX - 1);
      memcpy (req.path, path, len);
    }
  req.path[len] = '\0';
  return plugin->schedule->schedule_work (
             plugin->schedule->handle, (uint32_t) (G_STRUCT_OFFSET (LoadRequest, path) + len + 1),
             &req)
         == LV2_WORKER_SUCCESS;
}

gboolean
ds_lv2_work_request_bar (DsLv2Plugin *plugin, const DsHit *hits, guint n_hits)
{
  BarRequest req = {
    .kind = WORK_BAR,
    .beats = plugin->responder_beats,
    .unit = plugin->responder_unit,
    .n_hits = MIN (n_hits, LEARN_MAX_HITS),
  };

  for (guint i = 0; i < req.n_hits; i++)
    req.hits[i] = (BarHit){ (float) hits[i].time, hits[i].note, hits[i].velocity };
  return plugin->schedule->schedule_work (
             plugin->schedule->handle,
             (uint32_t) (G_STRUCT_OFFSET (BarRequest, hits) + req.n_hits * sizeof (BarHit)), &req)
         == LV2_WORKER_SUCCESS;
}

void
ds_lv2_work_bury (DsLv2Plugin *plugin)
{
  while (plugin->n_graveyard > 0)
    {
      FreeRequest req = { WORK_FREE, plugin->graveyard[plugin->n_graveyard - 1] };

      if (plugin->schedule->schedule_work (plugin->schedule->handle, sizeof req, &req)
          != LV2_WORKER_SUCCESS)
        return;
      plugin->n_graveyard--;
    }
}

/* Sets the responder's voices for the toggles (kick, snare, hat), by name. */
static void
map_toggles (DsLv2Plugin *plugin)
{
  static const char *const names[DS_LV2_N_TOGGLES] = { "kick", "snare", "hat" };

  for (guint t = 0; t < DS_LV2_N_TOGGLES; t++)
    {
      int v = ds_responder_find_voice (plugin->responder, names[t]);

      plugin->toggle_voice[t]
          = v >= 0 && ds_responder_voice_is_agent (plugin->responder, (guint) v) ? v : -1;
    }
}

static void
install (DsLv2Plugin *plugin, const InstallResponse *res)
{
  if (plugin->responder != NULL)
    {
      if (plugin->n_graveyard < DS_LV2_GRAVEYARD)
        plugin->graveyard[plugin->n_graveyard++] = plugin->responder;
      /* else the worker is so far behind that one responder is left to leak
       * rather than freed here, in the audio thread. */
    }
  plugin->responder = res->responder;
  plugin->refused_beats = plugin->refused_unit = 0;
  plugin->responder_beats = res->beats;
  plugin->responder_unit = res->unit;
  plugin->responder_untrained = res->untrained != 0;
  plugin->responder_learning = res->untrained != 0 || res->general != 0;
  plugin->learnt = res->learnt;
  plugin->status = res->untrained ? DS_LV2_STATUS_UNTRAINED
                   : res->general ? DS_LV2_STATUS_GENERAL : DS_LV2_STATUS_MODEL;
  ds_lv2_player_set_steps (&plugin->player, ds_responder_steps (res->responder));
  map_toggles (plugin);
  plugin->apply_all = TRUE;
  if (res->from == WORK_LOAD)
    {
      g_strlcpy (plugin->model_path, res->path, sizeof plugin->model_path);
      plugin->notify_model = TRUE;
    }
}

LV2_Worker_Status
ds_lv2_work_response (LV2_Handle instance, uint32_t size, const void *body)
{
  DsLv2Plugin *plugin = instance;
  uint32_t kind, from;

  if (size < 2 * sizeof (uint32_t))
    return LV2_WORKER_ERR_UNKNOWN;
  memcpy (&kind, body, sizeof kind);
  memcpy (&from, (const char *) body + sizeof kind, sizeof from);
  if (kind == WORK_INSTALL && size >= G_STRUCT_OFFSET (InstallResponse, path) + 1)
    {
      InstallResponse res;

      memcpy (&res, body, MIN (size, sizeof res));
      res.path[MIN (size - G_STRUCT_OFFSET (InstallResponse, path), DS_LV2_PATH_MAX - 1)] = '\0';
      install (plugin, &res);
    }
  else if (kind == WORK_FAILED && size >= sizeof (FailedResponse))
    {
      FailedResponse res;

      memcpy (&res, body, sizeof res);
      if (from == WORK_LOAD)
        {
          plugin->refused_beats = res.beats;
          plugin->refused_unit = res.unit;
        }
    }
  else
    return LV2_WORKER_ERR_UNKNOWN;
  if (from == WORK_LOAD)
    {
      plugin->load_in_flight = FALSE;
      if (plugin->status == DS_LV2_STATUS_LOADING)
        plugin->status = plugin->responder_untrained ? DS_LV2_STATUS_UNTRAINED
                         : plugin->responder_learning ? DS_LV2_STATUS_GENERAL
                                                      : DS_LV2_STATUS_MODEL;
    }
  else
    plugin->bar_in_flight = FALSE;
  return LV2_WORKER_SUCCESS;
}

/* --- the worker thread ------------------------------------------------------------- */

static void
log_error (DsLv2Plugin *plugin, const GError *error)
{
  if (plugin->logger.log != NULL)
    lv2_log_error (&plugin->logger, "drumswarm.lv2: %s\n", error->message);
  else
    g_printerr ("drumswarm.lv2: %s\n", error->message);
}

static void
respond_install (LV2_Worker_Respond_Function respond, LV2_Worker_Respond_Handle handle,
                 WorkKind from, DsResponder *responder, gboolean untrained, gboolean general,
                 guint learnt, int beats, int unit, const char *path)
{
  InstallResponse res = {
    .kind = WORK_INSTALL,
    .from = from,
    .untrained = untrained,
    .general = general,
    .learnt = learnt,
    .beats = beats,
    .unit = unit,
    .responder = responder,
  };
  gsize len = path != NULL ? strnlen (path, DS_LV2_PATH_MAX - 1) : 0;

  memcpy (res.path, path != NULL ? path : "", len);
  res.path[len] = '\0';
  respond (handle, (uint32_t) (G_STRUCT_OFFSET (InstallResponse, path) + len + 1), &res);
}

static void
respond_failed (LV2_Worker_Respond_Function respond, LV2_Worker_Respond_Handle handle,
                WorkKind from, int beats, int unit)
{
  FailedResponse res = { WORK_FAILED, from, beats, unit };

  respond (handle, sizeof res, &res);
}

/* A copy of R, or NULL with ERROR set. */
static DsResponder *
copy_responder (const DsResponder *r, GError **error)
{
  DsResponder *copy = ds_responder_copy (r);

  if (copy == NULL)
    g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                 "the learning agents could not be copied to play");
  return copy;
}

/* Without a model file: agents that learn from the bars they hear, those of
 * the bundled general model of the meter (*UNTRAINED FALSE), else, for a meter
 * it has none for, fresh ones (*UNTRAINED TRUE); learning on from the bars of
 * the last ones when the meter is theirs.  A copy of them plays. */
static DsResponder *
modelless_responder (DsLv2Plugin *plugin, const char *meter, int beats, int unit,
                     gboolean *untrained, GError **error)
{
  if (plugin->learner == NULL || plugin->learner_beats != beats || plugin->learner_unit != unit)
    {
      g_autoptr (GError) local = NULL;
      DsResponder *learner = ds_responder_new (NULL, meter, 0, &local);
      gboolean general = learner != NULL;

      if (learner == NULL && !g_error_matches (local, DS_RESPONDER_ERROR,
                                               DS_RESPONDER_ERROR_METER))
        log_error (plugin, local);
      if (learner == NULL)
        learner = ds_responder_new_untrained (meter, 0, NULL, LEARN_SEED, error);
      if (learner == NULL)
        return NULL;
      ds_responder_free (plugin->learner);
      plugin->learner = learner;
      plugin->learner_general = general;
      plugin->learner_beats = beats;
      plugin->learner_unit = unit;
    }
  *untrained = !plugin->learner_general;
  return copy_responder (plugin->learner, error);
}

static void
work_load (DsLv2Plugin *plugin, LV2_Worker_Respond_Function respond,
           LV2_Worker_Respond_Handle handle, const LoadRequest *req)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *meter = g_strdup_printf ("%d/%d", req->beats, req->unit);
  g_autofree char *path = NULL;
  DsResponder *responder;
  gboolean untrained = FALSE;

  if (req->flags & LOAD_PATH)
    path = req->path[0] != '\0' ? g_strdup (req->path) : NULL;
  else
    {
      g_mutex_lock (&plugin->path_lock);
      path = g_strdup (plugin->worker_path);
      g_mutex_unlock (&plugin->path_lock);
    }
  if (path != NULL)
    responder = ds_responder_new (path, meter, 0, &error);
  else
    responder = modelless_responder (plugin, meter, req->beats, req->unit, &untrained, &error);
  if (responder == NULL)
    {
      log_error (plugin, error);
      respond_failed (respond, handle, WORK_LOAD, req->beats, req->unit);
      return;
    }
  g_mutex_lock (&plugin->path_lock);
  g_free (plugin->worker_path);
  plugin->worker_path = g_strdup (path);
  g_mutex_unlock (&plugin->path_lock);
  respond_install (respond, handle, WORK_LOAD, responder, untrained,
                   path == NULL && !untrained,
                   path == NULL ? ds_responder_n_bars (plugin->learner) : 0, req->beats,
                   req->unit, path);
}

static void
work_bar (DsLv2Plugin *plugin, LV2_Worker_Respond_Function respond,
          LV2_Worker_Respond_Handle handle, const BarRequest *req)
{
  g_autoptr (GError) error = NULL;
  DsHit hits[LEARN_MAX_HITS];
  gboolean playing_model;
  DsResponder *copy = NULL;

  g_mutex_lock (&plugin->path_lock);
  playing_model = plugin->worker_path != NULL;
  g_mutex_unlock (&plugin->path_lock);
  /* A model came in since the bar was sent, or the meter changed. */
  if (playing_model || plugin->learner == NULL || plugin->learner_beats != req->beats
      || plugin->learner_unit != req->unit)
    {
      respond_failed (respond, handle, WORK_BAR, req->beats, req->unit);
      return;
    }
  for (guint i = 0; i < req->n_hits; i++)
    hits[i] = (DsHit){ .time = req->hits[i].time,
                       .note = req->hits[i].note,
                       .velocity = req->hits[i].velocity };
  if (!ds_responder_add_bar (plugin->learner, hits, req->n_hits, &error)
      || !ds_responder_learn (plugin->learner, LEARN_EPISODES, &error)
      || (copy = copy_responder (plugin->learner, &error)) == NULL)
    {
      log_error (plugin, error);
      respond_failed (respond, handle, WORK_BAR, req->beats, req->unit);
      return;
    }
  respond_install (respond, handle, WORK_BAR, copy, !plugin->learner_general,
                   plugin->learner_general, ds_responder_n_bars (plugin->learner), req->beats,
                   req->unit, NULL);
}

gboolean
ds_lv2_work_start (DsLv2Plugin *plugin, GError **error)
{
  gboolean untrained;
  DsResponder *responder = modelless_responder (plugin, "4/4", 4, 4, &untrained, error);
  InstallResponse res = {
    .kind = WORK_INSTALL, .from = WORK_LOAD, .untrained = untrained, .general = !untrained,
    .beats = 4, .unit = 4, .responder = responder,
  };

  if (responder == NULL)
    return FALSE;
  install (plugin, &res);
  plugin->notify_model = FALSE;
  return TRUE;
}

void
ds_lv2_work_stop (DsLv2Plugin *plugin)
{
  g_clear_pointer (&plugin->learner, ds_responder_free);
  g_clear_pointer (&plugin->worker_path, g_free);
}

LV2_Worker_Status
ds_lv2_work (LV2_Handle instance, LV2_Worker_Respond_Function respond,
             LV2_Worker_Respond_Handle handle, uint32_t size, const void *data)
{
  DsLv2Plugin *plugin = instance;
  uint32_t kind;

  if (size < sizeof kind)
    return LV2_WORKER_ERR_UNKNOWN;
  memcpy (&kind, data, sizeof kind);
  if (kind == WORK_LOAD && size > G_STRUCT_OFFSET (LoadRequest, path))
    {
      LoadRequest req;

      memcpy (&req, data, MIN (size, sizeof req));
      req.path[MIN (size - G_STRUCT_OFFSET (LoadRequest, path), DS_LV2_PATH_MAX) - 1] = '\0';
      work_load (plugin, respond, handle, &req);
    }
  else if (kind == WORK_BAR && size >= G_STRUCT_OFFSET (BarRequest, hits))
    {
      BarRequest req;

      memcpy (&req, data, MIN (size, sizeof req));
      req.n_hits = MIN (req.n_hits, (size - G_STRUCT_OFFSET (BarRequest, hits)) / sizeof (BarHit));
      work_bar (plugin, respond, handle, &req);
    }
  else if (kind == WORK_FREE && size == sizeof (FreeRequest))
    {
      FreeRequest req;

      memcpy (&req, data, sizeof req);
      ds_responder_free (req.responder);
    }
  else
    return LV2_WORKER_ERR_UNKNOWN;
  return LV2_WORKER_SUCCESS;
}

const LV2_Worker_Interface ds_lv2_worker_interface = {
  .work = ds_lv2_work,
  .work_response = ds_lv2_work_response,
  .end_run = NULL,
};
