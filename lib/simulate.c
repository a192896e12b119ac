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
 * Threads: one pool for the whole run (the calling thread and threads - 1
 * helpers), one barrier per phase. Phase p simulates year p, sorts year
 * p-1's salaries into the buckets of its quantile brackets (taken from a
 * sample gathered while year p-1 was simulated), and selects year p-2's
 * quantiles inside its buckets, one task per quantile. Every part of the
 * work is shared; only the sample's selection (16384 values) and the sums
 * run on the calling thread between phases.
 *
 * Random numbers: xoshiro256++ and a 256-layer ziggurat, inlined (rng.h
 * says why). The hot loop works on chunks of CHUNK paths: the years of the
 * chunk, the curve at them in one vectorised call, then the draws, then the
 * exponentials, then the salaries, sums and tier counts.
 */
#include "simulate.h"

#include "rng.h"

#include <float.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define SIM_DEFAULT_PATHS 10000u
#define SIM_DEFAULT_VOLATILITY 0.05
#define SIM_DEFAULT_PACE_SD 0.25
#define SIM_MAX_THREADS 64u
#define SIM_FLAGS (CAREER_SIM_NO_SHOCKS | CAREER_SIM_FIXED_PACE)
/* Paths a block: big enough to amortise claiming a block, small enough to
 * balance 2..8 threads from ~10^5 paths. Part of the definition of a seed's
 * results: changing it changes the numbers. */
#define BLOCK 4096u
/* Paths a chunk of the hot loop: its work arrays stay in L1. */
#define CHUNK 256u

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
    career_status st = careerp_check_min(v, 0.0, 0);

    if (st != CAREER_OK)
        return st;
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
/* The quantiles of a band. */
#define NQ 5
static const double band_p[NQ] = {0.10, 0.25, 0.50, 0.75, 0.90};

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

/* The ranks a quantile interpolates between: r and last (= r or r + 1). */
static void quantile_ranks(size_t n, double p, size_t *r, size_t *last,
                           double *frac)
{
    double h = quantile_position(n, p);

    *r = (size_t)h;
    *frac = h - (double)*r;
    *last = *frac > 0.0 && *r + 1 < n ? *r + 1 : *r;
}

/* The quantile p of a[0..n) by a multi-rank quickselect (reorders a[]). */
static void select_quantiles(double *a, size_t n, const double *p, size_t np,
                             double *q)
{
    size_t rank[2 * MAX_QUANTILES] = {0}, nr = 0;

    for (size_t k = 0; k < np; k++) {
        size_t r, last;
        double frac;

        quantile_ranks(n, p[k], &r, &last, &frac);
        nr = add_rank(rank, nr, r);
        nr = add_rank(rank, nr, last);
    }
    select_ranks(a, 0, n, rank, nr);
    for (size_t k = 0; k < np; k++) {
        size_t r, last;
        double frac;

        quantile_ranks(n, p[k], &r, &last, &frac);
        q[k] = last > r ? a[r] + frac * (a[last] - a[r]) : a[r];
    }
}

/* ---- quantiles by brackets -------------------------------------------- */

/* A sample that brackets the quantiles, taken at a fixed stride (paths
 * are exchangeable, so any fixed subset is a random sample; a sorted input
 * gives an exact stratified one). Its p-quantile has a standard error of
 * sqrt(p (1-p) / SAMPLE) in p, <= 0.0039; brackets reach 4.5 of them each
 * side, so a bracket misses (and costs a quickselect) about once in 10^5.
 * A bracket holds at most ~3.6 % of the values. */
#define SAMPLE 16384u
#define BRACKET_MIN_N (8u * SAMPLE)

/* The value ranges [lo[k], hi[k]] that hold the quantiles, ordered and
 * disjoint; unused ends are padded so that no value falls in them. */
typedef struct brackets {
    size_t np;
    double lo[MAX_QUANTILES], hi[MAX_QUANTILES];
} brackets;

static size_t sample_stride(size_t n)
{
    return n / SAMPLE;
}

/* The brackets from a sample (reordered); 0 if they overlap (ties). */
static int brackets_of_sample(double *sample, const double *p, size_t np,
                              brackets *br)
{
    size_t rank[2 * MAX_QUANTILES] = {0}, nr = 0;
    size_t rlo[MAX_QUANTILES], rhi[MAX_QUANTILES];

    for (size_t k = 0; k < np; k++) {
        double d = 4.5 * sqrt(p[k] * (1.0 - p[k]) / SAMPLE) + 2.0 / SAMPLE;
        double l = (p[k] - d) * (SAMPLE - 1), h = (p[k] + d) * (SAMPLE - 1);

        rlo[k] = l <= 0.0 ? 0 : (size_t)l;
        rhi[k] = h >= SAMPLE - 1 ? SAMPLE - 1 : (size_t)ceil(h);
        nr = add_rank(rank, nr, rlo[k]);
        nr = add_rank(rank, nr, rhi[k]);
    }
    select_ranks(sample, 0, SAMPLE, rank, nr);
    br->np = np;
    for (size_t k = 0; k < MAX_QUANTILES; k++) {
        br->lo[k] = k < np ? sample[rlo[k]] : INFINITY;
        br->hi[k] = k < np ? sample[rhi[k]] : -INFINITY;
        if (k > 0 && k < np && !(br->hi[k - 1] < br->lo[k]))
            return 0;
    }
    return 1;
}

/* For a[0..n) (n <= BLOCK) and brackets 0..nk-1: below[k] += #{a[i] <
 * lo[k]}, inside[k] += #{a[i] in bracket k}, and idx[0..m) (returns m) the
 * indices of the bracketed values, bracket[0..m) their brackets. The first
 * loop is straight compares and adds over a fixed nk, so it vectorises; the
 * second appends without a branch. */
static CAREERP_ALWAYS_INLINE size_t
classify_k(const double *restrict a, size_t n, const brackets *br, size_t nk,
           size_t *restrict pos, unsigned short *restrict idx,
           unsigned char *restrict bracket, size_t *below, size_t *inside)
{
    double lo[MAX_QUANTILES], hi[MAX_QUANTILES];
    size_t count[MAX_QUANTILES] = {0}, m = 0;

    memcpy(lo, br->lo, sizeof lo);
    memcpy(hi, br->hi, sizeof hi);
    for (size_t i = 0; i < n; i++) {
        double x = a[i];
        size_t in = 0;

        for (size_t k = 0; k < nk; k++) {
            count[k] += x < lo[k] ? 1 : 0;
            /* the brackets are disjoint: at most one term is not 0 */
            in += x >= lo[k] && x <= hi[k] ? k + 1 : 0;
        }
        pos[i] = in;
    }
    for (size_t i = 0; i < n; i++) {
        idx[m] = (unsigned short)i;
        bracket[m] = (unsigned char)pos[i];
        m += pos[i] != 0;
    }
    for (size_t k = 0; k < nk; k++)
        below[k] += count[k];
    for (size_t t = 0; t < m; t++)
        inside[bracket[t] - 1u]++;
    return m;
}

/* Vectorises only with AVX2 (SSE2 has no 64-bit compare masks). */
CAREERP_CLONES
static size_t classify(const double *restrict a, size_t n, const brackets *br,
                       size_t *restrict pos, unsigned short *restrict idx,
                       unsigned char *restrict bracket, size_t *below,
                       size_t *inside)
{
    if (br->np == NQ)
        return classify_k(a, n, br, NQ, pos, idx, bracket, below, inside);
    return classify_k(a, n, br, MAX_QUANTILES, pos, idx, bracket, below,
                      inside);
}

/* Copies the bracketed values to their buckets (bucket k at dst + k * cap),
 * from slot next[k] on; slots past cap are counted, not written. */
static void scatter(const double *a, const unsigned short *idx,
                    const unsigned char *bracket, size_t m, double *dst,
                    size_t cap, size_t *next)
{
    for (size_t t = 0; t < m; t++) {
        size_t k = bracket[t] - 1u, f = next[k]++;
        if (f < cap)
            dst[k * cap + f] = a[idx[t]];
    }
}

/* Work space of classify for one block. */
typedef struct classified {
    size_t pos[BLOCK];
    unsigned short idx[BLOCK];
    unsigned char bracket[BLOCK];
} classified;

/* Whether bucket k (below[k] values under it, fill[k] in it) holds the
 * ranks of quantile p[k] of n values. */
static int buckets_hold(size_t n, const double *p, size_t np,
                        const size_t *below, const size_t *fill, size_t cap)
{
    for (size_t k = 0; k < np; k++) {
        size_t r, last;
        double frac;

        quantile_ranks(n, p[k], &r, &last, &frac);
        if (fill[k] > cap || r < below[k] || last >= below[k] + fill[k])
            return 0;
    }
    return 1;
}

/* Quantile p of n values from the bucket that holds its ranks. */
static double select_in_bucket(double *bucket, size_t fill, size_t below,
                               size_t n, double p)
{
    size_t r, last, rank[2];
    double frac;

    quantile_ranks(n, p, &r, &last, &frac);
    rank[0] = r - below;
    rank[1] = last - below;
    select_ranks(bucket, 0, fill, rank, last > r ? 2 : 1);
    return last > r ? bucket[rank[0]] + frac * (bucket[rank[1]] -
                                                 bucket[rank[0]])
                    : bucket[rank[0]];
}

size_t careerp_quantile_scratch(size_t n)
{
    /* The widest bracket holds ~3.6 % of n; five of them under a quarter. */
    return n / 4 + SAMPLE;
}

/* The bracket path of careerp_quantiles; 0 (a[] untouched) when it cannot
 * conclude. */
static int bracket_quantiles(const double *a, size_t n, const double *p,
                             size_t np, double *q, double *scratch,
                             size_t nscratch)
{
    brackets br;
    size_t below[MAX_QUANTILES] = {0}, fill[MAX_QUANTILES] = {0};
    size_t next[MAX_QUANTILES] = {0}, stride = sample_stride(n);
    size_t cap = nscratch / (np ? np : 1);
    classified w;

    if (n < BRACKET_MIN_N || nscratch < SAMPLE || np == 0)
        return 0;
    for (size_t i = 0; i < SAMPLE; i++)
        scratch[i] = a[i * stride];
    if (!brackets_of_sample(scratch, p, np, &br))
        return 0;
    for (size_t lo = 0; lo < n; lo += BLOCK) {
        size_t len = n - lo < BLOCK ? n - lo : BLOCK;
        size_t m = classify(a + lo, len, &br, w.pos, w.idx, w.bracket, below,
                            fill);
        scatter(a + lo, w.idx, w.bracket, m, scratch, cap, next);
    }
    if (!buckets_hold(n, p, np, below, fill, cap))
        return 0;
    for (size_t k = 0; k < np; k++)
        q[k] = select_in_bucket(scratch + k * cap, fill[k], below[k], n, p[k]);
    return 1;
}

void careerp_quantiles(double *a, size_t n, const double *p, size_t np,
                       double *q, double *scratch, size_t nscratch)
{
    if (np > MAX_QUANTILES)
        np = MAX_QUANTILES;
    if (scratch && bracket_quantiles(a, n, p, np, q, scratch, nscratch))
        return;
    select_quantiles(a, n, p, np, q);
}

/* ---- the run ---------------------------------------------------------- */

/* The quantiles of one year as they go through the phases: brackets from
 * its sample (after phase y), buckets filled (phase y + 1), checked (after
 * it), selected (phase y + 2), copied into the band (after it). */
typedef struct year_quantiles {
    int bracketed;          /* brackets found: bucket this year */
    int selectable;         /* buckets hold the ranks: select in them */
    brackets br;
    atomic_size_t below[NQ];
    atomic_size_t fill[NQ]; /* also the next free slot of each bucket */
    double q[NQ];
} year_quantiles;

typedef struct sim_run {
    const career_model *model;
    careerp_plan plan;
    sim_params par;
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
    year_quantiles yq[2];      /* year y's in yq[y & 1] */
    double start_salary;       /* s0 = c m(x0) */

    /* the phase */
    unsigned year;             /* simulated this phase, if simulating */
    int simulating;
    double factor;             /* c M_t (1+pi)^t of that year */
    year_quantiles *bucketing; /* the year bucketed this phase, or NULL */
    year_quantiles *selecting; /* the year selected this phase, or NULL */
    size_t nselect, ntasks;
    atomic_size_t next_task;

    /* the pool */
    pthread_mutex_t mutex;
    pthread_cond_t go, done;
    unsigned long generation;  /* phases started */
    unsigned busy;             /* helpers still in the phase */
    int quit;
} sim_run;

static void run_free(sim_run *run)
{
    free(run->pace); /* shock, salary[], bucket[], sample: the same block */
    free(run->block_sum);
    free(run->block_reached);
    free(run->block_rng);
}

static career_status run_alloc(sim_run *run, int whole_years)
{
    size_t n = run->par.paths, nb = run->nblocks, nt = run->model->ntiers;
    size_t nsample = n >= BRACKET_MIN_N && !whole_years ? SAMPLE : 0;

    /* Blocks are fewer than paths / 4096 and tiers at most 16: only the
     * per-path arrays can overflow a size_t. */
    if (n > SIZE_MAX / (6 * sizeof(double)))
        return CAREER_ERR_NOMEM;
    /* A bucket holds ~3.6 % of n at most (see SAMPLE): 1/16 is ample. */
    run->cap = n / 16 + 64;
    run->pace = malloc((4 * n + 2 * NQ * run->cap + nsample) * sizeof(double));
    run->block_sum = malloc(nb * sizeof(double));
    run->block_reached = malloc(nb * nt * sizeof(size_t));
    run->block_rng = malloc(nb * sizeof(careerp_xoshiro));
    if (!run->pace || !run->block_sum || !run->block_reached ||
        !run->block_rng) {
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

/* splitmix64's finaliser (Steele, Lea, Flood 2014): a bijection whose output
 * bits all depend on every input bit, so neighbouring blocks and seeds get
 * unrelated generator keys. */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* ---- one block of one year -------------------------------------------- */

/* What a block hands to the year's summary. */
typedef struct block_out {
    double sum[4]; /* four partial sums: no chain of dependent adds */
    size_t *reached;
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
            /* Absurd spreads can overflow; keep NaN and inf out of the
             * selection (NaN compares false, so it becomes DBL_MAX too). */
            s = s < DBL_MAX ? s : DBL_MAX;
            out[c + i] = s;
            o->sum[i & 3] += s;
        }
    }
}

/* Copies the block's share of the stride sample of the year. */
static void gather_sample(sim_run *run, size_t lo, size_t hi)
{
    const double *a = run->salary[run->year & 1u];
    size_t stride = sample_stride(run->par.paths);

    for (size_t j = (lo + stride - 1) / stride; j < SAMPLE && j * stride < hi;
         j++)
        run->sample[j] = a[j * stride];
}

/* Sorts the block's salaries of the year being bucketed into its buckets:
 * count first, then reserve room in each bucket, then copy. */
static void bucket_block(sim_run *run, size_t lo, size_t hi)
{
    year_quantiles *yq = run->bucketing;
    unsigned year = run->year - 1;
    const double *a = run->salary[year & 1u] + lo;
    classified w;
    size_t below[MAX_QUANTILES] = {0}, inside[MAX_QUANTILES] = {0};
    size_t next[MAX_QUANTILES] = {0}, m;

    m = classify(a, hi - lo, &yq->br, w.pos, w.idx, w.bracket, below, inside);
    for (size_t k = 0; k < NQ; k++) {
        atomic_fetch_add(&yq->below[k], below[k]);
        next[k] = atomic_fetch_add(&yq->fill[k], inside[k]);
    }
    scatter(a, w.idx, w.bracket, m, run->bucket[year & 1u], run->cap, next);
}

static void block_task(sim_run *run, size_t b)
{
    size_t lo = b * BLOCK;
    size_t hi = run->par.paths - lo < BLOCK ? run->par.paths : lo + BLOCK;

    if (run->simulating) {
        block_out o = {{0.0, 0.0, 0.0, 0.0},
                       run->block_reached + b * run->model->ntiers};
        careerp_xoshiro *rng = run->block_rng + b;

        memset(o.reached, 0, run->model->ntiers * sizeof *o.reached);
        if (run->year == 0) {
            careerp_xoshiro_seed(rng, mix64(mix64(run->par.seed) + b));
            start_block(run, rng, lo, hi, &o);
        } else {
            step_block(run, rng, lo, hi, &o);
        }
        run->block_sum[b] = (o.sum[0] + o.sum[1]) + (o.sum[2] + o.sum[3]);
        if (run->sample)
            gather_sample(run, lo, hi);
    }
    if (run->bucketing)
        bucket_block(run, lo, hi);
}

/* Quantile k of the year being selected, from its bucket. */
static void select_task(sim_run *run, size_t k)
{
    year_quantiles *yq = run->selecting;
    double *bucket = run->bucket[(run->year - 2) & 1u] + k * run->cap;

    yq->q[k] = select_in_bucket(bucket, atomic_load(&yq->fill[k]),
                                atomic_load(&yq->below[k]), run->par.paths,
                                band_p[k]);
}

/* Claims and runs the phase's tasks until none is left: the selections
 * first (they are the longest), then the blocks. */
static void run_tasks(sim_run *run)
{
    size_t k;

    while ((k = atomic_fetch_add(&run->next_task, 1)) < run->ntasks) {
        if (k < run->nselect)
            select_task(run, k);
        else
            block_task(run, k - run->nselect);
    }
}

/* ---- the pool --------------------------------------------------------- */

static void *helper_main(void *arg)
{
    sim_run *run = arg;
    unsigned long seen = 0;

    pthread_mutex_lock(&run->mutex);
    for (;;) {
        while (run->generation == seen && !run->quit)
            pthread_cond_wait(&run->go, &run->mutex);
        if (run->quit)
            break;
        seen = run->generation;
        pthread_mutex_unlock(&run->mutex);
        run_tasks(run);
        pthread_mutex_lock(&run->mutex);
        if (--run->busy == 0)
            pthread_cond_signal(&run->done);
    }
    pthread_mutex_unlock(&run->mutex);
    return NULL;
}

/* Runs the phase's tasks on the calling thread and the helpers; returns
 * when all are done. */
static void run_phase(sim_run *run, unsigned nhelpers)
{
    pthread_mutex_lock(&run->mutex);
    atomic_store(&run->next_task, 0);
    run->generation++;
    run->busy = nhelpers;
    pthread_cond_broadcast(&run->go);
    pthread_mutex_unlock(&run->mutex);
    run_tasks(run);
    pthread_mutex_lock(&run->mutex);
    while (run->busy > 0)
        pthread_cond_wait(&run->done, &run->mutex);
    pthread_mutex_unlock(&run->mutex);
}

/* ---- the phases ------------------------------------------------------- */

/* Mean and tier shares of the year just simulated, combined in block order
 * so that the sum is the same whatever thread ran which block. */
static void summarise_year(const sim_run *run, career_band *band)
{
    size_t nt = run->model->ntiers, count[CAREER_MAX_TIERS] = {0};
    double sum = 0.0;

    for (size_t b = 0; b < run->nblocks; b++) {
        sum += run->block_sum[b];
        for (size_t k = 0; k < nt; k++)
            count[k] += run->block_reached[b * nt + k];
    }
    memset(band, 0, sizeof *band);
    band->year = run->year;
    band->mean = sum / (double)run->par.paths;
    for (size_t k = 0; k < nt; k++)
        band->tier_share[k] = (double)count[k] / (double)run->par.paths;
}

static void set_quantiles(career_band *band, const double *q)
{
    band->p10 = q[0];
    band->p25 = q[1];
    band->p50 = q[2];
    band->p75 = q[3];
    band->p90 = q[4];
}

/* The quantiles of year y on this thread, from all its salaries. */
static void select_whole_year(sim_run *run, unsigned y, career_band *band)
{
    double q[NQ];

    select_quantiles(run->salary[y & 1u], run->par.paths, band_p, NQ, q);
    set_quantiles(band, q);
}

/* What phase p does: simulate year p (p <= H), bucket year p - 1 (if it
 * has brackets), select year p - 2 (if its buckets hold its ranks). */
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
    run->ntasks = run->nselect +
                  (run->simulating || run->bucketing ? run->nblocks : 0);
}

/* After phase p, on the calling thread: year p - 2's quantiles into its
 * band; year p - 1's buckets checked (or its quantiles selected from all
 * its salaries, which phase p + 1 overwrites); year p summed up and its
 * brackets taken from its sample (or its quantiles selected right away). */
static void finish_phase(sim_run *run, unsigned p, career_band *bands)
{
    unsigned horizon = run->plan.horizon;

    if (run->selecting)
        set_quantiles(&bands[p - 2], run->selecting->q);
    if (run->bucketing) {
        year_quantiles *yq = run->bucketing;
        size_t below[NQ], fill[NQ];

        for (size_t k = 0; k < NQ; k++) {
            below[k] = atomic_load(&yq->below[k]);
            fill[k] = atomic_load(&yq->fill[k]);
        }
        yq->selectable = buckets_hold(run->par.paths, band_p, NQ, below,
                                      fill, run->cap);
        if (!yq->selectable)
            select_whole_year(run, p - 1, &bands[p - 1]);
    }
    if (p <= horizon) {
        year_quantiles *yq = &run->yq[p & 1u];

        summarise_year(run, &bands[p]);
        yq->selectable = 0;
        yq->bracketed = p > 0 && run->sample &&
                        brackets_of_sample(run->sample, band_p, NQ, &yq->br);
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
            select_whole_year(run, p, &bands[p]);
        }
    }
}

static unsigned start_helpers(sim_run *run, pthread_t *helper)
{
    unsigned started = 0;

    /* A helper that cannot be started only means fewer hands. */
    for (unsigned k = 0; k + 1 < run->par.threads; k++)
        if (pthread_create(&helper[started], NULL, helper_main, run) == 0)
            started++;
    return started;
}

static void stop_helpers(sim_run *run, pthread_t *helper, unsigned n)
{
    pthread_mutex_lock(&run->mutex);
    run->quit = 1;
    pthread_cond_broadcast(&run->go);
    pthread_mutex_unlock(&run->mutex);
    for (unsigned k = 0; k < n; k++)
        pthread_join(helper[k], NULL);
}

static void run_phases(sim_run *run, const career_simulation_options *sim,
                       career_band *bands)
{
    pthread_t helper[SIM_MAX_THREADS];
    unsigned last = run->plan.horizon + 2, nhelpers = start_helpers(run, helper);

    for (unsigned p = 0; p <= last; p++) {
        plan_phase(run, p);
        if (run->ntasks > 0)
            run_phase(run, nhelpers);
        finish_phase(run, p, bands);
        if (p < last && sim && sim->progress)
            sim->progress(sim->progress_context,
                          (double)(p + 1) / ((double)last + 1.0));
    }
    stop_helpers(run, helper, nhelpers);
}

static career_status run_init(sim_run *run, int whole_years)
{
    career_status st;

    run->nblocks = (run->par.paths - 1) / BLOCK + 1;
    if (run->par.threads > run->nblocks)
        run->par.threads = (unsigned)run->nblocks;
    if ((st = run_alloc(run, whole_years)) != CAREER_OK)
        return st;
    if (pthread_mutex_init(&run->mutex, NULL) != 0) {
        run_free(run);
        return CAREER_ERR_NOMEM;
    }
    if (pthread_cond_init(&run->go, NULL) != 0) {
        pthread_mutex_destroy(&run->mutex);
        run_free(run);
        return CAREER_ERR_NOMEM;
    }
    if (pthread_cond_init(&run->done, NULL) != 0) {
        pthread_cond_destroy(&run->go);
        pthread_mutex_destroy(&run->mutex);
        run_free(run);
        return CAREER_ERR_NOMEM;
    }
    careerp_ziggurat_init(&run->zig);
    run->start_salary = careerp_curve_eval(&run->model->curve, run->plan.x0) *
                        careerp_plan_factor(&run->plan, 0);
    return CAREER_OK;
}

static void run_destroy(sim_run *run)
{
    pthread_cond_destroy(&run->done);
    pthread_cond_destroy(&run->go);
    pthread_mutex_destroy(&run->mutex);
    run_free(run);
}

static career_status simulate(const career_model *model,
                              const career_projection_options *opts,
                              const career_simulation_options *sim,
                              career_band *bands, size_t nbands,
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
    if ((st = careerp_plan_resolve(model, opts, &run->plan)) != CAREER_OK ||
        (st = resolve_sim(sim, &run->par)) != CAREER_OK) {
        free(run);
        return st;
    }
    if (nbands < (size_t)run->plan.horizon + 1) {
        free(run);
        return CAREER_ERR_BUFFER;
    }
    if ((st = run_init(run, whole_years)) != CAREER_OK) {
        free(run);
        return st;
    }
    run_phases(run, sim, bands);
    if (sim && sim->progress)
        sim->progress(sim->progress_context, 1.0);
    run_destroy(run);
    free(run);
    return CAREER_OK;
}

career_status career_simulate(const career_model *model,
                              const career_projection_options *opts,
                              const career_simulation_options *sim,
                              career_band *bands, size_t nbands)
{
    return simulate(model, opts, sim, bands, nbands, 0);
}

career_status careerp_simulate_whole_years(
    const career_model *model, const career_projection_options *opts,
    const career_simulation_options *sim, career_band *bands, size_t nbands)
{
    return simulate(model, opts, sim, bands, nbands, 1);
}
