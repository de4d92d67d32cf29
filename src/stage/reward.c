/* reward.c: compiled reward mixes and their scores (see reward.h). */
#include "autoconfig.h"

#include <math.h>
#include <string.h>

#include "src/base/suggest.h"
#include "src/rhythm/kit.h"
#include "src/rhythm/measure-builtin.h"
#include "src/stage/reward-private.h"
#include "src/rhythm/voices.h"

G_DEFINE_QUARK (ds-reward-error-quark, ds_reward_error)

struct _DsReward {
  DsMeter *meter;
  guint length;
  uint64_t mask;      /* the grid's bits in word 0 */
  guint n_words;      /* the words the grid's patterns use */
  guint n_voices;
  char **names;       /* NULL-terminated */
  DsRewardMix *mixes;
  double (*scales)[DS_REWARD_N_KINDS]; /* per voice: each kind's scale */
};

/* The kind of a term by its name (a measure's, a relation's or a function's,
 * inside target()), before the rule by shape (term_kind).  A new kind of term
 * adds its name here. */
static const struct {
  const char *name;
  DsRewardKind kind;
} kind_by_name[] = {
  { "density", DS_REWARD_KIND_DENSITY },
  { "density-ratio", DS_REWARD_KIND_DENSITY },
  { "style", DS_REWARD_KIND_STYLE },
  { "anchors", DS_REWARD_KIND_ANCHORS },
};

/* The kind of TERM: by name from the table, else by shape: a relation to the
 * user's loop is LOOP, to another voice INTERPLAY, anything else (a measure of
 * the voice) COMPLEXITY. */
static DsRewardKind
term_kind (const DsRewardTerm *term)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_by_name); i++)
    if (strcmp (kind_by_name[i].name, term->name) == 0)
      return kind_by_name[i].kind;
  if (term->relation)
    return term->other_in_loop ? DS_REWARD_KIND_LOOP : DS_REWARD_KIND_INTERPLAY;
  return DS_REWARD_KIND_COMPLEXITY;
}

/* The scaled weights of MIX from SCALES, summed in the terms' order: with every
 * scale 1 they are the weights and their sum exactly. */
static void
mix_apply_scales (DsRewardMix *mix, const double *scales)
{
  mix->scaled_sum = 0.0;
  for (guint i = 0; i < mix->n_terms; i++)
    {
      DsRewardTerm *term = &mix->terms[i];

      term->scaled = scales[term->term_kind] == 1.0 ? term->weight
                                                    : term->weight * scales[term->term_kind];
      mix->scaled_sum += term->scaled;
    }
  /* in the order ds_reward_score takes them off, for the same rounding */
  mix->scaled_sum_without_loop = mix->scaled_sum;
  for (guint i = 0; i < mix->n_terms; i++)
    if (mix->terms[i].other_in_loop)
      mix->scaled_sum_without_loop -= mix->terms[i].scaled;
}

DsReward *
ds_reward_new (const DsMeter *meter, const char *const *voice_names, guint n_voices,
               GError **error)
{
  g_autoptr (DsReward) reward = g_new0 (DsReward, 1);
  guint length = ds_meter_length (meter);

  if (n_voices == 0 || n_voices > DS_VOICES_MAX)
    {
      g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                   "a stage needs 1 to %u voices, not %u", DS_VOICES_MAX, n_voices);
      return NULL;
    }
  for (guint v = 0; v < n_voices; v++)
    {
      if (!ds_voice_name_is_valid (voice_names[v]) || strcmp (voice_names[v], "loop") == 0)
        {
          g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                       "'%s' cannot name a voice (letters, digits, '-' and '_'; not 'loop')",
                       voice_names[v]);
          return NULL;
        }
      for (guint w = 0; w < v; w++)
        if (strcmp (voice_names[v], voice_names[w]) == 0)
          {
            g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VOICES,
                         "voice '%s' appears twice", voice_names[v]);
            return NULL;
          }
    }
  reward->meter = ds_meter_copy (meter);
  reward->length = length;
  reward->mask = length >= 64 ? ~(uint64_t) 0 : ((uint64_t) 1 << length) - 1;
  reward->n_words = (length + 63) / 64;
  reward->n_voices = n_voices;
  reward->names = g_new0 (char *, n_voices + 1);
  for (guint v = 0; v < n_voices; v++)
    reward->names[v] = g_strdup (voice_names[v]);
  reward->mixes = g_new0 (DsRewardMix, n_voices);
  reward->scales = g_malloc_n (n_voices, sizeof reward->scales[0]);
  for (guint v = 0; v < n_voices; v++)
    for (guint k = 0; k < DS_REWARD_N_KINDS; k++)
      reward->scales[v][k] = 1.0;
  return g_steal_pointer (&reward);
}

void
ds_reward_free (DsReward *reward)
{
  if (reward == NULL)
    return;
  for (guint v = 0; v < reward->n_voices && reward->mixes != NULL; v++)
    ds_reward_mix_clear (&reward->mixes[v]);
  g_free (reward->mixes);
  g_free (reward->scales);
  g_strfreev (reward->names);
  ds_meter_free (reward->meter);
  g_free (reward);
}

static void term_choose_path (const DsReward *reward, DsRewardTerm *term);

gboolean
ds_reward_set_mix (DsReward *reward, guint voice, const char *text, const char *where,
                   GError **error)
{
  DsRewardMix mix;

  g_return_val_if_fail (voice < reward->n_voices, FALSE);
  if (!ds_reward_mix_parse (&mix, text, where, reward->meter,
                            (const char *const *) reward->names, reward->n_voices, voice,
                            error))
    return FALSE;
  /* relations in the compiled terms point at the reward's own meter copy */
  for (guint i = 0; i < mix.n_terms; i++)
    {
      term_choose_path (reward, &mix.terms[i]);
      mix.terms[i].term_kind = term_kind (&mix.terms[i]);
    }
  mix_apply_scales (&mix, reward->scales[voice]);
  ds_reward_mix_clear (&reward->mixes[voice]);
  reward->mixes[voice] = mix;
  return TRUE;
}

/* The keys of a voice's group: a module that reads one adds it here. */
static const char *const voice_group_keys[] = { "reward", NULL };

gboolean
ds_reward_check_groups (const DsReward *reward, const DsConfig *config, GError **error)
{
  g_auto (GStrv) groups = ds_config_groups (config);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ds_config_known_groups[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) ds_config_known_groups[i]);
  for (guint v = 0; v < reward->n_voices; v++)
    g_ptr_array_add (names, reward->names[v]);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autofree char *where = NULL, *voices = NULL;
      gboolean mix = ds_config_has_key (config, groups[g], "reward");
      const char *hint;

      if (g_strv_contains (ds_config_known_groups, groups[g]))
        continue;
      if (g_strv_contains ((const char *const *) reward->names, groups[g]))
        {
          if (!ds_config_check_keys (config, groups[g], voice_group_keys, error))
            return FALSE;
          continue;
        }
      where = ds_config_where (config, groups[g], NULL);
      voices = g_strjoinv (", ", reward->names);
      /* a group with a reward mix is meant for a voice: the hint is a voice */
      hint = mix ? ds_suggest (groups[g], (const char *const *) reward->names, reward->n_voices)
                 : ds_suggest (groups[g], (const char *const *) names->pdata, names->len);
      if (hint != NULL)
        g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN,
                     "%s: [%s] is neither a voice of the stage nor a group of drumswarm.conf; "
                     "did you mean [%s]?", where, groups[g], hint);
      else if (mix)
        g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN,
                     "%s: [%s] gives a reward mix, but the stage has no voice '%s' (its "
                     "voices: %s; [stage] voices sets them)", where, groups[g], groups[g],
                     voices);
      else
        g_set_error (error, DS_CONFIG_ERROR, DS_CONFIG_ERROR_UNKNOWN,
                     "%s: [%s] is neither a voice of the stage (%s) nor a group of "
                     "drumswarm.conf", where, groups[g], voices);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_reward_load_config (DsReward *reward, const DsConfig *config, GError **error)
{
  for (guint v = 0; v < reward->n_voices; v++)
    {
      g_autofree char *text = NULL;
      g_autofree char *where = NULL;

      if (!ds_config_has_key (config, reward->names[v], "reward"))
        continue;
      if (!ds_config_get_string (config, reward->names[v], "reward", NULL, &text, error))
        return FALSE;
      where = ds_config_where (config, reward->names[v], "reward");
      if (!ds_reward_set_mix (reward, v, text, where, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ds_reward_has_mix (const DsReward *reward, guint voice)
{
  g_return_val_if_fail (voice < reward->n_voices, FALSE);
  return reward->mixes[voice].n_terms > 0;
}

const char *
ds_reward_mix_text (const DsReward *reward, guint voice)
{
  g_return_val_if_fail (voice < reward->n_voices, NULL);
  return reward->mixes[voice].text;
}

gboolean
ds_reward_needs_loop (const DsReward *reward, guint voice)
{
  g_return_val_if_fail (voice < reward->n_voices, FALSE);
  return reward->mixes[voice].needs_loop;
}

/* A relation of two grids of at most 64 steps (one word each), as
 * ds_relation_value computes it, inline for the inner loop. */
static inline double
relation_word (const DsRewardTerm *term, uint64_t a, uint64_t b, guint length, uint64_t mask)
{
  const DsRelation *rel = &term->rel;

  switch (term->kind)
    {
    case DS_RELATION_ANTI_COINCIDENCE:
      return (double) ds_relation_popcount (a ^ b) / length;
    case DS_RELATION_SIMILARITY:
      return (double) (length - ds_relation_popcount (a ^ b)) / length;
    case DS_RELATION_COINCIDENCE:
      return a == 0 ? 0.0 : (double) ds_relation_popcount (a & b) / ds_relation_popcount (a);
    case DS_RELATION_INTERLOCK:
      return (a | b) == 0 ? 0.0
                          : (double) ds_relation_popcount (a ^ b) / ds_relation_popcount (a | b);
    case DS_RELATION_UNION:
      return rel->table[a | b];
    case DS_RELATION_DENSITY_RATIO:
      {
        double r, t = rel->target;

        if (a == 0 || b == 0)
          return 0.0;
        r = (double) ds_relation_popcount (a) / ds_relation_popcount (b);
        return MIN (r, t) / MAX (r, t);
      }
    case DS_RELATION_ECHO:
      {
        uint64_t delayed = rel->lag == 0 ? b : ((b << rel->lag) | (b >> (length - rel->lag))) & mask;

        if (a == 0 || b == 0)
          return 0.0;
        return ds_relation_popcount (a & delayed)
               / sqrt ((double) ds_relation_popcount (a) * ds_relation_popcount (b));
      }
    default:
      return 0.0;
    }
}

/* The value of TERM for VOICE in [0, 1] in double precision, without the
 * tables (for reports); the caller checked the loop. */
static double
exact_value (const DsReward *reward, const DsRewardTerm *term, guint voice,
             const DsPattern *patterns, const DsPattern *loop)
{
  const DsPattern *own = &patterns[voice];
  double x;

  if (term->anchors)
    x = ds_anchors_kept (term->anchor_mask, own, &loop[term->other], reward->n_words);
  else if (term->style != NULL)
    x = ds_reward_style_value (term, patterns);
  else if (term->relation)
    {
      DsRelation rel = term->rel;

      rel.table = NULL;
      x = ds_relation_value (&rel, own,
                             term->other_in_loop ? &loop[term->other] : &patterns[term->other]);
    }
  else
    x = ds_normalise_apply (&term->range,
                            ds_measure_raw_unchecked (term->measure, own, reward->meter));
  return term->has_target ? 1.0 - fabs (x - term->target) : x;
}

/* The STEPS bits of PATTERN from step AT on (MASK = 2^STEPS - 1). */
static inline uint64_t
bar_bits (const DsPattern *pattern, guint at, guint steps, uint64_t mask)
{
  guint w = at >> 6, off = at & 63;
  uint64_t bits = pattern->on[w] >> off;

  if (off + steps > 64)
    bits |= pattern->on[w + 1] << (64 - off);
  return bits & mask;
}

/* The value of TERM for VOICE in [0, 1] along its path; the caller checked
 * the loop. */
static inline double
term_value (const DsReward *reward, const DsRewardTerm *term, guint voice,
            const DsPattern *patterns, const DsPattern *loop)
{
  const DsPattern *own = &patterns[voice];
  double x;

  switch (term->path)
    {
    case DS_REWARD_PATH_WORD:
      {
        const DsPattern *other = term->other_in_loop ? &loop[term->other]
                                                     : &patterns[term->other];

        x = relation_word (term, own->on[0] & reward->mask, other->on[0] & reward->mask,
                           reward->length, reward->mask);
        break;
      }
    case DS_REWARD_PATH_RAW8:
      x = (term->raw8[own->on[0] & reward->mask] - term->raw8_min) * term->raw8_scale;
      x = x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
      break;
    case DS_REWARD_PATH_TABLE:
      x = term->table[own->on[0] & reward->mask];
      break;
    case DS_REWARD_PATH_DENSITY:
      {
        guint count = 0;

        for (guint w = 0; w < (reward->length + 63) / 64; w++)
          count += ds_relation_popcount (own->on[w]);
        x = (double) count / reward->length;
        break;
      }
    case DS_REWARD_PATH_BARS:
      {
        uint64_t mask = ((uint64_t) 1 << term->bar_steps) - 1;
        double sum = 0.0;

        for (guint b = 0; b < term->n_bars; b++)
          sum += term->bar_table[bar_bits (own, b * term->bar_steps, term->bar_steps, mask)];
        x = sum / term->n_bars;
        break;
      }
    case DS_REWARD_PATH_CONTEXT:
      {
        uint64_t mask = ((uint64_t) 1 << term->bar_steps) - 1, previous;
        gsize row = (gsize) 1 << term->bar_steps;
        guint raw = 0, last = term->n_bars - 1;

        previous = bar_bits (own, last * term->bar_steps, term->bar_steps, mask);
        for (guint b = 0; b < term->n_bars; b++)
          {
            uint64_t bits = bar_bits (own, b * term->bar_steps, term->bar_steps, mask);
            gsize context = previous == 0
                                ? 0
                                : term->levels[63 - __builtin_clzll (previous)] + 1;

            raw += term->context8[context * row + bits];
            previous = bits;
          }
        x = ((double) raw - term->range.min) / (term->range.max - term->range.min);
        x = x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
        break;
      }
    case DS_REWARD_PATH_ANCHORS:
      x = reward->n_words == 1 ? ds_anchors_kept_word (term->anchor_mask[0], own->on[0],
                                                       loop[term->other].on[0])
                               : ds_anchors_kept (term->anchor_mask, own, &loop[term->other],
                                                  reward->n_words);
      break;
    case DS_REWARD_PATH_RELATION:
      x = ds_relation_value (&term->rel, own,
                             term->other_in_loop ? &loop[term->other] : &patterns[term->other]);
      break;
    case DS_REWARD_PATH_STYLE:
      x = ds_reward_style_value (term, patterns);
      break;
    default:
      x = ds_normalise_apply (&term->range,
                              ds_measure_raw_unchecked (term->measure, own, reward->meter));
      break;
    }
  return term->has_target ? 1.0 - fabs (x - term->target) : x;
}

/* Chooses the cheapest exact-enough way to evaluate TERM. */
static void
term_choose_path (const DsReward *reward, DsRewardTerm *term)
{
  if (term->anchors)
    term->path = DS_REWARD_PATH_ANCHORS;
  else if (term->style != NULL)
    term->path = DS_REWARD_PATH_STYLE;
  else if (term->relation)
    {
      term->kind = term->rel.klass->kind;
      term->path = reward->length <= 64
                           && (term->kind != DS_RELATION_UNION || term->rel.table != NULL)
                       ? DS_REWARD_PATH_WORD
                       : DS_REWARD_PATH_RELATION;
    }
  else if (term->measure == &ds_measure_density)
    term->path = DS_REWARD_PATH_DENSITY;
  else if (term->raw8 != NULL)
    term->path = DS_REWARD_PATH_RAW8;
  else if (term->table != NULL)
    term->path = DS_REWARD_PATH_TABLE;
  else if (term->bar_table != NULL)
    term->path = DS_REWARD_PATH_BARS;
  else if (term->context8 != NULL && term->range.max > term->range.min)
    term->path = DS_REWARD_PATH_CONTEXT;
  else
    term->path = DS_REWARD_PATH_COMPUTE;
}

double
ds_reward_score (const DsReward *reward, guint voice, const DsPattern *patterns,
                 const DsPattern *loop)
{
  const DsRewardMix *mix = &reward->mixes[voice];
  double sum = 0.0, weights = mix->scaled_sum;

  for (guint i = 0; i < mix->n_terms; i++)
    {
      const DsRewardTerm *term = &mix->terms[i];

      if (G_UNLIKELY (term->other_in_loop && loop == NULL))
        {
          weights -= term->scaled;
          continue;
        }
      if (term->scaled == 0.0)
        continue;
      sum += term->scaled * term_value (reward, term, voice, patterns, loop);
    }
  /* a division, not a product by the inverse: a perfect mix scores exactly 1 */
  return weights > 0.0 ? sum / weights : 0.0;
}

void
ds_reward_set_kind_scale (DsReward *reward, guint voice, DsRewardKind kind, double factor)
{
  g_return_if_fail (voice < reward->n_voices);
  g_return_if_fail ((guint) kind < DS_REWARD_N_KINDS);
  g_return_if_fail (factor >= 0.0 && isfinite (factor));
  reward->scales[voice][kind] = factor;
  mix_apply_scales (&reward->mixes[voice], reward->scales[voice]);
}

double
ds_reward_kind_scale (const DsReward *reward, guint voice, DsRewardKind kind)
{
  g_return_val_if_fail (voice < reward->n_voices, 1.0);
  g_return_val_if_fail ((guint) kind < DS_REWARD_N_KINDS, 1.0);
  return reward->scales[voice][kind];
}

DsRewardKind
ds_reward_term_kind (const DsReward *reward, guint voice, guint term)
{
  g_return_val_if_fail (voice < reward->n_voices, DS_REWARD_KIND_COMPLEXITY);
  g_return_val_if_fail (term < reward->mixes[voice].n_terms, DS_REWARD_KIND_COMPLEXITY);
  return reward->mixes[voice].terms[term].term_kind;
}

guint
ds_reward_n_terms (const DsReward *reward, guint voice)
{
  g_return_val_if_fail (voice < reward->n_voices, 0);
  return reward->mixes[voice].n_terms;
}

const char *
ds_reward_term_text (const DsReward *reward, guint voice, guint term)
{
  g_return_val_if_fail (voice < reward->n_voices, NULL);
  g_return_val_if_fail (term < reward->mixes[voice].n_terms, NULL);
  return reward->mixes[voice].terms[term].text;
}

gboolean
ds_reward_term_value (const DsReward *reward, guint voice, guint term,
                      const DsPattern *patterns, const DsPattern *loop, double *value,
                      double *contribution)
{
  const DsRewardMix *mix = &reward->mixes[voice];
  const DsRewardTerm *t = &mix->terms[term];
  double weights = loop != NULL ? mix->scaled_sum : mix->scaled_sum_without_loop;

  g_return_val_if_fail (term < mix->n_terms, FALSE);
  if (t->other_in_loop && loop == NULL)
    return FALSE;
  *value = exact_value (reward, t, voice, patterns, loop);
  *contribution = weights > 0.0 ? t->scaled * *value / weights : 0.0;
  return TRUE;
}

/* The default mixes are the kit's (src/rhythm/kit.h). */
char *
ds_reward_default_mix (const char *voice, const char *const *voice_names, guint n_voices)
{
  const DsKitVoice *kit = ds_kit_find (voice);
  gboolean partner_present = FALSE;

  if (kit == NULL)
    return g_strdup (DS_KIT_GENERIC_MIX);
  for (guint v = 0; v < n_voices && kit->partner != NULL; v++)
    partner_present = partner_present || strcmp (voice_names[v], kit->partner) == 0;
  if (!partner_present)
    return g_strdup (kit->mix);
  return g_strconcat (kit->mix, " + ", kit->relation, kit->partner, ")", NULL);
}
