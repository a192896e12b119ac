/* test_lsq.c - the least-squares helper behind the Mincer and metalog fits. */
#include "util.h"

#include "core/core.h"

#include <gsl/gsl_errno.h>

/* Three points, three unknowns: y = 1 - 2x + 0.5x^2 through x = 0, 1, 4
 * (y = 1, -0.5, 1) is recovered exactly. */
static void exact_quadratic(void **state)
{
    const long double X[] = {1, 0, 0, 1, 1, 1, 1, 4, 16};
    const long double y[] = {1.0, -0.5, 1.0};
    double coef[3];
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 3, 3, coef), CAREERP_LSQ_OK);
    assert_close(coef[0], 1.0, 1e-15);
    assert_close(coef[1], -2.0, 1e-15);
    assert_close(coef[2], 0.5, 1e-15);
}

/* Four points, a line, by hand: x = 0..3, y = 1, 3, 7, 9; x mean 1.5, y mean
 * 5; slope = sum dx dy / sum dx^2 = 14 / 5 = 2.8; intercept 5 - 2.8 * 1.5 =
 * 0.8. */
static void overdetermined_line(void **state)
{
    const long double X[] = {1, 0, 1, 1, 1, 2, 1, 3};
    const long double y[] = {1, 3, 7, 9};
    double coef[2];
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 4, 2, coef), CAREERP_LSQ_OK);
    assert_close(coef[0], 0.8, 1e-15);
    assert_close(coef[1], 2.8, 1e-15);
}

/* The inputs are read, never written. */
static void inputs_untouched(void **state)
{
    long double X[] = {1, 0, 1, 1, 1, 2, 1, 3}, y[] = {1, 3, 7, 9};
    const long double X0[] = {1, 0, 1, 1, 1, 2, 1, 3}, y0[] = {1, 3, 7, 9};
    double coef[2];
    size_t i;
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 4, 2, coef), CAREERP_LSQ_OK);
    for (i = 0; i < 8; i++) /* by value: a long double has padding bytes */
        assert_true(X[i] == X0[i]);
    for (i = 0; i < 4; i++)
        assert_true(y[i] == y0[i]);
}

/* Rank deficiency from the singular values: two equal columns, a zero
 * column, and a column that differs from another by 1e-12 relative (scaled
 * condition ~1e12, past CAREERP_LSQ_RCOND) are refused; the same column
 * moved by 1e-6 (condition ~1e6) is solved. Wrong sizes are refused. */
static void rank_deficient(void **state)
{
    long double X[] = {1, 1, 1, 2, 1, 3}, y[] = {1, 2, 3};
    const long double Z[] = {1, 0, 2, 0, 3, 0};
    double coef[2];
    (void)state;
    X[1] = X[3] = X[5] = 1.0L;
    assert_int_equal(careerp_least_squares(X, y, 3, 2, coef), CAREERP_LSQ_RANK);
    assert_int_equal(careerp_least_squares(Z, y, 3, 2, coef), CAREERP_LSQ_RANK);
    X[3] = 1.0L + 1e-12L;
    assert_int_equal(careerp_least_squares(X, y, 3, 2, coef), CAREERP_LSQ_RANK);
    X[3] = 1.0L + 1e-6L;
    assert_int_equal(careerp_least_squares(X, y, 3, 2, coef), CAREERP_LSQ_OK);
    assert_int_equal(careerp_least_squares(X, y, 1, 2, coef), CAREERP_LSQ_RANK);
    assert_int_equal(careerp_least_squares(X, y, 3, 0, coef), CAREERP_LSQ_RANK);
    assert_int_equal(careerp_least_squares(X, y, 17, 2, coef), CAREERP_LSQ_RANK);
}

/* An ill-conditioned square system whose solution is known: the 6 x 6
 * Hilbert matrix 1 / (i + j + 1) (scaled condition number ~1e7) and
 * y = X c for c = (1, -2, 3, -4, 5, -6), both in long double. Their own
 * rounding (5e-20) bounds the recoverable accuracy near 1e-12; refinement
 * from long double residuals reaches it, a double solve alone gives ~1e-10
 * (the test fails with the refinement steps taken out). */
static void ill_conditioned_refined(void **state)
{
    long double X[36], y[6];
    const double c[6] = {1, -2, 3, -4, 5, -6};
    double coef[6];
    size_t i, j;
    (void)state;
    skip_without_long_double();
    for (i = 0; i < 6; i++) {
        y[i] = 0.0L;
        for (j = 0; j < 6; j++) {
            X[i * 6 + j] = 1.0L / (long double)(i + j + 1);
            y[i] += X[i * 6 + j] * c[j];
        }
    }
    assert_int_equal(careerp_least_squares(X, y, 6, 6, coef), CAREERP_LSQ_OK);
    for (j = 0; j < 6; j++)
        assert_close(coef[j], c[j], 2e-12);
}

static int gsl_calls;

static void count_gsl_error(const char *reason, const char *file, int line,
                            int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    gsl_calls++;
}

/* A column past double's range (Mincer's x^2 for anchors near 1e200, fine
 * in long double): refused as ill-posed before GSL's Jacobi SVD sees an
 * infinite entry, which it reports through the host's error handler (the
 * numeric fuzzer's abort found it). */
static void column_past_double_refused(void **state)
{
    const long double X[] = {1, 1, 1, 1, 1e200L, 1e400L, 1, 2e200L, 4e400L,
                             1, 3e200L, 9e400L};
    const long double y[] = {11.0L, 11.5L, 11.9L, 12.1L};
    double coef[3] = {2.385, 2.385, 2.385};
    gsl_error_handler_t *old = gsl_set_error_handler(count_gsl_error);
    (void)state;
    gsl_calls = 0;
    assert_int_equal(careerp_least_squares(X, y, 4, 3, coef),
                     CAREERP_LSQ_RANK);
    gsl_set_error_handler(old);
    assert_int_equal(gsl_calls, 0);
    assert_true(coef[0] == 2.385); /* nothing written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_quadratic),
        cmocka_unit_test(overdetermined_line),
        cmocka_unit_test(inputs_untouched),
        cmocka_unit_test(rank_deficient),
        cmocka_unit_test(ill_conditioned_refined),
        cmocka_unit_test(column_past_double_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
