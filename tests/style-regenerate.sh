#!/bin/sh
# The bundled style, examples/gmd.dsstyle, is what our own command makes from
# the Groove MIDI Dataset's train beats: examples/make-style.sh regenerates it
# byte for byte (where the dataset is at hand: $DS_GMD, else /work/shared/gmd).
. "$DS_SRCDIR/tests/tap.sh"
gmd=${DS_GMD:-/work/shared/gmd}
[ -f "$gmd/info.csv" ] || skip_all "the Groove MIDI Dataset is not at hand (set DS_GMD)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

sh "$DS_SRCDIR/examples/make-style.sh" "$gmd" "$tmp/gmd.dsstyle" "$DRUMSWARM" >"$tmp/o" 2>"$tmp/e"
is "make-style.sh exits 0" 0 $?
is "it fits the train split's beats" \
  "# style gmd: 375 loops, 18391 bars, 291148 steps at 4 per quarter note" "$(sed -n 1p "$tmp/o")"
ok "the bundled style regenerates byte for byte" cmp "$tmp/gmd.dsstyle" "$DS_SRCDIR/examples/gmd.dsstyle"
done_testing
