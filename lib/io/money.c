/* money.c - the figures of a career guide (lib/io/guide.c): amounts with
 * their currency signs or ISO codes, digit grouping and "k", salary
 * ranges between dashes, and percentages.
 *
 * The text comes as it was published, often as UTF-8 read as Windows-1252
 * or -1253 and encoded again (the seed guide's dash is "β€”"): the signs,
 * dashes and no-break spaces are matched in those spellings too.
 *
 * Digit grouping is read by its shape (guide.h), and a text has one
 * decimal mark: "45.000" is 45000 where points group, and "108,5" where
 * commas group ("90,000") is refused rather than read as 1085 or 108.5.
 * Nothing here allocates: a reader finds what it looks for, or leaves the
 * text alone, or refuses a figure and says which in the careerp_money;
 * guide.c turns that into the error. */
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

/* At most 15 significant digits, so that a figure's value is the correctly
 * rounded quotient of two exact doubles. */
#define MAX_DIGITS 15
#define NBSP ' ' /* a no-break space among a figure's separators */

/* A figure's text as scanned: its digits, and its separators (',', '.' or
 * NBSP), each with the count of digits after it. */
typedef struct scan {
    careerp_line text;
    uint64_t mantissa;
    int nsep;
    char sep[MAX_DIGITS];
    int run[MAX_DIGITS + 1]; /* digits before the first separator, then
                                after each */
} scan;

/* How a figure's separators read: the one that groups digits and the
 * decimal mark ('\0' for none), and the digits after the mark. */
typedef struct reading {
    char group, mark;
    int decimals;
} reading;

/* The width of a separator at s with a digit after it, else 0. */
static size_t separator_at(const char *s, const char *end, char *kind)
{
    size_t m = 0;

    if (s < end && (*s == ',' || *s == '.'))
        m = 1, *kind = *s;
    else if ((m = nbsp_at(s, end)))
        *kind = NBSP;
    return m && s + m < end && careerp_guide_digit(s[m]) ? m : 0;
}

/* The digits at *p (< end) and the separators between them; 0 when there
 * are none or more than MAX_DIGITS. Each separator has a digit after it,
 * and so there are fewer of them than digits. */
static int scan_figure(const char **p, const char *end, scan *sc)
{
    const char *s = *p;
    int digits = 0;
    size_t m;
    char kind;

    if (s >= end || !careerp_guide_digit(*s))
        return 0;
    sc->mantissa = 0;
    sc->nsep = 0;
    sc->run[0] = 0;
    for (;;) {
        if (s < end && careerp_guide_digit(*s)) {
            if (++digits > MAX_DIGITS)
                return 0;
            sc->mantissa = sc->mantissa * 10 + (uint64_t)(*s++ - '0');
            sc->run[sc->nsep]++;
        } else if ((m = separator_at(s, end, &kind))) {
            sc->sep[sc->nsep++] = kind;
            sc->run[sc->nsep] = 0;
            s += m;
        } else {
            break;
        }
    }
    sc->text = (careerp_line){*p, (size_t)(s - *p)};
    *p = s;
    return 1;
}

/* Whether the first g separators group digits alike: in threes after a
 * first group of 1 to 3 digits (not a 0), or with commas the Indian way
 * (threes last, pairs before them: "1,23,456"). */
static int grouped(const scan *sc, int g, char *group)
{
    int i, western = sc->run[0] <= 3 && sc->text.s[0] != '0';
    int indian = western && g >= 2 && sc->sep[0] == ',' && sc->run[0] <= 2;

    *group = g ? sc->sep[0] : '\0';
    for (i = 0; i < g; i++) {
        if (sc->sep[i] != sc->sep[0])
            return 0;
        western = western && sc->run[i + 1] == 3;
        indian = indian && sc->run[i + 1] == (i + 1 == g ? 3 : 2);
    }
    return g == 0 || western || indian;
}

/* Reads the separators by the grouping's shape (see guide.h). 0 when the
 * grouping is irregular. A lone separator is a decimal mark in a figure
 * "in thousands" ("62.385k": nobody groups digits before "k") and after a
 * 0 ("0.125": no grouped figure starts with one). */
static int classify(const scan *sc, int kilo, reading *r)
{
    int n = sc->nsep, g = n;
    char last = n ? sc->sep[n - 1] : '\0';
    int lone_mark = kilo || sc->text.s[0] == '0' || sc->run[n] != 3;

    r->mark = '\0';
    r->decimals = 0;
    if (n && last != NBSP && (n > 1 ? sc->sep[n - 2] != last : lone_mark)) {
        g = n - 1;
        r->mark = last;
        r->decimals = sc->run[n];
    }
    return grouped(sc, g, &r->group);
}

/* The decimal mark a reading implies for the whole text: its own, or the
 * other of ',' and '.' when it groups with one; '\0' when it shows none
 * (no separator, or no-break spaces only). */
static char implied_mark(const reading *r)
{
    if (r->mark)
        return r->mark;
    return r->group == ',' ? '.' : r->group == '.' ? ',' : '\0';
}

/* How a reading uses the separator that shows its mark (for messages). */
static const char *mark_how(const reading *r)
{
    if (r->mark)
        return r->mark == ',' ? "',' is the decimal mark"
                              : "'.' is the decimal mark";
    return r->group == ',' ? "',' groups digits" : "'.' groups digits";
}

static double figure_value(uint64_t mantissa, int decimals)
{
    double scale = 1.0;

    while (decimals-- > 0)
        scale *= 10.0;
    return (double)mantissa / scale;
}

/* A figure such as "90,000", "160,000+" or "12.5" at *p; advances past it. */
int careerp_parse_figure(const char **p, const char *end, double *out)
{
    const char *s = *p;
    scan sc;
    reading r;

    if (!scan_figure(&s, end, &sc) || !classify(&sc, 0, &r))
        return 0;
    if (s < end && *s == '+')
        s++;
    *out = figure_value(sc.mantissa, r.decimals);
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

/* Whether a figure's reading agrees with the text's decimal mark; the
 * first figure that shows one sets it. Else m->bad names the figure. */
static int agrees(careerp_money *m, const scan *sc, const reading *r,
                  int regular)
{
    char mark = regular ? implied_mark(r) : '\0';

    if (regular && (!mark || !m->mark || m->mark == mark))
        return 1;
    m->bad = sc->text;
    m->bad_how = regular ? mark_how(r) : NULL;
    return 0;
}

static void remember_mark(careerp_money *m, const scan *sc, const reading *r)
{
    if (!m->mark && implied_mark(r)) {
        m->mark = implied_mark(r);
        m->mark_by = sc->text;
        m->mark_how = mark_how(r);
    }
}

/* An amount at *p: an optional currency (sign or code, then optional
 * spaces), a figure, "k" for thousands, "+", and an optional currency after
 * it. *marked: whether a currency was given. */
careerp_found careerp_parse_amount(const char **p, const char *end,
                                   careerp_money *m, double *out,
                                   int *marked)
{
    const char *s = *p, *t;
    scan sc;
    reading r;
    int before, after, kilo, regular;

    if ((before = mark_at(&s, end, m)))
        skip_spaces(&s, end);
    if (!scan_figure(&s, end, &sc))
        return CAREERP_NONE;
    kilo = s < end && careerp_ascii_lower((unsigned char)*s) == 'k' &&
           !(s + 1 < end && careerp_guide_alpha((unsigned char)s[1]));
    regular = classify(&sc, kilo, &r);
    if (!agrees(m, &sc, &r, regular))
        return CAREERP_REFUSED;
    if (kilo) {
        if (sc.mantissa > MAX_KILO_MANTISSA)
            return CAREERP_NONE;
        sc.mantissa *= 1000;
        s++;
    }
    if (s < end && *s == '+')
        s++;
    t = s;
    skip_spaces(&t, end);
    if ((after = mark_at(&t, end, m)))
        s = t;
    remember_mark(m, &sc, &r);
    *out = figure_value(sc.mantissa, r.decimals);
    *marked = before || after;
    *p = s;
    return CAREERP_FOUND;
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
careerp_found careerp_parse_range(careerp_line l, careerp_money *m,
                                  double *lo, double *hi)
{
    const char *p = l.s, *end = l.s + l.n;
    careerp_found f;
    int marked;

    if ((f = careerp_parse_amount(&p, end, m, lo, &marked)) != CAREERP_FOUND)
        return f;
    if (!careerp_skip_dash(&p, end))
        return CAREERP_NONE;
    if ((f = careerp_parse_amount(&p, end, m, hi, &marked)) != CAREERP_FOUND)
        return f;
    return p == end ? CAREERP_FOUND : CAREERP_NONE;
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
