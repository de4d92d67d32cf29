/* mlp-ops.c: what the networks' training needs beside the layers (see mlp.h):
 * Adam, vector norms and sums, and softmax rows, in the kernels of
 * agents/mlp-kernels.h. */
#include "autoconfig.h"

#include "agents/mlp.h"
#include "agents/mlp-kernels.h"

#include <math.h>

void
ds_adam_step (float *params, const float *grads, float *m, float *v, gsize n, guint64 t,
              float lr, float beta1, float beta2, float eps)
{
  double c1 = 1.0 - pow (beta1, (double) t), c2 = 1.0 - pow (beta2, (double) t);

  ds_mlp_kernels_get ()->adam (params, grads, m, v, n, (float) (lr / c1), (float) sqrt (c2),
                               beta1, beta2, eps);
}

double
ds_vec_norm (const float *x, gsize n)
{
  return ds_mlp_kernels_get ()->norm (x, n);
}

void
ds_vec_scale (float *x, gsize n, float factor)
{
  ds_mlp_kernels_get ()->scale (x, n, factor);
}

void
ds_vec_add (float *y, const float *x, gsize n)
{
  ds_mlp_kernels_get ()->add (y, x, n);
}

float
ds_softmax_row (const float *z, guint n, float *logp, float *p)
{
  return ds_mlp_kernels_get ()->softmax_row (z, n, FALSE, logp, p);
}

guint
ds_softmax_sample (const float *z, guint n, float temperature, float u)
{
  return ds_mlp_kernels_get ()->softmax_sample (z, n, temperature, u);
}

void
ds_log_softmax (const float *z, guint n, float *logp)
{
  ds_softmax_row (z, n, logp, NULL);
}

void
ds_softmax (const float *z, guint n, float *p)
{
  ds_softmax_row (z, n, NULL, p);
}

float
ds_softmax_entropy (const float *z, guint n)
{
  return ds_softmax_row (z, n, NULL, NULL);
}
