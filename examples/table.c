/* table.c - the tools' output: tables as aligned text or CSV, and JSON
 * written with the shortest number text that reads back exactly (see
 * cli.h). No PLplot here: the tools that do not plot link only this. */
#include "cli.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    size_t flushed; /* rows already written by cli_table_flush or
                       cli_table_json_rows (and cleared) */
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

/* Forgets the cells (the rows were written). */
static void clear_cells(cli_table *t)
{
    size_t i;

    for (i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    t->ncells = 0;
}

void cli_table_free(cli_table *t)
{
    if (!t)
        return;
    clear_cells(t);
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

void cli_number_text(double v, char *buf, size_t size)
{
    int prec;

    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* A number shown with `decimals`, or in 4 significant digits once that
 * would be a long row of digits. */
static void fixed(double v, int decimals, char *buf, size_t size)
{
    if (fabs(v) >= 1e9)
        snprintf(buf, size, "%.4g", v);
    else
        snprintf(buf, size, "%.*f", decimals, v == 0.0 ? 0.0 : v);
}

/* A cell as the text table shows it: numbers rounded for a reader, text
 * with its control characters escaped. */
static void shown(const cli_table *t, size_t i, char *buf, size_t size)
{
    const cell *x = &t->cells[i];
    cli_kind kind = t->cols[i % t->ncols].kind;

    if (kind == CLI_TEXT) {
        cli_escape(x->text ? x->text : "-", buf, size);
        return;
    }
    if (isnan(x->num)) {
        snprintf(buf, size, "-");
        return;
    }
    switch (kind) {
    case CLI_INT:
        fixed(x->num, 0, buf, size);
        break;
    case CLI_YEARS:
        snprintf(buf, size, "%.6g", round(x->num * 1e6) / 1e6);
        break;
    case CLI_MONEY:
        cli_format_money(t->c, x->num, buf, size);
        break;
    case CLI_TOTAL:
        cli_format_total(t->c, x->num, buf, size);
        break;
    case CLI_SHARE:
        fixed(100.0 * x->num, 1, buf, size);
        strncat(buf, " %", size - strlen(buf) - 1);
        break;
    default:
        fixed(x->num, 3, buf, size);
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
        cli_number_text(x->num, buf, size);
}

/* Quoted when it holds a comma, a quote or any control character. */
static int needs_quotes(const char *s)
{
    for (; *s; s++)
        if (*s == ',' || *s == '"' || (unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

static void csv_field(FILE *out, const char *s)
{
    if (!needs_quotes(s)) {
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

    for (i = 0; i < t->ncols && t->flushed == 0; i++) {
        csv_field(out, t->cols[i].key);
        fputs(i + 1 < t->ncols ? "," : "\r\n", out);
    }
    for (i = 0; i < t->ncells; i++) {
        raw(t, i, buf, sizeof buf);
        csv_field(out, buf);
        fputs((i + 1) % t->ncols ? "," : "\r\n", out);
    }
}

/* Whether code point u takes two terminal columns (East Asian wide and
 * full-width forms, emoji), after Unicode's EastAsianWidth W and F. */
static int wide(unsigned long u)
{
    static const unsigned long ranges[][2] = {
        {0x1100, 0x115f},   {0x2e80, 0x303e},   {0x3041, 0x33ff},
        {0x3400, 0x4dbf},   {0x4e00, 0x9fff},   {0xa000, 0xa4cf},
        {0xac00, 0xd7a3},   {0xf900, 0xfaff},   {0xfe30, 0xfe4f},
        {0xff00, 0xff60},   {0xffe0, 0xffe6},   {0x1f300, 0x1f64f},
        {0x1f680, 0x1f6ff}, {0x1fa70, 0x1faff},
        {0x1f900, 0x1f9ff}, {0x20000, 0x3fffd}};
    size_t i;

    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (u >= ranges[i][0] && u <= ranges[i][1])
            return 1;
    return 0;
}

/* Display width of UTF-8 text in terminal columns. */
static size_t width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0, len, i;
    unsigned long cp;

    while (*u) {
        len = *u < 0x80 ? 1 : *u >= 0xf0 ? 4 : *u >= 0xe0 ? 3 : 2;
        cp = *u < 0x80 ? *u : *u & (0x3fu >> (len - 1));
        for (i = 1; i < len && (u[i] & 0xc0) == 0x80; i++)
            cp = (cp << 6) | (u[i] & 0x3fu);
        n += i == len && wide(cp) ? 2u : 1u;
        u += i;
    }
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

void cli_table_flush(cli_table *t)
{
    write_csv(t, t->c->out);
    t->flushed += t->ncells / t->ncols;
    clear_cells(t);
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

/* ---- the model's columns ---------------------------------------------------- */

const cli_column cli_model_columns[CLI_MODEL_COLUMNS] = {
    {"interp", "interp", CLI_TEXT},
    {"dist", "dist", CLI_TEXT},
    {"dispersion", "dispersion", CLI_RATIO},
    {"location_factor", "location factor", CLI_RATIO},
};

void cli_table_model(cli_table *t)
{
    cli_model_info m;

    cli_model_used(t->c, &m);
    cli_table_text(t, cli_interp_name(m.options.interp));
    cli_table_text(t, cli_dist_name(m.options.dist));
    cli_table_num(t, m.options.dispersion);
    cli_table_num(t, m.options.location_factor);
}

/* ---- JSON text ---------------------------------------------------------- */

/* jansson prints every real with 17 digits (0.10000000000000001) and every
 * integer as signed: the tools write the document themselves, reals in the
 * shortest text that reads back exactly, and unsigned numbers registered
 * with cli_json_uint as their own digits. */

static int is_raw(const cli *c, const json_t *v)
{
    size_t i;

    for (i = 0; i < c->nraw; i++)
        if (c->raw[i] == v)
            return 1;
    return 0;
}

json_t *cli_json_uint(cli *c, unsigned long long value)
{
    char text[32];
    json_t *v;

    if (value <= (unsigned long long)LLONG_MAX)
        v = json_integer((json_int_t)value);
    else {
        snprintf(text, sizeof text, "%llu", value);
        v = json_string(text);
        if (v && c->nraw < sizeof c->raw / sizeof c->raw[0])
            c->raw[c->nraw++] = v;
        else if (v) {
            json_decref(v);
            v = NULL;
        }
    }
    if (!v)
        cli_data_error(c, "out of memory");
    return v;
}

/* A JSON string: quotes, backslashes and every control character (C0,
 * DEL and C1) escaped, so none reaches a terminal raw. */
static void json_text(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i;

    fputc('"', out);
    for (i = 0; i < n; i++) {
        unsigned ch = u[i];
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", out);
        else if (ch == '\t')
            fputs("\\t", out);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(out, "\\u%04x", ch);
        else if (ch == 0xc2 && i + 1 < n && u[i + 1] >= 0x80 &&
                 u[i + 1] <= 0x9f)
            fprintf(out, "\\u%04x", (unsigned)u[++i]);
        else
            fputc((int)ch, out);
    }
    fputc('"', out);
}

static void json_real_text(FILE *out, double v)
{
    char buf[40];

    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    cli_number_text(v, buf, sizeof buf);
    fputs(buf, out);
    if (!strpbrk(buf, ".eE"))
        fputs(".0", out);
}

static void indent(FILE *out, int depth)
{
    fprintf(out, "\n%*s", 2 * depth, "");
}

static void json_write(const cli *c, FILE *out, const json_t *v, int depth)
{
    const char *key;
    json_t *x;
    size_t i, n;

    switch (json_typeof(v)) {
    case JSON_OBJECT:
        if (json_object_size(v) == 0) {
            fputs("{}", out);
            break;
        }
        fputc('{', out);
        n = 0;
        json_object_foreach((json_t *)v, key, x) {
            fputs(n++ ? "," : "", out);
            indent(out, depth + 1);
            json_text(out, key, strlen(key));
            fputs(": ", out);
            json_write(c, out, x, depth + 1);
        }
        indent(out, depth);
        fputc('}', out);
        break;
    case JSON_ARRAY:
        if (json_array_size(v) == 0) {
            fputs("[]", out);
            break;
        }
        fputc('[', out);
        json_array_foreach(v, i, x) {
            fputs(i ? "," : "", out);
            indent(out, depth + 1);
            json_write(c, out, x, depth + 1);
        }
        indent(out, depth);
        fputc(']', out);
        break;
    case JSON_STRING:
        if (is_raw(c, v))
            fputs(json_string_value(v), out);
        else
            json_text(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        json_real_text(out, json_real_value(v));
        break;
    case JSON_TRUE:
        fputs("true", out);
        break;
    case JSON_FALSE:
        fputs("false", out);
        break;
    default:
        fputs("null", out);
        break;
    }
}

/* ---- JSON written as it goes ------------------------------------------- */

void cli_json_key(cli *c, const char *key)
{
    fputs(c->json_members++ ? "," : "{", c->out);
    indent(c->out, 1);
    json_text(c->out, key, strlen(key));
    fputs(": ", c->out);
}

void cli_json_value(cli *c, json_t *value)
{
    if (!value)
        cli_data_error(c, "out of memory");
    json_write(c, c->out, value, 1);
    json_decref(value);
}

void cli_json_close(cli *c)
{
    if (c->json_members == 0)
        fputs("{", c->out);
    else
        indent(c->out, 0);
    fputs("}\n", c->out);
    c->json_members = 0;
    c->nraw = 0;
}

/* A row as cli_table_json's object for it would be written at `depth`. */
static void json_row(const cli_table *t, size_t first, int depth)
{
    FILE *out = t->c->out;
    size_t k;

    fputc('{', out);
    for (k = 0; k < t->ncols; k++) {
        const cli_column *col = &t->cols[k];
        const cell *x = &t->cells[first + k];
        fputs(k ? "," : "", out);
        indent(out, depth + 1);
        json_text(out, col->key, strlen(col->key));
        fputs(": ", out);
        if (col->kind == CLI_TEXT && x->text)
            json_text(out, x->text, strlen(x->text));
        else if (col->kind == CLI_TEXT)
            fputs("null", out);
        else if (col->kind == CLI_INT && !isnan(x->num))
            fprintf(out, "%" JSON_INTEGER_FORMAT, (json_int_t)x->num);
        else
            json_real_text(out, x->num);
    }
    indent(out, depth);
    fputc('}', out);
}

void cli_table_json_rows(cli_table *t)
{
    size_t i;

    for (i = 0; i + t->ncols <= t->ncells; i += t->ncols) {
        fputs(t->flushed++ ? "," : "[", t->c->out);
        indent(t->c->out, 2);
        json_row(t, i, 2);
    }
    clear_cells(t);
}

void cli_table_json_close(cli_table *t)
{
    cli_table_json_rows(t);
    if (t->flushed == 0)
        fputs("[", t->c->out);
    else
        indent(t->c->out, 1);
    fputs("]", t->c->out);
}

void cli_emit_json(cli *c, json_t *doc)
{
    if (!doc)
        cli_data_error(c, "out of memory");
    json_write(c, c->out, doc, 0);
    fputc('\n', c->out);
    json_decref(doc);
    c->nraw = 0;
}
