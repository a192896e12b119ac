/*
 * internal.h - what the files of lib/ share and nothing outside sees.
 * Every name here is careerp_; the public API is in include/career.h.
 */
#ifndef CAREER_INTERNAL_H
#define CAREER_INTERNAL_H

#include "career.h"

#include <math.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define CAREERP_PRINTF(f, a) __attribute__((format(printf, f, a)))
/* For small kernels that must be specialised at each call site. */
#define CAREERP_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define CAREERP_PRINTF(f, a)
#define CAREERP_ALWAYS_INLINE inline
#endif

/* Kernels built twice on x86-64, for AVX2 and for the baseline, the loader
 * picking the one the processor has (GCC's function multi-versioning). Only
 * for kernels whose results do not depend on the choice: integer counts,
 * or the same IEEE operations in the same order (AVX2 alone enables no FMA
 * contraction). Such functions must be static, or their resolver would be
 * exported. Off under sanitizers and in the coverage build, where a second
 * clone would never run. */
/* The loader's choice is an ifunc: only ELF with glibc has them (musl has
 * none, and GCC then rejects target_clones). __GLIBC__ comes from
 * <features.h>, which career.h's <stdio.h> has included. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) &&      \
    defined(__ELF__) && defined(__GLIBC__) &&                              \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) &&      \
    !defined(CAREERP_NO_CLONES)
#define CAREERP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CAREERP_CLONES
#endif

/* ---- error.c ---------------------------------------------------------- */

/* Clears a record at the start of a call (err may be NULL). */
void careerp_error_reset(career_error *err);

/* Records a failure (the first one of a call wins) and returns `status`, so
 * that `return careerp_fail(err, CAREER_ERR_ARG, "...")` reads as one step. */
career_status careerp_fail(career_error *err, career_status status,
                           const char *fmt, ...) CAREERP_PRINTF(3, 4);

/* The same, about a place in a text (line and column are 1-based). */
career_status careerp_fail_at(career_error *err, career_status status,
                              const char *source, int line, int column,
                              const char *fmt, ...) CAREERP_PRINTF(6, 7);

/* The same with a va_list, the text being `prefix` then fmt's: for the
 * error helpers of the readers of texts (JSON paths, guide lines). */
career_status careerp_vfail_at(career_error *err, career_status status,
                               const char *source, int line, int column,
                               const char *prefix, const char *fmt,
                               va_list ap) CAREERP_PRINTF(7, 0);

/* Validates and copies a profile read from a text (a JSON file, a guide):
 * a validation failure is an error of that text, CAREER_ERR_PARSE (other
 * statuses kept), its message behind `prefix`, at `source`. */
career_status careerp_copy_read_profile(const career_profile *draft,
                                        career_profile **out,
                                        career_error *err, const char *source,
                                        const char *prefix);

/* A failed system call about a file: "path: what: reason" at `path`.
 * ENOMEM (an fopen or fdopen that could not get memory) is
 * CAREER_ERR_NOMEM; any other errno CAREER_ERR_IO. */
career_status careerp_fail_errno(career_error *err, const char *path,
                                 const char *what, int errnum);

/* Status of a double argument with a lower bound: NaN and inf are bad
 * arguments; finite values below `floor` (or at it, when `open`) are
 * outside the domain. */
static inline career_status careerp_check_min(double v, double floor,
                                              int open)
{
    if (!isfinite(v))
        return CAREER_ERR_ARG;
    return v < floor || (open && v == floor) ? CAREER_ERR_DOMAIN : CAREER_OK;
}

/* Status of an options struct's reserved slots: CAREER_ERR_ARG naming
 * "options.reserved[i]" for the first that is not zero (model.c). */
career_status careerp_check_reserved(const uint64_t *reserved, size_t n,
                                     career_error *err);
#define CAREERP_NRESERVED(s) (sizeof (s)->reserved / sizeof (s)->reserved[0])

/* Status of a years argument: finite and >= 0. */
static inline career_status careerp_check_years(double years)
{
    return careerp_check_min(years, 0.0, 0);
}

/* ---- profile.c -------------------------------------------------------- */

/* Whether text[0..n) is UTF-8 without NUL bytes, overlong forms or
 * surrogates. */
int careerp_utf8_valid(const char *text, size_t n);

/* ---- lsq.c ------------------------------------------------------------ */

#define CAREERP_LSQ_MAX_ROWS 16 /* >= CAREER_MAX_TIERS, CAREER_MAX_QUANTILES */
#define CAREERP_LSQ_MAX_COLS 9
/* A matrix whose columns, scaled to unit length, have a smallest singular
 * value at most RCOND times the largest counts as rank deficient: at that
 * condition (1e10) the 1e-16 rounding of the inputs alone moves the
 * coefficients by 1e-6, and a set of points that is exactly deficient
 * (symmetric metalog points) lands there after any tiny move. */
#define CAREERP_LSQ_RCOND 1e-10

enum { CAREERP_LSQ_OK = 0, CAREERP_LSQ_RANK = 1 };

/* Least squares: coef[0..p) minimising |X coef - y| for the n x p matrix X
 * (row-major, long double so that the caller's basis keeps its digits) and
 * y[0..n), p <= n. Allocates nothing. Returns CAREERP_LSQ_OK, or
 * CAREERP_LSQ_RANK (coef unspecified) when X is rank deficient in the sense
 * of CAREERP_LSQ_RCOND, has a zero or non-finite column, or the sizes are
 * out of range. */
int careerp_least_squares(const long double *X, const long double *y,
                          size_t n, size_t p, double *coef);

/* ---- curve.c ---------------------------------------------------------- */

/* The experience curve as a table of cubics: on segment i, for
 * t = x - x[i] in [0, x[i+1] - x[i]], m = y[i] + t (b[i] + t (c[i] + t d[i])).
 * Mincer curves keep their three log coefficients instead. */
typedef struct careerp_curve {
    career_interp method; /* resolved: never AUTO */
    career_extrap extrap;
    size_t n;             /* knots, >= 2 */
    double x[CAREER_MAX_TIERS];
    double y[CAREER_MAX_TIERS];
    double b[CAREER_MAX_TIERS];
    double c[CAREER_MAX_TIERS];
    double d[CAREER_MAX_TIERS];
    double mincer[3];     /* ln m = mincer[0] + mincer[1] x + mincer[2] x^2 */
    double slope_lo;      /* dm/dx at x[0] and x[n-1] */
    double slope_hi;
    double ext_lo;        /* the slopes applied beyond the ends: the end */
    double ext_hi;        /* slopes for EXTEND, 0 for CLAMP              */
    double floor;         /* 0 for EXTEND (never below 0), else -DBL_MAX */
} careerp_curve;

/* Fits the curve through n points (x strictly increasing, y > 0). */
career_status careerp_curve_build(careerp_curve *curve, const double *x,
                                  const double *y, size_t n,
                                  career_interp method, career_extrap extrap,
                                  career_error *err);

/* m(x) and dm/dx for a finite x >= 0 (the caller checks). */
double careerp_curve_eval(const careerp_curve *curve, double x);
double careerp_curve_deriv(const careerp_curve *curve, double x);

/* m(x[i]) into out[i] for i < n. Returns non-zero if some x[i] is not a
 * finite number >= 0, or some m(x[i]) overflowed (out[] is then
 * unspecified). */
int careerp_curve_eval_n(const careerp_curve *curve, const double *x,
                         double *out, size_t n);

/* The smallest x >= 0 with m(x) >= s (s finite). */
career_status careerp_curve_inverse(const careerp_curve *curve, double s,
                                    double *x);

/* ---- dist.c ----------------------------------------------------------- */

#define CAREERP_METALOG_MAX_TERMS 9
/* The metalog's table covers z = ln(p/(1-p)) in [Z0, -Z0]; its inverse holds
 * z at INVERSE evenly spaced values of ln S between M(Z0) and M(-Z0). */
#define CAREERP_DIST_Z0 (-40.0)
#define CAREERP_DIST_INVERSE 512

typedef struct careerp_dist {
    career_dist kind; /* resolved: never AUTO */
    size_t k;         /* metalog terms */
    double a[CAREERP_METALOG_MAX_TERMS];
    double alpha[5], beta[4]; /* M = A(u) + z B(u), polynomials in u */
    double mu, sigma;  /* lognormal */
    double log_median; /* ln Q(1/2) */
    double lmin, lmax, inv_step;            /* M(Z0), M(-Z0), 1 / step */
    double inverse[CAREERP_DIST_INVERSE];   /* z at evenly spaced ln S */
    double inverse_slope[CAREERP_DIST_INVERSE]; /* dz/d ln S there */
} careerp_dist;

/* Fits the distribution to n quantile points (validated by the caller). */
career_status careerp_dist_build(careerp_dist *dist, const career_quantile *q,
                                 size_t n, double scale, career_dist kind,
                                 career_error *err);

/* ln Q(p) for p in (0,1), and F(s) for s > 0 (the caller checks). */
double careerp_dist_log_quantile(const careerp_dist *dist, double p);
double careerp_dist_cdf_log(const careerp_dist *dist, double log_s);

/* ---- calibrate.c ------------------------------------------------------ */

/* The years of a working life, the upper end of the experience density. */
#define CAREERP_WORK_YEARS 45.0
/* The mixture's quadrature: Gauss-Legendre of this order on pieces
 * between the anchors, cut to at most CAREERP_MIX_PIECE years and to
 * CAREERP_MIX_WIDTHS widths of the band's step (see calibrate.c). */
#define CAREERP_MIX_ORDER 12
#define CAREERP_MIX_PIECE 2.5
#define CAREERP_MIX_WIDTHS 4.0

/* The workforce's experience as quadrature nodes: years x, the Gauss
 * weights gw, ln m(x), and w = gw times the density w(x); n nodes in one
 * block (x is its start). */
typedef struct careerp_mixture {
    size_t n;
    double *x, *gw, *log_m, *w;
} careerp_mixture;

typedef struct careerp_pieces careerp_pieces;

typedef struct careerp_calibration {
    double dispersion, separation, decay, mean_years;
    career_separation_source source;
    double mixture_p[CAREER_MAX_QUANTILES]; /* F_mix at the market's s_i */
    careerp_mixture mix;                    /* the result's nodes (owned) */
} careerp_calibration;

/* The pieces of [0, X] of a curve, for a market's spread. */
void careerp_pieces_init(careerp_pieces *pc, const careerp_curve *curve,
                         const careerp_dist *dist);
/* The nodes the quadrature takes at dispersion d, and those nodes. */
size_t careerp_mixture_size(const careerp_pieces *pc, double d);
void careerp_mixture_nodes(careerp_mixture *mix, const careerp_pieces *pc,
                           const careerp_curve *curve, double d);
/* The weights w for the density's lambda = g + delta. */
void careerp_mixture_weigh(careerp_mixture *mix, double lambda);
/* F_mix(s) at ln s, with the band's dispersion d and mix's weights. */
double careerp_mixture_cdf(const careerp_mixture *mix, const careerp_dist *dist,
                           double d, double log_s);
/* Frees a mixture's block (NULL-safe; leaves it empty). */
void careerp_mixture_free(careerp_mixture *mix);

/* Calibrates model->opts.dispersion (0: fitted, from the start d0) and the
 * separation rate (fitted from delta0 unless the profile gives it) into
 * model->calibration, replacing what was there; the curve and the
 * distribution must be built. CAREER_ERR_FIT or CAREER_ERR_NOMEM. */
career_status careerp_calibrate(career_model *model, double d0,
                                double delta0, career_error *err);

/* ---- model.c ---------------------------------------------------------- */

struct career_model {
    career_profile *profile; /* own copy, as given */
    career_options opts;     /* resolved */
    size_t ntiers;
    double min_years[CAREER_MAX_TIERS];
    double tier_salary[CAREER_MAX_TIERS]; /* scaled; NaN where none */
    careerp_curve curve;                  /* on scaled salaries */
    careerp_dist dist;                    /* on scaled salaries */
    double demand_rate;                   /* annual rate of the profile's */
    careerp_calibration calibration;
};

/* The tier index at a checked `years`. */
size_t careerp_tier_at(const career_model *model, double years);

/* ---- project.c -------------------------------------------------------- */

/* A projection's options, checked and resolved (zeros replaced by defaults),
 * shared by the deterministic projection and the Monte Carlo. */
typedef struct careerp_plan {
    double x0;           /* start years */
    double s0;           /* the start salary (m(x0) when not given) */
    double c;            /* s0 / m(x0): the start against the curve */
    unsigned horizon;    /* H */
    double growth;       /* demand growth G over growth_years (resolved) */
    double growth_years;
    double rate;         /* g = (1+G)^(1/T) - 1 */
    double elasticity;   /* epsilon */
    double inflation;    /* pi */
    double discount;     /* r */
    /* The logarithms of the yearly factors, so that year t's are exp(t k):
     * eps ln(1+g) (demand), ln(1+pi) (prices), ln(1+r) (discounting). */
    double log_wage, log_prices, log_discount;
} careerp_plan;

/* Checks opts (NULL = defaults) and fills plan: CAREER_ERR_ARG for NaN, inf
 * and a horizon above CAREER_MAX_HORIZON, CAREER_ERR_DOMAIN for finite values
 * out of range (negative years, salary, elasticity; rates <= -1). */
career_status careerp_plan_resolve(const career_model *model,
                                   const career_projection_options *opts,
                                   careerp_plan *plan);

/* c (1+g)^(eps t) (1+pi)^t: what multiplies m(x_t) in nominal year t. */
double careerp_plan_factor(const careerp_plan *plan, unsigned t);

/* ---- select.c --------------------------------------------------------- */

/* The quantiles p[0..np) (np <= 8, each in [0,1], increasing) of a[0..n),
 * n >= 1, no NaN, by linear interpolation between order statistics: with
 * h = (n-1) p, q = a_(floor h) + (h - floor h) (a_(floor h + 1) - a_(floor h)),
 * a_(k) the k-th smallest (0-based; R's and numpy's default, "type 7").
 * Found by selection, not sorting. With scratch (at least
 * careerp_quantile_scratch(n) doubles; NULL = none) large inputs take one
 * pass that brackets each quantile from a sample and selects inside the
 * brackets, leaving a[] as it was; otherwise, or when a bracket misses
 * (ties, unlucky sample), a multi-rank quickselect reorders a[]. The result
 * is the same either way. */
void careerp_quantiles(double *a, size_t n, const double *p, size_t np,
                       double *q, double *scratch, size_t nscratch);
size_t careerp_quantile_scratch(size_t n);

/* ---- csv.c, xlsx.c: tables read one row at a time ---------------------- */

/* One row of a table: n cells, cell[i] NUL-terminated text of len[i]
 * bytes (empty for an empty cell), valid until the next read. `number` is
 * the row's number in the file (the CSV line where it starts, the sheet's
 * row number). */
typedef struct careerp_row {
    size_t n;
    char *const *cell;
    const size_t *len;
    long number;
} careerp_row;

/* A source of rows: a CSV file or one sheet of an .xlsx workbook. `next`
 * returns CAREER_OK with a row, CAREER_ERR_NOT_FOUND at the end, or an
 * error (recorded in err with the file and row). */
typedef struct careerp_rows careerp_rows;
struct careerp_rows {
    career_status (*next)(careerp_rows *rows, careerp_row *row,
                          career_error *err);
    void (*close)(careerp_rows *rows);
    const char *name; /* the file, for errors */
    int ragged;       /* rows may leave out empty cells at their end */
};

/* Opens sheet `sheet` (0-based; a CSV file has only sheet 0) of the file
 * at path, or of the n bytes at data when path is NULL (`name` labels them
 * in errors). An .xlsx is recognised by its first bytes (a zip archive).
 * CAREER_ERR_NOT_FOUND when there is no such sheet. */
career_status careerp_rows_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err);

/* Closes rows (NULL: no-op). */
void careerp_rows_close(careerp_rows *rows);

/* The CSV and .xlsx readers behind careerp_rows_open. */
career_status careerp_csv_open(const char *path, const void *data, size_t n,
                               const char *name, careerp_rows **out,
                               career_error *err);
career_status careerp_xlsx_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err);

/* A growing row: cells appended byte by byte, shared by both readers. */
typedef struct careerp_rowbuf {
    char *text;       /* the cells' bytes, each followed by a NUL */
    size_t used, cap;
    size_t *start;    /* offset of each cell in text */
    size_t *len;
    char **cell;
    size_t n, ncap;
    int unbounded;    /* no row limits (the shared strings of a workbook) */
} careerp_rowbuf;

/* The limits of one row, so that a hostile file cannot exhaust memory. */
#define CAREERP_ROW_MAX_BYTES ((size_t)1 << 20)
#define CAREERP_ROW_MAX_CELLS ((size_t)4096)

career_status careerp_rowbuf_byte(careerp_rowbuf *b, char c);
career_status careerp_rowbuf_bytes(careerp_rowbuf *b, const char *s,
                                   size_t n);
career_status careerp_rowbuf_end_cell(careerp_rowbuf *b);
/* Points row at the cells gathered (their pointers fixed from here). */
void careerp_rowbuf_row(careerp_rowbuf *b, careerp_row *row, long number);
void careerp_rowbuf_clear(careerp_rowbuf *b);
void careerp_rowbuf_free(careerp_rowbuf *b);

/* ---- oews.c, ep.c: statistical tables ------------------------------------ */

/* ASCII case-insensitive comparison of cell text with a name. */
int careerp_cell_is(const char *cell, const char *name);

/* Appends s (with its NUL) to the growing text buffer *buf of *used bytes
 * in *cap, and gives its offset in *at: the tables keep their strings
 * there. CAREER_ERR_NOMEM leaves the buffer as it was. */
career_status careerp_text_add(char **buf, size_t *used, size_t *cap,
                               const char *s, size_t *at);

/* A numeric cell of a BLS table: *mark is 0 for a value (thousands
 * separators dropped), 1 for not available ("*", "**", "~", empty), 2 for
 * top-coded ("#"). Returns 0 when the text is none of these. */
int careerp_cell_number(const char *cell, double *value, int *mark);

/* A ladder template (ladder_template.c): tiers and the market percentile
 * of each tier's median. Names live in the struct: no allocation but the
 * struct itself. */
#define CAREERP_TEMPLATE_NAME 96
struct career_ladder_template {
    size_t n;
    char name[CAREER_MAX_TIERS][CAREERP_TEMPLATE_NAME];
    double min_years[CAREER_MAX_TIERS];
    double anchor_years[CAREER_MAX_TIERS];
    double percentile[CAREER_MAX_TIERS];
    char title[160];
};

#endif /* CAREER_INTERNAL_H */
