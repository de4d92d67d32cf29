#!/bin/sh
# train and eval as a user meets them: the 2020 study trained from its example
# config, its climb printed by eval, the CSV log, and the errors.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')
conf="$DS_SRCDIR/examples/study-2020.conf"

run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/m.dsm" --seed 3 --threads 1 --log "$tmp/log.csv"
is "train exits 0" 0 $?
ok "train prints a summary" grep -q '^trained 36[0-9][0-9][0-9] episodes' "$tmp/o"
ok "train writes the model" test -s "$tmp/m.dsm"
ok "the log has a header and one row per iteration" test "$(wc -l <"$tmp/log.csv")" -gt 100
ok "the log's header" grep -q '^iteration,episodes,env_steps,seconds,improvement,final_score' "$tmp/log.csv"

run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...,snare=x...x...' --iterations 10
is "eval exits 0" 0 $?
is "eval prints the start as iteration 0" "0${TAB}kick=x...x...,snare=x...x...${TAB}snare=0" "$(sed -n 1p "$tmp/o")"
is "eval reaches the best pattern in 8 iterations" "8${TAB}kick=x...x...,snare=.xxx.xxx${TAB}snare=1" "$(sed -n 9p "$tmp/o")"
is "eval holds it" "10${TAB}kick=x...x...,snare=.xxx.xxx${TAB}snare=1" "$(sed -n 11p "$tmp/o")"
is "eval prints the improvement" "# improvement${TAB}snare=+1" "$(sed -n 12p "$tmp/o")"
is "eval prints coordinate search" "# coordinate-search${TAB}snare=1" "$(sed -n 13p "$tmp/o")"
ok "eval prints the random baseline" grep -q "^# random${TAB}snare=0\.[0-9]*$" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...,snare=.xxx.xxx' --iterations 3
is "from the best case it holds" "3${TAB}kick=x...x...,snare=.xxx.xxx${TAB}snare=1" "$(sed -n 4p "$tmp/o")"
is "and improves by 0" "# improvement${TAB}snare=+0" "$(sed -n 5p "$tmp/o")"

run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/m2.dsm" --seed 3 --threads 2 --quiet
is "train with 2 threads exits 0" 0 $?
ok "the same seed gives the same bytes with 1 or 2 threads" cmp -s "$tmp/m.dsm" "$tmp/m2.dsm"
run_cli "$tmp/o" "$tmp/e" train --resume "$tmp/m.dsm" -o "$tmp/m3.dsm" --episodes 40000 --threads 1
is "train --resume exits 0" 0 $?
ok "resume counts on from the model" grep -q '^trained [0-9]* episodes (40[0-9][0-9][0-9] in total)' "$tmp/o"
ok "the model's own iterations go on" test "$(wc -l <"$tmp/log.csv")" -lt 200

run_cli "$tmp/o" "$tmp/e" train -c "$conf"; is "train without -o exits 2" 2 $?
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/none.conf" -o "$tmp/x.dsm"; is "missing config exits 1" 1 $?
ok "missing config: one line naming it" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'none.conf' '$tmp/e'"
printf '[train]\nepisodez = 3\n' >"$tmp/bad.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/bad.conf" -o "$tmp/x.dsm"; is "unknown key exits 1" 1 $?
ok "unknown key is named with file and line" grep -q "bad.conf:2: \[train\] has no key 'episodez'; did you mean 'episodes'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm"; is "eval without --start exits 2" 2 $?
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...'; is "eval with a voice missing exits 1" 1 $?
ok "the missing voice is named" grep -q "voice 'snare' is missing" "$tmp/e"
head -c 300 "$tmp/m.dsm" >"$tmp/cut.dsm"
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/cut.dsm" --start 'kick=x...x...,snare=x...x...'; is "truncated model exits 1" 1 $?
ok "truncated model: one line saying so" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'cut.dsm: truncated' '$tmp/e'"
# sentinel values and paths a user can mistype
run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/x.dsm" --episodes -1
is "train --episodes -1 is a usage error, not the default training" 2 $?
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...,snare=x...x...' --iterations -1
is "eval --iterations -1 is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...,snare=x...x...' --iterations 0
is "eval --iterations 0 exits 0" 0 $?
is "eval --iterations 0 prints only the start" "0${TAB}kick=x...x...,snare=x...x...${TAB}snare=0" "$(sed -n 1p "$tmp/o")"
is "eval --iterations 0 improves by 0" "# improvement${TAB}snare=+0" "$(sed -n 2p "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/nowhere/x.dsm"
is "train -o into a missing folder exits 1" 1 $?
ok "missing folder: one line, before any training" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'nowhere/x.dsm: there is no folder' '$tmp/e' && test ! -s '$tmp/o'"
run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp"
is "train -o a folder exits 1" 1 $?
ok "train -o a folder: one line saying so" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'is a folder' '$tmp/e'"
cp "$tmp/m.dsm" "$tmp/keep.dsm"
run_cli "$tmp/o" "$tmp/e" train --resume "$tmp/m.dsm" -o "$tmp/y.dsm" --log "$tmp/m.dsm"
is "train --log onto the resumed model is a usage error" 2 $?
ok "the resumed model is untouched" cmp -s "$tmp/m.dsm" "$tmp/keep.dsm"
printf '[stage]\nlength = 7\n' >"$tmp/seven.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/seven.conf" -o "$tmp/x.dsm"
is "a length that does not fit the meter exits 1" 1 $?
ok "the length error names the config, its meter and length" \
  grep -q "seven.conf: \[stage\] meter 4/4, length 7: " "$tmp/e"
printf '[stage]\nvoices = kick,snare\nagents = snare\nlength = 8\ncontext = kick=x...x...\nepisode-length = 4\n[train]\nstages = 8\n' >"$tmp/tiny.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/tiny.conf" -o "$tmp/t1.dsm" --episodes 16 --threads 1 -q
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/tiny.conf" -o "$tmp/t2.dsm" --episodes 16 --threads 100000 -q
is "train --threads 100000 exits 0 (no memory exhausted)" 0 $?
ok "train --threads 100000 writes the one-thread model" cmp -s "$tmp/t1.dsm" "$tmp/t2.dsm"
run_cli "$tmp/o" "$tmp/e" train --resume "$tmp/m.dsm" -o "$tmp/same.dsm" --episodes 100
is "train --resume with fewer --episodes than done exits 0" 0 $?
ok "it says the model has them already, not a made-up score of 0" \
  grep -q '^trained 0 episodes: the model has 36[0-9]* episodes already, --episodes asks for 100 in all' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'kick=x...x...,snare=x...x...' --temperature nan
is "eval --temperature nan is a usage error" 2 $?
# a named pipe (as /dev/null or /dev/stdout) is written in place: a rename over
# it would put a regular file where the pipe or the device was
mkfifo "$tmp/pipe"
(timeout 20 cat "$tmp/pipe" >"$tmp/from-pipe" &)
timeout 20 "$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/pipe" --episodes 16 -q >"$tmp/o" 2>"$tmp/e"
is "train -o a named pipe exits 0" 0 $?
ok "train -o a named pipe leaves the pipe a pipe" test -p "$tmp/pipe"
sleep 1
ok "the reader of the pipe gets the model" cmp -s "$tmp/t1.dsm" "$tmp/from-pipe"
ok "no temporary file is left beside the pipe" test -z "$(ls "$tmp" | grep 'pipe\.')"
run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/m.dsm" --start 'x...x...'
is "eval --start with an unnamed pattern exits 1" 1 $?
ok "an unnamed pattern: one line asking for NAME=PATTERN and listing the voices" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'give every voice by name, NAME=PATTERN (the stage.s voices: kick,snare)' '$tmp/e'"
done_testing
