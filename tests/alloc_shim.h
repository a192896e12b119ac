/* alloc_shim.h - fails one chosen allocation of libcareer's objects, for
 * the test programs that the Makefile links with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (the library's own calls
 * then go through the wrappers below; those inside other shared libraries
 * do not). Include it in one file of such a program. */
#ifndef CAREER_TEST_ALLOC_SHIM_H
#define CAREER_TEST_ALLOC_SHIM_H

#include <stddef.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

/* Allocations still to pass before one fails; -1: none fails. */
static long shim_countdown = -1;
/* The bytes asked for so far (an upper bound on the most held at once,
 * since frees are not counted): a test zeroes it, calls, and reads it. */
static size_t shim_bytes;

static int shim_fail_now(size_t size)
{
    shim_bytes += size;
    return shim_countdown >= 0 && shim_countdown-- == 0;
}

void *__wrap_malloc(size_t size)
{
    return shim_fail_now(size) ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return shim_fail_now(n * size) ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return shim_fail_now(size) ? NULL : __real_realloc(p, size);
}

#endif
