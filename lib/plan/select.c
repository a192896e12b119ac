/* select.c - quantiles by selection, and by brackets taken from a sample
 * (the Monte Carlo's band quantiles; select.h says how the brackets are
 * chosen). */

/* The bracket classification vectorises only at -O3, and only when the
 * compiler may evaluate both arms of a select (no FP traps are used
 * anywhere). Not when optimisation is off (the coverage build's -O0), nor
 * under clang, which vectorises these loops at -O2 and ignores the pragma. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

#include "plan/select.h"

#include <string.h>

/* The quantiles of a band: with a constant count the classification
 * unrolls. */
#define BAND_QUANTILES 5

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

/* The distinct ranks, increasing, that the quantiles p[0..np) of n values
 * interpolate between; returns their count. */
static size_t quantile_rank_set(size_t n, const double *p, size_t np,
                                size_t *rank)
{
    size_t nr = 0;

    for (size_t k = 0; k < np; k++) {
        size_t r, last;
        double frac;

        quantile_ranks(n, p[k], &r, &last, &frac);
        nr = add_rank(rank, nr, r);
        nr = add_rank(rank, nr, last);
    }
    return nr;
}

/* The quantiles from the order statistics: the value of rank[j] is
 * a[at[j]]. */
static void quantiles_of_ranks(const double *a, size_t n, const double *p,
                               size_t np, const size_t *rank, const size_t *at,
                               double *q)
{
    for (size_t k = 0; k < np; k++) {
        size_t r, last, j = 0;
        double frac, lo, hi;

        quantile_ranks(n, p[k], &r, &last, &frac);
        while (rank[j] != r)
            j++;
        lo = a[at[j]];
        hi = last > r ? a[at[j + 1]] : lo;
        q[k] = last > r ? lo + frac * (hi - lo) : lo;
    }
}

void careerp_select_quantiles(double *a, size_t n, const double *p, size_t np,
                              double *q)
{
    size_t rank[2 * CAREERP_MAX_QUANTILES] = {0};
    size_t nr = quantile_rank_set(n, p, np, rank);

    select_ranks(a, 0, n, rank, nr);
    quantiles_of_ranks(a, n, p, np, rank, rank, q);
}

/* ---- quantiles by radix selection ------------------------------------- */

/* Below this many values a round's passes cost more than the quickselect. */
#define RADIX_MIN 256u

/* An integer key in the order of the doubles (no NaN): the sign bit set
 * for x >= 0, every bit flipped for x < 0. -0 is keyed as +0, as they
 * compare equal. */
static inline uint64_t radix_key(double x)
{
    uint64_t u;

    x += 0.0;
    memcpy(&u, &x, sizeof u);
    return u ^ ((0 - (u >> 63)) | 0x8000000000000000u);
}

/* Bins for a round over n values: about n / 2, a power of two in
 * [64, CAREERP_RADIX_BINS], so that the histogram stays small beside them. */
static size_t radix_bins(size_t n)
{
    size_t bins = 64;

    while (bins < CAREERP_RADIX_BINS && bins * 2 <= n / 2)
        bins *= 2;
    return bins;
}

/* Marks the bins that hold the ranks r[0..nr) of the histogram's values
 * and rebases each rank on the values of the marked bins alone. */
static void radix_mark(careerp_radix_work *w, size_t bins, size_t *r,
                       size_t nr)
{
    size_t below = 0, kept = 0, j = 0;

    memset(w->wanted, 0, bins);
    for (size_t b = 0; b < bins && j < nr; b++) {
        size_t c = w->count[b];

        if (r[j] < below + c) {
            w->wanted[b] = 1;
            for (; j < nr && r[j] < below + c; j++)
                r[j] = r[j] - below + kept;
            kept += c;
        }
        below += c;
    }
}

/* One round over a[0..n): the values of the bins that hold the ranks
 * r[0..nr) move to the front (returns their count) and r is rebased on
 * them. */
static size_t radix_round(double *a, size_t n, size_t *r, size_t nr,
                          careerp_radix_work *w)
{
    double min = a[0], max = a[0];
    size_t bins = radix_bins(n), m = 0;
    uint64_t base, span;
    unsigned shift = 0;

    for (size_t i = 1; i < n; i++) {
        min = a[i] < min ? a[i] : min;
        max = a[i] > max ? a[i] : max;
    }
    base = radix_key(min);
    span = radix_key(max) - base;
    while ((span >> shift) >= bins)
        shift++;
    memset(w->count, 0, bins * sizeof *w->count);
    for (size_t i = 0; i < n; i++)
        w->count[(radix_key(a[i]) - base) >> shift]++;
    radix_mark(w, bins, r, nr);
    /* a swap, not a copy: a[] stays a permutation of its values */
    for (size_t i = 0; i < n; i++) {
        double x = a[i];

        a[i] = a[m];
        a[m] = x;
        m += w->wanted[(radix_key(x) - base) >> shift];
    }
    return m;
}

void careerp_radix_quantiles(double *a, size_t n, const double *p, size_t np,
                             double *q, careerp_radix_work *w)
{
    size_t rank[2 * CAREERP_MAX_QUANTILES] = {0};
    size_t at[2 * CAREERP_MAX_QUANTILES];
    size_t nr = quantile_rank_set(n, p, np, rank), m = n;

    memcpy(at, rank, sizeof at);
    /* the counts are 32-bit; a round that keeps every value is the last */
    while (m > RADIX_MIN && m <= UINT32_MAX) {
        size_t kept = radix_round(a, m, at, nr, w);

        if (kept == m)
            break;
        m = kept;
    }
    select_ranks(a, 0, m, at, nr);
    quantiles_of_ranks(a, n, p, np, rank, at, q);
}

int careerp_brackets_of_sample(double *sample, const double *p, size_t np,
                               careerp_brackets *br)
{
    size_t rank[2 * CAREERP_MAX_QUANTILES] = {0}, nr = 0;
    size_t rlo[CAREERP_MAX_QUANTILES], rhi[CAREERP_MAX_QUANTILES];

    for (size_t k = 0; k < np; k++) {
        double d = 4.5 * sqrt(p[k] * (1.0 - p[k]) / CAREERP_SAMPLE) +
                   2.0 / CAREERP_SAMPLE;
        double l = (p[k] - d) * (CAREERP_SAMPLE - 1),
               h = (p[k] + d) * (CAREERP_SAMPLE - 1);

        rlo[k] = l <= 0.0 ? 0 : (size_t)l;
        rhi[k] = h >= CAREERP_SAMPLE - 1 ? CAREERP_SAMPLE - 1 : (size_t)ceil(h);
        nr = add_rank(rank, nr, rlo[k]);
        nr = add_rank(rank, nr, rhi[k]);
    }
    select_ranks(sample, 0, CAREERP_SAMPLE, rank, nr);
    br->np = np;
    for (size_t k = 0; k < CAREERP_MAX_QUANTILES; k++) {
        br->lo[k] = k < np ? sample[rlo[k]] : INFINITY;
        br->hi[k] = k < np ? sample[rhi[k]] : -INFINITY;
        if (k > 0 && k < np && !(br->hi[k - 1] < br->lo[k]))
            return 0;
    }
    return 1;
}

/* careerp_classify for brackets 0..nk-1. The first
 * loop is straight compares and adds over a fixed nk, so it vectorises; the
 * second appends without a branch. */
static CAREERP_ALWAYS_INLINE size_t
classify_k(const double *restrict a, size_t n, const careerp_brackets *br,
           size_t nk, size_t *restrict pos, unsigned short *restrict idx,
           unsigned char *restrict bracket, size_t *below, size_t *inside)
{
    double lo[CAREERP_MAX_QUANTILES], hi[CAREERP_MAX_QUANTILES];
    size_t count[CAREERP_MAX_QUANTILES] = {0}, m = 0;

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
static size_t classify(const double *restrict a, size_t n,
                       const careerp_brackets *br, size_t *restrict pos,
                       unsigned short *restrict idx,
                       unsigned char *restrict bracket, size_t *below,
                       size_t *inside)
{
    if (br->np == BAND_QUANTILES)
        return classify_k(a, n, br, BAND_QUANTILES, pos, idx, bracket, below,
                          inside);
    return classify_k(a, n, br, CAREERP_MAX_QUANTILES, pos, idx, bracket, below,
                      inside);
}

/* Copies the bracketed values to their buckets (bucket k at dst + k * cap),
 * from slot next[k] on; slots past cap are counted, not written. */
void careerp_scatter(const double *a, const unsigned short *idx,
                    const unsigned char *bracket, size_t m, double *dst,
                    size_t cap, size_t *next)
{
    for (size_t t = 0; t < m; t++) {
        size_t k = bracket[t] - 1u, f = next[k]++;
        if (f < cap)
            dst[k * cap + f] = a[idx[t]];
    }
}

/* The clones stay static: a cloned extern function would export its
 * resolver despite -fvisibility=hidden. */
size_t careerp_classify(const double *restrict a, size_t n,
                        const careerp_brackets *br, size_t *restrict pos,
                        unsigned short *restrict idx,
                        unsigned char *restrict bracket, size_t *below,
                        size_t *inside)
{
    return classify(a, n, br, pos, idx, bracket, below, inside);
}

/* Work space of classify for one piece: small, as it is on the stack. */
#define PIECE 512u
typedef struct classified {
    size_t pos[PIECE];
    unsigned short idx[PIECE];
    unsigned char bracket[PIECE];
} classified;

/* Whether bucket k (below[k] values under it, fill[k] in it) holds the
 * ranks of quantile p[k] of n values. */
int careerp_buckets_hold(size_t n, const double *p, size_t np,
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
double careerp_select_in_bucket(double *bucket, size_t fill, size_t below,
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
    return n / 4 + CAREERP_SAMPLE;
}

/* The bracket path of careerp_quantiles; 0 (a[] untouched) when it cannot
 * conclude. */
static int bracket_quantiles(const double *a, size_t n, const double *p,
                             size_t np, double *q, double *scratch,
                             size_t nscratch)
{
    careerp_brackets br;
    size_t below[CAREERP_MAX_QUANTILES] = {0},
           fill[CAREERP_MAX_QUANTILES] = {0};
    size_t next[CAREERP_MAX_QUANTILES] = {0}, stride = careerp_sample_stride(n);
    size_t cap = nscratch / (np ? np : 1);
    classified w;

    if (n < CAREERP_BRACKET_MIN_N || nscratch < CAREERP_SAMPLE || np == 0)
        return 0;
    for (size_t i = 0; i < CAREERP_SAMPLE; i++)
        scratch[i] = a[i * stride];
    if (!careerp_brackets_of_sample(scratch, p, np, &br))
        return 0;
    for (size_t lo = 0; lo < n; lo += PIECE) {
        size_t len = n - lo < PIECE ? n - lo : PIECE;
        size_t m =
            classify(a + lo, len, &br, w.pos, w.idx, w.bracket, below, fill);
        careerp_scatter(a + lo, w.idx, w.bracket, m, scratch, cap, next);
    }
    if (!careerp_buckets_hold(n, p, np, below, fill, cap))
        return 0;
    for (size_t k = 0; k < np; k++)
        q[k] = careerp_select_in_bucket(scratch + k * cap, fill[k], below[k], n,
                                        p[k]);
    return 1;
}

void careerp_quantiles(double *a, size_t n, const double *p, size_t np,
                       double *q, double *scratch, size_t nscratch)
{
    if (np > CAREERP_MAX_QUANTILES)
        np = CAREERP_MAX_QUANTILES;
    if (scratch && bracket_quantiles(a, n, p, np, q, scratch, nscratch))
        return;
    careerp_select_quantiles(a, n, p, np, q);
}
