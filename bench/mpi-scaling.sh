#!/bin/sh
# Workload w1 (DESIGN.md) on one process and across processes with MPI, in one
# run: w1's training throughput on one process with one thread, on one process
# with every core of the machine, and under `mpirun -np 2` with one thread each;
# the parallel efficiency of the two processes (beside that of two threads in
# one process: what the two cores give side by side); the bytes each received
# per iteration; and a projection for N machines from the measured compute and
# exchange (a model, see below and drumswarm(1), MPI).
# Usage: bench/mpi-scaling.sh [DRUMSWARM] [REPETITIONS]   (drumswarm built --with-mpi)
#
# The projection: an iteration of w1 is 8192 env-steps (256 stages x 32 steps).
# On M machines, each runs one process with all its cores, and an iteration takes
#   t(M) = t_machine / M + r + x * (M - 1) * latency + D * (M - 1) / M / bandwidth
# where t_machine is the iteration time of one process on one machine, r the
# work that every process repeats (advantages, Adam, packing: what the two
# processes took beyond half of one process's time, exchanges left out), x the
# rounds of messages per iteration (each pays the latency once: the rollout,
# and per minibatch a running sum passed on and the allgather of the summed
# gradients), and D what the processes exchange in an iteration, taken as twice
# what each of the two received (a process receives about (M - 1) / M of it).
# It pays to add a machine while t(M) still falls well: the efficiency column
# is the rate on M machines over M times one machine's.  The model assumes
# machines of one speed: at every round the others wait for the slowest, and
# the line "computing" shows how far apart the two processes were here (on a
# shared virtual machine, often more than the messages cost).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
drumswarm=${1:-$here/drumswarm}
repetitions=${2:-5}
mpirun=${MPIRUN:-mpirun}
flags=""
[ "$(id -u)" = 0 ] && flags="--allow-run-as-root"
cores=$(nproc)

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1 /proc/loadavg)"
one=$("$drumswarm" bench --workload w1 --threads 1 -n "$repetitions")
echo "$one"
machine=$("$drumswarm" bench --workload w1 --threads "$cores" -n "$repetitions" | grep -v '^fma-peak')
echo "$machine"
# one process per core, bound to it (mpirun's default for 2 processes)
two=$("$mpirun" $flags -np 2 "$drumswarm" bench --workload w1 --threads 1 -n "$repetitions")
echo "$two"

figure () { # LINES WORKLOAD FIGURE: the value
  echo "$1" | awk -F '\t' -v w="$2" -v f="$3" '$1 == w && $3 == f { print $4 }'
}
r1=$(figure "$one" w1 env-steps/s)
rm=$(figure "$machine" w1 env-steps/s)
r2=$(figure "$two" w1-np2 env-steps/s)
bytes=$(figure "$two" w1-np2 bytes-received/iteration)
exchange=$(figure "$two" w1-np2 exchange-s/iteration)
exchanges=$(figure "$two" w1-np2 rounds/iteration)
slowest=$(figure "$two" w1-np2 slowest-compute-s/iteration)
fastest=$(figure "$two" w1-np2 fastest-compute-s/iteration)

awk -v r1="$r1" -v rm="$rm" -v r2="$r2" -v bytes="$bytes" -v exch="$exchange" \
    -v k="$exchanges" -v cores="$cores" -v slow="$slowest" -v fast="$fastest" 'BEGIN {
  steps = 8192
  printf "w1-np2\t1\tparallel-efficiency\t%.3f\n", r2 / (2 * r1)
  # the same for threads in one process: what the cores give side by side
  printf "w1\t%d\tparallel-efficiency\t%.3f\n", cores, rm / (cores * r1)
  t1 = steps / r1; t2 = steps / r2; tm = steps / rm
  d = 2 * bytes
  r = t2 - exch - t1 / 2; if (r < 0) r = 0
  printf "# one thread: %.1f ms an iteration; two processes: %.1f ms, of which %.1f ms exchanging (%.1f MB each)\n", \
    1000 * t1, 1000 * t2, 1000 * exch, bytes / 1e6
  printf "# repeated on every process: %.1f ms; exchanged in all: %.1f MB in %d rounds an iteration\n", \
    1000 * r, d / 1e6, k
  # at every round the faster process waits for the slower: what that costs
  printf "# computing (exchanges and their waits left out): the slower process %.1f ms an iteration, the faster %.1f ms (%.0f %% apart)\n", \
    1000 * slow, 1000 * fast, 100 * (slow - fast) / fast
  printf "# projection, one process of %d threads per machine (%.0f env-steps/s on one):\n", cores, rm
  printf "# machines\t1 Gb/s Ethernet\t\t10 Gb/s Ethernet\t100 Gb/s InfiniBand\n"
  split("125e6 1.25e9 12.5e9", bw, " "); split("50e-6 20e-6 2e-6", lat, " ")
  for (m = 1; m <= 32; m *= 2) {
    line = sprintf("# %d", m)
    for (n = 1; n <= 3; n++) {
      t = tm / m
      if (m > 1) t += r + k * (m - 1) * lat[n] + d * (m - 1) / m / bw[n]
      line = line sprintf("\t%8.0f env-steps/s %3.0f%%", steps / t, 100 * steps / t / (m * rm))
    }
    print line
  }
}'
