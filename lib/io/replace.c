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
 *   - an existing file keeps its mode, and its owner and group when we may
 *     give them (the group alone when only it may be given: a member of a
 *     file's group keeps a group-shared file shared);
 *   - a symbolic link stays a link: the file it points to is replaced
 *     (links are followed to the end, the temporary file goes beside that
 *     file, on its file system), but a link in a sticky world-writable
 *     folder (/tmp) that neither we nor the folder's owner own is refused,
 *     as the kernel's fs.protected_symlinks refuses to follow it;
 *   - a file we may not write is refused, as an in-place write would be,
 *     although renaming over it needs only the directory's permission;
 *   - the folder is held open from the begin to the commit (openat,
 *     renameat): a chdir in between changes nothing;
 *   - the temporary name stays within the file system's limit on a name
 *     (the target's name is cut short, at a character, to make room).
 * The process's own open files named as files (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N) are written through a copy of the descriptor: at its
 * offset, appending if it was opened to append, never renamed over.
 * Anything else that is not a regular file (a device, a FIFO) is written
 * in place: it cannot be renamed over, and need not be. */
#define _GNU_SOURCE /* O_PATH: a folder we may write in but not list */
#include "io/io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_TAG ".tmp-"
#define TEMP_RANDOM 8   /* hex digits after TEMP_TAG */
#define TEMP_LEN (sizeof TEMP_TAG - 1 + TEMP_RANDOM)
#define TEMP_TRIES 100  /* names tried before giving up (EEXIST) */
#define MAX_LINKS 40    /* as the kernel's limit, then ELOOP */
#define NAME_LIMIT 255  /* a name's bytes where the file system won't say */

struct career_replace {
    FILE *stream;
    int in_place;    /* written in place: no temporary file, no rename */
    int dir;         /* the target's folder, held open; -1 in place */
    char *target;    /* the file the rename replaces (links followed) */
    char *name;      /* its name in its folder (within target) */
    char *temp;      /* the temporary file beside it; the path in place */
    char *temp_name; /* its name in the folder (within temp) */
    char path[];     /* as given, for messages */
};

static const char protected_text[] =
    "cannot follow a link that another user owns in a sticky folder (as "
    "fs.protected_symlinks would not)";

/* ---- the process's own descriptors -------------------------------------- */

/* The decimal number s is all of, as an int, or -1. */
static int number_of(const char *s)
{
    int v = 0, d;

    if (!*s)
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        d = *s - '0';
        if (v > (INT_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    return *s ? -1 : v;
}

/* The descriptor of this process that `p` names (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N, /proc/PID/fd/N with our PID), or -1. Opening such a
 * name opens the file again, at offset 0 and truncated: the descriptor
 * itself is what the caller's shell gave. */
static int own_descriptor(const char *p)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout",
                                      "/dev/stderr"};
    static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/",
                                       "/proc/thread-self/fd/"};
    const char *fd;
    char *end;
    long pid;
    int i;

    for (i = 0; i < 3; i++)
        if (strcmp(p, std[i]) == 0)
            return i;
    for (i = 0; i < 3; i++)
        if (strncmp(p, dirs[i], strlen(dirs[i])) == 0)
            return number_of(p + strlen(dirs[i]));
    if (strncmp(p, "/proc/", 6) != 0 || p[6] < '0' || p[6] > '9' ||
        !(fd = strstr(p + 6, "/fd/")))
        return -1;
    pid = strtol(p + 6, &end, 10);
    return end == fd && pid == (long)getpid() ? number_of(fd + 4) : -1;
}

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

/* The folder of `path` ("." for a bare name, "/" for "/x"): a new string,
 * or NULL. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Whether the kernel's fs.protected_symlinks would refuse to follow link
 * `at` (its lstat in *link): a link in a sticky world-writable folder is
 * followed only by its owner or when the folder's owner owns it. Checked
 * whatever the sysctl says, since the writer follows links itself. */
static int protected_link(const char *at, const struct stat *link)
{
    char *folder = folder_of(at);
    struct stat sb;
    int sticky;

    if (!folder)
        return 0; /* the next step fails for want of memory anyway */
    sticky = stat(folder, &sb) == 0 && (sb.st_mode & S_ISVTX) &&
             (sb.st_mode & S_IWOTH);
    free(folder);
    return sticky && link->st_uid != geteuid() && link->st_uid != sb.st_uid;
}

/* The file `path` names once every link on the way is followed, whether it
 * exists or not (a dangling link names the file to create): a new string,
 * or NULL with errno set and *what the reason. *fd is the process's own
 * descriptor when a name on the way is one (the string is that name). */
static char *follow_links(const char *path, int *fd, const char **what)
{
    struct stat sb;
    char *at = strdup(path), *next;
    int hops;

    *fd = -1;
    for (hops = 0; at; hops++) {
        if ((*fd = own_descriptor(at)) >= 0 || lstat(at, &sb) != 0 ||
            !S_ISLNK(sb.st_mode))
            return at;
        if (hops >= MAX_LINKS) {
            errno = ELOOP;
            break;
        }
        if (protected_link(at, &sb)) {
            *what = protected_text;
            errno = EACCES;
            break;
        }
        /* /proc's links give st_size 0: allow a path's worth */
        next = link_target(at, sb.st_size > 0 ? (size_t)sb.st_size : 4096);
        free(at);
        at = next;
    }
    free(at);
    return NULL;
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

/* How many bytes of the target's name the temporary name keeps, so that
 * with TEMP_TAG and the random digits it fits the folder's limit on a name
 * (a name cut short ends at a whole UTF-8 character); ENAMETOOLONG when
 * the target's own name does not fit. */
static int kept_bytes(const career_replace *r, size_t *keep)
{
    long max = fpathconf(r->dir, _PC_NAME_MAX);
    size_t n = strlen(r->name), limit = max > 0 ? (size_t)max : NAME_LIMIT;

    if (n > limit)
        return ENAMETOOLONG;
    if (n + TEMP_LEN > limit) {
        n = limit > TEMP_LEN ? limit - TEMP_LEN : 0;
        while (n > 0 && ((unsigned char)r->name[n] & 0xC0) == 0x80)
            n--;
    }
    *keep = n;
    return 0;
}

/* Creates r->temp (the target, its name cut to fit, + TEMP_TAG + random)
 * in r->dir with `mode` (less the umask): a descriptor, or -1 with errno
 * set. */
static int create_temp(career_replace *r, mode_t mode)
{
    size_t at = (size_t)(r->name - r->target), keep, n;
    unsigned attempt;
    int fd = -1, e;

    if ((e = kept_bytes(r, &keep)) != 0) {
        errno = e;
        return -1;
    }
    memcpy(r->temp, r->target, at + keep);
    memcpy(r->temp + at + keep, TEMP_TAG, sizeof TEMP_TAG);
    r->temp_name = r->temp + at;
    n = at + keep + sizeof TEMP_TAG - 1;
    for (attempt = 0; attempt < TEMP_TRIES && fd < 0; attempt++) {
        snprintf(r->temp + n, TEMP_RANDOM + 1, "%0*llx", TEMP_RANDOM,
                 (unsigned long long)(name_bits(attempt) >> 32));
        fd = openat(r->dir, r->temp_name,
                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    return fd;
}

/* Gives the temporary file the old file's owner and group. Only root may
 * give a file away, but a member of the old file's group may give that
 * group: asked for both at once, the kernel refuses both, so the group is
 * asked for again alone. A failure keeps our own: the file is still ours
 * to write. */
static void keep_owner(int fd, const struct stat *old)
{
    if (fchown(fd, old->st_uid, old->st_gid) != 0 &&
        fchown(fd, (uid_t)-1, old->st_gid) != 0) {
        /* fine: the file stays ours, in our group */
    }
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
        keep_owner(fd, old);
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
    unlinkat(r->dir, r->temp_name, 0);
    return e;
}

/* ---- begin, commit, abort ----------------------------------------------- */

/* The handle, with room for the names: target as followed (then freed). */
static career_replace *new_handle(const char *path, char *target)
{
    size_t np = strlen(path) + 1, nt = strlen(target) + 1;
    career_replace *r = malloc(sizeof *r + np + 2 * nt + TEMP_LEN);
    char *slash = strrchr(target, '/');

    if (r) {
        memcpy(r->path, path, np);
        r->target = memcpy(r->path + np, target, nt);
        r->name = r->target + (slash ? (size_t)(slash - target) + 1 : 0);
        r->temp = r->target + nt;
        r->temp_name = r->temp;
        r->stream = NULL;
        r->in_place = 0;
        r->dir = -1;
    }
    free(target);
    return r;
}

static void free_handle(career_replace *r)
{
    if (r->dir >= 0)
        close(r->dir);
    free(r);
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

/* One of the process's own descriptors: written through a copy of it, so
 * that the bytes go where the descriptor is (after what the shell wrote,
 * at the end when it appends). Our stdout's and stderr's buffers go first. */
static career_status begin_descriptor(career_replace *r, int fd,
                                      career_error *err)
{
    int flags = fcntl(fd, F_GETFL), copy;

    r->in_place = 1;
    r->temp = r->path;
    if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  flags < 0 ? errno : EBADF);
    if (fd == STDOUT_FILENO)
        fflush(stdout);
    else if (fd == STDERR_FILENO)
        fflush(stderr);
    if ((copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  errno);
    if ((r->stream = fdopen(copy, "wb")))
        return CAREER_OK;
    flags = errno;
    close(copy);
    return careerp_fail_errno(err, r->path, "cannot open for writing", flags);
}

/* Opens the target's folder, to be held until the commit: for reading (so
 * that it can be synced), or where the folder may not be listed, as a
 * path alone. A descriptor, or -1 with errno set. */
static int open_folder(const career_replace *r)
{
    char *folder = folder_of(r->target);
    int fd;

    if (!folder) {
        errno = ENOMEM;
        return -1;
    }
    fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#ifdef O_PATH
    if (fd < 0 && errno == EACCES)
        fd = open(folder, O_PATH | O_DIRECTORY | O_CLOEXEC);
#endif
    free(folder);
    return fd;
}

/* A regular file, new or old: a temporary file beside it. */
static career_status begin_beside(career_replace *r, int exists,
                                  const struct stat *old, career_error *err)
{
    struct stat sb;
    int e;

    if (!*r->name) /* "folder/": no file to write */
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  EISDIR);
    if ((r->dir = open_folder(r)) < 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  errno);
    /* the links led to another file than the one the path opens (a link
     * that changed, /proc's names of a deleted file): write in place */
    if (exists && (fstatat(r->dir, r->name, &sb, 0) != 0 ||
                   sb.st_dev != old->st_dev || sb.st_ino != old->st_ino)) {
        close(r->dir);
        r->dir = -1;
        return begin_in_place(r, err);
    }
    if (exists && faccessat(r->dir, r->name, W_OK, AT_EACCESS) != 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing",
                                  errno);
    if ((e = open_temp(r, exists ? old : NULL)) != 0)
        return careerp_fail_errno(err, r->path, "cannot open for writing", e);
    return CAREER_OK;
}

career_status career_replace_begin(const char *path, career_replace **out,
                                   career_error *err)
{
    const char *what = "cannot open for writing";
    struct stat old;
    career_replace *r;
    char *target;
    int fd, exists;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (!path)
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    if (!*path)
        return careerp_fail_errno(err, path, what, ENOENT);
    if (!(target = follow_links(path, &fd, &what)))
        return careerp_fail_errno(err, path, what, errno);
    if (!(r = new_handle(path, target)))
        return careerp_fail_errno(err, path, what, ENOMEM);
    exists = fd < 0 && stat(path, &old) == 0;
    if (fd >= 0)
        st = begin_descriptor(r, fd, err);
    else if (exists && !S_ISREG(old.st_mode))
        st = begin_in_place(r, err);
    else
        st = begin_beside(r, exists, &old, err);
    if (st != CAREER_OK) {
        free_handle(r);
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

career_status career_replace_commit(career_replace *r, career_error *err)
{
    int e;
    career_status st = CAREER_OK;

    careerp_error_reset(err);
    if (!r)
        return careerp_fail(err, CAREER_ERR_ARG, "r: NULL");
    e = close_stream(r->stream, !r->in_place);
    if (!e && !r->in_place &&
        renameat(r->dir, r->temp_name, r->dir, r->name) != 0)
        e = errno;
    if (e && !r->in_place)
        unlinkat(r->dir, r->temp_name, 0);
    if (e)
        st = careerp_fail_errno(err, r->path, "cannot write", e);
    else if (!r->in_place)
        /* the rename is on the disk once the folder is; a failure is not
         * reported (the file has been replaced already, and a folder held
         * as a path alone cannot be synced) */
        (void)fsync(r->dir);
    free_handle(r);
    return st;
}

void career_replace_abort(career_replace *r)
{
    if (!r)
        return;
    fclose(r->stream);
    if (!r->in_place)
        unlinkat(r->dir, r->temp_name, 0);
    free_handle(r);
}
