/* workforce.c - a workforce (career_workforce) read from a table, CSV or
 * .xlsx, by the table readers beside it: one worker a row, the columns
 * found by their header, every cell checked where it is read so that an
 * error names the row and the column. It uses the readers alone (its one
 * include): when they move to lib/io/, so does this file. */
#include "bls/bls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A categorical factor with more levels would have more dummies than a
 * regression takes (CAREERP_EQ_MAX_COLS in pay/pay.h). */
#define MAX_LEVELS 256

/* Distinct texts, each kept once in the table's arena: categories, and
 * the levels of each factor. */
typedef struct intern {
    size_t *slot;  /* cap slots: an index into off, or SIZE_MAX */
    size_t cap;
    size_t *off;   /* each text's offset in the arena */
    size_t n, offcap;
    int full;      /* more than MAX_LEVELS texts were offered */
} intern;

/* The columns the table has (SIZE_MAX: none). */
enum { C_ID, C_SEX, C_CATEGORY, C_PAY, C_PERIOD, C_HOURS, C_BONUS,
       C_FULL_PAY, C_FIXED };

struct career_workforce_table {
    char name[160];
    size_t n, cap, nf;
    career_worker *workers;
    long *rowno;
    size_t *id_off;         /* SIZE_MAX: no id                         */
    double *num;            /* n x nf: the cells as numbers            */
    size_t *level;          /* n x nf: the cells as levels             */
    unsigned char *numeric; /* nf: every cell so far a number          */
    career_factor *factors;
    intern cats;
    intern *levels;         /* nf                                      */
    careerp_arena text;
    const char **cat_names;
    const char ***level_names;
    size_t col[C_FIXED];
    size_t *fcol;           /* nf: each factor's column                */
    const char *header[C_FIXED];
    const char **fname;     /* nf: the factors' names (the caller's while
                               reading, then the arena's)               */
};

/* ---- interned texts ---------------------------------------------------- */

static uint64_t hash_of(const char *s, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

static career_status intern_grow(intern *t, const careerp_arena *a)
{
    size_t cap = t->cap ? 2 * t->cap : 64, i, k;
    size_t *slot = malloc(cap * sizeof *slot);

    if (!slot)
        return CAREER_ERR_NOMEM;
    for (i = 0; i < cap; i++)
        slot[i] = SIZE_MAX;
    for (k = 0; k < t->n; k++) {
        const char *s = a->text + t->off[k];
        for (i = hash_of(s, strlen(s)) & (cap - 1); slot[i] != SIZE_MAX;
             i = (i + 1) & (cap - 1))
            ;
        slot[i] = k;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return CAREER_OK;
}

/* The index of text s[0..n) in t, added when new; SIZE_MAX in *index when
 * t is full (more than `limit` texts). */
static career_status intern_find(intern *t, careerp_arena *a, const char *s,
                                 size_t n, size_t limit, size_t *index)
{
    size_t i, at;
    career_status st;

    if (2 * (t->n + 1) > t->cap && (st = intern_grow(t, a)))
        return st;
    for (i = hash_of(s, n) & (t->cap - 1); t->slot[i] != SIZE_MAX;
         i = (i + 1) & (t->cap - 1)) {
        const char *have = a->text + t->off[t->slot[i]];
        if (strlen(have) == n && memcmp(have, s, n) == 0) {
            *index = t->slot[i];
            return CAREER_OK;
        }
    }
    if (t->n >= limit) {
        t->full = 1;
        *index = SIZE_MAX;
        return CAREER_OK;
    }
    if (t->n == t->offcap) {
        size_t cap = t->offcap ? 2 * t->offcap : 16;
        size_t *off = realloc(t->off, cap * sizeof *off);
        if (!off)
            return CAREER_ERR_NOMEM;
        t->off = off;
        t->offcap = cap;
    }
    if ((st = careerp_arena_add(a, s, n, &at)))
        return st;
    t->off[t->n] = at;
    t->slot[i] = t->n;
    *index = t->n++;
    return CAREER_OK;
}

static void intern_free(intern *t)
{
    free(t->slot);
    free(t->off);
}

/* ---- the table ---------------------------------------------------------- */

void career_workforce_close(career_workforce_table *t)
{
    size_t j;

    if (!t)
        return;
    for (j = 0; t->levels && j < t->nf; j++)
        intern_free(&t->levels[j]);
    for (j = 0; t->level_names && j < t->nf; j++)
        free(t->level_names[j]);
    intern_free(&t->cats);
    free(t->levels);
    free(t->level_names);
    free(t->workers);
    free(t->rowno);
    free(t->id_off);
    free(t->num);
    free(t->level);
    free(t->numeric);
    free(t->factors);
    free(t->cat_names);
    free(t->fcol);
    free(t->fname);
    careerp_arena_free(&t->text);
    free(t);
}

void career_workforce_of(const career_workforce_table *t,
                         career_workforce *out)
{
    memset(out, 0, sizeof *out);
    if (!t)
        return;
    out->workers = t->workers;
    out->n = t->n;
    out->categories = t->cat_names;
    out->ncategories = t->cats.n;
    out->factors = t->nf ? t->factors : NULL;
    out->nfactors = t->nf;
}

long career_workforce_row(const career_workforce_table *t, size_t index)
{
    return t && index < t->n ? t->rowno[index] : 0;
}

/* ---- the columns ------------------------------------------------------------ */

static const char *const default_names[C_FIXED] = {
    "id", "sex", "category", "pay", "period", "hours", "bonus", "full_pay"};

static career_status check_columns(const career_workforce_columns *c,
                                   career_error *err)
{
    size_t j;

    if (careerp_check_reserved(err, "columns.", c->reserved,
                               CAREERP_NRESERVED(c)))
        return CAREER_ERR_ARG;
    if ((c->nfactors && !c->factors) || (c->ncategorical && !c->categorical))
        return careerp_fail(err, CAREER_ERR_ARG, "columns.%s: NULL",
                            c->nfactors && !c->factors ? "factors"
                                                       : "categorical");
    for (j = 0; j < c->nfactors; j++)
        if (!c->factors[j] || !*c->factors[j])
            return careerp_fail(err, CAREER_ERR_ARG,
                                "columns.factors[%zu]: no name", j);
    if (c->nfactors > MAX_LEVELS)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "columns.factors: more than %d", MAX_LEVELS);
    if ((unsigned)c->period_default > CAREER_PAY_WEEK)
        return careerp_fail(err, CAREER_ERR_ARG,
                            "columns.period_default: no pay period");
    if (!isfinite(c->hours_default) ||
        !(c->hours_default >= 0.0 && c->hours_default <= 168.0))
        return careerp_fail(err, CAREER_ERR_ARG,
                            "columns.hours_default: 0 (none) or in (0, "
                            "168]");
    return CAREER_OK;
}

/* The column whose header is `name` (SIZE_MAX: none). */
static size_t find_column(const careerp_row *h, const char *name)
{
    size_t i;

    for (i = 0; i < h->n; i++)
        if (careerp_ascii_same(h->cell[i], name))
            return i;
    return SIZE_MAX;
}

static career_status map_columns(career_workforce_table *t,
                                 const career_workforce_columns *c,
                                 const careerp_row *h, career_error *err)
{
    const char *names[C_FIXED] = {c->id, c->sex, c->category, c->pay,
                                  c->period, c->hours, c->bonus, c->full_pay};
    size_t k, j;

    for (k = 0; k < C_FIXED; k++) {
        t->header[k] = names[k] ? names[k] : default_names[k];
        t->col[k] = find_column(h, t->header[k]);
        if (t->col[k] == SIZE_MAX &&
            (k == C_SEX || k == C_PAY ||
             (k == C_HOURS && c->hours_default == 0.0)))
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)h->number, 0,
                                   "no column '%s' in the header (the %s "
                                   "column is required)", t->header[k],
                                   default_names[k]);
        if (names[k] && t->col[k] == SIZE_MAX)
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)h->number, 0,
                                   "no column '%s' in the header",
                                   names[k]);
    }
    for (j = 0; j < t->nf; j++)
        if ((t->fcol[j] = find_column(h, c->factors[j])) == SIZE_MAX)
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)h->number, 0,
                                   "no column '%s' in the header (a factor)",
                                   c->factors[j]);
    return CAREER_OK;
}

/* ---- cells ------------------------------------------------------------------ */

/* The cell of column col in row r ("" past a ragged row's end). */
static const char *cell_of(const careerp_row *r, size_t col, size_t *len)
{
    if (col == SIZE_MAX || col >= r->n) {
        *len = 0;
        return "";
    }
    *len = r->len[col];
    return r->cell[col];
}

/* A plain decimal number, spaces around it allowed, read with '.' whatever
 * the locale: 1, or 0 when the text is no number, or -1 when no C locale
 * could be had (out of memory). */
static int number_of(const char *s, double *v)
{
    char *end;

    while (*s == ' ')
        s++;
    if (!*s || !(*s == '-' || *s == '+' || *s == '.' ||
                 (*s >= '0' && *s <= '9')))
        return 0;
    errno = 0;
    if (careerp_strtod_c(s, &end, v) != CAREER_OK)
        return -1;
    while (*end == ' ')
        end++;
    return *end == '\0' && isfinite(*v) && errno != ERANGE;
}

/* A cell that is not a number, or the memory a C locale needed. */
static career_status not_a_number(const career_workforce_table *t,
                                  const careerp_row *r, size_t col,
                                  const char *header, const char *cell,
                                  int got, career_error *err);

static career_status bad_cell(const career_workforce_table *t,
                              const careerp_row *r, size_t col,
                              const char *header, const char *why,
                              const char *cell, career_error *err)
{
    return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, (int)r->number,
                           (int)col + 1, "%s: %s (got \"%.40s\")", header,
                           why, cell);
}

static career_status not_a_number(const career_workforce_table *t,
                                  const careerp_row *r, size_t col,
                                  const char *header, const char *cell,
                                  int got, career_error *err)
{
    if (got < 0)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    return bad_cell(t, r, col, header, "not a number", cell, err);
}

static career_status read_sex(const career_workforce_table *t,
                              const careerp_row *r, career_sex *sex,
                              career_error *err)
{
    static const char *const female[] = {"f", "female", "w", "woman"};
    static const char *const male[] = {"m", "male", "man"};
    static const char *const none[] = {"", "x", "u", "n", "na",
                                       "not given", "unknown"};
    size_t len, i;
    const char *s = cell_of(r, t->col[C_SEX], &len);

    for (i = 0; i < sizeof female / sizeof female[0]; i++)
        if (careerp_ascii_same(s, female[i]))
            return *sex = CAREER_SEX_FEMALE, CAREER_OK;
    for (i = 0; i < sizeof male / sizeof male[0]; i++)
        if (careerp_ascii_same(s, male[i]))
            return *sex = CAREER_SEX_MALE, CAREER_OK;
    for (i = 0; i < sizeof none / sizeof none[0]; i++)
        if (careerp_ascii_same(s, none[i]))
            return *sex = CAREER_SEX_NOT_GIVEN, CAREER_OK;
    return bad_cell(t, r, t->col[C_SEX], t->header[C_SEX],
                    "F or M, or empty, X, U, N, NA, not given or unknown "
                    "for a sex not given", s, err);
}

/* A money cell: >= 0 and < 1e12 (empty: `dflt`, or an error when NaN). */
static career_status read_amount(const career_workforce_table *t,
                                 const careerp_row *r, int k, double dflt,
                                 double *v, career_error *err)
{
    size_t len;
    const char *s = cell_of(r, t->col[k], &len);
    int got;

    if (len == 0 && !isnan(dflt))
        return *v = dflt, CAREER_OK;
    if ((got = number_of(s, v)) != 1)
        return not_a_number(t, r, t->col[k], t->header[k], s, got, err);
    if (!(*v >= 0.0 && *v < 1e12))
        return bad_cell(t, r, t->col[k], t->header[k],
                        "must be >= 0 and < 1e12", s, err);
    return CAREER_OK;
}

static career_status read_hours(const career_workforce_table *t,
                                const careerp_row *r, double dflt, double *v,
                                career_error *err)
{
    size_t len;
    const char *s = cell_of(r, t->col[C_HOURS], &len);
    int got;

    if (t->col[C_HOURS] == SIZE_MAX)
        return *v = dflt, CAREER_OK;
    if ((got = number_of(s, v)) != 1)
        return not_a_number(t, r, t->col[C_HOURS], t->header[C_HOURS], s,
                            got, err);
    if (!(*v > 0.0 && *v <= 168.0))
        return bad_cell(t, r, t->col[C_HOURS], t->header[C_HOURS],
                        "weekly hours must be > 0 and <= 168", s, err);
    return CAREER_OK;
}

static career_status read_flags(const career_workforce_table *t,
                                const careerp_row *r, career_pay_period dflt,
                                career_worker *w, career_error *err)
{
    static const char *const yes[] = {"1", "yes", "true", ""};
    static const char *const no[] = {"0", "no", "false"};
    size_t len, i;
    const char *s = cell_of(r, t->col[C_PERIOD], &len);

    w->period = dflt;
    if (len && career_pay_period_parse(s, &w->period) != CAREER_OK)
        return bad_cell(t, r, t->col[C_PERIOD], t->header[C_PERIOD],
                        "year, month, week or hour", s, err);
    s = cell_of(r, t->col[C_FULL_PAY], &len);
    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (careerp_ascii_same(s, yes[i]))
            return CAREER_OK;
    for (i = 0; i < sizeof no / sizeof no[0]; i++)
        if (careerp_ascii_same(s, no[i])) {
            w->flags |= CAREER_WORKER_REDUCED_PAY;
            return CAREER_OK;
        }
    return bad_cell(t, r, t->col[C_FULL_PAY], t->header[C_FULL_PAY],
                    "1 or 0 (yes or no)", s, err);
}

static career_status read_category(career_workforce_table *t,
                                   const careerp_row *r, size_t *cat,
                                   career_error *err)
{
    size_t len;
    const char *s = cell_of(r, t->col[C_CATEGORY], &len);

    if (t->col[C_CATEGORY] == SIZE_MAX)
        s = "all", len = 3;
    else if (len == 0)
        return bad_cell(t, r, t->col[C_CATEGORY], t->header[C_CATEGORY],
                        "a category is needed", s, err);
    if (intern_find(&t->cats, &t->text, s, len, SIZE_MAX, cat))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    return CAREER_OK;
}

/* Factor j's cell: a number while every cell is one, and a level. */
static career_status read_factor(career_workforce_table *t,
                                 const careerp_row *r, size_t j, size_t i,
                                 career_error *err)
{
    size_t len, lvl;
    const char *s = cell_of(r, t->fcol[j], &len);
    double v;
    int got;

    if (len == 0)
        return bad_cell(t, r, t->fcol[j], t->fname[j],
                        "a value is needed", s, err);
    got = t->numeric[j] ? number_of(s, &v) : 0;
    if (got < 0)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    if (got)
        t->num[i * t->nf + j] = v;
    else
        t->numeric[j] = 0;
    if (intern_find(&t->levels[j], &t->text, s, len, MAX_LEVELS, &lvl))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    if (lvl == SIZE_MAX && !t->numeric[j])
        return bad_cell(t, r, t->fcol[j], t->fname[j],
                        "more than 256 levels: not a categorical factor",
                        s, err);
    t->level[i * t->nf + j] = lvl;
    return CAREER_OK;
}

/* ---- rows -------------------------------------------------------------- */

/* *p resized to count elements of size bytes (left as it was on failure). */
static career_status resize(void *p, size_t count, size_t size)
{
    void **pp = p, *np;

    if (count > SIZE_MAX / size || !(np = realloc(*pp, count * size)))
        return CAREER_ERR_NOMEM;
    *pp = np;
    return CAREER_OK;
}

static career_status grow(career_workforce_table *t)
{
    size_t cap = t->cap ? 2 * t->cap : 256, nf = t->nf ? t->nf : 1;

    if (cap > SIZE_MAX / nf ||
        resize(&t->workers, cap, sizeof *t->workers) ||
        resize(&t->rowno, cap, sizeof *t->rowno) ||
        resize(&t->id_off, cap, sizeof *t->id_off) ||
        resize(&t->num, cap * nf, sizeof *t->num) ||
        resize(&t->level, cap * nf, sizeof *t->level))
        return CAREER_ERR_NOMEM;
    t->cap = cap;
    return CAREER_OK;
}

static career_status read_row(career_workforce_table *t,
                              const career_workforce_columns *c,
                              const careerp_row *r, career_error *err)
{
    career_worker *w;
    size_t i = t->n, j, len;
    const char *id;
    career_status st;

    if (t->n == t->cap && grow(t) != CAREER_OK)
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    w = &t->workers[i];
    memset(w, 0, sizeof *w);
    t->rowno[i] = r->number;
    t->id_off[i] = SIZE_MAX;
    if ((st = read_sex(t, r, &w->sex, err)) ||
        (st = read_category(t, r, &w->category, err)) ||
        (st = read_amount(t, r, C_PAY, NAN, &w->pay, err)) ||
        (st = read_flags(t, r, c->period_default, w, err)) ||
        (st = read_hours(t, r, c->hours_default, &w->hours, err)) ||
        (st = read_amount(t, r, C_BONUS, 0.0, &w->bonus, err)))
        return st;
    for (j = 0; j < t->nf; j++)
        if ((st = read_factor(t, r, j, i, err)))
            return st;
    id = cell_of(r, t->col[C_ID], &len);
    if (len && careerp_arena_add(&t->text, id, len, &t->id_off[i]))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    t->n++;
    return CAREER_OK;
}

/* The header, then every row to the end. */
static career_status read_rows(career_workforce_table *t,
                               const career_workforce_columns *c,
                               careerp_rows *rows, career_error *err)
{
    careerp_row r;
    size_t ncols;
    career_status st = rows->next(rows, &r, err);

    if (st == CAREER_ERR_NOT_FOUND)
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0, 0,
                               "no header row: the table is empty");
    if (st != CAREER_OK || (st = map_columns(t, c, &r, err)))
        return st;
    ncols = r.n;
    while ((st = rows->next(rows, &r, err)) == CAREER_OK) {
        if (r.n > ncols || (r.n < ncols && !rows->ragged))
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name,
                                   (int)r.number, 0,
                                   "%zu cells where the header has %zu",
                                   r.n, ncols);
        if ((st = read_row(t, c, &r, err)))
            return st;
    }
    if (st != CAREER_ERR_NOT_FOUND)
        return st;
    if (t->n == 0)
        return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0, 0,
                               "a header, but no worker under it");
    return CAREER_OK;
}

/* The factors' kinds and names, and the levels as numbers. */
static career_status settle_factors(career_workforce_table *t,
                                    career_error *err)
{
    size_t i, j, k;

    for (j = 0; j < t->nf; j++) {
        career_factor *f = &t->factors[j];
        memset(f, 0, sizeof *f);
        if (t->numeric[j]) {
            f->kind = CAREER_FACTOR_NUMERIC;
            continue;
        }
        if (t->levels[j].n < 2)
            return careerp_fail_at(err, CAREER_ERR_PARSE, t->name, 0,
                                   (int)t->fcol[j] + 1,
                                   "%s: one level in every row: a constant, "
                                   "no factor", t->fname[j]);
        f->kind = CAREER_FACTOR_CATEGORICAL;
        f->levels = t->levels[j].n;
        if (!(t->level_names[j] = malloc(f->levels * sizeof(char *))))
            return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
        for (k = 0; k < f->levels; k++)
            t->level_names[j][k] = t->text.text + t->levels[j].off[k];
        f->level_names = t->level_names[j];
        for (i = 0; i < t->n; i++)
            t->num[i * t->nf + j] = (double)t->level[i * t->nf + j];
    }
    return CAREER_OK;
}

/* The factors' names into the arena, and their offsets into off[]. */
static career_status keep_names(career_workforce_table *t, size_t *off)
{
    size_t j;

    for (j = 0; j < t->nf; j++)
        if (careerp_arena_add(&t->text, t->fname[j], strlen(t->fname[j]),
                              &off[j]))
            return CAREER_ERR_NOMEM;
    return CAREER_OK;
}

/* Pointers into the arena, now that it has stopped growing. */
static career_status settle(career_workforce_table *t, career_error *err)
{
    size_t i, j, *off = malloc((t->nf ? t->nf : 1) * sizeof *off);
    career_status st;

    if (!off || keep_names(t, off) ||
        !(t->cat_names = malloc(t->cats.n * sizeof *t->cat_names))) {
        free(off);
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    }
    for (j = 0; j < t->nf; j++)
        t->fname[j] = t->text.text + off[j];
    free(off);
    if ((st = settle_factors(t, err)))
        return st;
    for (j = 0; j < t->nf; j++)
        t->factors[j].name = t->fname[j];
    for (i = 0; i < t->cats.n; i++)
        t->cat_names[i] = t->text.text + t->cats.off[i];
    for (i = 0; i < t->n; i++) {
        t->workers[i].id = t->id_off[i] == SIZE_MAX
                               ? NULL : t->text.text + t->id_off[i];
        t->workers[i].factors = t->nf ? t->num + i * t->nf : NULL;
    }
    return CAREER_OK;
}

static career_status setup(career_workforce_table *t,
                           const career_workforce_columns *c,
                           career_error *err)
{
    size_t j, k;

    t->nf = c->nfactors;
    if (t->nf && (!(t->factors = calloc(t->nf, sizeof *t->factors)) ||
                  !(t->levels = calloc(t->nf, sizeof *t->levels)) ||
                  !(t->level_names = calloc(t->nf, sizeof(char **))) ||
                  !(t->numeric = malloc(t->nf)) ||
                  !(t->fcol = calloc(t->nf, sizeof *t->fcol)) ||
                  !(t->fname = calloc(t->nf, sizeof *t->fname))))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    for (j = 0; j < t->nf; j++) {
        t->numeric[j] = 1;
        t->fname[j] = c->factors[j];
    }
    for (k = 0; k < c->ncategorical; k++) {
        for (j = 0; j < t->nf; j++)
            if (c->categorical[k] &&
                careerp_ascii_same(c->categorical[k], c->factors[j]))
                break;
        if (j == t->nf)
            return careerp_fail(err, CAREER_ERR_ARG,
                                "columns.categorical[%zu]: '%s' is not one "
                                "of the factors", k,
                                c->categorical[k] ? c->categorical[k] : "");
        t->numeric[j] = 0;
    }
    return CAREER_OK;
}

static career_status open_workforce(const char *path, const void *data,
                                    size_t n, const char *name,
                                    const career_workforce_columns *cols,
                                    career_workforce_table **out,
                                    career_error *err)
{
    career_workforce_columns c = {0};
    career_workforce_table *t;
    careerp_source src;
    careerp_rows *rows;
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (cols)
        c = *cols;
    if ((st = check_columns(&c, err)))
        return st;
    if (!(t = calloc(1, sizeof *t)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    snprintf(t->name, sizeof t->name, "%s",
             careerp_source_name(path, name, "<table>"));
    if ((st = setup(t, &c, err)) == CAREER_OK) {
        st = careerp_source_open(&src, path, data, n, t->name, err);
        if (st == CAREER_OK &&
            (st = careerp_rows_open(&src, 0, &rows, err)) == CAREER_OK) {
            st = read_rows(t, &c, rows, err);
            careerp_rows_close(rows);
        }
        careerp_source_close(&src);
    }
    if (st == CAREER_OK)
        st = settle(t, err);
    if (st != CAREER_OK) {
        career_workforce_close(t);
        return st;
    }
    *out = t;
    return CAREER_OK;
}

career_status career_workforce_open(const char *path,
                                    const career_workforce_columns *cols,
                                    career_workforce_table **out,
                                    career_error *err)
{
    if (!path) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "path: NULL");
    }
    return open_workforce(path, NULL, 0, NULL, cols, out, err);
}

career_status career_workforce_open_memory(const void *data, size_t n,
                                           const char *name,
                                           const career_workforce_columns *c,
                                           career_workforce_table **out,
                                           career_error *err)
{
    if (!data && n) {
        careerp_error_reset(err);
        return careerp_fail(err, CAREER_ERR_ARG, "data: NULL");
    }
    return open_workforce(NULL, data ? data : "", n, name, c, out, err);
}
