/* rows.c - a table read one row at a time: the choice between the CSV
 * reader (csv.c) and the .xlsx reader (xlsx.c), which sits above both,
 * made by the source's first bytes (source.c). */
#include "bls/bls.h"

career_status careerp_rows_open(careerp_source *src, size_t sheet,
                                careerp_rows **out, career_error *err)
{
    if (src->zip)
        return careerp_xlsx_open(src, sheet, out, err);
    if (sheet > 0)
        return CAREER_ERR_NOT_FOUND;
    return careerp_csv_open(src, out, err);
}

void careerp_rows_close(careerp_rows *rows)
{
    if (rows)
        rows->close(rows);
}
