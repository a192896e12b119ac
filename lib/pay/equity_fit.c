/* equity_fit.c - the least squares of the adjusted gap and of the
 * decomposition: designs (numeric factors, categorical ones as dummies,
 * an indicator), the sums of squares and products of the rows (their
 * moments), and the fit from them.
 *
 * core/lsq.c's solver holds at most 16 rows on the stack, and GSL's
 * multifit allocates its work space through GSL's error handler, which
 * the library never touches: so the fit is formed here, from moments
 * accumulated in long double over rows shifted by their means (no
 * cancellation in the sums of squares), scaled to correlations and
 * factored by Cholesky in long double, one column at a time, so that a
 * column constant over the rows, or collinear with the ones before it,
 * is found and named (or dropped). One pass over the rows, any number of
 * them, in memory that depends on the columns alone. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

/* A column whose centred sum of squares is this small a part of its raw
 * one is constant; one whose part not explained by the columns before it
 * (1 - R^2) is below COLLINEAR is collinear with them. */
#define CONSTANT 1e-13L
#define COLLINEAR 1e-9L

career_status careerp_design_init(careerp_design *d,
                                  const career_factor *factors,
                                  size_t nfactors, int indicator,
                                  career_error *err)
{
    size_t j, cols = 0;

    memset(d, 0, sizeof *d);
    if (nfactors > CAREERP_EQ_MAX_COLS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "factors: more than %d", CAREERP_EQ_MAX_COLS);
    for (j = 0; j < nfactors; j++) {
        const career_factor *f = &factors[j];
        size_t add = f->kind == CAREER_FACTOR_CATEGORICAL ? f->levels - 1 : 1;
        if (f->kind == CAREER_FACTOR_CATEGORICAL && f->levels < 2)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "factors[%zu].levels: at least 2", j);
        d->first[j] = 1 + cols;
        if (add > CAREERP_EQ_MAX_COLS - cols - (indicator != 0))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "factors: more than %d columns (with the "
                                "dummies of every level)",
                                CAREERP_EQ_MAX_COLS);
        cols += add;
    }
    d->factors = factors;
    d->nfactors = nfactors;
    d->ncols = cols;
    d->indicator = indicator != 0;
    d->q = 2 + cols + (size_t)d->indicator;
    return CAREER_OK;
}

void careerp_design_row(const careerp_design *d, const double *v, double b,
                        double y, double *w)
{
    size_t j;

    w[0] = 1.0;
    memset(w + 1, 0, d->ncols * sizeof *w);
    for (j = 0; j < d->nfactors; j++) {
        size_t c = d->first[j];
        if (d->factors[j].kind == CAREER_FACTOR_NUMERIC)
            w[c] = v[j] - d->shift[c];
        else if (v[j] >= 1.0)
            w[c + (size_t)v[j] - 1] = 1.0; /* dummies are not shifted */
    }
    if (d->indicator)
        w[d->q - 2] = b;
    w[d->q - 1] = y - d->shift[d->q - 1];
}

void careerp_design_name(const careerp_design *d, size_t c, char *buf,
                         size_t size)
{
    size_t j = d->nfactors;
    const career_factor *f;

    if (d->indicator && c == d->q - 2) {
        snprintf(buf, size, "the group indicator");
        return;
    }
    while (j > 0 && d->first[j - 1] > c)
        j--;
    if (j == 0) {
        snprintf(buf, size, "column %zu", c);
        return;
    }
    f = &d->factors[--j];
    if (f->kind == CAREER_FACTOR_NUMERIC)
        snprintf(buf, size, "factors[%zu] (%s)", j, f->name ? f->name : "-");
    else if (f->level_names)
        snprintf(buf, size, "factors[%zu] (%s), level %zu (%s)", j,
                 f->name ? f->name : "-", c - d->first[j] + 1,
                 f->level_names[c - d->first[j] + 1]);
    else
        snprintf(buf, size, "factors[%zu] (%s), level %zu", j,
                 f->name ? f->name : "-", c - d->first[j] + 1);
}

void careerp_design_center(careerp_design *d, const careerp_eq_rows *rows,
                           size_t *kept)
{
    long double sum[CAREERP_EQ_MAX_COLS] = {0}, sy = 0.0L;
    const double *v;
    double y;
    int g;
    size_t i, j, k = 0;

    for (i = 0; i < rows->n; i++) {
        if (!rows->get(rows->ctx, i, &v, &y, &g))
            continue;
        k++;
        sy += y;
        for (j = 0; j < d->nfactors; j++)
            sum[j] += v[j];
    }
    for (j = 0; j < d->nfactors; j++)
        if (d->factors[j].kind == CAREER_FACTOR_NUMERIC)
            d->shift[d->first[j]] = k ? (double)(sum[j] / (long double)k)
                                      : 0.0;
    d->shift[d->q - 1] = k ? (double)(sy / (long double)k) : 0.0;
    *kept = k;
}

void careerp_sums_flush(careerp_sums *s)
{
    size_t a, b, q = s->q;

    for (a = 0; a < q && s->rows; a++)
        for (b = a; b < q; b++) {
            s->m[a * q + b] += s->blk[a * q + b];
            s->blk[a * q + b] = 0.0;
        }
    s->rows = 0;
}

void careerp_sums_add(careerp_sums *s, const double *w)
{
    size_t a, b, q = s->q;

    for (a = 0; a < q; a++) {
        double wa = w[a], *row = s->blk + a * q;
        if (wa == 0.0)
            continue; /* a dummy not set: its row gains nothing */
        for (b = a; b < q; b++)
            row[b] += wa * w[b];
    }
    if (++s->rows == CAREERP_SUMS_BLOCK)
        careerp_sums_flush(s);
}

/* ---- the fit ---------------------------------------------------------- */

/* Element (a, b) of the moments, from their upper triangle. */
static long double mom(const long double *m, size_t q, size_t a, size_t b)
{
    return a <= b ? m[a * q + b] : m[b * q + a];
}

/* The centred cross product of columns a and b. */
static long double centred(const long double *m, size_t q, size_t a, size_t b)
{
    long double n = m[0];

    return mom(m, q, a, b) - m[a] * m[b] / n;
}

/* The factorisation of the correlations of the accepted columns: L, row
 * by row (k x k, lower), and each column's root sum of squares. */
typedef struct chol {
    size_t k, cap;
    long double *L;
    long double sd[CAREERP_EQ_MAX_COLS + 1];
} chol;

/* Tries to add column c: 1 if it is accepted, 0 constant, -1 collinear. */
static int chol_add(chol *ch, const long double *m, size_t q,
                    const size_t *col, size_t c)
{
    long double css = centred(m, q, c, c), *row = ch->L + ch->k * ch->cap;
    long double dsum = 0.0L, sd;
    size_t j, i;

    if (!(css > CONSTANT * mom(m, q, c, c)) || !(css > 0.0L))
        return 0;
    sd = sqrtl(css);
    for (j = 0; j < ch->k; j++) {
        long double r = centred(m, q, col[j], c) / (ch->sd[j] * sd);
        for (i = 0; i < j; i++)
            r -= row[i] * ch->L[j * ch->cap + i];
        row[j] = r / ch->L[j * ch->cap + j];
        dsum += row[j] * row[j];
    }
    if (!(1.0L - dsum > COLLINEAR))
        return -1;
    row[ch->k] = sqrtl(1.0L - dsum);
    ch->sd[ch->k++] = sd;
    return 1;
}

/* cinv = D^-1 (L L')^-1 D^-1 for the k accepted columns. */
static void chol_inverse(const chol *ch, long double *cinv)
{
    size_t k = ch->k, n = ch->cap, i, j, l;
    long double *inv = cinv; /* first L^-1 (lower), in place of the result */

    memset(inv, 0, k * k * sizeof *inv);
    for (i = 0; i < k; i++) {
        inv[i * k + i] = 1.0L / ch->L[i * n + i];
        for (j = 0; j < i; j++) {
            long double s = 0.0L;
            for (l = j; l < i; l++)
                s += ch->L[i * n + l] * inv[l * k + j];
            inv[i * k + j] = -s / ch->L[i * n + i];
        }
    }
    /* (L L')^-1 = L^-T L^-1: its (i, j), i <= j, from rows l >= j, kept
     * in L's lower part (L itself is no longer needed) */
    for (i = 0; i < k; i++)
        for (j = i; j < k; j++) {
            long double s = 0.0L;
            for (l = j; l < k; l++)
                s += inv[l * k + i] * inv[l * k + j];
            ch->L[j * n + i] = s;
        }
    for (i = 0; i < k; i++)
        for (j = i; j < k; j++) {
            long double v = ch->L[j * n + i] / (ch->sd[i] * ch->sd[j]);
            cinv[i * k + j] = cinv[j * k + i] = v;
        }
}

static career_status refuse(const careerp_design *d, size_t c, int constant,
                            const char *label, careerp_ols *out,
                            career_error *err)
{
    char name[200];

    out->failed = c;
    careerp_design_name(d, c, name, sizeof name);
    if (d->indicator && c == d->q - 2)
        return careerp_fail(err, CAREER_ERR_FIT,
                            "%s%s%s: collinear with the factors (they tell "
                            "the groups apart): no adjusted gap", label,
                            *label ? ": " : "", name);
    return careerp_fail(err, CAREER_ERR_FIT, "%s%s%s: %s", label,
                        *label ? ": " : "", name,
                        constant ? "constant over the rows"
                                 : "collinear with the columns before it");
}

/* The columns accepted into the factorisation, in order. */
static career_status accept_columns(const careerp_design *d,
                                    const long double *m,
                                    const unsigned char *use, int drop,
                                    const char *label, chol *ch,
                                    careerp_ols *out, career_error *err)
{
    size_t q = d->q, c, keep = d->indicator ? q - 2 : 0;
    int r;

    for (c = 1; c + 1 < q; c++) {
        if (!use[c])
            continue;
        if ((r = chol_add(ch, m, q, out->col, c)) == 1) {
            out->col[out->m++] = c;
        } else if (drop && c != keep) {
            out->dropped++;
        } else {
            return refuse(d, c, r == 0, label, out, err);
        }
    }
    return CAREER_OK;
}

/* beta = C^-1 c, the intercept, and the sums of squares. */
static void solve(const careerp_design *d, const long double *m,
                  careerp_ols *o)
{
    size_t q = d->q, y = q - 1, k = o->m, i, j;
    long double cy[CAREERP_EQ_MAX_COLS + 1], fit = 0.0L, icpt;

    for (i = 0; i < k; i++)
        cy[i] = centred(m, q, o->col[i], y);
    icpt = o->mean[y];
    for (i = 0; i < k; i++) {
        long double b = 0.0L;
        for (j = 0; j < k; j++)
            b += o->cinv[i * k + j] * cy[j];
        o->beta[o->col[i]] = (double)b;
        fit += b * cy[i];
        icpt -= b * (long double)o->mean[o->col[i]];
    }
    o->beta[0] = (double)icpt;
    o->tss = (double)centred(m, q, y, y);
    o->rss = fmax(0.0, (double)(centred(m, q, y, y) - fit));
}

career_status careerp_ols_fit(const careerp_design *d, const long double *m,
                              const unsigned char *use, int drop,
                              const char *label, careerp_ols *out,
                              career_error *err)
{
    size_t q = d->q, c, cap = q;
    chol ch = {0, cap, NULL, {0}};
    career_status st;

    memset(out, 0, offsetof(careerp_ols, beta));
    memset(out->beta, 0, sizeof out->beta);
    out->cinv = NULL;
    out->failed = 0;
    out->n = (double)m[0];
    for (c = 0; c < q; c++)
        out->mean[c] = m[0] > 0.0L ? (double)((long double)d->shift[c] +
                                              m[c] / m[0])
                                   : NAN;
    out->mean[0] = 1.0;
    if (!(ch.L = malloc(cap * cap * sizeof *ch.L)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    if ((st = accept_columns(d, m, use, drop, label, &ch, out, err)))
        goto fail;
    if (!(out->n > (double)(out->m + 1))) {
        st = careerp_fail(err, CAREER_ERR_FIT,
                          "%s%sno more rows (%.0f) than coefficients (%zu)",
                          label, *label ? ": " : "", out->n, out->m + 1);
        out->failed = 0;
        goto fail;
    }
    if (!(out->cinv = malloc((out->m ? out->m * out->m : 1) *
                             sizeof *out->cinv))) {
        st = careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        goto fail;
    }
    chol_inverse(&ch, out->cinv);
    solve(d, m, out);
    free(ch.L);
    return CAREER_OK;
fail:
    free(ch.L);
    return st;
}

void careerp_ols_free(careerp_ols *o)
{
    free(o->cinv);
    o->cinv = NULL;
}

double careerp_ols_df(const careerp_ols *o)
{
    return o->n - (double)o->m - 1.0;
}

double careerp_ols_se(const careerp_ols *o, size_t k)
{
    double s2 = o->rss / careerp_ols_df(o);

    return sqrt(s2 * (double)o->cinv[k * o->m + k]);
}

/* ---- the rows of a workforce -------------------------------------------- */

static int wf_get(const void *ctx, size_t i, const double **factors,
                  double *y, int *group)
{
    const careerp_wf_rows *c = ctx;
    const career_worker *w = &c->wf->workers[c->index ? c->index[i] : i];
    careerp_level l;

    if ((c->category != CAREER_EQUITY_ALL && w->category != c->category) ||
        w->sex == CAREER_SEX_NOT_GIVEN)
        return 0;
    careerp_level_of(w, &l);
    if (!(l.hourly > 0.0))
        return 0;
    *factors = w->factors;
    *y = log(l.hourly);
    *group = w->sex == CAREER_SEX_MALE;
    return 1;
}

void careerp_wf_rows_init(careerp_eq_rows *rows, careerp_wf_rows *ctx,
                          const career_workforce *wf, size_t category)
{
    careerp_wf_rows_subset(rows, ctx, wf, category, NULL, wf->n);
}

void careerp_wf_rows_subset(careerp_eq_rows *rows, careerp_wf_rows *ctx,
                            const career_workforce *wf, size_t category,
                            const size_t *index, size_t n)
{
    ctx->wf = wf;
    ctx->category = category;
    ctx->index = index;
    rows->n = n;
    rows->get = wf_get;
    rows->ctx = ctx;
}

/* ---- the adjusted gap ------------------------------------------------------ */

career_status careerp_moments_of(const careerp_design *d,
                                 const careerp_eq_rows *rows, long double *ma,
                                 long double *mb, size_t *na, size_t *nb)
{
    double w[CAREERP_EQ_MAX_COLS + 3], y;
    double *blk = calloc(2 * d->q * d->q, sizeof *blk);
    careerp_sums sa = {d->q, 0, ma, blk}, sb = {d->q, 0, mb, NULL};
    const double *v;
    size_t i;
    int g;

    if (!blk)
        return CAREER_ERR_NOMEM;
    sb.blk = blk + d->q * d->q;
    *na = *nb = 0;
    for (i = 0; i < rows->n; i++) {
        if (!rows->get(rows->ctx, i, &v, &y, &g))
            continue;
        careerp_design_row(d, v, g ? 0.0 : 1.0, y, w);
        careerp_sums_add(g || !mb ? &sa : &sb, w);
        *(g ? na : nb) += 1;
    }
    careerp_sums_flush(&sa);
    if (mb)
        careerp_sums_flush(&sb);
    free(blk);
    return CAREER_OK;
}

career_status careerp_gap_fit(const career_factor *factors, size_t nfactors,
                              const careerp_eq_rows *rows, int drop,
                              careerp_design *d, careerp_ols *fit,
                              career_error *err)
{
    unsigned char use[CAREERP_EQ_MAX_COLS + 3];
    long double *m;
    size_t kept, na, nb;
    career_status st;

    fit->cinv = NULL;
    fit->failed = 0;
    if ((st = careerp_design_init(d, factors, nfactors, 1, err)))
        return st;
    careerp_design_center(d, rows, &kept);
    if (!(m = calloc(d->q * d->q, sizeof *m)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    if (careerp_moments_of(d, rows, m, NULL, &na, &nb) != CAREER_OK) {
        free(m);
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    if (na == 0 || nb == 0) {
        free(m);
        return careerp_fail(err, CAREER_ERR_FIT, "no %s: no gap to adjust",
                            nb == 0 ? "women" : "men");
    }
    memset(use, 1, sizeof use);
    st = careerp_ols_fit(d, m, use, drop, "", fit, err);
    free(m);
    return st;
}

career_status careerp_equity_prepare(const career_workforce *wf,
                                     const career_equity_options *opts,
                                     size_t category,
                                     career_equity_options *o,
                                     career_error *err)
{
    career_status st;

    if ((st = careerp_equity_resolve(opts, o, err)) ||
        (st = careerp_workforce_check(wf, err)))
        return st;
    if (category != CAREER_EQUITY_ALL && category >= wf->ncategories)
        return careerp_fail(err, CAREER_ERR_NOT_FOUND,
                            "category %zu: there are %zu", category,
                            wf->ncategories);
    return CAREER_OK;
}

career_status career_equity_regress(const career_workforce *wf,
                                    const career_equity_options *opts,
                                    size_t category, career_equity_fit *out,
                                    career_error *err)
{
    career_equity_options o;
    careerp_eq_rows rows;
    careerp_wf_rows ctx;
    careerp_design d;
    careerp_ols fit;
    career_equity_fit r;
    career_status st;
    double df;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    if ((st = careerp_equity_prepare(wf, opts, category, &o, err)))
        return st;
    careerp_wf_rows_init(&rows, &ctx, wf, category);
    if ((st = careerp_gap_fit(wf->factors, wf->nfactors, &rows,
                              (o.flags & CAREER_EQUITY_DROP) != 0, &d, &fit,
                              err)))
        return st;
    memset(&r, 0, sizeof r);
    r.n = (size_t)fit.n;
    r.columns = fit.m + 1;
    r.dropped = fit.dropped;
    r.coefficient = fit.beta[d.q - 2];
    r.std_error = careerp_ols_se(&fit, fit.m - 1);
    df = careerp_ols_df(&fit);
    r.t = r.coefficient / r.std_error;
    r.p_value = r.std_error > 0.0 ? 2.0 * gsl_cdf_tdist_Q(fabs(r.t), df)
                                  : 0.0;
    r.r_squared = fit.tss > 0.0 ? 1.0 - fit.rss / fit.tss : NAN;
    r.adjusted_gap = -expm1(r.coefficient);
    careerp_ols_free(&fit);
    *out = r;
    return CAREER_OK;
}
