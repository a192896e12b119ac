/* test_guide.c - career_guide_import (lib/guide.c).
 *
 * Reference: the seed guide tests/data/performance-architect-guide.txt
 * (a copy of shared/seed/000_1943ab66eb676010.txt) must import to exactly
 * career_profile_default(), whose figures DESIGN.md section 1 derives from
 * the guide by hand. Variants are made by editing that text in memory. */
#include "util.h"
#include "profile_check.h"

#define SEED "tests/data/performance-architect-guide.txt"

/* The seed with the first `from` replaced by `to` (the test fails if the
 * seed has no `from`). Free with free(). */
static char *seed_with(const char *from, const char *to, size_t *len)
{
    size_t n, nf = strlen(from), nt = strlen(to);
    char *seed = read_all(SEED, &n), *hit = strstr(seed, from), *out;

    assert_non_null(hit);
    out = malloc(n - nf + nt + 1);
    assert_non_null(out);
    memcpy(out, seed, (size_t)(hit - seed));
    memcpy(out + (hit - seed), to, nt);
    memcpy(out + (hit - seed) + nt, hit + nf,
           n - (size_t)(hit - seed) - nf + 1);
    free(seed);
    *len = n - nf + nt;
    return out;
}

static career_profile *import_ok(const char *text, size_t len)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_guide_import(text, len, &p, &err);

    if (st != CAREER_OK)
        print_error("import: line %d: %s\n", err.line, err.text);
    assert_status(st, CAREER_OK);
    assert_non_null(p);
    return p;
}

/* Imports and expects CAREER_ERR_PARSE with this line and text. */
static void import_fails(const char *text, size_t len, int line,
                         const char *message)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    assert_status(career_guide_import(text, len, &p, &err), CAREER_ERR_PARSE);
    assert_null(p);
    assert_int_equal(err.status, CAREER_ERR_PARSE);
    assert_string_equal(err.source, "<guide>");
    assert_string_equal(err.text, message);
    assert_int_equal(err.line, line);
}

static void test_seed_is_the_builtin_profile(void **state)
{
    size_t n;
    char *seed = read_all(SEED, &n);
    career_profile *p = import_ok(seed, n);

    (void)state;
    assert_profile_equal(p, career_profile_default());
    /* Spelled out too, from DESIGN.md section 1, so that a change of the
     * built-in profile cannot hide a change of the import. */
    assert_string_equal(p->role, "Performance Architect");
    assert_string_equal(p->tiers[3].name,
                        "Lead Performance Architect / Principal Architect");
    assert_true(p->tiers[0].salary == 100500.0);
    assert_true(p->tiers[2].salary == 149500.0);
    assert_true(p->tiers[3].anchor_years == 15.0);
    assert_true(p->quantiles[0].salary == 90000.0);
    assert_true(p->quantiles[2].salary == 160000.0);
    assert_true(p->demand_growth == 0.10);
    assert_string_equal(p->demand_level, "high");
    assert_string_equal(p->source, "career guide");
    assert_same_model(p, career_profile_default());
    career_profile_free(p);
    free(seed);
}

/* The seed's range dash is UTF-8 "—" read as Windows-1253 and re-encoded. */
static void test_range_dashes(void **state)
{
    static const char *const ranges[] = {
        "90,000-160,000", "90,000 - 160,000", "$90,000\xE2\x80\x93$160,000",
        "90,000\xE2\x80\x94" "160,000+", "90,000\xC3\xA2\xE2\x82\xAC\xE2\x80\x9D"
        "160,000", "90000 \xE2\x88\x92 160000"};
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        char *text = seed_with("90,000\xCE\xB2\xE2\x82\xAC\xE2\x80\x9D"
                               "160,000", ranges[i], &n);
        career_profile *p = import_ok(text, n);
        assert_profile_equal(p, career_profile_default());
        career_profile_free(p);
        free(text);
    }
}

static void test_crlf_and_no_nul(void **state)
{
    size_t n, i, j = 0;
    char *seed = read_all(SEED, &n), *crlf = malloc(2 * n + 1);
    career_profile *p;

    (void)state;
    assert_non_null(crlf);
    for (i = 0; i < n; i++) {
        if (seed[i] == '\n')
            crlf[j++] = '\r';
        crlf[j++] = seed[i];
    }
    crlf[j] = 'X'; /* not NUL-terminated: only len bytes are read */
    p = import_ok(crlf, j);
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    free(crlf);
    free(seed);
}

/* Without the fourth tier (and the top-10 % line it needs): 3 tiers with
 * the Entry, Mid and Senior salaries. */
static void test_three_tiers(void **state)
{
    size_t n;
    char *seed = read_all(SEED, &n);
    char *cut = strstr(seed, "Lead Performance Architect / Principal");
    char *rest = strstr(seed, "Global Outlook");
    career_profile *p;

    (void)state;
    assert_non_null(cut);
    assert_non_null(rest);
    memmove(cut, rest, strlen(rest) + 1);
    p = import_ok(seed, strlen(seed));
    assert_int_equal(p->ntiers, 3);
    assert_true(p->tiers[2].salary == 149500.0);
    assert_true(p->tiers[2].anchor_years == 10.0);
    career_profile_free(p);
    free(seed);
}

/* A fifth tier has no salary in the guide: NaN, and the model still works
 * from the four that have one. */
static void test_five_tiers(void **state)
{
    size_t n;
    char *text = seed_with("Global Outlook",
                           "Distinguished Architect\n\nExperience: 20+ years"
                           "\n\nThe summit.\n\nGlobal Outlook", &n);
    career_profile *p = import_ok(text, n);
    career_model *m = NULL;
    career_error err;

    (void)state;
    assert_int_equal(p->ntiers, 5);
    assert_string_equal(p->tiers[4].name, "Distinguished Architect");
    assert_true(p->tiers[4].min_years == 20.0);
    assert_true(p->tiers[4].anchor_years == 23.0);
    assert_true(isnan(p->tiers[4].salary));
    assert_true(p->tiers[3].salary == 160000.0);
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    career_model_free(m);
    career_profile_free(p);
    free(text);
}

static void test_other_figures(void **state)
{
    size_t n;
    char *a = seed_with("Growth Rate: 10%", "Growth Rate: 7.5%", &n);
    career_profile *p = import_ok(a, n);
    char *b;

    (void)state;
    assert_true(p->demand_growth == 0.075);
    career_profile_free(p);
    free(a);
    /* Without the "Growth Rate:" line the headline "10%" / "growth rate"
     * pair gives it. */
    b = seed_with("Growth Rate: 10%", "", &n);
    p = import_ok(b, n);
    assert_true(p->demand_growth == 0.10);
    career_profile_free(p);
    free(b);
    a = seed_with("The demand is currently high", "Demand is strong", &n);
    p = import_ok(a, n); /* from the "Market Demand" scale: High */
    assert_string_equal(p->demand_level, "high");
    career_profile_free(p);
    free(a);
}

/* Each missing part is named; line numbers where a line is at fault. */
static void test_missing_parts(void **state)
{
    static const struct {
        const char *from, *to;
        int line;
        const char *message;
    } cases[] = {
        {"Performance Architect Career Path Guide", "Performance Architect",
         1, "guide: no title ('<Role> Career Path Guide') on the first line"},
        {"Annual Salary (US, USD)", "Annual Pay", 0,
         "guide: no salary heading ('Annual Salary (REGION, CURRENCY)')"},
        {"Annual Salary (US, USD)", "Annual Salary (US)", 23,
         "guide: salary heading without '(REGION, CURRENCY)'"},
        {"90,000\xCE\xB2\xE2\x82\xAC\xE2\x80\x9D" "160,000", "90,000 160,000",
         25, "guide: no salary range ('Annual Salary (...)' followed by "
             "'MIN-MAX')"},
        {"Median: $125,000", "", 0,
         "guide: no Median salary ('Median' followed by '$AMOUNT')"},
        {"Mid-Level\n$125,000", "Mid-Level\nabout 125k", 29,
         "guide: 'Mid-Level' is not followed by an amount ('$AMOUNT')"},
        {"Senior-Level", "Senior", 0,
         "guide: no Senior-Level salary ('Senior-Level' followed by "
         "'$AMOUNT')"},
        {"Top 10% of earners", "The best earners", 0,
         "guide: no top-10% threshold ('Top 10% ... $AMOUNT') for the "
         "fourth tier"},
        {"Career Path Tiers", "Career Tiers", 0,
         "guide: no career tiers ('Career Path Tiers' then NAME and "
         "'Experience: A-B years')"},
        {"Experience: 3-7 years", "Experience: three to seven years", 164,
         "guide: expected 'Experience: A-B years' or 'Experience: A+ years'"},
        {"Experience: 8-12 years", "Experience: 12-8 years", 170,
         "guide: experience span ends before it starts"},
        {"Experience: 3-7 years", "Experience: 0-7 years", 0,
         "guide: tiers[1].min_years: must be greater than "
         "tiers[0].min_years (0)"},
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = seed_with(cases[i].from, cases[i].to, &n);
        print_message("case %zu\n", i);
        import_fails(text, n, cases[i].line, cases[i].message);
        free(text);
    }
}

static void test_growth_missing(void **state)
{
    size_t n;
    char *a = seed_with("Growth Rate: 10%", "", &n), *b;

    (void)state;
    b = strstr(a, "10%\n\ngrowth rate");
    assert_non_null(b);
    memcpy(b, "10 \n", 4);
    import_fails(a, n, 0, "guide: no growth rate ('Growth Rate: N%')");
    free(a);
}

static void test_bad_arguments(void **state)
{
    career_profile *p = NULL;
    career_error err;

    (void)state;
    assert_status(career_guide_import("x", 1, NULL, &err), CAREER_ERR_ARG);
    assert_status(career_guide_import(NULL, 5, &p, &err), CAREER_ERR_ARG);
    assert_null(p);
    import_fails(NULL, 0, 0,
                 "guide: empty text (no title '<Role> Career Path Guide')");
    import_fails("\n \n\t\n", 5, 0,
                 "guide: empty text (no title '<Role> Career Path Guide')");
    /* A title with invalid UTF-8 is refused, not copied into the profile. */
    import_fails("\xff\xfe Career Path Guide\n", 22, 1,
                 "guide: the title names no role in UTF-8");
    /* NULL error record: still a status. */
    assert_status(career_guide_import("", 0, &p, NULL), CAREER_ERR_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_is_the_builtin_profile),
        cmocka_unit_test(test_range_dashes),
        cmocka_unit_test(test_crlf_and_no_nul),
        cmocka_unit_test(test_three_tiers),
        cmocka_unit_test(test_five_tiers),
        cmocka_unit_test(test_other_figures),
        cmocka_unit_test(test_missing_parts),
        cmocka_unit_test(test_growth_missing),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
