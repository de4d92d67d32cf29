/* answer-phrase.c: an answer longer than the loop, and fills (see answer-phrase.h). */
#include "autoconfig.h"

#include "src/responder/answer-phrase.h"
#include "src/base/threads.h"
#include "src/responder/responder-private.h"

#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

gboolean
ds_answer_phrase_is_fill (const DsAnswerPhrase *phrase, guint bar)
{
  guint whole = phrase->at != NULL ? phrase->at[bar] : bar;

  return phrase->fill_every > 0 && (whole + 1) % phrase->fill_every == 0;
}

/* Plays the loop's own bars B (of BARS) for which FILL says whether they are
 * fills is FILL, side by side, into ANSWER. */
static void
play_own (const DsResponder *r, const DsBars *bars, const DsAnswerPhrase *phrase, gboolean fill,
          int threads, DsBars *answer)
{
  int n_threads = CLAMP (threads, 1, DS_SWARM_MAX_THREADS);
  DsResponderScratch **scratch = g_new0 (DsResponderScratch *, n_threads);

  for (int i = 0; i < n_threads; i++)
    scratch[i] = ds_responder_scratch_new (r);
#pragma omp parallel for schedule(dynamic) num_threads(n_threads)
  for (guint b = 0; b < bars->n_bars; b++)
    if (ds_answer_phrase_is_fill (phrase, b) == fill)
      ds_responder_play_bar (r, scratch[ds_thread_id ()], ds_bars_get (bars, b), b,
                             ds_bars_get (answer, b));
  for (int i = 0; i < n_threads; i++)
    ds_responder_scratch_free (scratch[i]);
  g_free (scratch);
}

/* Sets the mixes of the stage's voices to MIXES (NULL: left as they are),
 * keeping the ones they had in SAVED (when not NULL). */
static gboolean
set_mixes (DsResponder *r, char *const *mixes, char **saved, GError **error)
{
  DsReward *reward = ds_stage_edit_reward (ds_responder_model (r)->stage);

  for (guint v = 0; v < r->n_voices; v++)
    {
      if (mixes[v] == NULL)
        continue;
      if (saved != NULL)
        saved[v] = g_strdup (ds_reward_mix_text (reward, v));
      if (!ds_reward_set_mix (reward, v, mixes[v], "fill mix", error))
        return FALSE;
    }
  return TRUE;
}

/* Switches to the fill mixes and polish (SAVED keeps the beat's), or back. */
static gboolean
fill_on (DsResponder *r, const DsAnswerPhrase *phrase, char **saved, GError **error)
{
  memset (saved, 0, DS_VOICES_MAX * sizeof saved[0]);
  if (!set_mixes (r, phrase->fill_mixes, saved, error))
    return FALSE;
  ds_responder_set_polish (r, phrase->fill_polish, phrase->fill_min_changes);
  return TRUE;
}

static void
fill_off (DsResponder *r, const DsAnswerOptions *options, char **saved)
{
  g_autoptr (GError) error = NULL;

  /* the beat's own mixes compiled a moment ago: they compile again */
  if (!set_mixes (r, saved, NULL, &error))
    g_error ("the beat's mixes do not compile again: %s", error->message);
  for (guint v = 0; v < DS_VOICES_MAX; v++)
    g_free (saved[v]);
  ds_responder_set_polish (r, options->polish, options->min_changes);
}

DsBars *
ds_answer_play_phrase (DsResponder *r, const DsBars *bars, const DsAnswerOptions *options,
                       const DsAnswerPhrase *phrase, GError **error)
{
  guint n_own = bars->n_bars, n = MAX (phrase->n_bars, n_own);
  g_autoptr (DsBars) answer = ds_bars_new (n, bars->n_voices, bars->length);
  char *saved[DS_VOICES_MAX];
  DsResponderScratch *scratch;
  const DsPattern *last_beat = NULL;
  gboolean own_fill = FALSE;

  g_return_val_if_fail (n_own > 0 && bars->n_voices == r->n_voices, NULL);
  ds_answer_options_apply (r, options);
  play_own (r, bars, phrase, FALSE, options->threads, answer);
  for (guint b = 0; b < n_own && !own_fill; b++)
    own_fill = ds_answer_phrase_is_fill (phrase, b);
  if (own_fill)
    {
      if (!fill_on (r, phrase, saved, error))
        return NULL;
      play_own (r, bars, phrase, TRUE, options->threads, answer);
      fill_off (r, options, saved);
    }
  for (guint b = n_own; b-- > 0 && last_beat == NULL;)
    if (!ds_answer_phrase_is_fill (phrase, b))
      last_beat = ds_bars_get (answer, b);
  if (last_beat == NULL) /* every bar a fill: evolve from the loop's last */
    last_beat = ds_bars_get (bars, n_own - 1);
  scratch = ds_responder_scratch_new (r);
  for (guint b = n_own; b < n; b++)
    {
      const DsPattern *loop = ds_bars_get (bars, b % n_own);
      DsPattern from[DS_VOICES_MAX];
      gboolean fill = ds_answer_phrase_is_fill (phrase, b);

      memcpy (from, loop, bars->n_voices * sizeof from[0]);
      for (guint v = 0; v < bars->n_voices; v++)
        if (options->play[v])
          from[v] = last_beat[v];
      if (fill && !fill_on (r, phrase, saved, error))
        {
          ds_responder_scratch_free (scratch);
          return NULL;
        }
      ds_responder_play_bar_from (r, scratch, from, loop, b, ds_bars_get (answer, b));
      if (fill)
        fill_off (r, options, saved);
      else
        last_beat = ds_bars_get (answer, b);
    }
  ds_responder_scratch_free (scratch);
  return g_steal_pointer (&answer);
}

/* Whether A and B play the same patterns in every voice that plays (PLAY). */
static gboolean
same_answer (const DsBars *a, const DsBars *b, const gboolean *play)
{
  for (guint bar = 0; bar < a->n_bars; bar++)
    for (guint v = 0; v < a->n_voices; v++)
      if (play[v] && !ds_pattern_equal (&ds_bars_get (a, bar)[v], &ds_bars_get (b, bar)[v]))
        return FALSE;
  return TRUE;
}

GPtrArray *
ds_answer_play_variations (DsResponder *r, const DsBars *bars, const DsAnswerOptions *options,
                           const DsAnswerPhrase *phrase, guint variations, GError **error)
{
  g_autoptr (GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_bars_free);
  DsAnswerOptions o = *options;
  guint64 next_seed = options->seed + MAX (variations, 1);

  for (guint i = 0; i < MAX (variations, 1); i++)
    {
      DsBars *answer = NULL;

      o.seed = options->seed + i;
      o.min_changes = options->min_changes;
      for (guint attempt = 0; attempt < DS_ANSWER_VARIATION_ATTEMPTS; attempt++)
        {
          gboolean repeated = FALSE;

          if (attempt > 0)
            {
              o.seed = next_seed++;
              if (attempt >= 3)
                o.min_changes++;
            }
          ds_bars_free (answer);
          answer = ds_answer_play_phrase (r, bars, &o, phrase, error);
          if (answer == NULL)
            return NULL;
          for (guint j = 0; j < answers->len && !repeated; j++)
            repeated = same_answer (answer, answers->pdata[j], options->play);
          if (!repeated)
            break;
        }
      g_ptr_array_add (answers, answer);
    }
  ds_answer_options_apply (r, options);
  return g_steal_pointer (&answers);
}
