/* state.c: the model is the plugin's state (LV2 state extension).
 *
 * The state holds one property, ds:model, the model file as an atom:Path.
 * Through the host's state:mapPath the path is saved in the host's abstract
 * form (relative to the session, when the host copies or links files there)
 * and made absolute again on restore.  No property means no model file: the
 * bundled general model of the meter, or fresh agents for a meter it has none
 * for, learning from the bars they hear (what they learnt is not saved).
 * restore() runs alone (the plugin does not claim state:threadSafeRestore), so
 * it only notes the path, and the next run() schedules the load with the
 * worker.  (A worker:schedule passed to
 * restore() is for plugins that do claim it: jalv 1.6.6 crashes in it
 * otherwise.)
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include <lv2/core/lv2_util.h>

#include "src/lv2/plugin.h"

static LV2_State_Status
save (LV2_Handle instance, LV2_State_Store_Function store, LV2_State_Handle handle,
      uint32_t flags, const LV2_Feature *const *features)
{
  DsLv2Plugin *plugin = instance;
  LV2_State_Map_Path *map_path = NULL;
  LV2_State_Free_Path *free_path = NULL;
  g_autofree char *path = NULL;
  LV2_State_Status status;
  char *abstract;

  lv2_features_query (features, LV2_STATE__mapPath, &map_path, FALSE, LV2_STATE__freePath,
                      &free_path, FALSE, NULL);
  g_mutex_lock (&plugin->path_lock);
  path = g_strdup (plugin->worker_path);
  g_mutex_unlock (&plugin->path_lock);
  if (path == NULL)
    return LV2_STATE_SUCCESS;
  abstract = map_path != NULL ? map_path->abstract_path (map_path->handle, path) : path;
  status = store (handle, plugin->uris.ds_model, abstract, strlen (abstract) + 1,
                  plugin->uris.atom_Path, LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE);
  if (abstract != path)
    {
      if (free_path != NULL)
        free_path->free_path (free_path->handle, abstract);
      else
        free (abstract);
    }
  return status;
}

static LV2_State_Status
restore (LV2_Handle instance, LV2_State_Retrieve_Function retrieve, LV2_State_Handle handle,
         uint32_t flags, const LV2_Feature *const *features)
{
  DsLv2Plugin *plugin = instance;
  LV2_State_Map_Path *map_path = NULL;
  LV2_State_Free_Path *free_path = NULL;
  size_t size = 0;
  uint32_t type = 0, value_flags = 0;
  const char *value = retrieve (handle, plugin->uris.ds_model, &size, &type, &value_flags);
  const char *path = NULL;
  char *mapped = NULL;
  gboolean too_long;

  lv2_features_query (features, LV2_STATE__mapPath, &map_path, FALSE, LV2_STATE__freePath,
                      &free_path, FALSE, NULL);
  if (value != NULL && (type != plugin->uris.atom_Path || size == 0 || value[size - 1] != '\0'))
    return LV2_STATE_ERR_BAD_TYPE;
  /* no model file asked, and none plays: nothing to do */
  if (value == NULL && plugin->responder_learning && !plugin->load_pending
      && !plugin->load_in_flight)
    return LV2_STATE_SUCCESS;
  if (value != NULL && map_path != NULL)
    mapped = map_path->absolute_path (map_path->handle, value);
  path = mapped != NULL ? mapped : value;
  too_long = path != NULL && strlen (path) >= DS_LV2_PATH_MAX;
  if (!too_long)
    g_strlcpy (plugin->pending_path, path != NULL ? path : "", sizeof plugin->pending_path);
  if (mapped != NULL)
    {
      if (free_path != NULL)
        free_path->free_path (free_path->handle, mapped);
      else
        free (mapped);
    }
  if (too_long)
    {
      lv2_log_error (&plugin->logger,
                     "drumswarm.lv2: the model path is longer than %d bytes; the model that "
                     "plays stays\n", DS_LV2_PATH_MAX - 1);
      return LV2_STATE_ERR_UNKNOWN;
    }
  plugin->status = DS_LV2_STATUS_LOADING;
  plugin->load_pending = TRUE;
  return LV2_STATE_SUCCESS;
}

const LV2_State_Interface ds_lv2_state_interface = {
  .save = save,
  .restore = restore,
};
