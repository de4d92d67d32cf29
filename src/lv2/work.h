/* work.h: what the audio thread asks of the worker (LV2 worker extension).
 *
 * Everything that allocates or takes time happens in the host's worker
 * thread: loading a model (ds_responder_new), making fresh agents for a meter
 * and letting them learn from the bars the plugin hears (add_bar, learn), and
 * freeing the responders that were replaced.  A ready responder comes back to
 * the audio thread whole, in a work response, and replaces the one that
 * answered between two cycles; the old one goes back to the worker to be
 * freed.  Requests are scheduled only from run(), at most one load and one
 * bar at a time, so that they fit the small rings hosts keep for them (4 KiB
 * in jalv, which does not check that a request fits).
 */
#pragma once

#include <glib.h>
#include <lv2/worker/worker.h>

#include "src/lv2/plugin.h"

/* Asks for a responder on METER (BEATS/UNIT) playing the model PATH ("": no
 * model file, so the bundled general model or fresh agents that learn; NULL:
 * the model that plays now, for a new meter).
 * FALSE when the host's worker took no request. */
gboolean ds_lv2_work_request_load (DsLv2Plugin *plugin, const char *path, int beats, int unit);

/* Asks the worker to learn from a bar the plugin heard in its meter. */
gboolean ds_lv2_work_request_bar (DsLv2Plugin *plugin, const DsHit *hits, guint n_hits);

/* Hands the replaced responders to the worker to be freed. */
void ds_lv2_work_bury (DsLv2Plugin *plugin);

/* The first responder of a new instance, for 4/4: the bundled general model,
 * or fresh agents while there is none (in instantiate(), before any worker
 * runs). */
gboolean ds_lv2_work_start (DsLv2Plugin *plugin, GError **error);

/* Frees what the worker side holds (in cleanup()). */
void ds_lv2_work_stop (DsLv2Plugin *plugin);

/* The worker's side. */
LV2_Worker_Status ds_lv2_work (LV2_Handle instance, LV2_Worker_Respond_Function respond,
                               LV2_Worker_Respond_Handle handle, uint32_t size,
                               const void *data);
LV2_Worker_Status ds_lv2_work_response (LV2_Handle instance, uint32_t size, const void *body);
