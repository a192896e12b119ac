/* rows.c - a table read one row at a time: the choice between the CSV
 * reader (csv.c) and the .xlsx reader (xlsx.c), which sits above both. */
#include "bls/bls.h"

#include <errno.h>
#include <string.h>

/* Whether the file starts as a zip archive does ("PK\3\4"). */
static career_status looks_like_zip(const char *path, const void *data,
                                    size_t n, int *zip, career_error *err)
{
    unsigned char head[4] = {0};
    size_t got = n < 4 ? n : 4;
    FILE *f;

    if (!path) {
        memcpy(head, data, got);
    } else {
        if (!(f = fopen(path, "rb")))
            return careerp_fail_errno(err, path, "cannot open", errno);
        got = fread(head, 1, 4, f);
        fclose(f);
    }
    *zip = got == 4 && memcmp(head, "PK\3\4", 4) == 0;
    return CAREER_OK;
}

career_status careerp_rows_open(const char *path, const void *data, size_t n,
                                const char *name, size_t sheet,
                                careerp_rows **out, career_error *err)
{
    career_status st;
    int zip;

    if ((st = looks_like_zip(path, data, n, &zip, err)) != CAREER_OK)
        return st;
    if (zip)
        return careerp_xlsx_open(path, data, n, name, sheet, out, err);
    if (sheet > 0)
        return CAREER_ERR_NOT_FOUND;
    return careerp_csv_open(path, data, n, name, out, err);
}

void careerp_rows_close(careerp_rows *rows)
{
    if (rows)
        rows->close(rows);
}
