#!/usr/bin/env python3
"""live-check.py: checks a recording of a live MIDI client against what it
was played and what it says it answered (tests/live-jack.sh runs it).

  live-check.py PLAYER.tsv [--log LIVE.tsv] [--steps N] [--bars FIRST:LAST]
                [--swing S] [--tolerance-ms MS] [--answers-from BAR]

PLAYER.tsv is tests/jack-player's output (the notes played and recorded, to
the frame, from bar 1's first frame); LIVE.tsv is `drumswarm live --log`
(the notes it meant to play: bar, time in the bar, note).  Prints one line
per check, `PASS<TAB>what` or `FAIL<TAB>what<TAB>why`, then `#` lines with
the figures.  The checks, over the answered bars FIRST+1 .. LAST:
  - timing: every answer in the log went out within the tolerance of its
    frame, (bar - 1 + time) * bar-frames, and every note-on recorded in
    those bars is one of them (nothing lost, nothing extra);
  - grid and groove, from the played notes alone: every recorded note-on
    lies within the tolerance of a step of the grid plus the groove played
    there (--swing: odd steps are S steps late; the player's --swing);
  - every bar has an answer, and each answering voice's pattern is closer to
    the bar played before it than chance (random patterns of the same
    densities) on average;
  - no hanging note: every note-on recorded ends with a note-off, and none
    sounds at the end.
"""
import argparse
import sys

GM_VOICES = {"kick": (36, 35), "snare": (38, 37, 39, 40), "hat": (42, 44, 46, 22, 26),
             "tom": (45, 41, 43, 47, 48, 50, 58), "crash": (49, 52, 55, 57), "ride": (51, 53, 59)}
NOTE_VOICE = {n: v for v, notes in GM_VOICES.items() for n in notes}


def read_player(path):
    head, played, recorded = {}, [], []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# "):
                key, _, value = line[2:].partition(" ")
                head[key] = value
                continue
            kind, frame, status, d1, d2 = line.split("\t")
            event = (int(frame), int(status), None if d1 == "-" else int(d1),
                     None if d2 == "-" else int(d2))
            (played if kind == "play" else recorded).append(event)
    return head, played, recorded


def read_log(path):
    answers = []
    with open(path) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "answer":
                answers.append((int(fields[1]), float(fields[2]), int(fields[3]), fields[6]))
    return answers


def is_on(e):
    return (e[1] & 0xF0) == 0x90 and e[3]


def is_off(e):
    return (e[1] & 0xF0) == 0x80 or ((e[1] & 0xF0) == 0x90 and e[3] == 0)


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100.0 * len(s)))]


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, ok, what, why=""):
        print(("PASS\t%s" % what) if ok else ("FAIL\t%s\t%s" % (what, why)))
        self.failed += not ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("player")
    ap.add_argument("--log")
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--bars", default=None)
    ap.add_argument("--swing", type=float, default=0.0)
    ap.add_argument("--tolerance-ms", type=float, default=1.0)
    args = ap.parse_args()

    head, played, recorded = read_player(args.player)
    rate = int(head["rate"])
    bar_frames = float(head["bar-frames"])
    step_frames = bar_frames / args.steps
    tolerance = args.tolerance_ms * rate / 1000.0
    start = int(head["start-bar"])
    first, last = start, start + int(head["bars"]) - 1
    if args.bars:
        first, last = (int(x) for x in args.bars.split(":"))
    c = Checks()

    def bar_of(frame):
        return int((frame + step_frames / 2) // bar_frames) + 1

    rec_on = [e for e in recorded if is_on(e)]
    answered = [e for e in rec_on if first + 1 <= bar_of(e[0]) <= last]

    # timing against the log
    errors = []
    if args.log:
        answers = [a for a in read_log(args.log) if first + 1 <= a[0] <= last]
        unused = {}
        for e in answered:
            unused.setdefault(e[2], []).append(e[0])
        lost = 0
        for bar, time, note, _ in answers:
            intended = (bar - 1 + time) * bar_frames
            frames = unused.get(note, [])
            if not frames:
                lost += 1
                continue
            best = min(frames, key=lambda f: abs(f - intended))
            if abs(best - intended) > step_frames / 2:
                lost += 1
                continue
            frames.remove(best)
            errors.append(abs(best - intended))
        extra = sum(len(v) for v in unused.values())
        c.check(len(answers) > 0, "the log has answers in bars %d-%d" % (first + 1, last))
        c.check(lost == 0, "every answer in the log was played (%d answers)" % len(answers),
                "%d lost" % lost)
        c.check(extra == 0, "every note-on recorded is an answer in the log", "%d extra" % extra)
        worst = max(errors) if errors else 0
        c.check(worst <= tolerance, "every answer within %g ms of its frame" % args.tolerance_ms,
                "worst %.0f frames" % worst)
        print("# timing: %d answers, error max %.0f frames (%.3f ms), p99 %.0f frames (%.3f ms)"
              % (len(errors), worst, worst * 1000.0 / rate, percentile(errors, 99),
                 percentile(errors, 99) * 1000.0 / rate))

    # grid plus groove, from the played notes alone
    grid_errors = []
    for e in answered:
        position = e[0] / step_frames
        k = round(position - args.swing / 2)
        expected = k + (args.swing if k % 2 else 0.0)
        grid_errors.append(abs(position - expected) * step_frames)
    worst = max(grid_errors) if grid_errors else 0
    c.check(len(answered) > 0 and worst <= tolerance,
            "every note recorded within %g ms of its step and groove" % args.tolerance_ms,
            "worst %.0f frames of %d notes" % (worst, len(answered)))
    print("# grid: %d notes, error max %.0f frames, p99 %.0f frames"
          % (len(grid_errors), worst, percentile(grid_errors, 99)))

    # answers relate to what was played
    def patterns(events, bar):
        p = {}
        for e in events:
            if is_on(e) and bar_of(e[0]) == bar and e[2] in NOTE_VOICE:
                k = int(round(e[0] / step_frames - args.swing / 2)) % args.steps
                p.setdefault(NOTE_VOICE[e[2]], set()).add(k)
        return p
    silent = [b for b in range(first + 1, last + 1) if not patterns(recorded, b)]
    c.check(not silent, "every bar from %d to %d has an answer" % (first + 1, last),
            "silent bars %s" % silent[:8])
    voices = sorted({NOTE_VOICE[e[2]] for e in answered if e[2] in NOTE_VOICE})
    for v in voices:
        sims, chances = [], []
        for b in range(first + 1, last + 1):
            a = patterns(recorded, b).get(v, set())
            p = patterns(played, b - 1).get(v, set())
            same = sum(1 for k in range(args.steps) if (k in a) == (k in p))
            sims.append(same / args.steps)
            da, dp = len(a) / args.steps, len(p) / args.steps
            chances.append(da * dp + (1 - da) * (1 - dp))
        sim, chance = sum(sims) / len(sims), sum(chances) / len(chances)
        c.check(sim > chance, "%s answers closer to the bar played than chance" % v,
                "similarity %.3f, chance %.3f" % (sim, chance))
        print("# %s: similarity %.3f, chance %.3f" % (v, sim, chance))

    # no hanging note
    sounding, unmatched = {}, 0
    for e in sorted(recorded, key=lambda e: e[0]):
        key = (e[1] & 0x0F, e[2])
        if is_on(e):
            if sounding.get(key):
                unmatched += 1
            sounding[key] = True
        elif is_off(e):
            sounding[key] = False
    hanging = sum(1 for v in sounding.values() if v)
    c.check(unmatched == 0, "every note-on ends before the note sounds again",
            "%d struck again while sounding" % unmatched)
    c.check(hanging == 0, "no note hangs at the end", "%d hanging" % hanging)
    print("# notes: %d on, %d off, %d hanging, xruns %s"
          % (len(rec_on), sum(1 for e in recorded if is_off(e)), hanging, head.get("xruns")))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
