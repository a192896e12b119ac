/* test_oews.c - BLS OEWS and Employment Projections tables (lib/oews.c,
 * lib/ep.c, lib/ladder_template.c) read from CSV (lib/csv.c) and .xlsx
 * (lib/xlsx.c).
 *
 * The fixtures in tests/data/oews/ are written by make_fixtures.py there,
 * which names the BLS pages their figures come from. The reference values
 * (tier salaries, fitted quantiles) come from tests/ref/oews_ref.py, an
 * independent numpy computation of the same rules. */
/* setitimer, for the signals test */
#define _XOPEN_SOURCE 700
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#define ALL_CSV "tests/data/oews/all_data_M_2018.csv"
#define ALL_XLSX "tests/data/oews/all_data_M_2018.xlsx"
#define NAT11_CSV "tests/data/oews/national_M2011_dl.csv"
#define NAT11_XLSX "tests/data/oews/national_M2011_dl.xlsx"
/* the same as Excel writes it: shared strings, rich text, booleans */
#define NAT11_EXCEL "tests/data/oews/national_M2011_dl_excel.xlsx"
#define EP_CSV "tests/data/oews/ep_2020-30.csv"
#define EP_XLSX "tests/data/oews/ep_2020-30.xlsx"

/* The full header of the modern layout, for tables written in the tests. */
#define HEADER                                                              \
    "AREA,AREA_TITLE,NAICS,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,"    \
    "H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,"    \
    "A_PCT75,A_PCT90,ANNUAL,HOURLY\r\n"

static career_oews_table *open_ok(const char *path,
                                  const career_oews_options *o)
{
    career_oews_table *t = NULL;
    career_error err;
    career_status st = career_oews_open(path, o, &t, &err);

    if (st != CAREER_OK)
        print_error("%s:%d:%d: %s\n", err.source, err.line, err.column,
                    err.text);
    assert_status(st, CAREER_OK);
    return t;
}

static career_oews_table *open_text(const char *text,
                                    const career_oews_options *o)
{
    career_oews_table *t = NULL;
    career_error err;
    career_status st =
        career_oews_open_memory(text, strlen(text), "mem.csv", o, &t, &err);

    if (st != CAREER_OK)
        print_error("%d:%d: %s\n", err.line, err.column, err.text);
    assert_status(st, CAREER_OK);
    return t;
}

static career_profile *profile_ok(const career_oews_table *t, const char *occ,
                                  const char *area, const career_ep_table *ep)
{
    career_profile *p = NULL;
    career_error err;
    career_status st = career_oews_profile(t, occ, area, NULL, ep, &p, &err);

    if (st != CAREER_OK)
        print_error("%s\n", err.text);
    assert_status(st, CAREER_OK);
    return p;
}

static int has_note(const career_profile *p, const char *text)
{
    size_t i;

    for (i = 0; i < p->nnotes; i++)
        if (strstr(p->notes[i], text))
            return 1;
    return 0;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = malloc(1 << 20);

    assert_non_null(f);
    assert_non_null(buf);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void assert_tiers(const career_profile *p, const double want[4],
                         double rel)
{
    size_t i;

    assert_int_equal(p->ntiers, 4);
    for (i = 0; i < 4; i++)
        assert_close(p->tiers[i].salary, want[i], rel);
}

/* ---- the full layout, CSV ------------------------------------------------ */

static void all_data_rows(void **state)
{
    career_oews_table *t = open_ok(ALL_CSV, NULL);
    career_oews_entry e;

    (void)state;
    /* 9 rows: an industry, an ownership and a major-group row are left out */
    assert_int_equal(career_oews_count(t), 6);
    assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
    assert_string_equal(e.occ_code, "15-1133");
    assert_string_equal(e.occ_title, "Software Developers, Systems Software");
    assert_string_equal(e.area_code, "99");
    assert_string_equal(e.area_title, "U.S.");
    assert_close(e.employment, 405330.0, 0); /* "405,330" */
    assert_int_equal(e.hourly_only, 0);
    assert_int_equal(e.row, 2);
    assert_status(career_oews_entry_at(t, 4, &e), CAREER_OK);
    assert_string_equal(e.area_code, "5600796");
    assert_true(isnan(e.employment)); /* "**" */
    assert_status(career_oews_entry_at(t, 6, &e), CAREER_ERR_NOT_FOUND);
    assert_status(career_oews_entry_at(NULL, 0, &e), CAREER_ERR_ARG);
    assert_int_equal(career_oews_count(NULL), 0);
    career_oews_close(t);
}

/* BLS 15-1133, May 2018 (make_fixtures.py [1]); tiers: oews_ref.py. */
static void national_profile(void **state)
{
    static const double tiers[4] = {76445.03049, 93936.40317, 111427.7758,
                                    128919.1485};
    static const double anchors[4] = {1.4, 3.6, 7.2, 11.7};
    static const double mins[4] = {0.0, 2.5, 5.4, 9.5};
    double mean;
    size_t i;
    career_oews_table *t = open_ok(ALL_CSV, NULL);
    career_profile *p = profile_ok(t, "15-1133", NULL, NULL);
    career_model *m = NULL;

    (void)state;
    assert_string_equal(p->role, "Software Developers, Systems Software");
    assert_string_equal(p->region, "U.S.");
    assert_string_equal(p->currency, "USD");
    assert_string_equal(p->period, "year");
    assert_string_equal(p->occ_code, "15-1133");
    assert_string_equal(p->area_code, "99");
    assert_string_equal(p->source,
                        "BLS OEWS May 2018, " ALL_CSV ", row 2");
    assert_int_equal(p->nquantiles, 5);
    assert_close(p->quantiles[0].salary, 66740.0, 0);
    assert_close(p->quantiles[4].salary, 166960.0, 0);
    assert_tiers(p, tiers, 1e-9);
    assert_string_equal(p->tiers[0].name, "Level I (entry)");
    for (i = 0; i < 4; i++) {
        assert_close(p->tiers[i].anchor_years, anchors[i], 1e-12);
        assert_close(p->tiers[i].min_years, mins[i], 1e-12);
    }
    assert_close(p->market_mean, 114000.0, 0); /* A_MEAN */
    assert_close(p->peak_years, 30.0, 0);
    assert_int_equal(p->band_shape, CAREER_BAND_COPULA);
    assert_true(has_note(p, "Experience correlation rho = 0.85 (assumed)"));
    assert_close(p->experience_correlation, 0.85, 0);
    assert_close(p->demand_growth, 0.0, 0);
    assert_close(p->demand_years, 10.0, 0);
    assert_true(has_note(p, "No Employment Projections table"));
    assert_true(has_note(p, "an assumed separation rate 0.100"));
    /* the profile builds a model with default options: the spline, whose
     * mean is the published one */
    assert_status(career_model_new(p, NULL, &m, NULL), CAREER_OK);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, 114000.0, 1e-9);
    career_model_free(m);
    career_profile_free(p);
    career_oews_close(t);
}

/* Equal 10th and 25th percentiles (a SYNTHETIC row): a mass point, the
 * 10th kept at 17,680 exactly and the 25th 0.2 % above it; every other
 * point as published (tiers: oews_ref.py). */
static void equal_percentiles(void **state)
{
    static const double tiers[4] = {17694.32308, 19605.03786, 21515.75265,
                                    23426.46743};
    career_oews_table *t = open_ok(ALL_CSV, NULL);
    career_profile *p = profile_ok(t, "35-3023", "99", NULL);
    career_model *m = NULL;
    double q;

    (void)state;
    assert_int_equal(p->nquantiles, 5);
    assert_close(p->quantiles[0].p, 0.10, 0);
    assert_close(p->quantiles[0].salary, 17680.0, 0);
    assert_close(p->quantiles[1].salary, 17680.0 * 1.002, 1e-15);
    assert_close(p->quantiles[3].salary, 24960.0, 0);
    assert_true(has_note(p, "2 published percentiles are equal ($17680, "
                            "p = 0.10 to 0.25): a mass point"));
    assert_tiers(p, tiers, 1e-9);
    /* the published median, exactly */
    assert_status(career_model_new(p, NULL, &m, NULL), CAREER_OK);
    assert_status(career_market_quantile(m, 0.5, &q), CAREER_OK);
    assert_close(q, 20800.0, 1e-12);
    career_model_free(m);
    career_profile_free(p);
    career_oews_close(t);
}

/* A state ([3]) and a metro-layout area with a top-coded 90th percentile
 * ([4]; the cap of May 2018, $208,000, from the file's survey year): the
 * fit's Q(0.90) fell below it, so the cap is a point, and the published
 * mean ($70,032) is then out of reach (oews_ref.py: 76,121.6). */
static void state_and_metro(void **state)
{
    static const double wy[4] = {47328.20233, 52132.33643, 56936.47052,
                                 61740.60462};
    static const double metro[4] = {36601.8234, 47485.96312, 58370.10284,
                                    69254.24256};
    career_oews_options o = {0};
    career_oews_table *t;
    career_profile *p;

    (void)state;
    t = open_ok(ALL_CSV, NULL);
    p = profile_ok(t, "15-1031", "056", NULL); /* leading zeros */
    assert_string_equal(p->region, "Wyoming");
    assert_string_equal(p->area_code, "56");
    assert_tiers(p, wy, 1e-9);
    career_profile_free(p);
    p = profile_ok(t, "15-1051", "5600796", NULL);
    assert_int_equal(p->nquantiles, 5);
    assert_close(p->quantiles[4].p, 0.9, 0);
    assert_close(p->quantiles[4].salary, 208000.0, 0);
    assert_tiers(p, metro, 1e-9);
    assert_true(has_note(p, "90th percentile is top-coded (#: at least "
                            "$208000 a year)"));
    assert_true(has_note(p, "the point (0.90, $208000) is added"));
    assert_true(has_note(p, "$76122 is +8.7 % from the published mean "
                            "$70032"));
    career_profile_free(p);
    career_oews_close(t);
    /* a cap given by the caller wins */
    o.cap_annual = 145600.0;
    t = open_ok(ALL_CSV, &o);
    p = profile_ok(t, "15-1051", "5600796", NULL);
    assert_true(has_note(p, "at least $145600 a year"));
    career_profile_free(p);
    career_oews_close(t);
}

/* ---- the real files (tests/data/bls/) -------------------------------------- */

#define BLS_STATE "tests/data/bls/state_M2023_dl-3occ.csv"
#define BLS_NAT23 "tests/data/bls/national_M2023_dl.csv"
#define BLS_NAT19 "tests/data/bls/national_M2019_dl.xlsx"

/* Kansas 15-1242 publishes 68,880 / 101,870 / 133,200 / 133,200 /
 * 133,200: a mass point at the median, which keeps 133,200 exactly (it
 * was 108,646, -18 %); tiers: oews_ref.py. */
static void kansas_mass_point(void **state)
{
    static const double tiers[4] = {85878.13539, 101716.2419, 117554.3483,
                                    133392.4548};
    career_oews_table *t = open_ok(BLS_STATE, NULL);
    career_profile *p = profile_ok(t, "15-1242", "20", NULL);
    career_model *m = NULL;
    double q;

    (void)state;
    assert_string_equal(p->region, "Kansas");
    assert_int_equal(p->nquantiles, 5);
    assert_close(p->quantiles[2].salary, 133200.0, 0);
    assert_close(p->quantiles[4].salary, 133200.0 * 1.004, 1e-15);
    assert_tiers(p, tiers, 1e-9);
    assert_true(has_note(p, "3 published percentiles are equal ($133200, "
                            "p = 0.50 to 0.90): a mass point; p = 0.50 keeps "
                            "it exactly"));
    assert_status(career_model_new(p, NULL, &m, NULL), CAREER_OK);
    assert_status(career_market_quantile(m, 0.5, &q), CAREER_OK);
    assert_close(q, 133200.0, 1e-9);
    career_model_free(m);
    career_profile_free(p);
    career_oews_close(t);
}

/* Top-coded physicians against their published means (May 2023, cap
 * $239,200): "Physicians, All Other" (29-1229) had a fitted p90 of 50.9
 * million; now its mean is A_MEAN's 248,640 and its top-coded 75th
 * percentile at least the cap. Psychiatrists (29-1223) have the median
 * top-coded too: the cap becomes the point at p = 0.5. */
static void top_coded_physicians(void **state)
{
    career_oews_table *t = open_ok(BLS_NAT23, NULL);
    career_profile *p = profile_ok(t, "29-1229", NULL, NULL);
    career_model *m = NULL;
    double q, mean;

    (void)state;
    assert_close(p->market_mean, 248640.0, 0);
    assert_status(career_model_new(p, NULL, &m, NULL), CAREER_OK);
    assert_status(career_market_mean(m, &mean), CAREER_OK);
    assert_close(mean, 248640.0, 1e-9);
    assert_status(career_market_quantile(m, 0.75, &q), CAREER_OK);
    assert_true(q >= 239200.0);
    assert_status(career_market_quantile(m, 0.90, &q), CAREER_OK);
    assert_true(q < 1e6);
    assert_status(career_market_quantile(m, 0.50, &q), CAREER_OK);
    assert_close(q, 236000.0, 1e-9);
    career_model_free(m);
    career_profile_free(p);
    p = profile_ok(t, "29-1223", NULL, NULL);
    assert_int_equal(p->nquantiles, 3);
    assert_close(p->quantiles[2].p, 0.5, 0);
    assert_close(p->quantiles[2].salary, 239200.0, 0);
    assert_true(has_note(p, "the point (0.50, $239200) is added"));
    career_profile_free(p);
    career_oews_close(t);
}

/* The 2019 workbook's top code is $208,000 (its Field Descriptions sheet;
 * the survey year's rule): no note cites the later $239,200. */
static void cap_of_2019(void **state)
{
    career_oews_table *t = open_ok(BLS_NAT19, NULL);
    career_profile *p = profile_ok(t, "11-1011", NULL, NULL); /* CEOs */
    size_t i;

    (void)state;
    assert_true(has_note(p, "at least $208000 a year"));
    for (i = 0; i < p->nnotes; i++)
        assert_null(strstr(p->notes[i], "239200"));
    career_profile_free(p);
    career_oews_close(t);
}

/* The workbook's own Field Descriptions sheet states its top code: under
 * a name with no survey year (which would give the later $239,200), the
 * 2021 workbook's $208,000 / $100.00 still comes through. */
static void cap_from_the_workbook(void **state)
{
    size_t n;
    unsigned char *bytes = slurp("tests/data/bls/national_M2021_dl.xlsx", &n);
    career_oews_table *t = NULL;
    career_profile *p;
    career_error err;

    (void)state;
    assert_status(career_oews_open_memory(bytes, n, "wages.xlsx", NULL, &t,
                                          &err),
                  CAREER_OK);
    p = profile_ok(t, "11-1011", NULL, NULL);
    assert_true(has_note(p, "at least $208000 a year"));
    career_profile_free(p);
    career_oews_close(t);
    free(bytes);
}

/* ---- the same from .xlsx ------------------------------------------------- */

static void xlsx_equals_csv(void **state)
{
    career_oews_table *a = open_ok(ALL_CSV, NULL), *b = open_ok(ALL_XLSX, NULL);
    career_oews_entry ea, eb;
    size_t i, k;

    (void)state;
    assert_int_equal(career_oews_count(a), career_oews_count(b));
    for (i = 0; i < career_oews_count(a); i++) {
        career_profile *pa, *pb;
        assert_status(career_oews_entry_at(a, i, &ea), CAREER_OK);
        assert_status(career_oews_entry_at(b, i, &eb), CAREER_OK);
        assert_string_equal(ea.occ_code, eb.occ_code);
        assert_string_equal(ea.occ_title, eb.occ_title);
        assert_string_equal(ea.area_code, eb.area_code);
        assert_string_equal(ea.area_title, eb.area_title);
        assert_int_equal(ea.row, eb.row);
        assert_true(isnan(ea.employment) ? isnan(eb.employment)
                                         : ea.employment == eb.employment);
        pa = profile_ok(a, ea.occ_code, ea.area_code, NULL);
        pb = profile_ok(b, eb.occ_code, eb.area_code, NULL);
        assert_int_equal(pa->nquantiles, pb->nquantiles);
        for (k = 0; k < pa->nquantiles; k++)
            assert_close(pa->quantiles[k].salary, pb->quantiles[k].salary, 0);
        for (k = 0; k < pa->ntiers; k++)
            assert_close(pa->tiers[k].salary, pb->tiers[k].salary, 1e-15);
        assert_int_equal(pa->nnotes, pb->nnotes);
        assert_non_null(strstr(pb->source, ALL_XLSX));
        career_profile_free(pa);
        career_profile_free(pb);
    }
    career_oews_close(a);
    career_oews_close(b);
}

/* BLS 27-2011 Actors, May 2011 ([2]): hourly only, "*" annual cells, the
 * 90th top-coded at $90.00 an hour then; a lower-case header without area
 * columns. Reference: oews_ref.py. */
static void hourly_only(void **state)
{
    /* oews_ref.py: the 90th percentile top-coded at $100 an hour (May
     * 2011), and the spline through the rest with the mean $33.82 left it
     * below, so the cap is a point */
    static const double tiers[4] = {9.964152492, 16.05565203, 22.14715157,
                                    28.2386511};
    const char *paths[3] = {NAT11_CSV, NAT11_XLSX, NAT11_EXCEL};
    int i;

    (void)state;
    for (i = 0; i < 3; i++) {
        career_oews_table *t = open_ok(paths[i], NULL);
        career_oews_entry e;
        career_profile *p;
        assert_int_equal(career_oews_count(t), 1); /* the total row left out */
        assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
        assert_int_equal(e.hourly_only, 1);
        assert_string_equal(e.occ_title, "Actors"); /* not "ActorsX" */
        assert_close(e.employment, 60830.0, 0);
        assert_int_equal(e.row, 3);
        assert_string_equal(e.area_title, "U.S.");
        p = profile_ok(t, "27-2011", NULL, NULL);
        assert_string_equal(p->period, "hour");
        assert_tiers(p, tiers, 1e-9);
        assert_true(has_note(p, "Hourly-only"));
        assert_true(has_note(p, "(#: at least $100.00 an hour)"));
        assert_true(has_note(p, "the point (0.90, $100.00) is added"));
        assert_close(p->market_mean, 33.82, 0); /* H_MEAN */
        assert_non_null(strstr(p->source, "May 2011"));
        career_profile_free(p);
        career_oews_close(t);
    }
}

/* ---- options ----------------------------------------------------------- */

static void groups_and_areas(void **state)
{
    career_oews_options o = {0};
    career_oews_table *t;
    career_oews_entry e;
    career_error err;

    (void)state;
    o.group = CAREER_OEWS_MAJOR;
    t = open_ok(ALL_CSV, &o);
    assert_int_equal(career_oews_count(t), 1);
    assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
    assert_string_equal(e.occ_code, "15-0000");
    career_oews_close(t);
    o.group = CAREER_OEWS_BROAD;
    t = open_ok(ALL_CSV, &o);
    assert_int_equal(career_oews_count(t), 0);
    career_oews_close(t);
    memset(&o, 0, sizeof o);
    o.area = "56";
    t = open_ok(ALL_XLSX, &o);
    assert_int_equal(career_oews_count(t), 2);
    career_oews_close(t);
    o.group = (career_oews_group)7;
    assert_status(career_oews_open(ALL_CSV, &o, &t, &err), CAREER_ERR_ARG);
    assert_null(t);
    o.group = CAREER_OEWS_DETAILED;
    o.reserved[3] = 1;
    assert_status(career_oews_open(ALL_CSV, &o, &t, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "reserved[3]"));
    o.reserved[3] = 0;
    o.cap_annual = NAN;
    assert_status(career_oews_open(ALL_CSV, &o, &t, &err), CAREER_ERR_ARG);
}

/* ---- CSV details ------------------------------------------------------------ */

static void csv_quoting(void **state)
{
    /* a byte-order mark, quoted cells with a comma, a doubled quote and a
     * line break, thousands separators, a blank line, LF and CRLF, the
     * columns in another order and case */
    static const char text[] =
        "\xEF\xBB\xBF" "occ_title,OCC_CODE,a_pct10,A_PCT25,a_median,a_pct75,"
        "a_pct90,h_pct10,h_pct25,h_median,h_pct75,h_pct90,o_group\n"
        "\"Tellers, \"\"head\"\"\nand others\",43-3071,\"30,000\",\"35,000\","
        "\"40,000\",\"45,000\",\"50,000\",*,*,*,*,*,detailed\r\n"
        "\n"
        "Plain,11-1111,1,2,3,4,5,~,~,~,~,~,detailed\n"
        "Spaces,11-1112, 1 ,2,3,4,\" 5 \", * ,~ ,  ,**,#,detailed\n";
    career_oews_table *t = open_text(text, NULL);
    career_oews_entry e;
    career_profile *p;

    (void)state;
    assert_int_equal(career_oews_count(t), 3);
    assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
    assert_string_equal(e.occ_title, "Tellers, \"head\"\nand others");
    assert_string_equal(e.occ_code, "43-3071");
    assert_int_equal(e.row, 2);
    assert_true(isnan(e.employment)); /* no TOT_EMP column */
    assert_status(career_oews_entry_at(t, 1, &e), CAREER_OK);
    assert_int_equal(e.row, 5); /* the quoted line break counts */
    p = profile_ok(t, "43-3071", NULL, NULL);
    assert_close(p->quantiles[2].salary, 40000.0, 0);
    assert_string_equal(p->source, "BLS OEWS, mem.csv, row 2");
    career_profile_free(p);
    /* spaces around a number or a marker are no part of it */
    p = profile_ok(t, "11-1112", NULL, NULL);
    assert_int_equal(p->nquantiles, 5);
    assert_close(p->quantiles[0].salary, 1.0, 0);
    assert_close(p->quantiles[4].salary, 5.0, 0);
    career_profile_free(p);
    career_oews_close(t);
}

static career_status open_fails(const char *text, career_error *err)
{
    career_oews_table *t = (career_oews_table *)(void *)err; /* not NULL */
    career_status st =
        career_oews_open_memory(text, strlen(text), "bad.csv", NULL, &t, err);

    assert_null(t);
    assert_int_not_equal(st, CAREER_OK);
    assert_status(err->status, st);
    return st;
}

static void csv_errors(void **state)
{
    career_error err;

    (void)state;
    /* a non-numeric cell: the row, the column and its name */
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1011,Chief,"
                             "detailed,10,1,2,3,4,5,1,2,3,4,x5,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 18);
    assert_string_equal(err.source, "bad.csv");
    assert_non_null(strstr(err.text, "A_PCT90"));
    assert_non_null(strstr(err.text, "x5"));
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1011,Chief,"
                             "detailed,ten,1,2,3,4,5,1,2,3,4,5,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "TOT_EMP"));
    /* a malformed row: fewer cells than the header */
    assert_status(open_fails(HEADER "99,U.S.,000000\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.text, "malformed row"));
    /* a missing column */
    assert_status(open_fails("OCC_CODE,OCC_TITLE,A_PCT10\n1,2,3\n", &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "missing column A_PCT25"));
    /* no header at all */
    assert_status(open_fails("a,b\n1,2\n", &err), CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "OCC_CODE"));
    /* a quote left open, and text after a closing quote */
    assert_status(open_fails(HEADER "\"99,U.S.\r\n", &err), CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "not closed"));
    assert_status(open_fails(HEADER "\"99\"x,U.S.\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.text, "after the closing quote"));
    /* an empty occupation code */
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,,Chief,"
                             "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                             "10400,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "OCC_CODE"));
    /* an empty (or blank) title, which becomes the profile's role: the
     * file, the row and the column, where it said "role: must be a
     * non-empty string" only when a profile was made */
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1011,Chief,"
                             "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                             "10400,,\r\n"
                             "99,U.S.,000000,1235,11-1012,,"
                             "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                             "10400,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_string_equal(err.source, "bad.csv");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 6);
    assert_non_null(strstr(err.text, "column OCC_TITLE: empty"));
    assert_non_null(strstr(err.text, "11-1012"));
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1012,  ,"
                             "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                             "10400,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.text, "column OCC_TITLE: empty"));
}

/* An annual cell written "66.740" (a thousands separator read as a
 * decimal point) was read as $66.74 a year beside $32.09 an hour: annual
 * cells are checked against 2,080 times the hourly ones, within 5 %. */
static void annual_hourly(void **state)
{
    static const char misread[] =
        HEADER "99,U.S.,000000,1235,15-1133,Developers,detailed,10,32.09,"
        "41.16,52.89,67.09,80.27,66.740,\"85,610\",\"110,000\","
        "\"139,550\",\"166,960\",,\r\n";
    /* teachers: BLS flags ANNUAL, as they do not work 2,080 hours; a
     * table that publishes both is not checked, and neither is a row
     * with a cell not published or top-coded */
    static const char flagged[] =
        HEADER "99,U.S.,000000,1235,25-2021,Teachers,detailed,10,20,25,30,"
        "35,40,30000,40000,50000,60000,70000,TRUE,\r\n"
        "99,U.S.,000000,1235,11-1011,Chief,detailed,10,*,*,50,#,#,"
        "90000,*,104000,200000,#,,\r\n"
        "99,U.S.,000000,1235,11-1012,Next,detailed,10,10,20,30,40,50,"
        "21840,39520,62400,87360,98800,,\r\n";
    career_oews_table *t;
    career_error err;

    (void)state;
    assert_status(open_fails(misread, &err), CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 14);
    assert_non_null(strstr(err.text, "A_PCT10"));
    assert_non_null(strstr(err.text, "66.74 a year"));
    assert_non_null(strstr(err.text, "H_PCT10 32.09"));
    t = open_text(flagged, NULL);
    assert_int_equal(career_oews_count(t), 3);
    career_oews_close(t);
    /* 5 % off is the limit: 62,400 x 1.051 is refused */
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1012,Next,"
                             "detailed,10,10,20,30,40,50,21840,39520,65582,"
                             "87360,104000,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "A_MEDIAN"));
}

/* Two rows of one occupation, area and ownership: career_oews_profile
 * would pick the first in silence. Refused, naming both rows. */
static void duplicates(void **state)
{
    static const char twice[] =
        HEADER "06,California,000000,1235,11-1011,Chief,detailed,10,1,2,3,4,"
        "5,2080,4160,6240,8320,10400,,\r\n"
        "99,U.S.,000000,1235,11-1011,Chief,detailed,10,1,2,3,4,5,2080,4160,"
        "6240,8320,10400,,\r\n"
        "6,California,000000,1235,11-1011,Chief,detailed,10,1,2,3,4,5,2080,"
        "4160,6240,8320,10400,,\r\n";
    /* the same occupation in another area, of another ownership, or in
     * an industry (not kept) is no repeat */
    static const char distinct[] =
        HEADER "06,California,000000,1235,11-1011,Chief,detailed,10,1,2,3,4,"
        "5,2080,4160,6240,8320,10400,,\r\n"
        "06,California,000000,12345,11-1011,Chief,detailed,10,1,2,3,4,5,2080,"
        "4160,6240,8320,10400,,\r\n"
        "06,California,541500,1235,11-1011,Chief,detailed,10,1,2,3,4,5,2080,"
        "4160,6240,8320,10400,,\r\n"
        "07,Colorado,000000,1235,11-1011,Chief,detailed,10,1,2,3,4,5,2080,"
        "4160,6240,8320,10400,,\r\n";
    career_oews_table *t;
    career_error err;

    (void)state;
    assert_status(open_fails(twice, &err), CAREER_ERR_PARSE);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.column, 5);
    assert_non_null(strstr(err.text, "row 4 repeats row 2"));
    assert_non_null(strstr(err.text, "11-1011"));
    t = open_text(distinct, NULL);
    assert_int_equal(career_oews_count(t), 3);
    career_oews_close(t);
}

/* The profile of row `row` of a table, by its occupation and area: its
 * source names that row. */
static void profile_from_row(const career_oews_table *t, const char *occ,
                             const char *area, long row)
{
    career_profile *p = profile_ok(t, occ, area, NULL);
    char want[32];

    snprintf(want, sizeof want, "row %ld", row);
    if (!strstr(p->source, want))
        fail_msg("%s in %s: %s, want %s", occ, area, p->source, want);
    career_profile_free(p);
}

/* A profile's row is found through an index, not a scan of the table:
 * the first of its occupation and area in the file (whatever the
 * ownership), the code without regard to case, the area with or without
 * leading zeros; on a table of every area (no filter) of 3,000 rows, each
 * row's own. */
static void profile_lookup(void **state)
{
    static const char text[] =
        HEADER "06,California,000000,1235,ab-1011,Chief,detailed,10,1,2,3,"
        "4,5,2080,4160,6240,8320,10400,,\r\n"
        "06,California,000000,12345,ab-1011,Chief,detailed,10,2,3,4,5,6,"
        "4160,6240,8320,10400,12480,,\r\n"
        "07,Colorado,000000,1235,ab-1011,Chief,detailed,10,1,2,3,4,5,2080,"
        "4160,6240,8320,10400,,\r\n"
        "99,U.S.,000000,12345,ab-1011,Chief,detailed,10,2,3,4,5,6,4160,"
        "6240,8320,10400,12480,,\r\n"
        "99,U.S.,000000,1235,ab-1011,Chief,detailed,10,1,2,3,4,5,2080,4160,"
        "6240,8320,10400,,\r\n";
    career_oews_table *t = open_text(text, NULL);
    career_profile *p = (career_profile *)(void *)t;
    career_oews_entry e;
    size_t n = 0, cap = 400000, i, a, o;
    char *big = malloc(cap);

    (void)state;
    profile_from_row(t, "ab-1011", "06", 2);
    profile_from_row(t, "AB-1011", "6", 2);
    profile_from_row(t, "ab-1011", "0007", 4);
    profile_from_row(t, "Ab-1011", NULL, 5);
    assert_status(career_oews_profile(t, "ab-1011", "08", NULL, NULL, &p,
                                      NULL),
                  CAREER_ERR_NOT_FOUND);
    assert_null(p);
    assert_status(career_oews_profile(t, "ab-1012", "06", NULL, NULL, &p,
                                      NULL),
                  CAREER_ERR_NOT_FOUND);
    career_oews_close(t);
    assert_non_null(big);
    n = (size_t)snprintf(big, cap, "%s", HEADER);
    for (a = 0; a < 30; a++)
        for (o = 0; o < 100; o++)
            n += (size_t)snprintf(big + n, cap - n,
                                  "%zu,Area %zu,000000,1235,%02zu-%04zu,Job,"
                                  "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                                  "10400,,\r\n", a + 1, a, 11 + o % 40,
                                  1000 + o);
    assert_true(n < cap);
    assert_status(career_oews_open_memory(big, n, "big.csv", NULL, &t, NULL),
                  CAREER_OK);
    assert_int_equal(career_oews_count(t), 3000);
    for (i = 0; i < 3000; i += 7) {
        assert_status(career_oews_entry_at(t, i, &e), CAREER_OK);
        profile_from_row(t, e.occ_code, e.area_code, e.row);
    }
    career_oews_close(t);
    free(big);
}

/* A table keeps at most CAREER_OEWS_MAX_ROWS rows: a hostile file of
 * small rows could otherwise fill memory. */
static void row_limit(void **state)
{
    static const char header[] =
        "OCC_CODE,OCC_TITLE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,"
        "A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n";
    size_t i, n = 0, cap = sizeof header + (CAREER_OEWS_MAX_ROWS + 1) * 24;
    char *text = malloc(cap);
    career_oews_table *t = NULL;
    career_error err;

    (void)state;
    assert_non_null(text);
    n = (size_t)snprintf(text, cap, "%s", header);
    for (i = 0; i <= CAREER_OEWS_MAX_ROWS; i++)
        n += (size_t)snprintf(text + n, cap - n, "%zu,T,,,,,,,,,,\n", i);
    assert_status(career_oews_open_memory(text, n, "big.csv", NULL, &t, &err),
                  CAREER_ERR_PARSE);
    assert_null(t);
    assert_int_equal(err.line, (int)CAREER_OEWS_MAX_ROWS + 2);
    assert_non_null(strstr(err.text, "more than 1048576 rows"));
    free(text);
}

/* Line ends of old Mac programs, a lone CR: read as line ends (a CSV of
 * them was one long header row, and --list printed nothing). */
static void cr_line_ends(void **state)
{
    size_t n, i, k;
    char *text = (char *)slurp(ALL_CSV, &n), *cr;
    career_oews_table *t, *u;
    career_oews_entry e, f;

    (void)state;
    cr = malloc(n + 1);
    assert_non_null(cr);
    for (i = 0, k = 0; i < n; i++) /* CRLF and LF to CR */
        if (!(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n'))
            cr[k++] = text[i] == '\n' ? '\r' : text[i];
    cr[k] = '\0';
    assert_null(strchr(cr, '\n'));
    free(text);
    text = cr;
    t = open_text(text, NULL);
    u = open_ok(ALL_CSV, NULL);
    assert_int_equal(career_oews_count(t), career_oews_count(u));
    for (i = 0; i < career_oews_count(t); i++) {
        assert_status(career_oews_entry_at(t, i, &e), CAREER_OK);
        assert_status(career_oews_entry_at(u, i, &f), CAREER_OK);
        assert_string_equal(e.occ_code, f.occ_code);
        assert_string_equal(e.area_title, f.area_title);
        assert_int_equal(e.row, f.row);
    }
    career_oews_close(t);
    career_oews_close(u);
    free(text);
    /* a lone CR inside quotes is text, and counts a line */
    t = open_text(HEADER "99,U.S.,000000,1235,11-1011,\"Chief\rExecutives\","
                  "detailed,10,1,2,3,4,5,2080,4160,6240,8320,10400,,\r"
                  "99,U.S.,000000,1235,11-1012,Next,detailed,10,1,2,3,4,5,"
                  "2080,4160,6240,8320,10400,,\r", NULL);
    assert_int_equal(career_oews_count(t), 2);
    assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
    assert_string_equal(e.occ_title, "Chief\rExecutives");
    assert_status(career_oews_entry_at(t, 1, &e), CAREER_OK);
    assert_int_equal(e.row, 4);
    career_oews_close(t);
}

/* A NUL byte cut a cell's text short without a word: it is an error
 * naming the row and the column, in a title and in a number. */
static void nul_bytes(void **state)
{
    static const char row1[] = HEADER "99,U.S.,000000,1235,11-1011,Chief";
    static const char row2[] = "Executives,detailed,10,1,2,3,4,5,2080,4160,"
                               "6240,8320,10400,,\r\n";
    static const char num1[] = HEADER "99,U.S.,000000,1235,11-1011,Chief,"
                               "detailed,10,1,2,3,4,5,2080,4160,6240,8320,104";
    static const char num2[] = "00,,\r\n";
    char text[1024];
    career_oews_table *t = NULL;
    career_error err;
    size_t n;

    (void)state;
    n = (size_t)snprintf(text, sizeof text, "%s", row1);
    text[n++] = '\0';
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", row2);
    assert_status(career_oews_open_memory(text, n, "nul.csv", NULL, &t, &err),
                  CAREER_ERR_PARSE);
    assert_null(t);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 6);
    assert_non_null(strstr(err.text, "NUL"));
    /* the same inside quotes, in a cell read as a number */
    n = (size_t)snprintf(text, sizeof text, "%s", num1);
    text[n++] = '\0';
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", num2);
    assert_status(career_oews_open_memory(text, n, "nul.csv", NULL, &t, &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 18);
    assert_non_null(strstr(err.text, "NUL"));
    /* a title in another encoding (Latin-1 "é") would become a profile's
     * role that no check could place: refused at its row and column */
    assert_status(open_fails(HEADER "99,U.S.,000000,1235,11-1011,Chef \xe9,"
                             "detailed,10,1,2,3,4,5,2080,4160,6240,8320,"
                             "10400,,\r\n", &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 6);
    assert_non_null(strstr(err.text, "OCC_TITLE: not UTF-8"));
}

static void profile_errors(void **state)
{
    career_oews_table *t = open_text(
        HEADER "99,U.S.,000000,1235,11-1011,Chief,detailed,10,"
               "*,*,*,*,#,*,*,100000,#,#,,\r\n"
               "99,U.S.,000000,1235,11-1012,Down,detailed,10,"
               "*,*,*,*,*,5,4,3,2,1,,\r\n"
               "99,U.S.,000000,1235,11-1013,Zero,detailed,10,"
               "*,*,*,*,*,0,4,5,6,7,,\r\n",
        NULL);
    career_profile *p = (career_profile *)(void *)t;
    career_error err;

    (void)state;
    assert_status(career_oews_profile(t, "11-1011", NULL, NULL, NULL, &p, &err),
                  CAREER_ERR_FIT);
    assert_null(p);
    assert_non_null(strstr(err.text, "fewer than 2 published percentiles"));
    assert_status(career_oews_profile(t, "11-1012", NULL, NULL, NULL, &p, &err),
                  CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "decrease"));
    assert_status(career_oews_profile(t, "11-1013", NULL, NULL, NULL, &p, &err),
                  CAREER_ERR_FIT);
    assert_non_null(strstr(err.text, "must be > 0"));
    assert_status(career_oews_profile(t, "99-9999", NULL, NULL, NULL, &p, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_status(career_oews_profile(t, "11-1011", "6", NULL, NULL, &p, &err),
                  CAREER_ERR_NOT_FOUND);
    assert_status(career_oews_profile(NULL, "11-1011", NULL, NULL, NULL, &p,
                                      &err),
                  CAREER_ERR_ARG);
    assert_status(career_oews_profile(t, NULL, NULL, NULL, NULL, &p, NULL),
                  CAREER_ERR_ARG);
    career_oews_close(t);
    career_oews_close(NULL);
}

/* ---- files ------------------------------------------------------------- */

/* A damaged workbook is an error, never a crash: truncated at every
 * length, and with bytes flipped across the file. */
static void corrupt_xlsx(void **state)
{
    size_t n, cut, i;
    unsigned char *buf = slurp(ALL_XLSX, &n);
    career_oews_table *t;
    career_error err;
    career_status st;

    (void)state;
    for (cut = 4; cut < n; cut += 97) {
        t = NULL;
        st = career_oews_open_memory(buf, cut, "cut.xlsx", NULL, &t, &err);
        assert_int_not_equal(st, CAREER_OK);
        assert_null(t);
        assert_true(err.text[0] != '\0');
    }
    for (i = 30; i < n; i += 41) {
        buf[i] ^= 0x5A;
        t = NULL;
        st = career_oews_open_memory(buf, n, "flip.xlsx", NULL, &t, &err);
        if (st == CAREER_OK)
            career_oews_close(t);
        else
            assert_true(err.text[0] != '\0');
        buf[i] ^= 0x5A;
    }
    st = career_oews_open_memory("PK\3\4garbage", 11, "g.xlsx", NULL, &t, &err);
    assert_status(st, CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "corrupt workbook"));
    free(buf);
}

static void io_errors(void **state)
{
    career_oews_table *t;
    career_ep_table *ep;
    career_error err;

    (void)state;
    assert_status(career_oews_open("tests/data/oews/no-such.csv", NULL, &t,
                                   &err),
                  CAREER_ERR_IO);
    assert_string_equal(err.source, "tests/data/oews/no-such.csv");
    assert_status(career_oews_open("tests/data/oews/no-such.xlsx", NULL, &t,
                                   &err),
                  CAREER_ERR_IO);
    assert_status(career_oews_open(NULL, NULL, &t, &err), CAREER_ERR_ARG);
    assert_status(career_oews_open(ALL_CSV, NULL, NULL, &err), CAREER_ERR_ARG);
    assert_status(career_oews_open_memory(NULL, 3, "x", NULL, &t, &err),
                  CAREER_ERR_ARG);
    assert_status(career_ep_open("tests/data/oews/no-such.csv", &ep, &err),
                  CAREER_ERR_IO);
    assert_status(career_ep_open(NULL, &ep, &err), CAREER_ERR_ARG);
    assert_status(career_ep_open_memory(NULL, 2, "x", &ep, &err),
                  CAREER_ERR_ARG);
}


/* ---- pipes, FIFOs, folders and signals ---------------------------------------- */

/* A child that writes the file at path to fd in pieces of `piece` bytes,
 * `pause_us` apart, then exits. */
static pid_t writer(const char *path, int fd, size_t piece, unsigned pause_us)
{
    pid_t pid = fork();
    unsigned char buf[4096];
    size_t n, k;
    FILE *f;

    assert_true(pid >= 0);
    if (pid > 0)
        return pid;
    if (!(f = fopen(path, "rb")) || piece > sizeof buf)
        _exit(1);
    while ((n = fread(buf, 1, piece, f)) > 0) {
        for (k = 0; k < n;) {
            ssize_t w = write(fd, buf + k, n - k);
            if (w <= 0)
                _exit(1);
            k += (size_t)w;
        }
        if (pause_us) {
            struct timespec ts = {0, (long)pause_us * 1000};
            nanosleep(&ts, NULL);
        }
    }
    _exit(0);
}

/* The file at path, read as career_oews_open reads a pipe's read end
 * (/dev/fd/N): the status, and the table in *out. */
static career_status oews_from_pipe(const char *path, unsigned pause_us,
                                    career_oews_table **out,
                                    career_error *err)
{
    char name[32];
    career_status st;
    int fds[2], status;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = writer(path, fds[1], 61, pause_us);
    close(fds[1]);
    snprintf(name, sizeof name, "/dev/fd/%d", fds[0]);
    st = career_oews_open(name, NULL, out, err);
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0)
        assert_int_equal(errno, EINTR);
    return st;
}

/* A pipe is read once: the first bytes that tell CSV from a workbook are
 * not read again from a fresh open (which loses them), and an .xlsx from a
 * pipe is read whole first (libzip seeks). */
static void pipes(void **state)
{
    const char *paths[2] = {ALL_CSV, ALL_XLSX};
    career_oews_table *t;
    career_oews_entry e;
    career_error err;
    int i;

    (void)state;
    alarm(60); /* a read that blocks forever fails the test */
    for (i = 0; i < 2; i++) {
        t = NULL;
        if (oews_from_pipe(paths[i], 0, &t, &err) != CAREER_OK)
            print_error("%s: %s\n", paths[i], err.text);
        assert_non_null(t);
        assert_int_equal(career_oews_count(t), 6);
        assert_status(career_oews_entry_at(t, 0, &e), CAREER_OK);
        assert_string_equal(e.occ_code, "15-1133");
        career_oews_close(t);
    }
    alarm(0);
}

/* The EP fixture read from a FIFO, whose writer opens it after delay_us
 * (the reader's open waits for it): the status, and the table in *ep. */
static career_status ep_from_fifo(unsigned delay_us, career_ep_table **ep,
                                  career_error *err)
{
    char dir[] = "/tmp/career-fifo-XXXXXX", path[64];
    struct timespec ts = {0, (long)delay_us * 1000};
    career_status st;
    int fd, status;
    pid_t pid;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/ep.csv", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        nanosleep(&ts, NULL);
        fd = open(path, O_WRONLY);
        if (fd < 0)
            _exit(1);
        waitpid(writer(EP_CSV, fd, 4096, 0), &status, 0);
        _exit(0);
    }
    st = career_ep_open(path, ep, err);
    if (st != CAREER_OK) /* the writer may wait for a reader for ever */
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0)
        assert_int_equal(errno, EINTR);
    unlink(path);
    rmdir(dir);
    return st;
}

/* An EP table from a FIFO: the CSV has one sheet, so the FIFO is never
 * opened a second time (that open would wait for a writer forever). */
static void fifo(void **state)
{
    career_ep_table *ep = NULL;
    career_error err;

    (void)state;
    alarm(60);
    if (ep_from_fifo(0, &ep, &err) != CAREER_OK)
        print_error("%s\n", err.text);
    alarm(0);
    assert_non_null(ep);
    assert_int_equal(career_ep_count(ep), 5);
    career_ep_close(ep);
}

/* A folder is an I/O error, as the profile loader says, not "is this an
 * OEWS table?" */
static void folders(void **state)
{
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    career_error err;

    (void)state;
    assert_status(career_oews_open("tests/data/oews", NULL, &t, &err),
                  CAREER_ERR_IO);
    assert_null(t);
    assert_non_null(strstr(err.text, "Is a directory"));
    assert_string_equal(err.source, "tests/data/oews");
    assert_status(career_ep_open("tests/data/oews/", &ep, &err),
                  CAREER_ERR_IO);
    assert_null(ep);
    assert_non_null(strstr(err.text, "Is a directory"));
}

static void on_alarm(int sig)
{
    (void)sig;
}

/* A signal handled without SA_RESTART interrupts the reads of a slow
 * pipe, and the open of a FIFO that waits for its writer (EINTR): the
 * reader tries again, and the table is whole. */
static void signals(void **state)
{
    struct itimerval every = {{0, 2000}, {0, 2000}}, off = {{0, 0}, {0, 0}};
    struct sigaction sa, old;
    sigset_t alrm, prev, pending;
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    career_error err;
    career_status st;
    int sig;

    (void)state;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: read(2) fails with EINTR */
    assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
    assert_int_equal(setitimer(ITIMER_REAL, &every, NULL), 0);
    st = oews_from_pipe(ALL_CSV, 10000, &t, &err);
    /* and the open of a FIFO, waiting 50 ms for its writer */
    if (st == CAREER_OK && (st = ep_from_fifo(50000, &ep, &err)) == CAREER_OK)
        career_ep_close(ep);
    /* Stop the timer with SIGALRM blocked, and take a signal it had
     * already raised before the default action (which ends the process)
     * is put back: under valgrind a signal can wait that long. */
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &prev);
    setitimer(ITIMER_REAL, &off, NULL);
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGALRM) == 1)
        sigwait(&alrm, &sig);
    sigaction(SIGALRM, &old, NULL);
    sigprocmask(SIG_SETMASK, &prev, NULL);
    if (st != CAREER_OK)
        print_error("%s\n", err.text);
    assert_status(st, CAREER_OK);
    assert_int_equal(career_oews_count(t), 6);
    career_oews_close(t);
}


/* ---- workbooks made here, damaged on purpose -------------------------------- */

static const char wb_default[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships\"><sheets><sheet name=\"s\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char rels_default[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/"
    "sheet1.xml\"/></Relationships>";

/* Whether make_xlsx stores its parts as they are, not deflated: a part
 * of repeated text then inflates 1:1, under the zip-bomb rule. */
static int store_parts;

static void add_part(zip_t *z, const char *name, const char *text)
{
    zip_source_t *s;
    zip_int64_t i;

    if (!text)
        return;
    s = zip_source_buffer(z, text, strlen(text), 0);
    assert_non_null(s);
    assert_true((i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE)) >= 0);
    if (store_parts)
        assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)i,
                                                  ZIP_CM_STORE, 0), 0);
}

/* A workbook of these parts (NULL: left out) in memory; free() it. */
static unsigned char *make_xlsx(const char *sheet, const char *sst,
                                const char *workbook, size_t *n)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    unsigned char *out;
    zip_int64_t size;
    zip_t *z;

    assert_non_null(src);
    zip_source_keep(src);
    z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    assert_non_null(z);
    add_part(z, "xl/workbook.xml", workbook);
    add_part(z, "xl/_rels/workbook.xml.rels", rels_default);
    add_part(z, "xl/worksheets/sheet1.xml", sheet);
    add_part(z, "xl/sharedStrings.xml", sst);
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    out = malloc((size_t)size);
    assert_non_null(out);
    assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    *n = (size_t)size;
    return out;
}

/* Opens the workbook of these parts: the status, and err. */
static career_status open_parts(const char *rows, const char *sst,
                                const char *workbook, career_error *err)
{
    char sheet[4096];
    career_oews_table *t = NULL;
    unsigned char *zip;
    career_status st;
    size_t n;

    snprintf(sheet, sizeof sheet, "<worksheet><sheetData>%s</sheetData>"
             "</worksheet>", rows);
    zip = make_xlsx(sheet, sst, workbook, &n);
    st = career_oews_open_memory(zip, n, "made.xlsx", NULL, &t, err);
    if (st == CAREER_OK)
        career_oews_close(t);
    else
        assert_null(t);
    free(zip);
    return st;
}

/* The header of an OEWS sheet in inline strings, as row 1. */
static const char sheet_header[] =
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>OCC_CODE</t></is></c>"
    "<c t=\"inlineStr\"><is><t>OCC_TITLE</t></is></c>"
    "<c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c>"
    "<c t=\"s\"><v>3</v></c><c t=\"s\"><v>4</v></c><c t=\"s\"><v>5</v></c>"
    "<c t=\"s\"><v>6</v></c><c t=\"s\"><v>7</v></c><c t=\"s\"><v>8</v></c>"
    "<c t=\"s\"><v>9</v></c></row>";
static const char sst_pcts[] =
    "<sst><si><t>A_PCT10</t></si><si><t>A_PCT25</t></si><si><t>A_MEDIAN"
    "</t></si><si><t>A_PCT75</t></si><si><t>A_PCT90</t></si><si><t>H_PCT10"
    "</t></si><si><t>H_PCT25</t></si><si><t>H_MEDIAN</t></si><si><t>H_PCT75"
    "</t></si><si><t>H_PCT90</t></si><si/></sst>";

static void made_workbooks(void **state)
{
    char rows[2048];
    career_error err;

    (void)state;
    /* a valid one: the header, then a row with sparse cells */
    snprintf(rows, sizeof rows, "%s<row r=\"4\"><c r=\"A4\" t=\"inlineStr\">"
             "<is><t>11-1011</t></is></c><c r=\"B4\" t=\"inlineStr\">"
             "<is><t>Chief</t></is></c><c r=\"G4\"><v>5</v></c></row>"
             "<row r=\"5\"/>", sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err), CAREER_OK);
    /* a shared string that does not exist */
    snprintf(rows, sizeof rows, "%s<row r=\"2\"><c t=\"s\"><v>11</v></c>"
             "</row>", sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.text, "shared-string index out of range"));
    assert_status(open_parts(sheet_header, NULL, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "shared-string index"));
    /* cells and rows out of order, a column past 4096 */
    snprintf(rows, sizeof rows, "%s<row r=\"2\"><c r=\"B2\"><v>1</v></c>"
             "<c r=\"A2\"><v>2</v></c></row>", sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "cells out of order"));
    snprintf(rows, sizeof rows, "<row r=\"3\"><c><v>1</v></c></row>%s",
             sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "rows out of order"));
    assert_status(open_parts("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>",
                             NULL, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "beyond column 4096"));
    /* XML that does not parse: in a row, between rows, in the strings */
    snprintf(rows, sizeof rows, "%s<row r=\"2\"><c><v>1</v></row>",
             sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "corrupt workbook"));
    snprintf(rows, sizeof rows, "%s<row r=\"2\"></rows>", sheet_header);
    assert_status(open_parts(rows, sst_pcts, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_status(open_parts(sheet_header, "<sst><si><t>x</si>", wb_default,
                             &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "sharedStrings.xml"));
    /* no workbook part, and a workbook whose sheet has no target */
    assert_status(open_parts(sheet_header, sst_pcts, NULL, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "not a workbook"));
    assert_status(open_parts(sheet_header, sst_pcts,
                             "<workbook><sheets><sheet id=\"rId9\"/></sheets>"
                             "</workbook>", &err),
                  CAREER_ERR_PARSE);
    assert_status(open_parts(sheet_header, sst_pcts, "<workbook", &err),
                  CAREER_ERR_PARSE);
}

/* A text of `prefix`, then `unit` n times, then `suffix`; free() it. */
static char *repeat(const char *prefix, const char *unit, size_t n,
                    const char *suffix)
{
    size_t a = strlen(prefix), u = strlen(unit), i;
    char *text = malloc(a + u * n + strlen(suffix) + 1), *p;

    assert_non_null(text);
    memcpy(text, prefix, a);
    for (i = 0, p = text + a; i < n; i++, p += u)
        memcpy(p, unit, u);
    strcpy(p, suffix);
    return text;
}

/* Workbooks made to fill memory or time: shared strings by the million
 * (24 M empty <si/> took 405 MB, as only their text was counted), a
 * shared string table over 16 MiB, and a part that inflates 1,000 times
 * (1.1 GB of <row/> in 1.6 MB took 68 s). Each is refused, saying why. */
static void hostile_workbooks(void **state)
{
    char *sst, *sheet;
    unsigned char *zip;
    career_oews_table *t = NULL;
    career_error err;
    size_t n;

    (void)state;
    store_parts = 1;
    sst = repeat("<sst>", "<si/>", ((size_t)1 << 20) + 1, "</sst>");
    assert_status(open_parts(sheet_header, sst, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "over 1048576 shared strings"));
    free(sst);
    sst = repeat("<sst>", "<si><t>0123456789</t></si>",
                 ((size_t)1 << 20) + 1, "</sst>");
    assert_status(open_parts(sheet_header, sst, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "over 1048576 shared strings"));
    free(sst);
    /* 260 strings of 64 KiB: 16.25 MiB */
    sheet = repeat("<si><t>", "0123456789abcdef", 4096, "</t></si>");
    sst = repeat("<sst>", sheet, 260, "</sst>");
    assert_status(open_parts(sheet_header, sst, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "shared strings over 16 MiB"));
    free(sst);
    free(sheet);
    /* one text node over libxml2's 10 MB: a parse error, not out of
     * memory (libxml2 calls it XML_ERR_NO_MEMORY) */
    sst = repeat("<sst><si><t>", "0123456789abcdef", 700000,
                 "</t></si></sst>");
    assert_status(open_parts(sheet_header, sst, wb_default, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "sharedStrings.xml"));
    free(sst);
    store_parts = 0;
    /* 4 MiB of empty rows, deflated to a few KB */
    sheet = repeat("<worksheet><sheetData>", "<row/>", (size_t)700000,
                   "</sheetData></worksheet>");
    zip = make_xlsx(sheet, sst_pcts, wb_default, &n);
    assert_status(career_oews_open_memory(zip, n, "bomb.xlsx", NULL, &t, &err),
                  CAREER_ERR_PARSE);
    assert_null(t);
    assert_non_null(strstr(err.text, "xl/worksheets/sheet1.xml inflates"));
    assert_non_null(strstr(err.text, "zip bomb"));
    free(zip);
    free(sheet);
}

/* A workbook of 2 MB from a pipe: read whole into memory, growing as it
 * comes (libzip reads an archive from its end). */
static void big_workbook_from_pipe(void **state)
{
    char path[] = "/tmp/career-big-XXXXXX", row[160];
    size_t n, i, used, cap = 4 << 20;
    char *sheet = malloc(cap);
    career_oews_table *t = NULL;
    career_error err;
    unsigned char *zip;
    FILE *f;
    int fd;

    (void)state;
    assert_non_null(sheet);
    used = (size_t)snprintf(sheet, cap, "<worksheet><sheetData>%s",
                            sheet_header);
    for (i = 0; i < 30000; i++) {
        n = (size_t)snprintf(row, sizeof row, "<row r=\"%zu\"><c t=\"inlineStr"
                             "\"><is><t>%02zu-%04zu</t></is></c><c t=\""
                             "inlineStr\"><is><t>T</t></is></c></row>",
                             i + 2, 11 + i / 10000, i % 10000);
        memcpy(sheet + used, row, n);
        used += n;
    }
    snprintf(sheet + used, cap - used, "</sheetData></worksheet>");
    store_parts = 1;
    zip = make_xlsx(sheet, sst_pcts, wb_default, &n);
    store_parts = 0;
    assert_true(n > (size_t)2 << 20);
    assert_true((fd = mkstemp(path)) >= 0);
    assert_non_null(f = fdopen(fd, "wb"));
    assert_int_equal(fwrite(zip, 1, n, f), n);
    fclose(f);
    alarm(60);
    if (oews_from_pipe(path, 0, &t, &err) != CAREER_OK)
        print_error("%s\n", err.text);
    alarm(0);
    assert_non_null(t);
    assert_int_equal(career_oews_count(t), 30000);
    career_oews_close(t);
    unlink(path);
    free(zip);
    free(sheet);
}

/* ---- Employment Projections ----------------------------------------------- */

static void ep_tables(void **state)
{
    const char *paths[2] = {EP_CSV, EP_XLSX};
    int i;

    (void)state;
    for (i = 0; i < 2; i++) {
        career_ep_table *ep = NULL;
        career_error err;
        career_ep_entry e;
        career_status st = career_ep_open(paths[i], &ep, &err);
        if (st != CAREER_OK)
            print_error("%s:%d: %s\n", err.source, err.line, err.text);
        assert_status(st, CAREER_OK);
        assert_int_equal(career_ep_count(ep), 5);
        /* Projections Central, US 2020-30: 15-1232, +8.9 % ([5]) */
        assert_status(career_ep_find(ep, "15-1232", &e), CAREER_OK);
        assert_string_equal(e.occ_title, "Computer user support specialists");
        assert_close(e.growth, 0.089, 1e-12);
        assert_close(e.years, 10.0, 0);
        assert_int_equal(e.start_year, 2020);
        assert_close(e.separation_rate, 0.101, 1e-12);
        assert_int_equal(e.row, 5);
        assert_status(career_ep_entry_at(ep, 0, &e), CAREER_OK);
        assert_string_equal(e.occ_code, "11-3021");
        assert_status(career_ep_entry_at(ep, 5, &e), CAREER_ERR_NOT_FOUND);
        assert_status(career_ep_find(ep, "99-9999", &e), CAREER_ERR_NOT_FOUND);
        career_ep_close(ep);
    }
}

static void ep_profile(void **state)
{
    career_oews_table *t = open_ok(ALL_XLSX, NULL);
    career_ep_table *ep = NULL;
    career_profile *p;

    (void)state;
    assert_status(career_ep_open(EP_XLSX, &ep, NULL), CAREER_OK);
    p = profile_ok(t, "15-1133", NULL, ep);
    assert_close(p->demand_growth, 0.11, 1e-12);
    assert_close(p->demand_years, 10.0, 0);
    assert_close(p->separation_rate, 0.062, 1e-12);
    assert_true(has_note(p, "Demand growth 11.0 % over 2020-2030"));
    assert_true(has_note(p, "Separation rate 6.2 %"));
    career_profile_free(p);
    p = profile_ok(t, "35-3023", NULL, ep);
    assert_close(p->demand_growth, 0.0, 0);
    assert_close(p->separation_rate, 0.0, 0);
    assert_true(has_note(p, "No Employment Projections row for 35-3023"));
    career_profile_free(p);
    career_ep_close(ep);
    career_ep_close(NULL);
    career_oews_close(t);
}

static void ep_errors(void **state)
{
    static const char noyears[] =
        "Occupation code,Employment change, percent\n15-1111,3\n";
    static const char badcell[] =
        "code,\"Employment change, percent, 2022-32\",title\n"
        "15-1111,3.5,A\n15-1112,lots,B\n";
    static const char years4[] =
        "title,\"Employment change, percent, 2019-2029\",code\n"
        "A,-4.3,15-1111\nFootnote,,\n";
    career_ep_table *ep = NULL;
    career_ep_entry e;
    career_error err;

    (void)state;
    assert_status(career_ep_open_memory(noyears, strlen(noyears), "a.csv",
                                        &ep, &err),
                  CAREER_ERR_PARSE);
    assert_null(ep);
    assert_non_null(strstr(err.text, "2023-33"));
    assert_status(career_ep_open_memory(badcell, strlen(badcell), "b.csv", &ep,
                                        &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.text, "lots"));
    assert_status(career_ep_open_memory(years4, strlen(years4), "c.csv", &ep,
                                        &err),
                  CAREER_OK);
    assert_status(career_ep_find(ep, "15-1111", &e), CAREER_OK);
    assert_close(e.growth, -0.043, 1e-12);
    assert_close(e.years, 10.0, 0);
    assert_int_equal(e.start_year, 2019);
    assert_string_equal(e.occ_title, "A");
    assert_int_equal(career_ep_count(ep), 1);
    career_ep_close(ep);
}

/* A growth of -100 % or less, or above 1,000 %, is a misread cell, named
 * by its row and column; a header with no row under it is an error, not
 * an empty table. */
static void ep_refusals(void **state)
{
    static const char fall[] =
        "code,\"Employment change, percent, 2022-32\"\n15-1111,-150\n";
    static const char huge[] =
        "code,\"Employment change, percent, 2022-32\"\n15-1111,3\n"
        "15-1112,1e308\n";
    static const char empty[] =
        "code,\"Employment change, percent, 2022-32\"\nNote: none,\n";
    career_ep_table *ep = NULL;
    career_error err;

    (void)state;
    assert_status(career_ep_open_memory(fall, strlen(fall), "f.csv", &ep,
                                        &err),
                  CAREER_ERR_PARSE);
    assert_null(ep);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_non_null(strstr(err.text, "-150 %"));
    assert_status(career_ep_open_memory(huge, strlen(huge), "h.csv", &ep,
                                        &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 3);
    assert_status(career_ep_open_memory(empty, strlen(empty), "e.csv", &ep,
                                        &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "no row with an occupation code"));
}

/* A CSV EP table of n distinct codes, the i-th NN-NNNN = i with a
 * percent change of (i mod 97) / 10, into buf; its length. */
static size_t ep_text(char *buf, size_t cap, size_t n)
{
    size_t len = (size_t)snprintf(buf, cap, "code,\"Employment change, "
                                  "percent, 2022-32\"\n"), i;

    for (i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%02zu-%04zu,%zu.%zu\n",
                                i / 10000, i % 10000, i % 97 / 10,
                                i % 97 % 10);
    assert_true(len < cap);
    return len;
}

/* Codes are found through an index while reading and after: 100,000
 * distinct codes (1.2 MB) open in well under a second (they took half a
 * minute when each new code scanned those before it), and each is found;
 * one code more than CAREER_EP_MAX_ROWS is refused, naming its row. */
static void ep_many_codes(void **state)
{
    size_t cap = 16 * (CAREER_EP_MAX_ROWS + 2), n, i;
    char *buf = malloc(cap);
    career_ep_table *ep = NULL;
    career_ep_entry e;
    career_error err;
    char code[16];

    (void)state;
    assert_non_null(buf);
    n = ep_text(buf, cap, 100000);
    assert_status(career_ep_open_memory(buf, n, "many.csv", &ep, &err),
                  CAREER_OK);
    assert_int_equal(career_ep_count(ep), 100000);
    for (i = 0; i < 100000; i += 37) {
        snprintf(code, sizeof code, "%02zu-%04zu", i / 10000, i % 10000);
        assert_status(career_ep_find(ep, code, &e), CAREER_OK);
        assert_string_equal(e.occ_code, code);
        assert_int_equal(e.row, (long)i + 2);
        assert_close(e.growth, (double)(i % 97) / 1000.0, 1e-12);
    }
    assert_status(career_ep_find(ep, "10-0000", &e), CAREER_ERR_NOT_FOUND);
    career_ep_close(ep);
    n = ep_text(buf, cap, CAREER_EP_MAX_ROWS + 1);
    assert_status(career_ep_open_memory(buf, n, "big.csv", &ep, &err),
                  CAREER_ERR_PARSE);
    assert_null(ep);
    assert_int_equal(err.line, (int)CAREER_EP_MAX_ROWS + 2);
    assert_non_null(strstr(err.text, "more than 131072 occupation codes"));
    free(buf);
}

/* The real Employment Projections workbooks (tests/data/bls/): the
 * 2016-26 one has a header of three rows, a "title and code" heading
 * merged over two columns and the change as "Change, 2016-26" over
 * "Number" and "Percent"; the 2024-34 one, one header row. Figures from
 * the workbooks' own Table 1.2 and Table 1.10 rows, read by eye. */
static void ep_real_layouts(void **state)
{
    career_ep_table *ep = NULL;
    career_ep_entry e;
    career_error err;
    career_status st;

    (void)state;
    st = career_ep_open("tests/data/bls/occupation_2016-26.xlsx", &ep, &err);
    if (st != CAREER_OK)
        print_error("%s\n", err.text);
    assert_status(st, CAREER_OK);
    assert_status(career_ep_find(ep, "15-1133", &e), CAREER_OK);
    assert_close(e.growth, 0.111, 1e-12);
    assert_close(e.years, 10.0, 0);
    assert_int_equal(e.start_year, 2016);
    assert_close(e.separation_rate, 0.063, 1e-12);
    assert_string_equal(e.occ_title, "Software developers, systems software");
    career_ep_close(ep);
    assert_status(career_ep_open("tests/data/bls/occupation_2024-34.xlsx", &ep,
                                 &err),
                  CAREER_OK);
    assert_status(career_ep_find(ep, "15-1252", &e), CAREER_OK);
    assert_close(e.growth, 0.158, 1e-12);
    assert_int_equal(e.start_year, 2024);
    assert_close(e.separation_rate, 0.048, 1e-12);
    career_ep_close(ep);
}


/* ---- one table, many threads ------------------------------------------------ */

typedef struct worker {
    const career_oews_table *t;
    const career_ep_table *ep;
    double tiers[6][4]; /* of each row's profile */
    int ok;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    career_oews_entry e;
    career_profile *p;
    size_t i, k, r;

    w->ok = 1;
    for (r = 0; r < 20; r++)
        for (i = 0; i < career_oews_count(w->t) && i < 6; i++) {
            if (career_oews_entry_at(w->t, i, &e) != CAREER_OK ||
                career_oews_profile(w->t, e.occ_code, e.area_code, NULL, w->ep,
                                    &p, NULL) != CAREER_OK) {
                w->ok = 0;
                return NULL;
            }
            for (k = 0; k < 4; k++)
                w->tiers[i][k] = p->tiers[k].salary;
            career_profile_free(p);
        }
    return NULL;
}

/* Four threads make profiles from one table at once: the same ones. */
static void shared_table(void **state)
{
    career_oews_table *t = open_ok(ALL_XLSX, NULL);
    career_ep_table *ep = NULL;
    worker w[4];
    pthread_t th[4];
    int i;

    (void)state;
    assert_status(career_ep_open(EP_CSV, &ep, NULL), CAREER_OK);
    memset(w, 0, sizeof w);
    for (i = 0; i < 4; i++) {
        w[i].t = t;
        w[i].ep = ep;
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_true(w[i].ok);
        assert_memory_equal(w[i].tiers, w[0].tiers, sizeof w[0].tiers);
    }
    assert_close(w[0].tiers[0][0], 76445.03049, 1e-9); /* oews_ref.py */
    career_ep_close(ep);
    career_oews_close(t);
}

/* ---- ladder templates ---------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void template_refused(const char *path, const char *text,
                             const char *why)
{
    career_ladder_template *tmpl = NULL;
    career_error err;

    write_file(path, text);
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_PARSE);
    assert_null(tmpl);
    if (!strstr(err.text, why))
        fail_msg("got \"%s\", want \"%s\"", err.text, why);
}

/* The OFLC rule and the workforce's anchors, from a file: Levels II and
 * III a third and two thirds of the way from I to IV in pay (oews_ref.py,
 * 15-1133 May 2018: 93,936.40317 and 111,427.7758), anchored where the
 * workforce's share is their market percentile; the template's assumption
 * goes into the notes, and its peak into the curve. */
static void workforce_template(void **state)
{
    career_ladder_template *tmpl = NULL;
    career_oews_table *t = open_ok(ALL_CSV, NULL);
    career_profile *p;
    career_error err;

    (void)state;
    assert_status(career_ladder_template_load_file(
                      "examples/ladders/oflc-fixed-years.json", &tmpl, &err),
                  CAREER_OK);
    assert_status(career_oews_profile(t, "15-1133", NULL, tmpl, NULL, &p, &err),
                  CAREER_OK);
    /* fixed years: the template's own spans, and no peak */
    assert_close(p->tiers[3].anchor_years, 13.0, 0);
    assert_close(p->tiers[2].min_years, 6.0, 0);
    assert_close(p->peak_years, 0.0, 0);
    /* nor a rho: the years are the template's, not the workforce's */
    assert_close(p->experience_correlation, 0.0, 0);
    assert_true(has_note(p, "over spans of 0-2, 3-5, 6-9 and 10+ years"));
    career_profile_free(p);
    career_ladder_template_free(tmpl);
    p = profile_ok(t, "15-1133", NULL, NULL);
    assert_close(p->tiers[1].salary, 93936.40317, 1e-9);
    assert_close(p->tiers[2].salary, 111427.7758, 1e-9);
    assert_true(has_note(p, "Level II (qualified): $93936, the market's p33; "
                            "anchored at 3.6 years"));
    assert_true(has_note(p, "II and III a third and two thirds of the way"));
    career_profile_free(p);
    career_oews_close(t);
}

/* The band and the experience correlation: the power band's templates
 * keep rho = 1, a tier at percentile q at the workforce's quantile q, and
 * so do an import's rho of 1 (oews_ref.py, 15-1133 May 2018 at rho = 1:
 * anchors 1.8, 4.0, 7.1, 10.9 from 0, 2.9, 5.6, 9.0); the copula band's
 * default is 0.85 (1.4, 3.6, 7.2, 11.7). */
static void band_and_correlation(void **state)
{
    static const double anchors[4] = {1.8, 4.0, 7.1, 10.9};
    static const double mins[4] = {0.0, 2.9, 5.6, 9.0};
    static const char power[] =
        "{\"format\": \"career-ladder/1\", \"anchors\": \"workforce\", "
        "\"peak_years\": 30, \"band\": \"power\", \"tiers\": ["
        "{\"name\": \"Level I\", \"percentile\": 0.17}, "
        "{\"name\": \"Level II\", \"between\": 0.3333333333333333}, "
        "{\"name\": \"Level III\", \"between\": 0.6666666666666666}, "
        "{\"name\": \"Level IV\", \"percentile\": 0.67}]}";
    career_oews_options o = {.experience_correlation = 1.0};
    career_ladder_template *tmpl = NULL;
    career_oews_table *t = open_ok(ALL_CSV, NULL), *t1 = open_ok(ALL_CSV, &o);
    career_profile *p, *q;
    career_model *m = NULL;
    char path[] = "/tmp/career-ladder-XXXXXX";
    career_error err;
    int fd;
    size_t i;

    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, power);
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_OK);
    assert_status(career_oews_profile(t, "15-1133", NULL, tmpl, NULL, &p, &err),
                  CAREER_OK);
    q = profile_ok(t1, "15-1133", NULL, NULL);
    assert_int_equal(p->band_shape, CAREER_BAND_POWER);
    assert_int_equal(q->band_shape, CAREER_BAND_COPULA);
    for (i = 0; i < 4; i++) {
        assert_close(p->tiers[i].anchor_years, anchors[i], 1e-12);
        assert_close(p->tiers[i].min_years, mins[i], 1e-12);
        assert_close(q->tiers[i].anchor_years, anchors[i], 1e-12);
        assert_close(q->tiers[i].min_years, mins[i], 1e-12);
    }
    assert_false(has_note(p, "Experience correlation"));
    assert_false(has_note(p, "Gaussian copula band"));
    assert_true(has_note(q, "Gaussian copula band"));
    /* the rho that placed the tiers is the profile's: the power
     * template's 1, and the import's 1 over the OFLC template's 0.85 */
    assert_close(p->experience_correlation, 1.0, 0);
    assert_close(q->experience_correlation, 1.0, 0);
    /* both calibrate; the copula band's d is at most 1 */
    assert_status(career_model_new(q, NULL, &m, &err), CAREER_OK);
    career_model_free(m);
    career_profile_free(p);
    career_profile_free(q);
    career_ladder_template_free(tmpl);
    /* a template's own rho, and the import's over it */
    write_file(path, "{\"format\": \"career-ladder/1\", \"anchors\": "
                     "\"workforce\", \"experience_correlation\": 1, "
                     "\"tiers\": [{\"name\": \"A\", \"percentile\": "
                     "0.17}, {\"name\": \"B\", \"percentile\": 0.67}]}");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_OK);
    assert_status(career_oews_profile(t, "15-1133", NULL, tmpl, NULL, &p, &err),
                  CAREER_OK);
    assert_int_equal(p->band_shape, CAREER_BAND_COPULA);
    assert_close(p->experience_correlation, 1.0, 0);
    assert_close(p->tiers[0].anchor_years, anchors[0], 1e-12);
    assert_close(p->tiers[1].anchor_years, anchors[3], 1e-12);
    career_profile_free(p);
    career_ladder_template_free(tmpl);
    template_refused(path, "{\"format\": \"career-ladder/1\", \"band\": "
                           "\"flat\", \"tiers\": [{\"name\": \"A\", "
                           "\"min_years\": 0, \"anchor_years\": 1, "
                           "\"percentile\": 0.2}, {\"name\": \"B\", "
                           "\"min_years\": 2, \"anchor_years\": 3, "
                           "\"percentile\": 0.6}]}",
                     "band: must be \"copula\" or \"power\"");
    template_refused(path, "{\"format\": \"career-ladder/1\", "
                           "\"experience_correlation\": 0.01, \"tiers\": []}",
                     "experience_correlation: must be in [0.05, 1]");
    unlink(path);
    career_oews_close(t);
    career_oews_close(t1);
    /* the import's rho: 0 or in [0.05, 1] */
    o.experience_correlation = 1.5;
    assert_status(career_oews_open(ALL_CSV, &o, &t, &err), CAREER_ERR_ARG);
    assert_non_null(strstr(err.text, "experience_correlation: must be in"));
    o.experience_correlation = 0.01;
    assert_status(career_oews_open(ALL_CSV, &o, &t, &err), CAREER_ERR_ARG);
}

static void templates(void **state)
{
    career_ladder_template *tmpl = NULL;
    career_oews_table *t = open_ok(ALL_CSV, NULL);
    career_profile *a, *b, *c;
    char path[] = "/tmp/career-ladder-XXXXXX";
    career_error err;
    int fd;
    size_t i;

    (void)state;
    /* the shipped file is the compiled-in template */
    assert_status(career_ladder_template_load_file("examples/ladders/oflc.json",
                                                   &tmpl, &err),
                  CAREER_OK);
    a = profile_ok(t, "15-1133", NULL, NULL);
    assert_status(career_oews_profile(t, "15-1133", NULL, tmpl, NULL, &b, &err),
                  CAREER_OK);
    for (i = 0; i < 4; i++) {
        assert_string_equal(a->tiers[i].name, b->tiers[i].name);
        assert_close(a->tiers[i].min_years, b->tiers[i].min_years, 0);
        assert_close(a->tiers[i].anchor_years, b->tiers[i].anchor_years, 0);
        assert_close(a->tiers[i].salary, b->tiers[i].salary, 0);
    }
    career_ladder_template_free(tmpl);
    /* a three-tier template: the quartiles and the median */
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "{\"format\": \"career-ladder/1\", \"name\": \"q\", "
                     "\"tiers\": [{\"name\": \"A\", \"min_years\": 0, "
                     "\"anchor_years\": 1, \"percentile\": 0.25}, {\"name\": "
                     "\"B\", \"min_years\": 2, \"anchor_years\": 4, "
                     "\"percentile\": 0.5}, {\"name\": \"C\", \"min_years\": "
                     "6, \"anchor_years\": 8, \"percentile\": 0.75}]}");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_OK);
    assert_status(career_oews_profile(t, "15-1133", NULL, tmpl, NULL, &c, &err),
                  CAREER_OK);
    assert_int_equal(c->ntiers, 3);
    /* the metalog runs through all five points: Q at them is exact */
    assert_close(c->tiers[0].salary, 85610.0, 1e-9);
    assert_close(c->tiers[2].salary, 139550.0, 1e-9);
    career_ladder_template_free(tmpl);
    /* errors name the path in the JSON */
    write_file(path, "{\"format\": \"career-ladder/1\", \"tiers\": [{\"name\":"
                     " \"A\", \"min_years\": 0, \"anchor_years\": 1, "
                     "\"percentile\": 0.5}, {\"name\": \"B\", \"min_years\": "
                     "2, \"anchor_years\": 4, \"percentile\": 0.4}]}");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_PARSE);
    assert_null(tmpl);
    assert_non_null(strstr(err.text, "tiers[1]"));
    assert_string_equal(err.source, path);
    write_file(path, "{\"format\": \"career-ladder/1\", \"tiers\": [{\"name\":"
                     " \"A\", \"min_years\": 1, \"anchor_years\": 1, "
                     "\"percentile\": 0.5}, {\"name\": \"B\", \"min_years\": "
                     "2, \"anchor_years\": 4, \"percentile\": 0.6}]}");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "tiers[0].min_years"));
    template_refused(path, "{\"format\": \"career-ladder/1\", \"colour\": 1, "
                           "\"tiers\": []}",
                     "unknown key \"colour\"");
    template_refused(path, "{\"format\": \"career-ladder/1\", \"anchors\": "
                           "\"workforce\", \"tiers\": [{\"name\": \"A\", "
                           "\"percentile\": 0.2, \"min_years\": 0}, "
                           "{\"name\": \"B\", \"percentile\": 0.6}]}",
                     "tiers[0]: the workforce places the tiers");
    template_refused(path, "{\"format\": \"career-ladder/1\", \"anchors\": "
                           "\"workforce\", \"tiers\": [{\"name\": \"A\", "
                           "\"between\": 0.5}, {\"name\": \"B\", "
                           "\"percentile\": 0.6}]}",
                     "tiers[0]: the first and last tiers need a percentile");
    template_refused(path, "{\"format\": \"career-ladder/1\", \"anchors\": "
                           "\"workforce\", \"tiers\": [{\"name\": \"A\", "
                           "\"percentile\": 0.2, \"between\": 0.5}, "
                           "{\"name\": \"B\", \"percentile\": 0.6}]}",
                     "tiers[0]: give either percentile or between");
    /* a long name is refused whole, never cut inside a character */
    {
        char text[1024], name[200];
        memset(name, 0, sizeof name);
        for (i = 0; i + 2 < 180; i += 2)
            memcpy(name + i, "\xc3\xa9", 2);
        snprintf(text, sizeof text,
                 "{\"format\": \"career-ladder/1\", \"name\": \"%s\", "
                 "\"tiers\": []}", name);
        template_refused(path, text, "name: must be a string of 1 to 159");
    }
    write_file(path, "{\"format\": \"career-ladder/2\", \"tiers\": []}");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_PARSE);
    assert_non_null(strstr(err.text, "format"));
    write_file(path, "{\"format\": ");
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_PARSE);
    assert_int_equal(err.line, 1);
    unlink(path);
    assert_status(career_ladder_template_load_file(path, &tmpl, &err),
                  CAREER_ERR_IO);
    assert_status(career_ladder_template_load_file(NULL, &tmpl, &err),
                  CAREER_ERR_ARG);
    career_ladder_template_free(NULL);
    career_ladder_template_free(
        (career_ladder_template *)(void *)career_ladder_template_oflc());
    career_profile_free(a);
    career_profile_free(b);
    career_profile_free(c);
    career_oews_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_data_rows),
        cmocka_unit_test(national_profile),
        cmocka_unit_test(equal_percentiles),
        cmocka_unit_test(state_and_metro),
        cmocka_unit_test(xlsx_equals_csv),
        cmocka_unit_test(hourly_only),
        cmocka_unit_test(workforce_template),
        cmocka_unit_test(band_and_correlation),
        cmocka_unit_test(kansas_mass_point),
        cmocka_unit_test(top_coded_physicians),
        cmocka_unit_test(cap_of_2019),
        cmocka_unit_test(cap_from_the_workbook),
        cmocka_unit_test(groups_and_areas),
        cmocka_unit_test(csv_quoting),
        cmocka_unit_test(csv_errors),
        cmocka_unit_test(cr_line_ends),
        cmocka_unit_test(annual_hourly),
        cmocka_unit_test(duplicates),
        cmocka_unit_test(profile_lookup),
        cmocka_unit_test(row_limit),
        cmocka_unit_test(nul_bytes),
        cmocka_unit_test(profile_errors),
        cmocka_unit_test(corrupt_xlsx),
        cmocka_unit_test(made_workbooks),
        cmocka_unit_test(hostile_workbooks),
        cmocka_unit_test(big_workbook_from_pipe),
        cmocka_unit_test(io_errors),
        cmocka_unit_test(pipes),
        cmocka_unit_test(fifo),
        cmocka_unit_test(folders),
        cmocka_unit_test(signals),
        cmocka_unit_test(ep_tables),
        cmocka_unit_test(ep_profile),
        cmocka_unit_test(ep_errors),
        cmocka_unit_test(ep_refusals),
        cmocka_unit_test(ep_many_codes),
        cmocka_unit_test(ep_real_layouts),
        cmocka_unit_test(templates),
        cmocka_unit_test(shared_table),
    };
    int failed;

    /* libxml2's global tables set up first and freed last, as libxml2
     * asks of its programs, so that valgrind sees no memory left */
    xmlInitParser();
    failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
