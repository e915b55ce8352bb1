#!/usr/bin/env bash
# Runs the commands of docs/scaling.md locally (Slurm array tasks, Kubernetes indexes,
# GNU parallel with --sshlogin :) and checks that the shards cover the inputs exactly once.
# usage: check-scaling.sh FOLIO_BINARY
set -euo pipefail
FOLIO_BIN=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
folio() { "$FOLIO_BIN" "$@"; }
export -f folio; export FOLIO_BIN
mkdir -p collection reports
for i in 1 2 3 4; do for s in "$root"/samples/*.toml; do cp "$s" "collection/$(basename "$s" .toml)-$i.toml"; done; done
total=$(ls collection | wc -l)

check() { # name, reports…
  local name=$1; shift
  python3 "$root/scripts/merge-reports.py" "$@" > "reports/$name-all.json"
  python3 - "reports/$name-all.json" "$total" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); total = int(sys.argv[2])
names = [x["input"].split("/")[-1] for x in r["inputs"]]
assert len(names) == len(set(names)) == total, (sys.argv[3], len(names), len(set(names)), total)
assert r["totals"]["ok"] == total and r["totals"]["failed"] == 0, r["totals"]
print(f"{sys.argv[3]}: {total} inputs in shards, each exactly once")
PY
}

# Slurm: the array job's body, once per task id.
for SLURM_ARRAY_TASK_ID in 1 2 3 4 5 6 7 8; do
  SLURM_CPUS_PER_TASK=1
  folio export collection/ --to txt --jobs "${SLURM_CPUS_PER_TASK:-2}" \
    --shard "${SLURM_ARRAY_TASK_ID}/8" \
    --out-dir "editions/shard-${SLURM_ARRAY_TASK_ID}" \
    --report "reports/slurm-${SLURM_ARRAY_TASK_ID}.json" --quiet
done
check slurm reports/slurm-*.json

# Kubernetes: the container's command, once per completion index.
for JOB_COMPLETION_INDEX in 0 1 2 3 4 5 6 7; do
  folio export collection --to txt --quiet \
    --shard "$((JOB_COMPLETION_INDEX + 1))/8" \
    --out-dir "editions/k8s-$((JOB_COMPLETION_INDEX + 1))" \
    --report "reports/k8s-$((JOB_COMPLETION_INDEX + 1)).json"
done
check k8s reports/k8s-*.json

# GNU parallel, the local login standing in for ssh hosts.
parallel --sshlogin : --jobs 1 \
  "cd $work && $FOLIO_BIN export collection/ --to txt --quiet \
     --shard {}/3 --out-dir editions/par-{} --report reports/par-{}.json" ::: 1 2 3
check parallel reports/par-*.json
