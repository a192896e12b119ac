/* test_batch.c - the batch forms of the per-row queries (lib/core/batch.c):
 * each row is its scalar query's answer, bit for bit; the first bad row's
 * status wins; NULL arrays and n = 0 follow the header's rule. The
 * reference is the scalar query itself, called row by row here. */
#include "util.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#define N 257

/* Rows spread over the domain by a fixed linear congruential sequence. */
static double uniform(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

static void fill(double *years, double *salary, double *p)
{
    unsigned long s = 2385;
    size_t i;

    for (i = 0; i < N; i++) {
        years[i] = 40.0 * uniform(&s);
        salary[i] = 80000.0 + 100000.0 * uniform(&s);
        p[i] = 0.001 + 0.998 * uniform(&s);
    }
}

typedef career_status one_fn(const career_model *, double, double *);
typedef career_status one_n(const career_model *, const double *, double *,
                            size_t);
typedef career_status two_fn(const career_model *, double, double, double *);
typedef career_status two_n(const career_model *, const double *,
                            const double *, double *, size_t);

static void same_one(const career_model *m, one_fn *f, one_n *fn,
                     const double *in)
{
    double out[N], want;
    size_t i;

    assert_status(fn(m, in, out, N), CAREER_OK);
    for (i = 0; i < N; i++) {
        assert_status(f(m, in[i], &want), CAREER_OK);
        assert_memory_equal(&out[i], &want, sizeof want);
    }
}

static void same_two(const career_model *m, two_fn *f, two_n *fn,
                     const double *a, const double *b)
{
    double out[N], want;
    size_t i;

    assert_status(fn(m, a, b, out, N), CAREER_OK);
    for (i = 0; i < N; i++) {
        assert_status(f(m, a[i], b[i], &want), CAREER_OK);
        assert_memory_equal(&out[i], &want, sizeof want);
    }
}

static void rows_equal_scalar(void **state)
{
    career_model *m = *state;
    double years[N], salary[N], p[N], reach[N];
    size_t tiers[N], t, i;

    fill(years, salary, p);
    for (i = 0; i < N; i++)
        reach[i] = 100600.0 + 59000.0 * p[i]; /* within m's range */
    same_one(m, career_tier_progress, career_tier_progress_n, years);
    same_one(m, career_salary_growth_rate, career_salary_growth_rate_n,
             years);
    same_one(m, career_years_to_salary, career_years_to_salary_n, reach);
    same_one(m, career_market_quantile, career_market_quantile_n, p);
    same_one(m, career_market_percentile, career_market_percentile_n,
             salary);
    same_one(m, career_mixture_percentile, career_mixture_percentile_n,
             salary);
    same_two(m, career_quantile_at, career_quantile_at_n, years, p);
    same_two(m, career_percentile_at, career_percentile_at_n, years, salary);
    same_two(m, career_compa_ratio, career_compa_ratio_n, years, salary);
    same_two(m, career_range_penetration, career_range_penetration_n, years,
             salary);
    assert_status(career_tier_at_n(m, years, tiers, N), CAREER_OK);
    for (i = 0; i < N; i++) {
        assert_status(career_tier_at(m, years[i], &t), CAREER_OK);
        assert_int_equal(tiers[i], t);
    }
}

/* The first bad row decides: a negative year (DOMAIN) at row 3 before a
 * NaN (ARG) at row 7, and the NaN alone. */
static void first_bad_row_wins(void **state)
{
    career_model *m = *state;
    double years[N], salary[N], p[N], out[N];
    size_t tiers[N];

    fill(years, salary, p);
    years[7] = NAN;
    assert_status(career_quantile_at_n(m, years, p, out, N), CAREER_ERR_ARG);
    assert_status(career_tier_at_n(m, years, tiers, N), CAREER_ERR_ARG);
    years[3] = -2.385;
    assert_status(career_quantile_at_n(m, years, p, out, N),
                  CAREER_ERR_DOMAIN);
    assert_status(career_salary_growth_rate_n(m, years, out, N),
                  CAREER_ERR_DOMAIN);
    p[1] = 1.0;
    assert_status(career_market_quantile_n(m, p, out, N), CAREER_ERR_DOMAIN);
    salary[0] = 0.0;
    assert_status(career_market_percentile_n(m, salary, out, N),
                  CAREER_ERR_DOMAIN);
    assert_status(career_compa_ratio_n(m, years, salary, out, N),
                  CAREER_ERR_DOMAIN);
}

/* The lognormal market's percentiles take a loop of their own: the same
 * bits as the scalar query, and against GSL's Phi (Cody's rational
 * approximations, a computation apart from the library's erfc) within
 * 1e-14 relative; the first bad salary still wins. */
static void lognormal_percentiles(void **state)
{
    career_options o = {.dist = CAREER_DIST_LOGNORMAL};
    career_model *m = NULL;
    career_market_fit fit;
    double years[N], salary[N], p[N], out[N], want;
    size_t i;

    (void)state;
    assert_status(career_model_new(career_profile_default(), &o, &m, NULL),
                  CAREER_OK);
    fill(years, salary, p);
    salary[0] = 1.0;   /* z near -50: both subnormal or 0, compared below */
    salary[1] = 1e9;   /* z near +40: 1 */
    same_one(m, career_market_percentile, career_market_percentile_n,
             salary);
    career_market_fit_info(m, &fit);
    assert_status(career_market_percentile_n(m, salary, out, N), CAREER_OK);
    for (i = 1; i < N; i++) {
        want = gsl_cdf_ugaussian_P((log(salary[i]) - fit.mu) / fit.sigma);
        assert_true(fabs(out[i] / want - 1.0) < 1e-14);
    }
    assert_true(out[0] >= 0.0 && out[0] < 1e-300);
    salary[3] = -1.0;
    salary[5] = NAN;
    assert_status(career_market_percentile_n(m, salary, out, N),
                  CAREER_ERR_DOMAIN);
    career_model_free(m);
}

static void null_and_empty(void **state)
{
    career_model *m = *state;
    double x = 5.0, out;
    size_t t;

    assert_status(career_market_quantile_n(m, NULL, NULL, 0), CAREER_OK);
    assert_status(career_range_penetration_n(m, NULL, NULL, NULL, 0),
                  CAREER_OK);
    assert_status(career_tier_at_n(m, NULL, NULL, 0), CAREER_OK);
    assert_status(career_market_quantile_n(m, NULL, &out, 1), CAREER_ERR_ARG);
    assert_status(career_compa_ratio_n(m, &x, NULL, &out, 1), CAREER_ERR_ARG);
    assert_status(career_tier_at_n(m, &x, NULL, 1), CAREER_ERR_ARG);
    assert_status(career_tier_at_n(NULL, &x, &t, 1), CAREER_ERR_ARG);
    assert_status(career_years_to_salary_n(NULL, &x, &out, 0),
                  CAREER_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rows_equal_scalar, test_setup_model,
                                        test_teardown_model),
        cmocka_unit_test_setup_teardown(first_bad_row_wins, test_setup_model,
                                        test_teardown_model),
        cmocka_unit_test(lognormal_percentiles),
        cmocka_unit_test_setup_teardown(null_and_empty, test_setup_model,
                                        test_teardown_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
