/* qspline.c - the quantile spline: ln S as a monotone cubic (Steffen's
 * slopes) in the normal score z = Phi^-1(p) through every market point,
 * with lognormal tails (ln S linear in z) beyond the first and last. It
 * passes through every point it is given, whatever their number or shape,
 * and the upper tail's slope can be chosen so that the distribution's mean
 * is a published mean (docs/model.md §4). */
#include "core/core.h"

#include <gsl/gsl_cdf.h>

/* The upper tail's slope in z, when a mean sets it: at least MIN (a tail
 * all but flat: the top of the market at one pay), at most MAX (each
 * standard deviation beyond the last point multiplies pay by e^2.5). */
#define SIGMA_MIN 1e-3
#define SIGMA_MAX 2.5
/* Gauss-Legendre order of the mean's integral over each segment. */
#define GL_ORDER 16

/* ---- the cubic on a segment -------------------------------------------- */

/* H(z) on segment i, with t = (z - z_i) / h in [0, 1]. */
static double segment_at(const careerp_qspline *s, size_t i, double t)
{
    double h = s->z[i + 1] - s->z[i], t2 = t * t, t3 = t2 * t;

    return (2 * t3 - 3 * t2 + 1) * s->y[i] + (t3 - 2 * t2 + t) * h * s->d[i] +
           (-2 * t3 + 3 * t2) * s->y[i + 1] + (t3 - t2) * h * s->d[i + 1];
}

static double segment_slope(const careerp_qspline *s, size_t i, double t)
{
    double h = s->z[i + 1] - s->z[i], t2 = t * t;

    return (6 * t2 - 6 * t) * (s->y[i] - s->y[i + 1]) / h +
           (3 * t2 - 4 * t + 1) * s->d[i] + (3 * t2 - 2 * t) * s->d[i + 1];
}

/* Steffen's slopes (Steffen 1990): at an inner point the smaller of twice
 * each neighbouring secant and the parabola's slope, which keeps every
 * segment monotone; at the ends the end secant. All secants are > 0. */
static void steffen_slopes(careerp_qspline *s)
{
    size_t i, n = s->n;

    for (i = 1; i + 1 < n; i++) {
        double h0 = s->z[i] - s->z[i - 1], h1 = s->z[i + 1] - s->z[i];
        double s0 = (s->y[i] - s->y[i - 1]) / h0;
        double s1 = (s->y[i + 1] - s->y[i]) / h1;
        double p = (s0 * h1 + s1 * h0) / (h0 + h1);
        s->d[i] = fmin(fmin(2.0 * s0, 2.0 * s1), p);
    }
    s->d[0] = (s->y[1] - s->y[0]) / (s->z[1] - s->z[0]);
    s->d[n - 1] = (s->y[n - 1] - s->y[n - 2]) / (s->z[n - 1] - s->z[n - 2]);
}

/* ---- the mean ----------------------------------------------------------- */

/* The standard normal density. */
static double phi(double z)
{
    return 0.3989422804014327 * exp(-0.5 * z * z);
}

/* E[S] over the points' span: the integral of exp(H(z)) phi(z). */
static double body_mean(const careerp_qspline *s)
{
    double x[GL_ORDER], w[GL_ORDER], sum = 0.0;
    size_t i, k;

    careerp_gauss_legendre(GL_ORDER, x, w);
    for (i = 0; i + 1 < s->n; i++) {
        double h = s->z[i + 1] - s->z[i];
        for (k = 0; k < GL_ORDER; k++) {
            double t = 0.5 * (1.0 + x[k]);
            sum += 0.5 * h * w[k] * exp(segment_at(s, i, t)) *
                   phi(s->z[i] + h * t);
        }
    }
    return sum;
}

/* E[S; Z < z0] and E[S; Z > z1] of the tails ln S = y + sigma (z - z_end):
 * exp(y - sigma z_end + sigma^2 / 2) times Phi(z_end - sigma) below and
 * Phi(sigma - z_end) above. */
static double lower_tail_mean(const careerp_qspline *s)
{
    double z = s->z[0], g = s->tail_lo;

    return exp(s->y[0] - g * z + 0.5 * g * g) * gsl_cdf_ugaussian_P(z - g);
}

static double upper_tail_mean(const careerp_qspline *s, double g)
{
    double z = s->z[s->n - 1];

    return exp(s->y[s->n - 1] - g * z + 0.5 * g * g) *
           gsl_cdf_ugaussian_P(g - z);
}

/* The upper tail's slope whose mean makes the whole mean `target`: the
 * tail's share grows with its slope, so a bisection finds it; a target
 * the tail cannot reach is met as nearly as the slope's range allows. */
static double slope_for_mean(const careerp_qspline *s, double target)
{
    double want = target - body_mean(s) - lower_tail_mean(s);
    double lo = SIGMA_MIN, hi = SIGMA_MAX;
    int k;

    if (!(upper_tail_mean(s, lo) < want))
        return lo;
    if (!(upper_tail_mean(s, hi) > want))
        return hi;
    for (k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
        double mid = 0.5 * (lo + hi);
        if (upper_tail_mean(s, mid) < want)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* ---- the public face of the module ----------------------------------------- */

career_status careerp_qspline_build(careerp_qspline *s,
                                    const career_quantile *q, size_t n,
                                    double mean, double log_scale,
                                    career_error *err)
{
    size_t i;

    s->n = n;
    for (i = 0; i < n; i++) {
        s->z[i] = gsl_cdf_ugaussian_Pinv(q[i].p);
        s->y[i] = log(q[i].salary) + log_scale;
        if (i > 0 && !(s->z[i] > s->z[i - 1] && s->y[i] > s->y[i - 1]))
            return careerp_fail(err, CAREER_ERR_FIT,
                                "market.quantiles[%zu]: too close to the "
                                "point before it for a spline", i);
    }
    steffen_slopes(s);
    s->tail_lo = s->d[0];
    s->tail_hi = mean > 0.0 ? slope_for_mean(s, mean * exp(log_scale))
                            : s->d[n - 1];
    s->mean = body_mean(s) + lower_tail_mean(s) + upper_tail_mean(s, s->tail_hi);
    if (!isfinite(s->mean))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "market.quantiles: the spline's mean overflows");
    return CAREER_OK;
}

double careerp_qspline_log_quantile(const careerp_qspline *s, double p)
{
    return careerp_qspline_log_quantile_z(s, gsl_cdf_ugaussian_Pinv(p));
}

/* The segment holding z, for z strictly inside (z[0], z[n-1]). */
static size_t segment_of(const careerp_qspline *s, double z)
{
    size_t lo = 0, hi = s->n - 1;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->z[mid] <= z)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

double careerp_qspline_log_quantile_z(const careerp_qspline *s, double z)
{
    size_t i, last = s->n - 1;

    if (z <= s->z[0])
        return s->y[0] + s->tail_lo * (z - s->z[0]);
    if (z >= s->z[last])
        return s->y[last] + s->tail_hi * (z - s->z[last]);
    i = segment_of(s, z);
    return segment_at(s, i, (z - s->z[i]) / (s->z[i + 1] - s->z[i]));
}

double careerp_qspline_log_quantile_z_slope(const careerp_qspline *s,
                                            double z)
{
    size_t i, last = s->n - 1;

    if (z <= s->z[0])
        return s->tail_lo;
    if (z >= s->z[last])
        return s->tail_hi;
    i = segment_of(s, z);
    return segment_slope(s, i, (z - s->z[i]) / (s->z[i + 1] - s->z[i]));
}

/* The t in [0, 1] with H = target on segment i (H increases there):
 * Newton steps kept inside a shrinking bracket. */
static double segment_solve(const careerp_qspline *s, size_t i, double target)
{
    double lo = 0.0, hi = 1.0, h = s->z[i + 1] - s->z[i];
    double t = (target - s->y[i]) / (s->y[i + 1] - s->y[i]);
    int k;

    for (k = 0; k < 100; k++) {
        double f = segment_at(s, i, t) - target, slope, next;
        if (f == 0.0)
            break;
        if (f < 0.0)
            lo = t;
        else
            hi = t;
        slope = segment_slope(s, i, t) * h;
        next = slope > 0.0 ? t - f / slope : 0.5 * (lo + hi);
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - t) <= 1e-15)
            return next;
        t = next;
    }
    return t;
}

/* p = Phi(z) at the z whose H(z) is log_s, and where asked for the
 * density in ln S there, phi(z) / H'(z). */
double careerp_qspline_cdf_log(const careerp_qspline *s, double log_s,
                               double *density)
{
    return gsl_cdf_ugaussian_P(careerp_qspline_score_log(s, log_s, density));
}

double careerp_qspline_score_log(const careerp_qspline *s, double log_s,
                                 double *density)
{
    size_t lo = 0, hi = s->n - 1;
    double t, z, slope;

    if (log_s <= s->y[0]) {
        z = s->z[0] + (log_s - s->y[0]) / s->tail_lo;
        slope = s->tail_lo;
    } else if (log_s >= s->y[hi]) {
        z = s->z[hi] + (log_s - s->y[hi]) / s->tail_hi;
        slope = s->tail_hi;
    } else {
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (s->y[mid] <= log_s)
                lo = mid;
            else
                hi = mid;
        }
        t = segment_solve(s, lo, log_s);
        z = s->z[lo] + t * (s->z[lo + 1] - s->z[lo]);
        slope = density ? segment_slope(s, lo, t) : 1.0;
    }
    if (density)
        *density = phi(z) / slope;
    return z;
}
