/* equity_remedy.c - the cheapest raises that bring the adjusted gap
 * within a target (docs/model.md §13.6).
 *
 * The female coefficient c of the regression of ln hourly pay is linear
 * in the rows' y: c = sum_i w_i y_i, w_i = g'(z_i - zbar), g the
 * indicator's row of the inverse cross products. A raise r_i to annual
 * ordinary pay moves y_i by ln(1 + r_i / a_i) (a_i the worker's annual
 * pay level), so c moves by sum_i w_i ln(1 + r_i / a_i): concave in each
 * r_i. Minimising sum r_i subject to that sum >= D with bounds is convex,
 * and its KKT conditions give each raised worker the new pay
 * a_i + r_i = lambda w_i, held between a_i + floor lift and a_i + the
 * largest raise. G, the coefficient's move, is linear in ln(lambda)
 * between consecutive breakpoints (its slope the weights of the workers
 * not held), so Newton's method on ln(lambda) lands on the exact lambda
 * once it is within the segment that holds D, as the merit cycle solves
 * its k on its segment, with no sort of the breakpoints. Raises are then
 * rounded up to a cent: the target holds, and the cost is their sum
 * exactly. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

/* The coefficient is taken as within the target this close to its end. */
#define WITHIN_SLACK 1e-12

typedef struct remedy_row {
    double v;      /* s w_i: the worker's weight towards closing the gap  */
    double a;      /* annual pay level                                   */
    double basic;  /* annual ordinary pay                                */
    double lift;   /* the floor lift (0: none)                           */
    double cap;    /* the largest raise, lift included (INFINITY: none)  */
    int cand;      /* may be raised                                      */
} remedy_row;

static career_status check_rules(const career_remedy_options *r,
                                 career_remedy_options *out,
                                 career_error *err)
{
    career_remedy_options o = {0};

    if (r) {
        o = *r;
        if (careerp_check_reserved(err, "rules.", o.reserved,
                                   CAREERP_NRESERVED(&o)))
            return CAREER_ERR_ARG;
    }
    if (!isfinite(o.target) || !isfinite(o.max_raise) || !isfinite(o.floor))
        return careerp_fail(err, CAREER_ERR_ARG, "rules.%s: must be a "
                            "finite number", !isfinite(o.target) ? "target"
                            : !isfinite(o.max_raise) ? "max_raise" : "floor");
    if (o.flags & ~CAREER_REMEDY_ANY_SEX)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "rules.flags: unknown bits 0x%x", o.flags);
    if (!(o.target >= 0.0 && o.target < 1.0))
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "rules.target: must be in [0, 1) (got %g)",
                            o.target);
    if (!(o.max_raise >= 0.0) || !(o.floor >= 0.0 && o.floor < 1e12))
        return careerp_fail(err, CAREER_ERR_DOMAIN, "rules.%s: must be >= 0%s",
                            o.max_raise >= 0.0 ? "floor" : "max_raise",
                            o.max_raise >= 0.0 ? " and < 1e12" : "");
    *out = o;
    return CAREER_OK;
}

/* Each kept row's weight w_i in the coefficient (NaN for the rest). */
static void weights(const careerp_design *d, const careerp_ols *fit,
                    const careerp_eq_rows *rows, double *w)
{
    double z[CAREERP_EQ_MAX_COLS + 3], y;
    const double *v;
    const long double *g = fit->cinv + (fit->m - 1) * fit->m;
    size_t i, k;
    int grp;

    for (i = 0; i < rows->n; i++) {
        long double s = 0.0L;
        if (!rows->get(rows->ctx, i, &v, &y, &grp)) {
            w[i] = NAN;
            continue;
        }
        careerp_design_row(d, v, grp ? 0.0 : 1.0, y, z);
        for (k = 0; k < fit->m; k++) {
            size_t c = fit->col[k];
            s += g[k] * ((long double)z[c] + d->shift[c] - fit->mean[c]);
        }
        w[i] = (double)s;
    }
}

/* Who may be raised, and by how much at least and at most. */
static void bounds(const career_workforce *wf, const double *w,
                   const career_remedy_options *ru, career_sex sex, double s,
                   remedy_row *rr)
{
    careerp_level l;
    size_t i;

    for (i = 0; i < wf->n; i++) {
        const career_worker *wk = &wf->workers[i];
        remedy_row *r = &rr[i];
        memset(r, 0, sizeof *r);
        if (isnan(w[i]) || (wk->flags & CAREER_WORKER_NO_RAISE) ||
            (!(ru->flags & CAREER_REMEDY_ANY_SEX) && wk->sex != sex))
            continue;
        careerp_level_of(wk, &l);
        r->cand = 1;
        r->v = s * w[i];
        r->a = l.annual;
        r->basic = l.basic;
        r->lift = ru->floor > l.basic ? ru->floor - l.basic : 0.0;
        /* the cap in whole cents, so that a raise held at it is paid
         * exactly (rounding it down later would undo part of the move) */
        r->cap = ru->max_raise > 0.0
                     ? fmax(r->lift, floor(ru->max_raise * l.basic * 100.0 +
                                           1e-6) / 100.0)
                     : INFINITY;
    }
}

/* The raise of row r at lambda. */
static double raise_at(const remedy_row *r, double lambda)
{
    double lo = r->a + r->lift, hi = r->a + r->cap, p = lambda * r->v;

    if (!(r->v > 0.0))
        return r->lift;
    return (p < lo ? lo : p > hi ? hi : p) - r->a;
}

/* In t = ln lambda, worker i's move beyond the floor lift is
 * v_i clamp(t + c_i, 0, h_i), c_i = ln(v_i / (a_i + lift_i)) and
 * h_i = ln((a_i + cap_i) / (a_i + lift_i)): G(t) is their sum, piecewise
 * linear and non-decreasing, its slope the v_i of the workers not held. */
typedef struct knot {
    double v, c, h;
} knot;

/* The workers who can still be raised, as knots; their count. */
static size_t knots_of(const remedy_row *rr, size_t n, knot *k)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++) {
        const remedy_row *r = &rr[i];
        double base = r->a + r->lift;
        if (!r->cand || !(r->v > 0.0) || !(r->cap > r->lift))
            continue;
        k[m].v = r->v;
        k[m].c = log(r->v / base);
        k[m++].h = isfinite(r->cap) ? log((r->a + r->cap) / base) : INFINITY;
    }
    return m;
}

static double move_at(const knot *k, size_t m, double t, double *slope)
{
    long double g = 0.0L, s = 0.0L;
    size_t i;

    for (i = 0; i < m; i++) {
        double x = t + k[i].c;
        if (x <= 0.0)
            continue;
        if (x < k[i].h) {
            g += k[i].v * x;
            s += k[i].v;
        } else {
            g += k[i].v * k[i].h;
        }
    }
    *slope = (double)s;
    return (double)g;
}

/* A bracket [lo, hi] of t with G(lo) < target <= G(hi); 0 when no t
 * reaches the target (every worker at the cap: *hi is where all are). */
static int bracket(const knot *k, size_t m, double target, double *lo,
                   double *hi)
{
    double first = INFINITY, last = -INFINITY, s, step = 1.0;
    size_t i;
    int capped = 1;

    for (i = 0; i < m; i++) {
        first = fmin(first, -k[i].c);
        last = fmax(last, -k[i].c + k[i].h);
        capped &= isfinite(k[i].h);
    }
    if (m == 0)
        return *lo = *hi = 0.0, 0;
    *lo = first;
    *hi = capped ? last : first + 1.0;
    while (!capped && move_at(k, m, *hi, &s) < target) {
        *lo = *hi;
        *hi += (step *= 2.0);
    }
    return move_at(k, m, *hi, &s) >= target;
}

/* lambda with G(ln lambda) = target: Newton's steps on the piecewise
 * linear G, which land on the root once within its segment, kept in the
 * bracket by halving it when they leave it. *met = 0 when no lambda
 * reaches the target. */
static double solve_lambda(const knot *k, size_t m, double target, int *met)
{
    double lo, hi, t, g, slope, next;
    int it;

    if (!(*met = bracket(k, m, target, &lo, &hi)))
        return exp(hi);
    t = hi;
    for (it = 0; it < 200; it++) {
        g = move_at(k, m, t, &slope);
        if (g >= target)
            hi = t;
        else
            lo = t;
        if (fabs(g - target) <= 1e-15 * target || hi - lo <= 1e-15 * fabs(hi))
            break;
        next = slope > 0.0 ? t + (target - g) / slope : NAN;
        t = next > lo && next < hi ? next : 0.5 * (lo + hi);
    }
    /* t within 1e-15 of the target is the root (the raises' rounding up
     * to a cent covers the last bit); else the bracket's end that meets it */
    return exp(move_at(k, m, t, &slope) >= target * (1.0 - 1e-15) ? t : hi);
}

static int64_t cents_up(double money)
{
    return (int64_t)ceil(money * 100.0 - 1e-6);
}

/* The raises in cents, the cost, and the coefficient after them. */
static double pay_raises(const remedy_row *rr, size_t n, double lambda,
                         int64_t *raise, career_remedy *out)
{
    long double move = 0.0L;
    size_t i;

    for (i = 0; i < n; i++) {
        int64_t c = 0;
        if (rr[i].cand) {
            c = cents_up(raise_at(&rr[i], lambda));
            if (isfinite(rr[i].cap))
                c = c < (int64_t)floor(rr[i].cap * 100.0 + 1e-6)
                        ? c : (int64_t)floor(rr[i].cap * 100.0 + 1e-6);
            if (c < cents_up(rr[i].lift))
                c = cents_up(rr[i].lift);
            out->floor_cents += cents_up(rr[i].lift);
            move += rr[i].v * log1p((double)c / 100.0 / rr[i].a);
        }
        raise[i] = c;
        out->cost_cents += c;
        out->raised += c > 0;
    }
    return (double)move;
}

/* The move of the coefficient when every candidate gets rate rho of
 * ordinary pay, and its derivative in rho. */
static double uniform_move(const remedy_row *rr, size_t n, double rho,
                           double *slope)
{
    long double h = 0.0L, dh = 0.0L;
    size_t i;

    for (i = 0; i < n; i++)
        if (rr[i].cand) {
            double x = rr[i].basic / rr[i].a;
            h += rr[i].v * log1p(rho * x);
            dh += rr[i].v * x / (1.0 + rho * x);
        }
    *slope = (double)dh;
    return (double)h;
}

/* The one rate rho of ordinary pay that moves the coefficient by target
 * when every candidate gets it: Newton's steps kept inside a bracket that
 * halves when they leave it, until a step moves rho by less than 1e-14 of
 * it; the bracket's upper end, which meets the target, is returned. NaN
 * when no rate up to 100 (10,000 %) does. */
static double uniform_rate(const remedy_row *rr, size_t n, double target)
{
    double lo = 0.0, hi = 0.01, rho, h, dh, step;
    int it;

    while (uniform_move(rr, n, hi, &dh) < target)
        if ((hi *= 2.0) > 100.0)
            return NAN;
    rho = hi;
    for (it = 0; it < 100; it++) {
        h = uniform_move(rr, n, rho, &dh);
        if (h >= target)
            hi = rho;
        else
            lo = rho;
        step = dh > 0.0 ? (h - target) / dh : NAN;
        rho -= step;
        if (!(rho > lo && rho < hi))
            rho = 0.5 * (lo + hi);
        else if (fabs(step) <= 1e-14 * rho)
            break;
        if (hi - lo <= 1e-15 * hi)
            break;
    }
    return uniform_move(rr, n, rho, &dh) >= target ? rho : hi;
}

static int64_t uniform_cost(const remedy_row *rr, size_t n, double rho)
{
    int64_t c = 0;
    size_t i;

    for (i = 0; i < n && isfinite(rho); i++)
        if (rr[i].cand)
            c += cents_up(rho * rr[i].basic);
    return c;
}

/* The floor lifts' own move of the coefficient. */
static double floor_move(const remedy_row *rr, size_t n)
{
    long double g = 0.0L;
    size_t i;

    for (i = 0; i < n; i++)
        if (rr[i].cand)
            g += rr[i].v * log1p(rr[i].lift / rr[i].a);
    return (double)g;
}

/* With the gap outside the target: the raises, into raise[] and out. */
static career_status solve(const career_workforce *wf, double need,
                           remedy_row *rr, int64_t *raise, career_remedy *out)
{
    double rest = need - floor_move(rr, wf->n), lambda = 0.0;
    knot *k;
    size_t m;
    int met = 1;

    if (rest > 0.0) {
        if (!(k = malloc((wf->n ? wf->n : 1) * sizeof *k)))
            return CAREER_ERR_NOMEM;
        m = knots_of(rr, wf->n, k);
        lambda = solve_lambda(k, m, rest, &met);
        free(k);
    }
    out->multiplier = lambda;
    out->flags |= met ? 0u : CAREER_REMEDY_UNMET;
    out->coef_after = out->coef_before + (out->raised_sex ==
                                                  CAREER_SEX_FEMALE ? 1 : -1) *
                                             pay_raises(rr, wf->n, lambda,
                                                        raise, out);
    out->uniform_rate = uniform_rate(rr, wf->n, need);
    out->uniform_cost_cents = uniform_cost(rr, wf->n, out->uniform_rate);
    return CAREER_OK;
}

static career_status remedy_fit(const career_workforce *wf, size_t category,
                                int drop, careerp_eq_rows *rows,
                                careerp_wf_rows *ctx, careerp_design *d,
                                careerp_ols *fit, career_error *err)
{
    careerp_wf_rows_init(rows, ctx, wf, category);
    return careerp_gap_fit(wf->factors, wf->nfactors, rows, drop, d, fit,
                           err);
}

career_status career_equity_remedy(const career_workforce *wf,
                                   const career_equity_options *opts,
                                   const career_remedy_options *rules,
                                   size_t category, career_remedy *out,
                                   int64_t *raise_cents, size_t nraise,
                                   career_error *err)
{
    career_equity_options o;
    career_remedy_options ru = {0};
    careerp_eq_rows rows;
    careerp_wf_rows ctx;
    careerp_design d;
    careerp_ols fit;
    career_remedy r;
    remedy_row *rr = NULL;
    double *w = NULL, lo, hi, c0;
    int64_t *raise = NULL;
    career_status st;

    careerp_error_reset(err);
    if (!out || !raise_cents)
        return careerp_fail(err, CAREER_ERR_ARG, "%s: NULL",
                            out ? "raise_cents" : "out");
    if ((st = check_rules(rules, &ru, err)) ||
        (st = careerp_equity_prepare(wf, opts, category, &o, err)))
        return st;
    if (nraise < wf->n)
        return careerp_fail(err, CAREER_ERR_BUFFER,
                            "raise_cents: room for %zu, there are %zu "
                            "workers", nraise, wf->n);
    if ((st = remedy_fit(wf, category, (o.flags & CAREER_EQUITY_DROP) != 0,
                         &rows, &ctx, &d, &fit, err)))
        return st;
    memset(&r, 0, sizeof r);
    c0 = r.coef_before = r.coef_after = fit.beta[d.q - 2];
    r.gap_before = -expm1(c0);
    r.uniform_rate = 0.0;
    lo = log1p(-ru.target) - WITHIN_SLACK;
    hi = log1p(ru.target) + WITHIN_SLACK;
    w = malloc(wf->n * sizeof *w);
    rr = malloc(wf->n * sizeof *rr);
    raise = calloc(wf->n, sizeof *raise);
    if (!w || !rr || !raise) {
        st = careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (c0 >= lo && c0 <= hi) {
        r.flags = CAREER_REMEDY_WITHIN;
    } else {
        r.raised_sex = c0 < lo ? CAREER_SEX_FEMALE : CAREER_SEX_MALE;
        weights(&d, &fit, &rows, w);
        bounds(wf, w, &ru, r.raised_sex, c0 < lo ? 1.0 : -1.0, rr);
        if (solve(wf, c0 < lo ? lo + WITHIN_SLACK - c0
                              : c0 - hi + WITHIN_SLACK,
                  rr, raise, &r) != CAREER_OK) {
            st = careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    r.gap_after = -expm1(r.coef_after);
    memcpy(raise_cents, raise, wf->n * sizeof *raise);
    *out = r;
done:
    careerp_ols_free(&fit);
    free(w);
    free(rr);
    free(raise);
    return st;
}
