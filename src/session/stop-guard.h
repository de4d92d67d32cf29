/* stop-guard.h: a training run that a signal stops says where it stands.
 *
 * `train` may run for hours.  Ctrl-C, a kill, or mpirun ending the job because
 * one of its processes died (Open MPI sends SIGTERM to the others) must not cut
 * a model file in half, and the user must learn which checkpoint is the last.
 * The guard takes SIGINT, SIGTERM and SIGHUP (those not ignored: a shell's
 * background job keeps ignoring SIGINT) through GLib's Unix signal sources, in a
 * thread of its own, whichever thread the signal arrives in (OpenBLAS and MPI
 * start threads of their own): it waits until no file is being written
 * (ds_stop_guard_hold), prints its line on stderr as one line
 * `drumswarm: LINE (SIGTERM)` (nothing when the line is NULL) and ends the
 * process with status 1.  Freeing the guard gives the signals back.
 *
 *   guard = ds_stop_guard_new ();  ds_stop_guard_set_line (guard, "train: ...")
 *   ds_stop_guard_hold (guard);  write the file;  ds_stop_guard_release (guard, line)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DsStopGuard DsStopGuard;

/* A guard, or NULL when its thread cannot start (the signals then act as usual). */
DsStopGuard *ds_stop_guard_new (void);
void ds_stop_guard_free (DsStopGuard *guard);

/* What the guard prints when a signal stops the process (copied; NULL: nothing). */
void ds_stop_guard_set_line (DsStopGuard *guard, const char *line);

/* A stop waits from hold until release (around the writing of a file);
 * release sets the line first (unless LINE is NULL), before a stop that
 * waited can print it: the line of a checkpoint just written. */
void ds_stop_guard_hold (DsStopGuard *guard);
void ds_stop_guard_release (DsStopGuard *guard, const char *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsStopGuard, ds_stop_guard_free)

G_END_DECLS
