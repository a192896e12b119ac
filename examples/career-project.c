/* career-project - how a career grows: the deterministic year-by-year
 * projection (salary, real salary, market percentile, cumulative earnings,
 * present value), the tier timeline, the year a target is reached, low /
 * base / high demand scenarios and a Monte Carlo fan of paths. */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "Usage: career-project [OPTION]...\n"
    "Project a career year by year under the demand growth of the profile\n"
    "(or --growth), with inflation and discounting; optionally as low /\n"
    "base / high demand scenarios and as a Monte Carlo fan of paths.\n"
    "\n"
    "  -y, --years X0           years of experience at the start, 0 to 100\n"
    "                           (default 0)\n"
    "  -s, --salary S0          salary at the start, per --per unit (default:\n"
    "                           the median at X0)\n"
    "  -H, --horizon H          years to project, 1 to 100 (default 10)\n"
    "      --growth G           demand growth as a fraction (0.10 = 10 %) over\n"
    "                           --growth-years (default: the profile's)\n"
    "      --growth-years T     the years G is over (default: the profile's)\n"
    "      --elasticity E       wages' response to demand, >= 0 (default 1;\n"
    "                           0: wages ignore demand)\n"
    "      --inflation I        inflation a year as a fraction (default 0)\n"
    "      --discount R         discount rate a year for present values\n"
    "                           (default 0)\n"
    "      --target S           report the first year the salary reaches S\n"
    "                           (per --per unit)\n"
    "      --scenarios          add low / base / high demand columns\n"
    "                           (G - D, G, G + D, D = max(|G|/2, 0.05))\n"
    "  -n, --paths N            run N Monte Carlo paths: the per-year fan and\n"
    "                           the share of paths in each tier (1 to\n"
    "                           100,000,000; about 37 bytes a path: 10^8\n"
    "                           paths take 3.7 GB)\n"
    "      --seed K             the random seed (default 0); the same seed\n"
    "                           gives the same output with any --threads\n"
    "      --volatility V       sigma of the yearly log-salary shocks\n"
    "                           (default 0.05; 0 = no shocks)\n"
    "      --pace-sd P          sigma of the log pace of a career (default\n"
    "                           0.25; 0 = everyone's pace is 1)\n"
    "      --threads T          worker threads (default: the online cores)\n"
    "      --plot FILE          draw salary by year (with the p10-p90 and\n"
    "                           p25-p75 fan when --paths is given) into\n"
    "                           FILE.svg or FILE.png\n" CLI_COMMON_HELP
    "\n"
    "Money is nominal unless a column says real. With --format csv every\n"
    "part is one row per year; json holds every part as one document.\n"
    "Exit status: 0 success, 1 data error, 2 usage error.\n"
    "\n"
    "Examples:\n"
    "  career-project --horizon 10\n"
    "  career-project --years 2 --salary 110000 --horizon 15 --inflation "
    "0.025 \\\n"
    "      --discount 0.03 --paths 10000 --seed 7 --plot fan.png\n";

enum {
    OPT_YEARS = 'y',
    OPT_SALARY = 's',
    OPT_HORIZON = 'H',
    OPT_PATHS = 'n',
    OPT_GROWTH = CLI_OPT_TOOL,
    OPT_GROWTH_YEARS,
    OPT_ELASTICITY,
    OPT_INFLATION,
    OPT_DISCOUNT,
    OPT_TARGET,
    OPT_SCENARIOS,
    OPT_SEED,
    OPT_VOLATILITY,
    OPT_PACE_SD,
    OPT_THREADS,
    OPT_PLOT
};

typedef struct request {
    career_projection_options proj;
    double growth, growth_years; /* as given (NaN = the profile's) */
    double elasticity; /* as given (NaN = default) */
    double target;     /* NaN = none; per --per until the model is open */
    int scenarios;
    career_simulation_options sim;
    const char *sim_option; /* a Monte Carlo option given, for messages */
    int simulate;
    const char *plot;
} request;

typedef struct result {
    size_t nrows, ntiers;
    career_projection_row rows[CAREER_MAX_HORIZON + 1];
    career_projection_row scen[3 * (CAREER_MAX_HORIZON + 1)];
    double scen_growth[3];
    career_band bands[CAREER_MAX_HORIZON + 1];
    double share[(CAREER_MAX_HORIZON + 1) * CAREER_MAX_TIERS]; /* t x tier */
    long tier_year[CAREER_MAX_TIERS];
    career_tier tier[CAREER_MAX_TIERS];
    long target_year;
    double demand;      /* the demand growth, as given or the profile's */
    double growth;      /* what the library is given: the same */
    double growth_years, annual_rate; /* the rate of the demand */
    double elasticity;
} result;

/* ---- options ------------------------------------------------------------ */

static void parse(cli *c, request *r, int argc, char *argv[])
{
    static const struct option longopts[] = {
        {"years", required_argument, NULL, OPT_YEARS},
        {"salary", required_argument, NULL, OPT_SALARY},
        {"horizon", required_argument, NULL, OPT_HORIZON},
        {"growth", required_argument, NULL, OPT_GROWTH},
        {"growth-years", required_argument, NULL, OPT_GROWTH_YEARS},
        {"elasticity", required_argument, NULL, OPT_ELASTICITY},
        {"inflation", required_argument, NULL, OPT_INFLATION},
        {"discount", required_argument, NULL, OPT_DISCOUNT},
        {"target", required_argument, NULL, OPT_TARGET},
        {"scenarios", no_argument, NULL, OPT_SCENARIOS},
        {"paths", required_argument, NULL, OPT_PATHS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"volatility", required_argument, NULL, OPT_VOLATILITY},
        {"pace-sd", required_argument, NULL, OPT_PACE_SD},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"plot", required_argument, NULL, OPT_PLOT},
        CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    career_projection_options *p = &r->proj;
    career_simulation_options *s = &r->sim;
    int opt;

    c->longopts = longopts;
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "y:s:H:n:",
                              longopts, NULL)) != -1) {
        if (cli_common_option(c, opt, argv))
            continue;
        switch (opt) {
        case OPT_YEARS:
            p->start_years = cli_parse_double(c, "--years", optarg, 0, 0, 100);
            break;
        case OPT_SALARY:
            p->start_salary =
                cli_parse_double(c, "--salary", optarg, 0, 1, 1e12);
            break;
        case OPT_HORIZON:
            p->horizon = (unsigned)cli_parse_uint(c, "--horizon", optarg, 1,
                                                  CAREER_MAX_HORIZON);
            break;
        case OPT_GROWTH:
            r->growth = cli_parse_double(c, "--growth", optarg, -1, 1, 100);
            break;
        case OPT_GROWTH_YEARS:
            r->growth_years =
                cli_parse_double(c, "--growth-years", optarg, 0, 1, 1000);
            break;
        case OPT_ELASTICITY:
            r->elasticity =
                cli_parse_double(c, "--elasticity", optarg, 0, 0, 100);
            break;
        case OPT_INFLATION:
            p->inflation =
                cli_parse_double(c, "--inflation", optarg, -1, 1, 10);
            break;
        case OPT_DISCOUNT:
            p->discount = cli_parse_double(c, "--discount", optarg, -1, 1, 10);
            break;
        case OPT_TARGET:
            r->target = cli_parse_double(c, "--target", optarg, 0, 1, 1e12);
            break;
        case OPT_SCENARIOS:
            r->scenarios = 1;
            break;
        case OPT_PATHS:
            s->paths = (size_t)cli_parse_uint(c, "--paths", optarg, 1,
                                              100000000ull);
            r->simulate = 1;
            break;
        case OPT_SEED:
            s->seed = cli_parse_uint(c, "--seed", optarg, 0, UINT64_MAX);
            r->sim_option = "--seed";
            break;
        case OPT_VOLATILITY:
            s->volatility =
                cli_parse_double(c, "--volatility", optarg, 0, 0, 5);
            /* the last --volatility wins, 0 or not */
            s->flags &= ~(unsigned)CAREER_SIM_NO_SHOCKS;
            if (s->volatility == 0.0)
                s->flags |= CAREER_SIM_NO_SHOCKS;
            r->sim_option = "--volatility";
            break;
        case OPT_PACE_SD:
            s->pace_sd = cli_parse_double(c, "--pace-sd", optarg, 0, 0, 5);
            s->flags &= ~(unsigned)CAREER_SIM_FIXED_PACE;
            if (s->pace_sd == 0.0)
                s->flags |= CAREER_SIM_FIXED_PACE;
            r->sim_option = "--pace-sd";
            break;
        case OPT_THREADS:
            s->threads =
                (unsigned)cli_parse_uint(c, "--threads", optarg, 1, 1024);
            r->sim_option = "--threads";
            break;
        case OPT_PLOT:
            r->plot = optarg;
            break;
        }
    }
    if (optind < argc)
        cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
    if (r->sim_option && !r->simulate)
        cli_usage_error(c, "%s: needs --paths N (the Monte Carlo run)",
                        r->sim_option);
    if (r->plot)
        cli_check_plot_path(c, "--plot", r->plot);
}

/* The demand growth and its years must give a wage index that stays a
 * number over the horizon: say which options do not, as a usage error. */
static void check_growth(cli *c, const request *r, result *res)
{
    unsigned h = r->proj.horizon ? r->proj.horizon : 10u;
    double e = res->elasticity, index;
    char given[128] = "";

    if (!isnan(r->growth))
        strcat(given, "--growth, ");
    if (!isnan(r->growth_years))
        strcat(given, "--growth-years, ");
    if (career_annual_rate(res->demand, res->growth_years,
                           &res->annual_rate) == CAREER_OK) {
        index = pow(1.0 + res->annual_rate, e * (double)h);
        if (isfinite(index) && index > 0.0 && isfinite(1.0 / index))
            return;
    }
    if (!given[0])
        cli_data_error(c, "the profile's demand growth %g over %g years "
                          "cannot be projected over %u years", res->demand,
                       res->growth_years, h);
    cli_usage_error(c, "%s--horizon: a growth of %g over %g years compounds "
                       "out of range over %u years", given, res->demand,
                    res->growth_years, h);
}

/* Resolves what depends on the profile: the demand growth and its years,
 * elasticity 0, money given per --per unit. */
static void resolve(cli *c, request *r, result *res)
{
    career_projection_options *p = &r->proj;
    long cores;

    /* Always explicit, so that the figures shown are the ones used. */
    res->demand = isnan(r->growth) ? c->profile->demand_growth : r->growth;
    res->growth = res->demand;
    res->growth_years = isnan(r->growth_years) ? c->profile->demand_years
                                               : r->growth_years;
    res->elasticity = isnan(r->elasticity) ? 1.0 : r->elasticity;
    /* every value as given: growth 0 is no growth, elasticity 0 wages
     * that ignore demand */
    p->elasticity = res->elasticity;
    p->growth = res->growth;
    p->growth_years = res->growth_years;
    p->flags |= CAREER_PROJ_GROWTH_GIVEN | CAREER_PROJ_ELASTICITY_GIVEN;
    check_growth(c, r, res);
    if (p->start_salary > 0.0)
        p->start_salary = cli_money_in(c, p->start_salary);
    if (!isnan(r->target))
        r->target = cli_money_in(c, r->target);
    if (r->simulate && r->sim.threads == 0) {
        cores = sysconf(_SC_NPROCESSORS_ONLN);
        r->sim.threads = cores > 0 ? (unsigned)cores : 1u;
    }
}

/* ---- progress ----------------------------------------------------------- */

typedef struct progress {
    struct timespec start;
    int shown;
    int last;
} progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
}

/* A bar on stderr once a run has taken more than half a second. */
static int show_progress(void *context, double done)
{
    progress *pr = context;
    int pct = (int)(100.0 * done), i;

    if (pct == pr->last || (!pr->shown && seconds_since(&pr->start) < 0.5))
        return 0;
    pr->shown = 1;
    pr->last = pct;
    fputs("\rcareer-project: [", stderr);
    for (i = 0; i < 40; i++)
        fputc(i < pct * 40 / 100 ? '#' : ' ', stderr);
    fprintf(stderr, "] %3d %%", pct);
    fflush(stderr);
    return 0;
}

/* ---- options out of range together --------------------------------------- */

/* Each option is within its own range, but the library's figures overflow
 * or vanish over the horizon (a discount of -0.999999 over 100 years, an
 * inflation of -0.9999): the projection is tried again with the given
 * rates set to 0, one set at a time, and the first that makes it whole
 * names the options to blame, as a usage error. The profile's own figures
 * out of range are a data error. */
typedef struct culprit {
    unsigned zero;     /* ZERO_* set to 0 in the retry */
    const char *why;
} culprit;

enum { ZERO_DISCOUNT = 1, ZERO_INFLATION = 2, ZERO_DEMAND = 4 };

static int projects_with(const cli *c, const request *r, unsigned zero)
{
    career_projection_options o = r->proj;
    career_projection_row rows[CAREER_MAX_HORIZON + 1];

    if (zero & ZERO_DISCOUNT)
        o.discount = 0.0;
    if (zero & ZERO_INFLATION)
        o.inflation = 0.0;
    if (zero & ZERO_DEMAND)
        o.elasticity = 0.0; /* wages that ignore demand */
    return career_project(c->model, &o, rows,
                          (size_t)(o.horizon ? o.horizon : 10u) + 1u) ==
           CAREER_OK;
}

/* The options behind `zero`, as given ("--inflation, --discount, "). */
static void blamed(const request *r, unsigned zero, char *buf, size_t size)
{
    buf[0] = '\0';
    if ((zero & ZERO_INFLATION) && r->proj.inflation != 0.0)
        strncat(buf, "--inflation, ", size - strlen(buf) - 1);
    if ((zero & ZERO_DISCOUNT) && r->proj.discount != 0.0)
        strncat(buf, "--discount, ", size - strlen(buf) - 1);
    if ((zero & ZERO_DEMAND) && !isnan(r->growth))
        strncat(buf, "--growth, ", size - strlen(buf) - 1);
    if ((zero & ZERO_DEMAND) && !isnan(r->growth_years))
        strncat(buf, "--growth-years, ", size - strlen(buf) - 1);
    if ((zero & ZERO_DEMAND) && !isnan(r->elasticity))
        strncat(buf, "--elasticity, ", size - strlen(buf) - 1);
}

static void explain_domain(cli *c, const request *r, const char *what)
{
    static const culprit tries[] = {
        {ZERO_DISCOUNT, "the discounted values overflow"},
        {ZERO_INFLATION, "the salaries overflow or vanish"},
        {ZERO_INFLATION | ZERO_DISCOUNT,
         "the salaries or their discounted values overflow or vanish"},
        {ZERO_DEMAND, "the wage index of demand overflows or vanishes"},
        {ZERO_DEMAND | ZERO_INFLATION | ZERO_DISCOUNT,
         "the salaries or their discounted values overflow or vanish"}};
    unsigned h = r->proj.horizon ? r->proj.horizon : 10u;
    char names[128];
    size_t i;

    for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        blamed(r, tries[i].zero, names, sizeof names);
        if (names[0] && projects_with(c, r, tries[i].zero))
            cli_usage_error(c, "%s--horizon: out of range together over %u "
                               "years (%s)", names, h, tries[i].why);
    }
    cli_data_error(c, "%s: the profile's figures overflow or vanish over "
                      "%u years", what, h);
}

/* The low / base / high demand growths: the low one must stay above -1
 * (a fall of 100 %). */
static void check_scenarios(cli *c, const request *r, const result *res)
{
    if (res->scen_growth[0] > -1.0)
        return;
    if (isnan(r->growth))
        cli_data_error(c, "--scenarios: the profile's demand growth %g has "
                          "a low scenario of %g, a fall of 100 %% or more",
                       res->demand, res->scen_growth[0]);
    cli_usage_error(c, "--scenarios, --growth: a growth of %g has a low "
                       "scenario of %g (G - max(|G|/2, 0.05)), a fall of "
                       "100 %% or more: give --growth above -2/3", r->growth,
                    res->scen_growth[0]);
}

/* ---- the computation ---------------------------------------------------- */

/* The library's status for `what`; DOMAIN is explained by the options. */
static void check_domain(cli *c, const request *r, career_status st,
                         const char *what)
{
    if (st == CAREER_ERR_DOMAIN)
        explain_domain(c, r, what);
    cli_check(c, st, what);
}

static void compute(cli *c, request *r, result *res)
{
    const career_model *m = c->model;
    career_status st;
    progress pr = {.last = -1};
    size_t i;

    res->nrows = (r->proj.horizon ? r->proj.horizon : 10u) + 1u;
    res->ntiers = career_tier_count(m);
    check_domain(c, r, career_project(m, &r->proj, res->rows, res->nrows),
                 "projection");
    cli_check(c, career_projection_tier_years(res->rows, res->nrows,
                                              res->tier_year, res->ntiers),
              "tier timeline");
    for (i = 0; i < res->ntiers; i++)
        cli_check(c, career_tier_info(m, i, &res->tier[i]), "tier");
    res->target_year = CAREER_NEVER;
    if (!isnan(r->target))
        cli_check(c, career_projection_target_year(res->rows, res->nrows,
                                                   r->target,
                                                   &res->target_year),
                  "target");
    if (r->scenarios) {
        /* the library's rule: G - D, G, G + D, D = max(|G| / 2, 0.05),
         * on the demand; wages that ignore demand (elasticity 0) see none
         * of it, and the three scenarios coincide */
        double g = res->demand, d = fmax(fabs(g) / 2.0, 0.05);
        res->scen_growth[0] = g - d;
        res->scen_growth[1] = g;
        res->scen_growth[2] = g + d;
        check_scenarios(c, r, res);
        st = career_project_scenarios(m, &r->proj, res->scen_growth,
                                      res->scen, res->nrows);
        if (st == CAREER_ERR_DOMAIN)
            cli_usage_error(c, "--scenarios%s: the low or high scenario's "
                               "demand (G -/+ max(|G|/2, 0.05)) is out of "
                               "range over %u years",
                            isnan(r->growth) ? "" : ", --growth",
                            (unsigned)res->nrows - 1u);
        cli_check(c, st, "scenarios");
    }
    if (!r->simulate)
        return;
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    if (isatty(STDERR_FILENO)) {
        r->sim.progress = show_progress;
        r->sim.progress_context = &pr;
    }
    st = career_simulate(m, &r->proj, &r->sim, res->bands, res->nrows,
                         res->share, res->nrows * res->ntiers);
    if (pr.shown)
        fputs("\r\033[K", stderr);
    /* the projection itself is whole: the paths' spreads take a salary
     * past the range */
    if (st == CAREER_ERR_DOMAIN)
        cli_usage_error(c, "--volatility, --pace-sd, --horizon: a path's "
                           "salary overflows or vanishes over %u years "
                           "(lower the spreads, the inflation or the "
                           "growth)", (unsigned)res->nrows - 1u);
    cli_check(c, st, "Monte Carlo");
}

/* ---- tables ------------------------------------------------------------- */

enum { PART_ROWS = 1, PART_SCEN = 2, PART_FAN = 4, PART_SHARE = 8 };

static char share_key[CAREER_MAX_TIERS][32];
static char share_title[CAREER_MAX_TIERS][32];

/* The columns of the parts asked for, the year first. */
static size_t columns(const result *res, unsigned parts, cli_column *cols)
{
    static const cli_column rows[] = {
        {"years", "years", CLI_YEARS},
        {"tier", "tier", CLI_INT},
        {"tier_name", "tier name", CLI_TEXT},
        {"salary", "salary", CLI_MONEY},
        {"real_salary", "real salary", CLI_MONEY},
        {"market_percentile", "market pct", CLI_SHARE},
        {"cumulative", "cumulative", CLI_TOTAL},
        {"present_value", "present value", CLI_TOTAL}};
    static const cli_column scen[] = {{"low", "low", CLI_MONEY},
                                      {"base", "base", CLI_MONEY},
                                      {"high", "high", CLI_MONEY}};
    static const cli_column fan[] = {
        {"mean", "mean", CLI_MONEY}, {"p10", "p10", CLI_MONEY},
        {"p25", "p25", CLI_MONEY},   {"p50", "p50", CLI_MONEY},
        {"p75", "p75", CLI_MONEY},   {"p90", "p90", CLI_MONEY}};
    size_t n = 0, i;

    cols[n++] = (cli_column){"year", "year", CLI_INT};
    if (parts & PART_ROWS)
        for (i = 0; i < 8; i++)
            cols[n++] = rows[i];
    if (parts & PART_SCEN)
        for (i = 0; i < 3; i++)
            cols[n++] = scen[i];
    if (parts & PART_FAN)
        for (i = 0; i < 6; i++)
            cols[n++] = fan[i];
    if (parts & PART_SHARE)
        for (i = 0; i < res->ntiers; i++) {
            snprintf(share_key[i], sizeof share_key[i], "share_tier%zu", i);
            snprintf(share_title[i], sizeof share_title[i], "tier %zu", i);
            cols[n++] = (cli_column){share_key[i], share_title[i], CLI_SHARE};
        }
    return n;
}

static void add_year(cli_table *t, const result *res, unsigned parts,
                     size_t y)
{
    const career_projection_row *row = &res->rows[y];
    const career_band *b = &res->bands[y];
    size_t k;

    cli_table_num(t, (double)y);
    if (parts & PART_ROWS) {
        cli_table_num(t, row->years);
        cli_table_num(t, (double)row->tier);
        cli_table_text(t, res->tier[row->tier].name);
        cli_table_num(t, row->salary);
        cli_table_num(t, row->real_salary);
        cli_table_num(t, row->market_percentile);
        cli_table_num(t, row->cumulative);
        cli_table_num(t, row->present_value);
    }
    if (parts & PART_SCEN)
        for (k = 0; k < 3; k++)
            cli_table_num(t, res->scen[k * res->nrows + y].salary);
    if (parts & PART_FAN) {
        cli_table_num(t, b->mean);
        cli_table_num(t, b->p10);
        cli_table_num(t, b->p25);
        cli_table_num(t, b->p50);
        cli_table_num(t, b->p75);
        cli_table_num(t, b->p90);
    }
    if (parts & PART_SHARE)
        for (k = 0; k < res->ntiers; k++)
            cli_table_num(t, res->share[y * res->ntiers + k]);
}

static cli_table *table(cli *c, const result *res, unsigned parts)
{
    cli_column cols[1 + 8 + 3 + 6 + CAREER_MAX_TIERS + CLI_MODEL_COLUMNS];
    size_t n = columns(res, parts, cols), y;
    /* the CSV is the whole result in one table: it states the model too */
    int model = c->format == CLI_CSV;
    cli_table *t;

    if (model)
        memcpy(cols + n, cli_model_columns, sizeof cli_model_columns);
    t = cli_table_new(c, cols, n + (model ? CLI_MODEL_COLUMNS : 0));
    for (y = 0; y < res->nrows; y++) {
        add_year(t, res, parts, y);
        if (model)
            cli_table_model(t);
    }
    return t;
}

static void write_table(cli *c, const result *res, unsigned parts)
{
    cli_table *t = table(c, res, parts);
    cli_table_write(t);
    cli_table_free(t);
}

/* ---- text --------------------------------------------------------------- */

static void print_header(cli *c, const request *r, const result *res)
{
    FILE *out = cli_out(c);
    char s0[64], h[64], x0[64], gy[64], role[256];

    cli_format_money(c, cli_money_out(c, res->rows[0].salary), s0, sizeof s0);
    cli_format_years((double)(res->nrows - 1), h, sizeof h);
    cli_format_years(r->proj.start_years, x0, sizeof x0);
    cli_format_years(res->growth_years, gy, sizeof gy);
    cli_escape(c->profile->role, role, sizeof role);
    fprintf(out, "%s: %s from %s of experience at %s (money per %s, "
                 "nominal; cumulative and present value are totals)\n",
            role, h, x0, s0, cli_per_name(c));
    fprintf(out, "Demand %+.1f %% over %s (%.4f %% a year), elasticity "
                 "%g, inflation %g %%, discount %g %%\n",
            100.0 * res->demand, gy, 100.0 * res->annual_rate,
            res->elasticity, 100.0 * r->proj.inflation,
            100.0 * r->proj.discount);
    cli_print_model(c);
    fputc('\n', out);
}

static void print_timeline(cli *c, const request *r, const result *res)
{
    FILE *out = cli_out(c);
    char s[64], name[256], h[64];
    size_t i;

    cli_format_years((double)(res->nrows - 1), h, sizeof h);
    fprintf(out, "\nTier timeline:\n");
    for (i = 0; i < res->ntiers; i++) {
        long y = res->tier_year[i];
        cli_escape(res->tier[i].name, name, sizeof name);
        fprintf(out, "  %zu  %-50s ", i, name);
        if (y == CAREER_NEVER) {
            fprintf(out, "not within %s\n", h);
        } else if (y == 0 && res->rows[0].tier > i) {
            fprintf(out, "already at the start\n");
        } else {
            cli_format_years(res->rows[y].years, s, sizeof s);
            fprintf(out, "year %ld (%s of experience)\n", y, s);
        }
    }
    if (isnan(r->target))
        return;
    cli_format_money(c, cli_money_out(c, r->target), s, sizeof s);
    if (res->target_year == CAREER_NEVER)
        fprintf(out, "\nTarget %s: not reached within %s\n", s, h);
    else
        fprintf(out, "\nTarget %s: first reached in year %ld\n", s,
                res->target_year);
}

static void print_text(cli *c, const request *r, const result *res)
{
    FILE *out = cli_out(c);
    career_simulation_options used;

    print_header(c, r, res);
    if (r->scenarios)
        fprintf(out, "Scenarios (nominal salary): low %+.1f %%, base %+.1f "
                     "%%, high %+.1f %% demand growth over %g %s, wages at "
                     "elasticity %g\n\n",
                100.0 * res->scen_growth[0], 100.0 * res->scen_growth[1],
                100.0 * res->scen_growth[2], res->growth_years,
                cli_plural(res->growth_years, "year", "years"),
                res->elasticity);
    write_table(c, res, PART_ROWS | (r->scenarios ? PART_SCEN : 0u));
    print_timeline(c, r, res);
    if (!r->simulate)
        return;
    /* the figures the run used, defaults filled in by the library */
    cli_check(c, career_simulation_resolve(&r->sim, &used), "Monte Carlo");
    fprintf(out, "\nMonte Carlo: %zu %s, seed %llu, volatility %g, pace "
                 "sd %g; nominal salary over the paths\n\n", used.paths,
            cli_plural((double)used.paths, "path", "paths"),
            (unsigned long long)used.seed, used.volatility, used.pace_sd);
    write_table(c, res, PART_FAN);
    fprintf(out, "\nShare of paths that have reached each tier:\n\n");
    write_table(c, res, PART_SHARE);
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *options_json(cli *c, const request *r, const result *res)
{
    json_t *o = json_object();

    if (!o)
        cli_data_error(c, "out of memory");
    cli_json_set(c, o, "start_years", cli_json_num(c, r->proj.start_years));
    cli_json_set(c, o, "start_salary", cli_json_money(c, res->rows[0].salary));
    cli_json_set(c, o, "horizon", json_integer((json_int_t)res->nrows - 1));
    cli_json_set(c, o, "growth", cli_json_num(c, res->demand));
    cli_json_set(c, o, "growth_years", cli_json_num(c, res->growth_years));
    cli_json_set(c, o, "annual_rate", cli_json_num(c, res->annual_rate));
    cli_json_set(c, o, "elasticity", cli_json_num(c, res->elasticity));
    cli_json_set(c, o, "inflation", cli_json_num(c, r->proj.inflation));
    cli_json_set(c, o, "discount", cli_json_num(c, r->proj.discount));
    return o;
}

static json_t *tiers_json(cli *c, const result *res)
{
    json_t *a = json_array();
    size_t i;

    if (!a)
        cli_data_error(c, "out of memory");
    for (i = 0; i < res->ntiers; i++) {
        json_t *o = json_object();
        long y = res->tier_year[i];
        if (!o || json_array_append_new(a, o) != 0)
            cli_data_error(c, "out of memory");
        cli_json_set(c, o, "tier", json_integer((json_int_t)i));
        cli_json_set(c, o, "tier_name", json_string(res->tier[i].name));
        cli_json_set(c, o, "year", y == CAREER_NEVER
                                       ? json_null()
                                       : json_integer((json_int_t)y));
    }
    return a;
}

static json_t *table_json(cli *c, const result *res, unsigned parts)
{
    cli_table *t = table(c, res, parts);
    json_t *j = cli_table_json(t);
    cli_table_free(t);
    return j;
}

static void print_json(cli *c, const request *r, const result *res)
{
    json_t *doc = json_object();

    if (!doc)
        cli_data_error(c, "out of memory");
    cli_json_set(c, doc, "role", json_string(c->profile->role));
    cli_json_set(c, doc, "currency", json_string(cli_currency(c)));
    cli_json_set(c, doc, "period", json_string(cli_per_name(c)));
    cli_json_set(c, doc, "options", options_json(c, r, res));
    cli_json_set(c, doc, "model", cli_model_json(c));
    cli_json_set(c, doc, "rows", table_json(c, res, PART_ROWS));
    cli_json_set(c, doc, "tiers", tiers_json(c, res));
    if (!isnan(r->target)) {
        json_t *t = json_object();
        if (!t)
            cli_data_error(c, "out of memory");
        cli_json_set(c, t, "salary", cli_json_money(c, r->target));
        cli_json_set(c, t, "year", res->target_year == CAREER_NEVER
                                       ? json_null()
                                       : json_integer(res->target_year));
        cli_json_set(c, doc, "target", t);
    }
    if (r->scenarios) {
        json_t *s = json_object(), *g = json_object();
        if (!s || !g)
            cli_data_error(c, "out of memory");
        cli_json_set(c, g, "low", cli_json_num(c, res->scen_growth[0]));
        cli_json_set(c, g, "base", cli_json_num(c, res->scen_growth[1]));
        cli_json_set(c, g, "high", cli_json_num(c, res->scen_growth[2]));
        cli_json_set(c, s, "growth", g);
        cli_json_set(c, s, "rows", table_json(c, res, PART_SCEN));
        cli_json_set(c, doc, "scenarios", s);
    }
    if (r->simulate) {
        json_t *s = json_object();
        if (!s)
            cli_data_error(c, "out of memory");
        cli_json_set(c, s, "paths", json_integer((json_int_t)r->sim.paths));
        /* the seed is unsigned 64-bit: written as its digits */
        cli_json_set(c, s, "seed", cli_json_uint(c, r->sim.seed));
        cli_json_set(c, s, "bands",
                     table_json(c, res, PART_FAN | PART_SHARE));
        cli_json_set(c, doc, "simulation", s);
    }
    cli_emit_json(c, doc);
}

/* ---- the plot ----------------------------------------------------------- */

static void plot(cli *c, const request *r, const result *res)
{
    size_t n = res->nrows, i, nm = 0;
    double *v = malloc(7 * n * sizeof *v);
    int thousands = c->per != CAREER_PER_HOUR;
    double k = thousands ? 1e-3 : 1.0;
    cli_mark marks[CAREER_MAX_TIERS];
    char names[CAREER_MAX_TIERS][192];
    char title[256], sub[320], ylabel[128], x2label[128];
    cli_model_info m;

    if (!v)
        cli_data_error(c, "out of memory");
    for (i = 0; i < n; i++) {
        const career_band *b = &res->bands[i];
        v[i] = (double)i;
        v[n + i] = k * cli_money_out(c, res->rows[i].salary);
        v[2 * n + i] = k * cli_money_out(c, b->p10);
        v[3 * n + i] = k * cli_money_out(c, b->p90);
        v[4 * n + i] = k * cli_money_out(c, b->p25);
        v[5 * n + i] = k * cli_money_out(c, b->p75);
        v[6 * n + i] = k * cli_money_out(c, b->p50);
    }
    for (i = 0; i < res->ntiers; i++)
        if (res->tier_year[i] > 0 &&
            (i == 0 || res->tier_year[i] != res->tier_year[i - 1])) {
            snprintf(names[nm], sizeof names[nm], "year %ld: %.140s",
                     res->tier_year[i], res->tier[i].name);
            marks[nm].x = (double)res->tier_year[i];
            marks[nm].label = names[nm];
            nm++;
        }
    cli_model_used(c, &m);
    snprintf(title, sizeof title, "%s: projected salary", c->profile->role);
    snprintf(sub, sizeof sub, "demand %+.0f %% over %g years, elasticity %g, "
                              "inflation %g %% a year, location factor %g, "
                              "%s curve, %s market, d = %.3g",
             100.0 * res->demand, res->growth_years, res->elasticity,
             100.0 * r->proj.inflation, m.options.location_factor,
             cli_interp_name(m.options.interp),
             cli_dist_name(m.options.dist), m.options.dispersion);
    snprintf(ylabel, sizeof ylabel, "Salary (%s%s per %s, nominal)",
             thousands ? "thousand " : "", cli_currency(c), cli_per_name(c));
    snprintf(x2label, sizeof x2label, "Years of experience");
    cli_plot p = {
        .path = r->plot, .title = title, .subtitle = sub,
        .xlabel = "Year of the projection", .ylabel = ylabel,
        .x = v, .y = v + n, .n = n, .y_label = "deterministic path",
        .marks = marks, .nmarks = nm, .marks_label = "tier reached",
        .x2label = x2label, .x2_offset = r->proj.start_years};
    if (r->simulate) {
        p.outer_lo = v + 2 * n;
        p.outer_hi = v + 3 * n;
        p.inner_lo = v + 4 * n;
        p.inner_hi = v + 5 * n;
        p.outer_label = "Monte Carlo p10-p90";
        p.inner_label = "Monte Carlo p25-p75";
        p.y2 = v + 6 * n;
        p.y2_label = "Monte Carlo median";
    }
    cli_plot_draw(c, &p);
    free(v);
}

int main(int argc, char *argv[])
{
    static request r;
    static result res;
    cli c;

    gsl_set_error_handler_off();
    r.elasticity = NAN;
    r.growth = NAN;
    r.growth_years = NAN;
    r.target = NAN;
    cli_init(&c, "career-project", usage);
    parse(&c, &r, argc, argv);
    cli_open_model(&c);
    resolve(&c, &r, &res);
    compute(&c, &r, &res);
    if (c.format == CLI_JSON)
        print_json(&c, &r, &res);
    else if (c.format == CLI_CSV)
        write_table(&c, &res,
                    PART_ROWS | (r.scenarios ? PART_SCEN : 0u) |
                        (r.simulate ? PART_FAN | PART_SHARE : 0u));
    else
        print_text(&c, &r, &res);
    if (r.plot)
        plot(&c, &r, &res);
    return cli_finish(&c);
}
