/* fuzz_oews.c - libFuzzer target for the OEWS and EP tables read from any
 * bytes (CSV, or .xlsx when they start as a zip archive). A table that
 * opens must give entries whose profiles are valid and writable as JSON;
 * a failure must leave *out NULL and say why. */
#include "career.h"
#include "fuzz_locale.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void profiles(const career_oews_table *t, const career_ep_table *ep)
{
    career_oews_entry e;
    career_profile *p;
    career_error err;
    char *json;
    size_t i;

    for (i = 0; i < career_oews_count(t) && i < 16; i++) {
        if (career_oews_entry_at(t, i, &e) != CAREER_OK || !e.occ_code ||
            !e.occ_title || !e.area_code || !e.area_title)
            abort();
        p = NULL;
        if (career_oews_profile(t, e.occ_code, e.area_code, NULL, ep, &p,
                                &err) != CAREER_OK) {
            if (p || !err.text[0])
                abort();
            continue;
        }
        if (career_profile_validate(p, NULL) != CAREER_OK ||
            career_profile_to_json(p, &json, NULL) != CAREER_OK)
            abort();
        free(json);
        career_profile_free(p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    career_oews_table *t = NULL;
    career_ep_table *ep = NULL;
    career_error err;

    if (career_ep_open_memory(data, size, "fuzz", &ep, &err) != CAREER_OK &&
        (ep || !err.text[0]))
        abort();
    if (career_oews_open_memory(data, size, "fuzz", NULL, &t, &err) ==
        CAREER_OK)
        profiles(t, ep);
    else if (t || !err.text[0])
        abort();
    career_oews_close(t);
    career_ep_close(ep);
    return 0;
}
