/* alloc-count.h: counting the allocations a thread makes, for the tests that
 * hold the real-time calls (ds_responder_answer, the LV2 plugin's run()) to
 * none.
 *
 * alloc-count.c interposes malloc, calloc, realloc, free and the aligned
 * allocators (forwarding to glibc's __libc_* functions) and, while
 * ds_alloc_counting is TRUE on a thread, adds each call on it to that thread's
 * ds_alloc_count (free of NULL is no call).  It does so only where the
 * interposing is sound: glibc, and no AddressSanitizer, which brings its own
 * allocator; elsewhere DS_ALLOC_COUNT_WORKS is 0 and nothing is counted.
 */
#pragma once

#include <glib.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define DS_ALLOC_COUNT_WORKS 1
#else
#define DS_ALLOC_COUNT_WORKS 0
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#undef DS_ALLOC_COUNT_WORKS
#define DS_ALLOC_COUNT_WORKS 0
#endif
#endif

extern __thread gboolean ds_alloc_counting;
extern __thread guint64 ds_alloc_count;
