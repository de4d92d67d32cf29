#!/usr/bin/python3
"""Writes the malformed MIDI files of this folder from a small valid loop.

Run once by hand (python3 make-malformed.py); the files are committed.  Each
file breaks one rule that drumswarm's validator (midi/smf-check.c) must catch;
tests/midi-malformed.sh lists the message each must get.  The huge file is not
stored: the test makes it (sparse) when it runs.
"""
import random
import struct

def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))

def header(fmt=1, ntracks=1, division=480, length=6):
    return b"MThd" + struct.pack(">I", length) + struct.pack(">HHH", fmt, ntracks, division)

def chunk(body, kind=b"MTrk", length=None):
    return kind + struct.pack(">I", len(body) if length is None else length) + body

EOT = b"\x00\xff\x2f\x00"
NOTES = b"".join(b"\x00\x99\x24\x64" + vlq(120) + b"\x89\x24\x00" + vlq(360) + b"\x99\x2a\x50"
                 + vlq(120) + b"\x89\x2a\x00" for _ in range(4))
TRACK = b"\x00\xff\x51\x03\x07\xa1\x20\x00\xff\x58\x04\x04\x02\x18\x08" + NOTES + EOT
GOOD = header() + chunk(TRACK)

files = {
    "empty.mid": b"",
    "truncated-header.mid": GOOD[:10],
    "truncated-track.mid": GOOD[: len(GOOD) // 2],
    "track-length-past-end.mid": header() + chunk(TRACK, length=0x7FFFFFFF),
    "ppqn-zero.mid": header(division=0) + chunk(TRACK),
    "smpte-division.mid": header(division=0xE728) + chunk(TRACK),
    "garbage-after-last-track.mid": GOOD + bytes([0x00, 0x01, 0xFE, 0x80]) + b"garbage",
    "random-bytes.mid": bytes(random.Random(4).randrange(256) for _ in range(300)),
    "not-midi.mid": b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(20),
    "header-length-7.mid": header(length=7) + b"\x00" + chunk(TRACK),
    "format-2.mid": header(fmt=2) + chunk(TRACK),
    "format-0-two-tracks.mid": header(fmt=0, ntracks=2) + chunk(TRACK) + chunk(TRACK),
    "no-tracks.mid": header(ntracks=0),
    "missing-track.mid": header(ntracks=2) + chunk(TRACK),
    "no-end-of-track.mid": header() + chunk(TRACK[:-4]),
    "after-end-of-track.mid": header() + chunk(TRACK + b"\x00\x99\x24\x64"),
    "running-status-without-status.mid": header() + chunk(b"\x00\x24\x64" + EOT),
    "data-byte-too-high.mid": header() + chunk(b"\x00\x99\x24\xe4" + EOT),
    "system-message.mid": header() + chunk(b"\x00\xf8" + EOT),
    "meta-length-past-track.mid": header() + chunk(b"\x00\xff\x01\x7f" + b"abc" + EOT),
    "delta-too-long.mid": header() + chunk(b"\x81\x80\x80\x80\x00\x99\x24\x64" + EOT),
    "tempo-wrong-size.mid": header() + chunk(b"\x00\xff\x51\x02\x07\xa1" + EOT),
    "time-signature-wrong-size.mid": header() + chunk(b"\x00\xff\x58\x02\x04\x02" + EOT),
    "ends-inside-event.mid": header() + chunk(b"\x00\x99\x24"),
}
for name, data in files.items():
    with open(name, "wb") as f:
        f.write(data)
