#!/bin/sh
# The musician's controls (session and respond): each moves the answer the way
# it says, on the example loops; and bad values get clear usage errors.
# Sessions here train briefly (64 stages, 1024 episodes): what moves the
# answer is the mix the controls compile, which the answer's polish follows.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
TAB=$(printf '\t')
printf '[train]\nstages = 64\n' > "$tmp/small.conf"

# session S ARGS...: a short session on rock.mid, its report in $tmp/S
session () {
  name=$1; shift
  "$DRUMSWARM" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/$name.mid" \
    --episodes 1024 --threads 2 "$@" > "$tmp/$name" 2> "$tmp/$name.err"
}
# grid FILE WHEN VOICE: the voice's grid before or after, bars joined
grid () { awk -F"$TAB" -v w="$2" -v v="$3" '$1 == w && $2 == v { gsub(/\|/, "", $3); print $3 }' "$1"; }
# changed FILE: cells of kick, snare and hat that differ before and after
changed () {
  for v in kick snare hat; do
    echo "$(grid "$1" before $v) $(grid "$1" after $v)"
  done | awk '{ a = toupper($1); b = toupper($2)
                for (i = 1; i <= length(a); i++) n += substr(a, i, 1) != substr(b, i, 1) }
              END { print n + 0 }'
}
# hits FILE VOICE: the voice's onsets after
hits () { grid "$1" after "$2" | tr -cd 'xX' | wc -c; }

session default
is "a default session exits 0" 0 $?
ok "a default answer is no copy of the loop" test "$(changed "$tmp/default")" -gt 0

session near --like-loop 1
session far --like-loop 0
is "--like-loop exits 0" "0 0" "$(test -s "$tmp/near.mid"; echo $?) $(test -s "$tmp/far.mid"; echo $?)"
ok "--like-loop 1 changes fewer cells ($(changed "$tmp/near")) than 0 ($(changed "$tmp/far"))" \
  test "$(changed "$tmp/near")" -lt "$(changed "$tmp/far")"
ok "--like-loop 1 asks for the loop itself: similarity target 1" \
  grep -q "^# mix kick: .*target(similarity(loop), 1)" "$tmp/near"
ok "--like-loop 0: similarity target 0.75" grep -q "target(similarity(loop), 0.75)" "$tmp/far"

session locked --lock kick --like-loop 0
ok "--lock kick keeps the kick exactly" \
  test "$(grep "^before${TAB}kick" "$tmp/locked" | cut -f3)" = "$(grep "^after${TAB}kick" "$tmp/locked" | cut -f3)"
ok "--lock kick: the kick is no agent" test "$(grep -c "^kick${TAB}" "$tmp/locked")" -eq 0

session busy --density hat=0.8 --episodes 8192
ok "--density hat=0.8 gives a busier hat ($(hits "$tmp/busy" hat) hits) than the default ($(hits "$tmp/default" hat))" \
  test "$(hits "$tmp/busy" hat)" -gt "$(hits "$tmp/default" hat)"
ok "--density hat=0.8 compiles to density-target(0.8)" \
  grep -q "^# mix hat: .*0.6 density-target(0.8)" "$tmp/busy"
ok "and the hat's density-target(loop) gives way" \
  test "$(grep "^# mix hat:" "$tmp/busy" | grep -c "density-target(loop)")" -eq 0

session synco --syncopation snare=0.9
ok "--syncopation snare=0.9 compiles to target(lhl, 0.9)" \
  grep -q "^# mix snare: .*0.6 target(lhl, 0.9)" "$tmp/synco"
lhl () { "$DRUMSWARM" score --raw --measure lhl "$(grid "$1" after snare | cut -c1-16)" | cut -f3; }
ok "--syncopation snare=0.9 gives a more syncopated snare (lhl $(lhl "$tmp/synco") against $(lhl "$tmp/default"))" \
  awk -v a="$(lhl "$tmp/synco")" -v b="$(lhl "$tmp/default")" 'BEGIN { exit !(a > b) }'

session weights --style-weight 2 --anchors-weight 0
ok "--style-weight 2 doubles the style's weight" grep -q "^# mix snare: .*0.7 style(gmd, 2)" "$tmp/weights"
ok "--anchors-weight 0 leaves the anchors out" \
  test "$(grep "^# mix" "$tmp/weights" | grep -c anchors)" -eq 0

# bad values: usage errors that name the option
for bad in "--like-loop 1.5" "--style-weight -1" "--anchors-weight 11" "--density hat" \
           "--density hat=2" "--syncopation snare=x" "--lock ''"; do
  eval "set -- $bad"
  run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" "$@"
  is "session $bad: usage error" 2 $?
  ok "session $bad: the message names the option" grep -q -- "${1%% *}" "$tmp/e"
done
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/x.mid" \
  --episodes 64 --lock cowbell
is "--lock of a voice the session lacks is a usage error" 2 $?
ok "naming the option, the voice and the session's voices" \
  grep -q -- "--lock: 'cowbell' is not one of the voices (kick,snare,hat)" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" respond -i "$ex/rock.mid" -o "$tmp/x.mid" --lock snar
is "respond --lock of a misspelt voice is a usage error" 2 $?
ok "saying which voice was meant" grep -q -- "--lock: 'snar' is not one of the voices (kick,snare,hat); did you mean 'snare'?" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/x.mid" \
  --episodes 64 --lock kick,snare,hat
is "--lock of every voice fails" 1 $?
ok "saying no agent is left" grep -q "no agent to play" "$tmp/e"

# respond: the controls a trained model takes
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/small.conf" -o "$tmp/model.dsm" --episodes 1024 -q
is "train a small model" 0 $?
respond () {
  name=$1; shift
  "$DRUMSWARM" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/$name.mid" "$@" \
    > "$tmp/$name" 2> "$tmp/$name.err"
}
respond r-locked --lock kick,hat
ok "respond --lock kick,hat keeps them exactly" \
  test "$(grid "$tmp/r-locked" before kick)$(grid "$tmp/r-locked" before hat)" \
     = "$(grid "$tmp/r-locked" after kick)$(grid "$tmp/r-locked" after hat)"
respond r-near --like-loop 1
respond r-far --like-loop 0
ok "respond --like-loop 1 changes fewer cells ($(changed "$tmp/r-near")) than 0 ($(changed "$tmp/r-far"))" \
  test "$(changed "$tmp/r-near")" -lt "$(changed "$tmp/r-far")"
respond r-weights --style-weight 3 --anchors-weight 0.5
is "respond takes the style and anchors weights" 0 $?
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/x.mid" \
  --density hat=0.8
is "respond --density: a usage error" 2 $?
ok "saying a trained model cannot take it" grep -q "a trained model cannot take them" "$tmp/e"
done_testing
