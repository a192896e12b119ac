/* oews.c - the BLS Occupational Employment and Wage Statistics table: the
 * rows that make profiles are kept (one area's, when asked), read from CSV
 * or .xlsx a row at a time, and a profile is made from one of them on
 * demand. */
#include "bls/bls.h"

#include <gsl/gsl_cdf.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* BLS's top code: "#" stands for a wage of at least $208,000 a year or
 * $100 an hour up to the May 2021 survey, and $239,200 or $115 from May
 * 2022 (the Field Descriptions sheet of each workbook states its own). */
#define CAP_ANNUAL 239200.0
#define CAP_HOURLY 115.0
#define CAP_ANNUAL_TO_2021 208000.0
/* How far down a sheet the statement of the top code is looked for. */
#define CAP_SEARCH_ROWS 200
#define CAP_HOURLY_TO_2021 100.0
/* How many rows of a sheet may sit above its header (titles, notes). */
#define HEADER_SEARCH_ROWS 20
#define MAX_SHEETS 16

enum { NPCT = 5 };

static const double pct_p[NPCT] = {0.10, 0.25, 0.50, 0.75, 0.90};
static const char *const pct_name[2][NPCT] = {
    {"A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"},
    {"H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"}};

typedef struct oews_row {
    size_t occ_code, occ_title, area_code, area_title; /* in the pool */
    double employment;
    double wage[2][NPCT + 1]; /* [0] annual, [1] hourly; [NPCT]: the mean */
    unsigned char mark[2][NPCT + 1];
    int hourly_only;
    unsigned own; /* OWN_CODE, 1235 or 12345; 0 without the column */
    long row;
} oews_row;

struct career_oews_table {
    oews_row *rows;
    size_t n, cap;
    uint32_t *slot; /* the rows by area and occupation (i + 1; 0 empty) */
    size_t nslot;
    careerp_arena pool; /* the rows' strings */
    double cap_annual, cap_hourly;
    double rho; /* options.experience_correlation; 0: the template's */
    char name[160];
    char survey[32]; /* "May 2023", or "" */
};

/* Column indices, -1 when absent. */
typedef struct oews_cols {
    long area, area_title, naics, own, group, occ, title, emp, annual, hourly;
    long pct[2][NPCT];
    long mean[2]; /* A_MEAN, H_MEAN (optional) */
} oews_cols;

/* Area codes compared as numbers written with or without leading zeros
 * ("06" is "6"). */
static int area_eq(const char *a, const char *b)
{
    while (*a == '0' && a[1])
        a++;
    while (*b == '0' && b[1])
        b++;
    return strcmp(a, b) == 0;
}

static int all_zeros(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s != '0')
            return 0;
    return 1;
}

static int is_true(const char *s)
{
    return careerp_ascii_same(s, "TRUE") || strcmp(s, "1") == 0;
}

/* ---- the header ------------------------------------------------------------ */

static long find_col(const careerp_row *row, const char *const *names)
{
    size_t i, k;

    for (k = 0; names[k]; k++)
        for (i = 0; i < row->n; i++)
            if (careerp_ascii_same(row->cell[i], names[k]))
                return (long)i;
    return -1;
}

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

static void map_header(const careerp_row *row, oews_cols *c)
{
    int u, k;

    c->area = find_col(row, NAMES("AREA"));
    c->area_title = find_col(row, NAMES("AREA_TITLE", "AREA_NAME", "STATE"));
    c->naics = find_col(row, NAMES("NAICS"));
    c->own = find_col(row, NAMES("OWN_CODE"));
    c->group = find_col(row, NAMES("O_GROUP", "OCC_GROUP", "GROUP"));
    c->occ = find_col(row, NAMES("OCC_CODE"));
    c->title = find_col(row, NAMES("OCC_TITLE"));
    c->emp = find_col(row, NAMES("TOT_EMP"));
    c->annual = find_col(row, NAMES("ANNUAL"));
    c->hourly = find_col(row, NAMES("HOURLY"));
    for (u = 0; u < 2; u++)
        for (k = 0; k < NPCT; k++)
            c->pct[u][k] = find_col(row, NAMES(pct_name[u][k]));
    c->mean[0] = find_col(row, NAMES("A_MEAN"));
    c->mean[1] = find_col(row, NAMES("H_MEAN"));
}

/* The first required column missing, or NULL. */
static const char *missing_col(const oews_cols *c)
{
    int u, k;

    if (c->occ < 0)
        return "OCC_CODE";
    if (c->title < 0)
        return "OCC_TITLE";
    for (u = 0; u < 2; u++)
        for (k = 0; k < NPCT; k++)
            if (c->pct[u][k] < 0)
                return pct_name[u][k];
    return NULL;
}

/* Finds the header among the first rows of each sheet: the row with
 * OCC_CODE and OCC_TITLE cells (a sheet of field descriptions lists the
 * names one a row). Leaves *rows open after it. */
static career_status open_header(careerp_source *src, careerp_rows **rows,
                                 oews_cols *cols, size_t *ncols,
                                 size_t *data_sheet, career_error *err)
{
    careerp_row row;
    career_status st;
    size_t sheet, r;

    for (sheet = 0; sheet < MAX_SHEETS; sheet++) {
        st = careerp_rows_open(src, sheet, rows, err);
        if (st == CAREER_ERR_NOT_FOUND)
            break;
        if (st != CAREER_OK)
            return st;
        for (r = 0; r < HEADER_SEARCH_ROWS; r++) {
            if ((st = (*rows)->next(*rows, &row, err)) != CAREER_OK)
                break;
            map_header(&row, cols);
            *ncols = row.n;
            *data_sheet = sheet;
            if (cols->occ >= 0 && cols->title >= 0)
                return CAREER_OK;
        }
        careerp_rows_close(*rows);
        *rows = NULL;
        if (st != CAREER_OK && st != CAREER_ERR_NOT_FOUND)
            return st;
    }
    return careerp_fail_at(err, CAREER_ERR_PARSE, src->name, 1,
                           0, "no header row with OCC_CODE and OCC_TITLE "
                           "columns (is this an OEWS table?)");
}

/* ---- the top code a workbook states ------------------------------------------ */

/* The amount after the first '$' of text, commas dropped; 0 when none. */
static double dollars(const char *text)
{
    char buf[32], *end;
    const char *s = strchr(text, '$');
    size_t n = 0;
    double v = 0.0;

    if (!s)
        return 0.0;
    for (s++; (*s == ',' || *s == '.' || (*s >= '0' && *s <= '9')) &&
              n + 1 < sizeof buf;
         s++)
        if (*s != ',')
            buf[n++] = *s;
    buf[n] = '\0';
    if (careerp_strtod_c(buf, &end, &v) != CAREER_OK || *end || !(v > 0.0))
        return 0.0;
    return v;
}

/* The workbook's own statement of its top code, on its Field Descriptions
 * sheet: "# = indicates a wage equal to or greater than $100.00 per hour
 * or $208,000 per year". Sheets other than the data are read until one
 * says it; nothing is changed when none does (or in a CSV file). */
static career_status caps_from_sheets(careerp_source *src, size_t data_sheet,
                                      double *annual, double *hourly,
                                      career_error *err)
{
    careerp_rows *rows;
    careerp_row row;
    career_status st;
    size_t sheet, r, i;

    for (sheet = 0; src->zip && sheet < MAX_SHEETS; sheet++) {
        if (sheet == data_sheet)
            continue;
        if ((st = careerp_rows_open(src, sheet, &rows, err)) != CAREER_OK)
            return st == CAREER_ERR_NOT_FOUND ? CAREER_OK : st;
        for (r = 0; r < CAP_SEARCH_ROWS &&
                    (st = rows->next(rows, &row, err)) == CAREER_OK;
             r++)
            for (i = 0; i < row.n; i++) {
                const char *hour = strstr(row.cell[i], " per hour or $");
                if (!hour || !strstr(hour, " per year") ||
                    !(dollars(row.cell[i]) > 0.0 && dollars(hour) > 0.0))
                    continue;
                *hourly = dollars(row.cell[i]);
                *annual = dollars(hour);
                careerp_rows_close(rows);
                return CAREER_OK;
            }
        careerp_rows_close(rows);
        if (st != CAREER_OK && st != CAREER_ERR_NOT_FOUND)
            return st;
    }
    return CAREER_OK;
}

/* ---- keeping rows ------------------------------------------------------------ */

static const char *cell_at(const careerp_row *row, long col)
{
    return col >= 0 && (size_t)col < row->n ? row->cell[col] : "";
}

static career_status pool_add(career_oews_table *t, const char *s,
                              size_t *at)
{
    return careerp_arena_add(&t->pool, s, strlen(s), at);
}

/* The area title is the same for long runs of rows: stored once a run. */
static career_status pool_area(career_oews_table *t, const char *s,
                               size_t *at)
{
    if (t->n > 0 &&
        strcmp(t->pool.text + t->rows[t->n - 1].area_title, s) == 0) {
        *at = t->rows[t->n - 1].area_title;
        return CAREER_OK;
    }
    return pool_add(t, s, at);
}

static const char *const group_names[] = {"detailed", "broad", "minor",
                                          "major"};

static int row_wanted(const careerp_row *row, const oews_cols *c,
                      const career_oews_options *o)
{
    const char *own = cell_at(row, c->own);

    if (c->naics >= 0 && !all_zeros(cell_at(row, c->naics)))
        return 0;
    if (c->own >= 0 && strcmp(own, "1235") != 0 && strcmp(own, "12345") != 0)
        return 0;
    if (c->group >= 0 &&
        !careerp_ascii_same(cell_at(row, c->group), group_names[o->group]))
        return 0;
    return !o->area || area_eq(c->area >= 0 ? cell_at(row, c->area) : "99",
                               o->area);
}

static career_status bad_cell(career_oews_table *t, const careerp_row *row,
                              long col, const char *colname,
                              career_error *err)
{
    return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, (int)row->number,
                           (int)col + 1, "column %s: '%.40s' is not a number "
                           "(nor *, **, ~ or #)", colname, cell_at(row, col));
}

/* The texts a table keeps become a profile's role and region, which must
 * be UTF-8: a file saved in another encoding is refused here, where its
 * row and column can be named. */
static career_status check_text(career_oews_table *t, const careerp_row *row,
                                long col, const char *colname,
                                career_error *err)
{
    if (col < 0 || (size_t)col >= row->n ||
        careerp_utf8_valid(row->cell[col], row->len[col]))
        return CAREER_OK;
    return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, (int)row->number,
                           (int)col + 1, "column %s: not UTF-8 text (save "
                           "the table as UTF-8)", colname);
}

/* BLS computes annual wages as hourly x 2,080 hours, except for the
 * occupations it flags (ANNUAL or HOURLY TRUE: teachers, pilots, actors),
 * which are paid by the year or by the hour and publish only one of the
 * two. Where both are published, an annual cell far from 2,080 times its
 * hourly one was misread: "66.740" is $66.74, not $66,740, a year. BLS
 * rounds annual wages to $10 and hourly ones to the cent, far inside the
 * tolerance. */
#define HOURS_A_YEAR 2080.0
#define ANNUAL_TOLERANCE 0.05

static career_status check_annual(career_oews_table *t, const careerp_row *row,
                                  const oews_cols *c, const oews_row *r,
                                  career_error *err)
{
    double a, want;
    int k;

    if ((c->annual >= 0 && is_true(cell_at(row, c->annual))) ||
        (c->hourly >= 0 && is_true(cell_at(row, c->hourly))))
        return CAREER_OK;
    for (k = 0; k < NPCT; k++) {
        if (r->mark[0][k] != CAREERP_CELL_VALUE ||
            r->mark[1][k] != CAREERP_CELL_VALUE)
            continue;
        a = r->wage[0][k];
        want = HOURS_A_YEAR * r->wage[1][k];
        if (fabs(a - want) <= ANNUAL_TOLERANCE * want)
            continue;
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, (int)c->pct[0][k] + 1,
                               "column %s: %.2f a year is not %s %.2f an "
                               "hour x 2,080 = %.2f, within 5 %% (a "
                               "misread number?)", pct_name[0][k], a,
                               pct_name[1][k], r->wage[1][k], want);
    }
    return CAREER_OK;
}

static career_status read_wages(career_oews_table *t, const careerp_row *row,
                                const oews_cols *c, oews_row *r,
                                career_error *err)
{
    int u, k, mark, any_annual = 0, any_hourly = 0;

    for (u = 0; u < 2; u++)
        for (k = 0; k < NPCT; k++) {
            if (!careerp_cell_number(cell_at(row, c->pct[u][k]),
                                     &r->wage[u][k], &mark))
                return bad_cell(t, row, c->pct[u][k], pct_name[u][k], err);
            r->mark[u][k] = (unsigned char)mark;
            if (mark != CAREERP_CELL_NA)
                *(u ? &any_hourly : &any_annual) = 1;
        }
    for (u = 0; u < 2; u++) {
        r->mark[u][NPCT] = CAREERP_CELL_NA;
        if (c->mean[u] >= 0 &&
            !careerp_cell_number(cell_at(row, c->mean[u]), &r->wage[u][NPCT],
                                 &mark))
            return bad_cell(t, row, c->mean[u], u ? "H_MEAN" : "A_MEAN", err);
        if (c->mean[u] >= 0)
            r->mark[u][NPCT] = (unsigned char)mark;
    }
    r->hourly_only = (c->hourly >= 0 && is_true(cell_at(row, c->hourly)) &&
                      !any_annual) ||
                     (!any_annual && any_hourly);
    return check_annual(t, row, c, r, err);
}

static career_status read_row(career_oews_table *t, const careerp_row *row,
                              const oews_cols *c, oews_row *r,
                              career_error *err)
{
    int mark;
    career_status st;

    r->row = row->number;
    r->own = (unsigned)strtoul(cell_at(row, c->own), NULL, 10);
    r->employment = NAN;
    if (c->emp >= 0) {
        if (!careerp_cell_number(cell_at(row, c->emp), &r->employment, &mark))
            return bad_cell(t, row, c->emp, "TOT_EMP", err);
        if (mark != CAREERP_CELL_VALUE)
            r->employment = NAN;
    }
    if ((st = read_wages(t, row, c, r, err)) != CAREER_OK)
        return st;
    if (!*cell_at(row, c->occ))
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, (int)c->occ + 1,
                               "column OCC_CODE: empty");
    /* the title is the profile's role: said here, where the row and the
     * column are known, not later as "role: must be a non-empty string" */
    if (!*cell_at(row, c->title) ||
        !cell_at(row, c->title)[strspn(cell_at(row, c->title), " \t")])
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, (int)c->title + 1,
                               "column OCC_TITLE: empty (the occupation %s "
                               "needs its title)", cell_at(row, c->occ));
    if ((st = check_text(t, row, c->occ, "OCC_CODE", err)) ||
        (st = check_text(t, row, c->title, "OCC_TITLE", err)) ||
        (st = check_text(t, row, c->area, "AREA", err)) ||
        (st = check_text(t, row, c->area_title, "AREA_TITLE", err)))
        return st;
    if ((st = pool_add(t, cell_at(row, c->occ), &r->occ_code)) ||
        (st = pool_add(t, cell_at(row, c->title), &r->occ_title)) ||
        (st = pool_add(t, c->area >= 0 ? cell_at(row, c->area) : "99",
                       &r->area_code)) ||
        (st = pool_area(t, c->area_title >= 0 ? cell_at(row, c->area_title)
                                              : "U.S.",
                        &r->area_title)))
        return careerp_fail(err, st, "out of memory");
    return CAREER_OK;
}

/* ---- one row per occupation, area and ownership ------------------------- */

/* The hash of an area (without leading zeros) and an occupation (ASCII
 * case folded): a row's key but for its ownership, so that a profile's
 * lookup, which names no ownership, finds every row of the pair in one
 * probe sequence. */
static uint64_t key_hash(const char *a, const char *o)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */

    while (*a == '0' && a[1])
        a++;
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211u;
    h = (h ^ 0x100u) * 1099511628211u;
    for (; *o; o++)
        h = (h ^ (unsigned)careerp_ascii_lower((unsigned char)*o)) *
            1099511628211u;
    return h;
}

static uint64_t row_hash(const career_oews_table *t, const oews_row *r)
{
    return key_hash(t->pool.text + r->area_code, t->pool.text + r->occ_code);
}

static int same_key(const career_oews_table *t, const oews_row *a,
                    const oews_row *b)
{
    return a->own == b->own &&
           careerp_ascii_same(t->pool.text + a->occ_code,
                              t->pool.text + b->occ_code) &&
           area_eq(t->pool.text + a->area_code, t->pool.text + b->area_code);
}

/* The slot of row i's key (area, occupation and ownership): the row that
 * has it, or an empty slot. */
static size_t find_slot(const career_oews_table *t, size_t i)
{
    size_t mask = t->nslot - 1, k = (size_t)row_hash(t, &t->rows[i]) & mask;

    while (t->slot[k] && !same_key(t, &t->rows[t->slot[k] - 1], &t->rows[i]))
        k = (k + 1) & mask;
    return k;
}

static size_t place_row(const void *ctx, size_t i)
{
    return find_slot(ctx, i);
}

/* Room for one more row in the index (careerp_index_grow). */
static career_status grow_index(career_oews_table *t)
{
    return careerp_index_grow(&t->slot, &t->nslot, t->n, place_row, t);
}

/* Indexes row t->n (read, not yet counted); a second row of the same
 * occupation, area and ownership would make career_oews_profile pick the
 * first in silence, so it is refused. */
static career_status index_row(career_oews_table *t, const oews_cols *c,
                               career_error *err)
{
    const oews_row *r = &t->rows[t->n];
    char own[32] = "";
    size_t k;

    if (grow_index(t) != CAREER_OK)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    k = find_slot(t, t->n);
    if (r->own)
        snprintf(own, sizeof own, ", ownership %u", r->own);
    if (t->slot[k])
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, (int)r->row,
                               (int)c->occ + 1, "row %ld repeats row %ld: "
                               "occupation %.20s in area %.20s%s, twice",
                               r->row, t->rows[t->slot[k] - 1].row,
                               t->pool.text + r->occ_code,
                               t->pool.text + r->area_code, own);
    t->slot[k] = (uint32_t)(t->n + 1);
    return CAREER_OK;
}

static career_status keep_row(career_oews_table *t, const careerp_row *row,
                              const oews_cols *c, career_error *err)
{
    career_status st;

    if (t->n == CAREER_OEWS_MAX_ROWS)
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                               (int)row->number, 0, "more than %zu rows "
                               "kept (open one area at a time: "
                               "options.area, --area)", CAREER_OEWS_MAX_ROWS);
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        oews_row *p = realloc(t->rows, cap * sizeof *p);
        if (!p)
            return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        t->rows = p;
        t->cap = cap;
    }
    if ((st = read_row(t, row, c, &t->rows[t->n], err)) ||
        (st = index_row(t, c, err)))
        return st;
    t->n++;
    return CAREER_OK;
}

static career_status read_rows(career_oews_table *t, careerp_rows *rows,
                               const oews_cols *c, size_t ncols,
                               const career_oews_options *o,
                               career_error *err)
{
    careerp_row row;
    career_status st;

    while ((st = rows->next(rows, &row, err)) == CAREER_OK) {
        /* a CSV row has the header's cells; a sheet leaves out empty
         * ones at the end, and may have styled empty ones beyond it */
        if (rows->ragged)
            while (row.n > ncols && row.len[row.n - 1] == 0)
                row.n--;
        if (row.n > ncols || (row.n < ncols && !rows->ragged))
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)row.number, 0,
                                   "malformed row: %zu cells under a header "
                                   "of %zu", row.n, ncols);
        if (row_wanted(&row, c, o) && (st = keep_row(t, &row, c, err)))
            return st;
    }
    return st == CAREER_ERR_NOT_FOUND ? CAREER_OK : st;
}

/* "May 2023" from a BLS file name such as all_data_M_2023.xlsx or
 * national_M2018_dl.csv (the survey is always of May). */
static void survey_of(const char *name, char *out, size_t size)
{
    const char *base = strrchr(name, '/'), *s;

    base = base ? base + 1 : name;
    out[0] = '\0';
    for (s = base; *s; s++) {
        const char *d = s + 1 + (s[1] == '_');
        if ((*s == 'M' || *s == 'm') && (s == base || s[-1] == '_') &&
            (d[0] == '1' || d[0] == '2') && d[1] >= '0' && d[1] <= '9' &&
            d[2] >= '0' && d[2] <= '9' && d[3] >= '0' && d[3] <= '9') {
            snprintf(out, size, "May %.4s", d);
            return;
        }
    }
}

static career_status check_options(const career_oews_options *o,
                                   career_error *err)
{
    if (!(isfinite(o->cap_annual) && o->cap_annual >= 0.0 &&
          isfinite(o->cap_hourly) && o->cap_hourly >= 0.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "cap_annual, cap_hourly: must be finite and >= 0");
    if ((unsigned)o->group > CAREER_OEWS_MAJOR)
        return careerp_fail(err, CAREER_ERR_ARG, "group: unknown value %d",
                            (int)o->group);
    if (!(o->experience_correlation == 0.0 ||
          (o->experience_correlation >= CAREERP_MIN_RHO &&
           o->experience_correlation <= 1.0)))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "experience_correlation: must be in [%g, 1] (or "
                            "0 for the ladder template's)", CAREERP_MIN_RHO);
    return careerp_check_reserved(err, "options.", o->reserved,
                                  CAREERP_NRESERVED(o));
}

static career_status open_table(const char *path, const void *data, size_t n,
                                const char *name,
                                const career_oews_options *opts,
                                career_oews_table **out, career_error *err)
{
    const career_oews_options none = {0};
    const career_oews_options *o = opts ? opts : &none;
    careerp_rows *rows = NULL;
    careerp_source src;
    career_oews_table *t;
    const char *missing;
    oews_cols cols;
    size_t ncols = 0, data_sheet = 0;
    double annual = 0.0, hourly = 0.0;
    career_status st;
    int early;

    memset(&cols, 0xff, sizeof cols); /* every column -1: absent */
    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if ((st = check_options(o, err)) != CAREER_OK)
        return st;
    if (!(t = calloc(1, sizeof *t)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(t->name, sizeof t->name, "%s",
             careerp_source_name(path, name, "<table>"));
    survey_of(t->name, t->survey, sizeof t->survey);
    early = t->survey[0] && strcmp(t->survey + 4, "2021") <= 0;
    t->cap_annual = o->cap_annual > 0 ? o->cap_annual
                    : early           ? CAP_ANNUAL_TO_2021
                                      : CAP_ANNUAL;
    t->cap_hourly = o->cap_hourly > 0 ? o->cap_hourly
                    : early           ? CAP_HOURLY_TO_2021
                                      : CAP_HOURLY;
    t->rho = o->experience_correlation;
    st = careerp_source_open(&src, path, data, n, t->name, err);
    if (st == CAREER_OK)
        st = open_header(&src, &rows, &cols, &ncols, &data_sheet, err);
    if (st == CAREER_OK && (missing = missing_col(&cols)) != NULL)
        st = careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0, 0,
                             "missing column %s", missing);
    if (st == CAREER_OK)
        st = read_rows(t, rows, &cols, ncols, o, err);
    careerp_rows_close(rows);
    if (st == CAREER_OK)
        st = caps_from_sheets(&src, data_sheet, &annual, &hourly, err);
    if (annual > 0.0 && !(o->cap_annual > 0))
        t->cap_annual = annual;
    if (hourly > 0.0 && !(o->cap_hourly > 0))
        t->cap_hourly = hourly;
    careerp_source_close(&src);
    if (st != CAREER_OK) {
        career_oews_close(t);
        return st;
    }
    *out = t;
    return CAREER_OK;
}

career_status career_oews_open(const char *path,
                               const career_oews_options *opts,
                               career_oews_table **out, career_error *err)
{
    if (!path) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    }
    return open_table(path, NULL, 0, NULL, opts, out, err);
}

career_status career_oews_open_memory(const void *data, size_t n,
                                      const char *name,
                                      const career_oews_options *opts,
                                      career_oews_table **out,
                                      career_error *err)
{
    if (!data && n) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "data: NULL");
    }
    return open_table(NULL, data ? data : "", n, name, opts, out, err);
}

void career_oews_close(career_oews_table *table)
{
    if (!table)
        return;
    free(table->rows);
    free(table->slot);
    careerp_arena_free(&table->pool);
    free(table);
}

size_t career_oews_count(const career_oews_table *table)
{
    return table ? table->n : 0;
}

career_status career_oews_entry_at(const career_oews_table *table,
                                   size_t index, career_oews_entry *out)
{
    const oews_row *r;

    if (!table || !out)
        return CAREER_ERR_ARG;
    if (index >= table->n)
        return CAREER_ERR_NOT_FOUND;
    r = &table->rows[index];
    memset(out, 0, sizeof *out);
    out->occ_code = table->pool.text + r->occ_code;
    out->occ_title = table->pool.text + r->occ_title;
    out->area_code = table->pool.text + r->area_code;
    out->area_title = table->pool.text + r->area_title;
    out->employment = r->employment;
    out->hourly_only = r->hourly_only;
    out->row = r->row;
    return CAREER_OK;
}

/* ---- profiles ------------------------------------------------------------- */

#define NOTE_BYTES 512

typedef struct notes {
    char text[CAREER_MAX_NOTES][NOTE_BYTES];
    size_t n;
} notes;

static void note(notes *ns, const char *fmt, ...) CAREERP_PRINTF(2, 3);

/* A note; one longer than NOTE_BYTES is cut at a character, so that it
 * stays UTF-8 (names and titles come from the files). */
static void note(notes *ns, const char *fmt, ...)
{
    char *text;
    va_list ap;

    if (ns->n >= CAREER_MAX_NOTES)
        return;
    text = ns->text[ns->n++];
    va_start(ap, fmt);
    careerp_vsnprintf_c(text, NOTE_BYTES, fmt, ap); /* "1.5" in any locale */
    va_end(ap);
    text[careerp_utf8_prefix(text, NOTE_BYTES - 1)] = '\0';
}

/* The market's points: every published percentile (a run of equal ones
 * spread by a hair above the first, a mass point), and where a top-coded
 * percentile's fitted quantile falls below the cap, the cap at it. */
typedef struct market {
    career_quantile q[NPCT];
    size_t nq;
    double top_p; /* the lowest top-coded percentile; 0 when none */
    double cap;
    double mean;  /* the published mean; 0 when none */
} market;

static const char *const pct_label[NPCT] = {"10th", "25th", "50th (median)",
                                            "75th", "90th"};

/* A run of equal published percentiles q[i..j] is a mass point (many paid
 * the same, as on a state pay scale): one of them keeps the figure exactly,
 * the median where it is in the run, else the first; each other sits a
 * step from its neighbour (at most 0.2 %, and inside the figures around
 * the run), so the distribution stays increasing. */
#define MASS_STEP 0.002

static void spread_mass_point(market *m, size_t i, size_t j, int hourly,
                              notes *ns)
{
    double s = m->q[i].salary, run = (double)(j - i + 1);
    double next = j + 1 < m->nq ? m->q[j + 1].salary
                  : m->top_p > 0 ? m->cap
                                 : INFINITY;
    double prev = i > 0 ? m->q[i - 1].salary : 0.0;
    double step = fmin(MASS_STEP, fmin((next / s - 1.0) / run,
                                       (1.0 - prev / s) / run));
    size_t k, at = i;

    for (k = i; k <= j; k++)
        if (m->q[k].p == 0.5)
            at = k;
    for (k = i; k <= j; k++)
        m->q[k].salary = s * (1.0 + step * ((double)k - (double)at));
    note(ns, "%zu published percentiles are equal ($%.*f, p = %.2f to %.2f): "
             "a mass point; p = %.2f keeps it exactly, the others sit %.2g %% "
             "apart around it.", j - i + 1, hourly * 2, s, m->q[i].p,
         m->q[j].p, m->q[at].p, 100.0 * step);
}

static career_status gather(const oews_row *r, int u, double cap,
                            const char *occ, market *m, notes *ns,
                            career_error *err)
{
    const char *unit = u ? "an hour" : "a year";
    size_t k, i, j;

    memset(m, 0, sizeof *m);
    m->cap = cap;
    for (k = 0; k < NPCT; k++) {
        if (r->mark[u][k] == CAREERP_CELL_NA) {
            note(ns, "The %s percentile is not published (*, ** or ~).",
                 pct_label[k]);
        } else if (r->mark[u][k] == CAREERP_CELL_TOP) {
            if (m->top_p == 0.0)
                m->top_p = pct_p[k];
            note(ns, "The %s percentile is top-coded (#: at least $%.*f %s).",
                 pct_label[k], u * 2, cap, unit);
        } else if (!(r->wage[u][k] > 0.0)) {
            return careerp_fail(err, CAREER_ERR_FIT,
                                "%s: a published percentile of %g (wages "
                                "must be > 0)", occ, r->wage[u][k]);
        } else if (m->nq && r->wage[u][k] < m->q[m->nq - 1].salary) {
            return careerp_fail(err, CAREER_ERR_FIT,
                                "%s: the percentiles decrease (%g after %g)",
                                occ, r->wage[u][k], m->q[m->nq - 1].salary);
        } else {
            m->q[m->nq].p = pct_p[k];
            m->q[m->nq++].salary = r->wage[u][k];
        }
    }
    for (i = 0; i < m->nq; i = j + 1) {
        for (j = i; j + 1 < m->nq && m->q[j + 1].salary == m->q[i].salary; j++)
            ;
        if (j > i)
            spread_mass_point(m, i, j, u, ns);
    }
    if (r->mark[u][NPCT] == CAREERP_CELL_VALUE && r->wage[u][NPCT] > 0.0)
        m->mean = r->wage[u][NPCT];
    /* one percentile with the top code above it and a mean is a market;
     * one alone is not */
    if (m->nq < 1 || (m->nq < 2 && (m->mean == 0.0 || m->top_p == 0.0)))
        return careerp_fail(err, CAREER_ERR_FIT,
                            "%s: fewer than 2 published percentiles (%zu), "
                            "and not one with a top-coded one and a mean, to "
                            "fit a market to", occ, m->nq);
    return CAREER_OK;
}

/* The market alone: its points checked as a profile's (two placeholder
 * tiers), then the default distribution fitted to them (the spline, with
 * a published mean), as a model would fit it; the tier salaries need
 * nothing else, so no model (curve, calibration) is built. */
static career_status try_fit(const market *m, const char *occ,
                             careerp_dist *dist, career_error *err)
{
    career_tier tiers[2] = {{"low", 0.0, 0.0, 1.0}, {"high", 1.0, 1.0, 2.0}};
    career_profile p = {0};
    career_status st;

    p.role = occ;
    p.tiers = tiers;
    p.ntiers = 2;
    p.quantiles = m->q;
    p.nquantiles = m->nq;
    p.market_mean = m->mean;
    p.demand_years = 10.0;
    if ((st = career_profile_validate(&p, err)) != CAREER_OK)
        return st;
    return careerp_dist_build(dist, m->q, m->nq, m->mean, 1.0,
                              CAREER_DIST_AUTO, err);
}

/* With one published percentile and a top-coded one above it, the cap is
 * the second point from the start. */
static void add_cap(market *m)
{
    m->q[m->nq].p = m->top_p;
    m->q[m->nq++].salary = m->cap;
}

/* Fits the market through every published point; a top-coded percentile
 * whose fitted quantile falls below the cap gets the cap as a point (the
 * mean, where published, then sets the tail above it). */
static career_status fit_market(market *m, const char *occ, int hourly,
                                careerp_dist *dist, notes *ns,
                                career_error *err)
{
    career_status st;
    double q;

    if (m->nq < 2 && m->top_p > 0.0)
        add_cap(m);
    if ((st = try_fit(m, occ, dist, err)) != CAREER_OK)
        goto fail;
    if (m->top_p > 0.0 && m->q[m->nq - 1].p < m->top_p &&
        careerp_dist_quantile(dist, m->top_p, &q) == CAREER_OK &&
        q < m->cap) {
        note(ns, "The fitted Q(%.2f) = $%.*f falls below the top code: the "
                 "point (%.2f, $%.*f) is added.", m->top_p, hourly * 2, q,
             m->top_p, hourly * 2, m->cap);
        add_cap(m);
        if ((st = try_fit(m, occ, dist, err)) != CAREER_OK)
            goto fail;
    }
    return CAREER_OK;
fail:
    if (err) {
        char text[sizeof err->text];
        snprintf(text, sizeof text, "%.20s: the market cannot be fitted: "
                 "%.260s", occ, err->text);
        memcpy(err->text, text, sizeof text);
    }
    return st;
}

/* The fitted market's mean beside the published one. */
static void check_mean(const careerp_dist *dist, const market *m,
                       int hourly, notes *ns)
{
    double fitted;

    if (m->mean == 0.0) {
        note(ns, "No published mean: the market's upper tail continues its "
                 "last segment.");
        return;
    }
    if (careerp_dist_mean(dist, &fitted) != CAREER_OK)
        return;
    if (fabs(fitted / m->mean - 1.0) > 0.02)
        note(ns, "The fitted market's mean $%.*f is %+.1f %% from the "
                 "published mean $%.*f: no tail through these points reaches "
                 "it.", hourly * 2, fitted, 100.0 * (fitted / m->mean - 1.0),
             hourly * 2, m->mean);
}

/* The years below which a share q of a stable workforce lies: w(x) =
 * lambda e^(-lambda x) / (1 - e^(-lambda X)) on [0, X] (docs/model.md §6)
 * inverted, W(x) = (1 - e^(-lambda x)) / (1 - e^(-lambda X)). */
static double workforce_quantile(double q, double lambda)
{
    if (fabs(lambda) < 1e-9)
        return q * CAREERP_WORK_YEARS;
    return -log1p(-q * -expm1(-lambda * CAREERP_WORK_YEARS)) / lambda;
}

/* A tenth of a year: the tiers' years as a reader takes them. */
static double tenth(double years)
{
    return round(years * 10.0) / 10.0;
}

/* The share of the workforce below a tier's experience for a tier at
 * market percentile q, when pay and experience have the rank correlation
 * rho (a Gaussian copula): the experience quantile u with
 * rho Phi^-1(u) = Phi^-1(q), so that the copula band's centres a(X) =
 * Phi^-1(F(m(X))) are normal with variance rho^2 over the workforce
 * (docs/model.md §11). rho = 1 is the rule of a pay that rises with
 * experience alone, u = q. */
static double experience_share(double q, double rho)
{
    return rho >= 1.0 ? q
                      : gsl_cdf_ugaussian_P(gsl_cdf_ugaussian_Pinv(q) / rho);
}

/* Each tier's salary: the market quantile at its percentile, or a share
 * of the way from the nearest tier below to the nearest above that have
 * one (OFLC's Levels II and III). Then its anchor, for a workforce
 * template: the workforce's experience quantile at the share of the
 * tier's market percentile under rho, under lambda; tiers start halfway
 * between anchors. */
static career_status tiers_from(const careerp_dist *dist,
                                const career_ladder_template *tmpl,
                                double lambda, double rho, career_tier *tiers,
                                double *pct)
{
    career_status st;
    size_t i, lo, hi;

    for (i = 0; i < tmpl->n; i++) {
        tiers[i].name = tmpl->tier[i];
        tiers[i].min_years = tmpl->min_years[i];
        tiers[i].anchor_years = tmpl->anchor_years[i];
        pct[i] = tmpl->percentile[i];
        if (isnan(pct[i]))
            continue;
        st = careerp_dist_quantile(dist, pct[i], &tiers[i].salary);
        if (st != CAREER_OK)
            return st;
    }
    for (i = 0; i < tmpl->n; i++) {
        if (!isnan(pct[i]))
            continue;
        for (lo = i; isnan(tmpl->percentile[lo]); lo--)
            ;
        for (hi = i; isnan(tmpl->percentile[hi]); hi++)
            ;
        tiers[i].salary = tiers[lo].salary +
                          tmpl->between[i] *
                              (tiers[hi].salary - tiers[lo].salary);
        if ((st = careerp_dist_percentile(dist, tiers[i].salary, &pct[i])))
            return st;
    }
    if (!tmpl->workforce)
        return CAREER_OK;
    for (i = 0; i < tmpl->n; i++)
        tiers[i].anchor_years = tenth(
            workforce_quantile(experience_share(pct[i], rho), lambda));
    for (i = 0; i < tmpl->n; i++) {
        tiers[i].min_years =
            i == 0 ? 0.0
                   : tenth(0.5 * (tiers[i - 1].anchor_years +
                                  tiers[i].anchor_years));
        if (i > 0 && !(tiers[i].anchor_years > tiers[i - 1].anchor_years &&
                       tiers[i].min_years > tiers[i - 1].min_years &&
                       tiers[i].min_years <= tiers[i].anchor_years))
            return CAREER_ERR_FIT;
    }
    return CAREER_OK;
}

static void note_tiers(const career_ladder_template *tmpl,
                       const career_tier *tiers, const double *pct,
                       double lambda, double delta, double rho, int assumed,
                       int hourly, notes *ns)
{
    size_t i;

    note(ns, "Tiers from the ladder template \"%s\".",
         tmpl->name[0] ? tmpl->name : "(unnamed)");
    if (tmpl->assumption[0])
        note(ns, "%s", tmpl->assumption);
    for (i = 0; i < tmpl->n; i++) {
        char where[64] = "";
        if (tmpl->workforce)
            snprintf(where, sizeof where,
                     ", where %.0f %% of the workforce have less experience",
                     100.0 * experience_share(pct[i], rho));
        note(ns, "%s: $%.*f, the market's p%.0f; anchored at %.1f years%s.",
             tiers[i].name, hourly * 2, tiers[i].salary, 100.0 * pct[i],
             tiers[i].anchor_years, where);
    }
    if (tmpl->workforce)
        note(ns, "The workforce: lambda = %.4f a year (demand growth plus "
                 "%s separation rate %.3f).", lambda,
             assumed ? "an assumed" : "the", delta);
    if (tmpl->workforce && rho < 1.0)
        note(ns, "Experience correlation rho = %.2f (assumed): a tier at "
                 "market percentile q is anchored at the workforce's "
                 "experience quantile Phi(Phi^-1(q) / rho).", rho);
    if (tmpl->band == CAREER_BAND_COPULA)
        note(ns, "The band at x years is the Gaussian copula band: the "
                 "market's normal scores centred on the curve's, narrowed "
                 "by the calibrated dispersion.");
}

static void demand_from(const career_ep_table *ep, const char *occ,
                        career_profile *p, notes *ns)
{
    career_ep_entry e;

    p->demand_growth = 0.0;
    p->demand_years = 10.0;
    if (!ep) {
        note(ns, "No Employment Projections table: demand growth 0 over 10 "
                 "years assumed.");
        return;
    }
    if (career_ep_find(ep, occ, &e) != CAREER_OK) {
        note(ns, "No Employment Projections row for %s: demand growth 0 over "
                 "10 years assumed.", occ);
        return;
    }
    if (!isnan(e.growth)) {
        p->demand_growth = e.growth;
        p->demand_years = e.years;
        note(ns, "Demand growth %.1f %% over %d-%d, from Employment "
                 "Projections.", 100.0 * e.growth, e.start_year,
             e.start_year + (int)e.years);
    } else {
        note(ns, "Employment Projections give no percent change for %s: "
                 "demand growth 0 over 10 years assumed.", occ);
    }
    p->separation_rate = e.separation_rate;
    if (e.separation_rate > 0)
        note(ns, "Separation rate %.1f %% a year, from Employment "
                 "Projections.", 100.0 * e.separation_rate);
}

/* The first row (in the file's order) of an occupation in an area, of
 * any ownership: the index built while reading holds every row of the
 * pair in the one probe sequence of its hash, which is read to its end.
 * The table is only read: threads may share it. */
static const oews_row *find_entry(const career_oews_table *t, const char *occ,
                                  const char *area)
{
    const oews_row *first = NULL;
    size_t mask, k;

    if (t->nslot == 0)
        return NULL;
    mask = t->nslot - 1;
    for (k = (size_t)key_hash(area, occ) & mask; t->slot[k];
         k = (k + 1) & mask) {
        const oews_row *r = &t->rows[t->slot[k] - 1];
        if ((!first || r < first) &&
            careerp_ascii_same(t->pool.text + r->occ_code, occ) &&
            area_eq(t->pool.text + r->area_code, area))
            first = r;
    }
    return first;
}

typedef struct build {
    const career_oews_table *t;
    const oews_row *r;
    const career_ladder_template *tmpl;
    const career_ep_table *ep;
    notes ns;
    market m;
    careerp_dist dist; /* the market fitted to m */
    career_tier tiers[CAREER_MAX_TIERS];
    const char *note_ptr[CAREER_MAX_NOTES];
    char source[400];
} build;

/* The separation rate a workforce template assumes when the profile has
 * none (no Employment Projections row): about the median of the 2024-34
 * projections' total occupational separations rates. */
#define ASSUMED_SEPARATION 0.10

static career_status assemble(build *b, career_profile **out,
                              career_error *err)
{
    const oews_row *r = b->r;
    const char *occ = b->t->pool.text + r->occ_code;
    career_profile p = {0};
    int u = r->hourly_only, assumed;
    double cap = u ? b->t->cap_hourly : b->t->cap_annual;
    double rate = 0.0, delta, rho, pct[CAREER_MAX_TIERS];
    career_status st;
    size_t i;

    if (u)
        note(&b->ns, "Hourly-only occupation (no annual wages): salaries "
                     "are per hour.");
    demand_from(b->ep, occ, &p, &b->ns);
    if ((st = gather(r, u, cap, occ, &b->m, &b->ns, err)) ||
        (st = fit_market(&b->m, occ, u, &b->dist, &b->ns, err)))
        return st;
    check_mean(&b->dist, &b->m, u, &b->ns);
    /* EP growths are checked in (-1, 10]: the rate exists; 0 otherwise */
    if (career_annual_rate(p.demand_growth, p.demand_years, &rate) !=
        CAREER_OK)
        rate = 0.0;
    assumed = !(p.separation_rate > 0.0);
    delta = assumed ? ASSUMED_SEPARATION : p.separation_rate;
    rho = b->t->rho > 0.0 ? b->t->rho : b->tmpl->rho;
    st = tiers_from(&b->dist, b->tmpl, rate + delta, rho, b->tiers, pct);
    if (st != CAREER_OK)
        return careerp_fail(err, st, "%s: the ladder template's tiers cannot "
                                     "be placed on this market", occ);
    note_tiers(b->tmpl, b->tiers, pct, rate + delta, delta, rho, assumed, u,
               &b->ns);
    if (b->tmpl->peak_years > b->tiers[b->tmpl->n - 1].anchor_years)
        p.peak_years = b->tmpl->peak_years;
    snprintf(b->source, sizeof b->source, "BLS OEWS%s%s, %s, row %ld",
             b->t->survey[0] ? " " : "", b->t->survey, b->t->name, r->row);
    for (i = 0; i < b->ns.n; i++)
        b->note_ptr[i] = b->ns.text[i];
    p.role = b->t->pool.text + r->occ_title;
    p.region = b->t->pool.text + r->area_title;
    p.currency = "USD";
    p.period = u ? "hour" : "year";
    p.source = b->source;
    p.tiers = b->tiers;
    p.ntiers = b->tmpl->n;
    p.quantiles = b->m.q;
    p.nquantiles = b->m.nq;
    p.market_mean = b->m.mean;
    p.band_shape = b->tmpl->band;
    if (b->tmpl->workforce)
        p.experience_correlation = rho;
    p.occ_code = occ;
    p.area_code = b->t->pool.text + r->area_code;
    p.notes = b->note_ptr;
    p.nnotes = b->ns.n;
    return career_profile_copy(&p, out, err);
}

career_status career_oews_profile(const career_oews_table *table,
                                  const char *occ_code, const char *area_code,
                                  const career_ladder_template *tmpl,
                                  const career_ep_table *ep,
                                  career_profile **out, career_error *err)
{
    const char *area = area_code ? area_code : "99";
    career_status st;
    build *b;

    careerp_error_reset(err);
    if (!table || !occ_code || !out)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "table, occ_code or out: NULL");
    *out = NULL;
    if (!(b = calloc(1, sizeof *b)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    b->t = table;
    b->tmpl = tmpl ? tmpl : career_ladder_template_oflc();
    b->ep = ep;
    b->r = find_entry(table, occ_code, area);
    if (!b->r)
        st = careerp_fail(err, CAREER_ERR_NOT_FOUND,
                          "no occupation %.20s in area %.20s of %s", occ_code,
                          area, table->name);
    else
        st = assemble(b, out, err);
    free(b);
    return st;
}
