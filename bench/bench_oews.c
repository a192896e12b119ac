/* bench_oews.c - importing a BLS OEWS table of the full layout: a synthetic
 * all_data file of 400,000 rows (400 areas x 1,000 occupations and groups,
 * 32 columns, as BLS publishes them), read for one area, and a profile
 * built for every detailed occupation of that area (830), from CSV and
 * from .xlsx (shared strings, deflated, as Excel writes them).
 *
 * Each format runs REPEATS times; the table gives the median and the range
 * (fastest to slowest) of the whole import, and of its two parts. Memory:
 * the peak resident set (VmHWM, reset through /proc/self/clear_refs) above
 * the resident set before the run, in a child process of its own, for the
 * 400,000-row file and for a 40,000-row one: reading streams, so the two differ by little, whatever
 * the file's size; only the 830 rows kept stay. The files are written to
 * the folder given as the first argument (default /tmp) and removed.
 * Targets (issue 13): <= 1 s from CSV, <= 15 s from .xlsx. Where
 * BENCH_PYTHON (default /usr/bin/python3) has openpyxl, its read-only
 * reader goes over the 40,000-row workbook too, in rounds with ours, on
 * CPU time (issue 21: >= 50x). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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
    double open, profiles, total; /* seconds */
    size_t kept, made;
    long peak_kib; /* above the resident set before */
} timing;

/* Opens path for area 99 and builds a profile for every row kept. */
static int import(const char *path, timing *t)
{
    career_oews_options o = {0};
    career_oews_table *table = NULL;
    career_oews_entry e;
    career_profile *p;
    career_error err;
    long base = bench_status_kib("VmRSS:");
    int reset = bench_reset_peak();
    double t0 = bench_now(), t1;
    size_t i;

    o.area = "99";
    if (career_oews_open(path, &o, &table, &err) != CAREER_OK) {
        fprintf(stderr, "bench_oews: %s:%d: %s\n", err.source, err.line,
                err.text);
        return -1;
    }
    t1 = bench_now();
    t->kept = career_oews_count(table);
    t->made = 0;
    for (i = 0; i < t->kept; i++) {
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
    t->total = bench_now() - t0;
    t->profiles = t->total - t->open;
    t->peak_kib = reset == 0 ? bench_status_kib("VmHWM:") - base : -1;
    career_oews_close(table);
    return 0;
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

typedef struct summary {
    double median[3], lo[3], hi[3]; /* total, open, profiles */
    size_t kept, made;
} summary;

static int measure(const char *path, int repeats, summary *s)
{
    double v[3][REPEATS];
    timing t;
    int r, k;

    for (r = 0; r < repeats; r++) {
        if (import(path, &t) != 0)
            return -1;
        v[0][r] = t.total;
        v[1][r] = t.open;
        v[2][r] = t.profiles;
    }
    for (k = 0; k < 3; k++) {
        bench_sort(v[k], (size_t)repeats);
        s->median[k] = v[k][repeats / 2];
        s->lo[k] = v[k][0];
        s->hi[k] = v[k][repeats - 1];
    }
    s->kept = t.kept;
    s->made = t.made;
    return 0;
}

static void print_row(const char *name, const summary *s, double target)
{
    printf("%-6s total %6.3f s (%.3f-%.3f), open %6.3f (%.3f-%.3f), "
           "profiles %.3f (%.3f-%.3f); %zu rows kept, %zu profiles: %s "
           "(target %g s)\n",
           name, s->median[0], s->lo[0], s->hi[0], s->median[1], s->lo[1],
           s->hi[1], s->median[2], s->lo[2], s->hi[2], s->kept, s->made,
           s->median[0] <= target ? "within" : "OVER", target);
}

/* ---- openpyxl ----------------------------------------------------------- */

/* openpyxl's read-only reader, every row of the workbook at path, in
 * BENCH_PYTHON (default /usr/bin/python3): its CPU seconds, its import
 * left out, or -1 where python has no openpyxl. */
static double openpyxl_cpu(const char *path)
{
    const char *python = getenv("BENCH_PYTHON");
    char cmd[1024];
    double s = -1;
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
    if (fscanf(p, "%lf", &s) != 1)
        s = -1;
    pclose(p);
    return s;
}

/* The CPU seconds of our import of path (the whole of it: open and
 * profiles), or -1. */
static double import_cpu(const char *path)
{
    clock_t t0 = clock();
    timing t;

    if (import(path, &t) != 0)
        return -1;
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* The ratio openpyxl / libcareer on the 40,000-row workbook (openpyxl
 * takes about a minute on the 400,000): OPX_ROUNDS rounds, each of both,
 * on CPU time; median and range into r[3]. 0, or -1 without openpyxl. */
#define OPX_ROUNDS 3
static int openpyxl_ratio(const char *path, double r[3], double *ours,
                          double *theirs)
{
    double ratio[OPX_ROUNDS], a[OPX_ROUNDS], b[OPX_ROUNDS];
    int k;

    for (k = 0; k < OPX_ROUNDS; k++) {
        if ((b[k] = openpyxl_cpu(path)) < 0 || (a[k] = import_cpu(path)) <= 0)
            return -1;
        ratio[k] = b[k] / a[k];
    }
    bench_sort(ratio, OPX_ROUNDS);
    r[0] = ratio[OPX_ROUNDS / 2];
    r[1] = ratio[0];
    r[2] = ratio[OPX_ROUNDS - 1];
    *ours = bench_median(a, OPX_ROUNDS);
    *theirs = bench_median(b, OPX_ROUNDS);
    return 0;
}

int main(int argc, char *argv[])
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char csv[512], xlsx[512], csv_small[512], xlsx_small[512];
    summary c, x;
    long mc[2], mx[2];
    double opx[3], ours = 0, theirs = 0;
    int ok, have_opx = 0;

    snprintf(csv, sizeof csv, "%s/bench-oews-400k.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/bench-oews-400k.xlsx", dir);
    snprintf(csv_small, sizeof csv_small, "%s/bench-oews-40k.csv", dir);
    snprintf(xlsx_small, sizeof xlsx_small, "%s/bench-oews-40k.xlsx", dir);
    ok = write_csv(csv, AREAS) == 0 && write_xlsx(dir, xlsx, AREAS) == 0 &&
         write_csv(csv_small, AREAS / 10) == 0 &&
         write_xlsx(dir, xlsx_small, AREAS / 10) == 0;
    ok = ok && (mc[0] = peak_in_child(csv_small)) >= 0 &&
         (mc[1] = peak_in_child(csv)) >= 0 &&
         (mx[0] = peak_in_child(xlsx_small)) >= 0 &&
         (mx[1] = peak_in_child(xlsx)) >= 0 &&
         measure(csv, REPEATS, &c) == 0 && measure(xlsx, 3, &x) == 0;
    if (ok)
        have_opx = openpyxl_ratio(xlsx_small, opx, &ours, &theirs) == 0;
    unlink(csv);
    unlink(xlsx);
    unlink(csv_small);
    unlink(xlsx_small);
    if (!ok) {
        fprintf(stderr, "bench_oews: cannot write or import the tables\n");
        return 1;
    }
    printf("OEWS import: %d rows x 32 columns, area 99 kept, a profile for "
           "each detailed occupation; median (range) of %d (CSV) and 3 "
           "(.xlsx) runs\n", AREAS * OCCS, REPEATS);
    print_row("CSV", &c, 1.0);
    print_row(".xlsx", &x, 15.0);
    printf("peak memory above the start, 40,000 / 400,000 rows: CSV %.1f / "
           "%.1f MiB, .xlsx %.1f / %.1f MiB\n",
           (double)mc[0] / 1024.0, (double)mc[1] / 1024.0,
           (double)mx[0] / 1024.0, (double)mx[1] / 1024.0);
    if (have_opx)
        printf(".xlsx, 40,000 rows, CPU: openpyxl read-only %.2f s, "
               "libcareer %.3f s: %.0fx faster (%.0f-%.0f): %s (target "
               ">= 50x)\n", theirs, ours, opx[0], opx[1], opx[2],
               opx[0] >= 50 ? "within" : "UNDER");
    else
        printf(".xlsx against openpyxl: skipped (no openpyxl for "
               "BENCH_PYTHON; Debian: python3-openpyxl)\n");
    printf("libcareer oews_csv_s %.3f\nlibcareer oews_xlsx_s %.3f\n",
           c.median[0], x.median[0]);
    return c.median[0] <= 1.0 && x.median[0] <= 15.0 &&
                   (!have_opx || opx[0] >= 50)
               ? 0
               : 1;
}
