/* fuzz_guide.c - libFuzzer target for the career-guide importer. The input
 * is given without a NUL on purpose: only `size` bytes may be read. An
 * imported profile must be valid and writable as JSON; a failure must leave
 * *out NULL and say why. */
#include "career.h"
#include "fuzz_locale.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1), *json = NULL;
    career_profile *p = NULL;
    career_error err;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    if (career_guide_import(copy, size, &p, &err) == CAREER_OK) {
        if (career_profile_validate(p, NULL) != CAREER_OK ||
            career_profile_to_json(p, &json, NULL) != CAREER_OK)
            abort();
        free(json);
        career_profile_free(p);
    } else if (p != NULL || err.status == CAREER_OK || !err.text[0]) {
        abort();
    }
    free(copy);
    return 0;
}
