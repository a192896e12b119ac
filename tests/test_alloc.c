/* test_alloc.c - queries allocate nothing, and a call that cannot get
 * memory says CAREER_ERR_NOMEM, leaks nothing and leaves no trace: a model
 * build, a profile load, a guide import, a Monte Carlo run (1 and 2
 * threads) and a profile save, each with its Nth allocation failing, for
 * every N.
 *
 * The shim below counts allocations, keeps a table of live blocks and on
 * demand fails the Nth allocation. It sees libcareer's calls through the
 * Makefile's -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,
 * and the calls made inside shared libraries (GSL's) by replacing malloc,
 * calloc, realloc and free for the whole process, as glibc allows. ASan
 * and TSan own malloc, and valgrind replaces the replacement: there only
 * libcareer's own calls are seen. Either way GSL's error handler is set to
 * abort for the whole program: GSL reports a failed malloc through it, so
 * any call of it fails the run. */
#include "util.h"
#include "profile_check.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
locale_t __real_newlocale(int mask, const char *name, locale_t base);
locale_t __wrap_newlocale(int mask, const char *name, locale_t base);

#define MAX_LIVE 4096

static size_t allocations;
static long fail_countdown = -1; /* the allocation that sees 0 fails */
static void *live[MAX_LIVE];     /* blocks the shim handed out, not freed */
static size_t nlive;
static int wrapped; /* a __wrap_ call, already counted, on its way through */

/* Whether this allocation must fail (counts it either way); a failure
 * sets errno as malloc does, which fopen and fdopen pass on. */
static int must_fail(void)
{
    allocations++;
    if (fail_countdown < 0 || fail_countdown-- != 0)
        return 0;
    errno = ENOMEM;
    return 1;
}

static void *track(void *p)
{
    if (p && nlive < MAX_LIVE)
        live[nlive++] = p;
    return p;
}

/* Forgets p, if the shim handed it out. */
static void untrack(void *p)
{
    size_t i;
    for (i = 0; i < nlive; i++)
        if (live[i] == p) {
            live[i] = live[--nlive];
            return;
        }
}

void *__wrap_malloc(size_t size)
{
    void *p;
    if (must_fail())
        return NULL;
    wrapped = 1;
    p = __real_malloc(size);
    wrapped = 0;
    return track(p);
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p;
    if (must_fail())
        return NULL;
    wrapped = 1;
    p = __real_calloc(n, size);
    wrapped = 0;
    return track(p);
}

void *__wrap_realloc(void *p, size_t size)
{
    void *q;
    if (must_fail())
        return NULL;
    wrapped = 1;
    q = __real_realloc(p, size);
    wrapped = 0;
    if (q && p)
        untrack(p);
    return q ? track(q) : q;
}

/* glibc's C locale object is static, never allocated: another C library
 * may allocate it, and fail. no_locale makes it fail here. */
static int no_locale;

locale_t __wrap_newlocale(int mask, const char *name, locale_t base)
{
    if (no_locale) {
        errno = ENOMEM;
        return (locale_t)0;
    }
    return __real_newlocale(mask, name, base);
}

void __wrap_free(void *p)
{
    if (p)
        untrack(p);
    wrapped = 1;
    __real_free(p);
    wrapped = 0;
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* The process-wide replacements (the __real_ functions above land here
 * too, with `wrapped` set: counted already). */
void *malloc(size_t size)
{
    if (wrapped)
        return __libc_malloc(size);
    return must_fail() ? NULL : track(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    if (wrapped)
        return __libc_calloc(n, size);
    return must_fail() ? NULL : track(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
    void *q;
    if (wrapped)
        return __libc_realloc(p, size);
    if (must_fail())
        return NULL;
    q = __libc_realloc(p, size);
    if (q && p)
        untrack(p);
    return q ? track(q) : q;
}

void free(void *p)
{
    if (p && !wrapped)
        untrack(p);
    __libc_free(p);
}
#endif

static void abort_on_gsl_error(const char *reason, const char *file,
                               int line, int gsl_errno)
{
    fprintf(stderr, "GSL error handler called: %s (%s:%d, %d)\n", reason,
            file, line, gsl_errno);
    abort();
}

/* Every query of a model, metalog and lognormal, scalar and batch, and the
 * deterministic projection (the Monte Carlo allocates its work space, by
 * contract, once per run). */
static void run_queries(const career_model *m)
{
    double xs[64], out[64], v, w;
    size_t i, t;

    for (i = 0; i < 64; i++)
        xs[i] = 0.37 * (double)i;
    assert_status(career_salary_at_n(m, xs, out, 64), CAREER_OK);
    for (i = 0; i < 64; i++) {
        assert_status(career_salary_at(m, xs[i], &v), CAREER_OK);
        assert_status(career_tier_at(m, xs[i], &t), CAREER_OK);
        assert_status(career_tier_progress(m, xs[i], &v), CAREER_OK);
        assert_status(career_salary_growth_rate(m, xs[i], &v), CAREER_OK);
        assert_status(career_quantile_at(m, xs[i], 0.3, &v), CAREER_OK);
        assert_status(career_percentile_at(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_compa_ratio(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_range_penetration(m, xs[i], 1.1e5, &v), CAREER_OK);
        assert_status(career_market_quantile(m, 0.01 + 0.015 * (double)i, &v), CAREER_OK);
        assert_status(career_market_percentile(m, 5e4 + 2e3 * (double)i, &w), CAREER_OK);
    }
    assert_status(career_years_to_salary(m, 1.3e5, &v), CAREER_OK);
    {
        career_projection_row rows[3 * 41];
        career_projection_options po = {.horizon = 40, .inflation = 0.02,
                                        .discount = 0.03, .start_years = 2.0};
        long years[4], year;
        assert_status(career_project(m, &po, rows, 41), CAREER_OK);
        assert_status(career_projection_tier_years(rows, 41, years, 4), CAREER_OK);
        assert_status(career_projection_target_year(rows, 41, 1.5e5, &year), CAREER_OK);
        assert_status(career_project_scenarios(m, &po, NULL, rows, 41), CAREER_OK);
    }
    assert_status(career_next_tier(m, 4.0, &t, &v), CAREER_OK);
}

static void queries_do_not_allocate(void **state)
{
    career_options lognormal = {.dist = CAREER_DIST_LOGNORMAL,
                                .interp = CAREER_INTERP_MINCER};
    career_model *a = test_model(NULL), *b = test_model(&lognormal);
    size_t before;
    (void)state;
    assert_true(allocations > 0); /* the counter does count: models were built */
    before = allocations;
    run_queries(a);
    run_queries(b);
    assert_int_equal(allocations, before);
    career_model_free(a);
    career_model_free(b);
}

/* A profile with five salaried tiers (akima needs five). */
static const career_tier five_tiers[] = {
    {"one", 0, 1, 50000}, {"two", 2, 3, 60000}, {"three", 5, 6, 80000},
    {"four", 8, 10, 95000}, {"five", 12, 15, 99000},
};

/* career_model_new with its Nth allocation failing, for every N until one
 * build needs no more: each failed build is CAREER_ERR_NOMEM with *out
 * NULL and no live block left; the last is OK. Returns the allocation
 * count of a whole build. */
static long build_failing_each(const career_profile *p,
                               const career_options *o)
{
    long n;

    for (n = 0; n < 10000; n++) {
        career_model *m = (career_model *)&n; /* must become NULL */
        career_error err;
        career_status st;
        size_t before = nlive;
        fail_countdown = n;
        st = career_model_new(p, o, &m, &err);
        if (fail_countdown >= 0) { /* no allocation failed: built */
            fail_countdown = -1;
            assert_status(st, CAREER_OK);
            career_model_free(m);
            assert_int_equal(nlive, before);
            return n;
        }
        fail_countdown = -1;
        if (st != CAREER_ERR_NOMEM)
            print_error("allocation %ld failed: %s\n", n, err.text);
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        assert_null(m);
        assert_int_equal(nlive, before); /* leaked nothing */
    }
    fail(); /* a build that never finishes allocating */
    return n;
}

/* Every interpolation (akima on five points) under both distributions. */
static void model_new_out_of_memory(void **state)
{
    static const career_interp interps[] = {
        CAREER_INTERP_STEFFEN, CAREER_INTERP_LINEAR, CAREER_INTERP_CSPLINE,
        CAREER_INTERP_AKIMA, CAREER_INTERP_MINCER};
    static const career_dist dists[] = {CAREER_DIST_METALOG,
                                        CAREER_DIST_LOGNORMAL};
    career_profile five = *career_profile_default();
    size_t i, j;
    (void)state;
    five.tiers = five_tiers;
    five.ntiers = 5;
    for (i = 0; i < sizeof interps / sizeof interps[0]; i++)
        for (j = 0; j < 2; j++) {
            /* the five tiers sit below the built-in market: no workforce
             * reconciles them, so their band is the market's (d = 1); the
             * built-in profile is calibrated */
            career_options o = {.interp = interps[i], .dist = dists[j],
                                .dispersion = 1.0};
            assert_true(build_failing_each(&five, &o) > 0);
            o.dispersion = 0.0;
            if (interps[i] != CAREER_INTERP_AKIMA)
                assert_true(build_failing_each(career_profile_default(), &o) > 0);
        }
}

/* ---- every call that allocates, one failure at a time --------------------- */

/* Whether the shim sees the allocations made inside shared libraries
 * (glibc's, jansson's, GSL's): not under ASan, TSan or valgrind, which own
 * malloc, and where only libcareer's own calls are counted. */
static int sees_all(void)
{
    size_t before = allocations;
    FILE *f = fopen("/dev/null", "r"); /* glibc allocates the FILE */

    if (f)
        fclose(f);
    return allocations > before;
}

/* A call under test. run() makes the call and returns its status; on
 * CAREER_OK accept() checks that the result is exactly the one a call
 * with memory enough gives, and frees it; on failure refused() checks
 * that nothing was written. */
typedef struct trial {
    const char *name;
    career_status (*run)(void *ctx, career_error *err);
    void (*accept)(void *ctx);
    void (*refused)(void *ctx);
    void *ctx;
} trial;

/* Runs t with its Nth allocation failing, for every N until a run needs
 * no more. Each run is CAREER_ERR_NOMEM, or CAREER_OK with the exact
 * result (an allocation the library can do without: a helper thread that
 * cannot start), and leaks nothing. Returns the allocations of a run. */
static long fail_each(const trial *t)
{
    long n;

    for (n = 0; n < 100000; n++) {
        career_error err;
        career_status st;
        size_t before = nlive;
        int failed;

        fail_countdown = n;
        st = t->run(t->ctx, &err);
        failed = fail_countdown < 0;
        fail_countdown = -1;
        if (st == CAREER_OK) {
            t->accept(t->ctx);
            assert_int_equal(nlive, before);
            if (!failed)
                return n;
            continue;
        }
        if (st != CAREER_ERR_NOMEM)
            print_error("%s: allocation %ld failed: %s\n", t->name, n,
                        err.text);
        assert_status(st, CAREER_ERR_NOMEM);
        assert_int_equal(err.status, CAREER_ERR_NOMEM);
        t->refused(t->ctx);
        assert_int_equal(nlive, before); /* leaked nothing */
    }
    fail(); /* a call that never finishes allocating */
    return n;
}

/* Loading a file: a profile in full, or nothing. */
typedef struct load_trial {
    const char *path;
    career_profile *out;
} load_trial;

static career_status run_load(void *ctx, career_error *err)
{
    load_trial *l = ctx;
    l->out = (career_profile *)l; /* must become NULL on failure */
    return career_profile_load_file(l->path, NULL, &l->out, err);
}

static void accept_profile(void *ctx)
{
    load_trial *l = ctx;
    assert_profile_equal(l->out, career_profile_default());
    career_profile_free(l->out);
}

static void refused_profile(void *ctx)
{
    load_trial *l = ctx;
    assert_null(l->out);
}

static void load_file_out_of_memory(void **state)
{
    load_trial l = {"examples/profiles/performance-architect.json", NULL};
    trial t = {"career_profile_load_file", run_load, accept_profile,
               refused_profile, &l};
    (void)state;
    /* a tree of ~60 values, then a copy */
    assert_true(fail_each(&t) > (sees_all() ? 50 : 1));
}

/* Importing a guide: the same profile as the file's. */
typedef struct import_trial {
    char text[65536];
    size_t len;
    career_profile *out;
} import_trial;

static career_status run_import(void *ctx, career_error *err)
{
    import_trial *g = ctx;
    g->out = (career_profile *)g;
    return career_guide_import(g->text, g->len, &g->out, err);
}

static career_profile *imported;

static void accept_import(void *ctx)
{
    import_trial *g = ctx;
    assert_profile_equal(g->out, imported);
    career_profile_free(g->out);
}

static void refused_import(void *ctx)
{
    import_trial *g = ctx;
    assert_null(g->out);
}

static void guide_import_out_of_memory(void **state)
{
    static import_trial g;
    trial t = {"career_guide_import", run_import, accept_import,
               refused_import, &g};
    FILE *f = fopen("examples/guides/performance-architect.txt", "rb");
    career_error err;
    (void)state;
    assert_non_null(f);
    g.len = fread(g.text, 1, sizeof g.text, f);
    fclose(f);
    assert_true(g.len > 0 && g.len < sizeof g.text);
    assert_status(career_guide_import(g.text, g.len, &imported, &err), CAREER_OK);
    assert_true(fail_each(&t) >= 2); /* the lines, the pool, the copy */
    career_profile_free(imported);
}

/* A Monte Carlo run: bands and shares bit for bit, or untouched. */
typedef struct sim_trial {
    const career_model *model;
    career_simulation_options sim;
    career_band bands[11], want[11];
    double shares[11 * 4], want_shares[11 * 4];
} sim_trial;

static career_status run_sim(void *ctx, career_error *err)
{
    sim_trial *s = ctx;
    career_projection_options o = {.horizon = 10, .inflation = 0.02};
    career_status st;
    memset(s->bands, 0xA5, sizeof s->bands);
    memset(s->shares, 0xA5, sizeof s->shares);
    st = career_simulate(s->model, &o, &s->sim, s->bands, 11, s->shares, 44);
    /* career_simulate keeps no error record: say what it returned */
    memset(err, 0, sizeof *err);
    err->status = st;
    return st;
}

static void accept_sim(void *ctx)
{
    sim_trial *s = ctx;
    assert_memory_equal(s->bands, s->want, sizeof s->want);
    assert_memory_equal(s->shares, s->want_shares, sizeof s->want_shares);
}

static void refused_sim(void *ctx)
{
    sim_trial *s = ctx;
    assert_true(test_bytes_are(s->bands, sizeof s->bands, 0xA5));
    assert_true(test_bytes_are(s->shares, sizeof s->shares, 0xA5));
}

static void simulate_out_of_memory(void **state)
{
    static sim_trial s;
    trial t = {"career_simulate", run_sim, accept_sim, refused_sim, &s};
    career_model *m = test_model(NULL);
    career_error err;
    unsigned threads;
    (void)state;
    s.model = m;
    for (threads = 1; threads <= 2; threads++) {
        s.sim = (career_simulation_options){.paths = 3000, .seed = 2385,
                                            .threads = threads};
        assert_status(run_sim(&s, &err), CAREER_OK);
        memcpy(s.want, s.bands, sizeof s.want);
        memcpy(s.want_shares, s.shares, sizeof s.want_shares);
        assert_true(fail_each(&t) >= 2);
    }
    career_model_free(m);
}
/* A profile whose text is long (16 tiers, 64 notes: about 12 KB), so that
 * the writer's buffer grows several times. */
static career_tier rich_tiers[CAREER_MAX_TIERS];
static const char *rich_notes[CAREER_MAX_NOTES];
static char rich_text[CAREER_MAX_NOTES][160];

static career_profile rich_profile(void)
{
    career_profile p = *career_profile_default();
    size_t i;

    for (i = 0; i < CAREER_MAX_TIERS; i++)
        rich_tiers[i] = (career_tier){"Tier \"é\"\n", 2.385 * (double)i,
                                      2.385 * (double)i + 1.0 / 3.0,
                                      40000.0 + 2385.5 * (double)i};
    for (i = 0; i < CAREER_MAX_NOTES; i++) {
        snprintf(rich_text[i], sizeof rich_text[i],
                 "note %zu: a sentence of an import, with \"quotes\", a tab\t "
                 "and 0.1 + 0.2; what was assumed, dropped or merged, and "
                 "why", i);
        rich_notes[i] = rich_text[i];
    }
    p.tiers = rich_tiers;
    p.ntiers = CAREER_MAX_TIERS;
    p.notes = rich_notes;
    p.nnotes = CAREER_MAX_NOTES;
    p.separation_rate = 0.1137;
    p.market_mean = 132270.5;
    return p;
}

/* Writing: the text whole and exact, or nothing and no-memory. */
typedef struct json_trial {
    career_profile p;
    char *want, *out;
} json_trial;

static career_status run_to_json(void *ctx, career_error *err)
{
    json_trial *j = ctx;
    j->out = (char *)j; /* must become NULL on failure */
    return career_profile_to_json(&j->p, &j->out, err);
}

static void accept_json(void *ctx)
{
    json_trial *j = ctx;
    assert_string_equal(j->out, j->want);
    free(j->out);
}

static void refused_json(void *ctx)
{
    json_trial *j = ctx;
    assert_null(j->out);
}

/* jansson 2.14's dump, which the writer used, ignored a failed write of a
 * key: '"salary: 85610' with CAREER_OK. */
static void to_json_out_of_memory(void **state)
{
    static json_trial j;
    trial t = {"career_profile_to_json", run_to_json, accept_json,
               refused_json, &j};
    career_error err;
    (void)state;

    j.p = rich_profile();
    assert_status(career_profile_to_json(&j.p, &j.want, &err), CAREER_OK);
    assert_true(strlen(j.want) > 8192);
    assert_true(fail_each(&t) >= 4); /* 1 KB, doubled to 16 KB */
    free(j.want);
    j.p = *career_profile_default();
    assert_status(career_profile_to_json(&j.p, &j.want, &err), CAREER_OK);
    assert_true(fail_each(&t) >= 1);
    free(j.want);
}

/* Saving: the new file whole (and it loads back to the profile), or the
 * old one as it was and nothing beside it. */
typedef struct save_trial {
    char dir[64], path[96];
    career_profile p;
    char *want;
} save_trial;

static void put_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Whether the file holds `text`, and the directory nothing else. */
static int saved_is(const save_trial *v, const char *text)
{
    static char buf[65536];
    size_t n, entries = 0;
    struct dirent *e;
    DIR *d = opendir(v->dir);
    FILE *f = fopen(v->path, "rb");

    assert_non_null(d);
    while ((e = readdir(d)))
        entries += e->d_name[0] != '.';
    closedir(d);
    assert_non_null(f);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return entries == 1 && n == strlen(text) && memcmp(buf, text, n) == 0;
}

static career_status run_save(void *ctx, career_error *err)
{
    save_trial *v = ctx;
    return career_profile_save_file(&v->p, v->path, err);
}

static void accept_save(void *ctx)
{
    save_trial *v = ctx;
    career_profile *back = NULL;
    long countdown = fail_countdown;

    assert_true(saved_is(v, v->want));
    fail_countdown = -1; /* the check itself must not fail */
    assert_status(career_profile_load_file(v->path, NULL, &back, NULL),
                  CAREER_OK);
    assert_profile_equal(back, &v->p);
    career_profile_free(back);
    fail_countdown = countdown;
    put_text(v->path, "old\n");
}

static void refused_save(void *ctx)
{
    assert_true(saved_is(ctx, "old\n"));
}

static void save_file_out_of_memory(void **state)
{
    static save_trial v;
    trial t = {"career_profile_save_file", run_save, accept_save,
               refused_save, &v};
    career_error err;
    (void)state;
    snprintf(v.dir, sizeof v.dir, "/tmp/career-alloc-XXXXXX");
    assert_non_null(mkdtemp(v.dir));
    snprintf(v.path, sizeof v.path, "%s/p.json", v.dir);
    v.p = rich_profile();
    assert_status(career_profile_to_json(&v.p, &v.want, &err), CAREER_OK);
    put_text(v.path, "old\n");
    /* the text (a buffer doubled to 16 KB), the file */
    assert_true(fail_each(&t) > (sees_all() ? 6 : 4));
    free(v.want);
    assert_int_equal(unlink(v.path), 0);
    assert_int_equal(rmdir(v.dir), 0);
}

/* Without a C locale object numbers cannot be read or written safely:
 * the JSON writer and parser say no-memory and give nothing, a BLS cell
 * is not read as a number, and a message is still written (in the
 * thread's own locale: text for people). */
static void no_c_locale(void **state)
{
    career_profile *p = (career_profile *)&p;
    career_profile bad = *career_profile_default();
    career_tier t[4];
    career_error err;
    char *json = (char *)&json, *text = NULL;
    double v = 2.385;
    (void)state;

    assert_status(career_profile_to_json(career_profile_default(), &text,
                                         &err), CAREER_OK);
    no_locale = 1;
    assert_status(career_profile_to_json(career_profile_default(), &json,
                                         &err), CAREER_ERR_NOMEM);
    assert_null(json);
    assert_string_equal(err.text, "json: out of memory");
    assert_status(career_profile_load_string(text, NULL, &p, &err),
                  CAREER_ERR_NOMEM);
    assert_null(p);
    assert_string_equal(err.text, "<string>: out of memory");
    assert_status(careerp_strtod_c("1.5", NULL, &v), CAREER_ERR_NOMEM);
    assert_true(v == 2.385);
    memcpy(t, bad.tiers, sizeof t);
    t[0].salary = 0.004;
    bad.tiers = t;
    assert_status(career_profile_validate(&bad, &err), CAREER_ERR_ARG);
    assert_string_equal(err.text, "tiers[0].salary: must be at least one "
                                  "cent (0.01) (got 0.004)");
    no_locale = 0;
    assert_status(career_profile_load_string(text, NULL, &p, &err),
                  CAREER_OK);
    assert_profile_equal(p, career_profile_default());
    career_profile_free(p);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queries_do_not_allocate),
        cmocka_unit_test(model_new_out_of_memory),
        cmocka_unit_test(load_file_out_of_memory),
        cmocka_unit_test(guide_import_out_of_memory),
        cmocka_unit_test(simulate_out_of_memory),
        cmocka_unit_test(to_json_out_of_memory),
        cmocka_unit_test(no_c_locale),
        cmocka_unit_test(save_file_out_of_memory),
    };
    gsl_set_error_handler(abort_on_gsl_error);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
