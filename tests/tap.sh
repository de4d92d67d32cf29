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
# The tests that run a JACK server (tests/live-jack.sh, tests/lv2-jalv.sh):
# jack_starved LOG PLAYER: how often jackd's LOG shows the machine starving
# JACK's real-time threads (the dummy driver's timer woke late, or the trivial
# clients PLAYER-rec and PLAYER-play missed their cycle): xruns then are the
# machine's, not drumswarm's.
jack_starved () {
  grep -c -e 'JackTimedDriver::Process XRun' -e "client = $2-\(rec\|play\) was not finished" "$1"
}
# ok_unless_starved NAME XRUNS STARVED COMMAND...: ok NAME COMMAND, except that
# a COMMAND failing in a run with XRUNS > 0 while STARVED > 0 is reported as
# TODO (XFAIL) with the figures: other work on the machine made those xruns.
tap_todo=0
ok_unless_starved () {
  name=$1 xr=${2:-0} st=${3:-0}; shift 3
  if [ "$xr" -gt 0 ] && [ "$st" -gt 0 ] && ! "$@"; then
    tap_n=$((tap_n + 1))
    tap_todo=$((tap_todo + 1))
    echo "not ok $tap_n - $name # TODO $xr xruns while the machine starved JACK ($st late" \
      "wake-ups or missed cycles of the player; load $(cut -d' ' -f1-3 /proc/loadavg))"
  else
    ok "$name" "$@"
  fi
}
