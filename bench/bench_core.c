/* bench_core.c - the core queries against what a caller would otherwise
 * write: GSL called directly, and the memory-bandwidth limit. Each figure is
 * the median of RUNS runs, all measured in this one process on the same
 * data; ratios are baseline time / libcareer time (> 1: libcareer faster).
 *
 *   build/default/bench/bench_core [values]   (default 10,000,000) */
#include <career.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_spline.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define RUNS 7



static uint64_t state = 0x2385ULL;
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
} ctx;

typedef void (*kernel)(const ctx *c);

static double time_ns(kernel k, const ctx *c)
{
    double t[RUNS];
    int r;
    for (r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        k(c);
        t[r] = (bench_now() - t0) * 1e9 / (double)c->n;
    }
    return bench_median(t, RUNS);
}

static void k_salary_at(const ctx *c)
{
    double s = 0.0, v;
    size_t i;
    for (i = 0; i < c->n; i++)
        if (career_salary_at(c->model, c->in[i], &v) == CAREER_OK)
            s += v;
    sink = s;
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

/* Builds c->n models with options c->opts (the calibration's cost). */
static void k_model_new(const ctx *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        career_model *m = NULL;
        if (career_model_new(career_profile_default(), c->opts, &m, NULL) ==
            CAREER_OK)
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

/* A row: FASTER rows want baseline / ns >= target (libcareer is that many
 * times faster); COST rows want ns / baseline <= target (libcareer costs at
 * most that many baselines). */
enum kind { FASTER, COST };
static int misses;

static void row(const char *op, double ns, const char *base, double base_ns,
                enum kind kind, double target)
{
    double ratio = kind == FASTER ? base_ns / ns : ns / base_ns;
    int met = kind == FASTER ? ratio >= target : ratio <= target;
    char want[32];

    snprintf(want, sizeof want, "%s %.1fx", kind == FASTER ? ">=" : "<=", target);
    printf("| %-38s | %7.2f | %-30s | %7.2f | %-13s | %5.2fx | %-7s | %s |\n", op,
           ns, base, base_ns, kind == FASTER ? "faster by" : "cost of base", ratio,
           want, met ? "met" : "MISSED");
    misses += !met;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000;
    size_t small = n / 10, i;
    double *years = malloc(n * sizeof *years), *out = malloc(n * sizeof *out);
    double *ps = malloc(small * sizeof *ps), *salaries = malloc(small * sizeof *salaries);
    double kx[CAREER_MAX_TIERS], ky[CAREER_MAX_TIERS];
    career_model *model, *lognormal;
    career_options lo = {.dist = CAREER_DIST_LOGNORMAL};
    const career_profile *p = career_profile_default();
    ctx c = {0};
    double a, b, g, salary_at_n_ns;

    gsl_set_error_handler_off();
    if (!years || !out || !ps || !salaries || n < 100 ||
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
    c.kx = kx;
    c.ky = ky;
    c.interp = gsl_interp_alloc(gsl_interp_steffen, p->ntiers);
    c.spline = gsl_spline_alloc(gsl_interp_steffen, p->ntiers);
    c.acc = gsl_interp_accel_alloc();
    gsl_interp_init(c.interp, kx, ky, p->ntiers);
    gsl_spline_init(c.spline, kx, ky, p->ntiers);
    c.model = model;
    c.out = out;

    printf("libcareer %s: median of %d runs, %zu values (ns per value)\n\n",
           career_version_string(), RUNS, n);
    printf("| %-38s | %7s | %-30s | %7s | %-13s | %6s | %-7s | %s |\n", "operation",
           "ns", "baseline", "ns", "measure", "ratio", "target", "   ");
    printf("|----------------------------------------|---------|--------------------------------|"
           "---------|---------------|--------|---------|-----|\n");

    /* the years are clamped in GSL's domain: out-of-range x is an error there */
    c.in = years;
    c.n = small;
    a = time_ns(k_salary_at, &c);
    for (i = 0; i < small; i++)
        out[i] = fmin(fmax(years[i], kx[0]), kx[p->ntiers - 1]);
    c.in = out + small; /* a clamped copy for GSL, outside `out`'s work area */
    memcpy(out + small, out, small * sizeof *out);
    b = time_ns(k_gsl_interp, &c);
    g = time_ns(k_gsl_spline_acc, &c);
    row("career_salary_at (scalar, steffen)", a, "gsl_interp_eval", b, FASTER, 3.0);
    row("career_salary_at (scalar, steffen)", a, "gsl_spline_eval + accel", g, FASTER, 3.0);

    c.n = n;
    c.in = years;
    a = time_ns(k_salary_at_n, &c);
    for (i = 0; i < n; i++)
        years[i] = fmin(fmax(years[i], kx[0]), kx[p->ntiers - 1]);
    b = time_ns(k_gsl_interp, &c);
    g = time_ns(k_bandwidth, &c);
    row("career_salary_at_n (10M, steffen)", a, "gsl_interp_eval loop", b, FASTER, 5.0);
    row("career_salary_at_n (10M, steffen)", a, "out[i] = k * in[i] (memory)", g, COST, 2.0);
    salary_at_n_ns = a;

    c.n = small;
    c.in = ps;
    g = time_ns(k_exp_log, &c);
    a = time_ns(k_quantile, &c);
    row("career_market_quantile (metalog)", a, "one exp + one log", g, COST, 3.0);
    c.model = lognormal;
    a = time_ns(k_quantile, &c);
    row("career_market_quantile (lognormal)", a, "one exp + one log", g, COST, 3.0);
    c.in = salaries;
    a = time_ns(k_percentile, &c);
    row("career_market_percentile (lognormal)", a, "one exp + one log", g, COST, 8.0);
    c.model = model;
    a = time_ns(k_percentile, &c);
    row("career_market_percentile (metalog)", a, "one exp + one log", g, COST, 8.0);

    c.in = years;
    c.n = small - small % 41;
    a = time_ns(k_project, &c);
    b = time_ns(k_project_by_hand, &c);
    row("career_project, 40 years (per row)", a, "the same rows by hand", b, COST, 1.2);

    /* not a target: what building a model costs, calibrated or not */
    {
        career_options fixed = {.dispersion = 1.0};
        c.n = 200;
        c.opts = NULL;
        a = time_ns(k_model_new, &c);
        c.opts = &fixed;
        b = time_ns(k_model_new, &c);
        printf("\ncareer_model_new: %.0f us calibrated, %.0f us with d fixed "
               "(the calibration: %.0f us)\n", a / 1e3, b / 1e3, (a - b) / 1e3);
    }

    /* machine-readable, for make bench's numpy ratios */
    printf("\nlibcareer salary_at_n_ns %.3f\n", salary_at_n_ns);
    gsl_interp_free(c.interp);
    gsl_spline_free(c.spline);
    gsl_interp_accel_free(c.acc);
    career_model_free(model);
    career_model_free(lognormal);
    free(years);
    free(out);
    free(ps);
    free(salaries);
    printf("\n%d target(s) missed\n", misses);
    return 0;
}
