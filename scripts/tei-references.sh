#!/usr/bin/env bash
# Re-renders the TEI reference pages (tests/reference/tei-*.png, sources in
# tests/reference/TEI-SOURCES.md) from the corpus in ../shared/corpora/tei.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLIO=${FOLIO:-target/dist/folio}
corpus=../shared/corpora/tei
[ -d "$corpus" ] || corpus=../../shared/corpora/tei
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tolstoy" "$tmp/alter-rebbe"
cp "$corpus/tolstoy/v59_063_N_A_Nekrasovu.xml" "$tmp/tolstoy/"
cp docs/tei-mappings/tolstoy.toml "$tmp/tolstoy/tei-mapping.toml"
cp "$corpus/alter-rebbe/084.xml" "$tmp/alter-rebbe/"
"$FOLIO" export "$tmp/tolstoy/v59_063_N_A_Nekrasovu.xml" -o "$tmp/t.pdf" -q
"$FOLIO" export "$tmp/alter-rebbe/084.xml" -o "$tmp/a.pdf" -q
pdftoppm -png -mono -r 72 -singlefile -f 1 -l 1 "$tmp/t.pdf" tests/reference/tei-tolstoy-nekrasov
pdftoppm -png -mono -r 72 -singlefile -f 1 -l 1 "$tmp/a.pdf" tests/reference/tei-alter-rebbe-084
