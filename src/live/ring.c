/* ring.c: the single-writer, single-reader lock-free ring (see ring.h).
 * The writer owns `head`, the reader `tail`; each publishes its index with a
 * release store after copying, and reads the other's with an acquire load,
 * so an item is whole before the other side sees it. */
#include "autoconfig.h"

#include "src/live/ring.h"

#include <stdatomic.h>
#include <string.h>

struct _DsLiveRing {
  gsize item_size;
  guint mask;
  atomic_uint head;    /* next slot to write */
  atomic_uint tail;    /* next slot to read */
  atomic_uint dropped;
  guint8 *items;
};

DsLiveRing *
ds_live_ring_new (gsize item_size, guint capacity)
{
  DsLiveRing *ring = g_new0 (DsLiveRing, 1);
  guint n = 1;

  g_return_val_if_fail (item_size > 0 && capacity > 0 && capacity <= (1u << 24), NULL);
  while (n < capacity)
    n <<= 1;
  ring->item_size = item_size;
  ring->mask = n - 1;
  ring->items = g_malloc0 (item_size * n);
  atomic_init (&ring->head, 0);
  atomic_init (&ring->tail, 0);
  atomic_init (&ring->dropped, 0);
  return ring;
}

void
ds_live_ring_free (DsLiveRing *ring)
{
  if (ring == NULL)
    return;
  g_free (ring->items);
  g_free (ring);
}

gboolean
ds_live_ring_push (DsLiveRing *ring, const void *item)
{
  guint head = atomic_load_explicit (&ring->head, memory_order_relaxed);
  guint tail = atomic_load_explicit (&ring->tail, memory_order_acquire);

  if (head - tail > ring->mask)
    {
      atomic_fetch_add_explicit (&ring->dropped, 1, memory_order_relaxed);
      return FALSE;
    }
  memcpy (ring->items + (gsize) (head & ring->mask) * ring->item_size, item, ring->item_size);
  atomic_store_explicit (&ring->head, head + 1, memory_order_release);
  return TRUE;
}

gboolean
ds_live_ring_pop (DsLiveRing *ring, void *item)
{
  guint tail = atomic_load_explicit (&ring->tail, memory_order_relaxed);
  guint head = atomic_load_explicit (&ring->head, memory_order_acquire);

  if (head == tail)
    return FALSE;
  memcpy (item, ring->items + (gsize) (tail & ring->mask) * ring->item_size, ring->item_size);
  atomic_store_explicit (&ring->tail, tail + 1, memory_order_release);
  return TRUE;
}

guint
ds_live_ring_dropped (const DsLiveRing *ring)
{
  return atomic_load_explicit (&((DsLiveRing *) ring)->dropped, memory_order_relaxed);
}
