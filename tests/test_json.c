/* test_json.c - profiles as JSON (lib/json_load.c, lib/json_dump.c).
 *
 * References: examples/profiles/performance-architect.json is the built-in
 * profile of docs/model.md §1 written out; the broken files in
 * tests/data/bad/ each carry one fault, and the expected line and column are
 * those of the fault in the file (jansson counts columns in characters and
 * reports the last one of the offending token). */
/* fopencookie, for a stream whose reads fail. */
#define _GNU_SOURCE

#include "util.h"
#include "profile_check.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXAMPLE "examples/profiles/performance-architect.json"

static career_profile *load_ok(const char *path, const char *role)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_profile_load_file(path, role, &p, &err);

    if (st != CAREER_OK)
        print_error("%s:%d:%d: %s\n", err.source, err.line, err.column,
                    err.text);
    assert_status(st, CAREER_OK);
    return p;
}

/* Loads a string and expects this status, place and text. */
static void string_fails(const char *json, career_status status, int line,
                         int column, const char *message)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    assert_status(career_profile_load_string(json, NULL, &p, &err), status);
    assert_null(p);
    assert_int_equal(err.status, status);
    assert_string_equal(err.source, "<string>");
    assert_string_equal(err.text, message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static char *to_json_ok(const career_profile *p)
{
    char *json = NULL;
    career_error err;

    assert_status(career_profile_to_json(p, &json, &err), CAREER_OK);
    assert_non_null(json);
    return json;
}

static career_profile *from_json_ok(const char *json)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_profile_load_string(json, NULL, &p, &err);

    if (st != CAREER_OK)
        print_error("%d:%d: %s\n", err.line, err.column, err.text);
    assert_status(st, CAREER_OK);
    return p;
}

/* ---- the example files ------------------------------------------------- */

static void test_example_is_builtin(void **state)
{
    career_profile *p = load_ok(EXAMPLE, NULL);
    char *again, *file;

    (void)state;
    assert_profile_equal(p, career_profile_default());
    assert_same_model(p, career_profile_default());
    /* The file is exactly what the library writes: a stable format. */
    again = to_json_ok(career_profile_default());
    file = read_all(EXAMPLE, NULL);
    assert_string_equal(again, file);
    free(again);
    free(file);
    career_profile_free(p);
    p = load_ok(EXAMPLE, "PERFORMANCE architect");
    career_profile_free(p);
}

static void test_other_examples(void **state)
{
    career_profile *p;
    career_model *m = NULL;
    career_error err;

    (void)state;
    p = load_ok("examples/profiles/computer-and-mathematical.json", NULL);
    assert_int_equal(p->ntiers, 3);
    assert_int_equal(p->nquantiles, 2);
    assert_non_null(strstr(p->source, "BLS"));
    assert_null(p->demand_level);
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    career_model_free(m);
    career_profile_free(p);

    p = load_ok("examples/profiles/software-developers-systems.json", NULL);
    assert_int_equal(p->ntiers, 5);
    assert_int_equal(p->nquantiles, 5);
    /* BLS OES May 2018, 15-1133: the median annual wage. */
    assert_true(p->quantiles[2].salary == 110000.0);
    assert_status(career_model_new(p, NULL, &m, &err), CAREER_OK);
    career_model_free(m);
    career_profile_free(p);
}

/* ---- round trips ---------------------------------------------------------- */

/* Doubles chosen to need every digit (1/3, 0.1 + 0.2), to be tiny or huge,
 * a -0 and a tier without salary. */
static void test_round_trip_exact(void **state)
{
    const career_tier tiers[] = {
        {"Débutant·e", -0.0, 1.0 / 3.0, 41234.567890123},
        {"Confirmé", 2.385, 0.1 + 0.2 + 4.0, NAN},
        {"Expert \"quoted\"\n", 7.0000000000000009, 9.5, 88888.88888888889},
        /* years at most 100, each anchor in its tier's span */
        {"Архитектор", 100.0 - 1.0 / 7.0, 100.0 - 1e-13,
         999999999999.99988}, /* < 1e12 */
    };
    const career_quantile q[] = {{1e-9, 1000.1}, {0.5, 50000.0},
                                 {1.0 - 1e-16, 1e12}};
    career_profile p = {.role = "Rôle ünïcode", .currency = "EUR",
                        .period = "month", .tiers = tiers, .ntiers = 4,
                        .quantiles = q, .nquantiles = 3,
                        .demand_growth = 0.1 + 0.2, .demand_years = 7.25};
    career_profile *back, *again;
    char *json, *json2;

    (void)state;
    json = to_json_ok(&p);
    back = from_json_ok(json);
    assert_profile_equal(back, &p);
    assert_true(signbit(back->tiers[0].min_years));
    json2 = to_json_ok(back);
    assert_string_equal(json, json2); /* and stable */
    again = from_json_ok(json2);
    assert_profile_equal(again, &p);
    free(json);
    free(json2);
    career_profile_free(back);
    career_profile_free(again);
}

/* The keys of 1.0: a separation rate, the codes of a statistical source
 * and the notes of an import come back as they were written. */
/* p written as JSON and read back equal; the JSON, for its keys (free it). */
static char *round_trip_ok(const career_profile *p)
{
    char *json = to_json_ok(p);
    career_profile *back = from_json_ok(json);

    assert_profile_equal(back, p);
    career_profile_free(back);
    return json;
}

static void test_round_trip_workforce_and_notes(void **state)
{
    static const char *const notes[] = {
        "anchors are the midpoints of the spans",
        "A_PCT90 top-coded (# in the file): left out of the fit \"\u00e9\""};
    career_profile p = *career_profile_default();
    char *json;

    (void)state;
    p.separation_rate = 0.1137;
    p.occ_code = "15-1252";
    p.area_code = "99";
    p.notes = notes;
    p.nnotes = 2;
    p.market_mean = 132270.5;
    p.peak_years = 30.0;
    p.band_shape = CAREER_BAND_COPULA;
    p.experience_correlation = 0.85;
    json = round_trip_ok(&p);
    assert_non_null(strstr(json, "\"band\": {\n    \"shape\": \"copula\"\n  }"));
    assert_non_null(strstr(json, "\"workforce\": {\n    \"separation_rate\": 0.1137,\n"
                                 "    \"experience_correlation\": 0.85\n  }"));
    assert_non_null(strstr(json, "\"mean\": 132270.5"));
    assert_non_null(strstr(json, "\"curve\": {\n    \"peak_years\": 30"));
    assert_non_null(strstr(json, "\"occ_code\": \"15-1252\""));
    free(json);
    /* each member of workforce alone */
    p.separation_rate = 0.0;
    json = round_trip_ok(&p);
    assert_non_null(strstr(json, "\"workforce\": {\n    \"experience_correlation\": 0.85\n  }"));
    free(json);
    p.separation_rate = 0.1137;
    p.experience_correlation = 0.0;
    json = round_trip_ok(&p);
    assert_non_null(strstr(json, "\"workforce\": {\n    \"separation_rate\": 0.1137\n  }"));
    free(json);
    /* not given: no workforce and no notes keys at all */
    json = to_json_ok(career_profile_default());
    assert_null(strstr(json, "workforce"));
    assert_null(strstr(json, "notes"));
    assert_null(strstr(json, "mean"));
    assert_null(strstr(json, "curve"));
    assert_null(strstr(json, "band"));
    free(json);
}

static void test_save_and_load_file(void **state)
{
    char path[] = "/tmp/career-json-XXXXXX";
    int fd = mkstemp(path);
    career_profile *p;
    career_error err;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_status(career_profile_save_file(career_profile_default(), path,
                                           &err), CAREER_OK);
    p = load_ok(path, NULL);
    assert_profile_equal(p, career_profile_default());
    assert_same_model(p, career_profile_default());
    career_profile_free(p);
    unlink(path);
    assert_status(career_profile_save_file(career_profile_default(),
                                           "/nonexistent-dir/x.json", &err),
                  CAREER_ERR_IO);
    assert_string_equal(err.text, "/nonexistent-dir/x.json: cannot open for "
                                  "writing: No such file or directory");
}

static void test_stream(void **state)
{
    FILE *f = tmpfile();
    char *json = to_json_ok(career_profile_default());
    career_profile *p = NULL;
    career_error err;

    (void)state;
    assert_non_null(f);
    fputs(json, f);
    rewind(f);
    assert_status(career_profile_load_stream(f, NULL, NULL, &p, &err),
                  CAREER_OK);
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    rewind(f);
    fputs("{\"format\": 1}", f);
    fflush(f);
    rewind(f);
    assert_status(career_profile_load_stream(f, "mine", NULL, &p, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.source, "mine");
    fclose(f);
    free(json);
}

/* ---- broken files ------------------------------------------------------------ */

static void test_broken_files(void **state)
{
    static const struct {
        const char *file;
        career_status status;
        int line, column;
        const char *text;
    } cases[] = {
        {"empty", CAREER_ERR_PARSE, 1, 1,
         "'[' or '{' expected near end of file"},
        {"truncated", CAREER_ERR_PARSE, 6, 1,
         "'}' expected near end of file"},
        {"duplicate-key", CAREER_ERR_PARSE, 4, 8,
         "duplicate object key near '\"role\"'"},
        {"nan", CAREER_ERR_PARSE, 4, 74, "invalid token near 'NaN'"},
        {"overflow", CAREER_ERR_PARSE, 4, 76,
         "real number overflow near '1e400'"},
        {"format", CAREER_ERR_PARSE, 0, 0,
         "format: must be \"career-profile/1\" (got \"career-profile/2\")"},
        {"no-format", CAREER_ERR_PARSE, 0, 0,
         "format: missing (a string is required)"},
        {"unknown-key", CAREER_ERR_PARSE, 0, 0,
         "unknown key \"colour\" (allowed: format, role, region, currency, "
         "period, source, occ_code, area_code, tiers, market, curve, "
         "band, demand, workforce, notes)"},
        {"unknown-tier-key", CAREER_ERR_PARSE, 0, 0,
         "tiers[1]: unknown key \"bonus\" (allowed: name, min_years, "
         "anchor_years, salary)"},
        {"tier-order", CAREER_ERR_PARSE, 0, 0,
         "tiers[2].min_years: must be greater than tiers[1].min_years (3)"},
        {"tier-type", CAREER_ERR_PARSE, 0, 0,
         "tiers[2].min_years: expected a number, got a string"},
        {"tiers-object", CAREER_ERR_PARSE, 0, 0,
         "tiers: expected an array, got an object"},
        {"no-name", CAREER_ERR_PARSE, 0, 0,
         "tiers[0].name: missing (a string is required)"},
        {"salary-null", CAREER_ERR_PARSE, 0, 0,
         "tiers[1].salary: expected a number, got null"},
        {"salary-minus-zero", CAREER_ERR_PARSE, 0, 0,
         "tiers[1].salary: must be a finite number > 0 (or absent)"},
        {"quantile-p", CAREER_ERR_PARSE, 0, 0,
         "market.quantiles[1]: p must be in (0,1)"},
        {"quantile-pair", CAREER_ERR_PARSE, 0, 0,
         "market.quantiles[1]: expected [p, salary], got an array of 1"},
        {"no-demand", CAREER_ERR_PARSE, 0, 0,
         "demand: missing (an object is required)"},
        {"demand-level", CAREER_ERR_PARSE, 0, 0,
         "demand.level: expected a string, got a number"},
        {"array-empty", CAREER_ERR_PARSE, 0, 0,
         "expected a profile or a non-empty array of profiles, got an empty "
         "array"},
        {"array-not-object", CAREER_ERR_PARSE, 0, 0,
         "[1]: expected a profile object, got a number"},
        {"array-second", CAREER_ERR_ARG, 0, 0,
         "2 profiles: choose one by role (\"Performance Architect\", "
         "\"Second\")"},
    };
    char path[128];
    career_profile *p;
    career_error err;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "tests/data/bad/%s.json", cases[i].file);
        print_message("%s\n", path);
        p = (career_profile *)(uintptr_t)1;
        assert_status(career_profile_load_file(path, NULL, &p, &err),
                      cases[i].status);
        assert_null(p);
        assert_string_equal(err.source, path);
        assert_string_equal(err.text, cases[i].text);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.column, cases[i].column);
    }
}

/* In an array the path starts with the profile's index. */
static void test_array_paths(void **state)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    (void)state;
    assert_status(career_profile_load_file("tests/data/bad/array-second.json",
                                           "SECOND", &p, &err),
                  CAREER_ERR_PARSE);
    assert_null(p);
    assert_string_equal(err.text, "[1].tiers[1].min_years: must be greater "
                                  "than tiers[0].min_years (0)");
    p = load_ok("tests/data/bad/array-second.json", "performance ARCHITECT");
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    assert_status(career_profile_load_file("tests/data/bad/array-second.json",
                                           "Third", &p, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_string_equal(err.text, "no profile with role \"Third\" (roles: "
                                  "\"Performance Architect\", \"Second\")");
    assert_status(career_profile_load_file(EXAMPLE, "Third", &p, &err),
                  CAREER_ERR_NOT_FOUND);
}

static void test_io_errors(void **state)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;
    char **roles;
    size_t n;

    (void)state;
    assert_status(career_profile_load_file("tests/data/no-such.json", NULL, &p,
                                           &err), CAREER_ERR_IO);
    assert_null(p);
    assert_string_equal(err.source, "tests/data/no-such.json");
    assert_string_equal(err.text, "tests/data/no-such.json: cannot open: No "
                                  "such file or directory");
    assert_status(career_profile_load_file("tests/data", NULL, &p, &err),
                  CAREER_ERR_IO);
    assert_string_equal(err.text, "tests/data: cannot read: Is a directory");
    assert_status(career_profile_list_roles("tests/data", &roles, &n, &err),
                  CAREER_ERR_IO);
    assert_null(roles);
    assert_int_equal(n, 0);
}

/* Saving replaces a file whole: a write that fails half-way (here, past a
 * 64-byte file size limit) leaves the old file as it was and no temporary
 * file beside it; a save that succeeds keeps the old file's mode. */
static void test_save_is_atomic(void **state)
{
    char dir[] = "/tmp/career-save-XXXXXX", path[64], before[4096], after[4096];
    career_profile other = *career_profile_default();
    struct rlimit old_limit, small;
    struct stat st;
    career_error err;
    FILE *f;
    size_t nb, na;
    void (*old_handler)(int);
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/p.json", dir);
    assert_status(career_profile_save_file(career_profile_default(), path, &err), CAREER_OK);
    assert_int_equal(chmod(path, 0640), 0);
    assert_non_null(f = fopen(path, "rb"));
    nb = fread(before, 1, sizeof before, f);
    fclose(f);

    other.role = "Another Role, with a name long enough to need more bytes";
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    small = old_limit;
    small.rlim_cur = 64; /* the soft limit only, so it can be raised back */
    old_handler = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    assert_status(career_profile_save_file(&other, path, &err), CAREER_ERR_IO);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
    signal(SIGXFSZ, old_handler);
    assert_non_null(strstr(err.text, "cannot write"));

    assert_non_null(f = fopen(path, "rb"));
    na = fread(after, 1, sizeof after, f);
    fclose(f);
    assert_int_equal(na, nb);
    assert_memory_equal(after, before, nb);

    assert_status(career_profile_save_file(&other, path, &err), CAREER_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0); /* fails if a temporary file was left */
}

/* ---- hostile text ----------------------------------------------------------------- */

/* A profile whose role is `len` bytes of 'x', built in memory. */
static char *profile_with_role_of(size_t len)
{
    static const char head[] = "{\"format\": \"career-profile/1\", \"role\": \"";
    char *json = to_json_ok(career_profile_default());
    const char *tail = strstr(json, "\",\n  \"region\"");
    size_t nh = sizeof head - 1, nt = strlen(tail);
    char *big = malloc(nh + len + nt + 1);

    assert_non_null(tail);
    assert_non_null(big);
    memcpy(big, head, nh);
    memset(big + nh, 'x', len);
    memcpy(big + nh + len, tail, nt + 1);
    free(json);
    return big;
}

/* Input is capped at CAREER_MAX_JSON_BYTES: a text of exactly that size
 * loads, one byte more is refused before parsing, naming the limit, from
 * a string, a stream (counted as it is read) and a regular file (by its
 * size: this one is sparse, and never read). */
static void test_input_cap(void **state)
{
    const size_t over = CAREER_MAX_JSON_BYTES + 1;
    char *json = profile_with_role_of(16), *big, path[] = "/tmp/career-cap-XXXXXX";
    size_t extra = strlen(json) - 16;
    career_profile *p;
    career_error err;
    FILE *f;
    int fd;

    (void)state;
    free(json);
    big = profile_with_role_of(CAREER_MAX_JSON_BYTES - extra);
    assert_int_equal(strlen(big), CAREER_MAX_JSON_BYTES);
    p = from_json_ok(big);
    assert_int_equal(strlen(p->role), CAREER_MAX_JSON_BYTES - extra);
    career_profile_free(p);
    free(big);
    big = profile_with_role_of(CAREER_MAX_JSON_BYTES - extra + 1);
    string_fails(big, CAREER_ERR_PARSE, 0, 0,
                 "<string>: larger than the 16 MiB limit of JSON input");
    free(big);

    assert_true((fd = mkstemp(path)) >= 0);
    assert_int_equal(ftruncate(fd, (off_t)over), 0);
    assert_status(career_profile_load_file(path, NULL, &p, &err),
                  CAREER_ERR_PARSE);
    assert_null(p);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, ": larger than the 16 MiB limit of JSON input"));
    assert_non_null(f = fdopen(fd, "rb"));
    assert_status(career_profile_load_stream(f, "big", NULL, &p, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "big: larger than the 16 MiB limit of JSON input");
    fclose(f);
    unlink(path);
}

static void test_deep_nesting(void **state)
{
    const size_t depth = 100000;
    char *json = malloc(depth + 1);

    (void)state;
    assert_non_null(json);
    memset(json, '[', depth);
    json[depth] = '\0';
    string_fails(json, CAREER_ERR_PARSE, 1, 2049,
                 "nested more than 2048 levels deep near '['");
    free(json);
}

static void test_numbers(void **state)
{
    char *json = to_json_ok(career_profile_default()), *at, *text;
    career_profile *p;

    (void)state;
    string_fails("[1e400]", CAREER_ERR_PARSE, 1, 6,
                 "real number overflow near '1e400'");
    string_fails("[-1e400]", CAREER_ERR_PARSE, 1, 7,
                 "real number overflow near '-1e400'");
    string_fails("{\"x\": NaN}", CAREER_ERR_PARSE, 1, 9,
                 "invalid token near 'NaN'");
    string_fails("{\"x\": Infinity}", CAREER_ERR_PARSE, 1, 14,
                 "invalid token near 'Infinity'");
    /* "min_years": -0 reads as zero: the first tier may start there. */
    at = strstr(json, "\"min_years\": 0");
    assert_non_null(at);
    memcpy(at, "\"min_years\":-0", 14);
    p = from_json_ok(json);
    assert_true(p->tiers[0].min_years == 0.0);
    career_profile_free(p);
    /* NaN as a string is a string, not a number. */
    at = strstr(json, "\"growth\": 0.1,");
    assert_non_null(at);
    text = malloc(strlen(json) + 8);
    assert_non_null(text);
    sprintf(text, "%.*s\"growth\": \"NaN\"%s", (int)(at - json), json,
            at + 13);
    string_fails(text, CAREER_ERR_PARSE, 0, 0,
                 "demand.growth: expected a number, got a string");
    free(text);
    free(json);
}

/* A UTF-8 byte-order mark, as editors on Windows write one, is the
 * encoding's signature: the profile loads (from a string and a file), and
 * places in errors count from after it. It once failed with "'[' or '{'
 * expected near '\xEF\xBB\xBF'", an invisible character. */
static void test_byte_order_mark(void **state)
{
    char *json = to_json_ok(career_profile_default());
    char *text = malloc(strlen(json) + 4);
    char path[] = "/tmp/career-bom-XXXXXX";
    career_profile *p;
    FILE *f;
    int fd;

    (void)state;
    assert_non_null(text);
    sprintf(text, "\xEF\xBB\xBF%s", json);
    p = from_json_ok(text);
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    assert_true((fd = mkstemp(path)) >= 0);
    assert_non_null(f = fdopen(fd, "wb"));
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    p = load_ok(path, NULL);
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    unlink(path);
    string_fails("\xEF\xBB\xBF{\"format\" 1}", CAREER_ERR_PARSE, 1, 11,
                 "':' expected near '1'");
    /* one mark only, and only at the start */
    string_fails("\xEF\xBB\xBF\xEF\xBB\xBF{}", CAREER_ERR_PARSE, 1, 1,
                 "'[' or '{' expected near '\xEF\xBB\xBF'");
    free(text);
    free(json);
}

/* The parser's messages are plain words, not jansson's terms. */
static void test_plain_messages(void **state)
{
    (void)state;
    string_fails("[\"a\\u0000b\"]", CAREER_ERR_PARSE, 1, 11,
                 "\\u0000 (a NUL character) is not allowed in a string near "
                 "'\"a\\u0000b\"'");
}

/* The default profile's text with its first `from` replaced by `to`. */
static char *edited(const char *from, const char *to)
{
    char *json = to_json_ok(career_profile_default()), *text;
    const char *at = strstr(json, from);

    assert_non_null(at);
    text = malloc(strlen(json) + strlen(to) + 1);
    assert_non_null(text);
    sprintf(text, "%.*s%s%s", (int)(at - json), json, to, at + strlen(from));
    free(json);
    return text;
}

/* What a file must not say: percentiles of exactly 0 and 1
 * (career-profile(5): 0 < p < 1), an anchor outside its tier's span, years
 * past 100, money below one cent; and the edges that are allowed. */
static void test_profile_nonsense(void **state)
{
    static const struct {
        const char *from, *to, *message;
    } bad[] = {
        {"[\n        0.1,", "[\n        0,",
         "market.quantiles[0]: p must be in (0,1)"},
        {"[\n        0.9,", "[\n        1,",
         "market.quantiles[2]: p must be in (0,1)"},
        {"[\n        0.9,", "[\n        1.0,",
         "market.quantiles[2]: p must be in (0,1)"},
        {"\"anchor_years\": 5,", "\"anchor_years\": 9,",
         "tiers[1].anchor_years: must be in the tier's own span [3, 8) "
         "(got 9)"},
        {"\"min_years\": 12,", "\"min_years\": 1e300,",
         "tiers[3].min_years: must be at most 100 years (got 1e+300)"},
        {"\"salary\": 100500", "\"salary\": 5e-324",
         "tiers[0].salary: must be at least one cent (0.01) (got "
         "4.94066e-324)"},
        {"90000\n", "0.004\n",
         "market.quantiles[0]: salary must be at least one cent (0.01) (got "
         "0.004)"},
    };
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;
    char *text;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        text = edited(bad[i].from, bad[i].to);
        assert_status(career_profile_load_string(text, NULL, &p, &err),
                      CAREER_ERR_PARSE);
        assert_null(p);
        if (strcmp(err.text, bad[i].message) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, err.text,
                     bad[i].message);
        free(text);
    }
    /* one cent, and a last anchor at 100, are allowed */
    text = edited("\"salary\": 100500", "\"salary\": 0.01");
    p = from_json_ok(text);
    assert_true(p->tiers[0].salary == 0.01);
    career_profile_free(p);
    free(text);
    text = edited("\"anchor_years\": 15,", "\"anchor_years\": 100,");
    p = from_json_ok(text);
    assert_true(p->tiers[3].anchor_years == 100.0);
    career_profile_free(p);
    free(text);
}

static void test_utf8_roles(void **state)
{
    static const char two[] =
        "[{\"format\": \"career-profile/1\", \"role\": \"Développeuse\", "
        "\"tiers\": [{\"name\": \"Junior\", \"min_years\": 0, "
        "\"anchor_years\": 1, \"salary\": 40000}, {\"name\": \"Senior\", "
        "\"min_years\": 5, \"anchor_years\": 8, \"salary\": 60000}], "
        "\"market\": {\"quantiles\": [[0.25, 38000], [0.75, 65000]]}, "
        "\"demand\": {\"growth\": 0.05, \"years\": 10}},"
        " {\"format\": \"career-profile/1\", \"role\": \"Архитектор\", "
        "\"tiers\": [{\"name\": \"Младший\", \"min_years\": 0, "
        "\"anchor_years\": 1, \"salary\": 40000}, {\"name\": \"Старший\", "
        "\"min_years\": 5, \"anchor_years\": 8, \"salary\": 60000}], "
        "\"market\": {\"quantiles\": [[0.25, 38000], [0.75, 65000]]}, "
        "\"demand\": {\"growth\": 0.05, \"years\": 10}}]";
    career_profile *p = NULL;
    career_error err;

    (void)state;
    assert_status(career_profile_load_string(two, "Архитектор", &p, &err),
                  CAREER_OK);
    assert_string_equal(p->tiers[1].name, "Старший");
    career_profile_free(p);
    /* ASCII letters fold; the other bytes must match. */
    assert_status(career_profile_load_string(two, "DÉVELOPPEUSE", &p, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_status(career_profile_load_string(two, "DéVELOPPEUSE", &p, &err),
                  CAREER_OK);
    assert_string_equal(p->role, "Développeuse");
    career_profile_free(p);
    /* Invalid UTF-8 is a syntax error, placed after the last good
     * character. */
    string_fails("{\"role\": \"\xC3\x28\"}", CAREER_ERR_PARSE, 1, 10,
                 "unable to decode byte 0xc3 near '\"'");
}

static void test_list_roles(void **state)
{
    char **roles = NULL;
    size_t n = 0;
    career_error err;

    (void)state;
    assert_status(career_profile_list_roles("tests/data/bad/array-second.json",
                                            &roles, &n, &err), CAREER_OK);
    assert_int_equal(n, 2);
    assert_string_equal(roles[0], "Performance Architect");
    assert_string_equal(roles[1], "Second");
    free(roles);
    assert_status(career_profile_list_roles(EXAMPLE, &roles, &n, &err),
                  CAREER_OK);
    assert_int_equal(n, 1);
    assert_string_equal(roles[0], "Performance Architect");
    free(roles);
    assert_status(career_profile_list_roles("tests/data/bad/array-empty.json",
                                            &roles, &n, &err),
                  CAREER_ERR_PARSE);
}

static void test_limits_and_arguments(void **state)
{
    career_tier tiers[CAREER_MAX_TIERS + 1];
    career_profile p = *career_profile_default();
    career_profile *out = NULL;
    career_error err;
    char *json = NULL, bad_utf8[] = "R\xff";
    size_t i;

    (void)state;
    for (i = 0; i <= CAREER_MAX_TIERS; i++)
        tiers[i] = (career_tier){"T", (double)i, (double)i + 0.5, 1000.0 + (double)i};
    p.tiers = tiers;
    p.ntiers = CAREER_MAX_TIERS + 1;
    /* An invalid profile is not written. */
    assert_status(career_profile_to_json(&p, &json, &err), CAREER_ERR_ARG);
    assert_null(json);
    p.ntiers = CAREER_MAX_TIERS;
    json = to_json_ok(&p);
    out = from_json_ok(json);
    free(json);
    career_profile_free(out);
    p = *career_profile_default();
    p.role = bad_utf8;
    assert_status(career_profile_to_json(&p, &json, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "role: must be valid UTF-8");
    assert_status(career_profile_to_json(NULL, &json, &err), CAREER_ERR_ARG);
    assert_status(career_profile_to_json(&p, NULL, &err), CAREER_ERR_ARG);
    assert_status(career_profile_load_string(NULL, NULL, &out, &err),
                  CAREER_ERR_ARG);
    assert_status(career_profile_load_string("{}", NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_status(career_profile_load_file(NULL, NULL, &out, &err),
                  CAREER_ERR_ARG);
    assert_status(career_profile_load_stream(NULL, NULL, NULL, &out, &err),
                  CAREER_ERR_ARG);
    assert_status(career_profile_save_file(&p, NULL, &err), CAREER_ERR_ARG);
    /* Without an error record: statuses only. */
    assert_status(career_profile_load_string("[", NULL, &out, NULL),
                  CAREER_ERR_PARSE);
}

static void test_too_many_tiers_in_file(void **state)
{
    char *json = to_json_ok(career_profile_default());
    char *at = strstr(json, "\"tiers\": [") + 10;
    size_t i, head = (size_t)(at - json);
    char *big = malloc(strlen(json) + 17 * 64);

    (void)state;
    assert_non_null(big);
    memcpy(big, json, head);
    big[head] = '\0';
    for (i = 0; i < 17; i++)
        sprintf(big + strlen(big), "{\"name\": \"T\", \"min_years\": %zu, "
                "\"anchor_years\": %zu},", i, i);
    strcat(big, at);
    string_fails(big, CAREER_ERR_PARSE, 0, 0,
                 "tiers: at most 16 tiers are supported (got 21)");
    free(big);
    free(json);
}

/* ---- every message of meaning ------------------------------------------------- */

/* A small valid profile, in parts, so that each case changes one thing. */
#define HEAD "\"format\": \"career-profile/1\", \"role\": \"Tester\""
#define TIER_A "{\"name\": \"A\", \"min_years\": 0, \"anchor_years\": 1.5, " \
               "\"salary\": 41234.5}"
#define TIER_B "{\"name\": \"B\", \"min_years\": 4, \"anchor_years\": 6.25, " \
               "\"salary\": 62385}"
#define TIERS "\"tiers\": [" TIER_A ", " TIER_B "]"
#define MARKET "\"market\": {\"quantiles\": [[0.25, 38500], [0.75, 66250]]}"
#define DEMAND "\"demand\": {\"growth\": 0.0625, \"years\": 10}"
#define VALID "{" HEAD ", " TIERS ", " MARKET ", " DEMAND "}"

static void meaning_fails(const char *json, const char *message)
{
    string_fails(json, CAREER_ERR_PARSE, 0, 0, message);
}

static void test_small_profile_loads(void **state)
{
    career_profile *p = from_json_ok(VALID);

    (void)state;
    assert_string_equal(p->role, "Tester");
    assert_null(p->region);
    assert_int_equal(p->ntiers, 2);
    assert_true(p->tiers[1].anchor_years == 6.25);
    assert_true(p->quantiles[1].salary == 66250.0);
    assert_true(p->demand_growth == 0.0625);
    career_profile_free(p);
    /* An array of one profile needs no role. */
    p = from_json_ok("[" VALID "]");
    assert_string_equal(p->role, "Tester");
    career_profile_free(p);
}

/* Each value type, named in the message, for a field that wants a string
 * and for one that wants a number. */
static void test_wrong_types(void **state)
{
    static const struct {
        const char *json, *message;
    } cases[] = {
        {"{" HEAD ", \"region\": [], " TIERS ", " MARKET ", " DEMAND "}",
         "region: expected a string, got an array"},
        {"{" HEAD ", \"currency\": true, " TIERS ", " MARKET ", " DEMAND "}",
         "currency: expected a string, got a boolean"},
        {"{" HEAD ", \"period\": false, " TIERS ", " MARKET ", " DEMAND "}",
         "period: expected a string, got a boolean"},
        {"{" HEAD ", \"source\": {}, " TIERS ", " MARKET ", " DEMAND "}",
         "source: expected a string, got an object"},
        {"{\"format\": \"career-profile/1\", \"role\": 2.385, " TIERS ", "
         MARKET ", " DEMAND "}", "role: expected a string, got a number"},
        {"{\"format\": null}", "format: expected a string, got null"},
        {"{" HEAD ", \"tiers\": [{\"name\": \"A\", \"min_years\": [0], "
         "\"anchor_years\": 1}], " MARKET ", " DEMAND "}",
         "tiers[0].min_years: expected a number, got an array"},
        {"{" HEAD ", \"tiers\": [{\"name\": \"A\", \"min_years\": 0, "
         "\"anchor_years\": {}}], " MARKET ", " DEMAND "}",
         "tiers[0].anchor_years: expected a number, got an object"},
        {"{" HEAD ", \"tiers\": [{\"name\": \"A\", \"min_years\": 0, "
         "\"anchor_years\": 1, \"salary\": true}], " MARKET ", " DEMAND "}",
         "tiers[0].salary: expected a number, got a boolean"},
        {"{" HEAD ", \"tiers\": [{\"name\": 7, \"min_years\": 0, "
         "\"anchor_years\": 1}], " MARKET ", " DEMAND "}",
         "tiers[0].name: expected a string, got a number"},
        {"{" HEAD ", " TIERS ", " MARKET ", \"demand\": {\"growth\": false, "
         "\"years\": 10}}", "demand.growth: expected a number, got a boolean"},
        {"{" HEAD ", " TIERS ", " MARKET ", \"demand\": {\"growth\": 0.05, "
         "\"years\": \"10\"}}", "demand.years: expected a number, got a string"},
        {"{" HEAD ", \"tiers\": [" TIER_A ", 3], " MARKET ", " DEMAND "}",
         "tiers[1]: expected a tier object, got a number"},
        {"{" HEAD ", \"tiers\": [null], " MARKET ", " DEMAND "}",
         "tiers[0]: expected a tier object, got null"},
        {"{" HEAD ", " TIERS ", \"market\": [], " DEMAND "}",
         "market: expected an object, got an array"},
        {"{" HEAD ", " TIERS ", \"market\": {\"quantiles\": {}}, " DEMAND "}",
         "market.quantiles: expected an array, got an object"},
        {"{" HEAD ", " TIERS ", \"market\": {\"quantiles\": [[0.25, 38500], "
         "0.75]}, " DEMAND "}",
         "market.quantiles[1]: expected [p, salary], got a number"},
        {"{" HEAD ", " TIERS ", \"market\": {\"quantiles\": [[\"0.25\", "
         "38500]]}, " DEMAND "}",
         "market.quantiles[0][0]: expected a number (p), got a string"},
        {"{" HEAD ", " TIERS ", \"market\": {\"quantiles\": [[0.25, null]]}, "
         DEMAND "}",
         "market.quantiles[0][1]: expected a number (salary), got null"},
        {"{" HEAD ", " TIERS ", " MARKET ", \"demand\": \"high\"}",
         "demand: expected an object, got a string"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("case %zu\n", i);
        meaning_fails(cases[i].json, cases[i].message);
    }
}

static void test_missing_fields(void **state)
{
    static const struct {
        const char *json, *message;
    } cases[] = {
        {"{\"format\": \"career-profile/1\", " TIERS ", " MARKET ", " DEMAND
         "}", "role: missing (a string is required)"},
        {"{" HEAD ", " MARKET ", " DEMAND "}",
         "tiers: missing (an array is required)"},
        {"{" HEAD ", \"tiers\": [], " MARKET ", " DEMAND "}",
         "tiers: at least one tier is needed"},
        {"{" HEAD ", \"tiers\": [{\"name\": \"A\", \"anchor_years\": 1}], "
         MARKET ", " DEMAND "}",
         "tiers[0].min_years: missing (a number is required)"},
        {"{" HEAD ", \"tiers\": [{\"name\": \"A\", \"min_years\": 0}], "
         MARKET ", " DEMAND "}",
         "tiers[0].anchor_years: missing (a number is required)"},
        {"{" HEAD ", " TIERS ", " DEMAND "}",
         "market: missing (an object is required)"},
        {"{" HEAD ", " TIERS ", \"market\": {}, " DEMAND "}",
         "market.quantiles: missing (an array is required)"},
        {"{" HEAD ", " TIERS ", " MARKET ", \"demand\": {\"years\": 10}}",
         "demand.growth: missing (a number is required)"},
        {"{" HEAD ", " TIERS ", " MARKET ", \"demand\": {\"growth\": 0.05}}",
         "demand.years: missing (a number is required)"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("case %zu\n", i);
        meaning_fails(cases[i].json, cases[i].message);
    }
}

/* Unknown keys at each level: the top, a tier, market and demand. */
static void test_unknown_keys(void **state)
{
    (void)state;
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND
                  ", \"band\": {\"shape\": \"lognormal\"}}",
                  "band.shape: must be \"power\" or \"copula\" (got "
                  "\"lognormal\")");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND
                  ", \"band\": {\"shape\": \"power\", \"d\": 1}}",
                  "band: unknown key \"d\" (allowed: shape)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND
                  ", \"band\": {}}",
                  "band.shape: missing (a string is required)");
    meaning_fails("{" HEAD ", " TIERS ", \"market\": {\"quantiles\": [], "
                  "\"points\": 3}, " DEMAND "}",
                  "market: unknown key \"points\" (allowed: quantiles, mean)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", \"demand\": {\"growth\": "
                  "0.05, \"years\": 10, \"rate\": 0.1}}",
                  "demand: unknown key \"rate\" (allowed: growth, years, "
                  "level)");
    meaning_fails("{" HEAD ", \"tiers\": [{\"name\": \"A\", \"min_years\": 0, "
                  "\"anchor_years\": 1, \"Salary\": 5}], " MARKET ", " DEMAND
                  "}",
                  "tiers[0]: unknown key \"Salary\" (allowed: name, "
                  "min_years, anchor_years, salary)");
    /* Keys are checked after the format, before any other field. */
    meaning_fails("{\"format\": \"career-profile/1\", \"rôle\": \"x\"}",
                  "unknown key \"rôle\" (allowed: format, role, region, "
                  "currency, period, source, occ_code, area_code, tiers, "
                  "market, curve, band, demand, workforce, notes)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"workforce\": "
                  "{\"separation\": 0.1}}",
                  "workforce: unknown key \"separation\" (allowed: "
                  "separation_rate, experience_correlation)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"workforce\": "
                  "{\"separation_rate\": 1.5}}",
                  "workforce.separation_rate: must be a number in [0, 1] (0 = not "
                  "given)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"workforce\": "
                  "{\"experience_correlation\": 0.04}}",
                  "workforce.experience_correlation: must be a number in "
                  "[0.05, 1] (0 = not given) (got 0.04)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"workforce\": "
                  "{\"experience_correlation\": 1.5}}",
                  "workforce.experience_correlation: must be a number in "
                  "[0.05, 1] (0 = not given) (got 1.5)");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"workforce\": "
                  "{\"experience_correlation\": \"high\"}}",
                  "workforce.experience_correlation: expected a number, got "
                  "a string");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"notes\": "
                  "[\"a\", 2]}", "notes[1]: expected a string, got a number");
    meaning_fails("{" HEAD ", " TIERS ", " MARKET ", " DEMAND ", \"notes\": "
                  "\"a\"}", "notes: expected an array, got a string");
}

/* Limits: 16 quantile points at most; the 17th is refused by count. */
static void test_too_many_quantiles(void **state)
{
    char json[2048];
    size_t i, used;

    (void)state;
    used = (size_t)snprintf(json, sizeof json, "{" HEAD ", " TIERS
                            ", \"market\": {\"quantiles\": [");
    for (i = 0; i < 17; i++)
        used += (size_t)snprintf(json + used, sizeof json - used,
                                 "%s[0.0%zu, %zu]", i ? ", " : "", i + 1,
                                 30000 + 1000 * i);
    snprintf(json + used, sizeof json - used, "]}, " DEMAND "}");
    meaning_fails(json, "market.quantiles: at most 16 points are supported "
                        "(got 17)");
}

/* ---- arrays of profiles and roles ------------------------------------------- */

static void test_array_entries(void **state)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    (void)state;
    meaning_fails("[{\"role\": \"A\"}, {\"format\": \"career-profile/1\"}]",
                  "[1].role: missing (a string is required)");
    meaning_fails("[{\"role\": \"A\"}, {\"role\": 7}]",
                  "[1].role: expected a string, got a number");
    meaning_fails("[{\"role\": \"A\"}, [\"role\"]]",
                  "[1]: expected a profile object, got an array");
    /* The chosen profile's errors carry its index. */
    string_fails("[" VALID ", {\"format\": \"career-profile/1\", "
                 "\"role\": \"Broken\"}]", CAREER_ERR_ARG, 0, 0,
                 "2 profiles: choose one by role (\"Tester\", \"Broken\")");
    assert_status(career_profile_load_string(
                      "[" VALID ", {\"format\": \"career-profile/1\", "
                      "\"role\": \"Broken\"}]", "broken", &p, &err),
                  CAREER_ERR_PARSE);
    assert_null(p);
    assert_string_equal(err.text, "[1].tiers: missing (an array is required)");
    /* The same role twice (in any case) is an error of the file, found
     * whichever of them is asked for. */
    assert_status(career_profile_load_string(
                      "[{\"role\": \"Twin\"}, {\"role\": \"Other\"}, "
                      "{\"role\": \"TWIN\"}]", "twin", &p, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "[2].role: \"TWIN\" is already the role of "
                                  "[0]");
    assert_int_equal(err.line, 0);
}

/* A single object and a role: the role must match; a profile without a
 * role (or with another type) reports that, not "not found". */
static void test_role_of_single_object(void **state)
{
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    (void)state;
    assert_status(career_profile_load_string(VALID, "TESTER", &p, &err),
                  CAREER_OK);
    assert_string_equal(p->role, "Tester");
    career_profile_free(p);
    assert_status(career_profile_load_string(VALID, "Test", &p, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_null(p);
    assert_string_equal(err.text, "no profile with role \"Test\" (roles: "
                                  "\"Tester\")");
    assert_status(career_profile_load_string(
                      "{\"format\": \"career-profile/1\"}", "Tester", &p,
                      &err), CAREER_ERR_PARSE);
    assert_string_equal(err.text, "role: missing (a string is required)");
    assert_status(career_profile_load_string(
                      "{\"format\": \"career-profile/1\", \"role\": false}",
                      "Tester", &p, &err), CAREER_ERR_PARSE);
    assert_string_equal(err.text, "role: expected a string, got a boolean");
}

/* Many long roles: the list in the message is cut and ends in "...". */
static void test_long_role_list(void **state)
{
    char json[1024], expected[320], full[512], role[41];
    size_t i, used = 0, lused = 0;
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;

    (void)state;
    used += (size_t)snprintf(json, sizeof json, "[");
    for (i = 0; i < 6; i++) {
        memset(role, (int)('A' + i), 40);
        role[40] = '\0';
        used += (size_t)snprintf(json + used, sizeof json - used,
                                 "%s{\"role\": \"%s\"}", i ? ", " : "", role);
        lused += (size_t)snprintf(full + lused, sizeof full - lused,
                                  "%s\"%s\"", i ? ", " : "", role);
    }
    snprintf(json + used, sizeof json - used, "]");
    /* The list holds 199 characters: 196 of the roles, then "...". */
    snprintf(expected, sizeof expected,
             "6 profiles: choose one by role (%.196s...)", full);
    assert_status(career_profile_load_string(json, NULL, &p, &err),
                  CAREER_ERR_ARG);
    assert_null(p);
    assert_string_equal(err.text, expected);
}

/* ---- list_roles --------------------------------------------------------------- */

static void test_list_roles_errors(void **state)
{
    char **roles = (char **)(uintptr_t)1;
    size_t n = 7;
    career_error err;

    (void)state;
    assert_status(career_profile_list_roles("tests/data/bad/roles-missing.json",
                                            &roles, &n, &err),
                  CAREER_ERR_PARSE);
    assert_null(roles);
    assert_int_equal(n, 0);
    assert_string_equal(err.source, "tests/data/bad/roles-missing.json");
    assert_string_equal(err.text, "role: missing (a string is required)");
    assert_status(career_profile_list_roles("tests/data/bad/array-not-object.json",
                                            &roles, &n, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "[1]: expected a profile object, got a "
                                  "number");
    assert_status(career_profile_list_roles("tests/data/bad/truncated.json",
                                            &roles, &n, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "'}' expected near end of file");
    assert_int_equal(err.line, 6);
    assert_int_equal(err.column, 1);
    assert_status(career_profile_list_roles("tests/data/bad/array-empty.json",
                                            &roles, &n, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.text, "expected a profile or a non-empty array of "
                                  "profiles, got an empty array");
    assert_status(career_profile_list_roles(NULL, &roles, &n, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "path: NULL");
    assert_status(career_profile_list_roles(EXAMPLE, NULL, &n, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "roles, count: NULL");
    assert_status(career_profile_list_roles(EXAMPLE, &roles, NULL, &err),
                  CAREER_ERR_ARG);
}

/* ---- writing errors ------------------------------------------------------------- */

static void test_save_errors(void **state)
{
    career_profile p = *career_profile_default();
    career_error err;

    (void)state;
    /* A profile that fails validation is not written, and no file is made. */
    p.demand_years = -2.385;
    unlink("/tmp/career-json-invalid.json");
    assert_status(career_profile_save_file(&p, "/tmp/career-json-invalid.json",
                                           &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "demand.years: must be a finite number > 0");
    assert_int_equal(access("/tmp/career-json-invalid.json", F_OK), -1);
    assert_status(career_profile_save_file(NULL, "/tmp/x.json", &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "profile: NULL");
    assert_status(career_profile_save_file(&p, NULL, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "path: NULL");
    /* A device that takes no bytes: the write fails when the file closes. */
    assert_status(career_profile_save_file(career_profile_default(),
                                           "/dev/full", &err), CAREER_ERR_IO);
    assert_string_equal(err.source, "/dev/full");
    assert_string_equal(err.text, "/dev/full: cannot write: No space left on "
                                  "device");
    assert_status(career_profile_save_file(career_profile_default(),
                                           "tests/data", &err), CAREER_ERR_IO);
    assert_string_equal(err.text, "tests/data: cannot open for writing: Is a "
                                  "directory");
}

/* ---- streams -------------------------------------------------------------------- */

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
    (void)cookie;
    (void)buf;
    (void)size;
    errno = 0; /* a failure that names no cause */
    return -1;
}

static void test_stream_errors(void **state)
{
    static const cookie_io_functions_t io = {failing_read, NULL, NULL, NULL};
    career_profile *p = (career_profile *)(uintptr_t)1;
    career_error err;
    FILE *f;

    (void)state;
    assert_status(career_profile_load_stream(NULL, "s", NULL, &p, &err),
                  CAREER_ERR_ARG);
    assert_null(p);
    assert_string_equal(err.text, "stream: NULL");
    f = fopen("/dev/null", "w");
    assert_non_null(f);
    assert_status(career_profile_load_stream(f, NULL, NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "out: NULL");
    /* A stream open for writing only: the read fails with EBADF. */
    p = (career_profile *)(uintptr_t)1;
    assert_status(career_profile_load_stream(f, NULL, NULL, &p, &err),
                  CAREER_ERR_IO);
    assert_null(p);
    assert_string_equal(err.source, "<stream>");
    assert_string_equal(err.text, "<stream>: read error: Bad file descriptor");
    fclose(f);
    /* A read error without errno is reported as EIO. */
    f = fopencookie(NULL, "r", io);
    assert_non_null(f);
    assert_status(career_profile_load_stream(f, "cookie", NULL, &p, &err),
                  CAREER_ERR_IO);
    assert_string_equal(err.text, "cookie: read error: Input/output error");
    fclose(f);
    /* Syntax errors in a stream carry its name, line and column. */
    f = tmpfile();
    assert_non_null(f);
    fputs("{\n  \"format\": \"career-profile/1\",\n  \"role\" \"x\"\n}\n", f);
    rewind(f);
    assert_status(career_profile_load_stream(f, "two.json", NULL, &p, &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.source, "two.json");
    assert_string_equal(err.text, "':' expected near '\"x\"'");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 12);
    fclose(f);
    assert_status(career_profile_load_file(EXAMPLE, NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_string_equal(err.text, "out: NULL");
}

/* ---- out of memory inside jansson ----------------------------------------------- */

/* jansson's allocator, failing every allocation after the first `budget`
 * (json_set_alloc_funcs: jansson's own hook, no linker tricks). */
static size_t budget, allocated;

static void *limited_malloc(size_t size)
{
    if (allocated >= budget)
        return NULL;
    allocated++;
    return malloc(size);
}

static void limit_jansson(size_t n)
{
    budget = n;
    allocated = 0;
    json_set_alloc_funcs(limited_malloc, free);
}

static void unlimit_jansson(void)
{
    json_set_alloc_funcs(malloc, free);
}

/* Writing takes nothing from jansson: its dump ignored a failed write of
 * a key, so the library writes the text itself, in memory of
 * its own. With every jansson allocation failing, the text is the same;
 * test_alloc fails each of the writer's own allocations in turn. */
static void test_to_json_without_jansson(void **state)
{
    char *want = to_json_ok(career_profile_default()), *json = NULL;
    career_error err;

    (void)state;
    limit_jansson(0);
    assert_status(career_profile_to_json(career_profile_default(), &json,
                                         &err), CAREER_OK);
    unlimit_jansson();
    assert_string_equal(json, want);
    free(json);
    free(want);
}

/* Reading: every failure of jansson's allocations (the tree's values,
 * built by json_parse.c) is CAREER_ERR_NOMEM, never a parse error and
 * never a profile with a byte dropped (jansson's own parser drops one);
 * then the profile loads exactly. test_alloc fails the library's own
 * allocations too. */
static void test_load_out_of_memory(void **state)
{
    char *json = to_json_ok(career_profile_default());
    career_profile *p;
    career_error err;
    career_status st;
    size_t n;

    (void)state;
    for (n = 0;; n++) {
        p = (career_profile *)(uintptr_t)1;
        limit_jansson(n);
        st = career_profile_load_string(json, NULL, &p, &err);
        unlimit_jansson();
        if (st == CAREER_OK)
            break;
        assert_status(st, CAREER_ERR_NOMEM);
        assert_null(p);
        assert_string_equal(err.text, "<string>: out of memory");
        assert_int_equal(err.line, 0);
    }
    assert_true(n > 50); /* a tree of ~60 values */
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_is_builtin),
        cmocka_unit_test(test_other_examples),
        cmocka_unit_test(test_round_trip_exact),
        cmocka_unit_test(test_round_trip_workforce_and_notes),
        cmocka_unit_test(test_save_and_load_file),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_array_paths),
        cmocka_unit_test(test_io_errors),
        cmocka_unit_test(test_save_is_atomic),
        cmocka_unit_test(test_input_cap),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_profile_nonsense),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_plain_messages),
        cmocka_unit_test(test_utf8_roles),
        cmocka_unit_test(test_list_roles),
        cmocka_unit_test(test_limits_and_arguments),
        cmocka_unit_test(test_too_many_tiers_in_file),
        cmocka_unit_test(test_small_profile_loads),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_missing_fields),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_too_many_quantiles),
        cmocka_unit_test(test_array_entries),
        cmocka_unit_test(test_role_of_single_object),
        cmocka_unit_test(test_long_role_list),
        cmocka_unit_test(test_list_roles_errors),
        cmocka_unit_test(test_save_errors),
        cmocka_unit_test(test_stream_errors),
        cmocka_unit_test(test_to_json_without_jansson),
        cmocka_unit_test(test_load_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
