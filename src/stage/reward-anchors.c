/* reward-anchors.c: the mix term anchors(loop[, LEVEL]), the share of the
 * loop's anchors of this voice that the voice keeps (src/rhythm/anchors.h).
 *
 *   anchors(loop)          the loop's hits of this voice on the beats
 *   anchors(loop, bar)     ... on the downbeats only
 *   anchors(loop, pulse)   ... on the beats and the pulse below them (the
 *                          time-keeper's eighths)
 *
 * The mask of the level's steps is built once, here, from the reward's meter;
 * scoring is then two popcounts a word of the loop bar it is given
 * (ds_anchors_kept), whatever bar of the loop an episode plays against.  Like
 * similarity(loop), the term is left out (weight and all) without a loop.
 */
#include "autoconfig.h"

#include "src/stage/reward-private.h"

gboolean
ds_reward_anchors_compile (DsRewardTerm *term, const DsMeter *meter, guint voice,
                           char *const *args, guint n_args, GError **error)
{
  DsAnchorsLevel level = DS_ANCHORS_BEAT;

  if (n_args < 1 || n_args > 2 || g_strcmp0 (args[0], "loop") != 0)
    {
      g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_SYNTAX,
                   "expected anchors(loop[, bar|beat|pulse]), e.g. anchors(loop) or "
                   "anchors(loop, pulse)");
      return FALSE;
    }
  if (n_args == 2 && !ds_anchors_level_parse (args[1], &level))
    {
      g_set_error (error, DS_REWARD_ERROR, DS_REWARD_ERROR_VALUE,
                   "'%s' is not a level of anchors: bar, beat or pulse", args[1]);
      return FALSE;
    }
  term->anchors = TRUE;
  term->relation = FALSE;
  term->other = (int) voice;
  term->other_in_loop = TRUE;
  ds_anchors_mask (meter, level, term->anchor_mask);
  return TRUE;
}
