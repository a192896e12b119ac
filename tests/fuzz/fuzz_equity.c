/* fuzz_equity.c - libFuzzer target for a workforce read from any bytes
 * (CSV, or .xlsx when they start as a zip archive) and every pay equity
 * function run on it: the reader must open it or say why, with *out NULL;
 * on a workforce it opened, each function must succeed or fail with a
 * message, and what succeeds must hold together: shares in [0, 1] that
 * add up, a remedy whose raises add up to its cost and reach its target
 * unless it says they cannot. */
#include "career.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(career_status st, const career_error *err)
{
    if (st != CAREER_OK && (!err->text[0] || err->status != st))
        abort();
}

static int share(double x)
{
    return isnan(x) || (x >= -1e-12 && x <= 1.0 + 1e-12);
}

static void reports(const career_workforce *wf)
{
    career_eu_category *cats = calloc(wf->ncategories, sizeof *cats);
    career_eu_report eu;
    career_uk_report uk;
    career_worker_info info;
    career_error err;
    career_status st;
    size_t q;

    if (!cats)
        abort();
    st = career_eu_report_compute(wf, NULL, &eu, cats, wf->ncategories, &err);
    check(st, &err);
    for (q = 0; st == CAREER_OK && q < 4; q++)
        if (!share(eu.quartile_women[q]) ||
            (!isnan(eu.quartile_women[q]) &&
             fabs(eu.quartile_women[q] + eu.quartile_men[q] - 1.0) > 1e-9))
            abort();
    if (st == CAREER_OK && eu.women + eu.men + eu.not_given != wf->n)
        abort();
    st = career_uk_report_compute(wf, &uk, &err);
    check(st, &err);
    for (q = 0; st == CAREER_OK && q < 4; q++)
        if (!share(uk.quartile_women[q]) || !share(uk.bonus_share_men))
            abort();
    check(career_worker_info_compute(wf, NULL, 0, &info, &err), &err);
    free(cats);
}

static void analyses(const career_workforce *wf)
{
    career_equity_options o = {0};
    career_remedy_options ru = {0};
    career_equity_fit fit;
    career_oaxaca ob;
    career_oaxaca_term terms[64];
    career_remedy rem;
    career_error err;
    int64_t *raise = calloc(wf->n, sizeof *raise), sum = 0;
    career_status st;
    size_t i;

    if (!raise)
        abort();
    o.flags = CAREER_EQUITY_DROP;
    o.bootstrap = 3;
    check(career_equity_regress(wf, &o, CAREER_EQUITY_ALL, &fit, &err), &err);
    st = career_equity_decompose(wf, &o, CAREER_EQUITY_ALL, &ob, terms, 64,
                                 &err);
    check(st, &err);
    if (st == CAREER_OK &&
        fabs(ob.endowments + ob.coefficients + ob.interaction - ob.gap) >
            1e-6 * (1.0 + fabs(ob.gap)))
        abort();
    ru.target = 0.05;
    ru.max_raise = 0.2;
    st = career_equity_remedy(wf, &o, &ru, CAREER_EQUITY_ALL, &rem, raise,
                              wf->n, &err);
    check(st, &err);
    for (i = 0; st == CAREER_OK && i < wf->n; i++) {
        if (raise[i] < 0)
            abort();
        sum += raise[i];
    }
    if (st == CAREER_OK && (sum != rem.cost_cents ||
                            (!(rem.flags & CAREER_REMEDY_UNMET) &&
                             !(fabs(rem.gap_after) <= 0.05 + 1e-9))))
        abort();
    free(raise);
}

static void run(const uint8_t *data, size_t size,
                const career_workforce_columns *cols)
{
    career_workforce_table *t = NULL;
    career_workforce wf;
    career_error err;

    if (career_workforce_open_memory(data, size, "fuzz", cols, &t, &err) !=
        CAREER_OK) {
        if (t || !err.text[0])
            abort();
        return;
    }
    career_workforce_of(t, &wf);
    if (wf.n == 0 || wf.ncategories == 0)
        abort();
    reports(&wf);
    analyses(&wf);
    career_workforce_close(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const factors[] = {"years", "tier"};
    career_workforce_columns cols = {0};

    run(data, size, NULL);
    cols.factors = factors;
    cols.nfactors = 2;
    run(data, size, &cols);
    return 0;
}
