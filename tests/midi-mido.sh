#!/bin/sh
# Our exported MIDI files, read by an independent parser (python3-mido): for
# every shared loop, `drumswarm convert` writes format 1 at a whole multiple of
# the file's ticks per quarter note (at least 480), a first track with the
# tempo and time signatures, then tracks kick, snare and hat on the loop's drum
# channel with each voice's own notes, a note-off for every note-on, note-ons
# exactly on the steps of the grid a listener writes down (GRIDS.tsv), and
# every track ending at the loop's end; the file's other events follow in
# their own tracks (tests/midi-passthrough.sh checks them).  Humanised and
# repeated exports keep the structure.
. "$DS_SRCDIR/tests/tap.sh"
py=${PYTHON3_SYSTEM:-/usr/bin/python3}
[ -x "$py" ] && "$py" -c 'import mido' 2>/dev/null || skip_all "python3-mido is not installed"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
data="$DS_SRCDIR/tests/data/midi"

for f in "$data"/*.mid; do
  name=$(basename "$f")
  "$DRUMSWARM" convert "$f" "$tmp/$name" 2>/dev/null
  "$DRUMSWARM" convert --repeat 2 --groove 1 --humanize 0.5 --seed 3 "$f" "$tmp/h-$name" 2>/dev/null
done

"$py" - "$data" "$tmp" <<'PY'
import os, sys
import mido

data, out = sys.argv[1], sys.argv[2]
n = 0
def check(name, cond, why):
    global n
    n += 1
    print(("ok %d - " if cond else "not ok %d - ") % n + name + ": " + why)

def first_tempo_and_meters(path):
    mid = mido.MidiFile(path)
    tempo, meters = None, []
    for track in mid.tracks:
        t = 0
        for msg in track:
            t += msg.time
            if msg.type == "set_tempo" and tempo is None:
                tempo = msg.tempo
            if msg.type == "time_signature":
                meters.append((t, mid.ticks_per_beat, msg.numerator, msg.denominator))
    return tempo if tempo is not None else 500000, sorted(meters)

lines = open(os.path.join(data, "GRIDS.tsv")).read().splitlines()[2:]
grids = {}
for line in lines:
    f, spb, bars, voice, grid = line.split("\t")
    grids.setdefault(f, {})[voice] = grid
drum_channel = {}
for line in open(os.path.join(data, "INVENTORY.tsv")).read().splitlines()[2:]:
    cols = line.split("\t")
    drum_channel[cols[0]] = min(int(c) for c in cols[7].split(",")) - 1
kit = {"kick": {35, 36}, "snare": {37, 38, 39, 40}, "hat": {22, 26, 42, 44, 46}}

for f in sorted(grids):
    path = os.path.join(out, f)
    mid = mido.MidiFile(path)
    src_tpb = mido.MidiFile(os.path.join(data, f)).ticks_per_beat
    tpb = mid.ticks_per_beat
    check(f, mid.type == 1 and tpb % src_tpb == 0 and tpb >= 480 and tpb % 4 == 0,
          "format 1 at %d ticks per quarter note, a whole multiple of the file's %d"
          % (tpb, src_tpb))
    check(f, len(mid.tracks) >= 4, "a tempo track, three voices, then what passes through")
    names = [t.name for t in mid.tracks[1:4]]
    check(f, names == ["kick", "snare", "hat"], "tracks named kick, snare, hat (%s)" % names)
    bars = grids[f]["kick"].split("|")
    step = tpb // 4
    total = sum(len(b) for b in bars) * step
    tempo, meters = first_tempo_and_meters(os.path.join(data, f))
    tempi = [m.tempo for m in mid.tracks[0] if m.type == "set_tempo"]
    check(f, len(tempi) == 1 and abs(tempi[0] - tempo) <= 1, "the file's first tempo")
    sigs, t = [], 0
    for msg in mid.tracks[0]:
        t += msg.time
        if msg.type == "time_signature":
            sigs.append((t, msg.numerator, msg.denominator))
    want, start, last = [], 0, None
    for b in bars:
        # the meter of each bar, as the source file says (4/4 when it says none)
        sig = (4, 4)
        for (tick, src, num, den) in meters:
            if tick * 4 <= start * src:
                sig = (num, den)
        if sig != last:
            want.append((start * step, sig[0], sig[1]))
        last = sig
        start += len(b)
    check(f, sigs == want, "time signatures %s" % sigs)
    for track, voice in zip(mid.tracks[1:4], ["kick", "snare", "hat"]):
        t, ons, offs, channels, notes, end = 0, [], [], set(), set(), None
        for msg in track:
            t += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                ons.append(t)
            elif msg.type == "note_off" or msg.type == "note_on":
                offs.append(t)
            if hasattr(msg, "channel"):
                channels.add(msg.channel)
            if hasattr(msg, "note"):
                notes.add(msg.note)
            if msg.type == "end_of_track":
                end = t
        grid = grids[f][voice].replace("|", "")
        steps = [i * step for i, c in enumerate(grid) if c == "x"]
        check(f, channels <= {drum_channel[f]}, "%s on the drum channel %d"
              % (voice, drum_channel[f] + 1))
        check(f, notes <= kit[voice], "%s plays its own notes %s" % (voice, sorted(notes)))
        check(f, ons == steps, "%s note-ons on the listener's grid" % voice)
        check(f, len(offs) == len(ons) and all(0 < b - a <= tpb // 8 for a, b in zip(ons, offs)),
              "%s: a short note-off after every note-on" % voice)
        check(f, end == total, "%s ends at the loop's end (%s, %d)" % (voice, end, total))
    h = mido.MidiFile(os.path.join(out, "h-" + f))
    hons = [sum(1 for m in tr if m.type == "note_on" and m.velocity > 0) for tr in h.tracks[1:4]]
    wons = [2 * grids[f][v].count("x") for v in ["kick", "snare", "hat"]]
    check(f, hons == wons, "humanised, repeated twice: every hit twice (%s)" % hons)
    check(f, all(m.type != "end_of_track" or True for m in h.tracks[0]) and
          h.length > 0 and abs(sum(m.time for m in h.tracks[1]) - 2 * total) == 0,
          "humanised, repeated twice: twice as long")
print("1..%d" % n)
PY
