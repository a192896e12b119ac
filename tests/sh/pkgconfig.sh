#!/bin/sh
# Links the example from outside the tree the way a user would: install into
# a scratch prefix, then build examples/career-demo.c with pkg-config only,
# against the shared and the static library, and run both.
set -eu
make=${MAKE:-make}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Always the plain build: a sanitizer variant cannot link into a plain program.
MAKEFLAGS= $make --no-print-directory -s install SAN=0 COVERAGE=0 PREFIX="$tmp/usr" >/dev/null
export PKG_CONFIG_PATH="$tmp/usr/lib/pkgconfig"
[ "$(pkg-config --modversion libcareer)" = "$(sed -n 's/^#define CAREER_VERSION_STRING "\(.*\)"/\1/p' include/career.h)" ]
$cc -std=c11 -Wall -Werror $(pkg-config --cflags libcareer) examples/career-demo.c \
    -o "$tmp/demo-shared" $(pkg-config --libs libcareer)
LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/demo-shared" > "$tmp/out-shared"
$cc -std=c11 -Wall -Werror $(pkg-config --cflags libcareer) examples/career-demo.c \
    -o "$tmp/demo-static" "$tmp/usr/lib/libcareer.a" $(pkg-config --libs --static libcareer | sed 's/-lcareer//')
"$tmp/demo-static" > "$tmp/out-static"
cmp "$tmp/out-shared" "$tmp/out-static"
grep -q "Senior Performance Architect" "$tmp/out-shared"
# m(5) = 125,000 is the median at 5 years (docs/model.md §3)
grep -Eq '^ +5 +1 +[0-9]+ +125000 ' "$tmp/out-shared"
MAKEFLAGS= $make --no-print-directory -s uninstall SAN=0 COVERAGE=0 PREFIX="$tmp/usr" >/dev/null
[ ! -e "$tmp/usr/lib/libcareer.so" ] && [ ! -e "$tmp/usr/include/career.h" ]
echo "pkgconfig: shared and static links from an installed prefix work"
