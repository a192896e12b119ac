/* bench_simulate.c - Monte Carlo throughput and memory: N = 1,000,000 paths
 * over H = 40 years (the figures of README.md's performance table), on 1 and 2 threads.
 *
 * Path-years are N x H (the simulated years; year 0 is the known start).
 * Each configuration runs REPEATS times; the table gives the fastest (the
 * least disturbed) and the median, and path-years/s and the speed-up from
 * the medians. Peak memory is VmHWM (peak resident set) over the process's
 * resident set before the first run (the baseline, model built); the peak
 * is reset before each configuration through /proc/self/clear_refs ("-1"
 * where the kernel does not allow it). Machine-readable lines follow the
 * table ("libcareer mc_mpys_1 ..."), for make bench's numpy ratios.
 *
 * Then small runs against large ones: 10,000 paths (the default, below the
 * brackets' threshold, so each year is selected whole) against the 1M run,
 * on one thread, CPU time per path-year in rounds that alternate them.
 *
 * Measured on the project machine (2 vCPU AMD EPYC, gcc 12, another job
 * busy on one core): see the README's Performance section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#include "career.h"

#define PATHS 1000000u
#define HORIZON 40u
#define REPEATS 7
/* The small runs: the default path count, below the brackets' threshold
 * (131,072 paths), SMALL_RUNS of them a round: as many path-years as one
 * large run. Target: a path-year within 1.2x of the large run's time. */
#define SMALL_PATHS 10000u
#define SMALL_RUNS 100
#define SMALL_TARGET 1.2

typedef struct result {
    double best, median; /* seconds */
    long peak_kib;       /* above the baseline */
} result;

static int run(const career_model *model, unsigned threads, long base_rss,
               career_band *bands, result *out)
{
    career_projection_options o = {.horizon = HORIZON};
    career_simulation_options s = {.paths = PATHS, .seed = 1,
                                   .threads = threads};
    double t[REPEATS];
    int reset = bench_reset_peak();

    for (int r = 0; r < REPEATS; r++) {
        double t0 = bench_now();
        career_status st =
            career_simulate(model, &o, &s, bands, HORIZON + 1, NULL, 0);
        t[r] = bench_now() - t0;
        if (st != CAREER_OK) {
            fprintf(stderr, "bench_simulate: %s\n", career_strerror(st));
            return -1;
        }
    }
    bench_sort(t, REPEATS);
    out->best = t[0];
    out->median = t[REPEATS / 2];
    out->peak_kib = reset == 0 ? bench_status_kib("VmHWM:") - base_rss : -1;
    return 0;
}

/* CPU seconds of `count` runs of `paths` paths on one thread. */
static double cpu_of_runs(const career_model *model, size_t paths, int count,
                          career_band *bands)
{
    career_projection_options o = {.horizon = HORIZON};
    career_simulation_options s = {.paths = paths, .seed = 1, .threads = 1};
    double c0 = bench_cpu();

    for (int k = 0; k < count; k++)
        if (career_simulate(model, &o, &s, bands, HORIZON + 1, NULL, 0) !=
            CAREER_OK)
            return -1.0;
    return bench_cpu() - c0;
}

/* Small runs against large ones, on one thread, in REPEATS rounds that run
 * each once in alternate order: the CPU time of a path-year, and the
 * rounds' own ratios. Returns whether the median ratio met the target. */
static int small_against_large(const career_model *model, career_band *bands)
{
    double small[REPEATS], large[REPEATS], ratio[REPEATS];
    bench_spread sm, lg, ra;

    for (int r = 0; r < REPEATS; r++) {
        for (int k = 0; k < 2; k++) {
            if ((k ^ (r & 1)) == 0)
                large[r] = cpu_of_runs(model, PATHS, 1, bands) /
                           ((double)PATHS * HORIZON);
            else
                small[r] = cpu_of_runs(model, SMALL_PATHS, SMALL_RUNS, bands) /
                           ((double)SMALL_PATHS * SMALL_RUNS * HORIZON);
        }
        if (small[r] < 0 || large[r] < 0)
            return -1;
        ratio[r] = small[r] / large[r];
    }
    sm = bench_spread_of(small, REPEATS);
    lg = bench_spread_of(large, REPEATS);
    ra = bench_spread_of(ratio, REPEATS);
    printf("\nsmall runs, 1 thread, CPU per path-year, %d rounds (median, range):\n"
           "  %u paths x %u years (x %d runs): %.1f ns (%.1f-%.1f)\n"
           "  %u paths x %u years:             %.1f ns (%.1f-%.1f)\n"
           "  small / large: %.2fx (%.2f-%.2f) (target <= %.1fx: %s)\n",
           REPEATS, SMALL_PATHS, HORIZON, SMALL_RUNS, 1e9 * sm.median,
           1e9 * sm.lo, 1e9 * sm.hi, PATHS, HORIZON, 1e9 * lg.median,
           1e9 * lg.lo, 1e9 * lg.hi, ra.median, ra.lo, ra.hi, SMALL_TARGET,
           ra.median <= SMALL_TARGET ? "met" : "MISSED");
    printf("libcareer mc_small_ratio %.3f\n", ra.median);
    return ra.median <= SMALL_TARGET;
}

int main(void)
{
    static career_band one[HORIZON + 1], two[HORIZON + 1];
    const double path_years = (double)PATHS * HORIZON;
    career_model *model = NULL;
    result r1, r2;
    long base_rss;

    if (career_model_new(career_profile_default(), NULL, &model, NULL) !=
        CAREER_OK) {
        fprintf(stderr, "bench_simulate: cannot build the model\n");
        return 1;
    }
    base_rss = bench_status_kib("VmRSS:");
    if (run(model, 1, base_rss, one, &r1) != 0 ||
        run(model, 2, base_rss, two, &r2) != 0) {
        career_model_free(model);
        return 1;
    }
    printf("Monte Carlo: %u paths x %u years (xoshiro256++ + ziggurat), "
           "best and median of %d\n", PATHS, HORIZON, REPEATS);
    bench_machine("end");
    printf("%-8s %10s %10s %16s %9s %14s\n", "threads", "best s", "median s",
           "M path-years/s", "speed-up", "peak MiB above");
    printf("%-8u %10.3f %10.3f %16.1f %9s %14.1f\n", 1u, r1.best, r1.median,
           path_years / r1.median / 1e6, "1.00", (double)r1.peak_kib / 1024.0);
    printf("%-8u %10.3f %10.3f %16.1f %9.2f %14.1f\n", 2u, r2.best, r2.median,
           path_years / r2.median / 1e6, r1.median / r2.median,
           (double)r2.peak_kib / 1024.0);
    printf("bands identical on 1 and 2 threads: %s; year %u: p10 %.0f, "
           "p50 %.0f, p90 %.0f\n",
           memcmp(one, two, sizeof one) == 0 ? "yes" : "NO", HORIZON,
           one[HORIZON].p10, one[HORIZON].p50, one[HORIZON].p90);
    printf("libcareer mc_mpys_1 %.2f\nlibcareer mc_mpys_2 %.2f\n"
           "libcareer mc_speedup %.3f\nlibcareer mc_peak_mib %.1f\n",
           path_years / r1.median / 1e6, path_years / r2.median / 1e6,
           r1.median / r2.median,
           (double)(r1.peak_kib > r2.peak_kib ? r1.peak_kib : r2.peak_kib) /
               1024.0);
    static career_band small_bands[HORIZON + 1];
    int small_met = small_against_large(model, small_bands);
    if (small_met < 0)
        fprintf(stderr, "bench_simulate: a small run failed\n");
    bench_machine("end");
    career_model_free(model);
    return memcmp(one, two, sizeof one) == 0 && small_met == 1 ? 0 : 1;
}
