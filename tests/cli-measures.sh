#!/bin/sh
# `drumswarm score` with the measures, relations and reward mixes of issue #3.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')

# son clave: LHL 4 (SynPy3, looped; complexity.tsv)
run_cli "$tmp/o" "$tmp/e" score --raw --measure lhl 'x..x..x...x.x...'; is "son clave lhl exits 0" 0 $?
is "son clave lhl is the reference value" "x..x..x...x.x...${TAB}lhl${TAB}4" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --measure wnbd --measure keith 'x..x..x...x.x...'
is "son clave wnbd and keith" "x..x..x...x.x...${TAB}wnbd${TAB}2.8
x..x..x...x.x...${TAB}keith${TAB}6" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --measure lhl 'x..x..x...x.x...'
ok "normalised lhl lies in [0, 1]" awk -F"$TAB" '$3 >= 0 && $3 <= 1 { n++ } END { exit n != 1 }' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" score --measure metrical '................'
is "empty pattern: metrical 0" "................${TAB}metrical${TAB}0" "$(cat "$tmp/o")"

run_cli "$tmp/o" "$tmp/e" score --list; is "score --list exits 0" 0 $?
for name in lhl metrical off-beatness keith pressing wnbd sioros-guedes density evenness \
    'anti-coincidence(VOICE)' 'coincidence(VOICE)' 'interlock(VOICE)' 'density-ratio(VOICE[, TARGET])' \
    'similarity(VOICE)' 'echo(VOICE[, LAG])' 'union(VOICE[, MEASURE])' \
    'target(TERM, T)' 'density-target(T)' 'anchors(loop[, LEVEL])'; do
  ok "score --list names $name" grep -qF "$name$TAB" "$tmp/o"
done

run_cli "$tmp/o" "$tmp/e" score --meter 3/4 --raw --measure keith 'x..x..x..x..'
is "keith on 3/4 exits 1" 1 $?
ok "keith on 3/4 says why" grep -q "keith is defined for bars whose numerator" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score --measure 'echo(kick, 4)' 'kick=x.......,snare=....x...'
is "echo with a lag" "snare=....x...${TAB}echo(kick, 4)${TAB}1" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --measure 'interlock(kick)' 'kick=x.x.x.x.,snare=.x.x.x.x'
is "interlock of a hocket" "snare=.x.x.x.x${TAB}interlock(kick)${TAB}1" "$(cat "$tmp/o")"

mix='snare: 0.5 anti-coincidence(kick) + 0.3 target(lhl, 0.4) + 0.2 density-target(0.25)'
run_cli "$tmp/o" "$tmp/e" score --reward "$mix" 'kick=x...x...x...x...,snare=....x.......x...'
is "score --reward exits 0" 0 $?
is "score --reward prints each term and the score" \
"snare=....x.......x...${TAB}0.5 anti-coincidence(kick)${TAB}0.125${TAB}0.0625
snare=....x.......x...${TAB}0.3 target(lhl, 0.4)${TAB}0.8${TAB}0.24
snare=....x.......x...${TAB}0.2 density-target(0.25)${TAB}0.875${TAB}0.17500000000000002
snare=....x.......x...${TAB}reward${TAB}0.47750000000000004" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --reward 'snare: similarity(loop)' --loop 'kick=x...,snare=x.x.' 'kick=x...,snare=x...'
is "similarity to the loop" "snare=x...${TAB}1 similarity(loop)${TAB}0.75${TAB}0.75
snare=x...${TAB}reward${TAB}0.75" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --reward 'snare: 0.5 lhl + 0.5 lhx' 'kick=x...,snare=x...'
is "bad mix exits 1" 1 $?
is "bad mix: one line naming the term" "drumswarm: --reward: term '0.5 lhx': 'lhx' is not a measure, relation or mix term (did you mean 'lhl'?)" "$(cat "$tmp/e")"
run_cli "$tmp/o" "$tmp/e" score --reward 'ride: lhl' 'kick=x...,snare=x...'
ok "mix for a missing voice is named" grep -q "has no voice 'ride'" "$tmp/e"
printf '[snare]\n# a comment\nreward = 0.5 lhl + 0.5 nonsense(kick)\n' >"$tmp/bad.conf"
run_cli "$tmp/o" "$tmp/e" score -c "$tmp/bad.conf" 'kick=x...,snare=x...'
is "bad config mix exits 1" 1 $?
ok "bad config mix names file:line" grep -q "bad.conf:3: term '0.5 nonsense(kick)'" "$tmp/e"

run_cli "$tmp/o" "$tmp/e" score --reward 'snare: 1e308 lhl + 1e308 density' 'kick=x...,snare=x...'
is "weights adding up beyond any number exit 1 (not a reward of 0)" 1 $?
ok "... in one line saying so" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'the weights add up to more than' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" score --reward 'snare: 1e-320 lhl' 'kick=x...,snare=x...'
is "a subnormal weight exits 1 (not a skewed score)" 1 $?
ok "... asking for a positive weight" grep -q "term '1e-320 lhl': expected a positive weight" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" score --reward 'snare: 1e300 lhl + 1e300 density' 'kick=x...,snare=x...'
is "huge weights that fit still give the weighted mean" "snare=x...${TAB}reward${TAB}0.125" "$(tail -n 1 "$tmp/o")"
printf '[train]\nstages = 8\n' >"$tmp/nomix.conf"
run_cli "$tmp/o" "$tmp/e" score -c "$tmp/nomix.conf" 'kick=x...,snare=x...'
is "score -c FILE without a mix for these voices exits 1 (not silence)" 1 $?
ok "... one line naming the file and the voices" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q 'nomix.conf: no reward mix for the voices of' '$tmp/e' && grep -q 'kick, snare' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" score --meter 32/32 --measure density 'x...............................'
is "score --meter 32/32 scores a 32-step bar (it refused every length)" "x...............................${TAB}density${TAB}0.03125" "$(cat "$tmp/o")"
# anchors(loop): the share of the loop's hits on the beats (pulse: and the
# eighths) that the answer keeps; tests/test-anchors.c works the meters by hand
loop='kick=x.......x.x.....,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.'
run_cli "$tmp/o" "$tmp/e" score --loop "$loop" --reward 'kick: anchors(loop)' \
  --reward 'snare: 0.5 anchors(loop) + 0.5 density' --reward 'hat: anchors(loop, pulse)' \
  'kick=..x.....x.......,snare=....x.....x.....,hat=x...x...x...x...'
is "score --reward with anchors(loop): the kick keeps beat 3 of beats 1 and 3, the snare one backbeat, the hat half its eighths" \
"kick=..x.....x.......${TAB}1 anchors(loop)${TAB}0.5${TAB}0.5
kick=..x.....x.......${TAB}reward${TAB}0.5
snare=....x.....x.....${TAB}0.5 anchors(loop)${TAB}0.5${TAB}0.25
snare=....x.....x.....${TAB}0.5 density${TAB}0.125${TAB}0.0625
snare=....x.....x.....${TAB}reward${TAB}0.3125
hat=x...x...x...x...${TAB}1 anchors(loop, pulse)${TAB}0.5${TAB}0.5
hat=x...x...x...x...${TAB}reward${TAB}0.5" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --meter 6/8 --loop 'kick=x.......x...,snare=......x.....' \
  --reward 'snare: anchors(loop)' 'kick=x.......x...,snare=....x.......'
is "anchors in 6/8: the snare on the second dotted-quarter beat, moved, is lost" \
"snare=....x.......${TAB}1 anchors(loop)${TAB}0${TAB}0
snare=....x.......${TAB}reward${TAB}0" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --reward 'kick: anchors(loop) + density' 'kick=x...x...,snare=....x...'
is "without --loop the anchors term prints - and drops out" "kick=x...x...${TAB}1 anchors(loop)${TAB}-${TAB}-
kick=x...x...${TAB}1 density${TAB}0.25${TAB}0.25
kick=x...x...${TAB}reward${TAB}0.25" "$(cat "$tmp/o")"

# --resolution: one bar of a finer grid (issue 9), not bars of sixteenths; the
# values are worked by hand in tests/test-measure-finegrid.c
p32='x..............x................'
run_cli "$tmp/o" "$tmp/e" score --raw --resolution 8 --meter 4/4 -m lhl -m wnbd -m pressing "$p32"
is "score --resolution 8 --meter 4/4 reads 32 steps as one bar" "$p32${TAB}lhl${TAB}10
$p32${TAB}wnbd${TAB}4
$p32${TAB}pressing${TAB}5.1875" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --meter 4/4 -m lhl -m wnbd "$p32"
is "... without it the same 32 steps are two bars of sixteenths" "$p32${TAB}lhl${TAB}0
$p32${TAB}wnbd${TAB}2" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --resolution 8 --meter 4/4 -m evenness 'x.......x.......x.......x.......'
is "... evenness of one bar, not the mean of two" "x.......x.......x.......x.......${TAB}evenness${TAB}0.9999999999999996" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --resolution 8 --meter 6/8 -m wnbd -m lhl 'x..........x............'
is "6/8 at 8 per quarter: 24 steps, beats 12 steps apart" "x..........x............${TAB}wnbd${TAB}12
x..........x............${TAB}lhl${TAB}8" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --resolution 8 --meter 3/4 -m lhl 'x..............x........'
is "3/4 at 8 per quarter: 24 steps" "x..............x........${TAB}lhl${TAB}9" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --raw --resolution 8 --meter 2/4 -m keith 'x......x........'
is "2/4 at 8 per quarter: 16 steps" "x......x........${TAB}keith${TAB}3" "$(cat "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" score --resolution 8 --meter 4/4 -m density 'x.......'
is "a pattern that is not whole bars of the grid exits 1" 1 $?
is "... saying how long a bar is" "drumswarm: a 4/4 bar at 8 steps per quarter note has 32 steps; a pattern of 8 steps is not a whole number of them" "$(cat "$tmp/e")"
run_cli "$tmp/o" "$tmp/e" score --resolution 0 'x...'
is "--resolution 0 is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" score --resolution 97 'x...'
is "--resolution 97 is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" score --resolution 1 --meter 7/8 'x...'
is "--resolution 1 --meter 7/8 (no whole eighths) is a usage error" 2 $?
ok "... one line saying why" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q '7/8 bar does not fit a grid of 1 step per quarter' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" help score
ok "help score documents --resolution" grep -q -- '--resolution' "$tmp/o"

timeout 10 "$DRUMSWARM" score -c /dev/zero 'kick=x...,snare=x...' >"$tmp/o" 2>"$tmp/e"
is "score -c /dev/zero exits 1 (reads no endless file)" 1 $?
ok "... one line naming it" grep -q '^drumswarm: /dev/zero: more than 4 MiB' "$tmp/e"
done_testing
