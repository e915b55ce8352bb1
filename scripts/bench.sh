#!/usr/bin/env bash
# Whole-process benchmarks: median wall time of `folio export` per edition, for the seed
# letter and the long sample, measured by hyperfine over several runs.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLIO=target/release/folio
command -v hyperfine >/dev/null || ./scripts/deps.sh
out=bench-out; mkdir -p "$out"
docs=(samples/zinoviev-1932-12-03.toml)
[ -f samples/long/long-report-1925.toml ] && docs+=(samples/long/long-report-1925.toml)
printf '%-8s %-32s %10s %10s\n' edition document median_ms min_ms
for fmt in txt pdf docx epub; do
  # An edition not implemented yet is reported, not timed.
  if ! $FOLIO export "${docs[0]}" --to "$fmt" --out-dir "$out" 2>/dev/null; then
    printf '%-8s %-32s %10s\n' "$fmt" "(not available)" "-"; continue
  fi
  for doc in "${docs[@]}"; do
    json="$out/$fmt-$(basename "$doc" .toml).json"
    hyperfine -N --warmup 3 --runs 30 --export-json "$json" \
      "$FOLIO export $doc --to $fmt --out-dir $out" >/dev/null 2>&1
    python3 - "$json" "$fmt" "$(basename "$doc" .toml)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:<8} {sys.argv[3]:<32} {r['median']*1000:10.2f} {r['min']*1000:10.2f}")
PY
  done
done
