/* pattern.c: parsing, printing and editing one voice's onsets (see pattern.h). */
#include "autoconfig.h"

#include "src/rhythm/pattern.h"

#include <string.h>

G_DEFINE_QUARK (ds-pattern-error-quark, ds_pattern_error)

void
ds_pattern_init (DsPattern *pattern, guint length)
{
  g_return_if_fail (length >= 1 && length <= DS_PATTERN_MAX_STEPS);
  memset (pattern, 0, sizeof *pattern);
  pattern->length = length;
}

gboolean
ds_pattern_parse (const char *text, DsPattern *pattern, GError **error)
{
  DsPattern parsed;
  guint length = 0;

  memset (&parsed, 0, sizeof parsed);
  for (const char *c = text; *c != '\0'; c++)
    {
      gboolean on;

      switch (*c)
        {
        case '|': case ' ': case '\t':
          continue;
        case 'x': case 'X':
          on = TRUE;
          break;
        case '.': case 'o':
          on = FALSE;
          break;
        default:
          if (g_ascii_isprint (*c))
            g_set_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_CHARACTER,
                         "pattern '%s': unexpected character '%c' at position %u "
                         "(a step is x, X, . or o; | and spaces separate bars)",
                         text, *c, (guint) (c - text) + 1);
          else
            g_set_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_CHARACTER,
                         "pattern: unexpected byte 0x%02x at position %u "
                         "(a step is x, X, . or o; | and spaces separate bars)",
                         (guint) (guchar) *c, (guint) (c - text) + 1);
          return FALSE;
        }
      if (length == DS_PATTERN_MAX_STEPS)
        {
          g_set_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_TOO_LONG,
                       "pattern has more than %u steps", DS_PATTERN_MAX_STEPS);
          return FALSE;
        }
      if (on)
        {
          parsed.on[length >> 6] |= UINT64_C (1) << (length & 63);
          if (*c == 'X')
            parsed.accent[length >> 6] |= UINT64_C (1) << (length & 63);
        }
      length++;
    }
  if (length == 0)
    {
      g_set_error (error, DS_PATTERN_ERROR, DS_PATTERN_ERROR_EMPTY,
                   "pattern '%s' has no steps (write x for an onset, . for a rest)", text);
      return FALSE;
    }
  parsed.length = length;
  *pattern = parsed;
  return TRUE;
}

static void
append_steps (GString *out, const DsPattern *pattern, guint from, guint to)
{
  for (guint k = from; k < to; k++)
    g_string_append_c (out, !ds_pattern_get (pattern, k) ? '.'
                            : ds_pattern_get_accent (pattern, k) ? 'X' : 'x');
}

char *
ds_pattern_to_string (const DsPattern *pattern, guint bar_steps)
{
  GString *out = g_string_sized_new (pattern->length + pattern->length / 4 + 1);

  if (bar_steps == 0 || bar_steps >= pattern->length)
    bar_steps = pattern->length;
  for (guint start = 0; start < pattern->length; start += bar_steps)
    {
      if (start > 0)
        g_string_append_c (out, '|');
      append_steps (out, pattern, start, MIN (start + bar_steps, pattern->length));
    }
  return g_string_free (out, FALSE);
}

char *
ds_pattern_to_string_bars (const DsPattern *pattern, const guint *bar_starts, guint n_bars)
{
  GString *out = g_string_sized_new (pattern->length + n_bars + 1);

  for (guint b = 0; b < n_bars; b++)
    {
      guint from = bar_starts[b];
      guint to = b + 1 < n_bars ? bar_starts[b + 1] : pattern->length;

      if (b > 0)
        g_string_append_c (out, '|');
      append_steps (out, pattern, MIN (from, pattern->length), MIN (to, pattern->length));
    }
  return g_string_free (out, FALSE);
}

void
ds_pattern_set (DsPattern *pattern, guint step, gboolean on)
{
  uint64_t bit = UINT64_C (1) << (step & 63);

  g_return_if_fail (step < pattern->length);
  if (on)
    pattern->on[step >> 6] |= bit;
  else
    {
      pattern->on[step >> 6] &= ~bit;
      pattern->accent[step >> 6] &= ~bit;
    }
}

void
ds_pattern_set_accent (DsPattern *pattern, guint step, gboolean accent)
{
  uint64_t bit = UINT64_C (1) << (step & 63);

  g_return_if_fail (step < pattern->length);
  pattern->on[step >> 6] |= bit;
  if (accent)
    pattern->accent[step >> 6] |= bit;
  else
    pattern->accent[step >> 6] &= ~bit;
}

void
ds_pattern_toggle (DsPattern *pattern, guint step)
{
  uint64_t bit = UINT64_C (1) << (step & 63);

  g_return_if_fail (step < pattern->length);
  pattern->on[step >> 6] ^= bit;
  pattern->accent[step >> 6] &= pattern->on[step >> 6];
}

guint
ds_pattern_count (const DsPattern *pattern)
{
  guint count = 0;

  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    count += (guint) __builtin_popcountll (pattern->on[w]);
  return count;
}

guint
ds_pattern_distance (const DsPattern *a, const DsPattern *b)
{
  guint count = 0;

  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    count += (guint) __builtin_popcountll (a->on[w] ^ b->on[w]);
  return count;
}

gboolean
ds_pattern_equal (const DsPattern *a, const DsPattern *b)
{
  return a->length == b->length && memcmp (a->on, b->on, sizeof a->on) == 0;
}

guint
ds_pattern_onsets (const DsPattern *pattern, guint *steps)
{
  guint n = 0;

  for (guint w = 0; w < DS_PATTERN_WORDS; w++)
    for (uint64_t bits = pattern->on[w]; bits != 0; bits &= bits - 1)
      steps[n++] = w * 64 + (guint) __builtin_ctzll (bits);
  return n;
}

void
ds_pattern_from_bits (DsPattern *pattern, guint length, uint64_t bits)
{
  g_return_if_fail (length >= 1 && length <= 64);
  ds_pattern_init (pattern, length);
  pattern->on[0] = length == 64 ? bits : bits & ((UINT64_C (1) << length) - 1);
}
