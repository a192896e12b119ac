/* csv.c - tables read one row at a time: the row buffer both readers
 * share, the choice between CSV and .xlsx, and a streaming RFC 4180 reader
 * (fields separated by commas, records by CRLF or LF, quoted fields with
 * doubled quotes inside, an optional UTF-8 byte-order mark). Only one row
 * is held in memory at a time. */
#include "bls/bls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the row buffer ------------------------------------------------------ */

static career_status grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t ncap = *cap ? *cap : 64;
    void *np;

    while (ncap < need)
        ncap *= 2;
    np = realloc(*p, ncap * size);
    if (!np)
        return CAREER_ERR_NOMEM;
    *p = np;
    *cap = ncap;
    return CAREER_OK;
}

career_status careerp_rowbuf_bytes(careerp_rowbuf *b, const char *s, size_t n)
{
    if (!b->unbounded && b->used + n + 1 > CAREERP_ROW_MAX_BYTES)
        return CAREER_ERR_PARSE;
    if (b->used + n + 1 > b->cap &&
        grow((void **)&b->text, &b->cap, b->used + n + 1, 1) != CAREER_OK)
        return CAREER_ERR_NOMEM;
    memcpy(b->text + b->used, s, n);
    b->used += n;
    return CAREER_OK;
}

career_status careerp_rowbuf_byte(careerp_rowbuf *b, char c)
{
    if (b->used + 2 <= b->cap) {
        b->text[b->used++] = c;
        return CAREER_OK;
    }
    return careerp_rowbuf_bytes(b, &c, 1);
}

career_status careerp_rowbuf_end_cell(careerp_rowbuf *b)
{
    size_t begin = b->n ? b->start[b->n - 1] + b->len[b->n - 1] + 1 : 0;
    career_status st;

    if (!b->unbounded && b->n + 1 > CAREERP_ROW_MAX_CELLS)
        return CAREER_ERR_PARSE;
    if (b->n + 1 > b->ncap) {
        size_t c1 = b->ncap, c2 = b->ncap, c3 = b->ncap;
        if ((st = grow((void **)&b->start, &c1, b->n + 1, sizeof *b->start)) ||
            (st = grow((void **)&b->len, &c2, b->n + 1, sizeof *b->len)) ||
            (st = grow((void **)&b->cell, &c3, b->n + 1, sizeof *b->cell)))
            return st;
        b->ncap = c1;
    }
    if ((st = careerp_rowbuf_byte(b, '\0')) != CAREER_OK)
        return st;
    b->start[b->n] = begin;
    b->len[b->n] = b->used - 1 - begin;
    b->n++;
    return CAREER_OK;
}

void careerp_rowbuf_row(careerp_rowbuf *b, careerp_row *row, long number)
{
    size_t i;

    for (i = 0; i < b->n; i++)
        b->cell[i] = b->text + b->start[i];
    row->n = b->n;
    row->cell = b->cell;
    row->len = b->len;
    row->number = number;
}

void careerp_rowbuf_clear(careerp_rowbuf *b)
{
    b->used = 0;
    b->n = 0;
}


void careerp_rowbuf_free(careerp_rowbuf *b)
{
    free(b->text);
    free(b->start);
    free(b->len);
    free(b->cell);
    memset(b, 0, sizeof *b);
}

/* ---- the choice of reader ------------------------------------------------ */

/* Whether the file starts as a zip archive does ("PK\3\4"). */
static career_status looks_like_zip(const char *path, const void *data,
                                    size_t n, int *zip, career_error *err)
{
    unsigned char head[4] = {0};
    size_t got = n < 4 ? n : 4;
    FILE *f;

    if (!path) {
        memcpy(head, data, got);
    } else {
        if (!(f = fopen(path, "rb")))
            return careerp_fail_at(err, CAREER_ERR_IO, path, 0, 0,
                                   "cannot open: %s", strerror(errno));
        got = fread(head, 1, 4, f);
        fclose(f);
    }
    *zip = got == 4 && memcmp(head, "PK\3\4", 4) == 0;
    return CAREER_OK;
}

career_status careerp_rows_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err)
{
    career_status st;
    int zip;

    if ((st = looks_like_zip(path, data, n, &zip, err)) != CAREER_OK)
        return st;
    if (zip)
        return careerp_xlsx_open(path, data, n, name, sheet, out, err);
    if (sheet > 0)
        return CAREER_ERR_NOT_FOUND;
    return careerp_csv_open(path, data, n, name, out, err);
}

void careerp_rows_close(careerp_rows *rows)
{
    if (rows)
        rows->close(rows);
}

int careerp_cell_is(const char *cell, const char *name)
{
    for (; *cell && *name; cell++, name++) {
        char a = *cell, b = *name;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return *cell == *name;
}

/* ---- CSV ----------------------------------------------------------------- */

#define CSV_CHUNK 65536

typedef struct csv {
    careerp_rows base;
    FILE *f;         /* the file, or NULL for bytes in memory */
    const char *mem; /* the bytes in memory, or the read chunk */
    size_t pos, end;
    char *chunk;
    int eof;
    long line;       /* the physical line being read */
    careerp_rowbuf row;
    char name[160];
} csv;

/* The next byte, or -1 at the end (-2 on a read error). */
static int csv_getc(csv *c)
{
    if (c->pos < c->end)
        return (unsigned char)c->mem[c->pos++];
    if (!c->f || c->eof)
        return -1;
    c->end = fread(c->chunk, 1, CSV_CHUNK, c->f);
    c->pos = 0;
    if (c->end == 0) {
        c->eof = 1;
        return ferror(c->f) ? -2 : -1;
    }
    return (unsigned char)c->mem[c->pos++];
}

/* A quoted field: bytes up to the closing quote ("" is one quote). Returns
 * the byte after the closing quote. */
static int csv_quoted(csv *c, career_status *st)
{
    int ch;

    for (;;) {
        ch = csv_getc(c);
        if (ch < 0) {
            *st = CAREER_ERR_PARSE;
            return ch;
        }
        if (ch == '\n')
            c->line++;
        if (ch == '"') {
            ch = csv_getc(c);
            if (ch != '"')
                return ch;
        }
        if ((*st = careerp_rowbuf_byte(&c->row, (char)ch)) != CAREER_OK)
            return -1;
    }
}

/* One field starting with byte ch; returns the byte that ended it (',',
 * '\n', or -1 at the end of the input). */
static int csv_field(csv *c, int ch, career_status *st, const char **why)
{
    if (ch == '"') {
        ch = csv_quoted(c, st);
        if (*st != CAREER_OK) {
            *why = *st == CAREER_ERR_PARSE ? "a quoted field is not closed"
                                           : NULL;
            return -1;
        }
        if (ch == '\r')
            ch = csv_getc(c);
        if (ch != ',' && ch != '\n' && ch != -1) {
            *st = CAREER_ERR_PARSE;
            *why = "text after the closing quote of a field";
        }
        return ch;
    }
    while (ch >= 0 && ch != ',' && ch != '\n') {
        if (ch != '\r' && (*st = careerp_rowbuf_byte(&c->row, (char)ch)))
            return -1;
        ch = csv_getc(c);
    }
    return ch;
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
        ch = csv_getc(c);
        if (ch == -1)
            return CAREER_ERR_NOT_FOUND;
        for (;;) {
            ch = csv_field(c, ch, &st, &why);
            if (st == CAREER_OK)
                st = careerp_rowbuf_end_cell(&c->row);
            if (st != CAREER_OK || ch != ',')
                break;
            ch = csv_getc(c);
        }
        if (ch == '\n')
            c->line++;
        if (ch == -2)
            return careerp_fail_at(err, CAREER_ERR_IO, c->name, (int)first,
                                   0, "read error: %s", strerror(errno));
        if (st != CAREER_OK)
            return careerp_fail_at(err, st, c->name, (int)first, 0, "%s",
                                   st == CAREER_ERR_NOMEM ? "out of memory"
                                   : why ? why
                                         : "a row longer than 1 MiB or "
                                           "4096 cells");
    } while (c->row.n == 1 && c->row.len[0] == 0); /* blank line */
    careerp_rowbuf_row(&c->row, out, first);
    return CAREER_OK;
}

static void csv_close(careerp_rows *rows)
{
    csv *c = (csv *)(void *)rows;

    if (c->f)
        fclose(c->f);
    free(c->chunk);
    careerp_rowbuf_free(&c->row);
    free(c);
}

career_status careerp_csv_open(const char *path, const void *data, size_t n,
                               const char *name, careerp_rows **out,
                               career_error *err)
{
    csv *c = calloc(1, sizeof *c);

    if (!c)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(c->name, sizeof c->name, "%s",
             path ? path : name ? name : "<table>");
    c->base.next = csv_next;
    c->base.close = csv_close;
    c->base.name = c->name;
    c->line = 1;
    if (path) {
        c->chunk = malloc(CSV_CHUNK);
        if (!c->chunk) {
            free(c);
            return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        }
        if (!(c->f = fopen(path, "rb"))) {
            free(c->chunk);
            free(c);
            return careerp_fail_at(err, CAREER_ERR_IO, path, 0, 0,
                                   "cannot open: %s", strerror(errno));
        }
        c->mem = c->chunk;
    } else {
        c->mem = data;
        c->end = n;
    }
    /* a byte-order mark is no part of the first column's name */
    if (!(csv_getc(c) == 0xEF && csv_getc(c) == 0xBB && csv_getc(c) == 0xBF))
        c->pos = 0;
    *out = &c->base;
    return CAREER_OK;
}
