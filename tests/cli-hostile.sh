#!/bin/sh
# Hostile inputs and rough handling that a user should never see as a hang, a
# half-written file or a confusing message: long repeats, SIGKILL during a
# write, stale temporary files, usage errors, impossible configs and models.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
data="$DS_SRCDIR/tests/data/midi"
jazz="$data/gmd-jazz-3-4-120bpm-unquantised-88bars.mid"
one_line () { test "$(wc -l <"$1")" -eq 1 && grep -q -- "$2" "$1"; }
have_mido () { [ -n "$PYTHON3_SYSTEM" ] && "$PYTHON3_SYSTEM" -c 'import mido' 2>/dev/null; }

# --- convert --repeat: linear in the output ------------------------------------------
# 1024 repetitions of 88 bars took ten minutes when libsmf built and freed the
# tracks (quadratic); linear, it is a second or two.  The timeout only guards
# against the old behaviour coming back; speed is measured in bench/.
timeout 120 "$DRUMSWARM" convert --repeat 1024 "$jazz" "$tmp/long.mid" 2>"$tmp/e"
is "convert --repeat 1024 of an 88-bar loop finishes (exit 0)" 0 $?
"$DRUMSWARM" show "$jazz" 2>/dev/null | tail -n +2 | cut -f2 | tr -cd 'xX' | wc -c >"$tmp/onsets"
if have_mido; then
  "$PYTHON3_SYSTEM" -c '
import sys, mido
m = mido.MidiFile(sys.argv[1])
print(sum(1 for t in m.tracks for e in t if e.type == "note_on" and e.velocity > 0))' \
    "$tmp/long.mid" >"$tmp/notes" 2>&1
  is "mido reads 1024 times the loop's onsets" "$(($(cat "$tmp/onsets") * 1024))" "$(cat "$tmp/notes")"
fi
timeout 120 "$DRUMSWARM" convert --repeat 3 "$jazz" "$tmp/three.mid" 2>/dev/null
"$DRUMSWARM" show --bars 88 "$tmp/three.mid" >"$tmp/three.txt" 2>/dev/null
"$DRUMSWARM" show "$jazz" >"$tmp/one.txt" 2>/dev/null
ok "a repeated loop's first repetition is the loop" \
  sh -c "tail -n +2 '$tmp/one.txt' | cut -f2 >'$tmp/a'; tail -n +2 '$tmp/three.txt' | cut -f2 >'$tmp/b'; cmp -s '$tmp/a' '$tmp/b'"

# --- SIGKILL during a write leaves no temporary file ------------------------------
# Each run is killed at a different moment of a 5 MB write; whatever the moment,
# the folder holds the old file or the new one, whole, and nothing else.
mkdir "$tmp/kill"
cp "$ex/rock.mid" "$tmp/kill/out.mid"
"$DRUMSWARM" convert "$ex/rock.mid" "$tmp/rock.mid" 2>/dev/null
i=0
for delay in 0.05 0.15 0.25 0.35 0.45 0.6 0.8 1.0 1.3 1.6; do
  "$DRUMSWARM" convert --repeat 1024 "$jazz" "$tmp/kill/out.mid" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  i=$((i + 1))
done
ok "after $i runs killed by SIGKILL, no other file is left beside the output" \
  test "$(ls -A "$tmp/kill")" = out.mid
ok "... and the output is the old file or the new one, whole" \
  sh -c "cmp -s '$tmp/kill/out.mid' '$ex/rock.mid' || cmp -s '$tmp/kill/out.mid' '$tmp/long.mid'"

# A temporary file of ours whose process is gone is removed by the next write
# there; one whose process lives (this shell) is left alone.
sh -c 'exit 0' & dead=$!; wait "$dead"
: >"$tmp/kill/out.mid.drumswarm-$dead-AbC123"
: >"$tmp/kill/out.mid.drumswarm-$$-XyZ789"
: >"$tmp/kill/other.mid.drumswarm-$dead-AbC123"
: >"$tmp/kill/out.mid.drumswarm-notapid"
"$DRUMSWARM" convert "$ex/rock.mid" "$tmp/kill/out.mid" 2>/dev/null
ok "a stale temporary file of the output is removed by the next write" \
  test ! -e "$tmp/kill/out.mid.drumswarm-$dead-AbC123"
ok "a temporary file whose process lives is kept" test -e "$tmp/kill/out.mid.drumswarm-$$-XyZ789"
ok "another file's temporary file is not touched" test -e "$tmp/kill/other.mid.drumswarm-$dead-AbC123"
ok "a name that is not our pattern is not touched" test -e "$tmp/kill/out.mid.drumswarm-notapid"
ok "the output was written" cmp -s "$tmp/rock.mid" "$tmp/kill/out.mid"
chmod 640 "$tmp/kill/out.mid"
"$DRUMSWARM" convert --repeat 2 "$ex/rock.mid" "$tmp/kill/out.mid" 2>/dev/null
ok "replacing a file keeps its permissions" test "$(stat -c %a "$tmp/kill/out.mid")" = 640

# --- usage errors exit 2 everywhere ---------------------------------------------------
for c in "convert --repeat 0 $ex/rock.mid $tmp/x.mid" "convert --repeat 5000 $ex/rock.mid $tmp/x.mid" \
         "convert --humanize 7 $ex/rock.mid $tmp/x.mid" "show --channel 17 $ex/rock.mid" \
         "score --meter 99/64 x..." "score --meter 4/4:1+1 x..." "convert $ex/rock.mid $ex/rock.mid" \
         "session -i $ex/rock.mid -o $tmp/x.mid --groove 3" "respond -m x -i $ex/rock.mid -o $tmp/x.mid --bars 0"; do
  # shellcheck disable=SC2086
  "$DRUMSWARM" $c >"$tmp/o" 2>"$tmp/e"
  is "'$c' is a usage error (exit 2)" 2 $?
  ok "... one line pointing at the command's help" one_line "$tmp/e" "(see 'drumswarm help "
done

done_testing
