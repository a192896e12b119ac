/* bench_merit.c - a merit cycle of 1,000,000 employees with a budget, in
 * its two forms (career_merit_cycle's rows with reserved slots, and
 * career_merit_run's slim rows, with a kept work space and without),
 * against the floor: a plain C loop that applies the same matrix (tier,
 * range, position, lift, cap, lump sum, the result's fields) without the
 * budget solve and the cent distribution. CPU time, median and range of
 * RUNS rounds, each running every contender once in a shuffled order, in
 * one process on the same data, one thread. Targets: the slim cycle
 * <= 100 ms and <= 3x the plain loop; its results the wide form's, bit for
 * bit.
 *
 *   build/default/bench/bench_merit [employees]   (default 1,000,000) */
#include <career.h>

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define RUNS 7

static const char policy_json[] =
    "{\"format\": \"career-merit-policy/1\","
    " \"ratings\": [\"below\", \"meets\", \"exceeds\", \"outstanding\"],"
    " \"matrix\": {\"below\": [0.015, 0.01, 0.005, 0],"
    " \"meets\": [0.04, 0.035, 0.03, 0.02],"
    " \"exceeds\": [0.06, 0.05, 0.04, 0.03],"
    " \"outstanding\": [0.08, 0.07, 0.06, 0.045]},"
    " \"ranges\": {\"method\": \"spread\", \"spread\": 0.5},"
    " \"max_raise\": 0.10,"
    " \"minimum_raise\": {\"from\": \"meets\", \"rate\": 0.01},"
    " \"budget\": {\"rate\": 0.035}}";

static const double matrix[4][4] = {{0.015, 0.01, 0.005, 0},
                                    {0.04, 0.035, 0.03, 0.02},
                                    {0.06, 0.05, 0.04, 0.03},
                                    {0.08, 0.07, 0.06, 0.045}};

static uint64_t state = 0x2385ULL;
static double uniform01(void)
{
    return bench_uniform01(&state);
}

static volatile double sink;

/* The plain loop: what a caller would write to apply the matrix as it
 * stands (k = 1), with the same range rules and the same outputs. */
static void plain_loop(const career_employee *e, size_t n,
                       const career_pay_range *r, size_t ntiers,
                       const double *min_years, career_merit_result *out)
{
    size_t i, t, j, pos;

    for (i = 0; i < n; i++) {
        double s = e[i].salary, lift, base, rate, merit, room, into, after;
        for (t = 0, j = 1; j < ntiers; j++)
            t += e[i].years >= min_years[j];
        double pen = (s - r[t].min) / (r[t].max - r[t].min);
        pos = (size_t)((pen >= 0.25) + (pen >= 0.5) + (pen >= 0.75));
        lift = s < r[t].min ? round((r[t].min - s) * 100) / 100 : 0;
        base = s + lift;
        rate = fmin(fmax(matrix[e[i].rating][pos], e[i].rating ? 0.01 : 0), 0.10);
        merit = round(base * rate * 100) / 100;
        room = fmax(r[t].max - base, 0);
        into = fmin(merit, room);
        after = base + into;
        memset(&out[i], 0, sizeof out[i]);
        out[i].tier = t;
        out[i].position = pos;
        out[i].rate = rate;
        out[i].lift = lift;
        out[i].merit = merit;
        out[i].base_raise = lift + into;
        out[i].lump_sum = merit - into;
        out[i].new_salary = after;
        out[i].compa_before = s / r[t].mid;
        out[i].compa_after = after / r[t].mid;
        out[i].penetration_before = pen;
        out[i].penetration_after = (after - r[t].min) / (r[t].max - r[t].min);
        out[i].flags = (unsigned)((s < r[t].min) | (s > r[t].max) << 1);
    }
    sink = out[n / 2].new_salary;
}

/* The median, range and ns an employee of RUNS CPU times. */
static void report(const char *what, double *t, size_t n)
{
    bench_spread sp = bench_spread_of(t, RUNS);

    printf("| %-50s | %8.1f | %8.1f - %-8.1f | %6.1f |\n", what,
           1e3 * sp.median, 1e3 * sp.lo, 1e3 * sp.hi,
           1e9 * sp.median / (double)n);
}

/* The contenders of a round, in a shuffled order each round. */
enum { WIDE, SLIM_WS, SLIM_NULL, PLAIN, NCONT };

typedef struct bench_data {
    const career_model *model;
    const career_merit_policy *policy;
    const career_employee *e;
    const career_merit_employee *slim;
    career_merit_result *res;
    career_merit_raise *raises;
    career_merit_workspace *ws;
    const career_pay_range *r;
    size_t n, ntiers;
    const double *min_years;
} bench_data;

/* CPU seconds of one run of contender c; -1 when the cycle failed or
 * missed its budget. */
static double time_one(const bench_data *d, int c)
{
    career_merit_summary s;
    career_status st = CAREER_OK;
    double t0 = bench_cpu();

    if (c == WIDE)
        st = career_merit_cycle(d->model, d->policy, d->e, d->n, d->res, &s,
                                NULL);
    else if (c == SLIM_WS || c == SLIM_NULL)
        st = career_merit_run(d->model, d->policy, d->slim, d->n, d->raises,
                              &s, c == SLIM_WS ? d->ws : NULL, NULL);
    else
        plain_loop(d->e, d->n, d->r, d->ntiers, d->min_years, d->res);
    t0 = bench_cpu() - t0;
    if (st != CAREER_OK || (c != PLAIN && s.cost_cents != s.budget_cents))
        return -1.0;
    return t0;
}

/* Whether the slim results are the wide ones, field by field, bit for
 * bit. */
static int same_results(const career_merit_result *w,
                        const career_merit_raise *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double a[10] = {w[i].rate, w[i].lift, w[i].merit, w[i].base_raise,
                        w[i].lump_sum, w[i].new_salary, w[i].compa_before,
                        w[i].compa_after, w[i].penetration_before,
                        w[i].penetration_after};
        double b[10] = {r[i].rate, r[i].lift, r[i].merit, r[i].base_raise,
                        r[i].lump_sum, r[i].new_salary, r[i].compa_before,
                        r[i].compa_after, r[i].penetration_before,
                        r[i].penetration_after};
        if (memcmp(a, b, sizeof a) != 0 || w[i].tier != r[i].tier ||
            w[i].position != r[i].position || w[i].flags != r[i].flags)
            return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, i;
    career_employee *e = calloc(n, sizeof *e);
    career_merit_employee *slim = calloc(n, sizeof *slim);
    career_merit_result *res = calloc(n, sizeof *res);
    career_merit_raise *raises = calloc(n, sizeof *raises);
    career_model *model = NULL;
    career_merit_policy *policy = NULL;
    career_merit_workspace *ws = NULL;
    career_merit_summary s;
    career_pay_range r[CAREER_MAX_TIERS];
    double min_years[CAREER_MAX_TIERS], t[NCONT][RUNS], ratio[RUNS];
    size_t ntiers;
    career_tier tier;
    int k, c, order[NCONT] = {WIDE, SLIM_WS, SLIM_NULL, PLAIN};
    int ratio_met, time_met, same;
    uint64_t shuffle = 0x2385ULL;
    bench_spread rs;

    gsl_set_error_handler_off();
    if (!e || !slim || !res || !raises || n == 0 ||
        career_model_new(career_profile_default(), NULL, &model, NULL) ||
        career_merit_policy_load_string(policy_json, &policy, NULL) ||
        career_pay_structure(model, policy, r, CAREER_MAX_TIERS) ||
        career_merit_workspace_new(&ws)) {
        fprintf(stderr, "bench_merit: setup failed\n");
        return 1;
    }
    ntiers = career_tier_count(model);
    for (i = 0; i < ntiers; i++)
        min_years[i] = career_tier_info(model, i, &tier) ? 0 : tier.min_years;
    for (i = 0; i < n; i++) {
        e[i].years = 25.0 * uniform01();
        e[i].tier = CAREER_TIER_FROM_YEARS;
        e[i].salary = floor((95000.0 + 3000.0 * fmin(e[i].years, 20.0)) *
                            (0.8 + 0.5 * uniform01()) * 100.0) / 100.0;
        e[i].rating = (size_t)(4.0 * uniform01());
        slim[i] = (career_merit_employee){e[i].years, e[i].tier, e[i].salary,
                                          e[i].rating};
    }
    bench_data d = {model, policy, e, slim, res, raises, ws, r, n, ntiers,
                    min_years};
    /* one untimed run of each: the pages are then in memory, the work
     * space grown */
    for (c = 0; c < NCONT; c++)
        if (c != PLAIN && time_one(&d, c) < 0) {
            fprintf(stderr, "bench_merit: the cycle failed\n");
            return 1;
        }
    same = same_results(res, raises, n);
    for (k = 0; k < RUNS; k++) {
        bench_shuffle(order, NCONT, &shuffle);
        for (c = 0; c < NCONT; c++)
            if ((t[order[c]][k] = time_one(&d, order[c])) < 0) {
                fprintf(stderr, "bench_merit: the cycle failed\n");
                return 1;
            }
        ratio[k] = t[SLIM_WS][k] / t[WIDE][k];
    }
    if (career_merit_run(model, policy, slim, n, raises, &s, ws, NULL)) {
        fprintf(stderr, "bench_merit: the cycle failed\n");
        return 1;
    }
    printf("libcareer %s: merit cycle of %zu employees, %d rounds (each "
           "contender once, shuffled), one thread, CPU time\n",
           career_version_string(), n, RUNS);
    bench_machine("start");
    printf("\n");
    printf("| %-50s | %8s | %-19s | %6s |\n", "operation", "median", "range (ms)",
           "ns/emp");
    printf("|----------------------------------------------------|----------|"
           "---------------------|--------|\n");
    report("career_merit_cycle (96 B in, 168 B out)", t[WIDE], n);
    report("career_merit_run, kept workspace (32 B in, 96 out)", t[SLIM_WS], n);
    report("career_merit_run, NULL workspace", t[SLIM_NULL], n);
    report("plain loop: matrix applied, no budget", t[PLAIN], n);
    rs = bench_spread_of(ratio, RUNS);
    ratio_met = t[SLIM_WS][RUNS / 2] / t[PLAIN][RUNS / 2] <= 3.0;
    time_met = t[SLIM_WS][RUNS / 2] <= 0.100;
    printf("\nrun (workspace) / cycle, the rounds' ratios: %.2fx (%.2f-%.2f)\n"
           "run (workspace) / plain loop: %.2fx (target <= 3x: %s); run %.1f ms "
           "(target <= 100 ms: %s); k = %.6f, cost = budget = %lld cents\n"
           "slim results identical to the wide ones: %s\n",
           rs.median, rs.lo, rs.hi, t[SLIM_WS][RUNS / 2] / t[PLAIN][RUNS / 2],
           ratio_met ? "met" : "MISSED", 1e3 * t[SLIM_WS][RUNS / 2],
           time_met ? "met" : "MISSED", s.scale, (long long)s.budget_cents,
           same ? "yes" : "NO");
    bench_machine("end");
    printf("\nlibcareer merit_cycle_ms %.3f\nlibcareer merit_run_ms %.3f\n"
           "libcareer merit_plain_ms %.3f\n",
           1e3 * t[WIDE][RUNS / 2], 1e3 * t[SLIM_WS][RUNS / 2],
           1e3 * t[PLAIN][RUNS / 2]);
    career_merit_workspace_free(ws);
    career_merit_policy_free(policy);
    career_model_free(model);
    free(e);
    free(slim);
    free(res);
    free(raises);
    return ratio_met && time_met && same ? 0 : 1;
}
