/* test_property.c - properties over thousands of generated profiles.
 *
 * Inputs come from a fixed-seed splitmix64 stream, so every run sees the
 * same cases and a failure names the case that broke. */
#include "util.h"

#include <float.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>

#define CASES 3000

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next_u64(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi). */
static double uniform(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (double)(next_u64(r) >> 11) * 0x1.0p-53;
}

typedef struct generated {
    career_tier tiers[8];
    career_quantile quantiles[7];
    career_profile profile;
} generated;

/* A valid profile: 2-8 tiers with rising salaries, 2-7 rising quantiles. */
static void generate(rng *r, generated *g)
{
    size_t i, nt = 2 + (size_t)(next_u64(r) % 7), nq = 2 + (size_t)(next_u64(r) % 6);
    double min = 0.0, salary = uniform(r, 1e4, 2e5), p = 0.0, q = uniform(r, 1e4, 1e5);
    double sigma = uniform(r, 0.05, 0.8), skew = uniform(r, 0.6, 1.6);

    memset(g, 0, sizeof *g);
    for (i = 0; i < nt; i++) {
        g->tiers[i].name = "tier";
        g->tiers[i].min_years = min;
        g->tiers[i].anchor_years = min + uniform(r, 0.0, 1.0);
        g->tiers[i].salary = salary;
        min += uniform(r, 1.001, 6.0);
        salary *= uniform(r, 1.0001, 1.6);
    }
    /* quantiles of a skewed lognormal-like market, so that most metalog fits
     * are feasible and the rest exercise the refusal */
    for (i = 0; i < nq; i++) {
        double z;
        p += uniform(r, 0.02, 0.95 / (double)nq);
        z = gsl_cdf_ugaussian_Pinv(p);
        g->quantiles[i].p = p;
        g->quantiles[i].salary = q * exp(sigma * z * (z > 0 ? skew : 1.0));
        if (i > 0 && !(g->quantiles[i].salary > g->quantiles[i - 1].salary))
            g->quantiles[i].salary = g->quantiles[i - 1].salary * 1.01;
    }
    g->profile = *career_profile_default();
    g->profile.tiers = g->tiers;
    g->profile.ntiers = nt;
    g->profile.quantiles = g->quantiles;
    g->profile.nquantiles = nq;
    g->profile.demand_growth = uniform(r, -0.5, 1.0);
    g->profile.demand_years = uniform(r, 1.0, 20.0);
}

/* Steffen and linear never dip on rising data; every value is finite. */
static void check_curve(const career_model *m, size_t c)
{
    double prev = 0.0, x;

    for (x = 0.0; x <= 60.0; x += 0.173) {
        double s = NAN;
        assert_status(career_salary_at(m, x, &s), CAREER_OK);
        if (!(isfinite(s) && s > 0.0 && s >= prev * (1.0 - 1e-14)))
            fail_msg("case %zu: m(%g) = %g after %g", c, x, s, prev);
        prev = s;
    }
}

/* Q increases with p; F(Q(p)) = p and Q(F(s)) = s to 1e-9. */
static void check_distribution(const career_model *m, size_t c, rng *r)
{
    double prev = 0.0;
    int k;

    for (k = 1; k < 200; k++) {
        double p = k / 200.0, s = NAN, back = NAN;
        assert_status(career_market_quantile(m, p, &s), CAREER_OK);
        if (!(isfinite(s) && s > prev))
            fail_msg("case %zu: Q(%g) = %g after %g", c, p, s, prev);
        assert_status(career_market_percentile(m, s, &back), CAREER_OK);
        if (!(fabs(back - p) <= 1e-9))
            fail_msg("case %zu: F(Q(%g)) = %.17g", c, p, back);
        prev = s;
    }
    for (k = 0; k < 20; k++) {
        double p = NAN, s = NAN, want = uniform(r, 0.002, 0.998);
        assert_status(career_market_quantile(m, want, &s), CAREER_OK);
        assert_status(career_market_percentile(m, s, &p), CAREER_OK);
        assert_status(career_market_quantile(m, p, &s), CAREER_OK);
        {
            double again = NAN;
            assert_status(career_market_quantile(m, want, &again), CAREER_OK);
            if (!(fabs(s - again) <= 1e-9 * again))
                fail_msg("case %zu: Q(F(%.17g)) = %.17g", c, again, s);
        }
    }
}

/* The band at x years is ordered and every query answers finitely. */
static void check_band(const career_model *m, size_t c, rng *r)
{
    int k;
    for (k = 0; k < 10; k++) {
        double x = uniform(r, 0.0, 50.0), lo, mid, hi, pct, rate, cr, pen;
        assert_status(career_quantile_at(m, x, 0.1, &lo), CAREER_OK);
        assert_status(career_quantile_at(m, x, 0.5, &mid), CAREER_OK);
        assert_status(career_quantile_at(m, x, 0.9, &hi), CAREER_OK);
        if (!(lo < mid && mid < hi))
            fail_msg("case %zu: band at %g not ordered", c, x);
        assert_status(career_percentile_at(m, x, mid, &pct), CAREER_OK);
        assert_close(pct, 0.5, 1e-9);
        assert_status(career_salary_growth_rate(m, x, &rate), CAREER_OK);
        assert_status(career_compa_ratio(m, x, mid, &cr), CAREER_OK);
        assert_status(career_range_penetration(m, x, mid, &pen), CAREER_OK);
        if (!(isfinite(rate) && isfinite(cr) && isfinite(pen)))
            fail_msg("case %zu: non-finite answer at %g", c, x);
    }
}

/* Invalid input never passes. */
static void check_invalid(const career_model *m, size_t c)
{
    double v;
    size_t t;
    (void)c;
    assert_true(career_salary_at(m, -1e-9, &v) != CAREER_OK);
    assert_true(career_tier_at(m, NAN, &t) != CAREER_OK);
    assert_true(career_market_quantile(m, 1.0, &v) != CAREER_OK);
    assert_true(career_market_percentile(m, -3.0, &v) != CAREER_OK);
    assert_true(career_quantile_at(m, 2.0, NAN, &v) != CAREER_OK);
}

/* The salary in year H of the projection of opts. */
static double salary_at_horizon(const career_model *m,
                                const career_projection_options *o, size_t c)
{
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    career_status st = career_project(m, o, rows, CAREER_MAX_HORIZON + 1);
    if (st != CAREER_OK)
        fail_msg("case %zu: career_project: %s", c, career_strerror(st));
    if (!isfinite(rows[o->horizon].salary))
        fail_msg("case %zu: non-finite projected salary", c);
    return rows[o->horizon].salary;
}

/* More demand growth, or wages that follow it more closely, never pay
 * less: the year-H salary rises with G (at a given elasticity > 0) and
 * with the elasticity (at a given G > 0). */
static void check_projection_growth(const career_model *m, size_t c, rng *r)
{
    career_projection_options o = {.start_years = uniform(r, 0.0, 20.0),
                                   .horizon = 1 + (unsigned)(next_u64(r) % 40),
                                   .growth_years = uniform(r, 1.0, 20.0),
                                   .elasticity = uniform(r, 0.1, 2.0),
                                   .inflation = uniform(r, 0.0, 0.05),
                                   .discount = uniform(r, 0.0, 0.08)};
    double g1 = uniform(r, -0.5, 1.0), g2 = g1 + uniform(r, 0.01, 0.5);
    double low, high;

    o.growth = g1;
    low = salary_at_horizon(m, &o, c);
    o.growth = g2;
    high = salary_at_horizon(m, &o, c);
    if (!(high > low))
        fail_msg("case %zu: growth %g -> %g gives %g -> %g", c, g1, g2, low, high);
    o.growth = fabs(g2) + 0.01;
    low = salary_at_horizon(m, &o, c);
    o.elasticity += uniform(r, 0.01, 1.0);
    high = salary_at_horizon(m, &o, c);
    if (!(high > low))
        fail_msg("case %zu: more elasticity gives %g -> %g", c, low, high);
}

/* As the shocks shrink, the Monte Carlo median closes in on the
 * deterministic path: with a fixed pace, the year-t salary is the path's
 * times e^{sigma S}, S ~ N(0, t), whose median is exactly the path, so the
 * gap is the sample median's error, proportional to sigma. Each tenfold
 * smaller sigma must give a smaller gap, and at sigma = 1e-4 it is below
 * 1e-4 (20 standard errors of 1.25 sigma sqrt(t) / sqrt(N) at t <= 10). */
static void check_mc_median(const career_model *m, size_t c, rng *r)
{
    static const double sigmas[] = {1e-1, 1e-2, 1e-3, 1e-4};
    career_projection_options o = {.start_years = uniform(r, 0.0, 15.0),
                                   .horizon = 10};
    career_projection_row rows[11];
    career_band bands[11];
    double prev = INFINITY;
    size_t k, t;

    assert_status(career_project(m, &o, rows, 11), CAREER_OK);
    for (k = 0; k < sizeof sigmas / sizeof sigmas[0]; k++) {
        career_simulation_options so = {.paths = 2001, .seed = next_u64(r),
                                        .volatility = sigmas[k],
                                        .flags = CAREER_SIM_FIXED_PACE};
        double gap = 0.0;
        assert_status(career_simulate(m, &o, &so, bands, 11, NULL, 0),
                      CAREER_OK);
        for (t = 0; t <= 10; t++)
            gap = fmax(gap, fabs(bands[t].p50 / rows[t].salary - 1.0));
        if (!(gap < prev))
            fail_msg("case %zu: the median gap grew to %g at sigma %g", c, gap, sigmas[k]);
        prev = gap;
    }
    if (!(prev < 1e-4))
        fail_msg("case %zu: median gap %g at sigma 1e-4", c, prev);
}

static void generated_profiles(void **state)
{
    rng r = {20261128};
    size_t c, built = 0, refused = 0;
    (void)state;
    for (c = 0; c < CASES; c++) {
        static const career_interp monotone[] = {CAREER_INTERP_STEFFEN,
                                                 CAREER_INTERP_LINEAR};
        career_options o = {.interp = monotone[c % 2], .dispersion = uniform(&r, 0.3, 2.0)};
        career_model *m = NULL;
        career_error err;
        generated g;
        career_status st;

        generate(&r, &g);
        if (g.profile.ntiers < 3)
            o.interp = CAREER_INTERP_LINEAR;
        /* a third of the cases with the copula band, whose d is at most 1
         * (no draw of its own: the other cases see the same stream) */
        if (c % 3 == 2) {
            g.profile.band_shape = CAREER_BAND_COPULA;
            o.dispersion = fmin(o.dispersion, 1.0);
        }
        st = career_model_new(&g.profile, &o, &m, &err);
        if (st == CAREER_ERR_FIT && strstr(err.text, "metalog")) {
            /* a metalog that is not increasing is refused, never used */
            refused++;
            o.dist = CAREER_DIST_LOGNORMAL;
            st = career_model_new(&g.profile, &o, &m, &err);
        }
        if (st != CAREER_OK)
            fail_msg("case %zu: %s", c, err.text);
        built++;
        check_curve(m, c);
        check_distribution(m, c, &r);
        check_band(m, c, &r);
        check_invalid(m, c);
        check_projection_growth(m, c, &r);
        if (c % 30 == 0)
            check_mc_median(m, c, &r);
        career_model_free(m);
    }
    print_message("%zu generated profiles, %zu metalogs refused as not "
                  "increasing (lognormal used)\n", built, refused);
    assert_int_equal(built, CASES);
}

/* ---- curves through salaries that rise and fall ---------------------- */

/* 3-8 tiers whose salaries jump up and down by up to x1000 (log-uniform in
 * [1e3, 1e6]), anchors 0.01 to 6 years apart. */
static size_t generate_rough(rng *r, career_tier *tiers)
{
    size_t i, n = 3 + (size_t)(next_u64(r) % 6);
    double min = 0.0;

    for (i = 0; i < n; i++) {
        tiers[i].name = "tier";
        tiers[i].min_years = min;
        tiers[i].anchor_years = min + uniform(r, 0.0, 0.005);
        tiers[i].salary = exp(uniform(r, log(1e3), log(1e6)));
        min += uniform(r, 0.01, 6.0);
    }
    return n;
}

/* Every model built has m > 0 and finite at 4,000 points spread over
 * [first anchor, last anchor] and at each anchor, and a finite growth
 * rate there. */
static void check_positive(const career_model *m, const career_tier *t,
                           size_t n, size_t c)
{
    double lo = t[0].anchor_years, hi = t[n - 1].anchor_years, s, rate;
    size_t i;

    for (i = 0; i <= 4000 + n; i++) {
        double x = i <= 4000 ? lo + (hi - lo) * (double)i / 4000.0
                             : t[i - 4001].anchor_years;
        assert_status(career_salary_at(m, x, &s), CAREER_OK);
        if (!(s > 0.0 && s <= DBL_MAX))
            fail_msg("case %zu: m(%.17g) = %g", c, x, s);
        assert_status(career_salary_growth_rate(m, x, &rate), CAREER_OK);
        if (!isfinite(rate))
            fail_msg("case %zu: growth rate at %.17g is %g", c, x, rate);
    }
}

/* A refused cubic must really come near 0: GSL's own curve through the
 * same points, on a fine grid, goes below 1 % of the largest salary. */
static void check_refusal(career_interp interp, const career_tier *t,
                          size_t n, size_t c)
{
    const gsl_interp_type *type = interp == CAREER_INTERP_CSPLINE
                                      ? gsl_interp_cspline
                                      : gsl_interp_akima;
    double x[8], y[8], ymax = 0.0, low = INFINITY;
    gsl_interp *g = gsl_interp_alloc(type, n);
    size_t i;

    assert_non_null(g);
    for (i = 0; i < n; i++) {
        x[i] = t[i].anchor_years;
        y[i] = t[i].salary;
        ymax = fmax(ymax, y[i]);
    }
    assert_int_equal(gsl_interp_init(g, x, y, n), GSL_SUCCESS);
    for (i = 0; i <= 20000; i++) {
        double v, at = fmin(x[0] + (x[n - 1] - x[0]) * (double)i / 20000.0,
                            x[n - 1]);
        assert_int_equal(gsl_interp_eval_e(g, x, y, at, NULL, &v), GSL_SUCCESS);
        low = fmin(low, v);
    }
    gsl_interp_free(g);
    if (!(low < 0.01 * ymax))
        fail_msg("case %zu: refused, yet GSL's curve stays >= %g", c, low);
}

/* Every interpolation, clamp and extend, on salaries that rise and fall:
 * a model is either refused as dipping to 0 (CAREER_ERR_FIT naming the
 * anchors) or positive everywhere between its anchors. */
static void rough_curves_stay_positive(void **state)
{
    static const career_interp interps[] = {
        CAREER_INTERP_STEFFEN, CAREER_INTERP_LINEAR, CAREER_INTERP_CSPLINE,
        CAREER_INTERP_AKIMA, CAREER_INTERP_MINCER};
    rng r = {20261201};
    size_t c, k, built = 0, refused[5] = {0};
    (void)state;
    for (c = 0; c < 1500; c++) {
        career_tier tiers[8];
        career_profile p = *career_profile_default();
        p.ntiers = generate_rough(&r, tiers);
        p.tiers = tiers;
        for (k = 0; k < 5; k++) {
            career_options o = {.interp = interps[k],
                                .extrap = (career_extrap)(c % 2),
                                .dist = CAREER_DIST_LOGNORMAL,
                                .dispersion = 1.0};
            career_model *m = NULL;
            career_error err;
            career_status st;
            if (interps[k] == CAREER_INTERP_AKIMA && p.ntiers < 5)
                continue;
            st = career_model_new(&p, &o, &m, &err);
            if (st == CAREER_ERR_FIT && strstr(err.text, "between the anchors")) {
                refused[k]++;
                if (k == 2 || k == 3)
                    check_refusal(interps[k], tiers, p.ntiers, c);
                continue;
            }
            if (st != CAREER_OK)
                fail_msg("case %zu, interp %zu: %s", c, k, err.text);
            check_positive(m, tiers, p.ntiers, c);
            career_model_free(m);
            built++;
        }
    }
    print_message("%zu rough curves built; refused as dipping: steffen %zu, "
                  "linear %zu, cspline %zu, akima %zu, mincer %zu\n", built,
                  refused[0], refused[1], refused[2], refused[3], refused[4]);
    assert_true(refused[0] == 0 && refused[1] == 0); /* they never dip */
    assert_true(refused[2] > 0 && refused[3] > 0);   /* the cases do test */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(generated_profiles),
        cmocka_unit_test(rough_curves_stay_positive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
