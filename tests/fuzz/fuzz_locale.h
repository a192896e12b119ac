/* fuzz_locale.h - every fuzz target runs in the locale that
 * CAREER_FUZZ_LOCALE names (mk/fuzz.mk runs each under C, de_DE.UTF-8 and
 * ps_AF.UTF-8), set for the whole process as a host would: numbers must
 * read and write the same whatever its decimal point. Include
 * it once, in the target's one file. */
#ifndef CAREER_FUZZ_LOCALE_H
#define CAREER_FUZZ_LOCALE_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A locale that is named but not installed stops the run: a fuzzer that
 * silently ran in C would prove nothing about the others. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *name = getenv("CAREER_FUZZ_LOCALE");

    (void)argc;
    (void)argv;
    if (name && *name && !setlocale(LC_ALL, name)) {
        fprintf(stderr, "fuzz: locale %s is not installed (Debian: "
                        "locales-all)\n", name);
        exit(1);
    }
    return 0;
}

#endif /* CAREER_FUZZ_LOCALE_H */
