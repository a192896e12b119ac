/* test_hostile.c - every input is hostile. Each public function gets NULL in
 * each pointer, and NaN, +-inf, -0, huge, tiny and denormal values in each
 * double. It must answer with a status, never crash, and whenever it says
 * CAREER_OK its result must be a finite number. */
#include "util.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const double hostile[] = {
    NAN, INFINITY, -INFINITY, 0.0, -0.0, 1e308, -1e308, DBL_MAX, -DBL_MAX,
    DBL_MIN, DBL_MIN / 4.0, 5e-324, -5e-324, 0.5, 1.0, -1.0, 2.385, 1e-300,
    1.0 - DBL_EPSILON / 2.0,
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static void ok_means_finite(career_status st, double v, const char *what,
                            double a, double b)
{
    if (st == CAREER_OK && !isfinite(v))
        fail_msg("%s(%g, %g) said OK with %g", what, a, b, v);
    if (st != CAREER_OK && !strcmp(career_strerror(st), "unknown status"))
        fail_msg("%s(%g, %g) returned an unknown status %d", what, a, b, (int)st);
}

/* One-double queries of a model. */
static void one_double_queries(void **state)
{
    career_model *m = test_model(NULL);
    size_t i, t;
    (void)state;
    for (i = 0; i < NHOSTILE; i++) {
        double x = hostile[i], v = 0.0, w = 0.0;
        career_status st;
        st = career_salary_at(m, x, &v);
        ok_means_finite(st, v, "salary_at", x, 0);
        st = career_salary_at_n(m, &x, &v, 1);
        ok_means_finite(st, v, "salary_at_n", x, 0);
        st = career_salary_growth_rate(m, x, &v);
        ok_means_finite(st, v, "salary_growth_rate", x, 0);
        st = career_years_to_salary(m, x, &v);
        ok_means_finite(st, v, "years_to_salary", x, 0);
        st = career_market_quantile(m, x, &v);
        ok_means_finite(st, v, "market_quantile", x, 0);
        st = career_market_percentile(m, x, &v);
        ok_means_finite(st, v, "market_percentile", x, 0);
        st = career_tier_progress(m, x, &v);
        ok_means_finite(st, v, "tier_progress", x, 0);
        st = career_tier_at(m, x, &t);
        assert_true(st != CAREER_OK || t < career_tier_count(m));
        st = career_next_tier(m, x, &t, &w);
        ok_means_finite(st, w, "next_tier", x, 0);
        st = career_annual_rate(x, 10.0, &v);
        ok_means_finite(st, v, "annual_rate", x, 10);
        st = career_annual_rate(0.1, x, &v);
        ok_means_finite(st, v, "annual_rate", 0.1, x);
        st = career_convert_period(x, CAREER_PER_YEAR, CAREER_PER_HOUR, NULL, &v);
        ok_means_finite(st, v, "convert_period", x, 0);
    }
    career_model_free(m);
}

/* Two-double queries, every pair. */
static void two_double_queries(void **state)
{
    career_options lognormal = {.dist = CAREER_DIST_LOGNORMAL,
                                .extrap = CAREER_EXTRAP_EXTEND};
    career_model *models[2];
    size_t i, j, k;
    (void)state;
    models[0] = test_model(NULL);
    models[1] = test_model(&lognormal);
    for (k = 0; k < 2; k++)
        for (i = 0; i < NHOSTILE; i++)
            for (j = 0; j < NHOSTILE; j++) {
                double a = hostile[i], b = hostile[j], v = 0.0;
                career_status st;
                career_hours h = {.hours_per_week = a, .weeks_per_year = b};
                st = career_quantile_at(models[k], a, b, &v);
                ok_means_finite(st, v, "quantile_at", a, b);
                st = career_percentile_at(models[k], a, b, &v);
                ok_means_finite(st, v, "percentile_at", a, b);
                st = career_compa_ratio(models[k], a, b, &v);
                ok_means_finite(st, v, "compa_ratio", a, b);
                st = career_range_penetration(models[k], a, b, &v);
                ok_means_finite(st, v, "range_penetration", a, b);
                st = career_convert_period(1000.0, CAREER_PER_HOUR,
                                           CAREER_PER_MONTH, &h, &v);
                ok_means_finite(st, v, "convert_period hours", a, b);
            }
    career_model_free(models[0]);
    career_model_free(models[1]);
}

/* NULL in every pointer of every query. */
static void null_pointers(void **state)
{
    career_model *m = test_model(NULL);
    double v, x = 1.0;
    size_t t;
    career_tier tier;
    career_period period;
    career_options o;
    career_market_fit fit;
    (void)state;
    assert_status(career_tier_at(NULL, 1.0, &t), CAREER_ERR_ARG);
    assert_status(career_tier_at(m, 1.0, NULL), CAREER_ERR_ARG);
    assert_status(career_tier_info(NULL, 0, &tier), CAREER_ERR_ARG);
    assert_status(career_tier_info(m, 0, NULL), CAREER_ERR_ARG);
    assert_status(career_next_tier(NULL, 1.0, &t, &v), CAREER_ERR_ARG);
    assert_status(career_tier_progress(m, 1.0, NULL), CAREER_ERR_ARG);
    assert_status(career_salary_at(NULL, 1.0, &v), CAREER_ERR_ARG);
    assert_status(career_salary_at_n(NULL, &x, &v, 1), CAREER_ERR_ARG);
    assert_status(career_salary_at_n(m, &x, NULL, 1), CAREER_ERR_ARG);
    assert_status(career_salary_at_n(m, NULL, &v, 1), CAREER_ERR_ARG);
    assert_status(career_salary_at_n(m, NULL, NULL, SIZE_MAX), CAREER_ERR_ARG);
    assert_status(career_salary_growth_rate(m, 1.0, NULL), CAREER_ERR_ARG);
    assert_status(career_years_to_salary(NULL, 1e5, &v), CAREER_ERR_ARG);
    assert_status(career_market_quantile(NULL, 0.5, &v), CAREER_ERR_ARG);
    assert_status(career_market_percentile(m, 1e5, NULL), CAREER_ERR_ARG);
    assert_status(career_quantile_at(m, 1.0, 0.5, NULL), CAREER_ERR_ARG);
    assert_status(career_percentile_at(m, 1.0, 1e5, NULL), CAREER_ERR_ARG);
    assert_status(career_compa_ratio(NULL, 1.0, 1e5, &v), CAREER_ERR_ARG);
    assert_status(career_range_penetration(NULL, 1.0, 1e5, &v), CAREER_ERR_ARG);
    assert_status(career_convert_period(1.0, CAREER_PER_YEAR, CAREER_PER_YEAR, NULL, NULL), CAREER_ERR_ARG);
    assert_status(career_period_parse(NULL, &period), CAREER_ERR_ARG);
    assert_status(career_annual_rate(0.1, 10.0, NULL), CAREER_ERR_ARG);
    assert_status(career_profile_validate(NULL, NULL), CAREER_ERR_ARG);
    assert_status(career_profile_copy(NULL, NULL, NULL), CAREER_ERR_ARG);
    assert_status(career_model_new(NULL, NULL, NULL, NULL), CAREER_ERR_ARG);
    assert_int_equal(career_tier_count(NULL), 0);
    assert_null(career_model_profile(NULL));
    career_model_options(NULL, &o);
    career_market_fit_info(NULL, &fit);
    career_model_free(NULL);
    career_profile_free(NULL);
    assert_non_null(career_strerror((career_status)12345));
    career_model_free(m);
}

/* Hostile values in every double of a profile: refused, or a working model. */
static void hostile_profiles(void **state)
{
    size_t field, i;
    (void)state;
    for (field = 0; field < 8; field++)
        for (i = 0; i < NHOSTILE; i++) {
            career_profile p = *career_profile_default();
            career_tier t[4];
            career_quantile q[3];
            career_model *m = NULL;
            career_error err;
            double *slot[8];
            memcpy(t, p.tiers, sizeof t);
            memcpy(q, p.quantiles, sizeof q);
            p.tiers = t;
            p.quantiles = q;
            slot[0] = &t[1].min_years;
            slot[1] = &t[2].anchor_years;
            slot[2] = &t[3].salary;
            slot[3] = &q[0].p;
            slot[4] = &q[2].salary;
            slot[5] = &p.demand_growth;
            slot[6] = &p.demand_years;
            slot[7] = &t[0].min_years;
            *slot[field] = hostile[i];
            if (career_model_new(&p, NULL, &m, &err) == CAREER_OK) {
                static const double xs[] = {0, 3, 7.5, 12, 14, 20, 1e300};
                size_t k;
                for (k = 0; k < sizeof xs / sizeof xs[0]; k++) {
                    double v = 0.0, pr = 0.0, qv = 0.0;
                    ok_means_finite(career_salary_at(m, xs[k], &v), v,
                                    "hostile profile: salary_at", xs[k], hostile[i]);
                    ok_means_finite(career_market_percentile(m, 1e5 * (double)(k + 1), &pr),
                                    pr, "hostile profile: market_percentile",
                                    xs[k], hostile[i]);
                    ok_means_finite(career_quantile_at(m, xs[k], 0.9, &qv), qv,
                                    "hostile profile: quantile_at", xs[k], hostile[i]);
                }
                career_model_free(m);
            } else {
                assert_null(m);
                assert_true(err.text[0] != '\0');
            }
        }
}

/* Hostile values in every double of the projection options. */
static void hostile_projections(void **state)
{
    career_model *m = test_model(NULL);
    career_projection_row rows[101];
    size_t field, i, t;
    (void)state;
    for (field = 0; field < 7; field++)
        for (i = 0; i < NHOSTILE; i++) {
            career_projection_options o = {.horizon = 100};
            double *slot[7] = {&o.start_years, &o.start_salary, &o.growth,
                               &o.growth_years, &o.elasticity, &o.inflation,
                               &o.discount};
            career_status st;
            *slot[field] = hostile[i];
            st = career_project(m, &o, rows, 101);
            ok_means_finite(st, 0.0, "project", (double)field, hostile[i]);
            if (st != CAREER_OK)
                continue;
            for (t = 0; t <= 100; t++)
                if (!(isfinite(rows[t].salary) && isfinite(rows[t].present_value) &&
                      isfinite(rows[t].market_percentile)))
                    fail_msg("project field %zu = %g: row %zu not finite", field,
                             hostile[i], t);
        }
    career_model_free(m);
}

/* Hostile simulation options: every double, and extreme counts. */
static void hostile_simulations(void **state)
{
    career_model *m = test_model(NULL);
    career_band bands[11];
    career_projection_options po = {0};
    size_t i, t;
    (void)state;
    for (i = 0; i < NHOSTILE; i++) {
        career_simulation_options so = {.paths = 64, .volatility = hostile[i]};
        career_status st = career_simulate(m, &po, &so, bands, 11, NULL, 0);
        so = (career_simulation_options){.paths = 64, .pace_sd = hostile[i]};
        if (st == CAREER_OK)
            for (t = 0; t < 11; t++)
                ok_means_finite(st, bands[t].p90, "simulate volatility", hostile[i], 0);
        st = career_simulate(m, &po, &so, bands, 11, NULL, 0);
        if (st == CAREER_OK)
            for (t = 0; t < 11; t++)
                ok_means_finite(st, bands[t].mean, "simulate pace_sd", hostile[i], 0);
    }
    {
        career_simulation_options so = {.paths = SIZE_MAX};
        assert_true(career_simulate(m, &po, &so, bands, 11, NULL, 0) != CAREER_OK);
        so = (career_simulation_options){.paths = 16, .threads = 4000000000u};
        assert_status(career_simulate(m, &po, &so, bands, 11, NULL, 0), CAREER_OK);
        so = (career_simulation_options){.paths = 16, .flags = 0x80u};
        assert_true(career_simulate(m, &po, &so, bands, 11, NULL, 0) != CAREER_OK);
        /* a buffer length past the rows needed is fine: only H+1 are written */
        so = (career_simulation_options){.paths = 16};
        assert_status(career_simulate(m, &po, &so, bands, SIZE_MAX, NULL, 0), CAREER_OK);
        assert_status(career_simulate(m, &po, &so, bands, 0, NULL, 0), CAREER_ERR_BUFFER);
    }
    career_model_free(m);
}

/* NULL in every pointer of the projection, simulation, JSON and guide calls. */
static void null_pointers_elsewhere(void **state)
{
    career_model *m = test_model(NULL);
    career_projection_row rows[11];
    career_band bands[11];
    career_profile *p = (career_profile *)&rows;
    long years[4], year;
    char *json = (char *)&rows, **roles = NULL;
    size_t count;
    career_error err;
    (void)state;
    assert_status(career_project(NULL, NULL, rows, 11), CAREER_ERR_ARG);
    assert_status(career_project(m, NULL, NULL, 11), CAREER_ERR_ARG);
    assert_status(career_project(m, NULL, rows, 0), CAREER_ERR_BUFFER);
    assert_status(career_project(m, NULL, rows, SIZE_MAX), CAREER_OK);
    assert_status(career_projection_tier_years(NULL, 11, years, 4), CAREER_ERR_ARG);
    assert_status(career_projection_tier_years(rows, 11, NULL, 4), CAREER_ERR_ARG);
    assert_true(career_projection_tier_years(rows, 0, years, 4) != CAREER_OK ||
                years[0] == CAREER_NEVER);
    assert_status(career_projection_tier_years(rows, 11, years, SIZE_MAX), CAREER_ERR_ARG);
    assert_status(career_projection_target_year(NULL, 11, 1e5, &year), CAREER_ERR_ARG);
    assert_status(career_projection_target_year(rows, 11, 1e5, NULL), CAREER_ERR_ARG);
    assert_true(career_projection_target_year(rows, 11, NAN, &year) != CAREER_OK);
    assert_status(career_project_scenarios(NULL, NULL, NULL, rows, 11), CAREER_ERR_ARG);
    assert_status(career_project_scenarios(m, NULL, NULL, NULL, 11), CAREER_ERR_ARG);
    assert_status(career_simulate(NULL, NULL, NULL, bands, 11, NULL, 0), CAREER_ERR_ARG);
    assert_status(career_simulate(m, NULL, NULL, NULL, 11, NULL, 0), CAREER_ERR_ARG);
    assert_status(career_profile_load_file(NULL, NULL, &p, &err), CAREER_ERR_ARG);
    assert_status(career_profile_load_file("x.json", NULL, NULL, &err), CAREER_ERR_ARG);
    p = (career_profile *)&rows;
    assert_status(career_profile_load_string(NULL, NULL, &p, &err), CAREER_ERR_ARG);
    assert_null(p);
    assert_status(career_profile_load_stream(NULL, NULL, NULL, &p, NULL), CAREER_ERR_ARG);
    assert_status(career_profile_list_roles(NULL, &roles, &count, &err), CAREER_ERR_ARG);
    assert_status(career_profile_to_json(NULL, &json, &err), CAREER_ERR_ARG);
    assert_status(career_profile_to_json(career_profile_default(), NULL, &err), CAREER_ERR_ARG);
    assert_status(career_profile_save_file(NULL, "x.json", &err), CAREER_ERR_ARG);
    assert_status(career_profile_save_file(career_profile_default(), NULL, &err), CAREER_ERR_ARG);
    assert_status(career_guide_import(NULL, 10, &p, &err), CAREER_ERR_ARG);
    assert_status(career_guide_import("text", 4, NULL, &err), CAREER_ERR_ARG);
    assert_true(career_guide_import("", 0, &p, &err) != CAREER_OK);
    assert_null(p);
    career_model_free(m);
}

/* ---- memory ------------------------------------------------------------ */

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define LIMIT_MEMORY 1
/* The address space the process has now, in bytes (/proc/self/statm). */
static size_t address_space(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");

    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}
#endif

/* What a child says of one text: 0 refused as it should be, 1 loaded or
 * refused otherwise, 2 out of memory. */
static int child_loads(const char *text, const char *want)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_profile_load_string(text, NULL, &p, &err);

    if (st == CAREER_ERR_NOMEM)
        return 2;
    if (st != CAREER_ERR_PARSE || !strstr(err.text, want)) {
        fprintf(stderr, "status %d: %s\n", (int)st, err.text);
        return 1;
    }
    return 0;
}

/* A text under the 16 MiB cap whose tree would cost 80 times its size:
 * 16 MiB of "[{},{},...]" built a 1.3 GB tree before its shape was
 * checked. It is refused as too many values, within 512 MiB
 * more address space than the process has (a forked child under
 * RLIMIT_AS; the sanitizers' shadow memory cannot live under such a
 * limit, so there only the refusal is checked; under valgrind it
 * skips). */
static void empty_objects_under_a_memory_limit(void **state)
{
    const size_t n = (CAREER_MAX_JSON_BYTES - 2) / 3;
    char *text = malloc(3 * n + 2);
    size_t i;
    pid_t pid;
    int status = -1;
    const char *preload = getenv("LD_PRELOAD");
    (void)state;

    /* valgrind keeps several times a block's size for each of the
     * parser's million blocks: the test is for the parser's bound, which
     * the other builds check, not for valgrind's own memory */
    if (preload && strstr(preload, "vgpreload")) {
        free(text);
        print_message("skipped: under valgrind\n");
        skip();
    }
    assert_non_null(text);
    text[0] = '[';
    for (i = 0; i < n; i++)
        memcpy(text + 1 + 3 * i, "{},", 3);
    text[3 * n] = ']';
    text[3 * n + 1] = '\0';
    assert_true(strlen(text) <= CAREER_MAX_JSON_BYTES);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
#ifdef LIMIT_MEMORY
        struct rlimit limit;
        limit.rlim_cur = limit.rlim_max =
            (rlim_t)(address_space() + ((size_t)512 << 20));
        if (setrlimit(RLIMIT_AS, &limit) != 0)
            _exit(3);
#endif
        _exit(child_loads(text, "too many values: their tree would take "
                                "more than 256 MiB of memory"));
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    free(text);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("the child %s %d (2: out of memory under the limit)",
                 WIFEXITED(status) ? "exited" : "was killed by signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_double_queries),
        cmocka_unit_test(two_double_queries),
        cmocka_unit_test(null_pointers),
        cmocka_unit_test(hostile_profiles),
        cmocka_unit_test(hostile_projections),
        cmocka_unit_test(hostile_simulations),
        cmocka_unit_test(null_pointers_elsewhere),
        cmocka_unit_test(empty_objects_under_a_memory_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
