#!/usr/bin/env bash
# busy-machine.sh: the README's session (examples/rock.mid) timed on the machine
# as it is and beside two busy loops (two processes that spin for ever, as a
# DAW or a build would take cores), with drumswarm's OpenMP waits (passive,
# unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set) and with spinning waits
# (GOMP_SPINCOUNT=300000, libgomp's own default count).  Prints one TSV line per
# case: LOAD<TAB>WAITS<TAB>MEDIAN-SECONDS<TAB>EACH RUN'S SECONDS, the median of
# RUNS runs (default 3).  Run it from a built tree on an otherwise quiet machine;
# DRUMSWARM names another binary.
#
#   bench/busy-machine.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ds=${DRUMSWARM:-./drumswarm}
runs=${1:-3}
tmp=$(mktemp -d)
busy=()
stop_busy () {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null || true; done
  busy=()
}
trap 'stop_busy; rm -rf "$tmp"' EXIT

# One session's wall-clock seconds, with the environment changes given.
session_seconds () {
  local start=$EPOCHREALTIME
  env "$@" "$ds" session -i examples/rock.mid -o "$tmp/answer.mid" -q
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }'
}

median () {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

[ -x "$ds" ] || { echo "busy-machine.sh: no $ds; build first (make)" >&2; exit 1; }
printf 'load\twaits\tmedian-s\truns-s\n'
for load in quiet two-busy-loops; do
  if [ "$load" = two-busy-loops ]; then
    for _ in 1 2; do
      sh -c 'while :; do :; done' &
      busy+=("$!")
    done
  fi
  for waits in drumswarm spinning; do
    if [ "$waits" = drumswarm ]; then
      change=(-u OMP_WAIT_POLICY -u GOMP_SPINCOUNT)
    else
      change=(-u OMP_WAIT_POLICY GOMP_SPINCOUNT=300000)
    fi
    times=()
    for _ in $(seq "$runs"); do
      times+=("$(session_seconds "${change[@]}")")
    done
    printf '%s\t%s\t%s\t%s\n' "$load" "$waits" \
      "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
  done
  stop_busy
done
