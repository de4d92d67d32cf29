/* c-locale.h: GLib's C locale, made before any other thread runs.
 *
 * GLib's g_ascii_strtod, g_ascii_strtoull and the g_ascii_string_to_*
 * functions that parse every number of our configs, options and files make
 * their C locale on first use, under a lock that all of GLib's one-time
 * initialisations share.  When another thread holds that lock at that moment
 * (drumswarm's own signal thread starting, a host's threads), waiting for it
 * leaves EAGAIN in errno, which GLib 2.74's g_ascii_string_to_unsigned then
 * takes for a failed parse: "64" in [agent] hidden was refused, about once in a
 * hundred runs on a busy machine.  Made once up front, the locale is only read
 * afterwards, with no lock and no system call.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes GLib's C locale now; main() calls it first, and a shared library of
 * ours (libdrumswarm, the plugin) runs it when it is loaded.  Idempotent. */
void ds_c_locale_init (void);

G_END_DECLS
