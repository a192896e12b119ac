/* ladder_template.c - the tiers an OEWS profile gets: OEWS publishes a
 * market, not a ladder, so each tier's median is placed at a percentile of
 * that market. The default is the four prevailing-wage levels of the US
 * Department of Labor's Office of Foreign Labor Certification. */
#include "bls/bls.h"
#include "io/io.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The Office of Foreign Labor Certification sets Level I at the 17th
 * percentile of the OEWS distribution and Level IV at the 67th, and Levels
 * II and III a third and two thirds of the way between them in pay (in all
 * 530 areas of its 15-1252 table, tests/data/bls/, they sit at 0.3331-
 * 0.3335 and 0.6665-0.6669 of the way). OFLC ties the levels to
 * experience without fixed years: each is anchored at the years below
 * which the same share of the occupation's workforce lies as of its pay
 * below the level (docs/model.md §11), and the curve peaks at 30 years
 * (§3). */
static const career_ladder_template oflc = {
    .n = 4,
    .tier = {"Level I (entry)", "Level II (qualified)",
             "Level III (experienced)", "Level IV (fully competent)"},
    .percentile = {0.17, NAN, NAN, 0.67},
    .between = {NAN, 1.0 / 3.0, 2.0 / 3.0, NAN},
    .workforce = 1,
    .peak_years = 30.0,
    .band = CAREER_BAND_COPULA,
    .rho = CAREERP_DEFAULT_RHO,
    .name = "OFLC prevailing-wage levels",
    .assumption = "Levels I and IV at the market's 17th and 67th "
                  "percentiles, II and III a third and two thirds of the "
                  "way between them (OFLC's rule); each anchored at the "
                  "workforce's experience quantile for its percentile under "
                  "an experience correlation of 0.85, the curve rising past "
                  "Level IV to a peak at 30 years.",
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

/* A string member of at most size - 1 bytes of UTF-8 into buf (empty
 * when absent and not required). */
static career_status text_at(const careerp_json_ctx *c, json_t *obj,
                             const char *path, const char *key, int required,
                             char *buf, size_t size)
{
    json_t *v;
    career_status st = careerp_json_member(c, obj, path, key, required,
                                           CAREERP_JSON_STRING, &v);

    if (st || !v)
        return st;
    if (json_string_length(v) == 0 || json_string_length(v) >= size)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s%s%s: must be a string of 1 to %zu bytes",
                                path, *path ? "." : "", key, size - 1);
    if (!careerp_utf8_valid(json_string_value(v), json_string_length(v)))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s%s%s: must be UTF-8 without NUL", path,
                                *path ? "." : "", key);
    memcpy(buf, json_string_value(v), json_string_length(v) + 1);
    return CAREER_OK;
}

static const char *const tier_keys[] = {"name", "percentile", "between",
                                        "min_years", "anchor_years", NULL};

/* A tier: its name; its market percentile, or how far it sits `between`
 * the tiers around it; its years unless the workforce places it. */
static career_status read_tier(const careerp_json_ctx *c,
                               career_ladder_template *t, json_t *tier,
                               size_t i)
{
    char path[32];
    career_status st;
    int has_p, has_b;

    snprintf(path, sizeof path, "tiers[%zu]", i);
    if (!json_is_object(tier))
        return careerp_json_bad(c, CAREER_ERR_PARSE, "%s: expected an object",
                                path);
    t->percentile[i] = t->between[i] = NAN;
    has_p = json_object_get(tier, "percentile") != NULL;
    has_b = json_object_get(tier, "between") != NULL;
    if (has_p == has_b)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s: give either percentile or between", path);
    if ((i == 0 || i + 1 == t->n) && !has_p)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s: the first and last tiers need a "
                                "percentile", path);
    if ((st = careerp_json_check_keys(c, tier, path, tier_keys)) ||
        (st = text_at(c, tier, path, "name", 1, t->tier[i],
                      sizeof t->tier[i])) ||
        (st = careerp_json_number(c, tier, path, "percentile", 0, 1e-6,
                                  1.0 - 1e-6, &t->percentile[i])) ||
        (st = careerp_json_number(c, tier, path, "between", 0, 1e-6,
                                  1.0 - 1e-6, &t->between[i])))
        return st;
    if (t->workforce) {
        if (json_object_get(tier, "min_years") ||
            json_object_get(tier, "anchor_years"))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "%s: the workforce places the tiers "
                                    "(\"anchors\": \"workforce\"): no "
                                    "min_years or anchor_years", path);
        return CAREER_OK;
    }
    return (st = careerp_json_number(c, tier, path, "min_years", 1, 0.0,
                                     100.0, &t->min_years[i]))
               ? st
               : careerp_json_number(c, tier, path, "anchor_years", 1, 0.0,
                                     100.0, &t->anchor_years[i]);
}

/* The order of the tiers: percentiles, and years unless the workforce
 * places them, increase; the first tier starts at 0 years. */
static career_status check_order(const careerp_json_ctx *c,
                                 const career_ladder_template *t)
{
    size_t i, last = 0;

    if (!t->workforce && t->min_years[0] != 0.0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "tiers[0].min_years: the first tier must "
                                "start at 0 years");
    for (i = 1; i < t->n; i++) {
        if (!t->workforce &&
            !(t->min_years[i] > t->min_years[i - 1] &&
              t->anchor_years[i] > t->anchor_years[i - 1] &&
              t->anchor_years[i - 1] < t->min_years[i]))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "tiers[%zu]: min_years and anchor_years "
                                    "must each be greater than tiers[%zu]'s, "
                                    "and tiers[%zu]'s anchor inside its span",
                                    i, i - 1, i - 1);
        if (isnan(t->percentile[i]))
            continue;
        if (!(t->percentile[i] > t->percentile[last]))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "tiers[%zu].percentile: must be greater "
                                    "than tiers[%zu]'s", i, last);
        last = i;
    }
    return CAREER_OK;
}

static const char *const template_keys[] = {
    "format", "name", "assumption", "anchors", "peak_years", "band",
    "experience_correlation", "tiers", NULL};

static career_status read_template(const careerp_json_ctx *c,
                                   career_ladder_template *t, json_t *root)
{
    char format[32] = "", anchors[16] = "years", band[16] = "copula";
    json_t *tiers;
    career_status st;
    size_t i;

    if (!json_is_object(root))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "expected an object, got %s",
                                careerp_json_type_name(root));
    if ((st = careerp_json_check_keys(c, root, "", template_keys)) ||
        (st = text_at(c, root, "", "format", 1, format, sizeof format)) ||
        (st = text_at(c, root, "", "name", 0, t->name, sizeof t->name)) ||
        (st = text_at(c, root, "", "assumption", 0, t->assumption,
                      sizeof t->assumption)) ||
        (st = text_at(c, root, "", "anchors", 0, anchors, sizeof anchors)) ||
        (st = careerp_json_number(c, root, "", "peak_years", 0, 0.0, 100.0,
                                  &t->peak_years)) ||
        (st = text_at(c, root, "", "band", 0, band, sizeof band)) ||
        (st = careerp_json_number(c, root, "", "experience_correlation", 0,
                                  CAREERP_MIN_RHO, 1.0, &t->rho)) ||
        (st = careerp_json_member(c, root, "", "tiers", 1, CAREERP_JSON_ARRAY,
                                  &tiers)))
        return st;
    if (strcmp(format, "career-ladder/1") != 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "format: must be \"career-ladder/1\"");
    if (strcmp(anchors, "years") != 0 && strcmp(anchors, "workforce") != 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "anchors: must be \"years\" or "
                                "\"workforce\"");
    t->workforce = strcmp(anchors, "workforce") == 0;
    if (strcmp(band, "copula") != 0 && strcmp(band, "power") != 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "band: must be \"copula\" or \"power\"");
    t->band = strcmp(band, "copula") == 0 ? CAREER_BAND_COPULA
                                          : CAREER_BAND_POWER;
    /* the power band's templates keep the rule of 1.1, u = q */
    if (t->rho == 0.0)
        t->rho = t->band == CAREER_BAND_COPULA ? CAREERP_DEFAULT_RHO : 1.0;
    t->n = json_array_size(tiers);
    if (t->n < 2 || t->n > CAREER_MAX_TIERS)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "tiers: must be an array of 2 to %d tiers",
                                CAREER_MAX_TIERS);
    for (i = 0; i < t->n; i++)
        if ((st = read_tier(c, t, json_array_get(tiers, i), i)))
            return st;
    return check_order(c, t);
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
    {
        careerp_json_ctx c = {err, path, ""};
        st = read_template(&c, t, root);
    }
    json_decref(root);
    if (st != CAREER_OK) {
        free(t);
        return st;
    }
    *out = t;
    return CAREER_OK;
}
