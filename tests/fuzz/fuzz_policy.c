/* fuzz_policy.c - libFuzzer target for the merit policy loader and the
 * cycle. Any input is loaded as a policy; a failure must leave *out NULL
 * and say why. A policy that loads runs a cycle over a small fixed
 * population on the built-in model: it must succeed, and when the budget
 * is met its cost must be the budget to the cent, every merit within a
 * cent of rate x base, and base + lump = merit + lift. */
#include "career.h"
#include "fuzz_locale.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static career_model *model; /* built once: the fuzzer runs one thread */

static void check_cycle(const career_merit_policy *p)
{
    enum { N = 24 };
    career_employee e[N];
    career_merit_result r[N];
    career_merit_summary s;
    size_t i, nr = career_merit_rating_count(p);
    long long cost = 0;

    memset(e, 0, sizeof e);
    for (i = 0; i < N; i++) {
        e[i].years = 0.9 * (double)i;
        e[i].tier = CAREER_TIER_FROM_YEARS;
        e[i].salary = 70000.0 + 6011.37 * (double)i;
        e[i].rating = i % nr;
    }
    if (career_merit_cycle(model, p, e, N, r, &s, NULL) != CAREER_OK)
        abort();
    for (i = 0; i < N; i++) {
        double base = e[i].salary + r[i].lift;
        if (llround(100 * (r[i].base_raise + r[i].lump_sum)) !=
            llround(100 * (r[i].merit + r[i].lift)))
            abort();
        if (!(s.flags & CAREER_MERIT_BUDGET_UNMET) &&
            !(fabs(r[i].merit - r[i].rate * base) < 0.0100001))
            abort();
        cost += llround(100 * r[i].merit);
    }
    if (!(s.flags & CAREER_MERIT_BUDGET_UNMET) &&
        (s.cost_cents != s.budget_cents || cost > s.cost_cents))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    career_merit_policy *p = NULL;
    career_error err;

    if (!text)
        return 0;
    if (!model &&
        career_model_new(career_profile_default(), NULL, &model, NULL))
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    if (career_merit_policy_load_string(text, &p, &err) == CAREER_OK) {
        career_pay_range ranges[CAREER_MAX_TIERS];
        if (career_pay_structure(model, p, ranges, CAREER_MAX_TIERS) ==
            CAREER_OK)
            check_cycle(p);
        career_merit_policy_free(p);
    } else if (p != NULL || err.status == CAREER_OK || !err.text[0]) {
        abort();
    }
    free(text);
    return 0;
}
