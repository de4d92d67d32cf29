/* bench-answer.h: the answer's latency as benchmark workloads (drumswarm bench).
 *
 * The time from a bar's end to its answer being ready is the time of one
 * ds_responder_answer call on that bar's hits: answer-16 and answer-64 time it
 * on 4/4 bars of 16 and 64 steps (kick, snare and hat agents of the default
 * networks, the default tries and temperature), each call on the next of 64
 * played bars, and report the median and the 99th percentile in microseconds
 * (answer-us-median, answer-us-p99).  A JACK period of 256 frames at 48 kHz
 * is 5333 us; the target is a p99 of at most 1000 us.  The weights are fresh:
 * an answer costs the same whatever the agents learnt.
 */
#pragma once

#include "src/base/bench.h"

G_BEGIN_DECLS

extern const DsBenchWorkload ds_bench_answer_16;
extern const DsBenchWorkload ds_bench_answer_64;

G_END_DECLS
