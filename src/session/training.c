/* training.c: the training loop of `train` and `session` (see training.h). */
#include "autoconfig.h"

#include "src/session/training.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/base/file.h"
#include "src/session/progress.h"

void
ds_training_options_init (DsTrainingOptions *options, const char *label)
{
  *options = (DsTrainingOptions) { .label = label, .processes = 1 };
}

gboolean
ds_training_parse_every (const char *text, guint64 *iterations, double *seconds, GError **error)
{
  static const struct { char suffix; double seconds; } units[] = {
    { 's', 1.0 }, { 'm', 60.0 }, { 'h', 3600.0 },
  };
  char *end = NULL;
  double value;

  *iterations = 0;
  *seconds = 0.0;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end != text && errno == 0 && isfinite (value) && value > 0)
    {
      if (*end == '\0' && value == floor (value) && value <= 1e15)
        {
          *iterations = (guint64) value;
          return TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (end[0] == units[i].suffix && end[1] == '\0')
          {
            *seconds = value * units[i].seconds;
            return TRUE;
          }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--checkpoint-every takes a number of iterations or a time such as 90s, 10m "
               "or 2h (got '%s')", text);
  return FALSE;
}

/* What the guard says if the run is stopped now: which checkpoint is the last
 * (WRITTEN: MODEL's, just written), or NULL without a guard. */
static char *
guard_line (const DsTrainingOptions *o, const DsModel *model, gboolean written)
{
  g_autofree char *who = NULL;

  if (o->guard == NULL || o->model_path == NULL)
    return NULL;
  /* mpirun stops every process with SIGTERM when one of them ends */
  who = o->processes > 1 ? g_strdup_printf ("%s: the run on %u processes stopped (mpirun stops "
                                            "them all when one of them dies)", o->label,
                                            o->processes)
                         : g_strdup_printf ("%s: the run stopped", o->label);
  if (written)
    return g_strdup_printf ("%s; %s holds the last checkpoint, of %" G_GUINT64_FORMAT
                            " episodes (iteration %" G_GUINT64_FORMAT "): 'drumswarm train "
                            "--resume %s -o %s' goes on from it", who, o->model_path,
                            ds_swarm_episodes (model->swarm), ds_swarm_iterations (model->swarm),
                            o->model_path, o->model_path);
  return g_strdup_printf ("%s before the first checkpoint; %s was not written "
                          "(--checkpoint-every writes it on the way)", who, o->model_path);
}

/* Writes the model to its file, the stop guard holding off a stop meanwhile;
 * the guard's line names the new checkpoint before a stop that waited for the
 * writing can print it. */
static gboolean
save (const DsTrainingOptions *o, const DsModel *model, GError **error)
{
  g_autofree char *line = NULL;
  gboolean ok;

  if (o->guard != NULL)
    ds_stop_guard_hold (o->guard);
  ok = ds_model_save (model, o->model_path, error);
  if (ok)
    line = guard_line (o, model, TRUE);
  if (o->guard != NULL)
    ds_stop_guard_release (o->guard, line);
  return ok;
}

static gboolean
checkpoint_due (const DsTrainingOptions *o, const DsModel *model, gint64 *last_time)
{
  gint64 now = g_get_monotonic_time ();

  if (o->model_path == NULL)
    return FALSE;
  if (o->every_iterations > 0 && ds_swarm_iterations (model->swarm) % o->every_iterations == 0)
    {
      *last_time = now;
      return TRUE;
    }
  if (o->every_seconds > 0 && (double) (now - *last_time) * 1e-6 >= o->every_seconds)
    {
      *last_time = now;
      return TRUE;
    }
  return FALSE;
}

static gboolean
iterate (DsModel *model, const DsTrainingOptions *o, FILE *log, DsTrainingResult *result,
         GError **error)
{
  DsProgress progress;
  gint64 last_checkpoint = g_get_monotonic_time ();
  gboolean done;

  ds_progress_begin (&progress, o->label, o->tty, log, result->start, model->options.episodes);
  if (o->guard != NULL)
    {
      g_autofree char *line = guard_line (o, model, FALSE);

      ds_stop_guard_set_line (o->guard, line);
    }
  while (ds_swarm_episodes (model->swarm) < model->options.episodes)
    {
      ds_swarm_iterate (model->swarm, &result->last);
      result->iterations++;
      result->exchanged_bytes += result->last.exchanged_bytes;
      result->exchange_seconds += result->last.exchange_seconds;
      if (o->curve != NULL)
        g_array_append_val (o->curve, result->last.final_score);
      ds_progress_update (&progress, &result->last);
      done = ds_swarm_episodes (model->swarm) >= model->options.episodes;
      /* the last iteration's is the final write */
      if (!done && checkpoint_due (o, model, &last_checkpoint))
        {
          if (!save (o, model, error))
            {
              ds_progress_end (&progress);
              return FALSE;
            }
          result->checkpoints++;
        }
    }
  ds_progress_end (&progress);
  result->seconds = progress.elapsed;
  return TRUE;
}

gboolean
ds_training_run (DsModel *model, const DsTrainingOptions *options, DsTrainingResult *result,
                 GError **error)
{
  FILE *log = NULL;
  gboolean ok;

  *result = (DsTrainingResult) { .start = ds_swarm_episodes (model->swarm) };
  if (!ds_swarm_prepare_training (model->swarm, error))
    {
      g_prefix_error (error, "%s: ", ds_config_name (model->config));
      return FALSE;
    }
  if (options->log_path != NULL && (log = ds_file_open_stream (options->log_path, error)) == NULL)
    return FALSE;
  ok = iterate (model, options, log, result, error);
  if (log != NULL && !ds_file_close_stream (log, options->log_path, ok ? error : NULL))
    ok = FALSE;
  if (ok && options->model_path != NULL)
    ok = save (options, model, error);
  return ok;
}
