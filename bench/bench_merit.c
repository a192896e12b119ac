/* bench_merit.c - a merit cycle of 1,000,000 employees with a budget,
 * against the floor: a plain C loop that applies the same matrix (tier,
 * range, position, lift, cap, lump sum, the result's fields) without the
 * budget solve and the cent distribution. Median and range of RUNS runs
 * each, in one process on the same data, one thread. Targets: the cycle
 * <= 100 ms and <= 3x the plain loop.
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

static void report(const char *what, double *t, size_t n)
{
    bench_sort(t, RUNS);
    printf("| %-44s | %8.1f | %8.1f - %-8.1f | %6.1f |\n", what,
           1e3 * t[RUNS / 2], 1e3 * t[0], 1e3 * t[RUNS - 1],
           1e9 * t[RUNS / 2] / (double)n);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, i;
    career_employee *e = calloc(n, sizeof *e);
    career_merit_result *res = calloc(n, sizeof *res);
    career_model *model = NULL;
    career_merit_policy *policy = NULL;
    career_merit_summary s;
    career_pay_range r[CAREER_MAX_TIERS];
    double min_years[CAREER_MAX_TIERS], tc[RUNS], tp[RUNS], t0;
    size_t ntiers;
    career_tier tier;
    int k, ratio_met, time_met;

    gsl_set_error_handler_off();
    if (!e || !res || n == 0 ||
        career_model_new(career_profile_default(), NULL, &model, NULL) ||
        career_merit_policy_load_string(policy_json, &policy, NULL) ||
        career_pay_structure(model, policy, r, CAREER_MAX_TIERS)) {
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
    }
    /* one untimed run of each: the results' pages are then in memory */
    plain_loop(e, n, r, ntiers, min_years, res);
    if (career_merit_cycle(model, policy, e, n, res, &s, NULL) != CAREER_OK) {
        fprintf(stderr, "bench_merit: the cycle failed\n");
        return 1;
    }
    for (k = 0; k < RUNS; k++) {
        t0 = bench_now();
        if (career_merit_cycle(model, policy, e, n, res, &s, NULL) ||
            s.cost_cents != s.budget_cents) {
            fprintf(stderr, "bench_merit: the cycle failed\n");
            return 1;
        }
        tc[k] = bench_now() - t0;
        t0 = bench_now();
        plain_loop(e, n, r, ntiers, min_years, res);
        tp[k] = bench_now() - t0;
    }
    printf("libcareer %s: merit cycle of %zu employees, %d runs, one thread\n",
           career_version_string(), n, RUNS);
    bench_machine("start");
    printf("\n");
    printf("| %-44s | %8s | %-19s | %6s |\n", "operation", "median", "range (ms)",
           "ns/emp");
    printf("|----------------------------------------------|----------|---------------------|--------|\n");
    report("career_merit_cycle (budget solve, cents)", tc, n);
    report("plain loop: matrix applied, no budget", tp, n);
    ratio_met = tc[RUNS / 2] / tp[RUNS / 2] <= 3.0;
    time_met = tc[RUNS / 2] <= 0.100;
    printf("\ncycle / plain loop: %.2fx (target <= 3x: %s); cycle %.1f ms "
           "(target <= 100 ms: %s); k = %.6f, cost = budget = %lld cents\n",
           tc[RUNS / 2] / tp[RUNS / 2], ratio_met ? "met" : "MISSED",
           1e3 * tc[RUNS / 2], time_met ? "met" : "MISSED", s.scale,
           (long long)s.budget_cents);
    bench_machine("end");
    printf("\nlibcareer merit_cycle_ms %.3f\nlibcareer merit_plain_ms %.3f\n",
           1e3 * tc[RUNS / 2], 1e3 * tp[RUNS / 2]);
    career_merit_policy_free(policy);
    career_model_free(model);
    free(e);
    free(res);
    return ratio_met && time_met ? 0 : 1;
}
