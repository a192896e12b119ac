/* test_lsq.c - the least-squares helper behind the Mincer and metalog fits. */
#include "util.h"

#include "internal.h"

#include <gsl/gsl_errno.h>

/* Three points, three unknowns: y = 1 - 2x + 0.5x^2 through x = 0, 1, 4
 * (y = 1, -0.5, 1) is recovered exactly. */
static void exact_quadratic(void **state)
{
    const double X[] = {1, 0, 0, 1, 1, 1, 1, 4, 16};
    const double y[] = {1.0, -0.5, 1.0};
    double coef[3];
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 3, 3, coef), GSL_SUCCESS);
    assert_close(coef[0], 1.0, 1e-13);
    assert_close(coef[1], -2.0, 1e-13);
    assert_close(coef[2], 0.5, 1e-13);
}

/* Four points, a line, by hand: x = 0..3, y = 1, 3, 7, 9; x mean 1.5, y mean
 * 5; slope = sum dx dy / sum dx^2 = 14 / 5 = 2.8; intercept 5 - 2.8 * 1.5 =
 * 0.8. */
static void overdetermined_line(void **state)
{
    const double X[] = {1, 0, 1, 1, 1, 2, 1, 3};
    const double y[] = {1, 3, 7, 9};
    double coef[2];
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 4, 2, coef), GSL_SUCCESS);
    assert_close(coef[0], 0.8, 1e-13);
    assert_close(coef[1], 2.8, 1e-13);
}

/* The inputs are read, never written (they are views on caller arrays). */
static void inputs_untouched(void **state)
{
    double X[] = {1, 0, 1, 1, 1, 2, 1, 3}, y[] = {1, 3, 7, 9}, coef[2];
    const double X0[] = {1, 0, 1, 1, 1, 2, 1, 3}, y0[] = {1, 3, 7, 9};
    (void)state;
    assert_int_equal(careerp_least_squares(X, y, 4, 2, coef), GSL_SUCCESS);
    assert_memory_equal(X, X0, sizeof X);
    assert_memory_equal(y, y0, sizeof y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_quadratic),
        cmocka_unit_test(overdetermined_line),
        cmocka_unit_test(inputs_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
