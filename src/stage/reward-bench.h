/* reward-bench.h: the `score` benchmarks of `drumswarm bench` (see bench.h).
 *
 * score     three-voice stage scores per second (kick, snare, hat with their
 *           default mixes and a user's loop, every voice scored) at L = 16, one
 *           4/4 bar: the inner loop of training, on tables of every pattern.
 * score-64  the same at L = 64 (four 4/4 bars), beyond the whole-grid tables
 *           (tables of one bar where the measure allows, else computed).
 * score-style  'score' with the bundled style term in every mix (src/stage/style.h).
 */
#pragma once

#include "src/base/bench.h"

G_BEGIN_DECLS

extern const DsBenchWorkload ds_reward_bench_score;
extern const DsBenchWorkload ds_reward_bench_score_64;
extern const DsBenchWorkload ds_reward_bench_score_style;

G_END_DECLS
