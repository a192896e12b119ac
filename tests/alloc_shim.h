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

static int shim_fail_now(void)
{
    return shim_countdown >= 0 && shim_countdown-- == 0;
}

void *__wrap_malloc(size_t size)
{
    return shim_fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return shim_fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return shim_fail_now() ? NULL : __real_realloc(p, size);
}

#endif
