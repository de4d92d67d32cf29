/* reward-style.c: the reward term `style`: how likely the stage's bar is,
 * all its voices together, under a drumming style learned from human
 * players (src/stage/style.h), in [0, 1].
 *
 * Every voice whose mix has the term gets the same value, the style's
 * judgement of the voices of the stage that it knows, judged together.  For
 * one agent's voice this judges its part given the others: when only that
 * voice changes, the bar's log-likelihood changes by exactly the change in
 * log P(voice | the other voices) (the chain rule), so the term rewards the
 * agent for placing its onsets where a human drummer would, given what the
 * others play.  `style` alone is the bundled default, `style(gmd)`.
 *
 * `style(NAME, SPAN)` moves the value's 1 up, to SPAN times the typical human
 * bar's height above random bars (ds_style_scorer_set_span): at the default 1
 * every bar at least as likely as the median human bar scores 1 and the term
 * cannot tell them apart; the default mixes ask for 2, so that among the
 * variations of a loop that is already human the likelier ones still score
 * higher (a ghost note where drummers play one rather than anywhere).
 */
#include "autoconfig.h"

#include "src/stage/reward-private.h"
#include "src/stage/style.h"

#define DEFAULT_STYLE "gmd"

gboolean
ds_reward_style_compile (DsRewardTerm *term, char *const *args, guint n_args,
                         const DsMeter *meter, const char *const *names, guint n_voices,
                         GError **error)
{
  g_autoptr (DsStyle) style = NULL;
  double span = 1.0;

  if (n_args == 2)
    {
      char *end = NULL;

      span = g_ascii_strtod (args[1], &end);
      if (end == args[1] || *end != '\0' || !(span >= 1.0 && span <= 100.0))
        {
          g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VALUE,
                       "style: SPAN must be a number from 1 to 100 (got '%s')", args[1]);
          return FALSE;
        }
    }
  style = ds_style_open (n_args >= 1 ? args[0] : DEFAULT_STYLE, error);
  if (style == NULL)
    return FALSE;
  term->relation = FALSE;
  term->style = ds_style_scorer_new (style, meter, names, n_voices, error);
  if (term->style == NULL)
    return FALSE;
  ds_style_scorer_set_span (term->style, span);
  return TRUE;
}

double
ds_reward_style_value (const DsRewardTerm *term, const DsPattern *patterns)
{
  return ds_style_scorer_value (term->style, patterns);
}
