#!/bin/sh
# Would a drummer keep drumswarm's answers?  bench/musical-quality.py on every
# meter it can measure, in one go, the default session on each loop:
#   4/4  the Groove MIDI Dataset's validation beats (45, held out from the style)
#   3/4  its 3/4 beats of the validation and train splits (1 + 4)
#   6/8  its 6/8 beats of the validation and train splits (1 + 3)
#   5/4  the 5/4 bars of examples/five-seven.mid (GMD has no 5/4 beat: no
#        nearest human bar for it)
# (the train split's loops were seen by the bundled style: the header of each
# block says which loops it is over).  Extra arguments go to every run of the
# script, e.g. --limit 6 for a quick look or --args '--threads 1'.
# Usage: bench/musical-quality.sh [musical-quality.py options]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
py="/usr/bin/python3 $here/bench/musical-quality.py"
$py --meter 4-4 "$@"
$py --meter 3-4 --split validation,train "$@"
$py --meter 6-8 --split validation,train "$@"
$py --meter 5-4 --bars 2 --loop "$here/examples/five-seven.mid" "$@"
