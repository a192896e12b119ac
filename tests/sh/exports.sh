#!/bin/sh
# The shared library exports the API and nothing else: every defined dynamic
# symbol starts with career_ (nm -D), and the soname carries the major version.
set -eu
so="${B:-build/default}/libcareer.so"
[ -e "$so" ] || { echo "exports: $so not built"; exit 1; }
symbols=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}')
[ -n "$symbols" ] || { echo "exports: no symbols at all in $so"; exit 1; }
# A coverage build links gcov's runtime into the library; only there are its
# symbols expected.
case "$so" in
*/cov/*) symbols=$(printf '%s\n' "$symbols" | grep -Ev '^(__gcov_|mangle_path$)') ;;
esac
stray=$(printf '%s\n' "$symbols" | grep -v '^career_' || true)
if [ -n "$stray" ]; then
    echo "exports: symbols without the career_ prefix:"; echo "$stray"; exit 1
fi
for f in career_model_new career_salary_at career_market_percentile career_strerror; do
    printf '%s\n' "$symbols" | grep -qx "$f" || { echo "exports: $f missing"; exit 1; }
done
soname=$(objdump -p "$so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libcareer.so.1" ] || { echo "exports: soname is '$soname'"; exit 1; }
echo "exports: $(printf '%s\n' "$symbols" | wc -l) career_ symbols, soname $soname"
