/* error.c - status texts and the error record. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *career_version_string(void)
{
    return CAREER_VERSION_STRING;
}

int career_version_number(void)
{
    return CAREER_VERSION_NUMBER;
}

/* Everything the library hands out to be freed comes from malloc. */
void career_free(void *ptr)
{
    free(ptr);
}

const char *career_strerror(career_status status)
{
    switch (status) {
    case CAREER_OK:
        return "success";
    case CAREER_ERR_ARG:
        return "bad argument";
    case CAREER_ERR_DOMAIN:
        return "argument out of domain";
    case CAREER_ERR_FIT:
        return "infeasible fit";
    case CAREER_ERR_PARSE:
        return "parse error";
    case CAREER_ERR_IO:
        return "input/output error";
    case CAREER_ERR_NOMEM:
        return "out of memory";
    case CAREER_ERR_NOT_FOUND:
        return "not found";
    case CAREER_ERR_BUFFER:
        return "output buffer too small";
    case CAREER_ERR_CANCELLED:
        return "cancelled by the caller";
    }
    return "unknown status";
}

void careerp_error_reset(career_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

career_status careerp_vfail_at(career_error *err, career_status status,
                               const char *source, int line, int column,
                               const char *prefix, const char *fmt,
                               va_list ap)
{
    size_t n;

    if (!err || err->status != CAREER_OK)
        return status;
    err->status = status;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    n = (size_t)snprintf(err->text, sizeof err->text, "%s", prefix);
    if (n < sizeof err->text) /* "(got 0.5)", never the locale's "0,5" */
        careerp_vsnprintf_c(err->text + n, sizeof err->text - n, fmt, ap);
    return status;
}

career_status careerp_fail(career_error *err, career_status status,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    careerp_vfail_at(err, status, NULL, 0, 0, "", fmt, ap);
    va_end(ap);
    return status;
}

career_status careerp_fail_at(career_error *err, career_status status,
                              const char *source, int line, int column,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    careerp_vfail_at(err, status, source, line, column, "", fmt, ap);
    va_end(ap);
    return status;
}

career_status careerp_fail_errno(career_error *err, const char *path,
                                 const char *what, int errnum)
{
    char reason[128];

    return careerp_fail_at(err, errnum == ENOMEM ? CAREER_ERR_NOMEM
                                                 : CAREER_ERR_IO,
                           path, 0, 0, "%s: %s: %s", path, what,
                           careerp_errno_text(errnum, reason, sizeof reason));
}

career_status careerp_check_reserved(career_error *err, const char *owner,
                                     const uint64_t *reserved, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (reserved[i] != 0)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "%sreserved[%zu]: must be zero (a field of "
                                "a later libcareer?)", owner, i);
    return CAREER_OK;
}

const char *careerp_errno_text(int errnum, char *buf, size_t size)
{
    if (strerror_r(errnum, buf, size) != 0)
        snprintf(buf, size, "error %d", errnum);
    return buf;
}
