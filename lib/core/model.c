/* model.c - building a model from a profile and options, and freeing it. */
#include "core/core.h"

#include <stdlib.h>

/* The location factor: 0 means 1; else within its documented range, so
 * that every scaled salary stays a finite, non-zero double. */
static career_status location_option(double *value, career_error *err)
{
    if (*value == 0.0)
        *value = 1.0;
    if (!(*value >= CAREER_MIN_LOCATION_FACTOR &&
          *value <= CAREER_MAX_LOCATION_FACTOR))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.location_factor: must be in [%g, %g] "
                            "(or 0 for the default 1)",
                            CAREER_MIN_LOCATION_FACTOR,
                            CAREER_MAX_LOCATION_FACTOR);
    return CAREER_OK;
}

/* A fixed dispersion narrower than the minimum gives a band whose p10 and
 * p90 meet in double precision. */
static career_status dispersion_option(double d, career_error *err)
{
    if (d == 0.0 || (d >= CAREER_MIN_DISPERSION && d <= CAREER_MAX_DISPERSION))
        return CAREER_OK;
    return careerp_fail(err, CAREER_ERR_ARG,
                        "options.dispersion: must be in [%g, %g] (or 0 for "
                        "the calibrated default)",
                        CAREER_MIN_DISPERSION, CAREER_MAX_DISPERSION);
}

static career_status resolve_options(const career_options *given,
                                     career_options *opts, career_error *err)
{
    *opts = given ? *given : (career_options){0};
    if ((unsigned)opts->interp > (unsigned)CAREER_INTERP_MINCER)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.interp: unknown method %d",
                            (int)opts->interp);
    if ((unsigned)opts->extrap > (unsigned)CAREER_EXTRAP_EXTEND)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.extrap: unknown mode %d",
                            (int)opts->extrap);
    if ((unsigned)opts->dist > (unsigned)CAREER_DIST_SPLINE)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "options.dist: unknown distribution %d",
                            (int)opts->dist);
    if (dispersion_option(opts->dispersion, err) != CAREER_OK ||
        careerp_check_reserved(err, "options.", opts->reserved,
                               CAREERP_NRESERVED(opts)) != CAREER_OK)
        return CAREER_ERR_ARG;
    return location_option(&opts->location_factor, err);
}

/* The curve runs through (anchor, salary) of the tiers that have a salary:
 * in the market's normal scores for the copula band (docs/model.md §3). */
static career_status build_curve(career_model *m, career_error *err)
{
    double x[CAREER_MAX_TIERS], y[CAREER_MAX_TIERS];
    size_t i, n = 0;

    for (i = 0; i < m->ntiers; i++) {
        const career_tier *t = &m->profile->tiers[i];
        m->min_years[i] = t->min_years;
        m->tier_salary[i] = t->salary * m->opts.location_factor;
        if (isnan(t->salary))
            continue;
        x[n] = t->anchor_years;
        y[n++] = m->tier_salary[i];
    }
    return careerp_curve_build(&m->curve, x, y, n, m->opts.interp,
                               m->opts.extrap,
                               m->profile->band_shape == CAREER_BAND_COPULA
                                   ? &m->dist
                                   : NULL,
                               err);
}

career_status career_model_new(const career_profile *profile,
                               const career_options *opts, career_model **out,
                               career_error *err)
{
    return careerp_model_new(profile, opts, CAREERP_JACOBIAN_ANALYTIC, out,
                             err);
}

career_status careerp_model_new(const career_profile *profile,
                                const career_options *opts,
                                careerp_jacobian how, career_model **out,
                                career_error *err)
{
    career_model *m;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (!profile)
        return careerp_fail(err, CAREER_ERR_ARG, "profile: NULL");
    m = calloc(1, sizeof *m);
    if (!m)
        return careerp_fail(err, CAREER_ERR_NOMEM, "model: out of memory");
    if ((st = resolve_options(opts, &m->opts, err)) != CAREER_OK ||
        (st = career_profile_copy(profile, &m->profile, err)) != CAREER_OK)
        goto fail;
    m->ntiers = m->profile->ntiers;
    if (m->profile->band_shape == CAREER_BAND_COPULA &&
        m->opts.dispersion > 1.0) {
        st = careerp_fail(err, CAREER_ERR_ARG,
                          "options.dispersion: the profile's copula band "
                          "needs d in [%g, 1] (1 = the market's whole "
                          "spread), or 0 for the calibrated default",
                          CAREER_MIN_DISPERSION);
        goto fail;
    }
    /* the market first: a copula band's curve lives in its scores */
    if ((st = careerp_dist_build(&m->dist, m->profile->quantiles,
                                 m->profile->nquantiles,
                                 m->profile->market_mean,
                                 m->opts.location_factor, m->opts.dist,
                                 err)) != CAREER_OK ||
        (st = build_curve(m, err)) != CAREER_OK)
        goto fail;
    if (m->profile->peak_years > 0.0)
        careerp_curve_peak(&m->curve, m->profile->peak_years,
                           exp(careerp_dist_log_quantile(&m->dist, 0.90)));
    m->opts.interp = m->curve.method;
    m->opts.dist = m->dist.kind;
    st = career_annual_rate(m->profile->demand_growth, m->profile->demand_years,
                            &m->demand_rate);
    if (st != CAREER_OK) {
        careerp_fail(err, CAREER_ERR_ARG,
                     "demand: a growth of %g over %g years has no finite "
                     "annual rate", m->profile->demand_growth,
                     m->profile->demand_years);
        st = CAREER_ERR_ARG;
        goto fail;
    }
    if ((st = careerp_calibrate(m, 0.5, 0.1, how, err)) != CAREER_OK)
        goto fail;
    m->opts.dispersion = m->calibration.dispersion;
    *out = m;
    return CAREER_OK;

fail:
    career_model_free(m);
    return st;
}

void career_model_free(career_model *model)
{
    if (!model)
        return;
    career_profile_free(model->profile);
    careerp_mixture_free(&model->calibration.mix);
    free(model);
}

const career_profile *career_model_profile(const career_model *model)
{
    return model ? model->profile : NULL;
}

void career_model_options(const career_model *model, career_options *out)
{
    if (model && out)
        *out = model->opts;
}
