#!/usr/bin/env bash
# PDF tests: pdf-oxide (PDF/A and PDF/UA validation) and pdfua (PDF/UA-1's machine-checkable
# rules) from pip; pdf.js (pdfjs-dist, Firefox's reader) from npm into .tools/pdfjs, run with
# node to read the structure tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
pip_want() {
  local have
  # `pip show` exits 1 when the package is absent, which under `set -e` would end the script.
  have=$(python3 -m pip show "$1" 2>/dev/null | awk '/^Version:/{print $2}') || true
  if [ "$have" != "$2" ]; then
    python3 -m pip install -q "$1==$2"
  fi
}
pip_want pdf-oxide 0.3.78
pip_want pdfua 0.1.3
pdfjs=5.6.205
if [ "$(node -p "require('./.tools/pdfjs/node_modules/pdfjs-dist/package.json').version" 2>/dev/null)" != "$pdfjs" ]; then
  npm install --silent --prefix .tools/pdfjs "pdfjs-dist@$pdfjs"
fi
