/* calibrate.c - the band's dispersion d (and the workforce's separation
 * rate) chosen so that the bands, mixed over the workforce's years of
 * experience, give back the market they were drawn from (docs/model.md §6).
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
 * quantiles, by a projected Levenberg-Marquardt on the box of the bounds,
 * its Jacobian from the market's density and the weights' slope in the
 * decay (the central differences it had before 1.1 are kept beside it,
 * for the tests and the benchmark).
 *
 * The copula band (a profile's band_shape) puts the band in the market's
 * normal scores instead: F_x(s) = Phi((Phi^-1(F(s)) - a(x)) / d), a(x) =
 * Phi^-1(F(m(x))), d in (0, 1]; its centres come with the nodes and the
 * market points' scores once, so a step in d takes no market percentile.
 *
 * The integral is Gauss-Legendre on pieces split at the anchors (m has
 * kinks there) and where an extended curve reaches 0 (its approach in
 * pieces that halve, see add_approach), at most CAREERP_MIX_PIECE years
 * long and a few widths of the band's step at the d being tried (see
 * subpieces). */
#include "core/core.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The bounds of the fit: d in (0, 5], delta in [0, 1]. d's open end is
 * kept at D_MIN: a band 5 % as wide as the market's (p90/p10 of 1.03 for
 * the built-in profile) is no band at all, and below it the mixture is a
 * sum of steps that no quadrature of fixed nodes resolves. A fit that ends
 * there is on the bound. */
#define D_MIN 0.05
/* Levenberg-Marquardt steps before a fit is called unconverged. */
#define MAX_STEPS 500
/* The most nodes a mixture takes (see setup). */
#define MAX_NODES 16384
#define D_MAX 5.0
#define SEP_MAX 1.0

/* ---- the quadrature ------------------------------------------------------ */

/* P_n(z) by the Legendre recurrence, and P_n'(z) in *slope. */
static double legendre(int n, double z, double *slope)
{
    double p1 = 1.0, p2 = 0.0, p3;
    int j;

    for (j = 0; j < n; j++) {
        p3 = p2;
        p2 = p1;
        p1 = ((2.0 * j + 1.0) * z * p2 - j * p3) / (j + 1.0);
    }
    *slope = n * (z * p1 - p2) / (z * z - 1.0);
    return p1;
}

/* By Newton's method on P_n (the nodes are symmetric, so half are
 * computed). */
void careerp_gauss_legendre(int n, double *node, double *weight)
{
    int i, k;

    for (i = 0; i < (n + 1) / 2; i++) {
        double z = cos(3.14159265358979323846 * (i + 0.75) / (n + 0.5)), dz,
               pp;
        for (k = 0; k < 100; k++) {
            dz = legendre(n, z, &pp) / pp;
            z -= dz;
            if (fabs(dz) <= 4.0 * DBL_EPSILON)
                break;
        }
        legendre(n, z, &pp);
        node[i] = -z;
        node[n - 1 - i] = z;
        weight[i] = weight[n - 1 - i] = 2.0 / ((1.0 - z * z) * pp * pp);
    }
}

/* Where an extended curve reaches 0 (its straight end falls to its floor),
 * |d ln m / dx| grows without bound: the approach is cut into pieces whose
 * distances to the zero halve, this many times; the last piece, at most
 * 45 years / 2^40 = 4e-11 years wide, weighs less than 1e-11. */
#define APPROACH_HALVINGS 40
/* Where the copula band's centre a(x) = Phi^-1(F(m(x))) has a kink in
 * its second derivative: where the curve crosses a knot of the quantile
 * spline, found on this many samples of [0, X] and kept to this many. */
#define CROSS_SAMPLES 720
#define MAX_CROSSINGS (2 * CAREER_MAX_QUANTILES)
/* The anchors' pieces and the crossings', and an approach and a floor at
 * each end. */
#define MAX_PIECES                                                            \
    (CAREERP_CURVE_KNOTS + MAX_CROSSINGS + 1 + 2 * (APPROACH_HALVINGS + 2))

/* The pieces of [0, X] between the anchors, each with the steepest
 * |d ln m / dx| on it. The band at x, seen as a function of x at a fixed
 * salary, is a step of width about d s / slope (s the market's spread of
 * ln S): pieces a few widths long keep the quadrature at 1e-10 however
 * steep the curve or narrow the band. */
typedef struct piece_set {
    size_t n;
    double a[MAX_PIECES], b[MAX_PIECES];
    double slope[MAX_PIECES];
    double spread; /* of ln S: (ln Q(0.9) - ln Q(0.1)) / 2.563 */
    double node[CAREERP_MIX_ORDER], weight[CAREERP_MIX_ORDER];
} piece_set;

/* The steepest |m'/m| on [a, b], sampled: it only sets piece lengths. A
 * piece is either above 0 or on an extended curve's floor of 0 (see
 * add_span), where the band is all below any salary, flat in x. */
static double steepest(const careerp_curve *curve, double a, double b)
{
    double top = 0.0;
    int k;

    for (k = 0; k <= 64; k++) {
        double x = a + (b - a) * k / 64.0, m = careerp_curve_eval(curve, x);
        if (m > 0.0)
            top = fmax(top, fabs(careerp_curve_deriv(curve, x)) / m);
    }
    return top;
}

static void put_piece(piece_set *pc, double a, double b, double slope)
{
    pc->a[pc->n] = a;
    pc->b[pc->n] = b;
    pc->slope[pc->n++] = slope;
}

static void add_piece(piece_set *pc, const careerp_curve *curve,
                      double a, double b)
{
    put_piece(pc, a, b, steepest(curve, a, b));
}

/* Where the curve meets its floor between `above` (m > 0) and `zero`
 * (m = 0): bisection to the last double. */
static double floor_edge(const careerp_curve *curve, double above,
                         double zero)
{
    double mid;
    int k;

    for (k = 0; k < 200; k++) {
        mid = 0.5 * (above + zero);
        if (mid == above || mid == zero)
            break;
        if (careerp_curve_eval(curve, mid) > 0.0)
            above = mid;
        else
            zero = mid;
    }
    return zero;
}

/* The approach from `far` to the zero at `edge`, where m falls to 0 in a
 * straight line: m'/m is 1 / (distance to the edge), so pieces whose
 * distances halve each get the same number of band widths; the last
 * piece, too thin to matter, is left whole (slope 0). */
static void add_approach(piece_set *pc, const careerp_curve *curve,
                         double far, double edge)
{
    double len = far - edge, u, v;
    int j;

    for (j = 0; j < APPROACH_HALVINGS; j++) {
        u = edge + len * ldexp(1.0, -j);
        v = edge + len * ldexp(1.0, -j - 1);
        add_piece(pc, curve, fmin(u, v), fmax(u, v));
    }
    u = edge + len * ldexp(1.0, -APPROACH_HALVINGS);
    put_piece(pc, fmin(u, edge), fmax(u, edge), 0.0);
}

/* [a, b] between two anchors (or an anchor and an end of [0, X]): an
 * extended curve's straight end may reach its floor of 0 inside it, and
 * is then cut at the edge of the floor, its approach in halving pieces. */
static void add_span(piece_set *pc, const careerp_curve *curve, double a,
                     double b)
{
    int pa = careerp_curve_eval(curve, a) > 0.0;
    int pb = careerp_curve_eval(curve, b) > 0.0;
    double edge;

    if (pa == pb) {
        add_piece(pc, curve, a, b);
    } else if (pa) { /* falling to the floor at the upper end */
        edge = floor_edge(curve, a, b);
        add_approach(pc, curve, a, edge);
        put_piece(pc, edge, b, 0.0);
    } else {         /* rising from the floor, below the first anchor */
        edge = floor_edge(curve, b, a);
        put_piece(pc, a, edge, 0.0);
        add_approach(pc, curve, b, edge);
    }
}

/* The years in (0, X) where ln m(x) crosses ln s = y, by bisection
 * between samples on either side, added to cut[] (room for MAX_CUTS). */
#define MAX_CUTS (CAREERP_CURVE_KNOTS + MAX_CROSSINGS)
static size_t add_crossings(const careerp_curve *curve, double y,
                            double *cut, size_t n)
{
    const double X = CAREERP_WORK_YEARS;
    double a = 0.0, fa = careerp_curve_eval(curve, 0.0), b, fb;
    int k, j;

    fa = fa > 0.0 ? log(fa) - y : -1.0;
    for (k = 1; k <= CROSS_SAMPLES && n < MAX_CUTS; k++, a = b, fa = fb) {
        b = X * k / CROSS_SAMPLES;
        fb = careerp_curve_eval(curve, b);
        fb = fb > 0.0 ? log(fb) - y : -1.0;
        if ((fa < 0.0) == (fb < 0.0))
            continue;
        {
            double lo = a, hi = b, flo = fa;
            for (j = 0; j < 80 && hi - lo > 1e-13 * X; j++) {
                double mid = 0.5 * (lo + hi), m = careerp_curve_eval(curve, mid);
                double fm = m > 0.0 ? log(m) - y : -1.0;
                if ((fm < 0.0) == (flo < 0.0))
                    lo = mid, flo = fm;
                else
                    hi = mid;
            }
            if (lo > 0.0 && lo < X)
                cut[n++] = lo;
        }
    }
    return n;
}

/* The pieces of [0, X]: cut at the anchors (m has kinks there) and, for
 * the copula band on a quantile spline, where m crosses the spline's
 * knots (a(x) has kinks of its second derivative there, which would cost
 * the quadrature its order): those places do not depend on d. */
static void pieces_init(piece_set *pc, const careerp_curve *curve,
                         const careerp_dist *dist, int copula)
{
    double cut[MAX_CUTS], from = 0.0;
    size_t i, j, n = 0;

    pc->n = 0;
    for (i = 0; i < curve->n; i++)
        if (curve->x[i] > 0.0 && curve->x[i] < CAREERP_WORK_YEARS)
            cut[n++] = curve->x[i];
    if (copula && dist->kind == CAREER_DIST_SPLINE)
        for (i = 0; i < dist->spline.n; i++)
            n = add_crossings(curve, dist->spline.y[i], cut, n);
    for (i = 1; i < n; i++) /* insertion sort: a few dozen at most */
        for (j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
            double t = cut[j];
            cut[j] = cut[j - 1];
            cut[j - 1] = t;
        }
    for (i = 0; i < n; i++) {
        if (cut[i] <= from)
            continue;
        add_span(pc, curve, from, cut[i]);
        from = cut[i];
    }
    add_span(pc, curve, from, CAREERP_WORK_YEARS);
    pc->spread = (careerp_dist_log_quantile(dist, 0.9) -
                  careerp_dist_log_quantile(dist, 0.1)) / 2.5631031310892;
    careerp_gauss_legendre(CAREERP_MIX_ORDER, pc->node, pc->weight);
}

/* Sub-pieces of piece i for the band's dispersion d. */
static size_t subpieces(const piece_set *pc, size_t i, double d)
{
    double len = pc->b[i] - pc->a[i];
    double h = fmin(CAREERP_MIX_PIECE,
                    CAREERP_MIX_WIDTHS * d * pc->spread / pc->slope[i]);
    double k = ceil(len / h);

    return k < 1.0 ? 1 : k > 1e6 ? 1000000 : (size_t)k;
}

/* The number of nodes the quadrature takes at dispersion d. */
static size_t mixture_size(const piece_set *pc, double d)
{
    size_t i, n = 0;

    for (i = 0; i < pc->n; i++)
        n += subpieces(pc, i, d);
    return n * CAREERP_MIX_ORDER;
}

/* The nodes (years and ln m) at dispersion d, into mix (room for
 * mixture_size(pc, d) nodes), and for the copula band their centres
 * a(x) = Phi^-1(F(m(x))), which do not depend on d. A median of 0
 * (possible under EXTEND, which floors at 0) is -inf: everyone at those
 * years earns less than any salary. */
static void mixture_nodes(careerp_mixture *mix, const piece_set *pc,
                           const careerp_curve *curve,
                           const careerp_dist *dist, int copula, double d)
{
    size_t i, j, k, pieces;

    mix->n = 0;
    for (i = 0; i < pc->n; i++) {
        pieces = subpieces(pc, i, d);
        for (j = 0; j < pieces; j++) {
            double step = (pc->b[i] - pc->a[i]) / (double)pieces;
            double lo = pc->a[i] + step * (double)j;
            double half = 0.5 * step, mid = lo + half;
            for (k = 0; k < CAREERP_MIX_ORDER; k++) {
                double x = mid + half * pc->node[k];
                double m = careerp_curve_eval(curve, x);
                mix->x[mix->n] = x;
                mix->gw[mix->n] = half * pc->weight[k];
                mix->log_m[mix->n] = m > 0.0 ? log(m) : -INFINITY;
                if (copula)
                    mix->score[mix->n] =
                        m > 0.0 ? careerp_dist_score_log(dist, log(m))
                                : -INFINITY;
                mix->n++;
            }
        }
    }
}

/* w(x) times the Gauss weights, for this lambda; 1/X when lambda is 0. */
static void mixture_weigh(careerp_mixture *mix, double lambda)
{
    const double X = CAREERP_WORK_YEARS;
    double scale = lambda == 0.0 ? 1.0 / X : lambda / -expm1(-lambda * X);
    size_t i;

    for (i = 0; i < mix->n; i++)
        mix->w[i] = mix->gw[i] * scale * exp(-lambda * mix->x[i]);
}

/* F at ln s = t. Past the metalog's table (z = ln(p/(1-p)) beyond
 * +-40) F is within 5e-18 of 0 or 1: taken as such, which spares the
 * slow search for a root far out in the tails. */
static double cdf_at(const careerp_dist *dist, double t)
{
    if (dist->kind == CAREER_DIST_METALOG) {
        if (t <= dist->lmin)
            return 0.0;
        if (t >= dist->lmax)
            return 1.0;
    }
    return careerp_dist_cdf_log(dist, t);
}

/* The copula band's F_x(s) = Phi((score_s - a) / d), and with slope
 * non-NULL its derivative in d, -phi(t) t / d. Where both scores are
 * infinite with one sign (a salary past the market's top against a median
 * past it too), the salary is the higher: F_x = 1 at +inf, 0 at -inf. */
static double copula_cdf(double score_s, double a, double d, double *slope)
{
    double t = (score_s - a) / d;

    if (isnan(t))
        t = score_s > 0.0 ? INFINITY : -INFINITY;
    if (slope)
        *slope = isfinite(t) ? -0.3989422804014327 * exp(-0.5 * t * t) * t / d
                             : 0.0;
    return gsl_cdf_ugaussian_P(t);
}

/* F_x(s) at node i of mix, for ln s = log_s whose market score is
 * score_s: for the power band F(Q(1/2) (s / m(x))^(1/d)) at ln m(x) =
 * log_m, for the copula band Phi((Phi^-1(F(s)) - a(x)) / d); a median of
 * 0 (ln m = -inf, a = -inf) puts everyone at those years below any
 * salary. */
static double band_cdf(const careerp_dist *dist, int copula,
                       const careerp_mixture *mix, size_t i, double log_s,
                       double score_s, double d)
{
    if (mix->log_m[i] == -INFINITY)
        return 1.0;
    if (copula)
        return copula_cdf(score_s, mix->score[i], d, NULL);
    return cdf_at(dist, dist->log_median + (log_s - mix->log_m[i]) / d);
}

/* d ln c / d lambda for the density's constant c = lambda / (1 -
 * e^(-lambda X)) (1/X at 0): 1/lambda - X / (e^(lambda X) - 1), whose
 * limit at 0 is X/2; near 0 by its series, which the difference would
 * lose to cancellation. */
static double weight_log_slope(double lambda)
{
    const double X = CAREERP_WORK_YEARS, a = lambda * X;

    if (fabs(a) < 1e-4)
        return X * (0.5 - a / 12.0);
    return 1.0 / lambda - X / expm1(a);
}

static double mixture_cdf(const careerp_mixture *mix, const careerp_dist *dist,
                           int copula, double d, double log_s)
{
    double sum = 0.0, score_s =
        copula ? careerp_dist_score_log(dist, log_s) : 0.0;
    size_t i;

    for (i = 0; i < mix->n; i++)
        sum += mix->w[i] * band_cdf(dist, copula, mix, i, log_s, score_s, d);
    return sum;
}

/* ---- the fit ------------------------------------------------------------- */

/* What the fit moves: theta[0] = d, theta[1] = delta (when fitted). The
 * nodes follow d (their count shrinks as d grows: see subpieces), so they
 * are rebuilt when d changes their count, into scratch room for the
 * smallest d. */
typedef struct fit {
    careerp_mixture mix;        /* scratch: room for `room` nodes */
    size_t room;
    double *band;               /* F_x(s_j) at node i: band[j room + i] */
    double *band_slope;         /* dF_x(s_j)/dd there (analytic Jacobian) */
    double band_d;              /* the d the band was evaluated at */
    double nodes_d;             /* the d the nodes were placed for */
    double weights_lambda;      /* the lambda of mix.w (NaN: none yet) */
    double floor_d;             /* nodes for a smaller d are built at it */
    piece_set pieces;
    const careerp_curve *curve;
    const careerp_dist *dist;
    int copula;                 /* the band's shape: copula, or power */
    careerp_jacobian how;
    double rate;                /* g, the demand's annual rate */
    double separation;          /* delta when not fitted */
    size_t nparams;             /* 1 (d) or 2 (d, delta) */
    double lo[2], hi[2];        /* the box */
    size_t nq;
    double log_s[CAREER_MAX_QUANTILES], p[CAREER_MAX_QUANTILES];
    double score_s[CAREER_MAX_QUANTILES]; /* Phi^-1(F(s_j)), copula band */
} fit;

/* Whether unknown j is held where it is: a box of one point, as d is
 * when the caller fixes it. */
static int pinned(const fit *f, size_t j)
{
    return f->lo[j] >= f->hi[j];
}

/* The nodes for dispersion d. Their places depend on d only through the
 * number of sub-pieces of each piece, and each of those numbers falls (or
 * stays) as d grows: the same total means the same nodes, which are
 * kept. (The central differences rebuild them whenever d moves, as the
 * calibration did before 1.1.) */
static void place_nodes(fit *f, double d)
{
    double qd = fmax(d, f->floor_d);

    if (f->how == CAREERP_JACOBIAN_CENTRAL ? qd == f->nodes_d
                                           : f->mix.n != 0 &&
                                                 mixture_size(&f->pieces, qd) ==
                                                     f->mix.n)
        return;
    mixture_nodes(&f->mix, &f->pieces, f->curve, f->dist, f->copula, qd);
    f->nodes_d = qd;
    f->weights_lambda = NAN;
}

/* The copula band at the nodes for the market score score_s, and with
 * slope non-NULL its derivative in d: with t = (score_s - a(x)) / d,
 * F_x = Phi(t) and dF_x/dd = -phi(t) t / d. No market percentile is
 * taken: the centres a(x) came with the nodes. */
static void copula_band_at(const fit *f, double score_s, double d,
                           double *band, double *slope)
{
    const double *a = f->mix.score;
    size_t i, n = f->mix.n;

    /* a median of 0 or past the market's top: t is +-inf, the band 1 or 0
     * and flat in d */
    for (i = 0; i < n; i++)
        band[i] = copula_cdf(score_s, a[i], d, slope ? &slope[i] : NULL);
}

/* F_x(s) at the nodes for ln s = log_s, and with slope non-NULL its
 * derivative in d: for the power band, with t = ln Q(1/2) + (ln s - ln
 * m(x)) / d, dF_x/dd = f(t) dt/dd = -f(t) (ln s - ln m(x)) / d^2, f the
 * market's density in ln S; for the copula band, see copula_band_at. The
 * values are band_cdf's to the bit. */
static void band_at(const fit *f, size_t j, double d, double *band,
                    double *slope)
{
    const careerp_dist *dist = f->dist;
    const double *log_m = f->mix.log_m;
    double log_s = f->log_s[j];
    size_t i, n = f->mix.n;

    if (f->copula) {
        copula_band_at(f, f->score_s[j], d, band, slope);
        return;
    }

    for (i = 0; i < n; i++)
        band[i] = dist->log_median + (log_s - log_m[i]) / d;
    careerp_dist_cdf_n(dist, band, n, band, slope);
    for (i = 0; i < n; i++) {
        /* a median of 0: everyone at those years below any salary */
        if (log_m[i] == -INFINITY) {
            band[i] = 1.0;
            if (slope)
                slope[i] = 0.0;
        } else if (slope) {
            slope[i] *= -(log_s - log_m[i]) / (d * d);
        }
    }
}

/* The bands at the nodes for dispersion d: the costly part of the fit
 * (a market percentile each), kept while only delta moves; with the
 * analytic Jacobian, their slopes in d beside them (unless d is fixed).
 * The central differences take them one at a time, as before 1.1. */
static void evaluate_band(fit *f, double d)
{
    const int slopes = !pinned(f, 0);
    size_t i, j;

    place_nodes(f, d);
    for (j = 0; j < f->nq; j++) {
        double *band = f->band + j * f->room;
        if (f->how == CAREERP_JACOBIAN_CENTRAL)
            for (i = 0; i < f->mix.n; i++)
                band[i] = band_cdf(f->dist, f->copula, &f->mix, i,
                                   f->log_s[j], f->score_s[j], d);
        else
            band_at(f, j, d, band,
                    slopes ? f->band_slope + j * f->room : NULL);
    }
    f->band_d = d;
}

/* The band and the weights at theta. */
static void move_to(fit *f, const double *theta)
{
    double lambda =
        f->rate + (f->nparams == 2 ? theta[1] : f->separation);

    if (theta[0] != f->band_d)
        evaluate_band(f, theta[0]);
    if (!(lambda == f->weights_lambda)) {
        mixture_weigh(&f->mix, lambda);
        f->weights_lambda = lambda;
    }
}

/* r_j = F_mix(s_j) - p_j at theta; returns the sum of squares. */
static double residuals(fit *f, const double *theta, double *r)
{
    double cost = 0.0;
    size_t i, j;

    move_to(f, theta);
    for (j = 0; j < f->nq; j++) {
        const double *band = f->band + j * f->room;
        double sum = 0.0;
        for (i = 0; i < f->mix.n; i++)
            sum += f->mix.w[i] * band[i];
        r[j] = sum - f->p[j];
        cost += r[j] * r[j];
    }
    return cost;
}

/* The Jacobian by central differences (one-sided at a bound); a pinned
 * unknown's column is 0: it does not move. Four fits of the bands a
 * step: kept to check the analytic one against, and to measure it by. */
static void jacobian_central(fit *f, const double *theta,
                             double J[][CAREER_MAX_QUANTILES])
{
    double up[CAREER_MAX_QUANTILES], down[CAREER_MAX_QUANTILES], t[2];
    size_t j, i;

    for (j = 0; j < f->nparams; j++) {
        double h = 1e-6 * fmax(fabs(theta[j]), 0.1), a, b;
        if (pinned(f, j)) {
            memset(J[j], 0, sizeof J[j]);
            continue;
        }
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

/* The Jacobian from the bands already at theta: in d, the sum of the
 * weights times the bands' slopes; in delta, the weights' own slope,
 * dw_i/dlambda = w_i (d ln c/dlambda - x_i), times the bands. */
static void jacobian_analytic(fit *f, const double *theta,
                              double J[][CAREER_MAX_QUANTILES])
{
    const careerp_mixture *mix = &f->mix;
    double c;
    size_t i, j;

    move_to(f, theta);
    c = weight_log_slope(f->weights_lambda);
    memset(J, 0, 2 * sizeof J[0]);
    for (j = 0; j < f->nq; j++) {
        const double *band = f->band + j * f->room;
        const double *slope = f->band_slope + j * f->room;
        double dd = 0.0, dl = 0.0;
        if (!pinned(f, 0)) /* else the slopes were not taken */
            for (i = 0; i < mix->n; i++)
                dd += mix->w[i] * slope[i];
        for (i = 0; i < mix->n; i++)
            dl += mix->w[i] * (c - mix->x[i]) * band[i];
        J[0][j] = dd;
        if (f->nparams == 2 && !pinned(f, 1))
            J[1][j] = dl;
    }
}

static void jacobian(fit *f, const double *theta,
                     double J[][CAREER_MAX_QUANTILES])
{
    if (f->how == CAREERP_JACOBIAN_CENTRAL)
        jacobian_central(f, theta, J);
    else
        jacobian_analytic(f, theta, J);
}

/* Solves (A + mu diag(A)) step = -g over the free unknowns (free[j]);
 * the others do not move. */
static void damped_step(size_t np, double A[2][2], const double *g,
                        const int *free, double mu, double *step)
{
    double a = A[0][0] * (1.0 + mu) + 1e-300, b = A[0][1], c = A[1][0],
           dd = np == 2 ? A[1][1] * (1.0 + mu) + 1e-300 : 1.0, det;

    step[0] = step[1] = 0.0;
    if (np == 1 || !free[1]) {
        step[0] = -g[0] / a;
    } else if (!free[0]) {
        step[1] = -g[1] / dd;
    } else {
        det = a * dd - b * c;
        step[0] = -(dd * g[0] - b * g[1]) / det;
        step[1] = -(a * g[1] - c * g[0]) / det;
    }
}

/* The gradient g = J^T r and A = J^T J at theta; returns the cost. */
static double normal_equations(fit *f, const double *theta, double A[2][2],
                               double *g)
{
    double J[2][CAREER_MAX_QUANTILES], r[CAREER_MAX_QUANTILES];
    double cost = residuals(f, theta, r);
    size_t i, j, k;

    jacobian(f, theta, J);
    for (j = 0; j < 2; j++) {
        g[j] = 0.0;
        for (k = 0; k < 2; k++)
            A[j][k] = 0.0;
    }
    for (j = 0; j < f->nparams; j++)
        for (i = 0; i < f->nq; i++) {
            g[j] += J[j][i] * r[i];
            for (k = 0; k < f->nparams; k++)
                A[j][k] += J[j][i] * J[k][i];
        }
    return cost;
}

/* One accepted step of projected Levenberg-Marquardt; 0 when no step
 * lowers the cost any more (converged). An unknown on a bound whose
 * gradient points out of the box is held there (the active set). */
static int lm_step(fit *f, double *theta, double *mu)
{
    double A[2][2], g[2], step[2], trial[2], rt[CAREER_MAX_QUANTILES], c;
    double cost = normal_equations(f, theta, A, g);
    int free[2] = {1, 1}, nfree = 0;
    size_t j;

    for (j = 0; j < f->nparams; j++) {
        if (pinned(f, j) || (theta[j] <= f->lo[j] && g[j] > 0.0) ||
            (theta[j] >= f->hi[j] && g[j] < 0.0))
            free[j] = 0;
        nfree += free[j];
    }
    if (nfree == 0)
        return 0;
    for (; *mu < 1e10; *mu *= 4.0) {
        int moved = 0;
        damped_step(f->nparams, A, g, free, *mu, step);
        for (j = 0; j < f->nparams; j++) {
            trial[j] = fmin(fmax(theta[j] + step[j], f->lo[j]), f->hi[j]);
            moved |= fabs(trial[j] - theta[j]) > 1e-13 * (1.0 + fabs(theta[j]));
        }
        if (!moved)
            return 0;
        c = residuals(f, trial, rt);
        if (c < cost) {
            theta[0] = trial[0];
            theta[1] = trial[1];
            *mu = fmax(*mu / 3.0, 1e-12);
            /* a gain at the rounding level of the quadrature: done */
            return cost - c > 1e-13 * cost + 1e-30;
        }
    }
    return 0;
}

/* 0 once converged; -1 when MAX_STEPS were not enough. */
static int minimise(fit *f, double *theta)
{
    double mu = 1e-3;
    int it;

    for (it = 0; it < MAX_STEPS; it++)
        if (!lm_step(f, theta, &mu))
            return 0;
    return -1;
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

/* The message when a fit ends on a bound of its box; NULL when inside. A
 * pinned d is where the caller put it, on no bound. */
static const char *on_bound(const fit *f, const double *theta)
{
    if (!pinned(f, 0) && theta[0] <= f->lo[0])
        return "the best dispersion is 0: the tiers' salaries alone spread "
               "wider than the market's quantiles";
    if (!pinned(f, 0) && theta[0] >= f->hi[0])
        return f->copula
                   ? "the best dispersion is the market's whole spread (1) "
                     "or more: the tiers' salaries sit far from the "
                     "market's quantiles, or spread far less"
                   : "the best dispersion exceeds 5: the tiers' salaries "
                     "sit far from the market's quantiles, or spread far "
                     "less";
    if (f->nparams == 2 && theta[1] <= f->lo[1])
        return "the best separation rate is 0 or less: the market sits "
               "higher on the curve than a workforce that leaves it can";
    if (f->nparams == 2 && theta[1] >= f->hi[1])
        return "the best separation rate exceeds 1 a year: the market sits "
               "lower on the curve than a workforce that stays can";
    return NULL;
}

/* Room for the nodes of a mixture: one block for its five arrays. */
static int mixture_alloc(careerp_mixture *mix, size_t n)
{
    double *block = n <= SIZE_MAX / (5 * sizeof *block)
                        ? malloc(5 * n * sizeof *block)
                        : NULL;

    if (!block)
        return -1;
    mix->x = block;
    mix->gw = block + n;
    mix->log_m = block + 2 * n;
    mix->w = block + 3 * n;
    mix->score = block + 4 * n;
    mix->n = 0;
    return 0;
}

void careerp_mixture_free(careerp_mixture *mix)
{
    free(mix->x);
    mix->x = mix->gw = mix->log_m = mix->w = mix->score = NULL;
    mix->n = 0;
}

static career_status setup(fit *f, const career_model *m, double dmin,
                           careerp_jacobian how, career_error *err)
{
    const career_profile *p = m->profile;
    size_t i;

    memset(f, 0, sizeof *f);
    f->how = how;
    f->curve = &m->curve;
    f->dist = &m->dist;
    f->copula = p->band_shape == CAREER_BAND_COPULA;
    f->rate = m->demand_rate;
    f->separation = p->separation_rate;
    f->nparams = p->separation_rate > 0.0 ? 1 : 2;
    f->lo[0] = D_MIN;
    /* the copula band is at most the market's own spread */
    f->hi[0] = f->copula ? 1.0 : D_MAX;
    f->lo[1] = 0.0; /* lambda = g + delta may be negative: w is then rising */
    f->hi[1] = SEP_MAX;
    f->nq = p->nquantiles;
    for (i = 0; i < f->nq; i++) {
        f->log_s[i] = log(p->quantiles[i].salary * m->opts.location_factor);
        f->p[i] = p->quantiles[i].p;
        /* one market percentile per point, whatever d */
        f->score_s[i] =
            f->copula ? careerp_dist_score_log(f->dist, f->log_s[i]) : 0.0;
    }
    pieces_init(&f->pieces, f->curve, f->dist, f->copula);
    /* a curve so steep that the smallest d would need more than MAX_NODES
     * nodes gets them for a larger d: only bands far narrower than any
     * market lose accuracy */
    for (f->floor_d = dmin;
         mixture_size(&f->pieces, f->floor_d) > MAX_NODES;
         f->floor_d *= 1.25)
        ;
    f->room = mixture_size(&f->pieces, f->floor_d);
    f->band_d = f->nodes_d = f->weights_lambda = NAN;
    /* the bands and their slopes in one block */
    f->band = malloc(2 * f->nq * f->room * sizeof *f->band);
    if (!f->band || mixture_alloc(&f->mix, f->room) != 0) {
        free(f->band);
        return careerp_fail(err, CAREER_ERR_NOMEM,
                            "calibration: out of memory");
    }
    f->band_slope = f->band + f->nq * f->room;
    return CAREER_OK;
}

/* What the calibration reports, once theta is known: the figures, and the
 * nodes of the result, kept for career_mixture_percentile. */
static career_status finish(careerp_calibration *cal, fit *f,
                            const double *theta, career_error *err)
{
    double r[CAREER_MAX_QUANTILES], mean = 0.0;
    size_t i, n;

    cal->dispersion = theta[0];
    cal->separation = f->nparams == 2 ? theta[1] : f->separation;
    cal->decay = f->rate + cal->separation;
    residuals(f, theta, r); /* leaves the nodes and weights of the result */
    for (i = 0; i < f->mix.n; i++)
        mean += f->mix.w[i] * f->mix.x[i];
    cal->mean_years = mean;
    /* the weights sum to 1 only to rounding: a share of 1 + 2e-16 is no
     * probability (career_calibration says [0, 1]) */
    for (i = 0; i < f->nq; i++)
        cal->mixture_p[i] = fmin(fmax(r[i] + f->p[i], 0.0), 1.0);
    n = f->mix.n;
    if (mixture_alloc(&cal->mix, n) != 0)
        return careerp_fail(err, CAREER_ERR_NOMEM,
                            "calibration: out of memory");
    memcpy(cal->mix.x, f->mix.x, n * sizeof *f->mix.x);
    memcpy(cal->mix.gw, f->mix.gw, n * sizeof *f->mix.gw);
    memcpy(cal->mix.log_m, f->mix.log_m, n * sizeof *f->mix.log_m);
    memcpy(cal->mix.w, f->mix.w, n * sizeof *f->mix.w);
    if (f->copula)
        memcpy(cal->mix.score, f->mix.score, n * sizeof *f->mix.score);
    cal->mix.n = n;
    return CAREER_OK;
}

/* The fit for a fixed d: only a separation rate not given is fitted, for
 * the report; one on a bound is kept there and said so. */
static void fit_separation(careerp_calibration *cal, fit *f, double *theta,
                           double d)
{
    theta[0] = f->lo[0] = f->hi[0] = d;
    if (f->nparams == 2 && (minimise(f, theta) != 0 || on_bound(f, theta)))
        cal->source = CAREER_SEPARATION_BOUND;
}

static career_status fit_both(fit *f, double *theta, career_error *err)
{
    const char *why;

    if (minimise(f, theta) != 0)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "calibration: no convergence in %d steps (the "
                            "least-squares surface is flat here: use a fixed "
                            "dispersion)", MAX_STEPS);
    if (f->nparams == 2 && !separation_identified(f, theta))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "calibration: the separation rate cannot be told "
                            "from the market (the curve is flat over the "
                            "workforce's years): give "
                            "workforce.separation_rate, or a fixed dispersion");
    if ((why = on_bound(f, theta)) != NULL)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "calibration: %s (use a fixed dispersion, e.g. 1 "
                            "for the market's whole spread)", why);
    return CAREER_OK;
}

static void fit_free(fit *f)
{
    careerp_mixture_free(&f->mix);
    free(f->band);
}

/* The profile was validated: it has at least 2 market quantiles. */
career_status careerp_calibrate(career_model *m, double d0, double delta0,
                                careerp_jacobian how, career_error *err)
{
    careerp_calibration *cal = &m->calibration;
    double theta[2] = {d0, delta0}, fixed = m->opts.dispersion;
    career_status st;
    fit f;

    careerp_mixture_free(&cal->mix);
    if ((st = setup(&f, m, fixed > 0.0 ? fixed : D_MIN, how, err)) !=
        CAREER_OK)
        return st;
    cal->source = f.nparams == 2 ? CAREER_SEPARATION_FITTED
                                 : CAREER_SEPARATION_PROFILE;
    if (fixed > 0.0)
        fit_separation(cal, &f, theta, fixed);
    else
        st = fit_both(&f, theta, err);
    if (st == CAREER_OK)
        st = finish(cal, &f, theta, err);
    fit_free(&f);
    return st;
}

career_status careerp_calibration_jacobian(const career_model *m, double d,
                                           double delta, careerp_jacobian how,
                                           double J[2][CAREER_MAX_QUANTILES])
{
    double theta[2] = {d, delta};
    career_status st;
    fit f;

    if ((st = setup(&f, m, fmin(d, D_MIN), how, NULL)) != CAREER_OK)
        return st;
    f.nparams = 2;
    jacobian(&f, theta, J);
    fit_free(&f);
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
    /* The quadrature's weights sum to 1 only to rounding: a share may come
     * out as 1 + 2e-15, which no probability is. */
    *p = fmin(fmax(mixture_cdf(&model->calibration.mix, &model->dist,
                               model->profile->band_shape ==
                                   CAREER_BAND_COPULA,
                               model->opts.dispersion, log(salary)),
                   0.0),
              1.0);
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
    out->experience_correlation = model->profile->experience_correlation;
    out->implied_correlation =
        model->profile->band_shape == CAREER_BAND_COPULA
            ? sqrt(fmax(0.0, 1.0 - out->dispersion * out->dispersion))
            : NAN;
    return CAREER_OK;
}
