/*
 * internal.h - what every module of lib/ shares and nothing outside sees:
 * the compiler macros, the error record helpers (common/error.c), the
 * text helpers (common/text.c) and numbers in the C locale
 * (common/number.c). Each module's own shared names are in its
 * folder's header (core/core.h, plan/plan.h, io/io.h, pay/pay.h,
 * bls/bls.h); lib/README.md maps who may include which. Every name here is
 * careerp_; the public API is in include/career.h.
 */
#ifndef CAREER_INTERNAL_H
#define CAREER_INTERNAL_H

#include "career.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define CAREERP_PRINTF(f, a) __attribute__((format(printf, f, a)))
/* For small kernels that must be specialised at each call site. */
#define CAREERP_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define CAREERP_PRINTF(f, a)
#define CAREERP_ALWAYS_INLINE inline
#endif

/* Kernels built twice on x86-64, for AVX2 and for the baseline, the loader
 * picking the one the processor has (GCC's function multi-versioning). Only
 * for kernels whose results do not depend on the choice: integer counts,
 * or the same IEEE operations in the same order (AVX2 alone enables no FMA
 * contraction). Such functions must be static, or their resolver would be
 * exported. Off under sanitizers and in the coverage build, where a second
 * clone would never run. */
/* The loader's choice is an ifunc: only ELF with glibc has them (musl has
 * none, and GCC then rejects target_clones). __GLIBC__ comes from
 * <features.h>, which career.h's <stdio.h> has included. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) &&      \
    defined(__ELF__) && defined(__GLIBC__) &&                              \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) &&      \
    !defined(CAREERP_NO_CLONES)
#define CAREERP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CAREERP_CLONES
#endif

/* ---- common/error.c ---------------------------------------------------------- */

/* Clears a record at the start of a call (err may be NULL). */
void careerp_error_reset(career_error *err);

/* Records a failure (the first one of a call wins) and returns `status`, so
 * that `return careerp_fail(err, CAREER_ERR_ARG, "...")` reads as one step. */
career_status careerp_fail(career_error *err, career_status status,
                           const char *fmt, ...) CAREERP_PRINTF(3, 4);

/* The same, about a place in a text (line and column are 1-based). */
career_status careerp_fail_at(career_error *err, career_status status,
                              const char *source, int line, int column,
                              const char *fmt, ...) CAREERP_PRINTF(6, 7);

/* The same with a va_list, the text being `prefix` then fmt's: for the
 * error helpers of the readers of texts (JSON paths, guide lines). */
career_status careerp_vfail_at(career_error *err, career_status status,
                               const char *source, int line, int column,
                               const char *prefix, const char *fmt,
                               va_list ap) CAREERP_PRINTF(7, 0);

/* A failed system call about a file: "path: what: reason" at `path`.
 * ENOMEM (an fopen or fdopen that could not get memory) is
 * CAREER_ERR_NOMEM; any other errno CAREER_ERR_IO. */
career_status careerp_fail_errno(career_error *err, const char *path,
                                 const char *what, int errnum);

/* The text of errno value errnum in buf[0..size) (the thread-safe
 * strerror_r, the only path to it in lib/), returned for use in a format. */
const char *careerp_errno_text(int errnum, char *buf, size_t size);

/* Status of a double argument with a lower bound: NaN and inf are bad
 * arguments; finite values below `floor` (or at it, when `open`) are
 * outside the domain. */
static inline career_status careerp_check_min(double v, double floor,
                                              int open)
{
    if (!isfinite(v))
        return CAREER_ERR_ARG;
    return v < floor || (open && v == floor) ? CAREER_ERR_DOMAIN : CAREER_OK;
}

/* Status of a struct's reserved slots, the one check and message for
 * every struct that has them: CAREER_ERR_ARG naming
 * "<owner>reserved[i]" (owner "options.", "employees[3].", or "") for the
 * first that is not zero. */
career_status careerp_check_reserved(career_error *err, const char *owner,
                                     const uint64_t *reserved, size_t n);
#define CAREERP_NRESERVED(s) (sizeof (s)->reserved / sizeof (s)->reserved[0])

/* Status of a years argument: finite and >= 0. */
static inline career_status careerp_check_years(double years)
{
    return careerp_check_min(years, 0.0, 0);
}

/* ---- common/text.c ------------------------------------------------- */
/* Whether text[0..n) is UTF-8 without NUL bytes, overlong forms or
 * surrogates. */
int careerp_utf8_valid(const char *text, size_t n);

/* Writes code point v (a character: at most 0x10FFFF, no surrogate) as
 * UTF-8 at out; the bytes written, 1 to 4. */
size_t careerp_utf8_put(unsigned long v, char out[4]);

/* The length of the longest prefix of UTF-8 text s of at most max bytes
 * that ends at a character boundary: text cut there stays UTF-8. */
size_t careerp_utf8_prefix(const char *s, size_t max);

/* ch with ASCII A-Z folded to a-z; every other value as it is. */
int careerp_ascii_lower(int ch);

/* Whether a and b are the same text, ASCII letters compared without case
 * (other bytes, UTF-8 among them, must match exactly). */
int careerp_ascii_same(const char *a, const char *b);

/* A block of NUL-terminated strings kept by offset. A growing arena
 * (fixed = 0, text NULL or malloc'd) reallocates as it fills; a fixed one
 * is a block its owner sized beforehand (text points into it), so that
 * pointers into it stay valid, and it never grows. */
typedef struct careerp_arena {
    char *text;
    size_t used, cap;
    int fixed;
} careerp_arena;

/* Appends s[0..n) and a NUL, giving its offset in *at. CAREER_ERR_NOMEM
 * (a growing arena's realloc failed, or a fixed one is full) leaves the
 * arena as it was. */
career_status careerp_arena_add(careerp_arena *a, const char *s, size_t n,
                                size_t *at);

/* Frees a growing arena's text (a fixed one's belongs to its owner) and
 * empties it. */
void careerp_arena_free(careerp_arena *a);

/* What names a source in errors: its path, else the caller's name for its
 * bytes, else `fallback` ("<table>", "<workbook>"). */
const char *careerp_source_name(const char *path, const char *name,
                                const char *fallback);

/* ---- common/number.c ------------------------------------------------ */
/* Numbers are read and written with '.' whatever the host's locale: the
 * calling thread is put in the C locale between enter and leave (POSIX
 * uselocale: other threads keep theirs, and nothing global changes). */
typedef struct careerp_c_locale {
    locale_t c, saved;
} careerp_c_locale;

/* CAREER_ERR_NOMEM when no C locale object can be had (glibc's is static:
 * never there); then nothing changed and leave must not be called. */
career_status careerp_c_locale_enter(careerp_c_locale *l);

/* Gives the thread its own locale back; errno is kept. */
void careerp_c_locale_leave(careerp_c_locale *l);

/* strtod in the C locale (errno as strtod leaves it); CAREER_ERR_NOMEM,
 * *value and *end untouched, when no C locale can be had. */
career_status careerp_strtod_c(const char *text, char **end, double *value);

/* vsnprintf and snprintf in the C locale, for text meant for people
 * (messages, notes): when no C locale can be had, in the thread's own. */
int careerp_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
    CAREERP_PRINTF(3, 0);
int careerp_snprintf_c(char *buf, size_t size, const char *fmt, ...)
    CAREERP_PRINTF(3, 4);

#endif /* CAREER_INTERNAL_H */
