/* test_replace.c - a file is replaced whole or not at all (lib/replace.c):
 * a failed write leaves the old file and no temporary file, a new file
 * honours the umask, an old one keeps its mode and group, a link stays a
 * link (but not another user's in a sticky folder), what may not be written
 * is refused, the process's own descriptors and other non-regular files
 * are written where they are, long names fit, and a chdir changes nothing.
 * Permissions mean nothing to root: those checks run in a child that has
 * given root up. */
#define _GNU_SOURCE /* setgroups */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 65534

/* A fresh directory for one test, and a path in it. */
static void make_dir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/career-replace-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void join(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* Writes text to path the ordinary way (the old file of a test). */
static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Whether the file holds exactly `text`. */
static int file_is(const char *path, const char *text)
{
    char buf[4096];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f)
        return 0;
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return n == strlen(text) && memcmp(buf, text, n) == 0;
}

/* The entries of a directory, "." and ".." aside. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Replaces path with text through the stream: the status of the commit
 * (or of the begin). */
static career_status replace_with(const char *path, const char *text,
                                  career_error *err)
{
    career_replace *r = NULL;
    career_status st = career_replace_begin(path, &r, err);

    if (st != CAREER_OK) {
        assert_null(r);
        return st;
    }
    fputs(text, career_replace_stream(r));
    return career_replace_commit(r, err);
}

static void remove_dir(const char *dir, const char *const *names)
{
    char path[512];

    for (; *names; names++) {
        join(path, sizeof path, dir, *names);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0); /* fails if a temporary file was left */
}

/* ---- the whole file or nothing ------------------------------------------ */

static void replaces_whole(void **state)
{
    static const char *const names[] = {"p.txt", NULL};
    char dir[64], path[128];
    career_error err;
    career_replace *r = NULL;
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p.txt");
    put_file(path, "old contents, 2.385\n");
    assert_status(career_replace_begin(path, &r, &err), CAREER_OK);
    /* the temporary file is beside the target, the target untouched */
    assert_int_equal(
        strncmp(career_replace_temp_path(r), path, strlen(path)), 0);
    assert_non_null(strstr(career_replace_temp_path(r), ".tmp-"));
    assert_int_equal(entries(dir), 2);
    fputs("new", career_replace_stream(r));
    assert_true(file_is(path, "old contents, 2.385\n"));
    assert_status(career_replace_commit(r, &err), CAREER_OK);
    assert_int_equal(err.status, CAREER_OK);
    assert_true(file_is(path, "new"));
    assert_int_equal(entries(dir), 1);
    remove_dir(dir, names);
}

/* A writer that takes a name (PLplot) writes the temporary file itself. */
static void writer_by_name(void **state)
{
    static const char *const names[] = {"plot.svg", NULL};
    char dir[64], path[128];
    career_error err;
    career_replace *r = NULL;
    FILE *f;
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "plot.svg");
    assert_status(career_replace_begin(path, &r, &err), CAREER_OK);
    assert_int_equal(access(path, F_OK), -1); /* not there until the commit */
    assert_non_null(f = fopen(career_replace_temp_path(r), "w"));
    fputs("<svg/>", f);
    assert_int_equal(fclose(f), 0);
    assert_status(career_replace_commit(r, &err), CAREER_OK);
    assert_true(file_is(path, "<svg/>"));
    remove_dir(dir, names);
}

static void abort_leaves_old_file(void **state)
{
    static const char *const names[] = {"p.txt", NULL};
    char dir[64], path[128];
    career_error err;
    career_replace *r = NULL;
    (void)state;

    career_replace_abort(NULL); /* a no-op */
    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p.txt");
    put_file(path, "old");
    assert_status(career_replace_begin(path, &r, &err), CAREER_OK);
    fputs("half of a new file", career_replace_stream(r));
    career_replace_abort(r);
    assert_true(file_is(path, "old"));
    assert_int_equal(entries(dir), 1);
    /* and a new file is never made */
    join(path, sizeof path, dir, "new.txt");
    assert_status(career_replace_begin(path, &r, &err), CAREER_OK);
    career_replace_abort(r);
    assert_int_equal(entries(dir), 1);
    remove_dir(dir, names);
}

/* Replaces path with `len` bytes of 'x' under a file size limit of 100
 * bytes (the portable way to fill a disk): the status. */
static career_status replace_past_limit(const char *path, size_t len,
                                        career_error *err)
{
    char big[8192];
    struct rlimit old_limit, small;
    void (*old_handler)(int);
    career_status st;

    assert_true(len < sizeof big);
    memset(big, 'x', len);
    big[len] = '\0';
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    small = old_limit;
    small.rlim_cur = 100; /* the soft limit only, so it can be raised back */
    old_handler = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    st = replace_with(path, big, err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
    signal(SIGXFSZ, old_handler);
    return st;
}

/* A write that fails half-way leaves the old file and no temporary file:
 * whether it fails at the commit's flush (200 bytes stay in the stream's
 * buffer: the reason is known) or in a write before (8000 bytes: stdio
 * keeps no reason, only that bytes were lost). */
static void failed_write_keeps_old_file(void **state)
{
    static const char *const names[] = {"p.txt", NULL};
    char dir[64], path[128];
    career_error err;
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p.txt");
    put_file(path, "old contents");
    assert_status(replace_past_limit(path, 200, &err), CAREER_ERR_IO);
    assert_int_equal(err.status, CAREER_ERR_IO);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, ": cannot write: File too large"));
    assert_true(file_is(path, "old contents"));
    assert_int_equal(entries(dir), 1);
    assert_status(replace_past_limit(path, 8000, &err), CAREER_ERR_IO);
    assert_non_null(strstr(err.text, ": cannot write: "));
    assert_true(file_is(path, "old contents"));
    assert_int_equal(entries(dir), 1);
    remove_dir(dir, names);
}

/* ---- modes -------------------------------------------------------------- */

static void new_file_honours_umask(void **state)
{
    static const char *const names[] = {"a", "b", NULL};
    char dir[64], path[128];
    career_error err;
    struct stat sb;
    mode_t old_mask;
    (void)state;

    make_dir(dir, sizeof dir);
    old_mask = umask(027);
    join(path, sizeof path, dir, "a");
    assert_status(replace_with(path, "a", &err), CAREER_OK);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0640);
    umask(002);
    join(path, sizeof path, dir, "b");
    assert_status(replace_with(path, "b", &err), CAREER_OK);
    umask(old_mask);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0664);
    remove_dir(dir, names);
}

static void old_file_keeps_mode(void **state)
{
    static const char *const names[] = {"p", NULL};
    char dir[64], path[128];
    career_error err;
    struct stat sb;
    mode_t old_mask = umask(077); /* would give 0600 to a new file */
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p");
    put_file(path, "old");
    assert_int_equal(chmod(path, 0754), 0);
    assert_status(replace_with(path, "new", &err), CAREER_OK);
    umask(old_mask);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0754);
    assert_true(file_is(path, "new"));
    remove_dir(dir, names);
}

/* ---- links -------------------------------------------------------------- */

/* The link stays a link; the file it names is replaced. */
static void link_stays_link(void **state)
{
    static const char *const names[] = {"link", "hop", NULL};
    char dir[64], path[128], sub[128], link[128], hop[128];
    career_error err;
    struct stat sb;
    (void)state;

    make_dir(dir, sizeof dir);
    join(sub, sizeof sub, dir, "sub");
    assert_int_equal(mkdir(sub, 0700), 0);
    join(path, sizeof path, dir, "sub/target");
    join(link, sizeof link, dir, "link");
    join(hop, sizeof hop, dir, "hop");
    put_file(path, "old");
    assert_int_equal(chmod(path, 0604), 0);
    /* link -> hop -> sub/target, both relative */
    assert_int_equal(symlink("sub/target", hop), 0);
    assert_int_equal(symlink("hop", link), 0);
    assert_status(replace_with(link, "new", &err), CAREER_OK);
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(lstat(hop, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0604);
    assert_true(file_is(path, "new"));
    assert_int_equal(entries(dir), 3);
    assert_int_equal(entries(sub), 1);
    unlink(path);
    /* a dangling link: the file it names is made, the link kept */
    assert_status(replace_with(link, "made", &err), CAREER_OK);
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_true(file_is(path, "made"));
    assert_int_equal(entries(sub), 1);
    unlink(path);
    assert_int_equal(rmdir(sub), 0);
    remove_dir(dir, names);
}

static void link_loop_is_refused(void **state)
{
    static const char *const names[] = {"a", "b", NULL};
    char dir[64], a[128], b[128];
    career_error err;
    career_replace *r = (career_replace *)&err; /* must become NULL */
    (void)state;

    make_dir(dir, sizeof dir);
    join(a, sizeof a, dir, "a");
    join(b, sizeof b, dir, "b");
    assert_int_equal(symlink("b", a), 0);
    assert_int_equal(symlink("a", b), 0);
    assert_status(career_replace_begin(a, &r, &err), CAREER_ERR_IO);
    assert_null(r);
    assert_non_null(strstr(err.text, "Too many levels of symbolic links"));
    assert_int_equal(entries(dir), 2);
    remove_dir(dir, names);
}

/* ---- what is written in place, and what is refused ---------------------- */

static void devices_in_place(void **state)
{
    career_error err;
    career_replace *r = NULL;
    (void)state;

    assert_status(career_replace_begin("/dev/null", &r, &err), CAREER_OK);
    assert_string_equal(career_replace_temp_path(r), "/dev/null");
    fputs("gone", career_replace_stream(r));
    assert_status(career_replace_commit(r, &err), CAREER_OK);
    /* a device that takes no bytes: the write fails at the commit */
    assert_status(replace_with("/dev/full", "x", &err), CAREER_ERR_IO);
    assert_string_equal(err.text, "/dev/full: cannot write: No space left on "
                                  "device");
    assert_status(replace_with("tests/data", "x", &err), CAREER_ERR_IO);
    assert_string_equal(err.text, "tests/data: cannot open for writing: Is a "
                                  "directory");
}

static void bad_arguments(void **state)
{
    career_error err;
    career_replace *r = (career_replace *)&err;
    (void)state;

    assert_status(career_replace_begin(NULL, &r, &err), CAREER_ERR_ARG);
    assert_null(r);
    assert_string_equal(err.text, "path: NULL");
    assert_status(career_replace_begin("/tmp/x", NULL, &err), CAREER_ERR_ARG);
    assert_status(career_replace_commit(NULL, &err), CAREER_ERR_ARG);
    assert_null(career_replace_temp_path(NULL));
    assert_null(career_replace_stream(NULL));
    assert_status(career_replace_begin("", &r, NULL), CAREER_ERR_IO);
    assert_status(career_replace_begin("/nonexistent-dir/p.json", &r, &err),
                  CAREER_ERR_IO);
    assert_null(r);
    assert_string_equal(err.source, "/nonexistent-dir/p.json");
    assert_string_equal(err.text, "/nonexistent-dir/p.json: cannot open for "
                                  "writing: No such file or directory");
}

/* ---- the process's own descriptors, and other streams ------------------- */

/* Whether the descriptor's file holds exactly `text`, from its start. */
static int fd_file_is(int fd, const char *text)
{
    char buf[256];
    ssize_t n = pread(fd, buf, sizeof buf, 0);

    return n == (ssize_t)strlen(text) && memcmp(buf, text, (size_t)n) == 0;
}

/* Writes HEADER to a file through descriptor fd as a shell would, replaces
 * `name` (a name of fd) with BODY, then writes FOOTER: the three stay, in
 * order, and nothing is left beside the file (dir keeps `files`). */
static void stream_case(const char *dir, int fd, const char *name,
                        int files)
{
    career_error err;

    assert_int_equal(write(fd, "HEADER\n", 7), 7);
    assert_status(replace_with(name, "BODY\n", &err), CAREER_OK);
    assert_int_equal(write(fd, "FOOTER\n", 7), 7);
    assert_true(fd_file_is(fd, "HEADER\nBODY\nFOOTER\n"));
    assert_int_equal(entries(dir), files);
    assert_int_equal(ftruncate(fd, 0), 0);
    assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
}

/* /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N and a link to one of them
 * name a descriptor the process holds, which a shell may have opened on a
 * regular file ({ echo HEADER; tool -o /dev/stdout; echo FOOTER; } > out):
 * written through the descriptor, at its offset, never renamed over. */
static void own_descriptors_are_streams(void **state)
{
    static const char *const names[] = {"out", "link", NULL};
    char dir[64], path[128], name[128], link[128];
    career_error err;
    career_replace *r = NULL;
    int fd, ro;
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "out");
    assert_true((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644)) > 2);
    snprintf(name, sizeof name, "/dev/fd/%d", fd);
    stream_case(dir, fd, name, 1);
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    stream_case(dir, fd, name, 1);
    snprintf(name, sizeof name, "/proc/%ld/fd/%d", (long)getpid(), fd);
    stream_case(dir, fd, name, 1);
    /* the stream's temporary path is the name as given */
    snprintf(name, sizeof name, "/dev/fd/%d", fd);
    assert_status(career_replace_begin(name, &r, &err), CAREER_OK);
    assert_string_equal(career_replace_temp_path(r), name);
    career_replace_abort(r); /* closes the copy, not the descriptor */
    join(link, sizeof link, dir, "link");
    assert_int_equal(symlink(name, link), 0);
    stream_case(dir, fd, link, 2);
    assert_int_equal(unlink(link), 0);
    close(fd);
    /* >> : a descriptor opened to append stays appending */
    put_file(path, "HEADER\n");
    assert_true((fd = open(path, O_RDWR | O_APPEND)) > 2);
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    assert_status(replace_with(name, "BODY\n", &err), CAREER_OK);
    assert_true(fd_file_is(fd, "HEADER\nBODY\n"));
    /* a descriptor that is closed, or open for reading only */
    assert_true((ro = open(path, O_RDONLY)) > 2);
    snprintf(name, sizeof name, "/dev/fd/%d", ro);
    assert_status(replace_with(name, "x", &err), CAREER_ERR_IO);
    assert_non_null(strstr(err.text, "cannot open for writing: Bad file "
                                     "descriptor"));
    close(ro);
    assert_status(replace_with(name, "x", &err), CAREER_ERR_IO);
    assert_true(fd_file_is(fd, "HEADER\nBODY\n"));
    close(fd);
    remove_dir(dir, names);
}

/* A FIFO is written in place (a reader gets the bytes); a socket cannot be
 * opened, and is neither renamed over nor left with a temporary file. */
static void fifo_and_socket_in_place(void **state)
{
    static const char *const names[] = {"fifo", "sock", NULL};
    char dir[64], path[128], buf[16];
    struct sockaddr_un sa = {0};
    career_error err;
    struct stat sb;
    int rd, s;
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    /* open for reading and writing: neither side's open waits */
    assert_true((rd = open(path, O_RDWR | O_NONBLOCK)) >= 0);
    assert_status(replace_with(path, "2.385", &err), CAREER_OK);
    assert_int_equal(read(rd, buf, sizeof buf), 5);
    assert_memory_equal(buf, "2.385", 5);
    close(rd);
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    join(path, sizeof path, dir, "sock");
    assert_true(strlen(path) < sizeof sa.sun_path);
    sa.sun_family = AF_UNIX;
    strcpy(sa.sun_path, path);
    assert_true((s = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_status(replace_with(path, "x", &err), CAREER_ERR_IO);
    assert_non_null(strstr(err.text, "cannot open for writing"));
    close(s);
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISSOCK(sb.st_mode));
    assert_int_equal(entries(dir), 2);
    remove_dir(dir, names);
}

/* ---- names at the limit, and the working directory ---------------------- */

/* A name of `len` bytes: `unit` repeated, in dir. */
static void long_name(char *out, size_t size, const char *dir,
                      const char *unit, size_t len)
{
    size_t n = strlen(dir) + 1, u = strlen(unit);

    assert_true(n + len < size);
    snprintf(out, size, "%s/", dir);
    for (; len >= u; len -= u, n += u)
        memcpy(out + n, unit, u);
    out[n] = '\0';
}

/* Replaces a file of a name of `len` bytes twice (new, then old): the
 * temporary name stays within NAME_MAX. */
static void long_name_case(const char *dir, const char *unit, size_t len)
{
    char path[512];
    const char *name;
    career_error err;
    career_replace *r = NULL;

    long_name(path, sizeof path, dir, unit, len);
    assert_status(replace_with(path, "new", &err), CAREER_OK);
    assert_status(career_replace_begin(path, &r, &err), CAREER_OK);
    name = strrchr(career_replace_temp_path(r), '/') + 1;
    assert_true(strlen(name) <= 255);
    assert_non_null(strstr(name, ".tmp-"));
    /* cut at a whole character: what is kept is whole units */
    assert_int_equal((size_t)(strstr(name, ".tmp-") - name) % strlen(unit),
                     0);
    fputs("newer", career_replace_stream(r));
    assert_status(career_replace_commit(r, &err), CAREER_OK);
    assert_true(file_is(path, "newer"));
    assert_int_equal(entries(dir), 1);
    assert_int_equal(unlink(path), 0);
}

static void long_names_fit(void **state)
{
    char dir[64], path[512];
    career_error err;
    (void)state;

    make_dir(dir, sizeof dir);
    long_name_case(dir, "a", 250);
    long_name_case(dir, "a", 255);
    long_name_case(dir, "\xc3\xa9", 250); /* é, 2 bytes each */
    long_name_case(dir, "\xe2\x82\xac", 243); /* €, 3 bytes each */
    /* a name past the limit is refused as the kernel would */
    long_name(path, sizeof path, dir, "a", 256);
    assert_status(replace_with(path, "x", &err), CAREER_ERR_IO);
    assert_non_null(strstr(err.text, "cannot open for writing"));
    assert_int_equal(entries(dir), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* The folder is held open: a relative path stays the file it was at the
 * begin, whatever chdir the caller does before the commit. */
static void chdir_between_begin_and_commit(void **state)
{
    static const char *const names[] = {"out.json", NULL};
    char dir[64], other[64], cwd[4096], path[128];
    career_error err;
    career_replace *r = NULL;
    (void)state;

    assert_non_null(getcwd(cwd, sizeof cwd));
    make_dir(dir, sizeof dir);
    make_dir(other, sizeof other);
    join(path, sizeof path, dir, "out.json");
    put_file(path, "old");
    assert_int_equal(chdir(dir), 0);
    assert_status(career_replace_begin("out.json", &r, &err), CAREER_OK);
    assert_int_equal(chdir(other), 0);
    fputs("new", career_replace_stream(r));
    assert_status(career_replace_commit(r, &err), CAREER_OK);
    /* and an abort after a chdir removes its temporary file too */
    assert_int_equal(chdir(dir), 0);
    assert_status(career_replace_begin("out.json", &r, &err), CAREER_OK);
    assert_int_equal(chdir(other), 0);
    career_replace_abort(r);
    assert_int_equal(chdir(cwd), 0);
    assert_true(file_is(path, "new"));
    assert_int_equal(entries(dir), 1);
    assert_int_equal(entries(other), 0);
    assert_int_equal(rmdir(other), 0);
    remove_dir(dir, names);
}

/* Runs check(dir) as a user who is not root (a child that gives root up,
 * when the tests run as root): 0 when every check held. */
static int unprivileged(int (*check)(const char *dir), const char *dir)
{
    int fds[2], result = 97;
    pid_t pid;

    if (geteuid() != 0)
        return check(dir);
    /* the result comes back through a pipe, not the exit status, which a
     * checker like valgrind may replace with its own in the child */
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        result = setgid(NOBODY) == 0 && setuid(NOBODY) == 0 ? check(dir) : 99;
        _exit(write(fds[1], &result, sizeof result) == sizeof result ? 0 : 1);
    }
    close(fds[1]);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    if (read(fds[0], &result, sizeof result) != sizeof result)
        result = 98;
    close(fds[0]);
    return result;
}

/* A write refused for want of permission: the old file kept. (The
 * caller gives the directory a mode that lets another user in, as
 * mkdtemp's 0700 would not.) */
static int check_refused(const char *dir)
{
    char path[128];
    career_error err;
    career_status st;

    join(path, sizeof path, dir, "p");
    if ((st = replace_with(path, "new", &err)) != CAREER_ERR_IO) {
        fprintf(stderr, "check_refused: status %d (%s)\n", (int)st, err.text);
        return 10 + (int)st; /* the status, in the child's exit code */
    }
    if (!strstr(err.text, "cannot open for writing: Permission denied")) {
        fprintf(stderr, "check_refused: %s\n", err.text);
        return 2;
    }
    return file_is(path, "old") ? 0 : 3;
}

/* A directory we may not write: no temporary file can be made. */
/* A file of `file_mode` in a directory of `dir_mode`, which a user who is
 * not root must fail to replace, the old file kept whole. */
static void refused_case(mode_t file_mode, mode_t dir_mode)
{
    static const char *const names[] = {"p", NULL};
    char dir[64], path[128];

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p");
    put_file(path, "old");
    assert_int_equal(chmod(path, file_mode), 0);
    assert_int_equal(chmod(dir, dir_mode), 0);
    assert_int_equal(unprivileged(check_refused, dir), 0);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_true(file_is(path, "old"));
    assert_int_equal(entries(dir), 1);
    remove_dir(dir, names);
}

/* A directory we may not write: no temporary file can be made, though
 * the file could be written in place. */
static void read_only_dir_refused(void **state)
{
    (void)state;
    refused_case(0666, 0555);
}

/* A file we may not write is refused, though renaming over it would be
 * allowed: as an in-place write would be. */
static void read_only_file_refused(void **state)
{
    (void)state;
    refused_case(0444, 0777);
}

/* A folder we may write in but not list (0333): the replacement still
 * works, the folder held as a path alone. */
static int check_unlistable(const char *dir)
{
    char path[128];
    career_error err;

    join(path, sizeof path, dir, "p");
    if (replace_with(path, "new", &err) != CAREER_OK) {
        fprintf(stderr, "check_unlistable: %s\n", err.text);
        return 1;
    }
    return file_is(path, "new") ? 0 : 2;
}

static void unlistable_folder(void **state)
{
    static const char *const names[] = {"p", NULL};
    char dir[64], path[128];
    (void)state;

    make_dir(dir, sizeof dir);
    join(path, sizeof path, dir, "p");
    put_file(path, "old");
    assert_int_equal(chmod(path, 0666), 0);
    assert_int_equal(chmod(dir, 0333), 0);
    assert_int_equal(unprivileged(check_unlistable, dir), 0);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_true(file_is(path, "new"));
    assert_int_equal(entries(dir), 1);
    remove_dir(dir, names);
}

/* ---- owners and links: root only ---------------------------------------- */

#define MEMBER_GROUP 65533 /* a group the child is a member of, not its own */

/* As a user whose own group is NOBODY and who is a member of
 * MEMBER_GROUP, replaces the group-shared file dir/p: 0 when it keeps its
 * group and mode. */
static void group_case(const char *dir)
{
    char path[128];
    career_error err;
    struct stat sb;
    gid_t member = MEMBER_GROUP;
    int fds[2], result = 97;
    pid_t pid;

    join(path, sizeof path, dir, "p");
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        result = setgroups(1, &member) == 0 && setgid(NOBODY) == 0 &&
                         setuid(NOBODY) == 0
                     ? replace_with(path, "new", &err) != CAREER_OK
                     : 99;
        _exit(write(fds[1], &result, sizeof result) == sizeof result ? 0 : 1);
    }
    close(fds[1]);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    assert_int_equal(read(fds[0], &result, sizeof result), sizeof result);
    close(fds[0]);
    assert_int_equal(result, 0);
    assert_true(file_is(path, "new"));
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_uid, NOBODY); /* the owner cannot be given */
    assert_int_equal(sb.st_gid, MEMBER_GROUP);
    assert_int_equal(sb.st_mode & 07777, 0664);
}

/* root:MEMBER_GROUP 664, replaced by a member of MEMBER_GROUP: the file
 * stays in its group, though its owner becomes the member. */
static void group_shared_file_keeps_group(void **state)
{
    static const char *const names[] = {"p", NULL};
    char dir[64], path[128];
    (void)state;

    if (geteuid() != 0)
        skip(); /* a file of another owner takes root to make */
    make_dir(dir, sizeof dir);
    assert_int_equal(chmod(dir, 0777), 0);
    join(path, sizeof path, dir, "p");
    put_file(path, "old");
    assert_int_equal(chown(path, 0, MEMBER_GROUP), 0);
    assert_int_equal(chmod(path, 0664), 0);
    group_case(dir);
    remove_dir(dir, names);
}

/* In a sticky world-writable folder (/tmp), a link that neither the caller
 * nor the folder's owner owns is not followed, as fs.protected_symlinks
 * would refuse: another user could point it at the caller's files. */
static void foreign_link_in_sticky_folder(void **state)
{
    static const char *const names[] = {"t", "link", "mine", NULL};
    char dir[64], target[128], link[128], mine[128];
    career_error err;
    career_replace *r = (career_replace *)&err;
    (void)state;

    if (geteuid() != 0)
        skip(); /* a link of another owner takes root to make */
    make_dir(dir, sizeof dir);
    assert_int_equal(chmod(dir, 01777), 0);
    join(target, sizeof target, dir, "t");
    join(link, sizeof link, dir, "link");
    join(mine, sizeof mine, dir, "mine");
    put_file(target, "old");
    assert_int_equal(symlink("t", link), 0);
    assert_int_equal(lchown(link, NOBODY, NOBODY), 0);
    assert_status(career_replace_begin(link, &r, &err), CAREER_ERR_IO);
    assert_null(r);
    assert_non_null(strstr(err.text, "fs.protected_symlinks"));
    assert_non_null(strstr(err.text, "Permission denied"));
    assert_true(file_is(target, "old"));
    /* the caller's own link is followed */
    assert_int_equal(symlink("t", mine), 0);
    assert_status(replace_with(mine, "new", &err), CAREER_OK);
    assert_true(file_is(target, "new"));
    /* so is a link of the folder's owner */
    assert_int_equal(chown(dir, NOBODY, NOBODY), 0);
    assert_status(replace_with(link, "newer", &err), CAREER_OK);
    assert_true(file_is(target, "newer"));
    /* and any link outside a sticky folder */
    assert_int_equal(chown(dir, 0, 0), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    assert_status(replace_with(link, "newest", &err), CAREER_OK);
    assert_true(file_is(target, "newest"));
    assert_int_equal(entries(dir), 3);
    assert_int_equal(chmod(dir, 0700), 0);
    remove_dir(dir, names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replaces_whole),
        cmocka_unit_test(writer_by_name),
        cmocka_unit_test(abort_leaves_old_file),
        cmocka_unit_test(failed_write_keeps_old_file),
        cmocka_unit_test(new_file_honours_umask),
        cmocka_unit_test(old_file_keeps_mode),
        cmocka_unit_test(link_stays_link),
        cmocka_unit_test(link_loop_is_refused),
        cmocka_unit_test(devices_in_place),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(read_only_dir_refused),
        cmocka_unit_test(read_only_file_refused),
        cmocka_unit_test(own_descriptors_are_streams),
        cmocka_unit_test(fifo_and_socket_in_place),
        cmocka_unit_test(long_names_fit),
        cmocka_unit_test(chdir_between_begin_and_commit),
        cmocka_unit_test(unlistable_folder),
        cmocka_unit_test(group_shared_file_keeps_group),
        cmocka_unit_test(foreign_link_in_sticky_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
