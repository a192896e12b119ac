/* csv.c - a streaming RFC 4180 reader (fields separated by commas,
 * records by CRLF, LF or a lone CR, quoted fields with doubled quotes
 * inside, an optional UTF-8 byte-order mark; a NUL byte is an error). Only
 * one row is held in memory at a time, in a row buffer (rowbuf.c). */
#include "bls/bls.h"

#include <errno.h>
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

/* The next byte, or -1 at the end (-2 on a read error, from then on). */
static int csv_getc(csv *c)
{
    if (c->pos < c->end)
        return (unsigned char)c->mem[c->pos++];
    if (!c->f || c->eof)
        return c->read_errno ? -2 : -1;
    c->end = careerp_source_read(c->f, c->chunk, CSV_CHUNK);
    c->pos = 0;
    if (c->end == 0) {
        c->eof = 1;
        if (ferror(c->f))
            c->read_errno = errno ? errno : EIO;
        return c->read_errno ? -2 : -1;
    }
    return (unsigned char)c->mem[c->pos++];
}

/* The next byte, left to read (it stays in the chunk just read). */
static int csv_peek(csv *c)
{
    int ch = csv_getc(c);

    if (ch >= 0)
        c->pos--;
    return ch;
}

/* A byte of a cell: a NUL would end the cell's text where its length
 * does not, so that the rest of the cell vanished unseen. */
static career_status csv_put(csv *c, int ch, const char **why)
{
    if (ch == '\0') {
        *why = "a NUL byte in the cell";
        return CAREER_ERR_PARSE;
    }
    return careerp_rowbuf_byte(&c->row, (char)ch);
}

/* A quoted field: bytes up to the closing quote ("" is one quote), line
 * ends kept as they are. Returns the byte after the closing quote. */
static int csv_quoted(csv *c, career_status *st, const char **why)
{
    int ch;

    for (;;) {
        ch = csv_getc(c);
        if (ch < 0) {
            *st = CAREER_ERR_PARSE;
            *why = "a quoted field is not closed";
            return ch;
        }
        /* a lone CR ends a line too, as in the files of old Mac
         * programs; a CRLF is counted at its LF */
        if (ch == '\n' || (ch == '\r' && csv_peek(c) != '\n'))
            c->line++;
        if (ch == '"') {
            ch = csv_getc(c);
            if (ch != '"')
                return ch;
        }
        if ((*st = csv_put(c, ch, why)) != CAREER_OK)
            return -1;
    }
}

/* One field starting with byte ch; returns the byte that ended it (',',
 * '\n' for any line end: LF, CRLF or CR, or -1 at the end of the input). */
static int csv_field(csv *c, int ch, career_status *st, const char **why)
{
    if (ch == '"') {
        ch = csv_quoted(c, st, why);
        if (*st != CAREER_OK)
            return -1;
    } else {
        while (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r') {
            if ((*st = csv_put(c, ch, why)) != CAREER_OK)
                return -1;
            ch = csv_getc(c);
        }
    }
    if (ch == '\r') { /* CRLF, or a lone CR: one line end */
        if (csv_peek(c) == '\n')
            c->pos++;
        ch = '\n';
    }
    if (ch != ',' && ch != '\n' && ch != -1 && ch != -2) {
        *st = CAREER_ERR_PARSE;
        *why = "text after the closing quote of a field";
    }
    return ch;
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
    if (csv_getc(c) < 0) /* the first chunk read: nothing to skip */
        return;
    c->pos--;
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
