#!/bin/sh
# session and respond end to end: a loop in, an answer out that other tools read,
# the report, determinism, and clear errors.
. "$DS_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$DS_SRCDIR/examples"
TAB=$(printf '\t')

# a short session: two training iterations of 64 stages
printf '[train]\nstages = 64\n' > "$tmp/small.conf"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/answer.mid" \
  --episodes 128 --threads 2 --plot "$tmp/answer.svg" --log "$tmp/answer.csv"
is "session exits 0" 0 $?
ok "session prints no error" test ! -s "$tmp/e"
ok "session writes the answer" test -s "$tmp/answer.mid"
ok "report has the loop's grid before" grep -q "^before${TAB}kick${TAB}[xX.]\{16\}|[xX.]\{16\}\$" "$tmp/o"
ok "report has the answer's grid after" grep -q "^after${TAB}snare${TAB}[xX.]\{16\}|[xX.]\{16\}\$" "$tmp/o"
ok "report has one line per agent voice with 9 columns" \
  test "$(grep -c "^\(kick\|snare\|hat\)${TAB}" "$tmp/o")" -eq 3 -a \
       "$(grep "^snare${TAB}" "$tmp/o" | awk -F"$TAB" '{print NF}')" -eq 9
ok "the log has a header and a row per iteration" \
  test "$(head -1 "$tmp/answer.csv" | cut -d, -f1)" = iteration -a "$(wc -l < "$tmp/answer.csv")" -eq 3
ok "the plot is an SVG picture" grep -q '<svg' "$tmp/answer.svg"

run_cli "$tmp/o" "$tmp/e" show "$tmp/answer.mid"
is "the answer imports again" 0 $?
ok "the answer keeps the loop's meter, bars and tempo" grep -q '^# meter 4/4, 2 bars, 32 steps, 120 bpm' "$tmp/o"

if [ -n "$PYTHON3_SYSTEM" ] && "$PYTHON3_SYSTEM" -c 'import mido' 2>/dev/null; then
  "$PYTHON3_SYSTEM" - "$tmp/answer.mid" > "$tmp/mido" 2>&1 <<'PY'
import sys, mido
f = mido.MidiFile(sys.argv[1])
names = [t.name for t in f.tracks[1:]]
assert f.type == 1, f.type
assert names == ['kick', 'snare', 'hat'], names
for t in f.tracks[1:]:
    for m in t:
        if m.type in ('note_on', 'note_off'):
            assert m.channel == 9, m
print('ok')
PY
  is "mido reads one named track per voice on channel 10" ok "$(cat "$tmp/mido")"
fi

# the same seed gives the same file, whatever the threads
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/again.mid" \
  --episodes 128 --threads 1 --quiet
is "quiet session exits 0" 0 $?
ok "quiet session prints nothing" test ! -s "$tmp/o"
ok "same seed, 1 or 2 threads: the same answer" cmp -s "$tmp/answer.mid" "$tmp/again.mid"

# fresh agents see the bar they answer (loop-input), except with a config's
# independent critic, which takes no such input
printf '[train]\nstages = 64\n[swarm]\ncritic = independent\n' > "$tmp/independent.conf"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/independent.conf" -i "$ex/rock.mid" \
  -o "$tmp/independent.mid" --from-scratch --episodes 128 --quiet
is "a fresh session with an independent critic exits 0" 0 $?
ok "... and writes its answer" test -s "$tmp/independent.mid"

# odd meters: a 5/4 bar then a 7/8 bar meet a 4/4 bar of 16 steps and go back
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/small.conf" -o "$tmp/model.dsm" --episodes 128 -q
is "train a small model" 0 $?
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/five-seven.mid" -o "$tmp/r.mid" \
  --variations 2 --agents snare,hat
is "respond exits 0" 0 $?
ok "respond writes every variation" test -s "$tmp/r-1.mid" -a -s "$tmp/r-2.mid"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/five-seven.mid" -o "$tmp/r1.mid" \
  --agents snare,hat --threads 1 --quiet
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/five-seven.mid" -o "$tmp/r2.mid" \
  --agents snare,hat --threads 2 --quiet
ok "respond gives the same answer on 1 or 2 threads" cmp -s "$tmp/r1.mid" "$tmp/r2.mid"
run_cli "$tmp/o" "$tmp/e" show "$tmp/r-1.mid"
ok "the answer keeps the 5/4 and 7/8 bars" grep -q '^# meter 5/4,7/8, 4 bars, 68 steps, 100 bpm' "$tmp/o"
run_cli "$tmp/o" "$tmp/e" show "$ex/five-seven.mid"
kick_in=$(grep "^kick${TAB}" "$tmp/o")
run_cli "$tmp/o" "$tmp/e" show "$tmp/r-1.mid"
is "a voice no agent plays is the loop's own" "$kick_in" "$(grep "^kick${TAB}" "$tmp/o")"

# a corpus of the user's loops as contexts: a broken file is left out, said once
mkdir "$tmp/corpus" "$tmp/empty"
cp "$ex/rock.mid" "$ex/funk-played.mid" "$tmp/corpus/"
echo 'not midi' > "$tmp/corpus/broken.mid"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/small.conf" -o "$tmp/corpus.dsm" --episodes 128 \
  --corpus "$tmp/corpus"
is "train --corpus exits 0" 0 $?
ok "the corpus's bars are counted" grep -q "^corpus $tmp/corpus: 4 bars on the grid of 16 steps" "$tmp/o"
ok "the broken loop is left out in one line" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q 'broken.mid.*left out of the corpus' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --corpus "$tmp/empty"
is "an empty corpus exits 1" 1 $?
ok "an empty corpus is named" grep -q "empty: no MIDI file in the folder" "$tmp/e"
# the loops a list names; the bars of the model's meter, or of another fitted to it
echo rock.mid > "$tmp/corpus.list"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/small.conf" -o "$tmp/x.dsm" --episodes 64 \
  --corpus "$tmp/corpus" --list "$tmp/corpus.list"
ok "train --corpus --list takes the loops it names" \
  grep -q "^corpus $tmp/corpus: 2 bars on the grid of 16 steps (1 files; bars of 4/4;" "$tmp/o"
printf '[stage]\nmeter = 7/8\nlength = 14\nbars = 1\n[train]\nstages = 64\n' > "$tmp/seven.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/seven.conf" -o "$tmp/x.dsm" --episodes 64 --corpus "$ex"
ok "a 7/8 model takes the 7/8 bars of the examples, leaving the others out" \
  grep -q "^corpus $ex: 2 bars on the grid of 14 steps (3 files; bars of 7/8; left out: 6 bars of other meters, 0 empty)" "$tmp/o"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/seven.conf" -o "$tmp/x.dsm" --episodes 64 --corpus "$ex" \
  --corpus-meter 4/4
ok "--corpus-meter 4/4: the 4/4 bars, fitted to the 7/8 bar" \
  grep -q "^corpus $ex: 4 bars on the grid of 14 steps (3 files; bars of 4/4, fitted to the model's bar; left out: 4 bars" "$tmp/o"
printf '[stage]\nmeter = 3/4\nlength = 3\nbars = 1\n' > "$tmp/coarse.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/coarse.conf" -o "$tmp/x.dsm" --episodes 64 --corpus "$ex" \
  --corpus-meter 7/8
is "a corpus meter that is no whole number of the model's steps exits 1" 1 $?
ok "it says so in one line" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q 'a bar of 7/8 is no whole number of steps' '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --list "$tmp/corpus.list"
is "--list without --corpus is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --corpus "$ex" --corpus-meter 7/x
is "a bad --corpus-meter is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --corpus "$ex" --where split=train
is "--where without --info is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" train -o "$tmp/x.dsm" --corpus "$tmp/nowhere"
is "a missing corpus folder exits 1" 1 $?
ok "a missing corpus folder: one line naming it" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q 'nowhere: cannot read the corpus folder' '$tmp/e'"

# errors: one line, the right exit status
run_cli "$tmp/o" "$tmp/e" session -o "$tmp/x.mid"; is "session without -i is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/none.mid" -o "$tmp/x.mid"
is "session on a missing file exits 1" 1 $?
ok "missing file: one line naming it" sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q 'none.mid' '$tmp/e'"
printf 'MThd\000\000\000\006\000\001' > "$tmp/broken.mid"
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/broken.mid" -o "$tmp/x.mid"
is "session on a broken file exits 1" 1 $?
ok "broken file: one line" test "$(wc -l < "$tmp/e")" -eq 1
ok "no answer written for a broken file" test ! -e "$tmp/x.mid"
cp "$ex/rock.mid" "$tmp/in.mid"
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/in.mid" -o "$tmp/in.mid"
is "session refuses to overwrite its input" 2 $?
ok "the input is untouched" cmp -s "$ex/rock.mid" "$tmp/in.mid"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/x.mid" --agents ride
is "respond with an unknown agent exits 1" 1 $?
ok "unknown agent is named with the model's agents" grep -q "no agent 'ride' (its agents: kick,snare,hat)" "$tmp/e"
head -c 200 "$tmp/model.dsm" > "$tmp/cut.dsm"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/cut.dsm" -i "$ex/rock.mid" -o "$tmp/x.mid"
is "respond with a truncated model exits 1" 1 $?
ok "truncated model: one line" test "$(wc -l < "$tmp/e")" -eq 1
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" --from nowhere
is "a bad --from is a usage error" 2 $?
# outputs that would land on an input or on each other are refused at once
cp "$tmp/model.dsm" "$tmp/keep.dsm"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/model.dsm"
is "respond -o the model is a usage error" 2 $?
ok "respond -o the model: the model is untouched" cmp -s "$tmp/model.dsm" "$tmp/keep.dsm"
ok "respond -o the model: one line saying so" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q 'would overwrite the model' '$tmp/e'"
cp "$ex/rock.mid" "$tmp/loop-1.mid"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$tmp/loop-1.mid" -o "$tmp/loop.mid" \
  --variations 2
is "respond --variations refuses a variation that is the input" 2 $?
ok "the input of --variations is untouched" cmp -s "$ex/rock.mid" "$tmp/loop-1.mid"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/same.mid" --plot "$tmp/same.mid"
is "session --plot onto the answer is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" session -i "$tmp/in.mid" -o "$tmp/x.mid" --log "$tmp/in.mid"
is "session --log onto the input is a usage error" 2 $?
ok "the input of --log is untouched" cmp -s "$ex/rock.mid" "$tmp/in.mid"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" --log "$tmp/c.csv" \
  --plot "$tmp/c.csv"
is "session --plot and --log on one file is a usage error" 2 $?

# a folder that does not exist fails before the training, and leaves no answer
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/half.mid" \
  --episodes 128 --plot "$tmp/nowhere/p.svg"
is "session --plot into a missing folder exits 1" 1 $?
ok "missing plot folder: one line naming it" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"nowhere/p.svg: there is no folder\" '$tmp/e'"
ok "missing plot folder: no answer left without its plot" test ! -e "$tmp/half.mid"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/nowhere/a.mid"
is "session -o into a missing folder exits 1 before training" 1 $?
ok "session -o into a missing folder: nothing printed on stdout" test ! -s "$tmp/o"

# --agents names a voice the session does not have: said as the option, not a config line
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" --agents tom
is "session --agents with an absent voice exits 1" 1 $?
ok "absent --agents voice: one line naming the option and the voices" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"^drumswarm: --agents: 'tom' is not one of the session's voices (kick,snare,hat)\" '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" --agents ''
is "session --agents '' exits 1" 1 $?
ok "empty --agents: no made-up config name in the message" sh -c "! grep -q '(defaults)' '$tmp/e'"

# an absurd thread count is no crash: the answer is the same as with one thread
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/five-seven.mid" -o "$tmp/r3.mid" \
  --agents snare,hat --threads 100000 --quiet
is "respond --threads 100000 exits 0" 0 $?
ok "respond --threads 100000 gives the one-thread answer" cmp -s "$tmp/r1.mid" "$tmp/r3.mid"
# an agent voice that the loop lacks and General MIDI does not name fails before training
printf '[stage]\nvoices = kick,cowbell\n' > "$tmp/cowbell.conf"
run_cli "$tmp/o" "$tmp/e" session -c "$tmp/cowbell.conf" -i "$ex/rock.mid" -o "$tmp/cow.mid"
is "session with an agent voice that has no note exits 1" 1 $?
ok "voice with no note: one line naming the config and the voice, before training" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"cowbell.conf: the agents' voice 'cowbell' is not in the loop\" '$tmp/e' && test ! -s '$tmp/o'"
ok "voice with no note: no answer written" test ! -e "$tmp/cow.mid"
printf '[stage]\nvoices = kick,cowbell\nepisode-length = 4\n[train]\nstages = 8\n' > "$tmp/cowbell-train.conf"
run_cli "$tmp/o" "$tmp/e" train -c "$tmp/cowbell-train.conf" -o "$tmp/cowbell.dsm" --episodes 8 -q
is "train a model with a cowbell agent" 0 $?
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/cowbell.dsm" -i "$ex/rock.mid" -o "$tmp/cow.mid"
is "respond with an agent voice that has no note exits 1" 1 $?
ok "respond, voice with no note: one line naming the model and the voice" \
  sh -c "test \$(wc -l < '$tmp/e') -eq 1 && grep -q \"cowbell.dsm: the model's voice 'cowbell' is not in\" '$tmp/e'"
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/x.mid" --temperature nan
is "respond --temperature nan is a usage error" 2 $?
run_cli "$tmp/o" "$tmp/e" respond -m "$tmp/model.dsm" -i "$ex/rock.mid" -o "$tmp/none.mid" --agents ''
is "respond --agents '' exits 1 instead of copying the loop" 1 $?
ok "respond --agents '': no answer written" test ! -e "$tmp/none.mid"
mkfifo "$tmp/plot-pipe"
(timeout 20 cat "$tmp/plot-pipe" >"$tmp/from-pipe.svg" &)
timeout 20 "$DRUMSWARM" session -c "$tmp/small.conf" -i "$ex/rock.mid" -o "$tmp/p.mid" \
  --episodes 64 -q --plot "$tmp/plot-pipe" >"$tmp/o" 2>"$tmp/e"
is "session --plot into a named pipe exits 0" 0 $?
ok "session --plot leaves the pipe a pipe" test -p "$tmp/plot-pipe"
sleep 1
ok "the reader of the pipe gets the SVG" grep -q '<svg' "$tmp/from-pipe.svg"
run_cli "$tmp/o" "$tmp/e" session -i "$ex/rock.mid" -o "$tmp/x.mid" --episodes 0
is "session --episodes 0 is a usage error, not the default training" 2 $?
done_testing
