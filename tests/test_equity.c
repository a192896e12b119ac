/* test_equity.c - pay transparency and pay equity (lib/pay/equity*.c):
 * the EU and UK reports, the adjusted gap, the Oaxaca-Blinder
 * decomposition and the cheapest remedy, against values computed
 * independently by tests/ref/equity_ref.py (statsmodels' OLS and
 * OaxacaBlinder, scipy's SLSQP) and tests/ref/uk_quartiles_ref.py (reg 13
 * step by step in exact fractions), and a nine-row case one can check by hand, which
 * can be checked by hand. Every status code of the functions is provoked
 * (CAREER_ERR_NOMEM in test_equity_alloc.c). */
#include "util.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* ---- the 24-worker workforce of tests/ref/equity_ref.py (WORKERS) ------ */

/* sex, category, pay, period, weekly hours, bonus, reduced pay, years,
 * tier */
static const double WORKERS[24][9] = {
    {1, 0, 39832.78, 0, 40, 0, 0, 4.9, 0}, {2, 0, 5221.89, 1, 40, 0, 0, 2.4, 2},
    {1, 0, 24.18, 2, 30, 0, 0, 5.4, 0},    {2, 0, 1396.65, 3, 20, 0, 0, 13.7, 2},
    {1, 0, 68190.22, 0, 40, 2500, 0, 17.6, 2},
    {2, 0, 3342.26, 1, 30, 500, 1, 3.6, 0},
    {1, 0, 21.07, 2, 40, 0, 0, 14.0, 0},   {2, 0, 1059.21, 3, 20, 500, 0, 6.2, 1},
    {1, 0, 38789.14, 0, 20, 0, 0, 5.6, 0},
    {2, 0, 4230.08, 1, 37.5, 2500, 0, 1.0, 1},
    {1, 0, 25.04, 2, 40, 2500, 0, 10.1, 1},
    {2, 0, 1361.82, 3, 30, 1200, 0, 18.5, 2},
    {1, 0, 51953.81, 0, 30, 500, 0, 11.7, 1},
    {2, 0, 5775.0, 1, 30, 2500, 0, 10.5, 2},
    {1, 1, 19.33, 2, 37.5, 2500, 0, 1.8, 0},
    {2, 1, 1005.9, 3, 40, 500, 0, 1.2, 1}, {1, 1, 39126.35, 0, 40, 0, 0, 8.0, 0},
    {2, 1, 3712.47, 1, 40, 1200, 0, 10.9, 0},
    {1, 1, 35.57, 2, 30, 0, 0, 3.8, 2},
    {2, 1, 1376.13, 3, 37.5, 0, 0, 14.8, 2},
    {1, 1, 42201.12, 0, 30, 2500, 0, 8.2, 0},
    {2, 1, 4008.74, 1, 30, 0, 0, 16.9, 0},
    {1, 1, 29.11, 2, 40, 2500, 0, 5.7, 2},
    {0, 1, 1193.65, 3, 37.5, 500, 0, 1.3, 2},
};
#define NW 24

static const char *const category_names[] = {"Engineering", "Support"};
static const char *const tier_names[] = {"junior", "mid", "senior"};

typedef struct fixture {
    career_worker w[NW];
    double values[NW][2];
    career_factor factors[2];
    career_workforce wf;
} fixture;

static void fixture_init(fixture *f)
{
    size_t i;

    memset(f, 0, sizeof *f);
    f->factors[0].name = "years";
    f->factors[0].kind = CAREER_FACTOR_NUMERIC;
    f->factors[1].name = "tier";
    f->factors[1].kind = CAREER_FACTOR_CATEGORICAL;
    f->factors[1].levels = 3;
    f->factors[1].level_names = tier_names;
    for (i = 0; i < NW; i++) {
        const double *r = WORKERS[i];
        f->values[i][0] = r[7];
        f->values[i][1] = r[8];
        f->w[i].sex = (career_sex)(int)r[0];
        f->w[i].category = (size_t)r[1];
        f->w[i].pay = r[2];
        f->w[i].period = (career_pay_period)(int)r[3];
        f->w[i].hours = r[4];
        f->w[i].bonus = r[5];
        f->w[i].flags = r[6] != 0.0 ? CAREER_WORKER_REDUCED_PAY : 0u;
        f->w[i].factors = f->values[i];
    }
    f->wf.workers = f->w;
    f->wf.n = NW;
    f->wf.categories = category_names;
    f->wf.ncategories = 2;
    f->wf.factors = f->factors;
    f->wf.nfactors = 2;
}

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);

    if (!f)
        return -1;
    fixture_init(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

/* ---- a nine-row case to check by hand ------------------------------------ */

static const double nine_y[9] = {3.00, 3.10, 3.25, 3.30, 3.45,
                                 2.90, 2.95, 3.05, 3.15};
static const double nine_x[9] = {1, 3, 5, 7, 9, 0, 2, 4, 6};
static const unsigned char nine_g[9] = {1, 1, 1, 1, 1, 0, 0, 0, 0};
static const career_factor nine_f[1] = {{"x", CAREER_FACTOR_NUMERIC, 0,
                                         NULL, {0}}};

static void nine(career_oaxaca_reference ref, career_oaxaca *r,
                 career_oaxaca_term *t)
{
    career_equity_options o = {0};
    career_error err;

    o.reference = ref;
    assert_status(career_oaxaca_compute(nine_y, nine_g, nine_x, 9, nine_f, 1,
                                        &o, r, t, 2, &err),
                  CAREER_OK);
}

/* By hand: men x = 1..9 odd, ybar 3.22, slope 0.055; women x = 0..6
 * even, ybar 3.0125, slope 0.0425: E = 2 x 0.0425, C = 0.06 + 3 x
 * 0.0125, I = 2 x 0.0125. */
static void nine_row_threefold(void **state)
{
    career_oaxaca r;
    career_oaxaca_term t[2];

    (void)state;
    nine(CAREER_OAXACA_POOLED, &r, t);
    assert_int_equal(r.n_a, 5);
    assert_int_equal(r.n_b, 4);
    assert_int_equal(r.terms, 2);
    assert_close(r.gap, 0.2075, 1e-12);
    assert_close(r.endowments, 0.085, 1e-12);
    assert_close(r.coefficients, 0.0975, 1e-12);
    assert_close(r.interaction, 0.025, 1e-12);
    /* the terms: the intercept's coefficient part, x's the rest */
    assert_true(t[0].factor == CAREER_OAXACA_INTERCEPT);
    assert_int_equal(t[1].factor, 0);
    assert_close(t[0].coefficients, 0.06, 1e-12);
    assert_close(t[1].coefficients, 0.0375, 1e-12);
    assert_close(t[1].coef_a, 0.055, 1e-12);
    assert_close(t[1].coef_b, 0.0425, 1e-12);
    assert_true(isnan(r.se_explained)); /* no bootstrap asked */
}

/* By hand, and by equity_ref.py (statsmodels): the twofold figures. */
static void nine_row_twofold(void **state)
{
    static const struct {
        career_oaxaca_reference ref;
        double x, u;
    } want[] = {
        {CAREER_OAXACA_POOLED, 0.101666666667, 0.105833333333},
        {CAREER_OAXACA_NEUMARK, 0.115322580645, 0.0921774193548},
        {CAREER_OAXACA_REIMERS, 0.0975, 0.11},
        {CAREER_OAXACA_COTTON, 0.0988888888889, 0.108611111111},
        {CAREER_OAXACA_GROUP_A, 0.11, 0.0975},
        {CAREER_OAXACA_GROUP_B, 0.085, 0.1225},
    };
    career_oaxaca r;
    career_oaxaca_term t[2];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        nine(want[i].ref, &r, t);
        assert_int_equal(r.reference, want[i].ref);
        assert_close(r.explained, want[i].x, 1e-11);
        assert_close(r.unexplained, want[i].u, 1e-11);
        assert_close(t[0].explained + t[1].explained, r.explained, 1e-12);
        assert_close(t[0].unexplained + t[1].unexplained, r.unexplained,
                     1e-12);
        if (want[i].ref == CAREER_OAXACA_POOLED)
            assert_close(r.group_coefficient, -0.105833333333, 1e-11);
        else
            assert_true(isnan(r.group_coefficient));
    }
}

/* ---- Greene's credit card data ------------------------------------------------ */

/* Greene's credit card data as Debian's python3-statsmodels ships it (its
 * authors keep the rights, so it is read there, not copied here): AVGEXP,
 * AGE, INCOME, INCOMESQ, OWNRENT. 0 rows, and the test skips, without it. */
#define CCARD_CSV                                                            \
    "/usr/lib/python3/dist-packages/statsmodels/datasets/ccard/ccard.csv"

static size_t ccard(double *y, double *x, unsigned char *g)
{
    FILE *fp = fopen(CCARD_CSV, "r");
    char line[256];
    size_t n = 0;

    if (!fp) {
        print_message("skipped: no %s (Debian: python3-statsmodels)\n",
                      CCARD_CSV);
        return 0;
    }
    assert_non_null(fgets(line, sizeof line, fp)); /* the header */
    while (n < 72 && fgets(line, sizeof line, fp)) {
        double own;
        assert_int_equal(sscanf(line, "%lf,%lf,%lf,%lf,%lf", &y[n],
                                &x[3 * n], &x[3 * n + 1], &x[3 * n + 2],
                                &own),
                         5);
        g[n++] = own != 0.0;
    }
    fclose(fp);
    return n;
}

static const career_factor ccard_f[3] = {
    {"AGE", CAREER_FACTOR_NUMERIC, 0, NULL, {0}},
    {"INCOME", CAREER_FACTOR_NUMERIC, 0, NULL, {0}},
    {"INCOMESQ", CAREER_FACTOR_NUMERIC, 0, NULL, {0}},
};

/* statsmodels' OaxacaBlinder and Stata's oaxaca agree on these, to
 * equity_ref.py's digits. Cotton's weights are each group's own share
 * (27/72 on the owners'); statsmodels 0.13.5 swaps them (see
 * equity_ref.py), so its 172.716 is not the reference. */
static void ccard_reference(void **state)
{
    static const struct {
        career_oaxaca_reference ref;
        double x, u;
    } want[] = {
        {CAREER_OAXACA_POOLED, 130.809536055, 27.9409083893},
        {CAREER_OAXACA_NEUMARK, 139.225774308, 19.5246701364},
        {CAREER_OAXACA_REIMERS, 202.522489635, -43.7720451903},
        {CAREER_OAXACA_COTTON, 232.328928374, -73.5784839291},
    };
    double y[72], x[216];
    unsigned char g[72];
    career_equity_options o = {0};
    career_oaxaca r;
    career_error err;
    size_t i;

    (void)state;
    if (ccard(y, x, g) == 0)
        skip();
    assert_int_equal(ccard(y, x, g), 72);
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        o.reference = want[i].ref;
        assert_status(career_oaxaca_compute(y, g, x, 72, ccard_f, 3, &o, &r,
                                            NULL, 0, &err),
                      CAREER_OK);
        assert_int_equal(r.n_a, 27);
        assert_int_equal(r.n_b, 45);
        assert_close(r.mean_a, 361.751111111, 1e-11);
        assert_close(r.mean_b, 203.000666667, 1e-11);
        assert_close(r.gap, 158.750444444, 1e-11);
        assert_close(r.endowments, 321.74824459, 1e-10);
        assert_close(r.coefficients, 75.453709765, 1e-10);
        assert_close(r.interaction, -238.451509911, 1e-10);
        assert_close(r.explained, want[i].x, 1e-10);
        assert_close(r.unexplained, want[i].u, 1e-10);
    }
}

/* The bootstrap: the same seed, the same errors; another seed, others. */
static void ccard_bootstrap(void **state)
{
    double y[72], x[216];
    unsigned char g[72];
    career_equity_options o = {0};
    career_oaxaca a, b, c;
    career_oaxaca_term t[4];

    (void)state;
    if (ccard(y, x, g) == 0)
        skip();
    o.bootstrap = 50;
    o.seed = 2385;
    assert_status(career_oaxaca_compute(y, g, x, 72, ccard_f, 3, &o, &a, t,
                                        4, NULL),
                  CAREER_OK);
    assert_status(career_oaxaca_compute(y, g, x, 72, ccard_f, 3, &o, &b,
                                        NULL, 0, NULL),
                  CAREER_OK);
    o.seed = 2386;
    assert_status(career_oaxaca_compute(y, g, x, 72, ccard_f, 3, &o, &c,
                                        NULL, 0, NULL),
                  CAREER_OK);
    assert_true(a.se_explained > 0.0 && isfinite(a.se_explained));
    assert_true(a.se_endowments > 0.0 && a.se_interaction > 0.0);
    assert_true(t[2].se_explained > 0.0);
    assert_true(a.se_unexplained == b.se_unexplained);
    assert_true(a.se_unexplained != c.se_unexplained);
    /* the point figures do not depend on the bootstrap */
    assert_close(a.explained, 130.809536055, 1e-10);
}

/* ---- the EU report --------------------------------------------------------------- */

static void eu_report(void **state)
{
    fixture *f = *state;
    career_eu_report r;
    career_eu_category c[3];
    career_error err;

    assert_status(career_eu_report_compute(&f->wf, NULL, &r, c, 3, &err),
                  CAREER_OK);
    assert_int_equal(r.workers, 24);
    assert_int_equal(r.women, 12);
    assert_int_equal(r.men, 11);
    assert_int_equal(r.not_given, 1);
    /* equity_ref.py, "eu" */
    assert_close(r.mean_gap_annual, 0.177330125297, 1e-10);
    assert_close(r.mean_gap_hourly, 0.270319795188, 1e-10);
    assert_close(r.mean_gap_variable, -0.704119850187, 1e-10);
    assert_close(r.median_gap_annual, 0.204676609888, 1e-10);
    assert_close(r.median_gap_hourly, 0.108761582134, 1e-10);
    assert_close(r.median_gap_variable, -1.08333333333, 1e-10);
    assert_close(r.variable_share_women, 0.5, 1e-15);
    assert_close(r.variable_share_men, 0.636363636364, 1e-11);
    assert_close(r.quartile_women[0], 0.833333333333, 1e-11);
    assert_close(r.quartile_women[1], 0.333333333333, 1e-11);
    assert_close(r.quartile_women[2], 0.666666666667, 1e-11);
    assert_close(r.quartile_women[3], 0.2, 1e-12);
    assert_close(r.quartile_men[3], 0.8, 1e-12);
    assert_int_equal(r.status, CAREER_GAP_OK);
    /* (g), per category */
    assert_close(c[0].gap_hourly, 0.34620518218, 1e-10);
    assert_close(c[0].gap_annual, 0.211684433807, 1e-10);
    assert_close(c[0].gap_basic, 0.345566472068, 1e-10);
    assert_close(c[0].gap_variable, -0.273148148148, 1e-10);
    assert_close(c[1].gap_hourly, 0.0672019055209, 1e-10);
    assert_close(c[1].gap_variable, -1.94117647059, 1e-10);
    assert_close(c[0].mean_hourly_women, 27.8866130463, 1e-10);
    assert_close(c[1].mean_annual_men, 54640.0925, 1e-11);
    assert_int_equal(c[1].not_given, 1);
    /* the adjusted gaps: 1 - e^c with equity_ref.py's "ols" c */
    assert_close(c[0].adjusted_gap, -expm1(-0.355383980682), 1e-10);
    assert_close(c[1].adjusted_gap, -expm1(0.104543522125), 1e-10);
    /* Article 10: both over 5 %, unexplained both ways; Article 12(3):
     * Support has 4 men */
    assert_int_equal(c[0].flags, CAREER_EU_ASSESS | CAREER_EU_UNEXPLAINED |
                                     CAREER_EU_OVER);
    assert_int_equal(c[1].flags, CAREER_EU_ASSESS | CAREER_EU_UNEXPLAINED |
                                     CAREER_EU_OVER | CAREER_EU_SUPPRESSED);
    assert_int_equal(r.assess, 2);
    assert_int_equal(r.unexplained, 2);
}

/* A gap of exactly 5 % is Article 10's "at least", not Article 24's
 * "more than"; a category of men alone has no gap, and says why. */
static void eu_threshold_and_empty(void **state)
{
    career_worker w[6];
    career_workforce wf = {0};
    career_equity_options o = {0};
    career_eu_report r;
    career_eu_category c[2];
    size_t i;

    (void)state;
    memset(w, 0, sizeof w);
    for (i = 0; i < 6; i++) {
        w[i].sex = i < 2 ? CAREER_SEX_FEMALE : CAREER_SEX_MALE;
        w[i].category = i < 4 ? 0 : 1;
        w[i].period = CAREER_PAY_HOUR;
        w[i].pay = i < 2 ? 95.0 : 100.0;
        w[i].hours = 40.0;
    }
    wf.workers = w;
    wf.n = 6;
    wf.ncategories = 2;
    o.flags = CAREER_EQUITY_NO_ADJUSTED;
    assert_status(career_eu_report_compute(&wf, &o, &r, c, 2, NULL),
                  CAREER_OK);
    assert_close(c[0].gap_hourly, 0.05, 1e-14);
    assert_int_equal(c[0].flags & (CAREER_EU_ASSESS | CAREER_EU_OVER),
                     CAREER_EU_ASSESS);
    assert_true(c[0].flags & CAREER_EU_SUPPRESSED);
    assert_int_equal(c[0].adjusted_status, CAREER_GAP_NOT_ASKED);
    assert_true(isnan(c[1].gap_hourly));
    assert_int_equal(c[1].status, CAREER_GAP_NO_WOMEN);
    assert_int_equal(c[1].flags & CAREER_EU_ASSESS, 0);
    /* no one has variable pay: no variable gap, and why */
    assert_true(isnan(r.mean_gap_variable));
    assert_int_equal(r.variable_status, CAREER_GAP_NO_WOMEN);
    assert_close(r.variable_share_women, 0.0, 1e-15);
    /* a threshold of its own */
    o.threshold = 0.06;
    assert_status(career_eu_report_compute(&wf, &o, &r, c, 2, NULL),
                  CAREER_OK);
    assert_int_equal(c[0].flags & CAREER_EU_ASSESS, 0);
    o.threshold = 0;
    o.flags = 0; /* the regression: a category of 4 with 4 columns */
    assert_status(career_eu_report_compute(&wf, &o, &r, c, 2, NULL),
                  CAREER_OK);
    assert_int_equal(c[1].adjusted_status, CAREER_GAP_NO_WOMEN);
}

/* The factors tell the sexes apart: no adjusted gap, and why. */
static void eu_confounded(void **state)
{
    fixture *f = *state;
    career_eu_report r;
    career_eu_category c[2];
    size_t i;

    for (i = 0; i < NW; i++)
        f->values[i][1] = f->w[i].sex == CAREER_SEX_FEMALE ? 1.0 : 0.0;
    assert_status(career_eu_report_compute(&f->wf, NULL, &r, c, 2, NULL),
                  CAREER_OK);
    assert_int_equal(c[0].adjusted_status, CAREER_GAP_CONFOUNDED);
    assert_true(isnan(c[0].adjusted_gap));
    assert_int_equal(c[0].flags & CAREER_EU_UNEXPLAINED, 0);
    fixture_init(f);
}

/* Article 7 and Article 12(3). */
static void worker_info(void **state)
{
    fixture *f = *state;
    career_worker_info info;
    career_equity_options o = {0};

    assert_status(career_worker_info_compute(&f->wf, NULL, 0, &info, NULL),
                  CAREER_OK);
    assert_int_equal(info.category, 0);
    assert_close(info.annual, 39832.78, 1e-15);
    assert_close(info.hourly, 39832.78 / (40.0 * 365.0 / 7.0), 1e-15);
    assert_int_equal(info.women, 7);
    assert_int_equal(info.men, 7);
    assert_int_equal(info.flags, 0);
    assert_close(info.mean_hourly_women, 27.8866130463, 1e-10);
    assert_close(info.mean_hourly_men, 42.6534629615, 1e-10);
    assert_close(info.mean_annual_women, 48323.2377551, 1e-10);
    assert_close(info.mean_annual_men, 61299.357551, 1e-10);
    /* Support: 4 men, fewer than 5 */
    assert_status(career_worker_info_compute(&f->wf, NULL, 14, &info, NULL),
                  CAREER_OK);
    assert_int_equal(info.flags, CAREER_EU_SUPPRESSED);
    assert_true(isnan(info.mean_hourly_women) && isnan(info.mean_annual_men));
    o.suppress = 4;
    assert_status(career_worker_info_compute(&f->wf, &o, 14, &info, NULL),
                  CAREER_OK);
    assert_int_equal(info.flags, 0);
    assert_close(info.mean_hourly_men, 28.6926907534, 1e-10);
}

/* The batch form gives each worker what the one-at-a-time form gives. */
static void worker_info_n(void **state)
{
    fixture *f = *state;
    career_worker_info one, many[NW];
    size_t index[NW], i;
    career_error err;

    for (i = 0; i < NW; i++)
        index[i] = NW - 1 - i;
    assert_status(career_worker_info_compute_n(&f->wf, NULL, index, many, NW,
                                               &err),
                  CAREER_OK);
    for (i = 0; i < NW; i++) {
        assert_status(career_worker_info_compute(&f->wf, NULL, index[i], &one,
                                                 NULL),
                      CAREER_OK);
        assert_memory_equal(&one, &many[i], sizeof one);
    }
    index[3] = NW;
    memset(many, 0x5A, sizeof many);
    assert_status(career_worker_info_compute_n(&f->wf, NULL, index, many, NW,
                                               &err),
                  CAREER_ERR_NOT_FOUND);
    assert_string_equal(err.text, "index[3]: worker 24, and there are 24 "
                                  "workers");
    assert_true(test_bytes_are(many, sizeof many, 0x5A));
    assert_status(career_worker_info_compute_n(&f->wf, NULL, NULL, many, 1,
                                               &err),
                  CAREER_ERR_ARG);
    assert_status(career_worker_info_compute_n(NULL, NULL, NULL, NULL, 0,
                                               &err),
                  CAREER_OK);
}

/* ---- the UK report -------------------------------------------------------------- */

static void uk_report(void **state)
{
    fixture *f = *state;
    career_uk_report r;

    assert_status(career_uk_report_compute(&f->wf, &r, NULL), CAREER_OK);
    assert_int_equal(r.relevant_women, 12);
    assert_int_equal(r.relevant_men, 11);
    assert_int_equal(r.full_pay_women, 12);
    assert_int_equal(r.full_pay_men, 10);
    assert_int_equal(r.bonus_women, 6);
    assert_int_equal(r.bonus_men, 7);
    /* equity_ref.py, "uk" */
    assert_close(r.mean_hourly_gap, 0.292203317902, 1e-10);
    assert_close(r.median_hourly_gap, 0.1873138381, 1e-10);
    assert_close(r.mean_bonus_gap, -0.704119850187, 1e-10);
    assert_close(r.median_bonus_gap, -1.08333333333, 1e-10);
    assert_close(r.bonus_share_women, 0.5, 1e-15);
    assert_close(r.bonus_share_men, 0.636363636364, 1e-11);
    assert_close(r.quartile_women[0], 0.833333333333, 1e-11);
    assert_close(r.quartile_women[1], 0.4, 1e-12);
    assert_close(r.quartile_women[2], 0.666666666667, 1e-11);
    assert_close(r.quartile_women[3], 0.2, 1e-12);
    /* as the service takes them */
    assert_true(career_gpg_percent(r.mean_hourly_gap) == 29.2);
    assert_true(career_gpg_percent(r.median_bonus_gap) == -108.3);
}

/* Reg 13 with a tie across two boundaries (tests/ref/uk_quartiles_ref.py):
 * 11 employees in bands of 3, 3, 3 and 2, five of them on 12.00 an hour
 * (2 women, 3 men) at places 3 to 7. */
static void uk_quartile_ties(void **state)
{
    static const double rate[11] = {10, 11, 12, 12, 12, 12, 12, 13, 14, 15,
                                    16};
    static const int female[11] = {1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1};
    static const double women[4] = {7.0 / 15, 2.0 / 5, 7.0 / 15, 0.5};
    static const double pct[4] = {46.7, 40.0, 46.7, 50.0};
    career_worker w[11];
    career_workforce wf = {0};
    career_uk_report r;
    size_t i;

    (void)state;
    memset(w, 0, sizeof w);
    /* listed out of order: the report ranks them */
    for (i = 0; i < 11; i++) {
        size_t j = (i * 7) % 11;
        w[i].sex = female[j] ? CAREER_SEX_FEMALE : CAREER_SEX_MALE;
        w[i].pay = rate[j];
        w[i].period = CAREER_PAY_HOUR;
        w[i].hours = 35.0;
    }
    wf.workers = w;
    wf.n = 11;
    wf.ncategories = 1;
    assert_status(career_uk_report_compute(&wf, &r, NULL), CAREER_OK);
    for (i = 0; i < 4; i++) {
        assert_close(r.quartile_women[i], women[i], 1e-15);
        assert_close(r.quartile_men[i], 1.0 - women[i], 1e-15);
        assert_true(career_gpg_percent(r.quartile_women[i]) == pct[i]);
    }
}

/* Halves away from zero, as the decimal reads. */
static void gpg_percent(void **state)
{
    (void)state;
    assert_true(career_gpg_percent(0.10785) == 10.8);
    assert_true(career_gpg_percent(0.10749) == 10.7);
    assert_true(career_gpg_percent(-0.0125) == -1.3);
    assert_true(career_gpg_percent(0.0) == 0.0);
    assert_true(isnan(career_gpg_percent(NAN)));
}

static void pay_periods(void **state)
{
    static const struct {
        const char *text;
        career_pay_period p;
    } names[] = {{"year", CAREER_PAY_YEAR},   {"Annual", CAREER_PAY_YEAR},
                 {"monthly", CAREER_PAY_MONTH}, {"WEEK", CAREER_PAY_WEEK},
                 {"weekly", CAREER_PAY_WEEK},  {"hour", CAREER_PAY_HOUR}};
    career_pay_period p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_status(career_pay_period_parse(names[i].text, &p), CAREER_OK);
        assert_int_equal(p, names[i].p);
    }
    assert_status(career_pay_period_parse("fortnight", &p),
                  CAREER_ERR_NOT_FOUND);
    assert_status(career_pay_period_parse(NULL, &p), CAREER_ERR_ARG);
}

/* ---- the regression ----------------------------------------------------------- */

/* equity_ref.py, "ols": statsmodels' OLS of ln hourly pay on years, the
 * tier's dummies and the female indicator. */
static void regression(void **state)
{
    static const struct {
        size_t category;
        double coef, se, t, p, r2;
        size_t n;
    } want[] = {
        {CAREER_EQUITY_ALL, -0.158835583147, 0.110213536141, -1.44116220845,
         0.166709736363, 0.542773403125, 23},
        {0, -0.355383980682, 0.216411001258, -1.64217150984, 0.134970580133,
         0.569893133041, 14},
        {1, 0.104543522125, 0.261088792377, 0.400413672194, 0.709316012392,
         0.714313999923, 9},
    };
    fixture *f = *state;
    career_equity_fit r;
    career_error err;
    size_t i;

    for (i = 0; i < 3; i++) {
        assert_status(career_equity_regress(&f->wf, NULL, want[i].category,
                                            &r, &err),
                      CAREER_OK);
        assert_int_equal(r.n, want[i].n);
        assert_int_equal(r.columns, 5);
        assert_int_equal(r.dropped, 0);
        assert_close(r.coefficient, want[i].coef, 1e-10);
        assert_close(r.std_error, want[i].se, 1e-10);
        assert_close(r.t, want[i].t, 1e-10);
        assert_close(r.p_value, want[i].p, 1e-9);
        assert_close(r.r_squared, want[i].r2, 1e-10);
        assert_close(r.adjusted_gap, -expm1(want[i].coef), 1e-10);
    }
}

/* A constant factor and a collinear one are refused by name, or dropped
 * with CAREER_EQUITY_DROP. */
static void regression_refuses(void **state)
{
    fixture *f = *state;
    career_factor three[3];
    double v[NW][3];
    career_equity_options o = {0};
    career_equity_fit r, base;
    career_error err;
    size_t i;

    memcpy(three, f->factors, sizeof f->factors);
    three[2] = f->factors[0];
    three[2].name = "months";
    for (i = 0; i < NW; i++) {
        v[i][0] = f->values[i][0];
        v[i][1] = f->values[i][1];
        v[i][2] = 12.0 * f->values[i][0]; /* years in months */
        f->w[i].factors = v[i];
    }
    f->wf.factors = three;
    f->wf.nfactors = 3;
    assert_status(career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL, &r,
                                        &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "factors[2] (months): collinear with the "
                                  "columns before it");
    o.flags = CAREER_EQUITY_DROP;
    assert_status(career_equity_regress(&f->wf, &o, CAREER_EQUITY_ALL, &r,
                                        &err),
                  CAREER_OK);
    assert_int_equal(r.dropped, 1);
    assert_int_equal(r.columns, 5);
    assert_close(r.coefficient, -0.158835583147, 1e-10);
    for (i = 0; i < NW; i++)
        v[i][2] = 2.385;
    assert_status(career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL, &r,
                                        &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "factors[2] (months): constant over the "
                                  "rows");
    /* a level no one has: a dummy of zeros, named with its level */
    fixture_init(f);
    for (i = 0; i < NW; i++)
        f->values[i][1] = f->values[i][1] == 2.0 ? 1.0 : f->values[i][1];
    assert_status(career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL, &r,
                                        &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "factors[1] (tier), level 2 (senior): "
                                  "constant over the rows");
    assert_status(career_equity_regress(&f->wf, &o, CAREER_EQUITY_ALL, &base,
                                        &err),
                  CAREER_OK);
    assert_int_equal(base.dropped, 1);
    fixture_init(f);
}

/* ---- the decomposition of the workforce ------------------------------------------ */

/* equity_ref.py, "wf": ln hourly pay of the men (A) and the women (B). */
static void decompose(void **state)
{
    static const struct {
        career_oaxaca_reference ref;
        double x, u;
    } want[] = {
        {CAREER_OAXACA_POOLED, 0.121707021469, 0.158835583147},
        {CAREER_OAXACA_NEUMARK, 0.137879734026, 0.14266287059},
        {CAREER_OAXACA_REIMERS, 0.136845908629, 0.143696695987},
        {CAREER_OAXACA_COTTON, 0.135018833746, 0.14552377087},
    };
    fixture *f = *state;
    career_equity_options o = {0};
    career_oaxaca r;
    career_oaxaca_term t[5];
    career_error err;
    double sx, su;
    size_t i, k;

    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        o.reference = want[i].ref;
        assert_status(career_equity_decompose(&f->wf, &o, CAREER_EQUITY_ALL,
                                              &r, t, 5, &err),
                      CAREER_OK);
        assert_int_equal(r.n_a, 11);
        assert_int_equal(r.n_b, 12);
        assert_int_equal(r.terms, 5);
        assert_close(r.gap, 0.280542604616, 1e-10);
        assert_close(r.endowments, 0.0948231863246, 1e-9);
        assert_close(r.coefficients, 0.101673973683, 1e-9);
        assert_close(r.interaction, 0.0840454446082, 1e-9);
        assert_close(r.explained, want[i].x, 1e-9);
        assert_close(r.unexplained, want[i].u, 1e-9);
        for (k = 0, sx = su = 0.0; k < 5; k++)
            sx += t[k].explained, su += t[k].unexplained;
        assert_close(sx, r.explained, 1e-12);
        assert_close(su, r.unexplained, 1e-12);
    }
    /* the terms: intercept, years, tier's three levels */
    assert_true(t[0].factor == CAREER_OAXACA_INTERCEPT);
    assert_int_equal(t[1].factor, 0);
    assert_int_equal(t[4].factor, 1);
    assert_int_equal(t[4].level, 2);
    /* normalised: the levels' coefficients sum to zero */
    assert_true(fabs(t[2].coef_a + t[3].coef_a + t[4].coef_a) < 1e-12);
    assert_true(fabs(t[2].coef_b + t[3].coef_b + t[4].coef_b) < 1e-12);
}

/* Gardeazabal-Ugidos: the detailed split of each level does not depend on
 * which level is the regression's reference. */
static void decompose_normalised(void **state)
{
    fixture *f = *state;
    career_oaxaca a, b;
    career_oaxaca_term ta[5], tb[5];
    size_t i, l;

    assert_status(career_equity_decompose(&f->wf, NULL, CAREER_EQUITY_ALL,
                                          &a, ta, 5, NULL),
                  CAREER_OK);
    for (i = 0; i < NW; i++) /* level l becomes 2 - l */
        f->values[i][1] = 2.0 - f->values[i][1];
    assert_status(career_equity_decompose(&f->wf, NULL, CAREER_EQUITY_ALL,
                                          &b, tb, 5, NULL),
                  CAREER_OK);
    fixture_init(f);
    assert_close(b.unexplained, a.unexplained, 1e-12);
    for (i = 0; i < 2; i++) {
        assert_close(tb[i].explained, ta[i].explained, 1e-9);
        assert_close(tb[i].unexplained, ta[i].unexplained, 1e-9);
    }
    for (l = 0; l < 3; l++) {
        assert_close(tb[2 + l].explained, ta[4 - l].explained, 1e-9);
        assert_close(tb[2 + l].unexplained, ta[4 - l].unexplained, 1e-9);
        assert_close(tb[2 + l].coef_a, ta[4 - l].coef_a, 1e-9);
    }
}

/* ---- the cheapest remedy ---------------------------------------------------------- */

/* The workforce with raise[i] cents added to each annual ordinary pay
 * (the pay made a year's). */
static void apply_raises(fixture *f, const int64_t *raise)
{
    size_t i;

    for (i = 0; i < NW; i++) {
        career_worker *w = &f->w[i];
        double per = w->period == CAREER_PAY_MONTH  ? 12.0
                     : w->period == CAREER_PAY_WEEK ? 365.0 / 7.0
                     : w->period == CAREER_PAY_HOUR ? w->hours * 365.0 / 7.0
                                                    : 1.0;
        w->pay += (double)raise[i] / 100.0 / per;
    }
}

/* equity_ref.py, "remedy": the KKT optimum by brentq on lambda, each
 * trial checked by a fresh statsmodels OLS (and SLSQP's, which agrees to
 * its tolerance); the library's raises are that optimum's, each rounded
 * up to a cent. */
static void remedy_reference(void **state)
{
    static const struct {
        double max_raise, lambda, cost;
        double raise[12]; /* the women's, in the workforce's order */
    } want[] = {
        {0.25, 617798.370524, 56962.8702146,
         {0, 0, 8990.62960799, 0, 0, 13056.57, 12988.45, 0, 0, 13910.41, 0,
          8016.81060658}},
        {0.12, 836239.656446, 65295.4744883,
         {4779.93, 4538.93, 8182.82, 5273.52, 4654.69, 6267.15, 6234.45,
          2479.7489929, 4695.16, 6676.99, 4226.27549539, 7285.81}},
    };
    fixture *f = *state;
    career_remedy_options ru = {0};
    career_remedy r;
    career_equity_fit after;
    int64_t raise[NW], sum;
    size_t i, k, women;

    for (k = 0; k < 2; k++) {
        ru.target = 0.05;
        ru.max_raise = want[k].max_raise;
        assert_status(career_equity_remedy(&f->wf, NULL, &ru,
                                           CAREER_EQUITY_ALL, &r, raise, NW,
                                           NULL),
                      CAREER_OK);
        assert_int_equal(r.raised_sex, CAREER_SEX_FEMALE);
        assert_int_equal(r.flags, 0);
        assert_close(r.coef_before, -0.158835583147, 1e-10);
        assert_close(r.gap_before, -expm1(-0.158835583147), 1e-10);
        assert_close(r.multiplier, want[k].lambda, 1e-8);
        /* the cost: the optimum's, plus under a cent a worker */
        assert_true((double)r.cost_cents >= want[k].cost * 100.0 - 0.5);
        assert_true((double)r.cost_cents <= want[k].cost * 100.0 + 12.0);
        for (i = 0, sum = 0, women = 0; i < NW; i++) {
            sum += raise[i];
            if (f->w[i].sex != CAREER_SEX_FEMALE) {
                assert_true(raise[i] == 0);
                continue;
            }
            assert_true(fabs((double)raise[i] / 100.0 -
                             want[k].raise[women++]) <= 0.01 + 1e-9);
        }
        assert_true(sum == r.cost_cents);
        /* the gap after the raises, by a fresh regression */
        assert_true(r.gap_after <= 0.05 && r.gap_after > 0.0499999);
        apply_raises(f, raise);
        assert_status(career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL,
                                            &after, NULL),
                      CAREER_OK);
        assert_close(after.coefficient, r.coef_after, 1e-9);
        assert_true(after.adjusted_gap <= 0.05 + 1e-12);
        fixture_init(f);
        /* the uniform raise reaches the target at a higher cost */
        assert_true(r.uniform_rate > 0.0);
        assert_true(r.uniform_cost_cents > r.cost_cents);
    }
}

/* The uniform raise: every woman's ordinary pay times 1 + rate. */
static void remedy_uniform(void **state)
{
    fixture *f = *state;
    career_remedy_options ru = {0};
    career_remedy r;
    career_equity_fit after;
    int64_t raise[NW];
    size_t i;

    ru.target = 0.05;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    for (i = 0; i < NW; i++)
        if (f->w[i].sex == CAREER_SEX_FEMALE)
            f->w[i].pay *= 1.0 + r.uniform_rate;
    assert_status(career_equity_regress(&f->wf, NULL, CAREER_EQUITY_ALL,
                                        &after, NULL),
                  CAREER_OK);
    assert_close(after.adjusted_gap, 0.05, 1e-9);
    fixture_init(f);
}

/* Within the target already; unreachable under a small cap; a worker
 * excluded; a floor. */
static void remedy_rules(void **state)
{
    fixture *f = *state;
    career_remedy_options ru = {0};
    career_remedy r, any;
    int64_t raise[NW];
    size_t i;

    ru.target = 0.2;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    assert_int_equal(r.flags, CAREER_REMEDY_WITHIN);
    assert_int_equal(r.raised_sex, CAREER_SEX_NOT_GIVEN);
    assert_true(r.cost_cents == 0);
    ru.target = 0.0;
    ru.max_raise = 0.01;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    assert_int_equal(r.flags, CAREER_REMEDY_UNMET);
    assert_true(r.gap_after > 0.0);
    /* worker 4 (the best-paid woman) may not be raised */
    ru.max_raise = 0.0;
    ru.target = 0.05;
    f->w[2].flags = CAREER_WORKER_NO_RAISE;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    assert_true(raise[2] == 0);
    f->w[2].flags = 0;
    /* a floor of 45,000 a year lifts the women below it first */
    ru.floor = 45000.0;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    assert_true(r.floor_cents > 0);
    assert_true(r.gap_after <= 0.05);
    for (i = 0; i < NW; i++)
        if (f->w[i].sex == CAREER_SEX_FEMALE && f->w[i].period == 0 &&
            f->w[i].pay < 45000.0)
            assert_true((double)raise[i] >= (45000.0 - f->w[i].pay) * 100.0
                                                - 1e-6);
    /* anyone who narrows the gap: never dearer than the women alone */
    ru.floor = 0.0;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, NULL),
                  CAREER_OK);
    ru.flags = CAREER_REMEDY_ANY_SEX;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &any, raise, NW, NULL),
                  CAREER_OK);
    assert_true(any.cost_cents <= r.cost_cents + 24);
    /* women paid more: the men are raised (Support, c = +0.1045) */
    ru.flags = 0;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, 1, &r, raise, NW,
                                       NULL),
                  CAREER_OK);
    assert_int_equal(r.raised_sex, CAREER_SEX_MALE);
    assert_true(r.gap_after >= -0.05 && r.gap_after < -0.0499999);
    for (i = 0; i < NW; i++)
        if (f->w[i].sex != CAREER_SEX_MALE || f->w[i].category != 1)
            assert_true(raise[i] == 0);
}

/* ---- bad input: every status, the row and the field named ------------------------ */

static career_status eu(const career_workforce *wf,
                        const career_equity_options *o, career_error *err)
{
    career_eu_report r;
    career_eu_category c[4];

    memset(&r, 0x5A, sizeof r);
    memset(c, 0x5A, sizeof c);
    career_status st = career_eu_report_compute(wf, o, &r, c, 4, err);
    if (st != CAREER_OK) {
        assert_true(test_bytes_are(&r, sizeof r, 0x5A));
        assert_true(test_bytes_are(c, sizeof c, 0x5A));
    }
    return st;
}

static void bad_workers(void **state)
{
    fixture *f = *state;
    career_error err;

    f->w[3].sex = (career_sex)7;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[3].sex: must be 0 (not given), 1 "
                                  "(female) or 2 (male) (got 7)");
    fixture_init(f);
    f->w[2].pay = NAN;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[2].pay: must be a finite number");
    f->w[2].pay = -5.0;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_DOMAIN);
    assert_string_equal(err.text,
                        "workers[2].pay: must be >= 0 and < 1e12 (got -5)");
    fixture_init(f);
    f->w[3].hours = 0.0;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_DOMAIN);
    assert_string_equal(err.text, "workers[3].hours: must be > 0 and <= 168 "
                                  "a week (got 0): an hourly rate needs "
                                  "them");
    fixture_init(f);
    f->w[5].bonus = INFINITY;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[5].bonus: must be a finite number");
    fixture_init(f);
    f->w[1].reserved[0] = 1;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[1].reserved[0]: must be zero (a "
                                  "field of a later libcareer?)");
    fixture_init(f);
    f->w[6].category = 2;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[6].category: 2 is no category "
                                  "(there are 2)");
    fixture_init(f);
    f->values[4][1] = 1.5;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[4].factors[1]: 1.5 is no level of "
                                  "tier (0 to 2)");
    fixture_init(f);
    f->w[7].period = (career_pay_period)9;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    f->w[7].period = CAREER_PAY_YEAR;
    f->w[7].flags = 64;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[7].flags: unknown bits 0x40");
    fixture_init(f);
    f->w[8].factors = NULL;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers[8].factors: NULL");
    fixture_init(f);
}

static void bad_arguments(void **state)
{
    fixture *f = *state;
    career_equity_options o = {0};
    career_eu_report r;
    career_eu_category c[2];
    career_uk_report uk;
    career_equity_fit fit;
    career_worker_info info;
    career_error err;

    assert_status(eu(NULL, NULL, &err), CAREER_ERR_ARG);
    assert_status(career_eu_report_compute(&f->wf, NULL, NULL, c, 2, &err),
                  CAREER_ERR_ARG);
    assert_status(career_eu_report_compute(&f->wf, NULL, &r, c, 1, &err),
                  CAREER_ERR_BUFFER);
    assert_string_equal(err.text, "categories: room for 1, the workforce has "
                                  "2");
    assert_status(career_uk_report_compute(&f->wf, NULL, &err),
                  CAREER_ERR_ARG);
    f->wf.n = 0;
    assert_status(career_uk_report_compute(&f->wf, &uk, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "workers: none (n = 0)");
    f->wf.n = NW;
    f->wf.ncategories = 0;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    f->wf.ncategories = 2;
    f->factors[1].levels = 1;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "factors[1].levels: a categorical factor "
                                  "needs at least 2 (got 1)");
    f->factors[1].levels = 3;
    f->factors[0].kind = (career_factor_kind)5;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    fixture_init(f);
    f->wf.reserved[7] = 1;
    assert_status(eu(&f->wf, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "workforce.reserved[7]: must be zero (a "
                                  "field of a later libcareer?)");
    fixture_init(f);
    /* options */
    o.reserved[2] = 1;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "options.reserved[2]: must be zero (a "
                                  "field of a later libcareer?)");
    memset(&o, 0, sizeof o);
    o.threshold = NAN;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_ARG);
    o.threshold = 1.5;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_DOMAIN);
    o.threshold = 0;
    o.flags = 16;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_ARG);
    o.flags = 0;
    o.reference = (career_oaxaca_reference)6;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_ARG);
    o.reference = 0;
    o.bootstrap = 1;
    assert_status(eu(&f->wf, &o, &err), CAREER_ERR_DOMAIN);
    /* Article 7, the regression */
    assert_status(career_worker_info_compute(&f->wf, NULL, 24, &info, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_string_equal(err.text, "workers[24]: there are 24 workers");
    assert_status(career_worker_info_compute(&f->wf, NULL, 0, NULL, &err),
                  CAREER_ERR_ARG);
    assert_status(career_equity_regress(&f->wf, NULL, 2, &fit, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_status(career_equity_regress(&f->wf, NULL, 0, NULL, &err),
                  CAREER_ERR_ARG);
}

static void bad_fits(void **state)
{
    fixture *f = *state;
    career_equity_fit fit;
    career_oaxaca ob;
    career_oaxaca_term t[5];
    career_error err;
    size_t i;

    /* no women in a category */
    for (i = 0; i < NW; i++)
        if (f->w[i].category == 1 && f->w[i].sex == CAREER_SEX_FEMALE)
            f->w[i].sex = CAREER_SEX_NOT_GIVEN;
    assert_status(career_equity_regress(&f->wf, NULL, 1, &fit, &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "no women: no gap to adjust");
    fixture_init(f);
    /* too few rows: Support's 4 men for 4 coefficients */
    assert_status(career_equity_decompose(&f->wf, NULL, 1, &ob, t, 5, &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "the men: no more rows (4) than "
                                  "coefficients (4)");
    assert_status(career_equity_decompose(&f->wf, NULL, CAREER_EQUITY_ALL,
                                          &ob, t, 4, &err),
                  CAREER_ERR_BUFFER);
    assert_status(career_equity_decompose(&f->wf, NULL, CAREER_EQUITY_ALL,
                                          NULL, t, 5, &err),
                  CAREER_ERR_ARG);
}

static void bad_oaxaca(void **state)
{
    double y[9], x[9];
    unsigned char g[9];
    career_factor fk[1] = {{"level", CAREER_FACTOR_CATEGORICAL, 2, NULL,
                            {0}}};
    career_oaxaca r;
    career_error err;

    (void)state;
    memcpy(y, nine_y, sizeof y);
    memcpy(x, nine_x, sizeof x);
    memcpy(g, nine_g, sizeof g);
    y[5] = NAN;
    assert_status(career_oaxaca_compute(y, g, x, 9, nine_f, 1, NULL, &r,
                                        NULL, 0, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "y[5]: must be a finite number");
    y[5] = nine_y[5];
    assert_status(career_oaxaca_compute(y, g, x, 9, fk, 1, NULL, &r, NULL, 0,
                                        &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "x[1][0]: 3 is no level of level (0 to 1)");
    assert_status(career_oaxaca_compute(y, g, NULL, 9, nine_f, 1, NULL, &r,
                                        NULL, 0, &err),
                  CAREER_ERR_ARG);
    assert_status(career_oaxaca_compute(y, g, x, 0, nine_f, 1, NULL, &r,
                                        NULL, 0, &err),
                  CAREER_ERR_ARG);
    /* x constant within group B */
    x[5] = x[6] = x[7] = x[8] = 2.385;
    assert_status(career_oaxaca_compute(y, g, x, 9, nine_f, 1, NULL, &r,
                                        NULL, 0, &err),
                  CAREER_ERR_FIT);
    assert_string_equal(err.text, "group B: factors[0] (x): constant over "
                                  "the rows");
}

static void bad_rules(void **state)
{
    fixture *f = *state;
    career_remedy_options ru = {0};
    career_remedy r;
    int64_t raise[NW];
    career_error err;

    memset(raise, 0x5A, sizeof raise);
    ru.target = 1.0;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, &err),
                  CAREER_ERR_DOMAIN);
    assert_string_equal(err.text, "rules.target: must be in [0, 1) (got 1)");
    ru.target = 0.05;
    ru.max_raise = -0.1;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, &err),
                  CAREER_ERR_DOMAIN);
    ru.max_raise = NAN;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, &err),
                  CAREER_ERR_ARG);
    ru.max_raise = 0;
    ru.reserved[0] = 1;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "rules.reserved[0]: must be zero (a field "
                                  "of a later libcareer?)");
    ru.reserved[0] = 0;
    ru.flags = 4;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW, &err),
                  CAREER_ERR_ARG);
    ru.flags = 0;
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       &r, raise, NW - 1, &err),
                  CAREER_ERR_BUFFER);
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, CAREER_EQUITY_ALL,
                                       NULL, raise, NW, &err),
                  CAREER_ERR_ARG);
    assert_status(career_equity_remedy(&f->wf, NULL, &ru, 3, &r, raise, NW,
                                       &err),
                  CAREER_ERR_NOT_FOUND);
    assert_true(test_bytes_are(raise, sizeof raise, 0x5A));
}

/* ---- a workforce read from a table ------------------------------------------- */

/* tests/data/equity/workforce.csv is the 24 workers above as a file
 * (tiers named, levels in their first row's order: junior, senior, mid):
 * the same figures. */
static void table_workforce(void **state)
{
    static const char *const factors[] = {"years", "tier"};
    career_workforce_columns cols = {0};
    career_workforce_table *t = NULL;
    career_workforce wf;
    career_equity_fit fit;
    career_eu_report r;
    career_eu_category c[2];
    career_error err;

    (void)state;
    cols.factors = factors;
    cols.nfactors = 2;
    assert_status(career_workforce_open("tests/data/equity/workforce.csv",
                                        &cols, &t, &err),
                  CAREER_OK);
    career_workforce_of(t, &wf);
    assert_int_equal(wf.n, 24);
    assert_int_equal(wf.ncategories, 2);
    assert_string_equal(wf.categories[1], "Support");
    assert_int_equal(wf.factors[0].kind, CAREER_FACTOR_NUMERIC);
    assert_int_equal(wf.factors[1].kind, CAREER_FACTOR_CATEGORICAL);
    assert_int_equal(wf.factors[1].levels, 3);
    assert_string_equal(wf.factors[1].name, "tier");
    assert_string_equal(wf.factors[1].level_names[1], "senior");
    assert_string_equal(wf.workers[0].id, "E001");
    assert_int_equal(wf.workers[2].period, CAREER_PAY_HOUR);
    assert_int_equal(wf.workers[5].flags, CAREER_WORKER_REDUCED_PAY);
    assert_int_equal(wf.workers[23].sex, CAREER_SEX_NOT_GIVEN);
    assert_true(wf.workers[1].factors[1] == 1.0); /* senior */
    assert_int_equal(career_workforce_row(t, 0), 2);
    assert_int_equal(career_workforce_row(t, 24), 0);
    assert_status(career_equity_regress(&wf, NULL, CAREER_EQUITY_ALL, &fit,
                                        &err),
                  CAREER_OK);
    assert_close(fit.coefficient, -0.158835583147, 1e-10);
    assert_status(career_eu_report_compute(&wf, NULL, &r, c, 2, &err),
                  CAREER_OK);
    assert_close(r.mean_gap_hourly, 0.270319795188, 1e-10);
    assert_close(c[0].adjusted_gap, -expm1(-0.355383980682), 1e-10);
    career_workforce_close(t);
    career_workforce_close(NULL);
}

/* The numbers of a table are read with '.' whatever the host's locale
 * (de_DE.UTF-8 writes 39832,78; skipped where it is not installed). */
static void table_locale(void **state)
{
    career_workforce_table *t = NULL;
    career_workforce wf;
    career_equity_fit fit;

    (void)state;
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        print_message("skipped: no de_DE.UTF-8 locale\n");
        skip();
    }
    assert_status(career_workforce_open("tests/data/equity/workforce.csv",
                                        NULL, &t, NULL),
                  CAREER_OK);
    career_workforce_of(t, &wf);
    assert_true(wf.workers[0].pay == 39832.78);
    assert_true(wf.workers[14].hours == 37.5);
    assert_status(career_equity_regress(&wf, NULL, CAREER_EQUITY_ALL, &fit,
                                        NULL),
                  CAREER_OK);
    career_workforce_close(t);
    setlocale(LC_ALL, "C");
}

/* The bytes of a table, opened; the status, and err. */
static career_status table(const char *csv,
                           const career_workforce_columns *cols,
                           career_error *err)
{
    career_workforce_table *t = (career_workforce_table *)(uintptr_t)1;
    career_status st = career_workforce_open_memory(csv, strlen(csv),
                                                    "staff.csv", cols, &t,
                                                    err);

    if (st != CAREER_OK)
        assert_null(t);
    career_workforce_close(t);
    return st;
}

static void table_errors(void **state)
{
    static const struct {
        const char *csv, *text;
        int line, column;
    } bad[] = {
        {"id,sex,pay,hours\n1,Q,100,40\n",
         "sex: F or M, or empty, X, U, N, NA, not given or unknown for a "
         "sex not given (got \"Q\")", 2, 2},
        {"sex,pay,hours\nF,100,40\nM,-5,40\n",
         "pay: must be >= 0 and < 1e12 (got \"-5\")", 3, 2},
        {"sex,pay,hours\nF,nan,40\n", "pay: not a number (got \"nan\")", 2,
         2},
        {"sex,pay,hours\nF,,40\n", "pay: not a number (got \"\")", 2, 2},
        {"sex,pay\nF,5\n",
         "no column 'hours' in the header (the hours column is required)",
         1, 0},
        {"sex,pay,hours\nF,5,0\n",
         "hours: weekly hours must be > 0 and <= 168 (got \"0\")", 2, 3},
        {"sex,pay,hours,period\nF,5,40,fortnight\n",
         "period: year, month, week or hour (got \"fortnight\")", 2, 4},
        {"sex,pay,hours,full_pay\nF,5,40,maybe\n",
         "full_pay: 1 or 0 (yes or no) (got \"maybe\")", 2, 4},
        {"sex,pay,hours,bonus\nF,5,40,-1\n",
         "bonus: must be >= 0 and < 1e12 (got \"-1\")", 2, 4},
        {"sex,pay,hours,category\nF,5,40,\n",
         "category: a category is needed (got \"\")", 2, 4},
        {"sex,pay,hours\nF,5\n", "2 cells where the header has 3", 2, 0},
        {"sex,pay,hours\nF,5,40,1\n", "4 cells where the header has 3", 2, 0},
        {"", "no header row: the table is empty", 0, 0},
        {"sex,pay,hours\n", "a header, but no worker under it", 0, 0},
        {"sex,pay,hours,\"the,quote\nF,5,40,1\n",
         "column 4: a quoted field is not closed", 1, 4},
    };
    career_error err;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_status(table(bad[i].csv, NULL, &err), CAREER_ERR_PARSE);
        assert_string_equal(err.text, bad[i].text);
        assert_int_equal(err.line, bad[i].line);
        assert_int_equal(err.column, bad[i].column);
        assert_string_equal(err.source, "staff.csv");
    }
}

static void table_columns(void **state)
{
    static const char *const factors[] = {"grade", "site"};
    static const char *const categorical[] = {"GRADE"};
    career_workforce_columns cols = {0};
    career_workforce_table *t = NULL;
    career_workforce wf;
    career_error err;
    const char *csv = "Salary,Gender,grade,site\n"
                      "52000,female,1,north\n"
                      "61000,Male,2,south\n"
                      "48000.5,X,1,north\n";

    (void)state;
    cols.pay = "salary";
    cols.sex = "gender";
    cols.hours_default = 37.5;
    cols.factors = factors;
    cols.nfactors = 2;
    cols.categorical = categorical;
    cols.ncategorical = 1;
    assert_status(career_workforce_open_memory(csv, strlen(csv), NULL, &cols,
                                               &t, &err),
                  CAREER_OK);
    career_workforce_of(t, &wf);
    assert_int_equal(wf.n, 3);
    assert_int_equal(wf.ncategories, 1);
    assert_string_equal(wf.categories[0], "all");
    assert_null(wf.workers[0].id);
    assert_true(wf.workers[2].pay == 48000.5);
    assert_true(wf.workers[2].hours == 37.5);
    assert_int_equal(wf.workers[2].sex, CAREER_SEX_NOT_GIVEN);
    assert_int_equal(wf.workers[1].sex, CAREER_SEX_MALE);
    assert_int_equal(wf.factors[0].kind, CAREER_FACTOR_CATEGORICAL);
    assert_string_equal(wf.factors[0].level_names[1], "2");
    assert_int_equal(wf.factors[1].kind, CAREER_FACTOR_CATEGORICAL);
    career_workforce_close(t);
    /* a renamed column the file lacks; a factor of one level */
    cols.bonus = "commission";
    assert_status(table(csv, &cols, &err), CAREER_ERR_PARSE);
    assert_string_equal(err.text, "no column 'commission' in the header");
    cols.bonus = NULL;
    cols.ncategorical = 0;
    assert_status(table("salary,gender,grade,site\n1,F,1,x\n2,M,2,x\n", &cols,
                        &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "site: one level in every row: a "
                                  "constant, no factor");
    assert_status(table("salary,gender,grade\n1,F,1\n", &cols, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "no column 'site' in the header (a "
                                  "factor)");
    /* bad columns */
    cols.categorical = factors + 1;
    cols.ncategorical = 1;
    cols.factors = categorical;
    cols.nfactors = 1;
    assert_status(table(csv, &cols, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "columns.categorical[0]: 'site' is not "
                                  "one of the factors");
    memset(&cols, 0, sizeof cols);
    cols.reserved[3] = 1;
    assert_status(table(csv, &cols, &err), CAREER_ERR_ARG);
    cols.reserved[3] = 0;
    cols.hours_default = -1;
    assert_status(table(csv, &cols, &err), CAREER_ERR_ARG);
    assert_status(career_workforce_open("tests/data/equity/no-such.csv",
                                        NULL, &t, &err),
                  CAREER_ERR_IO);
    assert_null(t);
    assert_status(career_workforce_open(NULL, NULL, &t, &err),
                  CAREER_ERR_ARG);
    assert_status(career_workforce_open_memory(NULL, 3, NULL, NULL, &t,
                                               &err),
                  CAREER_ERR_ARG);
    assert_status(career_workforce_open_memory(csv, 3, NULL, NULL, NULL,
                                               &err),
                  CAREER_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nine_row_threefold),
        cmocka_unit_test(nine_row_twofold),
        cmocka_unit_test(ccard_reference),
        cmocka_unit_test(ccard_bootstrap),
        cmocka_unit_test(eu_report),
        cmocka_unit_test(eu_threshold_and_empty),
        cmocka_unit_test(eu_confounded),
        cmocka_unit_test(worker_info),
        cmocka_unit_test(worker_info_n),
        cmocka_unit_test(uk_report),
        cmocka_unit_test(uk_quartile_ties),
        cmocka_unit_test(gpg_percent),
        cmocka_unit_test(pay_periods),
        cmocka_unit_test(regression),
        cmocka_unit_test(regression_refuses),
        cmocka_unit_test(decompose),
        cmocka_unit_test(decompose_normalised),
        cmocka_unit_test(remedy_reference),
        cmocka_unit_test(remedy_uniform),
        cmocka_unit_test(remedy_rules),
        cmocka_unit_test(bad_workers),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(bad_fits),
        cmocka_unit_test(bad_oaxaca),
        cmocka_unit_test(bad_rules),
        cmocka_unit_test(table_workforce),
        cmocka_unit_test(table_locale),
        cmocka_unit_test(table_errors),
        cmocka_unit_test(table_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
