/* dist.c - the market salary distribution and the band at x years.
 *
 * Both fits work on ln S. The metalog is written in z = ln(p/(1-p)) and
 * u = p - 1/2 = tanh(z/2)/2, which keeps its tails exact where p is within
 * an ulp of 0 or 1, and makes the percentile a monotone 1-D root in z. */

/* The metalog's build (its check, its inverse table) and its batch of
 * percentiles (metalog_block) vectorise only at -O3, and only when the
 * compiler may evaluate both arms of a select (no FP traps are used
 * anywhere); neither changes a result. Not when
 * optimisation is off (the coverage build's -O0 keeps lines and branches
 * mapped), nor under clang, which ignores the pragma. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

#include "core/core.h"

#include <float.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sf_erf.h>

/* Term j (0-based) of the metalog basis beyond the first two (1 and z) is
 * u^power, times z when with_z: Keelin (2016), eq. 6. */
static const struct {
    int power;
    int with_z;
} basis[CAREERP_METALOG_MAX_TERMS] = {
    {0, 0}, {0, 1}, {1, 1}, {1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {4, 0},
};

/* The metalog as two polynomials in u: M = A(u) + z B(u), with A holding
 * the terms u^n and B the terms u^n z (set from a[] at build). */
static double poly(const double *c, int n, double u)
{
    double v = c[n - 1];
    int i;
    for (i = n - 2; i >= 0; i--)
        v = v * u + c[i];
    return v;
}

static double poly_slope(const double *c, int n, double u)
{
    double v = (n - 1) * c[n - 1];
    int i;
    for (i = n - 2; i >= 1; i--)
        v = v * u + i * c[i];
    return v;
}

static double poly_curvature(const double *c, int n, double u)
{
    double v = (n - 1) * (n - 2) * c[n - 1];
    int i;
    for (i = n - 2; i >= 2; i--)
        v = v * u + i * (i - 1) * c[i];
    return v;
}

static double metalog_at(const careerp_dist *d, double z, double u)
{
    return poly(d->alpha, 5, u) + z * poly(d->beta, 4, u);
}

/* M(z) and dM/dz, and p, from one exp: with e = exp(-|z|),
 * u = p - 1/2 = sign(z) (1 - e) / (2 (1 + e)) and du/dz = p (1 - p) =
 * e / (1 + e)^2, all exact in the tails where p is within an ulp of 0 or 1.
 * (Near z = 0, 1 - e loses relative digits of u, but u's absolute error
 * stays ~1e-17, which is what M needs.) */
static CAREERP_ALWAYS_INLINE void metalog_eval_e(const careerp_dist *d,
                                                 double z, double e,
                                                 double *m, double *slope,
                                                 double *p, double *u_out,
                                                 double *w_out)
{
    const double r = 1.0 / (1.0 + e);
    const double u = copysign(0.5 * (1.0 - e) * r, z), w = e * r * r;
    const double A = poly(d->alpha, 5, u), B = poly(d->beta, 4, u);

    *m = A + z * B;
    *slope = (poly_slope(d->alpha, 5, u) + z * poly_slope(d->beta, 4, u)) * w + B;
    *p = z >= 0.0 ? r : e * r;
    *u_out = u;
    *w_out = w;
}

/* The same, e = exp(-|z|) found here. */
static CAREERP_ALWAYS_INLINE void metalog_eval_uw(const careerp_dist *d,
                                                  double z, double *m,
                                                  double *slope, double *p,
                                                  double *u_out, double *w_out)
{
    metalog_eval_e(d, z, exp(-fabs(z)), m, slope, p, u_out, w_out);
}

static void metalog_eval(const careerp_dist *d, double z, double *m,
                         double *slope, double *p)
{
    double u, w;
    metalog_eval_uw(d, z, m, slope, p, &u, &w);
}

static double metalog_z(const careerp_dist *d, double z)
{
    double m, slope, p;
    metalog_eval(d, z, &m, &slope, &p);
    return m;
}

/* d^2M/dz^2 at z, from u and w = du/dz = 1/4 - u^2 there (dw/dz =
 * -2 u w): (A'' + z B'') w^2 + 2 B' w + (A' + z B') dw/dz. */
static CAREERP_ALWAYS_INLINE double metalog_curvature(const careerp_dist *d,
                                                      double z, double u,
                                                      double w)
{
    double a1 = poly_slope(d->alpha, 5, u), b1 = poly_slope(d->beta, 4, u);
    double a2 = poly_curvature(d->alpha, 5, u);
    double b2 = poly_curvature(d->beta, 4, u);

    return (a2 + z * b2) * w * w + 2.0 * b1 * w - 2.0 * u * w * (a1 + z * b1);
}

/* Where a root search ended: z and p there; dM/dz, u and w = du/dz at
 * the z of the last evaluation, z - dz. */
typedef struct metalog_root {
    double z, p, slope, u, w, dz;
} metalog_root;

/* The p with M(z(p)) = target, z in the bracket [lo, hi] that holds the
 * root, starting from z: Newton steps kept inside the bracket, bisection
 * when a step would leave it. Once a step is below 1e-7 the Newton step
 * lands within ~1e-14 of the root (its error is quadratic in the step), and
 * p is finished by that step to first order (dp/dz = w) instead of another
 * evaluation. */
static void metalog_solve(const careerp_dist *d, double target, double lo,
                          double hi, double z, metalog_root *root)
{
    double m, slope = 1.0, p = 0.5, u = 0.0, w = 0.25, dz = 0.0;
    int k;

    if (!(z > lo && z < hi))
        z = 0.5 * (lo + hi);
    for (k = 0; k < 200; k++) {
        double f, step, next;
        metalog_eval_uw(d, z, &m, &slope, &p, &u, &w);
        f = m - target;
        if (f == 0.0)
            break;
        if (f < 0.0)
            lo = z;
        else
            hi = z;
        step = f / slope;
        next = z - step;
        if (next > lo && next < hi && fabs(step) <= 1e-7 * (1.0 + fabs(z))) {
            /* u = p - 1/2 has slope w = p (1 - p) in z */
            p -= step * p * (1.0 - p);
            z = next;
            dz = -step;
            break;
        }
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (next == z)
            break;
        z = next;
    }
    *root = (metalog_root){z, p, slope, u, w, dz};
}

/* metalog_solve, its first step written out (a start from the inverse
 * table usually ends there): the same arithmetic, so the same root, with
 * no call in the common case. */
static CAREERP_ALWAYS_INLINE void metalog_solve_inline(const careerp_dist *d,
                                                       double target,
                                                       double lo, double hi,
                                                       double z,
                                                       metalog_root *root)
{
    double m, slope, p, u, w, f, step, next;

    if (!(z > lo && z < hi))
        z = 0.5 * (lo + hi);
    metalog_eval_uw(d, z, &m, &slope, &p, &u, &w);
    f = m - target;
    if (f == 0.0) {
        *root = (metalog_root){z, p, slope, u, w, 0.0};
        return;
    }
    if (f < 0.0)
        lo = z;
    else
        hi = z;
    step = f / slope;
    next = z - step;
    if (next > lo && next < hi && fabs(step) <= 1e-7 * (1.0 + fabs(z))) {
        p -= step * p * (1.0 - p);
        *root = (metalog_root){next, p, slope, u, w, -step};
        return;
    }
    if (!(next > lo && next < hi))
        next = 0.5 * (lo + hi);
    if (next == z)
        *root = (metalog_root){z, p, slope, u, w, 0.0};
    else
        metalog_solve(d, target, lo, hi, next, root);
}

/* The density in ln S at the root, dp/dM = p (1 - p) / (dM/dz): dM/dz is
 * the last Newton step's, carried over that step (below 1e-7) by
 * d^2M/dz^2, so that it is the root's to ~1e-14, not 1e-7. */
static CAREERP_ALWAYS_INLINE double metalog_density(const careerp_dist *d,
                                                    const metalog_root *r)
{
    double slope = r->slope;

    if (r->dz != 0.0)
        slope += metalog_curvature(d, r->z - r->dz, r->u, r->w) * r->dz;
    return r->p * (1.0 - r->p) / slope;
}

/* Sorts a[] into the polynomials A and B (see metalog_at). */
static void set_polynomials(careerp_dist *d)
{
    size_t j;

    for (j = 0; j < 5; j++)
        d->alpha[j] = 0.0;
    for (j = 0; j < 4; j++)
        d->beta[j] = 0.0;
    for (j = 0; j < d->k; j++) {
        if (basis[j].with_z)
            d->beta[basis[j].power] = d->a[j];
        else
            d->alpha[basis[j].power] = d->a[j];
    }
}

/* ---- fitting ---------------------------------------------------------- */

/* Row i of the metalog's design matrix for k terms, in long double: the
 * basis carries the digits that the solve's refinement needs (u = p - 1/2
 * is exact; z = ln(p/(1-p)) is good to ~1e-19). */
static void metalog_row(long double *row, size_t k, double p)
{
    const long double z = logl(p) - log1pl(-(long double)p), u = p - 0.5;
    size_t j;

    for (j = 0; j < k; j++) {
        long double v = 1.0L;
        int e;
        for (e = 0; e < basis[j].power; e++)
            v *= u;
        row[j] = basis[j].with_z ? v * z : v;
    }
}

/* Least squares with the first k terms (k <= n). */
static int fit_terms(careerp_dist *d, const career_quantile *q, size_t n,
                     size_t k, double log_scale)
{
    long double X[CAREER_MAX_QUANTILES * CAREERP_METALOG_MAX_TERMS];
    long double y[CAREER_MAX_QUANTILES];
    size_t i;

    for (i = 0; i < n; i++) {
        metalog_row(X + i * k, k, q[i].p);
        y[i] = logl(q[i].salary) + log_scale;
    }
    d->k = k;
    return careerp_least_squares(X, y, n, k, d->a);
}

/* k = min(n, 9) terms, or, when their design matrix is rank deficient
 * (CAREERP_LSQ_RCOND: e.g. 7 points symmetric about p = 1/2, whose odd
 * terms z, u, u^2 z, u^3 take only 3 independent values), the largest k
 * whose first k terms are not: a least-squares fit with fewer terms. The
 * rule depends on the points alone, so the same points always give the
 * same fit, and points moved by a hair give nearly the same one. */
static career_status fit_metalog(careerp_dist *d, const career_quantile *q,
                                 size_t n, double log_scale, career_error *err)
{
    size_t k = n < CAREERP_METALOG_MAX_TERMS ? n : CAREERP_METALOG_MAX_TERMS;

    for (; k >= 2; k--)
        if (fit_terms(d, q, n, k, log_scale) == CAREERP_LSQ_OK)
            return CAREER_OK;
    return careerp_fail(err, CAREER_ERR_FIT,
                        "market.quantiles: no metalog fits these points "
                        "(even two terms are rank deficient)");
}

/* The grid's points checked at once: their exps, then their slopes side
 * by side (in vectors, where the compiler can). */
#define CHECK_BLOCK 64

/* The first of points i0 .. i0 + n - 1 of the check's grid of `steps` + 1
 * where the slope is not positive, counted from i0; -1 when none is. */
CAREERP_CLONES
static int first_fall(const careerp_dist *d, int i0, int n, int steps)
{
    double z[CHECK_BLOCK], e[CHECK_BLOCK];
    long falls[CHECK_BLOCK];
    int k;

    for (k = 0; k < n; k++) {
        z[k] = CAREERP_DIST_Z0 * (1.0 - 2.0 * (i0 + k) / (double)steps);
        e[k] = exp(-fabs(z[k]));
    }
    for (k = 0; k < n; k++) {
        double m, slope, p, u, w;
        metalog_eval_e(d, z[k], e[k], &m, &slope, &p, &u, &w);
        falls[k] = !(slope > 0.0);
    }
    for (k = 0; k < n; k++)
        if (falls[k])
            return k;
    return -1;
}

/* The quantile function must increase on all of (0,1): its slope in z must
 * be positive in both limits z -> -inf, +inf (where only B(u), u -> -1/2
 * or 1/2, is left of it) and on a fine grid between. */
static career_status check_metalog(const careerp_dist *d, career_error *err)
{
    const int steps = 8 * 320;
    int side, i;

    for (side = -1; side <= 1; side += 2)
        if (!(poly(d->beta, 4, 0.5 * side) > 0.0))
            return careerp_fail(err, CAREER_ERR_FIT,
                                "market.quantiles: the metalog fit decreases "
                                "in the %s tail; try the lognormal "
                                "distribution or other points",
                                side < 0 ? "lower" : "upper");
    for (i = 0; i <= steps; i += CHECK_BLOCK) {
        int bad = first_fall(d, i, i + CHECK_BLOCK <= steps + 1
                                       ? CHECK_BLOCK
                                       : steps + 1 - i, steps);
        double z, m, slope, p;
        if (bad < 0)
            continue;
        z = CAREERP_DIST_Z0 * (1.0 - 2.0 * (i + bad) / (double)steps);
        metalog_eval(d, z, &m, &slope, &p);
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: the metalog fit is not "
                            "increasing (it falls near p = %.3g); try the "
                            "lognormal distribution or other points", p);
    }
    return CAREER_OK;
}

static career_status fit_lognormal(careerp_dist *d, const career_quantile *q,
                                   size_t n, double log_scale,
                                   career_error *err)
{
    double z[CAREER_MAX_QUANTILES], y[CAREER_MAX_QUANTILES];
    double cov00, cov01, cov11, sumsq;
    size_t i;

    for (i = 0; i < n; i++) {
        z[i] = gsl_cdf_ugaussian_Pinv(q[i].p);
        y[i] = log(q[i].salary) + log_scale;
    }
    gsl_fit_linear(z, 1, y, 1, n, &d->mu, &d->sigma, &cov00, &cov01, &cov11,
                   &sumsq);
    if (!(isfinite(d->mu) && isfinite(d->sigma) && d->sigma > 0.0))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: lognormal fit failed "
                            "(sigma %g)", d->sigma);
    return CAREER_OK;
}

/* One round of the inverse table's searches: each open search (z in
 * [lo, hi] for target t) evaluated at z, e = exp(-|z|), and moved by
 * metalog_search's rule, written without branches: *done when it ends
 * (the root in z), else z, lo and hi moved. */
static CAREERP_ALWAYS_INLINE void search_round(const careerp_dist *d,
                                               double t, double e, double *z,
                                               double *lo, double *hi,
                                               long *done)
{
    double m, slope, p, u, w, f, step, next, next2, a, b;
    long in, fast;

    metalog_eval_e(d, *z, e, &m, &slope, &p, &u, &w);
    f = m - t;
    a = f < 0.0 ? *z : *lo;
    b = f < 0.0 ? *hi : *z;
    step = f / slope;
    next = *z - step;
    in = (next > a) & (next < b);
    fast = in & (fabs(step) <= 1e-7 * (1.0 + fabs(*z)));
    next2 = in ? next : 0.5 * (a + b);
    *done = (f == 0.0) | fast | (next2 == *z);
    *z = f == 0.0 ? *z : fast ? next : next2;
    *lo = a;
    *hi = b;
}

/* The inverse table: z at evenly spaced values of ln S between M(Z0) and
 * M(-Z0), each the root metalog_solve finds from z = 0 in [Z0, -Z0], and
 * dz/dM there (for the Hermite starts). The searches take the same steps
 * as metalog_solve's, so they find the same roots, but side by side: each
 * round takes the exps of the searches still open, then moves them all
 * (in vectors, where the compiler can), then keeps the open ones. */
CAREERP_CLONES
static void inverse_table(careerp_dist *d)
{
    enum { N = CAREERP_DIST_INVERSE };
    double z[N], lo[N], hi[N], t[N], e[N];
    long done[N];
    short at[N];
    size_t j, k, open = 0;
    int round;

    for (j = 1; j + 1 < N; j++, open++) {
        z[open] = 0.0;
        lo[open] = CAREERP_DIST_Z0;
        hi[open] = -CAREERP_DIST_Z0;
        t[open] = d->lmin + (double)j / d->inv_step;
        at[open] = (short)j;
    }
    d->inverse[0] = CAREERP_DIST_Z0;
    d->inverse[N - 1] = -CAREERP_DIST_Z0;
    for (round = 0; round < 200 && open > 0; round++) {
        for (k = 0; k < open; k++)
            e[k] = exp(-fabs(z[k]));
        for (k = 0; k < open; k++)
            search_round(d, t[k], e[k], &z[k], &lo[k], &hi[k], &done[k]);
        for (j = k = 0; k < open; k++) {
            if (done[k]) {
                d->inverse[at[k]] = z[k];
                continue;
            }
            z[j] = z[k];
            lo[j] = lo[k];
            hi[j] = hi[k];
            t[j] = t[k];
            at[j++] = at[k];
        }
        open = j;
    }
    for (k = 0; k < open; k++) /* not ended in 200 rounds: where it is */
        d->inverse[at[k]] = z[k];
    for (j = 0; j < N; j++)
        e[j] = exp(-fabs(d->inverse[j]));
    for (j = 0; j < N; j++) {
        double m, slope, p, u, w;
        metalog_eval_e(d, d->inverse[j], e[j], &m, &slope, &p, &u, &w);
        d->inverse_slope[j] = 1.0 / slope; /* dz/dM, for Hermite steps */
    }
}

static career_status build_metalog(careerp_dist *d, const career_quantile *q,
                                   size_t n, double log_scale,
                                   career_error *err)
{
    career_status st;

    if ((st = fit_metalog(d, q, n, log_scale, err)) != CAREER_OK)
        return st;
    set_polynomials(d);
    if ((st = check_metalog(d, err)) != CAREER_OK)
        return st;
    d->lmin = metalog_z(d, CAREERP_DIST_Z0);
    d->lmax = metalog_z(d, -CAREERP_DIST_Z0);
    /* A fit whose quantile at p = 1 - 4e-18 is past the largest double is
     * no salary distribution: its upper queries would overflow. */
    if (!(d->lmax < log(DBL_MAX)))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: the metalog fit explodes in "
                            "the upper tail (its quantiles overflow); try the "
                            "lognormal distribution or other points");
    /* the inverse table: z at evenly spaced values of ln S */
    d->inv_step = (CAREERP_DIST_INVERSE - 1) / (d->lmax - d->lmin);
    d->inv_h = 1.0 / d->inv_step;
    inverse_table(d);
    d->log_median = d->a[0];
    return CAREER_OK;
}

/* AUTO: the spline where a mean is given (only its tail can honour one);
 * else the metalog through 3 or more points where it increases on all of
 * (0,1), and the spline through them where it does not; the lognormal
 * through 2. */
career_status careerp_dist_build(careerp_dist *d, const career_quantile *q,
                                 size_t n, double mean, double scale,
                                 career_dist kind, career_error *err)
{
    double log_scale = log(scale);
    career_status st;

    *d = (careerp_dist){.kind = kind};
    if (kind == CAREER_DIST_AUTO) {
        d->kind = mean > 0.0 ? CAREER_DIST_SPLINE
                  : n >= 3   ? CAREER_DIST_METALOG
                             : CAREER_DIST_LOGNORMAL;
        if (d->kind == CAREER_DIST_METALOG &&
            build_metalog(d, q, n, log_scale, NULL) == CAREER_OK)
            return CAREER_OK;
        if (d->kind == CAREER_DIST_METALOG)
            *d = (careerp_dist){.kind = CAREER_DIST_SPLINE};
    }
    switch (d->kind) {
    case CAREER_DIST_LOGNORMAL:
        st = fit_lognormal(d, q, n, log_scale, err);
        d->log_median = d->mu;
        return st;
    case CAREER_DIST_SPLINE:
        st = careerp_qspline_build(&d->spline, q, n, mean, log_scale, err);
        d->log_median = careerp_qspline_log_quantile(&d->spline, 0.5);
        return st;
    default:
        return build_metalog(d, q, n, log_scale, err);
    }
}

/* ---- evaluating ------------------------------------------------------- */

double careerp_dist_log_quantile(const careerp_dist *d, double p)
{
    if (d->kind == CAREER_DIST_LOGNORMAL)
        return d->mu + d->sigma * gsl_cdf_ugaussian_Pinv(p);
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_log_quantile(&d->spline, p);
    return metalog_at(d, log(p / (1.0 - p)), p - 0.5);
}

/* The bracket of the root for a target in [lmin, lmax] (the inverse
 * table's cell), and a start in it by a cubic Hermite step, close enough
 * that one Newton step usually ends the search. */
static CAREERP_ALWAYS_INLINE void metalog_table_start(const careerp_dist *d,
                                                      double target,
                                                      double *lo, double *hi,
                                                      double *z)
{
    double pos = (target - d->lmin) * d->inv_step, t, t2, t3;
    size_t j = (size_t)pos;

    if (j > CAREERP_DIST_INVERSE - 2)
        j = CAREERP_DIST_INVERSE - 2;
    *lo = d->inverse[j];
    *hi = d->inverse[j + 1];
    /* cubic Hermite in the cell, from z and dz/dM at both ends */
    t = pos - (double)j;
    t2 = t * t;
    t3 = t2 * t;
    *z = (2 * t3 - 3 * t2 + 1) * *lo +
         (t3 - 2 * t2 + t) * d->inv_h * d->inverse_slope[j] +
         (-2 * t3 + 3 * t2) * *hi +
         (t3 - t2) * d->inv_h * d->inverse_slope[j + 1];
    /* the table's z are rounded: widen by an ulp-scale margin */
    *lo -= 1e-12 * (1.0 + fabs(*lo));
    *hi += 1e-12 * (1.0 + fabs(*hi));
}

/* F(s) for the metalog, and where asked for its density in ln S: the root
 * from the inverse table's start; past the table's ends the bracket is
 * widened by doubling. */
static void metalog_find(const careerp_dist *d, double target,
                         metalog_root *out)
{
    double lo, hi, z;
    metalog_root root;

    if (target < d->lmin) {
        hi = CAREERP_DIST_Z0;
        for (lo = 2.0 * hi; lo > -1e4 && metalog_z(d, lo) > target; lo *= 2.0)
            hi = lo;
        metalog_solve(d, target, lo, hi, 0.5 * (lo + hi), &root);
    } else if (target > d->lmax) {
        lo = -CAREERP_DIST_Z0;
        for (hi = 2.0 * lo; hi < 1e4 && metalog_z(d, hi) < target; hi *= 2.0)
            lo = hi;
        metalog_solve(d, target, lo, hi, 0.5 * (lo + hi), &root);
    } else {
        metalog_table_start(d, target, &lo, &hi, &z);
        metalog_solve_inline(d, target, lo, hi, z, &root);
    }
    *out = root;
}

static double metalog_cdf(const careerp_dist *d, double target,
                          double *density)
{
    metalog_root root;

    metalog_find(d, target, &root);
    if (density)
        *density = metalog_density(d, &root);
    return root.p;
}

/* ln Phi(-z) for z >= 0, exact far into the tail (ln erfc, not erfc). */
static double log_upper_tail(double z)
{
    return gsl_sf_log_erfc(z * 0.70710678118654752) - 0.69314718055994531;
}

/* The normal score of the metalog's p = 1 / (1 + e^-z) at its logit z,
 * from the tail the p lies in, so that 1 - p is never formed. Far out
 * (|z| > 30, a tail share below 1e-13), the share's logarithm
 * -|z| - ln(1 + e^-|z|) is matched by Newton's method on ln Phi(-x),
 * which no share that underflows a double stops. */
static double logit_score(double z)
{
    double a = fabs(z), target, x;
    int k;

    if (a <= 30.0)
        return z > 0.0 ? -gsl_cdf_ugaussian_Pinv(1.0 / (1.0 + exp(z)))
                       : gsl_cdf_ugaussian_Pinv(1.0 / (1.0 + exp(-z)));
    if (!isfinite(a))
        return z;
    target = -a - log1p(exp(-a));
    x = sqrt(-2.0 * target); /* above the root: ln Phi(-x) is concave */
    for (k = 0; k < 50; k++) {
        double lq = log_upper_tail(x);
        /* d ln Phi(-x) / dx = -phi(x) / Phi(-x) */
        double slope = -exp(-0.5 * x * x - 0.91893853320467274 - lq);
        double step = (lq - target) / slope;
        x -= step;
        if (fabs(step) <= 1e-15 * x)
            break;
    }
    return z > 0.0 ? x : -x;
}

/* The logit ln(p / (1 - p)) of p = Phi(z), from both tails of Phi, far
 * out from ln erfc. */
static double score_logit(double z)
{
    double a = fabs(z), lq, lp;

    if (a <= 8.0)
        return log(gsl_cdf_ugaussian_P(z)) - log(gsl_cdf_ugaussian_Q(z));
    lq = log_upper_tail(a);
    lp = log1p(-exp(lq));
    return z > 0.0 ? lp - lq : lq - lp;
}

double careerp_dist_score_log(const careerp_dist *d, double log_s)
{
    metalog_root root;

    if (d->kind == CAREER_DIST_LOGNORMAL)
        return (log_s - d->mu) / d->sigma;
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_score_log(&d->spline, log_s, NULL);
    metalog_find(d, log_s, &root);
    return logit_score(root.z);
}

double careerp_dist_log_quantile_score(const careerp_dist *d, double z)
{
    if (d->kind == CAREER_DIST_LOGNORMAL)
        return d->mu + d->sigma * z;
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_log_quantile_z(&d->spline, z);
    return metalog_at(d, score_logit(z), gsl_cdf_ugaussian_P(z) - 0.5);
}

/* The lognormal's F in standard units: Phi(z) = erfc(-z / sqrt 2) / 2,
 * from the C library's erfc, a sixth cheaper than gsl_cdf_ugaussian_P.
 * They agree within 4e-15 relative for |z| <= 5; the rounding of
 * z / sqrt 2 grows that as z^2, to 2e-13 at z = -37, past which both are
 * subnormal. */
static double lognormal_cdf(double z)
{
    return 0.5 * erfc(-0.70710678118654752440 * z);
}

double careerp_dist_cdf_log(const careerp_dist *d, double log_s)
{
    if (d->kind == CAREER_DIST_LOGNORMAL)
        return lognormal_cdf((log_s - d->mu) / d->sigma);
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_cdf_log(&d->spline, log_s, NULL);
    return metalog_cdf(d, log_s, NULL);
}

/* The standard normal density. */
static double normal_pdf(double z)
{
    return 0.3989422804014327 * exp(-0.5 * z * z);
}

/* dL/dz, L = ln(Phi(z) / Phi(-z)) the logit of the score z:
 * phi(z) / (Phi(z) Phi(-z)), from ln erfc past |z| = 8, and |z| (its
 * limit, within 1e-16) past |z| = 1e8, where z^2 would lose the rest. */
static double logit_score_slope(double z)
{
    double a = fabs(z), lq, lp;

    if (a <= 8.0)
        return normal_pdf(z) /
               (gsl_cdf_ugaussian_P(z) * gsl_cdf_ugaussian_Q(z));
    if (a > 1e8)
        return a;
    lq = log_upper_tail(a);
    lp = log1p(-exp(lq));
    return exp(-0.5 * a * a - 0.91893853320467274 - lq - lp);
}

double careerp_dist_log_quantile_score_slope(const careerp_dist *d, double z)
{
    double L, m, slope, p;

    if (d->kind == CAREER_DIST_LOGNORMAL)
        return d->sigma;
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_log_quantile_z_slope(&d->spline, z);
    if (!isfinite(z) || !isfinite(L = score_logit(z)))
        return NAN;
    metalog_eval(d, L, &m, &slope, &p); /* slope = dM/dL */
    return slope * logit_score_slope(z);
}

double careerp_dist_cdf_pdf_log(const careerp_dist *d, double log_s,
                                double *density)
{
    double z;

    if (d->kind == CAREER_DIST_LOGNORMAL) {
        z = (log_s - d->mu) / d->sigma;
        *density = normal_pdf(z) / d->sigma;
        return lognormal_cdf(z);
    }
    if (d->kind == CAREER_DIST_SPLINE)
        return careerp_qspline_cdf_log(&d->spline, log_s, density);
    return metalog_cdf(d, log_s, density);
}

/* The metalog's F at up to BLOCK targets, in stages that hold no branch
 * and no call but exp's, so that the targets are worked on side by side
 * (and, where the compiler can, in vectors): the starts, the exps, one
 * Newton step with its density. The step is metalog_solve_inline's first,
 * the same arithmetic; a target it does not finish (rare), or one past
 * the table, is done alone afterwards. */
#define BLOCK 32

CAREERP_CLONES
static void metalog_block(const careerp_dist *d, const double *t, size_t n,
                          double *F, double *density)
{
    double z[BLOCK], lo[BLOCK], hi[BLOCK], e[BLOCK], pk[BLOCK], dens[BLOCK];
    long done[BLOCK];
    size_t k;

    for (k = 0; k < n; k++) {
        double target = fmin(fmax(t[k], d->lmin), d->lmax);
        metalog_table_start(d, target, &lo[k], &hi[k], &z[k]);
        if (!(z[k] > lo[k] && z[k] < hi[k]))
            z[k] = 0.5 * (lo[k] + hi[k]);
    }
    for (k = 0; k < n; k++)
        e[k] = exp(-fabs(z[k]));
    for (k = 0; k < n; k++) {
        double m, slope, p, u, w, f, step, next, a, b, curve;
        metalog_eval_e(d, z[k], e[k], &m, &slope, &p, &u, &w);
        f = m - t[k];
        a = f < 0.0 ? z[k] : lo[k];
        b = f < 0.0 ? hi[k] : z[k];
        step = f / slope;
        next = z[k] - step;
        done[k] = (f != 0.0) & (t[k] > d->lmin) & (t[k] < d->lmax) &
                  (next > a) & (next < b) &
                  (fabs(step) <= 1e-7 * (1.0 + fabs(z[k])));
        p -= step * p * (1.0 - p);
        curve = metalog_curvature(d, z[k], u, w);
        pk[k] = p;
        dens[k] = p * (1.0 - p) / (slope - curve * step);
    }
    for (k = 0; k < n; k++) {
        if (done[k]) {
            F[k] = pk[k];
            if (density)
                density[k] = dens[k];
        } else if (t[k] <= d->lmin || t[k] >= d->lmax) {
            F[k] = t[k] <= d->lmin ? 0.0 : 1.0;
            if (density)
                density[k] = 0.0;
        } else {
            F[k] = metalog_cdf(d, t[k], density ? &density[k] : NULL);
        }
    }
}

static void metalog_cdf_n(const careerp_dist *d, const double *t, size_t n,
                          double *F, double *density)
{
    size_t i, m;

    for (i = 0; i < n; i += m) {
        m = n - i < BLOCK ? n - i : BLOCK;
        metalog_block(d, t + i, m, F + i, density ? density + i : NULL);
    }
}

void careerp_dist_cdf_n(const careerp_dist *d, const double *t, size_t n,
                        double *F, double *density)
{
    size_t i;

    if (d->kind == CAREER_DIST_METALOG) {
        metalog_cdf_n(d, t, n, F, density);
        return;
    }
    for (i = 0; i < n; i++) {
        double target = t[i];
        F[i] = density ? careerp_dist_cdf_pdf_log(d, target, &density[i])
                       : careerp_dist_cdf_log(d, target);
    }
}

/* ---- the public queries ----------------------------------------------- */

static career_status check_p(double p)
{
    if (!isfinite(p))
        return CAREER_ERR_ARG;
    return p > 0.0 && p < 1.0 ? CAREER_OK : CAREER_ERR_DOMAIN;
}

static career_status check_salary(double s)
{
    return careerp_check_min(s, 0.0, 1);
}

career_status careerp_dist_quantile(const careerp_dist *d, double p,
                                    double *salary)
{
    career_status st;
    double s;

    if ((st = check_p(p)) != CAREER_OK)
        return st;
    s = exp(careerp_dist_log_quantile(d, p));
    /* a far tail can pass the largest double, or fall below the smallest
     * normal one (0 or a subnormal: no salary at all) */
    if (!isfinite(s) || s < DBL_MIN)
        return CAREER_ERR_DOMAIN;
    *salary = s;
    return CAREER_OK;
}

career_status careerp_dist_percentile(const careerp_dist *d, double salary,
                                      double *p)
{
    career_status st;

    if ((st = check_salary(salary)) != CAREER_OK)
        return st;
    *p = careerp_dist_cdf_log(d, log(salary));
    return CAREER_OK;
}

career_status careerp_dist_percentile_n(const careerp_dist *d,
                                        const double *salary, double *p,
                                        size_t n)
{
    career_status st;
    size_t i;

    /* in this file, so that the compiler can inline the query's checks
     * and the lognormal's F into the loop */
    for (i = 0; i < n; i++)
        if ((st = careerp_dist_percentile(d, salary[i], &p[i])) != CAREER_OK)
            return st;
    return CAREER_OK;
}

career_status career_market_quantile(const career_model *model, double p,
                                     double *salary)
{
    if (!model || !salary)
        return CAREER_ERR_ARG;
    return careerp_dist_quantile(&model->dist, p, salary);
}

career_status career_market_percentile(const career_model *model,
                                       double salary, double *p)
{
    if (!model || !p)
        return CAREER_ERR_ARG;
    return careerp_dist_percentile(&model->dist, salary, p);
}

/* m(x) for the band queries: a checked years with a positive median that
 * did not overflow (as career_salary_at's). */
static career_status median_at(const career_model *model, double years,
                               double *m)
{
    career_status st;

    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    *m = careerp_curve_eval(&model->curve, years);
    return *m > 0.0 && *m <= DBL_MAX ? CAREER_OK : CAREER_ERR_DOMAIN;
}

/* The copula band's centre a(x) = Phi^-1(F(m(x))) for a median m > 0: a
 * median where F is 0 or 1 in double precision has no band. */
static career_status band_centre(const career_model *model, double m,
                                 double *a)
{
    *a = careerp_dist_score_log(&model->dist, log(m));
    return isfinite(*a) ? CAREER_OK : CAREER_ERR_DOMAIN;
}

/* Q_x(p) for a median m = m(x) > 0 already found: the power band
 * m (Q(p) / Q(1/2))^d, or the copula band Q(Phi(a + d Phi^-1(p))). */
static career_status band_quantile(const career_model *model, double m,
                                   double p, double *salary)
{
    career_status st;
    double lq, s, a;

    if (model->profile->band_shape == CAREER_BAND_COPULA) {
        if ((st = band_centre(model, m, &a)) != CAREER_OK)
            return st;
        s = exp(careerp_dist_log_quantile_score(
            &model->dist,
            a + model->opts.dispersion * gsl_cdf_ugaussian_Pinv(p)));
    } else {
        lq = careerp_dist_log_quantile(&model->dist, p);
        s = m * exp(model->opts.dispersion * (lq - model->dist.log_median));
    }

    /* a large dispersion can take a far quantile past the largest double,
     * or below the smallest normal one (it would read as a salary of 0) */
    if (!isfinite(s) || s < DBL_MIN)
        return CAREER_ERR_DOMAIN;
    *salary = s;
    return CAREER_OK;
}

career_status career_quantile_at(const career_model *model, double years,
                                 double p, double *salary)
{
    career_status st;
    double m;

    if (!model || !salary)
        return CAREER_ERR_ARG;
    if ((st = check_p(p)) != CAREER_OK || (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    return band_quantile(model, m, p, salary);
}

career_status career_percentile_at(const career_model *model, double years,
                                   double salary, double *p)
{
    career_status st;
    double m, a;

    if (!model || !p)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK ||
        (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    if (model->profile->band_shape == CAREER_BAND_COPULA) {
        /* F_x(s) = Phi((Phi^-1(F(s)) - a(x)) / d) */
        if ((st = band_centre(model, m, &a)) != CAREER_OK)
            return st;
        *p = gsl_cdf_ugaussian_P(
            (careerp_dist_score_log(&model->dist, log(salary)) - a) /
            model->opts.dispersion);
        return CAREER_OK;
    }
    *p = careerp_dist_cdf_log(&model->dist,
                              model->dist.log_median +
                                  (log(salary) - log(m)) / model->opts.dispersion);
    return CAREER_OK;
}

career_status career_compa_ratio(const career_model *model, double years,
                                 double salary, double *ratio)
{
    career_status st;
    double m, r;

    if (!model || !ratio)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK ||
        (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    r = salary / m;
    if (!isfinite(r))
        return CAREER_ERR_DOMAIN;
    *ratio = r;
    return CAREER_OK;
}

career_status career_range_penetration(const career_model *model,
                                       double years, double salary,
                                       double *penetration)
{
    career_status st;
    double m, lo, hi, r;

    if (!model || !penetration)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK ||
        (st = median_at(model, years, &m)) != CAREER_OK ||
        (st = band_quantile(model, m, 0.10, &lo)) != CAREER_OK ||
        (st = band_quantile(model, m, 0.90, &hi)) != CAREER_OK)
        return st;
    r = (salary - lo) / (hi - lo);
    /* the dispersion's bounds keep hi > lo; a guard, not a path */
    if (!isfinite(r))
        return CAREER_ERR_DOMAIN;
    *penetration = r;
    return CAREER_OK;
}

void career_market_fit_info(const career_model *model, career_market_fit *out)
{
    size_t j;

    if (!model || !out)
        return;
    *out = (career_market_fit){.dist = model->dist.kind};
    if (model->dist.kind == CAREER_DIST_SPLINE)
        return;
    if (model->dist.kind == CAREER_DIST_LOGNORMAL) {
        out->mu = model->dist.mu;
        out->sigma = model->dist.sigma;
        return;
    }
    out->nterms = model->dist.k;
    for (j = 0; j < model->dist.k; j++)
        out->a[j] = model->dist.a[j];
}

/* E[S] of the metalog: the integral of exp(M(z)) against z's logistic
 * density e^-|z| / (1 + e^-|z|)^2, by Gauss-Legendre on unit pieces of
 * [Z0, -Z0] (the mass beyond is below 1e-17). */
static double metalog_mean(const careerp_dist *d)
{
    double x[16], w[16], a, sum = 0.0;
    int k;

    careerp_gauss_legendre(16, x, w);
    for (a = CAREERP_DIST_Z0; a < -CAREERP_DIST_Z0; a += 1.0)
        for (k = 0; k < 16; k++) {
            double z = a + 0.5 * (1.0 + x[k]), e = exp(-fabs(z));
            sum += 0.5 * w[k] * exp(metalog_z(d, z)) * e / ((1 + e) * (1 + e));
        }
    return sum;
}

career_status careerp_dist_mean(const careerp_dist *d, double *mean)
{
    double v = d->kind == CAREER_DIST_LOGNORMAL
                   ? exp(d->mu + 0.5 * d->sigma * d->sigma)
               : d->kind == CAREER_DIST_SPLINE ? d->spline.mean
                                               : metalog_mean(d);

    if (!isfinite(v))
        return CAREER_ERR_DOMAIN;
    *mean = v;
    return CAREER_OK;
}

career_status career_market_mean(const career_model *model, double *mean)
{
    if (!model || !mean)
        return CAREER_ERR_ARG;
    return careerp_dist_mean(&model->dist, mean);
}
