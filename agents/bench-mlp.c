/* bench-mlp.c: w1's actor network alone (see bench-mlp.h). */
#include "autoconfig.h"

#include "agents/bench-mlp.h"
#include "agents/mlp.h"

#include <string.h>

#define ROWS 512   /* a gradient task of w1 (agents/swarm-private.h, UPDATE_CHUNK) */
#define PASSES 20  /* forward and backward passes per op */
#define N_LAYERS 3

static const guint widths[N_LAYERS + 1] = { 48, 64, 64, 17 };

typedef struct {
  DsMlp *mlp;
  DsMlpWork *work;
  float *x, *loss_grad, *dy, *grads;
} Bench;

static gpointer
setup (int threads, GError **error)
{
  static const DsActivation acts[N_LAYERS] = { DS_ACT_TANH, DS_ACT_TANH, DS_ACT_LINEAR };
  static const float gains[N_LAYERS] = { 1.41421356f, 1.41421356f, 0.01f };
  Bench *bench = g_new0 (Bench, 1);
  guint ld_in = ds_mlp_ld (widths[0]), ld_out = ds_mlp_ld (widths[N_LAYERS]);
  DsRng rng;

  (void) threads;
  (void) error;
  ds_rng_init (&rng, 1);
  bench->mlp = ds_mlp_new (N_LAYERS, widths, acts);
  ds_mlp_init (bench->mlp, DS_INIT_ORTHOGONAL, gains, &rng);
  bench->work = ds_mlp_work_new (bench->mlp, ROWS);
  bench->x = ds_floats_new ((gsize) ROWS * ld_in);
  bench->loss_grad = ds_floats_new ((gsize) ROWS * ld_out);
  bench->dy = ds_floats_new ((gsize) ROWS * ld_out);
  bench->grads = ds_floats_new (bench->mlp->n_params);
  /* observations of 0s and 1s, as the stage's */
  for (guint r = 0; r < ROWS; r++)
    for (guint i = 0; i < widths[0]; i++)
      bench->x[(gsize) r * ld_in + i] = (float) (ds_rng_below (&rng, 3) == 0);
  /* a loss gradient of the output's size, padding columns zero */
  for (guint r = 0; r < ROWS; r++)
    for (guint j = 0; j < widths[N_LAYERS]; j++)
      bench->loss_grad[(gsize) r * ld_out + j]
          = 1e-3f * ((float) ds_rng_below (&rng, 2001) - 1000.0f);
  return bench;
}

static double
run (gpointer state)
{
  Bench *bench = state;
  guint ld_out = ds_mlp_ld (widths[N_LAYERS]);

  for (guint p = 0; p < PASSES; p++)
    {
      ds_mlp_forward (bench->mlp, bench->work, bench->x, ROWS);
      /* (the backward pass may overwrite its loss gradient) */
      memcpy (bench->dy, bench->loss_grad, (gsize) ROWS * ld_out * sizeof (float));
      ds_mlp_backward (bench->mlp, bench->work, bench->x, ROWS, bench->dy, bench->grads, NULL);
    }
  return (double) ROWS * PASSES;
}

static void
teardown (gpointer state)
{
  Bench *bench = state;

  ds_floats_free (bench->x);
  ds_floats_free (bench->loss_grad);
  ds_floats_free (bench->dy);
  ds_floats_free (bench->grads);
  ds_mlp_work_free (bench->work);
  ds_mlp_free (bench->mlp);
  g_free (bench);
}

/* Per row, two operations per multiply-add: forward, the weight gradients,
 * and the input gradients of every layer but the first (as w1 counts them,
 * agents/bench-swarm.c). */
static double
flops (gpointer state)
{
  Bench *bench = state;
  double forward, input_grads;

  ds_mlp_macs (bench->mlp, &forward, &input_grads);
  return 2.0 * (2.0 * forward + input_grads);
}

const DsBenchWorkload ds_bench_actor_512 = {
  .name = "actor-512",
  .summary = "w1's actor network alone (48-64-64-17, tanh), forward and backward over 512 rows",
  .figure = "rows/s",
  .setup = setup,
  .run = run,
  .teardown = teardown,
  .single_thread = TRUE,
  .flops = flops,
};
