#!/usr/bin/env bash
# A batch of 5,000 documents with about a hundred hostile ones mixed in (deep nesting,
# oversized fields, broken syntax, reserved ids, NaN-like values, binary garbage, fuzz
# crashes from tests/fixtures/fuzz): every good document must be exported, every bad one
# reported at its place, and nothing else left in --out-dir.
# usage: hostile-batch.sh FOLIO_BINARY [COUNT]
set -euo pipefail
FOLIO_BIN=$(realpath "$1")
count=${2:-5000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$root" "$work/coll" "$count" <<'PY'
import os, random, sys, glob
root, coll, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(coll)
samples = sorted(glob.glob(f"{root}/samples/*.toml"))
texts = [open(s, encoding="utf-8").read() for s in samples]
head = 'format = "1.0"\nid = "h{n}"\ntitle = "T"\n[[content]]\nrole = "text"\n'
hostile = [
    lambda n: head.format(n=n) + "text = '''\n" + "_a " * 5000 + "x" + " a_" * 5000 + "\n'''\n",
    lambda n: head.format(n=n) + "text = '''\n" + "[" * 9000 + "x" + "]{.unclear}" * 9000 + "\n'''\n",
    lambda n: head.format(n=n) + 'text = "' + "a" * (3 << 20) + '"\n',
    lambda n: head.format(n=n).replace(f'id = "h{n}"', 'id = "con"') + 'text = "x"\n',
    lambda n: head.format(n=n) + 'text = "unclosed\n',
    lambda n: head.format(n=n) + 'text = "[^nowhere] and [x]{.nonsense}"\n',
    lambda n: head.format(n=n) + "text = nan\n",
    lambda n: "\x00\x01\x02garbage" * 50,
    lambda n: '{"format": "1.0", "id": ' + "[" * 5000,
]
# Fuzz findings (tests/fixtures/fuzz) and, when `make fuzz` has run here, the inputs of the
# read_toml corpus the fuzzer found interesting: many are broken in ways nobody here wrote.
fuzz = sorted(glob.glob(f"{root}/tests/fixtures/fuzz/*"))
fuzz += sorted(glob.glob(f"{root}/fuzz/corpus/read_toml/*"))[:: max(1, len(glob.glob(f"{root}/fuzz/corpus/read_toml/*")) // 40)]
rng = random.Random(14)
bad = set(rng.sample(range(count), 100))
constructed = []
for i in range(count):
    name = f"{coll}/d{i:05d}.toml"
    if i in bad:
        k = len(bad & set(range(i)))
        if fuzz and k % 10 >= 7:
            # A fuzz finding, fixed since: it may well export now.
            data = open(fuzz[k % len(fuzz)], "rb").read()
            open(name, "wb").write(data)
        else:
            constructed.append(i)
            open(name, "w", encoding="utf-8", errors="surrogateescape").write(hostile[k % len(hostile)](i))
    else:
        t = texts[i % len(texts)]
        open(name, "w", encoding="utf-8").write(t)
open(f"{coll}/../bad.txt", "w").write("\n".join(f"d{i:05d}" for i in sorted(bad)) + "\n")
open(f"{coll}/../constructed.txt", "w").write("\n".join(f"d{i:05d}" for i in constructed) + "\n")
PY
set +e
"$FOLIO_BIN" export "$work/coll" --to all --out-dir "$work/out" --report "$work/report.json" --quiet 2> "$work/stderr"
status=$?
set -e
python3 - "$work" "$count" "$status" <<'PY'
import json, os, sys
work, count, status = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bad = set(open(f"{work}/bad.txt").read().split())
report = json.load(open(f"{work}/report.json"))
stderr = open(f"{work}/stderr", encoding="utf-8", errors="replace").read()
assert status in (1, 3), f"exit {status}"
assert "panicked" not in stderr, "a panic reached the terminal"
stems = lambda r: os.path.splitext(os.path.basename(r["input"]))[0]
failed = {stems(r) for r in report["inputs"] if r["status"] != "ok"}
ok = {stems(r) for r in report["inputs"] if r["status"] == "ok"}
assert len(report["inputs"]) == count, len(report["inputs"])
assert failed <= bad, f"good documents failed: {sorted(failed - bad)[:5]}"
constructed = set(open(f"{work}/constructed.txt").read().split())
assert constructed <= failed, f"hostile documents exported: {sorted(constructed - failed)[:5]}"
# A fuzz finding may have been fixed into a valid document: only the constructed ones must fail.
for r in report["inputs"]:
    if r["status"] != "ok":
        assert r["errors"], f"{r['input']} failed without an error"
        assert all(str(e["file"]).endswith(".toml") for e in r["errors"]), r["errors"][:1]
        assert stems(r) in stderr, f"{r['input']} is not reported on stderr"
expected = sorted(f"{s}.{e}" for s in ok for e in ("txt", "pdf", "docx", "epub", "tei.xml"))
actual = sorted(os.listdir(f"{work}/out"))
assert actual == expected, f"out-dir holds {len(actual)} files, expected {len(expected)}: extra {sorted(set(actual) - set(expected))[:5]}"
print(f"hostile batch: {count} inputs, {len(ok)} exported ({len(actual)} files), every good one; {len(failed)} reported failed of {len(bad)} hostile, every constructed one ({len(constructed)}) among them; nothing else in --out-dir; exit {status}")
PY
