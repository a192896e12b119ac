/* rng.c - the seeding of xoshiro256++ and the tables and rare paths of the
 * 256-layer ziggurat (see rng.h for the choice and the references). */

/* The exponential of a chunk vectorises only at -O3, and only when the
 * compiler may evaluate both arms of a select (no FP traps are used
 * anywhere). Not when optimisation is off (the coverage build's -O0), nor
 * under clang, which vectorises it at -O2 and ignores the pragma. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

#include "plan/rng.h"

#include <string.h>

void careerp_xoshiro_seed(careerp_xoshiro *g, uint64_t key)
{
    /* four outputs of splitmix64 from state key */
    for (int k = 0; k < 4; k++) {
        g->s[k] = careerp_mix64(key);
        key += UINT64_C(0x9E3779B97F4A7C15);
    }
}

/* The right edge r of the base strip for 256 layers (Marsaglia and Tsang
 * 2000, table of constants): the root of the closure of the recursion
 * below, to double precision. */
#define ZIG_R 3.6541528853610088

#define SQRT_HALF_PI 1.2533141373155002512 /* sqrt(pi / 2) */
#define SQRT_HALF 0.70710678118654752440    /* 1 / sqrt(2) */

static double density(double x)
{
    return exp(-0.5 * x * x);
}

void careerp_ziggurat_init(careerp_ziggurat *z)
{
    const int n = CAREERP_ZIG_LAYERS;
    const double r = ZIG_R;
    /* every layer's area: the base strip's box plus the tail beyond r */
    const double v = r * density(r) + SQRT_HALF_PI * erfc(r * SQRT_HALF);

    z->x[0] = v / density(r);
    z->x[1] = r;
    for (int i = 1; i < n - 1; i++)
        z->x[i + 1] = sqrt(-2.0 * log(v / z->x[i] + density(z->x[i])));
    z->x[n] = 0.0;
    for (int i = 0; i <= n; i++)
        z->f[i] = density(z->x[i]);
    for (int i = 0; i < n; i++)
        z->ratio[i] = z->x[i + 1] / z->x[i];
}

static double uniform(careerp_xoshiro *g)
{
    return (double)(careerp_xoshiro_next(g) >> 11) * 0x1.0p-53;
}

/* In (0, 1]: a safe argument for log. */
static double uniform_pos(careerp_xoshiro *g)
{
    return (double)((careerp_xoshiro_next(g) >> 11) + 1) * 0x1.0p-53;
}

/* Marsaglia's (1964) exact method for the normal tail beyond r. */
static double tail(double r, careerp_xoshiro *g)
{
    double a, b;

    do {
        a = -log(uniform_pos(g)) / r;
        b = -log(uniform_pos(g));
    } while (b + b < a * a);
    return r + a;
}

double careerp_normal_slow(const careerp_ziggurat *z, careerp_xoshiro *g,
                           uint64_t bits)
{
    for (;;) {
        const unsigned i = (unsigned)(bits & 0xFF);
        const double u = (double)(bits >> 11) * 0x1.0p-53;
        const int negative = (bits & 0x100) != 0;
        double x = u * z->x[i];

        if (u < z->ratio[i])
            return negative ? -x : x;
        if (i == 0) {
            x = tail(z->x[1], g);
            return negative ? -x : x;
        }
        /* the wedge of layer i: a uniform height in its box, against f */
        if (z->f[i] + uniform(g) * (z->f[i + 1] - z->f[i]) < density(x))
            return negative ? -x : x;
        bits = careerp_xoshiro_next(g);
    }
}

/* ---- the exponential of a chunk --------------------------------------- */

#define EXP_LIMIT 700.0
#define LOG2E 1.4426950408889634074
/* ln 2 in two parts: the high one has 32 trailing zero bits, so k LN2_HI is
 * exact for |k| < 2^20 (Cody and Waite 1980). */
#define LN2_HI 0x1.62e42fefa0000p-1
#define LN2_LO 0x1.cf79abc9e3b3ap-40
/* Adding 1.5 * 2^52 rounds to an integer held in the low mantissa bits. */
#define ROUND_SHIFT 0x1.8p52

static CAREERP_ALWAYS_INLINE uint64_t bits_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static CAREERP_ALWAYS_INLINE double double_of(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* e^x = 2^k e^r, k = round(x / ln 2), |r| <= ln 2 / 2 (plus a hair): e^r
 * by its Taylor series to r^13 (the remainder is < 4e-18 relative), in
 * Horner's form; 2^k by its bits. */
CAREERP_CLONES
static void exp_kernel(const double *restrict x, double *restrict out,
                       size_t n)
{
    static const double c[14] = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0,
        1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0,
        1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0};
    long bad = 0;

    for (size_t i = 0; i < n; i++) {
        const double v = x[i];
        const int in = v >= -EXP_LIMIT && v <= EXP_LIMIT;
        const double w = in ? v : 0.0;
        double kd = w * LOG2E + ROUND_SHIFT, r, p;
        int64_t k = (int64_t)(bits_of(kd) - bits_of(ROUND_SHIFT));

        kd -= ROUND_SHIFT;
        r = (w - kd * LN2_HI) - kd * LN2_LO;
        p = c[0];
        for (int j = 1; j < 14; j++)
            p = p * r + c[j];
        out[i] = p * double_of((uint64_t)(k + 1023) << 52);
        bad += !in;
    }
    if (bad)
        for (size_t i = 0; i < n; i++)
            if (!(x[i] >= -EXP_LIMIT && x[i] <= EXP_LIMIT))
                out[i] = exp(x[i]);
}

/* The clones stay static: a cloned extern function would export its
 * resolver despite -fvisibility=hidden. */
void careerp_exp_n(const double *x, double *out, size_t n)
{
    exp_kernel(x, out, n);
}
