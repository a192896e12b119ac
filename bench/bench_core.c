/* bench_core.c - the core queries against what a caller would otherwise
 * write: GSL called directly, and the memory-bandwidth limit; and the
 * calibrated model build against the same build by central differences
 * (the calibration before 1.1, kept behind careerp_model_new).
 *
 * The contenders compared are timed in the same ROUNDS rounds, each
 * running every contender of its group once, in an order shuffled anew
 * each round, so that a busy neighbour slows both sides of a ratio alike.
 * Each figure is the median (and range) over the rounds of CPU time, wall
 * time beside it; a ratio is the median (and range) of the rounds' own
 * CPU ratios, baseline / libcareer (> 1: libcareer faster). Targets are
 * judged on that median. Every row runs; the program exits 1 when one
 * missed.
 *
 *   build/default/bench/bench_core [values]   (default 10,000,000) */
#include <career.h>

#include "core/core.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_spline.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define ROUNDS 7
#define MAX_GROUP 5

static uint64_t state = 0x2385ULL;
static uint64_t shuffle_state = 0x1ULL;
static double uniform01(void)
{
    return bench_uniform01(&state);
}

/* Keeps results alive so no loop is optimised away. */
static volatile double sink;

typedef struct ctx {
    const career_model *model;
    const double *in;
    double *out;
    size_t n;
    gsl_interp *interp;
    gsl_spline *spline;
    gsl_interp_accel *acc;
    const double *kx, *ky;
    const career_options *opts;
    careerp_jacobian how;
} ctx;

typedef void (*kernel)(const ctx *c);

/* Each value into out[i], as the GSL loops below store theirs: a running
 * sum here would stay in memory across the call (no SSE register survives
 * a call on x86-64), and its load-add-store, about 3 ns a value on the
 * project machine whatever the callee, would be timed instead of the
 * curve. */
static void k_salary_at(const ctx *c)
{
    size_t i, bad = 0;
    for (i = 0; i < c->n; i++)
        bad += career_salary_at(c->model, c->in[i], &c->out[i]) != CAREER_OK;
    sink = c->out[c->n / 2] + (double)bad;
}

static void k_salary_at_n(const ctx *c)
{
    if (career_salary_at_n(c->model, c->in, c->out, c->n) != CAREER_OK)
        abort();
    sink = c->out[c->n / 2];
}

static void k_gsl_interp(const ctx *c)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        c->out[i] = gsl_interp_eval(c->interp, c->kx, c->ky, c->in[i], NULL);
    sink = c->out[c->n / 2];
}

static void k_gsl_spline_acc(const ctx *c)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        c->out[i] = gsl_spline_eval(c->spline, c->in[i], c->acc);
    sink = c->out[c->n / 2];
}

static void k_bandwidth(const ctx *c)
{
    const double k = 1.0001;
    size_t i;
    for (i = 0; i < c->n; i++)
        c->out[i] = k * c->in[i];
    sink = c->out[c->n / 2];
}

static void k_quantile(const ctx *c)
{
    double s = 0.0, v;
    size_t i;
    for (i = 0; i < c->n; i++)
        if (career_market_quantile(c->model, c->in[i], &v) == CAREER_OK)
            s += v;
    sink = s;
}

static void k_percentile(const ctx *c)
{
    double s = 0.0, v;
    size_t i;
    for (i = 0; i < c->n; i++)
        if (career_market_percentile(c->model, c->in[i], &v) == CAREER_OK)
            s += v;
    sink = s;
}

/* 40-year deterministic projections with inflation and discounting, from
 * c->n / 41 starting points (so the time is per row). */
static void k_project(const ctx *c)
{
    career_projection_row rows[41];
    double s = 0.0;
    size_t i;

    for (i = 0; i + 41 <= c->n; i += 41) {
        career_projection_options o = {.start_years = c->in[i], .horizon = 40,
                                       .inflation = 0.02, .discount = 0.03};
        if (career_project(c->model, &o, rows, 41) == CAREER_OK)
            s += rows[40].present_value;
    }
    sink = s;
}

/* What a caller without career_project would write for the same rows with
 * the scalar API: the curve, the market percentile, the demand index, the
 * inflation and the discount of each year (0.9576583 % a year of demand). */
static void k_project_by_hand(const ctx *c)
{
    double s = 0.0, m, p, cumulative, present;
    size_t i, t;

    for (i = 0; i + 41 <= c->n; i += 41) {
        cumulative = present = 0.0;
        for (t = 0; t <= 40; t++) {
            double salary;
            if (career_salary_at(c->model, c->in[i] + (double)t, &m) != CAREER_OK ||
                career_market_percentile(c->model, m, &p) != CAREER_OK)
                continue;
            salary = m * pow(1.009576583, (double)t) * pow(1.02, (double)t);
            cumulative += salary;
            present += salary / pow(1.03, (double)t);
            s += p;
        }
        s += cumulative + present;
    }
    sink = s;
}

/* Builds c->n models of the built-in profile with options c->opts, the
 * calibration's Jacobian by c->how. */
static void k_model_new(const ctx *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        career_model *m = NULL;
        if (careerp_model_new(career_profile_default(), c->opts, c->how, &m,
                              NULL) != CAREER_OK)
            abort();
        sink = (double)career_tier_count(m);
        career_model_free(m);
    }
}

static void k_exp_log(const ctx *c)
{
    double s = 0.0;
    size_t i;
    for (i = 0; i < c->n; i++)
        s += exp(log(c->in[i]) * 0.5);
    sink = s;
}

/* ---- rounds ----------------------------------------------------------------- */

/* A contender: its kernel on its data, and its times per value (ns) in
 * each round. */
typedef struct contender {
    const char *name;
    kernel k;
    ctx c;
    double cpu[ROUNDS], wall[ROUNDS];
} contender;

/* Runs the group's contenders once each a round, in a shuffled order. */
static void run_rounds(contender *g, size_t n)
{
    int order[MAX_GROUP], r;
    size_t i;

    for (i = 0; i < n; i++) { /* a warm-up: pages, caches, lazy binding */
        order[i] = (int)i;
        g[i].k(&g[i].c);
    }
    for (r = 0; r < ROUNDS; r++) {
        bench_shuffle(order, n, &shuffle_state);
        for (i = 0; i < n; i++) {
            contender *x = &g[order[i]];
            double w0 = bench_now(), c0 = bench_cpu();
            x->k(&x->c);
            x->cpu[r] = (bench_cpu() - c0) * 1e9 / (double)x->c.n;
            x->wall[r] = (bench_now() - w0) * 1e9 / (double)x->c.n;
        }
    }
}

/* A row: FASTER rows want baseline / libcareer >= target (libcareer is
 * that many times faster); COST rows want libcareer / baseline <= target
 * (libcareer costs at most that many baselines). */
enum kind { FASTER, COST };
static int misses;

static bench_spread spread(const double *v)
{
    double copy[ROUNDS];
    memcpy(copy, v, sizeof copy);
    return bench_spread_of(copy, ROUNDS);
}

/* The rounds' own ratios of a to b (CPU, or wall), median and range. */
static bench_spread ratio(const contender *a, const contender *b,
                          enum kind kind, int wall)
{
    double r[ROUNDS];
    int i;

    for (i = 0; i < ROUNDS; i++) {
        double x = wall ? a->wall[i] : a->cpu[i];
        double y = wall ? b->wall[i] : b->cpu[i];
        r[i] = kind == FASTER ? y / x : x / y;
    }
    return bench_spread_of(r, ROUNDS);
}

static const char *unit_of(double ns, double *scaled)
{
    if (ns >= 1e6) {
        *scaled = ns / 1e6;
        return "ms";
    }
    if (ns >= 1e4) {
        *scaled = ns / 1e3;
        return "us";
    }
    *scaled = ns;
    return "ns";
}

static void row(const contender *lib, const contender *base, enum kind kind,
                double target)
{
    bench_spread a = spread(lib->cpu), b = spread(base->cpu);
    bench_spread ra = ratio(lib, base, kind, 0), rw = ratio(lib, base, kind, 1);
    bench_spread aw = spread(lib->wall), bw = spread(base->wall);
    int met = kind == FASTER ? ra.median >= target : ra.median <= target;
    double x, y, s;
    const char *u = unit_of(a.median, &x);

    s = x / a.median;
    y = b.median * s;
    printf("| %-42s | %8.2f %s (%.2f-%.2f) wall %.2f | %-36s | %8.2f "
           "(%.2f-%.2f) wall %.2f | %s %5.2fx (%.2f-%.2f) wall %.2fx | "
           "%s %.1fx | %s |\n",
           lib->name, x, u, a.lo * s, a.hi * s, aw.median * s, base->name,
           y, b.lo * s, b.hi * s, bw.median * s,
           kind == FASTER ? "faster" : "cost", ra.median, ra.lo, ra.hi,
           rw.median, kind == FASTER ? ">=" : "<=", target,
           met ? "met" : "MISSED");
    misses += !met;
}

static void info(const contender *x)
{
    bench_spread a = spread(x->cpu), w = spread(x->wall);
    double v;
    const char *u = unit_of(a.median, &v);
    double s = v / a.median;

    printf("| %-42s | %8.2f %s (%.2f-%.2f) wall %.2f | (no baseline: for "
           "scale) |\n", x->name, v, u, a.lo * s, a.hi * s, w.median * s);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000;
    size_t small = n / 10, i;
    double *years = malloc(n * sizeof *years), *out = malloc(n * sizeof *out);
    double *clamped = malloc(n * sizeof *clamped);
    double *ps = malloc(small * sizeof *ps), *salaries = malloc(small * sizeof *salaries);
    double kx[CAREER_MAX_TIERS], ky[CAREER_MAX_TIERS];
    career_model *model, *lognormal;
    career_options lo = {.dist = CAREER_DIST_LOGNORMAL};
    career_options fixed = {.dispersion = 1.0};
    const career_profile *p = career_profile_default();
    ctx c = {0};
    contender g[MAX_GROUP];
    double salary_at_n_ns;

    gsl_set_error_handler_off();
    if (!years || !out || !clamped || !ps || !salaries || n < 1000 ||
        career_model_new(p, NULL, &model, NULL) != CAREER_OK ||
        career_model_new(p, &lo, &lognormal, NULL) != CAREER_OK) {
        fprintf(stderr, "bench_core: setup failed\n");
        return 1;
    }
    for (i = 0; i < n; i++)
        years[i] = 20.0 * uniform01();
    for (i = 0; i < small; i++) {
        ps[i] = 0.001 + 0.998 * uniform01();
        salaries[i] = 60000.0 + 140000.0 * uniform01();
    }
    for (i = 0; i < p->ntiers; i++) {
        kx[i] = p->tiers[i].anchor_years;
        ky[i] = p->tiers[i].salary;
    }
    /* the years clamped into GSL's domain: out-of-range x is an error there */
    for (i = 0; i < n; i++)
        clamped[i] = fmin(fmax(years[i], kx[0]), kx[p->ntiers - 1]);
    c.kx = kx;
    c.ky = ky;
    c.interp = gsl_interp_alloc(gsl_interp_steffen, p->ntiers);
    c.spline = gsl_spline_alloc(gsl_interp_steffen, p->ntiers);
    c.acc = gsl_interp_accel_alloc();
    gsl_interp_init(c.interp, kx, ky, p->ntiers);
    gsl_spline_init(c.spline, kx, ky, p->ntiers);
    c.model = model;
    c.out = out;

    printf("libcareer %s: %d interleaved rounds (contenders shuffled in each), "
           "%zu values; CPU time per value, median (range), wall beside it; "
           "ratios: median (range) of the rounds' own\n",
           career_version_string(), ROUNDS, n);
    bench_machine("start");
    printf("\n| %-42s | %-38s | %-36s | %-38s | %-30s | %-8s | %s |\n",
           "operation", "libcareer", "baseline", "baseline (same unit)",
           "ratio (CPU)", "target", "");
    printf("|---|---|---|---|---|---|---|\n");

    /* the scalar curve against GSL on the same years, clamped for GSL */
    c.n = small;
    g[0] = (contender){.name = "career_salary_at (scalar, steffen)",
                       .k = k_salary_at, .c = c};
    g[0].c.in = years;
    g[1] = (contender){.name = "gsl_interp_eval", .k = k_gsl_interp, .c = c};
    g[1].c.in = clamped;
    g[2] = (contender){.name = "gsl_spline_eval + accel",
                       .k = k_gsl_spline_acc, .c = c};
    g[2].c.in = clamped;
    run_rounds(g, 3);
    row(&g[0], &g[1], FASTER, 3.0);
    row(&g[0], &g[2], FASTER, 3.0);

    /* the batch curve on 10M years */
    c.n = n;
    c.in = clamped;
    g[0] = (contender){.name = "career_salary_at_n (10M, steffen)",
                       .k = k_salary_at_n, .c = c};
    g[1] = (contender){.name = "gsl_interp_eval loop", .k = k_gsl_interp,
                       .c = c};
    g[2] = (contender){.name = "out[i] = k * in[i] (memory)",
                       .k = k_bandwidth, .c = c};
    run_rounds(g, 3);
    row(&g[0], &g[1], FASTER, 5.0);
    row(&g[0], &g[2], COST, 2.0);
    salary_at_n_ns = spread(g[0].wall).median;

    /* the market's quantile and percentile against an exp and a log */
    c.n = small;
    c.in = ps;
    g[0] = (contender){.name = "career_market_quantile (metalog)",
                       .k = k_quantile, .c = c};
    g[1] = (contender){.name = "career_market_quantile (lognormal)",
                       .k = k_quantile, .c = c};
    g[1].c.model = lognormal;
    g[2] = (contender){.name = "career_market_percentile (lognormal)",
                       .k = k_percentile, .c = c};
    g[2].c.model = lognormal;
    g[2].c.in = salaries;
    g[3] = (contender){.name = "career_market_percentile (metalog)",
                       .k = k_percentile, .c = c};
    g[3].c.in = salaries;
    g[4] = (contender){.name = "one exp + one log", .k = k_exp_log, .c = c};
    run_rounds(g, 5);
    row(&g[0], &g[4], COST, 3.0);
    row(&g[1], &g[4], COST, 3.0);
    row(&g[2], &g[4], COST, 8.0);
    row(&g[3], &g[4], COST, 8.0);

    /* the projection against the same rows by hand */
    c.in = years;
    c.n = small - small % 41;
    g[0] = (contender){.name = "career_project, 40 years (per row)",
                       .k = k_project, .c = c};
    g[1] = (contender){.name = "the same rows by hand",
                       .k = k_project_by_hand, .c = c};
    run_rounds(g, 2);
    row(&g[0], &g[1], COST, 1.2);

    /* the calibrated build (target: <= 1/4 of the central differences'
     * CPU), and the build with d fixed for scale */
    c.n = 200;
    c.how = CAREERP_JACOBIAN_ANALYTIC;
    g[0] = (contender){.name = "career_model_new, calibrated (per model)",
                       .k = k_model_new, .c = c};
    g[1] = (contender){.name = "the same, central differences (1.0)",
                       .k = k_model_new, .c = c};
    g[1].c.how = CAREERP_JACOBIAN_CENTRAL;
    g[2] = (contender){.name = "career_model_new, d fixed (per model)",
                       .k = k_model_new, .c = c};
    g[2].c.opts = &fixed;
    run_rounds(g, 3);
    row(&g[0], &g[1], FASTER, 4.0);
    info(&g[2]);

    printf("\n");
    bench_machine("end");
    /* machine-readable, for make bench's numpy ratios */
    printf("\nlibcareer salary_at_n_ns %.3f\n", salary_at_n_ns);
    printf("libcareer model_new_calibrated_ms %.4f\n",
           spread(g[0].cpu).median / 1e6);
    printf("libcareer model_new_central_ms %.4f\n",
           spread(g[1].cpu).median / 1e6);
    gsl_interp_free(c.interp);
    gsl_spline_free(c.spline);
    gsl_interp_accel_free(c.acc);
    career_model_free(model);
    career_model_free(lognormal);
    free(years);
    free(out);
    free(clamped);
    free(ps);
    free(salaries);
    printf("\n%d target(s) missed\n", misses);
    return misses ? 1 : 0;
}
