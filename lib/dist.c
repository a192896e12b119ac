/* dist.c - the market salary distribution and the band at x years.
 *
 * Both fits work on ln S. The metalog is written in z = ln(p/(1-p)) and
 * u = p - 1/2 = tanh(z/2)/2, which keeps its tails exact where p is within
 * an ulp of 0 or 1, and makes the percentile a monotone 1-D root in z. */
#include "internal.h"

#include <float.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>

/* Term j (0-based) of the metalog basis beyond the first two (1 and z) is
 * u^power, times z when with_z: Keelin (2016), eq. 6. */
static const struct {
    int power;
    int with_z;
} basis[CAREERP_METALOG_MAX_TERMS] = {
    {0, 0}, {0, 1}, {1, 1}, {1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {4, 0},
};

static double basis_value(size_t j, double z, double u)
{
    double v = basis[j].power ? pow(u, basis[j].power) : 1.0;
    return basis[j].with_z ? v * z : v;
}

/* d/dz of term j, where du/dz = w = p (1 - p). */
static double basis_slope(size_t j, double z, double u, double w)
{
    int n = basis[j].power;
    double dv = n ? n * pow(u, n - 1) * w : 0.0;
    double v = n ? pow(u, n) : 1.0;
    return basis[j].with_z ? dv * z + v : dv;
}

static double metalog_at(const careerp_dist *d, double z, double u)
{
    double m = 0.0;
    size_t j;

    for (j = 0; j < d->k; j++)
        m += d->a[j] * basis_value(j, z, u);
    return m;
}

/* u and w = p (1 - p) from z, without forming p (exact in the tails). */
static void from_z(double z, double *u, double *w)
{
    double e = exp(-fabs(z));
    *u = 0.5 * tanh(0.5 * z);
    *w = e / ((1.0 + e) * (1.0 + e));
}

static double metalog_z(const careerp_dist *d, double z)
{
    double u, w;
    from_z(z, &u, &w);
    return metalog_at(d, z, u);
}

static double metalog_slope_z(const careerp_dist *d, double z)
{
    double u, w, s = 0.0;
    size_t j;

    from_z(z, &u, &w);
    for (j = 0; j < d->k; j++)
        s += d->a[j] * basis_slope(j, z, u, w);
    return s;
}

/* ---- fitting ---------------------------------------------------------- */

static career_status fit_metalog(careerp_dist *d, const career_quantile *q,
                                 size_t n, double log_scale, career_error *err)
{
    gsl_multifit_linear_workspace *work;
    gsl_matrix *X, *cov;
    gsl_vector *y, *coef;
    double chisq;
    size_t i, j;
    int rc = GSL_ENOMEM;

    d->k = n < CAREERP_METALOG_MAX_TERMS ? n : CAREERP_METALOG_MAX_TERMS;
    work = gsl_multifit_linear_alloc(n, d->k);
    X = gsl_matrix_alloc(n, d->k);
    cov = gsl_matrix_alloc(d->k, d->k);
    y = gsl_vector_alloc(n);
    coef = gsl_vector_alloc(d->k);
    if (work && X && cov && y && coef) {
        for (i = 0; i < n; i++) {
            double z = log(q[i].p) - log1p(-q[i].p), u = q[i].p - 0.5;
            for (j = 0; j < d->k; j++)
                gsl_matrix_set(X, i, j, basis_value(j, z, u));
            gsl_vector_set(y, i, log(q[i].salary) + log_scale);
        }
        rc = gsl_multifit_linear(X, y, coef, cov, &chisq, work);
        for (j = 0; j < d->k && rc == GSL_SUCCESS; j++)
            d->a[j] = gsl_vector_get(coef, j);
    }
    gsl_multifit_linear_free(work);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(y);
    gsl_vector_free(coef);
    if (rc == GSL_ENOMEM)
        return careerp_fail(err, CAREER_ERR_NOMEM, "market: out of memory");
    if (rc != GSL_SUCCESS)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: metalog fit failed: %s",
                            gsl_strerror(rc));
    return CAREER_OK;
}

/* The quantile function must increase on all of (0,1): its slope in z must
 * be positive on a fine grid and in both limits z -> -inf, +inf (where only
 * the terms u^n, with u -> -1/2 or 1/2, are left of the slope). */
static career_status check_metalog(const careerp_dist *d, career_error *err)
{
    const int fine = 8;
    int side, i, steps = (CAREERP_DIST_TABLE - 1) * fine;

    for (side = -1; side <= 1; side += 2) {
        double u = 0.5 * side, limit = 0.0;
        size_t j;
        for (j = 1; j < d->k; j++)
            if (basis[j].with_z)
                limit += d->a[j] * (basis[j].power ? pow(u, basis[j].power) : 1.0);
        if (!(limit > 0.0))
            return careerp_fail(err, CAREER_ERR_FIT,
                                "market.quantiles: the metalog fit decreases "
                                "in the %s tail; try the lognormal "
                                "distribution or other points",
                                side < 0 ? "lower" : "upper");
    }
    for (i = 0; i <= steps; i++) {
        double z = CAREERP_DIST_Z0 + CAREERP_DIST_ZSTEP * i / fine;
        if (!(metalog_slope_z(d, z) > 0.0))
            return careerp_fail(err, CAREER_ERR_FIT,
                                "market.quantiles: the metalog fit is not "
                                "increasing (it falls near p = %.3g); try the "
                                "lognormal distribution or other points",
                                1.0 / (1.0 + exp(-z)));
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

career_status careerp_dist_build(careerp_dist *d, const career_quantile *q,
                                 size_t n, double scale, career_dist kind,
                                 career_error *err)
{
    double log_scale = log(scale);
    career_status st;
    size_t j;

    *d = (careerp_dist){.kind = kind};
    if (kind == CAREER_DIST_AUTO)
        d->kind = n >= 3 ? CAREER_DIST_METALOG : CAREER_DIST_LOGNORMAL;
    if (d->kind == CAREER_DIST_LOGNORMAL) {
        st = fit_lognormal(d, q, n, log_scale, err);
        d->log_median = d->mu;
        return st;
    }
    if ((st = fit_metalog(d, q, n, log_scale, err)) != CAREER_OK ||
        (st = check_metalog(d, err)) != CAREER_OK)
        return st;
    for (j = 0; j < CAREERP_DIST_TABLE; j++)
        d->table[j] = metalog_z(d, CAREERP_DIST_Z0 + CAREERP_DIST_ZSTEP * (double)j);
    /* A fit whose quantile at p = 1 - 4e-18 is past the largest double is
     * no salary distribution: its upper queries would overflow. */
    if (!(d->table[CAREERP_DIST_TABLE - 1] < log(DBL_MAX)))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: the metalog fit explodes in "
                            "the upper tail (its quantiles overflow); try the "
                            "lognormal distribution or other points");
    d->log_median = d->a[0];
    return CAREER_OK;
}

/* ---- evaluating ------------------------------------------------------- */

double careerp_dist_log_quantile(const careerp_dist *d, double p)
{
    if (d->kind == CAREER_DIST_LOGNORMAL)
        return d->mu + d->sigma * gsl_cdf_ugaussian_Pinv(p);
    return metalog_at(d, log(p) - log1p(-p), p - 0.5);
}

/* The z with metalog_z(z) = target: the table brackets it (or the bracket
 * is widened past the table's ends), then Newton steps kept inside the
 * bracket, falling back to bisection when a step would leave it. */
static double metalog_root(const careerp_dist *d, double target)
{
    double lo, hi, z;
    size_t a = 0, b = CAREERP_DIST_TABLE - 1;
    int k;

    if (target < d->table[0]) {
        hi = CAREERP_DIST_Z0;
        for (lo = 2.0 * hi; lo > -1e4 && metalog_z(d, lo) > target; lo *= 2.0)
            hi = lo;
    } else if (target > d->table[b]) {
        lo = -CAREERP_DIST_Z0;
        for (hi = 2.0 * lo; hi < 1e4 && metalog_z(d, hi) < target; hi *= 2.0)
            lo = hi;
    } else {
        while (b - a > 1) {
            size_t mid = a + (b - a) / 2;
            if (d->table[mid] <= target)
                a = mid;
            else
                b = mid;
        }
        lo = CAREERP_DIST_Z0 + CAREERP_DIST_ZSTEP * (double)a;
        hi = lo + CAREERP_DIST_ZSTEP;
    }
    z = 0.5 * (lo + hi);
    for (k = 0; k < 100; k++) {
        double f = metalog_z(d, z) - target, step, next;
        if (f == 0.0)
            break;
        if (f < 0.0)
            lo = z;
        else
            hi = z;
        step = f / metalog_slope_z(d, z);
        next = z - step;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - z) <= 1e-15 * fmax(1.0, fabs(z)))
            return next;
        z = next;
    }
    return z;
}

double careerp_dist_cdf_log(const careerp_dist *d, double log_s)
{
    double z;

    if (d->kind == CAREER_DIST_LOGNORMAL)
        return gsl_cdf_ugaussian_P((log_s - d->mu) / d->sigma);
    z = metalog_root(d, log_s);
    return 1.0 / (1.0 + exp(-z));
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
    if (!isfinite(s))
        return CAREER_ERR_ARG;
    return s > 0.0 ? CAREER_OK : CAREER_ERR_DOMAIN;
}

career_status career_market_quantile(const career_model *model, double p,
                                     double *salary)
{
    career_status st;

    if (!model || !salary)
        return CAREER_ERR_ARG;
    if ((st = check_p(p)) != CAREER_OK)
        return st;
    *salary = exp(careerp_dist_log_quantile(&model->dist, p));
    return isfinite(*salary) ? CAREER_OK : CAREER_ERR_DOMAIN;
}

career_status career_market_percentile(const career_model *model,
                                       double salary, double *p)
{
    career_status st;

    if (!model || !p)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK)
        return st;
    *p = careerp_dist_cdf_log(&model->dist, log(salary));
    return CAREER_OK;
}

/* m(x) for the band queries: a checked years with a positive median. */
static career_status median_at(const career_model *model, double years,
                               double *m)
{
    career_status st;

    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    *m = careerp_curve_eval(&model->curve, years);
    return *m > 0.0 ? CAREER_OK : CAREER_ERR_DOMAIN;
}

career_status career_quantile_at(const career_model *model, double years,
                                 double p, double *salary)
{
    career_status st;
    double m, lq;

    if (!model || !salary)
        return CAREER_ERR_ARG;
    if ((st = check_p(p)) != CAREER_OK || (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    lq = careerp_dist_log_quantile(&model->dist, p);
    *salary = m * exp(model->opts.dispersion * (lq - model->dist.log_median));
    /* a large dispersion can take a far quantile past the largest double */
    return isfinite(*salary) ? CAREER_OK : CAREER_ERR_DOMAIN;
}

career_status career_percentile_at(const career_model *model, double years,
                                   double salary, double *p)
{
    career_status st;
    double m;

    if (!model || !p)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK ||
        (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    *p = careerp_dist_cdf_log(&model->dist,
                              model->dist.log_median +
                                  (log(salary) - log(m)) / model->opts.dispersion);
    return CAREER_OK;
}

career_status career_compa_ratio(const career_model *model, double years,
                                 double salary, double *ratio)
{
    career_status st;
    double m;

    if (!model || !ratio)
        return CAREER_ERR_ARG;
    if ((st = check_salary(salary)) != CAREER_OK ||
        (st = median_at(model, years, &m)) != CAREER_OK)
        return st;
    *ratio = salary / m;
    return CAREER_OK;
}

career_status career_range_penetration(const career_model *model,
                                       double years, double salary,
                                       double *penetration)
{
    career_status st;
    double lo, hi;

    if (!model || !penetration || !isfinite(salary))
        return CAREER_ERR_ARG;
    if ((st = career_quantile_at(model, years, 0.10, &lo)) != CAREER_OK ||
        (st = career_quantile_at(model, years, 0.90, &hi)) != CAREER_OK)
        return st;
    *penetration = (salary - lo) / (hi - lo);
    return CAREER_OK;
}

void career_market_fit_info(const career_model *model, career_market_fit *out)
{
    size_t j;

    if (!model || !out)
        return;
    *out = (career_market_fit){.dist = model->dist.kind};
    if (model->dist.kind == CAREER_DIST_LOGNORMAL) {
        out->mu = model->dist.mu;
        out->sigma = model->dist.sigma;
        return;
    }
    out->nterms = model->dist.k;
    for (j = 0; j < model->dist.k; j++)
        out->a[j] = model->dist.a[j];
}
