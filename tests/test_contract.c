/* test_contract.c - the header's promises, function by function.
 *
 * "Results are written only on CAREER_OK": every out-parameter of every
 * public function is filled with a sentinel byte pattern before each
 * failing call the test can provoke, and must hold it afterwards (the
 * functions that allocate set their *out to NULL on failure, as the header
 * says, and are checked for that). Then the smaller promises of 1.0: the
 * first bad row's status, errors reset on entry, row 0 of a projection,
 * the reserved slots, every real option value expressible. */
#include "util.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define SENTINEL 0xA5
#define GUARD(v) memset(&(v), SENTINEL, sizeof(v))
#define INTACT(v) assert_true(test_bytes_are(&(v), sizeof(v), SENTINEL))

/* A lognormal market through (0.4999999, 1) and (0.5000001, 1e12): sigma
 * = ln 1e12 / (2 z(0.5000001)) ~ 1.1e8, so Q(0.999) = exp(mu + 3.09 sigma)
 * overflows (computed by hand from the lognormal's least squares, which
 * two points fit exactly). */
static career_model *steep_lognormal(void)
{
    static const career_quantile q[] = {{0.4999999, 1.0},
                                        {0.5000001, 1e12}};
    career_profile p = *career_profile_default();
    career_options o = {.dist = CAREER_DIST_LOGNORMAL, .dispersion = 1.0};
    career_model *m = NULL;
    career_error err;

    p.quantiles = q;
    p.nquantiles = 2;
    assert_status(career_model_new(&p, &o, &m, &err), CAREER_OK);
    return m;
}

static void units_write_nothing_on_failure(void **state)
{
    double v;
    career_period per;
    (void)state;
    GUARD(v);
    assert_status(career_convert_period(1e308, CAREER_PER_MONTH,
                                        CAREER_PER_YEAR, NULL, &v),
                  CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_convert_period(NAN, CAREER_PER_MONTH,
                                        CAREER_PER_YEAR, NULL, &v),
                  CAREER_ERR_ARG);
    INTACT(v);
    assert_status(career_convert_period(1.0, (career_period)7,
                                        CAREER_PER_YEAR, NULL, &v),
                  CAREER_ERR_ARG);
    INTACT(v);
    assert_status(career_annual_rate(1e300, 1e-300, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    /* (1 - 0.5)^(1/0.001) - 1 = 2^-1000 - 1, -1 in double: no rate */
    assert_status(career_annual_rate(-0.5, 0.001, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_annual_rate(-1.0, 10.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    GUARD(per);
    assert_status(career_period_parse("fortnight", &per),
                  CAREER_ERR_NOT_FOUND);
    INTACT(per);
}

static void ladder_writes_nothing_on_failure(void **state)
{
    career_model *m = *state;
    career_tier t;
    size_t i;
    double v;

    GUARD(t);
    assert_status(career_tier_info(m, 4, &t), CAREER_ERR_NOT_FOUND);
    INTACT(t);
    assert_status(career_tier_info(NULL, 0, &t), CAREER_ERR_ARG);
    INTACT(t);
    GUARD(i);
    assert_status(career_tier_at(m, -2.385, &i), CAREER_ERR_DOMAIN);
    INTACT(i);
    GUARD(v);
    assert_status(career_next_tier(m, 20.0, &i, &v), CAREER_ERR_NOT_FOUND);
    INTACT(i);
    INTACT(v);
    assert_status(career_next_tier(m, NAN, &i, &v), CAREER_ERR_ARG);
    INTACT(i);
    INTACT(v);
    assert_status(career_tier_progress(m, -INFINITY, &v), CAREER_ERR_ARG);
    INTACT(v);
}

static void curve_writes_nothing_on_failure(void **state)
{
    career_model *m = *state;
    double v;

    GUARD(v);
    assert_status(career_salary_at(m, -1.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_salary_growth_rate(m, NAN, &v), CAREER_ERR_ARG);
    INTACT(v);
    /* above the clamped curve's top (160,000): never reached */
    assert_status(career_years_to_salary(m, 2e5, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_years_to_salary(m, -5.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
}

static void bands_write_nothing_on_failure(void **state)
{
    career_model *m = *state, *steep = steep_lognormal();
    career_calibration cal;
    double v;

    GUARD(v);
    assert_status(career_market_quantile(steep, 0.999, &v),
                  CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_market_quantile(m, 1.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_market_percentile(m, 0.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_quantile_at(m, 5.0, 0.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_quantile_at(m, -5.0, 0.5, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_percentile_at(m, 5.0, -1.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_compa_ratio(m, 5.0, 0.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    assert_status(career_range_penetration(m, 5.0, NAN, &v), CAREER_ERR_ARG);
    INTACT(v);
    assert_status(career_range_penetration(m, NAN, 1e5, &v), CAREER_ERR_ARG);
    INTACT(v);
    assert_status(career_mixture_percentile(m, -1.0, &v), CAREER_ERR_DOMAIN);
    INTACT(v);
    GUARD(cal);
    assert_status(career_calibration_info(NULL, &cal), CAREER_ERR_ARG);
    INTACT(cal);
    career_model_free(steep);
}

/* Range penetration refuses a salary <= 0, as compa-ratio and the
 * percentiles do (it computed -0.9 for salary 0 before). */
static void penetration_refuses_nonpositive_salary(void **state)
{
    career_model *m = *state;
    double v = 2.385;

    assert_status(career_range_penetration(m, 5.0, 0.0, &v),
                  CAREER_ERR_DOMAIN);
    assert_status(career_range_penetration(m, 5.0, -1e5, &v),
                  CAREER_ERR_DOMAIN);
    assert_status(career_range_penetration(m, 5.0, -0.0, &v),
                  CAREER_ERR_DOMAIN);
    assert_true(v == 2.385);
}

static career_projection_options hot_inflation(void)
{
    career_projection_options o = {.inflation = 1e300};
    return o;
}

static void projections_write_nothing_on_failure(void **state)
{
    career_model *m = *state;
    career_projection_row rows[3 * 11];
    career_projection_options o = hot_inflation(), r;
    long years[4], y;

    GUARD(rows);
    assert_status(career_project(m, &o, rows, 11), CAREER_ERR_DOMAIN);
    INTACT(rows);
    assert_status(career_project(m, NULL, rows, 10), CAREER_ERR_BUFFER);
    INTACT(rows);
    assert_status(career_project_scenarios(m, &o, NULL, rows, 11),
                  CAREER_ERR_DOMAIN);
    INTACT(rows);
    GUARD(r);
    assert_status(career_projection_resolve(m, &o, &r), CAREER_OK);
    GUARD(r);
    o.start_years = -1.0;
    assert_status(career_projection_resolve(m, &o, &r), CAREER_ERR_DOMAIN);
    INTACT(r);
    assert_status(career_projection_resolve(NULL, NULL, &r), CAREER_ERR_ARG);
    INTACT(r);
    GUARD(years);
    assert_status(career_projection_tier_years(rows, 0, years, 4),
                  CAREER_ERR_ARG);
    INTACT(years);
    GUARD(y);
    assert_status(career_projection_target_year(rows, 0, 1e5, &y),
                  CAREER_ERR_ARG);
    INTACT(y);
}

static void simulation_writes_nothing_on_failure(void **state)
{
    career_model *m = *state;
    career_projection_options o = hot_inflation();
    career_simulation_options sim = {.paths = 100, .volatility = -1.0}, r;
    career_band bands[11];
    double share[11 * 4];

    GUARD(r);
    assert_status(career_simulation_resolve(&sim, &r), CAREER_ERR_DOMAIN);
    INTACT(r);
    GUARD(bands);
    GUARD(share);
    assert_status(career_simulate(m, NULL, &sim, bands, 11, share, 44),
                  CAREER_ERR_DOMAIN);
    INTACT(bands);
    INTACT(share);
    sim.volatility = 0.0;
    assert_status(career_simulate(m, &o, &sim, bands, 11, share, 44),
                  CAREER_ERR_DOMAIN);
    INTACT(bands);
    INTACT(share);
    assert_status(career_simulate(m, NULL, &sim, bands, 11, share, 43),
                  CAREER_ERR_BUFFER);
    INTACT(bands);
    INTACT(share);
}

/* Functions that allocate say *out is NULL on failure. */
static void allocators_leave_null_on_failure(void **state)
{
    career_profile bad = *career_profile_default();
    career_profile *p = (career_profile *)&bad;
    career_model *m = (career_model *)&bad;
    char **roles = (char **)&bad, *json = (char *)&bad;
    size_t count = 7;
    career_error err;
    (void)state;
    bad.demand_years = -1.0;
    assert_status(career_profile_copy(&bad, &p, &err), CAREER_ERR_ARG);
    assert_null(p);
    assert_status(career_model_new(&bad, NULL, &m, &err), CAREER_ERR_ARG);
    assert_null(m);
    assert_status(career_profile_to_json(&bad, &json, &err), CAREER_ERR_ARG);
    assert_null(json);
    p = (career_profile *)&bad;
    assert_status(career_profile_load_string("{", NULL, &p, &err),
                  CAREER_ERR_PARSE);
    assert_null(p);
    p = (career_profile *)&bad;
    assert_status(career_guide_import("x", 1, &p, &err), CAREER_ERR_PARSE);
    assert_null(p);
    assert_status(career_profile_list_roles("tests/data/no-such-file.json",
                                            &roles, &count, &err),
                  CAREER_ERR_IO);
    assert_null(roles);
    assert_int_equal(count, 0);
}

static career_merit_policy *policy(void)
{
    career_merit_policy *pol = NULL;
    career_error err;

    assert_status(career_merit_policy_load_file("examples/merit/policy.json",
                                                &pol, &err),
                  CAREER_OK);
    return pol;
}

static void merit_writes_nothing_on_failure(void **state)
{
    career_model *m = *state;
    career_merit_policy *pol = policy();
    career_pay_range ranges[4];
    career_employee e = {.years = 5, .tier = CAREER_TIER_FROM_YEARS,
                         .salary = -1.0, .rating = 2};
    career_merit_result res;
    career_merit_summary sum;
    career_merit_cell cells[20];
    career_merit_year years[11];
    size_t idx, rating = 2;

    GUARD(idx);
    assert_status(career_merit_rating_index(pol, "superb", &idx),
                  CAREER_ERR_NOT_FOUND);
    INTACT(idx);
    GUARD(ranges);
    assert_status(career_pay_structure(m, pol, ranges, 3), CAREER_ERR_BUFFER);
    INTACT(ranges);
    GUARD(res);
    GUARD(sum);
    assert_status(career_merit_cycle(m, pol, &e, 1, &res, &sum, NULL),
                  CAREER_ERR_DOMAIN);
    INTACT(res);
    INTACT(sum);
    GUARD(cells);
    assert_status(career_merit_distribution(pol, &e, &res, 1, cells, 19),
                  CAREER_ERR_BUFFER);
    INTACT(cells);
    e.salary = 1e5;
    GUARD(years);
    assert_status(career_merit_project(m, pol, &e, &rating, 1, 1.0, NULL,
                                       years, 10),
                  CAREER_ERR_BUFFER);
    INTACT(years);
    career_merit_policy_free(pol);
}

/* The batch forms return the status of the first bad row: an extended
 * curve overflows at 1e308 years (DOMAIN) before the NaN (ARG). */
static void batches_report_first_bad_row(void **state)
{
    career_options o = {.extrap = CAREER_EXTRAP_EXTEND};
    career_model *m = test_model(&o);
    const double years[] = {5.0, 1e308, NAN}, salary[] = {1e5, -1.0, 1e5};
    const double years2[] = {5.0, -1.0, NAN};
    double out[3];
    (void)state;
    assert_status(career_salary_at_n(m, years, out, 3), CAREER_ERR_DOMAIN);
    assert_status(career_salary_at_n(m, years2, out, 3), CAREER_ERR_DOMAIN);
    assert_status(career_salary_at_n(m, years + 2, out, 1), CAREER_ERR_ARG);
    /* row 1 has a bad salary (DOMAIN), row 2 a NaN year (ARG) */
    assert_status(career_percentile_at_n(m, years2 + 0, salary, out, 3),
                  CAREER_ERR_DOMAIN);
    assert_status(career_percentile_at_n(m, years + 1, salary + 1, out, 2),
                  CAREER_ERR_DOMAIN);
    career_model_free(m);
}

/* A record left over from an earlier failure is reset on entry, even when
 * the call fails on a NULL out at once. */
static void errors_reset_on_entry(void **state)
{
    career_error err;
    (void)state;
    memset(&err, 0, sizeof err);
    err.status = CAREER_ERR_IO;
    strcpy(err.text, "stale");
    assert_status(career_profile_copy(career_profile_default(), NULL, &err),
                  CAREER_ERR_ARG);
    assert_int_equal(err.status, CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "out"));
    err.status = CAREER_ERR_IO;
    strcpy(err.text, "stale");
    assert_status(career_model_new(career_profile_default(), NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_int_equal(err.status, CAREER_ERR_ARG);
    err.status = CAREER_ERR_IO;
    strcpy(err.text, "stale");
    assert_status(career_profile_load_string("{}", NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_int_equal(err.status, CAREER_ERR_ARG);
    err.status = CAREER_ERR_IO;
    assert_status(career_guide_import("x", 1, NULL, &err), CAREER_ERR_ARG);
    assert_int_equal(err.status, CAREER_ERR_ARG);
    err.status = CAREER_ERR_IO;
    assert_status(career_merit_policy_load_string("{}", NULL, &err),
                  CAREER_ERR_ARG);
    assert_int_equal(err.status, CAREER_ERR_ARG);
}

/* Row 0 with a given start salary is that salary to the bit (it was
 * 110000.00000000001: s0 / m(x0) * m(x0)). */
static void row_zero_is_the_start_salary(void **state)
{
    career_model *m = *state;
    career_projection_row rows[11];
    const double starts[] = {110000.0, 123456.789, 98765.4321, 2.385e5};

    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        career_projection_options o = {.start_years = 2.385,
                                       .start_salary = starts[i]};
        assert_status(career_project(m, &o, rows, 11), CAREER_OK);
        assert_true(rows[0].salary == starts[i]);
        assert_true(rows[0].real_salary == starts[i]);
        assert_true(rows[0].cumulative == starts[i]);
        assert_true(rows[0].present_value == starts[i]);
    }
}

/* Every options struct refuses a non-zero reserved slot. */
static void reserved_slots_must_be_zero(void **state)
{
    career_model *m = *state, *none = (career_model *)&m;
    career_options mo = {0};
    career_projection_options po = {0};
    career_simulation_options so = {0}, r;
    career_projection_row rows[11];
    career_band bands[11];
    career_error err;

    mo.reserved[7] = 1;
    assert_status(career_model_new(career_profile_default(), &mo, &none, &err),
                  CAREER_ERR_ARG);
    assert_null(none);
    assert_non_null(strstr(err.text, "options.reserved[7]"));
    po.reserved[0] = 2;
    assert_status(career_project(m, &po, rows, 11), CAREER_ERR_ARG);
    po.reserved[0] = 0;
    po.flags = 2; /* no such flag */
    assert_status(career_project(m, &po, rows, 11), CAREER_ERR_ARG);
    so.reserved[3] = 1;
    assert_status(career_simulation_resolve(&so, &r), CAREER_ERR_ARG);
    assert_status(career_simulate(m, NULL, &so, bands, 11, NULL, 0),
                  CAREER_ERR_ARG);
}

/* Elasticity 0 can be asked for: wages then ignore demand, and the salary
 * is c m(x_t) (1+pi)^t alone (docs/model.md §8 with epsilon = 0). */
static void elasticity_zero_expressible(void **state)
{
    career_model *m = *state;
    career_projection_options o = {.flags = CAREER_PROJ_ELASTICITY_GIVEN};
    career_projection_row rows[11];
    double s;

    assert_status(career_project(m, &o, rows, 11), CAREER_OK);
    for (unsigned t = 0; t <= 10; t++) {
        assert_status(career_salary_at(m, (double)t, &s), CAREER_OK);
        assert_close(rows[t].salary, s, 1e-15);
    }
    o.flags = 0; /* 0 without the flag: the default 1, 164,450 at t = 10 */
    assert_status(career_project(m, &o, rows, 11), CAREER_OK);
    assert_close(rows[10].salary, 164450.0, 1e-9);
}

/* A growth without its years, or years without a growth, is half given:
 * refused, not ignored. Growth 0 is asked for with the flag. */
static void growth_half_given_refused(void **state)
{
    career_model *m = *state;
    career_projection_options o = {.growth = 0.3};
    career_projection_row rows[11];
    double s;

    assert_status(career_project(m, &o, rows, 11), CAREER_ERR_ARG);
    o.flags = CAREER_PROJ_GROWTH_GIVEN;
    o.growth = 0.0;
    assert_status(career_project(m, &o, rows, 11), CAREER_ERR_ARG);
    o.flags = 0;
    o.growth_years = 5.0;
    assert_status(career_project(m, &o, rows, 11), CAREER_ERR_ARG);
    /* no growth: the curve alone, m(t) at t years */
    o.flags = CAREER_PROJ_GROWTH_GIVEN;
    assert_status(career_project(m, &o, rows, 11), CAREER_OK);
    assert_status(career_salary_at(m, 10.0, &s), CAREER_OK);
    assert_close(rows[10].salary, s, 1e-15);
    o.flags = 0;
    o.growth = 0.3;
    assert_status(career_project(m, &o, rows, 11), CAREER_OK);
    /* -0.5 over a thousandth of a year: an annual rate of -1, no band */
    o.growth = -0.5;
    o.growth_years = 0.001;
    assert_status(career_project(m, &o, rows, 11), CAREER_ERR_DOMAIN);
}

/* The resolved defaults: the built-in profile's 10 % over 10 years,
 * horizon 10, elasticity 1, start salary m(0) = 100,500 (docs/model.md §8). */
static void projection_defaults_resolved(void **state)
{
    career_model *m = *state;
    career_projection_options r, again;
    career_projection_row a[11], b[11];

    assert_status(career_projection_resolve(m, NULL, &r), CAREER_OK);
    assert_true(r.start_years == 0.0);
    assert_true(r.start_salary == 100500.0);
    assert_int_equal(r.horizon, 10);
    assert_true(r.growth == 0.10 && r.growth_years == 10.0);
    assert_true(r.elasticity == 1.0);
    assert_int_equal(r.flags,
                     CAREER_PROJ_ELASTICITY_GIVEN | CAREER_PROJ_GROWTH_GIVEN);
    assert_true(r.inflation == 0.0 && r.discount == 0.0);
    assert_status(career_projection_resolve(m, &r, &again), CAREER_OK);
    assert_memory_equal(&r, &again, sizeof r);
    assert_status(career_project(m, NULL, a, 11), CAREER_OK);
    assert_status(career_project(m, &r, b, 11), CAREER_OK);
    for (size_t t = 0; t < 11; t++)
        assert_close(b[t].salary, a[t].salary, 1e-15);
}

/* Validation's bounds: a demand over a tiny span, salaries above
 * CAREER_MAX_SALARY, anchors that do not increase. */
static void profile_bounds(void **state)
{
    career_profile p = *career_profile_default();
    career_tier t[4];
    career_quantile q[3];
    career_error err;
    (void)state;
    p.demand_growth = -0.5;
    p.demand_years = 0.001;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "demand"));
    p = *career_profile_default();
    memcpy(t, p.tiers, sizeof t);
    t[3].salary = 1.0000001e12;
    p.tiers = t;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "tiers[3].salary: must be at most 1e+12 "
                                  "(got 1e+12)");
    t[3].salary = CAREER_MAX_SALARY;
    assert_status(career_profile_validate(&p, &err), CAREER_OK);
    /* anchors increase over every tier, with a salary or not, as the
     * header says */
    t[3].salary = 160000.0;
    t[2].salary = NAN;
    t[2].anchor_years = t[1].anchor_years;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "tiers[2].anchor_years"));
    t[2].anchor_years = 10.0;
    assert_status(career_profile_validate(&p, &err), CAREER_OK);
    memcpy(q, p.quantiles, sizeof q);
    q[2].salary = 1e300;
    p.quantiles = q;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "market.quantiles[2]"));
}

/* Output structs' reserved slots are written as zero, whatever the
 * caller's struct held. */
static void output_reserved_written_zero(void **state)
{
    career_model *m = *state;
    career_market_fit fit;
    career_calibration cal;

    GUARD(fit);
    career_market_fit_info(m, &fit);
    assert_true(test_bytes_are(fit.reserved, sizeof fit.reserved, 0));
    assert_int_equal(fit.nterms, 3);
    GUARD(cal);
    assert_status(career_calibration_info(m, &cal), CAREER_OK);
    assert_true(test_bytes_are(cal.reserved, sizeof cal.reserved, 0));
}

static void version_and_free(void **state)
{
    (void)state;
    assert_int_equal(career_version_number(), CAREER_VERSION_NUMBER);
    assert_int_equal(career_version_number(), 0x010100);
    assert_string_equal(career_version_string(), "1.1.0");
    career_free(NULL);
    career_free(malloc(16));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(units_write_nothing_on_failure),
        cmocka_unit_test(ladder_writes_nothing_on_failure),
        cmocka_unit_test(curve_writes_nothing_on_failure),
        cmocka_unit_test(bands_write_nothing_on_failure),
        cmocka_unit_test(penetration_refuses_nonpositive_salary),
        cmocka_unit_test(projections_write_nothing_on_failure),
        cmocka_unit_test(simulation_writes_nothing_on_failure),
        cmocka_unit_test(allocators_leave_null_on_failure),
        cmocka_unit_test(merit_writes_nothing_on_failure),
        cmocka_unit_test(batches_report_first_bad_row),
        cmocka_unit_test(errors_reset_on_entry),
        cmocka_unit_test(row_zero_is_the_start_salary),
        cmocka_unit_test(reserved_slots_must_be_zero),
        cmocka_unit_test(elasticity_zero_expressible),
        cmocka_unit_test(growth_half_given_refused),
        cmocka_unit_test(projection_defaults_resolved),
        cmocka_unit_test(profile_bounds),
        cmocka_unit_test(output_reserved_written_zero),
        cmocka_unit_test(version_and_free),
    };
    return cmocka_run_group_tests(tests, test_setup_model,
                                  test_teardown_model);
}
