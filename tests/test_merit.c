/* test_merit.c - pay structures and the merit cycle (lib/merit.c,
 * lib/merit_project.c, lib/policy.c).
 *
 * References: the cycle cases below are printed by tests/ref/merit_ref.py,
 * an independent exact-rational computation (Python fractions) of the same
 * rules; the ranges of the spread policy follow from docs/model.md §3
 * (the curve passes through the anchors' salaries) and the spread policy's formula
 * min = mid / (1 + s/2), max = min (1 + s), worked by hand in comments. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The reference population of merit_ref.py (POP there). */
static const career_employee POP[] = {
    {1.5, CAREER_TIER_FROM_YEARS, 76543.21, 3, {0}},
    {2, CAREER_TIER_FROM_YEARS, 95000.55, 2, {0}},
    {4, CAREER_TIER_FROM_YEARS, 149000.10, 3, {0}},
    {6, CAREER_TIER_FROM_YEARS, 160500.00, 2, {0}},
    {9, CAREER_TIER_FROM_YEARS, 130250.75, 1, {0}},
    {10, CAREER_TIER_FROM_YEARS, 175000.99, 3, {0}},
    {13, CAREER_TIER_FROM_YEARS, 140000.01, 2, {0}},
    {20, CAREER_TIER_FROM_YEARS, 200001.00, 3, {0}},
    {0.5, CAREER_TIER_FROM_YEARS, 83000.33, 1, {0}},
    {5, CAREER_TIER_FROM_YEARS, 99999.99, 2, {0}},
    {3, 2, 118000.00, 3, {0}},
    {7, CAREER_TIER_FROM_YEARS, 112345.67, 0, {0}},
};
#define NPOP (sizeof POP / sizeof POP[0])

/* Per employee, in cents: merit, lift, base raise, lump sum, new salary. */
typedef struct ref_case {
    long long budget, cost;
    double k;
    int met;
    long long row[NPOP][5];
} ref_case;

/* ref_k_above_1: budget 8563782, cost 8563782, k = 1.6561727802843573, met */
static const ref_case ref_k_above_1 = {8563782, 8563782, 1.6561727802843573, 1, {
    {643200, 385679, 1028879, 0, 8683200},
    {472012, 0, 472012, 0, 9972067},
    {987080, 0, 99990, 887090, 15000000},
    {531631, 0, 0, 531631, 16050000},
    {215718, 0, 215718, 0, 13240793},
    {1159327, 0, 439901, 719426, 17940000},
    {927457, 0, 927457, 0, 14927458},
    {1324945, 0, 0, 1324945, 20000100},
    {137463, 0, 137463, 0, 8437496},
    {662469, 1, 662470, 0, 10662469},
    {956800, 160000, 1116800, 0, 12916800},
    {0, 0, 0, 0, 11234567},
}};
/* ref_k_below_1: budget 2854594, cost 2854594, k = 0.41241297110350356, met */
static const ref_case ref_k_below_1 = {2854594, 2854594, 0.41241297110350356, 1, {
    {232106, 385679, 617785, 0, 8272106},
    {142501, 0, 142501, 0, 9642556},
    {245798, 0, 99990, 145808, 15000000},
    {240750, 0, 0, 240750, 16050000},
    {53717, 0, 53717, 0, 13078792},
    {288691, 0, 288691, 0, 17788790},
    {230951, 0, 230951, 0, 14230952},
    {329932, 0, 0, 329932, 20000100},
    {34231, 0, 34231, 0, 8334264},
    {164965, 1, 164966, 0, 10164965},
    {345272, 160000, 505272, 0, 12305272},
    {0, 0, 0, 0, 11234567},
}};
/* ref_lift_not_counted: budget 2854594, cost 2854594, k = 0.52759512092976824, met */
static const ref_case ref_lift_not_counted = {2854594, 2854594, 0.52759512092976824, 1, {
    {296930, 385679, 682609, 0, 8336930},
    {150365, 0, 150365, 0, 9650420},
    {314447, 0, 99990, 214457, 15000000},
    {240750, 0, 0, 240750, 16050000},
    {68720, 0, 68720, 0, 13093795},
    {369319, 0, 369319, 0, 17869418},
    {295453, 0, 295453, 0, 14295454},
    {422078, 0, 0, 422078, 20000100},
    {43791, 0, 43791, 0, 8343824},
    {211038, 1, 211039, 0, 10211038},
    {441703, 160000, 601703, 0, 12401703},
    {0, 0, 0, 0, 11234567},
}};
/* ref_no_lift: budget 2854594, cost 2854594, k = 0.53169450884805081, met */
static const ref_case ref_no_lift = {2854594, 2854594, 0.53169450884805081, 1, {
    {284883, 0, 284883, 0, 7939204},
    {151534, 0, 151534, 0, 9651589},
    {316890, 0, 99990, 216900, 15000000},
    {240750, 0, 0, 240750, 16050000},
    {69253, 0, 69253, 0, 13094328},
    {372188, 0, 372188, 0, 17872287},
    {297749, 0, 297749, 0, 14297750},
    {425358, 0, 0, 425358, 20000100},
    {44131, 0, 44131, 0, 8344164},
    {212678, 0, 212678, 0, 10212677},
    {439180, 0, 439180, 0, 12239180},
    {0, 0, 0, 0, 11234567},
}};
/* ref_unmet_high: budget 71364847, cost 12007710, k = 8, unmet */
static const ref_case ref_unmet_high = {71364847, 12007710, 8, 0, {
    {643200, 385679, 1028879, 0, 8683200},
    {760004, 0, 760004, 0, 10260059},
    {1192001, 0, 99990, 1092011, 15000000},
    {1284000, 0, 0, 1284000, 16050000},
    {1042006, 0, 1042006, 0, 14067081},
    {1400008, 0, 439901, 960107, 17940000},
    {1120000, 0, 1120000, 0, 15120001},
    {1600008, 0, 0, 1600008, 20000100},
    {664003, 0, 664003, 0, 8964036},
    {800000, 1, 800001, 0, 10800000},
    {956800, 160000, 1116800, 0, 12916800},
    {0, 0, 0, 0, 11234567},
}};
/* ref_unmet_low: budget 0, cost 2374934, k = 0, unmet */
static const ref_case ref_unmet_low = {0, 2374934, 0, 0, {
    {120600, 385679, 506279, 0, 8160600},
    {142501, 0, 142501, 0, 9642556},
    {223500, 0, 99990, 123510, 15000000},
    {240750, 0, 0, 240750, 16050000},
    {0, 0, 0, 0, 13025075},
    {262501, 0, 262501, 0, 17762600},
    {210000, 0, 210000, 0, 14210001},
    {300002, 0, 0, 300002, 20000100},
    {0, 0, 0, 0, 8300033},
    {150000, 1, 150001, 0, 10150000},
    {179400, 160000, 339400, 0, 12139400},
    {0, 0, 0, 0, 11234567},
}};

/* The reference policy of merit_ref.py, with a budget rate and the lift
 * switches. The caller frees it. */
static career_merit_policy *ref_policy(const char *budget, int lift,
                                       int counts)
{
    char json[1400];
    career_merit_policy *p = NULL;
    career_error err;

    snprintf(json, sizeof json,
             "{\"format\": \"career-merit-policy/1\","
             " \"ratings\": [{\"name\": \"none\", \"eligible\": false},"
             " \"low\", \"mid\", \"high\"],"
             " \"matrix\": {\"none\": [0, 0, 0, 0],"
             " \"low\": [0.01, 0.005, 0, 0],"
             " \"mid\": [0.04, 0.03, 0.025, 0.02],"
             " \"high\": [0.07, 0.06, 0.05, 0.04]},"
             " \"ranges\": {\"method\": \"spread\", \"spread\": 0.5},"
             " \"lift_to_minimum\": {\"enabled\": %s, \"counts\": %s},"
             " \"max_raise\": 0.08,"
             " \"minimum_raise\": {\"from\": \"mid\", \"rate\": 0.015},"
             " \"budget\": {\"rate\": %s}}",
             lift ? "true" : "false", counts ? "true" : "false", budget);
    if (career_merit_policy_load_string(json, &p, &err) != CAREER_OK)
        print_error("policy: %s\n", err.text);
    assert_non_null(p);
    return p;
}

static long long cents(double money)
{
    return llround(money * 100.0);
}

static void check_case(career_model *m, const ref_case *ref,
                       const char *budget, int lift, int counts)
{
    career_merit_policy *p = ref_policy(budget, lift, counts);
    career_merit_result res[NPOP];
    career_merit_summary s;
    career_error err;
    size_t i;

    assert_status(career_merit_cycle(m, p, POP, NPOP, res, &s, &err),
                  CAREER_OK);
    assert_int_equal(s.budget_cents, ref->budget);
    assert_int_equal(s.cost_cents, ref->cost);
    assert_int_equal(!(s.flags & CAREER_MERIT_BUDGET_UNMET), ref->met);
    assert_close(s.scale, ref->k, 1e-12);
    for (i = 0; i < NPOP; i++) {
        assert_int_equal(cents(res[i].merit), ref->row[i][0]);
        assert_int_equal(cents(res[i].lift), ref->row[i][1]);
        assert_int_equal(cents(res[i].base_raise), ref->row[i][2]);
        assert_int_equal(cents(res[i].lump_sum), ref->row[i][3]);
        assert_int_equal(cents(res[i].new_salary), ref->row[i][4]);
    }
    career_merit_policy_free(p);
}

/* k > 1 with caps binding (the first employee's 0.07 x k is held at 0.08)
 * and lump sums above the maximum. */
static void cycle_k_above_1(void **state)
{
    career_merit_result res[NPOP];
    career_merit_summary s;
    career_merit_policy *p = ref_policy("0.06", 1, 1);

    check_case(*state, &ref_k_above_1, "0.06", 1, 1);
    assert_status(career_merit_cycle(*state, p, POP, NPOP, res, &s, NULL),
                  CAREER_OK);
    assert_true(res[0].flags & CAREER_MERIT_CAPPED);
    assert_true(res[0].flags & CAREER_MERIT_LIFTED);
    assert_true(res[3].flags & CAREER_MERIT_LUMP_SUM);
    assert_true(res[11].flags & CAREER_MERIT_INELIGIBLE);
    assert_true(s.capped >= 1 && s.lump_sum >= 3 && s.lifted == 3);
    assert_int_equal(s.eligible, NPOP - 1);
    career_merit_policy_free(p);
}

static void cycle_k_below_1(void **state)
{
    check_case(*state, &ref_k_below_1, "0.02", 1, 1);
}

static void cycle_lift_not_counted(void **state)
{
    check_case(*state, &ref_lift_not_counted, "0.02", 1, 0);
}

static void cycle_no_lift(void **state)
{
    check_case(*state, &ref_no_lift, "0.02", 0, 0);
}

/* Every raise capped and still short: flagged, nearest cents, OK. */
static void cycle_unmet_high(void **state)
{
    check_case(*state, &ref_unmet_high, "0.5", 1, 1);
}

/* A zero budget below the lifts and minimum raises: flagged at k = 0. */
static void cycle_unmet_low(void **state)
{
    check_case(*state, &ref_unmet_low, "0", 1, 1);
}

/* ---- property: the cost is the budget to the cent ------------------------ */

static uint64_t rng_state = 0x2385ULL;
static double uniform01(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

static void random_population(career_employee *e, size_t n)
{
    size_t i;

    memset(e, 0, n * sizeof *e);
    for (i = 0; i < n; i++) {
        e[i].years = 25.0 * uniform01();
        e[i].tier = uniform01() < 0.1 ? (size_t)(4.0 * uniform01())
                                      : CAREER_TIER_FROM_YEARS;
        /* cents, with a few salaries on the same value (ties) */
        /* around the curve, with cents; a few on one value (ties) */
        e[i].salary = uniform01() < 0.05
                          ? 100000.0
                          : floor((95000.0 + 3000.0 * fmin(e[i].years, 20.0)) *
                                  (0.8 + 0.5 * uniform01())) +
                                floor(100.0 * uniform01()) / 100.0;
        e[i].rating = (size_t)(4.0 * uniform01());
    }
}

/* One random population: the cost equals the budget to the cent whenever
 * the budget can be met, and every merit is its exact amount rounded down
 * or up (within a cent of rate x base). Returns 1 if it was met. */
static int one_population(career_model *m, career_employee *e,
                          career_merit_result *res)
{
    char budget[32];
    size_t n = 1 + (size_t)(400.0 * uniform01()), i;
    int lift = uniform01() < 0.8, counts = uniform01() < 0.5;
    career_merit_policy *p;
    career_merit_summary s;
    long long merit = 0;

    snprintf(budget, sizeof budget, "%.4f", 0.02 + 0.05 * uniform01());
    p = ref_policy(budget, lift, counts);
    random_population(e, n);
    assert_status(career_merit_cycle(m, p, e, n, res, &s, NULL), CAREER_OK);
    for (i = 0; i < n; i++) {
        double base = e[i].salary + res[i].lift;
        assert_true(fabs(res[i].merit - res[i].rate * base) < 0.0100001 ||
                    (s.flags & CAREER_MERIT_BUDGET_UNMET));
        assert_int_equal(cents(res[i].base_raise + res[i].lump_sum),
                         cents(res[i].merit + res[i].lift));
        /* the identity career.h states, in cents */
        assert_int_equal(cents(res[i].new_salary),
                         cents(e[i].salary) + cents(res[i].base_raise));
        assert_true(res[i].new_salary ==
                    (double)cents(res[i].new_salary) / 100.0);
        merit += cents(res[i].merit);
    }
    merit += counts ? s.lift_cents : 0;
    assert_int_equal(merit, s.cost_cents);
    career_merit_policy_free(p);
    if (s.flags & CAREER_MERIT_BUDGET_UNMET) {
        /* short only at an end: k = 0 and already over, or short */
        assert_true((s.scale == 0.0 && s.cost_cents > s.budget_cents) ||
                    s.cost_cents < s.budget_cents);
        return 0;
    }
    assert_int_equal(s.cost_cents, s.budget_cents);
    return 1;
}

static void property_budget_to_the_cent(void **state)
{
    career_employee *e = malloc(401 * sizeof *e);
    career_merit_result *res = malloc(401 * sizeof *res);
    int r, met = 0;

    assert_non_null(e);
    assert_non_null(res);
    for (r = 0; r < 1000; r++)
        met += one_population(*state, e, res);
    /* Most budgets (2 % to 7 %) can be met: the property is tested, not
     * skipped. */
    assert_true(met > 800);
    free(e);
    free(res);
}

/* Equal remainders: the lower index gets the cent first. */
static void ties_go_to_the_lower_index(void **state)
{
    career_merit_policy *p = ref_policy("0.0400001", 0, 0);
    career_employee e[3];
    career_merit_result res[3];
    career_merit_summary s;
    size_t i;

    for (i = 0; i < 3; i++)
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS, 125000.01, 2, {0}};
    assert_status(career_merit_cycle(*state, p, e, 3, res, &s, NULL),
                  CAREER_OK);
    /* payroll 37,500,003 cents x 0.0400001 = 1,500,003.87 -> 1,500,004:
     * 500,001.33 each, floors 1,500,003, one cent left for employee 0. */
    assert_int_equal(s.budget_cents, 1500004);
    assert_int_equal(cents(res[0].merit), 500002);
    assert_int_equal(cents(res[1].merit), 500001);
    assert_int_equal(cents(res[2].merit), 500001);
    career_merit_policy_free(p);
}

/* The cents left go to the largest remainders, ties to the lower index,
 * among thousands of remainders a hair apart (one bucket of the cycle's
 * histogram: the selection within it is exercised), checked against the
 * order itself: every employee given the extra cent ranks above every
 * employee not given one. */
static void largest_remainders_win(void **state)
{
    career_merit_policy *p = ref_policy("0.0312345", 0, 0);
    size_t n = 3000, i, j, given = 0;
    career_employee *e = calloc(n, sizeof *e);
    career_merit_result *res = calloc(n, sizeof *res);
    double *frac = calloc(n, sizeof *frac);
    int *extra = calloc(n, sizeof *extra);
    career_merit_summary s;

    assert_true(e && res && frac && extra);
    for (i = 0; i < n; i++) /* a cent apart, and every 7th a tie */
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS,
                                 125000.0 + (double)(i - i % 7) / 100.0, 2,
                                 {0}};
    assert_status(career_merit_cycle(*state, p, e, n, res, &s, NULL),
                  CAREER_OK);
    assert_int_equal(s.cost_cents, s.budget_cents);
    for (i = 0; i < n; i++) {
        /* the exact amount as the cycle reckons it: cents x rate */
        double a = (double)cents(e[i].salary) * res[i].rate;
        frac[i] = a - floor(a);
        extra[i] = (int)(cents(res[i].merit) - (long long)floor(a));
        assert_true(extra[i] == 0 || extra[i] == 1);
        given += (size_t)extra[i];
    }
    assert_true(given > 0 && given < n); /* the cut falls inside */
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (extra[i] && !extra[j])
                assert_true(frac[i] > frac[j] ||
                            (frac[i] == frac[j] && i < j));
    free(e);
    free(res);
    free(frac);
    free(extra);
    career_merit_policy_free(p);
}

/* new_salary is salary + base_raise in cents, as career.h says: the
 * salary is read to the nearest cent, as every sum of the cycle counts it,
 * and the new salary is a whole number of cents (120,000.0049 with no
 * raise becomes 120,000.00; 110,000.0051 is paid on 110,000.01). */
static void new_salary_is_salary_plus_raise(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_employee e[3] = {
        {5, CAREER_TIER_FROM_YEARS, 120000.0049, 0, {0}}, /* ineligible */
        {5, CAREER_TIER_FROM_YEARS, 110000.0051, 2, {0}},
        {5, CAREER_TIER_FROM_YEARS, 60000.0049, 3, {0}},  /* lifted */
    };
    career_merit_result res[3];
    career_merit_summary s;
    size_t i;

    assert_status(career_merit_cycle(*state, p, e, 3, res, &s, NULL),
                  CAREER_OK);
    assert_true(res[0].base_raise == 0.0);
    assert_true(res[0].new_salary == 120000.0);
    assert_true(res[2].flags & CAREER_MERIT_LIFTED);
    for (i = 0; i < 3; i++) {
        assert_int_equal(cents(res[i].new_salary),
                         cents(e[i].salary) + cents(res[i].base_raise));
        assert_true(res[i].new_salary ==
                    (double)cents(res[i].new_salary) / 100.0);
    }
    /* the merit is the rate on the salary in cents, 110,000.01 */
    assert_true(fabs(res[1].merit - res[1].rate * 110000.01) <= 0.01);
    career_merit_policy_free(p);
}

/* ---- hostile input ---------------------------------------------------------- */

/* A cycle that must fail with `status` and the message `text`, writing
 * neither results nor summary. */
static void cycle_fails(career_model *m, const career_employee *e, size_t n,
                        career_status status, const char *text)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_merit_result res[NPOP];
    career_merit_summary s;
    career_error err;

    memset(res, 0xA5, sizeof res);
    memset(&s, 0xA5, sizeof s);
    assert_status(career_merit_cycle(m, p, e, n, res, &s, &err), status);
    assert_string_equal(err.text, text);
    assert_true(test_bytes_are(res, sizeof res, 0xA5));
    assert_true(test_bytes_are(&s, sizeof s, 0xA5));
    career_merit_policy_free(p);
}

static void hostile_rows(void **state)
{
    career_employee e[NPOP];

    memcpy(e, POP, sizeof e);
    e[4].rating = 7;
    cycle_fails(*state, e, NPOP, CAREER_ERR_ARG,
                "employees[4].rating: 7 is not a rating of the policy (it "
                "has 4)");
    memcpy(e, POP, sizeof e);
    e[2].salary = -5.0;
    cycle_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
                "employees[2].salary: must be at least a cent once rounded "
                "(0.005) and below 1e12 (got -5)");
    e[2].salary = 0.0;
    cycle_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
                "employees[2].salary: must be at least a cent once rounded "
                "(0.005) and below 1e12 (got 0)");
    /* 0.004 is above 0, and below a cent: the text says which */
    e[2].salary = 0.004;
    cycle_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
                "employees[2].salary: must be at least a cent once rounded "
                "(0.005) and below 1e12 (got 0.004)");
    e[2].salary = NAN;
    cycle_fails(*state, e, NPOP, CAREER_ERR_ARG,
                "employees[2].salary: must be a finite number");
    memcpy(e, POP, sizeof e);
    e[9].years = NAN;
    cycle_fails(*state, e, NPOP, CAREER_ERR_ARG,
                "employees[9].years: must be a finite number");
    e[9].years = -1.0;
    cycle_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
                "employees[9].years: must be >= 0 (got -1)");
    memcpy(e, POP, sizeof e);
    e[0].tier = 4;
    cycle_fails(*state, e, NPOP, CAREER_ERR_ARG,
                "employees[0].tier: 4 is not a tier of the model (it has 4)");
    memcpy(e, POP, sizeof e);
    e[11].reserved[7] = 1;
    cycle_fails(*state, e, NPOP, CAREER_ERR_ARG,
                "employees[11].reserved[7]: must be zero (a field of a later "
                "libcareer?)");
    cycle_fails(*state, POP, 0, CAREER_ERR_ARG,
                "employees: an empty population (n = 0)");
}

static void hostile_pointers(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_merit_result res[NPOP];
    career_merit_summary s;

    assert_status(career_merit_cycle(NULL, p, POP, NPOP, res, &s, NULL),
                  CAREER_ERR_ARG);
    assert_status(career_merit_cycle(*state, NULL, POP, NPOP, res, &s, NULL),
                  CAREER_ERR_ARG);
    assert_status(career_merit_cycle(*state, p, NULL, NPOP, res, &s, NULL),
                  CAREER_ERR_ARG);
    assert_status(career_merit_cycle(*state, p, POP, NPOP, NULL, &s, NULL),
                  CAREER_ERR_ARG);
    assert_status(career_merit_cycle(*state, p, POP, NPOP, res, NULL, NULL),
                  CAREER_ERR_ARG);
    career_merit_policy_free(p);
    career_merit_policy_free(NULL);
}

/* ---- the slim rows: career_merit_run ---------------------------------------- */

/* The slim rows of e[0..n) (the caller frees them). */
static career_merit_employee *slim_of(const career_employee *e, size_t n)
{
    career_merit_employee *s = calloc(n ? n : 1, sizeof *s);
    size_t i;

    assert_non_null(s);
    for (i = 0; i < n; i++)
        s[i] = (career_merit_employee){e[i].years, e[i].tier, e[i].salary,
                                       e[i].rating};
    return s;
}

/* A slim result is the wide one, bit for bit, field by field. */
static void assert_same_result(const career_merit_result *w,
                               const career_merit_raise *r)
{
    assert_int_equal(w->tier, r->tier);
    assert_int_equal(w->position, r->position);
    assert_int_equal(w->flags, r->flags);
    assert_memory_equal(&w->rate, &r->rate, sizeof r->rate);
    assert_memory_equal(&w->lift, &r->lift, sizeof r->lift);
    assert_memory_equal(&w->merit, &r->merit, sizeof r->merit);
    assert_memory_equal(&w->base_raise, &r->base_raise, sizeof r->base_raise);
    assert_memory_equal(&w->lump_sum, &r->lump_sum, sizeof r->lump_sum);
    assert_memory_equal(&w->new_salary, &r->new_salary, sizeof r->new_salary);
    assert_memory_equal(&w->compa_before, &r->compa_before,
                        sizeof r->compa_before);
    assert_memory_equal(&w->compa_after, &r->compa_after,
                        sizeof r->compa_after);
    assert_memory_equal(&w->penetration_before, &r->penetration_before,
                        sizeof r->penetration_before);
    assert_memory_equal(&w->penetration_after, &r->penetration_after,
                        sizeof r->penetration_after);
}

/* The cycle of e[0..n) under p in both forms, the slim one with ws (may be
 * NULL): the same results and summary, bit for bit. Returns the summary. */
static career_merit_summary both_forms(career_model *m,
                                       const career_merit_policy *p,
                                       const career_employee *e, size_t n,
                                       career_merit_workspace *ws)
{
    career_merit_result *res = malloc(n * sizeof *res);
    career_merit_raise *raises = malloc(n * sizeof *raises);
    career_merit_employee *slim = slim_of(e, n);
    career_merit_summary sw, ss;
    size_t i;

    assert_true(res && raises);
    assert_status(career_merit_cycle(m, p, e, n, res, &sw, NULL), CAREER_OK);
    assert_status(career_merit_run(m, p, slim, n, raises, &ss, ws, NULL),
                  CAREER_OK);
    assert_memory_equal(&sw, &ss, sizeof sw);
    for (i = 0; i < n; i++)
        assert_same_result(&res[i], &raises[i]);
    free(res);
    free(raises);
    free(slim);
    return ss;
}

/* The cents left go to the largest remainders among 3,000 that crowd one
 * bucket of the cut's histogram, a hair apart (capped raises of 0.08 on
 * salaries whole units apart), more than the cut's work memory holds: the
 * selection by digits, where a small bucket is sorted in one pass. 3,000
 * others, free below their cap, take up k and spread their remainders. */
static career_employee *crowded_population(size_t n_crowd, size_t n_free)
{
    career_employee *e = calloc(n_crowd + n_free, sizeof *e);
    size_t i;

    assert_non_null(e);
    for (i = 0; i < n_crowd; i++) /* 0.32 x 0.08: remainders near 0.56 */
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS,
                                 120000.32 + (double)i, 2, {0}};
    for (; i < n_crowd + n_free; i++)
        e[i] = (career_employee){5, CAREER_TIER_FROM_YEARS,
                                 floor(80000.0 + 20000.0 * uniform01()) +
                                     floor(100.0 * uniform01()) / 100.0,
                                 1, {0}};
    return e;
}

/* Every employee given the extra cent ranks above every one not given it
 * (larger remainder, or equal at a lower index): the lowest given against
 * the highest not given. */
static void assert_cut_is_an_order(const career_employee *e,
                                   const career_merit_raise *r, size_t n)
{
    size_t i, lo_given = SIZE_MAX, hi_not = SIZE_MAX, given = 0;
    double f_lo = 2.0, f_hi = -1.0;

    for (i = 0; i < n; i++) {
        double a = (double)cents(e[i].salary) * r[i].rate, f = a - floor(a);
        long long extra = cents(r[i].merit) - (long long)floor(a);

        assert_true(extra == 0 || extra == 1);
        given += (size_t)extra;
        if (extra && (f < f_lo || (f == f_lo && i > lo_given))) {
            f_lo = f;
            lo_given = i;
        }
        if (!extra && (f > f_hi || (f == f_hi && i < hi_not))) {
            f_hi = f;
            hi_not = i;
        }
    }
    assert_true(given > 0 && given < n); /* the cut falls inside */
    assert_true(f_lo > f_hi || (f_lo == f_hi && lo_given < hi_not));
}

static void run_crowded_bucket(void **state)
{
    career_merit_policy *p = ref_policy("0.07", 0, 0);
    size_t n = 6000, i, crowd_given = 0;
    career_employee *e = crowded_population(3000, 3000);
    career_merit_employee *slim = slim_of(e, n);
    career_merit_raise *r = calloc(n, sizeof *r);
    career_merit_summary s = both_forms(*state, p, e, n, NULL);

    assert_non_null(r);
    assert_int_equal(s.cost_cents, s.budget_cents);
    assert_status(career_merit_run(*state, p, slim, n, r, &s, NULL, NULL),
                  CAREER_OK);
    for (i = 0; i < 3000; i++) {
        assert_true(r[i].flags & CAREER_MERIT_CAPPED);
        crowd_given += (size_t)(cents(r[i].merit) -
                                (long long)floor((double)cents(e[i].salary) *
                                                 r[i].rate));
    }
    assert_true(crowd_given > 0 && crowd_given < 3000); /* the cut is there */
    assert_cut_is_an_order(e, r, n);
    free(e);
    free(slim);
    free(r);
    career_merit_policy_free(p);
}

/* The slim form gives the wide form's results: the reference cases, the
 * lifts counted or not, budgets met and unmet, random populations with
 * explicit tiers, ties and ineligible ratings. */
static void run_equals_cycle(void **state)
{
    static const struct {
        const char *budget;
        int lift, counts;
    } policies[] = {{"0.06", 1, 1}, {"0.02", 1, 1}, {"0.02", 1, 0},
                    {"0.02", 0, 0}, {"0.5", 1, 1},  {"0", 1, 1}};
    career_employee *e = malloc(401 * sizeof *e);
    size_t k;
    int r;

    assert_non_null(e);
    for (k = 0; k < sizeof policies / sizeof policies[0]; k++) {
        career_merit_policy *p = ref_policy(
            policies[k].budget, policies[k].lift, policies[k].counts);
        both_forms(*state, p, POP, NPOP, NULL);
        career_merit_policy_free(p);
    }
    for (r = 0; r < 200; r++) {
        char budget[32];
        size_t n = 1 + (size_t)(400.0 * uniform01());
        career_merit_policy *p;

        snprintf(budget, sizeof budget, "%.4f", 0.02 + 0.05 * uniform01());
        p = ref_policy(budget, uniform01() < 0.8, uniform01() < 0.5);
        random_population(e, n);
        both_forms(*state, p, e, n, NULL);
        career_merit_policy_free(p);
    }
    free(e);
}

/* One work space through cycles of different sizes, growing and not: each
 * the same as the wide form and as a NULL work space. */
static void run_workspace_reuse(void **state)
{
    static const size_t sizes[] = {3000, 10, 6000, 1, 6000, 2385};
    career_merit_policy *p = ref_policy("0.0312", 1, 1);
    career_employee *e = malloc(6000 * sizeof *e);
    career_merit_workspace *ws = NULL;
    size_t k;

    assert_non_null(e);
    assert_status(career_merit_workspace_new(&ws), CAREER_OK);
    assert_non_null(ws);
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        career_merit_summary a, b;

        random_population(e, sizes[k]);
        a = both_forms(*state, p, e, sizes[k], ws);
        b = both_forms(*state, p, e, sizes[k], NULL);
        assert_memory_equal(&a, &b, sizeof a);
        assert_int_equal(a.employees, sizes[k]);
    }
    career_merit_workspace_free(ws);
    career_merit_workspace_free(NULL);
    assert_status(career_merit_workspace_new(NULL), CAREER_ERR_ARG);
    career_merit_policy_free(p);
    free(e);
}

/* A slim cycle that must fail with `status` and the message `text`,
 * writing neither raises nor summary, with a work space and without. */
static void run_fails(career_model *m, const career_employee *e, size_t n,
                      career_status status, const char *text)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_merit_employee *slim = slim_of(e, n);
    career_merit_raise r[NPOP];
    career_merit_summary s;
    career_merit_workspace *ws = NULL;
    career_error err;
    int with;

    assert_status(career_merit_workspace_new(&ws), CAREER_OK);
    for (with = 0; with < 2; with++) {
        memset(r, 0xA5, sizeof r);
        memset(&s, 0xA5, sizeof s);
        memset(&err, 0, sizeof err);
        assert_status(career_merit_run(m, p, slim, n, r, &s, with ? ws : NULL,
                                       &err),
                      status);
        assert_string_equal(err.text, text);
        assert_true(test_bytes_are(r, sizeof r, 0xA5));
        assert_true(test_bytes_are(&s, sizeof s, 0xA5));
    }
    career_merit_workspace_free(ws);
    free(slim);
    career_merit_policy_free(p);
}

static void run_hostile_rows(void **state)
{
    career_employee e[NPOP];
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_merit_employee *slim = slim_of(POP, NPOP);
    career_merit_raise r[NPOP];
    career_merit_summary s;
    career_error err;

    memcpy(e, POP, sizeof e);
    e[4].rating = 7;
    run_fails(*state, e, NPOP, CAREER_ERR_ARG,
              "employees[4].rating: 7 is not a rating of the policy (it has 4)");
    memcpy(e, POP, sizeof e);
    e[2].salary = -2.385;
    run_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
              "employees[2].salary: must be at least a cent once rounded "
              "(0.005) and below 1e12 (got -2.385)");
    e[2].salary = 2.385e12;
    run_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
              "employees[2].salary: must be at least a cent once rounded "
              "(0.005) and below 1e12 (got 2.385e+12)");
    e[2].salary = INFINITY;
    run_fails(*state, e, NPOP, CAREER_ERR_ARG,
              "employees[2].salary: must be a finite number");
    memcpy(e, POP, sizeof e);
    e[9].years = NAN;
    run_fails(*state, e, NPOP, CAREER_ERR_ARG,
              "employees[9].years: must be a finite number");
    e[9].years = -2.385;
    run_fails(*state, e, NPOP, CAREER_ERR_DOMAIN,
              "employees[9].years: must be >= 0 (got -2.385)");
    memcpy(e, POP, sizeof e);
    e[11].tier = 5;
    run_fails(*state, e, NPOP, CAREER_ERR_ARG,
              "employees[11].tier: 5 is not a tier of the model (it has 4)");
    run_fails(*state, POP, 0, CAREER_ERR_ARG,
              "employees: an empty population (n = 0)");
    /* NULL pointers, each named */
    assert_status(career_merit_run(NULL, p, slim, NPOP, r, &s, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "model: NULL");
    assert_status(career_merit_run(*state, NULL, slim, NPOP, r, &s, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "policy: NULL");
    assert_status(career_merit_run(*state, p, NULL, NPOP, r, &s, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "employees: NULL");
    assert_status(career_merit_run(*state, p, slim, NPOP, NULL, &s, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "raises: NULL");
    assert_status(career_merit_run(*state, p, slim, NPOP, r, NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "summary: NULL");
    free(slim);
    career_merit_policy_free(p);
}

/* ---- the policy file ---------------------------------------------------------- */

#define HEAD "{\"format\": \"career-merit-policy/1\", "
#define RATINGS "\"ratings\": [\"low\", \"mid\"], "
#define MATRIX "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": [0.04, 0.03, 0.02, 0.01]}, "
#define BUDGET "\"budget\": {\"rate\": 0.03}"

static void policy_fails(const char *json, career_status status, int line,
                         const char *text)
{
    career_merit_policy *p = (career_merit_policy *)(uintptr_t)1;
    career_error err;

    assert_status(career_merit_policy_load_string(json, &p, &err), status);
    assert_null(p);
    assert_string_equal(err.text, text);
    assert_int_equal(err.line, line);
}

static void policy_errors_name_the_path(void **state)
{
    (void)state;
    policy_fails(HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": "
                 "[0, 0, 0, 0]}}", CAREER_ERR_PARSE, 0,
                 "budget: missing (an object is required)");
    policy_fails(HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": "
                 "[0.04, 0.03, 0.02]}, " BUDGET "}", CAREER_ERR_PARSE, 0,
                 "matrix.mid: expected 4 numbers, got 3");
    policy_fails(HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": "
                 "[0.04, 0.03, 1.5, 0]}, " BUDGET "}", CAREER_ERR_PARSE, 0,
                 "matrix.mid[2]: must be in [0, 1] (got 1.5)");
    policy_fails(HEAD RATINGS MATRIX "\"bonus\": 1, " BUDGET "}",
                 CAREER_ERR_PARSE, 0,
                 "unknown key \"bonus\" (allowed: format, name, ratings, "
                 "position, matrix, ranges, lift_to_minimum, max_raise, "
                 "lump_sum_above_max, minimum_raise, budget, structure)");
    policy_fails(HEAD "\"ratings\": [\"low\", \"low\"], " MATRIX BUDGET "}",
                 CAREER_ERR_PARSE, 0,
                 "ratings[1]: \"low\" is already ratings[0]");
    policy_fails(HEAD RATINGS MATRIX "\"minimum_raise\": {\"from\": \"top\", "
                 "\"rate\": 0.01}, " BUDGET "}", CAREER_ERR_PARSE, 0,
                 "minimum_raise.from: \"top\" is not one of the ratings");
    policy_fails(HEAD RATINGS MATRIX "\"max_raise\": 0.01, \"minimum_raise\": "
                 "{\"from\": \"mid\", \"rate\": 0.02}, " BUDGET "}",
                 CAREER_ERR_PARSE, 0,
                 "minimum_raise.rate: must not exceed max_raise (0.01)");
    policy_fails(HEAD RATINGS "\"position\": {\"basis\": \"compa\"}, " MATRIX
                 BUDGET "}", CAREER_ERR_PARSE, 0,
                 "position.edges: missing (compa-ratio bands need their "
                 "edges)");
    policy_fails(HEAD RATINGS "\"position\": {\"edges\": [0.5, 0.4]}, "
                 "\"matrix\": {\"low\": [0, 0, 0], \"mid\": [0, 0, 0]}, "
                 BUDGET "}", CAREER_ERR_PARSE, 0,
                 "position.edges[1]: must be greater than position.edges[0] "
                 "(0.5)");
    policy_fails(HEAD RATINGS MATRIX "\"ranges\": {\"method\": \"spread\"}, "
                 BUDGET "}", CAREER_ERR_PARSE, 0,
                 "ranges.spread: missing (a number is required)");
    policy_fails("{\"format\": \"career-profile/1\"}", CAREER_ERR_PARSE, 0,
                 "format: must be \"career-merit-policy/1\" (got "
                 "\"career-profile/1\")");
    policy_fails("{\n  \"format\": ,\n}", CAREER_ERR_PARSE, 2,
                 "unexpected token near ','");
}

/* Each part of a policy refused with its JSON path (messages as the
 * loader words them; a duplicate key is jansson's syntax error, line 1). */
static void policy_errors_table(void **state)
{
    static const struct {
        const char *json;
        int line;
        const char *text;
    } cases[] = {
        {"[1, 2]",
         0, "expected a policy object, got an array"},
        {HEAD "\"ratings\": {}, " MATRIX BUDGET "}",
         0, "ratings: expected an array, got an object"},
        {HEAD "\"ratings\": [], " MATRIX BUDGET "}",
         0, "ratings: 1 to 16 ratings are supported (got 0)"},
        {HEAD "\"ratings\": [1], " MATRIX BUDGET "}",
         0, "ratings[0]: expected a name or an object, got a number"},
        {HEAD "\"ratings\": [null], " MATRIX BUDGET "}",
         0, "ratings[0]: expected a name or an object, got null"},
        {HEAD "\"ratings\": [true], " MATRIX BUDGET "}",
         0, "ratings[0]: expected a name or an object, got a boolean"},
        {HEAD "\"ratings\": [[1]], " MATRIX BUDGET "}",
         0, "ratings[0]: expected a name or an object, got an array"},
        {HEAD "\"ratings\": [{\"name\": \"low\", \"x\": 1}], " MATRIX BUDGET "}",
         0, "ratings[0]: unknown key \"x\" (allowed: name, eligible)"},
        {HEAD "\"ratings\": [{\"name\": \"\"}], " MATRIX BUDGET "}",
         0, "ratings[0]: the name is empty"},
        {HEAD "\"ratings\": [{\"name\": \"low\", \"eligible\": 1}], " MATRIX BUDGET "}",
         0, "ratings[0].eligible: expected a boolean, got a number"},
        {HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": [0, 0, \"x\", 0]}, " BUDGET "}",
         0, "matrix.mid[2]: expected a number, got a string"},
        {HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": {}}, " BUDGET "}",
         0, "matrix.mid: expected an array, got an object"},
        {HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0]}, " BUDGET "}",
         0, "matrix.mid: missing (every rating needs a row)"},
        {HEAD RATINGS "\"matrix\": {\"low\": [0, 0, 0, 0], \"mid\": [0,0,0,0], \"top\": [0,0,0,0]}, " BUDGET "}",
         0, "matrix: \"top\" is not one of the ratings"},
        {HEAD RATINGS "\"position\": {\"basis\": \"rank\"}, " MATRIX BUDGET "}",
         0, "position.basis: must be \"penetration\" or \"compa\" (got \"rank\")"},
        {HEAD RATINGS "\"position\": {\"edges\": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}, " MATRIX BUDGET "}",
         0, "position.edges: at most 15 edges are supported (got 16)"},
        {HEAD RATINGS "\"position\": {\"colour\": 1}, " MATRIX BUDGET "}",
         0, "position: unknown key \"colour\" (allowed: basis, edges)"},
        {HEAD RATINGS MATRIX "\"ranges\": {\"method\": \"box\"}, " BUDGET "}",
         0, "ranges.method: must be \"quantiles\" or \"spread\" (got \"box\")"},
        {HEAD RATINGS MATRIX "\"ranges\": {\"method\": \"quantiles\", \"low\": 0.6, \"high\": 0.4}, " BUDGET "}",
         0, "ranges.high: must be greater than ranges.low (0.6)"},
        {HEAD RATINGS MATRIX "\"ranges\": {\"method\": \"quantiles\", \"low\": 0}, " BUDGET "}",
         0, "ranges.low: must be in [0.001, 0.999] (got 0)"},
        {HEAD RATINGS MATRIX "\"lift_to_minimum\": {\"enabled\": \"yes\"}, " BUDGET "}",
         0, "lift_to_minimum.enabled: expected a boolean, got a string"},
        {HEAD RATINGS MATRIX "\"lift_to_minimum\": {\"on\": true}, " BUDGET "}",
         0, "lift_to_minimum: unknown key \"on\" (allowed: enabled, counts)"},
        {HEAD RATINGS MATRIX "\"max_raise\": 2, " BUDGET "}",
         0, "max_raise: must be in [0, 1] (got 2)"},
        {HEAD RATINGS MATRIX "\"minimum_raise\": {\"rate\": 0.01}, " BUDGET "}",
         0, "minimum_raise.from: missing (a string is required)"},
        {HEAD RATINGS MATRIX "\"budget\": {\"rate\": 0.03, \"amount\": 5}}",
         0, "budget: unknown key \"amount\" (allowed: rate)"},
        {HEAD RATINGS MATRIX "\"structure\": {\"spread\": [0.6, 0.4]}, " BUDGET "}",
         0, "structure.spread[1]: must not be below structure.spread[0] (0.6)"},
        {HEAD RATINGS MATRIX "\"structure\": {\"spread\": [0.6]}, " BUDGET "}",
         0, "structure.spread: expected 2 numbers, got 1"},
        {HEAD RATINGS MATRIX "\"structure\": {\"overlap_max\": 20}, " BUDGET "}",
         0, "structure.overlap_max: must be in [-10, 10] (got 20)"},
        {HEAD RATINGS MATRIX "\"structure\": {\"x\": 20}, " BUDGET "}",
         0, "structure: unknown key \"x\" (allowed: spread, progression, overlap_max)"},
        {"{\"format\": 1}",
         0, "format: expected a string, got a number"},
        {"{}",
         0, "format: missing (a string is required)"},
        {"{\"format\": \"career-merit-policy/1\", \"a\": 1, \"a\": 2}",
         1, "duplicate object key near '\"a\"'"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        policy_fails(cases[i].json, CAREER_ERR_PARSE, cases[i].line,
                     cases[i].text);
}

/* A policy with a UTF-8 byte-order mark loads, as profiles do. */
static void policy_byte_order_mark(void **state)
{
    static const char bom[] = "\xEF\xBB\xBF";
    career_merit_policy *p = NULL;
    career_error err;
    FILE *f = fopen("examples/merit/policy.json", "rb");
    char text[4096];
    size_t n;
    (void)state;

    assert_non_null(f);
    memcpy(text, bom, 3);
    n = fread(text + 3, 1, sizeof text - 4, f);
    fclose(f);
    text[3 + n] = '\0';
    if (career_merit_policy_load_string(text, &p, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    assert_int_equal(career_merit_rating_count(p), 5);
    career_merit_policy_free(p);
}

static void policy_file_and_accessors(void **state)
{
    career_merit_policy *p = NULL;
    career_error err;
    size_t index = 99;

    (void)state;
    assert_status(career_merit_policy_load_file("examples/merit/policy.json",
                                                &p, &err), CAREER_OK);
    assert_int_equal(career_merit_rating_count(p), 5);
    assert_int_equal(career_merit_position_count(p), 4);
    assert_string_equal(career_merit_rating_name(p, 2), "meets");
    assert_null(career_merit_rating_name(p, 5));
    assert_status(career_merit_rating_index(p, "exceeds", &index), CAREER_OK);
    assert_int_equal(index, 3);
    assert_status(career_merit_rating_index(p, "Exceeds", &index),
                  CAREER_ERR_NOT_FOUND);
    assert_int_equal(index, 3);
    career_merit_policy_free(p);
    assert_status(career_merit_policy_load_file("tests/no/such.json", &p,
                                                &err), CAREER_ERR_IO);
    assert_null(p);
    assert_status(career_merit_policy_load_file("tests", &p, &err),
                  CAREER_ERR_IO);
    /* NaN is not JSON: jansson's syntax error, at line 4 of that file */
    assert_status(career_merit_policy_load_file("tests/data/bad/nan.json",
                                                &p, &err), CAREER_ERR_PARSE);
    assert_string_equal(err.source, "tests/data/bad/nan.json");
    assert_int_equal(err.line, 4);
    /* a profile is not a policy: the path of the format */
    assert_status(career_merit_policy_load_file(
                      "examples/profiles/performance-architect.json", &p,
                      &err), CAREER_ERR_PARSE);
    assert_string_equal(err.text, "format: must be \"career-merit-policy/1\" "
                                  "(got \"career-profile/1\")");
    assert_status(career_merit_policy_load_file(NULL, &p, &err),
                  CAREER_ERR_ARG);
    assert_status(career_merit_policy_load_string("{}", NULL, &err),
                  CAREER_ERR_ARG);
}

/* ---- the pay structure ---------------------------------------------------------- */

static void structure_spread(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_pay_range r[4];

    assert_status(career_pay_structure(*state, p, r, 3), CAREER_ERR_BUFFER);
    assert_status(career_pay_structure(*state, p, r, 4), CAREER_OK);
    /* By hand: min = mid / 1.25, max = 1.5 min. */
    assert_close(r[0].min, 80400, 1e-12);
    assert_close(r[0].max, 120600, 1e-12);
    assert_close(r[1].mid, 125000, 1e-12);
    assert_close(r[3].max, 192000, 1e-12);
    assert_close(r[2].spread, 0.5, 1e-12);
    assert_true(isnan(r[0].progression) && isnan(r[3].overlap));
    assert_close(r[1].progression, 125000.0 / 100500.0 - 1, 1e-12);
    /* (120600 - 100000) / 40200 */
    assert_close(r[0].overlap, 20600.0 / 40200.0, 1e-12);
    assert_int_equal(r[0].warnings, CAREER_RANGE_OVERLAP_HIGH);
    /* +24.4 % > 20 %; max 150,000 >= tier 2's mid 149,500 */
    assert_int_equal(r[1].warnings, CAREER_RANGE_PROGRESSION_HIGH |
                                        CAREER_RANGE_OVERLAP_HIGH |
                                        CAREER_RANGE_COMPRESSION);
    /* +7.0 % < 10 % */
    assert_int_equal(r[3].warnings, CAREER_RANGE_PROGRESSION_LOW);
    career_merit_policy_free(p);
}

/* Default ranges: p10 / p90 of the band at the anchor. By docs/model.md
 * §5, Q_x(p) = m(x) (Q(p)/Q(1/2))^d; with d = 1 (this group's
 * model) the metalog passes through the guide's quantiles: tier 1 (anchor
 * 5, m = 125,000) is 90,000 to 160,000. With the calibrated d the range is
 * the calibrated band: 101,398.81 to 146,285.48 at 5 years, 81,524.65 at
 * tier 0's anchor (tests/ref/calibration_ref.py). */
static void structure_quantiles(void **state)
{
    career_merit_policy *p = NULL;
    career_model *calibrated = test_model(NULL);
    career_pay_range r[4];

    assert_status(career_merit_policy_load_string(
                      HEAD RATINGS MATRIX BUDGET "}", &p, NULL), CAREER_OK);
    assert_status(career_pay_structure(*state, p, r, 4), CAREER_OK);
    assert_close(r[1].min, 90000, 1e-9);
    assert_close(r[1].mid, 125000, 1e-12);
    assert_close(r[1].max, 160000, 1e-9);
    assert_close(r[0].min, 100500 * 0.72, 1e-9);
    assert_status(career_pay_structure(calibrated, p, r, 4), CAREER_OK);
    assert_close(r[1].min, 101398.813565606, 1e-6);
    assert_close(r[1].mid, 125000, 1e-12);
    assert_close(r[1].max, 146285.47810854, 1e-6);
    assert_close(r[0].min, 81524.6461067469, 1e-6);
    career_model_free(calibrated);
    career_merit_policy_free(p);
}

/* Compa-ratio bands: 95,000 at tier 1 (mid 125,000) is 0.76, below the
 * first edge; 131,250 is 1.05, in the third band. */
static void compa_positions(void **state)
{
    career_merit_policy *p = NULL;
    career_employee e[2] = {{5, CAREER_TIER_FROM_YEARS, 95000, 1, {0}},
                            {5, CAREER_TIER_FROM_YEARS, 131250, 1, {0}}};
    career_merit_result res[2];
    career_merit_summary s;

    assert_status(career_merit_policy_load_string(
                      HEAD RATINGS "\"position\": {\"basis\": \"compa\", "
                      "\"edges\": [0.9, 1.0, 1.1]}, " MATRIX BUDGET "}",
                      &p, NULL), CAREER_OK);
    assert_status(career_merit_cycle(*state, p, e, 2, res, &s, NULL),
                  CAREER_OK);
    assert_int_equal(res[0].position, 0);
    assert_int_equal(res[1].position, 2);
    assert_close(res[0].compa_before, 0.76, 1e-12);
    career_merit_policy_free(p);
}

/* A salary on an edge is in the column above it: in the spread ranges of
 * tier 1 (100,000 to 150,000) the midpoint 125,000 is penetration 0.5 and
 * 112,500 is 0.25, by hand. */
static void edges_belong_above(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_employee e[4] = {{5, CAREER_TIER_FROM_YEARS, 125000, 2, {0}},
                            {5, CAREER_TIER_FROM_YEARS, 112500, 2, {0}},
                            {5, CAREER_TIER_FROM_YEARS, 112499.99, 2, {0}},
                            {5, CAREER_TIER_FROM_YEARS, 100000, 2, {0}}};
    career_merit_result res[4];
    career_merit_summary s;

    assert_status(career_merit_cycle(*state, p, e, 4, res, &s, NULL),
                  CAREER_OK);
    /* 100,000 / 125,000 is 0.8 when divided (0.7999999999999999 by a
     * reciprocal) */
    assert_true(res[3].compa_before == 0.8);
    assert_int_equal(res[0].position, 2);
    assert_true(res[0].penetration_before == 0.5);
    assert_true(res[0].compa_before == 1.0);
    assert_int_equal(res[1].position, 1);
    assert_int_equal(res[2].position, 0);
    career_merit_policy_free(p);
}

/* One employee; nobody eligible; a zero cap. By hand: 100,000.00 at a 3 %
 * budget is 300,000 cents, all to the one employee (k solved on one cell). */
static void degenerate_populations(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_merit_policy *none = NULL;
    career_employee one = {5, CAREER_TIER_FROM_YEARS, 100000, 2, {0}};
    career_employee idle[2] = {{1, CAREER_TIER_FROM_YEARS, 90000, 0, {0}},
                               {9, CAREER_TIER_FROM_YEARS, 130000, 0, {0}}};
    career_merit_result res[2];
    career_merit_summary s;

    assert_status(career_merit_cycle(*state, p, &one, 1, res, &s, NULL),
                  CAREER_OK);
    assert_int_equal(s.cost_cents, 300000);
    assert_int_equal(cents(res[0].merit), 300000);
    /* "none" is not eligible: a zero budget, a zero cost, met at k = 0 */
    assert_status(career_merit_cycle(*state, p, idle, 2, res, &s, NULL),
                  CAREER_OK);
    assert_int_equal(s.eligible, 0);
    assert_int_equal(s.budget_cents, 0);
    assert_int_equal(s.cost_cents, 0);
    assert_false(s.flags & CAREER_MERIT_BUDGET_UNMET);
    /* at 5 years the first is lifted (90,000 < 100,000): counted, so the zero
     * budget cannot be met */
    idle[0].years = 5;
    assert_status(career_merit_cycle(*state, p, idle, 2, res, &s, NULL),
                  CAREER_OK);
    assert_int_equal(s.lift_cents, 1000000);
    assert_true(s.flags & CAREER_MERIT_BUDGET_UNMET);
    /* a zero cap: nothing can be paid, the budget is flagged unmet */
    assert_status(career_merit_policy_load_string(
                      HEAD RATINGS MATRIX "\"max_raise\": 0, " BUDGET "}",
                      &none, NULL), CAREER_OK);
    one.rating = 1;
    assert_status(career_merit_cycle(*state, none, &one, 1, res, &s, NULL),
                  CAREER_OK);
    assert_true(s.flags & CAREER_MERIT_BUDGET_UNMET);
    assert_int_equal(s.cost_cents, 0);
    career_merit_policy_free(none);
    career_merit_policy_free(p);
}

/* ---- the projection of one employee -------------------------------------------- */

/* No growth, no inflation, rating "high" each year, k = 1; by hand:
 * t=0 tier 0 [80,400 .. 120,600], 90,000 at penetration 0.239: 7 % -> 96,300;
 * t=1 penetration 0.396: 6 % -> 102,078; t=2 0.539: 5 % -> 107,181.90;
 * t=3 promoted to tier 1 [100,000 .. 150,000], 0.144: 7 % of 107,181.90 =
 * 7,502.733 -> 114,684.63. */
static void project_by_hand(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_employee e = {0, CAREER_TIER_FROM_YEARS, 90000, 3, {0}};
    career_projection_options o = {0};
    career_merit_year rows[11];
    size_t high = 3;

    o.growth_years = 1; /* growth 0, given */
    o.flags = CAREER_PROJ_GROWTH_GIVEN;
    assert_status(career_merit_project(*state, p, &e, &high, 1, 1.0, &o, rows,
                                       10), CAREER_ERR_BUFFER);
    assert_status(career_merit_project(*state, p, &e, &high, 1, 1.0, &o, rows,
                                       11), CAREER_OK);
    assert_int_equal(cents(rows[0].result.new_salary), 9630000);
    assert_int_equal(cents(rows[1].result.new_salary), 10207800);
    assert_int_equal(cents(rows[2].result.new_salary), 10718190);
    assert_int_equal(rows[3].tier, 1);
    assert_close(rows[3].range_min, 100000, 1e-12);
    assert_int_equal(cents(rows[3].result.new_salary), 11468463);
    assert_close(rows[3].salary, 107181.90, 1e-15);
    career_merit_policy_free(p);
}

/* Ranges move with the demand index and inflation: the built-in 10 % per
 * decade and 2 % a year give year 2's tier-0 minimum 80,400 x 1.1^0.2 x
 * 1.02^2. A sequence of ratings ends on its last. */
static void project_ranges_move(void **state)
{
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_employee e = {0, CAREER_TIER_FROM_YEARS, 90000, 3, {0}};
    career_projection_options o = {0};
    career_merit_year rows[6];
    size_t seq[2] = {3, 1};

    o.horizon = 5;
    o.inflation = 0.02;
    assert_status(career_merit_project(*state, p, &e, seq, 2, 1.0, &o, rows,
                                       6), CAREER_OK);
    assert_close(rows[2].range_min, 80400 * pow(1.1, 0.2) * 1.0404, 1e-12);
    assert_int_equal(rows[0].rating, 3);
    assert_int_equal(rows[5].rating, 1);
    assert_status(career_merit_project(*state, p, &e, seq, 2, NAN, &o, rows,
                                       6), CAREER_ERR_ARG);
    assert_status(career_merit_project(*state, p, &e, seq, 2, -1.0, &o, rows,
                                       6), CAREER_ERR_DOMAIN);
    seq[1] = 9;
    assert_status(career_merit_project(*state, p, &e, seq, 2, 1.0, &o, rows,
                                       6), CAREER_ERR_ARG);
    career_merit_policy_free(p);
}

/* Ranges past the cents the cycle keeps exactly: an inflation of 1e13
 * takes year 1's minimum to 8e17, whose cents overflow an int64_t, and
 * 1e7 takes year 2's to 8e18. The projection is refused (DOMAIN), nothing
 * written, where it returned OK with the employee flagged below the
 * minimum, not lifted, and paid a spurious lump sum. */
static void project_past_the_cents(void **state)
{
    static const struct {
        double inflation;
        unsigned horizon;
    } cases[] = {{1e13, 1}, {1e13, 3}, {1e12, 1}, {1e7, 2}, {1e7, 3},
                 {1e9, 1}};
    career_merit_policy *p = ref_policy("0.03", 1, 1);
    career_employee e = {0, CAREER_TIER_FROM_YEARS, 90000, 3, {0}};
    career_projection_options o = {0};
    career_merit_year rows[4];
    size_t high = 3, i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        o.horizon = cases[i].horizon;
        o.inflation = cases[i].inflation;
        memset(rows, 0x5A, sizeof rows);
        assert_status(career_merit_project(*state, p, &e, &high, 1, 1.0, &o,
                                           rows, 4), CAREER_ERR_DOMAIN);
        assert_true(test_bytes_are(rows, sizeof rows, 0x5A));
    }
    o.horizon = 3;
    /* a high inflation within the range is fine, and the salary follows
     * salary + base_raise year after year */
    o.inflation = 5.0;
    assert_status(career_merit_project(*state, p, &e, &high, 1, 1.0, &o, rows,
                                       4), CAREER_OK);
    assert_true(rows[3].result.flags & CAREER_MERIT_LIFTED);
    assert_int_equal(cents(rows[3].result.new_salary),
                     cents(rows[3].salary) + cents(rows[3].result.base_raise));
    assert_true(rows[3].salary == rows[2].result.new_salary);
    career_merit_policy_free(p);
}

/* ---- the distribution by rating and position ------------------------------------- */

static void distribution_adds_up(void **state)
{
    career_merit_policy *p = ref_policy("0.02", 1, 1);
    career_merit_result res[NPOP];
    career_merit_summary s;
    career_merit_cell cells[16];
    size_t c, count = 0;
    long long merit = 0;

    assert_status(career_merit_cycle(*state, p, POP, NPOP, res, &s, NULL),
                  CAREER_OK);
    assert_status(career_merit_distribution(p, POP, res, NPOP, cells, 15),
                  CAREER_ERR_BUFFER);
    assert_status(career_merit_distribution(p, POP, res, NPOP, cells, 16),
                  CAREER_OK);
    for (c = 0; c < 16; c++) {
        count += cells[c].count;
        merit += cells[c].merit_cents;
    }
    assert_int_equal(count, s.eligible);
    assert_int_equal(merit, s.cost_cents - s.lift_cents);
    /* "high" at position 0: employees 0 and 10 (ref_k_below_1) */
    assert_int_equal(cells[3 * 4 + 0].count, 2);
    assert_int_equal(cells[3 * 4 + 0].merit_cents, 232106 + 345272);
    /* a result that names no column: refused, the cells untouched */
    res[5].position = 4;
    memset(cells, 0x5A, sizeof cells);
    assert_status(career_merit_distribution(p, POP, res, NPOP, cells, 16),
                  CAREER_ERR_ARG);
    assert_true(test_bytes_are(cells, sizeof cells, 0x5A));
    career_merit_policy_free(p);
}

/* The group's model: the built-in profile with the band at d = 1, the
 * market's whole spread, so that ranges from the band are the guide's own
 * figures by hand (structure_quantiles checks the calibrated ones too). */
static int setup_market_spread(void **state)
{
    *state = test_model(&market_spread);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cycle_k_above_1),
        cmocka_unit_test(cycle_k_below_1),
        cmocka_unit_test(cycle_lift_not_counted),
        cmocka_unit_test(cycle_no_lift),
        cmocka_unit_test(cycle_unmet_high),
        cmocka_unit_test(cycle_unmet_low),
        cmocka_unit_test(property_budget_to_the_cent),
        cmocka_unit_test(ties_go_to_the_lower_index),
        cmocka_unit_test(largest_remainders_win),
        cmocka_unit_test(new_salary_is_salary_plus_raise),
        cmocka_unit_test(hostile_rows),
        cmocka_unit_test(hostile_pointers),
        cmocka_unit_test(run_equals_cycle),
        cmocka_unit_test(run_crowded_bucket),
        cmocka_unit_test(run_workspace_reuse),
        cmocka_unit_test(run_hostile_rows),
        cmocka_unit_test(policy_errors_name_the_path),
        cmocka_unit_test(policy_errors_table),
        cmocka_unit_test(policy_byte_order_mark),
        cmocka_unit_test(policy_file_and_accessors),
        cmocka_unit_test(structure_spread),
        cmocka_unit_test(structure_quantiles),
        cmocka_unit_test(compa_positions),
        cmocka_unit_test(edges_belong_above),
        cmocka_unit_test(degenerate_populations),
        cmocka_unit_test(project_by_hand),
        cmocka_unit_test(project_ranges_move),
        cmocka_unit_test(project_past_the_cents),
        cmocka_unit_test(distribution_adds_up),
    };
    return cmocka_run_group_tests(tests, setup_market_spread,
                                  test_teardown_model);
}
