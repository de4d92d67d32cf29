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
if have_mido; then
  # every note of the loop converted once (the grid voices, onsets on one step
  # merged, and what passes through), 1024 times
  count_notes () {
    "$PYTHON3_SYSTEM" -c '
import sys, mido
m = mido.MidiFile(sys.argv[1])
print(sum(1 for t in m.tracks for e in t if e.type == "note_on" and e.velocity > 0))' "$1" 2>&1
  }
  "$DRUMSWARM" convert "$jazz" "$tmp/once.mid" 2>/dev/null
  is "mido reads 1024 times the notes of the loop converted once" \
    "$(($(count_notes "$tmp/once.mid") * 1024))" "$(count_notes "$tmp/long.mid")"
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

# --- config: groups, repeats, byte-order mark, episode lengths ---------------------
conf () { printf "$2" >"$tmp/$1.conf"; }
conf snarre '[stage]\nvoices = kick,snare\n[snarre]\nreward = lhl\n[train]\nepisodes = 16\n'
"$DRUMSWARM" train -c "$tmp/snarre.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "a mix under a misspelt voice group exits 1" 1 $?
ok "... one line: did you mean [snare]" one_line "$tmp/e" "snarre.conf:3: \[snarre\] is neither a voice of the stage nor a group of drumswarm.conf; did you mean \[snare\]?"
conf hat '[stage]\nvoices = kick,snare\n[hat]\nreward = density\n'
"$DRUMSWARM" train -c "$tmp/hat.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "a [hat] mix on a stage without a hat exits 1" 1 $?
ok "... saying the stage has no hat" one_line "$tmp/e" "hat.conf:3: \[hat\] gives a reward mix, but the stage has no voice 'hat' (its voices: kick, snare"
conf traing '[traing]\nepisodes = 16\n'
"$DRUMSWARM" train -c "$tmp/traing.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
ok "a misspelt group: did you mean [train]" one_line "$tmp/e" "did you mean \[train\]?"
conf live '[live]\ncc-21 = style\n[train]\nstages = 4\nepisodes = 8\n'
"$DRUMSWARM" train -c "$tmp/live.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "a config with a [live] group (read by drumswarm live) trains (exit 0)" 0 $?
conf rewrd '[snare]\nrewrd = lhl\n'
"$DRUMSWARM" train -c "$tmp/rewrd.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
ok "a misspelt key of a voice group: did you mean 'reward'" one_line "$tmp/e" "rewrd.conf:2: \[snare\] has no key 'rewrd'; did you mean 'reward'?"
conf twicekey '[train]\nepisodes = 16\nstages = 8\nepisodes = 32\n'
"$DRUMSWARM" train -c "$tmp/twicekey.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "a key given twice exits 1" 1 $?
ok "... naming both lines" one_line "$tmp/e" "twicekey.conf:4: \[train\] episodes is given twice (first on line 2)"
conf twicegroup '[train]\nepisodes = 16\n[stage]\nlength = 8\n[train]\nstages = 8\n'
"$DRUMSWARM" train -c "$tmp/twicegroup.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
ok "a group given twice: one line naming both lines" one_line "$tmp/e" "twicegroup.conf:5: \[train\] is given twice (first on line 1)"
conf elmin '[stage]\nepisode-length = 8\nepisode-length-min = 20\n'
"$DRUMSWARM" train -c "$tmp/elmin.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "episode-length-min above episode-length exits 1" 1 $?
ok "... saying so" one_line "$tmp/e" "elmin.conf:3: \[stage\] episode-length-min (20) is above episode-length (8)"
conf plain '[snare]\nreward = 0.5 lhl + 0.5 density\n'
conf bom '\357\273\277[snare]\nreward = 0.5 lhl + 0.5 density\n'
"$DRUMSWARM" score -c "$tmp/plain.conf" 'kick=x...x...x...x...,snare=....x.......x...' >"$tmp/plain.out" 2>&1
"$DRUMSWARM" score -c "$tmp/bom.conf" 'kick=x...x...x...x...,snare=....x.......x...' >"$tmp/bom.out" 2>"$tmp/e"
is "a config that starts with a UTF-8 byte-order mark is read (exit 0)" 0 $?
ok "... as the same config without it" cmp -s "$tmp/plain.out" "$tmp/bom.out"

# --- reward mixes: many terms, long terms, bytes that are not UTF-8 ----------------
awk 'BEGIN { printf "[snare]\nreward = 0.1 density"; for (i = 1; i < 200000; i++) printf " + 0.1 density"; print "" }' >"$tmp/many.conf"
timeout 120 "$DRUMSWARM" score -c "$tmp/many.conf" 'kick=x...,snare=x...' >"$tmp/o" 2>"$tmp/e"
is "200,000 reward terms are scored (in time linear in them; exit 0)" 0 $?
is "... one line per term and the reward" 200001 "$(wc -l <"$tmp/o")"
awk 'BEGIN { printf "[snare]\nreward = 0.5 density + 0.5 "; for (i = 0; i < 100000; i++) printf "xxxxxxxxxx"; print "(kick)" }' >"$tmp/long.conf"
"$DRUMSWARM" train -c "$tmp/long.conf" -o "$tmp/x.dsm" -q 2>"$tmp/e"
is "a 1 MB term exits 1" 1 $?
ok "... with one short line that quotes its start" \
  sh -c "test \$(wc -l <'$tmp/e') -eq 1 && test \$(wc -c <'$tmp/e') -lt 400 && grep -q \"long.conf:2: term '0.5 xxxxxxxx.*\\.\\.\\. (1000010 bytes)'\" '$tmp/e'"
"$DRUMSWARM" score --reward "$(printf 'snare: 0.5 \377lhl')" 'kick=x...,snare=x...' >"$tmp/o" 2>"$tmp/e"
is "--reward that is not UTF-8 is a usage error" 2 $?
ok "... naming the option" one_line "$tmp/e" "score: --reward: its value is not UTF-8 text"

# --- numbers in messages ------------------------------------------------------------
"$DRUMSWARM" train -c "$ex/study-2020.conf" -o "$tmp/study.dsm" --episodes 128 -q
"$DRUMSWARM" respond -m "$tmp/study.dsm" -i "$data/tonejs-funk-kit-ch1-no-timesig-104bpm-2bars.mid" \
  -o "$tmp/r.mid" --bars 1 -q 2>"$tmp/e"
ok "one merged onset is '1 onset'" grep -q ": 1 onset merged on the model's grid of 8 steps a bar" "$tmp/e"
printf '[train]\nstages = 32\n' >"$tmp/small.conf"
"$DRUMSWARM" session -c "$tmp/small.conf" -i "$data/gmd-funk-fill-4-4-95bpm-unquantised-2bars.mid" \
  -o "$tmp/s.mid" --episodes 32 >"$tmp/o" 2>/dev/null
ok "the session prints the tempo as show does (95 bpm, not 95.0001)" grep -q '^# session .*, 95 bpm;' "$tmp/o"

# --- models and configs that promise more than they hold, or than memory holds ---------
# A model file made by hand: a checkpoint (fields "KIND NAME BYTES", the data, a
# newline) with its config and counters but no agents, and its checksum.
forge_model () { # OUT CONFIG VOICES
  {
    printf 'drumswarm-checkpoint 1\n'
    for field in "text config $2" "text config-name x.conf" "text meter 4/4" "int length 16" \
                 "text voices $3" "text agents $3" "int swarm.agents $(echo "$3" | tr ',' '\n' | wc -l)" \
                 "int swarm.seed 1" "int swarm.iterations 0" "int swarm.episodes 0" \
                 "int swarm.env-steps 0" "int swarm.networks $(echo "$3" | tr ',' '\n' | wc -l)"; do
      kind=${field%% *}; rest=${field#* }; name=${rest%% *}; value=${rest#* }
      printf '%s %s %s\n%s\n' "$kind" "$name" "$(printf '%s' "$value" | wc -c)" "$value"
    done
  } >"$1.body"
  { cat "$1.body"; printf 'sha256 %s\n' "$(sha256sum <"$1.body" | cut -d' ' -f1)"; } >"$1"
}
six=kick,snare,hat,tom,crash,ride
forge_model "$tmp/wide.dsm" "$(printf '[stage]\nvoices = %s\n[agent]\nhidden = 1024,1024,1024,1024\n' "$six")" "$six"
# drawing the weights of twelve such networks took 40 s before the file was read
timeout 20 "$DRUMSWARM" respond -m "$tmp/wide.dsm" -i "$ex/rock.mid" -o "$tmp/w.mid" -q 2>"$tmp/e"
is "a 500-byte model of six 1024-wide agents and no weights is refused at once (exit 1)" 1 $?
ok "in one line: the first agent is missing" one_line "$tmp/e" "wide.dsm: the checkpoint has no text field 'agent.0.voice'"
ok "and no answer is written" test ! -e "$tmp/w.mid"
# training buffers of over 600 GiB: a swarm made them at once, and g_error's trap ended it
sixteen=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p
huge=$(printf '[stage]\nvoices = %s\nlength = 16\nepisode-length = 32\n[train]\nstages = 65536\nminibatches = 1\n[agent]\nhidden = 1024,1024\n' "$sixteen")
forge_model "$tmp/huge.dsm" "$huge" "$sixteen"
"$DRUMSWARM" respond -m "$tmp/huge.dsm" -i "$ex/rock.mid" -o "$tmp/h.mid" -q 2>"$tmp/e"
is "a model whose training would take 600 GiB is read without that memory (exit 1, not a trap)" 1 $?
ok "in one line: the first agent is missing" one_line "$tmp/e" "huge.dsm: the checkpoint has no text field 'agent.0.voice'"
printf '%s\n' "$huge" >"$tmp/huge.conf"
"$DRUMSWARM" train -c "$tmp/huge.conf" -o "$tmp/h.dsm" -q 2>"$tmp/e"
is "train with that config exits 1" 1 $?
ok "in one line, before drawing any weight: how much memory training needs" \
  one_line "$tmp/e" "huge.conf: training needs [0-9.]* GiB for its buffers (65536 stages of 32 steps, 16 agents, .* more than the [0-9.]* GiB of memory here: take fewer \[train\] stages"
ok "and no model is written" test ! -e "$tmp/h.dsm"
# within the machine's memory but not within the process's: the allocation fails
if (ulimit -v 2000000) 2>/dev/null; then
  printf '[stage]\nvoices = kick,snare,hat\nlength = 64\nepisode-length = 32\n[train]\nstages = 65536\n[agent]\nhidden = 16\n' >"$tmp/limited.conf"
  (ulimit -v 2000000; exec "$DRUMSWARM" train -c "$tmp/limited.conf" -o "$tmp/l.dsm" -q) 2>"$tmp/e"
  is "train whose buffers pass a 2 GB ulimit exits 1" 1 $?
  ok "in one line: the memory cannot be had" \
    one_line "$tmp/e" "limited.conf: training needs [0-9.]* GiB for its buffers (65536 stages of 32 steps, 3 agents.*\(and this machine cannot give that much now\|more than the [0-9.]* GiB of memory here\)"
fi

# --- OpenMP waits: passive unless the user chose ---------------------------------
# The program waits for a writer of a FIFO for up to 3 s: time to read its environment.
if [ -r /proc/self/environ ]; then
  mkfifo "$tmp/wait.fifo"
  waits_of () {
    env "$@" "$DRUMSWARM" show "$tmp/wait.fifo" >/dev/null 2>&1 &
    pid=$!
    sleep 1
    tr '\0' '\n' <"/proc/$pid/environ" | grep '^OMP_WAIT_POLICY=\|^GOMP_SPINCOUNT=' | sort | tr '\n' ' '
    cat "$ex/rock.mid" >"$tmp/wait.fifo"
    wait "$pid"
  }
  is "without OMP_WAIT_POLICY or GOMP_SPINCOUNT the threads wait passively" \
    "OMP_WAIT_POLICY=passive " "$(waits_of -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT)"
  is "OMP_WAIT_POLICY=active is the user's choice" \
    "OMP_WAIT_POLICY=active " "$(waits_of OMP_WAIT_POLICY=active)"
  is "GOMP_SPINCOUNT is the user's choice" \
    "GOMP_SPINCOUNT=1000 " "$(waits_of -u OMP_WAIT_POLICY GOMP_SPINCOUNT=1000)"
fi

done_testing
