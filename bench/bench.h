/* bench.h - what the benchmark programs share: a clock and ordering. */
#ifndef CAREER_BENCH_H
#define CAREER_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds of CPU this process has used (all its threads). */
static inline double bench_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

/* The median of n doubles (sorts them). */
static inline double bench_median(double *v, size_t n)
{
    bench_sort(v, n);
    return v[n / 2];
}

/* Uniform doubles in [0, 1) from a splitmix64 stream: the benchmarks' own
 * data, the same on every run. */
static inline double bench_uniform01(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

/* A shuffle of order[0..n) (Fisher-Yates, splitmix64 draws): the order
 * of the contenders in a round. */
static inline void bench_shuffle(int *order, size_t n, uint64_t *state)
{
    size_t i;

    for (i = n; i > 1; i--) {
        size_t j = (size_t)(bench_uniform01(state) * (double)i);
        int t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* The median and the range of n doubles (sorted in place). */
typedef struct bench_spread {
    double median, lo, hi;
} bench_spread;

static inline bench_spread bench_spread_of(double *v, size_t n)
{
    bench_spread s;

    bench_sort(v, n);
    s.median = v[n / 2];
    s.lo = v[0];
    s.hi = v[n - 1];
    return s;
}

/* What the absolute figures were measured on: the CPU's model, the
 * processors online and the load average, at the start (and at the end,
 * with `when` "end"). Ratios of contenders timed in the same rounds travel
 * between machines; times in ms and ns do not. */
static inline void bench_machine(const char *when)
{
    char line[256], model[128] = "unknown CPU";
    double load[3] = {-1, -1, -1};
    long cpus = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");

    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(model, sizeof model, "%s", colon + 2);
            model[strcspn(model, "\n")] = '\0';
        }
        cpus += strncmp(line, "processor", 9) == 0;
    }
    if (f)
        fclose(f);
    if ((f = fopen("/proc/loadavg", "r")) != NULL) {
        if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
            load[0] = load[1] = load[2] = -1;
        fclose(f);
    }
    printf("machine (%s): %s, %ld CPUs, load average %.2f %.2f %.2f\n",
           when, model, cpus, load[0], load[1], load[2]);
}

/* A field of /proc/self/status in KiB ("VmHWM:", "VmRSS:"), or -1. */
static inline long bench_status_kib(const char *field)
{
    char line[256];
    long kib = -1;
    size_t n = strlen(field);
    FILE *f = fopen("/proc/self/status", "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) {
            kib = strtol(line + n, NULL, 10);
            break;
        }
    fclose(f);
    return kib;
}

/* Resets VmHWM to the current RSS (Linux >= 4.0); 0 on success. */
static inline int bench_reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    int ok;

    if (!f)
        return -1;
    ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

#endif
