#!/bin/sh
# train under mpirun: any number of processes gives the model of one process,
# byte for byte; --resume under MPI goes on to the bytes of a run never
# stopped; a process killed mid-run ends the job with one line of ours and the
# last checkpoint whole; bench reports w1 across the processes.  Built without
# MPI, mpirun -np 2 gets a clear error.
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$MPIRUN" ] && [ -x "$MPIRUN" ] || skip_all "no mpirun (apt-get install openmpi-bin)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mpi_flags="--oversubscribe"
[ "$(id -u)" = 0 ] && mpi_flags="$mpi_flags --allow-run-as-root"
# run_mpi N OUT ERR ARGS...: drumswarm on N processes
run_mpi () {
  n=$1 out=$2 err=$3; shift 3
  "$MPIRUN" $mpi_flags -np "$n" "$DRUMSWARM" "$@" >"$out" 2>"$err"
}

if [ "$DS_WITH_MPI" != yes ]; then
  run_mpi 2 "$tmp/o" "$tmp/e" train -o "$tmp/m.dsm" --episodes 16
  isnt_zero=$?
  ok "built without MPI, train under mpirun -np 2 fails" test $isnt_zero -ne 0
  ok "with one line of ours saying why" sh -c "test \$(grep -c '^drumswarm:' '$tmp/e') -eq 1 && grep -q 'built without MPI (./configure --with-mpi): under mpirun -np 2 each process would train alone' '$tmp/e'"
  ok "and writes no model" test ! -e "$tmp/m.dsm"
  done_testing
  exit
fi

# 5 rollout chunks of 32 stages and, per minibatch, 2 gradient chunks for each of
# 3 agents: 4 processes split both unevenly
printf '[stage]\nvoices = kick,snare,hat\nlength = 16\nepisode-length = 16\n[train]\nstages = 160\n' >"$tmp/c.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/one.dsm" --episodes 640 --threads 2 -q
is "one process trains the reference" 0 $?
for n in 1 2 4; do
  run_mpi $n "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/np$n.dsm" --episodes 640 --threads 1
  is "mpirun -np $n train exits 0" 0 $?
  ok "mpirun -np $n gives the model of one process, byte for byte" cmp -s "$tmp/one.dsm" "$tmp/np$n.dsm"
done
ok "only rank 0 prints the summary" test "$(grep -c '^trained 640 episodes' "$tmp/o")" -eq 1
ok "and says what the processes exchanged" grep -q '^# 4 processes; each received [0-9.]* MB an iteration' "$tmp/o"
run_mpi 2 "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/np2t2.dsm" --episodes 640 --threads 2 -q
ok "mpirun -np 2 with 2 threads each: the same bytes" cmp -s "$tmp/one.dsm" "$tmp/np2t2.dsm"

# one network that every agent shares: its running sum passes through every process
printf '[swarm]\nshare-parameters = true\n' | cat "$tmp/c.conf" - >"$tmp/share.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/share.conf" -o "$tmp/share1.dsm" --episodes 480 --threads 1 -q
run_mpi 3 "$tmp/o" "$tmp/e" train -c "$tmp/share.conf" -o "$tmp/share3.dsm" --episodes 480 --threads 1 -q
is "shared networks: mpirun -np 3 exits 0" 0 $?
ok "shared networks: the same bytes on 3 processes as on one" cmp -s "$tmp/share1.dsm" "$tmp/share3.dsm"

# the corpus: context voices from the bars of the example loops
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/corpus1.dsm" --episodes 320 \
  --corpus "$DS_SRCDIR/examples" --threads 1 -q
run_mpi 2 "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/corpus2.dsm" --episodes 320 \
  --corpus "$DS_SRCDIR/examples" --threads 1
is "train --corpus under mpirun -np 2 exits 0" 0 $?
ok "train --corpus: the same bytes on 2 processes as on one" cmp -s "$tmp/corpus1.dsm" "$tmp/corpus2.dsm"
ok "only rank 0 prints what the corpus holds" test "$(grep -c '^corpus ' "$tmp/o")" -eq 1

# resume under MPI
run_mpi 2 "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/half.dsm" --episodes 320 --threads 1 -q
run_mpi 2 "$tmp/o" "$tmp/e" train --resume "$tmp/half.dsm" -o "$tmp/half.dsm" --episodes 640 --threads 1 -q
is "train --resume under mpirun -np 2 exits 0" 0 $?
ok "resumed under MPI: the bytes of a run never stopped" cmp -s "$tmp/one.dsm" "$tmp/half.dsm"

# processes that do not start from the same model are refused
# (mpirun runs drumswarm through sh here, so that each rank gets its own seed)
"$MPIRUN" $mpi_flags -np 2 sh -c 'exec "$0" train -c "$1" -o "$2" --episodes 320 --seed $((1 + OMPI_COMM_WORLD_RANK)) --threads 1' \
  "$DRUMSWARM" "$tmp/c.conf" "$tmp/seeds.dsm" >"$tmp/o" 2>"$tmp/e"
ok "processes with different seeds fail" test $? -ne 0
ok "one line says that rank 1 starts from another model" \
  sh -c "test \$(grep -c '^drumswarm:' '$tmp/e') -eq 1 && grep -q '^drumswarm: the processes must start from the same model, corpus and kernels, but rank 1 (on [^)]*) has .sha256 [0-9a-f]*, [a-z0-9]* kernels.' '$tmp/e'"
ok "and no model is written" test ! -e "$tmp/seeds.dsm"
run_mpi 2 "$tmp/o" "$tmp/e" train -c "$tmp/none.conf" -o "$tmp/x.dsm"
is "a missing config under mpirun fails" 1 $?
ok "a missing config: one line, from rank 0 alone" \
  sh -c "test \$(grep -c '^drumswarm:' '$tmp/e') -eq 1 && grep -q 'none.conf' '$tmp/e'"
run_mpi 2 "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --episodes 0
is "a usage error under mpirun exits 2" 2 $?
ok "a usage error: one line, from rank 0 alone" \
  sh -c "test \$(grep -c '^drumswarm:' '$tmp/e') -eq 1 && grep -q 'episodes' '$tmp/e'"

# bench across processes: rank 0 alone reports w1 on 2 processes, what they
# exchanged and how far apart their computing was
run_mpi 2 "$tmp/o" "$tmp/e" bench --workload w1 --threads 1 -n 1
is "bench under mpirun -np 2 exits 0" 0 $?
figure () { awk -F '\t' -v f="$1" '$1 == "w1-np2" && $2 == 1 && $3 == f { print $4 }' "$tmp/o"; }
ok "only rank 0 prints, one line per figure" test "$(grep -c 'env-steps/s' "$tmp/o")" -eq 1
ok "w1-np2: a rate and the bytes each process received" \
  awk "BEGIN { exit !($(figure env-steps/s) > 0 && $(figure bytes-received/iteration) > 0) }"
ok "w1-np2: 34 rounds an iteration (the rollout, the loss sums, 2 per minibatch)" \
  test "$(figure rounds/iteration)" = 34
ok "w1-np2: the slowest process computed no less than the fastest, and both something" \
  awk "BEGIN { exit !($(figure slowest-compute-s/iteration) >= $(figure fastest-compute-s/iteration) && $(figure fastest-compute-s/iteration) > 0) }"

# a process killed mid-run: the job ends, the last checkpoint is whole
"$MPIRUN" $mpi_flags -np 2 "$DRUMSWARM" train -c "$tmp/c.conf" -o "$tmp/long.dsm" \
  --episodes 100000000 --threads 1 --checkpoint-every 2 >"$tmp/o" 2>"$tmp/e" &
mpirun_pid=$!
i=0
while [ ! -s "$tmp/long.dsm" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
killed=""
for pid in $(ps -o pid= --ppid $mpirun_pid); do
  if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then
    kill -KILL "$pid" && killed=$pid
  fi
done
ok "rank 1 was found and killed" test -n "$killed"
wait $mpirun_pid
ok "the job fails" test $? -ne 0
ok "one line of ours says the run stopped and which checkpoint is the last" \
  sh -c "test \$(grep -c '^drumswarm:' '$tmp/e') -eq 1 && grep -q '^drumswarm: train: the run on 2 processes stopped (mpirun stops them all when one of them dies); .*long.dsm holds the last checkpoint, of [0-9]* episodes (iteration [0-9]*): .drumswarm train --resume .*long.dsm -o .*long.dsm. goes on from it (SIGTERM)$' '$tmp/e'"
ok "no temporary file is left beside the model" test "$(ls "$tmp" | grep -c 'long\.dsm\.')" -eq 0
episodes=$(sed -n 's/.* of \([0-9]*\) episodes (iteration [0-9]*).*/\1/p' "$tmp/e")
target=$((episodes + 320))
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/long.dsm" --start 'kick=x...x...x...x...,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.' --iterations 1
is "the last checkpoint loads" 0 $?
run_mpi 2 "$tmp/o" "$tmp/e" train --resume "$tmp/long.dsm" -o "$tmp/long.dsm" --episodes $target --threads 1 -q
is "and training goes on from it under MPI" 0 $?
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/whole.dsm" --episodes $target --threads 2 -q
ok "killed, resumed: the bytes of one process never stopped" cmp -s "$tmp/long.dsm" "$tmp/whole.dsm"
done_testing
