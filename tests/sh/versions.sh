#!/bin/sh
# One version, written once: CAREER_VERSION_STRING in include/career.h.
# Everything else that states it agrees, or this test fails naming the place:
#   - the header's MAJOR, MINOR and PATCH macros;
#   - every manual page's .TH line ("libcareer X.Y.Z");
#   - every X.Y.Z literal of the README, the manual pages, the header, the
#     tools' sources and the Python package (examples in docstrings too);
#   - every soname (libcareer.so.N) and "N.x" of the README, ABI.md, the
#     manual pages, the header, docs/ and lib/README.md (ABI.md may name
#     the next major's, for what a break would take);
#   - the Python package: its version is read from the generated
#     _cdef.py (pyproject.toml has none of its own), which matches;
#   - career.pc.in takes @VERSION@ (filled from the header at install);
#   - the ABI baseline is abi/libcareer.so.MAJOR.abi, of that soname;
#   - the built library and tools: libcareer.so.X.Y.Z, its soname, and each
#     tool's --version.
# To release X.Y.Z: change the header's four macros, then
#   sed -i 's/"libcareer [0-9.]*"/"libcareer X.Y.Z"/' man/*.[135]
# and `make python` (regenerates _cdef.py); this test lists what else is left.
set -eu
h=include/career.h
B=${B:-build/default}
bad=0
# drift WHERE WHAT: one line per disagreement; the test fails at the end.
drift() { echo "versions: $1: $2"; bad=$((bad + 1)); }

v=$(sed -n 's/^#define CAREER_VERSION_STRING "\(.*\)"$/\1/p' "$h")
[ -n "$v" ] || { echo "versions: no CAREER_VERSION_STRING in $h"; exit 1; }
part() { sed -n "s/^#define CAREER_VERSION_$1 \\([0-9]*\\)\$/\\1/p" "$h"; }
major=$(part MAJOR)
[ "$major.$(part MINOR).$(part PATCH)" = "$v" ] ||
    drift "$h" "CAREER_VERSION_MAJOR.MINOR.PATCH is $major.$(part MINOR).$(part PATCH), CAREER_VERSION_STRING $v"

# The manual pages: one .TH each, naming this version.
for f in man/*.[1-9]; do
    th=$(grep '^\.TH ' "$f" || true)
    [ "$(printf '%s\n' "$th" | grep -c .)" -eq 1 ] || { drift "$f" "not one .TH line"; continue; }
    case $th in
    *" \"libcareer $v\" "*) ;;
    *) drift "$f" ".TH says '$(printf '%s' "$th" | sed 's/^\.TH [^ ]* [^ ]* [^ ]* "\([^"]*\)".*/\1/')', not 'libcareer $v'" ;;
    esac
done

# Version literals. The Python package's generated declarations are
# checked below; ABI.md tells the history (1.0.0 is the first stable ABI).
for f in README.md man/*.[1-9] "$h" examples/*.c examples/*.h python/careerlib/*.py; do
    case $f in */_cdef.py) continue ;; esac
    grep -noE '(^|[^0-9.])[0-9]+\.[0-9]+\.[0-9]+([^0-9.]|$)' "$f" |
        sed -E 's/^([0-9]+):[^0-9]*([0-9]+\.[0-9]+\.[0-9]+).*/\1 \2/' |
        while read -r line lit; do
            [ "$lit" = "$v" ] || echo "versions: $f:$line: says $lit, the header $v"
        done
done >"${TMPDIR:-/tmp}/versions.$$"
if [ -s "${TMPDIR:-/tmp}/versions.$$" ]; then
    cat "${TMPDIR:-/tmp}/versions.$$"
    bad=$((bad + $(wc -l <"${TMPDIR:-/tmp}/versions.$$")))
fi
rm -f "${TMPDIR:-/tmp}/versions.$$"

# Sonames and major series.
next=$((major + 1))
for f in README.md ABI.md man/*.[1-9] "$h" docs/*.md lib/README.md; do
    [ -f "$f" ] || continue
    for so in $(grep -oE 'libcareer\.so\.[0-9]+' "$f" | sed 's/.*\.//' | sort -u); do
        [ "$so" = "$major" ] && continue
        [ "$f" = ABI.md ] && [ "$so" = "$next" ] && continue
        drift "$f" "names libcareer.so.$so; the soname is libcareer.so.$major"
    done
    for x in $(grep -oE '(^|[^0-9.])[0-9]+\.x\b' "$f" | sed 's/[^0-9]*\([0-9]*\)\.x/\1/' | sort -u); do
        [ "$x" = "$major" ] || drift "$f" "speaks of $x.x; the header's major is $major"
    done
done

# Python: the package's version is the generated declarations' constant.
cdef=python/careerlib/_cdef.py
grep -q "'CAREER_VERSION_STRING': '$v'," "$cdef" ||
    drift "$cdef" "not generated from this header's $v (run make python)"
grep -q "'CAREER_VERSION_MAJOR': $major," "$cdef" ||
    drift "$cdef" "CAREER_VERSION_MAJOR is not $major (run make python)"
grep -q '^dynamic = \["version"\]' python/pyproject.toml ||
    drift python/pyproject.toml "the version is not dynamic (read from $cdef)"
if grep -q '^version *=' python/pyproject.toml; then
    drift python/pyproject.toml "states a version of its own"
fi
grep -q 'CAREER_VERSION_STRING' python/build_backend.py ||
    drift python/build_backend.py "does not read CAREER_VERSION_STRING"
grep -q '__version__ = _cdef.CONSTANTS\["CAREER_VERSION_STRING"\]' python/careerlib/__init__.py ||
    drift python/careerlib/__init__.py "__version__ is not CAREER_VERSION_STRING"

# pkg-config: filled in at install (tests/sh/pkgconfig.sh checks the result).
grep -q '^Version: @VERSION@$' career.pc.in || drift career.pc.in "Version is not @VERSION@"

# The ABI baseline of this major.
abi=abi/libcareer.so.$major.abi
if [ -f "$abi" ]; then
    grep -q "soname='libcareer.so.$major'" "$abi" || drift "$abi" "is not the ABI of libcareer.so.$major"
else
    drift abi/ "no baseline $abi (ABI.md: a new major gets a new baseline)"
fi
for f in abi/libcareer.so.*.abi; do
    n=${f#abi/libcareer.so.}; n=${n%.abi}
    [ "$n" -le "$major" ] || drift "$f" "a baseline for a major above $major"
done

# What the build made of it.
if [ -e "$B/libcareer.so" ]; then
    [ -e "$B/libcareer.so.$v" ] || drift "$B" "no libcareer.so.$v"
    soname=$(objdump -p "$B/libcareer.so" | awk '$1 == "SONAME" {print $2}')
    [ "$soname" = "libcareer.so.$major" ] || drift "$B/libcareer.so" "soname $soname"
    for t in $(for f in examples/career-*.c; do f=${f#examples/career-}; echo "${f%.c}"; done | grep -vx demo); do
        out=$("$B/bin/career-$t" --version)
        [ "$out" = "career-$t (libcareer) $v" ] || drift "career-$t --version" "says '$out'"
    done
else
    drift "$B" "not built: run make first"
fi

[ "$bad" -eq 0 ] || { echo "FAIL: versions: $bad places disagree with $h ($v)"; exit 1; }
echo "versions: $v (libcareer.so.$major) everywhere it is stated"
