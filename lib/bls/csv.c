/* csv.c - a streaming RFC 4180 reader (fields separated by commas,
 * records by CRLF, LF or a lone CR, quoted fields with doubled quotes
 * inside, an optional UTF-8 byte-order mark; a NUL byte is an error). Only
 * one row is held in memory at a time, in a row buffer (rowbuf.c). A
 * field is scanned and copied a run at a time, eight bytes a step, and
 * a row that is all plain fields within the chunk read is read in one
 * pass; anything else goes byte by byte through the general path, which
 * says what is wrong. */
#include "bls/bls.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV ----------------------------------------------------------------- */

#define CSV_CHUNK 65536

typedef struct csv {
    careerp_rows base;
    FILE *f;         /* the source's file (not ours), or NULL for memory */
    const char *mem; /* the bytes in memory, or the read chunk */
    size_t pos, end;
    char *chunk;
    int eof;
    int read_errno;  /* why the file could not be read, or 0 */
    long line;       /* the physical line being read */
    careerp_rowbuf row;
    char name[160];
} csv;

/* The bytes that end a run of a field's text: those that end an unquoted
 * field (a comma, a line end, and a NUL, refused), and those that stop
 * a quoted one (its quote, a line end, counted, and a NUL). */
enum { UNQUOTED = 1, QUOTED = 2 };

static const unsigned char stops[256] = {
    [0] = UNQUOTED | QUOTED, ['\n'] = UNQUOTED | QUOTED,
    ['\r'] = UNQUOTED | QUOTED, [','] = UNQUOTED, ['"'] = QUOTED};

/* Reads the next chunk of a file, those read being done: whether it
 * has bytes (a read error sets read_errno and ends the input). */
static int csv_refill(csv *c)
{
    if (!c->f || c->eof)
        return 0;
    c->end = careerp_source_read(c->f, c->chunk, CSV_CHUNK);
    c->pos = 0;
    if (c->end == 0) {
        c->eof = 1;
        if (ferror(c->f))
            c->read_errno = errno ? errno : EIO;
        return 0;
    }
    return 1;
}

/* Whether bytes are left, reading on when those read are done. */
static CAREERP_ALWAYS_INLINE int csv_more(csv *c)
{
    return c->pos < c->end || csv_refill(c);
}

/* The byte at pos, known to be there. */
static int csv_at(const csv *c)
{
    return (unsigned char)c->mem[c->pos];
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                       \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CSV_WORDS 1
#define ONES 0x0101010101010101ULL

/* The bytes of v that are zero, each marked by its top bit: exact up to
 * the first (the lowest: the first in memory), which is all we read. */
static CAREERP_ALWAYS_INLINE uint64_t zero_bytes(uint64_t v)
{
    return (v - ONES) & ~v & (ONES << 7);
}
#endif

/* Copies bytes from p to d until one of class `mask` or lim (d has room
 * for all of them): where it stopped. Eight bytes at a time where the
 * compiler and the byte order allow: the comma, the quote and the line
 * ends are looked for in a word at once, and the word is stored whole
 * (the bytes past the stop are written over later). */
static CAREERP_ALWAYS_INLINE const unsigned char *
copy_run(const unsigned char *p, const unsigned char *lim, char **dst,
         unsigned mask)
{
    char *d = *dst;

#ifdef CSV_WORDS
    const uint64_t sep = ONES * (mask == UNQUOTED ? ',' : '"');
    while (lim - p >= 8) {
        uint64_t v, hit;
        memcpy(&v, p, 8);
        memcpy(d, &v, 8);
        hit = zero_bytes(v ^ sep) | zero_bytes(v ^ (ONES * '\n')) |
              zero_bytes(v ^ (ONES * '\r')) | zero_bytes(v);
        if (hit) {
            size_t k = (size_t)__builtin_ctzll(hit) >> 3;
            *dst = d + k;
            return p + k;
        }
        p += 8;
        d += 8;
    }
#endif
    while (p < lim && !(stops[*p] & mask))
        *d++ = (char)*p++;
    *dst = d;
    return p;
}

/* Copies the field's bytes from pos into the row, up to the first byte
 * of class `mask` (left at pos): that byte, or -1 at the end of the
 * input. A run is scanned and copied in one pass, over the chunk read. */
static CAREERP_ALWAYS_INLINE int csv_run(csv *c, unsigned mask,
                                         career_status *st)
{
    careerp_rowbuf *b = &c->row;
    const unsigned char *p, *end, *lim;
    size_t room;
    char *d;

    for (;;) {
        p = (const unsigned char *)c->mem + c->pos;
        end = (const unsigned char *)c->mem + c->end;
        room = b->cap > b->used + 1 ? b->cap - b->used - 1 : 0;
        lim = (size_t)(end - p) < room ? end : p + room;
        if (p < lim) {
            d = b->text + b->used;
            p = copy_run(p, lim, &d, mask);
            b->used = (size_t)(d - b->text);
            c->pos = (size_t)((const char *)p - c->mem);
            if (p < lim)
                return *p;
        }
        if (p == end) {
            if (!csv_more(c))
                return -1;
        } else if ((*st = careerp_rowbuf_reserve(b, 1)) != CAREER_OK) {
            return -1; /* the row is full: 1 MiB */
        }
    }
}

/* A quoted field, after its opening quote: bytes up to the closing quote
 * ("" is one quote), line ends kept as they are. Returns the byte after
 * the closing quote (left at pos), or -1 at the end of the input. */
static int csv_quoted(csv *c, career_status *st, const char **why)
{
    int ch;

    for (;;) {
        ch = csv_run(c, QUOTED, st);
        if (*st != CAREER_OK)
            return -1;
        if (ch < 0) {
            *st = CAREER_ERR_PARSE;
            *why = "a quoted field is not closed";
            return -1;
        }
        if (ch == '\0') {
            *st = CAREER_ERR_PARSE;
            *why = "a NUL byte in the cell";
            return -1;
        }
        c->pos++;
        if (ch == '"') {
            if (!csv_more(c))
                return -1;
            if (csv_at(c) != '"')
                return csv_at(c);
            c->pos++;
        } else if (ch == '\n') {
            c->line++;
        } else if (!csv_more(c) || csv_at(c) != '\n') {
            /* a lone CR ends a line too, as in the files of old Mac
             * programs; a CRLF is counted at its LF */
            c->line++;
        }
        if ((*st = careerp_rowbuf_byte(&c->row, (char)ch)) != CAREER_OK)
            return -1;
    }
}

/* One field from pos; returns the byte that ended it (',', '\n' for any
 * line end: LF, CRLF or CR, or -1 at the end of the input), read. */
static int csv_field(csv *c, career_status *st, const char **why)
{
    int ch;

    if (!csv_more(c))
        return -1;
    if (csv_at(c) == '"') {
        c->pos++;
        ch = csv_quoted(c, st, why);
    } else {
        ch = csv_run(c, UNQUOTED, st);
        if (ch == '\0') {
            *st = CAREER_ERR_PARSE;
            *why = "a NUL byte in the cell";
        }
    }
    if (*st != CAREER_OK || ch < 0)
        return -1;
    c->pos++;
    if (ch == '\r') { /* CRLF, or a lone CR: one line end */
        if (csv_more(c) && csv_at(c) == '\n')
            c->pos++;
        ch = '\n';
    }
    if (ch != ',' && ch != '\n') {
        *st = CAREER_ERR_PARSE;
        *why = "text after the closing quote of a field";
    }
    return ch;
}

/* The row at pos read in one pass, when it is what nearly every row is:
 * within the bytes read and the row's room, with no line break or NUL
 * inside quotes and no text after a closing quote, ending at a line end
 * whose every byte was read. Returns 0 otherwise, with nothing consumed:
 * csv_field reads that row, and reports what is wrong with it. The
 * state stays in locals (the stores of text would make the compiler
 * reload the fields of c and its row after each). */
static int csv_row_fast(csv *c)
{
    careerp_rowbuf *b = &c->row;
    const unsigned char *p = (const unsigned char *)c->mem + c->pos;
    const unsigned char *end = (const unsigned char *)c->mem + c->end, *lim;
    char *text = b->text, *d = text, *cell;
    size_t n = 0, ncap = b->ncap, *start = b->start, *len = b->len;
    int ch;

    if (!text || b->cap < 2)
        return 0;
    /* every field's text is no longer than its bytes: what is read up to
     * lim fits (the eight-byte stores included) */
    lim = (size_t)(end - p) < b->cap - 1 ? end : p + b->cap - 1;
    for (;;) {
        if (n == ncap)
            return 0;
        cell = d;
        if (p < lim && *p == '"') {
            for (p++;;) {
                p = copy_run(p, lim, &d, QUOTED);
                if (lim - p < 2 || *p != '"')
                    return 0;
                p += 2;
                if (p[-1] != '"') { /* the closing quote */
                    p--;
                    break;
                }
                *d++ = '"';
            }
        } else {
            p = copy_run(p, lim, &d, UNQUOTED);
        }
        if (p >= lim || (*p != ',' && *p != '\n' && *p != '\r'))
            return 0;
        ch = *p++;
        *d++ = '\0';
        start[n] = (size_t)(cell - text);
        len[n++] = (size_t)(d - 1 - cell);
        if (ch == ',')
            continue;
        if (ch == '\r') { /* CRLF or a lone CR: the next byte must be read */
            if (p >= lim)
                return 0;
            p += *p == '\n';
        }
        break;
    }
    b->used = (size_t)(d - text);
    b->n = n;
    c->pos = (size_t)((const char *)p - c->mem);
    c->line++;
    return 1;
}

static career_status csv_fail(csv *c, career_status st, const char *why,
                              long first, career_error *err)
{
    char reason[128];

    if (c->read_errno)
        return careerp_fail_at(err, CAREER_ERR_IO, c->name, (int)first, 0,
                               "read error: %s",
                               careerp_errno_text(c->read_errno, reason,
                                                  sizeof reason));
    if (st == CAREER_ERR_NOMEM)
        return careerp_fail_at(err, st, c->name, (int)first, 0,
                               "out of memory");
    if (why) /* about the cell being read */
        return careerp_fail_at(err, st, c->name, (int)first,
                               (int)c->row.n + 1, "column %zu: %s",
                               c->row.n + 1, why);
    return careerp_fail_at(err, st, c->name, (int)first, 0,
                           "a row longer than 1 MiB or 4096 cells");
}

static career_status csv_next(careerp_rows *rows, careerp_row *out,
                              career_error *err)
{
    csv *c = (csv *)(void *)rows;
    career_status st = CAREER_OK;
    const char *why = NULL;
    long first;
    int ch;

    do {
        careerp_rowbuf_clear(&c->row);
        first = c->line;
        if (!csv_more(c)) {
            if (c->read_errno)
                return csv_fail(c, st, why, first, err);
            return CAREER_ERR_NOT_FOUND;
        }
        if (csv_row_fast(c))
            continue;
        do {
            ch = csv_field(c, &st, &why);
            if (st == CAREER_OK)
                st = careerp_rowbuf_end_fast(&c->row);
        } while (st == CAREER_OK && ch == ',');
        if (ch == '\n')
            c->line++;
        if (st != CAREER_OK || c->read_errno)
            return csv_fail(c, st, why, first, err);
    } while (c->row.n == 1 && c->row.len[0] == 0); /* blank line */
    careerp_rowbuf_row(&c->row, out, first);
    return CAREER_OK;
}

static void csv_close(careerp_rows *rows)
{
    csv *c = (csv *)(void *)rows;

    free(c->chunk);
    careerp_rowbuf_free(&c->row);
    free(c);
}

/* A byte-order mark is no part of the first column's name. */
static void skip_bom(csv *c)
{
    if (!csv_more(c)) /* the first chunk read: nothing to skip */
        return;
    if (c->end - c->pos >= 3 &&
        memcmp(c->mem + c->pos, "\xEF\xBB\xBF", 3) == 0)
        c->pos += 3;
}

/* Reads on from where the source's sniffing stopped: its first bytes
 * (in head) then the rest of the stream, or from the start of a regular
 * file. */
static career_status csv_stream(csv *c, careerp_source *src,
                                career_error *err)
{
    if (!(c->chunk = malloc(CSV_CHUNK)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    c->f = src->f;
    c->mem = c->chunk;
    if (src->seekable) {
        if (fseeko(src->f, 0, SEEK_SET) != 0)
            return careerp_fail_errno(err, src->name, "cannot read", errno);
        clearerr(src->f);
        return CAREER_OK;
    }
    if (src->streamed) /* a stream is read once */
        return careerp_fail_at(err, CAREER_ERR_IO, src->name, 0, 0,
                               "%s: cannot read a stream twice", src->name);
    src->streamed = 1;
    memcpy(c->chunk, src->head, src->nhead);
    c->end = src->nhead;
    return CAREER_OK;
}

career_status careerp_csv_open(careerp_source *src, careerp_rows **out,
                               career_error *err)
{
    csv *c = calloc(1, sizeof *c);
    career_status st;

    if (!c)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(c->name, sizeof c->name, "%s", src->name);
    c->base.next = csv_next;
    c->base.close = csv_close;
    c->base.name = c->name;
    c->line = 1;
    if (src->f) {
        if ((st = csv_stream(c, src, err)) != CAREER_OK) {
            csv_close(&c->base);
            return st;
        }
    } else {
        c->mem = (const char *)src->data;
        c->end = src->n;
    }
    skip_bom(c);
    *out = &c->base;
    return CAREER_OK;
}
