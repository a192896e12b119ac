/* test_equity_alloc.c - every allocation of the pay equity functions
 * (the reports, the regression, the decomposition with its bootstrap and
 * the remedy), failed one at a time, gives CAREER_ERR_NOMEM, writes
 * nothing and leaks nothing (LeakSanitizer in make check SAN=1), as
 * test_merit_alloc.c does for the merit cycle. The Makefile links this
 * program with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc. */
#include "util.h"

#include "alloc_shim.h"

#include <stdlib.h>
#include <string.h>

/* Fails the n-th allocation from now (1 = the next one; 0 = none). */
static void arm(size_t n)
{
    shim_countdown = n ? (long)n - 1 : -1;
}

#define NW 40

typedef struct fixture {
    career_worker w[NW];
    double values[NW][2];
    career_factor factors[2];
    career_workforce wf;
} fixture;

/* Two categories of 20, years and a tier of three levels; women paid a
 * little less (high-entropy figures, not round ones). */
static void fixture_init(fixture *f)
{
    size_t i;

    memset(f, 0, sizeof *f);
    f->factors[0].kind = CAREER_FACTOR_NUMERIC;
    f->factors[1].kind = CAREER_FACTOR_CATEGORICAL;
    f->factors[1].levels = 3;
    for (i = 0; i < NW; i++) {
        double years = (double)((i * 7) % 23) + 0.385, tier = (double)(i % 3);
        f->values[i][0] = years;
        f->values[i][1] = tier;
        f->w[i].sex = i % 2 ? CAREER_SEX_MALE : CAREER_SEX_FEMALE;
        f->w[i].category = i < NW / 2 ? 0 : 1;
        f->w[i].pay = 41235.0 * (1.0 + 0.021 * years + 0.18 * tier) *
                      (i % 2 ? 1.0 : 0.9) * (1.0 + 0.013 * (double)(i % 5));
        f->w[i].hours = i % 5 ? 40.0 : 30.0;
        f->w[i].bonus = i % 3 ? 1234.5 : 0.0;
        f->w[i].factors = f->values[i];
    }
    f->wf.workers = f->w;
    f->wf.n = NW;
    f->wf.ncategories = 2;
    f->wf.factors = f->factors;
    f->wf.nfactors = 2;
}

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);

    if (!f)
        return -1;
    fixture_init(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static void eu_report(void **state)
{
    fixture *f = *state;
    career_eu_report r;
    career_eu_category c[2];
    career_error err;
    size_t n;

    for (n = 1;; n++) {
        career_status st;
        memset(&r, 0x5A, sizeof r);
        memset(c, 0x5A, sizeof c);
        arm(n);
        st = career_eu_report_compute(&f->wf, NULL, &r, c, 2, &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
        assert_true(test_bytes_are(c, sizeof c, 0x5A));
    }
    assert_true(n >= 6); /* sums, counts, categories, ranks, the fits */
    assert_int_equal(c[0].adjusted_status, CAREER_GAP_OK);
}

static void uk_report(void **state)
{
    fixture *f = *state;
    career_uk_report r;
    size_t n;

    for (n = 1;; n++) {
        career_status st;
        memset(&r, 0x5A, sizeof r);
        arm(n);
        st = career_uk_report_compute(&f->wf, &r, NULL);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
    }
    assert_true(n >= 2);
}

static void regress(void **state)
{
    fixture *f = *state;
    career_equity_fit r;
    size_t n;

    for (n = 1;; n++) {
        career_status st;
        memset(&r, 0x5A, sizeof r);
        arm(n);
        st = career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL, &r, NULL);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
    }
    assert_true(n >= 3); /* moments, factors, inverse */
}

static void decompose(void **state)
{
    fixture *f = *state;
    career_equity_options o = {0};
    career_oaxaca r;
    career_oaxaca_term t[5];
    career_error err;
    size_t n;

    o.bootstrap = 3;
    o.seed = 11;
    for (n = 1;; n++) {
        career_status st;
        memset(&r, 0x5A, sizeof r);
        memset(t, 0x5A, sizeof t);
        arm(n);
        st = career_equity_decompose(&f->wf, &o, CAREER_EQUITY_ALL, &r, t, 5,
                                     &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
        assert_true(test_bytes_are(t, sizeof t, 0x5A));
    }
    assert_true(n >= 10); /* work, the fits, the groups, the replications */
    assert_true(isfinite(r.se_explained));
}

static void remedy(void **state)
{
    fixture *f = *state;
    career_remedy_options ru = {0};
    career_remedy r;
    int64_t raise[NW];
    size_t n;

    ru.max_raise = 0.2;
    for (n = 1;; n++) {
        career_status st;
        memset(&r, 0x5A, sizeof r);
        memset(raise, 0x5A, sizeof raise);
        arm(n);
        st = career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL, &r,
                                  raise, NW, NULL);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
        assert_true(test_bytes_are(raise, sizeof raise, 0x5A));
    }
    assert_true(n >= 5); /* the fit's, weights, bounds, raises, events */
    assert_int_equal(r.raised_sex, CAREER_SEX_FEMALE);
}

/* The table reader: each allocation of the reading, the interning and
 * the settling failed in turn. */
static void table(void **state)
{
    static const char *const factors[] = {"years", "tier"};
    static const char csv[] =
        "id,sex,category,pay,hours,years,tier\n"
        "a1,F,Eng,51234.5,40,3.5,junior\n"
        "a2,M,Eng,61234.5,40,7.25,senior\n"
        "a3,F,Ops,41234.5,30,1,mid\n"
        "a4,M,Ops,45234.5,40,2,junior\n";
    career_workforce_columns cols = {0};
    career_workforce_table *t = NULL;
    career_error err;
    size_t n;

    (void)state;
    cols.factors = factors;
    cols.nfactors = 2;
    for (n = 1;; n++) {
        career_status st;
        t = (career_workforce_table *)(uintptr_t)1;
        arm(n);
        st = career_workforce_open_memory(csv, sizeof csv - 1, NULL, &cols,
                                          &t, &err);
        arm(0);
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_null(t);
    }
    assert_true(n >= 12);
    career_workforce_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eu_report), cmocka_unit_test(uk_report),
        cmocka_unit_test(regress),   cmocka_unit_test(decompose),
        cmocka_unit_test(remedy),    cmocka_unit_test(table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
