/* cli.c - the helpers the libcareer command-line tools share (see cli.h). */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
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
    if (c->out && c->out != stdout)
        fclose(c->out);
    c->out = NULL;
    free(c->outbuf);
    c->outbuf = NULL;
    c->outlen = 0;
}

/* "tool: message" on one line of stderr, its control characters (from a
 * profile's names, a guide, an argument) shown as \xHH. */
static void report(const cli *c, const char *fmt, va_list ap)
{
    char text[2048], shown[4096];

    vsnprintf(text, sizeof text, fmt, ap);
    cli_escape(text, shown, sizeof shown);
    fprintf(stderr, "%s: %s\n", c->tool, shown);
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

static const char *const interp_names[] = {"auto",    "steffen", "linear",
                                           "cspline", "akima",   "mincer"};
static const char *const dist_names[] = {"auto", "metalog", "lognormal",
                                          "spline"};

/* The index of arg in names[n], in any case; exits 2 listing the choices
 * otherwise. */
static int pick(cli *c, const char *opt, const char *arg,
                const char *const *names, size_t n)
{
    char choices[128] = "";
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcasecmp(arg, names[i]) == 0)
            return (int)i;
        strncat(choices, names[i], sizeof choices - strlen(choices) - 1);
        if (i + 1 < n)
            strncat(choices, ", ", sizeof choices - strlen(choices) - 1);
    }
    cli_usage_error(c, "%s: invalid value '%s' (choose %s)", opt, arg,
                    choices);
}

/* --format: table (alias text), csv or json, in any case. */
static cli_format parse_format(cli *c, const char *arg)
{
    static const char *const names[] = {"table", "csv", "json", "text"};
    int i;

    for (i = 0; i < 4; i++)
        if (strcasecmp(arg, names[i]) == 0)
            return i == 3 ? CLI_TABLE : (cli_format)i;
    cli_usage_error(c, "--format: invalid value '%s' (choose table, csv or "
                       "json)", arg);
}

/* The option as the user wrote it, for messages about getopt errors. */
static const char *option_text(char *const argv[])
{
    const char *s = argv[optind - 1];
    return s ? s : "?";
}

/* A long option getopt refused: unknown, ambiguous (the candidates are
 * listed) or given a value it does not take. */
static void long_option_error(cli *c, const char *s)
{
    const char *name = s + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name), i, n = 0;
    const struct option *o = c->longopts, *exact = NULL;
    char list[512] = "";

    for (i = 0; o && o[i].name; i++) {
        if (strncmp(o[i].name, name, len) != 0)
            continue;
        if (strlen(o[i].name) == len)
            exact = &o[i];
        if (n++)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, "--", sizeof list - strlen(list) - 1);
        strncat(list, o[i].name, sizeof list - strlen(list) - 1);
    }
    if (exact || n == 1) {
        const struct option *x = exact;
        for (i = 0; !x && o[i].name; i++)
            if (strncmp(o[i].name, name, len) == 0)
                x = &o[i];
        if (eq && x->has_arg == no_argument)
            cli_usage_error(c, "option '--%s' takes no value (given '%s')",
                            x->name, s);
    }
    if (n > 1 && !exact)
        cli_usage_error(c, "option '%.*s' is ambiguous: it could be %s",
                        (int)(len + 2), s, list);
    cli_usage_error(c, "unknown option '%s'", s);
}

static void getopt_error(cli *c, int opt, char *const argv[])
{
    const char *s = option_text(argv);

    if (opt == ':')
        cli_usage_error(c, "option '%s' needs a value", s);
    if (strncmp(s, "--", 2) == 0)
        long_option_error(c, s);
    if (optopt != 0)
        cli_usage_error(c, "unknown option '-%c'", optopt);
    cli_usage_error(c, "unknown option '%s'", s);
}

/* --help and --version: stdout must take the text, or it is an error. */
static _Noreturn void print_and_exit(cli *c, const char *text, const char *more)
{
    int bad = fputs(text, stdout) < 0 || fputs(more, stdout) < 0;

    bad |= fflush(stdout) != 0 || ferror(stdout);
    if (bad) {
        fprintf(stderr, "%s: cannot write to standard output: %s\n", c->tool,
                strerror(errno));
        cli_free(c);
        exit(1);
    }
    cli_free(c);
    exit(0);
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
                           "calibrated, market or a number from %g to %g)",
                        arg, CAREER_MIN_DISPERSION, CAREER_MAX_DISPERSION);
    /* the library's own range (career.h), so that it never refuses d */
    return cli_parse_double(c, "--dispersion", arg, CAREER_MIN_DISPERSION, 0,
                            CAREER_MAX_DISPERSION);
}

int cli_common_option(cli *c, int opt, char *const argv[])
{
    career_period per;

    switch (opt) {
    case 'h':
        print_and_exit(c, c->usage, "");
    case 'V': {
        char v[128];
        snprintf(v, sizeof v, "%s (libcareer) %s", c->tool,
                 career_version_string());
        print_and_exit(c, v, "\n");
    }
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
        c->format = parse_format(c, optarg);
        return 1;
    case CLI_OPT_PER:
        if (career_period_parse(optarg, &per) != CAREER_OK)
            cli_usage_error(c, "--per: invalid value '%s' (choose year, "
                               "month or hour; also annual, monthly, "
                               "hourly)", optarg);
        c->per = per;
        c->per_given = 1;
        return 1;
    case CLI_OPT_LOCATION:
        c->options.location_factor = cli_parse_double(
            c, "--location-factor", optarg, CAREER_MIN_LOCATION_FACTOR, 0,
            CAREER_MAX_LOCATION_FACTOR);
        return 1;
    case CLI_OPT_INTERP:
        c->options.interp =
            (career_interp)pick(c, "--interp", optarg, interp_names, 6);
        return 1;
    case CLI_OPT_DIST:
        c->options.dist = (career_dist)pick(c, "--dist", optarg, dist_names, 4);
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
 * or an array; "-" is standard input), loaded from its own JSON text. */
static career_status load_by_occ(cli *c, career_error *err)
{
    int std_in = strcmp(c->profile_path, "-") == 0;
    const char *name = std_in ? "<stdin>" : c->profile_path;
    json_error_t je;
    json_t *root = std_in ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
                          : json_load_file(c->profile_path,
                                           JSON_REJECT_DUPLICATES, &je);
    json_t *found = NULL, *item;
    career_status st;
    size_t i, n;
    char *text;

    if (!root && std_in)
        cli_data_error(c, "%s:%d:%d: %s", name, je.line, je.column, je.text);
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
        cli_data_error(c, "%s: no profile with occ_code '%s'", name, c->occ);
    }
    text = json_dumps(found, JSON_COMPACT);
    json_decref(root);
    if (!text)
        cli_data_error(c, "out of memory");
    st = career_profile_load_string(text, NULL, &c->loaded, err);
    free(text);
    if (st != CAREER_OK)
        snprintf(err->source, sizeof err->source, "%s", name);
    return st;
}

/* --profile FILE, or standard input for "-"; --occ picks by code. */
static void load_profile(cli *c, career_error *err)
{
    career_status st;

    if (c->occ)
        st = load_by_occ(c, err);
    else if (strcmp(c->profile_path, "-") == 0)
        st = career_profile_load_stream(stdin, "<stdin>", c->role, &c->loaded,
                                        err);
    else
        st = career_profile_load_file(c->profile_path, c->role, &c->loaded,
                                      err);
    if (st != CAREER_OK)
        cli_error_record(c, err);
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
        load_profile(c, &err);
        p = c->loaded;
    } else {
        p = builtin_profile(c);
    }
    st = career_model_new(p, &c->options, &c->model, &err);
    if (st != CAREER_OK) {
        /* a fit that fails is the profile's: name its file */
        if (c->profile_path && err.source[0] == '\0')
            snprintf(err.source, sizeof err.source, "%s",
                     strcmp(c->profile_path, "-") == 0 ? "<stdin>"
                                                       : c->profile_path);
        cli_error_record(c, &err);
    }
    c->profile = career_model_profile(c->model);
    if (!c->profile->period ||
        career_period_parse(c->profile->period, &c->unit) != CAREER_OK)
        c->unit = CAREER_PER_YEAR;
    /* money is shown, and read, in the profile's own period unless --per
     * says otherwise: an hourly profile's hours are not 2,080 a year */
    if (!c->per_given)
        c->per = c->unit;
}

/* ---- what the model used ------------------------------------------------ */

static const char *const interp_used[] = {"auto",    "steffen", "linear",
                                          "cspline", "akima",   "mincer"};

const char *cli_interp_name(career_interp i)
{
    return (unsigned)i < 6 ? interp_used[i] : "?";
}

const char *cli_dist_name(career_dist d)
{
    return (unsigned)d < 4 ? dist_names[d] : "?";
}

void cli_model_used(const cli *c, cli_model_info *info)
{
    career_calibration cal;

    career_model_options(c->model, &info->options);
    info->calibrated = !(c->options.dispersion > 0.0);
    info->separation_rate = NAN;
    if (career_calibration_info(c->model, &cal) == CAREER_OK)
        info->separation_rate = cal.separation_rate;
}

/* Whether the profile's band.shape is the copula band. */
static int copula_band(const cli *c)
{
    return c->profile && c->profile->band_shape == CAREER_BAND_COPULA;
}

/* "power" or "copula": the profile's band.shape. */
static const char *band_name(const cli *c)
{
    return copula_band(c) ? "copula" : "power";
}

void cli_print_model(cli *c)
{
    cli_model_info m;
    char peak[48] = "";

    cli_model_used(c, &m);
    if (c->profile && c->profile->peak_years > 0.0 &&
        m.options.interp != CAREER_INTERP_MINCER &&
        m.options.extrap == CAREER_EXTRAP_CLAMP)
        snprintf(peak, sizeof peak, ", rising to a peak by %g years",
                 c->profile->peak_years);
    fprintf(c->out, "Model: %s curve%s (%s beyond the anchors%s), %s market, "
                    "%s band, dispersion d = %.4g (%s), location factor %g\n",
            cli_interp_name(m.options.interp),
            copula_band(c) && m.options.interp != CAREER_INTERP_MINCER
                ? " in the market's normal scores"
                : "",
            m.options.extrap == CAREER_EXTRAP_EXTEND ? "extend" : "clamp",
            peak, cli_dist_name(m.options.dist), band_name(c),
            m.options.dispersion, m.calibrated ? "calibrated" : "fixed",
            m.options.location_factor);
}

json_t *cli_model_json(cli *c)
{
    json_t *o = json_object();
    cli_model_info m;

    if (!o)
        cli_data_error(c, "out of memory");
    cli_model_used(c, &m);
    cli_json_set(c, o, "interp", json_string(cli_interp_name(m.options.interp)));
    cli_json_set(c, o, "extrap", json_string(m.options.extrap ==
                                                     CAREER_EXTRAP_EXTEND
                                                 ? "extend"
                                                 : "clamp"));
    cli_json_set(c, o, "dist", json_string(cli_dist_name(m.options.dist)));
    cli_json_set(c, o, "band", json_string(band_name(c)));
    cli_json_set(c, o, "dispersion", cli_json_num(c, m.options.dispersion));
    cli_json_set(c, o, "dispersion_source",
                 json_string(m.calibrated ? "calibrated" : "fixed"));
    cli_json_set(c, o, "separation_rate", cli_json_num(c, m.separation_rate));
    cli_json_set(c, o, "location_factor",
                 cli_json_num(c, m.options.location_factor));
    return o;
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

static void format_amount(const cli *c, double amount, int cents, char *buf,
                          size_t size)
{
    char raw[64], whole[96];
    const char *cur = cli_currency(c);
    double a = fabs(amount);
    char *dot;

    if (isnan(amount)) {
        snprintf(buf, size, "-");
        return;
    }
    if (a >= 1e15) { /* digits past double's precision say nothing */
        snprintf(buf, size, "%.4g%s%s", amount, *cur ? " " : "", cur);
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

void cli_format_money(const cli *c, double amount, char *buf, size_t size)
{
    format_amount(c, amount, c->per == CAREER_PER_HOUR, buf, size);
}

void cli_format_total(const cli *c, double amount, char *buf, size_t size)
{
    format_amount(c, amount, 0, buf, size);
}

const char *cli_plural(double n, const char *one, const char *many)
{
    return n == 1.0 ? one : many;
}

void cli_format_years(double years, char *buf, size_t size)
{
    double v = round(years * 1e6) / 1e6;

    if (years > 0.0 && v == 0.0) {
        snprintf(buf, size, "less than 0.000001 years");
        return;
    }
    if (!isfinite(v))
        v = years;
    snprintf(buf, size, "%.10g %s", v == 0.0 ? 0.0 : v,
             cli_plural(v, "year", "years"));
}

void cli_escape(const char *s, char *buf, size_t size)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t j = 0;

    for (; *u && j + 5 < size; u++) {
        if (*u < 0x20 || *u == 0x7f ||
            (*u == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)) {
            if (*u == 0xc2)
                u++;
            j += (size_t)snprintf(buf + j, size - j, "\\x%02x", *u);
        } else {
            buf[j++] = (char)*u;
        }
    }
    buf[j] = '\0';
}

/* ---- output ------------------------------------------------------------- */

FILE *cli_out(cli *c)
{
    return c->out;
}

void cli_out_direct(cli *c)
{
    if (c->out == stdout)
        return;
    if (fflush(c->out) != 0 || ferror(c->out))
        cli_data_error(c, "out of memory");
    /* a failed write shows in ferror(stdout), which cli_finish reads */
    if (c->outlen > 0)
        fwrite(c->outbuf, 1, c->outlen, stdout);
    fclose(c->out);
    free(c->outbuf);
    c->outbuf = NULL;
    c->outlen = 0;
    c->out = stdout;
}

int cli_finish(cli *c)
{
    /* written to stdout directly: its failures are write errors */
    int failed = c->out != stdout && (fflush(c->out) != 0 || ferror(c->out));

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

