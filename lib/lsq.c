/* lsq.c - ordinary least squares with GSL, for the fits of curve.c (Mincer)
 * and dist.c (metalog). */
#include "internal.h"

#include <gsl/gsl_multifit.h>

int careerp_least_squares(const double *X, const double *y, size_t n,
                          size_t p, double *coef)
{
    /* views on the caller's arrays: only the workspace and covariance are
     * allocated. GSL takes non-const views; it does not write X or y. */
    gsl_matrix_const_view Xv = gsl_matrix_const_view_array(X, n, p);
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
    gsl_vector_view cv = gsl_vector_view_array(coef, p);
    gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc(n, p);
    gsl_matrix *cov = gsl_matrix_alloc(p, p);
    double chisq;
    int rc = GSL_ENOMEM;

    if (work && cov)
        rc = gsl_multifit_linear(&Xv.matrix, &yv.vector, &cv.vector, cov,
                                 &chisq, work);
    gsl_multifit_linear_free(work);
    gsl_matrix_free(cov);
    return rc;
}
