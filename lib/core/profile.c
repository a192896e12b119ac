/* profile.c - the built-in profile, and checking and copying profiles. */
#include "core/core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* From the career guide; docs/model.md §1 gives each figure's origin:
 * Entry = 90,000 + 0.15 * 70,000, Senior = 160,000 - 0.15 * 70,000, the
 * median is the range midpoint, the top tier is the top-10 % threshold, and
 * anchors are span midpoints ("12+" -> 12 + 3). */
static const career_tier default_tiers[] = {
    {"Junior Performance Engineer", 0.0, 1.0, 100500.0},
    {"Performance Architect", 3.0, 5.0, 125000.0},
    {"Senior Performance Architect", 8.0, 10.0, 149500.0},
    {"Lead Performance Architect / Principal Architect", 12.0, 15.0, 160000.0},
};

static const career_quantile default_quantiles[] = {
    {0.10, 90000.0},
    {0.50, 125000.0},
    {0.90, 160000.0},
};

static const career_profile default_profile = {
    .role = "Performance Architect",
    .region = "US",
    .currency = "USD",
    .period = "year",
    .source = "career guide",
    .tiers = default_tiers,
    .ntiers = sizeof default_tiers / sizeof default_tiers[0],
    .quantiles = default_quantiles,
    .nquantiles = sizeof default_quantiles / sizeof default_quantiles[0],
    .demand_growth = 0.10,
    .demand_years = 10.0,
    .demand_level = "high",
};

const career_profile *career_profile_default(void)
{
    return &default_profile;
}

/* ---- validation ------------------------------------------------------- */

static int nonempty(const char *s)
{
    return s && *s;
}

/* NULL or UTF-8. */
static int utf8_or_null(const char *s)
{
    return !s || careerp_utf8_valid(s, strlen(s));
}

static career_status check_strings(const career_profile *p, career_error *err)
{
    const struct {
        const char *name, *value;
    } fields[] = {{"role", p->role},       {"region", p->region},
                  {"currency", p->currency}, {"period", p->period},
                  {"source", p->source},   {"demand.level", p->demand_level},
                  {"occ_code", p->occ_code}, {"area_code", p->area_code}};
    career_period period;
    size_t i;

    if (!nonempty(p->role))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "role: must be a non-empty string");
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!utf8_or_null(fields[i].value))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "%s: must be valid UTF-8", fields[i].name);
    if (p->period && career_period_parse(p->period, &period) != CAREER_OK)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "period: must be \"year\", \"month\" or \"hour\"");
    return CAREER_OK;
}

static career_status check_tier(const career_tier *t, size_t i,
                                const career_tier *prev, career_error *err)
{
    if (!nonempty(t->name))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].name: must be a non-empty string", i);
    if (!utf8_or_null(t->name))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].name: must be valid UTF-8", i);
    if (!isfinite(t->min_years) || t->min_years < 0.0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].min_years: must be a finite number >= 0",
                            i);
    if (t->min_years > CAREER_MAX_YEARS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].min_years: must be at most %g years "
                            "(got %g)", i, CAREER_MAX_YEARS, t->min_years);
    if (!prev && t->min_years != 0.0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[0].min_years: the first tier must start at "
                            "0 years");
    if (prev && !(t->min_years > prev->min_years))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].min_years: must be greater than "
                            "tiers[%zu].min_years (%g)",
                            i, i - 1, prev->min_years);
    if (!isfinite(t->anchor_years) || t->anchor_years < 0.0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].anchor_years: must be a finite number "
                            ">= 0", i);
    if (t->anchor_years > CAREER_MAX_YEARS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].anchor_years: must be at most %g "
                            "years (got %g)", i, CAREER_MAX_YEARS,
                            t->anchor_years);
    if (prev && !(t->anchor_years > prev->anchor_years))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].anchor_years: must be greater than "
                            "tiers[%zu].anchor_years (%g)",
                            i, i - 1, prev->anchor_years);
    if (!isnan(t->salary) && !(isfinite(t->salary) && t->salary > 0.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].salary: must be a finite number > 0 "
                            "(or absent)", i);
    if (t->salary < CAREER_MIN_SALARY)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].salary: must be at least one cent "
                            "(%g) (got %g)", i, CAREER_MIN_SALARY, t->salary);
    if (t->salary > CAREER_MAX_SALARY)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers[%zu].salary: must be at most %g (got %g)",
                            i, CAREER_MAX_SALARY, t->salary);
    return CAREER_OK;
}

/* A tier's salary is typical of its own years: the anchor lies in
 * [min_years, the next tier's min_years), or for the last tier in
 * [min_years, CAREER_MAX_YEARS]. (The tiers were checked one by one.) */
static career_status check_anchor_span(const career_profile *p, size_t i,
                                       career_error *err)
{
    const career_tier *t = &p->tiers[i];
    int last = i + 1 == p->ntiers;
    double end = last ? CAREER_MAX_YEARS : p->tiers[i + 1].min_years;

    if (t->anchor_years >= t->min_years &&
        (last ? t->anchor_years <= end : t->anchor_years < end))
        return CAREER_OK;
    return careerp_fail(err, CAREER_ERR_ARG,
                        "tiers[%zu].anchor_years: must be in the tier's own "
                        "span [%g, %g%s (got %g)", i, t->min_years, end,
                        last ? "]" : ")", t->anchor_years);
}

static career_status check_tiers(const career_profile *p, career_error *err)
{
    size_t i, nsalaries = 0;
    career_status st;

    if (p->ntiers == 0)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers: at least one tier is needed");
    if (p->ntiers > CAREER_MAX_TIERS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers: at most %d tiers are supported (got %zu)",
                            CAREER_MAX_TIERS, p->ntiers);
    if (!p->tiers)
        return careerp_fail(err, CAREER_ERR_ARG, "tiers: NULL array");
    for (i = 0; i < p->ntiers; i++) {
        st = check_tier(&p->tiers[i], i, i ? &p->tiers[i - 1] : NULL, err);
        if (st != CAREER_OK)
            return st;
        if (!isnan(p->tiers[i].salary))
            nsalaries++;
    }
    for (i = 0; i < p->ntiers; i++)
        if ((st = check_anchor_span(p, i, err)) != CAREER_OK)
            return st;
    if (nsalaries < 2)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "tiers: at least 2 tiers need a salary (found %zu)",
                            nsalaries);
    return CAREER_OK;
}

/* The tiers were checked: the last one's anchor is a number. */
static career_status check_curve(const career_profile *p, career_error *err)
{
    if (!(p->peak_years == 0.0 ||
          (isfinite(p->peak_years) && p->peak_years <= CAREER_MAX_YEARS &&
           p->peak_years > p->tiers[p->ntiers - 1].anchor_years)))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "curve.peak_years: must be 0 (none) or after the "
                            "last tier's anchor_years and at most 100 (got "
                            "%g)", p->peak_years);
    if ((unsigned)p->band_shape > (unsigned)CAREER_BAND_COPULA)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "band.shape: unknown shape %d",
                            (int)p->band_shape);
    return CAREER_OK;
}

static career_status check_quantiles(const career_profile *p,
                                     career_error *err)
{
    size_t i;

    if (p->nquantiles < 2)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "market.quantiles: at least 2 points are needed "
                            "(got %zu)", p->nquantiles);
    if (p->nquantiles > CAREER_MAX_QUANTILES)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "market.quantiles: at most %d points are "
                            "supported (got %zu)",
                            CAREER_MAX_QUANTILES, p->nquantiles);
    if (!p->quantiles)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "market.quantiles: NULL array");
    for (i = 0; i < p->nquantiles; i++) {
        const career_quantile *q = &p->quantiles[i];
        if (!(q->p > 0.0 && q->p < 1.0))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: p must be in (0,1)", i);
        if (!(isfinite(q->salary) && q->salary > 0.0))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: salary must be a "
                                "finite number > 0", i);
        if (q->salary < CAREER_MIN_SALARY)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: salary must be at "
                                "least one cent (%g) (got %g)", i,
                                CAREER_MIN_SALARY, q->salary);
        if (q->salary > CAREER_MAX_SALARY)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: salary must be at "
                                "most %g (got %g)", i, CAREER_MAX_SALARY,
                                q->salary);
        if (i > 0 && !(q->p > q[-1].p))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: p must be greater than "
                                "market.quantiles[%zu] (%g)", i, i - 1, q[-1].p);
        if (i > 0 && !(q->salary > q[-1].salary))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "market.quantiles[%zu]: salary must be greater "
                                "than market.quantiles[%zu] (%g)",
                                i, i - 1, q[-1].salary);
    }
    if (!(p->market_mean == 0.0 ||
          (isfinite(p->market_mean) && p->market_mean > 0.0 &&
           p->market_mean <= CAREER_MAX_SALARY)))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "market.mean: must be 0 (none) or in (0, %g] "
                            "(got %g)", CAREER_MAX_SALARY, p->market_mean);
    if (p->market_mean > 0.0 && p->market_mean < CAREER_MIN_SALARY)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "market.mean: must be 0 (none) or at least one "
                            "cent (%g) (got %g)", CAREER_MIN_SALARY,
                            p->market_mean);
    return CAREER_OK;
}

static career_status check_demand(const career_profile *p, career_error *err)
{
    double rate;

    if (!(isfinite(p->demand_growth) && p->demand_growth > -1.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "demand.growth: must be a finite number > -1");
    if (!(isfinite(p->demand_years) && p->demand_years > 0.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "demand.years: must be a finite number > 0");
    if (career_annual_rate(p->demand_growth, p->demand_years, &rate) !=
        CAREER_OK)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "demand: a growth of %g over %g years has no "
                            "annual rate in (-1, inf)", p->demand_growth,
                            p->demand_years);
    return CAREER_OK;
}

static career_status check_workforce(const career_profile *p,
                                     career_error *err)
{
    if (!(isfinite(p->separation_rate) && p->separation_rate >= 0.0 &&
          p->separation_rate <= 1.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "workforce.separation_rate: must be a number in "
                            "[0, 1] (0 = not given)");
    if (!(p->experience_correlation == 0.0 ||
          (p->experience_correlation >= CAREER_MIN_EXPERIENCE_CORRELATION &&
           p->experience_correlation <= 1.0)))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "workforce.experience_correlation: must be a "
                            "number in [%g, 1] (0 = not given) (got %g)",
                            CAREER_MIN_EXPERIENCE_CORRELATION,
                            p->experience_correlation);
    return CAREER_OK;
}

static career_status check_notes(const career_profile *p, career_error *err)
{
    size_t i;

    if (p->nnotes > CAREER_MAX_NOTES)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "notes: at most %d notes are supported (got %zu)",
                            CAREER_MAX_NOTES, p->nnotes);
    if (p->nnotes && !p->notes)
        return careerp_fail(err, CAREER_ERR_ARG, "notes: NULL array");
    for (i = 0; i < p->nnotes; i++)
        if (!p->notes[i] || !careerp_utf8_valid(p->notes[i],
                                                strlen(p->notes[i])))
            return careerp_fail(err, CAREER_ERR_ARG,
                                "notes[%zu]: must be a UTF-8 string", i);
    return CAREER_OK;
}

career_status career_profile_validate(const career_profile *profile,
                                      career_error *err)
{
    career_status st;

    careerp_error_reset(err);
    if (!profile)
        return careerp_fail(err, CAREER_ERR_ARG, "profile: NULL");
    if ((st = check_strings(profile, err)) != CAREER_OK ||
        (st = check_tiers(profile, err)) != CAREER_OK ||
        (st = check_curve(profile, err)) != CAREER_OK ||
        (st = check_quantiles(profile, err)) != CAREER_OK ||
        (st = check_demand(profile, err)) != CAREER_OK ||
        (st = check_workforce(profile, err)) != CAREER_OK ||
        (st = check_notes(profile, err)) != CAREER_OK ||
        (st = careerp_check_reserved(err, "", profile->reserved,
                                     CAREERP_NRESERVED(profile))))
        return st;
    return CAREER_OK;
}

/* ---- copies in one allocation ------------------------------------------ */

static size_t round_up(size_t n)
{
    const size_t a = _Alignof(max_align_t);
    return (n + a - 1) / a * a;
}

static size_t string_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copies s into the pool, which strings_size sized; NULL stays NULL. */
static const char *pool_copy(careerp_arena *pool, const char *s)
{
    size_t at = 0;

    if (!s)
        return NULL;
    (void)careerp_arena_add(pool, s, strlen(s), &at);
    return pool->text + at;
}

static size_t strings_size(const career_profile *p)
{
    size_t i, n = string_size(p->role) + string_size(p->region) +
                  string_size(p->currency) + string_size(p->period) +
                  string_size(p->source) + string_size(p->demand_level) +
                  string_size(p->occ_code) + string_size(p->area_code);

    for (i = 0; i < p->ntiers; i++)
        n += string_size(p->tiers[i].name);
    for (i = 0; i < p->nnotes; i++)
        n += string_size(p->notes[i]);
    return n;
}

career_status career_profile_copy(const career_profile *profile,
                                  career_profile **out, career_error *err)
{
    size_t tiers_at, quantiles_at, notes_at, strings_at, i;
    career_tier *tiers;
    career_quantile *quantiles;
    const char **notes;
    career_profile *copy;
    careerp_arena pool = {NULL, 0, 0, 1};
    char *block;
    career_status st;

    careerp_error_reset(err); /* even when out is NULL */
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if ((st = career_profile_validate(profile, err)) != CAREER_OK)
        return st;
    tiers_at = round_up(sizeof *copy);
    quantiles_at = round_up(tiers_at + profile->ntiers * sizeof *tiers);
    notes_at = round_up(quantiles_at + profile->nquantiles * sizeof *quantiles);
    strings_at = notes_at + profile->nnotes * sizeof *notes;
    pool.cap = strings_size(profile);
    block = malloc(strings_at + pool.cap);
    if (!block)
        return careerp_fail(err, CAREER_ERR_NOMEM, "profile: out of memory");

    copy = (career_profile *)(void *)block;
    tiers = (career_tier *)(void *)(block + tiers_at);
    quantiles = (career_quantile *)(void *)(block + quantiles_at);
    notes = (const char **)(void *)(block + notes_at);
    pool.text = block + strings_at;
    *copy = *profile;
    memcpy(tiers, profile->tiers, profile->ntiers * sizeof *tiers);
    memcpy(quantiles, profile->quantiles,
           profile->nquantiles * sizeof *quantiles);
    copy->tiers = tiers;
    copy->quantiles = quantiles;
    copy->role = pool_copy(&pool, profile->role);
    copy->region = pool_copy(&pool, profile->region);
    copy->currency = pool_copy(&pool, profile->currency);
    copy->period = pool_copy(&pool, profile->period);
    copy->source = pool_copy(&pool, profile->source);
    copy->demand_level = pool_copy(&pool, profile->demand_level);
    copy->occ_code = pool_copy(&pool, profile->occ_code);
    copy->area_code = pool_copy(&pool, profile->area_code);
    for (i = 0; i < profile->ntiers; i++)
        tiers[i].name = pool_copy(&pool, profile->tiers[i].name);
    for (i = 0; i < profile->nnotes; i++)
        notes[i] = pool_copy(&pool, profile->notes[i]);
    copy->notes = profile->nnotes ? notes : NULL;
    *out = copy;
    return CAREER_OK;
}

void career_profile_free(career_profile *profile)
{
    free(profile);
}

career_status careerp_copy_read_profile(const career_profile *draft,
                                        career_profile **out,
                                        career_error *err, const char *source,
                                        const char *prefix)
{
    career_error local;
    career_status st = career_profile_copy(draft, out, &local);

    if (st == CAREER_OK)
        return CAREER_OK;
    return careerp_fail_at(err, st == CAREER_ERR_ARG ? CAREER_ERR_PARSE : st,
                           source, 0, 0, "%s%s", prefix, local.text);
}
