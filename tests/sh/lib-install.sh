#!/bin/sh
# make install-lib installs the library alone under PREFIX (with DESTDIR):
# the header, the static and the shared library with its soname's links,
# libcareer.pc and the library's manual pages, and no tool; it needs none
# of the tools' packages (here a pkg-config that knows neither PLplot nor
# fontconfig), and make uninstall-lib removes it all with the folders it
# created.
set -eu
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
version=$(sed -n 's/^#define CAREER_VERSION_STRING "\(.*\)"/\1/p' include/career.h)
major=${version%%.*}

# A pkg-config without the tools' modules.
cat >"$tmp/pkg-config" <<'EOF'
#!/bin/sh
for a; do case $a in plplot|fontconfig) exit 1;; esac; done
exec pkg-config "$@"
EOF
chmod +x "$tmp/pkg-config"
mk() {
    MAKEFLAGS= $make --no-print-directory -s SAN=0 COVERAGE=0 \
        PKG_CONFIG="$tmp/pkg-config" PREFIX=/usr/local DESTDIR="$tmp/root" "$@"
}
# The tools' check does see them missing, and says which package to install.
if mk deps-check >"$tmp/out" 2>&1; then fail "deps-check passed without plplot"; fi
grep -q "missing plplot: install the Debian package libplplot-dev" "$tmp/out" ||
    { cat "$tmp/out"; fail "deps-check's message"; }

# Nothing of the tools is built on the way.
mk -n -B install-lib >"$tmp/plan" 2>&1 || { cat "$tmp/plan"; fail "make -n install-lib"; }
! grep -q 'examples/\|bin/career-\|plplot' "$tmp/plan" ||
    fail "install-lib would build or check the tools: $(grep 'examples/\|bin/career-\|plplot' "$tmp/plan" | head -n 1)"

mk install-lib >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "install-lib without the tools' packages"; }
r="$tmp/root/usr/local"
[ -f "$r/include/career.h" ] || fail "career.h not installed"
[ -f "$r/lib/libcareer.a" ] || fail "libcareer.a not installed"
[ -f "$r/lib/libcareer.so.$version" ] && [ ! -L "$r/lib/libcareer.so.$version" ] ||
    fail "libcareer.so.$version not installed"
[ "$(readlink "$r/lib/libcareer.so.$major")" = "libcareer.so.$version" ] ||
    fail "libcareer.so.$major is not a link to libcareer.so.$version"
[ "$(readlink "$r/lib/libcareer.so")" = "libcareer.so.$major" ] ||
    fail "libcareer.so is not a link to libcareer.so.$major"
grep -qx 'prefix=/usr/local' "$r/lib/pkgconfig/libcareer.pc" &&
    grep -qx "Version: $version" "$r/lib/pkgconfig/libcareer.pc" ||
    fail "libcareer.pc names the wrong prefix or version"
[ -f "$r/share/man/man3/libcareer.3" ] || fail "libcareer.3 not installed"
for p in career-profile career-policy; do
    [ -f "$r/share/man/man5/$p.5" ] || fail "$p.5 not installed"
done
[ ! -e "$r/bin" ] || fail "install-lib installed tools: $(ls "$r/bin")"
[ ! -e "$r/share/man/man1" ] || fail "install-lib installed the tools' pages"

mk uninstall-lib >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "uninstall-lib"; }
[ ! -e "$tmp/root" ] || fail "left after uninstall-lib: $(find "$tmp/root" | head -n 5)"
echo "lib-install: the library installs alone, without the tools' packages"
