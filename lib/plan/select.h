/*
 * select.h - quantiles by selection and by sample brackets (internal;
 * lib/select.c), shared by careerp_quantiles and the Monte Carlo's
 * parallel bucketing in lib/simulate.c.
 */
#ifndef CAREER_SELECT_H
#define CAREER_SELECT_H

#include "plan/plan.h"

#include <stdint.h>

#define CAREERP_MAX_QUANTILES 8

/* A sample that brackets the quantiles, taken at a fixed stride (paths
 * are exchangeable, so any fixed subset is a random sample; a sorted input
 * gives an exact stratified one). Its p-quantile has a standard error of
 * sqrt(p (1-p) / SAMPLE) in p, <= 0.0039; brackets reach 4.5 of them each
 * side, so a bracket misses (and costs a quickselect) about once in 10^5.
 * A bracket holds at most ~3.6 % of the values. */
#define CAREERP_SAMPLE 16384u
#define CAREERP_BRACKET_MIN_N (8u * CAREERP_SAMPLE)

/* The value ranges [lo[k], hi[k]] that hold the quantiles, ordered and
 * disjoint; unused ends are padded so that no value falls in them. */
typedef struct careerp_brackets {
    size_t np;
    double lo[CAREERP_MAX_QUANTILES], hi[CAREERP_MAX_QUANTILES];
} careerp_brackets;

/* The stride of the sample of n values (n >= CAREERP_BRACKET_MIN_N). */
static inline size_t careerp_sample_stride(size_t n)
{
    return n / CAREERP_SAMPLE;
}

/* The quantiles p[0..np) of a[0..n) by a multi-rank quickselect (reorders
 * a[]; the definition is careerp_quantiles'). */
void careerp_select_quantiles(double *a, size_t n, const double *p,
                              size_t np, double *q);

/* Work space of careerp_radix_quantiles: a histogram of the values' keys
 * and the bins wanted (20 KB; on the heap, with the run). */
#define CAREERP_RADIX_BINS 4096u
typedef struct careerp_radix_work {
    uint32_t count[CAREERP_RADIX_BINS];
    unsigned char wanted[CAREERP_RADIX_BINS];
} careerp_radix_work;

/* careerp_select_quantiles' quantiles (the same values, bit for bit) by
 * radix selection: a histogram of the values' order-preserving integer
 * keys finds the few bins that hold the ranks, and only their values are
 * kept (moved to the front of a[], which is reordered) for the next round;
 * a quickselect finishes once they are few. About three cheap passes over
 * a[] where the quickselect makes several with unpredictable branches. No
 * NaN in a[]. */
void careerp_radix_quantiles(double *a, size_t n, const double *p, size_t np,
                             double *q, careerp_radix_work *w);

/* The brackets from CAREERP_SAMPLE values (reordered); 0 if they overlap
 * (ties). */
int careerp_brackets_of_sample(double *sample, const double *p, size_t np,
                               careerp_brackets *br);

/* For a[0..n) (n <= 65536): below[k] += #{a[i] < lo[k]}, inside[k] +=
 * #{a[i] in bracket k}, and idx[0..m) (returns m) the indices of the
 * bracketed values, bracket[0..m) their brackets + 1; pos[0..n) is work
 * space. */
size_t careerp_classify(const double *restrict a, size_t n,
                        const careerp_brackets *br, size_t *restrict pos,
                        unsigned short *restrict idx,
                        unsigned char *restrict bracket, size_t *below,
                        size_t *inside);

/* Copies the bracketed values to their buckets (bucket k at dst + k * cap),
 * from slot next[k] on; slots past cap are counted, not written. */
void careerp_scatter(const double *a, const unsigned short *idx,
                     const unsigned char *bracket, size_t m, double *dst,
                     size_t cap, size_t *next);

/* Whether bucket k (below[k] values under it, fill[k] in it) holds the
 * ranks of quantile p[k] of n values. */
int careerp_buckets_hold(size_t n, const double *p, size_t np,
                         const size_t *below, const size_t *fill, size_t cap);

/* Quantile p of n values from the bucket that holds its ranks (reorders
 * the bucket). */
double careerp_select_in_bucket(double *bucket, size_t fill, size_t below,
                                size_t n, double p);

#endif /* CAREER_SELECT_H */
