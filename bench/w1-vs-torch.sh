#!/bin/sh
# Workload w1 (DESIGN.md) in drumswarm and in the PyTorch peer, in one go, and
# their ratio.  Usage: bench/w1-vs-torch.sh [DRUMSWARM] [TORCH_W1.PY] [ITERATIONS]
# The peer needs Debian's python3-torch (and libopenblas0-pthread, or it runs on
# reference BLAS); without it only drumswarm's figures are printed.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
drumswarm=${1:-$here/drumswarm}
peer=${2:-$here/../shared/peers/torch_w1.py}
iterations=${3:-5}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$drumswarm" bench --workload w1 --threads 1
lines=$("$drumswarm" bench --workload w1 --threads 2)
echo "$lines"
# the bench prints the FMA peak too: ours is w1's env-steps/s
ours=$(echo "$lines" | awk -F '\t' '$1 == "w1" && $3 == "env-steps/s" { print $4 }')
if [ -f "$peer" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  # its last line: "torch W1: N iterations, S env-steps in T s = R env-steps/s"
  theirs=$(/usr/bin/python3 "$peer" "$iterations" 2>/dev/null | sed -n 's/.* = \([0-9.]*\) env-steps\/s$/\1/p')
  echo "torch-w1	2	env-steps/s	$theirs"
  awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio\t2\tdrumswarm/torch\t%.1f\n", a / b }'
else
  echo "# the PyTorch peer ($peer) or python3-torch is missing: no ratio"
fi
