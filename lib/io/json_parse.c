/* json_parse.c - JSON text into a jansson tree, sound when memory runs out.
 *
 * Why not json_loadb: jansson 2.14's lexer keeps each token's bytes in a
 * buffer it grows with strbuffer_append_byte, and ignores that call's
 * failure. Out of memory, a byte of the token is dropped and parsing goes
 * on: a profile loads with "Occuations" for "Occupations", a key goes
 * missing, a number changes; a dropped closing quote sends its string
 * decoder past the end of the buffer (memory it then writes), and a byte
 * dropped just before the lexer gives one back trips an assert() that
 * aborts the host (Debian builds jansson with assertions on). Nothing
 * after the parse can tell; json_set_alloc_funcs, which could, is one
 * setting of the whole process and belongs to the host. json-c reports
 * out of memory only from 0.17 (json_tokener_error_memory); Debian 12
 * ships 0.16.
 *
 * So the text is parsed here, into a tree built with jansson's value API
 * (json_object, json_stringn_nocheck, json_object_setn_new_nocheck, ...),
 * whose every allocation reports its failure. The grammar, the checks and
 * the error texts, lines and columns are jansson's (load.c of 2.14), so
 * that errors read as before: the lexer below follows jansson's step for
 * step (its column counts characters, its unget steps back one byte), and
 * a token's "saved text" is the span of input it consumed. The tests and
 * the fuzzer compare the two parsers on the same texts. Where this parser
 * differs on purpose (json_oracle.h maps it): a UTF-8 byte-order mark
 * before the text is skipped, two messages say in plain words what
 * jansson's say in its own terms (JSON_ALLOW_NUL, "parsing depth"), and
 * a text whose tree would take too much memory is refused. */
#include "io/io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH */
#define DEPTH_TEXT "2048"
#define CONTEXT_MAX 20 /* a token longer than this is not quoted in errors */
#define CAP_TEXT "16 MiB"

/* The tree's memory is bounded too: a text under the cap could cost 80
 * times its size ("[{},{},...]": 224 bytes of jansson object for 3 of
 * text, 1.3 GB for 16 MiB). Each value is charged what jansson 2.14 takes
 * for it on glibc (measured with mallinfo2, rounded up: an object 224
 * bytes, an array 144, a number 48, a string 96 and its bytes, a member
 * 112 and its key's bytes, a place in an array 16), against a budget of
 * TREE_TIMES the cap. A profile file costs 4 to 8 times its size. */
#define TREE_TIMES 16
#define TREE_TEXT "256 MiB"
#define COST_OBJECT 224u
#define COST_ARRAY 144u
#define COST_NUMBER 48u
#define COST_STRING 96u
#define COST_MEMBER 112u
#define COST_SLOT 16u
_Static_assert(TREE_TIMES * CAREERP_JSON_MAX == (size_t)256 << 20,
               "TREE_TEXT says the budget");

enum {
    END = -1,   /* no more input (jansson's STREAM_STATE_EOF) */
    BROKEN = -2 /* bytes that are not UTF-8 (STREAM_STATE_ERROR) */
};

enum token {
    T_INVALID = -1,
    T_EOF = 0,
    T_STRING = 256,
    T_INTEGER,
    T_REAL,
    T_TRUE,
    T_FALSE,
    T_NULL
};

typedef struct lexer {
    const unsigned char *s;
    size_t n, pos;
    size_t utf8_end; /* bytes before it belong to a checked sequence */
    int broken;      /* a byte was not UTF-8: no more input */
    int line, column, last_column;
    int token;
    size_t start;    /* the token's saved text is s[start, pos) */
    json_int_t integer;
    double real;
    char *text;      /* a string token, decoded (in `scratch`) */
    size_t len;
    char *scratch;   /* n + 1 bytes: decoded strings, one after another */
    size_t used;
    size_t depth;
    size_t budget;   /* bytes of tree still allowed */
    career_error *err;
    const char *source;
    career_status st; /* the first failure */
} lexer;

/* ---- errors ------------------------------------------------------------- */

/* A syntax error, with the token's text as context as jansson gives it. */
static void syntax(lexer *lx, const char *fmt, ...) CAREERP_PRINTF(2, 3);

static void syntax(lexer *lx, const char *fmt, ...)
{
    char msg[160];
    size_t saved = lx->pos - lx->start;
    int column;
    va_list ap;

    if (lx->st != CAREER_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx->st = CAREER_ERR_PARSE;
    column = lx->column > 0 ? lx->column : 1;
    if (saved && lx->s[lx->start]) {
        if (saved <= CONTEXT_MAX)
            careerp_fail_at(lx->err, CAREER_ERR_PARSE, lx->source, lx->line,
                            column, "%s near '%.*s'", msg, (int)saved,
                            (const char *)lx->s + lx->start);
        else
            careerp_fail_at(lx->err, CAREER_ERR_PARSE, lx->source, lx->line,
                            column, "%s", msg);
    } else {
        careerp_fail_at(lx->err, CAREER_ERR_PARSE, lx->source, lx->line,
                        column, "%s%s", msg,
                        lx->broken ? "" : " near end of file");
    }
}

static void no_memory(lexer *lx)
{
    if (lx->st != CAREER_OK)
        return;
    lx->st = careerp_fail_at(lx->err, CAREER_ERR_NOMEM, lx->source, 0, 0,
                             "%s: out of memory", lx->source);
}

/* ---- reading bytes ------------------------------------------------------ */

/* The length of the UTF-8 sequence that starts with c (0: none does). */
static size_t utf8_first(int c)
{
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0; /* a continuation byte, or an overlong 2-byte form */
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    return c <= 0xF4 ? 4 : 0;
}

/* Whether the n bytes at s are one well-formed UTF-8 character. */
static int utf8_whole(const unsigned char *s, size_t n)
{
    unsigned long v;
    size_t i;

    v = s[0] & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF)
        return 0; /* overlong, or beyond Unicode */
    return !(v >= 0xD800 && v <= 0xDFFF); /* surrogates */
}

/* The next byte, END or BROKEN; a character's first byte is checked with
 * its whole sequence, as jansson's stream_get does. */
static int get(lexer *lx)
{
    int c;
    size_t count;

    if (lx->broken)
        return BROKEN;
    if (lx->pos >= lx->n)
        return END;
    c = lx->s[lx->pos];
    if (c >= 0x80 && lx->pos >= lx->utf8_end) {
        count = utf8_first(c);
        if (!count || count > lx->n - lx->pos ||
            !utf8_whole(lx->s + lx->pos, count)) {
            lx->broken = 1;
            syntax(lx, "unable to decode byte 0x%x", c);
            return BROKEN;
        }
        lx->utf8_end = lx->pos + count;
    }
    lx->pos++;
    if (c == '\n') {
        lx->line++;
        lx->last_column = lx->column;
        lx->column = 0;
    } else if (utf8_first(c)) {
        lx->column++;
    }
    return c;
}

/* Gives back the byte c that get() returned. */
static void unget(lexer *lx, int c)
{
    if (c < 0)
        return;
    lx->pos--;
    if (c == '\n') {
        lx->line--;
        lx->column = lx->last_column;
    } else if (utf8_first(c)) {
        lx->column--;
    }
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int hex_value(int c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---- strings ------------------------------------------------------------ */

/* The four hex digits at s, as a number. */
static long hex4(const unsigned char *s)
{
    long v = 0;
    int i;

    for (i = 0; i < 4; i++)
        v = v * 16 + hex_value(s[i]);
    return v;
}

/* A \u escape at *p (pointing at the 'u'): its code point, a surrogate
 * pair joined, or -1 after a syntax error. */
static long unicode_escape(lexer *lx, const unsigned char **p)
{
    long v = hex4(*p + 1), w;

    *p += 5;
    if (v >= 0xD800 && v <= 0xDBFF) {
        if ((*p)[0] != '\\' || (*p)[1] != 'u') {
            syntax(lx, "invalid Unicode '\\u%04lX'", v);
            return -1;
        }
        w = hex4(*p + 2);
        *p += 6;
        if (w < 0xDC00 || w > 0xDFFF) {
            syntax(lx, "invalid Unicode '\\u%04lX\\u%04lX'", v, w);
            return -1;
        }
        return ((v - 0xD800) << 10) + (w - 0xDC00) + 0x10000;
    }
    if (v >= 0xDC00 && v <= 0xDFFF) {
        syntax(lx, "invalid Unicode '\\u%04lX'", v);
        return -1;
    }
    return v;
}

static char escaped(int c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    }
    return (char)c; /* '"', '\\', '/' */
}

/* Decodes the string token s[start, pos) (checked by scan_string) into
 * the scratch space: lx->text, lx->len. */
static void decode_string(lexer *lx)
{
    const unsigned char *p = lx->s + lx->start + 1;
    const unsigned char *end = lx->s + lx->pos - 1; /* the closing quote */
    char *t = lx->scratch + lx->used;
    long v;

    lx->text = t;
    while (p < end) {
        if (*p != '\\') {
            *t++ = (char)*p++;
        } else if (p[1] == 'u') {
            p++;
            if ((v = unicode_escape(lx, &p)) < 0)
                return;
            t += careerp_utf8_put((unsigned long)v, t);
        } else {
            *t++ = escaped(p[1]);
            p += 2;
        }
    }
    *t = '\0';
    lx->len = (size_t)(t - lx->text);
    lx->used += lx->len + 1;
    lx->token = T_STRING;
}

/* After the opening quote: up to the closing one, as jansson checks. */
static void scan_string(lexer *lx)
{
    int c = get(lx), i;

    while (c != '"') {
        if (c == BROKEN)
            return;
        if (c == END) {
            syntax(lx, "premature end of input");
            return;
        }
        if (c <= 0x1F) {
            unget(lx, c);
            if (c == '\n')
                syntax(lx, "unexpected newline");
            else
                syntax(lx, "control character 0x%x", c);
            return;
        }
        if (c == '\\') {
            c = get(lx);
            if (c == 'u') {
                c = get(lx);
                for (i = 0; i < 4; i++, c = get(lx))
                    if (hex_value(c) < 0) {
                        syntax(lx, "invalid escape");
                        return;
                    }
                continue;
            }
            if (c <= 0 || !strchr("\"\\/bfnrt", c)) {
                syntax(lx, "invalid escape");
                return;
            }
        }
        c = get(lx);
    }
    decode_string(lx);
}

/* ---- numbers ------------------------------------------------------------ */

/* The saved text as a C string in the scratch space (not kept). */
static char *saved_copy(lexer *lx)
{
    size_t n = lx->pos - lx->start;
    char *t = lx->scratch + lx->used;

    memcpy(t, lx->s + lx->start, n);
    t[n] = '\0';
    return t;
}

static void scan_integer(lexer *lx)
{
    char *text = saved_copy(lx), *end;

    errno = 0;
    lx->integer = strtoll(text, &end, 10);
    if (errno == ERANGE) {
        syntax(lx, lx->integer < 0 ? "too big negative integer"
                                   : "too big integer");
        return;
    }
    lx->token = T_INTEGER;
}

/* The parse runs in the C locale (careerp_json_parse): strtod reads
 * JSON's '.', whatever the host's decimal point (jansson swaps in the
 * locale's first byte, which breaks a two-byte point such as ps_AF's). */
static void scan_real(lexer *lx)
{
    char *text = saved_copy(lx);

    errno = 0;
    lx->real = strtod(text, NULL);
    if ((lx->real == HUGE_VAL || lx->real == -HUGE_VAL) && errno == ERANGE) {
        syntax(lx, "real number overflow");
        return;
    }
    lx->token = T_REAL;
}

/* Reads digits while they come; the first byte that is not one. */
static int digits(lexer *lx)
{
    int c;

    do
        c = get(lx);
    while (is_digit(c));
    return c;
}

/* The fraction and the exponent (c is the byte after the integer part);
 * 0, or -1 for an invalid token. */
static int scan_fraction(lexer *lx, int c)
{
    if (c == '.') {
        c = get(lx);
        if (!is_digit(c)) {
            unget(lx, c);
            return -1;
        }
        c = digits(lx);
    }
    if (c == 'E' || c == 'e') {
        c = get(lx);
        if (c == '+' || c == '-')
            c = get(lx);
        if (!is_digit(c)) {
            unget(lx, c);
            return -1;
        }
        c = digits(lx);
    }
    unget(lx, c);
    return 0;
}

static void scan_number(lexer *lx, int c)
{
    if (c == '-')
        c = get(lx);
    if (c == '0') {
        c = get(lx);
        if (is_digit(c)) {
            unget(lx, c);
            return;
        }
    } else if (is_digit(c)) {
        c = digits(lx);
    } else {
        unget(lx, c);
        return;
    }
    if (c != '.' && c != 'E' && c != 'e') {
        unget(lx, c);
        scan_integer(lx);
    } else if (scan_fraction(lx, c) == 0) {
        scan_real(lx);
    }
}

/* ---- tokens ------------------------------------------------------------- */

/* A word of letters: true, false, null or an invalid token. */
static void scan_word(lexer *lx)
{
    static const char *const words[] = {"true", "false", "null"};
    size_t i, n;
    int c;

    while (is_alpha(c = get(lx)))
        ;
    unget(lx, c);
    n = lx->pos - lx->start;
    for (i = 0; i < 3; i++)
        if (strlen(words[i]) == n &&
            memcmp(lx->s + lx->start, words[i], n) == 0)
            lx->token = T_TRUE + (int)i;
}

static int scan(lexer *lx)
{
    int c;

    do {
        lx->start = lx->pos; /* what the token reads is saved from here */
        c = get(lx);
    } while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    lx->token = T_INVALID;
    if (c == END)
        lx->token = T_EOF;
    else if (c == BROKEN)
        ;
    else if (c && strchr("{}[]:,", c))
        lx->token = c;
    else if (c == '"')
        scan_string(lx);
    else if (is_digit(c) || c == '-')
        scan_number(lx, c);
    else if (is_alpha(c))
        scan_word(lx);
    else if (lx->pos < lx->utf8_end) /* the rest of the character */
        lx->pos = lx->utf8_end;
    return lx->token;
}

/* ---- the tree ----------------------------------------------------------- */

static json_t *parse_value(lexer *lx);

/* Charges n bytes of tree; -1, the text refused, past the budget. */
static int charge(lexer *lx, size_t n)
{
    if (n <= lx->budget) {
        lx->budget -= n;
        return 0;
    }
    if (lx->st == CAREER_OK)
        lx->st = careerp_fail_at(lx->err, CAREER_ERR_PARSE, lx->source,
                                 lx->line, lx->column > 0 ? lx->column : 1,
                                 "too many values: their tree would take "
                                 "more than " TREE_TEXT " of memory (%d "
                                 "times the " CAP_TEXT " limit of JSON "
                                 "input)", TREE_TIMES);
    return -1;
}

/* A value from one of jansson's constructors: NULL only out of memory. */
static json_t *made(lexer *lx, json_t *v)
{
    if (!v)
        no_memory(lx);
    return v;
}

/* One "key": value member (the key is the current token). */
static int parse_member(lexer *lx, json_t *object)
{
    const char *key = lx->text;
    size_t len = lx->len;
    json_t *value;

    if (lx->token != T_STRING) {
        syntax(lx, "string or '}' expected");
        return -1;
    }
    if (memchr(key, '\0', len)) {
        syntax(lx, "NUL byte in object key not supported");
        return -1;
    }
    if (json_object_getn(object, key, len)) {
        syntax(lx, "duplicate object key");
        return -1;
    }
    if (charge(lx, COST_MEMBER + len) != 0)
        return -1;
    if (scan(lx) != ':') {
        syntax(lx, "':' expected");
        return -1;
    }
    scan(lx);
    if (!(value = parse_value(lx)))
        return -1;
    if (json_object_setn_new_nocheck(object, key, len, value) != 0) {
        no_memory(lx); /* value is released */
        return -1;
    }
    return 0;
}

static json_t *parse_object(lexer *lx)
{
    json_t *object;

    if (charge(lx, COST_OBJECT) != 0)
        return NULL;
    object = made(lx, json_object());

    if (!object || scan(lx) == '}')
        return object;
    for (;;) {
        if (parse_member(lx, object) != 0)
            goto fail;
        if (scan(lx) != ',')
            break;
        scan(lx);
    }
    if (lx->token == '}')
        return object;
    syntax(lx, "'}' expected");
fail:
    json_decref(object);
    return NULL;
}

static json_t *parse_array(lexer *lx)
{
    json_t *array, *elem;

    if (charge(lx, COST_ARRAY) != 0)
        return NULL;
    array = made(lx, json_array());
    if (!array || scan(lx) == ']')
        return array;
    while (lx->token != T_EOF) {
        if (charge(lx, COST_SLOT) != 0 || !(elem = parse_value(lx)))
            goto fail;
        if (json_array_append_new(array, elem) != 0) {
            no_memory(lx); /* elem is released */
            goto fail;
        }
        if (scan(lx) != ',')
            break;
        scan(lx);
    }
    if (lx->token == ']')
        return array;
    syntax(lx, "']' expected");
fail:
    json_decref(array);
    return NULL;
}

static json_t *parse_string(lexer *lx)
{
    if (memchr(lx->text, '\0', lx->len)) {
        syntax(lx, "\\u0000 (a NUL character) is not allowed in a string");
        return NULL;
    }
    if (charge(lx, COST_STRING + lx->len) != 0)
        return NULL;
    return made(lx, json_stringn_nocheck(lx->text, lx->len));
}

/* The value that starts at the current token. */
static json_t *value_of(lexer *lx)
{
    switch (lx->token) {
    case T_STRING:
        return parse_string(lx);
    case T_INTEGER:
        return charge(lx, COST_NUMBER) ? NULL
                                       : made(lx, json_integer(lx->integer));
    case T_REAL:
        return charge(lx, COST_NUMBER) ? NULL : made(lx, json_real(lx->real));
    case T_TRUE:
        return json_true();
    case T_FALSE:
        return json_false();
    case T_NULL:
        return json_null();
    case '{':
        return parse_object(lx);
    case '[':
        return parse_array(lx);
    case T_INVALID:
        syntax(lx, "invalid token");
        return NULL;
    }
    syntax(lx, "unexpected token");
    return NULL;
}

/* Nested at most MAX_DEPTH deep, counting scalars as jansson does. */
static json_t *parse_value(lexer *lx)
{
    json_t *v;

    if (++lx->depth > MAX_DEPTH) {
        syntax(lx, "nested more than " DEPTH_TEXT " levels deep");
        return NULL;
    }
    if ((v = value_of(lx)))
        lx->depth--;
    return v;
}

static json_t *parse_text(lexer *lx)
{
    json_t *root;

    scan(lx);
    if (lx->token != '[' && lx->token != '{') {
        syntax(lx, "'[' or '{' expected");
        return NULL;
    }
    if (!(root = parse_value(lx)))
        return NULL;
    if (scan(lx) != T_EOF) {
        syntax(lx, "end of file expected");
        json_decref(root);
        return NULL;
    }
    return root;
}

/* ---- the input ---------------------------------------------------------- */

static career_status too_large(const char *source, career_error *err)
{
    return careerp_fail_at(err, CAREER_ERR_PARSE, source, 0, 0,
                           "%s: larger than the " CAP_TEXT " limit of JSON "
                           "input", source);
}

career_status careerp_json_parse(const char *text, size_t len,
                                 const char *source, json_t **root,
                                 career_error *err)
{
    careerp_c_locale c;
    lexer lx;

    *root = NULL;
    if (len > CAREERP_JSON_MAX)
        return too_large(source, err);
    /* a UTF-8 byte-order mark is the encoding's signature, not text: an
     * editor's, as guides and tables accept it (lines and columns count
     * from after it) */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (careerp_c_locale_enter(&c) != CAREER_OK)
        return careerp_fail_at(err, CAREER_ERR_NOMEM, source, 0, 0,
                               "%s: out of memory", source);
    memset(&lx, 0, sizeof lx);
    lx.s = (const unsigned char *)text;
    lx.n = len;
    lx.line = 1;
    lx.budget = TREE_TIMES * CAREERP_JSON_MAX;
    lx.err = err;
    lx.source = source;
    /* strings decode to at most their source bytes; numbers are copied
     * there as text (json_parse.c's saved_copy) */
    if (!(lx.scratch = malloc(len + 1))) {
        careerp_c_locale_leave(&c);
        return careerp_fail_at(err, CAREER_ERR_NOMEM, source, 0, 0,
                               "%s: out of memory", source);
    }
    *root = parse_text(&lx);
    free(lx.scratch);
    careerp_c_locale_leave(&c);
    if (*root)
        return CAREER_OK;
    return lx.st != CAREER_OK ? lx.st : CAREER_ERR_PARSE;
}

/* The rest of f, in a buffer of ours (*len bytes, not NUL-terminated). */
static career_status read_all(FILE *f, const char *source, char **buf,
                              size_t *len, career_error *err)
{
    size_t n = 0, cap = 0, want;
    char *b = NULL, *grown;

    for (;;) {
        if (n == cap) {
            if (cap > CAREERP_JSON_MAX)
                break; /* over the limit: said below */
            cap = cap ? 2 * cap : 8192;
            if (cap > CAREERP_JSON_MAX + 1)
                cap = CAREERP_JSON_MAX + 1;
            if (!(grown = realloc(b, cap))) {
                free(b);
                return careerp_fail_errno(err, source, "read error", ENOMEM);
            }
            b = grown;
        }
        want = cap - n;
        errno = 0;
        n += fread(b + n, 1, want, f);
        if (n < cap)
            break;
    }
    if (n > CAREERP_JSON_MAX || ferror(f)) {
        int e = errno ? errno : EIO;
        free(b);
        return n > CAREERP_JSON_MAX ? too_large(source, err)
                                    : careerp_fail_errno(err, source,
                                                         "read error", e);
    }
    *buf = b;
    *len = n;
    return CAREER_OK;
}

career_status careerp_json_parse_stream(FILE *f, const char *source,
                                        json_t **root, career_error *err)
{
    char *text = NULL;
    size_t len = 0;
    career_status st;

    *root = NULL;
    if ((st = read_all(f, source, &text, &len, err)))
        return st;
    st = careerp_json_parse(text, len, source, root, err);
    free(text);
    return st;
}

/* Opens a file for reading; a directory is an I/O error, not an empty
 * text (fopen accepts directories on Linux), and a regular file over the
 * limit is refused before it is read. */
static career_status open_file(const char *path, FILE **fp, career_error *err)
{
    struct stat sb;
    FILE *f = fopen(path, "rb");

    if (!f)
        return careerp_fail_errno(err, path, "cannot open", errno);
    if (fstat(fileno(f), &sb) == 0 && (S_ISDIR(sb.st_mode) ||
        (S_ISREG(sb.st_mode) && sb.st_size > (off_t)CAREERP_JSON_MAX))) {
        fclose(f);
        return S_ISDIR(sb.st_mode)
                   ? careerp_fail_errno(err, path, "cannot read", EISDIR)
                   : too_large(path, err);
    }
    *fp = f;
    return CAREER_OK;
}

career_status careerp_json_parse_string(const char *json, json_t **root,
                                        career_error *err)
{
    *root = NULL;
    if (!json)
        return careerp_fail(err, CAREER_ERR_ARG, "json: NULL");
    return careerp_json_parse(json, strlen(json), "<string>", root, err);
}

career_status careerp_json_parse_file(const char *path, json_t **root,
                                      career_error *err)
{
    FILE *f = NULL;
    career_status st;

    *root = NULL;
    if (!path)
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    if ((st = open_file(path, &f, err)))
        return st;
    st = careerp_json_parse_stream(f, path, root, err);
    fclose(f);
    return st;
}

const char *careerp_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}
