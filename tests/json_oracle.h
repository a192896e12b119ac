/* json_oracle.h - lib/json_parse.c against jansson's own parser, whose
 * grammar, checks and error texts it keeps (for test_json_parse.c and
 * fuzz/fuzz_json.c). */
#ifndef CAREER_TEST_JSON_ORACLE_H
#define CAREER_TEST_JSON_ORACLE_H

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "io/io.h"

/* Parses text[0..len) both ways: 0 when they agree (the same tree, or the
 * same error text, line and column), else 1 with what differs in why[].
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
    json_t *mine = NULL, *theirs;
    career_status st;
    int line, column, differs;

    memset(&je, 0, sizeof je);
    memset(&err, 0, sizeof err);
    /* jansson's parser reads reals in the host's locale, and under a
     * two-byte decimal point (ps_AF) fails an assert(): it is the oracle,
     * so it runs in the C locale (json_parse.c needs no such help) */
    if (careerp_c_locale_enter(&c) != CAREER_OK)
        return 0;
    theirs = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    careerp_c_locale_leave(&c);
    st = careerp_json_parse(text, len, "<buffer>", &mine, &err);
    line = je.line > 0 ? je.line : 0;
    column = line ? (je.column > 0 ? je.column : 1) : 0;
    if (theirs && mine)
        differs = !json_equal(theirs, mine);
    else if (!theirs && !mine)
        differs = st != CAREER_ERR_PARSE || strcmp(err.text, je.text) != 0 ||
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
