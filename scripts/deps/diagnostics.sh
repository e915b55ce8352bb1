#!/usr/bin/env bash
# Diagnostics and the command line (issue 12): a JSON Schema validator for `folio schema`
# (check-jsonschema, pip) and a TOML linter that reads the schema (taplo, npm).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v check-jsonschema >/dev/null; then
  pip install --quiet --break-system-packages "check-jsonschema==0.39.0" 2>/dev/null \
    || pip install --quiet "check-jsonschema==0.39.0"
fi
if [ ! -x .tools/taplo/node_modules/.bin/taplo ]; then
  npm install --silent --no-audit --no-fund --prefix .tools/taplo "@taplo/cli@0.7.0"
fi
