#!/usr/bin/env bash
# Whole-process benchmarks: median wall time and CPU time of `folio export` per edition for
# the seed letter and the long sample (hyperfine), each beside its target; Typst and pandoc
# on the same letter; the typographic figures of the long sample and a generated protocol,
# beside Typst's; batches of a varied collection (CPU time, peak memory, --jobs 1 and 2).
#
# The single-document rows write to standard output (`-o -`, discarded by hyperfine): what
# they time is folio's work. Written to a folder, each file is also fsynced, and so is the
# folder (never a half-written file after a crash): that costs what the disk takes, shown
# in the "to disk" row. On a shared machine wall times are noisy; the CPU columns (user +
# system) are the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLIO=target/dist/folio
command -v hyperfine >/dev/null || ./scripts/deps.sh
out=bench-out; mkdir -p "$out"
seed=samples/zinoviev-1932-12-03.toml
long=samples/long/long-report-1925.toml

# One row: hyperfine's median and mean CPU of COMMAND, beside TARGET (text).
row() {
  local label=$1 doc=$2 target=$3; shift 3
  local json="$out/time-$label-$doc.json"
  hyperfine -N --warmup 3 --runs 30 --export-json "$json" "$*" >/dev/null 2>&1
  python3 - "$json" "$label" "$doc" "$target" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:<16} {sys.argv[3]:<24} {r['median']*1000:9.2f} {(r['user']+r['system'])*1000:8.2f}  {sys.argv[4]}")
PY
}
printf '%-16s %-24s %9s %8s  %s\n' edition document median_ms cpu_ms target
for fmt in txt pdf docx epub; do
  for doc in "$seed" "$long"; do
    stem=$(basename "$doc" .toml)
    target="-"
    case "$fmt-$stem" in
      pdf-zinoviev-1932-12-03) target="< 10 ms (issues 10, 11); <= 4 ms (issue 15)" ;;
      pdf-long-report-1925) target="< 30 ms (issues 10, 11)" ;;
    esac
    row "$fmt" "${stem:0:24}" "$target" "$FOLIO export $doc --to $fmt -o - -q"
  done
done
row "pdf untagged" "zinoviev-1932-12-03" "tagging's cost: the pdf row minus this" \
  "$FOLIO export $seed --to pdf --pdf-standard none -o - -q"
row "pdf to disk" "zinoviev-1932-12-03" "the pdf row plus two fsyncs" \
  "$FOLIO export $seed --to pdf --out-dir $out -q"

# The peers on the same letter: Typst to PDF, pandoc to DOCX and EPUB (scripts/peer-times.py).
$FOLIO export "$seed" --to txt -o "$out/peer-seed.txt" -q
peers=$(python3 scripts/peer-times.py "$out/peer-seed.txt" "$out/peers")
python3 - "$peers" "$out" <<'PY'
import json, sys
peers, out = json.loads(sys.argv[1]), sys.argv[2]
folio = {f: json.load(open(f"{out}/time-{f}-zinoviev-1932-12-03.json"))["results"][0]["median"]
         for f in ("pdf", "docx", "epub")}
print()
for key, fmt, name in (("typst_pdf", "pdf", "Typst (in-process compile)"),
                       ("pandoc_docx", "docx", "pandoc"), ("pandoc_epub", "epub", "pandoc")):
    if key in peers:
        print(f"peer     {fmt:<5} {name:<27} {peers[key]*1000:8.1f} ms; folio {folio[fmt]*1000:6.1f} ms: "
              f"folio is {peers[key]/folio[fmt]:4.1f}x faster")
    else:
        print(f"peer     {fmt:<5} {name:<27} not installed")
PY

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

# Batch: 1,000 generated transcriptions (varied lengths, each with its own vocabulary:
# scripts/gen-collection.py), four editions, on 1 and 2 workers; then each edition alone
# (2 workers); then 10,000 of them, to show the peak memory flat in the number of documents.
# CPU time is user + system by GNU time (issue 15: at most 3 s for 1,000 x 4 editions;
# peak at most 200 MiB, the same at 10,000 as at 1,000).
coll="$out/collection"
[ -f "$coll/doc-09999.json" ] || python3 scripts/gen-collection.py "$coll" 10000 120 >/dev/null
first="$out/collection-1000"
if [ ! -f "$first/doc-00999.json" ]; then
  mkdir -p "$first"; cp "$coll"/doc-00[0-9][0-9][0-9].json "$first"/
fi
echo
printf '%-28s %6s %8s %8s %9s  %s\n' batch jobs wall_s cpu_s peak_MiB target
batch() {
  local label=$1 dir=$2 fmt=$3 jobs=$4 target=$5
  rm -rf "$out/batch"
  if ! /usr/bin/time -f "%e %U %S %M" -o "$out/time" $FOLIO export "$dir" --to "$fmt" --out-dir "$out/batch" --jobs "$jobs" --quiet 2>/dev/null; then
    printf '%-28s %6s %8s\n' "$label" "$jobs" "(failed)"; return
  fi
  read -r wall user sys kb < "$out/time"
  python3 -c "import sys; l,j,w,u,s,k,t=sys.argv[1:]; print(f'{l:<28} {j:>6} {float(w):8.2f} {float(u)+float(s):8.2f} {int(k)/1024:9.1f}  {t}')" \
    "$label" "$jobs" "$wall" "$user" "$sys" "$kb" "$target"
}
batch "1,000 x 4 editions" "$first" txt,pdf,docx,epub 1 "cpu <= 3 s; peak <= 200 MiB"
batch "1,000 x 4 editions" "$first" txt,pdf,docx,epub 2 "wall: --jobs 2 against 1"
for fmt in txt pdf docx epub; do
  batch "1,000 x $fmt" "$first" "$fmt" 2 "-"
done
batch "10,000 x 4 editions" "$coll" txt,pdf,docx,epub 2 "peak <= 200 MiB, as at 1,000"

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
