/* simulate.c - the Monte Carlo fan of careers (docs/model.md §9, "The
 * Monte Carlo projection").
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
 * of t), and a small share of a path for the quantile buckets: 37 bytes a
 * path, never an N x H table.
 *
 * Reproducibility: paths are cut into fixed blocks of BLOCK paths; each block
 * owns one generator, seeded from (seed, block index) and carried from year
 * to year. Threads claim whole blocks in any order; per-block sums and
 * counts are combined in block order by the calling thread, and quantiles
 * are order statistics, which do not depend on the order in which values
 * reach a bucket. So the bands are bit-identical for any thread count.
 *
 * Threads: one pool for the whole run (lib/pool.c: the calling thread and
 * threads - 1 helpers), one barrier per phase. Phase p simulates year p,
 * sorts year p-1's salaries into the buckets of its quantile brackets (taken
 * from a sample gathered while year p-1 was simulated), and selects year
 * p-2's quantiles inside its buckets, one task per quantile. Every part of the
 * work is shared; only the sample's selection (16384 values) and the sums
 * run on the calling thread between phases. Runs of fewer paths than the
 * brackets need (select.h) select each year whole, as one task of the
 * next phase, by radix selection: a histogram pass and a gathering pass
 * over the year where a quickselect made several, the same order
 * statistics.
 *
 * Failure leaves no trace: the bands and shares are built in the run's own
 * memory and copied to the caller's only when the run ends well (not
 * cancelled, every salary finite).
 *
 * Random numbers: xoshiro256++ and a 256-layer ziggurat, inlined (rng.h
 * says why). The hot loop works on chunks of CHUNK paths: the years of the
 * chunk, the curve at them in one vectorised call, then the draws, then the
 * exponentials, then the salaries, sums and tier counts.
 */

/* The chunk loops (years, tiers, exponentials, salaries) vectorise only at
 * -O3, and only when the compiler may evaluate both arms of a select (no FP
 * traps are used anywhere). Not when optimisation is off (the coverage
 * build's -O0), nor under clang, which vectorises them at -O2 and ignores
 * the pragma. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

#include "plan/simulate.h"

#include "plan/pool.h"
#include "plan/rng.h"
#include "plan/select.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define SIM_DEFAULT_PATHS 10000u
#define SIM_DEFAULT_VOLATILITY 0.05
#define SIM_DEFAULT_PACE_SD 0.25
#define SIM_FLAGS (CAREER_SIM_NO_SHOCKS | CAREER_SIM_FIXED_PACE)
/* Paths a block: big enough to amortise claiming a block, small enough to
 * balance 2..8 threads from ~10^5 paths. Part of the definition of a seed's
 * results: changing it changes the numbers. */
#define BLOCK 4096u
/* Paths a chunk of the hot loop: its work arrays stay in L1. */
#define CHUNK 256u

/* The quantiles of a band. */
#define NQ 5
static const double band_p[NQ] = {0.10, 0.25, 0.50, 0.75, 0.90};

/* ---- options ---------------------------------------------------------- */

/* A spread: NaN/inf is a bad argument, < 0 or > CAREER_SIM_MAX_SD out of
 * the domain, 0 the default, and a set flag forces exactly 0. */
static career_status resolve_sd(double v, double fallback, int forced_zero,
                                double *out)
{
    career_status st = careerp_check_min(v, 0.0, 0);

    if (st != CAREER_OK)
        return st;
    if (v > CAREER_SIM_MAX_SD)
        return CAREER_ERR_DOMAIN;
    *out = forced_zero ? 0.0 : v == 0.0 ? fallback : v;
    return CAREER_OK;
}

career_status career_simulation_resolve(const career_simulation_options *sim,
                                        career_simulation_options *out)
{
    static const career_simulation_options defaults;
    const career_simulation_options *s = sim ? sim : &defaults;
    career_simulation_options r;
    career_status st;

    if (!out || (s->flags & ~SIM_FLAGS) ||
        careerp_check_reserved(NULL, "", s->reserved, CAREERP_NRESERVED(s)) !=
            CAREER_OK)
        return CAREER_ERR_ARG;
    r = *s;
    if ((st = resolve_sd(s->volatility, SIM_DEFAULT_VOLATILITY,
                         (s->flags & CAREER_SIM_NO_SHOCKS) != 0,
                         &r.volatility)) != CAREER_OK ||
        (st = resolve_sd(s->pace_sd, SIM_DEFAULT_PACE_SD,
                         (s->flags & CAREER_SIM_FIXED_PACE) != 0,
                         &r.pace_sd)) != CAREER_OK)
        return st;
    r.paths = s->paths == 0 ? SIM_DEFAULT_PATHS : s->paths;
    r.threads = careerp_pool_threads(s->threads);
    /* a run has no more workers than blocks (run_init): say what it uses */
    if (r.threads > (r.paths - 1) / BLOCK + 1)
        r.threads = (unsigned)((r.paths - 1) / BLOCK + 1);
    *out = r;
    return CAREER_OK;
}

/* ---- the run ---------------------------------------------------------- */

/* The quantiles of one year as they go through the phases: brackets from
 * its sample (after phase y), buckets filled (phase y + 1), checked (after
 * it), selected (phase y + 2), copied into the band (after it). */
typedef struct year_quantiles {
    int bracketed;          /* brackets found: bucket this year */
    int selectable;         /* buckets hold the ranks: select in them */
    int whole;              /* no brackets: select it whole next phase */
    careerp_brackets br;
    atomic_size_t below[NQ];
    atomic_size_t fill[NQ]; /* also the next free slot of each bucket */
    double q[NQ];
} year_quantiles;

/* Work space of the classification of one block, one per worker (on the
 * heap: 45 KB would be a large share of a thread's stack). */
typedef struct classified {
    size_t pos[BLOCK];
    unsigned short idx[BLOCK];
    unsigned char bracket[BLOCK];
} classified;

typedef struct sim_run {
    const career_model *model;
    careerp_plan plan;
    career_simulation_options par; /* resolved */
    careerp_ziggurat zig;
    size_t nblocks;
    double *pace;              /* v of each path */
    double *shock;             /* u_t of each path */
    double *salary[2];         /* salaries of year t in salary[t & 1] */
    double *bucket[2];         /* year y's buckets: bucket[y & 1] + k cap */
    size_t cap;
    double *sample;            /* SAMPLE values of the year; NULL: n small */
    double *block_sum;         /* per block: sum of its salaries this year */
    size_t *block_reached;     /* per block: paths at or past each tier */
    careerp_xoshiro *block_rng;
    classified *work;          /* one per worker */
    careerp_radix_work *radix; /* whole years' selection; NULL: quickselect */
    career_band *bands;        /* years 0..H, copied out on success */
    double *shares;            /* (H+1) x ntiers, likewise */
    year_quantiles yq[2];      /* year y's in yq[y & 1] */
    double start_salary;       /* s0 = c m(x0) */
    atomic_int overflow;       /* a salary was not finite */

    /* the phase */
    unsigned year;             /* simulated this phase, if simulating */
    int simulating;
    double factor;             /* c M_t (1+pi)^t of that year */
    year_quantiles *bucketing; /* the year bucketed this phase, or NULL */
    year_quantiles *selecting; /* the year selected this phase, or NULL */
    size_t nselect, ntasks;
    int whole;                 /* year - 1 is selected whole this phase */

    careerp_pool pool;
} sim_run;

static void run_free(sim_run *run)
{
    free(run->pace); /* shock, salary[], bucket[], sample: the same block */
    free(run->block_sum);
    free(run->block_reached);
    free(run->block_rng);
    free(run->work);
    free(run->radix);
    free(run->bands);
    free(run->shares);
}

/* The year tables the caller gets: H+1 bands and (H+1) x ntiers shares. */
static career_status alloc_years(sim_run *run)
{
    size_t years = (size_t)run->plan.horizon + 1;

    run->bands = calloc(years, sizeof *run->bands);
    run->shares = calloc(years * run->model->ntiers, sizeof *run->shares);
    return run->bands && run->shares ? CAREER_OK : CAREER_ERR_NOMEM;
}

static career_status run_alloc(sim_run *run, int whole_years)
{
    size_t n = run->par.paths, nb = run->nblocks, nt = run->model->ntiers;
    size_t nsample =
        n >= CAREERP_BRACKET_MIN_N && !whole_years ? CAREERP_SAMPLE : 0;

    /* Blocks are fewer than paths / 4096 and tiers at most 16: only the
     * per-path arrays can overflow a size_t. */
    if (n > SIZE_MAX / (6 * sizeof(double)))
        return CAREER_ERR_NOMEM;
    /* A bucket holds ~3.6 % of n at most (see select.h): 1/16 is ample. */
    run->cap = n / 16 + 64;
    run->pace = malloc((4 * n + 2 * NQ * run->cap + nsample) * sizeof(double));
    run->block_sum = malloc(nb * sizeof(double));
    run->block_reached = malloc(nb * nt * sizeof(size_t));
    run->block_rng = malloc(nb * sizeof(careerp_xoshiro));
    run->work = malloc(run->par.threads * sizeof(classified));
    run->radix = whole_years ? NULL : malloc(sizeof *run->radix);
    if (!run->pace || !run->block_sum || !run->block_reached ||
        !run->block_rng || !run->work || (!whole_years && !run->radix) ||
        alloc_years(run) != CAREER_OK) {
        run_free(run);
        return CAREER_ERR_NOMEM;
    }
    run->shock = run->pace + n;
    run->salary[0] = run->pace + 2 * n;
    run->salary[1] = run->pace + 3 * n;
    run->bucket[0] = run->pace + 4 * n;
    run->bucket[1] = run->bucket[0] + NQ * run->cap;
    run->sample = nsample ? run->bucket[1] + NQ * run->cap : NULL;
    return CAREER_OK;
}

/* ---- one block of one year -------------------------------------------- */

/* What a block hands to the year's summary. */
typedef struct block_out {
    double sum[4]; /* four partial sums: no chain of dependent adds */
    size_t *reached;
    int overflow;  /* some salary was not finite */
} block_out;

/* Year 0 of a block: draw the paces; no shock yet. */
static void start_block(sim_run *run, careerp_xoshiro *rng, size_t lo,
                        size_t hi, block_out *o)
{
    const careerp_ziggurat *z = &run->zig;
    double sd = run->par.pace_sd, s0 = run->start_salary;
    double *out = run->salary[0];
    careerp_xoshiro g = *rng;

    for (size_t i = lo; i < hi; i++) {
        run->pace[i] = sd > 0.0 ? exp(sd * careerp_normal(z, &g)) : 1.0;
        run->shock[i] = 0.0;
        out[i] = s0;
        o->sum[i & 3] += s0;
    }
    *rng = g;
    for (size_t k = 0; k < run->model->ntiers; k++)
        o->reached[k] = run->plan.x0 >= run->model->min_years[k] ? hi - lo : 0;
}

/* m(x[i]) for a chunk: the vectorised batch, or one by one where a value
 * overflowed (the batch then leaves out[] unspecified). */
static void curve_chunk(const careerp_curve *curve, const double *x,
                        double *out, size_t n)
{
    if (careerp_curve_eval_n(curve, x, out, n))
        for (size_t i = 0; i < n; i++)
            out[i] = careerp_curve_eval(curve, x[i]);
}

/* The years x0 + v t of a chunk, and how many reach each tier. A pace that
 * overflowed (absurd sigma_v) gives x = DBL_MAX: finite, past every tier.
 * The counts vectorise with AVX2 only. */
CAREERP_CLONES
static void chunk_years(const sim_run *run, const double *pace, double t,
                        double *x, size_t n, size_t *reached)
{
    const career_model *model = run->model;
    double x0 = run->plan.x0;

    for (size_t i = 0; i < n; i++) {
        double v = x0 + pace[i] * t;
        x[i] = v < DBL_MAX ? v : DBL_MAX;
    }
    for (size_t k = 1; k < model->ntiers; k++) {
        double min = model->min_years[k];
        size_t c = 0;
        for (size_t i = 0; i < n; i++)
            c += x[i] >= min ? 1 : 0;
        reached[k] += c;
    }
}

/* The shocks of a chunk: u += sigma eps, and e^u into e[]. */
static void chunk_shocks(const careerp_ziggurat *z, careerp_xoshiro *rng,
                         double sd, double *shock, double *e, size_t n)
{
    careerp_xoshiro g = *rng; /* a local: its state stays in registers */
    double u[CHUNK];

    for (size_t i = 0; i < n; i++) {
        u[i] = shock[i] + sd * careerp_normal(z, &g);
        shock[i] = u[i];
    }
    *rng = g;
    careerp_exp_n(u, e, n); /* its arguments may not overlap */
}

/* Year t >= 1 of a block: the hot loop, a chunk at a time. */
static void step_block(sim_run *run, careerp_xoshiro *rng, size_t lo,
                       size_t hi, block_out *o)
{
    double x[CHUNK], m[CHUNK], e[CHUNK];
    double sd = run->par.volatility, factor = run->factor;
    double t = (double)run->year;
    double *out = run->salary[run->year & 1u];
    size_t overflow = 0;

    o->reached[0] = hi - lo;
    for (size_t c = lo; c < hi; c += CHUNK) {
        size_t n = hi - c < CHUNK ? hi - c : CHUNK;

        chunk_years(run, run->pace + c, t, x, n, o->reached);
        curve_chunk(&run->model->curve, x, m, n);
        if (sd > 0.0)
            chunk_shocks(&run->zig, rng, sd, run->shock + c, e, n);
        for (size_t i = 0; i < n; i++) {
            double s = m[i] * factor;
            s = sd > 0.0 ? s * e[i] : s;
            /* Large spreads or rates can overflow: the run then fails, but
             * NaN and inf stay out of this year's selection meanwhile (NaN
             * compares false, so it becomes DBL_MAX too). */
            overflow += s <= DBL_MAX ? 0u : 1u;
            s = s < DBL_MAX ? s : DBL_MAX;
            out[c + i] = s;
            o->sum[i & 3] += s;
        }
    }
    o->overflow = overflow != 0;
}

/* Copies the block's share of the stride sample of the year. */
static void gather_sample(sim_run *run, size_t lo, size_t hi)
{
    const double *a = run->salary[run->year & 1u];
    size_t stride = careerp_sample_stride(run->par.paths);

    for (size_t j = (lo + stride - 1) / stride;
         j < CAREERP_SAMPLE && j * stride < hi; j++)
        run->sample[j] = a[j * stride];
}

/* Sorts the block's salaries of the year being bucketed into its buckets:
 * count first, then reserve room in each bucket, then copy. */
static void bucket_block(sim_run *run, size_t lo, size_t hi,
                         classified *w)
{
    year_quantiles *yq = run->bucketing;
    unsigned year = run->year - 1;
    const double *a = run->salary[year & 1u] + lo;
    size_t below[CAREERP_MAX_QUANTILES] = {0};
    size_t inside[CAREERP_MAX_QUANTILES] = {0};
    size_t next[CAREERP_MAX_QUANTILES] = {0}, m;

    m = careerp_classify(a, hi - lo, &yq->br, w->pos, w->idx, w->bracket,
                         below, inside);
    for (size_t k = 0; k < NQ; k++) {
        atomic_fetch_add(&yq->below[k], below[k]);
        next[k] = atomic_fetch_add(&yq->fill[k], inside[k]);
    }
    careerp_scatter(a, w->idx, w->bracket, m, run->bucket[year & 1u],
                    run->cap, next);
}

static void block_task(sim_run *run, size_t b, classified *w)
{
    size_t lo = b * BLOCK;
    size_t hi = run->par.paths - lo < BLOCK ? run->par.paths : lo + BLOCK;

    if (run->simulating) {
        block_out o = {{0.0, 0.0, 0.0, 0.0},
                       run->block_reached + b * run->model->ntiers, 0};
        careerp_xoshiro *rng = run->block_rng + b;

        memset(o.reached, 0, run->model->ntiers * sizeof *o.reached);
        if (run->year == 0) {
            /* unrelated keys for neighbouring seeds and blocks */
            uint64_t key = careerp_mix64(careerp_mix64(run->par.seed) + b);

            careerp_xoshiro_seed(rng, key);
            start_block(run, rng, lo, hi, &o);
        } else {
            step_block(run, rng, lo, hi, &o);
        }
        run->block_sum[b] = (o.sum[0] + o.sum[1]) + (o.sum[2] + o.sum[3]);
        if (o.overflow)
            atomic_store(&run->overflow, 1);
        if (run->sample)
            gather_sample(run, lo, hi);
    }
    if (run->bucketing)
        bucket_block(run, lo, hi, w);
}

/* Quantile k of the year being selected, from its bucket. */
static void select_task(sim_run *run, size_t k)
{
    year_quantiles *yq = run->selecting;
    double *bucket = run->bucket[(run->year - 2) & 1u] + k * run->cap;

    yq->q[k] = careerp_select_in_bucket(bucket, atomic_load(&yq->fill[k]),
                                        atomic_load(&yq->below[k]),
                                        run->par.paths, band_p[k]);
}

static void select_whole_year(sim_run *run, unsigned y, career_band *band);

/* Task k of a phase: the selections first (they are the longest), then the
 * blocks. */
static void sim_task(void *context, size_t k, unsigned worker)
{
    sim_run *run = context;

    if (k < run->nselect)
        select_task(run, k);
    else if (k == run->nselect && run->whole)
        select_whole_year(run, run->year - 1, &run->bands[run->year - 1]);
    else
        block_task(run, k - run->nselect - (size_t)run->whole,
                   &run->work[worker]);
}

/* ---- the phases ------------------------------------------------------- */

/* ---- the phases ------------------------------------------------------- */

/* Mean and tier shares of the year just simulated, combined in block order
 * so that the sum is the same whatever thread ran which block. */
static void summarise_year(sim_run *run, career_band *band)
{
    size_t nt = run->model->ntiers, count[CAREER_MAX_TIERS] = {0};
    double sum = 0.0;

    for (size_t b = 0; b < run->nblocks; b++) {
        sum += run->block_sum[b];
        for (size_t k = 0; k < nt; k++)
            count[k] += run->block_reached[b * nt + k];
    }
    band->year = run->year;
    band->mean = sum / (double)run->par.paths;
    if (!isfinite(band->mean)) /* finite salaries, but their sum is not */
        atomic_store(&run->overflow, 1);
    for (size_t k = 0; k < nt; k++)
        run->shares[run->year * nt + k] =
            (double)count[k] / (double)run->par.paths;
}

static void set_quantiles(career_band *band, const double *q)
{
    band->p10 = q[0];
    band->p25 = q[1];
    band->p50 = q[2];
    band->p75 = q[3];
    band->p90 = q[4];
}

/* The quantiles of year y on this thread, from all its salaries: by radix
 * selection, or by the quickselect in the reference run. */
static void select_whole_year(sim_run *run, unsigned y, career_band *band)
{
    double q[NQ];

    if (run->radix)
        careerp_radix_quantiles(run->salary[y & 1u], run->par.paths, band_p,
                                NQ, q, run->radix);
    else
        careerp_select_quantiles(run->salary[y & 1u], run->par.paths, band_p,
                                 NQ, q);
    set_quantiles(band, q);
}

/* What phase p does: simulate year p (p <= H), bucket year p - 1 (if it
 * has brackets) or select it whole (if not: one task beside the others, so
 * that small runs, which have no brackets, select on one thread while the
 * others simulate), select year p - 2 (if its buckets hold its ranks). */
static void plan_phase(sim_run *run, unsigned p)
{
    unsigned horizon = run->plan.horizon;
    year_quantiles *b = p >= 1 ? &run->yq[(p - 1) & 1u] : NULL;
    year_quantiles *s = p >= 2 ? &run->yq[(p - 2) & 1u] : NULL;

    run->year = p;
    run->simulating = p <= horizon;
    run->factor = run->simulating ? careerp_plan_factor(&run->plan, p) : 0.0;
    run->bucketing = b && p - 1 <= horizon && b->bracketed ? b : NULL;
    run->selecting = s && p - 2 <= horizon && s->selectable ? s : NULL;
    run->nselect = run->selecting ? NQ : 0;
    run->whole = b && p - 1 <= horizon && b->whole;
    run->ntasks = run->nselect + (size_t)run->whole +
                  (run->simulating || run->bucketing ? run->nblocks : 0);
}

/* After phase p, on the calling thread: year p - 2's quantiles into its
 * band; year p - 1's buckets checked (or, when they missed, its quantiles
 * selected from all its salaries, which phase p + 1 overwrites); year p
 * summed up and its brackets taken from its sample (or, without brackets,
 * its selection left to phase p + 1). */
static void finish_phase(sim_run *run, unsigned p)
{
    unsigned horizon = run->plan.horizon;
    career_band *bands = run->bands;

    if (run->selecting)
        set_quantiles(&bands[p - 2], run->selecting->q);
    if (run->bucketing) {
        year_quantiles *yq = run->bucketing;
        size_t below[NQ], fill[NQ];

        for (size_t k = 0; k < NQ; k++) {
            below[k] = atomic_load(&yq->below[k]);
            fill[k] = atomic_load(&yq->fill[k]);
        }
        yq->selectable = careerp_buckets_hold(run->par.paths, band_p, NQ,
                                              below, fill, run->cap);
        if (!yq->selectable)
            select_whole_year(run, p - 1, &bands[p - 1]);
    }
    if (p <= horizon) {
        year_quantiles *yq = &run->yq[p & 1u];

        summarise_year(run, &bands[p]);
        yq->selectable = 0;
        yq->whole = 0;
        yq->bracketed =
            p > 0 && run->sample &&
            careerp_brackets_of_sample(run->sample, band_p, NQ, &yq->br);
        for (size_t k = 0; k < NQ; k++) {
            atomic_store(&yq->below[k], 0);
            atomic_store(&yq->fill[k], 0);
        }
        if (p == 0) { /* every path starts at s0 */
            double q[NQ] = {run->start_salary, run->start_salary,
                            run->start_salary, run->start_salary,
                            run->start_salary};
            set_quantiles(&bands[0], q);
        } else if (!yq->bracketed) {
            yq->whole = 1;
        }
    }
}


/* Whether the progress callback asks to stop after phase p of 0..last. */
static int cancelled(const career_simulation_options *sim, unsigned p,
                     unsigned last)
{
    double done = p < last ? (double)(p + 1) / ((double)last + 1.0) : 1.0;

    return sim && sim->progress && sim->progress(sim->progress_context, done);
}

static career_status run_phases(sim_run *run,
                                 const career_simulation_options *sim)
{
    unsigned last = run->plan.horizon + 2;

    for (unsigned p = 0; p <= last; p++) {
        plan_phase(run, p);
        if (run->ntasks > 0)
            careerp_pool_run(&run->pool, sim_task, run, run->ntasks);
        /* a year that overflowed is never selected: stop here */
        if (atomic_load(&run->overflow))
            return CAREER_ERR_DOMAIN;
        finish_phase(run, p);
        if (atomic_load(&run->overflow))
            return CAREER_ERR_DOMAIN;
        if (cancelled(sim, p, last))
            return CAREER_ERR_CANCELLED;
    }
    return CAREER_OK;
}

static career_status run_init(sim_run *run, int whole_years)
{
    career_status st;

    run->nblocks = (run->par.paths - 1) / BLOCK + 1;
    if (run->par.threads > run->nblocks)
        run->par.threads = (unsigned)run->nblocks;
    if ((st = run_alloc(run, whole_years)) != CAREER_OK)
        return st;
    if ((st = careerp_pool_start(&run->pool, run->par.threads)) !=
        CAREER_OK) {
        run_free(run);
        return st;
    }
    careerp_ziggurat_init(&run->zig);
    run->start_salary = careerp_curve_eval(&run->model->curve, run->plan.x0) *
                        careerp_plan_factor(&run->plan, 0);
    return CAREER_OK;
}

/* The caller's tables, once the run has succeeded. */
static void copy_out(const sim_run *run, career_band *bands,
                     double *tier_share)
{
    size_t years = (size_t)run->plan.horizon + 1;

    memcpy(bands, run->bands, years * sizeof *bands);
    if (tier_share)
        memcpy(tier_share, run->shares,
               years * run->model->ntiers * sizeof *tier_share);
}

/* The checks before any work: options, then the buffers' sizes. */
static career_status check_call(sim_run *run,
                                const career_projection_options *opts,
                                const career_simulation_options *sim,
                                size_t nbands, const double *tier_share,
                                size_t nshare)
{
    career_status st;
    size_t years;

    if ((st = careerp_plan_resolve(run->model, opts, &run->plan)) !=
            CAREER_OK ||
        (st = career_simulation_resolve(sim, &run->par)) != CAREER_OK)
        return st;
    years = (size_t)run->plan.horizon + 1;
    if (nbands < years ||
        (tier_share && nshare / run->model->ntiers < years))
        return CAREER_ERR_BUFFER;
    return CAREER_OK;
}

static career_status simulate(const career_model *model,
                              const career_projection_options *opts,
                              const career_simulation_options *sim,
                              career_band *bands, size_t nbands,
                              double *tier_share, size_t nshare,
                              int whole_years)
{
    sim_run *run;
    career_status st;

    if (!model || !bands)
        return CAREER_ERR_ARG;
    run = calloc(1, sizeof *run);
    if (!run)
        return CAREER_ERR_NOMEM;
    run->model = model;
    if ((st = check_call(run, opts, sim, nbands, tier_share, nshare)) !=
            CAREER_OK ||
        (st = run_init(run, whole_years)) != CAREER_OK) {
        free(run);
        return st;
    }
    st = run_phases(run, sim);
    careerp_pool_stop(&run->pool);
    if (st == CAREER_OK)
        copy_out(run, bands, tier_share);
    run_free(run);
    free(run);
    return st;
}

career_status career_simulate(const career_model *model,
                              const career_projection_options *opts,
                              const career_simulation_options *sim,
                              career_band *bands, size_t nbands,
                              double *tier_share, size_t nshare)
{
    return simulate(model, opts, sim, bands, nbands, tier_share, nshare, 0);
}

career_status careerp_simulate_whole_years(
    const career_model *model, const career_projection_options *opts,
    const career_simulation_options *sim, career_band *bands, size_t nbands)
{
    return simulate(model, opts, sim, bands, nbands, NULL, 0, 1);
}
