/* test_json_parse.c - lib/json_parse.c, the JSON parser that reports out
 * of memory where jansson's drops a byte: on the same text it must give
 * what jansson's json_loadb gives (JSON_REJECT_DUPLICATES): the same tree,
 * or the same error text, line and column. The texts below visit every
 * branch of the lexer and the parser; the fuzzer (fuzz_json) compares the
 * two on whatever it finds. */
#include "util.h"
#include "json_oracle.h"

#include <stdlib.h>

#define TEXT(s) {s, sizeof s - 1}

typedef struct text {
    const char *s;
    size_t len;
} text;

static const text texts[] = {
    /* the structure */
    TEXT(""), TEXT("  \n\t\r "), TEXT("{}"), TEXT("[]"), TEXT(" [ ] "),
    TEXT("[1,2"), TEXT("[1,]"), TEXT("[,]"), TEXT("[:]"), TEXT("[1 2]"),
    TEXT("[{]}"), TEXT("{\"a\":1,}"), TEXT("{\"a\" 1}"), TEXT("{1:2}"),
    TEXT("{\"a\":}"), TEXT("{\"a\":1,\"a\":2}"), TEXT("{\"a\":1,\"b\":[2,{}]}"),
    TEXT("{} x"), TEXT("{}{}"), TEXT("1"), TEXT("\"a\""), TEXT("true"),
    TEXT("[true,false,null]"), TEXT("[tru]"), TEXT("[truex]"), TEXT("[nul]"),
    TEXT("[True]"), TEXT("[true false]"), TEXT("[nullnull]"), TEXT("[@]"),
    TEXT("\n\n  [1,\n 2 @]"), TEXT("[1]\n\n"), TEXT("[\n"), TEXT("{\n\"a\"\n"),
    /* strings */
    TEXT("[\"\"]"), TEXT("[\"abc\"]"), TEXT("[\"abc"), TEXT("[\"a\nb\"]"),
    TEXT("[\"a\tb\"]"), TEXT("[\"a\x01\"]"), TEXT("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"),
    TEXT("[\"\\x\"]"), TEXT("[\"\\"), TEXT("[\"\\u12\"]"), TEXT("[\"\\u12g4\"]"),
    TEXT("[\"\\u00e9\\u20AC\"]"), TEXT("[\"\\u0000\"]"), TEXT("{\"a\\u0000b\":1}"),
    TEXT("[\"\\ud800\"]"), TEXT("[\"\\ud800\\u0041\"]"), TEXT("[\"\\ud800x\"]"),
    TEXT("[\"\\udc00\"]"), TEXT("[\"\\ud83d\\ude00\"]"), TEXT("[\"\\uD83D\\uDE00\"]"),
    TEXT("[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" 1]"), TEXT("[\"aaaaaaaaaaaaaaaaaaa\" 1]"),
    TEXT("{\"aaaaaaaaaaaaaaaaaaaaaaaaa\":1,\"aaaaaaaaaaaaaaaaaaaaaaaaa\":2}"),
    /* UTF-8 */
    TEXT("[\"\xc3\xa9\" x]"), TEXT("[\xff]"), TEXT("[\"\xc3\x28\"]"),
    TEXT("[\"\xe2\x82\"]"), TEXT("[\"\xe2\x82"), TEXT("\xef\xbb\xbf{}"),
    TEXT("[\"\xed\xa0\x80\"]"), TEXT("[\"\xf4\x90\x80\x80\"]"),
    TEXT("[\"\xc0\x80\"]"), TEXT("[\"\xe0\x80\x80\"]"), TEXT("[\"\xf0\x80\x80\x80\"]"),
    TEXT("[\"\xf0\x9f\x98\x80\"]"), TEXT("[\xc3\xa9]"), TEXT("[1,\xe2\x82\xac]"),
    TEXT("\xe2\x82\xac"), TEXT("[\"\x80\"]"), TEXT("  \xff"),
    /* NUL bytes are text, as json_loadb reads them */
    TEXT("\0"), TEXT("[\"a\0b\"]"), TEXT("[1]\0"), TEXT("[1,\0]"),
    /* numbers */
    TEXT("[0]"), TEXT("[-0]"), TEXT("[-0.0]"), TEXT("[01]"), TEXT("[-01]"),
    TEXT("[-]"), TEXT("[-a]"), TEXT("[1.]"), TEXT("[1.x]"), TEXT("[1.e5]"),
    TEXT("[1e]"), TEXT("[1e+]"), TEXT("[1E-2]"), TEXT("[2.385e+3]"),
    TEXT("[0.1,0.2,100500]"), TEXT("[99999999999999999999]"),
    TEXT("[-99999999999999999999]"), TEXT("[9223372036854775807]"),
    TEXT("[-9223372036854775808]"), TEXT("[9223372036854775808]"),
    TEXT("[1e400]"), TEXT("[-1e400]"), TEXT("[1e-400]"), TEXT("[1.7976931348623157e308]"),
    TEXT("[0.10000000000000000555111512312578270211815834045410156250001]"),
    TEXT("[1]x"), TEXT("[1"), TEXT("[-"), TEXT("[1e5"), TEXT("[.5]"), TEXT("[+1]"),
};

static void same_as_jansson(void **state)
{
    char why[800];
    size_t i, differ = 0;

    (void)state;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (json_oracle_differs(texts[i].s, texts[i].len, why, sizeof why)) {
            print_error("text %zu: %s\n", i, why);
            differ++;
        }
    assert_int_equal(differ, 0);
}

/* Nesting: jansson stops at 2048 levels, counting scalars. */
static void depth_as_jansson(void **state)
{
    static const size_t depths[] = {2047, 2048, 2049, 5000};
    char why[800];
    size_t i, d;
    char *s;

    (void)state;
    for (i = 0; i < 4; i++) {
        d = depths[i];
        assert_non_null(s = malloc(2 * d + 2));
        memset(s, '[', d);
        s[d] = '1';
        memset(s + d + 1, ']', d);
        if (json_oracle_differs(s, 2 * d + 1, why, sizeof why))
            print_error("depth %zu: %s\n", d, why);
        assert_false(json_oracle_differs(s, 2 * d + 1, why, sizeof why));
        assert_false(json_oracle_differs(s, d, why, sizeof why));
        free(s);
    }
}

/* The files of tests/data and the examples, whole and cut short at
 * every length. */
static void files_as_jansson(void **state)
{
    static const char *const files[] = {
        "examples/profiles/performance-architect.json",
        "tests/data/bad/duplicate-key.json", "tests/data/bad/nan.json",
        "tests/data/bad/overflow.json", "tests/data/bad/truncated.json",
    };
    char buf[16384], why[800];
    size_t i, n, cut;
    FILE *f;

    (void)state;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        assert_non_null(f = fopen(files[i], "rb"));
        n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        for (cut = 0; cut <= n; cut++)
            if (json_oracle_differs(buf, cut, why, sizeof why)) {
                print_error("%s cut at %zu: %s\n", files[i], cut, why);
                fail();
            }
    }
}

/* What the parser adds: a cap on the input, and out of memory said as
 * such (test_alloc fails each allocation in turn). */
static void cap_and_arguments(void **state)
{
    career_error err;
    json_t *root = (json_t *)&err;

    (void)state;
    memset(&err, 0, sizeof err);
    assert_status(careerp_json_parse("[]", CAREER_MAX_JSON_BYTES + 1, "big",
                                     &root, &err), CAREER_ERR_PARSE);
    assert_null(root);
    assert_string_equal(err.text, "big: larger than the 16 MiB limit of JSON input");
    assert_int_equal(err.line, 0);
}

/* The tree's budget (16 times the cap) lets the largest real files
 * through: 16 MiB of profiles, written as the library writes them, parse
 * (about 5 times their size in tree). What it refuses is the hostile
 * kind (test_hostile: 16 MiB of empty objects). */
static void profiles_up_to_the_cap_parse(void **state)
{
    char *one = NULL, *big;
    size_t len, n, i, at = 1;
    json_t *root = NULL;
    career_error err;

    (void)state;
    assert_status(career_profile_to_json(career_profile_default(), &one,
                                         &err), CAREER_OK);
    len = strlen(one);
    n = (CAREER_MAX_JSON_BYTES - 2) / (len + 1);
    assert_non_null(big = malloc(n * (len + 1) + 2));
    big[0] = '[';
    for (i = 0; i < n; i++, at += len + 1) {
        memcpy(big + at, one, len);
        big[at + len] = i + 1 < n ? ',' : ']';
    }
    if (careerp_json_parse(big, at, "big", &root, &err) != CAREER_OK)
        fail_msg("%s", err.text);
    assert_int_equal(json_array_size(root), n);
    json_decref(root);
    free(big);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_as_jansson),
        cmocka_unit_test(depth_as_jansson),
        cmocka_unit_test(files_as_jansson),
        cmocka_unit_test(cap_and_arguments),
        cmocka_unit_test(profiles_up_to_the_cap_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
