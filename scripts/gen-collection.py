#!/usr/bin/env python3
"""Generates a benchmark collection from the samples: N JSON transcriptions of varied
lengths (paragraphs repeated 1 to 12 times), plus a volume manifest over the first M.

Each document gets its own vocabulary, as real letters have: every Cyrillic word of four
letters or more in its texts and notes is replaced, consistently within the document, by a
made-up word of the same length and capitalisation drawn from a generator seeded by the
document's number. A batch of these therefore meets new words all the time, which is what
shows whether its per-thread caches (shaped words, hyphenation points) stay bounded; the
markup (ASCII) and the short words (prepositions, "г.") are kept, so the layout is alike.

usage: gen-collection.py OUT_DIR [N=1000] [VOLUME_DOCS=100] [--repetitive]
  --repetitive  keep the samples' own words (the collection of earlier benchmarks)
"""
import json, pathlib, random, re, sys, tomllib

args = [a for a in sys.argv[1:] if not a.startswith("--")]
repetitive = "--repetitive" in sys.argv[1:]
sys.argv[1:] = args

CONSONANTS = "бвгджзклмнпрстфхцчшщ"
VOWELS = "аеиоуыэюяё"
WORD = re.compile(r"[А-Яа-яЁё]{4,}")


def made_up(rng, length):
    """A pronounceable word of `length` letters: consonants and vowels alternating."""
    letters = []
    for k in range(length):
        pool = CONSONANTS if (k % 2 == 0) != (rng.random() < 0.1) else VOWELS
        letters.append(rng.choice(pool))
    return "".join(letters)


def revocabulary(value, words, rng):
    """`value` (any JSON value) with every long Cyrillic word replaced through `words`."""
    if isinstance(value, str):
        def swap(m):
            w = m.group(0)
            if w.lower() not in words:
                words[w.lower()] = made_up(rng, len(w))
            new = words[w.lower()]
            if w.isupper():
                return new.upper()
            return new.capitalize() if w[0].isupper() else new
        return WORD.sub(swap, value)
    if isinstance(value, list):
        return [revocabulary(v, words, rng) for v in value]
    if isinstance(value, dict):
        # Keys and identifiers (ids, roles, dates, note ids) stay; only texts change.
        return {k: (revocabulary(v, words, rng) if k in ("text", "items", "notes", "content", "title") else v)
                for k, v in value.items()}
    return value

out = pathlib.Path(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
volume_docs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
root = pathlib.Path(__file__).resolve().parent.parent
samples = [tomllib.loads(p.read_text()) for p in sorted((root / "samples").glob("*.toml"))]
out.mkdir(parents=True, exist_ok=True)
names = []
for i in range(n):
    doc = json.loads(json.dumps(samples[i % len(samples)]))
    if not repetitive:
        doc = revocabulary(doc, {}, random.Random(i))
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
