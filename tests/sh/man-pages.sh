#!/bin/sh
# The man pages are clean under groff -ww and match the tools option for
# option: every long option a tool takes is in its page's OPTIONS, and
# every option the page's OPTIONS names is one the tool takes. SEE ALSO
# names only pages that exist, each once, and libcareer(3) all of them;
# libcareer(3) names every function and status code of career.h.
. tests/cli/common.sh
command -v groff >/dev/null 2>&1 || { echo "man-pages: no groff, skipped"; exit 0; }
for f in man/*.1 man/*.3 man/*.5; do
    groff -ww -man -Tutf8 "$f" >/dev/null 2>"$tmp/groff" || fail "groff failed on $f"
    [ ! -s "$tmp/groff" ] || { cat "$tmp/groff"; fail "groff warns on $f"; }
done
for t in $tools; do
    page=man/career-$t.1
    "$bin/career-$t" --help >"$tmp/help"
    tool=$(sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z-]*\).*/\2/p' "$tmp/help" | sort -u)
    # the options a page defines: the tags of its OPTIONS' .TP entries
    man=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | sed -n '/^\.TP/{n;p;}' |
          grep -o '\\-\\-[a-z\\-]*' | sed 's/\\//g; s/^--//' | sort -u)
    [ "$tool" = "$man" ] || {
        echo "help: $tool" | tr '\n' ' '; echo; echo "man:  $man" | tr '\n' ' '; echo
        fail "$page does not match career-$t --help"; }
done
# SEE ALSO names pages of man/, each once; libcareer(3) names all the others.
for f in man/*.[1-9]; do
    sed -n '/^\.SH SEE ALSO/,/^\.SH /p' "$f" |
        sed -n 's/^\.BR \([a-z\\-]*\) (\([0-9]\)).*/\1.\2/p' | sed 's/\\//g' >"$tmp/refs"
    dup=$(sort "$tmp/refs" | uniq -d | tr '\n' ' ')
    [ -z "$dup" ] || fail "$f: SEE ALSO names $dup more than once"
    while read -r r; do
        [ -f "man/$r" ] || fail "$f: SEE ALSO names $r, which man/ does not have"
    done <"$tmp/refs"
    if grep -qx "${f#man/}" "$tmp/refs"; then fail "$f: SEE ALSO names itself"; fi
    [ "$f" = man/libcareer.3 ] || continue
    for g in man/*.[1-9]; do
        [ "$g" = "$f" ] || grep -qx "${g#man/}" "$tmp/refs" ||
            fail "libcareer(3): SEE ALSO does not name ${g#man/}"
    done
done
# libcareer(3) names every function of career.h, and every status with its
# number under RETURN VALUE.
for fn in $(sed -n 's/^\(CAREER_API .*[ *]\)\{0,1\}\(career_[a-z0-9_]*\)(.*/\2/p' include/career.h | sort -u); do
    grep -q "^\.BR $fn ()" man/libcareer.3 || fail "libcareer(3) does not name $fn()"
done
sed -n 's/^ *\(CAREER_[A-Z_]*\) = \([0-9]*\).*/\1 \2/p' include/career.h |
    sed -n '/^CAREER_OK \|^CAREER_ERR_/p' >"$tmp/status"
[ "$(wc -l <"$tmp/status")" -ge 10 ] || fail "the status codes not found in career.h"
while read -r name num; do
    grep -q "^\.BR $name \" ($num)\"" man/libcareer.3 ||
        fail "libcareer(3): RETURN VALUE lacks $name ($num)"
done <"$tmp/status"
echo "man-pages: groff -ww clean; options match --help; SEE ALSO, functions and statuses complete"
