/* career-estimate - where x years of experience put someone: the tier, the
 * median and the p10..p90 salary band, and with --salary where that salary
 * sits (percentile at x years and in the market, compa-ratio, range
 * penetration). */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: career-estimate --years X [--salary S] [OPTION]...\n"
    "Estimate the tier and the salary band at X years of experience and,\n"
    "with --salary, where a salary sits in that band and in the market.\n"
    "\n"
    "  -y, --years X            years of experience (0 to 100; required)\n"
    "  -s, --salary S           a salary to place, per --per unit (> 0)\n" CLI_COMMON_HELP
    "\n"
    "Money is shown per --per unit; --salary is read in it too.\n"
    "Exit status: 0 success, 1 data error, 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-estimate --years 5 --salary 140000\n";

enum { OPT_YEARS = 'y', OPT_SALARY = 's' };

static const double band_p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
static const char *const band_key[5] = {"p10", "p25", "p50", "p75", "p90"};

typedef struct estimate {
    double years, salary; /* salary NaN when not given (profile period) */
    size_t tier;
    career_tier info;
    double median, band[5];
    int has_next;
    size_t next;
    career_tier next_info;
    double years_to_next;
    double percentile, market_percentile, compa_ratio, penetration;
} estimate;

static void compute(cli *c, estimate *e)
{
    const career_model *m = c->model;
    size_t i;

    cli_check(c, career_tier_at(m, e->years, &e->tier), "tier");
    cli_check(c, career_tier_info(m, e->tier, &e->info), "tier");
    cli_check(c, career_salary_at(m, e->years, &e->median), "median");
    for (i = 0; i < 5; i++)
        cli_check(c, career_quantile_at(m, e->years, band_p[i], &e->band[i]),
                  "band");
    career_status st = career_next_tier(m, e->years, &e->next,
                                        &e->years_to_next);
    e->has_next = st == CAREER_OK;
    if (st != CAREER_OK && st != CAREER_ERR_NOT_FOUND)
        cli_check(c, st, "next tier");
    if (e->has_next)
        cli_check(c, career_tier_info(m, e->next, &e->next_info), "tier");
    if (isnan(e->salary))
        return;
    cli_check(c, career_percentile_at(m, e->years, e->salary, &e->percentile),
              "percentile");
    cli_check(c, career_market_percentile(m, e->salary, &e->market_percentile),
              "market percentile");
    cli_check(c, career_compa_ratio(m, e->years, e->salary, &e->compa_ratio),
              "compa-ratio");
    cli_check(c, career_range_penetration(m, e->years, e->salary,
                                          &e->penetration),
              "range penetration");
}

/* The keys are the tools' one vocabulary (see career-estimate(1)): tier
 * (index), tier_name, next_tier, next_tier_name, years_to_next_tier. */
static void print_json(cli *c, const estimate *e)
{
    json_t *doc = json_object(), *band = json_object();
    size_t i;

    if (!doc || !band)
        cli_data_error(c, "out of memory");
    cli_json_set(c, doc, "role", json_string(c->profile->role));
    cli_json_set(c, doc, "currency", json_string(cli_currency(c)));
    cli_json_set(c, doc, "period", json_string(cli_per_name(c)));
    cli_json_set(c, doc, "years", cli_json_num(c, e->years));
    cli_json_set(c, doc, "tier", json_integer((json_int_t)e->tier));
    cli_json_set(c, doc, "tier_name", json_string(e->info.name));
    cli_json_set(c, doc, "tier_min_years", cli_json_num(c, e->info.min_years));
    cli_json_set(c, doc, "tier_anchor_years",
                 cli_json_num(c, e->info.anchor_years));
    cli_json_set(c, doc, "median", cli_json_money(c, e->median));
    for (i = 0; i < 5; i++)
        cli_json_set(c, band, band_key[i], cli_json_money(c, e->band[i]));
    cli_json_set(c, doc, "band", band);
    cli_json_set(c, doc, "next_tier", e->has_next
                                          ? json_integer((json_int_t)e->next)
                                          : json_null());
    cli_json_set(c, doc, "next_tier_name", e->has_next
                                               ? json_string(e->next_info.name)
                                               : json_null());
    cli_json_set(c, doc, "years_to_next_tier",
                 cli_json_num(c, e->has_next ? e->years_to_next : NAN));
    /* the same keys with or without --salary: null when not given */
    cli_json_set(c, doc, "salary", cli_json_money(c, e->salary));
    cli_json_set(c, doc, "percentile", cli_json_num(c, e->percentile));
    cli_json_set(c, doc, "market_percentile",
                 cli_json_num(c, e->market_percentile));
    cli_json_set(c, doc, "compa_ratio", cli_json_num(c, e->compa_ratio));
    cli_json_set(c, doc, "range_penetration", cli_json_num(c, e->penetration));
    cli_json_set(c, doc, "model", cli_model_json(c));
    cli_emit_json(c, doc);
}

/* CSV and the text table share one layout: a field per column, the same
 * columns with or without --salary (empty when not given). */
static cli_table *as_table(cli *c, const estimate *e)
{
    static const cli_column cols[] = {
        {"role", "role", CLI_TEXT},
        {"years", "years", CLI_YEARS},
        {"tier", "tier", CLI_INT},
        {"tier_name", "tier name", CLI_TEXT},
        {"median", "median", CLI_MONEY},
        {"p10", "p10", CLI_MONEY},
        {"p25", "p25", CLI_MONEY},
        {"p50", "p50", CLI_MONEY},
        {"p75", "p75", CLI_MONEY},
        {"p90", "p90", CLI_MONEY},
        {"next_tier", "next tier", CLI_INT},
        {"next_tier_name", "next tier name", CLI_TEXT},
        {"years_to_next_tier", "years to next", CLI_YEARS},
        {"salary", "salary", CLI_MONEY},
        {"percentile", "percentile", CLI_SHARE},
        {"market_percentile", "market percentile", CLI_SHARE},
        {"compa_ratio", "compa-ratio", CLI_RATIO},
        {"range_penetration", "range penetration", CLI_SHARE},
        {0}, {0}, {0}, {0}, /* the model's: cli_model_columns */
    };
    cli_column all[sizeof cols / sizeof cols[0]];
    cli_table *t;
    size_t i, n = sizeof cols / sizeof cols[0] - CLI_MODEL_COLUMNS;

    memcpy(all, cols, sizeof cols);
    memcpy(all + n, cli_model_columns, sizeof cli_model_columns);
    t = cli_table_new(c, all, n + CLI_MODEL_COLUMNS);
    cli_table_text(t, c->profile->role);
    cli_table_num(t, e->years);
    cli_table_num(t, (double)e->tier);
    cli_table_text(t, e->info.name);
    cli_table_num(t, e->median);
    for (i = 0; i < 5; i++)
        cli_table_num(t, e->band[i]);
    cli_table_num(t, e->has_next ? (double)e->next : NAN);
    cli_table_text(t, e->has_next ? e->next_info.name : NULL);
    cli_table_num(t, e->has_next ? e->years_to_next : NAN);
    cli_table_num(t, e->salary);
    cli_table_num(t, e->percentile);
    cli_table_num(t, e->market_percentile);
    cli_table_num(t, e->compa_ratio);
    cli_table_num(t, e->penetration);
    cli_table_model(t);
    return t;
}

static void money(cli *c, double amount, char *buf, size_t size)
{
    cli_format_money(c, cli_money_out(c, amount), buf, size);
}

static void print_text(cli *c, const estimate *e)
{
    FILE *out = cli_out(c);
    char b[5][64], s[64], y[64], name[256];
    size_t i;

    cli_escape(c->profile->role, name, sizeof name);
    cli_format_years(e->years, y, sizeof y);
    fprintf(out, "%s, %s of experience (money per %s)\n", name, y,
            cli_per_name(c));
    cli_escape(e->info.name, name, sizeof name);
    cli_format_years(e->info.min_years, y, sizeof y);
    fprintf(out, "  tier               %zu  %s (from %s)\n", e->tier, name, y);
    if (e->has_next) {
        cli_escape(e->next_info.name, name, sizeof name);
        cli_format_years(e->years_to_next, y, sizeof y);
        fprintf(out, "  next tier          %zu  %s in %s\n", e->next, name, y);
    } else
        fprintf(out, "  next tier          none: the last tier\n");
    money(c, e->median, s, sizeof s);
    fprintf(out, "  median             %s\n", s);
    for (i = 0; i < 5; i++)
        money(c, e->band[i], b[i], sizeof b[i]);
    fprintf(out, "  band               p10 %s | p25 %s | p50 %s | p75 %s | "
                 "p90 %s\n", b[0], b[1], b[2], b[3], b[4]);
    cli_print_model(c);
    if (isnan(e->salary))
        return;
    money(c, e->salary, s, sizeof s);
    fprintf(out, "  salary             %s\n", s);
    cli_format_years(e->years, y, sizeof y);
    fprintf(out, "  percentile         %.1f %% of peers with %s earn "
                 "less\n", 100.0 * e->percentile, y);
    fprintf(out, "  market percentile  %.1f %% of the whole market earns "
                 "less\n", 100.0 * e->market_percentile);
    fprintf(out, "  compa-ratio        %.3f (salary / median)\n",
            e->compa_ratio);
    fprintf(out, "  range penetration  %.1f %% (0 at p10, 100 at p90)\n",
            100.0 * e->penetration);
}

int main(int argc, char *argv[])
{
    static const struct option longopts[] = {
        {"years", required_argument, NULL, OPT_YEARS},
        {"salary", required_argument, NULL, OPT_SALARY},
        CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    const char *salary_arg = NULL;
    estimate e = {.years = NAN, .salary = NAN, .percentile = NAN,
                  .market_percentile = NAN, .compa_ratio = NAN,
                  .penetration = NAN};
    cli c;
    int opt;

    gsl_set_error_handler_off();
    cli_init(&c, "career-estimate", usage);
    c.longopts = longopts;
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "y:s:", longopts,
                              NULL)) != -1) {
        if (cli_common_option(&c, opt, argv))
            continue;
        if (opt == OPT_YEARS)
            e.years = cli_parse_double(&c, "--years", optarg, 0.0, 0, 100.0);
        else if (opt == OPT_SALARY)
            salary_arg = optarg;
    }
    if (optind < argc)
        cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    if (isnan(e.years))
        cli_usage_error(&c, "--years: missing (the years of experience)");
    if (salary_arg)
        e.salary = cli_parse_double(&c, "--salary", salary_arg, 0.0, 1, 1e12);
    cli_open_model(&c);
    if (salary_arg)
        e.salary = cli_money_in(&c, e.salary);
    compute(&c, &e);
    if (c.format == CLI_JSON) {
        print_json(&c, &e);
    } else if (c.format == CLI_CSV) {
        cli_table *t = as_table(&c, &e);
        cli_table_write(t);
        cli_table_free(t);
    } else {
        print_text(&c, &e);
    }
    return cli_finish(&c);
}
