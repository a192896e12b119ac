/* sheet_feed.h - a sheet's XML handed to the scanner (lib/bls/sheet.c) k
 * bytes at a time, for tests/test_xlsx.c and tests/fuzz/fuzz_sheet.c:
 * chunks that end inside every kind of token. Include it once, in the
 * program's one file that uses it. */
#ifndef CAREER_TESTS_SHEET_FEED_H
#define CAREER_TESTS_SHEET_FEED_H

#include <string.h>

typedef struct feed {
    const char *xml;
    size_t n, at, k;
} feed;

/* careerp_sheet_input's read: at most k bytes of what is left. */
static long pull(void *context, char *buf, size_t n)
{
    feed *f = context;
    size_t m = f->n - f->at;

    m = m < f->k ? m : f->k;
    m = m < n ? m : n;
    memcpy(buf, f->xml + f->at, m);
    f->at += m;
    return (long)m;
}

#endif
