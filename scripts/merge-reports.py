#!/usr/bin/env python3
"""Merges the JSON reports of several `folio export --report` runs (one per shard) into one:
the records in input order, totals summed (ms: the longest shard, as shards run at once).

usage: merge-reports.py REPORT... > merged.json
"""
import json, sys

reports = [json.load(open(p)) for p in sys.argv[1:]]
inputs = sorted((r for rep in reports for r in rep["inputs"]), key=lambda r: r["input"])
totals = {k: sum(rep["totals"][k] for rep in reports) for k in ("inputs", "ok", "failed", "outputs", "bytes", "warnings")}
totals["ms"] = max((rep["totals"]["ms"] for rep in reports), default=0)
folio = sorted({rep["folio"] for rep in reports})
json.dump({"folio": folio[0] if len(folio) == 1 else folio, "inputs": inputs, "totals": totals}, sys.stdout, ensure_ascii=False, indent=2)
print()
