#!/bin/sh
# The command line as a user meets it: help, version, exit codes, error lines.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')

run_cli "$tmp/o" "$tmp/e" --version; is "--version exits 0" 0 $?
ok "--version prints the version" grep -q '^drumswarm [0-9]' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" --help; is "--help exits 0" 0 $?
ok "--help lists score" grep -q 'score' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" help score; is "help score exits 0" 0 $?
ok "help score shows the --raw option" grep -q -- '--raw' "$tmp/o"
run_cli "$tmp/o" "$tmp/e"; is "no command is a usage error" 2 $?
ok "no command: one line naming the commands, not the whole overview" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q '^drumswarm: give a command: score, show, ' '$tmp/e'"

run_cli "$tmp/o" "$tmp/e" frobnicate; is "unknown command exits 2" 2 $?
ok "unknown command: one line on stderr" test "$(wc -l <"$tmp/e")" -eq 1
ok "unknown command names it" grep -q "^drumswarm: 'frobnicate' is not a command" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" scor 'x...'; is "misspelt command exits 2" 2 $?
ok "misspelt command gets a hint" grep -q "did you mean 'score'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" help scor; is "help with a misspelt command exits 2" 2 $?
ok "help with a misspelt command gets a hint, as the command itself does" grep -q "did you mean 'score'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score --frob 'x...'; is "unknown option exits 2" 2 $?
ok "unknown option: one line naming it" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q -- '--frob' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" score; is "score without a pattern exits 2" 2 $?

run_cli "$tmp/o" "$tmp/e" score --measure density 'x...x...x...x...'; is "score density exits 0" 0 $?
is "score density prints the contract line" "x...x...x...x...${TAB}density${TAB}0.25" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --measure 'anti-coincidence(kick)' 'kick=x...x...,snare=.xxx.xxx'
is "study's best case prints 1" "snare=.xxx.xxx${TAB}anti-coincidence(kick)${TAB}1" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --measure 'anti-coincidence(kick)' 'kick=x...x...,snare=x...x...'
is "study's worst case prints -1" "snare=x...x...${TAB}anti-coincidence(kick)${TAB}-1" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --measure 'anti-coincidence(kick)' 'kick=x...x...,snare=x.x.x...'
is "normalised anti-coincidence" "snare=x.x.x...${TAB}anti-coincidence(kick)${TAB}0.125" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --measure density 'x..x..x.' ; is "density of 3 in 8" "x..x..x.${TAB}density${TAB}0.375" "$(cat "$tmp/o")"

run_cli "$tmp/o" "$tmp/e" score 'x..q'; is "bad pattern exits 1" 1 $?
ok "bad pattern: one line" test "$(wc -l <"$tmp/e")" -eq 1
ok "bad pattern names the character and position" grep -q "unexpected character 'q' at position 4" "$tmp/e"
ok "bad pattern line starts with drumswarm:" grep -q '^drumswarm: ' "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score --measure nonsense 'x...'; is "unknown measure exits 1" 1 $?
ok "unknown measure is named" grep -q "'nonsense' is not a measure" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score --measure 'anti-coincidence(kick)' 'x...'; is "relation on one voice exits 1" 1 $?
run_cli "$tmp/o" "$tmp/e" score --measure 'anti-coincidence(ride)' 'kick=x...,snare=..x.'; is "relation to a missing voice exits 1" 1 $?
ok "missing voice is named" grep -q "no voice 'ride'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score 'kick=x...,snare=x.'; is "voices of different lengths exit 1" 1 $?
run_cli "$tmp/o" "$tmp/e" score --meter 4/5 'x...'; is "bad --meter is a usage error (exit 2)" 2 $?
ok "bad meter is named" grep -q "meter '4/5'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score "$(printf 'x..\n.,snare=x...')"; is "a newline in a pattern argument exits 1" 1 $?
ok "... and the error quoting it stays one line" test "$(wc -l <"$tmp/e")" -eq 1
ok "... writing the newline as \\n" grep -q -F "'x..\\n.,snare=x...'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" "$(printf 'sco\rre')"; is "a carriage return in a command name exits 2" 2 $?
ok "... written as \\r, not as the raw byte" sh -c "grep -q -F 'sco\\rre' '$tmp/e' && ! grep -q \"\$(printf '\r')\" '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" score --measure density -- -x...; is "score -- -x... exits 1 (not a pattern)" 1 $?
ok "... the error names '-x...', not the '--' that ends the options" grep -q "pattern '-x...'" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" bench --repetitions 0; is "bench --repetitions 0 exits 2" 2 $?
ok "... naming --repetitions and its value, not --threads" sh -c "grep -q -- '--repetitions must be 1 to 1000 (got 0)' '$tmp/e' && ! grep -q -- '--threads' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" bench --workload nope; is "bench --workload nope exits 2" 2 $?
ok "... one line with one pointer to help" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && test \$(grep -o 'see ' '$tmp/e' | wc -l) -eq 1"
run_cli "$tmp/o" "$tmp/e" bench --list; is "bench --list exits 0" 0 $?
ok "bench --list names the answer's latency workloads" \
  sh -c "grep -q '^answer-16${TAB}answer-us${TAB}' '$tmp/o' && grep -q '^answer-64${TAB}' '$tmp/o'"
run_cli "$tmp/o" "$tmp/e" bench --workload answer-16 --repetitions 1 --threads 2
is "bench --workload answer-16 exits 0" 0 $?
ok "... two lines, median and p99 in microseconds, on one thread" sh -c \
  "test \"\$(cut -f1-3 '$tmp/o' | tr '\t\n' ',;')\" = 'answer-16,1,answer-us-median;answer-16,1,answer-us-p99;' \
   && awk -F'$TAB' '\$4 !~ /^[0-9]+\\.[0-9]\$/ || \$4 <= 0 { exit 1 }' '$tmp/o'"
run_cli "$tmp/o" "$tmp/e" bench --workload actor-512 --repetitions 1 --threads 2
is "bench --workload actor-512 exits 0" 0 $?
ok "... on one thread, its rate, FLOP rate and fraction of the one-thread FMA peak (a machine shared with other work may put it anywhere above 0)" sh -c \
  "grep -q '^fma-peak${TAB}1${TAB}GFLOP/s${TAB}' '$tmp/o' \
   && test \"\$(grep '^actor-512' '$tmp/o' | cut -f1-3 | tr '\t\n' ',;')\" = 'actor-512,1,rows/s;actor-512,1,GFLOP/s;actor-512,1,of-fma-peak;' \
   && awk -F'$TAB' '\$1 == \"actor-512\" && \$3 == \"of-fma-peak\" && \$4 <= 0 { exit 1 }' '$tmp/o'"
run_cli "$tmp/o" "$tmp/e" score --list; is "score --list exits 0" 0 $?
ok "score --list names density" grep -q "^density${TAB}" "$tmp/o"
ok "score --list names anti-coincidence" grep -q "^anti-coincidence(VOICE)${TAB}" "$tmp/o"
done_testing
