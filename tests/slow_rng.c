/* slow_rng.c - the Monte Carlo's normal sampler (xoshiro256++ and the
 * 256-layer ziggurat of lib/rng.h) against GSL's gsl_ran_gaussian_ziggurat
 * (taus2) and against the normal law, over 10^8 draws each: mean, variance,
 * kurtosis, the shares beyond 3 and 4 sigma, and a chi-square over 200
 * equiprobable bins. Too slow for `make check` (~6 s): `make check-slow`.
 *
 * Each statistic passes when it is within 5 standard errors of the law's
 * value, for both samplers, and the two samplers are within 5 standard
 * errors of the difference of two independent samples (sqrt 2 times one):
 * with a fixed seed the result is deterministic, and a correct sampler
 * fails a given check with odds below 1e-6. Standard errors for N draws:
 * mean 1/sqrt(N); variance sqrt(2/N); kurtosis sqrt(24/N); a share p,
 * sqrt(p(1-p)/N). The chi-square with 199 degrees of freedom has mean 199
 * and sd sqrt(398) = 19.95: it passes below 199 + 5 sd. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plan/rng.h"

#define DRAWS 100000000L
#define BINS 200

/* the law's shares beyond 3 and 4 sigma: erfc(k / sqrt 2) */
#define BEYOND3 0.0026997960632601913
#define BEYOND4 0.00006334248366623993

typedef struct stats {
    long double s1, s2, s3, s4;
    long beyond3, beyond4;
    long bin[BINS];
} stats;

static void add(stats *s, double x)
{
    long double x2 = (long double)x * x;
    double phi = 0.5 * erfc(-x / sqrt(2.0));
    int b = (int)(phi * BINS);

    s->s1 += x;
    s->s2 += x2;
    s->s3 += x2 * x;
    s->s4 += x2 * x2;
    s->beyond3 += fabs(x) > 3.0;
    s->beyond4 += fabs(x) > 4.0;
    s->bin[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
}

typedef struct figures {
    double mean, var, kurt, p3, p4, chi2;
} figures;

static figures figures_of(const stats *s)
{
    double n = (double)DRAWS, m = (double)(s->s1 / n);
    double m2 = (double)(s->s2 / n) - m * m;
    double m4 = (double)(s->s4 / n - 4 * (long double)m * s->s3 / n +
                         6 * (long double)m * m * s->s2 / n) -
                3 * m * m * m * m;
    figures f = {m, m2, m4 / (m2 * m2), (double)s->beyond3 / n,
                 (double)s->beyond4 / n, 0};
    double e = n / BINS;

    for (int b = 0; b < BINS; b++)
        f.chi2 += ((double)s->bin[b] - e) * ((double)s->bin[b] - e) / e;
    return f;
}

static int failures;

static void check(const char *what, double ours, double gsl, double law,
                  double se)
{
    double z_ours = (ours - law) / se, z_gsl = (gsl - law) / se;
    double z_diff = (ours - gsl) / (sqrt(2.0) * se);
    int ok = fabs(z_ours) < 5 && fabs(z_gsl) < 5 && fabs(z_diff) < 5;

    printf("%-16s %14.8g %14.8g %14.8g %8.2f %8.2f %8.2f  %s\n", what, ours,
           gsl, law, z_ours, z_gsl, z_diff, ok ? "ok" : "FAILED");
    failures += !ok;
}

int main(void)
{
    static stats ours, theirs;
    static careerp_ziggurat z;
    careerp_xoshiro g;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    double n = (double)DRAWS, chi_limit = 199 + 5 * sqrt(398.0);
    figures a, b;

    if (!r)
        return 1;
    careerp_ziggurat_init(&z);
    careerp_xoshiro_seed(&g, 20240611);
    gsl_rng_set(r, 20240611);
    for (long i = 0; i < DRAWS; i++) {
        add(&ours, careerp_normal(&z, &g));
        add(&theirs, gsl_ran_gaussian_ziggurat(r, 1.0));
    }
    gsl_rng_free(r);
    a = figures_of(&ours);
    b = figures_of(&theirs);
    printf("normal sampler, %ld draws each: libcareer (xoshiro256++, "
           "256-layer ziggurat) vs GSL (taus2, gsl_ran_gaussian_ziggurat)\n",
           DRAWS);
    printf("%-16s %14s %14s %14s %8s %8s %8s\n", "statistic", "libcareer",
           "GSL", "law", "z ours", "z GSL", "z diff");
    check("mean", a.mean, b.mean, 0.0, 1 / sqrt(n));
    check("variance", a.var, b.var, 1.0, sqrt(2 / n));
    check("kurtosis", a.kurt, b.kurt, 3.0, sqrt(24 / n));
    check("P(|x| > 3)", a.p3, b.p3, BEYOND3, sqrt(BEYOND3 * (1 - BEYOND3) / n));
    check("P(|x| > 4)", a.p4, b.p4, BEYOND4, sqrt(BEYOND4 * (1 - BEYOND4) / n));
    printf("%-16s %14.2f %14.2f %14s   (passes below %.1f, 199 df)  %s\n",
           "chi-square", a.chi2, b.chi2, "199", chi_limit,
           a.chi2 < chi_limit && b.chi2 < chi_limit ? "ok" : "FAILED");
    failures += !(a.chi2 < chi_limit && b.chi2 < chi_limit);
    printf("check-slow: %d passed, %d failed\n", 6 - failures, failures);
    return failures != 0;
}
