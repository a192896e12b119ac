/*
 * bls/bls.h - statistical tables (lib/bls/): rows read from CSV or .xlsx,
 * BLS cells, and ladder templates. Only lib/bls/ and its tests include
 * this.
 */
#ifndef CAREER_BLS_H
#define CAREER_BLS_H

#include "core/core.h"

/* ---- csv.c, xlsx.c: rows ------------------------------------------------ */

/* One row of a table: n cells, cell[i] NUL-terminated text of len[i]
 * bytes (empty for an empty cell), valid until the next read. `number` is
 * the row's number in the file (the CSV line where it starts, the sheet's
 * row number). */
typedef struct careerp_row {
    size_t n;
    char *const *cell;
    const size_t *len;
    long number;
} careerp_row;

/* A source of rows: a CSV file or one sheet of an .xlsx workbook. `next`
 * returns CAREER_OK with a row, CAREER_ERR_NOT_FOUND at the end, or an
 * error (recorded in err with the file and row). */
typedef struct careerp_rows careerp_rows;
struct careerp_rows {
    career_status (*next)(careerp_rows *rows, careerp_row *row,
                          career_error *err);
    void (*close)(careerp_rows *rows);
    const char *name; /* the file, for errors */
    int ragged;       /* rows may leave out empty cells at their end */
};

/* ---- source.c: the bytes of a table, opened once ------------------------ */

/* A file or bytes in memory. A file is opened once, and its first bytes,
 * read to tell a workbook (a zip archive: "PK\3\4") from CSV, stay in
 * `head` for the CSV reader: a pipe or a FIFO is read once, as a stream.
 * A workbook from a stream that cannot seek is read whole into memory
 * (libzip needs its end first), at most CAREERP_PIPED_WORKBOOK_MAX. */
typedef struct careerp_source {
    char name[160];            /* the path, or the caller's name: errors */
    FILE *f;                   /* the open file, or NULL */
    int seekable;              /* f is a regular file */
    const unsigned char *data; /* bytes in memory (when f is NULL) */
    size_t n;
    unsigned char *owned;      /* data, when read here from a pipe */
    unsigned char head[4];     /* f's first bytes, already read */
    size_t nhead;
    int zip;                   /* the bytes are a zip archive */
    int streamed;              /* a CSV reader has taken f's bytes */
} careerp_source;

#define CAREERP_PIPED_WORKBOOK_MAX ((size_t)512 << 20)

/* Opens the file at path, or the n bytes at data when path is NULL
 * (`name` labels them in errors). A folder is CAREER_ERR_IO, as is a file
 * that cannot be opened or read (CAREER_ERR_NOMEM when the system had no
 * memory). Close with careerp_source_close, also after a failure. */
career_status careerp_source_open(careerp_source *s, const char *path,
                                  const void *data, size_t n,
                                  const char *name, career_error *err);
void careerp_source_close(careerp_source *s);

/* fread, read on when a signal interrupts it (EINTR); as fread, a short
 * count means the end of the file or an error (ferror). */
size_t careerp_source_read(FILE *f, void *buf, size_t n);

/* ---- rows.c, csv.c, xlsx.c: tables read one row at a time -------------- */

/* Opens sheet `sheet` (0-based; a CSV file has only sheet 0) of the
 * source. CAREER_ERR_NOT_FOUND when there is no such sheet. The rows
 * borrow the source: close them first. */
career_status careerp_rows_open(careerp_source *src, size_t sheet,
                                careerp_rows **out, career_error *err);

/* Closes rows (NULL: no-op). */
void careerp_rows_close(careerp_rows *rows);

/* The CSV and .xlsx readers behind careerp_rows_open. */
career_status careerp_csv_open(careerp_source *src, careerp_rows **out,
                               career_error *err);
career_status careerp_xlsx_open(careerp_source *src, size_t sheet,
                                careerp_rows **out, career_error *err);

/* ---- sheet.c: the rows of a worksheet, from its XML --------------------- */

/* A workbook's shared strings (xlsx.c): string i is the NUL-terminated
 * text + start[i]; one more would start at `used`. */
typedef struct careerp_strings {
    const char *text;
    const uint32_t *start;
    size_t n, used;
} careerp_strings;

/* Where a sheet's XML comes from: pull reads up to n bytes of the part
 * into buf and returns their count, 0 at its end, or -1 when it cannot
 * be read; failed then records why in err (at row `row`). */
typedef struct careerp_sheet_input {
    long (*pull)(void *ctx, char *buf, size_t n);
    career_status (*failed)(void *ctx, long row, career_error *err);
    void *ctx;
    const char *source; /* the file, for errors */
    const char *entry;  /* the part */
} careerp_sheet_input;

typedef struct careerp_sheet careerp_sheet;

/* A sheet read from `in`, with the workbook's shared strings (both
 * borrowed until it is closed): CAREER_ERR_NOMEM, with no record, when
 * it cannot be made. careerp_sheet_next is a careerp_rows' next. */
career_status careerp_sheet_open(const careerp_sheet_input *in,
                                 const careerp_strings *strings,
                                 careerp_sheet **out);
career_status careerp_sheet_next(careerp_sheet *s, careerp_row *row,
                                 career_error *err);
void careerp_sheet_close(careerp_sheet *s); /* NULL: no-op */

/* A growing row: cells appended byte by byte, shared by both readers. */
typedef struct careerp_rowbuf {
    char *text;       /* the cells' bytes, each followed by a NUL */
    size_t used, cap;
    size_t *start;    /* offset of each cell in text */
    size_t *len;
    char **cell;
    size_t n, ncap;
} careerp_rowbuf;

/* The limits of one row, so that a hostile file cannot exhaust memory. */
#define CAREERP_ROW_MAX_BYTES ((size_t)1 << 20)
#define CAREERP_ROW_MAX_CELLS ((size_t)4096)

/* Room for n more bytes and a NUL after them: CAREER_ERR_PARSE past
 * CAREERP_ROW_MAX_BYTES (the text's capacity never exceeds it),
 * CAREER_ERR_NOMEM. */
career_status careerp_rowbuf_reserve(careerp_rowbuf *b, size_t n);
career_status careerp_rowbuf_byte(careerp_rowbuf *b, char c);
career_status careerp_rowbuf_bytes(careerp_rowbuf *b, const char *s,
                                   size_t n);
career_status careerp_rowbuf_end_cell(careerp_rowbuf *b);
/* careerp_rowbuf_end_cell, inline when there is room (the readers end
 * a cell every few bytes). */
static inline career_status careerp_rowbuf_end_fast(careerp_rowbuf *b)
{
    size_t begin;

    /* ncap never exceeds CAREERP_ROW_MAX_CELLS, nor cap the bytes' limit */
    if (b->n >= b->ncap || b->used + 2 > b->cap)
        return careerp_rowbuf_end_cell(b);
    begin = b->n ? b->start[b->n - 1] + b->len[b->n - 1] + 1 : 0;
    b->text[b->used++] = '\0';
    b->start[b->n] = begin;
    b->len[b->n] = b->used - 1 - begin;
    b->n++;
    return CAREER_OK;
}
/* Points row at the cells gathered (their pointers fixed from here). */
void careerp_rowbuf_row(careerp_rowbuf *b, careerp_row *row, long number);
void careerp_rowbuf_clear(careerp_rowbuf *b);
void careerp_rowbuf_free(careerp_rowbuf *b);

/* ---- oews.c, ep.c: statistical tables ------------------------------------ */

/* What a numeric cell of a BLS table holds. */
enum { CAREERP_CELL_VALUE = 0, CAREERP_CELL_NA = 1, CAREERP_CELL_TOP = 2 };

/* A numeric cell (cell.c): *mark is CAREERP_CELL_VALUE for a value
 * (thousands separators dropped), CAREERP_CELL_NA for not available ("*",
 * "**", "~", empty), CAREERP_CELL_TOP for top-coded ("#"). Returns 0 when
 * the text is none of these. */
int careerp_cell_number(const char *cell, double *value, int *mark);

/* A ladder template (ladder_template.c): tiers and the market percentile
 * of each tier's median. Names live in the struct: no allocation but the
 * struct itself. */
#define CAREERP_TEMPLATE_NAME 96
/* The smallest experience correlation a template or an import may
 * assume (the profile's own bound). */
#define CAREERP_MIN_RHO CAREER_MIN_EXPERIENCE_CORRELATION
/* The experience correlation of the copula band's templates when they
 * give none (docs/model.md §11, "Years"). */
#define CAREERP_DEFAULT_RHO 0.85

struct career_ladder_template {
    size_t n;
    char tier[CAREER_MAX_TIERS][CAREERP_TEMPLATE_NAME]; /* their names */
    double min_years[CAREER_MAX_TIERS];   /* unused when workforce */
    double anchor_years[CAREER_MAX_TIERS];
    /* a tier's market percentile, or NaN for a tier `between` (in (0,1))
     * of the way in salary from the nearest tier below that has one to
     * the nearest above (the first and last tiers have one) */
    double percentile[CAREER_MAX_TIERS];
    double between[CAREER_MAX_TIERS];
    int workforce;     /* anchors at the workforce's experience quantiles */
    double peak_years; /* the profile's curve.peak_years; 0: none */
    career_band_shape band; /* the profiles' band */
    double rho;        /* experience_correlation, in [CAREERP_MIN_RHO, 1] */
    char name[160];       /* the template's */
    char assumption[480];
};

/* The open-addressing index of a table's rows (slot[k] = row + 1, 0 for
 * empty; nslot a power of 2), shared by OEWS and EP (cell.c): room for one
 * row more than n, doubled when it would be more than half full, every row
 * placed again at place(ctx, i), which reads *slot and *nslot. */
career_status careerp_index_grow(uint32_t **slot, size_t *nslot, size_t n,
                                 size_t (*place)(const void *ctx, size_t i),
                                 const void *ctx);

#endif /* CAREER_BLS_H */
