/* rowbuf.c - a growing row, cells appended byte by byte: the buffer both
 * table readers (csv.c, xlsx.c) fill, with the limits that keep a hostile
 * file from exhausting memory. A leaf: it calls no other reader. */
#include "bls/bls.h"

#include <stdlib.h>
#include <string.h>

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

career_status careerp_rowbuf_reserve(careerp_rowbuf *b, size_t n)
{
    if (b->used + n + 1 > CAREERP_ROW_MAX_BYTES)
        return CAREER_ERR_PARSE;
    if (b->used + n + 1 > b->cap &&
        grow((void **)&b->text, &b->cap, b->used + n + 1, 1) != CAREER_OK)
        return CAREER_ERR_NOMEM;
    return CAREER_OK;
}

career_status careerp_rowbuf_bytes(careerp_rowbuf *b, const char *s, size_t n)
{
    career_status st = careerp_rowbuf_reserve(b, n);

    if (st != CAREER_OK)
        return st;
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

    if (b->n + 1 > CAREERP_ROW_MAX_CELLS)
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
