/* test-mlp.c: dense layers, gradients by finite differences, Adam, softmax. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "agents/mlp.h"

/* A random linear functional of the output, L = sum c[r, o] y[r, o], in double. */
static double
functional (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n, const float *c)
{
  const float *y = ds_mlp_forward (mlp, work, x, n);
  guint ld = mlp->ld[mlp->n_layers], out = mlp->width[mlp->n_layers];
  double s = 0.0;

  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < out; o++)
      s += (double) c[r * ld + o] * y[r * ld + o];
  return s;
}

/* Checks every weight, bias and input gradient of a network with activations ACTS
 * against central differences. */
static void
check_gradients (const DsActivation *acts, guint n_layers, const guint *widths, DsInit init,
                 double eps)
{
  const float gains[] = { 1.3f, 1.1f, 0.9f, 1.0f };
  const guint n = 5;
  DsRng rng;
  g_autoptr (DsMlp) mlp = ds_mlp_new (n_layers, widths, acts);
  g_autoptr (DsMlpWork) work = ds_mlp_work_new (mlp, n);
  guint ld_in = mlp->ld[0], ld_out = mlp->ld[n_layers];
  float *x = ds_floats_new ((gsize) n * ld_in), *dx = ds_floats_new ((gsize) n * ld_in);
  float *c = ds_floats_new ((gsize) n * ld_out), *dy = ds_floats_new ((gsize) n * ld_out);
  float *grads = ds_floats_new (mlp->n_params);
  guint checked = 0;

  ds_rng_init (&rng, 42);
  ds_mlp_init (mlp, init, gains, &rng);
  /* biases non-zero too, so that their effect is tested through the activations */
  for (guint l = 0; l < n_layers; l++)
    for (guint o = 0; o < widths[l + 1]; o++)
      mlp->params[mlp->b_off[l] + o] = 0.4f * (float) ds_rng_normal (&rng);
  ds_mlp_sync (mlp);
  for (guint r = 0; r < n; r++)
    {
      for (guint i = 0; i < widths[0]; i++)
        x[r * ld_in + i] = (float) ds_rng_normal (&rng);
      for (guint o = 0; o < widths[n_layers]; o++)
        c[r * ld_out + o] = (float) ds_rng_normal (&rng);
    }
  functional (mlp, work, x, n, c);
  memcpy (dy, c, (gsize) n * ld_out * sizeof (float));
  ds_mlp_backward (mlp, work, x, n, dy, grads, dx);

  for (gsize p = 0; p < mlp->n_params; p++)
    {
      float saved = mlp->params[p];
      double plus, minus, numeric;

      mlp->params[p] = saved + (float) eps;
      ds_mlp_sync (mlp);
      plus = functional (mlp, work, x, n, c);
      mlp->params[p] = saved - (float) eps;
      ds_mlp_sync (mlp);
      minus = functional (mlp, work, x, n, c);
      mlp->params[p] = saved;
      numeric = (plus - minus) / (2 * eps);
      if (fabs (numeric - grads[p]) > 2e-3 + 2e-2 * fabs (numeric))
        g_error ("param %" G_GSIZE_FORMAT ": numeric %g, backward %g", p, numeric, grads[p]);
      checked += grads[p] != 0.0f;
    }
  ds_mlp_sync (mlp);
  for (guint r = 0; r < n; r++)
    for (guint i = 0; i < ld_in; i++)
      {
        float saved = x[r * ld_in + i];
        double plus, minus, numeric;

        if (i >= widths[0])
          {
            g_assert_cmpfloat (dx[r * ld_in + i], ==, 0.0f);
            continue;
          }
        x[r * ld_in + i] = saved + (float) eps;
        plus = functional (mlp, work, x, n, c);
        x[r * ld_in + i] = saved - (float) eps;
        minus = functional (mlp, work, x, n, c);
        x[r * ld_in + i] = saved;
        numeric = (plus - minus) / (2 * eps);
        g_assert_cmpfloat (fabs (numeric - dx[r * ld_in + i]), <=, 2e-3 + 2e-2 * fabs (numeric));
      }
  g_assert_cmpuint (checked, >, mlp->n_params / 8);
  ds_floats_free (x);
  ds_floats_free (dx);
  ds_floats_free (c);
  ds_floats_free (dy);
  ds_floats_free (grads);
}

static void
test_gradient_tanh (void)
{
  const DsActivation acts[] = { DS_ACT_TANH, DS_ACT_TANH, DS_ACT_LINEAR };
  const guint widths[] = { 7, 19, 9, 5 };

  check_gradients (acts, 3, widths, DS_INIT_ORTHOGONAL, 1e-2);
}

static void
test_gradient_relu (void)
{
  const DsActivation acts[] = { DS_ACT_RELU, DS_ACT_RELU, DS_ACT_LINEAR };
  const guint widths[] = { 6, 33, 17, 3 };

  /* a small step, so that no pre-activation crosses ReLU's kink */
  check_gradients (acts, 3, widths, DS_INIT_SCALED, 1e-3);
}

static void
test_gradient_output_activations (void)
{
  const DsActivation acts[] = { DS_ACT_TANH, DS_ACT_TANH };
  const guint widths[] = { 48, 64, 17 };

  check_gradients (acts, 2, widths, DS_INIT_ORTHOGONAL, 1e-3);
}

/* A value network: one output, by its own dot-product path. */
static void
test_gradient_one_output (void)
{
  const DsActivation acts[] = { DS_ACT_TANH, DS_ACT_TANH, DS_ACT_LINEAR };
  const guint widths[] = { 20, 64, 33, 1 };

  check_gradients (acts, 3, widths, DS_INIT_ORTHOGONAL, 1e-2);
}

static void
test_tanh_accuracy (void)
{
  float x[4001], in[4001];

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = -20.0f + 0.01f * (float) i;
  x[2000] = 1e-30f;
  memcpy (in, x, sizeof x);
  ds_vec_tanh (x, G_N_ELEMENTS (x));
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    {
      double t = tanh ((double) in[i]);

      g_assert_cmpfloat (fabs (x[i] - t), <=, 2.5e-7 * fabs (t) + 1e-30);
    }
}

static void
test_orthogonal_init (void)
{
  const DsActivation acts[] = { DS_ACT_TANH, DS_ACT_LINEAR };
  const guint widths[] = { 48, 64, 17 };
  const float gains[] = { 1.0f, 2.0f };
  g_autoptr (DsMlp) mlp = ds_mlp_new (2, widths, acts);
  DsRng rng;

  ds_rng_init (&rng, 7);
  ds_mlp_init (mlp, DS_INIT_ORTHOGONAL, gains, &rng);
  /* layer 0: 48 x 64, so its 48 rows are orthonormal; layer 1: 64 x 17, its 17 columns */
  for (guint a = 0; a < 48; a++)
    for (guint b = 0; b < 48; b++)
      {
        double dot = 0.0;

        for (guint o = 0; o < 64; o++)
          dot += (double) mlp->params[mlp->w_off[0] + a * 64 + o] *
                 mlp->params[mlp->w_off[0] + b * 64 + o];
        g_assert_cmpfloat (fabs (dot - (a == b)), <, 1e-5);
      }
  for (guint a = 0; a < 17; a++)
    for (guint b = 0; b < 17; b++)
      {
        double dot = 0.0;

        for (guint i = 0; i < 64; i++)
          dot += (double) mlp->params[mlp->w_off[1] + i * 32 + a] *
                 mlp->params[mlp->w_off[1] + i * 32 + b];
        g_assert_cmpfloat (fabs (dot - 4.0 * (a == b)), <, 1e-4);
      }
  /* padding stays zero */
  for (guint i = 0; i < 64; i++)
    for (guint o = 17; o < 32; o++)
      g_assert_cmpfloat (mlp->params[mlp->w_off[1] + i * 32 + o], ==, 0.0f);
}

/* Orthonormal rows are those of modified Gram-Schmidt done the plain way, to
 * the bit: each row drawn from the generator's normal samples, then taken off
 * the rows before it one after the other, in double (a model trained from a
 * seed stays the same bytes, however the library orders the arithmetic for
 * speed); the generator left where the plain way leaves it.  Shapes with whole
 * groups of rows and parts of one, and a square one. */
static void
test_orthonormal_rows_as_drawn (void)
{
  static const guint shapes[][2] = { { 48, 100 }, { 40, 64 }, { 33, 33 }, { 7, 17 } };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      guint rows = shapes[s][0], cols = shapes[s][1];
      g_autofree double *q = g_new (double, rows * cols);
      g_autofree double *want = g_new (double, rows * cols);
      DsRng rng, plain;

      ds_rng_init (&rng, 11 + s);
      plain = rng;
      ds_mlp_orthonormal_rows (q, rows, cols, &rng);
      for (guint r = 0; r < rows; r++)
        {
          double *v = want + r * cols, norm = 0.0;

          for (guint c = 0; c < cols; c++)
            v[c] = ds_rng_normal (&plain);
          for (guint p = 0; p < r; p++)
            {
              double dot = 0.0;

              for (guint c = 0; c < cols; c++)
                dot += want[p * cols + c] * v[c];
              for (guint c = 0; c < cols; c++)
                v[c] -= dot * want[p * cols + c];
            }
          for (guint c = 0; c < cols; c++)
            norm += v[c] * v[c];
          norm = sqrt (norm);
          g_assert_cmpfloat (norm, >=, 1e-6);
          for (guint c = 0; c < cols; c++)
            v[c] /= norm;
        }
      g_assert_cmpint (memcmp (q, want, rows * cols * sizeof *q), ==, 0);
      g_assert_cmpuint (ds_rng_next (&rng), ==, ds_rng_next (&plain));
    }
}

static void
test_adam_minimises_quadratic (void)
{
  float p[3] = { 3.0f, -2.0f, 0.5f }, g[3], m[3] = { 0 }, v[3] = { 0 };

  for (guint t = 1; t <= 3000; t++)
    {
      for (guint i = 0; i < 3; i++)
        g[i] = 2.0f * (p[i] - (float) i);
      ds_adam_step (p, g, m, v, 3, t, 0.01f, 0.9f, 0.999f, 1e-8f);
    }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (fabs (p[i] - (float) i), <, 1e-2);
}

static void
test_softmax_stable (void)
{
  const float z[4] = { 1000.0f, 999.0f, -1000.0f, 1000.0f };
  float p[4], logp[4];
  double sum = 0.0, h = 0.0;

  ds_softmax (z, 4, p);
  ds_log_softmax (z, 4, logp);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (isfinite (p[i]) && isfinite (logp[i]));
      g_assert_cmpfloat (fabs (expf (logp[i]) - p[i]), <, 1e-6);
      sum += p[i];
      if (p[i] > 0)
        h -= p[i] * log (p[i]);
    }
  g_assert_cmpfloat (fabs (sum - 1.0), <, 1e-6);
  g_assert_cmpfloat (fabs (logp[0] - logp[3]), ==, 0.0);
  g_assert_cmpfloat (fabs (logp[0] - (-log (2.0 + exp (-1.0)))), <, 1e-5);
  g_assert_cmpfloat (fabs (ds_softmax_entropy (z, 4) - h), <, 1e-5);
}

static void
test_norm_and_scale (void)
{
  float x[5] = { 3, 4, 0, 0, 0 };

  g_assert_cmpfloat (ds_vec_norm (x, 5), ==, 5.0);
  ds_vec_scale (x, 5, 0.5f);
  g_assert_cmpfloat (x[1], ==, 2.0f);
}

/* OpenBLAS products (when built with it) give what our kernels give. */
static void
test_blas_matches (void)
{
  const DsActivation acts[] = { DS_ACT_TANH, DS_ACT_RELU, DS_ACT_LINEAR };
  const guint widths[] = { 48, 64, 64, 17 };
  const float gains[] = { 1.4f, 1.4f, 0.5f };
  const guint n = 37;
  g_autoptr (DsMlp) mlp = ds_mlp_new (3, widths, acts);
  g_autoptr (DsMlpWork) own = ds_mlp_work_new (mlp, n), blas = ds_mlp_work_new (mlp, n);
  float *x = ds_floats_new ((gsize) n * 48), *dy1 = ds_floats_new ((gsize) n * 32);
  float *dy2 = ds_floats_new ((gsize) n * 32), *dx1 = ds_floats_new ((gsize) n * 48);
  float *dx2 = ds_floats_new ((gsize) n * 48), *g1 = ds_floats_new (mlp->n_params);
  float *g2 = ds_floats_new (mlp->n_params);
  const float *y1, *y2;
  DsRng rng;

  g_autoptr (GError) error = NULL;

  if (!ds_mlp_blas_init (&error))
    {
      g_test_skip (error->message);
      return;
    }
  blas->blas = TRUE;
  ds_rng_init (&rng, 11);
  ds_mlp_init (mlp, DS_INIT_ORTHOGONAL, gains, &rng);
  for (guint i = 0; i < n * 48; i++)
    x[i] = (float) ds_rng_below (&rng, 2);
  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < 17; o++)
      dy1[r * 32 + o] = dy2[r * 32 + o] = (float) ds_rng_normal (&rng);
  y1 = ds_mlp_forward (mlp, own, x, n);
  y2 = ds_mlp_forward (mlp, blas, x, n);
  for (guint i = 0; i < n * 32; i++)
    g_assert_cmpfloat (fabs (y1[i] - y2[i]), <, 1e-5);
  ds_mlp_backward (mlp, own, x, n, dy1, g1, dx1);
  ds_mlp_backward (mlp, blas, x, n, dy2, g2, dx2);
  for (gsize i = 0; i < mlp->n_params; i++)
    g_assert_cmpfloat (fabs (g1[i] - g2[i]), <, 1e-4 * (1 + fabs (g1[i])));
  for (guint i = 0; i < n * 48; i++)
    g_assert_cmpfloat (fabs (dx1[i] - dx2[i]), <, 1e-5);
  ds_floats_free (x);
  ds_floats_free (dy1);
  ds_floats_free (dy2);
  ds_floats_free (dx1);
  ds_floats_free (dx2);
  ds_floats_free (g1);
  ds_floats_free (g2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mlp/gradient/tanh-layers", test_gradient_tanh);
  g_test_add_func ("/mlp/gradient/relu-layers", test_gradient_relu);
  g_test_add_func ("/mlp/gradient/activation-on-output", test_gradient_output_activations);
  g_test_add_func ("/mlp/gradient/one-output", test_gradient_one_output);
  g_test_add_func ("/mlp/tanh/accurate", test_tanh_accuracy);
  g_test_add_func ("/mlp/init/orthogonal", test_orthogonal_init);
  g_test_add_func ("/mlp/init/orthonormal-rows-as-drawn", test_orthonormal_rows_as_drawn);
  g_test_add_func ("/mlp/adam/minimises-quadratic", test_adam_minimises_quadratic);
  g_test_add_func ("/mlp/softmax/stable-with-large-logits", test_softmax_stable);
  g_test_add_func ("/mlp/vector/norm-and-scale", test_norm_and_scale);
  g_test_add_func ("/mlp/blas/matches-own-kernels", test_blas_matches);
  return g_test_run ();
}
