/* project.c - the deterministic projection of a career (docs/model.md §7,
 * demand growth and the wage index, and §8): year by year salary, tier,
 * market position and lifetime earnings under demand growth, inflation and a
 * discount rate. Nothing here allocates: rows are computed on the stack and
 * copied out only when every figure is finite, so a failed call writes
 * nothing. */
#include "plan/plan.h"

#include <float.h>
#include <string.h>

#define PROJ_FLAGS (CAREER_PROJ_ELASTICITY_GIVEN | CAREER_PROJ_GROWTH_GIVEN)

/* ---- options ---------------------------------------------------------- */

/* A growth that is not 0, or CAREER_PROJ_GROWTH_GIVEN, selects the caller's
 * demand growth (0 allowed with the flag: no growth) over growth_years > 0;
 * all three zero the profile's, whose annual rate the model already holds.
 * A growth without its years, or years without a growth, is half given. */
static career_status resolve_growth(const career_model *model,
                                    const career_projection_options *o,
                                    careerp_plan *plan)
{
    career_status st;
    int given;

    if (!isfinite(o->growth))
        return CAREER_ERR_ARG;
    if ((st = careerp_check_min(o->growth_years, 0.0, 0)) != CAREER_OK)
        return st;
    given = o->growth != 0.0 || (o->flags & CAREER_PROJ_GROWTH_GIVEN);
    if (given != (o->growth_years != 0.0))
        return CAREER_ERR_ARG;
    if (!given) {
        plan->growth = model->profile->demand_growth;
        plan->growth_years = model->profile->demand_years;
        plan->rate = model->demand_rate;
        return CAREER_OK;
    }
    if ((st = careerp_check_min(o->growth, -1.0, 1)) != CAREER_OK)
        return st;
    plan->growth = o->growth;
    plan->growth_years = o->growth_years;
    return career_annual_rate(o->growth, o->growth_years, &plan->rate);
}

static career_status resolve_rates(const career_projection_options *o,
                                   careerp_plan *plan)
{
    career_status st;

    if ((st = careerp_check_min(o->elasticity, 0.0, 0)) != CAREER_OK ||
        (st = careerp_check_min(o->inflation, -1.0, 1)) != CAREER_OK ||
        (st = careerp_check_min(o->discount, -1.0, 1)) != CAREER_OK)
        return st;
    plan->elasticity = o->elasticity == 0.0 &&
                               !(o->flags & CAREER_PROJ_ELASTICITY_GIVEN)
                           ? 1.0
                           : o->elasticity;
    plan->inflation = o->inflation;
    plan->discount = o->discount;
    plan->log_prices = log1p(o->inflation);
    plan->log_discount = log1p(o->discount);
    return CAREER_OK;
}

static career_status resolve_start(const career_model *model,
                                   const career_projection_options *o,
                                   careerp_plan *plan)
{
    career_status st;
    double m0;

    if ((st = careerp_check_years(o->start_years)) != CAREER_OK)
        return st;
    if ((st = careerp_check_min(o->start_salary, 0.0, 0)) != CAREER_OK)
        return st;
    m0 = careerp_curve_eval(&model->curve, o->start_years);
    /* An extended curve may reach 0: no salary can be placed against it. */
    if (!(m0 > 0.0) || !isfinite(m0))
        return CAREER_ERR_DOMAIN;
    plan->x0 = o->start_years;
    plan->s0 = o->start_salary == 0.0 ? m0 : o->start_salary;
    plan->c = o->start_salary == 0.0 ? 1.0 : o->start_salary / m0;
    return isfinite(plan->c) && plan->c > 0.0 ? CAREER_OK : CAREER_ERR_DOMAIN;
}

/* The demand part of the yearly factors, from the rate and the elasticity
 * (to be called again whenever either changes). */
static void set_log_wage(careerp_plan *plan)
{
    plan->log_wage = plan->elasticity * log1p(plan->rate);
}

career_status careerp_plan_resolve(const career_model *model,
                                   const career_projection_options *opts,
                                   careerp_plan *plan)
{
    static const career_projection_options defaults;
    const career_projection_options *o = opts ? opts : &defaults;
    career_status st;

    if (!model || !plan)
        return CAREER_ERR_ARG;
    if (o->horizon > CAREER_MAX_HORIZON || (o->flags & ~PROJ_FLAGS) ||
        careerp_check_reserved(NULL, "", o->reserved, CAREERP_NRESERVED(o)) !=
            CAREER_OK)
        return CAREER_ERR_ARG;
    plan->horizon = o->horizon == 0 ? 10u : o->horizon;
    if ((st = resolve_start(model, o, plan)) != CAREER_OK ||
        (st = resolve_growth(model, o, plan)) != CAREER_OK ||
        (st = resolve_rates(o, plan)) != CAREER_OK)
        return st;
    set_log_wage(plan);
    return CAREER_OK;
}

/* M_t = (1+g)^(eps t), the market wage index of year t, as exp(t eps
 * ln(1+g)): an exp costs a fraction of a pow, and log1p keeps small rates
 * exact. */
static double wage_index(const careerp_plan *plan, unsigned t)
{
    return exp(plan->log_wage * (double)t);
}

/* (1+pi)^t, the price level of year t against year 0. */
static double price_level(const careerp_plan *plan, unsigned t)
{
    return exp(plan->log_prices * (double)t);
}

double careerp_plan_factor(const careerp_plan *plan, unsigned t)
{
    return plan->c * wage_index(plan, t) * price_level(plan, t);
}

career_status career_projection_resolve(const career_model *model,
                                        const career_projection_options *opts,
                                        career_projection_options *out)
{
    careerp_plan plan;
    career_status st;

    if (!out)
        return CAREER_ERR_ARG;
    if ((st = careerp_plan_resolve(model, opts, &plan)) != CAREER_OK)
        return st;
    *out = (career_projection_options){
        .start_years = plan.x0, .start_salary = plan.s0,
        .horizon = plan.horizon, .growth = plan.growth,
        .growth_years = plan.growth_years, .elasticity = plan.elasticity,
        .inflation = plan.inflation, .discount = plan.discount,
        .flags = CAREER_PROJ_ELASTICITY_GIVEN | CAREER_PROJ_GROWTH_GIVEN};
    return CAREER_OK;
}

/* ---- the projection --------------------------------------------------- */

/* Fills rows[0..H]; CAREER_ERR_DOMAIN if a figure overflows (e.g. a huge
 * start salary or inflation rate), or a salary of a curve above 0
 * underflows (a steep decline over a long horizon: it would read as 0,
 * which only an extended curve that reaches 0 gives). */
static career_status project_rows(const career_model *model,
                                  const careerp_plan *plan,
                                  career_projection_row *rows)
{
    double cumulative = 0.0, present = 0.0;

    for (unsigned t = 0; t <= plan->horizon; t++) {
        career_projection_row *row = &rows[t];
        double x = plan->x0 + (double)t;
        /* Year 0 is the start salary itself, not s0 / m(x0) * m(x0). */
        double own = t == 0 ? plan->s0
                            : plan->c * careerp_curve_eval(&model->curve, x);

        memset(row, 0, sizeof *row); /* no stack garbage in the padding */
        row->year = t;
        row->years = x;
        row->tier = careerp_tier_at(model, x);
        row->real_salary = own * wage_index(plan, t);
        row->salary = row->real_salary * price_level(plan, t);
        /* Position among the peers of year t: the market moves with M_t
         * too, so only the own-curve part c m(x_t) is placed in F. */
        row->market_percentile =
            own > 0.0 ? careerp_dist_cdf_log(&model->dist, log(own)) : 0.0;
        cumulative += row->salary;
        present += row->salary * exp(-plan->log_discount * (double)t);
        row->cumulative = cumulative;
        row->present_value = present;
        if (!isfinite(row->real_salary) || !isfinite(cumulative) ||
            !isfinite(present))
            return CAREER_ERR_DOMAIN;
        if (own > 0.0 && !(row->salary >= DBL_MIN &&
                           row->real_salary >= DBL_MIN))
            return CAREER_ERR_DOMAIN;
    }
    return CAREER_OK;
}

career_status career_project(const career_model *model,
                             const career_projection_options *opts,
                             career_projection_row *rows, size_t nrows)
{
    career_projection_row local[CAREER_MAX_HORIZON + 1];
    careerp_plan plan;
    career_status st;

    if (!model || !rows)
        return CAREER_ERR_ARG;
    if ((st = careerp_plan_resolve(model, opts, &plan)) != CAREER_OK)
        return st;
    if (nrows < (size_t)plan.horizon + 1)
        return CAREER_ERR_BUFFER;
    if ((st = project_rows(model, &plan, local)) != CAREER_OK)
        return st;
    memcpy(rows, local, ((size_t)plan.horizon + 1) * sizeof *rows);
    return CAREER_OK;
}

/* ---- reading projected rows ------------------------------------------- */

career_status career_projection_tier_years(const career_projection_row *rows,
                                           size_t nrows, long *year_reached,
                                           size_t ntiers)
{
    if (!rows || !year_reached || nrows == 0 || ntiers > CAREER_MAX_TIERS)
        return CAREER_ERR_ARG;
    for (size_t i = 0; i < ntiers; i++) {
        year_reached[i] = CAREER_NEVER;
        for (size_t k = 0; k < nrows; k++) {
            if (rows[k].tier >= i) {
                year_reached[i] = (long)rows[k].year;
                break;
            }
        }
    }
    return CAREER_OK;
}

career_status career_projection_target_year(const career_projection_row *rows,
                                            size_t nrows, double target,
                                            long *year)
{
    career_status st;

    if (!rows || !year || nrows == 0)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_min(target, 0.0, 1)) != CAREER_OK)
        return st;
    *year = CAREER_NEVER;
    for (size_t k = 0; k < nrows; k++) {
        if (rows[k].salary >= target) {
            *year = (long)rows[k].year;
            break;
        }
    }
    return CAREER_OK;
}

/* ---- scenarios -------------------------------------------------------- */

/* The default spread of the scenarios: low and high are G -/+ delta with
 * delta = max(|G| / 2, 0.05), so that they bracket G whatever its sign
 * (0.5 G would be the higher one for G < 0) and always differ from it. */
#define CAREERP_SCENARIO_MIN_SPREAD 0.05

career_status career_project_scenarios(const career_model *model,
                                       const career_projection_options *opts,
                                       const double *growth,
                                       career_projection_row *rows,
                                       size_t nrows_each)
{
    static const double side[3] = {-1.0, 0.0, 1.0};
    career_projection_row local[3][CAREER_MAX_HORIZON + 1];
    careerp_plan base, plan[3];
    career_status st;
    double delta;
    size_t n;

    if (!model || !rows)
        return CAREER_ERR_ARG;
    if ((st = careerp_plan_resolve(model, opts, &base)) != CAREER_OK)
        return st;
    delta = fmax(0.5 * fabs(base.growth), CAREERP_SCENARIO_MIN_SPREAD);
    for (int k = 0; k < 3; k++) {
        double g = growth ? growth[k] : base.growth + side[k] * delta;

        if ((st = careerp_check_min(g, -1.0, 1)) != CAREER_OK)
            return st;
        plan[k] = base;
        if (!growth && k == 1)
            continue; /* the base itself: keep its rate bit for bit */
        plan[k].growth = g;
        if ((st = career_annual_rate(g, base.growth_years, &plan[k].rate)) !=
            CAREER_OK)
            return st;
        set_log_wage(&plan[k]);
    }
    n = (size_t)base.horizon + 1;
    if (nrows_each < n)
        return CAREER_ERR_BUFFER;
    for (int k = 0; k < 3; k++)
        if ((st = project_rows(model, &plan[k], local[k])) != CAREER_OK)
            return st;
    for (size_t k = 0; k < 3; k++)
        memcpy(rows + k * nrows_each, local[k], n * sizeof *rows);
    return CAREER_OK;
}
