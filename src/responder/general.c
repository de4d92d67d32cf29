/* general.c: the bundled general model, one swarm per meter (see general.h). */
#include "autoconfig.h"

#include "src/responder/general.h"

#include <stdio.h>
#include <string.h>

#include "src/base/data.h"
#include "src/responder/responder-private.h"

#define PREFIX "general-"
#define SUFFIX ".dsm"

char *
ds_general_file_name (const DsSignature *signature)
{
  return g_strdup_printf (PREFIX "%u-%u" SUFFIX, signature->numerator, signature->denominator);
}

/* "N-D" of a general model's file NAME as "N/D", or NULL for other names. */
static char *
meter_of_name (const char *name)
{
  guint num, den;
  char tail;

  if (!g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX)
      || sscanf (name + strlen (PREFIX), "%u-%u.ds%c", &num, &den, &tail) != 3 || tail != 'm')
    return NULL;
  return g_strdup_printf ("%u/%u", num, den);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char *
ds_general_meters (void)
{
  g_auto (GStrv) dirs = ds_data_dirs ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (dirs[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *meter = meter_of_name (name);

          if (meter != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *meter = meter_of_name (names->pdata[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", meter);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

DsModel *
ds_general_load (const DsSignature *signature, char **path, GError **error)
{
  g_autofree char *name = ds_general_file_name (signature);
  g_autofree char *found = ds_data_find (name, NULL);
  DsModel *model;

  if (found == NULL)
    {
      g_autofree char *meters = ds_general_meters ();
      g_autofree char *text = ds_signature_to_string (signature);
      g_auto (GStrv) dirs = ds_data_dirs ();
      g_autofree char *looked = g_strjoinv (", ", dirs);

      if (meters != NULL)
        g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER,
                     "the general model has no swarm for %s (it has %s)", text, meters);
      else
        g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_METER,
                     "the general model of %s (%s) is not installed (looked in %s; set "
                     "DRUMSWARM_DATADIR to the folder that holds it)", text, name, looked);
      return NULL;
    }
  model = ds_model_load (found, error);
  if (model != NULL && path != NULL)
    *path = g_steal_pointer (&found);
  return model;
}

DsResponder *
ds_general_responder_new (const char *meter, guint steps, char **path, GError **error)
{
  DsSignature signature;
  DsModel *model;

  if (!ds_meter_parse_signature (meter != NULL ? meter : "4/4", &signature, error))
    {
      g_prefix_error (error, "meter '%s': ", meter);
      return NULL;
    }
  model = ds_general_load (&signature, path, error);
  return model != NULL ? ds_responder_new_for_model (model, meter, steps, error) : NULL;
}

gboolean
ds_general_same_mixes (const DsModel *model, const DsModel *general, char **different)
{
  const DsStage *a = model->stage, *g = general->stage;
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < ds_stage_n_agents (a); i++)
    {
      guint v = ds_stage_agent_voice (a, i);
      int gv = ds_stage_find_voice (g, ds_stage_voice_name (a, v));

      gboolean same = gv >= 0 && g_strcmp0 (ds_reward_mix_text (ds_stage_reward (a), v),
                                             ds_reward_mix_text (ds_stage_reward (g), (guint) gv))
                                  == 0;

      /* the style and anchors scales may differ: fine-tunings hold under them */
      for (guint k = 0; same && k < DS_REWARD_N_KINDS; k++)
        same = k == DS_REWARD_KIND_STYLE || k == DS_REWARD_KIND_ANCHORS
               || ds_reward_kind_scale (ds_stage_reward (a), v, (DsRewardKind) k)
                      == ds_reward_kind_scale (ds_stage_reward (g), (guint) gv, (DsRewardKind) k);
      if (!same)
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", ds_stage_voice_name (a, v));
    }
  if (different != NULL)
    *different = out->len > 0 ? g_strdup (out->str) : NULL;
  return out->len == 0;
}

gboolean
ds_general_fits (const DsModel *model, const DsModel *general, GError **error)
{
  const DsStage *a = model->stage, *g = general->stage;
  const DsBar *bar = ds_meter_bar (ds_stage_meter (a), 0);
  const DsBar *gbar = ds_meter_bar (ds_stage_meter (g), 0);
  g_autofree char *voices = ds_stage_voices_text (a, FALSE);
  g_autofree char *gvoices = ds_stage_voices_text (g, FALSE), *different = NULL;

  if (!ds_signature_same_meter (&bar->signature, &gbar->signature)
      || ds_stage_length (a) != ds_stage_length (g) || ds_meter_n_bars (ds_stage_meter (a)) != 1)
    {
      g_autofree char *m = ds_meter_to_string (ds_stage_meter (a));
      g_autofree char *gm = ds_meter_to_string (ds_stage_meter (g));

      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                   "the general model plays a bar of %s in %u steps, this one %s in %u",
                   gm, ds_stage_length (g), m, ds_stage_length (a));
      return FALSE;
    }
  if (strcmp (voices, gvoices) != 0)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                   "the general model's voices are %s, these %s", gvoices, voices);
      return FALSE;
    }
  if (ds_swarm_options (model->swarm)->share_parameters
      || ds_swarm_options (general->swarm)->share_parameters)
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                   "the general model's agents have networks of their own; these share one");
      return FALSE;
    }
  for (guint i = 0; i < ds_stage_n_agents (a); i++)
    {
      guint v = ds_stage_agent_voice (a, i);
      int j = ds_stage_voice_agent (g, v);
      DsAgent *mine, *theirs;

      if (j < 0)
        {
          g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                       "the general model has no agent for the voice %s",
                       ds_stage_voice_name (a, v));
          return FALSE;
        }
      mine = ds_swarm_agent (model->swarm, i);
      theirs = ds_swarm_agent (general->swarm, (guint) j);
      if (!ds_mlp_same_shape (mine->actor, theirs->actor)
          || !ds_mlp_same_shape (mine->critic, theirs->critic))
        {
          g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                       "the %s agent's networks differ in shape from the general model's "
                       "([agent] sizes or the stage's inputs)", ds_stage_voice_name (a, v));
          return FALSE;
        }
    }
  if (!ds_general_same_mixes (model, general, &different))
    {
      g_set_error (error, DS_RESPONDER_ERROR, DS_RESPONDER_ERROR_MODEL,
                   "the mixes of %s are not the general model's (it learnt the default "
                   "mixes, and does not learn others in a fine-tuning)", different);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_general_start (DsModel *model, DsModel *general, GError **error)
{
  const DsStage *a = model->stage, *g = general->stage;

  if (!ds_general_fits (model, general, error))
    return FALSE;
  for (guint i = 0; i < ds_stage_n_agents (a); i++)
    {
      int j = ds_stage_voice_agent (g, ds_stage_agent_voice (a, i));

      ds_agent_copy_params (ds_swarm_agent (model->swarm, i),
                            ds_swarm_agent (general->swarm, (guint) j));
    }
  return TRUE;
}

