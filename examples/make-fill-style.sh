#!/bin/sh
# make-fill-style.sh: regenerates the bundled fill style,
# examples/gmd-fills.dsstyle, from the Groove MIDI Dataset's train split (its
# fills, not its beats), byte for byte: fitting and calibration are
# deterministic (see src/stage/style.h).  The fill bars of `session
# --fill-every` score their bars with it (drumswarm.conf(5), THE KIT).
#
#   examples/make-fill-style.sh [GMD_DIR [OUT [DRUMSWARM]]]
#
# GMD_DIR defaults to $DS_GMD, else /work/shared/gmd (the dataset's folder with
# its info.csv); OUT to examples/gmd-fills.dsstyle; DRUMSWARM to ./drumswarm.
set -e
gmd=${1:-${DS_GMD:-/work/shared/gmd}}
out=${2:-examples/gmd-fills.dsstyle}
drumswarm=${3:-./drumswarm}
exec "$drumswarm" style learn "$gmd" --info "$gmd/info.csv" \
  --where split=train --where beat_type=fill \
  --voices kick,snare,hat,tom,crash,ride --resolution 4 --name gmd-fills -o "$out"
