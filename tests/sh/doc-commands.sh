#!/bin/sh
# Every documented command runs as written: the shell commands of the
# README's sh blocks, of the manual pages' examples (lines starting with
# "$ ") and of the tools' --help examples, on this build, in a scratch
# folder that sees examples/; and the C programs of the README and
# libcareer(3), built against an install into a temporary PREFIX and run;
# and the Python examples of the README and python/README.md. `make ...`
# lines are make check's own targets (make demo runs the tools checked
# here) and are not rerun.
#
# What a manual page shows a command print is checked too: the lines after
# its "$ " line, up to the next, must appear in its output (stdout, then
# stderr) in order, spaces and line breaks counting as one space. A line
# "..." stands for lines left out, and a line ending in " ..." for the rest
# of that line. The file formats' EXAMPLE (career-profile(5),
# career-policy(5)) must load in the tools.
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
# documented commands ask for: 15-1252 in California (06) and nationally,
# 29-1141 nationally.
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
         row('99', 'U.S.', '1', 'US', '15-1252', 'Software Developers'),
         row('99', 'U.S.', '1', 'US', '29-1141', 'Registered Nurses')]
out = io.StringIO()
csv.writer(out, lineterminator='\r\n').writerows(rows)
open(w + '/all_data_M_2023.xlsx', 'w', newline='').write(out.getvalue())
ep = open(src + '/ep_2020-30.csv').read().splitlines()
ep.insert(2, 'Software developers,15-1252,Line item,1364.2,1773.5,409.5,30.0,6.6')
open(w + '/occupation.xlsx', 'w').write('\n'.join(ep) + '\n')
PY

for t in $tools; do
    "$bin/career-$t" --help | sed -n '/^Examples*:$/,$p' | sed '1d; s/^  //' \
        >"$tmp/help-$t"
    [ -s "$tmp/help-$t" ] || fail "career-$t --help has no example"
done

python3 - "$tmp" "$w" README.md python/README.md man/*.1 man/*.3 man/*.5 "$tmp"/help-* <<'PY'
import re, sys
out, w = sys.argv[1], sys.argv[2]
cmds, progs, pys = [], [], []
def unroff(t):
    return (t.replace('\\-', '-').replace('\\e', '\\').replace('\\&', '')
             .replace('\\(dq', '"'))
def command_lines(path, body, prompt):
    """(path, command, expected output lines) of a block of examples."""
    body = re.sub(r'\\\n', ' ', body)
    shown = None
    for line in body.splitlines():
        if prompt is None or line.startswith(prompt):
            shown = []
            cmds.append((path, line[len(prompt or ''):].strip(), shown))
        elif shown is not None:
            shown.append(line)
for path in sys.argv[3:]:
    text = open(path, encoding='utf-8').read()
    if path.endswith('.md'):
        for lang, body in re.findall(r'```(\w*)\n(.*?)```', text, re.S):
            if lang == 'sh':
                body = re.sub(r'\\\n', ' ', body)
                for line in body.splitlines():
                    line = re.sub(r'\s+#.*', '', line).strip()
                    if line and not line.startswith('make '):
                        cmds.append((path, line, []))
            elif lang == 'c' and 'int main' in body:
                progs.append((path, body))
            elif lang == 'python':
                pys.append((path, body))
    elif '/help-' in path:
        command_lines('career-%s --help' % path.split('/help-')[1], text, None)
    else:
        for body in re.findall(r'^\.EX\n(.*?)^\.EE', text, re.S | re.M):
            body = unroff(body)
            if 'int main' in body:
                progs.append((path, body))
                continue
            command_lines(path, body, '$ ')
        # A file format's example is a file: the tool that reads it must.
        m = re.search(r'^\.SH EXAMPLE\n\.(?:EX|nf)\n(.*?)^\.(?:EE|fi)', text, re.S | re.M)
        name = path.split('/')[-1]
        if m and name in ('career-profile.5', 'career-policy.5'):
            f = 'man-%s.json' % name[:-2]
            open('%s/%s' % (w, f), 'w').write(unroff(m.group(1)))
            if name == 'career-profile.5':
                cmds.append((path, 'career-ladder --profile ' + f, []))
            else:
                ratings = re.search(r'"ratings": \[(.*?)\]', unroff(m.group(1))).group(1)
                with open(w + '/man-employees.csv', 'w') as e:
                    e.write('years,salary,rating\n')
                    for i, r in enumerate(re.findall(r'"(\w+)"', ratings)):
                        e.write('%d,%d,%s\n' % (2 + 4 * i, 100000 + 20000 * i, r))
                cmds.append((path, 'career-merit --policy %s man-employees.csv' % f, []))
with open(out + '/cmds', 'w') as f:
    for i, (p, c, shown) in enumerate(cmds):
        exp = ''
        if any(l.strip() for l in shown):
            exp = '%s/exp%d' % (out, i)
            with open(exp, 'w') as e:
                e.write('\n'.join(shown) + '\n')
        f.write(p + '\t' + c + '\t' + exp + '\n')
for i, (p, body) in enumerate(pys):
    with open('%s/py%d.py' % (out, i), 'w') as f:
        f.write(body)
    with open('%s/py%d.from' % (out, i), 'w') as f:
        f.write(p + '\n')
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
shown=0
while IFS="$(printf '\t')" read -r from cmd exp; do
    case $cmd in *jq*) command -v jq >/dev/null 2>&1 || { echo "skipped (no jq): $cmd"; continue; };; esac
    (cd "$w" && PATH="$abs_bin:/usr/bin:$PATH" sh -c "$cmd") >"$tmp/out" 2>"$tmp/err" ||
        { cat "$tmp/err"; fail "$from: fails as written: $cmd"; }
    n=$((n + 1))
    [ -n "$exp" ] || continue
    cat "$tmp/out" "$tmp/err" >"$tmp/both"
    python3 - "$exp" "$tmp/both" <<'PY' || fail "$from: $cmd: prints other than the page shows"
import re, sys
shown, got = (open(p, encoding='utf-8').read() for p in sys.argv[1:])
def flat(t):
    return ' '.join(t.split())
# Segments of what is shown, split where "..." leaves something out.
segments, cur = [], []
for line in shown.splitlines():
    if line.strip() == '...':
        segments.append(cur); cur = []
    elif line.endswith(' ...'):
        cur.append(line[:-4]); segments.append(cur); cur = []
    else:
        cur.append(line)
segments.append(cur)
got, at = flat(got), 0
for seg in (flat(' '.join(s)) for s in segments):
    if not seg:
        continue
    m = re.compile(r'(?:^|(?<= ))' + re.escape(seg) + r'(?= |$)').search(got, at)
    if not m:
        print('shown:  ' + seg)
        print('output: ' + got[at:at + 400])
        sys.exit(1)
    at = m.end()
PY
    shown=$((shown + 1))
done <"$tmp/cmds"

# The Python examples, with python/ on the path (the README's other way),
# in the scratch folder: python/README.md's BLS examples read the stand-ins
# above.
for py in "$tmp"/py*.py; do
    [ -f "$py" ] || continue
    (cd "$w" && PYTHONPATH="$repo/python" /usr/bin/python3 "$py") >"$tmp/out" 2>"$tmp/err" ||
        { cat "$tmp/err"; fail "$(cat "${py%.py}.from"): the Python example fails"; }
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
echo "doc-commands: $n documented commands and programs run as written; $shown print what their page shows"
