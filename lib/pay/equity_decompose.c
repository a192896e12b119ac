/* equity_decompose.c - the Oaxaca-Blinder decomposition: threefold,
 * twofold against six references, the detailed terms with categorical
 * levels normalised (Gardeazabal and Ugidos 2004), and standard errors by
 * a seeded bootstrap (the rows of each group resampled within it). Every
 * regression comes from the two groups' moments (equity_fit.c): one pass
 * over the rows, and one more per bootstrap replication. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

/* A term's figures, and the aggregate ones. */
enum { T_MEAN_A, T_MEAN_B, T_COEF_A, T_COEF_B, T_COEF_R, T_E, T_C, T_I, T_X,
       T_U, T_FIELDS };
enum { A_E, A_C, A_I, A_X, A_U, A_GROUP, A_MEAN_A, A_MEAN_B, A_FIELDS };

/* What one decomposition reads. */
typedef struct ob_input {
    const careerp_design *d;
    const long double *ma, *mb;
    long double *mp; /* work: the pooled moments                        */
    unsigned char use[CAREERP_EQ_MAX_COLS + 3];
    int drop;
    career_oaxaca_reference ref;
    const char *label_a, *label_b;
    size_t nterms;
} ob_input;

/* The terms of a design: the intercept, each numeric factor, each level
 * of each categorical one. */
static size_t term_count(const career_factor *f, size_t nf)
{
    size_t j, n = 1;

    for (j = 0; j < nf; j++)
        n += f[j].kind == CAREER_FACTOR_CATEGORICAL ? f[j].levels : 1;
    return n;
}

/* Drops from use[] the columns the fit left out. */
static size_t sync_use(const ob_input *in, unsigned char *use,
                       const careerp_ols *fit)
{
    size_t c, k = 0, dropped = 0;

    for (c = 1; c + 1 < in->d->q; c++) {
        if (!use[c])
            continue;
        if (k < fit->m && fit->col[k] == c)
            k++;
        else
            use[c] = 0, dropped++;
    }
    return dropped;
}

/* beta_A and beta_B over the same columns. */
static career_status fit_groups(ob_input *in, careerp_ols *fa,
                                careerp_ols *fb, career_error *err)
{
    career_status st;
    int again = 1;

    if (in->d->indicator)
        in->use[in->d->q - 2] = 0;
    while (again) {
        again = 0;
        if ((st = careerp_ols_fit(in->d, in->ma, in->use, in->drop,
                                  in->label_a, fa, err)))
            return st;
        sync_use(in, in->use, fa);
        if ((st = careerp_ols_fit(in->d, in->mb, in->use, in->drop,
                                  in->label_b, fb, err))) {
            careerp_ols_free(fa);
            return st;
        }
        if (sync_use(in, in->use, fb)) {
            careerp_ols_free(fa);
            careerp_ols_free(fb);
            again = 1; /* A again, without B's dropped columns */
        }
    }
    return CAREER_OK;
}

/* The reference coefficients beta* (by design column) and, for POOLED,
 * the indicator's. */
static career_status reference(ob_input *in, const careerp_ols *fa,
                               const careerp_ols *fb, double *br,
                               double *group, career_error *err)
{
    size_t q = in->d->q, c;
    double na = fa->n, nb = fb->n, wa;
    careerp_ols fp;
    career_status st;

    *group = NAN;
    if (in->ref == CAREER_OAXACA_POOLED || in->ref == CAREER_OAXACA_NEUMARK) {
        unsigned char use[CAREERP_EQ_MAX_COLS + 3];
        memcpy(use, in->use, sizeof use);
        use[q - 2] = in->ref == CAREER_OAXACA_POOLED;
        for (c = 0; c < q * q; c++)
            in->mp[c] = in->ma[c] + in->mb[c];
        if ((st = careerp_ols_fit(in->d, in->mp, use, 0, "pooled", &fp, err)))
            return st;
        for (c = 0; c + 2 < q; c++)
            br[c] = fp.beta[c];
        if (in->ref == CAREER_OAXACA_POOLED)
            *group = fp.beta[q - 2];
        careerp_ols_free(&fp);
        return CAREER_OK;
    }
    wa = in->ref == CAREER_OAXACA_GROUP_A   ? 1.0
         : in->ref == CAREER_OAXACA_GROUP_B ? 0.0
         : in->ref == CAREER_OAXACA_REIMERS ? 0.5
                                            : na / (na + nb);
    for (c = 0; c + 2 < q; c++)
        br[c] = wa * fa->beta[c] + (1.0 - wa) * fb->beta[c];
    return CAREER_OK;
}

/* Fills a term's means and coefficients from design column c (0: none,
 * a categorical factor's level 0). */
static void term_from(double *t, const careerp_ols *fa, const careerp_ols *fb,
                      const double *br, size_t c)
{
    t[T_MEAN_A] = c ? fa->mean[c] : 0.0;
    t[T_MEAN_B] = c ? fb->mean[c] : 0.0;
    t[T_COEF_A] = c ? fa->beta[c] : 0.0;
    t[T_COEF_B] = c ? fb->beta[c] : 0.0;
    t[T_COEF_R] = c ? br[c] : 0.0;
}

/* The levels of a categorical factor: level 0's means, then the three
 * coefficient sets normalised to sum to zero over the levels the rows
 * have, their mean moved to the intercept (term 0). */
static void normalise(double *terms, size_t first, size_t levels,
                      double na, double nb)
{
    double ma = 1.0, mb = 1.0, avg[3] = {0, 0, 0};
    size_t l, k, present = 0;

    for (l = 1; l < levels; l++) {
        ma -= terms[(first + l) * T_FIELDS + T_MEAN_A];
        mb -= terms[(first + l) * T_FIELDS + T_MEAN_B];
    }
    terms[first * T_FIELDS + T_MEAN_A] = fmax(ma, 0.0);
    terms[first * T_FIELDS + T_MEAN_B] = fmax(mb, 0.0);
    for (l = 0; l < levels; l++) {
        double *t = terms + (first + l) * T_FIELDS;
        if (na * t[T_MEAN_A] + nb * t[T_MEAN_B] < 0.5)
            continue; /* no row has it: no coefficient to share */
        present++;
        for (k = 0; k < 3; k++)
            avg[k] += t[T_COEF_A + k];
    }
    for (k = 0; k < 3 && present; k++)
        avg[k] /= (double)present;
    for (l = 0; l < levels; l++) {
        double *t = terms + (first + l) * T_FIELDS;
        int has = na * t[T_MEAN_A] + nb * t[T_MEAN_B] >= 0.5;
        for (k = 0; k < 3; k++)
            t[T_COEF_A + k] = has ? t[T_COEF_A + k] - avg[k] : 0.0;
    }
    for (k = 0; k < 3; k++)
        terms[T_COEF_A + k] += avg[k];
}

/* Every term's means and (normalised) coefficients. */
static void fill_terms(const ob_input *in, const careerp_ols *fa,
                       const careerp_ols *fb, const double *br, double *terms)
{
    const careerp_design *d = in->d;
    size_t j, l, t = 1;

    term_from(terms, fa, fb, br, 0);
    terms[T_MEAN_A] = terms[T_MEAN_B] = 1.0;
    terms[T_COEF_A] = fa->beta[0];
    terms[T_COEF_B] = fb->beta[0];
    terms[T_COEF_R] = br[0];
    for (j = 0; j < d->nfactors; j++) {
        const career_factor *f = &d->factors[j];
        if (f->kind == CAREER_FACTOR_NUMERIC) {
            term_from(terms + t++ * T_FIELDS, fa, fb, br, d->first[j]);
            continue;
        }
        for (l = 0; l < f->levels; l++)
            term_from(terms + (t + l) * T_FIELDS, fa, fb, br,
                      l ? d->first[j] + l - 1 : 0);
        normalise(terms, t, f->levels, fa->n, fb->n);
        /* normalise moved the levels' means into term 0's coefficients */
        t += f->levels;
    }
}

/* The figures of every term, and their sums. */
static void figures(double *terms, size_t nterms, double *agg)
{
    size_t k;

    agg[A_E] = agg[A_C] = agg[A_I] = agg[A_X] = agg[A_U] = 0.0;
    for (k = 0; k < nterms; k++) {
        double *t = terms + k * T_FIELDS;
        double dx = t[T_MEAN_A] - t[T_MEAN_B];
        double db = t[T_COEF_A] - t[T_COEF_B];
        t[T_E] = dx * t[T_COEF_B];
        t[T_C] = t[T_MEAN_B] * db;
        t[T_I] = dx * db;
        t[T_X] = dx * t[T_COEF_R];
        t[T_U] = t[T_MEAN_A] * (t[T_COEF_A] - t[T_COEF_R]) +
                 t[T_MEAN_B] * (t[T_COEF_R] - t[T_COEF_B]);
        agg[A_E] += t[T_E], agg[A_C] += t[T_C], agg[A_I] += t[T_I];
        agg[A_X] += t[T_X], agg[A_U] += t[T_U];
    }
}

/* One decomposition from the groups' moments. */
static career_status decompose(ob_input *in, double *terms, double *agg,
                               career_error *err)
{
    careerp_ols fa, fb;
    double br[CAREERP_EQ_MAX_COLS + 2];
    career_status st;

    if ((st = fit_groups(in, &fa, &fb, err)))
        return st;
    if ((st = reference(in, &fa, &fb, br, &agg[A_GROUP], err)) == CAREER_OK) {
        fill_terms(in, &fa, &fb, br, terms);
        figures(terms, in->nterms, agg);
        agg[A_MEAN_A] = fa.mean[in->d->q - 1];
        agg[A_MEAN_B] = fb.mean[in->d->q - 1];
    }
    careerp_ols_free(&fa);
    careerp_ols_free(&fb);
    return st;
}

/* ---- the bootstrap ---------------------------------------------------------- */

/* splitmix64 (Steele, Lea and Flood 2014): one stream per seed. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Welford's running means and sums of squares. */
typedef struct running {
    size_t n, k;
    double *mean, *m2;
} running;

static void running_add(running *r, const double *v)
{
    size_t i;

    r->n++;
    for (i = 0; i < r->k; i++) {
        double delta = v[i] - r->mean[i];
        r->mean[i] += delta / (double)r->n;
        r->m2[i] += delta * (v[i] - r->mean[i]);
    }
}

/* What a replication keeps: the five aggregates and each term's X and U. */
static void replicate_values(const double *agg, const double *terms,
                             size_t nterms, double *v)
{
    size_t k;

    for (k = 0; k < 5; k++)
        v[k] = agg[k];
    for (k = 0; k < nterms; k++) {
        v[5 + 2 * k] = terms[k * T_FIELDS + T_X];
        v[6 + 2 * k] = terms[k * T_FIELDS + T_U];
    }
}

/* The rows of each group, once: their indices. */
typedef struct groups {
    size_t *ia, *ib, na, nb;
} groups;

static void resample(const careerp_eq_rows *rows, const careerp_design *d,
                     const size_t *idx, size_t n, uint64_t *state,
                     long double *m, double *blk)
{
    double w[CAREERP_EQ_MAX_COLS + 3], y;
    careerp_sums s = {d->q, 0, m, blk};
    const double *v;
    size_t k;
    int g;

    memset(m, 0, d->q * d->q * sizeof *m);
    memset(blk, 0, d->q * d->q * sizeof *blk);
    for (k = 0; k < n; k++) {
        size_t i = idx[next_random(state) % n];
        (void)rows->get(rows->ctx, i, &v, &y, &g);
        careerp_design_row(d, v, g ? 0.0 : 1.0, y, w);
        careerp_sums_add(&s, w);
    }
    careerp_sums_flush(&s);
}

static career_status bootstrap(const ob_input *base,
                               const careerp_eq_rows *rows, const groups *gr,
                               size_t reps, uint64_t seed, running *r,
                               double *work)
{
    size_t q = base->d->q, rep;
    long double *m = malloc(2 * q * q * sizeof *m);
    double *blk = malloc(q * q * sizeof *blk);
    double *terms = work, *v = work + base->nterms * T_FIELDS, agg[A_FIELDS];
    uint64_t state = seed;
    ob_input in = *base;

    if (!m || !blk) {
        free(m);
        free(blk);
        return CAREER_ERR_NOMEM;
    }
    in.ma = m;
    in.mb = m + q * q;
    in.drop = 1;
    for (rep = 0; rep < reps; rep++) {
        career_status st;
        resample(rows, in.d, gr->ia, gr->na, &state, m, blk);
        resample(rows, in.d, gr->ib, gr->nb, &state, m + q * q, blk);
        memcpy(in.use, base->use, sizeof in.use);
        st = decompose(&in, terms, agg, NULL);
        if (st == CAREER_ERR_NOMEM) {
            free(m);
            free(blk);
            return st;
        }
        if (st != CAREER_OK)
            continue; /* a resample too thin to fit: left out */
        replicate_values(agg, terms, base->nterms, v);
        running_add(r, v);
    }
    free(m);
    free(blk);
    return CAREER_OK;
}

static career_status index_groups(const careerp_eq_rows *rows, groups *gr)
{
    const double *v;
    double y;
    size_t i;
    int g;

    gr->ia = malloc((gr->na ? gr->na : 1) * sizeof *gr->ia);
    gr->ib = malloc((gr->nb ? gr->nb : 1) * sizeof *gr->ib);
    if (!gr->ia || !gr->ib)
        return CAREER_ERR_NOMEM;
    gr->na = gr->nb = 0;
    for (i = 0; i < rows->n; i++)
        if (rows->get(rows->ctx, i, &v, &y, &g))
            (g ? gr->ia : gr->ib)[g ? gr->na++ : gr->nb++] = i;
    return CAREER_OK;
}

/* Standard errors from the replications kept (NaN with fewer than 2). */
static double sd_of(const running *r, size_t k)
{
    return r->n >= 2 ? sqrt(r->m2[k] / (double)(r->n - 1)) : NAN;
}

/* ---- the whole -------------------------------------------------------------- */

typedef struct ob_work {
    long double *m;  /* ma, mb, mp: 3 q x q                           */
    double *terms;   /* nterms x T_FIELDS, twice (one for the bootstrap) */
    double *values;  /* the bootstrap's 5 + 2 nterms values           */
    running r;
    groups gr;
} ob_work;

static void work_free(ob_work *w)
{
    free(w->m);
    free(w->terms);
    free(w->r.mean);
    free(w->r.m2);
    free(w->gr.ia);
    free(w->gr.ib);
}

static career_status work_alloc(ob_work *w, size_t q, size_t nterms,
                                size_t reps)
{
    size_t k = 5 + 2 * nterms;

    memset(w, 0, sizeof *w);
    w->m = calloc(3 * q * q, sizeof *w->m);
    w->terms = malloc((2 * nterms * T_FIELDS + k) * sizeof *w->terms);
    if (reps) {
        w->r.k = k;
        w->r.mean = calloc(k, sizeof *w->r.mean);
        w->r.m2 = calloc(k, sizeof *w->r.m2);
    }
    if (!w->m || !w->terms || (reps && (!w->r.mean || !w->r.m2)))
        return CAREER_ERR_NOMEM;
    return CAREER_OK;
}

static void write_result(const ob_input *in, const double *agg,
                         const double *terms, const ob_work *w, size_t na,
                         size_t nb, size_t dropped, career_oaxaca *out,
                         career_oaxaca_term *tout)
{
    career_oaxaca r;
    const career_factor *f = in->d->factors;
    size_t k, j = 0, l = 0;

    memset(&r, 0, sizeof r);
    r.n_a = na, r.n_b = nb, r.terms = in->nterms, r.dropped = dropped;
    r.mean_a = agg[A_MEAN_A], r.mean_b = agg[A_MEAN_B];
    r.gap = r.mean_a - r.mean_b;
    r.endowments = agg[A_E], r.coefficients = agg[A_C];
    r.interaction = agg[A_I];
    r.reference = in->ref;
    r.explained = agg[A_X], r.unexplained = agg[A_U];
    r.group_coefficient = agg[A_GROUP];
    r.se_endowments = sd_of(&w->r, A_E);
    r.se_coefficients = sd_of(&w->r, A_C);
    r.se_interaction = sd_of(&w->r, A_I);
    r.se_explained = sd_of(&w->r, A_X);
    r.se_unexplained = sd_of(&w->r, A_U);
    for (k = 0; tout && k < in->nterms; k++) {
        const double *t = terms + k * T_FIELDS;
        career_oaxaca_term *o = &tout[k];
        memset(o, 0, sizeof *o);
        o->factor = k ? j : CAREER_OAXACA_INTERCEPT;
        o->level = k ? l : 0;
        o->mean_a = t[T_MEAN_A], o->mean_b = t[T_MEAN_B];
        o->coef_a = t[T_COEF_A], o->coef_b = t[T_COEF_B];
        o->coef_ref = t[T_COEF_R];
        o->endowments = t[T_E], o->coefficients = t[T_C];
        o->interaction = t[T_I];
        o->explained = t[T_X], o->unexplained = t[T_U];
        o->se_explained = sd_of(&w->r, 5 + 2 * k);
        o->se_unexplained = sd_of(&w->r, 6 + 2 * k);
        if (k && (f[j].kind == CAREER_FACTOR_NUMERIC || ++l == f[j].levels))
            j++, l = 0;
    }
    *out = r;
}

/* The decomposition of rows on factors (checked). */
static career_status oaxaca_rows(const careerp_eq_rows *rows,
                                 const career_factor *factors, size_t nf,
                                 const career_equity_options *o,
                                 const char *label_a, const char *label_b,
                                 career_oaxaca *out,
                                 career_oaxaca_term *terms, size_t nterms,
                                 career_error *err)
{
    careerp_design d;
    ob_input in;
    ob_work w;
    double agg[A_FIELDS];
    size_t kept, na, nb, dropped, c, cand = 0;
    career_status st;

    if ((st = careerp_design_init(&d, factors, nf, 1, err)))
        return st;
    memset(&in, 0, sizeof in);
    in.nterms = term_count(factors, nf);
    if (terms && nterms < in.nterms)
        return careerp_fail(err, CAREER_ERR_BUFFER,
                            "terms: room for %zu, the decomposition has %zu",
                            nterms, in.nterms);
    careerp_design_center(&d, rows, &kept);
    if ((st = work_alloc(&w, d.q, in.nterms, o->bootstrap))) {
        work_free(&w);
        return careerp_fail(err, st, "out of memory");
    }
    if (careerp_moments_of(&d, rows, w.m, w.m + d.q * d.q, &na, &nb)) {
        work_free(&w);
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    in.d = &d, in.ma = w.m, in.mb = w.m + d.q * d.q;
    in.mp = w.m + 2 * d.q * d.q;
    memset(in.use, 1, sizeof in.use);
    in.drop = (o->flags & CAREER_EQUITY_DROP) != 0;
    in.ref = o->reference;
    in.label_a = label_a, in.label_b = label_b;
    if ((st = decompose(&in, w.terms, agg, err)))
        goto done;
    for (c = 1, dropped = 0; c + 2 < d.q; c++)
        cand++, dropped += !in.use[c];
    w.gr.na = na, w.gr.nb = nb;
    if (o->bootstrap &&
        ((st = index_groups(rows, &w.gr)) ||
         (st = bootstrap(&in, rows, &w.gr, o->bootstrap, o->seed, &w.r,
                         w.terms + in.nterms * T_FIELDS)))) {
        st = careerp_fail(err, st, "out of memory");
        goto done;
    }
    write_result(&in, agg, w.terms, &w, na, nb, dropped, out, terms);
done:
    work_free(&w);
    return st;
}

/* ---- the public functions ------------------------------------------------ */

typedef struct array_rows {
    const double *y, *x;
    const unsigned char *group;
    size_t nf;
} array_rows;

static int array_get(const void *ctx, size_t i, const double **factors,
                     double *y, int *group)
{
    const array_rows *a = ctx;

    *factors = a->x ? a->x + i * a->nf : NULL;
    *y = a->y[i];
    *group = a->group[i] != 0;
    return 1;
}

static career_status check_arrays(const double *y, const unsigned char *group,
                                  const double *x, size_t n,
                                  const career_factor *factors, size_t nf,
                                  career_error *err)
{
    char where[64];
    career_status st;
    size_t i, j;

    if (!y || !group || (nf && !x) || n == 0)
        return careerp_fail(err, CAREER_ERR_ARG, "%s",
                            !y ? "y: NULL" : !group ? "group: NULL"
                            : n == 0 ? "n: no rows" : "x: NULL");
    if ((st = careerp_factors_check(factors, nf, err)))
        return st;
    for (i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "y[%zu]: must be a finite number", i);
        for (j = 0; j < nf; j++) {
            snprintf(where, sizeof where, "x[%zu][%zu]", i, j);
            if ((st = careerp_factor_value_check(&factors[j], x[i * nf + j],
                                                 where, err)))
                return st;
        }
    }
    return CAREER_OK;
}

career_status career_oaxaca_compute(const double *y,
                                    const unsigned char *group,
                                    const double *x, size_t n,
                                    const career_factor *factors,
                                    size_t nfactors,
                                    const career_equity_options *opts,
                                    career_oaxaca *out,
                                    career_oaxaca_term *terms, size_t nterms,
                                    career_error *err)
{
    career_equity_options o;
    careerp_eq_rows rows;
    array_rows a = {y, x, group, nfactors};
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    if ((st = careerp_equity_resolve(opts, &o, err)) ||
        (st = check_arrays(y, group, x, n, factors, nfactors, err)))
        return st;
    rows.n = n;
    rows.get = array_get;
    rows.ctx = &a;
    return oaxaca_rows(&rows, factors, nfactors, &o, "group A", "group B",
                       out, terms, nterms, err);
}

career_status career_equity_decompose(const career_workforce *wf,
                                      const career_equity_options *opts,
                                      size_t category, career_oaxaca *out,
                                      career_oaxaca_term *terms,
                                      size_t nterms, career_error *err)
{
    career_equity_options o;
    careerp_eq_rows rows;
    careerp_wf_rows ctx;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    if ((st = careerp_equity_prepare(wf, opts, category, &o, err)))
        return st;
    careerp_wf_rows_init(&rows, &ctx, wf, category);
    return oaxaca_rows(&rows, wf->factors, wf->nfactors, &o, "the men",
                       "the women", out, terms, nterms, err);
}
