/* rng.c: xoshiro256** seeded through SplitMix64 (see rng.h). */
#include "autoconfig.h"

#include "src/base/rng.h"

#include <math.h>

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += UINT64_C (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
ds_rng_init (DsRng *rng, uint64_t seed)
{
  uint64_t x = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

void
ds_rng_init_stream (DsRng *rng, uint64_t seed, uint64_t a, uint64_t b)
{
  uint64_t x = seed;
  uint64_t mixed = splitmix64 (&x);

  x = mixed ^ (a * UINT64_C (0xd1b54a32d192ed03));
  mixed = splitmix64 (&x);
  x = mixed ^ (b * UINT64_C (0x8cb92ba72f3d8dd7));
  ds_rng_init (rng, splitmix64 (&x));
}

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t
ds_rng_next (DsRng *rng)
{
  uint64_t *s = rng->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
ds_rng_double (DsRng *rng)
{
  return (double) (ds_rng_next (rng) >> 11) * 0x1.0p-53;
}

float
ds_rng_float (DsRng *rng)
{
  return (float) (ds_rng_next (rng) >> 40) * 0x1.0p-24f;
}

uint32_t
ds_rng_below (DsRng *rng, uint32_t n)
{
  uint64_t m = (ds_rng_next (rng) >> 32) * n;
  uint32_t low = (uint32_t) m;

  if (low < n)
    {
      uint32_t threshold = -n % n;

      while (low < threshold)
        {
          m = (ds_rng_next (rng) >> 32) * n;
          low = (uint32_t) m;
        }
    }
  return (uint32_t) (m >> 32);
}

double
ds_rng_normal (DsRng *rng)
{
  double u1 = 1.0 - ds_rng_double (rng); /* (0, 1] */
  double u2 = ds_rng_double (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}
