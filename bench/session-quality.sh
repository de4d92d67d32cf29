#!/bin/sh
# How close a session's agents come to coordinate search: a session with the
# default config on every example loop for seeds 1..N (default 20), then per
# voice the mean of the answer's score as a percentage of coordinate search's,
# and the median wall time of a session.
# Usage: bench/session-quality.sh [DRUMSWARM] [SEEDS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
drumswarm=${1:-$here/drumswarm}
seeds=${2:-20}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

for loop in rock funk-played five-seven; do
  seed=1
  while [ "$seed" -le "$seeds" ]; do
    start=$(date +%s.%N)
    "$drumswarm" session -i "$here/examples/$loop.mid" -o "$tmp/out.mid" --seed "$seed" \
      > "$tmp/report" 2>/dev/null
    end=$(date +%s.%N)
    echo "$start $end" | awk '{ printf "%.2f\n", $2 - $1 }' >> "$tmp/times"
    grep -E "^(kick|snare|hat)${tab}" "$tmp/report" | sed "s/^/$loop${tab}/" >> "$tmp/rows"
    seed=$((seed + 1))
  done
done
echo "# $seeds seeds x 3 example loops"
printf 'voice\tof-search-%%\tmin-%%\tsimilarity\tchance\n'
for voice in kick snare hat; do
  awk -F"$tab" -v v="$voice" '$2 == v { r = 100 * $4 / $8; s += r; n++; if (n == 1 || r < m) m = r;
      sim += $6; ch += $7 }
    END { printf "%s\t%.1f\t%.1f\t%.3f\t%.3f\n", v, s / n, m, sim / n, ch / n }' "$tmp/rows"
done
sort -n "$tmp/times" | awk '{ t[NR] = $1 } END { printf "session-seconds\tmedian %.1f\tmax %.1f\n", t[int((NR + 1) / 2)], t[NR] }'
