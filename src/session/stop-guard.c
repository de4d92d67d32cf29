/* stop-guard.c: signals taken by a thread of the guard's own (see stop-guard.h). */
#include "autoconfig.h"

#include "src/session/stop-guard.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static const struct {
  int number;
  const char *name;
} stop_signals[] = { { SIGINT, "SIGINT" }, { SIGTERM, "SIGTERM" }, { SIGHUP, "SIGHUP" } };
#define N_SIGNALS G_N_ELEMENTS (stop_signals)

typedef struct {
  DsStopGuard *guard;
  guint which;          /* in stop_signals */
} Watch;

struct _DsStopGuard {
  GMutex lock;          /* held while a file is written; guards line */
  char *line;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GSource *sources[N_SIGNALS];
  Watch watches[N_SIGNALS];
};

static gboolean
on_signal (gpointer data)
{
  Watch *watch = data;
  DsStopGuard *guard = watch->guard;

  /* the lock stays held: no file is begun after this */
  g_mutex_lock (&guard->lock);
  if (guard->line != NULL)
    {
      fprintf (stderr, "drumswarm: %s (%s)\n", guard->line, stop_signals[watch->which].name);
      fflush (stderr);
    }
  _exit (1);
  return G_SOURCE_REMOVE;
}

static gpointer
run (gpointer data)
{
  DsStopGuard *guard = data;

  g_main_context_push_thread_default (guard->context);
  g_main_loop_run (guard->loop);
  g_main_context_pop_thread_default (guard->context);
  return NULL;
}

static gboolean
ignored (int number)
{
  struct sigaction now;

  return sigaction (number, NULL, &now) == 0 && now.sa_handler == SIG_IGN;
}

DsStopGuard *
ds_stop_guard_new (void)
{
  DsStopGuard *guard = g_new0 (DsStopGuard, 1);

  g_mutex_init (&guard->lock);
  guard->context = g_main_context_new ();
  guard->loop = g_main_loop_new (guard->context, FALSE);
  for (guint i = 0; i < N_SIGNALS; i++)
    {
      if (ignored (stop_signals[i].number))
        continue;
      guard->watches[i] = (Watch) { guard, i };
      guard->sources[i] = g_unix_signal_source_new (stop_signals[i].number);
      g_source_set_callback (guard->sources[i], on_signal, &guard->watches[i], NULL);
      g_source_attach (guard->sources[i], guard->context);
    }
  guard->thread = g_thread_try_new ("stop-guard", run, guard, NULL);
  if (guard->thread == NULL)
    {
      ds_stop_guard_free (guard);
      return NULL;
    }
  return guard;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ds_stop_guard_free (DsStopGuard *guard)
{
  if (guard == NULL)
    return;
  if (guard->thread != NULL)
    {
      /* through the loop itself: a quit before the loop runs would be lost */
      GSource *idle = g_idle_source_new ();

      g_source_set_callback (idle, quit, guard->loop, NULL);
      g_source_attach (idle, guard->context);
      g_source_unref (idle);
      g_thread_join (guard->thread);
    }
  for (guint i = 0; i < N_SIGNALS; i++)
    if (guard->sources[i] != NULL)
      {
        g_source_destroy (guard->sources[i]);
        g_source_unref (guard->sources[i]);
      }
  g_main_loop_unref (guard->loop);
  g_main_context_unref (guard->context);
  g_mutex_clear (&guard->lock);
  g_free (guard->line);
  g_free (guard);
}

/* Replaces GUARD's line by a copy of LINE; the caller holds the lock. */
static void
replace_line (DsStopGuard *guard, const char *line)
{
  g_free (guard->line);
  guard->line = g_strdup (line);
}

void
ds_stop_guard_set_line (DsStopGuard *guard, const char *line)
{
  g_mutex_lock (&guard->lock);
  replace_line (guard, line);
  g_mutex_unlock (&guard->lock);
}

void
ds_stop_guard_hold (DsStopGuard *guard)
{
  g_mutex_lock (&guard->lock);
}

void
ds_stop_guard_release (DsStopGuard *guard, const char *line)
{
  if (line != NULL)
    replace_line (guard, line);
  g_mutex_unlock (&guard->lock);
}
