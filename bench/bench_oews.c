/* bench_oews.c - importing BLS tables of the full layout: a synthetic
 * all_data file of 400,000 rows (400 areas x 1,000 occupations and groups,
 * 32 columns, as BLS publishes them), read for one area, and a profile
 * built for every detailed occupation of that area (830), from CSV and
 * from .xlsx (shared strings, deflated, as Excel writes them); the
 * profiles of a table opened with no area filter, at 3,320 and 33,200
 * rows kept (a profile's cost must not grow with the table);
 * and an Employment Projections table of 100,000 distinct codes opened.
 *
 * The measures run in interleaved rounds (CSV and .xlsx, the two tables
 * without a filter, in an order shuffled each round), REPEATS of them (3
 * for .xlsx); the tables give the median and the range (fastest to
 * slowest) of CPU time, wall time beside it. Memory: the peak resident set
 * (VmHWM, reset through /proc/self/clear_refs) above the resident set
 * before the run, in a child process of its own, for the 400,000-row file
 * and for a 40,000-row one: reading streams, so the two differ by little,
 * whatever the file's size; only the 830 rows kept stay. The files are
 * written to a folder of their own (mkdtemp) in the folder given as the
 * first argument ($TMPDIR or /tmp by default), removed at the end.
 * Targets: <= 1 s from CSV, <= 15 s from .xlsx; a profile's
 * CPU at 33,200 rows <= 1.3x at 3,320, and 100,000 EP codes <= 0.2 s.
 * Where BENCH_PYTHON (make bench passes it; default
 * /usr/bin/python3) has openpyxl, its read-only reader goes over every row
 * of the 40,000-row workbook in rounds with our import of it, on CPU
 * time: >= 50x. Every row runs; the program exits 1 when one
 * missed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "bench.h"

#include "career.h"

#define AREAS 400
#define OCCS 1000   /* rows per area */
#define DETAILED 830
#define REPEATS 5

/* ---- the synthetic table ---------------------------------------------------- */

static const char *const header[32] = {
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE",
    "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
    "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT",
    "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN",
    "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75",
    "A_PCT90", "ANNUAL", "HOURLY"};

static const double shape[5] = {0.62, 0.79, 1.0, 1.27, 1.61};

/* One row's cells as text (the CSV's; numbers without separators). */
typedef struct row {
    char area[24], area_title[64], occ[24], occ_title[64], emp[24];
    const char *group;
    char hour[5][24], year[5][24];
} row;

static void make_row(long area, long j, row *r)
{
    double median = 28000.0 + (double)((j * 7919) % 160000);
    int k;

    if (area == 0) {
        strcpy(r->area, "99");
        strcpy(r->area_title, "U.S.");
    } else {
        snprintf(r->area, sizeof r->area, "%ld", area < 57 ? area : 10000 + area);
        snprintf(r->area_title, sizeof r->area_title, "Synthetic area %ld", area);
    }
    snprintf(r->occ, sizeof r->occ, "%02ld-%04ld", 11 + (j % 12) * 4,
             1000 + j);
    snprintf(r->occ_title, sizeof r->occ_title, "Occupation %ld, synthetic", j);
    r->group = j < DETAILED ? "detailed"
               : j % 3 == 0 ? "broad" : j % 3 == 1 ? "minor" : "major";
    if (j % 97 == 5)
        strcpy(r->emp, "**");
    else
        snprintf(r->emp, sizeof r->emp, "%ld", 1000 + (j * 31 + area) % 90000);
    for (k = 0; k < 5; k++) {
        double y = median * shape[k];
        if (k == 4 && j % 53 == 7) { /* top-coded */
            strcpy(r->year[k], "#");
            strcpy(r->hour[k], "#");
            continue;
        }
        snprintf(r->year[k], sizeof r->year[k], "%.0f", y);
        snprintf(r->hour[k], sizeof r->hour[k], "%.2f", y / 2080.0);
    }
}

/* "12345" as "12,345", as BLS writes money and counts. */
static void thousands(const char *in, char *out)
{
    size_t n = strlen(in), i, o = 0;

    for (i = 0; i < n; i++) {
        out[o++] = in[i];
        if (in[0] != '*' && in[0] != '#' && n - i - 1 > 0 &&
            (n - i - 1) % 3 == 0)
            out[o++] = ',';
    }
    out[o] = '\0';
}

static int write_csv(const char *path, long areas)
{
    FILE *f = fopen(path, "w");
    char a[32], b[32];
    long area, j;
    int k;
    row r;

    if (!f)
        return -1;
    for (k = 0; k < 32; k++)
        fprintf(f, "%s%s", header[k], k < 31 ? "," : "\r\n");
    for (area = 0; area < areas; area++)
        for (j = 0; j < OCCS; j++) {
            make_row(area, j, &r);
            thousands(r.emp, a);
            fprintf(f, "%s,%s,%d,XX,000000,Cross-industry,cross-industry,1235,"
                       "%s,\"%s\",%s,\"%s\",1.2,0.5,1.1,0.01,100,%s,\"%s\",0.6",
                    r.area, r.area_title, area == 0 ? 1 : area < 57 ? 2 : 4,
                    r.occ, r.occ_title, r.group, a, r.hour[2], r.year[2]);
            for (k = 0; k < 5; k++)
                fprintf(f, ",%s", r.hour[k]);
            for (k = 0; k < 5; k++) {
                thousands(r.year[k], b);
                fprintf(f, ",\"%s\"", b);
            }
            fputs(",,\r\n", f);
        }
    return fclose(f);
}

/* Shared strings: the header, the fixed texts, then each area's title and
 * each occupation's title. */
enum { SST_FIXED = 32, S_XX = 32, S_CROSS, S_CROSSI, S_DETAILED, S_BROAD,
       S_MINOR, S_MAJOR, S_NA2, S_TOP, S_ZERO, S_US, SST_AREAS };

static void xml_cell_s(FILE *f, const char *col, long r, long s)
{
    fprintf(f, "<c r=\"%s%ld\" t=\"s\"><v>%ld</v></c>", col, r, s);
}

static void xml_cell_text(FILE *f, const char *col, long r, const char *text)
{
    if (text[0] == '*' || text[0] == '#' || text[0] == '\0')
        xml_cell_s(f, col, r, text[0] == '#' ? S_TOP : S_NA2);
    else
        fprintf(f, "<c r=\"%s%ld\"><v>%s</v></c>", col, r, text);
}

static const char *const cols[32] = {
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
    "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "AA", "AB",
    "AC", "AD", "AE", "AF"};

static void sheet_row(FILE *f, long area, long j, long number)
{
    static const int groups[4] = {S_DETAILED, S_BROAD, S_MINOR, S_MAJOR};
    row r;
    int k;

    make_row(area, j, &r);
    fprintf(f, "<row r=\"%ld\">", number);
    xml_cell_text(f, "A", number, r.area);
    xml_cell_s(f, "B", number, area == 0 ? S_US : SST_AREAS + area);
    fprintf(f, "<c r=\"C%ld\"><v>%d</v></c>", number,
            area == 0 ? 1 : area < 57 ? 2 : 4);
    xml_cell_s(f, "D", number, S_XX);
    xml_cell_s(f, "E", number, S_ZERO);
    xml_cell_s(f, "F", number, S_CROSS);
    xml_cell_s(f, "G", number, S_CROSSI);
    fprintf(f, "<c r=\"H%ld\"><v>1235</v></c>", number);
    fprintf(f, "<c r=\"I%ld\" t=\"inlineStr\"><is><t>%s</t></is></c>", number,
            r.occ);
    xml_cell_s(f, "J", number, SST_AREAS + AREAS + j);
    xml_cell_s(f, "K", number,
               groups[j < DETAILED ? 0 : 1 + j % 3]);
    xml_cell_text(f, "L", number, r.emp);
    for (k = 12; k < 17; k++)
        fprintf(f, "<c r=\"%s%ld\"><v>1.5</v></c>", cols[k], number);
    xml_cell_text(f, "R", number, r.hour[2]);
    xml_cell_text(f, "S", number, r.year[2]);
    fprintf(f, "<c r=\"T%ld\"><v>0.6</v></c>", number);
    for (k = 0; k < 5; k++)
        xml_cell_text(f, cols[20 + k], number, r.hour[k]);
    for (k = 0; k < 5; k++)
        xml_cell_text(f, cols[25 + k], number, r.year[k]);
    fputs("</row>", f);
}

static int write_sheet(const char *path, long areas)
{
    FILE *f = fopen(path, "w");
    long area, j, number = 1;
    int k;

    if (!f)
        return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
          "2006/main\"><sheetData><row r=\"1\">", f);
    for (k = 0; k < 32; k++)
        xml_cell_s(f, cols[k], 1, k);
    fputs("</row>", f);
    for (area = 0; area < areas; area++)
        for (j = 0; j < OCCS; j++)
            sheet_row(f, area, j, ++number);
    fputs("</sheetData></worksheet>", f);
    return fclose(f);
}

static int write_sst(const char *path)
{
    static const char *const fixed[] = {
        "XX", "Cross-industry", "cross-industry", "detailed", "broad",
        "minor", "major", "**", "#", "000000", "U.S."};
    FILE *f = fopen(path, "w");
    long i;

    if (!f)
        return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://"
          "schemas.openxmlformats.org/spreadsheetml/2006/main\">", f);
    for (i = 0; i < 32; i++)
        fprintf(f, "<si><t>%s</t></si>", header[i]);
    for (i = 0; i < 11; i++)
        fprintf(f, "<si><t>%s</t></si>", fixed[i]);
    for (i = 0; i < AREAS; i++)
        fprintf(f, "<si><t>Synthetic area %ld</t></si>", i);
    for (i = 0; i < OCCS; i++)
        fprintf(f, "<si><t>Occupation %ld, synthetic</t></si>", i);
    fputs("</sst>", f);
    return fclose(f);
}

static int add_text(zip_t *z, const char *name, const char *text)
{
    zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
    return s && zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0 ? 0 : -1;
}

static int add_file(zip_t *z, const char *name, const char *path)
{
    zip_source_t *s = zip_source_file(z, path, 0, -1);
    zip_int64_t i;

    if (!s || (i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE)) < 0)
        return -1;
    /* level 1: the archive is written fast; reading costs the same */
    return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 1);
}

#define OXML "http://schemas.openxmlformats.org/"
#define SSML OXML "spreadsheetml/2006/main"
#define OREL OXML "officeDocument/2006/relationships"
#define CT "application/vnd.openxmlformats-officedocument.spreadsheetml."

static const char content_types[] =
    "<Types xmlns=\"" OXML "package/2006/content-types\"><Default "
    "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
    "package.relationships+xml\"/><Default Extension=\"xml\" ContentType="
    "\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"" CT "sheet.main+xml\"/><Override PartName=\"/xl/"
    "worksheets/sheet1.xml\" ContentType=\"" CT "worksheet+xml\"/>"
    "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" CT
    "sharedStrings+xml\"/></Types>";
static const char package_rels[] =
    "<Relationships xmlns=\"" OXML "package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" OREL "/officeDocument\" Target="
    "\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] =
    "<Relationships xmlns=\"" OXML "package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" OREL "/worksheet\" Target=\""
    "worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" OREL
    "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";

static int write_xlsx(const char *dir, const char *path, long areas)
{
    char sheet[512], sst[512];
    int err = 0, bad;
    zip_t *z;

    snprintf(sheet, sizeof sheet, "%s/bench-oews-sheet.xml", dir);
    snprintf(sst, sizeof sst, "%s/bench-oews-sst.xml", dir);
    if (write_sheet(sheet, areas) || write_sst(sst) ||
        !(z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)))
        return -1;
    /* a whole package, as Excel writes it, that openpyxl reads too */
    bad = add_text(z, "[Content_Types].xml", content_types) ||
          add_text(z, "_rels/.rels", package_rels) ||
          add_text(z, "xl/workbook.xml",
                   "<workbook xmlns=\"" SSML "\" xmlns:r=\"" OREL "\">"
                   "<sheets><sheet name=\"All May 2023 data\" sheetId=\"1\""
                   " r:id=\"rId1\"/></sheets></workbook>") ||
          add_text(z, "xl/_rels/workbook.xml.rels", workbook_rels) ||
          add_file(z, "xl/worksheets/sheet1.xml", sheet) ||
          add_file(z, "xl/sharedStrings.xml", sst);
    bad |= zip_close(z) != 0;
    unlink(sheet);
    unlink(sst);
    return bad ? -1 : 0;
}

/* ---- measuring -------------------------------------------------------------- */

typedef struct timing {
    double open, profiles, total; /* CPU seconds */
    double wall;                  /* the whole import's wall seconds */
    size_t kept, made;
    long peak_kib; /* above the resident set before */
} timing;

/* Opens path for `area` (NULL: every area) and builds a profile for every
 * `step`-th row kept. */
static int import_area(const char *path, const char *area, size_t step,
                       timing *t)
{
    career_oews_options o = {0};
    career_oews_table *table = NULL;
    career_oews_entry e;
    career_profile *p;
    career_error err;
    long base = bench_status_kib("VmRSS:");
    int reset = bench_reset_peak();
    double w0 = bench_now(), t0 = bench_cpu(), t1;
    size_t i;

    o.area = area;
    if (career_oews_open(path, &o, &table, &err) != CAREER_OK) {
        fprintf(stderr, "bench_oews: %s:%d: %s\n", err.source, err.line,
                err.text);
        return -1;
    }
    t1 = bench_cpu();
    t->kept = career_oews_count(table);
    t->made = 0;
    for (i = 0; i < t->kept; i += step) {
        if (career_oews_entry_at(table, i, &e) != CAREER_OK)
            return -1;
        if (career_oews_profile(table, e.occ_code, e.area_code, NULL, NULL, &p,
                                &err) != CAREER_OK) {
            fprintf(stderr, "bench_oews: %s: %s\n", e.occ_code, err.text);
            return -1;
        }
        career_profile_free(p);
        t->made++;
    }
    t->open = t1 - t0;
    t->total = bench_cpu() - t0;
    t->wall = bench_now() - w0;
    t->profiles = t->total - t->open;
    t->peak_kib = reset == 0 ? bench_status_kib("VmHWM:") - base : -1;
    career_oews_close(table);
    return 0;
}

static int import(const char *path, timing *t)
{
    return import_area(path, "99", 1, t);
}

/* The peak memory of one import, in a child process of its own, so that
 * no earlier run's freed memory hides it; -1 on failure. */
static long peak_in_child(const char *path)
{
    int fd[2], status;
    long kib = -1;
    timing t;
    pid_t pid;

    if (pipe(fd) != 0)
        return -1;
    if ((pid = fork()) == 0) {
        kib = import(path, &t) == 0 ? t.peak_kib : -1;
        _exit(write(fd[1], &kib, sizeof kib) == (ssize_t)sizeof kib ? 0 : 1);
    }
    close(fd[1]);
    if (pid < 0 || read(fd[0], &kib, sizeof kib) != (ssize_t)sizeof kib)
        kib = -1;
    close(fd[0]);
    if (pid > 0)
        waitpid(pid, &status, 0);
    return kib;
}

/* A measure's rounds: CPU seconds of the whole, its open and its
 * profiles, and the whole's wall seconds. */
typedef struct series {
    double v[4][REPEATS];
    int n;
    size_t kept, made;
} series;

static void add(series *s, const timing *t)
{
    s->v[0][s->n] = t->total;
    s->v[1][s->n] = t->open;
    s->v[2][s->n] = t->profiles;
    s->v[3][s->n] = t->wall;
    s->n++;
    s->kept = t->kept;
    s->made = t->made;
}

static bench_spread part(const series *s, int k)
{
    double v[REPEATS];
    memcpy(v, s->v[k], sizeof v);
    return bench_spread_of(v, (size_t)s->n);
}

static int misses;

static void print_row(const char *name, const series *s, double target)
{
    bench_spread a = part(s, 0), o = part(s, 1), p = part(s, 2);
    bench_spread w = part(s, 3);
    int met = a.median <= target;

    printf("%-6s CPU %6.3f s (%.3f-%.3f), wall %.3f: open %.3f (%.3f-%.3f), "
           "profiles %.3f (%.3f-%.3f); %zu rows kept, %zu profiles: %s "
           "(target %g s CPU)\n",
           name, a.median, a.lo, a.hi, w.median, o.median, o.lo, o.hi,
           p.median, p.lo, p.hi, s->kept, s->made,
           met ? "met" : "MISSED", target);
    misses += !met;
}

/* ---- an Employment Projections table ---------------------------------------- */

#define EP_CODES 100000

static int write_ep(const char *path)
{
    FILE *f = fopen(path, "w");
    long i;

    if (!f)
        return -1;
    fputs("\"Table 1.2 Employment by detailed occupation\"\n"
          "Title,Code,\"Employment change, percent, 2024-34\","
          "\"Occupational separations rate, 2024-34\"\n", f);
    for (i = 0; i < EP_CODES; i++)
        fprintf(f, "\"Occupation %ld\",%02ld-%04ld,%ld.%ld,%ld.%ld\n", i,
                i / 10000, i % 10000, i % 97 / 10, i % 10, 5 + i % 7, i % 10);
    return fclose(f);
}

/* Opens the EP table REPEATS times: CPU and wall seconds. */
static int ep_rounds(const char *path, double *cpu, double *wall)
{
    int r;

    for (r = 0; r < REPEATS; r++) {
        career_ep_table *ep = NULL;
        career_error err;
        double w0 = bench_now(), c0 = bench_cpu();
        if (career_ep_open(path, &ep, &err) != CAREER_OK ||
            career_ep_count(ep) != EP_CODES) {
            fprintf(stderr, "bench_oews: %s: %s\n", path, err.text);
            career_ep_close(ep);
            return -1;
        }
        cpu[r] = bench_cpu() - c0;
        wall[r] = bench_now() - w0;
        career_ep_close(ep);
    }
    return 0;
}

/* ---- the files --------------------------------------------------------------- */

typedef struct files {
    char dir[400];
    char csv[512], xlsx[512], csv_small[512], xlsx_small[512];
    char csv_4[512], ep[512];
} files;

static int make_files(files *f, const char *parent)
{
    snprintf(f->dir, sizeof f->dir, "%s/bench-oews-XXXXXX", parent);
    if (!mkdtemp(f->dir)) {
        perror(f->dir);
        f->dir[0] = '\0';
        return -1;
    }
    snprintf(f->csv, sizeof f->csv, "%s/400k.csv", f->dir);
    snprintf(f->xlsx, sizeof f->xlsx, "%s/400k.xlsx", f->dir);
    snprintf(f->csv_small, sizeof f->csv_small, "%s/40k.csv", f->dir);
    snprintf(f->xlsx_small, sizeof f->xlsx_small, "%s/40k.xlsx", f->dir);
    snprintf(f->csv_4, sizeof f->csv_4, "%s/4k.csv", f->dir);
    snprintf(f->ep, sizeof f->ep, "%s/ep.csv", f->dir);
    return write_csv(f->csv, AREAS) == 0 &&
                   write_xlsx(f->dir, f->xlsx, AREAS) == 0 &&
                   write_csv(f->csv_small, AREAS / 10) == 0 &&
                   write_xlsx(f->dir, f->xlsx_small, AREAS / 10) == 0 &&
                   write_csv(f->csv_4, AREAS / 100) == 0 &&
                   write_ep(f->ep) == 0
               ? 0
               : -1;
}

static void remove_files(const files *f)
{
    char part[512];

    if (!f->dir[0])
        return;
    snprintf(part, sizeof part, "%s/bench-oews-sheet.xml", f->dir);
    unlink(part);
    snprintf(part, sizeof part, "%s/bench-oews-sst.xml", f->dir);
    unlink(part);
    unlink(f->csv);
    unlink(f->xlsx);
    unlink(f->csv_small);
    unlink(f->xlsx_small);
    unlink(f->csv_4);
    unlink(f->ep);
    rmdir(f->dir);
}

/* ---- openpyxl -------------------------------------------------------------- */

/* openpyxl's read-only reader over every row of the workbook at path, in
 * BENCH_PYTHON: its CPU seconds (its import left out), or -1 where that
 * python has no openpyxl. */
static double openpyxl_cpu(const char *path)
{
    const char *python = getenv("BENCH_PYTHON");
    char cmd[1024];
    double sec = -1;
    FILE *p;

    snprintf(cmd, sizeof cmd,
             "'%s' -c 'import sys, time\n"
             "from openpyxl import load_workbook\n"
             "t = time.process_time()\n"
             "wb = load_workbook(sys.argv[1], read_only=True)\n"
             "n = sum(1 for r in wb.worksheets[0].iter_rows(values_only=True))"
             "\nprint(time.process_time() - t, n)' '%s' 2>/dev/null",
             python && *python ? python : "/usr/bin/python3", path);
    if (!(p = popen(cmd, "r")))
        return -1;
    if (fscanf(p, "%lf", &sec) != 1)
        sec = -1;
    pclose(p);
    return sec;
}

#define OPX_ROUNDS 3

/* openpyxl against our import (open and profiles) of the 40,000-row
 * workbook (openpyxl takes a minute on the 400,000), OPX_ROUNDS rounds,
 * in a shuffled order each: the CPU ratios, openpyxl's seconds and ours.
 * 0, or -1 without openpyxl. */
static int openpyxl_rounds(const char *path, uint64_t *rng, double *ratio,
                           double *theirs, double *ours)
{
    int order[2] = {0, 1}, r, k;
    timing t;

    for (r = 0; r < OPX_ROUNDS; r++) {
        bench_shuffle(order, 2, rng);
        for (k = 0; k < 2; k++) {
            if (order[k] == 0 && (theirs[r] = openpyxl_cpu(path)) < 0)
                return -1;
            if (order[k] == 1) {
                if (import(path, &t) != 0)
                    return -1;
                ours[r] = t.total;
            }
        }
        ratio[r] = theirs[r] / ours[r];
    }
    return 0;
}

static void print_openpyxl(double *ratio, double *theirs, double *ours)
{
    bench_spread r = bench_spread_of(ratio, OPX_ROUNDS);
    bench_spread a = bench_spread_of(theirs, OPX_ROUNDS);
    bench_spread b = bench_spread_of(ours, OPX_ROUNDS);
    int met = r.median >= 50;

    printf(".xlsx, 40,000 rows, CPU: openpyxl read-only %.2f s (%.2f-%.2f), "
           "libcareer %.3f s (%.3f-%.3f): %.0fx faster (%.0f-%.0f): %s "
           "(target >= 50x)\n", a.median, a.lo, a.hi, b.median, b.lo, b.hi,
           r.median, r.lo, r.hi, met ? "met" : "MISSED");
    misses += !met;
}

/* ---- the rounds ------------------------------------------------------------- */

enum { M_CSV, M_XLSX, M_ALL_SMALL, M_ALL_LARGE, NMEASURES };

/* One round of every measure, in a shuffled order (.xlsx in the first 3
 * rounds only); the tables without a filter make a profile for every row
 * (3,320) and every 10th row (3,320 of 33,200). */
static int run_round(const files *f, int round, series *s, uint64_t *rng)
{
    int order[NMEASURES] = {M_CSV, M_XLSX, M_ALL_SMALL, M_ALL_LARGE}, k;
    timing t;

    bench_shuffle(order, NMEASURES, rng);
    for (k = 0; k < NMEASURES; k++) {
        int m = order[k], rc;
        if (m == M_XLSX && round >= 3)
            continue;
        rc = m == M_CSV       ? import(f->csv, &t)
             : m == M_XLSX    ? import(f->xlsx, &t)
             : m == M_ALL_SMALL ? import_area(f->csv_4, NULL, 1, &t)
                                : import_area(f->csv_small, NULL, 10, &t);
        if (rc != 0)
            return -1;
        add(&s[m], &t);
    }
    return 0;
}

/* The profiles of the tables with no area filter: CPU per profile at
 * 3,320 and 33,200 rows kept, and the rounds' own ratios. */
static void print_growth(const series *s)
{
    double r[REPEATS], a[REPEATS], b[REPEATS];
    bench_spread rs, as, bs;
    int i, n = s[M_ALL_SMALL].n, met;

    for (i = 0; i < n; i++) {
        a[i] = 1e6 * s[M_ALL_SMALL].v[2][i] / (double)s[M_ALL_SMALL].made;
        b[i] = 1e6 * s[M_ALL_LARGE].v[2][i] / (double)s[M_ALL_LARGE].made;
        r[i] = b[i] / a[i];
    }
    as = bench_spread_of(a, (size_t)n);
    bs = bench_spread_of(b, (size_t)n);
    rs = bench_spread_of(r, (size_t)n);
    met = rs.median <= 1.3;
    printf("no area filter: a profile takes %.1f us CPU (%.1f-%.1f) at "
           "%zu rows kept, %.1f (%.1f-%.1f) at %zu: %.2fx (%.2f-%.2f): %s "
           "(target <= 1.3x: no scan of the table)\n",
           as.median, as.lo, as.hi, s[M_ALL_SMALL].kept, bs.median, bs.lo,
           bs.hi, s[M_ALL_LARGE].kept, rs.median, rs.lo, rs.hi,
           met ? "met" : "MISSED");
    misses += !met;
}

static void print_ep(const double *cpu, const double *wall)
{
    double c[REPEATS], w[REPEATS];
    bench_spread cs, ws;
    int met;

    memcpy(c, cpu, sizeof c);
    memcpy(w, wall, sizeof w);
    cs = bench_spread_of(c, REPEATS);
    ws = bench_spread_of(w, REPEATS);
    met = cs.median <= 0.2;
    printf("EP table of %d distinct codes: open %.3f s CPU (%.3f-%.3f), "
           "wall %.3f: %s (target <= 0.2 s)\n", EP_CODES, cs.median, cs.lo,
           cs.hi, ws.median, met ? "met" : "MISSED");
    misses += !met;
}

int main(int argc, char *argv[])
{
    const char *tmp = getenv("TMPDIR");
    const char *parent = argc > 1 ? argv[1] : tmp && *tmp ? tmp : "/tmp";
    static series s[NMEASURES];
    double ep_cpu[REPEATS], ep_wall[REPEATS];
    double opx[OPX_ROUNDS], theirs[OPX_ROUNDS], ours[OPX_ROUNDS];
    uint64_t rng = 0x2385ULL;
    int have_opx = 0;
    long mc[2], mx[2];
    files f;
    int ok, r;

    if (make_files(&f, parent) != 0) {
        fprintf(stderr, "bench_oews: cannot write the tables in %s\n",
                parent);
        remove_files(&f);
        return 1;
    }
    bench_machine("start");
    ok = (mc[0] = peak_in_child(f.csv_small)) >= 0 &&
         (mc[1] = peak_in_child(f.csv)) >= 0 &&
         (mx[0] = peak_in_child(f.xlsx_small)) >= 0 &&
         (mx[1] = peak_in_child(f.xlsx)) >= 0;
    for (r = 0; ok && r < REPEATS; r++)
        ok = run_round(&f, r, s, &rng) == 0;
    ok = ok && ep_rounds(f.ep, ep_cpu, ep_wall) == 0;
    if (ok)
        have_opx = openpyxl_rounds(f.xlsx_small, &rng, opx, theirs, ours) == 0;
    remove_files(&f);
    if (!ok) {
        fprintf(stderr, "bench_oews: cannot import the tables\n");
        return 1;
    }
    printf("OEWS import: %d rows x 32 columns, area 99 kept, a profile for "
           "each detailed occupation; median (range) of %d (CSV) and 3 "
           "(.xlsx) interleaved rounds\n", AREAS * OCCS, REPEATS);
    print_row("CSV", &s[M_CSV], 1.0);
    print_row(".xlsx", &s[M_XLSX], 15.0);
    printf("peak memory above the start, 40,000 / 400,000 rows: CSV %.1f / "
           "%.1f MiB, .xlsx %.1f / %.1f MiB\n",
           (double)mc[0] / 1024.0, (double)mc[1] / 1024.0,
           (double)mx[0] / 1024.0, (double)mx[1] / 1024.0);
    print_growth(s);
    print_ep(ep_cpu, ep_wall);
    if (have_opx)
        print_openpyxl(opx, theirs, ours);
    else
        printf(".xlsx against openpyxl: skipped (BENCH_PYTHON has no "
               "openpyxl; Debian: python3-openpyxl)\n");
    bench_machine("end");
    printf("libcareer oews_csv_s %.3f\nlibcareer oews_xlsx_s %.3f\n",
           part(&s[M_CSV], 0).median, part(&s[M_XLSX], 0).median);
    printf("\n%d target(s) missed\n", misses);
    return misses ? 1 : 0;
}
