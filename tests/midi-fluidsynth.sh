#!/bin/sh
# A DAW-style check with an independent synthesiser: fluidsynth renders one of
# our exports with the General MIDI soundfont, and the audio is not silent.
. "$DS_SRCDIR/tests/tap.sh"
sf=/usr/share/sounds/sf2/FluidR3_GM.sf2
command -v fluidsynth >/dev/null 2>&1 || skip_all "fluidsynth is not installed"
[ -r "$sf" ] || skip_all "fluid-soundfont-gm is not installed"
py=${PYTHON3_SYSTEM:-/usr/bin/python3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$DRUMSWARM" convert --repeat 2 "$DS_SRCDIR/examples/rock.mid" "$tmp/rock.mid" 2>/dev/null
is "convert exits 0" 0 $?
fluidsynth -ni -g 1 -r 22050 -F "$tmp/rock.wav" -T wav "$sf" "$tmp/rock.mid" >/dev/null 2>&1
ok "fluidsynth rendered a file" test -s "$tmp/rock.wav"
peak=$("$py" - "$tmp/rock.wav" <<'PY'
import sys, wave, array
w = wave.open(sys.argv[1])
frames = w.readframes(w.getnframes())
a = array.array("h", frames) if w.getsampwidth() == 2 else array.array("i", frames)
print(max((abs(x) for x in a), default=0) if len(a) else 0)
PY
)
ok "the audio is not silent (peak $peak)" test "${peak:-0}" -gt 1000
dur=$("$py" -c "import wave,sys; w=wave.open('$tmp/rock.wav'); print(int(w.getnframes()/w.getframerate()))")
ok "it lasts the four bars (about 8 s at 120 bpm, got ${dur}s)" test "${dur:-0}" -ge 7
done_testing
