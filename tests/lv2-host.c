/* lv2-host.c: a small LV2 host for the plugin's tests (lv2-host.h). */
#include "autoconfig.h"

#include "tests/lv2-host.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>

/* --- the host ----------------------------------------------------------------------------- */



LV2_URID
map_uri (LV2_URID_Map_Handle handle, const char *uri)
{
  Host *host = handle;

  for (guint i = 0; i < host->uris->len; i++)
    if (strcmp (host->uris->pdata[i], uri) == 0)
      return i + 1;
  g_ptr_array_add (host->uris, g_strdup (uri));
  return host->uris->len;
}

static int G_GNUC_PRINTF (3, 0)
log_vprintf (LV2_Log_Handle handle, LV2_URID type, const char *format, va_list args)
{
  Host *host = handle;

  g_string_append_vprintf (host->logged, format, args);
  return 0;
}

static int G_GNUC_PRINTF (3, 4)
log_printf (LV2_Log_Handle handle, LV2_URID type, const char *format, ...)
{
  va_list args;
  int n;

  va_start (args, format);
  n = log_vprintf (handle, type, format, args);
  va_end (args);
  return n;
}

static LV2_Worker_Status
schedule_work (LV2_Worker_Schedule_Handle handle, uint32_t size, const void *data)
{
  Host *host = handle;
  gboolean was_counting = ds_alloc_counting;

  if (host->refuse_work)
    return LV2_WORKER_ERR_NO_SPACE;
  /* a real host copies into a ring it made beforehand: not the plugin's doing */
  ds_alloc_counting = FALSE;
  g_queue_push_tail (&host->requests, g_bytes_new (data, size));
  ds_alloc_counting = was_counting;
  return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status
respond (LV2_Worker_Respond_Handle handle, uint32_t size, const void *data)
{
  Host *host = handle;

  g_queue_push_tail (&host->responses, g_bytes_new (data, size));
  return LV2_WORKER_SUCCESS;
}

/* Loads the module and instantiates the plugin with FEATURES (NULL: all). */
Host *
host_new_with (gboolean with_map, gboolean with_schedule)
{
  Host *host = g_new0 (Host, 1);
  const char *bundle = g_getenv ("DS_LV2_BUNDLE");
  g_autofree char *module = g_build_filename (bundle, "drumswarm" DS_LV2_MODULE_EXT, NULL);
  g_autofree char *bundle_slash = g_strconcat (bundle, "/", NULL);
  const LV2_Descriptor *(*entry) (uint32_t);
  LV2_Feature map_feature = { LV2_URID__map, &host->map };
  LV2_Feature schedule_feature = { LV2_WORKER__schedule, &host->schedule };
  LV2_Feature log_feature = { LV2_LOG__log, &host->log };
  const LV2_Feature *features[4] = { &log_feature, NULL, NULL, NULL };
  guint n = 1;

  host->module = dlopen (module, RTLD_NOW | RTLD_LOCAL);
  if (host->module == NULL)
    g_error ("%s", dlerror ());
  entry = (const LV2_Descriptor *(*) (uint32_t)) dlsym (host->module, "lv2_descriptor");
  g_assert_nonnull (entry);
  host->descriptor = entry (0);
  g_assert_nonnull (host->descriptor);
  g_assert_cmpstr (host->descriptor->URI, ==, PLUGIN_URI);
  g_assert_null (entry (1));
  host->uris = g_ptr_array_new_with_free_func (g_free);
  host->map = (LV2_URID_Map){ host, map_uri };
  host->schedule = (LV2_Worker_Schedule){ host, schedule_work };
  host->log = (LV2_Log_Log){ host, log_printf, log_vprintf };
  host->logged = g_string_new (NULL);
  if (with_map)
    features[n++] = &map_feature;
  if (with_schedule)
    features[n++] = &schedule_feature;
  host->instance = host->descriptor->instantiate (host->descriptor, RATE, bundle_slash, features);
  host->midi = g_array_new (FALSE, FALSE, sizeof (Midi));
  host->patch_paths = g_ptr_array_new_with_free_func (g_free);
  host->in = g_malloc0 (BUFFER);
  host->out = g_malloc0 (BUFFER);
  lv2_atom_forge_init (&host->forge, &host->map);
  if (host->instance == NULL)
    return host;
  host->worker = host->descriptor->extension_data (LV2_WORKER__interface);
  host->state = host->descriptor->extension_data (LV2_STATE__interface);
  g_assert_nonnull (host->worker);
  g_assert_nonnull (host->state);
  host->controls[P_LOOP] = host->controls[P_COMPLEXITY] = host->controls[P_DENSITY] = 1;
  host->controls[P_INTERPLAY] = host->controls[P_STYLE] = host->controls[P_ANCHORS] = 1;
  host->controls[P_KICK] = host->controls[P_SNARE] = host->controls[P_HAT] = 1;
  host->descriptor->connect_port (host->instance, P_IN, host->in);
  host->descriptor->connect_port (host->instance, P_OUT, host->out);
  for (guint p = P_LOOP; p < N_PORTS; p++)
    host->descriptor->connect_port (host->instance, p, &host->controls[p]);
  host->descriptor->activate (host->instance);
  return host;
}

Host *
host_new (void)
{
  Host *host = host_new_with (TRUE, TRUE);

  g_assert_nonnull (host->instance);
  return host;
}

void
host_free (Host *host)
{
  if (host->instance != NULL)
    {
      host->descriptor->deactivate (host->instance);
      host->descriptor->cleanup (host->instance);
    }
  g_queue_clear_full (&host->requests, (GDestroyNotify) g_bytes_unref);
  g_queue_clear_full (&host->responses, (GDestroyNotify) g_bytes_unref);
  g_ptr_array_unref (host->uris);
  g_string_free (host->logged, TRUE);
  g_array_unref (host->midi);
  g_ptr_array_unref (host->patch_paths);
  g_free (host->in);
  g_free (host->out);
  dlclose (host->module);
  g_free (host);
}


/* The worker thread's turn: every request waiting. */
void
host_work (Host *host)
{
  GBytes *req;

  while ((req = g_queue_pop_head (&host->requests)) != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (req, &size);

      g_assert_cmpint (host->worker->work (host->instance, respond, host, (uint32_t) size, data),
                       ==, LV2_WORKER_SUCCESS);
      g_bytes_unref (req);
    }
}

/* The input sequence of the next cycle. */
void
host_begin_input (Host *host)
{
  lv2_atom_forge_set_buffer (&host->forge, host->in, BUFFER);
  lv2_atom_forge_sequence_head (&host->forge, &host->sequence, 0);
}

void
host_note_on (Host *host, uint32_t offset, uint8_t note, uint8_t velocity)
{
  const uint8_t msg[3] = { 0x99, note, velocity };

  lv2_atom_forge_frame_time (&host->forge, offset);
  lv2_atom_forge_atom (&host->forge, 3, map_uri (host, LV2_MIDI__MidiEvent));
  lv2_atom_forge_write (&host->forge, msg, 3);
}


void
host_position (Host *host, uint32_t offset, const Position *pos)
{
  LV2_Atom_Forge *f = &host->forge;
  LV2_Atom_Forge_Frame frame;

  lv2_atom_forge_frame_time (f, offset);
  lv2_atom_forge_object (f, &frame, 0, map_uri (host, LV2_TIME__Position));
  lv2_atom_forge_key (f, map_uri (host, LV2_TIME__frame));
  lv2_atom_forge_long (f, pos->frame);
  lv2_atom_forge_key (f, map_uri (host, LV2_TIME__speed));
  lv2_atom_forge_float (f, (float) pos->speed);
  if (!pos->no_bbt)
    {
      lv2_atom_forge_key (f, map_uri (host, LV2_TIME__barBeat));
      lv2_atom_forge_float (f, (float) pos->bar_beat);
      lv2_atom_forge_key (f, map_uri (host, LV2_TIME__bar));
      lv2_atom_forge_long (f, pos->bar);
      lv2_atom_forge_key (f, map_uri (host, LV2_TIME__beatUnit));
      lv2_atom_forge_int (f, pos->beat_unit);
      lv2_atom_forge_key (f, map_uri (host, LV2_TIME__beatsPerBar));
      lv2_atom_forge_float (f, (float) pos->beats_per_bar);
      lv2_atom_forge_key (f, map_uri (host, LV2_TIME__beatsPerMinute));
      lv2_atom_forge_float (f, (float) pos->bpm);
    }
  lv2_atom_forge_pop (f, &frame);
}

void
host_patch_set_model (Host *host, const char *path)
{
  LV2_Atom_Forge *f = &host->forge;
  LV2_Atom_Forge_Frame frame;

  lv2_atom_forge_frame_time (f, 0);
  lv2_atom_forge_object (f, &frame, 0, map_uri (host, LV2_PATCH__Set));
  lv2_atom_forge_key (f, map_uri (host, LV2_PATCH__property));
  lv2_atom_forge_urid (f, map_uri (host, MODEL_URI));
  lv2_atom_forge_key (f, map_uri (host, LV2_PATCH__value));
  lv2_atom_forge_path (f, path, (uint32_t) strlen (path));
  lv2_atom_forge_pop (f, &frame);
}

void
host_patch_get (Host *host)
{
  LV2_Atom_Forge *f = &host->forge;
  LV2_Atom_Forge_Frame frame;

  lv2_atom_forge_frame_time (f, 0);
  lv2_atom_forge_object (f, &frame, 0, map_uri (host, LV2_PATCH__Get));
  lv2_atom_forge_pop (f, &frame);
}

static void
read_output (Host *host, uint32_t n_frames)
{
  const LV2_Atom_Sequence *seq = (const LV2_Atom_Sequence *) host->out;
  int64_t last = 0;

  g_assert_cmpuint (seq->atom.type, ==, map_uri (host, LV2_ATOM__Sequence));
  LV2_ATOM_SEQUENCE_FOREACH (seq, ev)
    {
      g_assert_cmpint (ev->time.frames, >=, last);
      g_assert_cmpint (ev->time.frames, <, n_frames);
      last = ev->time.frames;
      if (ev->body.type == map_uri (host, LV2_MIDI__MidiEvent))
        {
          Midi m = { .frame = host->now + ev->time.frames };

          g_assert_cmpuint (ev->body.size, ==, 3);
          memcpy (m.msg, LV2_ATOM_BODY_CONST (&ev->body), 3);
          g_array_append_val (host->midi, m);
        }
      else if (ev->body.type == map_uri (host, LV2_ATOM__Object))
        {
          const LV2_Atom_Object *obj = (const LV2_Atom_Object *) &ev->body;
          const LV2_Atom *property = NULL, *value = NULL;

          g_assert_cmpuint (obj->body.otype, ==, map_uri (host, LV2_PATCH__Set));
          lv2_atom_object_get (obj, map_uri (host, LV2_PATCH__property), &property,
                               map_uri (host, LV2_PATCH__value), &value, 0);
          g_assert_nonnull (property);
          g_assert_cmpuint (((const LV2_Atom_URID *) property)->body, ==,
                            map_uri (host, MODEL_URI));
          g_assert_nonnull (value);
          g_assert_cmpuint (value->type, ==, map_uri (host, LV2_ATOM__Path));
          g_ptr_array_add (host->patch_paths, g_strdup (LV2_ATOM_BODY_CONST (value)));
        }
      else
        g_assert_not_reached ();
    }
}

/* One cycle of N_FRAMES with the input forged since host_begin_input: run()
 * and the worker's responses (counted for allocations, the audio thread's),
 * then the worker's turn. */
void
host_cycle (Host *host, uint32_t n_frames)
{
  GBytes *res;

  ((LV2_Atom_Sequence *) host->out)->atom.size = BUFFER - sizeof (LV2_Atom);
  ((LV2_Atom_Sequence *) host->out)->atom.type = 0;
  ds_alloc_count = 0;
  ds_alloc_counting = TRUE;
  host->descriptor->run (host->instance, n_frames);
  while ((res = g_queue_pop_head (&host->responses)) != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (res, &size);

      host->worker->work_response (host->instance, (uint32_t) size, data);
      ds_alloc_counting = FALSE;
      g_bytes_unref (res);
      ds_alloc_counting = TRUE;
    }
  ds_alloc_counting = FALSE;
  host->run_allocations += ds_alloc_count;
  host->n_runs++;
  read_output (host, n_frames);
  host->now += n_frames;
  host_work (host);
}

float
host_status (Host *host)
{
  return host->controls[P_STATUS];
}

/* --- the state --------------------------------------------------------------------------- */

char *
abstract_path (LV2_State_Map_Path_Handle handle, const char *absolute)
{
  const char *dir = handle;
  gsize n = strlen (dir);

  if (strncmp (absolute, dir, n) == 0 && absolute[n] == '/')
    return strdup (absolute + n + 1);
  return strdup (absolute);
}

char *
absolute_path (LV2_State_Map_Path_Handle handle, const char *abstract)
{
  g_autofree char *path = g_path_is_absolute (abstract)
                              ? g_strdup (abstract)
                              : g_build_filename ((const char *) handle, abstract, NULL);

  return strdup (path);
}


LV2_State_Status
store (LV2_State_Handle handle, uint32_t key, const void *value, size_t size, uint32_t type,
       uint32_t flags)
{
  StateStore *s = handle;

  s->stored = g_strndup (value, size);
  g_assert_cmpuint (strlen (s->stored) + 1, ==, size);
  s->stored_key = key;
  s->stored_type = type;
  s->stored_flags = flags;
  return LV2_STATE_SUCCESS;
}

const void *
retrieve (LV2_State_Handle handle, uint32_t key, size_t *size, uint32_t *type, uint32_t *flags)
{
  StateStore *s = handle;

  if (key != map_uri (s->host, MODEL_URI) || s->value == NULL)
    return NULL;
  *size = strlen (s->value) + 1;
  *type = s->type;
  *flags = LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE;
  return s->value;
}

LV2_State_Status
host_restore (Host *host, const char *dir, const char *value)
{
  LV2_State_Map_Path map_path = { (void *) dir, abstract_path, absolute_path };
  LV2_Feature feature = { LV2_STATE__mapPath, &map_path };
  const LV2_Feature *features[] = { &feature, NULL };
  StateStore s = { .host = host, .value = value, .type = map_uri (host, LV2_ATOM__Path) };

  return host->state->restore (host->instance, retrieve, &s, 0, features);
}
