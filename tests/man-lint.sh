#!/bin/sh
# The man pages are lint-clean under mandoc (when mandoc is installed).
. "$DS_SRCDIR/tests/tap.sh"
[ -n "$MANDOC" ] && [ -x "$MANDOC" ] || skip_all "mandoc is not installed"
for page in drumswarm.1 drumswarm.3 drumswarm.conf.5 drumswarm.lv2.7; do
  out=$("$MANDOC" -T lint -W warning "$DS_SRCDIR/man/$page" 2>&1)
  is "$page is mandoc -T lint clean" "" "$out"
done
# every subcommand in the program's table has its own section in drumswarm.1
for cmd in $("$DRUMSWARM" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
  ok "drumswarm.1 documents $cmd" grep -q "^\\.It Cm $cmd" "$DS_SRCDIR/man/drumswarm.1"
done
# drumswarm.3 documents every function that drumswarm.h declares
for fn in $(grep -o 'ds_responder_[a-z_]* (' "$DS_SRCDIR/src/responder/drumswarm.h" | sed 's/ ($//' | sort -u); do
  ok "drumswarm.3 documents $fn" grep -q "^\.\(Fn\|Fo\) $fn\( \|\$\)" "$DS_SRCDIR/man/drumswarm.3"
done
done_testing
