/* test_simulate.c - the Monte Carlo fan (lib/simulate.c). */
#include "util.h"

#include <float.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "plan/select.h"
#include "plan/simulate.h"

#define GUARD_BYTE 0x5A

static int untouched(const void *p, size_t n)
{
    return test_bytes_are(p, n, GUARD_BYTE);
}

/* ---- reproducibility -------------------------------------------------- */

/* 5 blocks of 4096 paths and a short last one: more blocks than 2 or 3
 * threads, fewer than 8 (which is then capped). */
static void same_seed_same_bands_any_thread_count(void **state)
{
    static const unsigned threads[] = {2, 3, 8, 0, 1000};
    career_projection_options o = {.start_years = 1.5, .horizon = 12,
                                   .inflation = 0.02};
    career_simulation_options s = {.paths = 20000, .seed = 20240611,
                                   .threads = 1};
    career_band one[13], many[13];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_simulate(model, &o, &s, one, 13, NULL, 0), CAREER_OK);
    for (size_t k = 0; k < sizeof threads / sizeof threads[0]; k++) {
        s.threads = threads[k];
        memset(many, 0, sizeof many);
        assert_status(career_simulate(model, &o, &s, many, 13, NULL, 0),
                      CAREER_OK);
        assert_memory_equal(one, many, sizeof one);
    }
    /* and another seed gives another fan */
    s.seed++;
    assert_status(career_simulate(model, &o, &s, many, 13, NULL, 0), CAREER_OK);
    assert_true(memcmp(one, many, sizeof one) != 0);
    assert_close(many[0].p50, one[0].p50, 0); /* year 0 is the start */
    assert_true(many[12].p50 != one[12].p50);
}

static void zero_options_mean_defaults(void **state)
{
    career_simulation_options zero = {0};
    career_simulation_options explicit = {.paths = 10000, .threads = 1,
                                          .volatility = 0.05,
                                          .pace_sd = 0.25};
    career_band a[11], b[11], c[11];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_simulate(model, NULL, NULL, a, 11, NULL, 0),
                  CAREER_OK);
    assert_status(career_simulate(model, NULL, &zero, b, 11, NULL, 0),
                  CAREER_OK);
    assert_status(career_simulate(model, NULL, &explicit, c, 11, NULL, 0),
                  CAREER_OK);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_equal(a, c, sizeof a);
}

/* Past 8 x 16384 paths each year's quantiles come from buckets filled in
 * parallel from a sample's brackets: bit for bit the quantiles of all the
 * salaries, on any thread count. */
static void bracketed_quantiles_equal_whole_selection(void **state)
{
    static const unsigned threads[] = {1, 2, 3};
    career_projection_options o = {.start_years = 0.5, .horizon = 6,
                                   .inflation = 0.021};
    career_simulation_options s = {.paths = 140001, .seed = 2385};
    career_band whole[7], fast[7];
    const career_model *model = *state; /* test_setup_model */

    assert_status(careerp_simulate_whole_years(model, &o, &s, whole, 7),
                  CAREER_OK);
    for (size_t k = 0; k < sizeof threads / sizeof threads[0]; k++) {
        s.threads = threads[k];
        memset(fast, 0, sizeof fast);
        assert_status(career_simulate(model, &o, &s, fast, 7, NULL, 0),
                      CAREER_OK);
        assert_memory_equal(whole, fast, sizeof fast);
    }
    assert_true(whole[6].p10 < whole[6].p50 && whole[6].p50 < whole[6].p90);
}

/* Runs below the brackets' threshold select whole years by radix: the same
 * bands, bit for bit, as the quickselect of the reference, on any thread
 * count, with shocks and pace or without. */
static void small_runs_equal_whole_selection(void **state)
{
    static const size_t paths[] = {1, 300, 4097, 10000, 131071};
    static const unsigned flags[] = {0, CAREER_SIM_NO_SHOCKS,
                                     CAREER_SIM_FIXED_PACE};
    career_projection_options o = {.start_years = 1.5, .horizon = 9,
                                   .inflation = 0.017};
    career_band whole[10], fast[10];
    const career_model *model = *state; /* test_setup_model */

    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
            career_simulation_options s = {.paths = paths[k], .seed = 2385,
                                           .flags = flags[f]};

            assert_status(careerp_simulate_whole_years(model, &o, &s, whole, 10),
                          CAREER_OK);
            for (unsigned t = 1; t <= 2; t++) {
                s.threads = t;
                memset(fast, 0, sizeof fast);
                assert_status(career_simulate(model, &o, &s, fast, 10, NULL, 0),
                              CAREER_OK);
                assert_memory_equal(whole, fast, sizeof fast);
            }
        }
    }
}

/* ---- consistency with the deterministic projection -------------------- */

static void no_randomness_is_the_deterministic_path(void **state)
{
    career_projection_options o = {.start_years = 2, .start_salary = 110000,
                                   .horizon = 15, .inflation = 0.025,
                                   .discount = 0.03};
    career_simulation_options s = {.paths = 5000, .seed = 7, .threads = 2,
                                   .flags = CAREER_SIM_NO_SHOCKS |
                                            CAREER_SIM_FIXED_PACE};
    career_projection_row rows[16];
    career_band bands[16];
    double share[16 * 4];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 16), CAREER_OK);
    assert_status(career_simulate(model, &o, &s, bands, 16, share, 16 * 4),
                  CAREER_OK);
    for (unsigned t = 0; t <= 15; t++) {
        const career_band *b = &bands[t];
        double det = rows[t].salary;

        assert_int_equal(b->year, t);
        assert_close(b->mean, det, 1e-9);
        assert_close(b->p10, det, 1e-9);
        assert_close(b->p25, det, 1e-9);
        assert_close(b->p50, det, 1e-9);
        assert_close(b->p75, det, 1e-9);
        assert_close(b->p90, det, 1e-9);
        for (size_t i = 0; i < 4; i++)
            assert_close(share[t * 4 + i], rows[t].tier >= i ? 1.0 : 0.0, 0);
    }
}

/* Tolerances. With a fixed pace, ln salary_t = ln det_t + sigma sqrt(t) Z:
 * the median is det_t, the mean det_t exp(sigma^2 t / 2), the p90
 * det_t exp(sigma sqrt(t) 1.28155). For N draws of a normal with sd s the
 * sample median has standard error 1.2533 s / sqrt(N), the p90 1.7094
 * s / sqrt(N) (sqrt(p(1-p)) / phi(z_p)), the mean of the lognormal about
 * s / sqrt(N) (s small). At t = 12, s = 0.05 sqrt(12) = 0.173 and
 * N = 40,000: 0.0011, 0.0015 and 0.0009 relative. We allow 5 standard
 * errors: a false alarm has odds below 1e-6, and with a fixed seed the test
 * is deterministic anyway. */
static void shocks_only_match_the_lognormal(void **state)
{
    career_projection_options o = {.start_years = 0.75, .horizon = 12};
    career_simulation_options s = {.paths = 40000, .seed = 99, .threads = 2,
                                   .flags = CAREER_SIM_FIXED_PACE};
    career_projection_row rows[13];
    career_band bands[13];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 13), CAREER_OK);
    assert_status(career_simulate(model, &o, &s, bands, 13, NULL, 0),
                  CAREER_OK);
    for (unsigned t = 1; t <= 12; t++) {
        double sd = 0.05 * sqrt((double)t), root_n = sqrt(40000.0);
        double det = rows[t].salary;

        assert_close(bands[t].p50, det, 5 * 1.2533 * sd / root_n);
        assert_close(bands[t].mean, det * exp(sd * sd / 2), 5 * sd / root_n);
        assert_close(bands[t].p90, det * exp(sd * 1.2815516),
                     5 * 1.7094 * sd / root_n);
        assert_close(bands[t].p10, det * exp(-sd * 1.2815516),
                     5 * 1.7094 * sd / root_n);
    }
}

/* Without shocks, salary_t = f(v) with f non-decreasing in the pace v, so
 * the median salary is f(median v) = f(1) = the deterministic salary. The
 * sample median of ln v (sd 0.25) has standard error 1.2533 * 0.25 /
 * sqrt(N) = 0.0016 at N = 40,000; it moves x_t by t v times that, and the
 * salary by d ln m / dx (at most 0.06 here) times that: at t = 10,
 * 0.06 * 10 * 0.0016 = 0.001 relative. 0.5 % is 5 standard errors. */
static void pace_only_median_is_deterministic(void **state)
{
    career_projection_options o = {.horizon = 10};
    career_simulation_options s = {.paths = 40000, .seed = 3, .threads = 2,
                                   .flags = CAREER_SIM_NO_SHOCKS};
    career_projection_row rows[11];
    career_band bands[11];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, &o, rows, 11), CAREER_OK);
    assert_status(career_simulate(model, &o, &s, bands, 11, NULL, 0),
                  CAREER_OK);
    for (unsigned t = 0; t <= 10; t++)
        assert_close(bands[t].p50, rows[t].salary, 0.005);
}

/* Both at their defaults: the median of the sum ln m(x0 + v t) + u_t is not
 * exactly the sum of the medians (ln m(x0 + v t) is skewed), so this checks
 * only that the fan is centred on the path, within 2 %. */
static void default_fan_is_centred(void **state)
{
    career_simulation_options s = {.paths = 30000, .seed = 11, .threads = 2};
    career_projection_row rows[11];
    career_band bands[11];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_project(model, NULL, rows, 11), CAREER_OK);
    assert_status(career_simulate(model, NULL, &s, bands, 11, NULL, 0),
                  CAREER_OK);
    for (unsigned t = 0; t <= 10; t++) {
        const career_band *b = &bands[t];
        assert_close(b->p50, rows[t].salary, 0.02);
        assert_true(b->p10 <= b->p25 && b->p25 <= b->p50);
        assert_true(b->p50 <= b->p75 && b->p75 <= b->p90);
    }
    assert_true(bands[10].p90 - bands[10].p10 > bands[1].p90 - bands[1].p10);
}

/* ---- tier shares ------------------------------------------------------ */

static void tier_shares(void **state)
{
    career_projection_options o = {.horizon = 20};
    career_simulation_options s = {.paths = 20000, .seed = 5, .threads = 3};
    career_band bands[21];
    /* 4 tiers a year, row-major, and a guard row past year 20 */
    double share[22][4];
    const career_model *model = *state; /* test_setup_model */

    memset(share, GUARD_BYTE, sizeof share);
    assert_status(career_simulate(model, &o, &s, bands, 21, &share[0][0],
                                  21 * 4 - 1),
                  CAREER_ERR_BUFFER);
    assert_true(untouched(share, sizeof share));
    assert_status(career_simulate(model, &o, &s, bands, 21, &share[0][0],
                                  21 * 4),
                  CAREER_OK);
    assert_true(untouched(share[21], sizeof share[21]));
    assert_close(share[0][1], 0.0, 0);
    for (unsigned t = 0; t <= 20; t++) {
        assert_close(share[t][0], 1.0, 0);
        for (size_t i = 1; i < 4; i++)
            assert_true(share[t][i] <= share[t][i - 1]);
        if (t > 0)
            for (size_t i = 0; i < 4; i++)
                assert_true(share[t][i] >= share[t - 1][i]);
    }
    /* Half of the paces are above 1: tier 2 (8 years) is reached by about
     * half the paths at t = 8, and by most at t = 20. */
    assert_close(share[8][2], 0.5, 0.05);
    assert_true(share[20][3] > 0.5);
}

/* ---- progress --------------------------------------------------------- */

typedef struct progress_log {
    pthread_t caller;
    int calls;
    int wrong_thread;
    double last;
    int backwards;
    int stop_at; /* the call that asks to stop; 0 = never */
} progress_log;

static int on_progress(void *context, double done)
{
    progress_log *log = context;
    if (!pthread_equal(pthread_self(), log->caller))
        log->wrong_thread = 1;
    if (done < log->last || done < 0.0 || done > 1.0)
        log->backwards = 1;
    log->last = done;
    log->calls++;
    return log->stop_at > 0 && log->calls >= log->stop_at;
}

static void progress_from_the_calling_thread(void **state)
{
    progress_log log = {.caller = pthread_self()};
    career_projection_options o = {.horizon = 6};
    career_simulation_options s = {.paths = 9000, .threads = 3,
                                   .progress = on_progress,
                                   .progress_context = &log};
    career_band bands[7];
    const career_model *model = *state; /* test_setup_model */

    assert_status(career_simulate(model, &o, &s, bands, 7, NULL, 0), CAREER_OK);
    assert_true(log.calls >= 2);
    assert_false(log.wrong_thread);
    assert_false(log.backwards);
    assert_close(log.last, 1.0, 0);
}

/* A non-zero return stops the run: CAREER_ERR_CANCELLED, no more calls,
 * nothing written, whichever phase it comes at (the last call, at 1.0,
 * included). */
static void progress_cancels(void **state)
{
    career_projection_options o = {.horizon = 6, .inflation = 0.021};
    career_band bands[7];
    double share[7 * 4];
    const career_model *model = *state; /* test_setup_model */

    /* horizon 6: phases 0..8, one call after each */
    for (int stop = 1; stop <= 9; stop += 4) {
        progress_log log = {.caller = pthread_self(), .stop_at = stop};
        career_simulation_options s = {.paths = 140001, .threads = 2,
                                       .seed = 2385, .progress = on_progress,
                                       .progress_context = &log};

        memset(bands, GUARD_BYTE, sizeof bands);
        memset(share, GUARD_BYTE, sizeof share);
        assert_status(career_simulate(model, &o, &s, bands, 7, share, 28),
                      CAREER_ERR_CANCELLED);
        assert_int_equal(log.calls, stop);
        assert_true(untouched(bands, sizeof bands));
        assert_true(untouched(share, sizeof share));
    }
}

/* ---- the Monte Carlo refuses what the projection refuses -------------- */

/* Salaries that overflow: the projection says CAREER_ERR_DOMAIN, and so
 * must the fan (it said OK with mean = inf and p50 = DBL_MAX). */
static void overflow_is_a_domain_error(void **state)
{
    static const career_projection_options proj[] = {
        {.inflation = 1e300},
        {.growth = 1e300, .growth_years = 1},
        {.horizon = 100, .inflation = 2000.0},
    };
    static const career_simulation_options sims[] = {
        {.paths = 2000, .volatility = 400},
        /* one sigma of the largest spread allowed already overflows */
        {.paths = 2000, .volatility = CAREER_SIM_MAX_SD},
    };
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    career_band bands[CAREER_MAX_HORIZON + 1];
    double share[(CAREER_MAX_HORIZON + 1) * 4];
    career_simulation_options s = {.paths = 3000, .threads = 2};
    const career_model *model = *state; /* test_setup_model */

    memset(bands, GUARD_BYTE, sizeof bands);
    memset(share, GUARD_BYTE, sizeof share);
    for (size_t i = 0; i < sizeof proj / sizeof proj[0]; i++) {
        assert_status(career_project(model, &proj[i], rows,
                                     CAREER_MAX_HORIZON + 1),
                      CAREER_ERR_DOMAIN);
        assert_status(career_simulate(model, &proj[i], &s, bands,
                                      CAREER_MAX_HORIZON + 1, share,
                                      sizeof share / sizeof share[0]),
                      CAREER_ERR_DOMAIN);
    }
    for (size_t i = 0; i < sizeof sims / sizeof sims[0]; i++)
        assert_status(career_simulate(model, NULL, &sims[i], bands,
                                      CAREER_MAX_HORIZON + 1, share,
                                      sizeof share / sizeof share[0]),
                      CAREER_ERR_DOMAIN);
    assert_true(untouched(bands, sizeof bands));
    assert_true(untouched(share, sizeof share));
}

/* Spreads past ln(DBL_MAX) cannot give a finite fan: refused up front (a
 * volatility of 1e300 gave OK with p10 = p50 = 0). */
static void absurd_spreads_refused(void **state)
{
    static const double bad[] = {1e300, CAREER_SIM_MAX_SD * 1.0001, 2385.0};
    career_band bands[11];
    const career_model *model = *state; /* test_setup_model */

    memset(bands, GUARD_BYTE, sizeof bands);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        career_simulation_options v = {.paths = 100, .volatility = bad[i]};
        career_simulation_options p = {.paths = 100, .pace_sd = bad[i]};
        career_simulation_options out;

        assert_status(career_simulate(model, NULL, &v, bands, 11, NULL, 0),
                      CAREER_ERR_DOMAIN);
        assert_status(career_simulate(model, NULL, &p, bands, 11, NULL, 0),
                      CAREER_ERR_DOMAIN);
        assert_status(career_simulation_resolve(&v, &out), CAREER_ERR_DOMAIN);
    }
    assert_true(untouched(bands, sizeof bands));
}

/* ---- resolved options ------------------------------------------------- */

/* The defaults (docs/model.md §9: 10,000 paths, sigma 0.05, sigma_v 0.25, one
 * thread), and the spreads the flags zero. */
static void resolve_fills_the_defaults(void **state)
{
    career_simulation_options out, in = {.volatility = 0.07, .pace_sd = 0.3,
                                         .seed = 42,
                                         .flags = CAREER_SIM_FIXED_PACE};
    (void)state;

    assert_status(career_simulation_resolve(NULL, &out), CAREER_OK);
    assert_int_equal(out.paths, 10000);
    assert_close(out.volatility, 0.05, 0);
    assert_close(out.pace_sd, 0.25, 0);
    assert_int_equal(out.threads, 1);
    assert_int_equal(out.seed, 0);
    assert_status(career_simulation_resolve(&in, &out), CAREER_OK);
    assert_int_equal(out.paths, 10000);
    assert_close(out.volatility, 0.07, 0);
    assert_close(out.pace_sd, 0.0, 0);
    assert_int_equal(out.seed, 42);
    assert_int_equal(out.flags, CAREER_SIM_FIXED_PACE);
    assert_status(career_simulation_resolve(NULL, NULL), CAREER_ERR_ARG);
    in.volatility = NAN;
    assert_status(career_simulation_resolve(&in, &out), CAREER_ERR_ARG);
    in.volatility = -0.5;
    assert_status(career_simulation_resolve(&in, &out), CAREER_ERR_DOMAIN);
}

/* The threads a run uses: no more than its blocks of 4,096 paths
 * (simulate.c's BLOCK), whatever was asked: 4,096 paths are one block and
 * so one thread, 4,097 are two. */
static void resolve_reports_the_threads_used(void **state)
{
    career_simulation_options in = {.threads = 2, .paths = 4096}, out;
    (void)state;

    if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
        skip(); /* one processor: every run uses one thread anyway */
    assert_status(career_simulation_resolve(&in, &out), CAREER_OK);
    assert_int_equal(out.threads, 1);
    in.paths = 100;
    assert_status(career_simulation_resolve(&in, &out), CAREER_OK);
    assert_int_equal(out.threads, 1);
    in.paths = 4097;
    assert_status(career_simulation_resolve(&in, &out), CAREER_OK);
    assert_int_equal(out.threads, 2);
}

/* ---- the golden fan --------------------------------------------------- */

/* A seeded run pinned bit for bit in tests/data/golden-simulate.txt (hex
 * floats): a change of a seed's results must be a decision, made by
 * regenerating the file and saying why in the commit. The run takes the
 * bracketed quantile path (more than 8 x 16384 paths) on two threads. */
#define GOLDEN "tests/data/golden-simulate.txt"
#define GOLDEN_YEARS 13
#define GOLDEN_LINE 512

static career_status golden_run(const career_model *model,
                                career_band *bands, double *share)
{
    career_projection_options o = {.start_years = 0.5, .horizon = 12,
                                   .inflation = 0.021};
    career_simulation_options s = {.paths = 140001, .seed = 20240611,
                                   .threads = 2};

    return career_simulate(model, &o, &s, bands, GOLDEN_YEARS, share,
                           GOLDEN_YEARS * 4);
}

static void golden_line(char *line, const career_band *b, const double *sh)
{
    snprintf(line, GOLDEN_LINE, "%u %a %a %a %a %a %a %a %a %a %a\n",
             b->year, b->mean, b->p10, b->p25, b->p50, b->p75, b->p90, sh[0],
             sh[1], sh[2], sh[3]);
}

static void golden_write(const career_band *bands, const double *share)
{
    FILE *f = fopen(GOLDEN, "w");
    char line[GOLDEN_LINE];

    assert_non_null(f);
    fputs("# career_simulate, built-in profile, x0 0.5, H 12, inflation "
          "0.021,\n# 140001 paths, seed 20240611, 2 threads: year mean p10 "
          "p25 p50 p75 p90\n# and the shares of tiers 0-3, as hex floats. "
          "Written by tests/test_simulate.c\n# with CAREER_GOLDEN_WRITE=1 "
          "(see golden_fan).\n", f);
    for (size_t t = 0; t < GOLDEN_YEARS; t++) {
        golden_line(line, &bands[t], share + 4 * t);
        fputs(line, f);
    }
    assert_int_equal(fclose(f), 0);
}

/* To regenerate, from the top folder, after a deliberate change of
 * results: CAREER_GOLDEN_WRITE=1 build/default/tests/test_simulate */
static void golden_fan(void **state)
{
    career_band bands[GOLDEN_YEARS];
    double share[GOLDEN_YEARS * 4];
    char want[GOLDEN_LINE], got[GOLDEN_LINE];
    const career_model *model = *state; /* test_setup_model */
    FILE *f;
    size_t t = 0;

    assert_status(golden_run(model, bands, share), CAREER_OK);
    if (getenv("CAREER_GOLDEN_WRITE"))
        golden_write(bands, share);
    f = fopen(GOLDEN, "r");
    if (!f)
        fail_msg("%s: cannot open (run from the top folder)", GOLDEN);
    while (fgets(want, sizeof want, f)) {
        if (want[0] == '#')
            continue;
        assert_true(t < GOLDEN_YEARS);
        golden_line(got, &bands[t], share + 4 * t);
        if (strcmp(got, want) != 0) {
            fclose(f);
            fail_msg("year %zu differs from %s:\n want %s  got %s"
                     "If the change of results is intended, regenerate: "
                     "CAREER_GOLDEN_WRITE=1 build/default/tests/test_simulate",
                     t, GOLDEN, want, got);
        }
        t++;
    }
    fclose(f);
    assert_int_equal(t, GOLDEN_YEARS);
}

/* ---- odd sizes -------------------------------------------------------- */

static void one_path_and_block_edges(void **state)
{
    static const size_t sizes[] = {1, 2, 4095, 4096, 4097};
    career_projection_options o = {.horizon = 4};
    career_band bands[5];
    const career_model *model = *state; /* test_setup_model */

    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        career_simulation_options s = {.paths = sizes[k], .seed = 1,
                                       .threads = 2};
        assert_status(career_simulate(model, &o, &s, bands, 5, NULL, 0),
                      CAREER_OK);
        assert_close(bands[0].mean, 100500.0, 1e-12);
        if (sizes[k] == 1) {
            assert_close(bands[4].p10, bands[4].mean, 0);
            assert_close(bands[4].p90, bands[4].mean, 0);
        }
        assert_true(bands[4].p10 <= bands[4].p90);
    }
}

/* ---- selection against sorting ---------------------------------------- */

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double sorted_quantile(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)h;
    double frac = h - (double)lo;
    return frac > 0 && lo + 1 < n ? s[lo] + frac * (s[lo + 1] - s[lo]) : s[lo];
}

static void quantiles_by_selection_equal_sorting(void **state)
{
    static const double p[7] = {0.0, 0.10, 0.25, 0.50, 0.75, 0.90, 1.0};
    static const size_t sizes[] = {1, 2, 3, 5, 16, 17, 18, 100, 1001, 4099};
    double *a = malloc(5000 * sizeof *a), *sorted = malloc(5000 * sizeof *a);
    unsigned long x = 12345;
    (void)state;

    assert_non_null(a);
    assert_non_null(sorted);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (int kind = 0; kind < 4; kind++) {
            size_t n = sizes[k];
            double q[7];

            for (size_t i = 0; i < n; i++) {
                x = x * 6364136223846793005UL + 1442695040888963407UL;
                double u = (double)(x >> 11) / 9007199254740992.0;
                /* distinct, few values (ties), all equal, descending */
                a[i] = kind == 0   ? u
                       : kind == 1 ? floor(u * 4)
                       : kind == 2 ? 2.385
                                   : (double)(n - i);
            }
            memcpy(sorted, a, n * sizeof *a);
            qsort(sorted, n, sizeof *sorted, by_value);
            careerp_quantiles(a, n, p, 7, q, NULL, 0);
            for (int j = 0; j < 7; j++)
                assert_close(q[j], sorted_quantile(sorted, n, p[j]), 1e-15);
            /* a[] is reordered, not changed */
            qsort(a, n, sizeof *a, by_value);
            assert_memory_equal(a, sorted, n * sizeof *a);
        }
    }
    free(a);
    free(sorted);
}

/* Radix selection against the quickselect, bit for bit: sizes about its
 * rounds' threshold, ties, outliers that stretch the key range, signs,
 * zeros of both signs, subnormals; a[] is reordered, not changed. */
static void quantiles_by_radix_equal_selection(void **state)
{
    static const double p[7] = {0.0, 0.10, 0.25, 0.50, 0.75, 0.90, 1.0};
    static const size_t sizes[] = {1, 2, 255, 256, 257, 1000, 10007, 70001};
    enum { KINDS = 8, MAXN = 70001 };
    double *a = malloc(MAXN * sizeof *a), *b = malloc(MAXN * sizeof *a);
    careerp_radix_work *w = malloc(sizeof *w);
    unsigned long x = 2385;
    (void)state;

    assert_true(a && b && w);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (int kind = 0; kind < KINDS; kind++) {
            size_t n = sizes[k];
            double qs[7], qr[7];

            for (size_t i = 0; i < n; i++) {
                x = x * 6364136223846793005UL + 1442695040888963407UL;
                double u = (double)(x >> 11) / 9007199254740992.0;
                /* lognormal salaries; the same with rare huge outliers;
                 * few values; all equal; mixed signs; zeros of both signs
                 * among negatives; subnormals; descending */
                a[i] = kind == 0   ? 1e5 * exp(0.3 * (u - 0.5))
                       : kind == 1 ? (u < 0.001 ? DBL_MAX : 1e5 * exp(u))
                       : kind == 2 ? floor(u * 5)
                       : kind == 3 ? 2.385
                       : kind == 4 ? (u - 0.5) * 1e6
                       : kind == 5 ? (u < 0.3 ? 0.0 : u < 0.6 ? -0.0 : -u)
                       : kind == 6 ? u * 1e-310
                                   : (double)(n - i);
            }
            memcpy(b, a, n * sizeof *a);
            careerp_select_quantiles(b, n, p, 7, qs);
            memcpy(b, a, n * sizeof *a);
            careerp_radix_quantiles(b, n, p, 7, qr, w);
            for (int j = 0; j < 7; j++) /* == : +0 and -0 compare equal */
                assert_true(qr[j] == qs[j]);
            if (kind != 5)
                assert_memory_equal(qr, qs, sizeof qs);
            qsort(a, n, sizeof *a, by_value);
            qsort(b, n, sizeof *b, by_value);
            for (size_t i = 0; i < n; i++)
                assert_true(a[i] == b[i]);
        }
    }
    free(a);
    free(b);
    free(w);
}

/* The one-pass bracket path of large inputs: the same values as sorting,
 * and a[] left as it was; with ties or a sorted input it either concludes
 * or falls back, and is exact both ways. */
static void quantiles_by_brackets_equal_sorting(void **state)
{
    static const double p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
    enum { N = 200003 };
    size_t nscratch = careerp_quantile_scratch(N);
    double *a = malloc(N * sizeof *a), *copy = malloc(N * sizeof *a);
    double *sorted = malloc(N * sizeof *a);
    double *scratch = malloc(nscratch * sizeof *scratch);
    unsigned long x = 987654321;
    (void)state;

    assert_true(a && copy && sorted && scratch);
    for (int kind = 0; kind < 4; kind++) {
        double q[5];

        for (size_t i = 0; i < N; i++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            double u = (double)(x >> 11) / 9007199254740992.0;
            /* lognormal-ish salaries, heavy ties, ascending, all equal */
            a[i] = kind == 0   ? 1e5 * exp(0.3 * (u - 0.5))
                   : kind == 1 ? floor(u * 7)
                   : kind == 2 ? (double)i
                               : 160000.0;
        }
        memcpy(copy, a, N * sizeof *a);
        memcpy(sorted, a, N * sizeof *a);
        qsort(sorted, N, sizeof *sorted, by_value);
        careerp_quantiles(a, N, p, 5, q, scratch, nscratch);
        for (int j = 0; j < 5; j++)
            assert_close(q[j], sorted_quantile(sorted, N, p[j]), 1e-15);
        if (kind == 0 || kind == 2)
            assert_memory_equal(a, copy, N * sizeof *a);
    }
    free(a);
    free(copy);
    free(sorted);
    free(scratch);
}

/* ---- bad options and buffers ------------------------------------------ */

static void bad_options(void **state)
{
    const struct {
        career_simulation_options s;
        career_status want;
    } cases[] = {
        {{.volatility = -0.05}, CAREER_ERR_DOMAIN},
        {{.volatility = NAN}, CAREER_ERR_ARG},
        {{.volatility = INFINITY}, CAREER_ERR_ARG},
        {{.pace_sd = -2.385}, CAREER_ERR_DOMAIN},
        {{.pace_sd = NAN}, CAREER_ERR_ARG},
        {{.flags = 4}, CAREER_ERR_ARG},
        /* a negative sigma is wrong even when a flag would zero it */
        {{.volatility = -1, .flags = CAREER_SIM_NO_SHOCKS}, CAREER_ERR_DOMAIN},
        {{.paths = SIZE_MAX}, CAREER_ERR_NOMEM},
        {{.paths = SIZE_MAX / 8}, CAREER_ERR_NOMEM},
    };
    career_projection_options far = {.horizon = CAREER_MAX_HORIZON + 1};
    career_projection_options nan_start = {.start_years = NAN};
    career_projection_options neg_growth = {.growth = -1.5, .growth_years = 3};
    career_band bands[CAREER_MAX_HORIZON + 2];
    const career_model *model = *state; /* test_setup_model */

    memset(bands, GUARD_BYTE, sizeof bands);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        career_status got = career_simulate(model, NULL, &cases[i].s, bands,
                                            CAREER_MAX_HORIZON + 2, NULL, 0);
        if (got != cases[i].want)
            print_error("bad option case %zu\n", i);
        assert_status(got, cases[i].want);
    }
    assert_status(career_simulate(model, &far, NULL, bands, 200, NULL, 0),
                  CAREER_ERR_ARG);
    assert_status(career_simulate(model, &nan_start, NULL, bands, 11, NULL, 0),
                  CAREER_ERR_ARG);
    assert_status(career_simulate(model, &neg_growth, NULL, bands, 11, NULL, 0),
                  CAREER_ERR_DOMAIN);
    assert_status(career_simulate(NULL, NULL, NULL, bands, 11, NULL, 0),
                  CAREER_ERR_ARG);
    assert_status(career_simulate(model, NULL, NULL, NULL, 11, NULL, 0),
                  CAREER_ERR_ARG);
    assert_true(untouched(bands, sizeof bands));
}

static void buffer_size(void **state)
{
    career_projection_options o = {.horizon = 5};
    career_simulation_options s = {.paths = 3000, .threads = 2};
    career_band bands[7];
    const career_model *model = *state; /* test_setup_model */

    memset(bands, GUARD_BYTE, sizeof bands);
    assert_status(career_simulate(model, &o, &s, bands, 5, NULL, 0),
                  CAREER_ERR_BUFFER);
    assert_status(career_simulate(model, NULL, &s, bands, 7, NULL, 0),
                  CAREER_ERR_BUFFER);
    assert_status(career_simulate(model, &o, &s, bands, 0, NULL, 0),
                  CAREER_ERR_BUFFER);
    assert_true(untouched(bands, sizeof bands));
    assert_status(career_simulate(model, &o, &s, bands, 6, NULL, 0), CAREER_OK);
    assert_int_equal(bands[5].year, 5);
    assert_true(untouched(&bands[6], sizeof bands[6]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_bands_any_thread_count),
        cmocka_unit_test(zero_options_mean_defaults),
        cmocka_unit_test(bracketed_quantiles_equal_whole_selection),
        cmocka_unit_test(small_runs_equal_whole_selection),
        cmocka_unit_test(no_randomness_is_the_deterministic_path),
        cmocka_unit_test(shocks_only_match_the_lognormal),
        cmocka_unit_test(pace_only_median_is_deterministic),
        cmocka_unit_test(default_fan_is_centred),
        cmocka_unit_test(tier_shares),
        cmocka_unit_test(progress_from_the_calling_thread),
        cmocka_unit_test(progress_cancels),
        cmocka_unit_test(overflow_is_a_domain_error),
        cmocka_unit_test(absurd_spreads_refused),
        cmocka_unit_test(resolve_fills_the_defaults),
        cmocka_unit_test(resolve_reports_the_threads_used),
        cmocka_unit_test(golden_fan),
        cmocka_unit_test(one_path_and_block_edges),
        cmocka_unit_test(quantiles_by_selection_equal_sorting),
        cmocka_unit_test(quantiles_by_radix_equal_selection),
        cmocka_unit_test(quantiles_by_brackets_equal_sorting),
        cmocka_unit_test(bad_options),
        cmocka_unit_test(buffer_size),
    };
    return cmocka_run_group_tests(tests, test_setup_model, test_teardown_model);
}
