/* test_oews_alloc.c - every allocation the table readers make can fail,
 * and each failure is CAREER_ERR_NOMEM with nothing handed out (the
 * sanitizer build and check-valgrind see that nothing leaks). The
 * Makefile links this program with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc: the allocations of libcareer's objects pass through the
 * countdown of alloc_shim.h, which fails the n-th, for n = 1, 2, ... until
 * the call succeeds. */
#include "util.h"

#include "alloc_shim.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

typedef career_status (*attempt_fn)(const void *arg, career_error *err);

/* Runs f with the n-th allocation failing, n = 0, 1, ...: each run fails
 * with CAREER_ERR_NOMEM until one succeeds. Returns the runs that failed. */
static long every_failure(attempt_fn f, const void *arg)
{
    career_error err;
    career_status st;
    long n;

    for (n = 0;; n++) {
        shim_countdown = n;
        st = f(arg, &err);
        shim_countdown = -1;
        if (st == CAREER_OK) {
            printf("  %ld allocations failed in turn\n", n);
            return n;
        }
        if (st != CAREER_ERR_NOMEM)
            print_error("allocation %ld: %s: %s\n", n, career_strerror(st),
                        err.text);
        assert_status(st, CAREER_ERR_NOMEM);
        assert_status(err.status, CAREER_ERR_NOMEM);
        assert_true(n < 100000);
    }
}

static career_status open_oews(const void *path, career_error *err)
{
    career_oews_table *t = NULL;
    career_status st = career_oews_open(path, NULL, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_oews_close(t);
    return st;
}

static career_status open_ep(const void *path, career_error *err)
{
    career_ep_table *t = NULL;
    career_status st = career_ep_open(path, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_ep_close(t);
    return st;
}

static career_status open_ladder(const void *path, career_error *err)
{
    career_ladder_template *t = NULL;
    career_status st = career_ladder_template_load_file(path, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_ladder_template_free(t);
    return st;
}

typedef struct profile_args {
    const career_oews_table *t;
    const career_ep_table *ep;
    const char *occ;
} profile_args;

static career_status make_profile(const void *arg, career_error *err)
{
    const profile_args *a = arg;
    career_profile *p = NULL;
    career_status st =
        career_oews_profile(a->t, a->occ, NULL, NULL, a->ep, &p, err);

    if (st != CAREER_OK)
        assert_null(p);
    career_profile_free(p);
    return st;
}

static void tables(void **state)
{
    (void)state;
    /* each reader allocates several times: every one is tried */
    assert_true(every_failure(open_oews, "tests/data/oews/all_data_M_2018.csv") > 3);
    assert_true(every_failure(open_oews, "tests/data/oews/all_data_M_2018.xlsx") > 3);
    assert_true(every_failure(open_oews, "tests/data/oews/national_M2011_dl.xlsx") > 3);
    assert_true(every_failure(open_oews, "tests/data/oews/national_M2011_dl_excel.xlsx") > 3);
    assert_true(every_failure(open_ep, "tests/data/oews/ep_2020-30.csv") > 3);
    assert_true(every_failure(open_ep, "tests/data/oews/ep_2020-30.xlsx") > 3);
    assert_true(every_failure(open_ladder, "examples/ladders/oflc.json") > 0);
}

static void profiles(void **state)
{
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    profile_args a;

    (void)state;
    assert_status(career_oews_open("tests/data/oews/all_data_M_2018.csv", NULL,
                                   &t, NULL),
                  CAREER_OK);
    assert_status(career_ep_open("tests/data/oews/ep_2020-30.csv", &ep, NULL),
                  CAREER_OK);
    a.t = t;
    a.ep = ep;
    a.occ = "15-1133";
    assert_true(every_failure(make_profile, &a) > 2);
    a.occ = "35-3023"; /* merged points, a subset fitted */
    assert_true(every_failure(make_profile, &a) > 2);
    career_ep_close(ep);
    career_oews_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables),
        cmocka_unit_test(profiles),
    };
    int failed;

    xmlInitParser();
    failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
