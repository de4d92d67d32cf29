/* mlp-kernels-body.h: the vector kernels of agents/ (see mlp-kernels.h), compiled
 * once per instruction set by mlp-kernels-avx512.c, -avx2.c and -base.c, each of
 * which defines before including this file:
 *
 *   DS_VW            floats per native vector (16, 8 or 4)
 *   DS_TILE_ACC      accumulators of a tile (rows x column vectors)
 *   DS_TILE_C        column vectors of a tile, at most (2 .. 4)
 *   DS_KERNELS       the name of the table to define, DS_KERNELS_NAME its string
 *
 * The vectors (mlp-kernels-vector.h), the layers (mlp-kernels-layers.h), the
 * softmax rows and the PPO loss (mlp-kernels-rows.h), then the optimiser and
 * the sums over vectors here, and the table.
 */
#include "agents/mlp-kernels-vector.h"
#include "agents/mlp-kernels-layers.h"
#include "agents/mlp-kernels-rows.h"

/* ---- the optimiser and vectors ---- */

static void
adam (float *params, const float *grads, float *m, float *v, gsize n, float step, float root_c2,
      float beta1, float beta2, float eps)
{
  gsize i = 0;

  for (; i + DS_VW <= n; i += DS_VW)
    {
      VF g = LD (grads + i);
      VF mv = beta1 * LD (m + i) + (1.0f - beta1) * g;
      VF vv = beta2 * LD (v + i) + (1.0f - beta2) * g * g;

      ST (params + i, LD (params + i) - step * mv / (v_sqrt (vv) / root_c2 + eps));
      ST (m + i, mv);
      ST (v + i, vv);
    }
  for (; i < n; i++)
    {
      float g = grads[i];

      m[i] = beta1 * m[i] + (1.0f - beta1) * g;
      v[i] = beta2 * v[i] + (1.0f - beta2) * g * g;
      params[i] -= step * m[i] / (__builtin_sqrtf (v[i]) / root_c2 + eps);
    }
}

/* sum x^2 in double: one partial sum per lane, then the lanes in order */
static double
norm (const float *x, gsize n)
{
  VD acc = { 0 };
  double s = 0.0;
  gsize i = 0;

  for (; i + DS_VW <= n; i += DS_VW)
    {
      VD d = __builtin_convertvector (LD (x + i), VD);

      acc += d * d;
    }
  for (int l = 0; l < DS_VW; l++)
    s += acc[l];
  for (; i < n; i++)
    s += (double) x[i] * x[i];
  return sqrt (s);
}

static void
scale (float *x, gsize n, float factor)
{
  gsize i = 0;

  for (; i + DS_VW <= n; i += DS_VW)
    ST (x + i, LD (x + i) * factor);
  for (; i < n; i++)
    x[i] *= factor;
}

static void
add (float *y, const float *x, gsize n)
{
  gsize i = 0;

  for (; i + DS_VW <= n; i += DS_VW)
    ST (y + i, LD (y + i) + LD (x + i));
  for (; i < n; i++)
    y[i] += x[i];
}

const DsMlpKernels DS_KERNELS = {
  .name = DS_KERNELS_NAME,
  .forward = layer_forward,
  .backward = layer_backward,
  .act_grad = act_grad,
  .bias_grad = bias_grad,
  .bias_act = bias_act,
  .tanh = vec_tanh,
  .transpose = transpose_matrix,
  .softmax_row = softmax_row,
  .softmax_sample = softmax_sample,
  .policy_loss = policy_loss,
  .policy_sample = policy_sample,
  .adam = adam,
  .norm = norm,
  .scale = scale,
  .add = add,
};
