/* fuzz_json.c - libFuzzer target for the JSON parser, loader and writer.
 * Any input: parse it with json_parse.c and with jansson's json_loadb,
 * which must agree (the same tree, or the same error where); load it (as
 * one profile, and by a role); when it loads, write it back and check that
 * the text loads to the same profile. A failure must leave *out NULL and
 * say why. */
#include "career.h"
#include "fuzz_locale.h"
#include "../json_oracle.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static void round_trip(const career_profile *p)
{
    career_profile *q = NULL;
    char *json = NULL;
    size_t i;

    if (career_profile_to_json(p, &json, NULL) != CAREER_OK)
        abort(); /* a loaded profile is valid, so it must be writable */
    if (career_profile_load_string(json, NULL, &q, NULL) != CAREER_OK)
        abort();
    if (strcmp(p->role, q->role) != 0 || p->ntiers != q->ntiers ||
        p->nquantiles != q->nquantiles ||
        !same(p->demand_growth, q->demand_growth) ||
        !same(p->demand_years, q->demand_years))
        abort();
    for (i = 0; i < p->ntiers; i++)
        if (strcmp(p->tiers[i].name, q->tiers[i].name) != 0 ||
            !same(p->tiers[i].min_years, q->tiers[i].min_years) ||
            !same(p->tiers[i].anchor_years, q->tiers[i].anchor_years) ||
            !same(p->tiers[i].salary, q->tiers[i].salary))
            abort();
    for (i = 0; i < p->nquantiles; i++)
        if (!same(p->quantiles[i].p, q->quantiles[i].p) ||
            !same(p->quantiles[i].salary, q->quantiles[i].salary))
            abort();
    free(json);
    career_profile_free(q);
}

static void load(const char *text, const char *role)
{
    career_profile *p = NULL;
    career_error err;

    if (career_profile_load_string(text, role, &p, &err) == CAREER_OK) {
        round_trip(p);
        career_profile_free(p);
    } else if (p != NULL || err.status == CAREER_OK || !err.text[0]) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), why[800];

    if (json_oracle_differs((const char *)data, size, why, sizeof why)) {
        fprintf(stderr, "json_parse.c and jansson differ: %s\n", why);
        abort();
    }
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    load(text, NULL);
    load(text, "performance ARCHITECT");
    free(text);
    return 0;
}
