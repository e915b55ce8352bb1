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

# Batch: 1,000 transcriptions generated from the samples (varied lengths), all editions,
# then each edition alone for its throughput. Wall time and peak memory by GNU time.
coll="$out/collection"
[ -f "$coll/doc-00999.json" ] || python3 scripts/gen-collection.py "$coll" 1000 120 >/dev/null
formats=$($FOLIO export "$coll/doc-00000.json" --to all --out-dir "$out/probe" >/dev/null 2>&1 && echo all || echo txt)
echo
printf '%-8s %10s %10s %12s\n' batch wall_s docs_per_s peak_MB
for fmt in $formats txt pdf docx epub; do
  rm -rf "$out/batch"
  if ! /usr/bin/time -f "%e %M" -o "$out/time" $FOLIO export "$coll" --to "$fmt" --out-dir "$out/batch" --quiet 2>/dev/null; then
    printf '%-8s %10s\n' "$fmt" "(not available)"; continue
  fi
  read -r wall kb < "$out/time"
  python3 -c "import sys; w=float(sys.argv[2]); print(f'{sys.argv[1]:<8} {w:10.2f} {1000/max(w,1e-9):10.0f} {int(sys.argv[3])/1024:12.1f}')" "$fmt" "$wall" "$kb"
done

# A volume of the first 120 generated documents, to PDF: the page count and the time.
if $FOLIO volume "$coll/bench.volume.toml" --to pdf --out-dir "$out" 2>/dev/null; then
  pages=$(pdfinfo "$out/bench.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  hyperfine -N --warmup 1 --runs 5 --export-json "$out/volume.json" \
    "$FOLIO volume $coll/bench.volume.toml --to pdf --out-dir $out" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f'\nvolume   {sys.argv[2]} pages to PDF: median {r[\"median\"]:.2f} s')" "$out/volume.json" "$pages"
else
  echo; echo "volume   PDF volumes not available"
fi

# The indexes: a ~300-page volume with 2,000 mentions, to PDF with its register (name and
# place indexes) and without; the difference is what the indexes cost (issue 16: < 10 %).
iv="$out/index-volume"
[ -f "$iv/index.volume.toml" ] || python3 scripts/gen-index-volume.py "$iv" 2000
hyperfine -N --warmup 1 --runs 5 --export-json "$out/index.json" \
  "$FOLIO volume $iv/plain.volume.toml --to pdf --out-dir $out/iv-plain" \
  "$FOLIO volume $iv/index.volume.toml --to pdf --out-dir $out/iv-index" >/dev/null 2>&1
pages=$(pdfinfo "$out/iv-index/index.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
python3 - "$out/index.json" "$pages" <<'PY'
import json, sys
plain, index = (r["median"] for r in json.load(open(sys.argv[1]))["results"])
print(f"\nindex    {sys.argv[2]} pages, 2000 mentions: PDF {plain:.2f} s without the indexes, "
      f"{index:.2f} s with: the indexes cost {100 * (index - plain) / plain:.1f} %")
PY
