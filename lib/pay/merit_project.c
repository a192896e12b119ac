/* merit_project.c - one employee through the merit cycle year after year:
 * promotions at the tier's years, ranges moving with the demand index and
 * inflation, the matrix at a given scale. The rows are built in a buffer of
 * our own and copied out only when all of them are, so a failure writes
 * nothing. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

static career_status check_args(const career_model *model,
                                const career_merit_policy *policy,
                                const career_employee *e,
                                const size_t *ratings, size_t nratings,
                                double scale)
{
    size_t j;

    if (!model || !policy || !e || !ratings || nratings == 0)
        return CAREER_ERR_ARG;
    if (!isfinite(scale))
        return CAREER_ERR_ARG;
    if (scale < 0.0)
        return CAREER_ERR_DOMAIN;
    for (j = 0; j < nratings; j++)
        if (ratings[j] >= policy->nratings)
            return CAREER_ERR_ARG;
    if (e->tier != CAREER_TIER_FROM_YEARS && e->tier >= model->ntiers)
        return CAREER_ERR_ARG;
    return CAREER_OK;
}

/* Year t's cycle: the ranges scaled by `factor`, the employee at its tier
 * and rating, one merit rounded to the nearest cent. */
static career_status one_year(const career_merit_policy *policy,
                              const double *const range0[3], size_t ntiers,
                              double factor, const career_employee *e,
                              double scale, career_merit_year *row)
{
    double min[CAREER_MAX_TIERS], mid[CAREER_MAX_TIERS], max[CAREER_MAX_TIERS];
    careerp_cycle cy;
    careerp_entry x;
    unsigned flags = 0;
    double rate, exact;
    size_t i;
    career_status st;

    for (i = 0; i < ntiers; i++) {
        min[i] = range0[0][i] * factor;
        mid[i] = range0[1][i] * factor;
        max[i] = range0[2][i] * factor;
        /* past the cents the cycle keeps exactly (a huge inflation):
         * refused, as year 0's ranges and the salaries are */
        if (!(max[i] < CAREERP_SALARY_LIMIT))
            return CAREER_ERR_DOMAIN;
    }
    careerp_cycle_init(&cy, policy, min, mid, max, ntiers);
    if ((st = careerp_cycle_classify(&cy, e, e->tier, 0, &x, NULL)))
        return st;
    rate = careerp_cycle_rate(&cy, x.cell, scale, &flags);
    exact = (double)(x.salary_cents + careerp_entry_lift(&cy, &x)) * rate;
    if (!(exact < 1e14))
        return CAREER_ERR_DOMAIN;
    x.flags = (uint16_t)(x.flags | flags);
    careerp_cycle_result(&cy, &x, rate, (int64_t)llround(exact),
                         &row->result);
    row->range_min = min[e->tier];
    row->range_mid = mid[e->tier];
    row->range_max = max[e->tier];
    return CAREER_OK;
}

static career_status run_years(const career_model *model,
                               const career_merit_policy *policy,
                               const career_employee *start,
                               const size_t *ratings, size_t nratings,
                               double scale, const careerp_plan *plan,
                               career_merit_year *rows)
{
    double min[CAREER_MAX_TIERS], mid[CAREER_MAX_TIERS], max[CAREER_MAX_TIERS];
    const double *const range0[3] = {min, mid, max};
    career_employee e = *start;
    size_t tier0;
    unsigned t;
    career_status st;

    if ((st = careerp_merit_ranges(model, policy, min, mid, max)))
        return st;
    tier0 = start->tier == CAREER_TIER_FROM_YEARS
                ? careerp_tier_at(model, start->years) : start->tier;
    for (t = 0; t <= plan->horizon; t++) {
        size_t by_years;
        e.years = start->years + (double)t;
        by_years = careerp_tier_at(model, e.years);
        e.tier = by_years > tier0 ? by_years : tier0;
        e.rating = ratings[t < nratings ? t : nratings - 1];
        memset(&rows[t], 0, sizeof rows[t]);
        rows[t].year = t;
        rows[t].years = e.years;
        rows[t].tier = e.tier;
        rows[t].rating = e.rating;
        rows[t].salary = e.salary;
        if ((st = one_year(policy, range0, model->ntiers,
                           exp((double)t * (plan->log_wage + plan->log_prices)),
                           &e, scale, &rows[t])))
            return st;
        e.salary = rows[t].result.new_salary;
    }
    return CAREER_OK;
}

career_status career_merit_project(const career_model *model,
                                   const career_merit_policy *policy,
                                   const career_employee *employee,
                                   const size_t *ratings, size_t nratings,
                                   double scale,
                                   const career_projection_options *opts,
                                   career_merit_year *rows, size_t nrows)
{
    career_projection_options o = {0};
    careerp_plan plan;
    career_merit_year *tmp;
    career_status st;

    if (!rows || (st = check_args(model, policy, employee, ratings, nratings,
                                  scale)))
        return rows ? st : CAREER_ERR_ARG;
    if (opts)
        o = *opts;
    o.start_years = employee->years;
    o.start_salary = employee->salary;
    if ((st = careerp_plan_resolve(model, &o, &plan)))
        return st;
    if (nrows < (size_t)plan.horizon + 1)
        return CAREER_ERR_BUFFER;
    if (!(tmp = malloc(((size_t)plan.horizon + 1) * sizeof *tmp)))
        return CAREER_ERR_NOMEM;
    st = run_years(model, policy, employee, ratings, nratings, scale, &plan,
                   tmp);
    if (st == CAREER_OK)
        memcpy(rows, tmp, ((size_t)plan.horizon + 1) * sizeof *tmp);
    free(tmp);
    return st;
}
