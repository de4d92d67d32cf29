#!/bin/sh
# Malformed MIDI files: every one gets exit status 1 and one line on stderr,
# `drumswarm: FILE: what is wrong`, from show and from convert (which then
# writes nothing); and, when valgrind is installed, importing all of them
# leaks nothing and touches no bad memory.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dir="$DS_SRCDIR/tests/data/midi/malformed"

check () {  # check FILE PHRASE: show FILE fails with one line naming FILE and PHRASE
  file=$1 phrase=$2
  run_cli "$tmp/o" "$tmp/e" show "$file"
  status=$?
  base=$(basename "$file")
  is "$base: exit status 1" 1 $status
  ok "$base: one line on stderr" test "$(wc -l <"$tmp/e")" -eq 1
  ok "$base: names the file" grep -q -F "drumswarm: $file: " "$tmp/e"
  ok "$base: says '$phrase'" grep -q -F -- "$phrase" "$tmp/e"
  ok "$(basename "$file"): nothing on stdout" test ! -s "$tmp/o"
}

check "$dir/empty.mid" "empty file"
check "$dir/truncated-header.mid" "truncated header"
check "$dir/truncated-track.mid" "file is truncated: track 1"
check "$dir/track-length-past-end.mid" "claims 2147483647 bytes but the file has 87 left"
check "$dir/ppqn-zero.mid" "0 ticks per quarter note"
check "$dir/smpte-division.mid" "SMPTE time division"
check "$dir/garbage-after-last-track.mid" "bytes of garbage after the last track"
check "$dir/random-bytes.mid" "not a Standard MIDI File"
check "$dir/not-midi.mid" "not a Standard MIDI File"
check "$dir/header-length-7.mid" "header length 7"
check "$dir/format-2.mid" "format 2"
check "$dir/format-0-two-tracks.mid" "format 0 allows one track"
check "$dir/no-tracks.mid" "declares no tracks"
check "$dir/missing-track.mid" "declares 2 tracks, the file holds 1"
check "$dir/no-end-of-track.mid" "no end-of-track event"
check "$dir/after-end-of-track.mid" "after its end-of-track event"
check "$dir/running-status-without-status.mid" "no running status"
check "$dir/data-byte-too-high.mid" "is not below 0x80"
check "$dir/system-message.mid" "system message"
check "$dir/meta-length-past-track.mid" "claims 127 bytes"
check "$dir/delta-too-long.mid" "longer than four bytes"
check "$dir/tempo-wrong-size.mid" "meta event 0x51"
check "$dir/time-signature-wrong-size.mid" "meta event 0x58"
check "$dir/ends-inside-event.mid" "ends inside an event"

# a huge file (sparse, made here) is refused by its size before it is read
dd if=/dev/zero of="$tmp/huge.mid" bs=1 count=0 seek=64M 2>/dev/null
printf 'MThd' | dd of="$tmp/huge.mid" conv=notrunc 2>/dev/null
check "$tmp/huge.mid" "is more than the 4 MiB"

run_cli "$tmp/o" "$tmp/e" show "$tmp/no-such.mid"; is "missing file: exit status 1" 1 $?
ok "missing file: one line naming it" grep -q "^drumswarm: $tmp/no-such.mid: cannot read: no such file" "$tmp/e"
run_cli "$tmp/o" "$tmp/e" show "$tmp"; is "a directory: exit status 1" 1 $?
# a device without end is read only up to the size limit, not until memory runs out
timeout 10 "$DRUMSWARM" show /dev/zero >"$tmp/o" 2>"$tmp/e"
is "show /dev/zero: exit status 1, at once" 1 $?
ok "show /dev/zero: one line naming it" sh -c "test \$(wc -l <'$tmp/e') -eq 1 && grep -q '^drumswarm: /dev/zero: more than 4 MiB' '$tmp/e'"

run_cli "$tmp/o" "$tmp/e" convert "$dir/truncated-track.mid" "$tmp/out.mid"
is "convert of a malformed file: exit status 1" 1 $?
ok "convert of a malformed file: one line" test "$(wc -l <"$tmp/e")" -eq 1
ok "convert of a malformed file writes nothing" test ! -e "$tmp/out.mid"
ok "convert leaves no temporary file" test -z "$(ls "$tmp" | grep out.mid)"

if command -v valgrind >/dev/null 2>&1 && ! ldd "$DRUMSWARM" | grep -q asan; then
  G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind -q --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
    "$(dirname "$DRUMSWARM")/tests/test-midi-check" -q -p /midi/check/malformed-folder \
    >/dev/null 2>"$tmp/v"
  is "valgrind: importing every malformed file leaks nothing, reads nothing bad" 0 $?
  [ -s "$tmp/v" ] && sed 's/^/# /' "$tmp/v" | head -40
  G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind -q --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
    "$DRUMSWARM" show "$dir/truncated-track.mid" >"$tmp/o" 2>"$tmp/v"
  is "valgrind: show of a truncated track exits 1, clean" 1 $?
  ok "valgrind: ... and says only its one line" test "$(wc -l <"$tmp/v")" -eq 1
else
  echo "# valgrind is not installed: skipped the leak checks"
fi
done_testing
