/* test_rng.c - the Monte Carlo's generator, normal sampler and batch
 * exponential (lib/rng.c). The heavy comparison with GSL's sampler over
 * 10^8 draws is tests/slow_rng.c (make check-slow). */
#include "util.h"

#include <stdlib.h>
#include <string.h>

#include "plan/rng.h"

/* xoshiro256++ from the state {1, 2, 3, 4}: the reference implementation's
 * first outputs (Vigna's xoshiro256plusplus.c; the same vector is in Rust's
 * rand_xoshiro tests). The first is rotl(1 + 4, 23) + 1 by hand. */
static void xoshiro_reference_outputs(void **state)
{
    static const uint64_t want[6] = {
        UINT64_C(41943041), UINT64_C(58720359), UINT64_C(3588806011781223),
        UINT64_C(3591011842654386), UINT64_C(9228616714210784205),
        UINT64_C(9973669472204895162)};
    careerp_xoshiro g = {{1, 2, 3, 4}};
    (void)state;

    for (int i = 0; i < 6; i++)
        assert_true(careerp_xoshiro_next(&g) == want[i]);
}

static void seeds_differ(void **state)
{
    careerp_xoshiro a, b;
    (void)state;

    careerp_xoshiro_seed(&a, 0);
    careerp_xoshiro_seed(&b, 1);
    assert_true(a.s[0] | a.s[1] | a.s[2] | a.s[3]);
    assert_true(memcmp(&a, &b, sizeof a) != 0);
}

/* Every layer has the same area v = r f(r) + the tail beyond r (Marsaglia
 * and Tsang 2000); the top one closes the recursion at x = 0. */
static void ziggurat_layers_have_equal_areas(void **state)
{
    static careerp_ziggurat z;
    const double r = 3.6541528853610088;
    /* v = r e^{-r^2/2} + sqrt(pi/2) erfc(r / sqrt 2) */
    const double v = r * exp(-0.5 * r * r) +
                     1.2533141373155002512 * erfc(r / sqrt(2.0));
    (void)state;

    careerp_ziggurat_init(&z);
    assert_close(z.x[1], r, 0);
    assert_close(z.x[0] * exp(-0.5 * r * r), v, 1e-15);
    for (int i = 1; i < CAREERP_ZIG_LAYERS; i++) {
        double area = z.x[i] * (z.f[i + 1] - z.f[i]);
        assert_true(z.x[i + 1] < z.x[i]);
        assert_close(area, v, 1e-12);
    }
    assert_close(z.x[CAREERP_ZIG_LAYERS], 0.0, 0);
    assert_close(z.ratio[CAREERP_ZIG_LAYERS - 1], 0.0, 0);
}

/* 10^6 draws: mean, variance and the share beyond 2 sigma within 5 standard
 * errors (1/sqrt(N), sqrt(2/N), sqrt(p(1-p)/N) with p = 0.0455003). */
static void normal_moments(void **state)
{
    static careerp_ziggurat z;
    const double n = 1e6, p2 = 0.045500263896358;
    careerp_xoshiro g;
    double sum = 0.0, sq = 0.0, beyond = 0.0;
    (void)state;

    careerp_ziggurat_init(&z);
    careerp_xoshiro_seed(&g, 2385);
    for (long i = 0; i < (long)n; i++) {
        double x = careerp_normal(&z, &g);
        sum += x;
        sq += x * x;
        beyond += fabs(x) > 2.0;
    }
    assert_true(fabs(sum / n) < 5.0 / sqrt(n));
    assert_true(fabs(sq / n - 1.0) < 5.0 * sqrt(2.0 / n));
    assert_true(fabs(beyond / n - p2) < 5.0 * sqrt(p2 * (1 - p2) / n));
}

/* Within 1 ulp of libm's exp (itself within 1 ulp of e^x): 2 ulp apart at
 * most, over the range the shocks live in and beyond; exact at 0; libm's
 * values outside [-700, 700]. */
static void exp_n_matches_libm(void **state)
{
    enum { N = 200000 };
    static double x[N], e[N];
    static const double edge[] = {0.0, -0.0, 1e-300, -1e-17, 0.34657359027997264,
                                  -0.34657359027997264, 700.0, -700.0, 700.5,
                                  709.7, 710.0, -745.2, -800.0, INFINITY,
                                  -INFINITY};
    uint64_t s = 12345;
    (void)state;

    for (size_t i = 0; i < N; i++) {
        s = s * 6364136223846793005u + 1442695040888963407u;
        x[i] = ((double)(s >> 11) * 0x1.0p-53 - 0.5) * (i % 2 ? 60.0 : 1400.0);
    }
    memcpy(x, edge, sizeof edge);
    careerp_exp_n(x, e, N);
    assert_true(e[0] == 1.0 && e[1] == 1.0);
    for (size_t i = 0; i < N; i++) {
        double want = exp(x[i]);
        if (isinf(want) || want == 0.0)
            assert_true(e[i] == want);
        else
            assert_close(e[i], want, 4.5e-16);
    }
    x[0] = NAN;
    careerp_exp_n(x, e, 1);
    assert_true(isnan(e[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xoshiro_reference_outputs),
        cmocka_unit_test(seeds_differ),
        cmocka_unit_test(ziggurat_layers_have_equal_areas),
        cmocka_unit_test(normal_moments),
        cmocka_unit_test(exp_n_matches_libm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
