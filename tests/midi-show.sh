#!/bin/sh
# `drumswarm show` prints, for every shared loop, exactly the grid a listener
# writes down (tests/data/midi/GRIDS.tsv, computed by independent code with
# python3-mido), with the header the contract fixes; and the show and convert
# command lines behave (options, notices, refusing to write over the input).
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')
data="$DS_SRCDIR/tests/data/midi"

tail -n +3 "$data/GRIDS.tsv" >"$tmp/grids"
while IFS="$TAB" read -r file steps bars voice grid; do
  "$DRUMSWARM" show "$data/$file" >"$tmp/o" 2>/dev/null
  got=$(awk -F"$TAB" -v v="$voice" '$1 == v { print $2 }' "$tmp/o")
  is "$file: $voice" "$grid" "$got"
done <"$tmp/grids"

run_cli "$tmp/o" "$tmp/e" show "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "show exits 0" 0 $?
is "header line" "# meter 4/4, 2 bars, 32 steps, 120 bpm" "$(head -n 1 "$tmp/o")"
is "a line per voice" "kick snare hat" "$(tail -n +2 "$tmp/o" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
ok "nothing on stderr" test ! -s "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show "$data/beatstudio-5-4-then-7-8-100bpm-ch10.mid"
is "meter change header" "# meter 5/4,7/8, 4 bars, 68 steps, 100 bpm" "$(head -n 1 "$tmp/o")"
is "unmapped toms said once" 1 "$(wc -l <"$tmp/e")"
ok "... naming the notes" grep -q "4 notes that map to no voice, not on the grid (an answer passes them through): note 47 (x2), 48 (x2)" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show --all-notes "$data/beatstudio-5-4-then-7-8-100bpm-ch10.mid"
is "--all-notes adds a line per unmapped note" "note-47${TAB}....................|....................|..............|............xx|note-48${TAB}....................|....................|..............|..........xx..|" \
  "$(grep '^note-' "$tmp/o" | tr '\n' '|')"
run_cli "$tmp/o" "$tmp/e" show "$data/gmd-jazz-3-4-120bpm-unquantised-88bars.mid"
is "3/4 header" "# meter 3/4, 88 bars, 1056 steps, 120 bpm" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show "$data/gmd-rock-6-8-80bpm-unquantised-9bars.mid"
is "6/8 header" "# meter 6/8, 9 bars, 108 steps, 80 bpm" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show "$data/tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid"
ok "drums on channel 1: said in one line" grep -q "channel 10 has no notes; took the notes of channel 1$" "$tmp/e"
is "no time signature: 4/4" "# meter 4/4, 2 bars, 32 steps, 104 bpm" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --voices kick,snare,hat,ride "$data/tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid"
is "--voices adds the ride" "ride${TAB}xxxxx.xxx.xxx.xx|x.xxx.xxxxxxxxxx" "$(grep '^ride' "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --channel 1 "$data/tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid"
ok "--channel 1: no fallback notice" sh -c "! grep -q 'channel 10 has no notes' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" show --channel 2 "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "--channel without notes exits 1" 1 $?
run_cli "$tmp/o" "$tmp/e" show --bars 1 "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "--bars 1" "# meter 4/4, 1 bars, 16 steps, 120 bpm" "$(head -n 1 "$tmp/o")"
ok "--bars 1 says what it left out" grep -q "notes after the end of bar 1 left out" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show --resolution 8 "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "--resolution 8 header" "# meter 4/4, 2 bars, 64 steps, 120 bpm, 8 steps per quarter" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --resolution auto "$data/daw-rock-4-4-120bpm-slightly-unquantised-1bar.mid"
is "--resolution auto says its grid" "# meter 4/4, 1 bars, 16 steps, 120 bpm, 4 steps per quarter (auto)" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --resolution auto "$data/gmd-rock-4-4-100bpm-unquantised-2bars.mid"
ok "auto on a played loop says no grid fits" grep -q "no grid of 4, 3, 6, 8, 12 or 16" "$tmp/e"
is "auto on a played straight loop: 16ths" "# meter 4/4, 2 bars, 32 steps, 100 bpm, 4 steps per quarter (auto)" "$(head -n 1 "$tmp/o")"
# a played shuffle: its onsets lie nearer the triplets than the 16ths, and on
# triplets the ride plays the shuffle's long-short figure
run_cli "$tmp/o" "$tmp/e" show --resolution auto --voices kick,snare,ride "$data/gmd-blues-shuffle-4-4-134bpm-unquantised-2bars.mid"
is "auto on a played shuffle: triplets" "# meter 4/4, 2 bars, 24 steps, 134 bpm, 3 steps per quarter (auto)" "$(head -n 1 "$tmp/o")"
ok "... and says why, in one line" sh -c "test \$(grep -c 'quantised to 3 per quarter, triplets' '$tmp/e') -eq 1"
is "... the ride's shuffle on the triplets" "ride${TAB}...x.xx.xx..|..xx.xx.xx.x" "$(grep '^ride' "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --resolution auto --bars 2 "$data/gmd-jazz-3-4-120bpm-unquantised-88bars.mid"
is "auto on played jazz in 3/4: triplets" "# meter 3/4, 2 bars, 18 steps, 120 bpm, 3 steps per quarter (auto)" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --resolution auto "$data/gmd-hiphop-4-4-75bpm-unquantised-4bars.mid"
is "auto on played hip-hop: 16ths" "# meter 4/4, 4 bars, 64 steps, 75 bpm, 4 steps per quarter (auto)" "$(head -n 1 "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" show --resolution 7 "$data/beatstudio-7-8-120bpm-ch10-2bars.mid"
is "a resolution that does not fit 7/8 exits 1" 1 $?
ok "... and says why" grep -q "a 7/8 bar does not fit a grid of 7 steps per quarter note" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show --resolution 0 "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "--resolution 0 is a usage error (exit 2)" 2 $?
run_cli "$tmp/o" "$tmp/e" show --accents "$data/gmd-funk-4-4-100bpm-unquantised-2bars.mid"
ok "--accents prints X" grep -q "X" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" show --accents --accent-velocity 127 "$data/gmd-funk-4-4-100bpm-unquantised-2bars.mid"
n_high=$(tail -n +2 "$tmp/o" | cut -f2 | tr -cd X | wc -c)
run_cli "$tmp/o" "$tmp/e" show --accents --accent-velocity 1 "$data/gmd-funk-4-4-100bpm-unquantised-2bars.mid"
is "--accent-velocity 1: every onset is an accent" 0 "$(tail -n +2 "$tmp/o" | cut -f2 | tr -cd x | wc -c)"
ok "--accent-velocity 127: fewer accents ($n_high)" test "$n_high" -lt "$(tail -n +2 "$tmp/o" | cut -f2 | tr -cd X | wc -c)"
run_cli "$tmp/o" "$tmp/e" show --accent-velocity 0 "$data/gmd-funk-4-4-100bpm-unquantised-2bars.mid"
is "--accent-velocity 0 is a usage error (exit 2)" 2 $?
run_cli "$tmp/o" "$tmp/e" show; is "show without a file exits 2" 2 $?
run_cli "$tmp/o" "$tmp/e" show --frob x.mid; is "show with an unknown option exits 2" 2 $?

printf '[midi]\nvoices = kick,snare,hat,ride\n' >"$tmp/c.conf"
run_cli "$tmp/o" "$tmp/e" show -c "$tmp/c.conf" "$data/gmd-blues-shuffle-4-4-134bpm-unquantised-2bars.mid"
ok "-c: the config's voices" grep -q "^ride${TAB}" "$tmp/o"
printf '[midi]\nchanel = 3\n' >"$tmp/bad.conf"
run_cli "$tmp/o" "$tmp/e" show -c "$tmp/bad.conf" "$data/beatstudio-rock-4-4-120bpm-2bars.mid"
is "a bad [midi] key exits 1" 1 $?
ok "... naming file:line and the key" grep -q "bad.conf:2: \[midi\] has no key 'chanel'; did you mean 'channel'?" "$tmp/e"

cp "$data/gmd-funk-4-4-100bpm-unquantised-2bars.mid" "$tmp/in.mid"
sum_before=$(cksum <"$tmp/in.mid")
run_cli "$tmp/o" "$tmp/e" convert "$tmp/in.mid" "$tmp/in.mid"
is "convert onto its input is a usage error (exit 2)" 2 $?
ok "... saying so" grep -q "is the input file" "$tmp/e"
is "... leaving the input as it was" "$sum_before" "$(cksum <"$tmp/in.mid")"
run_cli "$tmp/o" "$tmp/e" convert --repeat 2 --groove 0.5 "$tmp/in.mid" "$tmp/out.mid"
is "convert exits 0" 0 $?
is "convert leaves the input as it was" "$sum_before" "$(cksum <"$tmp/in.mid")"
"$DRUMSWARM" show "$tmp/out.mid" >"$tmp/o2" 2>/dev/null
is "convert --repeat 2: twice the bars" "# meter 4/4, 4 bars, 64 steps, 100 bpm" "$(head -n 1 "$tmp/o2")"
is "convert leaves only its output" "in.mid out.mid" "$(ls "$tmp" | grep '\.mid' | tr '\n' ' ' | sed 's/ $//')"
# a named pipe (as /dev/null or /dev/stdout) is written in place: a rename over
# it would put a regular file where the pipe or the device was
mkfifo "$tmp/pipe"
(timeout 20 cat "$tmp/pipe" >"$tmp/from-pipe" &)
timeout 20 "$DRUMSWARM" convert "$tmp/in.mid" "$tmp/pipe" >"$tmp/o" 2>"$tmp/e"
is "convert into a named pipe exits 0" 0 $?
ok "... leaves the pipe a pipe" test -p "$tmp/pipe"
[ -p "$tmp/pipe" ] || rm -f "$tmp/pipe"
sleep 1
is "... and the reader gets the MIDI file" "MThd" "$(head -c 4 "$tmp/from-pipe")"
ok "... leaving no temporary file beside it" test -z "$(ls "$tmp" | grep 'pipe\.')"
rm -f "$tmp/pipe" "$tmp/from-pipe"
cd "$tmp" && cp in.mid ./-dash.mid
run_cli "$tmp/o" "$tmp/e" show -- -dash.mid; is "show -- -dash.mid reads the file after '--'" 0 $?
rm -f ./-dash.mid; cd - >/dev/null
run_cli "$tmp/o" "$tmp/e" convert "$tmp/in.mid"; is "convert with one file exits 2" 2 $?
run_cli "$tmp/o" "$tmp/e" convert --groove 2 "$tmp/in.mid" "$tmp/x.mid"; is "convert --groove 2 is a usage error (exit 2)" 2 $?
ok "... naming the option" grep -q -- "--groove must be 0 to 1" "$tmp/e"
done_testing
