/* test_ladder.c - tiers: which one, the next one, progress through one.
 * Reference: the built-in ladder of docs/model.md §2 (0, 3, 8, 12 y). */
#include "util.h"

#include <string.h>

static size_t tier(const career_model *m, double x)
{
    size_t t = 99;
    assert_status(career_tier_at(m, x, &t), CAREER_OK);
    return t;
}

static void tier_at_boundaries(void **state)
{
    career_model *m = test_model(NULL);
    (void)state;
    assert_int_equal(tier(m, 0.0), 0);
    assert_int_equal(tier(m, 2.999), 0);
    assert_int_equal(tier(m, 3.0), 1);
    assert_int_equal(tier(m, 7.5), 1);
    assert_int_equal(tier(m, 8.0), 2);
    assert_int_equal(tier(m, 11.99), 2);
    assert_int_equal(tier(m, 12.0), 3);
    assert_int_equal(tier(m, 40.0), 3);
    assert_int_equal(tier(m, 1e300), 3);
    assert_int_equal(tier(m, -0.0), 0);
    career_model_free(m);
}

static void tier_info(void **state)
{
    career_model *m = test_model(NULL);
    career_tier t;
    (void)state;
    assert_int_equal(career_tier_count(m), 4);
    assert_int_equal(career_tier_count(NULL), 0);
    assert_status(career_tier_info(m, 3, &t), CAREER_OK);
    assert_string_equal(t.name, "Lead Performance Architect / Principal Architect");
    assert_close(t.min_years, 12.0, 0.0);
    assert_close(t.anchor_years, 15.0, 0.0);
    assert_close(t.salary, 160000.0, 0.0);
    assert_status(career_tier_info(m, 4, &t), CAREER_ERR_NOT_FOUND);
    assert_status(career_tier_info(m, SIZE_MAX, &t), CAREER_ERR_NOT_FOUND);
    assert_status(career_tier_info(m, 0, NULL), CAREER_ERR_ARG);
    assert_status(career_tier_info(NULL, 0, &t), CAREER_ERR_ARG);
    career_model_free(m);
}

static void next_tier(void **state)
{
    career_model *m = test_model(NULL);
    size_t next = 99;
    double left = NAN;
    (void)state;
    assert_status(career_next_tier(m, 1.25, &next, &left), CAREER_OK);
    assert_int_equal(next, 1);
    assert_close(left, 1.75, 1e-15);
    assert_status(career_next_tier(m, 8.0, &next, &left), CAREER_OK);
    assert_int_equal(next, 3);
    assert_close(left, 4.0, 1e-15);
    assert_status(career_next_tier(m, 12.0, &next, &left), CAREER_ERR_NOT_FOUND);
    assert_status(career_next_tier(m, -1.0, &next, &left), CAREER_ERR_DOMAIN);
    assert_status(career_next_tier(m, NAN, &next, &left), CAREER_ERR_ARG);
    assert_status(career_next_tier(m, 1.0, NULL, &left), CAREER_ERR_ARG);
    assert_status(career_next_tier(m, 1.0, &next, NULL), CAREER_ERR_ARG);
    career_model_free(m);
}

/* Tier 1 spans [3, 8): 5.5 y is half-way. The open last tier spans
 * 2 x (15 - 12) = 6 y: 13.5 y is a quarter of it, 30 y is capped at 1. */
static void progress(void **state)
{
    career_model *m = test_model(NULL);
    double f = NAN;
    (void)state;
    assert_status(career_tier_progress(m, 5.5, &f), CAREER_OK);
    assert_close(f, 0.5, 1e-15);
    assert_status(career_tier_progress(m, 0.0, &f), CAREER_OK);
    assert_close(f + 1.0, 1.0, 1e-15);
    assert_status(career_tier_progress(m, 13.5, &f), CAREER_OK);
    assert_close(f, 0.25, 1e-15);
    assert_status(career_tier_progress(m, 30.0, &f), CAREER_OK);
    assert_close(f, 1.0, 0.0);
    assert_status(career_tier_progress(m, INFINITY, &f), CAREER_ERR_ARG);
    assert_status(career_tier_progress(m, -2.0, &f), CAREER_ERR_DOMAIN);
    assert_status(career_tier_progress(NULL, 2.0, &f), CAREER_ERR_ARG);
    career_model_free(m);
}

/* A last tier whose anchor is its start: the span is 0, the fraction 1. */
static void progress_zero_span(void **state)
{
    static const career_tier tiers[] = {{"a", 0, 1, 50000}, {"b", 5, 5, 70000}};
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    double f;
    (void)state;
    p.tiers = tiers;
    p.ntiers = 2;
    assert_status(career_model_new(&p, &market_spread, &m, NULL), CAREER_OK);
    assert_status(career_tier_progress(m, 5.0, &f), CAREER_OK);
    assert_close(f, 1.0, 0.0);
    career_model_free(m);
}

static void bad_arguments(void **state)
{
    career_model *m = test_model(NULL);
    size_t t = 77;
    (void)state;
    assert_status(career_tier_at(m, NAN, &t), CAREER_ERR_ARG);
    assert_status(career_tier_at(m, -INFINITY, &t), CAREER_ERR_ARG);
    assert_status(career_tier_at(m, -1e-300, &t), CAREER_ERR_DOMAIN);
    assert_status(career_tier_at(NULL, 1.0, &t), CAREER_ERR_ARG);
    assert_status(career_tier_at(m, 1.0, NULL), CAREER_ERR_ARG);
    assert_int_equal(t, 77);
    career_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tier_at_boundaries), cmocka_unit_test(tier_info),
        cmocka_unit_test(next_tier),          cmocka_unit_test(progress),
        cmocka_unit_test(progress_zero_span), cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
