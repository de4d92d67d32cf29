#!/bin/sh
# The general model (src/responder/general.h) end to end: a small version of
# it, made by examples/make-general-model.sh from the example loops, is the
# same bytes on 1 and on 2 threads and the bytes recorded when the shipped one
# was made (tests/data/general-small.sha256, on machines of the same kernels);
# respond without -m answers with the general model of the loop's meter;
# session fine-tunes it and says so, --from-scratch does not, and a session
# it cannot serve (a meter it has no swarm for, other voices, a mix of its
# own) trains from scratch with a notice saying why.  DRUMSWARM_DATADIR
# points at the small version, which is looked in first.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
data="$DS_SRCDIR/tests/data"

small () {
  DS_GENERAL_METERS="4/4 7/8" DS_GENERAL_EPISODES=256 DS_GENERAL_THREADS=$2 \
    sh "$ex/make-general-model.sh" "$ex" "$1" "$DRUMSWARM"
}
mkdir "$tmp/one" "$tmp/two"
small "$tmp/one" 1 >"$tmp/o" 2>"$tmp/e"
is "make-general-model.sh makes a small version" 0 $?
ok "its 4/4 swarm learns from the examples' 4/4 bars" \
  grep -q "^corpus $ex: 4 bars on the grid of 16 steps (3 files; bars of 4/4; left out: 4 bars" "$tmp/o"
ok "its 7/8 swarm from them too, fitted to 7/8" \
  grep -q "^corpus $ex: 4 bars on the grid of 14 steps (3 files; bars of 4/4, fitted" "$tmp/o"
small "$tmp/two" 2 >/dev/null 2>&1
ok "the same bytes on 2 threads as on 1 (4/4)" cmp -s "$tmp/one/general-4-4.dsm" "$tmp/two/general-4-4.dsm"
ok "the same bytes on 2 threads as on 1 (7/8)" cmp -s "$tmp/one/general-7-8.dsm" "$tmp/two/general-7-8.dsm"
kernels=$("$DRUMSWARM" --version | sed -n 's/^kernels //p')
recorded=$(sed -n 's/^# kernels //p' "$data/general-small.sha256")
if [ "$kernels" = "$recorded" ]; then
  (cd "$tmp/one" && grep -v '^#' "$data/general-small.sha256" | sha256sum -c --quiet >"$tmp/sums" 2>&1)
  ok "the bytes recorded when the shipped model was made (else make it again)" test $? -eq 0
else
  tap_n=$((tap_n + 1))
  echo "ok $tap_n # SKIP the recorded bytes are of $recorded kernels, this drumswarm runs $kernels"
fi

# respond without -m: the general model of the loop's meter
export DRUMSWARM_DATADIR="$tmp/one"
run_cli "$tmp/o" "$tmp/e" respond -i "$ex/rock.mid" -o "$tmp/r.mid"
is "respond without -m exits 0" 0 $?
ok "it answers with the 4/4 general model" grep -q "^# the general model $tmp/one/general-4-4.dsm\$" "$tmp/o"
ok "the answer is written" test -s "$tmp/r.mid"
"$DRUMSWARM" respond -i - -o "$tmp/stdin.mid" < "$ex/rock.mid" >"$tmp/o" 2>"$tmp/e"
is "respond without -m reads the loop from the standard input once" 0 $?
ok "and answers it with the 4/4 general model" \
  sh -c "grep -q '^# the general model $tmp/one/general-4-4.dsm\$' '$tmp/o' && test -s '$tmp/stdin.mid'"
"$DRUMSWARM" respond -i "$ex/rock.mid" -o - >"$tmp/stdout.mid" 2>"$tmp/e"
is "respond without -m -o - exits 0" 0 $?
ok "the standard output holds the MIDI file alone, the report goes to the standard error" \
  sh -c "head -c 4 '$tmp/stdout.mid' | grep -q '^MThd' && grep -q '^# the general model' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" respond -i "$data/midi/beatstudio-7-8-120bpm-ch10-2bars.mid" -o "$tmp/r.mid"
ok "a 7/8 loop: the 7/8 general model" grep -q "^# the general model $tmp/one/general-7-8.dsm\$" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" show "$tmp/r.mid"
ok "the answer keeps its 7/8 bars" grep -q '^# meter 7/8, 2 bars, 28 steps' "$tmp/o"

# session: fine-tuned from the general model, or from scratch
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/s.mid" --episodes 128 \
  --log "$tmp/s.csv"
is "session exits 0" 0 $?
ok "session starts from the general model and says so" \
  grep -q "^# started from the general model $tmp/one/general-4-4.dsm; fine-tuned 128 episodes" "$tmp/o"
ok "no notice" test ! -s "$tmp/e"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/f.mid" --episodes 128 --from-scratch \
  --log "$tmp/f.csv"
is "session --from-scratch exits 0" 0 $?
ok "--from-scratch trains fresh agents" grep -q "^# trained 128 episodes from scratch" "$tmp/o"
ok "--from-scratch names no general model" sh -c "! grep -q 'general model' '$tmp/o' '$tmp/e'"
ok "the two trainings differ from their first iteration (other agents started)" \
  sh -c "! cmp -s '$tmp/s.csv' '$tmp/f.csv' && test \"\$(sed -n 2p '$tmp/s.csv')\" != \"\$(sed -n 2p '$tmp/f.csv')\""
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/a.mid" --episodes 128 --agents snare
ok "--agents snare: the snare agent starts from the general model's" \
  grep -q "^# started from the general model" "$tmp/o"
printf '[snare]\nreward = 0.5 target(similarity(loop), 0.7) + 0.5 density-target(0.3)\n' \
  > "$tmp/mix.conf"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/mix.conf" -i "$ex/rock.mid" -o "$tmp/mix.mid" \
  --episodes 128
is "a session of a mix of its own exits 0" 0 $?
ok "a mix of its own: one notice naming the voice, then from scratch" \
  sh -c "test \$(grep -c 'general model' '$tmp/e') -eq 1 && grep -q \"^drumswarm: the mixes of snare are not the general model's .*: training from scratch\" '$tmp/e'"
ok "a mix of its own: the report says from scratch" grep -q "^# trained 128 episodes from scratch" "$tmp/o"
# the controls: those that rewrite mixes train from scratch, --lock does not
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/c.mid" --episodes 128 \
  --density hat=0.8
ok "--density: one notice saying the controls ask for mixes it did not learn" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"^drumswarm: the controls ask for mixes of hat that the general model did not learn .*: training from scratch\$\" '$tmp/e'"
ok "--density: the report says from scratch" grep -q "^# trained 128 episodes from scratch" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/c.mid" --episodes 128 --lock kick
ok "--lock kick: the snare and hat agents start from the general model's" \
  sh -c "grep -q '^# started from the general model' '$tmp/o' && test ! -s '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/c.mid" --episodes 128 \
  --style-weight 2 --anchors-weight 0
ok "--style-weight, --anchors-weight: the scales of those terms, from the general model" \
  sh -c "grep -q '^# started from the general model' '$tmp/o' && test ! -s '$tmp/e'"
ok "the mixes it prints have the weights folded in" \
  sh -c "grep -q '^# mix snare: .*0.7 style(gmd, 2)' '$tmp/o' && ! grep '^# mix' '$tmp/o' | grep -q anchors"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/c.mid" --episodes 128 \
  --like-loop 0.8
ok "--like-loop at its default: the default mixes, from the general model" \
  grep -q '^# started from the general model' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/c.mid" --episodes 128 \
  --fill-every 2 --bars 4
ok "--fill-every: the toms are a voice it lacks, from scratch with a notice" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"^drumswarm: the general model's voices are kick,snare,hat, these kick,snare,hat,tom (--fill-every plays the toms): training from scratch\$\" '$tmp/e' && grep -q '^# trained 128 episodes from scratch' '$tmp/o'"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/v.mid" --episodes 128 \
  --voices kick,snare
is "a session of other voices exits 0" 0 $?
ok "other voices: one notice saying why, then from scratch" \
  sh -c "test \$(grep -c 'general model' '$tmp/e') -eq 1 && grep -q \"^drumswarm: the general model's voices are kick,snare,hat, these kick,snare: training from scratch\" '$tmp/e'"
ok "other voices: the report says from scratch" grep -q "^# trained 128 episodes from scratch" "$tmp/o"
# a loop in 7/4, which no general model plays: two bars, a quarter-note hat,
# kick on 1 and 5, snare on 3 and 7 (a Standard MIDI File written byte by byte)
byte () { printf "\\$(printf '%03o' "$1")"; }
{
  printf '\000\377\130\004\007\002\030\010'          # 7/4
  printf '\000\377\121\003\007\241\040'              # 120 bpm
  q=0
  while [ $q -lt 14 ]; do
    printf '\000\231\052\144'                          # hat
    case $((q % 7)) in 0|4) printf '\000\231\044\144' ;; 2|6) printf '\000\231\046\144' ;; esac
    printf '\030\211\052\000'
    case $((q % 7)) in 0|4) printf '\000\211\044\000' ;; 2|6) printf '\000\211\046\000' ;; esac
    printf '\110\377\001\000'                          # 72 ticks on (an empty text event)
    q=$((q + 1))
  done
  printf '\000\377\057\000'
} > "$tmp/track"
len=$(wc -c < "$tmp/track")
{ printf 'MThd\000\000\000\006\000\000\000\001\000\140MTrk\000\000'
  byte $((len / 256)); byte $((len % 256)); cat "$tmp/track"; } > "$tmp/seven-four.mid"
run_cli "$tmp/o" "$tmp/e" show "$tmp/seven-four.mid"
ok "the 7/4 loop imports" grep -q '^# meter 7/4, 2 bars, 56 steps' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/seven-four.mid" -o "$tmp/m.mid" --episodes 128
is "a session on a meter the general model lacks exits 0" 0 $?
ok "a meter it lacks: one notice naming the meter and the ones it has" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q '^drumswarm: the general model has no swarm for 7/4 (it has .*4/4.*): training from scratch\$' '$tmp/e'"
ok "a meter it lacks: the report says from scratch" grep -q "^# trained 128 episodes from scratch" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" respond -i "$tmp/seven-four.mid" -o "$tmp/x.mid"
is "respond without -m on a meter it lacks exits 1" 1 $?
ok "it says so in one line, naming the loop and the way out" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"seven-four.mid: no -m MODEL given, and the general model has no swarm for 7/4 (it has .*drumswarm session\" '$tmp/e'"
ok "and writes nothing" test ! -e "$tmp/x.mid"

# a loop of two meters: each bar answered by the general model of its meter
# (the 7/8 bars by the 7/8 swarm, as a loop of them alone would be), and a bar
# of a meter it has no swarm for by the main meter's, with a notice
loop_of () { # OUT METER... : a bar of each meter, hat on every eighth, kick on
  # the first, snare on the middle one (96 ticks a quarter)
  out=$1; shift
  : > "$tmp/track"
  printf '\000\377\121\003\007\241\040' >> "$tmp/track"             # 120 bpm
  for m in "$@"; do
    n=${m%/*}; d=${m#*/}; eighths=$((n * 8 / d))
    case $d in 4) dd=2 ;; 8) dd=3 ;; esac
    { printf '\000\377\130\004'; byte "$n"; byte "$dd"; printf '\030\010'; } >> "$tmp/track"
    e=0
    while [ $e -lt $eighths ]; do
      { printf '\000\231\052\144'
        [ $e -eq 0 ] && printf '\000\231\044\144'
        [ $e -eq $((eighths / 2)) ] && printf '\000\231\046\144'
        printf '\030\211\052\000'
        [ $e -eq 0 ] && printf '\000\211\044\000'
        [ $e -eq $((eighths / 2)) ] && printf '\000\211\046\000'
        printf '\030\377\001\000'; } >> "$tmp/track"
      e=$((e + 1))
    done
  done
  printf '\000\377\057\000' >> "$tmp/track"
  len=$(wc -c < "$tmp/track")
  { printf 'MThd\000\000\000\006\000\000\000\001\000\140MTrk\000\000'
    byte $((len / 256)); byte $((len % 256)); cat "$tmp/track"; } > "$out"
}
loop_of "$tmp/mixed.mid" 4/4 4/4 7/8 7/8
loop_of "$tmp/four.mid" 4/4 4/4
loop_of "$tmp/seven.mid" 7/8 7/8
run_cli "$tmp/o" "$tmp/e" show "$tmp/mixed.mid"
ok "the loop of two meters imports: 2 bars of 16 steps, 2 of 14" \
  grep -q '^# meter 4/4,7/8, 4 bars, 60 steps' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" respond -i "$tmp/mixed.mid" -o "$tmp/mixed-answer.mid"
is "respond without -m on a loop of two meters exits 0" 0 $?
ok "its 4/4 bars go to the 4/4 general model" \
  grep -q "^# the general model $tmp/one/general-4-4.dsm: bars 1, 2 (4/4)\$" "$tmp/o"
ok "its 7/8 bars to the 7/8 one" \
  grep -q "^# the general model $tmp/one/general-7-8.dsm: bars 3, 4 (7/8)\$" "$tmp/o"
ok "a report for each" sh -c "grep -q '^# bars 1, 2 (4/4)\$' '$tmp/o' && grep -q '^# bars 3, 4 (7/8)\$' '$tmp/o'"
ok "no notice" test ! -s "$tmp/e"
run_cli "$tmp/four-o" "$tmp/e" respond -i "$tmp/four.mid" -o "$tmp/four-answer.mid"
run_cli "$tmp/seven-o" "$tmp/e" respond -i "$tmp/seven.mid" -o "$tmp/seven-answer.mid"
for v in kick snare hat; do
  after () { sed -n "s/^after	$v	//p" "$1"; }
  is "the $v of the answer: the 4/4 bars as the 4/4 loop's, the 7/8 bars as the 7/8 loop's" \
    "$(after "$tmp/four-o")|$(after "$tmp/seven-o")" "$(after "$tmp/o")"
done
run_cli "$tmp/o" "$tmp/e" show "$tmp/mixed-answer.mid"
ok "the answer keeps the loop's meters" grep -q '^# meter 4/4,7/8, 4 bars, 60 steps' "$tmp/o"
loop_of "$tmp/with-seven-four.mid" 4/4 4/4 7/4
run_cli "$tmp/o" "$tmp/e" respond -i "$tmp/with-seven-four.mid" -o "$tmp/x.mid"
is "a bar of a meter it has no swarm for: respond exits 0" 0 $?
ok "one notice: the main meter's swarm answers it on its grid" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q '^drumswarm: .*with-seven-four.mid: bar 3 (7/4): the general model has no swarm for that meter; the 4/4 swarm answers it on its grid\$' '$tmp/e'"
ok "and the 4/4 model answers every bar" \
  sh -c "grep -q '^# the general model $tmp/one/general-4-4.dsm\$' '$tmp/o' && ! grep -q '^# bars' '$tmp/o'"

# session on a loop of two meters: a swarm for each, fine-tuned from the
# general model of its meter on its own bars
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/mixed.mid" -o "$tmp/mixed-session.mid" --episodes 128 \
  --log "$tmp/mixed.csv"
is "session on a loop of two meters exits 0" 0 $?
ok "it plays one bar of each meter" \
  grep -q '; agents play one bar of 16 steps (4/4), one of 14 steps (7/8)$' "$tmp/o"
ok "the 4/4 bars' swarm starts from the 4/4 general model, and its training is the log's" \
  sh -c "grep -A1 '^# bars 1, 2 (4/4): the swarm whose training --log and --plot show\$' '$tmp/o' | grep -q '^# started from the general model $tmp/one/general-4-4.dsm; fine-tuned 128 episodes'"
ok "the 7/8 bars' from the 7/8 one" \
  sh -c "grep -A1 '^# bars 3, 4 (7/8)\$' '$tmp/o' | grep -q '^# started from the general model $tmp/one/general-7-8.dsm; fine-tuned 128 episodes'"
ok "a report for each, with its yardsticks" \
  sh -c "test \$(grep -c '^voice	before	after	improvement	similarity	chance	coordinate-search' '$tmp/o') -eq 2"
ok "the log holds one training" sh -c "test \$(grep -c '^1,' '$tmp/mixed.csv') -eq 1"
ok "no notice" test ! -s "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show "$tmp/mixed-session.mid"
ok "the session's answer keeps the loop's meters" grep -q '^# meter 4/4,7/8, 4 bars, 60 steps' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/with-seven-four.mid" -o "$tmp/x.mid" --episodes 128
is "session on a loop with a bar of a meter it has no swarm for exits 0" 0 $?
ok "that bar's swarm trains from scratch, one notice saying why" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q '^drumswarm: the general model has no swarm for 7/4 (it has .*): training from scratch\$' '$tmp/e' && grep -A1 '^# bar 3 (7/4)\$' '$tmp/o' | grep -q '^# trained 128 episodes from scratch'"
done_testing
