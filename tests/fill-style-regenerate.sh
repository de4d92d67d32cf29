#!/bin/sh
# The bundled fill style, examples/gmd-fills.dsstyle, is what our own command
# makes from the Groove MIDI Dataset's train fills: examples/make-fill-style.sh
# regenerates it byte for byte (where the dataset is at hand: $DS_GMD, else
# /work/shared/gmd); held-out fills are likelier under it than under the beat
# style, and held-out beats less likely.
. "$DS_SRCDIR/tests/tap.sh"
gmd=${DS_GMD:-/work/shared/gmd}
[ -f "$gmd/info.csv" ] || skip_all "the Groove MIDI Dataset is not at hand (set DS_GMD)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

sh "$DS_SRCDIR/examples/make-fill-style.sh" "$gmd" "$tmp/gmd-fills.dsstyle" "$DRUMSWARM" \
  >"$tmp/o" 2>"$tmp/e"
is "make-fill-style.sh exits 0" 0 $?
is "it fits the train split's fills" \
  "# style gmd-fills: 519 loops, 770 bars, 12320 steps at 4 per quarter note" "$(sed -n 1p "$tmp/o")"
ok "the bundled fill style regenerates byte for byte" \
  cmp "$tmp/gmd-fills.dsstyle" "$DS_SRCDIR/examples/gmd-fills.dsstyle"

# held out: the validation split's fills are likelier under the fill style
# than under the beat style, its beats the other way round (bits per step)
for style in gmd gmd-fills; do
  for kind in fill beat; do
    "$DRUMSWARM" style eval -s "$style" "$gmd" --info "$gmd/info.csv" --where split=validation \
      --where beat_type=$kind --where time_signature=4-4 2>/dev/null \
      | awk -F'\t' '$1 == "bits-per-step" && $2 == "style" { print $3 }' > "$tmp/$style-$kind"
  done
done
ok "validation fills: likelier under gmd-fills ($(cat "$tmp/gmd-fills-fill")) than gmd ($(cat "$tmp/gmd-fill"))" \
  awk -v a="$(cat "$tmp/gmd-fills-fill")" -v b="$(cat "$tmp/gmd-fill")" 'BEGIN { exit !(a > b) }'
ok "validation beats: likelier under gmd ($(cat "$tmp/gmd-beat")) than gmd-fills ($(cat "$tmp/gmd-fills-beat"))" \
  awk -v a="$(cat "$tmp/gmd-beat")" -v b="$(cat "$tmp/gmd-fills-beat")" 'BEGIN { exit !(a > b) }'
done_testing
