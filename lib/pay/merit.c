/* merit.c - pay structures and the merit cycle (career-policy(5)).
 *
 * The ranges come from the model (midpoint m(anchor); minimum and maximum
 * from the band's quantiles at the anchor or from a spread). The cycle
 * classifies every employee once (tier, position, lift, matrix cell),
 * solves the scale factor k on the per-cell payroll, which makes it exact
 * and independent of n, then pays each merit in cents by largest remainder.
 * Money that must add up is kept in integer cents. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

#define SALARY_LIMIT CAREERP_SALARY_LIMIT

/* ---- ranges and the structure ------------------------------------------ */

static career_status range_of(const career_model *model,
                              const career_merit_policy *p, double anchor,
                              double *min, double *mid, double *max)
{
    career_status st;

    if ((st = career_salary_at(model, anchor, mid)) != CAREER_OK)
        return st;
    if (p->range_method == CAREERP_RANGE_SPREAD) {
        *min = *mid / (1.0 + p->spread / 2.0);
        *max = *min * (1.0 + p->spread);
    } else if ((st = career_quantile_at(model, anchor, p->q_low, min)) ||
               (st = career_quantile_at(model, anchor, p->q_high, max))) {
        return st;
    }
    if (!(*min > 0.0 && *max > *min) || !isfinite(*max) ||
        *max >= SALARY_LIMIT)
        return CAREER_ERR_DOMAIN;
    return CAREER_OK;
}

career_status careerp_merit_ranges(const career_model *model,
                                   const career_merit_policy *policy,
                                   double *min, double *mid, double *max)
{
    const career_profile *prof = career_model_profile(model);
    size_t i;
    career_status st;

    for (i = 0; i < prof->ntiers; i++)
        if ((st = range_of(model, policy, prof->tiers[i].anchor_years,
                           &min[i], &mid[i], &max[i])) != CAREER_OK)
            return st;
    return CAREER_OK;
}

static unsigned range_warnings(const career_merit_policy *p,
                               const career_pay_range *r,
                               const career_pay_range *next)
{
    unsigned w = 0;

    w |= r->spread < p->spread_lo ? CAREER_RANGE_SPREAD_LOW : 0u;
    w |= r->spread > p->spread_hi ? CAREER_RANGE_SPREAD_HIGH : 0u;
    w |= r->progression < p->prog_lo ? CAREER_RANGE_PROGRESSION_LOW : 0u;
    w |= r->progression > p->prog_hi ? CAREER_RANGE_PROGRESSION_HIGH : 0u;
    w |= r->overlap > p->overlap_max ? CAREER_RANGE_OVERLAP_HIGH : 0u;
    w |= next && r->max >= next->mid ? CAREER_RANGE_COMPRESSION : 0u;
    return w;
}

career_status career_pay_structure(const career_model *model,
                                   const career_merit_policy *policy,
                                   career_pay_range *ranges, size_t nranges)
{
    double min[CAREER_MAX_TIERS], mid[CAREER_MAX_TIERS], max[CAREER_MAX_TIERS];
    career_pay_range r[CAREER_MAX_TIERS];
    size_t i, n;
    career_status st;

    if (!model || !policy || !ranges)
        return CAREER_ERR_ARG;
    n = career_tier_count(model);
    if (nranges < n)
        return CAREER_ERR_BUFFER;
    if ((st = careerp_merit_ranges(model, policy, min, mid, max)))
        return st;
    memset(r, 0, sizeof r);
    for (i = 0; i < n; i++) {
        r[i].min = min[i];
        r[i].mid = mid[i];
        r[i].max = max[i];
        r[i].spread = max[i] / min[i] - 1.0;
        r[i].progression = i ? mid[i] / mid[i - 1] - 1.0 : NAN;
        r[i].overlap = i + 1 < n ? (max[i] - min[i + 1]) / (max[i] - min[i])
                                 : NAN;
    }
    for (i = 0; i < n; i++)
        r[i].warnings = range_warnings(policy, &r[i], i + 1 < n ? &r[i + 1]
                                                                 : NULL);
    memcpy(ranges, r, n * sizeof *r);
    return CAREER_OK;
}

/* ---- the cycle's rules ---------------------------------------------------- */

static int64_t to_cents(double money)
{
    return (int64_t)llround(money * 100.0);
}

/* The same for the positive amounts of the hot loops, without a libm
 * call: money here is > 0 and below 1e12, so the sum cannot round up. */
static CAREERP_ALWAYS_INLINE int64_t to_cents_pos(double money)
{
    return (int64_t)(money * 100.0 + 0.5);
}

void careerp_cycle_init(careerp_cycle *cy, const career_merit_policy *p,
                        const double *min, const double *mid,
                        const double *max, size_t ntiers)
{
    size_t i, np = p->npositions, nc = p->nratings * np;

    cy->policy = p;
    cy->ntiers = ntiers;
    for (i = 0; i < ntiers; i++) {
        cy->min[i] = min[i];
        cy->mid[i] = mid[i];
        cy->max[i] = max[i];
        cy->width[i] = max[i] - min[i];
        cy->next_mid[i] = i + 1 < ntiers ? mid[i + 1] : INFINITY;
        cy->min_cents[i] = to_cents(min[i]);
        cy->max_cents[i] = to_cents(max[i]);
    }
    for (i = 0; i < nc; i++) {
        double lo = i / np >= p->min_raise_from ? p->min_raise : 0.0;
        cy->m[i] = p->matrix[i];
        cy->hi[i] = p->max_raise;
        cy->lo[i] = lo < p->max_raise ? lo : p->max_raise;
    }
    cy->m[CAREERP_NO_CELL] = cy->lo[CAREERP_NO_CELL] = 0.0;
    cy->hi[CAREERP_NO_CELL] = 0.0;
}

/* ---- checking and classifying an employee ------------------------------- */

/* An employee's fields, from either form of the rows (career_employee or
 * career_merit_employee). */
typedef struct row {
    double years, salary;
    size_t tier, rating;
} row;

/* The reserved slots of row i, checked: the row's name is only formatted
 * for the message, as formatting it for every row cost as much as the
 * rest of the cycle. */
static CAREERP_ALWAYS_INLINE career_status
check_row_reserved(const career_employee *e, size_t i, career_error *err)
{
    uint64_t any = 0;
    char owner[40];

    for (size_t k = 0; k < CAREERP_NRESERVED(e); k++)
        any |= e->reserved[k];
    if (any == 0)
        return CAREER_OK;
    snprintf(owner, sizeof owner, "employees[%zu].", i);
    return careerp_check_reserved(err, owner, e->reserved,
                                  CAREERP_NRESERVED(e));
}

static CAREERP_ALWAYS_INLINE void row_of(const career_employee *e, row *r)
{
    r->years = e->years;
    r->salary = e->salary;
    r->tier = e->tier;
    r->rating = e->rating;
}

static career_status check_employee(const careerp_cycle *cy, const row *e,
                                    size_t i, career_error *err)
{
    const char *what = "employees[%zu].%s: %s";

    if (!isfinite(e->years) || !isfinite(e->salary))
        return careerp_fail(err, CAREER_ERR_ARG, what, i,
                            isfinite(e->years) ? "salary" : "years",
                            "must be a finite number");
    if (e->years < 0.0)
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "employees[%zu].years: must be >= 0 (got %g)", i,
                            e->years);
    if (!(e->salary >= 0.005 && e->salary < SALARY_LIMIT))
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "employees[%zu].salary: must be at least a "
                            "cent once rounded (0.005) and below 1e12 (got "
                            "%g)", i, e->salary);
    if (e->rating >= cy->policy->nratings)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "employees[%zu].rating: %zu is not a rating of "
                            "the policy (it has %zu)", i, e->rating,
                            cy->policy->nratings);
    return CAREER_OK;
}

/* The column of the matrix: how many edges the position has passed. */
static size_t position_of(const careerp_cycle *cy, size_t tier, double s)
{
    const career_merit_policy *p = cy->policy;
    /* divisions, not reciprocals: a salary on an edge (the midpoint of a
     * spread range is penetration 0.5) must land on it exactly */
    double v = p->basis == CAREERP_BASIS_COMPA
                   ? s / cy->mid[tier]
                   : (s - cy->min[tier]) / cy->width[tier];
    size_t j, pos = 0;

    for (j = 0; j + 1 < p->npositions; j++)
        pos += v >= p->edges[j];
    return pos;
}

static CAREERP_ALWAYS_INLINE career_status
classify(const careerp_cycle *cy, const row *e, size_t tier, size_t i,
         careerp_entry *out, career_error *err)
{
    const career_merit_policy *p = cy->policy;
    career_status st = check_employee(cy, e, i, err);
    unsigned flags = 0;
    size_t pos;

    if (st != CAREER_OK)
        return st;
    pos = position_of(cy, tier, e->salary);
    out->salary_cents = to_cents_pos(e->salary);
    flags |= e->salary < cy->min[tier] ? CAREER_MERIT_BELOW_MIN : 0u;
    flags |= e->salary > cy->max[tier] ? CAREER_MERIT_ABOVE_MAX : 0u;
    if (p->lift && out->salary_cents < cy->min_cents[tier])
        flags |= CAREER_MERIT_LIFTED;
    out->cell = (uint16_t)(p->eligible[e->rating]
                               ? e->rating * p->npositions + pos
                               : CAREERP_NO_CELL);
    flags |= p->eligible[e->rating] ? 0u : CAREER_MERIT_INELIGIBLE;
    out->tier = (uint8_t)tier;
    out->position = (uint8_t)pos;
    out->flags = (uint16_t)flags;
    return CAREER_OK;
}

career_status careerp_cycle_classify(const careerp_cycle *cy,
                                     const career_employee *e, size_t tier,
                                     size_t i, careerp_entry *out,
                                     career_error *err)
{
    row r;
    career_status st = check_row_reserved(e, i, err);

    if (st != CAREER_OK)
        return st;
    row_of(e, &r);
    return classify(cy, &r, tier, i, out, err);
}

double careerp_cycle_rate(const careerp_cycle *cy, size_t cell, double k,
                          unsigned *flags)
{
    double r = k * cy->m[cell];

    if (cell == CAREERP_NO_CELL)
        return 0.0;
    if (r > cy->hi[cell]) {
        *flags |= CAREER_MERIT_CAPPED;
        return cy->hi[cell];
    }
    if (r < cy->lo[cell]) {
        *flags |= CAREER_MERIT_MIN_RAISE;
        return cy->lo[cell];
    }
    return r;
}

/* Inlined into the cycle's last pass; careerp_cycle_result is the same
 * for the projection. */
/* Money to the cent, the salary too: it is read to the nearest cent (as
 * every sum of the cycle counts it), and new_salary is that plus
 * base_raise, so that the identity holds in cents and the new salary is
 * a whole number of cents (a salary of 120,000.0049 with no raise becomes
 * 120,000.00, as career.h says). */
static CAREERP_ALWAYS_INLINE int64_t result_of(const careerp_cycle *cy,
                                               const careerp_entry *x,
                                               double rate,
                                               int64_t merit_cents,
                                               career_merit_raise *out)
{
    size_t t = x->tier;
    int64_t lift = careerp_entry_lift(cy, x), base = x->salary_cents + lift;
    int64_t room = base < cy->max_cents[t] ? cy->max_cents[t] - base : 0;
    int64_t into_base = merit_cents;
    double before = (double)x->salary_cents / 100.0, after;
    unsigned flags = x->flags;

    if (cy->policy->lump_above_max && merit_cents > room)
        into_base = room;
    flags |= into_base < merit_cents ? CAREER_MERIT_LUMP_SUM : 0u;
    after = (double)(base + into_base) / 100.0;
    flags |= after > cy->next_mid[t] ? CAREER_MERIT_COMPRESSED : 0u;
    out->tier = t;
    out->position = x->position;
    out->rate = rate;
    out->lift = (double)lift / 100.0;
    out->merit = (double)merit_cents / 100.0;
    out->base_raise = (double)(lift + into_base) / 100.0;
    out->lump_sum = (double)(merit_cents - into_base) / 100.0;
    out->new_salary = after;
    out->compa_before = before / cy->mid[t];
    out->compa_after = after / cy->mid[t];
    out->penetration_before = (before - cy->min[t]) / cy->width[t];
    out->penetration_after = (after - cy->min[t]) / cy->width[t];
    out->flags = flags;
    return merit_cents - into_base;
}

/* A slim row's result as career_merit_cycle gives it: its reserved slots
 * zero. */
static CAREERP_ALWAYS_INLINE void widen(const career_merit_raise *r,
                                        career_merit_result *out)
{
    memset(out, 0, sizeof *out);
    out->tier = r->tier;
    out->position = r->position;
    out->rate = r->rate;
    out->lift = r->lift;
    out->merit = r->merit;
    out->base_raise = r->base_raise;
    out->lump_sum = r->lump_sum;
    out->new_salary = r->new_salary;
    out->compa_before = r->compa_before;
    out->compa_after = r->compa_after;
    out->penetration_before = r->penetration_before;
    out->penetration_after = r->penetration_after;
    out->flags = r->flags;
}

int64_t careerp_cycle_result(const careerp_cycle *cy,
                             const careerp_entry *x, double rate,
                             int64_t merit_cents, career_merit_result *out)
{
    career_merit_raise r;
    int64_t lump = result_of(cy, x, rate, merit_cents, &r);

    widen(&r, out);
    return lump;
}

/* ---- the budget solve ------------------------------------------------------ */

/* The cycle's state between passes: payroll weights per cell (cents, after
 * lifts), and the rate and flags of each cell at the solved k. */
typedef struct pass {
    const careerp_cycle *cy;
    size_t ncells; /* rating x position cells; CAREERP_NO_CELL is extra */
    double weight[CAREERP_MAX_CELLS + 1];
    double rate[CAREERP_MAX_CELLS + 1];
    unsigned flags[CAREERP_MAX_CELLS + 1];
    int64_t payroll, lifts, counted_lifts, budget;
    double k;
    int met;
} pass;

static double cost_at(const careerp_cycle *cy, const pass *ps, double k)
{
    double cost = 0.0;
    unsigned f = 0;
    size_t c;

    for (c = 0; c < ps->ncells; c++)
        if (ps->weight[c] > 0.0)
            cost += ps->weight[c] * careerp_cycle_rate(cy, c, k, &f);
    return cost;
}

/* The values of k at which a cell's rate meets one of its limits. */
static size_t breakpoints(const careerp_cycle *cy, const pass *ps,
                          double *bp)
{
    size_t c, n = 0;

    for (c = 0; c < ps->ncells; c++) {
        if (!(ps->weight[c] > 0.0 && cy->m[c] > 0.0))
            continue;
        if (cy->lo[c] > 0.0)
            bp[n++] = cy->lo[c] / cy->m[c];
        if (isfinite(cy->hi[c]))
            bp[n++] = cy->hi[c] / cy->m[c];
    }
    return n;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Cost is linear on [a, b]: A + S k, with S from the cells whose rate is
 * free there (between its limits) and A from the held ones. NaN when S is
 * 0 (b may be infinite: the segment after the last breakpoint). */
static double solve_segment(const careerp_cycle *cy, const pass *ps,
                            double a, double b, double target)
{
    double mid = isfinite(b) ? 0.5 * (a + b) : a + 1.0, fixed = 0.0;
    double slope = 0.0;
    double k;
    unsigned f;
    size_t c;

    for (c = 0; c < ps->ncells; c++) {
        double r;
        if (!(ps->weight[c] > 0.0))
            continue;
        f = 0;
        r = careerp_cycle_rate(cy, c, mid, &f);
        if (f || cy->m[c] == 0.0)
            fixed += ps->weight[c] * r;
        else
            slope += ps->weight[c] * cy->m[c];
    }
    if (!(slope > 0.0))
        return NAN; /* flat: no k here meets the target */
    k = (target - fixed) / slope;
    return k < a ? a : (k > b ? b : k);
}

/* Solves Cost(k) = target exactly; ps->met = 0 when no k >= 0 does it
 * (within half a cent, which the rounding absorbs). */
static void solve_k(const careerp_cycle *cy, pass *ps, double target)
{
    double bp[2 * CAREERP_MAX_CELLS], prev = 0.0, cost;
    size_t j, nb = breakpoints(cy, ps, bp);

    qsort(bp, nb, sizeof *bp, by_value);
    ps->met = 1;
    ps->k = 0.0;
    if ((cost = cost_at(cy, ps, 0.0)) >= target) {
        ps->met = cost <= target + 0.5;
        return;
    }
    for (j = 0; j < nb; j++) {
        if (bp[j] <= prev)
            continue;
        if (cost_at(cy, ps, bp[j]) >= target) {
            ps->k = solve_segment(cy, ps, prev, bp[j], target);
            if (isnan(ps->k))
                ps->k = bp[j];
            return;
        }
        prev = bp[j];
    }
    ps->k = solve_segment(cy, ps, prev, INFINITY, target);
    if (!isfinite(ps->k)) {
        ps->k = nb ? prev : 1.0;
        ps->met = cost_at(cy, ps, ps->k) >= target - 0.5;
    }
}

/* ---- the passes ---------------------------------------------------------- */

#define PAYROLL_LIMIT ((int64_t)1 << 53) /* cents exact in a double */

static career_status tier_of(const career_model *model, const row *e,
                             size_t *tier)
{
    if (e->tier == CAREER_TIER_FROM_YEARS) {
        *tier = isfinite(e->years) && e->years >= 0.0
                    ? careerp_tier_at(model, e->years) : 0;
        return CAREER_OK;
    }
    *tier = e->tier;
    return e->tier < model->ntiers ? CAREER_OK : CAREER_ERR_ARG;
}

static career_status add_cents(int64_t *sum, int64_t v, career_error *err)
{
    if (v > PAYROLL_LIMIT - *sum)
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "employees: the payroll exceeds 2^53 cents");
    *sum += v;
    return CAREER_OK;
}

/* The rows of a cycle: one form or the other (the other NULL), the results
 * likewise. */
typedef struct rows {
    const career_employee *wide;
    const career_merit_employee *slim;
    career_merit_result *wide_out;
    career_merit_raise *slim_out;
} rows;

/* Row i, its reserved slots checked in the wide form. */
static CAREERP_ALWAYS_INLINE career_status read_row(const rows *io, size_t i,
                                                    row *r, career_error *err)
{
    if (io->slim) {
        const career_merit_employee *e = &io->slim[i];

        r->years = e->years;
        r->salary = e->salary;
        r->tier = e->tier;
        r->rating = e->rating;
        return CAREER_OK;
    }
    row_of(&io->wide[i], r);
    return check_row_reserved(&io->wide[i], i, err);
}

/* Pass 1: checks and classifies every employee, and sums the payroll per
 * cell. Nothing is written outside x and ps. Inlined into a copy per form
 * of the rows. */
static CAREERP_ALWAYS_INLINE career_status
classify_rows(const career_model *model, const careerp_cycle *cy,
              const rows *io, size_t n, careerp_entry *x, pass *ps,
              career_error *err)
{
    int64_t w[CAREERP_MAX_CELLS + 1] = {0}, total = 0, lift;
    size_t i, tier;
    career_status st;
    row e;

    for (i = 0; i < n; i++) {
        if ((st = read_row(io, i, &e, err)))
            return st;
        if (tier_of(model, &e, &tier))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "employees[%zu].tier: %zu is not a tier of "
                                "the model (it has %zu)", i, e.tier,
                                model->ntiers);
        if ((st = classify(cy, &e, tier, i, &x[i], err)))
            return st;
        lift = careerp_entry_lift(cy, &x[i]);
        if ((st = add_cents(&total, x[i].salary_cents + lift, err)))
            return st;
        w[x[i].cell] += x[i].salary_cents + lift;
        ps->payroll += x[i].cell == CAREERP_NO_CELL ? 0 : x[i].salary_cents;
        ps->lifts += lift;
    }
    for (i = 0; i < ps->ncells; i++)
        ps->weight[i] = (double)w[i];
    return CAREER_OK;
}

static career_status classify_all(const career_model *model,
                                  const careerp_cycle *cy, const rows *io,
                                  size_t n, careerp_entry *x, pass *ps,
                                  career_error *err)
{
    const rows wide = {io->wide, NULL, NULL, NULL};
    const rows slim = {NULL, io->slim, NULL, NULL};

    return io->slim ? classify_rows(model, cy, &slim, n, x, ps, err)
                    : classify_rows(model, cy, &wide, n, x, ps, err);
}

#define BUCKETS 4096

/* The remainder of an entry's exact merit in cents, and its floor. */
static CAREERP_ALWAYS_INLINE double merit_exact(const pass *ps,
                                                const careerp_entry *x,
                                                double *floor_out)
{
    double a = (double)(x->salary_cents + careerp_entry_lift(ps->cy, x)) *
               ps->rate[x->cell];
    /* a >= 0 and below 2^63: truncation is the floor, without libm */
    *floor_out = (double)(int64_t)a;
    return a - *floor_out;
}

/* Which entries get an extra cent: those whose remainder is above the
 * cut's, or equal to it at an index no later than the cut's. */
typedef struct cut {
    int64_t each;  /* cents every entry gets besides (normally 0) */
    double frac;   /* remainder of the last entry to get one      */
    size_t index;
} cut;

/* A remainder's bits: remainders are >= 0, and the order of doubles >= 0
 * is the order of their bits read as integers. */
static CAREERP_ALWAYS_INLINE uint64_t bits_of(double f)
{
    uint64_t u;

    memcpy(&u, &f, sizeof u);
    return u;
}

#define DIGIT_BITS 12 /* bits of a remainder ranked per pass: BUCKETS */
_Static_assert(BUCKETS == 1 << DIGIT_BITS,
               "a pass of the selection counts its digits in the histogram");

/* Where rank_bucket is: the entries of bucket `b` whose remainder's bits
 * from `known` up are those of `prefix` (known = 64: all the bucket's). */
typedef struct sieve {
    size_t b;
    uint64_t prefix;
    unsigned known;
} sieve;

static CAREERP_ALWAYS_INLINE int sifted(const sieve *sv, double f)
{
    return (size_t)(f * BUCKETS) == sv->b &&
           (sv->known == 64 ||
            (bits_of(f) >> sv->known) == (sv->prefix >> sv->known));
}

/* One pass of the selection: the next digit (the bits below sv->known) of
 * the r-th largest remainder among those sifted, *r then its rank among
 * the remainders of that digit; hist has BUCKETS counts. Returns how many
 * remainders share the digit (and all the bits above it). */
static size_t next_digit(const pass *ps, const careerp_entry *x, size_t n,
                         sieve *sv, size_t *r, size_t *hist)
{
    unsigned low = sv->known > DIGIT_BITS ? sv->known - DIGIT_BITS : 0;
    uint64_t width = ((uint64_t)1 << (sv->known - low)) - 1, lo = UINT64_MAX;
    uint64_t hi = 0, u;
    size_t i, d;
    double f, fl;

    memset(hist, 0, ((size_t)width + 1) * sizeof *hist);
    for (i = 0; i < n; i++) {
        f = merit_exact(ps, &x[i], &fl);
        if (!sifted(sv, f))
            continue;
        u = bits_of(f);
        hist[(u >> low) & width]++;
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
    }
    if (lo == hi) { /* all equal: every bit is known */
        sv->prefix = lo;
        sv->known = 0;
        return 2; /* many, or one: the last pass tells them by index */
    }
    for (d = (size_t)width; hist[d] < *r; d--)
        *r -= hist[d];
    sv->prefix |= (uint64_t)d << low;
    sv->known = low;
    return hist[d];
}

/* The r-th largest remainder (1-based) in bucket b, of `count`, ties to
 * the lower index. A radix selection on the remainders' bits, DIGIT_BITS
 * a pass with the histogram `hist` (BUCKETS counts), until one remainder
 * is left or the rest are equal: no copy of the bucket, so the cycle's
 * work memory stays the 16 bytes an employee of its entries. */
static void rank_bucket(const pass *ps, const careerp_entry *x, size_t n,
                        size_t b, size_t count, size_t r, size_t *hist,
                        cut *out)
{
    sieve sv = {b, 0, 64};
    size_t i, seen = 0;
    double f, fl;

    while (count > 1 && sv.known > 0)
        count = next_digit(ps, x, n, &sv, &r, hist);
    /* one remainder left, or equal ones: the r-th of them by index */
    for (i = 0; i < n; i++) {
        f = merit_exact(ps, &x[i], &fl);
        if (sifted(&sv, f) && ++seen == r) {
            out->frac = f;
            out->index = i;
            return;
        }
    }
}

/* A remainder of the cut's bucket and its entry. */
typedef struct candidate {
    double frac;
    size_t index;
} candidate;

/* The cut's work memory, 32 KiB: the histogram, then, once the bucket is
 * known, the bucket's remainders when they fit. */
typedef union cut_work {
    size_t hist[BUCKETS];
    candidate cand[BUCKETS * sizeof(size_t) / sizeof(candidate)];
} cut_work;

#define MAX_CANDIDATES (sizeof(cut_work) / sizeof(candidate))

/* Larger remainders first; equal ones by index. */
static int by_rank(const void *a, const void *b)
{
    const candidate *x = a, *y = b;

    if (x->frac != y->frac)
        return x->frac < y->frac ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

/* rank_bucket's cut in one pass, when the bucket's `count` remainders fit
 * in the work memory: they are gathered and sorted (ties to the lower
 * index, as there). */
static void gather_bucket(const pass *ps, const careerp_entry *x, size_t n,
                          size_t b, size_t count, size_t r, cut_work *w,
                          cut *out)
{
    size_t i, m = 0;
    double f, fl;

    for (i = 0; i < n && m < count; i++) {
        f = merit_exact(ps, &x[i], &fl);
        if ((size_t)(f * BUCKETS) == b)
            w->cand[m++] = (candidate){f, i};
    }
    qsort(w->cand, m, sizeof *w->cand, by_rank);
    out->frac = w->cand[r - 1].frac;
    out->index = w->cand[r - 1].index;
}

/* Pass 2: the largest-remainder cut so that the cents add up to target. */
static void find_cut(const pass *ps, const careerp_entry *x, size_t n,
                     int64_t target, cut_work *w, cut *out)
{
    size_t *hist = w->hist, i, b, above = 0, r;
    int64_t floors = 0, left;
    double fl;

    memset(hist, 0, BUCKETS * sizeof *hist);
    for (i = 0; i < n; i++) {
        hist[(size_t)(merit_exact(ps, &x[i], &fl) * BUCKETS)]++;
        floors += (int64_t)fl;
    }
    left = target - floors;
    out->each = left >= 0 ? left / (int64_t)n : -((-left - 1) / (int64_t)n) - 1;
    r = (size_t)(left - out->each * (int64_t)n);
    out->frac = 2.0; /* nobody, unless r > 0 */
    out->index = 0;
    for (b = BUCKETS; r > 0 && b-- > 0; above += hist[b])
        if (above + hist[b] >= r) {
            if (hist[b] <= MAX_CANDIDATES)
                gather_bucket(ps, x, n, b, hist[b], r - above, w, out);
            else
                rank_bucket(ps, x, n, b, hist[b], r - above, hist, out);
            break;
        }
}

static void count_flags(career_merit_summary *s, unsigned f)
{
    s->below_min += (f & CAREER_MERIT_BELOW_MIN) != 0;
    s->above_max += (f & CAREER_MERIT_ABOVE_MAX) != 0;
    s->lifted += (f & CAREER_MERIT_LIFTED) != 0;
    s->capped += (f & CAREER_MERIT_CAPPED) != 0;
    s->min_raise += (f & CAREER_MERIT_MIN_RAISE) != 0;
    s->lump_sum += (f & CAREER_MERIT_LUMP_SUM) != 0;
    s->compressed += (f & CAREER_MERIT_COMPRESSED) != 0;
}

/* Pass 3: each merit in cents (largest remainder when the budget is met,
 * nearest cent otherwise), the results and the summary's sums. Inlined
 * into a copy per form of the results. */
static CAREERP_ALWAYS_INLINE void
pay_rows(const careerp_cycle *cy, const pass *ps, careerp_entry *x, size_t n,
         const cut *ct, const rows *io, career_merit_summary *s)
{
    size_t i;
    double fl, f;
    int64_t merit, cost = 0, lumps = 0;
    career_merit_raise r;

    for (i = 0; i < n; i++) {
        f = merit_exact(ps, &x[i], &fl);
        if (ps->met)
            merit = (int64_t)fl + ct->each +
                    (f > ct->frac || (f == ct->frac && i <= ct->index));
        else
            merit = (int64_t)fl + (f >= 0.5);
        x[i].flags = (uint16_t)(x[i].flags | ps->flags[x[i].cell]);
        lumps += result_of(cy, &x[i], ps->rate[x[i].cell], merit, &r);
        if (io->slim_out)
            io->slim_out[i] = r;
        else
            widen(&r, &io->wide_out[i]);
        cost += merit;
        s->eligible += x[i].cell != CAREERP_NO_CELL;
        count_flags(s, r.flags);
    }
    s->cost_cents = cost + (cy->policy->lift_counts ? ps->lifts : 0);
    s->lump_cents = lumps;
}

static void pay_all(const careerp_cycle *cy, const pass *ps, careerp_entry *x,
                    size_t n, const cut *ct, const rows *io,
                    career_merit_summary *s)
{
    const rows wide = {NULL, NULL, io->wide_out, NULL};
    const rows slim = {NULL, NULL, NULL, io->slim_out};

    if (io->slim_out)
        pay_rows(cy, ps, x, n, ct, &slim, s);
    else
        pay_rows(cy, ps, x, n, ct, &wide, s);
}

static career_status check_cycle_args(const career_model *model,
                                      const career_merit_policy *policy,
                                      const void *employees, size_t n,
                                      const void *results, const char *what,
                                      const void *summary, career_error *err)
{
    if (!model || !policy || !employees || !results || !summary)
        return careerp_fail(err, CAREER_ERR_ARG, "%s: NULL",
                            !model ? "model" : !policy ? "policy"
                            : !employees ? "employees"
                            : !results ? what : "summary");
    if (n == 0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "employees: an empty population (n = 0)");
    if (n > SIZE_MAX / sizeof(careerp_entry))
        return careerp_fail(err, CAREER_ERR_NOMEM, "employees: too many");
    return CAREER_OK;
}

static career_status setup(const career_model *model,
                           const career_merit_policy *policy,
                           careerp_cycle *cy, pass *ps, career_error *err)
{
    double min[CAREER_MAX_TIERS], mid[CAREER_MAX_TIERS], max[CAREER_MAX_TIERS];
    career_status st = careerp_merit_ranges(model, policy, min, mid, max);

    if (st != CAREER_OK)
        return careerp_fail(err, st, "policy: the model's ranges cannot be "
                                     "formed (%s)", career_strerror(st));
    careerp_cycle_init(cy, policy, min, mid, max, model->ntiers);
    memset(ps, 0, sizeof *ps);
    ps->cy = cy;
    ps->ncells = policy->nratings * policy->npositions;
    return CAREER_OK;
}

/* The budget, k, and each cell's rate at k. */
static void plan_budget(const careerp_cycle *cy, pass *ps)
{
    size_t c;

    ps->budget = (int64_t)llround(cy->policy->budget_rate *
                                  (double)ps->payroll);
    ps->counted_lifts = cy->policy->lift_counts ? ps->lifts : 0;
    solve_k(cy, ps, (double)(ps->budget - ps->counted_lifts));
    for (c = 0; c <= CAREERP_MAX_CELLS; c++) {
        ps->flags[c] = 0;
        ps->rate[c] = c < ps->ncells || c == CAREERP_NO_CELL
                          ? careerp_cycle_rate(cy, c, ps->k, &ps->flags[c])
                          : 0.0;
    }
}

/* ---- the work space and the entry points ------------------------------ */

/* The cycle's work memory: an entry per employee and the cut's
 * histogram. */
struct career_merit_workspace {
    careerp_entry *x;
    size_t cap;    /* entries x holds */
    cut_work *cut; /* the cut's histogram */
};

career_status career_merit_workspace_new(career_merit_workspace **out)
{
    career_merit_workspace *ws;

    if (!out)
        return CAREER_ERR_ARG;
    *out = NULL;
    if (!(ws = calloc(1, sizeof *ws)))
        return CAREER_ERR_NOMEM;
    *out = ws;
    return CAREER_OK;
}

void career_merit_workspace_free(career_merit_workspace *ws)
{
    if (!ws)
        return;
    free(ws->x);
    free(ws->cut);
    free(ws);
}

/* Room for n entries and the histogram. The old entries are freed before
 * the new are had, so that the peak is the larger alone; on failure the
 * work space is left empty, and still usable. */
static career_status workspace_fit(career_merit_workspace *ws, size_t n,
                                   career_error *err)
{
    if (!ws->cut && !(ws->cut = malloc(sizeof *ws->cut)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    if (n <= ws->cap)
        return CAREER_OK;
    free(ws->x);
    ws->cap = 0;
    if (!(ws->x = malloc(n * sizeof *ws->x)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    ws->cap = n;
    return CAREER_OK;
}

/* The cycle on either form of the rows, in the caller's work space or in
 * one of its own (ws NULL). */
static career_status run_cycle(const career_model *model,
                               const career_merit_policy *policy,
                               const rows *io, size_t n,
                               career_merit_summary *summary,
                               career_merit_workspace *ws, career_error *err)
{
    career_merit_workspace own = {NULL, 0, NULL};
    career_merit_workspace *w = ws ? ws : &own;
    careerp_cycle cy;
    pass ps;
    cut ct = {0, 2.0, 0};
    career_merit_summary s;
    career_status st;

    if ((st = setup(model, policy, &cy, &ps, err)) ||
        (st = workspace_fit(w, n, err)))
        goto done;
    if ((st = classify_all(model, &cy, io, n, w->x, &ps, err)))
        goto done;
    plan_budget(&cy, &ps);
    if (ps.met)
        find_cut(&ps, w->x, n, ps.budget - ps.counted_lifts, w->cut, &ct);
    memset(&s, 0, sizeof s);
    pay_all(&cy, &ps, w->x, n, &ct, io, &s);
    s.employees = n;
    s.payroll_cents = ps.payroll;
    s.budget_cents = ps.budget;
    s.lift_cents = ps.lifts;
    s.scale = ps.k;
    s.flags = ps.met ? 0u : CAREER_MERIT_BUDGET_UNMET;
    *summary = s;
done:
    free(own.x);
    free(own.cut);
    return st;
}

career_status career_merit_cycle(const career_model *model,
                                 const career_merit_policy *policy,
                                 const career_employee *employees, size_t n,
                                 career_merit_result *results,
                                 career_merit_summary *summary,
                                 career_error *err)
{
    const rows io = {employees, NULL, results, NULL};
    career_status st;

    careerp_error_reset(err);
    if ((st = check_cycle_args(model, policy, employees, n, results,
                               "results", summary, err)))
        return st;
    return run_cycle(model, policy, &io, n, summary, NULL, err);
}

career_status career_merit_run(const career_model *model,
                               const career_merit_policy *policy,
                               const career_merit_employee *employees,
                               size_t n, career_merit_raise *raises,
                               career_merit_summary *summary,
                               career_merit_workspace *ws, career_error *err)
{
    const rows io = {NULL, employees, NULL, raises};
    career_status st;

    careerp_error_reset(err);
    if ((st = check_cycle_args(model, policy, employees, n, raises, "raises",
                               summary, err)))
        return st;
    return run_cycle(model, policy, &io, n, summary, ws, err);
}

/* ---- the distribution of raises -------------------------------------------- */

career_status career_merit_distribution(const career_merit_policy *policy,
                                        const career_employee *employees,
                                        const career_merit_result *results,
                                        size_t n, career_merit_cell *cells,
                                        size_t ncells)
{
    size_t i, c, np, nc;

    if (!policy || (n && (!employees || !results)) || !cells)
        return CAREER_ERR_ARG;
    np = policy->npositions;
    nc = policy->nratings * np;
    if (ncells < nc)
        return CAREER_ERR_BUFFER;
    /* every row checked before the first cell is written */
    for (i = 0; i < n; i++)
        if (!(results[i].flags & CAREER_MERIT_INELIGIBLE) &&
            (employees[i].rating >= policy->nratings ||
             results[i].position >= np))
            return CAREER_ERR_ARG;
    memset(cells, 0, nc * sizeof *cells);
    for (i = 0; i < n; i++) {
        if (results[i].flags & CAREER_MERIT_INELIGIBLE)
            continue;
        c = employees[i].rating * np + results[i].position;
        cells[c].count++;
        cells[c].mean_rate += results[i].rate;
        cells[c].merit_cents += to_cents(results[i].merit);
    }
    for (c = 0; c < nc; c++)
        cells[c].mean_rate = cells[c].count
                                 ? cells[c].mean_rate / (double)cells[c].count
                                 : NAN;
    return CAREER_OK;
}
