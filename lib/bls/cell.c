/* cell.c - the cells of BLS tables (OEWS and EP): numbers, with the
 * marks for figures not available and top-coded. Numbers are read in the
 * C locale ("37.48" whatever setlocale chose). */
#include "bls/bls.h"

#include <stdlib.h>
#include <string.h>

/* A numeric cell: *mark says whether it is a value, not available ("*",
 * "**", "~", empty) or top-coded ("#"). Thousands separators are dropped.
 * Returns 0 when the text is none of these (and, never with glibc, whose
 * C locale is static, when no C locale object can be had to read it). */
int careerp_cell_number(const char *cell, double *value, int *mark)
{
    char buf[64], *end;
    size_t n = 0, len;

    while (*cell == ' ')
        cell++;
    for (len = strlen(cell); len > 0 && cell[len - 1] == ' '; len--)
        ;
    if (len >= sizeof buf)
        return 0;
    for (; len > 0; cell++, len--)
        if (*cell != ',')
            buf[n++] = *cell;
    buf[n] = '\0';
    *mark = CAREERP_CELL_NA;
    if (n == 0 || strcmp(buf, "*") == 0 || strcmp(buf, "**") == 0 ||
        strcmp(buf, "~") == 0)
        return 1;
    *mark = CAREERP_CELL_TOP;
    if (strcmp(buf, "#") == 0)
        return 1;
    *mark = CAREERP_CELL_VALUE;
    if (!(buf[0] == '.' || (buf[0] >= '0' && buf[0] <= '9')))
        return 0;
    if (careerp_strtod_c(buf, &end, value) != CAREER_OK)
        return 0;
    return *end == '\0' && isfinite(*value);
}

career_status careerp_index_grow(uint32_t **slot, size_t *nslot, size_t n,
                                 size_t (*place)(const void *ctx, size_t i),
                                 const void *ctx)
{
    size_t i, grown = *nslot ? 2 * *nslot : 1024;
    uint32_t *old = *slot;

    if (2 * (n + 1) <= *nslot)
        return CAREER_OK;
    if (!(*slot = calloc(grown, sizeof **slot))) {
        *slot = old;
        return CAREER_ERR_NOMEM;
    }
    free(old);
    *nslot = grown;
    for (i = 0; i < n; i++)
        (*slot)[place(ctx, i)] = (uint32_t)(i + 1);
    return CAREER_OK;
}
