/* test-voices.c: several named voices in one text. */
#include "autoconfig.h"

#include "src/rhythm/voices.h"

#include <string.h>

static void
test_parse_two_voices (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  DsVoices v;

  g_assert_true (ds_voices_parse ("kick=x...x...,snare=.xxx.xxx", &v, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (v.n_voices, ==, 2);
  g_assert_cmpuint (v.length, ==, 8);
  g_assert_cmpint (ds_voices_find (&v, "snare"), ==, 1);
  g_assert_cmpint (ds_voices_find (&v, "hat"), ==, -1);
  text = ds_voices_to_string (&v, 0);
  g_assert_cmpstr (text, ==, "kick=x...x...,snare=.xxx.xxx");
}

static void
test_parse_single_unnamed (void)
{
  DsVoices v;

  g_assert_true (ds_voices_parse ("x.x.", &v, NULL));
  g_assert_cmpuint (v.n_voices, ==, 1);
  g_assert_cmpstr (v.names[0], ==, "");
}

static void
test_rejects (void)
{
  const struct { const char *text; int code; const char *says; } bad[] = {
    { "kick=x...,x...", DS_VOICES_ERROR_SYNTAX, "has no voice name" },
    { "kick=x...,kick=x...", DS_VOICES_ERROR_DUPLICATE, "given twice" },
    { "kick=x...,snare=x.", DS_VOICES_ERROR_LENGTH, "same length" },
    { "ki ck=x...", DS_VOICES_ERROR_SYNTAX, "not valid" },
    { "kick=x..q", DS_PATTERN_ERROR_CHARACTER, "voice kick: pattern 'x..q'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      DsVoices v;

      g_assert_false (ds_voices_parse (bad[i].text, &v, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (error->code, ==, bad[i].code);
      if (strstr (error->message, bad[i].says) == NULL)
        g_error ("'%s': message '%s' lacks '%s'", bad[i].text, error->message, bad[i].says);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/voices/parse/two-voices", test_parse_two_voices);
  g_test_add_func ("/voices/parse/single-unnamed", test_parse_single_unnamed);
  g_test_add_func ("/voices/parse/rejects-bad-text", test_rejects);
  return g_test_run ();
}
