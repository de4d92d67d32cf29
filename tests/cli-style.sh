#!/bin/sh
# `drumswarm style` as a user meets it: a style learned from a folder of loops
# (subfolders, a list, a table with conditions), the same bytes every time,
# shown, scored, used as a reward term; and the errors, one line each.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')
data="$DS_SRCDIR/tests/data/midi"
mkdir -p "$tmp/loops/gmd" "$tmp/empty"
for f in gmd-funk-4-4-100bpm-unquantised-2bars gmd-hiphop-4-4-75bpm-unquantised-4bars \
         gmd-rock-4-4-100bpm-unquantised-2bars gmd-jazz-3-4-120bpm-unquantised-88bars; do
  cp "$data/$f.mid" "$tmp/loops/gmd/"
done
cp "$data/beatstudio-rock-4-4-120bpm-2bars.mid" "$data/beatstudio-7-8-120bpm-ch10-2bars.mid" \
   "$tmp/loops/"
printf 'not midi' > "$tmp/loops/broken.mid"

run_cli "$tmp/o" "$tmp/e" style learn "$tmp/loops" -o "$tmp/a.dsstyle"
is "learn exits 0" 0 $?
is "learn takes the loops in subfolders and leaves the broken one out" \
  "# style a: 6 loops, 100 bars, 1244 steps at 4 per quarter note" "$(sed -n 1p "$tmp/o")"
ok "learn says which file it left out" grep -q 'broken.mid.*(left out)$' "$tmp/e"
run_cli "$tmp/o" "$tmp/e" style learn "$tmp/loops" -o "$tmp/b.dsstyle" --name a
ok "the same loops give the same bytes" cmp -s "$tmp/a.dsstyle" "$tmp/b.dsstyle"

printf '# two of them\ngmd/gmd-rock-4-4-100bpm-unquantised-2bars.mid\n\nbeatstudio-7-8-120bpm-ch10-2bars.mid\n' \
  > "$tmp/list"
run_cli "$tmp/o" "$tmp/e" style learn "$tmp/loops" --list "$tmp/list" -o "$tmp/l.dsstyle" \
  --voices kick,snare,hat
is "learn --list exits 0" 0 $?
is "learn --list takes the listed loops" "# style l: 2 loops, 4 bars, 60 steps at 4 per quarter note" \
  "$(sed -n 1p "$tmp/o")"
printf 'id,midi_filename,split\n1,gmd/gmd-funk-4-4-100bpm-unquantised-2bars.mid,train\n2,"gmd/gmd-rock-4-4-100bpm-unquantised-2bars.mid",validation\n3,gmd/gmd-hiphop-4-4-75bpm-unquantised-4bars.mid,train\n' \
  > "$tmp/info.csv"
run_cli "$tmp/o" "$tmp/e" style learn "$tmp/loops" --info "$tmp/info.csv" --where split=train \
  -o "$tmp/t.dsstyle"
is "learn --info --where takes the rows that match" \
  "# style t: 2 loops, 6 bars, 96 steps at 4 per quarter note" "$(sed -n 1p "$tmp/o")"

run_cli "$tmp/o" "$tmp/e" style show "$tmp/a.dsstyle"
is "show exits 0" 0 $?
is "show names the voices by class" "class${TAB}share${TAB}kick${TAB}snare${TAB}hat${TAB}tom${TAB}crash${TAB}ride" \
  "$(sed -n 2p "$tmp/o")"
ok "show gives the densities of the downbeat" grep -q "^downbeat${TAB}0\.[0-9]*${TAB}" "$tmp/o"
ok "show gives the calibration" grep -q "^calibration${TAB}kick,snare,hat,tom,crash,ride${TAB}-" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" style show
is "show without a style shows the bundled one" "gmd" "$(sed -n '1s/^# style \([^:]*\):.*/\1/p' "$tmp/o")"

rock='kick=x.......x.x.....,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.'
odd='kick=..x....x.....x..,snare=.x.........x....,hat=x..xx.x..xx..x.x'
run_cli "$tmp/o" "$tmp/e" style score "$rock" "$odd"
is "score exits 0" 0 $?
is "a rock beat scores 1 under the bundled style" "$rock${TAB}style(gmd)${TAB}1" "$(sed -n 1p "$tmp/o")"
is "its onsets placed at random score 0" "$odd${TAB}style(gmd)${TAB}0" "$(sed -n 2p "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" style score --raw --meter 6/8 'kick=x.....x.....,snare=...x.....x..'
ok "score --raw prints the log2-likelihood per step, any meter" \
  grep -q "style(gmd)${TAB}-[0-9.]*$" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" score --reward "snare: 0.5 style + 0.5 style($tmp/a.dsstyle)" "$rock"
is "score --reward takes style terms" 0 $?
is "the bundled style's term" "snare=....x.......x...${TAB}0.5 style${TAB}1${TAB}0.5" "$(sed -n 1p "$tmp/o")"
ok "a style file's term" grep -q "^snare=....x.......x...${TAB}0.5 style($tmp/a.dsstyle)${TAB}" "$tmp/o"

run_cli "$tmp/o" "$tmp/e" score --list
ok "score --list names the style term" grep -qF "style[(NAME or FILE[, SPAN])]${TAB}" "$tmp/o"

run_cli "$tmp/o" "$tmp/e" style eval -s "$tmp/a.dsstyle" "$tmp/loops" --judge kick,snare,hat
is "eval exits 0" 0 $?
ok "eval prints bits per step of the style and the density-only models" \
  test "$(grep -c "^bits-per-step${TAB}" "$tmp/o")" -eq 3
ok "eval prints human and shuffled values" grep -q "^value${TAB}shuffled${TAB}" "$tmp/o"

# errors: one line, exit 1 for a bad file or value, 2 for a usage error
one_line_with () { test "$(wc -l <"$2")" -eq 1 && grep -q -- "$1" "$2"; }
err () {
  name=$1 status=$2 pattern=$3; shift 3
  run_cli "$tmp/o" "$tmp/e" "$@"
  is "$name: exit $status" "$status" $?
  ok "$name: one line saying so" one_line_with "$pattern" "$tmp/e"
}
err "no subcommand" 2 "give a subcommand" style
err "unknown subcommand" 2 "'fit' is not a subcommand" style fit
err "learn without a folder" 2 "give one DIR" style learn -o "$tmp/x.dsstyle"
err "learn without -o" 2 "give the style's file" style learn "$tmp/loops"
err "learn --where without --info" 2 "give one" style learn "$tmp/loops" --where split=train -o "$tmp/x.dsstyle"
err "learn --list and --info" 2 "not both" style learn "$tmp/loops" --list "$tmp/list" --info "$tmp/info.csv" -o "$tmp/x.dsstyle"
err "learn from a missing folder" 1 "not a folder of loops" style learn "$tmp/none" -o "$tmp/x.dsstyle"
err "learn from a folder without loops" 1 "no MIDI file" style learn "$tmp/empty" -o "$tmp/x.dsstyle"
err "learn a list naming a missing file" 1 "info.csv:1: .*no such file" style learn "$tmp/loops" --list "$tmp/info.csv" -o "$tmp/x.dsstyle"
err "learn with an unknown column" 1 "no column 'kind'" style learn "$tmp/loops" --info "$tmp/info.csv" --where kind=beat -o "$tmp/x.dsstyle"
printf '[midi]\nvoices = kick,snare,hat,tom,crash,ride,cowbell\ncowbell = 56\n' > "$tmp/seven.conf"
err "learn with seven voices (the config's)" 1 "1 to 6 voices" style learn "$tmp/loops" -o "$tmp/x.dsstyle" -c "$tmp/seven.conf"
err "learn at auto resolution" 2 "resolution" style learn "$tmp/loops" --resolution auto -o "$tmp/x.dsstyle"
ok "nothing written on errors" test ! -e "$tmp/x.dsstyle"
cp "$tmp/a.dsstyle" "$tmp/corrupt.dsstyle"
printf 'X' | dd of="$tmp/corrupt.dsstyle" bs=1 seek=300 conv=notrunc 2>/dev/null
err "a corrupt style" 1 "corrupt.dsstyle: the style file is corrupt" style show "$tmp/corrupt.dsstyle"
head -c 500 "$tmp/a.dsstyle" > "$tmp/short.dsstyle"
err "a truncated style" 1 "short.dsstyle: truncated style file" style score -s "$tmp/short.dsstyle" "$rock"
err "learn --name with a tab (style score prints names in tab-separated lines)" 1 \
  "learn: --name: 'a\\\\tb' is not a style name" style learn "$tmp/loops" --name "a${TAB}b" -o "$tmp/x.dsstyle"
if [ -n "$PYTHON3_SYSTEM" ]; then
  # a style file whose name holds a newline, its checksum made again
  "$PYTHON3_SYSTEM" -c '
import hashlib, sys
d = open(sys.argv[1], "rb").read()
body = d[:d.rindex(b"sha256 ")].replace(b"text name 1\na\n", b"text name 3\na\nb\n", 1)
open(sys.argv[2], "wb").write(body + b"sha256 " + hashlib.sha256(body).hexdigest().encode() + b"\n")
' "$tmp/a.dsstyle" "$tmp/newline.dsstyle"
  err "a style file whose name holds a newline" 1 "newline.dsstyle: 'a\\\\nb' is not a style name" \
    style score -s "$tmp/newline.dsstyle" "$rock"
fi
err "a MIDI file as a style" 1 "not a drumswarm style file" style show "$data/gmd-rock-4-4-100bpm-unquantised-2bars.mid"
err "an unknown bundled style" 1 "bundled file 'jazz.dsstyle' not found (looked in" style show jazz
err "a style term on an unknown style" 1 "term 'style(jazz)'" score --reward 'snare: style(jazz)' "$rock"
err "a stage the style cannot judge" 1 "none of them" style score 'clap=x...x...x...x...'
err "score without patterns" 2 "give at least one PATTERN" style score
err "score of an unnamed pattern" 2 "name the voices" style score 'x...x...x...x...'

run_cli "$tmp/o" "$tmp/e" help style
is "help style exits 0" 0 $?
for sub in 'learn DIR -o FILE' 'show \[--all\] \[STYLE\]' 'score \[-s STYLE\]' 'eval \[-s STYLE\] DIR'; do
  ok "help style shows: style $sub" grep -q "^  drumswarm style $sub" "$tmp/o"
done
done_testing
