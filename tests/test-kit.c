/* test-kit.c: the one table of drum voices, and the modules that read it. */
#include "autoconfig.h"

#include "midi/drum-map.h"
#include "src/rhythm/kit.h"
#include "src/stage/reward.h"
#include "src/stage/stage.h"

#include <string.h>

/* A note plays one voice only, and the main notes are General MIDI's. */
static void
test_notes_belong_to_one_voice (void)
{
  const struct { const char *voice; guint main; } mains[] = {
    { "kick", 36 }, { "snare", 38 }, { "hat", 42 }, { "tom", 45 }, { "crash", 49 },
    { "ride", 51 },
  };
  int owner[128];

  for (guint n = 0; n < 128; n++)
    owner[n] = -1;
  for (guint v = 0; v < ds_kit_n_voices (); v++)
    {
      const DsKitVoice *voice = ds_kit_voice (v);

      g_assert_cmpuint (voice->n_notes, >=, 1);
      g_assert_cmpuint (voice->n_notes, <=, DS_KIT_MAX_NOTES);
      for (guint i = 0; i < voice->n_notes; i++)
        {
          guint note = voice->notes[i].note;

          g_assert_cmpuint (note, <, 128);
          g_assert_nonnull (voice->notes[i].name);
          g_assert_cmpint (owner[note], ==, -1);
          owner[note] = (int) v;
          g_assert_true (ds_kit_voice_of_note (note) == voice);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (mains); i++)
    g_assert_cmpuint (ds_kit_find (mains[i].voice)->notes[0].note, ==, mains[i].main);
  g_assert_null (ds_kit_voice_of_note (60));
  g_assert_null (ds_kit_voice_of_note (300));
  g_assert_null (ds_kit_find ("cowbell"));
}

/* The articulations DESIGN.md names: open and pedal hat, the TD-11 edges,
 * the snare's rim and cross-stick. */
static void
test_articulations (void)
{
  const struct { guint note; const char *voice, *says; } cases[] = {
    { 42, "hat", "closed" }, { 46, "hat", "open" }, { 44, "hat", "pedal" },
    { 22, "hat", "closed edge" }, { 26, "hat", "open edge" }, { 37, "snare", "side stick" },
    { 40, "snare", "rim" }, { 53, "ride", "bell" }, { 35, "kick", "bass drum" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DsKitVoice *voice = ds_kit_voice_of_note (cases[i].note);
      const DsKitNote *note;

      g_assert_nonnull (voice);
      g_assert_cmpstr (voice->name, ==, cases[i].voice);
      note = ds_kit_voice_note (voice, cases[i].note);
      g_assert_nonnull (note);
      g_assert_nonnull (strstr (note->name, cases[i].says));
    }
  g_assert_null (ds_kit_voice_note (ds_kit_find ("hat"), 38));
}

static void
test_default_voices (void)
{
  g_autofree char *defaults = ds_kit_default_voices ();
  g_autofree char *all = ds_kit_voice_names ();
  g_autoptr (DsDrumMap) map = ds_drum_map_new ();
  g_autofree char *map_text = ds_drum_map_to_string (map);

  g_assert_cmpstr (defaults, ==, "kick,snare,hat");
  g_assert_cmpstr (all, ==, "kick,snare,hat,tom,crash,ride");
  /* the drum map is the kit's: its default voices, their notes in order */
  g_assert_cmpstr (map_text, ==, "kick=36,35 snare=38,37,39,40 hat=42,44,46,22,26");
  g_assert_true (ds_drum_map_set_voices (map, all, NULL));
  for (guint v = 0; v < ds_kit_n_voices (); v++)
    {
      const DsKitVoice *voice = ds_kit_voice (v);

      g_assert_cmpstr (ds_drum_map_voice_name (map, v), ==, voice->name);
      g_assert_cmpuint (ds_drum_map_voice_note (map, v), ==, voice->notes[0].note);
      g_assert_cmpuint (ds_drum_map_default_note (voice->name), ==, voice->notes[0].note);
      for (guint i = 0; i < voice->n_notes; i++)
        g_assert_cmpint (ds_drum_map_voice_of_note (map, voice->notes[i].note), ==, (int) v);
    }
}

/* Every default mix parses on a 4/4 bar of 16 steps, with its partner term
 * when the partner is on the stage and without it otherwise. */
static void
test_default_mixes_parse (void)
{
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, NULL);
  const char *names[DS_VOICES_MAX];
  guint n = ds_kit_n_voices ();

  for (guint v = 0; v < n; v++)
    names[v] = ds_kit_voice (v)->name;
  for (guint v = 0; v < n; v++)
    {
      const DsKitVoice *voice = ds_kit_voice (v);
      const char *alone[1] = { voice->name };
      g_autofree char *with_all = ds_reward_default_mix (voice->name, names, n);
      g_autofree char *by_itself = ds_reward_default_mix (voice->name, alone, 1);
      g_autoptr (DsReward) reward = ds_reward_new (meter, names, n, NULL);
      g_autoptr (GError) error = NULL;

      g_assert_true (ds_reward_set_mix (reward, v, with_all, "default mix", &error));
      g_assert_no_error (error);
      g_assert_true (ds_reward_needs_loop (reward, v));
      g_assert_cmpstr (by_itself, ==, voice->mix);
      if (voice->partner != NULL)
        {
          g_assert_nonnull (ds_kit_find (voice->partner));
          g_assert_nonnull (strstr (with_all, voice->partner));
          g_assert_cmpuint (strlen (with_all), >, strlen (by_itself));
        }
      else
        g_assert_cmpstr (with_all, ==, by_itself);
      /* the fill mix of a fill bar, on a stage of the kit's voices */
      {
        g_autofree char *fill = ds_reward_default_fill_mix (voice->name);

        g_assert_cmpstr (fill, ==, voice->fill_mix);
        g_assert_true (ds_reward_set_mix (reward, v, fill, "fill mix", &error));
        g_assert_no_error (error);
      }
    }
  {
    const char *alone[1] = { "cowbell" };
    g_autofree char *generic = ds_reward_default_mix ("cowbell", alone, 1);
    g_autofree char *fill = ds_reward_default_fill_mix ("cowbell");
    g_autoptr (DsReward) reward = ds_reward_new (meter, alone, 1, NULL);
    g_autoptr (GError) error = NULL;

    g_assert_cmpstr (generic, ==, DS_KIT_GENERIC_MIX);
    g_assert_cmpstr (fill, ==, DS_KIT_GENERIC_FILL_MIX);
    /* a stage of a voice the kit does not have takes both: no style in them */
    g_assert_true (ds_reward_set_mix (reward, 0, generic, "generic", &error));
    g_assert_true (ds_reward_set_mix (reward, 0, fill, "generic fill", &error));
    g_assert_no_error (error);
  }
}

/* The stage's library is the kit's stock patterns, every one a 4/4 bar. */
static void
test_stock_patterns (void)
{
  for (guint v = 0; v < ds_kit_n_voices (); v++)
    {
      const DsKitVoice *voice = ds_kit_voice (v);

      g_assert_cmpuint (voice->n_patterns, >=, 1);
      g_assert_cmpuint (ds_stage_library_size (voice->name), ==, voice->n_patterns);
      for (guint i = 0; i < voice->n_patterns; i++)
        {
          DsPattern bar, two;
          const char *name = NULL;

          g_assert_true (ds_pattern_parse (voice->patterns[i].pattern, &bar, NULL));
          g_assert_cmpuint (bar.length, ==, 16);
          g_assert_true (ds_stage_library_pattern (voice->name, i, 32, &two, &name));
          g_assert_cmpstr (name, ==, voice->patterns[i].name);
          for (guint k = 0; k < 32; k++)
            g_assert_cmpint (ds_pattern_get (&two, k), ==, ds_pattern_get (&bar, k % 16));
        }
      g_assert_false (ds_stage_library_pattern (voice->name, voice->n_patterns, 16, NULL, NULL));
    }
  g_assert_cmpuint (ds_stage_library_size ("cowbell"), ==, 0);
}

/* drumswarm.conf(5) lists every default mix, beat and fill, as the table has it. */
static void
test_mixes_documented (void)
{
  g_autofree char *path = g_build_filename (DS_SRCDIR, "man", "drumswarm.conf.5", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  joined = g_strjoinv (" ", lines);
  for (guint v = 0; v < ds_kit_n_voices (); v++)
    {
      const DsKitVoice *voice = ds_kit_voice (v);
      g_autofree char *item = g_strdup_printf (".It %s %s", voice->name, voice->mix);

      if (strstr (joined, item) == NULL)
        g_error ("drumswarm.conf(5) does not list the default mix of %s as '%s'", voice->name,
                 voice->mix);
      if (voice->partner != NULL)
        {
          g_autofree char *partner = g_strdup_printf ("%s (+ %s%s))", voice->mix, voice->relation,
                                                      voice->partner);

          g_assert_nonnull (strstr (joined, partner));
        }
      {
        g_autofree char *fill = g_strdup_printf (".It %s %s", voice->name, voice->fill_mix);

        if (strstr (joined, fill) == NULL)
          g_error ("drumswarm.conf(5) does not list the fill mix of %s as '%s'", voice->name,
                   voice->fill_mix);
      }
    }
  g_assert_nonnull (strstr (joined, ".It Ar other " DS_KIT_GENERIC_MIX));
  g_assert_nonnull (strstr (joined, ".It Ar other " DS_KIT_GENERIC_FILL_MIX));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kit/notes-belong-to-one-voice", test_notes_belong_to_one_voice);
  g_test_add_func ("/kit/articulations", test_articulations);
  g_test_add_func ("/kit/default-voices-and-drum-map", test_default_voices);
  g_test_add_func ("/kit/default-mixes-parse", test_default_mixes_parse);
  g_test_add_func ("/kit/stock-patterns-are-the-stage-library", test_stock_patterns);
  g_test_add_func ("/kit/default-mixes-documented", test_mixes_documented);
  return g_test_run ();
}
