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
done_testing
