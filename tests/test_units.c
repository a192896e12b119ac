/* test_units.c - periods of pay and annual rates. */
#include "util.h"

static double convert(double v, career_period from, career_period to,
                      const career_hours *h)
{
    double out = NAN;
    assert_status(career_convert_period(v, from, to, h, &out), CAREER_OK);
    return out;
}

/* 125,000 a year: / 12 a month; / 2,080 an hour (40 h x 52 weeks, BLS). */
static void periods(void **state)
{
    career_hours h = {.hours_per_week = 37.5, .weeks_per_year = 48.0};
    (void)state;
    assert_close(convert(125000, CAREER_PER_YEAR, CAREER_PER_MONTH, NULL), 125000.0 / 12, 1e-15);
    assert_close(convert(125000, CAREER_PER_YEAR, CAREER_PER_HOUR, NULL), 125000.0 / 2080, 1e-15);
    assert_close(convert(60.0, CAREER_PER_HOUR, CAREER_PER_YEAR, NULL), 124800.0, 1e-15);
    assert_close(convert(5000, CAREER_PER_MONTH, CAREER_PER_HOUR, NULL), 60000.0 / 2080, 1e-15);
    assert_close(convert(90000, CAREER_PER_YEAR, CAREER_PER_HOUR, &h), 50.0, 1e-15);
    assert_close(convert(7.0, CAREER_PER_YEAR, CAREER_PER_YEAR, NULL), 7.0, 0.0);
}

static void bad_periods(void **state)
{
    career_hours h = {.hours_per_week = 200.0};
    double out = 1.0;
    (void)state;
    assert_status(career_convert_period(NAN, CAREER_PER_YEAR, CAREER_PER_MONTH, NULL, &out), CAREER_ERR_ARG);
    assert_status(career_convert_period(1.0, (career_period)9, CAREER_PER_MONTH, NULL, &out), CAREER_ERR_ARG);
    assert_status(career_convert_period(1.0, CAREER_PER_YEAR, CAREER_PER_HOUR, &h, &out), CAREER_ERR_DOMAIN);
    h.hours_per_week = NAN;
    assert_status(career_convert_period(1.0, CAREER_PER_YEAR, CAREER_PER_HOUR, &h, &out), CAREER_ERR_ARG);
    h = (career_hours){.weeks_per_year = -1.0};
    assert_status(career_convert_period(1.0, CAREER_PER_YEAR, CAREER_PER_HOUR, &h, &out), CAREER_ERR_DOMAIN);
    assert_status(career_convert_period(1.0, CAREER_PER_YEAR, CAREER_PER_HOUR, NULL, NULL), CAREER_ERR_ARG);
    assert_close(out, 1.0, 0.0);
}

static void period_names(void **state)
{
    career_period p = CAREER_PER_HOUR;
    (void)state;
    assert_status(career_period_parse("Year", &p), CAREER_OK);
    assert_int_equal(p, CAREER_PER_YEAR);
    assert_status(career_period_parse("monthly", &p), CAREER_OK);
    assert_int_equal(p, CAREER_PER_MONTH);
    assert_status(career_period_parse("HOUR", &p), CAREER_OK);
    assert_int_equal(p, CAREER_PER_HOUR);
    assert_status(career_period_parse("week", &p), CAREER_ERR_NOT_FOUND);
    assert_status(career_period_parse("", &p), CAREER_ERR_NOT_FOUND);
    assert_status(career_period_parse(NULL, &p), CAREER_ERR_ARG);
    assert_status(career_period_parse("year", NULL), CAREER_ERR_ARG);
}

/* 1.1^(1/10) - 1 = 0.9576583 % (docs/model.md §7); 1.21 over 2 y = 10 %. */
static void annual_rate(void **state)
{
    double g = NAN;
    (void)state;
    assert_status(career_annual_rate(0.10, 10.0, &g), CAREER_OK);
    assert_close(g, 0.009576583, 1e-7);
    assert_close(g, pow(1.1, 0.1) - 1.0, 1e-13);
    assert_status(career_annual_rate(0.21, 2.0, &g), CAREER_OK);
    assert_close(g, 0.10, 1e-14);
    assert_status(career_annual_rate(-0.19, 2.0, &g), CAREER_OK);
    assert_close(g, -0.10, 1e-14);
    assert_status(career_annual_rate(0.0, 5.0, &g), CAREER_OK);
    assert_close(g + 1.0, 1.0, 0.0);
    assert_status(career_annual_rate(-1.0, 10.0, &g), CAREER_ERR_DOMAIN);
    assert_status(career_annual_rate(0.1, 0.0, &g), CAREER_ERR_DOMAIN);
    assert_status(career_annual_rate(0.1, -3.0, &g), CAREER_ERR_DOMAIN);
    assert_status(career_annual_rate(NAN, 10.0, &g), CAREER_ERR_ARG);
    assert_status(career_annual_rate(0.1, INFINITY, &g), CAREER_ERR_ARG);
    assert_status(career_annual_rate(0.1, 10.0, NULL), CAREER_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods), cmocka_unit_test(bad_periods),
        cmocka_unit_test(period_names), cmocka_unit_test(annual_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
