/* replace.c - replacing a file whole, or not at all.
 *
 * A regular file (or a new one) is written to a temporary file beside it,
 * which is flushed to the disk and renamed over it only once whole: a full
 * disk, a killed process or a crash leaves the old file, never half of a
 * new one. Like the editors and package managers that do this:
 *   - a new file gets the mode fopen would give it (0666 less the umask,
 *     and a directory's default ACL): the temporary file is created with
 *     0666 and the kernel applies both, so the umask is never read or set
 *     (umask() would change the whole process's, and no other call reads it);
 *   - an existing file keeps its mode, and its owner when we may give it;
 *   - a symbolic link stays a link: the file it points to is replaced
 *     (links are followed to the end, the temporary file goes beside that
 *     file, on its file system);
 *   - a file we may not write is refused, as an in-place write would be,
 *     although renaming over it needs only the directory's permission.
 * Anything else (a device, a FIFO, /dev/stdout on a terminal or a pipe) is
 * written in place: it cannot be renamed over, and need not be. */
#include "io/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_TAG ".tmp-"
#define TEMP_RANDOM 8   /* hex digits after TEMP_TAG */
#define TEMP_TRIES 100  /* names tried before giving up (EEXIST) */
#define MAX_LINKS 40    /* as the kernel's limit, then ELOOP */

struct career_replace {
    FILE *stream;
    int in_place;  /* written in place: no temporary file, no rename */
    char *target;  /* the file the rename replaces (links followed) */
    char *temp;    /* the temporary file beside it; the path in place */
    char path[];   /* as given, for messages */
};

/* ---- following links ---------------------------------------------------- */

/* The target of link `at` (its text is `len` bytes), as a path: absolute
 * targets as they are, relative ones from the link's directory. */
static char *link_target(const char *at, size_t len)
{
    const char *slash = strrchr(at, '/');
    size_t dir = slash ? (size_t)(slash - at) + 1 : 0;
    char *next = malloc(dir + len + 1);
    ssize_t got;

    if (!next)
        return NULL;
    got = readlink(at, next + dir, len + 1);
    if (got < 0 || (size_t)got > len) { /* changed under us: try again */
        free(next);
        errno = got < 0 ? errno : EAGAIN;
        return NULL;
    }
    next[dir + (size_t)got] = '\0';
    if (next[dir] == '/')
        memmove(next, next + dir, (size_t)got + 1);
    else
        memcpy(next, at, dir);
    return next;
}

/* The file `path` names once every link on the way is followed, whether it
 * exists or not (a dangling link names the file to create): a new string,
 * or NULL with errno set. */
static char *follow_links(const char *path)
{
    struct stat sb;
    char *at = strdup(path), *next;
    int hops;

    for (hops = 0; at && lstat(at, &sb) == 0 && S_ISLNK(sb.st_mode); hops++) {
        /* /proc's links give st_size 0: allow a path's worth */
        size_t len = sb.st_size > 0 ? (size_t)sb.st_size : 4096;

        next = hops < MAX_LINKS ? link_target(at, len) : NULL;
        if (hops >= MAX_LINKS)
            errno = ELOOP;
        free(at);
        at = next;
    }
    return at;
}

/* ---- the temporary file ------------------------------------------------- */

/* A name no other caller is likely to pick at the same time: no state is
 * kept between calls, so the bits come from the clock, the process and the
 * stack, mixed (splitmix64's finaliser). */
static uint64_t name_bits(unsigned attempt)
{
    struct timespec ts;
    uint64_t z;

    (void)clock_gettime(CLOCK_REALTIME, &ts);
    z = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
        ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)&ts ^
        ((uint64_t)attempt * 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Creates r->temp (r->target + TEMP_TAG + random) with `mode` (less the
 * umask): a descriptor, or -1 with errno set. */
static int create_temp(career_replace *r, mode_t mode)
{
    size_t n = strlen(r->target);
    unsigned attempt;
    int fd = -1;

    memcpy(r->temp, r->target, n);
    memcpy(r->temp + n, TEMP_TAG, sizeof TEMP_TAG);
    n += sizeof TEMP_TAG - 1;
    for (attempt = 0; attempt < TEMP_TRIES && fd < 0; attempt++) {
        snprintf(r->temp + n, TEMP_RANDOM + 1, "%0*llx", TEMP_RANDOM,
                 (unsigned long long)(name_bits(attempt) >> 32));
        fd = open(r->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    return fd;
}

/* Opens the temporary file beside r->target; `old` is the file it
 * replaces (NULL: a new one). 0 or an errno. */
static int open_temp(career_replace *r, const struct stat *old)
{
    int fd, e;

    /* 0600 first for an old file: its contents never show to more eyes
     * than the old mode allowed, even for an instant */
    if ((fd = create_temp(r, old ? 0600 : 0666)) < 0)
        return errno;
    if (old) {
        /* only root may give a file away; a failure keeps our own */
        if (fchown(fd, old->st_uid, old->st_gid) != 0) {
            /* fine: the file stays ours */
        }
        if (fchmod(fd, old->st_mode & 07777) != 0) {
            e = errno;
            goto fail;
        }
    }
    if ((r->stream = fdopen(fd, "wb")))
        return 0;
    e = errno;
fail:
    close(fd);
    unlink(r->temp);
    return e;
}

/* ---- begin, commit, abort ----------------------------------------------- */

/* The handle, with room for the names: target as followed (then freed). */
static career_replace *new_handle(const char *path, char *target)
{
    size_t np = strlen(path) + 1, nt = strlen(target) + 1;
    size_t room = np + 2 * nt + sizeof TEMP_TAG + TEMP_RANDOM;
    career_replace *r = malloc(sizeof *r + room);

    if (r) {
        memcpy(r->path, path, np);
        r->target = memcpy(r->path + np, target, nt);
        r->temp = r->target + nt;
        r->stream = NULL;
        r->in_place = 0;
    }
    free(target);
    return r;
}

/* A device, FIFO or the like: opened and written where it is. */
static career_status begin_in_place(career_replace *r, career_error *err)
{
    r->in_place = 1;
    r->temp = r->path;
    if ((r->stream = fopen(r->path, "wb")))
        return CAREER_OK;
    return careerp_fail_errno(err, r->path, "cannot open for writing", errno);
}

/* A regular file, new or old: a temporary file beside it. */
static career_status begin_beside(career_replace *r, int exists,
                                  const struct stat *old, career_error *err)
{
    struct stat sb;
    int e;

    /* the links led to another file than the one the path opens (a link
     * that changed, /proc's names of a deleted file): write in place */
    if (exists && (stat(r->target, &sb) != 0 || sb.st_dev != old->st_dev ||
                   sb.st_ino != old->st_ino))
        return begin_in_place(r, err);
    if (exists && faccessat(AT_FDCWD, r->target, W_OK, AT_EACCESS) != 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  errno);
    if ((e = open_temp(r, exists ? old : NULL)) != 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing", e);
    return CAREER_OK;
}

career_status career_replace_begin(const char *path, career_replace **out,
                                   career_error *err)
{
    struct stat old;
    career_replace *r;
    char *target;
    int exists;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (!path)
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    if (!*path)
        return careerp_fail_errno(err, path, "cannot open for writing", ENOENT);
    exists = stat(path, &old) == 0;
    if (!(target = follow_links(path)))
        return careerp_fail_errno(err, path, "cannot open for writing", errno);
    if (!(r = new_handle(path, target)))
        return careerp_fail_errno(err, path, "cannot open for writing", ENOMEM);
    if (exists && !S_ISREG(old.st_mode))
        st = begin_in_place(r, err);
    else
        st = begin_beside(r, exists, &old, err);
    if (st != CAREER_OK) {
        free(r);
        return st;
    }
    *out = r;
    return CAREER_OK;
}

const char *career_replace_temp_path(const career_replace *r)
{
    return r ? r->temp : NULL;
}

FILE *career_replace_stream(career_replace *r)
{
    return r ? r->stream : NULL;
}

/* Flushes, syncs (sync: a regular file) and closes f: 0 or an errno. A
 * stream already in error lost bytes whatever the flush says now: the
 * flush is still tried, for the reason (a full disk fails again), and
 * without one the error is EIO. */
static int close_stream(FILE *f, int sync)
{
    int lost = ferror(f), e = 0;

    clearerr(f);
    errno = 0;
    if (fflush(f) != 0 || lost)
        e = errno ? errno : EIO;
    if (!e && sync && fsync(fileno(f)) != 0)
        e = errno;
    if (fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    return e;
}

/* The rename is on the disk once the directory is: sync it too. A failure
 * here is not reported: the file has been replaced already. */
static void sync_directory(const char *target)
{
    const char *slash = strrchr(target, '/');
    char dir[4096];
    int fd;

    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if ((size_t)(slash - target) + 2 > sizeof dir)
        return;
    else
        snprintf(dir, sizeof dir, "%.*s",
                 (int)(slash == target ? 1 : slash - target), target);
    if ((fd = open(dir, O_RDONLY | O_CLOEXEC)) >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

career_status career_replace_commit(career_replace *r, career_error *err)
{
    int e;
    career_status st = CAREER_OK;

    careerp_error_reset(err);
    if (!r)
        return careerp_fail(err, CAREER_ERR_ARG, "r: NULL");
    e = close_stream(r->stream, !r->in_place);
    if (!e && !r->in_place && rename(r->temp, r->target) != 0)
        e = errno;
    if (e && !r->in_place)
        unlink(r->temp);
    if (e)
        st = careerp_fail_errno(err, r->path, "cannot write", e);
    else if (!r->in_place)
        sync_directory(r->target);
    free(r);
    return st;
}

void career_replace_abort(career_replace *r)
{
    if (!r)
        return;
    fclose(r->stream);
    if (!r->in_place)
        unlink(r->temp);
    free(r);
}
