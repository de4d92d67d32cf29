/* threads.h: which OpenMP thread runs the caller (0 outside a parallel
 * region, and in a build without OpenMP), to pick its scratch memory. */
#pragma once

#ifdef _OPENMP
#include <omp.h>
#endif

static inline int
ds_thread_id (void)
{
#ifdef _OPENMP
  return omp_get_thread_num ();
#else
  return 0;
#endif
}
