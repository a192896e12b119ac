#!/bin/sh
# --plot replaces its file whole: the picture is written
# beside the file and renamed over it (career_replace_*), so an existing
# file keeps its mode, a link stays a link, and a full disk leaves the old
# file as it was, no temporary file behind, and exit 1.
. tests/cli/common.sh
umask 022

# An existing file keeps its mode; a new one gets 0666 less the umask.
ok "$bin/career-ladder" --plot "$tmp/a.svg"
chmod 600 "$tmp/a.svg"
cp "$tmp/a.svg" "$tmp/a-year.svg"
ok "$bin/career-ladder" --per month --plot "$tmp/a.svg"
[ "$(stat -c %a "$tmp/a.svg")" = 600 ] || fail "the plot's mode became $(stat -c %a "$tmp/a.svg"), not 600"
cmp -s "$tmp/a.svg" "$tmp/a-year.svg" && fail "the plot was not replaced"
(umask 027 && "$bin/career-ladder" --plot "$tmp/b.png" >/dev/null) || fail "plot with umask 027"
[ "$(stat -c %a "$tmp/b.png")" = 640 ] || fail "a new plot's mode is $(stat -c %a "$tmp/b.png"), not 640"

# A symbolic link stays a link; the file it names is replaced.
ln -s a.svg "$tmp/link.svg"
ok "$bin/career-ladder" --plot "$tmp/link.svg"
[ -L "$tmp/link.svg" ] || fail "the link was replaced by a file"
cmp -s "$tmp/a.svg" "$tmp/a-year.svg" || fail "the linked file was not replaced"
rm "$tmp/a-year.svg"
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left: $(ls "$tmp")"

# A link to a device, a FIFO or a descriptor: the plot is drawn aside and
# copied in (PLplot opens names itself, a FIFO cannot be read back), and a
# failure gives its own reason, not "is the disk full?".
mkdir "$tmp/private"
TMPDIR="$tmp/private"
export TMPDIR
ln -s /dev/null "$tmp/null.svg"
ok "$bin/career-ladder" --plot "$tmp/null.svg"
ln -s /dev/full "$tmp/full.svg"
fails 1 "full.svg: cannot write: No space left on device" "$bin/career-ladder" --plot "$tmp/full.svg"
grep -q "disk full" "$tmp/err" && fail "a device said 'is the disk full?'"
mkfifo "$tmp/fifo.svg"
cat "$tmp/fifo.svg" >"$tmp/from-fifo.svg" &
reader=$!
timeout 60 "$bin/career-ladder" --plot "$tmp/fifo.svg" >/dev/null || fail "plot to a FIFO: exit $?"
wait "$reader"
xmllint --noout "$tmp/from-fifo.svg" || fail "the FIFO's reader got no SVG"
ln -s /dev/fd/3 "$tmp/three.svg"
"$bin/career-ladder" --plot "$tmp/three.svg" 3>"$tmp/from-fd.svg" >/dev/null || fail "plot to /dev/fd/3"
xmllint --noout "$tmp/from-fd.svg" || fail "descriptor 3 got no SVG"
[ -L "$tmp/three.svg" ] && [ -p "$tmp/fifo.svg" ] || fail "a link or the FIFO was replaced"
rm "$tmp/null.svg" "$tmp/full.svg" "$tmp/fifo.svg" "$tmp/three.svg" "$tmp/from-fifo.svg" "$tmp/from-fd.svg"
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left: $(ls "$tmp")"
[ -z "$(ls "$tmp/private")" ] || fail "a private plot file was left: $(ls "$tmp/private")"
rmdir "$tmp/private"
unset TMPDIR

# A full disk: a tmpfs of 64 KiB (root only; skipped where mount is refused).
full="$tmp/full"
mkdir "$full"
if mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
    trap 'umount "$full" 2>/dev/null || true; rm -rf "$tmp"' EXIT
    printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$full/old.svg"
    cp "$full/old.svg" "$tmp/old.svg"
    for t in "career-ladder --plot $full/old.svg" \
             "career-project --horizon 40 --paths 200 --plot $full/old.svg"; do
        # shellcheck disable=SC2086
        run "$bin"/$t
        [ "$rc" -eq 1 ] || { cat "$tmp/err"; fail "exit $rc, not 1, on a full disk: $t"; }
        [ ! -s "$tmp/out" ] || fail "stdout not empty on a full disk: $t"
        grep -q "old.svg" "$tmp/err" || fail "the error does not name the file: $(cat "$tmp/err")"
        cmp -s "$full/old.svg" "$tmp/old.svg" || fail "the old file was changed on a full disk: $t"
        [ "$(ls "$full")" = old.svg ] || fail "left on the full disk: $(ls "$full")"
    done
    # a PNG that no longer fits: fill the disk but for a few KiB
    head -c 56000 /dev/zero >"$full/filler" 2>/dev/null || true
    cp "$full/old.svg" "$full/old.png" 2>/dev/null || true
    run "$bin/career-ladder" --plot "$full/old.png"
    [ "$rc" -eq 1 ] || fail "exit $rc, not 1, for a PNG on a full disk"
    cmp -s "$full/old.png" "$tmp/old.svg" || fail "the old PNG was changed on a full disk"
    ls "$full" | grep -q 'tmp-' && fail "a temporary PNG was left: $(ls "$full")"
    umount "$full"
    echo "cli-plot-replace: modes, links, full disk"
else
    echo "cli-plot-replace: modes, links (full-disk part skipped: mount not permitted)"
fi
