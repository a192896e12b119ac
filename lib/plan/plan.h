/*
 * plan/plan.h - plans (lib/plan/): the projection's resolved options and
 * the quantile selection, as the other modules (pay) may use them. The
 * Monte Carlo's own pieces (pool.h, rng.h, select.h, simulate.h) shall
 * only be included by lib/plan/ and its tests.
 */
#ifndef CAREER_PLAN_H
#define CAREER_PLAN_H

#include "core/core.h"

/* ---- project.c -------------------------------------------------------- */

/* A projection's options, checked and resolved (zeros replaced by defaults),
 * shared by the deterministic projection and the Monte Carlo. */
typedef struct careerp_plan {
    double x0;           /* start years */
    double s0;           /* the start salary (m(x0) when not given) */
    double c;            /* s0 / m(x0): the start against the curve */
    unsigned horizon;    /* H */
    double growth;       /* demand growth G over growth_years (resolved) */
    double growth_years;
    double rate;         /* g = (1+G)^(1/T) - 1 */
    double elasticity;   /* epsilon */
    double inflation;    /* pi */
    double discount;     /* r */
    /* The logarithms of the yearly factors, so that year t's are exp(t k):
     * eps ln(1+g) (demand), ln(1+pi) (prices), ln(1+r) (discounting). */
    double log_wage, log_prices, log_discount;
} careerp_plan;

/* Checks opts (NULL = defaults) and fills plan: CAREER_ERR_ARG for NaN, inf
 * and a horizon above CAREER_MAX_HORIZON, CAREER_ERR_DOMAIN for finite values
 * out of range (negative years, salary, elasticity; rates <= -1). */
career_status careerp_plan_resolve(const career_model *model,
                                   const career_projection_options *opts,
                                   careerp_plan *plan);

/* c (1+g)^(eps t) (1+pi)^t: what multiplies m(x_t) in nominal year t. */
double careerp_plan_factor(const careerp_plan *plan, unsigned t);

/* ---- select.c --------------------------------------------------------- */

/* The quantiles p[0..np) (np <= 8, each in [0,1], increasing) of a[0..n),
 * n >= 1, no NaN, by linear interpolation between order statistics: with
 * h = (n-1) p, q = a_(floor h) + (h - floor h) (a_(floor h + 1) - a_(floor h)),
 * a_(k) the k-th smallest (0-based; R's and numpy's default, "type 7").
 * Found by selection, not sorting. With scratch (at least
 * careerp_quantile_scratch(n) doubles; NULL = none) large inputs take one
 * pass that brackets each quantile from a sample and selects inside the
 * brackets, leaving a[] as it was; otherwise, or when a bracket misses
 * (ties, unlucky sample), a multi-rank quickselect reorders a[]. The result
 * is the same either way. */
void careerp_quantiles(double *a, size_t n, const double *p, size_t np,
                       double *q, double *scratch, size_t nscratch);
size_t careerp_quantile_scratch(size_t n);

#endif /* CAREER_PLAN_H */
