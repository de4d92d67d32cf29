# tap.sh: a tiny TAP library for the shell tests (sourced, not run).
# ok NAME COMMAND...: runs COMMAND and reports it; is NAME EXPECTED ACTUAL; done_testing.
tap_n=0
tap_failed=0
ok () {
  name=$1; shift
  tap_n=$((tap_n + 1))
  if "$@"; then echo "ok $tap_n - $name"; else echo "not ok $tap_n - $name"; tap_failed=$((tap_failed + 1)); fi
}
is () {
  tap_n=$((tap_n + 1))
  if [ "$2" = "$3" ]; then echo "ok $tap_n - $1"
  else
    echo "not ok $tap_n - $1"
    printf '# expected: %s\n#      got: %s\n' "$2" "$3"
    tap_failed=$((tap_failed + 1))
  fi
}
skip_all () { echo "1..0 # SKIP $1"; exit 0; }
done_testing () { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
# run_cli OUT ERR ARGS...: runs drumswarm, stdout to OUT, stderr to ERR, returns its status.
run_cli () {
  out=$1 err=$2; shift 2
  "$DRUMSWARM" "$@" >"$out" 2>"$err"
}
