/* test_curve.c - the experience curve m(x), its slope and its inverse. */
#include "util.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static career_model *with_interp(career_interp interp, career_extrap extrap)
{
    career_options o = {.interp = interp, .extrap = extrap};
    return test_model(&o);
}

static double m_at(const career_model *m, double x)
{
    double s = NAN;
    assert_status(career_salary_at(m, x, &s), CAREER_OK);
    return s;
}

/* docs/model.md §3 (steffen, clamp), to every digit given there. */
static void steffen_reference(void **state)
{
    career_model *m = test_model(NULL);
    (void)state;
    assert_close(m_at(m, 0.0), 100500.0, 1e-12);
    assert_close(m_at(m, 2.0), 106727.0833, 1e-9);
    assert_close(m_at(m, 5.0), 125000.0, 1e-12);
    assert_close(m_at(m, 7.5), 138550.3472, 1e-9);
    assert_close(m_at(m, 12.0), 154708.0, 1e-12);
    assert_close(m_at(m, 20.0), 160000.0, 1e-12);
    career_model_free(m);
}

/* Linear by hand: m(2) = 100500 + 24500/4; m(7.5) = 125000 + 24500/2;
 * m(12) = 149500 + 10500 * 2/5. */
static void linear_by_hand(void **state)
{
    career_model *m = with_interp(CAREER_INTERP_LINEAR, CAREER_EXTRAP_CLAMP);
    (void)state;
    assert_close(m_at(m, 2.0), 106625.0, 1e-12);
    assert_close(m_at(m, 7.5), 137250.0, 1e-12);
    assert_close(m_at(m, 12.0), 153700.0, 1e-12);
    career_model_free(m);
}

/* Natural cubic spline solved with numpy: tests/ref/core_reference.py. */
static void cspline_reference(void **state)
{
    career_model *m = with_interp(CAREER_INTERP_CSPLINE, CAREER_EXTRAP_CLAMP);
    (void)state;
    assert_close(m_at(m, 2.0), 106742.5373134328, 1e-9);
    assert_close(m_at(m, 7.5), 138782.8824626866, 1e-9);
    assert_close(m_at(m, 12.0), 154968.7761194030, 1e-9);
    career_model_free(m);
}

/* numpy.polyfit(x, ln y, 2): tests/ref/core_reference.py. */
static void mincer_reference(void **state)
{
    career_model *m = with_interp(CAREER_INTERP_MINCER, CAREER_EXTRAP_CLAMP);
    (void)state;
    assert_close(m_at(m, 0.0), 100460.8111883354, 1e-9);
    assert_close(m_at(m, 2.0), 106818.9758774260, 1e-9);
    assert_close(m_at(m, 7.5), 138569.4241262511, 1e-9);
    assert_close(m_at(m, 12.0), 155556.1601722410, 1e-9);
    assert_close(m_at(m, 30.0), 160044.9359759257, 1e-9);
    career_model_free(m);
}

/* A profile with five salaried tiers, for akima (which needs five). */
static const career_tier five_tiers[] = {
    {"one", 0, 1, 50000}, {"two", 2, 3, 60000}, {"three", 5, 6, 80000},
    {"four", 8, 10, 95000}, {"five", 12, 15, 99000},
};
static const career_quantile two_points[] = {{0.25, 60000}, {0.75, 90000}};

static career_profile five_profile(void)
{
    career_profile p = *career_profile_default();
    p.tiers = five_tiers;
    p.ntiers = 5;
    p.quantiles = two_points;
    p.nquantiles = 2;
    return p;
}

/* The cubic table must be GSL's own piecewise cubic: compare with
 * gsl_interp_eval at 10,000 points between the first and last anchors. */
static void check_against_gsl(const career_profile *p, career_interp interp,
                              const gsl_interp_type *type)
{
    career_options o = {.interp = interp, .dispersion = 1.0};
    career_model *m = NULL;
    double x[CAREER_MAX_TIERS], y[CAREER_MAX_TIERS];
    size_t i, n = 0;
    gsl_interp *g;

    assert_status(career_model_new(p, &o, &m, NULL), CAREER_OK);
    for (i = 0; i < p->ntiers; i++) {
        x[n] = p->tiers[i].anchor_years;
        y[n++] = p->tiers[i].salary;
    }
    g = gsl_interp_alloc(type, n);
    assert_non_null(g);
    assert_int_equal(gsl_interp_init(g, x, y, n), GSL_SUCCESS);
    for (i = 0; i <= 10000; i++) {
        double t = x[0] + (x[n - 1] - x[0]) * (double)i / 10000.0, want;
        assert_int_equal(gsl_interp_eval_e(g, x, y, t, NULL, &want), GSL_SUCCESS);
        assert_close(m_at(m, t), want, 1e-12);
    }
    gsl_interp_free(g);
    career_model_free(m);
}

static void table_equals_gsl(void **state)
{
    career_profile five = five_profile();
    (void)state;
    check_against_gsl(career_profile_default(), CAREER_INTERP_STEFFEN,
                      gsl_interp_steffen);
    check_against_gsl(career_profile_default(), CAREER_INTERP_CSPLINE,
                      gsl_interp_cspline);
    check_against_gsl(career_profile_default(), CAREER_INTERP_LINEAR,
                      gsl_interp_linear);
    check_against_gsl(&five, CAREER_INTERP_AKIMA, gsl_interp_akima);
    check_against_gsl(&five, CAREER_INTERP_STEFFEN, gsl_interp_steffen);
}

/* Straight runs and a fall: Akima's weights vanish on the first segments
 * (a straight secant there, GSL's flat case), Steffen's slope is 0 at the
 * peak, and the spline turns: all still GSL's own curves. */
static void table_equals_gsl_straight_and_falling(void **state)
{
    static const career_tier tiers[] = {
        {"one", 0, 1, 50000},   {"two", 2, 3, 60000},  {"three", 4, 5, 70000},
        {"four", 6, 7, 80000},  {"five", 8, 10, 97000}, {"six", 11, 12, 91000},
    };
    career_profile p = five_profile();
    (void)state;
    p.tiers = tiers;
    p.ntiers = 6;
    check_against_gsl(&p, CAREER_INTERP_AKIMA, gsl_interp_akima);
    check_against_gsl(&p, CAREER_INTERP_STEFFEN, gsl_interp_steffen);
    check_against_gsl(&p, CAREER_INTERP_CSPLINE, gsl_interp_cspline);
}

/* A batch with one bad year among good ones: NaN and inf are bad
 * arguments, a negative year is out of the domain, and a year so far out
 * that the extended curve overflows is out of the domain too. */
static void check_bad_batch(const career_model *m, double *xs, double *out,
                            career_extrap extrap)
{
    double keep = xs[150], one;
    xs[150] = NAN;
    assert_status(career_salary_at_n(m, xs, out, 301), CAREER_ERR_ARG);
    xs[150] = INFINITY;
    assert_status(career_salary_at_n(m, xs, out, 301), CAREER_ERR_ARG);
    xs[150] = -2.0;
    assert_status(career_salary_at_n(m, xs, out, 301), CAREER_ERR_DOMAIN);
    xs[150] = 1e308;
    if (extrap == CAREER_EXTRAP_EXTEND) {
        assert_status(career_salary_at_n(m, xs, out, 301), CAREER_ERR_DOMAIN);
        assert_status(career_salary_at(m, 1e308, &one), CAREER_ERR_DOMAIN);
    } else {
        assert_status(career_salary_at_n(m, xs, out, 301), CAREER_OK);
    }
    xs[150] = keep;
}

/* Every knot count has its own specialised kernel (2 to 6) or the generic
 * one (7, 8): each must agree bit for bit between the scalar and the batch
 * path, for clamp and extend, and with gsl_interp_eval inside the anchors. */
static void every_knot_count(void **state)
{
    static const career_interp methods[] = {CAREER_INTERP_LINEAR, CAREER_INTERP_STEFFEN,
                                            CAREER_INTERP_CSPLINE, CAREER_INTERP_AKIMA,
                                            CAREER_INTERP_MINCER};
    static const career_extrap extraps[] = {CAREER_EXTRAP_CLAMP, CAREER_EXTRAP_EXTEND};
    career_tier tiers[16];
    double xs[301], batch[301];
    size_t n, i, mi, ei;
    (void)state;
    for (i = 0; i < 301; i++)
        xs[i] = 0.1 * (double)i; /* 0 to 30 years: both ends and beyond */
    for (n = 2; n <= 16; n += n < 8 ? 1 : 8) {
        career_profile p = *career_profile_default();
        /* an odd step starts late and steep, so EXTEND meets its floor of 0
         * before the first anchor */
        double start = n % 2 ? 12.0 : 1.5;
        for (i = 0; i < n; i++) {
            tiers[i] = (career_tier){"t", 3.0 * (double)i, 3.0 * (double)i + start,
                                     50000.0 * (1.0 + 0.3 * (double)i + 0.01 * (double)(i * i))};
        }
        p.tiers = tiers;
        p.ntiers = n;
        for (mi = 0; mi < sizeof methods / sizeof methods[0]; mi++)
            for (ei = 0; ei < 2; ei++) {
                career_options o = {.interp = methods[mi], .extrap = extraps[ei]};
                career_model *m = NULL;
                if (career_model_new(&p, &o, &m, NULL) != CAREER_OK)
                    continue; /* too few knots for the method: tested elsewhere */
                assert_status(career_salary_at_n(m, xs, batch, 301), CAREER_OK);
                for (i = 0; i < 301; i++) {
                    double one = NAN;
                    assert_status(career_salary_at(m, xs[i], &one), CAREER_OK);
                    if (memcmp(&one, &batch[i], sizeof one) != 0)
                        fail_msg("n=%zu method %zu extrap %zu x=%g: %.17g vs %.17g",
                                 n, mi, ei, xs[i], one, batch[i]);
                }
                /* and each kernel names the first bad year */
                check_bad_batch(m, xs, batch, extraps[ei]);
                career_model_free(m);
            }
    }
}

/* The scalar fast path of the common curve (clamped table, at most 5
 * knots, no cubic near overflow) against the general path on the same
 * curve, bit for bit: on and beside every knot, below and above the
 * anchors, at -0, huge and non-finite x. */
static void scalar_fast_path_is_the_general_path(void **state)
{
    static const career_interp methods[] = {CAREER_INTERP_LINEAR, CAREER_INTERP_STEFFEN,
                                            CAREER_INTERP_CSPLINE, CAREER_INTERP_AKIMA};
    career_tier tiers[8];
    size_t n, i, mi, built = 0, fast = 0;
    (void)state;
    for (n = 2; n <= 7; n++) {
        career_profile p = *career_profile_default();
        for (i = 0; i < n; i++)
            tiers[i] = (career_tier){"t", 2.385 * (double)i, 2.385 * (double)i + 1.5,
                                     50000.0 * (1.0 + 0.3 * (double)i)};
        p.tiers = tiers;
        p.ntiers = n;
        p.peak_years = n % 2 ? 0.0 : 2.385 * (double)n + 9.0; /* a knot more */
        for (mi = 0; mi < sizeof methods / sizeof methods[0]; mi++) {
            /* a fixed dispersion: no calibration to refuse the ladder */
            career_options o = {.interp = methods[mi], .dispersion = 1.0};
            career_model *m = NULL;
            careerp_curve general;
            double xs[64];
            size_t nx = 0, k;

            if (career_model_new(&p, &o, &m, NULL) != CAREER_OK)
                continue;
            built++;
            fast += (size_t)m->curve.fast;
            assert_int_equal(m->curve.fast, m->curve.n <= CAREERP_CURVE_EDGES + 2);
            general = m->curve;
            general.fast = 0;
            for (k = 0; k < m->curve.n; k++) {
                xs[nx++] = m->curve.x[k];
                xs[nx++] = nextafter(m->curve.x[k], -INFINITY);
                xs[nx++] = nextafter(m->curve.x[k], INFINITY);
                xs[nx++] = m->curve.x[k] + 0.4;
            }
            xs[nx++] = -0.0;
            xs[nx++] = -2.385;
            xs[nx++] = 1e300;
            xs[nx++] = DBL_MAX;
            xs[nx++] = INFINITY;
            xs[nx++] = -INFINITY;
            for (k = 0; k < nx; k++) {
                double a = careerp_curve_eval(&m->curve, xs[k]);
                double b = careerp_curve_eval(&general, xs[k]);
                if (memcmp(&a, &b, sizeof a) != 0)
                    fail_msg("n=%zu method %zu x=%g: %.17g vs %.17g", n, mi, xs[k], a, b);
            }
            assert_true(m_at(m, -0.0) == careerp_curve_eval(&general, 0.0));
            career_model_free(m);
        }
    }
    assert_true(built >= 18 && fast >= 8 && fast < built); /* both paths seen */
    /* Mincer and extended curves keep the general path */
    career_model *m = with_interp(CAREER_INTERP_MINCER, CAREER_EXTRAP_CLAMP);
    assert_false(m->curve.fast);
    career_model_free(m);
    m = with_interp(CAREER_INTERP_STEFFEN, CAREER_EXTRAP_EXTEND);
    assert_false(m->curve.fast);
    career_model_free(m);
}

static void akima_needs_five(void **state)
{
    career_options o = {.interp = CAREER_INTERP_AKIMA};
    career_model *m = (career_model *)&o; /* must become NULL */
    career_error err;
    (void)state;
    assert_status(career_model_new(career_profile_default(), &o, &m, &err),
                  CAREER_ERR_FIT);
    assert_null(m);
    assert_non_null(strstr(err.text, "akima"));
    assert_non_null(strstr(err.text, "5"));
}

/* Two salaried tiers: auto is linear; steffen refuses; mincer refuses. */
static void two_points_auto_linear(void **state)
{
    static const career_tier tiers[] = {
        {"a", 0, 2, 40000}, {"b", 4, 6, 60000}, {"c", 8, 10, NAN}};
    career_profile p = *career_profile_default();
    career_options o = {0};
    career_model *m = NULL;
    (void)state;
    p.tiers = tiers;
    p.ntiers = 3;
    assert_status(career_model_new(&p, &market_spread, &m, NULL), CAREER_OK);
    career_model_options(m, &o);
    assert_int_equal(o.interp, CAREER_INTERP_LINEAR);
    assert_close(m_at(m, 4.0), 50000.0, 1e-12);
    career_model_free(m);
    o = (career_options){.interp = CAREER_INTERP_STEFFEN};
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_ERR_FIT);
    o.interp = CAREER_INTERP_MINCER;
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_ERR_FIT);
}

/* Steffen never overshoots: monotone data give a monotone curve. */
static void steffen_monotone(void **state)
{
    career_model *m = test_model(NULL);
    double prev = 0.0;
    int i;
    (void)state;
    for (i = 0; i <= 4000; i++) {
        double s = m_at(m, i * 0.005);
        assert_true(s >= prev);
        assert_true(s <= 160000.0);
        prev = s;
    }
    career_model_free(m);
}

/* Extend continues the end slope: at 20 years the steffen slope at 15 (0,
 * Steffen's end condition with a flattening last segment, so check with
 * linear, whose end slope is 10500/5 = 2100 a year). */
static void extend_continues_slope(void **state)
{
    career_model *m = with_interp(CAREER_INTERP_LINEAR, CAREER_EXTRAP_EXTEND);
    (void)state;
    assert_close(m_at(m, 20.0), 160000.0 + 5.0 * 2100.0, 1e-12);
    /* below the first anchor: 100500 - 1 * 24500/4 */
    assert_close(m_at(m, 0.0), 100500.0 - 6125.0, 1e-12);
    career_model_free(m);
}

/* Extend never goes below 0: a steep start on a late first anchor. */
static void extend_floor_zero(void **state)
{
    static const career_tier tiers[] = {{"a", 0, 10, 10000}, {"b", 11, 11, 60000}};
    career_profile p = *career_profile_default();
    career_options o = {.extrap = CAREER_EXTRAP_EXTEND,
                         .dispersion = 1.0};
    career_model *m = NULL;
    double r;
    (void)state;
    p.tiers = tiers;
    p.ntiers = 2;
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_OK);
    assert_close(m_at(m, 0.0), 0.0, 1e-12);
    assert_status(career_salary_growth_rate(m, 0.0, &r), CAREER_ERR_DOMAIN);
    career_model_free(m);
}

/* d ln m/dx: on the linear curve at 2 years, 6125 / 106625. */
static void growth_rate(void **state)
{
    career_model *m = with_interp(CAREER_INTERP_LINEAR, CAREER_EXTRAP_CLAMP);
    double r = NAN;
    (void)state;
    assert_status(career_salary_growth_rate(m, 2.0, &r), CAREER_OK);
    assert_close(r, 6125.0 / 106625.0, 1e-12);
    assert_status(career_salary_growth_rate(m, 30.0, &r), CAREER_OK);
    assert_close(r + 1.0, 1.0, 1e-15); /* flat when clamped */
    career_model_free(m);
    /* mincer: d ln m/dx = b + 2 c x (numpy fit, tests/ref/core_reference.py) */
    m = with_interp(CAREER_INTERP_MINCER, CAREER_EXTRAP_CLAMP);
    assert_status(career_salary_growth_rate(m, 7.5, &r), CAREER_OK);
    assert_close(r, 0.0678535337544128 - 2 * 0.00216188642829555 * 7.5, 1e-9);
    career_model_free(m);
}

/* The slope's rule at the ends (career.h): the right-hand slope at the
 * first anchor, 0 from the last anchor on under clamp, the end slope under
 * extend. Built-in steffen: its end slopes are the end secants (Steffen's
 * one-sided rule), 24500 / 4 = 6125 at 1 year and 10500 / 5 = 2100 at 15. */
static void growth_rate_at_the_ends(void **state)
{
    career_model *m = test_model(NULL);
    double r = NAN;
    (void)state;
    assert_status(career_salary_growth_rate(m, 1.0, &r), CAREER_OK);
    assert_close(r, 6125.0 / 100500.0, 1e-12);
    assert_status(career_salary_growth_rate(m, 15.0, &r), CAREER_OK);
    assert_true(r == 0.0);
    assert_status(career_salary_growth_rate(m, 14.999, &r), CAREER_OK);
    assert_true(r > 0.0);
    career_model_free(m);
    m = with_interp(CAREER_INTERP_STEFFEN, CAREER_EXTRAP_EXTEND);
    assert_status(career_salary_growth_rate(m, 15.0, &r), CAREER_OK);
    assert_close(r, 2100.0 / 160000.0, 1e-12);
    assert_status(career_salary_growth_rate(m, 1.0, &r), CAREER_OK);
    assert_close(r, 6125.0 / 100500.0, 1e-12);
    career_model_free(m);
    m = with_interp(CAREER_INTERP_MINCER, CAREER_EXTRAP_CLAMP);
    assert_status(career_salary_growth_rate(m, 15.0, &r), CAREER_OK);
    assert_true(r == 0.0);
    career_model_free(m);
}

static career_status build_tiers(const career_tier *tiers, size_t n,
                                 career_interp interp, career_error *err)
{
    career_profile p = *career_profile_default();
    career_options o = {.interp = interp, .dispersion = 1.0};
    career_model *m = NULL;
    career_status st;
    p.tiers = tiers;
    p.ntiers = n;
    st = career_model_new(&p, &o, &m, err);
    career_model_free(m);
    return st;
}

/* A median salary is never <= 0 between the anchors: the natural
 * spline through 1000, 1e6, 1000, 1000 at 1, 2, 3, 10 years dips to about
 * -1.79e6 near 5.96 years, and must be refused, naming the interval;
 * steffen and linear never dip and build. */
static void curve_below_zero_refused(void **state)
{
    static const career_tier t[] = {{"a", 0, 1, 1000}, {"b", 1.5, 2, 1e6},
                                    {"c", 2.5, 3, 1000}, {"d", 5, 10, 1000}};
    career_error err;
    (void)state;
    assert_status(build_tiers(t, 4, CAREER_INTERP_CSPLINE, &err), CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "between the anchors at 3 and 10 years"));
    assert_status(build_tiers(t, 4, CAREER_INTERP_STEFFEN, &err), CAREER_OK);
    assert_status(build_tiers(t, 4, CAREER_INTERP_LINEAR, &err), CAREER_OK);
}

/* A Mincer parabola through anchors 1e-7 apart (ln m rising by ln 10 over
 * them, 2.3e7 a year) and back to the first salary at 2 years: its top,
 * near ln 1e6 + 2.3e7 / 4 at 1.5 years, is far past ln DBL_MAX (709),
 * although every salary is within CAREER_MAX_SALARY. */
static void mincer_overflow_refused(void **state)
{
    static const career_tier t[] = {{"a", 0, 1, 1e6},
                                    {"b", 1.00000005, 1.0000001, 1e7},
                                    {"c", 1.5, 2, 1e6}};
    career_error err;
    (void)state;
    assert_status(build_tiers(t, 3, CAREER_INTERP_MINCER, &err), CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "overflows"));
    assert_non_null(strstr(err.text, "between the anchors at 1.0000001 and 2 years"));
}

static void inverse(void **state)
{
    career_model *m = test_model(NULL);
    double x = NAN;
    (void)state;
    assert_status(career_years_to_salary(m, 125000.0, &x), CAREER_OK);
    assert_close(x, 5.0, 1e-12);
    assert_status(career_years_to_salary(m, 106727.0833333333, &x), CAREER_OK);
    assert_close(x, 2.0, 1e-9);
    assert_status(career_years_to_salary(m, 50000.0, &x), CAREER_OK);
    assert_close(x + 1.0, 1.0, 1e-15); /* already at 0 years */
    assert_status(career_years_to_salary(m, 160000.0, &x), CAREER_OK);
    assert_close(x, 15.0, 1e-12);
    assert_status(career_years_to_salary(m, 160000.01, &x), CAREER_ERR_DOMAIN);
    assert_status(career_years_to_salary(m, 0.0, &x), CAREER_ERR_DOMAIN);
    assert_status(career_years_to_salary(m, NAN, &x), CAREER_ERR_ARG);
    assert_status(career_years_to_salary(m, 1e5, NULL), CAREER_ERR_ARG);
    career_model_free(m);
    /* extend reaches any salary: linear end slope 2100 a year past 15 y */
    m = with_interp(CAREER_INTERP_LINEAR, CAREER_EXTRAP_EXTEND);
    assert_status(career_years_to_salary(m, 181000.0, &x), CAREER_OK);
    assert_close(x, 25.0, 1e-12);
    assert_status(career_years_to_salary(m, 100000.0, &x), CAREER_OK);
    assert_close(x, 1.0 - 500.0 / 6125.0, 1e-12);
    career_model_free(m);
}

/* The inverse of a curve that rises, dips, and rises again finds the first
 * crossing: a cspline through a hump. */
static void inverse_first_crossing(void **state)
{
    static const career_tier tiers[] = {
        {"a", 0, 0, 50000}, {"b", 1, 2, 90000}, {"c", 3, 4, 60000},
        {"d", 5, 6, 100000}};
    career_profile p = *career_profile_default();
    career_options o = {.interp = CAREER_INTERP_CSPLINE,
                         .dispersion = 1.0};
    career_model *m = NULL;
    double x = NAN, s;
    (void)state;
    p.tiers = tiers;
    p.ntiers = 4;
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_OK);
    assert_status(career_years_to_salary(m, 70000.0, &x), CAREER_OK);
    assert_true(x < 2.0);
    assert_close(m_at(m, x), 70000.0, 1e-9);
    assert_status(career_years_to_salary(m, 95000.0, &x), CAREER_OK);
    s = m_at(m, x);
    assert_true(s >= 95000.0 * (1 - 1e-12));
    assert_true(x > 2.0);
    career_model_free(m);
    /* mincer: concave, its top (x = b / 2|c| = 15.7) past the last anchor,
     * so 160,000 is reached inside and 160,100 never (clamped at 160,044.9) */
    o.interp = CAREER_INTERP_MINCER;
    m = test_model(&o);
    assert_status(career_years_to_salary(m, 160000.0, &x), CAREER_OK);
    assert_true(x > 10.0 && x < 15.0);
    assert_close(m_at(m, x), 160000.0, 1e-9);
    assert_status(career_years_to_salary(m, 160100.0, &x), CAREER_ERR_DOMAIN);
    career_model_free(m);
}

static void batch(void **state)
{
    career_model *m = test_model(NULL);
    double xs[] = {0.0, 2.0, 5.0, 7.5, 12.0, 20.0}, out[6], one;
    size_t i;
    (void)state;
    assert_status(career_salary_at_n(m, xs, out, 6), CAREER_OK);
    for (i = 0; i < 6; i++) {
        assert_status(career_salary_at(m, xs[i], &one), CAREER_OK);
        assert_true(out[i] == one);
    }
    assert_status(career_salary_at_n(m, NULL, NULL, 0), CAREER_OK);
    assert_status(career_salary_at_n(m, NULL, out, 1), CAREER_ERR_ARG);
    xs[3] = NAN;
    assert_status(career_salary_at_n(m, xs, out, 6), CAREER_ERR_ARG);
    xs[3] = -1.0;
    assert_status(career_salary_at_n(m, xs, out, 6), CAREER_ERR_DOMAIN);
    career_model_free(m);
}

static void bad_years(void **state)
{
    career_model *m = test_model(NULL);
    double s = 2.385, r;
    (void)state;
    assert_status(career_salary_at(m, NAN, &s), CAREER_ERR_ARG);
    assert_status(career_salary_at(m, INFINITY, &s), CAREER_ERR_ARG);
    assert_status(career_salary_at(m, -INFINITY, &s), CAREER_ERR_ARG);
    assert_status(career_salary_at(m, -0.5, &s), CAREER_ERR_DOMAIN);
    assert_status(career_salary_at(m, -0.0, &s), CAREER_OK);
    assert_status(career_salary_at(NULL, 1.0, &s), CAREER_ERR_ARG);
    assert_status(career_salary_at(m, 1.0, NULL), CAREER_ERR_ARG);
    assert_status(career_salary_at(m, 1e308, &s), CAREER_OK);
    assert_close(s, 160000.0, 1e-12);
    assert_status(career_salary_growth_rate(m, NAN, &r), CAREER_ERR_ARG);
    assert_status(career_salary_growth_rate(NULL, 1.0, &r), CAREER_ERR_ARG);
    career_model_free(m);
}

/* ---- the peak past the last anchor (docs/model.md §3) ------------------- */

/* The built-in tiers with the top one at 155,000, and a peak at 30 years.
 * By hand: the last secant (Steffen's end slope) is (155,000 - 149,500) /
 * 5 = 1,100 a year; over T = 30 - 15 years the quadratic rises by
 * 1,100 T / 2 = 8,250 to 163,250; m(20) = 155,000 + 1,100 * 5 -
 * 1,100 * 25 / 30 = 159,583.33..., and its slope 1,100 (1 - 5 / 15). */
static career_model *peaked(double p90, double peak)
{
    static const career_tier tiers[] = {
        {"a", 0, 1, 100500}, {"b", 3, 5, 125000}, {"c", 8, 10, 149500},
        {"d", 12, 15, 155000}};
    career_quantile q[3] = {{0.10, 90000}, {0.50, 125000}, {0.90, 0}};
    career_profile p = *career_profile_default();
    career_options o = {.dispersion = 1.0};
    career_model *m = NULL;

    q[2].salary = p90;
    p.tiers = tiers;
    p.quantiles = q;
    p.peak_years = peak;
    assert_status(career_model_new(&p, &o, &m, NULL), CAREER_OK);
    return m;
}

static void peak_continues_the_curve(void **state)
{
    career_model *m = peaked(200000.0, 30.0);
    double r, x;
    (void)state;
    assert_close(m_at(m, 10.0), 149500.0, 1e-12); /* the anchors hold */
    assert_close(m_at(m, 15.0), 155000.0, 1e-12);
    assert_close(m_at(m, 20.0), 159583.0 + 1.0 / 3.0, 1e-12);
    assert_close(m_at(m, 30.0), 163250.0, 1e-12);
    assert_close(m_at(m, 45.0), 163250.0, 1e-12); /* flat from the peak */
    assert_status(career_salary_growth_rate(m, 20.0, &r), CAREER_OK);
    assert_close(r, 1100.0 * (1.0 - 5.0 / 15.0) / (159583.0 + 1.0 / 3.0),
                 1e-12);
    /* the inverse of the quadratic: 155,000 + 1,100 t - 1,100 t^2 / 30 =
     * 161,000 at t = 15 - sqrt(225 - 6,000 * 30 / 1,100) = 7.166... */
    assert_status(career_years_to_salary(m, 161000.0, &x), CAREER_OK);
    assert_close(x, 15.0 + 15.0 - sqrt(225.0 - 6000.0 * 30.0 / 1100.0),
                 1e-9);
    assert_status(career_years_to_salary(m, 170000.0, &x),
                  CAREER_ERR_DOMAIN);
    career_model_free(m);
}

/* A peak above the market's 90th percentile comes earlier, at it: with
 * p90 = 160,000 the rise of 5,000 takes T = 2 * 5,000 / 1,100 = 9.0909
 * years, and m(20) = 155,000 + 5,500 - 1,100 * 25 / (2 T) = 158,987.5. */
static void peak_capped_by_the_market(void **state)
{
    career_model *m = peaked(160000.0, 30.0);
    (void)state;
    assert_close(m_at(m, 20.0), 158987.5, 1e-12);
    assert_close(m_at(m, 15.0 + 10000.0 / 1100.0), 160000.0, 1e-12);
    assert_close(m_at(m, 40.0), 160000.0, 1e-12);
    career_model_free(m);
}

/* A peak is refused before the last anchor, and ignored where the curve
 * is extended or does not rise at its end. */
static void peak_rules(void **state)
{
    career_profile p = *career_profile_default();
    career_options ext = {.extrap = CAREER_EXTRAP_EXTEND};
    career_model *m = NULL;
    career_error err;
    (void)state;
    p.peak_years = 14.0;
    assert_status(career_model_new(&p, NULL, &m, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "curve.peak_years"));
    p.peak_years = NAN;
    assert_status(career_model_new(&p, NULL, &m, &err), CAREER_ERR_ARG);
    p.peak_years = 30.0;
    assert_status(career_model_new(&p, &ext, &m, &err), CAREER_OK);
    /* EXTEND: the end slope 2,100 a year goes on, no peak */
    assert_close(m_at(m, 20.0), 160000.0 + 5.0 * 2100.0, 1e-12);
    career_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steffen_reference),
        cmocka_unit_test(linear_by_hand),
        cmocka_unit_test(cspline_reference),
        cmocka_unit_test(mincer_reference),
        cmocka_unit_test(table_equals_gsl),
        cmocka_unit_test(table_equals_gsl_straight_and_falling),
        cmocka_unit_test(every_knot_count),
        cmocka_unit_test(akima_needs_five),
        cmocka_unit_test(two_points_auto_linear),
        cmocka_unit_test(steffen_monotone),
        cmocka_unit_test(extend_continues_slope),
        cmocka_unit_test(extend_floor_zero),
        cmocka_unit_test(growth_rate),
        cmocka_unit_test(growth_rate_at_the_ends),
        cmocka_unit_test(curve_below_zero_refused),
        cmocka_unit_test(mincer_overflow_refused),
        cmocka_unit_test(inverse),
        cmocka_unit_test(inverse_first_crossing),
        cmocka_unit_test(batch),
        cmocka_unit_test(bad_years),
        cmocka_unit_test(peak_continues_the_curve),
        cmocka_unit_test(peak_capped_by_the_market),
        cmocka_unit_test(peak_rules),
        cmocka_unit_test(scalar_fast_path_is_the_general_path),
    };
    gsl_set_error_handler_off(); /* tests may; the library never does */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
