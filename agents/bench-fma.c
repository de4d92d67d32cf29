/* bench-fma.c: the peak FMA rate (see bench-fma.h).
 *
 * Twelve independent chains acc = acc * m + c, each a vector register: an FMA
 * unit takes a new FMA every cycle but gives its result about four cycles
 * later, and there are up to two, so at least eight chains must be in flight;
 * twelve leave registers for m and c even with AVX2's sixteen.  The chains
 * settle at c / (1 - m) and never overflow.  GCC contracts a * b + c into one
 * FMA where the target has it (-ffp-contract=fast, GNU C's default).
 */
#include "autoconfig.h"

#include "agents/bench-fma.h"

#define CHAINS 12
#define LOOPS (G_GUINT64_CONSTANT (1) << 23)

/* The kernel for vectors of type V: LOOPS rounds of CHAINS FMAs; returns the
 * sum of the chains, so that the compiler keeps them. */
#define FMA_KERNEL_BODY(V)                                                              \
  {                                                                                     \
    const V zero = { 0 }, m = zero + 0.999999f, c = zero + 1e-6f;                       \
    V a0 = zero + 0.01f, a1 = zero + 0.02f, a2 = zero + 0.03f, a3 = zero + 0.04f;       \
    V a4 = zero + 0.05f, a5 = zero + 0.06f, a6 = zero + 0.07f, a7 = zero + 0.08f;       \
    V a8 = zero + 0.09f, a9 = zero + 0.10f, a10 = zero + 0.11f, a11 = zero + 0.12f;     \
    V sum;                                                                              \
    float total = 0.0f;                                                                 \
                                                                                        \
    for (guint64 n = 0; n < loops; n++)                                                 \
      {                                                                                 \
        a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c;             \
        a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;             \
        a8 = a8 * m + c; a9 = a9 * m + c; a10 = a10 * m + c; a11 = a11 * m + c;         \
      }                                                                                 \
    sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;                  \
    for (guint i = 0; i < sizeof (V) / sizeof (float); i++)                             \
      total += sum[i];                                                                  \
    return total;                                                                       \
  }

typedef float V16 __attribute__ ((vector_size (64)));
typedef float V8 __attribute__ ((vector_size (32)));
typedef float V4 __attribute__ ((vector_size (16)));

__attribute__ ((target ("avx512f"), noinline)) static float
kernel_avx512 (guint64 loops)
FMA_KERNEL_BODY (V16)

__attribute__ ((target ("avx2,fma"), noinline)) static float
kernel_avx2 (guint64 loops)
FMA_KERNEL_BODY (V8)

__attribute__ ((noinline)) static float
kernel_sse (guint64 loops)
FMA_KERNEL_BODY (V4)

typedef struct {
  int threads;
  guint lanes;          /* floats per vector */
  float (*kernel) (guint64 loops);
  float sink;
} Peak;

static gpointer
setup (int threads, GError **error)
{
  Peak *peak = g_new0 (Peak, 1);

  peak->threads = threads;
  if (__builtin_cpu_supports ("avx512f"))
    peak->kernel = kernel_avx512, peak->lanes = 16;
  else if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    peak->kernel = kernel_avx2, peak->lanes = 8;
  else
    peak->kernel = kernel_sse, peak->lanes = 4;
  return peak;
}

/* One round on every thread; the op is a GFLOP, so the rate is in GFLOP/s. */
static double
run (gpointer state)
{
  Peak *peak = state;
  float sink = 0.0f;

#pragma omp parallel num_threads(peak->threads) reduction(+ : sink)
  sink += peak->kernel (LOOPS);
  peak->sink += sink;
  return (double) peak->threads * (double) LOOPS * CHAINS * peak->lanes * 2.0 * 1e-9;
}

static void
teardown (gpointer state)
{
  g_free (state);
}

static guint
extras (gpointer state, double *values)
{
  Peak *peak = state;

  values[0] = peak->lanes * 32.0;
  return 1;
}

const DsBenchWorkload ds_bench_fma_peak = {
  .name = "fma-peak",
  .summary = "the machine's peak single-precision FMA rate (AVX-512, else AVX2+FMA), "
             "on one thread and on --threads",
  .figure = "GFLOP/s",
  .also_one_thread = TRUE,
  .setup = setup,
  .run = run,
  .teardown = teardown,
  .extra_figures = { "vector-bits", NULL },
  .extras = extras,
};
