/* bench-swarm.h: the training workloads of `drumswarm bench` (DESIGN.md "Performance").
 *
 * w1: voices kick, snare, hat, all agents; L = 16; B = 256 stages; 32-step
 * episodes; actor 48-64-64-17 and critic 48-64-64-1 (tanh) per agent; PPO 4
 * epochs x 4 minibatches; Adam 3e-4.  w1-single: the same with one agent (snare).
 * The -blas variants do the matrix products with OpenBLAS sgemm.  The figure is
 * env-steps per second of whole training iterations (rollout + update).
 */
#pragma once

#include "src/base/bench.h"

extern const DsBenchWorkload ds_bench_w1;
extern const DsBenchWorkload ds_bench_w1_single;
extern const DsBenchWorkload ds_bench_w1_blas;
extern const DsBenchWorkload ds_bench_w1_single_blas;
