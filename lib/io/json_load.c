/* json_load.c - profiles from JSON files (career-profile(5)).
 *
 * The text is parsed by json_parse.c into a jansson tree (not by jansson's
 * own parser: see there why), one profile object is picked, a draft
 * career_profile whose strings point into the tree is filled and handed to
 * career_profile_copy, which validates it and makes the one-block copy the
 * caller frees. The tree is then released: nothing of it outlives the
 * call, and no partial profile is ever returned. */
#include "io/io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_TAG "career-profile/1"

/* ---- reading one profile ------------------------------------------------- */

/* A profile being read: its strings point into the json_t tree. */
typedef struct draft {
    career_profile p;
    career_tier tiers[CAREER_MAX_TIERS];
    career_quantile quantiles[CAREER_MAX_QUANTILES];
    const char *notes[CAREER_MAX_NOTES];
} draft;

/* A number member; when absent, *out keeps its value unless required. */
static career_status get_number(const careerp_json_ctx *c, json_t *obj,
                                const char *path, const char *key,
                                int required, double *out)
{
    json_t *v;
    career_status st = careerp_json_member(c, obj, path, key, required,
                                           CAREERP_JSON_NUMBER, &v);

    if (st == CAREER_OK && v)
        *out = json_number_value(v);
    return st;
}

/* A string member; when absent, *out is NULL unless required. */
static career_status get_string(const careerp_json_ctx *c, json_t *obj,
                                const char *path, const char *key,
                                int required, const char **out)
{
    json_t *v;
    career_status st = careerp_json_member(c, obj, path, key, required,
                                           CAREERP_JSON_STRING, &v);

    *out = v ? json_string_value(v) : NULL;
    return st;
}

static const char *const tier_keys[] = {"name", "min_years", "anchor_years",
                                        "salary", NULL};

static career_status read_tier(const careerp_json_ctx *c, json_t *t, size_t i,
                               career_tier *out)
{
    char path[32];
    career_status st;

    snprintf(path, sizeof path, "tiers[%zu]", i);
    if (!json_is_object(t))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s: expected a tier object, got %s", path,
                                careerp_json_type_name(t));
    out->salary = NAN; /* absent: the guide gives no salary for this tier */
    if ((st = careerp_json_check_keys(c, t, path, tier_keys)) != CAREER_OK ||
        (st = get_string(c, t, path, "name", 1, &out->name)) != CAREER_OK ||
        (st = get_number(c, t, path, "min_years", 1, &out->min_years)) ||
        (st = get_number(c, t, path, "anchor_years", 1, &out->anchor_years)) ||
        (st = get_number(c, t, path, "salary", 0, &out->salary)))
        return st;
    return CAREER_OK;
}

static career_status read_tiers(const careerp_json_ctx *c, json_t *root,
                                draft *d)
{
    json_t *tiers;
    size_t i, n;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "tiers", 1, CAREERP_JSON_ARRAY,
                                  &tiers)))
        return st;
    n = json_array_size(tiers);
    if (n == 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "tiers: at least one tier is needed");
    if (n > CAREER_MAX_TIERS)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "tiers: at most %d tiers are supported (got %zu)", CAREER_MAX_TIERS,
            n);
    for (i = 0; i < n; i++)
        if ((st = read_tier(c, json_array_get(tiers, i), i, &d->tiers[i])))
            return st;
    d->p.tiers = d->tiers;
    d->p.ntiers = n;
    return CAREER_OK;
}

static career_status read_quantile(const careerp_json_ctx *c, json_t *q,
                                   size_t i, career_quantile *out)
{
    static const char *const part[] = {"p", "salary"};
    json_t *v;
    size_t k;

    if (!json_is_array(q))
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "market.quantiles[%zu]: expected [p, salary], got %s", i,
            careerp_json_type_name(q));
    if (json_array_size(q) != 2)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "market.quantiles[%zu]: expected [p, salary], got an "
            "array of %zu",
            i, json_array_size(q));
    for (k = 0; k < 2; k++) {
        v = json_array_get(q, k);
        if (!json_is_number(v))
            return careerp_json_bad(
                c, CAREER_ERR_PARSE,
                "market.quantiles[%zu][%zu]: expected a number (%s), "
                "got %s",
                i, k, part[k], careerp_json_type_name(v));
    }
    out->p = json_number_value(json_array_get(q, 0));
    out->salary = json_number_value(json_array_get(q, 1));
    return CAREER_OK;
}

static const char *const market_keys[] = {"quantiles", "mean", NULL};

static career_status read_market(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    json_t *market, *quantiles;
    size_t i, n;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "market", 1, CAREERP_JSON_OBJECT,
                                  &market)) ||
        (st = careerp_json_check_keys(c, market, "market", market_keys)) ||
        (st = careerp_json_member(c, market, "market", "quantiles", 1,
                                  CAREERP_JSON_ARRAY, &quantiles)))
        return st;
    n = json_array_size(quantiles);
    if (n > CAREER_MAX_QUANTILES)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "market.quantiles: at most %d points are supported (got "
            "%zu)",
            CAREER_MAX_QUANTILES, n);
    for (i = 0; i < n; i++)
        if ((st = read_quantile(c, json_array_get(quantiles, i), i,
                                &d->quantiles[i])))
            return st;
    d->p.quantiles = d->quantiles;
    d->p.nquantiles = n;
    return get_number(c, market, "market", "mean", 0, &d->p.market_mean);
}

static const char *const curve_keys[] = {"peak_years", NULL};

static career_status read_curve(const careerp_json_ctx *c, json_t *root,
                                draft *d)
{
    json_t *curve;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "curve", 0,
                                  CAREERP_JSON_OBJECT, &curve)) ||
        !curve)
        return st;
    if ((st = careerp_json_check_keys(c, curve, "curve", curve_keys)))
        return st;
    return get_number(c, curve, "curve", "peak_years", 1, &d->p.peak_years);
}

static const char *const band_keys[] = {"shape", NULL};

/* Optional: without it the band is the power band of 1.0 and 1.1. */
static career_status read_band(const careerp_json_ctx *c, json_t *root,
                               draft *d)
{
    json_t *band;
    const char *shape;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "band", 0, CAREERP_JSON_OBJECT,
                                  &band)) ||
        !band)
        return st;
    if ((st = careerp_json_check_keys(c, band, "band", band_keys)) ||
        (st = get_string(c, band, "band", "shape", 1, &shape)))
        return st;
    if (strcmp(shape, "power") == 0)
        d->p.band_shape = CAREER_BAND_POWER;
    else if (strcmp(shape, "copula") == 0)
        d->p.band_shape = CAREER_BAND_COPULA;
    else
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "band.shape: must be \"power\" or "
                                "\"copula\" (got \"%.60s\")", shape);
    return CAREER_OK;
}

static const char *const demand_keys[] = {"growth", "years", "level", NULL};

static career_status read_demand(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    json_t *demand;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "demand", 1, CAREERP_JSON_OBJECT,
                                  &demand)) ||
        (st = careerp_json_check_keys(c, demand, "demand", demand_keys)) ||
        (st = get_number(c, demand, "demand", "growth", 1,
                         &d->p.demand_growth)) ||
        (st =
             get_number(c, demand, "demand", "years", 1, &d->p.demand_years)) ||
        (st = get_string(c, demand, "demand", "level", 0, &d->p.demand_level)))
        return st;
    return CAREER_OK;
}

static const char *const workforce_keys[] = {
    "separation_rate", "experience_correlation", NULL};

/* Optional, and each member too: without them the separation rate and the
 * experience correlation are 0, not given. */
static career_status read_workforce(const careerp_json_ctx *c, json_t *root,
                                    draft *d)
{
    json_t *workforce;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "workforce", 0,
                                  CAREERP_JSON_OBJECT, &workforce)) ||
        !workforce)
        return st;
    if ((st = careerp_json_check_keys(c, workforce, "workforce",
                                      workforce_keys)) ||
        (st = get_number(c, workforce, "workforce", "separation_rate", 0,
                         &d->p.separation_rate)) ||
        (st = get_number(c, workforce, "workforce", "experience_correlation",
                         0, &d->p.experience_correlation)))
        return st;
    return CAREER_OK;
}

static career_status read_notes(const careerp_json_ctx *c, json_t *root,
                                draft *d)
{
    json_t *notes, *v;
    size_t i, n;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "notes", 0, CAREERP_JSON_ARRAY,
                                  &notes)) ||
        !notes)
        return st;
    n = json_array_size(notes);
    if (n > CAREER_MAX_NOTES)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "notes: at most %d notes are supported (got %zu)", CAREER_MAX_NOTES,
            n);
    for (i = 0; i < n; i++) {
        v = json_array_get(notes, i);
        if (!json_is_string(v))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "notes[%zu]: expected a string, got %s", i,
                                    careerp_json_type_name(v));
        d->notes[i] = json_string_value(v);
    }
    d->p.notes = n ? d->notes : NULL;
    d->p.nnotes = n;
    return CAREER_OK;
}

static const char *const profile_keys[] = {
    "format", "role", "region", "currency", "period", "source",
    "occ_code", "area_code", "tiers", "market", "curve", "band", "demand",
    "workforce", "notes", NULL};

static career_status read_profile(const careerp_json_ctx *c, json_t *root,
                                  draft *d)
{
    const char *format;
    career_status st;

    /* The format first: a file of another kind should say so, not list
     * keys it does not know. */
    if ((st = get_string(c, root, "", "format", 1, &format)))
        return st;
    if (strcmp(format, FORMAT_TAG) != 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "format: must be \"%s\" (got \"%.60s\")",
                                FORMAT_TAG, format);
    if ((st = careerp_json_check_keys(c, root, "", profile_keys)) ||
        (st = get_string(c, root, "", "role", 1, &d->p.role)) ||
        (st = get_string(c, root, "", "region", 0, &d->p.region)) ||
        (st = get_string(c, root, "", "currency", 0, &d->p.currency)) ||
        (st = get_string(c, root, "", "period", 0, &d->p.period)) ||
        (st = get_string(c, root, "", "source", 0, &d->p.source)) ||
        (st = get_string(c, root, "", "occ_code", 0, &d->p.occ_code)) ||
        (st = get_string(c, root, "", "area_code", 0, &d->p.area_code)) ||
        (st = read_tiers(c, root, d)) || (st = read_market(c, root, d)) ||
        (st = read_curve(c, root, d)) || (st = read_band(c, root, d)) ||
        (st = read_demand(c, root, d)) || (st = read_workforce(c, root, d)) ||
        (st = read_notes(c, root, d)))
        return st;
    return CAREER_OK;
}

/* Validates and copies the draft. Validation messages already carry the
 * JSON path; in a file they are errors of the file (CAREER_ERR_PARSE). */
static career_status finish(const careerp_json_ctx *c, const draft *d,
                            career_profile **out)
{
    return careerp_copy_read_profile(&d->p, out, c->err, c->source,
                                     c->prefix);
}

/* ---- choosing a profile by role ----------------------------------------- */

/* The role of element i of an array of profiles. */
static career_status element_role(const careerp_json_ctx *c, json_t *e,
                                  size_t i, const char **role)
{
    json_t *r;

    if (!json_is_object(e))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "[%zu]: expected a profile object, got %s", i,
                                careerp_json_type_name(e));
    r = json_object_get(e, "role");
    if (!r)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "[%zu].role: missing (a string is required)",
                                i);
    if (!json_is_string(r))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "[%zu].role: expected a string, got %s", i,
                                careerp_json_type_name(r));
    *role = json_string_value(r);
    return CAREER_OK;
}

/* "\"A\", \"B\", ..." for messages, cut short when long. */
static void role_list(json_t *profiles, char *buf, size_t size)
{
    size_t i, used = 0;
    json_t *r;

    buf[0] = '\0';
    for (i = 0; i < json_array_size(profiles) && used + 8 < size; i++) {
        r = json_object_get(json_array_get(profiles, i), "role");
        used += (size_t)snprintf(buf + used, size - used, "%s\"%.40s\"",
                                 i ? ", " : "", json_string_value(r));
    }
    if (used >= size) /* cut short: then size > 8, as the loop ran */
        memcpy(buf + size - 4, "...", 4);
}

/* Index of the profile of `role` (NULL: the only one) in an array. */
static career_status pick(const careerp_json_ctx *c, json_t *profiles,
                          const char *role, size_t *index)
{
    size_t i, n = json_array_size(profiles), found = SIZE_MAX;
    const char *r;
    char list[200];
    career_status st;

    if (n == 0)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "expected a profile or a non-empty array of profiles, "
            "got an empty array");
    for (i = 0; i < n; i++) {
        if ((st = element_role(c, json_array_get(profiles, i), i, &r)))
            return st;
        /* role names compare without regard to ASCII case */
        if (role && careerp_ascii_same(r, role)) {
            if (found != SIZE_MAX)
                return careerp_json_bad(
                    c, CAREER_ERR_PARSE,
                    "[%zu].role: \"%.60s\" is already the role of [%zu]", i, r,
                    found);
            found = i;
        }
    }
    role_list(profiles, list, sizeof list);
    if (!role && n > 1)
        return careerp_json_bad(c, CAREER_ERR_ARG,
                                "%zu profiles: choose one by role (%s)", n,
                                list);
    if (!role)
        found = 0;
    if (found == SIZE_MAX)
        return careerp_json_bad(c, CAREER_ERR_NOT_FOUND,
                                "no profile with role \"%.60s\" (roles: %s)",
                                role, list);
    *index = found;
    return CAREER_OK;
}

static career_status load_root(careerp_json_ctx *c, json_t *root,
                               const char *role, career_profile **out)
{
    json_t *chosen = root, *r;
    size_t at = 0;
    draft d;
    career_status st;

    if (json_is_array(root)) {
        if ((st = pick(c, root, role, &at)))
            return st;
        chosen = json_array_get(root, at);
        snprintf(c->prefix, sizeof c->prefix, "[%zu].", at);
    } else if (role && (r = json_object_get(root, "role")) &&
               json_is_string(r) &&
               !careerp_ascii_same(json_string_value(r), role)) {
        return careerp_json_bad(
            c, CAREER_ERR_NOT_FOUND,
            "no profile with role \"%.60s\" (roles: \"%.60s\")", role,
            json_string_value(r));
    }
    memset(&d, 0, sizeof d);
    if ((st = read_profile(c, chosen, &d)))
        return st;
    return finish(c, &d, out);
}

/* ---- loading --------------------------------------------------------------- */

static career_status check_out(career_profile **out, career_error *err)
{
    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    return CAREER_OK;
}

static career_status load_parsed(json_t *root, const char *source,
                                 const char *role, career_profile **out,
                                 career_error *err)
{
    careerp_json_ctx c = {err, source, ""};
    career_status st = load_root(&c, root, role, out);

    json_decref(root);
    return st;
}

career_status career_profile_load_string(const char *json, const char *role,
                                         career_profile **out,
                                         career_error *err)
{
    json_t *root;
    career_status st;

    if ((st = check_out(out, err)) ||
        (st = careerp_json_parse_string(json, &root, err)))
        return st;
    return load_parsed(root, "<string>", role, out, err);
}

career_status career_profile_load_stream(FILE *stream, const char *name,
                                         const char *role,
                                         career_profile **out,
                                         career_error *err)
{
    json_t *root;
    career_status st;

    if ((st = check_out(out, err)))
        return st;
    if (!stream)
        return careerp_fail(err, CAREER_ERR_ARG, "stream: NULL");
    if (!name)
        name = "<stream>";
    if ((st = careerp_json_parse_stream(stream, name, &root, err)))
        return st;
    return load_parsed(root, name, role, out, err);
}

career_status career_profile_load_file(const char *path, const char *role,
                                       career_profile **out, career_error *err)
{
    json_t *root;
    career_status st;

    if ((st = check_out(out, err)) ||
        (st = careerp_json_parse_file(path, &root, err)))
        return st;
    return load_parsed(root, path, role, out, err);
}

/* ---- listing roles ------------------------------------------------------------ */

/* The roles of a parsed file, in order: n pointers then the strings, all
 * in one allocation. */
static career_status collect_roles(const careerp_json_ctx *c, json_t *root,
                                   char ***roles, size_t *count)
{
    size_t i, n = json_is_array(root) ? json_array_size(root) : 1;
    size_t bytes = n * sizeof(char *);
    const char *r;
    char **list, *pool;
    career_status st;

    if (n == 0)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "expected a profile or a non-empty array of profiles, "
            "got an empty array");
    for (i = 0; i < n; i++) {
        if (json_is_array(root))
            st = element_role(c, json_array_get(root, i), i, &r);
        else
            st = get_string(c, root, "", "role", 1, &r);
        if (st)
            return st;
        bytes += strlen(r) + 1;
    }
    if (!(list = malloc(bytes)))
        return careerp_json_bad(c, CAREER_ERR_NOMEM, "roles: out of memory");
    pool = (char *)(list + n);
    for (i = 0; i < n; i++) {
        json_t *e = json_is_array(root) ? json_array_get(root, i) : root;
        r = json_string_value(json_object_get(e, "role"));
        list[i] = memcpy(pool, r, strlen(r) + 1);
        pool += strlen(r) + 1;
    }
    *roles = list;
    *count = n;
    return CAREER_OK;
}

career_status career_profile_list_roles(const char *path, char ***roles,
                                        size_t *count, career_error *err)
{
    json_t *root;
    career_status st;
    careerp_json_ctx c = {err, path, ""};

    careerp_error_reset(err);
    if (!roles || !count)
        return careerp_fail(err, CAREER_ERR_ARG, "roles, count: NULL");
    *roles = NULL;
    *count = 0;
    if ((st = careerp_json_parse_file(path, &root, err)))
        return st;
    st = collect_roles(&c, root, roles, count);
    json_decref(root);
    return st;
}

