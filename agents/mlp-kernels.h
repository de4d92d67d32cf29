/* mlp-kernels.h: the vector kernels behind mlp.h, one table per instruction set
 * (private to agents/).
 *
 * Every loop that runs on vectors lives in agents/mlp-kernels-body.h, which is
 * compiled once per instruction set (mlp-kernels-avx512.c, -avx2.c, -base.c),
 * each time with its own vector width and register tiles.  ds_mlp_kernels_get
 * picks the widest table that the processor runs, or the one that the
 * environment variable DRUMSWARM_KERNELS names ("avx512f", "avx2" or
 * "baseline", when the processor runs it), so that tests can exercise the
 * narrower ones on a wide machine.  The tables round some sums differently, so
 * processes that must agree to the bit need the same (ds_mlp_kernels).
 *
 * A layer's output columns are computed in two ways: whole blocks of 16
 * columns by register-blocked products (a tile of rows x column vectors in
 * registers while the inner dimension streams by, bias and activation applied
 * before the tile is stored), and a few columns past the last whole block (a
 * policy's 17th logit, a critic's single value) by dot products, so that no
 * multiply-add is spent on padding.
 */
#pragma once

#include <glib.h>

#include "agents/mlp.h"

G_BEGIN_DECLS

/* At most this many columns past the last block of 16 go by dot products. */
#define DS_MLP_DOT_MAX 4

/* One dense layer as the kernels see it. */
typedef struct {
  guint in, out;        /* logical widths */
  guint ldi, ldo;       /* padded widths: the row strides of input and output */
  guint blocks;         /* whole 16-column blocks by products (padded when dots = 0) */
  guint dots;           /* columns 16 * blocks .. + dots - 1 by dot products */
  const float *w;       /* ldi x ldo, row-major */
  const float *b;       /* ldo */
  const float *wt;      /* ldo x ldi: W transposed */
  DsActivation act;
} DsMlpLayer;

typedef struct {
  const char *name;
  /* Y (n x ldo) = act (X W + b) for X (n x ldi; or row r at x + ROWS[r] * ldi
   * when ROWS is not NULL); Y's padding columns are not written. */
  void (*forward) (const DsMlpLayer *layer, const float *x, const guint *rows, guint n,
                   float *y);
  /* With D (n x ldo) the loss gradient w.r.t. the layer's pre-activations:
   * GW += X^T D, GB += the column sums of D, and unless DX is NULL,
   * DX = (D W^T) * act_in' (X), the gradient w.r.t. the previous layer's
   * pre-activations (X being that layer's output, ACT_IN its activation).  X's
   * rows as for forward (ROWS only with ACT_IN linear). */
  void (*backward) (const DsMlpLayer *layer, const float *x, const guint *rows, guint n,
                    const float *d, float *gw, float *gb, float *dx, DsActivation act_in);
  /* D *= act' (Y) over N rows of LD floats (Y = act (pre-activation)). */
  void (*act_grad) (DsActivation act, guint n, guint ld, const float *y, float *d);
  /* GB += the column sums of D (N rows of LD floats). */
  void (*bias_grad) (guint n, guint ld, const float *d, float *gb);
  /* Y = act (Y + B) over N rows of LD floats. */
  void (*bias_act) (guint n, guint ld, float *y, const float *b, DsActivation act);
  void (*tanh) (float *x, gsize n);
  /* DST (COLS x ROWS) = SRC (ROWS x COLS) transposed; both multiples of 16. */
  void (*transpose) (const float *src, guint rows, guint cols, float *dst);
  /* Softmax of the N logits Z (N <= DS_MLP_MAX_ROW, Z readable to a multiple of
   * 16 floats when PADDED): log-probabilities, probabilities (either NULL);
   * returns the entropy. */
  float (*softmax_row) (const float *z, guint n, gboolean padded, float *logp, float *p);
  guint (*softmax_sample) (const float *z, guint n, float temperature, float u);
  /* The PPO-clip loss of ROWS rows of logits (row r at z + r * LD, LD a multiple
   * of 16, N logits each), a block of rows at a time with a lane per row: DZ
   * (same layout; its padding columns zeroed) gets the gradient times SCALE;
   * returns the sum of the rows' entropies, in row order (see
   * ds_ppo_policy_loss_rows). */
  double (*policy_loss) (const float *z, gsize ld, guint rows, guint n, const guint16 *actions,
                         const float *old_logp, const float *adv, float clip, float entropy,
                         float scale, float *dz, double *loss);
  /* Actions drawn from softmax (Z) for ROWS rows laid out as for policy_loss,
   * by U[r] uniform in [0, 1): the first whose cumulative probability passes it;
   * ACTIONS[r] and its log-probability LOGP[r]. */
  void (*policy_sample) (const float *z, gsize ld, guint rows, guint n, const float *u,
                         guint16 *actions, float *logp);
  void (*adam) (float *params, const float *grads, float *m, float *v, gsize n, float step,
                float root_c2, float beta1, float beta2, float eps);
  double (*norm) (const float *x, gsize n);
  void (*scale) (float *x, gsize n, float factor);
  void (*add) (float *y, const float *x, gsize n);
} DsMlpKernels;

extern const DsMlpKernels ds_mlp_kernels_avx512;
extern const DsMlpKernels ds_mlp_kernels_avx2;
extern const DsMlpKernels ds_mlp_kernels_base;
/* Every table compiled for this architecture, widest first, NULL-terminated. */
extern const DsMlpKernels *const ds_mlp_kernels_tables[];

/* Whether this processor runs TABLE (not every table is compiled for every
 * architecture: AVX-512 and AVX2 only for x86). */
gboolean ds_mlp_kernels_runs (const DsMlpKernels *table);

/* The table this process uses (see above); the same on every call. */
const DsMlpKernels *ds_mlp_kernels_get (void);

/* The layer L of MLP as the kernels see it. */
void ds_mlp_layer (const DsMlp *mlp, guint l, DsMlpLayer *layer);

G_END_DECLS
