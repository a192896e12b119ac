/* money.c - the figures of a career guide (lib/io/guide.c): amounts with
 * their currency signs or ISO codes, digit grouping and "k", salary
 * ranges between dashes, and percentages.
 *
 * The text comes as it was published, often as UTF-8 read as Windows-1252
 * or -1253 and encoded again (the seed guide's dash is "β€”"): the signs,
 * dashes and no-break spaces are matched in those spellings too. Nothing
 * here allocates or fails: a reader either finds what it looks for or
 * leaves the text alone, and guide.c names what is missing. */
#include "io/guide.h"

#include <stdint.h>
#include <string.h>

/* The length of the first of `texts` (NULL-terminated) that s starts
 * with, or 0. */
static size_t match_any(const char *s, const char *end,
                        const char *const *texts)
{
    size_t i, m;

    for (i = 0; texts[i]; i++) {
        m = strlen(texts[i]);
        if ((size_t)(end - s) >= m && memcmp(s, texts[i], m) == 0)
            return m;
    }
    return 0;
}

/* Spaces that may stand between an amount and its currency, and that group
 * digits when they stand between two: the no-break space U+00A0 and the
 * narrow no-break space U+202F (French and SI style, "55 000 €"), and both
 * as UTF-8 read as Windows-1252 or -1253 and encoded again (as the seed
 * guide's dash is). */
static const char *const no_break_spaces[] = {
    "\xC2\xA0",
    "\xE2\x80\xAF",
    "\xC3\x82\xC2\xA0",
    "\xCE\x92\xC2\xA0",
    "\xC3\xA2\xE2\x82\xAC\xC2\xAF",
    "\xCE\xB2\xE2\x82\xAC\xE2\x80\x95",
    NULL};

static size_t nbsp_at(const char *s, const char *end)
{
    return match_any(s, end, no_break_spaces);
}

static void skip_spaces(const char **p, const char *end)
{
    size_t m;

    for (;;) {
        if (*p < end && careerp_guide_blank(**p))
            (*p)++;
        else if ((m = nbsp_at(*p, end)))
            *p += m;
        else
            return;
    }
}

/* The width of a thousands separator at s that groups digits (a comma or a
 * no-break space with a digit after it), else 0. */
static size_t separator_at(const char *s, const char *end)
{
    size_t m = s < end && *s == ',' ? 1 : nbsp_at(s, end);

    return m && s + m < end && careerp_guide_digit(s[m]) ? m : 0;
}

/* Digits at *p (< end), grouped by separators, with an optional fraction:
 * mantissa / scale. At most `max_digits` significant digits (15 at most),
 * so that the value is the correctly rounded quotient of two exact doubles. */
static int scan_number(const char **p, const char *end, int max_digits,
                       uint64_t *mantissa, double *scale)
{
    const char *s = *p;
    int digits = 0, in_fraction = 0;
    size_t m;

    *mantissa = 0;
    *scale = 1.0;
    if (s >= end || !careerp_guide_digit(*s))
        return 0;
    while (s < end) {
        if (careerp_guide_digit(*s)) {
            if (++digits > max_digits)
                return 0;
            *mantissa = *mantissa * 10 + (uint64_t)(*s++ - '0');
            if (in_fraction)
                *scale *= 10.0;
        } else if (!in_fraction && (m = separator_at(s, end))) {
            s += m;
        } else if (*s == '.' && !in_fraction && s + 1 < end &&
                   careerp_guide_digit(s[1])) {
            in_fraction = 1;
            s++;
        } else {
            break;
        }
    }
    *p = s;
    return 1;
}

/* A figure such as "90,000", "160,000+" or "12.5" at *p; advances past it. */
int careerp_parse_figure(const char **p, const char *end, double *out)
{
    const char *s = *p;
    uint64_t mantissa;
    double scale;

    if (!scan_number(&s, end, 15, &mantissa, &scale))
        return 0;
    if (s < end && *s == '+')
        s++;
    *out = (double)mantissa / scale;
    *p = s;
    return 1;
}

/* Currency signs and the ISO 4217 codes each may stand for, longest first;
 * then the signs as UTF-8 read as Windows-1252 or -1253 and encoded again
 * ("£" -> "Â£" or "Β£"), as a guide whose dashes came out so has them. */
static const struct sign {
    const char *text, *codes;
} signs[] = {
    {"US$", "USD"},
    {"CA$", "CAD"},
    {"C$", "CAD"},
    {"AU$", "AUD"},
    {"A$", "AUD"},
    {"NZ$", "NZD"},
    {"HK$", "HKD"},
    {"S$", "SGD"},
    {"$", "USD CAD AUD NZD SGD HKD MXN"},
    {"\xC2\xA3", "GBP"},     /* pound sign */
    {"\xE2\x82\xAC", "EUR"}, /* euro sign */
    {"\xC2\xA5", "JPY CNY"}, /* yen sign */
    {"\xE2\x82\xB9", "INR"}, /* rupee sign */
    {"\xC3\x82\xC2\xA3", "GBP"},
    {"\xCE\x92\xC2\xA3", "GBP"},
    {"\xC3\xA2\xE2\x80\x9A\xC2\xAC", "EUR"},
    {"\xCE\xB2\xE2\x80\x9A\xC2\xAC", "EUR"},
    {"\xC3\x82\xC2\xA5", "JPY CNY"},
    {"\xCE\x92\xC2\xA5", "JPY CNY"},
    {"\xC3\xA2\xE2\x80\x9A\xC2\xB9", "INR"},
    {"\xCE\xB2\xE2\x80\x9A\xCE\x89", "INR"},
    {NULL, NULL}};

/* Codes read as a currency beside an amount even when the heading names
 * another, so that the mismatch is reported rather than the amount missed. */
static const char known_codes[] = "USD EUR GBP JPY CNY INR CAD AUD CHF NZD "
                                  "SGD HKD MXN SEK NOK DKK PLN BRL ZAR KRW";

static int is_upper(int ch)
{
    return ch >= 'A' && ch <= 'Z';
}

/* Is s[0..3) one of the codes of a space-separated list? */
static int code_in(const char *s, const char *list)
{
    for (;; list += 4) {
        if (memcmp(s, list, 3) == 0)
            return 1;
        if (list[3] != ' ')
            return 0;
    }
}

/* Three capitals and the end: a string that can be an ISO 4217 code. */
static int is_code(const char *s)
{
    return s && is_upper(s[0]) && is_upper(s[1]) && is_upper(s[2]) && !s[3];
}

/* A currency at *p: a sign, or three capitals (not the start of a word)
 * that are a known code or the heading's. *codes is what it may stand for;
 * `code` (4 bytes) holds a code read from the text. */
static int currency_at(const char **p, const char *end, const char *heading,
                       char *code, const char **codes)
{
    const char *s = *p;
    size_t i, m;

    for (i = 0; signs[i].text; i++) {
        m = strlen(signs[i].text);
        if ((size_t)(end - s) >= m && memcmp(s, signs[i].text, m) == 0) {
            *codes = signs[i].codes;
            *p = s + m;
            return 1;
        }
    }
    if (end - s < 3 || !is_upper(s[0]) || !is_upper(s[1]) ||
        !is_upper(s[2]) ||
        (end - s > 3 && careerp_guide_alpha((unsigned char)s[3])))
        return 0;
    if (!code_in(s, known_codes) && !(is_code(heading) &&
                                      memcmp(s, heading, 3) == 0))
        return 0;
    memcpy(code, s, 3);
    code[3] = '\0';
    *codes = code;
    *p = s + 3;
    return 1;
}

/* With "k", mantissa * 1000 must stay exact in a double (2^53). */
#define MAX_KILO_MANTISSA ((UINT64_C(1) << 53) / 1000)

/* A currency mark at *p that disagrees with the heading is remembered. */
static int mark_at(const char **p, const char *end, careerp_money *m)
{
    const char *s = *p, *codes;
    char code[4];

    if (!currency_at(p, end, m->currency, code, &codes))
        return 0;
    if (!m->other && is_code(m->currency) && !code_in(m->currency, codes)) {
        m->other = s;
        m->other_len = (size_t)(*p - s);
    }
    return 1;
}

/* An amount at *p: an optional currency (sign or code, then optional
 * spaces), a figure, "k" for thousands, "+", and an optional currency after
 * it. *marked: whether a currency was given. */
int careerp_parse_amount(const char **p, const char *end, careerp_money *m,
                        double *out, int *marked)
{
    const char *s = *p, *t;
    uint64_t mantissa;
    double scale;
    int before, after;

    if ((before = mark_at(&s, end, m)))
        skip_spaces(&s, end);
    if (!scan_number(&s, end, 15, &mantissa, &scale))
        return 0;
    if (s < end && careerp_ascii_lower((unsigned char)*s) == 'k' &&
        !(s + 1 < end && careerp_guide_alpha((unsigned char)s[1]))) {
        if (mantissa > MAX_KILO_MANTISSA)
            return 0;
        mantissa *= 1000;
        s++;
    }
    if (s < end && *s == '+')
        s++;
    t = s;
    skip_spaces(&t, end);
    if ((after = mark_at(&t, end, m)))
        s = t;
    *out = (double)mantissa / scale;
    *marked = before || after;
    *p = s;
    return 1;
}

void careerp_skip_blanks(const char **p, const char *end)
{
    while (*p < end && careerp_guide_blank(**p))
        (*p)++;
}

/* Dashes between two figures: ASCII, figure dash, en dash, em dash, minus,
 * and the en and em dashes of UTF-8 text read as Windows-1252 or -1253 and
 * encoded again ("\xE2\x80\x94" -> "â€”" or "β€”", as in the seed guide). */
static const char *const dashes[] = {
    "-",
    "\xE2\x80\x92",
    "\xE2\x80\x93",
    "\xE2\x80\x94",
    "\xE2\x88\x92",
    "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9C",
    "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9D",
    "\xCE\xB2\xE2\x82\xAC\xE2\x80\x9C",
    "\xCE\xB2\xE2\x82\xAC\xE2\x80\x9D",
    NULL};

int careerp_skip_dash(const char **p, const char *end)
{
    size_t m;

    careerp_skip_blanks(p, end);
    if (!(m = match_any(*p, end, dashes)))
        return 0;
    *p += m;
    careerp_skip_blanks(p, end);
    return 1;
}

/* "MIN-MAX" filling the whole line, each an amount. */
int careerp_parse_range(careerp_line l, careerp_money *m, double *lo,
                        double *hi)
{
    const char *p = l.s, *end = l.s + l.n;
    int marked;

    return careerp_parse_amount(&p, end, m, lo, &marked) &&
           careerp_skip_dash(&p, end) &&
           careerp_parse_amount(&p, end, m, hi, &marked) && p == end;
}

/* A percentage "10%", "+12.5%" or "-3%" at the start of `text`. */
int careerp_parse_percent(const char *p, const char *end, double *out)
{
    int negative = 0;

    careerp_skip_blanks(&p, end);
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    if (!careerp_parse_figure(&p, end, out) || p >= end || *p != '%')
        return 0;
    *out = (negative ? -*out : *out) / 100.0;
    return 1;
}

const char *careerp_sign_code(careerp_line l)
{
    size_t i;

    for (i = 0; signs[i].text; i++)
        if (l.n == strlen(signs[i].text) &&
            memcmp(l.s, signs[i].text, l.n) == 0 &&
            strlen(signs[i].codes) == 3)
            return signs[i].codes;
    return NULL;
}
