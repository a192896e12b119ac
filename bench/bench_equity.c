/* bench_equity.c - the pay equity functions on 1,000,000 workers in 1,000
 * categories with 10 factors (8 numeric, a tier of 4 levels and a place of
 * 5): the EU report (a)-(g), the same with the adjusted gap of every
 * category, the UK report, the Oaxaca-Blinder decomposition (Jann's
 * twofold, every regression) and the cheapest remedy. Median and range of
 * RUNS runs each, one thread. Targets: the EU report <= 300
 * ms, the decomposition <= 1 s (and >= 5x statsmodels on the same data:
 * bench/equity_baseline.py reads the file this writes), the remedy
 * <= 1 s.
 *
 *   build/default/bench/bench_equity [workers [data file]]
 *     (default 1,000,000 and equity.f64 beside the program: y, group and
 *      the 10 factors of each row as doubles, for the baseline) */
#include <career.h>

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define RUNS 5
#define NCAT 1000
#define NF 10

static uint64_t state = 0x2385ULL;
static double uniform01(void)
{
    return bench_uniform01(&state);
}

static const char *const tiers[] = {"T1", "T2", "T3", "T4"};
static const char *const places[] = {"P1", "P2", "P3", "P4", "P5"};

/* Workers whose ln pay depends on every factor, women 4 % below. */
static void make_workforce(career_worker *w, double *v, size_t n,
                           career_factor *f)
{
    size_t i, j;

    for (j = 0; j < NF; j++) {
        memset(&f[j], 0, sizeof f[j]);
        f[j].kind = CAREER_FACTOR_NUMERIC;
    }
    f[8].kind = f[9].kind = CAREER_FACTOR_CATEGORICAL;
    f[8].levels = 4, f[8].level_names = tiers, f[8].name = "tier";
    f[9].levels = 5, f[9].level_names = places, f[9].name = "place";
    for (i = 0; i < n; i++) {
        double *x = v + i * NF, lp = log(40000.0);
        memset(&w[i], 0, sizeof w[i]);
        w[i].sex = uniform01() < 0.5 ? CAREER_SEX_FEMALE : CAREER_SEX_MALE;
        w[i].category = (size_t)(NCAT * uniform01());
        for (j = 0; j < 8; j++) {
            x[j] = 10.0 * uniform01();
            lp += 0.01 * (double)(j + 1) * x[j] / 4.0;
        }
        x[8] = (double)(size_t)(4.0 * uniform01());
        x[9] = (double)(size_t)(5.0 * uniform01());
        lp += 0.2 * x[8] + 0.03 * x[9] + 0.05 * (uniform01() - 0.5);
        lp -= w[i].sex == CAREER_SEX_FEMALE ? 0.04 : 0.0;
        w[i].pay = floor(exp(lp) * 100.0) / 100.0;
        w[i].period = CAREER_PAY_YEAR;
        w[i].hours = uniform01() < 0.9 ? 40.0 : 20.0;
        w[i].bonus = uniform01() < 0.6 ? floor(w[i].pay * 4.0) / 100.0 : 0.0;
        w[i].factors = x;
    }
}

/* The rows for bench/equity_baseline.py: y = ln hourly pay, group (1:
 * men), the factors. */
static int write_data(const char *path, const career_worker *w, size_t n)
{
    FILE *f = fopen(path, "wb");
    size_t i;

    if (!f)
        return -1;
    for (i = 0; i < n; i++) {
        double row[2 + NF];
        row[0] = log((w[i].pay + w[i].bonus) / (w[i].hours * 365.0 / 7.0));
        row[1] = w[i].sex == CAREER_SEX_MALE;
        memcpy(row + 2, w[i].factors, NF * sizeof(double));
        if (fwrite(row, sizeof row, 1, f) != 1) {
            fclose(f);
            return -1;
        }
    }
    return fclose(f);
}

static void report(const char *what, double *t, size_t n)
{
    bench_sort(t, RUNS);
    printf("| %-46s | %8.1f | %8.1f - %-8.1f | %7.1f |\n", what,
           1e3 * t[RUNS / 2], 1e3 * t[0], 1e3 * t[RUNS - 1],
           1e9 * t[RUNS / 2] / (double)n);
}

typedef struct bench_run {
    career_workforce wf;
    career_eu_report eu;
    career_eu_category *cats;
    career_uk_report uk;
    career_oaxaca ob;
    career_oaxaca_term terms[1 + 8 + 4 + 5];
    career_remedy rem;
    int64_t *raise;
} bench_run;

static int op(bench_run *b, int which)
{
    career_equity_options o = {0};
    career_remedy_options ru = {0};

    switch (which) {
    case 0:
        o.flags = CAREER_EQUITY_NO_ADJUSTED;
        return career_eu_report_compute(&b->wf, &o, &b->eu, b->cats, NCAT,
                                         NULL);
    case 1:
        return career_eu_report_compute(&b->wf, NULL, &b->eu, b->cats, NCAT,
                                         NULL);
    case 2:
        return career_uk_report_compute(&b->wf, &b->uk, NULL);
    case 3:
        return career_equity_decompose(&b->wf, NULL, CAREER_EQUITY_ALL, &b->ob,
                                       b->terms, 18, NULL);
    default:
        ru.max_raise = 0.10;
        return career_equity_remedy(&b->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                    &b->rem, b->raise, b->wf.n, NULL);
    }
}

int main(int argc, char **argv)
{
    static const char *const names[] = {
        "EU report (a)-(g), 1,000 categories",
        "EU report with every category's adjusted gap",
        "UK report",
        "Oaxaca-Blinder, 10 factors (Jann twofold)",
        "cheapest remedy to 0 (max raise 10 %)"};
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    char data[4096];
    career_worker *w = calloc(n ? n : 1, sizeof *w);
    double *v = calloc((n ? n : 1) * NF, sizeof *v), t[5][RUNS], t0;
    career_factor f[NF];
    bench_run b;
    int k, i, met;

    gsl_set_error_handler_off();
    if (argc > 2) {
        snprintf(data, sizeof data, "%s", argv[2]);
    } else {
        const char *slash = strrchr(argv[0], '/');
        snprintf(data, sizeof data, "%.*sequity.f64",
                 slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
    }
    memset(&b, 0, sizeof b);
    b.cats = calloc(NCAT, sizeof *b.cats);
    b.raise = calloc(n ? n : 1, sizeof *b.raise);
    if (!w || !v || !b.cats || !b.raise || n == 0) {
        fprintf(stderr, "bench_equity: setup failed\n");
        return 1;
    }
    make_workforce(w, v, n, f);
    b.wf.workers = w, b.wf.n = n, b.wf.ncategories = NCAT;
    b.wf.factors = f, b.wf.nfactors = NF;
    if (write_data(data, w, n) != 0)
        fprintf(stderr, "bench_equity: %s not written: no baseline\n", data);
    for (i = 0; i < 5; i++)
        if (op(&b, i) != CAREER_OK) { /* untimed: pages in memory */
            fprintf(stderr, "bench_equity: %s failed\n", names[i]);
            return 1;
        }
    for (k = 0; k < RUNS; k++)
        for (i = 0; i < 5; i++) {
            t0 = bench_now();
            (void)op(&b, i);
            t[i][k] = bench_now() - t0;
        }
    printf("libcareer %s: pay equity on %zu workers, %d categories, %d "
           "factors, %d runs, one thread\n\n", career_version_string(), n,
           NCAT, NF, RUNS);
    printf("| %-46s | %8s | %-19s | %7s |\n", "operation", "median",
           "range (ms)", "ns/row");
    printf("|------------------------------------------------|----------|"
           "---------------------|---------|\n");
    for (i = 0; i < 5; i++)
        report(names[i], t[i], n);
    met = t[0][RUNS / 2] <= 0.3 && t[3][RUNS / 2] <= 1.0 &&
          t[4][RUNS / 2] <= 1.0;
    printf("\ntargets: EU report <= 300 ms (%.0f), decomposition <= 1000 ms "
           "(%.0f), remedy <= 1000 ms (%.0f): %s; gap %.4f, unexplained "
           "%.4f, remedy %lld cents for %zu raised\n", 1e3 * t[0][RUNS / 2],
           1e3 * t[3][RUNS / 2], 1e3 * t[4][RUNS / 2],
           met ? "met" : "MISSED", b.ob.gap, b.ob.unexplained,
           (long long)b.rem.cost_cents, b.rem.raised);
    bench_machine("end");
    printf("\nlibcareer equity_eu_ms %.3f\nlibcareer equity_decompose_ms "
           "%.3f\nlibcareer equity_remedy_ms %.3f\n", 1e3 * t[0][RUNS / 2],
           1e3 * t[3][RUNS / 2], 1e3 * t[4][RUNS / 2]);
    free(w);
    free(v);
    free(b.cats);
    free(b.raise);
    return met ? 0 : 1;
}
