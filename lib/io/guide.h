/*
 * io/guide.h - the insides of the guide reader: a line of the guide's
 * text, and the amounts, currencies, ranges and percentages read from it
 * (money.c), which guide.c calls as it finds the guide's parts.
 *
 * Shall only be included by lib/io/guide.c and lib/io/money.c.
 */
#ifndef CAREER_IO_GUIDE_H
#define CAREER_IO_GUIDE_H

#include "internal.h"

#include <stddef.h>

/* A line of the guide, trimmed of blanks and the '\r' of CRLF; not
 * NUL-terminated, and it may hold any bytes. */
typedef struct careerp_line {
    const char *s;
    size_t n;
} careerp_line;

/* What the amounts of one guide share: the currency they are read in (the
 * heading's) and the first mark beside an amount that cannot be it (for a
 * note: the heading wins); the text's decimal mark, once a figure has
 * shown it (mark_by, the figure, and mark_how, how it used its separator:
 * "',' groups digits"); and the figure a reader refused, with how it used
 * its separator against mark_by's (bad_how), or NULL when its digits are
 * grouped irregularly. */
typedef struct careerp_money {
    const char *currency;
    const char *other;
    size_t other_len;
    char mark;
    careerp_line mark_by;
    const char *mark_how;
    careerp_line bad;
    const char *bad_how;
} careerp_money;

/* What a reader of amounts found at *p. */
typedef enum careerp_found {
    CAREERP_NONE = 0,  /* nothing of its kind: *p is left alone */
    CAREERP_FOUND = 1, /* read, and *p advanced past it */
    CAREERP_REFUSED = 2 /* a figure whose separators are irregular, or
                           read otherwise than the text's (m->bad) */
} careerp_found;

/* The character classes of the guide's text, ASCII only: a byte of UTF-8
 * is none of them. */
static inline int careerp_guide_blank(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

static inline int careerp_guide_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static inline int careerp_guide_alpha(int ch)
{
    ch = careerp_ascii_lower(ch);
    return ch >= 'a' && ch <= 'z';
}

/* ---- money.c ------------------------------------------------------------ */

/* The readers start at *p (< end, or nothing is there). The separators
 * of a figure, ',' '.' and no-break spaces, are read by the grouping's
 * shape: the last is its decimal mark when it differs from the one before
 * it, or when it is alone and followed by other than exactly three digits
 * (or by three and "k", "62.385k", or after a 0, "0.125"); the others
 * group digits, all alike, in threes after a first group of 1 to 3 that is
 * not 0 (or the Indian way, "1,23,456").
 * A no-break space only ever groups. */

/* Moves *p past blanks (not past no-break spaces, which only stand beside
 * amounts). */
void careerp_skip_blanks(const char **p, const char *end);

/* A figure such as "90,000", "160,000+", "12.5" or "6,5": no currency, no
 * "k". 1 and *p advanced past it, or 0 (a figure grouped irregularly is
 * none). */
int careerp_parse_figure(const char **p, const char *end, double *out);

/* An amount: an optional currency (sign or code, then optional spaces), a
 * figure, "k" for thousands, "+", and an optional currency after it.
 * *marked: whether a currency was given. A mark that cannot be the
 * heading's currency (m->currency) is remembered in m for a note. The
 * figure's decimal mark must agree with the text's (m->mark, which the
 * first figure that shows one sets): "108,5" in a text where "90,000"
 * groups with ',' is refused, as is a figure grouped irregularly. */
careerp_found careerp_parse_amount(const char **p, const char *end,
                                   careerp_money *m, double *out,
                                   int *marked);

/* A dash between two figures, with the blanks around it. */
int careerp_skip_dash(const char **p, const char *end);

/* "MIN-MAX" filling the whole line, each an amount. */
careerp_found careerp_parse_range(careerp_line l, careerp_money *m,
                                  double *lo, double *hi);

/* A percentage "10%", "+12.5%" or "-3%" (after blanks) at p, as a
 * fraction (0.1). */
int careerp_parse_percent(const char *p, const char *end, double *out);

/* The ISO 4217 code of a currency sign that stands for one currency only
 * ("£" is GBP, "$" is not one), when l is exactly that sign; else NULL. */
const char *careerp_sign_code(careerp_line l);

#endif /* CAREER_IO_GUIDE_H */
