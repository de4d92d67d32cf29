/* gcd.h: the greatest common divisor of two counts (of steps, of ticks). */
#pragma once

#include <glib.h>

/* gcd(A, 0) is A; gcd(0, 0) is 0. */
static inline guint
ds_gcd (guint a, guint b)
{
  while (b != 0)
    {
      guint t = a % b;

      a = b;
      b = t;
    }
  return a;
}
