/*
 * core/core.h - the model core (lib/core/): the experience curve, the
 * market distribution, the calibration, least squares and the model
 * itself, as the other modules of lib/ may use them. Modules above the
 * core (plan, io, pay, bls) include this; the core includes only
 * internal.h.
 */
#ifndef CAREER_CORE_H
#define CAREER_CORE_H

#include "internal.h"

/* ---- lsq.c ------------------------------------------------------------ */

#define CAREERP_LSQ_MAX_ROWS 16 /* >= CAREER_MAX_TIERS, CAREER_MAX_QUANTILES */
#define CAREERP_LSQ_MAX_COLS 9
/* A matrix whose columns, scaled to unit length, have a smallest singular
 * value at most RCOND times the largest counts as rank deficient: at that
 * condition (1e10) the 1e-16 rounding of the inputs alone moves the
 * coefficients by 1e-6, and a set of points that is exactly deficient
 * (symmetric metalog points) lands there after any tiny move. */
#define CAREERP_LSQ_RCOND 1e-10

enum { CAREERP_LSQ_OK = 0, CAREERP_LSQ_RANK = 1 };

/* Least squares: coef[0..p) minimising |X coef - y| for the n x p matrix X
 * (row-major, long double so that the caller's basis keeps its digits) and
 * y[0..n), p <= n. Allocates nothing. Returns CAREERP_LSQ_OK, or
 * CAREERP_LSQ_RANK (coef unspecified) when X is rank deficient in the sense
 * of CAREERP_LSQ_RCOND, has a zero or non-finite column, or the sizes are
 * out of range. */
int careerp_least_squares(const long double *X, const long double *y,
                          size_t n, size_t p, double *coef);

/* ---- curve.c ---------------------------------------------------------- */

/* The curve's knots: the anchors with a salary, and a peak (see
 * careerp_curve_peak). */
#define CAREERP_CURVE_KNOTS (CAREER_MAX_TIERS + 1)
/* Inner knots the scalar evaluation compares against, whatever the count:
 * curves of up to 5 knots (4 tiers and a peak, the common ladder), each
 * compare an instruction more on every call. */
#define CAREERP_CURVE_EDGES 3

/* The experience curve as a table of cubics: on segment i, for
 * t = x - x[i] in [0, x[i+1] - x[i]], v = y[i] + t (b[i] + t (c[i] + t d[i])).
 * v is the salary m itself, or, for a curve in the market's normal scores
 * (`score` set: the copula band's curve), the score z = Phi^-1(F(m)), and
 * m = Q(Phi(v)). Mincer curves keep their three log coefficients instead. */
typedef struct careerp_curve {
    career_interp method; /* resolved: never AUTO */
    career_extrap extrap;
    size_t n;             /* knots, >= 2 */
    double x[CAREERP_CURVE_KNOTS];
    double y[CAREERP_CURVE_KNOTS];
    double b[CAREERP_CURVE_KNOTS];
    double c[CAREERP_CURVE_KNOTS];
    double d[CAREERP_CURVE_KNOTS];
    double mincer[3];     /* ln m = mincer[0] + mincer[1] x + mincer[2] x^2 */
    double slope_lo;      /* dm/dx at x[0] and x[n-1] */
    double slope_hi;
    double ext_lo;        /* the slopes applied beyond the ends: the end */
    double ext_hi;        /* slopes for EXTEND, 0 for CLAMP              */
    double floor;         /* 0 for EXTEND (never below 0), else -DBL_MAX */
    /* The market whose normal scores y holds, or NULL: y is the salary. */
    const struct careerp_dist *score;
    /* The scalar path of the common curve (a table, clamped, at most
     * CAREERP_CURVE_EDGES + 2 knots, no cubic near overflow), set once
     * the curve is whole: the inner knots x[1..n-2] padded with NaN, so
     * that a fixed count of compares finds the segment, and the last
     * knot. */
    int fast;             /* the scalar path applies                      */
    double edge[CAREERP_CURVE_EDGES];
    double x_end;         /* x[n-1] */
} careerp_curve;

/* Fits the curve through n points (x strictly increasing, y > 0). With
 * `score` non-NULL a table curve is interpolated in that market's normal
 * scores (docs/model.md §3): the market must outlive the curve, and every
 * y must have a percentile strictly inside (0, 1). Mincer curves ignore
 * it. */
career_status careerp_curve_build(careerp_curve *curve, const double *x,
                                  const double *y, size_t n,
                                  career_interp method, career_extrap extrap,
                                  const struct careerp_dist *score,
                                  career_error *err);

/* Continues a clamped table curve past its last anchor x_n, when it rises
 * there with slope s > 0, to a flat peak at `peak_years` (> x_n): the
 * quadratic m = y_n + s t - s t^2 / (2 T), t = x - x_n, T = peak_years -
 * x_n, which rises by s T / 2; where that would pass `cap`, the peak comes
 * earlier, at the cap. An extra knot at the peak; nothing for Mincer
 * curves, extended ones, or a curve that does not rise at its end. */
void careerp_curve_peak(careerp_curve *curve, double peak_years, double cap);

/* m(x) and dm/dx for a finite x >= 0 (the caller checks). */
double careerp_curve_eval(const careerp_curve *curve, double x);
double careerp_curve_deriv(const careerp_curve *curve, double x);

/* m(x[i]) into out[i] for i < n. Returns non-zero if some x[i] is not a
 * finite number >= 0, or some m(x[i]) overflowed (out[] is then
 * unspecified). */
int careerp_curve_eval_n(const careerp_curve *curve, const double *x,
                         double *out, size_t n);

/* ---- qspline.c ------------------------------------------------------- */

/* The quantile spline: ln S = H(z), z = Phi^-1(p), a monotone cubic through
 * the n points (z[i], y[i]) with slopes d[i], and ln S linear in z with
 * slope tail_lo below z[0] and tail_hi above z[n-1]. */
typedef struct careerp_qspline {
    size_t n;
    double z[CAREER_MAX_QUANTILES], y[CAREER_MAX_QUANTILES];
    double d[CAREER_MAX_QUANTILES];
    double tail_lo, tail_hi;
    double mean; /* E[S], on the scaled salaries */
} careerp_qspline;

/* Fits the spline through n >= 2 increasing points, salaries times
 * exp(log_scale); a mean > 0 (unscaled) sets the upper tail's slope so
 * that E[S] is that mean, as nearly as the slope's range allows, and 0
 * takes the last segment's slope. CAREER_ERR_FIT when two points are too
 * close to tell apart in doubles. */
career_status careerp_qspline_build(careerp_qspline *s,
                                    const career_quantile *q, size_t n,
                                    double mean, double log_scale,
                                    career_error *err);
double careerp_qspline_log_quantile(const careerp_qspline *s, double p);
/* ln Q at the normal score z = Phi^-1(p): H(z), and its slope H'(z). */
double careerp_qspline_log_quantile_z(const careerp_qspline *s, double z);
double careerp_qspline_log_quantile_z_slope(const careerp_qspline *s,
                                            double z);
/* The normal score Phi^-1(F) at ln S = log_s (the z with H(z) = log_s),
 * and with density non-NULL, dF/d ln S there. */
double careerp_qspline_score_log(const careerp_qspline *s, double log_s,
                                 double *density);
/* F at ln S = log_s; with density non-NULL, also dF/d ln S there. */
double careerp_qspline_cdf_log(const careerp_qspline *s, double log_s,
                               double *density);

/* ---- dist.c ----------------------------------------------------------- */

#define CAREERP_METALOG_MAX_TERMS 9
/* The metalog's table covers z = ln(p/(1-p)) in [Z0, -Z0]; its inverse holds
 * z at INVERSE evenly spaced values of ln S between M(Z0) and M(-Z0). */
#define CAREERP_DIST_Z0 (-40.0)
#define CAREERP_DIST_INVERSE 512

typedef struct careerp_dist {
    career_dist kind; /* resolved: never AUTO */
    size_t k;         /* metalog terms */
    double a[CAREERP_METALOG_MAX_TERMS];
    double alpha[5], beta[4]; /* M = A(u) + z B(u), polynomials in u */
    double mu, sigma;  /* lognormal */
    double log_median; /* ln Q(1/2) */
    double lmin, lmax, inv_step, inv_h;     /* M(Z0), M(-Z0), 1 / step, step */
    double inverse[CAREERP_DIST_INVERSE];   /* z at evenly spaced ln S */
    double inverse_slope[CAREERP_DIST_INVERSE]; /* dz/d ln S there */
    careerp_qspline spline;
} careerp_dist;

/* Fits the distribution to n quantile points (validated by the caller),
 * salaries times scale; `mean` is the profile's market mean (0: none),
 * which AUTO and the spline use. */
career_status careerp_dist_build(careerp_dist *dist, const career_quantile *q,
                                 size_t n, double mean, double scale,
                                 career_dist kind, career_error *err);

/* ln Q(p) for p in (0,1), and F(s) for s > 0 (the caller checks). */
double careerp_dist_log_quantile(const careerp_dist *dist, double p);
double careerp_dist_cdf_log(const careerp_dist *dist, double log_s);
/* F at ln S = log_s, and its density in ln S, dF/d ln S, in *density (the
 * calibration's Jacobian). F is careerp_dist_cdf_log's to the bit. */
double careerp_dist_cdf_pdf_log(const careerp_dist *dist, double log_s,
                                double *density);
/* The market's normal score Phi^-1(F(s)) at ln S = log_s (-inf or +inf
 * where F is 0 or 1 in double precision), and ln Q(Phi(z)) at a finite
 * score z: the copula band's coordinates (docs/model.md §5), taken
 * without the round trip through F where the fit allows (the spline and
 * the lognormal are functions of z; the metalog's logit is turned into a
 * score from both of its tails). */
double careerp_dist_score_log(const careerp_dist *dist, double log_s);
double careerp_dist_log_quantile_score(const careerp_dist *dist, double z);
/* d ln Q / dz at the score z: sigma, the spline's H'(z), or the metalog's
 * M'(L) dL/dz at its logit L (NaN where z or L is not finite). */
double careerp_dist_log_quantile_score_slope(const careerp_dist *dist,
                                             double z);
/* The market's quantile (a salary), percentile and mean, with the checks
 * and statuses of career_market_quantile, _percentile and _mean, which
 * are these on a model's distribution: for whoever needs the market
 * alone (the BLS import), not a model. */
career_status careerp_dist_quantile(const careerp_dist *dist, double p,
                                    double *salary);
career_status careerp_dist_percentile(const careerp_dist *dist,
                                      double salary, double *p);
career_status careerp_dist_mean(const careerp_dist *dist, double *mean);
/* careerp_dist_percentile at salary[0..n) into p (which may be salary),
 * stopping at the first error, as career_market_percentile_n does. */
career_status careerp_dist_percentile_n(const careerp_dist *dist,
                                        const double *salary, double *p,
                                        size_t n);
/* F at n values of ln S, t[i], into F[i] (F may be t), and where density
 * is non-NULL dF/d ln S into density[i]: careerp_dist_cdf_log's values
 * to the bit, except that the metalog's F past its table (z beyond
 * +-40) is taken as 0 or 1, within 5e-18, with a density of 0 (the
 * calibration's bands, which are all of them). */
void careerp_dist_cdf_n(const careerp_dist *dist, const double *t, size_t n,
                        double *F, double *density);

/* ---- calibrate.c ------------------------------------------------------ */

/* The years of a working life, the upper end of the experience density. */
#define CAREERP_WORK_YEARS 45.0
/* The mixture's quadrature: Gauss-Legendre of this order on pieces
 * between the anchors, cut to at most CAREERP_MIX_PIECE years and to
 * CAREERP_MIX_WIDTHS widths of the band's step (see calibrate.c). */
#define CAREERP_MIX_ORDER 12
#define CAREERP_MIX_PIECE 2.5
#define CAREERP_MIX_WIDTHS 4.0

/* The workforce's experience as quadrature nodes: years x, the Gauss
 * weights gw, ln m(x), and w = gw times the density w(x); n nodes in one
 * block (x is its start). */
typedef struct careerp_mixture {
    size_t n;
    double *x, *gw, *log_m, *w;
    double *score; /* the copula band's a(x) = Phi^-1(F(m(x))) (unset for
                      the power band) */
} careerp_mixture;

typedef struct careerp_calibration {
    double dispersion, separation, decay, mean_years;
    career_separation_source source;
    double mixture_p[CAREER_MAX_QUANTILES]; /* F_mix at the market's s_i */
    careerp_mixture mix;                    /* the result's nodes (owned) */
} careerp_calibration;

/* The Gauss-Legendre nodes and weights of order n on [-1, 1]. */
void careerp_gauss_legendre(int n, double *node, double *weight);

/* Frees a mixture's block (NULL-safe; leaves it empty). */
void careerp_mixture_free(careerp_mixture *mix);

/* How the calibration's least squares find their Jacobian: from the
 * market's density and the weights' slope (the library's way), or by
 * central differences, four fits of the bands a step (as before 1.1,
 * kept for the tests and the benchmark to compare against). */
typedef enum careerp_jacobian {
    CAREERP_JACOBIAN_ANALYTIC = 0,
    CAREERP_JACOBIAN_CENTRAL = 1
} careerp_jacobian;

/* Calibrates model->opts.dispersion (0: fitted, from the start d0) and the
 * separation rate (fitted from delta0 unless the profile gives it) into
 * model->calibration, replacing what was there; the curve and the
 * distribution must be built. CAREER_ERR_FIT or CAREER_ERR_NOMEM. */
career_status careerp_calibrate(career_model *model, double d0,
                                double delta0, careerp_jacobian how,
                                career_error *err);

/* The Jacobian of F_mix(s_i) - p_i in (d, delta) at d and delta, J[0]
 * in d and J[1] in delta (both counted as free), by `how`, on the nodes
 * the fit takes at d: for the tests. CAREER_ERR_NOMEM. */
career_status careerp_calibration_jacobian(const career_model *model,
                                           double d, double delta,
                                           careerp_jacobian how,
                                           double J[2][CAREER_MAX_QUANTILES]);

/* ---- model.c ---------------------------------------------------------- */

struct career_model {
    career_profile *profile; /* own copy, as given */
    career_options opts;     /* resolved */
    size_t ntiers;
    double min_years[CAREER_MAX_TIERS];
    double tier_salary[CAREER_MAX_TIERS]; /* scaled; NaN where none */
    careerp_curve curve;                  /* on scaled salaries */
    careerp_dist dist;                    /* on scaled salaries */
    double demand_rate;                   /* annual rate of the profile's */
    careerp_calibration calibration;
};

/* career_model_new with the calibration's Jacobian found by `how`. */
career_status careerp_model_new(const career_profile *profile,
                                const career_options *opts,
                                careerp_jacobian how, career_model **out,
                                career_error *err);

/* The tier index at a checked `years`. */
size_t careerp_tier_at(const career_model *model, double years);

/* ---- profile.c -------------------------------------------------------- */

/* Validates and copies a profile read from a text (a JSON file, a guide):
 * a validation failure is an error of that text, CAREER_ERR_PARSE (other
 * statuses kept), its message behind `prefix`, at `source`. */
career_status careerp_copy_read_profile(const career_profile *draft,
                                        career_profile **out,
                                        career_error *err, const char *source,
                                        const char *prefix);

#endif /* CAREER_CORE_H */
