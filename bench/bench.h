/* bench.h - what the benchmark programs share: a clock and ordering. */
#ifndef CAREER_BENCH_H
#define CAREER_BENCH_H

#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Sorts n doubles ascending, for medians and bests. */
static inline int bench_by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static inline void bench_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_by_value);
}

#endif
