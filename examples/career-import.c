/* career-import - a career guide's plain text to a JSON profile: the role,
 * region and currency, the salary range and levels, the growth rate and the
 * tiers, checked by building a model from it. */
#include "cli.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: career-import [-v] GUIDE.txt [-o FILE.json]\n"
    "Read the plain text of a career guide and write its JSON profile\n"
    "(to stdout by default). The profile is checked by building a model.\n"
    "\n"
    "  -o, --output FILE        write the profile to FILE instead of stdout\n"
    "  -v, --verbose            print what the import inferred (its notes)\n"
    "                           on stderr\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 data error (a part of the guide not found,\n"
    "unreadable file), 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-import guide.txt -o profile.json\n"
    "  career-ladder --profile profile.json\n";

/* The largest guide read: guides are a few pages of text. */
#define MAX_GUIDE (16u << 20)

static char *read_guide(cli *c, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *text;

    if (!f)
        cli_data_error(c, "%s: %s", path, strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        cli_data_error(c, "%s: not a regular file", path);
    }
    if ((unsigned long long)st.st_size > MAX_GUIDE) {
        fclose(f);
        cli_data_error(c, "%s: too large for a guide (over 16 MiB)", path);
    }
    text = malloc((size_t)st.st_size + 1);
    if (!text) {
        fclose(f);
        cli_data_error(c, "out of memory");
    }
    *len = fread(text, 1, (size_t)st.st_size, f);
    if (ferror(f)) {
        free(text);
        fclose(f);
        cli_data_error(c, "%s: cannot read: %s", path, strerror(errno));
    }
    fclose(f);
    text[*len] = '\0';
    return text;
}

/* The guesses the import made, for a reader to check (--verbose). */
static void print_notes(const career_profile *profile)
{
    size_t i;

    for (i = 0; i < profile->nnotes; i++)
        fprintf(stderr, "career-import: note: %s\n", profile->notes[i]);
}

/* The library names the text "<guide>"; the user knows it by its path. */
static void fail(cli *c, career_error *err, const char *path)
{
    if (err->line > 0 || strcmp(err->source, "<guide>") == 0)
        snprintf(err->source, sizeof err->source, "%s", path);
    cli_error_record(c, err);
}

int main(int argc, char *argv[])
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL, *path;
    career_profile *profile = NULL;
    career_model *model = NULL;
    career_error err;
    char *text, *json = NULL;
    size_t len;
    cli c;
    int opt, verbose = 0;

    gsl_set_error_handler_off();
    cli_init(&c, "career-import", usage);
    while ((opt = getopt_long(argc, argv, ":hVvo:", longopts, NULL)) != -1) {
        if (opt == 'o') {
            if (optarg[0] == '\0')
                cli_usage_error(&c, "--output: empty file name");
            output = optarg;
        } else if (opt == 'v') {
            verbose = 1;
        } else {
            cli_common_option(&c, opt, argv);
        }
    }
    if (optind >= argc)
        cli_usage_error(&c, "missing the GUIDE.txt file to import");
    if (argc - optind > 1)
        cli_usage_error(&c, "unexpected argument '%s' (one guide at a time)",
                        argv[optind + 1]);
    path = argv[optind];
    text = read_guide(&c, path, &len);
    career_status st = career_guide_import(text, len, &profile, &err);
    free(text);
    if (st != CAREER_OK)
        fail(&c, &err, path);
    /* a profile the library cannot model is no use to the other tools */
    if (career_model_new(profile, NULL, &model, &err) != CAREER_OK) {
        career_profile_free(profile);
        fail(&c, &err, path);
    }
    career_model_free(model);
    if (verbose)
        print_notes(profile);
    if (output)
        st = career_profile_save_file(profile, output, &err);
    else if ((st = career_profile_to_json(profile, &json, &err)) == CAREER_OK)
        fputs(json, cli_out(&c));
    free(json);
    career_profile_free(profile);
    if (st != CAREER_OK)
        cli_error_record(&c, &err);
    return cli_finish(&c);
}
