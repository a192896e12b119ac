/* test_merit_alloc.c - every allocation of the merit cycle, the policy
 * loader and the projection, failed one at a time, gives CAREER_ERR_NOMEM,
 * writes nothing and leaks nothing (LeakSanitizer in make check SAN=1). The
 * Makefile links this program with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc: libcareer's objects and this file allocate through the
 * countdown of alloc_shim.h (jansson's own allocations, in its shared library, do not;
 * its out-of-memory path is the profile loader's, tested in test_json.c). */
#include "util.h"

#include "alloc_shim.h"

#include <stdlib.h>
#include <string.h>

/* Fails the n-th allocation from now (1 = the next one; 0 = none). */
static void arm(size_t n)
{
    shim_countdown = n ? (long)n - 1 : -1;
}

static const char policy_json[] =
    "{\"format\": \"career-merit-policy/1\","
    " \"ratings\": [\"low\", \"mid\", \"high\"],"
    " \"matrix\": {\"low\": [0.01, 0.005, 0, 0],"
    " \"mid\": [0.04, 0.03, 0.025, 0.02], \"high\": [0.07, 0.06, 0.05, 0.04]},"
    " \"ranges\": {\"method\": \"spread\", \"spread\": 0.5},"
    " \"max_raise\": 0.08, \"budget\": {\"rate\": 0.0312}}";

static void policy_load(void **state)
{
    career_merit_policy *p = (career_merit_policy *)(uintptr_t)1;
    career_error err;
    size_t n;

    (void)state;
    for (n = 1;; n++) {
        career_status st;
        arm(n);
        st = career_merit_policy_load_string(policy_json, &p, &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_null(p);
    }
    assert_true(n >= 2); /* at least one allocation was failed */
    career_merit_policy_free(p);
}

/* A population whose remainders tie (they fall in one bucket of the cut's
 * histogram): every allocation of the cycle fails once. */
static void cycle(void **state)
{
    career_merit_policy *p = NULL;
    career_employee e[40];
    career_merit_result res[40];
    career_merit_summary s;
    career_error err;
    size_t i, n;

    assert_status(career_merit_policy_load_string(policy_json, &p, NULL),
                  CAREER_OK);
    memset(e, 0, sizeof e);
    for (i = 0; i < 40; i++)
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS,
                                 110000.0 + (double)(i % 4) * 1000.0, i % 3,
                                 {0}};
    for (n = 1;; n++) {
        career_status st;
        memset(res, 0x5A, sizeof res);
        memset(&s, 0x5A, sizeof s);
        arm(n);
        st = career_merit_cycle(*state, p, e, 40, res, &s, &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(res, sizeof res, 0x5A));
        assert_true(test_bytes_are(&s, sizeof s, 0x5A));
    }
    assert_true(n >= 3); /* work space and histogram: both failed */
    assert_int_equal(s.cost_cents, s.budget_cents);
    career_merit_policy_free(p);
}

/* career.h promises 16 bytes an employee of work space (and the cut's
 * histogram, 32 KiB): 100,000 employees whose remainders all fall in the
 * cut's bucket, where the cycle copied the bucket (16 bytes each more)
 * and qsort copied it again. (qsort's own buffer is libc's, not counted
 * here: the cycle no longer sorts the bucket.) */
static void work_memory_as_documented(void **state)
{
    enum { N = 100000 };
    career_merit_policy *p = NULL;
    career_employee *e = calloc(N, sizeof *e);
    career_merit_result *res = calloc(N, sizeof *res);
    career_merit_summary s;
    size_t i;

    assert_true(e && res);
    assert_status(career_merit_policy_load_string(policy_json, &p, NULL),
                  CAREER_OK);
    for (i = 0; i < N; i++) /* four salaries, all a rate's same fraction */
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS,
                                 110000.0 + (double)(i % 4) * 1000.0, 1,
                                 {0}};
    shim_bytes = 0;
    assert_status(career_merit_cycle(*state, p, e, N, res, &s, NULL),
                  CAREER_OK);
    assert_true(shim_bytes <= 16u * N + 32768u + 4096u);
    assert_int_equal(s.cost_cents, s.budget_cents);
    career_merit_policy_free(p);
    free(e);
    free(res);
}

/* career_merit_run with NULL for the work space: every allocation fails
 * once, each gives CAREER_ERR_NOMEM and writes nothing. */
static void run_null_workspace(void **state)
{
    career_merit_policy *p = NULL;
    career_merit_employee e[40];
    career_merit_raise r[40];
    career_merit_summary s;
    career_error err;
    size_t i, n;

    assert_status(career_merit_policy_load_string(policy_json, &p, NULL),
                  CAREER_OK);
    for (i = 0; i < 40; i++)
        e[i] = (career_merit_employee){5, CAREER_TIER_FROM_YEARS,
                                       110000.0 + (double)(i % 4) * 1000.0,
                                       i % 3};
    for (n = 1;; n++) {
        career_status st;
        memset(r, 0x5A, sizeof r);
        memset(&s, 0x5A, sizeof s);
        arm(n);
        st = career_merit_run(*state, p, e, 40, r, &s, NULL, &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_string_equal(err.text, "out of memory");
        assert_true(test_bytes_are(r, sizeof r, 0x5A));
        assert_true(test_bytes_are(&s, sizeof s, 0x5A));
    }
    assert_true(n >= 3); /* work space and histogram: both failed */
    assert_int_equal(s.cost_cents, s.budget_cents);
    career_merit_policy_free(p);
}

/* A kept work space: its creation fails cleanly; its growth fails one
 * allocation at a time with CAREER_ERR_NOMEM, nothing written, and leaves
 * it usable, for the same size and a larger; once grown, a cycle of that
 * size or less allocates nothing. */
static void run_kept_workspace(void **state)
{
    enum { N = 3000 };
    career_merit_policy *p = NULL;
    career_merit_employee *e = calloc(N, sizeof *e);
    career_merit_raise *r = calloc(N, sizeof *r);
    career_merit_workspace *ws = (career_merit_workspace *)(uintptr_t)1;
    career_merit_summary s;
    size_t i, n, size;

    assert_true(e && r);
    assert_status(career_merit_policy_load_string(policy_json, &p, NULL),
                  CAREER_OK);
    for (i = 0; i < N; i++)
        e[i] = (career_merit_employee){(double)(i % 23),
                                       CAREER_TIER_FROM_YEARS,
                                       90000.0 + (double)(i % 97) * 523.85,
                                       i % 3};
    arm(1);
    assert_status(career_merit_workspace_new(&ws), CAREER_ERR_NOMEM);
    arm(0);
    assert_null(ws);
    assert_status(career_merit_workspace_new(&ws), CAREER_OK);
    for (size = 40; size <= N; size += N - 40) { /* grows, then grows more */
        for (n = 1;; n++) {
            career_status st;
            memset(r, 0x5A, N * sizeof *r);
            memset(&s, 0x5A, sizeof s);
            arm(n);
            st = career_merit_run(*state, p, e, size, r, &s, ws, NULL);
            arm(0);
            if (st == CAREER_OK)
                break;
            assert_status(st, CAREER_ERR_NOMEM);
            assert_true(test_bytes_are(r, N * sizeof *r, 0x5A));
            assert_true(test_bytes_are(&s, sizeof s, 0x5A));
            /* still usable: a small cycle runs in it */
            assert_status(career_merit_run(*state, p, e, 10, r, &s, ws, NULL),
                          CAREER_OK);
        }
        assert_true(n >= 2);
        assert_int_equal(s.employees, size);
    }
    shim_bytes = 0;
    assert_status(career_merit_run(*state, p, e, N, r, &s, ws, NULL),
                  CAREER_OK);
    assert_status(career_merit_run(*state, p, e, 17, r, &s, ws, NULL),
                  CAREER_OK);
    assert_int_equal(shim_bytes, 0);
    career_merit_workspace_free(ws);
    career_merit_policy_free(p);
    free(e);
    free(r);
}

static void project(void **state)
{
    career_merit_policy *p = NULL;
    career_employee e = {2, CAREER_TIER_FROM_YEARS, 95000, 2, {0}};
    career_merit_year rows[11];
    size_t rating = 2, n;

    assert_status(career_merit_policy_load_string(policy_json, &p, NULL),
                  CAREER_OK);
    for (n = 1;; n++) {
        career_status st;
        memset(rows, 0x5A, sizeof rows);
        arm(n);
        st = career_merit_project(*state, p, &e, &rating, 1, 1.0, NULL, rows,
                                  11);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(rows, sizeof rows, 0x5A));
    }
    assert_true(n >= 2);
    career_merit_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(policy_load),
        cmocka_unit_test(cycle),
        cmocka_unit_test(work_memory_as_documented),
        cmocka_unit_test(run_null_workspace),
        cmocka_unit_test(run_kept_workspace),
        cmocka_unit_test(project),
    };
    return cmocka_run_group_tests(tests, test_setup_model,
                                  test_teardown_model);
}
