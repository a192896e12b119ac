/* source.c - the bytes of a table, opened once: a file (regular, or a
 * pipe, a FIFO, a terminal) or bytes in memory. Its first bytes tell a
 * workbook (a zip archive) from CSV, and they are read from the same
 * stream the reader then goes on with: a pipe can be read only once, and
 * a FIFO opened a second time waits for a writer that never comes. A
 * leaf, beside rowbuf.c: csv.c and xlsx.c read what it opened. */
#include "bls/bls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

size_t careerp_source_read(FILE *f, void *buf, size_t n)
{
    size_t got = 0;

    for (;;) {
        errno = 0;
        got += fread((char *)buf + got, 1, n - got, f);
        /* a signal handler installed without SA_RESTART interrupts the
         * read(2) under fread: not an error of the file, so read on */
        if (got == n || !ferror(f) || errno != EINTR)
            return got;
        clearerr(f);
    }
}

static career_status read_failed(const careerp_source *s, career_error *err)
{
    return careerp_fail_errno(err, s->name, "read error",
                              errno ? errno : EIO);
}

/* A workbook from a stream that cannot seek: libzip needs the whole
 * archive (its directory is at the end), so it is read into memory. */
static career_status read_whole(careerp_source *s, career_error *err)
{
    size_t cap = (size_t)1 << 16, n = s->nhead, got;
    unsigned char *b = malloc(cap), *grown;

    if (!b)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    memcpy(b, s->head, n);
    for (;;) {
        if (n == cap) {
            if (cap >= CAREERP_PIPED_WORKBOOK_MAX) {
                free(b);
                return careerp_fail_at(err, CAREER_ERR_PARSE, s->name, 0, 0,
                                       "a workbook read from a pipe is "
                                       "limited to %zu MiB (save it to a "
                                       "file)",
                                       CAREERP_PIPED_WORKBOOK_MAX >> 20);
            }
            if (!(grown = realloc(b, 2 * cap))) {
                free(b);
                return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
            }
            b = grown;
            cap *= 2;
        }
        got = careerp_source_read(s->f, b + n, cap - n);
        n += got;
        if (n < cap) /* the end, or an error */
            break;
    }
    if (ferror(s->f)) {
        free(b);
        return read_failed(s, err);
    }
    fclose(s->f);
    s->f = NULL;
    s->owned = b;
    s->data = b;
    s->n = n;
    return CAREER_OK;
}

/* Opens the file, refusing a folder, and reads its first bytes. */
static career_status open_file(careerp_source *s, const char *path,
                               career_error *err)
{
    struct stat sb;

    /* opening a FIFO waits for a writer, and a signal may interrupt that */
    do
        errno = 0;
    while (!(s->f = fopen(path, "rb")) && errno == EINTR);
    if (!s->f)
        return careerp_fail_errno(err, path, "cannot open", errno);
    if (fstat(fileno(s->f), &sb) != 0)
        return careerp_fail_errno(err, path, "cannot read", errno);
    /* fopen opens a folder on Linux; reading it fails later, obscurely */
    if (S_ISDIR(sb.st_mode))
        return careerp_fail_errno(err, path, "cannot read", EISDIR);
    s->seekable = S_ISREG(sb.st_mode);
    s->nhead = careerp_source_read(s->f, s->head, sizeof s->head);
    if (ferror(s->f))
        return read_failed(s, err);
    s->zip = s->nhead == 4 && memcmp(s->head, "PK\3\4", 4) == 0;
    if (s->zip && !s->seekable)
        return read_whole(s, err);
    return CAREER_OK;
}

career_status careerp_source_open(careerp_source *s, const char *path,
                                  const void *data, size_t n,
                                  const char *name, career_error *err)
{
    career_status st;

    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s",
             careerp_source_name(path, name, "<table>"));
    if (!path) {
        s->data = data;
        s->n = n;
        s->zip = n >= 4 && memcmp(data, "PK\3\4", 4) == 0;
        return CAREER_OK;
    }
    if ((st = open_file(s, path, err)) != CAREER_OK)
        careerp_source_close(s);
    return st;
}

void careerp_source_close(careerp_source *s)
{
    if (s->f)
        fclose(s->f);
    free(s->owned);
    s->f = NULL;
    s->owned = NULL;
}
