/* test_project.c - the deterministic projection (lib/project.c).
 *
 * Reference values: docs/model.md §8's to the digits given,
 * and our own from tests/ref/project_ref.py, an independent plain-python
 * reimplementation (Steffen slopes, exact 3-term metalog, CDF by bisection),
 * asserted to 1e-9 relative. */
#include "util.h"

#include <string.h>

#define GUARD_BYTE 0xA5

static int untouched(const void *p, size_t n)
{
    return test_bytes_are(p, n, GUARD_BYTE);
}

/* ---- reference values ------------------------------------------------- */

static void model_reference_defaults(void **state)
{
    career_projection_row rows[11];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, rows, 11), CAREER_OK);
    /* docs/model.md §8's figures, within half a unit of their last digit. */
    assert_close(rows[5].salary, 131101.106, 4e-9);
    assert_close(rows[10].salary, 164450.000, 4e-9);
    assert_close(rows[10].cumulative, 1440848.52, 4e-9);
    assert_close(rows[10].market_percentile, 0.824136, 6e-7);
    assert_close(rows[0].market_percentile, 0.182774, 3e-6);
    /* project_ref.py, to 1e-9. */
    assert_close(rows[5].salary, 131101.106021, 1e-9);
    assert_close(rows[0].market_percentile, 0.182773937, 1e-8);
    assert_close(rows[10].market_percentile, 0.824135997, 1e-8);
    assert_close(rows[3].salary, 116300.517609, 1e-9);
    assert_close(rows[7].market_percentile, 0.664124472, 1e-8);
    for (unsigned t = 0; t <= 10; t++) {
        assert_int_equal(rows[t].year, t);
        assert_close(rows[t].years, (double)t, 0);
        /* pi = 0 and r = 0: real = nominal, present value = cumulative */
        assert_close(rows[t].real_salary, rows[t].salary, 1e-15);
        assert_close(rows[t].present_value, rows[t].cumulative, 1e-15);
    }
    assert_close(rows[0].salary, 100500.0, 1e-15);
}

static void model_reference_with_inflation(void **state)
{
    career_projection_options o = {.start_years = 2, .start_salary = 110000,
                                   .horizon = 15, .inflation = 0.025,
                                   .discount = 0.03};
    career_projection_row rows[16];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 16), CAREER_OK);
    assert_close(rows[15].salary, 275540.24, 2e-8);
    assert_close(rows[15].real_salary, 190251.05, 3e-8);
    assert_close(rows[15].present_value, 2427892.70, 3e-9);
    assert_close(rows[8].market_percentile, 0.862146, 6e-7);
    /* project_ref.py */
    assert_close(rows[0].salary, 110000.0, 1e-15);
    assert_close(rows[15].salary, 275540.241909, 1e-9);
    assert_close(rows[15].cumulative, 3115474.453835, 1e-9);
    assert_close(rows[8].market_percentile, 0.862145938, 1e-8);
    assert_close(rows[0].market_percentile, 0.287432111, 1e-8);
    assert_close(rows[6].present_value, 911690.894801, 1e-9);
    assert_close(rows[15].years, 17.0, 0);
    assert_int_equal(rows[15].tier, 3);
}

/* Every option away from its default (high-entropy values). */
static void own_reference_all_options(void **state)
{
    career_projection_options o = {.start_years = 4.5, .horizon = 20,
                                   .growth = 0.30, .growth_years = 5,
                                   .elasticity = 0.8, .inflation = 0.02,
                                   .discount = 0.05};
    career_projection_row rows[21];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 21), CAREER_OK);
    assert_close(rows[0].salary, 122145.920139, 1e-9); /* m(4.5) */
    assert_close(rows[3].market_percentile, 0.699730393, 1e-8);
    assert_close(rows[9].real_salary, 229499.794425, 1e-9);
    assert_close(rows[20].salary, 550480.761072, 1e-9);
    assert_close(rows[20].real_salary, 370457.771629, 1e-9);
    assert_close(rows[20].cumulative, 6475083.153961, 1e-9);
    assert_close(rows[20].present_value, 3661534.779173, 1e-9);
    /* Past the last anchor the curve is flat at 160,000 = Q(0.9). */
    assert_close(rows[11].market_percentile, 0.9, 1e-10);
    assert_close(rows[4].years, 8.5, 0);
    assert_int_equal(rows[4].tier, 2);
    assert_int_equal(rows[3].tier, 1);
}

/* growth 0 given (CAREER_PROJ_GROWTH_GIVEN): explicitly no demand growth. */
static void own_reference_no_growth(void **state)
{
    career_projection_options o = {.start_years = 1, .start_salary = 97000,
                                   .horizon = 12, .growth = 0,
                                   .growth_years = 1,
                                   .flags = CAREER_PROJ_GROWTH_GIVEN};
    career_projection_row rows[13];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 13), CAREER_OK);
    assert_close(rows[0].market_percentile, 0.151387470, 1e-8);
    assert_close(rows[5].salary, 126012.705362, 1e-9);
    assert_close(rows[12].salary, 151022.726368, 1e-9);
    assert_close(rows[12].cumulative, 1670492.175788, 1e-9);
    assert_close(rows[12].market_percentile, 0.837668517, 1e-8);
}

/* A location factor scales every salary; positions do not move. */
static void location_factor_scales_money_only(void **state)
{
    career_options mo = {.location_factor = 1.237};
    career_model *local = test_model(&mo);
    career_projection_row a[11], b[11];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, a, 11), CAREER_OK);
    assert_status(career_project(local, NULL, b, 11), CAREER_OK);
    for (int t = 0; t <= 10; t++) {
        assert_close(b[t].salary, 1.237 * a[t].salary, 1e-12);
        assert_close(b[t].present_value, 1.237 * a[t].present_value, 1e-12);
        assert_close(b[t].market_percentile, a[t].market_percentile, 1e-9);
    }
    career_model_free(local);
}

static void zero_options_are_null_options(void **state)
{
    career_projection_options zero = {0};
    career_projection_row a[11], b[11];
    const career_model *model = *state; /* test_setup_model */

    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    assert_status(career_project(model, NULL, a, 11), CAREER_OK);
    assert_status(career_project(model, &zero, b, 11), CAREER_OK);
    assert_memory_equal(a, b, sizeof a);
}

static void longest_horizon(void **state)
{
    career_projection_options o = {.horizon = CAREER_MAX_HORIZON,
                                   .inflation = 0.031};
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, CAREER_MAX_HORIZON + 1),
                  CAREER_OK);
    assert_int_equal(rows[CAREER_MAX_HORIZON].year, CAREER_MAX_HORIZON);
    for (int t = 1; t <= CAREER_MAX_HORIZON; t++)
        assert_true(rows[t].salary > rows[t - 1].salary);
}

/* ---- tier timeline and target year ------------------------------------ */

static void tier_timeline(void **state)
{
    career_projection_options o = {.horizon = 15};
    career_projection_row rows[16];
    long years[CAREER_MAX_TIERS];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, rows, 16), CAREER_OK);
    /* Tiers start at 0, 3, 8 and 12 years: the last is beyond 10. */
    assert_status(career_projection_tier_years(rows, 11, years, 4), CAREER_OK);
    assert_int_equal(years[0], 0);
    assert_int_equal(years[1], 3);
    assert_int_equal(years[2], 8);
    assert_int_equal(years[3], CAREER_NEVER);

    assert_status(career_project(model, &o, rows, 16), CAREER_OK);
    assert_status(career_projection_tier_years(rows, 16, years, 4), CAREER_OK);
    assert_int_equal(years[3], 12);
    /* Fewer tiers is fine; more than the model has are never reached. */
    years[2] = 77;
    assert_status(career_projection_tier_years(rows, 16, years, 2), CAREER_OK);
    assert_int_equal(years[2], 77);
    assert_status(career_projection_tier_years(rows, 16, years,
                                               CAREER_MAX_TIERS),
                  CAREER_OK);
    assert_int_equal(years[4], CAREER_NEVER);
    assert_int_equal(years[CAREER_MAX_TIERS - 1], CAREER_NEVER);
}

static void tier_timeline_from_mid_career(void **state)
{
    career_projection_options o = {.start_years = 9.25, .horizon = 5};
    career_projection_row rows[6];
    long years[4];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 6), CAREER_OK);
    assert_status(career_projection_tier_years(rows, 6, years, 4), CAREER_OK);
    assert_int_equal(years[0], 0);
    assert_int_equal(years[1], 0);
    assert_int_equal(years[2], 0);
    assert_int_equal(years[3], 3); /* 12.25 years */
}

static void tier_timeline_bad_arguments(void **state)
{
    career_projection_row rows[11];
    long years[CAREER_MAX_TIERS + 1];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, rows, 11), CAREER_OK);
    assert_status(career_projection_tier_years(NULL, 11, years, 4),
                  CAREER_ERR_ARG);
    assert_status(career_projection_tier_years(rows, 11, NULL, 4),
                  CAREER_ERR_ARG);
    assert_status(career_projection_tier_years(rows, 0, years, 4),
                  CAREER_ERR_ARG);
    assert_status(career_projection_tier_years(rows, 11, years,
                                               CAREER_MAX_TIERS + 1),
                  CAREER_ERR_ARG);
}

static void target_year(void **state)
{
    career_projection_row rows[11];
    long year = 0;
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, rows, 11), CAREER_OK);
    assert_status(career_projection_target_year(rows, 11, 150000, &year),
                  CAREER_OK);
    assert_int_equal(year, 8); /* 152,208.89 at t = 8, 145,342.43 at 7 */
    assert_status(career_projection_target_year(rows, 11, 100500, &year),
                  CAREER_OK);
    assert_int_equal(year, 0);
    assert_status(career_projection_target_year(rows, 11, 164000, &year),
                  CAREER_OK);
    assert_int_equal(year, 10);
    assert_status(career_projection_target_year(rows, 11, 200000, &year),
                  CAREER_OK);
    assert_int_equal(year, CAREER_NEVER);

    year = 5;
    assert_status(career_projection_target_year(rows, 11, 0.0, &year),
                  CAREER_ERR_DOMAIN);
    assert_status(career_projection_target_year(rows, 11, -2.385, &year),
                  CAREER_ERR_DOMAIN);
    assert_status(career_projection_target_year(rows, 11, NAN, &year),
                  CAREER_ERR_ARG);
    assert_status(career_projection_target_year(rows, 11, INFINITY, &year),
                  CAREER_ERR_ARG);
    assert_status(career_projection_target_year(NULL, 11, 1e5, &year),
                  CAREER_ERR_ARG);
    assert_status(career_projection_target_year(rows, 0, 1e5, &year),
                  CAREER_ERR_ARG);
    assert_status(career_projection_target_year(rows, 11, 1e5, NULL),
                  CAREER_ERR_ARG);
    assert_int_equal(year, 5);
}

/* ---- scenarios -------------------------------------------------------- */

static void scenarios_default_growths(void **state)
{
    enum { EACH = 13 };
    career_projection_row rows[3 * EACH], base[11];
    const career_model *model = *state; /* test_setup_model */

    memset(rows, GUARD_BYTE, sizeof rows);
    assert_status(career_project_scenarios(model, NULL, NULL, rows, EACH),
                  CAREER_OK);
    /* 10 % x 0.5, x 1, x 1.5 over 10 years, all on the flat 149,500 x ... */
    assert_close(rows[10].salary, 156975.0, 1e-12);
    assert_close(rows[EACH + 10].salary, 164450.0, 1e-12);
    assert_close(rows[2 * EACH + 10].salary, 171925.0, 1e-12);
    assert_true(rows[10].salary < rows[EACH + 10].salary);
    assert_true(rows[EACH + 10].salary < rows[2 * EACH + 10].salary);
    /* The base block is the plain projection, bit for bit. */
    assert_status(career_project(model, NULL, base, 11), CAREER_OK);
    assert_memory_equal(&rows[EACH], base, sizeof base);
    /* Rows 11 and 12 of each block are not ours. */
    for (int k = 0; k < 3; k++)
        assert_true(untouched(&rows[k * EACH + 11], 2 * sizeof *rows));
}

static void scenarios_given_growths(void **state)
{
    const double growth[3] = {-0.05, 0.2385, 0.61};
    career_projection_options o = {.start_years = 3.5, .horizon = 7,
                                   .growth = 0.4, .growth_years = 8};
    career_projection_row rows[24], one[8];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project_scenarios(model, &o, growth, rows, 8),
                  CAREER_OK);
    for (int k = 0; k < 3; k++) {
        career_projection_options ok = o;
        ok.growth = growth[k];
        assert_status(career_project(model, &ok, one, 8), CAREER_OK);
        for (int t = 0; t < 8; t++)
            assert_close(rows[8 * k + t].salary, one[t].salary, 1e-14);
    }
    assert_true(rows[7].salary < rows[15].salary);
    assert_true(rows[15].salary < rows[23].salary);
}

/* G -/+ max(|G|/2, 0.05) over the same 10 years: from 0 years, year 10 is
 * on the anchor m(10) = 149,500 and M_10 = (1 + g)^10 = 1 + G_k, so by hand
 * salary_10 = 149,500 (1 + G_k). G = -0.5: -0.75, -0.5, -0.25 (low pays the
 * least, not the most as 0.5 G and 1.5 G would); G = 0: -0.05, 0, 0.05
 * (three different paths, not one). */
static void scenarios_negative_and_zero_growth(void **state)
{
    static const double G[2] = {-0.5, 0.0};
    static const double want[2][3] = {{37375.0, 74750.0, 112125.0},
                                      {142025.0, 149500.0, 156975.0}};
    career_projection_row rows[3 * 11];
    const career_model *model = *state; /* test_setup_model */

    for (int i = 0; i < 2; i++) {
        career_projection_options o = {.horizon = 10, .growth = G[i],
                                       .growth_years = 10,
                                       .flags = CAREER_PROJ_GROWTH_GIVEN};
        assert_status(career_project_scenarios(model, &o, NULL, rows, 11),
                      CAREER_OK);
        for (int k = 0; k < 3; k++)
            assert_close(rows[11 * k + 10].salary, want[i][k], 1e-12);
        for (int t = 1; t <= 10; t++) {
            assert_true(rows[t].salary < rows[11 + t].salary);
            assert_true(rows[11 + t].salary < rows[22 + t].salary);
        }
    }
}

/* G = -0.7: its low scenario, -1.05, is no growth rate. */
static void scenarios_no_low_growth(void **state)
{
    career_projection_options o = {.growth = -0.7, .growth_years = 10};
    career_projection_row rows[3 * 11];
    const career_model *model = *state; /* test_setup_model */

    memset(rows, GUARD_BYTE, sizeof rows);
    assert_status(career_project_scenarios(model, &o, NULL, rows, 11),
                  CAREER_ERR_DOMAIN);
    assert_true(untouched(rows, sizeof rows));
}

static void scenarios_bad_arguments(void **state)
{
    const double nan_growth[3] = {0.05, NAN, 0.15};
    const double low_growth[3] = {-1.0, 0.1, 0.2};
    career_projection_options far = {.horizon = 101};
    career_projection_row rows[3 * 11 + 1];
    const career_model *model = *state; /* test_setup_model */

    memset(rows, GUARD_BYTE, sizeof rows);
    assert_status(career_project_scenarios(model, NULL, NULL, rows, 10),
                  CAREER_ERR_BUFFER);
    assert_status(career_project_scenarios(model, NULL, nan_growth, rows, 11),
                  CAREER_ERR_ARG);
    assert_status(career_project_scenarios(model, NULL, low_growth, rows, 11),
                  CAREER_ERR_DOMAIN);
    assert_status(career_project_scenarios(model, &far, NULL, rows, 200),
                  CAREER_ERR_ARG);
    assert_status(career_project_scenarios(NULL, NULL, NULL, rows, 11),
                  CAREER_ERR_ARG);
    assert_status(career_project_scenarios(model, NULL, NULL, NULL, 11),
                  CAREER_ERR_ARG);
    assert_true(untouched(rows, sizeof rows));
}

/* ---- bad options and buffers ------------------------------------------ */

typedef struct bad_case {
    career_projection_options o;
    career_status want;
} bad_case;

static void bad_options(void **state)
{
    const bad_case cases[] = {
        {{.horizon = CAREER_MAX_HORIZON + 1}, CAREER_ERR_ARG},
        {{.start_years = NAN}, CAREER_ERR_ARG},
        {{.start_years = INFINITY}, CAREER_ERR_ARG},
        {{.start_years = -2.385}, CAREER_ERR_DOMAIN},
        {{.start_salary = NAN}, CAREER_ERR_ARG},
        {{.start_salary = INFINITY}, CAREER_ERR_ARG},
        {{.start_salary = -110000}, CAREER_ERR_DOMAIN},
        {{.growth = NAN}, CAREER_ERR_ARG},
        {{.growth = NAN, .growth_years = 10}, CAREER_ERR_ARG},
        {{.growth = INFINITY, .growth_years = 10}, CAREER_ERR_ARG},
        {{.growth = -1.0, .growth_years = 10}, CAREER_ERR_DOMAIN},
        {{.growth = -2.385, .growth_years = 10}, CAREER_ERR_DOMAIN},
        {{.growth = 0.1, .growth_years = -10}, CAREER_ERR_DOMAIN},
        {{.growth = 0.1, .growth_years = NAN}, CAREER_ERR_ARG},
        {{.growth = 0.1, .growth_years = INFINITY}, CAREER_ERR_ARG},
        {{.elasticity = -0.5}, CAREER_ERR_DOMAIN},
        {{.elasticity = NAN}, CAREER_ERR_ARG},
        {{.inflation = -1.0}, CAREER_ERR_DOMAIN},
        {{.inflation = -2.385}, CAREER_ERR_DOMAIN},
        {{.inflation = NAN}, CAREER_ERR_ARG},
        {{.inflation = -INFINITY}, CAREER_ERR_ARG},
        {{.discount = -1.0}, CAREER_ERR_DOMAIN},
        {{.discount = INFINITY}, CAREER_ERR_ARG},
        /* finite options whose figures overflow a double */
        {{.start_salary = 1e308}, CAREER_ERR_DOMAIN},
        {{.inflation = 1e10, .horizon = 40}, CAREER_ERR_DOMAIN},
        /* and whose salaries underflow to 0: prices, or the
         * market's wage index, falling by 1 - 1e-6 a year for 100 years
         * (a factor of 1e-600) */
        {{.inflation = -0.999999, .horizon = 100}, CAREER_ERR_DOMAIN},
        {{.growth = -0.999999, .growth_years = 1, .horizon = 100},
         CAREER_ERR_DOMAIN},
    };
    career_projection_row rows[CAREER_MAX_HORIZON + 2];
    const career_model *model = *state; /* test_setup_model */

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        career_status got;

        memset(rows, GUARD_BYTE, sizeof rows);
        got = career_project(model, &cases[i].o, rows, CAREER_MAX_HORIZON + 2);
        if (got != cases[i].want)
            print_error("bad option case %zu\n", i);
        assert_status(got, cases[i].want);
        assert_true(untouched(rows, sizeof rows));
    }
    assert_status(career_project(NULL, NULL, rows, 11), CAREER_ERR_ARG);
    assert_status(career_project(model, NULL, NULL, 11), CAREER_ERR_ARG);
}

/* A steep decline that stays a salary is projected (a factor of 2^-100
 * leaves 1e-25 of a salary: tiny, and a normal double); an extended curve
 * that reaches 0 gives salaries of 0, as career.h says, not an error. */
static void declines_that_stay_salaries(void **state)
{
    static const career_tier falling[] = {{"a", 0, 1, 100000},
                                          {"b", 3, 5, 90000},
                                          {"c", 8, 10, 60000}};
    career_projection_options o = {.inflation = -0.5, .horizon = 100};
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    career_options extend = {.extrap = CAREER_EXTRAP_EXTEND,
                             .dispersion = 0.5};
    career_profile p = *career_profile_default();
    career_model *m = NULL;

    assert_status(career_project(*state, &o, rows, 101), CAREER_OK);
    assert_true(rows[100].salary > 0.0 && rows[100].salary < 1e-20);
    p.tiers = falling;
    p.ntiers = 3;
    p.separation_rate = 0.1;
    assert_status(career_model_new(&p, &extend, &m, NULL), CAREER_OK);
    o = (career_projection_options){.horizon = 40};
    assert_status(career_project(m, &o, rows, 41), CAREER_OK);
    assert_true(rows[40].salary == 0.0);
    career_model_free(m);
}

/* Nothing is written when the buffer is one row short, and a big enough
 * buffer is written up to row H only: the guard after it stays. */
static void buffer_size(void **state)
{
    career_projection_options o = {.horizon = 7};
    career_projection_row rows[9];
    const career_model *model = *state; /* test_setup_model */

    memset(rows, GUARD_BYTE, sizeof rows);
    assert_status(career_project(model, &o, rows, 7), CAREER_ERR_BUFFER);
    assert_true(untouched(rows, sizeof rows));
    assert_status(career_project(model, NULL, rows, 9), CAREER_ERR_BUFFER);
    assert_true(untouched(rows, sizeof rows));
    assert_status(career_project(model, &o, rows, 0), CAREER_ERR_BUFFER);
    assert_true(untouched(rows, sizeof rows));

    assert_status(career_project(model, &o, rows, 8), CAREER_OK);
    assert_int_equal(rows[7].year, 7);
    assert_true(untouched(&rows[8], sizeof rows[8]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_reference_defaults),
        cmocka_unit_test(model_reference_with_inflation),
        cmocka_unit_test(own_reference_all_options),
        cmocka_unit_test(own_reference_no_growth),
        cmocka_unit_test(location_factor_scales_money_only),
        cmocka_unit_test(zero_options_are_null_options),
        cmocka_unit_test(longest_horizon),
        cmocka_unit_test(tier_timeline),
        cmocka_unit_test(tier_timeline_from_mid_career),
        cmocka_unit_test(tier_timeline_bad_arguments),
        cmocka_unit_test(target_year),
        cmocka_unit_test(scenarios_default_growths),
        cmocka_unit_test(scenarios_given_growths),
        cmocka_unit_test(scenarios_negative_and_zero_growth),
        cmocka_unit_test(scenarios_no_low_growth),
        cmocka_unit_test(scenarios_bad_arguments),
        cmocka_unit_test(bad_options),
        cmocka_unit_test(declines_that_stay_salaries),
        cmocka_unit_test(buffer_size),
    };
    return cmocka_run_group_tests(tests, test_setup_model, test_teardown_model);
}
