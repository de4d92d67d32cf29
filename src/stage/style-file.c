/* style-file.c: a style on disk (see style.h and drumswarm.conf(5), STYLE FILES).
 *
 * The container is a checkpoint (src/base/checkpoint.h: versioned, SHA-256
 * checksummed, written atomically) with these fields:
 *   text format       "drumswarm-style"
 *   int version       DS_STYLE_VERSION
 *   text name         the style's name
 *   text voices       its voices, separated by spaces ("kick snare hat")
 *   int resolution    steps per quarter note of its grid
 *   int loops, bars, steps   what it was fitted on
 *   text counts       one line per context and column seen:
 *                     "CLASS HALF BEAT COLUMN COUNT", in increasing order
 *   text calibration  one line per subset of the voices, MASK = 1 .. 2^n - 1:
 *                     "MASK RANDOM HUMAN" (bits per step, six decimals)
 * A column is a number whose bit v is voice v.  Everything is checked on
 * reading: a file that passes the checksum but holds impossible content (a
 * class out of range, counts out of order, counts that do not add up to the
 * steps, a calibration that ranks random bars above human ones) is refused.
 */
#include "autoconfig.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/checkpoint.h"
#include "src/base/data.h"
#include "src/base/file.h"
#include "src/stage/style-private.h"

#define FORMAT "drumswarm-style"
#define MAX_BYTES ((gsize) 256 * 1024 * 1024)

GBytes *
ds_style_serialise (const DsStyle *style)
{
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_new ();
  g_autoptr (GString) voices = g_string_new (NULL), counts = g_string_new (NULL);
  g_autoptr (GString) calibration = g_string_new (NULL);
  guint n = style->n_voices, column = (1u << n) - 1;

  for (guint v = 0; v < n; v++)
    g_string_append_printf (voices, "%s%s", v > 0 ? " " : "", style->voices[v]);
  for (guint i = 0; i < style->n_counts; i++)
    {
      guint32 key = style->counts[i].key;

      g_string_append_printf (counts, "%u %u %u %u %u\n", key >> (3 * n), (key >> (2 * n)) & column,
                              (key >> n) & column, key & column, style->counts[i].n);
    }
  for (guint mask = 1; mask < (1u << n); mask++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (calibration, "%u %s %s\n", mask,
                              g_ascii_formatd (a, sizeof a, "%.6f", style->random[mask]),
                              g_ascii_formatd (b, sizeof b, "%.6f", style->human[mask]));
    }
  ds_checkpoint_set_text (ck, "format", FORMAT);
  ds_checkpoint_set_int (ck, "version", DS_STYLE_VERSION);
  ds_checkpoint_set_text (ck, "name", style->name);
  ds_checkpoint_set_text (ck, "voices", voices->str);
  ds_checkpoint_set_int (ck, "resolution", style->resolution);
  ds_checkpoint_set_int (ck, "loops", style->n_loops);
  ds_checkpoint_set_int (ck, "bars", style->n_bars);
  ds_checkpoint_set_int (ck, "steps", (gint64) style->n_steps);
  ds_checkpoint_set_text (ck, "counts", counts->str);
  ds_checkpoint_set_text (ck, "calibration", calibration->str);
  return ds_checkpoint_serialise (ck);
}

gboolean
ds_style_save (const DsStyle *style, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = ds_style_serialise (style);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr (GError) local = NULL;

  if (!ds_file_write (path, data, size, &local))
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FILE, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static void G_GNUC_PRINTF (3, 4)
fail (GError **error, const char *name, const char *format, ...)
{
  va_list ap;
  g_autofree char *what = NULL;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FORMAT, "%s: %s", name, what);
}

/* The container's error, said of a style file. */
static void
container_error (GError **error, const char *name, const GError *local)
{
  switch (local->code)
    {
    case DS_CHECKPOINT_ERROR_TRUNCATED:
      fail (error, name, "truncated style file (its closing checksum line is missing)");
      break;
    case DS_CHECKPOINT_ERROR_CHECKSUM:
      fail (error, name, "the style file is corrupt (its content does not match its SHA-256 "
                         "checksum)");
      break;
    case DS_CHECKPOINT_ERROR_VERSION:
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VERSION,
                   "%s: written by a newer drumswarm (its container format is newer than "
                   "this one reads)", name);
      break;
    default:
      fail (error, name, "not a drumswarm style file (write one with 'drumswarm style learn')");
      break;
    }
}

static gboolean
get_int (const DsCheckpoint *ck, const char *name, const char *field, gint64 min, gint64 max,
         gint64 *value, GError **error)
{
  if (!ds_checkpoint_get_int (ck, field, value, NULL))
    {
      fail (error, name, "the style has no '%s' field", field);
      return FALSE;
    }
  if (*value < min || *value > max)
    {
      fail (error, name, "'%s' is %" G_GINT64_FORMAT ", outside %" G_GINT64_FORMAT " .. %"
            G_GINT64_FORMAT, field, *value, min, max);
      return FALSE;
    }
  return TRUE;
}

static const char *
get_text (const DsCheckpoint *ck, const char *name, const char *field, GError **error)
{
  const char *text = ds_checkpoint_get_text (ck, field, NULL);

  if (text == NULL)
    fail (error, name, "the style has no '%s' field", field);
  return text;
}

static gboolean
parse_voices (DsStyle *style, const char *name, const char *text, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, " ", -1);
  guint n = g_strv_length (names);

  if (n == 0 || n > DS_STYLE_MAX_VOICES)
    {
      fail (error, name, "a style has 1 to %u voices, this one %u", DS_STYLE_MAX_VOICES, n);
      return FALSE;
    }
  for (guint v = 0; v < n; v++)
    {
      if (!ds_voice_name_is_valid (names[v]))
        {
          fail (error, name, "'%s' is not a voice name", names[v]);
          return FALSE;
        }
      for (guint w = 0; w < v; w++)
        if (strcmp (names[v], names[w]) == 0)
          {
            fail (error, name, "voice '%s' appears twice", names[v]);
            return FALSE;
          }
      g_strlcpy (style->voices[v], names[v], DS_VOICE_NAME_MAX);
    }
  style->n_voices = n;
  return TRUE;
}

/* Reads N unsigned decimal numbers separated by single spaces from *P up to
 * the end of the line; FALSE when the line is not that. */
static gboolean
read_numbers (const char **p, guint64 *out, guint n)
{
  const char *s = *p;

  for (guint i = 0; i < n; i++)
    {
      char *end;

      if (!g_ascii_isdigit (*s))
        return FALSE;
      errno = 0;
      out[i] = g_ascii_strtoull (s, &end, 10);
      if (errno != 0 || *end != (i + 1 < n ? ' ' : '\n'))
        return FALSE;
      s = end + 1;
    }
  *p = s;
  return TRUE;
}

static gboolean
parse_counts (DsStyle *style, const char *name, const char *text, GError **error)
{
  guint n = style->n_voices, columns = 1u << n, line = 0;
  guint64 total = 0;
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (DsStyleCount));
  const char *p = text;

  while (*p != '\0')
    {
      guint64 f[5];
      guint32 key;

      line++;
      if (!read_numbers (&p, f, 5))
        {
          fail (error, name, "counts line %u: expected 'CLASS HALF BEAT COLUMN COUNT'", line);
          g_array_unref (counts);
          return FALSE;
        }
      if (f[0] >= DS_STYLE_N_CLASSES || f[1] >= columns || f[2] >= columns || f[3] >= columns
          || f[4] == 0 || f[4] > G_MAXUINT32)
        {
          fail (error, name, "counts line %u: a class below %u, columns below %u and a count "
                "of 1 to %u are possible, not '%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "'", line,
                DS_STYLE_N_CLASSES, columns, G_MAXUINT32, f[0], f[1], f[2], f[3], f[4]);
          g_array_unref (counts);
          return FALSE;
        }
      key = (guint32) (((f[0] << n | f[1]) << n | f[2]) << n | f[3]);
      if (counts->len > 0 && key <= g_array_index (counts, DsStyleCount, counts->len - 1).key)
        {
          fail (error, name, "counts line %u: out of order or repeated", line);
          g_array_unref (counts);
          return FALSE;
        }
      g_array_append_val (counts, ((DsStyleCount) { key, (guint32) f[4] }));
      total += f[4];
    }
  style->n_counts = counts->len;
  style->counts = (DsStyleCount *) (gpointer) g_array_free (counts, FALSE);
  if (total != style->n_steps)
    {
      fail (error, name, "the counts add up to %" G_GUINT64_FORMAT " steps, the style says %"
            G_GUINT64_FORMAT, total, style->n_steps);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_calibration (DsStyle *style, const char *name, const char *text, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_masks = (1u << style->n_voices) - 1;

  guint n_lines = g_strv_length (lines);

  /* the text ends with a newline: the split's last piece is empty */
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;
  if (n_lines != n_masks)
    {
      fail (error, name, "the calibration has %u lines, a style of %u voices needs %u",
            n_lines, style->n_voices, n_masks);
      return FALSE;
    }
  for (guint mask = 1; mask <= n_masks; mask++)
    {
      g_auto (GStrv) f = g_strsplit (lines[mask - 1], " ", -1);
      guint64 m;
      double random, human;
      char *end1 = NULL, *end2 = NULL;

      if (g_strv_length (f) != 3 || !g_ascii_string_to_unsigned (f[0], 10, mask, mask, &m, NULL)
          || (random = g_ascii_strtod (f[1], &end1), end1 == f[1] || *end1 != '\0')
          || (human = g_ascii_strtod (f[2], &end2), end2 == f[2] || *end2 != '\0')
          || !isfinite (random) || !isfinite (human))
        {
          fail (error, name, "calibration line %u: expected '%u RANDOM HUMAN'", mask, mask);
          return FALSE;
        }
      if (human < random)
        {
          fail (error, name, "calibration line %u: human bars (%s) below random ones (%s) "
                "cannot come from a fit", mask, f[2], f[1]);
          return FALSE;
        }
      style->random[mask] = random;
      style->human[mask] = human;
    }
  return TRUE;
}

DsStyle *
ds_style_parse (const guint8 *data, gsize size, const char *name, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (DsCheckpoint) ck = ds_checkpoint_parse (data, size, name, &local);
  g_autoptr (DsStyle) style = NULL;
  const char *format, *text;
  gint64 version, value;

  if (ck == NULL)
    {
      container_error (error, name, local);
      return NULL;
    }
  format = ds_checkpoint_get_text (ck, "format", NULL);
  if (format == NULL || strcmp (format, FORMAT) != 0)
    {
      fail (error, name, "not a drumswarm style file (%s)",
            ds_checkpoint_has (ck, "config") ? "a drumswarm model?" : "no 'format drumswarm-style'");
      return NULL;
    }
  if (!ds_checkpoint_get_int (ck, "version", &version, NULL) || version < 1)
    {
      fail (error, name, "the style has no valid 'version' field");
      return NULL;
    }
  if (version > DS_STYLE_VERSION)
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_VERSION,
                   "%s: style format %" G_GINT64_FORMAT " was written by a newer drumswarm "
                   "(this one reads format %d)", name, version, DS_STYLE_VERSION);
      return NULL;
    }
  style = g_new0 (DsStyle, 1);
  if ((text = get_text (ck, name, "name", error)) == NULL)
    return NULL;
  if (!ds_style_check_name (text, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  style->name = g_strdup (text);
  if ((text = get_text (ck, name, "voices", error)) == NULL
      || !parse_voices (style, name, text, error))
    return NULL;
  if (!get_int (ck, name, "resolution", 1, DS_STYLE_MAX_RESOLUTION, &value, error))
    return NULL;
  style->resolution = (guint) value;
  if (!get_int (ck, name, "loops", 1, G_MAXUINT32, &value, error))
    return NULL;
  style->n_loops = (guint) value;
  if (!get_int (ck, name, "bars", style->n_loops, G_MAXUINT32, &value, error))
    return NULL;
  style->n_bars = (guint) value;
  if (!get_int (ck, name, "steps", style->n_bars, G_MAXINT64, &value, error))
    return NULL;
  style->n_steps = (guint64) value;
  if ((text = get_text (ck, name, "counts", error)) == NULL
      || !parse_counts (style, name, text, error))
    return NULL;
  if ((text = get_text (ck, name, "calibration", error)) == NULL
      || !parse_calibration (style, name, text, error))
    return NULL;
  return g_steal_pointer (&style);
}

DsStyle *
ds_style_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  gsize size;

  if (!ds_file_read (path, MAX_BYTES, "a drumswarm style", &data, &size, &local))
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FILE, "%s", local->message);
      return NULL;
    }
  return ds_style_parse ((const guint8 *) data, size, path, error);
}

DsStyle *
ds_style_open (const char *name_or_path, GError **error)
{
  g_autofree char *file = NULL, *path = NULL;
  g_autoptr (GError) local = NULL;

  if (strchr (name_or_path, '/') != NULL || g_str_has_suffix (name_or_path, ".dsstyle"))
    return ds_style_load (name_or_path, error);
  if (!ds_voice_name_is_valid (name_or_path))
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FILE,
                   "'%s' is neither a bundled style's name (such as 'gmd') nor a style file "
                   "(a path with '/' or ending in .dsstyle)", name_or_path);
      return NULL;
    }
  file = g_strconcat (name_or_path, ".dsstyle", NULL);
  path = ds_data_find (file, &local);
  if (path == NULL)
    {
      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FILE, "style '%s': %s", name_or_path,
                   local->message);
      return NULL;
    }
  return ds_style_load (path, error);
}
