/* test_model.c - building models: options, ownership, failures. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void defaults_resolved(void **state)
{
    career_model *m = test_model(NULL);
    career_options o;
    (void)state;
    career_model_options(m, &o);
    assert_int_equal(o.interp, CAREER_INTERP_STEFFEN);
    assert_int_equal(o.extrap, CAREER_EXTRAP_CLAMP);
    assert_int_equal(o.dist, CAREER_DIST_METALOG);
    assert_close(o.dispersion, 0.636985559049159, 1e-6); /* test_calibrate.c */
    assert_close(o.location_factor, 1.0, 0.0);
    career_model_options(NULL, &o); /* no-ops */
    career_model_options(m, NULL);
    career_model_free(m);
    career_model_free(NULL);
}

/* The model copies the profile: the caller's storage can go away. */
static void model_owns_its_profile(void **state)
{
    career_tier *t = malloc(4 * sizeof *t);
    char *role = strdup("Performance Architect");
    career_profile p = *career_profile_default();
    career_model *m = NULL;
    double s;
    (void)state;
    assert_non_null(t);
    memcpy(t, p.tiers, 4 * sizeof *t);
    p.tiers = t;
    p.role = role;
    assert_status(career_model_new(&p, NULL, &m, NULL), CAREER_OK);
    memset(t, 0xff, 4 * sizeof *t);
    free(t);
    role[0] = 'X';
    free(role);
    assert_string_equal(career_model_profile(m)->role, "Performance Architect");
    assert_status(career_salary_at(m, 2.0, &s), CAREER_OK);
    assert_close(s, 106727.0833, 1e-9);
    assert_null(career_model_profile(NULL));
    career_model_free(m);
}

static void bad_options(void **state)
{
    static const struct {
        career_options o;
        const char *message;
    } cases[] = {
        {{.interp = (career_interp)42}, "options.interp"},
        {{.extrap = (career_extrap)7}, "options.extrap"},
        {{.dist = (career_dist)-1}, "options.dist"},
        {{.dispersion = -1.0}, "options.dispersion"},
        {{.dispersion = NAN}, "options.dispersion"},
        {{.location_factor = INFINITY}, "options.location_factor"},
        {{.location_factor = -0.5}, "options.location_factor"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        career_model *m = (career_model *)&i;
        career_error err;
        assert_status(career_model_new(career_profile_default(), &cases[i].o, &m, &err),
                      CAREER_ERR_ARG);
        assert_null(m);
        assert_non_null(strstr(err.text, cases[i].message));
    }
}

static void bad_calls(void **state)
{
    career_model *m = NULL;
    career_error err;
    (void)state;
    assert_status(career_model_new(career_profile_default(), NULL, NULL, &err),
                  CAREER_ERR_ARG);
    assert_status(career_model_new(NULL, NULL, &m, &err), CAREER_ERR_ARG);
    assert_null(m);
    assert_string_equal(err.text, "profile: NULL");
    assert_status(career_model_new(NULL, NULL, &m, NULL), CAREER_ERR_ARG);
}

/* The error record is reset by each call and the first error wins. */
static void error_record(void **state)
{
    career_error err;
    career_model *m = NULL;
    career_options o = {.interp = CAREER_INTERP_AKIMA};
    (void)state;
    memset(&err, 0x33, sizeof err);
    assert_status(career_model_new(career_profile_default(), &o, &m, &err),
                  CAREER_ERR_FIT);
    assert_int_equal(err.status, CAREER_ERR_FIT);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.source, "");
    assert_non_null(strstr(err.text, "akima"));
    assert_status(career_model_new(career_profile_default(), NULL, &m, &err),
                  CAREER_OK);
    assert_int_equal(err.status, CAREER_OK);
    assert_string_equal(err.text, "");
    career_model_free(m);
}

/* Many models at once are independent (no shared state). */
static void independent_models(void **state)
{
    career_options o = {.location_factor = 2.0};
    career_model *a = test_model(NULL), *b = test_model(&o);
    double sa, sb;
    (void)state;
    assert_status(career_salary_at(a, 5.0, &sa), CAREER_OK);
    assert_status(career_salary_at(b, 5.0, &sb), CAREER_OK);
    assert_close(sb, 2.0 * sa, 1e-15);
    career_model_free(b);
    assert_status(career_salary_at(a, 5.0, &sb), CAREER_OK);
    assert_close(sb, sa, 0.0);
    career_model_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_resolved),
        cmocka_unit_test(model_owns_its_profile),
        cmocka_unit_test(bad_options),
        cmocka_unit_test(bad_calls),
        cmocka_unit_test(error_record),
        cmocka_unit_test(independent_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
