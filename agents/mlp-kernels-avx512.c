/* mlp-kernels-avx512.c: the kernels in 512-bit vectors (see mlp-kernels.h):
 * tiles of 16 accumulators (4 rows x 64 columns, or 16 rows x 16), half of the 32 vector registers. */
#include "autoconfig.h"

#include "agents/mlp-kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#pragma GCC target ("avx512f,avx512vl,avx512dq,avx512bw,fma")

#define DS_VW 16
#define DS_TILE_ACC 16
#define DS_TILE_C 4
#define DS_KERNELS ds_mlp_kernels_avx512
#define DS_KERNELS_NAME "avx512f"
#include "agents/mlp-kernels-body.h"
#endif
