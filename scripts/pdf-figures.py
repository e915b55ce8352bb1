#!/usr/bin/env python3
"""Typographic figures of a PDF, read back with `pdftotext -bbox-layout` (poppler), the way a
proof-reader looks at the pages: the same measure for folio's PDF and for Typst's.

usage: pdf-figures.py PDF --area TOP BOTTOM [--json]

TOP and BOTTOM bound the text area in points from the page's top edge (the running head
above TOP and the page number below BOTTOM are left out). Prints, or writes as JSON:

- lines: text lines in the text area;
- hyphenated: lines ending in a hyphen, and their share in percent;
- longest_run: the most consecutive lines ending in a hyphen;
- widest_space: the widest word space of a justified line, in normal spaces (the median
  space of the lines set at their natural width, i.e. not reaching the right edge), with
  where it stands;
- shortest_page: for every page but the last, the white at the foot of the text or in a
  hole above the footnotes, in lines of the body's leading (the worst page and its number;
  page_white_lines lists every page's).
"""
import json
import re
import statistics
import subprocess
import sys
from html import unescape

# A hyphen at a line end: folio writes "-", Typst a soft hyphen.
HYPHENS = ("-", "\u2010", "\u00ad")


def pages_of(pdf):
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        lines = []
        for block in re.finditer(r"<block [^>]*>(.*?)</block>", page.group(3), re.S):
            for line in re.finditer(r"<line ([^>]*)>(.*?)</line>", block.group(1), re.S):
                words = [
                    (float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), unescape(m.group(5)))
                    for m in re.finditer(
                        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                        line.group(2),
                    )
                ]
                if words:
                    lines.append(
                        {
                            "x0": min(w[0] for w in words),
                            "x1": max(w[2] for w in words),
                            "y0": min(w[1] for w in words),
                            "y1": max(w[3] for w in words),
                            "h": round(statistics.median(w[3] - w[1] for w in words), 1),
                            "words": words,
                        }
                    )
        pages.append({"width": float(page.group(1)), "height": float(page.group(2)), "lines": lines})
    return pages


LABEL = re.compile(r"^(\d+[.)]|[–—•])$")


def gaps(line):
    """Word spaces of a line; the space after a list item's label ("2." and an en space)
    is the label's, not a word space."""
    ws = sorted(line["words"], key=lambda w: w[0])
    if ws and LABEL.match(ws[0][4]):
        ws = ws[1:]
    return [b[0] - a[2] for a, b in zip(ws, ws[1:]) if b[0] - a[2] > 0.3]


def figures(pdf, top, bottom):
    pages = pages_of(pdf)
    for p in pages:
        p["lines"] = [l for l in p["lines"] if l["y0"] >= top - 1 and l["y1"] <= bottom + 2]
    all_lines = [l for p in pages for l in p["lines"]]
    if not all_lines:
        return {"lines": 0}
    body_h = statistics.mode(l["h"] for l in all_lines)
    right = max(l["x1"] for l in all_lines)
    # Natural spaces, per line height: lines that stop short of the right edge are not
    # justified, so their spaces are the font's own.
    natural = {}
    for l in all_lines:
        if l["x1"] < right - 12:
            natural.setdefault(l["h"], []).extend(gaps(l))
    natural = {h: statistics.median(g) for h, g in natural.items() if len(g) >= 5}
    body_space = natural.get(body_h, body_h * 0.2)

    hyphenated = 0
    run = longest = 0
    widest = (0.0, "")
    for pi, p in enumerate(pages):
        for l in p["lines"]:
            last = max(l["words"], key=lambda w: w[2])[4]
            if last.endswith(HYPHENS) and len(last) > 1:
                hyphenated += 1
                run += 1
                longest = max(longest, run)
            else:
                run = 0
            if l["x1"] >= right - 1.5:
                space = natural.get(l["h"], body_space * l["h"] / body_h)
                g = gaps(l)
                if g and max(g) / space > widest[0]:
                    text = " ".join(w[4] for w in sorted(l["words"], key=lambda w: w[0]))
                    widest = (max(g) / space, f"page {pi + 1}: {text}")

    # The body's leading: the usual distance between baselines of consecutive body lines.
    steps = []
    for p in pages:
        body = sorted((l for l in p["lines"] if l["h"] == body_h), key=lambda l: l["y0"])
        steps += [round(b["y1"] - a["y1"], 1) for a, b in zip(body, body[1:]) if b["y1"] - a["y1"] > 1]
    leading = statistics.mode(steps) if steps else body_h * 1.2
    short = (0.0, 0)
    whites = []
    for pi, p in enumerate(pages[:-1]):
        ls = sorted(p["lines"], key=lambda l: l["y0"])
        if not ls:
            short = max(short, ((bottom - top) / leading, pi + 1))
            whites.append(round((bottom - top) / leading, 2))
            continue
        white = (bottom - max(l["y1"] for l in ls)) / leading
        # A hole inside the page (above the footnotes): more than the line it replaces.
        # Lines side by side (marks beside an address) overlap: measure from the lowest
        # bottom above.
        # A block read as one text (folio's ActualText: marks beside an address, a
        # signature) comes back as one "word" with spaces and the box of its first line:
        # its real bottom is unknown, so the gap below it is not measured.
        reach = ls[0]["y1"]
        actual = False
        for a, b in zip(ls, ls[1:]):
            actual = actual or any(" " in w[4] for w in a["words"])
            if not actual:
                white = max(white, (b["y0"] - reach) / leading - 1.0)
            reach = max(reach, b["y1"])
            actual = actual and b["y0"] < reach + 1
        short = max(short, (round(white, 2), pi + 1))
        whites.append(round(white, 2))
    return {
        "pages": len(pages),
        "lines": len(all_lines),
        "hyphenated": hyphenated,
        "hyphenated_percent": round(100.0 * hyphenated / len(all_lines), 1),
        "longest_run": longest,
        "widest_space": round(widest[0], 2),
        "widest_space_at": widest[1],
        "shortest_page_white_lines": short[0],
        "shortest_page": short[1],
        "leading": leading,
        "page_white_lines": whites,
    }


def main():
    args = sys.argv[1:]
    if "--area" not in args or not args:
        sys.exit(__doc__)
    i = args.index("--area")
    top, bottom = float(args[i + 1]), float(args[i + 2])
    pdf = args[0]
    f = figures(pdf, top, bottom)
    if "--json" in args:
        print(json.dumps(f, ensure_ascii=False))
    else:
        for k, v in f.items():
            print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
