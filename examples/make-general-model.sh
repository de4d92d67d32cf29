#!/bin/sh
# make-general-model.sh: regenerates the bundled general model, one swarm per
# meter (examples/general-N-D.dsm, see src/responder/general.h), from the
# Groove MIDI Dataset's train split (its beats, not its fills), byte for byte:
# `drumswarm train --corpus` with a seed gives the same bytes for any number of
# threads (with the same kernels: `drumswarm --version` names them).
#
#   examples/make-general-model.sh [GMD_DIR [OUT_DIR [DRUMSWARM]]]
#
# GMD_DIR defaults to $DS_GMD, else /work/shared/gmd (the dataset's folder with
# its info.csv); OUT_DIR to examples; DRUMSWARM to ./drumswarm.  The meters,
# each with its steps a bar and the corpus meter its bars come from:
#   4/4 3/4 5/8       the dataset's own bars of that meter;
#   5/4 7/8           none in the dataset: its 4/4 bars fitted to the bar
#                     (5/4: the bar and its first beat again; 7/8: its first
#                     14 steps), see `train --corpus-meter`.
#   6/8               not by default: the dataset's 67 bars of 6/8 are too few
#                     (its fine-tuned answers to the 6/8 beats stayed 6.1 cells
#                     of 36 from the nearest human bar, the loops' own 3.6;
#                     fitted from the 3/4 or 4/4 bars, 5.1 and 5.0; fresh
#                     agents trained on each loop 4.1: bench/
#                     musical-quality.py), so a 6/8 session trains from scratch;
#                     DS_GENERAL_METERS="6/8" makes it all the same.
# Every swarm has the session's stage (one bar, kick, snare and hat, all agents,
# the default mixes) and training options, so that a session fine-tunes it,
# and sees the bar it answers (loop-input: it answers many).  The training
# curves level out after about 50,000 episodes (4/4); the 4/4 swarm, the one
# most loops are, trains for twice as long as the others.
# DS_GENERAL_EPISODES overrides the episodes of every meter, DS_GENERAL_METERS
# the meters (e.g. "4/4 7/8"), DS_GENERAL_THREADS the threads.  A GMD_DIR
# without info.csv is a folder of loops, every one taken.
#
# The shipped model (all of it, into this folder) is checked by a small version
# that tests/general-model.sh makes in seconds: 256 episodes of 4/4 and of 7/8
# on this folder's example loops.  Its SHA-256 sums, with the kernels of the
# machine that made them (bytes depend on them: AVX-512 or AVX2), are recorded
# in tests/data/general-small.sha256 whenever the whole model is made here, so
# that a change to training shows in the test until the model is made again.
set -e
absolute () { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
here=$(cd "$(dirname "$0")" && pwd)
gmd=$(absolute "${1:-${DS_GMD:-/work/shared/gmd}}")
out=$(absolute "${2:-examples}")
mkdir -p "$out"; out=$(cd "$out" && pwd)
drumswarm=$(absolute "${3:-./drumswarm}")
meters=${DS_GENERAL_METERS:-"4/4 3/4 5/8 5/4 7/8"}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the config is named in the model: by a name of its own, not the temporary folder's
cd "$tmp"

# the loops: the train split's beats (of every meter: each swarm takes its own)
select=
if [ -f "$gmd/info.csv" ]; then
  awk -F, 'NR > 1 && $11 == "train" && $6 == "beat" { print $8 }' "$gmd/info.csv" > "$tmp/loops"
  select="--list $tmp/loops"
fi

for meter in $meters; do
  case $meter in
    4/4) steps=16 from=4/4 episodes=122880 ;;
    3/4) steps=12 from=3/4 episodes=61440 ;;
    6/8) steps=12 from=6/8 episodes=61440 ;;
    5/8) steps=10 from=5/8 episodes=61440 ;;
    5/4) steps=20 from=4/4 episodes=61440 ;;
    7/8) steps=14 from=4/4 episodes=61440 ;;
    *) echo "make-general-model.sh: no recipe for the meter $meter" >&2; exit 2 ;;
  esac
  episodes=${DS_GENERAL_EPISODES:-$episodes}
  name=general-$(echo "$meter" | tr / -)
  cat > "$name.conf" <<CONF
# The general model of $meter: the stage and training of a session on a loop
# of $meter (drumswarm session), trained on human bars of $from.
[stage]
meter = $meter
length = $steps
bars = 1
voices = kick,snare,hat
context-library = 0.25
loop-input = true
[train]
stages = 128
learning-rate = 0.001
CONF
  corpus_meter=
  [ "$from" = "$meter" ] || corpus_meter="--corpus-meter $from"
  # shellcheck disable=SC2086
  "$drumswarm" train -c "$name.conf" -o "$out/$name.dsm" --episodes "$episodes" --seed 1 \
    --corpus "$gmd" $select $corpus_meter ${DS_GENERAL_THREADS:+--threads "$DS_GENERAL_THREADS"}
done

# the small version's sums, beside the whole model made here
if [ -z "${DS_GENERAL_EPISODES:-}${DS_GENERAL_METERS:-}" ] && [ "$out" = "$here" ] \
   && [ -d "$here/../tests/data" ]; then
  kernels=$("$drumswarm" --version | sed -n 's/^kernels //p')
  mkdir small
  DS_GENERAL_METERS="4/4 7/8" DS_GENERAL_EPISODES=256 sh "$here/make-general-model.sh" \
    "$here" "$tmp/small" "$drumswarm" > /dev/null
  { echo "# kernels $kernels"; (cd small && sha256sum general-4-4.dsm general-7-8.dsm); } \
    > "$here/../tests/data/general-small.sha256"
fi
