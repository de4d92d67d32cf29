/* mlp-kernels-body.h: the vector kernels of agents/ (see mlp-kernels.h), compiled
 * once per instruction set by mlp-kernels-avx512.c, -avx2.c and -base.c, each of
 * which defines before including this file:
 *
 *   DS_VW            floats per native vector (16, 8 or 4)
 *   DS_TILE_ACC      accumulators of a tile (rows x column vectors)
 *   DS_TILE_C        column vectors of a tile, at most (2 .. 4)
 *   DS_KERNELS       the name of the table to define, DS_KERNELS_NAME its string
 *
 * Products: a tile of R rows x C column vectors of accumulators stays in
 * registers while the inner dimension streams by, each step one vector load
 * per column vector and one broadcast per row; bias, activation (forward) or
 * the previous layer's activation derivative (backward) are applied before the
 * tile is stored.  The weight gradient X^T D runs over blocks of rows that stay
 * in the L1 cache, its tile of input features x column vectors loaded from and
 * stored to the gradient once per block.  Each output row's sums run in the
 * same order whichever tile computes it, and every sum over rows runs in row
 * order, so results do not depend on how the rows are split.
 *
 * tanh is a rational function of our own fit, x P(x^2) / Q(x^2) with P and Q
 * of degree 4 on |x| <= 9 (a least-squares fit of the relative error, made
 * near-minimax by Lawson's reweighting): 16 vector operations and no division
 * on AVX-512 (a reciprocal estimate and one Newton step), relative error below
 * 4e-7 against tanh in double; exp is Cephes' (range reduction by ln 2 and a
 * degree-5 polynomial).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

/* vectors wider than the instruction set's pass between inline functions only */
#pragma GCC diagnostic ignored "-Wpsabi"

typedef float VF __attribute__ ((vector_size (DS_VW * 4)));
typedef int32_t VI __attribute__ ((vector_size (DS_VW * 4)));
typedef double VD __attribute__ ((vector_size (DS_VW * 8)));
/* the same, at any address (loads and stores of a float array's vectors) */
typedef float VFu __attribute__ ((vector_size (DS_VW * 4), aligned (4)));

#define INLINE static inline __attribute__ ((always_inline))
#define LD(p) ((VF) * (const VFu *) (p))
#define ST(p, v) (*(VFu *) (p) = (v))
/* x - 0 is x for every x (x + 0 is not for -0), so this folds to a broadcast */
#define SPLAT(x) ((x) - (VF) { 0 })
#define ROW_VECS (DS_MLP_MAX_ROW / DS_VW)

/* lane indices 0 .. DS_VW - 1 */
static const VI iota =
#if DS_VW == 16
  { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
#elif DS_VW == 8
  { 0, 1, 2, 3, 4, 5, 6, 7 };
#else
  { 0, 1, 2, 3 };
#endif

INLINE VF
v_select (VI mask, VF yes, VF no)
{
  return (VF) (((VI) yes & mask) | ((VI) no & ~mask));
}

INLINE VF
v_min (VF a, VF b)
{
#if DS_VW == 16 && defined(__AVX512F__)
  return (VF) _mm512_min_ps ((__m512) a, (__m512) b);
#elif DS_VW == 8 && defined(__AVX__)
  return (VF) _mm256_min_ps ((__m256) a, (__m256) b);
#else
  return v_select (a < b, a, b);
#endif
}

INLINE VF
v_max (VF a, VF b)
{
#if DS_VW == 16 && defined(__AVX512F__)
  return (VF) _mm512_max_ps ((__m512) a, (__m512) b);
#elif DS_VW == 8 && defined(__AVX__)
  return (VF) _mm256_max_ps ((__m256) a, (__m256) b);
#else
  return v_select (a > b, a, b);
#endif
}

INLINE VF
v_sqrt (VF a)
{
#if DS_VW == 16 && defined(__AVX512F__)
  return (VF) _mm512_sqrt_ps ((__m512) a);
#elif DS_VW == 8 && defined(__AVX__)
  return (VF) _mm256_sqrt_ps ((__m256) a);
#elif DS_VW == 4 && defined(__SSE__)
  return (VF) _mm_sqrt_ps ((__m128) a);
#else
  for (int i = 0; i < DS_VW; i++)
    a[i] = __builtin_sqrtf (a[i]);
  return a;
#endif
}

/* The lanes of V swapped with those W apart (W a power of two). */
INLINE VF
v_swap (VF v, int w)
{
  return __builtin_shuffle (v, iota ^ w);
}

INLINE float
v_sum (VF v)
{
#pragma GCC unroll 4
  for (int w = DS_VW / 2; w >= 1; w /= 2)
    v += v_swap (v, w);
  return v[0];
}

INLINE float
v_hmax (VF v)
{
#pragma GCC unroll 4
  for (int w = DS_VW / 2; w >= 1; w /= 2)
    v = v_max (v, v_swap (v, w));
  return v[0];
}

/* Our tanh (see the file header): P and Q in Horner's form. */
#define TANH_P0 0.9999999795097476f
#define TANH_P1 0.1338103263783984f
#define TANH_P2 0.003495595376910904f
#define TANH_P3 2.060916171391131e-05f
#define TANH_P4 1.3354702554473717e-08f
#define TANH_Q1 0.46714348269422273f
#define TANH_Q2 0.025877012513242283f
#define TANH_Q3 0.00032856449110252653f
#define TANH_Q4 7.7765893876073e-07f

INLINE VF
v_tanh (VF x)
{
#if defined(__FMA__)
  VF s, p, q;

#if DS_VW == 16 && defined(__AVX512DQ__)
  /* the smaller magnitude of x and 9, with x's sign */
  x = (VF) _mm512_range_ps ((__m512) x, (__m512) SPLAT (9.0f), 0x02);
#else
  x = v_max (v_min (x, SPLAT (9.0f)), SPLAT (-9.0f));
#endif
  s = x * x;
  p = (((TANH_P4 * s + TANH_P3) * s + TANH_P2) * s + TANH_P1) * s + TANH_P0;
  q = (((TANH_Q4 * s + TANH_Q3) * s + TANH_Q2) * s + TANH_Q1) * s + 1.0f;
#if DS_VW == 16 && defined(__AVX512F__)
  VF r = (VF) _mm512_rcp14_ps ((__m512) q);

  r = r + r * (1.0f - q * r);
  return (x * p) * r;
#else
  return (x * p) / q;
#endif
#else
  /* without fused multiply-adds, in double: the float roundings would add up */
  for (int i = 0; i < DS_VW; i++)
    {
      double xd = CLAMP ((double) x[i], -9.0, 9.0), sd = xd * xd;
      double p = (((TANH_P4 * sd + TANH_P3) * sd + TANH_P2) * sd + TANH_P1) * sd + TANH_P0;
      double q = (((TANH_Q4 * sd + TANH_Q3) * sd + TANH_Q2) * sd + TANH_Q1) * sd + 1.0;

      x[i] = (float) (xd * p / q);
    }
  return x;
#endif
}

/* exp (x) for x in [-87, 88] (clamped): x = n ln2 + r, exp = 2^n (1 + p(r)). */
INLINE VF
v_exp (VF x)
{
  VF nf, r, p;
  VI n;

  x = v_max (v_min (x, SPLAT (88.0f)), SPLAT (-87.0f));
  nf = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  r = x - nf * 0.693359375f;
  r = r - nf * -2.12194440e-4f;
  p = 1.9875691500e-4f * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  n = __builtin_convertvector (nf, VI);
  return p * (VF) ((n + 127) << 23);
}

INLINE VF
v_act (VF x, DsActivation act)
{
  if (act == DS_ACT_TANH)
    return v_tanh (x);
  if (act == DS_ACT_RELU)
    return (VF) ((VI) x & (x > 0.0f));
  return x;
}

/* G * act' at the activation's output Y. */
INLINE VF
v_act_grad (VF g, VF y, DsActivation act)
{
  if (act == DS_ACT_TANH)
    return g * (1.0f - y * y);
  if (act == DS_ACT_RELU)
    return (VF) ((VI) g & (y > 0.0f));
  return g;
}

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
  for (guint c0 = 0; c0 < cols;)
    {
      guint left = MIN ((cols - c0) / DS_VW, (guint) DS_TILE_C);

      if (DS_TILE_C >= 4 && left == 4)
        PRODUCT_BLOCK (4);
      else if (DS_TILE_C >= 3 && left == 3)
        PRODUCT_BLOCK (3);
      else if (left == 2)
        PRODUCT_BLOCK (2);
      else
        PRODUCT_BLOCK (1);
      c0 += left * DS_VW;
    }
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

      for (guint c0 = 0; c0 < cols;)
        {
          guint left = MIN ((cols - c0) / DS_VW, (guint) DS_TILE_C);

          if (DS_TILE_C >= 4 && left == 4)
            WEIGHT_BLOCK (4);
          else if (DS_TILE_C >= 3 && left == 3)
            WEIGHT_BLOCK (3);
          else if (left == 2)
            WEIGHT_BLOCK (2);
          else
            WEIGHT_BLOCK (1);
          c0 += left * DS_VW;
        }
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
    {
      VI high = (iota & h) != 0;
      VI to_low = iota + (high & (DS_VW - h)), to_high = iota + (high & DS_VW) + (~high & h);

#pragma GCC unroll 16
      for (int i = 0; i < h; i++)
        a[i] = __builtin_shuffle (a[i], a[i + h], to_low)
               + __builtin_shuffle (a[i], a[i + h], to_high);
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

/* ---- softmax rows and the PPO loss ---- */

/* The lanes of V summed in double (a float sum would round differently for
 * logits that differ in one lane, and finite differences notice). */
INLINE double
v_sum_double (VF v)
{
  double s = 0.0;

  for (int l = 0; l < DS_VW; l++)
    s += v[l];
  return s;
}

/* The softmax of the N logits in Z (NV vectors, lanes from N on ignored):
 * LP (log-probabilities) and P (probabilities) vectors; returns the entropy. */
INLINE float
softmax_vectors (const VF *z, guint n, guint nv, VF *lp, VF *p)
{
  VF m = SPLAT (-INFINITY), h = SPLAT (0.0f), sum = SPLAT (0.0f);
  double total;
  float shift;

  for (guint v = 0; v < nv; v++)
    m = v_max (m, v_select (iota + (int) (v * DS_VW) < (int) n, z[v], SPLAT (-INFINITY)));
  m = SPLAT (v_hmax (m));
  for (guint v = 0; v < nv; v++)
    {
      VI valid = iota + (int) (v * DS_VW) < (int) n;

      lp[v] = z[v] - m;
      p[v] = (VF) ((VI) v_exp (lp[v]) & valid);
      sum += p[v];
    }
  /* (z - max) first: subtracting a large log-sum-exp would lose the small digits */
  total = v_sum_double (sum);
  shift = (float) log (total);
  for (guint v = 0; v < nv; v++)
    {
      lp[v] -= shift;
      p[v] *= (float) (1.0 / total);
      h += p[v] * lp[v];
    }
  return -v_sum (h);
}

static float
softmax_row (const float *z, guint n, gboolean padded, float *logp, float *p)
{
  VF zv[ROW_VECS], lp[ROW_VECS], pv[ROW_VECS];
  guint nv = (n + DS_VW - 1) / DS_VW;
  float h;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  if (padded)
    for (guint v = 0; v < nv; v++)
      zv[v] = LD (z + v * DS_VW);
  else
    {
      zv[nv - 1] = SPLAT (0.0f);
      memcpy (zv, z, n * sizeof (float));
    }
  h = softmax_vectors (zv, n, nv, lp, pv);
  if (logp != NULL)
    memcpy (logp, lp, n * sizeof (float));
  if (p != NULL)
    memcpy (p, pv, n * sizeof (float));
  return h;
}

/* ---- rows of logits DS_VW at a time, transposed: a lane per row ---- */

/* doubles in native vectors: a vector of floats is two of them */
typedef float VFh __attribute__ ((vector_size (DS_VW * 2)));
typedef double VDh __attribute__ ((vector_size (DS_VW * 4)));
typedef int64_t VLh __attribute__ ((vector_size (DS_VW * 4)));

#define SPLATD(x) ((x) - (VDh) { 0 })
#define ROUNDER 6755399441055744.0 /* 1.5 * 2^52: adding it rounds to an integer */

/* The DS_VW x DS_VW block R (a row per vector) transposed in place: each step
 * swaps the off-diagonal blocks of B x B within every 2B x 2B tile. */
INLINE void
transpose (VF *r)
{
#pragma GCC unroll 4
  for (int b = DS_VW / 2; b >= 1; b /= 2)
    {
      VI high = (iota & b) != 0;
      VI to_low = iota + (high & (DS_VW - b)), to_high = iota + (high & DS_VW) + (~high & b);

#pragma GCC unroll 16
      for (int i = 0; i < DS_VW; i++)
        if (!(i & b))
          {
            VF low = __builtin_shuffle (r[i], r[i + b], to_low);

            r[i + b] = __builtin_shuffle (r[i], r[i + b], to_high);
            r[i] = low;
          }
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

/* The two halves of X in double, and back. */
INLINE void
v_widen (VF x, VDh *half)
{
#if DS_VW == 16 && defined(__AVX512DQ__)
  half[0] = (VDh) _mm512_cvtps_pd (_mm512_castps512_ps256 ((__m512) x));
  half[1] = (VDh) _mm512_cvtps_pd (_mm512_extractf32x8_ps ((__m512) x, 1));
#elif DS_VW == 8 && defined(__AVX__)
  half[0] = (VDh) _mm256_cvtps_pd (_mm256_castps256_ps128 ((__m256) x));
  half[1] = (VDh) _mm256_cvtps_pd (_mm256_extractf128_ps ((__m256) x, 1));
#elif DS_VW == 4 && defined(__SSE2__)
  half[0] = (VDh) _mm_cvtps_pd ((__m128) x);
  half[1] = (VDh) _mm_cvtps_pd (_mm_movehl_ps ((__m128) x, (__m128) x));
#else
  VFh h[2];

  memcpy (h, &x, sizeof h);
  half[0] = __builtin_convertvector (h[0], VDh);
  half[1] = __builtin_convertvector (h[1], VDh);
#endif
}

INLINE VF
v_narrow (const VDh *half)
{
#if DS_VW == 16 && defined(__AVX512DQ__)
  return (VF) _mm512_insertf32x8 (_mm512_castps256_ps512 (_mm512_cvtpd_ps ((__m512d) half[0])),
                                  _mm512_cvtpd_ps ((__m512d) half[1]), 1);
#elif DS_VW == 8 && defined(__AVX__)
  return (VF) _mm256_insertf128_ps (_mm256_castps128_ps256 (_mm256_cvtpd_ps ((__m256d) half[0])),
                                    _mm256_cvtpd_ps ((__m256d) half[1]), 1);
#elif DS_VW == 4 && defined(__SSE2__)
  return (VF) _mm_movelh_ps (_mm_cvtpd_ps ((__m128d) half[0]), _mm_cvtpd_ps ((__m128d) half[1]));
#else
  VFh h[2] = { __builtin_convertvector (half[0], VFh), __builtin_convertvector (half[1], VFh) };
  VF x;

  memcpy (&x, h, sizeof x);
  return x;
#endif
}

INLINE VDh
v_select_double (VLh mask, VDh yes, VDh no)
{
  return (VDh) (((VLh) yes & mask) | ((VLh) no & ~mask));
}

/* log x in double for x >= 1 (a sum of exponentials whose largest is 1):
 * x = 2^e m with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh ((m - 1) / (m + 1)). */
INLINE VDh
v_log_double (VDh x)
{
  VLh bits = (VLh) x, e = (bits >> 52) - 1023;
  VDh m = (VDh) ((bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL), t, t2, q;
  VLh big = m > 1.4142135623730951;

  m = v_select_double (big, m * 0.5, m);
  e -= big; /* big is -1 where true */
  t = (m - 1.0) / (m + 1.0);
  t2 = t * t;
  q = 2.0 / 17 * t2 + 2.0 / 15;
  q = q * t2 + 2.0 / 13;
  q = q * t2 + 2.0 / 11;
  q = q * t2 + 2.0 / 9;
  q = q * t2 + 2.0 / 7;
  q = q * t2 + 2.0 / 5;
  q = q * t2 + 2.0 / 3;
  q = q * t2 + 2.0;
  /* e as a double: its bits added to those of 1.5 * 2^52 */
  return ((VDh) ((VLh) SPLATD (ROUNDER) + e) - ROUNDER) * 0.6931471805599453 + q * t;
}

/* exp x in double for x in [-700, 700] (clamped): x = n ln2 + r, Taylor to r^12. */
INLINE VDh
v_exp_double (VDh x)
{
  VDh n, r, p;

  x = v_select_double (x < -700.0, SPLATD (-700.0), x);
  x = v_select_double (x > 700.0, SPLATD (700.0), x);
  n = (x * 1.4426950408889634 + ROUNDER) - ROUNDER;
  r = (x - n * 0.693147180369123816490) - n * 1.90821492927058770002e-10;
  p = SPLATD (1.0 / 479001600);
  p = p * r + 1.0 / 39916800;
  p = p * r + 1.0 / 3628800;
  p = p * r + 1.0 / 362880;
  p = p * r + 1.0 / 40320;
  p = p * r + 1.0 / 5040;
  p = p * r + 1.0 / 720;
  p = p * r + 1.0 / 120;
  p = p * r + 1.0 / 24;
  p = p * r + 1.0 / 6;
  p = p * r + 0.5;
  p = (p * r + 1.0) * r + 1.0;
  /* 2^n: n + 1023 into the exponent bits (the rounder's own bits shift out) */
  return p * (VDh) (((VLh) (n + ROUNDER) + 1023) << 52);
}

/* The softmax of a block of rows, a lane per row: the N logits in C (a vector
 * per logit) become log-probabilities in place, P the probabilities; MAX gets
 * the largest logit and LOG_SUM (two halves, in double) the log of the sum of
 * the exponentials of the logits minus MAX.  Returns the entropies. */
INLINE VF
block_softmax (VF *c, guint n, VF *p, VF *max, VDh *log_sum)
{
  VF m = c[0], h = SPLAT (0.0f), shift, inverse;
  VDh sum[2] = { SPLATD (0.0), SPLATD (0.0) }, inv[2];

  for (guint i = 1; i < n; i++)
    m = v_max (m, c[i]);
  for (guint i = 0; i < n; i++)
    {
      VDh e[2];

      c[i] -= m;
      p[i] = v_exp (c[i]);
      v_widen (p[i], e);
      sum[0] += e[0];
      sum[1] += e[1];
    }
  *max = m;
  for (int k = 0; k < 2; k++)
    {
      log_sum[k] = v_log_double (sum[k]);
      inv[k] = 1.0 / sum[k];
    }
  shift = v_narrow (log_sum);
  inverse = v_narrow (inv);
  for (guint i = 0; i < n; i++)
    {
      c[i] -= shift;
      p[i] *= inverse;
      h += p[i] * c[i];
    }
  return -h;
}

/* A lane per row: the floats at BASE + OFFSETS[lane] (a gather: lanes filled
 * one by one through memory would stall the vector load that follows). */
INLINE VF
v_gather (const float *base, VI offsets)
{
#if DS_VW == 16 && defined(__AVX512F__)
  return (VF) _mm512_i32gather_ps ((__m512i) offsets, base, 4);
#elif DS_VW == 8 && defined(__AVX2__)
  return (VF) _mm256_i32gather_ps (base, (__m256i) offsets, 4);
#else
  VF v;

  for (int l = 0; l < DS_VW; l++)
    v[l] = base[offsets[l]];
  return v;
#endif
}

/* The rows M0 .. M0 + DS_VW - 1 of Z (LD floats apart, every row readable) as
 * N logit vectors in C. */
INLINE void
block_load (const float *z, gsize ld, guint n, VF *c)
{
  guint full = n / DS_VW * DS_VW;

  for (guint j = 0; j < full; j += DS_VW)
    {
      for (int r = 0; r < DS_VW; r++)
        c[j + r] = LD (z + r * ld + j);
      transpose (c + j);
    }
  for (guint j = full; j < n; j++)
    c[j] = v_gather (z + j, iota * (int) ld);
}

/* The N vectors in C back as COUNT rows of D (LD floats apart), padding columns
 * zeroed. */
INLINE void
block_store (VF *c, guint n, guint count, float *d, gsize ld)
{
  guint full = n / DS_VW * DS_VW;

  for (guint j = 0; j < full; j += DS_VW)
    {
      transpose (c + j);
      for (guint r = 0; r < count; r++)
        ST (d + r * ld + j, c[j + r]);
    }
  for (guint r = 0; r < count; r++)
    {
      memset (d + r * ld + full, 0, (ld - full) * sizeof (float));
      for (guint j = full; j < n; j++)
        d[r * ld + j] = c[j][r];
    }
}

/* A lane per row: X[r] for the first COUNT rows, 0 after. */
INLINE VF
block_lanes (const float *x, guint count)
{
  VF v = SPLAT (0.0f);

  if (count == DS_VW)
    return LD (x);
  memcpy (&v, x, count * sizeof (float));
  return v;
}

/* Z's rows M0 .. M0 + DS_VW - 1, or a zero-padded copy in SPARE when fewer
 * than DS_VW are left. */
INLINE const float *
block_rows (const float *z, gsize ld, guint count, guint n, float *spare)
{
  if (count == DS_VW)
    return z;
  memset (spare, 0, DS_VW * ld * sizeof (float));
  for (guint r = 0; r < count; r++)
    memcpy (spare + r * ld, z + r * ld, n * sizeof (float));
  return spare;
}

static double
policy_loss (const float *z, gsize ld, guint rows, guint n, const guint16 *actions,
             const float *old_logp, const float *adv, float clip, float entropy, float scale,
             float *dz, double *loss)
{
  VF c[DS_MLP_MAX_ROW], p[DS_MLP_MAX_ROW];
  float spare[DS_VW * DS_MLP_MAX_ROW];
  double h_sum = 0.0, loss_sum = 0.0;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW && ld % 16 == 0 && ld >= n);
  for (guint m0 = 0; m0 < rows; m0 += DS_VW)
    {
      guint count = MIN ((guint) DS_VW, rows - m0);
      const float *zb = block_rows (z + m0 * ld, ld, count, n, spare);
      VF h, max, za, old, a, dlogp_a;
      VDh log_sum[2], lp_a[2], old_d[2], adv_d[2], g[2];
      VI action = { 0 };

      block_load (zb, ld, n, c);
      h = block_softmax (c, n, p, &max, log_sum);
      for (guint r = 0; r < count; r++)
        action[r] = actions[m0 + r];
      old = block_lanes (old_logp + m0, count);
      a = block_lanes (adv + m0, count);
      za = v_gather (zb, iota * (int) ld + action);
      v_widen (za - max, lp_a);
      v_widen (old, old_d);
      v_widen (a, adv_d);
      for (int k = 0; k < 2; k++)
        {
          /* in double, so that the loss is as smooth as the logits allow */
          VDh ratio = v_exp_double (lp_a[k] - log_sum[k] - old_d[k]);
          VDh surr1 = ratio * adv_d[k];
          VDh surr2 = v_select_double (ratio < 1.0 - clip, SPLATD (1.0 - clip), ratio);
          VLh clipped;

          surr2 = v_select_double (surr2 > 1.0 + clip, SPLATD (1.0 + clip), surr2) * adv_d[k];
          /* the clipped branch has no gradient when it is the smaller one */
          clipped = surr1 > surr2;
          g[k] = v_select_double (clipped, SPLATD (0.0), -ratio * adv_d[k]);
          if (loss != NULL)
            for (guint r = k * DS_VW / 2; r < MIN (count, (guint) (k + 1) * DS_VW / 2); r++)
              loss_sum += -(clipped[r % (DS_VW / 2)] ? surr2[r % (DS_VW / 2)]
                                                     : surr1[r % (DS_VW / 2)])
                          - entropy * h[r];
        }
      dlogp_a = v_narrow (g);
      for (guint r = 0; r < count; r++)
        h_sum += h[r];
      for (guint i = 0; i < n; i++)
        {
          VF one = (VF) ((VI) SPLAT (1.0f) & (action == (int) i));

          /* d(-entropy * H)/dz_i = entropy * p_i (log p_i + H) */
          c[i] = (dlogp_a * (one - p[i]) + entropy * p[i] * (c[i] + h)) * scale;
        }
      block_store (c, n, count, dz + m0 * ld, ld);
    }
  if (loss != NULL)
    *loss = loss_sum;
  return h_sum;
}

static void
policy_sample (const float *z, gsize ld, guint rows, guint n, const float *u, guint16 *actions,
               float *logp)
{
  VF c[DS_MLP_MAX_ROW], p[DS_MLP_MAX_ROW];
  float spare[DS_VW * DS_MLP_MAX_ROW];

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW && ld % 16 == 0 && ld >= n);
  for (guint m0 = 0; m0 < rows; m0 += DS_VW)
    {
      guint count = MIN ((guint) DS_VW, rows - m0);
      const float *zb = block_rows (z + m0 * ld, ld, count, n, spare);
      VF max, uv, cumulative = SPLAT (0.0f);
      VI below = { 0 };
      VDh log_sum[2];

      block_load (zb, ld, n, c);
      block_softmax (c, n, p, &max, log_sum);
      uv = block_lanes (u + m0, count);
      /* the first action whose cumulative probability passes u: the number of
       * those that do not (the sums only grow) */
      for (guint i = 0; i < n; i++)
        {
          cumulative += p[i];
          below -= cumulative <= uv;
        }
      for (guint r = 0; r < count; r++)
        {
          guint a = MIN ((guint) below[r], n - 1);

          actions[m0 + r] = (guint16) a;
          logp[m0 + r] = c[a][r];
        }
    }
}

/* An index drawn from softmax (Z / TEMPERATURE) by U, in blocks of 16 (the
 * cumulative sum passes U in a block, then in its steps). */
static guint
softmax_sample (const float *z, guint n, float temperature, float u)
{
  typedef float V16 __attribute__ ((vector_size (64)));
  typedef int32_t I16 __attribute__ ((vector_size (64)));
  V16 buf[DS_MLP_MAX_ROW / 16], vmax;
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
      I16 greater = buf[v] > vmax;

      vmax = (V16) (((I16) buf[v] & greater) | ((I16) vmax & ~greater));
    }
  for (guint k = 0; k < 16; k++)
    max = MAX (max, vmax[k]);
  for (guint v = 0; v < nv; v++)
    for (guint k = 0; k < 16; k += DS_VW)
      {
        VF x = (LD ((float *) &buf[v] + k) - max) * inverse;

        ST ((float *) &buf[v] + k, v_exp (x));
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
