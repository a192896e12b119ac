/* test_alloc.c - queries allocate nothing. The Makefile links this program
 * with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every allocation
 * made by libcareer's objects (and this file) passes through a counter. */
#include "util.h"

#include <stdlib.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static size_t allocations;

void *__wrap_malloc(size_t size)
{
    allocations++;
    return __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    allocations++;
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    allocations++;
    return __real_realloc(p, size);
}

/* Every query of a model, metalog and lognormal, scalar and batch, and the
 * deterministic projection (the Monte Carlo allocates its work space, by
 * contract, once per run). */
static void run_queries(const career_model *m)
{
    double xs[64], out[64], v, w;
    size_t i, t;

    for (i = 0; i < 64; i++)
        xs[i] = 0.37 * (double)i;
    assert_status(career_salary_at_n(m, xs, out, 64), CAREER_OK);
    for (i = 0; i < 64; i++) {
        assert_status(career_salary_at(m, xs[i], &v), CAREER_OK);
        assert_status(career_tier_at(m, xs[i], &t), CAREER_OK);
        assert_status(career_tier_progress(m, xs[i], &v), CAREER_OK);
        assert_status(career_salary_growth_rate(m, xs[i], &v), CAREER_OK);
        assert_status(career_quantile_at(m, xs[i], 0.3, &v), CAREER_OK);
        assert_status(career_percentile_at(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_compa_ratio(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_range_penetration(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_market_quantile(m, 0.01 + 0.015 * (double)i, &v), CAREER_OK);
        assert_status(career_market_percentile(m, 5e4 + 2e3 * (double)i, &w), CAREER_OK);
    }
    assert_status(career_years_to_salary(m, 1.3e5, &v), CAREER_OK);
    {
        career_projection_row rows[3 * 41];
        career_projection_options po = {.horizon = 40, .inflation = 0.02,
                                        .discount = 0.03, .start_years = 2.0};
        long years[4], year;
        assert_status(career_project(m, &po, rows, 41), CAREER_OK);
        assert_status(career_projection_tier_years(rows, 41, years, 4), CAREER_OK);
        assert_status(career_projection_target_year(rows, 41, 1.5e5, &year), CAREER_OK);
        assert_status(career_project_scenarios(m, &po, NULL, rows, 41), CAREER_OK);
    }
    assert_status(career_next_tier(m, 4.0, &t, &v), CAREER_OK);
}

static void queries_do_not_allocate(void **state)
{
    career_options lognormal = {.dist = CAREER_DIST_LOGNORMAL,
                                .interp = CAREER_INTERP_MINCER};
    career_model *a = test_model(NULL), *b = test_model(&lognormal);
    size_t before;
    (void)state;
    assert_true(allocations > 0); /* the counter does count: models were built */
    before = allocations;
    run_queries(a);
    run_queries(b);
    assert_int_equal(allocations, before);
    career_model_free(a);
    career_model_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queries_do_not_allocate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
