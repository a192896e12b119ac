#!/bin/sh
# ABI.md's table is the one list of the public structs: every struct of
# include/career.h is in it once, with the class its shape allows and the
# reserved slots it declares (input and output structs end with
# `uint64_t reserved[N]`, frozen ones have none, opaque ones no body), and
# the table names no struct the header lacks. The header itself does not
# list them (it points to ABI.md), so there is one list to keep.
set -eu
python3 - include/career.h ABI.md <<'PY'
import re, sys
header, abi = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
code = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
structs = {}
for name, body in re.findall(r"typedef struct (career_\w+) \{(.*?)\} \1;", code, re.S):
    m = re.search(r"uint64_t reserved\[(\d+)\];\s*$", body)
    structs[name] = m.group(1) if m else "none"
    if "reserved" in body and not m:
        sys.exit("abi-doc: %s: reserved is not its last member" % name)
for name in re.findall(r"typedef struct (career_\w+) \1;", code):
    structs[name] = "opaque"

rows = re.findall(r"^\| `(career_\w+)` \| (\w+) \| ([\w ]*?) ?\| ?([\w ]*?) ?\|$", abi, re.M)
bad = []
seen = {}
for name, cls, shape, reserved in rows:
    if name in seen:
        bad.append("%s: listed twice" % name)
    seen[name] = (cls, reserved)
    if name not in structs:
        bad.append("%s: in ABI.md, not in career.h" % name)
        continue
    have = structs[name]
    if cls == "opaque":
        if have != "opaque":
            bad.append("%s: opaque in ABI.md, but career.h defines its fields" % name)
        continue
    if have == "opaque":
        bad.append("%s: opaque in career.h, %s in ABI.md" % (name, cls))
    elif reserved != have:
        bad.append("%s: reserved %s in ABI.md, %s in career.h" % (name, reserved, have))
    if cls in ("input", "output") and have == "none":
        bad.append("%s: %s with no reserved slots: it is frozen" % (name, cls))
    if cls == "frozen" and have != "none":
        bad.append("%s: frozen, yet it has reserved[%s]" % (name, have))
    if cls not in ("input", "output", "frozen"):
        bad.append("%s: unknown class %s" % (name, cls))
    if shape not in ("one", "array"):
        bad.append("%s: 'one' or 'array', not '%s'" % (name, shape))
for name in sorted(set(structs) - set(seen)):
    bad.append("%s: in career.h, missing from ABI.md's table" % name)
# The header points to the list instead of keeping one of its own.
top = header.split("*/", 1)[0]
top = top[top.find(" * ABI"):]
if " * ABI (see ABI.md)" not in top:
    bad.append("career.h's opening comment has no ' * ABI (see ABI.md)' part")
for name in structs:
    if name in top:
        bad.append("career.h's opening comment's ABI part lists %s (the list is ABI.md's)" % name)
for b in bad:
    print("abi-doc: " + b)
if bad:
    sys.exit("FAIL: abi-doc: ABI.md's struct table disagrees with career.h")
print("abi-doc: %d structs, each in ABI.md's table as career.h declares it" % len(structs))
PY
