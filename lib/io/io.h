/*
 * io/io.h - reading and writing (lib/io/), as the other modules (pay, bls)
 * may use it: JSON text read into a jansson tree, with the input capped
 * and every allocation checked, and the errors of meaning that name a
 * JSON path (json_parse.c, json_read.c; used by json_load.c, policy.c).
 */
#ifndef CAREER_IO_H
#define CAREER_IO_H

#include "core/core.h"

#include <jansson.h>

/* ---- json_parse.c ------------------------------------------------------ */

/* The largest JSON text read (CAREER_MAX_JSON_BYTES in career.h). */
#define CAREERP_JSON_MAX CAREER_MAX_JSON_BYTES

/* Parses text[0..len) (NUL bytes are text, not its end) into *root: an
 * object or an array, duplicate keys refused, as jansson's json_loadb
 * with JSON_REJECT_DUPLICATES would, with its error texts, lines and
 * columns (but a UTF-8 byte-order mark before the text is skipped, and
 * two messages are in plain words: see json_parse.c). Unlike jansson 2.14's own parser, which drops a byte it cannot
 * store and goes on (see json_parse.c), a failed allocation is always
 * CAREER_ERR_NOMEM. `source` names the text in errors. Texts longer than
 * CAREERP_JSON_MAX are CAREER_ERR_PARSE. */
career_status careerp_json_parse(const char *text, size_t len,
                                 const char *source, json_t **root,
                                 career_error *err);

/* A NUL-terminated text from the caller, named "<string>" in errors:
 * CAREER_ERR_ARG ("json: NULL") for NULL. */
career_status careerp_json_parse_string(const char *json, json_t **root,
                                        career_error *err);

/* Reads a whole stream (at most CAREERP_JSON_MAX bytes, or
 * CAREER_ERR_PARSE) and parses it. */
career_status careerp_json_parse_stream(FILE *f, const char *source,
                                        json_t **root, career_error *err);

/* Opens, reads and parses a file: a regular file larger than the cap is
 * refused before it is read, a directory is CAREER_ERR_IO, a NULL path
 * CAREER_ERR_ARG ("path: NULL"). */
career_status careerp_json_parse_file(const char *path, json_t **root,
                                      career_error *err);

/* "an object", "a string", ...: for "expected X, got Y". */
const char *careerp_json_type_name(const json_t *v);

/* ---- json_read.c ------------------------------------------------------- */

/* Where a tree came from, for errors: the source, and a prefix of every
 * JSON path ("" for a lone object, "[3]." for the fourth of an array). */
typedef struct careerp_json_ctx {
    career_error *err;
    const char *source;
    char prefix[32];
} careerp_json_ctx;

/* An error of meaning at c: prefix + fmt, line and column 0. */
career_status careerp_json_bad(const careerp_json_ctx *c,
                               career_status status, const char *fmt, ...)
    CAREERP_PRINTF(3, 4);

/* CAREER_ERR_PARSE naming the first key of obj (at `path`) that is not in
 * `allowed` (NULL-terminated), with the list of those allowed. */
career_status careerp_json_check_keys(const careerp_json_ctx *c, json_t *obj,
                                      const char *path,
                                      const char *const *allowed);

typedef enum careerp_json_kind {
    CAREERP_JSON_NUMBER,
    CAREERP_JSON_STRING,
    CAREERP_JSON_OBJECT,
    CAREERP_JSON_ARRAY,
    CAREERP_JSON_BOOLEAN
} careerp_json_kind;

/* Member `key` of obj, which must be of `kind`: *out is it, or NULL when
 * absent and not required. Errors name "path.key" and what was expected. */
career_status careerp_json_member(const careerp_json_ctx *c, json_t *obj,
                                  const char *path, const char *key,
                                  int required, careerp_json_kind kind,
                                  json_t **out);

/* Member `key` of obj, a number in [lo, hi] (NaN and inf cannot come
 * from JSON) into *out; when absent and not required, *out keeps its
 * value. Errors name "path.key", and the range. */
career_status careerp_json_number(const careerp_json_ctx *c, json_t *obj,
                                  const char *path, const char *key,
                                  int required, double lo, double hi,
                                  double *out);

#endif /* CAREER_IO_H */
