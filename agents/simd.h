/* simd.h: the vector helpers of agents/ (private to mlp.c and mlp-ops.c).
 *
 * Vectors of 16 floats in GCC's vector extensions, which each target clone
 * (AVX-512, AVX2, baseline; DS_CLONES) compiles to its own instructions, and
 * elementwise functions on them written as statement macros (a function taking
 * a vector argument would change the ABI between the clones): tanh, exp, sqrt
 * and the activations.
 */
#pragma once

#include <stdint.h>

#include "agents/mlp.h"

#define DS_CLONES __attribute__ ((target_clones ("avx512f", "avx2", "default")))

typedef float DsV16 __attribute__ ((vector_size (64)));
typedef int32_t DsI16 __attribute__ ((vector_size (64)));

#define VLD(p) (*(const DsV16 *) (p))
#define VST(p, v) (*(DsV16 *) (p) = (v))
#define VZERO ((DsV16) { 0 })

/* X = tanh (X) on one vector lvalue; tanh(a) = -expm1(-2a) / (2 + expm1(-2a)) on
 * |x| clamped to 9, then the sign put back.  expm1(y) = 2^n (p(r) - 1) + (2^n - 1)
 * with y = n ln2 + r, so that small |x| loses no precision. */
#define V_TANH(X)                                                                   \
  do                                                                                \
    {                                                                               \
      DsI16 sign_ = (DsI16) (X) & (int32_t) 0x80000000;                             \
      DsV16 a_ = (DsV16) ((DsI16) (X) & 0x7fffffff);                                \
      DsI16 big_ = a_ > 9.0f;                                                       \
      a_ = (DsV16) (((DsI16) a_ & ~big_) | (big_ & 0x41100000)); /* 9.0f */         \
      DsV16 y_ = -2.0f * a_;                                                        \
      DsV16 nf_ = (y_ * 1.44269504088896341f + 12582912.0f) - 12582912.0f;          \
      DsV16 r_ = y_ - nf_ * 0.693359375f;                                           \
      r_ = r_ - nf_ * -2.12194440e-4f;                                              \
      DsV16 p_ = 1.9875691500e-4f * r_ + 1.3981999507e-3f;                          \
      p_ = p_ * r_ + 8.3334519073e-3f;                                              \
      p_ = p_ * r_ + 4.1665795894e-2f;                                              \
      p_ = p_ * r_ + 1.6666665459e-1f;                                              \
      p_ = p_ * r_ + 5.0000001201e-1f;                                              \
      p_ = p_ * r_ * r_ + r_;                                                       \
      DsI16 n_ = __builtin_convertvector (nf_, DsI16);                              \
      DsV16 s_ = (DsV16) ((n_ + 127) << 23);                                        \
      DsV16 em1_ = s_ * p_ + (s_ - 1.0f);                                           \
      DsV16 t_ = -em1_ / (2.0f + em1_);                                             \
      (X) = (DsV16) ((DsI16) t_ | sign_);                                           \
    }                                                                               \
  while (0)

#define V_ACT(X, ACT)                                                               \
  do                                                                                \
    {                                                                               \
      if ((ACT) == DS_ACT_TANH)                                                     \
        V_TANH (X);                                                                 \
      else if ((ACT) == DS_ACT_RELU)                                                \
        (X) = (DsV16) ((DsI16) (X) & ((X) > 0.0f));                                 \
    }                                                                               \
  while (0)

/* X = exp (X) on one vector lvalue, for X in [-87, 88] (clamped): X = n ln2 + r,
 * exp = 2^n (1 + p(r)) with Cephes' polynomial. */
#define V_EXP(X)                                                                    \
  do                                                                                \
    {                                                                               \
      DsI16 lo_ = (X) < -87.0f, hi_ = (X) > 88.0f;                                  \
      DsV16 x_ = (DsV16) (((DsI16) (X) & ~lo_) | (lo_ & (int32_t) 0xc2ae0000));     \
      x_ = (DsV16) (((DsI16) x_ & ~hi_) | (hi_ & 0x42b00000));                       \
      DsV16 nf_ = (x_ * 1.44269504088896341f + 12582912.0f) - 12582912.0f;          \
      DsV16 r_ = x_ - nf_ * 0.693359375f;                                           \
      r_ = r_ - nf_ * -2.12194440e-4f;                                              \
      DsV16 p_ = 1.9875691500e-4f * r_ + 1.3981999507e-3f;                          \
      p_ = p_ * r_ + 8.3334519073e-3f;                                              \
      p_ = p_ * r_ + 4.1665795894e-2f;                                              \
      p_ = p_ * r_ + 1.6666665459e-1f;                                              \
      p_ = p_ * r_ + 5.0000001201e-1f;                                              \
      p_ = p_ * r_ * r_ + r_ + 1.0f;                                                \
      DsI16 n_ = __builtin_convertvector (nf_, DsI16);                              \
      (X) = p_ * (DsV16) ((n_ + 127) << 23);                                        \
    }                                                                               \
  while (0)

/* sqrt (V) of non-negative vectors as V / sqrt (V) with the bit-level first guess
 * of 1 / sqrt and three Newton steps (float precision; 0 gives 0): libm's sqrtf
 * keeps the loop from vectorising, as it may set errno. */
#define V_SQRT(X)                                                                   \
  do                                                                                \
    {                                                                               \
      DsV16 y_ = (DsV16) (0x5f3759df - ((DsI16) (X) >> 1));                         \
      DsV16 h_ = 0.5f * (X);                                                        \
      y_ = y_ * (1.5f - h_ * y_ * y_);                                              \
      y_ = y_ * (1.5f - h_ * y_ * y_);                                              \
      y_ = y_ * (1.5f - h_ * y_ * y_);                                              \
      (X) = (X) * y_;                                                               \
    }                                                                               \
  while (0)
