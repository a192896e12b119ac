/* test_replace.c - a file is replaced whole or not at all (lib/replace.c):
 * a failed write leaves the old file and no temporary file, a new file
 * honours the umask, an old one keeps its mode, a link stays a link, and
 * what may not be written is refused. Permissions mean nothing to root:
 * those checks run in a child that has given root up. */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
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
    char path[128];

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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
