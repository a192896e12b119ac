/* ep.c - the BLS Employment Projections table: for each occupation, the
 * ten-year percent change of employment and the occupational separations
 * rate. BLS publishes them as tables with title rows above a header whose
 * texts name the years ("Employment change, percent, 2023-33"), often as
 * several sheets of one workbook (Table 1.2 for the change, Table 1.10 for
 * the separations): every sheet with such a header is read, and an
 * occupation's figures are gathered from all of them. */
#include "bls/bls.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SEARCH_ROWS 20
#define MAX_SHEETS 32

typedef struct ep_row {
    char code[16];
    size_t title; /* in the pool, or (size_t)-1 */
    double growth, years, separation_rate; /* NaN where not given */
    int start_year;
    long row;
} ep_row;

struct career_ep_table {
    ep_row *rows;
    size_t n, cap;
    uint32_t *slot; /* the rows by code, hashed (i + 1; 0 empty) */
    size_t nslot;   /* a power of 2, at least twice n */
    careerp_arena pool; /* the titles */
    char name[160];
};

/* The columns of a sheet. The code and the title may each be one of a
 * few columns (a merged "title and code" heading covers both): each row
 * takes the first of its candidates that holds a code, or a title. */
#define MAX_CANDIDATES 4
typedef struct ep_cols {
    long code[MAX_CANDIDATES], title[MAX_CANDIDATES];
    size_t ncode, ntitle;
    long change, separations;
    int start_year, years;
} ep_cols;

/* A header may span this many rows (the 2016-26 tables take 3: a group
 * heading such as "Change, 2016-26" merged over "Number" and "Percent"),
 * of at most this many columns and bytes a column. */
#define HEADER_ROWS 3
#define HEADER_COLS 64
#define HEADER_TEXT 200

/* The last HEADER_ROWS rows read, copied: rows[k][i] is column i of the
 * k-th (oldest first). */
typedef struct header_rows {
    size_t n, ncols[HEADER_ROWS];
    char rows[HEADER_ROWS][HEADER_COLS][HEADER_TEXT];
} header_rows;

/* Whether text contains word, ASCII letters compared without case. */
static int contains(const char *text, const char *word)
{
    size_t n = strlen(word), i;

    for (; *text; text++) {
        for (i = 0; i < n && text[i]; i++) {
            if (careerp_ascii_lower((unsigned char)text[i]) != word[i])
                break;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

/* The years of "2023-33", "2023–33" or "2023-2033" in a header. */
static int header_years(const char *h, int *start, int *years)
{
    const char *s, *d;
    int a, b, nd;

    for (s = h; *s; s++) {
        if (!(s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
              s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'))
            continue;
        a = (int)strtol(s, NULL, 10);
        for (d = s + 4; *d && d < s + 8 && !(*d >= '0' && *d <= '9'); d++)
            ;
        for (nd = 0, b = 0; d[nd] >= '0' && d[nd] <= '9' && nd < 5; nd++)
            b = b * 10 + (d[nd] - '0');
        if (d == s + 4 || (nd != 2 && nd != 4))
            continue;
        if (nd == 2)
            b += a / 100 * 100 + (b < a % 100 ? 100 : 0);
        if (b <= a || b - a > 50)
            continue;
        *start = a;
        *years = b - a;
        return 1;
    }
    return 0;
}

static void remember(header_rows *h, const careerp_row *row)
{
    size_t i;

    if (h->n == HEADER_ROWS) {
        memmove(h->rows[0], h->rows[1], sizeof h->rows[0] * (HEADER_ROWS - 1));
        memmove(h->ncols, h->ncols + 1, sizeof h->ncols[0] * (HEADER_ROWS - 1));
        h->n--;
    }
    h->ncols[h->n] = row->n < HEADER_COLS ? row->n : HEADER_COLS;
    for (i = 0; i < h->ncols[h->n]; i++)
        snprintf(h->rows[h->n][i], HEADER_TEXT, "%s", row->cell[i]);
    h->n++;
}

/* Column i's own heading over the last k rows (its cells' texts), and its
 * group heading (each row's text at i, or where empty, the text nearest
 * to its left in that row: the cell merged over it). */
static void heading(const header_rows *h, size_t k, size_t i, char *own,
                    char *group)
{
    size_t r, j;

    own[0] = group[0] = '\0';
    for (r = h->n - k; r < h->n; r++) {
        const char *cell = i < h->ncols[r] ? h->rows[r][i] : "";
        for (j = i; !*cell && j-- > 0;)
            cell = j < h->ncols[r] ? h->rows[r][j] : "";
        if (i < h->ncols[r] && h->rows[r][i][0])
            snprintf(own + strlen(own), HEADER_TEXT - strlen(own), "%s ",
                     h->rows[r][i]);
        snprintf(group + strlen(group), HEADER_TEXT - strlen(group), "%s ",
                 cell);
    }
}

/* The columns of the header made of the last k rows: the code and title
 * candidates by their group headings, the percent change where the group
 * names the change and its years and the column itself says percent, the
 * separations rate (its total, where there are parts). */
static void map_header(const header_rows *h, size_t k, ep_cols *c)
{
    char own[HEADER_TEXT], group[HEADER_TEXT];
    size_t i, n = 0;

    memset(c, 0, sizeof *c);
    c->change = c->separations = -1;
    for (i = 0; i < h->n; i++)
        n = h->ncols[i] > n ? h->ncols[i] : n;
    for (i = 0; i < n; i++) {
        heading(h, k, i, own, group);
        if (contains(group, "code") && c->ncode < MAX_CANDIDATES)
            c->code[c->ncode++] = (long)i;
        if (contains(group, "title") && c->ntitle < MAX_CANDIDATES)
            c->title[c->ntitle++] = (long)i;
        if (c->change < 0 && contains(group, "change") &&
            contains(own, "percent") &&
            header_years(group, &c->start_year, &c->years))
            c->change = (long)i;
        else if (contains(group, "separations rate") &&
                 (c->separations < 0 || contains(own, "total")))
            c->separations = (long)i;
    }
}

static int is_code(const char *s)
{
    int i;

    for (i = 0; i < 7; i++)
        if (i == 2 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return s[7] == '\0';
}

static const char *cell_at(const careerp_row *row, long col)
{
    return col >= 0 && (size_t)col < row->n ? row->cell[col] : "";
}

/* The row's code: its first code candidate that holds one; NULL when
 * none does (a title row, a footnote). */
static const char *code_of(const careerp_row *row, const ep_cols *c)
{
    size_t k;

    for (k = 0; k < c->ncode; k++)
        if (is_code(cell_at(row, c->code[k])))
            return cell_at(row, c->code[k]);
    return NULL;
}

/* The row's title: its first title candidate that is not a code. */
static const char *title_of(const careerp_row *row, const ep_cols *c)
{
    size_t k;

    for (k = 0; k < c->ntitle; k++)
        if (*cell_at(row, c->title[k]) && !is_code(cell_at(row, c->title[k])))
            return cell_at(row, c->title[k]);
    return NULL;
}

/* The slot of a code in the index: the one of its row, or the empty one
 * where it would go. */
static size_t code_slot(const career_ep_table *t, const char *code)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    size_t mask = t->nslot - 1, k;
    const char *c;

    for (c = code; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    for (k = (size_t)h & mask;
         t->slot[k] && strcmp(t->rows[t->slot[k] - 1].code, code) != 0;
         k = (k + 1) & mask)
        ;
    return k;
}

static ep_row *find_row(const career_ep_table *t, const char *code)
{
    size_t k;

    if (t->nslot == 0)
        return NULL;
    k = code_slot(t, code);
    return t->slot[k] ? &t->rows[t->slot[k] - 1] : NULL;
}

static size_t place_row(const void *ctx, size_t i)
{
    const career_ep_table *t = ctx;

    return code_slot(t, t->rows[i].code);
}

/* Room for one more row in the index (careerp_index_grow). */
static career_status grow_index(career_ep_table *t)
{
    return careerp_index_grow(&t->slot, &t->nslot, t->n, place_row, t);
}

static career_status add_title(career_ep_table *t, const char *s, size_t *at)
{
    return careerp_arena_add(&t->pool, s, strlen(s), at);
}

/* The row for code, made when new: CAREER_ERR_PARSE past
 * CAREER_EP_MAX_ROWS codes, CAREER_ERR_NOMEM. */
static career_status row_for(career_ep_table *t, const char *code, long number,
                             ep_row **out)
{
    ep_row *r = find_row(t, code);

    if (!r) {
        if (t->n == CAREER_EP_MAX_ROWS)
            return CAREER_ERR_PARSE;
        if (grow_index(t) != CAREER_OK)
            return CAREER_ERR_NOMEM;
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 256;
            ep_row *p = realloc(t->rows, cap * sizeof *p);
            if (!p)
                return CAREER_ERR_NOMEM;
            t->rows = p;
            t->cap = cap;
        }
        r = &t->rows[t->n];
        memset(r, 0, sizeof *r);
        strcpy(r->code, code);
        r->title = (size_t)-1;
        r->growth = r->years = r->separation_rate = NAN;
        r->row = number;
        t->slot[code_slot(t, code)] = (uint32_t)(++t->n);
    }
    *out = r;
    return CAREER_OK;
}

/* A percent cell as a fraction (NaN when not available). */
static career_status percent(const career_ep_table *t, const careerp_row *row,
                             long col, double *out, career_error *err)
{
    double v = NAN;
    int mark;

    if (col < 0)
        return CAREER_OK;
    if (!careerp_cell_number(cell_at(row, col), &v, &mark) &&
        !(cell_at(row, col)[0] == '-' &&
          careerp_cell_number(cell_at(row, col) + 1, &v, &mark) &&
          (v = -v, 1)))
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, (int)col + 1,
                               "column %ld: '%.40s' is not a number", col + 1,
                               cell_at(row, col));
    if (mark == CAREERP_CELL_VALUE)
        *out = v / 100.0;
    return CAREER_OK;
}

static career_status keep(career_ep_table *t, const careerp_row *row,
                          const char *code, const ep_cols *c,
                          career_error *err)
{
    double change = NAN, sep = NAN;
    const char *title = title_of(row, c);
    career_status st;
    ep_row *r;

    if ((st = percent(t, row, c->change, &change, err)) ||
        (st = percent(t, row, c->separations, &sep, err)))
        return st;
    /* a fall of all jobs or more, or a rise past elevenfold, is no
     * projection: a misread cell */
    if (!isnan(change) && !(change > -1.0 && change <= 10.0))
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, (int)c->change + 1,
                               "row %ld, column %ld: a percent change of "
                               "%g %% (must be above -100 %% and at most "
                               "1,000 %%)", row->number, c->change + 1,
                               100.0 * change);
    if ((st = row_for(t, code, row->number, &r)) == CAREER_ERR_PARSE)
        return careerp_fail_at(err, st, t->name, (int)row->number, 0,
                               "more than %zu occupation codes (is this an "
                               "Employment Projections table?)",
                               CAREER_EP_MAX_ROWS);
    if (st != CAREER_OK)
        return careerp_fail(err, st, "out of memory");
    if (r->title == (size_t)-1 && title &&
        (st = add_title(t, title, &r->title)))
        return careerp_fail(err, st, "out of memory");
    if (!isnan(change)) {
        r->growth = change;
        r->years = c->years;
        r->start_year = c->start_year;
    }
    if (!isnan(sep)) {
        if (!(sep >= 0.0 && sep <= 1.0))
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)row->number, (int)c->separations + 1,
                                   "separations rate outside 0-100 %%");
        r->separation_rate = sep;
    }
    return CAREER_OK;
}

/* Reads one sheet: *found when it had a header. */
static career_status read_sheet(career_ep_table *t, careerp_rows *rows,
                                int *found, career_error *err)
{
    careerp_row row;
    career_status st = CAREER_OK;
    header_rows *h = calloc(1, sizeof *h);
    ep_cols c;
    size_t k = 0;
    int r, data = 0;

    *found = 0;
    if (!h)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    /* the header is the fewest rows just above the first row with a code
     * under it that name a code and a change or a separations rate; a
     * header with no such row under it is found, with no data */
    for (r = 0; r < HEADER_SEARCH_ROWS && !data; r++) {
        if ((st = rows->next(rows, &row, err)) != CAREER_OK)
            break;
        for (k = 1; k <= h->n && !data; k++) {
            map_header(h, k, &c);
            if (c.ncode > 0 && (c.change >= 0 || c.separations >= 0)) {
                *found = 1;
                data = code_of(&row, &c) != NULL;
            }
        }
        if (!data)
            remember(h, &row);
    }
    free(h);
    while (data && st == CAREER_OK) {
        const char *code = code_of(&row, &c);
        if (code && (st = keep(t, &row, code, &c, err)))
            return st;
        st = rows->next(rows, &row, err);
    }
    return st == CAREER_ERR_NOT_FOUND ? CAREER_OK : st;
}

static career_status read_table(career_ep_table *t, careerp_source *src,
                                career_error *err)
{
    careerp_rows *rows;
    career_status st;
    size_t sheet;
    int found, any = 0;

    for (sheet = 0; sheet < MAX_SHEETS; sheet++) {
        st = careerp_rows_open(src, sheet, &rows, err);
        if (st == CAREER_ERR_NOT_FOUND)
            break;
        if (st != CAREER_OK)
            return st;
        st = read_sheet(t, rows, &found, err);
        careerp_rows_close(rows);
        if (st != CAREER_OK)
            return st;
        any |= found;
    }
    if (!any)
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0, 0,
                               "no header with an occupation code column and "
                               "a percent change (with its years, e.g. "
                               "2023-33) or a separations rate column");
    if (t->n == 0)
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0, 0,
                               "a header, but no row with an occupation "
                               "code (NN-NNNN) under it");
    return CAREER_OK;
}

static career_status open_ep(const char *path, const void *data, size_t n,
                             const char *name, career_ep_table **out,
                             career_error *err)
{
    career_ep_table *t;
    careerp_source src;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (!(t = calloc(1, sizeof *t)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(t->name, sizeof t->name, "%s",
             careerp_source_name(path, name, "<table>"));
    st = careerp_source_open(&src, path, data, n, t->name, err);
    if (st == CAREER_OK)
        st = read_table(t, &src, err);
    careerp_source_close(&src);
    if (st != CAREER_OK) {
        career_ep_close(t);
        return st;
    }
    *out = t;
    return CAREER_OK;
}

career_status career_ep_open(const char *path, career_ep_table **out,
                             career_error *err)
{
    if (!path) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    }
    return open_ep(path, NULL, 0, NULL, out, err);
}

career_status career_ep_open_memory(const void *data, size_t n,
                                    const char *name, career_ep_table **out,
                                    career_error *err)
{
    if (!data && n) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "data: NULL");
    }
    return open_ep(NULL, data ? data : "", n, name, out, err);
}

void career_ep_close(career_ep_table *table)
{
    if (!table)
        return;
    free(table->rows);
    free(table->slot);
    careerp_arena_free(&table->pool);
    free(table);
}

size_t career_ep_count(const career_ep_table *table)
{
    return table ? table->n : 0;
}

static void fill(const career_ep_table *t, const ep_row *r,
                 career_ep_entry *out)
{
    memset(out, 0, sizeof *out);
    out->occ_code = r->code;
    out->occ_title =
        r->title == (size_t)-1 ? NULL : t->pool.text + r->title;
    out->growth = r->growth;
    out->years = r->years;
    out->start_year = r->start_year;
    out->separation_rate = isnan(r->separation_rate) ? 0.0
                                                     : r->separation_rate;
    out->row = r->row;
}

career_status career_ep_entry_at(const career_ep_table *table, size_t index,
                                 career_ep_entry *out)
{
    if (!table || !out)
        return CAREER_ERR_ARG;
    if (index >= table->n)
        return CAREER_ERR_NOT_FOUND;
    fill(table, &table->rows[index], out);
    return CAREER_OK;
}

career_status career_ep_find(const career_ep_table *table,
                             const char *occ_code, career_ep_entry *out)
{
    const ep_row *r;

    if (!table || !occ_code || !out)
        return CAREER_ERR_ARG;
    if (!(r = find_row(table, occ_code)))
        return CAREER_ERR_NOT_FOUND;
    fill(table, r, out);
    return CAREER_OK;
}
