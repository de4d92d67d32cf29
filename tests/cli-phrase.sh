#!/bin/sh
# session's answers from one training: --variations (different, reproducible),
# --bars N longer than the loop (N bars that develop), --fill-every K (fill
# bars that sound like fills), and default sessions keeping the anchors of odd
# meters.  Sessions train briefly (64 stages): what is tested is how the
# answer is played and written.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
data="$DS_SRCDIR/tests/data/midi"
TAB=$(printf '\t')
printf '[train]\nstages = 64\n' > "$tmp/small.conf"

# voice FILE VOICE: the voice's grid in FILE (drumswarm show), bars split by spaces
voice () {
  file=$1 v=$2; shift 2
  "$DRUMSWARM" show --voices kick,snare,hat,tom "$file" "$@" 2>/dev/null \
    | awk -F"$TAB" -v v="$v" '$1 == v { gsub(/\|/, " ", $2); print $2 }'
}
# agents FILE: the kick, snare and hat grids of FILE, one line
agents () { echo "$(voice "$1" kick)/$(voice "$1" snare)/$(voice "$1" hat)"; }

# --variations: three answers of one brief training of fresh agents, whose
# sampled tries differ from seed to seed (a well-trained swarm's: below)
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/v.mid" \
  --episodes 1024 --variations 3 --threads 2 --from-scratch
is "session --variations 3 exits 0" 0 $?
ok "it trains once" test "$(grep -c '^# trained' "$tmp/o")" -eq 1
ok "it writes v-1.mid, v-2.mid and v-3.mid" test -s "$tmp/v-1.mid" -a -s "$tmp/v-2.mid" -a -s "$tmp/v-3.mid"
ok "and reports each" test "$(grep -c '^# .*/v-[123]\.mid$' "$tmp/o")" -eq 3
a1=$(agents "$tmp/v-1.mid") a2=$(agents "$tmp/v-2.mid") a3=$(agents "$tmp/v-3.mid")
ok "the variations differ from each other" test "$a1" != "$a2" -a "$a1" != "$a3" -a "$a2" != "$a3"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/w.mid" \
  --episodes 1024 --variations 3 --threads 1 --quiet --from-scratch
ok "the same seed gives the same variations, byte for byte, on 1 or 2 threads" \
  sh -c "cmp -s '$tmp/v-1.mid' '$tmp/w-1.mid' && cmp -s '$tmp/v-2.mid' '$tmp/w-2.mid' && cmp -s '$tmp/v-3.mid' '$tmp/w-3.mid'"
# a well-trained swarm (the general model, fine-tuned or not) plays the same
# best answer whatever the seed: later variations take more least changes
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/g.mid" --variations 4 --quiet
is "session --variations 4 from the general model exits 0" 0 $?
run_cli "$tmp/o" "$tmp/e" respond -i "$ex/rock.mid" -o "$tmp/r.mid" --variations 4 --quiet
is "respond --variations 4 with the general model exits 0" 0 $?
for f in g r; do
  n=$(for i in 1 2 3 4; do agents "$tmp/$f-$i.mid"; echo; done | sort -u | grep -c .)
  is "$f: the four variations are four different answers" 4 "$n"
done
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/v.mid" --variations 0
is "--variations 0 is a usage error" 2 $?

# --bars 8 on a loop of 2: an answer of 8 bars that develops
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/long.mid" \
  --episodes 1024 --bars 8 --threads 2
is "session --bars 8 exits 0" 0 $?
ok "the answer has 8 bars" sh -c "'$DRUMSWARM' show '$tmp/long.mid' | grep -q '^# meter 4/4, 8 bars, 128 steps'"
# the bars as k/s/h columns, one line per bar
for v in kick snare hat; do voice "$tmp/long.mid" $v | tr ' ' '\n' > "$tmp/long.$v"; done
paste -d/ "$tmp/long.kick" "$tmp/long.snare" "$tmp/long.hat" > "$tmp/long.bars"
is "8 bars of kick, snare and hat" 8 "$(grep -c . "$tmp/long.bars")"
ok "no bar past the loop repeats the bar before it" \
  awk 'NR > 2 && $0 == prev { bad = 1 } { prev = $0 } END { exit bad }' "$tmp/long.bars"
ok "every bar keeps the loop's downbeat kick and backbeat snare" \
  awk -F/ '{ if (substr($1, 1, 1) != "x" || substr($2, 5, 1) != "x" || substr($2, 13, 1) != "x") bad = 1 } END { exit bad }' \
  "$tmp/long.bars"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/long1.mid" \
  --episodes 1024 --bars 8 --threads 1 -q
ok "evolving bars: the same on 1 or 2 threads" cmp -s "$tmp/long.mid" "$tmp/long1.mid"

# --fill-every 4: bars 4 and 8 are fills, played by fresh agents (the toms
# join), who see the bar they answer: after 1024 episodes the fills of three
# seeds in five did not yet rise toward the bar's end, after 4096 all did
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/fill.mid" \
  --episodes 4096 --bars 8 --fill-every 4
is "session --fill-every 4 exits 0" 0 $?
ok "the toms join the agents" grep -q "^tom${TAB}" "$tmp/o"
ok "the report says what the fills played" grep -q '^# fills: every 4 bars' "$tmp/o"
for v in snare tom hat; do voice "$tmp/fill.mid" $v | tr ' ' '\n' > "$tmp/fill.$v"; done
paste -d/ "$tmp/fill.snare" "$tmp/fill.tom" "$tmp/fill.hat" > "$tmp/fill.bars"
# per bar: snare and tom hits, those in the bar's second half, hats
awk -F/ '{ s = $1 $2; n = gsub(/[xX]/, "", s); late = substr($1, 9) substr($2, 9); l = gsub(/[xX]/, "", late)
           h = $3; hh = gsub(/[xX]/, "", h); print NR, n, l, hh }' "$tmp/fill.bars" > "$tmp/fill.counts"
ok "the fill bars have more snare and tom hits than any other bar" \
  awk '$1 % 4 == 0 { if (min == "" || $2 < min) min = $2 } $1 % 4 != 0 { if ($2 > max) max = $2 }
       END { exit !(min > max) }' "$tmp/fill.counts"
ok "most of a fill's snare and tom hits fall in its second half (they rise toward the end)" \
  awk '$1 % 4 == 0 && 2 * $3 <= $2 { bad = 1 } END { exit bad }' "$tmp/fill.counts"
ok "the fills play toms" awk -F/ 'NR % 4 == 0 && $2 !~ /x/ { bad = 1 } END { exit bad }' "$tmp/fill.bars"
ok "the other bars play none (the loop has none)" \
  awk -F/ 'NR % 4 != 0 && $2 ~ /x/ { bad = 1 } END { exit bad }' "$tmp/fill.bars"

# anchors on odd meters: default mixes keep the downbeat kick and the snare on
# the meter's beats (5/4: examples/five-seven.mid's first bars; 7/8: a Beat
# Studio loop; 3/4 and 6/8: GMD loops, tests/data/midi/SOURCES.loops)
# anchors FILE BEATS...: "LOST of ALL", the anchors of FILE.loop (a line per
# bar, "kick snare": kicks on the first beat, snares on the others) and those
# FILE.answer loses
anchors () {
  file=$1; shift
  awk -v beats="$*" '
    BEGIN { n = split(beats, b, " ") }
    NR == FNR { lk[FNR] = $1; ls[FNR] = $2; next }
    { for (i = 1; i <= n; i++) {
        k = b[i] + 1
        if (i == 1 && substr(lk[FNR], k, 1) ~ /[xX]/) { all++; lost += substr($1, k, 1) !~ /[xX]/ }
        if (i > 1 && substr(ls[FNR], k, 1) ~ /[xX]/) { all++; lost += substr($2, k, 1) !~ /[xX]/ } } }
    END { print lost + 0 " of " all + 0 }' "$file.loop" "$file.answer"
}
bars_of () { # MID VOICE [SHOW OPTIONS]: one bar a line
  voice "$@" | tr ' ' '\n'
}
odd () { # NAME LOOP BARS BEATS...
  name=$1 loop=$2 n=$3; shift 3
  "$DRUMSWARM" session -c "$tmp/small.conf" -i "$loop" -o "$tmp/$name.mid" --episodes 2048 \
    --bars "$n" -q 2>/dev/null
  bars_of "$loop" kick --bars "$n" > "$tmp/$name.k"
  bars_of "$loop" snare --bars "$n" > "$tmp/$name.s"
  paste -d' ' "$tmp/$name.k" "$tmp/$name.s" > "$tmp/$name.loop"
  bars_of "$tmp/$name.mid" kick > "$tmp/$name.k"; bars_of "$tmp/$name.mid" snare > "$tmp/$name.s"
  paste -d' ' "$tmp/$name.k" "$tmp/$name.s" > "$tmp/$name.answer"
  result=$(anchors "$tmp/$name" "$@")
  ok "$name: every anchor of the loop kept (lost $result)" \
    test "${result%% of *}" -eq 0 -a "${result##* of }" -gt 0
}
odd five-four "$ex/five-seven.mid" 2 0 4 8 12 16
odd seven-eight "$data/beatstudio-7-8-120bpm-ch10-2bars.mid" 2 0 4 8
odd three-four "$data/gmd-jazz-3-4-120bpm-unquantised-88bars.mid" 4 0 4 8
odd six-eight "$data/gmd-rock-6-8-80bpm-unquantised-9bars.mid" 4 0 6
done_testing
