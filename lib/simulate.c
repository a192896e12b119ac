/* simulate.c - the Monte Carlo fan of careers (DESIGN.md section 2, "Monte
 * Carlo projection").
 *
 * Path i draws a pace v = exp(sigma_v eta) once and a shock eps_t ~ N(0,1)
 * each year t >= 1: x_t = x0 + v t, u_t = sigma (eps_1 + ... + eps_t) and
 * salary_t = m(x_t) e^{u_t} c M_t (1+pi)^t. Year 0 gets no shock: it is the
 * start, whose salary s0 = c m(x0) the caller knows, so the year-0 band is the
 * deterministic row 0 exactly. With sigma = sigma_v = 0 every path is the
 * deterministic projection.
 *
 * Layout, for O(N + H) memory: year-major. Per path we keep its pace, its
 * accumulated shock and its salary of the year (two salary arrays, by parity
 * of t, so that the calling thread selects year t-1's quantiles while the
 * workers simulate year t) and a quarter of a path's worth of scratch for
 * the quantiles: 34 bytes a path, never an N x H table.
 *
 * Reproducibility: paths are cut into fixed blocks of BLOCK paths; each block
 * owns one generator, seeded from (seed, block index) and carried from year
 * to year. Threads claim whole blocks in any order; per-block sums and
 * counts are combined in block order by the calling thread. Nothing depends
 * on which thread ran which block, so the bands are bit-identical for any
 * thread count.
 *
 * Generator: GSL's taus2 (L'Ecuyer's maximally equidistributed combined
 * Tausworthe, period 2^88, passes the usual batteries) with
 * gsl_ran_gaussian_ziggurat. Measured on the project machine (issue 6) it is
 * ~1.6x faster than mt19937 with the same sampler, and its state is 24 bytes,
 * so a block's generator is copied into the worker's stack for the block and
 * back, keeping the hot state local and thread-private.
 */
#include "internal.h"

#include <float.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define SIM_DEFAULT_PATHS 10000u
#define SIM_DEFAULT_VOLATILITY 0.05
#define SIM_DEFAULT_PACE_SD 0.25
#define SIM_MAX_THREADS 64u
#define SIM_FLAGS (CAREER_SIM_NO_SHOCKS | CAREER_SIM_FIXED_PACE)
/* Paths a block: big enough to amortise claiming a block and swapping its
 * generator, small enough to balance 2..8 threads from ~10^5 paths. Part of
 * the definition of a seed's results: changing it changes the numbers. */
#define BLOCK 4096u
/* Room for a generator state on a worker's stack (taus2 needs 24 bytes). */
#define STATE_WORDS 16

/* ---- options ---------------------------------------------------------- */

typedef struct sim_params {
    size_t paths;
    uint64_t seed;
    unsigned threads;
    double volatility; /* sigma */
    double pace_sd;    /* sigma_v */
} sim_params;

/* A spread: NaN/inf is a bad argument, < 0 out of the domain, 0 the default,
 * and a set flag forces exactly 0. */
static career_status resolve_sd(double v, double fallback, int forced_zero,
                                double *out)
{
    if (!isfinite(v))
        return CAREER_ERR_ARG;
    if (v < 0.0)
        return CAREER_ERR_DOMAIN;
    *out = forced_zero ? 0.0 : v == 0.0 ? fallback : v;
    return CAREER_OK;
}

static career_status resolve_sim(const career_simulation_options *sim,
                                 sim_params *out)
{
    static const career_simulation_options defaults;
    const career_simulation_options *s = sim ? sim : &defaults;
    career_status st;

    if (s->flags & ~SIM_FLAGS)
        return CAREER_ERR_ARG;
    if ((st = resolve_sd(s->volatility, SIM_DEFAULT_VOLATILITY,
                         (s->flags & CAREER_SIM_NO_SHOCKS) != 0,
                         &out->volatility)) != CAREER_OK ||
        (st = resolve_sd(s->pace_sd, SIM_DEFAULT_PACE_SD,
                         (s->flags & CAREER_SIM_FIXED_PACE) != 0,
                         &out->pace_sd)) != CAREER_OK)
        return st;
    out->paths = s->paths == 0 ? SIM_DEFAULT_PATHS : s->paths;
    out->seed = s->seed;
    out->threads = s->threads == 0 ? 1u : s->threads;
    if (out->threads > SIM_MAX_THREADS)
        out->threads = SIM_MAX_THREADS;
    return CAREER_OK;
}

/* ---- the run ---------------------------------------------------------- */

typedef struct sim_run {
    const career_model *model;
    careerp_plan plan;
    sim_params par;
    size_t nblocks;
    size_t state_size;         /* bytes of one generator state */
    double *pace;              /* v of each path */
    double *shock;             /* u_t of each path */
    double *salary[2];         /* salaries of year t in salary[t & 1] */
    double *scratch;           /* for the quantiles: nscratch doubles */
    size_t nscratch;
    double *block_sum;         /* per block: sum of its salaries this year */
    size_t *block_tiers;       /* per block: paths in each tier this year */
    unsigned char *block_rng;  /* per block: its generator's state */
    unsigned year;             /* the year being simulated */
    double factor;             /* c M_t (1+pi)^t of that year */
    atomic_size_t next_block;  /* the next block to claim */
} sim_run;

static void run_free(sim_run *run)
{
    free(run->pace); /* shock, salary[], scratch: the same allocation */
    free(run->block_sum);
    free(run->block_tiers);
    free(run->block_rng);
}

static career_status run_alloc(sim_run *run)
{
    size_t n = run->par.paths, nb = run->nblocks;
    size_t nt = run->model->ntiers;

    run->state_size = gsl_rng_taus2->size;
    if (run->state_size > STATE_WORDS * sizeof(unsigned long))
        return CAREER_ERR_NOMEM; /* cannot happen: taus2 needs 24 bytes */
    /* Blocks are fewer than paths / 4096 and tiers at most 16: only the
     * per-path arrays can overflow a size_t. */
    if (n > SIZE_MAX / (5 * sizeof(double)))
        return CAREER_ERR_NOMEM;
    run->nscratch = careerp_quantile_scratch(n);
    run->pace = malloc((4 * n + run->nscratch) * sizeof(double));
    run->block_sum = malloc(nb * sizeof(double));
    run->block_tiers = malloc(nb * nt * sizeof(size_t));
    run->block_rng = malloc(nb * run->state_size);
    if (!run->pace || !run->block_sum || !run->block_tiers ||
        !run->block_rng) {
        run_free(run);
        return CAREER_ERR_NOMEM;
    }
    run->shock = run->pace + n;
    run->salary[0] = run->pace + 2 * n;
    run->salary[1] = run->pace + 3 * n;
    run->scratch = run->pace + 4 * n;
    return CAREER_OK;
}

/* splitmix64's finaliser (Steele, Lea, Flood 2014): a bijection whose output
 * bits all depend on every input bit, so neighbouring blocks and seeds get
 * unrelated generator seeds. */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* taus2 seeds itself from the low 32 bits of its seed; fold all 64 in. */
static unsigned long block_seed(uint64_t seed, size_t block)
{
    uint64_t z = mix64(mix64(seed) + (uint64_t)block);
    return (unsigned long)((z ^ (z >> 32)) & UINT64_C(0xFFFFFFFF));
}

/* Year 0 of a block: seed its generator, draw the paces; no shock yet. */
static double start_block(sim_run *run, const gsl_rng *rng, size_t lo,
                          size_t hi, size_t *tiers)
{
    double sd = run->par.pace_sd;
    double s0 = careerp_curve_eval(&run->model->curve, run->plan.x0) *
                run->factor;
    double *out = run->salary[0];
    double sum = 0.0;

    for (size_t i = lo; i < hi; i++) {
        run->pace[i] = sd > 0.0 ? exp(gsl_ran_gaussian_ziggurat(rng, sd)) : 1.0;
        run->shock[i] = 0.0;
        out[i] = s0;
        sum += s0;
    }
    tiers[careerp_tier_at(run->model, run->plan.x0)] += hi - lo;
    return sum;
}

/* Year t >= 1 of a block: the hot loop. */
static double step_block(sim_run *run, const gsl_rng *rng, size_t lo,
                         size_t hi, size_t *tiers)
{
    const career_model *model = run->model;
    double sd = run->par.volatility, factor = run->factor;
    double x0 = run->plan.x0, t = (double)run->year;
    double *pace = run->pace, *shock = run->shock;
    double *out = run->salary[run->year & 1u];
    double sum = 0.0;

    for (size_t i = lo; i < hi; i++) {
        double x = x0 + pace[i] * t;
        double s = careerp_curve_eval(&model->curve, x) * factor;

        if (sd > 0.0) {
            double u = shock[i] + gsl_ran_gaussian_ziggurat(rng, sd);
            shock[i] = u;
            s *= exp(u);
        }
        /* Absurd spreads can overflow; keep NaN and inf out of the
         * selection (NaN compares false, so it becomes DBL_MAX too). */
        s = s < DBL_MAX ? s : DBL_MAX;
        out[i] = s;
        sum += s;
        tiers[careerp_tier_at(model, x)]++;
    }
    return sum;
}

/* One block of the current year, with its generator copied into `rng`. */
static void run_block(sim_run *run, gsl_rng *rng, size_t b)
{
    size_t lo = b * BLOCK;
    size_t hi = run->par.paths - lo < BLOCK ? run->par.paths : lo + BLOCK;
    size_t *tiers = run->block_tiers + b * run->model->ntiers;
    unsigned char *saved = run->block_rng + b * run->state_size;

    memset(tiers, 0, run->model->ntiers * sizeof *tiers);
    if (run->year == 0) {
        gsl_rng_set(rng, block_seed(run->par.seed, b));
        run->block_sum[b] = start_block(run, rng, lo, hi, tiers);
    } else {
        memcpy(rng->state, saved, run->state_size);
        run->block_sum[b] = step_block(run, rng, lo, hi, tiers);
    }
    memcpy(saved, rng->state, run->state_size);
}

/* Claims and runs blocks of the current year until none is left. */
static void run_blocks(sim_run *run)
{
    unsigned long state[STATE_WORDS];
    gsl_rng rng = {gsl_rng_taus2, state};
    size_t b;

    while ((b = atomic_fetch_add(&run->next_block, 1)) < run->nblocks)
        run_block(run, &rng, b);
}

static void *worker_main(void *arg)
{
    run_blocks(arg);
    return NULL;
}

/* ---- quantiles by selection ------------------------------------------- */

static void swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void insertion_sort(double *a, size_t lo, size_t hi)
{
    for (size_t i = lo + 1; i < hi; i++) {
        double v = a[i];
        size_t j = i;
        for (; j > lo && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Hoare's partition of a[lo..hi) (hi - lo >= 3) around the median of three:
 * returns j with a[lo..j] <= a[j+1..hi), lo <= j <= hi - 2. The ordered
 * ends stop both scans, and equal keys split evenly (no quadratic case for
 * the many equal salaries of a clamped curve). */
static size_t partition(double *a, size_t lo, size_t hi)
{
    size_t mid = lo + (hi - lo) / 2, i = lo, j = hi - 1;
    double p;

    if (a[mid] < a[lo])
        swap(a, lo, mid);
    if (a[hi - 1] < a[lo])
        swap(a, lo, hi - 1);
    if (a[hi - 1] < a[mid])
        swap(a, mid, hi - 1);
    p = a[mid];
    for (;;) {
        do
            i++;
        while (a[i] < p);
        do
            j--;
        while (a[j] > p);
        if (i >= j)
            return j;
        swap(a, i, j);
    }
}

static void place_extreme(double *a, size_t lo, size_t hi, int max)
{
    size_t best = lo;
    for (size_t i = lo + 1; i < hi; i++)
        if (max ? a[i] > a[best] : a[i] < a[best])
            best = i;
    swap(a, max ? hi - 1 : lo, best);
}

/* Puts the order statistics of ranks r[0..nr) (increasing, in [lo,hi)) in
 * place: a multi-rank quickselect that recurses into the smaller side, so
 * its stack depth is O(log n). */
static void select_ranks(double *a, size_t lo, size_t hi, const size_t *r,
                         size_t nr)
{
    while (nr > 0) {
        size_t j, nl = 0;

        if (hi - lo <= 16) {
            insertion_sort(a, lo, hi);
            return;
        }
        if (nr == 1 && (r[0] == lo || r[0] == hi - 1)) {
            place_extreme(a, lo, hi, r[0] != lo);
            return;
        }
        j = partition(a, lo, hi);
        while (nl < nr && r[nl] <= j)
            nl++;
        if (j + 1 - lo < hi - (j + 1)) {
            select_ranks(a, lo, j + 1, r, nl);
            lo = j + 1;
            r += nl;
            nr -= nl;
        } else {
            select_ranks(a, j + 1, hi, r + nl, nr - nl);
            hi = j + 1;
            nr = nl;
        }
    }
}

#define MAX_QUANTILES 8

/* Inserts r into the increasing, duplicate-free rank[0..nr); returns nr. */
static size_t add_rank(size_t *rank, size_t nr, size_t r)
{
    size_t i = 0;

    while (i < nr && rank[i] < r)
        i++;
    if (i < nr && rank[i] == r)
        return nr;
    memmove(rank + i + 1, rank + i, (nr - i) * sizeof *rank);
    rank[i] = r;
    return nr + 1;
}

/* h = (n-1) p, p clamped to [0,1]. */
static double quantile_position(size_t n, double p)
{
    return (double)(n - 1) * (p < 0.0 ? 0.0 : p > 1.0 ? 1.0 : p);
}

/* The sample that brackets the quantiles, taken at a fixed stride (paths
 * are exchangeable, so any fixed subset is a random sample; a sorted input
 * gives an exact stratified one). Its p-quantile has a standard error of
 * sqrt(p (1-p) / SAMPLE) in p, <= 0.0039; brackets reach 4.5 of them each
 * side, so a bracket misses (and costs a quickselect) about once in 10^5. */
#define SAMPLE 16384u
#define BRACKET_MIN_N (8u * SAMPLE)

size_t careerp_quantile_scratch(size_t n)
{
    /* The widest bracket holds ~3.2 % of n; four of them a quarter. */
    return n / 4 + SAMPLE;
}

/* The bracket [lo, hi] of each quantile from the sample; 0 if they overlap. */
static int sample_brackets(const double *a, size_t n, const double *p,
                           size_t np, double *sample, double *lo, double *hi)
{
    size_t stride = n / SAMPLE, rank[2 * MAX_QUANTILES] = {0}, nr = 0;
    size_t rlo[MAX_QUANTILES], rhi[MAX_QUANTILES];

    for (size_t i = 0; i < SAMPLE; i++)
        sample[i] = a[i * stride];
    for (size_t k = 0; k < np; k++) {
        double d = 4.5 * sqrt(p[k] * (1.0 - p[k]) / SAMPLE) + 2.0 / SAMPLE;
        double l = (p[k] - d) * (SAMPLE - 1), h = (p[k] + d) * (SAMPLE - 1);

        rlo[k] = l <= 0.0 ? 0 : (size_t)l;
        rhi[k] = h >= SAMPLE - 1 ? SAMPLE - 1 : (size_t)ceil(h);
        nr = add_rank(rank, nr, rlo[k]);
        nr = add_rank(rank, nr, rhi[k]);
    }
    select_ranks(sample, 0, SAMPLE, rank, nr);
    for (size_t k = 0; k < np; k++) {
        lo[k] = sample[rlo[k]];
        hi[k] = sample[rhi[k]];
        if (k > 0 && !(hi[k - 1] < lo[k]))
            return 0;
    }
    return 1;
}

/* One pass: how many values fall below each bracket, and the values inside
 * it, copied to bucket k (scratch + k * cap). below[k] = #{x < lo[k]}.
 * The compares run over a fixed MAX_QUANTILES (padded with +inf) so that
 * they unroll into branch-free code; only "inside a bracket" (about one
 * value in eight) branches. */
static void fill_buckets(const double *a, size_t n, size_t np,
                         const double *lo, const double *hi, double *scratch,
                         size_t cap, size_t *below, size_t *fill)
{
    double l[MAX_QUANTILES], h[MAX_QUANTILES + 1];
    size_t count[MAX_QUANTILES] = {0};

    h[0] = -INFINITY; /* below every lower end: in no bracket */
    for (size_t k = 0; k < MAX_QUANTILES; k++) {
        l[k] = k < np ? lo[k] : INFINITY;
        h[k + 1] = k < np ? hi[k] : -INFINITY;
    }
    for (size_t i = 0; i < n; i++) {
        double x = a[i];
        size_t under = 0;

#if defined(__GNUC__)
#pragma GCC unroll 8
#endif
        for (size_t k = 0; k < MAX_QUANTILES; k++) {
            size_t b = x < l[k];
            count[k] += b;
            under += b;
        }
        /* the lower ends are ordered: x is at most in bracket j - 1 */
        size_t j = MAX_QUANTILES - under;
        if (x <= h[j]) {
            size_t f = fill[j - 1]++;
            if (f < cap)
                scratch[(j - 1) * cap + f] = x;
        }
    }
    for (size_t k = 0; k < np; k++)
        below[k] = count[k];
}

/* The sample-bracket path; 0 (a[] untouched) when it cannot conclude. */
static int bracket_quantiles(const double *a, size_t n, const double *p,
                             size_t np, double *q, double *scratch,
                             size_t nscratch)
{
    double lo[MAX_QUANTILES], hi[MAX_QUANTILES];
    size_t below[MAX_QUANTILES], fill[MAX_QUANTILES] = {0};
    size_t cap = nscratch / (np ? np : 1);

    if (n < BRACKET_MIN_N || nscratch < SAMPLE || np == 0 ||
        !sample_brackets(a, n, p, np, scratch, lo, hi))
        return 0;
    fill_buckets(a, n, np, lo, hi, scratch, cap, below, fill);
    for (size_t k = 0; k < np; k++) {
        double h = quantile_position(n, p[k]);
        size_t r = (size_t)h, last = h > (double)r && r + 1 < n ? r + 1 : r;

        /* The bucket holds the ranks [below, below + fill) exactly. */
        if (fill[k] > cap || r < below[k] || last >= below[k] + fill[k])
            return 0;
    }
    for (size_t k = 0; k < np; k++) {
        double *bucket = scratch + k * cap;
        double h = quantile_position(n, p[k]);
        size_t r = (size_t)h, rank[2] = {r - below[k], r + 1 - below[k]};
        double frac = h - (double)r;
        int pair = frac > 0.0 && r + 1 < n;

        select_ranks(bucket, 0, fill[k], rank, pair ? 2 : 1);
        q[k] = pair ? bucket[rank[0]] + frac * (bucket[rank[1]] -
                                                 bucket[rank[0]])
                    : bucket[rank[0]];
    }
    return 1;
}

void careerp_quantiles(double *a, size_t n, const double *p, size_t np,
                       double *q, double *scratch, size_t nscratch)
{
    size_t rank[2 * MAX_QUANTILES] = {0}, nr = 0;

    if (np > MAX_QUANTILES)
        np = MAX_QUANTILES;
    if (scratch && bracket_quantiles(a, n, p, np, q, scratch, nscratch))
        return;
    for (size_t k = 0; k < np; k++) {
        size_t lo = (size_t)quantile_position(n, p[k]);

        nr = add_rank(rank, nr, lo);
        if (lo + 1 < n)
            nr = add_rank(rank, nr, lo + 1);
    }
    select_ranks(a, 0, n, rank, nr);
    for (size_t k = 0; k < np; k++) {
        double h = quantile_position(n, p[k]);
        size_t lo = (size_t)h;
        double frac = h - (double)lo;

        q[k] = frac > 0.0 && lo + 1 < n ? a[lo] + frac * (a[lo + 1] - a[lo])
                                        : a[lo];
    }
}

/* ---- the bands -------------------------------------------------------- */

/* Mean and tier shares of the year just simulated, combined in block order
 * so that the sum is the same whatever thread ran which block. */
static void summarise_year(const sim_run *run, career_band *band)
{
    size_t nt = run->model->ntiers, count[CAREER_MAX_TIERS] = {0};
    double sum = 0.0, reached = 0.0;

    for (size_t b = 0; b < run->nblocks; b++) {
        sum += run->block_sum[b];
        for (size_t k = 0; k < nt; k++)
            count[k] += run->block_tiers[b * nt + k];
    }
    memset(band, 0, sizeof *band);
    band->year = run->year;
    band->mean = sum / (double)run->par.paths;
    for (size_t k = nt; k-- > 0;) {
        reached += (double)count[k];
        band->tier_share[k] = reached / (double)run->par.paths;
    }
}

static void quantiles_of_year(const sim_run *run, unsigned t,
                              career_band *band)
{
    static const double p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
    double q[5];

    careerp_quantiles(run->salary[t & 1u], run->par.paths, p, 5, q,
                      run->scratch, run->nscratch);
    band->p10 = q[0];
    band->p25 = q[1];
    band->p50 = q[2];
    band->p75 = q[3];
    band->p90 = q[4];
}

/* Simulates year t with the helper threads while the calling thread first
 * selects the quantiles of year t - 1, then joins in on the blocks. A helper
 * that cannot be started only means fewer hands: the calling thread runs
 * whatever blocks are left. */
static void simulate_year(sim_run *run, unsigned t, career_band *bands)
{
    pthread_t helper[SIM_MAX_THREADS];
    int started[SIM_MAX_THREADS] = {0};
    unsigned nhelpers = run->par.threads - 1;

    run->year = t;
    run->factor = careerp_plan_factor(&run->plan, t);
    atomic_store(&run->next_block, 0);
    for (unsigned k = 0; k < nhelpers; k++)
        started[k] = pthread_create(&helper[k], NULL, worker_main, run) == 0;
    if (t > 0)
        quantiles_of_year(run, t - 1, &bands[t - 1]);
    run_blocks(run);
    for (unsigned k = 0; k < nhelpers; k++)
        if (started[k])
            pthread_join(helper[k], NULL);
    summarise_year(run, &bands[t]);
}

career_status career_simulate(const career_model *model,
                              const career_projection_options *opts,
                              const career_simulation_options *sim,
                              career_band *bands, size_t nbands)
{
    sim_run run = {0};
    career_status st;
    unsigned horizon;

    if (!model || !bands)
        return CAREER_ERR_ARG;
    run.model = model;
    if ((st = careerp_plan_resolve(model, opts, &run.plan)) != CAREER_OK ||
        (st = resolve_sim(sim, &run.par)) != CAREER_OK)
        return st;
    horizon = run.plan.horizon;
    if (nbands < (size_t)horizon + 1)
        return CAREER_ERR_BUFFER;
    run.nblocks = (run.par.paths - 1) / BLOCK + 1;
    if (run.par.threads > run.nblocks)
        run.par.threads = (unsigned)run.nblocks;
    if ((st = run_alloc(&run)) != CAREER_OK)
        return st;
    for (unsigned t = 0; t <= horizon; t++) {
        simulate_year(&run, t, bands);
        if (t > 0 && sim && sim->progress)
            sim->progress(sim->progress_context,
                          (double)t / ((double)horizon + 1.0));
    }
    quantiles_of_year(&run, horizon, &bands[horizon]);
    if (sim && sim->progress)
        sim->progress(sim->progress_context, 1.0);
    run_free(&run);
    return CAREER_OK;
}
