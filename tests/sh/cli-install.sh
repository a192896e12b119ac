#!/bin/sh
# make install puts the four tools and the manual pages under PREFIX (with
# DESTDIR), they run from there, and make uninstall removes them and the
# folders it created; ldconfig runs on installs to the system itself.
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
[ -f "$r/share/man/man5/career-profile.5" ] || fail "career-profile.5 not installed"
ok "$r/bin/career-estimate" --years 5 --format json
[ "$(json 'd["band"]["p50"]')" = 125000.0 ] || fail "installed tool"
MAKEFLAGS= $make --no-print-directory -s uninstall SAN=0 PREFIX=/usr/local DESTDIR="$tmp/root" >/dev/null
# uninstall also removes the folders install created, and only those
[ ! -e "$tmp/root" ] || fail "left after uninstall: $(find "$tmp/root" | head -n 5)"
mkdir -p "$tmp/own/usr/local/lib" "$tmp/own/usr/local/share"
: >"$tmp/own/usr/local/lib/theirs.so"
MAKEFLAGS= $make --no-print-directory -s install SAN=0 PREFIX=/usr/local DESTDIR="$tmp/own" >/dev/null
MAKEFLAGS= $make --no-print-directory -s uninstall SAN=0 PREFIX=/usr/local DESTDIR="$tmp/own" >/dev/null
[ -f "$tmp/own/usr/local/lib/theirs.so" ] || fail "uninstall removed a file it did not install"
[ -d "$tmp/own/usr/local/share" ] || fail "uninstall removed a folder it did not create"
[ ! -e "$tmp/own/usr/local/bin" ] && [ ! -e "$tmp/own/usr/local/include" ] &&
    [ ! -e "$tmp/own/usr/local/share/man" ] || fail "uninstall left folders it created: $(find "$tmp/own" -type d)"
# with no DESTDIR, install refreshes the loader's cache (LDCONFIG)
MAKEFLAGS= $make --no-print-directory -s install SAN=0 PREFIX="$tmp/p" LDCONFIG="touch $tmp/ldconfig-ran" >/dev/null
[ -f "$tmp/ldconfig-ran" ] || fail "install without DESTDIR did not run ldconfig"
rm -f "$tmp/ldconfig-ran"
MAKEFLAGS= $make --no-print-directory -s install SAN=0 PREFIX=/usr/local DESTDIR="$tmp/d" LDCONFIG="touch $tmp/ldconfig-ran" >/dev/null
[ ! -f "$tmp/ldconfig-ran" ] || fail "install with DESTDIR ran ldconfig"
echo "cli-install: tools and man pages install and uninstall"
