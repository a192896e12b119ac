/* fuzz_xlsx.c - libFuzzer target for the .xlsx reader. Random bytes seldom
 * get past a zip archive's checksums, so the input is split at lines
 * "--" into the sheet's XML, the shared strings and the workbook, which
 * are packed into a valid archive first; an input that starts with "PK"
 * is read as an archive as it is. Whatever the parts, the reader must end
 * in a table or in an error that says why, never in a crash. */
#include "career.h"
#include "fuzz_locale.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char workbook[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/"
    "sheet1.xml\"/></Relationships>";

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, p, n, 0);

    if (!s || zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(s);
        return -1;
    }
    return 0;
}

/* parts[0..3): sheet, shared strings, workbook (NULL = the default). */
static uint8_t *pack(const char *parts[3], const size_t lens[3], size_t *n)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    uint8_t *out = NULL;
    zip_int64_t size;
    zip_t *z;

    if (!src)
        return NULL;
    zip_source_keep(src);
    if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, NULL)) ||
        add(z, "xl/worksheets/sheet1.xml", parts[0], lens[0]) ||
        (parts[1] && add(z, "xl/sharedStrings.xml", parts[1], lens[1])) ||
        add(z, "xl/workbook.xml", parts[2] ? parts[2] : workbook,
            parts[2] ? lens[2] : strlen(workbook)) ||
        add(z, "xl/_rels/workbook.xml.rels", rels, strlen(rels)) ||
        zip_close(z) < 0) {
        if (z)
            zip_discard(z);
        zip_source_free(src);
        return NULL;
    }
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (size > 0 && (out = malloc((size_t)size)) &&
            zip_source_read(src, out, (zip_uint64_t)size) == size)
            *n = (size_t)size;
        else
            free(out), out = NULL;
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

static void split(const char *p, size_t n, const char *parts[3],
                  size_t lens[3])
{
    const char *end = p + n, *s;
    int k = 0;

    parts[0] = p;
    parts[1] = parts[2] = NULL;
    lens[0] = n;
    lens[1] = lens[2] = 0;
    for (s = p; k < 2 && s + 4 <= end; s++)
        if (memcmp(s, "\n--\n", 4) == 0) {
            lens[k] = (size_t)(s - parts[k]);
            parts[++k] = s + 4;
            lens[k] = (size_t)(end - parts[k]);
            s += 3;
        }
}

static void read_all(const uint8_t *zip, size_t n)
{
    career_oews_table *t = NULL;
    career_error err;

    if (career_oews_open_memory(zip, n, "fuzz.xlsx", NULL, &t, &err) ==
        CAREER_OK) {
        if (!t)
            abort();
        career_oews_close(t);
    } else if (t || !err.text[0]) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *parts[3];
    size_t lens[3], n = 0;
    uint8_t *zip;

    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        read_all(data, size);
        return 0;
    }
    split((const char *)data, size, parts, lens);
    if ((zip = pack(parts, lens, &n)) != NULL) {
        read_all(zip, n);
        free(zip);
    }
    return 0;
}
