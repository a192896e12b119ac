/* json_read.c - reading the members of a parsed JSON tree, shared by the
 * profile loader (json_load.c) and the merit policy loader (policy.c):
 * each error names the JSON path of what is wrong and what was expected.
 * jansson keeps no positions of values, so line and column are 0. */
#include "io/io.h"

#include <string.h>

career_status careerp_json_bad(const careerp_json_ctx *c,
                               career_status status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    status = careerp_vfail_at(c->err, status, c->source, 0, 0, c->prefix,
                              fmt, ap);
    va_end(ap);
    return status;
}

career_status careerp_json_check_keys(const careerp_json_ctx *c, json_t *obj,
                                      const char *path,
                                      const char *const *allowed)
{
    char list[200] = "";
    const char *key;
    json_t *value;
    size_t i, used = 0;

    json_object_foreach(obj, key, value) {
        for (i = 0; allowed[i] && strcmp(allowed[i], key) != 0; i++)
            ;
        if (allowed[i])
            continue;
        for (i = 0; allowed[i] && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                     i ? ", " : "", allowed[i]);
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s%sunknown key \"%.60s\" (allowed: %s)",
                                path, *path ? ": " : "", key, list);
    }
    return CAREER_OK;
}

static int is_kind(const json_t *v, careerp_json_kind kind)
{
    switch (kind) {
    case CAREERP_JSON_NUMBER:
        return json_is_number(v);
    case CAREERP_JSON_STRING:
        return json_is_string(v);
    case CAREERP_JSON_OBJECT:
        return json_is_object(v);
    case CAREERP_JSON_ARRAY:
        return json_is_array(v);
    case CAREERP_JSON_BOOLEAN:
        return json_is_boolean(v);
    }
    return 0;
}

career_status careerp_json_member(const careerp_json_ctx *c, json_t *obj,
                                  const char *path, const char *key,
                                  int required, careerp_json_kind kind,
                                  json_t **out)
{
    static const char *const what[] = {"a number", "a string", "an object",
                                       "an array", "a boolean"};
    json_t *v = json_object_get(obj, key);
    const char *dot = *path ? "." : "";

    *out = NULL;
    if (!v)
        return required ? careerp_json_bad(c, CAREER_ERR_PARSE,
                                           "%s%s%s: missing (%s is required)",
                                           path, dot, key, what[kind])
                        : CAREER_OK;
    if (!is_kind(v, kind))
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s%s%s: expected %s, got %s", path, dot, key,
                                what[kind], careerp_json_type_name(v));
    *out = v;
    return CAREER_OK;
}

career_status careerp_json_number(const careerp_json_ctx *c, json_t *obj,
                                  const char *path, const char *key,
                                  int required, double lo, double hi,
                                  double *out)
{
    json_t *v;
    double x;
    career_status st = careerp_json_member(c, obj, path, key, required,
                                           CAREERP_JSON_NUMBER, &v);

    if (st || !v)
        return st;
    x = json_number_value(v);
    if (x < lo || x > hi)
        return careerp_json_bad(c, CAREER_ERR_PARSE,
                                "%s%s%s: must be in [%g, %g] (got %g)", path,
                                *path ? "." : "", key, lo, hi, x);
    *out = x;
    return CAREER_OK;
}
