/* pay/pay.h - pay (lib/pay/): the merit policy as policy.c loads it and
 * merit.c and merit_project.c use it. Only lib/pay/ and its tests include
 * this; every name is careerp_. */
#ifndef CAREER_PAY_H
#define CAREER_PAY_H

#include "plan/plan.h"

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

#endif /* CAREER_PAY_H */
