#!/bin/sh
# The whole kit in session and respond: --voices never adds a voice the user
# left out; ride, toms and crash can be agents; every voice no agent plays
# passes through (its grid unchanged) and the report says what passed.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
jazz="$DS_SRCDIR/tests/data/midi/gmd-jazz-3-4-120bpm-unquantised-88bars.mid"
TAB=$(printf '\t')
printf '[train]\nstages = 64\n' > "$tmp/small.conf"

# the grid of VOICE in FILE (4 bars), as show prints it
grid () {
  "$DRUMSWARM" show --bars 4 --voices "$1" "$2" 2>/dev/null | grep "^$1${TAB}"
}

# kick, snare and ride: no hat agent, the hat (pedal hat 44) passes through
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$jazz" -o "$tmp/ride.mid" --bars 4 \
  --episodes 128 --voices kick,snare,ride
is "session --voices kick,snare,ride exits 0" 0 $?
is "agents kick, snare and ride, no hat" "kick snare ride" \
  "$(grep -E "^[a-z]+${TAB}[0-9]" "$tmp/o" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
ok "no hat in the grids" sh -c "! grep -q '^\(before\|after\)${TAB}hat' '$tmp/o'"
ok "the report says the hat passed through" grep -q "^# passed through: .*hat [0-9]" "$tmp/o"
is "the hat of the answer is the loop's" "$(grid hat "$jazz")" "$(grid hat "$tmp/ride.mid")"
ok "the ride plays in the answer" sh -c "grep '^after${TAB}ride${TAB}' '$tmp/o' | grep -q x"

# ride, toms and crash as agents; kick, snare and hat are context, as played
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$jazz" -o "$tmp/cymbals.mid" \
  --bars 4 --episodes 128 --voices kick,snare,hat,ride,tom,crash --agents ride,tom,crash
is "session with ride, tom and crash agents exits 0" 0 $?
is "a report line per agent: ride, tom, crash" "ride tom crash" \
  "$(grep -E "^[a-z]+${TAB}[0-9]" "$tmp/o" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
for voice in kick snare hat; do
  is "$voice (context) passes through unchanged" "$(grid $voice "$jazz")" \
    "$(grid $voice "$tmp/cymbals.mid")"
done
ok "the report names the context voices that passed through" \
  grep -q "^# passed through: [0-9]* drum notes (.*kick [0-9]*.*snare [0-9]*" "$tmp/o"
ok "the ride keeps time: a hit on every bar's downbeat" \
  sh -c "grep '^after${TAB}ride${TAB}' '$tmp/o' | cut -f3 | tr '|' '\n' | grep -c '^x' | grep -qx 4"

# a model with a ride agent reads the loop's ride without --voices
printf '[stage]\nvoices = kick,snare,ride\nmeter = 3/4\nlength = 12\n[train]\nstages = 64\n' \
  > "$tmp/ride.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/ride.conf" -o "$tmp/ride.dsm" --episodes 128 -q
is "train a model with a ride agent" 0 $?
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/ride.dsm" -i "$jazz" -o "$tmp/r.mid" --bars 4
is "respond exits 0" 0 $?
is "respond reads the loop's ride (the model's voice)" \
  "$(grid ride "$jazz" | cut -f2)" "$(grep "^before${TAB}ride${TAB}" "$tmp/o" | cut -f3)"
ok "respond passes the hat through and says so" grep -q "^# passed through: .*hat [0-9]" "$tmp/o"
is "... unchanged" "$(grid hat "$jazz")" "$(grid hat "$tmp/r.mid")"
done_testing
