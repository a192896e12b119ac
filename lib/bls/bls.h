/*
 * bls/bls.h - statistical tables (lib/bls/): rows read from CSV or .xlsx,
 * BLS cells, and ladder templates. Only lib/bls/ and its tests include
 * this.
 */
#ifndef CAREER_BLS_H
#define CAREER_BLS_H

#include "core/core.h"

/* ---- csv.c, xlsx.c: tables read one row at a time ---------------------- */

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

/* Opens sheet `sheet` (0-based; a CSV file has only sheet 0) of the file
 * at path, or of the n bytes at data when path is NULL (`name` labels them
 * in errors). An .xlsx is recognised by its first bytes (a zip archive).
 * CAREER_ERR_NOT_FOUND when there is no such sheet. */
career_status careerp_rows_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err);

/* Closes rows (NULL: no-op). */
void careerp_rows_close(careerp_rows *rows);

/* The CSV and .xlsx readers behind careerp_rows_open. */
career_status careerp_csv_open(const char *path, const void *data, size_t n,
                               const char *name, careerp_rows **out,
                               career_error *err);
career_status careerp_xlsx_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err);

/* A growing row: cells appended byte by byte, shared by both readers. */
typedef struct careerp_rowbuf {
    char *text;       /* the cells' bytes, each followed by a NUL */
    size_t used, cap;
    size_t *start;    /* offset of each cell in text */
    size_t *len;
    char **cell;
    size_t n, ncap;
    int unbounded;    /* no row limits (the shared strings of a workbook) */
} careerp_rowbuf;

/* The limits of one row, so that a hostile file cannot exhaust memory. */
#define CAREERP_ROW_MAX_BYTES ((size_t)1 << 20)
#define CAREERP_ROW_MAX_CELLS ((size_t)4096)

career_status careerp_rowbuf_byte(careerp_rowbuf *b, char c);
career_status careerp_rowbuf_bytes(careerp_rowbuf *b, const char *s,
                                   size_t n);
career_status careerp_rowbuf_end_cell(careerp_rowbuf *b);
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
struct career_ladder_template {
    size_t n;
    char name[CAREER_MAX_TIERS][CAREERP_TEMPLATE_NAME];
    double min_years[CAREER_MAX_TIERS];
    double anchor_years[CAREER_MAX_TIERS];
    double percentile[CAREER_MAX_TIERS];
    char title[160];
};

#endif /* CAREER_BLS_H */
