#!/usr/bin/env bash
# The TEI batch: 1,000 letters made by copying the corpus files (../shared/corpora/tei, each
# collection with its docs/tei-mappings file beside it as tei-mapping.toml), imported and
# exported to every edition in one run; the report must show 1,000 letters exported.
# Then the read time per letter: `folio check` over the 1,000 TEI letters and over 1,000
# copies of the TOML samples (median of hyperfine runs, divided by 1,000).
# Usage: scripts/tei-batch.sh [OUT_DIR]   (make bench runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
FOLIO=${FOLIO:-target/dist/folio}
out=${1:-bench-out}/tei
corpus=../shared/corpora/tei
[ -d "$corpus" ] || corpus=../../shared/corpora/tei
[ -d "$corpus" ] || { echo "tei-batch: no corpus at ../shared/corpora/tei" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out/tei" "$out/toml"
mapfile -t files < <(find "$corpus" -name '*.xml' | sort)
n=0
while [ "$n" -lt 1000 ]; do
  for f in "${files[@]}"; do
    [ "$n" -ge 1000 ] && break
    c=$(basename "$(dirname "$f")")
    d="$out/tei/$c/$(printf '%02d' $((n / 100)))"
    mkdir -p "$d"
    [ -f "docs/tei-mappings/$c.toml" ] && [ ! -f "$d/tei-mapping.toml" ] && cp "docs/tei-mappings/$c.toml" "$d/tei-mapping.toml"
    cp "$f" "$d/$(printf '%04d' "$n")-$(basename "$f")"
    n=$((n + 1))
  done
done
mapfile -t samples < <(ls samples/*.toml | sort)
for i in $(seq 0 999); do
  s=${samples[$((i % ${#samples[@]}))]}
  cp "$s" "$out/toml/$(printf '%04d' "$i")-$(basename "$s")"
done
/usr/bin/time -f "%e %M" -o "$out/time" "$FOLIO" export "$out/tei" --to all --mirror --quiet \
  --out-dir "$out/editions" --report "$out/report.json"
read -r wall kb < "$out/time"
python3 - "$out/report.json" "$wall" "$kb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["totals"]
assert r["inputs"] == 1000 and r["ok"] == 1000 and r["failed"] == 0, r
print(f"tei batch: 1000 letters, {r['outputs']} editions, {r['tei_unmapped']} unmapped-TEI warnings, "
      f"{float(sys.argv[2]):.1f} s wall, peak {int(sys.argv[3]) / 1024:.0f} MB")
PY
command -v hyperfine >/dev/null || { echo "tei-batch: hyperfine is missing (scripts/deps.sh)" >&2; exit 1; }
# Seconds for 1,000 letters are milliseconds per letter. Wall time is the median; CPU
# (user + system, mean) is printed beside it, since on a loaded machine the wall time
# mostly measures the wait for a core (docs/speed.md, "TEI reading").
printf '%-10s %14s %14s %8s\n' read ms_per_letter cpu_ms target
for kind in toml tei; do
  hyperfine -N --warmup 1 --runs 5 --export-json "$out/check-$kind.json" \
    "$FOLIO check $out/$kind" >/dev/null 2>&1
  python3 - "$out/check-$kind.json" "$kind" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
target = "< 1" if sys.argv[2] == "tei" else "-"
print(f"{sys.argv[2]:<10} {r['median']:14.3f} {r['user'] + r['system']:14.3f} {target:>8}")
PY
done
