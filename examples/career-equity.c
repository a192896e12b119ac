/* career-equity - the gender pay gap reports of EU Directive 2023/970 and
 * of the UK's regulations of 2017 on a file of employees, the gap adjusted
 * for given factors, its Oaxaca-Blinder decomposition and the cheapest
 * raises that close it (career-equity(1), docs/model.md §13). */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <plplot.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: career-equity [OPTION]... EMPLOYEES.csv\n"
    "Report the gender pay gap of a workforce by the rules of EU Directive\n"
    "2023/970 (Article 9 (a)-(g), the 5 % flag of Article 10) or of the\n"
    "UK's Gender Pay Gap Information Regulations 2017, adjust it for\n"
    "factors, decompose it and price its remedy. EMPLOYEES.csv (RFC 4180\n"
    "or .xlsx, a header row; '-' = stdin) has the columns sex (F or M),\n"
    "pay and hours (weekly), and optionally id, category, period (year,\n"
    "month, week or hour; default year), bonus (over the year) and\n"
    "full_pay (1 or 0; default 1).\n"
    "\n"
    "      --report KIND        eu (default) or uk\n"
    "      --by COLUMN          the column of the categories of workers\n"
    "                           (default: category; none: one category)\n"
    "      --factors LIST       columns of the adjusted analysis, comma-\n"
    "                           separated (years,tier,location)\n"
    "      --categorical LIST   factors read as levels even when they are\n"
    "                           numbers (tier)\n"
    "      --column FIELD=NAME  read FIELD (id, sex, pay, period, hours,\n"
    "                           bonus, full_pay) from column NAME\n"
    "      --threshold T        Article 10's gap, a fraction or a\n"
    "                           percentage (default 5%)\n"
    "      --suppress K         Article 12(3): blank the figures of a\n"
    "                           category with fewer than K women or men\n"
    "                           (for workers; default: marked at 5, shown)\n"
    "      --decompose REF      Oaxaca-Blinder decomposition of ln hourly\n"
    "                           pay on the factors, twofold against b, a,\n"
    "                           reimers, cotton, neumark or jann\n"
    "      --bootstrap N        its standard errors from N seeded bootstrap\n"
    "                           replications (default none)\n"
    "      --seed S             the bootstrap's seed (default 1)\n"
    "      --remedy TARGET      the raises of least cost that bring the\n"
    "                           adjusted gap within +-TARGET (a fraction or\n"
    "                           a percentage)\n"
    "      --max-raise R        with --remedy: at most this share of\n"
    "                           ordinary pay each (default: no limit)\n"
    "      --floor AMOUNT       with --remedy: lift the raised sex's annual\n"
    "                           ordinary pay to AMOUNT first\n"
    "      --remedy-each        with --remedy: each category on its own\n"
    "  -o, --output FILE        with --remedy: each worker's raise as CSV\n"
    "                           to FILE (replaced whole)\n"
    "      --plot FILE          draw the quartile bands by sex and the gap\n"
    "                           by category with its 5 % lines (the UK's\n"
    "                           gaps with --report uk) into FILE.svg or\n"
    "                           FILE.png\n"
    "      --format FORMAT      table (default; also text), csv or json, in\n"
    "                           any case\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Gaps are (men - women) / men: percentages in the table, fractions in\n"
    "CSV and JSON. Exit status: 0 success, 1 data error, 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-equity examples/equity/employees.csv --factors years,tier \\\n"
    "      --categorical tier --remedy 5% --max-raise 15%\n";

enum { OPT_REPORT = CLI_OPT_TOOL, OPT_BY, OPT_FACTORS, OPT_CATEGORICAL,
       OPT_COLUMN, OPT_THRESHOLD, OPT_SUPPRESS, OPT_DECOMPOSE, OPT_BOOTSTRAP,
       OPT_SEED, OPT_REMEDY, OPT_MAX_RAISE, OPT_FLOOR, OPT_REMEDY_EACH,
       OPT_PLOT };

#define MAX_LIST 64

typedef struct args {
    const char *file;
    int uk;
    career_workforce_columns cols;
    const char *factors[MAX_LIST], *categorical[MAX_LIST];
    char *lists[2];
    career_equity_options opts;
    int suppress_given, decompose, remedy, remedy_each;
    career_remedy_options rules;
    const char *output;
    const char *plot;
} args;

/* "5%" or "0.05": a fraction in [min, max] (min excluded when min_open);
 * errors quote the value as given. */
static double parse_share(cli *c, const char *opt, const char *arg,
                          double min, int min_open, double max)
{
    size_t n = strlen(arg);
    int pct = n > 0 && arg[n - 1] == '%';
    char buf[64], *end;
    double v;

    if (n >= sizeof buf || n == (size_t)pct)
        cli_usage_error(c, "%s: invalid number '%s'", opt, arg);
    memcpy(buf, arg, n - (size_t)pct);
    buf[n - (size_t)pct] = '\0';
    v = strtod(buf, &end);
    if (*end || end == buf || !isfinite(v) || strpbrk(buf, "nNiIxX "))
        cli_usage_error(c, "%s: invalid number '%s'", opt, arg);
    v = pct ? v / 100.0 : v;
    if (v < min || (min_open && v == min) || v > max)
        cli_usage_error(c, "%s: '%s' is out of range (must be %s %g %% and "
                           "<= %g %%)", opt, arg, min_open ? ">" : ">=",
                        100.0 * min, 100.0 * max);
    return v;
}

/* Splits a comma-separated list into out (its own copy, kept in *keep). */
static size_t split(cli *c, const char *opt, const char *arg,
                    const char **out, char **keep)
{
    char *s, *tok, *save = NULL;
    size_t n = 0;

    free(*keep);
    if (!(*keep = s = strdup(arg)))
        cli_data_error(c, "out of memory");
    for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == MAX_LIST)
            cli_usage_error(c, "%s: more than %d names", opt, MAX_LIST);
        out[n++] = tok;
    }
    if (n == 0)
        cli_usage_error(c, "%s: no column named", opt);
    return n;
}

static void rename_column(cli *c, args *a, char *arg)
{
    static const char *const fields[] = {"id", "sex", "pay", "period",
                                         "hours", "bonus", "full_pay"};
    const char **slot[] = {&a->cols.id, &a->cols.sex, &a->cols.pay,
                           &a->cols.period, &a->cols.hours, &a->cols.bonus,
                           &a->cols.full_pay};
    char *eq = strchr(arg, '=');
    size_t i;

    if (!eq || eq == arg || !eq[1])
        cli_usage_error(c, "--column: '%s' is not FIELD=NAME", arg);
    *eq = '\0';
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(arg, fields[i]) == 0) {
            *slot[i] = eq + 1;
            return;
        }
    cli_usage_error(c, "--column: unknown field '%s' (choose id, sex, pay, "
                       "period, hours, bonus or full_pay; --by names the "
                       "category)", arg);
}

static career_oaxaca_reference reference_of(cli *c, const char *arg)
{
    static const struct {
        const char *name;
        career_oaxaca_reference ref;
    } refs[] = {{"b", CAREER_OAXACA_GROUP_B},
                {"a", CAREER_OAXACA_GROUP_A},
                {"reimers", CAREER_OAXACA_REIMERS},
                {"cotton", CAREER_OAXACA_COTTON},
                {"neumark", CAREER_OAXACA_NEUMARK},
                {"jann", CAREER_OAXACA_POOLED}};
    size_t i;

    for (i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (strcmp(arg, refs[i].name) == 0)
            return refs[i].ref;
    cli_usage_error(c, "--decompose: invalid value '%s' (choose b, a, "
                       "reimers, cotton, neumark or jann)", arg);
}

static void tool_option(cli *c, args *a, int opt)
{
    switch (opt) {
    case OPT_REPORT:
        if (strcmp(optarg, "eu") != 0 && strcmp(optarg, "uk") != 0)
            cli_usage_error(c, "--report: invalid value '%s' (choose eu or "
                               "uk)", optarg);
        a->uk = strcmp(optarg, "uk") == 0;
        break;
    case OPT_BY:
        if (!optarg[0])
            cli_usage_error(c, "--by: empty column name");
        a->cols.category = optarg;
        break;
    case OPT_FACTORS:
        a->cols.nfactors = split(c, "--factors", optarg, a->factors,
                                 &a->lists[0]);
        break;
    case OPT_CATEGORICAL:
        a->cols.ncategorical = split(c, "--categorical", optarg,
                                     a->categorical, &a->lists[1]);
        break;
    case OPT_COLUMN:
        rename_column(c, a, optarg);
        break;
    case OPT_THRESHOLD:
        a->opts.threshold = parse_share(c, "--threshold", optarg, 0.0, 1,
                                        0.99);
        break;
    case OPT_SUPPRESS:
        a->opts.suppress = (size_t)cli_parse_uint(c, "--suppress", optarg, 1,
                                                  1000000);
        a->suppress_given = 1;
        break;
    case OPT_DECOMPOSE:
        a->opts.reference = reference_of(c, optarg);
        a->decompose = 1;
        break;
    case OPT_BOOTSTRAP:
        a->opts.bootstrap = (size_t)cli_parse_uint(c, "--bootstrap", optarg,
                                                   2, 100000);
        break;
    case OPT_SEED:
        a->opts.seed = cli_parse_uint(c, "--seed", optarg, 0, UINT64_MAX);
        break;
    case OPT_REMEDY:
        a->rules.target = parse_share(c, "--remedy", optarg, 0.0, 0, 0.99);
        a->remedy = 1;
        break;
    case OPT_MAX_RAISE:
        a->rules.max_raise = parse_share(c, "--max-raise", optarg, 0.0, 1,
                                         10.0);
        break;
    case OPT_FLOOR:
        a->rules.floor = cli_parse_double(c, "--floor", optarg, 0.0, 1, 1e11);
        break;
    case OPT_REMEDY_EACH:
        a->remedy_each = 1;
        break;
    case OPT_PLOT:
        a->plot = optarg;
        break;
    case 'o':
        if (!optarg[0])
            cli_usage_error(c, "-o: empty file name");
        a->output = optarg;
        break;
    default:
        break;
    }
}

static void parse_args(cli *c, int argc, char *argv[], args *a)
{
    static const struct option longopts[] = {
        {"report", required_argument, NULL, OPT_REPORT},
        {"by", required_argument, NULL, OPT_BY},
        {"factors", required_argument, NULL, OPT_FACTORS},
        {"categorical", required_argument, NULL, OPT_CATEGORICAL},
        {"column", required_argument, NULL, OPT_COLUMN},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"suppress", required_argument, NULL, OPT_SUPPRESS},
        {"decompose", required_argument, NULL, OPT_DECOMPOSE},
        {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
        {"seed", required_argument, NULL, OPT_SEED},
        {"remedy", required_argument, NULL, OPT_REMEDY},
        {"max-raise", required_argument, NULL, OPT_MAX_RAISE},
        {"floor", required_argument, NULL, OPT_FLOOR},
        {"remedy-each", no_argument, NULL, OPT_REMEDY_EACH},
        {"plot", required_argument, NULL, OPT_PLOT},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, CLI_OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int opt;

    c->longopts = longopts;
    a->opts.seed = 1;
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "o:", longopts,
                              NULL)) != -1)
        if (!cli_common_option(c, opt, argv))
            tool_option(c, a, opt);
    if (optind == argc)
        cli_usage_error(c, "no employees file given");
    if (optind + 1 != argc)
        cli_usage_error(c, "one employees file is expected, got %d",
                        argc - optind);
    if (!a->remedy && (a->rules.max_raise > 0.0 || a->rules.floor > 0.0 ||
                       a->remedy_each || a->output))
        cli_usage_error(c, "%s: only with --remedy",
                        a->output ? "-o" : a->remedy_each ? "--remedy-each"
                        : a->rules.max_raise > 0.0 ? "--max-raise"
                                                   : "--floor");
    if (a->opts.bootstrap && !a->decompose)
        cli_usage_error(c, "--bootstrap: only with --decompose");
    if (a->plot)
        cli_check_plot_path(c, "--plot", a->plot);
    a->file = argv[optind];
    a->cols.factors = a->factors;
    a->cols.categorical = a->categorical;
}

/* ---- the run ------------------------------------------------------------- */

typedef struct run {
    career_workforce_table *table;
    career_workforce wf;
    const char *name; /* the file as the user named it */
    career_eu_report eu;
    career_eu_category *cats;
    career_uk_report uk;
    career_oaxaca ob;
    career_oaxaca_term *terms;
    career_remedy *rem;   /* one, or one per category                   */
    char (*why)[320];     /* why a category has no remedy ("" if it has) */
    size_t nrem;
    int64_t *raise;
} run;

static void free_run(run *r)
{
    career_workforce_close(r->table);
    free(r->cats);
    free(r->terms);
    free(r->rem);
    free(r->why);
    free(r->raise);
}

static _Noreturn void fail(cli *c, run *r, args *a, career_error *err)
{
    if (strcmp(err->source, "/dev/stdin") == 0)
        snprintf(err->source, sizeof err->source, "<stdin>");
    free_run(r);
    free(a->lists[0]);
    free(a->lists[1]);
    cli_error_record(c, err);
}

/* The decomposition's detailed terms: the intercept, each numeric
 * factor, each level of a categorical one. */
static size_t term_count(const career_workforce *wf)
{
    size_t j, n = 1;

    for (j = 0; j < wf->nfactors; j++)
        n += wf->factors[j].kind == CAREER_FACTOR_CATEGORICAL
                 ? wf->factors[j].levels : 1;
    return n;
}

static void *alloc(cli *c, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (!p)
        cli_data_error(c, "out of memory");
    return p;
}

/* The remedy of category k (or of all): a category whose regression
 * cannot be formed (no women, too few rows) is said so, not fatal. */
static void remedy_one(cli *c, args *a, run *r, size_t k)
{
    int64_t *one = alloc(c, r->wf.n, sizeof *one);
    career_error err;
    career_status st;
    size_t i;

    st = career_equity_remedy(&r->wf, &a->opts, &a->rules,
                              a->remedy_each ? k : CAREER_EQUITY_ALL,
                              &r->rem[k], one, r->wf.n, &err);
    if (st == CAREER_ERR_FIT && a->remedy_each) {
        snprintf(r->why[k], sizeof r->why[k], "%s", err.text);
        r->rem[k].gap_before = r->rem[k].gap_after = NAN;
        r->rem[k].uniform_rate = NAN;
    } else if (st != CAREER_OK) {
        free(one);
        fail(c, r, a, &err);
    }
    for (i = 0; st == CAREER_OK && i < r->wf.n; i++)
        r->raise[i] += one[i];
    free(one);
}

static void compute(cli *c, args *a, run *r)
{
    career_error err;
    const char *path = strcmp(a->file, "-") == 0 ? "/dev/stdin" : a->file;
    size_t k;

    r->name = strcmp(a->file, "-") == 0 ? "<stdin>" : a->file;
    if (career_workforce_open(path, &a->cols, &r->table, &err) != CAREER_OK)
        fail(c, r, a, &err);
    career_workforce_of(r->table, &r->wf);
    r->cats = alloc(c, r->wf.ncategories, sizeof *r->cats);
    if ((a->uk ? career_uk_report_compute(&r->wf, &r->uk, &err)
               : career_eu_report_compute(&r->wf, &a->opts, &r->eu, r->cats,
                                          r->wf.ncategories, &err)))
        fail(c, r, a, &err);
    if (a->decompose) {
        r->terms = alloc(c, term_count(&r->wf), sizeof *r->terms);
        if (career_equity_decompose(&r->wf, &a->opts, CAREER_EQUITY_ALL,
                                    &r->ob, r->terms, term_count(&r->wf),
                                    &err))
            fail(c, r, a, &err);
    }
    if (!a->remedy)
        return;
    r->nrem = a->remedy_each ? r->wf.ncategories : 1;
    r->rem = alloc(c, r->nrem, sizeof *r->rem);
    r->why = alloc(c, r->nrem, sizeof *r->why);
    r->raise = alloc(c, r->wf.n, sizeof *r->raise);
    for (k = 0; k < r->nrem; k++)
        remedy_one(c, a, r, k);
}

/* ---- what is shown ----------------------------------------------------- */

static const char *const band_names[4] = {"lower", "lower middle",
                                          "upper middle", "upper"};

static const char *gap_reason(career_gap_status st)
{
    switch (st) {
    case CAREER_GAP_NO_WOMEN:
        return "no women";
    case CAREER_GAP_NO_MEN:
        return "no men";
    case CAREER_GAP_MEN_ZERO:
        return "the men's figure is 0";
    case CAREER_GAP_TOO_FEW:
        return "too few workers for the factors";
    case CAREER_GAP_CONFOUNDED:
        return "the factors tell the sexes apart";
    case CAREER_GAP_NOT_ASKED:
    case CAREER_GAP_OK:
        break;
    }
    return "";
}

typedef struct figure {
    const char *key, *title;
    double value;
} figure;

static size_t eu_figures(const run *r, figure *f)
{
    const career_eu_report *e = &r->eu;
    size_t n = 0;

    f[n++] = (figure){"mean_gap_annual", "(a) mean gap, annual pay",
                      e->mean_gap_annual};
    f[n++] = (figure){"mean_gap_hourly", "(a) mean gap, hourly pay",
                      e->mean_gap_hourly};
    f[n++] = (figure){"mean_gap_variable", "(b) mean gap, variable pay",
                      e->mean_gap_variable};
    f[n++] = (figure){"median_gap_annual", "(c) median gap, annual pay",
                      e->median_gap_annual};
    f[n++] = (figure){"median_gap_hourly", "(c) median gap, hourly pay",
                      e->median_gap_hourly};
    f[n++] = (figure){"median_gap_variable", "(d) median gap, variable pay",
                      e->median_gap_variable};
    f[n++] = (figure){"variable_share_women",
                      "(e) women receiving variable pay",
                      e->variable_share_women};
    f[n++] = (figure){"variable_share_men", "(e) men receiving variable pay",
                      e->variable_share_men};
    return n;
}

/* The UK's figures; `service` rounds them as the service takes them. */
static size_t uk_figures(const run *r, figure *f, int service)
{
    const career_uk_report *u = &r->uk;
    size_t n = 0, i;

    f[n++] = (figure){"mean_hourly_gap", "mean gender pay gap, hourly pay",
                      u->mean_hourly_gap};
    f[n++] = (figure){"median_hourly_gap",
                      "median gender pay gap, hourly pay",
                      u->median_hourly_gap};
    f[n++] = (figure){"mean_bonus_gap", "mean bonus gender pay gap",
                      u->mean_bonus_gap};
    f[n++] = (figure){"median_bonus_gap", "median bonus gender pay gap",
                      u->median_bonus_gap};
    f[n++] = (figure){"bonus_share_women", "women paid a bonus",
                      u->bonus_share_women};
    f[n++] = (figure){"bonus_share_men", "men paid a bonus",
                      u->bonus_share_men};
    for (i = 0; service && i < n; i++)
        f[i].value = career_gpg_percent(f[i].value) / 100.0;
    return n;
}

static const double *band_share(const args *a, const run *r, int men)
{
    if (a->uk)
        return men ? r->uk.quartile_men : r->uk.quartile_women;
    return men ? r->eu.quartile_men : r->eu.quartile_women;
}

/* Whether category k's figures are blanked for workers (--suppress). */
static int blanked(const args *a, const run *r, size_t k)
{
    return a->suppress_given && (r->cats[k].flags & CAREER_EU_SUPPRESSED);
}

static const char *assessment(const career_eu_category *k)
{
    if (!(k->flags & CAREER_EU_ASSESS))
        return "no";
    if (k->flags & CAREER_EU_UNEXPLAINED)
        return "yes: not explained";
    return k->adjusted_status == CAREER_GAP_OK ? "yes: explained" : "yes";
}

static const char *category_note(const args *a, const run *r, size_t k,
                                 char *buf, size_t size)
{
    const career_eu_category *x = &r->cats[k];

    if (blanked(a, r, k))
        snprintf(buf, size, "suppressed: fewer than %zu women or men",
                 a->opts.suppress);
    else if (x->status != CAREER_GAP_OK)
        snprintf(buf, size, "no gap: %s", gap_reason(x->status));
    else if (x->adjusted_status != CAREER_GAP_OK &&
             x->adjusted_status != CAREER_GAP_NOT_ASKED)
        snprintf(buf, size, "no adjusted gap: %s",
                 gap_reason(x->adjusted_status));
    else if (x->flags & CAREER_EU_SUPPRESSED)
        snprintf(buf, size, "Art. 12(3): under %zu women or men",
                 a->opts.suppress ? a->opts.suppress : 5);
    else
        buf[0] = '\0';
    return buf;
}

/* The name of term k of the decomposition. */
static void term_name(const run *r, size_t k, char *buf, size_t size)
{
    const career_oaxaca_term *t = &r->terms[k];
    const career_factor *f;

    if (t->factor == CAREER_OAXACA_INTERCEPT) {
        snprintf(buf, size, "(intercept)");
        return;
    }
    f = &r->wf.factors[t->factor];
    if (f->kind == CAREER_FACTOR_NUMERIC)
        snprintf(buf, size, "%s", f->name);
    else
        snprintf(buf, size, "%s=%s", f->name, f->level_names[t->level]);
}

static const char *sex_name(career_sex s)
{
    return s == CAREER_SEX_FEMALE ? "women"
           : s == CAREER_SEX_MALE ? "men" : "none";
}

static const char *remedy_scope(const args *a, const run *r, size_t k)
{
    return a->remedy_each ? r->wf.categories[k] : "all";
}

/* ---- the table format ------------------------------------------------- */

static void text_figures(cli *c, const figure *f, size_t n)
{
    static const cli_column cols[] = {{"figure", "Figure", CLI_TEXT},
                                      {"value", "Value", CLI_SHARE}};
    cli_table *t = cli_table_new(c, cols, 2);
    size_t i;

    for (i = 0; i < n; i++) {
        cli_table_text(t, f[i].title);
        cli_table_num(t, f[i].value);
    }
    cli_table_write(t);
    cli_table_free(t);
}

static void text_bands(cli *c, const args *a, const run *r)
{
    static const cli_column cols[] = {{"band", "Band", CLI_TEXT},
                                      {"women", "Women", CLI_SHARE},
                                      {"men", "Men", CLI_SHARE}};
    cli_table *t = cli_table_new(c, cols, 3);
    const double *w = band_share(a, r, 0), *m = band_share(a, r, 1);
    size_t i;

    for (i = 0; i < 4; i++) {
        cli_table_text(t, band_names[i]);
        cli_table_num(t, a->uk ? career_gpg_percent(w[i]) / 100.0 : w[i]);
        cli_table_num(t, a->uk ? career_gpg_percent(m[i]) / 100.0 : m[i]);
    }
    cli_table_write(t);
    cli_table_free(t);
}

static void text_categories(cli *c, const args *a, const run *r)
{
    static const cli_column cols[] = {
        {"category", "Category", CLI_TEXT}, {"women", "Women", CLI_INT},
        {"men", "Men", CLI_INT},            {"gap", "Gap", CLI_SHARE},
        {"basic", "Basic", CLI_SHARE},      {"variable", "Variable", CLI_SHARE},
        {"adjusted", "Adjusted", CLI_SHARE},
        {"assess", "Joint assessment", CLI_TEXT}, {"note", "Note", CLI_TEXT}};
    cli_table *t = cli_table_new(c, cols, sizeof cols / sizeof cols[0]);
    char note[160];
    size_t k;

    for (k = 0; k < r->wf.ncategories; k++) {
        const career_eu_category *x = &r->cats[k];
        int b = blanked(a, r, k);
        cli_table_text(t, r->wf.categories[k]);
        cli_table_num(t, (double)x->women);
        cli_table_num(t, (double)x->men);
        cli_table_num(t, b ? NAN : x->gap_hourly);
        cli_table_num(t, b ? NAN : x->gap_basic);
        cli_table_num(t, b ? NAN : x->gap_variable);
        cli_table_num(t, b ? NAN : x->adjusted_gap);
        cli_table_text(t, assessment(x));
        cli_table_text(t, category_note(a, r, k, note, sizeof note));
    }
    cli_table_write(t);
    cli_table_free(t);
}

static void text_decomposition(cli *c, const run *r)
{
    static const cli_column cols[] = {
        {"term", "Term", CLI_TEXT},
        {"explained", "Explained", CLI_RATIO},
        {"unexplained", "Unexplained", CLI_RATIO},
        {"endowments", "Endowments", CLI_RATIO},
        {"coefficients", "Coefficients", CLI_RATIO},
        {"interaction", "Interaction", CLI_RATIO}};
    const career_oaxaca *o = &r->ob;
    FILE *out = cli_out(c);
    cli_table *t;
    char name[256];
    size_t k;

    fprintf(out, "\nOaxaca-Blinder decomposition of ln hourly pay, men (%zu) "
                 "against women (%zu)\n", o->n_a, o->n_b);
    fprintf(out, "Gap %.4f = endowments %.4f + coefficients %.4f + "
                 "interaction %.4f\n", o->gap, o->endowments,
            o->coefficients, o->interaction);
    fprintf(out, "Twofold: explained %.4f, unexplained %.4f", o->explained,
            o->unexplained);
    if (!isnan(o->se_explained))
        fprintf(out, " (bootstrap standard errors %.4f and %.4f)",
                o->se_explained, o->se_unexplained);
    fprintf(out, "\n");
    t = cli_table_new(c, cols, sizeof cols / sizeof cols[0]);
    for (k = 0; k < o->terms; k++) {
        term_name(r, k, name, sizeof name);
        cli_table_text(t, name);
        cli_table_num(t, r->terms[k].explained);
        cli_table_num(t, r->terms[k].unexplained);
        cli_table_num(t, r->terms[k].endowments);
        cli_table_num(t, r->terms[k].coefficients);
        cli_table_num(t, r->terms[k].interaction);
    }
    cli_table_write(t);
    cli_table_free(t);
}

/* cents as "56,962.88". */
static void cents_text(int64_t cents, char *buf, size_t size)
{
    char digits[32], grouped[48];
    int64_t whole = cents / 100;
    size_t n, i, k = 0;

    snprintf(digits, sizeof digits, "%lld", (long long)whole);
    n = strlen(digits);
    for (i = 0; i < n && k + 2 < sizeof grouped; i++) {
        grouped[k++] = digits[i];
        if (i + 1 < n && (n - i - 1) % 3 == 0)
            grouped[k++] = ',';
    }
    grouped[k] = '\0';
    snprintf(buf, size, "%s.%02lld", grouped, (long long)(cents % 100));
}

static void text_remedy(cli *c, const args *a, const run *r)
{
    FILE *out = cli_out(c);
    char cost[64], ucost[64];
    size_t k;

    fprintf(out, "\nCheapest remedy: the adjusted gap within +-%.4g %%",
            100.0 * a->rules.target);
    if (a->rules.max_raise > 0.0)
        fprintf(out, ", raises at most %.4g %% of ordinary pay",
                100.0 * a->rules.max_raise);
    if (a->rules.floor > 0.0)
        fprintf(out, ", ordinary pay lifted to %.2f a year first",
                a->rules.floor);
    fprintf(out, "\n");
    for (k = 0; k < r->nrem; k++) {
        const career_remedy *m = &r->rem[k];
        fprintf(out, "%s: ", remedy_scope(a, r, k));
        if (r->why[k][0]) {
            fprintf(out, "no remedy: %s\n", r->why[k]);
            continue;
        }
        if (m->flags & CAREER_REMEDY_WITHIN) {
            fprintf(out, "adjusted gap %.1f %%, within the target\n",
                    100.0 * m->gap_before);
            continue;
        }
        cents_text(m->cost_cents, cost, sizeof cost);
        cents_text(m->uniform_cost_cents, ucost, sizeof ucost);
        fprintf(out, "adjusted gap %.2f %% -> %.2f %%: raise %zu %s, cost "
                     "%s a year%s\n", 100.0 * m->gap_before,
                100.0 * m->gap_after, m->raised, sex_name(m->raised_sex),
                cost, m->flags & CAREER_REMEDY_UNMET
                          ? " (the limits cannot reach the target)" : "");
        if (isfinite(m->uniform_rate))
            fprintf(out, "  a uniform raise of %.2f %% to every %s instead: "
                         "%s\n", 100.0 * m->uniform_rate,
                    m->raised_sex == CAREER_SEX_FEMALE ? "woman" : "man",
                    ucost);
    }
}

static void write_text(cli *c, const args *a, const run *r)
{
    FILE *out = cli_out(c);
    figure f[16];
    size_t n;

    if (a->uk) {
        fprintf(out, "UK gender pay gap report (SI 2017/172, regs 8-13): "
                     "%s\n", r->name);
        fprintf(out, "Relevant employees: %zu women, %zu men (full-pay: "
                     "%zu, %zu)\n", r->uk.relevant_women, r->uk.relevant_men,
                r->uk.full_pay_women, r->uk.full_pay_men);
        n = uk_figures(r, f, 1);
    } else {
        fprintf(out, "EU gender pay gap report (Directive 2023/970, Art. 9): "
                     "%s\n", r->name);
        fprintf(out, "Workers: %zu (%zu women, %zu men, %zu not given)\n",
                r->eu.workers, r->eu.women, r->eu.men, r->eu.not_given);
        n = eu_figures(r, f);
    }
    text_figures(c, f, n);
    fprintf(out, "\nQuartile pay bands%s, by hourly pay\n",
            a->uk ? " (reg 13)" : " (f)");
    text_bands(c, a, r);
    if (!a->uk) {
        fprintf(out, "\nCategories of workers (g); Article 10: a gap of at "
                     "least %.4g %% calls for a joint pay assessment\n",
                100.0 * (a->opts.threshold > 0 ? a->opts.threshold : 0.05));
        text_categories(c, a, r);
    }
    if (a->decompose)
        text_decomposition(c, r);
    if (a->remedy)
        text_remedy(c, a, r);
}

/* ---- CSV: one figure a row --------------------------------------------- */

static void put(cli_table *t, const char *key, const char *group,
                double value)
{
    cli_table_text(t, key);
    cli_table_text(t, group);
    cli_table_num(t, value);
}

static void csv_categories(cli_table *t, const args *a, const run *r)
{
    size_t k;

    for (k = 0; k < r->wf.ncategories; k++) {
        const career_eu_category *x = &r->cats[k];
        const char *g = r->wf.categories[k];
        double nan_if = blanked(a, r, k) ? NAN : 1.0;
        put(t, "women", g, (double)x->women);
        put(t, "men", g, (double)x->men);
        put(t, "gap_hourly", g, nan_if * x->gap_hourly);
        put(t, "gap_annual", g, nan_if * x->gap_annual);
        put(t, "gap_basic", g, nan_if * x->gap_basic);
        put(t, "gap_variable", g, nan_if * x->gap_variable);
        put(t, "adjusted_gap", g, nan_if * x->adjusted_gap);
        put(t, "joint_assessment", g, (x->flags & CAREER_EU_ASSESS) != 0);
        put(t, "unexplained", g, (x->flags & CAREER_EU_UNEXPLAINED) != 0);
        put(t, "over_threshold", g, (x->flags & CAREER_EU_OVER) != 0);
        put(t, "suppressed", g, (x->flags & CAREER_EU_SUPPRESSED) != 0);
    }
}

static void csv_extras(cli_table *t, const args *a, const run *r)
{
    char name[256];
    size_t k;

    if (a->decompose) {
        put(t, "ob_gap", "", r->ob.gap);
        put(t, "ob_endowments", "", r->ob.endowments);
        put(t, "ob_coefficients", "", r->ob.coefficients);
        put(t, "ob_interaction", "", r->ob.interaction);
        put(t, "ob_explained", "", r->ob.explained);
        put(t, "ob_unexplained", "", r->ob.unexplained);
        put(t, "ob_se_explained", "", r->ob.se_explained);
        put(t, "ob_se_unexplained", "", r->ob.se_unexplained);
        for (k = 0; k < r->ob.terms; k++) {
            term_name(r, k, name, sizeof name);
            put(t, "ob_term_explained", name, r->terms[k].explained);
            put(t, "ob_term_unexplained", name, r->terms[k].unexplained);
        }
    }
    for (k = 0; a->remedy && k < r->nrem; k++) {
        const career_remedy *m = &r->rem[k];
        const char *g = remedy_scope(a, r, k);
        put(t, "remedy_gap_before", g, m->gap_before);
        put(t, "remedy_gap_after", g, m->gap_after);
        put(t, "remedy_raised", g, (double)m->raised);
        put(t, "remedy_cost", g, (double)m->cost_cents / 100.0);
        put(t, "remedy_uniform_rate", g, m->uniform_rate);
        put(t, "remedy_uniform_cost", g, (double)m->uniform_cost_cents / 100.0);
    }
}

static void write_csv(cli *c, const args *a, const run *r)
{
    static const cli_column cols[] = {{"figure", "Figure", CLI_TEXT},
                                      {"group", "Group", CLI_TEXT},
                                      {"value", "Value", CLI_RATIO}};
    cli_table *t = cli_table_new(c, cols, 3);
    const double *w = band_share(a, r, 0), *m = band_share(a, r, 1);
    figure f[16];
    size_t n = a->uk ? uk_figures(r, f, 0) : eu_figures(r, f), i;

    for (i = 0; i < n; i++)
        put(t, f[i].key, "", f[i].value);
    for (i = 0; i < 4; i++) {
        put(t, "quartile_women", band_names[i], w[i]);
        put(t, "quartile_men", band_names[i], m[i]);
    }
    if (!a->uk)
        csv_categories(t, a, r);
    csv_extras(t, a, r);
    cli_table_write(t);
    cli_table_free(t);
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *object(cli *c)
{
    json_t *o = json_object();

    if (!o)
        cli_data_error(c, "out of memory");
    return o;
}

static json_t *array(cli *c)
{
    json_t *o = json_array();

    if (!o)
        cli_data_error(c, "out of memory");
    return o;
}

static void push(cli *c, json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v))
        cli_data_error(c, "out of memory");
}

static json_t *text(cli *c, const char *s)
{
    json_t *v = json_string(s);

    if (!v)
        cli_data_error(c, "out of memory");
    return v;
}

static json_t *json_categories(cli *c, const args *a, const run *r)
{
    json_t *arr = array(c);
    char note[160];
    size_t k;

    for (k = 0; k < r->wf.ncategories; k++) {
        const career_eu_category *x = &r->cats[k];
        json_t *o = object(c);
        double b = blanked(a, r, k) ? NAN : 1.0;
        cli_json_set(c, o, "category", text(c, r->wf.categories[k]));
        cli_json_set(c, o, "women", cli_json_uint(c, x->women));
        cli_json_set(c, o, "men", cli_json_uint(c, x->men));
        cli_json_set(c, o, "not_given", cli_json_uint(c, x->not_given));
        cli_json_set(c, o, "mean_hourly_women",
                     cli_json_num(c, b * x->mean_hourly_women));
        cli_json_set(c, o, "mean_hourly_men",
                     cli_json_num(c, b * x->mean_hourly_men));
        cli_json_set(c, o, "gap_hourly", cli_json_num(c, b * x->gap_hourly));
        cli_json_set(c, o, "gap_annual", cli_json_num(c, b * x->gap_annual));
        cli_json_set(c, o, "gap_basic", cli_json_num(c, b * x->gap_basic));
        cli_json_set(c, o, "gap_variable",
                     cli_json_num(c, b * x->gap_variable));
        cli_json_set(c, o, "adjusted_gap",
                     cli_json_num(c, b * x->adjusted_gap));
        cli_json_set(c, o, "joint_assessment",
                     json_boolean(x->flags & CAREER_EU_ASSESS));
        cli_json_set(c, o, "unexplained",
                     json_boolean(x->flags & CAREER_EU_UNEXPLAINED));
        cli_json_set(c, o, "over_threshold",
                     json_boolean(x->flags & CAREER_EU_OVER));
        cli_json_set(c, o, "suppressed",
                     json_boolean(x->flags & CAREER_EU_SUPPRESSED));
        cli_json_set(c, o, "note",
                     text(c, category_note(a, r, k, note, sizeof note)));
        push(c, arr, o);
    }
    return arr;
}

static json_t *json_decomposition(cli *c, const run *r)
{
    static const char *const refs[] = {"jann", "neumark", "reimers", "cotton",
                                       "a", "b"};
    const career_oaxaca *x = &r->ob;
    json_t *o = object(c), *terms = array(c);
    char name[256];
    size_t k;

    cli_json_set(c, o, "reference", text(c, refs[x->reference]));
    cli_json_set(c, o, "men", cli_json_uint(c, x->n_a));
    cli_json_set(c, o, "women", cli_json_uint(c, x->n_b));
    cli_json_set(c, o, "gap", cli_json_num(c, x->gap));
    cli_json_set(c, o, "endowments", cli_json_num(c, x->endowments));
    cli_json_set(c, o, "coefficients", cli_json_num(c, x->coefficients));
    cli_json_set(c, o, "interaction", cli_json_num(c, x->interaction));
    cli_json_set(c, o, "explained", cli_json_num(c, x->explained));
    cli_json_set(c, o, "unexplained", cli_json_num(c, x->unexplained));
    cli_json_set(c, o, "se_explained", cli_json_num(c, x->se_explained));
    cli_json_set(c, o, "se_unexplained", cli_json_num(c, x->se_unexplained));
    cli_json_set(c, o, "female_coefficient",
                 cli_json_num(c, x->group_coefficient));
    for (k = 0; k < x->terms; k++) {
        json_t *t = object(c);
        term_name(r, k, name, sizeof name);
        cli_json_set(c, t, "term", text(c, name));
        cli_json_set(c, t, "explained", cli_json_num(c, r->terms[k].explained));
        cli_json_set(c, t, "unexplained",
                     cli_json_num(c, r->terms[k].unexplained));
        cli_json_set(c, t, "endowments",
                     cli_json_num(c, r->terms[k].endowments));
        cli_json_set(c, t, "coefficients",
                     cli_json_num(c, r->terms[k].coefficients));
        cli_json_set(c, t, "interaction",
                     cli_json_num(c, r->terms[k].interaction));
        push(c, terms, t);
    }
    cli_json_set(c, o, "terms", terms);
    return o;
}

static json_t *json_remedy(cli *c, const args *a, const run *r)
{
    json_t *arr = array(c);
    size_t k;

    for (k = 0; k < r->nrem; k++) {
        const career_remedy *m = &r->rem[k];
        json_t *o = object(c);
        cli_json_set(c, o, "scope", text(c, remedy_scope(a, r, k)));
        cli_json_set(c, o, "target", cli_json_num(c, a->rules.target));
        cli_json_set(c, o, "gap_before", cli_json_num(c, m->gap_before));
        cli_json_set(c, o, "gap_after", cli_json_num(c, m->gap_after));
        cli_json_set(c, o, "raised_sex", text(c, sex_name(m->raised_sex)));
        cli_json_set(c, o, "raised", cli_json_uint(c, m->raised));
        cli_json_set(c, o, "cost",
                     cli_json_num(c, (double)m->cost_cents / 100.0));
        cli_json_set(c, o, "uniform_rate", cli_json_num(c, m->uniform_rate));
        cli_json_set(c, o, "uniform_cost",
                     cli_json_num(c, (double)m->uniform_cost_cents / 100.0));
        cli_json_set(c, o, "within", json_boolean(m->flags &
                                                  CAREER_REMEDY_WITHIN));
        cli_json_set(c, o, "unmet", json_boolean(m->flags &
                                                 CAREER_REMEDY_UNMET));
        cli_json_set(c, o, "note", text(c, r->why[k]));
        push(c, arr, o);
    }
    return arr;
}

static void write_json(cli *c, const args *a, const run *r)
{
    json_t *doc = object(c), *figs = object(c), *bands = array(c);
    const double *w = band_share(a, r, 0), *m = band_share(a, r, 1);
    figure f[16], g[16];
    size_t n = a->uk ? uk_figures(r, f, 0) : eu_figures(r, f), i;

    cli_json_set(c, doc, "report", text(c, a->uk ? "uk" : "eu"));
    cli_json_set(c, doc, "file", text(c, r->name));
    cli_json_set(c, doc, "workers", cli_json_uint(c, r->wf.n));
    for (i = 0; i < n; i++)
        cli_json_set(c, figs, f[i].key, cli_json_num(c, f[i].value));
    cli_json_set(c, doc, "figures", figs);
    if (a->uk) {
        json_t *svc = object(c);
        uk_figures(r, g, 1);
        for (i = 0; i < n; i++)
            /* the service takes one decimal: 27.4, not 100 * 0.274's
             * 27.399999999999995 */
            cli_json_set(c, svc, g[i].key,
                         cli_json_num(c, round(1000.0 * g[i].value) / 10.0));
        cli_json_set(c, doc, "service_percent", svc);
    }
    for (i = 0; i < 4; i++) {
        json_t *b = object(c);
        cli_json_set(c, b, "band", text(c, band_names[i]));
        cli_json_set(c, b, "women", cli_json_num(c, w[i]));
        cli_json_set(c, b, "men", cli_json_num(c, m[i]));
        push(c, bands, b);
    }
    cli_json_set(c, doc, "quartiles", bands);
    if (!a->uk)
        cli_json_set(c, doc, "categories", json_categories(c, a, r));
    if (a->decompose)
        cli_json_set(c, doc, "decomposition", json_decomposition(c, r));
    if (a->remedy)
        cli_json_set(c, doc, "remedy", json_remedy(c, a, r));
    cli_emit_json(c, doc);
}

/* ---- -o: each worker's raise -------------------------------------------- */

static void write_raises(cli *c, const run *r, const char *path)
{
    static const cli_column cols[] = {{"id", "Id", CLI_TEXT},
                                      {"row", "Row", CLI_INT},
                                      {"category", "Category", CLI_TEXT},
                                      {"sex", "Sex", CLI_TEXT},
                                      {"raise", "Raise", CLI_RATIO}};
    career_replace *rp;
    career_error err;
    FILE *saved_out = c->out;
    cli_format saved_format = c->format;
    cli_table *t = cli_table_new(c, cols, 5);
    size_t i;

    for (i = 0; i < r->wf.n; i++) {
        const career_worker *w = &r->wf.workers[i];
        cli_table_text(t, w->id);
        cli_table_num(t, (double)career_workforce_row(r->table, i));
        cli_table_text(t, r->wf.categories[w->category]);
        cli_table_text(t, w->sex == CAREER_SEX_FEMALE ? "F"
                          : w->sex == CAREER_SEX_MALE ? "M" : "");
        cli_table_num(t, (double)r->raise[i] / 100.0);
    }
    if (career_replace_begin(path, &rp, &err) != CAREER_OK)
        cli_error_record(c, &err);
    c->out = career_replace_stream(rp);
    c->format = CLI_CSV;
    cli_table_write(t);
    c->out = saved_out;
    c->format = saved_format;
    cli_table_free(t);
    if (career_replace_commit(rp, &err) != CAREER_OK)
        cli_error_record(c, &err);
}

/* ---- --plot: the bands by sex, the gap by category ------------------------ */

/* Colours: 0 background, 1 ink, 2 women, 3 men, 4 a gap under the
 * threshold, 5 one over it. */
static void colours(void)
{
    plscol0(0, 255, 255, 255);
    plscol0(1, 0, 0, 0);
    plscol0(2, 31, 78, 160);
    plscol0(3, 230, 140, 40);
    plscol0(4, 150, 150, 150);
    plscol0(5, 200, 60, 40);
}

static void bar(double x0, double x1, double y0, double y1, int colour)
{
    double bx[4] = {x0, x1, x1, x0}, by[4] = {y0, y0, y1, y1};

    plcol0(colour);
    plfill(4, bx, by);
    plcol0(1);
    plline(4, bx, by);
}

static void draw_bands(const args *a, const run *r)
{
    static const char *const short_names[4] = {"lower", "low-mid",
                                               "up-mid", "upper"};
    const double *w = band_share(a, r, 0);
    size_t k;

    plvpor(0.10, 0.44, 0.24, 0.80);
    plwind(-0.6, 3.6, 0.0, 100.0);
    plschr(0.0, 0.8);
    for (k = 0; k < 4; k++) {
        double x = (double)k, f = isnan(w[k]) ? 0.0 : 100.0 * w[k];
        bar(x - 0.35, x + 0.35, 0.0, f, 2);
        bar(x - 0.35, x + 0.35, f, 100.0, 3);
        plmtex("b", 1.6, (x + 0.6) / 4.2, 0.5, short_names[k]);
    }
    plschr(0.0, 1.0);
    plcol0(1);
    plbox("bc", 0.0, 0, "bcnstv", 20.0, 0);
    pllab("", "Share (%)", "Quartile pay bands by sex");
    plschr(0.0, 0.8);
    plmtex("b", 3.6, 0.0, 0.0, "blue: women; orange: men");
    plschr(0.0, 1.0);
}

/* The gaps the right panel shows, with their labels: each category's
 * (EU), or the UK's four. */
static size_t gaps_of(const args *a, const run *r, double *g,
                      const char **label, int *over)
{
    static const char *const uk_names[4] = {"mean", "median", "bonus mean",
                                            "bonus median"};
    double t = a->opts.threshold > 0.0 ? a->opts.threshold : 0.05;
    size_t k, n;

    if (a->uk) {
        g[0] = r->uk.mean_hourly_gap, g[1] = r->uk.median_hourly_gap;
        g[2] = r->uk.mean_bonus_gap, g[3] = r->uk.median_bonus_gap;
        for (k = 0; k < 4; k++) {
            label[k] = uk_names[k];
            over[k] = fabs(g[k]) >= t;
        }
        return 4;
    }
    n = r->wf.ncategories;
    for (k = 0; k < n; k++) {
        g[k] = blanked(a, r, k) ? NAN : r->cats[k].gap_hourly;
        label[k] = r->wf.categories[k];
        over[k] = (r->cats[k].flags & CAREER_EU_ASSESS) != 0;
    }
    return n;
}

static void draw_gaps(cli *c, const args *a, const run *r)
{
    size_t n = a->uk ? 4 : r->wf.ncategories, k;
    double *g = calloc(n, sizeof *g), t, lo = 0.0, hi = 0.0;
    const char **label = calloc(n, sizeof *label);
    int *over = calloc(n, sizeof *over);
    char text[256];

    if (!g || !label || !over)
        cli_data_error(c, "out of memory");
    gaps_of(a, r, g, label, over);
    t = 100.0 * (a->opts.threshold > 0.0 ? a->opts.threshold : 0.05);
    for (k = 0; k < n; k++)
        if (isfinite(g[k]))
            lo = fmin(lo, 100.0 * g[k]), hi = fmax(hi, 100.0 * g[k]);
    lo = fmin(lo, -t) - 0.1 * (hi - lo + 2.0 * t);
    hi = fmax(hi, t) + 0.1 * (hi - lo + 2.0 * t);
    plvpor(0.58, 0.97, 0.24, 0.80);
    plwind(-0.6, (double)n - 0.4, lo, hi);
    for (k = 0; k < n; k++) {
        if (!isfinite(g[k]))
            continue;
        bar((double)k - 0.35, (double)k + 0.35, 0.0, 100.0 * g[k],
            over[k] ? 5 : 4);
        cli_plot_text(label[k], text, sizeof text);
        plschr(0.0, n > 8 ? 0.6 : 0.7);
        plmtex("b", 1.4, ((double)k + 0.6) / (double)n, 0.5, text);
        plschr(0.0, 1.0);
    }
    plcol0(1);
    pllsty(2);
    pljoin(-0.6, t, (double)n - 0.4, t);
    pljoin(-0.6, -t, (double)n - 0.4, -t);
    pllsty(1);
    pljoin(-0.6, 0.0, (double)n - 0.4, 0.0);
    plbox("bc", 0.0, 0, "bcnstv", 0.0, 0);
    pllab("", "Gap (%)", a->uk ? "UK gender pay gaps"
                               : "Gap of mean hourly pay by category");
    snprintf(text, sizeof text, "dashed: +-%g %%%s", t,
             a->uk ? "" : "; red: joint assessment (Art. 10)");
    plschr(0.0, 0.8);
    plmtex("b", 3.6, 0.0, 0.0, text);
    plschr(0.0, 1.0);
    free(g);
    free(label);
    free(over);
}

static void plot(cli *c, const args *a, const run *r)
{
    char title[512], shown[1024];

    snprintf(title, sizeof title, "%s: gender pay gap (%s)", r->name,
             a->uk ? "UK regulations 2017" : "EU Directive 2023/970");
    cli_plot_open(c, a->plot); /* written beside the path, then renamed */
    plspage(0.0, 0.0, 1100, 560, 0, 0);
    colours();
    plinit();
    pladv(0);
    cli_plot_text(title, shown, sizeof shown);
    plvpor(0.0, 1.0, 0.0, 1.0);
    plwind(0.0, 1.0, 0.0, 1.0);
    plcol0(1);
    plmtex("t", -1.4, 0.5, 0.5, shown);
    draw_bands(a, r);
    draw_gaps(c, a, r);
    plend();
    cli_plot_close(c, a->plot);
}

int main(int argc, char *argv[])
{
    static args a;
    static run r;
    cli c;
    int status;

    gsl_set_error_handler_off();
    cli_init(&c, "career-equity", usage);
    parse_args(&c, argc, argv, &a);
    compute(&c, &a, &r);
    if (c.format == CLI_JSON)
        write_json(&c, &a, &r);
    else if (c.format == CLI_CSV)
        write_csv(&c, &a, &r);
    else
        write_text(&c, &a, &r);
    if (a.output)
        write_raises(&c, &r, a.output);
    if (a.plot)
        plot(&c, &a, &r);
    status = cli_finish(&c);
    free_run(&r);
    free(a.lists[0]);
    free(a.lists[1]);
    return status;
}
