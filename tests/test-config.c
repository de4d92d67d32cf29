/* test-config.c: config values with defaults and errors that name file:line. */
#include "autoconfig.h"

#include "src/base/config.h"

#include <string.h>

static const char *text =
  "# a swarm\n"
  "[train]\n"
  "episodes = 500\n"
  "learning-rate = 3e-4\n"
  "\n"
  "[agent]\n"
  "hidden=64\n"
  "entropy = lots\n"
  "hold = yes\n";

static void
test_typed_values_and_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (text, "swarm.conf", &error);
  gint64 episodes, missing;
  double rate;
  gboolean hold;

  g_assert_no_error (error);
  g_assert_true (ds_config_get_int (config, "train", "episodes", 1, 1, 1000000, &episodes, NULL));
  g_assert_cmpint (episodes, ==, 500);
  g_assert_true (ds_config_get_double (config, "train", "learning-rate", 1, 0, 1, &rate, NULL));
  g_assert_cmpfloat (rate, ==, 3e-4);
  g_assert_true (ds_config_get_int (config, "train", "batch", 256, 1, 4096, &missing, NULL));
  g_assert_cmpint (missing, ==, 256);
  g_assert_true (ds_config_get_bool (config, "agent", "hold", FALSE, &hold, NULL));
  g_assert_true (hold);
  g_assert_cmpstr (ds_config_text (config), ==, text);
}

static void
test_bad_value_names_line (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (text, "swarm.conf", NULL);
  double entropy;

  g_assert_false (ds_config_get_double (config, "agent", "entropy", 0.01, 0, 1, &entropy, &error));
  g_assert_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "swarm.conf:8: [agent] entropy must be a number (got 'lots')");
}

static void
test_out_of_range (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (text, "swarm.conf", NULL);
  gint64 episodes;

  g_assert_false (ds_config_get_int (config, "train", "episodes", 1, 1, 100, &episodes, &error));
  g_assert_nonnull (strstr (error->message, "swarm.conf:3: [train] episodes must be between 1 and 100 (got 500)"));
}

static void
test_unknown_key_with_hint (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (text, "swarm.conf", NULL);
  const char *const known[] = { "episodes", "learning-rate", NULL };
  const char *const agent_known[] = { "hidden", "entropy", "holds", NULL };

  g_assert_true (ds_config_check_keys (config, "train", known, NULL));
  g_assert_false (ds_config_check_keys (config, "agent", agent_known, &error));
  g_assert_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "swarm.conf:9: [agent] has no key 'hold'; did you mean 'holds'?");
}

static void
test_missing_and_broken_files (void)
{
  g_autoptr (GError) missing = NULL;
  g_autoptr (GError) broken = NULL;
  g_autoptr (DsConfig) a = ds_config_load ("/nonexistent/swarm.conf", &missing);
  g_autoptr (DsConfig) b = ds_config_load_data ("[train\nx=1\n", "bad.conf", &broken);

  g_assert_null (a);
  g_assert_error (missing, DS_CONFIG_ERROR, DS_CONFIG_ERROR_READ);
  g_assert_true (g_str_has_prefix (missing->message, "/nonexistent/swarm.conf: "));
  g_assert_null (b);
  g_assert_error (broken, DS_CONFIG_ERROR, DS_CONFIG_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (broken->message, "bad.conf: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/typed-values-and-defaults", test_typed_values_and_defaults);
  g_test_add_func ("/config/bad-value-names-line", test_bad_value_names_line);
  g_test_add_func ("/config/out-of-range", test_out_of_range);
  g_test_add_func ("/config/unknown-key-with-hint", test_unknown_key_with_hint);
  g_test_add_func ("/config/missing-and-broken-files", test_missing_and_broken_files);
  return g_test_run ();
}
