/* test-checkpoint.c: the checkpoint file: round trip, corruption, versions, and a
 * swarm saved, loaded and resumed. */
#include "autoconfig.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "agents/swarm.h"
#include "src/base/checkpoint.h"

static DsCheckpoint *
sample_checkpoint (void)
{
  DsCheckpoint *ck = ds_checkpoint_new ();
  const float weights[5] = { 1.5f, -0.0f, 3.25e-30f, -7.0f, 0.1f };

  ds_checkpoint_set_text (ck, "config", "[stage]\nlength = 8\n");
  ds_checkpoint_set_text (ck, "meter", "4/4");
  ds_checkpoint_set_int (ck, "iterations", 12345678901234);
  ds_checkpoint_set_double (ck, "mean", 0.1);
  ds_checkpoint_set_floats (ck, "weights", weights, 5);
  return ck;
}

static GBytes *
sample_bytes (void)
{
  g_autoptr (DsCheckpoint) ck = sample_checkpoint ();

  return ds_checkpoint_serialise (ck);
}

static void
test_round_trip (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-ckpt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.dsm", NULL);
  g_autoptr (DsCheckpoint) written = sample_checkpoint ();
  g_autoptr (DsCheckpoint) ck = NULL;
  float w[5];
  gint64 n;
  double d;

  g_assert_true (ds_checkpoint_save (written, path, &error));
  ck = ds_checkpoint_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds_checkpoint_get_text (ck, "config", NULL), ==, "[stage]\nlength = 8\n");
  g_assert_true (ds_checkpoint_get_int (ck, "iterations", &n, NULL));
  g_assert_cmpint (n, ==, 12345678901234);
  g_assert_true (ds_checkpoint_get_double (ck, "mean", &d, NULL));
  g_assert_cmpfloat (d, ==, 0.1);
  g_assert_true (ds_checkpoint_get_floats (ck, "weights", w, 5, NULL));
  g_assert_cmpfloat (w[2], ==, 3.25e-30f);
  g_assert_true (signbit (w[1]));
  /* the same content gives the same bytes */
  {
    g_autoptr (GBytes) again = ds_checkpoint_serialise (ck);

    g_assert_true (g_bytes_equal (bytes, again));
  }
  g_assert_false (ds_checkpoint_get_floats (ck, "weights", w, 4, &error));
  g_assert_error (error, DS_CHECKPOINT_ERROR, DS_CHECKPOINT_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_null (ds_checkpoint_get_text (ck, "absent", &error));
  g_assert_nonnull (strstr (error->message, "absent"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
expect_error (const guint8 *data, gsize size, int code, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_parse (data, size, "m.dsm", &error);

  g_assert_null (ck);
  g_assert_error (error, DS_CHECKPOINT_ERROR, code);
  if (strstr (error->message, words) == NULL || !g_str_has_prefix (error->message, "m.dsm: "))
    g_error ("message '%s' lacks '%s'", error->message, words);
}

static void
test_truncated (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize cut = 30; cut < size; cut += 7)
    expect_error (data, cut, DS_CHECKPOINT_ERROR_TRUNCATED, "truncated");
  expect_error (data, 0, DS_CHECKPOINT_ERROR_FORMAT, "empty");
}

static void
test_altered (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  gsize size;
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  size = g_bytes_get_size (bytes);
  for (gsize at = 30; at < size - 72; at += 5)
    {
      data[at] ^= 0x01;
      expect_error (data, size, DS_CHECKPOINT_ERROR_CHECKSUM, "SHA-256");
      data[at] ^= 0x01;
    }
  g_free (data);
  expect_error ((const guint8 *) "PK\3\4 zip", 9, DS_CHECKPOINT_ERROR_FORMAT,
                "not a drumswarm checkpoint");
}

static void
test_newer_version (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *newer = NULL;
  char *space = strchr (text, ' ');

  newer = g_strdup_printf ("drumswarm-checkpoint %d%s", DS_CHECKPOINT_VERSION + 1,
                           strchr (space, '\n'));
  expect_error ((const guint8 *) newer, strlen (newer), DS_CHECKPOINT_ERROR_VERSION, "newer");
}

/* Training 3 iterations straight, or 2 then save, load and 1 more, gives the same bytes. */
static void
test_swarm_resumes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nlength = 8\nepisode-length = 8\n"
      "[train]\nstages = 32\nminibatches = 2\nepochs = 2\n[agent]\nhidden = 16\n",
      "resume.conf", &error);
  g_autoptr (DsStage) stage = ds_stage_new_from_config (config, &error);
  g_autoptr (DsSwarm) straight = NULL, first = NULL, resumed = NULL;
  g_autoptr (DsCheckpoint) a = ds_checkpoint_new (), b = ds_checkpoint_new ();
  g_autoptr (DsCheckpoint) mid = ds_checkpoint_new ();
  g_autoptr (GBytes) bytes_a = NULL, bytes_b = NULL, bytes_mid = NULL;
  g_autoptr (DsCheckpoint) loaded = NULL;
  DsAcOptions options;
  DsSwarmStats stats;

  g_assert_no_error (error);
  ds_ac_options_init (&options);
  g_assert_true (ds_ac_options_load (&options, config, &error));
  straight = ds_swarm_new (stage, &options, 9);
  first = ds_swarm_new (stage, &options, 9);
  g_assert_cmpuint (ds_swarm_n_agents (straight), ==, 2);
  for (guint i = 0; i < 3; i++)
    ds_swarm_iterate (straight, &stats);
  for (guint i = 0; i < 2; i++)
    ds_swarm_iterate (first, &stats);
  ds_swarm_save (first, mid);
  bytes_mid = ds_checkpoint_serialise (mid);
  loaded = ds_checkpoint_parse (g_bytes_get_data (bytes_mid, NULL), g_bytes_get_size (bytes_mid),
                                "mid", &error);
  g_assert_no_error (error);
  resumed = ds_swarm_load (stage, &options, loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_swarm_iterations (resumed), ==, 2);
  ds_swarm_iterate (resumed, &stats);
  g_assert_cmpuint (stats.episodes, ==, 96);
  ds_swarm_save (straight, a);
  ds_swarm_save (resumed, b);
  bytes_a = ds_checkpoint_serialise (a);
  bytes_b = ds_checkpoint_serialise (b);
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
  g_assert_false (g_bytes_equal (bytes_a, bytes_mid));
}

static void
test_swarm_rejects_other_shape (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nlength = 8\n[train]\nstages = 4\n", "a.conf", &error);
  g_autoptr (DsStage) stage = ds_stage_new_from_config (config, &error);
  g_autoptr (DsSwarm) swarm = NULL, loaded = NULL;
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new ();
  DsAcOptions options;

  ds_ac_options_init (&options);
  options.stages = 4;
  swarm = ds_swarm_new (stage, &options, 1);
  ds_swarm_save (swarm, ck);
  options.hidden[1] = 32;
  loaded = ds_swarm_load (stage, &options, ck, &error);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, "16-64-64-9 tanh"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkpoint/round-trip", test_round_trip);
  g_test_add_func ("/checkpoint/rejects-truncated", test_truncated);
  g_test_add_func ("/checkpoint/rejects-altered", test_altered);
  g_test_add_func ("/checkpoint/rejects-newer-version", test_newer_version);
  g_test_add_func ("/checkpoint/swarm/resumes-exactly", test_swarm_resumes);
  g_test_add_func ("/checkpoint/swarm/rejects-other-shape", test_swarm_rejects_other_shape);
  return g_test_run ();
}
