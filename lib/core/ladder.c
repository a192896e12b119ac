/* ladder.c - the tier ladder: which tier, the next one, progress in it. */
#include "core/core.h"

size_t careerp_tier_at(const career_model *model, double years)
{
    size_t i, tier = 0;

    /* min_years[0] is 0 and the list increases: count the steps passed. */
    for (i = 1; i < model->ntiers; i++)
        tier += years >= model->min_years[i];
    return tier;
}

size_t career_tier_count(const career_model *model)
{
    return model ? model->ntiers : 0;
}

career_status career_tier_info(const career_model *model, size_t index,
                               career_tier *out)
{
    if (!model || !out)
        return CAREER_ERR_ARG;
    if (index >= model->ntiers)
        return CAREER_ERR_NOT_FOUND;
    *out = model->profile->tiers[index];
    out->salary = model->tier_salary[index];
    return CAREER_OK;
}

career_status career_tier_at(const career_model *model, double years,
                             size_t *tier_index)
{
    career_status st;

    if (!model || !tier_index)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    *tier_index = careerp_tier_at(model, years);
    return CAREER_OK;
}

career_status career_next_tier(const career_model *model, double years,
                               size_t *next_index, double *years_until)
{
    career_status st;
    size_t tier;

    if (!model || !next_index || !years_until)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    tier = careerp_tier_at(model, years);
    if (tier + 1 >= model->ntiers)
        return CAREER_ERR_NOT_FOUND;
    *next_index = tier + 1;
    *years_until = model->min_years[tier + 1] - years;
    return CAREER_OK;
}

career_status career_tier_progress(const career_model *model, double years,
                                   double *fraction)
{
    career_status st;
    double start, span;
    size_t tier;

    if (!model || !fraction)
        return CAREER_ERR_ARG;
    if ((st = careerp_check_years(years)) != CAREER_OK)
        return st;
    tier = careerp_tier_at(model, years);
    start = model->min_years[tier];
    if (tier + 1 < model->ntiers)
        span = model->min_years[tier + 1] - start;
    else
        span = 2.0 * (model->profile->tiers[tier].anchor_years - start);
    *fraction = span > 0.0 ? fmin((years - start) / span, 1.0) : 1.0;
    return CAREER_OK;
}
