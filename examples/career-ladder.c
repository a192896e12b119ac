/* career-ladder - the profile at a glance: the tier ladder with the median
 * and the p10..p90 band at each tier's anchor, the market's quantiles and
 * the demand growth with its annual rate; --plot draws the curve m(x). */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: career-ladder [OPTION]...\n"
    "Show the tier ladder of a career profile, the salary band at each\n"
    "tier's anchor, the market quantiles and the demand growth.\n"
    "\n"
    "      --plot FILE          draw the median m(x) with its p10-p90 and\n"
    "                           p25-p75 bands and the tier boundaries into\n"
    "                           FILE.svg or FILE.png\n"
    "      --plot-years X       the plot's last year of experience (default:\n"
    "                           the last anchor + 5)\n" CLI_COMMON_HELP
    "\n"
    "With --format csv or json only the ladder is a table; json also holds\n"
    "the market and the demand.\n"
    "Exit status: 0 success, 1 data error, 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-ladder --per month --plot ladder.svg\n";

enum { OPT_PLOT = CLI_OPT_TOOL, OPT_PLOT_YEARS };

static const double market_p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
static const char *const market_key[5] = {"p10", "p25", "p50", "p75", "p90"};

/* Whether every tier starts on a whole year, as the guide's spans do. */
static int whole_years(const career_model *m)
{
    size_t i, n = career_tier_count(m);
    career_tier t;

    for (i = 0; i < n; i++)
        if (career_tier_info(m, i, &t) != CAREER_OK ||
            t.min_years != floor(t.min_years))
            return 0;
    return 1;
}

/* The guide's inclusive form with whole-year starts ("0-2", "3-7", "12+";
 * "5" for a one-year tier), else the half-open span ("3 to 7.5", "12.5+"). */
static void span(const career_model *m, size_t i, const career_tier *t,
                 int whole, char *buf, size_t size)
{
    career_tier next;

    if (career_tier_info(m, i + 1, &next) != CAREER_OK)
        snprintf(buf, size, "%g+", t->min_years);
    else if (!whole)
        snprintf(buf, size, "%g to %g", t->min_years, next.min_years);
    else if (next.min_years - 1.0 == t->min_years)
        snprintf(buf, size, "%g", t->min_years);
    else
        snprintf(buf, size, "%g-%g", t->min_years, next.min_years - 1.0);
}

static cli_table *ladder_table(cli *c)
{
    static const cli_column cols[] = {
        {"role", "role", CLI_TEXT},
        {"tier", "tier", CLI_INT},
        {"tier_name", "name", CLI_TEXT},
        {"span", "years", CLI_TEXT},    {"min_years", "from", CLI_YEARS},
        {"anchor_years", "anchor", CLI_YEARS},
        {"median", "median", CLI_MONEY}, {"p10", "p10", CLI_MONEY},
        {"p90", "p90", CLI_MONEY},
        {0}, {0}, {0}, {0}, /* the model's, in CSV: cli_model_columns */
    };
    const career_model *m = c->model;
    /* the text table names the role and the model in lines of their own,
     * CSV in columns */
    size_t skip = c->format == CLI_CSV ? 0 : 1;
    size_t ncols = sizeof cols / sizeof cols[0] - CLI_MODEL_COLUMNS;
    cli_column all[sizeof cols / sizeof cols[0]];
    cli_table *t;
    size_t i, n = career_tier_count(m);
    int whole = whole_years(m);

    memcpy(all, cols, sizeof cols);
    memcpy(all + ncols, cli_model_columns, sizeof cli_model_columns);
    if (!skip)
        ncols += CLI_MODEL_COLUMNS;
    t = cli_table_new(c, all + skip, ncols - skip);

    for (i = 0; i < n; i++) {
        career_tier tier;
        double median, p10, p90;
        char years[64];
        cli_check(c, career_tier_info(m, i, &tier), "tier");
        cli_check(c, career_salary_at(m, tier.anchor_years, &median), "median");
        cli_check(c, career_quantile_at(m, tier.anchor_years, 0.10, &p10),
                  "band");
        cli_check(c, career_quantile_at(m, tier.anchor_years, 0.90, &p90),
                  "band");
        span(m, i, &tier, whole, years, sizeof years);
        if (!skip)
            cli_table_text(t, c->profile->role);
        cli_table_num(t, (double)i);
        cli_table_text(t, tier.name);
        cli_table_text(t, years);
        cli_table_num(t, tier.min_years);
        cli_table_num(t, tier.anchor_years);
        cli_table_num(t, median);
        cli_table_num(t, p10);
        cli_table_num(t, p90);
        if (!skip)
            cli_table_model(t);
    }
    return t;
}

typedef struct summary {
    double market[5];
    double mean; /* the fitted market's; NAN when it has none */
    career_market_fit fit;
    career_calibration cal;
    double growth, years, rate;
    int has_rate;
} summary;

static void summarise(cli *c, summary *s)
{
    size_t i;

    for (i = 0; i < 5; i++)
        cli_check(c, career_market_quantile(c->model, market_p[i],
                                            &s->market[i]),
                  "market quantile");
    career_market_fit_info(c->model, &s->fit);
    if (career_market_mean(c->model, &s->mean) != CAREER_OK)
        s->mean = NAN;
    cli_check(c, career_calibration_info(c->model, &s->cal), "calibration");
    s->growth = c->profile->demand_growth;
    s->years = c->profile->demand_years;
    s->has_rate = career_annual_rate(s->growth, s->years, &s->rate) ==
                  CAREER_OK;
}

/* The location factor the model resolved (the option's 0 is 1). */
static double location_factor(const cli *c)
{
    career_options o;

    career_model_options(c->model, &o);
    return o.location_factor;
}

static const char *separation_source(career_separation_source source)
{
    switch (source) {
    case CAREER_SEPARATION_PROFILE:
        return "profile";
    case CAREER_SEPARATION_BOUND:
        return "bound";
    case CAREER_SEPARATION_FITTED:
        break;
    }
    return "fitted";
}

/* d, the separation rate and where it came from, the experience
 * correlation assumed and the one d implies (copula band), and each market
 * figure beside the share of the model's workforce that earns at most it. */
static void print_calibration(cli *c, const career_calibration *cal)
{
    FILE *out = cli_out(c);
    char money[64];
    size_t i;

    fprintf(out, "\nCalibration: dispersion d = %.4f; separation rate %.2f %% "
                 "a year (%s); mean experience %.2f years\n",
            cal->dispersion, 100.0 * cal->separation_rate,
            separation_source(cal->separation_source), cal->mean_years);
    if (cal->experience_correlation > 0.0 || !isnan(cal->implied_correlation)) {
        fputs("Experience correlation:", out);
        if (cal->experience_correlation > 0.0)
            fprintf(out, " rho = %.2f assumed (it placed the tiers)",
                    cal->experience_correlation);
        if (!isnan(cal->implied_correlation))
            fprintf(out, "%s sqrt(1 - d^2) = %.2f for the fitted band",
                    cal->experience_correlation > 0.0 ? ";" : "",
                    cal->implied_correlation);
        fputc('\n', out);
    }
    for (i = 0; i < cal->nquantiles; i++) {
        double s = cal->quantiles[i].salary * location_factor(c);
        cli_format_money(c, cli_money_out(c, s), money, sizeof money);
        fprintf(out, "  market p%-3g %16s: %5.1f %% of the model's workforce "
                     "earn at most this\n",
                100.0 * cal->quantiles[i].p, money, 100.0 * cal->mixture_p[i]);
    }
}

static json_t *calibration_json(cli *c, const career_calibration *cal)
{
    json_t *obj = json_object(), *q = json_array(), *row;
    size_t i;

    if (!obj || !q)
        cli_data_error(c, "out of memory");
    cli_json_set(c, obj, "dispersion", cli_json_num(c, cal->dispersion));
    cli_json_set(c, obj, "separation_rate",
                 cli_json_num(c, cal->separation_rate));
    cli_json_set(c, obj, "separation_rate_source",
                 json_string(separation_source(cal->separation_source)));
    cli_json_set(c, obj, "mean_years", cli_json_num(c, cal->mean_years));
    cli_json_set(c, obj, "experience_correlation",
                 cal->experience_correlation > 0.0
                     ? cli_json_num(c, cal->experience_correlation)
                     : json_null());
    cli_json_set(c, obj, "implied_correlation",
                 cli_json_num(c, cal->implied_correlation));
    for (i = 0; i < cal->nquantiles; i++) {
        double s = cal->quantiles[i].salary * location_factor(c);
        if (!(row = json_object()) || json_array_append_new(q, row) != 0)
            cli_data_error(c, "out of memory");
        cli_json_set(c, row, "p", cli_json_num(c, cal->quantiles[i].p));
        cli_json_set(c, row, "salary", cli_json_money(c, s));
        cli_json_set(c, row, "mixture_p", cli_json_num(c, cal->mixture_p[i]));
    }
    cli_json_set(c, obj, "quantiles", q);
    return obj;
}

static void print_text(cli *c, const cli_table *t, const summary *s)
{
    const career_profile *p = c->profile;
    FILE *out = cli_out(c);
    char b[5][64], role[256], region[256], cur[64], source[512], level[256];
    size_t i;

    /* text from a profile is shown with its control characters escaped */
    cli_escape(p->role, role, sizeof role);
    cli_escape(p->region ? p->region : "region not given", region,
               sizeof region);
    cli_escape(cli_currency(c), cur, sizeof cur);
    cli_escape(p->source ? p->source : "not given", source, sizeof source);
    cli_escape(p->demand_level, level, sizeof level);
    fprintf(out, "%s (%s, %s per %s; source: %s)\n\n", role, region, cur,
            cli_per_name(c), source);
    cli_table_write(t);
    for (i = 0; i < 5; i++)
        cli_format_money(c, cli_money_out(c, s->market[i]), b[i],
                         sizeof b[i]);
    fprintf(out, "\nMarket, all levels (%s fit): p10 %s | p25 %s | p50 %s | "
                 "p75 %s | p90 %s\n",
            cli_dist_name(s->fit.dist), b[0], b[1], b[2], b[3], b[4]);
    if (s->has_rate)
        fprintf(out, "Demand growth: %+.1f %% over %g %s%s%s%s = %.4f %% "
                     "a year\n", 100.0 * s->growth, s->years,
                cli_plural(s->years, "year", "years"),
                p->demand_level ? " (" : "", p->demand_level ? level : "",
                p->demand_level ? ")" : "", 100.0 * s->rate);
    else
        fprintf(out, "Demand growth: not given\n");
    print_calibration(c, &s->cal);
    cli_print_model(c);
}

static void print_json(cli *c, cli_table *t, const summary *s)
{
    const career_profile *p = c->profile;
    json_t *doc = json_object(), *market = json_object(),
           *q = json_object(), *demand = json_object();
    size_t i;

    if (!doc || !market || !q || !demand)
        cli_data_error(c, "out of memory");
    cli_json_set(c, doc, "role", json_string(p->role));
    cli_json_set(c, doc, "region", p->region ? json_string(p->region)
                                             : json_null());
    cli_json_set(c, doc, "currency", json_string(cli_currency(c)));
    cli_json_set(c, doc, "period", json_string(cli_per_name(c)));
    cli_json_set(c, doc, "source", p->source ? json_string(p->source)
                                             : json_null());
    cli_json_set(c, doc, "tiers", cli_table_json(t));
    cli_json_set(c, market, "dist", json_string(cli_dist_name(s->fit.dist)));
    for (i = 0; i < 5; i++)
        cli_json_set(c, q, market_key[i], cli_json_money(c, s->market[i]));
    cli_json_set(c, market, "quantiles", q);
    cli_json_set(c, market, "mean", isnan(s->mean) ? json_null()
                                                   : cli_json_money(c, s->mean));
    if (p->market_mean > 0.0)
        cli_json_set(c, market, "published_mean",
                     cli_json_money(c, p->market_mean *
                                           location_factor(c)));
    cli_json_set(c, doc, "market", market);
    cli_json_set(c, demand, "growth", cli_json_num(c, s->growth));
    cli_json_set(c, demand, "years", cli_json_num(c, s->years));
    cli_json_set(c, demand, "level", p->demand_level
                                         ? json_string(p->demand_level)
                                         : json_null());
    cli_json_set(c, demand, "annual_rate",
                 cli_json_num(c, s->has_rate ? s->rate : NAN));
    cli_json_set(c, doc, "demand", demand);
    cli_json_set(c, doc, "calibration", calibration_json(c, &s->cal));
    cli_json_set(c, doc, "model", cli_model_json(c));
    cli_emit_json(c, doc);
}

/* The options the model used, for the plot's second title line. */
static void model_note(cli *c, char *buf, size_t size)
{
    cli_model_info m;

    cli_model_used(c, &m);
    snprintf(buf, size, "%s curve, %s market, dispersion d = %.3g (%s), "
                        "location factor %g, demand %+.0f %% over %g years",
             cli_interp_name(m.options.interp),
             cli_dist_name(m.options.dist), m.options.dispersion,
             m.calibrated ? "calibrated" : "fixed", m.options.location_factor,
             100.0 * c->profile->demand_growth, c->profile->demand_years);
}

/* m(x) and its bands on a fine grid from 0 to `last` years, the anchors
 * marked, the tier starts dashed and named in the legend. */
static void plot(cli *c, const char *path, double last)
{
    const career_model *m = c->model;
    size_t n = 401, i, k, nt = career_tier_count(m), na = 0;
    double *v = malloc(6 * n * sizeof *v);
    double ax[CAREER_MAX_TIERS], ay[CAREER_MAX_TIERS];
    cli_mark marks[CAREER_MAX_TIERS];
    career_tier tier[CAREER_MAX_TIERS];
    char title[256], sub[256], ylabel[128], names[CAREER_MAX_TIERS][224];
    char span_text[64];
    static const double p[4] = {0.10, 0.90, 0.25, 0.75};
    int thousands = c->per != CAREER_PER_HOUR, whole = whole_years(m);
    double scale = thousands ? 1e-3 : 1.0;

    if (!v)
        cli_data_error(c, "out of memory");
    for (i = 0; i < n; i++) {
        double x = last * (double)i / (double)(n - 1), s;
        v[i] = x;
        cli_check(c, career_salary_at(m, x, &s), "median");
        v[n + i] = scale * cli_money_out(c, s);
        for (k = 0; k < 4; k++) {
            cli_check(c, career_quantile_at(m, x, p[k], &s), "band");
            v[(2 + k) * n + i] = scale * cli_money_out(c, s);
        }
    }
    for (i = 0; i < nt; i++) {
        double s;
        cli_check(c, career_tier_info(m, i, &tier[i]), "tier");
        span(m, i, &tier[i], whole, span_text, sizeof span_text);
        snprintf(names[i], sizeof names[i], "%s years: %.140s", span_text,
                 tier[i].name);
        marks[i].x = tier[i].min_years;
        marks[i].label = names[i];
        if (!isnan(tier[i].salary) && tier[i].anchor_years <= last &&
            career_salary_at(m, tier[i].anchor_years, &s) == CAREER_OK) {
            ax[na] = tier[i].anchor_years;
            ay[na++] = scale * cli_money_out(c, s);
        }
    }
    snprintf(title, sizeof title, "%s: median salary by experience",
             c->profile->role);
    model_note(c, sub, sizeof sub);
    snprintf(ylabel, sizeof ylabel, "Salary (%s%s per %s)",
             thousands ? "thousand " : "", cli_currency(c), cli_per_name(c));
    cli_plot pl = {
        .path = path, .title = title, .subtitle = sub,
        .xlabel = "Years of experience", .ylabel = ylabel,
        .x = v, .y = v + n, .n = n, .y_label = "median m(x)",
        .outer_lo = v + 2 * n, .outer_hi = v + 3 * n,
        .inner_lo = v + 4 * n, .inner_hi = v + 5 * n,
        .outer_label = "p10-p90 band", .inner_label = "p25-p75 band",
        .px = ax, .py = ay, .npoints = na,
        .points_label = "tier salary at its anchor",
        .marks = marks, .nmarks = nt, .marks_label = "tier starts"};
    cli_plot_draw(c, &pl);
    free(v);
}

static double default_plot_years(const cli *c)
{
    size_t i, n = career_tier_count(c->model);
    double last = 0.0;

    for (i = 0; i < n; i++) {
        career_tier t;
        if (career_tier_info(c->model, i, &t) == CAREER_OK &&
            t.anchor_years > last)
            last = t.anchor_years;
    }
    return last + 5.0;
}

int main(int argc, char *argv[])
{
    static const struct option longopts[] = {
        {"plot", required_argument, NULL, OPT_PLOT},
        {"plot-years", required_argument, NULL, OPT_PLOT_YEARS},
        CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    const char *plot_path = NULL;
    double plot_years = NAN;
    cli_table *t;
    summary s;
    cli c;
    int opt;

    gsl_set_error_handler_off();
    cli_init(&c, "career-ladder", usage);
    c.longopts = longopts;
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, longopts,
                              NULL)) != -1) {
        if (cli_common_option(&c, opt, argv))
            continue;
        if (opt == OPT_PLOT)
            plot_path = optarg;
        else if (opt == OPT_PLOT_YEARS)
            plot_years = cli_parse_double(&c, "--plot-years", optarg, 0.0, 1,
                                          100.0);
    }
    if (optind < argc)
        cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
    if (!isnan(plot_years) && !plot_path)
        cli_usage_error(&c, "--plot-years: needs --plot FILE (the plot it "
                            "sets the end of)");
    if (plot_path)
        cli_check_plot_path(&c, "--plot", plot_path);
    cli_open_model(&c);
    t = ladder_table(&c);
    summarise(&c, &s);
    if (c.format == CLI_JSON)
        print_json(&c, t, &s);
    else if (c.format == CLI_CSV)
        cli_table_write(t);
    else
        print_text(&c, t, &s);
    cli_table_free(t);
    if (plot_path)
        plot(&c, plot_path, isnan(plot_years) ? default_plot_years(&c)
                                              : plot_years);
    return cli_finish(&c);
}
