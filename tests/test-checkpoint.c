/* test-checkpoint.c: the checkpoint file: round trip, corruption, versions, and a
 * swarm saved, loaded and resumed. */
#include "autoconfig.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "agents/model.h"
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
  straight = ds_swarm_new (stage, &options, 9, &error);
  g_assert_no_error (error);
  first = ds_swarm_new (stage, &options, 9, &error);
  g_assert_no_error (error);
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
  swarm = ds_swarm_new (stage, &options, 1, &error);
  g_assert_no_error (error);
  ds_swarm_save (swarm, ck);
  options.hidden[1] = 32;
  loaded = ds_swarm_load (stage, &options, ck, &error);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, "16-64-64-9 tanh"));
}


/* BODY (a checkpoint without its checksum line) with a fresh checksum line:
 * what a file with impossible values but a valid checksum looks like. */
static GBytes *
reseal (const GString *body)
{
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guint8 *) body->str, body->len);
  GString *file = g_string_new_len (body->str, (gssize) body->len);

  g_string_append_printf (file, "sha256 %s\n", sum);
  return g_string_free_to_bytes (file);
}

/* The sample checkpoint's body with RECORD (header line and bytes) added. */
static GBytes *
sample_with (const char *record, gsize length)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  g_autoptr (GString) body = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                               (gssize) g_bytes_get_size (bytes) - 72);

  g_string_append_len (body, record, (gssize) length);
  return reseal (body);
}

static void
test_damaged_checksum_line (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  gsize size = g_bytes_get_size (bytes);
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

  /* any one byte of the checksum line changed: the checksum is wrong, not missing */
  for (gsize at = size - 72; at < size; at++)
    {
      data[at] ^= 0x04;
      expect_error (data, size, DS_CHECKPOINT_ERROR_CHECKSUM, "checksum");
      data[at] ^= 0x04;
    }
  g_free (data);
}

static void
test_record_without_name (void)
{
  const char record[] = "text  1\nx\n";
  g_autoptr (GBytes) bytes = sample_with (record, sizeof record - 1);

  /* one error, no GLib critical (criticals abort a GTest program) */
  expect_error (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                DS_CHECKPOINT_ERROR_FORMAT, "a record without a name");
}

static void
test_record_twice (void)
{
  const char record[] = "text meter 3\n7/8\n";
  g_autoptr (GBytes) bytes = sample_with (record, sizeof record - 1);

  expect_error (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                DS_CHECKPOINT_ERROR_FORMAT, "the record 'meter' twice");
}

static void
test_nul_in_text (void)
{
  const char record[] = "text note 3\na\0b\n";
  g_autoptr (GBytes) bytes = sample_with (record, sizeof record - 1);

  expect_error (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                DS_CHECKPOINT_ERROR_FORMAT, "a NUL byte in the text of 'note'");
}

static void
test_floats_of_odd_size (void)
{
  const char record[] = "floats odd 10\n0123456789\n";
  g_autoptr (GBytes) bytes = sample_with (record, sizeof record - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_parse (g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes), "m.dsm", &error);
  float x[3];

  g_assert_no_error (error);
  g_assert_false (ds_checkpoint_get_floats (ck, "odd", x, 3, &error));
  /* it said "holds 2 floats, not 3" of 10 bytes, and "holds 544 floats, not 544" of 2177 */
  g_assert_cmpstr (error->message, ==, "the checkpoint's field 'odd' holds 10 bytes, not a "
                   "whole number of floats (3 floats are 12 bytes)");
}

static void
test_unknown_record (void)
{
  g_autoptr (GBytes) bytes = sample_bytes ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_parse (g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes), "m.dsm", &error);
  float w[5];
  gint64 n;
  double d;

  g_assert_no_error (error);
  g_assert_nonnull (ds_checkpoint_get_text (ck, "config", NULL));
  g_assert_nonnull (ds_checkpoint_get_text (ck, "meter", NULL));
  g_assert_true (ds_checkpoint_get_int (ck, "iterations", &n, NULL));
  g_assert_true (ds_checkpoint_get_floats (ck, "weights", w, 5, NULL));
  g_assert_false (ds_checkpoint_check_read (ck, &error));
  g_assert_cmpstr (error->message, ==,
                   "the checkpoint has a record 'mean' that this drumswarm does not know");
  g_clear_error (&error);
  g_assert_true (ds_checkpoint_get_double (ck, "mean", &d, NULL));
  g_assert_true (ds_checkpoint_check_read (ck, &error));
}

/* A model trained one iteration, as the bytes of its file. */
static GBytes *
trained_model_bytes (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsConfig) config = ds_config_load_data (
      "[stage]\nvoices = kick,snare\nlength = 8\nepisode-length = 8\n"
      "[train]\nstages = 16\nminibatches = 2\nepochs = 2\n[agent]\nhidden = 16\n",
      "tiny.conf", &error);
  g_autoptr (DsModel) model = ds_model_new (g_steal_pointer (&config), 3, &error);
  g_autofree char *path = g_build_filename (dir, "good.dsm", NULL);
  g_autofree char *data = NULL;
  DsSwarmStats stats;
  gsize size;

  g_assert_no_error (error);
  ds_swarm_iterate (model->swarm, &stats);
  g_assert_true (ds_model_save (model, path, &error));
  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  g_unlink (path);
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* The first NEEDLE in the SIZE bytes at DATA (which hold NULs), or NULL. */
static const char *
find_bytes (const char *data, gsize size, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* GOOD with the record NAME's bytes replaced by VALUE (LENGTH bytes), resealed. */
static GBytes *
model_with (GBytes *good, const char *kind, const char *name, const void *value, gsize length)
{
  gsize size;
  const char *data = g_bytes_get_data (good, &size);
  g_autofree char *header = g_strdup_printf ("\n%s %s ", kind, name);
  const char *at = find_bytes (data, size, header), *bytes, *end;
  g_autoptr (GString) body = g_string_new (NULL);
  guint64 old;

  if (at == NULL)
    g_error ("the model has no record %s %s", kind, name);
  old = g_ascii_strtoull (at + strlen (header), (char **) &bytes, 10);
  bytes++; /* the newline after the header */
  end = bytes + old + 1;
  g_string_append_len (body, data, at - data);
  g_string_append_printf (body, "%s%" G_GSIZE_FORMAT "\n", header, length);
  g_string_append_len (body, value, (gssize) length);
  g_string_append_len (body, end - 1, (gssize) (size - 72 - (gsize) (end - 1 - data)));
  return reseal (body);
}

static void
expect_model_refused (GBytes *file, const char *dir, const char *words)
{
  g_autofree char *path = g_build_filename (dir, "bad.dsm", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DsModel) model = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (file, NULL),
                                      (gssize) g_bytes_get_size (file), NULL));
  model = ds_model_load (path, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL || strchr (error->message, '\n') != NULL
      || !g_str_has_prefix (error->message, path))
    g_error ("message '%s' lacks '%s'", error->message, words);
  g_unlink (path);
}

static void
test_model_impossible_values (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-model-XXXXXX", NULL);
  g_autoptr (GBytes) good = trained_model_bytes (dir);
  g_autofree char *good_path = g_build_filename (dir, "good.dsm", NULL);
  g_autoptr (DsModel) model = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (good, &size);
  const char *record = find_bytes (data, size, "\nfloats agent.0.actor ");
  guint64 n_bytes = g_ascii_strtoull (record + strlen ("\nfloats agent.0.actor "), NULL, 10);
  g_autofree guint8 *weights = g_malloc (n_bytes);
  const float nan = NAN, inf = INFINITY, minus = -1.0f;
  const struct { const char *kind, *name, *value, *words; } values[] = {
    { "double", "agent.0.return-variance", "nan", "agent.0.return-variance is nan" },
    { "double", "agent.1.return-variance", "-0x1p+0", "agent.1.return-variance is -1" },
    { "double", "agent.0.return-mean", "inf", "agent.0.return-mean is inf" },
    { "double", "agent.0.return-count", "0x0p+0", "agent.0.return-count is 0 after 1 iterations" },
    { "double", "agent.0.return-count", "0x1.8p+0", "agent.0.return-count is 1.5" },
    { "int", "agent.0.adam-steps", "9223372036854775807",
      "agent.0.adam-steps is 9223372036854775807 after 1 iterations of 2 epochs of 2" },
    { "int", "swarm.seed", "-3", "swarm.seed is negative (-3)" },
    { "int", "swarm.episodes", "-5", "swarm.episodes is negative (-5)" },
    { "int", "swarm.episodes", "100000", "swarm.env-steps is 128 for 100000 episodes" },
  };

  /* the untouched file loads */
  g_assert_true (g_file_set_contents (good_path, data, (gssize) size, NULL));
  model = ds_model_load (good_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (GBytes) bad = model_with (good, values[i].kind, values[i].name, values[i].value,
                                           strlen (values[i].value));

      expect_model_refused (bad, dir, values[i].words);
    }
  /* a weight, a second moment */
  record = strchr (record + 1, '\n') + 1;
  memcpy (weights, record, n_bytes);
  memcpy (weights + 4 * 7, &nan, 4);
  {
    g_autoptr (GBytes) bad = model_with (good, "floats", "agent.0.actor", weights, n_bytes);

    expect_model_refused (bad, dir, "agent.0.actor holds nan at 7");
  }
  memcpy (weights + 4 * 7, &inf, 4);
  {
    g_autoptr (GBytes) bad = model_with (good, "floats", "agent.0.actor", weights, n_bytes);

    expect_model_refused (bad, dir, "agent.0.actor holds inf at 7");
  }
  memset (weights, 0, n_bytes);
  memcpy (weights, &minus, 4);
  {
    g_autoptr (GBytes) bad = model_with (good, "floats", "agent.0.actor.adam-v", weights, n_bytes);

    expect_model_refused (bad, dir, "agent.0.actor.adam-v holds -1 at 0");
  }
  /* a record that no drumswarm writes */
  {
    g_autoptr (GString) body = g_string_new_len (data, (gssize) size - 72);
    g_autoptr (GBytes) bad = NULL;

    g_string_append (body, "int swarm.bonus 1\n7\n");
    bad = reseal (body);
    expect_model_refused (bad, dir, "a record 'swarm.bonus' that this drumswarm does not know");
  }
  /* a NUL inside the stored config */
  {
    const char config[] = "[stage]\nvoices = kick,snare\0[train]\nstages = 4\n";
    g_autoptr (GBytes) bad = model_with (good, "text", "config", config, sizeof config - 1);

    expect_model_refused (bad, dir, "a NUL byte in the text of 'config'");
  }
  g_unlink (good_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkpoint/round-trip", test_round_trip);
  g_test_add_func ("/checkpoint/rejects-truncated", test_truncated);
  g_test_add_func ("/checkpoint/rejects-altered", test_altered);
  g_test_add_func ("/checkpoint/rejects-newer-version", test_newer_version);
  g_test_add_func ("/checkpoint/damaged-checksum-line-is-a-wrong-checksum",
                   test_damaged_checksum_line);
  g_test_add_func ("/checkpoint/rejects-record-without-name", test_record_without_name);
  g_test_add_func ("/checkpoint/rejects-record-given-twice", test_record_twice);
  g_test_add_func ("/checkpoint/rejects-nul-in-text", test_nul_in_text);
  g_test_add_func ("/checkpoint/floats-of-odd-size-say-so", test_floats_of_odd_size);
  g_test_add_func ("/checkpoint/unread-record-is-unknown", test_unknown_record);
  g_test_add_func ("/checkpoint/model/rejects-impossible-values", test_model_impossible_values);
  g_test_add_func ("/checkpoint/swarm/resumes-exactly", test_swarm_resumes);
  g_test_add_func ("/checkpoint/swarm/rejects-other-shape", test_swarm_rejects_other_shape);
  return g_test_run ();
}
