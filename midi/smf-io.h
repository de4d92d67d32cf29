/* smf-io.h: libsmf behind a fence: every MIDI file read and written goes here.
 *
 * Reading validates the bytes with ds_smf_check() and hands libsmf only the
 * canonical copy (see smf-check.h).  libsmf reports problems through GLib
 * logging in the domain "libsmf" (g_critical, g_warning); a handler installed
 * once per process captures them, per thread, into the GError of the call
 * that caused them, so that they never reach the terminal.  Writing serialises an
 * smf_t built with libsmf's API byte for byte as libsmf's smf_save() would, in
 * linear time (smf_save() checks its work by reloading the file and frees the
 * copy in quadratic time), and hands the bytes to ds_file_write().
 */
#pragma once

#include <glib.h>
#include <smf.h>

#include "midi/smf-check.h"

G_BEGIN_DECLS

/* Frees SMF (NULL is fine) as smf_delete() does, in time linear in its
 * events, where smf_delete() takes quadratic time. */
void ds_smf_free (smf_t *smf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (smf_t, ds_smf_free)

/* Reads a whole file (at most DS_SMF_MAX_BYTES) into memory; ERROR names PATH. */
gboolean ds_smf_read_file (const char *path, guint8 **data, gsize *length, GError **error);

/* Validates DATA and loads it with libsmf; NAME stands for the file in
 * messages.  INFO (may be NULL) receives what the validator saw. */
smf_t *ds_smf_load (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
                    GError **error);

/* As ds_smf_load, and appends every event of the file to ALL (see
 * ds_smf_check_events; NULL: none). */
smf_t *ds_smf_load_events (const guint8 *data, gsize length, const char *name, DsSmfInfo *info,
                           DsSmfEvents *all, GError **error);

/* Writes SMF to PATH as ds_file_write() does ("-": standard output; a regular
 * file atomically; a device or a pipe in place). */
gboolean ds_smf_save (smf_t *smf, const char *path, GError **error);

/* Runs libsmf's own loader on DATA without our validator, with its log
 * messages captured into ERROR: only for tests of the capture itself. */
smf_t *ds_smf_load_unchecked (const guint8 *data, gsize length, const char *name,
                              GError **error);

G_END_DECLS
