/* stop-guard.c: signals taken by a thread of the guard's own (see stop-guard.h). */
#include "autoconfig.h"

#include "src/session/stop-guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

struct _DsStopGuard {
  pthread_t thread;
  GMutex lock;      /* held while a file is written; guards line and done */
  char *line;
  gboolean done;    /* the guard is being freed: its thread returns */
  sigset_t old_mask;
};

/* The signals that stop a run, and SIGUSR2, by which ds_stop_guard_free wakes
 * the guard's thread (sent to that thread alone). */
static void
guard_signals (sigset_t *set)
{
  sigemptyset (set);
  sigaddset (set, SIGINT);
  sigaddset (set, SIGTERM);
  sigaddset (set, SIGHUP);
  sigaddset (set, SIGUSR2);
}

static const char *
signal_name (int sig)
{
  switch (sig)
    {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "SIGHUP";
    }
}

static void *
watch (void *data)
{
  DsStopGuard *guard = data;
  sigset_t set;
  int sig;

  guard_signals (&set);
  for (;;)
    {
      if (sigwait (&set, &sig) != 0)
        continue;
      g_mutex_lock (&guard->lock);
      if (guard->done)
        {
          g_mutex_unlock (&guard->lock);
          return NULL;
        }
      if (sig == SIGUSR2)
        {
          g_mutex_unlock (&guard->lock);
          continue;
        }
      /* the lock stays held: no file is begun after this */
      if (guard->line != NULL)
        {
          fprintf (stderr, "drumswarm: %s (stopped by %s)\n", guard->line, signal_name (sig));
          fflush (stderr);
        }
      _exit (1);
    }
}

DsStopGuard *
ds_stop_guard_new (void)
{
  DsStopGuard *guard = g_new0 (DsStopGuard, 1);
  sigset_t set;

  g_mutex_init (&guard->lock);
  guard_signals (&set);
  pthread_sigmask (SIG_BLOCK, &set, &guard->old_mask);
  if (pthread_create (&guard->thread, NULL, watch, guard) != 0)
    {
      pthread_sigmask (SIG_SETMASK, &guard->old_mask, NULL);
      g_mutex_clear (&guard->lock);
      g_free (guard);
      return NULL;
    }
  return guard;
}

void
ds_stop_guard_free (DsStopGuard *guard)
{
  if (guard == NULL)
    return;
  g_mutex_lock (&guard->lock);
  guard->done = TRUE;
  g_mutex_unlock (&guard->lock);
  pthread_kill (guard->thread, SIGUSR2);
  pthread_join (guard->thread, NULL);
  pthread_sigmask (SIG_SETMASK, &guard->old_mask, NULL);
  g_mutex_clear (&guard->lock);
  g_free (guard->line);
  g_free (guard);
}

void
ds_stop_guard_set_line (DsStopGuard *guard, const char *line)
{
  g_mutex_lock (&guard->lock);
  g_free (guard->line);
  guard->line = g_strdup (line);
  g_mutex_unlock (&guard->lock);
}

void
ds_stop_guard_hold (DsStopGuard *guard)
{
  g_mutex_lock (&guard->lock);
}

void
ds_stop_guard_release (DsStopGuard *guard)
{
  g_mutex_unlock (&guard->lock);
}
