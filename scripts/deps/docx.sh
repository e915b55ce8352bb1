#!/usr/bin/env bash
# DOCX tests: openxml-audit (a port of the Open XML SDK validator) checks every sample and
# the volume with its strict policy.
set -euo pipefail
want=0.8.0
# `pip show` exits 1 when the package is absent, which under `set -e` would end the script.
have=$(python3 -m pip show openxml-audit 2>/dev/null | awk '/^Version:/{print $2}') || true
if [ "$have" != "$want" ]; then
  python3 -m pip install -q "openxml-audit==$want"
fi
