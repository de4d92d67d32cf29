/* mlp-kernels-vector.h: vectors of DS_VW floats and what the kernels do with
 * them lane by lane (part of agents/mlp-kernels-body.h, compiled once per
 * instruction set): loads and broadcasts, selections, sums across lanes,
 * transposes of DS_VW x DS_VW blocks, gathers, tanh, exp, and exp and log in
 * double for the PPO loss.
 *
 * tanh is a rational function of our own fit, x P(x^2) / Q(x^2) with P and Q
 * of degree 4 on |x| <= 9 (a least-squares fit of the relative error, made
 * near-minimax by Lawson's reweighting): 15 vector operations and no division
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

/* doubles in native vectors: a vector of floats is two of them */
typedef float VFh __attribute__ ((vector_size (DS_VW * 2)));
typedef double VDh __attribute__ ((vector_size (DS_VW * 4)));
typedef int64_t VLh __attribute__ ((vector_size (DS_VW * 4)));

#define SPLATD(x) ((x) - (VDh) { 0 })
#define ROUNDER 6755399441055744.0 /* 1.5 * 2^52: adding it rounds to an integer */

/* The blocks of B lanes (B a power of two) of X and Y paired: *LOW gets the
 * blocks whose lanes have bit B clear, *HIGH those with it set, each X's block
 * then Y's.  The step of a transpose, and of sums across vectors. */
INLINE void
v_pair_blocks (VF x, VF y, int b, VF *low, VF *high)
{
  VI set = (iota & b) != 0;

  *low = __builtin_shuffle (x, y, iota + (set & (DS_VW - b)));
  *high = __builtin_shuffle (x, y, iota + (set & DS_VW) + (~set & b));
}

/* The DS_VW x DS_VW block R (a row per vector) transposed in place: each step
 * swaps the off-diagonal blocks of B x B within every 2B x 2B tile. */
INLINE void
transpose (VF *r)
{
#pragma GCC unroll 4
  for (int b = DS_VW / 2; b >= 1; b /= 2)
#pragma GCC unroll 16
    for (int i = 0; i < DS_VW; i++)
      if (!(i & b))
        v_pair_blocks (r[i], r[i + b], b, &r[i], &r[i + b]);
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
