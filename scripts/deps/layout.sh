#!/usr/bin/env bash
# `make bench` compares folio's typography with Typst's on the same text when Typst is
# there: the pip package (pinned) gives it without a Rust build. The tests do not need it.
set -euo pipefail
python3 -c "import typst" 2>/dev/null || pip install --quiet "typst==0.15.0" || echo "typst not installed: make bench skips the comparison"
