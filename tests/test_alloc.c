/* test_alloc.c - queries allocate nothing, and a model build that cannot
 * get memory says CAREER_ERR_NOMEM and leaks nothing.
 *
 * The shim below counts allocations, keeps a table of live blocks and on
 * demand fails the Nth allocation. It sees libcareer's calls through the
 * Makefile's -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,
 * and the calls made inside shared libraries (GSL's) by replacing malloc,
 * calloc, realloc and free for the whole process, as glibc allows. ASan
 * and TSan own malloc, and valgrind replaces the replacement: there only
 * libcareer's own calls are seen. Either way GSL's error handler is set to
 * abort for the whole program: GSL reports a failed malloc through it, so
 * any call of it fails the run. */
#include "util.h"

#include <stdlib.h>

#include <gsl/gsl_errno.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);

#define MAX_LIVE 4096

static size_t allocations;
static long fail_countdown = -1; /* the allocation that sees 0 fails */
static void *live[MAX_LIVE];     /* blocks the shim handed out, not freed */
static size_t nlive;
static int wrapped; /* a __wrap_ call, already counted, on its way through */

/* Whether this allocation must fail (counts it either way). */
static int must_fail(void)
{
    allocations++;
    if (fail_countdown < 0)
        return 0;
    return fail_countdown-- == 0;
}

static void *track(void *p)
{
    if (p && nlive < MAX_LIVE)
        live[nlive++] = p;
    return p;
}

/* Forgets p, if the shim handed it out. */
static void untrack(void *p)
{
    size_t i;
    for (i = 0; i < nlive; i++)
        if (live[i] == p) {
            live[i] = live[--nlive];
            return;
        }
}

void *__wrap_malloc(size_t size)
{
    void *p;
    if (must_fail())
        return NULL;
    wrapped = 1;
    p = __real_malloc(size);
    wrapped = 0;
    return track(p);
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p;
    if (must_fail())
        return NULL;
    wrapped = 1;
    p = __real_calloc(n, size);
    wrapped = 0;
    return track(p);
}

void *__wrap_realloc(void *p, size_t size)
{
    void *q;
    if (must_fail())
        return NULL;
    wrapped = 1;
    q = __real_realloc(p, size);
    wrapped = 0;
    if (q && p)
        untrack(p);
    return q ? track(q) : q;
}

void __wrap_free(void *p)
{
    if (p)
        untrack(p);
    wrapped = 1;
    __real_free(p);
    wrapped = 0;
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* The process-wide replacements (the __real_ functions above land here
 * too, with `wrapped` set: counted already). */
void *malloc(size_t size)
{
    if (wrapped)
        return __libc_malloc(size);
    return must_fail() ? NULL : track(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    if (wrapped)
        return __libc_calloc(n, size);
    return must_fail() ? NULL : track(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
    void *q;
    if (wrapped)
        return __libc_realloc(p, size);
    if (must_fail())
        return NULL;
    q = __libc_realloc(p, size);
    if (q && p)
        untrack(p);
    return q ? track(q) : q;
}

void free(void *p)
{
    if (p && !wrapped)
        untrack(p);
    __libc_free(p);
}
#endif

static void abort_on_gsl_error(const char *reason, const char *file,
                               int line, int gsl_errno)
{
    fprintf(stderr, "GSL error handler called: %s (%s:%d, %d)\n", reason,
            file, line, gsl_errno);
    abort();
}

/* Every query of a model, metalog and lognormal, scalar and batch, and the
 * deterministic projection (the Monte Carlo allocates its work space, by
 * contract, once per run). */
static void run_queries(const career_model *m)
{
    double xs[64], out[64], v, w;
    size_t i, t;

    for (i = 0; i < 64; i++)
        xs[i] = 0.37 * (double)i;
    assert_status(career_salary_at_n(m, xs, out, 64), CAREER_OK);
    for (i = 0; i < 64; i++) {
        assert_status(career_salary_at(m, xs[i], &v), CAREER_OK);
        assert_status(career_tier_at(m, xs[i], &t), CAREER_OK);
        assert_status(career_tier_progress(m, xs[i], &v), CAREER_OK);
        assert_status(career_salary_growth_rate(m, xs[i], &v), CAREER_OK);
        assert_status(career_quantile_at(m, xs[i], 0.3, &v), CAREER_OK);
        assert_status(career_percentile_at(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_compa_ratio(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_range_penetration(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_market_quantile(m, 0.01 + 0.015 * (double)i, &v), CAREER_OK);
        assert_status(career_market_percentile(m, 5e4 + 2e3 * (double)i, &w), CAREER_OK);
    }
    assert_status(career_years_to_salary(m, 1.3e5, &v), CAREER_OK);
    {
        career_projection_row rows[3 * 41];
        career_projection_options po = {.horizon = 40, .inflation = 0.02,
                                        .discount = 0.03, .start_years = 2.0};
        long years[4], year;
        assert_status(career_project(m, &po, rows, 41), CAREER_OK);
        assert_status(career_projection_tier_years(rows, 41, years, 4), CAREER_OK);
        assert_status(career_projection_target_year(rows, 41, 1.5e5, &year), CAREER_OK);
        assert_status(career_project_scenarios(m, &po, NULL, rows, 41), CAREER_OK);
    }
    assert_status(career_next_tier(m, 4.0, &t, &v), CAREER_OK);
}

static void queries_do_not_allocate(void **state)
{
    career_options lognormal = {.dist = CAREER_DIST_LOGNORMAL,
                                .interp = CAREER_INTERP_MINCER};
    career_model *a = test_model(NULL), *b = test_model(&lognormal);
    size_t before;
    (void)state;
    assert_true(allocations > 0); /* the counter does count: models were built */
    before = allocations;
    run_queries(a);
    run_queries(b);
    assert_int_equal(allocations, before);
    career_model_free(a);
    career_model_free(b);
}

/* A profile with five salaried tiers (akima needs five). */
static const career_tier five_tiers[] = {
    {"one", 0, 1, 50000}, {"two", 2, 3, 60000}, {"three", 5, 6, 80000},
    {"four", 8, 10, 95000}, {"five", 12, 15, 99000},
};

/* career_model_new with its Nth allocation failing, for every N until one
 * build needs no more: each failed build is CAREER_ERR_NOMEM with *out
 * NULL and no live block left; the last is OK. Returns the allocation
 * count of a whole build. */
static long build_failing_each(const career_profile *p,
                               const career_options *o)
{
    long n;

    for (n = 0; n < 10000; n++) {
        career_model *m = (career_model *)&n; /* must become NULL */
        career_error err;
        career_status st;
        size_t before = nlive;
        fail_countdown = n;
        st = career_model_new(p, o, &m, &err);
        if (fail_countdown >= 0) { /* no allocation failed: built */
            fail_countdown = -1;
            assert_status(st, CAREER_OK);
            career_model_free(m);
            assert_int_equal(nlive, before);
            return n;
        }
        fail_countdown = -1;
        if (st != CAREER_ERR_NOMEM)
            print_error("allocation %ld failed: %s\n", n, err.text);
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_null(m);
        assert_int_equal(nlive, before); /* leaked nothing */
    }
    fail(); /* a build that never finishes allocating */
    return n;
}

/* Every interpolation (akima on five points) under both distributions. */
static void model_new_out_of_memory(void **state)
{
    static const career_interp interps[] = {
        CAREER_INTERP_STEFFEN, CAREER_INTERP_LINEAR, CAREER_INTERP_CSPLINE,
        CAREER_INTERP_AKIMA, CAREER_INTERP_MINCER};
    static const career_dist dists[] = {CAREER_DIST_METALOG,
                                        CAREER_DIST_LOGNORMAL};
    career_profile five = *career_profile_default();
    size_t i, j;
    (void)state;
    five.tiers = five_tiers;
    five.ntiers = 5;
    for (i = 0; i < sizeof interps / sizeof interps[0]; i++)
        for (j = 0; j < 2; j++) {
            /* the five tiers sit below the built-in market: no workforce
             * reconciles them, so their band is the market's (d = 1); the
             * built-in profile is calibrated */
            career_options o = {.interp = interps[i], .dist = dists[j],
                                .dispersion = 1.0};
            assert_true(build_failing_each(&five, &o) > 0);
            o.dispersion = 0.0;
            if (interps[i] != CAREER_INTERP_AKIMA)
                assert_true(build_failing_each(career_profile_default(), &o) > 0);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queries_do_not_allocate),
        cmocka_unit_test(model_new_out_of_memory),
    };
    gsl_set_error_handler(abort_on_gsl_error);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
