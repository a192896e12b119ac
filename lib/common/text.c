/* text.c - the text helpers every module shares: UTF-8 checks, ASCII
 * case folding (never the locale's: POSIX leaves strcasecmp unspecified
 * outside the C locale), the string arena and the name of a source. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether text[0..n) is UTF-8 without NUL bytes (names end up in C strings
 * and JSON files). Overlong forms and surrogates are refused. */
int careerp_utf8_valid(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, k, extra;
    uint32_t cp;

    while (i < n) {
        unsigned char c = s[i++];
        if (c == 0)
            return 0;
        if (c < 0x80)
            continue;
        extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (!extra || c > 0xF4 || i + extra > n)
            return 0;
        cp = c & (0x3Fu >> extra);
        for (k = 0; k < extra; k++, i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i] & 0x3Fu);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    return 1;
}


int careerp_ascii_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

int careerp_ascii_same(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = careerp_ascii_lower((unsigned char)*a);
        if (x != careerp_ascii_lower((unsigned char)*b))
            return 0;
        if (!x)
            return 1;
    }
}

size_t careerp_utf8_put(unsigned long v, char out[4])
{
    if (v < 0x80) {
        out[0] = (char)v;
        return 1;
    }
    if (v < 0x800) {
        out[0] = (char)(0xC0 | (v >> 6));
        out[1] = (char)(0x80 | (v & 0x3F));
        return 2;
    }
    if (v < 0x10000) {
        out[0] = (char)(0xE0 | (v >> 12));
        out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
        out[2] = (char)(0x80 | (v & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (v >> 18));
    out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[3] = (char)(0x80 | (v & 0x3F));
    return 4;
}

size_t careerp_utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);

    if (n <= max)
        return n;
    /* back off over continuation bytes to the start of a character */
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* ---- the string arena --------------------------------------------------- */

career_status careerp_arena_add(careerp_arena *a, const char *s, size_t n,
                                size_t *at)
{
    if (n + 1 > a->cap - a->used) {
        size_t grown = a->cap ? a->cap : 4096;
        char *p;
        if (a->fixed)
            return CAREER_ERR_NOMEM;
        while (grown - a->used < n + 1) {
            if (grown > SIZE_MAX / 2)
                return CAREER_ERR_NOMEM;
            grown *= 2;
        }
        if (!(p = realloc(a->text, grown)))
            return CAREER_ERR_NOMEM;
        a->text = p;
        a->cap = grown;
    }
    memcpy(a->text + a->used, s, n);
    a->text[a->used + n] = '\0';
    *at = a->used;
    a->used += n + 1;
    return CAREER_OK;
}

void careerp_arena_free(careerp_arena *a)
{
    if (!a->fixed)
        free(a->text);
    memset(a, 0, sizeof *a);
}

/* ---- naming a source ------------------------------------------------------ */

const char *careerp_source_name(const char *path, const char *name,
                                const char *fallback)
{
    return path ? path : name ? name : fallback;
}
