#!/usr/bin/env python3
"""Generates a benchmark collection from the samples: N JSON transcriptions of varied
lengths (paragraphs repeated 1 to 12 times), plus a volume manifest over the first M.

usage: gen-collection.py OUT_DIR [N=1000] [VOLUME_DOCS=100]
"""
import json, pathlib, sys, tomllib

out = pathlib.Path(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
volume_docs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
root = pathlib.Path(__file__).resolve().parent.parent
samples = [tomllib.loads(p.read_text()) for p in sorted((root / "samples").glob("*.toml"))]
out.mkdir(parents=True, exist_ok=True)
names = []
for i in range(n):
    doc = json.loads(json.dumps(samples[i % len(samples)]))
    doc["id"] = f"bench-{i:05d}"
    doc["number"] = str(i + 1)
    # Vary the length: repeat the running text 1..12 times (a deterministic spread).
    repeat = 1 + (i * 7) % 12
    for block in doc["content"]:
        if block.get("role") == "text":
            block["text"] = "\n\n".join([block["text"].strip()] * repeat)
    name = f"doc-{i:05d}.json"
    (out / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1))
    names.append(name)
manifest = {
    "title": "Benchmark volume",
    "documents": names[:volume_docs],
}
lines = ['title = "Benchmark volume"', "documents = ["] + [f'  "{x}",' for x in names[:volume_docs]] + ["]"]
(out / "bench.volume.toml").write_text("\n".join(lines) + "\n")
print(f"{n} transcriptions and a {volume_docs}-document volume in {out}")
