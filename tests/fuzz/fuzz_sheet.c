/* fuzz_sheet.c - libFuzzer target for the sheet scanner (lib/bls/sheet.c)
 * alone: the input is a worksheet's XML, read once whole and once in
 * chunks of 1 to 64 bytes (the first byte says how many), which must
 * give the same rows and the same error at the same byte: fuzz_xlsx's
 * inputs fit in one chunk, and never reach the code that joins tokens
 * cut by a chunk's end. Rows, shared strings and errors must hold what
 * the readers above expect: cells within their lengths, a message for
 * each error. */
#include "bls/bls.h"
#include "fuzz_locale.h"
#include "../sheet_feed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static career_status never(void *context, long row, career_error *err)
{
    (void)context;
    (void)row;
    (void)err;
    abort(); /* the feed never fails */
}

/* Appends text to the output buffer, within its size (what is cut is
 * cut the same way on both runs). */
static void add(char *out, size_t size, size_t *used, const char *text,
                size_t n)
{
    if (*used + n >= size)
        n = size - *used - 1;
    memcpy(out + *used, text, n);
    *used += n;
    out[*used] = '\0';
}

/* The rows and the ending of the sheet, k bytes at a time, into out. */
static void read_sheet(const uint8_t *xml, size_t n, size_t k, char *out,
                       size_t size)
{
    static const uint32_t start[3] = {0, 2, 6};
    const careerp_strings strings = {"a\0b&c\0\xc3\xa9", start, 3, 9};
    feed f = {(const char *)xml, n, 0, k};
    careerp_sheet_input in = {pull, never, &f, "fuzz.xlsx", "sheet"};
    careerp_sheet *s = NULL;
    career_error err;
    career_status st;
    careerp_row row;
    size_t used = 0, i;
    char head[64];

    out[0] = '\0';
    careerp_error_reset(&err);
    if (careerp_sheet_open(&in, &strings, &s) != CAREER_OK)
        abort();
    while ((st = careerp_sheet_next(s, &row, &err)) == CAREER_OK) {
        snprintf(head, sizeof head, "%ld:", row.number);
        add(out, size, &used, head, strlen(head));
        for (i = 0; i < row.n; i++) {
            if (strlen(row.cell[i]) > row.len[i])
                abort();
            add(out, size, &used, "|", 1);
            add(out, size, &used, row.cell[i], row.len[i]);
        }
        add(out, size, &used, "\n", 1);
    }
    if (st != CAREER_ERR_NOT_FOUND) {
        if (!err.text[0] || err.status != st)
            abort();
        snprintf(head, sizeof head, "!%d:", (int)st);
        add(out, size, &used, head, strlen(head));
        add(out, size, &used, err.text, strlen(err.text));
    }
    careerp_sheet_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char whole[1 << 16], parts[1 << 16];

    if (size < 1)
        return 0;
    read_sheet(data + 1, size - 1, size, whole, sizeof whole);
    read_sheet(data + 1, size - 1, 1 + data[0] % 64, parts, sizeof parts);
    if (strcmp(whole, parts) != 0)
        abort();
    return 0;
}
