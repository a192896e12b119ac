#!/bin/sh
# The man pages are clean under groff -ww and match the tools option for
# option: every long option a tool takes is in its page's OPTIONS, and
# every option the page's OPTIONS names is one the tool takes.
. tests/cli/common.sh
command -v groff >/dev/null 2>&1 || { echo "man-pages: no groff, skipped"; exit 0; }
for f in man/*.1 man/*.3 man/*.5; do
    groff -ww -man -Tutf8 "$f" >/dev/null 2>"$tmp/groff" || fail "groff failed on $f"
    [ ! -s "$tmp/groff" ] || { cat "$tmp/groff"; fail "groff warns on $f"; }
done
for t in estimate project ladder import merit; do
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
echo "man-pages: groff -ww clean; options match --help"
