/* alloc-count.c: the allocation counter of the real-time tests (alloc-count.h). */
#include "autoconfig.h"

#include "tests/alloc-count.h"

#include <errno.h>
#include <stdlib.h>

__thread gboolean ds_alloc_counting;
__thread guint64 ds_alloc_count;

#if DS_ALLOC_COUNT_WORKS
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *p, size_t size);
extern void __libc_free (void *p);
extern void *__libc_memalign (size_t alignment, size_t size);
void *malloc (size_t size);
void *calloc (size_t n, size_t size);
void *realloc (void *p, size_t size);
void free (void *p);
int posix_memalign (void **out, size_t alignment, size_t size);
void *aligned_alloc (size_t alignment, size_t size);
void *memalign (size_t alignment, size_t size);

void *
malloc (size_t size)
{
  ds_alloc_count += ds_alloc_counting;
  return __libc_malloc (size);
}

void *
calloc (size_t n, size_t size)
{
  ds_alloc_count += ds_alloc_counting;
  return __libc_calloc (n, size);
}

void *
realloc (void *p, size_t size)
{
  ds_alloc_count += ds_alloc_counting;
  return __libc_realloc (p, size);
}

void
free (void *p)
{
  ds_alloc_count += ds_alloc_counting && p != NULL;
  __libc_free (p);
}

int
posix_memalign (void **out, size_t alignment, size_t size)
{
  void *p;

  ds_alloc_count += ds_alloc_counting;
  p = __libc_memalign (alignment, size);
  if (p == NULL)
    return ENOMEM;
  *out = p;
  return 0;
}

void *
aligned_alloc (size_t alignment, size_t size)
{
  ds_alloc_count += ds_alloc_counting;
  return __libc_memalign (alignment, size);
}

void *
memalign (size_t alignment, size_t size)
{
  ds_alloc_count += ds_alloc_counting;
  return __libc_memalign (alignment, size);
}
#endif
