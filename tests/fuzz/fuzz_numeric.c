/* fuzz_numeric.c - libFuzzer target for the numbers: the bytes are decoded
 * into a profile (tiers, market quantiles, demand), model options,
 * projection options and queries. Whatever they are, the library must
 * answer with a status and keep its promises:
 *   - a CAREER_OK result is finite (and a probability is in [0, 1]);
 *   - a failed call leaves its out-parameter as it was;
 *   - a model that builds has m(x) > 0 between its anchors (and
 *     everywhere under clamp);
 *   - quantiles increase with p (the market's and the band's);
 *   - row 0 of a projection with a start salary is that salary;
 *   - a Monte Carlo fan (now and then: it is slow) is finite and ordered.
 * GSL's error handler is set to abort: the library must check every
 * precondition before calling GSL, so the handler is never reached. */
#include "career.h"
#include "fuzz_locale.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A broken promise: say which line, then crash for the fuzzer. */
#define BROKEN() (fprintf(stderr, "fuzz_numeric: line %d\n", __LINE__), abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- decoding --------------------------------------------------------- */

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

static unsigned byte(reader *r)
{
    if (r->n == 0)
        return 0;
    r->n--;
    return *r->p++;
}

/* Mostly ordinary values with a hostile one now and then: a byte picks a
 * table entry, or the next 8 bytes are a raw double. */
static double number(reader *r, double lo, double hi)
{
    static const double odd[] = {0.0, -0.0, NAN, INFINITY, -INFINITY, 1e308,
                                 -1e308, 5e-324, 1e-300, 1e12, 1.0000001e12,
                                 1e-17, 0.001, -0.5, 2.385, 1.0};
    unsigned b = byte(r);
    uint64_t bits = 0;
    double v;

    if (b < 200)
        return lo + (hi - lo) * (double)b / 199.0;
    if (b < 240)
        return odd[b % (sizeof odd / sizeof odd[0])];
    for (int i = 0; i < 8; i++)
        bits = bits << 8 | byte(r);
    memcpy(&v, &bits, sizeof v);
    return v;
}

typedef struct input {
    career_tier tiers[6];
    career_quantile q[5];
    career_profile profile;
    career_options opts;
    career_projection_options proj;
} input;

static void decode_profile(reader *r, input *in)
{
    size_t nt = 2 + byte(r) % 5, nq = 2 + byte(r) % 4;
    double y = 0.0, a = 0.0, s = 0.0, p = 0.0;

    for (size_t i = 0; i < nt; i++) {
        in->tiers[i].name = "tier";
        in->tiers[i].min_years = y;
        y += number(r, 0.5, 8.0);
        a = i ? a + number(r, 0.5, 8.0) : number(r, 0.0, 3.0);
        in->tiers[i].anchor_years = a;
        s = i ? s * number(r, 0.7, 1.6) : number(r, 1e3, 3e5);
        in->tiers[i].salary = byte(r) % 8 == 0 && i > 1 ? NAN : s;
    }
    for (size_t i = 0; i < nq; i++) {
        p += number(r, 0.01, 0.3);
        s = i ? s * number(r, 1.01, 1.8) : number(r, 1e3, 3e5);
        in->q[i] = (career_quantile){p, s};
    }
    in->profile = (career_profile){.role = "fuzz", .tiers = in->tiers,
                                   .ntiers = nt, .quantiles = in->q,
                                   .nquantiles = nq};
    in->profile.demand_growth = number(r, -0.5, 1.0);
    in->profile.demand_years = number(r, 0.5, 20.0);
    in->profile.separation_rate = byte(r) % 2 ? number(r, 0.0, 0.5) : 0.0;
    in->profile.band_shape = byte(r) % 2 ? CAREER_BAND_COPULA
                                         : CAREER_BAND_POWER;
}

static void decode_options(reader *r, input *in)
{
    unsigned b = byte(r);

    in->opts.interp = (career_interp)(b % 6);
    in->opts.extrap = (career_extrap)(b / 6 % 2);
    in->opts.dist = (career_dist)(b / 12 % 3);
    /* the calibration is slow: one input in eight */
    in->opts.dispersion = byte(r) % 8 != 7 ? number(r, 0.01, 5.0) : 0.0;
    in->opts.location_factor = byte(r) % 4 ? 0.0 : number(r, 0.1, 10.0);
    in->proj.start_years = number(r, 0.0, 40.0);
    in->proj.start_salary = byte(r) % 2 ? number(r, 1e3, 5e5) : 0.0;
    in->proj.horizon = byte(r) % 30;
    if (byte(r) % 2) {
        in->proj.growth = number(r, -0.9, 2.0);
        in->proj.growth_years = number(r, 0.0, 20.0);
    }
    in->proj.elasticity = number(r, 0.0, 2.0);
    in->proj.flags = byte(r) % 2 ? CAREER_PROJ_ELASTICITY_GIVEN : 0;
    in->proj.inflation = number(r, -0.05, 0.2);
    in->proj.discount = number(r, -0.05, 0.2);
}

/* ---- the invariants --------------------------------------------------- */

#define SENTINEL (-2.385e-7)

/* One double out-parameter: finite on OK, untouched otherwise. */
static double checked(career_status st, double v)
{
    if (st == CAREER_OK ? !isfinite(v) : v != SENTINEL)
        BROKEN();
    return st == CAREER_OK ? v : NAN;
}

static void check_curve(const career_model *m, const input *in, double x)
{
    double v = SENTINEL, lo = INFINITY, hi = -INFINITY;
    career_status st;

    for (size_t i = 0; i < in->profile.ntiers; i++) {
        if (isnan(in->tiers[i].salary))
            continue;
        lo = fmin(lo, in->tiers[i].anchor_years);
        hi = fmax(hi, in->tiers[i].anchor_years);
    }
    st = career_salary_at(m, x, &v);
    v = checked(st, v);
    if (!isnan(v) && !(v > 0.0) &&
        ((x >= lo && x <= hi) || in->opts.extrap == CAREER_EXTRAP_CLAMP))
        BROKEN();
    v = SENTINEL;
    st = career_salary_growth_rate(m, x, &v);
    checked(st, v);
    v = SENTINEL;
    st = career_years_to_salary(m, in->q[0].salary, &v);
    checked(st, v);
}

/* Q(p) non-decreasing in p, for the market and the band at x years. */
static void check_quantiles(const career_model *m, double x)
{
    static const double ps[] = {1e-300, 1e-9, 0.1, 0.5, 0.9, 1 - 1e-9};
    double last_market = 0.0, last_band = 0.0, v;
    career_status st;

    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        v = SENTINEL;
        st = career_market_quantile(m, ps[i], &v);
        v = checked(st, v);
        if (!isnan(v)) {
            if (!(v >= last_market))
                BROKEN();
            last_market = v;
        }
        v = SENTINEL;
        st = career_quantile_at(m, x, ps[i], &v);
        v = checked(st, v);
        if (!isnan(v)) {
            if (!(v >= last_band))
                BROKEN();
            last_band = v;
        }
    }
}

static void check_probability(career_status st, double v, const char *what)
{
    v = checked(st, v);
    if (!isnan(v) && !(v >= 0.0 && v <= 1.0)) {
        fprintf(stderr, "fuzz_numeric: %s: %.17g\n", what, v);
        BROKEN();
    }
}

static void check_position(const career_model *m, double x, double s)
{
    double v = SENTINEL;
    career_status st;

    st = career_percentile_at(m, x, s, &v);
    check_probability(st, v, "percentile_at");
    v = SENTINEL;
    st = career_market_percentile(m, s, &v);
    check_probability(st, v, "market_percentile");
    v = SENTINEL;
    st = career_mixture_percentile(m, s, &v);
    check_probability(st, v, "mixture_percentile");
    v = SENTINEL;
    st = career_compa_ratio(m, x, s, &v);
    checked(st, v);
    v = SENTINEL;
    st = career_range_penetration(m, x, s, &v);
    checked(st, v);
}

static void check_projection(const career_model *m, const input *in)
{
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    career_projection_options r;
    career_status st;

    memset(rows, 0xA5, sizeof rows);
    st = career_project(m, &in->proj, rows, CAREER_MAX_HORIZON + 1);
    if (st != CAREER_OK) {
        for (size_t i = 0; i < sizeof rows; i++)
            if (((const uint8_t *)rows)[i] != 0xA5)
                BROKEN();
        if (career_projection_resolve(m, &in->proj, &r) == CAREER_OK &&
            st != CAREER_ERR_DOMAIN)
            BROKEN(); /* options that resolve fail only by overflow */
        return;
    }
    if (in->proj.start_salary > 0.0 && rows[0].salary != in->proj.start_salary)
        BROKEN();
    for (unsigned t = 0; t <= (in->proj.horizon ? in->proj.horizon : 10u); t++)
        if (!isfinite(rows[t].salary) || !isfinite(rows[t].present_value) ||
            !(rows[t].market_percentile >= 0.0 &&
              rows[t].market_percentile <= 1.0))
            BROKEN();
}

/* A small Monte Carlo run now and then: OK bands finite and ordered,
 * nothing written on failure. */
static void check_simulation(const career_model *m, const input *in,
                             reader *r)
{
    career_band bands[CAREER_MAX_HORIZON + 1];
    career_simulation_options sim = {.paths = 64, .threads = 1};
    career_status st;

    if (byte(r) % 16 != 15)
        return;
    sim.seed = byte(r);
    sim.volatility = number(r, 0.0, 1.0);
    sim.pace_sd = number(r, 0.0, 1.0);
    memset(bands, 0xA5, sizeof bands);
    st = career_simulate(m, &in->proj, &sim, bands, CAREER_MAX_HORIZON + 1,
                         NULL, 0);
    if (st != CAREER_OK) {
        for (size_t i = 0; i < sizeof bands; i++)
            if (((const uint8_t *)bands)[i] != 0xA5)
                BROKEN();
        return;
    }
    for (unsigned t = 0; t <= (in->proj.horizon ? in->proj.horizon : 10u); t++)
        if (!isfinite(bands[t].mean) || !(bands[t].p10 <= bands[t].p50) ||
            !(bands[t].p50 <= bands[t].p90) || !isfinite(bands[t].p90))
            BROKEN();
}

static void gsl_abort(const char *reason, const char *file, int line,
                      int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, size};
    career_model *m = NULL;
    input in;
    double x, s;

    gsl_set_error_handler(gsl_abort);
    memset(&in, 0, sizeof in);
    decode_profile(&r, &in);
    decode_options(&r, &in);
    if (career_model_new(&in.profile, &in.opts, &m, NULL) != CAREER_OK) {
        if (m)
            BROKEN();
        return 0;
    }
    x = number(&r, 0.0, 45.0);
    s = number(&r, 1e3, 5e5);
    check_curve(m, &in, x);
    check_quantiles(m, x);
    check_position(m, x, s);
    check_projection(m, &in);
    check_simulation(m, &in, &r);
    career_model_free(m);
    return 0;
}
