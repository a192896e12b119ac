/* cli.c - the helpers the libcareer command-line tools share (see cli.h). */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <plplot.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- setup, messages and exits ---------------------------------------- */

void cli_init(cli *c, const char *tool, const char *usage)
{
    memset(c, 0, sizeof *c);
    c->tool = tool;
    c->usage = usage;
    c->format = CLI_TABLE;
    c->per = CAREER_PER_YEAR;
    c->unit = CAREER_PER_YEAR;
    opterr = 0; /* the messages are ours: one line, then the --help hint */
    c->out = open_memstream(&c->outbuf, &c->outlen);
    if (!c->out) {
        fprintf(stderr, "%s: out of memory\n", tool);
        exit(1);
    }
}

void cli_free(cli *c)
{
    career_model_free(c->model);
    career_profile_free(c->loaded);
    c->model = NULL;
    c->loaded = NULL;
    c->profile = NULL;
    if (c->out)
        fclose(c->out);
    c->out = NULL;
    free(c->outbuf);
    c->outbuf = NULL;
    c->outlen = 0;
}

/* "tool: message" on one line of stderr. */
static void report(const cli *c, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", c->tool);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_usage_error(cli *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(c, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help' for more information.\n", c->tool);
    cli_free(c);
    exit(2);
}

void cli_data_error(cli *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(c, fmt, ap);
    va_end(ap);
    cli_free(c);
    exit(1);
}

void cli_error_record(cli *c, const career_error *err)
{
    const char *text = err->text[0] ? err->text : career_strerror(err->status);
    size_t n = strlen(err->source);

    /* The library may already have put the place in the text. */
    if (n == 0 || strncmp(text, err->source, n) == 0)
        cli_data_error(c, "%s", text);
    if (err->line > 0)
        cli_data_error(c, "%s:%d:%d: %s", err->source, err->line, err->column,
                       text);
    cli_data_error(c, "%s: %s", err->source, text);
}

void cli_check(cli *c, career_status st, const char *what)
{
    if (st != CAREER_OK)
        cli_data_error(c, "%s: %s", what, career_strerror(st));
}

/* ---- options ------------------------------------------------------------ */

static const char *const format_names[] = {"table", "csv", "json"};
static const char *const interp_names[] = {"auto",    "steffen", "linear",
                                           "cspline", "akima",   "mincer"};
static const char *const dist_names[] = {"auto", "metalog", "lognormal"};

/* The index of arg in names[n]; exits 2 listing the choices otherwise. */
static int pick(cli *c, const char *opt, const char *arg,
                const char *const *names, size_t n)
{
    char choices[128] = "";
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(arg, names[i]) == 0)
            return (int)i;
        strncat(choices, names[i], sizeof choices - strlen(choices) - 1);
        if (i + 1 < n)
            strncat(choices, ", ", sizeof choices - strlen(choices) - 1);
    }
    cli_usage_error(c, "%s: invalid value '%s' (choose %s)", opt, arg,
                    choices);
}

/* The option as the user wrote it, for messages about getopt errors. */
static const char *option_text(char *const argv[])
{
    const char *s = argv[optind - 1];
    return s ? s : "?";
}

static void getopt_error(cli *c, int opt, char *const argv[])
{
    const char *s = option_text(argv);

    if (opt == ':')
        cli_usage_error(c, "option '%s' needs a value", s);
    if (optopt != 0 && strncmp(s, "--", 2) != 0)
        cli_usage_error(c, "unknown option '-%c'", optopt);
    cli_usage_error(c, "unknown option '%s'", s);
}

/* "calibrated" is 0 (the library's default), "market" 1, else d. */
static double parse_dispersion(cli *c, const char *arg)
{
    if (strcmp(arg, "calibrated") == 0)
        return 0.0;
    if (strcmp(arg, "market") == 0)
        return 1.0;
    if (!strpbrk(arg, "0123456789"))
        cli_usage_error(c, "--dispersion: invalid value '%s' (choose "
                           "calibrated, market or a number in (0, 5])", arg);
    return cli_parse_double(c, "--dispersion", arg, 0.0, 1, 5.0);
}

int cli_common_option(cli *c, int opt, char *const argv[])
{
    career_period per;

    switch (opt) {
    case 'h':
        fputs(c->usage, stdout);
        cli_free(c);
        exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
    case 'V':
        printf("%s (libcareer) %s\n", c->tool, career_version_string());
        cli_free(c);
        exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
    case '?':
    case ':':
        getopt_error(c, opt, argv);
        return 1;
    case CLI_OPT_PROFILE:
        if (optarg[0] == '\0')
            cli_usage_error(c, "--profile: empty file name");
        c->profile_path = optarg;
        return 1;
    case CLI_OPT_ROLE:
        if (optarg[0] == '\0')
            cli_usage_error(c, "--role: empty role name");
        c->role = optarg;
        return 1;
    case CLI_OPT_OCC:
        if (optarg[0] == '\0')
            cli_usage_error(c, "--occ: empty occupation code");
        c->occ = optarg;
        return 1;
    case CLI_OPT_FORMAT:
        c->format = (cli_format)pick(c, "--format", optarg, format_names, 3);
        return 1;
    case CLI_OPT_PER:
        if (career_period_parse(optarg, &per) != CAREER_OK)
            cli_usage_error(c, "--per: invalid value '%s' (choose year, "
                               "month, hour)", optarg);
        c->per = per;
        return 1;
    case CLI_OPT_LOCATION:
        c->options.location_factor =
            cli_parse_double(c, "--location-factor", optarg, 0.0, 1, 1e6);
        return 1;
    case CLI_OPT_INTERP:
        c->options.interp =
            (career_interp)pick(c, "--interp", optarg, interp_names, 6);
        return 1;
    case CLI_OPT_DIST:
        c->options.dist = (career_dist)pick(c, "--dist", optarg, dist_names, 3);
        return 1;
    case CLI_OPT_DISPERSION:
        c->options.dispersion = parse_dispersion(c, optarg);
        return 1;
    default:
        return 0;
    }
}

double cli_parse_double(cli *c, const char *opt, const char *arg, double min,
                        int min_open, double max)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(arg, &end);
    /* strtod accepts "nan", "inf" and hexadecimal; none is a figure here. */
    if (arg[0] == '\0' || isspace((unsigned char)arg[0]) || *end != '\0' ||
        end == arg || !isfinite(v) ||
        strpbrk(arg, "nNiIxX") || errno == ERANGE)
        cli_usage_error(c, "%s: invalid number '%s'", opt, arg);
    if (v < min || (min_open && v == min) || v > max) {
        if (min_open)
            cli_usage_error(c, "%s: '%s' is out of range (must be > %g and "
                               "<= %g)", opt, arg, min, max);
        cli_usage_error(c, "%s: '%s' is out of range (must be from %g to %g)",
                        opt, arg, min, max);
    }
    return v == 0.0 ? 0.0 : v; /* -0 is 0 */
}

unsigned long long cli_parse_uint(cli *c, const char *opt, const char *arg,
                                  unsigned long long min,
                                  unsigned long long max)
{
    const char *s = arg;
    char *end;
    unsigned long long v;

    while (*s >= '0' && *s <= '9')
        s++;
    if (arg[0] == '\0' || *s != '\0')
        cli_usage_error(c, "%s: invalid whole number '%s'", opt, arg);
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (errno == ERANGE || v < min || v > max)
        cli_usage_error(c, "%s: '%s' is out of range (must be from %llu to "
                           "%llu)", opt, arg, min, max);
    return v;
}

/* ---- the model ---------------------------------------------------------- */

static const career_profile *builtin_profile(cli *c)
{
    const career_profile *p = career_profile_default();

    if (c->role && strcasecmp(c->role, p->role) != 0)
        cli_data_error(c, "--role: no role '%s' in the built-in profile (it "
                          "has '%s'; give --profile FILE)", c->role, p->role);
    return p;
}

/* The profile with occupation code c->occ in a profile file (one object
 * or an array), loaded from its own JSON text. */
static career_status load_by_occ(cli *c, career_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(c->profile_path, JSON_REJECT_DUPLICATES, &je);
    json_t *found = NULL, *item;
    career_status st;
    size_t i, n;
    char *text;

    if (!root)
        return career_profile_load_file(c->profile_path, NULL, &c->loaded, err);
    n = json_is_array(root) ? json_array_size(root) : 1;
    for (i = 0; i < n && !found; i++) {
        item = json_is_array(root) ? json_array_get(root, i) : root;
        if (json_is_string(json_object_get(item, "occ_code")) &&
            strcasecmp(json_string_value(json_object_get(item, "occ_code")),
                       c->occ) == 0)
            found = item;
    }
    if (!found) {
        json_decref(root);
        cli_data_error(c, "%s: no profile with occ_code '%s'", c->profile_path,
                       c->occ);
    }
    text = json_dumps(found, JSON_COMPACT);
    json_decref(root);
    if (!text)
        cli_data_error(c, "out of memory");
    st = career_profile_load_string(text, NULL, &c->loaded, err);
    free(text);
    if (st != CAREER_OK)
        snprintf(err->source, sizeof err->source, "%s", c->profile_path);
    return st;
}

void cli_open_model(cli *c)
{
    const career_profile *p;
    career_error err;
    career_status st;

    if (c->occ && c->role)
        cli_usage_error(c, "--occ and --role: give one of them");
    if (c->occ && !c->profile_path)
        cli_data_error(c, "--occ: the built-in profile has no occupation code "
                          "(give --profile FILE)");
    if (c->profile_path) {
        st = c->occ ? load_by_occ(c, &err)
                    : career_profile_load_file(c->profile_path, c->role,
                                               &c->loaded, &err);
        if (st != CAREER_OK)
            cli_error_record(c, &err);
        p = c->loaded;
    } else {
        p = builtin_profile(c);
    }
    st = career_model_new(p, &c->options, &c->model, &err);
    if (st != CAREER_OK)
        cli_error_record(c, &err);
    c->profile = career_model_profile(c->model);
    if (!c->profile->period ||
        career_period_parse(c->profile->period, &c->unit) != CAREER_OK)
        c->unit = CAREER_PER_YEAR;
}

/* ---- money -------------------------------------------------------------- */

double cli_money_out(const cli *c, double amount)
{
    double v;

    if (isnan(amount) ||
        career_convert_period(amount, c->unit, c->per, NULL, &v) != CAREER_OK)
        return amount;
    return v;
}

double cli_money_in(const cli *c, double amount)
{
    double v;

    if (career_convert_period(amount, c->per, c->unit, NULL, &v) != CAREER_OK)
        return amount;
    return v;
}

const char *cli_per_name(const cli *c)
{
    static const char *const names[] = {"year", "month", "hour"};
    return names[c->per];
}

const char *cli_currency(const cli *c)
{
    return c->profile && c->profile->currency ? c->profile->currency : "";
}

/* digits with a comma every three from the right. */
static void group_thousands(const char *digits, char *buf, size_t size)
{
    size_t n = strlen(digits), i, j = 0;

    for (i = 0; i < n && j + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
}

void cli_format_money(const cli *c, double amount, char *buf, size_t size)
{
    char raw[64], whole[96];
    const char *cur = cli_currency(c);
    int cents = c->per == CAREER_PER_HOUR;
    double a = fabs(amount);
    char *dot;

    if (isnan(amount)) {
        snprintf(buf, size, "-");
        return;
    }
    snprintf(raw, sizeof raw, cents ? "%.2f" : "%.0f", a);
    dot = strchr(raw, '.');
    if (dot)
        *dot = '\0';
    group_thousands(raw, whole, sizeof whole);
    snprintf(buf, size, "%s%s%s%s%s%s", amount < 0 && a >= 0.5 ? "-" : "",
             whole, dot ? "." : "", dot ? dot + 1 : "", *cur ? " " : "", cur);
}

/* ---- output ------------------------------------------------------------- */

FILE *cli_out(cli *c)
{
    return c->out;
}

void cli_emit_json(cli *c, json_t *doc)
{
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER)
                     : NULL;

    json_decref(doc);
    if (!text)
        cli_data_error(c, "out of memory");
    fprintf(c->out, "%s\n", text);
    free(text);
}

int cli_finish(cli *c)
{
    int failed = fflush(c->out) != 0 || ferror(c->out);

    if (failed) {
        cli_free(c);
        fprintf(stderr, "%s: out of memory\n", c->tool);
        return 1;
    }
    if (c->outlen > 0 && fwrite(c->outbuf, 1, c->outlen, stdout) != c->outlen)
        failed = 1;
    if (fflush(stdout) != 0 || ferror(stdout))
        failed = 1;
    cli_free(c);
    if (failed) {
        fprintf(stderr, "%s: cannot write the output: %s\n", c->tool,
                strerror(errno));
        return 1;
    }
    return 0;
}

void cli_check_plot_path(cli *c, const char *opt, const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    char dir[4096];
    struct stat st;

    if (!dot || (slash && dot < slash) ||
        (strcasecmp(dot, ".svg") != 0 && strcasecmp(dot, ".png") != 0))
        cli_usage_error(c, "%s: '%s' must end in .svg or .png", opt, path);
    if (!slash) {
        snprintf(dir, sizeof dir, ".");
    } else if ((size_t)(slash - path) >= sizeof dir) {
        cli_data_error(c, "%s: path too long", path);
    } else {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
        if (dir[0] == '\0')
            snprintf(dir, sizeof dir, "/");
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        cli_data_error(c, "%s: no such folder '%s'", path, dir);
    if (access(dir, W_OK) != 0)
        cli_data_error(c, "%s: cannot write in '%s': %s", path, dir,
                       strerror(errno));
    if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || access(path, W_OK)))
        cli_data_error(c, "%s: cannot write this file", path);
}

/* ---- tables ------------------------------------------------------------- */

typedef struct cell {
    double num;
    char *text; /* for CLI_TEXT columns (NULL = empty) */
} cell;

struct cli_table {
    cli *c;
    size_t ncols, ncells, cap;
    cli_column *cols;
    cell *cells;
};

cli_table *cli_table_new(cli *c, const cli_column *cols, size_t ncols)
{
    cli_table *t = calloc(1, sizeof *t);

    if (!t || !(t->cols = malloc(ncols * sizeof *cols))) {
        free(t);
        cli_data_error(c, "out of memory");
    }
    memcpy(t->cols, cols, ncols * sizeof *cols);
    t->c = c;
    t->ncols = ncols;
    return t;
}

void cli_table_free(cli_table *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->cols);
    free(t);
}

static cell *append(cli_table *t)
{
    if (t->ncells == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        cell *grown = realloc(t->cells, cap * sizeof *grown);
        if (!grown)
            cli_data_error(t->c, "out of memory");
        t->cells = grown;
        t->cap = cap;
    }
    t->cells[t->ncells].num = NAN;
    t->cells[t->ncells].text = NULL;
    return &t->cells[t->ncells++];
}

void cli_table_text(cli_table *t, const char *text)
{
    cell *x = append(t);

    if (text && !(x->text = strdup(text)))
        cli_data_error(t->c, "out of memory");
}

void cli_table_num(cli_table *t, double value)
{
    const cli_column *col = &t->cols[t->ncells % t->ncols];
    append(t)->num = col->kind == CLI_MONEY ? cli_money_out(t->c, value)
                                            : value;
}

/* The shortest text that reads back as exactly v. */
static void exact_number(double v, char *buf, size_t size)
{
    int prec;

    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* A cell as the text table shows it. */
static void shown(const cli_table *t, size_t i, char *buf, size_t size)
{
    const cell *x = &t->cells[i];
    cli_kind kind = t->cols[i % t->ncols].kind;

    if (kind == CLI_TEXT) {
        snprintf(buf, size, "%s", x->text ? x->text : "-");
        return;
    }
    if (isnan(x->num)) {
        snprintf(buf, size, "-");
        return;
    }
    switch (kind) {
    case CLI_INT:
        snprintf(buf, size, "%.0f", x->num);
        break;
    case CLI_YEARS:
        snprintf(buf, size, "%.6g", x->num);
        break;
    case CLI_MONEY:
        cli_format_money(t->c, x->num, buf, size);
        break;
    case CLI_SHARE:
        snprintf(buf, size, "%.1f %%", 100.0 * x->num);
        break;
    default:
        snprintf(buf, size, "%.3f", x->num);
        break;
    }
}

/* A cell as CSV and JSON carry it: numbers exact, nothing formatted. */
static void raw(const cli_table *t, size_t i, char *buf, size_t size)
{
    const cell *x = &t->cells[i];

    if (t->cols[i % t->ncols].kind == CLI_TEXT)
        snprintf(buf, size, "%s", x->text ? x->text : "");
    else if (isnan(x->num))
        buf[0] = '\0';
    else
        exact_number(x->num, buf, size);
}

static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void write_csv(const cli_table *t, FILE *out)
{
    char buf[512];
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        csv_field(out, t->cols[i].key);
        fputs(i + 1 < t->ncols ? "," : "\r\n", out);
    }
    for (i = 0; i < t->ncells; i++) {
        raw(t, i, buf, sizeof buf);
        csv_field(out, buf);
        fputs((i + 1) % t->ncols ? "," : "\r\n", out);
    }
}

/* Display width of UTF-8 text: one column per code point. */
static size_t width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(FILE *out, size_t n)
{
    while (n-- > 0)
        fputc(' ', out);
}

static void write_text(const cli_table *t, FILE *out)
{
    size_t w[64] = {0}, i, n = t->ncols < 64 ? t->ncols : 64;
    char buf[512];

    for (i = 0; i < n; i++)
        w[i] = width(t->cols[i].title);
    for (i = 0; i < t->ncells; i++) {
        shown(t, i, buf, sizeof buf);
        if (width(buf) > w[i % t->ncols])
            w[i % t->ncols] = width(buf);
    }
    for (i = 0; i < t->ncells + n; i++) {
        size_t col = i % t->ncols;
        int left = t->cols[col].kind == CLI_TEXT;
        const char *s = buf;
        if (i < n)
            s = t->cols[col].title;
        else
            shown(t, i - n, buf, sizeof buf);
        if (!left)
            pad(out, w[col] - width(s));
        fputs(s, out);
        if (col + 1 == t->ncols) {
            fputc('\n', out);
        } else {
            if (left)
                pad(out, w[col] - width(s));
            fputs("  ", out);
        }
    }
}

void cli_table_write(const cli_table *t)
{
    if (t->c->format == CLI_CSV)
        write_csv(t, t->c->out);
    else
        write_text(t, t->c->out);
}

json_t *cli_table_json(const cli_table *t)
{
    json_t *rows = json_array(), *row = NULL;
    size_t i;

    if (!rows)
        cli_data_error(t->c, "out of memory");
    for (i = 0; i < t->ncells; i++) {
        const cli_column *col = &t->cols[i % t->ncols];
        const cell *x = &t->cells[i];
        json_t *v;
        if (i % t->ncols == 0) {
            row = json_object();
            if (!row || json_array_append_new(rows, row) != 0)
                cli_data_error(t->c, "out of memory");
        }
        if (col->kind == CLI_TEXT)
            v = x->text ? json_string(x->text) : json_null();
        else if (col->kind == CLI_INT && !isnan(x->num))
            v = json_integer((json_int_t)x->num);
        else
            v = cli_json_num(t->c, x->num);
        cli_json_set(t->c, row, col->key, v);
    }
    return rows;
}

/* ---- JSON --------------------------------------------------------------- */

json_t *cli_json_num(cli *c, double value)
{
    json_t *v = isfinite(value) ? json_real(value) : json_null();

    if (!v)
        cli_data_error(c, "out of memory");
    return v;
}

json_t *cli_json_money(cli *c, double amount)
{
    return cli_json_num(c, cli_money_out(c, amount));
}

void cli_json_set(cli *c, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        cli_data_error(c, "out of memory");
}

/* ---- plots -------------------------------------------------------------- */

/* PLplot calls this before it exits the process on a fatal error. */
static const char *plot_tool = "career";
static int plot_exit(const char *message)
{
    fprintf(stderr, "%s: plotting failed: %s\n", plot_tool, message);
    return 1;
}

static void range(const double *v, size_t n, double *lo, double *hi)
{
    size_t i;

    if (!v)
        return;
    for (i = 0; i < n; i++) {
        if (isfinite(v[i]) && v[i] < *lo)
            *lo = v[i];
        if (isfinite(v[i]) && v[i] > *hi)
            *hi = v[i];
    }
}

/* A band between lo and hi as one filled polygon. */
static void fill_band(const cli_plot *p, const double *lo, const double *hi,
                      double *px, double *py)
{
    size_t i, n = p->n;

    for (i = 0; i < n; i++) {
        px[i] = p->x[i];
        py[i] = hi[i];
        px[2 * n - 1 - i] = p->x[i];
        py[2 * n - 1 - i] = lo[i];
    }
    plfill((PLINT)(2 * n), px, py);
}

static void draw_marks(const cli_plot *p, double xlo, double xhi,
                       double ylo, double yhi)
{
    size_t i;

    plschr(0.0, 0.6);
    for (i = 0; i < p->nmarks; i++) {
        double x = p->marks[i].x;
        if (!(x >= xlo && x < xhi))
            continue;
        plcol0(3);
        pllsty(2);
        if (x > xlo)
            pljoin(x, ylo, x, yhi);
        pllsty(1);
        /* the label runs up just right of the line (rotated text hangs
         * to the left of its baseline) */
        plcol0(1);
        plptex(x + 0.022 * (xhi - xlo), ylo + 0.03 * (yhi - ylo), 0.0, 1.0,
               0.0, p->marks[i].label ? p->marks[i].label : "");
    }
    plschr(0.0, 1.0);
}

static void draw(const cli_plot *p, double *px, double *py)
{
    double xlo = p->x[0], xhi = p->x[p->n - 1], ylo = INFINITY, yhi = -INFINITY;

    range(p->y, p->n, &ylo, &yhi);
    range(p->outer_lo, p->n, &ylo, &yhi);
    range(p->outer_hi, p->n, &ylo, &yhi);
    range(p->inner_lo, p->n, &ylo, &yhi);
    range(p->inner_hi, p->n, &ylo, &yhi);
    ylo -= 0.05 * (yhi - ylo);
    yhi += 0.05 * (yhi - ylo);
    if (!(yhi > ylo))
        yhi = ylo + 1.0;
    if (!(xhi > xlo))
        xhi = xlo + 1.0;
    pladv(0);
    plvpor(0.10, 0.96, 0.20, 0.91);
    plwind(xlo, xhi, ylo, yhi);
    if (p->outer_lo && p->outer_hi) {
        plcol0(4);
        fill_band(p, p->outer_lo, p->outer_hi, px, py);
    }
    if (p->inner_lo && p->inner_hi) {
        plcol0(5);
        fill_band(p, p->inner_lo, p->inner_hi, px, py);
    }
    plcol0(6);
    plbox("g", 0.0, 0, "g", 0.0, 0);
    draw_marks(p, xlo, xhi, ylo, yhi);
    plcol0(2);
    plwidth(2.5);
    plline((PLINT)p->n, p->x, p->y);
    plwidth(1.0);
    plcol0(1);
    plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
    pllab(p->xlabel, p->ylabel, p->title);
    if (p->band_note) {
        plschr(0.0, 0.8);
        plmtex("b", 6.2, 0.0, 0.0, p->band_note);
        plschr(0.0, 1.0);
    }
}

/* Colour map 0: white paper, black ink, a blue line, grey tier markers,
 * light and mid blue bands, a faint grid. */
static void palette(void)
{
    plscol0(0, 255, 255, 255);
    plscol0(1, 0, 0, 0);
    plscol0(2, 31, 78, 160);
    plscol0(3, 110, 110, 110);
    plscol0(4, 205, 222, 245);
    plscol0(5, 150, 185, 235);
    plscol0(6, 190, 190, 190);
}

void cli_plot_draw(cli *c, const cli_plot *p)
{
    const char *dot = strrchr(p->path, '.');
    double *px = malloc(4 * p->n * sizeof *px);
    int saved, devnull;
    struct stat st;

    if (!px || p->n < 2) {
        free(px);
        cli_data_error(c, "%s: nothing to plot", p->path);
    }
    /* so that an old file is never taken for the new picture */
    if (unlink(p->path) != 0 && errno != ENOENT)
        cli_data_error(c, "%s: %s", p->path, strerror(errno));
    /* PLplot may print to stdout; the tool's stdout is only its result. */
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    devnull = open("/dev/null", O_WRONLY);
    if (saved >= 0 && devnull >= 0)
        dup2(devnull, STDOUT_FILENO);
    plot_tool = c->tool;
    plsexit(plot_exit);
    plsdev(strcasecmp(dot, ".png") == 0 ? "pngcairo" : "svg");
    plsfnam(p->path);
    plspage(0.0, 0.0, 960, 640, 0, 0);
    palette();
    plinit();
    draw(p, px, px + 2 * p->n);
    plend();
    fflush(stdout);
    if (saved >= 0 && devnull >= 0)
        dup2(saved, STDOUT_FILENO);
    if (saved >= 0)
        close(saved);
    if (devnull >= 0)
        close(devnull);
    free(px);
    if (stat(p->path, &st) != 0 || st.st_size == 0)
        cli_data_error(c, "%s: the plot could not be written", p->path);
}
