/* rng.c - the seeding of xoshiro256++ and the tables and rare paths of the
 * 256-layer ziggurat (see rng.h for the choice and the references). */
#include "rng.h"

/* splitmix64 (Steele, Lea, Flood 2014): the state advances by the golden
 * gamma and each output is a bijective mix of it. */
static uint64_t splitmix64(uint64_t *z)
{
    uint64_t r = (*z += UINT64_C(0x9E3779B97F4A7C15));
    r = (r ^ (r >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    r = (r ^ (r >> 27)) * UINT64_C(0x94D049BB133111EB);
    return r ^ (r >> 31);
}

void careerp_xoshiro_seed(careerp_xoshiro *g, uint64_t key)
{
    for (int k = 0; k < 4; k++)
        g->s[k] = splitmix64(&key);
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
