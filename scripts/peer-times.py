#!/usr/bin/env python3
"""Times Typst and pandoc on the same letter folio is timed on, for `make bench`'s ratios.

The peers get the letter's running text as folio's plain-text edition has it (FOLIO_TXT):
Typst sets it on folio's A5 page in PT Serif, justified and hyphenated, to PDF; pandoc
writes it from Markdown to DOCX and EPUB. Typst is timed in-process (the `typst` Python
package's compile, without Python's start-up, which favours Typst), pandoc as a whole
process by hyperfine, like folio. Prints one JSON object: median seconds per peer and
edition; a peer that is not installed is left out.

usage: peer-times.py FOLIO_TXT OUT_DIR
"""
import json, pathlib, shutil, statistics, subprocess, sys, time

txt, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
root = pathlib.Path(__file__).resolve().parent.parent
paragraphs = [p.strip().replace("\n", " ") for p in txt.read_text().split("\n\n") if p.strip()]
result = {}

typ = out / "letter.typ"
escape = lambda s: "".join("\\" + c if c in "#*_`$<>@[]\\/~" else c for c in s)
typ.write_text(
    '#set page(paper: "a5", margin: (top: 16mm, bottom: 18mm, left: 17mm, right: 15mm))\n'
    '#set text(font: "PT Serif", size: 10.5pt, lang: "ru", hyphenate: true)\n'
    "#set par(justify: true, leading: 0.5em, first-line-indent: 1.2em)\n\n"
    + "\n\n".join(escape(p) for p in paragraphs) + "\n")
try:
    import typst
    fonts = [str(root / "fonts")]
    typst.compile(str(typ), output=str(out / "letter-typst.pdf"), font_paths=fonts)
    runs = []
    for _ in range(15):
        t = time.perf_counter()
        typst.compile(str(typ), output=str(out / "letter-typst.pdf"), font_paths=fonts)
        runs.append(time.perf_counter() - t)
    result["typst_pdf"] = statistics.median(runs)
except ImportError:
    pass

if shutil.which("pandoc") and shutil.which("hyperfine"):
    md = out / "letter.md"
    md.write_text("\n\n".join(paragraphs) + "\n")
    for fmt in ("docx", "epub"):
        j = out / f"pandoc-{fmt}.json"
        subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", "15", "--export-json", str(j),
                        f"pandoc {md} -M lang=ru -M title=Letter -o {out}/letter-pandoc.{fmt}"],
                       check=True, capture_output=True)
        result[f"pandoc_{fmt}"] = json.loads(j.read_text())["results"][0]["median"]
print(json.dumps(result))
