/* equity_uk.c - the UK's gender pay gap report (the Equality Act 2010
 * (Gender Pay Gap Information) Regulations 2017, SI 2017/172, regs 6 and 8
 * to 13), and the quartile pay bands it shares with the EU report. */
#include "pay/pay.h"

#include <stdlib.h>
#include <string.h>

/* The bands' sizes (reg 13(1)(b)-(c) and the service's guidance): n / 4
 * each, and the remainder one each to the lower band, then the upper
 * middle, then the lower middle. */
static void band_sizes(size_t n, size_t size[4])
{
    size_t q = n / 4, r = n % 4;

    size[0] = q + (r >= 1);
    size[1] = q + (r >= 3);
    size[2] = q + (r >= 2);
    size[3] = q;
}

static void swap(careerp_ranked *a, careerp_ranked *b)
{
    careerp_ranked t = *a;

    *a = *b;
    *b = t;
}

/* The value of rank k (0-based) of r[lo..hi), found by quickselect (Hoare's
 * partition, which keeps runs of equal pay balanced), r reordered. */
static double select_rank(careerp_ranked *r, ptrdiff_t lo, ptrdiff_t hi,
                          ptrdiff_t k)
{
    while (hi - lo > 1) {
        double a = r[lo].value, b = r[lo + (hi - lo) / 2].value;
        double c = r[hi - 1].value, pivot;
        ptrdiff_t i = lo, j = hi - 1;

        pivot = a < b ? (b < c ? b : (a < c ? c : a))
                      : (a < c ? a : (b < c ? c : b));
        while (i <= j) {
            while (r[i].value < pivot)
                i++;
            while (r[j].value > pivot)
                j--;
            if (i <= j)
                swap(&r[i++], &r[j--]);
        }
        if (k <= j)
            hi = j + 1;
        else if (k >= i)
            lo = i;
        else
            return pivot;
    }
    return r[k].value;
}

/* The women among the first p places of the ranking, each run of equal
 * rates counted as its own share of women at every place it holds:
 * v is the rate of place p (1-based). */
typedef struct place {
    double v;
    size_t less, equal;
    double women_less, women_equal;
} place;

static double women_before(const place *pl, size_t p)
{
    if (p == 0)
        return 0.0;
    return pl->women_less + pl->women_equal * (double)(p - pl->less) /
                                (double)pl->equal;
}

void careerp_quartiles(careerp_ranked *r, size_t n, double women[4],
                       double men[4])
{
    size_t size[4], edge[5], i, k;
    place pl[5];
    double total = 0.0;

    band_sizes(n, size);
    edge[0] = 0;
    for (k = 0; k < 4; k++)
        edge[k + 1] = edge[k] + size[k];
    /* the rates at the three inner edges, by selection, not a sort: each
     * search starts where the last one's rank left the array ordered */
    memset(pl, 0, sizeof pl);
    for (k = 1; k < 4; k++)
        if (edge[k] > 0)
            pl[k].v = select_rank(r, 0, (ptrdiff_t)n,
                                  (ptrdiff_t)edge[k] - 1);
    for (i = 0; i < n; i++) {
        total += (double)r[i].female;
        for (k = 1; k < 4; k++) {
            if (r[i].value < pl[k].v) {
                pl[k].less++;
                pl[k].women_less += (double)r[i].female;
            } else if (r[i].value == pl[k].v) {
                pl[k].equal++;
                pl[k].women_equal += (double)r[i].female;
            }
        }
    }
    for (k = 0; k < 4; k++) {
        double lo = k ? women_before(&pl[k], edge[k]) : 0.0;
        double hi = k < 3 ? women_before(&pl[k + 1], edge[k + 1]) : total;
        women[k] = size[k] ? (hi - lo) / (double)size[k] : NAN;
        men[k] = size[k] ? 1.0 - women[k] : NAN;
    }
}

/* Sums of one sex: the full-pay hourly rates, and the bonuses. */
typedef struct uk_sums {
    size_t relevant, full_pay, bonus;
    long double hourly, bonus_sum;
} uk_sums;

static void uk_sum(const career_workforce *wf, uk_sums s[2])
{
    careerp_level l;
    size_t i;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        uk_sums *t;
        if (w->sex == CAREER_SEX_NOT_GIVEN)
            continue;
        t = &s[w->sex == CAREER_SEX_MALE];
        t->relevant++;
        if (!(w->flags & CAREER_WORKER_REDUCED_PAY)) {
            careerp_level_of(w, &l);
            t->full_pay++;
            t->hourly += l.hourly;
        }
        if (w->bonus > 0.0) {
            t->bonus++;
            t->bonus_sum += w->bonus;
        }
    }
}

/* The median hourly rate (full pay) or bonus (paid one) of one sex. */
static double uk_median(const career_workforce *wf, career_sex sex,
                        int bonus, double *scratch)
{
    careerp_level l;
    size_t i, k = 0;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->sex != sex)
            continue;
        if (bonus && w->bonus > 0.0) {
            scratch[k++] = w->bonus;
        } else if (!bonus && !(w->flags & CAREER_WORKER_REDUCED_PAY)) {
            careerp_level_of(w, &l);
            scratch[k++] = l.hourly;
        }
    }
    return careerp_median(scratch, k);
}

static double mean_of(long double sum, size_t n)
{
    return n ? (double)(sum / (long double)n) : NAN;
}

static void uk_bands(const career_workforce *wf, careerp_ranked *rk,
                     career_uk_report *r)
{
    careerp_level l;
    size_t i, k = 0;

    for (i = 0; i < wf->n; i++) {
        const career_worker *w = &wf->workers[i];
        if (w->sex == CAREER_SEX_NOT_GIVEN ||
            (w->flags & CAREER_WORKER_REDUCED_PAY))
            continue;
        careerp_level_of(w, &l);
        rk[k].value = l.hourly;
        rk[k++].female = w->sex == CAREER_SEX_FEMALE;
    }
    careerp_quartiles(rk, k, r->quartile_women, r->quartile_men);
}

career_status career_uk_report_compute(const career_workforce *wf,
                                       career_uk_report *out,
                                       career_error *err)
{
    uk_sums s[2];
    career_uk_report r;
    careerp_ranked *rk;
    double *scratch;
    career_gap_status st;
    career_status status;

    careerp_error_reset(err);
    if (!out)
        return careerp_fail(err, CAREER_ERR_ARG, "out: NULL");
    if ((status = careerp_workforce_check(wf, err)) != CAREER_OK)
        return status;
    if (!(rk = malloc(wf->n * sizeof *rk)))
        return careerp_fail(err, CAREER_ERR_NOMEM, "out of memory");
    scratch = (double *)(void *)rk; /* 16 bytes a row: room for a double */
    memset(s, 0, sizeof s);
    memset(&r, 0, sizeof r);
    uk_sum(wf, s);
    r.relevant_women = s[0].relevant, r.relevant_men = s[1].relevant;
    r.full_pay_women = s[0].full_pay, r.full_pay_men = s[1].full_pay;
    r.bonus_women = s[0].bonus, r.bonus_men = s[1].bonus;
    r.mean_hourly_gap = careerp_gap(mean_of(s[1].hourly, s[1].full_pay),
                                    mean_of(s[0].hourly, s[0].full_pay),
                                    s[1].full_pay, s[0].full_pay, &r.status);
    r.median_hourly_gap =
        careerp_gap(uk_median(wf, CAREER_SEX_MALE, 0, scratch),
                    uk_median(wf, CAREER_SEX_FEMALE, 0, scratch),
                    s[1].full_pay, s[0].full_pay, &st);
    r.mean_bonus_gap = careerp_gap(mean_of(s[1].bonus_sum, s[1].bonus),
                                   mean_of(s[0].bonus_sum, s[0].bonus),
                                   s[1].bonus, s[0].bonus, &r.bonus_status);
    r.median_bonus_gap =
        careerp_gap(uk_median(wf, CAREER_SEX_MALE, 1, scratch),
                    uk_median(wf, CAREER_SEX_FEMALE, 1, scratch), s[1].bonus,
                    s[0].bonus, &st);
    r.bonus_share_women = s[0].relevant ? (double)s[0].bonus /
                                              (double)s[0].relevant : NAN;
    r.bonus_share_men = s[1].relevant ? (double)s[1].bonus /
                                            (double)s[1].relevant : NAN;
    uk_bands(wf, rk, &r);
    free(rk);
    *out = r;
    return CAREER_OK;
}
