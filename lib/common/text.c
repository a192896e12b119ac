/* text.c - the text helpers every module shares: UTF-8 checks. */
#include "internal.h"

#include <stdint.h>

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

