/*
 * cli.h - what the libcareer command-line tools share: the common options,
 * strict number parsing, exit statuses and messages, money formatting,
 * tables rendered as text, CSV or JSON, and plots with PLplot.
 *
 * The tools use only the public header <career.h>. Exit statuses:
 * 0 success, 1 data error (profile, model, I/O), 2 usage error. Nothing is
 * written to stdout unless the whole run succeeded: tools write into
 * cli_out(), an in-memory stream that cli_finish() copies to stdout.
 *
 * Copyright (C) 2026 the libcareer authors. GPL-3.0-or-later.
 */
#ifndef CAREER_CLI_H
#define CAREER_CLI_H

#include <career.h>

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

typedef enum cli_format { CLI_TABLE = 0, CLI_CSV, CLI_JSON } cli_format;

/* getopt_long codes of the common options; a tool's own long-only options
 * start at CLI_OPT_TOOL. */
enum {
    CLI_OPT_PROFILE = 256,
    CLI_OPT_ROLE,
    CLI_OPT_FORMAT,
    CLI_OPT_PER,
    CLI_OPT_LOCATION,
    CLI_OPT_INTERP,
    CLI_OPT_DIST,
    CLI_OPT_DISPERSION,
    CLI_OPT_OCC,
    CLI_OPT_TOOL = 320
};

/* The short options every tool has (append the tool's own). */
#define CLI_SHORT_OPTIONS ":hV"

/* The common long options, for a tool's struct option array. */
#define CLI_LONG_OPTIONS                                                      \
    {"profile", required_argument, NULL, CLI_OPT_PROFILE},                    \
        {"role", required_argument, NULL, CLI_OPT_ROLE},                      \
        {"occ", required_argument, NULL, CLI_OPT_OCC},                        \
        {"format", required_argument, NULL, CLI_OPT_FORMAT},                  \
        {"per", required_argument, NULL, CLI_OPT_PER},                        \
        {"location-factor", required_argument, NULL, CLI_OPT_LOCATION},       \
        {"interp", required_argument, NULL, CLI_OPT_INTERP},                  \
        {"dist", required_argument, NULL, CLI_OPT_DIST},                      \
        {"dispersion", required_argument, NULL, CLI_OPT_DISPERSION},          \
        {"help", no_argument, NULL, 'h'},                                     \
        {"version", no_argument, NULL, 'V'}

/* The help text of the common options, for a tool's usage: CLI_COMMON_HELP
 * is the three parts in order; a tool that takes --per its own way (career-
 * merit accepts only the profile's period) writes its own middle part. */
#define CLI_COMMON_HELP CLI_HELP_PROFILE CLI_HELP_PER CLI_HELP_MODEL
#define CLI_HELP_PROFILE                                                      \
    "      --profile FILE       JSON profile, - for standard input (default:\n" \
    "                           the built-in Performance Architect profile)\n" \
    "      --role NAME          the profile to use from a multi-profile file\n" \
    "                           (case is ignored for ASCII letters only)\n"  \
    "      --occ CODE           the same, by occupation code (e.g. 15-1252)\n" \
    "      --format FORMAT      table (default; also text), csv or json, in\n" \
    "                           any case\n"
#define CLI_HELP_PER                                                          \
    "      --per PERIOD         show money per year, month or hour (also\n"   \
    "                           annual, monthly, hourly; any case; 2,080\n"   \
    "                           working hours a year; default: the\n"        \
    "                           profile's own period)\n"
#define CLI_HELP_MODEL                                                        \
    "      --location-factor F  multiply every salary by F (1e-6 to 1e6;\n"   \
    "                           default 1)\n"                                 \
    "      --interp METHOD      experience curve: auto, steffen, linear,\n"   \
    "                           cspline, akima or mincer (default auto)\n"    \
    "      --dist METHOD        market distribution: auto, metalog,\n"        \
    "                           lognormal or spline (default auto)\n"         \
    "      --dispersion D       the band's spread: calibrated (default: fitted\n" \
    "                           so the bands mix back to the market), market\n" \
    "                           (the whole market's spread, d = 1) or a\n"    \
    "                           number d from 0.01 to 5\n"                    \
    "  -h, --help               show this help and exit\n"                    \
    "  -V, --version            show the version and exit\n"

typedef struct cli {
    const char *tool;  /* "career-estimate"                          */
    const char *usage; /* the whole --help text                      */
    const char *profile_path;
    const char *role;
    const struct option *longopts; /* the tool's, for option errors */
    const char *occ; /* --occ: pick a profile by occupation code */
    cli_format format;
    career_period per;     /* the unit money is shown in          */
    int per_given;         /* --per was given; else per = unit    */
    career_options options;
    career_profile *loaded; /* from --profile, or NULL              */
    career_model *model;
    const career_profile *profile; /* the model's copy               */
    career_period unit;            /* the profile's own period      */
    char *outbuf;
    size_t outlen;
    const json_t *raw[4]; /* numbers written as their text (cli_json_uint) */
    size_t nraw;
    size_t json_members; /* written by cli_json_key so far */
    FILE *out; /* stdout, in memory until cli_finish (or cli_out_direct) */
} cli;

/* Sets up c for `tool`, with stdout held in memory. Exits 1 without memory. */
void cli_init(cli *c, const char *tool, const char *usage);

/* Handles a common option (value in optarg) or a getopt error ('?', ':'),
 * argv being main's; returns 1 when it did, 0 when opt is the tool's own.
 * --help and --version print and exit 0; bad values exit 2. */
int cli_common_option(cli *c, int opt, char *const argv[]);

/* One line "tool: message" and the --help hint on stderr; exits 2. */
_Noreturn void cli_usage_error(cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "tool: message" on stderr; frees what c holds; exits 1. */
_Noreturn void cli_data_error(cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The library's error record as "tool: file:line:column: text"; exits 1. */
_Noreturn void cli_error_record(cli *c, const career_error *err);

/* Exits 1 naming `what` and the status unless st is CAREER_OK. */
void cli_check(cli *c, career_status st, const char *what);

/* Strict parsing of an option's value: the whole text is one finite number
 * within [min, max] (excluding min when min_open). Exits 2 otherwise. */
double cli_parse_double(cli *c, const char *opt, const char *arg, double min,
                        int min_open, double max);
unsigned long long cli_parse_uint(cli *c, const char *opt, const char *arg,
                                  unsigned long long min,
                                  unsigned long long max);

/* Loads the profile (--profile/--role, or the built-in one) and builds the
 * model with --interp, --dist and --location-factor. Exits 1 on errors. */
void cli_open_model(cli *c);

/* What the model used: its resolved options (the method AUTO chose, d
 * after calibration, the location factor) and the separation rate. */
typedef struct cli_model_info {
    career_options options;
    int calibrated; /* d was fitted (not given by --dispersion) */
    double separation_rate;
} cli_model_info;
void cli_model_used(const cli *c, cli_model_info *info);
/* "steffen", "metalog": the names --interp and --dist take. */
const char *cli_interp_name(career_interp i);
const char *cli_dist_name(career_dist d);
/* One line "Model: steffen curve (clamp ...), metalog market, power band,
 * dispersion d = 0.6373 (calibrated), location factor 1" on cli_out(). */
void cli_print_model(cli *c);
/* The same as a JSON object: interp, extrap, dist, band, dispersion,
 * dispersion_source, separation_rate, location_factor. */
json_t *cli_model_json(cli *c);

/* Money from the profile's period to the --per unit, and back. */
double cli_money_out(const cli *c, double amount);
double cli_money_in(const cli *c, double amount);
/* "year", "month" or "hour": the --per unit. */
const char *cli_per_name(const cli *c);
/* The profile's currency ("" when it has none). */
const char *cli_currency(const cli *c);
/* amount (already in the --per unit) as "125,000 USD"; hours get cents;
 * 1e15 and beyond as "5.704e+109 USD". */
void cli_format_money(const cli *c, double amount, char *buf, size_t size);
/* A total (never per hour or month) as "1,440,849 USD". */
void cli_format_total(const cli *c, double amount, char *buf, size_t size);
/* Years for a reader: "1 year", "7.5 years" (6 decimals at most, so
 * 2.9999999999999996 is "3 years"), "less than 0.000001 years". */
void cli_format_years(double years, char *buf, size_t size);
/* `one` when n is 1, else `many` ("1 path", "2 paths"). */
const char *cli_plural(double n, const char *one, const char *many);
/* Copies s into buf with every control character (C0, DEL, C1) shown as
 * \xHH, so that no text from a profile or guide reaches a terminal raw. */
void cli_escape(const char *s, char *buf, size_t size);

/* The in-memory stdout. */
FILE *cli_out(cli *c);

/* For an output too big to hold (career-merit's rows): writes what
 * cli_out() holds to stdout and makes stdout itself cli_out() from now
 * on. Call it once nothing but a failed write can go wrong any more:
 * stdout is then no longer empty on an error. */
void cli_out_direct(cli *c);

/* Writes the JSON document to cli_out() (two-space indent, keys in
 * insertion order, reals as cli_number_text, control characters escaped)
 * and releases it. Exits 1 without memory. */
void cli_emit_json(cli *c, json_t *doc);

/* Checks a --plot path before anything is drawn: .svg or .png (usage error
 * otherwise), its folder exists and is writable (data error otherwise). */
void cli_check_plot_path(cli *c, const char *opt, const char *path);

/* Copies the output to stdout, frees everything, returns the exit status
 * (1 if stdout could not be written). */
int cli_finish(cli *c);

/* Frees what c holds (idempotent). */
void cli_free(cli *c);

/* ---- tables ------------------------------------------------------------ */

typedef enum cli_kind {
    CLI_TEXT,  /* left-aligned text                          */
    CLI_INT,   /* a whole number                             */
    CLI_YEARS, /* years: up to 6 significant digits          */
    CLI_MONEY, /* money, given in the profile's period       */
    CLI_TOTAL, /* a sum of money (cumulative, present value):
                  never converted by --per                   */
    CLI_SHARE, /* a share in [0,1], shown as a percentage    */
    CLI_RATIO  /* a ratio, 3 decimals                        */
} cli_kind;

typedef struct cli_column {
    const char *key;   /* CSV header and JSON key  */
    const char *title; /* text table header        */
    cli_kind kind;
} cli_column;

typedef struct cli_table cli_table;

/* A table of ncols columns (copied); cells are appended row by row. */
cli_table *cli_table_new(cli *c, const cli_column *cols, size_t ncols);
/* The columns that state the model a CSV's rows come from (interp, dist,
 * dispersion, location_factor; see cli_model_used), and their cells. */
#define CLI_MODEL_COLUMNS 4
extern const cli_column cli_model_columns[CLI_MODEL_COLUMNS];
void cli_table_model(cli_table *t);
/* Appends a text cell (copied; NULL = empty / JSON null). */
void cli_table_text(cli_table *t, const char *text);
/* Appends a number (CLI_MONEY: in the profile's period; converted to the
 * --per unit here). NaN = empty / "-" / JSON null. */
void cli_table_num(cli_table *t, double value);
/* Writes the table as aligned text (CLI_TABLE) or RFC 4180 CSV with a
 * header row (CLI_CSV) to cli_out(). */
void cli_table_write(const cli_table *t);
/* The rows as a JSON array of objects keyed by the columns. */
json_t *cli_table_json(const cli_table *t);
void cli_table_free(cli_table *t);

/* Tables too big to hold, written as they are filled: cli_table_flush
 * writes the rows appended so far as CSV to cli_out() (the header with
 * the first ones) and forgets them; cli_table_json_rows writes them as
 * the elements of a JSON array, the value of a member of a document
 * written with cli_json_key (below), and cli_table_json_close ends the
 * array. The text is the same as cli_table_write's and cli_emit_json's
 * of the whole table. */
void cli_table_flush(cli_table *t);
void cli_table_json_rows(cli_table *t);
void cli_table_json_close(cli_table *t);

/* A JSON document written member by member, as cli_emit_json would write
 * it whole: cli_json_key writes "key": (after a comma, or the opening
 * brace), then either cli_json_value (a value built with jansson, then
 * released) or a table's rows streamed as above; cli_json_close ends the
 * document. */
void cli_json_key(cli *c, const char *key);
void cli_json_value(cli *c, json_t *value);
void cli_json_close(cli *c);

/* A number for JSON: NaN becomes null. */
json_t *cli_json_num(cli *c, double value);
/* Money (profile period) converted to the --per unit, for JSON. */
json_t *cli_json_money(cli *c, double amount);
/* An unsigned number, exact even above 2^63 - 1 (jansson's integers are
 * signed): cli_emit_json writes it as its digits. */
json_t *cli_json_uint(cli *c, unsigned long long value);
/* The shortest text of v that reads back as exactly v: %.15g, %.16g or
 * %.17g, the first that does (0.1, not 0.10000000000000001). The one
 * number formatter of the CSV and JSON the tools write. */
void cli_number_text(double v, char *buf, size_t size);
/* Sets key in obj, exiting 1 without memory. */
void cli_json_set(cli *c, json_t *obj, const char *key, json_t *value);

/* ---- plots (PLplot) ---------------------------------------------------- */

/* A vertical marker line with a label (a tier change): drawn dashed with
 * its number under the curves, the label in the legend. */
typedef struct cli_mark {
    double x;
    const char *label;
} cli_mark;

/* One picture: a line y(x), optional bands (lo/hi pairs, NULL when absent)
 * shaded behind it, a second line, points, vertical markers and a legend
 * with a key for each, below the plot. */
typedef struct cli_plot {
    const char *path; /* .svg or .png: checked by cli_check_plot_path */
    const char *title;    /* first line, shrunk to fit the width       */
    const char *subtitle; /* second line (the options used), or NULL  */
    const char *xlabel;
    const char *ylabel;
    const double *x, *y;
    size_t n;
    const char *y_label;               /* legend text of the line     */
    const double *y2;                  /* a second line, or NULL      */
    const char *y2_label;
    const double *outer_lo, *outer_hi; /* p10-p90, or NULL */
    const double *inner_lo, *inner_hi; /* p25-p75, or NULL */
    const char *outer_label, *inner_label;
    const double *px, *py; /* points (the anchors), or NULL */
    size_t npoints;
    const char *points_label;
    const cli_mark *marks;
    size_t nmarks;
    const char *marks_label; /* legend text of the dashed lines */
    const char *x2label;     /* a secondary x axis on top, x + x2_offset */
    double x2_offset;
} cli_plot;

/* Draws the plot into its file (nothing on stdout). Text that no installed
 * font can draw is written as U+XXXX, never as empty boxes. Exits 1 on
 * failure. */
void cli_plot_draw(cli *c, const cli_plot *plot);

/* For a tool that draws its own picture with PLplot: opens the plot
 * (stdout held away from PLplot, the driver chosen by the extension) onto
 * a temporary file beside `path` (career_replace_begin), and returns its
 * name; after plend, cli_plot_close checks that the file is whole and
 * renames it over `path`, or removes it and exits 1, the old file kept. */
const char *cli_plot_open(cli *c, const char *path);
/* Text for PLplot: '#' doubled, control characters as \xHH, characters
 * no installed font has as <U+XXXX>. */
void cli_plot_text(const char *s, char *out, size_t size);
void cli_plot_close(cli *c, const char *path);

#endif /* CAREER_CLI_H */
