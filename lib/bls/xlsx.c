/* xlsx.c - one sheet of an .xlsx workbook read a row at a time: libzip
 * opens the container and inflates the sheet in chunks for sheet.c's
 * scanner, so that a 400,000-row sheet is never in memory whole; the
 * small parts (the workbook, its relationships, the shared strings: the
 * workbook's table of distinct texts) are read with libxml2's
 * xmlTextReader. Only the shared strings are kept, within a bound.
 * Whatever the bytes, a damaged workbook is an error, never a crash, and
 * a part that inflates far beyond its compressed size (a zip bomb) is
 * refused; out of memory anywhere, in libzip, zlib or libxml2 too, is
 * CAREER_ERR_NOMEM; libxml2's messages go into the error record, never to
 * stderr. */
#include "bls/bls.h"

#include <errno.h>
#include <limits.h>
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* The shared strings: a real BLS workbook has a few thousand, in well
 * under 1 MiB; these bound what a hostile one can make us hold. */
#define SST_MAX_BYTES ((size_t)16 << 20)
#define SST_MAX_ENTRIES ((size_t)1 << 20)
/* Past this, buffers grow by this much, not by doubling, so that what is
 * held stays within a MiB of what is needed. */
#define GROW_STEP ((size_t)1 << 20)

/* A part may inflate to at most PART_RATIO times its compressed size once
 * past PART_GRACE bytes (real workbooks stay under 30; deflate reaches
 * 1,032), and never past PART_MAX: Apache POI's zip-bomb rules. */
#define PART_RATIO 100
#define PART_GRACE ((zip_uint64_t)1 << 20)
#define PART_MAX ((zip_uint64_t)4 << 30)

/* zlib's Z_MEM_ERROR, as libzip passes it on with ZIP_ER_ZLIB. */
#define ZLIB_MEM_ERROR (-4)

enum { XT_ELEMENT = 1, XT_TEXT = 3, XT_CDATA = 4, XT_WHITESPACE = 13,
       XT_SIGNIFICANT = 14, XT_END = 15 };

/* The shared strings, each followed by a NUL, found by offset. */
typedef struct sst {
    char *text;
    size_t used, cap;
    size_t mark; /* where the string being read starts */
    uint32_t *start;
    size_t n, ncap;
} sst;

typedef struct xlsx xlsx;

/* One part of the workbook, read as XML (by libxml2's reader, or by
 * sheet.c's scanner). */
typedef struct part {
    xlsx *x;
    const char *entry;
    zip_file_t *file;
    xmlTextReaderPtr reader;
    zip_uint64_t read, comp_size;
} part;

struct xlsx {
    careerp_rows base;
    zip_t *zip;
    part sheet;
    char sheet_entry[300];
    sst strings;
    careerp_strings view; /* the shared strings, for sheet.c */
    careerp_sheet *rows;
    int nomem;                /* an allocation failed, anywhere */
    const char *bomb;         /* the part that inflated too far, or NULL */
    char xml_error[200];
    char name[160];
};

/* ---- libxml2's error handlers ------------------------------------------ */

static void xml_error(void *context, xmlErrorPtr error)
{
    xlsx *x = context;
    size_t n;

    /* libxml2 also says XML_ERR_NO_MEMORY of a text node over its 10 MB
     * limit: a failed malloc has set errno too */
    if (error && error->code == XML_ERR_NO_MEMORY && errno == ENOMEM)
        x->nomem = 1;
    if (x->xml_error[0] || !error)
        return;
    snprintf(x->xml_error, sizeof x->xml_error, "line %d: %s", error->line,
             error->message ? error->message : "XML error");
    n = strlen(x->xml_error);
    while (n > 0 && (x->xml_error[n - 1] == '\n' || x->xml_error[n - 1] == ' '))
        x->xml_error[--n] = '\0';
}

/* libxml2's plain messages: kept out of stderr, the error record has the
 * structured one. */
static void xml_generic(void *context, const char *fmt, ...)
{
    (void)context;
    (void)fmt;
}

/* The thread's own libxml2 handlers, which print to stderr by default. */
typedef struct xml_handlers {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc gerror;
    void *gctx;
} xml_handlers;

/* Some failures reach no parser context (no memory for a reader's input
 * buffer): libxml2 reports them to the thread's handlers. Ours are set
 * for the length of a call into libxml2, and the caller's put back. */
static void quiet_begin(xlsx *x, xml_handlers *h)
{
    h->serror = xmlStructuredError;
    h->sctx = xmlStructuredErrorContext;
    h->gerror = xmlGenericError;
    h->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(x, xml_error);
    xmlSetGenericErrorFunc(x, xml_generic);
}

static void quiet_end(const xml_handlers *h)
{
    xmlSetStructuredErrorFunc(h->sctx, h->serror);
    xmlSetGenericErrorFunc(h->gctx, h->gerror);
}

/* ---- XML over a zip entry ---------------------------------------------- */

/* Whether a libzip error is a failed allocation (in libzip, or in zlib). */
static int zip_nomem(const zip_error_t *ze)
{
    return zip_error_code_zip(ze) == ZIP_ER_MEMORY ||
           (zip_error_code_zip(ze) == ZIP_ER_ZLIB &&
            zip_error_code_system(ze) == ZLIB_MEM_ERROR);
}

static int zip_read(void *context, char *buf, int len)
{
    part *p = context;
    zip_int64_t n = zip_fread(p->file, buf, (zip_uint64_t)len);

    if (n < 0) {
        if (zip_nomem(zip_file_get_error(p->file)) || errno == ENOMEM)
            p->x->nomem = 1;
        return -1;
    }
    p->read += (zip_uint64_t)n;
    if (p->read > PART_MAX ||
        (p->read > PART_GRACE && p->read / PART_RATIO > p->comp_size)) {
        p->x->bomb = p->entry;
        return -1;
    }
    return (int)n;
}

static int zip_close_noop(void *context)
{
    (void)context;
    return 0;
}

static career_status nomem(career_error *err)
{
    return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
}

/* A part that says, before it is read, that it inflates too far. */
static career_status check_size(xlsx *x, part *p, career_error *err)
{
    zip_stat_t sb;

    zip_stat_init(&sb);
    errno = 0;
    if (zip_stat(x->zip, p->entry, 0, &sb) != 0)
        return zip_nomem(zip_get_error(x->zip)) || errno == ENOMEM
                   ? nomem(err)
                   : careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                                     "not a workbook: cannot read %s: %s",
                                     p->entry, zip_strerror(x->zip));
    p->comp_size = (sb.valid & ZIP_STAT_COMP_SIZE) ? sb.comp_size : 0;
    if ((sb.valid & ZIP_STAT_SIZE) &&
        (sb.size > PART_MAX ||
         (sb.size > PART_GRACE && sb.size / PART_RATIO > p->comp_size))) {
        x->bomb = p->entry;
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                               "corrupt workbook: %s inflates to %llu bytes "
                               "from %llu (over %d times, or 4 GiB: a zip "
                               "bomb?)", p->entry,
                               (unsigned long long)sb.size,
                               (unsigned long long)p->comp_size, PART_RATIO);
    }
    return CAREER_OK;
}

/* Opens the part `entry` for reading, inflated. */
static career_status part_open(xlsx *x, const char *entry, part *p,
                               career_error *err)
{
    career_status st;

    memset(p, 0, sizeof *p);
    p->x = x;
    p->entry = entry;
    if ((st = check_size(x, p, err)) != CAREER_OK)
        return st;
    errno = 0;
    if (!(p->file = zip_fopen(x->zip, entry, 0)))
        return zip_nomem(zip_get_error(x->zip)) || errno == ENOMEM
                   ? nomem(err)
                   : careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                                     "not a workbook: cannot read %s: %s",
                                     entry, zip_strerror(x->zip));
    return CAREER_OK;
}

/* Opens the part `entry` as an XML reader. */
static career_status xml_open(xlsx *x, const char *entry, part *p,
                              career_error *err)
{
    career_status st;

    if ((st = part_open(x, entry, p, err)) != CAREER_OK)
        return st;
    p->reader = xmlReaderForIO(zip_read, zip_close_noop, p, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!p->reader) {
        zip_fclose(p->file);
        p->file = NULL;
        return nomem(err);
    }
    xmlTextReaderSetStructuredErrorHandler(p->reader, xml_error, x);
    return CAREER_OK;
}

static void xml_close(part *p)
{
    if (p->reader)
        xmlFreeTextReader(p->reader);
    if (p->file)
        zip_fclose(p->file);
    p->reader = NULL;
    p->file = NULL;
}

/* The next node of the part: 1, 0 at its end, -1 on an error (a failed
 * allocation is seen by the handler, or by errno where libxml2 reports
 * none). */
static int xml_read(part *p)
{
    int ret;

    errno = 0;
    ret = xmlTextReaderRead(p->reader);
    if (ret < 0 && errno == ENOMEM)
        p->x->nomem = 1;
    return ret;
}

static career_status xml_fail(xlsx *x, const char *entry, long row,
                              career_error *err)
{
    if (x->nomem)
        return nomem(err);
    if (x->bomb)
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, (int)row, 0,
                               "corrupt workbook: %s inflates to over %d "
                               "times its compressed size, or 4 GiB (a zip "
                               "bomb?)", x->bomb, PART_RATIO);
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
    career_status st;
    const char *v;
    part p;
    int ret;

    if ((st = xml_open(x, entry, &p, err)) != CAREER_OK)
        return st;
    st = CAREER_ERR_NOT_FOUND;
    while ((ret = xml_read(&p)) == 1) {
        if (xmlTextReaderNodeType(p.reader) != XT_ELEMENT ||
            !named(p.reader, elem))
            continue;
        if (key ? !((v = attr(p.reader, key)) && strcmp(v, value) == 0)
                : index-- > 0)
            continue;
        if ((v = attr(p.reader, want)) && strlen(v) < outsize) {
            strcpy(out, v);
            st = CAREER_OK;
        }
        break;
    }
    if (ret < 0 || x->nomem)
        st = xml_fail(x, entry, 0, err);
    xml_close(&p);
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

/* Room for `need` bytes of `size` each at *p (capacity *cap, in elements):
 * doubled up to GROW_STEP bytes, then grown a step at a time. */
static career_status reserve(void **p, size_t *cap, size_t need, size_t size)
{
    size_t ncap = *cap ? *cap : 1024;
    void *np;

    if (need <= *cap)
        return CAREER_OK;
    while (ncap < need)
        ncap += ncap * size < GROW_STEP ? ncap : GROW_STEP / size;
    if (!(np = realloc(*p, ncap * size)))
        return CAREER_ERR_NOMEM;
    *p = np;
    *cap = ncap;
    return CAREER_OK;
}

static career_status sst_text(xlsx *x, const char *v, size_t n,
                              career_error *err)
{
    sst *t = &x->strings;

    if (t->used + n + 1 > SST_MAX_BYTES)
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                               "corrupt workbook: shared strings over %zu "
                               "MiB", SST_MAX_BYTES >> 20);
    if (reserve((void **)&t->text, &t->cap, t->used + n + 1, 1))
        return nomem(err);
    memcpy(t->text + t->used, v, n);
    t->used += n;
    return CAREER_OK;
}

/* Ends the string being read: a NUL, and its start. An empty <si/> costs
 * a byte and an offset, and counts towards the bounds like any other. */
static career_status sst_end(xlsx *x, career_error *err)
{
    sst *t = &x->strings;
    career_status st;

    if (t->n == SST_MAX_ENTRIES)
        return careerp_fail_at(err, CAREER_ERR_PARSE, x->name, 0, 0,
                               "corrupt workbook: over %zu shared strings",
                               SST_MAX_ENTRIES);
    if ((st = sst_text(x, "", 1, err)) != CAREER_OK) /* its NUL */
        return st;
    if (reserve((void **)&t->start, &t->ncap, t->n + 1, sizeof *t->start))
        return nomem(err);
    t->start[t->n++] = (uint32_t)t->mark;
    t->mark = t->used;
    return CAREER_OK;
}

/* The texts of <t> inside each <si> (phonetic runs <rPh> left out). */
static career_status read_sst(xlsx *x, part *p, career_error *err)
{
    xmlTextReaderPtr r = p->reader;
    int ret, in_si = 0, in_t = 0, in_rph = 0, type;
    career_status st = CAREER_OK;
    const char *v;

    while (st == CAREER_OK && (ret = xml_read(p)) == 1) {
        type = xmlTextReaderNodeType(r);
        if (type == XT_ELEMENT && named(r, "si")) {
            in_si = !xmlTextReaderIsEmptyElement(r);
            if (!in_si)
                st = sst_end(x, err);
        } else if (type == XT_END && named(r, "si") && in_si) {
            in_si = 0;
            st = sst_end(x, err);
        } else if (named(r, "rPh")) {
            in_rph = type == XT_ELEMENT && !xmlTextReaderIsEmptyElement(r);
        } else if (named(r, "t")) {
            in_t = type == XT_ELEMENT && !xmlTextReaderIsEmptyElement(r);
        } else if (in_si && in_t && !in_rph &&
                   (type == XT_TEXT || type == XT_CDATA ||
                    type == XT_WHITESPACE || type == XT_SIGNIFICANT) &&
                   (v = (const char *)xmlTextReaderConstValue(r))) {
            st = sst_text(x, v, strlen(v), err);
        }
    }
    if (st != CAREER_OK)
        return st;
    return ret < 0 || x->nomem ? xml_fail(x, p->entry, 0, err) : CAREER_OK;
}

static career_status load_sst(xlsx *x, career_error *err)
{
    static const char entry[] = "xl/sharedStrings.xml";
    career_status st;
    part p;

    errno = 0;
    if (zip_name_locate(x->zip, entry, 0) < 0)
        return zip_nomem(zip_get_error(x->zip)) || errno == ENOMEM
                   ? nomem(err)
                   : CAREER_OK; /* a workbook without strings */
    if ((st = xml_open(x, entry, &p, err)) != CAREER_OK)
        return st;
    st = read_sst(x, &p, err);
    xml_close(&p);
    return st;
}

/* ---- the sheet --------------------------------------------------------- */

static long sheet_pull(void *context, char *buf, size_t n)
{
    return zip_read(context, buf, n > INT_MAX ? INT_MAX : (int)n);
}

static career_status sheet_failed(void *context, long row, career_error *err)
{
    part *p = context;

    return xml_fail(p->x, p->entry, row, err);
}

static career_status xlsx_next(careerp_rows *rows, careerp_row *out,
                               career_error *err)
{
    xlsx *x = (xlsx *)(void *)rows;

    return careerp_sheet_next(x->rows, out, err);
}

static void xlsx_close(careerp_rows *rows)
{
    xlsx *x = (xlsx *)(void *)rows;

    careerp_sheet_close(x->rows);
    xml_close(&x->sheet);
    if (x->zip)
        zip_discard(x->zip);
    free(x->strings.text);
    free(x->strings.start);
    free(x);
}

static career_status zip_failed(xlsx *x, int code, career_error *err)
{
    if (code == ZIP_ER_MEMORY)
        return nomem(err);
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
    errno = 0;
    zs = src->f ? file_source(src, &ze)
                : zip_source_buffer_create(src->data, src->n, 0, &ze);
    if (zs && !(x->zip = zip_open_from_source(zs, ZIP_RDONLY, &ze)))
        zip_source_free(zs);
    /* libzip 1.7 reports some failed allocations as "not a zip archive":
     * malloc's errno tells them apart */
    code = !x->zip && errno == ENOMEM ? ZIP_ER_MEMORY
                                      : zip_error_code_zip(&ze);
    zip_error_fini(&ze);
    return x->zip ? CAREER_OK : zip_failed(x, code, err);
}

static career_status open_parts(xlsx *x, careerp_source *src, size_t sheet,
                                career_error *err)
{
    careerp_sheet_input in;
    career_status st;

    if ((st = open_zip(x, src, err)) != CAREER_OK ||
        (st = sheet_entry(x, sheet, x->sheet_entry, sizeof x->sheet_entry,
                          err)) != CAREER_OK ||
        (st = load_sst(x, err)) != CAREER_OK ||
        (st = part_open(x, x->sheet_entry, &x->sheet, err)) != CAREER_OK)
        return st;
    x->view.text = x->strings.text;
    x->view.start = x->strings.start;
    x->view.n = x->strings.n;
    x->view.used = x->strings.used;
    in.pull = sheet_pull;
    in.failed = sheet_failed;
    in.ctx = &x->sheet;
    in.source = x->name;
    in.entry = x->sheet_entry;
    return careerp_sheet_open(&in, &x->view, &x->rows) == CAREER_OK
               ? CAREER_OK
               : nomem(err);
}

career_status careerp_xlsx_open(careerp_source *src, size_t sheet,
                                careerp_rows **out, career_error *err)
{
    xlsx *x = calloc(1, sizeof *x);
    career_status st;
    xml_handlers h;

    if (!x)
        return nomem(err);
    snprintf(x->name, sizeof x->name, "%s", src->name);
    x->base.next = xlsx_next;
    x->base.close = xlsx_close;
    x->base.name = x->name;
    x->base.ragged = 1;
    quiet_begin(x, &h);
    st = open_parts(x, src, sheet, err);
    quiet_end(&h);
    if (st != CAREER_OK) {
        xlsx_close(&x->base);
        return st;
    }
    *out = &x->base;
    return CAREER_OK;
}
