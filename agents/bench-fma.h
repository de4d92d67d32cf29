/* bench-fma.h: the machine's peak single-precision FMA rate, as a workload of
 * `drumswarm bench` (fma-peak, in GFLOP/s, on one thread and on --threads).
 *
 * The limit that w1's FLOP rate is measured against, in the same run
 * (DESIGN.md "Performance": these machines differ from one session to the
 * next).  Independent fused multiply-adds in the widest vectors the processor
 * runs: AVX-512 where it has it, else AVX2 with FMA, else SSE2 (a multiply and
 * an add, no FMA), picked at run time as agents/mlp.c picks its kernels.
 */
#pragma once

#include "src/base/bench.h"

extern const DsBenchWorkload ds_bench_fma_peak;
