/* json_oracle.h - lib/json_parse.c against jansson's own parser, whose
 * grammar, checks and error texts it keeps (for test_json_parse.c and
 * fuzz/fuzz_json.c). */
#ifndef CAREER_TEST_JSON_ORACLE_H
#define CAREER_TEST_JSON_ORACLE_H

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "io/io.h"

/* jansson's texts that json_parse.c words plainly, and its words. */
static const char *const json_oracle_reworded[][2] = {
    {"\\u0000 is not allowed without JSON_ALLOW_NUL",
     "\\u0000 (a NUL character) is not allowed in a string"},
    {"maximum parsing depth reached", "nested more than 2048 levels deep"},
};

/* jansson's error text as json_parse.c words it, in buf. */
static inline const char *json_oracle_text(const char *text, char *buf,
                                           size_t size)
{
    size_t i, n;

    for (i = 0; i < sizeof json_oracle_reworded /
                        sizeof json_oracle_reworded[0]; i++) {
        n = strlen(json_oracle_reworded[i][0]);
        if (strncmp(text, json_oracle_reworded[i][0], n) == 0) {
            snprintf(buf, size, "%s%s", json_oracle_reworded[i][1], text + n);
            return buf;
        }
    }
    return text;
}

/* Parses text[0..len) both ways: 0 when they agree (the same tree, or the
 * same error text, line and column), else 1 with what differs in why[].
 * json_parse.c skips a UTF-8 byte-order mark: jansson is given the text
 * after it. A text json_parse.c refuses for the memory its tree would
 * take (a limit jansson has not) is not compared.
 * A text with a NUL byte is parsed but not compared: jansson skips a NUL
 * it has read ahead and given back (its stream buffer takes the byte for
 * its end), a quirk json_parse.c does not keep: there NUL is a byte that
 * no token starts with. */
static inline int json_oracle_differs(const char *text, size_t len,
                                      char *why, size_t size)
{
    json_error_t je;
    career_error err;
    careerp_c_locale c;
    const char *after = text, *theirs_text;
    size_t after_len = len;
    char reworded[JSON_ERROR_TEXT_LENGTH + 64];
    json_t *mine = NULL, *theirs;
    career_status st;
    int line, column, differs;

    memset(&je, 0, sizeof je);
    memset(&err, 0, sizeof err);
    /* jansson's parser reads reals in the host's locale, and under a
     * two-byte decimal point (ps_AF) fails an assert(): it is the oracle,
     * so it runs in the C locale (json_parse.c needs no such help) */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        after += 3;
        after_len -= 3;
    }
    if (careerp_c_locale_enter(&c) != CAREER_OK)
        return 0;
    theirs = json_loadb(after, after_len, JSON_REJECT_DUPLICATES, &je);
    careerp_c_locale_leave(&c);
    theirs_text = json_oracle_text(je.text, reworded, sizeof reworded);
    st = careerp_json_parse(text, len, "<buffer>", &mine, &err);
    line = je.line > 0 ? je.line : 0;
    column = line ? (je.column > 0 ? je.column : 1) : 0;
    if (!mine && strncmp(err.text, "too many values", 15) == 0)
        differs = 0; /* a limit of json_parse.c's only */
    else if (theirs && mine)
        differs = !json_equal(theirs, mine);
    else if (!theirs && !mine)
        differs = st != CAREER_ERR_PARSE || strcmp(err.text, theirs_text) != 0 ||
                  err.line != line || err.column != column;
    else
        differs = 1;
    if (memchr(text, '\0', len))
        differs = 0;
    snprintf(why, size, "jansson %s %d:%d \"%s\"; json_parse.c %s %d:%d \"%s\"",
             theirs ? "parsed" : "failed", line, column, theirs ? "" : je.text,
             mine ? "parsed" : "failed", err.line, err.column, err.text);
    json_decref(theirs);
    json_decref(mine);
    return differs;
}

#endif /* CAREER_TEST_JSON_ORACLE_H */
