#!/bin/sh
# make install puts the four tools and the manual pages under PREFIX (with
# DESTDIR), they run from there, and make uninstall removes them.
. tests/cli/common.sh
make=${MAKE:-make}
MAKEFLAGS= $make --no-print-directory -s install SAN=0 PREFIX=/usr/local DESTDIR="$tmp/root" >/dev/null
r="$tmp/root/usr/local"
for t in estimate project ladder import merit; do
    [ -x "$r/bin/career-$t" ] || fail "career-$t not installed"
    [ -f "$r/share/man/man1/career-$t.1" ] || fail "career-$t.1 not installed"
done
[ -f "$r/share/man/man3/libcareer.3" ] || fail "libcareer.3 not installed"
[ -f "$r/share/man/man5/career-policy.5" ] || fail "career-policy.5 not installed"
ok "$r/bin/career-estimate" --years 5 --format json
[ "$(json 'd["band"]["p50"]')" = 125000.0 ] || fail "installed tool"
MAKEFLAGS= $make --no-print-directory -s uninstall SAN=0 PREFIX=/usr/local DESTDIR="$tmp/root" >/dev/null
left=$(find "$r" -type f | head -n 5)
[ -z "$left" ] || fail "left after uninstall: $left"
echo "cli-install: tools and man pages install and uninstall"
