/* plot.c - the tools' plots with PLplot (see cli.h); only the tools that
 * draw (career-project, career-ladder, career-merit) link it. */
#include "cli.h"

#include <errno.h>
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
static int plot_exit(const char *message)
{
    fprintf(stderr, "%s: plotting failed: %s\n", plot_tool, message);
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

static void draw_marks(const cli_plot *p, double xlo, double xhi,
                       double ylo, double yhi)
{
    size_t i;

    plschr(0.0, 0.6);
    for (i = 0; i < p->nmarks; i++) {
        double x = p->marks[i].x;
        if (!(x >= xlo && x < xhi))
            continue;
        plcol0(3);
        pllsty(2);
        if (x > xlo)
            pljoin(x, ylo, x, yhi);
        pllsty(1);
        /* the label runs up just right of the line (rotated text hangs
         * to the left of its baseline) */
        plcol0(1);
        plptex(x + 0.022 * (xhi - xlo), ylo + 0.03 * (yhi - ylo), 0.0, 1.0,
               0.0, p->marks[i].label ? p->marks[i].label : "");
    }
    plschr(0.0, 1.0);
}

static void draw(const cli_plot *p, double *px, double *py)
{
    double xlo = p->x[0], xhi = p->x[p->n - 1], ylo = INFINITY, yhi = -INFINITY;

    range(p->y, p->n, &ylo, &yhi);
    range(p->outer_lo, p->n, &ylo, &yhi);
    range(p->outer_hi, p->n, &ylo, &yhi);
    range(p->inner_lo, p->n, &ylo, &yhi);
    range(p->inner_hi, p->n, &ylo, &yhi);
    ylo -= 0.05 * (yhi - ylo);
    yhi += 0.05 * (yhi - ylo);
    if (!(yhi > ylo))
        yhi = ylo + 1.0;
    if (!(xhi > xlo))
        xhi = xlo + 1.0;
    pladv(0);
    plvpor(0.10, 0.96, 0.20, 0.91);
    plwind(xlo, xhi, ylo, yhi);
    if (p->outer_lo && p->outer_hi) {
        plcol0(4);
        fill_band(p, p->outer_lo, p->outer_hi, px, py);
    }
    if (p->inner_lo && p->inner_hi) {
        plcol0(5);
        fill_band(p, p->inner_lo, p->inner_hi, px, py);
    }
    plcol0(6);
    plbox("g", 0.0, 0, "g", 0.0, 0);
    draw_marks(p, xlo, xhi, ylo, yhi);
    plcol0(2);
    plwidth(2.5);
    plline((PLINT)p->n, p->x, p->y);
    plwidth(1.0);
    plcol0(1);
    plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
    pllab(p->xlabel, p->ylabel, p->title);
    if (p->band_note) {
        plschr(0.0, 0.8);
        plmtex("b", 6.2, 0.0, 0.0, p->band_note);
        plschr(0.0, 1.0);
    }
}

/* Colour map 0: white paper, black ink, a blue line, grey tier markers,
 * light and mid blue bands, a faint grid. */
static void palette(void)
{
    plscol0(0, 255, 255, 255);
    plscol0(1, 0, 0, 0);
    plscol0(2, 31, 78, 160);
    plscol0(3, 110, 110, 110);
    plscol0(4, 205, 222, 245);
    plscol0(5, 150, 185, 235);
    plscol0(6, 190, 190, 190);
}

void cli_plot_draw(cli *c, const cli_plot *p)
{
    const char *dot = strrchr(p->path, '.');
    double *px = malloc(4 * p->n * sizeof *px);
    int saved, devnull;
    struct stat st;

    if (!px || p->n < 2) {
        free(px);
        cli_data_error(c, "%s: nothing to plot", p->path);
    }
    /* so that an old file is never taken for the new picture */
    if (unlink(p->path) != 0 && errno != ENOENT)
        cli_data_error(c, "%s: %s", p->path, strerror(errno));
    /* PLplot may print to stdout; the tool's stdout is only its result. */
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    devnull = open("/dev/null", O_WRONLY);
    if (saved >= 0 && devnull >= 0)
        dup2(devnull, STDOUT_FILENO);
    plot_tool = c->tool;
    plsexit(plot_exit);
    plsdev(strcasecmp(dot, ".png") == 0 ? "pngcairo" : "svg");
    plsfnam(p->path);
    plspage(0.0, 0.0, 960, 640, 0, 0);
    palette();
    plinit();
    draw(p, px, px + 2 * p->n);
    plend();
    fflush(stdout);
    if (saved >= 0 && devnull >= 0)
        dup2(saved, STDOUT_FILENO);
    if (saved >= 0)
        close(saved);
    if (devnull >= 0)
        close(devnull);
    free(px);
    if (stat(p->path, &st) != 0 || st.st_size == 0)
        cli_data_error(c, "%s: the plot could not be written", p->path);
}
