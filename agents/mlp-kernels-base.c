/* mlp-kernels-base.c: the kernels in 128-bit vectors of the architecture's
 * baseline (SSE2 on x86-64; see mlp-kernels.h), for processors without AVX2. */
#include "autoconfig.h"

#include "agents/mlp-kernels.h"

#define DS_VW 4
#define DS_TILE_ACC 8
#define DS_TILE_C 2
#define DS_KERNELS ds_mlp_kernels_base
#define DS_KERNELS_NAME "baseline"
#include "agents/mlp-kernels-body.h"
