/* cmd-mixes.c: `drumswarm mixes [VOICE]...`: the default reward mixes of the
 * kit's voices, and what each of their terms means.
 *
 * For every voice of the kit (src/rhythm/kit.h), in table order, or those
 * named: a line `VOICE<TAB>its role`, then `  beat<TAB>MIX` (the term on its
 * partner voice in parentheses: it joins when that voice is on the stage) and
 * `  fill<TAB>MIX` (the mix of a fill bar, session --fill-every); then the
 * same for a voice the kit does not have (`other`); then every measure,
 * relation and mix term those mixes use, `USAGE<TAB>what it means`, from the
 * tables that `score --list` prints.  What the controls of session and respond
 * (--like-loop, --density ...) do to them is in drumswarm(1).
 */
#include "autoconfig.h"

#include <stdio.h>
#include <string.h>

#include "src/cli/cli.h"
#include "src/cli/command.h"
#include "src/rhythm/kit.h"
#include "src/stage/reward.h"

/* Adds the names of MIX's terms (measures, relations, functions) to NAMES, in
 * order, once each. */
static void
collect_names (const char *mix, GPtrArray *names)
{
  for (const char *p = mix; *p != '\0';)
    {
      const char *start = p;

      if (!g_ascii_isalpha (*p))
        {
          p++;
          continue;
        }
      while (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        p++;
      {
        g_autofree char *name = g_strndup (start, (gsize) (p - start));
        g_autoptr (GString) usage = g_string_new (NULL);
        const char *summary;
        gboolean known = FALSE;

        for (guint i = 0; i < names->len && !known; i++)
          known = strcmp (names->pdata[i], name) == 0;
        if (!known && ds_reward_term_describe (name, usage, &summary))
          g_ptr_array_add (names, g_steal_pointer (&name));
      }
    }
}

static void
print_voice (const char *name, const char *role, const char *mix, const char *relation,
             const char *partner, const char *fill, GPtrArray *names)
{
  printf ("%s\t%s\n", name, role);
  if (partner != NULL)
    printf ("  beat\t%s (+ %s%s))\n", mix, relation, partner);
  else
    printf ("  beat\t%s\n", mix);
  printf ("  fill\t%s\n", fill);
  collect_names (mix, names);
  if (partner != NULL)
    collect_names (relation, names);
  collect_names (fill, names);
}

static int
mixes_run (int argc, char **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("[VOICE]... - the default reward mixes and what their terms mean");
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) usage = g_string_new (NULL);
  int status = DS_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
      "VOICE is one of the kit's voices, or 'other' (a voice the kit does not have).\n\n"
      "Examples:\n  drumswarm mixes\n  drumswarm mixes kick hat");
  if (!ds_cli_parse (context, "mixes", &argc, &argv, &status))
    return status;
  for (int i = 1; i < argc; i++)
    if (ds_kit_find (argv[i]) == NULL && strcmp (argv[i], "other") != 0)
      {
        g_autofree char *known = ds_kit_voice_names ();

        return ds_cli_usage ("mixes", "'%s' is not a voice of the kit (%s) nor 'other'",
                             argv[i], known);
      }
  printf ("# default mixes: beat bars, and fill bars (session --fill-every); a term in "
          "parentheses joins when its voice is on the stage\n");
  for (guint v = 0; v < ds_kit_n_voices (); v++)
    {
      const DsKitVoice *kit = ds_kit_voice (v);
      gboolean wanted = argc <= 1;

      for (int i = 1; i < argc && !wanted; i++)
        wanted = strcmp (argv[i], kit->name) == 0;
      if (wanted)
        print_voice (kit->name, kit->role, kit->mix, kit->relation, kit->partner, kit->fill_mix,
                     names);
    }
  for (int i = 1; i <= MAX (argc - 1, 1); i++)
    if (argc <= 1 || strcmp (argv[i], "other") == 0)
      {
        print_voice ("other", "a voice the kit does not have (a cowbell)", DS_KIT_GENERIC_MIX,
                     NULL, NULL, DS_KIT_GENERIC_FILL_MIX, names);
        break;
      }
  printf ("# the terms (drumswarm.conf(5), REWARD MIXES)\n");
  for (guint i = 0; i < names->len; i++)
    {
      const char *summary;

      if (ds_reward_term_describe (names->pdata[i], usage, &summary))
        printf ("%s\t%s\n", usage->str, summary);
    }
  return DS_EXIT_OK;
}

const DsCommand ds_cmd_mixes = {
  .name = "mixes",
  .usage = "[VOICE]...",
  .summary = "print the default reward mixes and what their terms mean",
  .run = mixes_run,
};
