/* style.c: the style model: metrical frames, smoothed tables of any subset of
 * the voices, and the log-likelihood of a bar (see style.h). */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/rhythm/resample.h"
#include "src/stage/style-private.h"

G_DEFINE_QUARK (ds-style-error-quark, ds_style_error)

void
ds_style_free (DsStyle *style)
{
  if (style == NULL)
    return;
  g_free (style->name);
  g_free (style->counts);
  g_free (style);
}

const char *
ds_style_name (const DsStyle *style)
{
  return style->name;
}

gboolean
ds_style_check_name (const char *name, GError **error)
{
  gboolean ok = name[0] != '\0' && strlen (name) <= DS_STYLE_NAME_MAX
                && g_utf8_validate (name, -1, NULL);

  for (const char *p = name; ok && *p != '\0'; p = g_utf8_next_char (p))
    ok = !g_unichar_iscntrl (g_utf8_get_char (p));
  if (!ok)
    {
      g_autofree char *shown = g_strescape (name, NULL);

      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_FORMAT,
                   "'%.80s' is not a style name: 1 to %d bytes, no tabs, newlines or other "
                   "control characters", shown, DS_STYLE_NAME_MAX);
    }
  return ok;
}

guint
ds_style_n_voices (const DsStyle *style)
{
  return style->n_voices;
}

const char *
ds_style_voice_name (const DsStyle *style, guint voice)
{
  g_return_val_if_fail (voice < style->n_voices, NULL);
  return style->voices[voice];
}

int
ds_style_find_voice (const DsStyle *style, const char *name)
{
  for (guint v = 0; v < style->n_voices; v++)
    if (strcmp (style->voices[v], name) == 0)
      return (int) v;
  return -1;
}

guint
ds_style_resolution (const DsStyle *style)
{
  return style->resolution;
}

guint
ds_style_n_loops (const DsStyle *style)
{
  return style->n_loops;
}

guint
ds_style_n_bars (const DsStyle *style)
{
  return style->n_bars;
}

guint64
ds_style_n_steps (const DsStyle *style)
{
  return style->n_steps;
}

/* The class of a count's key. */
static guint
key_class (const DsStyle *style, guint32 key)
{
  return key >> (3 * style->n_voices);
}

double
ds_style_density (const DsStyle *style, guint class_, guint voice)
{
  guint64 on = 0, all = 0;

  g_return_val_if_fail (voice < style->n_voices, 0.0);
  for (guint i = 0; i < style->n_counts; i++)
    if (key_class (style, style->counts[i].key) == class_)
      {
        all += style->counts[i].n;
        if ((style->counts[i].key >> voice) & 1)
          on += style->counts[i].n;
      }
  return all > 0 ? (double) on / (double) all : 0.0;
}

double
ds_style_class_share (const DsStyle *style, guint class_)
{
  guint64 in = 0, all = 0;

  for (guint i = 0; i < style->n_counts; i++)
    {
      all += style->counts[i].n;
      if (key_class (style, style->counts[i].key) == class_)
        in += style->counts[i].n;
    }
  return all > 0 ? (double) in / (double) all : 0.0;
}

void
ds_style_calibration (const DsStyle *style, guint mask, double *random, double *human)
{
  g_return_if_fail (mask > 0 && mask < (1u << style->n_voices));
  *random = style->random[mask];
  *human = style->human[mask];
}

const char *
ds_style_class_name (guint class_)
{
  static const char *const names[DS_STYLE_N_CLASSES] = {
    "downbeat", "strong beat", "beat", "1st subdivision", "2nd subdivision", "finer",
  };

  return class_ < DS_STYLE_N_CLASSES ? names[class_] : "?";
}

guint
ds_style_grid_steps (const DsSignature *signature, guint resolution)
{
  guint per_quarter_unit = 4 * resolution;

  if (per_quarter_unit % signature->denominator != 0)
    return signature->numerator;
  return signature->numerator * (per_quarter_unit / signature->denominator);
}

/* For every step, how far back the span before its own starts: the spans are
 * delimited by the steps of level at most LEVEL; 0 everywhere when the bar is
 * one span. */
static void
frame_backs (const guint *levels, guint steps, guint level, guint16 *back)
{
  guint starts[DS_METER_MAX_STEPS], n = 0;

  for (guint j = 0; j < steps; j++)
    if (levels[j] <= level)
      starts[n++] = j;
  if (n < 2)
    {
      memset (back, 0, steps * sizeof *back);
      return;
    }
  for (guint s = 0; s < n; s++)
    {
      guint end = s + 1 < n ? starts[s + 1] : steps;
      guint previous = s > 0 ? starts[s] - starts[s - 1] : steps - starts[n - 1];

      for (guint j = starts[s]; j < end; j++)
        back[j] = (guint16) previous;
    }
}

gboolean
ds_style_frame_init (DsStyleFrame *frame, const DsSignature *signature, guint resolution,
                     GError **error)
{
  g_autoptr (DsMeter) meter = ds_meter_new ();
  guint steps = ds_style_grid_steps (signature, resolution);
  const guint *levels;
  const DsBar *bar;
  guint beat;

  if (steps > DS_METER_MAX_STEPS || !ds_meter_add_bar (meter, signature, steps, NULL))
    {
      g_autofree char *text = ds_signature_to_string (signature);

      g_set_error (error, DS_STYLE_ERROR, DS_STYLE_ERROR_METER,
                   "a %s bar takes %u steps at %u steps per quarter note, more than the %u "
                   "a style's bar can have", text, steps, resolution, DS_METER_MAX_STEPS);
      return FALSE;
    }
  bar = ds_meter_bar (meter, 0);
  levels = ds_meter_levels (meter);
  beat = bar->beat_level;
  frame->steps = steps;
  for (guint j = 0; j < steps; j++)
    {
      guint l = levels[j];

      frame->klass[j] = l == 0 ? 0 : l < beat ? 1 : l == beat ? 2 : (guint8) MIN (2 + l - beat,
                                                                             DS_STYLE_N_CLASSES - 1);
    }
  frame_backs (levels, steps, 1, frame->back_half);
  frame_backs (levels, steps, MAX (beat, 1u), frame->back_beat);
  for (guint j = 0; j < steps; j++)
    {
      frame->loop_half[j] = frame->back_half[j] == 0
                                ? (guint16) steps
                                : (guint16) ((j + steps - frame->back_half[j]) % steps);
      frame->loop_beat[j] = frame->back_beat[j] == 0
                                ? (guint16) steps
                                : (guint16) ((j + steps - frame->back_beat[j]) % steps);
    }
  return TRUE;
}

void
ds_style_frames_init (DsStyleFrames *frames, guint resolution)
{
  frames->resolution = resolution;
  frames->signatures = g_array_new (FALSE, FALSE, sizeof (DsSignature));
  frames->frames = g_ptr_array_new_with_free_func (g_free);
}

void
ds_style_frames_clear (DsStyleFrames *frames)
{
  g_clear_pointer (&frames->signatures, g_array_unref);
  g_clear_pointer (&frames->frames, g_ptr_array_unref);
}

const DsStyleFrame *
ds_style_frames_get (DsStyleFrames *frames, const DsSignature *signature, GError **error)
{
  DsStyleFrame *frame;

  for (guint i = 0; i < frames->signatures->len; i++)
    if (ds_signature_equal (&g_array_index (frames->signatures, DsSignature, i), signature))
      return frames->frames->pdata[i];
  frame = g_new (DsStyleFrame, 1);
  if (!ds_style_frame_init (frame, signature, frames->resolution, error))
    {
      g_free (frame);
      return NULL;
    }
  g_array_append_val (frames->signatures, *signature);
  g_ptr_array_add (frames->frames, frame);
  return frame;
}

guint
ds_style_project (guint column, guint mask)
{
  guint out = 0, bit = 0;

  for (guint v = 0; v < DS_STYLE_MAX_VOICES; v++)
    if ((mask >> v) & 1)
      out |= ((column >> v) & 1) << bit++;
  return out;
}

/* Sums of COUNTS over their last axis: OUT[i] = sum_x COUNTS[i * width + x],
 * TYPES[i] = the number of x with a count. */
static void
totals (const guint64 *counts, gsize rows, guint width, guint64 *out, guint *types)
{
  for (gsize i = 0; i < rows; i++)
    {
      out[i] = 0;
      types[i] = 0;
      for (guint x = 0; x < width; x++)
        {
          out[i] += counts[i * width + x];
          types[i] += counts[i * width + x] > 0;
        }
    }
}

/* Interpolated Witten-Bell: P(x | h) = (c(h, x) + T(h) P_lower(x)) / (c(h) + T(h)),
 * the lower order alone when h was never seen. */
static inline double
witten_bell (guint64 count, guint64 total, guint types, double lower)
{
  if (total == 0)
    return lower;
  return ((double) count + types * lower) / (double) (total + types);
}

void
ds_style_tables_init (DsStyleTables *tables, const DsStyle *style, guint mask)
{
  guint n = (guint) __builtin_popcount (mask), full = style->n_voices;
  guint x_count = 1u << n, c_count = DS_STYLE_N_CLASSES;
  gsize n3 = (gsize) c_count * x_count * x_count * x_count, n2 = (gsize) c_count * x_count * x_count;
  gsize n1 = (gsize) c_count * x_count;
  guint64 *c3 = g_new0 (guint64, n3), *c2 = g_new0 (guint64, n2), *c1 = g_new0 (guint64, n1);
  guint64 *t3 = g_new (guint64, n2), *t2 = g_new (guint64, n1), t1[DS_STYLE_N_CLASSES];
  guint *y3 = g_new (guint, n2), *y2 = g_new (guint, n1), y1[DS_STYLE_N_CLASSES];
  double *p2 = g_new (double, n2), *p1 = g_new (double, n1);
  guint32 column_mask = (1u << full) - 1;

  for (guint i = 0; i < style->n_counts; i++)
    {
      guint32 key = style->counts[i].key;
      guint x = ds_style_project (key & column_mask, mask);
      guint b = ds_style_project ((key >> full) & column_mask, mask);
      guint h = ds_style_project ((key >> (2 * full)) & column_mask, mask);
      guint c = key >> (3 * full);

      c3[((gsize) (c * x_count + h) * x_count + b) * x_count + x] += style->counts[i].n;
      c2[(gsize) (c * x_count + h) * x_count + x] += style->counts[i].n;
      c1[(gsize) c * x_count + x] += style->counts[i].n;
    }
  totals (c3, n2, x_count, t3, y3);
  totals (c2, n1, x_count, t2, y2);
  totals (c1, c_count, x_count, t1, y1);
  tables->n = n;
  tables->logp = g_new (float, n3);
  for (guint c = 0; c < c_count; c++)
    for (guint x = 0; x < x_count; x++)
      p1[c * x_count + x] = witten_bell (c1[c * x_count + x], t1[c], y1[c], 1.0 / x_count);
  for (gsize ch = 0; ch < n1; ch++)
    for (guint x = 0; x < x_count; x++)
      p2[ch * x_count + x] = witten_bell (c2[ch * x_count + x], t2[ch], y2[ch],
                                          p1[(ch / x_count) * x_count + x]);
  for (gsize chb = 0; chb < n2; chb++)
    for (guint x = 0; x < x_count; x++)
      {
        gsize i = chb * x_count + x;

        tables->logp[i] = (float) log2 (witten_bell (c3[i], t3[chb], y3[chb],
                                                     p2[(chb / x_count) * x_count + x]));
      }
  g_free (c3);
  g_free (c2);
  g_free (c1);
  g_free (t3);
  g_free (t2);
  g_free (y3);
  g_free (y2);
  g_free (p2);
  g_free (p1);
}

void
ds_style_tables_clear (DsStyleTables *tables)
{
  g_clear_pointer (&tables->logp, g_free);
  tables->n = 0;
}

/* The sum of a bar's log2-probabilities for N voices, N a constant where it
 * is inlined (so that the shifts are): four sums in a fixed order, independent
 * additions with the same result on every run. */
static inline __attribute__ ((always_inline)) float
bar_sum (const float *logp, const DsStyleFrame *frame, const guint8 *columns, guint n)
{
  float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
  guint steps = frame->steps, j = 0;

#define STEP_KEY(j) ((((gsize) frame->klass[j] << n | columns[frame->loop_half[j]]) << n \
                      | columns[frame->loop_beat[j]]) << n | columns[j])
  for (; j + 4 <= steps; j += 4)
    {
      s0 += logp[STEP_KEY (j)];
      s1 += logp[STEP_KEY (j + 1)];
      s2 += logp[STEP_KEY (j + 2)];
      s3 += logp[STEP_KEY (j + 3)];
    }
  for (; j < steps; j++)
    s0 += logp[STEP_KEY (j)];
#undef STEP_KEY
  return (s0 + s1) + (s2 + s3);
}

double
ds_style_bar_log2 (const DsStyleTables *tables, const DsStyleFrame *frame,
                   const guint8 *columns)
{
  const float *logp = tables->logp;
  float sum;

  switch (tables->n)
    {
    case 1: sum = bar_sum (logp, frame, columns, 1); break;
    case 2: sum = bar_sum (logp, frame, columns, 2); break;
    case 3: sum = bar_sum (logp, frame, columns, 3); break;
    case 4: sum = bar_sum (logp, frame, columns, 4); break;
    case 5: sum = bar_sum (logp, frame, columns, 5); break;
    default: sum = bar_sum (logp, frame, columns, 6); break;
    }
  return (double) sum / frame->steps;
}

double
ds_style_map (double bits, double random, double human)
{
  double v;

  if (!(human > random))
    return 0.0;
  v = (bits - random) / (human - random);
  return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

void
ds_style_columns (const DsPattern *voices, guint n, guint steps, guint8 *columns)
{
  memset (columns, 0, steps + 1);
  for (guint v = 0; v < n; v++)
    {
      const DsPattern *p = &voices[v];

      for (guint w = 0; w < (p->length + 63) / 64; w++)
        for (uint64_t bits = p->on[w]; bits != 0; bits &= bits - 1)
          {
            guint k = w * 64 + (guint) __builtin_ctzll (bits);

            if (k < p->length)
              columns[ds_resample_step (k, p->length, steps)] |= (guint8) (1u << v);
          }
    }
}

void
ds_style_shuffle (guint8 *columns, guint steps, guint n, DsRng *rng)
{
  guint8 bits[DS_METER_MAX_STEPS];

  for (guint v = 0; v < n; v++)
    {
      guint on = 0;

      for (guint j = 0; j < steps; j++)
        {
          bits[j] = (columns[j] >> v) & 1;
          on += bits[j];
        }
      /* an empty or full voice has nothing to move (and draws nothing) */
      if (on == 0 || on == steps)
        continue;
      for (guint j = steps - 1; j > 0; j--)
        {
          guint r = ds_rng_below (rng, j + 1);
          guint8 t = bits[j];

          bits[j] = bits[r];
          bits[r] = t;
        }
      for (guint j = 0; j < steps; j++)
        columns[j] = (guint8) ((columns[j] & ~(1u << v)) | (bits[j] << v));
    }
}

gboolean
ds_style_bar_judgeable (const guint8 *columns, guint steps, guint n)
{
  for (guint v = 0; v < n; v++)
    {
      guint on = 0;

      for (guint j = 0; j < steps; j++)
        on += (columns[j] >> v) & 1;
      if (on > 0 && on < steps)
        return TRUE;
    }
  return FALSE;
}
