/* test-mlp-kernels.c: every kernel table that this processor runs (AVX-512,
 * AVX2, the baseline: agents/mlp-kernels.h) against plain sums in double, so
 * that the narrower instruction sets are tested on a wide machine too: layers
 * forward and backward (column blocks and dot columns, consecutive rows and rows
 * picked by index, padding left zero), the PPO loss and the sampling over rows,
 * tanh, transposes, Adam and vector sums. */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "agents/mlp-kernels.h"

/* A layer's shape, its activation, and that of the layer before (for DX). */
typedef struct {
  guint in, out;
  DsActivation act, act_in;
} Shape;

static const Shape shapes[] = {
  { 48, 64, DS_ACT_TANH, DS_ACT_LINEAR },  /* w1's first layer */
  { 64, 64, DS_ACT_TANH, DS_ACT_TANH },    /* its second */
  { 64, 17, DS_ACT_LINEAR, DS_ACT_TANH },  /* the policy: a block and a dot column */
  { 64, 1, DS_ACT_LINEAR, DS_ACT_TANH },   /* the value: a dot column alone */
  { 7, 19, DS_ACT_RELU, DS_ACT_RELU },     /* padded input, 3 dot columns */
  { 33, 9, DS_ACT_TANH, DS_ACT_TANH },     /* a padded block */
  { 20, 33, DS_ACT_RELU, DS_ACT_TANH },    /* two blocks and a dot column */
  { 100, 130, DS_ACT_TANH, DS_ACT_RELU },  /* wider than one tile */
};

static double
act (double x, DsActivation a)
{
  return a == DS_ACT_TANH ? tanh (x) : a == DS_ACT_RELU ? MAX (x, 0.0) : x;
}

/* act' at an activation's output Y */
static double
act_grad (double y, DsActivation a)
{
  return a == DS_ACT_TANH ? 1.0 - y * y : a == DS_ACT_RELU ? (y > 0.0) : 1.0;
}

static void
check_close (const char *what, guint i, double got, double want, double scale)
{
  if (fabs (got - want) > 2e-5 * scale + 1e-7)
    g_error ("%s [%u]: %.9g, want %.9g", what, i, got, want);
}

/* One layer of SHAPE on N rows (row r of X is row ROWS[r] of a larger matrix when
 * ROWS is not NULL) against sums in double. */
static void
check_layer (const DsMlpKernels *k, const Shape *shape, guint n, gboolean by_index, DsRng *rng)
{
  const DsActivation acts[] = { shape->act };
  const guint widths[] = { shape->in, shape->out };
  g_autoptr (DsMlp) mlp = ds_mlp_new (1, widths, acts);
  guint ldi = mlp->ld[0], ldo = mlp->ld[1], big = 3 * n + 5;
  float *x = ds_floats_new ((gsize) big * ldi), *y = ds_floats_new ((gsize) n * ldo);
  float *d = ds_floats_new ((gsize) n * ldo), *dx = ds_floats_new ((gsize) n * ldi);
  float *grads = ds_floats_new (mlp->n_params);
  g_autofree guint *rows = g_new (guint, n);
  DsMlpLayer layer;

  for (gsize p = 0; p < mlp->n_params; p++)
    if (p >= mlp->b_off[0] || (p % ldo < shape->out && p / ldo < shape->in))
      mlp->params[p] = (float) (0.3 * ds_rng_normal (rng));
  for (gsize p = mlp->b_off[0] + shape->out; p < mlp->n_params; p++)
    mlp->params[p] = 0.0f;
  ds_mlp_sync (mlp);
  /* inputs as the previous layer's outputs would be (or anything, after a linear one) */
  for (guint r = 0; r < big; r++)
    for (guint i = 0; i < shape->in; i++)
      x[(gsize) r * ldi + i] = (float) act (ds_rng_normal (rng), shape->act_in);
  for (guint r = 0; r < n; r++)
    {
      rows[r] = by_index ? (guint) ds_rng_below (rng, big) : r;
      for (guint o = 0; o < shape->out; o++)
        d[(gsize) r * ldo + o] = (float) ds_rng_normal (rng);
    }
  ds_mlp_layer (mlp, 0, &layer);
  k->forward (&layer, x, by_index ? rows : NULL, n, y);
  k->backward (&layer, x, by_index ? rows : NULL, n, d, grads + mlp->w_off[0],
               grads + mlp->b_off[0], by_index ? NULL : dx,
               by_index ? DS_ACT_LINEAR : shape->act_in);
  for (guint r = 0; r < n; r++)
    {
      const float *xr = x + (gsize) rows[r] * ldi;

      for (guint o = 0; o < ldo; o++)
        {
          double sum = mlp->params[mlp->b_off[0] + o], scale = 1.0;

          for (guint i = 0; i < shape->in; i++)
            {
              sum += (double) xr[i] * mlp->params[mlp->w_off[0] + (gsize) i * ldo + o];
              scale += fabs ((double) xr[i] * mlp->params[mlp->w_off[0] + (gsize) i * ldo + o]);
            }
          if (o < shape->out)
            check_close ("forward", r * ldo + o, y[(gsize) r * ldo + o], act (sum, shape->act),
                         scale);
          else
            g_assert_cmpfloat (y[(gsize) r * ldo + o], ==, 0.0f);
        }
      for (guint i = 0; i < ldi && !by_index; i++)
        {
          double sum = 0.0, scale = 1.0;

          for (guint o = 0; o < shape->out; o++)
            {
              sum += (double) d[(gsize) r * ldo + o] * mlp->params[mlp->w_off[0] + (gsize) i * ldo + o];
              scale += fabs ((double) d[(gsize) r * ldo + o]);
            }
          sum *= act_grad (xr[i], shape->act_in);
          if (i < shape->in)
            check_close ("input gradient", r * ldi + i, dx[(gsize) r * ldi + i], sum, scale);
          else
            g_assert_cmpfloat (dx[(gsize) r * ldi + i], ==, 0.0f);
        }
    }
  for (guint i = 0; i <= ldi; i++)
    for (guint o = 0; o < ldo; o++)
      {
        /* row ldi stands for the bias */
        float got = i < ldi ? grads[mlp->w_off[0] + (gsize) i * ldo + o] : grads[mlp->b_off[0] + o];
        double sum = 0.0, scale = 1.0;

        if ((i < ldi && i >= shape->in) || o >= shape->out)
          {
            g_assert_cmpfloat (got, ==, 0.0f);
            continue;
          }
        for (guint r = 0; r < n; r++)
          {
            double xi = i < ldi ? x[(gsize) rows[r] * ldi + i] : 1.0;

            sum += xi * d[(gsize) r * ldo + o];
            scale += fabs (xi * d[(gsize) r * ldo + o]);
          }
        check_close (i < ldi ? "weight gradient" : "bias gradient", i * ldo + o, got, sum, scale);
      }
  ds_floats_free (x);
  ds_floats_free (y);
  ds_floats_free (d);
  ds_floats_free (dx);
  ds_floats_free (grads);
}

/* The PPO loss and the sampling of N_ROWS rows of 17 logits, against one row at a
 * time in double. */
static void
check_policy (const DsMlpKernels *k, DsRng *rng)
{
  const guint rows = 37, n = 17, ld = 32;
  const float clip = 0.2f, entropy = 0.01f, scale = 0.25f;
  float *z = ds_floats_new ((gsize) rows * ld), *dz = ds_floats_new ((gsize) rows * ld);
  float old[37], adv[37], u[37], logp[37];
  guint16 actions[37], drawn[37];
  double loss, h_sum, want_h = 0.0, want_loss = 0.0;

  for (guint r = 0; r < rows; r++)
    {
      for (guint i = 0; i < n; i++)
        z[r * ld + i] = (float) (2.0 * ds_rng_normal (rng));
      actions[r] = (guint16) ds_rng_below (rng, n);
      old[r] = (float) (-3.0 + ds_rng_normal (rng));
      adv[r] = (float) ds_rng_normal (rng);
      u[r] = ds_rng_float (rng);
    }
  /* whatever DZ held before, its padding columns come back zero */
  for (guint i = 0; i < rows * ld; i++)
    dz[i] = NAN;
  h_sum = k->policy_loss (z, ld, rows, n, actions, old, adv, clip, entropy, scale, dz, &loss);
  k->policy_sample (z, ld, rows, n, u, drawn, logp);
  for (guint r = 0; r < rows; r++)
    {
      const float *zr = z + r * ld;
      double max = zr[0], sum = 0.0, lp[17], p[17], h = 0.0, c = 0.0;
      double ratio, surr1, surr2, g;
      guint a = actions[r];

      for (guint i = 1; i < n; i++)
        max = MAX (max, zr[i]);
      for (guint i = 0; i < n; i++)
        sum += exp (zr[i] - max);
      for (guint i = 0; i < n; i++)
        {
          lp[i] = zr[i] - max - log (sum);
          p[i] = exp (lp[i]);
          h -= p[i] * lp[i];
        }
      ratio = exp (lp[a] - old[r]);
      surr1 = ratio * adv[r];
      surr2 = CLAMP (ratio, 1.0 - clip, 1.0 + clip) * adv[r];
      g = surr1 <= surr2 ? -ratio * adv[r] : 0.0;
      for (guint i = 0; i < ld; i++)
        if (i < n)
          check_close ("policy gradient", r * ld + i, dz[r * ld + i],
                       scale * (g * ((i == a) - p[i]) + entropy * p[i] * (lp[i] + h)), 1.0);
        else
          g_assert_cmpfloat (dz[r * ld + i], ==, 0.0f);
      want_h += h;
      want_loss += -MIN (surr1, surr2) - entropy * h;
      /* the draw: where the cumulative probability passes u (up to rounding) */
      for (guint i = 0; i < drawn[r]; i++)
        c += p[i];
      g_assert_cmpuint (drawn[r], <, n);
      g_assert_cmpfloat (c, <=, u[r] + 1e-5);
      g_assert_true (drawn[r] == n - 1 || u[r] < c + p[drawn[r]] + 1e-5);
      check_close ("sampled log-probability", r, logp[r], lp[drawn[r]], 1.0);
    }
  check_close ("entropy sum", 0, h_sum, want_h, rows);
  check_close ("loss sum", 0, loss, want_loss, rows * 10.0);
  ds_floats_free (z);
  ds_floats_free (dz);
}

/* tanh, transposes, Adam and the vector sums. */
static void
check_vectors (const DsMlpKernels *k, DsRng *rng)
{
  float x[4001], m[300], v[300], p[300], g[300], want_p[300], a[300], b[300];
  float *mat = ds_floats_new (48 * 64), *t = ds_floats_new (64 * 48);
  double norm = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = -20.0f + 0.01f * (float) i;
  k->tanh (x, G_N_ELEMENTS (x));
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    {
      double want = tanh ((double) (-20.0f + 0.01f * (float) i));

      g_assert_cmpfloat (fabs (x[i] - want), <=, 4e-7 * fabs (want) + 1e-30);
    }
  for (guint i = 0; i < 48 * 64; i++)
    mat[i] = (float) i;
  k->transpose (mat, 48, 64, t);
  for (guint r = 0; r < 48; r++)
    for (guint c = 0; c < 64; c++)
      g_assert_cmpfloat (t[c * 48 + r], ==, mat[r * 64 + c]);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      g[i] = (float) ds_rng_normal (rng);
      m[i] = (float) (0.1 * ds_rng_normal (rng));
      v[i] = (float) fabs (0.1 * ds_rng_normal (rng));
      p[i] = (float) ds_rng_normal (rng);
      a[i] = (float) ds_rng_normal (rng);
      b[i] = (float) ds_rng_normal (rng);
      norm += (double) a[i] * a[i];
      {
        double mi = 0.9 * m[i] + 0.1 * g[i], vi = 0.999 * v[i] + 0.001 * (double) g[i] * g[i];

        want_p[i] = (float) (p[i] - 0.01 * mi / (sqrt (vi) / 0.5 + 1e-5));
      }
    }
  check_close ("norm", 0, k->norm (a, 299), sqrt (norm - (double) a[299] * a[299]), 1.0);
  k->adam (p, g, m, v, 299, 0.01f, 0.5f, 0.9f, 0.999f, 1e-5f);
  for (guint i = 0; i < 299; i++)
    check_close ("adam", i, p[i], want_p[i], 1.0);
  memcpy (x, a, sizeof a);
  k->add (a, b, 299);
  k->scale (b, 299, 0.5f);
  for (guint i = 0; i < 299; i++)
    {
      g_assert_cmpfloat (a[i], ==, x[i] + 2.0f * b[i]);
    }
  ds_floats_free (mat);
  ds_floats_free (t);
}

static void
test_every_instruction_set (void)
{
  guint tested = 0;

  for (guint t = 0; ds_mlp_kernels_tables[t] != NULL; t++)
    {
      const DsMlpKernels *k = ds_mlp_kernels_tables[t];
      DsRng rng;

      if (!ds_mlp_kernels_runs (k))
        {
          g_test_message ("%s kernels: not on this processor", k->name);
          continue;
        }
      g_test_message ("%s kernels", k->name);
      ds_rng_init (&rng, 17 + t);
      for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
        for (guint n = 1; n <= 97; n += 48)
          {
            check_layer (k, &shapes[s], n, FALSE, &rng);
            check_layer (k, &shapes[s], n, TRUE, &rng);
          }
      check_policy (k, &rng);
      check_vectors (k, &rng);
      tested++;
    }
  g_assert_cmpuint (tested, >=, 1);
}

/* DRUMSWARM_KERNELS picks the table, when the processor runs it. */
static void
test_picked_by_environment (void)
{
  const char *wanted = g_getenv ("DRUMSWARM_KERNELS");

  if (wanted == NULL)
    {
      g_assert_true (ds_mlp_kernels_get () == ds_mlp_kernels_tables[0]
                     || !ds_mlp_kernels_runs (ds_mlp_kernels_tables[0]));
      return;
    }
  for (guint t = 0; ds_mlp_kernels_tables[t] != NULL; t++)
    if (strcmp (ds_mlp_kernels_tables[t]->name, wanted) == 0
        && ds_mlp_kernels_runs (ds_mlp_kernels_tables[t]))
      g_assert_cmpstr (ds_mlp_kernels (), ==, wanted);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mlp/kernels/every-instruction-set-matches-double", test_every_instruction_set);
  g_test_add_func ("/mlp/kernels/picked-by-environment", test_picked_by_environment);
  return g_test_run ();
}
