/* ladder_template.c - the tiers an OEWS profile gets: OEWS publishes a
 * market, not a ladder, so each tier's median is placed at a percentile of
 * that market. The default is the four prevailing-wage levels of the US
 * Department of Labor's Office of Foreign Labor Certification. */
#include "bls/bls.h"
#include "io/io.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* OFLC's levels sit at the 17th, 34th, 50th and 67th percentiles of the
 * OEWS distribution. The year spans 0-2, 3-5, 6-9 and 10+ are this
 * project's assumption (OFLC ties levels to experience without fixed
 * years); anchors are span midpoints, and min + 3 for the open span, the
 * rule docs/model.md §1 gives for guides. */
static const career_ladder_template oflc = {
    4,
    {"Level I (entry)", "Level II (qualified)", "Level III (experienced)",
     "Level IV (fully competent)"},
    {0.0, 3.0, 6.0, 10.0},
    {1.0, 4.0, 7.5, 13.0},
    {0.17, 0.34, 0.50, 0.67},
    "OFLC prevailing-wage levels (spans 0-2, 3-5, 6-9, 10+ years assumed)",
};

const career_ladder_template *career_ladder_template_oflc(void)
{
    return &oflc;
}

void career_ladder_template_free(career_ladder_template *tmpl)
{
    if (tmpl != &oflc)
        free(tmpl);
}

static career_status number_at(json_t *tier, size_t i, const char *key,
                               double *out, career_error *err)
{
    json_t *v = json_object_get(tier, key);

    if (!json_is_number(v) || !isfinite(json_number_value(v)))
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu].%s: must be a number", i, key);
    *out = json_number_value(v);
    return CAREER_OK;
}

static career_status check_tier(const career_ladder_template *t, size_t i,
                                career_error *err)
{
    if (i == 0 && t->min_years[0] != 0.0)
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[0].min_years: the first tier must start "
                            "at 0 years");
    if (!(t->percentile[i] > 0.0 && t->percentile[i] < 1.0))
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu].percentile: must be in (0,1)", i);
    if (t->anchor_years[i] < 0.0)
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu].anchor_years: must be >= 0", i);
    if (i > 0 && !(t->min_years[i] > t->min_years[i - 1] &&
                   t->anchor_years[i] > t->anchor_years[i - 1] &&
                   t->percentile[i] > t->percentile[i - 1]))
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu]: min_years, anchor_years and "
                            "percentile must each be greater than "
                            "tiers[%zu]'s", i, i - 1);
    return CAREER_OK;
}

static career_status read_tier(career_ladder_template *t, json_t *tier,
                               size_t i, career_error *err)
{
    json_t *name = json_object_get(tier, "name");
    career_status st;

    if (!json_is_string(name) || json_string_length(name) == 0 ||
        json_string_length(name) >= CAREERP_TEMPLATE_NAME)
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu].name: must be a string of 1 to %d "
                            "bytes", i, CAREERP_TEMPLATE_NAME - 1);
    if (!careerp_utf8_valid(json_string_value(name),
                            json_string_length(name)))
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers[%zu].name: must be UTF-8 without NUL", i);
    strcpy(t->name[i], json_string_value(name));
    if ((st = number_at(tier, i, "min_years", &t->min_years[i], err)) ||
        (st = number_at(tier, i, "anchor_years", &t->anchor_years[i], err)) ||
        (st = number_at(tier, i, "percentile", &t->percentile[i], err)))
        return st;
    return check_tier(t, i, err);
}

static career_status read_template(career_ladder_template *t, json_t *root,
                                   career_error *err)
{
    json_t *format = json_object_get(root, "format");
    json_t *tiers = json_object_get(root, "tiers");
    json_t *title = json_object_get(root, "name");
    career_status st;
    size_t i;

    if (!json_is_object(root) || !json_is_string(format) ||
        strcmp(json_string_value(format), "career-ladder/1") != 0)
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "format: must be \"career-ladder/1\"");
    if (!json_is_array(tiers) || json_array_size(tiers) < 2 ||
        json_array_size(tiers) > CAREER_MAX_TIERS)
        return careerp_fail(err, CAREER_ERR_PARSE,
                            "tiers: must be an array of 2 to %d tiers",
                            CAREER_MAX_TIERS);
    t->n = json_array_size(tiers);
    for (i = 0; i < t->n; i++)
        if ((st = read_tier(t, json_array_get(tiers, i), i, err)))
            return st;
    if (json_is_string(title) &&
        careerp_utf8_valid(json_string_value(title), json_string_length(title)))
        snprintf(t->title, sizeof t->title, "%s", json_string_value(title));
    return CAREER_OK;
}

career_status career_ladder_template_load_file(const char *path,
                                               career_ladder_template **out,
                                               career_error *err)
{
    career_ladder_template *t;
    json_t *root;
    career_status st;

    careerp_error_reset(err);
    if (!path || !out)
        return careerp_fail(err, CAREER_ERR_ARG, "path or out: NULL");
    *out = NULL;
    /* the library's own parser, not jansson's json_load_file: that one
     * drops a byte it cannot store and goes on, and reads without a cap */
    if ((st = careerp_json_parse_file(path, &root, err)) != CAREER_OK)
        return st;
    if (!(t = calloc(1, sizeof *t))) {
        json_decref(root);
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    st = read_template(t, root, err);
    json_decref(root);
    if (st != CAREER_OK) {
        if (err)
            snprintf(err->source, sizeof err->source, "%s", path);
        free(t);
        return st;
    }
    *out = t;
    return CAREER_OK;
}
