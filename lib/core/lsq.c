/* lsq.c - least squares for the fits of curve.c (Mincer) and dist.c
 * (metalog): at most CAREERP_LSQ_MAX_ROWS x CAREERP_LSQ_MAX_COLS, solved on
 * the stack, with no allocation anywhere (GSL's one-sided Jacobi SVD works
 * in the arrays it is given; its bidiagonal SVD would allocate).
 *
 * The columns are scaled by powers of two (exactly) to unit size, the
 * scaled matrix is factored in double, and the solution is refined with
 * residuals in long double: a fit whose scaled condition number is 1e8
 * keeps its coefficients to ~1e-16 relative, not 1e-8. The singular values
 * also tell a rank-deficient matrix from a merely ill-conditioned one. */
#include "core/core.h"

#include <float.h>

#include <gsl/gsl_linalg.h>

/* The factored, scaled matrix: A diag(scale) = U diag(s) V^T. */
typedef struct lsq_factors {
    size_t n, p;
    double scale[CAREERP_LSQ_MAX_COLS];
    double U[CAREERP_LSQ_MAX_ROWS * CAREERP_LSQ_MAX_COLS];
    double V[CAREERP_LSQ_MAX_COLS * CAREERP_LSQ_MAX_COLS];
    double s[CAREERP_LSQ_MAX_COLS];
} lsq_factors;

/* A power of two near 1 / |column j|: scaling by it is exact. 0 when the
 * column is zero or not finite. */
static double column_scale(const long double *X, size_t n, size_t p,
                           size_t j)
{
    long double sum = 0.0L;
    size_t i;
    int e;

    for (i = 0; i < n; i++)
        sum += X[i * p + j] * X[i * p + j];
    if (!(sum > 0.0L && sum <= LDBL_MAX))
        return 0.0;
    /* the norm in long double: one past DBL_MAX gives a scale below
     * DBL_MIN's reach, 0, and the column is refused */
    (void)frexpl(sqrtl(sum), &e);
    return ldexp(1.0, -e);
}

static int factor(lsq_factors *f, const long double *X)
{
    gsl_matrix_view U, V;
    gsl_vector_view s;
    size_t i, j;
    double smax = 0.0, smin = DBL_MAX;

    for (j = 0; j < f->p; j++)
        if ((f->scale[j] = column_scale(X, f->n, f->p, j)) == 0.0)
            return CAREERP_LSQ_RANK;
    for (i = 0; i < f->n; i++)
        for (j = 0; j < f->p; j++) {
            f->U[i * f->p + j] = (double)(X[i * f->p + j] * f->scale[j]);
            /* GSL's Jacobi SVD reports a sweep that does not converge
             * through its error handler, the host's: it gets finite input
             * only (a column of 1e308-year anchors squared is not) */
            if (!isfinite(f->U[i * f->p + j]))
                return CAREERP_LSQ_RANK;
        }
    U = gsl_matrix_view_array(f->U, f->n, f->p);
    V = gsl_matrix_view_array(f->V, f->p, f->p);
    s = gsl_vector_view_array(f->s, f->p);
    if (gsl_linalg_SV_decomp_jacobi(&U.matrix, &V.matrix, &s.vector))
        return CAREERP_LSQ_RANK;
    for (j = 0; j < f->p; j++) {
        smax = fmax(smax, f->s[j]);
        smin = fmin(smin, f->s[j]);
    }
    return smin > CAREERP_LSQ_RCOND * smax ? CAREERP_LSQ_OK : CAREERP_LSQ_RANK;
}

/* c += V diag(1/s) U^T r: the least-squares correction for residual r. */
static void correct(const lsq_factors *f, const long double *r,
                    long double *c)
{
    long double w[CAREERP_LSQ_MAX_COLS];
    size_t i, j, k;

    for (k = 0; k < f->p; k++) {
        long double sum = 0.0L;
        for (i = 0; i < f->n; i++)
            sum += (long double)f->U[i * f->p + k] * r[i];
        w[k] = sum / f->s[k];
    }
    for (j = 0; j < f->p; j++)
        for (k = 0; k < f->p; k++)
            c[j] += (long double)f->V[j * f->p + k] * w[k];
}

int careerp_least_squares(const long double *X, const long double *y,
                          size_t n, size_t p, double *coef)
{
    lsq_factors f = {.n = n, .p = p};
    long double c[CAREERP_LSQ_MAX_COLS] = {0}, r[CAREERP_LSQ_MAX_ROWS];
    size_t i, j;
    int st, step;

    if (p < 1 || p > CAREERP_LSQ_MAX_COLS || n < p ||
        n > CAREERP_LSQ_MAX_ROWS)
        return CAREERP_LSQ_RANK;
    if ((st = factor(&f, X)) != CAREERP_LSQ_OK)
        return st;
    /* the solve, then two refinements from long double residuals */
    for (step = 0; step < 3; step++) {
        for (i = 0; i < n; i++) {
            long double sum = y[i];
            for (j = 0; j < p; j++)
                sum -= X[i * p + j] * f.scale[j] * c[j];
            r[i] = sum;
        }
        correct(&f, r, c);
    }
    for (j = 0; j < p; j++) {
        coef[j] = (double)(c[j] * f.scale[j]);
        if (!isfinite(coef[j]))
            return CAREERP_LSQ_RANK;
    }
    return CAREERP_LSQ_OK;
}
