#!/bin/sh
# libdrumswarm as a user gets it: `make install` (into a scratch DESTDIR), the
# library with its soname, the header and drumswarm.pc; it exports exactly the
# functions drumswarm.h declares; and examples/answer-bar.c builds with
# `pkg-config --cflags --libs drumswarm` against the installed copy and answers
# a bar with a model that `drumswarm train` made.
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$DS_BUILDDIR" ] && [ -n "$CC" ] || skip_all "run from make check (DS_BUILDDIR, CC)"
command -v "${PKG_CONFIG:-pkg-config}" >/dev/null || skip_all "no pkg-config"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"

${MAKE:-make} -C "$DS_BUILDDIR" install DESTDIR="$root" >"$tmp/install.log" 2>&1
is "make install into a DESTDIR succeeds" 0 $?
pc=$(find "$root" -name drumswarm.pc | head -1)
lib=$(find "$root" -name 'libdrumswarm.so.0' | head -1)
ok "drumswarm.pc is installed" test -n "$pc"
ok "the library is installed under its soname libdrumswarm.so.0" test -n "$lib"
ok "the header is installed" test -n "$(find "$root" -name drumswarm.h)"
[ -n "$pc" ] && [ -n "$lib" ] || { done_testing; exit; }
libdir=$(dirname "$lib")

# exported: the header's functions, and nothing else
grep -o 'ds_responder_[a-z_]* (' "$DS_SRCDIR/src/responder/drumswarm.h" | sed 's/ ($//' |
  LC_ALL=C sort -u > "$tmp/declared"
if command -v nm >/dev/null; then
  nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" { print $3 }' |
    LC_ALL=C sort -u > "$tmp/exported"
  is "the library exports exactly the functions drumswarm.h declares" \
    "$(cat "$tmp/declared")" "$(cat "$tmp/exported")"
fi

# the installed drumswarm.pc with its prefix moved into the DESTDIR
mkdir "$tmp/pc"
sed "s|^prefix=|prefix=$root|" "$pc" > "$tmp/pc/drumswarm.pc"
export PKG_CONFIG_PATH="$tmp/pc"
flags=$(${PKG_CONFIG:-pkg-config} --cflags --libs drumswarm 2>"$tmp/e")
is "pkg-config --cflags --libs drumswarm works" 0 $?
# shellcheck disable=SC2086 # the flags are words
$CC $DS_SANITIZERS -o "$tmp/answer-bar" "$DS_SRCDIR/examples/answer-bar.c" $flags \
  >"$tmp/cc.log" 2>&1
is "examples/answer-bar.c builds against the installed library" 0 $?
sed 's/^/# /' "$tmp/cc.log"

printf '[train]\nstages = 64\n' > "$tmp/small.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/small.conf" -o "$tmp/model.dsm" --episodes 128 -q
is "drumswarm train makes a tiny model" 0 $?
LD_LIBRARY_PATH="$libdir" "$tmp/answer-bar" "$tmp/model.dsm" >"$tmp/answer" 2>"$tmp/e"
is "answer-bar answers a bar with it" 0 $?
ok "the answer is hits: time, voice, note, velocity" \
  grep -qE '^0\.[0-9]{4}	(kick|snare|hat)	[0-9]+	[0-9]+$' "$tmp/answer"
ok "it uses the installed library" \
  sh -c "LD_LIBRARY_PATH='$libdir' ldd '$tmp/answer-bar' | grep -q '$libdir/libdrumswarm.so.0'"
# OpenBLAS starts threads of its own when it is loaded: a program that links
# the library must not get them (drumswarm loads it only for --blas)
ok "it brings in no BLAS" \
  sh -c "! LD_LIBRARY_PATH='$libdir' ldd '$tmp/answer-bar' | grep -v 'libdrumswarm' | grep -qi 'blas'"
LD_LIBRARY_PATH="$libdir" "$tmp/answer-bar" "$tmp/missing.dsm" >"$tmp/o" 2>"$tmp/e"
is "a missing model is an error" 1 $?
ok "the error names the file" grep -q 'missing.dsm' "$tmp/e"
done_testing
