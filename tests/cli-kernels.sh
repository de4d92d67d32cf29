#!/bin/sh
# The kernels of every instruction set this processor runs (DRUMSWARM_KERNELS:
# avx512f, avx2, baseline; agents/mlp-kernels.h) train as the default ones do:
# the same bytes on 1 or 2 threads, and the 2020 study learnt (eval climbs to
# its best pattern).  On a processor without AVX-512 or AVX2 the program takes
# the widest it runs, and these runs test that.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')
conf="$DS_SRCDIR/examples/study-2020.conf"

for k in avx512f avx2 baseline; do
  DRUMSWARM_KERNELS=$k; export DRUMSWARM_KERNELS
  run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/$k-1.dsm" --seed 5 --threads 1 --quiet \
    --episodes 8192
  is "$k: train exits 0" 0 $?
  run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/$k-2.dsm" --seed 5 --threads 2 --quiet \
    --episodes 8192
  is "$k: train with 2 threads exits 0" 0 $?
  ok "$k: the same bytes with 1 or 2 threads" cmp -s "$tmp/$k-1.dsm" "$tmp/$k-2.dsm"
done

# the whole study on the narrower kernels (the suite's other tests run the widest)
for k in avx2 baseline; do
  DRUMSWARM_KERNELS=$k; export DRUMSWARM_KERNELS
  run_cli "$tmp/o" "$tmp/e" train -c "$conf" -o "$tmp/$k.dsm" --seed 3 --threads 2 --quiet
  is "$k: the study trains" 0 $?
  run_cli "$tmp/o" "$tmp/e" eval -m "$tmp/$k.dsm" --start 'kick=x...x...,snare=x...x...' \
    --iterations 10
  is "$k: eval reaches the best pattern" "10${TAB}kick=x...x...,snare=.xxx.xxx${TAB}snare=1" \
    "$(sed -n 11p "$tmp/o")"
done
done_testing
