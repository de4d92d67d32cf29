#!/bin/sh
# Output where the user says, input from where the user says: "-" as standard
# input and output for every command, symbolic links written through to their
# targets, a write error on standard output is an error, and a FIFO with no
# program at its other end is given up after a short wait.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
printf '[stage]\nvoices = kick,snare\nagents = snare\nlength = 8\ncontext = kick=x...x...\n[snare]\nreward = anti-coincidence(kick)\n[train]\nstages = 16\nepisodes = 32\n' >"$tmp/tiny.conf"
printf '[train]\nstages = 32\n' >"$tmp/small.conf"
one_line () { test "$(wc -l <"$1")" -eq 1 && grep -q "$2" "$1"; }

# --- "-" ------------------------------------------------------------------------
"$DRUMSWARM" convert "$ex/rock.mid" "$tmp/rock.mid" 2>/dev/null
"$DRUMSWARM" convert "$ex/rock.mid" - >"$tmp/stdout.mid" 2>"$tmp/e"
is "convert IN -: exits 0" 0 $?
ok "convert IN -: the file on standard output, no file named -" \
  sh -c "cmp -s '$tmp/rock.mid' '$tmp/stdout.mid' && test ! -e ./-"
"$DRUMSWARM" convert - "$tmp/stdin.mid" <"$ex/rock.mid" 2>"$tmp/e"
is "convert - OUT: exits 0" 0 $?
ok "convert - OUT: reads standard input" cmp -s "$tmp/rock.mid" "$tmp/stdin.mid"
"$DRUMSWARM" convert - - <"$ex/rock.mid" >"$tmp/both.mid" 2>"$tmp/e"
ok "convert - -: standard input to standard output" cmp -s "$tmp/rock.mid" "$tmp/both.mid"
"$DRUMSWARM" show "$ex/rock.mid" >"$tmp/show.txt"
"$DRUMSWARM" show - <"$ex/rock.mid" >"$tmp/show-stdin.txt" 2>"$tmp/e"
ok "show -: the same grid as from the file" cmp -s "$tmp/show.txt" "$tmp/show-stdin.txt"
"$DRUMSWARM" show - </dev/null >"$tmp/o" 2>"$tmp/e"
is "show - with nothing on standard input exits 1" 1 $?
ok "... naming standard input" one_line "$tmp/e" '^drumswarm: standard input: '
"$DRUMSWARM" score -c - --measure density 'kick=x...,snare=x...' >"$tmp/o" 2>"$tmp/e" <<'EOF'
[snare]
reward = density
EOF
is "score -c -: the config from standard input" 0 $?
printf 'x..x\n\n  ....x...  \n' | "$DRUMSWARM" score --measure density x... - >"$tmp/o" 2>"$tmp/e"
is "score PATTERN -: the patterns of standard input, one per line, after the others" \
  "x...	density	0.25|x..x	density	0.5|....x...	density	0.125" "$(tr '\n' '|' <"$tmp/o" | sed 's/|$//')"
echo x... | "$DRUMSWARM" score -c - - >"$tmp/o" 2>"$tmp/e"
is "score -c - -: both from standard input is a usage error" 2 $?

"$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/file.dsm" --seed 2 -q
"$DRUMSWARM" train -c "$tmp/tiny.conf" -o - --seed 2 >"$tmp/stdout.dsm" 2>"$tmp/e"
is "train -o -: exits 0" 0 $?
ok "train -o -: the model on standard output, the same bytes" cmp -s "$tmp/file.dsm" "$tmp/stdout.dsm"
ok "train -o -: its summary on standard error" grep -q '^trained .* wrote standard output' "$tmp/e"
"$DRUMSWARM" eval -m - --start 'kick=x...x...,snare=x...x...' --iterations 2 <"$tmp/stdout.dsm" >"$tmp/o" 2>"$tmp/e"
is "eval -m -: reads the model from standard input" 0 $?
"$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/log.dsm" --log - >"$tmp/log.csv" 2>"$tmp/e"
ok "train --log -: the CSV on standard output" sh -c "head -1 '$tmp/log.csv' | grep -q '^iteration,episodes,' && ! grep -q '^trained' '$tmp/log.csv'"
"$DRUMSWARM" train -c "$tmp/tiny.conf" -o - --log - >"$tmp/o" 2>"$tmp/e"
is "train -o - --log -: two outputs on standard output is a usage error" 2 $?
ok "... saying which" one_line "$tmp/e" 'train: -o - and --log - would both write to standard output'
"$DRUMSWARM" train -c - --resume - -o "$tmp/x.dsm" </dev/null >"$tmp/o" 2>"$tmp/e"
is "train -c - --resume -: a usage error" 2 $?

"$DRUMSWARM" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o - --episodes 64 --threads 2 \
  >"$tmp/session.mid" 2>"$tmp/e"
is "session -o -: exits 0" 0 $?
ok "session -o -: the answer on standard output is a MIDI file" sh -c "'$DRUMSWARM' show '$tmp/session.mid' | grep -q '^# meter 4/4, 2 bars'"
ok "session -o -: the report on standard error" grep -q '^# wrote standard output' "$tmp/e"
"$DRUMSWARM" session -c "$tmp/small.conf" -i - -o "$tmp/s.mid" --episodes 64 --plot - -q \
  <"$ex/rock.mid" >"$tmp/plot.svg" 2>"$tmp/e"
ok "session -i - --plot -: loop from standard input, SVG to standard output" grep -q '<svg' "$tmp/plot.svg"
"$DRUMSWARM" session -i "$ex/rock.mid" -o - --plot - >"$tmp/o" 2>"$tmp/e"
is "session -o - --plot -: a usage error" 2 $?
"$DRUMSWARM" session -i - -c - -o "$tmp/x.mid" </dev/null >"$tmp/o" 2>"$tmp/e"
is "session -i - -c -: a usage error" 2 $?
ok "... saying both would read standard input" one_line "$tmp/e" 'would both read standard input'

"$DRUMSWARM" train -c "$ex/study-2020.conf" -o "$tmp/m.dsm" --episodes 128 -q
"$DRUMSWARM" respond -m "$tmp/m.dsm" -i - -o - <"$ex/rock.mid" >"$tmp/r.mid" 2>"$tmp/e"
is "respond -i - -o -: exits 0" 0 $?
ok "respond -o -: the answer on standard output" sh -c "'$DRUMSWARM' show - <'$tmp/r.mid' | grep -q '^kick'"
ok "respond -o -: its report on standard error" grep -q '^# standard output' "$tmp/e"
"$DRUMSWARM" respond -m - -i - -o "$tmp/x.mid" <"$tmp/m.dsm" >"$tmp/o" 2>"$tmp/e"
is "respond -m - -i -: a usage error" 2 $?
"$DRUMSWARM" respond -m "$tmp/m.dsm" -i "$ex/rock.mid" -o - --variations 2 >"$tmp/o" 2>"$tmp/e"
is "respond -o - --variations 2: a usage error" 2 $?

# --- symbolic links ----------------------------------------------------------------
mkdir "$tmp/real" "$tmp/links"
ln -s ../real/answer.mid "$tmp/links/answer.mid"
"$DRUMSWARM" convert "$ex/rock.mid" "$tmp/links/answer.mid" 2>"$tmp/e"
ok "convert onto a dangling link creates its target" cmp -s "$tmp/rock.mid" "$tmp/real/answer.mid"
ok "... and leaves the link a link" test -L "$tmp/links/answer.mid"
ln -s answer.mid "$tmp/links/again.mid"
"$DRUMSWARM" convert --repeat 2 "$ex/rock.mid" "$tmp/links/again.mid" 2>"$tmp/e"
ok "convert through two links replaces the file at their end" \
  sh -c "test -L '$tmp/links/again.mid' && test -L '$tmp/links/answer.mid' && ! cmp -s '$tmp/rock.mid' '$tmp/real/answer.mid'"
ok "... and leaves no other file beside it" test "$(ls "$tmp/real")" = answer.mid
ln -s ../real/model.dsm "$tmp/links/model.dsm"
"$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/links/model.dsm" --seed 2 -q
ok "train -o a link writes the model at the link's target" \
  sh -c "test -L '$tmp/links/model.dsm' && cmp -s '$tmp/real/model.dsm' '$tmp/file.dsm'"
if [ -L /dev/stdout ]; then
  "$DRUMSWARM" convert "$ex/rock.mid" /dev/stdout >"$tmp/devstdout.mid" 2>"$tmp/e"
  ok "convert IN /dev/stdout: the file reaches standard output" cmp -s "$tmp/rock.mid" "$tmp/devstdout.mid"
  ok "... and /dev/stdout is still a link" test -L /dev/stdout
fi

# --- write errors -------------------------------------------------------------------
if [ -w /dev/full ]; then
  for c in "show $ex/rock.mid" "score x..." "eval -m $tmp/m.dsm --start kick=x...x...,snare=x...x... --iterations 2" \
           "bench --list" "help show" "--help" "convert $ex/rock.mid -"; do
    # shellcheck disable=SC2086
    "$DRUMSWARM" $c >/dev/full 2>"$tmp/e"
    is "'$c' onto a full disk exits 1" 1 $?
    ok "... with one line saying standard output cannot be written" one_line "$tmp/e" '^drumswarm: standard output: cannot write'
  done
  "$DRUMSWARM" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/full.mid" --episodes 64 >/dev/full 2>"$tmp/e"
  is "session's report onto a full disk exits 1" 1 $?
  "$DRUMSWARM" respond -m "$tmp/m.dsm" -i "$ex/rock.mid" -o "$tmp/full.mid" >/dev/full 2>"$tmp/e"
  is "respond's report onto a full disk exits 1" 1 $?
  "$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/full.dsm" >/dev/full 2>"$tmp/e"
  is "train's summary onto a full disk exits 1" 1 $?
  "$DRUMSWARM" convert "$ex/rock.mid" /dev/full 2>"$tmp/e"
  is "convert onto /dev/full exits 1" 1 $?
  ok "... naming /dev/full once" sh -c "one() { test \$(grep -o /dev/full '$tmp/e' | wc -l) -eq 1; }; one"
fi
"$DRUMSWARM" convert "$ex/rock.mid" "$tmp/no/such/folder/x.mid" 2>"$tmp/e"
is "convert into a missing folder exits 1" 1 $?
ok "... naming the path once, and no temporary name" \
  sh -c "test \$(grep -o 'x\.mid' '$tmp/e' | wc -l) -eq 1 && ! grep -q 'XXXXXX\|drumswarm-' '$tmp/e'"

# --- FIFOs --------------------------------------------------------------------------
mkfifo "$tmp/in.fifo" "$tmp/out.fifo"
timeout 30 "$DRUMSWARM" show "$tmp/in.fifo" >"$tmp/o" 2>"$tmp/e"
is "show a FIFO that no program writes: exits 1 (not stuck)" 1 $?
ok "... saying so in one line" one_line "$tmp/e" 'in.fifo: cannot read: a named pipe that no program writes to'
timeout 30 "$DRUMSWARM" convert "$ex/rock.mid" "$tmp/out.fifo" 2>"$tmp/e"
is "convert to a FIFO that no program reads: exits 1 (not stuck)" 1 $?
ok "... saying so in one line" one_line "$tmp/e" 'out.fifo: cannot write: a named pipe that no program reads'
timeout 30 "$DRUMSWARM" train -c "$tmp/tiny.conf" -o "$tmp/x.dsm" --log "$tmp/out.fifo" 2>"$tmp/e"
is "train --log a FIFO that no program reads: exits 1" 1 $?
(sleep 1; cat "$ex/rock.mid" >"$tmp/in.fifo") &
timeout 30 "$DRUMSWARM" show "$tmp/in.fifo" >"$tmp/o" 2>"$tmp/e"
is "show a FIFO whose writer comes a second later: exits 0" 0 $?
ok "... and reads the loop" cmp -s "$tmp/show.txt" "$tmp/o"
wait
(sleep 1; cat "$tmp/out.fifo" >"$tmp/from-fifo.mid") &
timeout 30 "$DRUMSWARM" convert "$ex/rock.mid" "$tmp/out.fifo" 2>"$tmp/e"
is "convert to a FIFO whose reader comes a second later: exits 0" 0 $?
wait
ok "... and the reader gets the file" cmp -s "$tmp/rock.mid" "$tmp/from-fifo.mid"
ok "both FIFOs are still FIFOs" sh -c "test -p '$tmp/in.fifo' && test -p '$tmp/out.fifo'"
done_testing
