/* career-demo - the built-in profile's tier ladder and its salary band at
 * 0, 1, ..., 20 years: a small program that links libcareer from outside. */
#include <career.h>

#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, career_status st)
{
    fprintf(stderr, "career-demo: %s: %s\n", what, career_strerror(st));
    return EXIT_FAILURE;
}

int main(void)
{
    const career_profile *profile = career_profile_default();
    career_model *model = NULL;
    career_error err;
    career_status st;
    size_t i;

    st = career_model_new(profile, NULL, &model, &err);
    if (st != CAREER_OK) {
        fprintf(stderr, "career-demo: %s\n", err.text);
        return EXIT_FAILURE;
    }
    printf("%s (%s, %s per %s), libcareer %s\n\n", profile->role,
           profile->region, profile->currency, profile->period,
           career_version_string());
    printf("%-4s %-50s %9s %8s %12s\n", "tier", "name", "from (y)", "anchor",
           "salary");
    for (i = 0; i < career_tier_count(model); i++) {
        career_tier t;
        if ((st = career_tier_info(model, i, &t)) != CAREER_OK)
            return fail("tier", st);
        printf("%-4zu %-50s %9g %8g %12.0f\n", i, t.name, t.min_years,
               t.anchor_years, t.salary);
    }
    printf("\n%5s %4s %12s %12s %12s\n", "years", "tier", "p10", "median",
           "p90");
    for (i = 0; i <= 20; i++) {
        double x = (double)i, p10, p50, p90;
        size_t tier;
        if ((st = career_tier_at(model, x, &tier)) != CAREER_OK ||
            (st = career_quantile_at(model, x, 0.10, &p10)) != CAREER_OK ||
            (st = career_salary_at(model, x, &p50)) != CAREER_OK ||
            (st = career_quantile_at(model, x, 0.90, &p90)) != CAREER_OK)
            return fail("band", st);
        printf("%5zu %4zu %12.0f %12.0f %12.0f\n", i, tier, p10, p50, p90);
    }
    career_model_free(model);
    return EXIT_SUCCESS;
}
