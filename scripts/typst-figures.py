#!/usr/bin/env python3
"""Sets the running text of a transcription with Typst, on the page of a folio preset (same
paper, margins, PT Serif size and leading, justified, hyphenated, in the document's
language), and prints the same figures as pdf-figures.py — for `make bench` to compare.

Uses the `typst` command when it is on PATH, else the `typst` Python package (pip install
typst); exits 3 when neither is there.

usage: typst-figures.py TRANSCRIPTION.toml PRESET OUT.pdf
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
doc_path, preset, out = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
doc = tomllib.loads(pathlib.Path(doc_path).read_text())
# The presets' PDF settings (src/style/pdf.rs).
PRESETS = {
    "edition": dict(paper="a5", top=16, bottom=18, left=17, right=15, size=10.5, leading=13.0),
    "handout": dict(paper="a4", top=22, bottom=22, left=30, right=25, size=12.5, leading=19.0),
}
p = PRESETS[preset]


def plain(markup):
    """The words of a Djot-marked text: notes, marks and brackets of the markup dropped."""
    s = re.sub(r"\[\^[^\]]*\]", "", markup)
    s = re.sub(r"\{[-+=]([^{}]*?)[-+=]\}", r"\1", s)
    s = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", s)
    s = re.sub(r"[*_^]", "", s)
    return s.replace("\\", "")


paragraphs = []
for block in doc.get("content", []):
    if block.get("role") in ("text", "postscript"):
        paragraphs += [plain(t).strip() for t in re.split(r"\n\s*\n", block["text"]) if t.strip()]
    elif block.get("role") == "list":
        paragraphs += [plain(t).strip() for t in block.get("items", [])]


def escape(t):
    return re.sub(r"([#$*_`<>@\[\]\\/~])", r"\\\1", t)


lang = doc.get("language", "ru").split("-")[0]
source = f"""#set page(paper: "{p['paper']}", margin: (top: {p['top']}mm, bottom: {p['bottom']}mm,
  left: {p['left']}mm, right: {p['right']}mm))
#set text(font: "PT Serif", size: {p['size']}pt, lang: "{lang}", hyphenate: true,
  top-edge: "baseline", bottom-edge: "baseline")
#set par(justify: true, first-line-indent: (amount: 1.5em, all: true), spacing: {p['leading']}pt,
  leading: {p['leading']}pt)
""" + "\n\n".join(escape(t) for t in paragraphs) + "\n"
typ = out.with_suffix(".typ")
typ.write_text(source)
if shutil.which("typst"):
    subprocess.run(["typst", "compile", "--font-path", str(root / "fonts"), str(typ), str(out)], check=True)
else:
    try:
        import typst
    except ImportError:
        sys.exit(3)
    typst.compile(str(typ), output=str(out), font_paths=[str(root / "fonts")])
mm = 72 / 25.4
height = {"a5": 595.276, "a4": 841.89}[p["paper"]]
figures = subprocess.run(
    [sys.executable, str(root / "scripts/pdf-figures.py"), str(out), "--area",
     str(p["top"] * mm), str(height - p["bottom"] * mm), "--json"],
    check=True, capture_output=True, text=True,
).stdout
print(figures.strip())
