/* cli-controls.c: the musician's controls on the command line (see cli-controls.h). */
#include "autoconfig.h"

#include "src/cli/cli-controls.h"

#include <string.h>

#include "src/cli/cli.h"

/* A value no one types: the option was not given. */
#define NOT_GIVEN (-1e300)

void
ds_cli_controls_init (DsCliControls *c)
{
  memset (c, 0, sizeof *c);
  c->like_loop = c->style_weight = c->anchors_weight = NOT_GIVEN;
  ds_controls_init (&c->controls);
}

void
ds_cli_controls_clear (DsCliControls *c)
{
  g_strfreev (c->density);
  g_strfreev (c->syncopation);
  g_strfreev (c->lock);
  c->density = c->syncopation = c->lock = NULL;
}

const GOptionEntry *
ds_cli_controls_entries (DsCliControls *c)
{
  const GOptionEntry entries[] = {
    { "density", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c->density,
      "How busy VOICE plays, 0 to 1 of its steps (repeatable; session only)", "VOICE=D" },
    { "syncopation", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c->syncopation,
      "How syncopated VOICE plays, 0 to 1 (lhl; repeatable; session only)", "VOICE=S" },
    { "lock", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c->lock,
      "VOICE keeps the loop's part exactly (repeatable)", "VOICE" },
    { "like-loop", 0, 0, G_OPTION_ARG_DOUBLE, &c->like_loop,
      "How close the answer stays to the loop, 0 to 1 (default 0.6; 1: a copy)", "L" },
    { "style-weight", 0, 0, G_OPTION_ARG_DOUBLE, &c->style_weight,
      "How much the style of real drummers counts, 0 to 10 (default 1)", "W" },
    { "anchors-weight", 0, 0, G_OPTION_ARG_DOUBLE, &c->anchors_weight,
      "How much keeping the loop's anchors counts, 0 to 10 (default 1)", "W" },
    G_OPTION_ENTRY_NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (entries) == G_N_ELEMENTS (c->entries));
  memcpy (c->entries, entries, sizeof entries);
  return c->entries;
}

int
ds_cli_controls_resolve (DsCliControls *c, const char *command)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; ok && c->density != NULL && c->density[i] != NULL; i++)
    ok = ds_controls_parse_density (&c->controls, c->density[i], &error);
  for (guint i = 0; ok && c->syncopation != NULL && c->syncopation[i] != NULL; i++)
    ok = ds_controls_parse_syncopation (&c->controls, c->syncopation[i], &error);
  for (guint i = 0; ok && c->lock != NULL && c->lock[i] != NULL; i++)
    ok = ds_controls_parse_lock (&c->controls, c->lock[i], &error);
  if (ok && c->like_loop != NOT_GIVEN)
    ok = ds_controls_check_value ("--like-loop", c->like_loop, 1.0, &error);
  if (ok && c->style_weight != NOT_GIVEN)
    ok = ds_controls_check_value ("--style-weight", c->style_weight, 10.0, &error);
  if (ok && c->anchors_weight != NOT_GIVEN)
    ok = ds_controls_check_value ("--anchors-weight", c->anchors_weight, 10.0, &error);
  if (!ok)
    return ds_cli_usage (command, "%s", error->message);
  c->controls.like_loop = c->like_loop != NOT_GIVEN ? c->like_loop : -1.0;
  c->controls.style_weight = c->style_weight != NOT_GIVEN ? c->style_weight : -1.0;
  c->controls.anchors_weight = c->anchors_weight != NOT_GIVEN ? c->anchors_weight : -1.0;
  return DS_EXIT_OK;
}
