#!/bin/sh
# examples/profiles/career-profile.schema.json (career-profile(5)) accepts
# every shipped profile and every profile career-import writes, and refuses
# what the loader refuses key by key. Debian's python3-jsonschema.
. tests/cli/common.sh
py=/usr/bin/python3
schema=examples/profiles/career-profile.schema.json
$py -c 'import jsonschema' 2>/dev/null ||
    fail "python3-jsonschema missing: apt-get install -y python3-jsonschema (or make deps)"

validate() { # FILE...: each valid
    $py - "$schema" "$@" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    errs = list(v.iter_errors(json.load(open(f))))
    for e in errs:
        print("%s: %s: %s" % (f, "/".join(map(str, e.absolute_path)), e.message))
    bad += bool(errs)
sys.exit(1 if bad else 0)
PY
}

n=0
for p in examples/profiles/*.json; do
    case $p in *.schema.json) continue;; esac
    validate "$p" || fail "shipped profile $p does not match the schema"
    n=$((n + 1))
done
for g in examples/guides/*.txt tests/data/guide-*.txt; do
    "$bin/career-import" "$g" -o "$tmp/imported.json" 2>/dev/null || continue
    validate "$tmp/imported.json" || fail "career-import $g writes a profile the schema refuses"
    n=$((n + 1))
done
# and the OEWS import: one occupation, and every one of an area (an array)
for args in "--occ 15-1133 --ep tests/data/oews/ep_2020-30.csv" "--all" "--all --area 56"; do
    # shellcheck disable=SC2086
    "$bin/career-import" --oews tests/data/oews/all_data_M_2018.csv $args -o "$tmp/oews.json" 2>/dev/null ||
        fail "career-import --oews $args failed"
    validate "$tmp/oews.json" || fail "career-import --oews $args writes a profile the schema refuses"
    n=$((n + 1))
done
[ "$n" -ge 8 ] || fail "only $n profiles checked"

# What the loader refuses, the schema refuses too.
p=examples/profiles/performance-architect.json
for edit in 'd["format"] = "career-profile/2"' 'd["extra"] = 1' 'del d["role"]' \
            'd["tiers"][0]["min_years"] = 1' 'd["tiers"][1]["salary"] = -5' \
            'd["market"]["quantiles"][0] = [1.5, 90000]' 'd["demand"]["growth"] = -1' \
            'd["workforce"] = {"separation_rate": 2}' 'd["period"] = "week"' \
            'd["workforce"] = {"experience_correlation": 0.04}' \
            'd["workforce"] = {"experience_correlation": 1.5}' \
            'd["notes"] = [1]' 'd = []'; do
    $py -c "import json; d = json.load(open('$p')); $edit; json.dump(d, open('$tmp/bad.json', 'w'))"
    validate "$tmp/bad.json" >/dev/null && fail "the schema accepts: $edit"
    "$bin/career-ladder" --profile "$tmp/bad.json" >/dev/null 2>&1 && fail "the loader accepts: $edit"
done
$py -c "import json; d = json.load(open('$p')); d['period'] = 'Monthly'; d['workforce'] = {'separation_rate': 0.11, 'experience_correlation': 0.85}; d['occ_code'] = '15-1252'; d['area_code'] = '99'; d['notes'] = ['a note']; json.dump([d], open('$tmp/good.json', 'w'))"
validate "$tmp/good.json" || fail "the schema refuses a valid profile array"
"$bin/career-ladder" --profile "$tmp/good.json" >/dev/null || fail "the loader refuses the valid array"
# career-profile(5) documents every key the schema has, and the version.
$py - "$schema" man/career-profile.5 <<'PY' || fail "career-profile(5) misses a key"
import json, re, sys
schema, page = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
def keys(node):
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            yield k
            yield from keys(v)
        for k in ("items", "$defs"):
            if k in node:
                yield from keys(node[k]) if k == "items" else (x for d in node[k].values() for x in keys(d))
missing = [k for k in set(keys(schema)) if not re.search(r"^\.B %s$" % re.escape(k), page, re.M)]
print(missing)
sys.exit(1 if missing or "career\\-profile/1" not in page else 0)
PY
echo "profile-schema: $n shipped and imported profiles valid; refusals agree"
