#!/bin/sh
# make-style.sh: regenerates the bundled style, examples/gmd.dsstyle, from the
# Groove MIDI Dataset's train split (its beats, not its fills), byte for byte:
# fitting and calibration are deterministic (see src/stage/style.h).
#
#   examples/make-style.sh [GMD_DIR [OUT [DRUMSWARM]]]
#
# GMD_DIR defaults to $DS_GMD, else /work/shared/gmd (the dataset's folder with
# its info.csv); OUT to examples/gmd.dsstyle; DRUMSWARM to ./drumswarm.
set -e
gmd=${1:-${DS_GMD:-/work/shared/gmd}}
out=${2:-examples/gmd.dsstyle}
drumswarm=${3:-./drumswarm}
exec "$drumswarm" style learn "$gmd" --info "$gmd/info.csv" \
  --where split=train --where beat_type=beat \
  --voices kick,snare,hat,tom,crash,ride --resolution 4 --name gmd -o "$out"
