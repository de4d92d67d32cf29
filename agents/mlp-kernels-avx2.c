/* mlp-kernels-avx2.c: the kernels in 256-bit vectors with fused multiply-adds
 * (see mlp-kernels.h): tiles of 4 rows x 16 columns, 8 of the 16 vector
 * registers. */
#include "autoconfig.h"

#include "agents/mlp-kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#pragma GCC target ("avx2,fma")

#define DS_VW 8
#define DS_TILE_ACC 8
#define DS_TILE_C 2
#define DS_KERNELS ds_mlp_kernels_avx2
#define DS_KERNELS_NAME "avx2"
#include "agents/mlp-kernels-body.h"
#endif
