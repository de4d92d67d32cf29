#!/bin/sh
# train --checkpoint-every as a user meets it: the model is written on the way,
# a run stopped by a signal says which checkpoint is the last and leaves it
# whole, and --resume from it ends with the bytes of a run never stopped.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '[stage]\nvoices = kick,snare,hat\nlength = 16\nepisode-length = 16\n[train]\nstages = 64\n' >"$tmp/c.conf"

run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/m.dsm" --episodes 384 --threads 1 \
  --checkpoint-every 2 --log "$tmp/log.csv"
is "train --checkpoint-every 2 exits 0" 0 $?
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/plain.dsm" --episodes 384 --threads 2 -q
ok "checkpoints change nothing in the model" cmp -s "$tmp/m.dsm" "$tmp/plain.dsm"

for bad in 0 -3 2.5 10x x ''; do
  run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/x.dsm" --checkpoint-every "$bad"
  is "--checkpoint-every '$bad' is a usage error" 2 $?
done
ok "a bad interval: one line saying what it takes" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'iterations or a time such as 90s, 10m or 2h' '$tmp/e'"
ok "nothing was written for a usage error" test ! -e "$tmp/x.dsm"

# a long run, stopped by SIGTERM once its first checkpoint is there
"$DRUMSWARM" train -c "$tmp/c.conf" -o "$tmp/long.dsm" --episodes 100000000 --threads 1 \
  --checkpoint-every 3 >"$tmp/o" 2>"$tmp/e" &
pid=$!
i=0
while [ ! -s "$tmp/long.dsm" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid
wait $pid
is "a run stopped by SIGTERM exits 1" 1 $?
ok "it says so in one line, naming the last checkpoint" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q '^drumswarm: train: the run stopped; .*long.dsm holds the last checkpoint, of [0-9]* episodes (iteration [0-9]*): .drumswarm train --resume .*long.dsm -o .*long.dsm. goes on from it (SIGTERM)$' '$tmp/e'"
ok "no temporary file is left beside the model" test "$(ls "$tmp" | grep -c 'long\.dsm\.')" -eq 0
episodes=$(sed -n 's/.* of \([0-9]*\) episodes (iteration \([0-9]*\)).*/\1/p' "$tmp/e")
iteration=$(sed -n 's/.* of \([0-9]*\) episodes (iteration \([0-9]*\)).*/\2/p' "$tmp/e")
is "the checkpoint is of a multiple of 3 iterations" 0 $((iteration % 3))
target=$((episodes + 128))
run_cli "$tmp/o" "$tmp/e" train --resume "$tmp/long.dsm" -o "$tmp/long.dsm" --episodes $target \
  --threads 2 -q
is "the last checkpoint loads and training goes on from it" 0 $?
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/c.conf" -o "$tmp/whole.dsm" --episodes $target --threads 1 -q
ok "stopped and resumed gives the bytes of a run never stopped" cmp -s "$tmp/long.dsm" "$tmp/whole.dsm"

# stopped before the first checkpoint: said, and no model left behind
"$DRUMSWARM" train -c "$tmp/c.conf" -o "$tmp/none.dsm" --episodes 100000000 --threads 1 \
  --log "$tmp/none.csv" >"$tmp/o" 2>"$tmp/e" &
pid=$!
i=0
while [ "$(cat "$tmp/none.csv" 2>/dev/null | wc -l)" -lt 2 ] && [ $i -lt 600 ]; do
  sleep 0.05; i=$((i + 1))
done
kill -HUP $pid
wait $pid
is "a run without checkpoints stopped by SIGHUP exits 1" 1 $?
ok "it says that no model was written" \
  grep -q '^drumswarm: train: the run stopped before the first checkpoint; .*none.dsm was not written (--checkpoint-every writes it on the way) (SIGHUP)$' "$tmp/e"
ok "and none is there" test ! -e "$tmp/none.dsm"
done_testing
