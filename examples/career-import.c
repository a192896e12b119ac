/* career-import - a career guide's plain text to a JSON profile: the role,
 * region and currency, the salary range and levels, the growth rate and the
 * tiers, checked by building a model from it. Or, with --oews, profiles of
 * US occupations from the tables BLS publishes (OEWS wages, Employment
 * Projections), as CSV or .xlsx. */
#include "cli.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "Usage: career-import [-v] GUIDE.txt [-o FILE.json]\n"
    "       career-import --oews FILE --occ CODE [--area CODE] [--ep FILE]\n"
    "                     [--ladder FILE] [-o FILE.json]\n"
    "       career-import --oews FILE --all [--area CODE] [-o FILE.json]\n"
    "       career-import --oews FILE --list [--area CODE]\n"
    "Read the plain text of a career guide (- for standard input) and write\n"
    "its JSON profile (to stdout by default). The profile is checked by\n"
    "building a model.\n"
    "With --oews, read a BLS OEWS table (all_data_M_YYYY.xlsx, or a national,\n"
    "state or metro file; CSV or .xlsx) and write the profile of one\n"
    "occupation, or of every occupation of an area as one array.\n"
    "\n"
    "  -o, --output FILE        write the profile to FILE (replaced whole)\n"
    "                           instead of stdout; - is stdout\n"
    "  -v, --verbose            print what the import inferred (its notes)\n"
    "                           on stderr\n"
    "      --oews FILE          the OEWS table (- for standard input)\n"
    "      --occ CODE           the occupation (SOC code, e.g. 15-1252)\n"
    "      --area CODE          the area (default 99, the nation; a state's\n"
    "                           FIPS code, a metro area's code)\n"
    "      --all                every occupation of the area\n"
    "      --list               list the occupations: area, code,\n"
    "                           employment and title (every area, or --area)\n"
    "      --ep FILE            Employment Projections table: demand growth\n"
    "                           and separation rate (- for standard input)\n"
    "      --ladder FILE        ladder template (JSON; default: the four OFLC\n"
    "                           prevailing-wage levels; - for standard\n"
    "                           input)\n"
    "      --group GROUP        O_GROUP of the rows: detailed (default),\n"
    "                           broad, minor or major\n"
    "      --cap-annual N       top-coding cap of \"#\" cells (239200)\n"
    "      --cap-hourly N       the same per hour (115)\n"
    "      --experience-correlation R\n"
    "                           rho in [0.05, 1], the rank correlation of\n"
    "                           pay with experience that places the tiers\n"
    "                           (default: the template's, 0.85 for OFLC)\n"
    "      --dispersion D       the band of the model that checks each\n"
    "                           profile: calibrated (default), market or a\n"
    "                           number d in (0, 5] (at most 1 for the copula\n"
    "                           band of imported profiles); a profile whose\n"
    "                           tiers and market cannot be calibrated needs\n"
    "                           a fixed D\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 data error (a part of the guide not found,\n"
    "unreadable file), 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-import examples/guides/performance-architect.txt -o profile.json\n"
    "  career-ladder --profile profile.json\n"
    "  career-import --oews all_data_M_2023.xlsx --occ 15-1252 -o dev.json\n";

/* The largest guide read: guides are a few pages of text. */
#define MAX_GUIDE (16u << 20)

/* Reads all of f (a pipe, a FIFO, a terminal or a file) up to MAX_GUIDE. */
static char *read_stream(cli *c, FILE *f, const char *path, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *text = malloc(cap + 1), *grown;

    while (text && (got = fread(text + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > MAX_GUIDE)
            break;
        if (n == cap && !(grown = realloc(text, 2 * cap + 1))) {
            free(text);
            text = NULL;
        } else if (n == cap) {
            text = grown;
            cap *= 2;
        }
    }
    if (!text)
        cli_data_error(c, "out of memory");
    if (ferror(f) || n > MAX_GUIDE) {
        int e = errno;
        free(text);
        if (n > MAX_GUIDE)
            cli_data_error(c, "%s: too large for a guide (over 16 MiB)", path);
        cli_data_error(c, "%s: cannot read: %s", path, strerror(e));
    }
    text[n] = '\0';
    *len = n;
    return text;
}

/* The guide at path; "-" is standard input. */
static char *read_guide(cli *c, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat st;
    char *text;

    if (!f)
        cli_data_error(c, "%s: %s", path, strerror(errno));
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        cli_data_error(c, "%s: is a folder, not a guide", path);
    }
    text = read_stream(c, f, f == stdin ? "<stdin>" : path, len);
    if (f != stdin)
        fclose(f);
    return text;
}

/* The guesses the import made, for a reader to check (--verbose); an
 * OEWS profile's name its occupation, as --all writes many. */
static void print_notes(const career_profile *profile)
{
    const char *occ = profile->occ_code;
    size_t i;

    for (i = 0; i < profile->nnotes; i++)
        fprintf(stderr, "career-import: note: %s%s%s\n", occ ? occ : "",
                occ ? ": " : "", profile->notes[i]);
}

/* The library names the text "<guide>"; the user knows it by its path. */
static void fail(cli *c, career_error *err, const char *path)
{
    if (err->line > 0 || strcmp(err->source, "<guide>") == 0 ||
        err->source[0] == '\0') /* the model's errors: about this guide */
        snprintf(err->source, sizeof err->source, "%s", path);
    cli_error_record(c, err);
}

/* ---- --oews --------------------------------------------------------------- */

enum { OPT_OEWS = CLI_OPT_TOOL, OPT_OCC, OPT_AREA, OPT_ALL, OPT_LIST, OPT_EP,
       OPT_LADDER, OPT_GROUP, OPT_CAP_ANNUAL, OPT_CAP_HOURLY,
       OPT_EXPERIENCE_CORRELATION };

typedef struct oews_run {
    const char *oews, *occ, *area, *ep_path, *ladder_path, *output;
    int all, list, verbose;
    career_oews_options opts;
    career_oews_table *table;
    career_ep_table *ep;
    career_ladder_template *ladder;
    const career_options *check; /* of the model that checks a profile */
} oews_run;

static void oews_free(oews_run *r)
{
    career_oews_close(r->table);
    career_ep_close(r->ep);
    career_ladder_template_free(r->ladder);
    r->table = NULL;
    r->ep = NULL;
    r->ladder = NULL;
}

/* "-" is standard input, which the library reads as the file
 * /dev/stdin: a pipe or a FIFO is read once, as a stream. */
#define STDIN_PATH "/dev/stdin"

static const char *table_path(const char *path)
{
    return strcmp(path, "-") == 0 ? STDIN_PATH : path;
}

static _Noreturn void oews_fail(cli *c, oews_run *r, career_error *err)
{
    size_t n = strlen(STDIN_PATH);
    char text[sizeof err->text];

    oews_free(r);
    /* the user said "-": name it as --profile - does */
    if (strcmp(err->source, STDIN_PATH) == 0)
        snprintf(err->source, sizeof err->source, "<stdin>");
    if (strncmp(err->text, STDIN_PATH, n) == 0) {
        snprintf(text, sizeof text, "<stdin>%s", err->text + n);
        memcpy(err->text, text, sizeof text);
    }
    cli_error_record(c, err);
}

static void oews_open(cli *c, oews_run *r)
{
    career_error err;

    if (!r->list)
        r->opts.area = r->area ? r->area : "99";
    else
        r->opts.area = r->area;
    if (career_oews_open(table_path(r->oews), &r->opts, &r->table, &err) !=
            CAREER_OK ||
        (r->ep_path && career_ep_open(table_path(r->ep_path), &r->ep, &err) !=
                           CAREER_OK) ||
        (r->ladder_path && career_ladder_template_load_file(
                               table_path(r->ladder_path), &r->ladder,
                               &err) != CAREER_OK))
        oews_fail(c, r, &err);
}

static void oews_list(cli *c, oews_run *r)
{
    career_oews_entry e;
    size_t i;

    for (i = 0; i < career_oews_count(r->table); i++) {
        if (career_oews_entry_at(r->table, i, &e) != CAREER_OK)
            break;
        if (isnan(e.employment))
            fprintf(cli_out(c), "%s\t%s\t-\t%s\n", e.area_code, e.occ_code,
                    e.occ_title);
        else
            fprintf(cli_out(c), "%s\t%s\t%.0f\t%s\n", e.area_code, e.occ_code,
                    e.employment, e.occ_title);
    }
}

/* One occupation's profile as JSON, checked by building a model. */
static career_status oews_json(oews_run *r, const char *occ, char **json,
                               career_error *err)
{
    career_profile *p = NULL;
    career_model *m = NULL;
    career_status st;

    st = career_oews_profile(r->table, occ, r->opts.area, r->ladder, r->ep, &p,
                             err);
    if (st == CAREER_OK && r->verbose)
        print_notes(p);
    if (st == CAREER_OK &&
        (st = career_model_new(p, r->check, &m, err)) == CAREER_OK)
        st = career_profile_to_json(p, json, err);
    career_model_free(m);
    career_profile_free(p);
    return st;
}

/* Writes text to path whole or not at all, as career_replace_* does (a
 * file beside it, renamed; /dev/stdout and other streams written where
 * they are): 0, or a status with err filled. */
static career_status write_whole(const char *path, const char *text,
                                 career_error *err)
{
    career_replace *r;
    career_status st = career_replace_begin(path, &r, err);

    if (st != CAREER_OK)
        return st;
    fputs(text, career_replace_stream(r)); /* a failure shows at the commit */
    return career_replace_commit(r, err);
}

static void oews_output(cli *c, oews_run *r, char *text)
{
    career_error err;

    if (!r->output || strcmp(r->output, "-") == 0) { /* "-o -" is stdout */
        fputs(text, cli_out(c));
        free(text);
        return;
    }
    if (write_whole(r->output, text, &err) != CAREER_OK) {
        free(text);
        oews_free(r);
        cli_error_record(c, &err);
    }
    free(text);
}

/* Appends piece to the growing text (exits without memory). */
static void append(cli *c, oews_run *r, char **text, size_t *len,
                   const char *piece)
{
    size_t n = strlen(piece);
    char *t = realloc(*text, *len + n + 1);

    if (!t) {
        free(*text);
        oews_free(r);
        cli_data_error(c, "out of memory");
    }
    memcpy(t + *len, piece, n + 1);
    *len += n;
    *text = t;
}

/* Every occupation of the area as one array; those that cannot make a
 * profile (too few published wages) are left out and named on stderr. */
static void oews_all(cli *c, oews_run *r)
{
    char *text = NULL, *json;
    size_t len = 0, i, kept = 0, left = 0;
    career_oews_entry e;
    career_error err;

    append(c, r, &text, &len, "[\n");
    for (i = 0; i < career_oews_count(r->table); i++) {
        if (career_oews_entry_at(r->table, i, &e) != CAREER_OK)
            break;
        if (oews_json(r, e.occ_code, &json, &err) != CAREER_OK) {
            fprintf(stderr, "%s: left out %s (%s): %s\n", c->tool, e.occ_code,
                    e.occ_title, err.text);
            left++;
            continue;
        }
        if (kept++)
            append(c, r, &text, &len, ",\n");
        append(c, r, &text, &len, json);
        free(json);
    }
    append(c, r, &text, &len, "\n]\n");
    if (kept == 0) {
        free(text);
        oews_free(r);
        cli_data_error(c, "%s: no occupation of area %s makes a profile",
                       r->oews, r->opts.area);
    }
    (void)left;
    oews_output(c, r, text);
}

static void oews_main(cli *c, oews_run *r)
{
    career_error err;
    char *json;

    if (!!r->occ + r->all + r->list != 1)
        cli_usage_error(c, "--oews: give one of --occ CODE, --all or --list");
    if (r->list && (r->output || r->ep_path || r->ladder_path))
        cli_usage_error(c, "--list: prints to stdout and takes no --output, "
                           "--ep or --ladder");
    if ((strcmp(r->oews, "-") == 0) +
            (r->ep_path && strcmp(r->ep_path, "-") == 0) +
            (r->ladder_path && strcmp(r->ladder_path, "-") == 0) > 1)
        cli_usage_error(c, "only one of --oews, --ep and --ladder can be - "
                           "(standard input)");
    oews_open(c, r);
    if (r->list) {
        oews_list(c, r);
    } else if (r->all) {
        oews_all(c, r);
    } else {
        if (oews_json(r, r->occ, &json, &err) != CAREER_OK)
            oews_fail(c, r, &err);
        oews_output(c, r, json);
    }
    oews_free(r);
}

static const char *const group_names[] = {"detailed", "broad", "minor",
                                          "major"};

/* The value of option `name`, which may not be empty. */
static const char *value(cli *c, const char *name)
{
    if (optarg[0] == '\0')
        cli_usage_error(c, "%s: empty value", name);
    return optarg;
}

/* An --oews option; 0 when opt is none. */
static int oews_option(cli *c, oews_run *r, int opt)
{
    size_t i;

    switch (opt) {
    case OPT_OEWS: r->oews = value(c, "--oews"); break;
    case OPT_OCC: r->occ = value(c, "--occ"); break;
    case OPT_AREA: r->area = value(c, "--area"); break;
    case OPT_ALL: r->all = 1; break;
    case OPT_LIST: r->list = 1; break;
    case OPT_EP: r->ep_path = value(c, "--ep"); break;
    case OPT_LADDER: r->ladder_path = value(c, "--ladder"); break;
    case OPT_CAP_ANNUAL:
        r->opts.cap_annual =
            cli_parse_double(c, "--cap-annual", optarg, 0.0, 1, 1e9);
        break;
    case OPT_CAP_HOURLY:
        r->opts.cap_hourly =
            cli_parse_double(c, "--cap-hourly", optarg, 0.0, 1, 1e6);
        break;
    case OPT_EXPERIENCE_CORRELATION:
        r->opts.experience_correlation = cli_parse_double(
            c, "--experience-correlation", optarg, 0.05, 0, 1.0);
        break;
    case OPT_GROUP:
        for (i = 0; i < 4 && strcmp(optarg, group_names[i]) != 0; i++)
            ;
        if (i == 4)
            cli_usage_error(c, "--group: invalid value '%s' (choose detailed, "
                               "broad, minor, major)", optarg);
        r->opts.group = (career_oews_group)i;
        break;
    default:
        return 0;
    }
    return 1;
}

static void guide_main(cli *c, const char *path, const char *output,
                       int verbose)
{
    career_profile *profile = NULL;
    career_model *model = NULL;
    career_error err;
    char *text, *json = NULL;
    size_t len;

    text = read_guide(c, path, &len);
    career_status st = career_guide_import(text, len, &profile, &err);
    free(text);
    if (st != CAREER_OK)
        fail(c, &err, path);
    /* a profile the library cannot model is no use to the other tools */
    if (career_model_new(profile, &c->options, &model, &err) != CAREER_OK) {
        career_profile_free(profile);
        fail(c, &err, path);
    }
    career_model_free(model);
    if (verbose)
        print_notes(profile);
    if (output && strcmp(output, "-") != 0) /* "-o -" is stdout */
        st = career_profile_save_file(profile, output, &err);
    else if ((st = career_profile_to_json(profile, &json, &err)) == CAREER_OK)
        fputs(json, cli_out(c));
    free(json);
    career_profile_free(profile);
    if (st != CAREER_OK)
        cli_error_record(c, &err);
}

static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"verbose", no_argument, NULL, 'v'},
    {"dispersion", required_argument, NULL, CLI_OPT_DISPERSION},
    {"oews", required_argument, NULL, OPT_OEWS},
    {"occ", required_argument, NULL, OPT_OCC},
    {"area", required_argument, NULL, OPT_AREA},
    {"all", no_argument, NULL, OPT_ALL},
    {"list", no_argument, NULL, OPT_LIST},
    {"ep", required_argument, NULL, OPT_EP},
    {"ladder", required_argument, NULL, OPT_LADDER},
    {"group", required_argument, NULL, OPT_GROUP},
    {"cap-annual", required_argument, NULL, OPT_CAP_ANNUAL},
    {"cap-hourly", required_argument, NULL, OPT_CAP_HOURLY},
    {"experience-correlation", required_argument, NULL,
     OPT_EXPERIENCE_CORRELATION},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

int main(int argc, char *argv[])
{
    oews_run r;
    cli c;
    int opt, verbose = 0;

    gsl_set_error_handler_off();
    cli_init(&c, "career-import", usage);
    c.longopts = longopts;
    memset(&r, 0, sizeof r);
    r.check = &c.options;
    while ((opt = getopt_long(argc, argv, ":hVvo:", longopts, NULL)) != -1) {
        if (opt == 'o') {
            if (optarg[0] == '\0')
                cli_usage_error(&c, "--output: empty file name");
            r.output = optarg;
        } else if (opt == 'v') {
            verbose = 1;
        } else if (!oews_option(&c, &r, opt)) {
            cli_common_option(&c, opt, argv);
        }
    }
    if (r.oews) {
        xmlInitParser();
        if (optind < argc)
            cli_usage_error(&c, "unexpected argument '%s' (--oews reads no "
                                "guide)", argv[optind]);
        r.verbose = verbose;
        oews_main(&c, &r);
        /* libxml2's global tables, set up above (an .xlsx read): leave
         * nothing for a leak checker */
        xmlCleanupParser();
        return cli_finish(&c);
    }
    if (r.occ || r.area || r.all || r.list || r.ep_path || r.ladder_path)
        cli_usage_error(&c, "--occ, --area, --all, --list, --ep and --ladder "
                            "need --oews FILE");
    if (optind >= argc)
        cli_usage_error(&c, "missing the GUIDE.txt file to import");
    if (argc - optind > 1)
        cli_usage_error(&c, "unexpected argument '%s' (one guide at a time)",
                        argv[optind + 1]);
    guide_main(&c, argv[optind], r.output, verbose);
    return cli_finish(&c);
}
