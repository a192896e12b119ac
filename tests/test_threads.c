/* test_threads.c - one model shared by 8 threads. Every thread runs every
 * query, a projection and a Monte Carlo over the same inputs and must get
 * exactly the single-threaded answers. Under `make check-tsan` the thread sanitizer also watches for
 * any data race (a model is immutable, so there must be none). */
#include "util.h"

#include <pthread.h>
#include <string.h>

#define THREADS 8
#define POINTS 400
#define ANSWERS 11

typedef struct job {
    const career_model *model;
    double out[POINTS][ANSWERS];
    career_projection_row rows[21];
    career_band bands[21];
    career_status status;
} job;

static void answer(const career_model *m, size_t i, double *out, career_status *bad)
{
    double x = 0.061 * (double)i, s = 60000.0 + 350.0 * (double)i;
    double p = (0.5 + (double)i) / POINTS;
    size_t tier = 0, next = 0;
    career_status st = CAREER_OK;

#define ASK(call)                                                              \
    do {                                                                       \
        career_status st_ = (call);                                            \
        if (st_ != CAREER_OK)                                                  \
            st = st_;                                                          \
    } while (0)
    ASK(career_salary_at(m, x, &out[0]));
    ASK(career_salary_at_n(m, &x, &out[1], 1));
    ASK(career_tier_at(m, x, &tier));
    out[2] = (double)tier;
    ASK(career_quantile_at(m, x, p, &out[3]));
    ASK(career_percentile_at(m, x, s, &out[4]));
    ASK(career_market_quantile(m, p, &out[5]));
    ASK(career_market_percentile(m, s, &out[6]));
    ASK(career_range_penetration(m, x, s, &out[7]));
    ASK(career_salary_growth_rate(m, x, &out[8]));
    ASK(career_tier_progress(m, x, &out[9]));
    if (career_years_to_salary(m, s, &out[10]) != CAREER_OK)
        out[10] = -1.0; /* above the clamped curve: never reached */
    if (career_next_tier(m, x, &next, &out[10]) == CAREER_OK)
        out[10] += (double)next;
#undef ASK
    if (st != CAREER_OK)
        *bad = st;
}

static void *run(void *arg)
{
    job *j = arg;
    size_t i;
    career_projection_options po = {.horizon = 20, .start_years = 1.5,
                                    .inflation = 0.02};
    /* the Monte Carlo runs its own 2 workers inside each of the 8 threads */
    career_simulation_options so = {.paths = 3000, .seed = 2385, .threads = 2};
    career_status st;

    for (i = 0; i < POINTS; i++)
        answer(j->model, i, j->out[i], &j->status);
    if ((st = career_project(j->model, &po, j->rows, 21)) != CAREER_OK ||
        (st = career_simulate(j->model, &po, &so, j->bands, 21)) != CAREER_OK)
        j->status = st;
    return NULL;
}

static void shared_model(void **state)
{
    static job reference, jobs[THREADS];
    pthread_t threads[THREADS];
    career_model *m = test_model(NULL);
    size_t t;
    (void)state;
    reference.model = m;
    run(&reference);
    assert_status(reference.status, CAREER_OK);
    for (t = 0; t < THREADS; t++) {
        jobs[t].model = m;
        assert_int_equal(pthread_create(&threads[t], NULL, run, &jobs[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        assert_int_equal(pthread_join(threads[t], NULL), 0);
        assert_status(jobs[t].status, CAREER_OK);
        assert_memory_equal(jobs[t].out, reference.out, sizeof reference.out);
        assert_memory_equal(jobs[t].rows, reference.rows, sizeof reference.rows);
        assert_memory_equal(jobs[t].bands, reference.bands, sizeof reference.bands);
    }
    career_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shared_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
