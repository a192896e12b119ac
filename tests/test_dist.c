/* test_dist.c - market distributions and the band at x years. Reference
 * values: docs/model.md §4-§5, and tests/ref/core_reference.py (numpy and
 * Python's statistics.NormalDist, no GSL). */
#include "util.h"

#include "core/core.h"

#include <float.h>
#include <string.h>

static double quantile(const career_model *m, double p)
{
    double s = NAN;
    assert_status(career_market_quantile(m, p, &s), CAREER_OK);
    return s;
}

static double percentile(const career_model *m, double s)
{
    double p = NAN;
    assert_status(career_market_percentile(m, s, &p), CAREER_OK);
    return p;
}

static void metalog_reference(void **state)
{
    career_model *m = test_model(NULL);
    career_market_fit fit;
    (void)state;
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.dist, CAREER_DIST_METALOG);
    assert_int_equal(fit.nterms, 3);
    /* docs/model.md §4: a = (11.7360690163, 0.1309297536, -0.0464472259) */
    assert_close(fit.a[0], 11.7360690163, 1e-11);
    assert_close(fit.a[1], 0.1309297536, 1e-9);
    assert_close(fit.a[2], -0.0464472259, 1e-9);
    assert_close(quantile(m, 0.25), 106880.97, 1e-7);
    assert_close(percentile(m, 149500.0), 0.8241360, 1e-7);
    /* exact at the fitted points */
    assert_close(quantile(m, 0.10), 90000.0, 1e-12);
    assert_close(quantile(m, 0.50), 125000.0, 1e-12);
    assert_close(quantile(m, 0.90), 160000.0, 1e-12);
    career_model_free(m);
}

/* Tails, from the closed form in numpy (core_reference.py). */
static void metalog_tails(void **state)
{
    career_model *m = test_model(NULL);
    (void)state;
    assert_close(quantile(m, 0.001), 43117.76253658, 1e-10);
    assert_close(quantile(m, 0.01), 61688.33471980, 1e-10);
    assert_close(quantile(m, 0.75), 142507.96604845, 1e-10);
    assert_close(quantile(m, 0.99), 205484.51283158, 1e-10);
    assert_close(quantile(m, 0.999), 263100.06584766, 1e-10);
    career_model_free(m);
}

/* F(Q(p)) = p to 1e-12, from deep tails to the middle. */
static void percentile_inverts_quantile(void **state)
{
    static const double ps[] = {1e-12, 1e-9, 1e-6, 0.001, 0.0372, 0.1, 0.25,
                                0.5, 0.61803, 0.9, 0.99, 0.999999};
    career_options lognormal = {.dist = CAREER_DIST_LOGNORMAL};
    career_model *models[2];
    size_t i, k;
    (void)state;
    models[0] = test_model(NULL);
    models[1] = test_model(&lognormal);
    for (k = 0; k < 2; k++)
        for (i = 0; i < sizeof ps / sizeof ps[0]; i++) {
            double p = percentile(models[k], quantile(models[k], ps[i]));
            assert_true(fabs(p - ps[i]) <= 1e-12);
        }
    /* and Q(F(s)) = s */
    for (i = 0; i < 50; i++) {
        double s = 20000.0 + 7919.0 * (double)i;
        assert_close(quantile(models[0], percentile(models[0], s)), s, 1e-11);
    }
    career_model_free(models[0]);
    career_model_free(models[1]);
}

/* The fast inverse (table + Hermite start + one Newton step) keeps 1e-12
 * in p everywhere: 10,000 evenly spread p, on the built-in metalog and on
 * a skewed five-term one. */
static void percentile_exact_everywhere(void **state)
{
    static const career_quantile q[] = {{0.05, 52000},  {0.25, 71000},
                                        {0.50, 90000},  {0.75, 125000},
                                        {0.95, 210000}};
    career_profile five = *career_profile_default();
    career_model *models[2];
    double worst = 0.0;
    size_t i, k;
    (void)state;
    five.quantiles = q;
    five.nquantiles = 5;
    models[0] = test_model(NULL);
    assert_status(career_model_new(&five, &market_spread, &models[1], NULL), CAREER_OK);
    for (k = 0; k < 2; k++)
        for (i = 1; i < 10000; i++) {
            double p = (double)i / 10000.0, back = percentile(models[k], quantile(models[k], p));
            worst = fmax(worst, fabs(back - p));
        }
    print_message("worst |F(Q(p)) - p| = %.3g\n", worst);
    assert_true(worst <= 1e-12);
    career_model_free(models[0]);
    career_model_free(models[1]);
}

/* Far outside the table the root is still found (or saturates at 0 / 1). */
static void percentile_extremes(void **state)
{
    career_model *m = test_model(NULL);
    double p;
    (void)state;
    p = percentile(m, 1.0);
    assert_true(p >= 0.0 && p < 1e-20);
    p = percentile(m, 1e300);
    assert_true(p <= 1.0 && p > 1.0 - 1e-15);
    p = percentile(m, 5e-324);
    assert_true(p >= 0.0 && p < 1e-20);
    career_model_free(m);
}

static void lognormal_reference(void **state)
{
    career_options o = {.dist = CAREER_DIST_LOGNORMAL};
    career_model *m = test_model(&o);
    career_market_fit fit;
    (void)state;
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.dist, CAREER_DIST_LOGNORMAL);
    /* docs/model.md §4: mu = 11.70885435, sigma = 0.22447951 */
    assert_close(fit.mu, 11.70885435, 1e-9);
    assert_close(fit.sigma, 0.22447951, 1e-7);
    assert_close(fit.mu, 11.708854353271, 1e-12);
    assert_close(fit.sigma, 0.224479513885, 1e-10);
    assert_close(quantile(m, 0.01), 72159.69394431, 1e-10);
    assert_close(quantile(m, 0.25), 104552.56330153, 1e-10);
    assert_close(quantile(m, 0.99), 205062.84931589, 1e-10);
    assert_close(percentile(m, 80000.0), 0.030960379376, 1e-9);
    assert_close(percentile(m, 149500.0), 0.820836438558, 1e-10);
    assert_close(percentile(m, 200000.0), 0.986619382033, 1e-11);
    career_model_free(m);
}

/* Two quantiles: auto is lognormal, exact through both points. */
static void two_quantiles_auto_lognormal(void **state)
{
    static const career_quantile q[] = {{0.25, 60000}, {0.75, 90000}};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_options o;
    (void)state;
    p.quantiles = q;
    p.nquantiles = 2;
    assert_status(career_model_new(&p, &market_spread, &m, NULL), CAREER_OK);
    career_model_options(m, &o);
    assert_int_equal(o.dist, CAREER_DIST_LOGNORMAL);
    assert_close(quantile(m, 0.25), 60000.0, 1e-12);
    assert_close(quantile(m, 0.75), 90000.0, 1e-12);
    /* the median is the geometric mean of two symmetric quantiles */
    assert_close(quantile(m, 0.5), sqrt(60000.0 * 90000.0), 1e-12);
    career_model_free(m);
}

/* Five BLS-style percentiles: five metalog terms, exact at every point. */
static void five_quantiles(void **state)
{
    static const career_quantile q[] = {{0.10, 77020},  {0.25, 98600},
                                        {0.50, 130160}, {0.75, 167540},
                                        {0.90, 208620}};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_market_fit fit;
    size_t i;
    (void)state;
    p.quantiles = q;
    p.nquantiles = 5;
    assert_status(career_model_new(&p, &market_spread, &m, NULL), CAREER_OK);
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.nterms, 5);
    for (i = 0; i < 5; i++)
        assert_close(quantile(m, q[i].p), q[i].salary, 1e-10);
    career_model_free(m);
}

/* Seven points symmetric about p = 1/2 (ln s = 11.7 + 0.22 z, to the
 * cent): the 7-term design matrix has rank 6 (the four odd terms take 3
 * independent values), so the fit drops to the largest term count that is
 * well posed, 6, as a least-squares fit. The same points with one p moved
 * by 1e-9 are still rank deficient in the sense of the rule (scaled
 * condition ~4e11 > 1e10) and get the same 6-term fit, to 1e-7 (the moved point's own
 * effect). Reference
 * (6 terms, 50 digits): tests/ref/metalog_mpmath.py. */
static void symmetric_seven_points(void **state)
{
    career_quantile q[] = {{0.05, 83963.06},  {0.10, 90949.41},
                           {0.25, 103944.49}, {0.50, 120571.71},
                           {0.75, 139858.68}, {0.90, 159842.04},
                           {0.95, 173142.08}};
    career_profile p = *career_profile_default();
    career_model *m = NULL, *moved = NULL;
    career_market_fit fit;
    int k;
    (void)state;
    p.quantiles = q;
    p.nquantiles = 7;
    assert_status(career_model_new(&p, NULL, &m, NULL), CAREER_OK);
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.nterms, 6);
    assert_close(fit.a[0], 11.699999971957504, 1e-13);
    assert_close(fit.a[1], 0.071634297160698694, 1e-11);
    assert_close(fit.a[3], 0.26393765566281389, 1e-11);
    assert_close(fit.a[5], 0.053959064677806829, 1e-10);
    assert_close(quantile(m, 1e-9), 18105.676191177891302, 1e-11);
    assert_close(quantile(m, 0.01), 71823.703892980562387, 1e-12);
    assert_close(quantile(m, 0.3), 107440.02940331628165, 1e-12);
    assert_close(quantile(m, 0.99), 202405.8075560476596, 1e-12);
    for (k = 0; k < 7; k++) {
        double keep = q[k].p;
        q[k].p = keep + (k == 6 ? -1e-9 : 1e-9);
        assert_status(career_model_new(&p, NULL, &moved, NULL), CAREER_OK);
        career_market_fit_info(moved, &fit);
        assert_int_equal(fit.nterms, 6);
        assert_close(quantile(moved, 0.01), quantile(m, 0.01), 1e-7);
        assert_close(quantile(moved, 0.99), quantile(m, 0.99), 1e-7);
        career_model_free(moved);
        q[k].p = keep;
    }
    career_model_free(m);
}

/* Eight points of a lognormal market (ln s = 11.7 + 0.22 z, to the nearest
 * double), two of them 4e-6 apart in p: 8 metalog terms with a scaled
 * condition number of 1.03e8. The far tails, where the fit's coefficients
 * cancel, must still be good to 1e-10 against a 50-digit solve
 * (tests/ref/metalog_mpmath.py); a double solve gives 6e-8 there, the
 * long double refinement ~2e-12. */
static void clustered_points_tails(void **state)
{
    static const career_quantile q[] = {
        {0.05, 83963.05856201604},   {0.10, 90949.40624704311},
        {0.25, 103944.48681187602},  {0.250004, 103944.77465841542},
        {0.50, 120571.7149864506},   {0.75, 139858.6774600624},
        {0.90, 159842.03805889623},  {0.95, 173142.07823951877}};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_market_fit fit;
    (void)state;
    skip_without_long_double();
    p.quantiles = q;
    p.nquantiles = 8;
    assert_status(career_model_new(&p, NULL, &m, NULL), CAREER_OK);
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.nterms, 8);
    assert_close(quantile(m, 1e-9), 19792.096804267459402, 1e-10);
    assert_close(quantile(m, 1 - 1e-9), 734512.29706825578218, 1e-10);
    assert_close(quantile(m, 0.250004), 103944.77465841542289, 1e-12);
    assert_close(quantile(m, 0.5), 120571.71498645060638, 1e-12);
    career_model_free(m);
}

/* ln s = (9.21, 11.51, 11.61) at p = (0.1, 0.5, 0.9) solves to
 * a2 = 0.546, a3 = -1.256 (by hand): a2 + a3/2 < 0, so Q falls in the
 * upper tail. The model must refuse it, naming the cause. */
static void infeasible_metalog(void **state)
{
    static const career_quantile q[] = {{0.1, 10000}, {0.5, 100000}, {0.9, 110000}};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_error err;
    career_options o = {.dist = CAREER_DIST_LOGNORMAL, .dispersion = 1.0};
    career_options metalog = {.dist = CAREER_DIST_METALOG, .dispersion = 1};
    (void)state;
    p.quantiles = q;
    p.nquantiles = 3;
    assert_status(career_model_new(&p, &metalog, &m, &err), CAREER_ERR_FIT);
    assert_null(m);
    assert_int_equal(err.status, CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "metalog"));
    assert_non_null(strstr(err.text, "market.quantiles"));
    /* the lognormal fits the same points */
    assert_status(career_model_new(&p, &o, &m, &err), CAREER_OK);
    career_model_free(m);
}

/* A metalog increasing in both limits that still dips in the middle: the
 * grid check must catch it (s nearly flat, then a jump). */
static void infeasible_metalog_interior(void **state)
{
    static const career_quantile q[] = {{0.05, 50000}, {0.3, 99000}, {0.5, 99500},
                                        {0.7, 100000}, {0.95, 200000}};
    career_options metalog = {.dist = CAREER_DIST_METALOG};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_error err;
    (void)state;
    p.quantiles = q;
    p.nquantiles = 5;
    assert_status(career_model_new(&p, &metalog, &m, &err), CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "not increasing"));
}

/* Three points bunched at p = 0.10 ... 0.20 with salaries x10 apart: a
 * steep fit whose upper tail passes ln DBL_MAX = 709.8 before p = 1 - 4e-18
 * (found by the property test). It must be refused, not answer inf. */
static void exploding_metalog(void **state)
{
    static const career_quantile q[] = {{0.1, 1e4}, {0.15, 1e5}, {0.2, 1e6}};
    career_options metalog = {.dist = CAREER_DIST_METALOG};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    career_error err;
    (void)state;
    p.quantiles = q;
    assert_status(career_model_new(&p, &metalog, &m, &err), CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "overflow"));
}

/* ---- the quantile spline ------------------------------------------------ */

/* The points whose metalog dips (infeasible_metalog_interior). */
static const career_quantile dip[] = {{0.05, 50000}, {0.3, 99000},
                                      {0.5, 99500},  {0.7, 100000},
                                      {0.95, 200000}};

static career_model *spline_model(double mean, career_dist dist)
{
    career_profile p = *career_profile_default();
    career_options o = {.dist = dist, .dispersion = 1.0};
    career_model *m = NULL;

    p.quantiles = dip;
    p.nquantiles = 5;
    p.market_mean = mean;
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_OK);
    return m;
}

/* Reference: tests/ref/qspline_ref.py (mpmath at 30 digits: its own
 * Steffen slopes, Hermite segments, tails and tanh-sinh quadrature). */
static void spline_reference(void **state)
{
    static const double p[] = {0.01, 0.2, 0.4, 0.6, 0.8, 0.99};
    static const double q[] = {33001.1487605336, 89835.5644843029,
                               99318.6328111335, 99681.1108708496,
                               110352.137998569, 304877.76487621};
    static const double s[] = {99750, 150000, 30000, 300000};
    static const double f[] = {0.633048034841396, 0.896699757619626,
                               0.00651884732743029, 0.989283725083403};
    career_model *m = spline_model(0.0, CAREER_DIST_AUTO);
    career_market_fit fit;
    double mean = 0.0;
    size_t i;
    (void)state;
    /* AUTO: the metalog through these points dips, so the spline */
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.dist, CAREER_DIST_SPLINE);
    for (i = 0; i < 5; i++)
        assert_close(quantile(m, dip[i].p), dip[i].salary, 1e-12);
    for (i = 0; i < 6; i++)
        assert_close(quantile(m, p[i]), q[i], 1e-10);
    for (i = 0; i < 4; i++)
        assert_true(fabs(percentile(m, s[i]) - f[i]) < 1e-11);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, 107238.169664153, 1e-10);
    career_model_free(m);
}

/* A published mean sets the upper tail: the fitted mean is the published
 * one, and every point still holds (qspline_ref.py: upper slope
 * 0.957354489051832, Q(0.99) = 384040.856192257, F(300000) =
 * 0.980697859277372). */
static void spline_honours_mean(void **state)
{
    career_model *m = spline_model(110000.0, CAREER_DIST_AUTO);
    career_market_fit fit;
    double mean = 0.0;
    size_t i;
    (void)state;
    career_market_fit_info(m, &fit);
    assert_int_equal(fit.dist, CAREER_DIST_SPLINE);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, 110000.0, 1e-10);
    for (i = 0; i < 5; i++)
        assert_close(quantile(m, dip[i].p), dip[i].salary, 1e-12);
    assert_close(quantile(m, 0.99), 384040.856192257, 1e-9);
    assert_true(fabs(percentile(m, 300000) - 0.980697859277372) < 1e-11);
    career_model_free(m);
    /* a mean the points cannot reach, even with a flat top, is met as
     * nearly as the tail allows: above it */
    m = spline_model(60000.0, CAREER_DIST_SPLINE);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_true(mean > 60000.0 && mean < 107238.169664153);
    career_model_free(m);
}

/* The spline is increasing everywhere and F inverts Q to 1e-12. */
static void spline_round_trip(void **state)
{
    career_model *m = spline_model(0.0, CAREER_DIST_SPLINE);
    double last = 0.0, p;
    int i;
    (void)state;
    for (i = 1; i < 2000; i++) {
        double s;
        p = i / 2000.0;
        s = quantile(m, p);
        assert_true(s > last);
        last = s;
        assert_true(fabs(percentile(m, s) - p) < 1e-12);
    }
    assert_true(quantile(m, 1e-12) > 0.0);
    career_model_free(m);
}

/* The other distributions' means: the lognormal's exp(mu + sigma^2 / 2)
 * (by hand from its fitted mu and sigma); the built-in metalog's
 * 125530.631830759 (tests/ref/qspline_ref.py: the 3-term metalog solved
 * through the three points and integrated over p by mpmath). */
static void market_means(void **state)
{
    career_options o = {.dist = CAREER_DIST_LOGNORMAL};
    career_model *m = test_model(&o);
    career_market_fit fit;
    double mean = 0.0;
    (void)state;
    career_market_fit_info(m, &fit);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, exp(fit.mu + 0.5 * fit.sigma * fit.sigma), 1e-12);
    career_model_free(m);
    m = test_model(NULL);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, 125530.631830759, 1e-9);
    assert_status(career_market_mean(NULL, &mean), CAREER_ERR_ARG);
    assert_status(career_market_mean(m, NULL), CAREER_ERR_ARG);
    career_model_free(m);
}

/* Degenerate scales are refused where they enter: a dispersion of 1e4
 * took a far quantile past the largest double, one of 1e-17 gave a band of
 * zero width (range penetration -inf or NaN), a location factor of 1e-320
 * a compa-ratio of inf. At the ends of the documented ranges every query
 * stays finite. */
static void degenerate_scales_refused(void **state)
{
    static const career_options bad[] = {
        {.dispersion = 1e4}, {.dispersion = 1e-17}, {.dispersion = 0.00999},
        {.dispersion = 5.0001}, {.location_factor = 1e-320},
        {.location_factor = 1.0001e6}, {.location_factor = 9.9e-7}};
    static const career_options ends[] = {
        {.dispersion = CAREER_MIN_DISPERSION, .location_factor = 1e-6},
        {.dispersion = CAREER_MAX_DISPERSION, .location_factor = 1e6}};
    career_model *m = (career_model *)&m;
    career_error err;
    double r;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_status(career_model_new(career_profile_default(), &bad[i], &m,
                                       &err), CAREER_ERR_ARG);
        assert_null(m);
        assert_non_null(strstr(err.text, "options."));
    }
    for (size_t i = 0; i < 2; i++) {
        m = test_model(&ends[i]);
        assert_status(career_range_penetration(m, 5.0, 1e5 *
                                               ends[i].location_factor, &r),
                      CAREER_OK);
        assert_true(isfinite(r));
        assert_status(career_compa_ratio(m, 5.0, 2.385, &r), CAREER_OK);
        assert_true(isfinite(r) && r > 0.0);
        assert_status(career_quantile_at(m, 5.0, 1e-300, &r), CAREER_OK);
        assert_true(isfinite(r) && r > 0.0);
        career_model_free(m);
    }
}

/* A model of the default tiers on a market of two quantiles, with a fixed
 * dispersion d and the separation rate given (nothing left to fit). */
static career_model *wide_model(career_quantile lo, career_quantile hi,
                                double d)
{
    career_quantile q[2];
    career_profile p = *career_profile_default();
    career_options o = {.dispersion = d};
    career_model *m = NULL;
    career_error err;

    q[0] = lo;
    q[1] = hi;
    p.quantiles = q;
    p.nquantiles = 2;
    p.separation_rate = 0.1;
    if (career_model_new(&p, &o, &m, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    return m;
}

/* Salaries that underflow are refused, not returned as 0 with OK. A
 * lognormal through p10 = 1 cent and p20 = 1e12 has ln Q slope
 * ln(1e14) / (z(0.2) - z(0.1)) = 32.2 / 0.4399 = 73.3 a unit of z, so
 * Q(1e-30) = e^(ln 0.01 - 73.3 (11.35 - 1.28)) = e^-743: below the least
 * double. A lognormal through p10 = 1 cent and p90 = 1e12 (sigma =
 * 32.2 / 2.563 = 12.6) with d = 5 gives at p = 1e-50 (z = -14.9) a band
 * factor e^(5 x 12.6 x -14.9) = e^-935. (z from Phi^-1, by hand.) */
static void underflow_is_a_domain_error(void **state)
{
    career_model *m;
    double s = -1.0;
    (void)state;

    m = wide_model((career_quantile){0.1, 0.01}, (career_quantile){0.2, 1e12},
                   1.0);
    assert_status(career_market_quantile(m, 1e-30, &s), CAREER_ERR_DOMAIN);
    assert_true(s == -1.0);
    assert_status(career_market_quantile(m, 1e-12, &s), CAREER_OK);
    assert_true(s >= DBL_MIN);
    career_model_free(m);
    m = wide_model((career_quantile){0.1, 0.01}, (career_quantile){0.9, 1e12},
                   CAREER_MAX_DISPERSION);
    s = -1.0;
    assert_status(career_quantile_at(m, 5.0, 1e-50, &s), CAREER_ERR_DOMAIN);
    assert_true(s == -1.0);
    assert_status(career_quantile_at(m, 5.0, 1e-12, &s), CAREER_OK);
    assert_true(s >= DBL_MIN);
    career_model_free(m);
}

/* The smallest location factor on the smallest salaries (a cent): every
 * figure stays a positive double, so the model is built; before 1.1
 * a subnormal salary times 1e-6 was refused as "curve: point 0", naming
 * neither the salary nor the option. */
static void location_factor_on_cents(void **state)
{
    career_tier t[3];
    career_quantile q[3] = {{0.1, 0.01}, {0.5, 0.0125}, {0.9, 0.016}};
    career_profile p = *career_profile_default();
    career_options o = {.location_factor = CAREER_MIN_LOCATION_FACTOR};
    career_model *m = NULL;
    career_error err;
    double s;
    (void)state;

    memcpy(t, p.tiers, sizeof t);
    t[0].salary = 0.01;
    t[1].salary = 0.0125;
    t[2].salary = 0.015;
    p.tiers = t;
    p.ntiers = 3;
    p.quantiles = q;
    p.nquantiles = 3;
    assert_status(career_model_new(&p, &o, &m, &err), CAREER_OK);
    assert_status(career_quantile_at(m, 5.0, 0.5, &s), CAREER_OK);
    assert_true(fabs(s - 0.0125e-6) < 1e-15);
    career_model_free(m);
    t[0].salary = 5e-324;
    assert_status(career_model_new(&p, &o, &m, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "tiers[0].salary: must be at least one "
                                     "cent"));
}

/* Q_x(p) = m(x) (Q(p)/Q(1/2))^d with steffen m(7.5) (core_reference.py). */
static void band_at_years(void **state)
{
    career_options half = {.dispersion = 0.5};
    career_model *m = test_model(&market_spread), *h = test_model(&half);
    double s, p;
    (void)state;
    assert_status(career_quantile_at(m, 7.5, 0.1, &s), CAREER_OK);
    assert_close(s, 99756.25, 1e-9);
    assert_status(career_quantile_at(m, 7.5, 0.25, &s), CAREER_OK);
    assert_close(s, 118467.16906767, 1e-9);
    assert_status(career_quantile_at(m, 7.5, 0.9, &s), CAREER_OK);
    assert_close(s, 177344.44444444, 1e-9);
    assert_status(career_quantile_at(h, 7.5, 0.1, &s), CAREER_OK);
    assert_close(s, 117563.86806790, 1e-9);
    assert_status(career_quantile_at(h, 7.5, 0.9, &s), CAREER_OK);
    assert_close(s, 156751.82409053, 1e-9);
    /* at 5 years the band is the market's own (m(5) = Q(1/2)) */
    assert_status(career_quantile_at(m, 5.0, 0.1, &s), CAREER_OK);
    assert_close(s, 90000.0, 1e-12);
    /* percentile_at inverts quantile_at */
    assert_status(career_percentile_at(h, 7.5, 117563.86806790, &p), CAREER_OK);
    assert_close(p, 0.1, 1e-9);
    assert_status(career_percentile_at(m, 7.5, 118467.16906767, &p), CAREER_OK);
    assert_close(p, 0.25, 1e-9);
    career_model_free(m);
    career_model_free(h);
}

/* The batch form gives the scalar answers, and names the first bad row. */
static void percentile_batch(void **state)
{
    career_model *m = test_model(&market_spread);
    double years[] = {0.0, 2.5, 7.5, 12.0, 30.0}, pay[] = {95000, 101000, 118467.16906767, 150000, 230000};
    double p[5], one;
    size_t i;
    (void)state;
    assert_status(career_percentile_at_n(m, years, pay, p, 5), CAREER_OK);
    for (i = 0; i < 5; i++) {
        assert_status(career_percentile_at(m, years[i], pay[i], &one), CAREER_OK);
        assert_true(one == p[i]);
    }
    assert_close(p[2], 0.25, 1e-9); /* Q_7.5(0.25) from core_reference.py */
    assert_status(career_percentile_at_n(m, NULL, NULL, NULL, 0), CAREER_OK);
    assert_status(career_percentile_at_n(m, years, NULL, p, 5), CAREER_ERR_ARG);
    assert_status(career_percentile_at_n(NULL, years, pay, p, 5), CAREER_ERR_ARG);
    pay[3] = -1.0;
    assert_status(career_percentile_at_n(m, years, pay, p, 5), CAREER_ERR_DOMAIN);
    years[1] = NAN;
    assert_status(career_percentile_at_n(m, years, pay, p, 5), CAREER_ERR_ARG);
    career_model_free(m);
}

/* The distributions the batch and the density are checked on: the
 * built-in points by each fit (the spline with a published mean), and
 * five BLS percentiles by the metalog. */
static const career_quantile five_points[] = {
    {0.10, 66740}, {0.25, 85610}, {0.50, 110000}, {0.75, 139550},
    {0.90, 166960}};

static void build_dist(careerp_dist *d, int which)
{
    const career_profile *p = career_profile_default();
    static const career_dist kind[] = {CAREER_DIST_METALOG,
                                       CAREER_DIST_LOGNORMAL,
                                       CAREER_DIST_SPLINE,
                                       CAREER_DIST_METALOG};
    career_status st =
        which == 3 ? careerp_dist_build(d, five_points, 5, 0.0, 1.0,
                                        kind[which], NULL)
                   : careerp_dist_build(d, p->quantiles, p->nquantiles,
                                        which == 2 ? 128000.0 : 0.0, 1.0,
                                        kind[which], NULL);
    assert_status(st, CAREER_OK);
}

/* careerp_dist_cdf_n, the calibration's bands, gives careerp_dist_cdf_log's
 * values to the bit (the mixture's percentile and the calibration's
 * F_mix must agree exactly), across the metalog's whole inverse table, its
 * cells' ends and both sides of its ends (taken as 0 and 1 there), in
 * place as well; its densities are the same as careerp_dist_cdf_pdf_log's,
 * whose F is careerp_dist_cdf_log's too. */
static void cdf_batch_is_the_scalar_cdf(void **state)
{
    enum { N = 3001 };
    static double t[N], F[N], dens[N], again[N];
    static careerp_dist d;
    int which;
    size_t i;
    (void)state;
    for (which = 0; which < 4; which++) {
        double lo, hi;
        build_dist(&d, which);
        lo = careerp_dist_log_quantile(&d, 1e-12) - 0.5;
        hi = careerp_dist_log_quantile(&d, 1.0 - 1e-12) + 0.5;
        for (i = 0; i < N; i++)
            t[i] = lo + (hi - lo) * (double)i / (N - 1);
        if (d.kind == CAREER_DIST_METALOG) { /* the table's own points */
            t[0] = d.lmin;
            t[1] = d.lmax;
            t[2] = nextafter(d.lmin, 0.0);
            t[3] = d.lmin + 2.385 / d.inv_step;
            t[4] = d.lmin + 17.0 / d.inv_step;
            t[5] = d.lmax - 1.0 / d.inv_step;
        }
        careerp_dist_cdf_n(&d, t, N, F, dens);
        for (i = 0; i < N; i++) {
            double want, density;
            int outside = d.kind == CAREER_DIST_METALOG &&
                          (t[i] <= d.lmin || t[i] >= d.lmax);
            want = outside ? (t[i] <= d.lmin ? 0.0 : 1.0)
                           : careerp_dist_cdf_log(&d, t[i]);
            if (!(F[i] == want))
                fail_msg("dist %d, ln s = %.17g: %.17g, want %.17g", which,
                         t[i], F[i], want);
            if (outside) {
                assert_true(dens[i] == 0.0);
                continue;
            }
            assert_true(careerp_dist_cdf_pdf_log(&d, t[i], &density) == want);
            assert_close(dens[i], density, 1e-12);
        }
        memcpy(again, t, sizeof t);
        careerp_dist_cdf_n(&d, again, N, again, NULL);
        assert_memory_equal(again, F, sizeof F);
    }
}

/* The density in ln S against central differences of F (h = 1e-5 in
 * ln S: truncation near 1e-11; F's roots are good to ~1e-14, which the
 * differences turn into ~1e-9), within 2e-8, wherever F is not within
 * 1e-6 of 0 or 1 (measured: at most 2.4e-9). The metalog's is
 * p (1 - p) / (dM/dz) at the root, the Newton step's slope carried to it
 * by d^2M/dz^2; the lognormal's phi(z)/sigma; the spline's phi(z)/H'(z)
 * in its segments and tails. */
static void density_is_the_slope_of_the_cdf(void **state)
{
    static careerp_dist d;
    const double h = 1e-5;
    int which, i;
    (void)state;
    for (which = 0; which < 4; which++) {
        build_dist(&d, which);
        for (i = 1; i < 400; i++) {
            double t = careerp_dist_log_quantile(&d, i / 400.0) + 0.0123;
            double dens, F = careerp_dist_cdf_pdf_log(&d, t, &dens);
            double up = careerp_dist_cdf_log(&d, t + h);
            double down = careerp_dist_cdf_log(&d, t - h);
            if (F < 1e-6 || F > 1.0 - 1e-6)
                continue;
            if (!(fabs(dens - (up - down) / (2.0 * h)) <= 2e-8 * dens))
                fail_msg("dist %d at p %.4f: density %.17g, differences "
                         "%.17g", which, F, dens, (up - down) / (2.0 * h));
        }
    }
}

/* Compa-ratio and range penetration. At 7.5 y the band is m x (0.72, 1.28)
 * (90/125, 160/125), so the median sits at penetration 0.28/0.56 = 0.5. */
static void compa_and_penetration(void **state)
{
    career_model *m = test_model(&market_spread);
    double r, pen;
    (void)state;
    assert_status(career_compa_ratio(m, 5.0, 137500.0, &r), CAREER_OK);
    assert_close(r, 1.1, 1e-12);
    assert_status(career_range_penetration(m, 7.5, 138550.3472222222, &pen),
                  CAREER_OK);
    assert_close(pen, 0.5, 1e-9);
    assert_status(career_range_penetration(m, 5.0, 90000.0, &pen), CAREER_OK);
    assert_close(pen + 1.0, 1.0, 1e-12);
    assert_status(career_range_penetration(m, 5.0, 174800.0, &pen), CAREER_OK);
    assert_close(pen, 84800.0 / 70000.0, 1e-12); /* above the band: > 1 */
    assert_status(career_compa_ratio(m, 5.0, 0.0, &r), CAREER_ERR_DOMAIN);
    assert_status(career_compa_ratio(m, -1.0, 1e5, &r), CAREER_ERR_DOMAIN);
    assert_status(career_range_penetration(m, 5.0, NAN, &pen), CAREER_ERR_ARG);
    assert_status(career_range_penetration(m, 5.0, 1e5, NULL), CAREER_ERR_ARG);
    career_model_free(m);
}

/* The location factor multiplies every salary. */
static void location_factor(void **state)
{
    career_options o = {.location_factor = 1.25};
    career_model *base = test_model(NULL), *m = test_model(&o);
    career_tier t;
    double a, b;
    (void)state;
    assert_close(quantile(m, 0.3), 1.25 * quantile(base, 0.3), 1e-12);
    assert_close(percentile(m, 1.25 * 133000.0), percentile(base, 133000.0), 1e-12);
    assert_status(career_salary_at(m, 6.5, &a), CAREER_OK);
    assert_status(career_salary_at(base, 6.5, &b), CAREER_OK);
    assert_close(a, 1.25 * b, 1e-12);
    assert_status(career_tier_info(m, 2, &t), CAREER_OK);
    assert_close(t.salary, 1.25 * 149500.0, 1e-12);
    /* the model's profile stays as given */
    assert_close(career_model_profile(m)->tiers[2].salary, 149500.0, 0.0);
    career_model_free(m);
    career_model_free(base);
}

static void bad_arguments(void **state)
{
    career_model *m = test_model(NULL);
    double v = 2.385;
    career_market_fit fit;
    (void)state;
    assert_status(career_market_quantile(m, 0.0, &v), CAREER_ERR_DOMAIN);
    assert_status(career_market_quantile(m, 1.0, &v), CAREER_ERR_DOMAIN);
    assert_status(career_market_quantile(m, -0.1, &v), CAREER_ERR_DOMAIN);
    assert_status(career_market_quantile(m, NAN, &v), CAREER_ERR_ARG);
    assert_status(career_market_quantile(m, INFINITY, &v), CAREER_ERR_ARG);
    assert_status(career_market_quantile(NULL, 0.5, &v), CAREER_ERR_ARG);
    assert_status(career_market_quantile(m, 0.5, NULL), CAREER_ERR_ARG);
    assert_status(career_market_percentile(m, 0.0, &v), CAREER_ERR_DOMAIN);
    assert_status(career_market_percentile(m, -5.0, &v), CAREER_ERR_DOMAIN);
    assert_status(career_market_percentile(m, NAN, &v), CAREER_ERR_ARG);
    assert_status(career_market_percentile(m, INFINITY, &v), CAREER_ERR_ARG);
    assert_status(career_market_percentile(NULL, 1.0, &v), CAREER_ERR_ARG);
    assert_status(career_quantile_at(m, NAN, 0.5, &v), CAREER_ERR_ARG);
    assert_status(career_quantile_at(m, 1.0, 1.5, &v), CAREER_ERR_DOMAIN);
    assert_status(career_percentile_at(m, 1.0, -1.0, &v), CAREER_ERR_DOMAIN);
    assert_status(career_percentile_at(NULL, 1.0, 1.0, &v), CAREER_ERR_ARG);
    assert_close(v, 2.385, 0.0); /* nothing written on failure */
    memset(&fit, 0x5a, sizeof fit);
    career_market_fit_info(NULL, &fit); /* a no-op, not a crash */
    career_market_fit_info(m, NULL);
    career_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(metalog_reference),
        cmocka_unit_test(metalog_tails),
        cmocka_unit_test(percentile_inverts_quantile),
        cmocka_unit_test(percentile_exact_everywhere),
        cmocka_unit_test(percentile_extremes),
        cmocka_unit_test(lognormal_reference),
        cmocka_unit_test(two_quantiles_auto_lognormal),
        cmocka_unit_test(five_quantiles),
        cmocka_unit_test(symmetric_seven_points),
        cmocka_unit_test(clustered_points_tails),
        cmocka_unit_test(infeasible_metalog),
        cmocka_unit_test(infeasible_metalog_interior),
        cmocka_unit_test(exploding_metalog),
        cmocka_unit_test(spline_reference),
        cmocka_unit_test(spline_honours_mean),
        cmocka_unit_test(spline_round_trip),
        cmocka_unit_test(market_means),
        cmocka_unit_test(degenerate_scales_refused),
        cmocka_unit_test(underflow_is_a_domain_error),
        cmocka_unit_test(location_factor_on_cents),
        cmocka_unit_test(band_at_years),
        cmocka_unit_test(percentile_batch),
        cmocka_unit_test(cdf_batch_is_the_scalar_cdf),
        cmocka_unit_test(density_is_the_slope_of_the_cdf),
        cmocka_unit_test(compa_and_penetration),
        cmocka_unit_test(location_factor),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
