/* mlp.c: dense layers, batched forward and backward (see mlp.h).
 *
 * The kernels are register-blocked matrix products written with GCC vector
 * extensions: a tile of up to 4 rows x 64 columns stays in 16 vector registers
 * while the inner dimension streams by, bias and activation are applied to the
 * tile before it is stored.  Each kernel is compiled for AVX-512, AVX2 and the
 * baseline (target_clones) and picked at run time.  tanh is our own vectorised
 * version (an expm1 with Cephes' polynomial), so that results are the same on
 * every libm.
 */
#include "autoconfig.h"

#include "agents/mlp.h"
#include "agents/simd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_OPENBLAS
#include <cblas.h>
#endif

float *
ds_floats_new (gsize n)
{
  void *p = NULL;
  gsize bytes = MAX (n, 1) * sizeof (float);

  bytes = (bytes + 63) / 64 * 64;
  if (posix_memalign (&p, 64, bytes) != 0)
    g_error ("out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  memset (p, 0, bytes);
  return p;
}

void
ds_floats_free (float *p)
{
  free (p);
}

/* One tile C[R x 16 NV] = act (bias + sum_k A[r, k] B[k, :]) (or C += ... when
 * ACCUMULATE).  A[r, k] is at a[r * SA + k * SK], so that the same tile serves
 * C = A B (SA = lda, SK = 1) and C += A^T B (SA = 1, SK = lda).  R and NV are
 * constants after inlining, so the accumulators live in registers. */
static inline __attribute__ ((always_inline)) void
gemm_tile (int R, int NV, guint K, const float *a, gsize sa, gsize sk, const float *b,
           gsize ldb, float *c, gsize ldc, const float *bias, DsActivation act,
           gboolean accumulate)
{
  DsV16 acc[4][4];

#pragma GCC unroll 4
  for (int r = 0; r < R; r++)
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++)
      acc[r][v] = accumulate ? VLD (c + r * ldc + 16 * v)
                             : bias != NULL ? VLD (bias + 16 * v) : VZERO;
  for (guint k = 0; k < K; k++)
    {
      DsV16 bv[4];

#pragma GCC unroll 4
      for (int v = 0; v < NV; v++)
        bv[v] = VLD (b + k * ldb + 16 * v);
#pragma GCC unroll 4
      for (int r = 0; r < R; r++)
        {
          float s = a[r * sa + k * sk];

#pragma GCC unroll 4
          for (int v = 0; v < NV; v++)
            acc[r][v] += s * bv[v];
        }
    }
#pragma GCC unroll 4
  for (int r = 0; r < R; r++)
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++)
      {
        V_ACT (acc[r][v], act);
        VST (c + r * ldc + 16 * v, acc[r][v]);
      }
}

#define TILE_ROWS(R, NV)                                                              \
  gemm_tile (R, NV, K, a + m * sa_row, sa, sk, b + n0, ldb, c + m * ldc + n0, ldc,    \
             bias != NULL ? bias + n0 : NULL, act, accumulate)

#define TILE_COLS(NV)                                                                 \
  do                                                                                  \
    {                                                                                 \
      guint m = 0;                                                                    \
      for (; m + 4 <= M; m += 4)                                                      \
        TILE_ROWS (4, NV);                                                            \
      for (; m < M; m++)                                                              \
        TILE_ROWS (1, NV);                                                            \
    }                                                                                 \
  while (0)

/* C[M x N] = act (bias + A B) over K, or C += A B when ACCUMULATE; A[m, k] at
 * a[m * sa_row + k * sk] (sa = sa_row), N a multiple of 16. */
DS_CLONES static void
gemm (guint M, guint N, guint K, const float *a, gsize sa_row, gsize sk, const float *b,
      gsize ldb, float *c, gsize ldc, const float *bias, DsActivation act,
      gboolean accumulate)
{
  gsize sa = sa_row;

  for (guint n0 = 0; n0 < N;)
    {
      guint left = (N - n0) / 16;

      if (left >= 4)
        {
          TILE_COLS (4);
          n0 += 64;
        }
      else if (left == 3)
        {
          TILE_COLS (3);
          n0 += 48;
        }
      else if (left == 2)
        {
          TILE_COLS (2);
          n0 += 32;
        }
      else
        {
          TILE_COLS (1);
          n0 += 16;
        }
    }
}

/* D *= act'(Y) elementwise (Y the layer's output), N x LD floats; column sums of
 * D added to DB. */
DS_CLONES static void
act_backward (DsActivation act, guint n, guint ld, const float *y, float *d, float *db)
{
  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < ld; o += 16)
      {
        DsV16 dv = VLD (d + (gsize) r * ld + o);
        DsV16 yv = VLD (y + (gsize) r * ld + o);

        if (act == DS_ACT_TANH)
          dv *= 1.0f - yv * yv;
        else if (act == DS_ACT_RELU)
          dv = (DsV16) ((DsI16) dv & (yv > 0.0f));
        VST (d + (gsize) r * ld + o, dv);
      }
  for (guint o = 0; o < ld; o += 16)
    {
      DsV16 s = VLD (db + o);

      for (guint r = 0; r < n; r++)
        s += VLD (d + (gsize) r * ld + o);
      VST (db + o, s);
    }
}

/* A layer of one output (a critic's value) by dot products instead of a
 * 16-wide product of which 15 columns are padding: Y[r * LDO] = act (B + X[r] . W)
 * with W the layer's only column (row 0 of W^T); Y's padding columns stay 0. */
DS_CLONES static void
one_forward (guint n, guint ldi, const float *x, const float *w, float b, float *y, guint ldo,
             DsActivation act)
{
  for (guint r = 0; r < n; r++)
    {
      DsV16 acc = VZERO, out = VZERO;
      float sum = b;

      for (guint i = 0; i < ldi; i += 16)
        acc += VLD (x + (gsize) r * ldi + i) * VLD (w + i);
      for (int k = 0; k < 16; k++)
        sum += acc[k];
      out[0] = sum;
      V_ACT (out, act);
      y[(gsize) r * ldo] = out[0];
    }
}

/* Its backward: GW (the column, stride LDO in the gradients) += sum_r D[r] X[r],
 * and DX[r] = D[r] W unless DX is NULL; D[r] at d[r * LDO]. */
DS_CLONES static void
one_backward (guint n, guint ldi, const float *x, const float *w, const float *d, guint ldo,
              float *gw, float *dx)
{
  DsV16 acc[DS_MLP_MAX_ROW / 16 * 4];

  g_assert (ldi / 16 <= G_N_ELEMENTS (acc));
  for (guint c = 0; c < ldi / 16; c++)
    acc[c] = VZERO;
  for (guint r = 0; r < n; r++)
    {
      float s = d[(gsize) r * ldo];

      for (guint c = 0; c < ldi / 16; c++)
        acc[c] += s * VLD (x + (gsize) r * ldi + 16 * c);
      if (dx != NULL)
        for (guint c = 0; c < ldi / 16; c++)
          VST (dx + (gsize) r * ldi + 16 * c, s * VLD (w + 16 * c));
    }
  for (guint i = 0; i < ldi; i++)
    gw[(gsize) i * ldo] += acc[i / 16][i % 16];
}

/* Y = act (Y + bias) over N rows of LD floats (after an sgemm without bias). */
DS_CLONES static G_GNUC_UNUSED void
bias_act (guint n, guint ld, float *y, const float *bias, DsActivation act)
{
  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < ld; o += 16)
      {
        DsV16 v = VLD (y + (gsize) r * ld + o) + VLD (bias + o);

        V_ACT (v, act);
        VST (y + (gsize) r * ld + o, v);
      }
}

DS_CLONES void
ds_vec_tanh (float *x, gsize n)
{
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    {
      DsV16 v;

      memcpy (&v, x + i, sizeof v);
      V_TANH (v);
      memcpy (x + i, &v, sizeof v);
    }
  if (i < n)
    {
      DsV16 v = VZERO;

      memcpy (&v, x + i, (n - i) * sizeof (float));
      V_TANH (v);
      memcpy (x + i, &v, (n - i) * sizeof (float));
    }
}

DsMlp *
ds_mlp_new (guint n_layers, const guint *widths, const DsActivation *acts)
{
  DsMlp *mlp = g_new0 (DsMlp, 1);
  gsize off = 0, wt_off = 0;

  g_return_val_if_fail (n_layers >= 1 && n_layers <= DS_MLP_MAX_LAYERS, NULL);
  mlp->n_layers = n_layers;
  for (guint l = 0; l <= n_layers; l++)
    {
      mlp->width[l] = widths[l];
      mlp->ld[l] = ds_mlp_ld (widths[l]);
    }
  for (guint l = 0; l < n_layers; l++)
    {
      mlp->act[l] = acts[l];
      mlp->w_off[l] = off;
      off += (gsize) mlp->ld[l] * mlp->ld[l + 1];
      mlp->b_off[l] = off;
      off += mlp->ld[l + 1];
      mlp->wt_off[l] = wt_off;
      wt_off += (gsize) mlp->ld[l] * mlp->ld[l + 1];
    }
  mlp->n_params = off;
  mlp->params = ds_floats_new (off);
  mlp->wt = ds_floats_new (wt_off);
  return mlp;
}

DsMlp *
ds_mlp_copy (const DsMlp *mlp)
{
  DsMlp *copy = ds_mlp_new (mlp->n_layers, mlp->width, mlp->act);

  memcpy (copy->params, mlp->params, mlp->n_params * sizeof (float));
  ds_mlp_sync (copy);
  return copy;
}

void
ds_mlp_copy_params (DsMlp *dst, const DsMlp *src)
{
  g_return_if_fail (dst->n_params == src->n_params);
  memcpy (dst->params, src->params, src->n_params * sizeof (float));
  for (guint l = 0; l < src->n_layers; l++)
    memcpy (dst->wt + dst->wt_off[l], src->wt + src->wt_off[l],
            (gsize) src->ld[l] * src->ld[l + 1] * sizeof (float));
}

void
ds_mlp_free (DsMlp *mlp)
{
  if (mlp == NULL)
    return;
  ds_floats_free (mlp->params);
  ds_floats_free (mlp->wt);
  g_free (mlp);
}

gboolean
ds_mlp_same_shape (const DsMlp *a, const DsMlp *b)
{
  if (a->n_layers != b->n_layers)
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (a->width[l] != b->width[l] || a->width[l + 1] != b->width[l + 1]
        || a->act[l] != b->act[l])
      return FALSE;
  return TRUE;
}

void
ds_mlp_sync_layer (DsMlp *mlp, guint l)
{
  guint in = mlp->ld[l], out = mlp->ld[l + 1];
  const float *w = mlp->params + mlp->w_off[l];
  float *wt = mlp->wt + mlp->wt_off[l];

  for (guint i = 0; i < in; i++)
    for (guint o = 0; o < out; o++)
      wt[(gsize) o * in + i] = w[(gsize) i * out + o];
}

void
ds_mlp_sync (DsMlp *mlp)
{
  for (guint l = 0; l < mlp->n_layers; l++)
    ds_mlp_sync_layer (mlp, l);
}

/* ROWS orthonormal vectors of length COLS (ROWS <= COLS) by modified Gram-Schmidt
 * on normal samples, in double. */
static void
orthonormal_rows (double *q, guint rows, guint cols, DsRng *rng)
{
  for (guint r = 0; r < rows; r++)
    {
      double *v = q + (gsize) r * cols;
      double norm;

      do
        {
          for (guint c = 0; c < cols; c++)
            v[c] = ds_rng_normal (rng);
          for (guint p = 0; p < r; p++)
            {
              const double *u = q + (gsize) p * cols;
              double dot = 0.0;

              for (guint c = 0; c < cols; c++)
                dot += u[c] * v[c];
              for (guint c = 0; c < cols; c++)
                v[c] -= dot * u[c];
            }
          norm = 0.0;
          for (guint c = 0; c < cols; c++)
            norm += v[c] * v[c];
          norm = sqrt (norm);
        }
      while (norm < 1e-6);
      for (guint c = 0; c < cols; c++)
        v[c] /= norm;
    }
}

void
ds_mlp_init (DsMlp *mlp, DsInit init, const float *gains, DsRng *rng)
{
  memset (mlp->params, 0, mlp->n_params * sizeof (float));
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      guint in = mlp->width[l], out = mlp->width[l + 1], ldo = mlp->ld[l + 1];
      float *w = mlp->params + mlp->w_off[l];

      if (init == DS_INIT_ORTHOGONAL)
        {
          guint rows = MIN (in, out), cols = MAX (in, out);
          g_autofree double *q = g_new (double, (gsize) rows * cols);

          orthonormal_rows (q, rows, cols, rng);
          for (guint i = 0; i < in; i++)
            for (guint o = 0; o < out; o++)
              w[(gsize) i * ldo + o] = gains[l] * (float) (out <= in ? q[(gsize) o * cols + i]
                                                                     : q[(gsize) i * cols + o]);
        }
      else
        {
          double bound = gains[l] * sqrt (3.0 / in);

          for (guint i = 0; i < in; i++)
            for (guint o = 0; o < out; o++)
              w[(gsize) i * ldo + o] = (float) ((2.0 * ds_rng_double (rng) - 1.0) * bound);
        }
    }
  ds_mlp_sync (mlp);
}

DsMlpWork *
ds_mlp_work_new (const DsMlp *mlp, guint max_rows)
{
  DsMlpWork *work = g_new0 (DsMlpWork, 1);
  guint widest = 0;

  work->max_rows = max_rows;
  for (guint l = 0; l <= mlp->n_layers; l++)
    widest = MAX (widest, mlp->ld[l]);
  for (guint l = 1; l <= mlp->n_layers; l++)
    work->act[l] = ds_floats_new ((gsize) max_rows * mlp->ld[l]);
  for (guint i = 0; i < 2; i++)
    work->delta[i] = ds_floats_new ((gsize) max_rows * widest);
  return work;
}

void
ds_mlp_work_free (DsMlpWork *work)
{
  if (work == NULL)
    return;
  for (guint l = 0; l <= DS_MLP_MAX_LAYERS; l++)
    ds_floats_free (work->act[l]);
  for (guint i = 0; i < 2; i++)
    ds_floats_free (work->delta[i]);
  g_free (work);
}

const float *
ds_mlp_forward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n)
{
  const float *in = x;

  g_assert (n <= work->max_rows);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      guint ldi = mlp->ld[l], ldo = mlp->ld[l + 1];

#ifdef HAVE_OPENBLAS
      if (work->blas)
        {
          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) ldo, (int) ldi,
                       1.0f, in, (int) ldi, mlp->params + mlp->w_off[l], (int) ldo, 0.0f,
                       work->act[l + 1], (int) ldo);
          bias_act (n, ldo, work->act[l + 1], mlp->params + mlp->b_off[l], mlp->act[l]);
          in = work->act[l + 1];
          continue;
        }
#endif
      if (mlp->width[l + 1] == 1)
        one_forward (n, ldi, in, mlp->wt + mlp->wt_off[l], mlp->params[mlp->b_off[l]],
                     work->act[l + 1], ldo, mlp->act[l]);
      else
        gemm (n, ldo, ldi, in, ldi, 1, mlp->params + mlp->w_off[l], ldo, work->act[l + 1], ldo,
              mlp->params + mlp->b_off[l], mlp->act[l], FALSE);
      in = work->act[l + 1];
    }
  return in;
}

void
ds_mlp_backward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n, float *dy,
                 float *grads, float *dx)
{
  float *d = dy;

  for (guint l = mlp->n_layers; l-- > 0;)
    {
      guint ldi = mlp->ld[l], ldo = mlp->ld[l + 1];
      const float *in = l == 0 ? x : work->act[l];
      float *next;

      act_backward (mlp->act[l], n, ldo, work->act[l + 1], d, grads + mlp->b_off[l]);
      next = l == 0 ? dx : work->delta[d == work->delta[0] ? 1 : 0];
#ifdef HAVE_OPENBLAS
      if (work->blas)
        {
          cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) ldi, (int) ldo, (int) n,
                       1.0f, in, (int) ldi, d, (int) ldo, 1.0f, grads + mlp->w_off[l], (int) ldo);
          if (next != NULL)
            cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n, (int) ldi, (int) ldo,
                         1.0f, d, (int) ldo, mlp->params + mlp->w_off[l], (int) ldo, 0.0f, next,
                         (int) ldi);
          d = next;
          continue;
        }
#endif
      if (mlp->width[l + 1] == 1)
        {
          one_backward (n, ldi, in, mlp->wt + mlp->wt_off[l], d, ldo, grads + mlp->w_off[l],
                        next);
          if (next == NULL)
            break;
          d = next;
          continue;
        }
      /* dW[i, o] += sum_r in[r, i] d[r, o]: A = in^T, i.e. A[i, r] at in[r * ldi + i]. */
      gemm (ldi, ldo, n, in, 1, ldi, d, ldo, grads + mlp->w_off[l], ldo, NULL, DS_ACT_LINEAR,
            TRUE);
      if (next == NULL)
        break;
      gemm (n, ldi, ldo, d, ldo, 1, mlp->wt + mlp->wt_off[l], ldi, next, ldi, NULL,
            DS_ACT_LINEAR, FALSE);
      d = next;
    }
}

gboolean
ds_mlp_blas_init (void)
{
#ifdef HAVE_OPENBLAS
  /* our threads call sgemm side by side: each call single-threaded */
  openblas_set_num_threads (1);
  return TRUE;
#else
  return FALSE;
#endif
}

const char *
ds_mlp_kernels (void)
{
  /* the order of DS_CLONES: the first that the processor runs is the one taken */
  if (__builtin_cpu_supports ("avx512f"))
    return "avx512f";
  if (__builtin_cpu_supports ("avx2"))
    return "avx2";
  return "baseline";
}
