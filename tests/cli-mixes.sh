#!/bin/sh
# `drumswarm mixes`: every voice of the kit with its beat and fill mixes (as
# drumswarm.conf(5) lists them), the generic one, and what each term means;
# each printed mix is one that `score --reward` takes.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')

run_cli "$tmp/o" "$tmp/e" mixes
is "mixes exits 0" 0 $?
ok "mixes prints no error" test ! -s "$tmp/e"
for v in kick snare hat tom crash ride other; do
  ok "mixes prints $v with its beat and fill mixes" \
    sh -c "grep -A2 '^$v${TAB}' '$tmp/o' | grep -q '^  beat${TAB}' && grep -A2 '^$v${TAB}' '$tmp/o' | grep -q '^  fill${TAB}'"
done
# the voices: the lines before the terms that are not mixes
voices () { sed '/^# the terms/,$d' "$1" | grep -v '^#' | grep -v '^  ' | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }
is "one voice line per kit voice, and other" "kick snare hat tom crash ride other" "$(voices "$tmp/o")"
for term in "style[(NAME or FILE[, SPAN])]" "anchors(loop[, LEVEL])" "toward-end" \
            "density-target(T)" "target(TERM, T)" "similarity(VOICE)"; do
  ok "mixes says what $term means" grep -qF "$term${TAB}" "$tmp/o"
done

# every beat and fill mix scores a stage of the kit's voices against a loop
stage='kick=x.......x.......,snare=....x.......x...,hat=x.x.x.x.x.x.x.x.,tom=............x.x.,crash=x...............,ride=................'
sed '/^# the terms/,$d' "$tmp/o" | grep -v '^#' \
  | awk -F"$TAB" '/^  / { print voice "\t" $2; next } { voice = $1 == "other" ? "kick" : $1 }' \
  | sed 's/ (+ \(.*\))$/ + \1/' > "$tmp/mixes"
n=0 bad=0
while IFS="$TAB" read -r v mix; do
  n=$((n + 1))
  "$DRUMSWARM" score --reward "$v: $mix" --loop "$stage" "$stage" >/dev/null 2>"$tmp/err" \
    || { bad=$((bad + 1)); cat "$tmp/err"; }
done < "$tmp/mixes"
is "all $n printed mixes parse and score" 0 "$bad"

run_cli "$tmp/o" "$tmp/e" mixes hat other
is "mixes hat other exits 0" 0 $?
is "prints only those" "hat other" "$(voices "$tmp/o")"
run_cli "$tmp/o" "$tmp/e" mixes cowbell
is "mixes of an unknown voice: a usage error" 2 $?
ok "naming the kit's voices" grep -q "'cowbell' is not a voice of the kit (kick,snare,hat" "$tmp/e"
done_testing
