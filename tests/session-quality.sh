#!/bin/sh
# A session with the default config on each example loop: every agent voice ends
# near what coordinate search finds (>= 95 % on average over the loops), and the
# answer relates to the loop without copying it: it is no copy (some voice's
# similarity is below 1: a drummer's variation need not touch every voice),
# and over its voices the answer is more like the loop than random patterns of
# the same densities would be (a single voice may fall below its chance level
# where the loop itself is odd, e.g. a played loop whose kick misses the
# downbeat, which the agents then put back).
# One seed per loop here; bench/session-quality.sh runs 20.
. "$DS_SRCDIR/tests/tap.sh"
# Training under the sanitizers is ten times slower; the plain build measures
# the learning, and cli-session.sh runs sessions under the sanitizers too.
[ -z "$DS_SANITIZERS" ] || skip_all "learning quality is measured in the plain build"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')

# Whether some voice line of a report has similarity (column 5) below 1, and
# their mean is above the mean chance level (column 6).
relates () {
  grep -E "^(kick|snare|hat)${TAB}" "$1" |
    awk -F"$TAB" '$5 < 0.999 { varied = 1 } { s += $5; c += $6 } END { exit !varied || s <= c }'
}

for loop in rock funk-played five-seven; do
  run_cli "$tmp/$loop.txt" "$tmp/e" session -i "$DS_SRCDIR/examples/$loop.mid" -o "$tmp/$loop.mid" --seed 1
  is "session on $loop exits 0" 0 $?
  grep -E "^(kick|snare|hat)${TAB}" "$tmp/$loop.txt" >> "$tmp/rows"
  ok "$loop: the answer relates to the loop without copying it" relates "$tmp/$loop.txt"
done
for voice in kick snare hat; do
  mean=$(awk -F"$TAB" -v v="$voice" '$1 == v { s += $3 / $7; n++ } END { printf "%.1f", 100 * s / n }' "$tmp/rows")
  echo "# $voice: $mean % of coordinate search on average over the example loops"
  ok "$voice reaches >= 95 % of coordinate search on average" awk -v m="$mean" 'BEGIN { exit !(m >= 95) }'
done
done_testing
