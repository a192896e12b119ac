/* test_error.c - status texts and versions. */
#include "util.h"

#include <string.h>

static void every_status_named(void **state)
{
    int s, t;
    (void)state;
    for (s = CAREER_OK; s <= CAREER_ERR_CANCELLED; s++) {
        const char *text = career_strerror((career_status)s);
        assert_non_null(text);
        assert_string_not_equal(text, "unknown status");
        for (t = CAREER_OK; t < s; t++) /* distinct texts */
            assert_string_not_equal(text, career_strerror((career_status)t));
    }
    assert_string_equal(career_strerror((career_status)999), "unknown status");
    assert_string_equal(career_strerror((career_status)-1), "unknown status");
}

/* The numbers are ABI: they must never change. */
static void status_numbers(void **state)
{
    (void)state;
    assert_int_equal(CAREER_OK, 0);
    assert_int_equal(CAREER_ERR_ARG, 1);
    assert_int_equal(CAREER_ERR_DOMAIN, 2);
    assert_int_equal(CAREER_ERR_FIT, 3);
    assert_int_equal(CAREER_ERR_PARSE, 4);
    assert_int_equal(CAREER_ERR_IO, 5);
    assert_int_equal(CAREER_ERR_NOMEM, 6);
    assert_int_equal(CAREER_ERR_NOT_FOUND, 7);
    assert_int_equal(CAREER_ERR_BUFFER, 8);
    assert_int_equal(CAREER_ERR_CANCELLED, 9);
}

static void version(void **state)
{
    char want[32];
    (void)state;
    snprintf(want, sizeof want, "%d.%d.%d", CAREER_VERSION_MAJOR,
             CAREER_VERSION_MINOR, CAREER_VERSION_PATCH);
    assert_string_equal(career_version_string(), want);
    assert_string_equal(CAREER_VERSION_STRING, want);
    assert_int_equal(CAREER_VERSION_NUMBER >> 16, CAREER_VERSION_MAJOR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_named),
        cmocka_unit_test(status_numbers),
        cmocka_unit_test(version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
