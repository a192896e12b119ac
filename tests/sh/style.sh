#!/bin/sh
# make style's checker (mk/style.sh) passes the tree's own files and fails
# each rule seeded in a copy of one: every seed is one problem, reported
# with its file and line.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Copies of real files (the checker reads the name from the path) and a
# header of our own; these pass as they are.
cp lib/core/curve.c examples/career-demo.c lib/internal.h "$tmp/"
cat >"$tmp/seed.h" <<'EOF'
/* seed.h - a header for the style test. */
#ifndef CAREER_SEED_H
#define CAREER_SEED_H

/* Neither "a // b" nor 'if(' in a comment or a string is a problem. */
#define SEED_URL "http://example.org/"

#endif
EOF
sh mk/style.sh "$tmp/curve.c" "$tmp/career-demo.c" "$tmp/internal.h" \
    "$tmp/seed.h" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "clean copies fail"; }

n=0
# seed FILE PATTERN TEXT: FILE with TEXT appended (printf's format) fails
# with one problem matching PATTERN.
seed() {
    n=$((n + 1))
    mkdir "$tmp/$n"
    cp "$tmp/$1" "$tmp/$n/$1"
    # shellcheck disable=SC2059 # the seed is a format on purpose
    printf "$3" >>"$tmp/$n/$1"
    if sh mk/style.sh "$tmp/$n/$1" >"$tmp/out" 2>&1; then
        fail "seed $n ($2) passes"
    fi
    [ "$(grep -c "^$tmp/$n/$1:[0-9]*: " "$tmp/out")" -eq 1 ] &&
        grep -q "$2" "$tmp/out" || { cat "$tmp/out"; fail "seed $n: not one '$2'"; }
}
seed curve.c 'tab' '\tint seed;\n'
seed curve.c 'trailing white space' 'int seed; \n'
seed curve.c 'carriage return' 'int seed;\r\n'
seed curve.c 'no newline at the end' 'int seed;'
seed curve.c 'longer than 120' "/* $(printf '%0130d' 0) */\n"
seed curve.c '// comment' 'int seed; // a seed\n'
seed curve.c 'between the keyword' 'static int seed(int x)\n{\n    if(x)\n        return 1;\n    return 0;\n}\n'
seed curve.c 'line of its own' 'static int seed(void) {\n    return 0;\n}\n'
seed curve.c 'end of its line' 'static int seed(int x)\n{\n    if (x)\n    {\n        x++;\n    }\n    return x;\n}\n'
seed curve.c '"} else"' 'static int seed(int x)\n{\n    if (x) {\n        x++;\n    }\n    else {\n        x--;\n    }\n    return x;\n}\n'
seed internal.h 'not the last directive' '#include <stddef.h>\n'
seed seed.h 'not the last directive' '#define SEED_AFTER 1\n'

# A file that does not name itself, and reserved guard names.
mkdir "$tmp/name"
cp lib/core/curve.c "$tmp/name/other.c"
sed 's/CAREER_SEED_H/_CAREER_SEED_H/' "$tmp/seed.h" >"$tmp/name/seed.h"
sed 's/CAREER_SEED_H/CAREER__SEED_H/' "$tmp/seed.h" >"$tmp/name/seed2.h"
sed 's/seed.h/seed2.h/' "$tmp/name/seed2.h" >"$tmp/name/x" && mv "$tmp/name/x" "$tmp/name/seed2.h"
if sh mk/style.sh "$tmp/name/other.c" "$tmp/name/seed.h" "$tmp/name/seed2.h" >"$tmp/out" 2>&1; then
    fail "a misnamed file and reserved guards pass"
fi
grep -q "other.c:1: the opening comment does not name the file" "$tmp/out" &&
    grep -q "seed.h:1: include guard _CAREER_SEED_H" "$tmp/out" &&
    grep -q "seed2.h:1: include guard CAREER__SEED_H" "$tmp/out" &&
    grep -q "^style: 3 problems in 3 of 3 files" "$tmp/out" ||
    { cat "$tmp/out"; fail "misnamed file or reserved guards"; }

# The column limit is STYLE_COLUMNS.
STYLE_COLUMNS=60 sh mk/style.sh "$tmp/seed.h" >"$tmp/out" 2>&1 &&
    fail "STYLE_COLUMNS=60 passes a 71-column line"
grep -q "seed.h:5: longer than 60 characters (71)" "$tmp/out" || { cat "$tmp/out"; fail "STYLE_COLUMNS"; }
echo "style: the checker passes clean files and fails $((n + 3)) seeded problems"
