#!/bin/sh
# mk/style.sh - checks the layout the C sources are written in (make style),
# as curl's checksrc does: the rules below are the ones the whole tree
# follows, so that a new file or a new line keeps to them.
#
#   sh mk/style.sh [FILE...]     the files given, or every .c and .h file
#                                under lib/ include/ examples/ tests/ bench/
#
# Each problem is one line "FILE:LINE: what is wrong"; the exit status is 1
# when there is any. The rules:
#   - no tab, no carriage return, no trailing white space, and a newline at
#     the end of the file;
#   - no line longer than STYLE_COLUMNS characters (default 120; the code
#     is written to 79, and about 400 lines, most of them in tests/, are
#     longer: lower the limit as they are rewrapped);
#   - the file opens with a comment whose first word names the file
#     ("/* curve.c - ...", "/* career-demo - ...", " * bls/bls.h - ...");
#   - no // comments;
#   - a space between if, for, while or switch and its parenthesis;
#   - a function's opening brace on a line of its own, a control
#     statement's at the end of its line, and "} else" on one line;
#   - a header is guarded by #ifndef CAREER_..._H and #define of the same
#     name (never a name reserved to the implementation: no leading
#     underscore, no double one), its #endif the last directive.
# clang-format (Debian's 14) cannot be set to agree with the tree: the
# closest settings would rewrite some 1,900 of its 31,000 lines.
set -eu
cd "$(dirname "$0")/.."
columns=${STYLE_COLUMNS:-120}

if [ $# -eq 0 ]; then
    set -- $(find lib include examples tests bench -type f \
        \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
fi
[ $# -gt 0 ] || { echo "style: no C files found" >&2; exit 1; }

problems=$(mktemp)
trap 'rm -f "$problems"' EXIT

for f in "$@"; do
    [ -z "$(tail -c 1 "$f")" ] ||
        echo "$f:$(($(wc -l <"$f") + 1)): no newline at the end of the file"
done >>"$problems"

# Bytes, not characters, in the C locale: a UTF-8 character counts once
# (its continuation bytes, \200 to \277, are dropped before counting).
LC_ALL=C awk -v columns="$columns" '
function problem(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg
}

# The line with comments and the insides of string and character literals
# blanked out (a comment may run over several lines: incomment).
function code_of(s,    out, i, n, c, q) {
    out = ""
    n = length(s)
    i = 1
    while (i <= n) {
        c = substr(s, i, 1)
        if (incomment) {
            if (c == "*" && substr(s, i + 1, 1) == "/") {
                incomment = 0
                out = out "  "
                i += 2
            } else {
                out = out " "
                i++
            }
        } else if (c == "/" && substr(s, i + 1, 1) == "*") {
            incomment = 1
            out = out "  "
            i += 2
        } else if (c == "\"" || c == "\047") {
            q = c
            out = out q
            for (i++; i <= n && substr(s, i, 1) != q; i++) {
                if (substr(s, i, 1) == "\\")
                    i++
                out = out " "
            }
            out = out q
            i++
        } else {
            out = out c
            i++
        }
    }
    return out
}

function base_of(path) {
    sub(/.*\//, "", path)
    return path
}

# The first word of the opening comment names the file: its name, its
# name without the extension (a program), or a path ending in its name.
function names_file(word,    base, stem) {
    base = base_of(FILENAME)
    stem = base
    sub(/\.[ch]$/, "", stem)
    return word == base || word == stem || \
        substr(word, length(word) - length(base)) == "/" base
}

function end_of_file() {
    if (file == "" || file !~ /\.h$/)
        return
    if (ndirectives < 2 || first_directive !~ /^#ifndef / || \
        second_directive != "#define " guard)
        printf "%s:1: no include guard (#ifndef CAREER_..._H, #define)\n", file
    else if (guard !~ /^CAREER_[A-Z0-9_]*H$/ || guard ~ /__/)
        printf "%s:1: include guard %s: not CAREER_..._H\n", file, guard
    if (last_directive != "#endif")
        printf "%s:%d: the include guard\047s #endif is not the last directive\n", \
            file, last_directive_line
}

FNR == 1 {
    end_of_file()
    file = FILENAME
    incomment = 0
    prev = ""
    ndirectives = 0
    guard = first_directive = second_directive = last_directive = ""
    opening = ""
    if ($0 ~ /^\/\*[ ]*$/)
        opening = "next line"
    else if ($0 ~ /^\/\* /)
        opening = substr($0, 4)
    else
        problem("the file does not open with a comment")
}

FNR == 2 && opening == "next line" {
    opening = $0
    sub(/^ \*[ ]*/, "", opening)
}

FNR <= 2 && opening != "" && opening != "next line" {
    split(opening, w, " ")
    if (!names_file(w[1]))
        problem("the opening comment does not name the file (\"" w[1] "\")")
    opening = ""
}

{
    raw = $0
    if (index(raw, "\t"))
        problem("tab")
    if (raw ~ /\r/)
        problem("carriage return")
    t = raw
    sub(/\r$/, "", t)
    if (t ~ /[ \t]$/)
        problem("trailing white space")
    n = raw
    gsub(/[\200-\277]/, "", n)
    if (length(n) > columns)
        problem("longer than " columns " characters (" length(n) ")")

    code = code_of(raw)
    if (index(code, "//"))
        problem("// comment")
    if (code ~ /(^|[^A-Za-z0-9_])(if|for|while|switch)\(/)
        problem("no space between the keyword and its parenthesis")
    if (code ~ /^[A-Za-z_].*\)[ ]*\{[ ]*$/)
        problem("a function\047s opening brace belongs on a line of its own")
    if (code ~ /^[ ]+\{[ ]*$/ && prev ~ /(\)|[^A-Za-z0-9_]else|^[ ]*else|^[ ]*do)[ ]*$/)
        problem("a control statement\047s brace belongs at the end of its line")
    if (code ~ /^[ ]*else([^A-Za-z0-9_]|$)/ && prev ~ /^[ ]*\}[ ]*$/)
        problem("\"} else\" belongs on one line")

    if (code ~ /^[ ]*#[ ]*[a-z]/) {
        d = code
        sub(/^[ ]*#[ ]*/, "#", d)
        sub(/[ ]+$/, "", d)
        ndirectives++
        if (ndirectives == 1) {
            first_directive = d
            guard = d
            sub(/^#ifndef[ ]+/, "", guard)
        } else if (ndirectives == 2)
            second_directive = d
        last_directive = d
        sub(/[ ].*/, "", last_directive)
        last_directive_line = FNR
    }
    if (code !~ /^[ ]*$/)
        prev = code
}

END {
    end_of_file()
}
' "$@" >>"$problems"

if [ -s "$problems" ]; then
    cat "$problems"
    echo "style: $(wc -l <"$problems") problems in $(cut -d: -f1 "$problems" |
        sort -u | wc -l) of $# files (mk/style.sh)"
    exit 1
fi
echo "style: $# files, no problems"
