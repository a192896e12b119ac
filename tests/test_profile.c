/* test_profile.c - the built-in profile, validation messages, copies. */
#include "util.h"

#include <string.h>

/* docs/model.md §1, figure by figure. */
static void builtin_profile(void **state)
{
    const career_profile *p = career_profile_default();
    (void)state;
    assert_ptr_equal(p, career_profile_default());
    assert_string_equal(p->role, "Performance Architect");
    assert_string_equal(p->region, "US");
    assert_string_equal(p->currency, "USD");
    assert_string_equal(p->period, "year");
    assert_string_equal(p->demand_level, "high");
    assert_int_equal(p->ntiers, 4);
    assert_int_equal(p->nquantiles, 3);
    /* entry = 90,000 + 0.15 x 70,000; senior = 160,000 - 0.15 x 70,000 */
    assert_close(p->tiers[0].salary, 90000.0 + 0.15 * 70000.0, 1e-15);
    assert_close(p->tiers[2].salary, 160000.0 - 0.15 * 70000.0, 1e-15);
    assert_close(p->tiers[3].anchor_years, 12.0 + 3.0, 0.0);
    assert_close(p->quantiles[1].salary, (90000.0 + 160000.0) / 2.0, 0.0);
    assert_close(p->demand_growth, 0.10, 0.0);
    assert_close(p->demand_years, 10.0, 0.0);
    assert_status(career_profile_validate(p, NULL), CAREER_OK);
}

/* Each case breaks one field of a copy of the built-in profile. */
typedef struct bad_case {
    const char *message; /* expected in err.text */
    void (*breaker)(career_profile *p, career_tier *t, career_quantile *q);
} bad_case;

static void unsorted_tiers(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[2].min_years = 2.0; }
static void duplicate_tiers(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[2].min_years = 3.0; }
static void first_not_zero(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[0].min_years = 1.0; }
static void nan_min(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[1].min_years = NAN; }
static void negative_anchor(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[0].anchor_years = -1.0; }
static void unsorted_anchor(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[2].anchor_years = 4.0; }
static void zero_salary(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[1].salary = 0.0; }
static void inf_salary(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[3].salary = INFINITY; }
static void one_salary(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[0].salary = t[1].salary = t[2].salary = NAN; }
static void no_name(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[1].name = ""; }
static void no_tiers(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->ntiers = 0; }
static void too_many_tiers(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->ntiers = CAREER_MAX_TIERS + 1; }
static void p_zero(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[0].p = 0.0; }
static void p_one(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[2].p = 1.0; }
static void p_unsorted(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[1].p = 0.05; }
static void q_salary_unsorted(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[2].salary = 100000.0; }
static void q_salary_negative(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[0].salary = -90000.0; }
static void one_quantile(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->nquantiles = 1; }
static void growth_minus_one(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->demand_growth = -1.0; }
static void growth_nan(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->demand_growth = NAN; }
static void years_zero(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->demand_years = 0.0; }
static void no_role(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->role = NULL; }
static void bad_period(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->period = "fortnight"; }

static void bad_utf8_source(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->source = "BLS \xc3\x28 2024"; }
static void overlong_tier_name(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[2].name = "Senior \xc0\xaf"; }
static void surrogate_level(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->demand_level = "\xed\xa0\x80"; }

static void separation_above_one(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->separation_rate = 1.5; }
static void separation_nan(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->separation_rate = NAN; }
static void separation_negative(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->separation_rate = -0.05; }
static void correlation_small(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->experience_correlation = 0.04; }
static void correlation_above_one(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->experience_correlation = 1.01; }
static void correlation_nan(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->experience_correlation = NAN; }
static void correlation_negative(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->experience_correlation = -0.5; }
static void bad_utf8_occ(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->occ_code = "15\xff"; }
static void notes_null_array(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->nnotes = 2; p->notes = NULL; }
static void notes_null_entry(career_profile *p, career_tier *t, career_quantile *q)
{
    static const char *const notes[] = {"fine", NULL};
    (void)t; (void)q; p->nnotes = 2; p->notes = notes;
}
static void too_many_notes(career_profile *p, career_tier *t, career_quantile *q)
{
    static const char *notes[CAREER_MAX_NOTES + 1];
    size_t i;
    (void)t; (void)q;
    for (i = 0; i <= CAREER_MAX_NOTES; i++)
        notes[i] = "a note";
    p->nnotes = CAREER_MAX_NOTES + 1; p->notes = notes;
}
static void reserved_set(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->reserved[3] = 1; }
static void mean_negative(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->market_mean = -125000.0; }
static void mean_nan(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->market_mean = NAN; }
static void mean_huge(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->market_mean = 2e12; }

/* An anchor outside its tier's own span [min_years, next
 * min_years) (the default's spans: [0,3) [3,8) [8,12) [12,100]), years
 * past 100, and money below one cent, a subnormal among it. */
static void anchor_past_next(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[1].anchor_years = 8.0; }
static void anchor_before_own(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[1].min_years = 5.5; }
static void last_anchor_past_100(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[3].anchor_years = 100.5; }
static void min_years_1e300(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[3].min_years = 1e300; t[3].anchor_years = 1e300; }
static void subnormal_salary(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[0].salary = 5e-324; }
static void tier_salary_under_a_cent(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)q; t[0].salary = 0.009; }
static void quantile_salary_subnormal(career_profile *p, career_tier *t, career_quantile *q)
{ (void)p; (void)t; q[0].salary = 5e-324; }
static void mean_under_a_cent(career_profile *p, career_tier *t, career_quantile *q)
{ (void)t; (void)q; p->market_mean = 0.004; }

static const bad_case bad_cases[] = {
    {"workforce.separation_rate: must be a number in [0, 1]", separation_above_one},
    {"workforce.separation_rate: must be a number in [0, 1]", separation_nan},
    {"workforce.separation_rate: must be a number in [0, 1]", separation_negative},
    {"occ_code: must be valid UTF-8", bad_utf8_occ},
    {"notes: NULL array", notes_null_array},
    {"notes[1]: must be a UTF-8 string", notes_null_entry},
    {"notes: at most 64 notes", too_many_notes},
    {"reserved[3]: must be zero", reserved_set},
    {"workforce.experience_correlation: must be a number in [0.05, 1] "
     "(0 = not given) (got 0.04)",
     correlation_small},
    {"workforce.experience_correlation: must be a number in [0.05, 1] "
     "(0 = not given) (got 1.01)",
     correlation_above_one},
    {"workforce.experience_correlation: must be a number in [0.05, 1] "
     "(0 = not given) (got nan)",
     correlation_nan},
    {"workforce.experience_correlation: must be a number in [0.05, 1] "
     "(0 = not given) (got -0.5)",
     correlation_negative},
    {"market.mean: must be 0 (none) or in (0, 1e+12]", mean_negative},
    {"market.mean: must be 0 (none) or in (0, 1e+12]", mean_nan},
    {"market.mean: must be 0 (none) or in (0, 1e+12]", mean_huge},
    {"source: must be valid UTF-8", bad_utf8_source},
    {"tiers[2].name: must be valid UTF-8", overlong_tier_name},
    {"demand.level: must be valid UTF-8", surrogate_level},
    {"tiers[2].min_years: must be greater than tiers[1].min_years (3)", unsorted_tiers},
    {"tiers[2].min_years: must be greater than tiers[1].min_years (3)", duplicate_tiers},
    {"tiers[0].min_years: the first tier must start at 0 years", first_not_zero},
    {"tiers[1].min_years: must be a finite number", nan_min},
    {"tiers[0].anchor_years: must be a finite number >= 0", negative_anchor},
    {"tiers[2].anchor_years: must be greater than tiers[1].anchor_years (5)", unsorted_anchor},
    {"tiers[1].salary: must be a finite number > 0", zero_salary},
    {"tiers[3].salary: must be a finite number > 0", inf_salary},
    {"tiers: at least 2 tiers need a salary (found 1)", one_salary},
    {"tiers[1].name: must be a non-empty string", no_name},
    {"tiers: at least one tier is needed", no_tiers},
    {"tiers: at most 16 tiers", too_many_tiers},
    {"market.quantiles[0]: p must be in (0,1)", p_zero},
    {"market.quantiles[2]: p must be in (0,1)", p_one},
    {"market.quantiles[1]: p must be greater than market.quantiles[0] (0.1)", p_unsorted},
    {"market.quantiles[2]: salary must be greater than market.quantiles[1] (125000)", q_salary_unsorted},
    {"market.quantiles[0]: salary must be a finite number > 0", q_salary_negative},
    {"market.quantiles: at least 2 points", one_quantile},
    {"demand.growth: must be a finite number > -1", growth_minus_one},
    {"demand.growth: must be a finite number > -1", growth_nan},
    {"demand.years: must be a finite number > 0", years_zero},
    {"role: must be a non-empty string", no_role},
    {"period: must be", bad_period},
    {"tiers[1].anchor_years: must be in the tier's own span [3, 8) (got 8)",
     anchor_past_next},
    {"tiers[1].anchor_years: must be in the tier's own span [5.5, 8) (got 5)",
     anchor_before_own},
    {"tiers[3].anchor_years: must be at most 100 years (got 100.5)",
     last_anchor_past_100},
    {"tiers[3].min_years: must be at most 100 years (got 1e+300)",
     min_years_1e300},
    {"tiers[0].salary: must be at least one cent (0.01) (got 4.94066e-324)",
     subnormal_salary},
    {"tiers[0].salary: must be at least one cent (0.01) (got 0.009)",
     tier_salary_under_a_cent},
    {"market.quantiles[0]: salary must be at least one cent (0.01) (got "
     "4.94066e-324)", quantile_salary_subnormal},
    {"market.mean: must be 0 (none) or at least one cent (0.01) (got 0.004)",
     mean_under_a_cent},
};

static void validation_messages(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        career_profile p = *career_profile_default();
        career_tier t[4];
        career_quantile q[3];
        career_model *m = (career_model *)&p;
        career_error err;
        memcpy(t, p.tiers, sizeof t);
        memcpy(q, p.quantiles, sizeof q);
        p.tiers = t;
        p.quantiles = q;
        bad_cases[i].breaker(&p, t, q);
        assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
        if (!strstr(err.text, bad_cases[i].message))
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, err.text,
                     bad_cases[i].message);
        assert_int_equal(err.line, 0);
        /* the model refuses it the same way and returns no model */
        assert_status(career_model_new(&p, NULL, &m, &err), CAREER_ERR_ARG);
        assert_null(m);
        assert_non_null(strstr(err.text, bad_cases[i].message));
    }
}

static void null_arrays(void **state)
{
    career_profile p = *career_profile_default();
    career_error err;
    (void)state;
    p.tiers = NULL;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "tiers: NULL"));
    p = *career_profile_default();
    p.quantiles = NULL;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_status(career_profile_validate(NULL, &err), CAREER_ERR_ARG);
    assert_status(career_profile_validate(NULL, NULL), CAREER_ERR_ARG);
}

/* A tier may have no salary; the curve skips it. */
static void tier_without_salary(void **state)
{
    career_profile p = *career_profile_default();
    career_tier t[4];
    career_model *m = NULL;
    career_tier info;
    double s;
    (void)state;
    memcpy(t, p.tiers, sizeof t);
    t[3].salary = NAN;
    p.tiers = t;
    assert_status(career_model_new(&p, NULL, &m, NULL), CAREER_OK);
    assert_status(career_tier_info(m, 3, &info), CAREER_OK);
    assert_true(isnan(info.salary));
    assert_status(career_salary_at(m, 20.0, &s), CAREER_OK);
    assert_close(s, 149500.0, 1e-12); /* clamped at the last salaried anchor */
    career_model_free(m);
}

static void copy_is_deep(void **state)
{
    career_profile p = *career_profile_default();
    career_tier t[4];
    char name[] = "Junior Performance Engineer";
    career_profile *copy = NULL;
    size_t i;
    (void)state;
    memcpy(t, p.tiers, sizeof t);
    t[0].name = name;
    p.tiers = t;
    assert_status(career_profile_copy(&p, &copy, NULL), CAREER_OK);
    name[0] = 'X'; /* the copy must not see it */
    t[1].salary = 1.0;
    assert_string_equal(copy->tiers[0].name, "Junior Performance Engineer");
    assert_close(copy->tiers[1].salary, 125000.0, 0.0);
    assert_string_equal(copy->role, p.role);
    assert_string_equal(copy->demand_level, "high");
    for (i = 0; i < 3; i++)
        assert_close(copy->quantiles[i].p, p.quantiles[i].p, 0.0);
    career_profile_free(copy);
    career_profile_free(NULL);
    /* NULL strings stay NULL */
    p = *career_profile_default();
    p.region = p.source = p.demand_level = p.period = NULL;
    assert_status(career_profile_copy(&p, &copy, NULL), CAREER_OK);
    assert_null(copy->region);
    assert_null(copy->period);
    career_profile_free(copy);
    /* the codes and notes of 1.0 are copied too */
    {
        char note[] = "anchors are span midpoints";
        const char *notes[] = {note, "second"};
        p.occ_code = "15-1252";
        p.area_code = "99";
        p.separation_rate = 0.1137;
        p.notes = notes;
        p.nnotes = 2;
        assert_status(career_profile_copy(&p, &copy, NULL), CAREER_OK);
        note[0] = 'X';
        assert_string_equal(copy->notes[0], "anchors are span midpoints");
        assert_string_equal(copy->notes[1], "second");
        assert_string_equal(copy->occ_code, "15-1252");
        assert_string_equal(copy->area_code, "99");
        assert_close(copy->separation_rate, 0.1137, 0.0);
        career_profile_free(copy);
    }
    /* an invalid profile is never copied */
    p.ntiers = 0;
    copy = (career_profile *)&p;
    assert_status(career_profile_copy(&p, &copy, NULL), CAREER_ERR_ARG);
    assert_null(copy);
    assert_status(career_profile_copy(&p, NULL, NULL), CAREER_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_profile),
        cmocka_unit_test(validation_messages),
        cmocka_unit_test(null_arrays),
        cmocka_unit_test(tier_without_salary),
        cmocka_unit_test(copy_is_deep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
