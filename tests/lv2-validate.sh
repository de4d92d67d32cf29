#!/bin/sh
# The bundle drumswarm.lv2 as hosts read it: its Turtle files pass lv2_validate
# (sord_validate against the LV2 specifications' schemas), and lilv, the library
# most hosts load plugins with, finds the plugin, its module and its ports.
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$DS_LV2_BUNDLE" ] || skip_all "the LV2 plugin is not built (configure found no lv2)"
command -v lv2_validate >/dev/null 2>&1 || skip_all "lv2_validate is not installed (Debian: lv2-dev)"
command -v sord_validate >/dev/null 2>&1 || skip_all "sord_validate is not installed (Debian: sordi)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bundle=$DS_LV2_BUNDLE

ok "the bundle holds manifest.ttl, drumswarm.ttl and the module" \
  test -s "$bundle/manifest.ttl" -a -s "$bundle/drumswarm.ttl" -a -n "$(ls "$bundle"/drumswarm.* | grep -v '\.ttl$')"
lv2_validate "$bundle/manifest.ttl" "$bundle/drumswarm.ttl" >"$tmp/out" 2>&1
is "lv2_validate exits 0" 0 $?
ok "lv2_validate finds 0 errors" grep -q '^Found 0 errors' "$tmp/out"
ok "and no warnings" sh -c "! grep -qi 'warning' '$tmp/out'"
grep -i -E 'error|warning' "$tmp/out" | grep -v '^Found 0 errors' | sed 's/^/# /'

# The validator does catch a mistake: a range that is no class.
mkdir "$tmp/bad.lv2"
cp "$bundle"/*.ttl "$tmp/bad.lv2/"
sed 's/rdfs:range atom:Path/rdfs:range atom:Pathname/' "$bundle/drumswarm.ttl" >"$tmp/bad.lv2/drumswarm.ttl"
lv2_validate "$tmp/bad.lv2/manifest.ttl" "$tmp/bad.lv2/drumswarm.ttl" >"$tmp/bad" 2>&1
is "lv2_validate fails a broken copy" 1 $?

# The core registers static strings with GLib, whose tables outlive dlclose:
# the module must stay loaded once loaded (a host may load it again).
if command -v readelf >/dev/null 2>&1; then
  ok "the module is never unloaded (NODELETE)" \
    sh -c "readelf -d '$bundle'/drumswarm.* 2>/dev/null | grep -q 'Flags:.*NODELETE'"
  # nor bring OpenBLAS and its threads into the host (drumswarm loads it only for --blas)
  ok "the module needs no BLAS" \
    sh -c "! readelf -d '$bundle'/drumswarm.* | grep NEEDED | grep -qi 'blas'"
fi

if command -v lv2info >/dev/null 2>&1; then
  LV2_PATH="$(dirname "$bundle"):/usr/lib/lv2:/usr/local/lib/lv2" lv2info urn:drumswarm:lv2 >"$tmp/info" 2>&1
  is "lilv finds the plugin" 0 $?
  ok "its module is the bundle's" grep -q "Binary: *file://$bundle/drumswarm" "$tmp/info"
  is "it has 15 ports" 15 "$(grep -c '^	Port [0-9]*:' "$tmp/info")"
  for symbol in in out loop complexity density interplay style anchors temperature kick snare hat \
                thru status learnt; do
    ok "port '$symbol'" grep -q "Symbol: *$symbol\$" "$tmp/info"
  done
  ok "it needs urid:map and the worker" \
    sh -c "grep -q 'urid#map' '$tmp/info' && grep -q 'worker#schedule' '$tmp/info'"
  ok "it offers the state and worker interfaces" \
    sh -c "grep -q 'state#interface' '$tmp/info' && grep -q 'worker#interface' '$tmp/info'"
else
  echo "# lv2info (lilv-utils) is not installed: lilv's view not checked"
fi
done_testing
