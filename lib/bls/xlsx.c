/* xlsx.c - one sheet of an .xlsx workbook read a row at a time: libzip
 * opens the container, and libxml2's xmlTextReader streams the sheet's XML,
 * so that a 400,000-row sheet is never in memory whole. Only the shared
 * strings (the workbook's table of distinct texts) are kept. Whatever the
 * bytes, a damaged workbook is an error, never a crash; libxml2's messages
 * go into the error record, never to stderr. */
#include "bls/bls.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* The shared strings of a hostile workbook could be enormous. */
#define SST_MAX_BYTES ((size_t)512 << 20)

enum { XT_ELEMENT = 1, XT_TEXT = 3, XT_CDATA = 4, XT_WHITESPACE = 13,
       XT_SIGNIFICANT = 14, XT_END = 15 };

typedef struct xlsx {
    careerp_rows base;
    zip_t *zip;
    zip_file_t *file;        /* the sheet's entry */
    xmlTextReaderPtr reader; /* on file */
    careerp_rowbuf sst;      /* shared strings, one "cell" each */
    careerp_rowbuf row;
    careerp_rowbuf val;      /* the value of the cell being read */
    long last_row;
    char xml_error[200];
    char name[160];
} xlsx;

/* ---- XML over a zip entry ------------------------------------------------ */

static int zip_read(void *context, char *buf, int len)
{
    zip_int64_t n = zip_fread((zip_file_t *)context, buf, (zip_uint64_t)len);
    return n < 0 ? -1 : (int)n;
}

static int zip_close_noop(void *context)
{
    (void)context;
    return 0;
}

static void xml_error(void *context, xmlErrorPtr error)
{
    xlsx *x = context;
    size_t n;

    if (x->xml_error[0] || !error)
        return;
    snprintf(x->xml_error, sizeof x->xml_error, "line %d: %s", error->line,
             error->message ? error->message : "XML error");
    n = strlen(x->xml_error);
    while (n > 0 && (x->xml_error[n - 1] == '\n' || x->xml_error[n - 1] == ' '))
        x->xml_error[--n] = '\0';
}

/* Opens the entry `entry` as an XML reader (*file and *reader). */
static career_status xml_open(xlsx *x, const char *entry, zip_file_t **file,
                              xmlTextReaderPtr *reader, career_error *err)
{
    *file = zip_fopen(x->zip, entry, 0);
    if (!*file)
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                               "not a workbook: cannot read %s: %s", entry,
                               zip_strerror(x->zip));
    *reader = xmlReaderForIO(zip_read, zip_close_noop, *file, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!*reader) {
        zip_fclose(*file);
        *file = NULL;
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    xmlTextReaderSetStructuredErrorHandler(*reader, xml_error, x);
    return CAREER_OK;
}

static void xml_close(zip_file_t **file, xmlTextReaderPtr *reader)
{
    if (*reader)
        xmlFreeTextReader(*reader);
    if (*file)
        zip_fclose(*file);
    *reader = NULL;
    *file = NULL;
}

static career_status xml_fail(xlsx *x, const char *entry, long row,
                              career_error *err)
{
    return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, (int)row, 0,
                           "corrupt workbook: %s: %s", entry,
                           x->xml_error[0] ? x->xml_error
                                           : "malformed XML or compressed data");
}

static int named(xmlTextReaderPtr r, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && strcmp((const char *)n, name) == 0;
}

/* The value of attribute `name` of the current element, or NULL. */
static const char *attr(xmlTextReaderPtr r, const char *name)
{
    const char *v = NULL;

    while (xmlTextReaderMoveToNextAttribute(r) == 1)
        if (named(r, name)) {
            v = (const char *)xmlTextReaderConstValue(r);
            break;
        }
    xmlTextReaderMoveToElement(r);
    return v;
}

/* ---- workbook: which entry holds sheet number `sheet` ----------------------- */

/* In entry, the attribute `want` of the index-th element `elem` (or of the
 * first whose attribute `key` is `value`), into out. */
static career_status find_attr(xlsx *x, const char *entry, const char *elem,
                               const char *key, const char *value,
                               const char *want, size_t index, char *out,
                               size_t outsize, career_error *err)
{
    zip_file_t *file;
    xmlTextReaderPtr r;
    career_status st = CAREER_ERR_NOT_FOUND;
    const char *v;
    int ret;

    if ((st = xml_open(x, entry, &file, &r, err)) != CAREER_OK)
        return st;
    st = CAREER_ERR_NOT_FOUND;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XT_ELEMENT || !named(r, elem))
            continue;
        if (key ? !((v = attr(r, key)) && strcmp(v, value) == 0)
                : index-- > 0)
            continue;
        if ((v = attr(r, want)) && strlen(v) < outsize) {
            strcpy(out, v);
            st = CAREER_OK;
        }
        break;
    }
    if (ret < 0)
        st = xml_fail(x, entry, 0, err);
    xml_close(&file, &r);
    return st;
}

static career_status sheet_entry(xlsx *x, size_t sheet, char *entry,
                                 size_t size, career_error *err)
{
    char rid[128], target[256];
    career_status st;

    st = find_attr(x, "xl/workbook.xml", "sheet", NULL, NULL, "id", sheet,
                   rid, sizeof rid, err);
    if (st == CAREER_OK)
        st = find_attr(x, "xl/_rels/workbook.xml.rels", "Relationship", "Id",
                       rid, "Target", 0, target, sizeof target, err);
    if (st != CAREER_OK)
        return st;
    if (target[0] == '/')
        snprintf(entry, size, "%s", target + 1);
    else
        snprintf(entry, size, "xl/%s", target);
    return CAREER_OK;
}

/* ---- shared strings -------------------------------------------------------- */

/* The texts of <t> inside each <si> (phonetic runs <rPh> left out). */
static career_status read_sst(xlsx *x, xmlTextReaderPtr r, career_error *err)
{
    int ret, in_si = 0, in_t = 0, in_rph = 0, type;
    career_status st = CAREER_OK;

    while (st == CAREER_OK && (ret = xmlTextReaderRead(r)) == 1) {
        type = xmlTextReaderNodeType(r);
        if (type == XT_ELEMENT && named(r, "si")) {
            in_si = !xmlTextReaderIsEmptyElement(r);
            if (!in_si)
                st = careerp_rowbuf_end_cell(&x->sst);
        } else if (type == XT_END && named(r, "si") && in_si) {
            in_si = 0;
            st = careerp_rowbuf_end_cell(&x->sst);
        } else if (named(r, "rPh")) {
            in_rph = type == XT_ELEMENT && !xmlTextReaderIsEmptyElement(r);
        } else if (named(r, "t")) {
            in_t = type == XT_ELEMENT && !xmlTextReaderIsEmptyElement(r);
        } else if (in_si && in_t && !in_rph &&
                   (type == XT_TEXT || type == XT_CDATA ||
                    type == XT_WHITESPACE || type == XT_SIGNIFICANT)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v && x->sst.used + strlen(v) > SST_MAX_BYTES)
                return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                                       "shared strings over 512 MiB");
            if (v)
                st = careerp_rowbuf_bytes(&x->sst, v, strlen(v));
        }
    }
    if (st != CAREER_OK)
        return careerp_fail(err, st == CAREER_ERR_NOMEM ? st : CAREER_ERR_PARSE,
                            "%s: shared strings: %s", x->name,
                            st == CAREER_ERR_NOMEM ? "out of memory"
                                                   : "too many");
    return ret < 0 ? xml_fail(x, "xl/sharedStrings.xml", 0, err) : CAREER_OK;
}

/* The shared strings live outside the rows' limits: grown without them. */
static career_status load_sst(xlsx *x, career_error *err)
{
    zip_file_t *file;
    xmlTextReaderPtr r;
    career_status st;

    if (zip_name_locate(x->zip, "xl/sharedStrings.xml", 0) < 0)
        return CAREER_OK;
    if ((st = xml_open(x, "xl/sharedStrings.xml", &file, &r, err)))
        return st;
    st = read_sst(x, r, err);
    xml_close(&file, &r);
    return st;
}

/* ---- rows -------------------------------------------------------------- */

/* The 1-based column of a reference such as "AB12" (0 if none). */
static size_t column_of(const char *ref)
{
    size_t col = 0;

    for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++) {
        col = col * 26 + (size_t)(*ref - 'A' + 1);
        if (col > CAREERP_ROW_MAX_CELLS)
            return CAREERP_ROW_MAX_CELLS + 1;
    }
    return col;
}

/* Appends the finished cell: a shared string's text, a boolean's name, or
 * the value as written. */
static career_status put_cell(xlsx *x, const char *type, const char **why)
{
    careerp_rowbuf *v = &x->val;
    const char *text = v->text ? v->text : "";
    career_status st;
    char *end;

    if (v->text)
        v->text[v->used] = '\0';
    if (type && strcmp(type, "s") == 0) {
        unsigned long i = strtoul(text, &end, 10);
        if (v->used == 0 || *end || i >= x->sst.n) {
            *why = "a shared-string index out of range";
            return CAREER_ERR_PARSE;
        }
        st = careerp_rowbuf_bytes(&x->row, x->sst.text + x->sst.start[i],
                                  x->sst.len[i]);
    } else if (type && strcmp(type, "b") == 0) {
        text = strcmp(text, "1") == 0 ? "TRUE" : "FALSE";
        st = careerp_rowbuf_bytes(&x->row, text, strlen(text));
    } else {
        st = careerp_rowbuf_bytes(&x->row, text, v->used);
    }
    careerp_rowbuf_clear(v);
    return st ? st : careerp_rowbuf_end_cell(&x->row);
}

/* Empty cells up to column col (1-based), before a cell there. */
static career_status pad_to(xlsx *x, size_t col, const char **why)
{
    career_status st = CAREER_OK;

    if (col > CAREERP_ROW_MAX_CELLS || (col && col <= x->row.n)) {
        *why = col > CAREERP_ROW_MAX_CELLS ? "a cell beyond column 4096"
                                           : "cells out of order";
        return CAREER_ERR_PARSE;
    }
    while (st == CAREER_OK && col && x->row.n + 1 < col)
        st = careerp_rowbuf_end_cell(&x->row);
    return st;
}

/* The type (t) of the current <c> into type, and its column (from r; 0
 * when it has none), in one pass over its attributes. */
static size_t cell_attrs(xmlTextReaderPtr r, char *type, size_t size)
{
    size_t col = 0, n;
    const char *v;

    type[0] = '\0';
    while (xmlTextReaderMoveToNextAttribute(r) == 1) {
        if (!(v = (const char *)xmlTextReaderConstValue(r)))
            continue;
        if (named(r, "r")) {
            col = column_of(v);
        } else if (named(r, "t")) {
            /* "s", "b", "n", "str", "inlineStr", "e": longer ones are none */
            n = strlen(v) < size ? strlen(v) : 0;
            memcpy(type, v, n);
            type[n] = '\0';
        }
    }
    xmlTextReaderMoveToElement(r);
    return col;
}

typedef struct cell_state {
    char type[16];
    int in_cell, in_value;
} cell_state;

/* One node inside a <row>; *done at its end. */
static career_status row_node(xlsx *x, cell_state *c, int *done,
                              const char **why)
{
    xmlTextReaderPtr r = x->reader;
    int type = xmlTextReaderNodeType(r);
    career_status st = CAREER_OK;

    if (type == XT_ELEMENT && named(r, "c")) {
        size_t col = cell_attrs(r, c->type, sizeof c->type);
        if ((st = pad_to(x, col, why)) != CAREER_OK)
            return st;
        c->in_cell = !xmlTextReaderIsEmptyElement(r);
        if (!c->in_cell)
            st = put_cell(x, c->type, why);
    } else if (type == XT_END && named(r, "c") && c->in_cell) {
        c->in_cell = 0;
        st = put_cell(x, c->type, why);
    } else if (named(r, "v") || named(r, "t")) {
        c->in_value = type == XT_ELEMENT && !xmlTextReaderIsEmptyElement(r);
    } else if (c->in_cell && c->in_value &&
               (type == XT_TEXT || type == XT_CDATA ||
                type == XT_WHITESPACE || type == XT_SIGNIFICANT)) {
        const char *v = (const char *)xmlTextReaderConstValue(r);
        st = careerp_rowbuf_bytes(&x->val, v ? v : "", v ? strlen(v) : 0);
    } else if (type == XT_END && named(r, "row")) {
        *done = 1;
    }
    return st;
}

static career_status read_row(xlsx *x, long number, career_error *err)
{
    cell_state c = {{0}, 0, 0};
    const char *why = NULL;
    career_status st = CAREER_OK;
    int ret, done = 0;

    while (!done && (ret = xmlTextReaderRead(x->reader)) == 1)
        if ((st = row_node(x, &c, &done, &why)) != CAREER_OK)
            break;
    if (st == CAREER_ERR_NOMEM)
        return careerp_fail(err, st, "out of memory");
    if (st != CAREER_OK)
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, (int)number, 0,
                               "corrupt workbook: %s",
                               why ? why : "a row over 1 MiB");
    if (!done)
        return xml_fail(x, "sheet", number, err);
    return CAREER_OK;
}

static career_status xlsx_next(careerp_rows *rows, careerp_row *out,
                               career_error *err)
{
    xlsx *x = (xlsx *)(void *)rows;
    career_status st;
    const char *ref;
    long number;
    int ret;

    while ((ret = xmlTextReaderRead(x->reader)) == 1) {
        if (xmlTextReaderNodeType(x->reader) != XT_ELEMENT ||
            !named(x->reader, "row") || xmlTextReaderIsEmptyElement(x->reader))
            continue;
        ref = attr(x->reader, "r");
        number = ref ? strtol(ref, NULL, 10) : x->last_row + 1;
        if (number <= x->last_row || number > 100000000L)
            return careerp_fail_at(err, CAREER_ERR_PARSE, x->name,
                                   (int)x->last_row, 0,
                                   "corrupt workbook: rows out of order");
        x->last_row = number;
        careerp_rowbuf_clear(&x->row);
        if ((st = read_row(x, number, err)) != CAREER_OK)
            return st;
        careerp_rowbuf_row(&x->row, out, number);
        return CAREER_OK;
    }
    return ret < 0 ? xml_fail(x, "sheet", x->last_row, err)
                   : CAREER_ERR_NOT_FOUND;
}

static void xlsx_close(careerp_rows *rows)
{
    xlsx *x = (xlsx *)(void *)rows;

    xml_close(&x->file, &x->reader);
    if (x->zip)
        zip_discard(x->zip);
    careerp_rowbuf_free(&x->sst);
    careerp_rowbuf_free(&x->row);
    careerp_rowbuf_free(&x->val);
    free(x);
}

static career_status zip_failed(xlsx *x, int code, career_error *err)
{
    if (code == ZIP_ER_MEMORY)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    return careerp_fail_at(err, code == ZIP_ER_OPEN || code == ZIP_ER_READ
                                    ? CAREER_ERR_IO : CAREER_ERR_PARSE,
                           x->name, 0, 0, "corrupt workbook: not a readable "
                           "zip archive (libzip error %d)", code);
}

/* A zip source on the source's file, from its start: a descriptor of our
 * own (libzip closes it), so that the file is not opened by name again. */
static zip_source_t *file_source(careerp_source *src, zip_error_t *ze)
{
    int fd = dup(fileno(src->f));
    zip_source_t *zs;
    FILE *f;

    if (fd < 0) {
        zip_error_set(ze, ZIP_ER_OPEN, errno);
        return NULL;
    }
    if (!(f = fdopen(fd, "rb"))) {
        zip_error_set(ze, errno == ENOMEM ? ZIP_ER_MEMORY : ZIP_ER_OPEN,
                      errno);
        close(fd);
        return NULL;
    }
    /* the descriptor shares the sniffed file's offset: back to 0 */
    if (fseeko(f, 0, SEEK_SET) != 0 ||
        !(zs = zip_source_filep_create(f, 0, -1, ze))) {
        if (zip_error_code_zip(ze) == ZIP_ER_OK)
            zip_error_set(ze, ZIP_ER_SEEK, errno);
        fclose(f);
        return NULL;
    }
    return zs;
}

static career_status open_zip(xlsx *x, careerp_source *src,
                              career_error *err)
{
    zip_error_t ze;
    zip_source_t *zs;
    int code;

    zip_error_init(&ze);
    zs = src->f ? file_source(src, &ze)
                : zip_source_buffer_create(src->data, src->n, 0, &ze);
    if (zs && !(x->zip = zip_open_from_source(zs, ZIP_RDONLY, &ze)))
        zip_source_free(zs);
    code = zip_error_code_zip(&ze);
    zip_error_fini(&ze);
    return x->zip ? CAREER_OK : zip_failed(x, code, err);
}

career_status careerp_xlsx_open(careerp_source *src, size_t sheet,
                                careerp_rows **out, career_error *err)
{
    xlsx *x = calloc(1, sizeof *x);
    char entry[300];
    career_status st;

    if (!x)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(x->name, sizeof x->name, "%s", src->name);
    x->base.next = xlsx_next;
    x->base.close = xlsx_close;
    x->base.name = x->name;
    x->base.ragged = 1;
    x->sst.unbounded = 1;
    if ((st = open_zip(x, src, err)) != CAREER_OK ||
        (st = sheet_entry(x, sheet, entry, sizeof entry, err)) != CAREER_OK ||
        (st = load_sst(x, err)) != CAREER_OK ||
        (st = xml_open(x, entry, &x->file, &x->reader, err)) != CAREER_OK) {
        xlsx_close(&x->base);
        return st;
    }
    *out = &x->base;
    return CAREER_OK;
}
