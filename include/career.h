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

#define CAREER_VERSION_MAJOR 0
#define CAREER_VERSION_MINOR 1
#define CAREER_VERSION_PATCH 0
#define CAREER_VERSION_STRING "0.1.0"
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

/* The version of the library actually linked, e.g. "0.1.0". Never NULL. */
CAREER_API const char *career_version_string(void);

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
    CAREER_ERR_BUFFER = 8     /* the caller's output buffer is too small     */
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
    uint64_t reserved[8];
} career_profile;

/* The built-in Performance Architect profile (US, USD per year), compiled
 * into the library. Static storage: never free it. Never NULL. */
CAREER_API const career_profile *career_profile_default(void);

/* Checks a profile against every rule a model needs: at least one tier, the
 * first at 0 years, min_years strictly increasing, anchors finite, >= 0 and
 * strictly increasing among tiers with a salary, salaries finite and > 0 where
 * present, at least 2 salaries, quantile p strictly inside (0,1) and
 * increasing with increasing salaries, demand growth > -1 over years > 0.
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
    CAREER_INTERP_AUTO = 0, /* steffen with >= 3 points, linear with 2    */
    CAREER_INTERP_STEFFEN,  /* monotone: never overshoots, never dips     */
    CAREER_INTERP_LINEAR,
    CAREER_INTERP_CSPLINE,  /* natural cubic spline                       */
    CAREER_INTERP_AKIMA,    /* needs >= 5 points                          */
    CAREER_INTERP_MINCER    /* least squares ln m = a + b x + c x^2        */
} career_interp;

typedef enum career_extrap {
    CAREER_EXTRAP_CLAMP = 0, /* flat at the end values beyond the anchors */
    CAREER_EXTRAP_EXTEND     /* continue the end slope, never below 0     */
} career_extrap;

typedef enum career_dist {
    CAREER_DIST_AUTO = 0,  /* metalog with >= 3 quantiles, else lognormal */
    CAREER_DIST_METALOG,   /* log-metalog, Keelin (2016)                   */
    CAREER_DIST_LOGNORMAL
} career_dist;

/* Options of a model. Zero = default for every field. */
typedef struct career_options {
    career_interp interp;
    career_extrap extrap;
    career_dist dist;
    double dispersion;      /* d of the band at x years; 0 = 1 (must be > 0) */
    double location_factor; /* multiplies every salary; 0 = 1 (must be > 0)  */
} career_options;

typedef struct career_model career_model;

/* Builds a model from a profile (which it validates and copies: the caller
 * may free its profile afterwards) and options (NULL = defaults). On success
 * *out owns a new model; on failure *out is NULL and err (if given) says why:
 * CAREER_ERR_ARG (invalid profile or options), CAREER_ERR_FIT (e.g. akima
 * with < 5 points, a metalog that is not increasing), CAREER_ERR_NOMEM.
 * One case escapes the status: the few hundred bytes GSL allocates for the
 * fits are reported by GSL itself, through its error handler, if malloc
 * fails; its default handler aborts. A host that must survive that installs
 * its own handler (the library never touches it). */
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

/* m(years[i]) for i < n into salary[i]. Stops at the first bad year and
 * returns its status (CAREER_ERR_ARG or CAREER_ERR_DOMAIN); salary[] is then
 * unspecified. n = 0 is allowed (nothing is read or written). */
CAREER_API CAREER_NODISCARD career_status
career_salary_at_n(const career_model *model, const double *years,
                   double *salary, size_t n);

/* d ln m / dx at x years: the raise experience alone gives, per year. */
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

/* Q(p), the market salary at quantile p in (0,1). */
CAREER_API CAREER_NODISCARD career_status
career_market_quantile(const career_model *model, double p, double *salary);

/* F(s), the share of the market earning at most `salary` (> 0); the inverse
 * of career_market_quantile to 1e-12. */
CAREER_API CAREER_NODISCARD career_status
career_market_percentile(const career_model *model, double salary, double *p);

/* Q_x(p) = m(x) (Q(p)/Q(1/2))^d: the market's shape centred on the curve. */
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

/* Compa-ratio s / m(x) (1 = paid the median of one's experience). */
CAREER_API CAREER_NODISCARD career_status
career_compa_ratio(const career_model *model, double years, double salary,
                   double *ratio);

/* Range penetration (s - Q_x(0.10)) / (Q_x(0.90) - Q_x(0.10)): 0 at the
 * band's p10, 1 at its p90; may be outside [0,1]. */
CAREER_API CAREER_NODISCARD career_status
career_range_penetration(const career_model *model, double years,
                         double salary, double *penetration);

/* The fitted market distribution, for reports and tests. */
typedef struct career_market_fit {
    career_dist dist;  /* METALOG or LOGNORMAL */
    size_t nterms;     /* metalog terms (0 for lognormal) */
    double a[9];       /* metalog coefficients of ln S    */
    double mu, sigma;  /* lognormal parameters of ln S    */
} career_market_fit;

CAREER_API void career_market_fit_info(const career_model *model,
                                       career_market_fit *out);

/* ------------------------------------------------------------------------ */
/* Units: periods of pay and growth rates (no model needed).                 */
/* ------------------------------------------------------------------------ */

typedef enum career_period {
    CAREER_PER_YEAR = 0,
    CAREER_PER_MONTH,
    CAREER_PER_HOUR
} career_period;

/* Working time for hourly figures. Zero fields = 40 h x 52 weeks (2,080 h,
 * the BLS convention). */
typedef struct career_hours {
    double hours_per_week;
    double weeks_per_year;
} career_hours;

/* Converts an amount per `from` into an amount per `to`. hours may be NULL. */
CAREER_API CAREER_NODISCARD career_status
career_convert_period(double amount, career_period from, career_period to,
                      const career_hours *hours, double *out);

/* Parses "year", "month" or "hour" (also "annual", "monthly", "hourly",
 * any case). CAREER_ERR_NOT_FOUND for anything else. */
CAREER_API CAREER_NODISCARD career_status
career_period_parse(const char *text, career_period *out);

/* The annual rate g = (1+G)^(1/T) - 1 of a growth G over T years
 * (G > -1, T > 0). 10 % over 10 years is 0.9576583 % a year. */
CAREER_API CAREER_NODISCARD career_status
career_annual_rate(double growth, double years, double *rate);

/* ------------------------------------------------------------------------ */
/* Projections: how a career grows (lib/project.c).                          */
/* ------------------------------------------------------------------------ */

#define CAREER_MAX_HORIZON 100
/* Marks a tier or target that is not reached within the horizon. */
#define CAREER_NEVER (-1)

/* Options of a projection; zero = default for every field. */
typedef struct career_projection_options {
    double start_years;   /* x0 (0)                                         */
    double start_salary;  /* s0; 0 = the curve median m(x0)                 */
    unsigned horizon;     /* H years after the start; 0 = 10; at most 100   */
    double growth;        /* demand growth G over growth_years; used only   */
    double growth_years;  /* when growth_years > 0, else the profile's      */
    double elasticity;    /* wages' response to demand, 0 = 1               */
    double inflation;     /* pi a year (0)                                  */
    double discount;      /* r a year, for present values (0)               */
} career_projection_options;

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
 * CAREER_ERR_BUFFER and nothing is written). opts NULL = defaults. */
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
 * growths over the same years, growth[0..2] (NULL = G x 0.5, G, G x 1.5 with
 * G the growth opts resolves to). rows holds 3 consecutive blocks of
 * nrows_each >= H+1 rows each. */
CAREER_API CAREER_NODISCARD career_status
career_project_scenarios(const career_model *model,
                         const career_projection_options *opts,
                         const double *growth, career_projection_row *rows,
                         size_t nrows_each);

/* ------------------------------------------------------------------------ */
/* Monte Carlo projections (lib/simulate.c).                                 */
/* ------------------------------------------------------------------------ */

/* Flags of career_simulation_options. */
#define CAREER_SIM_NO_SHOCKS 1u  /* sigma = 0: no yearly salary shocks   */
#define CAREER_SIM_FIXED_PACE 2u /* sigma_v = 0: everyone's pace is 1    */

/* Progress callback, called from the calling thread with the share done in
 * [0,1]; it is informational and cannot stop the run. */
typedef void (*career_progress_fn)(void *context, double done);

/* Options of a Monte Carlo run; zero = default for every field. */
typedef struct career_simulation_options {
    size_t paths;        /* N (10,000)                                      */
    uint64_t seed;       /* the same seed gives bit-identical results       */
    unsigned threads;    /* worker threads (1); results do not depend on it */
    double volatility;   /* sigma of the yearly log-salary shocks (0.05)    */
    double pace_sd;      /* sigma_v of the log pace of a career (0.25)      */
    unsigned flags;      /* CAREER_SIM_*                                    */
    career_progress_fn progress; /* NULL = none                             */
    void *progress_context;
} career_simulation_options;

/* The fan of year t: mean and quantiles of the nominal salary over the
 * paths, and for each tier the share of paths that have reached it. */
typedef struct career_band {
    unsigned year;
    double mean, p10, p25, p50, p75, p90;
    double tier_share[CAREER_MAX_TIERS];
} career_band;

/* Runs N paths for years 0..H (H from opts) and fills bands[0..H]
 * (nbands >= H+1, else CAREER_ERR_BUFFER and nothing is written).
 * Memory O(N + H). CAREER_ERR_NOMEM if the work space cannot be had. */
CAREER_API CAREER_NODISCARD career_status
career_simulate(const career_model *model,
                const career_projection_options *opts,
                const career_simulation_options *sim, career_band *bands,
                size_t nbands);

/* ------------------------------------------------------------------------ */
/* Profiles as JSON (lib/json.c) and career-guide text (lib/guide.c).        */
/* ------------------------------------------------------------------------ */

/* Load a profile from JSON: one profile object, or an array of them from
 * which `role` picks one (ASCII letters compared without case; NULL = the
 * only one). The result is validated; free it with career_profile_free; on
 * failure *out is NULL. Status: CAREER_ERR_PARSE for syntax (err->source,
 * line and column, from jansson: the column is that of the bad token's last
 * character) and for meaning (err->text starts with the JSON path, e.g.
 * "[1].tiers[2].min_years: ..."; line and column are 0, as jansson keeps no
 * positions of values); CAREER_ERR_IO when the file cannot be read;
 * CAREER_ERR_NOT_FOUND when no profile has that role, and CAREER_ERR_ARG
 * when the file holds several and no role is given (both list the roles). */
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
 * strings, all in one allocation freed with a single free(*roles). */
CAREER_API CAREER_NODISCARD career_status
career_profile_list_roles(const char *path, char ***roles, size_t *count,
                          career_error *err);

/* The profile as pretty JSON with a stable key order; *json is freed with
 * free(). Loading it gives the same model exactly. */
CAREER_API CAREER_NODISCARD career_status
career_profile_to_json(const career_profile *profile, char **json,
                       career_error *err);

CAREER_API CAREER_NODISCARD career_status
career_profile_save_file(const career_profile *profile, const char *path,
                         career_error *err);

/* Imports the plain text of a career guide (the format of the seed guide):
 * role, region, currency, salary range and levels, growth rate and the
 * "Career Path Tiers" section. What cannot be found is CAREER_ERR_PARSE
 * naming the missing part. `len` bytes of `text` are read (no NUL needed). */
CAREER_API CAREER_NODISCARD career_status
career_guide_import(const char *text, size_t len, career_profile **out,
                    career_error *err);

/* ------------------------------------------------------------------------ */
/* Statistical tables: BLS OEWS and Employment Projections (lib/oews.c,      */
/* lib/ep.c, lib/ladder_template.c; files read by lib/csv.c and lib/xlsx.c). */
/* ------------------------------------------------------------------------ */

/* The tables are read as BLS publishes them: CSV (RFC 4180, a header row,
 * as a spreadsheet or xlsx2csv exports it) or .xlsx read directly, the
 * format told by the file's first bytes. Both are streamed: memory grows
 * with the rows kept, never with the file. Errors name the file, the row
 * (err->line), the column (err->column, 1-based) and the column's name. A
 * table is immutable once open and may be read from any number of threads
 * at once. Reading an .xlsx uses libxml2, which keeps global tables of its
 * own: as libxml2 asks, a program that opens tables from several threads
 * at once calls xmlInitParser() first, and one that checks for leaks at
 * exit calls xmlCleanupParser() last (both from <libxml/parser.h>). */

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
 * percentiles (in (0,1)) strictly increasing. CAREER_ERR_PARSE naming the
 * JSON path, CAREER_ERR_IO, CAREER_ERR_NOMEM. Free with
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
    uint64_t reserved[8]; /* must be zero */
} career_oews_options;

typedef struct career_oews_table career_oews_table;

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
 * row and column. opts NULL = defaults. On failure *out is NULL. */
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
 * 10 years. Everything assumed or dropped is in the profile's notes.
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

/* Reads an EP table (CSV or .xlsx; title rows above the header are
 * skipped). Columns are found by their header text: the code ("... code"),
 * the title ("... title"), the percent change ("Employment change, percent,
 * 2023-33": the years come from it) and, where present, the occupational
 * separations rate. Errors as career_oews_open. */
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

#ifdef __cplusplus
}
#endif

#endif /* CAREER_H */
