/*
 * career.h - libcareer: a career guide turned into a model of a career.
 *
 * libcareer reads a published career guide (a tier ladder and a salary
 * distribution) and answers: which tier someone with x years is in, the
 * typical salary and its band at x years, the percentile of a salary, and how
 * a career grows under the demand growth the guide reports.
 *
 * Conventions (the whole header follows them):
 *   - Every function that can fail returns a career_status; CAREER_OK is 0.
 *     Results are written through out-parameters, and only on CAREER_OK
 *     (batch functions say what they write on failure).
 *   - Input pointers are const; the library copies what it keeps.
 *   - Money is a double in the profile's currency per the profile's period
 *     (a year for the built-in profile). Years of experience are doubles >= 0.
 *   - A career_model is immutable once built: every query takes a
 *     const career_model * and may be called from any number of threads at
 *     once. The library holds no mutable global state, prints nothing, and
 *     never exits or aborts the process (it never touches GSL's global error
 *     handler either; it checks every precondition before calling GSL).
 *   - Zero-initialised option structs mean the defaults.
 *
 * ABI (see ABI.md): 1.x releases keep binaries built against 1.0 working.
 *   - Every struct is in one of four classes; ABI.md's table is the list
 *     (each struct, its class and its reserved slots). Input structs (the
 *     caller fills them: the profile, the options, the merit cycle's
 *     employees) end with `uint64_t reserved[N]` (8 in 1.0), which must
 *     be zero (initialise them with = {0} or memset): a later 1.x gives a
 *     slot a name and a meaning whose zero is the old behaviour. Output
 *     structs end with reserved slots the library writes as zero. Frozen
 *     structs have none (more figures come through new functions); opaque
 *     ones are handles.
 *   - Every enum value has its number written down; numbers are never
 *     changed or reused, only added.
 *   - Memory the library hands out is freed by career_free (or the type's
 *     own _free or _close), never by free().
 *
 * Copyright (C) 2026 the libcareer authors. GPL-3.0-or-later.
 */
#ifndef CAREER_H
#define CAREER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Versions: compile-time macros and the run-time string of the library.     */
/* ------------------------------------------------------------------------ */

#define CAREER_VERSION_MAJOR 1
#define CAREER_VERSION_MINOR 1
#define CAREER_VERSION_PATCH 0
#define CAREER_VERSION_STRING "1.1.0"
/* One number that grows with every release: 0x00MMmmpp. */
#define CAREER_VERSION_NUMBER                                                 \
    ((CAREER_VERSION_MAJOR << 16) | (CAREER_VERSION_MINOR << 8) |             \
     CAREER_VERSION_PATCH)

#if defined(CAREER_BUILDING) && defined(__GNUC__)
#define CAREER_API __attribute__((visibility("default")))
#else
#define CAREER_API
#endif

#if defined(__GNUC__)
#define CAREER_NODISCARD __attribute__((warn_unused_result))
#else
#define CAREER_NODISCARD
#endif

/* The version of the library actually linked, as the CAREER_VERSION_STRING
 * of the header it was built from ("MAJOR.MINOR.PATCH"). Never NULL. */
CAREER_API const char *career_version_string(void);

/* The version of the library actually linked as CAREER_VERSION_NUMBER
 * (0x00MMmmpp), for comparing with the header a program was built with:
 * a program built against 1.m runs with any 1.n, n >= m. */
CAREER_API int career_version_number(void);

/* Frees memory the library handed out to be freed by the caller (the roles
 * of career_profile_list_roles, the text of career_profile_to_json). NULL is
 * a harmless no-op. Use this, not free(): the library and the program may
 * not share one allocator (static C runtimes, interposed malloc), as with
 * sqlite3_free or curl_free. Profiles and models have their own _free. */
CAREER_API void career_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Status codes. The numbers are part of the ABI: never changed or reused.   */
/* ------------------------------------------------------------------------ */

typedef enum career_status {
    CAREER_OK = 0,
    CAREER_ERR_ARG = 1,       /* bad argument: NULL, NaN, inf, bad option   */
    CAREER_ERR_DOMAIN = 2,    /* finite but outside the domain (years < 0,
                                 p outside (0,1), salary <= 0, never reached) */
    CAREER_ERR_FIT = 3,       /* the data cannot be fitted by the method     */
    CAREER_ERR_PARSE = 4,     /* malformed or invalid profile or guide text  */
    CAREER_ERR_IO = 5,        /* a file could not be read or written         */
    CAREER_ERR_NOMEM = 6,     /* out of memory                               */
    CAREER_ERR_NOT_FOUND = 7, /* no such tier, role or item                  */
    CAREER_ERR_BUFFER = 8,    /* the caller's output buffer is too small     */
    CAREER_ERR_CANCELLED = 9  /* a progress callback asked to stop the run   */
} career_status;

/* A short English text naming the status; never NULL (unknown codes get
 * "unknown status"). The string is static: do not free it. */
CAREER_API const char *career_strerror(career_status status);

/* The error record that build and load functions fill when given one. The
 * caller keeps it (on the stack is fine). Functions that take one reset it on
 * entry; the first error of a call wins. `line` and `column` are 1-based and
 * 0 when the error is not about a place in a text. `source` names the file
 * ("<string>" for in-memory text, "" when no text is involved). `text` holds
 * the whole message, e.g.
 *   "tiers[2].min_years: must be greater than tiers[1].min_years (8)". */
typedef struct career_error {
    career_status status;
    int line;
    int column;
    char source[160];
    char text[320];
} career_error;

/* ------------------------------------------------------------------------ */
/* Profiles: plain data a caller can fill from its own database.             */
/* ------------------------------------------------------------------------ */

/* Limits of one profile (kept small so a model needs no large tables). */
#define CAREER_MAX_TIERS 16
#define CAREER_MAX_QUANTILES 16

/* One rung of the ladder. `salary` is the typical salary at `anchor_years`,
 * or NaN when the guide gives none for this tier. Tier i covers
 * [min_years_i, min_years_{i+1}); the last tier is open. */
typedef struct career_tier {
    const char *name;
    double min_years;
    double anchor_years;
    double salary;
} career_tier;

/* One point of the market's salary distribution: P(salary <= s) = p. */
typedef struct career_quantile {
    double p;
    double salary;
} career_quantile;

/* The shape of the band of salaries at x years (docs/model.md §5), with m
 * the experience curve, Q and F the market's quantile function and CDF,
 * Phi the standard normal CDF and d the dispersion:
 *   POWER:  Q_x(p) = m(x) (Q(p) / Q(1/2))^d, the market's skew at every x;
 *   COPULA: Q_x(p) = Q(Phi(a(x) + d Phi^-1(p))), a(x) = Phi^-1(F(m(x))),
 *           a band in the market's normal scores (a Gaussian copula of pay
 *           and experience), d in (0, 1]; mixed over a workforce whose
 *           a(x) is normal with variance 1 - d^2 it gives the market back
 *           exactly. A copula profile's curve is interpolated in those
 *           scores: m(x) = Q(Phi(S(x))), S through the tiers' scores
 *           Phi^-1(F(salary)) by the chosen method, so a(x) = S(x)
 *           (Mincer curves stay in pay). */
typedef enum career_band_shape {
    CAREER_BAND_POWER = 0,
    CAREER_BAND_COPULA = 1
} career_band_shape;

/* At most this many notes in a profile. */
#define CAREER_MAX_NOTES 64

/* A career profile. Strings are UTF-8 and may be NULL except `role`.
 * `demand_growth` is the relative growth of demand (0.10 = 10 %) over
 * `demand_years` years. `period` is "year", "month" or "hour" (NULL = year):
 * the unit of every salary in the profile.
 *
 * `separation_rate` is the share of the occupation's workers who leave it
 * each year (BLS Employment Projections publish one per occupation), in
 * [0, 1]; 0 means not given, and the model then fits it (see
 * career_calibration_info). `occ_code` and `area_code` name the occupation
 * and the area in a statistical source (e.g. SOC "15-1252", OEWS area
 * "99"); NULL when none. `notes` are what an import assumed or dropped, in
 * plain sentences (nnotes <= CAREER_MAX_NOTES; NULL when nnotes is 0).
 *
 * `market_mean` is the market's published mean salary (BLS's A_MEAN or
 * H_MEAN), in (0, CAREER_MAX_SALARY], or 0 when none is known (1.1: it
 * was reserved[0] before). With a mean, CAREER_DIST_AUTO fits the quantile
 * spline, whose upper tail it sets (career_market_mean gives the fitted
 * one).
 *
 * `peak_years` (1.1: it was reserved[1]) is where the experience curve
 * peaks, past the last tier's anchor_years and at most 100, or 0 for none.
 * Beyond its last anchor a clamped curve then rises on, from the slope it
 * has there, as a quadratic that is flat at peak_years (and at the market's
 * 90th percentile at most), where it would otherwise be flat for decades
 * (docs/model.md §3). Imported BLS profiles set it; guides do not.
 *
 * `band_shape` (1.1: it was reserved[2]) is the shape of the band of
 * salaries at x years (docs/model.md §5): CAREER_BAND_POWER (0, the
 * default and the only shape before 1.1) or CAREER_BAND_COPULA. Imported
 * BLS profiles use the copula band; guides and the built-in profile the
 * power band.
 *
 * `experience_correlation` (1.1: it was reserved[3]) is rho, the rank
 * correlation of pay with experience under which the tiers were placed
 * (docs/model.md §11), in [CAREER_MIN_EXPERIENCE_CORRELATION, 1], or 0
 * when none was assumed. The model does not use it: it is the profile's
 * record of an assumption the data could not give, reported beside the
 * calibration's (career_calibration). Imported BLS profiles whose template
 * places the tiers by the workforce set it; guides do not.
 *
 * `reserved` must be zero (initialise the struct with = {0} or memset): a
 * later 1.x release may give a slot a name, and zero will then mean that
 * field's default, so a program built against 1.0 keeps working. */
typedef struct career_profile {
    const char *role;
    const char *region;
    const char *currency;
    const char *period;
    const char *source;
    const career_tier *tiers;
    size_t ntiers;
    const career_quantile *quantiles;
    size_t nquantiles;
    double demand_growth;
    double demand_years;
    const char *demand_level;
    double separation_rate;
    const char *occ_code;
    const char *area_code;
    const char *const *notes;
    size_t nnotes;
    double market_mean;
    double peak_years;
    career_band_shape band_shape;
    double experience_correlation;
    uint64_t reserved[4];
} career_profile;

/* The built-in Performance Architect profile (US, USD per year), compiled
 * into the library. Static storage: never free it. Never NULL. */
CAREER_API const career_profile *career_profile_default(void);

/* The largest salary a profile may give (tiers and market quantiles), in
 * the profile's currency and period: a trillion, far above any pay, and
 * small enough that every product the models form stays finite. */
#define CAREER_MAX_SALARY 1e12
/* The smallest amount of money a profile may give (tier salaries, market
 * quantiles and mean): one cent of its currency. Below it figures are
 * noise, and a subnormal double (5e-324) gives no usable logarithm. */
#define CAREER_MIN_SALARY 0.01
/* The smallest experience correlation a profile, a ladder template or an
 * import may give: below it the tiers' experience shares crowd at 0 and
 * 1. */
#define CAREER_MIN_EXPERIENCE_CORRELATION 0.05
/* The most years of experience a profile may name (min_years,
 * anchor_years, peak_years): a working life and then some, as the tools'
 * --years allows. */
#define CAREER_MAX_YEARS 100.0

/* Checks a profile against every rule a model needs: at least one tier, the
 * first at 0 years, min_years strictly increasing and at most
 * CAREER_MAX_YEARS, each anchor_years in its tier's own span [min_years,
 * the next tier's min_years) (the last tier's [min_years,
 * CAREER_MAX_YEARS]), strictly increasing over all tiers (with or without
 * a salary), salaries in [CAREER_MIN_SALARY, CAREER_MAX_SALARY] where
 * present, at least 2 salaries, quantile p strictly inside (0,1) (0 and 1
 * refused) and increasing with increasing salaries in [CAREER_MIN_SALARY,
 * CAREER_MAX_SALARY], a market_mean of 0 or in that range, demand growth
 * > -1 over years > 0 with a finite annual rate that is not -1 (a growth
 * over a tiny span of years is refused), separation_rate in [0, 1],
 * peak_years 0 or past the last anchor and at most CAREER_MAX_YEARS,
 * band_shape a career_band_shape, experience_correlation 0 or in
 * [CAREER_MIN_EXPERIENCE_CORRELATION, 1], reserved zero.
 * Returns CAREER_ERR_ARG naming the field ("tiers[2].min_years: ...") in err. */
CAREER_API CAREER_NODISCARD career_status
career_profile_validate(const career_profile *profile, career_error *err);

/* A deep copy in one allocation; free it with career_profile_free. The copy
 * is validated first: an invalid profile is never copied. */
CAREER_API CAREER_NODISCARD career_status
career_profile_copy(const career_profile *profile, career_profile **out,
                    career_error *err);

/* Frees a profile made by this library (copy, load, import). NULL: no-op.
 * Never pass career_profile_default() or a profile you filled yourself. */
CAREER_API void career_profile_free(career_profile *profile);

/* ------------------------------------------------------------------------ */
/* Models.                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum career_interp {
    CAREER_INTERP_AUTO = 0,    /* steffen with >= 3 points, linear with 2 */
    CAREER_INTERP_STEFFEN = 1, /* monotone: never overshoots, never dips  */
    CAREER_INTERP_LINEAR = 2,
    CAREER_INTERP_CSPLINE = 3, /* natural cubic spline                    */
    CAREER_INTERP_AKIMA = 4,   /* needs >= 5 points                       */
    CAREER_INTERP_MINCER = 5   /* least squares ln m = a + b x + c x^2     */
} career_interp;

typedef enum career_extrap {
    CAREER_EXTRAP_CLAMP = 0, /* flat at the end values beyond the anchors */
    CAREER_EXTRAP_EXTEND = 1 /* continue the end slope, never below 0     */
} career_extrap;

/* The market distribution. AUTO picks the spline when the profile gives a
 * market_mean; else the metalog with >= 3 quantiles where it increases on
 * all of (0,1), the spline where it does not, and the lognormal with 2.
 * The spline (1.1) passes through every quantile point exactly: ln S is a
 * monotone cubic (Steffen's slopes) in the normal score z = Phi^-1(p),
 * linear in z beyond the first and last point (lognormal tails), the upper
 * tail's slope set by market_mean when given (docs/model.md §4). */
typedef enum career_dist {
    CAREER_DIST_AUTO = 0,
    CAREER_DIST_METALOG = 1, /* log-metalog, Keelin (2016)                 */
    CAREER_DIST_LOGNORMAL = 2,
    CAREER_DIST_SPLINE = 3   /* the quantile spline                        */
} career_dist;

/* The range of a fixed dispersion d (options.dispersion): below 0.01 the
 * band at x years has no width a double can hold (its p10 and p90 meet),
 * above 5 it is five times the whole market's spread, which no data
 * supports (the calibration fits d in (0, 5] too). */
#define CAREER_MIN_DISPERSION 0.01
#define CAREER_MAX_DISPERSION 5.0
/* The range of options.location_factor: wide enough for a currency
 * conversion, narrow enough that every figure of a valid profile stays a
 * finite, non-zero double. */
#define CAREER_MIN_LOCATION_FACTOR 1e-6
#define CAREER_MAX_LOCATION_FACTOR 1e6

/* Options of a model. Zero = default for every field; `reserved` must be
 * zero (see the ABI conventions at the top). Out-of-range values are
 * CAREER_ERR_ARG from career_model_new, naming the field. */
typedef struct career_options {
    career_interp interp;
    career_extrap extrap;
    career_dist dist;
    double dispersion;      /* d of the band at x years: 0 = calibrated
                               (see career_calibration_info), else fixed in
                               [CAREER_MIN_DISPERSION, CAREER_MAX_DISPERSION]
                               (1 = the whole market's spread); at most 1
                               for a profile's copula band                */
    double location_factor; /* multiplies every salary; 0 = 1, else in
                               [CAREER_MIN_LOCATION_FACTOR,
                                CAREER_MAX_LOCATION_FACTOR]               */
    uint64_t reserved[8];   /* must be zero                               */
} career_options;

typedef struct career_model career_model;

/* Builds a model from a profile (which it validates and copies: the caller
 * may free its profile afterwards) and options (NULL = defaults). On success
 * *out owns a new model; on failure *out is NULL and err (if given) says why:
 * CAREER_ERR_ARG (invalid profile or options), CAREER_ERR_FIT (e.g. akima
 * with < 5 points, a metalog that is not increasing, a curve that is <= 0
 * or overflows somewhere between its first and last anchor: the message
 * names the anchors around the place; a calibration whose best fit lies on
 * a bound), CAREER_ERR_NOMEM (every allocation is the library's own and
 * checked: the fits allocate nothing inside GSL). */
CAREER_API CAREER_NODISCARD career_status
career_model_new(const career_profile *profile, const career_options *opts,
                 career_model **out, career_error *err);

/* Frees a model. NULL is a harmless no-op. */
CAREER_API void career_model_free(career_model *model);

/* The model's own copy of its profile (salaries as given, before the
 * location factor). Valid until the model is freed. */
CAREER_API const career_profile *career_model_profile(const career_model *model);

/* What the model resolved its options to (AUTO replaced by the method used,
 * zeros by the default values). */
CAREER_API void career_model_options(const career_model *model,
                                     career_options *out);

/* ------------------------------------------------------------------------ */
/* The tier ladder.                                                          */
/* ------------------------------------------------------------------------ */

CAREER_API size_t career_tier_count(const career_model *model);

/* Tier `index` (0-based); the name points into the model. The salary is
 * scaled by the location factor. CAREER_ERR_NOT_FOUND past the last tier. */
CAREER_API CAREER_NODISCARD career_status
career_tier_info(const career_model *model, size_t index, career_tier *out);

/* The last tier with min_years <= years. years must be finite and >= 0. */
CAREER_API CAREER_NODISCARD career_status
career_tier_at(const career_model *model, double years, size_t *tier_index);

/* The tier after the one at `years` and the years left until it.
 * CAREER_ERR_NOT_FOUND when `years` is already in the last tier. */
CAREER_API CAREER_NODISCARD career_status
career_next_tier(const career_model *model, double years, size_t *next_index,
                 double *years_until);

/* Where `years` sits in its tier, from 0 (its first day) towards 1 (the next
 * tier). The open last tier is taken to span twice (anchor - min), the anchor
 * being its midpoint like the others'; the fraction is capped at 1. */
CAREER_API CAREER_NODISCARD career_status
career_tier_progress(const career_model *model, double years,
                     double *fraction);

/* ------------------------------------------------------------------------ */
/* The experience curve m(x): median salary at x years.                      */
/* ------------------------------------------------------------------------ */

CAREER_API CAREER_NODISCARD career_status
career_salary_at(const career_model *model, double years, double *salary);

/* m(years[i]) for i < n into salary[i]. On failure returns the status of
 * the first bad row (CAREER_ERR_ARG for a NaN or inf year,
 * CAREER_ERR_DOMAIN for a negative one or an m that overflows); salary[] is
 * then unspecified. n = 0 is allowed (nothing is read or written). */
CAREER_API CAREER_NODISCARD career_status
career_salary_at_n(const career_model *model, const double *years,
                   double *salary, size_t n);

/* d ln m / dx at x years: the raise experience alone gives, per year.
 * At the curve's ends one rule holds: at the first anchor, the right-hand
 * slope; from the last anchor on, 0 under CAREER_EXTRAP_CLAMP (the curve is
 * flat there) and the end slope under CAREER_EXTRAP_EXTEND; below the first
 * anchor, 0 under clamp and the first segment's slope under extend. */
CAREER_API CAREER_NODISCARD career_status
career_salary_growth_rate(const career_model *model, double years,
                          double *rate);

/* The smallest x >= 0 with m(x) >= salary. CAREER_ERR_DOMAIN if the curve
 * never reaches it (with CAREER_EXTRAP_CLAMP: above its highest value). */
CAREER_API CAREER_NODISCARD career_status
career_years_to_salary(const career_model *model, double salary,
                       double *years);

/* ------------------------------------------------------------------------ */
/* Salary distributions: the market, and the band at x years.                */
/* ------------------------------------------------------------------------ */

/* Q(p), the market salary at quantile p in (0,1). CAREER_ERR_DOMAIN when
 * Q(p) is not a finite double (a wide lognormal's far tail) or falls below
 * the least normal double, DBL_MIN (a far low tail: it would read as 0). */
CAREER_API CAREER_NODISCARD career_status
career_market_quantile(const career_model *model, double p, double *salary);

/* F(s), the share of the market earning at most `salary` (> 0); the inverse
 * of career_market_quantile to 1e-12. */
CAREER_API CAREER_NODISCARD career_status
career_market_percentile(const career_model *model, double salary, double *p);

/* Q_x(p) = m(x) (Q(p)/Q(1/2))^d: the market's shape centred on the curve.
 * CAREER_ERR_DOMAIN, as for career_market_quantile, when it overflows or
 * underflows (a wide band's far tail), and where m(x) is 0. */
CAREER_API CAREER_NODISCARD career_status
career_quantile_at(const career_model *model, double years, double p,
                   double *salary);

/* The inverse of career_quantile_at in p. */
CAREER_API CAREER_NODISCARD career_status
career_percentile_at(const career_model *model, double years, double salary,
                     double *p);

/* career_percentile_at for n rows at once (years[i], salary[i] -> p[i]),
 * for payroll-sized batches. Stops at the first bad row and returns its
 * status; p[] is then unspecified. n = 0 reads and writes nothing. */
CAREER_API CAREER_NODISCARD career_status
career_percentile_at_n(const career_model *model, const double *years,
                       const double *salary, double *p, size_t n);

/* Compa-ratio s / m(x) (1 = paid the median of one's experience);
 * salary > 0. */
CAREER_API CAREER_NODISCARD career_status
career_compa_ratio(const career_model *model, double years, double salary,
                   double *ratio);

/* Range penetration (s - Q_x(0.10)) / (Q_x(0.90) - Q_x(0.10)): 0 at the
 * band's p10, 1 at its p90; may be outside [0,1]. salary > 0, as for
 * career_compa_ratio (CAREER_ERR_DOMAIN otherwise). */
CAREER_API CAREER_NODISCARD career_status
career_range_penetration(const career_model *model, double years,
                         double salary, double *penetration);

/* ---- Calibration: bands that agree with the market ------------------------
 *
 * The market's quantiles describe the whole workforce, juniors and
 * principals mixed, so the band at x years cannot carry the market's whole
 * spread (that would count the spread of experience twice). The model takes
 * a stable workforce: people enter at 0 years and leave at the annual
 * separation rate delta while the occupation grows at the demand rate g, so
 * their years of experience have the density
 *     w(x) = lambda e^(-lambda x) / (1 - e^(-lambda X)) on [0, X],
 * lambda = g + delta, X = 45 years. Mixing the bands over w gives the
 * workforce's distribution F_mix(s) = integral of F_x(s) w(x) dx. With
 * options.dispersion 0 (the default) d, and delta unless the profile gives
 * it, minimise sum_i (F_mix(s_i) - p_i)^2 over the market's quantiles
 * (d in (0, 5], delta in [0, 1]); a best fit on a bound is CAREER_ERR_FIT
 * from career_model_new, never a silent fallback. The residual is reported,
 * not hidden: the tiers' salaries and the market's quantiles of a guide
 * need not be consistent with any single-peaked band (the built-in profile
 * gives F_mix = 0.078 / 0.525 / 0.864 at its p10 / p50 / p90). */

/* Where the separation rate came from. */
typedef enum career_separation_source {
    CAREER_SEPARATION_FITTED = 0,  /* fitted with d                        */
    CAREER_SEPARATION_PROFILE = 1, /* the profile's workforce.separation_rate */
    CAREER_SEPARATION_BOUND = 2    /* d fixed, and the best delta for it is
                                      on a bound of [0, 1]: kept there      */
} career_separation_source;

/* What the calibration found. `quantiles` and `mixture_p` point into the
 * model (valid until it is freed): the market's nquantiles points as the
 * profile gives them (before the location factor), and F_mix at each.
 *
 * `experience_correlation` (1.1: it was reserved[0]) is the profile's rho,
 * the assumption its tiers were placed under (0: none). For the copula
 * band, `implied_correlation` (1.1: reserved[1]) is sqrt(1 - d^2), the
 * rank correlation of pay with experience at which bands of the fitted
 * width d mix back to the market (docs/model.md §5); NaN for the power
 * band. Where the curve's centres spread less over the workforce than
 * rho's would (flat before the first anchor, bent to a peak after the
 * last), d comes out wider and the implied rho smaller than the assumed.
 *
 * The reserved slots are written as zero; a later 1.x may fill them. There
 * were 4, as in career_market_fit, where other structs have 8: a struct's
 * size is ABI, so both counts stay for 1.x (ABI.md, "Names and shapes"). */
typedef struct career_calibration {
    double dispersion;      /* d of the bands (fitted or fixed)            */
    double separation_rate; /* delta, a year                               */
    career_separation_source separation_source;
    double decay;           /* lambda = g + delta                          */
    double mean_years;      /* the workforce's mean years of experience    */
    double work_years;      /* X, the end of a working life (45)           */
    size_t nquantiles;
    const career_quantile *quantiles;
    const double *mixture_p;
    double experience_correlation; /* the profile's rho; 0: none         */
    double implied_correlation;    /* sqrt(1 - d^2), copula band; else NaN */
    uint64_t reserved[2];
} career_calibration;

CAREER_API CAREER_NODISCARD career_status
career_calibration_info(const career_model *model, career_calibration *out);

/* F_mix(salary): the model's own share of the workforce earning at most
 * `salary` (> 0), the bands mixed over the workforce's years (to 1e-9),
 * in [0, 1]. */
CAREER_API CAREER_NODISCARD career_status
career_mixture_percentile(const career_model *model, double salary,
                          double *p);

/* The fitted market distribution, for reports and tests. `a` holds 9
 * coefficients because the log-metalog this library fits is defined with
 * at most 9 terms (docs/model.md §4; Keelin's basis tables stop there
 * too): 9 is part of the method, not an internal limit, and stays for 1.x.
 * A method with more terms would come with a new function. The metalog has
 * k = min(n, 9) terms for n quantiles, unless the first k terms' design
 * matrix is rank deficient (its columns scaled to unit length, smallest
 * singular value <= 1e-10 x the largest: e.g. 7 points symmetric about
 * p = 1/2): then nterms is the largest count below k that is not, and the
 * fit is a least-squares one through the n points. */
typedef struct career_market_fit {
    career_dist dist;  /* METALOG, LOGNORMAL or SPLINE (only this set) */
    size_t nterms;     /* metalog terms (0 for lognormal) */
    double a[9];       /* metalog coefficients of ln S    */
    double mu, sigma;  /* lognormal parameters of ln S    */
    uint64_t reserved[4]; /* written as zero; 4, not 8 (as
                             career_calibration's)           */
} career_market_fit;

CAREER_API void career_market_fit_info(const career_model *model,
                                       career_market_fit *out);

/* ------------------------------------------------------------------------ */
/* Batch forms (lib/core/batch.c): each query above for rows i < n, for     */
/* callers with many rows. The first bad row's status is returned, and the  */
/* outputs are then unspecified; n = 0 reads and writes nothing; a NULL      */
/* array with n > 0 is CAREER_ERR_ARG. (career_salary_at_n and               */
/* career_percentile_at_n are above.)                                        */
/* ------------------------------------------------------------------------ */

CAREER_API CAREER_NODISCARD career_status
career_tier_at_n(const career_model *model, const double *years,
                 size_t *tier_index, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_tier_progress_n(const career_model *model, const double *years,
                       double *fraction, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_salary_growth_rate_n(const career_model *model, const double *years,
                            double *rate, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_years_to_salary_n(const career_model *model, const double *salary,
                         double *years, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_market_quantile_n(const career_model *model, const double *p,
                         double *salary, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_market_percentile_n(const career_model *model, const double *salary,
                           double *p, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_mixture_percentile_n(const career_model *model, const double *salary,
                            double *p, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_quantile_at_n(const career_model *model, const double *years,
                     const double *p, double *salary, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_compa_ratio_n(const career_model *model, const double *years,
                     const double *salary, double *ratio, size_t n);
CAREER_API CAREER_NODISCARD career_status
career_range_penetration_n(const career_model *model, const double *years,
                           const double *salary, double *penetration,
                           size_t n);

/* The mean of the fitted market distribution, E[S] (times the location
 * factor), for comparing with a published mean: exact for the lognormal
 * and the spline, by quadrature for the metalog. CAREER_ERR_DOMAIN when
 * it is not finite (a metalog's heavy upper tail). */
CAREER_API CAREER_NODISCARD career_status
career_market_mean(const career_model *model, double *mean);

/* ------------------------------------------------------------------------ */
/* Units: periods of pay and growth rates (no model needed).                 */
/* ------------------------------------------------------------------------ */

typedef enum career_period {
    CAREER_PER_YEAR = 0,
    CAREER_PER_MONTH = 1,
    CAREER_PER_HOUR = 2
} career_period;

/* Working time for hourly figures. Zero fields = 40 h x 52 weeks (2,080 h,
 * the BLS convention). */
typedef struct career_hours {
    double hours_per_week;
    double weeks_per_year;
} career_hours;

/* Converts an amount per `from` into an amount per `to`. hours may be NULL.
 * CAREER_ERR_DOMAIN when the result overflows (1e308 a month). */
CAREER_API CAREER_NODISCARD career_status
career_convert_period(double amount, career_period from, career_period to,
                      const career_hours *hours, double *out);

/* Parses "year", "month" or "hour" (also "annual", "monthly", "hourly",
 * any case). CAREER_ERR_NOT_FOUND for anything else. */
CAREER_API CAREER_NODISCARD career_status
career_period_parse(const char *text, career_period *out);

/* The annual rate g = (1+G)^(1/T) - 1 of a growth G over T years
 * (G > -1, T > 0). 10 % over 10 years is 0.9576583 % a year.
 * CAREER_ERR_DOMAIN also when g is not finite or rounds to -1 (a growth
 * over a tiny span of years: 1e300 over 1e-300, -0.5 over 0.001). */
CAREER_API CAREER_NODISCARD career_status
career_annual_rate(double growth, double years, double *rate);

/* ------------------------------------------------------------------------ */
/* Projections: how a career grows (lib/plan/).                              */
/* ------------------------------------------------------------------------ */

#define CAREER_MAX_HORIZON 100
/* Marks a tier or target that is not reached within the horizon. */
#define CAREER_NEVER (-1)

/* Flags of career_projection_options. Flag constants are #defines here and
 * for the simulation and the merit summary, enums for the merit results
 * and the range warnings: each family keeps its 1.0 form through 1.x, and
 * every flags field is an unsigned (ABI.md, "Names and shapes"). */
#define CAREER_PROJ_ELASTICITY_GIVEN 1u /* `elasticity` is the value to use,
                                           0 included (wages ignore demand);
                                           without it 0 means the default 1 */
#define CAREER_PROJ_GROWTH_GIVEN 2u     /* `growth` is the value to use over
                                           growth_years, 0 included (no
                                           demand growth)                   */

/* Options of a projection; zero = default for every field, and `reserved`
 * must be zero: CAREER_ERR_ARG otherwise, the status alone (career_project
 * and the functions that take these options have no error record to name
 * the slot in).
 *
 * Every real value can be asked for, and a half-given pair is refused:
 *   - the demand growth is the profile's when growth, growth_years and
 *     CAREER_PROJ_GROWTH_GIVEN are all zero;
 *   - it is the caller's when growth is not 0 or the flag is set (growth 0
 *     then means no demand growth), and growth_years must then be > 0;
 *   - growth_years > 0 with neither a growth nor the flag, or a growth
 *     without growth_years, is CAREER_ERR_ARG.
 * An elasticity of 0 is asked for with CAREER_PROJ_ELASTICITY_GIVEN.
 * career_projection_resolve shows the values a projection would use. */
typedef struct career_projection_options {
    double start_years;   /* x0 (0)                                         */
    double start_salary;  /* s0; 0 = the curve median m(x0)                 */
    unsigned horizon;     /* H years after the start; 0 = 10; at most 100   */
    double growth;        /* demand growth G over growth_years (> -1)       */
    double growth_years;  /* its years (> 0), or 0 with growth 0: the
                             profile's growth and years                     */
    double elasticity;    /* wages' response to demand (>= 0); 0 = 1 unless
                             flags has CAREER_PROJ_ELASTICITY_GIVEN         */
    double inflation;     /* pi a year (0)                                  */
    double discount;      /* r a year, for present values (0)               */
    unsigned flags;       /* CAREER_PROJ_*                                  */
    uint64_t reserved[8]; /* must be zero                                   */
} career_projection_options;

/* The options a projection would use: *out = opts (NULL = all defaults)
 * checked as career_project checks them, with every default filled in:
 * start_salary = s0 (m(x0) when not given), horizon, growth and
 * growth_years (the profile's when not given), elasticity (1 when not
 * given), with flags CAREER_PROJ_ELASTICITY_GIVEN | CAREER_PROJ_GROWTH_GIVEN
 * so that *out can be passed back as it is, inflation and discount.
 * Nothing is written on failure. */
CAREER_API CAREER_NODISCARD career_status
career_projection_resolve(const career_model *model,
                          const career_projection_options *opts,
                          career_projection_options *out);

/* One year t of a projection. Money is nominal unless said otherwise. */
typedef struct career_projection_row {
    unsigned year;            /* t = 0 ... H                               */
    double years;             /* experience x0 + t                         */
    size_t tier;              /* tier index at `years`                      */
    double salary;            /* nominal salary                             */
    double real_salary;       /* in year-0 money                            */
    double market_percentile; /* position among all peers of that year      */
    double cumulative;        /* sum of nominal salaries up to t            */
    double present_value;     /* sum of salaries discounted to year 0       */
} career_projection_row;

/* The deterministic projection: fills rows[0..H] (nrows must be >= H+1, else
 * CAREER_ERR_BUFFER and nothing is written). opts NULL = defaults. Row 0
 * with a given start salary is that salary exactly.
 * Status: CAREER_ERR_ARG for NaN or inf, a horizon above
 * CAREER_MAX_HORIZON, unknown flags, a non-zero reserved slot, a growth
 * without its years or years without a growth (see the options);
 * CAREER_ERR_DOMAIN for finite values out of range (negative years, salary
 * or elasticity, rates <= -1, a demand growth with no annual rate in
 * (-1, inf)), when a figure overflows, and when a salary underflows (a
 * steep decline over a long horizon would read as 0). A salary of 0 comes
 * only from an extended curve (CAREER_EXTRAP_EXTEND) that has reached 0. */
CAREER_API CAREER_NODISCARD career_status
career_project(const career_model *model,
               const career_projection_options *opts,
               career_projection_row *rows, size_t nrows);

/* From projected rows: year_reached[i] = the first year t whose tier is >= i,
 * or CAREER_NEVER (ntiers entries, at most CAREER_MAX_TIERS, else
 * CAREER_ERR_ARG; fewer than the model's tiers is fine, and tiers past the
 * model's last are never reached). */
CAREER_API CAREER_NODISCARD career_status
career_projection_tier_years(const career_projection_row *rows, size_t nrows,
                             long *year_reached, size_t ntiers);

/* From projected rows: the first year whose nominal salary is >= target, or
 * CAREER_NEVER in *year. */
CAREER_API CAREER_NODISCARD career_status
career_projection_target_year(const career_projection_row *rows, size_t nrows,
                              double target, long *year);

/* Low / base / high demand scenarios: the projection of opts at three demand
 * growths over the same years, growth[0..2], or with growth NULL: G - D, G,
 * G + D, where G is the growth opts resolves to and D = max(|G| / 2, 0.05)
 * (for G >= 0.10, 0.5 G and 1.5 G). Low <= base <= high in salary whatever
 * the sign of G, and the three differ. CAREER_ERR_DOMAIN when a growth is
 * <= -1 (by default: G <= -2/3, whose low scenario would be). rows holds 3
 * consecutive blocks of nrows_each >= H+1 rows each. */
CAREER_API CAREER_NODISCARD career_status
career_project_scenarios(const career_model *model,
                         const career_projection_options *opts,
                         const double *growth, career_projection_row *rows,
                         size_t nrows_each);

/* ------------------------------------------------------------------------ */
/* Monte Carlo projections (lib/plan/).                                      */
/* ------------------------------------------------------------------------ */

/* Flags of career_simulation_options. */
#define CAREER_SIM_NO_SHOCKS 1u  /* sigma = 0: no yearly salary shocks   */
#define CAREER_SIM_FIXED_PACE 2u /* sigma_v = 0: everyone's pace is 1    */

/* The most worker threads a run uses; a larger request gets this many. */
#define CAREER_SIM_MAX_THREADS 64u
/* The largest sigma and sigma_v: ln(DBL_MAX), beyond which a one-sigma
 * draw already overflows, so that no run could give a finite fan. */
#define CAREER_SIM_MAX_SD 709.78

/* Progress callback, called from the calling thread with the share done in
 * [0,1]. Returning non-zero stops the run: career_simulate then returns
 * CAREER_ERR_CANCELLED and writes nothing. */
typedef int (*career_progress_fn)(void *context, double done);

/* Options of a Monte Carlo run; zero = default for every field. */
typedef struct career_simulation_options {
    size_t paths;        /* N (10,000)                                      */
    uint64_t seed;       /* the same seed gives bit-identical results (see
                            career_simulate for how far that goes)          */
    unsigned threads;    /* worker threads (1); at most the online
                            processors and CAREER_SIM_MAX_THREADS, and one
                            per 4,096 paths (a run of 4,096 or fewer uses
                            one); results do not depend on it              */
    double volatility;   /* sigma of the yearly log-salary shocks (0.05)    */
    double pace_sd;      /* sigma_v of the log pace of a career (0.25)      */
    unsigned flags;      /* CAREER_SIM_*                                    */
    career_progress_fn progress; /* NULL = none                             */
    void *progress_context;
    uint64_t reserved[8]; /* must be zero (CAREER_ERR_ARG otherwise)        */
} career_simulation_options;

/* The fan of year t: mean and quantiles of the nominal salary over the
 * paths. */
typedef struct career_band {
    unsigned year;
    double mean, p10, p25, p50, p75, p90;
} career_band;

/* The options a run would use: *out = sim (NULL = all defaults) with every
 * default filled in (paths 10,000, volatility 0.05, pace_sd 0.25, threads
 * the count actually used, 0 for a spread its flag zeroes). Status as
 * career_simulate's for bad options: CAREER_ERR_ARG for NaN, inf and unknown
 * flags, CAREER_ERR_DOMAIN for a spread < 0 or > CAREER_SIM_MAX_SD. */
CAREER_API CAREER_NODISCARD career_status
career_simulation_resolve(const career_simulation_options *sim,
                          career_simulation_options *out);

/* Runs N paths for years 0..H (H from opts) and fills bands[0..H]
 * (nbands >= H+1, else CAREER_ERR_BUFFER) and, unless tier_share is NULL,
 * the share of paths that have reached each tier: tier_share[t * ntiers +
 * i] for year t <= H and tier i < ntiers = career_tier_count(model),
 * row-major (nshare >= (H+1) x ntiers doubles, else CAREER_ERR_BUFFER).
 * Memory: about 37 bytes a path whatever the horizon (four doubles a path
 * and the quantiles' buckets), plus O(H): 10^7 paths take about 370 MB,
 * 10^8 about 3.7 GB. opts and sim NULL = defaults.
 *
 * Status: opts is checked as career_project checks it, sim as
 * career_simulation_resolve does; CAREER_ERR_DOMAIN also when a path's
 * salary or a year's mean overflows (spreads, growth or inflation too large
 * for the horizon), as the projection's does;
 * CAREER_ERR_CANCELLED when the progress callback asked to stop;
 * CAREER_ERR_NOMEM if the work space cannot be had. Nothing is written
 * unless the status is CAREER_OK.
 *
 * Reproducibility: the same inputs and seed give bit-identical results
 * whatever the thread count, with the same version of the library built
 * the same way (compiler and flags) and run on the same CPU family: the
 * paths call the C library's exp and log, which glibc dispatches on the
 * processor's features (FMA or not), so results may differ in the last
 * bits between machines. The x86-64 AVX2 and baseline builds of the
 * library's own kernels give the same bits. A seeded run is pinned in the
 * tests (tests/data/golden-simulate.txt): a release that changes a seed's
 * results says so. */
CAREER_API CAREER_NODISCARD career_status
career_simulate(const career_model *model,
                const career_projection_options *opts,
                const career_simulation_options *sim, career_band *bands,
                size_t nbands, double *tier_share, size_t nshare);

/* ------------------------------------------------------------------------ */
/* Profiles as JSON (lib/io/).                                               */
/* ------------------------------------------------------------------------ */

/* The largest JSON text the loaders read (profiles and merit policies):
 * 16 MiB, far above any real profile file (a few KB). A larger text is
 * CAREER_ERR_PARSE, naming the limit, before it is parsed (a regular file
 * before it is read), so that a hostile file cannot take the memory of
 * its whole tree. The tree is bounded too: a text whose values
 * would take more than 16 times this in memory (256 MiB: 16 MiB of
 * "[{},{},...]" would take 1.3 GB) is CAREER_ERR_PARSE, "too many
 * values", naming that limit; 16 MiB of profiles takes about 5 times
 * its size. */
#define CAREER_MAX_JSON_BYTES ((size_t)16 << 20)

/* Load a profile from JSON: one profile object, or an array of them from
 * which `role` picks one (ASCII letters compared without case; NULL = the
 * only one). A UTF-8 byte-order mark before the text is skipped (lines and
 * columns count from after it); numbers are read with '.' whatever the
 * locale the host set (setlocale). The result is validated; free it with
 * career_profile_free; on failure *out is NULL. Status: CAREER_ERR_PARSE
 * for syntax (err->source, line and column: the column is that of the bad
 * token's last character), for a text over CAREER_MAX_JSON_BYTES or whose
 * tree would be too large (see there), and for meaning (err->text starts
 * with the JSON path, e.g. "[1].tiers[2].min_years: ..."; line and column
 * are 0); CAREER_ERR_IO when the file cannot be read; CAREER_ERR_NOMEM
 * whenever an allocation fails, the library's or jansson's;
 * CAREER_ERR_NOT_FOUND when no profile has that role, and CAREER_ERR_ARG
 * when the file holds several and no role is given (both list the roles).
 *
 * The text is parsed by the library's own strict RFC 8259 parser into a
 * jansson tree, with jansson's grammar and error texts, not by jansson's
 * json_load*: jansson 2.14's parser drops a byte it cannot store when
 * memory runs out and goes on, so it could return a profile with altered
 * text. The library never changes jansson's allocator
 * (json_set_alloc_funcs is one setting of the whole process). Messages
 * are jansson's, but for two in plain words ("\\u0000 (a NUL character)
 * is not allowed in a string", "nested more than 2048 levels deep"). */
CAREER_API CAREER_NODISCARD career_status
career_profile_load_file(const char *path, const char *role,
                         career_profile **out, career_error *err);

CAREER_API CAREER_NODISCARD career_status
career_profile_load_string(const char *json, const char *role,
                           career_profile **out, career_error *err);

/* `name` labels the stream in errors (NULL = "<stream>"). */
CAREER_API CAREER_NODISCARD career_status
career_profile_load_stream(FILE *stream, const char *name, const char *role,
                           career_profile **out, career_error *err);

/* The roles in a profile file, in file order: *roles is an array of *count
 * strings, all in one allocation freed with a single career_free(*roles)
 * (before 1.0 the header said free(): use career_free). On failure *roles
 * is NULL and *count 0. */
CAREER_API CAREER_NODISCARD career_status
career_profile_list_roles(const char *path, char ***roles, size_t *count,
                          career_error *err);

/* The profile as pretty JSON with a stable key order (two-space indents),
 * each number with the fewest digits that read back as the same double,
 * written with '.' whatever the host's locale; *json is freed with
 * career_free(). Loading it gives the same model exactly. The library
 * writes the text itself (jansson 2.14's dump ignores a failed
 * write and could return malformed text): every failed allocation is
 * CAREER_ERR_NOMEM. On failure *json is NULL. */
CAREER_API CAREER_NODISCARD career_status
career_profile_to_json(const career_profile *profile, char **json,
                       career_error *err);

/* Writes the profile's JSON to `path`, replaced whole through
 * career_replace_begin (below): on any failure the old file is as it was.
 * CAREER_ERR_ARG for a NULL or invalid profile (nothing is written),
 * CAREER_ERR_IO, CAREER_ERR_NOMEM. */
CAREER_API CAREER_NODISCARD career_status
career_profile_save_file(const career_profile *profile, const char *path,
                         career_error *err);

/* ------------------------------------------------------------------------ */
/* Replacing a file whole (lib/io/).                                         */
/* ------------------------------------------------------------------------ */

/* For writers of files (the profile save, the tools' outputs and plots,
 * which PLplot writes by name): a file is replaced whole or not at all.
 * The new contents go to a temporary file beside the target
 * ("<target>.tmp-XXXXXXXX", the target's name cut short, at a whole
 * UTF-8 character, where the name would pass the file system's limit:
 * a 255-byte name can be replaced), which career_replace_commit flushes
 * to the disk (fsync) and renames over the target; a full disk, an error
 * or a crash before then leaves the old file as it was.
 *   - A new file gets the mode fopen would give it: 0666 less the umask
 *     (and a directory's default ACL). The umask is never read or changed.
 *   - An existing file keeps its mode, and its owner and group where the
 *     process may give them: a member of a file's group who may not give
 *     the owner still keeps the group (a group-shared file stays shared).
 *     One the process may not write is refused (CAREER_ERR_IO,
 *     "Permission denied"), as an in-place write would be.
 *   - A symbolic link stays a link: links are followed to the file they
 *     name (a dangling link to the file to create), and that file is
 *     replaced, its temporary file beside it. As the kernel's
 *     fs.protected_symlinks does, and whatever that setting, a link in a
 *     sticky world-writable folder (/tmp) is followed only when the caller
 *     (effective user) or the folder's owner owns it: any other is refused
 *     (CAREER_ERR_IO, "Permission denied").
 *   - The folder is held open from the begin to the commit or abort: a
 *     chdir in between changes nothing (a writer by name must still open
 *     career_replace_temp_path before one, if it is relative).
 *   - The process's own open files named as files (/dev/stdin, /dev/stdout,
 *     /dev/stderr, /dev/fd/N, /proc/self/fd/N, /proc/<own pid>/fd/N, or a
 *     link to one) are written through a copy of the descriptor, where it
 *     is: at its offset, appending if it was opened to append (a shell's
 *     ">>"), never renamed over. stdout's or stderr's stdio buffer is
 *     flushed first, so that what was printed before comes before.
 *     CAREER_ERR_IO ("Bad file descriptor") for a descriptor that is not
 *     open for writing.
 *   - Anything else but a regular file (a device, a FIFO; a socket cannot
 *     be opened) is written in place: no temporary file, no rename, no
 *     fsync.
 * Written in place, the target keeps whatever was written before a
 * failure or an abort. A handle belongs to one thread at a time;
 * different handles are independent. */
typedef struct career_replace career_replace;

/* Starts replacing `path` whole: a temporary file is made beside it (for
 * a non-regular target, the target itself is opened). On CAREER_OK *out
 * is a handle that must be passed once to career_replace_commit or
 * career_replace_abort. CAREER_ERR_ARG for NULL `path` or `out`;
 * CAREER_ERR_IO when the file or its temporary file cannot be created
 * (err names `path`); CAREER_ERR_NOMEM. On failure *out is NULL and no
 * file is made. */
CAREER_API CAREER_NODISCARD career_status
career_replace_begin(const char *path, career_replace **out,
                     career_error *err);

/* The temporary file's name, to hand to a writer that takes a name (the
 * target's path as given for a target written in place: compare the two
 * to know; a writer by name that opens a descriptor's name such as
 * /dev/stdout opens the file again, truncated, so such a writer should
 * write elsewhere and copy into the stream). Owned by r, valid until it is
 * committed or aborted. A writer that opens the name itself must close it
 * before the commit; writes through the stream and by name do not mix.
 * NULL for a NULL r. */
CAREER_API const char *career_replace_temp_path(const career_replace *r);

/* An open stream ("wb") on the temporary file, owned by r: write to it,
 * never fclose it. NULL for a NULL r. */
CAREER_API FILE *career_replace_stream(career_replace *r);

/* Flushes the stream, fsyncs and closes the temporary file and renames it
 * over the target; frees r whatever happens. CAREER_ERR_IO when any of
 * these fails, or a write to the stream failed before (the temporary file
 * is removed and the old file is intact: "PATH: cannot write: REASON");
 * CAREER_ERR_ARG for a NULL r. */
CAREER_API CAREER_NODISCARD career_status
career_replace_commit(career_replace *r, career_error *err);

/* Closes and removes the temporary file and frees r; the target is left as
 * it was (a non-regular target keeps what was written). NULL is a no-op. */
CAREER_API void career_replace_abort(career_replace *r);

/* ------------------------------------------------------------------------ */
/* Career-guide text (lib/io/).                                              */
/* ------------------------------------------------------------------------ */

/* Imports the plain text of a career guide (the format of the seed guide,
 * examples/guides/performance-architect.txt): the role (title), region and
 * currency ("Annual Salary (UK, GBP)"), the salary range (p10 and p90) and
 * the levels block after it (Median is p50; Entry-, Mid-, Senior-Level),
 * the top-10 % threshold ("Top 10% ... $AMOUNT" in the salary section, the
 * lines after the levels up to the next heading: a "top 10%" elsewhere is
 * not read), the growth rate (over 10 years) and the "Career
 * Path Tiers" section (NAME, then "Experience: A-B years" or "A+ years";
 * the anchor is the span's midpoint, or A + 3 for an open span).
 *
 * The tiers end at the heading of the section the published guides put
 * after them ("Global Outlook", "Job Outlook & Related Roles" and the
 * others career-import(1) lists). Every other heading among them is a
 * tier's name and must be followed by its "Experience:" line, and the text
 * must go on to that next heading: a tier without its span, or a text that
 * ends inside the tiers (as a guide cut off there does), is refused, naming
 * the tier, rather than read with a tier less.
 *
 * Tier salaries, by the number of tiers (2 to CAREER_MAX_TIERS accepted):
 *   2        Entry-Level, Senior-Level (Mid-Level is the median only);
 *   3        Entry-, Mid-, Senior-Level (the threshold is no tier's);
 *   4        Entry-, Mid-, Senior-Level, then the top-10 % threshold;
 *   5 to 16  tiers 0-2 as with 4, the top tier the threshold, and the
 *            tiers between none (NaN: the curve interpolates through them).
 * One tier is refused (a curve needs two salaries); from 4 tiers on, the
 * threshold is required. p90 is the range's top whatever the count.
 *
 * Amounts may have a currency sign (pound, euro, yen, rupee, "$", "C$",
 * "A$", ...) or an ISO code before or after them, and "k" for thousands.
 * The heading's currency is the profile's. A UTF-8 byte-order mark is
 * skipped.
 *
 * Digit grouping is read by its shape. In a figure's separators (',', '.'
 * and (narrow) no-break spaces), the last is its decimal mark when it
 * differs from the one before it ("1,234.5", "1.234,5"), or when it is
 * alone and followed by one, two, or four or more digits ("108,5" is
 * 108.5); a lone separator followed by exactly three digits groups them
 * ("45.000" is 45000), unless "k" follows ("62.385k" is 62385) or the
 * figure starts with 0 ("0.125"). The other separators group digits, all
 * alike, in threes after a first group of 1 to 3 digits that is not 0
 * ("1,234,567"), or the Indian way ("1,23,456"); a no-break
 * space only ever groups. One text has one decimal mark: the first figure
 * that shows it (a decimal mark, or the other of ',' and '.' grouping)
 * sets it, and a later figure that reads otherwise ("108,5" or "62.500"
 * after "90,000") is ambiguous. An ambiguous amount, or one grouped
 * irregularly ("1,2345,6"), is CAREER_ERR_PARSE naming it; figures
 * outside amounts (years, percentages) are read by their shape alone.
 *
 * What the import inferred rather than read (anchors, the top tier's
 * salary, a currency sign's code) is in the profile's notes. What cannot be
 * found, including a tier's span or a level missing from the levels
 * block, is CAREER_ERR_PARSE naming the missing part;
 * CAREER_ERR_ARG for a NULL `out` (or `text` with len > 0); CAREER_ERR_NOMEM.
 * On failure *out is NULL. `len` bytes of `text` are read (no NUL needed).
 * The profile is freed with career_profile_free(). */
CAREER_API CAREER_NODISCARD career_status
career_guide_import(const char *text, size_t len, career_profile **out,
                    career_error *err);

/* ------------------------------------------------------------------------ */
/* Pay structures and the merit cycle (lib/pay/).                            */
/* ------------------------------------------------------------------------ */

/* What compensation teams do twice a year: a salary range per tier, a merit
 * matrix (rating x position in the range -> raise), lifts to the range
 * minimum, caps, lump sums above the maximum, and one scale factor k on the
 * matrix so that the cost lands on the budget to the cent.
 *
 * Money in this section is in the profile's currency and period, rounded to
 * cents (1/100 of the unit) where the cycle pays it. Structs the caller
 * allocates end with `reserved`, which must be zero on input (the library
 * writes zeros there on output); a later 1.x may name a slot, and zero then
 * means its default. */

/* A merit policy (career-policy(5)): ratings, position bands, the matrix,
 * the limits and the budget. Opaque and immutable once loaded: any number of
 * threads may use one at once. */
typedef struct career_merit_policy career_merit_policy;

/* Loads and validates a policy from JSON ("format": "career-merit-policy/1").
 * Errors follow career_profile_load_file: CAREER_ERR_PARSE with the file,
 * line and column for syntax, and the JSON path for meaning
 * ("matrix.exceeds[2]: must be >= 0 (got -0.01)"); CAREER_ERR_IO when the
 * file cannot be read; CAREER_ERR_NOMEM. On failure *out is NULL. */
CAREER_API CAREER_NODISCARD career_status
career_merit_policy_load_file(const char *path, career_merit_policy **out,
                              career_error *err);

CAREER_API CAREER_NODISCARD career_status
career_merit_policy_load_string(const char *json, career_merit_policy **out,
                                career_error *err);

/* Frees a policy. NULL is a harmless no-op. */
CAREER_API void career_merit_policy_free(career_merit_policy *policy);

/* The ratings, lowest first, as the policy lists them. */
CAREER_API size_t career_merit_rating_count(const career_merit_policy *policy);

/* The name of rating `index` (points into the policy); NULL past the end. */
CAREER_API const char *career_merit_rating_name(
    const career_merit_policy *policy, size_t index);

/* The index of the rating called `name` (exact match).
 * CAREER_ERR_NOT_FOUND when the policy has no such rating. */
CAREER_API CAREER_NODISCARD career_status
career_merit_rating_index(const career_merit_policy *policy, const char *name,
                          size_t *index);

/* The number of position bands (columns of the matrix). */
CAREER_API size_t career_merit_position_count(
    const career_merit_policy *policy);

/* Warnings of a range (bits of career_pay_range.warnings). An enum, where
 * the projection's and simulation's flags are #defines: both forms are kept
 * for 1.x (ABI.md, "Names and shapes"). */
typedef enum career_range_warning {
    CAREER_RANGE_SPREAD_LOW = 1,       /* spread below the policy's limit   */
    CAREER_RANGE_SPREAD_HIGH = 2,      /* spread above it                   */
    CAREER_RANGE_PROGRESSION_LOW = 4,  /* midpoint step from the tier below */
    CAREER_RANGE_PROGRESSION_HIGH = 8, /*   outside the policy's limits     */
    CAREER_RANGE_OVERLAP_HIGH = 16,    /* overlap with the next tier above
                                          the policy's limit                */
    CAREER_RANGE_COMPRESSION = 32      /* max not below the next tier's mid */
} career_range_warning;

/* The range of one tier in year 0. mid = m(anchor); min and max from the
 * policy (band quantiles at the anchor, or a spread s: min = mid / (1 + s/2),
 * max = min (1 + s)). spread = max / min - 1; progression = mid / previous
 * tier's mid - 1 (NaN for tier 0); overlap = (max - next min) / (max - min),
 * negative for a gap (NaN for the last tier). */
typedef struct career_pay_range {
    double min, mid, max;
    double spread;
    double progression;
    double overlap;
    unsigned warnings; /* career_range_warning bits */
    uint64_t reserved[8];
} career_pay_range;

/* The pay structure: ranges[i] for each tier i of the model (nranges must be
 * at least career_tier_count, else CAREER_ERR_BUFFER and nothing is
 * written). CAREER_ERR_ARG for NULL arguments, CAREER_ERR_DOMAIN when a
 * range cannot be formed (min >= max, or an overflow). */
CAREER_API CAREER_NODISCARD career_status
career_pay_structure(const career_model *model,
                     const career_merit_policy *policy,
                     career_pay_range *ranges, size_t nranges);

/* Tier of career_employee: derived from the years. */
#define CAREER_TIER_FROM_YEARS SIZE_MAX

/* One employee going into a cycle. */
typedef struct career_employee {
    double years;   /* experience, finite and >= 0                        */
    size_t tier;    /* tier index, or CAREER_TIER_FROM_YEARS              */
    double salary;  /* base salary, > 0 and < 1e12                        */
    size_t rating;  /* index of the rating (career_merit_rating_index)    */
    uint64_t reserved[8];
} career_employee;

/* Flags of a result (bits of career_merit_result.flags). */
typedef enum career_merit_flag {
    CAREER_MERIT_BELOW_MIN = 1,   /* salary below the range minimum before   */
    CAREER_MERIT_ABOVE_MAX = 2,   /* salary above the range maximum before   */
    CAREER_MERIT_LIFTED = 4,      /* lifted to the minimum                   */
    CAREER_MERIT_CAPPED = 8,      /* raise held at the policy's maximum      */
    CAREER_MERIT_MIN_RAISE = 16,  /* raise held at the policy's minimum      */
    CAREER_MERIT_LUMP_SUM = 32,   /* part or all of it paid as a lump sum    */
    CAREER_MERIT_COMPRESSED = 64, /* paid above the next tier's midpoint     */
    CAREER_MERIT_INELIGIBLE = 128 /* the rating takes no merit raise         */
} career_merit_flag;

/* One employee after the cycle. compa = salary / mid; penetration =
 * (salary - min) / (max - min), both against the tier's range. */
typedef struct career_merit_result {
    size_t tier;
    size_t position;     /* the column of the matrix used                */
    double rate;         /* merit rate applied: k x matrix, then limits  */
    double lift;         /* lift to the minimum (money)                  */
    double merit;        /* merit amount: base part + lump sum (money)   */
    double base_raise;   /* lift + merit paid into base                  */
    double lump_sum;     /* merit paid once, not into base               */
    double new_salary;   /* salary + base_raise, in cents (below)         */
    double compa_before, compa_after;
    double penetration_before, penetration_after;
    unsigned flags;      /* career_merit_flag bits                       */
    uint64_t reserved[8];
} career_merit_result;

/* Summary flags: a #define, where the result's flags above are an enum
 * (both forms kept for 1.x: ABI.md, "Names and shapes"). */
#define CAREER_MERIT_BUDGET_UNMET 1u /* no k meets the budget: see cost  */

/* The cycle as a whole. Money to the cent, as integer cents. */
typedef struct career_merit_summary {
    size_t employees;
    size_t eligible;
    int64_t payroll_cents;  /* base payroll of the eligible, before       */
    int64_t budget_cents;   /* budget rate x payroll, rounded             */
    int64_t cost_cents;     /* merit (base + lump) + counted lifts        */
    int64_t lift_cents;     /* all lifts, counted or not                  */
    int64_t lump_cents;     /* the lump sums within the cost              */
    double scale;           /* k                                          */
    unsigned flags;         /* CAREER_MERIT_BUDGET_UNMET                  */
    size_t below_min, above_max, lifted, capped, min_raise, lump_sum,
        compressed;         /* employees with each result flag            */
    uint64_t reserved[8];
} career_merit_summary;

/* Runs the cycle on employees[0..n) (n >= 1) into results[0..n) and
 * *summary, in this order: ranges per tier; position of the salary before
 * the cycle in its tier's range (penetration or compa-ratio bands); lift to
 * the minimum (if on); merit rate = clamp(k x matrix[rating][position],
 * minimum raise, maximum raise) on the lifted salary; above the range
 * maximum, the part of the merit that would take base past it is a lump
 * sum (if on). k >= 0 is solved exactly so that the cost equals the budget:
 * Cost(k) is piecewise linear and non-decreasing, its breakpoints sorted,
 * the crossing segment solved. Each merit amount is then its exact value
 * rounded down to a cent, and the cents left are given one each to the
 * largest remainders (ties: the lower index), so the cost is the budget to
 * the cent; a held raise may so exceed its limit by less than a cent.
 * When no k meets the budget (it is below the cost of the lifts and minimum
 * raises, or above the cost with every raise capped), k is the nearest end,
 * the amounts are rounded to the nearest cent and summary->flags has
 * CAREER_MERIT_BUDGET_UNMET: the status is still CAREER_OK.
 * Money is paid in cents: each salary is read to the nearest cent (a
 * salary of 120,000.0049 counts as 120,000.00 in the payroll, the lift
 * and the merit), and new_salary is that salary plus base_raise,
 * a whole number of cents: cents(new_salary) = cents(salary) +
 * cents(base_raise) exactly (120,000.0049 with no raise becomes
 * 120,000.00).
 * Errors (nothing written; err, if given, names the row, e.g.
 * "employees[17].salary: must be > 0 and < 1e12 (got -5)"):
 * CAREER_ERR_ARG for NULL pointers, n = 0, NaN or inf, non-zero reserved
 * fields, a rating or tier the policy or model does not have;
 * CAREER_ERR_DOMAIN for years < 0, salaries <= 0 or >= 1e12, a payroll of
 * 2^53 cents or more, ranges that cannot be formed; CAREER_ERR_NOMEM.
 * Memory: 16 bytes per employee of work space and a 32 KiB histogram,
 * freed before the return, whatever the population (the cents left over
 * are given by a selection over the remainders, never a sorted copy of
 * them). Thread-safe. */
CAREER_API CAREER_NODISCARD career_status
career_merit_cycle(const career_model *model,
                   const career_merit_policy *policy,
                   const career_employee *employees, size_t n,
                   career_merit_result *results,
                   career_merit_summary *summary, career_error *err);

/* The merit cycle in slim rows, for large populations: the same cycle as
 * career_merit_cycle, with rows that carry no reserved slots (32 bytes in
 * and 96 out an employee, against 96 and 168) and an optional work space
 * kept between calls. Both structs are frozen (ABI.md): their size and
 * fields never change in 1.x; a new per-employee figure would come through
 * a new function, as career_merit_cycle's reserved slots may still carry
 * one. */

/* One employee going into career_merit_run: career_employee's fields, with
 * the same meaning and limits. */
typedef struct career_merit_employee {
    double years;   /* experience, finite and >= 0                        */
    size_t tier;    /* tier index, or CAREER_TIER_FROM_YEARS              */
    double salary;  /* base salary, > 0 and < 1e12                        */
    size_t rating;  /* index of the rating (career_merit_rating_index)    */
} career_merit_employee;

/* One employee after career_merit_run: career_merit_result's fields, with
 * the same meaning and, for the same input, the same values bit for bit. */
typedef struct career_merit_raise {
    size_t tier;
    unsigned position;   /* the column of the matrix used                */
    unsigned flags;      /* career_merit_flag bits                       */
    double rate, lift, merit, base_raise, lump_sum, new_salary;
    double compa_before, compa_after;
    double penetration_before, penetration_after;
} career_merit_raise;

/* Work space of career_merit_run, kept between calls so that a caller who
 * runs many cycles allocates it once: 16 bytes for each employee of the
 * largest cycle run with it so far, and a 32 KiB histogram. Opaque. One
 * call at a time may use a work space (one per thread); it holds no
 * result, so any cycle may follow any other. *out is NULL on failure. */
typedef struct career_merit_workspace career_merit_workspace;

/* A new, empty work space: it grows at the first cycle. CAREER_ERR_ARG for
 * a NULL out, CAREER_ERR_NOMEM. */
CAREER_API CAREER_NODISCARD career_status
career_merit_workspace_new(career_merit_workspace **out);

/* Frees a work space and its memory. NULL is a harmless no-op. */
CAREER_API void career_merit_workspace_free(career_merit_workspace *ws);

/* career_merit_cycle on employees[0..n) into raises[0..n) and *summary:
 * the same rules, results, summary, errors and messages ("employees[17].
 * salary: ..."; "raises: NULL" where the other says "results"), but no
 * reserved slots to check or write. With ws, the
 * work space is taken from it (grown when n needs more: CAREER_ERR_NOMEM,
 * nothing written, when it cannot grow, and ws stays usable); NULL
 * allocates it for the call and frees it before the return, as
 * career_merit_cycle does. Thread-safe with a work space per thread. */
CAREER_API CAREER_NODISCARD career_status
career_merit_run(const career_model *model, const career_merit_policy *policy,
                 const career_merit_employee *employees, size_t n,
                 career_merit_raise *raises, career_merit_summary *summary,
                 career_merit_workspace *ws, career_error *err);

/* The distribution of raises by rating and position: cell r * P + p (P =
 * career_merit_position_count) gets the count of eligible employees, their
 * mean merit rate and their merit cost in cents. ncells must be at least
 * ratings x positions (else CAREER_ERR_BUFFER, nothing written). */
typedef struct career_merit_cell {
    size_t count;
    double mean_rate;
    int64_t merit_cents;
    uint64_t reserved[8];
} career_merit_cell;

CAREER_API CAREER_NODISCARD career_status
career_merit_distribution(const career_merit_policy *policy,
                          const career_employee *employees,
                          const career_merit_result *results, size_t n,
                          career_merit_cell *cells, size_t ncells);

/* One year of an employee's projection through the cycle. */
typedef struct career_merit_year {
    unsigned year;        /* t = 0 ... H                                */
    double years;         /* experience x0 + t                          */
    size_t tier;          /* after any promotion at the tier's years    */
    size_t rating;        /* the rating of that year's cycle            */
    double range_min, range_mid, range_max; /* year t's range, nominal  */
    double salary;        /* base before the cycle                      */
    career_merit_result result; /* that year's cycle                    */
    uint64_t reserved[8];
} career_merit_year;

/* One employee through H + 1 yearly cycles (H = opts->horizon, default 10;
 * opts NULL = defaults; its start_years and start_salary are ignored: the
 * employee gives them). In year t the employee has x0 + t years and the
 * tier max(employee tier, tier at x0 + t) (promotion at the tier's years),
 * the ranges are year 0's times the demand index (1+g)^(eps t) and
 * (1+pi)^t, the rating is ratings[min(t, nratings - 1)] (one rating: the
 * same every year), and the matrix is scaled by `scale` (k >= 0, e.g. a
 * cycle's summary.scale, or 1). Each year's base is the last year's new
 * salary (paid in cents, as career_merit_cycle does). rows needs nrows >=
 * H + 1 (else CAREER_ERR_BUFFER). CAREER_ERR_DOMAIN when a year's range
 * reaches 1e12 (a huge inflation or growth: past it the cycle's cents
 * overflow), as when a salary does (the function takes no error record:
 * the year is the first whose range_max, year 0's times the index above,
 * is 1e12 or more). Nothing is written on failure. */
CAREER_API CAREER_NODISCARD career_status
career_merit_project(const career_model *model,
                     const career_merit_policy *policy,
                     const career_employee *employee, const size_t *ratings,
                     size_t nratings, double scale,
                     const career_projection_options *opts,
                     career_merit_year *rows, size_t nrows);

/* ------------------------------------------------------------------------ */
/* Statistical tables: BLS OEWS and Employment Projections (lib/bls/).       */
/* ------------------------------------------------------------------------ */

/* The tables are read as BLS publishes them: CSV (RFC 4180, a header row,
 * as a spreadsheet or xlsx2csv exports it; lines end in LF, CRLF or a lone
 * CR; a NUL byte in a cell is an error) or .xlsx read directly, the
 * format told by the file's first bytes. Both are streamed: memory grows
 * with the rows kept, never with the file. A path may name a pipe or a
 * FIFO (/dev/stdin, /dev/fd/N): it is opened and read once, as a stream
 * (an .xlsx from one is held in memory whole, at most 512 MiB, as libzip
 * needs its end first). A folder, or a file that cannot be opened or
 * read, is CAREER_ERR_IO; a read interrupted by a signal is read again.
 * What a hostile workbook can cost is bounded: at most 1,048,576 shared
 * strings and 16 MiB of their text, and no part that inflates past 4 GiB,
 * or to over 100 times its compressed size once past 1 MiB (a zip bomb;
 * real workbooks stay under 30): CAREER_ERR_PARSE saying which. Out of
 * memory anywhere, in libzip, zlib and libxml2 too, is CAREER_ERR_NOMEM,
 * and nothing is printed. Errors name the file, the row
 * (err->line), the column (err->column, 1-based) and the column's name. A
 * table is immutable once open and may be read from any number of threads
 * at once. Reading an .xlsx uses libxml2, which keeps global tables of its
 * own: as libxml2 asks, a program that opens tables from several threads
 * at once calls xmlInitParser() first, and one that checks for leaks at
 * exit calls xmlCleanupParser() last (both from <libxml/parser.h>).
 *
 * Tables are opened and closed (_open, _open_memory, _close), where JSON
 * documents (profiles, merit policies, ladder templates) are loaded and
 * freed (_load_file, _load_string, _free). Both read their whole input
 * during the call and keep no file open; the two sets of names are kept
 * for 1.x (ABI.md, "Names and shapes"). */

/* A ladder template: the tiers an OEWS profile gets, each at a percentile
 * of the occupation's market (OEWS publishes no tiers). Opaque. */
typedef struct career_ladder_template career_ladder_template;

/* The default template, compiled in: the four prevailing-wage levels of the
 * US Department of Labor's Office of Foreign Labor Certification (OFLC),
 * Level I (entry) at the 17th percentile, II (qualified) at the 34th, III
 * (experienced) at the 50th and IV (fully competent) at the 67th, with the
 * year spans 0-2, 3-5, 6-9 and 10+ (anchors 1, 4, 7.5 and 13). The spans
 * are this project's assumption, not OFLC's. Static: never free it. Also
 * shipped as examples/ladders/oflc.json. */
CAREER_API const career_ladder_template *career_ladder_template_oflc(void);

/* Loads a template from JSON:
 *   {"format": "career-ladder/1", "name": "...", "assumption": "...",
 *    "tiers": [{"name": "Level I (entry)", "min_years": 0,
 *               "anchor_years": 1, "percentile": 0.17}, ...]}
 * 2 to CAREER_MAX_TIERS tiers, the first at 0 years, min_years, anchors and
 * percentiles (in (0,1)) strictly increasing. Optional (1.1): "band":
 * "copula" (default) or "power", the profiles' band shape; and
 * "experience_correlation": rho in [0.05, 1] (default 0.85 with the copula
 * band, 1 with the power band), where "anchors": "workforce" places a
 * tier at market percentile q: at the workforce's experience quantile
 * Phi(Phi^-1(q) / rho). Read as profiles are (at
 * most CAREER_MAX_JSON_BYTES; a folder is CAREER_ERR_IO). CAREER_ERR_PARSE
 * naming the JSON path, CAREER_ERR_IO, CAREER_ERR_NOMEM. Free with
 * career_ladder_template_free. */
CAREER_API CAREER_NODISCARD career_status
career_ladder_template_load_file(const char *path,
                                 career_ladder_template **out,
                                 career_error *err);

/* Frees a loaded template; NULL and the OFLC template are no-ops. */
CAREER_API void career_ladder_template_free(career_ladder_template *tmpl);

/* Which O_GROUP rows of an OEWS table make profiles. */
typedef enum career_oews_group {
    CAREER_OEWS_DETAILED = 0,
    CAREER_OEWS_BROAD = 1,
    CAREER_OEWS_MINOR = 2,
    CAREER_OEWS_MAJOR = 3
} career_oews_group;

/* Options of career_oews_open; zero = default for every field. */
typedef struct career_oews_options {
    /* The top-coding caps BLS states in its notes for the file's year: a
     * "#" cell means "at least this". 0 = $239,200 a year / $115.00 an
     * hour (May 2023 onwards; lower earlier). */
    double cap_annual;
    double cap_hourly;
    career_oews_group group;
    /* Keep only the rows of this area code (NULL = every area; read
     * during the call only): with it, memory holds one area's
     * occupations however large the file. */
    const char *area;
    /* 1.1 (it was reserved[0]): rho, the rank correlation of pay with
     * experience that a workforce template's anchors assume, in [0.05, 1]: a
     * tier at market percentile q is anchored at the workforce's
     * experience quantile Phi(Phi^-1(q) / rho) (docs/model.md §11).
     * 0 = the template's ("experience_correlation"; 0.85 for the OFLC
     * template). */
    double experience_correlation;
    uint64_t reserved[7]; /* must be zero */
} career_oews_options;

typedef struct career_oews_table career_oews_table;

/* The most rows an OEWS table keeps (2^20, the rows of one Excel sheet;
 * about 200 MiB): more is CAREER_ERR_PARSE, as a hostile file could
 * otherwise fill memory. The largest BLS file, all_data_M_YYYY, has about
 * 400,000 rows, fewer of them kept; with options.area set, a few
 * thousand. */
#define CAREER_OEWS_MAX_ROWS ((size_t)1 << 20)

/* One occupation of one area, as career_oews_entry reports it. Strings
 * point into the table (valid until it is closed). employment is NaN where
 * BLS publishes none ("**"). */
typedef struct career_oews_entry {
    const char *occ_code;
    const char *occ_title;
    const char *area_code;
    const char *area_title;
    double employment;
    int hourly_only; /* ANNUAL/HOURLY mark it hourly: profiles per hour */
    long row;        /* the row in the file */
    uint64_t reserved[8];
} career_oews_entry;

/* Reads an OEWS table (all_data_M_YYYY, or a national, state or metro
 * file). Columns are matched by name without regard to case and in any
 * order: OCC_CODE, OCC_TITLE and H_/A_PCT10, PCT25, MEDIAN, PCT75, PCT90
 * are required; AREA and AREA_TITLE (default "99", "U.S."), NAICS,
 * OWN_CODE, O_GROUP (or OCC_GROUP), TOT_EMP, ANNUAL, HOURLY are used when
 * present. Kept: cross-industry rows (NAICS all zeros, OWN_CODE 1235 or
 * 12345 where the columns exist) of the group asked for. Cells: "*", "**",
 * "~" and empty are not available; "#" is top-coded; thousands separators
 * are accepted; anything else not a number is CAREER_ERR_PARSE naming the
 * row and column, as is a code or title that is not UTF-8, and an empty
 * (or blank) code or title of a kept row (the title is a profile's role).
 * Where a row
 * publishes both, each annual percentile must be within 5 % of 2,080 times
 * the hourly one, as BLS computes it (rows flagged ANNUAL or HOURLY TRUE,
 * paid by the year or the hour, are not checked): "66.740" beside $32.09
 * an hour is CAREER_ERR_PARSE naming the row and the A_ column, not $66.74
 * a year. A second row of the same occupation, area and ownership, and
 * rows past CAREER_OEWS_MAX_ROWS, are CAREER_ERR_PARSE naming the row.
 * opts NULL = defaults. On failure *out is NULL. */
CAREER_API CAREER_NODISCARD career_status
career_oews_open(const char *path, const career_oews_options *opts,
                 career_oews_table **out, career_error *err);

/* The same for n bytes in memory; `name` labels them in errors and in the
 * profiles' source (NULL = "<table>"). */
CAREER_API CAREER_NODISCARD career_status
career_oews_open_memory(const void *data, size_t n, const char *name,
                        const career_oews_options *opts,
                        career_oews_table **out, career_error *err);

/* Frees a table; NULL is a no-op. */
CAREER_API void career_oews_close(career_oews_table *table);

/* The rows kept, in file order. */
CAREER_API size_t career_oews_count(const career_oews_table *table);

/* Row `index` of the rows kept. CAREER_ERR_NOT_FOUND past the last. */
CAREER_API CAREER_NODISCARD career_status
career_oews_entry_at(const career_oews_table *table, size_t index,
                     career_oews_entry *out);

typedef struct career_ep_table career_ep_table;

/* A profile for occupation occ_code in area area_code (NULL = "99", the
 * nation): the role is the OCC_TITLE, the region the AREA_TITLE, the
 * currency USD, the period "year" ("hour" for hourly-only occupations);
 * the market quantiles are the published percentiles (equal adjacent ones
 * merged into one at their mean p; top-coded ones left out of the fit, and
 * the fitted Q(p) then checked against the cap); the tiers come from tmpl
 * (NULL = OFLC), each tier's salary the fitted market quantile at its
 * percentile. With ep (NULL = none) the demand growth and the separation
 * rate come from its row for the occupation; without, the growth is 0 over
 * 10 years. The profile's band is the template's ("band"; the copula
 * band by default, CAREER_BAND_COPULA). Everything assumed or dropped is
 * in the profile's notes.
 * Status: CAREER_ERR_NOT_FOUND (no such row), CAREER_ERR_FIT (fewer than 2
 * published percentiles, or a market the model cannot fit), CAREER_ERR_NOMEM.
 * Free the profile with career_profile_free. */
CAREER_API CAREER_NODISCARD career_status
career_oews_profile(const career_oews_table *table, const char *occ_code,
                    const char *area_code, const career_ladder_template *tmpl,
                    const career_ep_table *ep, career_profile **out,
                    career_error *err);

/* One occupation of an Employment Projections table. growth is the
 * ten-year relative change (0.257 = 25.7 %) over `years` years, from
 * start_year (NaN, and years 0, when the table gives none for it);
 * separation_rate the occupational separations rate a year (0.091 =
 * 9.1 %), 0 when the table has none. Strings point into the table. */
typedef struct career_ep_entry {
    const char *occ_code;
    const char *occ_title; /* NULL when the table has no title column */
    double growth;
    double years;
    int start_year;
    double separation_rate;
    long row;
    uint64_t reserved[8];
} career_ep_entry;

/* The most occupation codes an EP table keeps (2^17, about 10 MiB): more
 * is CAREER_ERR_PARSE, as a hostile file could otherwise fill memory. BLS's
 * tables have about 1,100. */
#define CAREER_EP_MAX_ROWS ((size_t)1 << 17)

/* Reads an EP table (CSV or .xlsx; title rows above the header are
 * skipped). Columns are found by their header text: the code ("... code"),
 * the title ("... title"), the percent change ("Employment change, percent,
 * 2023-33": the years come from it) and, where present, the occupational
 * separations rate. A code's figures may come from several sheets; more
 * than CAREER_EP_MAX_ROWS codes is CAREER_ERR_PARSE naming the row. Errors
 * as career_oews_open. */
CAREER_API CAREER_NODISCARD career_status
career_ep_open(const char *path, career_ep_table **out, career_error *err);

CAREER_API CAREER_NODISCARD career_status
career_ep_open_memory(const void *data, size_t n, const char *name,
                      career_ep_table **out, career_error *err);

CAREER_API void career_ep_close(career_ep_table *table);

CAREER_API size_t career_ep_count(const career_ep_table *table);

CAREER_API CAREER_NODISCARD career_status
career_ep_entry_at(const career_ep_table *table, size_t index,
                   career_ep_entry *out);

/* The row of occupation occ_code; CAREER_ERR_NOT_FOUND when none. */
CAREER_API CAREER_NODISCARD career_status
career_ep_find(const career_ep_table *table, const char *occ_code,
               career_ep_entry *out);

/* ------------------------------------------------------------------------ */
/* Pay transparency and pay equity (lib/pay/equity*.c).                      */
/* ------------------------------------------------------------------------ */

/* The gender pay gap reports of EU Directive 2023/970 (Articles 3, 7, 9,
 * 10 and 12) and of the UK's Equality Act 2010 (Gender Pay Gap
 * Information) Regulations 2017, the gap adjusted for given factors, its
 * Oaxaca-Blinder decomposition, and the cheapest raises that bring the
 * adjusted gap within a target. docs/model.md §13 gives every formula and
 * its source; career-equity(1) the legal definitions.
 *
 * Every gap is a fraction of the men's figure, (M - F) / M: 0.1078 is
 * 10.78 %, positive when men are paid more. A gap that cannot be formed
 * is NaN, with a career_gap_status saying why (never -100 %).
 *
 * Time: a year is 365 days, a month 365/12, a week 7 (the days in the pay
 * period of the UK's regulation 6); a worker's hours a year are the weekly
 * hours x 365/7, and the pay of every period is turned into a year's by
 * the ratio of days. Money is in the caller's currency, in units with
 * cents (1/100); the remedy pays in integer cents. */

/* The sex of a worker, as the employer records it. NOT_GIVEN workers are
 * left out of every gap and counted. */
typedef enum career_sex {
    CAREER_SEX_NOT_GIVEN = 0,
    CAREER_SEX_FEMALE = 1,
    CAREER_SEX_MALE = 2
} career_sex;

/* The period of a worker's ordinary pay. YEAR, MONTH and HOUR have the
 * numbers of career_period's; WEEK is this family's own. */
typedef enum career_pay_period {
    CAREER_PAY_YEAR = 0,
    CAREER_PAY_MONTH = 1,
    CAREER_PAY_HOUR = 2,
    CAREER_PAY_WEEK = 3
} career_pay_period;

/* Parses "year", "month", "week" or "hour" (also "annual", "yearly",
 * "monthly", "weekly", "hourly"; ASCII case ignored). CAREER_ERR_NOT_FOUND
 * for anything else, CAREER_ERR_ARG for NULL. */
CAREER_API CAREER_NODISCARD career_status
career_pay_period_parse(const char *text, career_pay_period *out);

/* Flags of career_worker. */
#define CAREER_WORKER_REDUCED_PAY 1u /* UK: not a full-pay relevant employee
                                        (on reduced pay because of leave) */
#define CAREER_WORKER_NO_RAISE 2u    /* the remedy never raises this worker */

/* What a factor of the adjusted analysis is. */
typedef enum career_factor_kind {
    CAREER_FACTOR_NUMERIC = 0,    /* a number (years, a rating)            */
    CAREER_FACTOR_CATEGORICAL = 1 /* a level 0 .. levels-1 (tier, place):
                                     dummies for levels 1.., level 0 the
                                     regression's reference              */
} career_factor_kind;

/* One factor: its name (for messages and reports; NULL = "factors[j]"),
 * its kind and, when categorical, its number of levels (>= 2) and their
 * names (NULL, or `levels` strings). */
typedef struct career_factor {
    const char *name;
    career_factor_kind kind;
    size_t levels;
    const char *const *level_names;
    uint64_t reserved[8]; /* must be zero */
} career_factor;

/* One worker. `pay` is the ordinary (basic) pay per `period`, >= 0 and
 * < 1e12; `hours` the weekly working hours, in (0, 168]; `bonus` the
 * complementary or variable pay over the year, >= 0 and < 1e12 (UK: the
 * bonus pay of the 12 months to the snapshot date); `category` the index
 * of the worker's category of workers (< the workforce's ncategories);
 * `factors` the values of the workforce's factors, in its order (NULL
 * when it has none): finite numbers, and for a categorical factor an
 * integral level below its `levels`. `id` names the worker in reports
 * (may be NULL). */
typedef struct career_worker {
    const char *id;
    career_sex sex;
    size_t category;
    double pay;
    career_pay_period period;
    double hours;
    double bonus;
    unsigned flags;        /* CAREER_WORKER_*                            */
    const double *factors;
    uint64_t reserved[8];  /* must be zero                               */
} career_worker;

/* A workforce: workers[0..n) (n >= 1), the names of its ncategories
 * categories of workers (NULL = none, or ncategories strings; at least 1
 * category) and its nfactors factors (NULL when 0). Read during a call
 * only. Every function below checks it whole first: CAREER_ERR_ARG naming
 * the row and the field ("workers[17].pay: must be finite", also for
 * NULL pointers, NaN and inf, an unknown sex, period or flag, non-zero
 * reserved slots, a category or a level out of range),
 * CAREER_ERR_DOMAIN for finite values out of range ("workers[3].hours:
 * must be > 0 and <= 168 (got 0)": an hourly rate needs hours). */
typedef struct career_workforce {
    const career_worker *workers;
    size_t n;
    const char *const *categories;
    size_t ncategories;
    const career_factor *factors;
    size_t nfactors;
    uint64_t reserved[8]; /* must be zero */
} career_workforce;

/* Why a gap is NaN. */
typedef enum career_gap_status {
    CAREER_GAP_OK = 0,
    CAREER_GAP_NO_WOMEN = 1,    /* the group has no women                  */
    CAREER_GAP_NO_MEN = 2,      /* the group has no men                    */
    CAREER_GAP_MEN_ZERO = 3,    /* the men's figure is 0: no ratio to it   */
    CAREER_GAP_TOO_FEW = 4,     /* adjusted: no more rows than coefficients */
    CAREER_GAP_NOT_ASKED = 5,   /* adjusted: CAREER_EQUITY_NO_ADJUSTED     */
    CAREER_GAP_CONFOUNDED = 6   /* adjusted: the factors tell the sexes
                                   apart (the indicator is collinear)      */
} career_gap_status;

/* Flags of career_equity_options. */
#define CAREER_EQUITY_NO_ADJUSTED 1u /* no regression per category          */
#define CAREER_EQUITY_DROP 2u        /* a constant or collinear factor
                                        column is dropped (and counted),
                                        not refused                         */

/* The Oaxaca-Blinder twofold's reference coefficients beta*. Group A is
 * the men (career_oaxaca: group[i] != 0), group B the women. */
typedef enum career_oaxaca_reference {
    CAREER_OAXACA_POOLED = 0,  /* Jann (2008): the pooled regression with
                                  a group indicator                        */
    CAREER_OAXACA_NEUMARK = 1, /* Neumark (1988): pooled, no indicator     */
    CAREER_OAXACA_REIMERS = 2, /* Reimers (1983): (beta_A + beta_B) / 2     */
    CAREER_OAXACA_COTTON = 3,  /* Cotton (1988): n_A/n beta_A + n_B/n beta_B */
    CAREER_OAXACA_GROUP_A = 4, /* Oaxaca (1973): beta_A                     */
    CAREER_OAXACA_GROUP_B = 5  /* Blinder (1973): beta_B                    */
} career_oaxaca_reference;

/* Options of the reports, the regression and the decomposition; zero =
 * default for every field. */
typedef struct career_equity_options {
    double threshold;     /* Article 10's gap: 0 = 0.05, else in (0, 1)  */
    size_t suppress;      /* Article 12(3): a group of fewer workers is
                             suppressed; 0 = 5 (1: none is)             */
    unsigned flags;       /* CAREER_EQUITY_*                             */
    career_oaxaca_reference reference; /* the decomposition's twofold   */
    size_t bootstrap;     /* replications for the decomposition's
                             standard errors (seeded bootstrap); 0 = none
                             (NaN), else at least 2                      */
    uint64_t seed;        /* the bootstrap's seed                         */
    uint64_t reserved[8]; /* must be zero                                */
} career_equity_options;

/* Flags of a category (career_eu_category.flags) and of a worker's
 * information (career_worker_info.flags). */
#define CAREER_EU_ASSESS 1u      /* Article 10: |gap| >= the threshold      */
#define CAREER_EU_UNEXPLAINED 2u /* ... and |adjusted gap| >= it too        */
#define CAREER_EU_OVER 4u        /* Article 24's wording: |gap| > it        */
#define CAREER_EU_SUPPRESSED 8u  /* Article 12(3): the women or the men of
                                    the group are fewer than `suppress`:
                                    its figures must not reach workers     */

/* The EU report of Article 9(1) (a)-(f) over the workforce. Pay level
 * (Article 3(1)(b)): gross annual pay, ordinary plus variable, and the
 * same per hour worked. Variable figures ((b), (d)) are over the workers
 * who receive variable pay. The quartile bands (f) are four groups of
 * equal headcount by hourly pay level, shared as the UK's regulation 13
 * shares them (career_uk_report); quartile_women[q] is the share of women
 * among the workers of band q (0 the lowest), and with quartile_men[q]
 * makes 1. `status` says why the gaps of (a) and (c) are NaN,
 * `variable_status` those of (b) and (d). */
typedef struct career_eu_report {
    size_t workers, women, men, not_given;
    double mean_gap_annual, mean_gap_hourly;     /* (a)                   */
    double mean_gap_variable;                    /* (b)                   */
    double median_gap_annual, median_gap_hourly; /* (c)                   */
    double median_gap_variable;                  /* (d)                   */
    double variable_share_women;                 /* (e)                   */
    double variable_share_men;
    double quartile_women[4], quartile_men[4];   /* (f)                   */
    career_gap_status status;
    career_gap_status variable_status;
    size_t assess;      /* categories with CAREER_EU_ASSESS              */
    size_t unexplained; /* ... and CAREER_EU_UNEXPLAINED                 */
    uint64_t reserved[8];
} career_eu_report;

/* One category of workers, (g) and Article 10. Means are of the pay
 * level per hour (the gap Article 10 tests) and per year; gap_basic is
 * the gap of the mean hourly ordinary pay, gap_variable that of the mean
 * variable pay of the category's workers who receive it. adjusted_gap is
 * 1 - e^c, c the female coefficient of the category's regression of ln
 * hourly pay on the factors (career_equity_regress; a factor constant or
 * collinear within the category is dropped there). */
typedef struct career_eu_category {
    size_t women, men, not_given;
    double mean_hourly_women, mean_hourly_men;
    double mean_annual_women, mean_annual_men;
    double gap_hourly, gap_annual;
    double gap_basic, gap_variable;
    career_gap_status status;          /* why the gaps are NaN          */
    double adjusted_gap;
    career_gap_status adjusted_status; /* why adjusted_gap is NaN       */
    unsigned flags;                    /* CAREER_EU_*                   */
    uint64_t reserved[8];
} career_eu_category;

/* The EU report: *report, and categories[c] for each category c
 * (ncategories >= the workforce's, else CAREER_ERR_BUFFER). opts NULL =
 * defaults. CAREER_ERR_ARG / CAREER_ERR_DOMAIN for a bad workforce (see
 * career_workforce) or options, CAREER_ERR_NOMEM. Nothing is written on
 * failure. Memory: 24 bytes a worker, and one regression's sums at a
 * time. Thread-safe. */
CAREER_API CAREER_NODISCARD career_status
career_eu_report_compute(const career_workforce *wf,
                         const career_equity_options *opts,
                         career_eu_report *report,
                         career_eu_category *categories, size_t ncategories,
                         career_error *err);

/* Article 7: what a worker may ask for. Their own pay level, and the
 * mean pay levels of the women and the men of their category; when one of
 * these groups has fewer than `suppress` workers (Article 12(3)) both
 * means are NaN and flags has CAREER_EU_SUPPRESSED. */
typedef struct career_worker_info {
    size_t category;
    double annual, hourly;
    size_t women, men;
    double mean_annual_women, mean_annual_men;
    double mean_hourly_women, mean_hourly_men;
    unsigned flags;
    uint64_t reserved[8];
} career_worker_info;

/* The information of worker `index` (CAREER_ERR_NOT_FOUND past the last).
 * Errors as career_eu_report_compute. */
CAREER_API CAREER_NODISCARD career_status
career_worker_info_compute(const career_workforce *wf,
                           const career_equity_options *opts, size_t index,
                           career_worker_info *out, career_error *err);

/* The batch form: out[i] for worker index[i], i < n, in one pass over the
 * workforce (every worker's information costs no more than one's). Every
 * index is checked before anything is written (CAREER_ERR_NOT_FOUND
 * naming the first past the last worker); n = 0 reads and writes
 * nothing; NULL arrays with n > 0 are CAREER_ERR_ARG. */
CAREER_API CAREER_NODISCARD career_status
career_worker_info_compute_n(const career_workforce *wf,
                             const career_equity_options *opts,
                             const size_t *index, career_worker_info *out,
                             size_t n, career_error *err);

/* The UK report (regulations 8 to 13). Relevant employees: the workers
 * with a sex; full-pay relevant employees: those without
 * CAREER_WORKER_REDUCED_PAY. Hourly rate (reg 6): (ordinary pay + the
 * bonus pro-rated to the pay period) x 7 / days in the period / weekly
 * hours. Mean and median hourly gaps over the full-pay relevant
 * employees; bonus gaps over the relevant employees paid a bonus; bonus
 * shares over the relevant employees. Quartiles (reg 13): the full-pay
 * relevant employees ranked by hourly rate, split into four bands of
 * equal headcount (when the count is not a multiple of 4, the remainder
 * goes to the lower band first, then the upper middle, then the lower
 * middle); employees on the same hourly rate who straddle a boundary are
 * shared between the bands in their own female / male proportion.
 * quartile_women[q] (q = 0 the lower band) is the share of women in band
 * q. Fractions here; career_gpg_percent rounds them as the service takes
 * them. */
typedef struct career_uk_report {
    size_t relevant_women, relevant_men;
    size_t full_pay_women, full_pay_men;
    size_t bonus_women, bonus_men;
    double mean_hourly_gap, median_hourly_gap;
    double mean_bonus_gap, median_bonus_gap;
    double bonus_share_women, bonus_share_men;
    double quartile_women[4], quartile_men[4];
    career_gap_status status;       /* why the hourly gaps are NaN */
    career_gap_status bonus_status; /* why the bonus gaps are NaN  */
    uint64_t reserved[8];
} career_uk_report;

CAREER_API CAREER_NODISCARD career_status
career_uk_report_compute(const career_workforce *wf, career_uk_report *out,
                         career_error *err);

/* A fraction as the UK's service takes it: a percentage to one decimal
 * place, halves away from zero (0.10749 -> 10.7, -0.0125 -> -1.3); NaN
 * stays NaN. */
CAREER_API double career_gpg_percent(double fraction);

/* The adjusted gap: least squares of ln(hourly pay level) on an
 * intercept, the factors (categorical ones as dummies) and a female
 * indicator, over the workers with a sex and a pay level > 0. */
typedef struct career_equity_fit {
    size_t n;            /* rows used                                    */
    size_t columns;      /* coefficients, intercept and female included  */
    size_t dropped;      /* factor columns dropped (CAREER_EQUITY_DROP)  */
    double coefficient;  /* c, the female indicator's                    */
    double std_error, t, p_value; /* two-sided, Student's t, n - columns */
    double r_squared;
    double adjusted_gap; /* 1 - e^c                                      */
    uint64_t reserved[8];
} career_equity_fit;

/* Category for "all the workforce". */
#define CAREER_EQUITY_ALL SIZE_MAX

/* The regression over category `category` (or CAREER_EQUITY_ALL). A
 * factor constant over the rows, or collinear with the factors before it
 * (a dummy of a level no row has included), is CAREER_ERR_FIT naming it
 * ("factors[2] (tier): level 3 is constant over the rows"), unless
 * opts->flags has CAREER_EQUITY_DROP; CAREER_ERR_FIT too when there are no
 * women or no men, or no more rows than coefficients; CAREER_ERR_NOT_FOUND
 * for a category past the last. */
CAREER_API CAREER_NODISCARD career_status
career_equity_regress(const career_workforce *wf,
                      const career_equity_options *opts, size_t category,
                      career_equity_fit *out, career_error *err);

/* The Oaxaca-Blinder decomposition of the gap of mean y between groups A
 * and B: threefold (from B's viewpoint, as Jann 2008 eq. 6)
 *   endowments   (Xa - Xb)' beta_B
 *   coefficients Xb' (beta_A - beta_B)
 *   interaction  (Xa - Xb)' (beta_A - beta_B),
 * and twofold against the reference beta* of opts->reference: explained
 * (Xa - Xb)' beta*, unexplained Xa'(beta_A - beta*) + Xb'(beta* - beta_B)
 * (with POOLED, beta* leaves out the indicator, whose coefficient is
 * group_coefficient: B's, the women's). Standard errors: a seeded
 * bootstrap of opts->bootstrap replications, the rows of each group
 * resampled within it (NaN with 0). */
typedef struct career_oaxaca {
    size_t n_a, n_b;
    size_t terms;        /* detailed terms (career_oaxaca_term)         */
    size_t dropped;      /* columns dropped (CAREER_EQUITY_DROP)        */
    double mean_a, mean_b, gap;
    double endowments, coefficients, interaction;
    double se_endowments, se_coefficients, se_interaction;
    career_oaxaca_reference reference;
    double explained, unexplained;
    double se_explained, se_unexplained;
    double group_coefficient; /* POOLED: the B indicator's; else NaN    */
    uint64_t reserved[8];
} career_oaxaca;

/* Marks the intercept's term. */
#define CAREER_OAXACA_INTERCEPT SIZE_MAX

/* One term of the detailed decomposition: the intercept, a numeric
 * factor, or one level of a categorical factor. The levels' coefficients
 * are normalised (Gardeazabal and Ugidos 2004: they sum to zero over the
 * levels, the intercept taking their mean), so the detailed split does
 * not depend on the reference level; the terms add up to the aggregate
 * figures. A dropped column's term is all zero but its means. */
typedef struct career_oaxaca_term {
    size_t factor;  /* index, or CAREER_OAXACA_INTERCEPT                */
    size_t level;   /* the level of a categorical factor, else 0         */
    double mean_a, mean_b;
    double coef_a, coef_b, coef_ref;
    double endowments, coefficients, interaction;
    double explained, unexplained;
    double se_explained, se_unexplained;
    uint64_t reserved[8];
} career_oaxaca_term;

/* The decomposition of y[0..n) by group[i] (non-zero: A) on x, row-major
 * n x nfactors (row i's factor j at x[i * nfactors + j]), described by
 * factors. terms may be NULL (nterms 0); else nterms must be at least 1 +
 * the numeric factors + the levels of the categorical ones (else
 * CAREER_ERR_BUFFER). Errors: CAREER_ERR_ARG for NULL, NaN, inf, a level
 * out of range ("x[12][1]: ..."); CAREER_ERR_FIT for a group with no more
 * rows than coefficients, or a constant or collinear column within a
 * group (named, unless CAREER_EQUITY_DROP); CAREER_ERR_NOMEM. */
CAREER_API CAREER_NODISCARD career_status
career_oaxaca_compute(const double *y, const unsigned char *group,
                      const double *x, size_t n, const career_factor *factors,
                      size_t nfactors, const career_equity_options *opts,
                      career_oaxaca *out, career_oaxaca_term *terms,
                      size_t nterms, career_error *err);

/* The decomposition of ln(hourly pay level) between the men (A) and the
 * women (B) of category `category` (or CAREER_EQUITY_ALL) on the
 * workforce's factors. Errors as career_oaxaca_compute and
 * career_equity_regress. */
CAREER_API CAREER_NODISCARD career_status
career_equity_decompose(const career_workforce *wf,
                        const career_equity_options *opts, size_t category,
                        career_oaxaca *out, career_oaxaca_term *terms,
                        size_t nterms, career_error *err);

/* Flags of career_remedy_options. */
#define CAREER_REMEDY_ANY_SEX 1u /* raise anyone whose raise narrows the
                                    gap, not the underpaid sex only      */

/* The rules of a remedy; zero = default for every field. */
typedef struct career_remedy_options {
    double target;        /* t: the adjusted gap to reach, |gap| <= t, in
                             [0, 1) (0: closed)                          */
    double max_raise;     /* a raise is at most this share of ordinary
                             pay; 0 = no limit, else > 0                 */
    double floor;         /* annual ordinary pay every raisable worker of
                             the group is lifted to first; 0 = none      */
    unsigned flags;       /* CAREER_REMEDY_*                             */
    uint64_t reserved[8]; /* must be zero                                */
} career_remedy_options;

/* Flags of career_remedy.flags. */
#define CAREER_REMEDY_WITHIN 1u /* the gap was within the target already  */
#define CAREER_REMEDY_UNMET 2u  /* the rules cannot reach the target: every
                                   raisable worker is at the limit        */

/* What the remedy costs. Raises are to annual ordinary pay, in cents. */
typedef struct career_remedy {
    double gap_before, gap_after;        /* adjusted gaps, 1 - e^c       */
    double coef_before, coef_after;
    career_sex raised_sex;               /* NOT_GIVEN when none is raised */
    size_t raised;                       /* workers with a raise          */
    int64_t cost_cents;                  /* the raises' sum, exactly      */
    int64_t floor_cents;                 /* the part that lifts to floor  */
    double multiplier;                   /* lambda of the KKT conditions  */
    double uniform_rate;                 /* the one rate of ordinary pay
                                            that, given to every raisable
                                            worker of raised_sex, reaches
                                            the target (NaN: none does)   */
    int64_t uniform_cost_cents;
    unsigned flags;                      /* CAREER_REMEDY_WITHIN, _UNMET  */
    uint64_t reserved[8];
} career_remedy;

/* The raises of least total cost that bring the adjusted gap of category
 * `category` (or CAREER_EQUITY_ALL) within +-target: the female
 * coefficient c is linear in ln pay, so the problem is convex, and its
 * KKT conditions give every raised worker the new pay lambda w_i (w_i the
 * worker's weight in c), held by their floor and limit; c's move is
 * piecewise linear in ln lambda, and Newton's method in ln lambda lands on
 * the exact lambda (docs/model.md §13.6). Each raise is rounded up to a cent
 * (so the target holds), raise_cents[i] for every worker i of the
 * workforce (0 for those not raised; nraise >= wf->n else
 * CAREER_ERR_BUFFER). Errors as career_equity_regress, and
 * CAREER_ERR_ARG for bad options. Nothing is written on failure. */
CAREER_API CAREER_NODISCARD career_status
career_equity_remedy(const career_workforce *wf,
                     const career_equity_options *opts,
                     const career_remedy_options *rules, size_t category,
                     career_remedy *out, int64_t *raise_cents, size_t nraise,
                     career_error *err);

/* ---- A workforce read from a table (CSV or .xlsx) ------------------------
 *
 * The table readers of the BLS files (RFC 4180 CSV, or the first sheet of
 * an .xlsx), a header row naming the columns (matched without regard to
 * ASCII case, in any order). Cells:
 *   sex       F, female, W, woman -> female; M, male, man -> male; empty,
 *             X, U, N, NA, "not given", "unknown" -> not given; anything
 *             else is an error (a typo must not leave the report quietly)
 *   category  any text but empty (categories in their first row's order)
 *   pay       a number >= 0 (plain decimal: no signs of currency, no
 *             grouping)
 *   period    year, month, week or hour (career_pay_period_parse); empty
 *             or no column: the columns' `period`
 *   hours     weekly, > 0 and <= 168; no column: the columns' `hours`
 *   bonus     a number >= 0; empty or no column: 0
 *   full_pay  1, 0, yes, no, true, false; empty or no column: 1
 *   factors   a number, or for a categorical factor any text but empty
 *             (levels in their first row's order)
 * Errors are CAREER_ERR_PARSE naming the file, the row (err->line), the
 * column (err->column, 1-based) and its name; CAREER_ERR_IO,
 * CAREER_ERR_NOMEM. */

/* The columns' names (NULL = the name in brackets) and what to assume
 * without them. Zero = default for every field. */
typedef struct career_workforce_columns {
    const char *id;         /* [id]       optional                     */
    const char *sex;        /* [sex]      required                     */
    const char *category;   /* [category] optional: one category, "all" */
    const char *pay;        /* [pay]      required                     */
    const char *period;     /* [period]   optional                     */
    const char *hours;      /* [hours]    required unless hours_default */
    const char *bonus;      /* [bonus]    optional                     */
    const char *full_pay;   /* [full_pay] optional                     */
    const char *const *factors;     /* the factor columns, in order      */
    size_t nfactors;
    const char *const *categorical; /* factors read as levels even when
                                       their cells are numbers           */
    size_t ncategorical;
    career_pay_period period_default; /* without a period column        */
    double hours_default;   /* weekly hours without an hours column (0:
                               the column is required)                   */
    uint64_t reserved[8];   /* must be zero                              */
} career_workforce_columns;

/* A workforce read from a table; opaque, immutable once open. */
typedef struct career_workforce_table career_workforce_table;

/* Reads the table at path (cols NULL = the default names). A factor is
 * numeric when every one of its cells is a number and it is not in
 * cols->categorical, else categorical. On failure *out is NULL. */
CAREER_API CAREER_NODISCARD career_status
career_workforce_open(const char *path, const career_workforce_columns *cols,
                      career_workforce_table **out, career_error *err);

/* The same for n bytes in memory; `name` labels them (NULL = "<table>"). */
CAREER_API CAREER_NODISCARD career_status
career_workforce_open_memory(const void *data, size_t n, const char *name,
                             const career_workforce_columns *cols,
                             career_workforce_table **out, career_error *err);

/* Frees a table; NULL is a no-op. */
CAREER_API void career_workforce_close(career_workforce_table *table);

/* The table as a workforce for the functions above: every pointer points
 * into the table (valid until it is closed). */
CAREER_API void career_workforce_of(const career_workforce_table *table,
                                    career_workforce *out);

/* The row of the file worker `index` was read from (0 past the last). */
CAREER_API long career_workforce_row(const career_workforce_table *table,
                                     size_t index);

#ifdef __cplusplus
}
#endif

#endif /* CAREER_H */
