/* bench-mlp.h: w1's actor network alone, as a workload of `drumswarm bench`
 * (actor-512, in rows per second, on one thread).
 *
 * The forward and backward pass of the 48-64-64-17 tanh actor over 512 rows,
 * one gradient task of w1, with nothing else: its FLOP rate beside the FMA peak
 * says how near the kernels come to the machine's limit, so that w1's own
 * fraction shows how much the rest of training (the stage, the losses, Adam,
 * the threads' waits) takes.
 */
#pragma once

#include "src/base/bench.h"

extern const DsBenchWorkload ds_bench_actor_512;
