/* mlp-ops.c: what the networks' training needs beside the layers (see mlp.h):
 * Adam, vector norms and sums, and softmax rows, vectorised like the layers. */
#include "autoconfig.h"

#include "agents/mlp.h"
#include "agents/simd.h"

#include <math.h>
#include <string.h>

DS_CLONES void
ds_adam_step (float *params, const float *grads, float *m, float *v, gsize n, guint64 t,
              float lr, float beta1, float beta2, float eps)
{
  double c1 = 1.0 - pow (beta1, (double) t), c2 = 1.0 - pow (beta2, (double) t);
  float step = (float) (lr / c1), root_c2 = (float) sqrt (c2);
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    {
      DsV16 g, mv, vv, p, d;

      memcpy (&g, grads + i, sizeof g);
      memcpy (&mv, m + i, sizeof mv);
      memcpy (&vv, v + i, sizeof vv);
      memcpy (&p, params + i, sizeof p);
      mv = beta1 * mv + (1.0f - beta1) * g;
      vv = beta2 * vv + (1.0f - beta2) * g * g;
      d = vv;
      V_SQRT (d);
      p -= step * mv / (d / root_c2 + eps);
      memcpy (m + i, &mv, sizeof mv);
      memcpy (v + i, &vv, sizeof vv);
      memcpy (params + i, &p, sizeof p);
    }
  for (; i < n; i++)
    {
      float g = grads[i];

      m[i] = beta1 * m[i] + (1.0f - beta1) * g;
      v[i] = beta2 * v[i] + (1.0f - beta2) * g * g;
      params[i] -= step * m[i] / (sqrtf (v[i]) / root_c2 + eps);
    }
}

double
ds_vec_norm (const float *x, gsize n)
{
  double s = 0.0;

  for (gsize i = 0; i < n; i++)
    s += (double) x[i] * x[i];
  return sqrt (s);
}

void
ds_vec_scale (float *x, gsize n, float factor)
{
  for (gsize i = 0; i < n; i++)
    x[i] *= factor;
}

void
ds_vec_add (float *y, const float *x, gsize n)
{
  for (gsize i = 0; i < n; i++)
    y[i] += x[i];
}

DS_CLONES float
ds_softmax_row (const float *z, guint n, float *logp, float *p)
{
  DsV16 buf[DS_MLP_MAX_ROW / 16];
  float *e = (float *) buf, max = z[0], sum = 0.0f, log_sum, h = 0.0f;
  guint nv = (n + 15) / 16;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  for (guint i = 1; i < n; i++)
    max = MAX (max, z[i]);
  for (guint i = 0; i < n; i++)
    e[i] = z[i] - max;
  for (guint i = n; i < nv * 16; i++)
    e[i] = -100.0f;
  for (guint v = 0; v < nv; v++)
    V_EXP (buf[v]);
  for (guint i = 0; i < n; i++)
    sum += e[i];
  /* (z - max) first: subtracting a large log-sum-exp would lose the small digits */
  log_sum = logf (sum);
  for (guint i = 0; i < n; i++)
    {
      float lp = (z[i] - max) - log_sum, pi = e[i] / sum;

      if (logp != NULL)
        logp[i] = lp;
      if (p != NULL)
        p[i] = pi;
      h -= pi * lp;
    }
  return h;
}

DS_CLONES guint
ds_softmax_sample (const float *z, guint n, float temperature, float u)
{
  DsV16 buf[DS_MLP_MAX_ROW / 16], vmax;
  float *e = (float *) buf, max = z[0], inverse = 1.0f / temperature, sum = 0.0f, c = 0.0f;
  float totals[DS_MLP_MAX_ROW / 16];
  guint nv = (n + 15) / 16;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  memcpy (e, z, n * sizeof (float));
  for (guint i = n; i < nv * 16; i++)
    e[i] = z[0];
  vmax = buf[0];
  for (guint v = 1; v < nv; v++)
    {
      DsI16 greater = buf[v] > vmax;

      vmax = (DsV16) (((DsI16) buf[v] & greater) | ((DsI16) vmax & ~greater));
    }
  for (guint k = 0; k < 16; k++)
    max = MAX (max, vmax[k]);
  for (guint v = 0; v < nv; v++)
    {
      buf[v] = (buf[v] - max) * inverse;
      V_EXP (buf[v]);
    }
  for (guint i = n; i < nv * 16; i++) /* the padding draws nothing */
    e[i] = 0.0f;
  for (guint v = 0; v < nv; v++)
    {
      totals[v] = 0.0f;
      for (guint k = 0; k < 16; k++)
        totals[v] += buf[v][k];
      sum += totals[v];
    }
  /* the vector where the cumulative sum passes U, then the step in it */
  u *= sum;
  guint v = 0;

  while (v + 1 < nv && c + totals[v] <= u)
    c += totals[v++];
  for (guint i = v * 16; i < MIN (n, v * 16 + 16); i++)
    {
      c += e[i];
      if (u < c)
        return i;
    }
  return MIN (n, v * 16 + 16) - 1; /* rounding left U just above the sum */
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
