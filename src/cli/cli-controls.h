/* cli-controls.h: the musician's controls on the command line (session,
 * respond): --density, --syncopation, --lock, --like-loop, --style-weight,
 * --anchors-weight, spelled the same way in both (src/stage/controls.h says
 * what each compiles to). */
#pragma once

#include <glib.h>

#include "src/stage/controls.h"

G_BEGIN_DECLS

typedef struct {
  char **density, **syncopation, **lock;  /* as given, repeatable */
  double like_loop, style_weight, anchors_weight; /* as given */
  DsControls controls;                     /* after ds_cli_controls_resolve */
  GOptionEntry entries[7];
} DsCliControls;

void ds_cli_controls_init (DsCliControls *controls);
void ds_cli_controls_clear (DsCliControls *controls);

/* The option entries (the struct must not move until parsed). */
const GOptionEntry *ds_cli_controls_entries (DsCliControls *controls);

/* Parses the values into CONTROLS->controls: DS_EXIT_OK, or a usage error of
 * COMMAND printed and DS_EXIT_USAGE. */
int ds_cli_controls_resolve (DsCliControls *controls, const char *command);

G_END_DECLS
