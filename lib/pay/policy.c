/* policy.c - merit policies as JSON (career-policy(5)).
 *
 * Follows the profile loader's conventions (lib/json_load.c): the whole
 * text is parsed into a json_t tree (json_parse.c, capped, out of memory
 * reported), read member by member into a draft on the
 * stack, each error naming its JSON path ("matrix.exceeds[2]: ..."), and
 * only a complete, valid policy is copied into the one allocation the
 * caller frees. */
#include "pay/pay.h"
#include "io/io.h"

#include <stdlib.h>
#include <string.h>

#define FORMAT_TAG "career-merit-policy/1"

static career_status boolean(const careerp_json_ctx *c, json_t *obj,
                             const char *path, const char *key, int *out)
{
    json_t *v;
    career_status st =
        careerp_json_member(c, obj, path, key, 0, CAREERP_JSON_BOOLEAN, &v);

    if (st == CAREER_OK && v)
        *out = json_is_true(v);
    return st;
}

/* An array of exactly n numbers in [lo, hi] at `path`. */
static career_status numbers(const careerp_json_ctx *c, json_t *a,
                             const char *path, size_t n, double lo, double hi,
                             double *out)
{
    size_t i;
    json_t *v;

    if (json_array_size(a) != n)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s: expected %zu numbers, got %zu", path, n,
                                json_array_size(a));
    for (i = 0; i < n; i++) {
        v = json_array_get(a, i);
        if (!json_is_number(v))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "%s[%zu]: expected a number, got %s", path,
                                    i, careerp_json_type_name(v));
        out[i] = json_number_value(v);
        if (out[i] < lo || out[i] > hi)
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "%s[%zu]: must be in [%g, %g] (got %g)",
                                    path, i, lo, hi, out[i]);
    }
    return CAREER_OK;
}

/* ---- the parts of a policy ------------------------------------------------ */

/* A policy being read: names point into the json_t tree. */
typedef struct draft {
    career_merit_policy p;
    const char *names[CAREERP_MAX_RATINGS];
} draft;

static career_status read_rating(const careerp_json_ctx *c, json_t *r, size_t i,
                                 draft *d)
{
    static const char *const keys[] = {"name", "eligible", NULL};
    char path[32];
    json_t *name;
    int eligible = 1;
    career_status st;

    snprintf(path, sizeof path, "ratings[%zu]", i);
    if (json_is_string(r)) {
        name = r;
    } else if (!json_is_object(r)) {
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s: expected a name or an object, got %s",
                                path, careerp_json_type_name(r));
    } else if ((st = careerp_json_check_keys(c, r, path, keys)) ||
               (st = careerp_json_member(c, r, path, "name", 1,
                                         CAREERP_JSON_STRING, &name)) ||
               (st = boolean(c, r, path, "eligible", &eligible))) {
        return st;
    }
    d->names[i] = json_string_value(name);
    d->p.eligible[i] = (unsigned char)eligible;
    if (d->names[i][0] == '\0')
        return careerp_json_bad(c, CAREER_ERR_PARSE, "%s: the name is empty",
                                path);
    return CAREER_OK;
}

static career_status read_ratings(const careerp_json_ctx *c, json_t *root,
                                  draft *d)
{
    json_t *a;
    size_t i, j, n;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "ratings", 1, CAREERP_JSON_ARRAY,
                                  &a)))
        return st;
    n = json_array_size(a);
    if (n == 0 || n > CAREERP_MAX_RATINGS)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "ratings: 1 to %d ratings are supported (got %zu)",
            CAREERP_MAX_RATINGS, n);
    for (i = 0; i < n; i++) {
        if ((st = read_rating(c, json_array_get(a, i), i, d)))
            return st;
        for (j = 0; j < i; j++)
            if (strcmp(d->names[j], d->names[i]) == 0)
                return careerp_json_bad(
                    c, CAREER_ERR_PARSE,
                    "ratings[%zu]: \"%.60s\" is already ratings[%zu]", i,
                    d->names[i], j);
    }
    d->p.nratings = n;
    return CAREER_OK;
}

static career_status read_position(const careerp_json_ctx *c, json_t *root,
                                   draft *d)
{
    static const char *const keys[] = {"basis", "edges", NULL};
    static const double quartiles[] = {0.25, 0.5, 0.75};
    json_t *pos, *basis = NULL, *edges = NULL;
    size_t i, n;
    career_status st;

    d->p.basis = CAREERP_BASIS_PENETRATION;
    d->p.npositions = 4;
    memcpy(d->p.edges, quartiles, sizeof quartiles);
    if ((st = careerp_json_member(c, root, "", "position", 0,
                                  CAREERP_JSON_OBJECT, &pos)) ||
        !pos)
        return st;
    if ((st = careerp_json_check_keys(c, pos, "position", keys)) ||
        (st = careerp_json_member(c, pos, "position", "basis", 0,
                                  CAREERP_JSON_STRING, &basis)) ||
        (st = careerp_json_member(c, pos, "position", "edges", 0,
                                  CAREERP_JSON_ARRAY, &edges)))
        return st;
    if (basis && strcmp(json_string_value(basis), "compa") == 0)
        d->p.basis = CAREERP_BASIS_COMPA;
    else if (basis && strcmp(json_string_value(basis), "penetration") != 0)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "position.basis: must be \"penetration\" or \"compa\" "
            "(got \"%.60s\")",
            json_string_value(basis));
    if (!edges) {
        if (d->p.basis == CAREERP_BASIS_COMPA)
            return careerp_json_bad(
                c, CAREER_ERR_PARSE,
                "position.edges: missing (compa-ratio bands need "
                "their edges)");
        return CAREER_OK;
    }
    n = json_array_size(edges);
    if (n >= CAREERP_MAX_POSITIONS)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "position.edges: at most %d edges are supported "
            "(got %zu)",
            CAREERP_MAX_POSITIONS - 1, n);
    if ((st = numbers(c, edges, "position.edges", n, -1e6, 1e6, d->p.edges)))
        return st;
    for (i = 1; i < n; i++)
        if (!(d->p.edges[i] > d->p.edges[i - 1]))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "position.edges[%zu]: must be greater than "
                                    "position.edges[%zu] (%g)",
                                    i, i - 1, d->p.edges[i - 1]);
    d->p.npositions = n + 1;
    return CAREER_OK;
}

static career_status read_matrix(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    char path[96];
    json_t *m, *row;
    const char *key;
    size_t i, np = d->p.npositions;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "matrix", 1, CAREERP_JSON_OBJECT,
                                  &m)))
        return st;
    for (i = 0; i < d->p.nratings; i++) {
        snprintf(path, sizeof path, "matrix.%.60s", d->names[i]);
        if (!(row = json_object_get(m, d->names[i])))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "%s: missing (every rating needs a row)",
                                    path);
        if (!json_is_array(row))
            return careerp_json_bad(c, CAREER_ERR_PARSE,
                                    "%s: expected an array, got %s", path,
                                    careerp_json_type_name(row));
        if ((st = numbers(c, row, path, np, 0.0, 1.0,
                          d->p.matrix + i * np)))
            return st;
    }
    json_object_foreach(m, key, row) {
        for (i = 0; i < d->p.nratings && strcmp(key, d->names[i]); i++)
            ;
        if (i == d->p.nratings)
            return careerp_json_bad(
                c, CAREER_ERR_PARSE,
                "matrix: \"%.60s\" is not one of the ratings", key);
    }
    return CAREER_OK;
}

static career_status read_ranges(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    static const char *const keys[] = {"method", "low", "high", "spread",
                                       NULL};
    json_t *r, *method = NULL;
    const char *name;
    career_status st;

    d->p.range_method = CAREERP_RANGE_QUANTILES;
    d->p.q_low = 0.10;
    d->p.q_high = 0.90;
    if ((st = careerp_json_member(c, root, "", "ranges", 0, CAREERP_JSON_OBJECT,
                                  &r)) ||
        !r)
        return st;
    if ((st = careerp_json_check_keys(c, r, "ranges", keys)) ||
        (st = careerp_json_member(c, r, "ranges", "method", 1,
                                  CAREERP_JSON_STRING, &method)))
        return st;
    name = json_string_value(method);
    if (strcmp(name, "spread") == 0) {
        d->p.range_method = CAREERP_RANGE_SPREAD;
        return careerp_json_number(c, r, "ranges", "spread", 1, 0.01, 10.0, &d->p.spread);
    }
    if (strcmp(name, "quantiles") != 0)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "ranges.method: must be \"quantiles\" or \"spread\" "
            "(got \"%.60s\")",
            name);
    if ((st = careerp_json_number(c, r, "ranges", "low", 0, 0.001, 0.999, &d->p.q_low)) ||
        (st = careerp_json_number(c, r, "ranges", "high", 0, 0.001, 0.999, &d->p.q_high)))
        return st;
    if (!(d->p.q_high > d->p.q_low))
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "ranges.high: must be greater than ranges.low (%g)", d->p.q_low);
    return CAREER_OK;
}

static career_status read_lift(const careerp_json_ctx *c, json_t *root,
                               draft *d)
{
    static const char *const keys[] = {"enabled", "counts", NULL};
    json_t *l;
    career_status st;

    d->p.lift = 1;
    d->p.lift_counts = 1;
    if ((st = careerp_json_member(c, root, "", "lift_to_minimum", 0,
                                  CAREERP_JSON_OBJECT, &l)) ||
        !l)
        return st;
    if ((st = careerp_json_check_keys(c, l, "lift_to_minimum", keys)) ||
        (st = boolean(c, l, "lift_to_minimum", "enabled", &d->p.lift)) ||
        (st = boolean(c, l, "lift_to_minimum", "counts", &d->p.lift_counts)))
        return st;
    return CAREER_OK;
}

/* The index of rating `name`, or SIZE_MAX. */
static size_t rating_of(const draft *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->p.nratings; i++)
        if (strcmp(d->names[i], name) == 0)
            return i;
    return SIZE_MAX;
}

static career_status read_limits(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    static const char *const keys[] = {"from", "rate", NULL};
    json_t *m, *from;
    career_status st;

    d->p.max_raise = INFINITY;
    d->p.lump_above_max = 1;
    d->p.min_raise_from = SIZE_MAX;
    if ((st = careerp_json_number(c, root, "", "max_raise", 0, 0.0, 1.0, &d->p.max_raise)) ||
        (st = boolean(c, root, "", "lump_sum_above_max",
                      &d->p.lump_above_max)) ||
        (st = careerp_json_member(c, root, "", "minimum_raise", 0,
                                  CAREERP_JSON_OBJECT, &m)) ||
        !m)
        return st;
    if ((st = careerp_json_check_keys(c, m, "minimum_raise", keys)) ||
        (st = careerp_json_member(c, m, "minimum_raise", "from", 1,
                                  CAREERP_JSON_STRING, &from)) ||
        (st = careerp_json_number(c, m, "minimum_raise", "rate", 1, 0.0, 1.0,
                     &d->p.min_raise)))
        return st;
    d->p.min_raise_from = rating_of(d, json_string_value(from));
    if (d->p.min_raise_from == SIZE_MAX)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "minimum_raise.from: \"%.60s\" is not one of the "
            "ratings",
            json_string_value(from));
    if (d->p.min_raise > d->p.max_raise)
        return careerp_json_bad(
            c, CAREER_ERR_PARSE,
            "minimum_raise.rate: must not exceed max_raise (%g)",
            d->p.max_raise);
    return CAREER_OK;
}

static career_status read_budget(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    static const char *const keys[] = {"rate", NULL};
    json_t *b;
    career_status st;

    if ((st = careerp_json_member(c, root, "", "budget", 1, CAREERP_JSON_OBJECT,
                                  &b)) ||
        (st = careerp_json_check_keys(c, b, "budget", keys)))
        return st;
    return careerp_json_number(c, b, "budget", "rate", 1, 0.0, 1.0, &d->p.budget_rate);
}

/* A pair [lo, hi] with lo <= hi; absent keeps the defaults. */
static career_status limit_pair(const careerp_json_ctx *c, json_t *s,
                                const char *key, double *lo, double *hi)
{
    char path[48];
    double v[2];
    json_t *a;
    career_status st;

    snprintf(path, sizeof path, "structure.%s", key);
    if ((st = careerp_json_member(c, s, "structure", key, 0, CAREERP_JSON_ARRAY,
                                  &a)) ||
        !a || (st = numbers(c, a, path, 2, -10.0, 10.0, v)))
        return st;
    if (v[1] < v[0])
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s[1]: must not be below %s[0] (%g)", path,
                                path, v[0]);
    *lo = v[0];
    *hi = v[1];
    return CAREER_OK;
}

/* The defaults are the conventional figures (WorldatWork-style): spreads
 * of 40-60 % for professional levels, midpoint steps of 10-20 %. */
static career_status read_structure(const careerp_json_ctx *c, json_t *root,
                                    draft *d)
{
    static const char *const keys[] = {"spread", "progression", "overlap_max",
                                       NULL};
    json_t *s;
    career_status st;

    d->p.spread_lo = 0.40;
    d->p.spread_hi = 0.60;
    d->p.prog_lo = 0.10;
    d->p.prog_hi = 0.20;
    d->p.overlap_max = 0.50;
    if ((st = careerp_json_member(c, root, "", "structure", 0,
                                  CAREERP_JSON_OBJECT, &s)) ||
        !s)
        return st;
    if ((st = careerp_json_check_keys(c, s, "structure", keys)) ||
        (st = limit_pair(c, s, "spread", &d->p.spread_lo, &d->p.spread_hi)) ||
        (st = limit_pair(c, s, "progression", &d->p.prog_lo, &d->p.prog_hi)) ||
        (st = careerp_json_number(c, s, "structure", "overlap_max", 0, -10.0, 10.0,
                     &d->p.overlap_max)))
        return st;
    return CAREER_OK;
}

static const char *const policy_keys[] = {
    "format",    "name",   "ratings",   "position",
    "matrix",    "ranges", "lift_to_minimum", "max_raise",
    "lump_sum_above_max", "minimum_raise", "budget", "structure", NULL};

static career_status read_policy(const careerp_json_ctx *c, json_t *root,
                                 draft *d)
{
    json_t *format;
    career_status st;

    if (!json_is_object(root))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "expected a policy object, got %s",
                                careerp_json_type_name(root));
    if ((st = careerp_json_member(c, root, "", "format", 1, CAREERP_JSON_STRING,
                                  &format)))
        return st;
    if (strcmp(json_string_value(format), FORMAT_TAG) != 0)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "format: must be \"%s\" (got \"%.60s\")",
                                FORMAT_TAG, json_string_value(format));
    if ((st = careerp_json_check_keys(c, root, "", policy_keys)) ||
        (st = careerp_json_member(c, root, "", "name", 0, CAREERP_JSON_STRING,
                                  &format)) ||
        (st = read_ratings(c, root, d)) || (st = read_position(c, root, d)) ||
        (st = read_matrix(c, root, d)) || (st = read_ranges(c, root, d)) ||
        (st = read_lift(c, root, d)) || (st = read_limits(c, root, d)) ||
        (st = read_budget(c, root, d)) || (st = read_structure(c, root, d)))
        return st;
    return CAREER_OK;
}

/* The draft and its names in one block. */
static career_status finish(const careerp_json_ctx *c, const draft *d,
                            career_merit_policy **out)
{
    size_t i, len[CAREERP_MAX_RATINGS], bytes = 0;
    career_merit_policy *p;
    char *at;

    for (i = 0; i < d->p.nratings; i++)
        bytes += (len[i] = strlen(d->names[i]) + 1);
    p = malloc(sizeof *p + bytes);
    if (!p)
        return careerp_fail_at(c->err, CAREER_ERR_NOMEM, c->source, 0, 0,
                               "%s: out of memory", c->source);
    *p = d->p;
    at = (char *)(p + 1);
    for (i = 0; i < d->p.nratings; i++) {
        memcpy(at, d->names[i], len[i]);
        p->names[i] = at;
        at += len[i];
    }
    *out = p;
    return CAREER_OK;
}

/* ---- loading ---------------------------------------------------------------- */

static career_status load_root(json_t *root, const char *source,
                               career_merit_policy **out, career_error *err)
{
    careerp_json_ctx c = {err, source, ""};
    draft d;
    career_status st;

    memset(&d, 0, sizeof d);
    st = read_policy(&c, root, &d);
    if (st == CAREER_OK)
        st = finish(&c, &d, out);
    json_decref(root);
    return st;
}

static career_status check_out(career_merit_policy **out, career_error *err)
{
    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    return CAREER_OK;
}

career_status career_merit_policy_load_string(const char *json,
                                              career_merit_policy **out,
                                              career_error *err)
{
    json_t *root;
    career_status st;

    if ((st = check_out(out, err)) ||
        (st = careerp_json_parse_string(json, &root, err)))
        return st;
    return load_root(root, "<string>", out, err);
}

career_status career_merit_policy_load_file(const char *path,
                                            career_merit_policy **out,
                                            career_error *err)
{
    json_t *root;
    career_status st;

    if ((st = check_out(out, err)) ||
        (st = careerp_json_parse_file(path, &root, err)))
        return st;
    return load_root(root, path, out, err);
}

void career_merit_policy_free(career_merit_policy *policy)
{
    free(policy);
}

/* ---- accessors ---------------------------------------------------------------- */

size_t career_merit_rating_count(const career_merit_policy *policy)
{
    return policy ? policy->nratings : 0;
}

const char *career_merit_rating_name(const career_merit_policy *policy,
                                     size_t index)
{
    return policy && index < policy->nratings ? policy->names[index] : NULL;
}

career_status career_merit_rating_index(const career_merit_policy *policy,
                                        const char *name, size_t *index)
{
    size_t i;

    if (!policy || !name || !index)
        return CAREER_ERR_ARG;
    for (i = 0; i < policy->nratings; i++)
        if (strcmp(policy->names[i], name) == 0) {
            *index = i;
            return CAREER_OK;
        }
    return CAREER_ERR_NOT_FOUND;
}

size_t career_merit_position_count(const career_merit_policy *policy)
{
    return policy ? policy->npositions : 0;
}
