/* guide.c - import the plain text of a published career guide (the format of
 * examples/guides/performance-architect.txt) into a profile, mapped as
 * docs/model.md §1 says:
 *
 *   title "<Role> Career Path Guide"            -> role
 *   "Annual Salary (US, USD)"                    -> region, currency, a year
 *   next line "90,000-160,000"                   -> p10 and p90
 *   then the levels block:
 *   "Median: $125,000"                           -> p50
 *   "Entry-Level", "Mid-Level", "Senior-Level"   -> salaries of tiers 0..2
 *                                                   (2 tiers: Entry, Senior)
 *   "Top 10% ... from $160,000+"                 -> salary of the top tier
 *                                                   (4 tiers or more; the
 *                                                   tiers between have none)
 *   "Growth Rate: 10%"                           -> demand 0.10 over 10 years
 *   "The demand is currently high"               -> demand level "high"
 *   "Career Path Tiers": NAME, "Experience: A-B years" or "A+ years"
 *                                                -> min A, anchor (A+B)/2 or A+3
 *     ... up to the next section's heading ("Global Outlook")
 *
 * Amounts may carry a currency sign or ISO code before or after them, group
 * digits with commas, points or no-break spaces (read by the grouping's
 * shape, one decimal mark to a text), and end in "k" (money.c reads them,
 * and the ranges and percentages). What the import
 * inferred (anchors, the top tier's salary) goes into the profile's notes.
 *
 * Plain scanning over lines; the text need not be NUL-terminated and may
 * hold any bytes. Whatever is missing is an error naming it, and nothing is
 * returned then. */
#include "io/io.h"
#include "io/guide.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE "<guide>"
#define SPAN_OPEN_EXTRA 3.0   /* "A+ years" is anchored at A + 3 */
#define GROWTH_YEARS 10.0     /* the guide's growth is a decade projection */
#define MAX_HEADING 120       /* bytes: a longer line is prose, not a name */
#define NOTE_ROOM 192         /* bytes of a note besides the tier name */
#define NONE SIZE_MAX

typedef struct guide {
    careerp_line *lines;
    size_t count;
    careerp_arena pool; /* the strings the profile needs (fixed size) */
    career_error *err;
} guide;

/* ---- lines and text ---------------------------------------------------- */

static careerp_line trim(const char *s, size_t n)
{
    while (n && careerp_guide_blank(*s))
        s++, n--;
    while (n && careerp_guide_blank(s[n - 1]))
        n--;
    return (careerp_line){s, n};
}

static career_status split_lines(guide *g, const char *text, size_t len)
{
    size_t i, start = 0, count = 1;

    for (i = 0; i < len; i++)
        count += text[i] == '\n';
    if (!(g->lines = malloc(count * sizeof *g->lines)))
        return careerp_fail(g->err, CAREER_ERR_NOMEM, "guide: out of memory");
    g->count = 0;
    for (i = 0; i <= len; i++)
        if (i == len || text[i] == '\n') {
            g->lines[g->count++] = trim(text + start, i - start);
            start = i + 1;
        }
    return CAREER_OK;
}

/* The first place of `needle` in s[0..n) ignoring ASCII case, or NULL. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t i, k, m = strlen(needle);

    for (i = 0; i + m <= n; i++) {
        for (k = 0; k < m && careerp_ascii_lower((unsigned char)s[i + k]) ==
                                 careerp_ascii_lower((unsigned char)needle[k]); k++)
            ;
        if (k == m)
            return s + i;
    }
    return NULL;
}

static int starts_ci(careerp_line l, const char *prefix)
{
    size_t m = strlen(prefix);
    return l.n >= m && find_ci(l.s, m, prefix) == l.s;
}

static int equals_ci(careerp_line l, const char *word)
{
    return l.n == strlen(word) && starts_ci(l, word);
}

/* A line that reads as a heading (a tier's name, a section's title) rather
 * than a sentence or a "Label: value" line: short, without a colon, and
 * not ending in punctuation. */
static int looks_like_heading(careerp_line l)
{
    return l.n && l.n <= MAX_HEADING && !memchr(l.s, ':', l.n) &&
           !memchr(".!?;,", l.s[l.n - 1], 5);
}

static size_t next_nonblank(const guide *g, size_t i)
{
    while (i < g->count && g->lines[i].n == 0)
        i++;
    return i;
}

/* The first line at or after `from` that contains `needle`. */
static size_t find_line(const guide *g, size_t from, const char *needle)
{
    size_t i;

    for (i = from; i < g->count; i++)
        if (find_ci(g->lines[i].s, g->lines[i].n, needle))
            return i;
    return NONE;
}

/* A NUL-terminated copy in the pool, which is sized for the whole text
 * (see POOL_FIXED), so that the copy cannot fail. */
static const char *keep(guide *g, const char *s, size_t n)
{
    size_t at = 0;

    (void)careerp_arena_add(&g->pool, s, n, &at);
    return g->pool.text + at;
}

static career_status fail_line(const guide *g, size_t i, const char *fmt,
                               ...) CAREERP_PRINTF(3, 4);

/* An error about line i (0-based here, 1-based in the record). */
static career_status fail_line(const guide *g, size_t i, const char *fmt, ...)
{
    va_list ap;
    int lineno = i < g->count && i < INT_MAX ? (int)i + 1 : 0;

    va_start(ap, fmt);
    careerp_vfail_at(g->err, CAREER_ERR_PARSE, SOURCE, lineno, lineno ? 1 : 0,
                     "guide: ", fmt, ap);
    va_end(ap);
    return CAREER_ERR_PARSE;
}

/* ---- the parts of a guide ---------------------------------------------------- */

typedef struct parts {
    const char *role, *region, *level;
    careerp_money money;
    double lo, hi, median, entry, mid, senior, top10, growth;
    int has_top10;
    size_t levels_end; /* the first line after the levels block */
    career_tier tiers[CAREER_MAX_TIERS];
    double span_end[CAREER_MAX_TIERS]; /* NaN for an open span "A+ years" */
    size_t ntiers;
    const char *notes[CAREER_MAX_NOTES];
    size_t nnotes;
} parts;

static void note(guide *g, parts *pt, const char *fmt, ...)
    CAREERP_PRINTF(3, 4);

/* Records a guess the import made. The pool is sized for every note (see
 * NOTE_ROOM); one that would not fit is left out rather than cut short. */
static void note(guide *g, parts *pt, const char *fmt, ...)
{
    char *dst = g->pool.text + g->pool.used;
    size_t room = g->pool.cap - g->pool.used;
    va_list ap;
    int n;

    if (pt->nnotes == CAREER_MAX_NOTES)
        return;
    va_start(ap, fmt);
    n = careerp_vsnprintf_c(dst, room, fmt, ap); /* "2.5 years" */
    va_end(ap);
    if (n < 0 || (size_t)n >= room)
        return;
    g->pool.used += (size_t)n + 1;
    pt->notes[pt->nnotes++] = dst;
}

static career_status read_title(guide *g, parts *out)
{
    static const char suffix[] = "Career Path Guide";
    const size_t m = sizeof suffix - 1;
    size_t i = next_nonblank(g, 0);
    careerp_line l, role;

    if (i >= g->count)
        return fail_line(g, NONE, "empty text (no title '<Role> Career Path "
                                  "Guide')");
    l = g->lines[i];
    if (l.n <= m || !find_ci(l.s + l.n - m, m, suffix))
        return fail_line(g, i, "no title ('<Role> Career Path Guide') on "
                               "the first line");
    role = trim(l.s, l.n - m); /* not empty: l starts with a non-blank */
    if (!careerp_utf8_valid(role.s, role.n))
        return fail_line(g, i, "the title names no role in UTF-8");
    out->role = keep(g, role.s, role.n);
    return CAREER_OK;
}

/* The heading's currency: a sign that stands for one code is read as that
 * code ("(UK, £)" is GBP), anything else is kept as written. */
static void read_currency(guide *g, parts *out, careerp_line currency)
{
    const char *code = careerp_sign_code(currency);

    if (!code) {
        out->money.currency = keep(g, currency.s, currency.n);
        return;
    }
    out->money.currency = keep(g, code, 3);
    note(g, out, "currency '%.*s' read as %s", (int)currency.n, currency.s,
         code);
}

/* A figure on line i that money.c refused: its digits grouped
 * irregularly, or its separator read otherwise than an earlier figure's
 * ("108,5" where "90,000" groups with ','). */
static career_status fail_amount(const guide *g, size_t i,
                                 const careerp_money *m)
{
    if (!m->bad_how)
        return fail_line(g, i, "amount '%.*s' has its digits grouped "
                               "irregularly (groups of three, as in "
                               "1,234,567.89 or 1.234.567,89)",
                         (int)m->bad.n, m->bad.s);
    return fail_line(g, i, "amount '%.*s' is ambiguous: %s in it, but %s in "
                           "'%.*s'", (int)m->bad.n, m->bad.s, m->bad_how,
                     m->mark_how, (int)m->mark_by.n, m->mark_by.s);
}

/* "Annual Salary (REGION, CURRENCY)" and the range on the next line. */
static career_status read_salary_heading(guide *g, parts *out, size_t *at)
{
    size_t i = find_line(g, 0, "Annual Salary ("), r;
    const char *open, *comma, *close, *end;
    careerp_line region, currency;
    careerp_found f;

    if (i == NONE)
        return fail_line(g, NONE, "no salary heading ('Annual Salary "
                                  "(REGION, CURRENCY)')");
    end = g->lines[i].s + g->lines[i].n;
    open = find_ci(g->lines[i].s, g->lines[i].n, "Annual Salary (") + 15;
    comma = memchr(open, ',', (size_t)(end - open));
    close = comma ? memchr(comma, ')', (size_t)(end - comma)) : NULL;
    if (!close)
        return fail_line(g, i, "salary heading without '(REGION, CURRENCY)'");
    region = trim(open, (size_t)(comma - open));
    currency = trim(comma + 1, (size_t)(close - comma - 1));
    if (!region.n || !currency.n ||
        !careerp_utf8_valid(region.s, region.n) ||
        !careerp_utf8_valid(currency.s, currency.n))
        return fail_line(g, i, "salary heading without '(REGION, CURRENCY)'");
    out->region = keep(g, region.s, region.n);
    read_currency(g, out, currency);
    r = next_nonblank(g, i + 1);
    f = r < g->count ? careerp_parse_range(g->lines[r], &out->money,
                                           &out->lo, &out->hi)
                     : CAREERP_NONE;
    if (f == CAREERP_REFUSED)
        return fail_amount(g, r, &out->money);
    if (f != CAREERP_FOUND)
        return fail_line(g, r < g->count ? r : i,
                         "no salary range ('Annual Salary (...)' followed by "
                         "'MIN-MAX')");
    *at = r;
    return CAREER_OK;
}

static const char *const level_labels[] = {"Median", "Entry-Level",
                                           "Mid-Level", "Senior-Level", NULL};

/* A line of the levels block: a level's label, or an amount alone (one
 * refused is still one, for read_labelled to name). Read on a copy of m:
 * the amounts count when read_labelled reads them. */
static int is_level_line(careerp_line l, const careerp_money *m)
{
    const char *p = l.s, *end = l.s + l.n;
    careerp_money scratch = *m;
    careerp_found f;
    double v;
    int i, marked;

    for (i = 0; level_labels[i]; i++)
        if (starts_ci(l, level_labels[i]))
            return 1;
    f = careerp_parse_amount(&p, end, &scratch, &v, &marked);
    return f == CAREERP_REFUSED || (f == CAREERP_FOUND && p == end);
}

/* The end of the levels block that follows the range line r: the first
 * non-blank line that is neither a level's label nor an amount. */
static size_t levels_end(const guide *g, size_t r, const careerp_money *m)
{
    size_t i;

    for (i = next_nonblank(g, r + 1);
         i < g->count && is_level_line(g->lines[i], m);
         i = next_nonblank(g, i + 1))
        ;
    return i;
}

/* The text after `label` on line i, after an optional colon, or on the
 * next non-blank line when none: *at is the line it is on. 0 when the
 * label ends the text. */
static int after_label(const guide *g, size_t i, const char *label,
                       careerp_line *rest, size_t *at)
{
    *rest = trim(g->lines[i].s + strlen(label), g->lines[i].n - strlen(label));
    if (rest->n && *rest->s == ':')
        *rest = trim(rest->s + 1, rest->n - 1);
    *at = i;
    if (rest->n == 0) {
        if ((*at = next_nonblank(g, i + 1)) >= g->count)
            return 0;
        *rest = g->lines[*at];
    }
    return 1;
}

/* The amount after `label` in lines [from, to): on a line of its own
 * ("Entry-Level" then "$100,500") or on the same line ("Median: $125,000"). */
static career_status read_labelled(const guide *g, careerp_money *m,
                                   size_t from, size_t to, const char *label,
                                   double *out)
{
    size_t i, at;
    const char *p;
    careerp_line rest;
    careerp_found f;
    int marked;

    for (i = from; i < to; i++) {
        if (!starts_ci(g->lines[i], label))
            continue;
        if (!after_label(g, i, label, &rest, &at))
            break;
        p = rest.s;
        f = careerp_parse_amount(&p, rest.s + rest.n, m, out, &marked);
        if (f == CAREERP_REFUSED)
            return fail_amount(g, at, m);
        if (f != CAREERP_FOUND || p != rest.s + rest.n)
            return fail_line(g, i, "'%s' is not followed by an amount "
                                   "('$AMOUNT')", label);
        return CAREER_OK;
    }
    return fail_line(g, NONE, "no %s salary ('%s' followed by '$AMOUNT')",
                     label, label);
}

/* Median and the three levels, all in the block after the range line: a
 * level missing there is not looked for in the prose further on. */
static career_status read_levels(const guide *g, size_t range, parts *out)
{
    size_t to = levels_end(g, range, &out->money);
    double *figure[4] = {&out->median, &out->entry, &out->mid, &out->senior};
    career_status st;
    int i;

    out->levels_end = to;
    for (i = 0; level_labels[i]; i++)
        if ((st = read_labelled(g, &out->money, range + 1, to, level_labels[i],
                                figure[i])))
            return st;
    return CAREER_OK;
}

static int is_alnum(int ch)
{
    return careerp_guide_alpha(ch) || careerp_guide_digit(ch);
}

/* The end of the salary section that the levels block began at `from`:
 * the next heading (a "Top 10%" line, however short, is the section's). */
static size_t salary_end(const guide *g, size_t from)
{
    size_t i;

    for (i = from; i < g->count; i++)
        if (looks_like_heading(g->lines[i]) &&
            !find_ci(g->lines[i].s, g->lines[i].n, "Top 10%"))
            return i;
    return g->count;
}

/* "Top 10% of earners ... from $160,000+" after the levels, in the salary
 * section: the first amount with a currency after it. A "top 10%" in the
 * prose of other sections is about something else ("the top 10% of
 * companies"). Optional here: needed only when there are 4 tiers or more. */
static career_status read_top10(const guide *g, parts *out)
{
    size_t i = find_line(g, out->levels_end, "Top 10%");
    const char *p, *q, *end;
    int marked;

    if (i == NONE || i >= salary_end(g, out->levels_end))
        return CAREER_OK;
    end = g->lines[i].s + g->lines[i].n;
    p = find_ci(g->lines[i].s, g->lines[i].n, "Top 10%") + 7;
    for (; p < end; p++) {
        careerp_money scratch = out->money; /* an amount skipped counts not */
        careerp_found f;

        if (is_alnum((unsigned char)p[-1])) /* not inside a word or figure */
            continue;
        q = p;
        f = careerp_parse_amount(&q, end, &scratch, &out->top10, &marked);
        if (f == CAREERP_REFUSED)
            return fail_amount(g, i, &scratch);
        if (f == CAREERP_FOUND && marked) {
            out->money = scratch;
            out->has_top10 = 1;
            return CAREER_OK;
        }
    }
    return fail_line(g, i, "'Top 10%%' without a threshold ('$AMOUNT')");
}

/* "Growth Rate: 10%"; else the headline pair "10%" / "growth rate". */
static career_status read_growth(const guide *g, parts *out)
{
    size_t i, j;
    careerp_line l;

    for (i = 0; i < g->count; i++) {
        l = g->lines[i];
        if (!starts_ci(l, "Growth Rate:"))
            continue;
        if (!careerp_parse_percent(l.s + 12, l.s + l.n, &out->growth))
            return fail_line(g, i, "'Growth Rate:' is not followed by a "
                                   "percentage ('N%%')");
        return CAREER_OK;
    }
    for (i = 0; i < g->count; i++) {
        l = g->lines[i];
        j = next_nonblank(g, i + 1);
        if (l.n && l.s[l.n - 1] == '%' && j < g->count &&
            equals_ci(g->lines[j], "growth rate") &&
            careerp_parse_percent(l.s, l.s + l.n, &out->growth))
            return CAREER_OK;
    }
    return fail_line(g, NONE, "no growth rate ('Growth Rate: N%%')");
}

/* "The demand is currently high" or, failing that, the last short line of
 * the "Market Demand" scale. Optional: a guide may not say. */
static void read_demand_level(guide *g, parts *out)
{
    static const char phrase[] = "demand is currently ";
    size_t i, j, n = 0;
    const char *p = NULL;
    char *dst;

    for (i = 0; i < g->count && !p; i++)
        if ((p = find_ci(g->lines[i].s, g->lines[i].n, phrase))) {
            const char *end = g->lines[i].s + g->lines[i].n;
            p += sizeof phrase - 1;
            while (p + n < end && careerp_guide_alpha((unsigned char)p[n]))
                n++;
            /* a word that goes on in UTF-8 ("très") is not cut short */
            if (p + n < end && (unsigned char)p[n] >= 0x80)
                n = 0;
        }
    if (!n && (i = find_line(g, 0, "Market Demand")) != NONE) {
        for (j = next_nonblank(g, i + 1); j < g->count && g->lines[j].n <= 16;
             j = next_nonblank(g, j + 1))
            p = g->lines[j].s, n = g->lines[j].n;
    }
    for (i = 0; i < n; i++)
        if (!careerp_guide_alpha((unsigned char)p[i]))
            return;
    if (n) {
        dst = (char *)keep(g, p, n);
        for (i = 0; i < n; i++)
            dst[i] = (char)careerp_ascii_lower((unsigned char)dst[i]);
        out->level = dst;
    }
}

/* "Experience: A-B years" (anchor at the midpoint) or "A+ years" (A + 3). */
static career_status read_span(const guide *g, size_t i, career_tier *t,
                               double *span_end)
{
    careerp_line l = g->lines[i];
    const char *p = l.s + 11, *end = l.s + l.n;
    double a, b = NAN;
    int open;

    careerp_skip_blanks(&p, end);
    if (!careerp_parse_figure(&p, end, &a))
        goto bad;
    open = p[-1] == '+';
    if (!open && !(careerp_skip_dash(&p, end) &&
                   careerp_parse_figure(&p, end, &b) && p[-1] != '+'))
        goto bad;
    careerp_skip_blanks(&p, end);
    if (!starts_ci((careerp_line){p, (size_t)(end - p)}, "year"))
        goto bad;
    if (!open && b < a)
        return fail_line(g, i, "experience span ends before it starts");
    t->min_years = a;
    t->anchor_years = open ? a + SPAN_OPEN_EXTRA : (a + b) / 2.0;
    *span_end = b;
    return CAREER_OK;
bad:
    return fail_line(g, i, "expected 'Experience: A-B years' or "
                           "'Experience: A+ years'");
}

/* The headings of the sections that follow the tiers in the published
 * guides, in their order: the seed's, then "Job Outlook & Related Roles"
 * and those after it. The first of them ends the tiers. Any other heading
 * there is a tier's name, and a text that ends before one of them may have
 * been cut off: a tier's name and a section's heading, or a guide that
 * ends after its tiers and one cut there, cannot be told apart otherwise. */
static const char *const after_tiers[] = {
    "Global Outlook", "Job Market Today", "Role Challenges", "Growth Paths",
    "Industry Trends", "A Day in the Life", "Work-Life Balance & Stress",
    "Skill Map", "Common Mistakes of Beginners", "Contextual Advice",
    "Examples and Case Studies", "Portfolio Tips",
    "Job Outlook & Related Roles", "Related Roles",
    "Frequently Asked Questions", "Sources & References", NULL};

static int ends_tiers(careerp_line l)
{
    size_t i;

    for (i = 0; after_tiers[i]; i++)
        if (equals_ci(l, after_tiers[i]))
            return 1;
    return 0;
}

/* A line that may name the tier whose span follows it: a heading, or a
 * short "Label: name", but not a sentence of the description before it. */
static int can_name_tier(careerp_line l)
{
    return l.n && l.n <= MAX_HEADING && !memchr(".!?;,", l.s[l.n - 1], 5);
}

/* The "Experience:" line right after line i, or NONE. */
static size_t span_after(const guide *g, size_t i)
{
    size_t e = next_nonblank(g, i + 1);

    return e < g->count && starts_ci(g->lines[e], "Experience:") ? e : NONE;
}

/* Whether the text ends at line h, or after it with the start of the word
 * "Experience" (a span cut off before its colon). */
static int text_ends_at(const guide *g, size_t h)
{
    static const char word[] = "Experience:";
    size_t e = next_nonblank(g, h + 1), i;
    careerp_line l;

    if (e >= g->count)
        return 1;
    l = g->lines[e];
    if (next_nonblank(g, e + 1) < g->count || l.n >= sizeof word - 1)
        return 0;
    for (i = 0; i < l.n; i++)
        if (careerp_ascii_lower((unsigned char)l.s[i]) !=
            careerp_ascii_lower((unsigned char)word[i]))
            return 0;
    return 1;
}

/* A heading among the tiers that is no section's and has no span. */
static career_status fail_no_span(const guide *g, size_t h)
{
    careerp_line l = g->lines[h];

    if (!careerp_utf8_valid(l.s, l.n))
        return fail_line(g, h, "tier name is not valid UTF-8");
    if (text_ends_at(g, h))
        return fail_line(g, h, "tier '%.*s' has no 'Experience: A-B years' "
                               "line: the text ends there (cut off?)",
                         (int)l.n, l.s);
    return fail_line(g, h, "tier '%.*s' has no 'Experience: A-B years' line "
                           "after it (the tiers end only at the next "
                           "section's heading, such as 'Global Outlook')",
                     (int)l.n, l.s);
}

static career_status read_tier(guide *g, parts *pt, size_t name, size_t exp)
{
    careerp_line l = g->lines[name];
    career_tier *t = &pt->tiers[pt->ntiers];

    if (pt->ntiers == CAREER_MAX_TIERS)
        return fail_line(g, name, "more than %d career tiers",
                         CAREER_MAX_TIERS);
    if (!careerp_utf8_valid(l.s, l.n))
        return fail_line(g, name, "tier name is not valid UTF-8");
    t->name = keep(g, l.s, l.n);
    t->salary = NAN;
    return read_span(g, exp, t, &pt->span_end[pt->ntiers++]);
}

/* The section is closed, at the next section's heading or the end of the
 * text (`at`, the last line read): it must have a tier, and the text must
 * not end inside it. */
static career_status close_tiers(const guide *g, const parts *pt, size_t h,
                                 size_t at)
{
    if (!pt->ntiers)
        return fail_line(g, h, "no tier after 'Career Path Tiers' (NAME "
                               "then 'Experience: A-B years')");
    if (at < g->count && ends_tiers(g->lines[at]))
        return CAREER_OK;
    return fail_line(g, at, "the text ends inside the career tiers, after "
                            "tier '%s' (cut off? the tiers end at the next "
                            "section's heading, such as 'Global Outlook')",
                     pt->tiers[pt->ntiers - 1].name);
}

/* "Career Path Tiers", then tiers (a name, its "Experience:" line and a
 * description of sentences) up to the next section's heading. Every other
 * heading there must be followed by its span: a tier is never dropped,
 * nor folded into the one before it. */
static career_status read_tiers(guide *g, parts *out)
{
    size_t h = NONE, i, e, last;
    career_status st;

    for (i = 0; i < g->count && h == NONE; i++)
        if (equals_ci(g->lines[i], "Career Path Tiers"))
            h = i;
    if (h == NONE)
        return fail_line(g, NONE, "no career tiers ('Career Path Tiers' "
                                  "then NAME and 'Experience: A-B years')");
    for (last = h, i = next_nonblank(g, h + 1); i < g->count;
         last = i, i = next_nonblank(g, i + 1)) {
        careerp_line l = g->lines[i];

        if (starts_ci(l, "Experience:"))
            return fail_line(g, i, "'Experience:' without a tier name "
                                   "before it");
        if ((e = span_after(g, i)) != NONE && can_name_tier(l)) {
            if ((st = read_tier(g, out, i, e)))
                return st;
            i = e;
        } else if (looks_like_heading(l)) {
            return ends_tiers(l) ? close_tiers(g, out, h, i)
                                 : fail_no_span(g, i);
        } /* else a sentence of a tier's description */
    }
    return close_tiers(g, out, h, last);
}

/* ---- the profile ------------------------------------------------------------- */

/* "1 year", "2.5 years". */
static const char *years_text(char *buf, size_t size, double years)
{
    careerp_snprintf_c(buf, size, "%.15g year%s", years,
                       years == 1.0 ? "" : "s");
    return buf;
}

/* An amount as a reader writes it: "160,000" (a whole number below 1e15
 * with thousands grouped), else "%.15g". */
static const char *amount_text(char *buf, size_t size, double v)
{
    char digits[24];
    size_t n, i, j = 0;

    if (!(v >= 0 && v < 1e15 && v == floor(v)) || size < 24) {
        careerp_snprintf_c(buf, size, "%.15g", v);
        return buf;
    }
    n = (size_t)snprintf(digits, sizeof digits, "%.0f", v);
    for (i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
    return buf;
}

/* How the anchor of tier i was found, quoting the span as guides write it. */
static void note_anchor(guide *g, parts *pt, size_t i)
{
    const career_tier *t = &pt->tiers[i];
    char at[40];

    years_text(at, sizeof at, t->anchor_years);
    if (isnan(pt->span_end[i]))
        note(g, pt, "%s: anchored at %s, %g years past the start of its "
                    "open span '%.15g+ years'", t->name, at, SPAN_OPEN_EXTRA,
             t->min_years);
    else
        note(g, pt, "%s: anchored at %s, the midpoint of '%.15g-%.15g "
                    "years'", t->name, at, t->min_years, pt->span_end[i]);
}

/* Entry, Mid and Senior give tiers 0..2 their salaries and the top-10 %
 * threshold the top tier (4 tiers or more); tiers between get none (NaN)
 * and the curve interpolates through them. With 2 tiers: Entry and Senior. */
static career_status assign_salaries(const guide *g, parts *pt)
{
    const double level[3] = {pt->entry, pt->mid, pt->senior};
    size_t i, n = pt->ntiers;

    if (n == 2) {
        pt->tiers[0].salary = pt->entry;
        pt->tiers[1].salary = pt->senior;
        return CAREER_OK;
    }
    for (i = 0; i < n && i < 3; i++)
        pt->tiers[i].salary = level[i];
    if (n < 4)
        return CAREER_OK;
    if (!pt->has_top10)
        return fail_line(g, NONE, "no top-10%% threshold ('Top 10%% ... "
                                  "$AMOUNT' after the salary levels) for "
                                  "the top tier");
    pt->tiers[n - 1].salary = pt->top10;
    return CAREER_OK;
}

/* What the import inferred, tier by tier, then about the market. */
static void write_notes(guide *g, parts *pt)
{
    size_t i, n = pt->ntiers;
    char a[32], b[32];

    for (i = 0; i < n; i++) {
        note_anchor(g, pt, i);
        if (n >= 4 && i == n - 1)
            note(g, pt, "%s: salary %s, the top-10 %% threshold (the guide "
                        "gives no level for its top tier)",
                 pt->tiers[i].name, amount_text(a, sizeof a, pt->top10));
        else if (n >= 4 && i >= 3)
            note(g, pt, "%s: no salary in the guide; the curve interpolates "
                        "through it", pt->tiers[i].name);
    }
    if (n == 2)
        note(g, pt, "Mid-Level %s is no tier's salary: with 2 tiers, "
                    "Entry-Level and Senior-Level are theirs",
             amount_text(a, sizeof a, pt->mid));
    if (pt->money.other)
        note(g, pt, "amounts marked '%.*s' read as %s, the heading's "
                    "currency", (int)pt->money.other_len, pt->money.other,
             pt->money.currency);
    if (pt->has_top10 && pt->top10 != pt->hi)
        note(g, pt, "p90 is the range's top %s, not the top-10 %% "
                    "threshold %s", amount_text(a, sizeof a, pt->hi),
             amount_text(b, sizeof b, pt->top10));
}

static career_status build(const guide *g, const parts *pt,
                           career_profile **out)
{
    const career_quantile q[3] = {
        {0.10, pt->lo}, {0.50, pt->median}, {0.90, pt->hi}};
    career_profile p = {
        .role = pt->role,
        .region = pt->region,
        .currency = pt->money.currency,
        .period = "year",
        .source = "career guide",
        .tiers = pt->tiers,
        .ntiers = pt->ntiers,
        .quantiles = q,
        .nquantiles = 3,
        .demand_growth = pt->growth,
        .demand_years = GROWTH_YEARS,
        .demand_level = pt->level,
        .notes = pt->nnotes ? pt->notes : NULL,
        .nnotes = pt->nnotes,
    };

    return careerp_copy_read_profile(&p, out, g->err, SOURCE, "guide: ");
}

static career_status import(guide *g, career_profile **out)
{
    parts pt;
    size_t range = 0;
    career_status st;

    memset(&pt, 0, sizeof pt);
    if ((st = read_title(g, &pt)) ||
        (st = read_salary_heading(g, &pt, &range)) ||
        (st = read_levels(g, range, &pt)) || (st = read_top10(g, &pt)) ||
        (st = read_growth(g, &pt)) || (st = read_tiers(g, &pt)) ||
        (st = assign_salaries(g, &pt)))
        return st;
    read_demand_level(g, &pt);
    write_notes(g, &pt);
    return build(g, &pt, out);
}

/* The pool: the role, region, currency and level may come from any line
 * (4 * len), tier names are distinct lines (len + count with their NULs),
 * and the notes name each tier at most twice (2 * len) beside at most
 * NOTE_ROOM bytes of their own. */
#define POOL_FIXED (8 + (size_t)CAREER_MAX_NOTES * NOTE_ROOM)

career_status career_guide_import(const char *text, size_t len,
                                  career_profile **out, career_error *err)
{
    guide g = {NULL, 0, {NULL, 0, 0, 1}, err};
    career_status st;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    *out = NULL;
    if (!text && len)
        return careerp_fail(err, CAREER_ERR_ARG, "text: NULL");
    /* up to len + 1 lines and a pool of 8 * len + 1 + POOL_FIXED bytes */
    if (len > (SIZE_MAX - POOL_FIXED - 1) / (sizeof(careerp_line) + 8))
        return careerp_fail(err, CAREER_ERR_ARG, "text: too long");
    if (!text)
        text = "";
    /* a byte-order mark is an encoding's signature, not the title's text */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, len -= 3;
    if ((st = split_lines(&g, text, len)) != CAREER_OK)
        return st;
    g.pool.cap = 7 * len + g.count + POOL_FIXED;
    if (!(g.pool.text = malloc(g.pool.cap))) {
        free(g.lines);
        return careerp_fail(err, CAREER_ERR_NOMEM, "guide: out of memory");
    }
    st = import(&g, out);
    free(g.pool.text);
    free(g.lines);
    return st;
}
