/* plot.c - the tools' plots with PLplot (see cli.h); only the tools that
 * draw (career-project, career-ladder, career-merit) link it. */
#include "cli.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <fcntl.h>
#include <math.h>
#include <plplot.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_check_plot_path(cli *c, const char *opt, const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    char dir[4096];
    struct stat st;

    if (!dot || (slash && dot < slash) ||
        (strcasecmp(dot, ".svg") != 0 && strcasecmp(dot, ".png") != 0))
        cli_usage_error(c, "%s: '%s' must end in .svg or .png", opt, path);
    if (!slash) {
        snprintf(dir, sizeof dir, ".");
    } else if ((size_t)(slash - path) >= sizeof dir) {
        cli_data_error(c, "%s: path too long", path);
    } else {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
        if (dir[0] == '\0')
            snprintf(dir, sizeof dir, "/");
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        cli_data_error(c, "%s: no such folder '%s'", path, dir);
    if (access(dir, W_OK) != 0)
        cli_data_error(c, "%s: cannot write in '%s': %s", path, dir,
                       strerror(errno));
    if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || access(path, W_OK)))
        cli_data_error(c, "%s: cannot write this file", path);
}

/* ---- plots -------------------------------------------------------------- */

/* PLplot calls this before it exits the process on a fatal error. */
static const char *plot_tool = "career";
/* The plot being written: its temporary file, removed if PLplot exits. */
static career_replace *plot_file;
/* A target written in place (a device, a FIFO, /dev/stdout): PLplot draws
 * into a private file of ours, which is checked and then copied into the
 * target's stream, since PLplot opens a name itself (and /dev/stdout
 * opened again would be truncated) and a FIFO cannot be read back. */
static char plot_private[4096];
static void remove_private(void)
{
    if (plot_private[0])
        unlink(plot_private);
    plot_private[0] = '\0';
}

static int plot_exit(const char *message)
{
    fprintf(stderr, "%s: plotting failed: %s\n", plot_tool, message);
    career_replace_abort(plot_file);
    plot_file = NULL;
    remove_private();
    return 1;
}

static void range(const double *v, size_t n, double *lo, double *hi)
{
    size_t i;

    if (!v)
        return;
    for (i = 0; i < n; i++) {
        if (isfinite(v[i]) && v[i] < *lo)
            *lo = v[i];
        if (isfinite(v[i]) && v[i] > *hi)
            *hi = v[i];
    }
}

/* A band between lo and hi as one filled polygon. */
static void fill_band(const cli_plot *p, const double *lo, const double *hi,
                      double *px, double *py)
{
    size_t i, n = p->n;

    for (i = 0; i < n; i++) {
        px[i] = p->x[i];
        py[i] = hi[i];
        px[2 * n - 1 - i] = p->x[i];
        py[2 * n - 1 - i] = lo[i];
    }
    plfill((PLINT)(2 * n), px, py);
}

/* ---- text for PLplot ---------------------------------------------------- */

/* Whether some installed font has a glyph for code point u (fontconfig:
 * pango falls back to any font that has it). */
static int drawable(unsigned long u)
{
    static unsigned long cache_u[64];
    static int cache_ok[64], cached;
    FcPattern *pat;
    FcCharSet *cs;
    FcObjectSet *os;
    FcFontSet *fs;
    int i, ok = 0;

    if (u < 0x250) /* Latin: every font of the stack has it */
        return 1;
    for (i = 0; i < cached; i++)
        if (cache_u[i] == u)
            return cache_ok[i];
    pat = FcPatternCreate();
    cs = FcCharSetCreate();
    os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    if (pat && cs && os && FcCharSetAddChar(cs, (FcChar32)u) &&
        FcPatternAddCharSet(pat, FC_CHARSET, cs) &&
        (fs = FcFontList(NULL, pat, os)) != NULL) {
        ok = fs->nfont > 0;
        FcFontSetDestroy(fs);
    }
    if (os)
        FcObjectSetDestroy(os);
    if (cs)
        FcCharSetDestroy(cs);
    if (pat)
        FcPatternDestroy(pat);
    if (cached < 64) {
        cache_u[cached] = u;
        cache_ok[cached++] = ok;
    }
    return ok;
}

/* The UTF-8 sequence at s: its code point and length (1 for a bad byte,
 * read as U+FFFD). */
static size_t decode(const unsigned char *s, unsigned long *u)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2, i;

    if (s[0] < 0x80) {
        *u = s[0];
        return 1;
    }
    *u = s[0] & (0x3fu >> (n - 1));
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *u = 0xfffd;
            return 1;
        }
        *u = (*u << 6) | (s[i] & 0x3fu);
    }
    return n;
}

/* s as PLplot draws it verbatim: '#' (PLplot's escape) doubled, control
 * characters as \xHH, and characters no font has as U+XXXX. */
void cli_plot_text(const char *s, char *out, size_t size)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t j = 0, n;
    unsigned long cp;

    while (*u && j + 12 < size) {
        n = decode(u, &cp);
        if (cp == '#') {
            out[j++] = '#';
            out[j++] = '#';
        } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            j += (size_t)snprintf(out + j, size - j, "\\x%02lx", cp);
        } else if (cp == 0xfffd || !drawable(cp)) {
            j += (size_t)snprintf(out + j, size - j, "<U+%04lX>", cp);
        } else {
            memcpy(out + j, u, n);
            j += n;
        }
        u += n;
    }
    out[j] = '\0';
}

/* A line of text above the plot, shrunk until it fits the page width. */
static void title_line(const char *text, double disp, double scale)
{
    char buf[1024];
    size_t len = 0;
    const unsigned char *u;

    cli_plot_text(text, buf, sizeof buf);
    for (u = (const unsigned char *)buf; *u; u++)
        len += (*u & 0xc0) != 0x80;
    if (len > 0 && scale * (double)len > 64.0)
        scale = 64.0 / (double)len;
    plschr(0.0, scale);
    plmtex("t", disp / scale, 0.5, 0.5, buf); /* disp in full-size lines */
    plschr(0.0, 1.0);
}

/* ---- the picture -------------------------------------------------------- */

enum { INK = 1, LINE = 2, MARK = 3, OUTER = 4, INNER = 5, GRID = 6,
       LINE2 = 7, POINT = 8 };

/* Dashed lines at the marks, each numbered just above the x axis, in the
 * strip kept free of the curves (the names are in the legend). */
static void draw_marks(const cli_plot *p, double xlo, double xhi,
                       double ylo, double yhi)
{
    char num[24];
    size_t i;

    plschr(0.0, 0.65);
    for (i = 0; i < p->nmarks; i++) {
        double x = p->marks[i].x;
        if (!(x >= xlo && x < xhi))
            continue;
        plcol0(MARK);
        pllsty(2);
        if (x > xlo)
            pljoin(x, ylo, x, yhi);
        pllsty(1);
        plcol0(INK);
        snprintf(num, sizeof num, "%zu", i + 1);
        plptex(x + 0.006 * (xhi - xlo), ylo + 0.02 * (yhi - ylo), 1.0, 0.0,
               0.0, num);
    }
    plschr(0.0, 1.0);
}

#define MAX_KEYS (8 + CAREER_MAX_TIERS)

typedef struct legend {
    PLINT n, opt[MAX_KEYS], col[MAX_KEYS], lsty[MAX_KEYS], box_pat[MAX_KEYS];
    PLINT text_col[MAX_KEYS], sym_num[MAX_KEYS];
    PLFLT width[MAX_KEYS], box_scale[MAX_KEYS], sym_scale[MAX_KEYS];
    const char *text[MAX_KEYS], *sym[MAX_KEYS];
    char buf[MAX_KEYS][256];
} legend;

static void key(legend *g, PLINT opt, PLINT col, PLINT lsty, PLFLT width,
                const char *text)
{
    PLINT i = g->n;

    if (i >= MAX_KEYS || !text)
        return;
    g->opt[i] = opt;
    g->col[i] = col;
    g->lsty[i] = lsty;
    g->width[i] = width;
    g->box_pat[i] = 0;
    g->box_scale[i] = 0.9;
    g->text_col[i] = INK;
    g->sym_num[i] = 1;
    g->sym_scale[i] = 1.0;
    g->sym[i] = "\xe2\x97\x8f"; /* U+25CF BLACK CIRCLE */
    cli_plot_text(text, g->buf[i], sizeof g->buf[i]);
    g->text[i] = g->buf[i];
    g->n++;
}

/* The legend below the plot: a colour key for each line, band, the points
 * and the dashed lines, then the numbered marks by name in two columns. */
static void draw_legend(const cli_plot *p)
{
    static legend g;
    PLFLT w, h;
    char text[256], shown[512];
    size_t i;

    g.n = 0;
    key(&g, PL_LEGEND_LINE, LINE, 1, 2.5, p->y_label);
    if (p->y2)
        key(&g, PL_LEGEND_LINE, LINE2, 3, 2.0, p->y2_label);
    if (p->inner_lo)
        key(&g, PL_LEGEND_COLOR_BOX, INNER, 1, 1.0, p->inner_label);
    if (p->outer_lo)
        key(&g, PL_LEGEND_COLOR_BOX, OUTER, 1, 1.0, p->outer_label);
    if (p->px)
        key(&g, PL_LEGEND_SYMBOL, POINT, 1, 1.0, p->points_label);
    if (p->nmarks)
        key(&g, PL_LEGEND_LINE, MARK, 2, 1.0, p->marks_label);
    pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_ROW_MAJOR,
             PL_POSITION_OUTSIDE | PL_POSITION_BOTTOM | PL_POSITION_VIEWPORT,
             0.0, 0.20, 0.06, 0, INK, 1, 0, 3, g.n, g.opt, 0.6, 0.62, 1.6,
             0.0, g.text_col, g.text, g.col, g.box_pat, g.box_scale, g.width,
             g.col, g.lsty, g.width, g.col, g.sym_scale, g.sym_num, g.sym);
    plcol0(INK);
    plschr(0.0, 0.62);
    for (i = 0; i < p->nmarks; i++) {
        /* a name cut to its column, whole UTF-8 characters only */
        size_t cut = 0, chars = 0;
        snprintf(text, sizeof text, "%zu  %s", i + 1,
                 p->marks[i].label ? p->marks[i].label : "");
        cli_plot_text(text, shown, sizeof shown);
        while (shown[cut] && chars < 56)
            chars += ((unsigned char)shown[++cut] & 0xc0) != 0x80;
        if (shown[cut])
            memcpy(shown + cut, "...", 4);
        plmtex("b", 15.0 + 1.7 * (double)(i / 2), i % 2 ? 0.5 : 0.0, 0.0,
               shown);
    }
    plschr(0.0, 1.0);
}

/* The frame, the axes (with the secondary axis on top, if any), the
 * labels and the two lines of the title. */
static void draw_axes(const cli_plot *p, double xlo, double xhi, double ylo,
                      double yhi)
{
    char xl[256], yl[256];

    plcol0(INK);
    cli_plot_text(p->xlabel, xl, sizeof xl);
    cli_plot_text(p->ylabel, yl, sizeof yl);
    plbox(p->x2label ? "bnst" : "bcnst", 0.0, 0, "bcnstv", 0.0, 0);
    plmtex("b", 3.0, 0.5, 0.5, xl);
    /* the y label along the plot's height: shrunk to fit it */
    plschr(0.0, strlen(yl) > 32 ? 32.0 / (double)strlen(yl) : 1.0);
    plmtex("l", 5.0, 0.5, 0.5, yl);
    plschr(0.0, 1.0);
    if (p->x2label) {
        plwind(xlo + p->x2_offset, xhi + p->x2_offset, ylo, yhi);
        plbox("cmst", 0.0, 0, "", 0.0, 0);
        cli_plot_text(p->x2label, xl, sizeof xl);
        plschr(0.0, 0.85);
        plmtex("t", 2.7 / 0.85, 0.5, 0.5, xl);
        plschr(0.0, 1.0);
        plwind(xlo, xhi, ylo, yhi);
    }
    title_line(p->title, p->x2label ? 5.4 : 3.0, 1.0);
    if (p->subtitle)
        title_line(p->subtitle, p->x2label ? 4.0 : 1.5, 0.75);
}

static void draw(const cli_plot *p, double *px, double *py)
{
    double xlo = p->x[0], xhi = p->x[p->n - 1], ylo = INFINITY, yhi = -INFINITY;

    range(p->y, p->n, &ylo, &yhi);
    range(p->y2, p->n, &ylo, &yhi);
    range(p->outer_lo, p->n, &ylo, &yhi);
    range(p->outer_hi, p->n, &ylo, &yhi);
    range(p->inner_lo, p->n, &ylo, &yhi);
    range(p->inner_hi, p->n, &ylo, &yhi);
    range(p->py, p->npoints, &ylo, &yhi);
    if (!(yhi > ylo))
        yhi = ylo + 1.0;
    /* room under the curves for the marks' numbers */
    ylo -= 0.09 * (yhi - ylo);
    yhi += 0.04 * (yhi - ylo);
    if (!(xhi > xlo))
        xhi = xlo + 1.0;
    pladv(0);
    plvpor(0.10, 0.96, p->nmarks > 8 ? 0.44 : 0.36, 0.80);
    plwind(xlo, xhi, ylo, yhi);
    if (p->outer_lo && p->outer_hi) {
        plcol0(OUTER);
        fill_band(p, p->outer_lo, p->outer_hi, px, py);
    }
    if (p->inner_lo && p->inner_hi) {
        plcol0(INNER);
        fill_band(p, p->inner_lo, p->inner_hi, px, py);
    }
    plcol0(GRID);
    plbox("g", 0.0, 0, "g", 0.0, 0);
    draw_marks(p, xlo, xhi, ylo, yhi);
    plcol0(LINE);
    plwidth(2.5);
    plline((PLINT)p->n, p->x, p->y);
    if (p->y2) { /* dashed over the first line: both show where they meet */
        plcol0(LINE2);
        plwidth(2.0);
        pllsty(3);
        plline((PLINT)p->n, p->x, p->y2);
        pllsty(1);
    }
    plwidth(1.0);
    if (p->px && p->npoints) {
        plcol0(POINT);
        plschr(0.0, 1.2);
        plstring((PLINT)p->npoints, p->px, p->py, "\xe2\x97\x8f");
        plschr(0.0, 1.0);
    }
    draw_axes(p, xlo, xhi, ylo, yhi);
    draw_legend(p);
}

/* Colour map 0: white paper, black ink, a blue line, grey tier markers,
 * light and mid blue bands, a faint grid, an orange second line and dark
 * red points. */
static void palette(void)
{
    plscol0(0, 255, 255, 255);
    plscol0(INK, 0, 0, 0);
    plscol0(LINE, 31, 78, 160);
    plscol0(MARK, 110, 110, 110);
    plscol0(OUTER, 205, 222, 245);
    plscol0(INNER, 150, 185, 235);
    plscol0(GRID, 190, 190, 190);
    plscol0(LINE2, 215, 110, 20);
    plscol0(POINT, 170, 30, 30);
}

/* Whether the file PLplot wrote is whole: its drivers report no write
 * error (a full disk leaves a truncated file), so the end is checked: an
 * SVG ends with </svg>, a PNG with its IEND chunk. */
static int plot_whole(const char *temp, int png)
{
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                           0xae, 0x42, 0x60, 0x82};
    unsigned char tail[64];
    FILE *f = fopen(temp, "rb");
    long size;
    size_t n;
    int ok = 0;

    if (!f)
        return 0;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 &&
        fseek(f, size > 64 ? size - 64 : 0, SEEK_SET) == 0) {
        n = fread(tail, 1, sizeof tail, f);
        if (png)
            ok = n >= 12 && memcmp(tail + n - 12, iend, 12) == 0;
        else {
            while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == ' '))
                n--;
            ok = n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
        }
    }
    fclose(f);
    return ok;
}

/* PLplot may print to stdout; the tool's stdout is only its result. */
static int plot_saved_stdout = -1;

/* The file PLplot draws into: the replacement's temporary file, or for a
 * target written in place (career_replace_temp_path is then the path as
 * given), a private file in $TMPDIR. */
static const char *drawing_file(cli *c, const char *path)
{
    const char *temp = career_replace_temp_path(plot_file);
    const char *dir = getenv("TMPDIR");
    int fd;

    if (strcmp(temp, path) != 0)
        return temp;
    snprintf(plot_private, sizeof plot_private, "%s/career-plot-XXXXXX",
             dir && *dir ? dir : "/tmp");
    if ((fd = mkstemp(plot_private)) < 0) {
        int e = errno;
        plot_private[0] = '\0';
        career_replace_abort(plot_file);
        plot_file = NULL;
        cli_data_error(c, "%s: cannot make a file to draw into: %s", path,
                       strerror(e));
    }
    close(fd);
    return plot_private;
}

const char *cli_plot_open(cli *c, const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *file;
    career_error err;
    int devnull;

    if (career_replace_begin(path, &plot_file, &err) != CAREER_OK)
        cli_error_record(c, &err);
    file = drawing_file(c, path);
    fflush(stdout);
    plot_saved_stdout = dup(STDOUT_FILENO);
    devnull = open("/dev/null", O_WRONLY);
    if (plot_saved_stdout >= 0 && devnull >= 0)
        dup2(devnull, STDOUT_FILENO);
    if (devnull >= 0)
        close(devnull);
    plot_tool = c->tool;
    plsexit(plot_exit);
    plsdev(dot && strcasecmp(dot, ".png") == 0 ? "pngcairo" : "svg");
    plsfnam(file);
    return file;
}

/* Copies the private file into the target's stream: 0, or an errno with
 * *what the step that failed. */
static int copy_private(career_replace *r, const char **what)
{
    FILE *in = fopen(plot_private, "rb"), *out = career_replace_stream(r);
    char buf[65536];
    size_t n;
    int e = 0;

    *what = "cannot read the plot back";
    if (!in)
        return errno;
    while (!e && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        errno = 0;
        if (fwrite(buf, 1, n, out) != n || fflush(out) != 0) {
            *what = "cannot write";
            e = errno ? errno : EIO;
        }
    }
    if (!e && ferror(in))
        e = EIO;
    fclose(in);
    return e;
}

void cli_plot_close(cli *c, const char *path)
{
    const char *dot = strrchr(path, '.');
    career_replace *r = plot_file;
    career_error err;

    fflush(stdout);
    if (plot_saved_stdout >= 0) {
        dup2(plot_saved_stdout, STDOUT_FILENO);
        close(plot_saved_stdout);
        plot_saved_stdout = -1;
    }
    plot_file = NULL;
    if (!plot_whole(plot_private[0] ? plot_private
                                    : career_replace_temp_path(r),
                    dot && strcasecmp(dot, ".png") == 0)) {
        career_replace_abort(r);
        if (plot_private[0]) { /* a private file in $TMPDIR */
            remove_private();
            cli_data_error(c, "%s: cannot draw the plot whole in $TMPDIR "
                              "(is it full?); nothing was written", path);
        }
        cli_data_error(c, "%s: cannot write the plot whole (is the disk "
                          "full?); the old file is kept", path);
    }
    if (plot_private[0]) {
        const char *what;
        int e = copy_private(r, &what);
        remove_private();
        if (e) {
            career_replace_abort(r);
            cli_data_error(c, "%s: %s: %s", path, what, strerror(e));
        }
    }
    if (career_replace_commit(r, &err) != CAREER_OK)
        cli_error_record(c, &err);
}

void cli_plot_draw(cli *c, const cli_plot *p)
{
    double *px = malloc(4 * p->n * sizeof *px);

    if (!px || p->n < 2) {
        free(px);
        cli_data_error(c, "%s: nothing to plot", p->path);
    }
    cli_plot_open(c, p->path);
    plspage(0.0, 0.0, 960, 720, 0, 0);
    palette();
    plinit();
    draw(p, px, px + 2 * p->n);
    plend();
    free(px);
    cli_plot_close(c, p->path);
}
