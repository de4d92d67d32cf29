/* mlp.h: dense networks (multi-layer perceptrons) with Adam, for the agents.
 *
 * A network is a stack of dense layers y = act(x W + b), W stored row-major as
 * [in x out], evaluated on a whole minibatch at once: a batch is a contiguous
 * row-major matrix, one row per sample, each row padded to a multiple of
 * DS_MLP_LANE floats (64 bytes) so that every kernel works on whole vectors.
 * Padding weights and biases are zero and stay zero (their gradients are zero).
 * All weights, biases, gradients and Adam moments live in flat 64-byte aligned
 * arrays, so the optimiser, gradient-norm clipping and checkpoints see one
 * vector.  Initialisation is orthogonal (Saxe et al. 2014) or scaled uniform,
 * drawn from an explicit DsRng; the optimiser is Adam (Kingma & Ba 2015).
 * Nothing here allocates after ds_mlp_new / ds_mlp_work_new.
 *
 *   net   = ds_mlp_new (n_layers, widths, acts);  ds_mlp_init (net, init, gains, rng)
 *   y     = ds_mlp_forward (net, work, x, n)             (n rows, ld = ds_mlp_ld(width))
 *           ds_mlp_backward (net, work, x, n, dy, grads, dx)   grads += dL/dparams
 *           (_rows: on rows picked from a larger matrix by index)
 *           ds_mlp_sync (net)                 after changing params (refreshes W^T)
 *           ds_adam_step / ds_vec_norm / ds_vec_scale on net->params, grads
 *   probs   ds_softmax, ds_log_softmax, ds_softmax_entropy
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "src/base/rng.h"

G_BEGIN_DECLS

#define DS_MLP_MAX_LAYERS 6
#define DS_MLP_LANE 16
#define DS_MLP_BLOCK 64 /* rows that pass every layer before the next rows do */

typedef enum {
  DS_ACT_LINEAR,
  DS_ACT_TANH,
  DS_ACT_RELU,
} DsActivation;

typedef enum {
  DS_INIT_ORTHOGONAL, /* orthogonal rows/columns times the layer's gain */
  DS_INIT_SCALED,     /* uniform in +-gain * sqrt(3 / fan_in) */
} DsInit;

typedef struct {
  guint n_layers;
  guint width[DS_MLP_MAX_LAYERS + 1];  /* logical widths, input first */
  guint ld[DS_MLP_MAX_LAYERS + 1];     /* padded widths (row strides) */
  DsActivation act[DS_MLP_MAX_LAYERS];
  gsize w_off[DS_MLP_MAX_LAYERS];      /* layer l's W in params: ld[l] x ld[l+1] */
  gsize b_off[DS_MLP_MAX_LAYERS];      /* layer l's b in params: ld[l+1] */
  gsize n_params;                      /* floats in params (padding included) */
  float *params;
  float *wt;                           /* each W transposed, for backward (ds_mlp_sync) */
  gsize wt_off[DS_MLP_MAX_LAYERS];
} DsMlp;

/* Activations and deltas of one minibatch of up to max_rows rows. */
typedef struct {
  guint max_rows;
  float *act[DS_MLP_MAX_LAYERS + 1];   /* act[l + 1]: output of layer l */
  float *delta[2];                     /* scratch for backward */
  gboolean blas;                       /* products by OpenBLAS sgemm (when built with it) */
} DsMlpWork;

/* The padded width of WIDTH floats. */
static inline guint
ds_mlp_ld (guint width)
{
  return (width + DS_MLP_LANE - 1) / DS_MLP_LANE * DS_MLP_LANE;
}

/* 64-byte aligned zeroed floats; free with ds_floats_free. */
float *ds_floats_new (gsize n);
/* The same, or NULL when the memory cannot be had. */
float *ds_floats_try_new (gsize n);
void ds_floats_free (float *p);

/* A network of N_LAYERS layers; WIDTHS has N_LAYERS + 1 entries; weights zero. */
DsMlp *ds_mlp_new (guint n_layers, const guint *widths, const DsActivation *acts);
DsMlp *ds_mlp_copy (const DsMlp *mlp);
/* Copies the weights (and their transposes) of SRC into DST, of the same
 * shape, without allocating. */
void ds_mlp_copy_params (DsMlp *dst, const DsMlp *src);
void ds_mlp_free (DsMlp *mlp);

/* Weights from INIT with per-layer GAINS (N_LAYERS entries), biases zero. */
void ds_mlp_init (DsMlp *mlp, DsInit init, const float *gains, DsRng *rng);

/* ROWS orthonormal rows of COLS doubles (ROWS <= COLS) into Q, as modified
 * Gram-Schmidt makes them from RNG's normal samples when each row is drawn and
 * then taken off the rows before it one after the other (the orthogonal
 * init's; the same bytes, many times faster for wide layers). */
void ds_mlp_orthonormal_rows (double *q, guint rows, guint cols, DsRng *rng);

/* Refreshes the transposed weights after params changed (of every layer, or of LAYER). */
void ds_mlp_sync (DsMlp *mlp);
void ds_mlp_sync_layer (DsMlp *mlp, guint layer);

/* Whether two networks have the same shape. */
gboolean ds_mlp_same_shape (const DsMlp *a, const DsMlp *b);

/* The multiply-adds per row over the logical widths (padding not counted):
 * *FORWARD of a forward pass, *INPUT_GRADS of the input gradients of every
 * layer but the first (a backward pass's weight gradients take as many as the
 * forward pass). */
void ds_mlp_macs (const DsMlp *mlp, double *forward, double *input_grads);

/* Scratch for minibatches of up to MAX_ROWS rows. */
DsMlpWork *ds_mlp_work_new (const DsMlp *mlp, guint max_rows);
void ds_mlp_work_free (DsMlpWork *work);

/* Forward pass of N rows of X (row stride ld[0]); returns the output (n x ld[n_layers]),
 * owned by WORK and valid until its next use. */
const float *ds_mlp_forward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n);

/* Backward pass after ds_mlp_forward on the same X and N: DY (n x ld[n_layers], the
 * loss gradient w.r.t. the output, padding columns zero) may be overwritten; GRADS
 * (n_params floats) is accumulated; DX (n x ld[0]) receives dL/dx unless NULL. */
void ds_mlp_backward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n,
                      float *dy, float *grads, float *dx);

/* The same on the rows X + ROWS[r] * ld[0] (r < N) of a larger matrix, without
 * copying them (not with WORK->blas). */
const float *ds_mlp_forward_rows (const DsMlp *mlp, DsMlpWork *work, const float *x,
                                  const guint *rows, guint n);
void ds_mlp_backward_rows (const DsMlp *mlp, DsMlpWork *work, const float *x, const guint *rows,
                           guint n, float *dy, float *grads, float *dx);

/* Whether the matrix products can use OpenBLAS (DsMlpWork.blas): loads it (once,
 * on the first call; it is not linked, so that its threads come only into the
 * runs that ask for it) and prepares it for calls from several threads at once.
 * Fails when built without OpenBLAS or when it cannot be loaded. */
gboolean ds_mlp_blas_init (GError **error);

/* Adam on N floats: moments M, V, step count T (1-based, after incrementing). */
void ds_adam_step (float *params, const float *grads, float *m, float *v, gsize n,
                   guint64 t, float lr, float beta1, float beta2, float eps);

/* Euclidean norm (summed in double, in fixed order) and scaling of N floats. */
double ds_vec_norm (const float *x, gsize n);
void ds_vec_scale (float *x, gsize n, float factor);
/* Y += X over N floats. */
void ds_vec_add (float *y, const float *x, gsize n);

/* The kernels that this processor runs: "avx512f", "avx2" or "baseline" (each
 * rounds some sums differently, so processes that must agree to the bit need the same). */
const char *ds_mlp_kernels (void);

#define DS_MLP_MAX_ROW 256

/* Stable softmax, log-softmax (log-sum-exp with the maximum subtracted) and the
 * entropy of softmax(Z) over N <= DS_MLP_MAX_ROW logits; ds_softmax_row gives
 * the log-probabilities and probabilities (either may be NULL) and returns the
 * entropy, in one vectorised pass. */
float ds_softmax_row (const float *z, guint n, float *logp, float *p);
void ds_softmax (const float *z, guint n, float *p);
void ds_log_softmax (const float *z, guint n, float *logp);
float ds_softmax_entropy (const float *z, guint n);
/* An index drawn from softmax (Z / TEMPERATURE) (TEMPERATURE > 0) by U,
 * uniform in [0, 1): the first whose cumulative probability passes U.  One
 * vectorised pass without logarithms, for acting (training samples with
 * ds_policy_sample, which also gives the log-probability). */
guint ds_softmax_sample (const float *z, guint n, float temperature, float u);

/* tanh on N floats (vectorised, relative error < 4e-7). */
void ds_vec_tanh (float *x, gsize n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsMlp, ds_mlp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsMlpWork, ds_mlp_work_free)

G_END_DECLS
