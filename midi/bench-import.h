/* bench-import.h: the `midi-import` workload of `drumswarm bench`.
 *
 * Small files imported per second on one thread: a two-bar kick, snare and hat
 * loop of 40 notes, written once by our exporter to a temporary directory,
 * then read from disk, validated, loaded by libsmf and quantised over and over
 * (the whole of ds_midi_import_file).  Target: at least 10,000 files/s.
 */
#pragma once

#include "src/base/bench.h"

G_BEGIN_DECLS

extern const DsBenchWorkload ds_bench_midi_import;

G_END_DECLS
