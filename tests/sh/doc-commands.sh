#!/bin/sh
# Every documented command runs as written: the shell commands of the
# README's sh blocks and of the manual pages' examples (lines starting with
# "$ "), on this build, in a scratch folder that sees examples/; and the C
# programs of the README and libcareer(3), built against an install into a
# temporary PREFIX and run; and the README's Python examples. `make ...` lines are make check's own targets
# (make demo runs the tools checked here) and are not rerun.
. tests/cli/common.sh
repo=$(pwd)
abs_bin=$(cd "$bin" && pwd)
w="$tmp/w"
mkdir -p "$w/build/default"
ln -s "$repo/examples" "$w/examples"
ln -s "$repo/python" "$w/python"
ln -s "$abs_bin" "$w/build/default/bin"
# The BLS downloads the README names (all_data_M_2023.xlsx, occupation.xlsx)
# are stood in for by the fixtures of tests/data/oews/ in the same formats
# (CSV and .xlsx are told apart by their first bytes), with the rows the
# README's commands ask for: 15-1252 in California (06), 29-1141 nationally.
python3 - tests/data/oews "$w" <<'PY'
import csv, io, sys
src, w = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(src + '/all_data_M_2018.csv', newline='')))
head, base = rows[0], rows[1]
col = {k: i for i, k in enumerate(head)}
def row(area, title, kind, state, occ, occ_title):
    r = list(base)
    r[col['AREA']], r[col['AREA_TITLE']], r[col['AREA_TYPE']] = area, title, kind
    r[col['PRIM_STATE']], r[col['OCC_CODE']], r[col['OCC_TITLE']] = state, occ, occ_title
    return r
rows += [row('6', 'California', '2', 'CA', '15-1252', 'Software Developers'),
         row('99', 'U.S.', '1', 'US', '29-1141', 'Registered Nurses')]
out = io.StringIO()
csv.writer(out, lineterminator='\r\n').writerows(rows)
open(w + '/all_data_M_2023.xlsx', 'w', newline='').write(out.getvalue())
ep = open(src + '/ep_2020-30.csv').read().splitlines()
ep.insert(2, 'Software developers,15-1252,Line item,1364.2,1773.5,409.5,30.0,6.6')
open(w + '/occupation.xlsx', 'w').write('\n'.join(ep) + '\n')
PY

python3 - "$tmp" README.md man/*.1 man/*.3 man/*.5 <<'PY'
import re, sys
out = sys.argv[1]
cmds, progs, pys = [], [], []
def unroff(t):
    return (t.replace('\\-', '-').replace('\\e', '\\').replace('\\&', '')
             .replace('\\(dq', '"'))
for path in sys.argv[2:]:
    text = open(path, encoding='utf-8').read()
    if path.endswith('.md'):
        for lang, body in re.findall(r'```(\w*)\n(.*?)```', text, re.S):
            if lang == 'sh':
                body = re.sub(r'\\\n', ' ', body)
                for line in body.splitlines():
                    line = re.sub(r'\s+#.*', '', line).strip()
                    if line and not line.startswith('make '):
                        cmds.append((path, line))
            elif lang == 'c' and 'int main' in body:
                progs.append((path, body))
            elif lang == 'python':
                pys.append((path, body))
    else:
        for body in re.findall(r'^\.EX\n(.*?)^\.EE', text, re.S | re.M):
            body = unroff(body)
            if 'int main' in body:
                progs.append((path, body))
                continue
            body = re.sub(r'\\\n', ' ', body)
            for line in body.splitlines():
                if line.startswith('$ '):
                    cmds.append((path, line[2:].strip()))
with open(out + '/cmds', 'w') as f:
    for p, c in cmds:
        f.write(p + '\t' + c + '\n')
for i, (p, body) in enumerate(pys):
    with open('%s/py%d.py' % (out, i), 'w') as f:
        f.write(body)
for i, (p, body) in enumerate(progs):
    with open('%s/prog%d.c' % (out, i), 'w') as f:
        f.write(body)
    with open('%s/prog%d.from' % (out, i), 'w') as f:
        f.write(p + '\n')
PY
[ -s "$tmp/cmds" ] || fail "no commands found"

# The man pages' commands name the tools: this build's, first on PATH,
# then Debian's own programs (python3 is /usr/bin/python3, as on Debian 12).
n=0
while IFS="$(printf '\t')" read -r from cmd; do
    case $cmd in *jq*) command -v jq >/dev/null 2>&1 || { echo "skipped (no jq): $cmd"; continue; };; esac
    (cd "$w" && PATH="$abs_bin:/usr/bin:$PATH" sh -c "$cmd") >"$tmp/out" 2>"$tmp/err" ||
        { cat "$tmp/err"; fail "$from: fails as written: $cmd"; }
    n=$((n + 1))
done <"$tmp/cmds"

# The Python examples, with python/ on the path (the README's other way).
for py in "$tmp"/py*.py; do
    [ -f "$py" ] || continue
    (cd "$w" && PYTHONPATH="$repo/python" /usr/bin/python3 "$py") >"$tmp/out" 2>"$tmp/err" ||
        { cat "$tmp/err"; fail "README.md: the Python example fails"; }
    n=$((n + 1))
done

# The C programs, against an install into a temporary PREFIX.
make=${MAKE:-make}
prefix="$tmp/prefix"
MAKEFLAGS= $make --no-print-directory -s install SAN=0 PREFIX="$prefix" LDCONFIG=true >/dev/null
for c in "$tmp"/prog*.c; do
    [ -f "$c" ] || continue
    from=$(cat "${c%.c}.from")
    (cd "$tmp" && PKG_CONFIG_PATH="$prefix/lib/pkgconfig" \
        sh -c "cc -o prog $c \$(pkg-config --cflags --libs libcareer)") ||
        fail "$from: the C example does not build"
    LD_LIBRARY_PATH="$prefix/lib" "$tmp/prog" >"$tmp/out" || fail "$from: the C example fails"
    [ -s "$tmp/out" ] || fail "$from: the C example printed nothing"
    n=$((n + 1))
done
echo "doc-commands: $n documented commands and programs run as written"
