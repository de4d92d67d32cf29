/* ring.h: a lock-free ring of fixed-size items between exactly one writer
 * thread and one reader thread.
 *
 * drumswarm live hands data out of the JACK process callback (the bars it
 * heard, to the learning thread; what it played, to the log) without a lock
 * and without allocating: the ring is allocated once, and a push or a pop is
 * a copy and two atomic loads and stores (C11 acquire/release).  A push into
 * a full ring fails and is counted, never waits.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DsLiveRing DsLiveRing;

/* A ring of CAPACITY items (rounded up to a power of two) of ITEM_SIZE bytes. */
DsLiveRing *ds_live_ring_new (gsize item_size, guint capacity);
void ds_live_ring_free (DsLiveRing *ring);

/* The writer: copies ITEM in; FALSE (and counted) when the ring is full. */
gboolean ds_live_ring_push (DsLiveRing *ring, const void *item);

/* The reader: copies the oldest item out; FALSE when the ring is empty. */
gboolean ds_live_ring_pop (DsLiveRing *ring, void *item);

/* The items pushed into a full ring and lost. */
guint ds_live_ring_dropped (const DsLiveRing *ring);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsLiveRing, ds_live_ring_free)

G_END_DECLS
