#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (make fuzz). Seeds every corpus with the samples
# and test fixtures, passes folio's markup dictionary, and copies any crash into
# tests/fixtures/fuzz/ for a regression test to pick up.
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_TARGETS  targets to run (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"read_toml read_json markup writers"}
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: needs a nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
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
    (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -dict=folio.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 \
        -max_len=262144 -print_final_stats=1) 2>&1 | tail -n 25 | tee "fuzz/last-$t.log" || status=$?
    if compgen -G "fuzz/artifacts/$t/*" >/dev/null; then
        mkdir -p tests/fixtures/fuzz
        cp -n fuzz/artifacts/"$t"/* tests/fixtures/fuzz/
        echo "fuzz: $t found inputs that fail: copied to tests/fixtures/fuzz/" >&2
        exit 1
    fi
    if [ "${status:-0}" != 0 ]; then exit "$status"; fi
done
