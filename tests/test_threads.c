/* test_threads.c - one model shared by 8 threads. Every thread runs every
 * query, a projection and a Monte Carlo over the same inputs and must get
 * exactly the single-threaded answers. Under `make check-tsan` the thread sanitizer also watches for
 * any data race (a model is immutable, so there must be none). */
#include "util.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "plan/pool.h"

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
        (st = career_simulate(j->model, &po, &so, j->bands, 21, NULL, 0)) !=
            CAREER_OK)
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

/* ---- the Monte Carlo's pool ------------------------------------------- */

/* The thread count is capped at the online processors and at
 * CAREER_SIM_MAX_THREADS; 0 means 1. */
static void threads_capped(void **state)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned want = online > 0 && online < (long)CAREER_SIM_MAX_THREADS
                        ? (unsigned)online
                        : CAREER_SIM_MAX_THREADS;
    /* enough paths for 64 blocks of 4,096, so that only the cap counts */
    career_simulation_options s = {.threads = 1000, .paths = 64 * 4096}, out;
    (void)state;

    assert_int_equal(careerp_pool_threads(1000), want);
    assert_int_equal(careerp_pool_threads(0), 1);
    assert_int_equal(careerp_pool_threads(1), 1);
    /* and the resolved options say so */
    assert_status(career_simulation_resolve(&s, &out), CAREER_OK);
    assert_int_equal(out.threads, want);
    s.threads = 0;
    assert_status(career_simulation_resolve(&s, &out), CAREER_OK);
    assert_int_equal(out.threads, 1);
}

static pthread_t signal_caller;
static volatile sig_atomic_t signal_seen, signal_on_helper;

static void on_usr1(int sig)
{
    (void)sig;
    signal_seen = 1;
    if (!pthread_equal(pthread_self(), signal_caller))
        signal_on_helper = 1;
}

/* On the first call, while the helpers wait for the next phase: the caller
 * blocks SIGUSR1 and raises it for the process. A helper that had not
 * blocked it would take it. */
static int raise_usr1_once(void *context, double done)
{
    sigset_t usr1;
    int *raised = context;
    (void)done;

    if (!*raised) {
        *raised = 1;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &usr1, NULL);
        kill(getpid(), SIGUSR1);
    }
    return 0;
}

static void helpers_block_signals(void **state)
{
    int raised = 0;
    career_simulation_options s = {.paths = 9000, .threads = 2,
                                   .progress = raise_usr1_once,
                                   .progress_context = &raised};
    career_band bands[11];
    career_model *m = test_model(NULL);
    struct sigaction sa, old;
    sigset_t usr1;
    (void)state;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    signal_caller = pthread_self();
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    assert_status(career_simulate(m, NULL, &s, bands, 11, NULL, 0),
                  CAREER_OK);
    assert_true(raised);
    /* still pending for the process: it comes to this thread now */
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    assert_true(signal_seen);
    assert_false(signal_on_helper);
    sigaction(SIGUSR1, &old, NULL);
    career_model_free(m);
}

/* A run from a thread with a small stack: the work space of the bucketing
 * (45 KB a block) is on the heap. Sanitizers grow frames: there the stack
 * is ample and the test only runs the code. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SMALL_STACK (1024u * 1024u)
#else
#define SMALL_STACK (32u * 1024u)
#endif

static career_model *test_model_shared;

static void *simulate_big(void *arg)
{
    static career_band bands[7];
    career_projection_options o = {.horizon = 6};
    /* more than 8 x 16384 paths: the bracketed quantiles */
    career_simulation_options s = {.paths = 140001, .seed = 1};
    career_status *st = arg;

    *st = career_simulate(test_model_shared, &o, &s, bands, 7, NULL, 0);
    return NULL;
}

static void small_caller_stack(void **state)
{
    pthread_attr_t attr;
    pthread_t t;
    career_status st = CAREER_ERR_ARG;
    (void)state;

    test_model_shared = test_model(NULL);
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    assert_int_equal(pthread_create(&t, &attr, simulate_big, &st), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    pthread_attr_destroy(&attr);
    assert_status(st, CAREER_OK);
    career_model_free(test_model_shared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shared_model),
        cmocka_unit_test(threads_capped),
        cmocka_unit_test(helpers_block_signals),
        cmocka_unit_test(small_caller_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
