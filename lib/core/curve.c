/* curve.c - the experience curve m(x): median salary at x years.
 *
 * The curve is fitted once, at model build, and kept as a table of cubics
 * (value and slope at both ends of each segment define GSL's own piecewise
 * cubic for steffen, cspline and akima, whose slopes are computed here
 * without GSL's allocating set-up), so neither the build nor the queries
 * allocate, and queries need no gsl_interp and no accelerator. */

/* The batch loop vectorises only at -O3, and only when the compiler may
 * evaluate both arms of a select (no FP traps are used anywhere). Not when
 * optimisation is off (the coverage build's -O0 keeps lines and branches
 * mapped), nor under clang, which ignores the pragma. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

#include "core/core.h"

#include <float.h>
#include <string.h>

/* ---- building --------------------------------------------------------- */

static const char *method_name(career_interp method)
{
    switch (method) {
    case CAREER_INTERP_AUTO:
        return "auto";
    case CAREER_INTERP_STEFFEN:
        return "steffen";
    case CAREER_INTERP_LINEAR:
        return "linear";
    case CAREER_INTERP_CSPLINE:
        return "cspline";
    case CAREER_INTERP_AKIMA:
        return "akima";
    case CAREER_INTERP_MINCER:
        return "mincer";
    }
    return "?";
}

/* The fewest points each method takes (GSL's minimum sizes). */
static size_t min_points(career_interp method)
{
    switch (method) {
    case CAREER_INTERP_AKIMA:
        return 5;
    case CAREER_INTERP_LINEAR:
        return 2;
    default:
        return 3;
    }
}

/* Hermite form of segment i from the values and slopes at its ends. */
static void set_segment(careerp_curve *c, size_t i, double m0, double m1)
{
    double h = c->x[i + 1] - c->x[i];
    double delta = (c->y[i + 1] - c->y[i]) / h;

    c->b[i] = m0;
    c->c[i] = (3.0 * delta - 2.0 * m0 - m1) / h;
    c->d[i] = (m0 + m1 - 2.0 * delta) / (h * h);
}

static career_status fit_linear(careerp_curve *c)
{
    size_t i;

    for (i = 0; i + 1 < c->n; i++) {
        double delta = (c->y[i + 1] - c->y[i]) / (c->x[i + 1] - c->x[i]);
        set_segment(c, i, delta, delta);
    }
    c->slope_lo = c->b[0];
    c->slope_hi = c->b[c->n - 2];
    return CAREER_OK;
}

/* The slopes of the cubic interpolations, computed here from the published
 * formulas (they are GSL's, which the tests compare against) because GSL's
 * own set-up allocates and reports a failed allocation through its error
 * handler: a model build must allocate nothing it cannot check. Each method
 * gives, for segment i, the slope at its left end (lo[i]) and at its right
 * end (hi[i]); the curve is C1 where hi[i] = lo[i + 1]. */

static double secant(const careerp_curve *c, size_t i)
{
    return (c->y[i + 1] - c->y[i]) / (c->x[i + 1] - c->x[i]);
}

/* Steffen (1990), eq. 11, with the one-sided end slopes of its section
 * 2.2: each interior slope is the smallest of the two secants and half the
 * parabola's slope, and 0 at a local extremum, so no segment overshoots. */
static void steffen_slopes(const careerp_curve *c, double *lo, double *hi)
{
    size_t i, n = c->n;

    lo[0] = secant(c, 0);
    for (i = 1; i + 1 < n; i++) {
        double h0 = c->x[i] - c->x[i - 1], h1 = c->x[i + 1] - c->x[i];
        double s0 = secant(c, i - 1), s1 = secant(c, i);
        double par = (s0 * h1 + s1 * h0) / (h0 + h1);
        double sign = (s0 < 0.0 ? -1.0 : 1.0) + (s1 < 0.0 ? -1.0 : 1.0);
        lo[i] = hi[i - 1] = sign * fmin(fabs(s0), fmin(fabs(s1), 0.5 * fabs(par)));
    }
    hi[n - 2] = secant(c, n - 2);
}

/* Akima (1970), with GSL's non-periodic end rule (the secants continued
 * linearly two steps past each end) and its flat case: where both weights
 * vanish, the segment is the straight secant. */
static void akima_slopes(const careerp_curve *c, double *lo, double *hi)
{
    double mm[CAREER_MAX_TIERS + 4], *m = mm + 2;
    size_t i, n = c->n;

    for (i = 0; i + 1 < n; i++)
        m[i] = secant(c, i);
    m[-2] = 3.0 * m[0] - 2.0 * m[1];
    m[-1] = 2.0 * m[0] - m[1];
    m[n - 1] = 2.0 * m[n - 2] - m[n - 3];
    m[n] = 3.0 * m[n - 2] - 2.0 * m[n - 3];
    for (i = 0; i + 1 < n; i++) {
        /* p[k] is m[i + k]: i - 2 in size_t would wrap (undefined for a
         * pointer), p - 2 stays inside mm */
        const double *p = m + i;
        const double ne = fabs(p[1] - p[0]) + fabs(p[-1] - p[-2]);
        const double ne_next = fabs(p[2] - p[1]) + fabs(p[0] - p[-1]);
        double a;
        if (ne == 0.0) {
            lo[i] = hi[i] = p[0];
            continue;
        }
        a = fabs(p[-1] - p[-2]) / ne;
        lo[i] = (1.0 - a) * p[-1] + a * p[0];
        a = ne_next == 0.0 ? 0.0 : fabs(p[0] - p[-1]) / ne_next;
        hi[i] = (1.0 - a) * p[0] + a * p[1];
    }
}

/* The natural cubic spline: half second derivatives k[i] with k = 0 at
 * both ends, from h[i-1] k[i-1] + 2 (h[i-1] + h[i]) k[i] + h[i] k[i+1] =
 * 3 (s[i] - s[i-1]), a diagonally dominant tridiagonal system solved by
 * elimination without pivoting; then the slopes at the knots. */
static void cspline_slopes(const careerp_curve *c, double *lo, double *hi)
{
    double k[CAREER_MAX_TIERS], diag[CAREER_MAX_TIERS], rhs[CAREER_MAX_TIERS];
    size_t i, n = c->n;

    k[0] = k[n - 1] = 0.0;
    for (i = 1; i + 1 < n; i++) {
        double h0 = c->x[i] - c->x[i - 1], h1 = c->x[i + 1] - c->x[i];
        diag[i] = 2.0 * (h0 + h1);
        rhs[i] = 3.0 * (secant(c, i) - secant(c, i - 1));
        if (i > 1) { /* eliminate the sub-diagonal h0 */
            double f = h0 / diag[i - 1];
            diag[i] -= f * h0;
            rhs[i] -= f * rhs[i - 1];
        }
    }
    for (i = n - 2; i >= 1; i--)
        k[i] = (rhs[i] - (c->x[i + 1] - c->x[i]) * k[i + 1]) / diag[i];
    for (i = 0; i + 1 < n; i++) {
        double h = c->x[i + 1] - c->x[i];
        lo[i] = secant(c, i) - h * (k[i + 1] + 2.0 * k[i]) / 3.0;
        hi[i] = lo[i] + h * (k[i] + k[i + 1]);
    }
}

/* The caller has checked: n >= the method's minimum, x strictly
 * increasing, every value finite. */
static career_status fit_cubic(careerp_curve *c)
{
    double lo[CAREER_MAX_TIERS] = {0}, hi[CAREER_MAX_TIERS] = {0};
    size_t i;

    if (c->method == CAREER_INTERP_STEFFEN)
        steffen_slopes(c, lo, hi);
    else if (c->method == CAREER_INTERP_AKIMA)
        akima_slopes(c, lo, hi);
    else
        cspline_slopes(c, lo, hi);
    for (i = 0; i + 1 < c->n; i++)
        set_segment(c, i, lo[i], hi[i]);
    c->slope_lo = lo[0];
    c->slope_hi = hi[c->n - 2];
    return CAREER_OK;
}

/* d m / dx of the Mincer curve at x in [x[0], x[n-1]]. */
static double mincer_slope(const careerp_curve *c, double x)
{
    const double *k = c->mincer;
    return exp(k[0] + x * (k[1] + x * k[2])) * (k[1] + 2.0 * k[2] * x);
}

/* Least squares ln m = a + b x + c x^2, the Mincer earnings function. */
static career_status fit_mincer(careerp_curve *c, career_error *err)
{
    long double X[CAREER_MAX_TIERS * 3], y[CAREER_MAX_TIERS];
    size_t i;

    for (i = 0; i < c->n; i++) {
        X[3 * i] = 1.0L;
        X[3 * i + 1] = c->x[i];
        X[3 * i + 2] = (long double)c->x[i] * c->x[i];
        y[i] = logl(c->y[i]);
    }
    if (careerp_least_squares(X, y, c->n, 3, c->mincer) != CAREERP_LSQ_OK)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "curve: the mincer fit is ill-posed (anchors too "
                            "close together or too far apart)");
    c->slope_lo = mincer_slope(c, c->x[0]);
    c->slope_hi = mincer_slope(c, c->x[c->n - 1]);
    return CAREER_OK;
}

/* The points of [x[0], x[n-1]] between which m is monotone: both ends, the
 * anchors and the turning points between them (defined with the inverse). */
static size_t monotone_breaks(const careerp_curve *c, double *pts);

/* A median salary must be a positive, finite number everywhere between the
 * first and the last anchor: the extremes of each monotone piece are at its
 * ends, so checking those checks the whole range exactly. */
static career_status check_range(const careerp_curve *c, career_error *err)
{
    double pts[3 * CAREERP_CURVE_KNOTS + 2];
    size_t i, k = 0, n = monotone_breaks(c, pts);

    for (i = 0; i < n; i++) {
        double v = careerp_curve_eval(c, pts[i]);
        if (v > 0.0 && v <= DBL_MAX)
            continue;
        while (k + 2 < c->n && pts[i] > c->x[k + 1])
            k++;
        return careerp_fail(err, CAREER_ERR_FIT,
                            "curve: the %s curve %s at %.6g years, between "
                            "the anchors at %.10g and %.10g years; try steffen "
                            "(which never overshoots) or other salaries",
                            method_name(c->method),
                            v > 0.0    ? "overflows"
                            : v <= 0.0 ? "falls to 0 or below"
                                       : "is not a number",
                            pts[i], c->x[k], c->x[k + 1]);
    }
    return CAREER_OK;
}

/* Whether no segment's cubic can overflow on its segment: then a clamped
 * curve's value is finite for every x, with no test. |y| + |b| T + |c| T^2
 * + |d| T^3 bounds it on a segment of length T, and a quarter of DBL_MAX
 * leaves room for the rounding of its terms and of t. */
static int bounded(const careerp_curve *c)
{
    for (size_t i = 0; i + 1 < c->n; i++) {
        double T = c->x[i + 1] - c->x[i];
        double m = fabs(c->y[i]) +
                   T * (fabs(c->b[i]) + T * (fabs(c->c[i]) + T * fabs(c->d[i])));
        if (!(m < DBL_MAX / 4))
            return 0;
    }
    return 1;
}

/* The scalar path's tables, once the curve is whole (until then `fast` is
 * 0 and every evaluation takes the general path). */
static void index_segments(careerp_curve *c)
{
    size_t k;

    c->fast = c->method != CAREER_INTERP_MINCER && !c->score &&
              c->extrap == CAREER_EXTRAP_CLAMP &&
              c->n <= CAREERP_CURVE_EDGES + 2 && bounded(c);
    for (k = 0; k < CAREERP_CURVE_EDGES; k++)
        c->edge[k] = k + 2 < c->n ? c->x[k + 1] : NAN;
    c->x_end = c->x[c->n - 1];
}

career_status careerp_curve_build(careerp_curve *curve, const double *x,
                                  const double *y, size_t n,
                                  career_interp method, career_extrap extrap,
                                  const careerp_dist *score,
                                  career_error *err)
{
    career_status st;
    size_t i;

    if (n < 2 || n > CAREER_MAX_TIERS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "curve: needs 2 to %d points (got %zu)",
                            CAREER_MAX_TIERS, n);
    for (i = 0; i < n; i++)
        if (!isfinite(x[i]) || !(y[i] > 0.0 && isfinite(y[i])) ||
            (i > 0 && !(x[i] > x[i - 1])))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "curve: point %zu is not finite, positive and "
                                "after the previous one", i);
    if (method == CAREER_INTERP_AUTO)
        method = n >= 3 ? CAREER_INTERP_STEFFEN : CAREER_INTERP_LINEAR;
    if (n < min_points(method))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "curve: %s interpolation needs at least %zu tiers "
                            "with a salary (got %zu)",
                            method_name(method), min_points(method), n);
    *curve = (careerp_curve){.method = method, .extrap = extrap, .n = n};
    if (method != CAREER_INTERP_MINCER)
        curve->score = score;
    for (i = 0; i < n; i++) {
        curve->x[i] = x[i];
        curve->y[i] = curve->score
                          ? careerp_dist_score_log(curve->score, log(y[i]))
                          : y[i];
        if (!isfinite(curve->y[i]))
            return careerp_fail(err, CAREER_ERR_FIT,
                                "curve: the salary %.10g at %.10g years is "
                                "outside the market (its percentile is 0 or "
                                "1), so it has no normal score",
                                y[i], x[i]);
    }
    curve->floor = -DBL_MAX; /* no floor and no end slopes while fitting */
    switch (method) {
    case CAREER_INTERP_LINEAR:
        st = fit_linear(curve);
        break;
    case CAREER_INTERP_MINCER:
        st = fit_mincer(curve, err);
        break;
    default:
        st = fit_cubic(curve);
        break;
    }
    if (st == CAREER_OK)
        st = check_range(curve, err);
    if (st == CAREER_OK && extrap == CAREER_EXTRAP_EXTEND) {
        curve->ext_lo = curve->slope_lo;
        curve->ext_hi = curve->slope_hi;
        /* a salary never below 0; every score has a salary above 0 */
        curve->floor = curve->score ? -DBL_MAX : 0.0;
    }
    if (st == CAREER_OK)
        index_segments(curve);
    return st;
}

void careerp_curve_peak(careerp_curve *c, double peak_years, double cap)
{
    size_t n = c->n;
    double s = c->slope_hi, xn = c->x[n - 1], yn = c->y[n - 1];
    double span = peak_years - xn;

    if (c->score) /* the cap as the curve's values are: a score */
        cap = careerp_dist_score_log(c->score, log(cap));
    if (c->method == CAREER_INTERP_MINCER || c->extrap != CAREER_EXTRAP_CLAMP ||
        !(s > 0.0) || !(span > 0.0) || n >= CAREERP_CURVE_KNOTS)
        return;
    /* a peak above the cap comes earlier, at the cap */
    if (yn + 0.5 * s * span > cap)
        span = 2.0 * (cap - yn) / s;
    if (!(span > 1e-9 * (1.0 + xn)))
        return;
    c->x[n] = xn + span;
    c->y[n] = yn + 0.5 * s * span;
    c->n = n + 1;
    /* slopes s and 0 at the ends of a rise of s span / 2: the Hermite
     * cubic is the quadratic m = yn + s t - s t^2 / (2 span) */
    set_segment(c, n - 1, s, 0.0);
    c->slope_hi = 0.0;
    index_segments(c);
}

/* ---- evaluating ------------------------------------------------------- */

/* One formula serves every x, so the scalar and the batch paths give the
 * same bits: clamp x into [x0, xn]; take the segment whose start is the last
 * knot <= x; run its cubic; add the end slope times the distance past an
 * end (the slopes are 0 for CLAMP); floor the result (at 0 for EXTEND, else
 * no floor). The two paths differ only in how they pick the segment. */
static CAREERP_ALWAYS_INLINE double segment_eval(const careerp_curve *c,
                                                 double x, double xc,
                                                 double xi, double yi,
                                                 double bi, double ci,
                                                 double di, double xn)
{
    const double x0 = c->x[0], t = xc - xi;
    double v = yi + t * (bi + t * (ci + t * di));
    /* x minus max(x, x0) and x minus min(x, xn): the distances past each
     * end, in the one select form compilers turn into maxsd/minsd */
    const double below = x - (x < x0 ? x0 : x), above = x - (x > xn ? xn : x);

    v += c->ext_lo * below + c->ext_hi * above;
    return v < c->floor ? c->floor : v;
}

static CAREERP_ALWAYS_INLINE double clamp_x(const careerp_curve *c,
                                            size_t nk, double x)
{
    const double x0 = c->x[0], xn = c->x[nk - 1], xc = x < x0 ? x0 : x;
    return xc > xn ? xn : xc;
}

/* One x at a time: the segment index is a sum of comparisons (setcc, no
 * branch to mispredict on random x), then five loads. */
static CAREERP_ALWAYS_INLINE double table_eval(const careerp_curve *c,
                                               size_t nk, double x)
{
    const double xc = clamp_x(c, nk, x);
    size_t k, i = 0;

    double t;

    for (k = 1; k + 1 < nk; k++)
        i += (size_t)(xc >= c->x[k]);
    if (c->extrap == CAREER_EXTRAP_CLAMP) {
        /* the same bits as segment_eval: its end terms add 0 and its
         * floor is -DBL_MAX, so they can be skipped (a predictable branch) */
        t = xc - c->x[i];
        return c->y[i] + t * (c->b[i] + t * (c->c[i] + t * c->d[i]));
    }
    return segment_eval(c, x, xc, c->x[i], c->y[i], c->b[i], c->c[i],
                        c->d[i], c->x[nk - 1]);
}

/* Many x: the segment's coefficients are chosen by selects over every knot
 * (no indexed load), so that the compiler, given a constant `nk`, unrolls
 * the selects and vectorises the loop around them (this file is built with
 * -O3 -fno-trapping-math, which lets both arms of a select be computed). */
static CAREERP_ALWAYS_INLINE double table_eval_select(const careerp_curve *c,
                                                      size_t nk, double x)
{
    const double xc = clamp_x(c, nk, x);
    double xi = c->x[0], yi = c->y[0], bi = c->b[0], ci = c->c[0],
           di = c->d[0];
    size_t k;

    for (k = 1; k + 1 < nk; k++) {
        const double X = c->x[k], Y = c->y[k], B = c->b[k], C = c->c[k],
                     D = c->d[k];
        const int past = xc >= X;
        xi = past ? X : xi;
        yi = past ? Y : yi;
        bi = past ? B : bi;
        ci = past ? C : ci;
        di = past ? D : di;
    }
    return segment_eval(c, x, xc, xi, yi, bi, ci, di, c->x[nk - 1]);
}

static double mincer_eval(const careerp_curve *c, double x)
{
    const double x0 = c->x[0], xn = c->x[c->n - 1];
    double xc = x < x0 ? x0 : (x > xn ? xn : x), v;
    double below = x < x0 ? x - x0 : 0.0, above = x > xn ? x - xn : 0.0;

    v = exp(c->mincer[0] + xc * (c->mincer[1] + xc * c->mincer[2]));
    v += c->ext_lo * below + c->ext_hi * above;
    return v < c->floor ? c->floor : v;
}

/* table_eval's clamped branch for the common curve, the same bits: one
 * test for the kind of curve instead of a test of the method, a switch on
 * the knot count and a test of the extrapolation. The edges are padded
 * with NaN, which no compare passes, so that curves of 2 to
 * CAREERP_CURVE_EDGES + 2 knots share one count of compares; and they are
 * compared with x itself, not x clamped, which picks the same segment
 * (below x0 none passes, above x_end every inner knot does) without
 * waiting for the clamp. */
static CAREERP_ALWAYS_INLINE double fast_eval(const careerp_curve *c, double x)
{
    const double x0 = c->x[0], xn = c->x_end, xl = x < x0 ? x0 : x;
    const double xc = xl > xn ? xn : xl;
    const size_t i = (size_t)(x >= c->edge[0]) + (size_t)(x >= c->edge[1]) +
                     (size_t)(x >= c->edge[2]);
    const double t = xc - c->x[i];

    _Static_assert(CAREERP_CURVE_EDGES == 3, "the sum above has 3 terms");
    return c->y[i] + t * (c->b[i] + t * (c->c[i] + t * c->d[i]));
}

/* The curve's own value at x: the salary, or the score of a curve in
 * normal scores. */
static CAREERP_ALWAYS_INLINE double knot_eval(const careerp_curve *c, double x)
{
    if (c->fast)
        return fast_eval(c, x);
    if (c->method == CAREER_INTERP_MINCER)
        return mincer_eval(c, x);
    switch (c->n) { /* a constant count turns the select into cmovs */
    case 2:
        return table_eval(c, 2, x);
    case 3:
        return table_eval(c, 3, x);
    case 4:
        return table_eval(c, 4, x);
    case 5:
        return table_eval(c, 5, x);
    case 6:
        return table_eval(c, 6, x);
    default:
        return table_eval(c, c->n, x);
    }
}

/* knot_eval for the paths off the hot one (the slope, the inverse): one
 * copy of the evaluation, not one inlined into each. */
static double knot_value(const careerp_curve *c, double x)
{
    return knot_eval(c, x);
}

/* The salary of the value v of a curve in normal scores. */
static double salary_of(const careerp_curve *c, double v)
{
    if (isnan(v))
        return v;
    if (isinf(v)) /* an extended curve at a huge x: the market's ends */
        return v > 0.0 ? INFINITY : 0.0;
    return exp(careerp_dist_log_quantile_score(c->score, v));
}

static CAREERP_ALWAYS_INLINE double curve_eval(const careerp_curve *c, double x)
{
    const double v = knot_eval(c, x);
    return c->score ? salary_of(c, v) : v;
}

double careerp_curve_eval(const careerp_curve *c, double x)
{
    return curve_eval(c, x);
}

/* The batch loop for a knot count fixed at compile time. Bad years (NaN,
 * inf, negative) and overflowed values are noted by a select, not a branch,
 * so the loop stays straight and vectorises. */
static CAREERP_ALWAYS_INLINE int batch(const careerp_curve *c, size_t nk,
                                       const double *restrict x,
                                       double *restrict out, size_t n)
{
    double bad = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        const double xi = x[i], v = table_eval_select(c, nk, xi);
        bad = xi >= 0.0 && xi <= DBL_MAX && v <= DBL_MAX ? bad : 1.0;
        out[i] = v;
    }
    return bad != 0.0;
}


CAREERP_CLONES
static int table_eval_n(const careerp_curve *c, const double *restrict x,
                        double *restrict out, size_t n)
{
    switch (c->n) { /* ladders are short: specialise the common sizes */
    case 2:
        return batch(c, 2, x, out, n);
    case 3:
        return batch(c, 3, x, out, n);
    case 4:
        return batch(c, 4, x, out, n);
    case 5:
        return batch(c, 5, x, out, n);
    case 6:
        return batch(c, 6, x, out, n);
    default:
        return batch(c, c->n, x, out, n);
    }
}

int careerp_curve_eval_n(const careerp_curve *c, const double *x, double *out,
                         size_t n)
{
    size_t i;
    int bad = 0;

    if (c->score) {
        bad = table_eval_n(c, x, out, n);
        for (i = 0; i < n; i++) {
            out[i] = salary_of(c, out[i]);
            bad |= !(out[i] <= DBL_MAX);
        }
        return bad;
    }
    if (c->method != CAREER_INTERP_MINCER)
        return table_eval_n(c, x, out, n);
    for (i = 0; i < n; i++) {
        out[i] = mincer_eval(c, x[i]);
        bad |= !(x[i] >= 0.0 && x[i] <= DBL_MAX && out[i] <= DBL_MAX);
    }
    return bad;
}

/* The slope everywhere follows one rule: inside [x[0], x[n-1]) the
 * right-hand slope (at an anchor, that of the segment it starts); from the
 * last anchor on, the slope applied past it (0 under CLAMP, the end slope
 * under EXTEND, where the curve goes on straight); below the first anchor,
 * the slope applied there. Where an extended curve sits on its floor of 0,
 * the slope is 0. */
static double knot_deriv(const careerp_curve *c, double x)
{
    double lo = c->x[0], hi = c->x[c->n - 1];
    size_t i;
    double t;

    if (x < lo || x >= hi)
        return !c->score && knot_value(c, x) <= 0.0
                   ? 0.0
                   : (x < lo ? c->ext_lo : c->ext_hi);
    if (c->method == CAREER_INTERP_MINCER)
        return mincer_slope(c, x);
    for (i = 0; i + 2 < c->n && x >= c->x[i + 1]; i++)
        continue;
    t = x - c->x[i];
    return c->b[i] + t * (2.0 * c->c[i] + 3.0 * t * c->d[i]);
}

/* m'(x) / m(x) of a curve in normal scores: S'(x) (d ln Q / dz)(S(x)),
 * which needs no m, so it stays finite far out on an extended curve,
 * where m overflows. */
static double score_rate(const careerp_curve *c, double x)
{
    double slope = knot_deriv(c, x);

    return slope == 0.0 ? 0.0
                        : slope * careerp_dist_log_quantile_score_slope(
                                      c->score, knot_value(c, x));
}

/* A curve in normal scores: dm/dx = m (d ln Q / dz) dz/dx. */
double careerp_curve_deriv(const careerp_curve *c, double x)
{
    double rate;

    if (!c->score)
        return knot_deriv(c, x);
    rate = score_rate(c, x);
    return rate == 0.0 ? 0.0 : rate * salary_of(c, knot_value(c, x));
}

/* ---- the inverse ------------------------------------------------------ */

/* Smallest x in [lo, hi] with v(x) >= s, when v(lo) < s <= v(hi) and the
 * curve's value v is monotone on [lo, hi]: bisection to the last
 * representable step. */
static double bisect(const careerp_curve *c, double lo, double hi, double s)
{
    int k;

    for (k = 0; k < 200; k++) {
        double mid = lo + 0.5 * (hi - lo);
        if (mid <= lo || mid >= hi)
            break;
        if (knot_value(c, mid) >= s)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* Adds the roots of b + 2 c t + 3 d t^2 in (0, h), shifted by x0, to pts. */
static size_t cubic_turns(double b, double cc, double d, double h, double x0,
                          double *pts)
{
    size_t n = 0;
    double A = 3.0 * d, B = 2.0 * cc, roots[2];
    int nroots = 0, k;

    if (A == 0.0) {
        if (B != 0.0)
            roots[nroots++] = -b / B;
    } else {
        double disc = B * B - 4.0 * A * b;
        if (disc >= 0.0) {
            double q = -0.5 * (B + copysign(sqrt(disc), B));
            roots[nroots++] = q / A;
            if (q != 0.0)
                roots[nroots++] = b / q;
        }
    }
    if (nroots == 2 && roots[0] > roots[1]) {
        double tmp = roots[0];
        roots[0] = roots[1];
        roots[1] = tmp;
    }
    for (k = 0; k < nroots; k++)
        if (roots[k] > 0.0 && roots[k] < h)
            pts[n++] = x0 + roots[k];
    return n;
}

/* The points of [x[0], x[n-1]] between which m is monotone, in order. */
static size_t monotone_breaks(const careerp_curve *c, double *pts)
{
    size_t i, n = 0;

    pts[n++] = c->x[0];
    if (c->method == CAREER_INTERP_MINCER) {
        if (c->mincer[2] != 0.0) {
            double turn = -c->mincer[1] / (2.0 * c->mincer[2]);
            if (turn > c->x[0] && turn < c->x[c->n - 1])
                pts[n++] = turn;
        }
    } else {
        for (i = 0; i + 1 < c->n; i++) {
            n += cubic_turns(c->b[i], c->c[i], c->d[i], c->x[i + 1] - c->x[i],
                             c->x[i], pts + n);
            pts[n++] = c->x[i + 1];
        }
    }
    if (pts[n - 1] != c->x[c->n - 1])
        pts[n++] = c->x[c->n - 1];
    return n;
}

/* The smallest x >= 0 with m(x) >= s (s finite): with v(x) >= s for the
 * curve's own value v, s taken to a score for a curve in normal scores (m
 * rises with v). */
static career_status curve_inverse(const careerp_curve *c, double s,
                                   double *x)
{
    double pts[3 * CAREERP_CURVE_KNOTS + 2], lo = c->x[0], m_lo;
    size_t i, n;

    if (c->score) {
        s = careerp_dist_score_log(c->score, log(s));
        if (isnan(s))
            return CAREER_ERR_DOMAIN;
    }
    if (knot_value(c, 0.0) >= s) {
        *x = 0.0;
        return CAREER_OK;
    }
    if (s == INFINITY) /* above every salary of the market */
        return CAREER_ERR_DOMAIN;
    m_lo = knot_value(c, lo);
    if (m_lo >= s) { /* reached on the way to x[0] */
        *x = fmax(lo - (m_lo - s) / c->slope_lo, 0.0);
        return CAREER_OK;
    }
    n = monotone_breaks(c, pts);
    for (i = 1; i < n; i++)
        if (knot_value(c, pts[i]) >= s) {
            *x = bisect(c, pts[i - 1], pts[i], s);
            return CAREER_OK;
        }
    if (c->extrap == CAREER_EXTRAP_EXTEND && c->slope_hi > 0.0) {
        double hi = c->x[c->n - 1];
        double past = hi + (s - knot_value(c, hi)) / c->slope_hi;
        if (isfinite(past)) { /* written only when it is an answer */
            *x = past;
            return CAREER_OK;
        }
    }
    return CAREER_ERR_DOMAIN;
}

/* ---- the public queries ----------------------------------------------- */

career_status career_salary_at(const career_model *model, double years,
                               double *salary)
{
    career_status st;
    uint64_t bits;
    double m;

    if (!model || !salary)
        return CAREER_ERR_ARG;
    /* One integer test on the hot path: +0 and the positive finite years
     * are the bit patterns below +inf's. The rest (-0 too) are checked. */
    memcpy(&bits, &years, sizeof bits);
    if (bits >= 0x7ff0000000000000u &&
        (st = careerp_check_years(years)) != CAREER_OK)
        return st;
    if (model->curve.fast) { /* finite: see bounded() */
        *salary = fast_eval(&model->curve, years);
        return CAREER_OK;
    }
    m = curve_eval(&model->curve, years);
    if (!(m <= DBL_MAX)) /* a cubic through salaries near DBL_MAX overshot */
        return CAREER_ERR_DOMAIN;
    *salary = m;
    return CAREER_OK;
}

career_status career_salary_at_n(const career_model *model,
                                 const double *years, double *salary, size_t n)
{
    size_t i;

    if (!model || (n > 0 && (!years || !salary)))
        return CAREER_ERR_ARG;
    if (!careerp_curve_eval_n(&model->curve, years, salary, n))
        return CAREER_OK;
    /* The status of the first bad row: a bad year (ARG or DOMAIN), or a
     * good one whose salary overflowed (an extended curve at 1e308 years). */
    for (i = 0; i < n; i++) {
        career_status st = careerp_check_years(years[i]);
        if (st != CAREER_OK)
            return st;
        if (!(salary[i] <= DBL_MAX))
            break;
    }
    return CAREER_ERR_DOMAIN;
}

/* m'(x) / m(x), or NaN where m is not a positive finite salary (a curve
 * in normal scores: score_rate). */
static double growth_rate(const careerp_curve *c, double x)
{
    double m;

    if (c->score)
        return score_rate(c, x);
    m = careerp_curve_eval(c, x);
    if (!(m > 0.0 && m <= DBL_MAX))
        return NAN;
    return careerp_curve_deriv(c, x) / m;
}

career_status career_salary_growth_rate(const career_model *model,
                                        double years, double *rate)
{
    career_status st;
    double r;

    if (!model || !rate)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    r = growth_rate(&model->curve, years);
    if (!isfinite(r))
        return CAREER_ERR_DOMAIN;
    *rate = r;
    return CAREER_OK;
}

career_status career_years_to_salary(const career_model *model, double salary,
                                     double *years)
{
    if (!model || !years || !isfinite(salary))
        return CAREER_ERR_ARG;
    if (!(salary > 0.0))
        return CAREER_ERR_DOMAIN;
    return curve_inverse(&model->curve, salary, years);
}
