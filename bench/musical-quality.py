#!/usr/bin/python3
"""musical-quality.py: would a drummer keep drumswarm's answers?  Measured on human beats.

Takes the beats of one split of the Groove MIDI Dataset (Gillick et al. 2019) in one
meter, cuts the first BARS bars of each performance into a loop, lets drumswarm answer it
(`session` by default, `respond -m MODEL`, or `respond` without -m: the bundled general
model, with --general), and measures the answers against the
loops with code of its own (python3-mido reads the files; nothing of drumswarm's import is
used), in the terms of DESIGN.md's "Musical quality":

  anchors kept          the loop's downbeat kicks and backbeat snares (snare hits on the
                        beats after the first) that the answer keeps, of those present
  voices below chance   agent voices whose similarity to the loop's voice is below what a
                        random pattern of the answer's density would have
  other notes kept      notes no agent plays (toms, cymbals, ride, open or pedal hats are
                        hat agent notes; everything not kick, snare or hat) exported
                        exactly as they came: channel, note, velocity, time and length
  cells changed         per bar, of the 3 voices x steps cells, against the loop
  nearest human bar     the mean distance (cells) from a bar to the nearest bar a human
                        drummer played in the reference split (another file), for the
                        answers, the loops themselves, and random bars of the loops'
                        densities (the same number of hits per voice, at random steps)

Odd meters: --meter 3-4 or 6-8 takes the beats of that meter (anchors: the kick on
the downbeat, the snare on the other beats of the meter: the three quarters of 3/4, the
two dotted quarters of 6/8); the validation split has one of each, so --split
validation,train adds the train split's few (the bundled style was fitted on the train
split's beats: those loops are not held out, the header says so).  The nearest human bar
is always looked for in another file than the loop's own.  --loop FILE takes a loop of
one's own instead of GMD's (e.g. the 5/4 bars of examples/five-seven.mid, --meter 5-4
--bars 2); where the reference split has no bars of the meter the nearest human bar is
not measured.  bench/musical-quality.sh runs every meter in one go.

Usage: bench/musical-quality.py [--drumswarm PATH] [--gmd DIR] [--split validation[,train]]
         [--meter 4-4] [--bars 8] [--limit N] [--seed S] [--model MODEL | --general]
         [--reference-split train] [--loop FILE]... [--args 'extra drumswarm arguments']
"""
import argparse
import collections
import csv
import os
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

import mido

AGENTS = ("kick", "snare", "hat")
NOTES = {"kick": {35, 36}, "snare": {37, 38, 39, 40}, "hat": {42, 44, 46, 22, 26}}
VOICE_OF = {n: v for v, notes in NOTES.items() for n in notes}
STEPS_PER_QUARTER = 4
DRUM_CHANNEL = 9  # channel 10, counted from 0


def steps_per_bar(meter):
    num, den = (int(x) for x in meter.split("-"))
    return num * STEPS_PER_QUARTER * 4 // den


def beat_steps(meter):
    """Steps of the beats of a bar: quarters in N/4, dotted quarters in compound N/8."""
    num, den = (int(x) for x in meter.split("-"))
    steps = steps_per_bar(meter)
    if den == 8 and num % 3 == 0 and num > 3:
        beat = 6
    elif den == 8:
        beat = 2
    else:
        beat = STEPS_PER_QUARTER * 4 // den
    return list(range(0, steps, beat))


def read_events(path):
    """Every event of PATH with its absolute time in quarter notes, and every note with
    its length: (notes, others, ticks_per_beat)."""
    mid = mido.MidiFile(path)
    tpb = mid.ticks_per_beat
    notes, others = [], []
    for track in mid.tracks:
        tick, pending = 0, {}
        for msg in track:
            tick += msg.time
            if msg.type == "note_on" and msg.velocity > 0:
                pending.setdefault((msg.channel, msg.note), []).append((tick, msg.velocity))
            elif msg.type in ("note_off", "note_on"):
                starts = pending.get((msg.channel, msg.note))
                if starts:
                    start, velocity = starts.pop(0)
                    notes.append((start / tpb, (tick - start) / tpb, msg.channel, msg.note,
                                  velocity))
            elif msg.type not in ("end_of_track", "track_name"):
                others.append((tick / tpb, msg.dict().get("type"),
                               tuple(sorted((k, v) for k, v in msg.dict().items()
                                            if k not in ("time",)))))
    return notes, others, tpb


def cut_loop(path, meter, bars, out):
    """The first BARS bars of PATH as a loop file OUT (the same ticks per beat)."""
    mid = mido.MidiFile(path)
    quarters = bars * steps_per_bar(meter) / STEPS_PER_QUARTER
    end = round(quarters * mid.ticks_per_beat - mid.ticks_per_beat / (2 * STEPS_PER_QUARTER))
    absolute = []
    for track in mid.tracks:
        tick = 0
        for msg in track:
            tick += msg.time
            absolute.append((tick, msg))
    absolute.sort(key=lambda x: x[0])
    track = mido.MidiTrack()
    last, sounding = 0, set()
    for tick, msg in absolute:
        if msg.type == "end_of_track":
            continue
        is_on = msg.type == "note_on" and msg.velocity > 0
        is_off = msg.type == "note_off" or (msg.type == "note_on" and msg.velocity == 0)
        if tick >= end and not (is_off and (msg.channel, msg.note) in sounding):
            continue
        if is_on:
            sounding.add((msg.channel, msg.note))
        elif is_off:
            sounding.discard((msg.channel, msg.note))
        track.append(msg.copy(time=tick - last))
        last = tick
    track.append(mido.MetaMessage("end_of_track", time=max(0, end - last)))
    loop = mido.MidiFile(type=0, ticks_per_beat=mid.ticks_per_beat)
    loop.tracks.append(track)
    loop.save(out)


def grid(notes, meter, n_bars):
    """The agent voices' bars as integers of 3 x steps bits (voice-major)."""
    steps = steps_per_bar(meter)
    bars = [0] * n_bars
    for start, _length, channel, note, _velocity in notes:
        voice = VOICE_OF.get(note) if channel == DRUM_CHANNEL else None
        if voice is None:
            continue
        step = int(start * STEPS_PER_QUARTER + 0.5)
        bar, k = divmod(step, steps)
        if 0 <= bar < n_bars:
            bars[bar] |= 1 << (AGENTS.index(voice) * steps + k)
    return bars


def performance_bars(path, meter):
    notes, _others, _tpb = read_events(path)
    if not notes:
        return []
    steps = steps_per_bar(meter)
    last = max(int(start * STEPS_PER_QUARTER + 0.5) for start, *_ in notes)
    return [b for b in grid(notes, meter, last // steps + 1) if b]


def others_key(notes, end=None):
    """The notes no agent plays, as exact keys (times in 1/1920 quarter); a note
    still sounding at END (quarters: the loop's end) ends there, as drumswarm
    exports it (drumswarm(1), EXPORT: the file is the loop's length)."""
    keys = collections.Counter()
    for start, length, channel, note, velocity in notes:
        if channel == DRUM_CHANNEL and note in VOICE_OF:
            continue
        if end is not None and start + length > end:
            length = max(end - start, 0)
        keys[(round(start * 1920), round(length * 1920), channel, note, velocity)] += 1
    return keys


def voice_bits(bar, voice, steps):
    return (bar >> (AGENTS.index(voice) * steps)) & ((1 << steps) - 1)


def random_bar(bar, steps, rng):
    out = 0
    for v in range(len(AGENTS)):
        n = bin(voice_bits(bar, AGENTS[v], steps)).count("1")
        for k in rng.sample(range(steps), n):
            out |= 1 << (v * steps + k)
    return out


def nearest(bar, reference):
    return min(bin(bar ^ r).count("1") for r in reference)


def default_gmd(here):
    for path in (os.environ.get("DS_GMD"), os.path.join(here, "..", "shared", "gmd"),
                 "/work/shared/gmd"):
        if path and os.path.isfile(os.path.join(path, "info.csv")):
            return path
    return os.path.join(here, "..", "shared", "gmd")


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drumswarm", default=os.path.join(here, "drumswarm"))
    ap.add_argument("--gmd", default=default_gmd(here))
    ap.add_argument("--split", default="validation",
                    help="the splits the loops come from, comma-separated")
    ap.add_argument("--loop", action="append", default=[],
                    help="a loop file of one's own instead of GMD's (repeatable)")
    ap.add_argument("--reference-split", default="train")
    ap.add_argument("--meter", default="4-4")
    ap.add_argument("--bars", type=int, default=8)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", help="answer with `respond -m MODEL` instead of `session`")
    ap.add_argument("--general", action="store_true",
                    help="answer with `respond` without -m (the bundled general model)")
    ap.add_argument("--args", default="", help="extra arguments for drumswarm")
    ap.add_argument("--verbose", action="store_true",
                    help="a line for each loop that loses other notes or has a voice "
                         "below chance")
    a = ap.parse_args()

    rows = list(csv.DictReader(open(os.path.join(a.gmd, "info.csv"))))
    splits = a.split.split(",")
    if a.loop:
        loops = [os.path.abspath(f) for f in a.loop]
        where = f"{len(loops)} loop{'s' if len(loops) > 1 else ''} of {a.meter} " \
                f"({', '.join(os.path.basename(f) for f in loops)})"
    else:
        loops = [os.path.join(a.gmd, r["midi_filename"]) for s in splits for r in rows
                 if r["split"] == s and r["beat_type"] == "beat"
                 and r["time_signature"] == a.meter]
        where = f"{{n}} {a.meter} beats of the {' and '.join(splits)} split" \
                f"{'s' if len(splits) > 1 else ''}"
        if a.reference_split in splits:
            where += f" (the {a.reference_split} split's were seen by the bundled style)"
    reference_rows = [r for r in rows if r["split"] == a.reference_split
                      and r["beat_type"] == "beat" and r["time_signature"] == a.meter]
    if a.limit:
        loops = loops[:a.limit]
    where = where.replace("{n}", str(len(loops)))
    if not loops:
        sys.exit(f"musical-quality: no {a.meter} beats in the {a.split} split of {a.gmd}")
    steps = steps_per_bar(a.meter)
    # the bars of each reference file: a loop is compared with the others' only
    reference = {}
    for r in reference_rows:
        path = os.path.join(a.gmd, r["midi_filename"])
        reference[os.path.abspath(path)] = set(performance_bars(path, a.meter))
    n_reference = len(set().union(*reference.values())) if reference else 0
    beats = beat_steps(a.meter)
    rng = random.Random(a.seed)

    anchors = kept = 0
    below = voices = 0
    others_in = others_out = 0
    changed, d_answer, d_loop, d_random, seconds = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, source in enumerate(loops):
            loop_path = os.path.join(tmp, f"loop{i}.mid")
            answer_path = os.path.join(tmp, f"answer{i}.mid")
            cut_loop(source, a.meter, a.bars, loop_path)
            others = list(set().union(*(bars for path, bars in reference.items()
                                         if path != os.path.abspath(source))))
            if a.model:
                cmd = [a.drumswarm, "respond", "-m", a.model]
            elif a.general:
                cmd = [a.drumswarm, "respond"]
            else:
                cmd = [a.drumswarm, "session"]
            cmd += ["-i", loop_path, "-o", answer_path, "-q", "--seed", str(a.seed)]
            cmd += shlex.split(a.args)
            t0 = time.monotonic()
            run = subprocess.run(cmd, capture_output=True, text=True)
            seconds.append(time.monotonic() - t0)
            if run.returncode != 0:
                sys.exit(f"musical-quality: {' '.join(cmd)}: {run.stderr.strip()}")
            loop_notes, _, _ = read_events(loop_path)
            answer_notes, _, _ = read_events(answer_path)
            loop_bars = grid(loop_notes, a.meter, a.bars)
            answer_bars = grid(answer_notes, a.meter, a.bars)
            for lb, ab in zip(loop_bars, answer_bars):
                for voice, positions in (("kick", beats[:1]), ("snare", beats[1:])):
                    lv, av = voice_bits(lb, voice, steps), voice_bits(ab, voice, steps)
                    for k in positions:
                        if lv >> k & 1:
                            anchors += 1
                            kept += av >> k & 1
                changed.append(bin(lb ^ ab).count("1"))
                if others:
                    d_answer.append(nearest(ab, others))
                    d_loop.append(nearest(lb, others))
                    d_random.append(nearest(random_bar(lb, steps, rng), others))
            cells = a.bars * steps
            for voice in AGENTS:
                lv = [voice_bits(b, voice, steps) for b in loop_bars]
                av = [voice_bits(b, voice, steps) for b in answer_bars]
                agree = sum(steps - bin(x ^ y).count("1") for x, y in zip(lv, av)) / cells
                p = sum(bin(x).count("1") for x in av) / cells
                q = sum(bin(x).count("1") for x in lv) / cells
                voices += 1
                below += agree < p * q + (1 - p) * (1 - q)
                if a.verbose and agree < p * q + (1 - p) * (1 - q):
                    print(f"# {source}: {voice} below chance: similarity {agree:.3f}, "
                          f"chance {p * q + (1 - p) * (1 - q):.3f} (density {p:.3f}, "
                          f"the loop's {q:.3f})")
            loop_end = a.bars * steps / STEPS_PER_QUARTER
            want, got = others_key(loop_notes, loop_end), others_key(answer_notes)
            others_in += sum(want.values())
            others_out += sum(min(n, got[k]) for k, n in want.items())
            if a.verbose:
                for k, n in want.items():
                    if got[k] < n:
                        print(f"# {source}: lost {n - got[k]} of {n} other note(s) "
                              f"(quarter {k[0] / 1920:g}, length {k[1] / 1920:g}, "
                              f"channel {k[2] + 1}, note {k[3]}, velocity {k[4]})")

    how = (f"respond -m {a.model}" if a.model
           else "respond (the general model)" if a.general else "session")
    print(f"# {where}, {a.bars} bars each, {how} {a.args}".rstrip() + f", seed {a.seed}; "
          f"human bars: {n_reference} distinct {a.meter} bars of the {a.reference_split} "
          f"split's beats, another file's than the loop")
    print(f"anchors-kept\t{kept}/{anchors}\t{100 * kept / max(anchors, 1):.1f}%")
    print(f"voices-below-chance\t{below}/{voices}")
    print(f"other-notes-kept\t{others_out}/{others_in}\t"
          f"{100 * others_out / max(others_in, 1):.1f}%")
    print(f"cells-changed-per-bar\t{statistics.mean(changed):.2f}\tof {3 * steps}\t"
          f"over {len(changed)} bars")
    if d_answer:
        print(f"nearest-human-bar\tanswer {statistics.mean(d_answer):.2f}\t"
              f"loop {statistics.mean(d_loop):.2f}\trandom {statistics.mean(d_random):.2f}")
    else:
        print(f"nearest-human-bar\tn/a\tno human {a.meter} bars in the "
              f"{a.reference_split} split")
    print(f"seconds-per-answer\tmedian {statistics.median(seconds):.1f}\t"
          f"max {max(seconds):.1f}")


if __name__ == "__main__":
    main()
