/* career-merit - a merit cycle on a CSV of employees: ranges per tier from
 * the profile, the policy's matrix, lifts, caps and lump sums, scaled so the
 * cost meets the budget to the cent (career-merit(1), career-policy(5)). */
#include "cli.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <plplot.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "Usage: career-merit --policy FILE [OPTION]... EMPLOYEES.csv\n"
    "Run a merit cycle: salary ranges per tier from the profile, the\n"
    "policy's merit matrix (rating x position in the range), lifts to the\n"
    "minimum, caps and lump sums, scaled so that the cost equals the budget\n"
    "to the cent. EMPLOYEES.csv (RFC 4180, a header row; '-' = stdin) has\n"
    "the columns years, salary, rating, and optionally id and tier.\n"
    "\n"
    "      --policy FILE        the merit policy (JSON, career-policy(5); -\n"
    "                           for standard input)\n"
    "  -o, --output FILE        also write the employees' results as CSV\n"
    "                           to FILE (replaced whole)\n"
    "      --plot FILE          draw the employees in their ranges (salary\n"
    "                           against tier, ranges as boxes, midpoints\n"
    "                           marked) into FILE.svg or FILE.png\n"
    CLI_HELP_PROFILE
    "      --per PERIOD         year (also annual; any case): the cycle pays\n"
    "                           in the profile's own period, so no other is\n"
    "                           accepted\n"
    CLI_HELP_MODEL
    "\n"
    "The table format shows the summary, the ranges and the raises by\n"
    "rating and position; csv writes one row per employee; json holds all.\n"
    "Exit status: 0 success, 1 data error, 2 usage error. A budget that no\n"
    "scale can meet is a warning on stderr (exit 0).\n"
    "\n"
    "Example:\n"
    "  career-merit --policy examples/merit/policy.json \\\n"
    "      examples/merit/employees.csv -o results.csv\n";

enum { OPT_POLICY = CLI_OPT_TOOL, OPT_PLOT };

/* ---- reading the employees (RFC 4180) -------------------------------------- */

/* What one file may make us hold: a record (one employee) at most 1 MiB,
 * as OEWS rows; at most 64 MiB of text and 2^20 employees in all (about
 * 300 MiB of work), so that /dev/zero or an endless pipe ends in an error,
 * not in all the memory there is. */
#define MAX_FIELDS 64
#define MAX_RECORD ((size_t)1 << 20)
#define MAX_INPUT ((size_t)64 << 20)
#define MAX_EMPLOYEES ((size_t)1 << 20)

/* The header's fields, kept to name the columns of later errors. */
typedef struct header {
    char *text;
    size_t off[MAX_FIELDS];
    size_t n;
} header;

static const char *column_name(const header *h, size_t i)
{
    return i < h->n && h->text[h->off[i]] ? h->text + h->off[i] : "(unnamed)";
}

typedef struct csv {
    FILE *f;
    const header *hdr; /* once read, to name columns */
    const char *name;
    unsigned char chunk[65536];
    size_t pos, end, total; /* total: the bytes read so far */
    size_t line;      /* of the record being read */
    size_t next_line; /* of the byte being read */
    char *buf;        /* fields, NUL-separated    */
    size_t cap;
    size_t off[MAX_FIELDS];
    size_t nfields;
} csv;

typedef struct staff {
    career_employee *e;
    size_t *id;       /* offsets in ids */
    size_t *line;
    size_t n, cap;
    char *ids;        /* the ids, NUL-separated */
    size_t ids_used, ids_cap;
} staff;

/* The next byte of the file, or EOF; a read interrupted by a signal is
 * read again. */
static int next_byte(cli *c, csv *r)
{
    size_t got;

    if (r->pos < r->end)
        return r->chunk[r->pos++];
    do {
        errno = 0;
        clearerr(r->f);
        got = fread(r->chunk, 1, sizeof r->chunk, r->f);
    } while (got == 0 && ferror(r->f) && errno == EINTR);
    if (got == 0 && ferror(r->f))
        cli_data_error(c, "%s: read error: %s", r->name,
                       strerror(errno ? errno : EIO));
    r->total += got;
    if (r->total > MAX_INPUT)
        cli_data_error(c, "%s: over %zu MiB (the most an employees file may "
                          "hold)", r->name, MAX_INPUT >> 20);
    r->pos = 0;
    r->end = got;
    return got ? r->chunk[r->pos++] : EOF;
}

/* The next byte, left to read. */
static int peek_byte(cli *c, csv *r)
{
    int ch = next_byte(c, r);

    if (ch != EOF)
        r->pos--;
    return ch;
}

static void put_char(cli *c, csv *r, size_t *len, char ch)
{
    if (*len + 1 >= r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        char *b;
        if (*len + 1 >= MAX_RECORD)
            cli_data_error(c, "%s:%zu: a record over %zu MiB", r->name,
                           r->line, MAX_RECORD >> 20);
        if (!(b = realloc(r->buf, cap)))
            cli_data_error(c, "out of memory");
        r->buf = b;
        r->cap = cap;
    }
    r->buf[(*len)++] = ch;
}

/* A line end at ch: LF, CRLF or a lone CR (old Mac files), as one. */
static int line_end(cli *c, csv *r, int ch)
{
    if (ch == '\r' && peek_byte(c, r) == '\n')
        next_byte(c, r);
    if (ch == '\n' || ch == '\r')
        r->next_line++;
    return ch == '\n' || ch == '\r';
}

/* One field, quoted or not; returns the byte after it (',' '\n' or EOF). */
static int read_field(cli *c, csv *r, size_t *len)
{
    int ch = peek_byte(c, r), quoted = ch == '"';

    if (quoted)
        next_byte(c, r);
    while ((ch = next_byte(c, r)) != EOF) {
        if (quoted && ch == '"') {
            if (peek_byte(c, r) == '"') {
                put_char(c, r, len, (char)next_byte(c, r));
                continue;
            }
            quoted = 0;
            ch = peek_byte(c, r);
            if (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF)
                cli_data_error(c, "%s:%zu: a quoted field must end at a "
                                  "comma or the end of the line", r->name,
                               r->next_line);
            continue;
        }
        if (!quoted && ch == ',')
            return ch;
        if (!quoted && line_end(c, r, ch))
            return '\n';
        if (quoted && (ch == '\n' || (ch == '\r' && peek_byte(c, r) != '\n')))
            r->next_line++;
        if (ch == '\0') /* it would cut the cell's text short */
            cli_data_error(c, "%s:%zu: %s: a NUL byte in the cell", r->name,
                           r->line,
                           r->hdr ? column_name(r->hdr, r->nfields - 1)
                                  : "the header");
        put_char(c, r, len, (char)ch);
    }
    if (quoted)
        cli_data_error(c, "%s:%zu: a quoted field is not closed", r->name,
                       r->line);
    return EOF;
}

/* The next record's fields; 0 at the end of the text. */
static int read_record(cli *c, csv *r)
{
    size_t len = 0;
    int end;

    r->line = r->next_line;
    if (peek_byte(c, r) == EOF)
        return 0;
    r->nfields = 0;
    do {
        if (r->nfields == MAX_FIELDS)
            cli_data_error(c, "%s:%zu: more than %d fields", r->name, r->line,
                           MAX_FIELDS);
        r->off[r->nfields++] = len;
        end = read_field(c, r, &len);
        put_char(c, r, &len, '\0');
    } while (end == ',');
    return 1;
}

static const char *field(const csv *r, size_t i)
{
    return r->buf + r->off[i];
}

static int blank_record(const csv *r)
{
    return r->nfields == 1 && field(r, 0)[0] == '\0';
}

/* The employees file (or stdin for "-"), opened for reading: a folder is
 * named as one (fopen opens it, and reading it fails obscurely). */
static FILE *open_input(cli *c, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat sb;

    if (!f)
        cli_data_error(c, "%s: %s", path, strerror(errno));
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        if (f != stdin)
            fclose(f);
        cli_data_error(c, "%s: is a directory, not an employees file", path);
    }
    return f;
}

/* Columns of the input, by header name. */
enum { COL_ID, COL_YEARS, COL_TIER, COL_SALARY, COL_RATING, NCOLS };
static const char *const col_names[NCOLS] = {"id", "years", "tier", "salary",
                                             "rating"};

static void read_header(cli *c, csv *r, header *h, size_t *col)
{
    size_t i, k, size;

    for (k = 0; k < NCOLS; k++)
        col[k] = SIZE_MAX;
    if (!read_record(c, r))
        cli_data_error(c, "%s: empty file (a header row is needed)", r->name);
    size = r->off[r->nfields - 1] + strlen(field(r, r->nfields - 1)) + 1;
    if (!(h->text = malloc(size)))
        cli_data_error(c, "out of memory");
    memcpy(h->text, r->buf, size);
    memcpy(h->off, r->off, sizeof h->off);
    h->n = r->nfields;
    r->hdr = h;
    for (i = 0; i < r->nfields; i++)
        for (k = 0; k < NCOLS; k++)
            if (strcasecmp(field(r, i), col_names[k]) == 0) {
                if (col[k] != SIZE_MAX)
                    cli_data_error(c, "%s:1: column '%s' appears twice",
                                   r->name, col_names[k]);
                col[k] = i;
            }
    for (k = COL_YEARS; k < NCOLS; k++)
        if (k != COL_TIER && col[k] == SIZE_MAX)
            cli_data_error(c, "%s:1: no column '%s' (the header needs years, "
                              "salary and rating)", r->name, col_names[k]);
}

/* Whether s is UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF): the id is copied into the JSON output, which takes no
 * other. */
static int utf8_valid(const unsigned char *s)
{
    size_t k, n;
    unsigned long cp;

    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        n = *s >= 0xF0 ? 3 : *s >= 0xE0 ? 2 : *s >= 0xC2 ? 1 : 0;
        if (n == 0 || *s > 0xF4)
            return 0;
        cp = *s & (0x3Fu >> n);
        for (k = 1; k <= n; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[k] & 0x3Fu);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        s += n + 1;
    }
    return 1;
}

/* A record's shape: no cell past the header's (it would be ignored in
 * silence), an id that is UTF-8. */
static void check_record(cli *c, const csv *r, const header *h,
                         const size_t *col)
{
    if (r->nfields > h->n)
        cli_data_error(c, "%s:%zu: %zu cells under a header of %zu (a cell "
                          "beyond the header)", r->name, r->line, r->nfields,
                       h->n);
    if (col[COL_ID] < r->nfields &&
        !utf8_valid((const unsigned char *)field(r, col[COL_ID])))
        cli_data_error(c, "%s:%zu: id: not UTF-8 text (save the file as "
                          "UTF-8)", r->name, r->line);
}

/* A cell as a finite number: the whole text, nothing else. */
static double number_cell(cli *c, const char *name, const csv *r, size_t col,
                          const char *what)
{
    const char *s = col < r->nfields ? field(r, col) : "";
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    /* decimal notation only: no hex, no inf or nan, no spaces */
    if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(v) ||
        s[strspn(s, "0123456789+-.eE")] != '\0')
        cli_data_error(c, "%s:%zu: %s: not a number '%s'", name, r->line,
                       what, s);
    return v;
}

static size_t tier_cell(cli *c, const char *name, const csv *r, size_t col)
{
    double v;

    if (col == SIZE_MAX || col >= r->nfields || field(r, col)[0] == '\0')
        return CAREER_TIER_FROM_YEARS;
    v = number_cell(c, name, r, col, "tier");
    if (v < 0 || v != floor(v) || v >= (double)career_tier_count(c->model))
        cli_data_error(c, "%s:%zu: tier: %s is not a tier of the profile "
                          "(0 to %zu)", name, r->line, field(r, col),
                       career_tier_count(c->model) - 1);
    return (size_t)v;
}

static size_t rating_cell(cli *c, const char *name, const csv *r, size_t col,
                          const career_merit_policy *policy)
{
    const char *s = col < r->nfields ? field(r, col) : "";
    size_t index, i, n = career_merit_rating_count(policy);
    char list[256] = "";

    if (career_merit_rating_index(policy, s, &index) == CAREER_OK)
        return index;
    for (i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? ", " : "", career_merit_rating_name(policy, i));
    cli_data_error(c, "%s:%zu: rating: unknown '%s' (the policy's ratings: "
                      "%s)", name, r->line, s, list);
}

static void grow(cli *c, staff *st)
{
    size_t cap = st->cap ? 2 * st->cap : 256;
    career_employee *e = realloc(st->e, cap * sizeof *e);
    size_t *id, *line;

    if (e)
        st->e = e;
    id = e ? realloc(st->id, cap * sizeof *id) : NULL;
    if (id)
        st->id = id;
    line = id ? realloc(st->line, cap * sizeof *line) : NULL;
    if (!line)
        cli_data_error(c, "out of memory");
    st->line = line;
    st->cap = cap;
}

/* Keeps an id (the ids of all employees in one block, NUL-separated). */
static size_t keep_id(cli *c, staff *st, const char *id)
{
    size_t n = strlen(id) + 1, at = st->ids_used, cap;
    char *grown;

    if (st->ids_used + n > st->ids_cap) {
        for (cap = st->ids_cap ? st->ids_cap : 4096; cap < st->ids_used + n;)
            cap *= 2;
        if (!(grown = realloc(st->ids, cap)))
            cli_data_error(c, "out of memory");
        st->ids = grown;
        st->ids_cap = cap;
    }
    memcpy(st->ids + at, id, n);
    st->ids_used += n;
    return at;
}

static void read_staff(cli *c, const char *name,
                       const career_merit_policy *policy, staff *st)
{
    size_t col[NCOLS];
    csv *r = calloc(1, sizeof *r);
    header h = {0};

    if (!r)
        cli_data_error(c, "out of memory");
    r->name = strcmp(name, "-") == 0 ? "<stdin>" : name;
    r->next_line = 1;
    r->f = open_input(c, name);
    read_header(c, r, &h, col);
    while (read_record(c, r)) {
        career_employee *e;
        if (blank_record(r))
            continue;
        check_record(c, r, &h, col);
        if (st->n == MAX_EMPLOYEES)
            cli_data_error(c, "%s:%zu: more than %zu employees", r->name,
                           r->line, MAX_EMPLOYEES);
        if (st->n == st->cap)
            grow(c, st);
        e = memset(&st->e[st->n], 0, sizeof *e);
        e->years = number_cell(c, r->name, r, col[COL_YEARS], "years");
        e->salary = number_cell(c, r->name, r, col[COL_SALARY], "salary");
        e->tier = tier_cell(c, r->name, r, col[COL_TIER]);
        e->rating = rating_cell(c, r->name, r, col[COL_RATING], policy);
        st->id[st->n] = keep_id(c, st, col[COL_ID] < r->nfields
                                           ? field(r, col[COL_ID]) : "");
        st->line[st->n++] = r->line;
    }
    if (r->f != stdin)
        fclose(r->f);
    free(r->buf);
    free(r);
    free(h.text);
    if (st->n == 0)
        cli_data_error(c, "%s: no employees (an empty population)",
                       strcmp(name, "-") == 0 ? "<stdin>" : name);
}

/* ---- the results ------------------------------------------------------------ */

typedef struct run {
    career_merit_policy *policy;
    staff st;
    career_merit_result *res;
    career_merit_summary sum;
    career_pay_range ranges[CAREER_MAX_TIERS];
    size_t ntiers;
} run;

/* The names of the bits set in `bits`, space-separated (names[i] is bit
 * i's); buf is large enough for all of them. */
static void bit_names(unsigned bits, const char *const *names, size_t n,
                      char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < n; i++)
        if (bits & (1u << i))
            used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                     used ? " " : "", names[i]);
}

static void flag_text(unsigned f, char *buf, size_t size)
{
    static const char *const names[] = {"below_min", "above_max", "lifted",
                                        "capped", "min_raise", "lump_sum",
                                        "compressed", "ineligible"};

    bit_names(f, names, sizeof names / sizeof names[0], buf, size);
}

/* The employees' table, one row per employee, written as it is filled
 * (a million rows would take gigabytes as cells): with_model adds the
 * columns that state the model (CSV: each record says where it comes
 * from; JSON has a model object). */
static cli_table *employee_table(cli *c, int with_model)
{
    static const cli_column cols[] = {
        {"id", "id", CLI_TEXT},           {"tier", "tier", CLI_INT},
        {"rating", "rating", CLI_TEXT},   {"years", "years", CLI_YEARS},
        {"salary", "salary", CLI_MONEY},  {"position", "pos", CLI_INT},
        {"rate", "rate", CLI_SHARE},      {"lift", "lift", CLI_MONEY},
        {"merit", "merit", CLI_MONEY},    {"base_raise", "base", CLI_MONEY},
        {"lump_sum", "lump", CLI_MONEY},  {"new_salary", "new", CLI_MONEY},
        {"compa_before", "compa", CLI_RATIO},
        {"compa_after", "compa'", CLI_RATIO},
        {"penetration_before", "pen", CLI_RATIO},
        {"penetration_after", "pen'", CLI_RATIO},
        {"flags", "flags", CLI_TEXT},
        {0}, {0}, {0}, {0}, /* the model's: cli_model_columns */
    };
    size_t ncols = sizeof cols / sizeof cols[0] - CLI_MODEL_COLUMNS;
    cli_column all[sizeof cols / sizeof cols[0]];

    memcpy(all, cols, sizeof cols);
    memcpy(all + ncols, cli_model_columns, sizeof cli_model_columns);
    return cli_table_new(c, all, ncols + (with_model ? CLI_MODEL_COLUMNS : 0));
}

static void employee_row(cli_table *t, const run *w, size_t i, int with_model)
{
    const career_merit_result *r = &w->res[i];
    const career_employee *e = &w->st.e[i];
    char flags[128];

    cli_table_text(t, w->st.ids + w->st.id[i]);
    cli_table_num(t, (double)r->tier);
    cli_table_text(t, career_merit_rating_name(w->policy, e->rating));
    cli_table_num(t, e->years);
    cli_table_num(t, e->salary);
    cli_table_num(t, (double)r->position);
    cli_table_num(t, r->rate);
    cli_table_num(t, r->lift);
    cli_table_num(t, r->merit);
    cli_table_num(t, r->base_raise);
    cli_table_num(t, r->lump_sum);
    cli_table_num(t, r->new_salary);
    cli_table_num(t, r->compa_before);
    cli_table_num(t, r->compa_after);
    cli_table_num(t, r->penetration_before);
    cli_table_num(t, r->penetration_after);
    flag_text(r->flags, flags, sizeof flags);
    cli_table_text(t, flags);
    if (with_model)
        cli_table_model(t);
}

/* Rows held at once while the employees are written. */
#define ROWS_AT_ONCE 256

/* The employees' rows to cli_out(): CSV (with the model's columns), or
 * the elements of a JSON array. */
static void write_employees(cli *c, const run *w, int json)
{
    cli_table *t = employee_table(c, !json);
    size_t i;

    for (i = 0; i < w->st.n; i++) {
        employee_row(t, w, i, !json);
        if ((i + 1) % ROWS_AT_ONCE == 0 || i + 1 == w->st.n) {
            if (json)
                cli_table_json_rows(t);
            else
                cli_table_flush(t);
        }
    }
    if (json)
        cli_table_json_close(t);
    cli_table_free(t);
}

static void warning_text(unsigned w, char *buf, size_t size)
{
    static const char *const names[] = {"spread_low", "spread_high",
                                        "progression_low", "progression_high",
                                        "overlap_high", "compression"};

    bit_names(w, names, sizeof names / sizeof names[0], buf, size);
}

static cli_table *range_table(cli *c, const run *w)
{
    static const cli_column cols[] = {
        {"tier", "tier", CLI_INT},          {"name", "name", CLI_TEXT},
        {"min", "min", CLI_MONEY},          {"mid", "mid", CLI_MONEY},
        {"max", "max", CLI_MONEY},          {"spread", "spread", CLI_SHARE},
        {"progression", "progression", CLI_SHARE},
        {"overlap", "overlap", CLI_SHARE},  {"warnings", "warnings", CLI_TEXT}};
    cli_table *t = cli_table_new(c, cols, sizeof cols / sizeof cols[0]);
    career_tier tier;
    char text[160];
    size_t i;

    for (i = 0; i < w->ntiers; i++) {
        const career_pay_range *r = &w->ranges[i];
        cli_check(c, career_tier_info(c->model, i, &tier), "tier");
        cli_table_num(t, (double)i);
        cli_table_text(t, tier.name);
        cli_table_num(t, r->min);
        cli_table_num(t, r->mid);
        cli_table_num(t, r->max);
        cli_table_num(t, r->spread);
        cli_table_num(t, r->progression);
        cli_table_num(t, r->overlap);
        warning_text(r->warnings, text, sizeof text);
        cli_table_text(t, text[0] ? text : NULL);
    }
    return t;
}

/* Raises by rating and position: count and mean rate. */
static cli_table *cell_table(cli *c, const run *w)
{
    static const cli_column cols[] = {
        {"rating", "rating", CLI_TEXT}, {"position", "position", CLI_INT},
        {"count", "count", CLI_INT},    {"mean_rate", "mean rate", CLI_SHARE},
        {"merit", "merit", CLI_MONEY}};
    size_t np = career_merit_position_count(w->policy);
    size_t nc = career_merit_rating_count(w->policy) * np, i;
    career_merit_cell *cells = calloc(nc, sizeof *cells);
    cli_table *t;

    if (!cells)
        cli_data_error(c, "out of memory");
    cli_check(c, career_merit_distribution(w->policy, w->st.e, w->res, w->st.n,
                                           cells, nc), "distribution");
    t = cli_table_new(c, cols, sizeof cols / sizeof cols[0]);
    for (i = 0; i < nc; i++) {
        if (!cells[i].count)
            continue;
        cli_table_text(t, career_merit_rating_name(w->policy, i / np));
        cli_table_num(t, (double)(i % np));
        cli_table_num(t, (double)cells[i].count);
        cli_table_num(t, cells[i].mean_rate);
        cli_table_num(t, (double)cells[i].merit_cents / 100.0);
    }
    free(cells);
    return t;
}

/* Cents as "1,234,567.89". */
static void cents_text(int64_t cents, char *buf, size_t size)
{
    char digits[32], whole[48];
    int64_t a = cents < 0 ? -cents : cents;
    size_t n, i, j = 0;

    snprintf(digits, sizeof digits, "%lld", (long long)(a / 100));
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            whole[j++] = ',';
        whole[j++] = digits[i];
    }
    whole[j] = '\0';
    snprintf(buf, size, "%s%s.%02lld", cents < 0 ? "-" : "", whole,
             (long long)(a % 100));
}

static void print_summary(cli *c, const run *w)
{
    const career_merit_summary *s = &w->sum;
    FILE *out = cli_out(c);
    char b[4][64];

    cents_text(s->payroll_cents, b[0], sizeof b[0]);
    cents_text(s->budget_cents, b[1], sizeof b[1]);
    cents_text(s->cost_cents, b[2], sizeof b[2]);
    cents_text(s->lift_cents, b[3], sizeof b[3]);
    fprintf(out, "Merit cycle: %zu employees, %zu eligible (%s, %s per %s)\n",
            s->employees, s->eligible, c->profile->role, cli_currency(c),
            cli_per_name(c));
    fprintf(out, "  payroll (eligible) %18s\n  budget             %18s\n"
                 "  cost               %18s%s\n  lifts              %18s\n",
            b[0], b[1], b[2], s->flags ? "  (budget not met)" : "", b[3]);
    cents_text(s->lump_cents, b[0], sizeof b[0]);
    fprintf(out, "  lump sums          %18s\n  scale factor k     %18.6f\n",
            b[0], s->scale);
    fprintf(out, "  below min %zu, above max %zu, lifted %zu, capped %zu, "
                 "minimum raise %zu, lump sum %zu, compressed %zu\n",
            s->below_min, s->above_max, s->lifted, s->capped, s->min_raise,
            s->lump_sum, s->compressed);
}

static void print_text(cli *c, const run *w)
{
    cli_table *t;

    print_summary(c, w);
    cli_print_model(c);
    fprintf(cli_out(c), "\nPay ranges\n");
    t = range_table(c, w);
    cli_table_write(t);
    cli_table_free(t);
    fprintf(cli_out(c), "\nRaises by rating and position\n");
    t = cell_table(c, w);
    cli_table_write(t);
    cli_table_free(t);
}

static json_t *json_cents(cli *c, int64_t cents)
{
    json_t *v = json_real((double)cents / 100.0);

    if (!v)
        cli_data_error(c, "out of memory");
    return v;
}

static json_t *summary_json(cli *c, const run *w)
{
    const career_merit_summary *s = &w->sum;
    json_t *o = json_object(), *n = json_object();

    if (!o || !n)
        cli_data_error(c, "out of memory");
    cli_json_set(c, o, "employees", json_integer((json_int_t)s->employees));
    cli_json_set(c, o, "eligible", json_integer((json_int_t)s->eligible));
    cli_json_set(c, o, "payroll", json_cents(c, s->payroll_cents));
    cli_json_set(c, o, "budget", json_cents(c, s->budget_cents));
    cli_json_set(c, o, "cost", json_cents(c, s->cost_cents));
    cli_json_set(c, o, "budget_cents", json_integer(s->budget_cents));
    cli_json_set(c, o, "cost_cents", json_integer(s->cost_cents));
    cli_json_set(c, o, "lifts", json_cents(c, s->lift_cents));
    cli_json_set(c, o, "lump_sums", json_cents(c, s->lump_cents));
    cli_json_set(c, o, "scale", cli_json_num(c, s->scale));
    cli_json_set(c, o, "budget_met", json_boolean(!s->flags));
    cli_json_set(c, n, "below_min", json_integer((json_int_t)s->below_min));
    cli_json_set(c, n, "above_max", json_integer((json_int_t)s->above_max));
    cli_json_set(c, n, "lifted", json_integer((json_int_t)s->lifted));
    cli_json_set(c, n, "capped", json_integer((json_int_t)s->capped));
    cli_json_set(c, n, "min_raise", json_integer((json_int_t)s->min_raise));
    cli_json_set(c, n, "lump_sum", json_integer((json_int_t)s->lump_sum));
    cli_json_set(c, n, "compressed", json_integer((json_int_t)s->compressed));
    cli_json_set(c, o, "counts", n);
    return o;
}

/* The document as cli_emit_json would write it, its employees streamed
 * to stdout itself (cli_out_direct): nothing is held but the results. */
static void print_json(cli *c, const run *w)
{
    cli_table *t;

    cli_out_direct(c);
    cli_json_key(c, "role");
    cli_json_value(c, json_string(c->profile->role));
    cli_json_key(c, "currency");
    cli_json_value(c, json_string(cli_currency(c)));
    cli_json_key(c, "summary");
    cli_json_value(c, summary_json(c, w));
    t = range_table(c, w);
    cli_json_key(c, "ranges");
    cli_json_value(c, cli_table_json(t));
    cli_table_free(t);
    t = cell_table(c, w);
    cli_json_key(c, "raises");
    cli_json_value(c, cli_table_json(t));
    cli_table_free(t);
    cli_json_key(c, "employees");
    write_employees(c, w, 1);
    cli_json_key(c, "model");
    cli_json_value(c, cli_model_json(c));
    cli_json_close(c);
}

/* ---- -o: the employees' CSV, replacing the file whole ------------------------ */

static void write_output(cli *c, const run *w, const char *path)
{
    FILE *saved_out = c->out;
    career_replace *r;
    career_error err;

    /* beside the file, then renamed over it: the umask and an existing
     * file's mode are kept, and a failure leaves the old file whole; the
     * rows go into the replacement as they are made */
    if (career_replace_begin(path, &r, &err) != CAREER_OK)
        cli_error_record(c, &err);
    c->out = career_replace_stream(r); /* the table writer's stream */
    write_employees(c, w, 0);
    c->out = saved_out;
    if (career_replace_commit(r, &err) != CAREER_OK)
        cli_error_record(c, &err);
}

/* ---- --plot: the employees in their ranges ----------------------------------- */

static void draw_ranges(const run *w)
{
    size_t i;

    for (i = 0; i < w->ntiers; i++) {
        double x = (double)i, r_lo = w->ranges[i].min / 1e3;
        double r_hi = w->ranges[i].max / 1e3, mid = w->ranges[i].mid / 1e3;
        double bx[4] = {x - 0.35, x + 0.35, x + 0.35, x - 0.35};
        double by[4] = {r_lo, r_lo, r_hi, r_hi};
        plcol0(4);
        plfill(4, bx, by);
        plcol0(1);
        plline(4, bx, by);
        pljoin(x - 0.35, r_lo, x - 0.35, r_hi);
        plcol0(3);
        plwidth(2.5);
        pljoin(x - 0.4, mid, x + 0.4, mid);
        plwidth(1.0);
    }
}

static void draw_people(const run *w)
{
    size_t i;

    plcol0(2);
    for (i = 0; i < w->st.n; i++) {
        /* spread the points across the box, the same way every run */
        double x = (double)w->res[i].tier - 0.3 +
                   0.6 * (double)((i * 2654435761u) % 1000) / 1000.0;
        double y = w->res[i].new_salary / 1e3;
        plpoin(1, &x, &y, 17);
    }
}

static void draw_plot(const run *w, const char *title, const char *ylabel)
{
    double ylo = INFINITY, yhi = -INFINITY;
    size_t i;

    for (i = 0; i < w->ntiers; i++) {
        ylo = fmin(ylo, w->ranges[i].min / 1e3);
        yhi = fmax(yhi, w->ranges[i].max / 1e3);
    }
    for (i = 0; i < w->st.n; i++) {
        ylo = fmin(ylo, w->res[i].new_salary / 1e3);
        yhi = fmax(yhi, w->res[i].new_salary / 1e3);
    }
    ylo -= 0.05 * (yhi - ylo);
    yhi += 0.05 * (yhi - ylo);
    pladv(0);
    plvpor(0.10, 0.96, 0.20, 0.91);
    plwind(-0.6, (double)w->ntiers - 0.4, ylo, yhi);
    draw_ranges(w);
    draw_people(w);
    plcol0(1);
    plbox("bcnt", 1.0, 0, "bcnstv", 0.0, 0);
    {
        char t[1024], y[512];
        cli_plot_text(title, t, sizeof t);
        cli_plot_text(ylabel, y, sizeof y);
        pllab("Tier", y, t);
    }
    plschr(0.0, 0.8);
    plmtex("b", 6.2, 0.0, 0.0, "boxes: ranges (min to max); bars: "
                                "midpoints; points: salaries after the cycle");
    plschr(0.0, 1.0);
}

static void plot(cli *c, const run *w, const char *path)
{
    char title[256], ylabel[128];

    snprintf(title, sizeof title, "%s: employees in their ranges",
             c->profile->role);
    snprintf(ylabel, sizeof ylabel, "Salary (thousand %s per %s)",
             cli_currency(c), cli_per_name(c));
    cli_plot_open(c, path); /* written beside path, then renamed */
    plspage(0.0, 0.0, 960, 640, 0, 0);
    plscol0(0, 255, 255, 255);
    plscol0(1, 0, 0, 0);
    plscol0(2, 31, 78, 160);
    plscol0(3, 200, 60, 40);
    plscol0(4, 205, 222, 245);
    plinit();
    draw_plot(w, title, ylabel);
    plend();
    cli_plot_close(c, path);
}

/* ---- main --------------------------------------------------------------------- */

static void run_cycle(cli *c, run *w, const char *name)
{
    career_error err;
    size_t row;

    w->res = calloc(w->st.n, sizeof *w->res);
    if (!w->res)
        cli_data_error(c, "out of memory");
    w->ntiers = career_tier_count(c->model);
    if (career_pay_structure(c->model, w->policy, w->ranges,
                             CAREER_MAX_TIERS) != CAREER_OK)
        cli_data_error(c, "the policy's ranges cannot be formed on this "
                          "profile");
    if (career_merit_cycle(c->model, w->policy, w->st.e, w->st.n, w->res,
                           &w->sum, &err) == CAREER_OK)
        return;
    if (sscanf(err.text, "employees[%zu]", &row) == 1 && row < w->st.n)
        cli_data_error(c, "%s:%zu: %s", name, w->st.line[row],
                       strchr(err.text, '.') + 1);
    cli_error_record(c, &err);
}

static void free_run(run *w)
{
    free(w->st.id);
    free(w->st.ids);
    free(w->st.e);
    free(w->st.line);
    free(w->res);
    career_merit_policy_free(w->policy);
}

/* The policy; "-" is standard input, read as the file /dev/stdin (a
 * pipe is read as the stream it is) and named <stdin>. */
static void load_policy(cli *c, run *w, const char *path)
{
    static const char std_in[] = "/dev/stdin";
    career_error err;
    char text[sizeof err.text];
    size_t n = strlen(std_in);

    if (!path)
        cli_usage_error(c, "--policy FILE is required");
    if (career_merit_policy_load_file(strcmp(path, "-") == 0 ? std_in : path,
                                      &w->policy, &err) == CAREER_OK)
        return;
    if (strcmp(err.source, std_in) == 0)
        snprintf(err.source, sizeof err.source, "<stdin>");
    if (strncmp(err.text, std_in, n) == 0) {
        snprintf(text, sizeof text, "<stdin>%s", err.text + n);
        memcpy(err.text, text, sizeof text);
    }
    cli_error_record(c, &err);
}

/* The results on stdout: the rows of CSV and JSON streamed to stdout
 * itself, so this comes after everything that may fail (-o, --plot). */
static void write_results(cli *c, const run *w)
{
    if (c->format == CLI_JSON) {
        print_json(c, w);
    } else if (c->format == CLI_CSV) {
        cli_out_direct(c);
        write_employees(c, w, 0);
    } else {
        print_text(c, w);
    }
}

typedef struct args {
    const char *policy, *output, *plot, *employees;
} args;

static void parse_args(cli *c, int argc, char *argv[], args *a)
{
    static const struct option longopts[] = {
        {"policy", required_argument, NULL, OPT_POLICY},
        {"output", required_argument, NULL, 'o'},
        {"plot", required_argument, NULL, OPT_PLOT},
        CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    int opt;

    c->longopts = longopts;
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "o:", longopts,
                              NULL)) != -1) {
        career_period per;
        if (opt == CLI_OPT_PER &&
            (career_period_parse(optarg, &per) != CAREER_OK ||
             per != CAREER_PER_YEAR))
            cli_usage_error(c, "--per: the cycle pays in the profile's "
                               "period; only 'year' is accepted");
        if (cli_common_option(c, opt, argv))
            continue;
        if (opt == OPT_POLICY)
            a->policy = optarg;
        else if (opt == 'o')
            a->output = optarg;
        else if (opt == OPT_PLOT)
            a->plot = optarg;
    }
    if (optind == argc)
        cli_usage_error(c, "no employees file given");
    if (optind + 1 != argc)
        cli_usage_error(c, "one employees file is expected, got %d",
                        argc - optind);
    if (a->output && a->output[0] == '\0')
        cli_usage_error(c, "-o: empty file name");
    if ((a->policy && strcmp(a->policy, "-") == 0) +
            (c->profile_path && strcmp(c->profile_path, "-") == 0) +
            (strcmp(argv[optind], "-") == 0) > 1)
        cli_usage_error(c, "only one of --policy, --profile and the "
                           "employees file can be - (standard input)");
    if (a->plot)
        cli_check_plot_path(c, "--plot", a->plot);
    a->employees = argv[optind];
}

int main(int argc, char *argv[])
{
    static run w;
    args a = {0};
    cli c;
    int status;

    gsl_set_error_handler_off();
    cli_init(&c, "career-merit", usage);
    parse_args(&c, argc, argv, &a);
    load_policy(&c, &w, a.policy);
    cli_open_model(&c);
    read_staff(&c, a.employees, w.policy, &w.st);
    run_cycle(&c, &w, a.employees);
    if (w.sum.flags & CAREER_MERIT_BUDGET_UNMET)
        fprintf(stderr, "career-merit: warning: no scale meets the budget; "
                        "the cost is %.2f against %.2f\n",
                (double)w.sum.cost_cents / 100.0,
                (double)w.sum.budget_cents / 100.0);
    if (a.output)
        write_output(&c, &w, a.output);
    if (a.plot)
        plot(&c, &w, a.plot);
    write_results(&c, &w);
    status = cli_finish(&c);
    free_run(&w);
    return status;
}
