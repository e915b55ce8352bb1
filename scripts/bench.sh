#!/usr/bin/env bash
# Whole-process benchmarks: median wall time of `folio export` per edition, for the seed
# letter and the long sample, measured by hyperfine over several runs; the typographic
# figures of the long sample and a generated protocol, beside Typst's.
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

# Typography: the figures of scripts/pdf-figures.py (what tests/typography.rs holds to its
# targets) for the long sample and the generated protocol in both presets; beside them
# Typst's on the same text and page, when typst (the command or pip's package) is there.
echo
printf '%-10s %-22s %7s %6s %8s %8s %7s\n' setter document preset hyph_% run widest short
gen="$out/generated-protocol.toml"
python3 scripts/gen-protocol.py "$gen"
for doc in samples/long/long-report-1925.toml "$gen"; do
  stem=$(basename "$doc" .toml)
  for preset in edition handout; do
    $FOLIO export "$doc" --preset "$preset" -o "$out/$stem-$preset.pdf" -q 2>/dev/null
    python3 - "$doc" "$preset" "$out/$stem-$preset.pdf" "$out/typst-$stem-$preset.pdf" <<'PY'
import json, subprocess, sys
doc, preset, pdf, typst_pdf = sys.argv[1:]
mm = 72 / 25.4
area = {"edition": (16 * mm, 595.276 - 18 * mm), "handout": (22 * mm, 841.89 - 22 * mm)}[preset]
def row(setter, f):
    print(f"{setter:<10} {doc.split('/')[-1][:-5]:<22} {preset:>7} {f['hyphenated_percent']:6.1f} "
          f"{f['longest_run']:8} {f['widest_space']:8.2f} {f['shortest_page_white_lines']:7.2f}")
folio = json.loads(subprocess.run(["python3", "scripts/pdf-figures.py", pdf, "--area", *map(str, area), "--json"],
                                  check=True, capture_output=True, text=True).stdout)
row("folio", folio)
t = subprocess.run(["python3", "scripts/typst-figures.py", doc, preset, typst_pdf], capture_output=True, text=True)
if t.returncode == 0:
    typst = json.loads(t.stdout)
    row("typst", typst)
    ratio = lambda k: folio[k] / typst[k] if typst[k] else float("nan")
    print(f"{'ratio':<10} {'folio / typst':<22} {preset:>7} {ratio('hyphenated_percent'):6.2f} "
          f"{ratio('longest_run'):8.2f} {ratio('widest_space'):8.2f}")
else:
    print(f"{'typst':<10} (not installed: pip install typst, or the typst command)")
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

# Sizes of the seed's DOCX (fonts embedded, and `docx.embed-fonts = false`) and EPUB, and of
# the sample volume's: targets in docs/docx.md (under 120 KB with fonts, 20 KB without).
sizes="$out/sizes"; rm -rf "$sizes"; mkdir -p "$sizes/plain"
printf '[docx]\nembed-fonts = false\n' > "$sizes/no-fonts.style.toml"
$FOLIO export samples/zinoviev-1932-12-03.toml --to docx,epub --out-dir "$sizes" >/dev/null
$FOLIO export samples/zinoviev-1932-12-03.toml --to docx --style "$sizes/no-fonts.style.toml" --out-dir "$sizes/plain" --quiet
$FOLIO volume samples/volume/sample.volume.toml --to docx,epub --out-dir "$sizes" >/dev/null
echo
printf '%-34s %10s\n' file KB
for f in "$sizes/zinoviev-1932-12-03.docx" "$sizes/plain/zinoviev-1932-12-03.docx" \
         "$sizes/zinoviev-1932-12-03.epub" "$sizes/sample.docx" "$sizes/sample.epub"; do
  label=${f#"$sizes/"}; [ "${label#plain/}" != "$label" ] && label="${label#plain/} (no fonts)"
  printf '%-34s %10.1f\n' "$label" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN{print b/1024}')"
done

# TEI: a 1,000-letter batch copied from the corpus, every edition; read time per letter,
# TEI next to TOML (scripts/tei-batch.sh).
echo
./scripts/tei-batch.sh "$out"
./scripts/bench-scale.sh "$FOLIO" "$out"
