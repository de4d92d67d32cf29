#!/bin/sh
# The layers of DESIGN.md hold: every #include of a project header points
# down the stack, never up or sideways.  From the bottom:
#   src/base      files, config, random streams, numbers, checkpoints
#   src/rhythm    patterns, meters, voices, measures, relations
#   src/stage     the environment, reward mixes, bars (the rhythm core ends here)
#   agents/       networks and learning (sees the core, never midi/)
#   midi/         MIDI files (sees the core, never agents/)
#   src/responder the public API: bars of hits in, answers out (core + agents)
#   src/session   what the faces share (anything below)
#   faces: src/live (JACK), src/lv2 (the plugin), and src/cli (the program,
#          whose `live` command runs src/live)
. "$DS_SRCDIR/tests/tap.sh"
cd "$DS_SRCDIR" || exit 1

# allowed LAYER: the folders a file in LAYER may include from
allowed () {
  case $1 in
    src/base) echo "src/base" ;;
    src/rhythm) echo "src/base src/rhythm" ;;
    src/stage) echo "src/base src/rhythm src/stage" ;;
    agents) echo "src/base src/rhythm src/stage agents" ;;
    midi) echo "src/base src/rhythm src/stage midi" ;;
    src/responder) echo "src/base src/rhythm src/stage agents src/responder" ;;
    src/session) echo "src/base src/rhythm src/stage agents midi src/responder src/session" ;;
    src/cli) echo "src/base src/rhythm src/stage agents midi src/responder src/session src/live src/cli" ;;
    src/live) echo "src/base src/rhythm src/stage agents midi src/responder src/session src/live" ;;
    src/lv2) echo "src/base src/rhythm src/stage agents src/responder src/lv2" ;;
    *) echo "" ;;
  esac
}

for layer in src/base src/rhythm src/stage agents midi src/responder src/session src/cli \
             src/live src/lv2; do
  [ -d "$layer" ] || continue
  bad=""
  for file in "$layer"/*.c "$layer"/*.h; do
    [ -f "$file" ] || continue
    for inc in $(sed -n 's/^#include "\([^"]*\)\/[^"/]*\.h".*/\1/p' "$file"); do
      case " $(allowed "$layer") " in
        *" $inc "*) ;;
        *) bad="$bad $file->$inc" ;;
      esac
    done
  done
  is "$layer includes only the layers below it" "" "$bad"
done
# every source file sits in a known layer
stray=$(ls src/*.c src/*.h 2>/dev/null)
is "no source file outside a layer folder of src/" "" "$stray"
done_testing
