/* number.c - numbers read and written in the C locale, whatever locale the
 * host chose with setlocale. strtod and printf read and write the
 * locale's decimal point: ',' in de_DE, the two bytes of U+066B in ps_AF,
 * where JSON, profiles and BLS tables have '.'. Each call takes the C
 * locale for its own thread only (POSIX uselocale), and gives back the
 * thread's own locale before it returns: no global state is touched, and
 * other threads, the host's among them, keep theirs. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

career_status careerp_c_locale_enter(careerp_c_locale *l)
{
    /* glibc hands out its static C locale here, allocating nothing;
     * another C library may allocate, and fail */
    l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0)
        return CAREER_ERR_NOMEM;
    l->saved = uselocale(l->c);
    return CAREER_OK;
}

void careerp_c_locale_leave(careerp_c_locale *l)
{
    int e = errno; /* strtod's ERANGE outlives the switch */

    uselocale(l->saved);
    freelocale(l->c);
    errno = e;
}

career_status careerp_strtod_c(const char *text, char **end, double *value)
{
    careerp_c_locale l;

    if (careerp_c_locale_enter(&l) != CAREER_OK)
        return CAREER_ERR_NOMEM;
    *value = strtod(text, end);
    careerp_c_locale_leave(&l);
    return CAREER_OK;
}

int careerp_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
    careerp_c_locale l;
    int n;

    if (careerp_c_locale_enter(&l) != CAREER_OK)
        return vsnprintf(buf, size, fmt, ap); /* text for people: as it is */
    n = vsnprintf(buf, size, fmt, ap);
    careerp_c_locale_leave(&l);
    return n;
}

int careerp_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = careerp_vsnprintf_c(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
