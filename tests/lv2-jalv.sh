#!/bin/sh
# drumswarm.lv2 in a real LV2 host: jalv runs the plugin under a JACK server of
# our own (the dummy backend: no sound card), with a model restored from a state
# directory as a DAW would; tests/jack-player plays a drummer's funk loop into the
# plugin with the JACK transport rolling (it is the timebase master, so jalv
# passes bar, beat, tempo and meter on as time:Position) and records the
# plugin's MIDI out to the frame.  The kick's answer is switched off, so the kick
# comes back exactly as played one bar later (a check of every frame offset and
# of lost notes); snare and hat answer.  Checked over 64 bars at a fast tempo:
# every answer note within 1 ms of its intended time, the answers above chance
# similarity to what was played, every note-on ended, nothing after the stop,
# and no xruns at 256-frame periods.
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$DS_LV2_BUNDLE" ] || skip_all "the LV2 plugin is not built (configure found no lv2)"
[ -z "$DS_SANITIZERS" ] || skip_all "jalv cannot load a plugin built with sanitizers"
player=$(dirname "$DRUMSWARM")/tests/jack-player
[ -x "$player" ] || skip_all "tests/jack-player is not built (configure found no JACK)"
for tool in jackd jalv jack_lsp; do
  command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed (Debian: jackd2, jalv)"
done
py=${PYTHON3_SYSTEM:-/usr/bin/python3}

bars=64
bpm=480
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

jackd -n "$server" -R -d dummy -r 48000 -p 256 >"$tmp/jackd.log" 2>&1 &
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

"$py" - "$tmp/rec.tsv" >"$tmp/check" <<'PY'
import sys
from collections import defaultdict

meta, played, rec = {}, [], []
for line in open(sys.argv[1]):
    if line.startswith("# "):
        key, value = line[2:].split(None, 1)
        meta[key] = value.strip()
        continue
    kind, frame, status, d1, d2 = line.split("\t")
    ev = (int(frame), int(status), int(d1) if d1 != "-" else -1, int(d2) if d2.strip() != "-" else -1)
    (played if kind == "play" else rec).append(ev)

rate = int(meta["rate"]); bar = float(meta["bar-frames"]); n_bars = int(meta["bars"])
end = int(meta["end"]); steps = 16; step = bar / steps; ms = rate / 1000.0
voice_of = {}
for name, notes in (("kick", (35, 36)), ("snare", (37, 38, 39, 40)),
                    ("hat", (42, 44, 46, 22, 26))):
    for n in notes:
        voice_of[n] = name
is_on = lambda e: e[1] & 0xF0 == 0x90 and e[3] > 0
is_off = lambda e: e[1] & 0xF0 == 0x80 or (e[1] & 0xF0 == 0x90 and e[3] == 0)
ons = [e for e in rec if is_on(e)]

def out(key, value):
    print(f"{key}\t{value}")

out("xruns", meta["xruns"]); out("overflow", meta["overflow"])
out("answer-notes", len(ons))
out("all-on-channel-10", int(all(e[1] & 0x0F == 9 for e in rec if is_on(e) or is_off(e))))
out("only-notes", int(all(is_on(e) or is_off(e) for e in rec)))
out("nothing-after-stop", int(all(e[0] < end + 2 * ms for e in rec)))

# The kick, switched off, comes back as played one bar later.  A note played
# up to half a step before a bar line is that bar's (the plugin's convention).
def bar_of(frame):
    return int((frame + step / 2) // bar)
kicks_in = sorted((f + bar, n, v) for f, s, n, v in played
                  if is_on((f, s, n, v)) and voice_of.get(n) == "kick" and bar_of(f) < n_bars - 1)
kicks_out = sorted((f, n, v) for f, s, n, v in ons if voice_of.get(n) == "kick")
worst = 0.0; lost = 0; j = 0
matched = 0
for f, n, v in kicks_in:
    best = None
    for g, m, w in kicks_out:
        if m == n and w == v and abs(g - f) <= ms and (best is None or abs(g - f) < abs(best - f)):
            best = g
    if best is None:
        lost += 1
    else:
        matched += 1
        worst = max(worst, abs(best - f) / ms)
out("kick-played", len(kicks_in)); out("kick-echoed", matched); out("kick-lost", lost)
out("kick-extra", len(kicks_out) - matched)
out("kick-worst-ms", f"{worst:.4f}")

# Snare and hat answer on the grid: the played loop is quantised to 16ths,
# so there is no groove to follow and every note belongs on a step.
worst = 0.0
answer = defaultdict(set); loop = defaultdict(set)
for f, s, n, v in ons:
    k = round(f / step)
    worst = max(worst, abs(f - k * step) / ms)
    answer[(voice_of.get(n, "other"), k // steps)].add(k % steps)
for f, s, n, v in played:
    if is_on((f, s, n, v)):
        k = round(f / step)
        loop[(voice_of.get(n, "other"), k // steps)].add(k % steps)
out("grid-worst-ms", f"{worst:.4f}")
out("answered-bars", len({b for (name, b) in answer}))
out("notes-outside-voices", sum(1 for f, s, n, v in ons if n not in voice_of))
for name in ("snare", "hat"):
    sims, chances = [], []
    for b in range(1, n_bars):
        a, p = answer[(name, b)], loop[(name, b - 1)]
        same = sum(1 for k in range(steps) if (k in a) == (k in p)) / steps
        da, dp = len(a) / steps, len(p) / steps
        sims.append(same); chances.append(da * dp + (1 - da) * (1 - dp))
    out(f"{name}-similarity", f"{sum(sims) / len(sims):.3f}")
    out(f"{name}-chance", f"{sum(chances) / len(chances):.3f}")
    out(f"{name}-above-chance", int(sum(sims) > sum(chances)))

# Every note-on is ended before the same note strikes again, and nothing
# sounds after the stop.
sounding = {}; unended = 0
for f, s, n, v in rec:
    if is_on((f, s, n, v)):
        if sounding.get(n):
            unended += 1
        sounding[n] = True
    elif is_off((f, s, n, v)):
        sounding[n] = False
out("unended", unended); out("hanging", sum(1 for n in sounding if sounding[n]))
PY
val () { sed -n "s/^$1	//p" "$tmp/check"; }
sed 's/^/# /' "$tmp/check"
is "no xruns at 256-frame periods" 0 "$(val xruns)"
is "the recorder lost no event" 0 "$(val overflow)"
ok "the answers are note-ons and note-offs on channel 10" \
  test "$(val only-notes)$(val all-on-channel-10)" = 11
ok "there are answers ($(val answer-notes) notes)" test "$(val answer-notes)" -gt 0
is "every bar after the first is answered" $((bars - 1)) "$(val answered-bars)"
is "the kick (switched off) comes back as played: none lost" 0 "$(val kick-lost)"
is "and none added" 0 "$(val kick-extra)"
ok "every kick within 1 ms of the frame it was played at, a bar later ($(val kick-worst-ms) ms)" \
  "$py" -c "import sys; sys.exit(not float('$(val kick-worst-ms)') <= 1.0)"
ok "every answer note within 1 ms of its step ($(val grid-worst-ms) ms)" \
  "$py" -c "import sys; sys.exit(not float('$(val grid-worst-ms)') <= 1.0)"
is "every answer note is a voice's" 0 "$(val notes-outside-voices)"
is "snare answers above chance similarity ($(val snare-similarity) > $(val snare-chance))" \
  1 "$(val snare-above-chance)"
is "hat answers above chance similarity ($(val hat-similarity) > $(val hat-chance))" \
  1 "$(val hat-above-chance)"
is "every note-on is ended before the note strikes again" 0 "$(val unended)"
is "no note hangs after the transport stops" 0 "$(val hanging)"
is "nothing is played after the stop" 1 "$(val nothing-after-stop)"

kill "$jackd_pid" 2>/dev/null
wait "$jackd_pid" 2>/dev/null
jackd_pid=""
elapsed=$(($(date +%s) - start))
echo "# $bars bars at $bpm bpm in jalv took ${elapsed} s in all"
ok "the whole test takes well under a minute (${elapsed} s)" test "$elapsed" -lt 50
done_testing
