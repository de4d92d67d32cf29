/* memory.h: how much memory this process may take.
 *
 * The machine's physical memory, or the limit of its control group (cgroup v1
 * or v2, the lowest of the group's and those above it) when that is lower: a
 * container's limit, past which the kernel kills the process without a word,
 * where an allocation beyond the machine's memory at least fails.  For
 * refusing, with a number, work that cannot fit before starting it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes this process may take, 0 when unknown. */
double ds_memory_limit (void);

G_END_DECLS
