/* json_dump.c - profiles written as JSON (career-profile(5)), with
 * jansson: the tree is built field by field, dumped with the fewest digits
 * that give every double back, and a file is replaced whole (replace.c). */
#include "io/io.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_TAG "career-profile/1"

/* ---- writing ------------------------------------------------------------------- */

/* Builds the tree; the first failure is kept in `st` so that the building
 * code reads as a list of fields. */
typedef struct writer {
    career_error *err;
    career_status st;
    int precision; /* significant digits that make every real round-trip */
} writer;

static void put(writer *w, json_t *obj, const char *key, json_t *value)
{
    if (w->st != CAREER_OK) {
        json_decref(value);
        return;
    }
    if (!value || json_object_set_new(obj, key, value) != 0)
        w->st = careerp_fail(w->err, CAREER_ERR_NOMEM, "%s: out of memory",
                             key);
}

static void append(writer *w, json_t *array, json_t *value)
{
    if (w->st != CAREER_OK) {
        json_decref(value);
        return;
    }
    if (!value || json_array_append_new(array, value) != 0)
        w->st = careerp_fail(w->err, CAREER_ERR_NOMEM, "out of memory");
}

/* A string, or NULL with the reason recorded. The profile was validated,
 * so its strings are UTF-8 and the only failure left is memory. */
static json_t *string(writer *w, const char *field, const char *s)
{
    json_t *v = json_string_nocheck(s);

    if (!v && w->st == CAREER_OK)
        w->st = careerp_fail(w->err, CAREER_ERR_NOMEM, "%s: out of memory",
                             field);
    return v;
}

static void put_string(writer *w, json_t *obj, const char *key,
                       const char *s)
{
    if (s)
        put(w, obj, key, string(w, key, s));
}

/* The fewest significant digits %.Ng needs to read back as x exactly. */
static int digits_needed(double x)
{
    char buf[40];
    int prec;

    for (prec = 1; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return prec;
    }
    return 17;
}

/* Whole numbers are written as integers ("100500", not "100500.0"); the
 * others as reals with as many digits as the most demanding one needs, so
 * that loading gives every double back bit for bit. */
static json_t *number(writer *w, double x)
{
    int digits;

    if (x == floor(x) && fabs(x) < 9007199254740992.0 &&
        !(x == 0.0 && signbit(x)))
        return json_integer((json_int_t)x);
    digits = digits_needed(x);
    if (digits > w->precision)
        w->precision = digits;
    return json_real(x);
}

static json_t *build_tier(writer *w, const career_tier *t, size_t i)
{
    char field[48];
    json_t *obj = json_object();

    snprintf(field, sizeof field, "tiers[%zu].name", i);
    if (!obj)
        return NULL;
    put(w, obj, "name", string(w, field, t->name));
    put(w, obj, "min_years", number(w, t->min_years));
    put(w, obj, "anchor_years", number(w, t->anchor_years));
    if (!isnan(t->salary))
        put(w, obj, "salary", number(w, t->salary));
    return obj;
}

static json_t *build_market(writer *w, const career_profile *p)
{
    json_t *market = json_object(), *quantiles = json_array(), *pair;
    size_t i;

    for (i = 0; quantiles && i < p->nquantiles; i++) {
        pair = json_array();
        append(w, pair, number(w, p->quantiles[i].p));
        append(w, pair, number(w, p->quantiles[i].salary));
        append(w, quantiles, pair);
    }
    if (market) {
        put(w, market, "quantiles", quantiles);
        if (p->market_mean > 0.0)
            put(w, market, "mean", number(w, p->market_mean));
    } else {
        json_decref(quantiles);
    }
    return market;
}

static json_t *build_demand(writer *w, const career_profile *p)
{
    json_t *demand = json_object();

    if (!demand)
        return NULL;
    put(w, demand, "growth", number(w, p->demand_growth));
    put(w, demand, "years", number(w, p->demand_years));
    put_string(w, demand, "level", p->demand_level);
    return demand;
}

static json_t *build_curve(writer *w, const career_profile *p)
{
    json_t *curve = json_object();

    if (curve)
        put(w, curve, "peak_years", number(w, p->peak_years));
    return curve;
}

static json_t *build_workforce(writer *w, const career_profile *p)
{
    json_t *workforce = json_object();

    if (workforce)
        put(w, workforce, "separation_rate", number(w, p->separation_rate));
    return workforce;
}

static json_t *build_notes(writer *w, const career_profile *p)
{
    json_t *notes = json_array();
    char field[32];
    size_t i;

    for (i = 0; notes && i < p->nnotes; i++) {
        snprintf(field, sizeof field, "notes[%zu]", i);
        append(w, notes, string(w, field, p->notes[i]));
    }
    return notes;
}

/* The keys in the order of career-profile(5); absent strings and
 * salaries, a separation rate not given and empty notes are left out. */
static json_t *build_profile(writer *w, const career_profile *p)
{
    json_t *root = json_object(), *tiers = json_array();
    size_t i;

    if (!root) {
        json_decref(tiers);
        return NULL;
    }
    put(w, root, "format", json_string(FORMAT_TAG));
    put_string(w, root, "role", p->role);
    put_string(w, root, "region", p->region);
    put_string(w, root, "currency", p->currency);
    put_string(w, root, "period", p->period);
    put_string(w, root, "source", p->source);
    put_string(w, root, "occ_code", p->occ_code);
    put_string(w, root, "area_code", p->area_code);
    for (i = 0; tiers && i < p->ntiers; i++)
        append(w, tiers, build_tier(w, &p->tiers[i], i));
    put(w, root, "tiers", tiers);
    put(w, root, "market", build_market(w, p));
    if (p->peak_years > 0.0)
        put(w, root, "curve", build_curve(w, p));
    put(w, root, "demand", build_demand(w, p));
    if (p->separation_rate > 0.0)
        put(w, root, "workforce", build_workforce(w, p));
    if (p->nnotes)
        put(w, root, "notes", build_notes(w, p));
    return root;
}

/* Collects json_dump_callback's output in memory we allocate ourselves,
 * so the caller frees it with free() whatever allocator jansson uses. */
typedef struct sink {
    char *buf;
    size_t len, cap;
} sink;

static int sink_write(const char *buffer, size_t size, void *data)
{
    sink *s = data;
    char *grown;
    size_t cap;

    if (size > SIZE_MAX / 2 - s->len - 2)
        return -1;
    if (s->len + size + 2 > s->cap) { /* room for "\n\0" at the end */
        cap = s->cap ? s->cap : 1024;
        while (cap < s->len + size + 2)
            cap *= 2;
        if (!(grown = realloc(s->buf, cap)))
            return -1;
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, buffer, size);
    s->len += size;
    return 0;
}

static career_status dump(json_t *root, int precision, sink *s,
                          career_error *err)
{
    size_t flags = (size_t)(JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                            JSON_REAL_PRECISION(precision));

    if (json_dump_callback(root, sink_write, s, flags) != 0) {
        free(s->buf);
        s->buf = NULL;
        return careerp_fail(err, CAREER_ERR_NOMEM, "json: out of memory");
    }
    s->buf[s->len++] = '\n';
    s->buf[s->len] = '\0';
    return CAREER_OK;
}

career_status career_profile_to_json(const career_profile *profile,
                                     char **json, career_error *err)
{
    writer w = {err, CAREER_OK, 1};
    sink s = {NULL, 0, 0};
    json_t *root;
    career_status st;

    careerp_error_reset(err);
    if (!json)
        return careerp_fail(err, CAREER_ERR_ARG, "json: NULL");
    *json = NULL;
    if ((st = career_profile_validate(profile, err)))
        return st;
    root = build_profile(&w, profile); /* NULL only before any field */
    if (!root)
        w.st = careerp_fail(err, CAREER_ERR_NOMEM, "json: out of memory");
    if (w.st == CAREER_OK)
        w.st = dump(root, w.precision, &s, err);
    json_decref(root);
    if (w.st == CAREER_OK)
        *json = s.buf;
    return w.st;
}

/* The text replaces the file whole (replace.c): a failed write leaves the
 * old file as it was. */
static career_status save_text(const char *path, const char *text,
                               career_error *err)
{
    career_replace *r;
    size_t len = strlen(text);
    career_status st;

    if ((st = career_replace_begin(path, &r, err)))
        return st;
    errno = 0;
    if (fwrite(text, 1, len, career_replace_stream(r)) != len) {
        int e = errno ? errno : EIO;
        career_replace_abort(r);
        return careerp_fail_errno(err, path, "cannot write", e);
    }
    return career_replace_commit(r, err);
}

career_status career_profile_save_file(const career_profile *profile,
                                       const char *path, career_error *err)
{
    char *text;
    career_status st;

    careerp_error_reset(err);
    if (!path)
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    if ((st = career_profile_to_json(profile, &text, err)))
        return st;
    st = save_text(path, text, err);
    free(text);
    return st;
}
