/* test-controls.c: the musician's controls compiled to mix terms
 * (src/stage/controls.h): what each rewrites in a mix, the like-loop mapping,
 * and values and voices that are refused. */
#include "autoconfig.h"

#include <string.h>

#include "src/rhythm/kit.h"
#include "src/stage/controls.h"
#include "src/stage/reward.h"

#define KICK "0.35 target(similarity(loop), 0.95) + 0.35 style(gmd, 2) + 0.3 anchors(loop) " \
             "+ 0.25 density-target(loop) + 0.05 interlock(snare)"

static char *
apply (const DsControls *c, const char *voice, const char *mix)
{
  return ds_controls_apply (c, voice, mix);
}

/* No control: the mix as it was, term for term. */
static void
test_no_control (void)
{
  DsControls c;
  g_autofree char *out = NULL;

  ds_controls_init (&c);
  g_assert_false (ds_controls_rewrite_mixes (&c));
  out = apply (&c, "kick", KICK);
  g_assert_cmpstr (out, ==, KICK);
  g_assert_cmpfloat (ds_controls_like_loop (&c), ==, DS_CONTROLS_LIKE_LOOP);
  g_assert_cmpuint (ds_controls_min_changes (DS_CONTROLS_LIKE_LOOP), ==, 1);
}

/* --like-loop: the similarity targets, and the least changes. */
static void
test_like_loop (void)
{
  DsControls c;
  g_autofree char *near = NULL, *far = NULL, *sparse = NULL;

  ds_controls_init (&c);
  c.like_loop = 1.0;
  g_assert_true (ds_controls_rewrite_mixes (&c));
  near = apply (&c, "kick", KICK);
  g_assert_cmpstr (near, ==, "0.35 target(similarity(loop), 1) + 0.35 style(gmd, 2) + "
                   "0.3 anchors(loop) + 0.25 density-target(loop) + 0.05 interlock(snare)");
  c.like_loop = 0.0;
  far = apply (&c, "kick", KICK);
  g_assert_nonnull (strstr (far, "0.35 target(similarity(loop), 0.75)"));
  /* the sparse voices' similarity itself is no target: it stays */
  sparse = apply (&c, "tom", "0.35 similarity(loop) + 0.3 density-ratio(loop)");
  g_assert_cmpstr (sparse, ==, "0.35 similarity(loop) + 0.3 density-ratio(loop)");
  g_assert_cmpfloat (ds_controls_similarity_target (0.6), ==, 0.9);
  g_assert_cmpuint (ds_controls_min_changes (1.0), ==, 0);
  g_assert_cmpuint (ds_controls_min_changes (0.0), ==, 4);
  g_assert_cmpuint (ds_controls_min_changes (0.5), ==, 2);
}

/* --density and --syncopation: their terms replace the voice's, others stay. */
static void
test_density_syncopation (void)
{
  DsControls c;
  g_autoptr (GError) error = NULL;
  g_autofree char *kick = NULL, *snare = NULL, *tom = NULL, *hat = NULL;

  ds_controls_init (&c);
  g_assert_true (ds_controls_parse_density (&c, "kick=0.3,tom=0.5", &error));
  g_assert_true (ds_controls_parse_syncopation (&c, "snare=0.4", &error));
  g_assert_no_error (error);
  g_assert_true (ds_controls_rewrite_mixes (&c));
  kick = apply (&c, "kick", KICK);
  g_assert_cmpstr (kick, ==, "0.35 target(similarity(loop), 0.95) + 0.35 style(gmd, 2) + "
                   "0.3 anchors(loop) + 0.05 interlock(snare) + 0.6 density-target(0.3)");
  snare = apply (&c, "snare", "0.3 target(lhl, 0.25) + 0.2 density-target(0.18)");
  g_assert_cmpstr (snare, ==, "0.2 density-target(0.18) + 0.6 target(lhl, 0.4)");
  tom = apply (&c, "tom", "0.35 similarity(loop) + 0.3 density-ratio(loop) + 0.25 interlock(snare)");
  g_assert_cmpstr (tom, ==, "0.35 similarity(loop) + 0.25 interlock(snare) + 0.6 density-target(0.5)");
  /* a voice without controls keeps its mix */
  hat = apply (&c, "hat", KICK);
  g_assert_cmpstr (hat, ==, KICK);
}

/* --style-weight and --anchors-weight scale their terms; 0 leaves them out. */
static void
test_weights (void)
{
  DsControls c;
  g_autofree char *twice = NULL, *none = NULL, *only = NULL;

  ds_controls_init (&c);
  c.style_weight = 2.0;
  c.anchors_weight = 0.0;
  twice = apply (&c, "kick", KICK);
  g_assert_cmpstr (twice, ==, "0.35 target(similarity(loop), 0.95) + 0.7 style(gmd, 2) + "
                   "0.25 density-target(loop) + 0.05 interlock(snare)");
  c.style_weight = 0.0;
  none = apply (&c, "kick", KICK);
  g_assert_null (strstr (none, "style"));
  g_assert_null (strstr (none, "anchors"));
  /* a mix left with nothing holds the loop */
  only = apply (&c, "kick", "style + 0.5 anchors(loop)");
  g_assert_cmpstr (only, ==, "1 similarity(loop)");
}

/* Every compiled default mix, beat and fill, compiles as a reward. */
static void
test_compiled_mixes_parse (void)
{
  static const char *const names[] = { "kick", "snare", "hat", "tom", "crash", "ride" };
  g_autoptr (DsMeter) meter = ds_meter_new_for_length ("4/4", 16, NULL);
  g_autoptr (DsReward) reward = ds_reward_new (meter, names, 6, NULL);
  g_autoptr (GError) error = NULL;
  DsControls c;

  ds_controls_init (&c);
  c.like_loop = 0.2;
  c.style_weight = 0.5;
  c.anchors_weight = 3.0;
  g_assert_true (ds_controls_parse_density (&c, "hat=0.7,tom=0.1", &error));
  g_assert_true (ds_controls_parse_syncopation (&c, "kick=0.2,snare=0.6", &error));
  for (guint v = 0; v < 6; v++)
    {
      g_autofree char *beat = ds_reward_default_mix (names[v], names, 6);
      g_autofree char *fill = ds_reward_default_fill_mix (names[v]);
      g_autofree char *a = apply (&c, names[v], beat), *b = apply (&c, names[v], fill);

      g_assert_true (ds_reward_set_mix (reward, v, a, "beat", &error));
      g_assert_true (ds_reward_set_mix (reward, v, b, "fill", &error));
      g_assert_no_error (error);
    }
}

/* Bad values and voices are refused with the option's name. */
static void
test_refused (void)
{
  static const char *const stage[] = { "kick", "snare", "hat" };
  DsControls c;
  g_autoptr (GError) error = NULL;

  ds_controls_init (&c);
  g_assert_false (ds_controls_parse_density (&c, "hat", &error));
  g_assert_nonnull (strstr (error->message, "--density: 'hat' is not VOICE=VALUE"));
  g_clear_error (&error);
  g_assert_false (ds_controls_parse_density (&c, "hat=1.5", &error));
  g_assert_nonnull (strstr (error->message, "a number from 0 to 1"));
  g_clear_error (&error);
  g_assert_false (ds_controls_parse_syncopation (&c, "snare=", &error));
  g_clear_error (&error);
  g_assert_false (ds_controls_parse_lock (&c, "", &error));
  g_clear_error (&error);
  g_assert_false (ds_controls_parse_lock (&c, "bad name", &error));
  g_assert_nonnull (strstr (error->message, "'bad name' is not a voice name"));
  g_clear_error (&error);
  g_assert_false (ds_controls_check_value ("--like-loop", 1.5, 1.0, &error));
  g_assert_cmpstr (error->message, ==, "--like-loop must be from 0 to 1 (got 1.5)");
  g_clear_error (&error);
  g_assert_true (ds_controls_parse_lock (&c, "kick,cowbell", &error));
  g_assert_true (ds_controls_voice (&c, "kick")->lock);
  g_assert_false (ds_controls_check_voices (&c, stage, 3, &error));
  g_assert_cmpstr (error->message, ==,
                   "--lock: 'cowbell' is not one of the voices (kick,snare,hat)");
  g_clear_error (&error);
  /* a misspelt voice gets a "did you mean", and every option that named it */
  ds_controls_init (&c);
  g_assert_true (ds_controls_parse_lock (&c, "snar", &error));
  g_assert_true (ds_controls_parse_density (&c, "snar=0.5", &error));
  g_assert_false (ds_controls_check_voices (&c, stage, 3, &error));
  g_assert_cmpstr (error->message, ==, "--lock, --density: 'snar' is not one of the voices "
                   "(kick,snare,hat); did you mean 'snare'?");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/controls/none-leaves-the-mix", test_no_control);
  g_test_add_func ("/controls/like-loop", test_like_loop);
  g_test_add_func ("/controls/density-and-syncopation", test_density_syncopation);
  g_test_add_func ("/controls/style-and-anchors-weights", test_weights);
  g_test_add_func ("/controls/compiled-default-mixes-parse", test_compiled_mixes_parse);
  g_test_add_func ("/controls/refused-values-and-voices", test_refused);
  return g_test_run ();
}
