#!/bin/sh
# drumswarm.lv2 in a real LV2 host: jalv runs the plugin under a JACK server of
# our own (the dummy backend: no sound card), with a model restored from a state
# directory as a DAW would; tests/jack-player plays a drummer's funk loop into the
# plugin with the JACK transport rolling (it is the timebase master, so jalv
# passes bar, beat, tempo and meter on as time:Position) and records the
# plugin's MIDI out to the frame.  The kick's answer is switched off, so the kick
# comes back exactly as played one bar later (a check of every frame offset and
# of lost notes); snare and hat answer.  Checked over 64 bars at a fast tempo
# (600 bpm: 26 s), with tests/live-check.py as for drumswarm live: every answer
# note within 1 ms of its intended time, every bar answered, the answers above
# chance similarity to what was played, every note-on ended, nothing after the
# stop, and no xruns at 256-frame periods.  A check that xruns spoil is TODO
# when jackd's log shows that the machine starved JACK (see below).
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$DS_LV2_BUNDLE" ] || skip_all "the LV2 plugin is not built (configure found no lv2)"
[ -z "$DS_SANITIZERS" ] || skip_all "jalv cannot load a plugin built with sanitizers"
player=$(dirname "$DRUMSWARM")/tests/jack-player
[ -x "$player" ] || skip_all "tests/jack-player is not built (configure found no JACK)"
jackd=${JACKD:-jackd}
for tool in "$jackd" jalv jack_lsp; do
  command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed (Debian: jackd2, jalv)"
done
py=${PYTHON3_SYSTEM:-/usr/bin/python3}

bars=64
bpm=600
tmp=$(mktemp -d)
server="ds-lv2-$$"
client="dsplug-$$"
jackd_pid=""; holder_pid=""; jalv_pid=""
cleanup () {
  for pid in $holder_pid $jalv_pid $jackd_pid; do
    kill "$pid" 2>/dev/null
  done
  for pid in $jalv_pid $jackd_pid; do
    wait "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
start=$(date +%s)
JACK_DEFAULT_SERVER=$server; export JACK_DEFAULT_SERVER
JACK_NO_START_SERVER=1; export JACK_NO_START_SERVER
LV2_PATH="$(dirname "$DS_LV2_BUNDLE"):/usr/lib/lv2:/usr/local/lib/lv2"; export LV2_PATH

# A small model, in a state directory as jalv saves one: the model file beside
# state.ttl, named by a path relative to it (the host maps it back).
mkdir -p "$tmp/state"
"$DRUMSWARM" train -o "$tmp/state/model.dsm" --episodes 512 --seed 1 --threads 1 -q
is "train a model to load" 0 $?
cat >"$tmp/state/manifest.ttl" <<'EOF'
@prefix lv2: <http://lv2plug.in/ns/lv2core#> .
@prefix pset: <http://lv2plug.in/ns/ext/presets#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<state.ttl> a pset:Preset ; lv2:appliesTo <urn:drumswarm:lv2> ; rdfs:seeAlso <state.ttl> .
EOF
cat >"$tmp/state/state.ttl" <<'EOF'
@prefix lv2: <http://lv2plug.in/ns/lv2core#> .
@prefix pset: <http://lv2plug.in/ns/ext/presets#> .
@prefix state: <http://lv2plug.in/ns/ext/state#> .
<> a pset:Preset ;
	lv2:appliesTo <urn:drumswarm:lv2> ;
	state:state [ <urn:drumswarm:lv2#model> <model.dsm> ] .
EOF

"$jackd" -n "$server" -R -d dummy -r 48000 -p 256 >"$tmp/jackd.log" 2>&1 &
jackd_pid=$!
i=0
until jack_lsp >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
ok "jackd (dummy backend, 48 kHz, 256 frames) is up" jack_lsp

# jalv reads commands from its standard input and quits at its end: a fifo
# that a sleeping writer holds open keeps it running, and takes our commands.
mkfifo "$tmp/cmd"
sleep 600 >"$tmp/cmd" &
holder_pid=$!
jalv -n "$client" -x -l "$tmp/state" -c kick=0 urn:drumswarm:lv2 <"$tmp/cmd" >"$tmp/jalv.out" 2>&1 &
jalv_pid=$!
i=0
until jack_lsp 2>/dev/null | grep -q "^$client:out\$" || [ $i -ge 200 ]; do sleep 0.1; i=$((i + 1)); done
ok "jalv runs the plugin: its ports $client:in and $client:out" \
  sh -c "jack_lsp | grep -q '^$client:in\$' && jack_lsp | grep -q '^$client:out\$'"

# The status port says 2 once the worker has loaded the model from the state.
status=""
i=0
while [ $i -lt 100 ]; do
  echo monitors >"$tmp/cmd"
  sleep 0.1
  status=$(sed -n 's/.*status = \([0-9]*\)\..*/\1/p' "$tmp/jalv.out" | tail -n 1)
  [ "$status" = 2 ] && break
  i=$((i + 1))
done
is "the model restored from the state plays (status 2)" 2 "$status"

"$player" --server "$server" --name "jp-$$" --to "$client:in" --record "$client:out" \
  --bars $bars --bpm $bpm --grid 4 -o "$tmp/rec.tsv" "$DS_SRCDIR/examples/funk-played.mid" \
  2>"$tmp/player.err"
is "jack-player played $bars bars at $bpm bpm and recorded the answer" 0 $?
[ -s "$tmp/player.err" ] && sed 's/^/# /' "$tmp/player.err"

kill "$holder_pid" 2>/dev/null; holder_pid=""
i=0
while kill -0 "$jalv_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "jalv quits at the end of its input" sh -c "! kill -0 $jalv_pid 2>/dev/null"
wait "$jalv_pid" 2>/dev/null
is "jalv exits 0" 0 $?
jalv_pid=""
ok "jalv reported no error from the plugin" sh -c "! grep -q 'drumswarm.lv2:' '$tmp/jalv.out'"

# What a drummer hears, as for drumswarm live (tests/live-check.py): every
# note on its step (the loop is quantised, so no groove to follow), every bar
# answered, each voice's answers closer to the bar played than chance, no
# hanging note.
"$py" "$DS_SRCDIR/tests/live-check.py" "$tmp/rec.tsv" --steps 16 \
  >"$tmp/live-check" 2>"$tmp/live-check.err"
checked=$?
ok "tests/live-check.py checked the recording" \
  sh -c "test $checked -le 1 && grep -q '^PASS\|^FAIL' '$tmp/live-check' && test ! -s '$tmp/live-check.err'"
sed 's/^/# /' "$tmp/live-check.err"
# The kick, switched off, comes back exactly as played (note, velocity, offset
# from the grid) one bar later: every note of every bar but the last.
"$py" - "$tmp/rec.tsv" >"$tmp/kick" <<'PY'
import sys
meta, played, rec = {}, [], []
for line in open(sys.argv[1]):
    if line.startswith("# "):
        key, value = line[2:].split(None, 1)
        meta[key] = value.strip()
        continue
    kind, frame, status, d1, d2 = line.rstrip("\n").split("\t")
    if int(status) & 0xF0 == 0x90 and d2 != "-" and int(d2) > 0 and int(d1) in (35, 36):
        (played if kind == "play" else rec).append((int(frame), int(d1), int(d2)))
bar = float(meta["bar-frames"]); bars = int(meta["bars"]); ms = int(meta["rate"]) / 1000.0
half_step = bar / 32
wanted = [(f + bar, n, v) for f, n, v in played if (f + half_step) // bar < bars - 1]
lost, worst, unused = 0, 0.0, list(rec)
for f, n, v in wanted:
    near = [e for e in unused if e[1] == n and e[2] == v and abs(e[0] - f) <= bar / 32]
    if not near:
        lost += 1
        continue
    best = min(near, key=lambda e: abs(e[0] - f))
    unused.remove(best)
    worst = max(worst, abs(best[0] - f) / ms)
print("played\t%d\nlost\t%d\nextra\t%d\nworst-ms\t%.4f" % (len(wanted), lost, len(unused), worst))
PY
kick () { sed -n "s/^$1	//p" "$tmp/kick"; }
xruns=$(sed -n 's/^# xruns //p' "$tmp/rec.tsv")
overflow=$(sed -n 's/^# overflow //p' "$tmp/rec.tsv")
sed 's/^/# /' "$tmp/live-check"
echo "# kick played back: $(kick played) notes, $(kick lost) lost, $(kick extra) extra, worst $(kick worst-ms) ms"

# An xrun skips cycles: the notes due in them go out late, those played in
# them are lost, and a late cycle can hand the recorder a period's events
# twice.  A check that needs a run without xruns, and fails in a run with
# xruns while the machine starved JACK's real-time threads (jackd's log shows
# the dummy driver waking late, or the player's trivial clients missing their
# cycle), is reported as TODO (XFAIL) with the figures, as tests/live-jack.sh
# does: other work on the machine made those xruns.  Otherwise it must hold.
starved=$(jack_starved "$tmp/jackd.log" "jp-$$")
check () { # check NAME SENSITIVE COMMAND...
  name=$1 sensitive=$2; shift 2
  if [ "$sensitive" = 1 ]; then
    ok_unless_starved "$name" "$xruns" "$starved" "$@"
  else
    ok "$name" "$@"
  fi
}
check "no xruns at 256-frame periods ($xruns)" 1 test "$xruns" = 0
is "the recorder lost no event" 0 "$overflow"
while IFS='	' read -r verdict what why; do
  case $verdict in
    PASS|FAIL) ;;
    *) continue ;;
  esac
  # A late cycle delivers a period's events late or twice to the recorder:
  # timing, lost notes and notes struck twice are its marks.
  case $what in
    *"within"*|*"has an answer"*|*"before the note sounds again"*) sensitive=1 ;;
    *) sensitive=0 ;;
  esac
  check "$what${why:+ ($why)}" $sensitive test "$verdict" = PASS
done <"$tmp/live-check"
check "the kick comes back as played, none lost ($(kick lost) of $(kick played))" 1 \
  test "$(kick lost)" = 0
check "and none added ($(kick extra))" 1 test "$(kick extra)" = 0
check "every kick within 1 ms of the frame it was played at, a bar later ($(kick worst-ms) ms)" 1 \
  "$py" -c "import sys; sys.exit(not float('$(kick worst-ms)') <= 1.0)"
ok "all answers on channel 10, and no note-on after the last bar" "$py" - "$tmp/rec.tsv" <<'PY'
import sys
end = None
bad = 0
for line in open(sys.argv[1]):
    if line.startswith("# end "):
        end = int(line.split()[2])
    elif line.startswith("rec\t"):
        _, frame, status, _, velocity = line.rstrip("\n").split("\t")
        on = int(status) & 0xF0 == 0x90 and velocity != "-" and int(velocity) > 0
        bad += int(status) & 0x0F != 9 or (on and int(frame) >= end)
sys.exit(bad != 0)
PY

kill "$jackd_pid" 2>/dev/null
wait "$jackd_pid" 2>/dev/null
jackd_pid=""
echo "# $bars bars at $bpm bpm in jalv: the test took $(($(date +%s) - start)) s in all" \
  "(load $(cut -d' ' -f1-3 /proc/loadavg))"
done_testing
