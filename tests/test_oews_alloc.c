/* test_oews_alloc.c - every allocation the table readers make can fail,
 * and each failure is CAREER_ERR_NOMEM with nothing handed out (the
 * sanitizer build and check-valgrind see that nothing leaks).
 *
 * The shim below fails the n-th allocation, for n = 0, 1, ... until the
 * call succeeds. It sees libcareer's calls through the Makefile's
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, and the calls made
 * inside the libraries the readers use (libxml2, libzip, zlib, stdio) by
 * replacing malloc, calloc and realloc for the whole process, as glibc
 * allows (tests/test_alloc.c does the same for GSL). ASan and TSan own
 * malloc, and valgrind replaces the replacement: there only libcareer's
 * own calls are seen. Whatever fails, nothing may reach stderr: libxml2's
 * messages belong in the error record. */
#include "util.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ALL_CSV "tests/data/oews/all_data_M_2018.csv"
#define ALL_XLSX "tests/data/oews/all_data_M_2018.xlsx"
#define NAT11_XLSX "tests/data/oews/national_M2011_dl.xlsx"
#define NAT11_EXCEL "tests/data/oews/national_M2011_dl_excel.xlsx"
#define EP_CSV "tests/data/oews/ep_2020-30.csv"
#define EP_XLSX "tests/data/oews/ep_2020-30.xlsx"
#define OFLC "examples/ladders/oflc.json"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

/* Allocations still to pass before one fails; -1: none fails. */
static long shim_countdown = -1;
static int wrapped; /* a __wrap_ call, already counted, on its way through */

/* Whether this allocation must fail; a failure sets errno as malloc
 * does, which fopen passes on. */
static int shim_fail_now(void)
{
    if (shim_countdown < 0 || shim_countdown-- != 0)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *__wrap_malloc(size_t size)
{
    void *p;
    if (shim_fail_now())
        return NULL;
    wrapped = 1;
    p = __real_malloc(size);
    wrapped = 0;
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p;
    if (shim_fail_now())
        return NULL;
    wrapped = 1;
    p = __real_calloc(n, size);
    wrapped = 0;
    return p;
}

void *__wrap_realloc(void *p, size_t size)
{
    void *q;
    if (shim_fail_now())
        return NULL;
    wrapped = 1;
    q = __real_realloc(p, size);
    wrapped = 0;
    return q;
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

/* The process-wide replacements (the __real_ functions above land here
 * too, with `wrapped` set: counted already). free stays glibc's. */
void *malloc(size_t size)
{
    if (!wrapped && shim_fail_now())
        return NULL;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (!wrapped && shim_fail_now())
        return NULL;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (!wrapped && shim_fail_now())
        return NULL;
    return __libc_realloc(p, size);
}
#endif

typedef career_status (*attempt_fn)(const void *arg, career_error *err);

/* stderr, sent to a scratch file while a sweep runs: whatever failed,
 * nothing may be printed there. */
static int saved_stderr = -1;
static char stderr_path[] = "/tmp/test_oews_alloc.XXXXXX";

static void quiet_begin(void)
{
    int fd = mkstemp(stderr_path);

    assert_true(fd >= 0);
    fflush(stderr);
    saved_stderr = dup(2);
    assert_true(saved_stderr >= 0);
    assert_true(dup2(fd, 2) == 2);
    close(fd);
}

/* Restores stderr; the bytes written meanwhile (0 expected). */
static long quiet_end(void)
{
    FILE *f;
    long n;
    char line[200];

    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    f = fopen(stderr_path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    if (n > 0 && fgets(line, sizeof line, f))
        print_error("stderr got %ld bytes, the first line: %s", n, line);
    fclose(f);
    unlink(stderr_path);
    strcpy(stderr_path + strlen(stderr_path) - 6, "XXXXXX");
    return n;
}

/* Runs f with the n-th allocation failing, n = 0, 1, ..., until a run
 * needs no more: each failed run is CAREER_ERR_NOMEM (or OK, where stdio
 * or libxml2 work around a failure: an unbuffered stream), and nothing is
 * printed. Returns the allocations of a whole run. */
static long every_failure(const char *label, attempt_fn f, const void *arg)
{
    career_error err;
    career_status st;
    long n, wrong = 0;

    quiet_begin();
    for (n = 0;; n++) {
        shim_countdown = n;
        st = f(arg, &err);
        if (shim_countdown >= 0) { /* no allocation failed: done */
            shim_countdown = -1;
            assert_status(st, CAREER_OK);
            break;
        }
        if (st == CAREER_OK) /* a failure the libraries work around */
            continue;
        if (st != CAREER_ERR_NOMEM || err.status != CAREER_ERR_NOMEM) {
            if (wrong++ < 5)
                fprintf(stdout, "  allocation %ld: %s: %s\n", n,
                        career_strerror(st), err.text);
        }
        assert_true(n < 100000);
    }
    printf("  %s: %ld allocations failed in turn, %ld not NOMEM\n", label,
           n, wrong);
    assert_int_equal(quiet_end(), 0);
    assert_int_equal(wrong, 0);
    return n;
}

static career_status open_oews(const void *path, career_error *err)
{
    career_oews_table *t = NULL;
    career_status st = career_oews_open(path, NULL, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_oews_close(t);
    return st;
}

static career_status open_ep(const void *path, career_error *err)
{
    career_ep_table *t = NULL;
    career_status st = career_ep_open(path, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_ep_close(t);
    return st;
}

static career_status open_ladder(const void *path, career_error *err)
{
    career_ladder_template *t = NULL;
    career_status st = career_ladder_template_load_file(path, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_ladder_template_free(t);
    return st;
}

typedef struct profile_args {
    const career_oews_table *t;
    const career_ep_table *ep;
    const char *occ;
} profile_args;

static career_status make_profile(const void *arg, career_error *err)
{
    const profile_args *a = arg;
    career_profile *p = NULL;
    career_status st =
        career_oews_profile(a->t, a->occ, NULL, NULL, a->ep, &p, err);

    if (st != CAREER_OK)
        assert_null(p);
    career_profile_free(p);
    return st;
}

/* The bytes of a file, for the readers of memory. */
typedef struct bytes {
    unsigned char data[1 << 16];
    size_t n;
} bytes;

static void load(bytes *b, const char *path)
{
    FILE *f = fopen(path, "rb");

    assert_non_null(f);
    b->n = fread(b->data, 1, sizeof b->data, f);
    assert_true(b->n > 0 && b->n < sizeof b->data);
    fclose(f);
}

static career_status open_oews_memory(const void *arg, career_error *err)
{
    const bytes *b = arg;
    career_oews_table *t = NULL;
    career_status st =
        career_oews_open_memory(b->data, b->n, "mem", NULL, &t, err);

    if (st != CAREER_OK)
        assert_null(t);
    career_oews_close(t);
    return st;
}

/* The table read from a pipe, as a child writes it there: the child is
 * forked with no allocation due to fail, so that only the reader's do. */
static career_status open_oews_pipe(const void *arg, career_error *err)
{
    const bytes *b = arg;
    long countdown = shim_countdown;
    career_oews_table *t = NULL;
    career_status st;
    char name[32];
    int fds[2], status;
    pid_t pid;

    shim_countdown = -1;
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(write(fds[1], b->data, b->n) == (ssize_t)b->n ? 0 : 1);
    }
    close(fds[1]);
    snprintf(name, sizeof name, "/dev/fd/%d", fds[0]);
    shim_countdown = countdown;
    st = career_oews_open(name, NULL, &t, err);
    countdown = shim_countdown;
    shim_countdown = -1;
    close(fds[0]);
    waitpid(pid, &status, 0);
    shim_countdown = countdown;
    if (st != CAREER_OK)
        assert_null(t);
    career_oews_close(t);
    return st;
}

static void tables(void **state)
{
    (void)state;
    /* each reader allocates several times: every one is tried */
    assert_true(every_failure(ALL_CSV, open_oews, ALL_CSV) > 3);
    assert_true(every_failure(ALL_XLSX, open_oews, ALL_XLSX) > 3);
    assert_true(every_failure(NAT11_XLSX, open_oews, NAT11_XLSX) > 3);
    assert_true(every_failure(NAT11_EXCEL, open_oews, NAT11_EXCEL) > 3);
    assert_true(every_failure(EP_CSV, open_ep, EP_CSV) > 3);
    assert_true(every_failure(EP_XLSX, open_ep, EP_XLSX) > 3);
    assert_true(every_failure(OFLC, open_ladder, OFLC) > 0);
}

/* The same from memory and from a pipe (a workbook read whole first). */
static void memory_and_pipes(void **state)
{
    static bytes csv, xlsx;

    (void)state;
    load(&csv, ALL_CSV);
    load(&xlsx, ALL_XLSX);
    assert_true(every_failure("CSV in memory", open_oews_memory, &csv) > 3);
    assert_true(every_failure(".xlsx in memory", open_oews_memory, &xlsx) > 3);
    assert_true(every_failure("CSV from a pipe", open_oews_pipe, &csv) > 3);
    assert_true(every_failure(".xlsx from a pipe", open_oews_pipe, &xlsx) > 3);
}

static void profiles(void **state)
{
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    profile_args a;

    (void)state;
    assert_status(career_oews_open(ALL_CSV, NULL, &t, NULL), CAREER_OK);
    assert_status(career_ep_open(EP_CSV, &ep, NULL), CAREER_OK);
    a.t = t;
    a.ep = ep;
    /* a profile allocates its work space and itself (its market is a
     * distribution on that space, not a model): both are tried */
    a.occ = "15-1133";
    assert_true(every_failure("profile 15-1133", make_profile, &a) >= 2);
    a.occ = "35-3023"; /* merged points, a subset fitted */
    assert_true(every_failure("profile 35-3023", make_profile, &a) >= 2);
    career_ep_close(ep);
    career_oews_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables),
        cmocka_unit_test(memory_and_pipes),
        cmocka_unit_test(profiles),
    };
    int failed;

    xmlInitParser();
    failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
