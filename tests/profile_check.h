/* profile_check.h - comparing profiles and models exactly, for the tests of
 * json.c and guide.c. Include after util.h. */
#ifndef CAREER_TEST_PROFILE_CHECK_H
#define CAREER_TEST_PROFILE_CHECK_H

#include <stdlib.h>
#include <string.h>

/* Bit for bit: NaN equals NaN, 0 and -0 differ. */
static inline int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static inline void assert_same_string(const char *a, const char *b)
{
    if (!a || !b)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

static inline void assert_profile_equal(const career_profile *a,
                                        const career_profile *b)
{
    size_t i;

    assert_same_string(a->role, b->role);
    assert_same_string(a->region, b->region);
    assert_same_string(a->currency, b->currency);
    assert_same_string(a->period, b->period);
    assert_same_string(a->source, b->source);
    assert_same_string(a->demand_level, b->demand_level);
    assert_true(same_double(a->demand_growth, b->demand_growth));
    assert_true(same_double(a->demand_years, b->demand_years));
    assert_true(same_double(a->separation_rate, b->separation_rate));
    assert_true(same_double(a->market_mean, b->market_mean));
    assert_true(same_double(a->peak_years, b->peak_years));
    assert_int_equal(a->band_shape, b->band_shape);
    assert_true(same_double(a->experience_correlation,
                            b->experience_correlation));
    assert_same_string(a->occ_code, b->occ_code);
    assert_same_string(a->area_code, b->area_code);
    assert_int_equal(a->nnotes, b->nnotes);
    for (i = 0; i < a->nnotes; i++)
        assert_string_equal(a->notes[i], b->notes[i]);
    assert_int_equal(a->ntiers, b->ntiers);
    for (i = 0; i < a->ntiers; i++) {
        assert_same_string(a->tiers[i].name, b->tiers[i].name);
        assert_true(same_double(a->tiers[i].min_years, b->tiers[i].min_years));
        assert_true(
            same_double(a->tiers[i].anchor_years, b->tiers[i].anchor_years));
        assert_true(same_double(a->tiers[i].salary, b->tiers[i].salary));
    }
    assert_int_equal(a->nquantiles, b->nquantiles);
    for (i = 0; i < a->nquantiles; i++) {
        assert_true(same_double(a->quantiles[i].p, b->quantiles[i].p));
        assert_true(
            same_double(a->quantiles[i].salary, b->quantiles[i].salary));
    }
}

/* Builds a model of each profile and compares m(x) at x = 0, 1/8, ... 40
 * and the market quantiles at p = 0.01 ... 0.99, exactly. */
static inline void assert_same_model(const career_profile *a,
                                     const career_profile *b)
{
    career_model *ma = NULL, *mb = NULL;
    career_error err;
    double x, sa, sb;
    int i;

    assert_status(career_model_new(a, NULL, &ma, &err), CAREER_OK);
    assert_status(career_model_new(b, NULL, &mb, &err), CAREER_OK);
    for (i = 0; i <= 320; i++) {
        x = i / 8.0;
        assert_status(career_salary_at(ma, x, &sa), CAREER_OK);
        assert_status(career_salary_at(mb, x, &sb), CAREER_OK);
        assert_true(same_double(sa, sb));
    }
    for (i = 1; i < 100; i++) {
        assert_status(career_market_quantile(ma, i / 100.0, &sa), CAREER_OK);
        assert_status(career_market_quantile(mb, i / 100.0, &sb), CAREER_OK);
        assert_true(same_double(sa, sb));
    }
    career_model_free(ma);
    career_model_free(mb);
}

/* The whole of a file, NUL-terminated (fails the test if unreadable). */
static inline char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

#endif
