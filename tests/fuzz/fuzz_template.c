/* fuzz_template.c - libFuzzer target for ladder templates
 * (lib/bls/ladder_template.c on the library's own JSON parser). Any input
 * is loaded as a template, from a file as career_ladder_template_load_file
 * reads it: a failure must leave *out NULL and say why, naming the file. A
 * template that loads must keep what career.h promises (2 to
 * CAREER_MAX_TIERS tiers, whole UTF-8 names, percentiles in (0, 1) and
 * increasing, years increasing from 0 with each anchor inside its span)
 * and make, from a fixed OEWS row, a profile that is valid and loads back
 * from its JSON, or fail saying why. */
#include "bls/bls.h"
#include "career.h"
#include "fuzz_locale.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One occupation's wages (May 2018, 15-1133), hourly and annual. */
static const char oews_csv[] =
    "AREA,AREA_TITLE,NAICS,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,"
    "H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,"
    "A_PCT75,A_PCT90,ANNUAL,HOURLY\r\n"
    "99,U.S.,000000,1235,15-1133,Developers,detailed,\"405,330\",32.09,"
    "41.16,52.89,67.09,80.27,\"66,740\",\"85,610\",\"110,000\","
    "\"139,550\",\"166,960\",,\r\n";

static career_oews_table *table;  /* opened once: one thread */
static char path[] = "/tmp/career-fuzz-template-XXXXXX";
static int fd = -1;

static void remove_scratch(void)
{
    unlink(path);
}

/* The input as the file the loader reads (one file, rewritten). */
static void write_scratch(const uint8_t *data, size_t size)
{
    if (fd < 0) {
        if ((fd = mkstemp(path)) < 0)
            abort();
        atexit(remove_scratch);
    }
    if (ftruncate(fd, 0) != 0 ||
        (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        abort();
}

/* A NUL inside the buffer, and UTF-8 before it. */
static int text_ok(const char *s, size_t size)
{
    const char *end = memchr(s, '\0', size);

    return end && careerp_utf8_valid(s, (size_t)(end - s));
}

static int in_unit(double p)
{
    return p > 0.0 && p < 1.0;
}

/* What career.h and bls.h say a loaded template is. */
static void check_template(const career_ladder_template *t)
{
    size_t i, last = 0;

    if (t->n < 2 || t->n > CAREER_MAX_TIERS ||
        !text_ok(t->name, sizeof t->name) ||
        !text_ok(t->assumption, sizeof t->assumption) ||
        !(t->peak_years >= 0.0 && t->peak_years <= 100.0) ||
        !(t->band == CAREER_BAND_POWER || t->band == CAREER_BAND_COPULA) ||
        !(t->rho >= CAREERP_MIN_RHO && t->rho <= 1.0) ||
        !in_unit(t->percentile[0]) || !in_unit(t->percentile[t->n - 1]))
        abort();
    for (i = 0; i < t->n; i++) {
        if (!text_ok(t->tier[i], sizeof t->tier[i]) || !t->tier[i][0] ||
            isnan(t->percentile[i]) == isnan(t->between[i]) ||
            (isnan(t->percentile[i]) && !in_unit(t->between[i])))
            abort();
        if (!t->workforce &&
            (!(t->min_years[i] >= 0.0 && t->anchor_years[i] <= 100.0) ||
             (i == 0 && t->min_years[0] != 0.0) ||
             (i > 0 && !(t->min_years[i] > t->min_years[i - 1] &&
                         t->anchor_years[i] > t->anchor_years[i - 1] &&
                         t->anchor_years[i - 1] < t->min_years[i]))))
            abort();
        if (i > 0 && !isnan(t->percentile[i])) {
            if (!in_unit(t->percentile[i]) ||
                !(t->percentile[i] > t->percentile[last]))
                abort();
            last = i;
        }
    }
}

/* The template's profile of the fixed row: valid, and the same profile
 * once written as JSON and read back; or a failure that says why. */
static void check_profile(const career_ladder_template *t)
{
    career_profile *p = NULL, *back = NULL;
    career_error err;
    char *json = NULL;
    size_t i;

    if (career_oews_profile(table, "15-1133", NULL, t, NULL, &p, &err) !=
        CAREER_OK) {
        if (p || !err.text[0])
            abort();
        return;
    }
    if (p->ntiers != t->n || career_profile_validate(p, NULL) != CAREER_OK ||
        career_profile_to_json(p, &json, NULL) != CAREER_OK ||
        career_profile_load_string(json, NULL, &back, NULL) != CAREER_OK ||
        back->ntiers != p->ntiers)
        abort();
    for (i = 0; i < p->ntiers; i++)
        if (strcmp(back->tiers[i].name, p->tiers[i].name) != 0 ||
            back->tiers[i].salary != p->tiers[i].salary ||
            back->tiers[i].anchor_years != p->tiers[i].anchor_years)
            abort();
    free(json);
    career_profile_free(back);
    career_profile_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    career_ladder_template *t = (career_ladder_template *)(uintptr_t)1;
    career_error err;
    career_status st;

    if (!table && career_oews_open_memory(oews_csv, sizeof oews_csv - 1,
                                          "fixed.csv", NULL, &table,
                                          NULL) != CAREER_OK)
        abort();
    write_scratch(data, size);
    st = career_ladder_template_load_file(path, &t, &err);
    if (st != CAREER_OK) {
        if (t || err.status != st || !err.text[0] ||
            (st == CAREER_ERR_PARSE && strcmp(err.source, path) != 0))
            abort();
        return 0;
    }
    check_template(t);
    check_profile(t);
    career_ladder_template_free(t);
    return 0;
}
