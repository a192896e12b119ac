/* util.h - what every test program shares. */
#ifndef CAREER_TEST_UTIL_H
#define CAREER_TEST_UTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "career.h"

/* cmocka 1.1.5 has no assert_double_equal. |a - b| <= rel * max(|b|, 1e-300)
 * with a message naming both values; NaN never compares close. */
#define assert_close(a, b, rel) assert_close_at((a), (b), (rel), __FILE__, __LINE__)

static inline void assert_close_at(double a, double b, double rel,
                                   const char *file, int line)
{
    double scale = fabs(b) > 1e-300 ? fabs(b) : 1e-300;
    if (!(fabs(a - b) <= rel * scale)) {
        print_error("%.17g is not within %g (relative) of %.17g\n", a, rel, b);
        _fail(file, line);
    }
}

/* A status comparison that prints names, not numbers. */
#define assert_status(got, want) assert_status_at((got), (want), __FILE__, __LINE__)

static inline void assert_status_at(career_status got, career_status want,
                                    const char *file, int line)
{
    if (got != want) {
        print_error("status %d (%s), expected %d (%s)\n", (int)got,
                    career_strerror(got), (int)want, career_strerror(want));
        _fail(file, line);
    }
}

/* Whether long double carries more bits than double at run time. Under
 * valgrind it does not (valgrind computes x87 long doubles as doubles), so
 * tests of accuracy that the library reaches by refining in long double
 * skip there: valgrind's gate is for memory, not for digits. */
static inline int test_long_double_is_extended(void)
{
    volatile long double one = 1.0L, tiny = 0x1p-60L;
    return one + tiny != one;
}

/* Skips the calling test (with a word why) when long double is double. */
#define skip_without_long_double()                                           \
    do {                                                                     \
        if (!test_long_double_is_extended()) {                               \
            print_message("skipped: long double is double here\n");          \
            skip();                                                          \
        }                                                                    \
    } while (0)

/* The band's dispersion fixed at 1, the whole market's spread (the model
 * before calibration): for tests of the curve, the market and the band's
 * formula, and for profiles whose tiers and market no workforce reconciles
 * (their calibration is CAREER_ERR_FIT). */
static const career_options market_spread = {.dispersion = 1.0};

/* The built-in model with options (NULL = defaults); fails the test if it
 * cannot be built. */
static inline career_model *test_model(const career_options *opts)
{
    career_model *m = NULL;
    career_error err;
    career_status st = career_model_new(career_profile_default(), opts, &m, &err);
    if (st != CAREER_OK)
        print_error("career_model_new: %s\n", err.text);
    assert_status(st, CAREER_OK);
    return m;
}

/* A cmocka group fixture: the built-in model as the group's state, which
 * cmocka hands to every test of the group as *state. */
static inline int test_setup_model(void **state)
{
    *state = test_model(NULL);
    return 0;
}

static inline int test_teardown_model(void **state)
{
    career_model_free(*state);
    return 0;
}

/* 1 if the n bytes at p all equal `byte` (a guard that must stay intact). */
static inline int test_bytes_are(const void *p, size_t n, unsigned char byte)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != byte)
            return 0;
    return 1;
}

#endif
