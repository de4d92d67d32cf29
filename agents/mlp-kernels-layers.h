/* mlp-kernels-layers.h: the dense layers' kernels (part of
 * agents/mlp-kernels-body.h, compiled once per instruction set).
 *
 * Products: a tile of R rows x C column vectors of accumulators stays in
 * registers while the inner dimension streams by, each step one vector load
 * per column vector and one broadcast per row; bias, activation (forward) or
 * the previous layer's activation derivative (backward) are applied before the
 * tile is stored.  The weight gradient X^T D runs over blocks of rows that stay
 * in the L1 cache, its tile of input features x column vectors loaded from and
 * stored to the gradient once per block, the bias gradient summed in the same
 * pass.  A layer's last few columns go by dot products (mlp-kernels.h).  Each
 * output row's sums run in the same order whichever tile computes it, and every
 * sum over rows runs in row order, so results do not depend on how the rows are
 * split.  Then the table's elementwise kernels of a layer's outputs (activation,
 * its derivative, bias), tanh over an array and the weight transposes.
 */

/* ---- products ---- */

/* A tile of R rows x C column vectors: C = act (init + sum_k A[r, k] B[k, :]) over
 * K, A[r, k] at a[r * lda + k] (or a[rows[r] * lda + k]), B[k, :] at b + k * ldb; init the bias (or 0 when
 * NULL).  With GRAD_Y, the result is multiplied by act' (GRAD_Y) instead
 * (GRAD_Y laid out like C). */
INLINE void
product_tile (const int R, const int C, guint K, const float *a, const guint *rows, gsize lda,
              const float *b, gsize ldb, const float *bias, DsActivation act,
              const float *grad_y, float *c, gsize ldc)
{
  VF acc[DS_TILE_ACC][4];
  const float *ar[DS_TILE_ACC];

#pragma GCC unroll 16
  for (int r = 0; r < R; r++)
    ar[r] = a + (rows != NULL ? rows[r] : (guint) r) * lda;

#pragma GCC unroll 16
  for (int r = 0; r < R; r++)
#pragma GCC unroll 4
    for (int v = 0; v < C; v++)
      acc[r][v] = bias != NULL ? LD (bias + v * DS_VW) : SPLAT (0.0f);
  for (guint k = 0; k < K; k++)
    {
      VF bv[4];

#pragma GCC unroll 4
      for (int v = 0; v < C; v++)
        bv[v] = LD (b + k * ldb + v * DS_VW);
#pragma GCC unroll 16
      for (int r = 0; r < R; r++)
        {
          VF s = SPLAT (ar[r][k]);

#pragma GCC unroll 4
          for (int v = 0; v < C; v++)
            acc[r][v] += s * bv[v];
        }
    }
#pragma GCC unroll 16
  for (int r = 0; r < R; r++)
#pragma GCC unroll 4
    for (int v = 0; v < C; v++)
      {
        VF out = grad_y != NULL ? v_act_grad (acc[r][v], LD (grad_y + r * ldc + v * DS_VW), act)
                                : v_act (acc[r][v], act);

        ST (c + r * ldc + v * DS_VW, out);
      }
}

/* rows of a product tile of C column vectors: DS_TILE_ACC accumulators in all
 * (narrow tiles take more rows, or their broadcasts would outnumber the loads
 * that the multiply-adds can take), but at most 8 (each row's address takes a
 * register, and with more the loop would spend its time reloading them) */
#define TILE_ROWS(C) MIN (DS_TILE_ACC / (C), 8)

/* BLOCK (C) for the blocks of COLS columns (a multiple of DS_VW) from the left,
 * C0 the block's first column and C its column vectors (a constant): as many
 * as DS_TILE_C allows, fewer for the last block. */
#define COLUMN_BLOCKS(cols, BLOCK)                                                          \
  for (guint c0 = 0; c0 < (cols);)                                                          \
    {                                                                                       \
      guint left = MIN (((cols) - c0) / DS_VW, (guint) DS_TILE_C);                          \
                                                                                            \
      if (DS_TILE_C >= 4 && left == 4)                                                      \
        BLOCK (4);                                                                          \
      else if (DS_TILE_C >= 3 && left == 3)                                                 \
        BLOCK (3);                                                                          \
      else if (left == 2)                                                                   \
        BLOCK (2);                                                                          \
      else                                                                                  \
        BLOCK (1);                                                                          \
      c0 += left * DS_VW;                                                                   \
    }

#define PRODUCT_TILE(R, C)                                                                  \
  product_tile (R, C, K, rows != NULL ? a : a + (gsize) m * lda, rows != NULL ? rows + m : NULL, \
                lda, b + c0, ldb, bias != NULL ? bias + c0 : NULL, act,                        \
                grad_y != NULL ? grad_y + (gsize) m * ldc + c0 : NULL, c + (gsize) m * ldc + c0, \
                ldc)

#define PRODUCT_BLOCK(C)                                                                    \
  do                                                                                        \
    {                                                                                       \
      guint m = 0;                                                                          \
      for (; m + TILE_ROWS (C) <= n; m += TILE_ROWS (C))                                    \
        PRODUCT_TILE (TILE_ROWS (C), C);                                                    \
      for (; m < n; m++)                                                                    \
        PRODUCT_TILE (1, C);                                                                \
    }                                                                                       \
  while (0)

/* C[n x cols] = act (bias + A B) over K (or times act' (GRAD_Y)); COLS a multiple
 * of DS_VW: blocks of up to DS_TILE_C column vectors, each over every row.  Row
 * r of A is a + r * lda, or a + ROWS[r] * lda. */
INLINE void
product_rows (guint n, guint cols, guint K, const float *a, const guint *rows, gsize lda,
              const float *b, gsize ldb, const float *bias, DsActivation act,
              const float *grad_y, float *c, gsize ldc)
{
  COLUMN_BLOCKS (cols, PRODUCT_BLOCK);
}

/* (ROWS NULL or not known when compiled, so that the tiles of consecutive rows
 * keep their addresses in a few registers) */
static void
product (guint n, guint cols, guint K, const float *a, const guint *rows, gsize lda,
         const float *b, gsize ldb, const float *bias, DsActivation act, const float *grad_y,
         float *c, gsize ldc)
{
  if (rows != NULL)
    product_rows (n, cols, K, a, rows, lda, b, ldb, bias, act, grad_y, c, ldc);
  else
    product_rows (n, cols, K, a, NULL, lda, b, ldb, bias, act, grad_y, c, ldc);
}

/* GW[i0 .. i0 + R - 1, columns c0 ..] += sum over rows r0 .. r1 - 1 of
 * X[r, i] D[r, :] (C column vectors), and GB (unless NULL) += the rows of D; row
 * r of X at x + r * ldx, or x + rows[r] * ldx. */
INLINE void
weight_tile (const int R, const int C, guint r0, guint r1, const float *x, const guint *rows,
             gsize ldx, const float *d, gsize ldd, float *gw, gsize ldw, float *gb)
{
  VF acc[DS_TILE_ACC][4], accb[4];

#pragma GCC unroll 16
  for (int q = 0; q < R; q++)
#pragma GCC unroll 4
    for (int v = 0; v < C; v++)
      acc[q][v] = LD (gw + q * ldw + v * DS_VW);
#pragma GCC unroll 4
  for (int v = 0; v < C; v++)
    accb[v] = gb != NULL ? LD (gb + v * DS_VW) : SPLAT (0.0f);
  for (guint r = r0; r < r1; r++)
    {
      const float *xr = x + (rows != NULL ? rows[r] : r) * ldx;
      VF dv[4];

#pragma GCC unroll 4
      for (int v = 0; v < C; v++)
        {
          dv[v] = LD (d + r * ldd + v * DS_VW);
          if (gb != NULL)
            accb[v] += dv[v];
        }
#pragma GCC unroll 16
      for (int q = 0; q < R; q++)
        {
          VF s = SPLAT (xr[q]);

#pragma GCC unroll 4
          for (int v = 0; v < C; v++)
            acc[q][v] += s * dv[v];
        }
    }
#pragma GCC unroll 16
  for (int q = 0; q < R; q++)
#pragma GCC unroll 4
    for (int v = 0; v < C; v++)
      ST (gw + q * ldw + v * DS_VW, acc[q][v]);
  if (gb != NULL)
#pragma GCC unroll 4
    for (int v = 0; v < C; v++)
      ST (gb + v * DS_VW, accb[v]);
}

#define WEIGHT_ROWS 64 /* rows of X and D per pass: 2 x 64 rows of 64 floats fit in L1 */

/* input features of a weight tile of C column vectors: a multiple of 4 */
#define WEIGHT_FEATURES(C) ((C) >= 3 ? 4 : DS_TILE_ACC / (C))

#define WEIGHT_TILE(R, C)                                                                   \
  weight_tile (R, C, r0, r1, x + i, rows, ldx, d + c0, ldd, gw + (gsize) i * ldw + c0, ldw,   \
               i == 0 && gb != NULL ? gb + c0 : NULL)

#define WEIGHT_BLOCK(C)                                                                     \
  do                                                                                        \
    {                                                                                       \
      guint i = 0;                                                                          \
      for (; i + WEIGHT_FEATURES (C) <= in4; i += WEIGHT_FEATURES (C))                      \
        WEIGHT_TILE (WEIGHT_FEATURES (C), C);                                               \
      for (; i < in4; i += 4)                                                               \
        WEIGHT_TILE (4, C);                                                                 \
    }                                                                                       \
  while (0)

/* GW[in x cols] += X^T D over N rows and GB (unless NULL) += the column sums of
 * D (COLS a multiple of DS_VW), in passes over blocks of rows.  Every entry is
 * summed in row order. */
INLINE void
weight_grad_rows (guint n, guint in, guint cols, const float *x, const guint *rows, gsize ldx,
                  const float *d, gsize ldd, float *gw, gsize ldw, float *gb)
{
  guint in4 = (in + 3) / 4 * 4;

  for (guint r0 = 0; r0 < n; r0 += WEIGHT_ROWS)
    {
      guint r1 = MIN (n, r0 + WEIGHT_ROWS);

      COLUMN_BLOCKS (cols, WEIGHT_BLOCK);
    }
}

static void
weight_grad (guint n, guint in, guint cols, const float *x, const guint *rows, gsize ldx,
             const float *d, gsize ldd, float *gw, gsize ldw, float *gb)
{
  if (rows != NULL)
    weight_grad_rows (n, in, cols, x, rows, ldx, d, ldd, gw, ldw, gb);
  else
    weight_grad_rows (n, in, cols, x, NULL, ldx, d, ldd, gw, ldw, gb);
}

/* ---- the few columns past the last block, by dot products ---- */

/* The sums of the DS_VW vectors A (destroyed) as one vector, lane r the sum of
 * A[r]: at each step, pairs of vectors are folded in half into one, whose low
 * half holds the first's partial sums and high half the second's. */
INLINE VF
v_sum_rows (VF *a)
{
#pragma GCC unroll 4
  for (int h = DS_VW / 2; h >= 1; h /= 2)
#pragma GCC unroll 16
    for (int i = 0; i < h; i++)
      {
        VF low, high;

        v_pair_blocks (a[i], a[i + h], h, &low, &high);
        a[i] = low + high;
      }
  return a[0];
}

/* act (b[c] + X[r] . Wt[c]) for DS_VW rows (row r of X at x + r * ldi, or
 * x + rows[r] * ldi) into y[r * ldy], the dots summed with the rows in registers. */
INLINE void
dots_tile (const DsMlpLayer *layer, guint c, const float *x, const guint *rows, float *y,
           gsize ldy)
{
  const float *w = layer->wt + (gsize) c * layer->ldi;
  guint kv = (layer->in + DS_VW - 1) / DS_VW;
  VF acc[DS_VW], sums;

#pragma GCC unroll 16
  for (int r = 0; r < DS_VW; r++)
    acc[r] = SPLAT (0.0f);
  for (guint k = 0; k < kv; k++)
    {
      VF wv = LD (w + k * DS_VW);

#pragma GCC unroll 16
      for (int r = 0; r < DS_VW; r++)
        acc[r] += LD (x + (rows != NULL ? rows[r] : (guint) r) * layer->ldi + k * DS_VW) * wv;
    }
  sums = v_act (v_sum_rows (acc) + layer->b[c], layer->act);
#pragma GCC unroll 16
  for (int r = 0; r < DS_VW; r++)
    y[r * ldy] = sums[r];
}

/* The layer's dot columns, DS_VW rows at a time (the last few through a copy). */
INLINE void
dots_forward_rows (const DsMlpLayer *layer, const float *x, const guint *rows, guint n, float *y)
{
  for (guint j = 0; j < layer->dots; j++)
    {
      guint c = 16 * layer->blocks + j, m = 0;

      for (; m + DS_VW <= n; m += DS_VW)
        dots_tile (layer, c, rows != NULL ? x : x + (gsize) m * layer->ldi,
                   rows != NULL ? rows + m : NULL, y + (gsize) m * layer->ldo + c, layer->ldo);
      if (m < n)
        {
          guint last[DS_VW];
          float out[DS_VW];

          /* the rows left, the last repeated; their outputs through OUT */
          for (guint r = 0; r < DS_VW; r++)
            last[r] = rows != NULL ? rows[MIN (m + r, n - 1)] : MIN (m + r, n - 1);
          dots_tile (layer, c, x, last, out, 1);
          for (guint r = 0; m + r < n; r++)
            y[(gsize) (m + r) * layer->ldo + c] = out[r];
        }
    }
}

static void
dots_forward (const DsMlpLayer *layer, const float *x, const guint *rows, guint n, float *y)
{
  if (rows != NULL)
    dots_forward_rows (layer, x, rows, n, y);
  else
    dots_forward_rows (layer, x, NULL, n, y);
}

/* GW[:, c] += sum_r D[r, c] X[r] and GB[c] += sum_r D[r, c] for the layer's dot
 * columns: the rows go to four partial sums by their index modulo 4 (one chain
 * of multiply-adds would wait on itself), added in a fixed order at the end. */
INLINE void
dots_weight_grad_rows (const DsMlpLayer *layer, const float *x, const guint *rows, guint n,
                       const float *d, float *gw, float *gb)
{
  guint kv = (layer->in + DS_VW - 1) / DS_VW;

  for (guint j = 0; j < layer->dots; j++)
    {
      guint c = 16 * layer->blocks + j;

      for (guint k0 = 0; k0 < kv; k0 += 4)
        {
          guint nk = MIN (4u, kv - k0);
          VF acc[4][4];
          float bias[4] = { 0.0f, 0.0f, 0.0f, 0.0f };

#pragma GCC unroll 4
          for (int part = 0; part < 4; part++)
#pragma GCC unroll 4
            for (int v = 0; v < 4; v++)
              acc[part][v] = SPLAT (0.0f);
          for (guint r0 = 0; r0 < n; r0 += 4)
#pragma GCC unroll 4
            for (int part = 0; part < 4; part++)
              {
                guint r = r0 + part;
                float dr;
                const float *xr;

                if (r >= n)
                  break;
                dr = d[(gsize) r * layer->ldo + c];
                xr = x + (gsize) (rows != NULL ? rows[r] : r) * layer->ldi + k0 * DS_VW;
                bias[part] += dr;
#pragma GCC unroll 4
                for (int v = 0; v < 4; v++)
                  if ((guint) v < nk)
                    acc[part][v] += dr * LD (xr + v * DS_VW);
              }
          if (k0 == 0)
            gb[c] += (bias[0] + bias[1]) + (bias[2] + bias[3]);
          for (guint v = 0; v < nk; v++)
            {
              VF total = (acc[0][v] + acc[1][v]) + (acc[2][v] + acc[3][v]);

              for (int l = 0; l < DS_VW; l++)
                gw[(gsize) ((k0 + v) * DS_VW + l) * layer->ldo + c] += total[l];
            }
        }
    }
}

static void
dots_weight_grad (const DsMlpLayer *layer, const float *x, const guint *rows, guint n,
                  const float *d, float *gw, float *gb)
{
  if (rows != NULL)
    dots_weight_grad_rows (layer, x, rows, n, d, gw, gb);
  else
    dots_weight_grad_rows (layer, x, NULL, n, d, gw, gb);
}

/* ---- the layer ---- */

static void
layer_forward (const DsMlpLayer *layer, const float *x, const guint *rows, guint n, float *y)
{
  if (layer->blocks > 0)
    product (n, 16 * layer->blocks, layer->in, x, rows, layer->ldi, layer->w, layer->ldo,
             layer->b, layer->act, NULL, y, layer->ldo);
  if (layer->dots > 0)
    dots_forward (layer, x, rows, n, y);
}

/* GB += the column sums of D (for products that leave them out). */
static void
bias_grad (guint n, guint ld, const float *d, float *gb)
{
  for (guint c0 = 0; c0 < ld; c0 += 4 * DS_VW)
    {
      guint nv = MIN (4u, (ld - c0) / DS_VW);
      VF acc[4];

      for (guint v = 0; v < nv; v++)
        acc[v] = LD (gb + c0 + v * DS_VW);
      for (guint r = 0; r < n; r++)
        for (guint v = 0; v < nv; v++)
          acc[v] += LD (d + (gsize) r * ld + c0 + v * DS_VW);
      for (guint v = 0; v < nv; v++)
        ST (gb + c0 + v * DS_VW, acc[v]);
    }
}

static void
layer_backward (const DsMlpLayer *layer, const float *x, const guint *rows, guint n,
                const float *d, float *gw, float *gb, float *dx, DsActivation act_in)
{
  if (layer->blocks > 0)
    weight_grad (n, layer->in, 16 * layer->blocks, x, rows, layer->ldi, d, layer->ldo, gw,
                 layer->ldo, gb);
  if (layer->dots > 0)
    dots_weight_grad (layer, x, rows, n, d, gw, gb);
  /* DX = D W^T over the logical outputs (padding columns of D are zero) */
  g_assert (rows == NULL || act_in == DS_ACT_LINEAR);
  if (dx != NULL)
    product (n, layer->ldi, layer->out, d, NULL, layer->ldo, layer->wt, layer->ldi, NULL,
             act_in, act_in != DS_ACT_LINEAR ? x : NULL, dx, layer->ldi);
}

static void
act_grad (DsActivation act, guint n, guint ld, const float *y, float *d)
{
  for (gsize i = 0; i < (gsize) n * ld; i += DS_VW)
    ST (d + i, v_act_grad (LD (d + i), LD (y + i), act));
}

static void
bias_act (guint n, guint ld, float *y, const float *b, DsActivation act)
{
  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < ld; o += DS_VW)
      ST (y + (gsize) r * ld + o, v_act (LD (y + (gsize) r * ld + o) + LD (b + o), act));
}

static void
vec_tanh (float *x, gsize n)
{
  gsize i = 0;

  for (; i + DS_VW <= n; i += DS_VW)
    ST (x + i, v_tanh (LD (x + i)));
  if (i < n)
    {
      VF v = SPLAT (0.0f);

      memcpy (&v, x + i, (n - i) * sizeof (float));
      v = v_tanh (v);
      memcpy (x + i, &v, (n - i) * sizeof (float));
    }
}

/* DST (COLS x ROWS) = SRC (ROWS x COLS) transposed, both multiples of DS_VW, in
 * blocks of DS_VW x DS_VW. */
static void
transpose_matrix (const float *src, guint rows, guint cols, float *dst)
{
  for (guint r0 = 0; r0 < rows; r0 += DS_VW)
    for (guint c0 = 0; c0 < cols; c0 += DS_VW)
      {
        VF b[DS_VW];

        for (int i = 0; i < DS_VW; i++)
          b[i] = LD (src + (gsize) (r0 + i) * cols + c0);
        transpose (b);
        for (int i = 0; i < DS_VW; i++)
          ST (dst + (gsize) (c0 + i) * rows + r0, b[i]);
      }
}
