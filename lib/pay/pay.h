/* pay/pay.h - pay (lib/pay/): the merit policy as policy.c loads it and
 * merit.c and merit_project.c use it. Only lib/pay/ and its tests include
 * this; every name is careerp_. */
#ifndef CAREER_PAY_H
#define CAREER_PAY_H

#include "plan/plan.h"

/* Salaries and range ends at or above this are refused: their cents stay
 * exact in a double and their sums in an int64_t. */
#define CAREERP_SALARY_LIMIT 1e12

/* Internal limits of a policy (the public API has no array of these). */
#define CAREERP_MAX_RATINGS 16
#define CAREERP_MAX_POSITIONS 16

typedef enum careerp_range_method {
    CAREERP_RANGE_QUANTILES = 0, /* min, max = Q_anchor(low), Q_anchor(high) */
    CAREERP_RANGE_SPREAD = 1     /* min = mid / (1 + s/2), max = min (1 + s) */
} careerp_range_method;

typedef enum careerp_basis {
    CAREERP_BASIS_PENETRATION = 0, /* (s - min) / (max - min)               */
    CAREERP_BASIS_COMPA = 1        /* s / mid                               */
} careerp_basis;

struct career_merit_policy {
    size_t nratings;
    size_t npositions;
    char *names[CAREERP_MAX_RATINGS];        /* after the struct            */
    unsigned char eligible[CAREERP_MAX_RATINGS];
    double matrix[CAREERP_MAX_RATINGS * CAREERP_MAX_POSITIONS]; /* r*P + p */
    careerp_basis basis;
    double edges[CAREERP_MAX_POSITIONS - 1]; /* increasing, npositions - 1  */
    careerp_range_method range_method;
    double q_low, q_high; /* band quantiles of the range (QUANTILES)        */
    double spread;        /* range spread (SPREAD)                          */
    int lift;             /* lift to the minimum                            */
    int lift_counts;      /* lifts count against the budget                 */
    double max_raise;     /* INFINITY: none                                 */
    int lump_above_max;   /* merit past the maximum paid as a lump sum      */
    size_t min_raise_from; /* first rating with a minimum raise (SIZE_MAX)  */
    double min_raise;
    double budget_rate;   /* share of the eligible payroll                  */
    double spread_lo, spread_hi;   /* structure limits, for warnings        */
    double prog_lo, prog_hi;
    double overlap_max;
    /* the rating names follow the struct, in the same allocation */
};

/* The ranges of the model's tiers under the policy, in year 0 (ntiers
 * entries each). CAREER_ERR_DOMAIN when one cannot be formed. */
career_status careerp_merit_ranges(const career_model *model,
                                   const career_merit_policy *policy,
                                   double *min, double *mid, double *max);

/* ---- the cycle's pieces, shared by the cycle and the projection ------- */

#define CAREERP_MAX_CELLS (CAREERP_MAX_RATINGS * CAREERP_MAX_POSITIONS)
/* The cell of employees who take no merit raise. */
#define CAREERP_NO_CELL CAREERP_MAX_CELLS

/* The rules of one cycle: ranges (in money and cents) and the policy. */
typedef struct careerp_cycle {
    const career_merit_policy *policy;
    size_t ntiers;
    double min[CAREER_MAX_TIERS], mid[CAREER_MAX_TIERS];
    double max[CAREER_MAX_TIERS], width[CAREER_MAX_TIERS];
    double next_mid[CAREER_MAX_TIERS]; /* INFINITY for the last tier */
    int64_t min_cents[CAREER_MAX_TIERS], max_cents[CAREER_MAX_TIERS];
    /* Per cell: the matrix rate m and the limits lo <= hi of k m. */
    double m[CAREERP_MAX_CELLS + 1], lo[CAREERP_MAX_CELLS + 1];
    double hi[CAREERP_MAX_CELLS + 1];
} careerp_cycle;

/* One employee as the cycle sees it after classification: 16 bytes, as
 * the cycle keeps one per employee between its passes. */
typedef struct careerp_entry {
    int64_t salary_cents; /* before the cycle                        */
    uint16_t cell;        /* rating x position, or CAREERP_NO_CELL   */
    uint8_t tier;
    uint8_t position;
    uint16_t flags;       /* career_merit_flag bits known so far     */
} careerp_entry;

/* What the comments above promise, checked where the types are. */
_Static_assert(sizeof(careerp_entry) == 16,
               "the cycle keeps 16 bytes an employee between its passes");
_Static_assert(CAREER_MAX_TIERS - 1 <= UINT8_MAX,
               "a tier index fits careerp_entry.tier (uint8_t)");
_Static_assert(CAREERP_MAX_POSITIONS - 1 <= UINT8_MAX,
               "a position fits careerp_entry.position (uint8_t)");
_Static_assert(CAREERP_NO_CELL <= UINT16_MAX,
               "every cell, and CAREERP_NO_CELL, fits careerp_entry.cell "
               "(uint16_t)");
_Static_assert(CAREER_MERIT_INELIGIBLE <= UINT16_MAX / 2,
               "every career_merit_flag bit fits careerp_entry.flags");

/* The lift to the minimum in cents (the flag says whether there is one). */
static inline int64_t careerp_entry_lift(const careerp_cycle *cy,
                                         const careerp_entry *x)
{
    return x->flags & CAREER_MERIT_LIFTED
               ? cy->min_cents[x->tier] - x->salary_cents
               : 0;
}

/* Sets the cycle's rules from ranges min/mid/max[0..ntiers). */
void careerp_cycle_init(careerp_cycle *cy, const career_merit_policy *policy,
                        const double *min, const double *mid,
                        const double *max, size_t ntiers);

/* Checks employee e (row i, for messages) and classifies it with its
 * tier. */
career_status careerp_cycle_classify(const careerp_cycle *cy,
                                     const career_employee *e, size_t tier,
                                     size_t i, careerp_entry *out,
                                     career_error *err);

/* The merit rate of a cell at scale k, and the flags it earns. */
double careerp_cycle_rate(const careerp_cycle *cy, size_t cell, double k,
                          unsigned *flags);

/* The result of an entry whose merit amount in cents is known; returns
 * the lump sum in cents. */
int64_t careerp_cycle_result(const careerp_cycle *cy, const careerp_entry *x,
                             double rate, int64_t merit_cents,
                             career_merit_result *out);

/* ---- equity.c: the workforce checked, and each worker's pay level ------ */

/* A worker's pay as the reports use it (docs/model.md §13): a year's
 * ordinary and variable pay, and per hour worked (hours a year = weekly
 * hours x 365/7). */
typedef struct careerp_level {
    double basic;        /* ordinary pay, a year                         */
    double annual;       /* ordinary + variable, a year                  */
    double hourly;       /* annual / hours a year                        */
    double basic_hourly; /* basic / hours a year                         */
    double hours;        /* hours a year                                 */
} careerp_level;

/* Checks a workforce whole (every row, as career_workforce says). */
career_status careerp_workforce_check(const career_workforce *wf,
                                      career_error *err);

/* Checks factor definitions (reserved slots, kind, levels), and one
 * value of a factor (`where` names it: "workers[3].factors[1]"). */
career_status careerp_factors_check(const career_factor *factors,
                                    size_t nfactors, career_error *err);
career_status careerp_factor_value_check(const career_factor *f, double v,
                                         const char *where,
                                         career_error *err);

/* The pay level of a checked worker. */
void careerp_level_of(const career_worker *w, careerp_level *out);

/* opts (NULL = defaults) checked, with the defaults filled in. */
career_status careerp_equity_resolve(const career_equity_options *opts,
                                     career_equity_options *out,
                                     career_error *err);

/* (men - women) / men, or NaN with *st saying why (no women, no men,
 * men's figure 0). */
double careerp_gap(double men, double women, size_t nmen, size_t nwomen,
                   career_gap_status *st);

/* The median of a[0..n) (reordered), NaN when n is 0. */
double careerp_median(double *a, size_t n);

/* ---- equity_uk.c: quartile pay bands (UK reg 13, and EU Article 9(f)) -- */

typedef struct careerp_ranked {
    double value;
    size_t female; /* 1 for a woman, 0 for a man */
} careerp_ranked;

/* The share of women and of men in each of the four bands of r[0..n)
 * (reordered here), ties shared as reg 13 shares them (career.h,
 * career_uk_report). NaN for all when n is 0. */
void careerp_quartiles(careerp_ranked *r, size_t n, double women[4],
                       double men[4]);

/* ---- equity_fit.c: designs, moments and least squares ------------------ */

/* The most columns of a design (its factors' columns and an indicator). */
#define CAREERP_EQ_MAX_COLS 256

/* A row of the rows an analysis reads: its factor values, y and group
 * (1: A, the men; 0: B, the women). `get` returns 0 for a row the
 * analysis leaves out. */
typedef struct careerp_eq_rows {
    size_t n;
    int (*get)(const void *ctx, size_t i, const double **factors, double *y,
               int *group);
    const void *ctx;
} careerp_eq_rows;

/* The columns of a regression, each row augmented as
 * w = (1, factor columns, [indicator of B], y), q values, each less its
 * shift (the means of a first pass: sums of squares lose nothing to
 * cancellation). Numeric factors make one column, categorical ones a
 * dummy for each level but level 0. */
typedef struct careerp_design {
    const career_factor *factors;
    size_t nfactors;
    size_t ncols;      /* factor columns                                */
    int indicator;     /* the column after them is B's indicator        */
    size_t q;          /* 1 + ncols + indicator + 1                     */
    size_t first[CAREERP_EQ_MAX_COLS]; /* factor j's first column (1..) */
    double shift[CAREERP_EQ_MAX_COLS + 3];
} careerp_design;

/* Sets up a design (shifts 0); CAREER_ERR_ARG when it would have more than
 * CAREERP_EQ_MAX_COLS columns or a categorical factor has < 2 levels. */
career_status careerp_design_init(careerp_design *d,
                                  const career_factor *factors,
                                  size_t nfactors, int indicator,
                                  career_error *err);

/* The augmented row w[0..q) of factor values v, indicator b, y. */
void careerp_design_row(const careerp_design *d, const double *v, double b,
                        double y, double *w);

/* The name of column c (1 .. q-2) for messages ("factors[1] (tier),
 * level 3"). */
void careerp_design_name(const careerp_design *d, size_t c, char *buf,
                         size_t size);

/* Sets the shifts to the means of the rows get keeps (group: -1 any, else
 * only that group); *kept counts them. */
void careerp_design_center(careerp_design *d, const careerp_eq_rows *rows,
                           size_t *kept);

/* Moments m[q*q] += w w' (upper triangle), summed in double over blocks
 * of CAREERP_SUMS_BLOCK rows in blk[q*q] (fast: vectorised), each block
 * then added into m in long double (exact enough: a block's rounding is
 * that of a few hundred terms). Flush before reading m. */
#define CAREERP_SUMS_BLOCK 128
typedef struct careerp_sums {
    size_t q, rows;
    long double *m;
    double *blk;
} careerp_sums;
void careerp_sums_add(careerp_sums *s, const double *w);
void careerp_sums_flush(careerp_sums *s);

/* A least-squares fit from moments. beta[c] for every column c of the
 * design (0: the intercept, in the original units; 0 for a column not
 * used or dropped); cinv the inverse of the centred cross products of the
 * used columns (in the order of col[]), m x m. */
typedef struct careerp_ols {
    size_t m;                           /* slopes fitted                 */
    size_t col[CAREERP_EQ_MAX_COLS + 1]; /* their design columns        */
    size_t dropped;
    double n;
    double beta[CAREERP_EQ_MAX_COLS + 2];
    double mean[CAREERP_EQ_MAX_COLS + 3]; /* column means, original units */
    double rss, tss;
    long double *cinv;
    size_t failed;   /* on CAREER_ERR_FIT: the column refused, 0 for too
                        few rows                                        */
} careerp_ols;

/* Fits y on the columns c with use[c] != 0 (1 .. q-2). A column constant
 * over the rows or collinear with the ones before it is dropped when
 * `drop` (never the indicator), else CAREER_ERR_FIT naming it after
 * `label` ("group A", or ""). CAREER_ERR_FIT also when there
 * are no more rows than coefficients. The fit owns cinv: free it with
 * careerp_ols_free. */
career_status careerp_ols_fit(const careerp_design *d, const long double *m,
                              const unsigned char *use, int drop,
                              const char *label, careerp_ols *out,
                              career_error *err);
void careerp_ols_free(careerp_ols *o);

/* The standard error of slope k (index in col[]) and the residual
 * degrees of freedom. */
double careerp_ols_se(const careerp_ols *o, size_t k);
double careerp_ols_df(const careerp_ols *o);

/* The rows of a workforce's category (or CAREER_EQUITY_ALL) for the
 * analyses: y = ln hourly pay level, group = men; workers without a sex or
 * without pay left out. */
typedef struct careerp_wf_rows {
    const career_workforce *wf;
    size_t category;
    const size_t *index; /* the rows' workers, or NULL: workers[i]      */
} careerp_wf_rows;
void careerp_wf_rows_init(careerp_eq_rows *rows, careerp_wf_rows *ctx,
                          const career_workforce *wf, size_t category);

/* The same over the workers index[0..n) alone (a category's, found
 * once), so that a pass over a category reads its rows only. */
void careerp_wf_rows_subset(careerp_eq_rows *rows, careerp_wf_rows *ctx,
                            const career_workforce *wf, size_t category,
                            const size_t *index, size_t n);

/* The moments of the kept rows, group A's into ma and B's into mb (both
 * into ma when mb is NULL), each row with B's indicator; their counts.
 * CAREER_ERR_NOMEM when the blocks' work space cannot be had. */
career_status careerp_moments_of(const careerp_design *d,
                                 const careerp_eq_rows *rows, long double *ma,
                                 long double *mb, size_t *na, size_t *nb);

/* The regression of y on the factors and B's indicator over rows: design,
 * moments and fit (free the fit with careerp_ols_free). */
career_status careerp_gap_fit(const career_factor *factors, size_t nfactors,
                              const careerp_eq_rows *rows, int drop,
                              careerp_design *d, careerp_ols *fit,
                              career_error *err);

/* The check of a regression's workforce, options and category shared by
 * the regression, the decomposition and the remedy. */
career_status careerp_equity_prepare(const career_workforce *wf,
                                     const career_equity_options *opts,
                                     size_t category,
                                     career_equity_options *o,
                                     career_error *err);

#endif /* CAREER_PAY_H */
