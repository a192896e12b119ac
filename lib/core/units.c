/* units.c - periods of pay and annual growth rates. */
#include "core/core.h"


/* 40 hours x 52 weeks: the BLS convention for annualising hourly pay. */
#define DEFAULT_HOURS_PER_WEEK 40.0
#define DEFAULT_WEEKS_PER_YEAR 52.0

/* How many of `period` make a year. */
static double per_year(career_period period, double hours_per_year)
{
    switch (period) {
    case CAREER_PER_YEAR:
        return 1.0;
    case CAREER_PER_MONTH:
        return 12.0;
    case CAREER_PER_HOUR:
        return hours_per_year;
    }
    return NAN;
}

static career_status hours_per_year(const career_hours *hours, double *out)
{
    double week = DEFAULT_HOURS_PER_WEEK, weeks = DEFAULT_WEEKS_PER_YEAR;

    if (hours) {
        if (hours->hours_per_week != 0.0)
            week = hours->hours_per_week;
        if (hours->weeks_per_year != 0.0)
            weeks = hours->weeks_per_year;
    }
    if (!isfinite(week) || !isfinite(weeks))
        return CAREER_ERR_ARG;
    if (!(week > 0.0 && week <= 168.0 && weeks > 0.0 && weeks <= 53.0))
        return CAREER_ERR_DOMAIN;
    *out = week * weeks;
    return CAREER_OK;
}

career_status career_convert_period(double amount, career_period from,
                                    career_period to,
                                    const career_hours *hours, double *out)
{
    double h, from_n, to_n, v;
    career_status st;

    if (!out || !isfinite(amount))
        return CAREER_ERR_ARG;
    if ((st = hours_per_year(hours, &h)) != CAREER_OK)
        return st;
    from_n = per_year(from, h);
    to_n = per_year(to, h);
    if (isnan(from_n) || isnan(to_n))
        return CAREER_ERR_ARG;
    v = amount * from_n / to_n;
    if (!isfinite(v))
        return CAREER_ERR_DOMAIN;
    *out = v;
    return CAREER_OK;
}

career_status career_period_parse(const char *text, career_period *out)
{
    static const struct {
        const char *name;
        career_period period;
    } names[] = {
        {"year", CAREER_PER_YEAR},   {"annual", CAREER_PER_YEAR},
        {"yearly", CAREER_PER_YEAR}, {"month", CAREER_PER_MONTH},
        {"monthly", CAREER_PER_MONTH}, {"hour", CAREER_PER_HOUR},
        {"hourly", CAREER_PER_HOUR},
    };
    size_t i;

    if (!text || !out)
        return CAREER_ERR_ARG;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (careerp_ascii_same(text, names[i].name)) {
            *out = names[i].period;
            return CAREER_OK;
        }
    }
    return CAREER_ERR_NOT_FOUND;
}

/* The pay periods of a worker (career_pay_period): here, below the
 * modules that read (a table of workers) and compute (the reports). */
career_status career_pay_period_parse(const char *text,
                                      career_pay_period *out)
{
    static const struct {
        const char *name;
        career_pay_period period;
    } names[] = {
        {"year", CAREER_PAY_YEAR},     {"annual", CAREER_PAY_YEAR},
        {"yearly", CAREER_PAY_YEAR},   {"month", CAREER_PAY_MONTH},
        {"monthly", CAREER_PAY_MONTH}, {"week", CAREER_PAY_WEEK},
        {"weekly", CAREER_PAY_WEEK},   {"hour", CAREER_PAY_HOUR},
        {"hourly", CAREER_PAY_HOUR},
    };
    size_t i;

    if (!text || !out)
        return CAREER_ERR_ARG;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (careerp_ascii_same(text, names[i].name)) {
            *out = names[i].period;
            return CAREER_OK;
        }
    return CAREER_ERR_NOT_FOUND;
}

career_status career_annual_rate(double growth, double years, double *rate)
{
    double g;

    if (!rate || !isfinite(growth) || !isfinite(years))
        return CAREER_ERR_ARG;
    if (!(growth > -1.0 && years > 0.0))
        return CAREER_ERR_DOMAIN;
    /* expm1/log1p keep small rates exact: (1+G)^(1/T) - 1. */
    g = expm1(log1p(growth) / years);
    /* A growth over a tiny span of years overflows, or a fall over one
     * rounds to -1 (all pay gone within a year): no usable rate. */
    if (!isfinite(g) || !(g > -1.0))
        return CAREER_ERR_DOMAIN;
    *rate = g;
    return CAREER_OK;
}
