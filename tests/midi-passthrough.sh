#!/bin/sh
# What no grid voice holds passes through as it came, read by an independent
# parser (python3-mido): for every shared loop, `drumswarm convert` (kick,
# snare and hat from the grid) and `convert --voices snare` (the snare alone:
# kick and hat pass through too) write every other note with the same channel,
# note, velocity, time and length (times in the file's ticks, scaled by the
# whole factor the export's ticks per quarter note is of the file's), every
# controller, program change and pitch bend at its time, and the grid voices'
# hits with the articulations they were played with (open and pedal hats,
# rim shots).
. "$DS_SRCDIR/tests/tap.sh"
py=${PYTHON3_SYSTEM:-/usr/bin/python3}
[ -x "$py" ] && "$py" -c 'import mido' 2>/dev/null || skip_all "python3-mido is not installed"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
data="$DS_SRCDIR/tests/data/midi"

for f in "$data"/*.mid; do
  name=$(basename "$f")
  "$DRUMSWARM" convert --groove 1 "$f" "$tmp/all-$name" 2>/dev/null
  "$DRUMSWARM" convert --groove 1 --voices snare "$f" "$tmp/snare-$name" 2>/dev/null
done

"$py" - "$data" "$tmp" <<'PY'
import os, sys
from collections import deque
import mido

data, out = sys.argv[1], sys.argv[2]
# the voices of the kit (DESIGN.md "MIDI"; tests/data/midi/GRIDS.tsv's map)
kit = {"kick": {35, 36}, "snare": {37, 38, 39, 40}, "hat": {22, 26, 42, 44, 46}}
n = 0
def check(name, cond, why):
    global n
    n += 1
    print(("ok %d - " if cond else "not ok %d - ") % n + name + ": " + why)

def notes_and_events(tracks):
    """Notes (channel, note, velocity, tick, length) paired first-in first-out
    per track, channel and key, and the other channel messages."""
    notes, events = [], []
    for track in tracks:
        t, sounding, end = 0, {}, 0
        for msg in track:
            t += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                note = [msg.channel, msg.note, msg.velocity, t, None]
                sounding.setdefault((msg.channel, msg.note), deque()).append(note)
                notes.append(note)
            elif msg.type in ("note_off", "note_on"):
                q = sounding.get((msg.channel, msg.note))
                if q:
                    note = q.popleft()
                    note[4] = t - note[3]
            elif msg.type in ("control_change", "program_change", "pitchwheel", "aftertouch",
                              "polytouch"):
                events.append((t, tuple(msg.bytes())))
            if msg.type == "end_of_track":
                end = t
        for note in notes:
            if note[4] is None:
                note[4] = end - note[3]
    return notes, events

grids, channels = {}, {}
for line in open(os.path.join(data, "GRIDS.tsv")).read().splitlines()[2:]:
    f, spb, bars, voice, grid = line.split("\t")
    per_bar = [int(s) for s in spb.split("|")]
    grids[f] = sum(per_bar) if len(per_bar) > 1 else per_bar[0] * int(bars)
for line in open(os.path.join(data, "INVENTORY.tsv")).read().splitlines()[2:]:
    cols = line.split("\t")
    channels[cols[0]] = {int(c) - 1 for c in cols[7].split(",")}

passed = 0
for f in sorted(grids):
    src = mido.MidiFile(os.path.join(data, f))
    src_notes, src_events = notes_and_events(src.tracks)
    steps, drums = grids[f], channels[f]
    period = steps * src.ticks_per_beat // 4
    for variant, grid_voices in (("all", ["kick", "snare", "hat"]), ("snare", ["snare"])):
        name = "%s (%s from the grid)" % (f, ",".join(grid_voices))
        mid = mido.MidiFile(os.path.join(out, variant + "-" + f))
        k = mid.ticks_per_beat // src.ticks_per_beat
        check(name, mid.ticks_per_beat % src.ticks_per_beat == 0 and mid.ticks_per_beat >= 480
              and mid.ticks_per_beat % 4 == 0,
              "ticks per quarter note %d: a whole multiple of the file's %d, at least 480"
              % (mid.ticks_per_beat, src.ticks_per_beat))
        names = [t.name for t in mid.tracks[1:1 + len(grid_voices)]]
        check(name, names == grid_voices, "a track per grid voice first (%s)" % names)
        grid_notes = set().union(*(kit[v] for v in grid_voices))
        want_notes, want_events = [], []
        for ch, note, vel, t, length in src_notes:
            if ch in drums and note in grid_notes:
                continue
            if ch in drums and t >= period:
                t -= period   # played just after the end: the loop's first step
            if t >= period:
                continue
            want_notes.append((ch, note, vel, t * k, min(length, period - t) * k))
        want_events = sorted((t * k, b) for t, b in src_events if t < period)
        got_notes, got_events = notes_and_events(mid.tracks[1 + len(grid_voices):])
        got_notes = sorted(tuple(x) for x in got_notes)
        want_notes.sort()
        diff = [x for x in want_notes if x not in got_notes][:3]
        check(name, got_notes == want_notes,
              "%d notes passed through unchanged (wanted %d; missing e.g. %s)"
              % (len(got_notes), len(want_notes), diff))
        check(name, sorted(got_events) == want_events,
              "%d controllers, program changes and pitch bends at their times (wanted %d)"
              % (len(got_events), len(want_events)))
        passed += len(got_notes)
        for track, voice in zip(mid.tracks[1:], grid_voices):
            played = {m.note for m in track if m.type == "note_on" and m.velocity > 0}
            chans = {m.channel for m in track if m.type in ("note_on", "note_off")}
            check(name, played <= kit[voice] and chans <= {min(drums)},
                  "%s: its own notes %s on the drum channel %s" % (voice, sorted(played),
                                                                   sorted(c + 1 for c in chans)))
        if f.startswith("gmd-hiphop") and variant == "all":
            hat = {m.note for m in mid.tracks[3] if m.type == "note_on" and m.velocity > 0}
            snare = {m.note for m in mid.tracks[2] if m.type == "note_on" and m.velocity > 0}
            check(name, {22, 44, 46} <= hat and 40 in snare,
                  "open (46), pedal (44) and edge (22) hats, rim shots (40) kept: hat %s, snare %s"
                  % (sorted(hat), sorted(snare)))
check("all loops", passed > 5000, "%d notes passed through in all" % passed)
print("1..%d" % n)
PY
