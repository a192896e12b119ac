/* json_dump.c - profiles written as JSON (career-profile(5)): the text is
 * written here, field by field, with the fewest digits that give every
 * double back, and a file is replaced whole (replace.c).
 *
 * Why not jansson's json_dump: 2.14 ignores the result of writing an
 * object's key, so one failed allocation in the middle gave
 * '"salary: 85610' (a quote dropped) with a status of success, and the
 * save then replaced the user's file with it; and it prints reals in the
 * host's locale, swapping back only the first byte of the decimal point
 * ('0.\xAB1', invalid UTF-8, under ps_AF's two-byte point). Here every
 * write goes to one sink whose first failure sticks and is the call's
 * status, and numbers are printed in the C locale. The layout is jansson's
 * JSON_INDENT(2), as files written before have it. */
#include "io/io.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_TAG "career-profile/1"

/* ---- the text ------------------------------------------------------------ */

/* The text being written, in memory we allocate ourselves (the caller
 * frees it with free()). `st` is sticky: the first failed write is kept,
 * every write after it does nothing, and it is the call's status. */
typedef struct sink {
    char *buf;
    size_t len, cap;
    career_status st;
    int depth;  /* of the object or array being written */
    int empty;  /* it has no member yet */
} sink;

static void put(sink *s, const char *text, size_t n)
{
    char *grown;
    size_t cap;

    if (s->st != CAREER_OK)
        return;
    if (n > SIZE_MAX / 4 - s->len) {
        s->st = CAREER_ERR_NOMEM;
        return;
    }
    if (s->len + n + 2 > s->cap) { /* room for "\n\0" at the end */
        cap = s->cap ? s->cap : 1024;
        while (cap < s->len + n + 2)
            cap *= 2;
        if (!(grown = realloc(s->buf, cap))) {
            s->st = CAREER_ERR_NOMEM;
            return;
        }
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, text, n);
    s->len += n;
}

static void put_text(sink *s, const char *text)
{
    put(s, text, strlen(text));
}

/* A JSON string: '"', '\\' and the control characters escaped as jansson
 * escapes them (\n, \u001F, ...); the rest, UTF-8 checked by validation,
 * as it is. */
static void put_string(sink *s, const char *str)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *run = str;
    char esc[7];

    put(s, "\"", 1);
    for (; *str; str++) {
        unsigned char c = (unsigned char)*str;
        const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\"
                      : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                      : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                      : c == '\t' ? "\\t" : NULL;
        if (!e && c >= 0x20)
            continue;
        put(s, run, (size_t)(str - run));
        run = str + 1;
        if (!e) {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc[6] = '\0';
            e = esc;
        }
        put_text(s, e);
    }
    put(s, run, (size_t)(str - run));
    put(s, "\"", 1);
}

/* A real as jansson's jsonp_dtostr leaves %.Ng: with a '.' or an 'e'
 * (so that it reads back as a real), the exponent without '+' and
 * leading zeros ("1e-5", not "1e-05"). */
static void tidy_real(char *buf, size_t size)
{
    char *e = strchr(buf, 'e'), *digits;
    size_t len = strlen(buf), zeros;

    if (!e && !strchr(buf, '.') && len + 3 <= size) {
        memcpy(buf + len, ".0", 3);
        return;
    }
    if (!e)
        return;
    digits = e + 1 + (e[1] == '-' || e[1] == '+');
    zeros = strspn(digits, "0");
    if (!digits[zeros])
        zeros--; /* "e+00" keeps one digit */
    if (e[1] == '+') {
        memmove(e + 1, digits + zeros, strlen(digits + zeros) + 1);
    } else {
        memmove(digits, digits + zeros, strlen(digits + zeros) + 1);
    }
}

/* Whole numbers as integers ("100500", not "100500.0"); the others with
 * the fewest significant digits that read back as the same double, so
 * that loading gives every double back bit for bit. The writing runs in
 * the C locale (career_profile_to_json): '.' whatever the host's. */
static void put_number(sink *s, double x)
{
    char buf[48];
    int prec;

    if (x == floor(x) && fabs(x) < 9007199254740992.0 &&
        !(x == 0.0 && signbit(x))) {
        snprintf(buf, sizeof buf, "%lld", (long long)x);
    } else {
        for (prec = 1; prec < 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, x);
            if (strtod(buf, NULL) == x)
                break;
        }
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        tidy_real(buf, sizeof buf);
    }
    put_text(s, buf);
}

/* ---- the layout: jansson's JSON_INDENT(2) ---------------------------------- */

static void newline(sink *s, int depth)
{
    static const char spaces[] = "                                ";

    put(s, "\n", 1);
    put(s, spaces, (size_t)(2 * depth));
}

static void open_with(sink *s, const char *open)
{
    put_text(s, open);
    s->depth++;
    s->empty = 1;
}

/* Closes the object or array: "{}" when empty, else on its own line. The
 * one around it has a member now (this one). */
static void close_with(sink *s, const char *close)
{
    s->depth--;
    if (!s->empty)
        newline(s, s->depth);
    put_text(s, close);
    s->empty = 0;
}

/* Before each member or element: the comma after the one before, and a
 * new line. */
static void next_item(sink *s)
{
    if (!s->empty)
        put(s, ",", 1);
    newline(s, s->depth);
    s->empty = 0;
}

static void key(sink *s, const char *name)
{
    next_item(s);
    put_string(s, name);
    put(s, ": ", 2);
}

static void member_string(sink *s, const char *name, const char *value)
{
    if (value) { /* an absent string is left out */
        key(s, name);
        put_string(s, value);
    }
}

static void member_number(sink *s, const char *name, double value)
{
    key(s, name);
    put_number(s, value);
}

static void element_number(sink *s, double value)
{
    next_item(s);
    put_number(s, value);
}

/* ---- the profile ------------------------------------------------------------ */

static void write_tier(sink *s, const career_tier *t)
{
    next_item(s);
    open_with(s, "{");
    member_string(s, "name", t->name);
    member_number(s, "min_years", t->min_years);
    member_number(s, "anchor_years", t->anchor_years);
    if (!isnan(t->salary))
        member_number(s, "salary", t->salary);
    close_with(s, "}");
}

static void write_market(sink *s, const career_profile *p)
{
    size_t i;

    key(s, "market");
    open_with(s, "{");
    key(s, "quantiles");
    open_with(s, "[");
    for (i = 0; i < p->nquantiles; i++) {
        next_item(s);
        open_with(s, "[");
        element_number(s, p->quantiles[i].p);
        element_number(s, p->quantiles[i].salary);
        close_with(s, "]");
    }
    close_with(s, "]");
    if (p->market_mean > 0.0)
        member_number(s, "mean", p->market_mean);
    close_with(s, "}");
}

/* An object of one number. */
static void write_one(sink *s, const char *name, const char *field,
                      double value)
{
    key(s, name);
    open_with(s, "{");
    member_number(s, field, value);
    close_with(s, "}");
}

/* The keys in the order of career-profile(5); absent strings and
 * salaries, a curve without a peak, the power band (the default), a
 * separation rate and an experience correlation not given and empty notes
 * are left out. */
static void write_profile(sink *s, const career_profile *p)
{
    size_t i;

    open_with(s, "{");
    member_string(s, "format", FORMAT_TAG);
    member_string(s, "role", p->role);
    member_string(s, "region", p->region);
    member_string(s, "currency", p->currency);
    member_string(s, "period", p->period);
    member_string(s, "source", p->source);
    member_string(s, "occ_code", p->occ_code);
    member_string(s, "area_code", p->area_code);
    key(s, "tiers");
    open_with(s, "[");
    for (i = 0; i < p->ntiers; i++)
        write_tier(s, &p->tiers[i]);
    close_with(s, "]");
    write_market(s, p);
    if (p->peak_years > 0.0)
        write_one(s, "curve", "peak_years", p->peak_years);
    if (p->band_shape == CAREER_BAND_COPULA) {
        key(s, "band");
        open_with(s, "{");
        member_string(s, "shape", "copula");
        close_with(s, "}");
    }
    key(s, "demand");
    open_with(s, "{");
    member_number(s, "growth", p->demand_growth);
    member_number(s, "years", p->demand_years);
    member_string(s, "level", p->demand_level);
    close_with(s, "}");
    if (p->separation_rate > 0.0 || p->experience_correlation > 0.0) {
        key(s, "workforce");
        open_with(s, "{");
        if (p->separation_rate > 0.0)
            member_number(s, "separation_rate", p->separation_rate);
        if (p->experience_correlation > 0.0)
            member_number(s, "experience_correlation",
                          p->experience_correlation);
        close_with(s, "}");
    }
    if (p->nnotes) {
        key(s, "notes");
        open_with(s, "[");
        for (i = 0; i < p->nnotes; i++) {
            next_item(s);
            put_string(s, p->notes[i]);
        }
        close_with(s, "]");
    }
    close_with(s, "}");
    put(s, "\n", 1);
}

career_status career_profile_to_json(const career_profile *profile,
                                     char **json, career_error *err)
{
    sink s = {NULL, 0, 0, CAREER_OK, 0, 1};
    careerp_c_locale c;
    career_status st;

    careerp_error_reset(err);
    if (!json)
        return careerp_fail(err, CAREER_ERR_ARG, "json: NULL");
    *json = NULL;
    if ((st = career_profile_validate(profile, err)))
        return st;
    if (careerp_c_locale_enter(&c) != CAREER_OK)
        return careerp_fail(err, CAREER_ERR_NOMEM, "json: out of memory");
    write_profile(&s, profile);
    careerp_c_locale_leave(&c);
    if (s.st != CAREER_OK) {
        free(s.buf);
        return careerp_fail(err, s.st, "json: out of memory");
    }
    s.buf[s.len] = '\0'; /* put kept room for it */
    *json = s.buf;
    return CAREER_OK;
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
