/* kit.c: the drum kit's voices, notes, default mixes and stock patterns (see kit.h).
 *
 * Notes: General MIDI Level 1 percussion names; where the Groove MIDI Dataset's
 * Roland TD-11 plays a note as something else (40 the snare's rim, 58 a tom's
 * rim, 59 the ride's edge ...), the name says both.
 *
 * Default mixes: similarity to the loop held near 0.85 (0.8 for the busy hat):
 * relate, not copy, and above the similarity that a random pattern of the
 * same density has, so that sparse voices keep their place; a complexity
 * target typical of the voice; a density target; and a relation to the voice
 * it plays against when that voice is on the stage.
 *
 * Toms and crashes are sparse: most bars have none, and a target on the
 * similarity (below 1) or on a complexity or a fixed density would have an
 * agent add them to every bar (a crash on every downbeat, a fill in every bar
 * of a jazz loop whose drummer played one).  Their mixes hold the similarity
 * itself, the loop's own count in each bar (density-ratio to the loop, which
 * says nothing where the loop has none), a light complexity target for the
 * toms and the strong beats for the crash (metrical complexity 0), and
 * relations that never ask for more hits: toms between the snare's hits and
 * the crash where the hat is not (the hand moves from the hat to the crash),
 * both by interlock, which is 1 while the voice is silent.
 * The hat and the ride keep time: even and busy; the hat on the beat (low
 * off-beatness), the ride on the strong beats with its skip notes (a low
 * metrical complexity: the swung "ding, ding-a-ding" of jazz and shuffle scores
 * 0.10 to 0.27, off-beatness would punish its skip notes).
 *
 * Checked with default sessions on the shared loops: on the jazz loop (3/4,
 * 8 bars) with kick, snare and ride as agents the ride keeps its "ding,
 * ding-a" in every bar (similarity 0.83 against 0.53 by chance, 99 % of
 * coordinate search), on the blues shuffle 0.81 against 0.52 (97 %); with
 * ride, tom and crash as agents on the jazz loop the toms stay near the
 * drummer's one fill and the crash on its bar (99 to 100 % of search).
 *
 * Stock patterns: four-on-the-floor, rock and backbeat, breakbeats (the Amen
 * and Funky Drummer figures, simplified), son and rumba clave, the tresillo
 * (3+3+2), a shuffle (sixteenths swung to the nearest step), bossa nova; the
 * jazz ride ("ding, ding-a-ding" with the skip note on the nearest step),
 * crashes on the downbeat, tom figures of a fill and a tom groove.
 */
#include "autoconfig.h"

#include "src/rhythm/kit.h"

#include <string.h>

/* The beat mix of a time keeper or a voice of the groove: like the loop with a
 * drummer's variation (similarity 0.9 of the steps: one or two of a bar
 * changed), the likelier bars of the bundled style, its anchors at LEVEL, as
 * busy as the loop; then EXTRA terms. */
#define BEAT_MIX(anchors, extra) \
  "0.35 target(similarity(loop), 0.95) + 0.35 style(gmd, 2) + 0.3 " anchors \
  " + 0.25 density-target(loop)" extra

static const DsKitVoice kit[] = {
  { "kick", "bass drum: the downbeats and the low end", TRUE,
    2, { { 36, "bass drum 1" }, { 35, "acoustic bass drum" } },
    BEAT_MIX ("anchors(loop)", ""),
    "snare", "0.05 interlock(",
    "0.35 style(gmd-fills, 2) + 0.35 anchors(loop, bar) + 0.2 density-target(loop) "
    "+ 0.1 target(similarity(loop), 0.8)",
    9, { { "four-on-the-floor", "x...x...x...x..." }, { "rock", "x.......x.x....." },
         { "backbeat", "x.....x...x....." }, { "amen", "x.x.......xx...." },
         { "funky-drummer", "x.x...x...x..x.." }, { "tresillo", "x..x..x.x..x..x." },
         { "son-clave", "x..x..x...x.x..." }, { "bossa-nova", "x..xx..xx..xx..x" },
         { "shuffle", "x.....x.x.....x." } } },
  { "snare", "snare drum: the backbeat, ghost notes and cross-stick", TRUE,
    4, { { 38, "head" }, { 37, "side stick (cross-stick)" },
         { 39, "hand clap" }, { 40, "rim (TD-11) / electric snare (GM)" } },
    BEAT_MIX ("anchors(loop)", ""),
    "kick", "0.05 interlock(",
    "0.3 style(gmd-fills, 2) + 0.3 target(toward-end, 0.7) + 0.25 density-target(0.4) "
    "+ 0.15 anchors(loop, bar)",
    8, { { "backbeat", "....x.......x..." }, { "amen", "....x..x.x..x..x" },
         { "funky-drummer", "....x..x.x.xx..x" }, { "son-clave", "x..x..x...x.x..." },
         { "rumba-clave", "x..x...x..x.x..." }, { "tresillo", "x..x..x.x..x..x." },
         { "shuffle", "....x.......x..x" }, { "bossa-nova", "x..x..x...x..x.." } } },
  { "hat", "hi-hat: the time keeper, closed, open and with the foot", TRUE,
    5, { { 42, "closed" }, { 44, "pedal" }, { 46, "open" },
         { 22, "closed edge (TD-11)" }, { 26, "open edge (TD-11)" } },
    BEAT_MIX ("anchors(loop, pulse)", " + 0.05 target(evenness, 0.9)"),
    NULL, NULL,
    "0.35 style(gmd-fills, 2) + 0.3 anchors(loop, bar) + 0.2 target(similarity(loop), 0.7) "
    "+ 0.15 density-target(0.2)",
    6, { { "eighths", "x.x.x.x.x.x.x.x." }, { "sixteenths", "xxxxxxxxxxxxxxxx" },
         { "offbeats", "..x...x...x...x." }, { "quarters", "x...x...x...x..." },
         { "shuffle", "x..xx..xx..xx..x" }, { "funky-drummer", "xxxxxxx.xxxxx.xx" } } },
  { "tom", "toms: fills and tom grooves, between the snare's hits", FALSE,
    7, { { 45, "low tom" }, { 41, "low floor tom" }, { 43, "high floor tom" },
         { 47, "low-mid tom" }, { 48, "high-mid tom" }, { 50, "high tom" },
         { 58, "floor tom rim (TD-11) / vibraslap (GM)" } },
    "0.35 similarity(loop) + 0.2 style(gmd, 2) + 0.2 anchors(loop) + 0.1 target(wnbd, 0.3) "
    "+ 0.3 density-ratio(loop)",
    "snare", "0.25 interlock(",
    "0.3 style(gmd-fills, 2) + 0.3 target(toward-end, 0.8) + 0.3 density-target(0.3) "
    "+ 0.1 target(lhl, 0.4)",
    3, { { "fill-end", "............xxxx" }, { "fill-half", "........x.x.xxxx" },
         { "tresillo", "x..x..x.x..x..x." } } },
  { "crash", "crash cymbals: the accents, with the kick on the downbeat", FALSE,
    4, { { 49, "crash 1" }, { 52, "chinese" }, { 55, "splash" }, { 57, "crash 2" } },
    "0.4 similarity(loop) + 0.2 style(gmd, 2) + 0.2 anchors(loop, bar) + 0.3 target(metrical, 0) "
    "+ 0.3 density-ratio(loop)",
    "hat", "0.2 interlock(",
    "0.5 similarity(loop) + 0.3 style(gmd-fills, 2) + 0.2 density-ratio(loop)",
    2, { { "downbeat", "x..............." }, { "half-bars", "x.......x......." } } },
  { "ride", "ride cymbal: the time keeper of jazz and shuffle, where the hat rests", FALSE,
    3, { { 51, "ride 1" }, { 53, "bell" }, { 59, "edge (TD-11) / ride 2 (GM)" } },
    BEAT_MIX ("anchors(loop, pulse)", " + 0.05 target(evenness, 0.9)"),
    NULL, NULL,
    "0.35 style(gmd-fills, 2) + 0.3 anchors(loop, bar) + 0.2 target(similarity(loop), 0.7) "
    "+ 0.15 density-target(0.2)",
    4, { { "jazz", "x...x..xx...x..x" }, { "quarters", "x...x...x...x..." },
         { "eighths", "x.x.x.x.x.x.x.x." }, { "shuffle", "x..xx..xx..xx..x" } } },
};

guint
ds_kit_n_voices (void)
{
  return G_N_ELEMENTS (kit);
}

const DsKitVoice *
ds_kit_voice (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (kit), NULL);
  return &kit[index];
}

const DsKitVoice *
ds_kit_find (const char *name)
{
  for (guint v = 0; v < G_N_ELEMENTS (kit); v++)
    if (strcmp (kit[v].name, name) == 0)
      return &kit[v];
  return NULL;
}

const DsKitNote *
ds_kit_voice_note (const DsKitVoice *voice, guint note)
{
  for (guint i = 0; i < voice->n_notes; i++)
    if (voice->notes[i].note == note)
      return &voice->notes[i];
  return NULL;
}

const DsKitVoice *
ds_kit_voice_of_note (guint note)
{
  for (guint v = 0; v < G_N_ELEMENTS (kit); v++)
    if (ds_kit_voice_note (&kit[v], note) != NULL)
      return &kit[v];
  return NULL;
}

static char *
join_names (gboolean defaults_only)
{
  GString *out = g_string_new (NULL);

  for (guint v = 0; v < G_N_ELEMENTS (kit); v++)
    if (!defaults_only || kit[v].is_default)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", kit[v].name);
  return g_string_free (out, FALSE);
}

char *
ds_kit_default_voices (void)
{
  return join_names (TRUE);
}

char *
ds_kit_voice_names (void)
{
  return join_names (FALSE);
}
