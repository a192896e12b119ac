/* batch.c - the batch forms of the per-row queries: each applies its
 * scalar query to rows i < n, for callers with millions of rows (and the
 * Python binding, which calls them with no loop of its own). One rule for
 * all: the first bad row's status is returned and the outputs are then
 * unspecified; n = 0 reads and writes nothing; NULL arrays with n > 0 are
 * CAREER_ERR_ARG. */
#include "core/core.h"

/* The row loop of a query of one input: out[i] = f(in[i]). */
typedef career_status one_in(const career_model *, double, double *);
/* ... and of two: out[i] = f(a[i], b[i]). */
typedef career_status two_in(const career_model *, double, double, double *);

static career_status each_one(const career_model *model, one_in *f,
                              const double *in, double *out, size_t n)
{
    size_t i;
    career_status st;

    if (!model || (n > 0 && (!in || !out)))
        return CAREER_ERR_ARG;
    for (i = 0; i < n; i++)
        if ((st = f(model, in[i], &out[i])) != CAREER_OK)
            return st;
    return CAREER_OK;
}

static career_status each_two(const career_model *model, two_in *f,
                              const double *a, const double *b, double *out,
                              size_t n)
{
    size_t i;
    career_status st;

    if (!model || (n > 0 && (!a || !b || !out)))
        return CAREER_ERR_ARG;
    for (i = 0; i < n; i++)
        if ((st = f(model, a[i], b[i], &out[i])) != CAREER_OK)
            return st;
    return CAREER_OK;
}

career_status career_tier_at_n(const career_model *model, const double *years,
                               size_t *tier_index, size_t n)
{
    size_t i;
    career_status st;

    if (!model || (n > 0 && (!years || !tier_index)))
        return CAREER_ERR_ARG;
    for (i = 0; i < n; i++)
        if ((st = career_tier_at(model, years[i], &tier_index[i])) !=
            CAREER_OK)
            return st;
    return CAREER_OK;
}

career_status career_tier_progress_n(const career_model *model,
                                     const double *years, double *fraction,
                                     size_t n)
{
    return each_one(model, career_tier_progress, years, fraction, n);
}

career_status career_salary_growth_rate_n(const career_model *model,
                                          const double *years, double *rate,
                                          size_t n)
{
    return each_one(model, career_salary_growth_rate, years, rate, n);
}

career_status career_years_to_salary_n(const career_model *model,
                                       const double *salary, double *years,
                                       size_t n)
{
    return each_one(model, career_years_to_salary, salary, years, n);
}

career_status career_market_quantile_n(const career_model *model,
                                       const double *p, double *salary,
                                       size_t n)
{
    return each_one(model, career_market_quantile, p, salary, n);
}

career_status career_market_percentile_n(const career_model *model,
                                         const double *salary, double *p,
                                         size_t n)
{
    if (!model || (n > 0 && (!salary || !p)))
        return CAREER_ERR_ARG;
    return careerp_dist_percentile_n(&model->dist, salary, p, n);
}

career_status career_mixture_percentile_n(const career_model *model,
                                          const double *salary, double *p,
                                          size_t n)
{
    return each_one(model, career_mixture_percentile, salary, p, n);
}

career_status career_quantile_at_n(const career_model *model,
                                   const double *years, const double *p,
                                   double *salary, size_t n)
{
    return each_two(model, career_quantile_at, years, p, salary, n);
}

career_status career_percentile_at_n(const career_model *model,
                                     const double *years, const double *salary,
                                     double *p, size_t n)
{
    return each_two(model, career_percentile_at, years, salary, p, n);
}

career_status career_compa_ratio_n(const career_model *model,
                                   const double *years, const double *salary,
                                   double *ratio, size_t n)
{
    return each_two(model, career_compa_ratio, years, salary, ratio, n);
}

career_status career_range_penetration_n(const career_model *model,
                                         const double *years,
                                         const double *salary,
                                         double *penetration, size_t n)
{
    return each_two(model, career_range_penetration, years, salary,
                    penetration, n);
}
