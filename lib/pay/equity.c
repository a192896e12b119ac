/* equity.c - the workforce of the pay equity reports checked, each
 * worker's pay level, and the EU report (Directive 2023/970, Article 9
 * (a)-(g), the Article 10 flag, Article 7's information and Article
 * 12(3)'s suppression). The formulas and their sources are in
 * docs/model.md §13. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

/* Pay at or above this is refused: its cents stay exact in a double. */
#define PAY_LIMIT 1e12
/* Days in a year, and in each pay period (UK reg 6; one rule for both
 * reports). */
#define DAYS_YEAR 365.0
#define DEFAULT_THRESHOLD 0.05
#define DEFAULT_SUPPRESS 5
/* A gap this close to the threshold counts as on it: the figures are
 * sums of cents divided, and 5 % of them must not be lost to rounding. */
#define THRESHOLD_SLACK 1e-12

/* ---- checking the workforce ---------------------------------------------- */

career_status careerp_factors_check(const career_factor *factors,
                                    size_t nfactors, career_error *err)
{
    char owner[40];
    size_t j;

    if (nfactors && !factors)
        return careerp_fail(err, CAREER_ERR_ARG, "factors: NULL with "
                                                 "nfactors %zu", nfactors);
    for (j = 0; j < nfactors; j++) {
        const career_factor *f = &factors[j];
        snprintf(owner, sizeof owner, "factors[%zu].", j);
        if (careerp_check_reserved(err, owner, f->reserved,
                                   CAREERP_NRESERVED(f)))
            return CAREER_ERR_ARG;
        if (f->kind != CAREER_FACTOR_NUMERIC &&
            f->kind != CAREER_FACTOR_CATEGORICAL)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "factors[%zu].kind: %d is no factor kind", j,
                                (int)f->kind);
        if (f->kind == CAREER_FACTOR_CATEGORICAL && f->levels < 2)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "factors[%zu].levels: a categorical factor "
                                "needs at least 2 (got %zu)", j, f->levels);
    }
    return CAREER_OK;
}

/* Whether a factor value is one the factor takes (the check itself is
 * careerp_factor_value_check, which names the cell). */
static int value_ok(const career_factor *f, double v)
{
    return isfinite(v) &&
           (f->kind != CAREER_FACTOR_CATEGORICAL ||
            (v >= 0.0 && v < (double)f->levels && v == floor(v)));
}

career_status careerp_factor_value_check(const career_factor *f, double v,
                                         const char *where,
                                         career_error *err)
{
    if (!isfinite(v))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s: must be a finite number", where);
    if (!value_ok(f, v))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s: %g is no level of %s (0 to %zu)", where, v,
                            f->name ? f->name : "the factor", f->levels - 1);
    return CAREER_OK;
}

static career_status check_money(double v, const char *row,
                                 const char *field, career_error *err)
{
    if (!isfinite(v))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.%s: must be a finite number", row, field);
    if (!(v >= 0.0 && v < PAY_LIMIT))
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "%s.%s: must be >= 0 and < 1e12 (got %g)", row,
                            field, v);
    return CAREER_OK;
}

static int reserved_zero(const uint64_t *r, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (r[i])
            return 0;
    return 1;
}

/* A row's fields but its factors; its name is formed only for a message
 * (this runs for every worker of every call). */
static career_status check_fields(const career_workforce *wf, size_t i,
                                  career_error *err)
{
    const career_worker *w = &wf->workers[i];
    char row[40], owner[48];
    career_status st;

    snprintf(row, sizeof row, "workers[%zu]", i);
    snprintf(owner, sizeof owner, "%s.", row);
    if (careerp_check_reserved(err, owner, w->reserved, CAREERP_NRESERVED(w)))
        return CAREER_ERR_ARG;
    if ((unsigned)w->sex > CAREER_SEX_MALE)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.sex: must be 0 (not given), 1 (female) or 2 "
                            "(male) (got %d)", row, (int)w->sex);
    if (w->category >= wf->ncategories)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.category: %zu is no category (there are "
                            "%zu)", row, w->category, wf->ncategories);
    if ((unsigned)w->period > CAREER_PAY_WEEK)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.period: %d is no pay period", row,
                            (int)w->period);
    if (w->flags & ~(CAREER_WORKER_REDUCED_PAY | CAREER_WORKER_NO_RAISE))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.flags: unknown bits 0x%x", row, w->flags);
    if ((st = check_money(w->pay, row, "pay", err)) ||
        (st = check_money(w->bonus, row, "bonus", err)))
        return st;
    if (!isfinite(w->hours))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "%s.hours: must be a finite number", row);
    if (!(w->hours > 0.0 && w->hours <= 168.0))
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "%s.hours: must be > 0 and <= 168 a week (got "
                            "%g): an hourly rate needs them", row, w->hours);
    if (wf->nfactors && !w->factors)
        return careerp_fail(err, CAREER_ERR_ARG, "%s.factors: NULL", row);
    return CAREER_OK;
}

static career_status check_worker(const career_workforce *wf, size_t i,
                                  career_error *err)
{
    const career_worker *w = &wf->workers[i];
    char where[80];
    size_t j;

    /* the common case, tested without a word of text */
    if (reserved_zero(w->reserved, CAREERP_NRESERVED(w)) &&
        (unsigned)w->sex <= CAREER_SEX_MALE &&
        w->category < wf->ncategories &&
        (unsigned)w->period <= CAREER_PAY_WEEK &&
        !(w->flags & ~(CAREER_WORKER_REDUCED_PAY | CAREER_WORKER_NO_RAISE)) &&
        w->pay >= 0.0 && w->pay < PAY_LIMIT && w->bonus >= 0.0 &&
        w->bonus < PAY_LIMIT && w->hours > 0.0 && w->hours <= 168.0 &&
        (w->factors || !wf->nfactors)) {
        for (j = 0; j < wf->nfactors; j++)
            if (!value_ok(&wf->factors[j], w->factors[j])) {
                snprintf(where, sizeof where, "workers[%zu].factors[%zu]", i,
                         j);
                return careerp_factor_value_check(&wf->factors[j],
                                                  w->factors[j], where, err);
            }
        return CAREER_OK;
    }
    return check_fields(wf, i, err);
}

career_status careerp_workforce_check(const career_workforce *wf,
                                      career_error *err)
{
    career_status st;
    size_t i;

    if (!wf)
        return careerp_fail(err, CAREER_ERR_ARG, "workforce: NULL");
    if (careerp_check_reserved(err, "workforce.", wf->reserved,
                               CAREERP_NRESERVED(wf)))
        return CAREER_ERR_ARG;
    if (!wf->workers || wf->n == 0)
        return careerp_fail(err, CAREER_ERR_ARG, "workers: %s",
                            wf->workers ? "none (n = 0)" : "NULL");
    if (wf->ncategories == 0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "categories: at least one is needed");
    if ((st = careerp_factors_check(wf->factors, wf->nfactors, err)))
        return st;
    for (i = 0; i < wf->n; i++)
        if ((st = check_worker(wf, i, err)) != CAREER_OK)
            return st;
    return CAREER_OK;
}

/* ---- pay levels ----------------------------------------------------------- */

void careerp_level_of(const career_worker *w, careerp_level *out)
{
    double hours = w->hours * DAYS_YEAR / 7.0, basic;

    switch (w->period) {
    case CAREER_PAY_MONTH:
        basic = w->pay * 12.0;
        break;
    case CAREER_PAY_WEEK:
        basic = w->pay * (DAYS_YEAR / 7.0);
        break;
    case CAREER_PAY_HOUR:
        basic = w->pay * hours;
        break;
    case CAREER_PAY_YEAR:
    default:
        basic = w->pay;
        break;
    }
    out->basic = basic;
    out->annual = basic + w->bonus;
    out->hours = hours;
    out->hourly = out->annual / hours;
    out->basic_hourly = basic / hours;
}

career_status careerp_equity_resolve(const career_equity_options *opts,
                                     career_equity_options *out,
                                     career_error *err)
{
    career_equity_options o = {0};

    if (opts) {
        o = *opts;
        if (careerp_check_reserved(err, "options.", o.reserved,
                                   CAREERP_NRESERVED(&o)))
            return CAREER_ERR_ARG;
    }
    if (!isfinite(o.threshold))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.threshold: must be a finite number");
    if (!(o.threshold >= 0.0 && o.threshold < 1.0))
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "options.threshold: must be in (0, 1) (got %g)",
                            o.threshold);
    if (o.flags & ~(CAREER_EQUITY_NO_ADJUSTED | CAREER_EQUITY_DROP))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.flags: unknown bits 0x%x", o.flags);
    if ((unsigned)o.reference > CAREER_OAXACA_GROUP_B)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.reference: %d is no reference",
                            (int)o.reference);
    if (o.bootstrap == 1)
        return careerp_fail(err, CAREER_ERR_DOMAIN,
                            "options.bootstrap: 0 (none) or at least 2");
    o.threshold = o.threshold > 0.0 ? o.threshold : DEFAULT_THRESHOLD;
    o.suppress = o.suppress ? o.suppress : DEFAULT_SUPPRESS;
    *out = o;
    return CAREER_OK;
}

double careerp_gap(double men, double women, size_t nmen, size_t nwomen,
                   career_gap_status *st)
{
    *st = nwomen == 0 ? CAREER_GAP_NO_WOMEN
          : nmen == 0 ? CAREER_GAP_NO_MEN
          : !(men != 0.0) ? CAREER_GAP_MEN_ZERO
                          : CAREER_GAP_OK;
    return *st == CAREER_GAP_OK ? (men - women) / men : NAN;
}

double careerp_median(double *a, size_t n)
{
    const double half = 0.5;
    double q;

    if (n == 0)
        return NAN;
    careerp_quantiles(a, n, &half, 1, &q, NULL, 0);
    return q;
}

double career_gpg_percent(double fraction)
{
    /* tenths of a percent, halves away from zero; the nudge keeps a
     * decimal half (0.10785, stored a hair below) a half */
    double tenths = fraction * 1000.0;

    return round(tenths + copysign(1e-9, tenths)) / 10.0;
}

/* ---- the EU report ---------------------------------------------------------- */

/* Sums of one group of workers (a sex within a category or overall). */
typedef struct sums {
    size_t n, nvar;
    long double hourly, annual, basic, variable;
} sums;

static void add_worker(sums *s, const careerp_level *l, double bonus)
{
    s->n++;
    s->hourly += l->hourly;
    s->annual += l->annual;
    s->basic += l->basic_hourly;
    if (bonus > 0.0) {
        s->nvar++;
        s->variable += bonus;
    }
}

static double mean_of(long double sum, size_t n)
{
    return n ? (double)(sum / (long double)n) : NAN;
}

static int flagged(double gap, double threshold, int strict)
{
    double g = fabs(gap);

    return isfinite(g) && (strict ? g > threshold + THRESHOLD_SLACK
                                  : g >= threshold - THRESHOLD_SLACK);
}

/* A category's figures from its women's and men's sums. */
static void category_of(const sums *f, const sums *m, size_t not_given,
                        const career_equity_options *o,
                        career_eu_category *c)
{
    career_gap_status st;

    memset(c, 0, sizeof *c);
    c->women = f->n;
    c->men = m->n;
    c->not_given = not_given;
    c->mean_hourly_women = mean_of(f->hourly, f->n);
    c->mean_hourly_men = mean_of(m->hourly, m->n);
    c->mean_annual_women = mean_of(f->annual, f->n);
    c->mean_annual_men = mean_of(m->annual, m->n);
    c->gap_hourly = careerp_gap(c->mean_hourly_men, c->mean_hourly_women,
                                m->n, f->n, &c->status);
    c->gap_annual = careerp_gap(c->mean_annual_men, c->mean_annual_women,
                                m->n, f->n, &st);
    c->gap_basic = careerp_gap(mean_of(m->basic, m->n),
                               mean_of(f->basic, f->n), m->n, f->n, &st);
    c->gap_variable = careerp_gap(mean_of(m->variable, m->nvar),
                                  mean_of(f->variable, f->nvar), m->nvar,
                                  f->nvar, &st);
    c->adjusted_gap = NAN;
    c->adjusted_status = CAREER_GAP_NOT_ASKED;
    if (flagged(c->gap_hourly, o->threshold, 0))
        c->flags |= CAREER_EU_ASSESS;
    if (flagged(c->gap_hourly, o->threshold, 1))
        c->flags |= CAREER_EU_OVER;
    if (f->n < o->suppress || m->n < o->suppress)
        c->flags |= CAREER_EU_SUPPRESSED;
}

/* The sums of every category, by sex (2c: women, 2c + 1: men), and the
 * workers without a sex per category. */
static void sum_categories(const career_workforce *wf, sums *s,
                           size_t *not_given)
{
    careerp_level l;
    size_t i;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->sex == CAREER_SEX_NOT_GIVEN) {
            not_given[w->category]++;
            continue;
        }
        careerp_level_of(w, &l);
        add_worker(&s[2 * w->category + (w->sex == CAREER_SEX_MALE)], &l,
                   w->bonus);
    }
}

/* The medians of (c) and (d): which figure of a worker, of which sex. */
enum { ANNUAL, HOURLY, VARIABLE };

static double median_by(const career_workforce *wf, career_sex sex,
                        int what, double *scratch)
{
    careerp_level l;
    size_t i, k = 0;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->sex != sex)
            continue;
        if (what == VARIABLE) {
            if (w->bonus > 0.0)
                scratch[k++] = w->bonus;
            continue;
        }
        careerp_level_of(w, &l);
        scratch[k++] = what == ANNUAL ? l.annual : l.hourly;
    }
    return careerp_median(scratch, k);
}

static void medians(const career_workforce *wf, double *scratch,
                    const sums *f, const sums *m, career_eu_report *r)
{
    career_gap_status st;
    double fa = median_by(wf, CAREER_SEX_FEMALE, ANNUAL, scratch);
    double ma = median_by(wf, CAREER_SEX_MALE, ANNUAL, scratch);
    double fh = median_by(wf, CAREER_SEX_FEMALE, HOURLY, scratch);
    double mh = median_by(wf, CAREER_SEX_MALE, HOURLY, scratch);
    double fv = median_by(wf, CAREER_SEX_FEMALE, VARIABLE, scratch);
    double mv = median_by(wf, CAREER_SEX_MALE, VARIABLE, scratch);

    r->median_gap_annual = careerp_gap(ma, fa, m->n, f->n, &st);
    r->median_gap_hourly = careerp_gap(mh, fh, m->n, f->n, &st);
    r->median_gap_variable = careerp_gap(mv, fv, m->nvar, f->nvar, &st);
}

/* (f): the hourly pay levels of the workers with a sex, in bands. */
static career_status quartiles_of(const career_workforce *wf,
                                  careerp_ranked *rk, double women[4],
                                  double men[4])
{
    careerp_level l;
    size_t i, k = 0;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->sex == CAREER_SEX_NOT_GIVEN)
            continue;
        careerp_level_of(w, &l);
        rk[k].value = l.hourly;
        rk[k++].female = w->sex == CAREER_SEX_FEMALE;
    }
    careerp_quartiles(rk, k, women, men);
    return CAREER_OK;
}

/* (a)-(f) over the whole workforce. */
static void overall(const career_workforce *wf, const sums *s,
                    career_eu_report *r)
{
    sums f = {0}, m = {0};
    size_t c;

    for (c = 0; c < wf->ncategories; c++) {
        const sums *a = &s[2 * c], *b = &s[2 * c + 1];
        f.n += a->n, f.nvar += a->nvar, f.hourly += a->hourly;
        f.annual += a->annual, f.variable += a->variable;
        m.n += b->n, m.nvar += b->nvar, m.hourly += b->hourly;
        m.annual += b->annual, m.variable += b->variable;
    }
    r->workers = wf->n;
    r->women = f.n;
    r->men = m.n;
    r->not_given = wf->n - f.n - m.n;
    r->mean_gap_annual = careerp_gap(mean_of(m.annual, m.n),
                                     mean_of(f.annual, f.n), m.n, f.n,
                                     &r->status);
    r->mean_gap_hourly = careerp_gap(mean_of(m.hourly, m.n),
                                     mean_of(f.hourly, f.n), m.n, f.n,
                                     &r->status);
    r->mean_gap_variable = careerp_gap(mean_of(m.variable, m.nvar),
                                       mean_of(f.variable, f.nvar), m.nvar,
                                       f.nvar, &r->variable_status);
    r->variable_share_women = f.n ? (double)f.nvar / (double)f.n : NAN;
    r->variable_share_men = m.n ? (double)m.nvar / (double)m.n : NAN;
}

/* The adjusted gap of category c, whose workers are index[0..n), or why
 * there is none. */
static career_status adjusted_one(const career_workforce *wf, size_t c,
                                  const size_t *index, size_t n,
                                  career_eu_category *cat)
{
    careerp_eq_rows rows;
    careerp_wf_rows ctx;
    careerp_design d;
    careerp_ols fit;
    career_status st;

    if (cat->women == 0 || cat->men == 0) {
        cat->adjusted_status = cat->women == 0 ? CAREER_GAP_NO_WOMEN
                                               : CAREER_GAP_NO_MEN;
        return CAREER_OK;
    }
    careerp_wf_rows_subset(&rows, &ctx, wf, c, index, n);
    st = careerp_gap_fit(wf->factors, wf->nfactors, &rows, 1, &d, &fit, NULL);
    if (st == CAREER_ERR_NOMEM)
        return st;
    if (st != CAREER_OK) {
        /* the indicator is dropped last: failing on it, the factors
         * tell the sexes apart; else there are too few rows */
        cat->adjusted_status = fit.failed == d.q - 2 ? CAREER_GAP_CONFOUNDED
                                                     : CAREER_GAP_TOO_FEW;
        return CAREER_OK;
    }
    cat->adjusted_gap = -expm1(fit.beta[d.q - 2]);
    cat->adjusted_status = CAREER_GAP_OK;
    careerp_ols_free(&fit);
    return CAREER_OK;
}

/* The workers of each category in turn: order[start[c] .. start[c+1]). */
static career_status group_by_category(const career_workforce *wf,
                                       size_t **order, size_t **start)
{
    size_t i, c, *o = malloc(wf->n * sizeof *o);
    size_t *s = calloc(wf->ncategories + 1, sizeof *s);

    if (!o || !s) {
        free(o);
        free(s);
        return CAREER_ERR_NOMEM;
    }
    for (i = 0; i < wf->n; i++)
        s[wf->workers[i].category + 1]++;
    for (c = 0; c < wf->ncategories; c++)
        s[c + 1] += s[c];
    for (i = 0; i < wf->n; i++)
        o[s[wf->workers[i].category]++] = i;
    for (c = wf->ncategories; c > 0; c--) /* back to the starts */
        s[c] = s[c - 1];
    s[0] = 0;
    *order = o;
    *start = s;
    return CAREER_OK;
}

/* The adjusted gap of every category (each its own regression). */
static career_status adjusted_all(const career_workforce *wf,
                                  career_eu_category *cats, career_error *err)
{
    careerp_design d;
    career_status st;
    size_t c, *order, *start;

    if ((st = careerp_design_init(&d, wf->factors, wf->nfactors, 1, err)))
        return st;
    if (group_by_category(wf, &order, &start) != CAREER_OK)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    for (c = 0; c < wf->ncategories && st == CAREER_OK; c++)
        st = adjusted_one(wf, c, order + start[c], start[c + 1] - start[c],
                          &cats[c]);
    free(order);
    free(start);
    return st ? careerp_fail(err, CAREER_ERR_NOMEM, "out of memory") : st;
}

static void flag_unexplained(const career_equity_options *o,
                             career_eu_category *cats, size_t n,
                             career_eu_report *r)
{
    size_t c;

    for (c = 0; c < n; c++) {
        if ((cats[c].flags & CAREER_EU_ASSESS) &&
            flagged(cats[c].adjusted_gap, o->threshold, 0))
            cats[c].flags |= CAREER_EU_UNEXPLAINED;
        r->assess += (cats[c].flags & CAREER_EU_ASSESS) != 0;
        r->unexplained += (cats[c].flags & CAREER_EU_UNEXPLAINED) != 0;
    }
}

static career_status check_call(const career_workforce *wf,
                                const career_equity_options *opts,
                                career_equity_options *o, career_error *err)
{
    career_status st;

    if ((st = careerp_equity_resolve(opts, o, err)) != CAREER_OK)
        return st;
    return careerp_workforce_check(wf, err);
}

/* The report's parts that need work space: the medians, the quartiles
 * and the regressions. */
static career_status eu_parts(const career_workforce *wf,
                              const career_equity_options *o, const sums *s,
                              career_eu_report *r, career_eu_category *cats,
                              career_error *err)
{
    sums f = {0}, m = {0};
    careerp_ranked *rk = malloc(wf->n * sizeof *rk);
    career_status st = CAREER_OK;
    size_t c;

    if (!rk)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    for (c = 0; c < wf->ncategories; c++) {
        f.n += s[2 * c].n, f.nvar += s[2 * c].nvar;
        m.n += s[2 * c + 1].n, m.nvar += s[2 * c + 1].nvar;
    }
    /* the ranked array doubles as the medians' scratch: 16 bytes a row */
    medians(wf, (double *)(void *)rk, &f, &m, r);
    quartiles_of(wf, rk, r->quartile_women, r->quartile_men);
    free(rk);
    if (!(o->flags & CAREER_EQUITY_NO_ADJUSTED))
        st = adjusted_all(wf, cats, err);
    return st;
}

career_status career_eu_report_compute(const career_workforce *wf,
                                       const career_equity_options *opts,
                                       career_eu_report *report,
                                       career_eu_category *categories,
                                       size_t ncategories, career_error *err)
{
    career_equity_options o;
    career_eu_report r;
    career_eu_category *cats;
    size_t *not_given, c;
    sums *s;
    career_status st;

    careerp_error_reset(err);
    if (!report || !categories)
        return careerp_fail(err, CAREER_ERR_ARG, "%s: NULL",
                            report ? "categories" : "report");
    if ((st = check_call(wf, opts, &o, err)) != CAREER_OK)
        return st;
    if (ncategories < wf->ncategories)
        return careerp_fail(err, CAREER_ERR_BUFFER,
                            "categories: room for %zu, the workforce has "
                            "%zu", ncategories, wf->ncategories);
    s = calloc(2 * wf->ncategories, sizeof *s);
    not_given = calloc(wf->ncategories, sizeof *not_given);
    cats = malloc(wf->ncategories * sizeof *cats);
    if (!s || !not_given || !cats) {
        st = careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        goto done;
    }
    memset(&r, 0, sizeof r);
    sum_categories(wf, s, not_given);
    overall(wf, s, &r);
    for (c = 0; c < wf->ncategories; c++)
        category_of(&s[2 * c], &s[2 * c + 1], not_given[c], &o, &cats[c]);
    if ((st = eu_parts(wf, &o, s, &r, cats, err)) != CAREER_OK)
        goto done;
    flag_unexplained(&o, cats, wf->ncategories, &r);
    memcpy(categories, cats, wf->ncategories * sizeof *cats);
    *report = r;
done:
    free(s);
    free(not_given);
    free(cats);
    return st;
}

/* ---- Article 7 ------------------------------------------------------------- */

/* Worker index's information from the women's and men's sums of its
 * category. */
static void fill_info(const career_workforce *wf,
                      const career_equity_options *o, const sums *s,
                      size_t index, career_worker_info *out)
{
    career_worker_info info;
    careerp_level l;

    memset(&info, 0, sizeof info);
    careerp_level_of(&wf->workers[index], &l);
    info.category = wf->workers[index].category;
    info.annual = l.annual;
    info.hourly = l.hourly;
    info.women = s[0].n;
    info.men = s[1].n;
    if (s[0].n < o->suppress || s[1].n < o->suppress) {
        info.flags = CAREER_EU_SUPPRESSED;
        info.mean_annual_women = info.mean_annual_men = NAN;
        info.mean_hourly_women = info.mean_hourly_men = NAN;
    } else {
        info.mean_annual_women = mean_of(s[0].annual, s[0].n);
        info.mean_annual_men = mean_of(s[1].annual, s[1].n);
        info.mean_hourly_women = mean_of(s[0].hourly, s[0].n);
        info.mean_hourly_men = mean_of(s[1].hourly, s[1].n);
    }
    *out = info;
}

career_status career_worker_info_compute(const career_workforce *wf,
                                         const career_equity_options *opts,
                                         size_t index,
                                         career_worker_info *out,
                                         career_error *err)
{
    career_equity_options o;
    careerp_level l;
    sums s[2] = {{0}, {0}};
    size_t i, c;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    if ((st = check_call(wf, opts, &o, err)) != CAREER_OK)
        return st;
    if (index >= wf->n)
        return careerp_fail(err, CAREER_ERR_NOT_FOUND,
                            "workers[%zu]: there are %zu workers", index,
                            wf->n);
    c = wf->workers[index].category;
    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->category != c || w->sex == CAREER_SEX_NOT_GIVEN)
            continue;
        careerp_level_of(w, &l);
        add_worker(&s[w->sex == CAREER_SEX_MALE], &l, w->bonus);
    }
    fill_info(wf, &o, s, index, out);
    return CAREER_OK;
}

career_status career_worker_info_compute_n(const career_workforce *wf,
                                           const career_equity_options *opts,
                                           const size_t *index,
                                           career_worker_info *out, size_t n,
                                           career_error *err)
{
    career_equity_options o;
    size_t *not_given, i;
    sums *s;
    career_status st;

    careerp_error_reset(err);
    if (n == 0)
        return CAREER_OK;
    if (!index || !out)
        return careerp_fail(err, CAREER_ERR_ARG, "%s: NULL",
                            index ? "out" : "index");
    if ((st = check_call(wf, opts, &o, err)) != CAREER_OK)
        return st;
    for (i = 0; i < n; i++)
        if (index[i] >= wf->n)
            return careerp_fail(err, CAREER_ERR_NOT_FOUND,
                                "index[%zu]: worker %zu, and there are %zu "
                                "workers", i, index[i], wf->n);
    s = calloc(2 * wf->ncategories, sizeof *s);
    not_given = calloc(wf->ncategories, sizeof *not_given);
    if (!s || !not_given) {
        free(s);
        free(not_given);
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    sum_categories(wf, s, not_given);
    for (i = 0; i < n; i++)
        fill_info(wf, &o, &s[2 * wf->workers[index[i]].category], index[i],
                  &out[i]);
    free(s);
    free(not_given);
    return CAREER_OK;
}
