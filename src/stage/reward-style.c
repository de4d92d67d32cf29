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
 */
#include "autoconfig.h"

#include "src/stage/reward-private.h"
#include "src/stage/style.h"

#define DEFAULT_STYLE "gmd"

gboolean
ds_reward_style_compile (DsRewardTerm *term, const char *argument, const DsMeter *meter,
                         const char *const *names, guint n_voices, GError **error)
{
  g_autoptr (DsStyle) style = ds_style_open (argument != NULL ? argument : DEFAULT_STYLE, error);

  if (style == NULL)
    return FALSE;
  term->relation = FALSE;
  term->style = ds_style_scorer_new (style, meter, names, n_voices, error);
  return term->style != NULL;
}

double
ds_reward_style_value (const DsRewardTerm *term, const DsPattern *patterns)
{
  return ds_style_scorer_value (term->style, patterns);
}
