#!/usr/bin/env bash
# Renders page 1 of every sample, in both presets, into tests/reference/ (`make references`);
# tests/typography.rs compares fresh renders with them. Look at the images before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLIO=${FOLIO:-target/dist/folio}
tmp=$(mktemp -d)
for doc in samples/*.toml samples/long/*.toml; do
  stem=$(basename "$doc" .toml)
  for preset in edition handout; do
    SOURCE_DATE_EPOCH=1700000000 $FOLIO export "$doc" --preset "$preset" -o "$tmp/$stem.pdf"
    pdftoppm -png -mono -r 72 -singlefile -f 1 -l 1 "$tmp/$stem.pdf" "tests/reference/$stem-$preset"
  done
done
rm -rf "$tmp"
ls tests/reference/*.png
