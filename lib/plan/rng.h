/*
 * rng.h - the Monte Carlo's random numbers (internal; lib/rng.c).
 *
 * Generator: xoshiro256++ (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 2021): 256 bits of state,
 * period 2^256 - 1, passes BigCrush and PractRand; one output is a handful
 * of shifts, xors and adds, so it inlines into the hot loop and its state
 * lives in registers (the caller keeps a careerp_xoshiro in a local whose
 * address never escapes).
 *
 * Normal sampler: the ziggurat of Marsaglia and Tsang (J. Stat. Softw. 5(8),
 * 2000) with 256 layers, in the form of Doornik's ZIGNOR (2005): one 64-bit
 * output gives the layer (8 bits), the sign (1 bit) and a 53-bit uniform;
 * about 99 % of draws return after one compare and one multiply; the rest
 * (wedges, and Marsaglia's exponential method beyond r = 3.654) are in
 * careerp_normal_slow. The method is exact: the output has the normal
 * distribution up to the 2^-53 resolution of the uniform (GSL's
 * gsl_ran_gaussian_ziggurat has 2^-24 per layer, a 32-bit output per draw).
 */
#ifndef CAREER_RNG_H
#define CAREER_RNG_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct careerp_xoshiro {
    uint64_t s[4];
} careerp_xoshiro;

/* splitmix64's output function (Steele, Lea, Flood 2014): the state
 * advanced by the golden gamma, then a bijective mix whose output bits all
 * depend on every input bit. careerp_mix64(z) is the output of a splitmix64
 * generator in state z; the Monte Carlo also uses it to give neighbouring
 * blocks and seeds unrelated generator keys. */
static inline uint64_t careerp_mix64(uint64_t z)
{
    z += UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* The state from a 64-bit key, through splitmix64 (the seeding Vigna
 * recommends: four outputs of a bijection, never all zero). */
void careerp_xoshiro_seed(careerp_xoshiro *g, uint64_t key);

static CAREERP_ALWAYS_INLINE uint64_t careerp_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static CAREERP_ALWAYS_INLINE uint64_t careerp_xoshiro_next(careerp_xoshiro *g)
{
    uint64_t *s = g->s;
    const uint64_t result = careerp_rotl(s[0] + s[3], 23) + s[0];
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = careerp_rotl(s[3], 45);
    return result;
}

/* out[i] = e^{x[i]} for i < n (x and out do not overlap), within 1 ulp
 * (libm's exp for |x| > 700, NaN and inf): a polynomial the compiler
 * vectorises, so a chunk of draws costs a fraction of n calls to exp.
 * exp(0) is exactly 1. */
void careerp_exp_n(const double *x, double *out, size_t n);

#define CAREERP_ZIG_LAYERS 256

/* Layer i (0 <= i < 256) is the box [0, x[i]] x [f(x[i]), f(x[i+1])] of
 * equal area v, f(x) = exp(-x^2/2), x[1] = r > x[2] > ... > x[256] = 0;
 * layer 0 is the base strip with the tail folded in: x[0] = v / f(r). */
typedef struct careerp_ziggurat {
    double x[CAREERP_ZIG_LAYERS + 1];
    double f[CAREERP_ZIG_LAYERS + 1];     /* f(x[i]) */
    double ratio[CAREERP_ZIG_LAYERS];     /* x[i+1] / x[i]: the sure part */
} careerp_ziggurat;

/* Fills the tables (pure function of nothing: the same on every call). */
void careerp_ziggurat_init(careerp_ziggurat *z);

/* The rare path of careerp_normal: `bits` is the output that missed the
 * sure part; draws more from g as needed. */
double careerp_normal_slow(const careerp_ziggurat *z, careerp_xoshiro *g,
                           uint64_t bits);

/* One N(0,1) draw. */
static CAREERP_ALWAYS_INLINE double careerp_normal(const careerp_ziggurat *z,
                                                   careerp_xoshiro *g)
{
    const uint64_t bits = careerp_xoshiro_next(g);
    const unsigned i = (unsigned)(bits & 0xFF);
    const double u = (double)(bits >> 11) * 0x1.0p-53;

    if (u < z->ratio[i]) {
        const double d = u * z->x[i];
        uint64_t b;
        double x;

        /* the sign from bit 8 without a branch: it is a coin toss */
        memcpy(&b, &d, sizeof b);
        b ^= (bits & 0x100) << 55;
        memcpy(&x, &b, sizeof x);
        return x;
    }
    {
        /* Only this copy's address escapes: the caller's state stays in
         * registers on the common path. */
        careerp_xoshiro t = *g;
        const double x = careerp_normal_slow(z, &t, bits);
        *g = t;
        return x;
    }
}

#endif /* CAREER_RNG_H */
