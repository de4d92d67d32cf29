/* rng.h: explicit random streams (xoshiro256**, Blackman & Vigna 2018).
 *
 * drumswarm has no global random state: every consumer gets a DsRng.  A stream
 * is derived from a seed and up to two indices (e.g. stage and iteration) through
 * SplitMix64, so that parallel work draws the same numbers for a given seed
 * whatever the number of threads.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct {
  uint64_t s[4];
} DsRng;

/* Seeds RNG from SEED alone. */
void ds_rng_init (DsRng *rng, uint64_t seed);

/* Seeds RNG from SEED and two stream indices (e.g. stage, iteration). */
void ds_rng_init_stream (DsRng *rng, uint64_t seed, uint64_t a, uint64_t b);

/* The next 64 random bits. */
uint64_t ds_rng_next (DsRng *rng);

/* Uniform in [0, 1). */
double ds_rng_double (DsRng *rng);
float ds_rng_float (DsRng *rng);

/* Uniform integer in [0, N) without modulo bias (N > 0). */
uint32_t ds_rng_below (DsRng *rng, uint32_t n);

/* Standard normal (Box-Muller). */
double ds_rng_normal (DsRng *rng);

G_END_DECLS
