/* sheet.c - the rows of one worksheet of an .xlsx workbook, read from its
 * XML by a scanner of our own. A sheet is hundreds of MB of a handful of
 * elements (<row r=>, <c r= t= s=>, <v>, <is><t>), and a general XML
 * reader spent two thirds of the time making a node of each, with its
 * names looked up in a dictionary. The scanner reads the part in chunks
 * that xlsx.c inflates (within its zip-bomb caps), and still checks what
 * a parser would: tags matched and nested within 256 levels, attributes
 * quoted, no control character, references valid. It decodes the five
 * entities of XML and character references (&#NN; &#xNN;) and refuses a
 * document type declaration, so that no entity is ever defined, let
 * alone expanded. Memory stays flat whatever the sheet: a chunk, the
 * names of the open elements, a row. */
#include "bls/bls.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes inflated at a time. */
#define CHUNK ((size_t)256 << 10)
/* The longest tag (real ones are under 2 KB: the root's namespaces). */
#define TAG_MAX ((size_t)1 << 20)
/* libxml2's own default depth. */
#define DEPTH_MAX 256
/* The longest element name, and a character reference's length. */
#define NAME_MAX_BYTES 1024
#define REF_MAX 32

/* The bytes' classes: name characters (any byte of UTF-8 past ASCII is
 * taken as one), first characters of names, white space, the bytes that
 * stop a run of text (markup, references, a CR to normalise, control
 * characters, the NUL after the bytes read, bytes past ASCII, whose UTF-8
 * is checked, and ']', which may begin a "]]>" that text must not hold),
 * and those that stop an attribute's value (quotes, markup, references,
 * control characters, bytes past ASCII). */
enum { C_NAME = 1, C_START = 2, C_WS = 4, C_TEXT = 8, C_ATTR = 16 };

static const unsigned char cls[256] = {
    24, 24, 24, 24, 24, 24, 24, 24, 24,  4,  4, 24, 24, 12, 24, 24,
    24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24,
     4,  0, 16,  0,  0,  0, 24, 16,  0,  0,  0,  0,  0,  1,  1,  0,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  3,  0, 24,  0,  0,  0,
     0,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0,  8,  0,  3,
     0,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0,  0,  0,  0,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
    27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
};

/* What a scan of the bytes read found. */
enum { SCAN_OK, SCAN_MORE, SCAN_BAD };

enum { TOK_START, TOK_END, TOK_TEXT, TOK_EOF };

/* The elements a sheet's rows are made of, by local name. */
enum { EL_OTHER, EL_ROW, EL_C, EL_VALUE };

/* A tag, pointing into the bytes read (valid until the next read). */
typedef struct tag {
    const char *name; /* qualified, as the end tag must repeat it */
    size_t len;
    int el;    /* EL_ */
    int empty; /* <name/> */
    /* the values of r= and t=, undecoded, or NULL; whether they hold a
     * reference */
    const char *r, *t;
    size_t rlen, tlen;
    int ramp, tamp;
} tag;

struct careerp_sheet {
    careerp_sheet_input in;
    careerp_strings strings;
    char *buf;             /* cap + 1 bytes: buf[end] is always a NUL */
    size_t cap, pos, end;
    unsigned long long base; /* the part's bytes before buf[0] */
    int eof, started;
    int root;              /* 0 before the root element, 1 in, 2 after */
    char *names;           /* the open elements' names, end to end */
    size_t nused, ncap;
    size_t open[DEPTH_MAX]; /* where each open element's name starts */
    size_t depth;
    careerp_rowbuf row;
    careerp_rowbuf val;    /* the value of the cell being read */
    careerp_rowbuf attr;   /* an attribute's value, decoded */
    long last_row, number;
    const char *why;       /* a parse error's reason */
    int xml;               /* why is about the XML, at a byte */
    int input_failed;      /* the part could not be read (in.failed) */
};

static career_status bad_xml(careerp_sheet *s, const char *why)
{
    s->why = why;
    s->xml = 1;
    return CAREER_ERR_PARSE;
}

static career_status bad_sheet(careerp_sheet *s, const char *why)
{
    s->why = why;
    s->xml = 0;
    return CAREER_ERR_PARSE;
}

/* ---- the bytes ----------------------------------------------------------- */

/* Reads on, keeping buf[pos..end) (moved to the front): at least one more
 * byte, or the end of the part (eof). A buffer full of one token grows,
 * up to TAG_MAX. */
static career_status refill(careerp_sheet *s)
{
    long got;

    if (s->eof)
        return bad_xml(s, "the part ends too soon");
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->end - s->pos);
        s->base += s->pos;
        s->end -= s->pos;
        s->pos = 0;
    }
    if (s->end == s->cap) {
        size_t ncap = 2 * s->cap;
        char *nb;
        if (s->cap >= TAG_MAX)
            return bad_xml(s, "a tag over 1 MiB");
        if (!(nb = realloc(s->buf, ncap + 1)))
            return CAREER_ERR_NOMEM;
        s->buf = nb;
        s->cap = ncap;
    }
    got = s->in.pull(s->in.ctx, s->buf + s->end, s->cap - s->end);
    if (got < 0) {
        s->input_failed = 1;
        return CAREER_ERR_IO;
    }
    s->end += (size_t)got;
    s->buf[s->end] = '\0';
    s->eof = got == 0;
    return CAREER_OK;
}

/* Where a scan that stopped at p, on a byte it could not take, stands:
 * at the NUL after the bytes read, more may come. */
static int stopped(const careerp_sheet *s, const unsigned char *p)
{
    return (const char *)p == s->buf + s->end && !s->eof ? SCAN_MORE
                                                         : SCAN_BAD;
}

static int is_ws(unsigned char c)
{
    return (cls[c] & C_WS) != 0;
}

/* ---- references ------------------------------------------------------------ */

/* Whether v is a character of XML 1.0. */
static int xml_char(unsigned long v)
{
    return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
           (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

/* The UTF-8 sequence at p, a byte past ASCII: its length, 0 when it is
 * no character of XML, -1 when the bytes read end inside it. */
static int utf8_len(const careerp_sheet *s, const unsigned char *p)
{
    unsigned long v = p[0];
    int n = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC2 ? 2 : 0, i;

    if (n == 0 || v > 0xF4)
        return 0;
    v &= 0x3Fu >> (n - 1);
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) /* the NUL after the bytes read too */
            return (const char *)p + i == s->buf + s->end && !s->eof ? -1
                                                                     : 0;
        v = v << 6 | (p[i] & 0x3Fu);
    }
    return (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || !xml_char(v)
               ? 0
               : n;
}

/* The bytes at the end of p[0..n) that begin a UTF-8 sequence cut
 * short, to be read with the bytes after them. */
static size_t cut_sequence(const char *p, size_t n)
{
    size_t k, len;

    for (k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = (unsigned char)p[n - k];
        if (c < 0x80)
            return 0;
        if (c >= 0xC0) {
            len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return len > k ? k : 0;
        }
    }
    return 0;
}

/* Whether a name of n bytes at p is UTF-8 (looked at only past ASCII). */
static int name_utf8(const char *p, size_t n)
{
    unsigned char any = 0;
    size_t i;

    for (i = 0; i < n; i++)
        any |= (unsigned char)p[i];
    return any < 0x80 || careerp_utf8_valid(p, n);
}

static int digit_of(unsigned char c, int hex)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (unsigned char)(c | 0x20);
    return hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The character reference after "&#" at q: its value, or 0x110000 when
 * it is no character. *end: where it stopped. */
static unsigned long char_ref(const unsigned char *q,
                              const unsigned char **end)
{
    const unsigned char *start = q;
    int hex = *q == 'x', d;
    unsigned long v = 0;

    q += hex;
    for (; q - start < REF_MAX && (d = digit_of(*q, hex)) >= 0; q++)
        v = v > 0x10FFFF ? v : v * (hex ? 16u : 10u) + (unsigned long)d;
    *end = q;
    return q == start + hex ? 0x110000 : v;
}

/* The reference at p ('&'): its text in out (*outlen bytes), its length
 * in *len. Only the five entities XML predefines exist: no document
 * type may declare others. */
static int reference(careerp_sheet *s, const unsigned char *p, char out[4],
                     size_t *outlen, size_t *len)
{
    static const char *const names[5] = {"amp", "lt", "gt", "quot", "apos"};
    static const char chars[5] = {'&', '<', '>', '"', '\''};
    const unsigned char *q = p + 1, *name;
    unsigned long v;
    size_t n, i;

    if (*q == '#') {
        v = char_ref(q + 1, &q);
        if (*q != ';') {
            s->why = "a malformed character reference";
            return stopped(s, q); /* at the end of what is read: more */
        }
        if (!xml_char(v)) {
            s->why = "a character reference to no character of XML";
            return SCAN_BAD;
        }
        *outlen = careerp_utf8_put(v, out);
    } else {
        for (name = q; q - p < REF_MAX && (cls[*q] & C_NAME); q++)
            ;
        n = (size_t)(q - name);
        if (*q != ';' || n == 0) {
            s->why = "a malformed entity reference";
            return *q != ';' ? stopped(s, q) : SCAN_BAD;
        }
        for (i = 0; i < 5; i++)
            if (strlen(names[i]) == n && memcmp(name, names[i], n) == 0)
                break;
        if (i == 5) {
            s->why = "an entity reference other than XML's five (&amp; "
                     "&lt; &gt; &quot; &apos;): no entity is defined here";
            return SCAN_BAD;
        }
        out[0] = chars[i];
        *outlen = 1;
    }
    *len = (size_t)(q + 1 - p);
    return SCAN_OK;
}

/* ---- text ------------------------------------------------------------------ */

static career_status put(careerp_rowbuf *dst, const unsigned char *p,
                         size_t n)
{
    return dst && n ? careerp_rowbuf_bytes(dst, (const char *)p, n)
                    : CAREER_OK;
}

/* Whether the bytes at p begin with lit: 1, 0, or -1 when the bytes read
 * end before it can be told. */
static int begins(const careerp_sheet *s, const char *p, const char *lit)
{
    size_t n = strlen(lit), have = (size_t)(s->buf + s->end - p);

    if (have >= n)
        return memcmp(p, lit, n) == 0;
    if (memcmp(p, lit, have) != 0)
        return 0;
    return s->eof ? 0 : -1;
}

/* Bytes of a CDATA section into dst (NULL: checked only), as they are:
 * libxml2 keeps a CR there, and so do we, so that cells read as
 * before. */
static career_status put_raw(careerp_sheet *s, careerp_rowbuf *dst,
                             const char *p, size_t n)
{
    size_t i;
    int len;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!(cls[c] & C_TEXT) || c == '&' || c == '<' || c == '\r' ||
            c == ']')
            continue;
        len = c < 0x80 ? 0 : utf8_len(s, (const unsigned char *)p + i);
        if (len <= 0) {
            s->pos = (size_t)(p + i - s->buf);
            return bad_xml(s, c < 0x80 ? "a control character in the text"
                                       : "text that is not UTF-8");
        }
        i += (size_t)len - 1;
    }
    return dst && n ? careerp_rowbuf_bytes(dst, p, n) : CAREER_OK;
}

/* Skips past `delim` (of n bytes), from pos: a comment, a processing
 * instruction or a CDATA section, whose bytes are checked (control
 * characters, UTF-8) and go to dst (NULL: none). */
static career_status skip_past(careerp_sheet *s, const char *delim,
                               size_t n, careerp_rowbuf *dst,
                               const char *unclosed)
{
    career_status st;
    const char *p, *at;
    size_t take;

    for (;;) {
        p = s->buf + s->pos;
        for (at = p; (at = memchr(at, delim[0], (size_t)(s->buf + s->end -
                                                         at))) != NULL;
             at++)
            if (begins(s, at, delim) != 0)
                break;
        if (at && begins(s, at, delim) == 1) {
            if ((st = put_raw(s, dst, p, (size_t)(at - p))) != CAREER_OK)
                return st;
            s->pos = (size_t)(at - s->buf) + n;
            return CAREER_OK;
        }
        if (s->eof)
            return bad_xml(s, unclosed);
        /* all but what may start delim and a UTF-8 sequence cut short */
        take = at ? (size_t)(at - p) : s->end - s->pos;
        take -= cut_sequence(p, take);
        if ((st = put_raw(s, dst, p, take)) != CAREER_OK)
            return st;
        s->pos += take;
        if ((st = refill(s)) != CAREER_OK)
            return st;
    }
}

/* The character data at pos, up to the next tag, into dst (NULL: checked
 * and skipped): references decoded, CDATA sections taken as they are, and
 * CRLF or a lone CR read as LF, as XML reads them. */
static career_status char_data(careerp_sheet *s, careerp_rowbuf *dst)
{
    career_status st;
    char out[4];
    size_t outlen, len;
    int r;

    for (;;) {
        const unsigned char *p = (const unsigned char *)s->buf + s->pos;
        const unsigned char *run = p;
        for (;;) {
            while (!(cls[*p] & C_TEXT))
                p++;
            if (*p == ']') {
                if ((r = begins(s, (const char *)p, "]]>")) == 0) {
                    p++;
                    continue;
                }
                if (r < 0)
                    break;
                s->pos = (size_t)((const char *)p - s->buf);
                return bad_xml(s, "\"]]>\" in the text");
            }
            if (*p >= 0x80) {
                if ((r = utf8_len(s, p)) > 0) {
                    p += r;
                    continue;
                }
                if (r < 0)
                    break;
                s->pos = (size_t)((const char *)p - s->buf);
                return bad_xml(s, "text that is not UTF-8");
            }
            if (*p == '<' || (const char *)p == s->buf + s->end)
                break;
            if ((st = put(dst, run, (size_t)(p - run))) != CAREER_OK)
                return st;
            run = p;
            if (*p == '&') {
                r = reference(s, p, out, &outlen, &len);
                if (r == SCAN_MORE)
                    break;
                if (r == SCAN_BAD) {
                    s->pos = (size_t)((const char *)p - s->buf);
                    return bad_xml(s, s->why);
                }
                if (dst && (st = careerp_rowbuf_bytes(dst, out, outlen)))
                    return st;
                p += len;
            } else if (*p == '\r') {
                if ((const char *)p + 1 == s->buf + s->end && !s->eof)
                    break;
                if (dst && (st = careerp_rowbuf_byte(dst, '\n')))
                    return st;
                p += 1 + (p[1] == '\n');
            } else {
                s->pos = (size_t)((const char *)p - s->buf);
                return bad_xml(s, "a control character in the text");
            }
            run = p;
        }
        if ((st = put(dst, run, (size_t)(p - run))) != CAREER_OK)
            return st;
        s->pos = (size_t)((const char *)p - s->buf);
        if (*p == '<') {
            r = p[1] == '!' || (const char *)p + 1 == s->buf + s->end
                    ? begins(s, (const char *)p, "<![CDATA[")
                    : 0;
            if (r == 0)
                return CAREER_OK;
            if (r == 1) {
                s->pos += 9;
                if ((st = skip_past(s, "]]>", 3, dst,
                                    "a CDATA section not closed")))
                    return st;
                continue;
            }
        } else if (s->eof && s->pos == s->end) {
            return CAREER_OK;
        }
        if ((st = refill(s)) != CAREER_OK)
            return st;
    }
}

/* Text outside the root element: white space only (no CDATA). */
static career_status outside_text(careerp_sheet *s)
{
    career_status st;

    if (s->buf[s->pos] == '<') /* a CDATA section */
        return bad_xml(s, "text outside the root element");
    for (;;) {
        while (s->pos < s->end && is_ws((unsigned char)s->buf[s->pos]))
            s->pos++;
        if (s->pos < s->end || s->eof)
            return s->pos == s->end || s->buf[s->pos] == '<'
                       ? CAREER_OK
                       : bad_xml(s, "text outside the root element");
        if ((st = refill(s)) != CAREER_OK)
            return st;
    }
}

/* ---- tags ------------------------------------------------------------------- */

/* The local part of a name (after its prefix): *n bytes at the result. */
static const char *local_name(const char *name, size_t *n)
{
    size_t i;

    for (i = *n; i > 0; i--)
        if (name[i - 1] == ':') {
            *n -= i;
            return name + i;
        }
    return name;
}

static int element_of(const char *name, size_t len)
{
    if (len == 1) /* the cells' own: not worth looking for a prefix */
        return name[0] == 'c' ? EL_C
               : name[0] == 'v' || name[0] == 't' ? EL_VALUE
                                                  : EL_OTHER;
    name = local_name(name, &len);
    if (len == 3 && name[0] == 'r' && name[1] == 'o' && name[2] == 'w')
        return EL_ROW;
    return len == 1 ? element_of(name, len) : EL_OTHER;
}

/* The end of a name at p, or p when none starts there. */
static const unsigned char *name_end(const unsigned char *p)
{
    if (!(cls[*p] & C_START))
        return p;
    while (cls[*p] & C_NAME)
        p++;
    return p;
}

/* Records the attribute `name` (of n bytes) when it is r= or t=,
 * unprefixed or in a namespace (a namespace's declaration is neither). */
static void note_attr(tag *t, const unsigned char *name, size_t n,
                      const unsigned char *v, size_t vlen, int amp)
{
    if (n > 1) {
        const char *local = local_name((const char *)name, &n);
        if (local - (const char *)name == 6 &&
            memcmp(name, "xmlns:", 6) == 0)
            return;
        name = (const unsigned char *)local;
    }
    if (n == 1 && name[0] == 'r') {
        t->r = (const char *)v;
        t->rlen = vlen;
        t->ramp = amp;
    } else if (n == 1 && name[0] == 't') {
        t->t = (const char *)v;
        t->tlen = vlen;
        t->tamp = amp;
    }
}

/* An attribute's value from p, its opening quote: *end is the closing
 * one. */
static int attr_value(careerp_sheet *s, const unsigned char *p,
                      const unsigned char **end, int *amp)
{
    unsigned char quote = *p++;
    char out[4];
    size_t outlen, len;
    int r;

    *amp = 0;
    for (;;) {
        while (!(cls[*p] & C_ATTR))
            p++;
        if (*p == quote)
            break;
        if (*p >= 0x80) {
            if ((r = utf8_len(s, p)) <= 0) {
                s->why = "an attribute's value that is not UTF-8";
                return r < 0 ? SCAN_MORE : SCAN_BAD;
            }
            p += r;
        } else if (*p == '"' || *p == '\'') {
            p++;
        } else if (*p == '&') {
            if ((r = reference(s, p, out, &outlen, &len)) != SCAN_OK)
                return r;
            *amp = 1;
            p += len;
        } else if (*p == '<') {
            s->why = "a '<' in an attribute's value";
            return SCAN_BAD;
        } else {
            s->why = "a control character in an attribute's value";
            return stopped(s, p);
        }
    }
    *end = p;
    return SCAN_OK;
}

/* The attributes of a start tag from p, up to its '>' or '/>'; *end past
 * it. */
static int attributes(careerp_sheet *s, const unsigned char *p, tag *t,
                      const unsigned char **end)
{
    const unsigned char *name, *name_stop, *value, *close;
    int ws, amp, r;

    for (;;) {
        for (ws = 0; is_ws(*p); ws = 1)
            p++;
        if (*p == '>' || (p[0] == '/' && p[1] == '>')) {
            t->empty = *p == '/';
            *end = p + 1 + t->empty;
            return SCAN_OK;
        }
        s->why = "a malformed attribute";
        if (*p == '/')
            return stopped(s, p + 1);
        name = p;
        name_stop = name_end(p);
        if (!ws || name_stop == name)
            return stopped(s, p);
        for (p = name_stop; is_ws(*p); p++)
            ;
        if (*p != '=')
            return stopped(s, p);
        if (!name_utf8((const char *)name, (size_t)(name_stop - name)))
            return SCAN_BAD;
        for (p++; is_ws(*p); p++)
            ;
        if (*p != '"' && *p != '\'')
            return stopped(s, p);
        value = p + 1;
        if ((r = attr_value(s, p, &close, &amp)) != SCAN_OK)
            return r;
        note_attr(t, name, (size_t)(name_stop - name), value,
                  (size_t)(close - value), amp);
        p = close + 1;
    }
}

/* The start tag at pos; *next: the byte after it. */
static int start_tag(careerp_sheet *s, tag *t, size_t *next)
{
    const unsigned char *p = (const unsigned char *)s->buf + s->pos + 1;
    const unsigned char *stop = name_end(p), *end;
    int r;

    if (stop == p) {
        s->why = "a malformed tag";
        return stopped(s, p);
    }
    t->name = (const char *)p;
    t->len = (size_t)(stop - p);
    t->el = element_of(t->name, t->len);
    t->r = t->t = NULL;
    t->rlen = t->tlen = 0;
    t->ramp = t->tamp = t->empty = 0;
    if ((r = attributes(s, stop, t, &end)) != SCAN_OK)
        return r;
    if (!name_utf8(t->name, t->len)) {
        s->why = "a name that is not UTF-8";
        return SCAN_BAD;
    }
    *next = (size_t)((const char *)end - s->buf);
    return SCAN_OK;
}

/* The end tag at pos. */
static int end_tag(careerp_sheet *s, tag *t, size_t *next)
{
    const unsigned char *p = (const unsigned char *)s->buf + s->pos + 2;
    const unsigned char *stop = name_end(p), *q = stop;

    s->why = "a malformed end tag";
    if (stop == p)
        return stopped(s, p);
    while (is_ws(*q))
        q++;
    if (*q != '>')
        return stopped(s, q);
    t->name = (const char *)p;
    t->len = (size_t)(stop - p);
    t->el = element_of(t->name, t->len);
    *next = (size_t)((const char *)q + 1 - s->buf);
    /* matched against its start tag, whose name was checked */
    return SCAN_OK;
}

static career_status open_element(careerp_sheet *s, const tag *t)
{
    if (s->root == 2)
        return bad_xml(s, "an element after the root element");
    if (t->len > NAME_MAX_BYTES)
        return bad_xml(s, "an element name over 1 KiB");
    if (t->empty) {
        s->root = s->root ? s->root : 2; /* <root/> */
        return CAREER_OK;
    }
    if (s->depth == DEPTH_MAX)
        return bad_xml(s, "elements nested over 256 deep");
    if (s->nused + t->len > s->ncap) {
        size_t ncap = s->ncap ? 2 * s->ncap : 512;
        char *nn;
        while (ncap < s->nused + t->len)
            ncap *= 2;
        if (!(nn = realloc(s->names, ncap)))
            return CAREER_ERR_NOMEM;
        s->names = nn;
        s->ncap = ncap;
    }
    memcpy(s->names + s->nused, t->name, t->len);
    s->open[s->depth++] = s->nused;
    s->nused += t->len;
    s->root = 1;
    return CAREER_OK;
}

static career_status close_element(careerp_sheet *s, const tag *t)
{
    size_t at, i;

    if (s->depth == 0)
        return bad_xml(s, "an end tag with no element open");
    at = s->open[s->depth - 1];
    /* names are a few bytes: no call to memcmp */
    for (i = 0; s->nused - at == t->len && i < t->len; i++)
        if (s->names[at + i] != t->name[i])
            break;
    if (s->nused - at != t->len || i < t->len)
        return bad_xml(s, "an end tag that does not match its start tag");
    s->nused = at;
    if (--s->depth == 0)
        s->root = 2;
    return CAREER_OK;
}

/* A processing instruction at pos ("<?"): skipped, but an XML
 * declaration may stand only at the start. */
static int instruction(careerp_sheet *s)
{
    const unsigned char *p = (const unsigned char *)s->buf + s->pos + 2;
    const unsigned char *stop = name_end(p);

    s->why = "a malformed processing instruction";
    if (stop == p || (!is_ws(*stop) && *stop != '?'))
        return stopped(s, stop);
    if (stop - p == 3 && careerp_ascii_lower(p[0]) == 'x' &&
        careerp_ascii_lower(p[1]) == 'm' && careerp_ascii_lower(p[2]) == 'l') {
        s->why = "an XML declaration past the start of the part";
        return SCAN_BAD;
    }
    return SCAN_OK;
}

/* "<!": a comment (skipped), a CDATA section (character data) or a
 * document type, refused: entities come from it. */
static int declaration(careerp_sheet *s, int *kind)
{
    const char *p = s->buf + s->pos;
    int r;

    if ((r = begins(s, p, "<!--")) != 0)
        return r < 0 ? SCAN_MORE : (*kind = -1, SCAN_OK);
    if ((r = begins(s, p, "<![CDATA[")) != 0)
        return r < 0 ? SCAN_MORE : (*kind = TOK_TEXT, SCAN_OK);
    if ((r = begins(s, p, "<!DOCTYPE")) < 0)
        return SCAN_MORE;
    s->why = r ? "a document type declaration (<!DOCTYPE), refused: no "
                 "entity may be declared"
               : "a malformed '<!'";
    return SCAN_BAD;
}

/* ---- the part's start: byte-order mark and XML declaration -------------- */

/* A pseudo-attribute of the XML declaration at *p (white space first):
 * `name` = a quoted value, its bytes in *v, *n. */
static int pseudo_attr(const char **p, const char *name, const char **v,
                       size_t *n)
{
    const char *q = *p, *close;
    size_t len = strlen(name);

    if (!is_ws((unsigned char)*q))
        return 0;
    while (is_ws((unsigned char)*q))
        q++;
    if (strncmp(q, name, len) != 0)
        return 0;
    for (q += len; is_ws((unsigned char)*q); q++)
        ;
    if (*q++ != '=')
        return 0;
    while (is_ws((unsigned char)*q))
        q++;
    if ((*q != '"' && *q != '\'') || !(close = strchr(q + 1, *q)))
        return 0;
    *v = q + 1;
    *n = (size_t)(close - q - 1);
    *p = close + 1;
    return 1;
}

/* The XML declaration, decl[0..) up to its "?>" (a NUL there): version
 * 1.x, then the encoding, which must be UTF-8, and standalone, if
 * given. */
static career_status xml_decl(careerp_sheet *s, const char *decl)
{
    const char *p = decl + 5, *v;
    size_t n, i;

    if (!pseudo_attr(&p, "version", &v, &n) || n < 3 ||
        strncmp(v, "1.", 2) != 0)
        return bad_xml(s, "a malformed XML declaration");
    for (i = 2; i < n; i++)
        if (v[i] < '0' || v[i] > '9')
            return bad_xml(s, "a malformed XML declaration");
    if (pseudo_attr(&p, "encoding", &v, &n) &&
        !(n == 5 && careerp_ascii_lower(v[0]) == 'u' &&
          careerp_ascii_lower(v[1]) == 't' &&
          careerp_ascii_lower(v[2]) == 'f' && v[3] == '-' && v[4] == '8'))
        return bad_xml(s, "an encoding other than UTF-8");
    if (pseudo_attr(&p, "standalone", &v, &n) &&
        !((n == 3 && strncmp(v, "yes", 3) == 0) ||
          (n == 2 && strncmp(v, "no", 2) == 0)))
        return bad_xml(s, "a malformed XML declaration");
    while (is_ws((unsigned char)*p))
        p++;
    return *p ? bad_xml(s, "a malformed XML declaration") : CAREER_OK;
}

static career_status start_part(careerp_sheet *s)
{
    career_status st;
    char *p, *q;

    s->started = 1;
    while (!s->eof && s->end < 64)
        if ((st = refill(s)) != CAREER_OK)
            return st;
    p = s->buf;
    if (begins(s, p, "\xEF\xBB\xBF") == 1)
        s->pos = 3;
    else if (begins(s, p, "\xFE\xFF") == 1 || begins(s, p, "\xFF\xFE") == 1)
        return bad_xml(s, "not UTF-8 (UTF-16?)");
    p = s->buf + s->pos;
    if (begins(s, p, "<?xml") != 1 || !is_ws((unsigned char)p[5]))
        return CAREER_OK;
    /* the declaration, read whole: a few dozen bytes */
    while (!(q = strstr(p, "?>")) && !s->eof && s->end < s->cap) {
        if ((st = refill(s)) != CAREER_OK)
            return st;
        p = s->buf + s->pos;
    }
    if (!q)
        return bad_xml(s, "a malformed XML declaration");
    *q = '\0'; /* read once: the bytes are not looked at again */
    if ((st = xml_decl(s, p)) != CAREER_OK)
        return st;
    s->pos = (size_t)(q + 2 - s->buf);
    return CAREER_OK;
}

/* ---- tokens --------------------------------------------------------------- */

/* The next token: a tag read whole into *t (TOK_START, TOK_END), text
 * left at pos for char_data (TOK_TEXT), or the part's end (TOK_EOF).
 * Comments and processing instructions are skipped. */
static career_status next_token(careerp_sheet *s, tag *t, int *kind)
{
    career_status st;
    const char *p;
    size_t next = 0;
    int r;

    if (!s->started && (st = start_part(s)) != CAREER_OK)
        return st;
    for (;;) {
        p = s->buf + s->pos;
        if (s->pos == s->end) {
            if (!s->eof) {
                if ((st = refill(s)) != CAREER_OK)
                    return st;
                continue;
            }
            *kind = TOK_EOF;
            return s->root == 2 ? CAREER_OK
                   : s->root    ? bad_xml(s, "the part ends inside an "
                                             "element")
                                : bad_xml(s, "no root element");
        }
        if (*p != '<') {
            *kind = TOK_TEXT;
            return CAREER_OK;
        }
        *kind = p[1] == '/' ? TOK_END : TOK_START;
        if (p[1] == '/')
            r = end_tag(s, t, &next);
        else if (p[1] == '?')
            r = instruction(s);
        else if (p[1] == '!')
            r = declaration(s, kind);
        else
            r = start_tag(s, t, &next);
        if (r == SCAN_MORE) {
            if ((st = refill(s)) != CAREER_OK)
                return st;
            continue;
        }
        if (r == SCAN_BAD)
            return bad_xml(s, s->why);
        if (p[1] == '?' || *kind < 0) {
            s->pos += p[1] == '?' ? 2 : 4;
            st = p[1] == '?' ? skip_past(s, "?>", 2, NULL,
                                         "a processing instruction not "
                                         "closed")
                             : skip_past(s, "-->", 3, NULL,
                                         "a comment not closed");
            if (st != CAREER_OK)
                return st;
            continue;
        }
        if (*kind == TOK_TEXT)
            return CAREER_OK;
        s->pos = next;
        return *kind == TOK_START ? open_element(s, t) : close_element(s, t);
    }
}

/* ---- rows --------------------------------------------------------------- */

/* The value of an attribute that holds a reference, decoded into
 * s->attr (NUL-terminated); white space read as XML reads it. */
static career_status decode_attr(careerp_sheet *s, const char **v,
                                 size_t *n)
{
    const unsigned char *p = (const unsigned char *)*v, *end = p + *n;
    career_status st = CAREER_OK;
    char out[4];
    size_t outlen, len;

    careerp_rowbuf_clear(&s->attr);
    while (st == CAREER_OK && p < end) {
        if (*p == '&' && reference(s, p, out, &outlen, &len) == SCAN_OK) {
            st = careerp_rowbuf_bytes(&s->attr, out, outlen);
            p += len;
        } else {
            st = careerp_rowbuf_byte(&s->attr, is_ws(*p) ? ' ' : (char)*p);
            p++;
        }
    }
    if (st == CAREER_OK)
        st = careerp_rowbuf_bytes(&s->attr, "", 0);
    if (st != CAREER_OK)
        return st;
    s->attr.text[s->attr.used] = '\0';
    *v = s->attr.text;
    *n = s->attr.used;
    return CAREER_OK;
}

/* The 1-based column of a reference such as "AB12" (0 if none). */
static size_t column_of(const char *ref, size_t n)
{
    size_t col = 0, i;

    for (i = 0; ref && i < n && ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
        col = col * 26 + (size_t)(ref[i] - 'A' + 1);
        if (col > CAREERP_ROW_MAX_CELLS)
            return CAREERP_ROW_MAX_CELLS + 1;
    }
    return col;
}

/* A cell's type: 's' (a shared string), 'b' (a boolean) or 0 (its value
 * as written: a number, an inline string, a formula's text...). */
static career_status cell_type(careerp_sheet *s, const tag *t, int *type)
{
    const char *v = t->t;
    size_t n = t->tlen;
    career_status st;

    *type = 0;
    if (!v)
        return CAREER_OK;
    if (t->tamp && (st = decode_attr(s, &v, &n)) != CAREER_OK)
        return st;
    if (n == 1 && (v[0] == 's' || v[0] == 'b'))
        *type = v[0];
    return CAREER_OK;
}

/* Appends the finished cell: a shared string's text, a boolean's name, or
 * the value as written. */
static career_status put_cell(careerp_sheet *s, int type)
{
    careerp_rowbuf *v = &s->val;
    const char *text = v->text ? v->text : "";
    career_status st;
    size_t len;
    char *end;

    if (v->text)
        v->text[v->used] = '\0';
    if (type == 's') {
        unsigned long i = strtoul(text, &end, 10);
        if (v->used == 0 || *end || i >= s->strings.n)
            return bad_sheet(s, "a shared-string index out of range");
        len = (i + 1 < s->strings.n ? s->strings.start[i + 1]
                                    : s->strings.used) -
              s->strings.start[i] - 1;
        st = careerp_rowbuf_bytes(&s->row,
                                  s->strings.text + s->strings.start[i], len);
    } else if (type == 'b') {
        text = strcmp(text, "1") == 0 ? "TRUE" : "FALSE";
        st = careerp_rowbuf_bytes(&s->row, text, strlen(text));
    } else {
        st = careerp_rowbuf_bytes(&s->row, text, v->used);
    }
    careerp_rowbuf_clear(v);
    return st ? st : careerp_rowbuf_end_cell(&s->row);
}

/* Empty cells up to column col (1-based), before a cell there. */
static career_status pad_to(careerp_sheet *s, size_t col)
{
    career_status st = CAREER_OK;

    if (col > CAREERP_ROW_MAX_CELLS)
        return bad_sheet(s, "a cell beyond column 4096");
    if (col && col <= s->row.n)
        return bad_sheet(s, "cells out of order");
    while (st == CAREER_OK && col && s->row.n + 1 < col)
        st = careerp_rowbuf_end_cell(&s->row);
    return st;
}

/* A <c> opens: the empty cells before it, and the cell itself when it is
 * empty (<c r="B2" s="1"/>). */
static career_status cell_start(careerp_sheet *s, const tag *t, int *type,
                                int *in_cell)
{
    const char *r = t->r;
    size_t n = t->rlen;
    career_status st;

    if ((st = cell_type(s, t, type)) != CAREER_OK ||
        (r && t->ramp && (st = decode_attr(s, &r, &n)) != CAREER_OK) ||
        (st = pad_to(s, column_of(r, n))) != CAREER_OK)
        return st;
    *in_cell = !t->empty;
    return t->empty ? put_cell(s, *type) : CAREER_OK;
}

/* ---- the common cell, read in one step ------------------------------------ */

/* Whether the bytes at *q begin with lit; *q past it when they do. The
 * NUL after the bytes read matches no literal: no byte past it is read. */
static int lit(const unsigned char **q, const char *lit)
{
    const unsigned char *p = *q;

    for (; *lit; lit++, p++)
        if (*p != (unsigned char)*lit)
            return 0;
    *q = p;
    return 1;
}

/* A cell as spreadsheets write nearly all of them, read without tokens:
 * <c a="v"...>, then <v>text</v> or <is><t>text</t></is>, then </c>, or
 * <c .../>, all in the bytes read, with unprefixed attribute names of
 * letters, double-quoted values and text without references, CRs or
 * control characters. Anything else (nothing is consumed then) is left
 * to the tokens: *done says which. */
static career_status fast_cell(careerp_sheet *s, int *done)
{
    const unsigned char *q = (const unsigned char *)s->buf + s->pos + 2;
    const unsigned char *name, *v, *r = NULL, *t = NULL, *text = NULL;
    size_t rlen = 0, tlen = 0, n = 0, i;
    unsigned long index = 0;
    career_status st;
    int type = 0;

    *done = 0;
    if (s->depth + 3 > DEPTH_MAX) /* <c><is><t>: the depth is checked */
        return CAREER_OK;
    while (*q == ' ') {
        for (name = ++q; (unsigned char)((*q | 0x20) - 'a') < 26; q++)
            ;
        if (q == name)
            break;
        if (!lit(&q, "=\""))
            return CAREER_OK;
        for (v = q; !(cls[*q] & C_ATTR); q++)
            ;
        if (*q != '"')
            return CAREER_OK;
        if (v - name == 3 && name[0] == 'r') {
            r = v;
            rlen = (size_t)(q - v);
        } else if (v - name == 3 && name[0] == 't') {
            t = v;
            tlen = (size_t)(q - v);
        }
        q++;
    }
    if (!lit(&q, "/>")) {
        int inline_str = 0;
        if (!lit(&q, ">") ||
            !(lit(&q, "<v>") || (inline_str = lit(&q, "<is><t>"))))
            return CAREER_OK;
        for (text = q; !(cls[*q] & C_TEXT); q++)
            ;
        n = (size_t)(q - text);
        if (!lit(&q, inline_str ? "</t></is></c>" : "</v></c>"))
            return CAREER_OK;
    }
    if (tlen == 1 && (t[0] == 's' || t[0] == 'b'))
        type = t[0];
    if (type == 's') { /* the index: up to 9 digits, or as strtoul reads */
        for (i = 0; i < n && i < 10 && text[i] >= '0' && text[i] <= '9'; i++)
            index = index * 10 + (unsigned long)(text[i] - '0');
        if (n == 0 || n > 9 || i < n)
            return CAREER_OK;
    }
    *done = 1;
    s->pos = (size_t)((const char *)q - s->buf);
    if ((st = pad_to(s, column_of((const char *)r, rlen))) != CAREER_OK)
        return st;
    if (type == 's') {
        if (index >= s->strings.n)
            return bad_sheet(s, "a shared-string index out of range");
        n = (index + 1 < s->strings.n ? s->strings.start[index + 1]
                                      : s->strings.used) -
            s->strings.start[index] - 1;
        text = (const unsigned char *)s->strings.text +
               s->strings.start[index];
    } else if (type == 'b') {
        text = (const unsigned char *)(n == 1 && text[0] == '1' ? "TRUE"
                                                                : "FALSE");
        n = strlen((const char *)text);
    }
    if ((st = put(&s->row, text, n)) != CAREER_OK)
        return st;
    return careerp_rowbuf_end_cell(&s->row);
}

/* The cells of a row, up to its end tag. The text of <v> and <t> inside
 * a <c> is the cell's value (an inline string's runs joined). */
static career_status read_row(careerp_sheet *s)
{
    int kind, type = 0, in_cell = 0, in_value = 0, done;
    career_status st;
    tag t;

    for (;;) {
        if (!in_cell && s->buf[s->pos] == '<' && s->buf[s->pos + 1] == 'c') {
            if ((st = fast_cell(s, &done)) != CAREER_OK)
                return st;
            if (done) {
                in_value = 0;
                continue;
            }
        }
        if ((st = next_token(s, &t, &kind)) != CAREER_OK)
            return st;
        if (kind == TOK_TEXT) {
            st = char_data(s, in_cell && in_value ? &s->val : NULL);
        } else if (kind == TOK_EOF) {
            return bad_xml(s, "the part ends inside a row");
        } else if (t.el == EL_C) {
            if (kind == TOK_START)
                st = cell_start(s, &t, &type, &in_cell);
            else if (in_cell) {
                in_cell = 0;
                st = put_cell(s, type);
            }
        } else if (t.el == EL_VALUE) {
            in_value = kind == TOK_START && !t.empty;
        } else if (t.el == EL_ROW && kind == TOK_END) {
            return CAREER_OK;
        }
        if (st != CAREER_OK)
            return st;
    }
}

/* The number of the row that starts: its r=, or the one after the last. */
static career_status row_number(careerp_sheet *s, const tag *t, long *number)
{
    const char *r = t->r;
    size_t n = t->rlen;
    career_status st;

    if (!r) {
        *number = s->last_row + 1;
        return CAREER_OK;
    }
    if (t->ramp && (st = decode_attr(s, &r, &n)) != CAREER_OK)
        return st;
    /* the value ends at its quote, or at decode_attr's NUL */
    *number = strtol(r, NULL, 10);
    return CAREER_OK;
}

/* The next row with cells, read into s->row. */
static career_status next_row(careerp_sheet *s, careerp_row *out)
{
    career_status st;
    long number;
    int kind;
    tag t;

    for (;;) {
        s->number = s->last_row;
        if ((st = next_token(s, &t, &kind)) != CAREER_OK)
            return st;
        if (kind == TOK_EOF)
            return CAREER_ERR_NOT_FOUND;
        if (kind == TOK_TEXT) {
            st = s->depth ? char_data(s, NULL) : outside_text(s);
            if (st != CAREER_OK)
                return st;
            continue;
        }
        if (kind != TOK_START || t.el != EL_ROW || t.empty)
            continue;
        if ((st = row_number(s, &t, &number)) != CAREER_OK)
            return st;
        if (number <= s->last_row || number > 100000000L)
            return bad_sheet(s, "rows out of order");
        s->last_row = s->number = number;
        careerp_rowbuf_clear(&s->row);
        careerp_rowbuf_clear(&s->val);
        if ((st = read_row(s)) != CAREER_OK)
            return st;
        careerp_rowbuf_row(&s->row, out, number);
        return CAREER_OK;
    }
}

/* ---- the sheet ------------------------------------------------------------ */

career_status careerp_sheet_open(const careerp_sheet_input *in,
                                 const careerp_strings *strings,
                                 careerp_sheet **out)
{
    careerp_sheet *s = calloc(1, sizeof *s);

    if (!s)
        return CAREER_ERR_NOMEM;
    if (!(s->buf = malloc(CHUNK + 1))) {
        free(s);
        return CAREER_ERR_NOMEM;
    }
    s->buf[0] = '\0';
    s->cap = CHUNK;
    s->in = *in;
    s->strings = *strings;
    *out = s;
    return CAREER_OK;
}

career_status careerp_sheet_next(careerp_sheet *s, careerp_row *out,
                                 career_error *err)
{
    career_status st;

    s->why = NULL;
    st = next_row(s, out);
    if (st == CAREER_OK || st == CAREER_ERR_NOT_FOUND)
        return st;
    if (st == CAREER_ERR_NOMEM)
        return careerp_fail(err, st, "out of memory");
    if (s->input_failed)
        return s->in.failed(s->in.ctx, s->number, err);
    if (s->xml)
        return careerp_fail_at(err, CAREER_ERR_PARSE, s->in.source,
                               (int)s->number, 0,
                               "corrupt workbook: %s: byte %llu: %s",
                               s->in.entry, s->base + s->pos, s->why);
    return careerp_fail_at(err, CAREER_ERR_PARSE, s->in.source,
                           (int)s->number, 0, "corrupt workbook: %s",
                           s->why ? s->why : "a row over 1 MiB");
}

void careerp_sheet_close(careerp_sheet *s)
{
    if (!s)
        return;
    free(s->buf);
    free(s->names);
    careerp_rowbuf_free(&s->row);
    careerp_rowbuf_free(&s->val);
    careerp_rowbuf_free(&s->attr);
    free(s);
}
