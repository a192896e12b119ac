/* test_guide.c - career_guide_import (lib/io/guide.c, lib/io/money.c).
 *
 * Reference: the seed guide examples/guides/performance-architect.txt
 * must import to exactly career_profile_default(), whose figures
 * docs/model.md §1 derives from the guide by hand. Variants are made by
 * editing that text in memory.
 * The other guides in tests/data/ (guide-*.txt: other roles with 5 and 6
 * tiers, a UK guide in pounds, damaged copies of the seed) have figures
 * chosen for these tests, not taken from a published guide; the expected
 * values below are read off their text by hand. */
#include "util.h"
#include "profile_check.h"

#define SEED "examples/guides/performance-architect.txt"
#define DATA "tests/data/"

/* What the import of the seed says it inferred (docs/model.md §1). */
static const char *const seed_notes[] = {
    "Junior Performance Engineer: anchored at 1 year, the midpoint of "
    "'0-2 years'",
    "Performance Architect: anchored at 5 years, the midpoint of '3-7 years'",
    "Senior Performance Architect: anchored at 10 years, the midpoint of "
    "'8-12 years'",
    "Lead Performance Architect / Principal Architect: anchored at 15 years, "
    "3 years past the start of its open span '12+ years'",
    "Lead Performance Architect / Principal Architect: salary 160,000, the "
    "top-10 % threshold (the guide gives no level for its top tier)",
};

static void assert_notes(const career_profile *p, const char *const *notes,
                         size_t n)
{
    size_t i;

    assert_int_equal(p->nnotes, n);
    for (i = 0; i < n; i++)
        assert_string_equal(p->notes[i], notes[i]);
}

/* The built-in profile exactly, plus the notes of the seed's import (the
 * built-in profile has none). */
static void assert_seed_profile(const career_profile *p)
{
    career_profile bare = *p;

    bare.notes = NULL;
    bare.nnotes = 0;
    assert_int_equal(career_profile_default()->nnotes, 0);
    assert_profile_equal(&bare, career_profile_default());
    assert_notes(p, seed_notes, sizeof seed_notes / sizeof seed_notes[0]);
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

/* What a guide cut off, or with a tier's span missing, is refused with. */
#define ENDS_IN_TIERS(tier)                                                   \
    "guide: the text ends inside the career tiers, after tier '" tier "' "    \
    "(cut off? the tiers end at the next section's heading, such as "         \
    "'Global Outlook')"
#define NO_SPAN_AT_END(tier)                                                  \
    "guide: tier '" tier "' has no 'Experience: A-B years' line: the text "   \
    "ends there (cut off?)"
#define NO_SPAN(tier)                                                         \
    "guide: tier '" tier "' has no 'Experience: A-B years' line after it "    \
    "(the tiers end only at the next section's heading, such as 'Global "     \
    "Outlook')"

/* ---- texts to import ------------------------------------------------------- */

/* Every part once, three tiers, no demand level; line numbers below refer
 * to it. The tiers end at the next section's heading, as in the seed.
 * Figures chosen for this test (not from a published guide). */
static const char mini[] =
    "Data Engineer Career Path Guide\n"   /* 1 */
    "\n"                                  /* 2 */
    "Annual Salary (EU, EUR)\n"           /* 3 */
    "41,500-93,250\n"                     /* 4 */
    "Median: $62,385\n"                   /* 5 */
    "Entry-Level\n"                       /* 6 */
    "$45,250\n"                           /* 7 */
    "Mid-Level\n"                         /* 8 */
    "$62,385\n"                           /* 9 */
    "Senior-Level\n"                      /* 10 */
    "$81,125\n"                           /* 11 */
    "Growth Rate: 6.5%\n"                 /* 12 */
    "Career Path Tiers\n"                 /* 13 */
    "Junior\n"                            /* 14 */
    "Experience: 0-3 years\n"             /* 15 */
    "Senior\n"                            /* 16 */
    "Experience: 4-9 years\n"             /* 17 */
    "Staff\n"                             /* 18 */
    "Experience: 10-15 years\n"           /* 19 */
    "Global Outlook";                     /* 20, the end of the text */

/* `base` with the first `from` replaced by `to`; free with free(). */
static char *text_with(const char *base, const char *from, const char *to,
                       size_t *len)
{
    size_t n = strlen(base), nf = strlen(from), nt = strlen(to);
    const char *hit = strstr(base, from);
    char *out;

    assert_non_null(hit);
    out = malloc(n - nf + nt + 1);
    assert_non_null(out);
    memcpy(out, base, (size_t)(hit - base));
    memcpy(out + (hit - base), to, nt);
    memcpy(out + (hit - base) + nt, hit + nf,
           n - (size_t)(hit - base) - nf + 1);
    *len = n - nf + nt;
    return out;
}

static void import_fails_str(const char *text, int line, const char *message)
{
    import_fails(text, strlen(text), line, message);
}

static void mini_fails(const char *from, const char *to, int line,
                       const char *message)
{
    size_t n;
    char *text = text_with(mini, from, to, &n);

    print_message("'%.*s'\n", (int)strcspn(to, "\n"), to);
    import_fails(text, n, line, message);
    free(text);
}

static career_profile *mini_ok(const char *from, const char *to)
{
    size_t n;
    char *text = text_with(mini, from, to, &n);
    career_profile *p;

    p = import_ok(text, n);
    free(text);
    return p;
}

/* The seed with the first `from` replaced by `to` (the test fails if the
 * seed has no `from`). Free with free(). */
static char *seed_with(const char *from, const char *to, size_t *len)
{
    char *seed = read_all(SEED, NULL), *out = text_with(seed, from, to, len);

    free(seed);
    return out;
}

static void test_seed_is_the_builtin_profile(void **state)
{
    size_t n;
    char *seed = read_all(SEED, &n);
    career_profile *p = import_ok(seed, n);

    (void)state;
    assert_seed_profile(p);
    /* Spelled out too, from docs/model.md §1, so that a change of the
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
        assert_seed_profile(p);
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
    assert_seed_profile(p);
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

/* Five tiers: the top-10 % threshold is the top tier's salary, and the
 * tier between Senior and the top has none, so the curve rises through it
 * instead of reaching the top figure there and staying flat. */
static void test_five_tiers(void **state)
{
    size_t n;
    char *text = seed_with("Global Outlook",
                           "Distinguished Architect\n\nExperience: 20+ years"
                           "\n\nThe summit.\n\nGlobal Outlook", &n);
    career_profile *p = import_ok(text, n);
    career_model *m = NULL;
    career_error err;
    double s;

    (void)state;
    assert_int_equal(p->ntiers, 5);
    assert_string_equal(p->tiers[4].name, "Distinguished Architect");
    assert_true(p->tiers[4].min_years == 20.0);
    assert_true(p->tiers[4].anchor_years == 23.0);
    assert_true(p->tiers[4].salary == 160000.0);
    assert_true(isnan(p->tiers[3].salary));
    assert_true(p->tiers[2].salary == 149500.0);
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    /* at the Lead tier's anchor (15 y): between Senior (10 y) and the top */
    assert_status(career_salary_at(m, 15.0, &s), CAREER_OK);
    assert_true(s > 149500.0 && s < 160000.0);
    assert_status(career_salary_at(m, 23.0, &s), CAREER_OK);
    assert_true(s == 160000.0);
    career_model_free(m);
    assert_string_equal(p->notes[4], "Lead Performance Architect / Principal "
                                     "Architect: no salary in the guide; the "
                                     "curve interpolates through it");
    assert_string_equal(p->notes[6], "Distinguished Architect: salary "
                                     "160,000, the top-10 % threshold (the "
                                     "guide gives no level for its top tier)");
    career_profile_free(p);
    free(text);
}

/* The mini guide with `ntiers` tiers (1..16), tier i from 5 i years (open
 * for the last), and a top-10 % threshold of 98,500 after its levels when
 * `top10`. */
static career_profile *mini_tiers(size_t ntiers, int top10,
                                  career_status want)
{
    char tiers[2048], *with, *text;
    size_t i, used = 0, n;
    career_profile *p = NULL;
    career_error err;

    for (i = 0; i < ntiers; i++) {
        if (i + 1 < ntiers)
            used += (size_t)snprintf(tiers + used, sizeof tiers - used,
                                     "Tier %zu\nExperience: %zu-%zu years\n",
                                     i, 5 * i, 5 * i + 4);
        else
            used += (size_t)snprintf(tiers + used, sizeof tiers - used,
                                     "Tier %zu\nExperience: %zu+ years\n", i,
                                     5 * i);
    }
    with = text_with(mini, "Junior\nExperience: 0-3 years\nSenior\n"
                           "Experience: 4-9 years\nStaff\n"
                           "Experience: 10-15 years\n", tiers, &n);
    text = top10 ? text_with(with, "Growth Rate:", "Top 10% of earners make "
                             "$98,500+\nGrowth Rate:", &n) : with;
    assert_status(career_guide_import(text, n, &p, &err), want);
    if (text != with)
        free(text);
    free(with);
    return p;
}

/* The rule for every tier count (career.h, career-import(1)): Entry, Mid
 * and Senior are tiers 0-2; from 4 tiers the top-10 % threshold is the top
 * tier's and the tiers between have none; 2 tiers: Entry and Senior;
 * 1 tier: refused (a curve needs two salaries). */
static void test_tier_count_rule(void **state)
{
    const double entry = 45250, mid = 62385, senior = 81125, top = 98500;
    career_profile *p;
    size_t n, i;

    (void)state;
    p = mini_tiers(2, 1, CAREER_OK);
    assert_true(p->tiers[0].salary == entry);
    assert_true(p->tiers[1].salary == senior);
    assert_string_equal(p->notes[2], "Mid-Level 62,385 is no tier's salary: "
                                     "with 2 tiers, Entry-Level and "
                                     "Senior-Level are theirs");
    career_profile_free(p);
    /* 3 tiers: the threshold is no tier's, and p90 stays the range's top */
    p = mini_tiers(3, 1, CAREER_OK);
    assert_true(p->tiers[0].salary == entry && p->tiers[1].salary == mid &&
                p->tiers[2].salary == senior);
    assert_true(p->quantiles[2].salary == 93250.0);
    assert_string_equal(p->notes[p->nnotes - 1],
                        "p90 is the range's top 93,250, not the top-10 % "
                        "threshold 98,500");
    career_profile_free(p);
    for (n = 4; n <= CAREER_MAX_TIERS; n++) {
        print_message("%zu tiers\n", n);
        p = mini_tiers(n, 1, CAREER_OK);
        assert_int_equal(p->ntiers, n);
        assert_true(p->tiers[0].salary == entry && p->tiers[1].salary == mid &&
                    p->tiers[2].salary == senior);
        for (i = 3; i + 1 < n; i++)
            assert_true(isnan(p->tiers[i].salary));
        assert_true(p->tiers[n - 1].salary == top);
        assert_true(p->tiers[n - 1].anchor_years == 5.0 * (double)n - 2.0);
        assert_true(p->nnotes <= CAREER_MAX_NOTES);
        career_profile_free(p);
    }
    /* from 4 tiers the threshold is needed; with 1 the curve has one point */
    assert_null(mini_tiers(5, 0, CAREER_ERR_PARSE));
    assert_null(mini_tiers(1, 1, CAREER_ERR_PARSE));
}

static career_profile *import_file(const char *path)
{
    size_t n;
    char *text = read_all(path, &n);
    career_profile *p = import_ok(text, n);

    free(text);
    return p;
}

static void assert_tier(const career_tier *t, const char *name, double min,
                        double anchor, double salary)
{
    assert_string_equal(t->name, name);
    assert_true(t->min_years == min);
    assert_true(t->anchor_years == anchor);
    assert_true(same_double(t->salary, salary));
}

/* A 5-tier guide of another role (figures chosen for the test). */
static void test_guide_five_tiers(void **state)
{
    static const char *const notes[] = {
        "Junior Site Reliability Engineer: anchored at 1 year, the midpoint "
        "of '0-2 years'",
        "Site Reliability Engineer: anchored at 4 years, the midpoint of "
        "'3-5 years'",
        "Senior Site Reliability Engineer: anchored at 7.5 years, the "
        "midpoint of '6-9 years'",
        "Staff Site Reliability Engineer: anchored at 12 years, the midpoint "
        "of '10-14 years'",
        "Staff Site Reliability Engineer: no salary in the guide; the curve "
        "interpolates through it",
        "Principal Site Reliability Engineer: anchored at 18 years, 3 years "
        "past the start of its open span '15+ years'",
        "Principal Site Reliability Engineer: salary 185,000, the top-10 % "
        "threshold (the guide gives no level for its top tier)",
    };
    career_profile *p = import_file(DATA "guide-sre-5-tiers.txt");
    career_model *m = NULL;
    career_error err;
    double s;

    (void)state;
    assert_string_equal(p->role, "Site Reliability Engineer");
    assert_int_equal(p->ntiers, 5);
    assert_tier(&p->tiers[0], "Junior Site Reliability Engineer", 0, 1,
                108500);
    assert_tier(&p->tiers[1], "Site Reliability Engineer", 3, 4, 135000);
    assert_tier(&p->tiers[2], "Senior Site Reliability Engineer", 6, 7.5,
                171500);
    assert_tier(&p->tiers[3], "Staff Site Reliability Engineer", 10, 12, NAN);
    assert_tier(&p->tiers[4], "Principal Site Reliability Engineer", 15, 18,
                185000);
    assert_true(p->quantiles[0].salary == 95000 &&
                p->quantiles[1].salary == 135000 &&
                p->quantiles[2].salary == 185000);
    assert_true(p->demand_growth == 0.08);
    assert_notes(p, notes, sizeof notes / sizeof notes[0]);
    /* Staff is on the way up, Principal at the top */
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    assert_status(career_salary_at(m, 12.0, &s), CAREER_OK);
    assert_true(s > 171500.0 && s < 185000.0);
    assert_status(career_salary_at(m, 18.0, &s), CAREER_OK);
    assert_true(s == 185000.0);
    career_model_free(m);
    career_profile_free(p);
}

/* A 6-tier guide in Canadian dollars ("C$", heading "(Canada, CAD)"). */
static void test_guide_six_tiers(void **state)
{
    career_profile *p = import_file(DATA "guide-data-scientist-6-tiers.txt");
    career_model *m = NULL;
    career_error err;
    double s9, s12;

    (void)state;
    assert_string_equal(p->region, "Canada");
    assert_string_equal(p->currency, "CAD");
    assert_int_equal(p->ntiers, 6);
    assert_tier(&p->tiers[0], "Associate Data Scientist", 0, 0.5, 80000);
    assert_tier(&p->tiers[1], "Data Scientist", 2, 3, 98000);
    assert_tier(&p->tiers[2], "Senior Data Scientist", 5, 6, 130000);
    assert_tier(&p->tiers[3], "Lead Data Scientist", 8, 9, NAN);
    assert_tier(&p->tiers[4], "Principal Data Scientist", 11, 12.5, NAN);
    assert_tier(&p->tiers[5], "Distinguished Data Scientist", 15, 18, 150000);
    assert_true(p->quantiles[0].salary == 70000 &&
                p->quantiles[2].salary == 150000);
    assert_int_equal(p->nnotes, 9); /* 6 anchors, 2 without, the top */
    assert_string_equal(p->notes[0], "Associate Data Scientist: anchored at "
                                     "0.5 years, the midpoint of '0-1 years'");
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    assert_status(career_salary_at(m, 9.0, &s9), CAREER_OK);
    assert_status(career_salary_at(m, 12.5, &s12), CAREER_OK);
    assert_true(130000.0 < s9 && s9 < s12 && s12 < 150000.0);
    career_model_free(m);
    career_profile_free(p);
}

/* A UK guide: "(UK, GBP)", pounds, "£50k" and "84,500 GBP". */
static void test_guide_gbp(void **state)
{
    career_profile *p = import_file(DATA "guide-uk-gbp.txt");
    size_t i;

    (void)state;
    assert_string_equal(p->role, "Cloud Security Engineer");
    assert_string_equal(p->region, "UK");
    assert_string_equal(p->currency, "GBP");
    assert_int_equal(p->ntiers, 4);
    assert_true(p->tiers[0].salary == 50000.0);
    assert_true(p->tiers[1].salary == 62500.0);
    assert_true(p->tiers[2].salary == 84500.0);
    assert_true(p->tiers[3].salary == 95000.0);
    assert_true(p->tiers[3].anchor_years == 14.0);
    assert_true(p->quantiles[0].salary == 45000.0 &&
                p->quantiles[1].salary == 62500.0 &&
                p->quantiles[2].salary == 95000.0);
    assert_true(p->demand_growth == 0.12);
    /* the pounds agree with the heading: nothing to say about currency */
    assert_int_equal(p->nnotes, 5);
    for (i = 0; i < p->nnotes; i++)
        assert_null(strstr(p->notes[i], "currency"));
    career_profile_free(p);
}

/* The median of the mini guide (heading "(EU, EUR)") spelled `median`. */
static void median_is(const char *median, double want)
{
    career_profile *p;

    print_message("'%s'\n", median);
    p = mini_ok("Median: $62,385", median);
    assert_true(p->quantiles[1].salary == want);
    career_profile_free(p);
}

static void test_money_spellings(void **state)
{
    /* nnotes: 3 anchors, and one when the "$" of the other levels cannot
     * be the heading's currency */
    static const struct {
        const char *heading, *amount;
        size_t nnotes;
    } other[] = {
        {"(UK, GBP)", "\xC2\xA3" "62,385", 4},
        {"(Canada, CAD)", "C$62,385", 3},
        {"(Canada, CAD)", "CA$ 62,385", 3},
        {"(Canada, CAD)", "$62,385", 3},       /* "$" may be any dollar */
        {"(Switzerland, CHF)", "CHF 62,385", 4},
        {"(Switzerland, CHF)", "62,385 CHF", 4},
        {"(Japan, JPY)", "\xC2\xA5" "62,385", 4},
        {"(India, INR)", "\xE2\x82\xB9" "62,385", 4},
        {"(Sweden, SEK)", "62,385 SEK", 4},
        {"(Utopia, XUT)", "XUT 62,385", 4},    /* the heading's own code */
    };
    static const char *const refused[] = {
        "Median: 62,385 EURO", "Median: 62k5", "Median: \xE2\x82\xAC",
        "Median: 62,385 kr", "Median: 9007199254741k", "Median: EUR",
        "Median: XUT 62,385",                  /* not a code we know */
    };
    career_profile *p;
    size_t i, n;

    (void)state;
    median_is("Median: \xE2\x82\xAC" "62,385", 62385);
    median_is("Median: 62,385 EUR", 62385);
    median_is("Median: EUR 62,385", 62385);
    median_is("Median: EUR62,385+", 62385);
    median_is("Median: 62\xE2\x80\xAF" "385 \xE2\x82\xAC", 62385); /* U+202F */
    median_is("Median: 62\xC2\xA0" "385\xE2\x80\xAF\xE2\x82\xAC", 62385);
    median_is("Median: 62k", 62000);
    median_is("Median: \xE2\x82\xAC" "62.385K", 62385);
    p = mini_ok("$45,250", "1,23,456"); /* Indian grouping */
    assert_true(p->tiers[0].salary == 123456.0);
    career_profile_free(p);
    /* the largest "k" amount a profile takes (CAREER_MAX_SALARY) */
    p = mini_ok("$45,250", "1000000000k");
    assert_true(p->tiers[0].salary == 1e12);
    career_profile_free(p);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
        mini_fails("Median: $62,385", refused[i], 5,
                   "guide: 'Median' is not followed by an amount "
                   "('$AMOUNT')");
    for (i = 0; i < sizeof other / sizeof other[0]; i++) {
        char *a = text_with(mini, "(EU, EUR)", other[i].heading, &n);
        char *b = text_with(a, "$62,385", other[i].amount, &n);

        print_message("%s %s\n", other[i].heading, other[i].amount);
        p = import_ok(b, n);
        assert_true(p->quantiles[1].salary == 62385.0);
        assert_int_equal(p->nnotes, other[i].nnotes);
        career_profile_free(p);
        free(b);
        free(a);
    }
    /* Grouped by narrow no-break spaces in the range, and "k" there too. */
    p = mini_ok("41,500-93,250", "41\xE2\x80\xAF" "500 \xE2\x82\xAC \xE2\x80\x93"
                                 " 93\xE2\x80\xAF" "250 \xE2\x82\xAC");
    assert_true(p->quantiles[0].salary == 41500.0);
    assert_true(p->quantiles[2].salary == 93250.0);
    career_profile_free(p);
    p = mini_ok("41,500-93,250", "\xE2\x82\xAC" "41.5k-\xE2\x82\xAC" "93.25k");
    assert_true(p->quantiles[0].salary == 41500.0);
    assert_true(p->quantiles[2].salary == 93250.0);
    career_profile_free(p);
}

/* Signs and no-break spaces of UTF-8 text read as Windows-1252 or -1253
 * and encoded again, as the seed guide's dash is (Python:
 * "£".encode("utf-8").decode("cp1253").encode("utf-8")). */
static void test_money_mojibake(void **state)
{
    static const struct {
        const char *heading, *median;
        double want;
    } cases[] = {
        {"(UK, GBP)", "Median: \xC3\x82\xC2\xA3" "62,385", 62385},
        {"(UK, GBP)", "Median: \xCE\x92\xC2\xA3" "62,385", 62385},
        {"(EU, EUR)", "Median: \xC3\xA2\xE2\x80\x9A\xC2\xAC" "62,385", 62385},
        {"(EU, EUR)", "Median: 62\xCE\xB2\xE2\x82\xAC\xE2\x80\x95" "385 "
                      "\xCE\xB2\xE2\x80\x9A\xC2\xAC", 62385},
        {"(EU, EUR)", "Median: 62\xC3\xA2\xE2\x82\xAC\xC2\xAF" "385", 62385},
        {"(EU, EUR)", "Median: 62\xC3\x82\xC2\xA0" "385", 62385},
        {"(EU, EUR)", "Median: 62\xCE\x92\xC2\xA0" "385", 62385},
        {"(Japan, JPY)", "Median: \xCE\x92\xC2\xA5" "62,385", 62385},
        {"(Japan, JPY)", "Median: \xC3\x82\xC2\xA5" "62,385", 62385},
        {"(India, INR)", "Median: \xC3\xA2\xE2\x80\x9A\xC2\xB9" "62,385",
         62385},
        {"(India, INR)", "Median: \xCE\xB2\xE2\x80\x9A\xCE\x89" "62,385",
         62385},
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *a = text_with(mini, "(EU, EUR)", cases[i].heading, &n);
        char *b = text_with(a, "Median: $62,385", cases[i].median, &n);
        career_profile *p;

        print_message("case %zu\n", i);
        p = import_ok(b, n);
        assert_true(p->quantiles[1].salary == cases[i].want);
        career_profile_free(p);
        free(b);
        free(a);
    }
}

/* The heading sets the currency; a sign standing for one code is read as
 * it, and amounts marked with another currency are noted, not obeyed. */
static void test_heading_currency(void **state)
{
    career_profile *p;

    (void)state;
    p = mini_ok("(EU, EUR)", "(UK, \xC2\xA3)");
    assert_string_equal(p->currency, "GBP");
    assert_string_equal(p->notes[0], "currency '\xC2\xA3' read as GBP");
    career_profile_free(p);
    p = mini_ok("(EU, EUR)", "(Japan, \xC2\xA5)"); /* yen or yuan */
    assert_string_equal(p->currency, "\xC2\xA5");
    career_profile_free(p);
    /* "$" is no code of the euro: the mini guide's levels say "$" */
    p = import_ok(mini, sizeof mini - 1);
    assert_string_equal(p->currency, "EUR");
    assert_string_equal(p->notes[p->nnotes - 1],
                        "amounts marked '$' read as EUR, the heading's "
                        "currency");
    career_profile_free(p);
    {
        size_t n;
        char *a = text_with(mini, "(EU, EUR)", "(US, USD)", &n);
        char *b = text_with(a, "Median: $62,385", "Median: 62,385 GBP", &n);

        p = import_ok(b, n);
        assert_true(p->quantiles[1].salary == 62385.0);
        assert_string_equal(p->notes[p->nnotes - 1],
                            "amounts marked 'GBP' read as USD, the "
                            "heading's currency");
        career_profile_free(p);
        free(b);
        free(a);
    }
    /* a heading that is no code cannot be checked: kept as written */
    p = mini_ok("(EU, EUR)", "(EU, Euro)");
    assert_string_equal(p->currency, "Euro");
    assert_int_equal(p->nnotes, 3);
    career_profile_free(p);
}

/* A UTF-8 byte-order mark is skipped, not taken into the role. */
static void test_byte_order_mark(void **state)
{
    char text[sizeof mini + 3] = "\xEF\xBB\xBF";
    career_profile *p = import_file(DATA "guide-bom.txt");

    (void)state;
    assert_seed_profile(p);
    career_profile_free(p);
    memcpy(text + 3, mini, sizeof mini);
    p = import_ok(text, sizeof text - 1);
    assert_string_equal(p->role, "Data Engineer");
    career_profile_free(p);
    import_fails("\xEF\xBB\xBF", 3, 0,
                 "guide: empty text (no title '<Role> Career Path Guide')");
}

/* Cut off after a tier's name: an error at the name, no profile. */
static void test_truncated(void **state)
{
    static const char tail[] = "Experience: 10-15 years\nGlobal Outlook";
    size_t n;
    char *text = read_all(DATA "guide-truncated.txt", &n);

    (void)state;
    import_fails(text, n, 174, NO_SPAN_AT_END("Lead Performance Architect / "
                                              "Principal Architect"));
    free(text);
    mini_fails(tail, "Experience: 10-15 years\n\nStaff work.\n\nPrincipal\r\n"
                     " \n", 23, NO_SPAN_AT_END("Principal"));
    /* The text ends inside the tiers, whatever their last line: a sentence,
     * a "Label: value", or a heading that is no section's. */
    mini_fails(tail, "Experience: 10-15 years\nStaff work.\nThe end.", 21,
               ENDS_IN_TIERS("Staff"));
    mini_fails(tail, "Experience: 10-15 years\nStaff work.\nStatus: Growing",
               21, ENDS_IN_TIERS("Staff"));
    mini_fails(tail, "Experience: 10-15 years\nStaff work.\nOutlook\nGrowing",
               21, NO_SPAN("Outlook"));
    mini_fails(tail, "Experience: 10-15 years", 19, ENDS_IN_TIERS("Staff"));
}

/* A level missing from the block after the range is missing, even when a
 * later paragraph starts with its label. */
static void test_missing_level(void **state)
{
    size_t n;
    char *text = read_all(DATA "guide-missing-level.txt", &n);
    char *seed;

    (void)state;
    import_fails(text, n, 0, "guide: no Senior-Level salary ('Senior-Level' "
                             "followed by '$AMOUNT')");
    free(text);
    seed = seed_with("Mid-Level\n$125,000\n", "", &n);
    import_fails(seed, n, 0, "guide: no Mid-Level salary ('Mid-Level' "
                             "followed by '$AMOUNT')");
    free(seed);
    /* the block ends at the first line that is neither label nor amount */
    mini_fails("Senior-Level\n$81,125", "Levels end here\nSenior-Level\n"
               "$81,125", 0, "guide: no Senior-Level salary ('Senior-Level' "
                             "followed by '$AMOUNT')");
}

/* The guide shipped for users (README, man pages) is the seed guide. */
static void test_shipped_guide(void **state)
{
    career_profile *p =
        import_file("examples/guides/performance-architect.txt");

    (void)state;
    assert_seed_profile(p);
    career_profile_free(p);
}

/* Notes travel with the profile: into its JSON and back. */
static void test_notes_in_json(void **state)
{
    size_t n;
    char *seed = read_all(SEED, &n), *json = NULL;
    career_profile *p = import_ok(seed, n), *back = NULL;
    career_error err;

    (void)state;
    assert_status(career_profile_to_json(p, &json, &err), CAREER_OK);
    assert_non_null(strstr(json, "\"notes\""));
    assert_status(career_profile_load_string(json, NULL, &back, &err),
                  CAREER_OK);
    assert_profile_equal(back, p);
    career_profile_free(back);
    career_profile_free(p);
    free(json);
    free(seed);
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
         "guide: no top-10% threshold ('Top 10% ... $AMOUNT' after the "
         "salary levels) for the top tier"},
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

static void test_mini_guide(void **state)
{
    career_profile *p = import_ok(mini, sizeof mini - 1);

    (void)state;
    assert_string_equal(p->role, "Data Engineer");
    assert_string_equal(p->region, "EU");
    assert_string_equal(p->currency, "EUR");
    assert_string_equal(p->period, "year");
    assert_int_equal(p->ntiers, 3);
    assert_string_equal(p->tiers[2].name, "Staff");
    assert_true(p->tiers[0].anchor_years == 1.5);
    assert_true(p->tiers[1].min_years == 4.0);
    assert_true(p->tiers[1].anchor_years == 6.5);
    assert_true(p->tiers[2].anchor_years == 12.5);
    assert_true(p->tiers[0].salary == 45250.0);
    assert_true(p->tiers[1].salary == 62385.0);
    assert_true(p->tiers[2].salary == 81125.0);
    assert_int_equal(p->nquantiles, 3);
    assert_true(p->quantiles[0].p == 0.10 && p->quantiles[0].salary == 41500.0);
    assert_true(p->quantiles[1].p == 0.50 && p->quantiles[1].salary == 62385.0);
    assert_true(p->quantiles[2].p == 0.90 && p->quantiles[2].salary == 93250.0);
    assert_true(p->demand_growth == 0.065);
    assert_true(p->demand_years == 10.0);
    assert_null(p->demand_level); /* the guide does not say */
    career_profile_free(p);
}

/* The role must be UTF-8 without NUL: each way a byte sequence can be
 * wrong, and valid sequences of each length (RFC 3629 table 3). */
static void test_title_utf8(void **state)
{
    static const struct {
        const char *role;
        size_t len;
        int valid;
    } cases[] = {
        {"D\xC3\xA9veloppeuse", 13, 1},       /* U+00E9 */
        {"\xE2\x82\xAC uro", 7, 1},           /* U+20AC */
        {"\xEE\x80\x80", 3, 1},               /* U+E000, after surrogates */
        {"\xF0\x9D\x84\x9E", 4, 1},           /* U+1D11E */
        {"\xF4\x8F\xBF\xBF", 4, 1},           /* U+10FFFF, the last */
        {"A\0B", 3, 0},                       /* NUL */
        {"\x80", 1, 0},                       /* a lone continuation */
        {"\xF5\x80\x80\x80", 4, 0},           /* a lead byte past F4 */
        {"x\xC3", 2, 0},                      /* cut short */
        {"\xC3\x28", 2, 0},                   /* not a continuation */
        {"\xC0\x80", 2, 0},                   /* overlong, 2 bytes */
        {"\xE0\x80\xAF", 3, 0},               /* overlong, 3 bytes */
        {"\xF0\x80\x80\xAF", 4, 0},           /* overlong, 4 bytes */
        {"\xF4\x90\x80\x80", 4, 0},           /* past U+10FFFF */
        {"\xED\xA0\x80", 3, 0},               /* U+D800 */
        {"\xED\xBF\xBF", 3, 0},               /* U+DFFF */
    };
    static const char suffix[] = " Career Path Guide\n";
    char text[64];
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("case %zu\n", i);
        memcpy(text, cases[i].role, cases[i].len);
        memcpy(text + cases[i].len, suffix, sizeof suffix);
        n = cases[i].len + sizeof suffix - 1;
        if (cases[i].valid) /* the title is good: the next part is missing */
            import_fails(text, n, 0, "guide: no salary heading ('Annual "
                                     "Salary (REGION, CURRENCY)')");
        else
            import_fails(text, n, 1, "guide: the title names no role in "
                                     "UTF-8");
    }
}

static void test_title_and_heading(void **state)
{
    career_profile *p;

    (void)state;
    /* Form feed and vertical tab are blanks like spaces and tabs. */
    p = mini_ok("Data Engineer Career Path Guide",
                "\v Data Engineer\fCareer Path Guide \f");
    assert_string_equal(p->role, "Data Engineer");
    career_profile_free(p);
    mini_fails("Data Engineer Career Path Guide", "Career Path Guide", 1,
               "guide: no title ('<Role> Career Path Guide') on the first "
               "line");
    mini_fails("(EU, EUR)", "(, EUR)", 3,
               "guide: salary heading without '(REGION, CURRENCY)'");
    mini_fails("(EU, EUR)", "(EU, )", 3,
               "guide: salary heading without '(REGION, CURRENCY)'");
    mini_fails("(EU, EUR)", "(E\xFFU, EUR)", 3,
               "guide: salary heading without '(REGION, CURRENCY)'");
    mini_fails("(EU, EUR)", "(EU, \xE2\x82)", 3,
               "guide: salary heading without '(REGION, CURRENCY)'");
    mini_fails("(EU, EUR)", "(EU, EUR", 3,
               "guide: salary heading without '(REGION, CURRENCY)'");
    /* The heading on the last line: the range is missing, at the heading. */
    import_fails_str("Data Engineer Career Path Guide\n\nAnnual Salary (EU, EUR)"
                 "\n\n", 3, "guide: no salary range ('Annual Salary "
                                "(...)' followed by 'MIN-MAX')");
}

/* Spellings of figures in the range line: what is accepted, and what is
 * refused as no range at all (figures grouped irregularly are refused as
 * such: test_digit_grouping_refused). */
static void test_range_spellings(void **state)
{
    static const char *const refused[] = {
        "41,500-93,250,",           /* a comma that groups nothing */
        "41,500,-93,250",           /* a comma before the dash */
        "41.-93,250",               /* a point with no digits */
        "1234567890123456-2",       /* 16 digits */
        "$-93,250",                 /* a dollar with no figure */
        "41,500-",                  /* no second figure */
        "41,500-93,250 per year",   /* words after it */
        "41,500-93,250 EURO",       /* a code that goes on as a word */
        "41,500-93,250.",           /* a point at the end */
        "41,500~93,250",            /* not a dash */
        "41,500 to 93,250",
        "$",
    };
    career_profile *p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
        mini_fails("41,500-93,250", refused[i], 4,
                   "guide: no salary range ('Annual Salary (...)' followed "
                   "by 'MIN-MAX')");
    p = mini_ok("41,500-93,250", "41,500.50-93,250.25");
    assert_true(p->quantiles[0].salary == 41500.5);
    assert_true(p->quantiles[2].salary == 93250.25);
    career_profile_free(p);
    p = mini_ok("41,500-93,250", "$41,500+ \xE2\x80\x92 $93,250+");
    assert_true(p->quantiles[0].salary == 41500.0);
    assert_true(p->quantiles[2].salary == 93250.0);
    career_profile_free(p);
    p = mini_ok("41,500-93,250", "41500\xC3\xA2\xE2\x82\xAC\xE2\x80\x9C" "93250");
    assert_true(p->quantiles[2].salary == 93250.0);
    career_profile_free(p);
    /* 15 digits, the most a figure may have */
    p = mini_ok("41,500-93,250", "41,500.0000000001-93,250");
    assert_true(p->quantiles[0].salary == 41500.0000000001);
    career_profile_free(p);
}

static void test_levels(void **state)
{
    career_profile *p;

    (void)state;
    p = mini_ok("Median: $62,385", "MEDIAN $62,385");
    assert_true(p->quantiles[1].salary == 62385.0);
    career_profile_free(p);
    p = mini_ok("Entry-Level\n$45,250", "Entry-Level: 45,250.75");
    assert_true(p->tiers[0].salary == 45250.75);
    career_profile_free(p);
    mini_fails("Median: $62,385", "Median: $62,385 a year", 5,
               "guide: 'Median' is not followed by an amount ('$AMOUNT')");
    mini_fails("Median: $62,385", "Median: about 62k", 5,
               "guide: 'Median' is not followed by an amount ('$AMOUNT')");
    mini_fails("Entry-Level\n$45,250", "Entry-Level\n\n-", 6,
               "guide: 'Entry-Level' is not followed by an amount "
               "('$AMOUNT')");
    /* A label on the last line has no amount after it. */
    import_fails_str("R Career Path Guide\nAnnual Salary (US, USD)\n1-3\n"
                 "Median: 2\nEntry-Level\n1\nMid-Level\n2\nSenior-Level\n\n",
                 0, "guide: no Senior-Level salary ('Senior-Level' "
                        "followed by '$AMOUNT')");
}

static void test_top10(void **state)
{
    static const char *const refused[] = {
        "Top 10% of earners: 160,000 dollars\n",
        "Top 10% from $1234567890123456\n",
        "Top 10% $\n",
        "Top 10% from 160,000+\n",  /* no currency: not an amount */
    };
    career_profile *p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
        mini_fails("Growth Rate", refused[i], 12,
                   "guide: 'Top 10%' without a threshold ('$AMOUNT')");
    /* With a fourth tier, the threshold is its salary. */
    {
        size_t n;
        char *a = text_with(mini, "Experience: 10-15 years",
                            "Experience: 10-15 years\nPrincipal\n"
                            "Experience: 16+ years", &n);
        char *b = text_with(a, "Growth Rate", "Top 10% earn $98,500+ (and "
                                              "$1 more)\nGrowth Rate", &n);

        p = import_ok(b, n);
        free(b);
        free(a);
    }
    assert_int_equal(p->ntiers, 4);
    assert_true(p->tiers[3].salary == 98500.0);
    assert_true(p->tiers[3].anchor_years == 19.0);
    career_profile_free(p);
}

static void test_growth_spellings(void **state)
{
    career_profile *p;

    (void)state;
    p = mini_ok("Growth Rate: 6.5%", "Growth Rate: +12.5%");
    assert_true(p->demand_growth == 0.125);
    career_profile_free(p);
    p = mini_ok("Growth Rate: 6.5%", "growth rate:-3%");
    assert_true(p->demand_growth == -0.03);
    career_profile_free(p);
    mini_fails("Growth Rate: 6.5%", "Growth Rate: ten percent", 12,
               "guide: 'Growth Rate:' is not followed by a percentage "
               "('N%')");
    mini_fails("Growth Rate: 6.5%", "Growth Rate:", 12,
               "guide: 'Growth Rate:' is not followed by a percentage "
               "('N%')");
    mini_fails("Growth Rate: 6.5%", "Growth Rate: 6.5", 12,
               "guide: 'Growth Rate:' is not followed by a percentage "
               "('N%')");
    mini_fails("Growth Rate: 6.5%", "Growth Rate: 6.5 %", 12,
               "guide: 'Growth Rate:' is not followed by a percentage "
               "('N%')");
    /* The headline pair needs a figure before the '%' and the words on the
     * next non-blank line. */
    mini_fails("Growth Rate: 6.5%", "many%\n\ngrowth rate", 0,
               "guide: no growth rate ('Growth Rate: N%')");
    mini_fails("Growth Rate: 6.5%", "6.5%\n\ngrowth rates", 0,
               "guide: no growth rate ('Growth Rate: N%')");
    mini_fails("Growth Rate: 6.5%", "Growth", 0,
               "guide: no growth rate ('Growth Rate: N%')");
    p = mini_ok("Growth Rate: 6.5%", "-2.5%\n\nGrowth Rate");
    assert_true(p->demand_growth == -0.025);
    career_profile_free(p);
    /* A '%' on the last line has no words after it. */
    import_fails_str("R Career Path Guide\nAnnual Salary (US, USD)\n1-3\n"
                 "Median: 2\nEntry-Level\n1\nMid-Level\n2\nSenior-Level\n3\n"
                 "5%", 0, "guide: no growth rate ('Growth Rate: N%')");
}

static void test_demand_level(void **state)
{
    career_profile *p;

    (void)state;
    /* The phrase to the end of its line. */
    p = mini_ok("Career Path Tiers", "The demand is currently Moderate\n"
                                     "Career Path Tiers");
    assert_string_equal(p->demand_level, "moderate");
    career_profile_free(p);
    /* The last short line of the "Market Demand" scale... */
    p = mini_ok("Career Path Tiers", "Market Demand\n\nLow\n\nRising\n\n"
                "A longer line that ends the scale.\nCareer Path Tiers");
    assert_string_equal(p->demand_level, "rising");
    career_profile_free(p);
    /* ...which must be one word of letters, or there is no level. */
    p = mini_ok("Career Path Tiers", "Market Demand\nLow\nVery high\n"
                                     "Career Path Tiers");
    assert_null(p->demand_level);
    career_profile_free(p);
    /* A phrase without a word after it gives way to the scale. */
    p = mini_ok("Career Path Tiers", "The demand is currently 80% filled\n"
                "Market Demand\nHigh\nCareer Path Tiers");
    assert_string_equal(p->demand_level, "high");
    career_profile_free(p);
    /* A word that goes on in non-ASCII letters is not cut to its ASCII
     * start ("tr" of "très"): no level rather than a wrong one. */
    p = mini_ok("Career Path Tiers", "The demand is currently tr\xC3\xA8s "
                                     "high\nCareer Path Tiers");
    assert_null(p->demand_level);
    career_profile_free(p);
    /* "Market Demand" on the last line: nothing after it. */
    p = mini_ok("Global Outlook", "Global Outlook\n\nMarket Demand\n");
    assert_int_equal(p->ntiers, 3);
    assert_null(p->demand_level);
    career_profile_free(p);
}

static void test_experience_spellings(void **state)
{
    static const char *const refused[] = {
        "Experience: 4 years",        /* no end */
        "Experience: 4-9 months",     /* not years */
        "Experience: 4-9+ years",     /* an open end after a dash */
        "Experience: 4-nine years",
        "Experience: 4-9",
        "Experience: about 4 years",
    };
    career_profile *p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
        mini_fails("Experience: 4-9 years", refused[i], 17,
                   "guide: expected 'Experience: A-B years' or "
                   "'Experience: A+ years'");
    p = mini_ok("Experience: 4-9 years", "EXPERIENCE:4 \xE2\x80\x93 9 Years");
    assert_true(p->tiers[1].min_years == 4.0);
    assert_true(p->tiers[1].anchor_years == 6.5);
    career_profile_free(p);
    p = mini_ok("Experience: 4-9 years", "Experience: 4.5-9.25 year");
    assert_true(p->tiers[1].min_years == 4.5);
    assert_true(p->tiers[1].anchor_years == 6.875);
    career_profile_free(p);
    p = mini_ok("Experience: 10-15 years", "Experience: 10+ years");
    assert_true(p->tiers[2].anchor_years == 13.0);
    career_profile_free(p);
    /* A span of no length is allowed; its anchor is its start. */
    p = mini_ok("Experience: 4-9 years", "Experience: 5-5 years");
    assert_true(p->tiers[1].anchor_years == 5.0);
    career_profile_free(p);
}

static void test_tier_section(void **state)
{
    career_profile *p;

    (void)state;
    /* The heading, a name, then the end of the text. */
    import_fails_str("R Career Path Guide\nAnnual Salary (US, USD)\n1-3\n"
                 "Median: 2\nEntry-Level\n1\nMid-Level\n2\nSenior-Level\n3\n"
                 "Growth Rate: 1%\nCareer Path Tiers\n\nJunior\n", 14,
                 NO_SPAN_AT_END("Junior"));
    mini_fails("Experience: 0-3 years", "Works on data.", 14,
               NO_SPAN("Junior"));
    /* The heading, then the next section's. */
    mini_fails("Junior\nExperience: 0-3 years\nSenior\nExperience: 4-9 years\n"
               "Staff\nExperience: 10-15 years\n", "", 13,
               "guide: no tier after 'Career Path Tiers' (NAME then "
               "'Experience: A-B years')");
    mini_fails("Senior\n", "Seni\xC3r\n", 16,
               "guide: tier name is not valid UTF-8");
    /* Two names in a row: the first has no span. */
    mini_fails("Staff\n", "Staff\nLead\n", 18, NO_SPAN("Staff"));
    /* An "Experience:" line with no name before it: after another span,
     * or after a sentence (a description whose tier's name is gone). */
    mini_fails("Senior\n", "", 16,
               "guide: 'Experience:' without a tier name before it");
    mini_fails("Staff\n", "Works on data.\n", 19,
               "guide: 'Experience:' without a tier name before it");
    /* A description of any length, and a name with a colon. */
    p = mini_ok("Staff\n", "One.\nTwo.\nThree.\nFour.\nLevel 3: Staff\n");
    assert_int_equal(p->ntiers, 3);
    assert_string_equal(p->tiers[2].name, "Level 3: Staff");
    career_profile_free(p);
}

/* 17 tiers: one more than a profile holds. */
static void test_too_many_tiers(void **state)
{
    char more[1024];
    size_t i, used = 0;

    (void)state;
    used += (size_t)snprintf(more, sizeof more, "Experience: 10-15 years\n");
    for (i = 3; i < 17; i++)
        used += (size_t)snprintf(more + used, sizeof more - used,
                                 "Tier %zu\nExperience: %zu-%zu years\n",
                                 i + 1, 5 * i + 1, 5 * i + 4);
    /* lines 18-19 are the third tier; the 17th name is line 20 + 2 * 13 */
    mini_fails("Experience: 10-15 years", more, 46,
               "guide: more than 16 career tiers");
}

static void test_too_long(void **state)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    (void)state;
    /* Returns before reading a byte: the length alone is refused. */
    assert_status(career_guide_import("x", SIZE_MAX / 8, &p, &err),
                  CAREER_ERR_ARG);
    assert_null(p);
    assert_string_equal(err.text, "text: too long");
    assert_status(career_guide_import(NULL, 5, &p, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "text: NULL");
    assert_status(career_guide_import("x", 1, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "out: NULL");
}

/* ---- cut-off and damaged tiers ----------------------------------------- */

/* The seed with its first `nlines` lines only, each with its newline (as
 * head -n gives them): *len bytes of the returned buffer. */
static char *seed_head(size_t nlines, size_t *len)
{
    size_t n, i, seen = 0;
    char *seed = read_all(SEED, &n);

    for (i = 0; i < n && seen < nlines; i++)
        seen += seed[i] == '\n';
    *len = i;
    return seed;
}

/* head -n N of the seed, N on each line of a span or a description after
 * it: the guide ends inside its tiers, and the tiers read so far would
 * take the first levels' salaries (2 tiers: Performance Architect got
 * Senior-Level's 149,500). Line numbers from `cat -n`. */
static void test_cut_after_a_tier(void **state)
{
    static const struct {
        size_t nlines;
        int last; /* the last non-blank line */
        const char *message;
    } cuts[] = {
        {158, 158, ENDS_IN_TIERS("Junior Performance Engineer")},
        {161, 160, ENDS_IN_TIERS("Junior Performance Engineer")},
        {164, 164, ENDS_IN_TIERS("Performance Architect")},
        {165, 164, ENDS_IN_TIERS("Performance Architect")},
        {166, 166, ENDS_IN_TIERS("Performance Architect")},
        {167, 166, ENDS_IN_TIERS("Performance Architect")},
        {170, 170, ENDS_IN_TIERS("Senior Performance Architect")},
        {171, 170, ENDS_IN_TIERS("Senior Performance Architect")},
        {172, 172, ENDS_IN_TIERS("Senior Performance Architect")},
        {173, 172, ENDS_IN_TIERS("Senior Performance Architect")},
        {176, 176, ENDS_IN_TIERS("Lead Performance Architect / Principal "
                                 "Architect")},
        {179, 178, ENDS_IN_TIERS("Lead Performance Architect / Principal "
                                 "Architect")},
        {162, 162, NO_SPAN_AT_END("Performance Architect")},
        {169, 168, NO_SPAN_AT_END("Senior Performance Architect")},
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *seed = seed_head(cuts[i].nlines, &n);

        print_message("head -n %zu\n", cuts[i].nlines);
        import_fails(seed, n, cuts[i].last, cuts[i].message);
        free(seed);
    }
}

/* "...Senior Performance Architect\n\nE" through "...\n\nExperience"
 * (the span's line cut before its colon): the name has no span. */
static void test_cut_in_a_span_word(void **state)
{
    static const char word[] = "Experience";
    size_t n, k, at;
    char *seed = read_all(SEED, &n), *hit;

    (void)state;
    hit = strstr(seed, "Senior Performance Architect\n\nExperience: 8-12");
    assert_non_null(hit);
    at = (size_t)(hit - seed) + strlen("Senior Performance Architect\n\n");
    for (k = 1; k < sizeof word; k++) {
        print_message("'%.*s'\n", (int)k, word);
        import_fails(seed, at + k, 168,
                     NO_SPAN_AT_END("Senior Performance Architect"));
    }
    free(seed);
}

/* A span deleted (sed '/Experience: 6-9 years/d'): Senior is not folded
 * into the tier before it (which then spanned 3-9 years, and Staff got
 * Senior-Level's salary). The same for the top tier of the seed. */
static void test_tier_without_span(void **state)
{
    size_t n;
    char *sre = read_all(DATA "guide-sre-5-tiers.txt", &n);
    char *cut = text_with(sre, "Experience: 6-9 years\n", "", &n), *seed;

    (void)state;
    import_fails(cut, n, 48, NO_SPAN("Senior Site Reliability Engineer"));
    free(cut);
    free(sre);
    seed = seed_with("Experience: 12+ years\n", "", &n);
    import_fails(seed, n, 174, NO_SPAN("Lead Performance Architect / "
                                       "Principal Architect"));
    free(seed);
    /* a span whose name was deleted follows a sentence, not a name */
    seed = seed_with("Senior Performance Architect\n\n", "", &n);
    import_fails(seed, n, 168,
                 "guide: 'Experience:' without a tier name before it");
    free(seed);
}

/* head -n 180 and 181: every tier is whole and "Global Outlook", the next
 * section's heading, ends them: the seed's profile. */
static void test_cut_at_next_section(void **state)
{
    size_t nlines, n;

    (void)state;
    for (nlines = 180; nlines <= 182; nlines++) {
        char *seed = seed_head(nlines, &n);
        career_profile *p;

        print_message("head -n %zu\n", nlines);
        p = import_ok(seed, n);
        assert_seed_profile(p);
        career_profile_free(p);
        free(seed);
    }
}

/* Either the whole ladder, the same as the whole guide's, or a refusal. */
static void assert_whole_or_refused(const char *text, size_t len,
                                    const career_profile *whole)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_guide_import(text, len, &p, &err);
    size_t i;
    int same = st == CAREER_OK && p->ntiers == whole->ntiers;

    for (i = 0; same && i < whole->ntiers; i++)
        same = strcmp(p->tiers[i].name, whole->tiers[i].name) == 0 &&
               same_double(p->tiers[i].min_years, whole->tiers[i].min_years) &&
               same_double(p->tiers[i].anchor_years,
                           whole->tiers[i].anchor_years) &&
               same_double(p->tiers[i].salary, whole->tiers[i].salary);
    if (st == CAREER_OK ? !same : st != CAREER_ERR_PARSE || p)
        print_error("cut after byte %zu: status %d, %zu tiers: %s\n", len,
                    (int)st, p ? p->ntiers : 0, err.text);
    assert_true(st == CAREER_OK ? same : st == CAREER_ERR_PARSE && !p);
    career_profile_free(p);
}

/* The seed cut after every line, and after every
 * byte from the "Career Path Tiers" heading to the end of the "Global
 * Outlook" section that follows the tiers, imports the whole ladder or is
 * refused; nothing in between. */
static void test_every_cut(void **state)
{
    size_t n, i, from, to;
    char *seed = read_all(SEED, &n);
    career_profile *whole = import_ok(seed, n);

    (void)state;
    assert_int_equal(whole->ntiers, 4);
    for (i = 0; i <= n; i++)
        if (i == n || seed[i] == '\n')
            assert_whole_or_refused(seed, i == n ? n : i + 1, whole);
    from = (size_t)(strstr(seed, "Career Path Tiers") - seed);
    to = (size_t)(strstr(seed, "Job Market Today") - seed);
    for (i = from; i <= to; i++)
        assert_whole_or_refused(seed, i, whole);
    career_profile_free(whole);
    free(seed);
}

/* ---- the top-10 % threshold comes from the salary section --------------- */

static void test_top10_in_salary_section(void **state)
{
    size_t n;
    char *a;
    career_profile *p;

    (void)state;
    /* "top 10%" in the introduction is not the top tier's salary */
    a = seed_with("A Performance Architect designs",
                  "The top 10% of them earn $20,000 more. A Performance "
                  "Architect designs", &n);
    p = import_ok(a, n);
    assert_seed_profile(p);
    career_profile_free(p);
    free(a);
    /* nor does "top 10%" in prose elsewhere need a threshold after it */
    a = seed_with("A Performance Architect designs",
                  "It serves the top 10% of companies. A Performance "
                  "Architect designs", &n);
    p = import_ok(a, n);
    assert_seed_profile(p);
    career_profile_free(p);
    free(a);
    p = mini_ok("Staff\n", "Works for the top 10% of companies.\nStaff\n");
    assert_int_equal(p->ntiers, 3);
    career_profile_free(p);
    /* a threshold after the salary section is none: 4 tiers need it */
    a = seed_with("Top 10% of earners", "The best earners", &n);
    {
        char *b = text_with(a, "Global Outlook\n\n", "Global Outlook\n\nTop "
                            "10% of earners make $170,000+.\n\n", &n);

        import_fails(b, n, 0, "guide: no top-10% threshold ('Top 10% ... "
                              "$AMOUNT' after the salary levels) for the "
                              "top tier");
        free(b);
    }
    free(a);
}

/* ---- digit grouping ---------------------------------------------------- */

/* The mini guide with its range and its four levels written otherwise. */
static char *mini_figures(const char *range, const char *median,
                          const char *entry, const char *mid,
                          const char *senior, size_t *len)
{
    char *a = text_with(mini, "41,500-93,250", range, len);
    char *b = text_with(a, "Median: $62,385", median, len);
    char *c = text_with(b, "Entry-Level\n$45,250", entry, len);
    char *d = text_with(c, "Mid-Level\n$62,385", mid, len);
    char *e = text_with(d, "Senior-Level\n$81,125", senior, len);

    free(d);
    free(c);
    free(b);
    free(a);
    return e;
}

#define EURO "\xE2\x82\xAC"

static void test_digit_grouping(void **state)
{
    size_t n;
    char *text;
    career_profile *p;

    (void)state;
    /* Points group thousands, a comma marks the decimals (German style):
     * not 45 and 62.5, a thousand times too small. */
    text = mini_figures("45.000 " EURO "\xE2\x80\x94" "95.000 " EURO,
                        "Median: 62.500 " EURO, "Entry-Level\n48.250,50 " EURO,
                        "Mid-Level: 62.500 " EURO, "Senior-Level\n81.125 " EURO,
                        &n);
    p = import_ok(text, n);
    assert_true(p->quantiles[0].salary == 45000.0);
    assert_true(p->quantiles[1].salary == 62500.0);
    assert_true(p->quantiles[2].salary == 95000.0);
    assert_true(p->tiers[0].salary == 48250.5);
    assert_true(p->tiers[1].salary == 62500.0);
    assert_true(p->tiers[2].salary == 81125.0);
    career_profile_free(p);
    free(text);
    /* no-break spaces group, with a decimal comma (French style) */
    text = mini_figures("45\xC2\xA0" "000-95\xC2\xA0" "000",
                        "Median: 62\xE2\x80\xAF" "500,5 " EURO,
                        "Entry-Level\n48\xC2\xA0" "250", "Mid-Level\n62,5k",
                        "Senior-Level\n1\xC2\xA0" "081\xC2\xA0" "125", &n);
    p = import_ok(text, n);
    assert_true(p->quantiles[1].salary == 62500.5);
    assert_true(p->tiers[1].salary == 62500.0);
    assert_true(p->tiers[2].salary == 1081125.0);
    career_profile_free(p);
    free(text);
    /* commas group, a point marks the decimals, in every figure */
    p = mini_ok("Mid-Level\n$62,385", "Mid-Level\n$62,385.5");
    assert_true(p->tiers[1].salary == 62385.5);
    career_profile_free(p);
    p = mini_ok("Growth Rate: 6.5%", "Growth Rate: 6,5%");
    assert_true(p->demand_growth == 0.065); /* not 65 % */
    career_profile_free(p);
    p = mini_ok("Experience: 4-9 years", "Experience: 4,5-9 years");
    assert_true(p->tiers[1].min_years == 4.5);
    career_profile_free(p);
    /* no grouped figure starts with a 0: a lone separator after one is a
     * decimal mark, whatever follows it */
    p = mini_ok("Growth Rate: 6.5%", "Growth Rate: 0.125%");
    assert_true(p->demand_growth == 0.00125);
    career_profile_free(p);
}

static void test_digit_grouping_refused(void **state)
{
    static const struct {
        const char *from, *to;
        int line;
        const char *message;
    } cases[] = {
        /* a decimal comma in a guide whose commas group (not 1085) */
        {"Mid-Level\n$62,385", "Mid-Level\n$108,5", 9,
         "guide: amount '108,5' is ambiguous: ',' is the decimal mark in "
         "it, but ',' groups digits in '41,500'"},
        /* points that group, in a guide whose commas group */
        {"Median: $62,385", "Median: 62.500 " EURO, 5,
         "guide: amount '62.500' is ambiguous: '.' groups digits in it, but "
         "',' groups digits in '41,500'"},
        {"41,500-93,250", "41,500.5-93.250", 4,
         "guide: amount '93.250' is ambiguous: '.' groups digits in it, but "
         "'.' is the decimal mark in '41,500.5'"},
        /* groups that are not of three, or two kinds of them */
        {"41,500-93,250", "41.5.5-93,250", 4,
         "guide: amount '41.5.5' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
        {"41,500-93,250", "41.5,5-93,250", 4,
         "guide: amount '41.5,5' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
        {"41,500-93,250", "41,500-9,3250", 4,
         "guide: amount '9,3250' is ambiguous: ',' is the decimal mark in "
         "it, but ',' groups digits in '41,500'"},
        {"Median: $62,385", "Median: $0,123,456", 5,
         "guide: amount '0,123,456' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
        {"Median: $62,385", "Median: $6,23,85", 5,
         "guide: amount '6,23,85' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
        {"Median: $62,385", "Median: 62\xC2\xA0" "38 " EURO, 5,
         "guide: amount '62\xC2\xA0" "38' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
        {"Median: $62,385", "Median: $1,062.385.500", 5,
         "guide: amount '1,062.385.500' has its digits grouped irregularly "
         "(groups of three, as in 1,234,567.89 or 1.234.567,89)"},
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = text_with(mini, cases[i].from, cases[i].to, &n);

        print_message("'%s'\n", cases[i].to);
        import_fails(text, n, cases[i].line, cases[i].message);
        free(text);
    }
    /* "k" makes a point a decimal mark, which it cannot be where points
     * group */
    {
        char *text = text_with(mini, "41,500-93,250", "41.500-93.250", &n);
        char *t2 = text_with(text, "Median: $62,385", "Median: 62.385k", &n);

        import_fails(t2, n, 5, "guide: amount '62.385' is ambiguous: '.' is "
                               "the decimal mark in it, but '.' groups digits "
                               "in '41.500'");
        free(t2);
        free(text);
    }
    /* The top-10 % line is checked too. */
    {
        char *text = seed_with("$160,000+ per year", "$160,0 per year", &n);

        import_fails(text, n, 34, "guide: amount '160,0' is ambiguous: ',' "
                                  "is the decimal mark in it, but ',' groups "
                                  "digits in '90,000'");
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_is_the_builtin_profile),
        cmocka_unit_test(test_range_dashes),
        cmocka_unit_test(test_crlf_and_no_nul),
        cmocka_unit_test(test_three_tiers),
        cmocka_unit_test(test_five_tiers),
        cmocka_unit_test(test_tier_count_rule),
        cmocka_unit_test(test_guide_five_tiers),
        cmocka_unit_test(test_guide_six_tiers),
        cmocka_unit_test(test_guide_gbp),
        cmocka_unit_test(test_money_spellings),
        cmocka_unit_test(test_money_mojibake),
        cmocka_unit_test(test_heading_currency),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_missing_level),
        cmocka_unit_test(test_notes_in_json),
        cmocka_unit_test(test_shipped_guide),
        cmocka_unit_test(test_other_figures),
        cmocka_unit_test(test_missing_parts),
        cmocka_unit_test(test_growth_missing),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_mini_guide),
        cmocka_unit_test(test_title_utf8),
        cmocka_unit_test(test_title_and_heading),
        cmocka_unit_test(test_range_spellings),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_top10),
        cmocka_unit_test(test_growth_spellings),
        cmocka_unit_test(test_demand_level),
        cmocka_unit_test(test_experience_spellings),
        cmocka_unit_test(test_tier_section),
        cmocka_unit_test(test_too_many_tiers),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_cut_after_a_tier),
        cmocka_unit_test(test_cut_in_a_span_word),
        cmocka_unit_test(test_tier_without_span),
        cmocka_unit_test(test_cut_at_next_section),
        cmocka_unit_test(test_every_cut),
        cmocka_unit_test(test_top10_in_salary_section),
        cmocka_unit_test(test_digit_grouping),
        cmocka_unit_test(test_digit_grouping_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
