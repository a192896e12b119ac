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
    "Read the plain text of a career guide (- for standard input) and write\n"
    "its JSON profile (to stdout by default). The profile is checked by\n"
    "building a model.\n"
    "\n"
    "  -o, --output FILE        write the profile to FILE (replaced whole)\n"
    "                           instead of stdout; - is stdout\n"
    "  -v, --verbose            print what the import inferred (its notes)\n"
    "                           on stderr\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 data error (a part of the guide not found,\n"
    "unreadable file), 2 usage error.\n"
    "\n"
    "Example:\n"
    "  career-import examples/guides/performance-architect.txt -o profile.json\n"
    "  career-ladder --profile profile.json\n";

/* The largest guide read: guides are a few pages of text. */
#define MAX_GUIDE (16u << 20)

/* Reads all of f (a pipe, a FIFO, a terminal or a file) up to MAX_GUIDE. */
static char *read_stream(cli *c, FILE *f, const char *path, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *text = malloc(cap + 1), *grown;

    while (text && (got = fread(text + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > MAX_GUIDE)
            break;
        if (n == cap && !(grown = realloc(text, 2 * cap + 1))) {
            free(text);
            text = NULL;
        } else if (n == cap) {
            text = grown;
            cap *= 2;
        }
    }
    if (!text)
        cli_data_error(c, "out of memory");
    if (ferror(f) || n > MAX_GUIDE) {
        int e = errno;
        free(text);
        if (n > MAX_GUIDE)
            cli_data_error(c, "%s: too large for a guide (over 16 MiB)", path);
        cli_data_error(c, "%s: cannot read: %s", path, strerror(e));
    }
    text[n] = '\0';
    *len = n;
    return text;
}

/* The guide at path; "-" is standard input. */
static char *read_guide(cli *c, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat st;
    char *text;

    if (!f)
        cli_data_error(c, "%s: %s", path, strerror(errno));
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        cli_data_error(c, "%s: is a folder, not a guide", path);
    }
    text = read_stream(c, f, f == stdin ? "<stdin>" : path, len);
    if (f != stdin)
        fclose(f);
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
    c.longopts = longopts;
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
    if (output && strcmp(output, "-") != 0) /* "-o -" is stdout */
        st = career_profile_save_file(profile, output, &err);
    else if ((st = career_profile_to_json(profile, &json, &err)) == CAREER_OK)
        fputs(json, cli_out(&c));
    free(json);
    career_profile_free(profile);
    if (st != CAREER_OK)
        cli_error_record(&c, &err);
    return cli_finish(&c);
}
