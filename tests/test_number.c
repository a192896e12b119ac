/* test_number.c - lib/common/number.c: numbers read and written in the C
 * locale whatever the host chose with setlocale. Under
 * de_DE.UTF-8 (decimal point ',') and ps_AF.UTF-8 (the two bytes of
 * U+066B): BLS cells, profiles loaded and written, merit policies, guide
 * imports, OEWS profiles and error messages give exactly what they give in
 * the C locale. A locale that is not installed (Debian: locales-all) is
 * skipped, and said so. */
#include "util.h"
#include "profile_check.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bls/bls.h"
#include "pay/pay.h"

#define PROFILE_FILE "examples/profiles/performance-architect.json"
#define POLICY_FILE "examples/merit/policy.json"
#define GUIDE_FILE "tests/data/guide-data-scientist-6-tiers.txt"
#define OEWS_FILE "tests/data/oews/all_data_M_2018.csv"
#define EP_FILE "tests/data/oews/ep_2020-30.csv"

/* What the C locale gives, computed before any other locale is set. */
typedef struct reference {
    char *profile_json;  /* the round-trip profile written */
    char *guide_json;    /* the guide imported, then written */
    char *oews_json;     /* an OEWS profile, then written */
    career_merit_policy *policy;
} reference;

static reference ref;

/* Figures that need every digit: tiers, quantiles, a mean and a rate. */
static const career_tier tiers[] = {
    {"Débutant·e", 0.0, 1.0 / 3.0, 41234.567890123},
    {"Confirmé", 2.385, 0.1 + 0.2 + 4.0, NAN},
    {"Expert", 7.25, 9.5, 88888.88888888889},
};
static const career_quantile quantiles[] = {
    {1e-9, 1000.1}, {0.5, 50000.5}, {1.0 - 1e-16, 1e12}};
static const char *const notes[] = {"0.5 of a note"};

static career_profile exact_profile(void)
{
    career_profile p = {.role = "Rôle", .currency = "EUR", .period = "month",
                        .tiers = tiers, .ntiers = 3,
                        .quantiles = quantiles, .nquantiles = 3,
                        .demand_growth = 0.1 + 0.2, .demand_years = 7.25,
                        .separation_rate = 0.1137, .market_mean = 51234.75,
                        .peak_years = 30.5, .notes = notes, .nnotes = 1};
    return p;
}

static char *profile_text(const career_profile *p)
{
    char *json = NULL;
    career_error err;

    if (career_profile_to_json(p, &json, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    return json;
}

static char *file_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    rewind(f);
    assert_non_null(buf = malloc((size_t)n + 1));
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static char *guide_json(void)
{
    size_t len;
    char *text = file_text(GUIDE_FILE, &len), *json;
    career_profile *p = NULL;
    career_error err;

    if (career_guide_import(text, len, &p, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    json = profile_text(p);
    career_profile_free(p);
    free(text);
    return json;
}

static char *oews_json(void)
{
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    career_profile *p = NULL;
    career_error err;
    char *json;

    if (career_oews_open(OEWS_FILE, NULL, &t, &err) != CAREER_OK ||
        career_ep_open(EP_FILE, &ep, &err) != CAREER_OK ||
        career_oews_profile(t, "15-1133", NULL, NULL, ep, &p, &err) !=
            CAREER_OK)
        fail_msg("%s", err.text);
    json = profile_text(p);
    career_profile_free(p);
    career_ep_close(ep);
    career_oews_close(t);
    return json;
}

static career_merit_policy *policy(void)
{
    career_merit_policy *p = NULL;
    career_error err;

    if (career_merit_policy_load_file(POLICY_FILE, &p, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    return p;
}

static int setup(void **state)
{
    career_profile p = exact_profile();
    (void)state;

    setlocale(LC_ALL, "C");
    ref.profile_json = profile_text(&p);
    ref.guide_json = guide_json();
    ref.oews_json = oews_json();
    ref.policy = policy();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    free(ref.profile_json);
    free(ref.guide_json);
    free(ref.oews_json);
    career_merit_policy_free(ref.policy);
    return 0;
}

/* Sets the locale for the whole process, as a host would; skips the test
 * when it is not installed. The C library's own strtod must then read
 * "0.5" short (the point is not '.'): else the test would prove nothing. */
static void use_locale(const char *name)
{
    char *end;

    if (!setlocale(LC_ALL, name)) {
        print_message("%s is not installed (Debian: locales-all): skipped\n",
                      name);
        skip();
    }
    assert_true(strcmp(localeconv()->decimal_point, ".") != 0);
    assert_true(strtod("0.5", &end) == 0.0 && *end == '.');
}

/* ---- number.c itself -------------------------------------------------- */

static void helpers_read_and_write_a_point(const char *name)
{
    char buf[64], *end;
    double v = 0.0;

    use_locale(name);
    assert_status(careerp_strtod_c("37.48", &end, &v), CAREER_OK);
    assert_true(v == 37.48 && *end == '\0');
    assert_status(careerp_strtod_c("2.385e-3x", &end, &v), CAREER_OK);
    assert_true(v == 2.385e-3 && *end == 'x');
    assert_int_equal(careerp_snprintf_c(buf, sizeof buf, "%.3f|%g", 0.5,
                                        1.25e-7), 14);
    assert_string_equal(buf, "0.500|1.25e-07");
    /* the thread's locale is its own again */
    assert_true(strcmp(localeconv()->decimal_point, ".") != 0);
    setlocale(LC_ALL, "C");
}

/* ---- BLS cells: "'37.48' is not a number" under de_DE ------------------- */

static void cells_are_read(const char *name)
{
    double v = 0.0;
    int mark = -1;

    use_locale(name);
    assert_true(careerp_cell_number("37.48", &v, &mark));
    assert_true(v == 37.48 && mark == CAREERP_CELL_VALUE);
    assert_true(careerp_cell_number(" 1,234.5 ", &v, &mark));
    assert_true(v == 1234.5);
    assert_true(careerp_cell_number(".25", &v, &mark));
    assert_true(v == 0.25);
    setlocale(LC_ALL, "C");
}

/* ---- profiles ------------------------------------------------------------ */

/* The text is the C locale's byte for byte (ps_AF once gave 0.\xAB1, not
 * UTF-8), and it loads back to the same doubles. */
static void profiles_write_and_load(const char *name)
{
    career_profile p = exact_profile(), *back = NULL, *file = NULL;
    career_error err;
    char *json;

    use_locale(name);
    json = profile_text(&p);
    assert_string_equal(json, ref.profile_json);
    assert_true(careerp_utf8_valid(json, strlen(json)));
    assert_status(career_profile_load_string(json, NULL, &back, &err),
                  CAREER_OK);
    assert_profile_equal(back, &p);
    assert_status(career_profile_load_file(PROFILE_FILE, NULL, &file, &err),
                  CAREER_OK);
    assert_profile_equal(file, career_profile_default());
    career_profile_free(back);
    career_profile_free(file);
    free(json);
    setlocale(LC_ALL, "C");
}

/* Messages too: "(got 0.004)", not "(got 0,004)". */
static void messages_write_a_point(const char *name)
{
    career_profile p = *career_profile_default();
    career_tier t[4];
    career_error err;

    use_locale(name);
    memcpy(t, p.tiers, sizeof t);
    t[0].salary = 0.004;
    p.tiers = t;
    assert_status(career_profile_validate(&p, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "tiers[0].salary: must be at least one "
                                  "cent (0.01) (got 0.004)");
    setlocale(LC_ALL, "C");
}

/* ---- merit policies: budget 0 and every rate 0 under ps_AF -------------- */

static void policies_load(const char *name)
{
    career_merit_policy *p;
    size_t i;

    use_locale(name);
    p = policy();
    assert_true(p->budget_rate == 0.035);
    assert_true(p->budget_rate == ref.policy->budget_rate);
    assert_true(p->spread == ref.policy->spread);
    assert_true(p->max_raise == ref.policy->max_raise);
    for (i = 0; i < CAREERP_MAX_RATINGS * CAREERP_MAX_POSITIONS; i++)
        assert_true(p->matrix[i] == ref.policy->matrix[i]);
    for (i = 0; i + 1 < CAREERP_MAX_POSITIONS; i++)
        assert_true(p->edges[i] == ref.policy->edges[i]);
    career_merit_policy_free(p);
    setlocale(LC_ALL, "C");
}

/* ---- imports: guides and OEWS tables, notes and all --------------------- */

static void imports_match(const char *name)
{
    char *json;

    use_locale(name);
    json = guide_json();
    assert_string_equal(json, ref.guide_json);
    free(json);
    json = oews_json();
    assert_string_equal(json, ref.oews_json);
    free(json);
    setlocale(LC_ALL, "C");
}

#define UNDER(fn, locale, tag)                                                 \
    static void fn##_##tag(void **state)                                       \
    {                                                                          \
        (void)state;                                                           \
        fn(locale);                                                            \
    }
#define BOTH(fn) UNDER(fn, "de_DE.UTF-8", de) UNDER(fn, "ps_AF.UTF-8", ps)

BOTH(helpers_read_and_write_a_point)
BOTH(cells_are_read)
BOTH(profiles_write_and_load)
BOTH(messages_write_a_point)
BOTH(policies_load)
BOTH(imports_match)

#define TESTS(fn) cmocka_unit_test(fn##_de), cmocka_unit_test(fn##_ps)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TESTS(helpers_read_and_write_a_point),
        TESTS(cells_are_read),
        TESTS(profiles_write_and_load),
        TESTS(messages_write_a_point),
        TESTS(policies_load),
        TESTS(imports_match),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
