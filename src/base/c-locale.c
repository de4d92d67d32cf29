/* c-locale.c: GLib's C locale, made before any other thread runs (see c-locale.h). */
#include "autoconfig.h"

#include "src/base/c-locale.h"

/* (a constructor, so that a shared library of ours makes it when loaded; in
 * the program main() calls it, which also links this file in) */
__attribute__ ((constructor)) void
ds_c_locale_init (void)
{
  /* the first parse makes the locale; what it parses does not matter */
  (void) g_ascii_strtod ("0", NULL);
}
