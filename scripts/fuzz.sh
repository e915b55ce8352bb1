#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (make fuzz). Seeds every corpus with the samples
# and test fixtures, passes folio's markup dictionary, and copies any crash into
# tests/fixtures/fuzz/ for a regression test to pick up.
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_TARGETS  targets to run (default: all)
#   FUZZ_TIMEOUT  seconds one input may take before libFuzzer calls it a hang (default 10; a
#                 run at low priority on a busy machine needs more, or it reports load as hangs)
#   FUZZ_TOOLCHAIN  the nightly toolchain (default: a pinned date, installed when missing, so
#                 CI's `make test` smoke run builds the same way on every machine)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
found=0
targets=${FUZZ_TARGETS:-"read_toml read_json markup writers"}
toolchain=${FUZZ_TOOLCHAIN:-nightly-2026-05-20}
if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
    command -v rustup >/dev/null || { echo "fuzz: needs rustup to install $toolchain" >&2; exit 1; }
    rustup toolchain install "$toolchain" --profile minimal
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
for t in $targets; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus"
    case $t in
        read_json) cp -n tests/fixtures/json/*.json "$corpus"/ 2>/dev/null || true ;;
        markup) grep -h '^text = ' samples/*.toml | sed 's/^text = //; s/^"//; s/"$//' |
                    split -l 1 - "$corpus/seed-" ;;
        *) cp -n samples/*.toml samples/long/*.toml "$corpus"/ ;;
    esac
    echo "fuzz: $t for ${seconds}s"
    (cd fuzz && cargo "+$toolchain" fuzz run "$t" "corpus/$t" -- \
        -dict=folio.dict -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3072 \
        -max_len=262144 -print_final_stats=1) 2>&1 | tail -n 25 | tee "fuzz/last-$t.log" || status=$?
    # libFuzzer's slow-unit-* files are inputs over 10 s: on a loaded machine at low
    # priority they are the load, not folio; they are listed, and judged by a re-run.
    if compgen -G "fuzz/artifacts/$t/slow-unit-*" >/dev/null; then
        echo "fuzz: $t wrote slow inputs (not failures): $(ls fuzz/artifacts/"$t"/slow-unit-* | wc -l)" >&2
    fi
    if compgen -G "fuzz/artifacts/$t/[ctol]*-*" >/dev/null; then
        mkdir -p tests/fixtures/fuzz
        cp -n fuzz/artifacts/"$t"/[ctol]*-* tests/fixtures/fuzz/
        echo "fuzz: $t found inputs that fail: copied to tests/fixtures/fuzz/" >&2
        found=1
    elif [ "${status:-0}" != 0 ]; then exit "$status"; fi
    status=0
done
# Every target runs even when an earlier one found something; the findings fail the run.
exit "$found"
