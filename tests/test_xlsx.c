/* test_xlsx.c - the .xlsx reader (lib/bls/xlsx.c) and its sheet scanner
 * (lib/bls/sheet.c).
 *
 * Every row of every sheet of every workbook in tests/data/ is compared
 * with an independent reader written here on libxml2's tree API, with the
 * rules the library's reader had when it was built on libxml2's
 * xmlTextReader (a cell's text is the text of its <v> and <t>; a shared
 * string's is its <t> outside <rPh>; r= places a cell). Where a workbook
 * has a CSV twin, its rows are compared with the CSV's, cell by cell
 * (numbers by value: the workbook writes 37.659999999999997 where the CSV
 * writes 37.66), and its OEWS profiles must be the same to the bit. Some
 * cells are checked against what openpyxl 3.0.9 reads from the same
 * files (Debian's python3-openpyxl). The scanner must read the same rows
 * whatever the size of the chunks it is given, one byte included, and
 * refuse what is not XML, or what would declare entities. */
#include "util.h"
#include "sheet_feed.h"

#include "bls/bls.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char *const workbooks[] = {
    "tests/data/bls/national_M2014_dl.xlsx",
    "tests/data/bls/national_M2019_dl.xlsx",
    "tests/data/bls/national_M2021_dl.xlsx",
    "tests/data/bls/national_M2022_dl.xlsx",
    "tests/data/bls/national_M2023_dl.xlsx",
    "tests/data/bls/occupation_2016-26.xlsx",
    "tests/data/bls/occupation_2024-34.xlsx",
    "tests/data/oews/all_data_M_2018.xlsx",
    "tests/data/oews/ep_2020-30.xlsx",
    "tests/data/oews/national_M2011_dl.xlsx",
    "tests/data/oews/national_M2011_dl_excel.xlsx",
};
#define NWORKBOOKS (sizeof workbooks / sizeof workbooks[0])

/* ---- text of rows ------------------------------------------------------- */

/* A growing text: rows written "number:|cell|cell\n", as both readers
 * print them for comparison. */
typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = 2 * (t->n + n + 1);
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void put_str(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void put_row(text *t, const careerp_row *row)
{
    char number[32];
    size_t i;

    snprintf(number, sizeof number, "%ld:", row->number);
    put_str(t, number);
    for (i = 0; i < row->n; i++) {
        put_str(t, "|");
        put(t, row->cell[i], row->len[i]);
    }
    put_str(t, "\n");
}

/* Every row of sheet `sheet` of the workbook at path, by the library;
 * CAREER_ERR_NOT_FOUND when there is no such sheet. */
static career_status library_rows(const char *path, size_t sheet, text *out)
{
    careerp_source src;
    careerp_rows *rows = NULL;
    career_error err;
    careerp_row row;
    career_status st;

    careerp_error_reset(&err);
    assert_status(careerp_source_open(&src, path, NULL, 0, NULL, &err),
                  CAREER_OK);
    st = careerp_rows_open(&src, sheet, &rows, &err);
    if (st == CAREER_OK) {
        while ((st = rows->next(rows, &row, &err)) == CAREER_OK)
            put_row(out, &row);
        if (st != CAREER_ERR_NOT_FOUND)
            print_error("%s: %s\n", path, err.text);
        assert_status(st, CAREER_ERR_NOT_FOUND);
        st = CAREER_OK;
    }
    careerp_rows_close(rows);
    careerp_source_close(&src);
    return st;
}

/* ---- the reference: libxml2's tree ------------------------------------------ */

/* A part of the workbook, inflated whole (free() it), or NULL. */
static char *part_of(const char *path, const char *entry, size_t *n)
{
    zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
    zip_file_t *f;
    zip_stat_t sb;
    char *buf = NULL;

    assert_non_null(z);
    if (zip_stat(z, entry, 0, &sb) == 0 && (f = zip_fopen(z, entry, 0))) {
        buf = malloc(sb.size + 1);
        assert_non_null(buf);
        assert_int_equal(zip_fread(f, buf, sb.size), (zip_int64_t)sb.size);
        buf[sb.size] = '\0';
        *n = (size_t)sb.size;
        zip_fclose(f);
    }
    zip_discard(z);
    return buf;
}

static xmlDocPtr tree_of(const char *path, const char *entry)
{
    size_t n;
    char *xml = part_of(path, entry, &n);
    xmlDocPtr doc;

    if (!xml)
        return NULL;
    doc = xmlReadMemory(xml, (int)n, entry, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    free(xml);
    return doc;
}

static int is(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
}

/* The value of the attribute whose local name is `name`, or NULL
 * (xmlFree it). */
static char *attr_of(const xmlNode *node, const char *name)
{
    const xmlAttr *a;

    for (a = node->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return (char *)xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

/* The first element named `name` in document order from node, whose
 * attribute `key` is `value` (key NULL: the index-th). */
static const xmlNode *find(const xmlNode *node, const char *name,
                           const char *key, const char *value,
                           size_t *index)
{
    const xmlNode *found;

    for (; node; node = node->next) {
        if (is(node, name)) {
            char *v = key ? attr_of(node, key) : NULL;
            int hit = key ? v && strcmp(v, value) == 0 : (*index)-- == 0;
            xmlFree(v);
            if (hit)
                return node;
        }
        if ((found = find(node->children, name, key, value, index)))
            return found;
    }
    return NULL;
}

/* The entry of sheet `sheet`, or 0 when there is none. */
static int sheet_part(const char *path, size_t sheet, char *entry,
                      size_t size)
{
    xmlDocPtr wb = tree_of(path, "xl/workbook.xml");
    xmlDocPtr rels = tree_of(path, "xl/_rels/workbook.xml.rels");
    const xmlNode *s = find(xmlDocGetRootElement(wb), "sheet", NULL, NULL,
                            &sheet);
    const xmlNode *r;
    char *id, *target;
    size_t none = 0;

    if (s) {
        id = attr_of(s, "id");
        r = find(xmlDocGetRootElement(rels), "Relationship", "Id", id, &none);
        assert_non_null(r);
        target = attr_of(r, "Target");
        snprintf(entry, size, "%s%s", target[0] == '/' ? "" : "xl/",
                 target + (target[0] == '/'));
        xmlFree(target);
        xmlFree(id);
    }
    xmlFreeDoc(wb);
    xmlFreeDoc(rels);
    return s != NULL;
}

/* The text of the text nodes under node whose parent is named `in` (or
 * `or`), outside elements named `skip`. */
static void text_under(const xmlNode *node, const char *in, const char *or,
                       const char *skip, text *out)
{
    for (; node; node = node->next) {
        if ((node->type == XML_TEXT_NODE ||
             node->type == XML_CDATA_SECTION_NODE) &&
            node->parent && (is(node->parent, in) || is(node->parent, or)))
            put_str(out, (const char *)node->content);
        if (node->type == XML_ELEMENT_NODE && !(skip && is(node, skip)))
            text_under(node->children, in, or, skip, out);
    }
}

/* The shared strings: each followed by a NUL, string i at start[i]. */
typedef struct strings {
    text all;
    uint32_t start[65536];
    size_t n;
} strings;

static void load_strings(const char *path, strings *s)
{
    xmlDocPtr doc = tree_of(path, "xl/sharedStrings.xml");
    const xmlNode *si;

    memset(s, 0, sizeof *s);
    if (!doc)
        return;
    for (si = xmlDocGetRootElement(doc)->children; si; si = si->next) {
        if (!is(si, "si"))
            continue;
        assert_true(s->n < 65536);
        s->start[s->n++] = (uint32_t)s->all.n;
        text_under(si->children, "t", "t", "rPh", &s->all);
        put(&s->all, "", 1);
    }
    xmlFreeDoc(doc);
}

static void ref_cell(const xmlNode *c, const strings *s, text *out)
{
    char *type = attr_of(c, "t");
    text v = {NULL, 0, 0};
    unsigned long i;

    put(&v, "", 0);
    text_under(c->children, "v", "t", NULL, &v);
    if (type && strcmp(type, "s") == 0) {
        i = strtoul(v.s, NULL, 10);
        assert_true(i < s->n);
        put_str(out, s->all.s + s->start[i]);
    } else if (type && strcmp(type, "b") == 0) {
        put_str(out, strcmp(v.s, "1") == 0 ? "TRUE" : "FALSE");
    } else {
        put(out, v.s, v.n);
    }
    xmlFree(type);
    free(v.s);
}

static void ref_row(const xmlNode *row, long number, const strings *s,
                    text *out)
{
    size_t col = 0, want, k;
    const xmlNode *c;
    char buf[32], *r;

    snprintf(buf, sizeof buf, "%ld:", number);
    put_str(out, buf);
    for (c = row->children; c; c = c->next) {
        if (!is(c, "c"))
            continue;
        r = attr_of(c, "r");
        for (want = 0, k = 0; r && r[k] >= 'A' && r[k] <= 'Z'; k++)
            want = want * 26 + (size_t)(r[k] - 'A' + 1);
        xmlFree(r);
        for (; want && col + 1 < want; col++)
            put_str(out, "|");
        put_str(out, "|");
        ref_cell(c, s, out);
        col++;
    }
    put_str(out, "\n");
}

/* Every row of a sheet by the reference reader. */
static void reference_rows(const char *path, const char *entry,
                           const strings *s, text *out)
{
    xmlDocPtr doc = tree_of(path, entry);
    const xmlNode *data, *row;
    long number = 0;
    size_t zero = 0;
    char *r;

    assert_non_null(doc);
    data = find(xmlDocGetRootElement(doc), "sheetData", NULL, NULL, &zero);
    for (row = data ? data->children : NULL; row; row = row->next) {
        if (!is(row, "row") || !row->children) /* <row/>: no row */
            continue;
        r = attr_of(row, "r");
        number = r ? strtol(r, NULL, 10) : number + 1;
        xmlFree(r);
        ref_row(row, number, s, out);
    }
    xmlFreeDoc(doc);
}

/* ---- every sheet of every workbook --------------------------------------- */

static void every_sheet_as_reference(void **state)
{
    static strings s;
    size_t w, sheet, nsheets = 0, nrows = 0, i;
    char entry[256];

    (void)state;
    for (w = 0; w < NWORKBOOKS; w++) {
        load_strings(workbooks[w], &s);
        for (sheet = 0;; sheet++) {
            text lib = {NULL, 0, 0}, ref = {NULL, 0, 0};
            career_status st = library_rows(workbooks[w], sheet, &lib);
            if (!sheet_part(workbooks[w], sheet, entry, sizeof entry)) {
                assert_status(st, CAREER_ERR_NOT_FOUND);
                break;
            }
            assert_status(st, CAREER_OK);
            put(&lib, "", 0);
            reference_rows(workbooks[w], entry, &s, &ref);
            put(&ref, "", 0);
            if (strcmp(lib.s, ref.s) != 0)
                print_error("%s, sheet %zu (%s) differs\n", workbooks[w],
                            sheet, entry);
            assert_string_equal(lib.s, ref.s);
            for (i = 0; i < lib.n; i++)
                nrows += lib.s[i] == '\n';
            nsheets++;
            free(lib.s);
            free(ref.s);
        }
        free(s.all.s);
    }
    /* all 11 workbooks, 45 sheets: none left out by mistake */
    assert_int_equal(nsheets, 45);
    assert_true(nrows > 15000);
}

/* ---- the CSV twins -------------------------------------------------------- */

/* Every row of a table, as rows of cells, by the library. */
typedef struct table {
    text cells;
    size_t *start; /* of each cell in cells.s */
    size_t *row_end, *row_number, ncells, nrows, cap, rcap;
} table;

static void load_table(const char *path, size_t sheet, table *t)
{
    careerp_source src;
    careerp_rows *rows = NULL;
    career_error err;
    careerp_row row;
    size_t i;

    memset(t, 0, sizeof *t);
    careerp_error_reset(&err);
    assert_status(careerp_source_open(&src, path, NULL, 0, NULL, &err),
                  CAREER_OK);
    assert_status(careerp_rows_open(&src, sheet, &rows, &err), CAREER_OK);
    while (rows->next(rows, &row, &err) == CAREER_OK) {
        if (t->nrows == t->rcap) {
            t->rcap = 2 * t->rcap + 64;
            t->row_end = realloc(t->row_end, t->rcap * sizeof *t->row_end);
            t->row_number =
                realloc(t->row_number, t->rcap * sizeof *t->row_number);
            assert_non_null(t->row_end);
            assert_non_null(t->row_number);
        }
        for (i = 0; i < row.n; i++) {
            if (t->ncells == t->cap) {
                t->cap = 2 * t->cap + 256;
                t->start = realloc(t->start, t->cap * sizeof *t->start);
                assert_non_null(t->start);
            }
            t->start[t->ncells++] = t->cells.n;
            put(&t->cells, row.cell[i], row.len[i] + 1);
        }
        t->row_number[t->nrows] = (size_t)row.number;
        t->row_end[t->nrows++] = t->ncells;
    }
    careerp_rows_close(rows);
    careerp_source_close(&src);
}

static void free_table(table *t)
{
    free(t->cells.s);
    free(t->start);
    free(t->row_end);
    free(t->row_number);
}

/* Whether two cells say the same: the same text, or numbers of the same
 * value (thousands separators and the digits of a double's shortest
 * form aside). */
static int same_cell(const char *a, const char *b)
{
    double x, y;
    int ma, mb;

    if (strcmp(a, b) == 0)
        return 1;
    return careerp_cell_number(a, &x, &ma) &&
           careerp_cell_number(b, &y, &mb) && ma == mb &&
           (ma != CAREERP_CELL_VALUE || x == y);
}

static void same_rows(const char *xlsx, size_t sheet, const char *csv)
{
    table a, b;
    size_t r, i, fa = 0, fb = 0, na, nb;

    load_table(xlsx, sheet, &a);
    load_table(csv, 0, &b);
    if (a.nrows != b.nrows)
        print_error("%s: %zu rows, %s: %zu\n", xlsx, a.nrows, csv, b.nrows);
    assert_int_equal(a.nrows, b.nrows);
    for (r = 0; r < a.nrows; fa = a.row_end[r], fb = b.row_end[r], r++) {
        assert_int_equal(a.row_number[r], b.row_number[r]);
        /* a sheet may leave out empty cells at a row's end */
        na = a.row_end[r] - fa;
        nb = b.row_end[r] - fb;
        for (i = 0; i < na || i < nb; i++) {
            const char *x = i < na ? a.cells.s + a.start[fa + i] : "";
            const char *y = i < nb ? b.cells.s + b.start[fb + i] : "";
            if (!same_cell(x, y))
                print_error("%s row %zu cell %zu: '%s' against '%s'\n", xlsx,
                            a.row_number[r], i + 1, x, y);
            assert_true(same_cell(x, y));
        }
    }
    free_table(&a);
    free_table(&b);
}

static void rows_as_csv_twins(void **state)
{
    (void)state;
    same_rows("tests/data/bls/national_M2023_dl.xlsx", 0,
              "tests/data/bls/national_M2023_dl.csv");
    /* its first sheet describes the fields */
    same_rows("tests/data/oews/all_data_M_2018.xlsx", 1,
              "tests/data/oews/all_data_M_2018.csv");
    same_rows("tests/data/oews/national_M2011_dl.xlsx", 0,
              "tests/data/oews/national_M2011_dl.csv");
    same_rows("tests/data/oews/national_M2011_dl_excel.xlsx", 0,
              "tests/data/oews/national_M2011_dl.csv");
    same_rows("tests/data/oews/ep_2020-30.xlsx", 0,
              "tests/data/oews/ep_2020-30.csv");
}

/* OEWS May 2023, national: the same table and the same profiles, to the
 * bit, from the workbook as from the CSV. */
static void profiles_as_csv_twin(void **state)
{
    career_oews_table *a = NULL, *b = NULL;
    career_oews_entry ea, eb;
    career_profile *pa, *pb;
    size_t i, k, made = 0;

    (void)state;
    assert_status(career_oews_open("tests/data/bls/national_M2023_dl.xlsx",
                                   NULL, &a, NULL),
                  CAREER_OK);
    assert_status(career_oews_open("tests/data/bls/national_M2023_dl.csv",
                                   NULL, &b, NULL),
                  CAREER_OK);
    assert_int_equal(career_oews_count(a), career_oews_count(b));
    assert_true(career_oews_count(a) > 800);
    for (i = 0; i < career_oews_count(a); i++) {
        assert_status(career_oews_entry_at(a, i, &ea), CAREER_OK);
        assert_status(career_oews_entry_at(b, i, &eb), CAREER_OK);
        assert_string_equal(ea.occ_code, eb.occ_code);
        assert_string_equal(ea.occ_title, eb.occ_title);
        assert_string_equal(ea.area_code, eb.area_code);
        assert_string_equal(ea.area_title, eb.area_title);
        assert_int_equal(ea.row, eb.row);
        assert_int_equal(ea.hourly_only, eb.hourly_only);
        assert_memory_equal(&ea.employment, &eb.employment, sizeof(double));
        if (career_oews_profile(a, ea.occ_code, NULL, NULL, NULL, &pa,
                                NULL) != CAREER_OK) {
            assert_int_not_equal(career_oews_profile(b, eb.occ_code, NULL,
                                                     NULL, NULL, &pb, NULL),
                                 CAREER_OK);
            continue;
        }
        assert_status(career_oews_profile(b, eb.occ_code, NULL, NULL, NULL,
                                          &pb, NULL),
                      CAREER_OK);
        assert_int_equal(pa->nquantiles, pb->nquantiles);
        assert_memory_equal(pa->quantiles, pb->quantiles,
                            pa->nquantiles * sizeof *pa->quantiles);
        assert_int_equal(pa->ntiers, pb->ntiers);
        for (k = 0; k < pa->ntiers; k++)
            assert_memory_equal(&pa->tiers[k].salary, &pb->tiers[k].salary,
                                sizeof(double));
        assert_memory_equal(&pa->market_mean, &pb->market_mean,
                            sizeof(double));
        assert_int_equal(pa->nnotes, pb->nnotes);
        for (k = 0; k < pa->nnotes; k++)
            assert_string_equal(pa->notes[k], pb->notes[k]);
        career_profile_free(pa);
        career_profile_free(pb);
        made++;
    }
    assert_true(made > 700);
    career_oews_close(a);
    career_oews_close(b);
}

/* ---- cells as openpyxl reads them ---------------------------------------- */

/* Cells of the real files as openpyxl 3.0.9 reads them (values_only):
 * texts as they are, numbers by value. */
static const struct known {
    const char *path;
    size_t sheet;
    long row;
    size_t col; /* 0-based */
    const char *text; /* or NULL: the number */
    double number;
} known[] = {
    {"tests/data/bls/national_M2014_dl.xlsx", 0, 2, 0, "00-0000", 0},
    {"tests/data/bls/national_M2014_dl.xlsx", 0, 2, 3, NULL, 135128260},
    {"tests/data/bls/national_M2014_dl.xlsx", 0, 6, 5, NULL, 86.88},
    {"tests/data/bls/national_M2019_dl.xlsx", 0, 1, 0, "occ_code", 0},
    {"tests/data/bls/national_M2019_dl.xlsx", 0, 6, 3, NULL, 205890},
    {"tests/data/bls/national_M2019_dl.xlsx", 1, 1, 0,
     "May 2019 OES Estimates", 0},
    {"tests/data/bls/national_M2021_dl.xlsx", 2, 2, 0, "09MAR2021:10:42:00",
     0},
    {"tests/data/bls/national_M2022_dl.xlsx", 0, 6, 1, "Chief Executives", 0},
    {"tests/data/bls/national_M2022_dl.xlsx", 0, 6, 3, NULL, 199240},
    {"tests/data/bls/national_M2023_dl.xlsx", 0, 2, 0, "99", 0},
    {"tests/data/bls/occupation_2016-26.xlsx", 1, 1, 0,
     "Table 1.1 Employment by major occupational group, 2016 and "
     "projected 2026\n (Numbers in thousands)", 0},
    {"tests/data/bls/occupation_2016-26.xlsx", 1, 4, 2, NULL, 156063.8},
    {"tests/data/bls/occupation_2016-26.xlsx", 2, 4, 3, NULL, 2016},
    {"tests/data/bls/occupation_2024-34.xlsx", 1, 2, 4,
     "Employment change, numeric, 2024\xe2\x80\x93" "34", 0},
    {"tests/data/bls/occupation_2024-34.xlsx", 2, 6, 0,
     "      Chief executives", 0},
    {"tests/data/bls/occupation_2024-34.xlsx", 2, 6, 3, NULL, 309.4},
};

static void cells_as_openpyxl(void **state)
{
    size_t k, n = sizeof known / sizeof known[0];

    (void)state;
    for (k = 0; k < n; k++) {
        const struct known *c = &known[k];
        careerp_source src;
        careerp_rows *rows = NULL;
        careerp_row row;
        career_error err;
        int found = 0;

        careerp_error_reset(&err);
        assert_status(careerp_source_open(&src, c->path, NULL, 0, NULL,
                                          &err),
                      CAREER_OK);
        assert_status(careerp_rows_open(&src, c->sheet, &rows, &err),
                      CAREER_OK);
        while (!found && rows->next(rows, &row, &err) == CAREER_OK) {
            if (row.number != c->row)
                continue;
            found = 1;
            assert_true(c->col < row.n);
            if (c->text) {
                assert_string_equal(row.cell[c->col], c->text);
            } else {
                double v = 0;
                assert_status(careerp_strtod_c(row.cell[c->col], NULL, &v),
                              CAREER_OK);
                assert_true(v == c->number);
            }
        }
        assert_true(found);
        careerp_rows_close(rows);
        careerp_source_close(&src);
    }
}

/* ---- the scanner alone ------------------------------------------------------ */

static career_status never_fails(void *context, long row, career_error *err)
{
    (void)context;
    (void)row;
    fail_msg("the feed never fails");
    return careerp_fail(err, CAREER_ERR_IO, "no");
}

/* The rows of a sheet's XML, read k bytes at a time, into out (an error
 * at the end as "!status: text"). */
static career_status scan(const char *xml, size_t n, size_t k,
                          const strings *s, text *out, career_error *err)
{
    feed f = {xml, n, 0, k};
    careerp_sheet_input in = {pull, never_fails, &f, "made.xlsx", "sheet"};
    careerp_strings view = {s->all.s, s->start, s->n, s->all.n};
    careerp_sheet *sheet = NULL;
    career_status st;
    careerp_row row;
    char status[400];

    careerp_error_reset(err);
    assert_status(careerp_sheet_open(&in, &view, &sheet), CAREER_OK);
    put(out, "", 0);
    while ((st = careerp_sheet_next(sheet, &row, err)) == CAREER_OK)
        put_row(out, &row);
    if (st != CAREER_ERR_NOT_FOUND) {
        snprintf(status, sizeof status, "!%d: %s", (int)st, err->text);
        put_str(out, status);
    }
    careerp_sheet_close(sheet);
    return st;
}

/* Each sheet of the real workbooks, read a byte at a time, then 2, 3, 7,
 * 64 and 4,099 bytes at a time: the same rows as in one piece. Chunks
 * end inside every kind of token. */
static void any_chunks(void **state)
{
    static const size_t sizes[] = {1, 2, 3, 7, 64, 4099};
    static strings s;
    career_error err;
    size_t w, k, n;
    char entry[256];

    (void)state;
    for (w = 0; w < NWORKBOOKS; w++) {
        char *xml;
        text whole = {NULL, 0, 0};
        if (w == 5 || w == 6) /* EP: the OEWS sheets suffice for speed */
            continue;
        load_strings(workbooks[w], &s);
        assert_true(sheet_part(workbooks[w], 0, entry, sizeof entry));
        xml = part_of(workbooks[w], entry, &n);
        assert_status(scan(xml, n, (size_t)1 << 20, &s, &whole, &err),
                      CAREER_ERR_NOT_FOUND);
        for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            text part = {NULL, 0, 0};
            assert_status(scan(xml, n, sizes[k], &s, &part, &err),
                          CAREER_ERR_NOT_FOUND);
            assert_string_equal(part.s, whole.s);
            free(part.s);
        }
        free(whole.s);
        free(xml);
        free(s.all.s);
    }
}

/* Two shared strings, for the sheets below. */
static void two_strings(strings *s)
{
    memset(s, 0, sizeof *s);
    s->start[s->n++] = 0;
    put(&s->all, "zero", 5);
    s->start[s->n++] = (uint32_t)s->all.n;
    put(&s->all, "one & \xc3\xa9", 9);
}

#define SHEET(rows) "<worksheet><sheetData>" rows "</sheetData></worksheet>"

/* XML that is read: what the rows must be. */
static const struct good {
    const char *xml, *rows;
} good[] = {
    /* the five entities and character references, decoded */
    {SHEET("<row r=\"1\"><c t=\"inlineStr\"><is><t>&amp;&lt;&gt;&quot;&apos;"
           "&#65;&#x42;&#x20AC;&#128512;</t></is></c></row>"),
     "1:|&<>\"'AB\xe2\x82\xac\xf0\x9f\x98\x80\n"},
    /* a reference as long as the scanner reads one (REF_MAX, 32 digits),
     * whole however the chunks cut it before its ';' */
    {SHEET("<row><c><v>&#00000000000000000000000000000065;</v></c></row>"),
     "1:|A\n"},
    /* and in attributes: row 2, column C, a shared string */
    {SHEET("<row r=\"&#50;\"><c r=\"&#67;2\"><v>1</v></c><c t=\"&#115;\">"
           "<v>1</v></c></row>"),
     "2:|||1|one & \xc3\xa9\n"},
    /* CDATA as it is (a CR kept, as libxml2 keeps it); text's line ends
     * read as LF */
    {SHEET("<row><c><v><![CDATA[<a>&amp;\r\n]]></v></c><c t=\"inlineStr\">"
           "<is><t>a\r\nb\rc\nd</t></is></c></row>"),
     "1:|<a>&amp;\r\n|a\nb\nc\nd\n"},
    /* comments and processing instructions skipped, runs joined, a
     * phonetic run's text kept as the old reader kept it */
    {SHEET("<!-- c --><row><c><v>1<!-- x -->2<?pi y?>3</v></c><c t=\""
           "inlineStr\"><is><r><t>a</t></r><r><rPr/><t>b</t></r><rPh>"
           "<t>c</t></rPh></is></c></row>"),
     "1:|123|abc\n"},
    /* prefixed names, booleans, shared strings, empty cells and rows */
    {"<x:worksheet xmlns:x=\"urn:x\"><x:sheetData><x:row r=\"1\"><x:c t=\"b\">"
     "<x:v>1</x:v></x:c><x:c t=\"b\"><x:v>0</x:v></x:c><x:c r=\"E1\" t=\"s\">"
     "<x:v>0</x:v></x:c><x:c r=\"F1\" s=\"3\"/></x:row><x:row r=\"3\"/>"
     "<x:row r=\"4\"><x:c/></x:row></x:sheetData></x:worksheet>",
     "1:|TRUE|FALSE|||zero|\n4:|\n"},
    /* a byte-order mark, the declaration, quotes and white space of all
     * kinds in tags */
    {"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"
     "\r\n<worksheet>\r\n<sheetData><row r='4' ><c r = 'B4'\tt = \"s\" ><v >"
     "1</v ></c\n></row ></sheetData></worksheet >\n",
     "4:||one & \xc3\xa9\n"},
    /* a document with no rows */
    {"<worksheet/>", ""},
};

/* XML that is refused: what the error says. */
static const struct bad {
    const char *xml;
    size_t n; /* 0: strlen */
    const char *why;
} bad[] = {
    /* a document type: entities ("billion laughs"), external ones (XXE) */
    {"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY "
     "lol2 \"&lol;&lol;\">]><worksheet><sheetData><row><c><v>&lol2;</v></c>"
     "</row></sheetData></worksheet>", 0, "DOCTYPE"},
    {"<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\"><worksheet/>", 0,
     "DOCTYPE"},
    {SHEET("<row><c><v>&lol;</v></c></row>"), 0, "XML's five"},
    {SHEET("<row><c><v>&#0;</v></c></row>"), 0, "no character of XML"},
    {SHEET("<row><c><v>&#xD800;</v></c></row>"), 0, "no character of XML"},
    {SHEET("<row><c><v>&#x110000;</v></c></row>"), 0, "no character"},
    {SHEET("<row><c><v>&#;</v></c></row>"), 0, "character reference"},
    {SHEET("<row><c><v>&#65</v></c></row>"), 0, "malformed character"},
    {SHEET("<row><c><v>&amp</v></c></row>"), 0, "malformed entity"},
    /* names of 31 and 32 bytes, the longest read and one past it: the
     * same error for every chunk (a chunk ending before the ';' once
     * read the first as malformed) */
    {SHEET("<row><c><v>&abcdefghijklmnopqrstuvwxyzabcde;</v></c></row>"), 0,
     "XML's five"},
    {SHEET("<row><c><v>&abcdefghijklmnopqrstuvwxyzabcdef;</v></c></row>"), 0,
     "malformed entity"},
    {SHEET("<row r=\"&x;\"/>"), 0, "XML's five"},
    /* characters that are not XML's, or not UTF-8 */
    {SHEET("<row><c><v>1\0002</v></c></row>"), 67, "control character"},
    {SHEET("<row><c><v>1\0012</v></c></row>"), 0, "control character"},
    {SHEET("<row><c><v>\xff</v></c></row>"), 0, "not UTF-8"},
    {SHEET("<row><c><v>\xc0\xaf</v></c></row>"), 0, "not UTF-8"},
    {SHEET("<row><c><v>\xed\xa0\x80</v></c></row>"), 0, "not UTF-8"},
    {SHEET("<row><c><v>\xef\xbf\xbe</v></c></row>"), 0, "not UTF-8"},
    {SHEET("<row><c a=\"\xff\"><v>1</v></c></row>"), 0, "not UTF-8"},
    {SHEET("<row><c><v>]]></v></c></row>"), 0, "\"]]>\""},
    /* structure */
    {SHEET("<row><c><v>1</v></row>"), 0, "does not match"},
    {"<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>", 0,
     "ends inside"},
    {"<worksheet><sheetData><row r=\"1\"><c><v>1", 0, "ends inside"},
    {"<worksheet/>x", 0, "outside the root"},
    {"<![CDATA[x]]><worksheet/>", 0, "outside the root"},
    {"<worksheet/><![CDATA[", 0, "outside the root"},
    {"<worksheet/><worksheet/>", 0, "after the root"},
    {"", 0, "no root element"},
    {"</worksheet>", 0, "no element open"},
    {SHEET("<row r=1/>"), 0, "malformed attribute"},
    {SHEET("<row r=\"1\"s=\"2\"/>"), 0, "malformed attribute"},
    {SHEET("<row><c r=\"<\"/></row>"), 0, "'<'"},
    {SHEET("<row><c r=\"1/></row>"), 0, "'<'"},
    {SHEET("<row><1c/></row>"), 0, "malformed tag"},
    {SHEET("<row><c></ c></row>"), 0, "malformed end tag"},
    {SHEET("<!-- open"), 0, "comment not closed"},
    {SHEET("<row><c><v><![CDATA[x</v></c></row>"), 0, "CDATA"},
    {SHEET("<?pi"), 0, "processing instruction"},
    {SHEET("<!ELEMENT x ANY>"), 0, "malformed '<!'"},
    /* the declaration */
    {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet/>", 0,
     "other than UTF-8"},
    {"<?xml version=\"2\"?><worksheet/>", 0, "XML declaration"},
    {"<?xml version=\"1.0\" standalone=\"maybe\"?><worksheet/>", 0,
     "XML declaration"},
    {"<worksheet><?xml version=\"1.0\"?></worksheet>", 0,
     "XML declaration past the start"},
    {"\xff\xfe<\000w\000/\000>\000", 10, "UTF-16"},
};

static void check_good(const struct good *g, const strings *s)
{
    career_error err;
    size_t k;

    for (k = 1; k <= (size_t)1 << 20; k = k < 4 ? k + 1 : k << 10) {
        text out = {NULL, 0, 0};
        if (scan(g->xml, strlen(g->xml), k, s, &out, &err) !=
                CAREER_ERR_NOT_FOUND ||
            strcmp(out.s, g->rows) != 0)
            print_error("k = %zu: [%s] for [%s]\n", k, out.s, g->xml);
        assert_string_equal(out.s, g->rows);
        free(out.s);
    }
}

static void check_bad(const struct bad *b, const strings *s)
{
    size_t n = b->n ? b->n : strlen(b->xml), k;
    text first = {NULL, 0, 0};
    career_error err;

    for (k = 1; k <= (size_t)1 << 20; k = k < 4 ? k + 1 : k << 10) {
        text out = {NULL, 0, 0};
        assert_status(scan(b->xml, n, k, s, &out, &err), CAREER_ERR_PARSE);
        if (!strstr(err.text, b->why))
            print_error("'%s' for '%s'\n", err.text, b->xml);
        assert_non_null(strstr(err.text, b->why));
        assert_non_null(strstr(err.text, "corrupt workbook"));
        assert_string_equal(err.source, "made.xlsx");
        /* the same error at the same byte, whatever the chunks */
        if (first.s)
            assert_string_equal(out.s, first.s);
        else
            first = out, out.s = NULL;
        free(out.s);
    }
    free(first.s);
}

static void scanner_reads(void **state)
{
    static strings s;
    size_t i;

    (void)state;
    two_strings(&s);
    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        check_good(&good[i], &s);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_bad(&bad[i], &s);
    free(s.all.s);
}

/* A cell nested `depth` elements deep (<a>s around row, c and v). */
static void nest(char *xml, size_t cap, size_t depth)
{
    size_t n = 0, i;

    for (i = 0; i + 3 < depth; i++)
        n += (size_t)snprintf(xml + n, cap - n, "<a>");
    n += (size_t)snprintf(xml + n, cap - n, "<row><c><v>7</v></c></row>");
    for (i = 0; i + 3 < depth; i++)
        n += (size_t)snprintf(xml + n, cap - n, "</a>");
}

/* Nesting: 256 levels are read, 257 refused (libxml2's default); a tag
 * of over 1 MiB is refused, and text of any length outside the cells is
 * read in a stream. */
static void scanner_bounds(void **state)
{
    static strings s;
    size_t n, cap = (size_t)3 << 20;
    char *xml = malloc(cap);
    text out = {NULL, 0, 0};
    career_error err;
    struct good g = {NULL, "1:|7\n"};
    struct bad b = {NULL, 0, "256 deep"};

    (void)state;
    assert_non_null(xml);
    two_strings(&s);
    nest(xml, cap, 256);
    g.xml = xml;
    check_good(&g, &s);
    nest(xml, cap, 257);
    b.xml = xml;
    check_bad(&b, &s);
    /* a tag of 1.2 MB */
    n = (size_t)snprintf(xml, cap, "<worksheet a=\"");
    memset(xml + n, 'x', (size_t)1200 << 10);
    n += (size_t)1200 << 10;
    n += (size_t)snprintf(xml + n, cap - n, "\"/>");
    assert_status(scan(xml, n, (size_t)1 << 20, &s, &out, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "a tag over 1 MiB"));
    free(out.s);
    /* 2 MB of text outside the cells */
    n = (size_t)snprintf(xml, cap, "<worksheet><sheetData>");
    memset(xml + n, 'y', (size_t)2 << 20);
    n += (size_t)2 << 20;
    n += (size_t)snprintf(xml + n, cap - n, "<row><c><v>1</v></c></row>"
                                            "</sheetData></worksheet>");
    out.s = NULL;
    out.n = out.cap = 0;
    assert_status(scan(xml, n, (size_t)1 << 20, &s, &out, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_string_equal(out.s, "1:|1\n");
    free(out.s);
    free(xml);
    free(s.all.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_sheet_as_reference),
        cmocka_unit_test(rows_as_csv_twins),
        cmocka_unit_test(profiles_as_csv_twin),
        cmocka_unit_test(cells_as_openpyxl),
        cmocka_unit_test(any_chunks),
        cmocka_unit_test(scanner_reads),
        cmocka_unit_test(scanner_bounds),
    };
    int failed;

    xmlInitParser();
    failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
