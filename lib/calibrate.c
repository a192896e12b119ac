/* calibrate.c - the band's dispersion d (and the workforce's separation
 * rate) chosen so that the bands, mixed over the workforce's years of
 * experience, give back the market they were drawn from (DESIGN.md 2).
 *
 * The market's quantiles describe all workers at once, juniors and
 * principals mixed. With the band at x years Q_x(p) = m(x) (Q(p)/Q(1/2))^d,
 * the workforce's distribution is the mixture
 *   F_mix(s) = integral over [0, X] of F_x(s) w(x) dx,
 *   F_x(s) = F(Q(1/2) (s / m(x))^(1/d)),
 *   w(x) = lambda e^(-lambda x) / (1 - e^(-lambda X)), lambda = g + delta,
 * the experience of a stable population that enters at 0 years, leaves at
 * the rate delta and grows at the demand rate g. d (and delta, unless the
 * profile gives it) minimise sum_i (F_mix(s_i) - p_i)^2 over the market's
 * quantiles, by a projected Levenberg-Marquardt on the box of the bounds.
 *
 * The integral is Gauss-Legendre on pieces split at the anchors (m has
 * kinks there) and at most CAREERP_MIX_PIECE years long. */
#include "internal.h"

#include <float.h>
#include <string.h>

/* The bounds of the fit: d in (0, 5], delta in [0, 1]. d's open end is
 * kept at D_MIN; a fit that ends there is on the bound. */
#define D_MIN 1e-3
#define D_MAX 5.0
#define SEP_MAX 1.0

/* ---- the quadrature ------------------------------------------------------ */

/* The Gauss-Legendre nodes and weights of order CAREERP_MIX_ORDER on
 * [-1, 1], by Newton's method on the Legendre recurrence (Numerical
 * Recipes' gauleg; the nodes are symmetric, so half are computed). */
static void gauss_legendre(double *node, double *weight)
{
    const int n = CAREERP_MIX_ORDER;
    int i, j, k;

    for (i = 0; i < (n + 1) / 2; i++) {
        double z = cos(3.14159265358979323846 * (i + 0.75) / (n + 0.5)), z1, p1, p2, p3, pp;
        for (k = 0; k < 100; k++) {
            p1 = 1.0;
            p2 = 0.0;
            for (j = 0; j < n; j++) {
                p3 = p2;
                p2 = p1;
                p1 = ((2.0 * j + 1.0) * z * p2 - j * p3) / (j + 1.0);
            }
            pp = n * (z * p1 - p2) / (z * z - 1.0);
            z1 = z;
            z = z1 - p1 / pp;
            if (fabs(z - z1) <= 4.0 * DBL_EPSILON)
                break;
        }
        /* pp at the final z */
        p1 = 1.0;
        p2 = 0.0;
        for (j = 0; j < n; j++) {
            p3 = p2;
            p2 = p1;
            p1 = ((2.0 * j + 1.0) * z * p2 - j * p3) / (j + 1.0);
        }
        pp = n * (z * p1 - p2) / (z * z - 1.0);
        node[i] = -z;
        node[n - 1 - i] = z;
        weight[i] = weight[n - 1 - i] = 2.0 / ((1.0 - z * z) * pp * pp);
    }
}

/* Appends the nodes of [a, b] (cut into pieces of at most
 * CAREERP_MIX_PIECE years) to mix. */
static void add_interval(careerp_mixture *mix, const double *node,
                         const double *weight, double a, double b)
{
    size_t pieces = (size_t)ceil((b - a) / CAREERP_MIX_PIECE), i;
    int k;

    for (i = 0; i < pieces; i++) {
        double lo = a + (b - a) * (double)i / (double)pieces;
        double hi = i + 1 == pieces ? b : a + (b - a) * (double)(i + 1) /
                                                  (double)pieces;
        double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
        for (k = 0; k < CAREERP_MIX_ORDER; k++) {
            mix->x[mix->n] = mid + half * node[k];
            mix->gw[mix->n++] = half * weight[k];
        }
    }
}

/* The nodes over [0, X], split at the anchors, and ln m at each. A median
 * of 0 (possible under EXTEND, which floors at 0) is -inf: everyone at
 * those years earns less than any salary. */
static void build_nodes(const careerp_curve *curve, careerp_mixture *mix)
{
    double node[CAREERP_MIX_ORDER], weight[CAREERP_MIX_ORDER], from = 0.0;
    size_t i;

    gauss_legendre(node, weight);
    mix->n = 0;
    for (i = 0; i < curve->n; i++) {
        if (curve->x[i] <= from || curve->x[i] >= CAREERP_WORK_YEARS)
            continue;
        add_interval(mix, node, weight, from, curve->x[i]);
        from = curve->x[i];
    }
    add_interval(mix, node, weight, from, CAREERP_WORK_YEARS);
    for (i = 0; i < mix->n; i++) {
        double m = careerp_curve_eval(curve, mix->x[i]);
        mix->log_m[i] = m > 0.0 ? log(m) : -INFINITY;
    }
}

/* w(x) times the Gauss weights, for this lambda; 1/X when lambda is 0. */
static void set_weights(careerp_mixture *mix, double lambda)
{
    const double X = CAREERP_WORK_YEARS;
    double scale = lambda == 0.0 ? 1.0 / X : lambda / -expm1(-lambda * X);
    size_t i;

    for (i = 0; i < mix->n; i++)
        mix->w[i] = mix->gw[i] * scale * exp(-lambda * mix->x[i]);
}

double careerp_mixture_cdf(const careerp_mixture *mix, const careerp_dist *dist,
                           double d, double log_s)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < mix->n; i++) {
        double z = mix->log_m[i] == -INFINITY
                       ? 1.0
                       : careerp_dist_cdf_log(dist, dist->log_median +
                                                        (log_s - mix->log_m[i]) / d);
        sum += mix->w[i] * z;
    }
    return sum;
}

/* ---- the fit ------------------------------------------------------------- */

/* What the fit moves: theta[0] = d, theta[1] = delta (when fitted). */
typedef struct fit {
    careerp_mixture *mix;
    const careerp_dist *dist;
    double rate;                /* g, the demand's annual rate */
    double separation;          /* delta when not fitted */
    size_t nparams;             /* 1 (d) or 2 (d, delta) */
    double lo[2], hi[2];        /* the box */
    size_t nq;
    double log_s[CAREER_MAX_QUANTILES], p[CAREER_MAX_QUANTILES];
} fit;

/* r_i = F_mix(s_i) - p_i at theta; returns the sum of squares. */
static double residuals(fit *f, const double *theta, double *r)
{
    double delta = f->nparams == 2 ? theta[1] : f->separation, cost = 0.0;
    size_t i;

    set_weights(f->mix, f->rate + delta);
    for (i = 0; i < f->nq; i++) {
        r[i] = careerp_mixture_cdf(f->mix, f->dist, theta[0], f->log_s[i]) -
               f->p[i];
        cost += r[i] * r[i];
    }
    return cost;
}

/* The Jacobian by central differences (one-sided at a bound). */
static void jacobian(fit *f, const double *theta,
                     double J[][CAREER_MAX_QUANTILES])
{
    double up[CAREER_MAX_QUANTILES], down[CAREER_MAX_QUANTILES], t[2];
    size_t j, i;

    for (j = 0; j < f->nparams; j++) {
        double h = 1e-6 * fmax(fabs(theta[j]), 0.1), a, b;
        memcpy(t, theta, sizeof t);
        a = fmax(theta[j] - h, f->lo[j]);
        b = fmin(theta[j] + h, f->hi[j]);
        t[j] = b;
        residuals(f, t, up);
        t[j] = a;
        residuals(f, t, down);
        for (i = 0; i < f->nq; i++)
            J[j][i] = (up[i] - down[i]) / (b - a);
    }
}

/* Solves (A + mu diag(A)) step = -g for 1 or 2 unknowns. */
static void damped_step(size_t np, double A[2][2], const double *g,
                        double mu, double *step)
{
    double a = A[0][0] * (1.0 + mu) + 1e-300, b, c, dd, det;

    if (np == 1) {
        step[0] = -g[0] / a;
        return;
    }
    b = A[0][1];
    c = A[1][0];
    dd = A[1][1] * (1.0 + mu) + 1e-300;
    det = a * dd - b * c;
    step[0] = -(dd * g[0] - b * g[1]) / det;
    step[1] = -(a * g[1] - c * g[0]) / det;
}

/* One accepted step of projected Levenberg-Marquardt; 0 when no step
 * lowers the cost any more (converged). */
static int lm_step(fit *f, double *theta, double *cost, double *mu)
{
    double J[2][CAREER_MAX_QUANTILES], r[CAREER_MAX_QUANTILES], A[2][2] = {{0}};
    double g[2] = {0}, step[2], trial[2], rt[CAREER_MAX_QUANTILES], c;
    size_t i, j, k;

    residuals(f, theta, r);
    jacobian(f, theta, J);
    for (j = 0; j < f->nparams; j++)
        for (i = 0; i < f->nq; i++) {
            g[j] += J[j][i] * r[i];
            for (k = 0; k < f->nparams; k++)
                A[j][k] += J[j][i] * J[k][i];
        }
    for (; *mu < 1e12; *mu *= 4.0) {
        damped_step(f->nparams, A, g, *mu, step);
        for (j = 0; j < f->nparams; j++)
            trial[j] = fmin(fmax(theta[j] + step[j], f->lo[j]), f->hi[j]);
        c = residuals(f, trial, rt);
        if (c < *cost) {
            int moved = 0;
            for (j = 0; j < f->nparams; j++) {
                moved |= fabs(trial[j] - theta[j]) > 1e-14 * (1.0 + fabs(theta[j]));
                theta[j] = trial[j];
            }
            *cost = c;
            *mu = fmax(*mu / 3.0, 1e-12);
            return moved;
        }
    }
    return 0;
}

static void minimise(fit *f, double *theta)
{
    double r[CAREER_MAX_QUANTILES], cost = residuals(f, theta, r), mu = 1e-3;
    int it;

    for (it = 0; it < 500 && lm_step(f, theta, &cost, &mu); it++)
        ;
}

/* Whether delta moves the fit at all: with a curve flat over the
 * workforce's years, every experience density mixes to the same market,
 * and the data cannot tell a separation rate. */
static int separation_identified(fit *f, const double *theta)
{
    double J[2][CAREER_MAX_QUANTILES], a = 0.0, b = 0.0;
    size_t i;

    jacobian(f, theta, J);
    for (i = 0; i < f->nq; i++) {
        a += J[0][i] * J[0][i];
        b += J[1][i] * J[1][i];
    }
    return b > 1e-10 * (a + b);
}

/* The message when a fit ends on a bound of its box; NULL when inside. */
static const char *on_bound(const fit *f, const double *theta)
{
    if (theta[0] <= f->lo[0])
        return "the best dispersion is 0: the tiers' salaries alone spread "
               "wider than the market's quantiles";
    if (theta[0] >= f->hi[0])
        return "the best dispersion exceeds 5: the tiers' salaries sit far "
               "from the market's quantiles, or spread far less";
    if (f->nparams == 2 && theta[1] <= f->lo[1])
        return "the separation rate would be 0 or less: the market sits "
               "higher on the curve than any workforce that leaves it";
    if (f->nparams == 2 && theta[1] >= f->hi[1])
        return "the separation rate would exceed 1 a year: the market sits "
               "lower on the curve than any workforce that stays";
    return NULL;
}

static void setup(fit *f, careerp_mixture *mix, const career_model *m)
{
    const career_profile *p = m->profile;
    size_t i;

    memset(f, 0, sizeof *f);
    f->mix = mix;
    f->dist = &m->dist;
    f->rate = m->demand_rate;
    f->separation = p->separation_rate;
    f->nparams = p->separation_rate > 0.0 ? 1 : 2;
    f->lo[0] = D_MIN;
    f->hi[0] = D_MAX;
    /* lambda = g + delta must stay finite; a negative g is fine */
    f->lo[1] = 0.0;
    f->hi[1] = SEP_MAX;
    f->nq = p->nquantiles;
    for (i = 0; i < f->nq; i++) {
        f->log_s[i] = log(p->quantiles[i].salary * m->opts.location_factor);
        f->p[i] = p->quantiles[i].p;
    }
}

/* What the calibration reports, once theta is known. */
static void finish(careerp_calibration *cal, fit *f, const double *theta)
{
    double r[CAREER_MAX_QUANTILES], mean = 0.0;
    size_t i;

    cal->dispersion = theta[0];
    cal->separation = f->nparams == 2 ? theta[1] : f->separation;
    cal->decay = f->rate + cal->separation;
    residuals(f, theta, r); /* leaves the weights of the result */
    for (i = 0; i < f->mix->n; i++)
        mean += f->mix->w[i] * f->mix->x[i];
    cal->mean_years = mean;
    for (i = 0; i < f->nq; i++)
        cal->mixture_p[i] = r[i] + f->p[i];
}

/* The profile was validated: it has at least 2 market quantiles. */
career_status careerp_calibrate(career_model *m, double d0, double delta0,
                                career_error *err)
{
    careerp_calibration *cal = &m->calibration;
    double theta[2] = {d0, delta0};
    const char *why;
    fit f;

    build_nodes(&m->curve, &cal->mix);
    setup(&f, &cal->mix, m);
    cal->source = f.nparams == 2 ? CAREER_SEPARATION_FITTED
                                 : CAREER_SEPARATION_PROFILE;
    if (m->opts.dispersion > 0.0) {
        /* d is fixed: only a separation rate not given is fitted, for the
         * report; one on a bound is kept there and said so */
        theta[0] = m->opts.dispersion;
        f.lo[0] = f.hi[0] = theta[0];
        if (f.nparams == 2) {
            minimise(&f, theta);
            if (on_bound(&f, theta))
                cal->source = CAREER_SEPARATION_BOUND;
        }
        finish(cal, &f, theta);
        return CAREER_OK;
    }
    minimise(&f, theta);
    if (f.nparams == 2 && !separation_identified(&f, theta))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "calibration: the separation rate cannot be told "
                            "from the market (the curve is flat over the "
                            "workforce's years): give "
                            "workforce.separation_rate, or a fixed dispersion");
    if ((why = on_bound(&f, theta)) != NULL)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "calibration: %s (use a fixed dispersion, e.g. 1 "
                            "for the market's whole spread)", why);
    finish(cal, &f, theta);
    return CAREER_OK;
}

/* ---- the public queries ---------------------------------------------------- */

career_status career_mixture_percentile(const career_model *model,
                                        double salary, double *p)
{
    career_status st;

    if (!model || !p)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_min(salary, 0.0, 1)) != CAREER_OK)
        return st;
    *p = careerp_mixture_cdf(&model->calibration.mix, &model->dist,
                             model->opts.dispersion, log(salary));
    return CAREER_OK;
}

career_status career_calibration_info(const career_model *model,
                                      career_calibration *out)
{
    const careerp_calibration *cal;

    if (!model || !out)
        return CAREER_ERR_ARG;
    cal = &model->calibration;
    memset(out, 0, sizeof *out);
    out->dispersion = model->opts.dispersion;
    out->separation_rate = cal->separation;
    out->separation_source = cal->source;
    out->decay = cal->decay;
    out->mean_years = cal->mean_years;
    out->work_years = CAREERP_WORK_YEARS;
    out->nquantiles = model->profile->nquantiles;
    out->quantiles = model->profile->quantiles;
    out->mixture_p = cal->mixture_p;
    return CAREER_OK;
}
